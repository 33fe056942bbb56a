/*
 * gen.c - deterministic generator of jobSessions payloads for the benchmarks
 * and the tests (no dependencies beyond libc).
 *
 *   gen [--seed N] [--size BYTES|K|M|G] [--count N]
 *       [--format compact|pretty] [--shape page|ndjson|session|log]
 *       [--errors DENSITY] [--running FRACTION] [-q] [-o FILE]
 *
 * Same arguments -> same bytes, on any machine: the only randomness is a
 * splitmix64 stream derived from --seed, and nothing reads the clock, the
 * locale or rand().  Output is streamed through one fixed buffer, so memory
 * is flat whatever --size is.
 *
 * The shape follows the vendor's example (shared/seed, API v1): the page
 * envelope and the session members in the seed's order, ids as numeric text
 * counting down to 1, start times going back from 2020-02-07, usn growing
 * with the id, every executionStopTime = executionStartTime +
 * executionDuration exactly (to the microsecond), timestamps with trailing
 * fraction zeros trimmed (Json.NET's "FFFFFFF"), durations in the TimeSpan
 * "c" format with 7 fraction digits.
 *
 * --size picks how many sessions (or log entries) to write: the mean size of
 * one is measured first on a deterministic sample of 4096, then exactly N
 * are written, N = (size - envelope) / mean, so the output lands within a
 * percent or so of --size.  --count N bypasses the estimate.  K, M and G are
 * powers of 1024.
 *
 * --errors D injects, with probability D per session (per entry for a log),
 * exactly one defect, cycling through the kinds of DEFECTS below; a kind
 * that cannot occur in the shape (duplicate-id outside a page) is skipped.
 * A summary goes to stderr at the end (-q: none).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ PRNG */

static uint64_t next64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [0, n); the modulo bias is far below anything measured here. */
static uint64_t below(uint64_t *s, uint64_t n)
{
    return next64(s) % n;
}

static int64_t range(uint64_t *s, int64_t lo, int64_t hi)
{
    return lo + (int64_t)below(s, (uint64_t)(hi - lo + 1));
}

#define PPB 1000000000u /* probabilities are in parts per billion */

static int chance(uint64_t *s, uint32_t ppb)
{
    return below(s, PPB) < ppb;
}

/* --------------------------------------------------------------- output */

#define OUT_CAP (1u << 20)
#define MAX_DEPTH 16

typedef struct out {
    char *buf;
    size_t len;
    int fd;             /* -1: count the bytes, write nothing */
    uint64_t flushed;   /* bytes already handed to write() (or counted) */
    int pretty;
    int depth;
    unsigned char first[MAX_DEPTH]; /* no member/element yet at this depth */
} out;

static void die(const char *msg)
{
    fprintf(stderr, "gen: %s\n", msg);
    exit(2);
}

static void flush(out *o)
{
    size_t off = 0;
    while (o->fd >= 0 && off < o->len) {
        ssize_t w = write(o->fd, o->buf + off, o->len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "gen: write: %s\n", strerror(errno));
            exit(2);
        }
        off += (size_t)w;
    }
    o->flushed += o->len;
    o->len = 0;
}

static uint64_t out_total(const out *o)
{
    return o->flushed + o->len;
}

/* Every piece written is far smaller than OUT_CAP (at most a few hundred
 * bytes), so one check per piece is enough. */
static void put(out *o, const char *s, size_t n)
{
    if (OUT_CAP - o->len < n)
        flush(o);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

#define PUTS(o, lit) put((o), (lit), sizeof(lit) - 1)

static void put1(out *o, char c)
{
    if (o->len == OUT_CAP)
        flush(o);
    o->buf[o->len++] = c;
}

static const char NL_INDENT[] =
    "\n                                                                ";

static void newline(out *o)
{
    put(o, NL_INDENT, 1 + 2 * (size_t)o->depth);
}

/* Before a member: separator, then the key.  Compact: `,"key":`; pretty:
 * `,\n<indent>"key": ` as JSON.stringify(x, null, 2) writes it. */
static void key(out *o, const char *k, size_t klen)
{
    if (!o->first[o->depth])
        put1(o, ',');
    o->first[o->depth] = 0;
    if (o->pretty)
        newline(o);
    put1(o, '"');
    put(o, k, klen);
    if (o->pretty)
        PUTS(o, "\": ");
    else
        PUTS(o, "\":");
}

#define KEY(o, lit) key((o), (lit), sizeof(lit) - 1)

static void item(out *o)
{
    if (!o->first[o->depth])
        put1(o, ',');
    o->first[o->depth] = 0;
    if (o->pretty)
        newline(o);
}

static void open_(out *o, char c)
{
    put1(o, c);
    if (++o->depth >= MAX_DEPTH)
        die("nesting too deep");
    o->first[o->depth] = 1;
}

static void close_(out *o, char c)
{
    int empty = o->first[o->depth];
    o->depth--;
    if (o->pretty && !empty)
        newline(o);
    put1(o, c);
}

#define OBJ(o) open_((o), '{')
#define END_OBJ(o) close_((o), '}')
#define ARR(o) open_((o), '[')
#define END_ARR(o) close_((o), ']')

/* A string value whose text is already JSON-escaped. */
static void str(out *o, const char *s, size_t n)
{
    put1(o, '"');
    put(o, s, n);
    put1(o, '"');
}

#define STR(o, lit) str((o), (lit), sizeof(lit) - 1)

static void cstr(out *o, const char *s)
{
    str(o, s, strlen(s));
}

static size_t fmt_u64(char *p, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

static void u64v(out *o, uint64_t v)
{
    char b[24];
    put(o, b, fmt_u64(b, v));
}

/* ----------------------------------------------------------- time text */

#define US_PER_S INT64_C(1000000)
#define US_PER_DAY (INT64_C(86400) * US_PER_S)

/* Howard Hinnant's civil_from_days: proleptic Gregorian, exact. */
static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static char *two(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

/* RFC 3339 in UTC from microseconds since the epoch, fraction trimmed of
 * trailing zeros (none at all when zero), 'Z'.  month_override != 0 writes
 * that month instead (the bad-timestamp defect). */
static size_t fmt_ts(char *buf, int64_t us, unsigned month_override)
{
    int64_t days = us / US_PER_DAY, rem = us % US_PER_DAY;
    if (rem < 0) {
        rem += US_PER_DAY;
        days--;
    }
    int64_t y;
    unsigned m, d;
    civil(days, &y, &m, &d);
    if (month_override)
        m = month_override;
    unsigned secs = (unsigned)(rem / US_PER_S), frac = (unsigned)(rem % US_PER_S);
    char *p = buf;
    p = two(p, (unsigned)(y / 100));
    p = two(p, (unsigned)(y % 100));
    *p++ = '-';
    p = two(p, m);
    *p++ = '-';
    p = two(p, d);
    *p++ = 'T';
    p = two(p, secs / 3600);
    *p++ = ':';
    p = two(p, secs / 60 % 60);
    *p++ = ':';
    p = two(p, secs % 60);
    if (frac) {
        int digits = 6;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        *p++ = '.';
        for (int i = digits - 1; i >= 0; i--) {
            p[i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        p += digits;
    }
    *p++ = 'Z';
    return (size_t)(p - buf);
}

/* .NET TimeSpan "c": [-][d.]hh:mm:ss[.fffffff]; microseconds in, so the
 * seventh digit is always 0, as in the seed ("00:01:17.8237000"). */
static size_t fmt_dur(char *buf, int64_t us)
{
    char *p = buf;
    if (us < 0) {
        *p++ = '-';
        us = -us;
    }
    int64_t days = us / US_PER_DAY, rem = us % US_PER_DAY;
    if (days)
        p += fmt_u64(p, (uint64_t)days), *p++ = '.';
    unsigned secs = (unsigned)(rem / US_PER_S), frac = (unsigned)(rem % US_PER_S);
    p = two(p, secs / 3600);
    *p++ = ':';
    p = two(p, secs / 60 % 60);
    *p++ = ':';
    p = two(p, secs % 60);
    if (frac) {
        *p++ = '.';
        for (int i = 5; i >= 0; i--) {
            p[i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        p[6] = '0';
        p += 7;
    }
    return (size_t)(p - buf);
}

static void ts(out *o, int64_t us)
{
    char b[48];
    str(o, b, fmt_ts(b, us, 0));
}

static void dur(out *o, int64_t us)
{
    char b[48];
    str(o, b, fmt_dur(b, us));
}

static const char HEX_LO[] = "0123456789abcdef";
static const char HEX_UP[] = "0123456789ABCDEF";

/* A random version-4 UUID, lower case (36 chars, no NUL). */
static void make_uuid(uint64_t *r, char u[36])
{
    uint64_t a = next64(r), b = next64(r);
    a = (a & ~UINT64_C(0xF000)) | 0x4000;                       /* version 4 */
    b = (b & ~(UINT64_C(3) << 62)) | (UINT64_C(2) << 62);       /* variant 10 */
    int k = 0;
    for (int i = 0; i < 16; i++) {
        unsigned byte = (unsigned)((i < 8 ? a >> (56 - 8 * i) : b >> (56 - 8 * (i - 8))) & 0xFF);
        if (i == 4 || i == 6 || i == 8 || i == 10)
            u[k++] = '-';
        u[k++] = HEX_LO[byte >> 4];
        u[k++] = HEX_LO[byte & 15];
    }
}

/* --------------------------------------------------------------- tables */

enum info { INFO_NONE, INFO_BACKUP, INFO_REPOSITORY, INFO_RESTORE, INFO_FLR };

/* API-NOTES 1.2: the v1 values of the seed first, then the rest of the v2/v3
 * list.  Weights are per mille; durations in seconds. */
static const struct session_type {
    const char *type, *localized;
    unsigned permille;
    enum info info;
    int64_t dmin, dmax;
} TYPES[] = {
    {"PolicyBackup", "Policy Backup", 350, INFO_BACKUP, 60, 2400},
    {"PolicySnapshot", "Policy Snapshot", 350, INFO_BACKUP, 20, 180},
    {"ManualSnapshot", "Manual Snapshot", 50, INFO_NONE, 20, 180},
    {"BackupRetention", "Backup Retention", 80, INFO_NONE, 1, 60},
    {"LingeringSnapshotRetention", "Obsolete Snapshot Retention", 60, INFO_NONE, 1, 10},
    {"RepositoryCreation", "Create Repository", 20, INFO_REPOSITORY, 10, 60},
    {"RestoreVms", "Restore VMs", 30, INFO_RESTORE, 120, 7200},
    {"FileLevelRestore", "File-Level Restore", 30, INFO_FLR, 300, 28800},
    {"AutoBackup", "Auto Backup", 3, INFO_NONE, 60, 2400},
    {"RestoreDisks", "Restore Disks", 3, INFO_NONE, 60, 3600},
    {"ObsoleteSnapshotRetention", "Obsolete Snapshot Retention", 3, INFO_NONE, 1, 10},
    {"BackupDeletion", "Backup Deletion", 3, INFO_NONE, 1, 120},
    {"SnapshotDeletion", "Snapshot Deletion", 3, INFO_NONE, 1, 120},
    {"RepositoryDeletion", "Delete Repository", 3, INFO_NONE, 5, 60},
    {"RepositoryEdit", "Edit Repository", 3, INFO_NONE, 5, 60},
    {"ManualSnapshotDeletion", "Manual Snapshot Deletion", 3, INFO_NONE, 1, 120},
    {"InvalidSnapshotRetention", "Invalid Snapshot Deletion", 3, INFO_NONE, 1, 10},
    {"OrphanedSnapshotRetention", "Orphaned Snapshot Retention", 3, INFO_NONE, 1, 10},
};
#define N_TYPES (sizeof TYPES / sizeof TYPES[0])
#define T_POLICY_BACKUP 0

static const struct weighted {
    const char *text;
    unsigned permille;
} FINISHED[] = {
    {"Success", 850}, {"Warning", 80}, {"Error", 50}, {"Canceled", 20},
}, RUNNING[] = {
    {"Running", 500}, {"RunningWithWarning", 150}, {"RunningWithError", 100},
    {"Pending", 150}, {"Canceling", 100},
}, LOG_STATUS[] = {
    {"Success", 900}, {"Warning", 70}, {"Error", 30},
};

/* Strings are stored as JSON text: a few carry escapes, a few raw UTF-8. */
static const char *const POLICY_NAMES[] = {
    "Policy 1", "Policy_2", "Backup Policy", "prod-vms-daily", "SQL tier nightly",
    "web-frontends", "Policy 7", "finance-weekly", "dev-sandbox", "k8s-nodes",
    "Daily \\\"prod\\\" VMs", "hr-apps", "Policy 13", "analytics-hourly",
    "R\\u00e9plication quotidienne", "dc-core", "Policy_17", "erp-monthly",
    "Geb\xc3\xa4ude-Server w\xc3\xb6" "chentlich", "crm-prod", "Policy 21",
    "\xe6\x97\xa5\xe6\x9c\xac\xe3\x83\xaa\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3 backup",
    "jump-hosts", "Policy 23", "mail-gateways", "ci-runners", "Policy_26",
    "data-lake-ingest", "Policy 28", "edge-proxies", "Policy 30", "reporting",
    "Policy 32", "identity", "Policy_34", "file-servers", "Policy 36",
    "vdi-pool", "Policy 38", "monitoring", "Policy_40", "legacy-apps",
    "Policy 42", "batch-workers", "Policy 44", "cache-tier", "Policy_46",
    "C:\\\\Backups\\\\weekly",
};
#define N_POLICIES (sizeof POLICY_NAMES / sizeof POLICY_NAMES[0])

static const char *const REPOSITORY_NAMES[] = {
    "Backup Repository", "repo-ukwest-01", "Archive (cool tier)",
    "D\xc3\xa9p\xc3\xb4t principal", "repo-westeurope-02", "immutable-blob",
    "repo-eastus-01", "Long \\\"term\\\" retention",
};
#define N_REPOSITORIES (sizeof REPOSITORY_NAMES / sizeof REPOSITORY_NAMES[0])

static const char *const REASONS[] = {
    "Restore after failed patch", "User request #4471",
    "Wiederherstellung f\xc3\xbcr Pr\xc3\xbc" "fung", "Ticket \\\"INC-2231\\\"",
    "DR drill", "Accidental deletion",
};
#define N_REASONS (sizeof REASONS / sizeof REASONS[0])

static const char *const REGIONS[] = {
    "westeurope", "northeurope", "ukwest", "uksouth", "eastus", "westus2",
    "japaneast", "germanywestcentral",
};
#define N_REGIONS (sizeof REGIONS / sizeof REGIONS[0])

static const char *const LOG_MESSAGES[] = {
    "Backup plan creation has finished",
    "Preparing to take snapshots of 3 disks",
    "Snapshot of disk osdisk-01 created",
    "Processing VM vm-12 (resource group rg-1)",
    "Transferring data: 42.7 GB of 120.0 GB",
    "Retention policy applied: 2 restore points removed",
    "Warning: VM agent is not responding, crash-consistent snapshot taken",
    "Job finished with status \\\"Success\\\"",
    "Ausf\xc3\xbchrung abgeschlossen",
};
#define N_LOG_MESSAGES (sizeof LOG_MESSAGES / sizeof LOG_MESSAGES[0])

static const char HOST[] = "https://abc.ukwest.cloudapp.azure.com";
static const char SESSIONS_PATH[] = "/api/v1/jobSessions/";

/* Injected defects, cycled in this order. */
#define DEFECTS(XX)                                                           \
    XX(USN_STRING, "usn-string")                                              \
    XX(MISSING_MEMBER, "missing-member")                                      \
    XX(UNKNOWN_MEMBER, "unknown-member")                                      \
    XX(DUPLICATE_MEMBER, "duplicate-member")                                  \
    XX(BAD_ENUM, "bad-enum")                                                  \
    XX(BAD_TIMESTAMP, "bad-timestamp")                                        \
    XX(BAD_DURATION, "bad-duration")                                          \
    XX(BAD_UUID, "bad-uuid")                                                  \
    XX(BAD_URL, "bad-url")                                                    \
    XX(OUT_OF_RANGE, "out-of-range")                                          \
    XX(STOP_BEFORE_START, "stop-before-start")                                \
    XX(DURATION_MISMATCH, "duration-mismatch")                                \
    XX(LINK_MISMATCH, "link-mismatch")                                        \
    XX(JOB_INFO_MISMATCH, "job-info-mismatch")                                \
    XX(DUPLICATE_ID, "duplicate-id")

enum defect {
    D_NONE = -1,
#define XX(id, name) D_##id,
    DEFECTS(XX)
#undef XX
    D__COUNT
};

static const char *const DEFECT_NAMES[] = {
#define XX(id, name) name,
    DEFECTS(XX)
#undef XX
};

/* ------------------------------------------------------------ generator */

enum shape { SHAPE_PAGE, SHAPE_NDJSON, SHAPE_SESSION, SHAPE_LOG };

typedef struct policy {
    char id[36];
    const char *name;
    unsigned protected_count;
    int removed;
} policy;

typedef struct gen {
    /* options */
    uint64_t seed;
    uint64_t size;
    int64_t count;        /* -1: from --size */
    enum shape shape;
    uint32_t errors_ppb;
    uint32_t running_ppb;
    /* state */
    out o;
    uint64_t n;           /* sessions (log entries) in the output */
    int64_t clock;        /* microseconds: next start time (page) / log time */
    uint64_t err_rng;
    unsigned next_kind;
    unsigned variant[D__COUNT];
    unsigned running_alt; /* absent / null alternation of unfinished sessions */
    uint64_t defects[D__COUNT];
    policy policies[N_POLICIES];
} gen;

/* 2020-02-07T12:21:04.223155Z, the newest start time of the seed. */
#define T0_US (INT64_C(1581078064) * US_PER_S + 223155)
/* 2020-02-05T10:43:57.039827Z, the log example's first logTime. */
#define LOG_T0_US (INT64_C(1580899437) * US_PER_S + 39827)

static uint64_t unit_rng(const gen *g, uint64_t index)
{
    uint64_t s = g->seed * 0xD1B54A32D192ED03u ^ (index + 1) * 0x9E3779B97F4A7C15u;
    next64(&s);
    return s;
}

static unsigned pick(uint64_t *r, const struct weighted *w, size_t n)
{
    unsigned x = (unsigned)below(r, 1000), acc = 0;
    for (size_t i = 0; i < n; i++) {
        acc += w[i].permille;
        if (x < acc)
            return (unsigned)i;
    }
    return 0;
}

static int defect_applies(const gen *g, enum defect d, uint64_t index)
{
    if (g->shape == SHAPE_LOG)
        return d == D_MISSING_MEMBER || d == D_UNKNOWN_MEMBER ||
               d == D_DUPLICATE_MEMBER || d == D_BAD_ENUM ||
               d == D_BAD_TIMESTAMP || d == D_BAD_DURATION;
    if (d == D_DUPLICATE_ID)
        return g->shape == SHAPE_PAGE && g->n > 1 && index < g->n;
    return 1;
}

/* One draw from the error stream per unit, so that the content of the
 * others does not depend on --errors. */
static enum defect pick_defect(gen *g, uint64_t index)
{
    if (!g->errors_ppb || !chance(&g->err_rng, g->errors_ppb))
        return D_NONE;
    for (int tries = 0; tries < D__COUNT; tries++) {
        enum defect d = (enum defect)(g->next_kind++ % D__COUNT);
        if (defect_applies(g, d, index)) {
            g->defects[d]++;
            return d;
        }
    }
    return D_NONE;
}

static void href(out *o, uint64_t id, int log)
{
    char b[128];
    size_t n = 0;
    memcpy(b, HOST, sizeof HOST - 1);
    n += sizeof HOST - 1;
    memcpy(b + n, SESSIONS_PATH, sizeof SESSIONS_PATH - 1);
    n += sizeof SESSIONS_PATH - 1;
    n += fmt_u64(b + n, id);
    if (log) {
        memcpy(b + n, "/log", 4);
        n += 4;
    }
    str(o, b, n);
}

static void emit_session(gen *g, uint64_t index, uint64_t id)
{
    out *o = &g->o;
    uint64_t r = unit_rng(g, index);
    enum defect d = pick_defect(g, index);
    unsigned variant = d == D_NONE ? 0 : g->variant[d]++;

    /* What the session is: every draw happens whatever the defect, in a
     * fixed order, so compact and pretty carry the same content. */
    unsigned ti = 0, x = (unsigned)below(&r, 1000), acc = 0;
    for (unsigned i = 0; i < N_TYPES; i++) {
        acc += TYPES[i].permille;
        if (x < acc) {
            ti = i;
            break;
        }
    }
    /* Pairs of sessions a few ms apart, as the seed's Backup+Snapshot. */
    int64_t gap = chance(&r, 300000000u) ? range(&r, 1000, 100000)
                                          : range(&r, 1, 600 * US_PER_S);
    int64_t len_us = chance(&r, 5000000u) /* 0.5%: a day or more */
                         ? range(&r, US_PER_DAY, 3 * US_PER_DAY)
                         : range(&r, TYPES[ti].dmin * US_PER_S,
                                 TYPES[ti].dmax * US_PER_S);
    if (len_us % US_PER_S == 0)
        len_us++; /* keep the 7 fraction digits: "c" omits a zero fraction */
    unsigned fin = pick(&r, FINISHED, sizeof FINISHED / sizeof FINISHED[0]);
    unsigned run = pick(&r, RUNNING, sizeof RUNNING / sizeof RUNNING[0]);
    /* The absent/null alternation counts every session drawn as unfinished,
     * defective or not, so that --errors changes only defective sessions. */
    int would_run = chance(&r, g->running_ppb);
    int running = would_run && d == D_NONE;
    int null_times = would_run ? (int)(g->running_alt++ & 1) : 0;
    uint64_t usn = 8 * (id - 1) + 1 + below(&r, 8); /* grows with the id */
    uint64_t aux = next64(&r);                      /* job-info choices */

    int64_t start = g->clock;
    g->clock -= gap;
    if (d == D_BAD_UUID && TYPES[ti].info != INFO_BACKUP)
        ti = T_POLICY_BACKUP;
    if (d == D_JOB_INFO_MISMATCH)
        ti = T_POLICY_BACKUP;
    const struct session_type *t = &TYPES[ti];

    uint64_t wid = id;
    if (d == D_DUPLICATE_ID)
        wid = index > 0 ? id + 1 : id - 1; /* the previous (next) one's id */

    OBJ(o);
    KEY(o, "id");
    {
        char b[24];
        str(o, b, fmt_u64(b, wid));
    }
    KEY(o, "type");
    cstr(o, t->type);
    KEY(o, "localizedType");
    cstr(o, t->localized);

    KEY(o, "executionStartTime");
    if (d == D_BAD_TIMESTAMP) {
        char b[48];
        str(o, b, fmt_ts(b, start, 13));
    } else {
        ts(o, start);
    }
    if (running) {
        if (null_times) {
            KEY(o, "executionStopTime");
            PUTS(o, "null");
            KEY(o, "executionDuration");
            PUTS(o, "null");
        }
    } else {
        KEY(o, "executionStopTime");
        ts(o, d == D_STOP_BEFORE_START ? start - len_us : start + len_us);
        KEY(o, "executionDuration");
        if (d == D_BAD_DURATION) {
            if (variant & 1) {
                STR(o, "24:00:00");
            } else {
                char b[24];
                str(o, b, fmt_u64(b, (uint64_t)(len_us / 1000)));
            }
        } else if (d == D_STOP_BEFORE_START) {
            dur(o, -len_us); /* consistent with the swapped times */
        } else if (d == D_DURATION_MISMATCH) {
            dur(o, len_us + 1000 + (int64_t)(aux % 5000000));
        } else {
            dur(o, len_us);
        }
    }

    const char *status = running ? RUNNING[run].text : FINISHED[fin].text;
    if (d == D_BAD_ENUM)
        status = "Failed";
    if (!(d == D_MISSING_MEMBER && (variant & 1))) {
        KEY(o, "status");
        cstr(o, status);
    }
    if (d == D_DUPLICATE_MEMBER) {
        KEY(o, "status");
        cstr(o, status);
    }
    if (!(d == D_MISSING_MEMBER && !(variant & 1))) {
        KEY(o, "usn");
        if (d == D_USN_STRING) {
            char b[24];
            str(o, b, fmt_u64(b, usn));
        } else if (d == D_OUT_OF_RANGE) {
            PUTS(o, "-1");
        } else {
            u64v(o, usn);
        }
    }
    if (d == D_UNKNOWN_MEMBER) {
        KEY(o, "usnn");
        PUTS(o, "1");
    }

    enum info info = d == D_JOB_INFO_MISMATCH ? INFO_REPOSITORY : t->info;
    switch (info) {
    case INFO_NONE:
        break;
    case INFO_BACKUP: {
        const policy *p = &g->policies[aux % N_POLICIES];
        KEY(o, "backupJobInfo");
        OBJ(o);
        KEY(o, "policyId");
        if (d == D_BAD_UUID) {
            char u[36];
            memcpy(u, p->id, 36);
            if (variant & 1) {
                u[0] = 'z';
                str(o, u, 36);
            } else {
                str(o, u, 35);
            }
        } else {
            str(o, p->id, 36);
        }
        KEY(o, "policyName");
        cstr(o, p->name);
        KEY(o, "protectedInstancesCount");
        u64v(o, p->protected_count);
        KEY(o, "policyRemoved");
        if (p->removed)
            PUTS(o, "true");
        else
            PUTS(o, "false");
        END_OBJ(o);
        break;
    }
    case INFO_REPOSITORY: {
        unsigned k = (unsigned)(aux % N_REPOSITORIES);
        KEY(o, "repositoryJobInfo");
        OBJ(o);
        KEY(o, "repositoryId");
        u64v(o, k + 1);
        KEY(o, "repositoryName");
        cstr(o, REPOSITORY_NAMES[k]);
        KEY(o, "repositoryRemoved");
        if ((aux >> 8) % 4 == 0)
            PUTS(o, "true");
        else
            PUTS(o, "false");
        END_OBJ(o);
        break;
    }
    case INFO_RESTORE: {
        KEY(o, "restoreJobInfo");
        OBJ(o);
        KEY(o, "reason");
        if ((aux >> 8) % 5 < 2)
            PUTS(o, "null");
        else
            cstr(o, REASONS[(aux >> 16) % N_REASONS]);
        KEY(o, "items");
        ARR(o);
        unsigned items = 1 + (unsigned)((aux >> 24) % 3);
        for (unsigned i = 0; i < items; i++) {
            uint64_t v = next64(&r);
            char b[32];
            item(o);
            OBJ(o);
            KEY(o, "name");
            memcpy(b, "vm-", 3);
            str(o, b, 3 + fmt_u64(b + 3, v % 400));
            KEY(o, "resourceGroupName");
            memcpy(b, "rg-", 3);
            str(o, b, 3 + fmt_u64(b + 3, (v >> 16) % 20));
            KEY(o, "regionName");
            cstr(o, REGIONS[(v >> 32) % N_REGIONS]);
            END_OBJ(o);
        }
        END_ARR(o);
        END_OBJ(o);
        break;
    }
    case INFO_FLR: {
        char b[160], u[36];
        KEY(o, "fileLevelRestoreJobInfo");
        OBJ(o);
        KEY(o, "reason");
        if ((aux >> 8) % 5 < 2)
            PUTS(o, "null");
        else
            cstr(o, REASONS[(aux >> 16) % N_REASONS]);
        KEY(o, "flrLink");
        OBJ(o);
        KEY(o, "url");
        {
            const char *region = REGIONS[(aux >> 24) % N_REGIONS];
            size_t n = 0, rl = strlen(region);
            memcpy(b, "https://flr-", 12);
            n = 12;
            for (int i = 0; i < 8; i++)
                b[n++] = HEX_LO[(aux >> (32 + 4 * i)) & 15];
            b[n++] = '.';
            memcpy(b + n, region, rl);
            n += rl;
            static const char tail[] = ".cloudapp.azure.com/flr/#/session/";
            memcpy(b + n, tail, sizeof tail - 1);
            n += sizeof tail - 1;
            make_uuid(&r, u);
            memcpy(b + n, u, 36);
            n += 36;
            str(o, b, n);
        }
        KEY(o, "thumbprint");
        for (int i = 0; i < 40; i += 16) {
            uint64_t v = next64(&r);
            for (int j = 0; j < 16 && i + j < 40; j++)
                b[i + j] = HEX_UP[(v >> (4 * j)) & 15];
        }
        str(o, b, 40);
        END_OBJ(o);
        KEY(o, "vmId");
        make_uuid(&r, u);
        str(o, u, 36);
        END_OBJ(o);
        break;
    }
    }

    KEY(o, "_links");
    OBJ(o);
    KEY(o, "self");
    OBJ(o);
    KEY(o, "href");
    href(o, d == D_LINK_MISMATCH ? wid + 1 : wid, 0);
    END_OBJ(o);
    KEY(o, "log");
    OBJ(o);
    KEY(o, "href");
    if (d == D_BAD_URL)
        STR(o, "htp://x");
    else
        href(o, wid, 1);
    END_OBJ(o);
    END_OBJ(o);
    END_OBJ(o);
}

static void emit_log_entry(gen *g, uint64_t index)
{
    out *o = &g->o;
    uint64_t r = unit_rng(g, index);
    enum defect d = pick_defect(g, index);
    unsigned variant = d == D_NONE ? 0 : g->variant[d]++;

    int64_t lag = range(&r, 5, 40); /* start follows logTime by a few us */
    int64_t len_us = range(&r, 1000, 300 * US_PER_S);
    if (len_us % US_PER_S == 0)
        len_us++;
    int64_t gap = range(&r, 100, 5 * US_PER_S);
    unsigned st = pick(&r, LOG_STATUS, sizeof LOG_STATUS / sizeof LOG_STATUS[0]);
    const char *msg = LOG_MESSAGES[below(&r, N_LOG_MESSAGES)];

    int64_t t = g->clock;
    g->clock += lag + len_us + gap; /* log entries go forward in time */
    const char *status = d == D_BAD_ENUM ? "Failed" : LOG_STATUS[st].text;

    OBJ(o);
    if (!(d == D_MISSING_MEMBER && !(variant & 1))) {
        KEY(o, "logTime");
        if (d == D_BAD_TIMESTAMP) {
            char b[48];
            str(o, b, fmt_ts(b, t, 13));
        } else {
            ts(o, t);
        }
    }
    if (!(d == D_MISSING_MEMBER && (variant & 1))) {
        KEY(o, "status");
        cstr(o, status);
    }
    if (d == D_DUPLICATE_MEMBER) {
        KEY(o, "status");
        cstr(o, status);
    }
    KEY(o, "message");
    cstr(o, msg);
    if (d == D_UNKNOWN_MEMBER) {
        KEY(o, "resourceHashId");
        STR(o, "7f3a");
    }
    KEY(o, "executionStartTime");
    ts(o, t + lag);
    KEY(o, "executionDuration");
    if (d == D_BAD_DURATION) {
        if (variant & 1) {
            STR(o, "24:00:00");
        } else {
            char b[24];
            str(o, b, fmt_u64(b, (uint64_t)(len_us / 1000)));
        }
    } else {
        dur(o, len_us);
    }
    END_OBJ(o);
}

static void page_head(gen *g)
{
    out *o = &g->o;
    OBJ(o);
    KEY(o, "offset");
    PUTS(o, "0");
    KEY(o, "limit");
    u64v(o, g->n);
    KEY(o, "totalCount");
    u64v(o, g->n);
    KEY(o, "results");
    ARR(o);
}

static void page_tail(gen *g)
{
    out *o = &g->o;
    char b[160];
    size_t n = 0;
    static const char a[] = "https://abc.ukwest.cloudapp.azure.com:443/api/v1/"
                            "jobSessions?offset=0&limit=";
    END_ARR(o);
    KEY(o, "_links");
    OBJ(o);
    KEY(o, "self");
    OBJ(o);
    KEY(o, "href");
    memcpy(b, a, sizeof a - 1);
    n = sizeof a - 1;
    n += fmt_u64(b + n, g->n);
    memcpy(b + n, "&display=Full", 13);
    n += 13;
    str(o, b, n);
    END_OBJ(o);
    END_OBJ(o);
    END_OBJ(o);
}

static void log_head(gen *g)
{
    out *o = &g->o;
    OBJ(o);
    KEY(o, "jobSessionId");
    STR(o, "38");
    KEY(o, "log");
    ARR(o);
}

static void log_tail(gen *g)
{
    END_ARR(&g->o);
    END_OBJ(&g->o);
}

/* Write unit `index` of the document (with its separator). */
static void emit_unit(gen *g, uint64_t index)
{
    switch (g->shape) {
    case SHAPE_PAGE:
        item(&g->o);
        emit_session(g, index, g->n - index);
        break;
    case SHAPE_NDJSON:
        emit_session(g, index, g->n - index);
        put1(&g->o, '\n');
        break;
    case SHAPE_SESSION:
        emit_session(g, index, g->n - index);
        break;
    case SHAPE_LOG:
        item(&g->o);
        emit_log_entry(g, index);
        break;
    }
}

static void emit_all(gen *g)
{
    g->clock = g->shape == SHAPE_LOG ? LOG_T0_US : T0_US;
    if (g->shape == SHAPE_PAGE)
        page_head(g);
    else if (g->shape == SHAPE_LOG)
        log_head(g);
    for (uint64_t i = 0; i < g->n; i++)
        emit_unit(g, i);
    if (g->shape == SHAPE_PAGE)
        page_tail(g);
    else if (g->shape == SHAPE_LOG)
        log_tail(g);
}

/* Bytes of the document with n units, measured on a deterministic sample of
 * at most SAMPLE units spread over the id range (so id lengths are
 * represented), rendered into a counting sink. */
#define SAMPLE 4096u

static uint64_t estimate(const gen *g0, uint64_t n, char *scratch)
{
    gen g = *g0;
    g.o.buf = scratch;
    g.o.len = 0;
    g.o.fd = -1;
    g.o.flushed = 0;
    g.o.depth = 0;
    g.o.first[0] = 1;
    g.err_rng ^= 0x5851F42D4C957F2Du; /* not the real error stream */
    g.n = n;
    g.clock = g.shape == SHAPE_LOG ? LOG_T0_US : T0_US;

    /* Envelope with no unit. */
    if (g.shape == SHAPE_PAGE)
        page_head(&g);
    else if (g.shape == SHAPE_LOG)
        log_head(&g);
    uint64_t env = out_total(&g.o);
    g.o.first[g.o.depth] = 0; /* as if past the first unit: count commas */
    uint64_t s = n < SAMPLE ? n : SAMPLE, units = 0;
    for (uint64_t k = 0; k < s; k++) {
        uint64_t index = (uint64_t)(((unsigned __int128)k * n) / s);
        uint64_t before = out_total(&g.o);
        emit_unit(&g, index);
        units += out_total(&g.o) - before;
    }
    g.o.first[g.o.depth] = 1; /* close as an empty container */
    if (g.shape == SHAPE_PAGE)
        page_tail(&g);
    else if (g.shape == SHAPE_LOG)
        log_tail(&g);
    env = out_total(&g.o) - units;
    return env + (s ? (uint64_t)(((unsigned __int128)units * n) / s) : 0);
}

static uint64_t choose_n(const gen *g, char *scratch)
{
    if (g->shape == SHAPE_SESSION)
        return 1;
    if (g->count >= 0)
        return (uint64_t)g->count;
    uint64_t n = g->size / 600 + 1;
    for (int iter = 0; iter < 4; iter++) {
        uint64_t total = estimate(g, n, scratch);
        uint64_t env = estimate(g, 0, scratch);
        uint64_t per = n ? (total - env) / n : 600;
        if (per == 0)
            per = 1;
        uint64_t next = g->size > env ? (g->size - env + per / 2) / per : 1;
        if (next == 0)
            next = 1;
        if (next == n)
            break;
        n = next;
    }
    return n;
}

/* ------------------------------------------------------------- options */

static int parse_u64(const char *s, uint64_t *out_v)
{
    uint64_t v = 0;
    if (!*s)
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out_v = v;
    return *s ? -1 : 0;
}

static int parse_size(const char *s, uint64_t *out_v)
{
    uint64_t v = 0, mul = 1;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (p == s)
        return -1;
    switch (*p) {
    case 'k': case 'K': mul = UINT64_C(1) << 10; p++; break;
    case 'm': case 'M': mul = UINT64_C(1) << 20; p++; break;
    case 'g': case 'G': mul = UINT64_C(1) << 30; p++; break;
    default: break;
    }
    if (*p == 'i' && mul > 1)
        p++;
    if (*p == 'B' || *p == 'b')
        p++;
    if (*p || v > UINT64_MAX / mul)
        return -1;
    *out_v = v * mul;
    return 0;
}

/* A probability written in decimal ("0.02", "1", ".5"), into parts per
 * billion, without strtod (no locale). */
static int parse_fraction(const char *s, uint32_t *ppb)
{
    uint64_t ip = 0, fp = 0, scale = PPB;
    const char *p = s;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if ((ip = ip * 10 + (uint64_t)(*p - '0')) > 1)
            return -1;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            if (scale >= 10) {
                scale /= 10;
                fp += (uint64_t)(*p - '0') * scale;
            }
        }
    }
    if (*p || !digits)
        return -1;
    uint64_t v = ip * PPB + fp;
    if (v > PPB)
        return -1;
    *ppb = (uint32_t)v;
    return 0;
}

static void usage(FILE *f)
{
    fputs("usage: gen [--seed N] [--size BYTES|nK|nM|nG] [--count N]\n"
          "           [--format compact|pretty] [--shape page|ndjson|session|log]\n"
          "           [--errors DENSITY] [--running FRACTION] [-q] [-o FILE]\n"
          "defaults: --seed 1 --size 10M --format compact --shape page\n"
          "          --errors 0 --running 0.02, output to stdout\n",
          f);
}

int main(int argc, char **argv)
{
    static gen g; /* large: the policy pool */
    const char *path = NULL;
    int quiet = 0;
    g.seed = 1;
    g.size = UINT64_C(10) << 20;
    g.count = -1;
    g.shape = SHAPE_PAGE;
    g.running_ppb = 20000000u;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t u;
        int takes = 1;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
            takes = 0;
        } else if (!v) {
            usage(stderr);
            return 2;
        } else if (!strcmp(a, "--seed")) {
            if (parse_u64(v, &g.seed))
                die("--seed wants a non-negative integer");
        } else if (!strcmp(a, "--size")) {
            if (parse_size(v, &g.size))
                die("--size wants BYTES or nK, nM, nG");
        } else if (!strcmp(a, "--count")) {
            if (parse_u64(v, &u) || u > (UINT64_C(1) << 40))
                die("--count wants an integer");
            g.count = (int64_t)u;
        } else if (!strcmp(a, "--format")) {
            if (!strcmp(v, "compact"))
                g.o.pretty = 0;
            else if (!strcmp(v, "pretty"))
                g.o.pretty = 1;
            else
                die("--format is compact or pretty");
        } else if (!strcmp(a, "--shape")) {
            if (!strcmp(v, "page"))
                g.shape = SHAPE_PAGE;
            else if (!strcmp(v, "ndjson"))
                g.shape = SHAPE_NDJSON;
            else if (!strcmp(v, "session"))
                g.shape = SHAPE_SESSION;
            else if (!strcmp(v, "log"))
                g.shape = SHAPE_LOG;
            else
                die("--shape is page, ndjson, session or log");
        } else if (!strcmp(a, "--errors")) {
            if (parse_fraction(v, &g.errors_ppb))
                die("--errors wants a number in 0..1");
        } else if (!strcmp(a, "--running")) {
            if (parse_fraction(v, &g.running_ppb))
                die("--running wants a number in 0..1");
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            path = v;
        } else {
            usage(stderr);
            return 2;
        }
        i += takes;
    }
    /* NDJSON in pretty format is a stream of concatenated pretty values,
     * one per "line" group: what --multi=any validators take. */

    uint64_t pr = g.seed ^ 0x243F6A8885A308D3u;
    for (size_t i = 0; i < N_POLICIES; i++) {
        make_uuid(&pr, g.policies[i].id);
        g.policies[i].name = POLICY_NAMES[i];
        g.policies[i].protected_count = (unsigned)below(&pr, 41);
        g.policies[i].removed = below(&pr, 12) == 0;
    }
    g.err_rng = g.seed ^ 0x13198A2E03707344u;

    char *buf = malloc(OUT_CAP);
    if (!buf)
        die("out of memory");
    g.o.buf = buf;
    g.o.first[0] = 1;
    g.n = choose_n(&g, buf);

    g.o.fd = 1;
    if (path && strcmp(path, "-")) {
        g.o.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (g.o.fd < 0) {
            fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
            return 2;
        }
    }
    g.o.len = 0;
    g.o.flushed = 0;
    g.o.depth = 0;
    g.o.first[0] = 1;
    emit_all(&g);
    flush(&g.o);
    if (g.o.fd != 1 && close(g.o.fd) != 0) {
        fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
        return 2;
    }
    free(buf);

    if (!quiet) {
        uint64_t total = 0;
        const char *sep = ": ";
        for (int k = 0; k < D__COUNT; k++)
            total += g.defects[k];
        fprintf(stderr, "gen: %s %llu, bytes %llu, defects %llu",
                g.shape == SHAPE_LOG ? "log entries" : "sessions",
                (unsigned long long)g.n, (unsigned long long)g.o.flushed,
                (unsigned long long)total);
        for (int k = 0; k < D__COUNT; k++) {
            if (g.defects[k]) {
                fprintf(stderr, "%s%s=%llu", sep, DEFECT_NAMES[k],
                        (unsigned long long)g.defects[k]);
                sep = ", ";
            }
        }
        fputc('\n', stderr);
    }
    return 0;
}

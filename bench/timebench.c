/*
 * timebench.c - what parsing a timestamp or a duration costs: ns per parse
 * of the seed's 28 timestamps and 14 durations with sv_parse_timestamp /
 * sv_parse_duration, beside what a C programmer would otherwise write:
 * glibc strptime + timegm (fraction and zone by hand) and sscanf (+ timegm
 * for timestamps), on the same strings, in the same run.
 *
 * Every method must first produce the same values as sv_parse_* on every
 * string (so none of them is skipping work), then each is timed in
 * repetitions interleaved with the others; the table gives the median and
 * the ratio to sv_parse_*.  Build and run: `make bench-time`.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* strptime, timegm */
#endif

#include <gnu/libc-version.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessval.h"

/* The seed's values (/work/shared/seed/000_7af12e6d6b2ab3f5.txt): every
 * executionStartTime / executionStopTime and executionDuration of its
 * example page, in document order. */
static const char *const seed_ts[] = {
    "2020-02-07T12:21:04.223155Z", "2020-02-07T12:22:22.046855Z",
    "2020-02-07T12:21:04.212935Z", "2020-02-07T12:22:01.077103Z",
    "2020-02-07T10:56:03.648783Z", "2020-02-07T11:20:57.212294Z",
    "2020-02-07T10:56:03.635623Z", "2020-02-07T10:57:12.888621Z",
    "2020-02-07T10:23:35.420746Z", "2020-02-07T10:25:18.999327Z",
    "2020-02-07T10:23:35.3557Z",   "2020-02-07T10:24:28.457434Z",
    "2020-02-07T09:55:10.63284Z",  "2020-02-07T10:01:21.35541Z",
    "2020-02-07T09:55:10.627827Z", "2020-02-07T09:56:36.458427Z",
    "2020-02-07T08:43:30.892836Z", "2020-02-07T08:44:41.08057Z",
    "2020-02-07T08:07:02.906363Z", "2020-02-07T08:23:28.858646Z",
    "2020-02-07T08:07:02.854986Z", "2020-02-07T08:08:11.547434Z",
    "2020-02-07T08:04:29.825504Z", "2020-02-07T08:05:05.293101Z",
    "2020-02-06T19:11:10.679602Z", "2020-02-06T19:11:13.561972Z",
    "2020-02-06T19:10:16.284158Z", "2020-02-06T19:10:19.6246Z",
};
static const char *const seed_du[] = {
    "00:01:17.8237000", "00:00:56.8641680", "00:24:53.5635110",
    "00:01:09.2529980", "00:01:43.5785810", "00:00:53.1017340",
    "00:06:10.7225700", "00:01:25.8306000", "00:01:10.1877340",
    "00:16:25.9522830", "00:01:08.6924480", "00:00:35.4675970",
    "00:00:02.8823700", "00:00:03.3404420",
};
#define N_TS (sizeof seed_ts / sizeof seed_ts[0])
#define N_DU (sizeof seed_du / sizeof seed_du[0])

static size_t ts_len[N_TS], du_len[N_DU];

/* Each method turns one string into one number (seconds * 1e9 + nanos, or
 * ticks); -1 means it failed. */
typedef int64_t (*method_fn)(const char *s, size_t len);

static int64_t ts_sv(const char *s, size_t len)
{
    sv_timestamp ts;
    if (sv_parse_timestamp(s, len, &ts) != 0)
        return -1;
    return ts.seconds * 1000000000 + ts.nanos;
}

/* Up to 9 fraction digits after a '.', scaled to nanoseconds; *p moves. */
static int32_t fraction_nanos(const char **p, int max_digits)
{
    int32_t v = 0;
    int k = 0;
    if (**p != '.')
        return 0;
    for (++*p; **p >= '0' && **p <= '9' && k < max_digits; ++*p, k++)
        v = v * 10 + (**p - '0');
    for (; k < max_digits; k++)
        v *= 10;
    return v;
}

static int64_t ts_strptime(const char *s, size_t len)
{
    (void)len; /* strptime needs the NUL */
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
    if (p == NULL)
        return -1;
    time_t t = timegm(&tm);
    int32_t ns = fraction_nanos(&p, 9);
    if (*p != 'Z' || p[1] != '\0')
        return -1;
    return (int64_t)t * 1000000000 + ns;
}

static int64_t ts_sscanf(const char *s, size_t len)
{
    (void)len;
    struct tm tm;
    int n = 0;
    memset(&tm, 0, sizeof tm);
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const char *p = s + n;
    char frac[10] = "";
    int m = 0;
    if (*p == '.' && sscanf(p, ".%9[0-9]%n", frac, &m) == 1)
        p += m;
    int32_t ns = 0;
    for (int k = 0; k < 9; k++)
        ns = ns * 10 + (frac[k] ? frac[k] - '0' : 0); /* zero-filled */
    if (*p != 'Z' || p[1] != '\0')
        return -1;
    return (int64_t)timegm(&tm) * 1000000000 + ns;
}

static int64_t du_sv(const char *s, size_t len)
{
    int64_t ticks;
    return sv_parse_duration(s, len, &ticks) == 0 ? ticks : -1;
}

/* strptime has no days field: the seed's durations have none. */
static int64_t du_strptime(const char *s, size_t len)
{
    (void)len;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *p = strptime(s, "%H:%M:%S", &tm);
    if (p == NULL)
        return -1;
    int32_t frac = fraction_nanos(&p, 7);
    if (*p != '\0')
        return -1;
    return ((int64_t)tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) *
               10000000 + frac;
}

static int64_t du_sscanf(const char *s, size_t len)
{
    (void)len;
    int h, mi, sec, n = 0, m = 0;
    char frac[8] = "";
    if (sscanf(s, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3)
        return -1;
    if (s[n] == '.' && sscanf(s + n, ".%7[0-9]%n", frac, &m) == 1)
        n += m;
    if (s[n] != '\0')
        return -1;
    int64_t f = 0;
    size_t fl = strlen(frac);
    for (size_t k = 0; k < 7; k++)
        f = f * 10 + (k < fl ? frac[k] - '0' : 0);
    return ((int64_t)h * 3600 + mi * 60 + sec) * 10000000 + f;
}

typedef struct method {
    const char *name;
    method_fn fn;
    long passes;       /* calibrated passes per repetition */
    double ns[32];     /* ns per parse, one per repetition */
} method;

static volatile uint64_t sink; /* the optimiser cannot drop what ends here */

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* One repetition: `passes` passes over all strings; ns per parse. */
static double run(const method *m, const char *const *strs,
                  const size_t *lens, size_t count, long passes)
{
    double t0 = now_ns();
    for (long p = 0; p < passes; p++) {
        uint64_t acc = 0;
        for (size_t i = 0; i < count; i++)
            acc += (uint64_t)m->fn(strs[i], lens[i]);
        sink += acc;
    }
    return (now_ns() - t0) / ((double)passes * (double)count);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define REPS 31
#define REP_NS 10e6 /* aim for 10 ms per repetition */

static void bench(const char *title, method *ms, size_t nm,
                  const char *const *strs, const size_t *lens, size_t count)
{
    /* Every method must agree with sv_parse_* before it is timed. */
    for (size_t i = 0; i < count; i++) {
        int64_t want = ms[0].fn(strs[i], lens[i]);
        for (size_t k = 0; k < nm; k++) {
            int64_t got = ms[k].fn(strs[i], lens[i]);
            if (got != want || got == -1) {
                fprintf(stderr, "timebench: %s gives %" PRId64 " for %s, "
                        "sv_parse gives %" PRId64 "\n",
                        ms[k].name, got, strs[i], want);
                exit(1);
            }
        }
    }
    /* Calibrate passes per repetition (with a warm-up). */
    for (size_t k = 0; k < nm; k++) {
        double per = run(&ms[k], strs, lens, count, 200);
        ms[k].passes = (long)(REP_NS / (per * (double)count)) + 1;
    }
    /* Interleave the methods' repetitions so drift hits all alike. */
    for (int r = 0; r < REPS; r++)
        for (size_t k = 0; k < nm; k++)
            ms[k].ns[r] = run(&ms[k], strs, lens, count, ms[k].passes);

    double med[8];
    for (size_t k = 0; k < nm; k++) {
        qsort(ms[k].ns, REPS, sizeof(double), cmp_double);
        med[k] = ms[k].ns[REPS / 2];
    }
    printf("\n%s (%zu strings)\n", title, count);
    printf("  %-30s %10s %10s %10s %8s %8s\n", "method", "median", "min",
           "max", "x median", "x min");
    for (size_t k = 0; k < nm; k++)
        printf("  %-30s %7.1f ns %7.1f ns %7.1f ns %7.1fx %7.1fx\n",
               ms[k].name, med[k], ms[k].ns[0], ms[k].ns[REPS - 1],
               med[k] / med[0], ms[k].ns[0] / ms[0].ns[0]);
}

int main(void)
{
    for (size_t i = 0; i < N_TS; i++)
        ts_len[i] = strlen(seed_ts[i]);
    for (size_t i = 0; i < N_DU; i++)
        du_len[i] = strlen(seed_du[i]);

    printf("timebench: ns per parse, median of %d repetitions of ~%.0f ms, "
           "glibc %s\n", REPS, REP_NS / 1e6, gnu_get_libc_version());

    method ts[] = {
        {"sv_parse_timestamp", ts_sv, 0, {0}},
        {"strptime+timegm (+fraction)", ts_strptime, 0, {0}},
        {"sscanf+timegm (+fraction)", ts_sscanf, 0, {0}},
    };
    bench("timestamps", ts, 3, seed_ts, ts_len, N_TS);

    method du[] = {
        {"sv_parse_duration", du_sv, 0, {0}},
        {"strptime %H:%M:%S (+fraction)", du_strptime, 0, {0}},
        {"sscanf (+fraction)", du_sscanf, 0, {0}},
    };
    bench("durations", du, 3, seed_du, du_len, N_DU);
    printf("\n(x median, x min: the method's time / sv_parse_*'s; on a busy "
           "machine the min is the steadier figure; sink %" PRIu64 ")\n",
           (uint64_t)sink);
    return 0;
}

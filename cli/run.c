/*
 * run.c - validate one input (a file, a pipe or standard input) with the
 * library, streaming it in fixed-size reads: memory does not grow with the
 * input.
 *
 * What the output formats need from the bytes is taken while they stream:
 *   - text: an excerpt of the diagnostic's line (EXCERPT_MAX bytes).  A
 *     regular file is read again at the diagnostic's offset (pread); a pipe
 *     keeps its last WINDOW bytes in a ring, and an excerpt whose line goes
 *     on past the bytes read so far is completed as later reads arrive, so
 *     the excerpt never depends on where a read ended;
 *   - sarif: the column in code points.  The library counts bytes; the
 *     continuation bytes between the line's start and the offset are
 *     counted here, from the chunk being fed when the line is in it, and
 *     from the file (or the ring) otherwise.
 *
 * Every input goes through a capture (sv_capture): the library finds out
 * from the bytes whether they are JSON, HTTP responses or a HAR archive,
 * in UTF-8 or UTF-16, and names the part of the capture each diagnostic
 * is about.  An input in UTF-16 gets no excerpts: its positions are those
 * of its UTF-8 text, not of the file's bytes.
 *
 * --pages: the inputs are pages of one listing; their sessions and pages
 * also go to one sv_pages, whose findings join the report of the input
 * that revealed them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define WINDOW (1u << 20) /* bytes of a pipe kept for excerpts and columns */

struct run {
    const cli_opts *o;
    cli_report *r;
    sv_capture *p;
    int transcoded;     /* UTF-16: positions are not the file's */
    int fd;
    int seekable;       /* a regular file: pread works */
    off_t base;         /* file position of stream byte 0 */
    uint64_t size;      /* a regular file's size from base */
    uint64_t total;     /* bytes of the input, for the summary */
    int eof;
    /* the chunk being fed */
    const unsigned char *chunk;
    size_t chunk_len;
    uint64_t chunk_off;
    /* the line open at chunk_off: its start, and continuation bytes from
     * there to chunk_off (sarif only) */
    uint64_t line_start, line_cont;
    /* a pipe's last bytes: [ring_end - min(ring_end, ring_cap), ring_end) */
    unsigned char *ring;
    size_t ring_cap;
    uint64_t ring_end;
    size_t pending;     /* first diagnostic whose excerpt may still grow */
    uint64_t rng;       /* --read-size=random */
    cli_progress progress;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        perror("sessval");
        exit(2);
    }
    return p;
}

static char *dup_str(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

double cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ the bytes */

static uint64_t ring_start(const struct run *run)
{
    return run->ring_end > run->ring_cap ? run->ring_end - run->ring_cap : 0;
}

static void ring_push(struct run *run, const unsigned char *b, size_t n)
{
    while (n > 0) {
        size_t at = (size_t)(run->ring_end % run->ring_cap);
        size_t k = run->ring_cap - at < n ? run->ring_cap - at : n;
        memcpy(run->ring + at, b, k);
        run->ring_end += k;
        b += k;
        n -= k;
    }
}

/* Up to n bytes of the stream from off: fewer at the end of what can be
 * had (end of file, or not read yet / no longer kept for a pipe). */
static size_t source_read(struct run *run, uint64_t off, void *buf, size_t n)
{
    unsigned char *out = buf;
    size_t got = 0;
    if (run->seekable) {
        while (got < n) {
            ssize_t k = pread(run->fd, out + got, n - got,
                              run->base + (off_t)(off + got));
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            got += (size_t)k;
        }
        return got;
    }
    if (!run->ring || off < ring_start(run) || off >= run->ring_end)
        return 0;
    if (run->ring_end - off < n)
        n = (size_t)(run->ring_end - off);
    while (got < n) {
        size_t at = (size_t)((off + got) % run->ring_cap);
        size_t k = run->ring_cap - at < n - got ? run->ring_cap - at : n - got;
        memcpy(out + got, run->ring + at, k);
        got += k;
    }
    return got;
}

static uint64_t count_cont(const unsigned char *s, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += (s[i] & 0xC0) == 0x80;
    return c;
}

/* UTF-8 continuation bytes in [from, to) of the stream; *ok = 0 when the
 * bytes cannot be had. */
static uint64_t source_cont(struct run *run, uint64_t from, uint64_t to,
                            int *ok)
{
    unsigned char b[16384];
    uint64_t c = 0;
    while (from < to) {
        size_t want = to - from < sizeof b ? (size_t)(to - from) : sizeof b;
        size_t got = source_read(run, from, b, want);
        if (got == 0) {
            *ok = 0;
            return 0;
        }
        c += count_cont(b, got);
        from += got;
    }
    return c;
}

/* ------------------------------------------------------ diagnostic extras */

static void excerpt_fill(struct run *run, cli_diag *c)
{
    unsigned char b[EXCERPT_MAX + 1];
    size_t want = EXCERPT_MAX + 1 - c->excerpt_len;
    size_t got =
        source_read(run, c->excerpt_from + c->excerpt_len, b, want);
    for (size_t i = 0; i < got; i++) {
        if (b[i] == '\n' || b[i] == '\r') {
            c->excerpt_state = EXCERPT_DONE;
            return;
        }
        if (c->excerpt_len == EXCERPT_MAX) {
            c->excerpt_more = 1;
            c->excerpt_state = EXCERPT_DONE;
            return;
        }
        c->excerpt[c->excerpt_len++] = (char)b[i];
    }
    if (run->seekable || run->eof)
        c->excerpt_state = EXCERPT_DONE; /* end of input */
}

static void excerpt_start(struct run *run, cli_diag *c)
{
    if (c->column == 0 || c->offset + 1 < c->column || run->transcoded)
        return;
    uint64_t line = c->offset - (c->column - 1);
    uint64_t from = c->offset > line + EXCERPT_BEFORE
                        ? c->offset - EXCERPT_BEFORE
                        : line;
    if (!run->seekable) {
        uint64_t keep = ring_start(run);
        if (from < keep)
            from = keep;
        if (from > c->offset)
            return; /* the line is gone from the ring */
    }
    c->excerpt_from = from;
    c->excerpt_len = 0;
    c->excerpt_state = EXCERPT_PENDING;
    excerpt_fill(run, c);
}

static void excerpts_advance(struct run *run)
{
    cli_report *r = run->r;
    for (size_t i = run->pending; i < r->ndiags; i++)
        if (r->diags[i].excerpt_state == EXCERPT_PENDING)
            excerpt_fill(run, &r->diags[i]);
    while (run->pending < r->ndiags &&
           r->diags[run->pending].excerpt_state != EXCERPT_PENDING)
        run->pending++;
}

/* The column in code points: the byte column less the continuation bytes
 * between the line's start and the offset. */
static uint64_t char_column(struct run *run, uint64_t off, uint64_t col)
{
    if (col == 0 || off + 1 < col)
        return 0;
    uint64_t line = off - (col - 1), cont;
    int ok = 1;
    if (line >= run->chunk_off) {
        cont = count_cont(run->chunk + (line - run->chunk_off),
                          (size_t)(off - line));
    } else if (line == run->line_start && off >= run->chunk_off) {
        cont = run->line_cont +
               count_cont(run->chunk, (size_t)(off - run->chunk_off));
    } else if (line == run->line_start &&
               run->chunk_off - off < off - line) {
        cont = run->line_cont - source_cont(run, off, run->chunk_off, &ok);
    } else {
        cont = source_cont(run, line, off, &ok);
    }
    return ok ? col - cont : 0;
}

static void line_advance(struct run *run)
{
    const unsigned char *s = run->chunk;
    size_t n = run->chunk_len;
    const unsigned char *nl = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == '\n') {
            nl = s + i - 1;
            break;
        }
    if (nl) {
        run->line_start = run->chunk_off + (uint64_t)(nl - s) + 1;
        run->line_cont = count_cont(nl + 1, (size_t)(s + n - nl - 1));
    } else {
        run->line_cont += count_cont(s, n);
    }
}

/* ------------------------------------------------------------ callbacks */

static int on_diag(void *user, const sv_diag *d)
{
    struct run *run = user;
    cli_report *r = run->r;
    if (r->ndiags == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        cli_diag *nd = realloc(r->diags, cap * sizeof *nd);
        if (!nd) {
            perror("sessval");
            exit(2);
        }
        r->diags = nd;
        r->cap = cap;
    }
    cli_diag *c = &r->diags[r->ndiags++];
    memset(c, 0, offsetof(cli_diag, excerpt));
    c->code = d->code;
    c->severity = d->severity;
    c->offset = d->offset;
    c->line = d->line;
    c->column = d->column;
    c->pointer = dup_str(d->pointer, d->pointer_len);
    c->pointer_len = d->pointer_len;
    c->message = dup_str(d->message, d->message_len);
    c->context = d->context ? dup_str(d->context, d->context_len) : NULL;
    c->payload_offset = d->payload_offset;
    c->payload_line = d->payload_line;
    c->payload_column = d->payload_column;
    if (!run->transcoded && run->p) {
        /* decided before any diagnostic of the text comes */
        sv_capture_summary sum;
        sv_capture_stats(run->p, &sum);
        run->transcoded = sum.encoding == SV_ENCODING_UTF16LE ||
                          sum.encoding == SV_ENCODING_UTF16BE;
    }
    if (run->o->need_chars && !run->transcoded)
        c->char_column = char_column(run, d->offset, d->column);
    if (run->o->need_excerpt)
        excerpt_start(run, c);
    return 0;
}

/* ------------------------------------------------------------- --pages */

struct cli_pages {
    sv_pages *p;
    struct run *cur;    /* the input being validated */
    uint64_t errors, warnings;
};

static int pages_diag(void *user, const sv_diag *d)
{
    cli_pages *pg = user;
    if (!pg->cur)
        return 0; /* the last input could not be read */
    if (d->severity == SV_SEVERITY_ERROR)
        pg->errors++;
    else
        pg->warnings++;
    return on_diag(pg->cur, d);
}

cli_pages *cli_pages_new(const cli_opts *o)
{
    cli_pages *pg = xmalloc(sizeof *pg);
    memset(pg, 0, sizeof *pg);
    sv_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.on_diag = pages_diag;
    sv_options lo = o->lib;
    lo.max_diagnostics = 0;
    pg->p = sv_pages_new(&lo, &cb, pg);
    if (!pg->p) {
        perror("sessval");
        exit(2);
    }
    return pg;
}

void cli_pages_free(cli_pages *pg)
{
    if (pg)
        sv_pages_free(pg->p);
    free(pg);
}

static int on_page(void *user, const sv_page *page)
{
    struct run *run = user;
    sv_position where;
    int ok = sv_capture_where(run->p, &where) == 0;
    sv_pages_page(run->r->pages->p, page, run->r->name, ok ? &where : NULL);
    return 0;
}

static int on_session(void *user, const sv_session *s)
{
    struct run *run = user;
    if (run->r->pages)
        sv_pages_session(run->r->pages->p, s);
    if (run->o->extract) {
        extract_session(run->r->records, run->o->extract, run->r->name, s,
                        run->o->lib.api != SV_API_V1);
        run->r->nrecords++;
    }
    return 0;
}

/* ------------------------------------------------------- the input forms */

static size_t next_read_size(struct run *run)
{
    if (!run->o->read_random)
        return run->o->read_size;
    uint64_t z = (run->rng += 0x9E3779B97F4A7C15u); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return 1 + (size_t)((z ^ (z >> 31)) % 4096);
}

/* Plain JSON (and NDJSON): the bytes as they are. */
static void feed_plain(struct run *run)
{
    size_t cap = run->o->read_random ? 4096 : run->o->read_size;
    unsigned char *buf = xmalloc(cap);
    uint64_t off = 0;
    for (;;) {
        ssize_t n = read(run->fd, buf, next_read_size(run));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            run->r->io_error = errno;
            run->r->io_what = "cannot read";
            break;
        }
        if (n == 0)
            break;
        if (run->ring) {
            ring_push(run, buf, (size_t)n);
            excerpts_advance(run);
        }
        run->chunk = buf;
        run->chunk_len = (size_t)n;
        run->chunk_off = off;
        sv_status st = sv_capture_feed(run->p, buf, (size_t)n);
        if (run->o->need_chars)
            line_advance(run);
        off += (uint64_t)n;
        progress_update(&run->progress, off);
        if (st != SV_OK)
            break;
    }
    run->chunk = buf;
    run->chunk_len = 0;
    run->chunk_off = off;
    if (!run->r->io_error && sv_capture_status(run->p) == SV_OK)
        sv_capture_finish(run->p);
    run->total = off;
    if (!run->r->io_error && sv_capture_status(run->p) != SV_OK) {
        /* The parse stopped (a syntax error).  A regular file's size is
         * known; a pipe is read to its end: the writer is not cut off
         * (curl would fail with a write error), the summary counts the
         * same bytes for any read size, and excerpts still waiting for
         * the rest of their line get it. */
        if (run->seekable) {
            run->total = run->size > off ? run->size : off;
        } else {
            for (;;) {
                ssize_t n = read(run->fd, buf, cap);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    break;
                if (run->ring) {
                    ring_push(run, buf, (size_t)n);
                    excerpts_advance(run);
                }
                run->total += (uint64_t)n;
            }
        }
    }
    free(buf);
}

/* The input-form layer: the one function that takes an open input and
 * feeds the capture, which takes HAR archives and HTTP responses apart
 * itself (decided by content, or by --input). */
static void feed_input(struct run *run)
{
    feed_plain(run);
}

void cli_run(const cli_opts *o, cli_report *r)
{
    double t0 = cli_now();
    struct run run;
    memset(&run, 0, sizeof run);
    run.o = o;
    run.r = r;
    run.rng = o->read_seed;
    int is_stdin = strcmp(r->name, "-") == 0;
    run.fd = is_stdin ? 0 : open(r->name, O_RDONLY | O_CLOEXEC);
    if (run.fd < 0) {
        r->io_error = errno;
        r->io_what = "cannot open";
        return;
    }
    struct stat st;
    if (fstat(run.fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        r->io_error = EISDIR;
        r->io_what = "cannot read";
        close(run.fd);
        return;
    }
    if (S_ISREG(st.st_mode)) {
        run.base = is_stdin ? lseek(run.fd, 0, SEEK_CUR) : 0;
        run.seekable = run.base >= 0;
        if (!run.seekable)
            run.base = 0;
        else if (st.st_size > run.base)
            run.size = (uint64_t)(st.st_size - run.base);
    }
    if (!run.seekable && (o->need_excerpt || o->need_chars)) {
        run.ring_cap = WINDOW + (o->read_random ? 4096 : o->read_size);
        run.ring = xmalloc(run.ring_cap);
    }

    sv_options lo = o->lib;
    lo.max_diagnostics = o->max_errors;
    if (!o->multi_given && r->form == FORM_NDJSON)
        lo.multi = SV_MULTI_NDJSON;
    sv_callbacks cb = {0};
    cb.on_diag = on_diag;
    if (o->extract || r->pages)
        cb.on_session = on_session;
    if (r->pages) {
        cb.on_page = on_page;
        r->pages->cur = &run;
    }
    uint64_t pages_errors = r->pages ? r->pages->errors : 0;
    uint64_t pages_warnings = r->pages ? r->pages->warnings : 0;
    run.p = sv_capture_new(&lo, &cb, &run);
    if (!run.p) {
        perror("sessval");
        exit(2);
    }
    progress_start(&run.progress, o, r->name, run.size);
    feed_input(&run);
    progress_stop(&run.progress);
    /* the last page of a listing: the findings about all of them, while
     * this input can still give excerpts */
    if (r->pages && r->pages_last)
        sv_pages_finish(r->pages->p);
    run.eof = 1;
    if (run.ring)
        excerpts_advance(&run);

    r->status = sv_capture_status(run.p);
    sv_capture_summary sum;
    sv_capture_stats(run.p, &sum);
    r->stats = sum.totals;
    r->input = sum.input;
    r->encoding = sum.encoding;
    if (r->pages) {
        r->stats.errors += r->pages->errors - pages_errors;
        r->stats.warnings += r->pages->warnings - pages_warnings;
        r->pages->cur = NULL;
    }
    if (!r->io_error)
        r->stats.bytes = run.total;
    if (r->status == SV_ERR_NOMEM && !r->io_error) {
        r->io_error = ENOMEM;
        r->io_what = "cannot validate";
    }
    sv_capture_free(run.p);
    free(run.ring);
    if (!is_stdin)
        close(run.fd);
    r->seconds = cli_now() - t0;
}

void cli_report_free(cli_report *r)
{
    for (size_t i = 0; i < r->ndiags; i++) {
        free(r->diags[i].pointer);
        free(r->diags[i].message);
        free(r->diags[i].context);
    }
    free(r->diags);
    r->diags = NULL;
    r->ndiags = r->cap = 0;
}

int cli_report_invalid(const cli_report *r)
{
    return r->io_error || r->status != SV_OK || r->stats.errors > 0;
}

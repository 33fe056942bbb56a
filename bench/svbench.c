/*
 * svbench.c - sessval in-process: the library's own cost, without the
 * CLI's output and process start-up.  Uses only the public API.
 *
 *   svbench [--multi] [--no-dup-ids] [--in-memory] [--count-allocs] FILE
 *
 * Feeds FILE to one parser in 64 KiB chunks (default options; --multi sets
 * SV_MULTI_ANY, --no-dup-ids turns duplicate-id detection off), counts the
 * sessions with on_session and prints one line:
 *
 *   bytes sessions seconds MB/s sessions/s
 *
 * where seconds covers reading and parsing, or with --in-memory only the
 * parsing (the file is read into memory first).  MB = 10^6 bytes.
 * --count-allocs installs a counting sv_allocator and prints a second line:
 *
 *   allocations N (malloc M, realloc R) after-first-session K peak-bytes P
 *
 * K is the allocations made after the first session was delivered: 0 is
 * the design's "zero allocations per record".  Exit 0 when the document has
 * no error diagnostic, 1 otherwise (a one-line reason on stderr), 2 on
 * usage or I/O errors.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sessval.h"

#define CHUNK (64 * 1024)

/* ------------------------------------------------------ counting allocator */

typedef struct counter {
    uint64_t mallocs, reallocs, frees;
    uint64_t at_first_session; /* mallocs + reallocs when it arrived */
    int seen_session;
    size_t live, peak;
} counter;

/* Each block carries its size in front, padded to max_align_t. */
#define HDR sizeof(max_align_t)

static void account(counter *c, size_t add, size_t sub)
{
    c->live = c->live + add - sub;
    if (c->live > c->peak)
        c->peak = c->live;
}

static void *c_malloc(void *ctx, size_t n)
{
    counter *c = ctx;
    unsigned char *p = malloc(n + HDR);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    c->mallocs++;
    account(c, n, 0);
    return p + HDR;
}

static void *c_realloc(void *ctx, void *ptr, size_t n)
{
    counter *c = ctx;
    if (!ptr)
        return c_malloc(ctx, n);
    unsigned char *old = (unsigned char *)ptr - HDR;
    size_t was;
    memcpy(&was, old, sizeof was);
    unsigned char *p = realloc(old, n + HDR);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    c->reallocs++;
    account(c, n, was);
    return p + HDR;
}

static void c_free(void *ctx, void *ptr)
{
    counter *c = ctx;
    if (!ptr)
        return;
    unsigned char *old = (unsigned char *)ptr - HDR;
    size_t was;
    memcpy(&was, old, sizeof was);
    c->frees++;
    account(c, 0, was);
    free(old);
}

/* ---------------------------------------------------------------- driver */

typedef struct run {
    uint64_t sessions;
    counter *alloc; /* NULL unless --count-allocs */
} run;

static int on_session(void *user, const sv_session *s)
{
    run *r = user;
    (void)s;
    if (r->sessions++ == 0 && r->alloc) {
        r->alloc->at_first_session = r->alloc->mallocs + r->alloc->reallocs;
        r->alloc->seen_session = 1;
    }
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int usage(void)
{
    fprintf(stderr, "usage: svbench [--multi] [--no-dup-ids] [--in-memory] "
                    "[--count-allocs] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    int multi = 0, dup_ids = 1, in_memory = 0, count_allocs = 0, argi = 1;
    for (; argi < argc && !strncmp(argv[argi], "--", 2); argi++) {
        if (!strcmp(argv[argi], "--multi"))
            multi = 1;
        else if (!strcmp(argv[argi], "--no-dup-ids"))
            dup_ids = 0;
        else if (!strcmp(argv[argi], "--in-memory"))
            in_memory = 1;
        else if (!strcmp(argv[argi], "--count-allocs"))
            count_allocs = 1;
        else
            return usage();
    }
    if (argi != argc - 1)
        return usage();
    const char *path = argv[argi];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "svbench: %s: %s\n", path, strerror(errno));
        return 2;
    }

    counter alloc = {0};
    run r = {0, count_allocs ? &alloc : NULL};
    sv_options opts;
    sv_options_init(&opts);
    if (multi)
        opts.multi = SV_MULTI_ANY;
    opts.duplicate_ids = dup_ids;
    if (count_allocs) {
        opts.allocator.malloc_fn = c_malloc;
        opts.allocator.realloc_fn = c_realloc;
        opts.allocator.free_fn = c_free;
        opts.allocator.ctx = &alloc;
    }
    sv_callbacks cbs = {0};
    cbs.on_session = on_session;

    /* With --in-memory the whole file is read before the clock starts. */
    unsigned char *whole = NULL;
    size_t whole_len = 0;
    if (in_memory) {
        struct stat st;
        if (fstat(fd, &st) != 0 || !(whole = malloc((size_t)st.st_size + 1))) {
            fprintf(stderr, "svbench: %s: cannot load\n", path);
            return 2;
        }
        while (whole_len < (size_t)st.st_size) {
            ssize_t n = read(fd, whole + whole_len, (size_t)st.st_size - whole_len);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                fprintf(stderr, "svbench: %s: short read\n", path);
                return 2;
            }
            whole_len += (size_t)n;
        }
    }

    sv_parser *p = sv_parser_new(&opts, &cbs, &r);
    if (!p) {
        fprintf(stderr, "svbench: sv_parser_new failed\n");
        return 2;
    }
    static unsigned char buf[CHUNK];
    uint64_t bytes = 0;
    sv_status st = SV_OK;
    double t0 = now();
    if (in_memory) {
        for (size_t off = 0; off < whole_len && st == SV_OK; off += CHUNK) {
            size_t n = whole_len - off < CHUNK ? whole_len - off : CHUNK;
            st = sv_parser_feed(p, whole + off, n);
            bytes += n;
        }
    } else {
        for (;;) {
            ssize_t n = read(fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                fprintf(stderr, "svbench: %s: %s\n", path, strerror(errno));
                return 2;
            }
            if (n == 0)
                break;
            bytes += (uint64_t)n;
            if ((st = sv_parser_feed(p, buf, (size_t)n)) != SV_OK)
                break;
        }
    }
    if (st == SV_OK)
        st = sv_parser_finish(p);
    double secs = now() - t0;

    sv_stats stats;
    sv_parser_stats(p, &stats);
    sv_parser_free(p);
    close(fd);
    free(whole);

    printf("%llu %llu %.6f %.1f %.0f\n", (unsigned long long)bytes,
           (unsigned long long)r.sessions, secs,
           secs > 0 ? (double)bytes / secs / 1e6 : 0.0,
           secs > 0 ? (double)r.sessions / secs : 0.0);
    if (count_allocs) {
        uint64_t total = alloc.mallocs + alloc.reallocs;
        printf("allocations %llu (malloc %llu, realloc %llu) after-first-session %llu "
               "peak-bytes %zu\n",
               (unsigned long long)total, (unsigned long long)alloc.mallocs,
               (unsigned long long)alloc.reallocs,
               (unsigned long long)(alloc.seen_session ? total - alloc.at_first_session : 0),
               alloc.peak);
        if (alloc.live != 0)
            fprintf(stderr, "svbench: %zu bytes still allocated after sv_parser_free\n",
                    alloc.live);
    }
    if (st != SV_OK) {
        fprintf(stderr, "svbench: %s: %s\n", path, sv_status_str(st));
        return 1;
    }
    if (stats.errors) {
        fprintf(stderr, "svbench: %s: %llu error(s), %llu warning(s)\n", path,
                (unsigned long long)stats.errors, (unsigned long long)stats.warnings);
        return 1;
    }
    return 0;
}

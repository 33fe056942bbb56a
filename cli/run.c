/*
 * run.c - validate one input (a file or standard input) with the library,
 * streaming it in fixed-size reads: memory does not grow with the input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define READ_SIZE (256 * 1024)
#define WINDOW_MAX (1024 * 1024) /* stdin bytes kept for excerpts */
_Static_assert(READ_SIZE < WINDOW_MAX, "a read must fit in the window");

static char *dup_str(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        perror("sessval");
        exit(2);
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static int on_diag(void *user, const sv_diag *d)
{
    cli_report *r = user;
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
    c->code = d->code;
    c->severity = d->severity;
    c->offset = d->offset;
    c->line = d->line;
    c->column = d->column;
    c->pointer = dup_str(d->pointer, d->pointer_len);
    c->message = dup_str(d->message, d->message_len);
    return 0;
}

/* Keep the last WINDOW_MAX bytes of standard input. */
static void keep_window(cli_report *r, const unsigned char *b, size_t n,
                        uint64_t off)
{
    if (!r->window) {
        r->window = malloc(WINDOW_MAX);
        if (!r->window)
            return;
        r->window_off = off;
    }
    /* reads are READ_SIZE at most, smaller than the window */
    if (r->window_len + n > WINDOW_MAX) {
        size_t drop = r->window_len + n - WINDOW_MAX;
        memmove(r->window, r->window + drop, r->window_len - drop);
        r->window_len -= drop;
        r->window_off += drop;
    }
    memcpy(r->window + r->window_len, b, n);
    r->window_len += n;
}

void cli_run(const cli_opts *o, cli_report *r)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int is_stdin = strcmp(r->name, "-") == 0;
    int fd = is_stdin ? 0 : open(r->name, O_RDONLY);
    if (fd < 0) {
        r->io_error = errno;
        return;
    }
    sv_options lo = o->lib;
    lo.max_diagnostics = o->max_errors;
    sv_callbacks cb = {0};
    cb.on_diag = on_diag;
    sv_parser *p = sv_parser_new(&lo, &cb, r);
    unsigned char *buf = malloc(READ_SIZE);
    if (!p || !buf) {
        perror("sessval");
        exit(2);
    }
    uint64_t off = 0;
    for (;;) {
        ssize_t n = read(fd, buf, READ_SIZE);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            r->io_error = errno;
            break;
        }
        if (n == 0) {
            sv_parser_finish(p);
            break;
        }
        if (is_stdin)
            keep_window(r, buf, (size_t)n, off);
        off += (uint64_t)n;
        if (sv_parser_feed(p, buf, (size_t)n) != SV_OK)
            break;
    }
    r->status = sv_parser_status(p);
    sv_parser_stats(p, &r->stats);
    sv_parser_free(p);
    free(buf);
    if (!is_stdin)
        close(fd);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (double)(t1.tv_sec - t0.tv_sec) +
                 (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

void cli_report_free(cli_report *r)
{
    for (size_t i = 0; i < r->ndiags; i++) {
        free(r->diags[i].pointer);
        free(r->diags[i].message);
    }
    free(r->diags);
    free(r->window);
    r->diags = NULL;
    r->window = NULL;
    r->ndiags = r->cap = 0;
}

int cli_report_invalid(const cli_report *r)
{
    return r->io_error || r->status != SV_OK || r->stats.errors > 0;
}

/*
 * yajl_floor.c - the benchmark floor: yajl tokenizing a file and nothing
 * else.
 *
 *   yajl_floor [--noop] [--multi] FILE
 *
 * Default: yajl_alloc(NULL, ...), i.e. no callbacks at all, the least any
 * yajl-based validator can cost.  --noop installs a callback for every event
 * that only returns 1 (continue): the price of the dispatch itself.
 * --multi sets yajl_allow_multiple_values (NDJSON, concatenated values);
 * otherwise yajl's default options.  Reads 64 KiB chunks, ends with
 * yajl_complete_parse.  Prints nothing and exits 0 when the input is
 * well-formed JSON; one line and exit 1 otherwise; exit 2 on usage or I/O
 * errors.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

#define CHUNK (64 * 1024)

static int cb_null(void *ctx)
{
    (void)ctx;
    return 1;
}

static int cb_boolean(void *ctx, int v)
{
    (void)ctx;
    (void)v;
    return 1;
}

static int cb_number(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    (void)s;
    (void)n;
    return 1;
}

static int cb_string(void *ctx, const unsigned char *s, size_t n)
{
    (void)ctx;
    (void)s;
    (void)n;
    return 1;
}

/* yajl_number is set, so yajl_integer and yajl_double are never called:
 * numbers reach the callback as raw text, the way sessval takes them. */
static const yajl_callbacks NOOP = {
    .yajl_null = cb_null,
    .yajl_boolean = cb_boolean,
    .yajl_number = cb_number,
    .yajl_string = cb_string,
    .yajl_start_map = cb_null,
    .yajl_map_key = cb_string,
    .yajl_end_map = cb_null,
    .yajl_start_array = cb_null,
    .yajl_end_array = cb_null,
};

static void fail(yajl_handle h, const unsigned char *chunk, size_t len)
{
    unsigned char *msg = yajl_get_error(h, 0, chunk, len);
    size_t n = strlen((const char *)msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
    for (size_t i = 0; i < n; i++)
        if (msg[i] == '\n')
            msg[i] = ' ';
    printf("invalid JSON: %s\n", msg);
    yajl_free_error(h, msg);
}

int main(int argc, char **argv)
{
    int noop = 0, multi = 0, argi = 1;
    for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
        if (!strcmp(argv[argi], "--noop"))
            noop = 1;
        else if (!strcmp(argv[argi], "--multi"))
            multi = 1;
        else
            break;
    }
    if (argi != argc - 1) {
        fprintf(stderr, "usage: yajl_floor [--noop] [--multi] FILE\n");
        return 2;
    }
    const char *path = argv[argi];
    int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
    if (fd < 0) {
        fprintf(stderr, "yajl_floor: %s: %s\n", path, strerror(errno));
        return 2;
    }

    yajl_handle h = yajl_alloc(noop ? &NOOP : NULL, NULL, NULL);
    if (!h)
        return 2;
    if (multi)
        yajl_config(h, yajl_allow_multiple_values, 1);

    static unsigned char buf[CHUNK];
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "yajl_floor: %s: %s\n", path, strerror(errno));
            rc = 2;
            break;
        }
        if (n == 0) {
            if (yajl_complete_parse(h) != yajl_status_ok) {
                fail(h, NULL, 0);
                rc = 1;
            }
            break;
        }
        if (yajl_parse(h, buf, (size_t)n) != yajl_status_ok) {
            fail(h, buf, (size_t)n);
            rc = 1;
            break;
        }
    }
    yajl_free(h);
    if (fd != 0)
        close(fd);
    return rc;
}

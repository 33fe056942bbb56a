/*
 * inputs.c - what the FILE|DIR|- arguments name.
 *
 * A file argument is validated whatever its name.  A directory is walked
 * recursively for *.json, *.ndjson, *.har and *.http (any letter case),
 * entries sorted by byte order of their names so that the order, and so
 * the output, is the same on every machine.  Symbolic links to files are
 * followed; links to directories are not (no cycles, no escaping the
 * tree).  A directory or entry that cannot be read becomes an input that
 * reports the error, so the other files are still validated.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        perror("sessval");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static void push(cli_inputs *in, char *name, int error, const char *what)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = xrealloc(in->v, in->cap * sizeof *in->v);
    }
    in->v[in->n].name = name;
    in->v[in->n].error = error;
    in->v[in->n].what = what;
    in->n++;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcasecmp(s + n - m, suffix) == 0;
}

enum cli_form cli_form_of(const char *name)
{
    if (ends_with(name, ".ndjson"))
        return FORM_NDJSON;
    if (ends_with(name, ".har"))
        return FORM_HAR;
    if (ends_with(name, ".http"))
        return FORM_HTTP;
    return FORM_JSON;
}

static int wanted(const char *name)
{
    return ends_with(name, ".json") || ends_with(name, ".ndjson") ||
           ends_with(name, ".har") || ends_with(name, ".http");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    int slash = d > 0 && dir[d - 1] != '/';
    char *p = xrealloc(NULL, d + (size_t)slash + n + 1);
    memcpy(p, dir, d);
    if (slash)
        p[d] = '/';
    memcpy(p + d + (size_t)slash, name, n + 1);
    return p;
}

static size_t walk(cli_inputs *in, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        push(in, xstrdup(dir), errno, "cannot open directory");
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0, added = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(e->d_name);
    }
    int err = errno;
    closedir(d);
    if (err) {
        push(in, xstrdup(dir), err, "cannot read directory");
        added++;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]);
        struct stat st;
        free(names[i]);
        if (lstat(path, &st) != 0) {
            push(in, path, errno, "cannot open");
            added++;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            added += walk(in, path);
            free(path);
            continue;
        }
        if (!wanted(path)) {
            free(path);
            continue;
        }
        if (S_ISLNK(st.st_mode) &&
            (stat(path, &st) != 0 || S_ISDIR(st.st_mode))) {
            free(path); /* dangling, or a link to a directory */
            continue;
        }
        push(in, path, 0, NULL);
        added++;
    }
    free(names);
    return added;
}

size_t cli_inputs_add(cli_inputs *in, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        return walk(in, arg);
    push(in, xstrdup(arg), 0, NULL);
    return 1;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i].name);
    free(in->v);
    in->v = NULL;
    in->n = in->cap = 0;
}

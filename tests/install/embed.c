#include <sessval.h>
#include <stdio.h>

static int on_session(void *user, const sv_session *s)
{
    (void)user; /* strings are valid during the callback only */
    printf("%s %s %s\n", s->id.ptr, s->type.text.ptr, s->status.text.ptr);
    return 0;   /* non-zero stops the parse */
}

static int on_diag(void *user, const sv_diag *d)
{
    (void)user;
    fprintf(stderr, "%llu:%llu: %s: %s: %s\n", (unsigned long long)d->line,
            (unsigned long long)d->column, sv_diag_name(d->code), d->pointer,
            d->message);
    return 0;
}

int main(void)
{
    sv_callbacks cb = {0};
    cb.on_session = on_session;
    cb.on_diag = on_diag;
    sv_parser *p = sv_parser_new(NULL, &cb, NULL); /* NULL: default options */
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (sv_parser_feed(p, buf, n) != SV_OK)
            break;
    sv_status st = sv_parser_finish(p);
    sv_stats stats;
    sv_parser_stats(p, &stats);
    sv_parser_free(p);
    return st != SV_OK || stats.errors ? 1 : 0;
}

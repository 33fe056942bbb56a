/*
 * detect.c - --kind=auto: what a top-level object is, decided by the first
 * member that only one kind of document has.
 *
 * Until that member arrives, the events inside the object are kept
 * (copied, at most SV_PENDING_MAX of them); once the kind is known they
 * are replayed through the engine with their original positions.  No
 * second pass over the input: a page starts with "offset", a session with
 * "id", a log with "jobSessionId", and an RFC 7807 body decides at its
 * second member ("type" is shared with sessions, "title" is not).
 */
#include <string.h>

#include "sv_internal.h"


void sv__set_kind(sv_parser *p, sv_kind kind)
{
    p->doc_kind = kind;
    memset(&p->root, 0, sizeof p->root);
    p->root.types = SV_J_OBJECT;
    p->root.profiles = SV_P_ALL;
    p->root.child = sv_schema_roots[kind];
}

/* Kinds whose root object has this member (bit per sv_kind). */
static unsigned kinds_of(const char *s, size_t len, unsigned pmask)
{
    unsigned k = 0;
    for (int kind = SV_KIND_PAGE; kind <= SV_KIND_PROBLEM; kind++) {
        const sv_object *o = sv_schema_roots[kind];
        for (size_t i = 0; i < o->count; i++)
            if (o->members[i].name_len == len &&
                memcmp(o->members[i].name, s, len) == 0 &&
                (o->members[i].profiles & pmask))
                k |= 1u << kind;
    }
    return k;
}

#define ALL_KINDS                                                             \
    ((1u << SV_KIND_PAGE) | (1u << SV_KIND_SESSION) | (1u << SV_KIND_LOG) |   \
     (1u << SV_KIND_PROBLEM))

/* The top object ended without one member of any kind: say so once
 * rather than list every member of a guessed kind. */
static int undecidable(sv_parser *p)
{
    sv_pos start = p->pending[0].pos;
    p->deciding = 0;
    p->npending = 0;
    sv__diag(p, SV_DIAG_MISSING_MEMBER, &start, SV_PTR_FRAME, NULL,
             "none of the members of a jobSessions page, a session, a log "
             "or an error response: cannot tell what this document is "
             "(--kind says it)");
    return p->status == SV_OK ? 0 : -1;
}

static int replay(sv_parser *p, unsigned kinds)
{
    sv_kind kind = SV_KIND_PAGE;
    for (int k = SV_KIND_PAGE; k <= SV_KIND_PROBLEM; k++)
        if (kinds & (1u << k)) {
            kind = (sv_kind)k;
            break;
        }
    sv__set_kind(p, kind);
    p->deciding = 0;
    for (uint32_t i = 0; i < p->npending && p->status == SV_OK; i++) {
        sv_pending_ev *e = &p->pending[i];
        if (sv__event(p, (sv_ev)e->ev, e->pos, e->s, e->len, e->b) < 0)
            return -1;
    }
    p->npending = 0;
    return p->status == SV_OK ? 0 : -1;
}

/* While deciding, every event inside the top object is kept (copied) until
 * a member only one kind has arrives; then they are replayed.  Bounded:
 * past SV_PENDING_MAX events the best guess so far is taken. */
int sv__deciding(sv_parser *p, sv_ev ev, sv_pos pos, const char *s,
                 size_t len, int b)
{
    if (ev == SV_EV_KEY && p->depth == 1) {
        unsigned k = kinds_of(s, len, 1u << p->opt.api);
        if (k && (k & (k - 1)) == 0) {
            if (replay(p, k) < 0)
                return -1;
            return sv__event(p, ev, pos, s, len, b);
        }
        if (k && (p->pending_kinds & k))
            p->pending_kinds &= k;
        if ((p->pending_kinds & (p->pending_kinds - 1)) == 0) {
            if (replay(p, p->pending_kinds) < 0)
                return -1;
            return sv__event(p, ev, pos, s, len, b);
        }
    }
    if (ev == SV_EV_END_MAP && p->depth == 0 &&
        p->pending_kinds == ALL_KINDS)
        return undecidable(p);
    if ((ev == SV_EV_END_MAP && p->depth == 0) ||
        p->npending == SV_PENDING_MAX) {
        if (replay(p, p->pending_kinds) < 0)
            return -1;
        return sv__event(p, ev, pos, s, len, b);
    }
    sv_pending_ev *e = &p->pending[p->npending++];
    e->ev = (uint8_t)ev;
    e->b = (uint8_t)b;
    e->pos = pos;
    e->len = len;
    e->s = NULL;
    if (s) {
        e->s = sv__arena_strdup(p, s, len);
        if (!e->s) {
            p->status = SV_ERR_NOMEM;
            return -1;
        }
    }
    return 0;
}

/* The top object of an auto document begins: record until decided. */
int sv__begin_deciding(sv_parser *p, sv_pos pos)
{
    p->deciding = 1;
    p->npending = 0;
    p->pending_kinds = ALL_KINDS;
    return sv__deciding(p, SV_EV_START_MAP, pos, NULL, 0, 0);
}

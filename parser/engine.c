/*
 * engine.c - the state machine.  yajl's events, already positioned by
 * parser.c, walk the schema tables: a stack of frames, one per open object
 * or array the schema describes; containers it does not describe are
 * skipped by counting depth.  Nothing here knows what a job session is:
 * that lives in schema/ (the tables) and checks.c (cross-member rules).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sv_internal.h"
#include "sv_time.h"

/* ---------------------------------------------------------------- words */

static const char *type_words(unsigned types)
{
    switch (types & ~(unsigned)SV_J_NULL) {
    case SV_J_STRING:
        return "a string";
    case SV_J_INT:
        return "an integer";
    case SV_J_NUMBER:
        return "a number";
    case SV_J_BOOL:
        return "a boolean (true or false)";
    case SV_J_OBJECT:
        return "an object";
    case SV_J_ARRAY:
        return "an array";
    case SV_J_OBJECT | SV_J_ARRAY:
        return "an object or an array";
    default:
        return "a value";
    }
}

/* "string \"102\"", "number 1.5", "true", "null", "an object". */
static const char *found_words(char *buf, size_t n, sv_ev ev, const char *s,
                               size_t len, int b)
{
    char q[256];
    switch (ev) {
    case SV_EV_STRING:
        snprintf(buf, n, "string %s", sv__quote(q, sizeof q, s, len));
        break;
    case SV_EV_NUMBER:
        if (len > 40) {
            sv__quote(q, sizeof q, s, len);
            snprintf(buf, n, "number %.*s", (int)(strlen(q) - 2), q + 1);
        } else {
            snprintf(buf, n, "number %.*s", (int)len, s);
        }
        break;
    case SV_EV_BOOL:
        snprintf(buf, n, "%s", b ? "true" : "false");
        break;
    case SV_EV_NULL:
        snprintf(buf, n, "null");
        break;
    case SV_EV_START_MAP:
        snprintf(buf, n, "an object");
        break;
    case SV_EV_START_ARRAY:
        snprintf(buf, n, "an array");
        break;
    case SV_EV_END_MAP:
    case SV_EV_END_ARRAY:
    case SV_EV_KEY:
        snprintf(buf, n, "?");
        break;
    }
    return buf;
}

static unsigned json_type(sv_ev ev, const char *s, size_t len)
{
    switch (ev) {
    case SV_EV_STRING:
        return SV_J_STRING;
    case SV_EV_NUMBER:
        for (size_t i = 0; i < len; i++)
            if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
                return SV_J_FRAC;
        return SV_J_INT;
    case SV_EV_BOOL:
        return SV_J_BOOL;
    case SV_EV_NULL:
        return SV_J_NULL;
    case SV_EV_START_MAP:
        return SV_J_OBJECT;
    case SV_EV_START_ARRAY:
        return SV_J_ARRAY;
    case SV_EV_END_MAP:
    case SV_EV_END_ARRAY:
    case SV_EV_KEY:
        break;
    }
    return 0;
}

/* ------------------------------------------------------------- records */

static sv_frame *top(sv_parser *p)
{
    return p->nframes ? &p->frames[p->nframes - 1] : NULL;
}

static void slots_clear(sv_parser *p, sv_slot first, sv_slot last)
{
    for (int s = first; s <= (int)last; s++)
        p->slots[s].off = SV_NO_OFFSET;
}

static void record_start(sv_parser *p, sv_frame *f, const sv_frame *parent)
{
    uint64_t index = parent && parent->is_array ? parent->index : 0;
    uint64_t doc = p->doc_index - 1;
    f->arena_mark = sv__arena_mark(&p->arena);
    switch ((sv_record)f->obj->record) {
    case SV_REC_SESSION:
        memset(&p->session, 0, sizeof p->session);
        p->session.document = doc;
        p->session.index = index;
        p->session.offset = f->start.off;
        slots_clear(p, SV_SLOT_ID, SV_SLOT_LOG_HREF);
        p->rec_session = (sv_recstate){0, 0};
        f->base = (char *)&p->session;
        f->rec = &p->rec_session;
        break;
    case SV_REC_PAGE:
        memset(&p->page, 0, sizeof p->page);
        p->page.document = doc;
        p->page.offset = f->start.off;
        slots_clear(p, SV_SLOT_PAGE_OFFSET, SV_SLOT_PAGE_SELF_HREF);
        p->rec_page = (sv_recstate){0, 0};
        sv__ids_clear(&p->ids);
        f->base = (char *)&p->page;
        f->rec = &p->rec_page;
        break;
    case SV_REC_LOG:
        memset(&p->log, 0, sizeof p->log);
        p->rec_log = (sv_recstate){0, 0};
        f->base = (char *)&p->log;
        f->rec = &p->rec_log;
        break;
    case SV_REC_LOG_ENTRY:
        memset(&p->entry, 0, sizeof p->entry);
        p->entry.document = doc;
        p->entry.index = index;
        p->entry.offset = f->start.off;
        p->entry.job_session_id = p->log.job_session_id;
        slots_clear(p, SV_SLOT_ENTRY_START, SV_SLOT_ENTRY_DURATION);
        p->rec_entry = (sv_recstate){0, 0};
        f->base = (char *)&p->entry;
        f->rec = &p->rec_entry;
        break;
    case SV_REC_PROBLEM:
        memset(&p->problem, 0, sizeof p->problem);
        slots_clear(p, SV_SLOT_PROBLEM_TYPE, SV_SLOT_PROBLEM_DETAIL);
        p->rec_problem = (sv_recstate){0, 0};
        f->base = (char *)&p->problem;
        f->rec = &p->rec_problem;
        break;
    case SV_REC_NONE:
        break;
    }
}

/* --------------------------------------------------------------- stores */

static void *field(const sv_frame *f, const sv_member *m)
{
    return f->base + m->offset;
}

static int store_text(sv_parser *p, sv_str *dst, const char *s, size_t len,
                      sv_state state)
{
    /* the current arena block nearly always has room: copy in line */
    sv_arena_block *blk = p->arena.cur;
    char *copy;
    if (blk && blk->size - blk->used > len) {
        copy = (char *)(blk + 1) + blk->used;
        blk->used += len + 1;
        memcpy(copy, s, len);
        copy[len] = '\0';
    } else {
        copy = sv__arena_strdup(p, s, len);
    }
    if (!copy) {
        p->status = SV_ERR_NOMEM;
        return -1;
    }
    dst->ptr = copy;
    dst->len = len;
    dst->state = state;
    return 0;
}

/* The member's value is null, or its state only (absent is the zero). */
static void store_state(const sv_frame *f, const sv_member *m, sv_state st)
{
    if (!f->base || f->dup)
        return;
    void *d = field(f, m);
    switch ((sv_store)m->store) {
    case SV_S_STR:
        ((sv_str *)d)->state = st;
        break;
    case SV_S_INT:
        ((sv_int *)d)->state = st;
        break;
    case SV_S_BOOL:
        ((sv_bool *)d)->state = st;
        break;
    case SV_S_TIME:
        ((sv_time *)d)->text.state = st;
        break;
    case SV_S_DURATION:
        ((sv_duration *)d)->text.state = st;
        break;
    case SV_S_TYPE:
        ((sv_session_type_field *)d)->text.state = st;
        break;
    case SV_S_STATUS:
        ((sv_session_status_field *)d)->text.state = st;
        break;
    case SV_S_COUNT:
        ((sv_count *)d)->state = st;
        break;
    case SV_S_PRESENT:
    case SV_S_NONE:
        break;
    }
}

/* ------------------------------------------------------------- formats */

static int enum_lookup(const sv_enum_value *t, size_t n, const char *s,
                       size_t len, unsigned pmask)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].len == len && memcmp(t[i].text, s, len) == 0 &&
            (t[i].profiles & pmask))
            return t[i].value;
    return 0;
}

/* Case-insensitive or near match among the enum's texts, for hints. */
static const char *enum_suggest(const sv_enum_value *t, size_t n,
                                const char *s, size_t len, unsigned pmask)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].len == len && strncasecmp(t[i].text, s, len) == 0 &&
            (t[i].profiles & pmask))
            return t[i].text;
    return NULL;
}

/* Profiles in which the text is a value (API drift), 0 if none. */
static unsigned enum_profiles(const sv_enum_value *t, size_t n,
                              const char *s, size_t len)
{
    unsigned prof = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].len == len && memcmp(t[i].text, s, len) == 0)
            prof |= t[i].profiles;
    return prof;
}

static sv_state check_enum(sv_parser *p, sv_pos *pos, const sv_member *m,
                           const char *s, size_t len, int *value)
{
    const sv_enum *e = sv_schema_enum((sv_format)m->format);
    const sv_enum_value *t = e->values;
    size_t n = e->count;
    unsigned pmask = 1u << p->opt.api;
    *value = enum_lookup(t, n, s, len, pmask);
    if (*value)
        return SV_VALID;
    char q[256];
    sv__quote(q, sizeof q, s, len);
    const char *why = NULL;
    const char *meant = m->format == SV_F_STATUS
                            ? sv_schema_status_hint(s, len, &why)
                            : NULL;
    const char *near = enum_suggest(t, n, s, len, pmask);
    const char *what = e->what;
    const char *drift = sv_schema_drift_note(enum_profiles(t, n, s, len),
                                             p->opt.api);
    if (*drift)
        sv__diag(p, SV_DIAG_BAD_ENUM, pos, SV_PTR_VALUE, NULL,
                 "unknown %s %s%s", what, q, drift);
    else if (meant)
        sv__diag(p, SV_DIAG_BAD_ENUM, pos, SV_PTR_VALUE, NULL,
                 "unknown %s %s (did you mean \"%s\"? %s)", what, q, meant,
                 why);
    else if (near)
        sv__diag(p, SV_DIAG_BAD_ENUM, pos, SV_PTR_VALUE, NULL,
                 "unknown %s %s (did you mean \"%s\"? values are "
                 "case-sensitive)",
                 what, q, near);
    else
        sv__diag(p, SV_DIAG_BAD_ENUM, pos, SV_PTR_VALUE, NULL,
                 "unknown %s %s (not in the documented list)", what, q);
    return SV_INVALID;
}

static int all_digits(const char *s, size_t len)
{
    if (!len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A string value: format check, then store.  Returns -1 to stop. */
static int on_string(sv_parser *p, sv_frame *f, const sv_member *m,
                     sv_pos *pos, const char *s, size_t len)
{
    char q[256], why[160];
    sv_state st = SV_VALID;
    sv_timestamp ts;
    int64_t ticks = 0;
    int ev = 0;

    if (len > p->opt.max_string) {
        sv__diag(p, SV_DIAG_LIMIT_EXCEEDED, pos, SV_PTR_VALUE, NULL,
                 "string of %zu bytes is longer than the limit of %zu bytes "
                 "(max_string)",
                 len, p->opt.max_string);
        store_state(f, m, SV_INVALID);
        return 0;
    }
    switch ((sv_format)m->format) {
    case SV_F_NONE:
        break;
    case SV_F_NONEMPTY:
        if (len == 0) {
            sv__diag(p, SV_DIAG_OUT_OF_RANGE, pos, SV_PTR_VALUE, NULL,
                     "expected a non-empty string, found \"\"");
            st = SV_INVALID;
        }
        break;
    case SV_F_TIMESTAMP: {
        int err = sv_parse_timestamp(s, len, &ts);
        if (err) {
            sv__timestamp_explain(s, len, err, why, sizeof why);
            sv__diag(p, SV_DIAG_BAD_TIMESTAMP, pos, SV_PTR_VALUE, NULL,
                     "%s is not an RFC 3339 date-time: %s%s",
                     sv__quote(q, sizeof q, s, len), why,
                     err == SV_TIME_NO_OFFSET
                         ? " (local times without an offset are what Veeam "
                           "Backup for AWS writes)"
                         : "");
            st = SV_INVALID;
        }
        break;
    }
    case SV_F_DURATION: {
        int err = sv_parse_duration(s, len, &ticks);
        if (err) {
            sv__duration_explain(s, len, err, why, sizeof why);
            sv__diag(p, SV_DIAG_BAD_DURATION, pos, SV_PTR_VALUE, NULL,
                     "%s is not a .NET TimeSpan ([-][d.]hh:mm:ss[.fffffff]): "
                     "%s%s",
                     sv__quote(q, sizeof q, s, len), why,
                     all_digits(s, len)
                         ? " (a count of milliseconds is what Veeam Backup "
                           "for AWS writes)"
                         : "");
            st = SV_INVALID;
        }
        break;
    }
    case SV_F_UUID:
        if (sv__check_uuid(s, len, why, sizeof why) < 0) {
            sv__diag(p, SV_DIAG_BAD_UUID, pos, SV_PTR_VALUE, NULL,
                     "%s is not a UUID: %s", sv__quote(q, sizeof q, s, len),
                     why);
            st = SV_INVALID;
        }
        break;
    case SV_F_URL:
        if (sv__check_url_cached(&p->urls, s, len, why, sizeof why) < 0) {
            sv__diag(p, SV_DIAG_BAD_URL, pos, SV_PTR_VALUE, NULL,
                     "%s is not an absolute http(s) URL: %s",
                     sv__quote(q, sizeof q, s, len), why);
            st = SV_INVALID;
        }
        break;
    case SV_F_TYPE:
    case SV_F_STATUS:
    case SV_F_POLICY_TYPE:
    case SV_F_PRIORITY:
        st = check_enum(p, pos, m, s, len, &ev);
        break;
    }
    if (!f->base || f->dup || m->store == SV_S_NONE)
        return 0;
    void *d = field(f, m);
    switch ((sv_store)m->store) {
    case SV_S_STR:
        return store_text(p, d, s, len, st);
    case SV_S_TIME:
        if (st == SV_VALID)
            ((sv_time *)d)->value = ts;
        return store_text(p, &((sv_time *)d)->text, s, len, st);
    case SV_S_DURATION:
        if (st == SV_VALID)
            ((sv_duration *)d)->ticks = ticks;
        return store_text(p, &((sv_duration *)d)->text, s, len, st);
    case SV_S_TYPE:
        ((sv_session_type_field *)d)->value = (sv_session_type)ev;
        return store_text(p, &((sv_session_type_field *)d)->text, s, len, st);
    case SV_S_STATUS:
        ((sv_session_status_field *)d)->value = (sv_session_status)ev;
        return store_text(p, &((sv_session_status_field *)d)->text, s, len,
                          st);
    case SV_S_INT:
    case SV_S_BOOL:
    case SV_S_PRESENT:
    case SV_S_COUNT:
    case SV_S_NONE:
        break;
    }
    return 0;
}

/* Exact int64 from JSON number text without fraction or exponent. */
static int parse_int(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < len && s[i] == '-') {
        neg = 1;
        i++;
    }
    uint64_t v = 0;
    const uint64_t lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (i == len)
        return -1;
    for (; i < len; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (d > 9)
            return -1;
        if (v > (lim - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (neg)
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return 0;
}

static void on_number(sv_parser *p, sv_frame *f, const sv_member *m,
                      sv_pos *pos, const char *s, size_t len)
{
    int64_t v = 0;
    sv_state st = SV_VALID;
    char q[256];
    if (parse_int(s, len, &v) < 0 || v < m->min || v > m->max) {
        int fits = parse_int(s, len, &v) == 0;
        if (len > 40)
            sv__quote(q, sizeof q, s, len);
        else
            snprintf(q, sizeof q, "%.*s", (int)len, s);
        if (m->min == INT64_MIN && m->max == INT64_MAX)
            sv__diag(p, SV_DIAG_OUT_OF_RANGE, pos, SV_PTR_VALUE, NULL,
                     "integer %s does not fit in 64 bits", q);
        else if (m->max == INT64_MAX)
            sv__diag(p, SV_DIAG_OUT_OF_RANGE, pos, SV_PTR_VALUE, NULL,
                     "expected an integer from %lld to %lld, found %s%s",
                     (long long)m->min, (long long)m->max, q,
                     fits ? "" : " (does not fit in 64 bits)");
        else
            sv__diag(p, SV_DIAG_OUT_OF_RANGE, pos, SV_PTR_VALUE, NULL,
                     "expected an integer from %lld to %lld, found %s",
                     (long long)m->min, (long long)m->max, q);
        st = SV_INVALID;
    }
    if (f->base && !f->dup && m->store == SV_S_INT) {
        sv_int *d = field(f, m);
        d->value = st == SV_VALID ? v : 0;
        d->state = st;
    }
}

/* ------------------------------------------------------------- frames */

/* The member a value in the innermost container is checked against; NULL
 * when the value is skipped (unknown member, open object). */
static const sv_member *expected(sv_parser *p, sv_frame *f)
{
    if (!f)
        return &p->root;
    if (f->is_array) {
        p->element.child = f->obj;
        return &p->element;
    }
    return f->cur;
}

static int push(sv_parser *p, const sv_member *m, const sv_object *obj,
                int is_array, sv_pos pos)
{
    sv_frame *parent = top(p);
    if (p->nframes == SV_MAX_FRAMES) {
        /* the tables are shallower than this; cannot happen */
        p->skip = 1;
        return 0;
    }
    sv_frame *f = &p->frames[p->nframes];
    /* every field, no memset: this runs for every object of a page */
    f->obj = obj;
    f->member = m;
    f->cur = NULL;
    f->key = NULL;
    f->key_len = 0;
    f->seen = 0;
    f->index = 0;
    f->start = pos;
    f->is_array = (uint8_t)is_array;
    f->dup = 0;
    f->hint = 0;
    f->keys_mark = p->keys.count;
    if (parent) {
        f->base = parent->base;
        f->rec = parent->rec;
        f->seg_is_index = parent->is_array;
        f->seg_index = parent->index;
        f->seg_key = parent->key;
        f->seg_key_len = parent->key_len;
    } else {
        f->base = NULL;
        f->rec = &p->rec_none;
        f->seg_is_index = 0;
        f->seg_index = 0;
        f->seg_key = NULL;
        f->seg_key_len = 0;
    }
    p->nframes++;
    if (!is_array && obj->record != SV_REC_NONE)
        record_start(p, f, parent);
    if (m->slot)
        p->slots[m->slot] = pos;
    if (parent && parent->base && !parent->dup) {
        if (m->store == SV_S_PRESENT)
            *(bool *)field(parent, m) = true;
        else if (m->store == SV_S_COUNT && !is_array) {
            sv_count *c = field(parent, m);
            c->value = 1;
            c->state = SV_VALID;
        }
    }
    return 0;
}

/* A value finished in the innermost container. */
static void after_value(sv_parser *p)
{
    sv_frame *f = top(p);
    if (f && f->is_array)
        f->index++;
}

/* Members an object requires in the active profile, as a bit mask; kept
 * per parser (a handful of objects) after the first time. */
static uint64_t required_mask(sv_parser *p, const sv_object *o)
{
    unsigned h = (unsigned)(((uintptr_t)o >> 4) & (SV_REQ_CACHE - 1));
    for (;;) {
        struct sv_req_entry *e = &p->req[h];
        if (e->obj == o)
            return e->mask;
        if (!e->obj) {
            uint64_t mask = 0;
            unsigned api = p->opt.api;
            for (size_t i = 0; i < o->count; i++)
                if ((o->members[i].profiles & p->pmask) &&
                    (o->members[i].flags[api] & SV_M_REQUIRED))
                    mask |= 1ULL << i;
            e->obj = o;
            e->mask = mask;
            return mask;
        }
        h = (h + 1) & (SV_REQ_CACHE - 1);
    }
}

static int pop_object(sv_parser *p, sv_frame *f)
{
    unsigned api = p->opt.api;
    uint64_t missing = required_mask(p, f->obj) & ~f->seen;
    for (size_t i = 0; missing && i < f->obj->count; i++) {
        const sv_member *m = &f->obj->members[i];
        if ((m->profiles & (1u << api)) &&
            (m->flags[api] & SV_M_REQUIRED) && !(f->seen & (1ULL << i)))
            sv__diag(p, SV_DIAG_MISSING_MEMBER, &f->start, SV_PTR_FRAME,
                     NULL, "missing required member \"%s\" in %s", m->name,
                     f->obj->name);
    }
    if (f->obj->record != SV_REC_NONE)
        sv__check_record(p, f);
    sv__keys_pop(&p->keys, f->keys_mark);
    if (f->obj->record != SV_REC_NONE)
        sv__arena_release(&p->arena, f->arena_mark);
    return 0;
}

static int on_end(sv_parser *p)
{
    sv_frame *f = top(p);
    if (!f)
        return 0;
    if (f->is_array) {
        sv_frame *parent = p->nframes > 1 ? f - 1 : NULL;
        if (parent && parent->base && !parent->dup &&
            f->member->store == SV_S_COUNT) {
            sv_count *c = field(parent, f->member);
            c->value = f->index;
            c->state = SV_VALID;
        }
    } else {
        pop_object(p, f);
    }
    p->nframes--;
    after_value(p);
    return p->status == SV_OK ? 0 : -1;
}

/* ------------------------------------------------------------- values */

static void type_mismatch(sv_parser *p, const sv_member *m, sv_frame *f,
                          sv_pos *pos, sv_ev ev, const char *s, size_t len,
                          int b)
{
    char found[300];
    found_words(found, sizeof found, ev, s, len, b);
    const char *hint = "";
    unsigned jt = json_type(ev, s, len);
    if (m->types == SV_J_INT && jt == SV_J_FRAC)
        hint = " (integers must not have a fraction or exponent)";
    else if (m->format == SV_F_DURATION && (jt & SV_J_NUMBER))
        hint = " (a count of milliseconds is what Veeam Backup for AWS "
               "writes; this API writes a TimeSpan such as "
               "\"00:01:17.8237000\")";
    if (f && f->is_array)
        sv__diag(p, SV_DIAG_TYPE_MISMATCH, pos, SV_PTR_VALUE, NULL,
                 "expected a %s object, found %s", f->obj->name, found);
    else if (!f && p->doc_kind == SV_KIND_AUTO)
        sv__diag(p, SV_DIAG_TYPE_MISMATCH, pos, SV_PTR_VALUE, NULL,
                 "expected an object (a jobSessions page, a session, a log "
                 "or an error response), found %s",
                 found);
    else if (!f)
        sv__diag(p, SV_DIAG_TYPE_MISMATCH, pos, SV_PTR_VALUE, NULL,
                 "expected a %s object, found %s", m->child->name, found);
    else
        sv__diag(p, SV_DIAG_TYPE_MISMATCH, pos, SV_PTR_VALUE, NULL,
                 "expected %s%s, found %s%s", type_words(m->types),
                 (m->flags[p->opt.api] & SV_M_NULLABLE) ? " or null" : "",
                 found, hint);
    if (f)
        store_state(f, m, SV_INVALID);
}

static int on_value(sv_parser *p, sv_ev ev, sv_pos *pos, const char *s,
                    size_t len, int b)
{
    sv_frame *f = top(p);
    const sv_member *m = expected(p, f);
    int container = ev == SV_EV_START_MAP || ev == SV_EV_START_ARRAY;

    if (!m) { /* skipped: unknown member or open object */
        if (container)
            p->skip = 1;
        return 0;
    }
    if (m->slot && f && !f->dup && !container)
        p->slots[m->slot] = *pos;

    unsigned jt = json_type(ev, s, len);
    if (jt == SV_J_NULL) {
        if (m->flags[p->opt.api] & (SV_M_NULLABLE | SV_M_UNFINISHED)) {
            store_state(f, m, SV_NULL);
        } else {
            type_mismatch(p, m, f, pos, ev, s, len, b);
        }
        after_value(p);
        return p->status == SV_OK ? 0 : -1;
    }
    if (!(m->types & jt)) {
        type_mismatch(p, m, f, pos, ev, s, len, b);
        if (container)
            p->skip = 1;
        else
            after_value(p);
        return p->status == SV_OK ? 0 : -1;
    }
    if (container) {
        const sv_object *obj = m->child;
        if (ev == SV_EV_START_ARRAY)
            return push(p, m, obj, 1, *pos);
        if (obj->count == 0 && obj->open) { /* unchecked object */
            if (f && f->base && !f->dup && m->store == SV_S_COUNT &&
                !f->is_array) {
                sv_count *c = field(f, m);
                c->value = 1;
                c->state = SV_VALID;
            }
            p->skip = 1;
            return 0;
        }
        return push(p, m, obj, 0, *pos);
    }
    if (f && !f->is_array) {
        switch (ev) {
        case SV_EV_STRING:
            if (on_string(p, f, m, pos, s, len) < 0)
                return -1;
            break;
        case SV_EV_NUMBER:
            on_number(p, f, m, pos, s, len);
            break;
        case SV_EV_BOOL:
            if (f->base && !f->dup && m->store == SV_S_BOOL) {
                sv_bool *d = field(f, m);
                d->value = b != 0;
                d->state = SV_VALID;
            }
            break;
        case SV_EV_NULL:
        case SV_EV_START_MAP:
        case SV_EV_START_ARRAY:
        case SV_EV_END_MAP:
        case SV_EV_END_ARRAY:
        case SV_EV_KEY:
            break;
        }
    }
    after_value(p);
    return p->status == SV_OK ? 0 : -1;
}

/* --------------------------------------------------------------- keys */

static const sv_member *lookup(sv_frame *f, const char *s, size_t len,
                               unsigned pmask)
{
    const sv_object *o = f->obj;
    /* payloads keep the documented order: try the member after the last
     * one first */
    if (f->hint < o->count) {
        const sv_member *m = &o->members[f->hint];
        if (m->name_len == len && memcmp(m->name, s, len) == 0 &&
            (m->profiles & pmask))
            return m;
    }
    for (size_t i = 0; i < o->count; i++) {
        const sv_member *m = &o->members[i];
        if (m->name_len == len && memcmp(m->name, s, len) == 0 &&
            (m->profiles & pmask))
            return m;
    }
    return NULL;
}

static int on_key(sv_parser *p, sv_pos *pos, const char *s, size_t len)
{
    sv_frame *f = top(p);
    if (!f || f->is_array)
        return 0;
    f->dup = 0;
    const sv_member *m = lookup(f, s, len, 1u << p->opt.api);
    char q[256];
    if (!m && f->obj->any && (f->obj->any->profiles & (1u << p->opt.api))) {
        /* a map: every other key has the same definition; duplicates
         * are still found through the key set */
        const char *stored = NULL;
        int r = sv__keys_add(p, s, len, &stored);
        if (r < 0) {
            p->status = SV_ERR_NOMEM;
            return -1;
        }
        f->cur = f->obj->any;
        f->key = stored;
        f->key_len = len;
        if (r == 1) {
            f->dup = 1;
            sv__diag(p, SV_DIAG_DUPLICATE_MEMBER, pos, SV_PTR_VALUE, NULL,
                     "duplicate member %s", sv__quote(q, sizeof q, s, len));
        }
        return p->status == SV_OK ? 0 : -1;
    }
    if (m) {
        size_t i = (size_t)(m - f->obj->members);
        uint64_t bit = 1ULL << i;
        f->cur = m;
        f->key = m->name;
        f->key_len = m->name_len;
        f->hint = (uint8_t)(i + 1);
        if (f->seen & bit) {
            f->dup = 1;
            sv__diag(p, SV_DIAG_DUPLICATE_MEMBER, pos, SV_PTR_VALUE, NULL,
                     "duplicate member \"%s\" (the first one is kept)",
                     m->name);
        }
        f->seen |= bit;
        return p->status == SV_OK ? 0 : -1;
    }
    const char *stored = NULL;
    int r = sv__keys_add(p, s, len, &stored);
    if (r < 0) {
        p->status = SV_ERR_NOMEM;
        return -1;
    }
    f->cur = NULL;
    f->key = stored;
    f->key_len = len;
    if (r == 1) {
        sv__diag(p, SV_DIAG_DUPLICATE_MEMBER, pos, SV_PTR_VALUE, NULL,
                 "duplicate member %s", sv__quote(q, sizeof q, s, len));
    } else if (!f->obj->open) {
        const char *near = sv__suggest(f->obj, s, len, 1u << p->opt.api);
        const char *drift = sv_schema_drift_note(
            sv_schema_member_profiles(f->obj, s, len), p->opt.api);
        if (*drift)
            sv__diag(p, SV_DIAG_UNKNOWN_MEMBER, pos, SV_PTR_VALUE, NULL,
                     "unknown member %s in %s%s",
                     sv__quote(q, sizeof q, s, len), f->obj->name, drift);
        else if (near)
            sv__diag(p, SV_DIAG_UNKNOWN_MEMBER, pos, SV_PTR_VALUE, NULL,
                     "unknown member %s in %s (did you mean \"%s\"?)",
                     sv__quote(q, sizeof q, s, len), f->obj->name, near);
        else
            sv__diag(p, SV_DIAG_UNKNOWN_MEMBER, pos, SV_PTR_VALUE, NULL,
                     "unknown member %s in %s",
                     sv__quote(q, sizeof q, s, len), f->obj->name);
    }
    return p->status == SV_OK ? 0 : -1;
}

/* ------------------------------------------------------------- entry */

int sv__event(sv_parser *p, sv_ev ev, sv_pos pos, const char *s, size_t len,
              int b)
{
    if (p->deciding)
        return sv__deciding(p, ev, pos, s, len, b);
    if (p->skip) {
        switch (ev) {
        case SV_EV_START_MAP:
        case SV_EV_START_ARRAY:
            p->skip++;
            break;
        case SV_EV_END_MAP:
        case SV_EV_END_ARRAY:
            if (--p->skip == 0)
                after_value(p);
            break;
        case SV_EV_KEY:
        case SV_EV_STRING:
        case SV_EV_NUMBER:
        case SV_EV_BOOL:
        case SV_EV_NULL:
            break;
        }
        return 0;
    }
    switch (ev) {
    case SV_EV_KEY:
        return on_key(p, &pos, s, len);
    case SV_EV_END_MAP:
    case SV_EV_END_ARRAY:
        return on_end(p);
    case SV_EV_START_MAP:
        if (!p->nframes && p->doc_kind == SV_KIND_AUTO)
            return sv__begin_deciding(p, pos);
        return on_value(p, ev, &pos, s, len, b);
    case SV_EV_START_ARRAY:
    case SV_EV_STRING:
    case SV_EV_NUMBER:
    case SV_EV_BOOL:
    case SV_EV_NULL:
        return on_value(p, ev, &pos, s, len, b);
    }
    return 0;
}

/* Equal bytes of two member names of length n: words, not a call. */
static inline int name_eq(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        if (i == n)
            return 1;
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The fast entries: inside the top-level value, not skipping, not
 * deciding, the innermost container is a frame. */
#define FAST(p) (!(p)->skip && !(p)->deciding && (p)->nframes)

int sv__ev_key(sv_parser *p, sv_pos *pos, const char *s, size_t len)
{
    if (!FAST(p))
        return sv__event(p, SV_EV_KEY, *pos, s, len, 0);
    sv_frame *f = &p->frames[p->nframes - 1];
    const sv_object *o = f->obj;
    unsigned i = f->hint;
    /* payloads keep the documented order: the member after the previous
     * one is almost always the next; anything else takes the full path */
    if (i < o->count && !f->is_array) {
        const sv_member *m = &o->members[i];
        uint64_t bit = 1ULL << i;
        if (m->name_len == len && (m->profiles & (1u << p->opt.api)) &&
            !(f->seen & bit) && name_eq(m->name, s, len)) {
            f->seen |= bit;
            f->cur = m;
            f->key = m->name;
            f->key_len = len;
            f->hint = (uint8_t)(i + 1);
            f->dup = 0;
            return 0;
        }
    }
    return on_key(p, pos, s, len);
}

int sv__ev_scalar(sv_parser *p, sv_ev ev, sv_pos *pos, const char *s,
                  size_t len, int b)
{
    if (!FAST(p))
        return sv__event(p, ev, *pos, s, len, b);
    sv_frame *f = &p->frames[p->nframes - 1];
    const sv_member *m = f->cur;
    if (ev != SV_EV_STRING || f->is_array || !m || f->dup ||
        !(m->types & SV_J_STRING))
        return on_value(p, ev, pos, s, len, b);
    /* a string where one belongs: the commonest event of all */
    if (m->slot)
        p->slots[m->slot] = *pos;
    return on_string(p, f, m, pos, s, len);
}

int sv__ev_open(sv_parser *p, sv_ev ev, sv_pos *pos)
{
    if (!FAST(p))
        return sv__event(p, ev, *pos, NULL, 0, 0);
    return on_value(p, ev, pos, NULL, 0, 0);
}

int sv__ev_close(sv_parser *p, sv_ev ev, sv_pos *pos)
{
    if (!FAST(p))
        return sv__event(p, ev, *pos, NULL, 0, 0);
    return on_end(p);
}

/* --------------------------------------------------- yajl, fast paths */

/* The two commonest events get their own yajl callbacks: a member name
 * the tables expect next, and a string value where a string belongs, both
 * delivered by yajl as a pointer into the slice (no escapes, not cut by a
 * slice boundary), so that the token's raw length is its length and its
 * end needs no call into yajl.  Everything else takes events.c's general
 * callbacks, which these fall back to. */
int sv__y_key(void *ctx, const unsigned char *us, size_t len)
{
    sv_parser *p = ctx;
    uintptr_t a = (uintptr_t)us, b = (uintptr_t)p->slice;
    if (FAST(p) && a > b && a < b + p->slice_len) {
        sv_frame *f = &p->frames[p->nframes - 1];
        const sv_object *o = f->obj;
        /* the member after the previous one, else a later one (optional
         * members skipped): payloads keep the documented order */
        for (unsigned i = f->hint; i < o->count; i++) {
            const sv_member *m = &o->members[i];
            uint64_t bit = 1ULL << i;
            if (m->name_len != len || !(m->profiles & p->pmask))
                continue;
            if (!(f->seen & bit) && name_eq(m->name, (const char *)us, len)) {
                f->seen |= bit;
                f->cur = m;
                f->key = m->name;
                f->key_len = len;
                f->hint = (uint8_t)(i + 1);
                f->dup = 0;
                p->last_end = p->slice_base + (a - b) + len + 1;
                p->next_start.off = SV_NO_OFFSET;
                p->last_ev = SV_EV_KEY;
                return 1;
            }
            break; /* same length, other name or a duplicate: full path */
        }
    }
    return sv__y_key_general(ctx, us, len);
}

int sv__y_string(void *ctx, const unsigned char *us, size_t len)
{
    sv_parser *p = ctx;
    uintptr_t a = (uintptr_t)us, b = (uintptr_t)p->slice;
    if (FAST(p) && a > b && a < b + p->slice_len) {
        sv_frame *f = &p->frames[p->nframes - 1];
        const sv_member *m = f->cur;
        if (m && !f->dup && !f->is_array && (m->types & SV_J_STRING)) {
            sv_pos pos = {p->slice_base + (a - b) - 1, 0, 0};
            p->last_end = pos.off + len + 2;
            p->next_start.off = SV_NO_OFFSET;
            p->last_ev = SV_EV_STRING;
            if (m->slot)
                p->slots[m->slot] = pos;
            return on_string(p, f, m, &pos, (const char *)us, len) == 0 &&
                   p->status == SV_OK;
        }
    }
    return sv__y_string_general(ctx, us, len);
}

/* '{' where an object belongs: depth bookkeeping as events.c does it, then
 * straight to push(). */
int sv__y_start_map(void *ctx)
{
    sv_parser *p = ctx;
    if (FAST(p) && p->depth < p->opt.max_depth &&
        p->nframes < SV_MAX_FRAMES) {
        sv_frame *f = &p->frames[p->nframes - 1];
        const sv_member *m;
        if (f->is_array) {
            p->element.child = f->obj;
            m = &p->element;
        } else {
            m = f->cur;
        }
        if (m && (m->types & SV_J_OBJECT) &&
            !(m->child->open && m->child->count == 0)) {
            uint64_t end = p->slice_base + yajl_get_bytes_consumed(p->yajl);
            sv_pos pos = {end - 1, 0, 0};
            sv__open_level(p, pos, 0);
            push(p, m, m->child, 0, pos);
            p->last_end = end;
            p->next_start.off = SV_NO_OFFSET;
            p->last_ev = SV_EV_START_MAP;
            return p->status == SV_OK;
        }
    }
    return sv__y_start_map_general(ctx);
}

/* '}' of an object frame below the top-level value. */
int sv__y_end_map(void *ctx)
{
    sv_parser *p = ctx;
    if (FAST(p) && p->depth > 1) {
        sv_frame *f = &p->frames[p->nframes - 1];
        if (!f->is_array) {
            uint64_t end = p->slice_base + yajl_get_bytes_consumed(p->yajl);
            p->depth--;
            pop_object(p, f);
            p->nframes--;
            after_value(p);
            p->last_end = end;
            p->next_start.off = SV_NO_OFFSET;
            p->last_ev = SV_EV_END_MAP;
            return p->status == SV_OK;
        }
    }
    return sv__y_end_map_general(ctx);
}

/* An integer in range where one belongs. */
int sv__y_number(void *ctx, const char *s, size_t len)
{
    sv_parser *p = ctx;
    if (FAST(p)) {
        sv_frame *f = &p->frames[p->nframes - 1];
        const sv_member *m = f->cur;
        int64_t v;
        if (m && !f->dup && !f->is_array && (m->types & SV_J_INT) &&
            parse_int(s, len, &v) == 0 && v >= m->min && v <= m->max) {
            uint64_t end = p->slice_base + yajl_get_bytes_consumed(p->yajl);
            uint64_t start = end - len;
            if (m->slot)
                p->slots[m->slot] = start >= p->slice_base ||
                                            p->next_start.off == SV_NO_OFFSET
                                        ? sv__pos(start)
                                        : p->next_start;
            if (f->base && m->store == SV_S_INT) {
                sv_int *d = field(f, m);
                d->value = v;
                d->state = SV_VALID;
            }
            p->last_end = end;
            p->next_start.off = SV_NO_OFFSET;
            p->last_ev = SV_EV_NUMBER;
            p->last_was_zero = (len == 1 && s[0] == '0') ||
                               (len == 2 && s[0] == '-' && s[1] == '0');
            return 1;
        }
    }
    return sv__y_number_general(ctx, s, len);
}

/* ------------------------------------------------------------ documents */

void sv__engine_begin(sv_parser *p)
{
    p->nframes = 0;
    p->skip = 0;
    p->deciding = 0;
    p->npending = 0;
    sv__keys_pop(&p->keys, 0);
    sv__arena_clear(&p->arena);
    sv__set_kind(p, p->opt.kind);
    memset(&p->element, 0, sizeof p->element);
    p->element.types = SV_J_OBJECT;
    p->element.profiles = SV_P_ALL;
}

int sv__document_end(sv_parser *p, uint64_t end)
{
    p->doc.end = end;
    p->doc.kind = p->doc_kind;
    p->stats.documents++;
    if (p->cb.on_document && p->status == SV_OK) {
        p->in_callback = 1;
        if (p->cb.on_document(p->user, &p->doc))
            p->status = SV_ERR_ABORTED;
        p->in_callback = 0;
    }
    return p->status == SV_OK ? 0 : -1;
}

void sv__engine_reset(sv_parser *p)
{
    sv__engine_begin(p);
    for (int i = 0; i < SV_SLOT__COUNT; i++)
        p->slots[i].off = SV_NO_OFFSET;
}

/* Before the bytes of a slice go away, give a line and column to every
 * position that may still be reported. */
void sv__resolve_live(sv_parser *p)
{
    for (int i = 0; i < SV_SLOT__COUNT; i++)
        if (p->slots[i].off != SV_NO_OFFSET && !p->slots[i].line)
            sv__resolve(p, &p->slots[i]);
    for (uint32_t i = 0; i < p->nframes; i++)
        if (!p->frames[i].start.line)
            sv__resolve(p, &p->frames[i].start);
    for (uint32_t i = 0; i < p->npending; i++)
        if (!p->pending[i].pos.line)
            sv__resolve(p, &p->pending[i].pos);
}

/*
 * sv_internal.h - the parser's private state, shared by the files of
 * parser/.  Nothing here is installed.
 *
 * Layers, outermost first:
 *   parser.c  feeding: slices, coalescing, the byte pre-scan (\f, \v,
 *             UTF-8, newlines), yajl glue, token limits, finish/reset
 *   engine.c  the state machine: yajl events walk the schema tables
 *   checks.c  cross-member checks once an object is complete
 *   diag.c    diagnostic codes, positions, pointers, messages
 *   locate.c  exact position and wording of syntax errors
 *   arena.c   per-record string arena, key set, id set
 */
#ifndef SV_INTERNAL_H
#define SV_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <yajl/yajl_parse.h>

#include "schema.h"
#include "sessval.h"

#define SV_NO_OFFSET UINT64_MAX
#define SV_MAX_FRAMES 16 /* schema nesting; deeper values are skipped */

/* A position in the stream.  line == 0 until resolved: positions in the
 * current slice are resolved on demand; any that stay live past the end of
 * a slice are resolved before its bytes go away. */
typedef struct sv_pos {
    uint64_t off;
    uint64_t line;
    uint64_t col;
} sv_pos;

/* ------------------------------------------------------------ arena.c */

typedef struct sv_arena_block {
    struct sv_arena_block *next;
    size_t size, used;
    /* data follows */
} sv_arena_block;

typedef struct sv_arena {
    sv_arena_block *head;  /* first block */
    sv_arena_block *cur;   /* block being filled */
    size_t bytes;          /* total capacity, for the memory limit */
} sv_arena;

typedef struct sv_mark {
    sv_arena_block *block;
    size_t used;
} sv_mark;

/* Names of unknown members of the open objects, for duplicate detection:
 * an open-addressing table over a stack of entries.  Objects close in LIFO
 * order, so popping an object's entries in reverse insertion order and
 * clearing their slots restores the table exactly (linear probing). */
typedef struct sv_key_entry {
    uint32_t hash;
    uint32_t slot;      /* table index it occupies */
    const char *name;   /* in the arena */
    size_t len;
} sv_key_entry;

typedef struct sv_keyset {
    sv_key_entry *entries;
    uint32_t count, cap;
    uint32_t *table;    /* entry index + 1, 0 = empty */
    uint32_t mask;      /* table size - 1 */
} sv_keyset;

/* Session ids of one page: hash table of offsets into a byte store. */
typedef struct sv_idset {
    uint32_t *table;    /* entry index + 1 */
    uint32_t mask;
    uint32_t count;
    struct sv_id_entry { uint64_t hash; uint64_t at; uint64_t index; } *entries;
    uint32_t cap;
    char *bytes;        /* id bytes, back to back */
    uint64_t used, size;
} sv_idset;

typedef struct sv_url_cache {
    char prefix[192]; /* a valid URL up to the last '/' of its path */
    size_t len;       /* 0: nothing cached */
} sv_url_cache;

/* ------------------------------------------------------------ engine.c */

typedef enum sv_ev {
    SV_EV_START_MAP,
    SV_EV_END_MAP,
    SV_EV_START_ARRAY,
    SV_EV_END_ARRAY,
    SV_EV_KEY,
    SV_EV_STRING,
    SV_EV_NUMBER,
    SV_EV_BOOL,
    SV_EV_NULL
} sv_ev;

/* One frame per open object or array that the schema describes.
 * Containers the schema does not describe are skipped by depth counting. */
typedef struct sv_frame {
    const sv_object *obj;    /* object frame: its table; array: elements' */
    const sv_member *member; /* the member whose value this container is */
    const sv_member *cur;    /* object: member whose value comes next, or
                                NULL when that value is skipped */
    const char *key;         /* object: the current key (for pointers) */
    size_t key_len;
    uint64_t seen;           /* object: bit i = members[i] seen */
    uint64_t index;          /* array: index of the current element */
    sv_pos start;            /* its '{' or '[' */
    char *base;              /* record the members' offsets refer to */
    struct sv_recstate *rec; /* innermost record (for counts) */
    uint32_t keys_mark;      /* keyset height when opened */
    sv_mark arena_mark;      /* record frames: arena height when opened */
    uint8_t is_array;
    uint8_t dup;             /* the coming value is a duplicate member's */
    uint8_t hint;            /* index of the member expected next */
    /* how the parent reaches this frame, for JSON pointers */
    const char *seg_key;
    size_t seg_key_len;
    uint64_t seg_index;
    uint8_t seg_is_index;
} sv_frame;

/* Error counts of a record while it is open. */
typedef struct sv_recstate {
    uint32_t errors, warnings;
} sv_recstate;

/* Events seen before --kind=auto could decide (bounded), replayed once it
 * does. */
typedef struct sv_pending_ev {
    uint8_t ev;
    uint8_t b;
    sv_pos pos;
    const char *s;  /* in the arena */
    size_t len;
} sv_pending_ev;

#define SV_PENDING_MAX 64

/* ------------------------------------------------------------ parser */

struct sv_parser {
    sv_options opt;
    unsigned pmask;           /* 1 << opt.api */
    sv_callbacks cb;
    void *user;
    yajl_alloc_funcs yalloc;
    yajl_handle yajl;
    struct sv_yajl_guard *guard; /* set while yajl runs (parser.c) */
#define SV_YAJL_TRACK 16
    void *tracked[SV_YAJL_TRACK]; /* what yajl_alloc got so far */
    unsigned ntracked;
    int yalloc_track;

    sv_status status;   /* sticky */
    int finished;
    int in_callback;

    /* ---- stream positions ---- */
    uint64_t fed;             /* bytes given to yajl so far */
    uint64_t slice_base;      /* absolute offset of the slice yajl parses */
    const unsigned char *slice; /* its bytes (valid during yajl_parse) */
    size_t slice_len;
    uint64_t lines_before;    /* newlines before slice_base */
    uint64_t last_nl_before;  /* offset just past the last newline before
                                 slice_base, 0 if none */
    uint64_t last_end;        /* end offset of the last event */
    int at_slice_end;         /* resolving live positions (end_slice) */
    uint64_t end_lines;       /* newlines up to the end of the slice */
    uint64_t end_past_nl;     /* offset past the slice's last newline, 0 */
    sv_pos next_start;        /* start of the token after last_end once
                                 found (off == SV_NO_OFFSET until then) */
    unsigned char *tail;      /* bytes [last_end, fed) for the locator */
    size_t tail_len, tail_cap;
    uint64_t tail_nl_before;  /* offset past the last newline before the
                                 tail, 0 if none */
    unsigned char *coal;      /* bytes not yet given to yajl (coalescing) */
    size_t coal_len, coal_cap;

    /* ---- byte pre-scan ---- */
    uint32_t utf8_need;       /* continuation bytes still expected */
    uint32_t utf8_cp;         /* code point so far */
    uint32_t utf8_min;        /* smallest code point for the length */
    sv_pos utf8_lead;         /* position of the sequence's first byte */

    /* ---- structure, maintained for every event ---- */
    uint32_t depth;           /* open containers, skipped ones included */
    unsigned char *cstack;    /* bit per depth: 1 = array */
    sv_pos *opens;            /* start of each open container */
    uint32_t opens_resolved;  /* opens[0..this) have lines */
    uint8_t last_ev;          /* sv_ev of the last event (locator) */
    uint8_t have_last_ev;
    uint8_t last_was_zero;    /* last event: the number 0 or -0 (locator) */
    uint64_t doc_index;       /* top-level values begun */
    uint8_t in_doc;
    sv_pos doc_start;
    sv_pos prev_doc_end;      /* NDJSON separator check */

    /* ---- engine ---- */
    sv_frame frames[SV_MAX_FRAMES];
    uint32_t nframes;
    uint32_t skip;            /* depth inside a skipped container */
    sv_kind doc_kind;         /* decided kind of the current document */
    int deciding;             /* auto: events are being recorded */
    sv_pending_ev pending[SV_PENDING_MAX];
    uint32_t npending;
    uint32_t pending_kinds;   /* kinds compatible with the keys so far */

#define SV_REQ_CACHE 128          /* > the tables' objects, a power of 2 */
    struct sv_req_entry {
        const sv_object *obj;
        uint64_t mask;
    } req[SV_REQ_CACHE];      /* required members per object (engine.c) */
    sv_member root;           /* the document: an object of doc_kind */
    sv_member element;        /* an element of an array frame */
    sv_pos slots[SV_SLOT__COUNT];
    sv_session session;
    sv_page page;
    sv_log_doc log;
    sv_log_entry entry;
    sv_problem problem;
    sv_recstate rec_session, rec_page, rec_log, rec_entry, rec_problem,
        rec_none;
    sv_document doc;

    sv_url_cache urls;
    sv_arena arena;
    sv_keyset keys;
    sv_idset ids;

    /* ---- diagnostics ---- */
    sv_stats stats;
    char msg[1024];
    char *ptrbuf;
    size_t ptrcap;
};

/* A container opens at pos one level down: its kind in the bit stack (the
 * locator reads it), its position, the oldest unresolved open. */
static inline void sv__open_level(sv_parser *p, sv_pos pos, int is_array)
{
    unsigned char bit = (unsigned char)(1u << (p->depth & 7));
    if (is_array)
        p->cstack[p->depth >> 3] |= bit;
    else
        p->cstack[p->depth >> 3] &= (unsigned char)~bit;
    p->opens[p->depth] = pos;
    if (p->opens_resolved > p->depth)
        p->opens_resolved = p->depth;
    p->depth++;
}

static inline sv_pos sv__pos(uint64_t off)
{
    sv_pos pos = {off, 0, 0};
    return pos;
}

/* Bytes between tokens: whitespace and the separators yajl consumes. */
static inline int sv__is_gap(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' ||
           c == ':';
}

/* parser.c */
/* The options' allocator made complete: all three functions given, or none
 * (then malloc, realloc, free).  -1 when only some are given. */
int sv__allocator_resolve(sv_allocator *a);

/* ASCII lower case (names and media types compare case-insensitively). */
static inline unsigned char sv__lower(unsigned char b)
{
    return b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
}

void *sv__alloc(sv_parser *p, size_t n);
void *sv__realloc(sv_parser *p, void *ptr, size_t n);
void sv__free(sv_parser *p, void *ptr);
/* Resolve line and column of *pos if not done (pos->off must lie in the
 * current slice, or before it only when already resolved). */
void sv__resolve(sv_parser *p, sv_pos *pos);
/* Switch the API profile between streams (AUTO and others: V1). */
void sv__parser_set_api(sv_parser *p, sv_api api);
/* Parse the bytes coalescing holds back; the status. */
sv_status sv__parser_flush(sv_parser *p);

/* engine.c: one event at pos.  Returns 0 to go on, -1 to stop. */
int sv__event(sv_parser *p, sv_ev ev, sv_pos pos, const char *s, size_t len,
              int b);
/* The top-level value ended at `end`. */
int sv__document_end(sv_parser *p, uint64_t end);
/* A top-level value begins: clear the frames, choose the root object. */
void sv__engine_begin(sv_parser *p);
/* Fast entries for events inside the top-level value (depth >= 1); they
 * fall back to sv__event when skipping or deciding. */
int sv__ev_key(sv_parser *p, sv_pos *pos, const char *s, size_t len);
int sv__ev_scalar(sv_parser *p, sv_ev ev, sv_pos *pos, const char *s,
                  size_t len, int b);
int sv__ev_open(sv_parser *p, sv_ev ev, sv_pos *pos);
int sv__ev_close(sv_parser *p, sv_ev ev, sv_pos *pos);

/* detect.c */
void sv__set_kind(sv_parser *p, sv_kind kind);
int sv__begin_deciding(sv_parser *p, sv_pos pos);
int sv__deciding(sv_parser *p, sv_ev ev, sv_pos pos, const char *s,
                 size_t len, int b);

/* events.c: the yajl callbacks; engine.c has fast versions of two */
extern const yajl_callbacks sv__yajl_callbacks;
int sv__y_key(void *ctx, const unsigned char *s, size_t len);
int sv__y_string(void *ctx, const unsigned char *s, size_t len);
int sv__y_key_general(void *ctx, const unsigned char *s, size_t len);
int sv__y_number(void *ctx, const char *s, size_t len);
int sv__y_number_general(void *ctx, const char *s, size_t len);
int sv__y_start_map(void *ctx);
int sv__y_start_map_general(void *ctx);
int sv__y_end_map(void *ctx);
int sv__y_end_map_general(void *ctx);
int sv__y_string_general(void *ctx, const unsigned char *s, size_t len);
void sv__engine_reset(sv_parser *p);
/* Pointer of the innermost open container (for syntax errors). */
void sv__resolve_live(sv_parser *p);

/* checks.c: called when an object with a record ends. */
void sv__check_record(sv_parser *p, sv_frame *f);
void sv__check_session_links(sv_parser *p, sv_frame *f);

/* diag.c */
enum sv_ptr_mode {
    SV_PTR_VALUE, /* the value being parsed: frames + current key/index */
    SV_PTR_FRAME  /* the innermost container itself */
};
/* Report a diagnostic at pos; the pointer is built from the frames as
 * `mode` says, then `suffix` (raw, already escaped) is appended. */
void sv__diag(sv_parser *p, sv_diag_code code, sv_pos *pos, int mode,
              const char *suffix, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
void sv__vdiag(sv_parser *p, sv_diag_code code, sv_pos *pos, int mode,
               const char *suffix, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;
/* Quote a value for a message: "text", shortened in the middle past 40
 * characters, control bytes escaped.  Returns buf. */
const char *sv__quote(char *buf, size_t n, const char *s, size_t len);
/* The same with another length limit (at most 200). */
const char *sv__quote_max(char *buf, size_t n, const char *s, size_t len,
                          size_t max);
/* Nearest name among the object's members (edit distance), or NULL. */
const char *sv__suggest(const sv_object *obj, const char *s, size_t len,
                        unsigned pmask);

/* locate.c: explain a syntax error that yajl reported while parsing the
 * current slice (or at finish when at_eof). */
void sv__syntax_error(sv_parser *p, int at_eof);
/* Report an invalid byte found by the pre-scan (\f, \v, bad UTF-8). */
void sv__bad_byte(sv_parser *p, sv_pos *pos, const char *what);

/* arena.c */
void sv__arena_init(sv_arena *a);
void sv__arena_free(sv_parser *p, sv_arena *a);
char *sv__arena_strdup(sv_parser *p, const char *s, size_t len);
sv_mark sv__arena_mark(const sv_arena *a);
void sv__arena_release(sv_arena *a, sv_mark m);
void sv__arena_clear(sv_arena *a);

/* Returns 1 if name was already in the innermost open object, 0 if added,
 * -1 on allocation failure. */
int sv__keys_add(sv_parser *p, const char *name, size_t len,
                 const char **stored);
void sv__keys_pop(sv_keyset *k, uint32_t mark);
void sv__keys_free(sv_parser *p, sv_keyset *k);

/* Returns the index of the earlier session with this id, or -1 if new
 * (added), or -2 on allocation failure. */
int64_t sv__ids_add(sv_parser *p, const char *id, size_t len, uint64_t index);
void sv__ids_clear(sv_idset *s);
void sv__ids_free(sv_parser *p, sv_idset *s);

uint64_t sv__hash(const char *s, size_t len);

/* formats.c */
int sv__check_uuid(const char *s, size_t len, char *why, size_t n);
int sv__check_url(const char *s, size_t len, char *why, size_t n);
int sv__check_url_cached(sv_url_cache *c, const char *s, size_t len,
                         char *why, size_t n);
int sv__check_url_slow(const char *s, size_t len, char *why, size_t n);

#endif /* SV_INTERNAL_H */

/*
 * sv_capture.h - the capture object's private state, shared by
 * capture.c (encodings, detection, payloads, diagnostics), http.c (HTTP
 * responses) and har.c (HAR archives).  Nothing here is installed.
 *
 * Layers, outermost first:
 *   bytes fed -> encoding (UTF-8 BOM skipped, UTF-16 transcoded) -> the
 *   "text" (UTF-8) -> detection (peek) -> the form: JSON (text straight to
 *   the inner parser), HTTP (http.c) or HAR (har.c) -> payloads, each
 *   validated by the one inner sv_parser, reset per payload.
 *
 * Positions inside the capture layers are text positions (sv_pos, lines
 * resolved); text_origin turns them into file positions (a UTF-8 BOM
 * shifts the first line by three bytes).
 */
#ifndef SV_CAPTURE_H
#define SV_CAPTURE_H

#include "sv_internal.h"

#define SVC_PEEK 4096          /* bytes detection may look at */
#define SVC_CTX_MAX 320        /* a diagnostic's context */
#define SVC_LINE_MAX 8192      /* HTTP: bytes of a status or header line kept */
#define SVC_OUT 16384          /* transcoding and decoding buffers */

/* Line bookkeeping of a byte stream a layer reads itself. */
typedef struct svc_lines {
    uint64_t off;        /* bytes so far = offset of the next byte */
    uint64_t line;       /* 1-based line of the next byte */
    uint64_t line_start; /* offset of that line's first byte */
} svc_lines;

static inline sv_pos svc_here(const svc_lines *l)
{
    sv_pos p = {l->off, l->line, l->off - l->line_start + 1};
    return p;
}

/* Advance over s[0..n): count the newlines with memchr. */
void svc_lines_advance(svc_lines *l, const unsigned char *s, size_t n);

/* ------------------------------------------------------------- HTTP */

typedef struct svc_http {
    int state;               /* enum in http.c */
    svc_lines at;            /* text position of the next byte */
    /* the line being read (status line or header) */
    char line[SVC_LINE_MAX];
    size_t line_len;         /* may exceed SVC_LINE_MAX: counted, not kept */
    int line_open;           /* a line has begun */
    sv_pos line_pos;
    /* the current response */
    uint64_t nresp;          /* responses begun */
    int code;                /* status code, 0 if the status line is bad */
    sv_pos code_pos;
    sv_pos status_pos;
    char ctx[SVC_CTX_MAX];
    size_t ctx_len;
    int has_ct;
    char ct[260];
    size_t ct_len;
    sv_pos ct_pos;
    int has_cl, cl_bad, chunked;
    int encoded;             /* a Content-Encoding other than identity */
    uint64_t cl;
    sv_pos cl_pos;
    int validate;            /* the body is a payload */
    int deferred;            /* 1xx/3xx: status reported if it is the last */
    uint64_t body_len;
    unsigned char body_tail[2]; /* its last two bytes */
    /* finding the next response in the body */
    unsigned char hold[16];  /* a status line's possible start, held */
    size_t nhold;
    sv_pos hold_pos;
    int line_start;          /* the next body byte starts a line */
    int in_str, esc;         /* lexical state of a JSON body */
    uint64_t depth;
    int complete;            /* a top-level container just closed */
} svc_http;

/* ------------------------------------------------------------- capture */

typedef struct svc_har svc_har;

struct sv_capture {
    sv_options opt;          /* the caller's, allocator resolved */
    sv_callbacks cb;
    void *user;
    sv_parser *inner;        /* validates each payload */
    sv_status status;        /* sticky */
    int finished;
    int in_callback;
    int started;             /* the form has started */
    int inner_used;          /* the inner parser needs a reset first */
    uint64_t bytes;          /* fed so far */
    uint64_t in_record;      /* inside a record callback: its offset + 1 */

    /* ---- encoding ---- */
    int enc_decided;
    sv_encoding enc;
    unsigned char bom[4];    /* first bytes while the encoding is undecided */
    size_t nbom;
    sv_pos text_origin;      /* file position of text offset 0 */
    unsigned char u16[2];    /* a code unit's first byte, held */
    size_t nu16;
    uint32_t u16_high;       /* a high surrogate waiting for its low half */
    sv_pos u16_high_pos;
    svc_lines u16_out;       /* position in the UTF-8 text made so far */
    unsigned char *u8;       /* transcoding buffer (SVC_OUT) */
    size_t nu8;

    /* ---- form ---- */
    sv_input form;           /* AUTO while detecting */
    unsigned char *peek;     /* SVC_PEEK bytes */
    size_t npeek;

    /* ---- the payload being validated ---- */
    int in_payload;
    int payload_dead;        /* the inner parser stopped (syntax...) */
    int har_positions;       /* diagnostics stay at origin (HAR) */
    sv_pos origin;           /* file position of payload byte 0, or of
                                the HAR content.text quote */
    const char *ctx;         /* the payload's context, NULL for none */
    size_t ctx_len;
    uint64_t doc_base;       /* documents of the earlier payloads */
    sv_stats done;           /* counters of the finished payloads */
    uint64_t own_errors, own_warnings, own_suppressed;
    uint64_t delivered;      /* diagnostics delivered (max_diagnostics) */
    uint64_t payloads, responses, entries, skipped;

    svc_http *http;
    svc_har *har;
    char msg[1024];
};

/* capture.c */
/* Write cp (at most U+10FFFF, not a surrogate) as UTF-8 into o; returns
 * the number of bytes, 1 to 4. */
size_t svc_utf8_encode(uint32_t cp, unsigned char o[4]);

void *svc_alloc(sv_capture *c, size_t n);
void *svc_realloc(sv_capture *c, void *p, size_t n);
void svc_free(sv_capture *c, void *p);
int svc_ieq(const char *a, size_t n, const char *b);

/* Text position -> file position. */
sv_pos svc_file_pos(const sv_capture *c, sv_pos text);

/* A diagnostic of the capture itself at text position `at` (NULL: the
 * start).  ctx may be NULL.  Returns 0, or -1 when a callback stopped the
 * stream (the status is then set). */
int svc_diag(sv_capture *c, sv_diag_code code, const sv_pos *at,
             const char *ctx, size_t ctx_len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Payloads.  begin: reset the inner parser for a payload whose byte 0 is
 * at text position `origin` (HTTP, JSON) or whose diagnostics all sit at
 * `origin` (har != 0); ctx (kept by the caller until end) names it; api
 * is the contract (SV_API_AUTO: V1).  feed/end: the bytes, the end.
 * Each returns 0, or -1 when the capture must stop (status set); a
 * payload that broke (syntax, limit) only stops taking bytes. */
int svc_payload_begin(sv_capture *c, sv_pos origin, int har, const char *ctx,
                      size_t ctx_len, sv_api api);
int svc_payload_feed(sv_capture *c, const void *data, size_t len);
int svc_payload_end(sv_capture *c);
/* Have the inner parser judge every byte given so far (it may hold some
 * back): before the capture reports anything that stops the stream. */
int svc_payload_flush(sv_capture *c);
/* The payload is broken off (its container is broken): the bytes so far
 * judged, no end-of-input findings. */
int svc_payload_abandon(sv_capture *c);

/* http.c */
int svc_http_init(sv_capture *c);
void svc_http_reset(svc_http *h);
int svc_http_feed(sv_capture *c, const unsigned char *s, size_t n);
int svc_http_finish(sv_capture *c);

/* Check a Content-Type value (status `code`, 0 if unknown) at `at`:
 * application/json, a charset only if utf-8, application/problem+json
 * on an error status.  0, or -1 when a callback stopped the stream. */
int svc_check_content_type(sv_capture *c, const char *v, size_t n, int code,
                           const sv_pos *at, const char *ctx, size_t ctx_len);

/* har.c */
int svc_har_init(sv_capture *c);
void svc_har_reset(sv_capture *c);
void svc_har_free(sv_capture *c);
int svc_har_feed(sv_capture *c, const unsigned char *s, size_t n);
int svc_har_finish(sv_capture *c);

/* The query string of a URL with the values that look like secrets
 * replaced by "***", user info dropped, shortened past max bytes, control
 * and non-ASCII bytes escaped: written to out (NUL-terminated), returns
 * its length (har.c). */
size_t svc_redact_url(char *out, size_t cap, const char *url, size_t len,
                      size_t max);

#endif /* SV_CAPTURE_H */

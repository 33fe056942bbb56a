/*
 * locate.c - where a syntax error is, and what to call it.
 *
 * yajl's error offset depends on how the input was chunked, and its
 * messages speak of its own states.  So when yajl fails we re-read, with a
 * small exact JSON lexer, the bytes after the last event it delivered:
 * they hold at most some whitespace, one ',' or ':', and one unfinished
 * or broken token.  The first byte at which that text stops being the
 * start of valid JSON is the error's position: the same for any chunking.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sv_internal.h"

typedef enum {
    L_TOP,        /* a top-level value may start (or the input end) */
    L_END,        /* after the top-level value: only whitespace */
    L_VALUE,      /* a value must start */
    L_VALUE_OR_CLOSE, /* after '[' */
    L_KEY_OR_CLOSE,   /* after '{' */
    L_KEY,        /* after ',' in an object */
    L_COLON,      /* after a member name */
    L_COMMA_OR_CLOSE,
    L_STRING,
    L_ESCAPE,
    L_HEX,
    L_MINUS,      /* after '-' */
    L_ZERO,       /* after a leading 0 */
    L_INT,        /* in the integer digits */
    L_DOT,        /* after '.' */
    L_FRAC,
    L_EXP,        /* after e/E */
    L_EXP_SIGN,
    L_EXP_DIGITS,
    L_LITERAL
} lstate;

typedef struct {
    lstate st;
    int in_array;     /* container of the current depth */
    int is_key;       /* the string being lexed is a member name */
    int after_comma;  /* L_VALUE/L_KEY reached through ',' */
    int hex;          /* hex digits still expected */
    const char *word; /* literal being matched */
    size_t word_at;
    uint64_t tok;     /* offset where the current token began */
    int at_value;     /* the error concerns a value (not the container) */
    int after_zero;   /* the last event was the number 0 or -0 */
} lexer;

static void show(char *out, size_t n, unsigned c)
{
    if (c == '\'')
        snprintf(out, n, "a single quote");
    else if (c >= 0x21 && c < 0x7f)
        snprintf(out, n, "'%c'", (char)c);
    else if (c == ' ')
        snprintf(out, n, "a space");
    else if (c == '\n')
        snprintf(out, n, "a line feed");
    else if (c == '\r')
        snprintf(out, n, "a carriage return");
    else if (c == '\t')
        snprintf(out, n, "a tab");
    else
        snprintf(out, n, "byte 0x%02X", c);
}

static int is_ws(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void after_value(sv_parser *p, lexer *lx)
{
    (void)p;
    lx->st = L_COMMA_OR_CLOSE;
}

/* Feed one byte.  Returns 0 to go on, 1 when the byte is the error (msg
 * filled), 2 when the lexer agrees with yajl no longer (an event would
 * have been delivered): give up. */
static int step(sv_parser *p, lexer *lx, unsigned c, uint64_t off, char *msg,
                size_t n)
{
    char b[32];
    show(b, sizeof b, c);
again:
    switch (lx->st) {
    case L_TOP:
        if (is_ws(c))
            return 0;
        goto value;
    case L_END:
        if (is_ws(c))
            return 0;
        if (c == '{' || c == '[' || c == '"' || c == '-' ||
            (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')
            snprintf(msg, n,
                     "unexpected %s after the end of the JSON value (several "
                     "values need --multi)",
                     b);
        else
            snprintf(msg, n, "unexpected %s after the end of the JSON value",
                     b);
        return 1;
    case L_VALUE:
    case L_VALUE_OR_CLOSE:
        lx->at_value = lx->st == L_VALUE;
        if (is_ws(c))
            return 0;
        if (c == ']' && lx->st == L_VALUE_OR_CLOSE)
            return 2;
    value:
        lx->tok = off;
        lx->is_key = 0;
        lx->at_value = 1;
        if (c == '"') {
            lx->st = L_STRING;
            return 0;
        }
        if (c == '-') {
            lx->st = L_MINUS;
            return 0;
        }
        if (c == '0') {
            lx->st = L_ZERO;
            return 0;
        }
        if (c >= '1' && c <= '9') {
            lx->st = L_INT;
            return 0;
        }
        if (c == 't' || c == 'f' || c == 'n') {
            lx->word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            lx->word_at = 1;
            lx->st = L_LITERAL;
            return 0;
        }
        if (c == '{' || c == '[')
            return 2;
        if ((c == ']' || c == '}') && lx->after_comma)
            snprintf(msg, n,
                     "unexpected %s after ','; expected a value (JSON allows "
                     "no trailing comma)",
                     b);
        else if (lx->after_comma)
            snprintf(msg, n, "unexpected %s after ','; expected a value", b);
        else if (c == '\'')
            snprintf(msg, n,
                     "unexpected %s; expected a value (JSON strings use "
                     "double quotes)",
                     b);
        else if (c == 0x1F && lx->st == L_TOP)
            snprintf(msg, n,
                     "unexpected %s; expected a value (1F 8B starts a gzip "
                     "stream: if the capture is compressed, decompress it "
                     "first: gunzip, or curl --compressed)",
                     b);
        else
            snprintf(msg, n, "unexpected %s; expected a value", b);
        return 1;
    case L_KEY_OR_CLOSE:
    case L_KEY:
        if (is_ws(c))
            return 0;
        if (c == '"') {
            lx->tok = off;
            lx->is_key = 1;
            lx->st = L_STRING;
            return 0;
        }
        if (c == '}' && lx->st == L_KEY_OR_CLOSE)
            return 2;
        if (c == '}')
            snprintf(msg, n,
                     "unexpected '}' after ','; expected a member name (JSON "
                     "allows no trailing comma)");
        else if (c == '\'')
            snprintf(msg, n,
                     "unexpected %s; expected a member name in double "
                     "quotes",
                     b);
        else
            snprintf(msg, n, "unexpected %s; expected a member name (a "
                             "string in double quotes)%s",
                     b, lx->st == L_KEY_OR_CLOSE ? " or '}'" : "");
        return 1;
    case L_COLON:
        if (is_ws(c))
            return 0;
        if (c == ':') {
            lx->st = L_VALUE;
            lx->after_comma = 0;
            return 0;
        }
        lx->at_value = 0;
        lx->at_value = 1; /* the member whose value is missing */
        snprintf(msg, n, "unexpected %s after a member name; expected ':'",
                 b);
        return 1;
    case L_COMMA_OR_CLOSE:
        if (lx->after_zero && off == p->last_end && c >= '0' && c <= '9') {
            lx->at_value = 1;
            snprintf(msg, n, "leading zeros are not allowed in numbers "
                             "(found a digit after 0)");
            return 1;
        }
        if (is_ws(c))
            return 0;
        lx->at_value = 0;
        if (c == ',') {
            lx->st = lx->in_array ? L_VALUE : L_KEY;
            lx->after_comma = 1;
            return 0;
        }
        if ((c == ']' && lx->in_array) || (c == '}' && !lx->in_array))
            return 2;
        snprintf(msg, n, "unexpected %s after %s; expected ',' or '%c'", b,
                 lx->in_array ? "an array element" : "a member value",
                 lx->in_array ? ']' : '}');
        return 1;
    case L_STRING:
        if (c == '"') {
            if (lx->is_key) {
                lx->st = L_COLON;
                return 0;
            }
            return 2; /* a complete string is an event */
        }
        if (c == '\\') {
            lx->st = L_ESCAPE;
            return 0;
        }
        if (c < 0x20) {
            snprintf(msg, n,
                     "unescaped control character (%s) in a string; write it "
                     "as an escape such as \\n or \\u%04X",
                     b, c);
            return 1;
        }
        return 0;
    case L_ESCAPE:
        if (c == 'u') {
            lx->st = L_HEX;
            lx->hex = 4;
            return 0;
        }
        if (c && strchr("\"\\/bfnrt", (int)c)) {
            lx->st = L_STRING;
            return 0;
        }
        snprintf(msg, n,
                 "invalid escape: %s after '\\' (allowed: \\\" \\\\ \\/ \\b "
                 "\\f \\n \\r \\t \\uXXXX)",
                 b);
        return 1;
    case L_HEX:
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
            (c >= 'A' && c <= 'F')) {
            if (--lx->hex == 0)
                lx->st = L_STRING;
            return 0;
        }
        snprintf(msg, n, "unexpected %s in a \\u escape; expected 4 hex "
                         "digits",
                 b);
        return 1;
    case L_MINUS:
        if (c == '0') {
            lx->st = L_ZERO;
            return 0;
        }
        if (c >= '1' && c <= '9') {
            lx->st = L_INT;
            return 0;
        }
        snprintf(msg, n, "unexpected %s after '-'; expected a digit", b);
        return 1;
    case L_ZERO:
        if (c >= '0' && c <= '9') {
            snprintf(msg, n, "leading zeros are not allowed in numbers "
                             "(found a digit after 0)");
            return 1;
        }
        if (c == '.') {
            lx->st = L_DOT;
            return 0;
        }
        if (c == 'e' || c == 'E') {
            lx->st = L_EXP;
            return 0;
        }
        after_value(p, lx);
        goto again;
    case L_INT:
        if (c >= '0' && c <= '9')
            return 0;
        if (c == '.') {
            lx->st = L_DOT;
            return 0;
        }
        if (c == 'e' || c == 'E') {
            lx->st = L_EXP;
            return 0;
        }
        after_value(p, lx);
        goto again;
    case L_DOT:
        if (c >= '0' && c <= '9') {
            lx->st = L_FRAC;
            return 0;
        }
        snprintf(msg, n,
                 "unexpected %s after the decimal point; expected a digit", b);
        return 1;
    case L_FRAC:
        if (c >= '0' && c <= '9')
            return 0;
        if (c == 'e' || c == 'E') {
            lx->st = L_EXP;
            return 0;
        }
        after_value(p, lx);
        goto again;
    case L_EXP:
        if (c == '+' || c == '-') {
            lx->st = L_EXP_SIGN;
            return 0;
        }
        /* fall through */
    case L_EXP_SIGN:
        if (c >= '0' && c <= '9') {
            lx->st = L_EXP_DIGITS;
            return 0;
        }
        snprintf(msg, n, "unexpected %s in a number's exponent; expected a "
                         "digit",
                 b);
        return 1;
    case L_EXP_DIGITS:
        if (c >= '0' && c <= '9')
            return 0;
        after_value(p, lx);
        goto again;
    case L_LITERAL:
        if (lx->word[lx->word_at] == '\0') {
            after_value(p, lx);
            goto again;
        }
        if (c == (unsigned char)lx->word[lx->word_at]) {
            lx->word_at++;
            return 0;
        }
        snprintf(msg, n, "unexpected %s in a literal; expected \"%s\"", b,
                 lx->word);
        return 1;
    }
    return 2;
}

/* The lexer state right after the last event. */
static void start_state(sv_parser *p, lexer *lx)
{
    memset(lx, 0, sizeof *lx);
    lx->in_array = p->depth && ((p->cstack[(p->depth - 1) >> 3] >>
                                 ((p->depth - 1) & 7)) & 1);
    if (!p->in_doc) {
        lx->st = p->doc_index > 0 && p->opt.multi == SV_MULTI_OFF ? L_END
                                                                   : L_TOP;
        return;
    }
    switch ((sv_ev)p->last_ev) {
    case SV_EV_START_MAP:
        lx->st = L_KEY_OR_CLOSE;
        break;
    case SV_EV_START_ARRAY:
        lx->st = L_VALUE_OR_CLOSE;
        break;
    case SV_EV_KEY:
        lx->st = L_COLON;
        break;
    case SV_EV_END_MAP:
    case SV_EV_END_ARRAY:
    case SV_EV_STRING:
    case SV_EV_NUMBER:
    case SV_EV_BOOL:
    case SV_EV_NULL:
        lx->st = L_COMMA_OR_CLOSE;
        lx->after_zero = p->last_was_zero;
        break;
    }
}

/* Line and column of an offset inside the tail (bytes before the current
 * slice, kept since the last event). */
static void tail_pos(sv_parser *p, sv_pos *pos)
{
    size_t k = (size_t)(pos->off - p->last_end);
    uint64_t after = 0;
    for (size_t i = k; i < p->tail_len; i++)
        after += p->tail[i] == '\n';
    pos->line = p->lines_before - after + 1;
    size_t j = k;
    while (j > 0 && p->tail[j - 1] != '\n')
        j--;
    pos->col = j ? k - j + 1 : pos->off - p->tail_nl_before + 1;
}

static const char *open_words(sv_parser *p, char *buf, size_t n)
{
    if (!p->depth) {
        buf[0] = '\0';
        return buf;
    }
    sv_pos *o = &p->opens[p->depth - 1];
    sv__resolve(p, o);
    int arr = (p->cstack[(p->depth - 1) >> 3] >> ((p->depth - 1) & 7)) & 1;
    snprintf(buf, n, " inside the %s that opened at line %llu, column %llu",
             arr ? "array" : "object", (unsigned long long)o->line,
             (unsigned long long)o->col);
    return buf;
}

void sv__syntax_error(sv_parser *p, int at_eof)
{
    lexer lx;
    char msg[200];
    start_state(p, &lx);
    int r = 0;
    uint64_t off = p->last_end;
    if (p->last_end < p->slice_base) {
        for (size_t i = 0; i < p->tail_len && r == 0; i++, off++)
            r = step(p, &lx, p->tail[i], off, msg, sizeof msg);
    }
    if (r == 0) {
        size_t from = p->last_end > p->slice_base
                          ? (size_t)(p->last_end - p->slice_base)
                          : 0;
        off = p->slice_base + from;
        for (size_t i = from; i < p->slice_len && r == 0; i++, off++)
            r = step(p, &lx, p->slice[i], off, msg, sizeof msg);
    }
    if (r == 1) {
        sv_pos pos = {off - 1, 0, 0};
        if (pos.off < p->slice_base)
            tail_pos(p, &pos);
        sv__diag(p, SV_DIAG_SYNTAX, &pos,
                 lx.at_value || p->skip ? SV_PTR_VALUE : SV_PTR_FRAME, NULL,
                 "%s", msg);
        return;
    }
    if (at_eof && r == 0) {
        sv_pos pos = {p->fed, 0, 0};
        char where[128], opened[128];
        const char *ptr_note = "";
        if (p->doc_index == 0 && lx.st == L_TOP) {
            sv__diag(p, SV_DIAG_TRUNCATED, &pos, SV_PTR_FRAME, NULL,
                     "the input holds no JSON value");
            return;
        }
        open_words(p, opened, sizeof opened);
        if (lx.st == L_STRING || lx.st == L_ESCAPE || lx.st == L_HEX) {
            sv_pos s = {lx.tok, 0, 0};
            if (s.off < p->slice_base || !p->slice)
                tail_pos(p, &s);
            snprintf(where, sizeof where,
                     "unexpected end of input inside a string (it began at "
                     "line %llu, column %llu)",
                     (unsigned long long)s.line, (unsigned long long)s.col);
            sv__diag(p, SV_DIAG_TRUNCATED, &pos, SV_PTR_VALUE, NULL, "%s",
                     where);
            return;
        }
        (void)ptr_note;
        sv__diag(p, SV_DIAG_TRUNCATED, &pos,
                 p->skip ? SV_PTR_VALUE : SV_PTR_FRAME, NULL,
                 "unexpected end of input%s", opened);
        return;
    }
    /* the lexer found nothing where yajl did: report yajl's view */
#ifdef SV_FUZZING
    abort();
#endif
    sv_pos pos = {p->slice_base + yajl_get_bytes_consumed(p->yajl), 0, 0};
    if (pos.off > p->slice_base + p->slice_len)
        pos.off = p->slice_base + p->slice_len;
    unsigned char *e = yajl_get_error(p->yajl, 0, NULL, 0);
    sv__diag(p, SV_DIAG_SYNTAX, &pos, SV_PTR_VALUE, NULL, "malformed JSON (%s)",
             e ? (const char *)e : "yajl error");
    if (e)
        yajl_free_error(p->yajl, e);
}

void sv__bad_byte(sv_parser *p, sv_pos *pos, const char *what)
{
    sv__diag(p, SV_DIAG_SYNTAX, pos, SV_PTR_VALUE, NULL, "%s", what);
}

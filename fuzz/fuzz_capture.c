/*
 * fuzz_capture.c - libFuzzer harness for captures (sv_capture): HTTP
 * responses, HAR archives, byte-order marks and UTF-16, and JSON through
 * the capture layer.  Differential like fuzz_chunks.c: the same stream
 * fed whole, fed in the chunks the input chooses, and fed again after a
 * reset must log the same bytes; every diagnostic and record position is
 * checked against the input.
 *
 * Input:
 *   byte 0     bits 0-1 the form: 0 auto, 1 json, 2 http, 3 har
 *              bits 2-3 the bytes: 0 as they are, 1 after a UTF-8 BOM,
 *                       2 as UTF-16LE (each byte widened, after FF FE),
 *                       3 after FE FF (raw UTF-16BE units: surrogates)
 *              bit 4    api auto (else the options byte's)
 *              bit 5    a callback stops the stream (the seed says which)
 *              bit 6    pages: every session and page also goes to an
 *                       sv_pages (as sessval --pages does), finished at
 *                       the end of each run
 *   byte 1     options (svf_options; its mode 3 means multi off)
 *   byte 2     chunk plan, as fuzz_chunks.c
 *   bytes 3-4  seed (little endian)
 *   the rest   the stream
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svfuzz.h"

/* What a run needs besides its log. */
typedef struct crun {
    svf_log log;
    sv_capture *cap;
    const unsigned char *input;
    size_t len;
    int text_positions; /* made UTF-16: positions are not the input's */
    int strict;
    uint64_t abort_at, calls;
    int aborted;
    uint64_t diags;
    int pages_mode;
    sv_pages *pages; /* during a run in pages mode */
    unsigned npage;
} crun;

static int step(crun *r)
{
    SVF_CHECK(!r->aborted);
    r->calls++;
    /* not callable from inside a callback */
    SVF_CHECK(sv_capture_feed(r->cap, "x", 1) == SV_ERR_MISUSE);
    SVF_CHECK(sv_capture_finish(r->cap) == SV_ERR_MISUSE);
    SVF_CHECK(sv_capture_reset(r->cap) == SV_ERR_MISUSE);
    if (r->abort_at && r->calls == r->abort_at) {
        r->aborted = 1;
        return 1;
    }
    return 0;
}

/* offset, line and column agree with the input (file positions) */
static void check_pos(const crun *r, uint64_t off, uint64_t line,
                      uint64_t col)
{
    SVF_CHECK(line >= 1 && col >= 1);
    /* UTF-16 (chosen by byte 0, or found in raw bytes: a mark, or a NUL
     * half in the first character) counts in its UTF-8 text */
    sv_capture_summary s;
    sv_capture_stats(r->cap, &s);
    if (r->text_positions) {
        SVF_CHECK(s.encoding == SV_ENCODING_UTF16LE ||
                  s.encoding == SV_ENCODING_UTF16BE);
        return;
    }
    if (s.encoding == SV_ENCODING_UTF16LE || s.encoding == SV_ENCODING_UTF16BE)
        return;
    SVF_CHECK(off <= r->len);
    uint64_t l = 1, start = 0;
    for (uint64_t i = 0; i < off; i++)
        if (r->input[i] == '\n') {
            l++;
            start = i + 1;
        }
    SVF_CHECK(line == l);
    SVF_CHECK(col == off - start + 1);
}

static void log_where(crun *r)
{
    sv_position w;
    SVF_CHECK(sv_capture_where(r->cap, &w) == 0);
    check_pos(r, w.offset, w.line, w.column);
    SVF_CHECK(w.payload_line >= 1);
    svf_logf(&r->log, " where=%llu:%llu:%llu/%llu:%llu:%llu ctx=%.*s",
             (unsigned long long)w.offset, (unsigned long long)w.line,
             (unsigned long long)w.column,
             (unsigned long long)w.payload_offset,
             (unsigned long long)w.payload_line,
             (unsigned long long)w.payload_column,
             w.context ? (int)w.context_len : 0,
             w.context ? w.context : "");
}

static int on_diag(void *u, const sv_diag *d)
{
    crun *r = u;
    int stop = step(r);
    r->diags++;
    SVF_CHECK((int)d->code >= 0 && d->code < SV_DIAG__COUNT);
    SVF_CHECK(d->severity == (r->strict ? SV_SEVERITY_ERROR
                                        : sv_diag_default_severity(d->code)));
    SVF_CHECK(d->pointer && d->pointer[d->pointer_len] == '\0');
    SVF_CHECK(d->message && strlen(d->message) == d->message_len &&
              d->message_len > 0);
    if (d->context)
        SVF_CHECK(strlen(d->context) == d->context_len &&
                  d->context_len > 0);
    else
        SVF_CHECK(d->context_len == 0);
    if (d->payload_line == 0)
        SVF_CHECK(d->payload_offset == 0 && d->payload_column == 0);
    check_pos(r, d->offset, d->line, d->column);
    svf_logf(&r->log, "diag %s %d doc=%llu %llu:%llu:%llu/%llu:%llu:%llu "
                      "ctx=%s %s: %s\n",
             sv_diag_name(d->code), (int)d->severity,
             (unsigned long long)d->document, (unsigned long long)d->offset,
             (unsigned long long)d->line, (unsigned long long)d->column,
             (unsigned long long)d->payload_offset,
             (unsigned long long)d->payload_line,
             (unsigned long long)d->payload_column,
             d->context ? d->context : "-", d->pointer, d->message);
    return stop;
}

/* sv_pages' findings: at a page (from on_page) or at sv_pages_finish */
static int pages_diag(void *u, const sv_diag *d)
{
    crun *r = u;
    SVF_CHECK(d->code >= SV_DIAG_PAGES_OFFSET && d->code <= SV_DIAG_PAGES_COUNT);
    SVF_CHECK(d->severity == SV_SEVERITY_ERROR);
    SVF_CHECK(d->pointer && d->pointer[d->pointer_len] == '\0');
    SVF_CHECK(d->message && strlen(d->message) == d->message_len &&
              d->message_len > 0);
    if (d->line)
        check_pos(r, d->offset, d->line, d->column);
    svf_logf(&r->log, "pages-diag %s %llu:%llu:%llu %s: %s\n",
             sv_diag_name(d->code), (unsigned long long)d->offset,
             (unsigned long long)d->line, (unsigned long long)d->column,
             d->pointer, d->message);
    return 0;
}

static const sv_callbacks pages_callbacks = {NULL, NULL, NULL, pages_diag,
                                             NULL};

static int on_session(void *u, const sv_session *s)
{
    crun *r = u;
    int stop = step(r);
    if (r->pages)
        svf_logf(&r->log, "pages-session %s ",
                 sv_status_str(sv_pages_session(r->pages, s)));
    svf_logf(&r->log, "session doc=%llu index=%llu offset=%llu errors=%u "
                      "id=%.*s",
             (unsigned long long)s->document, (unsigned long long)s->index,
             (unsigned long long)s->offset, s->errors,
             s->id.ptr ? (int)s->id.len : 0, s->id.ptr ? s->id.ptr : "");
    log_where(r);
    svf_logf(&r->log, "\n");
    return stop;
}

static int on_page(void *u, const sv_page *p)
{
    crun *r = u;
    int stop = step(r);
    if (r->pages) {
        char name[32];
        sv_position w;
        snprintf(name, sizeof name, "page-%u", ++r->npage);
        SVF_CHECK(sv_capture_where(r->cap, &w) == 0);
        sv_status ps = sv_pages_page(r->pages, p, name, &w);
        SVF_CHECK(ps == SV_OK || ps == SV_ERR_NOMEM);
        svf_logf(&r->log, "pages-page %s ", sv_status_str(ps));
    }
    svf_logf(&r->log, "page doc=%llu offset=%llu results=%llu",
             (unsigned long long)p->document, (unsigned long long)p->offset,
             (unsigned long long)p->results.value);
    log_where(r);
    svf_logf(&r->log, "\n");
    return stop;
}

static int on_log_entry(void *u, const sv_log_entry *e)
{
    crun *r = u;
    int stop = step(r);
    svf_logf(&r->log, "log-entry doc=%llu offset=%llu",
             (unsigned long long)e->document, (unsigned long long)e->offset);
    log_where(r);
    svf_logf(&r->log, "\n");
    return stop;
}

static int on_document(void *u, const sv_document *d)
{
    crun *r = u;
    int stop = step(r);
    SVF_CHECK(d->offset <= d->end);
    svf_logf(&r->log, "document %llu %s %llu-%llu errors=%llu\n",
             (unsigned long long)d->index, sv_kind_name(d->kind),
             (unsigned long long)d->offset, (unsigned long long)d->end,
             (unsigned long long)d->errors);
    return stop;
}

static const sv_callbacks callbacks = {on_session, on_page, on_log_entry,
                                       on_diag, on_document};

static void run(crun *r, const sv_options *o, const size_t *cuts,
                size_t ncuts)
{
    sv_status s = SV_OK;
    size_t at = 0;
    r->calls = 0;
    r->aborted = 0;
    r->diags = 0;
    if (r->pages_mode) {
        r->pages = sv_pages_new(o, &pages_callbacks, r);
        SVF_CHECK(r->pages != NULL);
        r->npage = 0;
    }
    for (size_t i = 0; i <= ncuts && s == SV_OK; i++) {
        size_t end = i < ncuts ? cuts[i] : r->len;
        s = sv_capture_feed(r->cap, r->input + at, end - at);
        at = end;
    }
    sv_status f = sv_capture_finish(r->cap);
    if (s != SV_OK)
        SVF_CHECK(f == s);
    SVF_CHECK(f != SV_ERR_MISUSE);
    SVF_CHECK(sv_capture_status(r->cap) == f);
    SVF_CHECK(r->aborted ? f == SV_ERR_ABORTED : f != SV_ERR_ABORTED);
    sv_capture_summary sum;
    sv_capture_stats(r->cap, &sum);
    SVF_CHECK(sum.totals.bytes == at);
    if (f != SV_ERR_ABORTED && f != SV_ERR_NOMEM) {
        SVF_CHECK(sum.totals.errors + sum.totals.warnings ==
                  r->diags + sum.totals.suppressed);
        if (f != SV_OK)
            SVF_CHECK(sum.totals.errors > 0);
    }
    if (!o->max_diagnostics)
        SVF_CHECK(sum.totals.suppressed == 0);
    SVF_CHECK(sum.skipped <= sum.entries + sum.responses);
    svf_logf(&r->log, "end %s input=%d enc=%d payloads=%llu responses=%llu "
                      "entries=%llu skipped=%llu docs=%llu sessions=%llu "
                      "pages=%llu errors=%llu warnings=%llu suppressed=%llu\n",
             sv_status_str(f), (int)sum.input, (int)sum.encoding,
             (unsigned long long)sum.payloads,
             (unsigned long long)sum.responses,
             (unsigned long long)sum.entries,
             (unsigned long long)sum.skipped,
             (unsigned long long)sum.totals.documents,
             (unsigned long long)sum.totals.sessions,
             (unsigned long long)sum.totals.pages,
             (unsigned long long)sum.totals.errors,
             (unsigned long long)sum.totals.warnings,
             (unsigned long long)sum.totals.suppressed);
    if (r->pages) {
        sv_status pf = sv_pages_finish(r->pages);
        SVF_CHECK(pf == SV_OK || pf == SV_ERR_NOMEM);
        SVF_CHECK(sv_pages_finish(r->pages) == SV_ERR_MISUSE || pf != SV_OK);
        svf_logf(&r->log, "pages-end %s\n", sv_status_str(pf));
        sv_pages_free(r->pages);
        r->pages = NULL;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    uint8_t form = data[0];
    sv_options o;
    int mode3;
    svf_options(data[1], &o, &mode3);
    o.input = (sv_input)(form & 3);
    if (form & 0x10)
        o.api = SV_API_AUTO;
    uint8_t how = data[2];
    uint64_t seed = (uint64_t)data[3] | (uint64_t)data[4] << 8;
    const unsigned char *doc = data + 5;
    size_t dlen = size - 5;

    /* the bytes as the form byte says */
    unsigned enc = (form >> 2) & 3;
    size_t len = enc == 2 ? 2 + dlen * 2 : enc ? dlen + 3 : dlen;
    unsigned char *in = malloc(len ? len : 1);
    SVF_CHECK(in != NULL);
    if (enc == 0) {
        memcpy(in, doc, dlen);
    } else if (enc == 1) {
        memcpy(in, "\xEF\xBB\xBF", 3);
        memcpy(in + 3, doc, dlen);
    } else if (enc == 2) {
        in[0] = 0xFF;
        in[1] = 0xFE;
        for (size_t i = 0; i < dlen; i++) {
            in[2 + 2 * i] = doc[i];
            in[3 + 2 * i] = 0;
        }
    } else {
        in[0] = 0xFE;
        in[1] = 0xFF;
        memcpy(in + 2, doc, dlen);
        len = dlen + 2;
    }

    size_t *cuts = malloc((len + 1) * sizeof *cuts);
    SVF_CHECK(cuts != NULL);
    size_t ncuts = svf_plan(how, seed, len, cuts);

    crun w, c;
    memset(&w, 0, sizeof w);
    memset(&c, 0, sizeof c);
    w.input = c.input = in;
    w.len = c.len = len;
    w.text_positions = c.text_positions = enc >= 2;
    w.strict = c.strict = o.strict;
    w.pages_mode = c.pages_mode = (form & 0x40) != 0;
    if (form & 0x20)
        w.abort_at = c.abort_at = 1 + seed % 8;

    /* W: whole */
    w.cap = sv_capture_new(&o, &callbacks, &w);
    SVF_CHECK(w.cap != NULL);
    svf_log_begin(&w.log, in, len, &o);
    run(&w, &o, NULL, 0);
    sv_capture_free(w.cap);

    /* C: chunked */
    c.cap = sv_capture_new(&o, &callbacks, &c);
    SVF_CHECK(c.cap != NULL);
    svf_log_begin(&c.log, in, len, &o);
    run(&c, &o, cuts, ncuts);
    svf_same(&w.log, &c.log, "the chunked run");

    /* R: reset after a prefix, then whole */
    SVF_CHECK(sv_capture_reset(c.cap) == SV_OK);
    size_t k = (size_t)(seed % (len + 1));
    c.abort_at = 0;
    c.aborted = 0;
    sv_capture_feed(c.cap, in, k);
    SVF_CHECK(sv_capture_reset(c.cap) == SV_OK);
    c.abort_at = w.abort_at;
    svf_log_begin(&c.log, in, len, &o);
    run(&c, &o, NULL, 0);
    svf_same(&w.log, &c.log, "the run after sv_capture_reset");
    sv_capture_free(c.cap);

    svf_log_free(&w.log);
    svf_log_free(&c.log);
    free(cuts);
    free(in);
    return 0;
}

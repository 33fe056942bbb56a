/*
 * fuzz_time.c - libFuzzer harness for the time code (parser/sv_time.c).
 *
 * Input: byte 0 picks the parser (bit 0: 0 = timestamp, 1 = duration);
 * the rest is the text, copied to an exact-size heap block (no NUL after
 * it, so ASan sees any read past the end).
 *
 * Checks, abort() on any failure:
 *   - the verdict (the exact sv_time_error) and the value agree with a slow
 *     reference parser written here a different way: a pattern walked one
 *     character at a time, a loop-counted day number, 128-bit arithmetic
 *     for the TimeSpan range;
 *   - an accepted value formats to the canonical text the reference
 *     derives from the input's fields, and parses back to itself
 *     (timestamps in both format modes);
 *   - a rejection has an explanation that honours the snprintf contract.
 *
 * No main(): libFuzzer supplies one, and the plain replay build links the
 * project's generic replay main.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sessval.h"
#include "sv_time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)      \
    do {                 \
        if (!(cond))     \
            abort();     \
    } while (0)

/* ------------------------------------------------------------------------
 * Reference timestamp parser
 * ------------------------------------------------------------------------ */

typedef struct ref_ts {
    int y, mo, d, h, mi, s; /* the fields as written */
    char frac[10];          /* fraction digits as written, NUL-terminated */
    int off;                /* minutes east */
    int64_t seconds;
    int32_t nanos;
} ref_ts;

static int ref_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int ref_leap(int y)
{
    if (y % 400 == 0)
        return 1;
    if (y % 100 == 0)
        return 0;
    return y % 4 == 0;
}

static int ref_month_length(int y, int m)
{
    if (m == 2)
        return ref_leap(y) ? 29 : 28;
    if (m == 4 || m == 6 || m == 9 || m == 11)
        return 30;
    return 31;
}

/* Days from 0001-01-01 to y-m-d by counting: 400-year blocks of 146097
 * days, then single years, then months. */
static int64_t ref_days(int y, int m, int d)
{
    int64_t days = (int64_t)((y - 1) / 400) * 146097;
    for (int yy = (y - 1) / 400 * 400 + 1; yy < y; yy++)
        days += ref_leap(yy) ? 366 : 365;
    for (int mm = 1; mm < m; mm++)
        days += ref_month_length(y, mm);
    return days + d - 1;
}

/* The layout of the fixed part; 'd' is a digit. */
static const char ref_pattern[] = "dddd-dd-ddTdd:dd:dd";

static int ref_timestamp(const unsigned char *s, size_t n, ref_ts *r)
{
    int field = 0; /* value of the digit field being read */
    size_t i;
    memset(r, 0, sizeof *r);
    for (i = 0; i < 19; i++) {
        char want = ref_pattern[i];
        if (i >= n)
            return SV_TIME_SYNTAX;
        if (want == 'd') {
            if (!ref_is_digit(s[i]))
                return SV_TIME_SYNTAX;
            field = field * 10 + (s[i] - '0');
        } else if (want == 'T') {
            if (s[i] != 'T' && s[i] != 't')
                return SV_TIME_SYNTAX;
        } else if (s[i] != (unsigned char)want) {
            return SV_TIME_SYNTAX;
        }
        /* a field is complete when the next pattern byte is not a digit */
        if (want == 'd' && ref_pattern[i + 1] != 'd') {
            switch (i) {
            case 3:
                r->y = field;
                if (field == 0)
                    return SV_TIME_YEAR;
                break;
            case 6:
                r->mo = field;
                if (field < 1 || field > 12)
                    return SV_TIME_MONTH;
                break;
            case 9:
                r->d = field;
                if (field < 1 || field > ref_month_length(r->y, r->mo))
                    return SV_TIME_DAY;
                break;
            case 12:
                r->h = field;
                if (field > 23)
                    return SV_TIME_HOUR;
                break;
            case 15:
                r->mi = field;
                if (field > 59)
                    return SV_TIME_MINUTE;
                break;
            default: /* 18 */
                r->s = field;
                if (field == 60)
                    return SV_TIME_LEAP_SECOND;
                if (field > 59)
                    return SV_TIME_SECOND;
                break;
            }
            field = 0;
        }
    }
    if (i < n && s[i] == '.') {
        size_t k = 0;
        for (i++; i < n && ref_is_digit(s[i]); i++, k++)
            if (k < 9)
                r->frac[k] = (char)s[i];
        if (k == 0 || k > 9)
            return SV_TIME_FRACTION;
    }
    int32_t nanos = 0;
    for (int k = 0; k < 9; k++)
        nanos = nanos * 10 + (r->frac[k] ? r->frac[k] - '0' : 0);
    if (i >= n)
        return SV_TIME_NO_OFFSET;
    if (s[i] == 'Z' || s[i] == 'z') {
        i++;
    } else if (s[i] == '+' || s[i] == '-') {
        int sign = s[i] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        static const char opat[] = "dd:dd";
        for (int k = 0; k < 5; k++) {
            size_t j = i + 1 + (size_t)k;
            if (j >= n)
                return SV_TIME_OFFSET;
            if (opat[k] == ':') {
                if (s[j] != ':')
                    return SV_TIME_OFFSET;
                continue;
            }
            if (!ref_is_digit(s[j]))
                return SV_TIME_OFFSET;
            if (k < 2)
                oh = oh * 10 + (s[j] - '0');
            else
                om = om * 10 + (s[j] - '0');
            if (k == 1 && oh > 23)
                return SV_TIME_OFFSET;
            if (k == 4 && om > 59)
                return SV_TIME_OFFSET;
        }
        r->off = sign * (oh * 60 + om);
        i += 6;
    } else {
        return SV_TIME_SYNTAX;
    }
    if (i != n)
        return SV_TIME_TRAILING;
    r->seconds = (ref_days(r->y, r->mo, r->d) - 719162) * 86400 +
                 r->h * 3600 + r->mi * 60 + r->s - (int64_t)r->off * 60;
    r->nanos = nanos;
    return 0;
}

/* The text sv_format_timestamp(.., utc = 0, ..) must give: the input's own
 * fields, upper-case T, the fraction without trailing zeros, Z for 0. */
static size_t ref_canonical_ts(const ref_ts *r, char *out)
{
    static const char digits[] = "0123456789";
    size_t k = 0;
    int v[6] = {r->y, r->mo, r->d, r->h, r->mi, r->s};
    int w[6] = {4, 2, 2, 2, 2, 2};
    const char *sep = "--T::";
    for (int f = 0; f < 6; f++) {
        for (int p = w[f] - 1, x = v[f]; p >= 0; p--, x /= 10)
            out[k + (size_t)p] = digits[x % 10];
        k += (size_t)w[f];
        if (f < 5)
            out[k++] = sep[f];
    }
    size_t last = 0; /* one past the last non-zero fraction digit */
    for (size_t j = 0; j < 9 && r->frac[j]; j++)
        if (r->frac[j] != '0')
            last = j + 1;
    if (last > 0) {
        out[k++] = '.';
        memcpy(out + k, r->frac, last);
        k += last;
    }
    if (r->off == 0) {
        out[k++] = 'Z';
    } else {
        int a = r->off < 0 ? -r->off : r->off;
        out[k++] = r->off < 0 ? '-' : '+';
        out[k++] = digits[a / 600];
        out[k++] = digits[a / 60 % 10];
        out[k++] = ':';
        out[k++] = digits[a % 60 / 10];
        out[k++] = digits[a % 10];
    }
    out[k] = '\0';
    return k;
}

/* ------------------------------------------------------------------------
 * Reference duration parser
 * ------------------------------------------------------------------------ */

__extension__ typedef __int128 ref_i128;

typedef struct ref_du {
    int neg;
    long days; /* -1 when absent */
    int h, mi, s;
    long frac; /* in ticks */
    int64_t ticks;
} ref_du;

/* Digits at s[i..] up to the first non-digit. */
static size_t ref_run(const unsigned char *s, size_t n, size_t i)
{
    size_t k = 0;
    while (i + k < n && ref_is_digit(s[i + k]))
        k++;
    return k;
}

static long ref_value(const unsigned char *s, size_t i, size_t k)
{
    long v = 0;
    for (size_t j = 0; j < k; j++)
        v = v * 10 + (s[i + j] - '0');
    return v;
}

/* A field of exactly two digits at s[*i..], then its range. */
static int ref_two(const unsigned char *s, size_t n, size_t *i, int max,
                   int range_err, int *out)
{
    if (*i + 2 > n || !ref_is_digit(s[*i]) || !ref_is_digit(s[*i + 1]))
        return SV_TIME_SYNTAX;
    *out = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
    *i += 2;
    return *out > max ? range_err : 0;
}

static int ref_duration(const unsigned char *s, size_t n, ref_du *r)
{
    size_t i = 0;
    int e;
    memset(r, 0, sizeof *r);
    r->days = -1;
    if (n > 0 && s[0] == '-') {
        r->neg = 1;
        i = 1;
    }
    size_t k = ref_run(s, n, i);
    if (k == 0 || i + k >= n)
        return SV_TIME_SYNTAX;
    if (s[i + k] == '.') {
        if (k > 8)
            return SV_TIME_SYNTAX;
        r->days = ref_value(s, i, k);
        if (r->days > 10675199)
            return SV_TIME_RANGE;
        i += k + 1;
        if ((e = ref_two(s, n, &i, 23, SV_TIME_HOUR, &r->h)))
            return e;
    } else if (s[i + k] == ':' && k == 2) {
        r->h = (int)ref_value(s, i, 2);
        i += 2;
        if (r->h > 23)
            return SV_TIME_HOUR;
    } else {
        return SV_TIME_SYNTAX;
    }
    if (i >= n || s[i] != ':')
        return SV_TIME_SYNTAX;
    i++;
    if ((e = ref_two(s, n, &i, 59, SV_TIME_MINUTE, &r->mi)))
        return e;
    if (i >= n || s[i] != ':')
        return SV_TIME_SYNTAX;
    i++;
    if ((e = ref_two(s, n, &i, 59, SV_TIME_SECOND, &r->s)))
        return e;
    if (i < n && s[i] == '.') {
        k = ref_run(s, n, i + 1);
        if (k == 0 || k > 7)
            return SV_TIME_FRACTION;
        r->frac = ref_value(s, i + 1, k);
        for (size_t j = k; j < 7; j++)
            r->frac *= 10;
        i += 1 + k;
    }
    if (i != n)
        return SV_TIME_TRAILING;
    ref_i128 t = (((ref_i128)(r->days < 0 ? 0 : r->days) * 24 + r->h) * 60 +
                  r->mi) * 60 + r->s;
    t = t * 10000000 + r->frac;
    if (r->neg)
        t = -t;
    if (t < INT64_MIN || t > INT64_MAX)
        return SV_TIME_RANGE;
    r->ticks = (int64_t)t;
    return 0;
}

/* What sv_format_duration must give for the value: no sign for zero, days
 * only when non-zero, 7 fraction digits only when non-zero. */
static size_t ref_canonical_du(int64_t ticks, char *out)
{
    ref_i128 t = ticks, a = t < 0 ? -t : t;
    long frac = (long)(a % 10000000);
    ref_i128 sec = a / 10000000;
    long days = (long)(sec / 86400);
    int h = (int)(sec / 3600 % 24), mi = (int)(sec / 60 % 60),
        s = (int)(sec % 60);
    char tmp[16];
    size_t k = 0, m = 0;
    if (t < 0)
        out[k++] = '-';
    if (days != 0) {
        for (long d = days; d != 0; d /= 10)
            tmp[m++] = (char)('0' + d % 10);
        while (m > 0)
            out[k++] = tmp[--m];
        out[k++] = '.';
    }
    int f3[3] = {h, mi, s};
    for (int f = 0; f < 3; f++) {
        out[k++] = (char)('0' + f3[f] / 10);
        out[k++] = (char)('0' + f3[f] % 10);
        if (f < 2)
            out[k++] = ':';
    }
    if (frac != 0) {
        out[k++] = '.';
        for (long p = 1000000; p >= 1; p /= 10)
            out[k++] = (char)('0' + frac / p % 10);
    }
    out[k] = '\0';
    return k;
}

/* ------------------------------------------------------------------------
 * The harness
 * ------------------------------------------------------------------------ */

/* A rejection must come with a non-empty explanation, and a cut buffer
 * must hold a NUL-terminated prefix of it. */
static void check_explain(int duration, const char *s, size_t len, int err)
{
    char full[512], cut[8];
    size_t n = duration ? sv__duration_explain(s, len, err, full, sizeof full)
                        : sv__timestamp_explain(s, len, err, full,
                                                sizeof full);
    CHECK(n > 0 && n < sizeof full && strlen(full) == n);
    size_t m = duration ? sv__duration_explain(s, len, err, cut, sizeof cut)
                        : sv__timestamp_explain(s, len, err, cut, sizeof cut);
    CHECK(m == n);
    CHECK(strlen(cut) == (n < sizeof cut ? n : sizeof cut - 1));
    CHECK(memcmp(cut, full, strlen(cut)) == 0);
    size_t z = duration ? sv__duration_explain(s, len, err, NULL, 0)
                        : sv__timestamp_explain(s, len, err, NULL, 0);
    CHECK(z == n);
}

static void fuzz_timestamp(const char *s, size_t len)
{
    sv_timestamp v, back;
    ref_ts r;
    char buf[SV_TIMESTAMP_BUFSIZE], want[64];

    int err = sv_parse_timestamp(s, len, &v);
    int ref = ref_timestamp((const unsigned char *)s, len, &r);
    CHECK(err == ref);
    if (err != 0) {
        check_explain(0, s, len, err);
        return;
    }
    CHECK(v.seconds == r.seconds && v.nanos == r.nanos &&
          v.offset_minutes == r.off);

    size_t n = sv_format_timestamp(&v, 0, buf, sizeof buf);
    size_t wn = ref_canonical_ts(&r, want);
    CHECK(n == wn && strcmp(buf, want) == 0);
    CHECK(sv_parse_timestamp(buf, n, &back) == 0);
    CHECK(back.seconds == v.seconds && back.nanos == v.nanos &&
          back.offset_minutes == v.offset_minutes);

    n = sv_format_timestamp(&v, 1, buf, sizeof buf);
    if (v.seconds < INT64_C(-62135596800) || v.seconds > INT64_C(253402300799)) {
        CHECK(n == 0); /* UTC date outside 0001-9999 */
        return;
    }
    CHECK(n > 0 && sv_parse_timestamp(buf, n, &back) == 0);
    CHECK(back.seconds == v.seconds && back.nanos == v.nanos &&
          back.offset_minutes == 0);
}

static void fuzz_duration(const char *s, size_t len)
{
    int64_t t = 0, back = 0;
    ref_du r;
    char buf[SV_DURATION_BUFSIZE], want[64];

    int err = sv_parse_duration(s, len, &t);
    int ref = ref_duration((const unsigned char *)s, len, &r);
    CHECK(err == ref);
    if (err != 0) {
        check_explain(1, s, len, err);
        return;
    }
    CHECK(t == r.ticks);
    size_t n = sv_format_duration(t, buf, sizeof buf);
    size_t wn = ref_canonical_du(t, want);
    CHECK(n == wn && strcmp(buf, want) == 0);
    CHECK(sv_parse_duration(buf, n, &back) == 0 && back == t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t len = size - 1;
    /* Exact size: the byte after the text is not ours to read (and for
     * an empty text, malloc(0)'s block has no byte to read at all). */
    char *s = malloc(len);
    if (s == NULL && len > 0)
        return 0;
    if (len > 0)
        memcpy(s, data + 1, len);
    if (data[0] & 1)
        fuzz_duration(s, len);
    else
        fuzz_timestamp(s, len);
    free(s);
    return 0;
}

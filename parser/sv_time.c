/*
 * sv_time.c - RFC 3339 timestamps and .NET TimeSpan "c" durations: parse,
 * format, and explain a rejection in words.
 *
 * Both parsers read left to right and stop at the FIRST problem, so
 * "2024-13-45" is a month error and "1.99:99:99" an hours error; the explain
 * functions re-run the same scanner to say which problem that was, so a
 * message can never disagree with the code the parser returned.
 *
 * The input is the bytes of a JSON string: NOT NUL-terminated.  Every read
 * is checked against len first (c-timestamp, the model for this file, reads
 * two bytes past a truncated "+01:0" because its guard is inverted).
 * Nothing here allocates, consults the locale or the time zone, or calls
 * strtol/strptime/timegm: the arithmetic is a few table lookups.
 */
#include "sessval.h"
#include "sv_time.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds: the range
 * a four-digit year can write. */
#define MIN_SECONDS INT64_C(-62135596800)
#define MAX_SECONDS INT64_C(253402300799)

#define TICKS_PER_SECOND UINT64_C(10000000)
#define TICKS_PER_MINUTE (60 * TICKS_PER_SECOND)
#define TICKS_PER_HOUR (60 * TICKS_PER_MINUTE)
#define TICKS_PER_DAY (24 * TICKS_PER_HOUR)
/* TimeSpan.MaxValue.Days: 10675199.02:48:05.4775807 is INT64_MAX ticks. */
#define MAX_DAYS 10675199

/* ------------------------------------------------------------------------
 * Calendar arithmetic.
 * ------------------------------------------------------------------------ */

/* Gregorian, proleptic: 1900 is not a leap year, 2000 is. */
static int is_leap(int32_t y)
{
    return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Days in month m (1..12) of year y. */
static int32_t month_days(int32_t y, int32_t m)
{
    static const unsigned char days[2][13] = {
        {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    };
    return days[m == 2 && is_leap(y)][m];
}

/* Days from 1 March to the first of each month.  Counting the year from
 * March puts the leap day last, so a whole year's leap correction is just
 * y/4 - y/100 + y/400 on the March-based year number. */
static const uint16_t day_offset[13] = {0,   306, 337, 0,   31,  61, 92,
                                        122, 153, 184, 214, 245, 275};

/* Contract in sv_time.h. */
int64_t sv__days_from_civil(int32_t y, int32_t m, int32_t d)
{
    if (m < 3)
        y--; /* January and February belong to the previous March-year */
    /* Rata Die (0001-01-01 is day 1); 1970-01-01 is day 719163.  y >= 0
     * here, so integer division is floor division. */
    int64_t rdn = (INT64_C(1461) * y) / 4 - y / 100 + y / 400 +
                  day_offset[m] + d - 306;
    return rdn - 719163;
}

/* The inverse, by a different route (Howard Hinnant's civil_from_days):
 * days since 0000-03-01 split into 400-year eras of 146097 days.  For the
 * range the formatter accepts every quantity is non-negative, so unsigned
 * division is floor division. */
static void civil_from_days(int64_t days, int32_t *y, int32_t *m, int32_t *d)
{
    uint64_t z = (uint64_t)(days + 719468);
    uint64_t era = z / 146097;
    uint64_t doe = z - era * 146097;                            /* 0..146096 */
    uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);     /* 0..365 */
    uint64_t mp = (5 * doy + 2) / 153;                          /* 0 = March */
    *d = (int32_t)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int32_t)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int32_t)(yoe + era * 400) + (*m <= 2);
}

static const uint32_t pow10_u32[10] = {1,      10,      100,      1000,
                                       10000,  100000,  1000000,  10000000,
                                       100000000, 1000000000};

/* ------------------------------------------------------------------------
 * Scanning.  On failure the scanners fill a `why` for the explain
 * functions; the success path writes nothing there but the position of an
 * offset's sign.
 * ------------------------------------------------------------------------ */

enum why_kind {
    WHY_EMPTY,     /* len == 0 */
    WHY_END,       /* the text ends inside (or right before) a digit field */
    WHY_END_AFTER, /* the text ends where a separator should follow */
    WHY_DIGIT,     /* not a digit where one must be */
    WHY_SEP,       /* the wrong separator */
    WHY_RANGE,     /* a field's value out of range */
    WHY_LEAP,      /* second 60 */
    WHY_FRAC_NONE, /* '.' with no digit after it */
    WHY_FRAC_MANY, /* more fraction digits than allowed */
    WHY_COUNT,     /* a run of digits of the wrong length (durations) */
    WHY_NO_OFFSET, /* the text ends where the zone offset should be */
    WHY_AFTER,     /* neither fraction nor offset after the seconds */
    WHY_TRAILING   /* bytes after a complete value */
};

typedef struct why {
    int kind;      /* WHY_* */
    int field;     /* TF_* or DF_*: the field the problem is in or after */
    size_t pos;    /* index of the offending byte (== len when missing) */
    size_t start;  /* index of the offset's sign */
    size_t count;  /* digits counted (fraction, days, hours, partial field) */
    int32_t value; /* the out-of-range number */
    int32_t year;  /* context of a day error */
    int32_t month;
} why;

/* Records why and returns code: every error path ends here. */
static int fail(why *w, int code, int kind, int field, size_t pos)
{
    w->kind = kind;
    w->field = field;
    w->pos = pos;
    return code;
}

/* A field read fine but outside its range. */
static int out_of_range(why *w, int code, int field, size_t pos,
                        int32_t value)
{
    w->value = value;
    return fail(w, code, WHY_RANGE, field, pos);
}

/* Exactly n digits at *pos into *out, advancing *pos.  `code` is what a
 * malformed field means where it is: SYNTAX in the fixed part, OFFSET in
 * a zone offset. */
static int read_digits(const unsigned char *s, size_t len, size_t *pos,
                       int n, int field, int code, why *w, int32_t *out)
{
    int32_t v = 0;
    size_t p = *pos;
    for (int i = 0; i < n; i++, p++) {
        if (p >= len) {
            w->count = (size_t)i;
            return fail(w, code, WHY_END, field, p);
        }
        unsigned d = (unsigned)(s[p] - '0'); /* bytes below '0' wrap */
        if (d > 9)
            return fail(w, code, WHY_DIGIT, field, p);
        v = v * 10 + (int32_t)d;
    }
    *pos = p;
    *out = v;
    return 0;
}

/* The separator a (or its other spelling b) at *pos, after `field`. */
static int read_sep(const unsigned char *s, size_t len, size_t *pos,
                    unsigned char a, unsigned char b, int field, int code,
                    why *w)
{
    if (*pos >= len)
        return fail(w, code, WHY_END_AFTER, field, *pos);
    if (s[*pos] != a && s[*pos] != b)
        return fail(w, code, WHY_SEP, field, *pos);
    ++*pos;
    return 0;
}

/* A run of digits from *pos: returns how many (unbounded), advances *pos
 * past them, and keeps the value of the first `keep` (<= 9) in *out. */
static size_t read_run(const unsigned char *s, size_t len, size_t *pos,
                       size_t keep, uint32_t *out)
{
    size_t start = *pos, p = start;
    uint32_t v = 0;
    while (p < len && (unsigned)(s[p] - '0') <= 9) {
        if (p - start < keep)
            v = v * 10 + (uint32_t)(s[p] - '0');
        p++;
    }
    *pos = p;
    *out = v;
    return p - start;
}

/* ------------------------------------------------------------------------
 * Timestamps.
 *
 *           1111111111222222
 * 01234567890123456789012345
 * YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|+hh:mm)
 * ------------------------------------------------------------------------ */

enum tfield {
    TF_YEAR,
    TF_MONTH,
    TF_DAY,
    TF_HOUR,
    TF_MINUTE,
    TF_SECOND,
    TF_FRACTION,
    TF_OFF_HOUR,
    TF_OFF_MINUTE
};

/* The fields of the fixed part, in order. */
typedef struct civil {
    int32_t year, month, day, hour, minute, second;
} civil;

/* The fixed part YYYY-MM-DDThh:mm:ss, one field at a time, stopping at the
 * first problem (a month 13 before a missing 'T').  This path finds and
 * describes errors; valid input nearly always takes fixed_fast instead. */
static int scan_fixed(const unsigned char *s, size_t len, civil *c, why *w)
{
    size_t p = 0;
    int r;

    if (len == 0)
        return fail(w, SV_TIME_SYNTAX, WHY_EMPTY, TF_YEAR, 0);
    if ((r = read_digits(s, len, &p, 4, TF_YEAR, SV_TIME_SYNTAX, w,
                         &c->year)))
        return r;
    if (c->year == 0)
        return out_of_range(w, SV_TIME_YEAR, TF_YEAR, 0, c->year);
    if ((r = read_sep(s, len, &p, '-', '-', TF_YEAR, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, TF_MONTH, SV_TIME_SYNTAX, w,
                         &c->month)))
        return r;
    if (c->month < 1 || c->month > 12)
        return out_of_range(w, SV_TIME_MONTH, TF_MONTH, 5, c->month);
    if ((r = read_sep(s, len, &p, '-', '-', TF_MONTH, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, TF_DAY, SV_TIME_SYNTAX, w, &c->day)))
        return r;
    if (c->day < 1 || c->day > month_days(c->year, c->month)) {
        w->year = c->year;
        w->month = c->month;
        return out_of_range(w, SV_TIME_DAY, TF_DAY, 8, c->day);
    }
    /* RFC 3339 5.6 allows 't'; the space of its NOTE is not ours. */
    if ((r = read_sep(s, len, &p, 'T', 't', TF_DAY, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, TF_HOUR, SV_TIME_SYNTAX, w,
                         &c->hour)))
        return r;
    if (c->hour > 23)
        return out_of_range(w, SV_TIME_HOUR, TF_HOUR, 11, c->hour);
    if ((r = read_sep(s, len, &p, ':', ':', TF_HOUR, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, TF_MINUTE, SV_TIME_SYNTAX, w,
                         &c->minute)))
        return r;
    if (c->minute > 59)
        return out_of_range(w, SV_TIME_MINUTE, TF_MINUTE, 14, c->minute);
    if ((r = read_sep(s, len, &p, ':', ':', TF_MINUTE, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, TF_SECOND, SV_TIME_SYNTAX, w,
                         &c->second)))
        return r;
    /* A leap second cannot be placed without a leap-second table, and the
     * .NET server never writes one: reject it with its own code. */
    if (c->second == 60)
        return fail(w, SV_TIME_LEAP_SECOND, WHY_LEAP, TF_SECOND, 17);
    if (c->second > 59)
        return out_of_range(w, SV_TIME_SECOND, TF_SECOND, 17, c->second);
    return 0;
}

#define DIGIT(i) ((uint32_t)(s[i] - '0')) /* > 9 unless a digit */

/* The same fixed part when it is well formed: one test for the shape of
 * all 19 bytes (no bounds check per byte: the caller saw len >= 20), one
 * for the ranges.  Returns 1 with *c filled, or 0 to let scan_fixed find
 * the problem; never a different verdict from scan_fixed.
 *
 * Little-endian machines read the 19 bytes as three overlapping words and
 * test and convert every digit at once (SWAR): byte i of a word is bits
 * 8i..8i+7.  A byte is a digit when its high nibble is 3 and adding 6 does
 * not leave that nibble. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static uint64_t load64(const unsigned char *s)
{
    uint64_t v;
    memcpy(&v, s, 8);
    return v;
}

/* non-zero unless every digit position of the word holds 0x30..0x39 */
#define SV_NOT_DIGITS(w, HI, V30, V06)                                        \
    ((((w) & (HI)) ^ (V30)) | ((((w) + (V06)) & (HI)) ^ (V30)))

static int fixed_fast(const unsigned char *s, civil *c)
{
    uint64_t a = load64(s);      /* YYYY-MM- */
    uint64_t b = load64(s + 8);  /* DDThh:mm */
    uint64_t e = load64(s + 11); /* hh:mm:ss */
    uint64_t bad =
        SV_NOT_DIGITS(a, 0x00f0f000f0f0f0f0ULL, 0x0030300030303030ULL,
                      0x0006060006060606ULL) |
        SV_NOT_DIGITS(b, 0xf0f000f0f000f0f0ULL, 0x3030003030003030ULL,
                      0x0606000606000606ULL) |
        SV_NOT_DIGITS(e, 0xf0f0000000000000ULL, 0x3030000000000000ULL,
                      0x0606000000000000ULL) |
        ((a & 0xff0000ff00000000ULL) ^ 0x2d00002d00000000ULL) |
        (((b | 0x0000000000200000ULL) & 0x0000ff0000ff0000ULL) ^
         0x00003a0000740000ULL) |
        ((e & 0x0000ff0000000000ULL) ^ 0x00003a0000000000ULL);
    if (bad)
        return 0;
    /* digit values, then pairs: byte k of t is 10 * digit k + digit k+1 */
    uint64_t da = (a - 0x0030300030303030ULL) & 0x000f0f000f0f0f0fULL;
    uint64_t db = (b - 0x3030003030003030ULL) & 0x0f0f000f0f000f0fULL;
    uint64_t de = (e - 0x3030000000000000ULL) & 0x0f0f000000000000ULL;
    uint64_t ta = da * 10 + (da >> 8);
    uint64_t tb = db * 10 + (db >> 8);
    uint64_t te = de * 10 + (de >> 8);
    c->year = (int32_t)((ta & 0xff) * 100 + ((ta >> 16) & 0xff));
    c->month = (int32_t)((ta >> 40) & 0xff);
    c->day = (int32_t)(tb & 0xff);
    c->hour = (int32_t)((tb >> 24) & 0xff);
    c->minute = (int32_t)((tb >> 48) & 0xff);
    c->second = (int32_t)((te >> 48) & 0xff);
    return c->year != 0 && c->month >= 1 && c->month <= 12 && c->day >= 1 &&
           (c->day <= 28 || c->day <= month_days(c->year, c->month)) &&
           c->hour <= 23 && c->minute <= 59 && c->second <= 59;
}
#undef SV_NOT_DIGITS

/* k (1..8) fraction digits that end just before s[end], read as one word
 * and scaled to 8 digits ("2231" -> 22310000), or -1 if one is not a
 * digit.  The caller guarantees end >= 8 (the word starts at s[end-8],
 * inside the text). */
static int64_t fraction8(const unsigned char *s, size_t end, size_t k)
{
    uint64_t w = load64(s + end - 8) >> (8 * (8 - k));
    /* pad the missing low-order digits with '0' */
    if (k < 8)
        w |= 0x3030303030303030ULL & ~((UINT64_C(1) << (8 * k)) - 1);
    if (((w & 0xf0f0f0f0f0f0f0f0ULL) ^ 0x3030303030303030ULL) |
        (((w + 0x0606060606060606ULL) & 0xf0f0f0f0f0f0f0f0ULL) ^
         0x3030303030303030ULL))
        return -1;
    /* byte 0 is the most significant digit */
    w -= 0x3030303030303030ULL;
    w = w * 10 + (w >> 8);
    w = (((w & 0x000000FF000000FFULL) * (100 + (UINT64_C(1000000) << 32))) +
         (((w >> 16) & 0x000000FF000000FFULL) *
          (1 + (UINT64_C(10000) << 32)))) >>
        32;
    return (int64_t)w;
}
#define SV_HAVE_FRACTION8 1

#if defined(__SSE2__)
#include <emmintrin.h>

/* YYYY-MM-DDThh:mm:ss.f{1,8}Z in one straight run, the shape the API
 * writes: 1 with *out set, 0 to let the full scanner decide (it agrees on
 * every input this accepts).  The caller checked the length (22..29), the
 * '.' and the final Z.
 *
 * SSE2: the first 16 bytes XOR a template ("0000-00-00T00:00") leave each
 * digit's value (0..9 only for a digit) and 0 for each right separator,
 * so one saturating subtraction of (9 at digits, 0 at separators) is zero
 * exactly when the shape is right; ":ss" are three bytes more. */
static int utc_fast(const unsigned char *s, size_t len, sv_timestamp *out)
{
    const __m128i tmpl = _mm_setr_epi8('0', '0', '0', '0', '-', '0', '0', '-',
                                       '0', '0', 't', '0', '0', ':', '0', '0');
    const __m128i limit = _mm_setr_epi8(9, 9, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9,
                                        9, 0, 9, 9);
    const __m128i lower_t = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20,
                                          0, 0, 0, 0, 0);
    __m128i v = _mm_loadu_si128((const __m128i *)s);
    __m128i t = _mm_xor_si128(_mm_or_si128(v, lower_t), tmpl);
    __m128i excess = _mm_subs_epu8(t, limit);
    unsigned s1 = (unsigned)(s[17] - '0'), s2 = (unsigned)(s[18] - '0');
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(excess, _mm_setzero_si128())) !=
            0xffff ||
        s[16] != ':' || s1 > 9 || s2 > 9)
        return 0;
    /* fraction8(s, len - 1, len - 21) written out and split (digits
     * checked here, converted below): calling it costs 5 instructions
     * more per timestamp (callgrind), 3 % of this path */
    size_t k = len - 21;
    uint64_t f = load64(s + len - 9) >> (8 * (8 - k)); /* the fraction */
    if (k < 8)
        f |= 0x3030303030303030ULL & ~((UINT64_C(1) << (8 * k)) - 1);
    if (((f & 0xf0f0f0f0f0f0f0f0ULL) ^ 0x3030303030303030ULL) |
        (((f + 0x0606060606060606ULL) & 0xf0f0f0f0f0f0f0f0ULL) ^
         0x3030303030303030ULL))
        return 0;
    /* digit values a word at a time; byte k of a pair word is
     * 10 * digit k + digit k+1 */
    uint64_t lo = (uint64_t)_mm_cvtsi128_si64(t);
    uint64_t hi = (uint64_t)_mm_cvtsi128_si64(_mm_srli_si128(t, 8));
    lo = lo * 10 + (lo >> 8);
    hi = hi * 10 + (hi >> 8);
    uint32_t year = (uint32_t)(lo & 0xff) * 100 + (uint32_t)((lo >> 16) & 0xff);
    uint32_t month = (uint32_t)(lo >> 40) & 0xff;
    uint32_t day = (uint32_t)hi & 0xff;
    uint32_t hour = (uint32_t)(hi >> 24) & 0xff;
    uint32_t minute = (uint32_t)(hi >> 48) & 0xff;
    uint32_t second = s1 * 10 + s2;
    if ((year == 0) | (month - 1 > 11) | (day - 1 > 30) | (hour > 23) |
        (minute > 59) | (second > 59))
        return 0;
    if (day > 28 && day > (uint32_t)month_days((int32_t)year, (int32_t)month))
        return 0;
    f -= 0x3030303030303030ULL;
    f = f * 10 + (f >> 8);
    f = (((f & 0x000000FF000000FFULL) * (100 + (UINT64_C(1000000) << 32))) +
         (((f >> 16) & 0x000000FF000000FFULL) *
          (1 + (UINT64_C(10000) << 32)))) >>
        32;
    uint32_t y = year - (month < 3);
    uint32_t c = y / 100; /* y / 400 is c / 4 */
    uint32_t days = (1461 * y) / 4 - c + c / 4 + day_offset[month] + day -
                    306;
    out->seconds = ((int64_t)days - 719163) * 86400 +
                   (int64_t)(hour * 3600 + minute * 60 + second);
    out->nanos = (int32_t)(f * 10);
    out->offset_minutes = 0;
    return 1;
}
#else
/* YYYY-MM-DDThh:mm:ss.f{1,8}Z in one straight run, the shape the API
 * writes: 1 with *out set, 0 to let the full scanner decide (it agrees on
 * every input this accepts).  The caller checked the length (22..29), the
 * '.' and the final Z. */
static int utc_fast(const unsigned char *s, size_t len, sv_timestamp *out)
{
    uint64_t a = load64(s);      /* YYYY-MM- */
    uint64_t b = load64(s + 8);  /* DDThh:mm */
    uint64_t e = load64(s + 11); /* hh:mm:ss */
    size_t k = len - 21;
    uint64_t f = load64(s + len - 9) >> (8 * (8 - k)); /* the fraction */
    if (k < 8)
        f |= 0x3030303030303030ULL & ~((UINT64_C(1) << (8 * k)) - 1);
    const uint64_t hi = 0xf0f0f0f0f0f0f0f0ULL, z = 0x3030303030303030ULL;
    const uint64_t six = 0x0606060606060606ULL;
    /* digits where digits belong, separators where they belong; the
     * separator bytes are made '0' first so one digit test covers all */
    uint64_t a2 = a ^ 0x1d00001d00000000ULL;  /* '-' -> '0' */
    uint64_t b2 = (b | 0x0000000000200000ULL) ^
                  0x00000a0000440000ULL;      /* 't' -> '0', ':' -> '0' */
    uint64_t e2 = e ^ 0x00000a00000a0000ULL;  /* ':' -> '0' */
    uint64_t bad = ((a2 & hi) ^ z) | (((a2 + six) & hi) ^ z) |
                   ((b2 & hi) ^ z) | (((b2 + six) & hi) ^ z) |
                   ((e2 & hi) ^ z) | (((e2 + six) & hi) ^ z) |
                   ((f & hi) ^ z) | (((f + six) & hi) ^ z);
    /* the 0x30 test lets a separator through that was 0x3X after the
     * flip; the flip is exact only for the right byte: check them */
    bad |= (a & 0xff0000ff00000000ULL) ^ 0x2d00002d00000000ULL;
    bad |= ((b | 0x0000000000200000ULL) & 0x0000ff0000ff0000ULL) ^
           0x00003a0000740000ULL;
    bad |= (e & 0x0000ff0000ff0000ULL) ^ 0x00003a00003a0000ULL;
    if (bad)
        return 0;
    uint64_t da = (a2 - z) * 10, db = (b2 - z) * 10, de = (e2 - z) * 10;
    da += (a2 - z) >> 8;
    db += (b2 - z) >> 8;
    de += (e2 - z) >> 8;
    uint32_t year = (uint32_t)(da & 0xff) * 100 + (uint32_t)((da >> 16) & 0xff);
    uint32_t month = (uint32_t)(da >> 40) & 0xff;
    uint32_t day = (uint32_t)db & 0xff;
    uint32_t hour = (uint32_t)(db >> 24) & 0xff;
    uint32_t minute = (uint32_t)(db >> 48) & 0xff;
    uint32_t second = (uint32_t)(de >> 48) & 0xff;
    if ((year == 0) | (month - 1 > 11) | (day - 1 > 27) | (hour > 23) |
        (minute > 59) | (second > 59)) {
        if (year == 0 || month - 1 > 11 || hour > 23 || minute > 59 ||
            second > 59 || day == 0 ||
            day > (uint32_t)month_days((int32_t)year, (int32_t)month))
            return 0;
    }
    f -= z;
    f = f * 10 + (f >> 8);
    f = (((f & 0x000000FF000000FFULL) * (100 + (UINT64_C(1000000) << 32))) +
         (((f >> 16) & 0x000000FF000000FFULL) *
          (1 + (UINT64_C(10000) << 32)))) >>
        32;
    /* sv__days_from_civil in unsigned 32-bit arithmetic (y >= 0) */
    uint32_t y = year - (month < 3);
    uint32_t days = (1461 * y) / 4 - y / 100 + y / 400 + day_offset[month] +
                    day - 306;
    out->seconds = ((int64_t)days - 719163) * 86400 +
                   (int64_t)(hour * 3600 + minute * 60 + second);
    out->nanos = (int32_t)(f * 10);
    out->offset_minutes = 0;
    return 1;
}
#endif /* __SSE2__ */
#else
static int fixed_fast(const unsigned char *s, civil *c)
{
    uint32_t bad = (uint32_t)((s[4] ^ '-') | (s[7] ^ '-') |
                              ((s[10] | 0x20) ^ 't') | /* 'T' or 't' */
                              (s[13] ^ ':') | (s[16] ^ ':'));
    bad |= (DIGIT(0) > 9) | (DIGIT(1) > 9) | (DIGIT(2) > 9) | (DIGIT(3) > 9) |
           (DIGIT(5) > 9) | (DIGIT(6) > 9) | (DIGIT(8) > 9) | (DIGIT(9) > 9) |
           (DIGIT(11) > 9) | (DIGIT(12) > 9) | (DIGIT(14) > 9) |
           (DIGIT(15) > 9) | (DIGIT(17) > 9) | (DIGIT(18) > 9);
    if (bad != 0)
        return 0;
    c->year = (int32_t)(DIGIT(0) * 1000 + DIGIT(1) * 100 + DIGIT(2) * 10 +
                        DIGIT(3));
    c->month = (int32_t)(DIGIT(5) * 10 + DIGIT(6));
    c->day = (int32_t)(DIGIT(8) * 10 + DIGIT(9));
    c->hour = (int32_t)(DIGIT(11) * 10 + DIGIT(12));
    c->minute = (int32_t)(DIGIT(14) * 10 + DIGIT(15));
    c->second = (int32_t)(DIGIT(17) * 10 + DIGIT(18));
    return c->year != 0 && c->month >= 1 && c->month <= 12 && c->day >= 1 &&
           c->day <= month_days(c->year, c->month) && c->hour <= 23 &&
           c->minute <= 59 && c->second <= 59;
}
#endif

#undef DIGIT

/* A whole timestamp: 0 with *out set, or the code of the first problem
 * with *w describing it.  The parser and the explainer both call this. */
static int scan_timestamp(const unsigned char *s, size_t len,
                          sv_timestamp *out, why *w)
{
    size_t p = 19;
    civil f;
    int32_t oh, om;
    int32_t offset = 0;
    uint32_t nanos = 0;
    int after = TF_SECOND; /* the last field read before the offset */
    int r;

    /* The fixed part is 19 bytes either way; a valid timestamp has at
     * least one more (its offset). */
    if (!(len >= 20 && fixed_fast(s, &f)) && (r = scan_fixed(s, len, &f, w)))
        return r;

    if (p < len && s[p] == '.') {
        size_t start = ++p;
        size_t k;
        /* up to 9 digits in one go when the text holds them; read_run
         * for the rest (and for the error cases) */
        uint32_t d;
        while (p < len && p - start < 9 && (d = (uint32_t)(s[p] - '0')) <= 9) {
            nanos = nanos * 10 + d;
            p++;
        }
        if (p < len && p - start == 9 && (uint32_t)(s[p] - '0') <= 9) {
            uint32_t ignored;
            read_run(s, len, &p, 0, &ignored);
        }
        k = p - start;
        if (k == 0)
            return fail(w, SV_TIME_FRACTION, WHY_FRAC_NONE, TF_FRACTION,
                        start);
        if (k > 9) {
            w->count = k;
            return fail(w, SV_TIME_FRACTION, WHY_FRAC_MANY, TF_FRACTION,
                        start);
        }
        nanos *= pow10_u32[9 - k];
        after = TF_FRACTION;
    }

    if (p >= len)
        return fail(w, SV_TIME_NO_OFFSET, WHY_NO_OFFSET, after, p);
    unsigned char c = s[p];
    if (c == 'Z' || c == 'z') {
        p++;
    } else if (c == '+' || c == '-') {
        w->start = p++;
        if ((r = read_digits(s, len, &p, 2, TF_OFF_HOUR, SV_TIME_OFFSET, w,
                             &oh)))
            return r;
        if (oh > 23)
            return out_of_range(w, SV_TIME_OFFSET, TF_OFF_HOUR, p - 2, oh);
        if ((r = read_sep(s, len, &p, ':', ':', TF_OFF_HOUR, SV_TIME_OFFSET,
                          w)) ||
            (r = read_digits(s, len, &p, 2, TF_OFF_MINUTE, SV_TIME_OFFSET, w,
                             &om)))
            return r;
        if (om > 59)
            return out_of_range(w, SV_TIME_OFFSET, TF_OFF_MINUTE, p - 2, om);
        offset = oh * 60 + om;
        if (c == '-')
            offset = -offset; /* "-00:00" is 0: RFC 3339's "unknown" */
    } else {
        return fail(w, SV_TIME_SYNTAX, WHY_AFTER, after, p);
    }
    if (p != len)
        return fail(w, SV_TIME_TRAILING, WHY_TRAILING, TF_OFF_MINUTE, p);

    out->seconds = sv__days_from_civil(f.year, f.month, f.day) * 86400 +
                   f.hour * 3600 + f.minute * 60 + f.second - offset * 60;
    out->nanos = (int32_t)nanos;
    out->offset_minutes = (int16_t)offset;
    return 0;
}

/* Out of line, so that the straight path below needs no stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int parse_timestamp_slow(const unsigned char *s, size_t len,
                                sv_timestamp *out)
{
    why w;
    return scan_timestamp(s, len, out, &w);
}

/* Contract in sessval.h.  *out is written only on success.
 *
 * What the API writes (UTC, Z, 1 to 8 fraction digits) is checked by a
 * short straight path; anything else, and every error, goes to the full
 * scanner, which has the last word on every input. */
int sv_parse_timestamp(const char *s, size_t len, sv_timestamp *out)
{
    const unsigned char *u = (const unsigned char *)s;
#ifdef SV_HAVE_FRACTION8
    if (len >= 22 && len <= 29 && u[19] == '.' &&
        (u[len - 1] | 0x20) == 'z' && utc_fast(u, len, out))
        return 0;
#endif
    return parse_timestamp_slow(u, len, out);
}

/* ------------------------------------------------------------------------
 * Durations.
 *
 * [-][d.]hh:mm:ss[.f{1,7}]
 * The first run of digits is the days when a '.' follows it and the hours
 * when a ':' does: one look-ahead byte decides, as in .NET's "c" parser.
 * ------------------------------------------------------------------------ */

enum dfield {
    DF_START,     /* the first byte: '-' or a digit */
    DF_SIGN,      /* right after the '-' */
    DF_FIRST,     /* the first number, days or hours */
    DF_DAYS,
    DF_HOURS,     /* hours without days */
    DF_DAY_HOURS, /* hours after days */
    DF_MINUTES,
    DF_SECONDS,
    DF_FRACTION,
    DF_TOTAL      /* the whole value */
};

/* A duration up to its seconds. */
typedef struct span {
    int neg;
    int32_t days, hours, minutes, seconds;
} head;

/* [-][d.]hh:mm:ss one field at a time, stopping at the first problem;
 * *pos ends after the seconds.  This path finds and describes errors;
 * the usual hh:mm:ss takes head_fast instead. */
static int scan_head(const unsigned char *s, size_t len, size_t *pos,
                     head *v, why *w)
{
    size_t p = 0;
    uint32_t first;
    int hours_field = DF_HOURS;
    int r;

    if (len == 0)
        return fail(w, SV_TIME_SYNTAX, WHY_EMPTY, DF_START, 0);
    v->neg = s[0] == '-';
    p = (size_t)v->neg;
    size_t k = read_run(s, len, &p, 9, &first);
    if (k == 0) {
        if (p >= len)
            return fail(w, SV_TIME_SYNTAX, WHY_END_AFTER, DF_SIGN, p);
        return fail(w, SV_TIME_SYNTAX, WHY_DIGIT,
                    v->neg ? DF_SIGN : DF_START, p);
    }
    if (p >= len)
        return fail(w, SV_TIME_SYNTAX, WHY_END_AFTER, DF_FIRST, p);
    if (s[p] == '.') {
        w->count = k;
        if (k > 8)
            return fail(w, SV_TIME_SYNTAX, WHY_COUNT, DF_DAYS, p - k);
        /* Checked here, before the multiplication in scan_duration could
         * wrap a uint64_t (99999999 days is 8.6e19 ticks). */
        if (first > MAX_DAYS)
            return out_of_range(w, SV_TIME_RANGE, DF_DAYS, p - k,
                                (int32_t)first);
        v->days = (int32_t)first;
        p++;
        hours_field = DF_DAY_HOURS;
        if ((r = read_digits(s, len, &p, 2, DF_DAY_HOURS, SV_TIME_SYNTAX, w,
                             &v->hours)))
            return r;
    } else if (s[p] == ':') {
        if (k != 2) {
            w->count = k;
            return fail(w, SV_TIME_SYNTAX, WHY_COUNT, DF_HOURS, p - k);
        }
        v->days = 0;
        v->hours = (int32_t)first;
    } else {
        return fail(w, SV_TIME_SYNTAX, WHY_SEP, DF_FIRST, p);
    }
    if (v->hours > 23)
        return out_of_range(w, SV_TIME_HOUR, hours_field, p - 2, v->hours);
    if ((r = read_sep(s, len, &p, ':', ':', DF_HOURS, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, DF_MINUTES, SV_TIME_SYNTAX, w,
                         &v->minutes)))
        return r;
    if (v->minutes > 59)
        return out_of_range(w, SV_TIME_MINUTE, DF_MINUTES, p - 2,
                            v->minutes);
    if ((r = read_sep(s, len, &p, ':', ':', DF_MINUTES, SV_TIME_SYNTAX, w)) ||
        (r = read_digits(s, len, &p, 2, DF_SECONDS, SV_TIME_SYNTAX, w,
                         &v->seconds)))
        return r;
    if (v->seconds > 59)
        return out_of_range(w, SV_TIME_SECOND, DF_SECONDS, p - 2,
                            v->seconds);
    *pos = p;
    return 0;
}

#define DIGIT(i) ((uint32_t)(s[i] - '0')) /* > 9 unless a digit */

/* hh:mm:ss with no sign and no days, well formed and in range, as every
 * duration of the seed: 1 with *v filled, or 0 to let scan_head find the
 * problem (or read the days); never a different verdict from scan_head. */
static int head_fast(const unsigned char *s, size_t len, head *v)
{
    if (len < 8)
        return 0;
    uint32_t bad = (uint32_t)((s[2] ^ ':') | (s[5] ^ ':'));
    bad |= (DIGIT(0) > 9) | (DIGIT(1) > 9) | (DIGIT(3) > 9) |
           (DIGIT(4) > 9) | (DIGIT(6) > 9) | (DIGIT(7) > 9);
    if (bad != 0)
        return 0;
    v->neg = 0;
    v->days = 0;
    v->hours = (int32_t)(DIGIT(0) * 10 + DIGIT(1));
    v->minutes = (int32_t)(DIGIT(3) * 10 + DIGIT(4));
    v->seconds = (int32_t)(DIGIT(6) * 10 + DIGIT(7));
    return v->hours <= 23 && v->minutes <= 59 && v->seconds <= 59;
}

#undef DIGIT

/* A whole duration: 0 with *ticks set, or the code of the first problem
 * with *w describing it.  The parser and the explainer both call this. */
static int scan_duration(const unsigned char *s, size_t len, int64_t *ticks,
                         why *w)
{
    size_t p = 8;
    head v;
    uint32_t frac = 0;
    size_t k;
    int r;

    if (!head_fast(s, len, &v) && (r = scan_head(s, len, &p, &v, w)))
        return r;

    int last = DF_SECONDS;
#ifdef SV_HAVE_FRACTION8
    /* the usual shape: hh:mm:ss.fffffff (the seed's), 1 to 7 digits */
    if (p == 8 && !v.neg && v.days == 0 && len >= 10 && len <= 16 &&
        s[8] == '.') {
        int64_t f8 = fraction8(s, len, len - 9);
        if (f8 >= 0) {
            *ticks = (int64_t)v.hours * TICKS_PER_HOUR +
                     (int64_t)v.minutes * TICKS_PER_MINUTE +
                     (int64_t)v.seconds * TICKS_PER_SECOND + f8 / 10;
            return 0;
        }
    }
#endif
    if (p < len && s[p] == '.') {
        size_t start = ++p;
        k = read_run(s, len, &p, 7, &frac);
        if (k == 0)
            return fail(w, SV_TIME_FRACTION, WHY_FRAC_NONE, DF_FRACTION,
                        start);
        if (k > 7) {
            w->count = k;
            return fail(w, SV_TIME_FRACTION, WHY_FRAC_MANY, DF_FRACTION,
                        start);
        }
        frac *= pow10_u32[7 - k];
        last = DF_FRACTION;
    }
    if (p != len)
        return fail(w, SV_TIME_TRAILING, WHY_TRAILING, last, p);

    /* The magnitude, in unsigned arithmetic: it cannot wrap (days are at
     * most MAX_DAYS), and -INT64_MIN would not fit an int64_t. */
    uint64_t mag = (uint64_t)v.days * TICKS_PER_DAY +
                   (uint64_t)v.hours * TICKS_PER_HOUR +
                   (uint64_t)v.minutes * TICKS_PER_MINUTE +
                   (uint64_t)v.seconds * TICKS_PER_SECOND + frac;
    uint64_t limit = (uint64_t)INT64_MAX + (uint64_t)v.neg;
    if (mag > limit)
        return fail(w, SV_TIME_RANGE, WHY_RANGE, DF_TOTAL, 0);
    if (!v.neg)
        *ticks = (int64_t)mag;
    else if (mag == limit)
        *ticks = INT64_MIN;
    else
        *ticks = -(int64_t)mag;
    return 0;
}

/* Contract in sessval.h.  *ticks is written only on success. */
int sv_parse_duration(const char *s, size_t len, int64_t *ticks)
{
    why w;
    return scan_duration((const unsigned char *)s, len, ticks, &w);
}

/* ------------------------------------------------------------------------
 * Formatting.  Both build the text in a local buffer, then copy what fits,
 * so the snprintf contract needs no second code path.
 * ------------------------------------------------------------------------ */

/* The snprintf contract: at most n bytes with the NUL, returns len. */
static size_t emit(char *buf, size_t n, const char *text, size_t len)
{
    if (n > 0) {
        size_t m = len < n ? len : n - 1;
        memcpy(buf, text, m);
        buf[m] = '\0';
    }
    return len;
}

/* Writes v (< 10^width) as exactly `width` digits. */
static char *put_digits(char *p, uint64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* Contract in sessval.h.  "Out of range" (returns 0, writes "" when n > 0)
 * means: nanos outside 0..999999999, offset outside -1439..1439, or the
 * date to be written (local with utc == 0, UTC otherwise) outside years
 * 0001-9999 -- so a value parsed from "0001-01-01T00:00:00+01:00" has a
 * text with its offset but none in UTC. */
size_t sv_format_timestamp(const sv_timestamp *ts, int utc, char *buf,
                           size_t n)
{
    char tmp[SV_TIMESTAMP_BUFSIZE];
    char *p = tmp;
    int32_t off = ts->offset_minutes;

    /* A value no parse can produce has no text.  The seconds are bounded
     * before the offset is added so that the sum cannot overflow. */
    if (ts->nanos < 0 || ts->nanos > 999999999 || off < -1439 ||
        off > 1439 || ts->seconds < MIN_SECONDS - 86400 ||
        ts->seconds > MAX_SECONDS + 86400)
        return emit(buf, n, "", 0);
    if (utc)
        off = 0;
    /* In UTC a value near either end can fall in year 0000 or 10000
     * ("0001-01-01T00:00:00+01:00"): four digits cannot write it. */
    int64_t local = ts->seconds + off * 60;
    if (local < MIN_SECONDS || local > MAX_SECONDS)
        return emit(buf, n, "", 0);

    int64_t days = local / 86400, sod = local % 86400;
    if (sod < 0) { /* C division truncates; we want the floor */
        sod += 86400;
        days--;
    }
    int32_t y, m, d;
    civil_from_days(days, &y, &m, &d);
    p = put_digits(p, (uint64_t)y, 4);
    *p++ = '-';
    p = put_digits(p, (uint64_t)m, 2);
    *p++ = '-';
    p = put_digits(p, (uint64_t)d, 2);
    *p++ = 'T';
    p = put_digits(p, (uint64_t)(sod / 3600), 2);
    *p++ = ':';
    p = put_digits(p, (uint64_t)(sod / 60 % 60), 2);
    *p++ = ':';
    p = put_digits(p, (uint64_t)(sod % 60), 2);
    if (ts->nanos != 0) {
        *p++ = '.';
        p = put_digits(p, (uint64_t)ts->nanos, 9);
        while (p[-1] == '0') /* stops at the last non-zero digit */
            p--;
    }
    if (off == 0) {
        *p++ = 'Z';
    } else {
        *p++ = off < 0 ? '-' : '+';
        int32_t a = off < 0 ? -off : off;
        p = put_digits(p, (uint64_t)(a / 60), 2);
        *p++ = ':';
        p = put_digits(p, (uint64_t)(a % 60), 2);
    }
    return emit(buf, n, tmp, (size_t)(p - tmp));
}

/* Contract in sessval.h.  Every int64_t has a text (at most 26 bytes). */
size_t sv_format_duration(int64_t ticks, char *buf, size_t n)
{
    char tmp[SV_DURATION_BUFSIZE];
    char *p = tmp;
    /* 0 - (uint64_t)INT64_MIN is 2^63: the magnitude of every value. */
    uint64_t mag = ticks < 0 ? 0 - (uint64_t)ticks : (uint64_t)ticks;

    if (ticks < 0)
        *p++ = '-';
    uint64_t days = mag / TICKS_PER_DAY, rem = mag % TICKS_PER_DAY;
    if (days != 0) {
        char rev[8];
        int k = 0;
        do { /* at most 8 digits: 10675199 */
            rev[k++] = (char)('0' + days % 10);
            days /= 10;
        } while (days != 0);
        while (k > 0)
            *p++ = rev[--k];
        *p++ = '.';
    }
    p = put_digits(p, rem / TICKS_PER_HOUR, 2);
    *p++ = ':';
    p = put_digits(p, rem / TICKS_PER_MINUTE % 60, 2);
    *p++ = ':';
    p = put_digits(p, rem / TICKS_PER_SECOND % 60, 2);
    uint64_t frac = rem % TICKS_PER_SECOND;
    if (frac != 0) { /* .NET writes all 7 digits, trailing zeros too */
        *p++ = '.';
        p = put_digits(p, frac, 7);
    }
    return emit(buf, n, tmp, (size_t)(p - tmp));
}

/* ------------------------------------------------------------------------
 * Words.
 * ------------------------------------------------------------------------ */

/* Contract in sessval.h; "unknown time error" for a value outside the
 * enum. */
const char *sv_time_error_str(int err)
{
    /* A switch with no default: -Wswitch flags a code added to the enum
     * without its text. */
    switch ((sv_time_error)err) {
    case SV_TIME_OK:
        return "no error";
    case SV_TIME_SYNTAX:
        return "wrong character or length for the format";
    case SV_TIME_YEAR:
        return "year out of range (0001-9999)";
    case SV_TIME_MONTH:
        return "month out of range (01-12)";
    case SV_TIME_DAY:
        return "day out of range for the month";
    case SV_TIME_HOUR:
        return "hour out of range (00-23)";
    case SV_TIME_MINUTE:
        return "minute out of range (00-59)";
    case SV_TIME_SECOND:
        return "second out of range (00-59)";
    case SV_TIME_LEAP_SECOND:
        return "leap second (:60) not accepted";
    case SV_TIME_FRACTION:
        return "fraction digits missing or too many";
    case SV_TIME_OFFSET:
        return "time zone offset malformed or out of range";
    case SV_TIME_NO_OFFSET:
        return "missing time zone offset (Z or +hh:mm)";
    case SV_TIME_TRAILING:
        return "unexpected bytes after the value";
    case SV_TIME_RANGE:
        return "outside the TimeSpan range";
    }
    return "unknown time error";
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
/* snprintf into the caller's buffer; the length the text needs. */
static size_t say(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r < 0 ? 0 : (size_t)r; /* fails only on a bad format */
}

/* 'x' for printable ASCII, '\xNN' for any other byte (a NUL, a control
 * byte, part of a UTF-8 sequence). */
static const char *quote(char q[8], unsigned char c)
{
    if (c >= 0x20 && c < 0x7f) {
        q[0] = '\'';
        q[1] = (char)c;
        q[2] = '\'';
        q[3] = '\0';
    } else {
        snprintf(q, 8, "'\\x%02x'", c);
    }
    return q;
}

/* The text s[from..to) quoted byte by byte into out (room for 5 bytes). */
static const char *quote_span(char out[48], const unsigned char *s,
                              size_t from, size_t to)
{
    char q[8];
    size_t k = 0;
    out[k++] = '\'';
    for (size_t i = from; i < to; i++) {
        quote(q, s[i]);
        size_t ql = strlen(q) - 2; /* without the quotes */
        memcpy(out + k, q + 1, ql);
        k += ql;
    }
    out[k++] = '\'';
    out[k] = '\0';
    return out;
}

static const char *const month_name[13] = {
    "",     "January", "February", "March",     "April",   "May",     "June",
    "July", "August",  "September", "October", "November", "December"};

/* Per timestamp field: how messages name it.  Fields without a separator
 * after them (seconds, offset minute) never reach the NULL entries. */
static const struct tfield_text {
    const char *name;   /* in range messages: "month 13 out of range" */
    const char *part;   /* in "ends inside the ..." */
    int width;          /* digits */
    const char *range;  /* allowed values */
    const char *ends;   /* the text ends right after the field */
    const char *sep;    /* the separator that must follow */
    const char *where;  /* appended to "expected a digit at character N" */
    const char *after;  /* what may follow the seconds or fraction */
} tfield_text[] = {
    [TF_YEAR] = {"year", "year", 4, "0001-9999",
                 "ends after the year (expected '-MM')",
                 "'-' after the year", "", NULL},
    [TF_MONTH] = {"month", "month", 2, "01-12",
                  "ends after the month (expected '-DD')",
                  "'-' after the month", "", NULL},
    [TF_DAY] = {"day", "day", 2, NULL,
                "ends after the date (expected 'Thh:mm:ss')",
                "'T' between date and time", "", NULL},
    [TF_HOUR] = {"hour", "hours", 2, "00-23",
                 "ends after the hours (expected ':mm')",
                 "':' after the hours", "", NULL},
    [TF_MINUTE] = {"minute", "minutes", 2, "00-59",
                   "ends after the minutes (expected ':ss')",
                   "':' after the minutes", "", NULL},
    [TF_SECOND] = {"second", "seconds", 2, "00-59", NULL, NULL, "",
                   "'.', 'Z' or a +hh:mm offset after the seconds"},
    [TF_FRACTION] = {"fraction", "fraction", 0, NULL, NULL, NULL, "",
                     "'Z' or a +hh:mm offset after the fraction"},
    [TF_OFF_HOUR] = {"offset hour", "offset", 2, "00-23", NULL,
                     "':' between the offset hours and minutes",
                     " in the time zone offset", NULL},
    [TF_OFF_MINUTE] = {"offset minute", "offset", 2, "00-59", NULL, NULL,
                       " in the time zone offset", NULL},
};

/* Contract in sv_time.h. */
size_t sv__timestamp_explain(const char *s, size_t len, int err, char *buf,
                             size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    sv_timestamp ts;
    why w;
    char q[8], span[48];

    int r = scan_timestamp(u, len, &ts, &w);
    if (r == 0 || r != err)
        return say(buf, n, "%s", sv_time_error_str(err));
    const struct tfield_text *f = &tfield_text[w.field];
    switch (w.kind) {
    case WHY_EMPTY:
        return say(buf, n, "is empty (expected YYYY-MM-DDThh:mm:ssZ)");
    case WHY_END:
    case WHY_END_AFTER:
        if (w.field >= TF_OFF_HOUR) /* the offset is the tail of s */
            return say(buf, n,
                       "truncated time zone offset %s (expected +hh:mm)",
                       quote_span(span, u, w.start, len));
        if (w.kind == WHY_END_AFTER)
            return say(buf, n, "%s", f->ends);
        return say(buf, n, "ends %s the %s (expected %d digits)",
                   w.count ? "inside" : "before", f->part, f->width);
    case WHY_DIGIT:
        return say(buf, n, "expected a digit at character %zu%s, found %s",
                   w.pos + 1, f->where, quote(q, u[w.pos]));
    case WHY_SEP:
        return say(buf, n, "expected %s, found %s", f->sep,
                   quote(q, u[w.pos]));
    case WHY_RANGE:
        if (w.field == TF_DAY && w.month == 2) /* its length has a year */
            return say(buf, n, "day %02d out of range for February %04d",
                       (int)w.value, (int)w.year);
        if (w.field == TF_DAY)
            return say(buf, n, "day %02d out of range for %s", (int)w.value,
                       month_name[w.month]);
        return say(buf, n, "%s %0*d out of range (%s)", f->name, f->width,
                   (int)w.value, f->range);
    case WHY_LEAP:
        return say(buf, n,
                   "second 60 is a leap second, which is not accepted");
    case WHY_FRAC_NONE:
        return say(buf, n, "no digits after the decimal point");
    case WHY_FRAC_MANY:
        return say(buf, n, "fraction has %zu digits; 1 to 9 allowed",
                   w.count);
    case WHY_NO_OFFSET:
        return say(buf, n, "missing time zone offset (Z or +hh:mm)");
    case WHY_AFTER:
        return say(buf, n, "expected %s, found %s", f->after,
                   quote(q, u[w.pos]));
    default: /* WHY_TRAILING, the last kind a timestamp scan reports */
        return say(buf, n, "unexpected %s after the time zone offset",
                   quote(q, u[w.pos]));
    }
}

/* Per duration field, as above. */
static const struct dfield_text {
    const char *name;  /* in range and trailing messages */
    const char *ends;  /* the text ends right after (or inside) the field */
    const char *sep;   /* the separator that must follow */
    const char *want;  /* what "expected ... at character N" wants */
} dfield_text[] = {
    [DF_START] = {NULL, NULL, NULL, "'-' or a digit"},
    [DF_SIGN] = {NULL, "ends after the '-' (expected [d.]hh:mm:ss)", NULL,
                 "a digit"},
    [DF_FIRST] = {NULL,
                  "ends after the first number (expected '.' after days "
                  "or ':' after hours)",
                  "'.' or ':' after the first number", NULL},
    [DF_DAYS] = {"days", NULL, NULL, NULL},
    [DF_HOURS] = {"hours", "ends after the hours (expected ':mm')",
                  "':' after the hours", "a digit"},
    [DF_DAY_HOURS] = {"hours", NULL, NULL, "a digit"},
    [DF_MINUTES] = {"minutes", "ends after the minutes (expected ':ss')",
                    "':' after the minutes", "a digit"},
    [DF_SECONDS] = {"seconds", NULL, NULL, "a digit"},
    [DF_FRACTION] = {"fraction", NULL, NULL, NULL},
    [DF_TOTAL] = {NULL, NULL, NULL, NULL},
};

/* Contract in sv_time.h. */
size_t sv__duration_explain(const char *s, size_t len, int err, char *buf,
                            size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int64_t ticks;
    why w;
    char q[8];

    int r = scan_duration(u, len, &ticks, &w);
    if (r == 0 || r != err)
        return say(buf, n, "%s", sv_time_error_str(err));
    const struct dfield_text *f = &dfield_text[w.field];
    switch (w.kind) {
    case WHY_EMPTY:
        return say(buf, n, "is empty (expected [-][d.]hh:mm:ss[.fffffff])");
    case WHY_END:
        return say(buf, n, "ends %s the %s (expected 2 digits)",
                   w.count ? "inside" : "before", f->name);
    case WHY_END_AFTER:
        return say(buf, n, "%s", f->ends);
    case WHY_DIGIT:
        return say(buf, n, "expected %s at character %zu, found %s", f->want,
                   w.pos + 1, quote(q, u[w.pos]));
    case WHY_SEP:
        return say(buf, n, "expected %s, found %s", f->sep,
                   quote(q, u[w.pos]));
    case WHY_COUNT:
        if (w.field == DF_DAYS)
            return say(buf, n, "days have %zu digits; 1 to 8 allowed",
                       w.count);
        return say(buf, n, "hours have %zu digit%s; exactly 2 required",
                   w.count, w.count == 1 ? "" : "s");
    case WHY_RANGE:
        if (w.field == DF_DAYS)
            return say(buf, n, "days %d exceed the TimeSpan range",
                       (int)w.value);
        if (w.field == DF_DAY_HOURS)
            return say(buf, n, "hours must be 00-23 when days are given");
        if (w.field == DF_TOTAL)
            return say(buf, n,
                       "outside the TimeSpan range "
                       "(-10675199.02:48:05.4775808 to "
                       "10675199.02:48:05.4775807)");
        return say(buf, n, "%s %02d out of range (00-%d)", f->name,
                   (int)w.value, w.field == DF_HOURS ? 23 : 59);
    case WHY_FRAC_NONE:
        return say(buf, n, "no digits after the decimal point");
    case WHY_FRAC_MANY:
        return say(buf, n, "fraction has %zu digits; 1 to 7 allowed",
                   w.count);
    default: /* WHY_TRAILING, the last kind a duration scan reports */
        return say(buf, n, "unexpected %s after the %s", quote(q, u[w.pos]),
                   f->name);
    }
}

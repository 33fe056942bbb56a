/*
 * test_time.c - the time code: RFC 3339 timestamps and TimeSpan durations.
 *
 * Every input runs twice: on an exact-size heap copy (ASan sees a read past
 * it) and at the very end of a page followed by a PROT_NONE page
 * (picohttpparser's trick: a read past it faults in any build).  Every
 * prefix of every valid input must be rejected the same way.  Expected
 * values were computed outside C (Python's datetime) and are written out
 * literally.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#endif

#include <check.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sessval.h"
#include "sv_time.h"

Suite *sv_suite_time(void);

#define MIN_SECONDS INT64_C(-62135596800) /* 0001-01-01T00:00:00Z */
#define MAX_SECONDS INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

/* ------------------------------------------------------------------------
 * Buffers
 * ------------------------------------------------------------------------ */

static unsigned char *guard_end; /* first byte of the PROT_NONE page */
static size_t guard_room;

/* s[0..len) placed so that s + len is the first byte of a page that
 * cannot be read. */
static const char *on_guard_page(const char *s, size_t len)
{
    if (guard_end == NULL) {
        long ps = sysconf(_SC_PAGESIZE);
        ck_assert(ps > 0);
        unsigned char *m = mmap(NULL, 2 * (size_t)ps, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        ck_assert(m != MAP_FAILED);
        ck_assert_int_eq(mprotect(m + ps, (size_t)ps, PROT_NONE), 0);
        guard_end = m + ps;
        guard_room = (size_t)ps;
    }
    ck_assert(len <= guard_room);
    if (len > 0)
        memcpy(guard_end - len, s, len);
    return (const char *)(guard_end - len);
}

/* An exact-size heap copy: no NUL after it.  Free with free(). */
static char *exact_copy(const char *s, size_t len)
{
    char *h = malloc(len > 0 ? len : 1);
    ck_assert(h != NULL);
    if (len > 0)
        memcpy(h, s, len);
    return h;
}

/* Printable form of a test input for failure messages. */
static const char *shown(const char *s, size_t len)
{
    static char out[512];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 5 < sizeof out; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f)
            out[k++] = (char)c;
        else
            k += (size_t)snprintf(out + k, sizeof out - k, "\\x%02x", c);
    }
    out[k] = '\0';
    return out;
}

/* Parse on both buffers; both must give the same verdict and value. */
static int parse_ts(const char *s, size_t len, sv_timestamp *out)
{
    sv_timestamp a = {-7, -7, -7}, b = {-7, -7, -7};
    char *h = exact_copy(s, len);
    int ra = sv_parse_timestamp(h, len, &a);
    int rb = sv_parse_timestamp(on_guard_page(s, len), len, &b);
    free(h);
    ck_assert_msg(ra == rb, "%s: heap %d, guard page %d", shown(s, len), ra,
                  rb);
    if (ra == 0)
        ck_assert_msg(a.seconds == b.seconds && a.nanos == b.nanos &&
                          a.offset_minutes == b.offset_minutes,
                      "%s: values differ between buffers", shown(s, len));
    *out = a;
    return ra;
}

static int parse_du(const char *s, size_t len, int64_t *out)
{
    int64_t a = -7, b = -7;
    char *h = exact_copy(s, len);
    int ra = sv_parse_duration(h, len, &a);
    int rb = sv_parse_duration(on_guard_page(s, len), len, &b);
    free(h);
    ck_assert_msg(ra == rb, "%s: heap %d, guard page %d", shown(s, len), ra,
                  rb);
    if (ra == 0)
        ck_assert_msg(a == b, "%s: values differ", shown(s, len));
    *out = a;
    return ra;
}

/* The explanation of a rejection, computed on both buffers (the explain
 * functions re-scan the input: they must not read past it either). */
static const char *explain(int duration, const char *s, size_t len, int err)
{
    static char msg[2][256];
    char *h = exact_copy(s, len);
    const char *g = on_guard_page(s, len);
    size_t na = duration ? sv__duration_explain(h, len, err, msg[0], 256)
                         : sv__timestamp_explain(h, len, err, msg[0], 256);
    size_t nb = duration ? sv__duration_explain(g, len, err, msg[1], 256)
                         : sv__timestamp_explain(g, len, err, msg[1], 256);
    free(h);
    ck_assert_str_eq(msg[0], msg[1]);
    ck_assert_uint_eq(na, nb);
    ck_assert_uint_eq(na, strlen(msg[0]));
    ck_assert_msg(na > 0 && na < 255, "%s: message length %zu",
                  shown(s, len), na);
    return msg[0];
}

/* ------------------------------------------------------------------------
 * Timestamp cases
 * ------------------------------------------------------------------------ */

typedef struct ts_case {
    const char *text;
    size_t len;      /* sizeof - 1: embedded NULs count */
    int err;         /* 0 or the expected sv_time_error */
    int64_t seconds; /* expected value when err == 0 */
    int32_t nanos;
    int16_t offset;
} ts_case;

#define TS_OK(s, sec, ns, off) {s, sizeof(s) - 1, 0, sec, ns, off}
#define TS_BAD(s, e) {s, sizeof(s) - 1, e, 0, 0, 0}

static const ts_case ts_cases[] = {
    /* valid: the 28 timestamps of the seed */
    TS_OK("2020-02-07T12:21:04.223155Z", INT64_C(1581078064), 223155000, 0),
    TS_OK("2020-02-07T12:22:22.046855Z", INT64_C(1581078142), 46855000, 0),
    TS_OK("2020-02-07T12:21:04.212935Z", INT64_C(1581078064), 212935000, 0),
    TS_OK("2020-02-07T12:22:01.077103Z", INT64_C(1581078121), 77103000, 0),
    TS_OK("2020-02-07T10:56:03.648783Z", INT64_C(1581072963), 648783000, 0),
    TS_OK("2020-02-07T11:20:57.212294Z", INT64_C(1581074457), 212294000, 0),
    TS_OK("2020-02-07T10:56:03.635623Z", INT64_C(1581072963), 635623000, 0),
    TS_OK("2020-02-07T10:57:12.888621Z", INT64_C(1581073032), 888621000, 0),
    TS_OK("2020-02-07T10:23:35.420746Z", INT64_C(1581071015), 420746000, 0),
    TS_OK("2020-02-07T10:25:18.999327Z", INT64_C(1581071118), 999327000, 0),
    TS_OK("2020-02-07T10:23:35.3557Z", INT64_C(1581071015), 355700000, 0),
    TS_OK("2020-02-07T10:24:28.457434Z", INT64_C(1581071068), 457434000, 0),
    TS_OK("2020-02-07T09:55:10.63284Z", INT64_C(1581069310), 632840000, 0),
    TS_OK("2020-02-07T10:01:21.35541Z", INT64_C(1581069681), 355410000, 0),
    TS_OK("2020-02-07T09:55:10.627827Z", INT64_C(1581069310), 627827000, 0),
    TS_OK("2020-02-07T09:56:36.458427Z", INT64_C(1581069396), 458427000, 0),
    TS_OK("2020-02-07T08:43:30.892836Z", INT64_C(1581065010), 892836000, 0),
    TS_OK("2020-02-07T08:44:41.08057Z", INT64_C(1581065081), 80570000, 0),
    TS_OK("2020-02-07T08:07:02.906363Z", INT64_C(1581062822), 906363000, 0),
    TS_OK("2020-02-07T08:23:28.858646Z", INT64_C(1581063808), 858646000, 0),
    TS_OK("2020-02-07T08:07:02.854986Z", INT64_C(1581062822), 854986000, 0),
    TS_OK("2020-02-07T08:08:11.547434Z", INT64_C(1581062891), 547434000, 0),
    TS_OK("2020-02-07T08:04:29.825504Z", INT64_C(1581062669), 825504000, 0),
    TS_OK("2020-02-07T08:05:05.293101Z", INT64_C(1581062705), 293101000, 0),
    TS_OK("2020-02-06T19:11:10.679602Z", INT64_C(1581016270), 679602000, 0),
    TS_OK("2020-02-06T19:11:13.561972Z", INT64_C(1581016273), 561972000, 0),
    TS_OK("2020-02-06T19:10:16.284158Z", INT64_C(1581016216), 284158000, 0),
    TS_OK("2020-02-06T19:10:19.6246Z", INT64_C(1581016219), 624600000, 0),
    /* valid */
    TS_OK("1970-01-01T00:00:00Z", INT64_C(0), 0, 0),
    TS_OK("1969-12-31T23:59:59Z", INT64_C(-1), 0, 0),
    TS_OK("0001-01-01T00:00:00Z", INT64_C(-62135596800), 0, 0),
    TS_OK("9999-12-31T23:59:59Z", INT64_C(253402300799), 0, 0),
    TS_OK("9999-12-31T23:59:59.999999999Z", INT64_C(253402300799), 999999999, 0),
    TS_OK("0001-01-01T00:00:00+23:59", INT64_C(-62135683140), 0, 1439),
    TS_OK("0001-01-01T00:00:00-23:59", INT64_C(-62135510460), 0, -1439),
    TS_OK("9999-12-31T23:59:59-23:59", INT64_C(253402387139), 0, -1439),
    TS_OK("9999-12-31T23:59:59+23:59", INT64_C(253402214459), 0, 1439),
    TS_OK("2000-02-29T00:00:00Z", INT64_C(951782400), 0, 0),
    TS_OK("2024-02-29T12:00:00Z", INT64_C(1709208000), 0, 0),
    TS_OK("1600-02-29T00:00:00Z", INT64_C(-11670998400), 0, 0),
    TS_OK("2400-02-29T23:59:59Z", INT64_C(13574649599), 0, 0),
    TS_OK("2023-02-28T23:59:59Z", INT64_C(1677628799), 0, 0),
    TS_OK("1900-02-28T00:00:00Z", INT64_C(-2203977600), 0, 0),
    TS_OK("2100-02-28T00:00:00Z", INT64_C(4107456000), 0, 0),
    TS_OK("2023-01-31T00:00:00Z", INT64_C(1675123200), 0, 0),
    TS_OK("2023-03-31T00:00:00Z", INT64_C(1680220800), 0, 0),
    TS_OK("2023-04-30T00:00:00Z", INT64_C(1682812800), 0, 0),
    TS_OK("2023-05-31T00:00:00Z", INT64_C(1685491200), 0, 0),
    TS_OK("2023-06-30T00:00:00Z", INT64_C(1688083200), 0, 0),
    TS_OK("2023-07-31T00:00:00Z", INT64_C(1690761600), 0, 0),
    TS_OK("2023-08-31T00:00:00Z", INT64_C(1693440000), 0, 0),
    TS_OK("2023-09-30T00:00:00Z", INT64_C(1696032000), 0, 0),
    TS_OK("2023-10-31T00:00:00Z", INT64_C(1698710400), 0, 0),
    TS_OK("2023-11-30T00:00:00Z", INT64_C(1701302400), 0, 0),
    TS_OK("2023-12-31T00:00:00Z", INT64_C(1703980800), 0, 0),
    TS_OK("2024-01-01T00:00:00z", INT64_C(1704067200), 0, 0),
    TS_OK("2024-01-01t00:00:00Z", INT64_C(1704067200), 0, 0),
    TS_OK("2024-01-01t00:00:00z", INT64_C(1704067200), 0, 0),
    TS_OK("2024-01-01t00:00:00+01:00", INT64_C(1704063600), 0, 60),
    TS_OK("2024-06-15T12:34:56.1Z", INT64_C(1718454896), 100000000, 0),
    TS_OK("2024-06-15T12:34:56.12Z", INT64_C(1718454896), 120000000, 0),
    TS_OK("2024-06-15T12:34:56.123Z", INT64_C(1718454896), 123000000, 0),
    TS_OK("2024-06-15T12:34:56.1234Z", INT64_C(1718454896), 123400000, 0),
    TS_OK("2024-06-15T12:34:56.12345Z", INT64_C(1718454896), 123450000, 0),
    TS_OK("2024-06-15T12:34:56.123456Z", INT64_C(1718454896), 123456000, 0),
    TS_OK("2024-06-15T12:34:56.1234567Z", INT64_C(1718454896), 123456700, 0),
    TS_OK("2024-06-15T12:34:56.12345678Z", INT64_C(1718454896), 123456780, 0),
    TS_OK("2024-06-15T12:34:56.123456789Z", INT64_C(1718454896), 123456789, 0),
    TS_OK("2024-06-15T12:34:56.000000001Z", INT64_C(1718454896), 1, 0),
    TS_OK("2024-06-15T12:34:56.0Z", INT64_C(1718454896), 0, 0),
    TS_OK("2024-06-15T12:34:56.000000000Z", INT64_C(1718454896), 0, 0),
    TS_OK("2024-06-15T12:34:56.9999999Z", INT64_C(1718454896), 999999900, 0),
    TS_OK("2024-06-15T12:34:56.5+05:30", INT64_C(1718435096), 500000000, 330),
    TS_OK("2024-06-15T12:34:56+00:00", INT64_C(1718454896), 0, 0),
    TS_OK("2024-06-15T12:34:56-00:00", INT64_C(1718454896), 0, 0),
    TS_OK("2024-06-15T12:34:56+05:30", INT64_C(1718435096), 0, 330),
    TS_OK("2024-06-15T12:34:56-05:30", INT64_C(1718474696), 0, -330),
    TS_OK("2024-06-15T12:34:56+23:59", INT64_C(1718368556), 0, 1439),
    TS_OK("2024-06-15T12:34:56-23:59", INT64_C(1718541236), 0, -1439),
    TS_OK("2024-06-15T12:34:56+14:00", INT64_C(1718404496), 0, 840),
    TS_OK("2024-06-15T12:34:56-12:00", INT64_C(1718498096), 0, -720),
    TS_OK("2024-06-15T12:34:56+00:01", INT64_C(1718454836), 0, 1),
    TS_OK("2024-06-15T12:34:56-00:01", INT64_C(1718454956), 0, -1),
    TS_OK("2024-06-15T12:34:56+09:45", INT64_C(1718419796), 0, 585),
    TS_OK("2024-06-15T23:59:59Z", INT64_C(1718495999), 0, 0),
    TS_OK("2024-06-15T00:00:00Z", INT64_C(1718409600), 0, 0),
    TS_OK("2024-06-15T00:59:00Z", INT64_C(1718413140), 0, 0),
    TS_OK("2024-06-15T00:00:59Z", INT64_C(1718409659), 0, 0),
    TS_OK("2024-06-15T10:00:00Z", INT64_C(1718445600), 0, 0),
    TS_OK("2024-06-15T19:00:00Z", INT64_C(1718478000), 0, 0),
    TS_OK("2024-06-15T20:09:00Z", INT64_C(1718482140), 0, 0),
    TS_OK("2038-01-19T03:14:07Z", INT64_C(2147483647), 0, 0),
    TS_OK("2038-01-19T03:14:08Z", INT64_C(2147483648), 0, 0),
    TS_OK("1582-10-04T00:00:00Z", INT64_C(-12220243200), 0, 0),
    TS_OK("1582-10-15T00:00:00Z", INT64_C(-12219292800), 0, 0),
    TS_OK("2000-12-31T23:59:59Z", INT64_C(978307199), 0, 0),
    TS_OK("2001-01-01T00:00:00Z", INT64_C(978307200), 0, 0),
    TS_OK("1969-12-31T23:59:59.999999999Z", INT64_C(-1), 999999999, 0),
    TS_OK("1970-01-01T05:30:00+05:30", INT64_C(0), 0, 330),
    /* rejected: SV_TIME_SYNTAX */
    TS_BAD("", SV_TIME_SYNTAX),
    TS_BAD("2", SV_TIME_SYNTAX),
    TS_BAD("202", SV_TIME_SYNTAX),
    TS_BAD("2024", SV_TIME_SYNTAX),
    TS_BAD("2024-", SV_TIME_SYNTAX),
    TS_BAD("2024-0", SV_TIME_SYNTAX),
    TS_BAD("2024-01", SV_TIME_SYNTAX),
    TS_BAD("2024-01-", SV_TIME_SYNTAX),
    TS_BAD("2024-01-0", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T1", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:3", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:5", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01 12:34:56Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01X12:34:56Z", SV_TIME_SYNTAX),
    TS_BAD("2024/01/01T12:34:56Z", SV_TIME_SYNTAX),
    TS_BAD("24-01-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("+2024-01-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-1-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-1T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T1:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:5Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12.34:56Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34.56Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:56\303\227", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:56,5Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:56 Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01\000-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T12:34:56UTC", SV_TIME_SYNTAX),
    TS_BAD(" 2024-01-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T00:00:00.5x", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T00:00:00.5 +01:00", SV_TIME_SYNTAX),
    TS_BAD("20x4-01-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-0a-01T00:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01t0:00:00Z", SV_TIME_SYNTAX),
    TS_BAD("\000", SV_TIME_SYNTAX),
    TS_BAD("2024-01-01T00:00:00\000", SV_TIME_SYNTAX),
    /* rejected: SV_TIME_YEAR */
    TS_BAD("0000-01-01T00:00:00Z", SV_TIME_YEAR),
    TS_BAD("0000-13-45T99:99:99Z", SV_TIME_YEAR),
    TS_BAD("0000", SV_TIME_YEAR),
    /* rejected: SV_TIME_MONTH */
    TS_BAD("2024-00-01T00:00:00Z", SV_TIME_MONTH),
    TS_BAD("2024-13-01T00:00:00Z", SV_TIME_MONTH),
    TS_BAD("2024-99-01T00:00:00Z", SV_TIME_MONTH),
    TS_BAD("2024-13-45T00:00:00Z", SV_TIME_MONTH),
    TS_BAD("2024-13", SV_TIME_MONTH),
    /* rejected: SV_TIME_DAY */
    TS_BAD("2024-01-00T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2024-01-32T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2023-02-29T00:00:00Z", SV_TIME_DAY),
    TS_BAD("1900-02-29T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2100-02-29T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2024-02-30T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2000-02-30T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2023-04-31T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2023-06-31T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2023-09-31T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2023-11-31T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2024-12-32T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2024-01-99T00:00:00Z", SV_TIME_DAY),
    TS_BAD("2024-02-30", SV_TIME_DAY),
    /* rejected: SV_TIME_HOUR */
    TS_BAD("2024-01-01T24:00:00Z", SV_TIME_HOUR),
    TS_BAD("2024-01-01T25:00:00Z", SV_TIME_HOUR),
    TS_BAD("2024-01-01T99:00:00Z", SV_TIME_HOUR),
    TS_BAD("2024-01-01T24:00:00", SV_TIME_HOUR),
    /* rejected: SV_TIME_MINUTE */
    TS_BAD("2024-01-01T12:60:00Z", SV_TIME_MINUTE),
    TS_BAD("2024-01-01T12:99:00Z", SV_TIME_MINUTE),
    /* rejected: SV_TIME_LEAP_SECOND */
    TS_BAD("2024-01-01T12:34:60Z", SV_TIME_LEAP_SECOND),
    TS_BAD("2016-12-31T23:59:60Z", SV_TIME_LEAP_SECOND),
    TS_BAD("2016-12-31T23:59:60.5Z", SV_TIME_LEAP_SECOND),
    /* rejected: SV_TIME_SECOND */
    TS_BAD("2024-01-01T12:34:61Z", SV_TIME_SECOND),
    TS_BAD("2024-01-01T12:34:99Z", SV_TIME_SECOND),
    /* rejected: SV_TIME_FRACTION */
    TS_BAD("2024-01-01T12:34:56.Z", SV_TIME_FRACTION),
    TS_BAD("2024-01-01T12:34:56.", SV_TIME_FRACTION),
    TS_BAD("2024-01-01T12:34:56.1234567890Z", SV_TIME_FRACTION),
    TS_BAD("2024-01-01T12:34:56.12345678901234567890Z", SV_TIME_FRACTION),
    TS_BAD("2024-01-01T12:34:56.+01:00", SV_TIME_FRACTION),
    TS_BAD("2024-01-01T12:34:56.0000000000Z", SV_TIME_FRACTION),
    /* rejected: SV_TIME_OFFSET */
    TS_BAD("2024-01-01T12:34:56+24:00", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56-24:00", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+05:60", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+01:0", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+01:", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+01", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+0", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56-", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+0100", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+1:00", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+ab:cd", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+01-00", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+99:99", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56+01:5x", SV_TIME_OFFSET),
    TS_BAD("2024-01-01T12:34:56.5-00:9", SV_TIME_OFFSET),
    /* rejected: SV_TIME_NO_OFFSET */
    TS_BAD("2024-01-01T00:00:00", SV_TIME_NO_OFFSET),
    TS_BAD("2024-01-01T00:00:00.123456", SV_TIME_NO_OFFSET),
    TS_BAD("2020-06-19T04:00:05.901095", SV_TIME_NO_OFFSET),
    /* rejected: SV_TIME_TRAILING */
    TS_BAD("2024-01-01T12:34:56Zx", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56Z ", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56+01:00x", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56+01:00:00", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56Z\000", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56zz", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56Z\012", SV_TIME_TRAILING),
    TS_BAD("2024-01-01T12:34:56.5Z\"", SV_TIME_TRAILING),
};

#define N_TS_CASES ((int)(sizeof ts_cases / sizeof ts_cases[0]))

static void check_ts_round_trip(const sv_timestamp *v, const char *what)
{
    char buf[SV_TIMESTAMP_BUFSIZE];
    sv_timestamp back;

    /* With its own offset: the identical value comes back. */
    size_t n = sv_format_timestamp(v, 0, buf, sizeof buf);
    ck_assert_msg(n > 0 && n < sizeof buf, "%s: format gave %zu", what, n);
    ck_assert_uint_eq(n, strlen(buf));
    ck_assert_msg(parse_ts(buf, n, &back) == 0, "%s: '%s' does not parse",
                  what, buf);
    ck_assert_msg(back.seconds == v->seconds && back.nanos == v->nanos &&
                      back.offset_minutes == v->offset_minutes,
                  "%s: '%s' parses to %" PRId64 ".%09d%+d", what, buf,
                  back.seconds, (int)back.nanos, (int)back.offset_minutes);

    /* In UTC: the same instant with offset 0, or nothing when the UTC
     * date leaves years 0001-9999. */
    n = sv_format_timestamp(v, 1, buf, sizeof buf);
    if (v->seconds < MIN_SECONDS || v->seconds > MAX_SECONDS) {
        ck_assert_msg(n == 0 && buf[0] == '\0', "%s: utc format of an "
                      "unwritable instant gave '%s'", what, buf);
        return;
    }
    ck_assert_msg(n > 0 && buf[n - 1] == 'Z', "%s: utc gave '%s'", what,
                  buf);
    ck_assert_msg(parse_ts(buf, n, &back) == 0, "%s: '%s' does not parse",
                  what, buf);
    ck_assert_msg(back.seconds == v->seconds && back.nanos == v->nanos &&
                      back.offset_minutes == 0,
                  "%s: utc '%s' parses to %" PRId64, what, buf,
                  back.seconds);
}

START_TEST(test_timestamp_case)
{
    const ts_case *c = &ts_cases[_i];
    const char *name = shown(c->text, c->len);
    char what[600];
    snprintf(what, sizeof what, "timestamp case %d '%s'", _i, name);
    sv_timestamp v;

    int err = parse_ts(c->text, c->len, &v);
    ck_assert_msg(err == c->err, "%s: returned %d (%s), expected %d (%s)",
                  what, err, sv_time_error_str(err), c->err,
                  sv_time_error_str(c->err));
    if (err != 0) {
        explain(0, c->text, c->len, err);
        return;
    }
    ck_assert_msg(v.seconds == c->seconds && v.nanos == c->nanos &&
                      v.offset_minutes == c->offset,
                  "%s: got %" PRId64 " s %d ns %+d min, expected %" PRId64
                  " s %d ns %+d min",
                  what, v.seconds, (int)v.nanos, (int)v.offset_minutes,
                  c->seconds, (int)c->nanos, (int)c->offset);
    check_ts_round_trip(&v, what);

    /* Every proper prefix is an incomplete timestamp. */
    for (size_t k = 0; k < c->len; k++) {
        sv_timestamp p;
        int e = parse_ts(c->text, k, &p);
        ck_assert_msg(e != 0, "%s: prefix of %zu bytes accepted", what, k);
        explain(0, c->text, k, e);
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Duration cases
 * ------------------------------------------------------------------------ */

typedef struct du_case {
    const char *text;
    size_t len;
    int err;
    int64_t ticks;
} du_case;

#define DU_OK(s, t) {s, sizeof(s) - 1, 0, t}
#define DU_BAD(s, e) {s, sizeof(s) - 1, e, 0}

static const du_case du_cases[] = {
    /* valid: the 14 durations of the seed */
    DU_OK("00:01:17.8237000", INT64_C(778237000)),
    DU_OK("00:00:56.8641680", INT64_C(568641680)),
    DU_OK("00:24:53.5635110", INT64_C(14935635110)),
    DU_OK("00:01:09.2529980", INT64_C(692529980)),
    DU_OK("00:01:43.5785810", INT64_C(1035785810)),
    DU_OK("00:00:53.1017340", INT64_C(531017340)),
    DU_OK("00:06:10.7225700", INT64_C(3707225700)),
    DU_OK("00:01:25.8306000", INT64_C(858306000)),
    DU_OK("00:01:10.1877340", INT64_C(701877340)),
    DU_OK("00:16:25.9522830", INT64_C(9859522830)),
    DU_OK("00:01:08.6924480", INT64_C(686924480)),
    DU_OK("00:00:35.4675970", INT64_C(354675970)),
    DU_OK("00:00:02.8823700", INT64_C(28823700)),
    DU_OK("00:00:03.3404420", INT64_C(33404420)),
    /* valid */
    DU_OK("00:00:00", INT64_C(0)),
    DU_OK("-00:00:00", INT64_C(0)),
    DU_OK("00:00:00.0000001", INT64_C(1)),
    DU_OK("-00:00:00.0000001", INT64_C(-1)),
    DU_OK("00:00:01", INT64_C(10000000)),
    DU_OK("00:01:00", INT64_C(600000000)),
    DU_OK("01:00:00", INT64_C(36000000000)),
    DU_OK("23:59:59.9999999", INT64_C(863999999999)),
    DU_OK("1.00:00:00", INT64_C(864000000000)),
    DU_OK("-1.00:00:00", INT64_C(-864000000000)),
    DU_OK("0.00:00:00", INT64_C(0)),
    DU_OK("00000001.00:00:00", INT64_C(864000000000)),
    DU_OK("99.23:59:59", INT64_C(86399990000000)),
    DU_OK("10675199.02:48:05.4775807", INT64_C(9223372036854775807)),
    DU_OK("-10675199.02:48:05.4775808", INT64_MIN),
    DU_OK("-10675199.02:48:05.4775807", INT64_C(-9223372036854775807)),
    DU_OK("10675199.02:48:05.4775806", INT64_C(9223372036854775806)),
    DU_OK("10675199.00:00:00", INT64_C(9223371936000000000)),
    DU_OK("-10675199.02:48:05", INT64_C(-9223372036850000000)),
    DU_OK("10675199.02:48:05", INT64_C(9223372036850000000)),
    DU_OK("00:00:00.1", INT64_C(1000000)),
    DU_OK("00:00:00.12", INT64_C(1200000)),
    DU_OK("00:00:00.123", INT64_C(1230000)),
    DU_OK("00:00:00.1234", INT64_C(1234000)),
    DU_OK("00:00:00.12345", INT64_C(1234500)),
    DU_OK("00:00:00.123456", INT64_C(1234560)),
    DU_OK("00:00:00.1234567", INT64_C(1234567)),
    DU_OK("00:00:00.0000000", INT64_C(0)),
    DU_OK("00:00:00.5", INT64_C(5000000)),
    DU_OK("1.12:24:02", INT64_C(1310420000000)),
    DU_OK("00:00:59", INT64_C(590000000)),
    DU_OK("00:59:00", INT64_C(35400000000)),
    DU_OK("23:00:00", INT64_C(828000000000)),
    DU_OK("-23:59:59.9999999", INT64_C(-863999999999)),
    DU_OK("365.00:00:00", INT64_C(315360000000000)),
    DU_OK("-0.00:00:00.0000001", INT64_C(-1)),
    /* rejected: SV_TIME_RANGE */
    DU_BAD("10675199.02:48:05.4775808", SV_TIME_RANGE),
    DU_BAD("-10675199.02:48:05.4775809", SV_TIME_RANGE),
    DU_BAD("10675200.00:00:00", SV_TIME_RANGE),
    DU_BAD("99999999.23:59:59.9999999", SV_TIME_RANGE),
    DU_BAD("-10675200.00:00:00", SV_TIME_RANGE),
    DU_BAD("10675199.02:48:06", SV_TIME_RANGE),
    DU_BAD("10675199.03:00:00", SV_TIME_RANGE),
    DU_BAD("10675199.23:59:59.9999999", SV_TIME_RANGE),
    DU_BAD("12345678.00:00:00", SV_TIME_RANGE),
    DU_BAD("10675200.99:99:99", SV_TIME_RANGE),
    /* rejected: SV_TIME_HOUR */
    DU_BAD("24:00:00", SV_TIME_HOUR),
    DU_BAD("99:00:00", SV_TIME_HOUR),
    DU_BAD("1.24:00:00", SV_TIME_HOUR),
    DU_BAD("-1.24:00:00", SV_TIME_HOUR),
    /* rejected: SV_TIME_MINUTE */
    DU_BAD("00:60:00", SV_TIME_MINUTE),
    DU_BAD("1.00:99:00", SV_TIME_MINUTE),
    /* rejected: SV_TIME_SECOND */
    DU_BAD("00:00:60", SV_TIME_SECOND),
    DU_BAD("00:00:99", SV_TIME_SECOND),
    /* rejected: SV_TIME_FRACTION */
    DU_BAD("00:00:00.", SV_TIME_FRACTION),
    DU_BAD("00:00:00.12345678", SV_TIME_FRACTION),
    DU_BAD("00:00:00.123456789", SV_TIME_FRACTION),
    DU_BAD("00:00:00.x", SV_TIME_FRACTION),
    /* rejected: SV_TIME_TRAILING */
    DU_BAD("00:00:00 ", SV_TIME_TRAILING),
    DU_BAD("00:00:00Z", SV_TIME_TRAILING),
    DU_BAD("00:00:00.1234567x", SV_TIME_TRAILING),
    DU_BAD("00:00:00\000", SV_TIME_TRAILING),
    DU_BAD("00:00:00:00", SV_TIME_TRAILING),
    DU_BAD("00:00:00.1-", SV_TIME_TRAILING),
    /* rejected: SV_TIME_SYNTAX */
    DU_BAD("", SV_TIME_SYNTAX),
    DU_BAD("-", SV_TIME_SYNTAX),
    DU_BAD("--00:00:00", SV_TIME_SYNTAX),
    DU_BAD("+00:00:00", SV_TIME_SYNTAX),
    DU_BAD(" 00:00:00", SV_TIME_SYNTAX),
    DU_BAD("0:00:00", SV_TIME_SYNTAX),
    DU_BAD("000:00:00", SV_TIME_SYNTAX),
    DU_BAD("00:0:00", SV_TIME_SYNTAX),
    DU_BAD("00:00:0", SV_TIME_SYNTAX),
    DU_BAD("00:00", SV_TIME_SYNTAX),
    DU_BAD("00", SV_TIME_SYNTAX),
    DU_BAD("1.", SV_TIME_SYNTAX),
    DU_BAD("1.0", SV_TIME_SYNTAX),
    DU_BAD("1.00", SV_TIME_SYNTAX),
    DU_BAD("1.00:", SV_TIME_SYNTAX),
    DU_BAD("1.00:00", SV_TIME_SYNTAX),
    DU_BAD("1.00:00:", SV_TIME_SYNTAX),
    DU_BAD("1.00:00:0", SV_TIME_SYNTAX),
    DU_BAD("123456789.00:00:00", SV_TIME_SYNTAX),
    DU_BAD("1:02:03:04", SV_TIME_SYNTAX),
    DU_BAD("00-00-00", SV_TIME_SYNTAX),
    DU_BAD("00:00.00", SV_TIME_SYNTAX),
    DU_BAD("1.00.00:00", SV_TIME_SYNTAX),
    DU_BAD("P1D", SV_TIME_SYNTAX),
    DU_BAD("00h00m", SV_TIME_SYNTAX),
    DU_BAD("1,00:00:00", SV_TIME_SYNTAX),
    DU_BAD("1 00:00:00", SV_TIME_SYNTAX),
    DU_BAD("00:0\000:00", SV_TIME_SYNTAX),
    DU_BAD("77823", SV_TIME_SYNTAX),
    DU_BAD("1.-00:00:00", SV_TIME_SYNTAX),
    DU_BAD("-x", SV_TIME_SYNTAX),
    DU_BAD("00:", SV_TIME_SYNTAX),
    DU_BAD("00:00:", SV_TIME_SYNTAX),
    DU_BAD("0000000000000000001.00:00:00", SV_TIME_SYNTAX),
};

#define N_DU_CASES ((int)(sizeof du_cases / sizeof du_cases[0]))

static void check_du_round_trip(int64_t t, const char *what)
{
    char buf[SV_DURATION_BUFSIZE];
    int64_t back = 0;
    size_t n = sv_format_duration(t, buf, sizeof buf);
    ck_assert_msg(n > 0 && n < sizeof buf && n == strlen(buf),
                  "%s: format gave %zu", what, n);
    ck_assert_msg(parse_du(buf, n, &back) == 0, "%s: '%s' does not parse",
                  what, buf);
    ck_assert_msg(back == t, "%s: '%s' parses to %" PRId64 ", not %" PRId64,
                  what, buf, back, t);
}

START_TEST(test_duration_case)
{
    const du_case *c = &du_cases[_i];
    char what[600];
    snprintf(what, sizeof what, "duration case %d '%s'", _i,
             shown(c->text, c->len));
    int64_t t;

    int err = parse_du(c->text, c->len, &t);
    ck_assert_msg(err == c->err, "%s: returned %d (%s), expected %d (%s)",
                  what, err, sv_time_error_str(err), c->err,
                  sv_time_error_str(c->err));
    if (err != 0) {
        explain(1, c->text, c->len, err);
        return;
    }
    ck_assert_msg(t == c->ticks, "%s: got %" PRId64 ", expected %" PRId64,
                  what, t, c->ticks);
    check_du_round_trip(t, what);

    /* Where the fraction's '.' is, if there is one: the only proper
     * prefixes the grammar allows end there (no fraction) or inside the
     * fraction.  Every other prefix must be rejected. */
    size_t dot = 0;
    for (size_t k = c->len; k > 0; k--)
        if (c->text[k - 1] == ':') {
            dot = k + 2 < c->len && c->text[k + 2] == '.' ? k + 2 : 0;
            break;
        }
    for (size_t k = 0; k < c->len; k++) {
        int64_t p;
        int e = parse_du(c->text, k, &p);
        if (e == 0) {
            ck_assert_msg(dot != 0 && (k == dot || k >= dot + 2),
                          "%s: prefix of %zu bytes accepted", what, k);
            check_du_round_trip(p, what);
        } else {
            ck_assert_msg(dot == 0 || (k != dot && k < dot + 2),
                          "%s: prefix of %zu bytes rejected (%d)", what, k,
                          e);
            explain(1, c->text, k, e);
        }
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------------ */

typedef struct fmt_case {
    sv_timestamp v;
    const char *local; /* expected with utc == 0; "" = rejected */
    const char *utc;   /* expected with utc != 0 */
} fmt_case;

static const fmt_case fmt_cases[] = {
    {{1581078064, 223155000, 0}, "2020-02-07T12:21:04.223155Z",
     "2020-02-07T12:21:04.223155Z"},
    {{0, 0, 330}, "1970-01-01T05:30:00+05:30", "1970-01-01T00:00:00Z"},
    {{0, 0, -330}, "1969-12-31T18:30:00-05:30", "1970-01-01T00:00:00Z"},
    {{-1, 999999999, 0}, "1969-12-31T23:59:59.999999999Z",
     "1969-12-31T23:59:59.999999999Z"},
    {{0, 100000000, 1439}, "1970-01-01T23:59:00.1+23:59",
     "1970-01-01T00:00:00.1Z"},
    {{0, 1, -1439}, "1969-12-31T00:01:00.000000001-23:59",
     "1970-01-01T00:00:00.000000001Z"},
    {{0, 120000000, 0}, "1970-01-01T00:00:00.12Z", "1970-01-01T00:00:00.12Z"},
    {{MIN_SECONDS, 0, 0}, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
    {{MAX_SECONDS, 999999999, 0}, "9999-12-31T23:59:59.999999999Z",
     "9999-12-31T23:59:59.999999999Z"},
    {{MIN_SECONDS - 60, 0, 1}, "0001-01-01T00:00:00+00:01", ""},
    {{MAX_SECONDS + 60, 0, -1}, "9999-12-31T23:59:59-00:01", ""},
    {{951782400, 0, 0}, "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"},
    {{-2203977600, 0, 0}, "1900-02-28T00:00:00Z", "1900-02-28T00:00:00Z"},
    {{-2203891200, 0, 0}, "1900-03-01T00:00:00Z", "1900-03-01T00:00:00Z"},
    /* values no parse produces: no text */
    {{0, -1, 0}, "", ""},
    {{0, 1000000000, 0}, "", ""},
    {{0, 0, 1440}, "", ""},
    {{0, 0, -1440}, "", ""},
    {{INT64_MAX, 0, 0}, "", ""},
    {{INT64_MIN, 0, 0}, "", ""},
    {{MAX_SECONDS + 1, 0, 0}, "", ""},
    {{MIN_SECONDS - 1, 0, 0}, "", ""},
    {{MAX_SECONDS, 0, 1}, "", "9999-12-31T23:59:59Z"},
    {{MIN_SECONDS, 0, -1}, "", "0001-01-01T00:00:00Z"},
    {{MAX_SECONDS + 86400 + 1, 0, -1439}, "", ""},
    {{MIN_SECONDS - 86400 - 1, 0, 1439}, "", ""},
};

START_TEST(test_format_timestamp)
{
    for (size_t i = 0; i < sizeof fmt_cases / sizeof fmt_cases[0]; i++) {
        const fmt_case *c = &fmt_cases[i];
        char buf[SV_TIMESTAMP_BUFSIZE];
        memset(buf, 'x', sizeof buf);
        size_t n = sv_format_timestamp(&c->v, 0, buf, sizeof buf);
        ck_assert_msg(strcmp(buf, c->local) == 0 && n == strlen(c->local),
                      "case %zu: local '%s' (%zu), expected '%s'", i, buf, n,
                      c->local);
        n = sv_format_timestamp(&c->v, 1, buf, sizeof buf);
        ck_assert_msg(strcmp(buf, c->utc) == 0 && n == strlen(c->utc),
                      "case %zu: utc '%s' (%zu), expected '%s'", i, buf, n,
                      c->utc);
    }
}
END_TEST

START_TEST(test_format_timestamp_contract)
{
    const sv_timestamp v = {MAX_SECONDS - 86400 * 2, 999999999, -1439};
    const char *full = "9999-12-29T00:00:59.999999999-23:59";
    char buf[SV_TIMESTAMP_BUFSIZE];
    size_t len = strlen(full);

    /* The longest text there is fits SV_TIMESTAMP_BUFSIZE. */
    ck_assert_uint_eq(sv_format_timestamp(&v, 0, NULL, 0), len);
    ck_assert_uint_lt(len, SV_TIMESTAMP_BUFSIZE);
    for (size_t n = 1; n <= len + 1; n++) {
        memset(buf, 'x', sizeof buf);
        ck_assert_uint_eq(sv_format_timestamp(&v, 0, buf, n), len);
        ck_assert_uint_eq(strlen(buf), n - 1);
        ck_assert_int_eq(memcmp(buf, full, n - 1), 0);
        ck_assert_int_eq(buf[n], 'x'); /* nothing written past n */
    }
    /* n == 0 writes nothing at all. */
    memset(buf, 'x', sizeof buf);
    ck_assert_uint_eq(sv_format_timestamp(&v, 0, buf, 0), len);
    ck_assert_int_eq(buf[0], 'x');
}
END_TEST

static const struct {
    int64_t ticks;
    const char *text;
} du_fmt_cases[] = {
    {0, "00:00:00"},
    {1, "00:00:00.0000001"},
    {-1, "-00:00:00.0000001"},
    {10000000, "00:00:01"},
    {-36000000000, "-01:00:00"},
    {864000000000, "1.00:00:00"},
    {8640000000000, "10.00:00:00"},
    {778237000, "00:01:17.8237000"},
    {1310420000000, "1.12:24:02"}, /* new TimeSpan(1,12,23,62) in .NET docs */
    {863999999999, "23:59:59.9999999"},
    {864000000001, "1.00:00:00.0000001"},
    {INT64_MAX, "10675199.02:48:05.4775807"},
    {INT64_MIN, "-10675199.02:48:05.4775808"},
    {INT64_MIN + 1, "-10675199.02:48:05.4775807"},
};

START_TEST(test_format_duration)
{
    for (size_t i = 0; i < sizeof du_fmt_cases / sizeof du_fmt_cases[0];
         i++) {
        char buf[SV_DURATION_BUFSIZE];
        size_t n = sv_format_duration(du_fmt_cases[i].ticks, buf, sizeof buf);
        ck_assert_str_eq(buf, du_fmt_cases[i].text);
        ck_assert_uint_eq(n, strlen(du_fmt_cases[i].text));
    }
    /* snprintf contract on the longest text. */
    const char *full = "-10675199.02:48:05.4775808";
    size_t len = strlen(full);
    char buf[SV_DURATION_BUFSIZE];
    ck_assert_uint_lt(len, SV_DURATION_BUFSIZE);
    ck_assert_uint_eq(sv_format_duration(INT64_MIN, NULL, 0), len);
    for (size_t n = 1; n <= len + 1; n++) {
        memset(buf, 'x', sizeof buf);
        ck_assert_uint_eq(sv_format_duration(INT64_MIN, buf, n), len);
        ck_assert_uint_eq(strlen(buf), n - 1);
        ck_assert_int_eq(memcmp(buf, full, n - 1), 0);
        ck_assert_int_eq(buf[n], 'x');
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Every calendar day of 0001-9999
 * ------------------------------------------------------------------------ */

/* Deliberately not the formula of sv_time.c: a month-length table walked
 * one day at a time, with the leap rule spelled out as nested tests. */
static int oracle_month_length(int y, int m)
{
    static const int len[13] = {0, 31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    if (m != 2)
        return len[m];
    if (y % 400 == 0)
        return 29;
    if (y % 100 == 0)
        return 28;
    return y % 4 == 0 ? 29 : 28;
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

START_TEST(test_every_day)
{
    /* One exact-size buffer, edited in place: "YYYY-MM-DDThh:mm:ssZ". */
    const size_t len = 20;
    char *s = exact_copy("0001-01-01T00:00:00Z", len);
    char out[SV_TIMESTAMP_BUFSIZE];
    int64_t day = -719162; /* 0001-01-01, by counting: 1969*365 + 477 */
    long checked = 0, rejected = 0;

    ck_assert_int_eq(sv__days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(sv__days_from_civil(1969, 12, 31), -1);
    ck_assert_int_eq(sv__days_from_civil(1, 1, 1), -719162);
    ck_assert_int_eq(sv__days_from_civil(2000, 3, 1), 11017);
    ck_assert_int_eq(sv__days_from_civil(9999, 12, 31), 2932896);

    for (int y = 1; y <= 9999; y++) {
        s[0] = (char)('0' + y / 1000);
        s[1] = (char)('0' + y / 100 % 10);
        s[2] = (char)('0' + y / 10 % 10);
        s[3] = (char)('0' + y % 10);
        for (int m = 1; m <= 12; m++) {
            int ml = oracle_month_length(y, m);
            sv_timestamp v;
            put2(s + 5, m);
            for (int d = 1; d <= ml; d++, day++) {
                /* a different time of day each day, all fields moving */
                int sod = (int)((day * 7919) % 86400 + 86400) % 86400;
                put2(s + 8, d);
                put2(s + 11, sod / 3600);
                put2(s + 14, sod / 60 % 60);
                put2(s + 17, sod % 60);
                if (sv__days_from_civil(y, m, d) != day ||
                    sv_parse_timestamp(s, len, &v) != 0 ||
                    v.seconds != day * 86400 + sod ||
                    sv_format_timestamp(&v, 0, out, sizeof out) != len ||
                    memcmp(out, s, len) != 0)
                    ck_abort_msg("%.20s: day %" PRId64 ", days_from_civil %"
                                 PRId64 ", formats as '%s'",
                                 s, day, sv__days_from_civil(y, m, d), out);
                checked++;
            }
            /* The day after the last, and 00, are rejected as days; so
             * are 31 and February 30 where the month is shorter.  (Plain
             * ifs: Check's asserts write a mark per call, too slow here.) */
            static const int probes[4] = {0, -1, 31, 30};
            put2(s + 11, 0);
            for (int k = 0; k < 4; k++) {
                int bad = probes[k] == -1 ? ml + 1 : probes[k];
                if ((bad >= 1 && bad <= ml) || (bad == 30 && m != 2))
                    continue;
                put2(s + 8, bad);
                if (sv_parse_timestamp(s, len, &v) != SV_TIME_DAY)
                    ck_abort_msg("%.20s not rejected as a day", s);
                rejected++;
            }
        }
    }
    free(s);
    ck_assert_int_eq(day, 2932897);
    ck_assert_int_eq(checked, 3652059); /* days in 0001-9999 */
    /* per year: 12 x day 00, 12 x last+1, 5 x day 31 (the four 30-day
     * months and February), 1 x February 30 */
    ck_assert_int_eq(rejected, 9999 * 30);
}
END_TEST

/* ------------------------------------------------------------------------
 * Round-trip properties over pseudo-random values (fixed seed)
 * ------------------------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi] (hi - lo < 2^63). */
static int64_t uniform(uint64_t *st, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1;
    return lo + (int64_t)(splitmix64(st) % span);
}

#define PROPERTY_ROUNDS 250000

START_TEST(test_timestamp_round_trip_property)
{
    uint64_t st = 0x5e55a1;
    char a[SV_TIMESTAMP_BUFSIZE], b[SV_TIMESTAMP_BUFSIZE];
    for (long i = 0; i < PROPERTY_ROUNDS; i++) {
        sv_timestamp v, back;
        int32_t off = (int32_t)uniform(&st, -1439, 1439);
        if (i % 8 == 0)
            off = 0;
        /* a local time anywhere in 0001-9999, then the instant it means */
        int64_t local = uniform(&st, MIN_SECONDS, MAX_SECONDS);
        if (i % 64 == 1) /* crowd the ends */
            local = i % 128 == 1 ? MIN_SECONDS + uniform(&st, 0, 2 * 86400)
                                 : MAX_SECONDS - uniform(&st, 0, 2 * 86400);
        v.seconds = local - off * 60;
        v.nanos = (int32_t)uniform(&st, 0, 999999999);
        if (i % 4 == 1) /* trailing zeros to trim */
            v.nanos -= v.nanos % 1000;
        if (i % 16 == 2)
            v.nanos = 0;
        v.offset_minutes = (int16_t)off;

        size_t n = sv_format_timestamp(&v, 0, a, sizeof a);
        if (n == 0 || sv_parse_timestamp(a, n, &back) != 0 ||
            back.seconds != v.seconds || back.nanos != v.nanos ||
            back.offset_minutes != v.offset_minutes)
            ck_abort_msg("round %ld: %" PRId64 ".%09d%+d -> '%s'", i,
                         v.seconds, (int)v.nanos, (int)off, a);
        size_t m = sv_format_timestamp(&v, 1, b, sizeof b);
        if (v.seconds < MIN_SECONDS || v.seconds > MAX_SECONDS) {
            if (m != 0)
                ck_abort_msg("round %ld: utc text '%s' for an instant "
                             "outside 0001-9999", i, b);
            continue;
        }
        if (m == 0 || sv_parse_timestamp(b, m, &back) != 0 ||
            back.seconds != v.seconds || back.nanos != v.nanos ||
            back.offset_minutes != 0)
            ck_abort_msg("round %ld: utc '%s' of '%s'", i, b, a);
    }
}
END_TEST

START_TEST(test_duration_round_trip_property)
{
    static const int64_t edges[] = {
        INT64_MIN,     INT64_MIN + 1, INT64_MIN + 9999999,
        INT64_MAX,     INT64_MAX - 1, INT64_MAX - 4775807,
        0,             1,             -1,
        9999999,       10000000,      -10000000,
        863999999999,  864000000000,  -864000000000,
        -863999999999, 864000000001,  INT64_C(922337203685477580),
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        check_du_round_trip(edges[i], "edge");

    uint64_t st = 0xd07a710;
    char buf[SV_DURATION_BUFSIZE];
    for (long i = 0; i < PROPERTY_ROUNDS; i++) {
        int64_t t, back;
        uint64_t r = splitmix64(&st);
        switch (i % 4) {
        case 0: /* the whole int64 range */
            memcpy(&t, &r, sizeof t);
            break;
        case 1: /* within a day either side: no days part */
            t = uniform(&st, -863999999999, 863999999999);
            break;
        case 2: /* whole seconds: no fraction */
            t = uniform(&st, -922337203685, 922337203685) * 10000000;
            break;
        default: /* near the ends */
            t = (r & 1) ? INT64_MAX - uniform(&st, 0, 1000000000000)
                        : INT64_MIN + uniform(&st, 0, 1000000000000);
            break;
        }
        size_t n = sv_format_duration(t, buf, sizeof buf);
        if (n == 0 || n >= sizeof buf ||
            sv_parse_duration(buf, n, &back) != 0 || back != t)
            ck_abort_msg("round %ld: %" PRId64 " -> '%s'", i, t, buf);
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Explanations
 * ------------------------------------------------------------------------ */

typedef struct explain_case {
    int duration;
    const char *text;
    size_t len;
    int err;
    const char *message;
} explain_case;

#define TSX(s, e, m) {0, s, sizeof(s) - 1, SV_TIME_##e, m}
#define DUX(s, e, m) {1, s, sizeof(s) - 1, SV_TIME_##e, m}

static const explain_case explain_cases[] = {
    TSX("", SYNTAX, "is empty (expected YYYY-MM-DDThh:mm:ssZ)"),
    TSX("202", SYNTAX, "ends inside the year (expected 4 digits)"),
    TSX("2024", SYNTAX, "ends after the year (expected '-MM')"),
    TSX("2024-", SYNTAX, "ends before the month (expected 2 digits)"),
    TSX("2024-01", SYNTAX, "ends after the month (expected '-DD')"),
    TSX("2024-01-0", SYNTAX, "ends inside the day (expected 2 digits)"),
    TSX("2024-01-01", SYNTAX, "ends after the date (expected 'Thh:mm:ss')"),
    TSX("2024-01-01T12", SYNTAX, "ends after the hours (expected ':mm')"),
    TSX("2024-01-01T12:34", SYNTAX, "ends after the minutes (expected ':ss')"),
    TSX("2024-01-01T12:34:5", SYNTAX,
        "ends inside the seconds (expected 2 digits)"),
    TSX("2024-x1-01T00:00:00Z", SYNTAX,
        "expected a digit at character 6, found 'x'"),
    TSX("2024-01-01 00:00:00Z", SYNTAX,
        "expected 'T' between date and time, found ' '"),
    TSX("2024/01/01T00:00:00Z", SYNTAX, "expected '-' after the year, found '/'"),
    TSX("2024-01\0-01T00:00:00Z", SYNTAX,
        "expected '-' after the month, found '\\x00'"),
    TSX("2024-01-01T12.34:56Z", SYNTAX,
        "expected ':' after the hours, found '.'"),
    TSX("2024-01-01T12:34.56Z", SYNTAX,
        "expected ':' after the minutes, found '.'"),
    TSX("2024-01-01T12:34:56\xc3\x97", SYNTAX,
        "expected '.', 'Z' or a +hh:mm offset after the seconds, found '\\xc3'"),
    TSX("2024-01-01T00:00:00.5x", SYNTAX,
        "expected 'Z' or a +hh:mm offset after the fraction, found 'x'"),
    TSX("0000-01-01T00:00:00Z", YEAR, "year 0000 out of range (0001-9999)"),
    TSX("2024-13-01T00:00:00Z", MONTH, "month 13 out of range (01-12)"),
    TSX("2024-00-01T00:00:00Z", MONTH, "month 00 out of range (01-12)"),
    TSX("2024-02-30T00:00:00Z", DAY, "day 30 out of range for February 2024"),
    TSX("2023-02-29T00:00:00Z", DAY, "day 29 out of range for February 2023"),
    TSX("0004-02-30T00:00:00Z", DAY, "day 30 out of range for February 0004"),
    TSX("2023-04-31T00:00:00Z", DAY, "day 31 out of range for April"),
    TSX("2024-01-00T00:00:00Z", DAY, "day 00 out of range for January"),
    TSX("2024-12-32T00:00:00Z", DAY, "day 32 out of range for December"),
    TSX("2024-01-01T24:00:00Z", HOUR, "hour 24 out of range (00-23)"),
    TSX("2024-01-01T12:60:00Z", MINUTE, "minute 60 out of range (00-59)"),
    TSX("2024-01-01T12:34:60Z", LEAP_SECOND,
        "second 60 is a leap second, which is not accepted"),
    TSX("2024-01-01T12:34:61Z", SECOND, "second 61 out of range (00-59)"),
    TSX("2024-01-01T12:34:56.1234567890Z", FRACTION,
        "fraction has 10 digits; 1 to 9 allowed"),
    TSX("2024-01-01T12:34:56.Z", FRACTION, "no digits after the decimal point"),
    TSX("2024-01-01T12:34:56+24:00", OFFSET,
        "offset hour 24 out of range (00-23)"),
    TSX("2024-01-01T12:34:56-05:60", OFFSET,
        "offset minute 60 out of range (00-59)"),
    TSX("2024-01-01T12:34:56+01:0", OFFSET,
        "truncated time zone offset '+01:0' (expected +hh:mm)"),
    TSX("2024-01-01T12:34:56+01", OFFSET,
        "truncated time zone offset '+01' (expected +hh:mm)"),
    TSX("2024-01-01T12:34:56-", OFFSET,
        "truncated time zone offset '-' (expected +hh:mm)"),
    TSX("2024-01-01T12:34:56+0100", OFFSET,
        "expected ':' between the offset hours and minutes, found '0'"),
    TSX("2024-01-01T12:34:56+ab:cd", OFFSET,
        "expected a digit at character 21 in the time zone offset, found 'a'"),
    TSX("2024-01-01T12:34:56+01:x0", OFFSET,
        "expected a digit at character 24 in the time zone offset, found 'x'"),
    TSX("2024-01-01T12:34:56", NO_OFFSET,
        "missing time zone offset (Z or +hh:mm)"),
    TSX("2020-06-19T04:00:05.901095", NO_OFFSET,
        "missing time zone offset (Z or +hh:mm)"),
    TSX("2024-01-01T12:34:56Zx", TRAILING,
        "unexpected 'x' after the time zone offset"),
    TSX("2024-01-01T12:34:56+01:00\0", TRAILING,
        "unexpected '\\x00' after the time zone offset"),

    DUX("", SYNTAX, "is empty (expected [-][d.]hh:mm:ss[.fffffff])"),
    DUX("-", SYNTAX, "ends after the '-' (expected [d.]hh:mm:ss)"),
    DUX("x", SYNTAX, "expected '-' or a digit at character 1, found 'x'"),
    DUX("\x7f", SYNTAX, "expected '-' or a digit at character 1, found '\\x7f'"),
    DUX("-x", SYNTAX, "expected a digit at character 2, found 'x'"),
    DUX("77823", SYNTAX, "ends after the first number (expected '.' after "
                         "days or ':' after hours)"),
    DUX("00-00-00", SYNTAX,
        "expected '.' or ':' after the first number, found '-'"),
    DUX("123456789.00:00:00", SYNTAX, "days have 9 digits; 1 to 8 allowed"),
    DUX("1:00:00", SYNTAX, "hours have 1 digit; exactly 2 required"),
    DUX("000:00:00", SYNTAX, "hours have 3 digits; exactly 2 required"),
    DUX("1.", SYNTAX, "ends before the hours (expected 2 digits)"),
    DUX("1.0", SYNTAX, "ends inside the hours (expected 2 digits)"),
    DUX("1.00", SYNTAX, "ends after the hours (expected ':mm')"),
    DUX("00:0", SYNTAX, "ends inside the minutes (expected 2 digits)"),
    DUX("00:00", SYNTAX, "ends after the minutes (expected ':ss')"),
    DUX("00:00:", SYNTAX, "ends before the seconds (expected 2 digits)"),
    DUX("1.2:00:00", SYNTAX, "expected a digit at character 4, found ':'"),
    DUX("00:0x:00", SYNTAX, "expected a digit at character 5, found 'x'"),
    DUX("1.00.00:00", SYNTAX, "expected ':' after the hours, found '.'"),
    DUX("00:00.00", SYNTAX, "expected ':' after the minutes, found '.'"),
    DUX("24:00:00", HOUR, "hours 24 out of range (00-23)"),
    DUX("1.24:00:00", HOUR, "hours must be 00-23 when days are given"),
    DUX("00:60:00", MINUTE, "minutes 60 out of range (00-59)"),
    DUX("00:00:60", SECOND, "seconds 60 out of range (00-59)"),
    DUX("00:00:00.12345678", FRACTION, "fraction has 8 digits; 1 to 7 allowed"),
    DUX("00:00:00.", FRACTION, "no digits after the decimal point"),
    DUX("10675200.00:00:00", RANGE, "days 10675200 exceed the TimeSpan range"),
    DUX("10675199.02:48:05.4775808", RANGE,
        "outside the TimeSpan range (-10675199.02:48:05.4775808 to "
        "10675199.02:48:05.4775807)"),
    DUX("-10675199.02:48:05.4775809", RANGE,
        "outside the TimeSpan range (-10675199.02:48:05.4775808 to "
        "10675199.02:48:05.4775807)"),
    DUX("00:00:00 ", TRAILING, "unexpected ' ' after the seconds"),
    DUX("00:00:00.1x", TRAILING, "unexpected 'x' after the fraction"),
    DUX("00:00:00\0", TRAILING, "unexpected '\\x00' after the seconds"),
};

#define N_EXPLAIN_CASES \
    ((int)(sizeof explain_cases / sizeof explain_cases[0]))

START_TEST(test_explain_case)
{
    const explain_case *c = &explain_cases[_i];
    sv_timestamp v;
    int64_t t;
    int err = c->duration ? parse_du(c->text, c->len, &t)
                          : parse_ts(c->text, c->len, &v);
    ck_assert_msg(err == c->err, "'%s': returned %d, expected %d",
                  shown(c->text, c->len), err, c->err);
    ck_assert_str_eq(explain(c->duration, c->text, c->len, err), c->message);
}
END_TEST

START_TEST(test_explain_contract)
{
    const char *s = "2024-13-01T00:00:00Z";
    const char *want = "month 13 out of range (01-12)";
    size_t wl = strlen(want);
    char buf[64];

    /* snprintf contract: the needed length, and a cut NUL-terminated
     * text when it does not fit. */
    ck_assert_uint_eq(sv__timestamp_explain(s, 20, SV_TIME_MONTH, NULL, 0),
                      wl);
    memset(buf, 'x', sizeof buf);
    ck_assert_uint_eq(sv__timestamp_explain(s, 20, SV_TIME_MONTH, buf, 6),
                      wl);
    ck_assert_str_eq(buf, "month");
    ck_assert_int_eq(buf[6], 'x');
    ck_assert_uint_eq(sv__duration_explain("24:00:00", 8, SV_TIME_HOUR, buf,
                                           6),
                      strlen("hours 24 out of range (00-23)"));
    ck_assert_str_eq(buf, "hours");

    /* A code the parser did not return gets the generic text. */
    sv__timestamp_explain(s, 20, SV_TIME_DAY, buf, sizeof buf);
    ck_assert_str_eq(buf, sv_time_error_str(SV_TIME_DAY));
    sv__timestamp_explain("1970-01-01T00:00:00Z", 20, SV_TIME_OK, buf,
                          sizeof buf);
    ck_assert_str_eq(buf, "no error");
    sv__duration_explain("00:00:00", 8, SV_TIME_SYNTAX, buf, sizeof buf);
    ck_assert_str_eq(buf, sv_time_error_str(SV_TIME_SYNTAX));
    sv__duration_explain("99:00:00", 8, SV_TIME_RANGE, buf, sizeof buf);
    ck_assert_str_eq(buf, sv_time_error_str(SV_TIME_RANGE));
}
END_TEST

START_TEST(test_error_str)
{
    static const char *const want[] = {
        "no error",
        "wrong character or length for the format",
        "year out of range (0001-9999)",
        "month out of range (01-12)",
        "day out of range for the month",
        "hour out of range (00-23)",
        "minute out of range (00-59)",
        "second out of range (00-59)",
        "leap second (:60) not accepted",
        "fraction digits missing or too many",
        "time zone offset malformed or out of range",
        "missing time zone offset (Z or +hh:mm)",
        "unexpected bytes after the value",
        "outside the TimeSpan range",
    };
    ck_assert_int_eq(sizeof want / sizeof want[0], SV_TIME_RANGE + 1);
    for (int e = SV_TIME_OK; e <= SV_TIME_RANGE; e++)
        ck_assert_str_eq(sv_time_error_str(e), want[e]);
    ck_assert_str_eq(sv_time_error_str(SV_TIME_RANGE + 1),
                     "unknown time error");
    ck_assert_str_eq(sv_time_error_str(-1), "unknown time error");
}
END_TEST

Suite *sv_suite_time(void)
{
    Suite *s = suite_create("time");

    TCase *tc = tcase_create("timestamp-cases");
    tcase_add_loop_test(tc, test_timestamp_case, 0, N_TS_CASES);
    suite_add_tcase(s, tc);

    tc = tcase_create("duration-cases");
    tcase_add_loop_test(tc, test_duration_case, 0, N_DU_CASES);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_test(tc, test_format_timestamp);
    tcase_add_test(tc, test_format_timestamp_contract);
    tcase_add_test(tc, test_format_duration);
    suite_add_tcase(s, tc);

    tc = tcase_create("explain");
    tcase_add_loop_test(tc, test_explain_case, 0, N_EXPLAIN_CASES);
    tcase_add_test(tc, test_explain_contract);
    tcase_add_test(tc, test_error_str);
    suite_add_tcase(s, tc);

    /* The heavy ones: about 0.5 s each in the ASan build. */
    tc = tcase_create("exhaustive");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_every_day);
    tcase_add_test(tc, test_timestamp_round_trip_property);
    tcase_add_test(tc, test_duration_round_trip_property);
    suite_add_tcase(s, tc);

    return s;
}

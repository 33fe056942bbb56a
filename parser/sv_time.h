/*
 * sv_time.h - PRIVATE helpers of the time code (parser/sv_time.c).
 *
 * Not installed.  The validator uses the explain functions to turn the
 * sv_time_error of a rejected timestamp or duration into the words of a
 * diagnostic message; the tests use sv__days_from_civil as an oracle.
 */
#ifndef SV_TIME_H
#define SV_TIME_H

#include <stddef.h>
#include <stdint.h>

/* After sv_parse_timestamp(s, len, ..) returned err != 0, write into buf
 * (n bytes including the NUL; buf may be NULL when n is 0) the specific
 * reason, e.g. "month 13 out of range (01-12)" or "expected 'T' between
 * date and time, found ' '".  Returns the length the whole message needs,
 * excluding the NUL, like snprintf: the text was cut when the result is
 * >= n.  Reads only s[0..len-1].  Found bytes are quoted: 'x' when
 * printable ASCII, '\xNN' otherwise.  Character positions are 1-based.
 * No "is not an RFC 3339 date-time:" prefix: the caller adds it.
 * If err is not what the parser returns for s (a misuse), the text of
 * sv_time_error_str(err) is written instead. */
size_t sv__timestamp_explain(const char *s, size_t len, int err, char *buf,
                             size_t n);

/* The same for sv_parse_duration(s, len, ..) and its err, e.g.
 * "hours 24 out of range (00-23)" or "days 10675200 exceed the TimeSpan
 * range". */
size_t sv__duration_explain(const char *s, size_t len, int err, char *buf,
                            size_t n);

/* Days since 1970-01-01 of a proleptic Gregorian civil date: y 1..9999,
 * m 1..12, d 1..days of that month (anything else is undefined
 * behaviour: the parser validates before it calls).  Negative before
 * 1970.  Pure; no table beyond static constants. */
int64_t sv__days_from_civil(int32_t y, int32_t m, int32_t d);

#endif /* SV_TIME_H */

/*
 * formats.c - text formats of string members other than time: UUIDs and
 * absolute http(s) URLs.  Each check returns 0 when valid, else -1 with a
 * reason written into why (snprintf contract) for the diagnostic.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sv_internal.h"

/* 256-bit sets of bytes (bit c of word c >> 6). */
static const uint64_t url_path_set[4] = {0xafffffd200000000ULL,
                                         0x47fffffe87ffffffULL, 0, 0};
static const uint64_t hex_set[4] = {0x03ff000000000000ULL,
                                    0x0000007e0000007eULL, 0, 0};

static int in_set(const uint64_t *set, unsigned char c)
{
    return (int)((set[c >> 6] >> (c & 63)) & 1);
}

static int is_hex(unsigned char c)
{
    return in_set(hex_set, c);
}

/* 8-4-4-4-12 hex digits, either case, no braces: what .NET's Guid writes
 * in JSON (the seed's policyId "a91630ab-1603-47ea-a76c-0525e77a1188"). */
int sv__check_uuid(const char *s, size_t len, char *why, size_t n)
{
    static const unsigned char dash_at[] = {8, 13, 18, 23};
    if (len == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' &&
        s[23] == '-') {
        /* the 32 hex digits, a table lookup each */
        static const unsigned char at[32] = {
            0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
            19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};
        unsigned bad = 0;
        for (size_t i = 0; i < 32; i++)
            bad |= !in_set(hex_set, (unsigned char)s[at[i]]);
        if (!bad)
            return 0;
    }
    if (len != 36) {
        snprintf(why, n, "expected 36 characters (8-4-4-4-12 hex digits), "
                         "found %zu", len);
        return -1;
    }
    for (size_t i = 0, d = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (d < 4 && i == dash_at[d]) {
            d++;
            if (c != '-') {
                snprintf(why, n, "expected '-' at character %zu", i + 1);
                return -1;
            }
        } else if (!is_hex(c)) {
            snprintf(why, n, "expected a hex digit at character %zu", i + 1);
            return -1;
        }
    }
    return 0;
}

/* RFC 3986 character classes. */
static int unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

static int sub_delim(unsigned char c)
{
    return c != 0 && strchr("!$&'()*+,;=", c) != NULL;
}

static void describe_char(char *out, size_t n, unsigned char c)
{
    if (c == ' ')
        snprintf(out, n, "a space");
    else if (c < 0x20 || c == 0x7f)
        snprintf(out, n, "control byte 0x%02X", c);
    else if (c >= 0x80)
        snprintf(out, n, "non-ASCII byte 0x%02X (percent-encode it)", c);
    else
        snprintf(out, n, "'%c'", c);
}


static int url_explain(const char *s, size_t len, char *why, size_t n);

/* The full check alone (the tests compare it with the fast paths). */
int sv__check_url_slow(const char *s, size_t len, char *why, size_t n)
{
    return url_explain(s, len, why, n);
}

/* The common case in one pass: http(s)://host[:port]/path?query with
 * RFC 3986 characters, no escapes, no userinfo, no IPv6 literal.  Returns 1
 * when that accepts s; 0 leaves the verdict to url_explain. */
static int url_fast(const unsigned char *s, size_t len)
{
    size_t i;
    if (len > 8 && (s[0] | 0x20) == 'h' && (s[1] | 0x20) == 't' &&
        (s[2] | 0x20) == 't' && (s[3] | 0x20) == 'p') {
        i = 4;
        if ((s[i] | 0x20) == 's')
            i++;
        if (s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/')
            return 0;
        i += 3;
    } else {
        return 0;
    }
    size_t host = i;
    while (i < len && s[i] != '/' && s[i] != '?') {
        unsigned char c = s[i];
        if (c == ':') {
            size_t d = ++i;
            unsigned port = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9' && i - d < 5)
                port = port * 10 + (unsigned)(s[i++] - '0');
            if (i == d || port > 65535 ||
                (i < len && s[i] != '/' && s[i] != '?'))
                return 0;
            break;
        }
        if (!in_set(url_path_set, c) || c == '@' || c == '[')
            return 0;
        i++;
    }
    if (s[host] == ':' || s[host] == '/' || host == i)
        return 0;
    for (; i < len; i++)
        if (!in_set(url_path_set, s[i]))
            return 0;
    return 1;
}

/* Absolute URL with scheme http or https and a non-empty host: the shape
 * of every _links href and flrLink url in the vendor's examples. */
int sv__check_url(const char *s, size_t len, char *why, size_t n)
{
    if (url_fast((const unsigned char *)s, len))
        return 0;
    return url_explain(s, len, why, n);
}

/* Links of one payload share their start ("https://host/api/v1/
 * jobSessions/"): once a URL is valid, a later one that begins with the
 * same bytes up to the last '/' of that URL's path only needs its tail
 * checked, and a tail of path and query characters cannot make it
 * invalid. */
int sv__check_url_cached(sv_url_cache *c, const char *s, size_t len,
                         char *why, size_t n)
{
    if (c->len && len > c->len && memcmp(s, c->prefix, c->len) == 0) {
        size_t i = c->len;
        while (i < len && in_set(url_path_set, (unsigned char)s[i]))
            i++;
        if (i == len)
            return 0;
    }
    if (sv__check_url(s, len, why, n) < 0)
        return -1;
    /* remember the prefix up to the last '/' of the path, if the path has
     * one after the authority and nothing before it needs care */
    const char *auth = memchr(s, '/', len);
    if (!auth || len > sizeof c->prefix)
        return 0;
    size_t from = (size_t)(auth - s) + 2, last = 0;
    for (size_t i = from; i < len && s[i] != '?' && s[i] != '#'; i++) {
        if (s[i] == '%' || s[i] == '@' || s[i] == '[')
            return 0;
        if (s[i] == '/' && i > from)
            last = i + 1;
    }
    if (last) {
        memcpy(c->prefix, s, last);
        c->len = last;
    }
    return 0;
}

static int url_explain(const char *s, size_t len, char *why, size_t n)
{
    size_t i = 0;
    while (i < len && s[i] != ':' && s[i] != '/')
        i++;
    size_t slen = i;
    int http = slen == 4 && strncasecmp(s, "http", 4) == 0;
    int https = slen == 5 && strncasecmp(s, "https", 5) == 0;
    if (i == len || s[i] != ':') {
        snprintf(why, n, "not an absolute URL (no scheme)");
        return -1;
    }
    if (!http && !https) {
        char q[64];
        snprintf(why, n, "scheme must be http or https, found %s",
                 sv__quote(q, sizeof q, s, slen));
        return -1;
    }
    if (len - i < 3 || s[i + 1] != '/' || s[i + 2] != '/') {
        snprintf(why, n, "expected \"://\" after the scheme");
        return -1;
    }
    i += 3;
    size_t auth = i;
    while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#')
        i++;
    size_t auth_end = i;
    /* userinfo@ is legal but never in these links; accept it */
    size_t host = auth;
    for (size_t k = auth; k < auth_end; k++)
        if (s[k] == '@')
            host = k + 1;
    size_t host_end = auth_end;
    if (host < auth_end && s[host] == '[') {
        while (host_end > host && s[host_end - 1] != ']')
            host_end--;
        if (host_end == host) {
            snprintf(why, n, "unterminated IPv6 literal in the host");
            return -1;
        }
    } else {
        for (size_t k = host; k < auth_end; k++)
            if (s[k] == ':') {
                host_end = k;
                break;
            }
    }
    if (host_end == host) {
        snprintf(why, n, "empty host");
        return -1;
    }
    if (host_end < auth_end) {
        if (s[host_end] != ':') {
            snprintf(why, n, "unexpected text after the IPv6 host");
            return -1;
        }
        unsigned long port = 0;
        size_t k = host_end + 1;
        if (k == auth_end) {
            snprintf(why, n, "empty port after ':'");
            return -1;
        }
        for (; k < auth_end; k++) {
            if (s[k] < '0' || s[k] > '9') {
                char d[48];
                describe_char(d, sizeof d, (unsigned char)s[k]);
                snprintf(why, n, "port must be digits, found %s", d);
                return -1;
            }
            port = port * 10 + (unsigned long)(s[k] - '0');
            if (port > 65535) {
                snprintf(why, n, "port out of range (0-65535)");
                return -1;
            }
        }
    }
    int fragment = 0;
    for (size_t k = auth; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == '%') {
            if (k + 2 >= len || !is_hex((unsigned char)s[k + 1]) ||
                !is_hex((unsigned char)s[k + 2])) {
                snprintf(why, n, "bad percent-escape at character %zu",
                         k + 1);
                return -1;
            }
            k += 2;
            continue;
        }
        if (c == '#') {
            if (fragment || k < auth_end) {
                snprintf(why, n, "unexpected '#' at character %zu", k + 1);
                return -1;
            }
            fragment = 1;
            continue;
        }
        int ok = unreserved(c) || sub_delim(c) || c == ':' || c == '@' ||
                 (k >= auth_end && (c == '/' || c == '?')) ||
                 (k >= host && k < host_end && (c == '[' || c == ']'));
        if (!ok) {
            char d[48];
            describe_char(d, sizeof d, c);
            snprintf(why, n, "%s at character %zu is not allowed in a URL",
                     d, k + 1);
            return -1;
        }
    }
    return 0;
}

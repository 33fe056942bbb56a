/*
 * test_formats.c - UUIDs and URLs: table cases with the reason for each
 * rejection, and the fast paths (one-pass URL check, the prefix cache,
 * the word-at-a-time UUID check) shown to agree with the full check on
 * many generated strings.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sv_internal.h"
#include "svtest.h"

Suite *sv_suite_formats(void);

struct fcase {
    const char *text;
    const char *why; /* NULL: valid */
};

static const struct fcase urls[] = {
    {"https://abc.ukwest.cloudapp.azure.com/api/v1/jobSessions/14", NULL},
    {"https://abc.ukwest.cloudapp.azure.com:443/api/v1/jobSessions?offset=0"
     "&limit=30&display=Full",
     NULL},
    {"HTTP://h/x", NULL},
    {"http://h", NULL},
    {"http://h:8080", NULL},
    {"http://[::1]:8080/x", NULL},
    {"http://user@h/x", NULL},
    {"https://h/a%20b", NULL},
    {"https://h/x#frag", NULL},
    {"https://h/x?q=a:b@c/d?e", NULL},
    {"/api/v1/jobSessions/14", "no scheme"},
    {"ftp://h/x", "scheme must be http or https"},
    {"htp://h/x", "found \"htp\""},
    {"https:/h/x", "expected \"://\""},
    {"https://", "empty host"},
    {"https:///x", "empty host"},
    {"https://:80/x", "empty host"},
    {"https://h:/x", "empty port"},
    {"https://h:99999/x", "port out of range"},
    {"https://h:8a/x", "port must be digits"},
    {"https://h/a b", "a space at character 12"},
    {"https://h/a\x01", "control byte 0x01"},
    {"https://h/\xc3\xa9", "non-ASCII byte 0xC3"},
    {"https://h/%zz", "bad percent-escape"},
    {"https://h/%2", "bad percent-escape"},
    {"https://h/x#a#b", "unexpected '#'"},
    {"https://h/<x>", "'<' at character 11"},
    {"http://[::1/x", "unterminated IPv6"},
    {"http://[::1]x/", "after the IPv6 host"},
    {"https", "no scheme"},
};

static const struct fcase uuids[] = {
    {"a91630ab-1603-47ea-a76c-0525e77a1188", NULL},
    {"A91630AB-1603-47EA-A76C-0525E77A1188", NULL},
    {"00000000-0000-0000-0000-000000000000", NULL},
    {"{a91630ab-1603-47ea-a76c-0525e77a1188}", "36 characters"},
    {"a91630ab-1603-47ea-a76c-0525e77a118", "found 35"},
    {"a91630ab16031-47ea-a76c-0525e77a1188", "'-' at character 9"},
    {"a91630ab-1603-47ea-a76c-0525e77a118g", "hex digit at character 36"},
    {"g91630ab-1603-47ea-a76c-0525e77a1188", "hex digit at character 1"},
    {"a91630ab-1603-47ea-a76c_0525e77a1188", "'-' at character 24"},
    {"", "found 0"},
};

START_TEST(test_url_case)
{
    const struct fcase *c = &urls[_i];
    char why[160] = "";
    size_t len = strlen(c->text);
    char *exact = malloc(len ? len : 1); /* no NUL after the text */
    memcpy(exact, c->text, len);
    int r = sv__check_url(exact, len, why, sizeof why);
    if (!c->why) {
        ck_assert_msg(r == 0, "%s: %s", c->text, why);
    } else {
        ck_assert_msg(r < 0, "%s accepted", c->text);
        ck_assert_msg(strstr(why, c->why), "%s: \"%s\" lacks \"%s\"",
                      c->text, why, c->why);
    }
    ck_assert_int_eq(sv__check_url_slow(exact, len, why, sizeof why) == 0,
                     r == 0);
    free(exact);
}
END_TEST

START_TEST(test_uuid_case)
{
    const struct fcase *c = &uuids[_i];
    char why[160] = "";
    int r = sv__check_uuid(c->text, strlen(c->text), why, sizeof why);
    if (!c->why) {
        ck_assert_msg(r == 0, "%s: %s", c->text, why);
    } else {
        ck_assert_msg(r < 0, "%s accepted", c->text);
        ck_assert_msg(strstr(why, c->why), "%s: \"%s\" lacks \"%s\"",
                      c->text, why, c->why);
    }
}
END_TEST

/* Strings built from URL-ish pieces: every path must give the full
 * check's verdict, and the cache must never change a verdict whatever
 * came before. */
START_TEST(test_url_paths_agree)
{
    static const char *const parts[] = {
        "http", "https", "HTTPS", "ftp", "://", ":/", "/", "//", "h",
        "abc.example", ":", "443", "99999", "@", "[::1]", "[", "]", "?",
        "#", "%20", "%2", "%", "a", "jobSessions", "14", " ", "\x01",
        "\xc3\xa9", "<", "~", "-._", "=&", "'()*+,;",
    };
    const size_t np = sizeof parts / sizeof parts[0];
    uint64_t seed = 42;
    sv_url_cache cache;
    memset(&cache, 0, sizeof cache);
    char buf[256], why[160];
    for (int n = 0; n < 200000; n++) {
        size_t len = 0;
        int k = 1 + (int)(svt_rand(&seed) % 9);
        /* most strings start like a real link, so the fast paths run */
        if (svt_rand(&seed) % 4) {
            const char *pre = svt_rand(&seed) % 2 ? "https://h/api/v1/"
                                                   : "http://abc.example:443/";
            memcpy(buf, pre, strlen(pre));
            len = strlen(pre);
        }
        for (int i = 0; i < k; i++) {
            const char *pc = parts[svt_rand(&seed) % np];
            size_t pl = strlen(pc);
            if (len + pl >= sizeof buf)
                break;
            memcpy(buf + len, pc, pl);
            len += pl;
        }
        int slow = sv__check_url_slow(buf, len, why, sizeof why) == 0;
        int fast = sv__check_url(buf, len, why, sizeof why) == 0;
        int cached = sv__check_url_cached(&cache, buf, len, why,
                                          sizeof why) == 0;
        ck_assert_msg(fast == slow && cached == slow,
                      "\"%.*s\": full %d, fast %d, cached %d", (int)len, buf,
                      slow, fast, cached);
    }
}
END_TEST

/* The word-at-a-time UUID check agrees with a byte-by-byte reading. */
START_TEST(test_uuid_fast_agrees)
{
    uint64_t seed = 7;
    static const char alphabet[] = "0123456789abcdefABCDEF-gG{}/:@`";
    char buf[40], why[160];
    for (int n = 0; n < 200000; n++) {
        memcpy(buf, "a91630ab-1603-47ea-a76c-0525e77a1188", 36);
        int flips = (int)(svt_rand(&seed) % 3);
        for (int i = 0; i < flips; i++)
            buf[svt_rand(&seed) % 36] =
                alphabet[svt_rand(&seed) % (sizeof alphabet - 1)];
        int want = 1;
        for (int i = 0; i < 36; i++) {
            char c = buf[i];
            int dash = i == 8 || i == 13 || i == 18 || i == 23;
            int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                      (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex)
                want = 0;
        }
        ck_assert_int_eq(sv__check_uuid(buf, 36, why, sizeof why) == 0, want);
    }
}
END_TEST

Suite *sv_suite_formats(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("formats");
    tcase_add_loop_test(tc, test_url_case, 0,
                        (int)(sizeof urls / sizeof urls[0]));
    tcase_add_loop_test(tc, test_uuid_case, 0,
                        (int)(sizeof uuids / sizeof uuids[0]));
    tcase_add_test(tc, test_url_paths_agree);
    tcase_add_test(tc, test_uuid_fast_agrees);
    suite_add_tcase(s, tc);
    return s;
}

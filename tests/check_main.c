/*
 * One runner for every Check suite.  Each tests/test_NAME.c exports
 * `Suite *sv_suite_NAME(void)`; the Makefile writes the list into suites.h
 * from the file names, so adding a suite is adding a file.
 *
 * Usage: run-tests [SUITE...]   (no argument: all suites)
 * CK_FORK and CK_RUN_CASE work as Check documents them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SV_SUITE(name) Suite *sv_suite_##name(void);
#include "suites.h"
#undef SV_SUITE

struct entry {
    const char *name;
    Suite *(*make)(void);
};

static const struct entry suites[] = {
#define SV_SUITE(name) {#name, sv_suite_##name},
#include "suites.h"
#undef SV_SUITE
};

static int wanted(const char *name, int argc, char **argv)
{
    if (argc < 2)
        return 1;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    SRunner *sr = NULL;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (!wanted(suites[i].name, argc, argv))
            continue;
        if (!sr)
            sr = srunner_create(suites[i].make());
        else
            srunner_add_suite(sr, suites[i].make());
    }
    if (!sr) {
        fprintf(stderr, "run-tests: no such suite\n");
        return 2;
    }
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

# tests/cli.mk - shell tests of the sessval command (tests/cli/run.sh).
#
#   make test-cli   every test against the release build (memory, progress,
#                   --jobs on generated inputs included), then the fast ones
#                   against the ASan+UBSan build
#
# UPDATE=1 tests/cli/run.sh build/release/sessval rewrites the expected
# files in tests/cli/expected/ (review the diff before committing).

CLI_TEST_DIR := build/tests/cli

.PHONY: test-cli

$(CLI_TEST_DIR)/peakrss: tests/cli/peakrss.c tests/cli.mk
	@mkdir -p $(CLI_TEST_DIR)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 $(WARN) $< -o $@

# all: the test runs `make install DESTDIR=...`, which must find nothing
# left to build (no race with a parallel make check).
test-cli: all $(ASAN)/sessval build/bench/gen $(CLI_TEST_DIR)/peakrss
	tests/cli/run.sh $(REL)/sessval
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	tests/cli/run.sh --fast $(ASAN)/sessval

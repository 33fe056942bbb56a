# bench/time.mk - targets of the time code (parser/sv_time.c), included by
# the top-level Makefile.  Everything defined here starts with TIME_.
#
#   make bench-time      ns per parse of the seed's 28 timestamps and 14
#                        durations: sv_parse_* beside glibc strptime+timegm
#                        and sscanf, one run, medians (build/bench/)
#   make coverage-time   line and branch coverage of parser/sv_time.c by the
#                        time suite alone, --coverage -O0
#                        (build/coverage-time/; with CC=clang set
#                        TIME_GCOV='llvm-cov-14 gcov')

TIME_SRC       := parser/sv_time.c
TIME_HDRS      := parser/sv_time.h parser/sessval.h
TIME_BENCH_DIR := build/bench
TIME_COV_DIR   := build/coverage-time
TIME_GCOV      ?= gcov

# No dependency files for these one-shot builds (the top-level Makefile
# includes every build/**/*.d it finds).
TIME_CFLAGS := $(filter-out -MMD -MP,$(BASE_CFLAGS))

.PHONY: bench-time coverage-time

# ---------------------------------------------------------------- bench
$(TIME_BENCH_DIR)/timebench: bench/timebench.c $(TIME_SRC) $(TIME_HDRS) bench/time.mk
	@mkdir -p $(TIME_BENCH_DIR)
	$(CC) $(TIME_CFLAGS) -O2 -g $(TIME_SRC) bench/timebench.c -o $@

bench-time: $(TIME_BENCH_DIR)/timebench
	$(TIME_BENCH_DIR)/timebench | tee $(TIME_BENCH_DIR)/timebench.txt

# ---------------------------------------------------------------- coverage
TIME_COV_CFLAGS := $(TIME_CFLAGS) -I$(TIME_COV_DIR) -Itests -O0 -g --coverage
TIME_COV_OBJS   := $(TIME_COV_DIR)/sv_time.o $(TIME_COV_DIR)/test_time.o \
                   $(TIME_COV_DIR)/check_main.o

# A runner that knows only the time suite.
$(TIME_COV_DIR)/suites.h: bench/time.mk
	@mkdir -p $(TIME_COV_DIR)
	@echo 'SV_SUITE(time)' > $@

# An absolute source path, so gcov finds it from inside $(TIME_COV_DIR).
$(TIME_COV_DIR)/sv_time.o: $(TIME_SRC) $(TIME_HDRS) $(TIME_COV_DIR)/suites.h
	$(CC) $(TIME_COV_CFLAGS) -c $(CURDIR)/$< -o $@
$(TIME_COV_DIR)/test_time.o: tests/test_time.c $(TIME_HDRS) $(TIME_COV_DIR)/suites.h
	$(CC) $(TIME_COV_CFLAGS) -c $< -o $@
$(TIME_COV_DIR)/check_main.o: tests/check_main.c $(TIME_COV_DIR)/suites.h
	$(CC) $(TIME_COV_CFLAGS) -c $< -o $@

$(TIME_COV_DIR)/run-time-tests: $(TIME_COV_OBJS)
	$(CC) --coverage $^ -o $@ $(CHECK_LIBS)

# Counters are reset before the run, so the figures are this run's alone.
coverage-time: $(TIME_COV_DIR)/run-time-tests
	@rm -f $(TIME_COV_DIR)/*.gcda $(TIME_COV_DIR)/*.gcov
	$(TIME_COV_DIR)/run-time-tests time
	@cd $(TIME_COV_DIR) && $(TIME_GCOV) -b -o . $(CURDIR)/$(TIME_SRC) \
	    | sed -n "/^File '.*sv_time\.c'/,/^$$/p"
	@echo "annotated source: $(TIME_COV_DIR)/sv_time.c.gcov"

# fuzz/fuzz.mk - fuzzing targets, included by the top Makefile.
#
#   make fuzz [FUZZ_SECONDS=60]   every harness for N seconds under
#                                 libFuzzer + ASan + UBSan (clang); fails on
#                                 any crash, leak, timeout or OOM and leaves
#                                 the reproducer in fuzz/crashes/
#   make fuzz-build               just build the libFuzzer binaries
#   make fuzz-replay              gcc + ASan/UBSan, plain main(): replay the
#                                 committed corpus and fuzz/regressions/
#                                 (no clang needed; part of make check)
#   make fuzz-coverage            line and branch coverage (llvm-cov) of
#                                 parser/ and schema/ by the committed corpus
#   make fuzz-afl                 fuzz_document built for AFL++ (and
#                                 fuzz-afl-run: FUZZ_SECONDS of afl-fuzz)
#   make fuzz-corpus              regenerate the seeds (python3) and
#                                 minimise them, with any corpus a run kept
#                                 (FUZZ_KEEP=1), into fuzz/corpus/
#
# Everything is built under build/fuzz*/; fuzz runs work on a copy of the
# corpus in a temporary directory, so the tree stays clean.

FUZZ_HARNESSES := fuzz_document fuzz_chunks fuzz_time fuzz_capture
FUZZ_SECONDS   ?= 60
FUZZ_JOBS      ?= 2
FUZZ_KEEP      ?=
FUZZ_CLANG     ?= clang
FUZZ_PYTHON    ?= python3
FUZZ_DEB       := clang libclang-rt-14-dev llvm

FUZZ_OUT    := build/fuzz
FUZZ_REPLAY := build/fuzz-replay
FUZZ_COV    := build/fuzz-coverage
FUZZ_AFL    := build/fuzz-afl

# What each harness links besides itself and the library, its dictionary
# and its longest input.
FUZZ_EXTRA_fuzz_document  := fuzz/svfuzz.c
FUZZ_EXTRA_fuzz_chunks    := fuzz/svfuzz.c
FUZZ_EXTRA_fuzz_time      :=
FUZZ_EXTRA_fuzz_capture   := fuzz/svfuzz.c
FUZZ_DICT_fuzz_document   := fuzz/json.dict
FUZZ_DICT_fuzz_chunks     := fuzz/json.dict
FUZZ_DICT_fuzz_time       := fuzz/time.dict
FUZZ_DICT_fuzz_capture    := fuzz/capture.dict
FUZZ_MAXLEN_fuzz_document := 16384
FUZZ_MAXLEN_fuzz_chunks   := 16384
FUZZ_MAXLEN_fuzz_time     := 64
FUZZ_MAXLEN_fuzz_capture  := 16384

FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
# The library under clang: the project's warnings, not as errors (clang
# wants [[fallthrough]] where gcc accepts a comment); our files: -Werror.
FUZZ_CLANG_WARN := $(filter-out -Werror,$(BASE_CFLAGS)) \
            -Wno-implicit-fallthrough
FUZZ_CFLAGS := -g -O1 -DSV_FUZZING -fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_REPLAY_CFLAGS := -g -O1 -DSV_FUZZING $(FUZZ_SAN)
FUZZ_COV_CFLAGS := -g -O0 -fprofile-instr-generate -fcoverage-mapping

fuzz_objs = $(patsubst %.c,$(1)/obj/%.o,$(LIB_SRC) fuzz/$(2).c \
            $(FUZZ_EXTRA_$(2)))

.PHONY: fuzz fuzz-deps fuzz-build fuzz-replay fuzz-coverage fuzz-afl \
        fuzz-afl-run fuzz-corpus fuzz-clean

# ---------------------------------------------------------------- libFuzzer
$(FUZZ_OUT)/obj/fuzz/%.o: fuzz/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $@"
	$(Q)$(FUZZ_CLANG) $(BASE_CFLAGS) -Wno-implicit-fallthrough \
	    $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_OUT)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $@"
	$(Q)$(FUZZ_CLANG) $(FUZZ_CLANG_WARN) $(FUZZ_CFLAGS) -c $< -o $@

# One link rule per harness and build: libFuzzer, replay (plain main),
# coverage (plain main).
define FUZZ_LINK_template
$(FUZZ_OUT)/$(1): $(call fuzz_objs,$(FUZZ_OUT),$(1))
	@echo "  LD    $$@"
	$$(Q)$$(FUZZ_CLANG) -fsanitize=fuzzer $$(FUZZ_SAN) $$^ -o $$@ $$(YAJL_LIBS) -lm

$(FUZZ_REPLAY)/$(1): $(call fuzz_objs,$(FUZZ_REPLAY),$(1)) \
                     $(FUZZ_REPLAY)/obj/fuzz/fuzz_main.o
	@echo "  LD    $$@"
	$$(Q)$$(CC) $$(FUZZ_REPLAY_CFLAGS) $$^ -o $$@ $$(YAJL_LIBS) -lm

$(FUZZ_COV)/$(1): $(call fuzz_objs,$(FUZZ_COV),$(1)) \
                  $(FUZZ_COV)/obj/fuzz/fuzz_main.o
	@echo "  LD    $$@"
	$$(Q)$$(FUZZ_CLANG) $$(FUZZ_COV_CFLAGS) $$^ -o $$@ $$(YAJL_LIBS) -lm
endef
$(foreach h,$(FUZZ_HARNESSES),$(eval $(call FUZZ_LINK_template,$(h))))

fuzz-build: $(addprefix $(FUZZ_OUT)/,$(FUZZ_HARNESSES))

fuzz-deps:
	@./.ci/deps $(DEB_BUILD) $(FUZZ_DEB)

# Build (after the packages are in), then run every harness; fuzz/run.sh
# does the runs, two at a time, and the verdict.
fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_KEEP=$(FUZZ_KEEP) ./fuzz/run.sh $(FUZZ_OUT) $(FUZZ_SECONDS) \
	    $(FUZZ_JOBS) $(foreach h,$(FUZZ_HARNESSES),$(h):$(FUZZ_DICT_$(h)):$(FUZZ_MAXLEN_$(h)))

# ------------------------------------------------------------------- replay
$(FUZZ_REPLAY)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $@"
	$(Q)$(CC) $(BASE_CFLAGS) $(FUZZ_REPLAY_CFLAGS) -c $< -o $@

# The committed corpus and every regression input, through every harness.
fuzz-replay: $(addprefix $(FUZZ_REPLAY)/,$(FUZZ_HARNESSES))
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  dirs=""; for d in fuzz/corpus/$$h fuzz/regressions/$$h; do \
	    [ -d $$d ] && dirs="$$dirs $$d"; done; \
	  [ -n "$$dirs" ] || continue; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(FUZZ_REPLAY)/$$h $$dirs; \
	done; echo "fuzz-replay: corpus and regressions pass every harness"

# ----------------------------------------------------------------- coverage
FUZZ_LLVM_COV      ?= $(firstword $(shell command -v llvm-cov llvm-cov-14 2>/dev/null) llvm-cov)
FUZZ_LLVM_PROFDATA ?= $(firstword $(shell command -v llvm-profdata llvm-profdata-14 2>/dev/null) llvm-profdata)

$(FUZZ_COV)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $@"
	$(Q)$(FUZZ_CLANG) $(FUZZ_CLANG_WARN) $(FUZZ_COV_CFLAGS) -c $< -o $@

fuzz-coverage: fuzz-deps
	@$(MAKE) --no-print-directory $(addprefix $(FUZZ_COV)/,$(FUZZ_HARNESSES))
	@rm -f $(FUZZ_COV)/*.profraw
	@for h in $(FUZZ_HARNESSES); do \
	  LLVM_PROFILE_FILE=$(FUZZ_COV)/$$h.profraw $(FUZZ_COV)/$$h \
	    fuzz/corpus/$$h 2>&1 | tail -1 || exit 1; done
	@$(FUZZ_LLVM_PROFDATA) merge -sparse $(FUZZ_COV)/*.profraw \
	    -o $(FUZZ_COV)/corpus.profdata
	@$(FUZZ_LLVM_COV) report -instr-profile=$(FUZZ_COV)/corpus.profdata \
	    $(FUZZ_COV)/fuzz_document \
	    $(foreach h,$(filter-out fuzz_document,$(FUZZ_HARNESSES)),-object $(FUZZ_COV)/$(h)) \
	    $(LIB_SRC)
	@echo "per harness (its own corpus alone), TOTAL over parser/ and schema/:"
	@for h in $(FUZZ_HARNESSES); do \
	  $(FUZZ_LLVM_PROFDATA) merge -sparse $(FUZZ_COV)/$$h.profraw \
	    -o $(FUZZ_COV)/$$h.profdata && \
	  $(FUZZ_LLVM_COV) report -instr-profile=$(FUZZ_COV)/$$h.profdata \
	    $(FUZZ_COV)/$$h $(LIB_SRC) | awk -v h=$$h '$$1 == "TOTAL" \
	    { printf "  %-14s lines %s  branches %s\n", h, $$10, $$13 }'; \
	done
	@$(FUZZ_LLVM_COV) show -format=html -output-dir=$(FUZZ_COV)/html \
	    -instr-profile=$(FUZZ_COV)/corpus.profdata $(FUZZ_COV)/fuzz_document \
	    $(foreach h,$(filter-out fuzz_document,$(FUZZ_HARNESSES)),-object $(FUZZ_COV)/$(h)) \
	    $(LIB_SRC) && echo "fuzz-coverage: line by line in $(FUZZ_COV)/html/index.html"

# -------------------------------------------------------------------- AFL++
# afl-clang-fast instruments the library and the harness; -fsanitize=fuzzer
# makes it link AFL++'s libFuzzer-compatible driver (libAFLDriver).
FUZZ_AFL_CC ?= afl-clang-fast

$(FUZZ_AFL)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $@"
	$(Q)AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(FUZZ_AFL_CC) \
	    $(FUZZ_CLANG_WARN) -g -O1 -DSV_FUZZING -c $< -o $@

$(FUZZ_AFL)/fuzz_document: $(call fuzz_objs,$(FUZZ_AFL),fuzz_document)
	@echo "  LD    $@"
	$(Q)AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(FUZZ_AFL_CC) \
	    -fsanitize=fuzzer $^ -o $@ $(YAJL_LIBS) -lm

fuzz-afl:
	@./.ci/deps $(DEB_BUILD) afl++
	@$(MAKE) --no-print-directory $(FUZZ_AFL)/fuzz_document
	@echo "fuzz-afl: built $(FUZZ_AFL)/fuzz_document; run it with"
	@echo "  AFL_SKIP_CPUFREQ=1 afl-fuzz -i fuzz/corpus/fuzz_document -o $(FUZZ_AFL)/out \\"
	@echo "      -x fuzz/json.dict -- $(FUZZ_AFL)/fuzz_document"
	@echo "or: make fuzz-afl-run FUZZ_SECONDS=N"

# A bounded AFL++ run (one core) that fails on any saved crash or hang;
# the findings stay in build/fuzz-afl/out/default/{crashes,hangs}.
fuzz-afl-run: fuzz-afl
	@rm -rf $(FUZZ_AFL)/out
	@AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
	  afl-fuzz -V $(FUZZ_SECONDS) -i fuzz/corpus/fuzz_document \
	    -o $(FUZZ_AFL)/out -x fuzz/json.dict -- $(FUZZ_AFL)/fuzz_document \
	    > $(FUZZ_AFL)/afl.log 2>&1 || { tail -20 $(FUZZ_AFL)/afl.log; exit 1; }
	@s=$(FUZZ_AFL)/out/default/fuzzer_stats; \
	grep -E '^(execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs) ' $$s; \
	c=$$(sed -n 's/^saved_crashes *: *//p' $$s); h=$$(sed -n 's/^saved_hangs *: *//p' $$s); \
	if [ "$$c" != 0 ] || [ "$$h" != 0 ]; then \
	  echo "fuzz-afl-run: FINDINGS in $(FUZZ_AFL)/out/default/"; exit 1; fi; \
	echo "fuzz-afl-run: no crash or hang in $(FUZZ_SECONDS)s"

# ------------------------------------------------------------------ corpus
FUZZ_SEEDS := $(FUZZ_OUT)/seeds

# Seeds (mkseeds.py), the committed corpus and what kept runs found
# (build/fuzz/kept/<harness>, FUZZ_KEEP=1), minimised by -merge=1 into a
# fresh fuzz/corpus/<harness>/.
fuzz-corpus: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@rm -rf $(FUZZ_SEEDS) && $(FUZZ_PYTHON) fuzz/mkseeds.py $(FUZZ_SEEDS)
	@set -e; for hm in $(foreach h,$(FUZZ_HARNESSES),$(h):$(FUZZ_MAXLEN_$(h))); do \
	  h=$${hm%%:*}; max=$${hm##*:}; \
	  new=$(FUZZ_OUT)/corpus-new/$$h; rm -rf $$new; mkdir -p $$new; \
	  src="$(FUZZ_SEEDS)/$$h"; \
	  for d in fuzz/corpus/$$h $(FUZZ_OUT)/kept/$$h; do \
	    [ -d $$d ] && src="$$src $$d"; done; \
	  $(FUZZ_OUT)/$$h -merge=1 -use_counters=0 -max_len=$$max \
	    -timeout=10 -rss_limit_mb=2048 $$new $$src \
	    > $(FUZZ_OUT)/merge-$$h.log 2>&1 || \
	    { tail -20 $(FUZZ_OUT)/merge-$$h.log; exit 1; }; \
	  rm -rf fuzz/corpus/$$h; mkdir -p fuzz/corpus; mv $$new fuzz/corpus/$$h; \
	  echo "fuzz-corpus: $$h: $$(ls fuzz/corpus/$$h | wc -l) files," \
	    "$$(cat fuzz/corpus/$$h/* | wc -c) bytes"; \
	done

fuzz-clean:
	rm -rf $(FUZZ_OUT) $(FUZZ_REPLAY) $(FUZZ_COV) $(FUZZ_AFL)

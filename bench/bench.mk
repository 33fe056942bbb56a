# bench/bench.mk - benchmark inputs and peers, included by the top-level
# Makefile.  Everything defined here starts with BENCH_ (variables) or
# bench- (targets), except the `gen` convenience target.
#
#   make bench-tools     build/bench/: gen, yajl_floor, yajl_tree_walk, and
#                        rapidjson_schema when rapidjson-dev is installed
#   make bench-deps      install the Debian packages the peers need (as root,
#                        through .ci/deps) and ajv into bench/node_modules
#   make gen             the payload generator alone (build/bench/gen --help)
#   make bench-check-gen check the generator's output (bench/check_gen.py)
#   make build/bench/svbench
#                        sessval in-process (needs build/release/libsessval.a)
#
# bench/run.sh [--quick] is the driver: it generates the inputs and prints
# the table.

BENCH_DIR      := build/bench
BENCH_CFLAGS   := -std=c11 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L
BENCH_CXX      ?= $(CXX)
BENCH_CXXFLAGS := -std=c++11 -O2 -Wall -Wextra -Werror
BENCH_PYTHON   ?= python3

# Debian packages of the peers.  nodejs and npm are asked for only when the
# commands are missing: a node from another source (NodeSource's nodejs
# bundles npm) conflicts with Debian's npm package.
BENCH_DEBS     := rapidjson-dev yajl-tools jq python3-jsonschema g++ valgrind time

BENCH_HAVE_RAPIDJSON = $(wildcard /usr/include/rapidjson/schema.h)
BENCH_TOOLS    = $(BENCH_DIR)/gen $(BENCH_DIR)/yajl_floor $(BENCH_DIR)/yajl_tree_walk \
                 $(if $(BENCH_HAVE_RAPIDJSON),$(BENCH_DIR)/rapidjson_schema)

.PHONY: bench-tools bench-deps bench-check-gen gen bench bench-quick

# The whole comparison (about 15 minutes on 2 cores) and a ~1 minute one;
# the table goes to standard output (paste it into bench/README.md).
bench: bench-deps bench-tools all
	@bench/run.sh

bench-quick: bench-deps bench-tools all
	@bench/run.sh --quick

bench-tools: $(BENCH_TOOLS)
	@$(if $(BENCH_HAVE_RAPIDJSON),:,echo "bench-tools: rapidjson-dev missing, rapidjson_schema not built (make bench-deps)")

gen: $(BENCH_DIR)/gen

$(BENCH_DIR)/gen: bench/gen.c bench/bench.mk
	@mkdir -p $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) $< -o $@

$(BENCH_DIR)/yajl_floor: bench/yajl_floor.c bench/bench.mk
	@mkdir -p $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) $< -o $@ $(YAJL_LIBS)

$(BENCH_DIR)/yajl_tree_walk: bench/yajl_tree_walk.c bench/bench.mk
	@mkdir -p $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) $< -o $@ $(YAJL_LIBS)

$(BENCH_DIR)/rapidjson_schema: bench/rapidjson_schema.cpp bench/bench.mk
	@mkdir -p $(BENCH_DIR)
	$(BENCH_CXX) $(BENCH_CXXFLAGS) $< -o $@

# The library as `make` builds it (release flags), linked statically.
$(BENCH_DIR)/svbench: bench/svbench.c parser/sessval.h $(REL)/libsessval.a bench/bench.mk
	@mkdir -p $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) -Iparser $< -o $@ $(REL)/libsessval.a $(YAJL_LIBS) -lm

bench-check-gen: $(BENCH_DIR)/gen
	$(BENCH_PYTHON) bench/check_gen.py --gen $(BENCH_DIR)/gen

# npm writes node_modules/.package-lock.json on every install: a stamp that
# is newer than the pins once they are installed.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error

bench-deps:
	@node_debs=""; \
	command -v node >/dev/null 2>&1 || node_debs="nodejs"; \
	command -v npm >/dev/null 2>&1 || node_debs="$$node_debs npm"; \
	./.ci/deps $(BENCH_DEBS) $$node_debs
	@if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory bench/node_modules/.package-lock.json; \
	else echo "bench-deps: node/npm missing, the ajv peer will be skipped"; fi

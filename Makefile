# sessval - top-level Makefile.
#
#   make run        install missing packages (as root), build, validate the
#                   bundled seed capture and print the report
#   make check      build twice (release, ASan+UBSan) and run every test
#   make install    library (static + shared), header, sessval.pc, CLI, man
#   make fuzz       libFuzzer harnesses for FUZZ_SECONDS each (clang)
#   make bench      benchmarks beside yajl and the peers (see bench/README.md)
#
# Build outputs go to build/release and build/asan; nothing else is written
# outside build/ except by `make schema` (schema/*.schema.json).

CC       ?= cc
Q        ?= @   # make Q= shows every command
PREFIX   ?= /usr/local
DESTDIR  ?=
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
PKGDIR   ?= $(LIBDIR)/pkgconfig

VERSION  := $(shell sed -n 's/^\#define SV_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)/\2/p' parser/sessval.h | paste -sd.)
SOMAJOR  := $(firstword $(subst ., ,$(VERSION)))
SONAME   := libsessval.so.$(SOMAJOR)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wundef \
            -Wimplicit-fallthrough
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            $(WARN) -Iparser -Ischema -fvisibility=hidden -fPIC -MMD -MP
CFLAGS   ?= -O2 -g
ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
YAJL_LIBS  := -lyajl
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)
THREAD_LIBS := -pthread

# *_main.c files are programs (e.g. the schema exporter), not library code
LIB_SRC  := $(sort $(filter-out %_main.c,$(wildcard parser/*.c schema/*.c)))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
TEST_SUITES := $(patsubst tests/test_%.c,%,$(filter tests/test_%.c,$(TEST_SRC)))

REL  := build/release
ASAN := build/asan

.PHONY: all run check deps check-deps install uninstall clean fmt symbols \
        test-release test-asan valgrind fuzz fuzz-build fuzz-coverage \
        bench bench-quick coverage schema

all: $(REL)/sessval $(REL)/libsessval.a $(REL)/libsessval.so

# ---------------------------------------------------------------- packages
DEB_BUILD := gcc make pkg-config libyajl-dev check
DEB_TEST  := valgrind clang libclang-rt-14-dev python3 python3-jsonschema g++

deps:
	@./.ci/deps $(DEB_BUILD)

deps-test:
	@./.ci/deps $(DEB_BUILD) $(DEB_TEST)

# ---------------------------------------------------------------- objects
define BUILD_template
$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	@echo "  CC    $$@"
	$$(Q)$$(CC) $$(BASE_CFLAGS) $(2) -c $$< -o $$@

$(1)/libsessval.a: $$(patsubst %.c,$(1)/obj/%.o,$$(LIB_SRC))
	@rm -f $$@
	ar rcs $$@ $$^

$(1)/sessval: $$(patsubst %.c,$(1)/obj/%.o,$$(CLI_SRC)) $(1)/libsessval.a
	$$(CC) $(2) $$^ -o $$@ $$(YAJL_LIBS) $$(THREAD_LIBS) -lm

$(1)/suites.h: Makefile $$(TEST_SRC)
	@mkdir -p $(1)
	@printf '%s\n' $$(foreach s,$$(TEST_SUITES),"SV_SUITE($$(s))") > $$@

$(1)/obj/tests/check_main.o: $(1)/suites.h
$(1)/obj/tests/%.o: BASE_CFLAGS += -I$(1) -Itests

$(1)/run-tests: $$(patsubst %.c,$(1)/obj/%.o,$$(TEST_SRC)) $(1)/libsessval.a
	$$(CC) $(2) $$^ -o $$@ $$(YAJL_LIBS) $$(CHECK_LIBS) $$(THREAD_LIBS) -lm
endef

$(eval $(call BUILD_template,$(REL),$(CFLAGS)))
$(eval $(call BUILD_template,$(ASAN),$(ASAN_CFLAGS)))

$(REL)/libsessval.so: $(patsubst %.c,$(REL)/obj/%.o,$(LIB_SRC))
	$(CC) -shared -Wl,-soname,$(SONAME) $(CFLAGS) $^ -o $@ $(YAJL_LIBS)

-include $(shell find build -name '*.d' 2>/dev/null)

# Fragments owned by their directories (bench targets, fuzz targets).
include $(sort $(wildcard bench/*.mk fuzz/*.mk tests/*.mk schema/*.mk))

# ---------------------------------------------------------------- run
SEED := corpus/valid/seed-page.json

run: deps all
	@echo "== sessval $(SEED)"
	@$(REL)/sessval $(SEED)

# ---------------------------------------------------------------- tests
test-release: $(REL)/run-tests $(REL)/sessval
	SV_BUILD=$(REL) $(REL)/run-tests

test-asan: $(ASAN)/run-tests $(ASAN)/sessval
	SV_BUILD=$(ASAN) ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(ASAN)/run-tests

# Suites owned by their directories join when their fragment exists.
CHECK_EXTRA := test-golden test-install $(if $(wildcard tests/cli.mk),test-cli) \
               $(if $(wildcard fuzz/fuzz.mk),fuzz-replay) \
               $(if $(wildcard schema/schema.mk),test-schema)

check: deps test-release test-asan symbols $(CHECK_EXTRA)
	@echo "make check: all tests passed (release and ASan+UBSan)"

# Every exported symbol of the shared library must carry the sv_ prefix.
symbols: $(REL)/libsessval.so
	@bad=$$(nm -D --defined-only $< | awk '$$2 ~ /[TDBR]/ {print $$3}' | grep -v '^sv_' || true); \
	if [ -n "$$bad" ]; then echo "exported symbols without sv_ prefix:"; echo "$$bad"; exit 1; fi; \
	echo "symbols: every export of libsessval.so starts with sv_"

valgrind: $(REL)/sessval
	@for f in corpus/valid/*.json corpus/invalid/*.json; do \
	  valgrind -q --error-exitcode=99 --leak-check=full $(REL)/sessval --quiet $$f; \
	  rc=$$?; if [ $$rc -eq 99 ]; then echo "valgrind: $$f"; exit 1; fi; done; \
	echo "valgrind: clean over the corpus"

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(BINDIR) \
	    $(DESTDIR)$(PKGDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(REL)/libsessval.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(REL)/libsessval.so $(DESTDIR)$(LIBDIR)/libsessval.so.$(VERSION)
	ln -sf libsessval.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsessval.so
	install -m 644 parser/sessval.h $(DESTDIR)$(INCDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    parser/sessval.pc.in > $(DESTDIR)$(PKGDIR)/sessval.pc
	install -m 755 $(REL)/sessval $(DESTDIR)$(BINDIR)/
	if [ -f cli/sessval.1 ]; then install -m 644 cli/sessval.1 $(DESTDIR)$(MANDIR)/man1/; fi

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libsessval.a $(DESTDIR)$(LIBDIR)/libsessval.so* \
	    $(DESTDIR)$(INCDIR)/sessval.h $(DESTDIR)$(PKGDIR)/sessval.pc \
	    $(DESTDIR)$(BINDIR)/sessval $(DESTDIR)$(MANDIR)/man1/sessval.1

fmt:
	clang-format -i parser/*.[ch] schema/*.[ch] cli/*.[ch] tests/*.[ch] fuzz/*.c bench/*.c

clean:
	rm -rf build

# The JSON Schema export (schema/export_main.c) and its checks.
#
#   make schema        regenerate schema/jobsessions.*.schema.json from the
#                      tables (commit the result)
#   make test-schema   (part of make check) export to a scratch directory
#                      and compare with the committed files, then run the
#                      differential test (tests/differential/diff.py):
#                      thousands of mutated documents validated by sessval
#                      and by Python's jsonschema against the exports, the
#                      same verdict required; and the v8 export against
#                      the vendor's OpenAPI document when it is beside the
#                      repository (tests/differential/spec.py)
#
# Files: jobsessions.v1.schema.json (draft 2020-12),
# jobsessions.v1.draft04.schema.json, and the same two for v8 (--api=v8).

.PHONY: schema test-schema test-schema-files test-schema-diff

SCHEMA_EXPORT := $(REL)/sessval-schema
# api:draft:file
SCHEMA_VARIANTS := v1:2020-12:jobsessions.v1.schema.json \
                   v1:04:jobsessions.v1.draft04.schema.json \
                   v8:2020-12:jobsessions.v8.schema.json \
                   v8:04:jobsessions.v8.draft04.schema.json
SCHEMA_FILES := $(foreach v,$(SCHEMA_VARIANTS),schema/$(lastword $(subst :, ,$(v))))
# Debian's python3, where apt installs python3-jsonschema
SCHEMA_PYTHON := /usr/bin/python3
SCHEMA_DIFF_DOCS ?= 4000
SCHEMA_DIFF_SEED ?= 1

# every variant into the directory $$dir (shell)
SCHEMA_WRITE = for v in $(SCHEMA_VARIANTS); do \
	    api=$${v%%:*}; rest=$${v\#*:}; draft=$${rest%%:*}; file=$${rest\#*:}; \
	    $(SCHEMA_EXPORT) --api=$$api --draft=$$draft -o "$$dir/$$file" || exit 1; \
	done

$(SCHEMA_EXPORT): $(REL)/obj/schema/export_main.o $(REL)/libsessval.a
	$(CC) $(CFLAGS) $^ -o $@ $(YAJL_LIBS)

schema: $(SCHEMA_EXPORT)
	@dir=schema; $(SCHEMA_WRITE)
	@echo "schema: wrote $(SCHEMA_FILES)"

test-schema: test-schema-files test-schema-diff

test-schema-files: $(SCHEMA_EXPORT)
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; $(SCHEMA_WRITE); \
	fail=0; for f in $(SCHEMA_FILES); do \
	    if ! cmp -s "$$f" "$$dir/$${f#schema/}"; then \
	        echo "test-schema: $$f differs from a fresh export of the tables:"; \
	        diff -u "$$f" "$$dir/$${f#schema/}" | head -20; fail=1; \
	    fi; \
	done; \
	if [ $$fail -ne 0 ]; then \
	    echo "test-schema: the tables changed: run 'make schema' and commit schema/*.schema.json"; \
	    exit 1; \
	fi; \
	echo "test-schema: the committed schemas are the tables' export ($(words $(SCHEMA_FILES)) files)"

test-schema-diff: $(REL)/sessval
	@./.ci/deps python3 python3-jsonschema
	@SV_BUILD=$(REL) $(SCHEMA_PYTHON) tests/differential/diff.py \
	    --docs $(SCHEMA_DIFF_DOCS) --seed $(SCHEMA_DIFF_SEED)
	@$(SCHEMA_PYTHON) tests/differential/spec.py

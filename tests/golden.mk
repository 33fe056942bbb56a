# Golden corpus (tests/golden.sh): `make test-golden` compares, `make golden`
# rewrites the expected files after a deliberate change (review the diff).
.PHONY: test-golden golden readme
test-golden: $(REL)/sessval
	@tests/golden.sh $(REL)/sessval
	@tests/catalogue.sh $(REL)/sessval > $(REL)/catalogue.md; \
	awk '/<!-- diag:begin -->/,/<!-- diag:end -->/' README.md | \
	  cmp -s - $(REL)/catalogue.md || \
	  { echo "README.md: the diagnostics catalogue differs from sessval --explain (make readme)"; exit 1; }

# Rewrite the README's generated diagnostics catalogue.
readme: $(REL)/sessval
	@tests/catalogue.sh $(REL)/sessval > $(REL)/catalogue.md
	@python3 -c 'import re,sys; r=open("README.md").read(); c=open(sys.argv[1]).read(); r=re.sub(r"<!-- diag:begin -->.*?<!-- diag:end -->\n", lambda m: c, r, flags=re.S); open("README.md","w").write(r)' $(REL)/catalogue.md
	@echo "README.md: diagnostics catalogue rewritten"

golden: $(REL)/sessval
	@GOLDEN_UPDATE=1 tests/golden.sh $(REL)/sessval
	@git status --short corpus/invalid | head -20

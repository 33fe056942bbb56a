# Golden corpus (tests/golden.sh): `make test-golden` compares, `make golden`
# rewrites the expected files after a deliberate change (review the diff).
.PHONY: test-golden golden readme
test-golden: $(REL)/sessval
	@tests/golden.sh $(REL)/sessval
	@for part in diag:catalogue example:example; do \
	  m=$${part%%:*}; s=$${part#*:}; \
	  tests/$$s.sh $(REL)/sessval | sed -E 's/[0-9.]+ ms\)/T ms)/' > $(REL)/$$s.md; \
	  awk "/<!-- $$m:begin -->/,/<!-- $$m:end -->/" README.md | \
	    sed -E 's/[0-9.]+ ms\)/T ms)/' | cmp -s - $(REL)/$$s.md || \
	    { echo "README.md: the $$m section differs from tests/$$s.sh (make readme)"; exit 1; }; \
	done

# Rewrite the README's generated diagnostics catalogue.
readme: $(REL)/sessval
	@for part in diag:catalogue example:example; do \
	  m=$${part%%:*}; s=$${part#*:}; \
	  tests/$$s.sh $(REL)/sessval > $(REL)/$$s.md; \
	  python3 -c 'import re,sys; m=sys.argv[1]; r=open("README.md").read(); c=open(sys.argv[2]).read(); n=re.sub(r"<!-- "+m+r":begin -->.*?<!-- "+m+r":end -->\n", lambda x: c, r, flags=re.S); n=n if n!=r or ("<!-- "+m+":begin") in r else r.replace("<!-- diag:begin -->", c+"\n<!-- diag:begin -->"); open("README.md","w").write(n)' $$m $(REL)/$$s.md; \
	done
	@echo "README.md: generated sections rewritten"

golden: $(REL)/sessval
	@GOLDEN_UPDATE=1 tests/golden.sh $(REL)/sessval
	@git status --short corpus/invalid | head -20

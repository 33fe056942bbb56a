# Golden corpus (tests/golden.sh): `make test-golden` compares, `make golden`
# rewrites the expected files after a deliberate change (review the diff).
.PHONY: test-golden golden
test-golden: $(REL)/sessval
	@tests/golden.sh $(REL)/sessval

golden: $(REL)/sessval
	@GOLDEN_UPDATE=1 tests/golden.sh $(REL)/sessval
	@git status --short corpus/invalid | head -20

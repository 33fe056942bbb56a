# `make check-sarif`: sessval's SARIF logs validated by Microsoft's SARIF
# Multitool (tests/sarif-validate.sh; fetched once into build/sarif/,
# skipped with a message when it cannot be).  Run by .ci/run.
.PHONY: check-sarif
check-sarif: $(REL)/sessval
	@tests/sarif-validate.sh $(REL)/sessval

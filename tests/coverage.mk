# `make coverage`: the Check suites and the golden corpus run against a
# --coverage build (build/coverage); gcov then prints line and branch
# coverage of every file of parser/ and schema/, and the total.
# (make coverage-time gives the time code's own figure from its suite.)
.PHONY: coverage
COV := build/coverage
COV_CFLAGS := -O0 -g --coverage

$(eval $(call BUILD_template,$(COV),$(COV_CFLAGS)))

coverage: $(COV)/run-tests $(COV)/sessval
	@find $(COV) -name '*.gcda' -delete
	@SV_BUILD=$(COV) CK_FORK=no $(COV)/run-tests >/dev/null 2>&1 || \
	  { echo "coverage: the test suites fail; run make check"; exit 1; }
	@tests/golden.sh $(COV)/sessval >/dev/null
	@cd $(COV) && for f in $(LIB_SRC); do \
	  gcov -b -n -o obj/$$(dirname $$f) ../../$$f 2>/dev/null | \
	  awk -v f=$$f ' \
	    /^File / { mine = index($$0, f) > 0 } \
	    mine && /^Lines executed/ { split($$2, a, "%"); sub("executed:", "", a[1]); \
	      lp = a[1]; split($$0, x, " of "); ln = x[2] } \
	    mine && /^Taken at least once/ { split($$0, t, ":"); split(t[2], u, "% of "); \
	      bp = u[1]; bn = u[2] } \
	    END { printf "%-22s lines %6.2f%% of %-5d branches taken %6.2f%% of %d\n", \
	      f, lp, ln, bp, bn; print lp * ln / 100, ln, bp * bn / 100, bn > "/dev/stderr" }'; \
	done 2>totals.txt
	@awk '{ l += $$1; ln += $$2; b += $$3; bn += $$4 } \
	  END { printf "%-22s lines %6.2f%% of %-5d branches taken %6.2f%% of %d\n", \
	  "total", 100 * l / ln, ln, 100 * b / bn, bn }' $(COV)/totals.txt

# `make install` into a temporary prefix, then build the README's embedding
# example (tests/install/embed.c, which must appear verbatim in README.md)
# with pkg-config against the installed copy and run it on the seed capture.
.PHONY: test-install
test-install: all
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(MAKE) -s install PREFIX=$$tmp >/dev/null && \
	python3 -c 'import sys; r=open("README.md").read(); c=open("tests/install/embed.c").read(); sys.exit(0 if c in r else 1)' || \
	  { echo "test-install: README.md lacks tests/install/embed.c verbatim"; exit 1; }; \
	export PKG_CONFIG_PATH=$$tmp/lib/pkgconfig && \
	$(CC) -std=c11 -Wall -Wextra -Werror tests/install/embed.c -o $$tmp/embed \
	    $$(pkg-config --cflags --libs sessval) && \
	LD_LIBRARY_PATH=$$tmp/lib $$tmp/embed < corpus/valid/seed-page.json > $$tmp/out && \
	n=$$(wc -l < $$tmp/out) && [ "$$n" -eq 14 ] && \
	$(CC) -std=c11 -Wall -Wextra -Werror tests/install/embed.c -o $$tmp/embed-static \
	    $$(pkg-config --cflags sessval) $$tmp/lib/libsessval.a $$(pkg-config --libs-only-l --static sessval | sed 's/-lsessval//') && \
	$$tmp/embed-static < corpus/valid/seed-page.json > /dev/null && \
	! LD_LIBRARY_PATH=$$tmp/lib $$tmp/embed < corpus/invalid/type-usn-string.json > /dev/null 2>&1 && \
	{ ! command -v g++ >/dev/null 2>&1 || \
	  { g++ -std=c++11 -Wall -Wextra -Werror -pedantic tests/install/cxx.cc -o $$tmp/cxx \
	      $$(pkg-config --cflags --libs sessval) && LD_LIBRARY_PATH=$$tmp/lib $$tmp/cxx; }; } && \
	echo "test-install: installed library, header and sessval.pc build the README example (shared and static; the header as C++ too); it reads the 14 sessions of the seed"

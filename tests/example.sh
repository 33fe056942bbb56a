#!/usr/bin/env bash
# tests/example.sh SESSVAL - print the README's before/after example
# (between <!-- example:begin --> and <!-- example:end -->): a one-line
# capture with four mistakes real consumers make, then the same capture
# fixed.  `make test-golden` checks README.md against it (times aside);
# `make readme` rewrites it.
set -u
export LC_ALL=C.UTF-8
SV=${1:?usage: example.sh SESSVAL}
case $SV in /*) ;; *) SV=$PWD/$SV ;; esac
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cp corpus/invalid/capture-minified.json "$W/capture.json"
cp corpus/valid/seed-page-minified.json "$W/capture-fixed.json"
cd "$W" || exit 1
echo "<!-- example:begin -->"
echo "## A broken capture, before and after"
echo
echo "\`capture.json\` is a 7 KB page on one line, as \`curl -s\` saves it, with"
echo "four mistakes that real consumers make: a number sent as a string, the"
echo "status vocabulary of Veeam Backup for AWS, a duration in milliseconds and"
echo "a timestamp without its \`T\` and offset.  Each is found at its byte, with"
echo "a window of the line around it:"
echo
echo '```'
echo '$ sessval capture.json'
"$SV" --color=never capture.json 2>&1
echo "\$ echo \$?"
"$SV" --quiet capture.json; echo $?
echo '```'
echo
echo "With the four values fixed:"
echo
echo '```'
echo '$ sessval capture-fixed.json'
"$SV" --color=never capture-fixed.json 2>&1
echo "\$ echo \$?"
"$SV" --quiet capture-fixed.json; echo $?
echo '```'
echo "<!-- example:end -->"

#!/usr/bin/env bash
# tests/cli/readme.sh SESSVAL - print the README's command-line section
# (between <!-- cli:begin --> and <!-- cli:end -->) with the real output of
# SESSVAL in it.  Run from the repository root.  tests/cli/run.sh checks
# that README.md holds what this prints (times aside); UPDATE=1 there
# rewrites it.
#
# The examples run in a scratch directory holding captures/capture.json
# (tests/cli/data/capture.json) and captures/seed-page.json (the vendor's
# example), so the paths read as a user's would.
set -u
export LC_ALL=C.UTF-8
unset NO_COLOR CI GITHUB_ACTIONS GITHUB_STEP_SUMMARY
SV=${1:?usage: readme.sh SESSVAL}
case $SV in /*) ;; *) SV=$PWD/$SV ;; esac
ROOT=$PWD
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir "$W/captures"
cp tests/cli/data/capture.json "$W/captures/capture.json"
cp corpus/valid/seed-page.json "$W/captures/seed-page.json"
cd "$W" || exit 1

# "$ sessval ARGS" and what it prints (stdout, then stderr)
show() {
    echo "\$ sessval $*"
    "$SV" "$@" 2>&1
}

cat <<EOF
<!-- cli:begin -->
## Command line

\`\`\`
sessval [OPTIONS] [FILE|DIR|-]...
\`\`\`

Each FILE is validated; each DIR is searched recursively for \`*.json\`,
\`*.ndjson\`, \`*.har\` and \`*.http\` files (in name order); \`-\`, or no
argument, reads standard input, so \`curl ... | sessval\` works.  Inputs are
streamed in 256 KiB reads: a 2 GB capture takes the same memory as a 2 KB
one (the CLI's peak RSS is about 2 MiB for a 1 MB page and for a 256 MB one,
\`make test-cli\` measures it; the duplicate-id check is the exception, it
keeps the ids of a page: \`--no-duplicate-ids\` turns it off).

| option | |
|---|---|
| \`--kind=auto\|page\|session\|log\` | what each document is; \`auto\` decides from the first member only one kind has |
| \`--multi\`, \`--multi=ndjson\` | several top-level values per input (any whitespace, or one per line); \`*.ndjson\` files imply \`=ndjson\` |
| \`--strict\` | warnings count as errors |
| \`--max-errors=N\` | diagnostics shown per input (default 50, 0 = all); the rest are counted in a note |
| \`--format=text\|json\|sarif\|github\` | the diagnostic format, below |
| \`--color=auto\|always\|never\` | colours in \`text\`; \`auto\`: on a terminal, unless \`NO_COLOR\` is set |
| \`-q\`, \`--quiet\` | no output; the exit status tells |
| \`--extract=ndjson\|csv\` | every session record to standard output; diagnostics go to standard error |
| \`-j N\`, \`--jobs=N\` | validate N inputs at once (0 = one per CPU); the output is identical to \`--jobs=1\` |
| \`--explain [CODE]\` | what a diagnostic code means and how to fix the payload; no CODE lists them |
| \`--no-duplicate-ids\` | skip the duplicate-id check (flat memory on huge pages) |
| \`-h\`, \`--help\`, \`--version\` | |

Exit status: **0** every input valid (warnings allowed unless \`--strict\`),
**1** some input invalid, **2** usage or I/O error (an unreadable input is
named on standard error and the others are still validated; 2 wins over 1).
The manual, \`man sessval\` (\`cli/sessval.1\`, installed by \`make install\`),
has the details.

A progress line (bytes, percent, MB/s, time left) is drawn on standard error
for inputs of 64 MiB or more, only on a terminal, never in CI.

### text (the default)

Compiler-style lines with the offending line and a caret (long lines of
minified captures are shown as a window around the caret); a summary per
input and a total on standard error.

\`\`\`
$(show captures/)
\`\`\`

### json

One object per diagnostic per line, members exactly \`file, severity,
code, pointer, offset, line, column, message\` (\`column\` counts bytes):

\`\`\`
$(show --format=json captures/capture.json)
\`\`\`

### sarif

One SARIF 2.1.0 log for the whole run, for code-scanning tools (GitHub's
\`upload-sarif\`): a rule per diagnostic code (with its \`--explain\` text,
a Pascal-case name and a \`helpUri\` to its entry in the catalogue below),
a result per diagnostic with the file relative to \`%SRCROOT%\` (the working
directory), \`startLine\`, \`startColumn\` in Unicode code points
(\`columnKind\`) and \`byteOffset\`, and the JSON Pointer as a logical
location.  Unreadable inputs and \`--max-errors\` cuts are tool
notifications.  \`make check-sarif\` (run by CI) puts the logs of the corpus
through Microsoft's SARIF Multitool (\`validate\`: the 2.1.0 schema and the
SARIF rules): no error or warning.  Its remaining notes are advice the
format deliberately does not take: rule ids are sessval's codes (the same
in every format and in \`--explain\`) rather than \`SV1001\`-style numbers,
and messages are text rather than message-string ids.  Here with all but one of the $("$SV" --explain | awk 'NR > 2 && NF' | wc -l) rules left out:

\`\`\`
$(echo '$ sessval --format=sarif captures/'
  "$SV" --format=sarif captures/ 2>&1 |
    sed -E 's#"uri": "file://[^"]*"#"uri": "file:///home/me/"#' |
    awk '/^ *\{"id":"truncated"/ { print "            ..."; skip = 1 }
         /^          \]$/ { skip = 0 }
         !skip')
\`\`\`

### github

Workflow commands that GitHub turns into annotations on the pull request,
every error of every input before the first warning (GitHub shows only
10 of each type per step); \`%\`, CR and LF are escaped, and \`:\` and \`,\`
in the properties.  With \`GITHUB_STEP_SUMMARY\` set, a Markdown table of
every finding per file is appended to the job summary.

\`\`\`
$(show --format=github captures/)
\`\`\`

In a workflow:

\`\`\`yaml
- run: sessval --format=github captures/
- run: sessval --format=sarif captures/ > sessval.sarif
  if: always()
- uses: github/codeql-action/upload-sarif@v3
  if: always()
  with: { sarif_file: sessval.sarif }
\`\`\`

### --extract

Every session record, flattened (job-info members prefixed), timestamps in
RFC 3339 UTC, the duration as written and in seconds, \`errors\` and
\`warnings\` per record; CSV per RFC 4180 with a header row, or NDJSON with
the same names (with \`--api=v8\` or \`auto\`, the members v8.1 adds
follow).  Load it into jq, pandas, DuckDB or a spreadsheet:

\`\`\`
$(echo '$ sessval --extract=csv captures/ 2>/dev/null | head -3'
  "$SV" --extract=csv captures/ 2>/dev/null | head -3 | tr -d '\r')
\`\`\`

\`\`\`
$(echo '$ sessval --extract=ndjson captures/capture.json 2>/dev/null | head -1'
  "$SV" --extract=ndjson captures/capture.json 2>/dev/null | head -1)
\`\`\`

\`\`\`sql
-- DuckDB
SELECT status, count(*), avg(executionDurationSeconds)
FROM read_csv('sessions.csv') GROUP BY status;
\`\`\`
<!-- cli:end -->
EOF

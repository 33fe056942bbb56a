#!/usr/bin/env bash
# tests/catalogue.sh SESSVAL - print the README's diagnostics catalogue
# (between <!-- diag:begin --> and <!-- diag:end -->) from SESSVAL's own
# --explain texts, so the README and the tool cannot drift apart.
# `make test-golden` checks README.md against it; `make readme` rewrites it.
set -u
export LC_ALL=C.UTF-8
SV=${1:?usage: catalogue.sh SESSVAL}
echo "<!-- diag:begin -->"
echo "## Diagnostics"
echo
echo "Every diagnostic has a stable code, a severity (\`--strict\` makes every"
echo "warning an error), the JSON Pointer of the offending value, its byte"
echo "offset, line and column (of the value's first byte), and a message saying"
echo "what was expected and what was found.  \`sessval --explain\` lists the"
echo "codes; \`sessval --explain CODE\` prints the entry below."
echo
echo "| code | severity | meaning |"
echo "|---|---|---|"
"$SV" --explain | awk 'NR > 2 && NF { c = $1; s = $2; $1 = ""; $2 = "";
    sub(/^  */, ""); printf "| [`%s`](#%s) | %s | %s |\n", c, c, s, $0 }'
for code in $("$SV" --explain | awk 'NR > 2 && NF { print $1 }'); do
    echo
    "$SV" --explain "$code" | awk -v code="$code" '
        function flush() {
            if (text == "") return
            if (section == "") printf "*%s*\n\n", text
            else if (section == "Example") printf "Example: `%s`\n\n", text
            else printf "%s: %s\n\n", section, text
            text = ""
        }
        NR == 1 { printf "### %s\n\n", code; next }
        /^(Meaning|Example|Fix)$/ { flush(); section = $0; next }
        /^  / { sub(/^  +/, ""); text = text == "" ? $0 : text " " $0; next }
        END { flush() }' | sed '$d'
done
echo "<!-- diag:end -->"

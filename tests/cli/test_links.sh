#!/usr/bin/env bash
# Links in the outputs come only from web and mail addresses. A source's "url" is whatever the
# input file says: javascript:, data:, vbscript: and the rest (any case, with whitespace inside,
# which the Sources list used to strip into a working "javascript:") are shown as text, never a
# Markdown autolink in report.md or a /URI action in report.pdf; http, https and mailto stay
# links in both. Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch links
export LC_ALL=C.UTF-8
command -v cmark-gfm >/dev/null || { echo "cmark-gfm not installed"; exit 77; }
command -v qpdf >/dev/null || { echo "qpdf not installed"; exit 77; }

# One source per URL, each its own file and its own section (config "match" on the title).
urls=('javascript:alert(document.cookie)' 'JaVaScRiPt:alert(1)' 'java script:alert(2)'
  'java	script:alert(3)' 'DATA:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg=='
  'data:text/html,<script>alert(5)</script>' 'vbscript:msgbox(6)' ' VBScript:msgbox(7)'
  'file:///etc/passwd' 'https://example.org/good' 'mailto:maintainers@example.org')
sections=""
for i in "${!urls[@]}"; do
  url=$(printf '%s' "${urls[$i]}" | sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g')
  cat >"src$i.json" <<EOF
{"format": "llmreport/1", "source": {"kind": "paper", "title": "Paper $i", "url": "$url"},
 "results": [{"model": "M$i", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": $((50 + i)),
   "scale": "percent"}]}
EOF
  sections="$sections${sections:+,}{\"title\": \"Section $i\", \"match\": \"Paper $i\"}"
done
printf '{"format": "llmreport-config/1", "sections": [%s]}\n' "$sections" >cfg.json

"$bin" build -q -c cfg.json -f md,pdf -o out src*.json 2>err.txt
rc=$?
check "build exits 0 (exit $rc: $(head -c 300 err.txt))" test $rc -eq 0
md=out/report.md
check "report.md written" test -s "$md"

# report.md as GitHub reads it: the only link targets are the two good ones.
html=$(cmark-gfm --extension table --extension autolink --unsafe "$md")
hrefs=$(grep -o 'href="[^"]*"' <<<"$html" | sed 's/^href="//; s/"$//' | grep -v '^#' | sort -u)
bad_hrefs=$(grep -viE '^(https?://|mailto:)' <<<"$hrefs")
check "no link in report.md other than http, https, mailto ($bad_hrefs)" test -z "$bad_hrefs"
check "the https source is a link in report.md" grep -qx 'https://example.org/good' <<<"$hrefs"
check "the mailto source is a link in report.md" grep -qx 'mailto:maintainers@example.org' <<<"$hrefs"
# nor an autolink in the Markdown text itself (whatever renders it)
autolinks=$(grep -oiE '<[a-z][a-z0-9+.-]*:[^ <>]*>' "$md" | grep -viE '^<(https?://|mailto:)')
check "no autolink with another scheme in report.md ($autolinks)" test -z "$autolinks"
# the dangerous addresses are still shown, as text: once in their section, once in Sources
for i in 0 1 6; do
  n=$(sed 's/\\//g' "$md" | grep -cF -- "${urls[$i]}")
  check "url $i shown as text twice in report.md (got $n)" test "$n" -eq 2
done
check "the url with a space is shown as text, space kept" \
  test "$(sed 's/\\//g' "$md" | grep -cF 'java script:alert(2)')" -eq 2

# report.pdf: every /URI action is http, https or mailto; the good ones are there.
uris=$(qpdf --qdf --object-streams=disable out/report.pdf - 2>/dev/null | grep -a '/URI (' |
  sed 's/.*\/URI (//; s/)$//' | sort -u)
bad_uris=$(grep -viE '^(https?://|mailto:)' <<<"$uris")
check "no /URI in report.pdf other than http, https, mailto ($bad_uris)" test -z "$bad_uris"
check "the https source is a /URI in report.pdf" grep -qx 'https://example.org/good' <<<"$uris"
check "the mailto source is a /URI in report.pdf" grep -qx 'mailto:maintainers@example.org' <<<"$uris"
if command -v pdftotext >/dev/null; then
  text=$(pdftotext out/report.pdf - 2>/dev/null)
  check "report.pdf shows the javascript: address as text" grep -qF 'javascript:alert(document.cookie)' <<<"$text"
fi

finish

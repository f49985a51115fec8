#!/usr/bin/env bash
# Hostile and broken input: what strangers' files (leaderboard submissions, pull requests) can
# hold. Each case asserts the exact message and exit status, and that the outputs stay
# well-formed and inside OUT/. Small fixtures are in tests/data/hostile/; big ones are made here.
# Run by ctest with LLMREPORT (the binary), LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch hostile
data=$src/tests/data/hostile
cp "$data"/*.json "$data"/*.csv . && cp -R "$data/templates" . || exit 1
export LC_ALL=C

good='{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"},
 {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"}]}'
printf '%s\n' "$good" > good.json
nothing="llmreport: error: no results found in the inputs given"

# GFM tables stay tables: every row has as many unescaped '|' as its header, and no line without
# '|' continues a table (a newline in a name would do that).
tables_intact() {
  awk '
    function cells(s,   i, c, n) {
      n = 0
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\") { i++; continue }
        if (c == "|") n++
      }
      return n
    }
    /^\|/ {
      if (!t) { t = 1; want = cells($0) }
      else if (cells($0) != want) { print FILENAME ":" FNR ": " cells($0) " cells, header " want; bad = 1 }
      next
    }
    { if (t && $0 != "") { print FILENAME ":" FNR ": table continued by a line without |"; bad = 1 } t = 0 }
    END { exit bad }' "$1"
}

# report.md as GitHub renders it: no raw HTML (cmark-gfm drops it and says so), no script, no
# javascript: link, images only of this run's charts.
html_clean() {
  local html
  html=$(cmark-gfm --extension table --extension strikethrough --extension autolink "$1") || return 1
  ! grep -q 'raw HTML omitted' <<<"$html" &&
    ! grep -qi '<script' <<<"$html" &&
    ! grep -qi 'href="javascript:' <<<"$html" &&
    ! grep -o '<img [^>]*>' <<<"$html" | grep -v 'src="charts/[a-z0-9._-]*\.svg"' | grep -q .
}

valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
no_control() { ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$1"; }

# ---- JSON at the limits -------------------------------------------------------------------------

# 10 000 levels of nesting: refused at the depth limit, with the position where it is crossed
printf '%*s' 10000 '' | tr ' ' '[' > deep.json
printf '%*s\n' 10000 '' | tr ' ' ']' >> deep.json
{ printf '%*s' 10000 '' | sed 's/ /{"a":/g'; printf '1'; printf '%*s\n' 10000 '' | tr ' ' '}'; } > deep-objects.json
expect "deep arrays" 1 "llmreport: error: deep.json:1:513: nesting deeper than 512 levels
$nothing" -- "$bin" check deep.json
expect "deep objects" 1 "llmreport: error: deep-objects.json:1:2561: nesting deeper than 512 levels
$nothing" -- "$bin" check deep-objects.json

# a 10 MB model name and a 10 MB source title: read, shortened at 512 and 2048 bytes with an
# ellipsis and one warning naming the file, so that one file cannot make the report exceed the
# output limit; the other results are unchanged
{
  printf '{"format": "llmreport/1", "source": {"title": "'
  head -c 10485760 /dev/zero | tr '\0' 't'
  printf '"}, "results": [{"model": "'
  head -c 10485760 /dev/zero | tr '\0' 'x'
  printf '", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 50, "scale": "percent"},\n'
  printf ' {"model": "small", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 40, "scale": "percent"}]}\n'
} > big-string.json
expect "10 MB strings" 0 "llmreport: warning: big-string.json: /results/0: model name of 10485760 bytes shortened to 512 bytes
llmreport: warning: big-string.json: source title of 10485760 bytes shortened to 2048 bytes" -- \
  "$bin" build -f md,json,svg,pdf -o out-big big-string.json
x509=$(head -c 509 /dev/zero | tr '\0' 'x')
t2045=$(head -c 2045 /dev/zero | tr '\0' 't')
check "long name shortened in report.md" grep -q "[^x]$x509…" out-big/report.md
check "no longer name in report.md" test "$(grep -c 'x\{510\}' out-big/report.md)" = 0
check "long title shortened in report.md" grep -q "[^t]$t2045…" out-big/report.md
check "no longer title in report.md" test "$(grep -c 't\{2046\}' out-big/report.md)" = 0
check "results.json small" test "$(stat -c %s out-big/results.json)" -lt 20000
check "the other result kept" grep -q '"small"' out-big/results.json
check "shortened results.json reads back" test "$("$bin" check -q out-big/results.json)" = \
  "1 file read, 0 not used; 2 observations, 2 models, 1 benchmarks; 0 warnings, 0 errors"

# the size limit (LLMREPORT_MAX_FILE_SIZE; default 256 MiB): a file above it is refused and
# listed, the rest still built
head -c 2000 /dev/zero | tr '\0' ' ' > over-limit.json
printf '%s\n' "$good" >> over-limit.json
expect "over the size limit" 0 "llmreport: error: over-limit.json: file is 2266 bytes, larger than the limit of 1024 bytes" -- \
  env LLMREPORT_MAX_FILE_SIZE=1K "$bin" build -q -f md -o out-limit over-limit.json good.json
check "over-limit file listed as not used" \
  grep -q '^| over-limit\.json | file is 2266 bytes, larger than the limit of 1024 bytes |' out-limit/report.md
expect "under the size limit" 0 "" -- env LLMREPORT_MAX_FILE_SIZE=2266 "$bin" check -q over-limit.json
expect "size limit malformed" 2 "llmreport: error: LLMREPORT_MAX_FILE_SIZE must be a number of bytes (K, M or G allowed), not \"12Q\"
Try 'llmreport --help'." -- env LLMREPORT_MAX_FILE_SIZE=12Q "$bin" check good.json
expect "size limit zero" 2 "llmreport: error: LLMREPORT_MAX_FILE_SIZE must be a number of bytes (K, M or G allowed), not \"0\"
Try 'llmreport --help'." -- env LLMREPORT_MAX_FILE_SIZE=0 "$bin" check good.json

# numbers: 1e400 (infinite), -0, huge integers as shots and values, n beyond any count
expect "numbers" 0 "llmreport: warning: numbers.json: /results/8/value: duplicate key: the first value is used
llmreport: warning: numbers.json: /results/0/value: value is NaN or infinite; result skipped
llmreport: warning: numbers.json: /results/2/shots: \"shots\" must be a whole number, \"mixed\" or null; result skipped
llmreport: warning: numbers.json: /results/3: 1.23457e+29 is outside 0-100 % for acc; result skipped
llmreport: warning: numbers.json: /results/5/shots: \"shots\" must be a whole number, \"mixed\" or null; result skipped
llmreport: warning: numbers.json: /results/6/shots: \"shots\" must be a whole number, \"mixed\" or null; result skipped
llmreport: note: numbers.json: unknown benchmark \"wikitext\" kept as written" -- \
  "$bin" build -f md,json -o out-numbers numbers.json
check "-0 shown as 0.0" grep -q '^| B | 0\.0 |' out-numbers/report.md
# what results.json holds, one line per observation as the CSV export of it reads it back
"$bin" export --format csv out-numbers/results.json > out-numbers/results.csv 2>/dev/null
check "huge raw value kept" grep -q '^E,wikitext,perplexity,0,,,1.2345678901234568e+29,,,raw,' out-numbers/results.csv
check "n beyond any count dropped" grep -q '^H,mmlu,acc,5,,,0,,,percent,' out-numbers/results.csv
check "no n for H in the row" sh -c "grep -A1 '\"model\": \"H\"' out-numbers/results.json | grep -qx '      \\[[0-9]*, [0-9]*, 0\\]'"

# duplicate keys: the first value counts, with a warning
expect "duplicate keys" 0 "llmreport: warning: duplicate-keys.json: /source/title: duplicate key: the first value is used (3 duplicate keys in the file)" -- \
  "$bin" build -f md,json -o out-dup duplicate-keys.json
"$bin" export --format csv out-dup/results.json > out-dup/results.csv 2>/dev/null
check "first duplicate value used" grep -q '^A,mmlu,acc,5,,,61.5,' out-dup/results.csv
check "first duplicate model used" grep -q '"model": "B"' out-dup/results.json

# invalid UTF-8: replaced with U+FFFD, one warning with the first position
expect "invalid UTF-8" 0 "llmreport: warning: invalid-utf8.json:1:51: invalid UTF-8 replaced with U+FFFD (8 bytes)" -- \
  "$bin" build -f md,json,svg -o out-utf8 invalid-utf8.json
check "report.md is UTF-8" valid_utf8 out-utf8/report.md
check "results.json is UTF-8" valid_utf8 out-utf8/results.json
check "chart is UTF-8" valid_utf8 out-utf8/charts/overview.svg
check "U+FFFD in the report" grep -q $'^| Mod\xef\xbf\xbdle \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd |' out-utf8/report.md

# byte order marks: UTF-8 read, UTF-16 refused with a reason
expect "UTF-8 BOM (JSON, CSV)" 0 "llmreport: note: bom.csv:1:1: columns not read (not benchmark scores): \"Parameters\", \"URL\"" -- \
  "$bin" check bom.json bom.csv
check "both BOM files read" test "$("$bin" check -q bom.json bom.csv 2>/dev/null)" = \
  "2 files read, 0 not used; 6 observations, 2 models, 5 benchmarks; 0 warnings, 0 errors"
expect "UTF-16" 1 "llmreport: error: utf16.json:1:1: the file is UTF-16 (byte order mark FF FE); save it as UTF-8
$nothing" -- "$bin" check utf16.json

# empty files, JSON and CSV, and whitespace only
: > empty.json
: > empty.csv
printf ' \n\t\r\n' > blank.json
expect "empty files" 1 "llmreport: error: blank.json:1:1: empty file
llmreport: error: empty.csv:1:1: empty file
llmreport: error: empty.json:1:1: empty file
$nothing" -- "$bin" check blank.json empty.csv empty.json

# ---- the file system ----------------------------------------------------------------------------

# a folder loop through symlinks: each file read once, the walk ends, and each link that leads
# back up (or to itself) is named once and listed as not used (tests/cli/test_walk.sh has more)
mkdir -p loop/a
printf '%s\n' "$good" > loop/a/r.json
ln -s .. loop/a/up
ln -s ../../loop loop/a/again
ln -s self.json loop/self.json
expect "symlink loop" 0 "llmreport: error: loop/a/again: symbolic link loop: leads back to loop, not read
llmreport: error: loop/a/up: symbolic link loop: leads back to loop, not read
llmreport: error: loop/self.json: symbolic link loop, not read" -- "$bin" check -q loop
check "loop read once" test "$("$bin" check -q loop 2>/dev/null)" = \
  "1 file read, 3 not used; 2 observations, 2 models, 1 benchmarks; 0 warnings, 3 errors"
expect "self-referencing symlink" 1 "llmreport: error: loop/self.json: cannot open: Too many levels of symbolic links
$nothing" -- "$bin" check loop/self.json

# unreadable inputs. CI runs as root, which reads a chmod 000 file: that case only runs for other
# users; a FIFO, a folder where a file is expected and /proc/self/mem fail for root too.
if [ "$(id -u)" != 0 ]; then
  printf '%s\n' "$good" > unreadable.json
  chmod 000 unreadable.json
  expect "unreadable" 0 "llmreport: error: unreadable.json: cannot open: Permission denied" -- \
    "$bin" check -q unreadable.json good.json
  chmod 644 unreadable.json
fi
mkdir -p fifo
mkfifo fifo/x.json
printf '%s\n' "$good" > fifo/good.json
expect "FIFO in a folder skipped" 0 "llmreport: error: fifo/x.json: not a regular file (a FIFO), not read" -- \
  timeout 20 "$bin" check -q fifo
expect "FIFO without a writer" 1 "llmreport: error: fifo/x.json:1:1: empty file
$nothing" -- timeout 20 "$bin" check fifo/x.json
expect "pipe with a writer" 0 "" -- "$bin" check -q <(printf '%s\n' "$good")
mkdir -p dir.json/x.json
printf '%s\n' "$good" > dir.json/x.json/r.json
expect "folder named *.json walked" 0 "" -- "$bin" check -q dir.json
expect "folder as baseline" 1 "llmreport: error: dir.json/x.json: is a directory" -- \
  "$bin" build -q --baseline dir.json/x.json -f md -o out-dir good.json
expect "folder as config" 1 "llmreport: error: dir.json/x.json: is a directory" -- \
  "$bin" build -q -c dir.json/x.json -f md -o out-dir good.json
expect "read error" 1 "llmreport: error: /proc/self/mem: read error: Input/output error
$nothing" -- "$bin" check /proc/self/mem

# a file rewritten while it is read (best effort): every run ends with a clean status, never a
# crash; a run either reads one whole version or reports a parse error
printf '%s\n' "$good" > changing.json
(
  for i in $(seq 400); do
    printf '%s\n' "$good" > changing.json
    head -c 20000 /dev/zero | tr '\0' ' ' >> changing.json
    printf '{"format": "llmreport/1", "results": [' > changing.json
  done
) &
writer=$!
changing_ok=1
for i in $(seq 20); do
  "$bin" check -q changing.json >/dev/null 2>&1
  rc=$?
  [ "$rc" -le 1 ] || { changing_ok=0; echo "changing file: exit $rc"; }
done
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
check "file changing while read" test "$changing_ok" = 1

# ---- names built to attack the outputs ----------------------------------------------------------

# HTML and Markdown injection, table breaking, control characters, path traversal in chart ids,
# a 10 000-character name, hostile file names; every output format
mkdir -p names
cp names.json names/
cp names.json 'names/a|b`c<script>.json'
cp names.json "names/new"$'\n'"line.json"
cp names.json 'names/](javascript:alert(1)).json'
printf '{"x"' > 'names/broken|`x`<b>.json'
{
  printf '{"format": "llmreport/1", "source": {"title": "long"}, "results": [{"model": "'
  head -c 10000 /dev/zero | tr '\0' 'L'
  printf '", "benchmark": "'
  head -c 10000 /dev/zero | tr '\0' 'B'
  printf '", "metric": "acc", "shots": 5, "value": 50, "scale": "percent"}]}\n'
} > names/long.json
before=$(find . -path ./out-names -prune -o -print | sort)
expect "hostile names" 0 "llmreport: error: names/broken|\`x\`<b>.json:1:5: expected ':' before end of input" -- \
  "$bin" build -q -c config.json -f md,json,svg,png,pdf -o out-names names
after=$(find . -path ./out-names -prune -o -print | sort)
check "nothing written outside OUT/" test "$before" = "$after"
check "only known files in OUT/" test -z "$(cd out-names && find . -type f | grep -Ev '^\./(report\.md|report\.pdf|results\.json|\.llmreport-output|charts/[a-z0-9][a-z0-9._-]*\.(svg|png))$')"
check "chart ids made safe" test "$(cd out-names/charts && ls *.svg | tr '\n' ' ')" = \
  "a-u0000b.svg chart-811c9dc5.svg chart-a3d4a70d.svg charts-up.svg escape.svg etc-passwd.svg x-y-31m.svg "
check "report.md tables intact" tables_intact out-names/report.md
check "report.md has no raw HTML or script" html_clean out-names/report.md
check "report.md is UTF-8" valid_utf8 out-names/report.md
check "report.md has no control characters" no_control out-names/report.md
check "all names read" test "$("$bin" check -q names 2>/dev/null)" = \
  "5 files read, 1 not used; 177 observations, 45 models, 24 benchmarks; 1 warning, 1 error"
check "results.json reads back" test "$("$bin" check -q out-names/results.json 2>/dev/null)" = \
  "1 file read, 0 not used; 177 observations, 45 models, 24 benchmarks; 0 warnings, 0 errors"
"$bin" export names.json > export.json 2>/dev/null
"$bin" export --format eee names.json > export-eee.json 2>/dev/null
check "JSON export reads back" test "$("$bin" check -q export.json 2>/dev/null)" = \
  "1 file read, 0 not used; 44 observations, 44 models, 23 benchmarks; 0 warnings, 0 errors"
check "EEE export reads back" test "$("$bin" check -q export-eee.json 2>/dev/null)" = \
  "1 file read, 0 not used; 44 observations, 44 models, 23 benchmarks; 0 warnings, 0 errors"
check "PDF well-formed" qpdf --check out-names/report.pdf >/dev/null 2>&1
svg_ok=1
for f in out-names/charts/*.svg; do rsvg-convert "$f" >/dev/null 2>&1 || { svg_ok=0; echo "bad SVG $f"; }; done
check "SVGs render" test "$svg_ok" = 1
"$bin" check names >/dev/null 2>names-stderr.txt
check "diagnostics: one line each, no control characters" no_control names-stderr.txt
check "diagnostics: line breaks in names flattened" grep -q '"line break  here"' names-stderr.txt
check "long name shortened in the report" grep -q "[^L]$(head -c 509 /dev/zero | tr '\0' 'L')…" out-names/report.md
check "long benchmark shortened in the report" grep -q "[^B]$(head -c 509 /dev/zero | tr '\0' 'B')…" out-names/report.md

# ---- templates ----------------------------------------------------------------------------------

t=templates
expect "template: unclosed section" 3 "llmreport: error: $t/unclosed.md:3:1: unclosed section \"overview\"" -- \
  "$bin" build -q -f md -t "$t/unclosed.md" -o out-t good.json
expect "template: unclosed tag" 3 "llmreport: error: $t/unclosed-tag.md:2:1: unclosed tag: expected \"}}\"" -- \
  "$bin" build -q -f md -t "$t/unclosed-tag.md" -o out-t good.json
expect "template: mismatched close" 3 "llmreport: error: $t/mismatch.md:3:1: closing tag \"b\" does not match open section \"a\"" -- \
  "$bin" build -q -f md -t "$t/mismatch.md" -o out-t good.json
expect "template: recursive partial" 3 "llmreport: error: loop:1:7: partial nesting deeper than 64" -- \
  "$bin" build -q -f md -t "$t/recursive.md" -o out-t good.json
expect "template: partial outside the folder" 3 "llmreport: error: $t/escape.md:2:1: partial \"../../etc/passwd\" refused: partials are plain names of files beside the template" -- \
  "$bin" build -q -f md -t "$t/escape.md" -o out-t good.json
expect "template: absolute partial" 3 "llmreport: error: $t/absolute.md:2:1: partial \"/etc/passwd\" refused: partials are plain names of files beside the template" -- \
  "$bin" build -q -f md -t "$t/absolute.md" -o out-t good.json
check "failed templates wrote nothing" test ! -e out-t/report.md
expect "template: unknown names" 0 "" -- "$bin" build -q -f md -t "$t/unknown.md" -o out-t good.json
check "unknown names render empty" test "$(cat out-t/report.md)" = "# Unknown: [] [] [] inverted"

finish test_hostile

#!/usr/bin/env bash
# Command-line tests: exit statuses, exact messages, and what is (not) written.
# Run by ctest with LLMREPORT (the binary), LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch cli

good='{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"},
 {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"}]}'
printf '%s\n' "$good" > good.json
printf '{"format": "llmreport/1",\n "results": [\n  {"model": "A" "benchmark": "x"}\n ]}\n' > malformed.json
printf '{"format": "llmreport/1", "results": {"a": 1}}\n' > wrongtype.json
printf '{"hello": 1}\n' > unknown.json
printf '{"format": "llmreport/1", "results": [{"model": "C", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": "high", "scale": "percent"}, {"model": "D", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 101, "scale": "percent"}]}\n' > values.json
: > empty.json

# usage errors: exit 2
expect "no command" 2 "$("$bin" 2>&1 >/dev/null)" -- "$bin"
expect "unknown command" 2 "llmreport: error: unknown command \"frobnicate\"
Try 'llmreport --help'." -- "$bin" frobnicate
expect "unknown option" 2 "llmreport: error: unknown option \"--nope\"
Try 'llmreport --help'." -- "$bin" build --nope good.json
expect "no input" 2 "llmreport: error: build needs at least one INPUT
Try 'llmreport --help'." -- "$bin" build
expect "bad jobs" 2 "llmreport: error: -j takes a number of threads from 1 to 256, not \"0\"
Try 'llmreport --help'." -- "$bin" build -j 0 good.json
expect "bad output format" 2 "llmreport: error: unknown output format \"doc\" (formats: md, json, svg, png, pdf, changes, csv)" -- "$bin" build -f md,doc -o out good.json
expect "bad input format" 2 "llmreport: error: unknown format \"nope\" (formats: native, lm-eval, lm-eval-v0.3, oll-v1, oll-table, bigcode, eee, helm, lighteval, inspect)" -- "$bin" check --format nope good.json
expect "bad export format" 2 "llmreport: error: export format must be json, csv or eee, not \"xml\"
Try 'llmreport --help'." -- "$bin" export --format xml good.json

check "--version" test "$("$bin" --version)" = "llmreport 0.1.0"
check "--help lists commands" grep -q "^  build " <("$bin" --help)
check "build --help lists --baseline" grep -q -- "--baseline FILE" <("$bin" build --help)

# bad input: one line each, the file skipped, the rest still built
# (in byte order of the paths, whatever the order given: the same inputs, the same report)
expect "each bad file reported" 0 "llmreport: error: empty.json:1:1: empty file
llmreport: error: malformed.json:3:17: expected ',' or '}' before '\"'
llmreport: error: missing.json: cannot open: No such file or directory
llmreport: error: unknown.json: format not recognised (not llmreport/1, lm-evaluation-harness, Open LLM Leaderboard, bigcode-evaluation-harness, Every Eval Ever, lighteval or Inspect AI)
llmreport: warning: values.json: /results/0/value: \"value\" must be a number; result skipped
llmreport: warning: values.json: /results/1: 101 is outside 0-100 % for acc; result skipped
llmreport: error: values.json: none of its results could be used
llmreport: error: wrongtype.json: /results: \"results\" must be a list of results" -- \
  "$bin" build -f md,json -o out good.json malformed.json wrongtype.json unknown.json empty.json values.json missing.json
check "report written despite bad inputs" test -s out/report.md
check "bad files listed under Inputs not used" grep -q '^| malformed.json | 3:17: expected' out/report.md
check "missing file listed" grep -q '^| missing.json | cannot open: No such file or directory |' out/report.md
check "good results in the report" grep -q '^| A | \*\*70\.0\*\* |' out/report.md

# --strict: exit 1, nothing written, the old report kept
cp out/report.md before.md
expect "strict" 1 "llmreport: error: malformed.json:3:17: expected ',' or '}' before '\"'
llmreport: error: 1 input error with --strict; nothing written" -- "$bin" build --strict -q -o out good.json malformed.json
check "strict kept the old report" cmp -s before.md out/report.md
rm -rf strict-out
"$bin" build --strict -q -o strict-out good.json malformed.json 2>/dev/null
check "strict wrote no folder" test ! -e strict-out

# nothing usable at all: exit 1
expect "nothing usable" 1 "llmreport: error: unknown.json: format not recognised (not llmreport/1, lm-evaluation-harness, Open LLM Leaderboard, bigcode-evaluation-harness, Every Eval Ever, lighteval or Inspect AI)
llmreport: error: no results found in the inputs given" -- "$bin" build -o out2 unknown.json
check "nothing usable wrote nothing" test ! -e out2

# output failures: exit 3, message, previous outputs intact
mkdir -p ro && printf 'old\n' > ro/report.md && chmod 555 ro
if [ "$(id -u)" != 0 ]; then
  expect "unwritable output" 3 "llmreport: error: ro: cannot write: Permission denied" -- "$bin" build -q -f md -o ro good.json
else
  pass=$((pass + 1)) # root writes anywhere; covered by the file-as-folder case below
fi
chmod 755 ro
printf 'x' > notadir
expect "output is a file" 3 "llmreport: error: notadir: cannot create output folder: File exists" -- "$bin" build -q -o notadir good.json

# a rendering failure (fonts missing from the data folder): exit 3, the old report kept
mkdir -p nofonts/templates && cp "$src"/templates/*.md nofonts/templates/
"$bin" build -q -f md,pdf -o pdfout good.json
cp pdfout/report.pdf good.pdf
expect "missing font" 3 "llmreport: error: nofonts/fonts/DejaVuSans.ttf: cannot load font nofonts/fonts/DejaVuSans.ttf" -- "$bin" build -q --datadir nofonts -f md,pdf -o pdfout good.json
check "the old PDF is intact" cmp -s good.pdf pdfout/report.pdf
check "no temporary files left" test -z "$(ls pdfout | grep tmp)"

# deterministic: same inputs, same bytes; SOURCE_DATE_EPOCH gives the date
SOURCE_DATE_EPOCH=1700000000 "$bin" build -q -o d1 good.json
SOURCE_DATE_EPOCH=1700000000 "$bin" build -q -o d2 good.json
check "identical builds" cmp -s d1/report.md d2/report.md
check "identical snapshots" cmp -s d1/results.json d2/results.json
check "date from SOURCE_DATE_EPOCH" grep -q '"date": "2023-11-14"' d1/results.json
expect "bad SOURCE_DATE_EPOCH" 2 "llmreport: error: SOURCE_DATE_EPOCH must be a number of seconds, not \"soon\"
Try 'llmreport --help'." -- env SOURCE_DATE_EPOCH=soon "$bin" build -o d3 good.json

# check and export
check "check summary" test "$("$bin" check -q good.json values.json)" = "1 file read, 1 not used; 2 observations, 2 models, 1 benchmarks; 2 warnings, 1 error"
check "export csv" test "$("$bin" export --format csv good.json | sed -n 2p)" = "A,mmlu,acc,5,,,70,,,percent,true,paper,T,,,good.json,,,,"
check "dump-context is JSON with the overview" grep -q '"overview"' <("$bin" build --dump-context good.json)
check "list shows coverage" grep -q '^A ' <("$bin" list good.json)

# the sample report folder builds with no arguments but the folder
"$bin" build -q -o samples-out "$src/samples"
check "samples build" test -s samples-out/report.md -a -s samples-out/results.json

# a large overview: report.md shows the top rows and links the whole table in overview.md
printf '{"format": "llmreport-config/1", "overview_top": 3, "table_top": 2}\n' > small.json
"$bin" build -q -c small.json -f md -o top "$src/samples/papers/codet5p.json"
check "overview limited" has_line top/report.md "The table shows the 3 models with the most results at these settings; all 39 are in [overview.md](overview.md)."
check "whole overview written: header and 39 rows" test "$(grep -c '^| ' top/overview.md)" = 40
check "tables limited" has_line top/report.md '… 116 more not listed here; `results.json` has every result.'
check "no overview.md when everything fits" test ! -e out/overview.md

# the same outputs for any number of threads
for j in 1 2 5; do "$bin" build -q -j $j -f md,json,svg -o "jobs-$j" "$src/samples"; done
check "-j 1 and -j 2 give the same report" cmp -s jobs-1/report.md jobs-2/report.md
check "-j 1 and -j 5 give the same report" cmp -s jobs-1/report.md jobs-5/report.md
check "-j 1 and -j 2 give the same snapshot" cmp -s jobs-1/results.json jobs-2/results.json
check "-j 1 and -j 2 give the same charts" diff -r jobs-1/charts jobs-2/charts

finish

#!/usr/bin/env bash
# NUL in JSON input: a raw NUL byte before or after the document, between tokens, or inside a
# string or key is refused with one FILE:LINE:COL error (the file is listed as not used, the
# other inputs are read); a \u0000 escape never cuts a name ("GPT-4\u0000evil" stays visible as
# written, in report.md, results.json and the export, and reads back the same).
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch json-input
export LC_ALL=C


row='{"model": "%s", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": %s, "scale": "percent"}'
doc() { # MODEL-A MODEL-B: a native file with two results
  printf '{"format": "llmreport/1", "source": {"title": "T"}, "results": [\n '
  printf "$row" "$1" 70
  printf ',\n '
  printf "$row" "$2" 60
  printf ']}\n'
}
doc A B > good.json

# raw NUL bytes: after the document, before it, between tokens, inside a key, inside a value
{ doc C D | head -c -1; printf '\0garbage'; } > after.json
{ printf '\0'; doc C D; } > before.json
doc C D | sed 's/"results":/"results"\x00:/' > between.json
doc C D | sed 's/"format"/"for\x00mat"/' > key.json
doc Cx D | sed 's/"Cx"/"C\x00x"/' > value.json
for f in after before between key value; do
  check "$f: the NUL is in the file" test "$(tr -dc '\000' < $f.json | wc -c)" = 1
done
expect "NUL after the document" 0 "llmreport: error: after.json:3:101: unexpected text after the JSON value" -- \
  "$bin" build -q -f json -o out-after good.json after.json
check "NUL after the document: the good file is read" grep -q '"model": "B"' out-after/results.json
check "NUL after the document: its results are not" test "$(grep -c '"model": "C"' out-after/results.json)" = 0
expect "NUL before the document" 1 "llmreport: error: before.json:1:1: expected a value before byte 0x00
llmreport: error: no results found in the inputs given" -- "$bin" check before.json
expect "NUL between tokens" 1 "llmreport: error: between.json:1:62: expected ':' before byte 0x00
llmreport: error: no results found in the inputs given" -- "$bin" check between.json
expect "NUL in a key" 1 "llmreport: error: key.json:1:6: NUL byte in string
llmreport: error: no results found in the inputs given" -- "$bin" check key.json
expect "NUL in a value" 1 "llmreport: error: value.json:2:14: NUL byte in string
llmreport: error: no results found in the inputs given" -- "$bin" check value.json
expect "strict" 1 "llmreport: error: after.json:3:101: unexpected text after the JSON value
llmreport: error: 1 input error with --strict; nothing written" -- \
  "$bin" build -q --strict -f json -o out-strict good.json after.json
check "strict: nothing written" test ! -e out-strict/results.json

# \u0000 in a name: kept as written, never cut to "GPT-4" (which would merge it with a model
# of that name)
doc 'GPT-4\u0000evil' 'GPT-4' > escaped.json
check "escaped NUL: the escape is in the file" grep -qF '"GPT-4\u0000evil"' escaped.json
expect "escaped NUL: read" 0 "" -- "$bin" build -q -f md,json -o out-esc escaped.json
check "escaped NUL: two models" test "$("$bin" check -q escaped.json 2>/dev/null)" = \
  "1 file read, 0 not used; 2 observations, 2 models, 1 benchmarks; 0 warnings, 0 errors"
check "escaped NUL: results.json keeps it" grep -qF '"model": "GPT-4\\u0000evil"' out-esc/results.json
check "escaped NUL: report.md shows it" grep -qF '| GPT-4\\u0000evil |' out-esc/report.md
check "escaped NUL: no control byte in report.md" test "$(tr -dc '\000-\010' < out-esc/report.md | wc -c)" = 0
"$bin" export out-esc/results.json > back.json 2>/dev/null
check "escaped NUL: reads back the same" grep -qF '"model": "GPT-4\\u0000evil"' back.json

finish

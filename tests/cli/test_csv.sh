#!/bin/bash
# results.csv: `build -f csv` writes the rows of `export --format csv`, and a name a spreadsheet
# would run as a formula is written as text.
. "$(dirname "$0")/lib.sh"
scratch csv in

cat >in/evil.json <<'J'
{"format": "llmreport/1",
 "source": {"kind": "paper", "title": "=HYPERLINK(\"http://x.test\",\"click\")", "date": "2024-01-02"},
 "results": [
  {"model": "=1+2", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": 50.5, "scale": "percent"},
  {"model": "@SUM(A1)", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": 40, "scale": "percent"},
  {"model": "-3+4", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": 30, "scale": "percent"},
  {"model": "plain, model", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": 20, "scale": "percent"}
 ]}
J
"$bin" build -q -f csv -o out in >build.log 2>&1
check "build exit 0" test $? = 0
check "only results.csv" test "$(cd out && ls)" = results.csv
"$bin" export --format csv in >export.csv 2>/dev/null
check "same rows as export" cmp -s out/results.csv export.csv
check "header" test "$(head -1 out/results.csv)" = \
  "model,benchmark,metric,shots,method,variant,value,stderr,n,unit,higher_is_better,source_kind,source_title,source_table,source_date,source_file,flags,parent,rule,task_hash"
check "5 lines" test "$(wc -l <out/results.csv)" = 5
check "= as text" grep -q "^\"'=1+2\",mmlu,acc,5,,,50.5," out/results.csv
check "@ as text" grep -q "^\"'@SUM(A1)\",mmlu,acc,5,,,40," out/results.csv
check "- as text" grep -q "^\"'-3+4\",mmlu,acc,5,,,30," out/results.csv
check "comma quoted" grep -q '^"plain, model",mmlu,acc,5,,,20,' out/results.csv
check "title as text" grep -q ",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\"," out/results.csv
check "no cell starts a formula" test -z "$(tr ',' '\n' <out/results.csv | grep -E '^[=+@-]')"
# the samples: one row per observation of results.json
"$bin" build -q -f csv,json -o samples "$src/samples" >/dev/null 2>&1
rows=$(($(wc -l <samples/results.csv) - 1))
obs=$("$bin" check "$src/samples" 2>&1 | sed -n 's/.*; \([0-9][0-9]*\) observations.*/\1/p' | head -1)
check "one row per result ($rows, $obs)" test "$rows" = "$obs"
finish test_csv

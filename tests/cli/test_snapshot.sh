#!/usr/bin/env bash
# The snapshot (results.json, llmreport/2; docs/snapshot.md): what it holds, that it reads back
# to the same bytes, that a snapshot of the older form (llmreport/1, one object per result) is
# still read with the same values, and that a broken row costs that row only.
# tests/data/snapshot-v1/results.json is what llmreport wrote before the compact form; README.md
# there says from which inputs.
. "$(dirname "$0")/lib.sh"
old=$src/tests/data/snapshot-v1/results.json
inputs="samples/papers samples/runs samples/leaderboard tests/data/lm-eval tests/data/oll-v1"

# today's snapshot of the inputs the old one was made from
scratch snapshot
(cd "$src" && SOURCE_DATE_EPOCH=1764547200 "$bin" build -q -f json -o "$tmp/now" $inputs) 2>/dev/null
new=now/results.json
check "new form" grep -qx '  "format": "llmreport/2",' "$new"
check "columns named" grep -qx '  "columns": \["setting", "locator", "value", "stderr", "n"\],' "$new"
check "same date" test "$(grep -m1 '"date"' "$new")" = "$(grep -m1 '"date"' "$old")"
check "smaller than the old form" test "$(stat -c %s "$new")" -lt "$(stat -c %s "$old")"

# the old form reads back with every observation, and so does the new form it converts to
"$bin" export --format csv "$old" >old.csv 2>/dev/null
check "old form: all observations" test "$(wc -l <old.csv)" = 781
"$bin" export "$old" >old-export.json 2>/dev/null
"$bin" export --format csv old-export.json >old-export.csv 2>/dev/null
check "old form converted: the same observations" cmp -s old.csv old-export.csv
"$bin" export --format csv "$new" >new.csv 2>/dev/null
check "a row with n, without stderr" grep -qE '^      \[[0-9]+, [0-9]+, [0-9.]+, null, [0-9]+\],?$' "$new"
check "a row with stderr, without n" grep -qE '^      \[[0-9]+, [0-9]+, [0-9.]+, [0-9.]+\],?$' "$new"
# with the same values, stderrs, n, flags, parents, rules and sources as today's snapshot of the
# same files (those of tests/data; samples/ changes)
files=',tests/data/(lm-eval/nested-groups-filters_results\.json|oll-v1/[^,]*),'
grep -E "$files" old.csv >old-data.csv
grep -E "$files" new.csv >new-data.csv
check "old form: the observations of tests/data" test "$(wc -l <old-data.csv)" = 252
check "old and new form: the same observations of tests/data" cmp -s old-data.csv new-data.csv
check "a value with stderr and n" grep -q '^example-org/example-7b,leaderboard_bbh_navigate,acc_norm,3,,,60,3.1,250,percent,' old.csv
check "an OLL subject with its flags" grep -q '^example-org/example-7b,mmlu_anatomy,acc,5,,,26,4,,percent,true,leaderboard,.*,member;reference,mmlu,,$' old.csv
check "flags kept" grep -q '"flags": \["member", "reference"\]' old-export.json
check "locators kept" grep -qx '    "/results/harness|hendrycksTest-anatomy|5/acc",\?' old-export.json

# export -> read -> export: the same bytes
"$bin" export old-export.json >again.json 2>/dev/null
check "round trip" cmp -s old-export.json again.json
"$bin" export "$new" >new-export.json 2>/dev/null
"$bin" export new-export.json >new-again.json 2>/dev/null
check "round trip of a build's snapshot" cmp -s new-export.json new-again.json

# the old form as a baseline: no regression against the same numbers, and the same report as
# with its new form as baseline
sed '2a\  "date": "2025-12-01",' old-export.json >old-dated.json # export writes no date
for b in old new; do
  f=$old
  [ $b = new ] && f=$tmp/old-dated.json
  (cd "$src" && SOURCE_DATE_EPOCH=1764547200 "$bin" build -q -f md -o "$tmp/base-$b" \
    --baseline "$f" --fail-on-regression tests/data/lm-eval tests/data/oll-v1) 2>/dev/null
  check "baseline $b: no regression" test $? = 0
done
check "old and new baseline give the same report" cmp -s base-old/report.md base-new/report.md
check "baseline compared" grep -q 'Changes' base-old/report.md

# a history of both forms
mkdir -p hist
cp "$old" hist/results-2025-11-30.json
sed 's/"date": "2025-12-01"/"date": "2025-12-02"/' "$new" >hist/results-2025-12-02.json
(cd "$src" && SOURCE_DATE_EPOCH=1764547200 "$bin" build -q -f md -o "$tmp/hist-out" \
  --history "$tmp/hist" $inputs) 2>hist-err.txt
check "history of both forms read" test $? = 0
check "history without warnings" sh -c "! grep -q 'warning: $tmp/hist' hist-err.txt"

# the same snapshot for any number of threads
for j in 1 2 5; do
  (cd "$src" && SOURCE_DATE_EPOCH=1764547200 "$bin" build -q -f json -j $j -o "$tmp/jobs-$j" \
    $inputs samples) 2>/dev/null
done
check "-j 1 and -j 2: same snapshot" cmp -s jobs-1/results.json jobs-2/results.json
check "-j 1 and -j 5: same snapshot" cmp -s jobs-1/results.json jobs-5/results.json

# a broken row or setting costs itself only, with a warning at its place
cat >broken.json <<'EOF'
{
  "format": "llmreport/2",
  "sources": [
    {"id": "S1", "kind": "lm-eval", "title": "night"}
  ],
  "settings": [
    {"benchmark": "mmlu", "metric": "acc", "shots": 5, "method": null, "scale": "percent", "higher_is_better": true},
    {"benchmark": "gsm8k", "metric": "exact_match", "shots": 2.5, "method": null, "scale": "percent"},
    {"metric": "acc"}
  ],
  "locators": [
    "/results/mmlu/acc,none",
    7
  ],
  "columns": ["setting", "locator", "value", "stderr", "n"],
  "results": [
    {"model": "A", "source": "S1", "rows": [
      [0, 0, 61.5, 0.4, 14042],
      [3, 0, 50],
      [0, 5, 50],
      [0, null, "high"],
      [1, 0, 40],
      [2, 0, 40],
      [0, null, 62.5, null, 100],
      {"value": 1}
    ]},
    {"model": "B", "source": "S9", "rows": [[0, 0, 1]]},
    {"source": "S1", "rows": [[0, 0, 1]]},
    {"model": "C", "rows": [[0, 1, 70]]}
  ]
}
EOF
"$bin" export --format csv broken.json >broken.csv 2>broken-err.txt
check "broken: good rows kept" test "$(sed 1d broken.csv | cut -d, -f1,7,8,9 | tr '\n' ' ')" = "A,61.5,0.4,14042 A,62.5,,100 C,70,, "
cat >broken-want.txt <<'EOF'
llmreport: warning: broken.json: /settings/1/shots: "shots" must be a whole number, "mixed" or null; result skipped
llmreport: warning: broken.json: /settings/2: a setting needs "benchmark"; its results skipped
llmreport: warning: broken.json: /locators/1: a locator must be a string; its results use their row's
llmreport: warning: broken.json: /results/0/rows/1: the row's setting is not a position in "settings"; skipped
llmreport: warning: broken.json: /results/0/rows/2: the row's locator is not null or a position in "locators"; skipped
llmreport: warning: broken.json: /results/0/rows/3/2: "value" must be a number; result skipped
llmreport: warning: broken.json: /results/0/rows/7: a row needs setting, locator and value; skipped
llmreport: warning: broken.json: /results/1/source: source is not an id in "sources"; results skipped
llmreport: warning: broken.json: /results/2: a block of results needs "model" and "rows"; skipped
EOF
check "broken: one warning each" diff broken-want.txt broken-err.txt

finish test_snapshot

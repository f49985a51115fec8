#!/usr/bin/env bash
# Nightly use: a build against last night's results.json. Hand-made snapshots in
# tests/data/nightly/ hold one case each: A/mmlu unchanged within stderr noise, A/hellaswag down
# beyond 2 combined standard errors, A/arc up beyond the point threshold, B/mmlu down beyond the
# point threshold, B/hellaswag up within it, C/gsm8k measured at another shot count, D removed,
# E added.
set -u
bin=${LLMREPORT:?}
src=${LR_SOURCE_DIR:?}
tmp=${LR_TEST_TMP:?}/nightly
data=$src/tests/data/nightly
rm -rf "$tmp" && mkdir -p "$tmp"
cd "$tmp" || exit 1
pass=0 fail=0
check() {
  local name=$1
  shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name"; fi
}
has_line() { grep -qxF -- "$2" "$1"; }

"$bin" build -q -f md,json -o out --baseline "$data/base.json" --fail-on-regression "$data/now.json" 2>err.txt
rc=$?
check "exit 4 on regression" test "$rc" = 4
check "one stderr line per regression" test "$(cat err.txt)" = "llmreport: regression: $data/now.json: A, HellaSwag (10-shot · acc_norm): 80.0 -> 78.0, beyond the threshold of 0.85
llmreport: regression: $data/now.json: B, MMLU (5-shot · acc): 60.0 -> 58.5, beyond the threshold of 1.0"
md=out/report.md
check "report written before exiting 4" test -s "$md"
check "changes heading with the baseline date" has_line "$md" "## Changes since 2026-11-01"
check "regression by stderr" has_line "$md" '| A | HellaSwag | 10-shot · acc\_norm | 80.0 | 78.0 | **▼ −2.0** | 0.85 |'
check "regression by points" has_line "$md" '| B | MMLU | 5-shot · acc | 60.0 | 58.5 | **▼ −1.5** | 1.0 |'
check "improvement" has_line "$md" '| A | ARC-Challenge | 25-shot · acc\_norm | 60.0 | 63.0 | ▲ +3.0 | 1.0 |'
check "within noise counted, not listed" has_line "$md" "- 5 results compared at identical settings; 2 unchanged within noise."
check "no row for the change within noise" test -z "$(grep -F '| B | HellaSwag | 10-shot · acc\_norm | 70.0 |' "$md")"
check "new model" has_line "$md" "- New models: E"
check "removed model" has_line "$md" "- Removed models: D"
check "setting changed is not compared" has_line "$md" '| C | GSM8K | setting changed: 5-shot · acc → 8-shot · acc |'
check "regressions listed before improvements" test "$(grep -n 'Regressions' "$md" | cut -d: -f1)" -lt "$(grep -n 'Improvements' "$md" | cut -d: -f1)"
check "changes section before the overview" test "$(grep -n '^## Changes' "$md" | cut -d: -f1)" -lt "$(grep -n '^## Overview' "$md" | cut -d: -f1)"
check "regression marked in the overview" has_line "$md" '| B | 58.5 **▼−1.5** | 70.8 | 64.65 |'

# without --fail-on-regression the same build succeeds
"$bin" build -q -f md -o out2 --baseline "$data/base.json" "$data/now.json" 2>/dev/null
check "exit 0 without --fail-on-regression" test $? = 0
# against itself: nothing changed, exit 0 even with --fail-on-regression
"$bin" build -q -f md -o out3 --baseline "$data/now.json" --fail-on-regression "$data/now.json" 2>/dev/null
check "no regression, exit 0" test $? = 0
check "nothing changed" has_line out3/report.md "- 7 results compared at identical settings; 7 unchanged within noise."
# a harness upgrade is reported, not compared
sed 's/0.4.8/0.4.9/' "$data/now.json" > upgraded.json
"$bin" build -q -f md -o out4 --baseline "$data/base.json" --fail-on-regression upgraded.json 2>/dev/null
check "harness change: no regression claimed" test $? = 0
check "harness change reported" has_line out4/report.md '| A | HellaSwag | harness changed: lm-evaluation-harness 0.4.8 → lm-evaluation-harness 0.4.9 |'
# a baseline that cannot be read is an input error
"$bin" build -q -f md -o out5 --baseline missing.json "$data/now.json" 2>err5.txt
check "unreadable baseline: exit 1" test $? = 1
check "unreadable baseline: message" test "$(cat err5.txt)" = "llmreport: error: missing.json: cannot open: No such file or directory"
# results.json carries the build date so snapshots order correctly
SOURCE_DATE_EPOCH=1767225600 "$bin" build -q -f json -o out6 "$data/now.json"
check "snapshot date" grep -q '"date": "2026-01-01"' out6/results.json

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

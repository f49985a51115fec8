#!/usr/bin/env bash
# A file none of whose results could be used (every value infinite, every row refused) or that
# holds no results is not a used input: one error line for the file after its rows' warnings,
# a row under "Inputs not used" with the reason, no section of its own, and --strict fails.
. "$(dirname "$0")/lib.sh"
scratch unused

row() { printf '{"model": "%s", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": %s, "scale": "percent"}' "$1" "$2"; }
printf '{"format": "llmreport/1", "source": {"title": "Good paper"}, "results": [%s, %s]}\n' \
  "$(row A 70)" "$(row B 60)" > good.json
printf '{"format": "llmreport/1", "source": {"title": "Infinite paper"}, "results": [%s, %s]}\n' \
  "$(row A 1e400)" "$(row C -1e400)" > infinite.json
printf '{"format": "llmreport/1", "source": {"title": "Empty paper"}, "results": []}\n' > empty.json
printf '{"format": "llmreport/1", "source": {"title": "Half paper"}, "results": [%s, %s]}\n' \
  "$(row C 1e400)" "$(row D 55)" > half.json

expect "said once per file, after its rows" 0 "llmreport: error: empty.json: it holds no results
llmreport: warning: half.json: /results/0/value: value is NaN or infinite; result skipped
llmreport: warning: infinite.json: /results/0/value: value is NaN or infinite; result skipped
llmreport: warning: infinite.json: /results/1/value: value is NaN or infinite; result skipped
llmreport: error: infinite.json: none of its results could be used" -- \
  "$bin" build -f md -o out good.json infinite.json empty.json half.json
check "listed under Inputs not used" has_line out/report.md "| infinite.json | none of its results could be used |"
check "the empty file listed" has_line out/report.md "| empty.json | it holds no results |"
check "a file with one usable result is used" sh -c '! grep -q "^| half.json |" out/report.md'
check "not 'Every input file was used'" sh -c '! grep -q "Every input file was used" out/report.md'
check "no section for the unused source" sh -c '! grep -q "Infinite paper\|Empty paper" out/report.md'
check "the used ones have theirs" grep -q "^### Half paper" out/report.md
check "check counts it as not used" test "$("$bin" check -q good.json infinite.json empty.json half.json 2>/dev/null)" = \
  "2 files read, 2 not used; 3 observations, 3 models, 1 benchmarks; 3 warnings, 2 errors"
expect "--strict fails on it" 1 "llmreport: error: infinite.json: none of its results could be used
llmreport: error: 1 input error with --strict; nothing written" -- "$bin" build --strict -q -f md -o strict good.json infinite.json
check "--strict wrote nothing" test ! -e strict
expect "--strict passes without it" 0 "" -- "$bin" build --strict -q -f md -o strict good.json half.json
# nothing usable at all: the load's own error, exit 1
expect "only unusable files" 1 "llmreport: error: infinite.json: none of its results could be used
llmreport: error: no results found in the inputs given" -- "$bin" build -q -f md -o none infinite.json

finish test_unused

#!/usr/bin/env bash
# The composite action's report step (.ci/nightly-report.sh, run by action.yml) over two nights,
# with the environment GitHub gives it: the first night has no baseline, the second compares
# with the first through the snapshot and items.jsonl the first left in the output folder, and
# finds the paired regression of tests/data/nightly/paired (see test_nightly.sh).
. "$(dirname "$0")/lib.sh"
scratch action
pd=$src/tests/data/nightly/paired
night() { # EPOCH INPUT [LR_FAIL]
  env LLMREPORT="$bin" LR_INPUTS="$2" LR_OUTPUT=out LR_HISTORY=hist LR_FORMATS=md,json,changes \
    LR_FAIL="${3:-true}" GITHUB_STEP_SUMMARY="$tmp/summary.md" GITHUB_OUTPUT="$tmp/output.txt" \
    RUNNER_TEMP="$tmp/runner" SOURCE_DATE_EPOCH="$1" bash "$src/.ci/nightly-report.sh" > log.txt 2>&1
}
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  check "action.yml is a composite action running the script" python3 -c "
import yaml, sys
a = yaml.safe_load(open('$src/action.yml'))
steps = a['runs']['steps']
sys.exit(not (a['runs']['using'] == 'composite' and 'inputs' in a['inputs'] and
              any('.ci/nightly-report.sh' in s.get('run', '') for s in steps) and
              all(s.get('shell') == 'bash' for s in steps)))"
fi
# every option the action passes, and every option of the command line in docs/nightly.md,
# is one that `llmreport build --help` lists; every input the steps use is declared
help=$("$bin" build --help 2>&1)
has_option() { grep -qE -- "(^|[ ,])$1([ ,]|\$)" <<<"$help"; }
script_opts=$(sed -n 's/.*args+\{0,1\}=(\([^)]*\)).*/\1/p' "$src/.ci/nightly-report.sh" | tr ' ' '\n' | grep '^-' | sort -u)
check "the action passes options" test "$(wc -w <<<"$script_opts")" -ge 8
for opt in $script_opts; do
  check "action option $opt in build --help" has_option "$opt"
done
doc_opts=$(awk '/^```sh/{f=1;next} /^```/{f=0} f' "$src/docs/nightly.md" | tr ' ' '\n' | grep '^-' | sort -u)
check "docs/nightly.md shows the command line" test "$(wc -w <<<"$doc_opts")" -ge 6
for opt in $doc_opts; do
  check "docs/nightly.md option $opt in build --help" has_option "$opt"
done
for fmt in $(sed -n '/^  formats:/,/default:/s/.*default: *//p' "$src/action.yml" | tr ',' ' '); do
  check "action default format $fmt in build --help" grep -qE -- "--formats LIST .*[ :,]$fmt([,) ]|\$)" <<<"$help"
done
declared=$(sed -n '/^inputs:/,/^outputs:/s/^  \([a-z-]*\):$/\1/p' "$src/action.yml" | sort -u)
used=$(grep -o 'inputs\.[a-z-]*' "$src/action.yml" | cut -d. -f2 | sort -u)
check "action inputs used are declared" test "$(comm -13 <(echo "$declared") <(echo "$used"))" = ""
check "action inputs declared are used" test "$(comm -23 <(echo "$declared") <(echo "$used"))" = ""
night 1793577600 "$pd/base"
check "night 1: exit 0" test $? = 0
check "night 1: no baseline" has_line summary.md "### llmreport: no baseline to compare with"
check "night 1: snapshot kept" test -s hist/2026-11-02.json
check "night 1: items kept for the next night" test -s out/items.jsonl
check "night 1: outputs" test "$(cat output.txt)" = "status=0
regressions=0"
: > output.txt
night 1793664000 "$pd/now"
check "night 2: exit 4" test $? = 4
check "night 2: paired regression in the digest" has_line summary.md "| ▼ | org/model-7b | HellaSwag | 0-shot · acc | 60.0 | 54.0 | −6.0 | 4.9e-04 | McNemar (exact) |"
check "night 2: annotation in the log" grep -q "^::error file=.*title=Regression%3A org/model-7b%2C HellaSwag::60.0 -> 54.0" log.txt
check "night 2: outputs" test "$(cat output.txt)" = "status=4
regressions=1"
check "night 2: snapshot kept" test -s hist/2026-11-03.json
# the same night again, not failing the step: the outputs still say what happened
: > output.txt
night 1793664000 "$pd/now" false
check "night 2 again (the baseline is night 2 now): exit 0" test $? = 0
check "night 2 again: unchanged against itself" test "$(cat output.txt)" = "status=0
regressions=0"
finish

#!/usr/bin/env bash
# The report step of the composite action (action.yml): builds tonight's report against last
# night's snapshot, keeps tonight's snapshot in the history, writes the digest to the step
# summary and the annotations to the log, and sets the outputs `status` (0, or 4 for a
# regression that fails the gate) and `regressions`. Everything comes from the environment:
#   LLMREPORT        the binary
#   LR_INPUTS        result files and folders, separated by spaces or newlines
#   LR_CONFIG        report config (optional)
#   LR_OUTPUT        output folder (its results.json and items.jsonl are last night's baseline)
#   LR_HISTORY       folder of dated snapshots (YYYY-MM-DD.json)
#   LR_FORMATS       output formats
#   LR_REPORT_URL    where the digest links the report (optional)
#   LR_FAIL          "true": exit 4 on a regression that fails the gate
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP: as GitHub sets them
set -euo pipefail
bin=${LLMREPORT:-llmreport}
out=${LR_OUTPUT:-reports/nightly}
history=${LR_HISTORY:-history}
formats=${LR_FORMATS:-md,svg,json,changes}
tmp=${RUNNER_TEMP:-/tmp}/llmreport-baseline
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -u +%s)}
today=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)
mkdir -p "$out" "$history"
read -r -d '' -a inputs <<<"${LR_INPUTS:?LR_INPUTS names the result files}" || true

args=(build -o "$out" -f "$formats" --history "$history" --annotations)
[ -n "${LR_CONFIG:-}" ] && args+=(-c "$LR_CONFIG")
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary "$GITHUB_STEP_SUMMARY")
[ -n "${LR_REPORT_URL:-}" ] && args+=(--report-url "$LR_REPORT_URL")
# last night's snapshot, and its per-item samples beside it, copied before the build replaces
# them: the baseline is read from the copy
rm -rf "$tmp" && mkdir -p "$tmp"
if [ -f "$out/results.json" ]; then
  cp "$out/results.json" "$tmp/results.json"
  [ -f "$out/items.jsonl" ] && cp "$out/items.jsonl" "$tmp/items.jsonl"
  args+=(--baseline "$tmp/results.json")
fi
args+=(--fail-on-regression)
status=0
"$bin" "${args[@]}" "${inputs[@]}" || status=$?
# 0: fine, 4: a regression; anything else is a broken build
if [ "$status" != 0 ] && [ "$status" != 4 ]; then
  exit "$status"
fi
[ -f "$out/results.json" ] && cp "$out/results.json" "$history/$today.json"
regressions=0
if [ -f "$out/changes.json" ]; then
  regressions=$(grep -o '"regressions":[0-9]*' "$out/changes.json" | head -1 | cut -d: -f2)
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "status=$status" >> "$GITHUB_OUTPUT"
  echo "regressions=$regressions" >> "$GITHUB_OUTPUT"
fi
if [ "$status" = 4 ] && [ "${LR_FAIL:-true}" = true ]; then
  exit 4
fi
exit 0

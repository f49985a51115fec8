#!/usr/bin/env bash
# Runs fuzz targets of a -DLR_FUZZ=ON build for SECONDS each, JOBS at a time, and prints one line
# per target: seconds, executions, corpus growth, findings. New corpus entries and crash
# artifacts go to BUILD/fuzz-work/TARGET/ (the seeds in tests/fuzz/corpus/ are only read).
#   tests/fuzz/run.sh BUILD SECONDS [JOBS] [TARGET...]
set -u
build=${1:?usage: run.sh BUILD SECONDS [JOBS] [TARGET...]}
secs=${2:?usage: run.sh BUILD SECONDS [JOBS] [TARGET...]}
jobs=${3:-2}
shift $(($# < 3 ? $# : 3))
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
  targets=(native lmeval lmeval03 oll olltable bigcode eee helm report mustache csv pdf json shape)
fi
dict_for() {
  case $1 in
  mustache) echo "$here/mustache.dict" ;;
  pdf) echo "$here/markdown.dict" ;;
  csv | shape) echo "" ;; # shape's input is a generator's choices, not text
  *) echo "$here/json.dict" ;;
  esac
}
one() {
  local t=$1 work=$build/fuzz-work/$1
  mkdir -p "$work/corpus" "$work/artifacts"
  local dict
  dict=$(dict_for "$t")
  LR_SOURCE_DIR=$here/../.. "$build/tests/fuzz/fuzz_$t" "$work/corpus" "$here/corpus/$t" \
    ${dict:+-dict="$dict"} -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" >"$work/log" 2>&1
  local execs crashes
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  crashes=$(find "$work/artifacts" -type f | wc -l)
  printf '%-10s %6ss %12s execs %5s corpus %3s findings\n' "$t" "$secs" "${execs:-?}" \
    "$(find "$work/corpus" -type f | wc -l)" "$crashes"
}
running=0
for t in "${targets[@]}"; do
  one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

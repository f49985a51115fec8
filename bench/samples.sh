#!/usr/bin/env bash
# The samples reader on a generated 1 GB corpus (issue 18): CPU time, wall time and peak RSS of
# lr_samples_scan against the naive per-line cJSON parse of the same lines (bench/samples_read.c),
# and of a whole `llmreport build -f json` over the corpus (reading the results file, scanning
# every samples file, matching the item sets, writing items.jsonl). Not a test: the figures go to
# bench/README.md. Run from the source tree after `make build`:
#   bench/samples.sh            # 1024 MB, 3 runs each
#   MB=256 RUNS=5 bench/samples.sh
# Environment: MB (corpus size, default 1024), RUNS (default 3; the median is reported, the
# largest RSS), SEED (default 1), BUILD (a build folder of this tree with libllmreport.a and
# llmreport, default build), BENCH_DIR (default /tmp/llmreport-bench; nothing is written into
# the source tree).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
MB=${MB:-1024} RUNS=${RUNS:-3} SEED=${SEED:-1}
build=$(cd "${BUILD:-$src/build}" && pwd)
dir=${BENCH_DIR:-/tmp/llmreport-bench}
corpus=$dir/samples-$MB-$SEED
mkdir -p "$dir/logs"
cc=${CC:-cc}
$cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o "$dir/gen_samples" "$src/bench/gen_samples.c"
$cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$src/src" -I"$src/include" -o "$dir/samples_read" \
  "$src/bench/samples_read.c" "$build/libllmreport.a" -lcjson -lm
if [ ! -f "$corpus/results_2026-11-01T02-00-00.000000.json" ]; then
  rm -rf "$corpus"
  "$dir/gen_samples" "$corpus" "$MB" "$SEED"
fi
files=("$corpus"/samples_*.jsonl)
bytes=$(cat "${files[@]}" | wc -c)
lines=$(cat "${files[@]}" | wc -l)
"$dir/samples_read" cjson "${files[@]}" > /dev/null # warm the page cache
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
measure() { # NAME COMMAND...: RUNS runs; prints "NAME wall cpu rss_mb"
  local name=$1 walls=() cpus=() rss=0
  shift
  for r in $(seq 1 "$RUNS"); do
    /usr/bin/time -v -o "$dir/logs/$name.$r" "$@" > "$dir/logs/$name.$r.out" 2>&1
    local w u s m
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$dir/logs/$name.$r")
    u=$(awk -F': ' '/User time/ {print $2}' "$dir/logs/$name.$r")
    s=$(awk -F': ' '/System time/ {print $2}' "$dir/logs/$name.$r")
    m=$(awk -F': ' '/Maximum resident/ {print $2}' "$dir/logs/$name.$r")
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  printf '%s %s %s %s\n' "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" "$((rss / 1024))"
}
{
  echo "corpus: $corpus, ${#files[@]} samples files, $lines lines, $bytes bytes"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
  echo "what wall_s cpu_s peak_rss_mb"
  measure cjson "$dir/samples_read" cjson "${files[@]}"
  measure scan "$dir/samples_read" scan "${files[@]}"
  rm -rf "$dir/out"
  measure build "$build/llmreport" build -q -j 1 -f json -o "$dir/out" "$corpus"
  echo "lines read: $(head -1 "$dir/logs/scan.1.out") / $(head -1 "$dir/logs/cjson.1.out")"
  echo "item sets written: $(wc -l < "$dir/out/items.jsonl")"
} | tee -a "$dir/samples-results.txt"

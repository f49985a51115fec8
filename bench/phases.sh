#!/bin/sh
# Where the wall time and the memory of a build go, by output format: one `llmreport check`
# (reading and normalizing only) and one `llmreport build -f X` per format, each under
# /usr/bin/time. Usage: bench/phases.sh CORPUS_DIR   (same LLMREPORT, T, BENCH_DIR as run.sh)
set -eu
LLMREPORT=${LLMREPORT:-/work/main/build-rel/llmreport}
T=${T:-$(nproc)}
BENCH_DIR=${BENCH_DIR:-/tmp/llmreport-bench}
[ $# -eq 1 ] || { echo "usage: bench/phases.sh CORPUS_DIR" >&2; exit 2; }
out=$BENCH_DIR/out/phases
t=$BENCH_DIR/phases.time
printf '%-16s %8s %8s %8s\n' what wall_s cpu_s rss_MB
for f in check json md svg pdf md,svg,pdf,json; do
    rm -rf "$out"
    if [ "$f" = check ]; then
        /usr/bin/time -f '%e %U %S %M' -o "$t" "$LLMREPORT" check -q -j "$T" "$1" >/dev/null 2>&1
    else
        /usr/bin/time -f '%e %U %S %M' -o "$t" "$LLMREPORT" build -q -f "$f" -j "$T" -o "$out" \
            "$1" >/dev/null 2>&1
    fi
    awk -v f="$f" '{printf "%-16s %8.2f %8.2f %8.0f\n", f, $1, $2 + $3, $4 / 1024}' "$t"
done
rm -rf "$out"

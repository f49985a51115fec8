#!/bin/sh
# The llmreport throughput benchmark: `llmreport build` against the cost of only reading and
# parsing the same JSON with cJSON on the same number of threads. See bench/README.md.
#
#   bench/run.sh [SIZE...]          (default sizes: 1000 10000 100000)
#
# Environment:
#   LLMREPORT      the binary to time (default /work/main/build-rel/llmreport; built with
#                  CMake in Release mode when missing)
#   T              threads for both programs (default: nproc)
#   RUNS           timed runs per program and size (default 3; the median is reported)
#   BENCH_DIR      work folder for binaries, corpora and outputs (default /tmp/llmreport-bench)
#   SEED           corpus seed (default 1)
#   FORMATS        llmreport -f list (default md,svg,pdf,json)
#   BENCH_TIMEOUT  seconds allowed per timed run, 0 for none (default 0)
#   GEN_FLAGS      extra flags for gen, e.g. --full-size (the corpus folder name records it)
#
# Writes only under BENCH_DIR (never into the source tree, never into tests/). Prints a table
# and appends it to BENCH_DIR/results.txt.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
LLMREPORT=${LLMREPORT:-/work/main/build-rel/llmreport}
T=${T:-$(nproc)}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/llmreport-bench}
SEED=${SEED:-1}
FORMATS=${FORMATS:-md,svg,pdf,json}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-0}
GEN_FLAGS=${GEN_FLAGS:-}
if [ $# -gt 0 ]; then SIZES=$*; else SIZES="1000 10000 100000"; fi

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

# ---- tools
if [ ! -x /usr/bin/time ]; then
    say "run.sh: /usr/bin/time is missing; installing the 'time' package"
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y time >/dev/null || die "apt-get install time failed"
    else
        die "install it with: sudo apt-get install time"
    fi
fi
mkdir -p "$BENCH_DIR/bin" "$BENCH_DIR/out"
gcc -std=c11 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -o "$BENCH_DIR/bin/gen" "$here/gen.c"
gcc -std=c11 -O2 -Wall -Wextra -o "$BENCH_DIR/bin/parse_only" "$here/parse_only.c" \
    -lcjson -lpthread
if [ ! -x "$LLMREPORT" ]; then
    case "$LLMREPORT" in
    */build-rel/llmreport)
        b=$(dirname "$LLMREPORT")
        say "run.sh: building $LLMREPORT (Release)"
        cmake -S "$root" -B "$b" -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build "$b" -j "$(nproc)" --target llmreport-cli >/dev/null ;;
    *) die "$LLMREPORT not found (set LLMREPORT)" ;;
    esac
fi

# ---- before each timed run: the previous build's outputs (as large as the corpus) written back
# to disk, so that their writeback does not land in the next run's time
settle() { sync; sleep 1; }

# ---- wall time in seconds with nanoseconds
now() { date +%s.%N; }

# run LABEL LOG CMD...: one timed run; prints "wall_s peak_rss_kb cpu_s" (or "timeout"/"failed")
run() {
    label=$1 log=$2
    shift 2
    if [ "$BENCH_TIMEOUT" != 0 ]; then set -- timeout "$BENCH_TIMEOUT" "$@"; fi
    t0=$(now)
    if /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err"; then
        t1=$(now)
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
        usr=$(sed -n 's/.*User time (seconds): //p' "$log.time")
        sys=$(sed -n 's/.*System time (seconds): //p' "$log.time")
        echo "$t0 $t1 $rss $usr $sys" | awk '{printf "%.3f %d %.2f\n", $2 - $1, $3, $4 + $5}'
    else
        rc=$?
        if [ $rc = 124 ]; then echo timeout; else
            say "run.sh: $label failed (exit $rc); see $log.err"
            echo failed
        fi
    fi
}

median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]; else print "-"}'; }
maxof() { sort -n | tail -1; }

# ---- probe: does this llmreport write every format asked for?
probe=$BENCH_DIR/probe
if [ ! -d "$probe/corpus" ]; then "$BENCH_DIR/bin/gen" $GEN_FLAGS "$probe/corpus" 20 "$SEED" 2>/dev/null; fi
rm -rf "$probe/out"
notes=""
if ! "$LLMREPORT" build -q -f "$FORMATS" -j "$T" -o "$probe/out" "$probe/corpus" 2>"$probe/err"; then
    case "$FORMATS" in *pdf*)
        say "run.sh: -f $FORMATS refused ($(head -1 "$probe/err")); timing without pdf"
        FORMATS=$(echo "$FORMATS" | sed 's/pdf,\{0,1\}//; s/,$//')
        notes="$notes pdf not supported by this llmreport (timed -f $FORMATS);" ;;
    *) die "llmreport build failed on the probe corpus: $(head -3 "$probe/err")" ;;
    esac
fi
case "$FORMATS" in *pdf*)
    if [ ! -f "$probe/out/report.pdf" ]; then
        notes="$notes -f pdf accepted but no report.pdf written (PDF not wired into build yet);"
    fi ;;
esac

# ---- machine
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)"
    echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), mem $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "# llmreport: $LLMREPORT ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$root" && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ', modified tree'))"
    echo "# threads T=$T, runs $RUNS (median), formats $FORMATS, seed $SEED ${GEN_FLAGS:+gen $GEN_FLAGS}"
    [ -n "$notes" ] && echo "# note:$notes"
    printf '%-7s %6s %8s %8s %7s %8s %8s %7s %8s %8s %8s %6s\n' files MB parse_s build_s \
        ratio parse_cpu build_cpu ratio obs parse_MB build_MB load
    echo "# *_s: median wall seconds; *_cpu: median user+sys CPU seconds; *_MB: peak RSS (max of runs); load: 1-min load average before the runs"
} | tee -a "$BENCH_DIR/results.txt"

suffix=$(echo "$GEN_FLAGS" | tr -dc 'a-z-')
for n in $SIZES; do
    corpus=$BENCH_DIR/corpus${suffix:+$suffix}/$n
    if [ ! -f "$corpus/.complete" ]; then
        need_kb=$((n * 26 * 2 + 1048576)) # corpus + outputs of about the same size + 1 GB
        have_kb=$(df -Pk "$BENCH_DIR" | awk 'NR == 2 {print $4}')
        if [ "$have_kb" -lt "$need_kb" ]; then
            say "run.sh: $n files need about $((need_kb / 1048576)) GB under $BENCH_DIR, $((have_kb / 1048576)) GB free; skipped"
            continue
        fi
        rm -rf "$corpus"
        say "run.sh: generating $n files in $corpus"
        "$BENCH_DIR/bin/gen" $GEN_FLAGS "$corpus" "$n" "$SEED"
        touch "$corpus/.complete"
    fi
    mb=$(find "$corpus" -name '*.json' -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s / 1e6}')
    out=$BENCH_DIR/out/$n
    logs=$BENCH_DIR/logs/$n
    mkdir -p "$logs"
    # warm the page cache so that neither program pays for the first read from disk
    "$BENCH_DIR/bin/parse_only" -j "$T" "$corpus" >/dev/null
    load=$(cut -d' ' -f1 /proc/loadavg)
    : >"$logs/parse.txt"
    : >"$logs/build.txt"
    i=1
    while [ $i -le "$RUNS" ]; do
        settle
        run parse_only "$logs/parse$i" "$BENCH_DIR/bin/parse_only" -j "$T" "$corpus" >>"$logs/parse.txt"
        rm -rf "$out"
        settle
        run llmreport "$logs/build$i" "$LLMREPORT" build -q -f "$FORMATS" -j "$T" -o "$out" \
            "$corpus" >>"$logs/build.txt"
        i=$((i + 1))
    done
    if [ "$n" = "$(echo $SIZES | cut -d' ' -f1)" ] && [ "$n" -le 10000 ] && [ "$T" -gt 1 ]; then
        # the output must not depend on the number of threads
        rm -rf "$out.j1"
        "$LLMREPORT" build -q -f "$FORMATS" -j 1 -o "$out.j1" "$corpus" 2>/dev/null || true
        if diff -r "$out" "$out.j1" >/dev/null 2>&1; then same="identical"; else same="DIFFERENT"; fi
        echo "# $n files: output of -j 1 and -j $T $same" | tee -a "$BENCH_DIR/results.txt" >&2
        rm -rf "$out.j1"
    fi
    ps=$(awk '$1 ~ /^[0-9.]+$/ {print $1}' "$logs/parse.txt" | median)
    bs=$(awk '$1 ~ /^[0-9.]+$/ {print $1}' "$logs/build.txt" | median)
    pc=$(awk 'NF == 3 {print $3}' "$logs/parse.txt" | median)
    bc=$(awk 'NF == 3 {print $3}' "$logs/build.txt" | median)
    if grep -q timeout "$logs/build.txt"; then bs="timeout"; bc="-"; fi
    if grep -q failed "$logs/build.txt"; then bs="failed"; bc="-"; fi
    prss=$(awk 'NF == 3 {print $2}' "$logs/parse.txt" | maxof)
    brss=$(awk 'NF == 3 {print $2}' "$logs/build.txt" | maxof)
    obs=$("$LLMREPORT" check -q -j "$T" "$corpus" 2>/dev/null |
        sed -n 's/.*; \([0-9]*\) observations.*/\1/p')
    ratio() { echo "$1 $2" | awk '$1 ~ /^[0-9.]+$/ && $2 > 0 {printf "%.2fx", $1 / $2; next} {print "-"}'; }
    printf '%-7s %6s %8s %8s %7s %8s %8s %7s %8s %8s %8s %6s\n' "$n" "$mb" "$ps" "$bs" \
        "$(ratio "$bs" "$ps")" "$pc" "$bc" "$(ratio "$bc" "$pc")" "${obs:-?}" \
        "$(echo "${prss:-0}" | awk '{printf "%.0f", $1 / 1024}')" \
        "$(echo "${brss:-0}" | awk '{printf "%.0f", $1 / 1024}')" "$load" |
        tee -a "$BENCH_DIR/results.txt"
done
echo "# per-run times and logs: $BENCH_DIR/logs/SIZE/; outputs: $BENCH_DIR/out/SIZE/" |
    tee -a "$BENCH_DIR/results.txt"

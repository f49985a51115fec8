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
#   PEER           the script a user would write (default ../shared/bench/peer_pandas.py next to
#                  the source tree), timed in the same runs; PEER=none leaves it out
#   PEER_PYTHON    its interpreter (default /usr/bin/python3: Debian's, with python3-pandas,
#                  python3-matplotlib and python3-tabulate, installed when missing)
#   JOBS_SAME      thread counts whose outputs must be identical (default "1 2 5")
#
# Writes only under BENCH_DIR (never into the source tree, never into tests/). Prints a table
# and appends it to BENCH_DIR/results.txt.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
LLMREPORT=${LLMREPORT:-/work/main/build-rel/llmreport}
T=${T:-$(nproc)}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/llmreport-bench}
SEED=${SEED:-1}
FORMATS=${FORMATS:-md,svg,pdf,json}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-0}
GEN_FLAGS=${GEN_FLAGS:-}
PEER=${PEER:-$root/../shared/bench/peer_pandas.py}
PEER_PYTHON=${PEER_PYTHON:-/usr/bin/python3}
JOBS_SAME=${JOBS_SAME:-1 2 5}
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
# the peer script's Debian packages, the same way
peer_pkgs="python3-pandas python3-matplotlib python3-tabulate"
if [ "$PEER" != none ]; then
    [ -f "$PEER" ] || die "$PEER not found (set PEER, or PEER=none to leave it out)"
    missing=""
    for p in $peer_pkgs; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        say "run.sh: the peer script needs$missing; installing"
        if [ "$(id -u)" = 0 ]; then
            # shellcheck disable=SC2086
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                $missing >/dev/null || die "apt-get install$missing failed"
        else
            die "install them with: sudo apt-get install$missing"
        fi
    fi
    "$PEER_PYTHON" -c 'import pandas, matplotlib, tabulate' 2>/dev/null ||
        die "$PEER_PYTHON cannot import pandas, matplotlib and tabulate (set PEER_PYTHON)"
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
row='%-7s %6s %8s %8s %7s %8s %8s %7s %8s %8s %8s %8s %8s %8s %11s\n'
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)"
    echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), mem $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "# llmreport: $LLMREPORT ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$root" && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ', modified tree'))"
    echo "# threads T=$T, runs $RUNS (median), formats $FORMATS, seed $SEED ${GEN_FLAGS:+gen $GEN_FLAGS}"
    [ -n "$notes" ] && echo "# note:$notes"
    [ "$PEER" != none ] && echo "# peer: $PEER_PYTHON $PEER INPUT OUT (pandas $("$PEER_PYTHON" -c 'import pandas; print(pandas.__version__)'), matplotlib $("$PEER_PYTHON" -c 'import matplotlib; print(matplotlib.__version__)'))"
    printf "$row" files MB parse_s build_s ratio parse_cpu build_cpu ratio obs parse_MB \
        build_MB peer_s peer_MB peer/bld load
    echo "# *_s: median wall seconds; *_cpu: median user+sys CPU seconds; *_MB: peak RSS (max of runs); peer/bld: peer_s / build_s; load: 1-min load average before the runs and after them"
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
    : >"$logs/peer.txt"
    i=1
    while [ $i -le "$RUNS" ]; do
        settle
        run parse_only "$logs/parse$i" "$BENCH_DIR/bin/parse_only" -j "$T" "$corpus" >>"$logs/parse.txt"
        rm -rf "$out"
        settle
        run llmreport "$logs/build$i" "$LLMREPORT" build -q -f "$FORMATS" -j "$T" -o "$out" \
            "$corpus" >>"$logs/build.txt"
        if [ "$PEER" != none ]; then
            rm -rf "$out.peer"
            settle
            run peer "$logs/peer$i" "$PEER_PYTHON" "$PEER" "$corpus" "$out.peer" >>"$logs/peer.txt"
        fi
        i=$((i + 1))
    done
    load="$load/$(cut -d' ' -f1 /proc/loadavg)"
    same="-"
    if [ "$n" = "$(echo $SIZES | cut -d' ' -f1)" ] && [ "$n" -le 10000 ]; then
        # the output must not depend on the number of threads
        same="identical"
        for j in $JOBS_SAME; do
            rm -rf "$out.j$j"
            "$LLMREPORT" build -q -f "$FORMATS" -j "$j" -o "$out.j$j" "$corpus" 2>/dev/null || true
            if ! diff -r "$out" "$out.j$j" >/dev/null 2>&1; then same="DIFFERENT (-j $j)"; fi
            rm -rf "$out.j$j"
        done
        echo "# $n files: output of -j $(echo $JOBS_SAME | tr ' ' '/') against -j $T: $same" |
            tee -a "$BENCH_DIR/results.txt" >&2
    fi
    ps=$(awk '$1 ~ /^[0-9.]+$/ {print $1}' "$logs/parse.txt" | median)
    bs=$(awk '$1 ~ /^[0-9.]+$/ {print $1}' "$logs/build.txt" | median)
    qs=$(awk '$1 ~ /^[0-9.]+$/ {print $1}' "$logs/peer.txt" | median)
    pc=$(awk 'NF == 3 {print $3}' "$logs/parse.txt" | median)
    bc=$(awk 'NF == 3 {print $3}' "$logs/build.txt" | median)
    if grep -q timeout "$logs/build.txt"; then bs="timeout"; bc="-"; fi
    if grep -q failed "$logs/build.txt"; then bs="failed"; bc="-"; fi
    if grep -q 'timeout\|failed' "$logs/peer.txt"; then qs="failed"; fi
    prss=$(awk 'NF == 3 {print $2}' "$logs/parse.txt" | maxof)
    brss=$(awk 'NF == 3 {print $2}' "$logs/build.txt" | maxof)
    qrss=$(awk 'NF == 3 {print $2}' "$logs/peer.txt" | maxof)
    obs=$("$LLMREPORT" check -q -j "$T" "$corpus" 2>/dev/null |
        sed -n 's/.*; \([0-9]*\) observations.*/\1/p')
    ratio() { echo "$1 $2" | awk '$1 ~ /^[0-9.]+$/ && $2 > 0 {printf "%.2fx", $1 / $2; next} {print "-"}'; }
    mbof() { echo "${1:-0}" | awk '$1 > 0 {printf "%.0f", $1 / 1024; next} {print "-"}'; }
    printf "$row" "$n" "$mb" "$ps" "$bs" "$(ratio "$bs" "$ps")" "$pc" "$bc" "$(ratio "$bc" "$pc")" \
        "${obs:-?}" "$(mbof "$prss")" "$(mbof "$brss")" "${qs:--}" "$(mbof "$qrss")" \
        "$(ratio "$qs" "$bs")" "$load" | tee -a "$BENCH_DIR/results.txt"
    # the targets of issue 19 for this size, each met or not
    rss_cap=""
    case "$n" in 10000) rss_cap=100 ;; 100000) rss_cap=600 ;; esac
    verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT MET"; fi; }
    t_parse=$(echo "$bs $ps" | awk '$1 ~ /^[0-9.]+$/ && $2 > 0 {print ($1 / $2 <= 1.0) ? 1 : 0; next} {print 0}')
    t_peer=$(echo "$qs $bs" | awk '$1 ~ /^[0-9.]+$/ && $2 > 0 {print ($1 / $2 >= 10) ? 1 : 0; next} {print 0}')
    {
        echo "#   target $n: whole build <= 1.00x the naive parse (wall): $(ratio "$bs" "$ps") $(verdict "$t_parse")"
        if [ -n "$rss_cap" ]; then
            t_rss=$(echo "${brss:-0}" | awk -v c="$rss_cap" '{print ($1 > 0 && $1 / 1024 <= c) ? 1 : 0}')
            echo "#   target $n: peak RSS <= $rss_cap MB: $(mbof "$brss") MB $(verdict "$t_rss")"
        fi
        [ "$PEER" != none ] &&
            echo "#   target $n: >= 10x faster than the peer script (wall): $(ratio "$qs" "$bs") $(verdict "$t_peer")"
        [ "$same" != "-" ] && case "$same" in
            identical) echo "#   target $n: same outputs for -j $(echo $JOBS_SAME | tr ' ' '/'): met" ;;
            *) echo "#   target $n: same outputs for -j $(echo $JOBS_SAME | tr ' ' '/'): NOT MET, $same" ;;
            esac
    } | tee -a "$BENCH_DIR/results.txt"
    echo "$n $bs $bc" >>"$BENCH_DIR/linear.$$"
done
# linear from the smallest size to the largest: build CPU seconds per 1000 files at each size
if [ -f "$BENCH_DIR/linear.$$" ] && [ "$(wc -l <"$BENCH_DIR/linear.$$")" -gt 1 ]; then
    awk '$3 ~ /^[0-9.]+$/ {n[NR] = $1; c[NR] = $3 / $1 * 1000; printf "%s%s: %.3f", (NR > 1 ? ", " : "#   build CPU s per 1000 files: "), $1, c[NR]}
         END {if (NR > 1 && c[1] > 0) {r = c[NR] / c[1]; printf " (%.2fx from %s to %s files; target linear, within 1.25x: %s)\n", r, n[1], n[NR], (r <= 1.25 && r >= 0.8) ? "met" : "NOT MET"}}' \
        "$BENCH_DIR/linear.$$" | tee -a "$BENCH_DIR/results.txt"
fi
rm -f "$BENCH_DIR/linear.$$"
echo "# per-run times and logs: $BENCH_DIR/logs/SIZE/; outputs: $BENCH_DIR/out/SIZE/" |
    tee -a "$BENCH_DIR/results.txt"

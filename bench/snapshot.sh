#!/bin/sh
# The snapshot (results.json) at scale: its size against the input bytes, and how long a build
# takes to read it as --baseline and as --history, for the form llmreport writes now
# (llmreport/2) and, when OLD_LLMREPORT names a build of an earlier commit, for the object-per-
# result form that one writes (llmreport/1), read by that binary (what reading cost before) and
# by this one (older snapshots still read).
# Usage: bench/snapshot.sh CORPUS_DIR   (LLMREPORT, T, BENCH_DIR, RUNS as in run.sh;
#        OLD_LLMREPORT optional, e.g. a Release build of 2c6e7ef)
set -eu
LLMREPORT=${LLMREPORT:-/work/main/build-rel/llmreport}
OLD_LLMREPORT=${OLD_LLMREPORT:-}
T=${T:-$(nproc)}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/llmreport-bench}
[ $# -eq 1 ] || { echo "usage: bench/snapshot.sh CORPUS_DIR" >&2; exit 2; }
corpus=$1
dir=$BENCH_DIR/snapshot
rm -rf "$dir" && mkdir -p "$dir"
t=$dir/time

in_bytes=$(find "$corpus" -name '*.json' -type f -exec cat {} + | wc -c)
# one small input for the builds that read a baseline: the first file of the corpus
tiny=$(find "$corpus" -name '*.json' -type f | LC_ALL=C sort | head -1)

snap() { # BINARY NAME: builds the corpus' snapshot into $dir/NAME.json
    rm -rf "$dir/out"
    "$1" build -q -f json -j "$T" -o "$dir/out" "$corpus" >/dev/null 2>&1
    mv "$dir/out/results.json" "$dir/$2.json"
    rm -rf "$dir/out"
}
snap "$LLMREPORT" new
[ -n "$OLD_LLMREPORT" ] && snap "$OLD_LLMREPORT" old

printf '# input: %s, %s bytes in *.json\n' "$corpus" "$in_bytes"
for f in new old; do
    [ -f "$dir/$f.json" ] || continue
    b=$(wc -c <"$dir/$f.json")
    awk -v f="$f" -v b="$b" -v i="$in_bytes" -v fmt="$(sed -n 2p "$dir/$f.json")" \
        'BEGIN {printf "# %s snapshot:%s %d bytes, %.3fx the input\n", f, fmt, b, b / i}'
done

# a history folder of three copies of each snapshot, dated apart
for f in new old; do
    [ -f "$dir/$f.json" ] || continue
    mkdir -p "$dir/hist-$f"
    for d in 01 02 03; do
        sed "3s/\"date\": \"[^\"]*\"/\"date\": \"2030-01-$d\"/" "$dir/$f.json" \
            >"$dir/hist-$f/results-2030-01-$d.json"
    done
done

# median of RUNS: wall and user+sys seconds, peak RSS
timed() { # LABEL COMMAND...
    label=$1
    shift
    : >"$dir/runs"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        rm -rf "$dir/out"
        /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >/dev/null 2>&1 || true
        awk '{print $1, $2 + $3, $4 / 1024}' "$t" >>"$dir/runs"
        i=$((i + 1))
    done
    sort -n -k1,1 "$dir/runs" | awk -v l="$label" -v n="$RUNS" '
        {w[NR] = $1; c[NR] = $2; if ($3 > r) r = $3}
        END {m = int((n + 1) / 2); printf "%-34s %8.2f %8.2f %8.0f\n", l, w[m], c[m], r}'
}

printf '%-34s %8s %8s %8s\n' "what (median of $RUNS)" wall_s cpu_s rss_MB
for reader in new old; do
    if [ "$reader" = new ]; then bin=$LLMREPORT; else bin=$OLD_LLMREPORT; fi
    [ -n "$bin" ] || continue
    for f in new old; do
        [ -f "$dir/$f.json" ] || continue
        [ "$reader" = old ] && [ "$f" = new ] && continue # the old binary cannot read it
        timed "$reader binary, --baseline $f form" \
            "$bin" build -q -f md -j "$T" -o "$dir/out" --baseline "$dir/$f.json" "$tiny"
        timed "$reader binary, --history 3x $f form" \
            "$bin" build -q -f md -j "$T" -o "$dir/out" --history "$dir/hist-$f" "$tiny"
    done
done
timed "(the small input alone)" "$LLMREPORT" build -q -f md -j "$T" -o "$dir/out" "$tiny"
rm -rf "$dir/out" "$dir/runs" "$t"

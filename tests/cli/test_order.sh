#!/usr/bin/env bash
# Same inputs, same report: the samples and the real files of ../shared/data/real (when present),
# given as files in shuffled orders, as folders in other orders, and walked from copies whose
# files were created in other orders, give byte-identical report.md, results.json, charts and
# report.pdf. Every choice between observations is made by content, never by input order.
. "$(dirname "$0")/lib.sh"
scratch order
export SOURCE_DATE_EPOCH=1764547200

real=$src/../shared/data/real
[ -d "$real" ] || real=
# one tree of inputs: the samples' folders and the real files, with their folders
mkdir -p base/in
cp -r "$src/samples/runs" "$src/samples/papers" "$src/samples/leaderboard" base/in/
[ -n "$real" ] && cp -r "$real" base/in/real
find base/in -name '*.md' -delete
cp "$src/samples/llmreport.json" base/config.json

# a copy of base whose files and folders are created in the given order (reverse or shuffled),
# so that the folder walk meets them in another order
copy_in_order() { # NAME ORDER-COMMAND...
  local name=$1
  shift
  rm -rf "$name" && mkdir -p "$name/in"
  cp base/config.json "$name/"
  (cd base/in && find . -type d | sort) | "$@" | while read -r d; do mkdir -p "$name/in/$d"; done
  (cd base/in && find . -type f | sort) | "$@" | while read -r f; do cp "base/in/$f" "$name/in/$f"; done
}
seeded() { shuf --random-source=<(yes "$1"); }
build() { # NAME INPUT... (run inside NAME, so that every path in the outputs is the same)
  local name=$1
  shift
  (cd "$name" && "$bin" build -q -c config.json -f md,json,svg,pdf -o out "$@" 2>../"$name.err")
}

copy_in_order sorted cat
build sorted in
check "the reference build ran" test -s sorted/out/report.md -a -s sorted/out/results.json
check "the reference read the real files" test -z "$real" -o -n "$(grep -l 'real/' sorted/out/results.json)"
files=$(cd sorted && find in -type f \( -name '*.json' -o -name '*.csv' \) | sort)

same() { # NAME: every output of NAME equals the reference's
  local name=$1 diff
  diff=$(diff -rq sorted/out "$name/out" 2>&1)
  check "$name: same outputs${diff:+ ($diff)}" test -z "$diff"
  check "$name: same diagnostics" cmp -s sorted.err "$name.err"
}

copy_in_order reversed tac
build reversed in
same reversed
for seed in 1 2; do
  copy_in_order "shuffled$seed" seeded "$seed"
  build "shuffled$seed" in
  same "shuffled$seed"
done

# the same files named one by one, in sorted, reversed and shuffled orders
copy_in_order files cat
for order in tac "seeded 4"; do
  # shellcheck disable=SC2086
  (cd files && rm -rf out && "$bin" build -q -c config.json -f md,json,svg,pdf -o out $(printf '%s\n' $files | $order) 2>../files.err)
  diff=$(diff -rq sorted/out files/out 2>&1)
  check "files in order '$order': same outputs${diff:+ ($diff)}" test -z "$diff"
  check "files in order '$order': same diagnostics" cmp -s sorted.err files.err
done

# folders given in other orders (the issue's case: runs papers leaderboard and the reverse)
copy_in_order folders cat
for order in "in/runs in/papers in/leaderboard" "in/leaderboard in/papers in/runs"; do
  [ -n "$real" ] && order="$order in/real"
  # shellcheck disable=SC2086
  (cd folders && rm -rf out && "$bin" build -q -c config.json -f md,json,svg,pdf -o out $order 2>../folders.err)
  diff=$(diff -rq sorted/out folders/out 2>&1)
  check "folders '$order': same outputs${diff:+ ($diff)}" test -z "$diff"
done

finish test_order

#!/usr/bin/env bash
# Never lose a good report. A build killed with SIGKILL at random moments leaves every output
# either as the previous build wrote it or as the new build writes it, never partial or missing,
# and never some old beside some new (the folder is switched in one rename);
# stray temporary files of killed builds are removed by the next complete build. A full disk
# fails the build with exit status 3 and a clear message, and the previous outputs stay intact.
# Run by ctest with LLMREPORT (the binary), LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
umount "${LR_TEST_TMP:?}/kill/full" 2>/dev/null # left by an interrupted run
scratch kill
KILLS=${LR_KILLS:-20}

# Two input sets of 2000 small files each (40 models x 50 benchmarks), the same names with
# different values, so that a build of one replaces every output of the other.
make_inputs() { # DIR OFFSET
  mkdir -p "$1"
  local i
  for ((i = 0; i < 2000; i++)); do
    printf '{"format": "llmreport/1", "source": {"title": "Run %d"}, "results": [{"model": "model-%02d", "benchmark": "task_%02d", "metric": "acc", "shots": 0, "value": %d.5, "stderr": 0.4, "scale": "percent"}]}\n' \
      $((i / 40)) $((i % 40)) $((i / 40)) $(((i * 37 + $2) % 90 + 5)) > "$1/r$i.json"
  done
}
make_inputs a 0
make_inputs b 7

outputs="report.md results.json charts/overview.svg"
sums() { # DIR: one checksum line per output ("missing" when absent)
  local f
  for f in $outputs; do
    if [ -f "$1/$f" ]; then sha256sum < "$1/$f" | cut -d' ' -f1; else echo "missing $f"; fi
  done
}
now_ms() { date +%s%3N; }

build() { "$bin" build -q -f md,json,svg -j 2 "$@"; }

# the complete outputs of each set, built once into folders of their own
build -o ref-a a || { echo "FAIL build of a"; exit 1; }
start=$(now_ms)
build -o ref-b b || { echo "FAIL build of b"; exit 1; }
duration=$(($(now_ms) - start))
mapfile -t sum_a < <(sums ref-a)
mapfile -t sum_b < <(sums ref-b)
check "the two sets give different outputs" test "${sum_a[*]}" != "${sum_b[*]}"

# the report being replaced: a complete build of a
build -o out a
check "first build complete" test "$(sums out)" = "$(sums ref-a)"

# kill -9 at random moments of builds of b (and back to a): a third at any moment of the build,
# a third late in it, and a third while the outputs are being written (the first file newer
# than the build's start has appeared in out/ or in the folder staged beside it), where a build
# that wrote in place would be caught with a half-written file
msleep() { sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }
bad=0 mixed=0 killed=0
for ((k = 0; k < KILLS; k++)); do
  set_=$([ $((k % 4)) -lt 2 ] && echo b || echo a)
  touch started
  "$bin" build -q -f md,json,svg -j 2 -o out "$set_" >/dev/null 2>&1 &
  pid=$!
  case $((k % 3)) in
  0) msleep $((RANDOM % (duration + 1))) ;;
  1) msleep $((duration * 7 / 10 + RANDOM % (duration * 4 / 10 + 1))) ;;
  2)
    while kill -0 "$pid" 2>/dev/null && [ -z "$(find out .out.llmreport-new.* -newer started -type f -print -quit 2>/dev/null)" ]; do :; done
    msleep $((RANDOM % 20))
    ;;
  esac
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null
  mapfile -t now < <(sums out)
  from_a=0 from_b=0
  for ((i = 0; i < ${#now[@]}; i++)); do
    if [ "${now[i]}" = "${sum_a[i]}" ]; then
      from_a=$((from_a + 1))
    elif [ "${now[i]}" = "${sum_b[i]}" ]; then
      from_b=$((from_b + 1))
    else
      bad=$((bad + 1))
      echo "kill $k: $(echo $outputs | cut -d' ' -f$((i + 1))) is neither the old nor the new output (${now[i]})"
    fi
  done
  [ "$from_a" != 0 ] && [ "$from_b" != 0 ] && mixed=$((mixed + 1))
done
check "every output old or new after each kill" test "$bad" = 0
check "never a mix of old and new outputs" test "$mixed" = 0
echo "test_kill: $KILLS builds started, $killed killed before they ended (build: ${duration} ms);" \
  "after $mixed of them the outputs were a mix of whole old and whole new files"

# the next complete build removes what the killed ones left
build -o out b
check "complete build after the kills" test "$(sums out)" = "$(sums ref-b)"
check "no stray temporary files" test -z "$(find out -name '*.tmp.*')"
check "no staged folders left beside" test -z "$(find . -maxdepth 1 -name '.out.llmreport-new.*')"

# ---- disk full ----------------------------------------------------------------------------------

printf '{"format": "llmreport/1", "source": {"title": "T"}, "results": [{"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"}, {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"}]}\n' > small.json
sed 's/"value": 70/"value": 71/' small.json > small2.json
mkdir -p full
if mount -t tmpfs -o size=256k tmpfs full 2>/dev/null; then
  trap 'umount "$tmp/full" 2>/dev/null' EXIT
  build -o full/out small.json
  before=$(sums full/out)
  dd if=/dev/zero of=full/filler bs=4k 2>/dev/null
  got=$("$bin" build -q -f md,json,svg -o full/out small2.json 2>&1)
  rc=$?
  check "disk full: exit 3" test "$rc" = 3
  check "disk full: message" test "$got" = \
    "llmreport: error: full/out: cannot write: No space left on device"
  check "disk full: previous outputs intact" test "$(sums full/out)" = "$before"
  check "disk full: no temporary files left" test -z "$(find full/out -name '*.tmp.*')"
  rm -f full/filler
  build -o full/out small2.json
  check "disk with room again: outputs replaced" test "$(sums full/out)" != "$before"
  umount full
else
  echo "test_kill: cannot mount a tmpfs here (not root?); disk full is tested through /dev/full only"
fi
# what /dev/full can show without a mount: standard output on a full disk
got=$("$bin" export small.json 2>&1 >/dev/full)
rc=$?
check "stdout full: exit 3" test "$rc" = 3
check "stdout full: message" test "$got" = \
  "llmreport: error: cannot write to standard output: No space left on device"

# an output folder that cannot be made (root cannot create folders under /proc either)
got=$("$bin" build -q -f md -o /proc/llmreport-no/out small.json 2>&1)
rc=$?
check "unwritable folder: exit 3" test "$rc" = 3
check "unwritable folder: message" test "$got" = \
  "llmreport: error: /proc/llmreport-no/out: cannot create output folder: No such file or directory"
# an output that is a folder where a file should be: the build fails, the other outputs stay
build -o blocked small.json
before=$(sums blocked)
rm blocked/results.json && mkdir -p blocked/results.json/x
got=$("$bin" build -q -f md,json,svg -o blocked small2.json 2>&1)
rc=$?
check "output blocked by a folder: exit 3" test "$rc" = 3
check "output blocked by a folder: message" test "$got" = \
  "llmreport: error: blocked/results.json: cannot rename into place: Is a directory"
check "output blocked by a folder: other outputs intact" test "$(sums blocked | grep -v missing)" = \
  "$(echo "$before" | sed -n '1p;3p')"
check "output blocked by a folder: no temporary files left" test -z "$(find blocked -name '*.tmp.*')"

finish test_kill

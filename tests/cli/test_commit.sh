#!/usr/bin/env bash
# The output folder changes as one. A build is killed (SIGKILL) at each rename it makes, one
# kill per rename, and has each rename fail in turn (strace fault injection): every time the
# folder holds the whole old set of outputs or the whole new set, never a mix, and the files the
# user keeps in it (beside the outputs and inside charts/) are still there, unchanged. What the
# stopped builds left beside the folder is gone after the next complete build.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch commit
command -v strace >/dev/null || { echo "strace not installed"; exit 77; }
strace -f -qq -o /dev/null true 2>/dev/null || { echo "strace cannot trace here"; exit 77; }
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 # LeakSanitizer cannot run under ptrace

# two input sets with the same names and different values, and a third benchmark only in b:
# a build of one replaces every output of the other, and b adds a chart a does not have
make_inputs() { # DIR OFFSET BENCHMARKS
  mkdir -p "$1"
  local m b sep
  for m in 0 1 2 3; do
    {
      printf '{"format": "llmreport/1", "source": {"title": "Run %s"}, "results": [' "$m"
      sep=""
      for b in $3; do
        printf '%s{"model": "m%s", "benchmark": "%s", "metric": "acc", "shots": 0, "value": %s.5, "scale": "percent"}' \
          "$sep" "$m" "$b" $(((m * 17 + $2 + ${#b}) % 80 + 10))
        sep=", "
      done
      printf ']}\n'
    } >"$1/r$m.json"
  done
}
make_inputs a 0 "MMLU HellaSwag"
make_inputs b 7 "MMLU HellaSwag GSM8K"
build() { "$bin" build -q -f md,json,svg "$@"; }

# the outputs of a folder: one line per file (path and checksum), the user's files left out
user="./notes.txt ./charts/mine.txt ./keep/deep/kept.txt"
state() {
  (cd "$1" && find . \( -type f -o -type l \) | LC_ALL=C sort | while read -r f; do
    case " $user " in *" $f "*) continue ;; esac
    printf '%s %s\n' "$f" "$(sha256sum <"$f" | cut -c1-16)"
  done)
}
build -o ref-a a && build -o ref-b b || { echo "FAIL reference builds"; exit 1; }
state_a=$(state ref-a) state_b=$(state ref-b)
check "the two sets differ in every output" test "$(comm -12 <(echo "$state_a") <(echo "$state_b") | grep -vc llmreport-output)" = 0
check "b has a chart a does not" test -e ref-b/charts/gsm8k.svg -a ! -e ref-a/charts/gsm8k.svg

user_files() { # DIR: writes the user's own files
  mkdir -p "$1/keep/deep" "$1/charts"
  printf 'my notes\n' >"$1/notes.txt"
  printf 'my chart notes\n' >"$1/charts/mine.txt"
  printf 'kept\n' >"$1/keep/deep/kept.txt"
}
user_intact() {
  [ "$(cat "$1/notes.txt" 2>/dev/null)" = "my notes" ] &&
    [ "$(cat "$1/charts/mine.txt" 2>/dev/null)" = "my chart notes" ] &&
    [ "$(cat "$1/keep/deep/kept.txt" 2>/dev/null)" = "kept" ]
}
old_or_new() { # DIR: 0 when the folder is the whole old set or the whole new set
  local now
  now=$(state "$1")
  [ "$now" = "$state_a" ] || [ "$now" = "$state_b" ]
}
fresh() { # a complete build of a with the user's files: the folder about to be replaced
  rm -rf out && build -o out a && user_files out
}

# how many renames a build of b over a makes (the tool may make more or fewer; each is tried)
fresh
strace -f -qq -e trace=rename,renameat,renameat2 -o renames.log "$bin" build -q -f md,json,svg -o out b
n=$(grep -c 'rename' renames.log)
check "the traced build made renames" test "$n" -ge 1
syscalls=rename,renameat,renameat2

# ---- a kill at each rename ------------------------------------------------------------------
mixed=0
for ((k = 1; k <= n + 1; k++)); do
  fresh
  { (strace -f -qq -o /dev/null -e trace=$syscalls -e inject=$syscalls:signal=KILL:when=$k \
    "$bin" build -q -f md,json,svg -o out b); } >/dev/null 2>&1
  if ! old_or_new out; then
    mixed=$((mixed + 1))
    echo "kill at rename $k of $n: the folder is a mix of old and new outputs"
    diff <(echo "$state_a") <(state out) | head -5
  fi
  user_intact out || { mixed=$((mixed + 1)); echo "kill at rename $k of $n: a user file was lost"; }
done
check "a kill at any of the $n renames leaves the old set or the new set" test "$mixed" = 0

# ---- each rename failing in turn ------------------------------------------------------------
mixed=0
for ((k = 1; k <= n; k++)); do
  fresh
  got=$(strace -f -qq -o /dev/null -e trace=$syscalls -e inject=$syscalls:error=EIO:when=$k \
    "$bin" build -q -f md,json,svg -o out b 2>&1)
  rc=$?
  now=$(state out)
  if [ "$now" = "$state_a" ]; then
    # refused: exit 3, one line naming the folder
    [ "$rc" = 3 ] && [ "$(printf '%s\n' "$got" | wc -l)" = 1 ] &&
      printf '%s' "$got" | grep -q '^llmreport: error: out[:/]' ||
      { mixed=$((mixed + 1)); echo "rename $k failing: exit $rc, message: $got"; }
  elif [ "$now" != "$state_b" ]; then
    mixed=$((mixed + 1))
    echo "rename $k of $n failing: the folder is a mix (exit $rc: $got)"
  fi
  user_intact out || { mixed=$((mixed + 1)); echo "rename $k failing: a user file was lost"; }
done
check "a failing rename leaves the old set (exit 3) or the new set" test "$mixed" = 0

# hard links refused (another file system's rules): the user's files are copied over
fresh
strace -f -qq -o /dev/null -e trace=link,linkat -e inject=link,linkat:error=EPERM \
  "$bin" build -q -f md,json,svg -o out b
check "links refused: the new set" test "$(state out)" = "$state_b"
check "links refused: user files copied" user_intact out

# ---- a kill while the old folder is removed, then a complete build ----------------------------
fresh
{ (strace -f -qq -o /dev/null -e trace=unlink,unlinkat -e inject=unlink,unlinkat:signal=KILL:when=2 \
  "$bin" build -q -f md,json,svg -o out b); } >/dev/null 2>&1
check "kill while removing the old folder: the new set" test "$(state out)" = "$state_b"
check "kill while removing the old folder: user files kept" user_intact out
check "what the kill left is beside the folder" test -n "$(find . -maxdepth 1 -name '.out.*')"
build -o out a
check "the next build cleans up" test -z "$(find . -maxdepth 1 -name '.out.*')"
# (the charts b made and a does not stay: see below)
check "the next build: the new set" test "$(state out | grep -Ev '/(gsm8k|heatmap)\.svg ')" = "$state_a"
check "the next build: user files kept" user_intact out
check "no temporary files anywhere" test -z "$(find . -name '*.tmp.*')"

# an old output this build does not make stays (a chart of a benchmark no longer given)
check "an output not made again is kept" test -e out/charts/gsm8k.svg

# the working folder inside the output folder: it is not replaced under the shell's feet, the
# files are renamed in one by one (whole files, the set not at once)
fresh
(cd out && "$bin" build -q -f md,json,svg -o . ../b)
mkdir -p ref-b-here && (cd ref-b-here && "$bin" build -q -f md,json,svg -o . ../b) # same paths
check "build into the working folder" test "$(state out)" = "$(state ref-b-here)"
check "build into the working folder: user files kept" user_intact out
check "build into the working folder: nothing left beside" test -z "$(find . -maxdepth 1 -name '.out.*')"

# ---- two builds into one folder ------------------------------------------------------------
# a folder held (as a build holds it: flock on the folder) refuses at once, or is waited for
fresh
busy="llmreport: error: out: another build is writing into this folder (--wait to wait for it)"
flock out -c 'sleep 2' &
holder=$!
sleep 0.3
got=$(build -o out b 2>&1)
rc=$?
check "held folder: exit 3" test "$rc" = 3
check "held folder: one line" test "$got" = "$busy"
check "held folder: unchanged" test "$(state out)" = "$state_a"
start=$(date +%s%N)
build --wait -o out b
rc=$?
waited=$((($(date +%s%N) - start) / 1000000))
wait "$holder"
check "--wait: exit 0" test "$rc" = 0
check "--wait: waited for the holder (${waited} ms)" test "$waited" -ge 1000
check "--wait: the new set" test "$(state out)" = "$state_b"

# builds racing: each round two builds of a and b into one folder, started together; with
# --wait both succeed one after the other, without it one may be refused; never a mix
# (a after b keeps b's charts a does not make: a whole set too)
build -o ref-ab b && build -o ref-ab a
state_ab=$(state ref-ab)
mixed=0 refused=0
for ((k = 0; k < 12; k++)); do
  fresh
  if ((k % 2)); then w=--wait; else w=; fi
  build $w -o out a 2>/dev/null &
  p1=$!
  build $w -o out b 2>/dev/null &
  p2=$!
  wait $p1
  r1=$?
  wait $p2
  r2=$?
  old_or_new out || [ "$(state out)" = "$state_ab" ] ||
    { mixed=$((mixed + 1)); echo "race $k ($w): the folder is a mix (exits $r1 $r2)"; }
  user_intact out || { mixed=$((mixed + 1)); echo "race $k: a user file was lost"; }
  [ -n "$w" ] && { [ "$r1" = 0 ] && [ "$r2" = 0 ] || { mixed=$((mixed + 1)); echo "race $k --wait: exits $r1 $r2"; }; }
  [ -z "$w" ] && { [ "$r1" = 0 ] || [ "$r1" = 3 ]; } && { [ "$r2" = 0 ] || [ "$r2" = 3 ]; } || [ -n "$w" ] ||
    { mixed=$((mixed + 1)); echo "race $k: exits $r1 $r2"; }
  [ "$r1" = 3 ] || [ "$r2" = 3 ] && refused=$((refused + 1))
  [ -z "$(find . -maxdepth 1 -name '.out.*')" ] || { mixed=$((mixed + 1)); echo "race $k: staged folders left"; }
done
check "racing builds: never a mix, each exit 0 or 3 (refused in $refused of 12 rounds)" test "$mixed" = 0

finish test_commit

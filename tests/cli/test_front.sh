#!/usr/bin/env bash
# The library's front door as the tool shows it: each snapshot file (--baseline, --history) is
# opened once, `list` counts what `check` counts, progress (files read of all, then each output)
# appears on a terminal only, and not with -q.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch front
export LC_ALL=C
nightly=$src/tests/data/nightly
history=$src/tests/data/history

# ---- each snapshot read once --------------------------------------------------------------------
# strace counts the opens; without strace (or where tracing is not allowed) this part is skipped
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  strace -f -e trace=open,openat -o opens.txt "$bin" build -q -f md -o out \
    --baseline "$nightly/base.json" --history "$history" "$nightly/now.json" 2>/dev/null
  check "baseline opened once" test "$(grep -c "\"$nightly/base.json\"" opens.txt)" = 1
  for f in "$history"/*.json; do
    check "history snapshot $(basename "$f") opened once" test "$(grep -c "\"$f\"" opens.txt)" = 1
  done
  check "the input opened once" test "$(grep -c "\"$nightly/now.json\"" opens.txt)" = 1
else
  echo "test_front: no strace here; the open counts are not checked"
fi

# ---- list ---------------------------------------------------------------------------------------
"$bin" list -q "$src/samples" > list.txt
check "list: a row per model" test "$(sed -n '2,/^$/p' list.txt | grep -c .)" = \
  "$("$bin" check -q "$src/samples" | sed -n 's/.*observations, \([0-9]*\) models.*/\1/p')"
check "list: a line per benchmark" test "$(sed -n '/^benchmarks/,$p' list.txt | grep -c '^ *[0-9]')" = \
  "$("$bin" check -q "$src/samples" | sed -n 's/.* models, \([0-9]*\) benchmarks.*/\1/p')"

# ---- progress on a terminal only ------------------------------------------------------------------
# script(1) gives the run a terminal; without util-linux's script this part is skipped
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  script -qec "'$bin' build -f md,pdf -o tty '$src/samples'" /dev/null > tty.txt 2>&1
  check "a terminal shows the files read of all" grep -qE 'llmreport: read ([0-9]{2,}) of \1 files' tty.txt
  check "then each output" grep -qF "llmreport: writing pdf (2 of 2)" tty.txt
  check "progress lines are rewritten, then cleared" grep -qF $'(2 of 2)\r\033[K' tty.txt
  script -qec "'$bin' build -q -f md,pdf -o tty-q '$src/samples'" /dev/null > tty-q.txt 2>&1
  check "-q: no progress on a terminal" test ! -s tty-q.txt
else
  echo "test_front: no script(1) here; progress on a terminal is not checked"
fi
"$bin" build -f md,pdf -o notty "$src/samples" 2> notty.txt
check "no terminal: no progress" test "$(grep -c -e 'llmreport: read ' -e 'llmreport: writing ' -e $'\r' notty.txt)" = 0
check "no terminal: the notes as before" grep -qF 'llmreport: note: ' notty.txt

finish test_front

#!/usr/bin/env bash
# The library's front door as the tool shows it: each snapshot file (--baseline, --history) is
# opened once, `list` counts what `check` counts, progress appears on a terminal only.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
set -u
bin=${LLMREPORT:?}
src=${LR_SOURCE_DIR:?}
tmp=${LR_TEST_TMP:?}/front
rm -rf "$tmp" && mkdir -p "$tmp" && cd "$tmp" || exit 1
export -n SOURCE_DATE_EPOCH LLMREPORT_MAX_FILE_SIZE
export LC_ALL=C
pass=0 fail=0
check() {
  local name=$1
  shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name"; fi
}
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

echo "test_front: $pass passed, $fail failed"
[ "$fail" = 0 ]

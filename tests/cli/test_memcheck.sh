#!/usr/bin/env bash
# Valgrind memcheck over the sample report build (every output format, two threads) and a
# check of hostile inputs: no invalid read or write, no use of uninitialised memory, no leak.
# Skipped (exit 77) in the sanitizer build, where valgrind cannot run, and without valgrind.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR, LR_TEST_TMP and LR_SANITIZED set.
set -u
bin=${LLMREPORT:?}
src=${LR_SOURCE_DIR:?}
tmp=${LR_TEST_TMP:?}/memcheck
if [ "${LR_SANITIZED:-0}" = 1 ]; then
  echo "skipped: sanitizer build"
  exit 77
fi
if ! command -v valgrind >/dev/null; then
  echo "skipped: valgrind is not installed"
  exit 77
fi
rm -rf "$tmp" && mkdir -p "$tmp"
export -n SOURCE_DATE_EPOCH LLMREPORT_MAX_FILE_SIZE
fail=0
memcheck() { # NAME EXPECTED_STATUS ARGS...
  local name=$1 want=$2
  shift 2
  valgrind -q --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
    --log-file="$tmp/$name.log" "$bin" "$@" >"$tmp/$name.out" 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"
    cat "$tmp/$name.log"
    fail=1
  elif [ -s "$tmp/$name.log" ]; then
    echo "FAIL $name: valgrind reported"
    cat "$tmp/$name.log"
    fail=1
  fi
}
cd "$src" || exit 1
memcheck sample-report 0 build -q -j 2 -f md,json,svg,png,pdf -o "$tmp/report" samples
memcheck korean-report 0 build -q -j 2 -c samples/llmreport.ko.json -f md,svg,pdf \
  -o "$tmp/ko" samples
[ -s "$tmp/report/report.pdf" ] && [ -s "$tmp/ko/report.pdf" ] ||
  { echo "FAIL: the reports were not written"; fail=1; }
# hostile and broken inputs: read what can be read, report the rest, leak nothing
memcheck hostile 0 check -j 2 tests/data
[ $fail = 0 ] && echo "memcheck: clean"
exit $fail

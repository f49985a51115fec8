# The setup the command-line tests share; each tests/cli/test_*.sh starts with
#   . "$(dirname "$0")/lib.sh"
# Run by ctest with LLMREPORT (the built binary), LR_SOURCE_DIR and LR_TEST_TMP set. Sets bin
# and src, leaves out of the environment what the tool would read from it (each test sets what
# it needs), and defines:
#   scratch NAME [SUB]        a fresh folder $LR_TEST_TMP/NAME (with SUB inside) as $tmp, and
#                             the working folder
#   check NAME CONDITION...   counts a pass when the command succeeds, else prints FAIL NAME
#   expect NAME STATUS EXPECTED_STDERR -- COMMAND...
#                             the command's exit status and standard error, exactly
#   has_line FILE LINE        FILE holds LINE as a whole line
#   finish [NAME]             prints the counts; the test's exit status
set -u
bin=${LLMREPORT:?}
src=${LR_SOURCE_DIR:?}
export -n SOURCE_DATE_EPOCH LLMREPORT_MAX_FILE_SIZE LLMREPORT_DATADIR
pass=0 fail=0

scratch() {
  tmp=${LR_TEST_TMP:?}/$1
  rm -rf "$tmp" && mkdir -p "$tmp${2:+/$2}" && cd "$tmp" || exit 1
}

check() {
  local name=$1
  shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name"; fi
}

expect() {
  local name=$1 status=$2 want=$3
  shift 4
  local got rc
  got=$("$@" 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" = "$status" ] && [ "$got" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    printf 'FAIL %s: exit %s (want %s)\n--- got stderr:\n%s\n--- want:\n%s\n' "$name" "$rc" "$status" \
      "$(printf '%s' "$got" | cut -c1-400)" "$want"
  fi
}

has_line() { grep -qxF -- "$2" "$1"; }

finish() {
  echo "${1:+$1: }$pass passed, $fail failed"
  [ "$fail" = 0 ]
}

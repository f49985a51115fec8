#!/usr/bin/env bash
# The walk of input folders: the tool never reads its own output back (the output folder, and
# any folder marked as the outputs of an earlier build, are left out with a note), the same file
# met twice is read once (given twice, a folder given twice, a symlink or hard link to a file
# already listed), whatever the order of the inputs, and every broken entry (FIFO, link to a
# device, link loop, dangling link, folder nested too deep, unreadable folder) is named once on
# standard error and in "Inputs not used", with --strict failing on it.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch walk
export LC_ALL=C

summary() { "$bin" check -q "$@" 2>/dev/null; }
two="1 file read, 0 not used; 2 observations, 2 models, 1 benchmarks; 0 warnings, 0 errors"
count() { grep -o '"model"' "$1" | wc -l; } # observations in a results.json

good='{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"},
 {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"}]}'

# ---- the tool reads its own output ------------------------------------------------------------
mkdir self && printf '%s\n' "$good" >self/good.json
(
  cd self || exit 1
  "$bin" build -q -f md,json . && cp report/results.json ../first.json
  expect "second build into ./report skips it" 0 "llmreport: note: ./report: the output folder of this build, not read" -- \
    "$bin" build -f md,json .
  cp report/results.json ../second.json
  "$bin" build -q -f md,json . && cp report/results.json ../third.json
  exit $((fail))
) || fail=$((fail + 1))
check "first build: 2 observations (got $(count first.json))" test "$(count first.json)" -eq 2
check "second build: 2 observations, not 4 (got $(count second.json))" test "$(count second.json)" -eq 2
check "third build: the same results.json" cmp -s first.json third.json
check "the output folder is marked" test -s self/report/.llmreport-output
expect "a marked folder is not read by check" 0 \
  "llmreport: note: self/report: outputs of an earlier llmreport build (.llmreport-output), not read" -- \
  "$bin" check self
check "check reads the inputs only" test "$(summary self)" = "$two"
# a copy of a report folder somewhere below an input folder (an archive of last nights)
mkdir -p self/archive && cp -R self/report self/archive/night1
expect "a copied report folder is not read" 0 "llmreport: note: self/archive/night1: outputs of an earlier llmreport build (.llmreport-output), not read
llmreport: note: self/report: outputs of an earlier llmreport build (.llmreport-output), not read" -- \
  "$bin" check self
# the output folder by its path, even before it holds a marker (written by an older version)
mkdir -p own/out && printf '%s\n' "$good" >own/good.json && cp first.json own/out/results.json
expect "an unmarked output folder is not read" 0 "llmreport: note: own/out: the output folder of this build, not read" -- \
  "$bin" build -f json -o own/out own
check "an unmarked output folder: 2 observations" test "$(count own/out/results.json)" -eq 2
# the output folder is the input folder itself: its results.json is not read back
mkdir here && printf '%s\n' "$good" >here/good.json
(cd here && "$bin" build -q -f json -o . . && "$bin" build -q -f json -o . . && "$bin" build -q -f json -o . .)
check "build -o . . three times: 2 observations (got $(count here/results.json))" \
  test "$(count here/results.json)" -eq 2
expect "build -o . . names the file it skips" 0 "llmreport: note: ./results.json: written by this build, not read" -- \
  sh -c "cd here && '$bin' build -f json -o . ."
# a folder named on the command line is read even when marked: the user asked for it
check "a marked folder named as input is read" test "$(summary self/report)" = "$two"
check "--dump-context writes no folder" sh -c "'$bin' build --dump-context -o never self >/dev/null 2>&1 && test ! -e never"

# ---- the same file twice ------------------------------------------------------------------------
mkdir -p twice/sub && printf '%s\n' "$good" >twice/sub/good.json
ln -s sub/good.json twice/link.json
ln twice/sub/good.json twice/hard.json
ln -s sub twice/alias
expect "links to a file and a folder already listed" 0 "llmreport: note: twice/sub: same folder as twice/alias, read once
llmreport: note: twice/hard.json: same file as twice/alias/good.json, read once
llmreport: note: twice/link.json: same file as twice/alias/good.json, read once" -- "$bin" check twice
check "links: read once" test "$(summary twice)" = "$two"
expect "a file given twice" 0 "llmreport: note: twice/sub/good.json: file given more than once, read once" -- \
  "$bin" check twice/sub/good.json twice/sub/good.json
check "a file given twice: read once" test "$(summary twice/sub/good.json twice/sub/good.json)" = "$two"
expect "a folder given twice" 0 "llmreport: note: twice/sub: folder given more than once, read once" -- \
  "$bin" check twice/sub twice/sub
check "a folder given twice: read once" test "$(summary twice/sub twice/sub)" = "$two"
check "a folder and a file in it: read once" test "$(summary twice/sub twice/sub/good.json)" = "$two"
"$bin" build -q -f md -o once twice/link.json # the first path in byte order is the one kept
"$bin" build -q -f md -o both twice/sub/good.json twice/link.json
"$bin" build -q -f md -o both-reversed twice/link.json twice/sub/good.json
check "read twice, the report of reading once" cmp -s once/report.md both/report.md
check "the same report in either order" cmp -s both/report.md both-reversed/report.md
check "no footnote for a repeated cell" test -z "$(grep -F '[^' both/report.md)"

# ---- one folder under two names -----------------------------------------------------------------
# a folder and a symlink to it, or a link into it, in either order: the files keep the path that
# comes first in byte order, so the report is the same whatever the order of the inputs
mkdir -p named/real/sub && printf '%s\n' "$good" >named/real/sub/r.json
ln -s real named/link
(cd named && "$bin" build -q -f md,json -o ../out-n1 real link 2>/dev/null)
(cd named && "$bin" build -q -f md,json -o ../out-n2 link real 2>/dev/null)
(cd named && "$bin" build -q -f md,json -o ../out-n3 link/sub real 2>/dev/null)
(cd named && "$bin" build -q -f md,json -o ../out-n4 real link/sub 2>/dev/null)
check "folder and its symlink: same report either order" diff -r out-n1 out-n2
check "a link into a folder: same report either order" diff -r out-n3 out-n4
check "the path first in byte order is shown (link < real)" grep -q '"link/sub/r.json"' out-n1/results.json
check "the other path is not" test -z "$(grep -F 'real/sub' out-n1/results.json out-n3/results.json)"

# ---- broken entries --------------------------------------------------------------------------
mkdir -p broken/deep && printf '%s\n' "$good" >broken/good.json
mkfifo broken/fifo.json
ln -s /dev/zero broken/zero.json
/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' broken/sock.json
ln -s loop.json broken/loop.json
ln -s missing.json broken/dangling.json
ln -s missing-folder broken/latest
ln -s nowhere.txt broken/notes.txt # named like no input: passed over silently
ln -s .. broken/deep/up
d=broken/deep
for _ in $(seq 66); do d=$d/d; done
mkdir -p "$d" && printf '%s\n' "$good" >"$d/lost.json"
deep=broken/deep$(printf '/d%.0s' $(seq 64))
want="llmreport: error: broken/dangling.json: dangling symbolic link to missing.json, not read
llmreport: error: $deep: folder nested more than 64 levels deep, not read
llmreport: error: broken/deep/up: symbolic link loop: leads back to broken, not read
llmreport: error: broken/fifo.json: not a regular file (a FIFO), not read
llmreport: error: broken/latest: dangling symbolic link to missing-folder, not read
llmreport: error: broken/loop.json: symbolic link loop, not read
llmreport: error: broken/sock.json: not a regular file (a socket), not read
llmreport: error: broken/zero.json: not a regular file (a character device), not read"
expect "broken entries: one error each, the build goes on" 0 "$want" -- timeout 20 "$bin" build -f md -o out-broken broken
check "broken entries: the good file read" test "$(summary broken)" = \
  "1 file read, 8 not used; 2 observations, 2 models, 1 benchmarks; 0 warnings, 8 errors"
for entry in broken/dangling.json "$deep" broken/deep/up broken/fifo.json broken/latest \
  broken/loop.json broken/sock.json broken/zero.json; do
  # listed relative to the input folder given (broken)
  check "$entry under Inputs not used" grep -qF "| ${entry#broken/} | " out-broken/report.md
done
check "no line for notes.txt" test -z "$(grep -F notes.txt out-broken/report.md)"
expect "--strict fails on broken entries" 1 "$want
llmreport: error: 8 input errors with --strict; nothing written" -- timeout 20 "$bin" build --strict -o out-strict broken
check "--strict wrote nothing" test ! -e out-strict
if [ "$(id -u)" != 0 ]; then # root opens any folder
  mkdir -p locked/closed && printf '%s\n' "$good" >locked/good.json && chmod 000 locked/closed
  expect "an unreadable folder" 0 "llmreport: error: locked/closed: cannot open folder: Permission denied" -- \
    "$bin" check -q locked
  chmod 755 locked/closed
fi

finish

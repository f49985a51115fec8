#!/usr/bin/env bash
# `make install DESTDIR=…`: the build folder installed into a staging root with prefix /usr
# holds the binary, templates, fonts, manual page and docs; the staged binary, run from there
# (no --datadir, no LLMREPORT_DATADIR, from another working folder), finds its templates and
# fonts beside itself and builds the samples (English and Korean) into the same bytes as the
# build-tree binary. A staged copy with a changed template shows the change, and one without
# fonts fails: the data really comes from the staged prefix, not from the source tree.
# Run by ctest with LLMREPORT (the built binary, in the build folder), LR_SOURCE_DIR, LR_TEST_TMP.
. "$(dirname "$0")/lib.sh"
builddir=$(dirname "$bin")
[ -f "$builddir/cmake_install.cmake" ] || { echo "FAIL no cmake_install.cmake in $builddir"; exit 1; }
scratch install work
export LC_ALL=C

stage=$tmp/stage
if ! DESTDIR=$stage cmake --install "$builddir" --prefix /usr >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "FAIL cmake --install"
  exit 1
fi
for f in usr/bin/llmreport usr/share/llmreport/templates/report.md \
  usr/share/llmreport/templates/report.ko.md usr/share/llmreport/templates/overview.md \
  usr/share/llmreport/fonts/DejaVuSans.ttf usr/share/llmreport/fonts/DejaVuSans-Bold.ttf \
  usr/share/llmreport/fonts/DejaVuSansMono.ttf usr/share/llmreport/fonts/NanumGothic.ttf \
  usr/share/llmreport/fonts/NanumGothicBold.ttf usr/share/doc/llmreport/copyright; do
  check "installed $f" test -s "$stage/$f"
done
check "the binary is executable" test -x "$stage/usr/bin/llmreport"
check "nothing installed outside DESTDIR/usr" test "$(ls "$stage")" = usr
man=$(ls "$stage"/usr/share/man/man1/llmreport.1* 2>/dev/null)
check "manual page in share/man/man1" test -n "$man"
if [ -n "$man" ] && command -v groff >/dev/null; then
  case $man in *.gz) page=$(gzip -dc "$man") ;; *) page=$(cat "$man") ;; esac
  check "installed manual page is the source's" test "$page" = "$(cat "$src/llmreport.1")"
fi

# The same builds with the build-tree binary and the staged one, from a neutral folder.
cd "$tmp/work" || exit 1
build_both() { # NAME ARGS... (outputs go to $tmp/tree/NAME and $tmp/staged/NAME)
  local name=$1 rc
  shift
  "$bin" build -q -o "$tmp/tree/$name" "$@" 2>"$tmp/tree-$name.err"
  rc=$?
  check "build-tree binary builds $name (exit $rc)" test $rc -eq 0
  "$stage/usr/bin/llmreport" build -q -o "$tmp/staged/$name" "$@" 2>"$tmp/staged-$name.err"
  rc=$?
  check "staged binary builds $name (exit $rc: $(head -c 300 "$tmp/staged-$name.err"))" test $rc -eq 0
}
build_both en -f md,json,svg,png,pdf "$src/samples"
build_both ko -c "$src/samples/llmreport.ko.json" -f md,svg,pdf "$src/samples"
for name in en ko; do
  for f in report.md report.pdf; do
    check "staged $name/$f written" test -s "$tmp/staged/$name/$f"
  done
  check "staged $name/charts/*.svg written" test -n "$(ls "$tmp/staged/$name/charts/"*.svg 2>/dev/null)"
  check "staged $name/report.md equals the build tree's" \
    cmp -s "$tmp/tree/$name/report.md" "$tmp/staged/$name/report.md"
  check "staged $name outputs equal the build tree's: $(diff -rq "$tmp/tree/$name" "$tmp/staged/$name" | head -3)" \
    diff -rq "$tmp/tree/$name" "$tmp/staged/$name"
done
check "staged en results.json written" test -s "$tmp/staged/en/results.json"
check "staged en charts/*.png written" test -n "$(ls "$tmp/staged/en/charts/"*.png 2>/dev/null)"
check "Korean PDF embeds NanumGothic" grep -aq NanumGothic "$tmp/staged/ko/report.pdf"

# The data comes from beside the staged binary: a copy with a changed template shows the change,
# a copy without fonts cannot write a PDF and names the staged font folder.
cp -a "$stage" "$tmp/stage2" || exit 1
echo 'STAGED-TEMPLATE-MARK' >>"$tmp/stage2/usr/share/llmreport/templates/report.md"
"$tmp/stage2/usr/bin/llmreport" build -q -f md -o "$tmp/mark" "$src/samples" 2>/dev/null
check "the staged template is the one used" grep -qx 'STAGED-TEMPLATE-MARK' "$tmp/mark/report.md"
rm -rf "$tmp/stage2/usr/share/llmreport/fonts"
err=$("$tmp/stage2/usr/bin/llmreport" build -q -f pdf -o "$tmp/nofonts" "$src/samples" 2>&1)
rc=$?
check "without the staged fonts a PDF build fails (exit $rc)" test $rc -eq 3
check "the error names the staged fonts ($err)" grep -q "$tmp/stage2/usr/\(bin/\.\./\)\?share/llmreport/fonts/" <<<"$err"
check "nothing written without fonts" test ! -e "$tmp/nofonts/report.pdf"

finish

#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` in the build folder makes llmreport_VERSION_ARCH.deb whose
# control fields name the Debian runtime packages of the libraries the binary links, whose
# contents are the binary, templates, fonts, manual page and copyright under /usr, and which,
# unpacked into a throwaway root, runs: the unpacked binary builds the samples into the same
# bytes as the build-tree binary.
# Skipped (77) when cpack or dpkg-deb is missing. Run by ctest with LLMREPORT (the built binary,
# in the build folder), LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
builddir=$(dirname "$bin")
command -v dpkg-deb >/dev/null || { echo "dpkg-deb not installed"; exit 77; }
command -v cpack >/dev/null || { echo "cpack not installed"; exit 77; }
[ -f "$builddir/CPackConfig.cmake" ] || { echo "FAIL no CPackConfig.cmake in $builddir"; exit 1; }
scratch deb work
export LC_ALL=C

if ! cpack -G DEB --config "$builddir/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log"
  echo "FAIL cpack -G DEB"
  exit 1
fi
version=$("$bin" --version | sed -n 's/^llmreport //p')
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
deb=$tmp/pkg/llmreport_${version}_${arch}.deb
check "cpack wrote $(basename "$deb") ($(ls "$tmp/pkg"/*.deb 2>/dev/null))" test -s "$deb"
[ -s "$deb" ] || { echo "$pass passed, $fail failed"; exit 1; }

field() { dpkg-deb -f "$deb" "$1"; }
check "Package: llmreport" test "$(field Package)" = llmreport
check "Version: $version" test "$(field Version)" = "$version"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
check "a Maintainer" test -n "$(field Maintainer)"
check "a Description" test -n "$(field Description)"

# Depends: one Debian runtime package for each library llmreport links, none of the -dev ones.
depends=$(field Depends)
for p in libc6 libcjson1 libhpdf-2.3.0 libcairo2 libfreetype6 'libcmark-gfm[0-9.a-z]*' \
  'libcmark-gfm-extensions[0-9.a-z]*'; do
  check "Depends names $p ($depends)" grep -qE "(^|, )$p( \(|,|$)" <<<"$depends"
done
check "Depends names no -dev package ($depends)" test -z "$(grep -oE '[a-z0-9.+-]+-dev\b' <<<"$depends")"
# Each package named exists here (the ones this build links against)
if command -v dpkg-query >/dev/null; then
  for p in $(sed 's/ ([^)]*)//g; s/,/ /g; s/|/ /g' <<<"$depends"); do
    check "dependency $p is a Debian package" dpkg-query -W "$p" >/dev/null 2>&1
  done
fi

# Contents: everything under /usr, the files a user needs.
contents=$(dpkg-deb -c "$deb" | awk '{print $NF}')
for f in ./usr/bin/llmreport ./usr/share/llmreport/templates/report.md \
  ./usr/share/llmreport/templates/report.ko.md ./usr/share/llmreport/templates/overview.md \
  ./usr/share/llmreport/fonts/DejaVuSans.ttf ./usr/share/llmreport/fonts/NanumGothic.ttf \
  ./usr/share/doc/llmreport/copyright; do
  check "package holds $f" grep -qx -- "$f" <<<"$contents"
done
check "package holds the manual page" grep -qE '^\./usr/share/man/man1/llmreport\.1(\.gz)?$' <<<"$contents"
check "package holds nothing outside /usr ($(grep -v '^\./usr/\|^\./$' <<<"$contents" | head -3))" \
  test -z "$(grep -v '^\./usr/\|^\./$' <<<"$contents")"
check "files owned by root" test -z "$(dpkg-deb -c "$deb" | awk '$2 != "root/root"')"

# Unpacked into a throwaway root, the binary runs and builds the samples.
root=$tmp/root
dpkg-deb -x "$deb" "$root" || { echo "FAIL dpkg-deb -x"; exit 1; }
check "unpacked binary is executable" test -x "$root/usr/bin/llmreport"
check "unpacked binary prints its version" test "$("$root/usr/bin/llmreport" --version)" = "llmreport $version"
cd "$tmp/work" || exit 1
"$bin" build -q -o "$tmp/tree" "$src/samples" 2>"$tmp/tree.err"
rc=$?
check "build-tree binary builds samples (exit $rc)" test $rc -eq 0
"$root/usr/bin/llmreport" build -q -o "$tmp/out" "$src/samples" 2>"$tmp/out.err"
rc=$?
check "unpacked binary builds samples (exit $rc: $(head -c 300 "$tmp/out.err"))" test $rc -eq 0
for f in report.md report.pdf results.json; do
  check "unpacked build wrote $f" test -s "$tmp/out/$f"
done
check "unpacked build's outputs equal the build tree's: $(diff -rq "$tmp/tree" "$tmp/out" | head -3)" \
  diff -rq "$tmp/tree" "$tmp/out"
"$root/usr/bin/llmreport" build -q -c "$src/samples/llmreport.ko.json" -f md,pdf -o "$tmp/ko" \
  "$src/samples" 2>"$tmp/ko.err"
rc=$?
check "unpacked binary builds the Korean samples (exit $rc)" test $rc -eq 0
check "Korean PDF embeds NanumGothic" grep -aq NanumGothic "$tmp/ko/report.pdf"
if command -v groff >/dev/null; then
  man=$(ls "$root"/usr/share/man/man1/llmreport.1* | head -1)
  warnings=$( (case $man in *.gz) gzip -dc "$man" ;; *) cat "$man" ;; esac) | groff -man -ww -z 2>&1)
  check "packaged manual page renders without warnings ($warnings)" test -z "$warnings"
fi

finish

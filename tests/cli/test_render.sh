#!/usr/bin/env bash
# Real clients draw every sample output: rsvg-convert renders every chart SVG of the English
# and Korean sample reports, pdftoppm every page of their PDFs, each to a non-empty picture of
# the size the file states. Skipped (77) when rsvg-convert or pdftoppm is not installed
# (Debian: librsvg2-bin, poppler-utils).
set -euo pipefail
cd "${LR_SOURCE_DIR:-$(dirname "$0")/../..}"
for tool in rsvg-convert pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null || { echo "$tool not installed"; exit 77; }
done
bin=${LLMREPORT:-build/llmreport}
tmp=${LR_TEST_TMP:-/tmp}/render
rm -rf "$tmp"
mkdir -p "$tmp"
"$bin" build -q -f svg,pdf -o "$tmp/en" samples/
"$bin" build -q -c samples/llmreport.ko.json -f svg,pdf -o "$tmp/ko" samples/
fail=0
svgs=0
pages=0
for lang in en ko; do
  for svg in "$tmp/$lang"/charts/*.svg; do
    png="${svg%.svg}.png"
    if ! rsvg-convert -o "$png" "$svg" 2>"$tmp/err"; then
      echo "rsvg-convert failed on $svg: $(head -1 "$tmp/err")"; fail=1; continue
    fi
    # the picture has the size the SVG states (pt at 96 dpi, rounded up)
    w=$(sed -n 's/.*<svg[^>]* width="\([0-9.]*\)pt".*/\1/p' "$svg" | head -1)
    want=$(awk -v w="$w" 'BEGIN { v = w * 96 / 72; printf "%d", (v == int(v)) ? v : int(v) + 1 }')
    got=$(od -An -tu1 -j16 -N4 "$png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    if [ -z "$w" ] || [ "$got" -ne "$want" ]; then
      echo "$svg: rendered $got px wide, the SVG says ${w}pt ($want px)"; fail=1
    fi
    if [ "$(stat -c %s "$png")" -lt 5000 ]; then
      echo "$svg: the rendering is (nearly) empty"; fail=1
    fi
    svgs=$((svgs + 1))
  done
  pdf="$tmp/$lang/report.pdf"
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  pdftoppm -r 30 -png "$pdf" "$tmp/$lang/page" 2>"$tmp/err" || {
    echo "pdftoppm failed on $pdf: $(head -1 "$tmp/err")"; fail=1; }
  drawn=$(find "$tmp/$lang" -name 'page-*.png' -size +1k | wc -l)
  if [ "$drawn" -ne "$n" ]; then
    echo "$pdf: $n pages, $drawn drawn"; fail=1
  fi
  pages=$((pages + n))
done
[ "$svgs" -ge 10 ] || { echo "expected the sample charts, found $svgs SVGs"; fail=1; }
[ "$fail" -eq 0 ] || exit 1
echo "$svgs SVGs rendered by rsvg-convert, $pages PDF pages by pdftoppm"

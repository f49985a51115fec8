#!/usr/bin/env bash
# Names shown as they are. A file name that is not UTF-8 (Latin-1, a cut multibyte character)
# is printed with U+FFFD wherever it appears (stderr, report.md, results.json, the PDF), so every
# output stays valid UTF-8; bidi controls and invisible characters in names (model, benchmark,
# source title, file name, the config's own strings) are shown as <U+XXXX> in tables, headings,
# chart titles, the PDF and stderr, so that "\u202Egnp.exe" cannot pass for "exe.png".
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch names in
export LC_ALL=C.UTF-8
valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
# any bidi control or invisible character of core/visible.c's table, raw
hidden='[\x{0080}-\x{009F}\x{00AD}\x{034F}\x{061C}\x{115F}\x{1160}\x{17B4}\x{17B5}\x{180B}-\x{180E}\x{200B}-\x{200F}\x{2028}-\x{202E}\x{2060}-\x{206F}\x{3164}\x{FEFF}\x{FFA0}\x{FFF9}-\x{FFFB}\x{E0000}-\x{E007F}]'
no_hidden() { ! grep -qP "$hidden" "$1"; }

result() { # MODEL BENCHMARK VALUE (JSON string contents)
  printf '{"model": "%s", "benchmark": "%s", "metric": "acc", "shots": 5, "value": %s, "scale": "percent"}' "$1" "$2" "$3"
}
# a Latin-1 file name (0xE9: "é" in Latin-1, no UTF-8), with results whose names hide things
latin1=$(printf 'in/r\351sultats.json')
printf '{"format": "llmreport/1", "source": {"title": "Paper \\u202Eevil"}, "results": [%s, %s, %s]}\n' \
  "$(result '\u202Egnp.exe' MMLU 70)" "$(result 'B\u2066x\u2069' 'MM\u200bLU' 60)" \
  "$(result 'Zero\u200bWidth\ufeff' MMLU 55)" >"$latin1"
# a file name holding a right-to-left override, and one cut inside a multibyte character
rlo=$(printf 'in/\342\200\256nosj.json')
printf '{"format": "llmreport/1", "source": {"title": "Plain"}, "results": [%s, %s]}\n' \
  "$(result Plain MMLU 65)" "$(result '\u202Egnp.exe' 'MM\u200bLU' 61)" >"$rlo"
cut=$(printf 'in/br\303(oken.json')
printf '{bad' >"$cut"
cat >cfg.json <<'EOF'
{"format": "llmreport-config/1", "title": "Names \u202Etxet", "models": ["\u202Egnp.exe", "Plain", "B\u2066x\u2069"],
 "charts": [{"type": "bars", "id": "names", "title": "Scores \u202Eevil", "benchmarks": ["MMLU", "MM\u200bLU"]}]}
EOF

"$bin" build -c cfg.json -f md,json,svg,pdf -o out in 2>err.txt
rc=$?
check "build exits 0 (exit $rc)" test $rc -eq 0
for f in err.txt out/report.md out/results.json out/charts/names.svg; do
  check "$f is valid UTF-8" valid_utf8 "$f"
  check "$f holds no raw bidi control or invisible character" no_hidden "$f"
done
fffd=$(printf '\357\277\275')
want="llmreport: error: in/br$fffd(oken.json:1:2: expected a member name in double quotes before 'b'
llmreport: note: in/r${fffd}sultats.json: unknown benchmark \"MM<U+200B>LU\" kept as written"
check "stderr: the names repaired and made visible ($(cat err.txt))" test "$(cat err.txt)" = "$want"

md=$(sed 's/\\//g' out/report.md) # what GitHub shows (escapes removed)
check "report.md: model name visible in a table" grep -qF '| <U+202E>gnp.exe |' <<<"$md"
check "report.md: isolates visible" grep -qF 'B<U+2066>x<U+2069>' <<<"$md"
check "report.md: zero-width space and BOM visible" grep -qF 'Zero<U+200B>Width<U+FEFF>' <<<"$md"
check "report.md: benchmark heading visible" grep -qxF '### MM<U+200B>LU' <<<"$md"
check "report.md: source heading visible" grep -qxF '### Paper <U+202E>evil' <<<"$md"
check "report.md: title visible" grep -qF 'Names <U+202E>txet' <<<"$md"
# report.md names titled sources by their citation, not by the file they were read from
check "report.md: no file name of a titled source" test "$(grep -c 'sultats.json\|nosj.json' <<<"$md")" -eq 0
check "results.json: RLO file name visible" grep -qF '"file": "in/<U+202E>nosj.json"' out/results.json
check "report.md: cut file name under Inputs not used" grep -qF "| br$fffd(oken.json | 1:2: expected" <<<"$md"
check "results.json: names visible" grep -qF '"model": "<U+202E>gnp.exe"' out/results.json
check "results.json: Latin-1 file name repaired" grep -qF "\"file\": \"in/r${fffd}sultats.json\"" out/results.json
check "results.json: the config's model list matched the visible names" \
  test "$(grep -c '"model": "<U+202E>gnp.exe"' out/results.json)" -eq 2
svg=out/charts/names.svg
# (cairo draws the chart's own title as glyph outlines: the title is checked in the PDF below)
check "chart tooltip names visible" grep -qF '<title>&lt;U+202E&gt;gnp.exe · MM&lt;U+200B&gt;LU: 61.0' "$svg"
check "report.md: chart title visible" grep -qF '![Scores <U+202E>evil](charts/names.svg)' <<<"$md"
if command -v pdftotext >/dev/null; then
  pdftotext out/report.pdf out/report.txt 2>/dev/null
  check "report.pdf text is valid UTF-8" valid_utf8 out/report.txt
  check "report.pdf holds no raw bidi control or invisible character" no_hidden out/report.txt
  check "report.pdf shows the model name visibly" grep -qF '<U+202E>gnp.exe' out/report.txt
  check "report.pdf shows the chart title visibly" grep -qxF 'Scores <U+202E>evil' out/report.txt
fi
# the same names through check and export
"$bin" export in >export.json 2>/dev/null
check "export is valid UTF-8" valid_utf8 export.json
check "export holds no raw bidi control" no_hidden export.json
"$bin" export --format csv in >export.csv 2>/dev/null
check "csv export is valid UTF-8" valid_utf8 export.csv
check "csv export holds no raw bidi control" no_hidden export.csv

finish

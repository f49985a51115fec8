#!/usr/bin/env bash
# The findings on the sample report folder, English and Korean: LLaMA 65B's MMLU under four
# implementations with their values and settings, the Falcon-40B / LLaMA 65B flip, the GPT-4 /
# PaLM 2-L HellaSwag head-to-head and its shot difference, the MIT paper's caveats, the slope
# chart drawn as vectors and linked; the summary on page 1 of the PDF; the context carries the
# findings; and a report whose benchmarks were measured one way each says so, with no empty
# section. Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch findings
export LC_ALL=C.UTF-8
command -v pdftotext >/dev/null || { echo "pdftotext not installed"; exit 77; }
has() { grep -qF -- "$1" "$2"; }

"$bin" build -q -f md,svg,pdf -o en "$src/samples" 2>err.txt
check "English build exits 0 ($(head -c 300 err.txt))" test $? -eq 0
"$bin" build -q -c "$src/samples/llmreport.ko.json" -f md,svg,pdf -o ko "$src/samples" 2>err.txt
check "Korean build exits 0 ($(head -c 300 err.txt))" test $? -eq 0
md=en/report.md ko=ko/report.md

# the findings come first: after the title block, before the overview
first_h2=$(grep -m1 '^## ' "$md")
check "the first section is the findings ($first_h2)" test "$first_h2" = "## Findings"
check "Korean: the first section is the findings" test "$(grep -m1 '^## ' "$ko")" = "## 핵심 발견"

# 1. LLaMA 65B's MMLU spread: the four values with their implementations, what differs
row=$(grep '^| LLaMA 65B | MMLU · 5-shot · acc | 15.1 |' "$md")
check "LLaMA 65B MMLU spread row" test -n "$row"
for v in '63.9\[\^[0-9]*\] harness (July 2023 fix)' '63.7\[\^[0-9]*\] HELM' \
  '63.6\[\^[0-9]*\] original (Hendrycks)' '48.8\[\^[0-9]*\] harness (Jan 2023)'; do
  check "spread row has $v" grep -q -- "$v" <<<"$row"
done
check "spread row says what differs" grep -qF 'variant harness (Jan 2023) vs harness (July 2023 fix)' <<<"$row"
# each value's footnote cites its source
label=$(grep -o '48.8\[\^[0-9]*\]' <<<"$row" | grep -o '[0-9]*\]' | tr -d ']')
check "the 48.8 footnote names the setting and the source" \
  grep -q "^\[\^$label\]: LLaMA 65B, MMLU: 48.8 at 5-shot · acc · harness (Jan 2023)\. Source: " "$md"

# 2. the flip, with Kendall's tau per setting pair
flip=$(grep '^| tiiuae/falcon-40b vs LLaMA 65B |' "$md")
check "Falcon-40B / LLaMA 65B flip row" test -n "$flip"
check "Falcon-40B ahead under the January harness" grep -q '^| tiiuae/falcon-40b vs LLaMA 65B | \*\*52.7\*\*\[^[0-9]*\] vs 48.8' <<<"$flip"
check "LLaMA 65B ahead under HELM" grep -q '57.1\[^[0-9]*\] vs \*\*63.7\*\*' <<<"$flip"
check "Falcon-7B / LLaMA 7B flip row" grep -q '^| tiiuae/falcon-7b vs LLaMA 7B |' "$md"
check "tau between the January harness and HELM over 8 models" \
  grep -q '^| harness (Jan 2023) vs HELM | 8 | 0.79 | 3 |' "$md"
check "without stderr the report says orders are taken as printed" \
  has 'No value compared here states a standard error' "$md"

# 3. the head-to-head a naive table would make
h2h=$(grep '^| GPT-4 vs PaLM 2-L | HellaSwag |' "$md")
check "GPT-4 / PaLM 2-L HellaSwag head-to-head" test -n "$h2h"
check "its shots differ: 10 vs 1" grep -q '| 95.3\[^\([0-9]*\)\] vs 86.8\[^\([0-9]*\)\] | shots 10 vs 1 |$' <<<"$h2h"
# each value's note names its setting and its source
n1=$(sed 's/.*| 95.3\[^\([0-9]*\)\] vs 86.8\[^\([0-9]*\)\].*/\1/' <<<"$h2h")
n2=$(sed 's/.*| 95.3\[^\([0-9]*\)\] vs 86.8\[^\([0-9]*\)\].*/\2/' <<<"$h2h")
check "GPT-4's note: 10-shot, GPT-4 report" grep -q "^\[^$n1\]: .*10-shot · acc.*GPT-4 Technical Report" "$md"
check "PaLM 2-L's note: 1-shot, PaLM 2 report" grep -q "^\[^$n2\]: .*1-shot · acc.*PaLM 2 Technical Report" "$md"

# 4. how each source measured, and the caveats
check "the MIT paper's grading" grep -q '^| Exploring the MIT Mathematics.*| GPT-4-graded |$' "$md"
check "GPT-4's 26 translated MMLUs counted, not listed" \
  grep -q '^| GPT-4 Technical Report.*; 26 machine-translated versions of a test |' "$md"
check "no translated MMLU in the spreads" test "$(sed -n '/^### How much/,/^### Rankings/p' "$md" | grep -c 'machine-translated')" -eq 0
check "the MIT paper's self-grading caveat" has 'graded 0-5 by GPT-4 against the reference solutions' "$md"
check "the rebuttal's re-grade caveat" has 'about 58% of 96 zero-shot GPT-4 answers' "$md"

# 5. the summary
summary=$(awk '/^## Findings/{getline; getline; print; exit}' "$md")
check "the summary names the flip" grep -q 'tiiuae/falcon-40b is ahead of LLaMA 65B (52\.7\[^[0-9]*\] vs 48\.8\[^[0-9]*\])' <<<"$summary"
# the summary's values cite the footnotes of the tables: 48.8 is LLaMA 65B under the Jan 2023 harness
cited=$(grep -o 'vs 48\.8\[^[0-9]*\]' <<<"$summary" | head -1 | grep -o '[0-9]*\]$' | tr -d ']')
check "the summary's 48.8 cites its setting and source" \
  grep -q "^\[\^$cited\]: LLaMA 65B, MMLU: 48.8 at 5-shot · acc · harness (Jan 2023)\. Source: " "$md"
check "the summary and the spread row cite one footnote for 48.8" test "$cited" = "$label"
check "the summary opens with the ranking that flips" grep -qE '^[0-9]+ pairs of models change order between settings of MMLU' <<<"$summary"
check "the summary counts the results after its findings" grep -qE '\. 528 results from [0-9]+ sources' <<<"$summary"
sentences=$(grep -o '\. [A-Z]' <<<"$summary" | wc -l)
check "the summary has 3 to 5 sentences ($((sentences + 1)))" test $((sentences + 1)) -ge 3 -a $((sentences + 1)) -le 5

# 6. the slope chart: an SVG, linked from the findings, drawn as vectors in the PDF
check "slope chart written" test -s en/charts/slope-mmlu-acc.svg
check "slope chart linked from the findings" has '![MMLU by implementation](charts/slope-mmlu-acc.svg)' "$md"
check "the slope chart is not repeated under Charts" test "$(grep -c 'slope-mmlu-acc.svg' "$md")" -eq 1
if command -v rsvg-convert >/dev/null; then
  rsvg-convert -o slope.png en/charts/slope-mmlu-acc.svg
  check "rsvg-convert renders the slope chart" test -s slope.png
fi
page=$(pdftotext en/report.pdf - | awk '/MMLU by implementation/{found=1} found' | head -60)
check "the PDF draws the slope chart with its labels as text" grep -qF 'LLaMA 65B 63.9' <<<"$page"
if command -v pdfimages >/dev/null; then
  images=$(pdfimages -list en/report.pdf | tail -n +3 | wc -l)
  check "the PDF has no raster images: charts are vectors ($images)" test "$images" -eq 0
fi

# page 1 of the PDF holds the summary
p1=$(pdftotext -f 1 -l 1 en/report.pdf - | tr '\n' ' ')
check "PDF page 1 has the findings" grep -qF 'Findings' <<<"$p1"
check "PDF page 1 has the summary" grep -qF 'The way of measuring moves a number by up to' <<<"$p1"
check "PDF page 1 has the flip" grep -qF 'is ahead of LLaMA 65B' <<<"$p1"
# the answer comes before the contents: the summary's flip is above the "Contents" heading
before_contents=${p1%%Contents *}
check "PDF page 1 states the flip before the contents" grep -qF 'is ahead of LLaMA 65B' <<<"$before_contents"
check "PDF page 1 still has the contents" test "$before_contents" != "$p1"
k1=$(pdftotext -f 1 -l 1 ko/report.pdf - | tr '\n' ' ')
k1_before=${k1%%목차 *}
check "Korean PDF page 1 states the flip before the contents" grep -qF '순서가 MMLU의 설정에 따라 바뀝니다' <<<"$k1_before"
check "Korean PDF page 1 has the summary in Korean" grep -qF '측정 방식에 따라 같은 결과가 최대' <<<"$k1"

# the Korean edition has the same findings, in Korean
check "Korean spread row" grep -q '^| LLaMA 65B | MMLU · 5-shot · acc | 15.1 | 63.9' "$ko"
check "Korean differs column" has '변형 harness (Jan 2023) 대 harness (July 2023 fix)' "$ko"
check "Korean flip row" grep -q '^| tiiuae/falcon-40b 대 LLaMA 65B | \*\*52.7\*\*' "$ko"
check "Korean head-to-head" grep -qF '| 샷 수 10 대 1 |' "$ko"
check "Korean summary" grep -qF '모델 쌍 8개의 순서가 MMLU의 설정에 따라 바뀝니다' "$ko"
check "Korean slope chart title" has '![구현별 MMLU](charts/slope-mmlu-acc.svg)' "$ko"
check "Korean has no English findings sentence" test "$(grep -c 'The way of measuring' "$ko")" -eq 0

# the body and the appendix: the per-benchmark tables that compare something in the body, then in
# the appendix one table of the others (one model at one setting, or settings not stated) and the
# sources' listing
line_of() { grep -n -m1 -x -- "$1" "$2" | cut -d: -f1; }
b=$(line_of '## Results by benchmark' "$md") o=$(line_of '## Appendix: other results' "$md")
a=$(line_of '## Appendix: results by source' "$md")
check "body, other results, results by source in order ($b $o $a)" test -n "$b" -a -n "$o" -a -n "$a" -a "$b" -lt "$o" -a "$o" -lt "$a"
check "MMLU compares: its own table in the body" test "$(sed -n "${b},${o}p" "$md" | grep -c '^### MMLU$')" -eq 1
check "LSAT (settings not stated) has no section of its own" test "$(grep -c '^### LSAT$' "$md")" -eq 0
lsat=$(sed -n "${o},${a}p" "$md" | grep '^| LSAT | ')
key=$(sed -n 's/^| LSAT |  | GPT-4 163 exam score; GPT-4 (no vision) 161 exam score; GPT-3.5 149 exam score | \([a-z]*\) |$/\1/p' <<<"$lsat")
check "LSAT's three results are one row of Other results, the setting said once above it ($lsat)" test -n "$key"
check "the exam setting is said on the first row of the exam block" \
  grep -q '^| Uniform Bar Exam (MBE+MEE+MPT) | shots not stated · exam score · RLHF model, simulated exam | GPT-4 298 exam score;' "$md"
check "the key of LSAT's row ($key) is defined under its table" \
  grep -q "^\*Note.\* Sources: .*\b$key: GPT-4 Technical Report, arXiv:2303.08774, Table 1, 2023-03-15[;.]" "$md"
check "the appendix still lists LSAT as its source reported it: a row of Table 1 (its setting the one above), the three models as columns" \
  test "$(sed -n "${a},\$p" "$md" | grep -c '^| LSAT |  | 163 exam score | 161 exam score | 149 exam score |$')" -eq 1
check "Korean: other results and appendix headings" \
  test "$(grep -c -x -e '## 부록: 그 밖의 결과' -e '## 부록: 출처별 결과' "$ko")" -eq 2

# the template context carries the findings
"$bin" build --dump-context "$src/samples" >ctx.json 2>err.txt
check "--dump-context exits 0" test $? -eq 0
check "the context has findings.summary" grep -q '"summary":[[:space:]]*"[0-9]* pairs of models change order[^"]*528 results' ctx.json
check "the context has findings.spreads" grep -q '"spreads":' ctx.json

# deterministic: the same inputs in another order give the same report
mkdir -p shuffled && cp -r "$src/samples/." shuffled/
mv shuffled/papers shuffled/zz-papers
"$bin" build -q -f md,svg -o again shuffled 2>err.txt
check "a second build gives the same findings" \
  cmp -s <(sed -n '/^## Findings/,/^## Overview/p' "$md") <(sed -n '/^## Findings/,/^## Overview/p' again/report.md)

# one setting per benchmark: nothing changed, said plainly, no empty heading
cat >plain.json <<'EOF'
{"format": "llmreport/1", "source": {"kind": "paper", "title": "One Paper"},
 "results": [
  {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"},
  {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 62, "scale": "percent"},
  {"model": "A", "benchmark": "GSM8K", "metric": "acc", "shots": 8, "method": "cot", "value": 40,
   "scale": "percent"}]}
EOF
"$bin" build -q -f md -o plain plain.json 2>err.txt
check "plain build exits 0" test $? -eq 0
check "nothing changed, said plainly" has 'Every benchmark here was measured one way only, so nothing changed with the way of measuring.' plain/report.md
check "GSM8K (one model) is a row of Other results" grep -q '^| GSM8K | 8-shot · acc · cot | A 40.0 | a |' plain/report.md
check "MMLU (two models at 5-shot, one source) is a row of the few models' table, best first" \
  grep -q -x '| MMLU | 5-shot · acc | \*\*B 62.0\*\*; A 60.0 | a |' plain/report.md
check "no findings subsection but the sources" \
  test "$(sed -n '/^## Findings/,/^## Overview/p' plain/report.md | grep -c '^### ')" -eq 1
# a heading is empty when the next heading of its level or above, or the end, comes first
empty=$(awk '/^#+ /{l=index($0, " ") - 1; if (h && !body && l <= hl) print h; h=$0; hl=l; body=0; next}
  NF{body=1} END{if (h && !body) print h}' plain/report.md)
check "no empty section heading ($empty)" test -z "$empty"

finish

#!/usr/bin/env bash
# What the documents print, read back from the PDF with pdftotext and from report.md: paths as
# given relative to the input folder (never the machine's absolute path, never the input
# folder's own name in front), a file given alone by its name; ISO timestamps as dates.
# Skipped (77) without pdftotext (Debian: poppler-utils).
. "$(dirname "$0")/lib.sh"
command -v pdftotext >/dev/null || { echo "pdftotext not installed"; exit 77; }
scratch document_text
stamp='[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}'

# the samples, given as a relative folder: paths below it, never "samples/..."
(cd "$src" && "$bin" build -q -f md,pdf -o "$tmp/en" samples/) >/dev/null 2>&1
pdftotext "$tmp/en/report.pdf" "$tmp/en/report.txt"
check "samples: the PDF shows runs/ paths" grep -q 'runs/Yi-34B_humaneval_pass@1.json' "$tmp/en/report.txt"
check "samples: no path starts at the input folder" \
  bash -c "! grep -q 'samples/runs\|samples/papers\|samples/leaderboard' '$tmp/en/report.txt' '$tmp/en/report.md'"
check "samples: no T00:00:00" bash -c "! grep -q 'T00:00:00' '$tmp/en/report.txt' '$tmp/en/report.md'"
check "samples: no timestamp" bash -c "! grep -qE '$stamp' '$tmp/en/report.txt' '$tmp/en/report.md'"
# the leaderboard snapshot's date (2023-06-10T00:00:00 in the file) prints as the date
check "samples: the snapshot's date" grep -q 'lm-evaluation-harness v0.3, 2023-06-10' "$tmp/en/report.md"

# the Korean edition: no English word the code or the template emits (data notes are the
# sources' own text); the appendix's captions name the sources' tables and figures in Korean
(cd "$src" && "$bin" build -q -c samples/llmreport.ko.json -f md,pdf -o "$tmp/ko" samples/) >/dev/null 2>&1
pdftotext "$tmp/ko/report.pdf" "$tmp/ko/report.txt"
for w in 'score (%)' 'accuracy (%)' 'n/a' '(으)' 'Note:' 'Made with' 'older result'; do
  check "Korean PDF: no \"$w\"" bash -c "! grep -qF -- '$w' '$tmp/ko/report.txt' '$tmp/ko/report.md'"
done
check "Korean: the colophon" grep -qF '만든 도구: llmreport' "$tmp/ko/report.md"
# (report.md joins the word and its number with U+00A0)
nb=$'\u00a0'
check "Korean: appendix captions name the source's table in Korean" \
  grep -qE "^\\*\\*표( |$nb)[0-9]+\\.\\*\\* .*, 표( |$nb)[0-9]+, " "$tmp/ko/report.md"
check "Korean: no English table or figure in a caption" \
  bash -c "! grep -qE '^\*\*표.*, (Table|Figure)( |$nb)[0-9]+' '$tmp/ko/report.md'"
check "Korean: citations name tables in Korean" grep -qF 'arXiv:2303.08774, 표 2' "$tmp/ko/report.txt"
check "Korean: no English citation locator" \
  bash -c "! grep -qE 'arXiv:[0-9.]+, (Table|Figure) [0-9]' '$tmp/ko/report.txt'"
check "English: tables in English" \
  grep -qE "^\\*\\*Table( |$nb)[0-9]+\\.\\*\\* .*, Table( |$nb)[0-9]+, " "$tmp/en/report.md"

# the same inputs given by absolute path: nothing of the path above the input folder
abs=$(cd "$src/samples" && pwd)
"$bin" build -q -f md,pdf -o "$tmp/abs" "$abs" >/dev/null 2>&1
pdftotext "$tmp/abs/report.pdf" "$tmp/abs/report.txt"
check "absolute folder: no absolute path" \
  bash -c "! grep -qF '$abs' '$tmp/abs/report.txt' '$tmp/abs/report.md'"
check "absolute folder: the same paths as relative" \
  cmp -s <(grep -o 'runs/[^ `]*json' "$tmp/en/report.md") <(grep -o 'runs/[^ `]*json' "$tmp/abs/report.md")

# one file given by absolute path: its name alone
"$bin" build -q -f md,pdf -o "$tmp/one" "$abs/runs/Yi-34B_humaneval_pass@1.json" >/dev/null 2>&1
pdftotext "$tmp/one/report.pdf" "$tmp/one/report.txt"
check "one file: its name" grep -q '`Yi-34B_humaneval_pass@1.json`' "$tmp/one/report.md"
check "one file: no folder" bash -c "! grep -q '/Yi-34B_humaneval' '$tmp/one/report.txt' '$tmp/one/report.md'"

# the real files by absolute path, with the inputs not used (HELM stats files) and the harness
# runs' timestamps (2025-01-25T05:46:20Z)
real=${LR_SHARED_DATA:-}/real
if [ -d "$real" ]; then
  real=$(cd "$real" && pwd)
  "$bin" build -q -f md,pdf -o "$tmp/real" "$real" >/dev/null 2>&1
  pdftotext "$tmp/real/report.pdf" "$tmp/real/report.txt"
  check "real: no absolute path" \
    bash -c "! grep -qF '$real' '$tmp/real/report.txt' '$tmp/real/report.md'"
  check "real: no timestamp" bash -c "! grep -qE '$stamp' '$tmp/real/report.txt' '$tmp/real/report.md'"
  check "real: an input not used by its path below the folder" \
    grep -q '^| helm/runs\\_v3\\_summary.json |' "$tmp/real/report.md"
  check "real: a run's date" grep -q '(2025-01-25)' "$tmp/real/report.md"
fi
finish test_document_text

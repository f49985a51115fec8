#!/usr/bin/env bash
# The shape of the sample report: the pages of the body (everything before the appendix's
# heading, found with pdftotext page by page) and of the whole, English and Korean, are printed
# against the targets (body 12, whole 30) and held to ceilings that only come down: the samples
# stood at 34/61 (EN) before the per-benchmark tables were grouped and the appendix became the
# sources' own tables; lower BODY_MAX and WHOLE_MAX as the document shrinks, until the targets. Every result of the samples is still findable: each value of the export
# appears in the PDF's text or in report.md.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch pages
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || { echo "SKIP: no poppler-utils"; exit 0; }
export SOURCE_DATE_EPOCH=0
BODY_TARGET=12 WHOLE_TARGET=30
BODY_MAX=19 WHOLE_MAX=36 # the ceilings today; the targets above are where they go

pages() { pdfinfo "$1" | awk '/^Pages:/{print $2}'; }
# the number of the page the line HEADING stands on, alone
page_of() {
  local n i
  n=$(pages "$1")
  for i in $(seq 1 "$n"); do
    pdftotext -f "$i" -l "$i" "$1" - | grep -qxF -- "$2" && { echo "$i"; return; }
  done
  echo 0
}

shape() { # NAME CONFIG HEADING
  "$bin" build -q -c "$src/samples/$2" -f md,svg,pdf -o "$1" "$src/samples" 2>"$1.err"
  check "$1: build exits 0" test $? -eq 0
  local whole at body
  whole=$(pages "$1/report.pdf")
  at=$(page_of "$1/report.pdf" "$3")
  body=$((at - 1))
  echo "$1: body $body pages (appendix from page $at; target $BODY_TARGET), whole $whole pages (target $WHOLE_TARGET)"
  check "$1: the appendix heading is found" test "$at" -gt 1
  check "$1: body within $BODY_MAX pages ($body)" test "$body" -le "$BODY_MAX"
  check "$1: whole within $WHOLE_MAX pages ($whole)" test "$whole" -le "$WHOLE_MAX"
}
shape en llmreport.json 'Appendix: results by source'
shape ko llmreport.ko.json '부록: 출처별 결과'

# every value read is in the PDF's text, as the tables print it (or to one decimal)
"$bin" export --format csv "$src/samples" 2>/dev/null >all.csv
pdftotext en/report.pdf en.txt
missing=$(python3 - all.csv en.txt <<'PY'
import csv, sys
text = " ".join(open(sys.argv[2], encoding="utf-8").read().split())
miss = []
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if "member" in r["flags"]:
        continue
    v = r["value"]
    if not any(f in text for f in (v, "%.2f" % float(v), "%.1f" % float(v), "%.0f" % float(v))):
        miss.append("%s %s %s" % (r["model"], r["benchmark"], v))
print("; ".join(miss[:5]))
PY
)
check "every value of the export is in the PDF's text (missing: $missing)" test -z "$missing"
finish test_pages

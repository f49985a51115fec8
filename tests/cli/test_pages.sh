#!/usr/bin/env bash
# The shape of the sample report: the pages of the body (everything before the appendix's first
# heading, found with pdftotext page by page) and of the whole, English and Korean, are printed
# and held to the targets: the body within 12 pages, the whole within 30 (the samples stood at
# 34/61 before the per-benchmark tables were grouped and the appendix became the sources' own
# tables, 18/35 before the benchmarks that compare nothing moved to the appendix and the tables
# were set tighter, 13 before the benchmarks with a few models at one setting became rows of one
# table). Nothing is dropped: every value of results.json (but the members of an
# aggregate, which the aggregate's row stands for) is in report.md and in the PDF's text, as a
# number of its own as the tables print it (at most to a whole number less precise).
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch pages
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || { echo "SKIP: no poppler-utils"; exit 0; }
export SOURCE_DATE_EPOCH=0
BODY_MAX=12 WHOLE_MAX=30

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
  "$bin" build -q -c "$src/samples/$2" -f md,json,svg,pdf -o "$1" "$src/samples" 2>"$1.err"
  check "$1: build exits 0" test $? -eq 0
  local whole at body
  whole=$(pages "$1/report.pdf")
  at=$(page_of "$1/report.pdf" "$3")
  # the body ends where the appendix starts a page of its own (the template's page break); a
  # heading lower on its page would leave that page to the body too
  local first
  first=$(pdftotext -f "$at" -l "$at" "$1/report.pdf" - | grep -v '^[[:space:]]*$' | head -1)
  body=$((at - 1))
  [ "$first" = "$3" ] || body=$at
  check "$1: the appendix opens its page ($first)" test "$first" = "$3"
  echo "$1: body $body pages (appendix from page $at), whole $whole pages (targets $BODY_MAX, $WHOLE_MAX)"
  check "$1: the appendix heading is found" test "$at" -gt 1
  check "$1: body within $BODY_MAX pages ($body)" test "$body" -le "$BODY_MAX"
  check "$1: whole within $WHOLE_MAX pages ($whole)" test "$whole" -le "$WHOLE_MAX"
}
shape en llmreport.json 'Appendix: other results'
shape ko llmreport.ko.json '부록: 그 밖의 결과'

# every value of results.json is a number of its own in report.md and in the PDF's text
findable() { # NAME RESULTS TEXT
  python3 - "$2" "$3" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
shown = set(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])", text))
member = {i for i, s in enumerate(d["settings"]) if "member" in (s.get("flags") or [])}
col = d["columns"].index("value")
miss, n = [], 0
for r in d["results"]:
    for row in r["rows"]:
        if row[0] in member:
            continue
        n += 1
        v = row[col]
        forms = {repr(v), "%g" % v, "%.2f" % v, "%.1f" % v, "%.0f" % v, "%d" % v if v == int(v) else ""}
        if not forms & shown:
            miss.append("%s %s %s" % (r["model"], d["settings"][row[0]]["benchmark"], v))
print("%d %s" % (n, "; ".join(miss[:5])))
PY
}
for l in en ko; do
  pdftotext "$l/report.pdf" "$l.txt"
  for t in "$l/report.md" "$l.txt"; do
    got=$(findable "$l" en/results.json "$t")
    n=${got%% *} missing=${got#* }
    [ "$got" = "$n" ] && missing=
    echo "$t: $n values of results.json looked for"
    check "$t: results.json has values to look for ($n)" test "${n:-0}" -gt 400
    check "$t: every value of results.json is in it (missing: $missing)" test -z "$missing"
  done
done
# integers on a scale of their own print as the source wrote them, with their unit: the Uniform
# Bar Exam's 298 is never "298.0", in the body's other results or in the appendix's Table 1
for l in en ko; do
  check "$l: no exam score printed as 298.0" test "$(grep -c '298\.0' "$l/report.md")" -eq 0
done
check "en: the appendix's Table 1 prints the exam scores as integers with their unit" \
  grep -q '^| Uniform Bar Exam (MBE+MEE+MPT) | shots not stated · exam score · RLHF model, simulated exam | 298 exam score | 298 exam score | 213 exam score |$' en/report.md
# the footnotes at the end stand under a heading of their own, after the colophon; a run's model
# args are said once in its entry of the Sources (the citation names them)
after() { # TEXT COLOPHON HEADING: HEADING is a line after COLOPHON (a page's form feed aside)
  python3 -c 'import sys; t = [l.strip("\f") for l in open(sys.argv[1], encoding="utf-8").read().split("\n")]
sys.exit(0 if sys.argv[3] in t[t.index(sys.argv[2]):] else 1)' "$@"
}
check "en: the notes have their heading after the colophon" after en.txt "Made with llmreport 0.1.0." Notes
check "ko: the notes have their heading after the colophon" after ko.txt "만든 도구: llmreport 0.1.0." 주
twice=$(sed -n '/^## Sources/,/^## Inputs not used/p' en/report.md | grep -c '(pretrained=.*model args pretrained=')
check "en: no source entry names its model args twice ($twice)" test "$twice" -eq 0
# a small aggregate (lm-eval's wmdp group, the mean of its 3 subjects) goes by its display name,
# not its task id, in the tables
check "en: WMDP by its name in Other results" grep -q '^| WMDP | 0-shot · exact\\_match · ' en/report.md
check "en: no table row or header names the raw id wmdp" test "$(grep -c '^|.*| wmdp |\|^| wmdp |' en/report.md)" -eq 0
# an appendix table with a row per benchmark and setting says a benchmark once, above its rows
# (GPT-4's Figure 5: MMLU in 25 languages)
n=$(grep -c '^|  | 3-shot · acc · [A-Z][a-z]* (machine-translated) |' en/report.md)
check "en: Figure 5's MMLU rows say MMLU once ($n rows without it)" test "$n" -ge 20
# an appendix table whose columns are one benchmark names it once, in its caption, and each
# column only by its setting
check "en: CodeT5+'s HumanEval table says HumanEval in its caption" \
  grep -q '^\*\*Table [0-9]*\.\*\* CodeT5+: .*, Table 2, 2023-05-20: HumanEval\.$' en/report.md
check "en: and not in its column headers" \
  grep -q '^| Model | shots not stated · pass@1 | shots not stated · pass@100 | ' en/report.md
# one model's values of several metrics at one setting otherwise (a run's Easy_pass@1, @3, …) are
# one row of Other results, each value after its metric; two models at a setting stay a row each
cat >metrics.json <<'JSON'
{"format": "llmreport/1", "source": {"kind": "paper", "title": "One Run"},
 "results": [
  {"model": "A", "benchmark": "mercury", "metric": "Easy_pass@1", "value": 80.09, "scale": "percent"},
  {"model": "A", "benchmark": "mercury", "metric": "Easy_pass@3", "value": 93.19, "scale": "percent"},
  {"model": "A", "benchmark": "mercury", "metric": "Hard_pass@1", "value": 61.5, "scale": "percent"},
  {"model": "B", "benchmark": "quiz", "metric": "acc", "value": 40, "scale": "percent"},
  {"model": "C", "benchmark": "quiz", "metric": "f1", "value": 41, "scale": "percent"}]}
JSON
"$bin" build -q -f md -o metrics metrics.json 2>metrics.err
check "metrics: build exits 0" test $? -eq 0
check "metrics: one row for A's three metrics, the setting without them" \
  grep -qxF '| mercury | shots not stated | A: Easy\_pass@1 80.09; Easy\_pass@3 93.19; Hard\_pass@1 61.50 | a |' metrics/report.md
check "metrics: two models, a row each" test "$(grep -c '^| \(quiz\|\) | shots not stated · \(acc\|f1\) | [BC] ' metrics/report.md)" -eq 2
# the overview's cells that show the newest of several results at their setting: a note per
# kind for a few (the samples: 12 cells), one sentence for them all at scale (a page of the same
# sentence in a 1 000-file report), and no source key defined for those notes alone
newest() { # MODELS: two runs of each model on MMLU and HellaSwag, a day apart
  local n=$1 i d
  mkdir -p "newest$n"
  for d in 01 02; do
    {
      printf '{"format": "llmreport/1", "source": {"title": "Run %s", "date": "2026-01-%s"}, "results": [\n' "$d" "$d"
      for i in $(seq 1 "$n"); do
        printf ' {"model": "m%s", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": %s, "stderr": 1, "scale": "percent"},\n' "$i" "$((40 + i))"
        printf ' {"model": "m%s", "benchmark": "HellaSwag", "metric": "acc_norm", "shots": 10, "value": %s, "stderr": 1, "scale": "percent"}%s\n' "$i" "$((60 + i))" "$([ "$i" = "$n" ] || echo ,)"
      done
      printf ']}\n'
    } > "newest$n/run-$d.json"
  done
  "$bin" build -q -f md -o "newest$n/out" "newest$n" 2>/dev/null
}
newest 6
check "newest: a note for 12 cells" test "$(grep -c 'other result at the same setting; the table shows the newest (a)' newest6/out/report.md)" = 1
newest 13
check "newest: one sentence for 26 cells" grep -qF "26 cells show the newest of several results at their column's setting; every result is in the appendix's results by source." newest13/out/report.md
check "newest: no note per kind" test "$(grep -c 'the table shows the newest' newest13/out/report.md)" = 0

finish test_pages

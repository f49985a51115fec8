#!/usr/bin/env bash
# Nightly use: a build against last night's results.json. Hand-made snapshots in
# tests/data/nightly/ hold one case each: A/mmlu unchanged within stderr noise, A/hellaswag down
# beyond 2 combined standard errors, A/arc up beyond the point threshold, B/mmlu down beyond the
# point threshold, B/hellaswag up within it, C/gsm8k measured at another shot count, D removed,
# E added.
# The gate is Benjamini-Hochberg at q = 0.05 over the comparisons with a p-value (here the two
# with stderrs), worked out by hand: A/hellaswag delta -2.0, se sqrt(0.3^2 + 0.3^2) = 0.4243,
# z = 4.71, p = 2.4e-06; A/mmlu delta +0.5, se 0.7071, p = erfc(0.5) = 0.48. Sorted, 2.4e-06 <=
# 1 * 0.05 / 2 but 0.48 > 0.05: one rejected, cut-off p <= 0.025, so the delta needed is
# z(1 - 0.025 / 2) = 2.2414 times se (0.95 and 1.58); MDE = 2.8016 se (1.19 and 1.98).
. "$(dirname "$0")/lib.sh"
scratch nightly
data=$src/tests/data/nightly

"$bin" build -q -f md,json -o out --baseline "$data/base.json" --fail-on-regression "$data/now.json" 2>err.txt
rc=$?
check "exit 4 on regression" test "$rc" = 4
check "one stderr line per regression" test "$(cat err.txt)" = "llmreport: regression: $data/now.json: A, HellaSwag (10-shot · acc_norm): 80.0 -> 78.0 (-2.0), z-test p = 2.4e-06, gate p <= 0.025 (Benjamini-Hochberg, q = 0.05, 2 tests)
llmreport: regression: $data/now.json: B, MMLU (5-shot · acc): 60.0 -> 58.5 (-1.5), beyond the threshold of 1.0 points (no stderr)"
md=out/report.md
check "report written before exiting 4" test -s "$md"
check "changes heading with the baseline date" has_line "$md" "## Changes since 2026-11-01"
check "gate stated" has_line "$md" "**Gate**: a change counts when Benjamini–Hochberg at q = 0.05 over tonight's 2 tested comparisons rejects it (p ≤ 0.025 tonight); a result with neither samples nor a standard error counts beyond 1.0 points."
check "regression by stderr" has_line "$md" '| A | HellaSwag | 10-shot · acc\_norm | 80.0 | 78.0 | **▼ −2.0** | 2.4e-06 | ±0.95 | 1.19 | z |'
check "regression by points" has_line "$md" '| B | MMLU | 5-shot · acc | 60.0 | 58.5 | **▼ −1.5** | — | ±1.0 | — | points |'
check "improvement" has_line "$md" '| A | ARC-Challenge | 25-shot · acc\_norm | 60.0 | 63.0 | ▲ +3.0 | — | ±1.0 | — | points |'
# "within noise" with its numbers: the largest change among them, its gate and MDE
check "within noise counted" has_line "$md" "- 5 results compared at identical settings; 2 unchanged within noise, the largest change among them B, HellaSwag +0.8 (gate ±1.0); each with its Δ, p and MDE in the table above."
# every compared value shows its signed delta, marked only beyond the gate
check "within noise: signed delta, no mark" has_line "$md" '| A | MMLU | 5-shot · acc | 70.0 | 70.5 | +0.5 | 0.48 | ±1.58 | 1.98 | z |'
check "within noise by points: signed delta" has_line "$md" '| B | HellaSwag | 10-shot · acc\_norm | 70.0 | 70.8 | +0.8 | — | ±1.0 | — | points |'
check "within noise: only in the list of every result" test "$(grep -cF '| B | HellaSwag | 10-shot · acc\_norm | 70.0 |' "$md")" = 1
check "new model" has_line "$md" "- New models: E"
check "removed model" has_line "$md" "- Removed models: D"
check "setting changed is not compared" has_line "$md" '| C | GSM8K | setting changed: 5-shot · acc → 8-shot · acc |'
check "regressions listed before improvements" test "$(grep -n 'Regressions' "$md" | cut -d: -f1)" -lt "$(grep -n 'Improvements' "$md" | cut -d: -f1)"
check "changes section before the overview" test "$(grep -n '^## Changes' "$md" | cut -d: -f1)" -lt "$(grep -n '^## Overview' "$md" | cut -d: -f1)"
check "regression marked in the overview" has_line "$md" '| B | 58.5 **▼−1.5** | 70.8 (+0.8) | 64.7 |'
# within noise: the change and the smallest change the test would have seen (MDE 2.8016 se)
check "every overview value with its delta" has_line "$md" '| A | **70.5** (+0.5; MDE 1.98) | **78.0** **▼−2.0** | 74.3 |'
check "the overview says what its marks are" grep -qF ' come from. Since 2026-11-01: ▲/▼ mark a change beyond the gate' "$md"

# without --fail-on-regression the same build succeeds
"$bin" build -q -f md -o out2 --baseline "$data/base.json" "$data/now.json" 2>/dev/null
check "exit 0 without --fail-on-regression" test $? = 0
# against itself: nothing changed, exit 0 even with --fail-on-regression
"$bin" build -q -f md -o out3 --baseline "$data/now.json" --fail-on-regression "$data/now.json" 2>/dev/null
check "no regression, exit 0" test $? = 0
check "nothing changed" has_line out3/report.md "- 7 results compared at identical settings; 7 unchanged within noise, the largest change among them A, MMLU ±0.0 (gate ±1.58, MDE 1.98); each with its Δ, p and MDE in the table above."
# a harness upgrade is reported, not compared
sed 's/0.4.8/0.4.9/' "$data/now.json" > upgraded.json
"$bin" build -q -f md -o out4 --baseline "$data/base.json" --fail-on-regression upgraded.json 2>/dev/null
check "harness change: no regression claimed" test $? = 0
check "harness change reported" has_line out4/report.md '| A | HellaSwag | harness changed: lm-evaluation-harness 0.4.8 → lm-evaluation-harness 0.4.9 |'
# a baseline that cannot be read is an input error
"$bin" build -q -f md -o out5 --baseline missing.json "$data/now.json" 2>err5.txt
check "unreadable baseline: exit 1" test $? = 1
check "unreadable baseline: message" test "$(cat err5.txt)" = "llmreport: error: missing.json: cannot open: No such file or directory"
# results.json carries the build date so snapshots order correctly
SOURCE_DATE_EPOCH=1767225600 "$bin" build -q -f json -o out6 "$data/now.json"
check "snapshot date" grep -q '"date": "2026-01-01"' out6/results.json

# ---- paired comparisons on per-item samples ----
# tests/data/nightly/paired: two nights of one model on 200 items (hand-made lm-eval layout):
# 120 right the first night; the second night items 0-11 are wrong, nothing else changes
# (60.0 -> 54.0). Unpaired, the drop is 6.0 against a combined stderr of 4.95 (z = 1.21,
# p = 0.23): within noise. Paired, 12 discordant items all one way: exact McNemar
# p = 2 * 0.5^12 = 0.00049. The paired MDE is 2.8016 * sqrt(12 / 200) / sqrt(200) * 100 = 4.85.
pd=$src/tests/data/nightly/paired
"$bin" build -q -f md,json -o pbase "$pd/base" 2>/dev/null
check "items.jsonl written beside results.json" test -s pbase/items.jsonl
check "items.jsonl: one set of 200 items" test "$(grep -o '\["[0-9]*",' pbase/items.jsonl | wc -l)" = 200
"$bin" build -q -f md -o pnow --baseline pbase/results.json --fail-on-regression "$pd/now" 2>perr.txt
check "paired: exit 4" test $? = 4
check "paired: regression line" test "$(cat perr.txt)" = "llmreport: regression: $pd/now/results_2026-11-02T02-00-00.000000.json: org/model-7b, HellaSwag (0-shot · acc): 60.0 -> 54.0 (-6.0), McNemar (exact) p = 4.9e-04, gate p <= 0.05 (Benjamini-Hochberg, q = 0.05, 1 test)"
check "paired: row" has_line pnow/report.md '| org/model-7b | HellaSwag | 0-shot · acc | 60.0 | 54.0 | **▼ −6.0** | 4.9e-04 | p ≤ 0.05 | 4.85 | McNemar (exact) |'
check "paired: flipped items listed" has_line pnow/report.md '- org/model-7b, HellaSwag: 12 of 200 items went from right to wrong, 0 the other way: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more'
# the same two nights without their samples: the unpaired test misses the drop
mkdir -p ub un
cp "$pd"/base/results_*.json ub/ && cp "$pd"/now/results_*.json un/
"$bin" build -q -f md,json -o ubase ub 2>/dev/null
check "no samples, no items.jsonl" test ! -e ubase/items.jsonl
"$bin" build -q -f md -o unow --baseline ubase/results.json --fail-on-regression un 2>/dev/null
check "unpaired: exit 0" test $? = 0
check "unpaired: within noise" has_line unow/report.md '| org/model-7b | HellaSwag | 0-shot · acc | 60.0 | 54.0 | −6.0 | 0.23 | ±9.71 | 13.88 | z |'
# items whose hashes differ are refused, with the reason (copies of tonight's samples, one
# line changed)
mkdir -p prompt target
cp "$pd"/now/* prompt/ && cp "$pd"/now/* target/
sed -i '6s/"prompt_hash": "[0-9a-f]*"/"prompt_hash": "0123456789abcdef"/' prompt/samples_*.jsonl
sed -i '6s/"doc_hash": "[0-9a-f]*"/"doc_hash": "0123456789abcdef"/' target/samples_*.jsonl
"$bin" build -q -f md -o pprompt --baseline pbase/results.json --fail-on-regression prompt 2>/dev/null
check "prompt changed: exit 0" test $? = 0
check "prompt changed: refused" has_line pprompt/report.md '| org/model-7b | HellaSwag | prompt changed: the prompt of 1 item differs (first: 5) |'
"$bin" build -q -f md -o ptarget --baseline pbase/results.json --fail-on-regression target 2>/dev/null
check "test set changed: refused" has_line ptarget/report.md '| org/model-7b | HellaSwag | test set changed: the document or target of 1 item differs (first: 5) |'
# real samples (tests/data/samples): two --limit 20 runs of Qwen3-8B with the same items and
# answers. A subset is compared only item by item: the group (belief + desire, 40 items) is
# paired and unchanged (no discordant item: MDE 2.8016 * sqrt(1 / 40) / sqrt(40) * 100 = 7.0);
# what has no samples on both nights is not compared
"$bin" build -q -f json -o q1 "$src/tests/data/samples/lm-eval/qwen3-8b-1604" 2>/dev/null
"$bin" build -q -f md -o q2 --baseline q1/results.json --fail-on-regression "$src/tests/data/samples/lm-eval/qwen3-8b-1815" 2>/dev/null
check "real rerun: exit 0" test $? = 0
check "real rerun: paired, unchanged" has_line q2/report.md '| Qwen/Qwen3-8B | negotiationtom | 0-shot · acc · chat · mean of 2 subtasks (sample-size-weighted and plain agree) · subset (--limit) | 52.5 | 52.5 | ±0.0 | 1 | p ≤ 0.05 | 7.0 | McNemar (exact) |'
check "real rerun: subset without samples not compared" has_line q2/report.md '| Qwen/Qwen3-8B | negotiationtom | a subset (--limit) is compared only on the same items, and not both nights have samples |'

# clustered standard errors (Miller 2024), on the same real rerun with three items of the
# belief subtask turned from right to wrong (in a copy: belief 0.45 -> 0.3, the group 0.525 ->
# 0.45). The group's 40 items in 2 clusters (its subtasks): d = -1 on 3 items, mean -0.075;
# the deviations sum to -1.5 in belief and +1.5 in desire, so se = sqrt(1.5^2 + 1.5^2) / 40 =
# 0.0530, z = 1.414, p = erfc(1) = 0.157, MDE 2.8016 * 5.30 = 14.86. Items independent, it is
# McNemar with b = 3, c = 0: p = 2 * 0.5^3 = 0.25, MDE 2.8016 * sqrt(3 / 40) / sqrt(40) * 100.
mkdir -p cl
cp "$src"/tests/data/samples/lm-eval/qwen3-8b-1815/* cl/
sed -i '2,4s/"acc": 1.0/"acc": 0.0/' cl/samples_negotiationtom_belief_*.jsonl
sed -i '0,/"acc,none": 0.45/s//"acc,none": 0.3/; s/"acc,none": 0.525/"acc,none": 0.45/g' cl/results_*.json
printf '{"format": "llmreport-config/1", "regression": {"cluster": "task"}}\n' > cluster.json
"$bin" build -q -c cluster.json -f md -o cl1 --baseline q1/results.json cl 2>/dev/null
check "clustered: paired z on 2 clusters" has_line cl1/report.md '| Qwen/Qwen3-8B | negotiationtom | 0-shot · acc · chat · mean of 2 subtasks (sample-size-weighted and plain agree) · subset (--limit) | 52.5 | 45.0 | −7.5 | 0.16 | p ≤ 0.05 | 14.86 | paired z, 2 clusters |'
check "clustered: the rule stated" grep -q '^- Paired z, N clusters: the items of a group are clustered by their member task' cl1/report.md
"$bin" build -q -f md -o cl2 --baseline q1/results.json cl 2>/dev/null
check "not clustered: McNemar" has_line cl2/report.md '| Qwen/Qwen3-8B | negotiationtom | 0-shot · acc · chat · mean of 2 subtasks (sample-size-weighted and plain agree) · subset (--limit) | 52.5 | 45.0 | −7.5 | 0.25 | p ≤ 0.05 | 12.13 | McNemar (exact) |'
printf '{"format": "llmreport-config/1", "regression": {"cluster": "doc"}}\n' > badcluster.json
"$bin" build -q -c badcluster.json -f md -o cl3 cl 2>clerr.txt
check "cluster key checked" test "$(cat clerr.txt)" = 'llmreport: error: badcluster.json: /regression/cluster: "cluster" must be "task" (a group'"'"'s items clustered by their member task), "doc.FIELD" (by a field of each item'"'"'s document) or "none"'

# clusters from a field of each item's document (the data's own cluster key): the real ASDiv
# run (tests/data/samples/lm-eval/asdiv, 50 items of one task) against a copy with items 0-2
# (all "Addition") turned from right to wrong (0.92 -> 0.86). By "solution_type" the 50 items
# fall in 4 clusters (Addition 20, Subtraction 21, Sum 8, Comparison 1): d = -1 on 3 items,
# mean -0.06; the deviations sum to -1.8 in Addition, +1.26, +0.48, +0.06 in the others, so
# se = sqrt(1.8^2 + 1.26^2 + 0.48^2 + 0.06^2) / 50 = 0.04500, z = -1.333, p = 0.18, MDE
# 2.8016 * 4.500 = 12.61 (the same computation in Python gives the same). Without a cluster
# key the items of one task are independent: McNemar with b = 3, c = 0, p = 0.25.
as=$src/tests/data/samples/lm-eval/asdiv
mkdir -p asdiv-now
cp "$as"/* asdiv-now/
sed -i '1,3s/"acc": 1}$/"acc": 0}/' asdiv-now/samples_asdiv_*.jsonl
sed -i 's/"acc,none": 0.92/"acc,none": 0.86/' asdiv-now/results_*.json
"$bin" build -q -f json -o asdiv-base "$as" 2>/dev/null
printf '{"format": "llmreport-config/1", "regression": {"cluster": "doc.solution_type"}}\n' > doccluster.json
"$bin" build -q -c doccluster.json -f md -o asdiv1 --baseline asdiv-base/results.json asdiv-now 2>/dev/null
check "doc field clusters: paired z on 4 clusters" has_line asdiv1/report.md '| meta-llama/Meta-Llama-3-8B-Instruct | asdiv | 8-shot · acc · chat+multiturn · task 9d680106 · subset (--limit) | 92.0 | 86.0 | −6.0 | 0.18 | p ≤ 0.05 | 12.61 | paired z, 4 clusters |'
check "doc field clusters: the rule names the field" grep -qF -- "- Paired z, N clusters: the items are clustered by their document's solution\_type" asdiv1/report.md
"$bin" build -q -f md -o asdiv2 --baseline asdiv-base/results.json asdiv-now 2>/dev/null
check "no cluster key: McNemar" grep -qF '| 92.0 | 86.0 | −6.0 | 0.25 | p ≤ 0.05 |' asdiv2/report.md
check "no cluster key: exact McNemar named" grep -qF '| McNemar (exact) |' asdiv2/report.md

# ---- change points over the history ----
# 30 nights (2026-11-01 .. 2026-11-30) of three series, with fixed noise (|noise| <= 0.45, the
# same list as tests/unit/test_stats.c): A/mmlu (stderr 0.9) steps from 61.2 to 59.2 on night 16,
# B/hellaswag (stderr 0.5) slides 0.25 a night from night 16 to night 27, C/arc_challenge
# (stderr 0.5) is flat. No night differs from the one before by more than 2 combined standard
# errors (A: 2.46 < 2.55, B: 0.99 < 1.41). The segmentation (penalty 3 ln 30 + 3) finds A's step
# on 2026-11-16 (segment means 61.206 and 59.197), B's slide twice inside it (2026-11-20 and
# 2026-11-25: 60.883, 59.234, 58.1), nothing in C; the same computation in Python gives the same.
A="61.51 60.78 61.32 61.12 61.65 60.93 61.25 60.84 61.42 61.06 61.58 61.15 60.89 61.37 61.22 58.76 59.49 59.29 58.99 59.54 59.08 59.61 58.87 59.27 59.18 59.46 58.81 59.35 59.02 59.23"
B="60.64 61.22 60.86 61.38 60.95 60.69 61.17 61.02 60.56 61.29 61.09 60.79 61.34 60.88 61.41 60.42 60.57 60.23 60.26 59.36 59.65 59.07 59.03 59.06 58.08 58.37 57.92 58.45 57.73 58.05"
C="60.26 60.03 59.34 60.44 60.13 59.69 60.51 59.82 60.62 59.51 60.10 59.97 60.39 59.41 60.23 59.73 60.05 60.47 59.37 60.18 59.88 60.67 59.59 60.08 59.46 60.33 59.79 60.57 59.92 59.53"
snapshot() { # DATE A B C: a results.json of one night
  printf '{"format": "llmreport/1", "date": "%s", "sources": [{"id": "S1", "kind": "lm-eval", "title": "nightly", "harness": "lm-evaluation-harness 0.4.8"}], "results": [{"model": "A", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": %s, "stderr": 0.9, "scale": "percent", "source": "S1"}, {"model": "A", "benchmark": "hellaswag", "metric": "acc_norm", "shots": 10, "value": %s, "stderr": 0.5, "scale": "percent", "source": "S1"}, {"model": "A", "benchmark": "arc_challenge", "metric": "acc_norm", "shots": 25, "value": %s, "stderr": 0.5, "scale": "percent", "source": "S1"}]}\n' "$1" "$2" "$3" "$4"
}
mkdir -p hist
set -- $A; a=("$@"); set -- $B; b=("$@"); set -- $C; cc=("$@")
for i in $(seq 0 29); do
  d=$(printf '2026-11-%02d' $((i + 1)))
  if [ "$i" -lt 29 ]; then snapshot "$d" "${a[$i]}" "${b[$i]}" "${cc[$i]}" > "hist/$d.json"
  else snapshot "$d" "${a[$i]}" "${b[$i]}" "${cc[$i]}" > tonight.json; fi
done
SOURCE_DATE_EPOCH=1795996800 "$bin" build -q -f md,changes -o hout --baseline hist/2026-11-29.json --history hist --fail-on-regression --summary hsum.md tonight.json 2>herr.txt
check "history: no night beyond the gate, exit 0" test $? = 0
check "history: step found on its night" has_line hout/report.md "  - A, MMLU (5-shot · acc): changed on 2026-11-16: 61.21 → 59.2"
check "history: slide found inside it" has_line hout/report.md "  - A, HellaSwag (10-shot · acc\\_norm): changed on 2026-11-20: 60.88 → 59.23"
check "history: slide, second change" has_line hout/report.md "  - A, HellaSwag (10-shot · acc\\_norm): changed on 2026-11-25: 59.23 → 58.1"
check "history: nothing in the flat series" test -z "$(grep -F 'ARC-Challenge (25-shot · acc\\_norm): changed' hout/report.md)"
check "history: change points in changes.json" test "$(tr -d '\n' < hout/changes.json | grep -o '"changepoints":\[.*' | grep -o '"date":"[0-9-]*"' | tr '\n' ' ')" = '"date":"2026-11-16" "date":"2026-11-20" "date":"2026-11-25" '
# the same change points on the trend chart: 13 nights of two models (A steps down by 2 points
# on 2026-11-09, stderr 0.9: the weighted squared error falls by (2 / 0.9)^2 * 8 * 5 / 13 = 15.2
# against a penalty of 3 ln 13 + 3 = 10.7; B is flat within its stderr 0.5) and tonight. The
# night A changed is ringed on its line (a second path in its point's group); no other point is
# ringed. (The key's "level changed (change point)" is drawn as glyphs: looked at, not grepped.)
mkdir -p thist
ta=(61.51 60.78 61.32 61.12 61.65 60.93 61.25 60.84 58.76 59.49 59.29 58.99 59.54 59.08)
tb=(55.1 55.3 54.9 55.2 55.0 55.4 55.1 54.8 55.2 55.0 55.3 54.9 55.1 55.2)
for i in $(seq 0 13); do
  d=$(printf '2026-11-%02d' $((i + 1))) f=thist/$(printf '2026-11-%02d' $((i + 1))).json
  [ "$i" = 13 ] && f=ttonight.json
  printf '{"format": "llmreport/1", "date": "%s", "sources": [{"id": "S1", "kind": "lm-eval", "title": "nightly", "harness": "lm-evaluation-harness 0.4.8"}], "results": [{"model": "A", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": %s, "stderr": 0.9, "scale": "percent", "source": "S1"}, {"model": "B", "benchmark": "mmlu", "metric": "acc", "shots": 5, "value": %s, "stderr": 0.5, "scale": "percent", "source": "S1"}]}\n' "$d" "${ta[$i]}" "${tb[$i]}" > "$f"
done
SOURCE_DATE_EPOCH=1794528000 "$bin" build -q -f md,svg -o tout --baseline thist/2026-11-13.json --history thist ttonight.json 2>/dev/null
# (the mean of A's first 8 nights is 61.175: rounded as by hand, halves away from zero, 61.18)
check "trend: the change point in the Changes section" has_line tout/report.md "  - A, MMLU (5-shot · acc): changed on 2026-11-09: 61.18 → 59.19"
svg=tout/charts/trend-mmlu.svg
rings() { # TITLE: paths in the point's group (1: the dot, 2: the dot and its ring)
  awk -v t="<g><title>$1</title>" '$0 == t {on = 1; n = 0; next} on && /^<\/g>/ {print n; exit} on && /^<path/ {n++}' "$svg"
}
check "trend: the night A changed is ringed" test "$(rings 'A · 2026-11-09: 58.8 ± 1.8')" = 2
check "trend: the night before is not" test "$(rings 'A · 2026-11-08: 60.8 ± 1.8')" = 1
check "trend: B is not ringed" test "$(grep -c '^<g><title>B · ' "$svg")" = 13
check "trend: only one ring" test "$(awk '/^<g><title>[AB] · /{on = 1; n = 0; next} on && /^<\/g>/ {if (n > 1) r++; on = 0} on && /^<path/ {n++} END {print r + 0}' "$svg")" = 1
check "history: change points in the digest" has_line hsum.md "- A, MMLU: changed on 2026-11-16: 61.21 → 59.2"

# ---- acknowledgements, k nights, the digest and the annotations ----
printf '{"format": "llmreport-config/1", "acknowledged": [{"model": "A", "benchmark": "HellaSwag", "until": "2026-11-03"}]}\n' > ack.json
SOURCE_DATE_EPOCH=1793577600 "$bin" build -q -f md -c ack.json -o aout --baseline "$data/base.json" --fail-on-regression --annotations "$data/now.json" > ann.txt 2>aerr.txt
check "acknowledged: the other regression still fails" test $? = 4
check "acknowledged: held back" has_line aout/report.md '| A | HellaSwag | 10-shot · acc\_norm | 80.0 | 78.0 | ▼ −2.0 | 2.4e-06 | acknowledged until 2026-11-03 |'
check "acknowledged: one regression line" test "$(cat aerr.txt)" = "llmreport: regression: $data/now.json: B, MMLU (5-shot · acc): 60.0 -> 58.5 (-1.5), beyond the threshold of 1.0 points (no stderr)"
check "annotations exact" test "$(cat ann.txt)" = "::error file=$data/now.json,title=Regression%3A B%2C MMLU::60.0 -> 58.5 (-1.5) at 5-shot · acc; beyond 1.0 points (no stderr)
::warning file=$data/now.json,title=Regression%3A A%2C HellaSwag::80.0 -> 78.0 (-2.0) at 10-shot · acc_norm; z-test p = 2.4e-06, gate p <= 0.025; acknowledged until 2026-11-03"
# expired: on 2026-12-02 the acknowledgement no longer holds
SOURCE_DATE_EPOCH=1796169600 "$bin" build -q -f md -c ack.json -o aout2 --baseline "$data/base.json" "$data/now.json" 2>aerr2.txt
check "acknowledgement expired" test "$(grep -c 'regression:' aerr2.txt)" = 2
# k nights: A/hellaswag was 80.0, then 77.9, 78.0 (the baseline) and 78.1 tonight. Tonight's +0.1
# is within the gate, but with "nights": 3 the value has stayed below 80.0 by more than the gate
# (z(0.975) * sqrt(0.3^2 + 0.3^2) = 0.83, one test) for 3 nights: a regression
one() { printf '{"format": "llmreport/1", "date": "%s", "sources": [{"id": "S1", "kind": "lm-eval", "title": "nightly"}], "results": [{"model": "A", "benchmark": "hellaswag", "metric": "acc_norm", "shots": 10, "value": %s, "stderr": 0.3, "scale": "percent", "source": "S1"}]}\n' "$1" "$2"; }
mkdir -p khist
one 2026-11-01 80.0 > khist/2026-11-01.json; one 2026-11-02 77.9 > khist/2026-11-02.json
one 2026-11-03 78.0 > khist/2026-11-03.json; one 2026-11-04 78.1 > ktonight.json
printf '{"format": "llmreport-config/1", "regression": {"nights": 3}}\n' > k3.json
printf '{"format": "llmreport-config/1", "regression": {"nights": 4}}\n' > k4.json
SOURCE_DATE_EPOCH=1793750400 "$bin" build -q -f md -c k3.json -o kout --baseline khist/2026-11-03.json --history khist --fail-on-regression ktonight.json 2>kerr.txt
check "k nights: lasted 3, exit 4" test $? = 4
check "k nights: the line says how long" test "$(cat kerr.txt)" = "llmreport: regression: ktonight.json: A, HellaSwag (10-shot · acc_norm): 78.0 -> 78.1 (0.1), z-test p = 0.81, gate p <= 0.05 (Benjamini-Hochberg, q = 0.05, 1 test); 3 nights below 80.0"
SOURCE_DATE_EPOCH=1793750400 "$bin" build -q -f md -c k4.json -o kout4 --baseline khist/2026-11-03.json --history khist --fail-on-regression ktonight.json 2>/dev/null
check "k nights: not yet 4, exit 0" test $? = 0
# the digest, exact
"$bin" build -q -f md -o dout --baseline "$data/base.json" --summary digest.md --report-url "https://example.org/nightly/report.md" "$data/now.json" 2>/dev/null
check "digest exact" test "$(cat digest.md)" = "### llmreport: 2 regressions since 2026-11-01

| | Model | Benchmark | Setting | Before | Now | Δ | p | |
|---|---|---|---|---:|---:|---:|---:|---|
| ▼ | A | HellaSwag | 10-shot · acc\_norm | 80.0 | 78.0 | −2.0 | 2.4e-06 | z-test |
| ▼ | B | MMLU | 5-shot · acc | 60.0 | 58.5 | −1.5 | — | points |
| ▲ | A | ARC-Challenge | 25-shot · acc\_norm | 60.0 | 63.0 | +3.0 | — | points |

- 5 compared, 2 unchanged within noise (largest: B, HellaSwag +0.8); gate: Benjamini–Hochberg at q = 0.05 over 2 tests (p ≤ 0.025).
- Full report: [report.md](https://example.org/nightly/report.md)"
"$bin" build -q -f md -o dout2 --baseline "$data/base.json" --summary digest.md "$data/now.json" 2>/dev/null
check "digest appended" test "$(grep -c '^### llmreport' digest.md)" = 2
"$bin" build -q -f md -o nob --summary nob.md "$data/now.json" 2>/dev/null
check "digest without a baseline" test "$(cat nob.md)" = "### llmreport: no baseline to compare with

- Full report: [report.md](nob/report.md)"

finish

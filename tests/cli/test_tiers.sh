#!/usr/bin/env bash
# Tiers in the overview (src/view/tiers.c) on tests/data/tiers/tiers.json, a hand-made snapshot
# (the native format; values chosen for round p-values), worked out by hand:
# MMLU, stderr 0.5 each (a difference has se sqrt 0.5 = 0.7071): A 80.0 leads tier 1; B 79.5,
# p = erfc(0.5) = 0.48, joins it (≈); C 78.0, p = erfc(2) = 0.0047, does not, and leads tier 2;
# D 77.6 joins C (p = erfc(0.4) = 0.57) although D vs A separates, E 70.0 is tier 3.
# HellaSwag, stderr 1.0: 50.0, 50.5, 51.0 all in tier 1; the spread 1.0 is below the MDE of
# best vs worst, 2.8016 sqrt 2 = 3.96: the column cannot separate these models.
# BoolQ without stderrs, n = 1000: Wilson standard errors 1.546 (60 %) and 1.570 (55 %),
# combined 2.204, z = 2.27, p = 0.023: B is tier 2 (and the column has two tiers, so it is not
# marked, although 5.0 is below the MDE 6.17); C with stderr 0 and no n is not tiered.
. "$(dirname "$0")/lib.sh"
scratch tiers
nb=$'\u00a0' # report.md joins a value and its tier mark (lr_md_github_joins)

"$bin" build -q -f md -o out "$src/tests/data/tiers/tiers.json"
md=out/report.md
check "A leads, B in its tier" has_line "$md" "| A | **80.0** | 50.0${nb}≈ | **60.0** | 63.3 |"
check "C tier 2, best at HellaSwag, untiered at BoolQ" has_line "$md" "| C | 78.0${nb}² | **51.0** | 58.0 | 62.3 |"
check "B: tier 1 twice, tier 2 by Wilson" has_line "$md" "| B | 79.5${nb}≈ | 50.5${nb}≈ | 55.0${nb}² | 61.7 |"
check "D anchored at C, not chained from A" has_line "$md" "| D | 77.6${nb}² | – | – | – |"
check "E tier 3" has_line "$md" "| E | 70.0${nb}³ | – | – | – |"
check "a column that cannot separate its models" grep -qF -- '*Note.* Column settings: MMLU: 5-shot · acc; HellaSwag: 10-shot · acc\_norm (cannot separate these models: spread 1.0, below the MDE 3.96); BoolQ: 0-shot · acc. **Bold**' "$md"
check "the rule in the table's note" grep -qF -- ' come from. Tiers: the best result of a column leads tier 1' "$md"

# two models on the same 200 items (tests/data/nightly/paired, tonight's run renamed): 60.0
# and 54.0 with stderrs 3.47 and 3.53 are one tier unpaired (p = 0.23), two paired: 12 items
# right for one model and wrong for the other, none the other way, exact McNemar p = 4.9e-04
pd=$src/tests/data/nightly/paired
mkdir -p two one
cp "$pd"/base/* two/ && cp "$pd"/now/* two/
sed -i 's|pretrained=org/model-7b|pretrained=org/model-7b-next|' two/results_2026-11-02*.json
cp two/results_*.json one/
"$bin" build -q -f md -o paired two
check "paired: the 12 items separate the models" has_line paired/report.md "| org/model-7b-next | 54.0${nb}² |"
"$bin" build -q -f md -o unpaired one
check "unpaired: one tier" has_line unpaired/report.md "| org/model-7b-next | 54.0${nb}≈ |"
check "unpaired: the column cannot separate them" grep -qF 'HellaSwag: 0-shot · acc (cannot separate these models: spread 6.0, below the MDE 13.88). **Bold**' unpaired/report.md
finish

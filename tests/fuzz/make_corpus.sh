#!/usr/bin/env bash
# Rebuilds the seed corpora in tests/fuzz/corpus/ from the real files, the samples and the
# tests' data (small files only), plus a few hand-written seeds. Run from anywhere; needs
# python3 (for the Mustache spec and the PDF documents). Keep each target under ~40 files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
real=${LR_SHARED_DATA:-$src/../shared/data}/real
spec=${LR_SHARED_DATA:-$src/../shared/data}/mustache-spec
c=$here/corpus
rm -rf "$c" && mkdir -p "$c"
seed() { # TARGET FILE...
  local t=$1
  shift
  mkdir -p "$c/$t"
  for f in "$@"; do
    cp "$f" "$c/$t/$(basename "$(dirname "$f")")_$(basename "$f")"
  done
}

seed native "$src"/tests/data/nightly/base.json "$src"/tests/data/history/results-2026-11-01.json \
  "$src"/samples/papers/mit_curriculum.json
printf '%s' '{"format":"llmreport/1","source":{"kind":"paper","title":"T","arxiv":"2303.08774","table":"Table 2","url":"https://x","date":"2023-03-15"},"results":[{"model":"GPT-4","benchmark":"MMLU","metric":"accuracy","shots":5,"method":"cot","value":86.4,"scale":"percent","stderr":0.3,"note":"n","source":{"table":"Table 3"}},{"model":"B","benchmark":"hendrycksTest-anatomy","metric":"acc","shots":null,"value":0.5,"scale":"fraction"},{"model":"B","benchmark":"HumanEval","metric":"pass@1","method":"T=0.2,n=200","value":NaN}]}' > "$c/native/handmade.json"
seed lmeval "$real"/lm-eval/v0.4*.json "$src"/tests/data/lm-eval/nested-groups-filters_results.json
seed lmeval03 "$real"/lm-eval/v0.3*.json "$real"/open-llm-leaderboard-v1/*.json
seed oll "$src"/samples/leaderboard/tiiuae/falcon-7b/*.json \
  "$src"/tests/data/oll-v1/example-org/example-7b/*.json
seed olltable "$real"/dsdanielpark-report/*
seed bigcode "$real"/bigcode/*.json
seed eee "$real"/open-llm-leaderboard-v2/*.json
seed helm "$real"/helm/*.json
seed csv "$real"/dsdanielpark-report/*.csv
printf 'a,"b ""q""",c\r\n\r\n"multi\nline",,\n"unterminated' > "$c/csv/handmade.csv"
seed report "$real"/lm-eval/v0.4.0-dev_big-refactor_boolq_output-arc.json \
  "$real"/lm-eval/v0.3_testdata_arc_easy-v0-res.json "$real"/bigcode/Yi-34B_humaneval_pass@1.json \
  "$real"/open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B.json \
  "$real"/dsdanielpark-report/data_20230526.json "$real"/dsdanielpark-report/assets_20230523.csv \
  "$src"/samples/leaderboard/tiiuae/falcon-7b/*.json "$src"/tests/data/nightly/base.json

# Mustache: every spec test as template NUL partial..., and the shipped templates
python3 - "$spec" "$c/mustache" "$src/templates" <<'PY'
import json, os, sys
spec, out, templates = sys.argv[1:]
os.makedirs(out, exist_ok=True)
n = 0
for name in sorted(os.listdir(spec)):
    if not name.endswith('.json'):
        continue
    for t in json.load(open(os.path.join(spec, name)))['tests']:
        parts = [t['template']] + list(t.get('partials', {}).values())
        data = '\0'.join(parts).encode()
        if n % 5 == 0 or t.get('partials'):
            open(os.path.join(out, '%s-%03d' % (name[:-5], n)), 'wb').write(data)
        n += 1
for name in os.listdir(templates):
    open(os.path.join(out, 'templates-' + name), 'wb').write(open(os.path.join(templates, name), 'rb').read())
PY

# PDF: small Markdown documents (the first byte holds option flags)
mkdir -p "$c/pdf"
pdf() { printf '%s' "$2" > "$c/pdf/$1"; }
pdf title $'\x00# Report\n\nSubtitle *here*\n\n## One\n\nText with **strong**, `code`, ~~gone~~ and [a link](https://example.com).\n'
pdf table $'\x05| Model | MMLU | GSM8K |\n|:--|--:|:-:|\n| A | **86.4** | 92.0[^1] |\n| B \\| C | 70.0 | — |\n\n[^1]: 5-shot, chain of thought.\n'
pdf hangul $'\x02# 보고서\n\n모델 이름이 아주 긴 경우에도 줄이 바뀌어야 합니다모델이름모델이름모델이름모델이름.\n\n- 하나\n  - 둘\n1. 셋\n'
pdf blocks $'\x09> quote\n> > nested\n\n---\n\n```\ncode block\n  indented\n```\n\n![chart](charts/overview.svg)\n\n![png](x.png)\n\nverylongwordverylongwordverylongwordverylongwordverylongwordverylongwordverylongword\n'
pdf sections $'\x00# T\n\n## A\n## B\n## C\n## D\n## E\n### E1\n#### E2\nx<sup>2</sup> <b>html</b> &amp; &#x1F600;\n'
# shape: its input is a generator's choices, not a file; these make one small document of each
# format (shape_seeds.py encodes them with fuzz_shape.c's tables)
python3 "$here/shape_seeds.py" "$c/shape"
echo "corpus: $(find "$c" -type f | wc -l) files, $(du -sk "$c" | cut -f1) KiB"
for d in "$c"/*; do echo "  $(basename "$d"): $(ls "$d" | wc -l)"; done

#!/usr/bin/env python3
"""Writes the seeds of the shape fuzz target: the generator choices (fuzz_shape.c) that make a
small document of each format the sniffers know, so that libFuzzer starts from documents every
adapter claims and varies their kinds from there. The key, string and number tables are read
from fuzz_shape.c, so seeds follow it when it changes; a document using a key or value not in
them is an error here.
    tests/fuzz/shape_seeds.py OUTDIR"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = open(os.path.join(HERE, "fuzz_shape.c"), encoding="utf-8").read()


def table(name):
    body = re.search(r"static const char \*const %s\[\] = \{(.*?)\};" % name, SOURCE, re.S).group(1)
    out = []
    for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', body):
        raw = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), lit)
        raw = raw.replace('\\"', '"').replace("\\\\", "\\")
        out.append(raw.encode("latin-1").decode("utf-8"))
    return out


def constant(name):
    return int(re.search(r"%s = (\d+)" % name, SOURCE).group(1))


TOP, INNER = table("top_keys"), table("inner_keys")
STRINGS, NUMBERS = table("strings"), table("numbers")
MAX_MEMBERS, MAX_ITEMS = constant("MAX_MEMBERS"), constant("MAX_ITEMS")


def encode(doc):
    out = bytearray()

    def key(k, depth):
        if depth == 0 and k in TOP:
            out.extend([0, TOP.index(k)])
        elif k in INNER:
            out.extend([6 if depth == 0 else 0, INNER.index(k)])
        else:
            out.extend([7, TOP.index(k)])

    def members(obj, depth):
        assert len(obj) <= MAX_MEMBERS, obj
        out.append(len(obj))
        for k, v in obj:
            key(k, depth)
            value(v, depth + 1)

    def items(arr, depth):
        assert len(arr) <= MAX_ITEMS, arr
        out.append(len(arr))
        for v in arr:
            value(v, depth + 1)

    def value(v, depth):
        if isinstance(v, list) and v and isinstance(v[0], tuple) or v == ():
            out.append(0)
            members(v, depth)
        elif isinstance(v, list):
            out.append(2)
            items(v, depth)
        elif isinstance(v, str):
            out.extend([4, STRINGS.index(v)])
        elif isinstance(v, bool):
            out.extend([6, 1 if v else 0])
        elif v is None:
            out.append(7)
        else:
            out.extend([5, [i for i, t in enumerate(NUMBERS) if float(t) == v][0]])

    if isinstance(doc, list) and not (doc and isinstance(doc[0], tuple)):
        out.append(7)
        items(doc, 0)
    else:
        out.append(0)
        members(doc, 0)
    return bytes(out)


def pairs(text):
    """A document with its objects as lists of (key, value), in order."""
    return json.loads(text, object_pairs_hook=lambda p: p or ())


SEEDS = {
    "lm-eval-0.4": '{"results": {"arc_easy": {"alias": "arc_easy", "acc,none": 0.5, '
    '"acc_stderr,none": 0.25}, "mmlu": {"acc,none": 0.6}}, "n-shot": {"arc_easy": 5}, '
    '"configs": {"arc_easy": {"num_fewshot": 5, "output_type": "generate_until", '
    '"generation_kwargs": {"do_sample": true, "temperature": 0.6}}}, "config": {"model_args": '
    '"pretrained=m,dtype=bf16", "limit": null}, "versions": {"arc_easy": 1}, '
    '"higher_is_better": {"arc_easy": {"acc": true}}}',
    "lm-eval-0.4-groups": '{"results": {"mmlu": {"acc,none": 0.5}, "arc_easy": {"acc,none": '
    '0.25}}, "groups": {"mmlu": {"acc,none": 0.5}}, "group_subtasks": {"mmlu": ["arc_easy"]}, '
    '"configs": {"arc_easy": {"group": "mmlu", "repeats": 5}}, "n-samples": {"arc_easy": '
    '{"original": 100, "effective": 25}}, "config": {"model_args": "pretrained=m,dtype=bf16"}}',
    "lm-eval-0.3": '{"results": {"arc_easy": {"acc": 0.5, "acc_stderr": 0.25}, '
    '"hendrycksTest-anatomy": {"acc": 0.6}}, "config": {"model_args": "pretrained=m,dtype=bf16", '
    '"num_fewshot": 5}, "versions": {"arc_easy": 0}}',
    "oll-v1": '{"config_general": {"model_name": "m", "lighteval_sha": "0.4.2", "start_date": '
    '1700000000}, "results": {"harness|arc:challenge|25": {"acc": 0.5, "acc_stderr": 0.25}, '
    '"all": {"acc": 0.5}}, "versions": {"harness|arc:challenge|25": 0}}',
    "bigcode": '{"humaneval": {"pass@1": 0.25}, "config": {"model": "m", "temperature": 0.6, '
    '"n_samples": 1, "do_sample": true}}',
    "eee": '{"schema_version": "0.2.0", "model_info": {"id": "m"}, "evaluation_results": '
    '[{"evaluation_name": "mmlu", "metric_config": {"max_score": 1, "lower_is_better": false}, '
    '"score_details": {"score": 0.5, "uncertainty": {"standard_error": {"value": 0.25}, '
    '"num_samples": 100}}, "generation_config": {"generation_args": {"temperature": 0.6}}}]}',
    "native": '{"format": "llmreport/1", "source": {"kind": "documentation"}, "results": '
    '[{"model": "m", "benchmark": "mmlu", "value": 25, "shots": 5, "scale": "percent", '
    '"flags": ["aggregate"]}]}',
    "oll-table": '[["m", 0.5, 25, 25, 25, 25], ["m", "m", 0.5, 25, 25, 25, 25]]',
    "helm": '[{"name": {"name": "m", "split": "m"}, "count": 1}]',
    "inspect": '{"status": "m", "eval": {"task": "mmlu", "model": "m"}, "results": '
    '{"total_samples": 100, "scores": [{"name": "m", "scorer": "m", "metrics": {"acc": '
    '{"name": "m", "value": 0.5}}}]}}',
}

if __name__ == "__main__":
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, text in SEEDS.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(encode(pairs(text)))

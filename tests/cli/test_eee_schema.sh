#!/usr/bin/env bash
# Every Eval Ever export against the published 0.3.0 schema (tests/data/eee-schema/): the sample
# report's observations and the real files of ../shared/data/real/ and tests/data/ exported with
# --format eee, each record validated with Debian's python3-jsonschema; and a record with a
# required field removed must fail, so that the check can fail.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR, LR_SHARED_DATA and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  echo "skipped: python3-jsonschema is not installed"
  exit 77
fi
scratch eee-schema
validate() { # NAME FILE EXPECTED(valid|invalid)
  local out
  out=$(/usr/bin/python3 - "$src/tests/data/eee-schema/eval.schema.json" "$2" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
records = json.load(open(sys.argv[2]))
validator = jsonschema.Draft7Validator(schema)
bad = 0
for i, record in enumerate(records):
    for e in validator.iter_errors(record):
        bad += 1
        if bad <= 5:
            print("record %d: /%s: %s" % (i, "/".join(map(str, e.path)), e.message[:200]))
print("%d records, %d errors" % (len(records), bad))
sys.exit(1 if bad or not records else 0)
PY
)
  local rc=$?
  if { [ "$3" = valid ] && [ $rc = 0 ]; } || { [ "$3" = invalid ] && [ $rc = 1 ]; }; then
    echo "ok $1: ${out##*$'\n'}"
    pass=$((pass + 1))
  else
    echo "FAIL $1 (want $3):"
    echo "$out"
    fail=$((fail + 1))
  fi
}
"$bin" export --format eee "$src/samples" >"$tmp/samples.json" 2>/dev/null
validate samples "$tmp/samples.json" valid
# the real files, but for the 7000-model v1 leaderboard table (its layout is the 2024 v2 one's)
real=${LR_SHARED_DATA:?}/real
"$bin" export --format eee "$real"/{bigcode,dsdanielpark-report,helm,lm-eval} \
  "$real"/open-llm-leaderboard-v{1,2} "$real"/wild/{eee,lm-eval-0.3,lm-eval-0.4,oll-v2} \
  >"$tmp/real.json" 2>/dev/null
validate real-files "$tmp/real.json" valid
"$bin" export --format eee "$src/tests/data/lighteval" "$src/tests/data/oll-table" \
  "$src/tests/data/lm-eval" >"$tmp/data.json" 2>/dev/null
validate test-data "$tmp/data.json" valid
# the check itself: without eval_library (required since 0.3.0) a record is refused
/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
del r[0]["eval_library"]
json.dump(r, open(sys.argv[2], "w"))' "$tmp/samples.json" "$tmp/broken.json"
validate broken "$tmp/broken.json" invalid
finish eee-schema

#!/usr/bin/env bash
# The report config is held against the table of its keys (src/ingest/config.c): every key of
# the wrong type or out of range is one error line "CONFIG: /POINTER: message", exit 1 and
# nothing written, whether the config comes with -c or sits in a report folder; an unknown key
# (a typo, or an option of the command line written into the config) is one warning.
. "$(dirname "$0")/lib.sh"
scratch config

printf '%s\n' '{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"},
 {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"}]}' > good.json

# KEY-AND-VALUE|POINTER|MESSAGE: each a config of its own, each one line
bad() {
  local json=$1 pointer=$2 message=$3
  printf '{"format": "llmreport-config/1", %s}\n' "$json" > c.json
  expect "config $json" 1 "llmreport: error: c.json: $pointer: $message" -- \
    "$bin" build -q -c c.json -f md -o out good.json
}
bad '"title": null' /title '"title" must be a string'
bad '"title": 5' /title '"title" must be a string'
bad '"date": "nope"' /date '"date" must be a date YYYY-MM-DD'
bad '"date": "2026-13-01"' /date '"date" must be a date YYYY-MM-DD'
bad '"page": ["A4"]' /page '"page" must be a string'
bad '"models": "A"' /models '"models" must be a list of strings'
bad '"models": ["A", 3]' /models/1 '"models" must be a list of strings'
bad '"average": "yes"' /average '"average" must be true or false'
bad '"overview_top": -5' /overview_top '"overview_top" must be a whole number from 0 to 1000000000'
bad '"overview_top": 1e300' /overview_top '"overview_top" must be a whole number from 0 to 1000000000'
bad '"table_top": 2.5' /table_top '"table_top" must be a whole number from 0 to 1000000000'
bad '"table_top": "ten"' /table_top '"table_top" must be a whole number from 0 to 1000000000'
bad '"charts": {}' /charts '"charts" must be a list'
bad '"charts": [1]' /charts/0 'a chart must be an object'
bad '"charts": [{"type": "bars", "top": "ten"}]' /charts/0/top '"top" must be a whole number from 0 to 1000000000'
bad '"charts": [{"type": "bars", "top": 1e300}]' /charts/0/top '"top" must be a whole number from 0 to 1000000000'
bad '"charts": [{"type": "nope"}]' /charts/0/type 'unknown chart type "nope" (types: bars, ranked, forest, heatmap, scatter, radar, trend, slope)'
bad '"charts": [{"type": "bars", "from_baseline": 1}]' /charts/0/from_baseline '"from_baseline" must be true or false'
bad '"regression": 5' /regression '"regression" must be an object'
bad '"regression": {"points": "1"}' /regression/points '"points" must be a number from 0 to 100'
bad '"regression": {"nights": 0}' /regression/nights '"nights" must be a whole number from 1 to 365'
bad '"reference_settings": {"mmlu": {"shots": "five"}}' /reference_settings/mmlu/shots '"shots" must be a whole number from 0 to 1000000000'
bad '"reference_settings": {"mmlu": {"shots": 1e300}}' /reference_settings/mmlu/shots '"shots" must be a whole number from 0 to 1000000000'
bad '"reference_settings": {"mmlu": 5}' /reference_settings/mmlu 'a reference setting must be an object'
bad '"model_info": {"A": {"parameters": "7B"}}' /model_info/A/parameters '"parameters" must be a number from 0 to 1000000000'
bad '"aliases": {"a": 1}' /aliases/a 'an alias must map a name to a string'
bad '"registry": {"benchmarks": [{"id": "b", "random": "25"}]}' /registry/benchmarks/0/random '"random" must be a number from 0 to 100'
bad '"registry": {"metrics": 1}' /registry/metrics '"metrics" must be a list'
bad '"findings": {"limit": 0}' /findings/limit '"limit" must be a whole number from 1 to 100000'
bad '"acknowledged": [{"model": "A", "benchmark": "MMLU", "until": "soon"}]' /acknowledged/0/until '"until" must be a date YYYY-MM-DD'
bad '"aggregates": [{"id": "x", "members": "mmlu"}]' /aggregates/0/members '"members" must be a list of strings'
check "nothing written after config errors" test ! -e out

# two wrong keys: both named, in the file's order
printf '{"format": "llmreport-config/1", "table_top": "x", "title": 1}\n' > c.json
expect "two wrong keys in order" 1 'llmreport: error: c.json: /table_top: "table_top" must be a whole number from 0 to 1000000000
llmreport: error: c.json: /title: "title" must be a string' -- "$bin" build -q -c c.json -f md -o out good.json

# unknown keys: one warning each, with the pointer; the build goes on
printf '{"format": "llmreport-config/1", "threads": "2", "formats": 3, "charts": [{"type": "bars", "colour": "red"}], "regression": {"point": 1}}\n' > unknown.json
expect "unknown keys warned" 0 'llmreport: warning: unknown.json: /threads: unknown key "threads" ignored
llmreport: warning: unknown.json: /formats: unknown key "formats" ignored
llmreport: warning: unknown.json: /charts/0/colour: unknown key "colour" ignored
llmreport: warning: unknown.json: /regression/point: unknown key "point" ignored' -- \
  "$bin" build -c unknown.json -f md -o out-unknown good.json
check "built despite unknown keys" test -s out-unknown/report.md

# the same checks for a report folder's own llmreport.json: exit 1 as well
mkdir -p folder
cp good.json folder/
printf '{"format": "llmreport-config/1", "overview_top": "all"}\n' > folder/llmreport.json
expect "report folder's config" 1 'llmreport: error: folder/llmreport.json: /overview_top: "overview_top" must be a whole number from 0 to 1000000000' -- \
  "$bin" build -q -f md -o out-folder folder
check "nothing written for the folder" test ! -e out-folder

# every wrong key is said, in the order written, not only the first; nothing is written
printf '%s\n' '{"format": "llmreport-config/1", "title": 5, "date": "x", "overview_top": -1,
 "charts": [{"id": "c"}, {"top": "ten"}], "findings": {"limit": 0}}' > many.json
expect "every bad key said" 1 'llmreport: error: many.json: /title: "title" must be a string
llmreport: error: many.json: /date: "date" must be a date YYYY-MM-DD
llmreport: error: many.json: /overview_top: "overview_top" must be a whole number from 0 to 1000000000
llmreport: error: many.json: /charts/1/top: "top" must be a whole number from 0 to 1000000000
llmreport: error: many.json: /findings/limit: "limit" must be a whole number from 1 to 100000' -- \
  "$bin" build -q -c many.json -f md -o out-many good.json
check "nothing written for many" test ! -e out-many

# two report folders with configs of their own: which config is the report's must not depend on
# the order of the inputs, so neither is taken (one error, either order); the same folder twice
# or through a symlink is one report folder; -c chooses
mkdir -p two/a two/b
cp good.json two/a/ && cp good.json two/b/b.json
printf '{"format": "llmreport-config/1", "title": "A"}\n' > two/a/llmreport.json
printf '{"format": "llmreport-config/1", "title": "B"}\n' > two/b/llmreport.json
ln -s a two/alink
two_err='llmreport: error: two report folders, two/a/llmreport.json and two/b/llmreport.json: choose the config with -c'
expect "two report folders" 1 "$two_err" -- "$bin" build -q -f md -o out-two two/a two/b
expect "two report folders, reversed" 1 "$two_err" -- "$bin" build -q -f md -o out-two two/b two/a
check "nothing written for two" test ! -e out-two
expect "one folder twice and through a symlink" 0 "" -- \
  "$bin" build -q -f md -o out-one two/a two/alink two/a/
check "its config is taken" has_line out-one/report.md "# A"
expect "-c chooses" 0 "" -- "$bin" build -q -c two/b/llmreport.json -f md -o out-b two/a two/b
check "the chosen config is taken" has_line out-b/report.md "# B"

# what the samples and the docs use passes without a warning
for cfg in "$src"/samples/llmreport*.json "$src"/tests/data/*/llmreport*.json; do
  [ -f "$cfg" ] || continue
  expect "no warning for $(basename "$(dirname "$cfg")")/$(basename "$cfg")" 0 "" -- \
    sh -c '"$0" check -c "$1" "$2" 2>&1 >/dev/null | grep -E "unknown key|error: .*llmreport" >&2; exit 0' "$bin" "$cfg" good.json
done

finish test_config

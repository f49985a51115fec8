#!/usr/bin/env bash
# The command line as users type it: options after the inputs are options (GNU style), "--"
# ends them, an option without its value is named, and --help/--version that cannot be written
# (standard output on a full disk) fail with a message instead of exit 0.
. "$(dirname "$0")/lib.sh"
scratch options

good='{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"},
 {"model": "B", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 60, "scale": "percent"}]}'
printf '%s\n' "$good" > good.json
printf '{"format": "llmreport-config/1", "title": "Configured after the inputs"}\n' > cfg.json

# options after the inputs
expect "options after the input" 0 "" -- "$bin" build good.json -o after -f md -q
check "-o after the input names the folder" test -f after/report.md
check "-f after the input is taken" test ! -e after/report.pdf
check "no folder named report" test ! -e report
expect "config after the input" 0 "" -- "$bin" build -o cfg good.json -c cfg.json -f md -q
check "the config after the input is read" grep -q "^# Configured after the inputs" cfg/report.md
expect "options between inputs" 0 "" -- "$bin" build good.json -q -f md good.json -o between
check "the second input is read as an input" test -f between/report.md
expect "check with --strict last" 0 "" -- "$bin" check good.json --strict -q
# the samples folder as the issue typed it
expect "samples/ -o out" 0 "" -- "$bin" build "$src/samples/" -o samples-out -f md -q
check "samples/ -o out wrote there" test -s samples-out/report.md

# "--" ends the options: a file named like an option is an input
cp good.json ./-o
expect "-- ends options" 0 "" -- "$bin" check -q -- -o
expect "option at the end without its value" 2 "llmreport: error: option \"-c\" needs a value
Try 'llmreport --help'." -- "$bin" check good.json -c
expect "long option without its value" 2 "llmreport: error: option \"--output\" needs a value
Try 'llmreport --help'." -- "$bin" build good.json --output
expect "unknown option after the input" 2 "llmreport: error: unknown option \"--nope\"
Try 'llmreport --help'." -- "$bin" build good.json --nope

# --help and --version on a full disk: exit 3 and say so
full="llmreport: error: cannot write to standard output: No space left on device"
expect "--help on /dev/full" 3 "$full" -- sh -c '"$0" --help >/dev/full' "$bin"
expect "--version on /dev/full" 3 "$full" -- sh -c '"$0" --version >/dev/full' "$bin"
expect "build --help on /dev/full" 3 "$full" -- sh -c '"$0" build --help >/dev/full' "$bin"
expect "help after the input on /dev/full" 3 "$full" -- sh -c '"$0" check good.json --help >/dev/full' "$bin"
expect "--help to a pipe" 0 "" -- "$bin" --help
check "--help still prints" grep -q "^usage: llmreport COMMAND" <("$bin" --help)
check "check --help after the input prints the check options" grep -q -- "--strict" <("$bin" check good.json --help)

finish test_options

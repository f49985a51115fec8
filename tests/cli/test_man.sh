#!/usr/bin/env bash
# The manual page: groff renders llmreport.1 without a single warning (-ww, every category),
# the text rendering is not empty, and every command and every long option that the built
# binary's --help texts list appears in the page, so the two cannot drift apart.
# Skipped (77) when groff is not installed. Run by ctest with LLMREPORT and LR_SOURCE_DIR set.
. "$(dirname "$0")/lib.sh"
page=$src/llmreport.1
command -v groff >/dev/null || { echo "groff not installed"; exit 77; }
export LC_ALL=C.UTF-8

[ -f "$page" ] || { echo "FAIL no $page"; exit 1; }
warnings=$(groff -man -ww -z "$page" 2>&1)
check "groff -man -ww -z prints no warning${warnings:+: $warnings}" test -z "$warnings"
utf8=$(groff -man -ww -Tutf8 "$page" 2>&1 >/dev/null)
check "groff -Tutf8 prints no warning${utf8:+: $utf8}" test -z "$utf8"
text=$(groff -man -Tutf8 -P-cbou "$page" 2>/dev/null)
check "the page renders to text" test "$(printf '%s\n' "$text" | wc -l)" -gt 100
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" CONFIGURATION \
  ENVIRONMENT EXAMPLES; do
  check "section $section" grep -qx "$section" <<<"$text"
done

# The commands, from the top-level help ("  build    write ..."), each an entry in COMMANDS
# and a line of the synopsis.
help=$("$bin" --help) || { echo "FAIL llmreport --help"; exit 1; }
mapfile -t commands < <(sed -n '/^commands:/,/^$/s/^  \([a-z]\+\) .*/\1/p' <<<"$help")
check "--help lists the four commands (got ${commands[*]})" test "${#commands[@]}" -ge 4
commands_text=$(sed -n '/^COMMANDS$/,/^OPTIONS$/p' <<<"$text")
for c in "${commands[@]}"; do
  check "command $c in COMMANDS" grep -qE "^       $c( |$)" <<<"$commands_text"
  check "command $c in SYNOPSIS" grep -qE "^       llmreport $c( |$)" <<<"$text"
done

# Every long option of every command's --help, and each short one, as an entry of OPTIONS.
options_text=$(sed -n '/^OPTIONS$/,/^EXIT STATUS$/p' <<<"$text")
declare -A seen=()
for c in "${commands[@]}"; do
  chelp=$("$bin" "$c" --help) || { echo "FAIL llmreport $c --help"; fail=$((fail + 1)); continue; }
  while read -r opt; do
    [ -n "${seen[$opt]:-}" ] && continue
    seen[$opt]=1
    check "option $opt (llmreport $c --help) in OPTIONS" \
      grep -qE "^       (-[a-zA-Z], )?$opt([= ]|$)" <<<"$options_text"
  done < <(grep -oE -- '--[a-z][a-z-]*' <<<"$chelp" | sort -u)
  while read -r opt; do
    check "short option $opt (llmreport $c --help) in OPTIONS" \
      grep -qE "^       $opt, --" <<<"$options_text"
  done < <(grep -oE -- '^  -[a-zA-Z],' <<<"$chelp" | tr -d ' ,' | sort -u)
done
check "--help gave long options" test "${#seen[@]}" -ge 10
check "--version in OPTIONS" grep -qE '^       --version$' <<<"$options_text"

# Every exit status the top-level help names is described.
for s in $(grep -oE '\b[0-9] [a-z]' <<<"$help" | cut -c1 | sort -u); do
  check "exit status $s in EXIT STATUS" grep -qE "^       $s +[A-Z]" \
    <<<"$(sed -n '/^EXIT STATUS$/,/^CONFIGURATION$/p' <<<"$text")"
done

# The config keys the README documents are in CONFIGURATION.
config_text=$(sed -n '/^CONFIGURATION$/,/^ENVIRONMENT$/p' <<<"$text")
readme_keys=$(sed -n '/^### The report config/,/^Every field is optional/p' "$src/README.md" |
  grep -oE '`[a-z_]+`' | tr -d '`' | sort -u)
check "README documents config keys" test "$(wc -w <<<"$readme_keys")" -ge 15
for k in $readme_keys; do
  case $k in en | ko | A4 | Letter | acc | method | metric | shots | null) continue ;; esac
  check "config key $k in CONFIGURATION" grep -qw -- "$k" <<<"$config_text"
done

finish

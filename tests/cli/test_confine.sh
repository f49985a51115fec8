#!/usr/bin/env bash
# A report folder is something people clone from others: its llmreport.json and its templates
# read nothing outside the report folder, the template's own folder and the data folder's
# templates/. A config's "template" that is absolute, holds "..", or is a symlink leading out is
# refused with one line naming the config and the key; a partial that is a symlink leading out is
# refused naming the template and the tag. Nothing of the refused file reaches any output. A template
# given on the command line (-t) may lie anywhere, but its partials are confined the same way.
# Run by ctest with LLMREPORT, LR_SOURCE_DIR and LR_TEST_TMP set.
. "$(dirname "$0")/lib.sh"
scratch confine
export LC_ALL=C
# a secret in the environment and one in a file beside the report folder: neither may leak
export LR_CONFINE_SECRET=env-secret-6b1f
printf 'file-secret-93c2\n' >secret.md

# nothing of either secret in any file of the output folders
no_leak() { ! grep -rqa -e env-secret-6b1f -e file-secret-93c2 -e 'root:' out* 2>/dev/null; }

mkdir -p rf/sub
cat >rf/results.json <<'EOF'
{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"}]}
EOF
config() { printf '{"format": "llmreport-config/1", "template": "%s"}\n' "$1" >rf/llmreport.json; }
absolute='refused: a config names its template by a relative path inside the report folder or the data folder, without ".."'
outside="refused: it leads outside the report folder and the data folder's templates"

# ---- the config's "template" ---------------------------------------------------------------
config /proc/self/environ
expect "absolute template /proc/self/environ" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"/proc/self/environ\" $absolute" -- \
  "$bin" build -q -f md,pdf -o out rf
check "nothing written for an absolute template" test ! -e out/report.md -a ! -e out/report.pdf

config ../../../../../../../../etc/passwd
expect "template ../../etc/passwd" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"../../../../../../../../etc/passwd\" $absolute" -- \
  "$bin" build -q -f md -o out rf
config sub/../../secret.md
expect "template with .. in the middle" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"sub/../../secret.md\" $absolute" -- \
  "$bin" build -q -f md -o out rf

ln -s /proc/self/environ rf/environ.md
config environ.md
expect "template symlink to /proc/self/environ" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"environ.md\" $outside" -- \
  "$bin" build -q -f md,pdf -o out rf
ln -s ../../secret.md rf/sub/up.md
config sub/up.md
expect "template symlink out of the folder" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"sub/up.md\" $outside" -- \
  "$bin" build -q -f md -o out rf
ln -s "$tmp" rf/sub/root
config sub/root/secret.md # (-c: a walk of rf would meet the link's loop)
expect "template through a symlinked folder" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"sub/root/secret.md\" $outside" -- \
  "$bin" build -q -f md -o out -c rf/llmreport.json rf/results.json
rm rf/sub/root
# the data folder (here one of its own) lends only its templates/, not its other files
mkdir -p data/templates && cp "${LR_SOURCE_DIR:?}/templates/report.md" data/templates/
printf 'file-secret-93c2\n' >data/notes.md
config notes.md
expect "data folder file outside templates/" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"notes.md\" $outside" -- \
  "$bin" build -q -f md --datadir data -o out rf
config missing.md
expect "missing template named" 1 \
  "llmreport: error: rf/llmreport.json: /template: template \"missing.md\" not found in the report folder nor in the data folder" -- \
  "$bin" build -q -f md -o out rf
check "no secret in refused outputs" no_leak

# what stays allowed: a template in the report folder (also through a symlink inside it), and
# the data folder's templates by relative name
printf '# Mine {{title}}\n{{> part}}\n' >rf/mine.md
printf 'part-of-the-folder\n' >rf/part.md
config mine.md
expect "template in the report folder" 0 "" -- "$bin" build -q -f md -o out-mine rf
check "its partial is read" grep -qx 'part-of-the-folder' out-mine/report.md
ln -s ../mine.md rf/sub/link.md
config sub/link.md
expect "symlink inside the report folder" 0 "" -- "$bin" build -q -f md -o out-link rf
check "the linked template is read" grep -q '^# Mine' out-link/report.md
config templates/report.ko.md
expect "a data folder template" 0 "" -- "$bin" build -q -f md -o out-ko rf
check "the Korean template is read" grep -q '출처\|벤치마크' out-ko/report.md

# ---- partials ------------------------------------------------------------------------------
ln -s /proc/self/environ rf/env.md
ln -s ../secret.md rf/outside.md
printf 'hello\n{{> env}}\n' >rf/t-env.md
printf 'hello\n{{> outside}}\n' >rf/t-out.md
config t-env.md
expect "partial symlink to /proc/self/environ" 3 \
  "llmreport: error: rf/t-env.md:2:1: partial \"env\" refused: it leads outside the template's folder, the report folder and the data folder's templates" -- \
  "$bin" build -q -f md,pdf -o out rf
config t-out.md
expect "partial symlink out of the folder" 3 \
  "llmreport: error: rf/t-out.md:2:1: partial \"outside\" refused: it leads outside the template's folder, the report folder and the data folder's templates" -- \
  "$bin" build -q -f md -o out rf
# -t on the command line may name any file, its partials stay confined
expect "-t keeps partials confined" 3 \
  "llmreport: error: $tmp/rf/t-env.md:2:1: partial \"env\" refused: it leads outside the template's folder, the report folder and the data folder's templates" -- \
  "$bin" build -q -f md -t "$tmp/rf/t-env.md" -o out rf
check "no secret after refused partials" no_leak
check "refused builds wrote nothing" test ! -e out/report.md -a ! -e out/report.pdf
printf 'given {{title}}\n' >given.md
expect "-t with an absolute path outside" 0 "" -- "$bin" build -q -f md -t "$tmp/given.md" -o out-given rf
check "the -t template is used" grep -q '^given' out-given/report.md

finish test_confine

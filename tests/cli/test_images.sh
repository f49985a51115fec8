#!/usr/bin/env bash
# Images a template names are confined as templates are (core/confine.h, pdf/image.h): a
# relative path without "..", found beside report.md (the output folder), in the report folder,
# in the folder of a template given with -t or in the data folder's templates, and no symlink
# out of the folder it was found in. Anything else is left out of report.pdf with one warning;
# its alt text stands in its place. A FIFO named as an image does not block the build.
. "$(dirname "$0")/lib.sh"
scratch images

good='{"format": "llmreport/1", "source": {"title": "T"}, "results": [
 {"model": "A", "benchmark": "MMLU", "metric": "acc", "shots": 5, "value": 70, "scale": "percent"}]}'
printf '%s\n' "$good" > good.json
mkdir -p report-folder given
# a PNG of 2x2 pixels, made here so that the test needs no binary fixture
python3 - <<'PY'
import struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + b"\xff\x00\x00" * 2 for _ in range(2))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
for name in ("secret.png", "report-folder/logo.png", "report-folder/shipped.png", "given/beside.png"):
    open(name, "wb").write(png)
PY
images() { pdfimages -list "$1" 2>/dev/null | tail -n +3 | wc -l; }
secret=$PWD/secret.png
mkdir -p out
cp secret.png out/kept.png

# a template given on the command line: trusted for its text, not for reading any file
cat > given/t.md <<EOF2
# {{title}}

![absolute]($secret)

![up](../secret.png)

![encoded up](%2e%2e/secret.png)

![kept](kept.png)

![beside](beside.png)
EOF2
refusal='images are read by relative paths without ".." inside the output folder, the report folder and the template'"'"'s folder'
expect "absolute and .. images left out" 0 "llmreport: warning: report.pdf: image \"$secret\" left out: $refusal
llmreport: warning: report.pdf: image \"../secret.png\" left out: $refusal
llmreport: warning: report.pdf: image \"%2e%2e/secret.png\" left out: $refusal" -- \
  "$bin" build -f pdf -t given/t.md -o out good.json
check "only the confined images embedded (kept.png, beside.png)" test "$(images out/report.pdf)" = 2
check "the alt text stands in" sh -c 'pdftotext out/report.pdf - | grep -q "^absolute$"'

# a report folder's config names a template that names images
mkdir -p report-folder/t
cat > report-folder/llmreport.json <<'EOF2'
{"format": "llmreport-config/1", "title": "Cloned", "template": "t/report.md"}
EOF2
cp good.json report-folder/
ln -s "$secret" report-folder/link.png
ln -s ../shipped.png report-folder/t/inside-link.png
mkfifo report-folder/pipe.png
cat > report-folder/t/report.md <<'EOF2'
# {{title}}

![logo](logo.png)

![inside](t/inside-link.png)

![link out](link.png)

![pipe](pipe.png)

![nowhere](nowhere.png)
EOF2
expect "report folder: links out and FIFOs left out" 0 "llmreport: warning: report.pdf: image \"link.png\" left out: it leads out of the output folder, the report folder and the template's folder
llmreport: warning: report.pdf: image \"pipe.png\" left out: not a regular file" -- \
  timeout 60 "$bin" build -f pdf -o out2 report-folder
check "report folder: logo and the link inside embedded" test "$(images out2/report.pdf)" = 2

# a symlink in the output folder that leads out of it
mkdir -p out3
ln -s "$secret" out3/planted.png
printf '# {{title}}\n\n![planted](planted.png)\n\n![charts up](charts/../planted.png)\n' > given/planted.md
expect "a link planted in the output folder" 0 "llmreport: warning: report.pdf: image \"planted.png\" left out: it leads out of the output folder, the report folder and the template's folder
llmreport: warning: report.pdf: image \"charts/../planted.png\" left out: $refusal" -- \
  "$bin" build -f pdf -t given/planted.md -o out3 good.json
check "nothing embedded from a planted link" test "$(images out3/report.pdf)" = 0

# the run's charts are still drawn (vector, from memory), and -q keeps the warnings quiet
expect "-q" 0 "" -- "$bin" build -q -f pdf -t given/t.md -o out4 good.json

finish test_images

#!/usr/bin/env bash
# The C sources follow .clang-format: any line clang-format would change fails the test, with
# the file and line. Skipped (77) when clang-format is not installed.
set -euo pipefail
cd "${LR_SOURCE_DIR:-$(dirname "$0")/../..}"
command -v clang-format >/dev/null || { echo "clang-format not installed"; exit 77; }
mapfile -t files < <(find include src tests bench -name '*.[ch]' -not -path 'tests/fuzz/corpus/*' \
  -not -path 'tests/fuzz/regressions/*' | LC_ALL=C sort)
[ "${#files[@]}" -gt 50 ] || { echo "expected the sources, found ${#files[@]} files"; exit 1; }
out=$(clang-format --dry-run "${files[@]}" 2>&1 || true)
if [ -n "$out" ]; then
  printf '%s\n' "$out" | grep 'warning:' | head -40
  echo "$(printf '%s\n' "$out" | grep -c 'warning:') lines differ from .clang-format (run clang-format -i)"
  exit 1
fi
echo "${#files[@]} files follow .clang-format"

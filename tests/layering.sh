#!/usr/bin/env bash
# The layering of src/: which folder may include which, and where the libraries' headers may
# appear. A source that includes a header of a folder its row does not name fails the test with
# the file, line and arrow, so that a new arrow between stages is a decision, not an accident.
#
# The stages, in the order of ../shared/DESIGN.md ("Pipeline", "Recommended shape"):
#   core -> ingest -> model -> view -> chart/canvas/pdf/template -> write -> report -> cli
# A stage includes its own folder and earlier stages, never a later one. Two readings of that
# order, both from DESIGN.md, make it an include order:
#  - ingest produces observations, and the observation, the store that holds them and the
#    registry that names them are the model's types ("src/model/: observations, registry"): an
#    adapter fills the model, so ingest includes model and model includes nothing of ingest.
#  - of the drawing stages, the chart layout draws on the canvas and the PDF writer draws charts
#    through it: canvas, then chart, then pdf; the template renderer stands alone.
# view may include the chart spec type (chart/chart.h) and nothing else of chart: the views
# make chart specs, the chart stage lays them out (issue 12: "view/ ... includes only core, model
# and the chart spec type").
#
# Run by ctest (LR_SOURCE_DIR set) or by hand: tests/layering.sh [SOURCE_ROOT]. Every run also
# plants a wrong include in a copy of the tree and checks that it is caught.
set -u
root=${1:-${LR_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}}

# the include order of the stages (earlier first)
order=(core model ingest view template canvas chart pdf write report cli)

# folder -> the other folders it may include (its own is always allowed); cli sees only the
# public header include/llmreport.h
declare -A allowed=(
  [core]=""
  [model]="core"
  [ingest]="core model"
  [view]="core model chart/chart.h"
  [template]="core"
  [canvas]="core"
  [chart]="core canvas"
  [pdf]="core canvas chart"
  [write]="core model view chart canvas pdf"
  [report]="core ingest model view template write"
  [cli]=""
)

# library headers -> the places (a folder/ or a file) that may include them; cairo and libharu
# only in their canvas and the PDF writer, cJSON trees only where they are made, read and
# rendered (DESIGN.md: "cJSON trees do not leave src/ingest and src/view"; the JSON parser in
# core makes them, the template renders them, the report hands the view's context to it)
libs=(
  "cairo|canvas/canvas_cairo.c canvas/png.c"
  "hpdf|canvas/canvas_hpdf.h canvas/canvas_hpdf.c pdf/"
  "cjson/|core/json.h core/json.c core/jparse.h core/jparse.c ingest/ view/ template/ report/"
  "cmark-gfm|pdf/"
  "ft2build|canvas/fonts.c"
)

rank() { # STAGE: its place in order, or -1
  local i
  for i in "${!order[@]}"; do [ "${order[$i]}" = "$1" ] && { echo "$i"; return; }; done
  echo -1
}

# check ROOT: prints each wrong arrow; exit status 0 when there is none
check() {
  local root=$1 bad=0 folder file line target lib places place ok
  # the table itself: every folder of src/ has a row, every arrow points at an earlier stage
  for folder in "$root"/src/*/; do
    folder=$(basename "$folder")
    [ -n "${allowed[$folder]+x}" ] || { echo "src/$folder/: a folder the layering table does not know"; bad=1; }
  done
  for folder in "${!allowed[@]}"; do
    for target in ${allowed[$folder]}; do
      # a single header may be granted against the order (view's chart/chart.h); a folder never
      if [ "${target#*/}" = "$target" ] && [ "$(rank "$target")" -ge "$(rank "$folder")" ]; then
        echo "table: $folder -> $target points at a later stage"
        bad=1
      fi
    done
  done
  # the sources
  while IFS=: read -r file line target; do
    folder=${file#"$root"/src/}
    folder=${folder%%/*}
    target=${target#*\"}
    target=${target%%\"*}
    case $target in
    */*) ;;
    *) continue ;; # the folder's own header, or llmreport.h
    esac
    [ "${target%%/*}" = "$folder" ] && continue
    ok=0
    for place in ${allowed[$folder]-}; do
      case $place in
      */*) [ "$target" = "$place" ] && ok=1 ;;
      *) [ "${target%%/*}" = "$place" ] && ok=1 ;;
      esac
    done
    if [ "$ok" = 0 ]; then
      echo "${file#"$root"/}:$line: $folder -> ${target%%/*} (#include \"$target\") is not in the layering table"
      bad=1
    fi
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$root/src" --include='*.[ch]')
  for lib in "${libs[@]}"; do
    places=${lib#*|}
    lib=${lib%%|*}
    while IFS=: read -r file line _; do
      file=${file#"$root"/src/}
      ok=0
      for place in $places; do
        case $place in
        */) [ "${file#"$place"}" != "$file" ] && ok=1 ;;
        *) [ "$file" = "$place" ] && ok=1 ;;
        esac
      done
      if [ "$ok" = 0 ]; then
        echo "src/$file:$line: <$lib...> only in: $places"
        bad=1
      fi
    done < <(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<$lib" "$root/src" --include='*.[ch]')
  done
  return "$bad"
}

[ -d "$root/src/core" ] || { echo "FAIL no src/core under $root"; exit 1; }
if ! check "$root"; then
  echo "FAIL the includes of src/ do not follow the layering table (tests/layering.sh)"
  exit 1
fi

# a planted wrong include of each kind must be caught
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plant() { # NAME FILE LINE
  rm -rf "$tmp/tree" && mkdir -p "$tmp/tree" && cp -R "$root/src" "$tmp/tree/" || exit 1
  printf '%s\n' "$3" >>"$tmp/tree/src/$2"
  if check "$tmp/tree" >"$tmp/out"; then
    echo "FAIL planted $1 ($2: $3) was not caught"
    exit 1
  fi
}
plant "a later stage" core/buf.c '#include "report/report.h"'
plant "a later stage from view" view/overview.c '#include "write/writer.h"'
plant "more of chart than its spec type" view/overview.c '#include "chart/axis.h"'
plant "an internal header in the tool" cli/main.c '#include "core/buf.h"'
plant "cairo outside the canvas" pdf/image.c '#include <cairo.h>'
plant "cJSON in a writer" write/svg.c '#include <cjson/cJSON.h>'
rm -rf "$tmp/tree" && mkdir -p "$tmp/tree" && cp -R "$root/src" "$tmp/tree/" && mkdir "$tmp/tree/src/extra"
if check "$tmp/tree" >"$tmp/out"; then
  echo "FAIL a folder without a row was not caught"
  exit 1
fi
echo "layering: src/ follows the table; planted wrong includes are caught"

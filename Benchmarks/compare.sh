#!/usr/bin/env bash
# compare.sh [CSV] -- check pioneer's outcome and P1..H4 words against the plain-Python
# baseline of shared/bench/peers (python_screen.py) on the same CSV, via peers/check.sh.
#
# Why: the baseline matched an independent evaluator of the spec on 10^6 generated rows, so
# agreement on a large generated file is a cheap, broad regression check of the Swift engine.
# CSV defaults to ${TMPDIR:-/tmp}/pioneer-bench/applicants-100000-s2.csv (generate.sh 100000 2,
# the peers' own default data), generated on first use. Exit 1 on any outcome mismatch.
# pioneer is asked for `screen CSV --format outcomes` (id,outcome,P1,...,H4 lines, no header);
# when that format is refused, the csv output is cut down to the same columns instead.
#
# Environment:
#   BUILD=0          do not run `swift build -c release --product pioneer` first
#   ONLY=pioneer     which tools check.sh runs (regex); ONLY='.*' adds all the peers (needs PY)
#   PY=python3       python for check.sh (the baseline needs no packages; the peers do)
#   SHARED=DIR       shared folder (default: ../../shared from this script)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$HERE/../../shared}
BENCH=${TMPDIR:-/tmp}/pioneer-bench
BIN=$ROOT/.build/release/pioneer
die() { echo "compare.sh: $*" >&2; exit 2; }

if [[ ${BUILD:-1} != 0 ]]; then
  (cd "$ROOT" && swift build -c release --product pioneer) >&2 || die "swift build failed"
fi
[[ -x $BIN ]] || die "pioneer binary missing: $BIN (build it: cd $ROOT && swift build -c release --product pioneer)"

if [[ $# -ge 1 ]]; then
  CSV=$(realpath "$1")
else
  mkdir -p "$BENCH"
  CSV=$BENCH/applicants-100000-s2.csv
  [[ -s $CSV ]] || { SHARED=$SHARED "$HERE/generate.sh" 100000 2 > "$CSV.part" && mv "$CSV.part" "$CSV"; }
fi
[[ -r $CSV ]] || die "no such CSV: $CSV"

# Which output form does this build offer? Probe on the first 5 rows.
PROBE=$(mktemp)
trap 'rm -f "$PROBE" "$PROBE.csv"' EXIT
head -n 6 "$CSV" > "$PROBE.csv"
if "$BIN" screen "$PROBE.csv" --format outcomes > "$PROBE" 2>/dev/null && [[ $(wc -l < "$PROBE") == 5 ]]; then
  CMD="$BIN screen {} --format outcomes"
else
  echo "compare.sh: '--format outcomes' not available; cutting columns from --format csv" >&2
  # header (with the BOM) dropped; id,outcome,P1..H4 are columns 1,3-11; CRLF -> LF
  CMD="$BIN screen {} --format csv --lang en | tail -n +2 | cut -d, -f1,3-11 | tr -d '\\r'"
fi

EXTRA="pioneer|$CMD" ONLY=${ONLY:-pioneer} exec bash "$SHARED/bench/peers/check.sh" "$CSV"

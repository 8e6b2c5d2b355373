#!/usr/bin/env bash
# run.sh -- build pioneer (release) and time it on 10^4..10^7 generated applicants, then put it
# in one table with the peer rule engines of shared/bench/peers on the same 10^6-row file.
#
# Why: throughput and memory of `pioneer screen` must be known at the sizes real batches and
# stress runs reach, and comparable with off-the-shelf engines (ZEN, CEL, rule-engine, python).
# Each measurement is RUNS runs under /usr/bin/time -v; the table shows the median of each
# column (wall, user, sys, peak RSS) separately. Wall comes from date(1) around the process
# (time -v's elapsed has 10 ms resolution). Output goes to a scratch file, never /dev/null:
# a writer that renames a temp file onto its --output must not be pointed at /dev/null as root.
# Data files are cached under ${TMPDIR:-/tmp}/pioneer-bench/ (applicants-N-s1.csv, seed 1;
# the 10^6 file is byte-identical to the peers' default applicants-1m.csv).
#
# Environment:
#   SIZES="10000 100000 1000000 10000000"  row counts to time `screen` on
#   RUNS=3         runs per measurement (median reported)
#   PEERS=1        0 skips shared/bench/peers/run.sh (PY=... or the setup-peers.sh venv)
#   EXPLAIN=1      0 skips timing `pioneer explain FILE1M --id R0500000`
#   BUILD=1        0 skips `swift build` and uses the existing .build/release/pioneer
#   SHARED=DIR     shared folder (default: ../../shared from this script)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$HERE/../../shared}
BENCH=${TMPDIR:-/tmp}/pioneer-bench
SIZES=${SIZES:-10000 100000 1000000 10000000}
RUNS=${RUNS:-3}
BIN=$ROOT/.build/release/pioneer
die() { echo "run.sh: $*" >&2; exit 2; }

[[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time: apt-get install -y time"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
if [[ ${BUILD:-1} != 0 ]]; then
  echo "== swift build -c release --product pioneer (in $ROOT)" >&2
  (cd "$ROOT" && swift build -c release --product pioneer) >&2 || die "swift build failed"
fi
[[ -x $BIN ]] || die "pioneer binary missing: $BIN (build it: cd $ROOT && swift build -c release --product pioneer)"
load=$(cut -d' ' -f1 /proc/loadavg)
awk -v l="$load" 'BEGIN {exit !(l > 0.5)}' &&
  echo "run.sh: warning: load average $load before starting; timings will be noisy (see README)" >&2
mkdir -p "$BENCH"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dataset() {  # dataset N -> path of the cached N-row file (generated on first use)
  local f=$BENCH/applicants-$1-s1.csv
  if [[ ! -s $f ]]; then
    echo "== generating $1 rows -> $f" >&2
    SHARED=$SHARED "$HERE/generate.sh" "$1" 1 > "$f.part" || { rm -f "$f.part"; die "generate.sh $1 1 failed"; }
    mv "$f.part" "$f"
  fi
  echo "$f"
}

# Smoke test on 20 rows: fail with the tool's own message before any long run.
head -n 21 "$(dataset 10000)" > "$WORK/probe.csv"
"$BIN" screen "$WORK/probe.csv" --format csv --lang en --output "$WORK/probe.out" 2> "$WORK/probe.err" \
  || { cat "$WORK/probe.err" >&2; die "'pioneer screen FILE --format csv --lang en --output PATH' failed"; }
[[ -e $WORK/probe.out ]] || die "'pioneer screen FILE --format csv --lang en --output PATH' exited 0 but wrote no PATH"
# The CSV ends with a blank line and '#audit' rows (rule set and input SHA-256, counts).
data_lines() { grep -cv -e '^#audit' -e $'^\r*$' "$1"; }
[[ $(data_lines "$WORK/probe.out") == 21 ]] || die "probe: expected a header + 20 rows, got $(data_lines "$WORK/probe.out") lines"

RESULTS=$WORK/results.tsv
: > "$RESULTS"
# measure LABEL ROWS EXPECTED_LINES CMD... : RUNS timed runs, one median row in $RESULTS.
# EXPECTED_LINES is checked on $WORK/out when CMD wrote it (--output), else on CMD's stdout; - skips it.
measure() {
  local label=$1 rows=$2 expect=$3 i t0 t1 status note=""
  shift 3
  echo "== $label: $*" >&2
  : > "$WORK/runs.tsv"
  for (( i = 1; i <= RUNS; i++ )); do
    rm -f "$WORK/out" "$WORK/stdout"
    status=0
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/stdout" 2> "$WORK/err" || status=$?
    t1=$(date +%s.%N)
    [[ -e $WORK/out ]] || mv "$WORK/stdout" "$WORK/out"
    (( status == 0 )) || { note="exit $status"; tail -n 3 "$WORK/err" | sed 's/^/   /' >&2; }
    if [[ $expect != - && -z $note && $(data_lines "$WORK/out") != "$expect" ]]; then
      note="output has $(data_lines "$WORK/out") data lines, expected $expect"
    fi
    awk -v a="$t0" -v b="$t1" -F': ' '
      /User time/ {u = $2} /System time/ {s = $2} /Maximum resident/ {m = $2}
      END {printf "%.3f\t%s\t%s\t%s\n", b - a, u, s, m}' "$WORK/time.txt" >> "$WORK/runs.tsv"
  done
  # per-column medians (lower middle for even RUNS)
  local med=() c
  for c in 1 2 3 4; do med+=("$(cut -f"$c" "$WORK/runs.tsv" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")"); done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$rows" "${med[@]}" "$note" >> "$RESULTS"
}

for n in $SIZES; do
  f=$(dataset "$n")
  measure "screen csv" "$n" $((n + 1)) "$BIN" screen "$f" --format csv --lang en --output "$WORK/out"
done
FILE1M=$(dataset 1000000)
if [[ ${EXPLAIN:-1} != 0 ]]; then
  measure "explain R0500000 (1e6 file)" 1000000 - "$BIN" explain "$FILE1M" --id R0500000
fi
if [[ -r $ROOT/Samples/applicants.csv ]]; then
  rows=$(( $(wc -l < "$ROOT/Samples/applicants.csv") - 1 ))
  measure "screen Samples/applicants.csv" "$rows" - "$BIN" screen "$ROOT/Samples/applicants.csv" \
    --format csv --lang en --output "$WORK/out"
else
  echo "== (no $ROOT/Samples/applicants.csv: small-file start-up run skipped)" >&2
fi

echo
echo "pioneer $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) cores," \
  "$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(date -u +%F); median of $RUNS runs;" \
  "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' '
  BEGIN { printf "%-30s %9s %8s %8s %7s %11s %12s\n", "what", "rows", "wall s", "user s", "sys s", "peak RSS MB", "rows/s" }
  {
    rate = ($3 > 0 && $1 ~ /^screen csv/) ? sprintf("%12.0f", $2 / $3) : sprintf("%12s", "-")
    printf "%-30s %9d %8.3f %8.2f %7.2f %11.1f %s%s\n", $1, $2, $3, $4, $5, $6 / 1024, rate, ($7 == "" ? "" : "   !! " $7)
    if ($1 == "screen csv") wall[$2] = $3
  }
  END {
    if (wall[1000000] > 0 && wall[10000000] > 0)
      printf "wall(10^7) / wall(10^6) = %.2f (10.00 = linear)\n", wall[10000000] / wall[1000000]
  }' "$RESULTS"

[[ ${PEERS:-1} == 0 ]] && exit 0
PY=${PY:-$BENCH/venv/bin/python}
[[ -x $PY ]] || die "no peer python at $PY: run $HERE/setup-peers.sh and export the PY it prints (or PEERS=0)"
export PY
echo
echo "== peers: $SHARED/bench/peers/run.sh $FILE1M (pioneer added as EXTRA)" >&2
EXTRA="pioneer|$BIN screen {} --format csv --lang en" \
  bash "$SHARED/bench/peers/run.sh" "$FILE1M" | tee "$WORK/peers.txt"
grep -q '^pioneer .*stdout has 1000001 lines' "$WORK/peers.txt" &&
  echo "(pioneer's csv has a header row: its '1000001 lines, expected 1000000' note is expected)"
echo
# The peer table pads names to 24 columns; column 3 of the rest is wall s.
awk '
  NR == 1 || /^\*/ { next }
  { name = substr($0, 1, 24); sub(/ +$/, "", name); split(substr($0, 25), f, " "); wall[NR] = f[2]; names[NR] = name
    if (name == "pioneer") p = f[2] }
  END {
    if (p <= 0) { print "no pioneer row in the peer table"; exit 1 }
    printf "%-24s %10s\n", "tool", "wall / pioneer"
    for (i = 2; i <= NR; i++) if (i in names) printf "%-24s %10.2f\n", names[i], wall[i] / p
  }' "$WORK/peers.txt"

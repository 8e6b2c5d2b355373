#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a while; fails on any finding.
#
#   Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 20 s; intake cells rules)
#
# Needs only the Swift toolchain (swiftc with -sanitize=fuzzer, i.e. Linux; clang's
# libFuzzer ships with it) and coreutils/awk. The package's sources are compiled straight
# with swiftc, release mode with checks (-O), instrumented for libFuzzer and, when the
# toolchain can, AddressSanitizer; the root Package.swift is not involved.
#
# Targets:  intake  bytes → encoding detection → CSV → ApplicantReader(r3) → evaluation
#           cells   one cell's text → every CellParser of the r3 schema
#           rules   rule-file text → RuleSet.load → evaluation of an all-missing record
#
# One fuzzing process at a time (-jobs/-workers unset), niced. Output per target goes to
# Fuzz/.build/SANITIZERS/logs/TARGET.log; new inputs accumulate in Fuzz/corpus-TARGET/ (ignored by
# git, kept between runs); a finding is written to Fuzz/crash-TARGET/ and its path printed.
# Replay one:  Fuzz/.build/fuzzer-address/fuzz-TARGET Fuzz/crash-TARGET/crash-…
#
# Environment: FUZZ_SANITIZERS (default "fuzzer,address"; "fuzzer" to skip ASan),
#              FUZZ_ARGS (extra libFuzzer flags, e.g. "-runs=10000000").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=20
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
all_targets=(intake cells rules)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  case $target in
  intake | cells | rules) ;;
  *)
    echo "fuzz.sh: unknown target '$target' (known: ${all_targets[*]})" >&2
    exit 2
    ;;
  esac
done

swiftc=${SWIFTC:-swiftc}
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}

# --- build -------------------------------------------------------------------------------
# A probe first: fall back to the fuzzer alone when this toolchain cannot link ASan.
probe_ok() {
  local dir=Fuzz/.build/probe
  mkdir -p "$dir"
  printf '@_cdecl("LLVMFuzzerTestOneInput")\npublic func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }\n' \
    >"$dir/probe.swift"
  "$swiftc" -parse-as-library -sanitize="$1" "$dir/probe.swift" -o "$dir/probe" \
    >"$dir/probe.log" 2>&1
}
if ! probe_ok "$sanitizers"; then
  if [[ $sanitizers != fuzzer ]] && probe_ok fuzzer; then
    echo "fuzz.sh: -sanitize=$sanitizers does not link here; building with -sanitize=fuzzer" >&2
    sanitizers=fuzzer
  else
    echo "fuzz.sh: this swiftc cannot build libFuzzer targets (-sanitize=fuzzer):" >&2
    cat Fuzz/.build/probe/probe.log >&2
    exit 2
  fi
fi

build=Fuzz/.build/$(echo "$sanitizers" | tr ',' '-')
mkdir -p "$build/logs"
flags=(-O -swift-version 6 -sanitize="$sanitizers" -parse-as-library -I "$build")
stamp=$build/stamp

# Rebuilds when any source or this script is newer than the last build.
needs_build() {
  [[ ! -f $stamp ]] && return 0
  [[ -n $(find Sources/PioneerRules Sources/PioneerRecords Fuzz/Targets Scripts/fuzz.sh \
    -newer "$stamp" -print -quit) ]]
}

module() { # NAME: compiles Sources/NAME into one object and its module interface
  local name=$1
  local sources
  mapfile -t sources < <(find "Sources/$name" -name '*.swift' | sort)
  "$swiftc" "${flags[@]}" -module-name "$name" -wmo -emit-module \
    -emit-module-path "$build/$name.swiftmodule" -c -o "$build/$name.o" "${sources[@]}"
}

if needs_build; then
  echo "== building fuzzers (swiftc -O -sanitize=$sanitizers)"
  rm -f "$stamp"
  module PioneerRules
  module PioneerRecords
  for target in "${all_targets[@]}"; do
    case $target in
    intake) files=(Fuzz/Targets/IntakeFuzzer.swift Fuzz/Targets/FuzzSupport.swift) ;;
    cells) files=(Fuzz/Targets/CellsFuzzer.swift Fuzz/Targets/FuzzSupport.swift) ;;
    rules) files=(Fuzz/Targets/RulesFuzzer.swift) ;;
    esac
    "$swiftc" "${flags[@]}" -module-name "Fuzz_$target" "${files[@]}" \
      "$build/PioneerRules.o" "$build/PioneerRecords.o" -o "$build/fuzz-$target" \
      2> >(grep -v "ld.gold: warning: Cannot export local symbol" >&2)
  done
  touch "$stamp"
fi

# --- seed corpora ------------------------------------------------------------------------
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds/intake" "$seeds/cells" "$seeds/rules"

# intake: each sample split into files of its header and three data rows.
for sample in Samples/*.csv; do
  base=$(basename "$sample" .csv)
  awk -v out="$seeds/intake/$base" 'NR == 1 { header = $0; next }
    { n = int((NR - 2) / 3); file = out "-" n ".csv"
      if (!(file in seen)) { seen[file] = 1; print header > file }
      print > file }' "$sample"
  head -n 1 "$sample" >"$seeds/intake/$base-header-only.csv"
done
printf '' >"$seeds/intake/empty.csv"
printf '\xef\xbb\xbf' >"$seeds/intake/bom-only.csv"
# UTF-16 with a byte-order mark, when iconv is at hand (it is part of glibc).
if command -v iconv >/dev/null; then
  for order in LE BE; do
    mark=$([[ $order == LE ]] && printf '\\xff\\xfe' || printf '\\xfe\\xff')
    { printf "$mark"; iconv -f UTF-8 -t "UTF-16$order" "$seeds/intake/applicants-0.csv"; } \
      >"$seeds/intake/applicants-utf16$order.csv" || true
  done
fi

# cells: every distinct cell of the UTF-8 sample, and the spec's examples.
awk -F, 'NR > 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); if ($i != "") print $i } }' \
  Samples/applicants.csv | sort -u | awk -v out="$seeds/cells/sample" '{ print > (out "-" NR) }'
n=0
for cell in '１，２３４' '1,234' '12人' '3名' '3.95' '4.00日' '3億円' '5,000万円' '1億2000万' \
  '1億2000万5000円' '2021-09-01' '2021/9/1' '2021.9.1' '2021年9月1日' '令和3年9月1日' \
  '令和元年5月1日' 'R3.9.1' 'R03/09/01' 'H31.4.30' '平成31年4月30日' 'S64.1.7' 'なし' '無' \
  'none' 'あり' 'はい' '○' '×' 'TRUE' 'n' '0' 'A' '09' '9' '791' '特定非営利活動法人' \
  'NPO法人' '就業規則' '個別規定' '　２５　'; do
  n=$((n + 1))
  printf '%s' "$cell" >"$seeds/cells/spec-$n"
done

# rules: the r3 rule set, every rules fixture, and the minimal rule set plus each single
# top-level declaration of r3 (small inputs that still reach the checker).
cp Rules/r3.rules "$seeds/rules/r3.rules"
for fixture in Tests/PioneerRulesTests/Fixtures/*/*.rules; do
  cp "$fixture" "$seeds/rules/$(basename "$(dirname "$fixture")")-$(basename "$fixture")"
done
minimal=Tests/PioneerRulesTests/Fixtures/valid/minimal.rules
awk -v out="$seeds/rules/r3-part" '/^[a-z]/ { n++ } n > 0 { print > (out "-" n) }' Rules/r3.rules
for part in "$seeds/rules"/r3-part-*; do
  cat "$minimal" "$part" >"$part.rules" && rm "$part"
done

# --- run ---------------------------------------------------------------------------------
max_len() {
  case $1 in
  intake) echo 2048 ;;
  cells) echo 128 ;;
  rules) echo 4096 ;;
  esac
}

failed=0
for target in "${targets[@]}"; do
  corpus=Fuzz/corpus-$target
  crashes=Fuzz/crash-$target
  log=$build/logs/$target.log
  mkdir -p "$corpus" "$crashes"
  echo "== fuzz $target for ${seconds}s (log: $log)"
  status=0
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
  SWIFT_BACKTRACE=enable=no \
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1:handle_sigill=1} \
    PIONEER_FUZZ_RULES=$root/Rules/r3.rules \
    nice -n 10 "$build/fuzz-$target" "$corpus" "$seeds/$target" \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" \
    -dict="Fuzz/Dictionaries/$target.dict" -artifact_prefix="$crashes/" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${FUZZ_ARGS:-} \
    >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done )' "$log" |
    sed "s/^/  $target: /" || true
  if [[ $status -ne 0 ]]; then
    failed=1
    echo "FAIL: fuzz $target exited with status $status" >&2
    grep -E 'SUMMARY|Fatal error|ERROR: libFuzzer' "$log" | head -n 5 | sed 's/^/  /' >&2 || true
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "  input: ${artifact:-(none written; see $log)}" >&2
    [[ -n $artifact ]] && echo "  replay: $build/fuzz-$target $artifact" >&2
  fi
done
exit $failed

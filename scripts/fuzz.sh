#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for a bounded time and fails when any of them
# crashed, leaked, timed out, ran out of memory or hit an ASan/UBSan report.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET (default 30)] [BUILD_DIR (default build-asan)]
#
# BUILD_DIR must already hold the targets, built with clang and -DMIGCONSOLE_FUZZ=ON
# (normally also -DMIGCONSOLE_SANITIZE=ON); this script neither configures nor builds.
# Each target starts from a temporary copy of tests/fuzz/corpus/<target>/ and
# tests/fuzz/regressions/<target>/, so the committed corpus never grows. Failing inputs are
# kept in $FUZZ_ARTIFACT_DIR/<target>/ (default BUILD_DIR/fuzz-artifacts).
#
# Environment: FUZZ_TARGETS (space-separated subset, e.g. "sql_ddl schema_json"),
# FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_RSS_MB (default 2048),
# FUZZ_MAX_LEN (bytes per input, default 16384), FUZZ_ARTIFACT_DIR.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
build_dir=${2:-build-asan}
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac
targets=${FUZZ_TARGETS:-"alembic_script sql_ddl connection_url alembic_ini schema_json"}
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
max_len=${FUZZ_MAX_LEN:-16384}
artifacts=${FUZZ_ARTIFACT_DIR:-$build_dir/fuzz-artifacts}

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "fuzz.sh: SECONDS_PER_TARGET must be a positive number, got '$seconds'" >&2
  exit 2
fi

# halt_on_error / abort: the first report ends the run and libFuzzer saves the input.
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
if [ -f "$root/scripts/lsan-suppressions.txt" ]; then
  export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The last "key: value" of libFuzzer's status lines ("#1234 REDUCE cov: 812 ft: 2301 ...").
status_field() { grep -oE "$1: [0-9]+" "$2" | tail -1 | awk '{print $2}'; }
final_stat() { grep -E "^stat::$1:" "$2" | tail -1 | awk '{print $2}'; }

failed=()
printf '%-16s %10s %7s %7s %8s %8s %9s  %s\n' target runs seconds cov features corpus new_units result
for name in $targets; do
  binary="$build_dir/tests/fuzz/fuzz_$name"
  if [ ! -x "$binary" ]; then
    echo "fuzz.sh: $binary is missing; build it first (clang, -DMIGCONSOLE_FUZZ=ON)" >&2
    failed+=("$name (not built)")
    continue
  fi
  corpus="$work/$name/corpus"
  mkdir -p "$corpus" "$artifacts/$name"
  for seeds in "$root/tests/fuzz/corpus/$name" "$root/tests/fuzz/regressions/$name"; do
    [ -d "$seeds" ] && find "$seeds" -maxdepth 1 -type f -exec cp {} "$corpus/" \;
  done
  seeded=$(find "$corpus" -type f | wc -l)
  log="$artifacts/$name/fuzz.log"
  touch "$work/$name/started" # artifacts newer than this are this run's
  start=$(date +%s)
  "$binary" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$artifacts/$name/" \
    "$corpus" >"$log" 2>&1
  code=$?
  elapsed=$(( $(date +%s) - start ))
  # Any artifact but a slow unit is a failure, even if libFuzzer's exit code says otherwise.
  found=$(find "$artifacts/$name" -maxdepth 1 -type f \
            \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
            -newer "$work/$name/started" | sort)
  runs=$(final_stat number_of_executed_units "$log")
  new_units=$(( $(find "$corpus" -type f | wc -l) - seeded ))
  result=ok
  if [ "$code" -ne 0 ] || [ -n "$found" ]; then
    result="FAILED (exit $code)"
    failed+=("$name")
  fi
  printf '%-16s %10s %7s %7s %8s %8s %9s  %s\n' "$name" "${runs:-?}" "$elapsed" \
    "$(status_field cov "$log")" "$(status_field ft "$log")" "$(status_field corp "$log")" \
    "$new_units" "$result"
  if [ "$result" != ok ]; then
    echo "---- $name: last lines of $log" >&2
    grep -E "ERROR|WARNING: .*Sanitizer|runtime error|invariant failed|SUMMARY|Test unit written" \
      "$log" | head -20 >&2
    for input in $found; do
      echo "  failing input: $input" >&2
      echo "    reproduce:  $binary $input" >&2
      echo "    keep it:    cp $input $root/tests/fuzz/regressions/$name/<what-it-triggers>" >&2
    done
    [ -n "$found" ] || echo "  no input saved; see $log" >&2
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz.sh: failed: ${failed[*]} (artifacts and logs in $artifacts)" >&2
  exit 1
fi
echo "fuzz.sh: all targets ran ${seconds}s each without a finding"

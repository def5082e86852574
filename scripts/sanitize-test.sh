#!/usr/bin/env bash
# The hardening run (issue 8): builds everything with clang, AddressSanitizer +
# UndefinedBehaviorSanitizer and libFuzzer's coverage instrumentation in SAN_BUILD_DIR
# (default: build-asan), runs the whole Qt Test suite in that build, then every fuzz target
# for FUZZ_SECONDS each (default 30; 0 skips fuzzing). Any sanitizer report fails the test
# that produced it: ASan aborts on its first error, UBSan is built not to recover, and
# LeakSanitizer fails the process at exit.
#
# Expects what scripts/test.sh sets up: MIGCONSOLE_TEST_PG_URL (a running throwaway server)
# and a private HOME. Extra arguments go to ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

build_dir=${SAN_BUILD_DIR:-build-asan}
jobs=${JOBS:-2}
fuzz_seconds=${FUZZ_SECONDS:-30}

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
# Not -Werror here: the warning gate is the gcc build's; clang only adds its own opinions.
# -O1 with line tables only: reports still name file:line, and the build (twice the gcc one's
# work under instrumentation) stays within the test command's time on two cores.
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DMIGCONSOLE_SANITIZE=ON -DMIGCONSOLE_FUZZ=ON >/dev/null
cmake --build "$build_dir" -j "$jobs"

# Reports go to stderr, which ctest shows for a failing test. Leaks in Qt's and the system's
# own libraries (plugins loaded once per process, fontconfig caches) are suppressed by name in
# lsan-suppressions.txt; never our code.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen

status=0
(cd "$build_dir" && ctest --output-on-failure -j "$jobs" "$@") || status=$?
[ "$status" -eq 0 ] || echo "sanitize-test: ctest in $build_dir failed (exit $status)" >&2

fuzz_status=0
if [ "$fuzz_seconds" != 0 ]; then
  bash "$root/scripts/fuzz.sh" "$fuzz_seconds" "$build_dir" || fuzz_status=$?
  [ "$fuzz_status" -eq 0 ] || echo "sanitize-test: fuzzing failed (exit $fuzz_status)" >&2
fi
[ "$status" -ne 0 ] && exit "$status"
exit "$fuzz_status"

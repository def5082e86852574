#!/usr/bin/env bash
# The test command (README): installs what is missing, builds, starts a throwaway
# PostgreSQL server, runs every test against it and SQLite, and stops the server again —
# also when tests fail. Then builds the .deb, installs it on this machine and runs the
# installed program (scripts/package-test.sh; SKIP_PACKAGE_TEST=1 skips it), and last the
# whole suite again under ASan + UBSan with a brief run of every fuzz target
# (scripts/sanitize-test.sh; SKIP_SANITIZE=1 skips it). Fails when any part fails (with
# ctest's status when it failed); every part runs either way.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/build.sh

cluster=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-pg.XXXXXX")
chmod 755 "$cluster" # the server runs as an unprivileged user and must reach its folder
# Tests write demo databases and settings below a private HOME, not the user's.
test_home=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-home.XXXXXX")
cleanup() {
  bash "$root/scripts/pg-test-cluster.sh" stop "$cluster" || echo "test: could not stop the server in $cluster" >&2
  rm -rf "$test_home"
}
trap cleanup EXIT

MIGCONSOLE_TEST_PG_URL=$(bash scripts/pg-test-cluster.sh start "$cluster")
export MIGCONSOLE_TEST_PG_URL
echo "test: throwaway PostgreSQL on 127.0.0.1:$(cat "$cluster/port") (data in $cluster)"

# The compiler cache stays the user's, so the sanitizer build below reuses it.
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export HOME="$test_home" XDG_DATA_HOME="$test_home/.local/share" XDG_CONFIG_HOME="$test_home/.config"
export QT_QPA_PLATFORM=offscreen

cd "$root/${BUILD_DIR:-build}"
ctest_status=0
ctest --output-on-failure -j "${JOBS:-2}" "$@" || ctest_status=$?

package_status=0
if [ "${SKIP_PACKAGE_TEST:-0}" != 1 ]; then
  bash "$root/scripts/package-test.sh" || package_status=$?
fi

# The same suite again in a clang ASan + UBSan build, then each fuzz target briefly
# (scripts/sanitize-test.sh), against the same server. SKIP_SANITIZE=1 skips it.
sanitize_status=0
if [ "${SKIP_SANITIZE:-0}" != 1 ]; then
  bash "$root/scripts/sanitize-test.sh" "$@" || sanitize_status=$?
fi
[ "$ctest_status" -eq 0 ] || echo "test: ctest failed (exit $ctest_status)" >&2
[ "$package_status" -eq 0 ] || echo "test: package test failed (exit $package_status)" >&2
[ "$sanitize_status" -eq 0 ] || echo "test: sanitizer build or fuzzing failed (exit $sanitize_status)" >&2
# ctest's own status first, so a test failure still exits 8 as before.
[ "$ctest_status" -ne 0 ] && exit "$ctest_status"
[ "$package_status" -ne 0 ] && exit "$package_status"
exit "$sanitize_status"

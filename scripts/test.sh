#!/usr/bin/env bash
# The test command (README): installs what is missing, builds, starts a throwaway
# PostgreSQL server, runs every test against it and SQLite, and stops the server again —
# also when tests fail. Exit status is ctest's.
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

export HOME="$test_home" XDG_DATA_HOME="$test_home/.local/share" XDG_CONFIG_HOME="$test_home/.config"
export QT_QPA_PLATFORM=offscreen

cd "$root/${BUILD_DIR:-build}"
ctest --output-on-failure -j "${JOBS:-2}" "$@"

#!/usr/bin/env bash
# The test command (README): installs what is missing, builds, starts a throwaway
# PostgreSQL server, runs every test against it and SQLite, and stops the server again —
# also when tests fail. Exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh

cluster=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-pg.XXXXXX")
chmod 755 "$cluster" # the server runs as an unprivileged user and must reach its folder
trap 'bash scripts/pg-test-cluster.sh stop "$cluster"' EXIT
MIGCONSOLE_TEST_PG_URL=$(bash scripts/pg-test-cluster.sh start "$cluster")
export MIGCONSOLE_TEST_PG_URL
echo "test: throwaway PostgreSQL on port $(cat "$cluster/port") (data in $cluster)"

# Tests write demo databases and settings below a private HOME, not the user's.
test_home=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-home.XXXXXX")
trap 'bash scripts/pg-test-cluster.sh stop "$cluster"; rm -rf "$test_home"' EXIT
export HOME="$test_home" XDG_DATA_HOME="$test_home/.local/share" XDG_CONFIG_HOME="$test_home/.config"
export QT_QPA_PLATFORM=offscreen

cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j "${JOBS:-2}" "$@"

#!/usr/bin/env bash
# Installs what is missing, builds, and opens the console on the bundled demo database.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display; run it under a desktop session or as: xvfb-run -a $0" >&2
  exit 1
fi
exec "${BUILD_DIR:-build}/app/migconsole" --demo

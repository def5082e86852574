#!/usr/bin/env bash
# Renders `migconsole check --format html` on the bundled demo with headless Chromium, so a
# person can look at the report as a browser shows it (and the Markdown beside it).
#
#   scripts/render-report.sh [OUT_DIR]        (default OUT_DIR: /tmp/shots)
#   BUILD_DIR=build-reports scripts/render-report.sh
#
# Writes OUT_DIR/report.html, OUT_DIR/report.md and OUT_DIR/report-chromium.png and prints
# the PNG's path. Installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build}"
out_dir="${1:-/tmp/shots}"
binary="$build_dir/app/migconsole"
if [ ! -x "$binary" ]; then
  echo "render-report: no $binary; build first (scripts/build.sh, or set BUILD_DIR)" >&2
  exit 2
fi

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium fonts-dejavu-core
  browser="$(command -v chromium)"
fi

mkdir -p "$out_dir"
demo_dir="$(mktemp -d)"
trap 'rm -rf "$demo_dir"' EXIT
# `demo DIR` prints the database URL, then the migrations folder.
mapfile -t demo < <("$binary" demo "$demo_dir")
db_url="${demo[0]}"
migrations="${demo[1]}"

# The demo has drift on purpose: check exits 1 there, which is the report we want.
check() {
  local status=0
  "$binary" check --db "$db_url" --migrations "$migrations" --format "$1" >"$2" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "render-report: check --format $1 failed with exit code $status" >&2
    exit "$status"
  fi
}
check html "$out_dir/report.html"
check markdown "$out_dir/report.md"

png="$out_dir/report-chromium.png"
rm -f "$png"
# Debian 12's chromium takes --headless (the new mode); a fresh profile dir keeps it from
# touching the user's own, and no first-run or crash dialogs get in the way.
profile_dir="$demo_dir/chromium-profile"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$profile_dir" --window-size=1280,2400 \
  --screenshot="$png" "file://$out_dir/report.html" >/dev/null 2>&1 || true
if [ ! -s "$png" ]; then
  "$browser" --headless=old --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile_dir" --window-size=1280,2400 \
    --screenshot="$png" "file://$out_dir/report.html" >/dev/null 2>&1 || true
fi
if [ ! -s "$png" ]; then
  echo "render-report: chromium wrote no screenshot" >&2
  exit 3
fi
echo "$png"

#!/usr/bin/env bash
# Installs the Debian 12 packages Migration Console needs to build, run and test.
# Idempotent: packages already present are skipped, so a second run costs a dpkg query.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6sql6-psql libqt6sql6-sqlite libqt6svg6
  libqscintilla2-qt6-dev libspdlog-dev libfmt-dev
  postgresql postgresql-client sqlite3
  xvfb xauth x11-apps
  python3 python3-alembic python3-psycopg2
  qtkeychain-qt6-dev
  # the installer: PNG icons from the SVG, metainfo/desktop checks, dpkg-shlibdeps for CPack
  librsvg2-bin appstream desktop-file-utils dpkg-dev
  # hardening (scripts/sanitize-test.sh): clang with ASan/UBSan/libFuzzer runtimes; openssl
  # makes the TLS test's throwaway certificates
  clang libclang-rt-14-dev openssl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# The installer as a user gets it: builds the `package` target in BUILD_DIR (default: build;
# configured by scripts/build.sh), installs the .deb with apt-get — which pulls in its
# declared dependencies — and runs the INSTALLED /usr/bin/migconsole on the demo. Also
# unpacks the .tar.gz and runs its binary. Installs the package on this machine, on purpose.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build_dir=$(cd "${BUILD_DIR:-build}" && pwd)

fail() { echo "package-test: FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build_dir/CMakeCache.txt (configure first)"

# Old packages would make the globs below ambiguous.
rm -f "$build_dir"/migconsole_*.deb "$build_dir"/migconsole-*.tar.gz
cmake --build "$build_dir" -j "${JOBS:-2}" --target package >"$build_dir/package-test.log" 2>&1 ||
  { tail -n 30 "$build_dir/package-test.log" >&2; fail "cmake --build --target package (log: $build_dir/package-test.log)"; }
debs=("$build_dir"/migconsole_"$version"_*.deb)
tgzs=("$build_dir"/migconsole-"$version"-*.tar.gz)
[ -f "${debs[0]}" ] || fail "no migconsole_${version}_*.deb in $build_dir"
[ -f "${tgzs[0]}" ] || fail "no migconsole-${version}-*.tar.gz in $build_dir"
deb=${debs[0]} tgz=${tgzs[0]}
echo "package-test: built $(basename "$deb") and $(basename "$tgz")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# --reinstall: an already installed migconsole of the same version is replaced by this build.
apt_install() { $SUDO apt-get install -y -qq --reinstall --no-install-recommends "$deb"; }
# A dependency missing from stale package lists: refresh them once and retry.
{ apt_install || { $SUDO apt-get update -qq && apt_install; }; } >"$build_dir/package-test-apt.log" 2>&1 ||
  { tail -n 30 "$build_dir/package-test-apt.log" >&2; fail "apt-get install $deb"; }
installed=$(dpkg-query -W -f='${Version}' migconsole)
[ "$installed" = "$version" ] || fail "dpkg reports migconsole $installed installed, expected $version"

bin=/usr/bin/migconsole
[ -x "$bin" ] || fail "$bin is not installed"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/migconsole-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The installed program must run headless, as in CI and over ssh.
unset DISPLAY WAYLAND_DISPLAY

"$bin" --version >"$tmp/version" || fail "$bin --version exited $?"
[ "$(head -n 1 "$tmp/version")" = "migconsole $version" ] ||
  fail "$bin --version says '$(head -n 1 "$tmp/version")', expected 'migconsole $version'"
grep -q '^Qt 6\.' "$tmp/version" || fail "$bin --version has no Qt line"

"$bin" demo "$tmp/demo" >"$tmp/demo.out" || fail "$bin demo exited $?"
url=$(head -n 1 "$tmp/demo.out")
[[ $url == sqlite:///* ]] || fail "$bin demo printed '$url', expected a sqlite:/// URL"
# The SQLite driver is a run-time plugin from a declared dependency: this proves it is there.
"$bin" schema --db "$url" >"$tmp/schema.out" || fail "$bin schema --db $url exited $?"
for table in leagues teams players games; do
  grep -qw "$table" "$tmp/schema.out" || fail "$bin schema on the demo does not list table $table"
done

files=(/usr/share/applications/io.migconsole.MigrationConsole.desktop
       /usr/share/metainfo/io.migconsole.MigrationConsole.metainfo.xml
       /usr/share/icons/hicolor/scalable/apps/migconsole.svg)
for size in 16 22 24 32 48 64 128 256; do
  files+=("/usr/share/icons/hicolor/${size}x${size}/apps/migconsole.png")
done
dpkg -L migconsole >"$tmp/dpkg-L"
for f in "$bin" "${files[@]}"; do
  [ -s "$f" ] || fail "$f is missing or empty"
  grep -qx "$f" "$tmp/dpkg-L" || fail "dpkg -L migconsole does not list $f"
done
grep -q '^Exec=migconsole' "${files[0]}" || fail "the desktop entry does not start migconsole"

# The tarball: unpacked anywhere, its bin/migconsole runs against the system libraries.
tar -xzf "$tgz" -C "$tmp"
top=$(basename "$tgz" .tar.gz)
[ -f "$tmp/$top/share/applications/io.migconsole.MigrationConsole.desktop" ] || fail "$(basename "$tgz") has no share/applications entry"
[ "$("$tmp/$top/bin/migconsole" --version | head -n 1)" = "migconsole $version" ] ||
  fail "$(basename "$tgz"): bin/migconsole --version does not print 'migconsole $version'"

echo "package-test: OK: installed $(basename "$deb"); $bin ran --version, demo, schema;" \
  "${#files[@]} desktop/metainfo/icon files in place and listed by dpkg; $(basename "$tgz") runs"

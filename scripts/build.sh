#!/usr/bin/env bash
# Installs what is missing, then configures and builds Migration Console (warnings are
# errors). BUILD_DIR (default: build) and BUILD_TYPE (default: Release: no debug
# information, which made the build a third slower; RelWithDebInfo for a debugger) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

build_dir=${BUILD_DIR:-build}
build_type=${BUILD_TYPE:-Release}
jobs=${JOBS:-2}

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Paths below the checkout hash as relative ones, so another clone of it reuses the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
# Release at -O2, not CMake's -O3: GCC 12 gives false -Wformat-overflow warnings at -O3,
# and warnings are errors.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DMIGCONSOLE_WERROR=ON \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  ${CMAKE_EXTRA_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "$jobs"
echo "build: $build_dir/app/migconsole"

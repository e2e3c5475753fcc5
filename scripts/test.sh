#!/usr/bin/env bash
# Installs what is missing, builds FrontDesk with warnings as errors, and runs every test suite.
# Services the tests need are started by the tests themselves on loopback and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRONTDESK_WERROR=ON
cmake --build build-test -j "$(nproc)"
cd build-test
ctest --output-on-failure -j "$(nproc)" --timeout 900

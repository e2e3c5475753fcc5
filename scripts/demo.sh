#!/usr/bin/env bash
# Installs what is missing, builds FrontDesk and starts the demo on a fresh embedded SQLite store.
# Extra arguments go to the app, e.g. --screenshot demo.png --quit-after 10
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRONTDESK_BUILD_TESTS=OFF
cmake --build build --target frontdesk
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: starting the demo under Xvfb."
    exec xvfb-run -a -s "-screen 0 1400x900x24" build/bin/frontdesk --demo "$@"
fi
exec build/bin/frontdesk --demo "$@"

#!/bin/sh
# Runs every fuzz target for longer than ctest gives them (default an hour each), one after the
# other, on a copy of the seed corpus. Usage: tests/fuzz/run-long.sh BUILD_DIR [SECONDS]
# BUILD_DIR is a clang build configured with -DFRONTDESK_FUZZ=ON (cmake --build BUILD_DIR first).
set -eu
build=${1:?usage: run-long.sh BUILD_DIR [SECONDS]}
seconds=${2:-3600}
here=$(cd "$(dirname "$0")" && pwd)
for target in twilioform csvreader vcard tokenizer messageparser icscodec businessprofile scenario; do
    corpus="$build/tests/fuzz/corpus-fuzz_$target"
    mkdir -p "$corpus"
    cp -n "$here/corpus/$target"/* "$corpus"/ 2>/dev/null || true
    echo "fuzz_$target: $seconds s"
    "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$build/tests/fuzz/crash-$target-" "$corpus"
done

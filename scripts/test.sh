#!/usr/bin/env bash
# Installs what is missing, builds FrontDesk with warnings as errors, and runs every test suite.
# Services the tests need are started by the tests themselves on loopback and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

# The parsers of untrusted input (webhook forms, CSV, vCard, iCalendar, message text, business profile
# and scenario JSON) under libFuzzer with ASan and UBSan, each for a bounded time from its seed corpus
# in tests/fuzz/corpus/ (clang builds only these targets and the store's library for the vCard one:
# the gcc build below is the product).
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFRONTDESK_BUILD_TESTS=OFF -DFRONTDESK_FUZZ=ON -DFRONTDESK_FUZZ_SECONDS="${FRONTDESK_FUZZ_SECONDS:-20}"
cmake --build build-fuzz -j "$(nproc)" --target fuzz_twilioform fuzz_csvreader fuzz_vcard fuzz_tokenizer \
    fuzz_messageparser fuzz_icscodec fuzz_businessprofile fuzz_scenario
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j "$(nproc)"

# Every suite: unit, GUI offscreen, scenarios, integration against real servers, benchmarks, package.
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRONTDESK_WERROR=ON
cmake --build build-test -j "$(nproc)"
(cd build-test && ctest --output-on-failure -j "$(nproc)" --timeout 900)

# The unit and integration suites once more, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (FRONTDESK_SANITIZE=ON; at -O1 to keep the build short). A leak, a bad read or undefined behaviour
# fails the suite; tests/sanitizers/ lists the third-party findings suppressed, each with its reason.
# The GUI suites and the benchmarks are left out to keep CI within its time (the benchmarks would
# measure the sanitizers' slowdown, not FrontDesk).
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
    -DFRONTDESK_SANITIZE=ON -DFRONTDESK_WERROR=ON
cmake --build build-sanitize -j "$(nproc)" --target frontdesk_unit_integration_suites
(cd build-sanitize && ctest --output-on-failure -j "$(nproc)" -L '^(unit|integration)$')


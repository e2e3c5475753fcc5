#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test FrontDesk (Debian's packages only).
set -euo pipefail

PACKAGES=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6-dev
    qt6-charts-dev libqt6opengl6-dev qt6-httpserver-dev qt6-websockets-dev
    libgl-dev libxkbcommon-dev
    libphonenumber-dev libical-dev qtkeychain-qt6-dev
    xvfb xauth fonts-dejavu-core fonts-noto-color-emoji
    # The report export test reads the PDF it wrote back as text.
    poppler-utils
    # CPack's Debian generator (the package test) reads binaries with file(1).
    file dpkg-dev
    # The fuzz targets of the parsers of untrusted input: clang's libFuzzer, ASan and UBSan.
    clang libclang-rt-14-dev
    # Services the tests start on loopback: shared store and two CalDAV servers.
    postgresql radicale xandikos
)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Builds the Debian package, installs it into this machine with apt, runs the installed programs,
# then purges it and checks that nothing is left behind.
#   test_package.sh BUILD_DIR SHARED_DIR
# Needs root (CI runs as root); exits 77 (skipped) elsewhere, or when FrontDesk is already installed
# from a package (this test would remove it).
set -euo pipefail

build=$(cd "$1" && pwd)
shared=$(cd "$2" && pwd)

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "SKIP: installing a package needs root and apt"
    exit 77
fi
if dpkg-query -W -f='${Status}' frontdesk 2>/dev/null | grep -q "install ok installed"; then
    echo "SKIP: a frontdesk package is installed on this machine already; not touching it"
    exit 77
fi

work=$(mktemp -d)
cleanup() {
    if dpkg-query -W -f='${Status}' frontdesk 2>/dev/null | grep -q "ok installed"; then
        apt-get purge -y -qq frontdesk >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

echo "== building the package"
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/frontdesk_*.deb)
echo "$deb"

echo "== its files"
dpkg -c "$deb" | awk '{print $6}' | tee "$work/files.txt"
for f in ./usr/bin/frontdesk ./usr/bin/frontdesk-engine ./usr/bin/frontdesk-cli \
    ./usr/share/applications/app.frontdesk.FrontDesk.desktop \
    ./usr/share/metainfo/app.frontdesk.FrontDesk.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/frontdesk.svg \
    ./usr/share/icons/hicolor/48x48/apps/frontdesk.png \
    ./usr/share/icons/hicolor/256x256/apps/frontdesk.png \
    ./usr/share/man/man1/frontdesk.1.gz ./usr/share/man/man1/frontdesk-engine.1.gz ./usr/share/man/man1/frontdesk-cli.1.gz \
    ./lib/systemd/system/frontdesk-engine.service ./usr/share/doc/frontdesk/copyright; do
    grep -qx "$f" "$work/files.txt" || fail "the package lacks $f"
done
if grep -E '/(lib|include)/.*(Qt6|qt6)' "$work/files.txt" | grep -v doc >/dev/null; then
    fail "the package bundles Qt"
fi
dpkg-deb -f "$deb" Depends | tee "$work/depends.txt"
grep -q "libqt6core6" "$work/depends.txt" || fail "the package does not depend on Debian's Qt"

echo "== metadata"
mkdir -p "$work/x"
dpkg-deb -x "$deb" "$work/x"
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$work/x/usr/share/metainfo/app.frontdesk.FrontDesk.metainfo.xml" || fail "appstreamcli validate"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$work/x/usr/share/applications/app.frontdesk.FrontDesk.desktop" || fail "desktop-file-validate"
fi
if command -v lintian >/dev/null; then
    echo "== lintian (findings explained in docs/packaging.md)"
    lintian --no-tag-display-limit "$deb" | tee "$work/lintian.txt" || true
    if grep -E '^E: ' "$work/lintian.txt" | grep -vE "$(sed -n 's/^- `\(E: [a-z0-9-]*\)`.*/\1/p' "$(dirname "$0")/../../docs/packaging.md" | paste -sd'|')" >/dev/null; then
        fail "lintian reports errors that docs/packaging.md does not explain"
    fi
fi

echo "== installing with apt"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
dpkg -L frontdesk | sort >"$work/installed.txt"

echo "== running the installed programs"
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
/usr/bin/frontdesk --version | grep -q "frontdesk" || fail "frontdesk --version"
/usr/bin/frontdesk-engine --version | grep -q "frontdesk-engine" || fail "frontdesk-engine --version"
/usr/bin/frontdesk-cli --version | grep -q "frontdesk-cli" || fail "frontdesk-cli --version"
man -w frontdesk-engine >/dev/null 2>&1 || [ -f /usr/share/man/man1/frontdesk-engine.1.gz ] || fail "man page"

cat >"$work/good.env" <<CONF
FRONTDESK_DATABASE=$work/engine.sqlite
FRONTDESK_PROFILE=$shared/scenarios/profiles/hvac-atlanta.json
FRONTDESK_LISTEN=127.0.0.1:18088
FRONTDESK_PUBLIC_URL=https://frontdesk.example.com
FRONTDESK_TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000
FRONTDESK_TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef
FRONTDESK_TWILIO_NUMBER=+14045550100
FRONTDESK_FORWARD_TO=+14045550101
CONF
/usr/bin/frontdesk-engine --check-config "$work/good.env" || fail "a good configuration was refused"
sed 's/^FRONTDESK_LISTEN=.*/FRONTDESK_LISTEN=not-a-host-port/' "$work/good.env" >"$work/bad.env"
if /usr/bin/frontdesk-engine --check-config "$work/bad.env" >"$work/bad.out" 2>&1; then
    fail "a bad configuration was accepted"
fi
grep -qi "LISTEN" "$work/bad.out" || fail "the configuration error does not name the setting"

/usr/bin/frontdesk-cli simulate "$shared/scenarios/public/hvac-new-caller-books-ac-tomorrow-morning.json" >"$work/sim.json"
grep -q '"met":true' "$work/sim.json" || { cat "$work/sim.json"; fail "frontdesk-cli simulate"; }

getent passwd frontdesk >/dev/null || fail "the engine's user was not created"
[ -d /var/lib/frontdesk ] || fail "the engine's state directory was not created"
[ "$(stat -c %U /var/lib/frontdesk)" = frontdesk ] || fail "the state directory is not the engine's"

echo "== removing (data kept), then purging"
echo "data" >/var/lib/frontdesk/keep-me
apt-get remove -y -qq frontdesk >/dev/null 2>&1 || fail "apt-get remove"
[ -f /var/lib/frontdesk/keep-me ] || fail "removing (not purging) deleted the engine's data"
apt-get purge -y -qq frontdesk >/dev/null 2>&1 || fail "apt-get purge"

echo "== nothing left behind"
left=0
while read -r path; do
    [ -d "$path" ] && continue # shared directories (and /lib, a link to /usr/lib) stay
    if [ -f "$path" ] || [ -L "$path" ]; then
        echo "left behind: $path"
        left=1
    fi
done <"$work/installed.txt"
[ "$left" -eq 0 ] || fail "files were left behind"
[ ! -e /var/lib/frontdesk ] || fail "/var/lib/frontdesk is still there after purge"
[ ! -e /etc/frontdesk ] || fail "/etc/frontdesk is still there after purge"
! getent passwd frontdesk >/dev/null || fail "the frontdesk user is still there after purge"
echo "PASS: the package builds, installs, runs and purges cleanly"

#!/usr/bin/env bash
# Set-up, build, run and test PDNS Workbench on Debian 12.
#   ./dev.sh run    install what is missing, build, open the workbench on the demo case
#   ./dev.sh test   install what is missing, build, run every test (the command CI runs)
#   ./dev.sh deps | build | bench | fuzz
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev libxkbcommon-dev
    libcurl4-openssl-dev libpcap-dev libsqlite3-dev libssl-dev qtkeychain-qt6-dev zlib1g-dev libzstd-dev
    tshark valgrind poppler-utils python3 openssl xvfb xauth fonts-dejavu-core dbus-daemon gnome-keyring
    clang libclang-rt-14-dev
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing: ${missing[*]}"
        as_root apt-get update -qq
        # tshark asks whether non-root users may capture; the default (no) is fine for tests run as root.
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

build() {
    # ccache: relative paths, so a fresh clone in another folder (CI) reuses what an earlier build compiled.
    export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
    cmake --preset dev >/dev/null
    cmake --build --preset dev -j"$(nproc)"
}

demo_case() {
    local demo=build/dev/demo.pdnscase
    if [ ! -f "$demo" ]; then
        ./build/dev/app/pdnsw-cli demo --case "$demo" >/dev/null
    fi
    echo "$demo"
}

cmd=${1:-run}
case "$cmd" in
    deps) deps ;;
    build) deps; build ;;
    run)
        deps; build
        demo=$(demo_case)
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "== no display found: starting the workbench under Xvfb (set DISPLAY to see the window)"
            exec xvfb-run -a -s "-screen 0 1920x1080x24" ./build/dev/app/pdnsw "$demo"
        fi
        exec ./build/dev/app/pdnsw "$demo"
        ;;
    test)
        deps; build
        ctest --preset dev
        ;;
    bench)
        deps; build
        ctest --test-dir build/dev -L bench --output-on-failure -V
        ;;
    fuzz)
        deps
        cmake --preset fuzz >/dev/null
        cmake --build --preset fuzz -j"$(nproc)"
        ctest --test-dir build/fuzz -L fuzz --output-on-failure
        ;;
    *) echo "usage: $0 run|test|deps|build|bench|fuzz" >&2; exit 2 ;;
esac

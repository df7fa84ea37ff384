#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh GNOME keyring, unlocked, in a temporary home: the
# keychain code is tested against a real Secret Service and never touches the user's own keyring or settings.
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing; install dbus-daemon and gnome-keyring (./dev.sh does)" >&2
        exit 1
    fi
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
export PDNSW_TEST_KEYRING="$home" # tells the test it runs in this throw-away keyring
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the new login keyring's password from standard input and makes it the default collection.
dbus-run-session -- sh -c 'printf "test-only" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' \
    with-keyring "$@"

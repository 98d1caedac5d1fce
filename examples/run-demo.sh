#!/bin/sh
# Installs what is missing (Debian bookworm), builds, and runs the demo: a
# daemon sharing a GPS receiver (a simulated track) and a client following
# it, together for a few seconds, then stops both.
#   BUILDDIR  build directory (default: build)
set -eu
cd "$(dirname "$0")/.."

deps="gcc meson ninja-build pkgconf libglib2.0-dev libjson-glib-dev"
tests/install-packages.sh $deps

builddir=${BUILDDIR:-build}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
meson compile -C "$builddir"

# A runtime directory of its own: local:gps is a socket in it.
runtime=$(mktemp -d)
daemon=""
trap '[ -z "$daemon" ] || kill "$daemon" 2>/dev/null; rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"

"$builddir/examples/gps/ro-gps-daemon" --interval 500 & daemon=$!
"$builddir/examples/gps/ro-gps-client" --seconds 5

# SIGTERM stops the daemon cleanly; it says how many updates it sent.
kill -TERM "$daemon"
wait "$daemon"
daemon=""

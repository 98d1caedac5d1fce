#!/bin/sh
# Installs what is missing (Debian bookworm), builds, and runs the whole
# test suite with meson. Extra arguments go to `meson setup`.
#   BUILDDIR  build directory (default: build)
set -eu
cd "$(dirname "$0")/.."

deps="gcc meson ninja-build pkgconf libglib2.0-dev libjson-glib-dev valgrind python3 gobject-introspection libgirepository1.0-dev python3-gi valac glib-networking openssl"
tests/install-packages.sh $deps

builddir=${BUILDDIR:-build}
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "$@"
else
  meson setup "$builddir" "$@"
fi
meson compile -C "$builddir"
meson test -C "$builddir" --print-errorlogs

#!/bin/sh
# Installs what is missing (Debian bookworm), builds, and runs the whole
# test suite with meson. Extra arguments go to `meson setup`.
#   BUILDDIR  build directory (default: build)
set -eu
cd "$(dirname "$0")/.."

deps="gcc meson ninja-build pkgconf libglib2.0-dev libjson-glib-dev valgrind python3 gobject-introspection libgirepository1.0-dev python3-gi valac glib-networking openssl"
missing=""
for p in $deps; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "Installing:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

builddir=${BUILDDIR:-build}
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "$@"
else
  meson setup "$builddir" "$@"
fi
meson compile -C "$builddir"
meson test -C "$builddir" --print-errorlogs

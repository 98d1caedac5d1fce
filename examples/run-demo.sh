#!/bin/sh
# Installs what is missing (Debian bookworm), builds, and runs the demo: a
# daemon sharing a thermostat and a client following it, together for a few
# seconds, then stops both.
#   BUILDDIR  build directory (default: build)
set -eu
cd "$(dirname "$0")/.."

deps="gcc meson ninja-build pkgconf libglib2.0-dev libjson-glib-dev"
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
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
meson compile -C "$builddir"

runtime=$(mktemp -d)
trap 'kill $daemon 2>/dev/null; rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"
"$builddir/examples/ro-thermostat-daemon" local:thermostat & daemon=$!
"$builddir/examples/ro-thermostat-client" local:thermostat 5

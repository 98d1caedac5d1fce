#!/bin/sh
# Builds uses-interface-info.c with only the uninstalled pkg-config module
# of the build tree, as a program outside the repository would be, and runs
# it. Prints TAP.
#   build-and-run.sh BUILD_ROOT SOURCE_DIR
set -u
build=$1 src=$2
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
echo "1..2"
export PKG_CONFIG_PATH="$build/meson-uninstalled"
if ${CC:-cc} -o "$work/uses" "$src/uses-interface-info.c" $(pkg-config --cflags --libs ro-glib-1.0) 2>"$work/cc.log"; then
  echo "ok 1 compiles and links against ro-glib-1.0-uninstalled.pc"
else
  echo "not ok 1 compiles and links against ro-glib-1.0-uninstalled.pc"
  sed 's/^/# /' "$work/cc.log"
  exit 1
fi
libdir=$(dirname "$(find "$build" -name 'libro-glib-1.0.so' -print -quit)")
if out=$(LD_LIBRARY_PATH="$libdir" "$work/uses" 2>&1) && echo "$out" | grep -Eq '^GApplication [0-9a-f]{64} '; then
  echo "ok 2 runs: $out"
else
  echo "not ok 2 runs: $out"
  exit 1
fi

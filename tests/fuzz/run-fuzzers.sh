#!/bin/sh
# Builds the fuzz targets with clang, libFuzzer, ASan and UBSan in a build
# directory of their own, and runs each for a bounded time. A crash, leak,
# hang or out-of-memory input is copied to tests/fuzz/regressions/TARGET/,
# where the fuzz-regressions test of every build picks it up, and makes
# the script fail. See tests/fuzz/README.md.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS [TARGET...]]
#
#   SECONDS         per target (default: $FUZZ_SECONDS, else 60)
#   TARGET          frame-buffer, json-decode, ... (default: all built)
#   FUZZ_BUILDDIR   build directory (default: _build-fuzz)
#   FUZZ_ARGS       more libFuzzer options, e.g. "-jobs=4 -workers=4"
set -u
cd "$(dirname "$0")/../.." || exit 2

seconds=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
case $seconds in
  ''|*[!0-9]*) echo "run-fuzzers: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;;
esac
builddir=${FUZZ_BUILDDIR:-_build-fuzz}
srcdir=tests/fuzz

if ! command -v clang >/dev/null; then
  echo "run-fuzzers: needs clang (apt-get install clang libclang-rt-dev)" >&2
  exit 2
fi

if [ ! -f "$builddir/build.ninja" ]; then
  # fuzzer-no-link instruments the library itself for coverage; the fuzz
  # executables add -fsanitize=fuzzer (tests/fuzz/meson.build).
  CC=clang meson setup "$builddir" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined' \
    -Dbuildtype=debugoptimized \
    -Dexamples=false -Dintrospection=disabled -Dvapi=disabled -Ddocumentation=disabled \
    || exit 1
fi
# Brings the build files up to date before asking them for the targets.
ninja -C "$builddir" build.ninja >/dev/null || exit 1
if [ $# -gt 0 ]; then
  targets=$*
else
  # Every fuzzer the build defines: some need code not every tree has.
  targets=$(meson introspect "$builddir" --targets | python3 -c '
import json, sys
print(" ".join(t["name"][5:] for t in json.load(sys.stdin) if t["name"].startswith("fuzz-")))')
fi
# One at a time: a target that does not build fails alone.
built=
status=0
for t in $targets; do
  if meson compile -C "$builddir" "fuzz-$t" >"$builddir/tests/fuzz/fuzz-$t-build.log" 2>&1; then
    built="$built $t"
  else
    status=1
    echo "run-fuzzers: $t FAILED to build:"
    grep -E 'error|FAILED' "$builddir/tests/fuzz/fuzz-$t-build.log" | head -n 10
  fi
done

export G_SLICE=always-malloc G_DEBUG=gc-friendly
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

for t in $built; do
  exe=$builddir/tests/fuzz/fuzz-$t
  work=$builddir/tests/fuzz/corpus-$t
  artifacts=$builddir/tests/fuzz/artifacts-$t
  log=$builddir/tests/fuzz/fuzz-$t.log
  mkdir -p "$work" "$artifacts"
  rm -f "$artifacts"/*

  dirs="$work $srcdir/corpus/$t"
  [ -d "$srcdir/regressions/$t" ] && dirs="$dirs $srcdir/regressions/$t"
  dict=
  [ -f "$srcdir/$t.dict" ] && dict="-dict=$srcdir/$t.dict"

  echo "run-fuzzers: $t for $seconds s"
  # New inputs go to $work (the first directory), which is kept between
  # runs; -timeout makes a hang of 10 s a crash.
  # shellcheck disable=SC2086
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" $dict ${FUZZ_ARGS:-} $dirs >"$log" 2>&1
  rc=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  if [ -n "$found" ] || [ $rc -ne 0 ]; then
    status=1
    echo "run-fuzzers: $t FAILED (exit $rc, ${runs:-?} runs); the end of $log:"
    # What the target printed itself (a GLib message before an abort, say)
    # comes first, libFuzzer's report after.
    grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED|DONE|RELOAD)|^INFO:|^stat::|^MS:|^base unit:|^0x|^\\x' "$log" | tail -n 40
    # The input itself, in the log of CI, where nothing else is kept.
    for f in $found; do
      echo "run-fuzzers: $(basename "$f"), base64:"
      base64 -w 76 "$f" | head -n 40
    done
    mkdir -p "$srcdir/regressions/$t"
    for f in $found; do
      cp "$f" "$srcdir/regressions/$t/"
      echo "run-fuzzers: $t: added $srcdir/regressions/$t/$(basename "$f")"
      echo "  reproduce: $exe $srcdir/regressions/$t/$(basename "$f")"
      echo "  minimise:  $exe -minimize_crash=1 -max_total_time=60 $f"
    done
  else
    echo "run-fuzzers: $t ok (${runs:-?} runs)"
  fi
done

exit $status

#!/usr/bin/env bash
# A bounded fuzzing run of the CSV and vCard readers, for CI.
# usage: tests/fuzz/run-fuzz.sh BUILD_DIR [SECONDS_PER_TARGET]
# Best with a sanitizer build (meson setup BUILD -Db_sanitize=address,undefined
# -Db_lundef=false).  Exits non-zero on the first crash; the input is left
# in BUILD_DIR/fuzz-crashes/.
set -euo pipefail

build=$(cd "${1:?usage: $0 BUILD_DIR [SECONDS]}" && pwd)
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
out="$build/fuzz-crashes"
mkdir -p "$out"

ninja -C "$build" tests/transfer/fuzz-csv tests/transfer/fuzz-vcard >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_DEBUG=fatal-criticals

status=0
for target in csv vcard; do
  (cd "$out" && "$build/tests/transfer/fuzz-$target" --seconds "$seconds" "$here/corpus-$target") || status=1
done
[ $status -eq 0 ] && rm -rf "$out"
exit $status

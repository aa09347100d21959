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

# Each target replays its corpus (tests/fuzz/corpus-TARGET, which also
# holds the inputs of crashes fixed before: regression-*.vcf and the
# like) and then mutates it.  A crash's input is kept in
# BUILD_DIR/fuzz-crashes/TARGET/; once fixed, add it to the corpus.
status=0
for target in csv vcard; do
  mkdir -p "$out/$target"
  if ! (cd "$out/$target" && "$build/tests/transfer/fuzz-$target" --seconds "$seconds" "$here/corpus-$target"); then
    status=1
    echo "fuzz-$target: crash input kept in $out/$target/; add it to tests/fuzz/corpus-$target once fixed" >&2
  fi
done
[ $status -eq 0 ] && rm -rf "$out"
exit $status

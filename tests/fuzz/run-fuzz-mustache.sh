#!/usr/bin/env bash
# A bounded fuzzing run of the letter template engine, for CI.
# usage: tests/fuzz/run-fuzz-mustache.sh BUILDDIR [SECONDS]   (default 60)
#
# With clang (and its libFuzzer) it builds tests/fuzz/fuzz-mustache.c with
# -fsanitize=fuzzer,address,undefined into BUILDDIR/fuzz/ and fuzzes for
# SECONDS, starting from a copy of tests/fuzz/corpus/mustache/ (the
# checked-in corpus is never written to).  A crash leaves its input in
# BUILDDIR/fuzz/ and the script exits non-zero; add that file to the
# corpus once fixed.  Without clang it only replays the corpus with the
# plain driver meson builds (tests/letters/fuzz-mustache-replay).
# Ends with ".. passed, .. failed" like tests/run-tests.sh, so .ci/run can
# count it.
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: $0 BUILDDIR [SECONDS]}
seconds=${2:-60}
corpus=tests/fuzz/corpus/mustache

status=0
if command -v clang >/dev/null 2>&1; then
  out="$build/fuzz"
  mkdir -p "$out/corpus"
  cp -f "$corpus"/* "$out/corpus/"
  # shellcheck disable=SC2046
  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DDL_FUZZ_LIBFUZZER -I"$build" -Isrc/core \
    src/core/dl-mustache.c src/core/dl-mustache-value.c src/core/dl-mustache-render.c src/core/dl-letter-fields.c src/core/dl-validate.c src/core/dl-day.c tests/fuzz/fuzz-mustache.c \
    $(pkg-config --cflags --libs glib-2.0) -lm \
    -o "$out/fuzz-mustache" || status=$?
  # Inputs up to 64 KB; a run that takes over 10 s or 2 GB is a finding too.
  [ $status -eq 0 ] && {
    "$out/fuzz-mustache" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" || status=$?
  }
else
  echo "clang not found: replaying the corpus only" >&2
  { ninja -C "$build" tests/letters/fuzz-mustache-replay >/dev/null \
    && "$build/tests/letters/fuzz-mustache-replay" "$corpus"; } || status=$?
fi

if [ $status -eq 0 ]; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit $status

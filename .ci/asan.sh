#!/usr/bin/env bash
# The library's unit tests and the socket, unix and sockopt integration tests under
# AddressSanitizer (the `asan` step of .ci/run): out-of-bounds reads and writes, use after free,
# double free — and leaks: LeakSanitizer is on by default with ASan on x86_64 Linux, and a leak
# report makes the test binary exit non-zero, which fails this script.
#
#   bash .ci/asan.sh                  # lib + socket + unix + sockopt
#   bash .ci/asan.sh --test vectored  # other cargo test arguments instead
#
# Nightly only (-Zsanitizer); std is rebuilt with the sanitizer (-Zbuild-std, needs rust-src) so
# that its allocations are instrumented too. Its own target dir (target/asan): the flags differ
# from every other build, so sharing target/ would rebuild everything twice per CI run.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-unknown-linux-gnu
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || { echo "asan: x86_64 Linux only" >&2; exit 2; }

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component list --toolchain nightly --installed | grep -q '^rust-src' ||
    rustup component add --toolchain nightly rust-src

if [ "$#" -gt 0 ]; then args=("$@"); else args=(--lib --test socket --test unix --test sockopt); fi

export CARGO_TARGET_DIR="$PWD/target/asan"
# detect_leaks=1 is the default on this platform; spelt out last so that an ASAN_OPTIONS
# inherited from the environment cannot turn leak checking off (the last setting wins).
export RUSTFLAGS="-Zsanitizer=address"
export RUSTDOCFLAGS="-Zsanitizer=address"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
cargo +nightly test -Zbuild-std --target "$target" "${args[@]}"

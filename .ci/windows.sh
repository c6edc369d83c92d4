#!/usr/bin/env bash
# Windows checks on a Linux machine: clippy for x86_64-pc-windows-gnu, then the tests built for
# Windows and run under wine.
#
#   .ci/windows.sh                  # clippy + docs + every test (lib, tests/*, doc tests)
#   .ci/windows.sh --test socket    # clippy + these `cargo test` arguments instead
#
# Installs what it needs on a fresh Debian 12 machine (as root): the mingw-w64 linker, wine and
# the Rust target. Idempotent and quick once set up. Works with CI=true and no stdin.
#
# Environment: WINEPREFIX (default target/wineprefix in this checkout, created on first use: one
# wine prefix, and so one wineserver, per checkout, so that runs from several checkouts on one
# machine never share or stop each other's wineserver),
# CARGO_TARGET_DIR (passed through to cargo), SKIP_CLIPPY=1 (tests only: no clippy, no docs).
set -euo pipefail

cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
# What runs under wine: everything `cargo test` runs — the unit tests, every integration test
# file (the Unix-only ones and Unix-only tests are cfg'd out on Windows) and every doc test.
DEFAULT_TEST_ARGS=()

log() { printf '== windows.sh: %s\n' "$*" >&2; }

# --- tools ----------------------------------------------------------------------------------
need_apt=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need_apt+=(gcc-mingw-w64-x86-64-win32)
command -v wine >/dev/null || need_apt+=(wine)
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || need_apt+=(wine64)
if [ "${#need_apt[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "missing ${need_apt[*]}; run as root or install them: apt-get install ${need_apt[*]}"
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt_install() { apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
    log "installing ${need_apt[*]}"
    # `apt-get update` only when the package lists are missing or too old to install from.
    if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || ! apt_install "${need_apt[@]}"; then
        apt-get update -qq
        apt_install "${need_apt[@]}"
    fi
fi
if ! rustup target list --installed | grep -qx "$TARGET"; then
    log "adding the Rust target $TARGET"
    rustup target add "$TARGET"
fi

# --- wine prefix ----------------------------------------------------------------------------
export WINEPREFIX="${WINEPREFIX:-$PWD/target/wineprefix}"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
export WINEARCH=win64
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "creating the wine prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    wineboot -i </dev/null >/dev/null 2>&1 || true
    wineserver -w
    [ -f "$WINEPREFIX/system.reg" ] || { log "wineboot did not create $WINEPREFIX"; exit 1; }
fi

# std imports ProcessPrng from bcryptprimitives.dll, which wine 8.0 lacks: install a stand-in
# (see .ci/bcryptprimitives.c) unless wine has a real one.
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if ! ls /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/bcryptprimitives.dll >/dev/null 2>&1 &&
    { [ ! -f "$dll" ] || [ .ci/bcryptprimitives.c -nt "$dll" ]; }; then
    log "building the bcryptprimitives.dll stand-in"
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" .ci/bcryptprimitives.c -ladvapi32
fi

# --- checks ---------------------------------------------------------------------------------
if [ "${SKIP_CLIPPY:-0}" != 1 ]; then
    clippy_targets=(--all-targets)
    log "cargo clippy --target $TARGET ${clippy_targets[*]}"
    cargo clippy --target "$TARGET" "${clippy_targets[@]}" -- -D warnings
    # What docs.rs builds for its Windows target (`cfg(windows)` items, Windows doc links).
    log "cargo doc --target $TARGET"
    RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --target "$TARGET"
fi

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
out="$(mktemp)"
# One wine session for the whole run (each doc test is its own .exe), stopped at the end. It is
# started here, outside the `| tee` pipelines, so that no lasting wine process (wineserver,
# services.exe, ...) holds a pipe open and keeps `tee` waiting.
# `wineserver -p` fails when a server already runs for this prefix (a run that was interrupted
# before its clean-up): that one is used then, and stopped at the end like ours.
wineserver -p </dev/null >/dev/null 2>&1 || true
wine cmd /c exit </dev/null >/dev/null 2>&1 || true
trap 'wineserver -k >/dev/null 2>&1 || true; rm -f "$out"' EXIT
status=0
if [ "$#" -gt 0 ]; then
    log "cargo test --target $TARGET $*"
    cargo test --target "$TARGET" "$@" 2>&1 </dev/null | tee "$out" || status=$?
else
    log "cargo test --target $TARGET ${DEFAULT_TEST_ARGS[*]}"
    cargo test --target "$TARGET" ${DEFAULT_TEST_ARGS[@]+"${DEFAULT_TEST_ARGS[@]}"} 2>&1 </dev/null |
        tee "$out" || status=$?
fi

# One closing line for all the test binaries that ran.
passed=0 failed=0
while read -r p f; do
    passed=$((passed + p)) failed=$((failed + f))
done < <(sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' "$out")
echo "wine: $passed passed, $failed failed, $(grep -c '^SKIPPED ' "$out" || true) skipped (util::skip)"
exit "$status"

#!/usr/bin/env bash
# MSRV check: `cargo +1.77 check` of the library, for the host, Windows, macOS (x86_64, aarch64)
# and FreeBSD.
#
# Dev-dependencies (criterion, proptest, socket2) need newer compilers than the library does, and
# cargo 1.77 cannot read the version-4 lockfiles new cargo writes. So the check runs on a copy of
# the crate without dev-dependencies and benches, with a lockfile resolved by the current cargo
# for the declared rust-version (MSRV-aware resolution) and written in lockfile version 3.
set -euo pipefail
cd "$(dirname "$0")/.."
msrv=$(sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml)
rustup toolchain list | grep -q "^$msrv" || rustup toolchain install "$msrv" --profile minimal
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r src README.md "$work"/
python3 - Cargo.toml "$work/Cargo.toml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
out, skip = [], False
for line in text.splitlines():
    if line.startswith('['):
        skip = line.strip() in ('[[bench]]', '[dev-dependencies]') or 'dev-dependencies]' in line
    if not skip:
        out.append(line)
open(sys.argv[2], 'w').write('\n'.join(out) + '\n')
PY
cd "$work"
CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo generate-lockfile -q
sed -i 's/^version = 4$/version = 3/' Cargo.lock
CARGO_TARGET_DIR="$work/target" cargo "+$msrv" check --locked
# The other backends too: Windows (windows-sys), macOS and FreeBSD (libc). `check` needs no
# linker, only the target's std, which rustup installs for the MSRV toolchain.
targets=(x86_64-pc-windows-gnu x86_64-apple-darwin aarch64-apple-darwin x86_64-unknown-freebsd)
for t in "${targets[@]}"; do
    rustup target list --toolchain "$msrv" --installed | grep -qx "$t" ||
        rustup target add --toolchain "$msrv" "$t"
    CARGO_TARGET_DIR="$work/target" cargo "+$msrv" check --locked --target "$t"
done
echo "msrv: cargo +$msrv check passed (host, ${targets[*]})"

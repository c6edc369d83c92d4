#!/usr/bin/env bash
# Line coverage of src/ per file, from `cargo test` (unit, integration and doc tests) under
# cargo-llvm-cov (the optional `coverage` step of .ci/run: `bash .ci/run coverage`).
#
#   bash .ci/coverage.sh          # the table: file, lines, missed, line coverage
#   bash .ci/coverage.sh --html   # also target/llvm-cov/html/index.html (which lines)
#
# Installs cargo-llvm-cov (`cargo install cargo-llvm-cov --locked`, skipped when installed) and
# the llvm-tools-preview component. Nightly, because much of berkeley's testing is in its doc
# examples and only nightly rustdoc can instrument them (`--doctests`). Its own target dir
# (target/llvm-cov-target, cargo-llvm-cov's default), so the instrumented build never replaces
# the plain one.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component list --toolchain nightly --installed | grep -q '^llvm-tools' ||
    rustup component add --toolchain nightly llvm-tools-preview
command -v cargo-llvm-cov >/dev/null || cargo install cargo-llvm-cov --locked

cargo +nightly llvm-cov clean --workspace
# Some tests run an example as another user (`setpriv`, to check the unprivileged paths of ping
# and sniff): its profile goes to the same directory, so that must be writable to every user
# (sticky, like /tmp), or the profiler's "Failed to write file" line breaks the expected output.
mkdir -p target/llvm-cov-target
chmod 1777 target/llvm-cov-target
# What `cargo test` runs: unit, integration and doc tests (and the examples the tests start).
cargo +nightly llvm-cov --no-report --doctests
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cargo +nightly llvm-cov report --doctests --json --summary-only --output-path "$json"
[ "${1:-}" != --html ] || cargo +nightly llvm-cov report --doctests --html
# The per-file table, src/ only, sorted by coverage (lowest first).
python3 - "$json" "$PWD/" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))["data"][0]
root = sys.argv[2]
rows = []
for f in data["files"]:
    name = f["filename"].removeprefix(root)
    if not name.startswith("src/"):
        continue
    l = f["summary"]["lines"]
    rows.append((l["percent"], name, l["count"], l["count"] - l["covered"]))
print(f"{'file':<32} {'lines':>6} {'missed':>7} {'cover':>7}")
for pct, name, count, missed in sorted(rows):
    print(f"{name:<32} {count:>6} {missed:>7} {pct:>6.1f}%")
count = sum(r[2] for r in rows)
missed = sum(r[3] for r in rows)
print(f"{'total (src/)':<32} {count:>6} {missed:>7} {100 * (count - missed) / max(count, 1):>6.1f}%")
PY

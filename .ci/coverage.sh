#!/usr/bin/env bash
# Line coverage of src/ per file, from `cargo test` (unit, integration and doc tests) under
# cargo-llvm-cov (the optional `coverage` step of .ci/run: `bash .ci/run coverage`).
#
#   bash .ci/coverage.sh          # the table: file, lines, missed, line coverage
#   bash .ci/coverage.sh --html   # also target/llvm-cov/html/index.html (which lines)
#
# Installs cargo-llvm-cov (`cargo install cargo-llvm-cov --locked`, skipped when installed) and
# the llvm-tools-preview component. Stable toolchain; doc tests need nightly's
# -Zinstrument-coverage for rustdoc, so they are left out (their lines are counted as the unit
# and integration tests cover them). Its own target dir (target/llvm-cov-target, cargo-llvm-cov's
# default), so the instrumented build never replaces the plain one.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup component list --installed | grep -q '^llvm-tools' || rustup component add llvm-tools-preview
command -v cargo-llvm-cov >/dev/null || cargo install cargo-llvm-cov --locked

cargo llvm-cov clean --workspace
cargo llvm-cov --no-report --tests
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cargo llvm-cov report --json --summary-only --output-path "$json"
[ "${1:-}" != --html ] || cargo llvm-cov report --html
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

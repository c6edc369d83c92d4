#!/usr/bin/env bash
# Runs every fuzz target of fuzz/fuzz_targets for a short fixed time (the `fuzz` step of .ci/run).
#
#   bash .ci/fuzz.sh                    # every target, FUZZ_SECONDS (default 10) each
#   bash .ci/fuzz.sh inet_aton wire_tcp # only these
#   FUZZ_SECONDS=600 bash .ci/fuzz.sh   # a longer local run
#   bash .ci/fuzz.sh --cmin             # minimise each committed corpus in place (then commit)
#
# Installs what it needs: the nightly toolchain (libFuzzer's instrumentation) and cargo-fuzz
# (`cargo install cargo-fuzz --locked`, skipped when already installed).
#
# Each target starts from its committed corpus, fuzz/corpus/<target>/, which includes every input
# that once crashed it (so a fixed crash stays fixed). New inputs go to a scratch directory, not
# to the committed corpus. A crash, a panic, a leak or a timeout fails the script; the input is
# left in fuzz/artifacts/<target>/ and the process is: fix the bug, copy the input into
# fuzz/corpus/<target>/ (named `regression-<what>`) and, where the fix is in berkeley, add a test
# that replays it (tests/fuzz_regressions.rs).
#
# Every fuzz_targets/*.rs must have a [[bin]] in fuzz/Cargo.toml (cargo-fuzz builds bins): a file
# without one fails the script instead of being skipped silently.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${FUZZ_SECONDS:-10}
cmin=0
if [ "${1:-}" = --cmin ]; then
    cmin=1
    shift
fi

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# The targets: every file in fuzz_targets/, each registered as a bin.
all=()
for f in fuzz_targets/*.rs; do
    t=$(basename "$f" .rs)
    grep -q "^path = \"fuzz_targets/$t.rs\"" Cargo.toml || {
        printf 'fuzz/%s has no [[bin]] in fuzz/Cargo.toml; add:\n\n' "$f" >&2
        printf '[[bin]]\nname = "%s"\npath = "fuzz_targets/%s.rs"\ntest = false\ndoc = false\nbench = false\n' "$t" "$t" >&2
        exit 1
    }
    all+=("$t")
done
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

# One build of every target (they share the instrumented berkeley): release with debug
# assertions, so overflow checks stay on.
cargo +nightly fuzz build

if [ "$cmin" = 1 ]; then
    for t in "${targets[@]}"; do
        mkdir -p "corpus/$t"
        before=$(find "corpus/$t" -type f | wc -l)
        # Regression inputs are kept whatever their coverage: cmin could merge them away.
        keep=$(mktemp -d)
        find "corpus/$t" -name 'regression-*' -exec cp {} "$keep/" \;
        cargo +nightly fuzz cmin "$t" "corpus/$t" >/dev/null 2>&1
        for r in "$keep"/*; do
            [ -e "$r" ] || continue
            cp "$r" "corpus/$t/"
            # cmin renames what it keeps to its SHA-1: drop that copy of a regression input.
            rm -f "corpus/$t/$(sha1sum "$r" | cut -d' ' -f1)"
        done
        rm -rf "$keep"
        echo "$t: $before -> $(find "corpus/$t" -type f | wc -l) inputs"
    done
    exit 0
fi

summary=$(mktemp)
scratch=$(mktemp -d)
# netdb_cache writes its two input files to /dev/shm (or $TMPDIR): remove them too.
trap 'rm -rf "$scratch" "$summary" /dev/shm/berkeley-fuzz-* "${TMPDIR:-/tmp}"/berkeley-fuzz-*' EXIT
failed=()
for t in "${targets[@]}"; do
    [ -f "fuzz_targets/$t.rs" ] || { echo "unknown fuzz target '$t' (targets: ${all[*]})" >&2; exit 2; }
    mkdir -p "corpus/$t" "artifacts/$t" "$scratch/$t"
    log="$scratch/$t.log"
    echo "== fuzz $t (${seconds}s, corpus: $(find "corpus/$t" -type f | wc -l) inputs)"
    # The first directory receives new inputs (scratch); the committed corpus is only read.
    # -rss_limit_mb / -timeout: a runaway allocation or a hang is a failure too.
    rc=0
    cargo +nightly fuzz run "$t" "$scratch/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    if [ "$rc" -eq 0 ]; then
        printf '%-20s %12s execs  %6s edges  ok\n' "$t" "$execs" "$cov" >>"$summary"
    else
        # The panic message (or the sanitizer's report) and where the input went; the full
        # log is long (a backtrace per frame).
        grep -A4 -E "panicked at|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)" "$log" | head -n 30 || true
        grep -E "^SUMMARY|Test unit written to|^Base64" "$log" || tail -n 30 "$log"
        printf '%-20s %12s execs  %6s edges  FAILED (input in fuzz/artifacts/%s/)\n' \
            "$t" "$execs" "$cov" "$t" >>"$summary"
        failed+=("$t")
    fi
done
printf '\n== fuzz: executions per target (%ss each)\n' "$seconds"
cat "$summary"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: ${#failed[@]} target(s) FAILED: ${failed[*]} — commit each input as a regression" \
        "(see the top of .ci/fuzz.sh) once fixed" >&2
    exit 1
fi

#!/bin/sh
# Instructions per call of every conversion, berkeley next to glibc and std, under callgrind
# (deterministic on a busy machine). Usage: sh benches/conversions/icount.sh
set -eu
cd "$(dirname "$0")/../.."
cargo bench --bench conversions_icount --no-run
bin=$(ls -t target/release/deps/conversions_icount-* | grep -v '\.d$' | head -1)
out=$(mktemp -d)
LD_BIND_NOW=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
    --collect-atstart=no --toggle-collect='*icount_*' "$bin" >/dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 "$out/cg" 2>/dev/null |
    awk '/icount_/ && !/icount_ether_aton_canonical \(/ {
        gsub(",", "", $1); n = $1; name = $0; sub(/.*icount_/, "", name); sub(/[ (].*/, "", name);
        if (name != "ether_aton_canonical") printf "%-32s %8.1f instr/call\n", name, n / 1024 }' |
    sort
rm -r "$out"

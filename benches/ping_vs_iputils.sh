#!/usr/bin/env bash
# The ping example against iputils' ping: 1000 echo requests to 127.0.0.1, back to back.
#
#   bash benches/ping_vs_iputils.sh [COUNT] [ROUNDS]      (as root: -i 0 and -f need it)
#
# Runs, ROUNDS times (default 3) each, in turn:
#   ours      target/release/examples/ping -c COUNT -i 0 127.0.0.1
#   flood     ping -f -c COUNT 127.0.0.1          (iputils flood mode)
#   interval0 ping -c COUNT -i 0 127.0.0.1        (iputils, same options as ours)
# and prints, per program, the median over the rounds of: the rtt avg ping reports, the CPU
# time (user + system) per packet, and the wall time. Whole processes are measured, start-up
# included: the CPU time is the child's own rusage (posix_spawn + wait4, in a few lines of
# Python: /usr/bin/time rounds to 10 ms, about what a whole run of 1000 packets takes, and a
# fork from Python would bill the child for copying Python). The kernel accounts CPU time in
# scheduler ticks, so 1000 packets (~10 ms) give a coarse figure: COUNT=10000 is steadier.
# Output goes to a temporary file, not a terminal, for all three. The machine should be
# otherwise idle; the medians damp the noise that remains.
set -euo pipefail

count=${1:-1000}
rounds=${2:-3}
cd "$(dirname "$0")/.."

if [[ $(id -u) != 0 ]]; then
    echo "ping_vs_iputils: run as root (ping -f and -i 0 below 2 ms are root-only)" >&2
    exit 1
fi
command -v ping >/dev/null || { echo "ping_vs_iputils: iputils ping is not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "ping_vs_iputils: python3 is not installed" >&2; exit 1; }

cargo build --release --quiet --example ping
ours=target/release/examples/ping

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME ROUND CMD... : one measured run; appends "rtt_avg cpu_us_per_packet wall_s" to $tmp/NAME
run() {
    local name=$1 round=$2
    shift 2
    # The child's user and system time (its wait4 rusage) and the wall time, in seconds.
    python3 -c '
import os, sys, time
out = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
null = os.open(os.devnull, os.O_WRONLY)
t0 = time.monotonic()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
_, _, ru = os.wait4(pid, 0)
print(ru.ru_utime, ru.ru_stime, round(time.monotonic() - t0, 3))
' "$tmp/out" "$@" >"$tmp/time"
    local avg cpu wall user sys
    avg=$(sed -n 's|^rtt min/avg/max/mdev = [0-9.]*/\([0-9.]*\)/.*|\1|p' "$tmp/out")
    read -r user sys wall <"$tmp/time"
    cpu=$(awk -v u="$user" -v s="$sys" -v n="$count" 'BEGIN { printf "%.2f", (u + s) * 1e6 / n }')
    echo "${avg:-nan} $cpu $wall" >>"$tmp/$name"
    printf '  round %d %-9s rtt avg %s ms, CPU %s us/packet, wall %s s\n' \
        "$round" "$name" "${avg:-?}" "$cpu" "$wall"
}

for round in $(seq 1 "$rounds"); do
    run ours "$round" "$ours" -c "$count" -i 0 127.0.0.1
    run flood "$round" ping -f -c "$count" 127.0.0.1
    run interval0 "$round" ping -c "$count" -i 0 127.0.0.1
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
printf '%-10s %14s %18s %10s\n' program "rtt avg (ms)" "CPU (us/packet)" "wall (s)"
for name in ours flood interval0; do
    avg=$(cut -d' ' -f1 "$tmp/$name" | median)
    cpu=$(cut -d' ' -f2 "$tmp/$name" | median)
    wall=$(cut -d' ' -f3 "$tmp/$name" | median)
    printf '%-10s %14s %18s %10s\n' "$name" "$avg" "$cpu" "$wall"
done

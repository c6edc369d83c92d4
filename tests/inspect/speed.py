#!/usr/bin/env python3
"""Whole-process timing of the `netstat` example against `ss` and net-tools `netstat` (issue 11).

Run (as root, on Linux), after `cargo build --release --example netstat`:

    python3 tests/inspect/speed.py [--units 3000] [--rounds 5] [--bin target/release/examples/netstat]

It moves itself into a fresh network namespace (`unshare --net`), so every tool lists the same,
quiescent set of sockets: UNITS x (TCP listener + established pair + bound UDP socket + UNIX
socketpair) = 6 x UNITS sockets, held by several child processes. The owner scan (`-p`) still
walks every process of the host, as it does for `ss -p`.

Each round runs every command once, in turn (interleaved, so a busy moment hits all of them);
the figure is the child's CPU time (user + system, from getrusage), the median over the rounds.
Before timing, it checks that every tool prints the same number of rows.
"""

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import time

PER_PROC = 500  # units per holder process (6 descriptors each)


def hold(units):
    """A child process: opens `units` units of sockets, says so, and waits for its stdin to close."""
    keep = []
    for _ in range(units):
        lst = socket.socket()
        lst.bind(("127.0.0.1", 0))
        lst.listen(1)
        cli = socket.create_connection(lst.getsockname())
        srv, _ = lst.accept()
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        keep += [lst, cli, srv, udp, *socket.socketpair()]
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.read()


def cpu_of(cmd):
    """Runs cmd; returns (child CPU seconds, stdout lines)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, out.decode(errors="replace").splitlines()


def rows(tool, lines):
    """The socket rows of a tool's output (headers dropped)."""
    if tool == "ss":
        return [l for l in lines[1:] if l.strip()]
    # net-tools netstat and the example: two header lines, then tcp/udp rows.
    return [l for l in lines if l.split()[:1] and l.split()[0] in ("tcp", "tcp6", "udp", "udp6")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--bin", default="target/release/examples/netstat")
    ap.add_argument("--run", help="instead of timing, run this shell command (e.g. perf record) "
                    "in the namespace while the sockets are held")
    ap.add_argument("--in-netns", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--hold", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.hold:
        return hold(a.hold)
    if not a.in_netns:
        os.execvp("unshare", ["unshare", "--net", sys.executable, *sys.argv, "--in-netns"])
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    holders = []
    left = a.units
    while left > 0:
        n = min(left, PER_PROC)
        left -= n
        p = subprocess.Popen([sys.executable, __file__, "--hold", str(n)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        holders.append(p)
    for p in holders:
        assert p.stdout.readline() == b"ready\n"
    fds = sum(len(os.listdir(f"/proc/{p}/fd")) for p in os.listdir("/proc") if p.isdigit()
              if os.path.exists(f"/proc/{p}/fd"))
    print(f"{6 * a.units} sockets held by {len(holders)} processes; {fds} fds on the host; "
          f"{len([p for p in os.listdir('/proc') if p.isdigit()])} processes")
    berkeley = os.path.abspath(a.bin)
    groups = {
        "-tuan": [("berkeley", [berkeley, "-tuan"]), ("ss", ["ss", "-tuan"]),
                  ("netstat", ["netstat", "-tuan"])],
        "-tuanp": [("berkeley", [berkeley, "-tuanp"]), ("ss", ["ss", "-tuanp"]),
                   ("netstat", ["netstat", "-tuanp"])],
    }
    try:
        if a.run:
            subprocess.run(a.run, shell=True, check=False)
            return
        for flags, cmds in groups.items():
            counts = {name: len(rows(name, cpu_of(cmd)[1])) for name, cmd in cmds}
            times = {name: [] for name, _ in cmds}
            for _ in range(a.rounds):
                for name, cmd in cmds:
                    times[name].append(cpu_of(cmd)[0])
            med = {name: statistics.median(t) * 1000 for name, t in times.items()}
            print(f"{flags}: rows {counts}")
            for name in med:
                ratio = med[name] / med["berkeley"]
                print(f"  {name:9} {med[name]:8.1f} ms CPU (median of {a.rounds})  "
                      f"{ratio:5.2f}x berkeley  runs: "
                      + " ".join(f"{t * 1000:.1f}" for t in times[name]))
    finally:
        for p in holders:
            p.stdin.close()
            p.wait()


if __name__ == "__main__":
    main()

#!/bin/sh
# Regenerates the packet captures that tests/wire.rs parses (run as root, from the repo root).
# wire_lo.pcap:   loopback (tcpdump on lo: Ethernet framing with zero MACs).
# wire_tap.pcap:  a tap device in a network namespace this script creates;
#                 every checksum the kernel sent on it was computed in full by the kernel;
#                 includes ARP, IPv6 neighbour discovery, a TCP SYN with options, UDP over
#                 IPv4/IPv6 and an ICMP port-unreachable that quotes the UDP packet's IP header.
set -eu
out=tests/data
py=python3

# -- loopback --
tcpdump -i lo -w $out/wire_lo.pcap -U 'icmp or icmp6 or udp port 47001 or tcp port 47002' & td=$!
sleep 1
ping -c 2 -s 24 127.0.0.1 >/dev/null
ping -6 -c 2 -s 24 ::1 >/dev/null || true
$py - <<'PY'
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 47001))
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.sendto(b"hello, wire", ("127.0.0.1", 47001)); u.recv(64)
c.sendto(b"odd", ("127.0.0.1", 47001)); u.recv(64)
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("127.0.0.1", 47002)); l.listen(1)
t = socket.create_connection(("127.0.0.1", 47002)); a, _ = l.accept()
t.sendall(b"GET / HTTP/1.0\r\n\r\n"); a.recv(64); a.sendall(b"x" * 301); t.recv(512)
t.close(); a.close(); l.close()
try:
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::1", 47001))
    c6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); c6.sendto(b"hello, six", ("::1", 47001)); u6.recv(64)
except OSError:
    pass
PY
sleep 1; kill $td; wait $td || true

# -- a tap device in a namespace this script creates --
# (veth and 802.1Q captures: make_veth_captures.sh.) The kernel computes every checksum of what
# it sends out of a tap device that has no offloads negotiated. tap_peer.py holds the device open, injects an ICMP echo request, a UDP
# datagram to a closed port and a TCP SYN to a closed port (its own checksums), and the kernel
# answers with an echo reply, an ICMP port unreachable quoting the UDP packet, and a RST; the
# kernel also sends ARP requests, UDP over IPv4/IPv6, ICMPv6 echo and a TCP SYN with options.
ip netns add wirecap
trap 'ip netns del wirecap 2>/dev/null || true' EXIT
N="ip netns exec wirecap"
$N ip link set lo up
$N $py tests/data/tap_peer.py $out/wire_tap.pcap

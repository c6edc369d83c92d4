#!/bin/sh
# Regenerates the veth captures that tests/wire.rs parses (run as root, from the repo root, on
# x86_64 Linux; needs ip, tc, ethtool, tcpdump, ping, python3, unshare).
#
# Two network namespaces joined by a veth pair (v0 <-> v1), IPv4 and IPv6 on both; tcpdump
# listens on v0. Traffic from veth_traffic.py: ping, UDP datagrams of even and odd length
# echoed back, a TCP connection with data, and UDP to a closed port (the kernel answers ICMP /
# ICMPv6 port unreachable), over IPv4 and IPv6; plus ARP, neighbour discovery and MLD.
#
# wire_veth.pcap:         transmit checksum offload off on both ends (ethtool -K tx off): the
#                         kernel computes every TCP/UDP checksum in full before the frame
#                         leaves, so every checksum in the capture is final.
# wire_veth_vlan.pcap:    the same, every frame tagged 802.1Q VLAN 10 by the kernel: this
#                         kernel has no 8021q driver (`ip link add ... type vlan` fails) and
#                         no tc vlan action, so tc eBPF programs (vlan_bpf.py) call
#                         bpf_skb_vlan_push on egress and bpf_skb_vlan_pop on ingress of both
#                         ends. tcpdump sees the tag (libpcap puts back the out-of-band tag).
# wire_veth_offload.pcap: veth's default, offload on: TCP and UDP checksums travel as
#                         CHECKSUM_PARTIAL (veth never completes them and the receiver trusts
#                         the skb), so those fields hold only the folded pseudo-header sum. The
#                         IPv4 header and ICMP/ICMPv6 checksums are always computed in software.
set -eu
[ -n "${WIRECAP_UNSHARED:-}" ] || exec env WIRECAP_UNSHARED=1 unshare -m sh "$0" "$@"
out=tests/data
A=wirecap-a-$$
B=wirecap-b-$$
bpffs=$(mktemp -d)
ip netns add $A
ip netns add $B
trap 'ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true; umount $bpffs 2>/dev/null || true; rmdir $bpffs' EXIT
mount -t bpf bpf $bpffs
python3 tests/data/vlan_bpf.py $bpffs 10
ip -n $A link add v0 type veth peer name v1
ip -n $A link set v1 netns $B
for side in "$A v0 1" "$B v1 2"; do
    set -- $side
    ip -n $1 link set lo up
    ip -n $1 link set $2 address 02:00:00:00:00:0$3
    ip -n $1 link set $2 up
    ip -n $1 addr add 192.0.2.$3/24 dev $2
    ip -n $1 addr add 2001:db8::$3/64 dev $2 nodad
    ip netns exec $1 tc qdisc add dev $2 clsact
done

each_end() { # CMD...: runs `ip netns exec NS CMD... DEV` on both ends
    ip netns exec $A "$@" v0
    ip netns exec $B "$@" v1
}

capture() { # FILE
    each_end ip neigh flush dev
    ip netns exec $A tcpdump -i v0 -w "$1" -U -s 0 \
        'arp or icmp or icmp6 or udp port 47011 or udp port 47019 or tcp port 47012 or (vlan and (arp or icmp or icmp6 or udp port 47011 or udp port 47019 or tcp port 47012))' \
        2>/dev/null & td=$!
    sleep 1
    ip netns exec $B python3 tests/data/veth_traffic.py serve & srv=$!
    sleep 0.5
    for dst in 192.0.2.2 2001:db8::2; do
        ip netns exec $A ping -c 1 -s 24 $dst >/dev/null
    done
    ip netns exec $A python3 tests/data/veth_traffic.py client 192.0.2.2 2001:db8::2
    kill $srv
    wait $srv 2>/dev/null || true
    sleep 1
    kill $td
    wait $td || true
}

ip netns exec $A ethtool -K v0 tx off >/dev/null
ip netns exec $B ethtool -K v1 tx off >/dev/null
capture $out/wire_veth.pcap

for end in "$A v0" "$B v1"; do
    set -- $end
    ip netns exec $1 tc filter add dev $2 egress bpf da pinned $bpffs/push
    ip netns exec $1 tc filter add dev $2 ingress bpf da pinned $bpffs/pop
done
capture $out/wire_veth_vlan.pcap
for end in "$A v0" "$B v1"; do
    set -- $end
    ip netns exec $1 tc filter del dev $2 egress
    ip netns exec $1 tc filter del dev $2 ingress
done

ip netns exec $A ethtool -K v0 tx on >/dev/null
ip netns exec $B ethtool -K v1 tx on >/dev/null
capture $out/wire_veth_offload.pcap

//! wire/ benches: berkeley against pnet_packet, smoltcp, etherparse, internet-checksum, ip4sum
//! and a plain loop, every competitor in the same group.
//!
//! Three ways to run:
//! - `cargo bench --bench wire`: criterion (medians; noisy on a shared machine).
//! - `WIRE_INTERLEAVED=1 cargo bench --bench wire`: the interleaved min-time method. Every
//!   implementation of a workload takes turns in ~20 µs slices for many rounds, and each one's
//!   fastest slice counts; the table prints ns/op and the ratio to berkeley. Load from other
//!   processes slows some slices, but rarely all of them, so the minimum is stable run to run.
//! - `WIRE_COUNT=N [WIRE_IMPL=NAME]`: runs each selected implementation N times and exits, for
//!   instruction counts under callgrind (see `count`).

use std::hint::black_box;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::time::{Duration, Instant};

use berkeley::wire::{
    checksum, EthernetFrame, Icmpv4Packet, Icmpv4Repr, IpProtocol, Ipv4Packet, Ipv4Repr,
    Ipv6Packet, Ipv6Repr, PseudoHeader, TcpFlags, TcpPacket, TcpRepr, UdpPacket, UdpRepr,
};
use berkeley::{EtherType, MacAddr};
use criterion::Criterion;

/// One implementation of a workload: runs it `n` times and returns the elapsed time.
type Timer = Box<dyn Fn(u64) -> Duration>;

fn timer<R>(f: impl Fn() -> R + 'static) -> Timer {
    Box::new(move |n| {
        let t = Instant::now();
        for _ in 0..n {
            black_box(f());
        }
        t.elapsed()
    })
}

struct Workload {
    name: String,
    impls: Vec<(&'static str, Timer)>,
}

fn data(len: usize) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// The textbook loop, for reference.
fn plain_loop(d: &[u8]) -> u16 {
    let mut sum = 0u32;
    let mut chunks = d.chunks_exact(2);
    for c in &mut chunks {
        sum += u32::from(u16::from_be_bytes([c[0], c[1]]));
    }
    if let [b] = chunks.remainder() {
        sum += u32::from(*b) << 8;
    }
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

fn checksum_workloads(out: &mut Vec<Workload>) {
    for len in [20usize, 64, 1500, 9000, 65536] {
        let d: &'static [u8] = Box::leak(data(len).into_boxed_slice());
        out.push(Workload {
            name: format!("checksum {len} B"),
            impls: vec![
                ("berkeley", timer(move || checksum::checksum(black_box(d)))),
                ("pnet", timer(move || pnet_packet::util::checksum(black_box(d), d.len()))),
                // smoltcp's checksum module is private; an ICMPv4 verify is its sum over the
                // whole buffer and one compare.
                (
                    "smoltcp",
                    timer(move || {
                        smoltcp::wire::Icmpv4Packet::new_unchecked(black_box(d)).verify_checksum()
                    }),
                ),
                (
                    "etherparse",
                    timer(move || {
                        etherparse::checksum::Sum16BitWords::new()
                            .add_slice(black_box(d))
                            .ones_complement()
                    }),
                ),
                ("internet-checksum", timer(move || internet_checksum::checksum(black_box(d)))),
                ("ip4sum", timer(move || ip4sum::checksum(black_box(d)))),
                ("plain loop", timer(move || plain_loop(black_box(d)))),
            ],
        });
    }
    let d: &'static [u8] = Box::leak(data(1500).into_boxed_slice());
    let (a, b, c) = (&d[..20], &d[20..40], &d[40..]);
    out.push(Workload {
        name: "checksum 1500 B streamed 20+20+1460".into(),
        impls: vec![
            (
                "berkeley",
                timer(move || {
                    let mut s = checksum::Checksum::new();
                    s.update(black_box(a));
                    s.update(black_box(b));
                    s.update(black_box(c));
                    s.finish()
                }),
            ),
            (
                "etherparse",
                timer(move || {
                    etherparse::checksum::Sum16BitWords::new()
                        .add_slice(black_box(a))
                        .add_slice(black_box(b))
                        .add_slice(black_box(c))
                        .ones_complement()
                }),
            ),
            (
                "internet-checksum",
                timer(move || {
                    let mut s = internet_checksum::Checksum::new();
                    s.add_bytes(black_box(a));
                    s.add_bytes(black_box(b));
                    s.add_bytes(black_box(c));
                    s.checksum()
                }),
            ),
            (
                "ip4sum",
                timer(move || {
                    let mut s = ip4sum::Checksum::new();
                    s.update(black_box(a));
                    s.update(black_box(b));
                    s.update(black_box(c));
                    s.finalize()
                }),
            ),
        ],
    });
    // RFC 1624: one 16-bit field of a 20-byte IPv4 header changes.
    let hdr: &'static [u8] = Box::leak(
        vec![
            0x45, 0, 0, 0x54, 0xa4, 0x64, 0x40, 0, 0x40, 1, 0x12, 0x41, 192, 0, 2, 1, 192, 0, 2, 2,
        ]
        .into_boxed_slice(),
    );
    out.push(Workload {
        name: "RFC 1624 update of one 16-bit field".into(),
        impls: vec![
            (
                "berkeley",
                timer(move || {
                    checksum::update_u16(black_box(0x1241), black_box(0x4001), black_box(0x3f01))
                }),
            ),
            (
                "internet-checksum",
                timer(move || {
                    internet_checksum::update(
                        black_box([0x12, 0x41]),
                        black_box(&[0x40, 0x01]),
                        black_box(&[0x3f, 0x01]),
                    )
                }),
            ),
            ("recompute (berkeley)", timer(move || checksum::checksum(black_box(hdr)))),
        ],
    });
}

// -- whole packets --

const SRC4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1);
const DST4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 2);
const SRC6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
const DST6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);

fn eth(buf: &mut [u8], ethertype: EtherType) -> usize {
    let repr = berkeley::wire::EthernetRepr {
        src_addr: MacAddr::new([2, 0, 0, 0, 0, 1]),
        dst_addr: MacAddr::new([2, 0, 0, 0, 0, 2]),
        vlan: None,
        ethertype,
    };
    repr.emit(buf).unwrap();
    14
}

fn ipv4_frame(
    proto: IpProtocol,
    l4_len: usize,
    fill: impl FnOnce(&mut [u8], &PseudoHeader),
) -> Vec<u8> {
    let mut buf = vec![0u8; 14 + 20 + l4_len];
    let at = eth(&mut buf, EtherType::IPV4);
    let repr = Ipv4Repr {
        src_addr: SRC4,
        dst_addr: DST4,
        protocol: proto,
        payload_len: l4_len,
        ttl: 64,
        ..Default::default()
    };
    let mut ip = repr.emit(&mut buf[at..]).unwrap();
    let ph = ip.pseudo_header();
    fill(ip.payload_mut(), &ph);
    buf
}

fn tcp_frame(payload: usize) -> Vec<u8> {
    let p = data(payload);
    ipv4_frame(IpProtocol::TCP, 20 + payload, |b, ph| {
        let repr = TcpRepr {
            src_port: 40000,
            dst_port: 80,
            seq_number: 1,
            ack_number: 1,
            flags: TcpFlags::ACK,
            window_len: 512,
            payload: &p,
            ..Default::default()
        };
        repr.emit(b, ph).unwrap();
    })
}

fn udp_frame(payload: usize) -> Vec<u8> {
    let p = data(payload);
    ipv4_frame(IpProtocol::UDP, 8 + payload, |b, ph| {
        UdpRepr { src_port: 40000, dst_port: 53, payload: &p }.emit(b, ph).unwrap();
    })
}

fn icmp_frame(payload: usize) -> Vec<u8> {
    let p = data(payload);
    ipv4_frame(IpProtocol::ICMP, 8 + payload, |b, _| {
        Icmpv4Repr::EchoRequest { ident: 1, seq_no: 1, data: &p }.emit(b).unwrap();
    })
}

fn udp6_frame(payload: usize) -> Vec<u8> {
    let p = data(payload);
    let mut buf = vec![0u8; 14 + 40 + 8 + payload];
    let at = eth(&mut buf, EtherType::IPV6);
    let repr = Ipv6Repr {
        src_addr: SRC6,
        dst_addr: DST6,
        next_header: IpProtocol::UDP,
        payload_len: 8 + payload,
        hop_limit: 64,
        traffic_class: 0,
        flow_label: 0,
    };
    let mut ip = repr.emit(&mut buf[at..]).unwrap();
    let ph = ip.pseudo_header();
    UdpRepr { src_port: 40000, dst_port: 53, payload: &p }.emit(ip.payload_mut(), &ph).unwrap();
    buf
}

/// Parse Ethernet + IP + transport and verify every checksum.
fn berkeley_verify(f: &[u8]) -> bool {
    let Ok(eth) = EthernetFrame::new_checked(f) else { return false };
    match eth.ethertype() {
        EtherType::IPV4 => {
            let Ok(ip) = Ipv4Packet::new_checked(eth.payload()) else { return false };
            if !ip.verify_checksum() {
                return false;
            }
            let ph = ip.pseudo_header();
            match ip.protocol() {
                IpProtocol::TCP => {
                    TcpPacket::new_checked(ip.payload()).is_ok_and(|t| t.verify_checksum(&ph))
                }
                IpProtocol::UDP => {
                    UdpPacket::new_checked(ip.payload()).is_ok_and(|u| u.verify_checksum(&ph))
                }
                IpProtocol::ICMP => {
                    Icmpv4Packet::new_checked(ip.payload()).is_ok_and(|i| i.verify_checksum())
                }
                _ => false,
            }
        }
        EtherType::IPV6 => {
            let Ok(ip) = Ipv6Packet::new_checked(eth.payload()) else { return false };
            let ph = ip.pseudo_header();
            ip.next_header() == IpProtocol::UDP
                && UdpPacket::new_checked(ip.payload()).is_ok_and(|u| u.verify_checksum(&ph))
        }
        _ => false,
    }
}

fn smoltcp_verify(f: &[u8]) -> bool {
    use smoltcp::wire::{
        EthernetFrame, EthernetProtocol, Icmpv4Packet, IpAddress, IpProtocol, Ipv4Packet,
        Ipv6Packet, TcpPacket, UdpPacket,
    };
    let Ok(eth) = EthernetFrame::new_checked(f) else { return false };
    match eth.ethertype() {
        EthernetProtocol::Ipv4 => {
            let Ok(ip) = Ipv4Packet::new_checked(eth.payload()) else { return false };
            if !ip.verify_checksum() {
                return false;
            }
            let (s, d) = (IpAddress::Ipv4(ip.src_addr()), IpAddress::Ipv4(ip.dst_addr()));
            match ip.next_header() {
                IpProtocol::Tcp => {
                    TcpPacket::new_checked(ip.payload()).is_ok_and(|t| t.verify_checksum(&s, &d))
                }
                IpProtocol::Udp => {
                    UdpPacket::new_checked(ip.payload()).is_ok_and(|u| u.verify_checksum(&s, &d))
                }
                IpProtocol::Icmp => {
                    Icmpv4Packet::new_checked(ip.payload()).is_ok_and(|i| i.verify_checksum())
                }
                _ => false,
            }
        }
        EthernetProtocol::Ipv6 => {
            let Ok(ip) = Ipv6Packet::new_checked(eth.payload()) else { return false };
            let (s, d) = (IpAddress::Ipv6(ip.src_addr()), IpAddress::Ipv6(ip.dst_addr()));
            ip.next_header() == IpProtocol::Udp
                && UdpPacket::new_checked(ip.payload()).is_ok_and(|u| u.verify_checksum(&s, &d))
        }
        _ => false,
    }
}

fn pnet_verify(f: &[u8]) -> bool {
    use pnet_packet::ethernet::{EtherTypes, EthernetPacket};
    use pnet_packet::icmp::IcmpPacket;
    use pnet_packet::ip::IpNextHeaderProtocols;
    use pnet_packet::ipv4::Ipv4Packet;
    use pnet_packet::ipv6::Ipv6Packet;
    use pnet_packet::tcp::TcpPacket;
    use pnet_packet::udp::UdpPacket;
    use pnet_packet::Packet;
    let Some(eth) = EthernetPacket::new(f) else { return false };
    match eth.get_ethertype() {
        EtherTypes::Ipv4 => {
            let Some(ip) = Ipv4Packet::new(eth.payload()) else { return false };
            if pnet_packet::ipv4::checksum(&ip) != ip.get_checksum() {
                return false;
            }
            let (s, d) = (ip.get_source(), ip.get_destination());
            match ip.get_next_level_protocol() {
                IpNextHeaderProtocols::Tcp => TcpPacket::new(ip.payload()).is_some_and(|t| {
                    pnet_packet::tcp::ipv4_checksum(&t, &s, &d) == t.get_checksum()
                }),
                IpNextHeaderProtocols::Udp => UdpPacket::new(ip.payload()).is_some_and(|u| {
                    pnet_packet::udp::ipv4_checksum(&u, &s, &d) == u.get_checksum()
                }),
                IpNextHeaderProtocols::Icmp => IcmpPacket::new(ip.payload())
                    .is_some_and(|i| pnet_packet::icmp::checksum(&i) == i.get_checksum()),
                _ => false,
            }
        }
        EtherTypes::Ipv6 => {
            let Some(ip) = Ipv6Packet::new(eth.payload()) else { return false };
            let (s, d) = (ip.get_source(), ip.get_destination());
            UdpPacket::new(ip.payload())
                .is_some_and(|u| pnet_packet::udp::ipv6_checksum(&u, &s, &d) == u.get_checksum())
        }
        _ => false,
    }
}

fn verify_workloads(out: &mut Vec<Workload>) {
    let frames: Vec<(String, Vec<u8>)> = vec![
        ("Eth+IPv4+TCP 54 B".into(), tcp_frame(0)),
        ("Eth+IPv4+UDP 106 B".into(), udp_frame(64)),
        ("Eth+IPv4+ICMP echo 98 B".into(), icmp_frame(56)),
        ("Eth+IPv4+TCP 1502 B".into(), tcp_frame(1448)),
        ("Eth+IPv4+UDP 1514 B".into(), udp_frame(1472)),
        ("Eth+IPv6+UDP 72 B".into(), udp6_frame(10)),
        ("Eth+IPv6+UDP 1460 B".into(), udp6_frame(1398)),
    ];
    for (name, f) in frames {
        assert_eq!(
            f.len(),
            name.split(' ').rev().nth(1).unwrap().parse::<usize>().unwrap(),
            "{name}"
        );
        let f: &'static [u8] = Box::leak(f.into_boxed_slice());
        assert!(
            berkeley_verify(f) && smoltcp_verify(f) && pnet_verify(f),
            "{name}: all must verify"
        );
        out.push(Workload {
            name: format!("verify all checksums, {name}"),
            impls: vec![
                ("berkeley", timer(move || berkeley_verify(black_box(f)))),
                ("smoltcp", timer(move || smoltcp_verify(black_box(f)))),
                ("pnet", timer(move || pnet_verify(black_box(f)))),
            ],
        });
    }
}

fn emit_workloads(out: &mut Vec<Workload>) {
    for payload in [64usize, 1472] {
        let p: &'static [u8] = Box::leak(data(payload).into_boxed_slice());
        let len = 20 + 8 + payload;
        out.push(Workload {
            name: format!("emit UDP/IPv4 + both checksums, {payload} B payload"),
            impls: vec![
                (
                    "berkeley",
                    timer(move || {
                        let mut buf = [0u8; 1500];
                        let repr = Ipv4Repr {
                            src_addr: SRC4,
                            dst_addr: DST4,
                            protocol: IpProtocol::UDP,
                            payload_len: 8 + payload,
                            ttl: 64,
                            ..Default::default()
                        };
                        let mut ip = repr.emit(&mut buf[..len]).unwrap();
                        let ph = ip.pseudo_header();
                        UdpRepr { src_port: 40000, dst_port: 53, payload: black_box(p) }
                            .emit(ip.payload_mut(), &ph)
                            .unwrap();
                        buf[26]
                    }),
                ),
                (
                    "smoltcp",
                    timer(move || {
                        use smoltcp::phy::ChecksumCapabilities;
                        use smoltcp::wire::{
                            IpAddress, IpProtocol, Ipv4Packet, Ipv4Repr, UdpPacket, UdpRepr,
                        };
                        let mut buf = [0u8; 1500];
                        let caps = ChecksumCapabilities::default();
                        let repr = Ipv4Repr {
                            src_addr: SRC4,
                            dst_addr: DST4,
                            next_header: IpProtocol::Udp,
                            payload_len: 8 + payload,
                            hop_limit: 64,
                        };
                        let mut ip = Ipv4Packet::new_unchecked(&mut buf[..len]);
                        repr.emit(&mut ip, &caps);
                        let mut udp = UdpPacket::new_unchecked(ip.payload_mut());
                        UdpRepr { src_port: 40000, dst_port: 53 }.emit(
                            &mut udp,
                            &IpAddress::Ipv4(SRC4),
                            &IpAddress::Ipv4(DST4),
                            payload,
                            |b| b.copy_from_slice(black_box(p)),
                            &caps,
                        );
                        buf[26]
                    }),
                ),
            ],
        });
    }
}

fn workloads() -> Vec<Workload> {
    let mut out = Vec::new();
    checksum_workloads(&mut out);
    verify_workloads(&mut out);
    emit_workloads(&mut out);
    out
}

/// The interleaved min-time method (see the file's docs).
fn interleaved(filter: Option<&str>) {
    let rounds: u32 = std::env::var("WIRE_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(300);
    let slice = Duration::from_micros(20);
    for w in workloads() {
        if filter.is_some_and(|f| !w.name.contains(f)) {
            continue;
        }
        // Calibrate each implementation's iteration count to ~20 µs.
        let counts: Vec<u64> = w
            .impls
            .iter()
            .map(|(_, t)| {
                let mut n = 1u64;
                while t(n) < slice && n < 1 << 30 {
                    n *= 2;
                }
                n
            })
            .collect();
        let mut best = vec![f64::INFINITY; w.impls.len()];
        for _ in 0..rounds {
            for (i, (_, t)) in w.impls.iter().enumerate() {
                let ns = t(counts[i]).as_nanos() as f64 / counts[i] as f64;
                best[i] = best[i].min(ns);
            }
        }
        println!("{}", w.name);
        for (i, (name, _)) in w.impls.iter().enumerate() {
            println!("  {name:<22} {:>10.2} ns   {:>6.2}x berkeley", best[i], best[i] / best[0]);
        }
    }
}

/// Instruction counting (deterministic, unlike time on a shared machine): runs every selected
/// implementation `count` times and nothing else, for `valgrind --tool=callgrind`.
/// `WIRE_IMPL=NAME` selects one implementation. The instructions per operation are the
/// difference of two runs' totals ("Collected" on stderr), over N:
///
/// ```text
/// cargo bench --bench wire --no-run   # prints the binary's path: target/release/deps/wire-HASH
/// for n in 0 20000; do
///   WIRE_COUNT=$n WIRE_IMPL=berkeley valgrind --tool=callgrind --callgrind-out-file=/dev/null \
///     target/release/deps/wire-HASH "TCP 54 B" 2>&1 | grep Collected
/// done
/// ```
fn count(filter: Option<&str>, count: u64) {
    let only = std::env::var("WIRE_IMPL").ok();
    for w in workloads() {
        if filter.is_some_and(|f| !w.name.contains(f)) {
            continue;
        }
        for (name, t) in &w.impls {
            if only.as_deref().map_or(true, |o| o == *name) {
                black_box(t(count));
            }
        }
    }
}

fn main() {
    // `cargo bench --bench wire -- FILTER`: the last non-flag argument filters workloads.
    let filter = std::env::args().skip(1).rfind(|a| !a.starts_with('-'));
    if let Some(n) = std::env::var("WIRE_COUNT").ok().and_then(|n| n.parse().ok()) {
        count(filter.as_deref(), n);
        return;
    }
    if std::env::var_os("WIRE_INTERLEAVED").is_some() {
        interleaved(filter.as_deref());
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    for w in workloads() {
        let mut g = c.benchmark_group(w.name.clone());
        for (name, t) in &w.impls {
            g.bench_function(*name, |b| b.iter_custom(t));
        }
        g.finish();
    }
    c.final_summary();
}

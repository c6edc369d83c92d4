//! wire/: checksums against a naive reference (scalar and SIMD side by side), RFC examples,
//! Repr round trips and no-panic proptests for every view, and real captures made on this
//! machine (tests/data/make_wire_captures.sh) whose checksums must agree with the kernel's.

use std::net::{Ipv4Addr, Ipv6Addr};

use berkeley::wire::checksum::{self, Checksum};
use berkeley::wire::icmpv4::{ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_TIME_EXCEEDED};
use berkeley::wire::{
    ArpOperation, ArpPacket, ArpRepr, EthernetFrame, EthernetRepr, Header, Icmpv4Packet,
    Icmpv4Repr, Icmpv6Packet, Icmpv6Repr, IpProtocol, Ipv4Packet, Ipv4Repr, Ipv6Packet, Ipv6Repr,
    PacketError, PseudoHeader, SackBlock, TcpFlags, TcpOption, TcpPacket, TcpRepr, TcpTimestamps,
    UdpPacket, UdpRepr, VlanTag,
};
use berkeley::{EtherType, MacAddr};
use proptest::prelude::*;

// -- checksum --

/// The textbook loop: big-endian words, 32-bit accumulator, carries folded at the end.
fn naive_sum(data: &[u8]) -> u16 {
    let mut acc: u64 = 0;
    for pair in data.chunks(2) {
        let hi = u64::from(pair[0]) << 8;
        let lo = pair.get(1).map_or(0, |&b| u64::from(b));
        acc += hi | lo;
    }
    while acc >> 16 != 0 {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u16
}

fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Every path must agree: the public sum, the scalar twin, and each SIMD kernel the CPU has.
fn all_paths_agree(data: &[u8]) {
    let want = naive_sum(data);
    assert_eq!(checksum::sum(data), want, "sum, len {}", data.len());
    assert_eq!(u16::from_be(checksum::scalar_sum_ne(data)), want, "scalar, len {}", data.len());
    assert_eq!(u16::from_be(checksum::fast_sum_ne(data)), want, "fast, len {}", data.len());
    #[cfg(target_arch = "x86_64")]
    {
        assert_eq!(u16::from_be(fold(checksum::simd_sse2(data))), want, "sse2, len {}", data.len());
        if is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked on the line above).
            let avx2 = unsafe { checksum::simd_avx2(data) };
            assert_eq!(u16::from_be(fold(avx2)), want, "avx2, len {}", data.len());
        }
    }
    #[cfg(all(target_arch = "aarch64", target_endian = "little"))]
    assert_eq!(u16::from_be(fold(checksum::simd_neon(data))), want, "neon, len {}", data.len());
}

#[cfg(any(target_arch = "x86_64", all(target_arch = "aarch64", target_endian = "little")))]
fn fold(mut acc: u64) -> u16 {
    while acc >> 16 != 0 {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u16
}

#[test]
fn checksum_rfc1071_example() {
    // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2 (checksum 220d).
    let data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
    assert_eq!(checksum::sum(&data), 0xddf2);
    assert_eq!(checksum::checksum(&data), 0x220d);
}

#[test]
fn checksum_every_length_and_offset_matches_naive() {
    let random = pseudo_random(2048 + 8, 0x1234_5678);
    let ones = vec![0xffu8; 2048 + 8]; // every add carries
    for buf in [&random, &ones] {
        for off in 0..8 {
            for len in 0..=2048 {
                all_paths_agree(&buf[off..off + len]);
            }
        }
    }
}

#[test]
fn checksum_large_buffers_cross_the_simd_block_flushes() {
    // SSE2 flushes its lanes every 2 MiB, AVX2 every 8 MiB: go past both, with all-ones
    // (the largest lane values) and random bytes.
    let len = 9 * 1024 * 1024 + 13;
    all_paths_agree(&vec![0xffu8; len]);
    all_paths_agree(&pseudo_random(len, 99)[1..]);
}

#[test]
fn checksum_pseudo_headers() {
    // The ICMPv6 echo reply on loopback (captured): header and payload, checksum 0x1c4a in it.
    let src = Ipv6Addr::LOCALHOST;
    let mut c = checksum::pseudo_header_v6(src, src, IpProtocol::ICMPV6, 8);
    c.update(&[129, 0, 0, 0, 0, 1, 0, 1]);
    let want = {
        let mut b = Vec::new();
        b.extend_from_slice(&src.octets());
        b.extend_from_slice(&src.octets());
        b.extend_from_slice(&8u32.to_be_bytes());
        b.extend_from_slice(&[0, 0, 0, 58]);
        b.extend_from_slice(&[129, 0, 0, 0, 0, 1, 0, 1]);
        naive_sum(&b)
    };
    assert_eq!(c.sum(), want);
    let (a, b) = (Ipv4Addr::new(192, 0, 2, 1), Ipv4Addr::new(198, 51, 100, 2));
    let c = checksum::pseudo_header_v4(a, b, IpProtocol::UDP, 1479);
    let mut bytes = a.octets().to_vec();
    bytes.extend_from_slice(&b.octets());
    bytes.extend_from_slice(&[0, 17]);
    bytes.extend_from_slice(&1479u16.to_be_bytes());
    assert_eq!(c.sum(), naive_sum(&bytes));
}

#[test]
fn checksum_rfc1624_corner() {
    // RFC 1624 §4: recomputation gives 0x0000; RFC 1141's equation gave 0xffff.
    let others: u16 = 0xcd7a;
    let hc = !fold16(u32::from(others) + 0x5555);
    assert_eq!(hc, 0xdd2f);
    let recomputed = !fold16(u32::from(others) + 0x3285);
    assert_eq!(recomputed, 0x0000);
    assert_eq!(checksum::update_u16(hc, 0x5555, 0x3285), recomputed);
    assert_eq!(checksum::update_bytes(hc, 0, &[0x55, 0x55], &[0x32, 0x85]), recomputed);
}

/// The pseudo-header's bytes as RFC 768 and RFC 8200 §8.1 lay them out, for the naive
/// reference.
fn pseudo_bytes(ph: &PseudoHeader, proto: u8, len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    match ph {
        PseudoHeader::V4 { src, dst } => {
            out.extend_from_slice(&src.octets());
            out.extend_from_slice(&dst.octets());
            out.extend_from_slice(&[0, proto]);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        }
        PseudoHeader::V6 { src, dst } => {
            out.extend_from_slice(&src.octets());
            out.extend_from_slice(&dst.octets());
            out.extend_from_slice(&(len as u32).to_be_bytes());
            out.extend_from_slice(&[0, 0, 0, proto]);
        }
    }
    out
}

/// Writes the checksum that makes `covered` (with `prefix` before it) sum to 0xffff into
/// `data[at..at + 2]`, by the naive loop.
fn fill_naive(prefix: &[u8], data: &mut [u8], at: usize) {
    data[at..at + 2].fill(0);
    let all = [prefix, data].concat();
    let c = !naive_sum(&all);
    data[at..at + 2].copy_from_slice(&c.to_be_bytes());
}

#[test]
fn verify_checksum_agrees_with_the_naive_sum_at_every_length() {
    // Every view's verify_checksum against the textbook sum of the bytes it covers, at every
    // length from the short add-with-carry paths through the SIMD kernels: with the right
    // checksum (it must verify), and with single bits flipped anywhere in the covered bytes (a
    // flip changes the sum by a power of two, never a multiple of 0xffff, so it must not).
    let ph4 =
        PseudoHeader::V4 { src: Ipv4Addr::new(192, 0, 2, 1), dst: Ipv4Addr::new(198, 51, 100, 7) };
    let ph6 = PseudoHeader::V6 {
        src: Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1),
        dst: Ipv6Addr::new(0xfe80, 0, 0, 0, 0x0202, 0xb3ff, 0xfe1e, 0x8329),
    };
    let flips = |len: usize, seed: u64| -> Vec<usize> {
        let r = pseudo_random(4, seed);
        let bits = 8 * len;
        vec![
            0,
            bits - 1,
            usize::from(r[0]) * 256 % bits,
            (usize::from(r[1]) << 8 | usize::from(r[2])) % bits,
        ]
    };
    let (mut verified, mut rejected) = (0u32, 0u32);
    for len in 0..=300usize {
        for seed in 1..=3u64 {
            let mut data = pseudo_random(len, seed * 7919 + len as u64);
            // ICMPv4: the checksum at 2..4 covers the whole message.
            if len >= 8 {
                fill_naive(&[], &mut data, 2);
                assert!(
                    Icmpv4Packet::new_checked(&data[..]).unwrap().verify_checksum(),
                    "ICMP {len}"
                );
                verified += 1;
                for bit in flips(len, seed) {
                    data[bit / 8] ^= 1 << (bit % 8);
                    assert_ne!(naive_sum(&data), 0xffff);
                    assert!(
                        !Icmpv4Packet::new_checked(&data[..]).unwrap().verify_checksum(),
                        "ICMP {len} bit {bit}"
                    );
                    rejected += 1;
                    data[bit / 8] ^= 1 << (bit % 8);
                }
            }
            // TCP (data offset 5), over both pseudo-headers: the checksum at 16..18.
            if len >= 20 {
                data[12] = 0x50;
                for ph in [&ph4, &ph6] {
                    let prefix = pseudo_bytes(ph, 6, len);
                    fill_naive(&prefix, &mut data, 16);
                    assert!(
                        TcpPacket::new_checked(&data[..]).unwrap().verify_checksum(ph),
                        "TCP {len}"
                    );
                    verified += 1;
                    for bit in flips(len, seed) {
                        data[bit / 8] ^= 1 << (bit % 8);
                        if let Ok(tcp) = TcpPacket::new_checked(&data[..]) {
                            assert!(!tcp.verify_checksum(ph), "TCP {len} bit {bit}");
                            rejected += 1;
                        }
                        data[bit / 8] ^= 1 << (bit % 8);
                    }
                }
            }
            // UDP, the length field = the buffer: the checksum at 6..8.
            if len >= 8 {
                data[4..6].copy_from_slice(&(len as u16).to_be_bytes());
                for ph in [&ph4, &ph6] {
                    let prefix = pseudo_bytes(ph, 17, len);
                    fill_naive(&prefix, &mut data, 6);
                    if data[6..8] == [0, 0] {
                        data[6..8].copy_from_slice(&[0xff, 0xff]); // 0 means "no checksum"
                    }
                    assert!(
                        UdpPacket::new_checked(&data[..]).unwrap().verify_checksum(ph),
                        "UDP {len}"
                    );
                    verified += 1;
                    for bit in flips(len, seed) {
                        if (32..48).contains(&bit) {
                            continue; // the length field: another datagram, not a corrupt one
                        }
                        data[bit / 8] ^= 1 << (bit % 8);
                        let udp = UdpPacket::new_checked(&data[..]).unwrap();
                        let no_checksum =
                            data[6..8] == [0, 0] && matches!(ph, PseudoHeader::V4 { .. });
                        assert_eq!(udp.verify_checksum(ph), no_checksum, "UDP {len} bit {bit}");
                        rejected += u32::from(!no_checksum);
                        data[bit / 8] ^= 1 << (bit % 8);
                    }
                }
            }
        }
    }
    // IPv4 headers of every IHL, options included: the checksum at 10..12 covers the header.
    for ihl in 5..=15usize {
        for seed in 1..=20u64 {
            let hl = ihl * 4;
            let mut h = pseudo_random(hl, seed * 31 + ihl as u64);
            h[0] = 0x40 | ihl as u8;
            h[2..4].copy_from_slice(&(hl as u16).to_be_bytes());
            fill_naive(&[], &mut h, 10);
            assert!(Ipv4Packet::new_checked(&h[..]).unwrap().verify_checksum(), "IHL {ihl}");
            verified += 1;
            for bit in flips(hl, seed).into_iter().filter(|b| !(0..32).contains(b)) {
                h[bit / 8] ^= 1 << (bit % 8);
                assert!(
                    !Ipv4Packet::new_checked(&h[..]).unwrap().verify_checksum(),
                    "IHL {ihl} bit {bit}"
                );
                rejected += 1;
                h[bit / 8] ^= 1 << (bit % 8);
            }
        }
    }
    assert!(verified > 2500 && rejected > 8000, "{verified} verified, {rejected} rejected");
}

fn fold16(mut s: u32) -> u16 {
    while s >> 16 != 0 {
        s = (s & 0xffff) + (s >> 16);
    }
    s as u16
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn checksum_streaming_equals_one_shot(data in proptest::collection::vec(any::<u8>(), 0..600),
                                          cuts in proptest::collection::vec(any::<usize>(), 0..6)) {
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (data.len() + 1)).collect();
        cuts.sort_unstable();
        let mut c = Checksum::new();
        let mut parts = Vec::new();
        let mut last = 0;
        for &cut in cuts.iter().chain(std::iter::once(&data.len())) {
            c.update(&data[last..cut]);
            let mut p = Checksum::new();
            p.update(&data[last..cut]);
            parts.push(p);
            last = cut;
        }
        prop_assert_eq!(c.sum(), naive_sum(&data));
        let mut combined = Checksum::new();
        for p in &parts {
            combined.combine(p);
        }
        prop_assert_eq!(combined.sum(), naive_sum(&data));
    }

    #[test]
    fn checksum_incremental_equals_recomputation(
        data in proptest::collection::vec(any::<u8>(), 2..200),
        at in any::<usize>(),
        field_len in 1usize..6,
        new in proptest::collection::vec(any::<u8>(), 6),
    ) {
        let at = at % data.len();
        let field_len = field_len.min(data.len() - at);
        let hc = checksum::checksum(&data);
        let mut changed = data.clone();
        changed[at..at + field_len].copy_from_slice(&new[..field_len]);
        let recomputed = checksum::checksum(&changed);
        let updated = checksum::update_bytes(hc, at, &data[at..at + field_len], &new[..field_len]);
        if changed.iter().all(|&b| b == 0) {
            // All-zero data: +0 and -0 are the same one's-complement number.
            prop_assert!(updated == 0 || updated == 0xffff);
        } else {
            prop_assert_eq!(updated, recomputed);
        }
        if at % 2 == 0 && field_len == 2 {
            let (o, n) = (u16::from_be_bytes([data[at], data[at + 1]]), u16::from_be_bytes([new[0], new[1]]));
            let u16_updated = checksum::update_u16(hc, o, n);
            prop_assert!(u16_updated == recomputed || changed.iter().all(|&b| b == 0));
        }
        if at % 2 == 0 && at + 4 <= data.len() {
            let mut c4 = data.clone();
            c4[at..at + 4].copy_from_slice(&new[..4]);
            let o = u32::from_be_bytes(data[at..at + 4].try_into().unwrap());
            let n = u32::from_be_bytes(new[..4].try_into().unwrap());
            if c4.iter().any(|&b| b != 0) {
                prop_assert_eq!(checksum::update_u32(hc, o, n), checksum::checksum(&c4));
            }
        }
    }
}

// -- errors --

#[test]
fn packet_errors_are_typed_and_say_where() {
    let err = UdpPacket::new_checked(&[0u8; 5][..]).unwrap_err();
    assert_eq!(err, PacketError::Truncated { header: Header::Udp, need: 8, got: 5 });
    let e: berkeley::Error = err.into();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    assert_eq!(e.to_string(), "UDP: truncated: need 8 bytes, got 5");
    assert!(format!("{e:?}").starts_with("Packet(Truncated"));
    let io: std::io::Error = e.into();
    assert_eq!(io.kind(), std::io::ErrorKind::InvalidData);

    let mut ip = [0u8; 20];
    ip[0] = 0x44;
    assert_eq!(
        Ipv4Packet::new_checked(&ip[..]).unwrap_err(),
        PacketError::BadLength { header: Header::Ipv4, field: "IHL", value: 4 }
    );
    ip[0] = 0x45;
    ip[3] = 19;
    assert_eq!(
        Ipv4Packet::new_checked(&ip[..]).unwrap_err(),
        PacketError::BadLength { header: Header::Ipv4, field: "total length", value: 19 }
    );
    ip[3] = 21;
    assert_eq!(
        Ipv4Packet::new_checked(&ip[..]).unwrap_err(),
        PacketError::Truncated { header: Header::Ipv4, need: 21, got: 20 }
    );
    let mut tcp = [0u8; 20];
    tcp[12] = 0x40;
    assert_eq!(
        TcpPacket::new_checked(&tcp[..]).unwrap_err(),
        PacketError::BadLength { header: Header::Tcp, field: "data offset", value: 4 }
    );
    let mut v6 = [0u8; 40];
    v6[0] = 0x40;
    assert_eq!(
        Ipv6Packet::new_checked(&v6[..]).unwrap_err(),
        PacketError::BadVersion { header: Header::Ipv6, expected: 6, found: 4 }
    );
}

#[test]
fn bad_checksum_says_expected_and_found() {
    let repr = Icmpv4Repr::EchoRequest { ident: 1, seq_no: 2, data: b"abc" };
    let mut buf = [0u8; 11];
    let good = repr.emit(&mut buf).unwrap().checksum();
    buf[2] ^= 0x10;
    let icmp = Icmpv4Packet::new_checked(&buf[..]).unwrap();
    assert_eq!(
        Icmpv4Repr::parse(&icmp).unwrap_err(),
        PacketError::BadChecksum { header: Header::Icmpv4, expected: good, found: good ^ 0x1000 }
    );
}

#[test]
fn tcp_options_malformed() {
    use berkeley::wire::TcpOptions;
    let errs = |b: &[u8]| TcpOptions::new(b).filter_map(Result::err).collect::<Vec<_>>();
    assert_eq!(errs(&[2]), [PacketError::Truncated { header: Header::TcpOption, need: 2, got: 1 }]);
    assert_eq!(
        errs(&[9, 1]),
        [PacketError::BadLength { header: Header::TcpOption, field: "length", value: 1 }]
    );
    assert_eq!(
        errs(&[2, 5, 0, 0, 0]),
        [PacketError::BadLength { header: Header::TcpOption, field: "length", value: 5 }]
    );
    assert_eq!(errs(&[5, 9, 0, 0, 0, 0, 0, 0, 0]).len(), 1); // SACK: 2 + 8n
    assert_eq!(
        errs(&[8, 20, 0]),
        [PacketError::Truncated { header: Header::TcpOption, need: 20, got: 3 }]
    );
    // Unknown kinds are kept with their data; EOL ends the walk.
    let opts: Vec<_> = TcpOptions::new(&[30, 4, 7, 8, 0, 2, 4]).collect::<Result<_, _>>().unwrap();
    assert_eq!(opts, [TcpOption::Unknown { kind: 30, data: &[7, 8] }, TcpOption::EndOfList]);
}

// -- round trips and arbitrary bytes --

fn mac() -> impl Strategy<Value = MacAddr> {
    any::<[u8; 6]>().prop_map(MacAddr::new)
}
fn v4() -> impl Strategy<Value = Ipv4Addr> {
    any::<[u8; 4]>().prop_map(Ipv4Addr::from)
}
fn v6() -> impl Strategy<Value = Ipv6Addr> {
    any::<[u8; 16]>().prop_map(Ipv6Addr::from)
}
fn ph() -> impl Strategy<Value = PseudoHeader> {
    prop_oneof![
        (v4(), v4()).prop_map(|(src, dst)| PseudoHeader::V4 { src, dst }),
        (v6(), v6()).prop_map(|(src, dst)| PseudoHeader::V6 { src, dst }),
    ]
}
fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn ethernet_round_trip(src in mac(), dst in mac(), ty in any::<u16>(), tag in proptest::option::of((0u8..8, any::<bool>(), 0u16..4096)), extra in 0usize..4) {
        let ethertype = EtherType::from_raw(ty);
        prop_assume!(tag.is_some() || ethertype != EtherType::VLAN);
        let repr = EthernetRepr { src_addr: src, dst_addr: dst, vlan: tag.map(|(pcp, dei, vid)| VlanTag { pcp, dei, vid }), ethertype };
        let mut buf = vec![0u8; repr.buffer_len() + extra];
        let frame = repr.emit(&mut buf).unwrap();
        prop_assert_eq!(frame.payload().len(), extra);
        prop_assert_eq!(EthernetRepr::parse(&EthernetFrame::new_checked(&buf[..]).unwrap()).unwrap(), repr);
    }

    #[test]
    fn arp_round_trip(op in any::<u16>(), sha in mac(), spa in v4(), tha in mac(), tpa in v4()) {
        let repr = ArpRepr { operation: ArpOperation::new(op), sender_hardware_addr: sha, sender_protocol_addr: spa, target_hardware_addr: tha, target_protocol_addr: tpa };
        let mut buf = [0u8; 28];
        repr.emit(&mut buf).unwrap();
        prop_assert_eq!(ArpRepr::parse(&ArpPacket::new_checked(&buf[..]).unwrap()).unwrap(), repr);
    }

    #[test]
    fn ipv4_round_trip(src in v4(), dst in v4(), proto in any::<u8>(), payload_len in 0usize..100, ttl in any::<u8>(), dscp in 0u8..64, ecn in 0u8..4, ident in any::<u16>(), df in any::<bool>(), mf in any::<bool>(), frag in 0u16..8192, pad in 0usize..4) {
        let repr = Ipv4Repr { src_addr: src, dst_addr: dst, protocol: IpProtocol::new(proto), payload_len, ttl, dscp, ecn, ident, dont_frag: df, more_frags: mf, frag_offset: frag * 8 };
        let mut buf = vec![0u8; repr.buffer_len() + pad];
        let ip = repr.emit(&mut buf).unwrap();
        prop_assert!(ip.verify_checksum());
        let ip = Ipv4Packet::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(ip.payload().len(), payload_len);
        prop_assert_eq!(Ipv4Repr::parse(&ip).unwrap(), repr);
    }

    #[test]
    fn ipv6_round_trip(src in v6(), dst in v6(), nh in any::<u8>(), payload_len in 0usize..100, hops in any::<u8>(), tc in any::<u8>(), flow in 0u32..(1 << 20)) {
        let repr = Ipv6Repr { src_addr: src, dst_addr: dst, next_header: IpProtocol::new(nh), payload_len, hop_limit: hops, traffic_class: tc, flow_label: flow };
        let mut buf = vec![0u8; repr.buffer_len()];
        repr.emit(&mut buf).unwrap();
        prop_assert_eq!(Ipv6Repr::parse(&Ipv6Packet::new_checked(&buf[..]).unwrap()).unwrap(), repr);
    }

    #[test]
    fn udp_round_trip(sp in any::<u16>(), dp in any::<u16>(), payload in bytes(300), ph in ph()) {
        let repr = UdpRepr { src_port: sp, dst_port: dp, payload: &payload };
        let mut buf = vec![0u8; repr.buffer_len()];
        let udp = repr.emit(&mut buf, &ph).unwrap();
        prop_assert!(udp.checksum() != 0);
        let udp = UdpPacket::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(UdpRepr::parse(&udp, &ph).unwrap(), repr);
    }

    #[test]
    fn icmpv4_round_trip(kind in 0u8..5, a in any::<u16>(), b in any::<u16>(), code in any::<u8>(), other_type in any::<u8>(), rest in any::<u32>(), data in bytes(100)) {
        let repr = match kind {
            0 => Icmpv4Repr::EchoRequest { ident: a, seq_no: b, data: &data },
            1 => Icmpv4Repr::EchoReply { ident: a, seq_no: b, data: &data },
            2 => Icmpv4Repr::DstUnreachable { code, next_hop_mtu: b, quoted: &data },
            3 => Icmpv4Repr::TimeExceeded { code, quoted: &data },
            _ => {
                prop_assume!(![ICMP_ECHO, ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED].contains(&other_type));
                Icmpv4Repr::Other { msg_type: other_type, code, rest_of_header: rest, data: &data }
            }
        };
        let mut buf = vec![0u8; repr.buffer_len()];
        repr.emit(&mut buf).unwrap();
        let icmp = Icmpv4Packet::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(Icmpv4Repr::parse(&icmp).unwrap(), repr);
    }

    #[test]
    fn icmpv6_round_trip(kind in 0u8..6, a in any::<u16>(), b in any::<u16>(), code in any::<u8>(), other_type in any::<u8>(), rest in any::<u32>(), data in bytes(100), src in v6(), dst in v6()) {
        let ph = PseudoHeader::V6 { src, dst };
        let repr = match kind {
            0 => Icmpv6Repr::EchoRequest { ident: a, seq_no: b, data: &data },
            1 => Icmpv6Repr::EchoReply { ident: a, seq_no: b, data: &data },
            2 => Icmpv6Repr::DstUnreachable { code, quoted: &data },
            3 => Icmpv6Repr::PacketTooBig { mtu: rest, quoted: &data },
            4 => Icmpv6Repr::TimeExceeded { code, quoted: &data },
            _ => {
                prop_assume!(![1, 2, 3, 128, 129].contains(&other_type));
                Icmpv6Repr::Other { msg_type: other_type, code, rest_of_header: rest, data: &data }
            }
        };
        let mut buf = vec![0u8; repr.buffer_len()];
        repr.emit(&mut buf, &ph).unwrap();
        let icmp = Icmpv6Packet::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(Icmpv6Repr::parse(&icmp, &ph).unwrap(), repr);
    }

    #[test]
    fn tcp_round_trip(sp in any::<u16>(), dp in any::<u16>(), seq in any::<u32>(), ack in any::<u32>(), flags in 0u16..0x200, win in any::<u16>(), urg in any::<u16>(),
                      mss in proptest::option::of(any::<u16>()), ws in proptest::option::of(any::<u8>()), sp_ok in any::<bool>(),
                      ts in proptest::option::of((any::<u32>(), any::<u32>())), sacks in proptest::collection::vec((any::<u32>(), any::<u32>()), 0..5),
                      payload in bytes(200), ph in ph()) {
        let mut sack_ranges = [None; 4];
        for (slot, (left, right)) in sack_ranges.iter_mut().zip(sacks) {
            *slot = Some(SackBlock { left, right });
        }
        let repr = TcpRepr {
            src_port: sp, dst_port: dp, seq_number: seq, ack_number: ack, flags: TcpFlags::from_bits(flags),
            window_len: win, urgent_at: urg, max_seg_size: mss, window_scale: ws, sack_permitted: sp_ok,
            sack_ranges, timestamps: ts.map(|(tsval, tsecr)| TcpTimestamps { tsval, tsecr }), payload: &payload,
        };
        let mut buf = vec![0u8; repr.buffer_len()];
        match repr.emit(&mut buf, &ph) {
            Ok(tcp) => prop_assert!(tcp.verify_checksum(&ph)),
            Err(PacketError::BadLength { header: Header::Tcp, value, .. }) => {
                prop_assert!(value > 40);
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        }
        let tcp = TcpPacket::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(TcpRepr::parse(&tcp, &ph).unwrap(), repr);
    }

    /// Whatever the bytes, every view and every parse returns Ok or Err: no panic, no
    /// out-of-bounds read.
    #[test]
    fn arbitrary_bytes_never_panic(b in bytes(120), ph in ph()) {
        poke_everything(&b, &ph);
    }
}

/// Calls every getter, parser and iterator on `b` through every view.
fn poke_everything(b: &[u8], ph: &PseudoHeader) {
    if let Ok(f) = EthernetFrame::new_checked(b) {
        let _ = (f.dst_addr(), f.src_addr(), f.ethertype(), f.vlan(), f.payload(), f.header_len());
        let _ = EthernetRepr::parse(&f);
    }
    if let Ok(a) = ArpPacket::new_checked(b) {
        let _ = (a.hardware_type(), a.protocol_type(), a.operation());
        let _ = (
            a.sender_hardware_addr(),
            a.sender_protocol_addr(),
            a.target_hardware_addr(),
            a.target_protocol_addr(),
        );
        let _ = ArpRepr::parse(&a);
    }
    if let Ok(ip) = Ipv4Packet::new_checked(b) {
        let _ = (ip.version(), ip.header_len(), ip.dscp(), ip.ecn(), ip.total_len(), ip.ident());
        let _ = (
            ip.dont_frag(),
            ip.more_frags(),
            ip.frag_offset(),
            ip.ttl(),
            ip.protocol(),
            ip.checksum(),
        );
        let _ = (ip.src_addr(), ip.dst_addr(), ip.options(), ip.payload(), ip.verify_checksum());
        let _ = Ipv4Repr::parse(&ip);
    }
    if let Ok(ip) = Ipv6Packet::new_checked(b) {
        let _ = (
            ip.traffic_class(),
            ip.flow_label(),
            ip.payload_len(),
            ip.next_header(),
            ip.hop_limit(),
        );
        let _ = (ip.src_addr(), ip.dst_addr(), ip.payload());
        let _ = Ipv6Repr::parse(&ip);
    }
    if let Ok(icmp) = Icmpv4Packet::new_checked(b) {
        let _ = (icmp.msg_type(), icmp.code(), icmp.echo_ident(), icmp.echo_seq_no(), icmp.data());
        if let Ok(q) = icmp.quoted_packet() {
            let _ = (q.payload(), q.options(), q.src_addr(), q.total_len(), q.verify_checksum());
        }
        let _ = Icmpv4Repr::parse(&icmp);
    }
    if let Ok(icmp) = Icmpv6Packet::new_checked(b) {
        let _ = (icmp.msg_type(), icmp.rest_of_header(), icmp.data(), icmp.verify_checksum(ph));
        let _ = Icmpv6Repr::parse(&icmp, ph);
    }
    if let Ok(udp) = UdpPacket::new_checked(b) {
        let _ = (udp.src_port(), udp.dst_port(), udp.len(), udp.payload(), udp.verify_checksum(ph));
        let _ = UdpRepr::parse(&udp, ph);
    }
    if let Ok(tcp) = TcpPacket::new_checked(b) {
        let _ = (
            tcp.seq_number(),
            tcp.ack_number(),
            tcp.flags(),
            tcp.window_len(),
            tcp.urgent_at(),
            tcp.payload(),
        );
        for opt in tcp.options() {
            if let Ok(TcpOption::Sack(blocks)) = opt {
                let _ = blocks.iter().count();
            }
        }
        let _ = TcpRepr::parse(&tcp, ph);
    }
}

// -- real captures --

/// The packets of a classic pcap file (little-endian, microsecond timestamps, as tcpdump -w
/// writes here), each as its captured bytes. Panics on a malformed file: the files are ours.
fn pcap(name: &str) -> Vec<Vec<u8>> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(&data[..4], &[0xd4, 0xc3, 0xb2, 0xa1], "{name}: not a little-endian pcap");
    let link = u32::from_le_bytes(data[20..24].try_into().unwrap());
    assert_eq!(link, 1, "{name}: not Ethernet (DLT_EN10MB)");
    let mut out = Vec::new();
    let mut at = 24;
    while at < data.len() {
        let incl = u32::from_le_bytes(data[at + 8..at + 12].try_into().unwrap()) as usize;
        let orig = u32::from_le_bytes(data[at + 12..at + 16].try_into().unwrap()) as usize;
        assert_eq!(incl, orig, "{name}: packet cut short by the snap length");
        out.push(data[at + 16..at + 16 + incl].to_vec());
        at += 16 + incl;
    }
    out
}

/// What a capture held, to show the tests were not vacuous.
#[derive(Debug, Default)]
struct Seen {
    arp: usize,
    icmp4: usize,
    icmp4_error: usize,
    icmp6: usize,
    udp4: usize,
    udp6: usize,
    tcp: usize,
    tcp_with_options: usize,
    partial: usize,
    vlan: usize,
}

/// How the kernel left the TCP/UDP checksums.
#[derive(Clone, Copy, PartialEq)]
enum Kernel {
    /// Computed in full (a real device without offload).
    Full,
    /// CHECKSUM_PARTIAL (loopback, and veth with transmit offload on): the field holds the
    /// folded pseudo-header sum only.
    Partial,
}

/// Parses every frame of capture `name`: every view, every checksum against what `kernel` did,
/// every repr re-emitted. `closed_port` is the port the capture's ICMP port-unreachable
/// messages quote.
fn check_capture(name: &str, kernel: Kernel, closed_port: u16) -> Seen {
    let mut seen = Seen::default();
    for (i, frame) in pcap(name).iter().enumerate() {
        let ctx = format!("{name} packet {}", i + 1);
        let eth = EthernetFrame::new_checked(&frame[..]).expect(&ctx);
        if let Some(tag) = eth.vlan() {
            assert_eq!(tag, VlanTag { pcp: 0, dei: false, vid: 10 }, "{ctx}: VLAN tag");
            seen.vlan += 1;
        }
        let repr = EthernetRepr::parse(&eth).unwrap();
        let mut again = vec![0u8; frame.len()];
        repr.emit(&mut again).unwrap();
        assert_eq!(again[..eth.header_len()], frame[..eth.header_len()], "{ctx}: Ethernet re-emit");
        match eth.ethertype() {
            EtherType::ARP => {
                let arp = ArpPacket::new_checked(eth.payload()).expect(&ctx);
                let repr = ArpRepr::parse(&arp).expect(&ctx);
                let mut again = [0u8; 28];
                repr.emit(&mut again).unwrap();
                assert_eq!(again[..], eth.payload()[..28], "{ctx}: ARP re-emit");
                seen.arp += 1;
            }
            EtherType::IPV4 => {
                let ip = Ipv4Packet::new_checked(eth.payload()).expect(&ctx);
                assert!(ip.verify_checksum(), "{ctx}: IPv4 header checksum");
                let repr = Ipv4Repr::parse(&ip).expect(&ctx);
                if ip.header_len() == 20 {
                    let mut again = vec![0u8; repr.buffer_len()];
                    repr.emit(&mut again).unwrap();
                    assert_eq!(again[..20], *ip.header(), "{ctx}: IPv4 re-emit");
                }
                let ph = ip.pseudo_header();
                upper(&ctx, ip.protocol(), ip.payload(), &ph, (kernel, closed_port), &mut seen);
            }
            EtherType::IPV6 => {
                let ip = Ipv6Packet::new_checked(eth.payload()).expect(&ctx);
                let repr = Ipv6Repr::parse(&ip).expect(&ctx);
                let mut again = vec![0u8; repr.buffer_len()];
                repr.emit(&mut again).unwrap();
                assert_eq!(again[..40], eth.payload()[..40], "{ctx}: IPv6 re-emit");
                if ip.next_header() == IpProtocol::HOPOPTS {
                    continue; // MLD behind a hop-by-hop header: not parsed here
                }
                let ph = ip.pseudo_header();
                let at = (kernel, closed_port);
                upper(&ctx, ip.next_header(), ip.payload(), &ph, at, &mut seen);
            }
            other => panic!("{ctx}: unexpected {other:?}"),
        }
    }
    seen
}

fn upper(
    ctx: &str,
    proto: IpProtocol,
    payload: &[u8],
    ph: &PseudoHeader,
    (kernel, closed_port): (Kernel, u16),
    seen: &mut Seen,
) {
    match proto {
        IpProtocol::ICMP => {
            let icmp = Icmpv4Packet::new_checked(payload).expect(ctx);
            assert!(icmp.verify_checksum(), "{ctx}: ICMP checksum");
            let repr = Icmpv4Repr::parse(&icmp).expect(ctx);
            let mut again = vec![0u8; repr.buffer_len()];
            repr.emit(&mut again).unwrap();
            assert_eq!(again, payload, "{ctx}: ICMP re-emit");
            if let Icmpv4Repr::DstUnreachable { code: 3, .. } = repr {
                // Port unreachable: the quoted header is the UDP datagram that hit a closed port.
                let quoted = icmp.quoted_packet().expect(ctx);
                assert!(quoted.verify_checksum(), "{ctx}: quoted header checksum");
                assert_eq!(quoted.protocol(), IpProtocol::UDP);
                let udp = &quoted.payload()[..8];
                assert_eq!(u16::from_be_bytes([udp[2], udp[3]]), closed_port, "{ctx}: quoted port");
                seen.icmp4_error += 1;
            }
            seen.icmp4 += 1;
        }
        IpProtocol::ICMPV6 => {
            let icmp = Icmpv6Packet::new_checked(payload).expect(ctx);
            assert!(icmp.verify_checksum(ph), "{ctx}: ICMPv6 checksum");
            let repr = Icmpv6Repr::parse(&icmp, ph).expect(ctx);
            let mut again = vec![0u8; repr.buffer_len()];
            repr.emit(&mut again, ph).unwrap();
            assert_eq!(again, payload, "{ctx}: ICMPv6 re-emit");
            seen.icmp6 += 1;
        }
        IpProtocol::UDP => {
            let udp = UdpPacket::new_checked(payload).expect(ctx);
            if kernel == Kernel::Partial {
                assert_partial(ctx, udp.checksum(), ph, IpProtocol::UDP, payload.len());
                seen.partial += 1;
            } else {
                assert!(udp.verify_checksum(ph), "{ctx}: UDP checksum");
                let repr = UdpRepr::parse(&udp, ph).expect(ctx);
                if udp.checksum() != 0 {
                    let mut again = vec![0u8; repr.buffer_len()];
                    repr.emit(&mut again, ph).unwrap();
                    assert_eq!(again, payload, "{ctx}: UDP re-emit");
                }
            }
            match ph {
                PseudoHeader::V4 { .. } => seen.udp4 += 1,
                PseudoHeader::V6 { .. } => seen.udp6 += 1,
            }
        }
        IpProtocol::TCP => {
            let tcp = TcpPacket::new_checked(payload).expect(ctx);
            assert!(tcp.options().all(|o| o.is_ok()), "{ctx}: TCP options");
            if tcp.header_len() > 20 {
                seen.tcp_with_options += 1;
            }
            if kernel == Kernel::Partial {
                assert_partial(ctx, tcp.checksum(), ph, IpProtocol::TCP, payload.len());
                seen.partial += 1;
            } else {
                assert!(tcp.verify_checksum(ph), "{ctx}: TCP checksum");
                let repr = TcpRepr::parse(&tcp, ph).expect(ctx);
                let mut again = vec![0u8; repr.buffer_len()];
                let t = repr.emit(&mut again, ph).unwrap();
                assert!(t.verify_checksum(ph));
            }
            seen.tcp += 1;
        }
        other => panic!("{ctx}: unexpected protocol {other:?}"),
    }
}

/// On loopback Linux offloads the TCP/UDP checksum to a device that never computes it
/// (CHECKSUM_PARTIAL): the field holds the folded pseudo-header sum, not complemented.
fn assert_partial(ctx: &str, field: u16, ph: &PseudoHeader, proto: IpProtocol, len: usize) {
    assert_eq!(field, ph.sum(proto, len).sum(), "{ctx}: loopback partial checksum");
}

#[test]
fn capture_tap_device_checksums_agree_with_the_kernel() {
    let seen = check_capture("wire_tap.pcap", Kernel::Full, 47009);
    assert!(seen.arp >= 1, "{seen:?}");
    assert!(seen.icmp4 >= 3 && seen.icmp4_error == 1, "{seen:?}");
    assert!(seen.icmp6 >= 3, "{seen:?}");
    assert!(seen.udp4 >= 3 && seen.udp6 >= 1, "{seen:?}");
    assert!(seen.tcp >= 3 && seen.tcp_with_options >= 1, "{seen:?}");
}

#[test]
fn capture_loopback_parses_and_shows_partial_checksums() {
    let seen = check_capture("wire_lo.pcap", Kernel::Partial, 0);
    assert!(seen.icmp4 >= 4 && seen.icmp6 >= 4, "{seen:?}");
    assert!(seen.udp4 >= 2 && seen.tcp >= 8 && seen.tcp_with_options >= 8, "{seen:?}");
    assert_eq!(seen.partial, seen.udp4 + seen.udp6 + seen.tcp);
}

/// A veth pair with transmit checksum offload off (tests/data/make_veth_captures.sh): the kernel
/// computed every checksum in full, and each one verifies.
#[test]
fn capture_veth_checksums_agree_with_the_kernel() {
    let seen = check_capture("wire_veth.pcap", Kernel::Full, 47019);
    assert_eq!(seen.vlan, 0, "{seen:?}");
    veth_traffic_was_all_there(&seen);
}

/// The same traffic, every frame tagged 802.1Q VLAN 10 by the kernel (a tc eBPF program calls
/// bpf_skb_vlan_push: this kernel has no 8021q driver): the views see through the tag.
#[test]
fn capture_veth_vlan_tagged_frames_parse_and_verify() {
    let seen = check_capture("wire_veth_vlan.pcap", Kernel::Full, 47019);
    assert_eq!(seen.vlan, pcap("wire_veth_vlan.pcap").len(), "every frame is tagged: {seen:?}");
    veth_traffic_was_all_there(&seen);
}

/// veth's default, transmit offload on: TCP and UDP checksums are CHECKSUM_PARTIAL (the
/// pseudo-header sum only, never completed by veth), while the IPv4 header and ICMP/ICMPv6
/// checksums are computed in software and verify.
#[test]
fn capture_veth_offload_shows_partial_transport_checksums() {
    let seen = check_capture("wire_veth_offload.pcap", Kernel::Partial, 47019);
    veth_traffic_was_all_there(&seen);
    assert_eq!(seen.partial, seen.udp4 + seen.udp6 + seen.tcp, "{seen:?}");
}

/// What veth_traffic.py sends over IPv4 and IPv6, and the kernel's answers.
fn veth_traffic_was_all_there(seen: &Seen) {
    assert!(seen.arp >= 2, "{seen:?}");
    // Echo request + reply, and the port unreachable quoting the UDP datagram to port 47019.
    assert!(seen.icmp4 >= 3 && seen.icmp4_error == 1, "{seen:?}");
    // Echo request + reply, neighbour solicitation + advertisement, port unreachable.
    assert!(seen.icmp6 >= 5, "{seen:?}");
    // Even and odd length, each echoed, and one to the closed port.
    assert!(seen.udp4 == 5 && seen.udp6 == 5, "{seen:?}");
    assert!(seen.tcp >= 16 && seen.tcp_with_options >= 16, "{seen:?}");
}

#[test]
fn capture_tcp_syn_options() {
    // The kernel's SYN from the tap capture: mss 1460, sackOK, TS, nop, wscale 10.
    let frames = pcap("wire_tap.pcap");
    let syn = frames
        .iter()
        .filter_map(|f| {
            let eth = EthernetFrame::new_checked(&f[..]).ok()?;
            let ip = Ipv4Packet::new_checked(eth.payload()).ok()?;
            (ip.protocol() == IpProtocol::TCP).then(|| (ip.pseudo_header(), ip.payload().to_vec()))
        })
        .find(|(_, seg)| {
            TcpPacket::new_checked(&seg[..])
                .is_ok_and(|t| t.flags() == TcpFlags::SYN && t.header_len() == 40)
        })
        .expect("a SYN with options in wire_tap.pcap");
    let tcp = TcpPacket::new_checked(&syn.1[..]).unwrap();
    let repr = TcpRepr::parse(&tcp, &syn.0).unwrap();
    assert_eq!(repr.max_seg_size, Some(1460));
    assert_eq!(repr.window_scale, Some(10));
    assert!(repr.sack_permitted);
    assert!(repr.timestamps.is_some_and(|t| t.tsecr == 0));
    assert_eq!(repr.dst_port, 47002);
}

// -- the cases other crates get wrong (pnet_packet, etherparse, ip4sum: dev-dependencies) --

/// A UDP/IPv4 datagram with an odd-length payload, checksum filled by berkeley.
fn odd_udp() -> (PseudoHeader, Vec<u8>) {
    let ph =
        PseudoHeader::V4 { src: Ipv4Addr::new(192, 0, 2, 1), dst: Ipv4Addr::new(192, 0, 2, 2) };
    let repr = UdpRepr { src_port: 40000, dst_port: 47001, payload: b"odd payload" };
    let mut buf = vec![0u8; repr.buffer_len()];
    repr.emit(&mut buf, &ph).unwrap();
    (ph, buf)
}

#[test]
fn odd_length_pseudo_header_checksum_is_right() {
    let (ph, buf) = odd_udp();
    let PseudoHeader::V4 { src, dst } = ph else { unreachable!() };
    // The reference: pseudo-header bytes then the datagram, summed naively.
    let mut all = Vec::new();
    all.extend_from_slice(&src.octets());
    all.extend_from_slice(&dst.octets());
    all.extend_from_slice(&[0, 17, 0, buf.len() as u8]);
    all.extend_from_slice(&buf);
    assert_eq!(naive_sum(&all), 0xffff, "berkeley's UDP checksum verifies naively");
    assert!(UdpPacket::new_checked(&buf[..]).unwrap().verify_checksum(&ph));
    // pnet_packet 0.35 agrees here (the odd-byte bug reported against older pnet is gone).
    let udp = pnet_packet::udp::UdpPacket::new(&buf).unwrap();
    assert_eq!(pnet_packet::udp::ipv4_checksum(&udp, &src, &dst), udp.get_checksum());
}

#[test]
fn malformed_ipv4_is_an_error_not_a_panic() {
    // IHL 5, total length 10: shorter than the header.
    let mut b = [0u8; 24];
    b[0] = 0x45;
    b[3] = 10;
    assert_eq!(
        Ipv4Packet::new_checked(&b[..]).unwrap_err(),
        PacketError::BadLength { header: Header::Ipv4, field: "total length", value: 10 }
    );
    // pnet_packet 0.35 does not panic on this either (its issue #221 was about older versions);
    // the no-panic proptest above covers every view here on arbitrary bytes.
}

#[test]
fn parse_verifies_checksums() {
    let mut frame = vec![0u8; 14 + 28];
    frame[12] = 0x08;
    let repr =
        Ipv4Repr { protocol: IpProtocol::UDP, payload_len: 8, ttl: 64, ..Ipv4Repr::default() };
    repr.emit(&mut frame[14..]).unwrap();
    frame[14 + 8] = 1; // TTL changed, checksum not updated
    let ip = Ipv4Packet::new_checked(&frame[14..]).unwrap();
    assert!(matches!(
        Ipv4Repr::parse(&ip),
        Err(PacketError::BadChecksum { header: Header::Ipv4, .. })
    ));
    // etherparse parses it without complaint: it never verifies checksums while parsing.
    assert!(etherparse::SlicedPacket::from_ethernet(&frame).is_ok());
}

#[test]
fn streaming_odd_chunks_is_right() {
    let data = pseudo_random(101, 7);
    let want = naive_sum(&data);
    let chunks = [&data[..3], &data[3..20], &data[20..]];
    let mut c = Checksum::new();
    for ch in chunks {
        c.update(ch);
    }
    assert_eq!(c.sum(), want);
    // ip4sum and etherparse pad every odd chunk with a zero instead of carrying the byte.
    let mut ip4 = ip4sum::Checksum::new();
    for ch in chunks {
        ip4.update(ch);
    }
    assert_ne!(u16::from_be(ip4.finalize()), !want, "ip4sum now streams odd chunks right");
    let ep =
        chunks.iter().fold(etherparse::checksum::Sum16BitWords::new(), |s, ch| s.add_slice(ch));
    assert_ne!(ep.ones_complement(), !want, "etherparse now streams odd chunks right");
}

#[test]
fn streaming_every_chunk_size_with_carries_is_right() {
    // All-ones words make every 64-bit add carry: the streaming accumulator must wrap them
    // back in whatever the chunking (even and odd sizes, through every short-buffer path).
    for data in [vec![0xffu8; 300], pseudo_random(300, 11)] {
        let want = naive_sum(&data);
        for size in 1..=140 {
            let mut c = Checksum::new();
            for ch in data.chunks(size) {
                c.update(ch);
            }
            assert_eq!(c.sum(), want, "chunks of {size}");
        }
    }
}

#[test]
fn udp_emit_sends_a_computed_zero_checksum_as_all_ones() {
    // RFC 768: a computed checksum of zero goes on the wire as 0xffff (zero means "none").
    // Emit once, then pick the payload's last word so that the sum becomes 0xffff.
    let ph =
        PseudoHeader::V4 { src: Ipv4Addr::new(192, 0, 2, 1), dst: Ipv4Addr::new(192, 0, 2, 2) };
    let mut payload = [0x12u8, 0x34, 0, 0];
    let mut buf = [0u8; 12];
    let first =
        UdpRepr { src_port: 1234, dst_port: 53, payload: &payload }.emit(&mut buf, &ph).unwrap();
    let sum = !first.checksum(); // the one's-complement sum over everything
    payload[2..].copy_from_slice(&(!sum).to_be_bytes());
    let udp =
        UdpRepr { src_port: 1234, dst_port: 53, payload: &payload }.emit(&mut buf, &ph).unwrap();
    assert_eq!(udp.checksum(), 0xffff);
    assert!(udp.verify_checksum(&ph));
    // The view's fill_checksum, which sums the written bytes, agrees with emit's value sum.
    let mut view = UdpPacket::new_checked(buf).unwrap();
    view.fill_checksum(&ph);
    assert_eq!(view.checksum(), 0xffff);
}

#[test]
fn ipv4_emit_checksum_equals_fill_checksum() {
    // emit sums the header from the field values; fill_checksum sums the bytes.
    let repr = Ipv4Repr {
        src_addr: Ipv4Addr::new(203, 0, 113, 254),
        dst_addr: Ipv4Addr::new(255, 255, 255, 255),
        protocol: IpProtocol::TCP,
        payload_len: 65_515,
        ttl: 255,
        dscp: 63,
        ecn: 3,
        ident: 0xffff,
        dont_frag: true,
        more_frags: true,
        frag_offset: 65_528,
    };
    let mut buf = vec![0u8; repr.buffer_len()];
    let emitted = repr.emit(&mut buf).unwrap().checksum();
    let mut view = Ipv4Packet::new_checked(&mut buf[..]).unwrap();
    view.fill_checksum();
    assert_eq!(view.checksum(), emitted);
    assert!(view.verify_checksum());
}

#[test]
fn pseudo_header_lengths_on_both_sides_of_65535() {
    // Lengths up to 65535 take the in-memory-word path, longer ones (IPv6 jumbograms, RFC
    // 2675) the 32-bit sum: both must equal the naive sum of the pseudo-header's bytes.
    let (s4, d4) = (Ipv4Addr::new(198, 51, 100, 255), Ipv4Addr::new(255, 255, 255, 254));
    let (s6, d6) =
        (Ipv6Addr::new(0xffff, 0xfffe, 0, 1, 0x8000, 0, 0xffff, 0xffff), Ipv6Addr::LOCALHOST);
    for len in [0usize, 1, 255, 256, 0xfeff, 0xffff, 0x1_0000, 0x1_0001, 0xfffe_ffff, 0xffff_ffff] {
        for proto in [IpProtocol::UDP, IpProtocol::new(255)] {
            let len32 = u32::try_from(len).unwrap();
            let mut b = s4.octets().to_vec();
            b.extend_from_slice(&d4.octets());
            // IPv4's length field is 16 bits; a longer "length" is summed as 32 bits.
            b.extend_from_slice(&[0, proto.get()]);
            b.extend_from_slice(&len32.to_be_bytes());
            assert_eq!(
                checksum::pseudo_header_v4(s4, d4, proto, len).sum(),
                naive_sum(&b),
                "v4 {len}"
            );
            let mut b = s6.octets().to_vec();
            b.extend_from_slice(&d6.octets());
            b.extend_from_slice(&len32.to_be_bytes());
            b.extend_from_slice(&[0, 0, 0, proto.get()]);
            assert_eq!(
                checksum::pseudo_header_v6(s6, d6, proto, len).sum(),
                naive_sum(&b),
                "v6 {len}"
            );
        }
    }
    // Past 32 bits (only a usize can say it; no header can) nothing is cut either: the length
    // is summed as its four 16-bit words, so 2^32 + 5 is not taken for 5.
    #[cfg(target_pointer_width = "64")]
    for len in
        [0x1_0000_0000usize, 0x1_0000_0005, 0xffff_0000_0001, 0x8000_0000_0000_0000, usize::MAX]
    {
        let proto = IpProtocol::TCP;
        let mut b = s4.octets().to_vec();
        b.extend_from_slice(&d4.octets());
        b.extend_from_slice(&[0, proto.get()]);
        b.extend_from_slice(&(len as u64).to_be_bytes());
        let v4 = checksum::pseudo_header_v4(s4, d4, proto, len).sum();
        assert_eq!(v4, naive_sum(&b), "v4 {len:#x}");
        let mut b = s6.octets().to_vec();
        b.extend_from_slice(&d6.octets());
        b.extend_from_slice(&(len as u64).to_be_bytes());
        b.extend_from_slice(&[0, 0, 0, proto.get()]);
        assert_eq!(
            checksum::pseudo_header_v6(s6, d6, proto, len).sum(),
            naive_sum(&b),
            "v6 {len:#x}"
        );
        let cut = len & 0xffff_ffff;
        if (len >> 32) % 0xffff != 0 {
            assert_ne!(v4, checksum::pseudo_header_v4(s4, d4, proto, cut).sum(), "v4 {len:#x} cut");
        }
    }
}

#[test]
fn views_keep_their_checked_lengths_and_types_in_step_with_the_bytes() {
    // EthernetFrame keeps the EtherType it read, Ipv4Packet the IHL and the payload's end:
    // setters must write the bytes and the kept value alike, and getters must give what the
    // bytes say.
    for tagged in [false, true] {
        let mut frame = [0u8; 30];
        let hl = if tagged { 18 } else { 14 };
        if tagged {
            frame[12..14].copy_from_slice(&[0x81, 0x00]);
            frame[14..16].copy_from_slice(&[0x00, 0x0a]);
        }
        frame[hl - 2..hl].copy_from_slice(&[0x08, 0x00]);
        let mut eth = EthernetFrame::new_checked(&mut frame[..]).unwrap();
        assert_eq!((eth.ethertype(), eth.header_len()), (EtherType::IPV4, hl));
        eth.set_ethertype(EtherType::ARP);
        assert_eq!(eth.ethertype(), EtherType::ARP);
        eth.payload_mut()[0] = 0x5a;
        assert_eq!(frame[hl - 2..=hl], [0x08, 0x06, 0x5a], "tagged {tagged}");
        let again = EthernetFrame::new_checked(&frame[..]).unwrap();
        assert_eq!((again.ethertype(), again.payload()[0]), (EtherType::ARP, 0x5a));
    }
    // IHL 6 (one 4-byte option), total length 30 in a 32-byte buffer.
    let mut b = [0u8; 32];
    b[0] = 0x46;
    b[2..4].copy_from_slice(&30u16.to_be_bytes());
    b[20..24].copy_from_slice(&[1, 1, 1, 0]);
    let mut ip = Ipv4Packet::new_checked(&mut b[..]).unwrap();
    assert_eq!((ip.header_len(), ip.options(), ip.payload().len()), (24, &[1, 1, 1, 0][..], 6));
    ip.payload_mut().copy_from_slice(&[9, 8, 7, 6, 5, 4]);
    ip.fill_checksum();
    assert!(ip.verify_checksum());
    assert_eq!(b[24..32], [9, 8, 7, 6, 5, 4, 0, 0]);
    let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
    assert_eq!((ip.header(), ip.payload()), (&b[..24], &[9, 8, 7, 6, 5, 4][..]));
    // A quoted header whose packet was cut: the payload is what the buffer holds.
    let mut icmp = vec![3u8, 1, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&b[..27]);
    let icmp = Icmpv4Packet::new_checked(&icmp[..]).unwrap();
    let quoted = icmp.quoted_packet().unwrap();
    assert_eq!(
        (quoted.header_len(), quoted.total_len(), quoted.payload()),
        (24, 30, &[9, 8, 7][..])
    );
}

//! `wire` edge cases the mutation run (`.ci/mutants.sh --all wire`) found untested: the protocol
//! number newtype's conversions and its `Debug` (the C name); every view's setters (the bytes
//! they write, and only those), the writable payloads, the getters the round trips cannot see,
//! and the `Repr::parse` guards and `emit` bytes, against frames captured on a tap device
//! (tests/data/wire_tap.pcap) or built by hand from the RFCs.

use berkeley::wire::IpProtocol;

/// Runs `set` on a copy of `base` and checks what it wrote: exactly `want` at `at` (which must
/// differ from what was there, or the check proves nothing) and every other byte as it was.
/// Returns the written copy.
#[track_caller]
fn assert_writes(base: &[u8], at: usize, want: &[u8], set: impl FnOnce(&mut [u8])) -> Vec<u8> {
    let end = at + want.len();
    assert_ne!(&base[at..end], want, "the test writes what is already there");
    let mut b = base.to_vec();
    set(&mut b);
    assert_eq!(&b[at..end], want, "bytes {at}..{end}");
    assert_eq!(&b[..at], &base[..at], "a byte before {at} changed");
    assert_eq!(&b[end..], &base[end..], "a byte from {end} on changed");
    b
}

/// Frames captured on a tap device (tests/data/wire_tap.pcap, made by
/// tests/data/make_wire_captures.sh): 02:00:00:00:00:01 is 192.0.2.1 (the kernel), 02:..:02 is
/// 192.0.2.2 (the peer). The kernel computed every checksum in full.
mod capture {
    /// Frame 10: UDP 192.0.2.1:58144 > 192.0.2.2:47001, "hello, kernel".
    pub const UDP: [u8; 55] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08,
        0x00, // eth
        0x45, 0x00, 0x00, 0x29, 0x06, 0x6c, 0x40, 0x00, 0x40, 0x11, 0xb0, 0x54, // IPv4 ...
        0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, // ... 192.0.2.1 > 192.0.2.2
        0xe3, 0x20, 0xb7, 0x99, 0x00, 0x15, 0x3c, 0xc4, // UDP
        0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x2c, 0x20, 0x6b, 0x65, 0x72, 0x6e, 0x65, 0x6c,
    ];

    /// Frame 14: ICMP echo request 192.0.2.2 > 192.0.2.1, ident 0x4242, seq 1, "injected echo".
    pub const ECHO: [u8; 55] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x08,
        0x00, // eth
        0x45, 0x00, 0x00, 0x29, 0x12, 0x34, 0x40, 0x00, 0x40, 0x01, 0xa4, 0x9c, // IPv4 ...
        0xc0, 0x00, 0x02, 0x02, 0xc0, 0x00, 0x02, 0x01, // ... 192.0.2.2 > 192.0.2.1
        0x08, 0x00, 0x26, 0x42, 0x42, 0x42, 0x00, 0x01, // ICMP
        0x69, 0x6e, 0x6a, 0x65, 0x63, 0x74, 0x65, 0x64, 0x20, 0x65, 0x63, 0x68, 0x6f,
    ];

    /// Frame 17: ICMP port unreachable 192.0.2.1 > 192.0.2.2, quoting the UDP datagram
    /// 192.0.2.2:40000 > 192.0.2.1:47009 "nobody listens".
    pub const UNREACH: [u8; 84] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08,
        0x00, // eth
        0x45, 0xc0, 0x00, 0x46, 0xa6, 0x5a, 0x00, 0x00, 0x40, 0x01, 0x4f, 0x99, // IPv4 ...
        0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, // ... 192.0.2.1 > 192.0.2.2
        0x03, 0x03, 0x06, 0xf4, 0x00, 0x00, 0x00, 0x00, // ICMP type 3 code 3
        0x45, 0x00, 0x00, 0x2a, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xa4, 0x8b, // quoted IPv4
        0xc0, 0x00, 0x02, 0x02, 0xc0, 0x00, 0x02, 0x01, //
        0x9c, 0x40, 0xb7, 0xa1, 0x00, 0x16, 0x00, 0x00, // quoted UDP
        0x6e, 0x6f, 0x62, 0x6f, 0x64, 0x79, 0x20, 0x6c, 0x69, 0x73, 0x74, 0x65, 0x6e, 0x73,
    ];

    /// Frame 13: the kernel's SYN 192.0.2.1:52064 > 192.0.2.2:47002 (mss 1460, sackOK, TS,
    /// nop, wscale 10).
    pub const SYN: [u8; 74] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08,
        0x00, // eth
        0x45, 0x00, 0x00, 0x3c, 0xb5, 0xf3, 0x40, 0x00, 0x40, 0x06, 0x00, 0xc5, // IPv4 ...
        0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, // ... 192.0.2.1 > 192.0.2.2
        0xcb, 0x60, 0xb7, 0x9a, 0xc8, 0x05, 0x52, 0x28, 0x00, 0x00, 0x00,
        0x00, // ports, seq, ack
        0xa0, 0x02, 0xfa, 0xf0, 0x9f, 0x2a, 0x00, 0x00, // offset 10, SYN, window, sum, urg
        0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x68, 0xae, 0x24, 0x06, 0x00, 0x00, 0x00,
        0x00, 0x01, 0x03, 0x03, 0x0a,
    ];

    /// Frame 19: the kernel's RST|ACK 192.0.2.1:47010 > 192.0.2.2:40001, ack 1001.
    pub const RST: [u8; 54] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08,
        0x00, // eth
        0x45, 0x00, 0x00, 0x28, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0xb6, 0xcc, // IPv4 ...
        0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02, // ... 192.0.2.1 > 192.0.2.2
        0xb7, 0xa2, 0x9c, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
        0xe9, // ports, seq, ack
        0x50, 0x14, 0x00, 0x00, 0xd3, 0xff, 0x00, 0x00, // offset 5, RST|ACK, window 0
    ];

    /// The pseudo-header of the kernel's packets (192.0.2.1 > 192.0.2.2).
    pub fn kernel_ph() -> berkeley::wire::PseudoHeader {
        berkeley::wire::PseudoHeader::V4 {
            src: std::net::Ipv4Addr::new(192, 0, 2, 1),
            dst: std::net::Ipv4Addr::new(192, 0, 2, 2),
        }
    }
}

#[test]
fn the_captured_frames_are_the_files_bytes() {
    // The constants above are frames of the committed capture, byte for byte.
    let path = format!("{}/tests/data/wire_tap.pcap", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).unwrap();
    let mut frames = Vec::new();
    let mut at = 24;
    while at < data.len() {
        let incl = u32::from_le_bytes(data[at + 8..at + 12].try_into().unwrap()) as usize;
        frames.push(data[at + 16..at + 16 + incl].to_vec());
        at += 16 + incl;
    }
    assert_eq!(frames[10], capture::UDP);
    assert_eq!(frames[13], capture::SYN);
    assert_eq!(frames[14], capture::ECHO);
    assert_eq!(frames[17], capture::UNREACH);
    assert_eq!(frames[19], capture::RST);
}

#[test]
fn ip_protocol_converts_both_ways_and_prints_the_c_name() {
    for n in 0..=255u8 {
        let p = IpProtocol::from(n);
        assert_eq!(u8::from(p), n);
        assert_eq!(p.get(), n);
        assert_eq!(p, IpProtocol::new(n));
    }
    let names = [
        (IpProtocol::HOPOPTS, "IPPROTO_HOPOPTS"),
        (IpProtocol::ICMP, "IPPROTO_ICMP"),
        (IpProtocol::TCP, "IPPROTO_TCP"),
        (IpProtocol::UDP, "IPPROTO_UDP"),
        (IpProtocol::ICMPV6, "IPPROTO_ICMPV6"),
        (IpProtocol::new(132), "IpProtocol(132)"),
    ];
    for (p, name) in names {
        assert_eq!(format!("{p:?}"), name);
    }
}

mod arp {
    use berkeley::wire::{ArpOperation, ArpPacket, ArpRepr};
    use berkeley::EtherType;

    /// An Ethernet/IPv4 ARP request: who has 192.168.1.2? tell 192.168.1.1 (00:1a:2b:3c:4d:5e).
    const REQUEST: [u8; 28] = [
        0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01, // htype, ptype, hlen, plen, op
        0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 192, 168, 1, 1, // sender
        0, 0, 0, 0, 0, 0, 192, 168, 1, 2, // target
    ];

    #[test]
    fn ethernet_request_fields() {
        let p = ArpPacket::new_checked(&REQUEST[..]).unwrap();
        assert_eq!(p.hardware_type(), 1);
        assert_eq!(p.protocol_type(), EtherType::IPV4);
        assert_eq!((p.hardware_len(), p.protocol_len()), (6, 4));
        assert_eq!(p.operation(), ArpOperation::REQUEST);
        assert_eq!(p.sender_hardware_addr(), &[0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);
        assert_eq!(p.sender_protocol_addr(), &[192, 168, 1, 1]);
        assert_eq!(p.target_hardware_addr(), &[0; 6]);
        assert_eq!(p.target_protocol_addr(), &[192, 168, 1, 2]);
        let repr = ArpRepr::parse(&p).unwrap();
        assert_eq!(repr.sender_protocol_addr, std::net::Ipv4Addr::new(192, 168, 1, 1));
        assert_eq!(repr.target_protocol_addr, std::net::Ipv4Addr::new(192, 168, 1, 2));
        // A buffer of buffer_len() bytes is what emit needs, and it emits the same bytes.
        assert_eq!(repr.buffer_len(), REQUEST.len());
        let mut out = vec![0xee; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        assert_eq!(out, REQUEST);
        assert!(repr.emit(&mut vec![0; repr.buffer_len() - 1]).is_err());
    }

    #[test]
    fn other_address_lengths_are_sliced_by_the_header() {
        // hlen 8, plen 16 (no ARP profile has these; the view takes any lengths).
        let mut b = vec![0x00, 0x06, 0x86, 0xdd, 8, 16, 0x00, 0x02];
        for field in 1..=4u8 {
            let len = if field % 2 == 1 { 8 } else { 16 };
            b.extend((0..len).map(|i| field * 0x10 + i));
        }
        let p = ArpPacket::new_checked(&b[..]).unwrap();
        assert_eq!(p.hardware_type(), 6);
        assert_eq!(p.operation(), ArpOperation::REPLY);
        let want = |field: u8, len: u8| (0..len).map(|i| field * 0x10 + i).collect::<Vec<u8>>();
        assert_eq!(p.sender_hardware_addr(), want(1, 8));
        assert_eq!(p.sender_protocol_addr(), want(2, 16));
        assert_eq!(p.target_hardware_addr(), want(3, 8));
        assert_eq!(p.target_protocol_addr(), want(4, 16));
        assert!(ArpRepr::parse(&p).is_err()); // not Ethernet/IPv4
    }

    #[test]
    fn set_operation_turns_a_request_into_a_reply() {
        let mut b = REQUEST;
        let mut p = ArpPacket::new_checked(&mut b[..]).unwrap();
        p.set_operation(ArpOperation::REPLY);
        assert_eq!(p.operation(), ArpOperation::REPLY);
        assert_eq!(b[6..8], [0, 2]);
        assert_eq!(b[..6], REQUEST[..6]);
        assert_eq!(b[8..], REQUEST[8..]);
    }

    #[test]
    fn operation_number_and_c_name() {
        assert_eq!(ArpOperation::REQUEST.get(), 1);
        assert_eq!(ArpOperation::REPLY.get(), 2);
        assert_eq!(ArpOperation::new(3).get(), 3);
        assert_eq!(format!("{:?}", ArpOperation::REQUEST), "ARPOP_REQUEST");
        assert_eq!(format!("{:?}", ArpOperation::REPLY), "ARPOP_REPLY");
        assert_eq!(format!("{:?}", ArpOperation::new(8)), "ArpOperation(8)");
    }
}

mod ethernet {
    use super::{assert_writes, capture};
    use berkeley::wire::{EthernetFrame, EthernetRepr, Header, PacketError, VlanTag};
    use berkeley::{EtherType, MacAddr};

    /// An 802.1Q-tagged frame: VLAN 100 priority 1, IPv4 behind the tag, 3 payload bytes.
    const TAGGED: [u8; 21] = [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x81, 0x00, 0x20, 0x64, 0x08, 0x00, 0x45, 0x46, 0x47,
    ];

    #[test]
    fn address_setters_write_their_six_bytes_only() {
        let mac = MacAddr::new([0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f]);
        for base in [&capture::UDP[..], &TAGGED[..]] {
            let b = assert_writes(base, 0, &mac.octets(), |b| {
                EthernetFrame::new_checked(b).unwrap().set_dst_addr(mac)
            });
            assert_eq!(EthernetFrame::new_checked(&b[..]).unwrap().dst_addr(), mac);
            let b = assert_writes(base, 6, &mac.octets(), |b| {
                EthernetFrame::new_checked(b).unwrap().set_src_addr(mac)
            });
            assert_eq!(EthernetFrame::new_checked(&b[..]).unwrap().src_addr(), mac);
        }
    }

    #[test]
    fn set_ethertype_writes_the_type_field_behind_the_tag() {
        // Untagged: bytes 12..14.
        let b = assert_writes(&capture::UDP, 12, &[0x86, 0xdd], |b| {
            EthernetFrame::new_checked(b).unwrap().set_ethertype(EtherType::IPV6)
        });
        assert_eq!(EthernetFrame::new_checked(&b[..]).unwrap().ethertype(), EtherType::IPV6);
        // Tagged: bytes 16..18; the TPID (0x8100) and the tag stay.
        let b = assert_writes(&TAGGED, 16, &[0x08, 0x06], |b| {
            EthernetFrame::new_checked(b).unwrap().set_ethertype(EtherType::ARP)
        });
        let frame = EthernetFrame::new_checked(&b[..]).unwrap();
        assert_eq!(frame.ethertype(), EtherType::ARP);
        assert_eq!(frame.vlan(), Some(VlanTag { pcp: 1, dei: false, vid: 100 }));
        // A bare header (no payload byte to spill into) takes it too.
        let mut bare = [0u8; 14];
        EthernetFrame::new_checked(&mut bare[..]).unwrap().set_ethertype(EtherType::ARP);
        assert_eq!(bare[12..], [0x08, 0x06]);
    }

    #[test]
    fn payload_mut_is_the_bytes_after_the_header() {
        let mut b = capture::UDP;
        let mut frame = EthernetFrame::new_checked(&mut b[..]).unwrap();
        assert_eq!(frame.payload_mut().len(), 41);
        frame.payload_mut()[0] = 0x46;
        frame.payload_mut()[40] = b'L';
        assert_eq!(b[14], 0x46);
        assert_eq!(b[54], b'L');
        assert_eq!(b[..14], capture::UDP[..14]);
        assert_eq!(b[15..54], capture::UDP[15..54]);

        let mut b = TAGGED;
        let mut frame = EthernetFrame::new_checked(&mut b[..]).unwrap();
        assert_eq!(frame.payload_mut().len(), 3);
        frame.payload_mut().copy_from_slice(b"xyz");
        assert_eq!(b[..18], TAGGED[..18]);
        assert_eq!(&b[18..], b"xyz");
    }

    #[test]
    fn emit_refuses_the_vlan_type_without_a_tag() {
        // Written as it is, it would read back as a tagged frame (with the payload's first bytes
        // as the tag): the tag belongs in `vlan`.
        let repr = EthernetRepr {
            src_addr: MacAddr::new([2, 0, 0, 0, 0, 1]),
            dst_addr: MacAddr::BROADCAST,
            vlan: None,
            ethertype: EtherType::VLAN,
        };
        for len in [14, 18, 64] {
            let err = repr.emit(&mut vec![0u8; len]).unwrap_err();
            assert_eq!(
                err,
                PacketError::Unsupported {
                    header: Header::Ethernet,
                    field: "EtherType without a VLAN tag",
                    value: 0x8100,
                },
                "buffer of {len}"
            );
        }
        // With the tag where it belongs, the same frame is fine.
        let tagged =
            EthernetRepr { vlan: Some(VlanTag::default()), ethertype: EtherType::IPV4, ..repr };
        assert_eq!(tagged.emit(&mut [0u8; 18]).unwrap().vlan(), Some(VlanTag::default()));
    }
}

mod icmpv4 {
    use super::{assert_writes, capture};
    use berkeley::wire::icmpv4::{ICMP_DEST_UNREACH, ICMP_ECHOREPLY, ICMP_TIME_EXCEEDED};
    use berkeley::wire::{Icmpv4Packet, Icmpv4Repr};

    fn open(b: &mut [u8]) -> Icmpv4Packet<&mut [u8]> {
        Icmpv4Packet::new_checked(b).unwrap()
    }

    fn echo() -> &'static [u8] {
        &capture::ECHO[34..]
    }

    #[test]
    fn the_captured_echo_parses_and_emits_the_same_bytes() {
        let icmp = Icmpv4Packet::new_checked(echo()).unwrap();
        let repr = Icmpv4Repr::parse(&icmp).unwrap();
        assert_eq!(
            repr,
            Icmpv4Repr::EchoRequest { ident: 0x4242, seq_no: 1, data: b"injected echo" }
        );
        let mut out = vec![0xee; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        assert_eq!(out, echo());
    }

    #[test]
    fn setters_write_their_bytes_only() {
        let b =
            assert_writes(echo(), 0, &[ICMP_ECHOREPLY], |b| open(b).set_msg_type(ICMP_ECHOREPLY));
        assert_eq!(Icmpv4Packet::new_checked(&b[..]).unwrap().msg_type(), ICMP_ECHOREPLY);
        let b = assert_writes(echo(), 1, &[3], |b| open(b).set_code(3));
        assert_eq!(Icmpv4Packet::new_checked(&b[..]).unwrap().code(), 3);
        let b = assert_writes(echo(), 2, &[0xbe, 0xef], |b| open(b).set_checksum(0xbeef));
        assert_eq!(Icmpv4Packet::new_checked(&b[..]).unwrap().checksum(), 0xbeef);
        let b = assert_writes(echo(), 4, &[0x12, 0x34], |b| open(b).set_echo_ident(0x1234));
        assert_eq!(Icmpv4Packet::new_checked(&b[..]).unwrap().echo_ident(), 0x1234);
        let b = assert_writes(echo(), 6, &[0x02, 0x03], |b| open(b).set_echo_seq_no(0x0203));
        assert_eq!(Icmpv4Packet::new_checked(&b[..]).unwrap().echo_seq_no(), 0x0203);
        let b = assert_writes(echo(), 4, &[0xde, 0xad, 0xbe, 0xef], |b| {
            open(b).set_rest_of_header(0xdead_beef)
        });
        let icmp = Icmpv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!(icmp.rest_of_header(), 0xdead_beef);
        assert_eq!((icmp.echo_ident(), icmp.echo_seq_no()), (0xdead, 0xbeef));
    }

    #[test]
    fn setters_then_fill_checksum_make_the_reply() {
        // What a ping responder does to a request in place: type 0, then the checksum again.
        let mut b = echo().to_vec();
        let mut icmp = Icmpv4Packet::new_checked(&mut b[..]).unwrap();
        icmp.set_msg_type(ICMP_ECHOREPLY);
        icmp.fill_checksum();
        assert!(icmp.verify_checksum());
        let want = Icmpv4Repr::EchoReply { ident: 0x4242, seq_no: 1, data: b"injected echo" };
        assert_eq!(Icmpv4Repr::parse(&Icmpv4Packet::new_checked(&b[..]).unwrap()).unwrap(), want);
        assert_eq!(b[2..4], [0x2e, 0x42]); // 0x2642 + 0x0800: type 8 -> 0 in the high byte
    }

    #[test]
    fn data_mut_is_the_bytes_after_the_eight_byte_header() {
        let mut b = echo().to_vec();
        let mut icmp = Icmpv4Packet::new_checked(&mut b[..]).unwrap();
        assert_eq!(icmp.data_mut().len(), 13);
        icmp.data_mut().copy_from_slice(b"INJECTED ECHO");
        assert_eq!(b[..8], echo()[..8]);
        assert_eq!(&b[8..], b"INJECTED ECHO");
    }

    /// `msg` with the checksum filled, as `Other` emits it.
    fn other(msg_type: u8, code: u8, rest_of_header: u32, data: &[u8]) -> Vec<u8> {
        let repr = Icmpv4Repr::Other { msg_type, code, rest_of_header, data };
        let mut b = vec![0; repr.buffer_len()];
        repr.emit(&mut b).unwrap();
        b
    }

    #[test]
    fn the_captured_port_unreachable_parses_and_emits_the_same_bytes() {
        let bytes = &capture::UNREACH[34..];
        let icmp = Icmpv4Packet::new_checked(bytes).unwrap();
        let repr = Icmpv4Repr::parse(&icmp).unwrap();
        assert_eq!(
            repr,
            Icmpv4Repr::DstUnreachable { code: 3, next_hop_mtu: 0, quoted: &bytes[8..] }
        );
        let mut out = vec![0; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        assert_eq!(out, bytes);
    }

    #[test]
    fn dst_unreachable_with_its_unused_field_set_is_kept_as_other() {
        // RFC 792 leaves bytes 4..6 unused (RFC 1191 puts the MTU in 6..8). A message that
        // sets them is not a DstUnreachable the repr can hold: it is Other, every byte kept.
        let quoted = &capture::UNREACH[42..];
        let b = other(ICMP_DEST_UNREACH, 4, 0x0001_05dc, quoted);
        let icmp = Icmpv4Packet::new_checked(&b[..]).unwrap();
        let repr = Icmpv4Repr::parse(&icmp).unwrap();
        assert_eq!(
            repr,
            Icmpv4Repr::Other { msg_type: 3, code: 4, rest_of_header: 0x0001_05dc, data: quoted }
        );
        let mut out = vec![0; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        assert_eq!(out, b);
        // With the unused bytes zero it is a DstUnreachable carrying the next-hop MTU.
        let b = other(ICMP_DEST_UNREACH, 4, 0x05dc, quoted);
        let icmp = Icmpv4Packet::new_checked(&b[..]).unwrap();
        let repr = Icmpv4Repr::parse(&icmp).unwrap();
        assert_eq!(repr, Icmpv4Repr::DstUnreachable { code: 4, next_hop_mtu: 1500, quoted });
    }

    #[test]
    fn time_exceeded_with_its_unused_field_set_is_kept_as_other() {
        let quoted = &capture::UNREACH[42..];
        for rest in [1, 0x8000_0000, 0x0001_0000] {
            let b = other(ICMP_TIME_EXCEEDED, 0, rest, quoted);
            let icmp = Icmpv4Packet::new_checked(&b[..]).unwrap();
            let repr = Icmpv4Repr::parse(&icmp).unwrap();
            assert_eq!(
                repr,
                Icmpv4Repr::Other { msg_type: 11, code: 0, rest_of_header: rest, data: quoted }
            );
        }
        let b = other(ICMP_TIME_EXCEEDED, 1, 0, quoted);
        let icmp = Icmpv4Packet::new_checked(&b[..]).unwrap();
        let repr = Icmpv4Repr::parse(&icmp).unwrap();
        assert_eq!(repr, Icmpv4Repr::TimeExceeded { code: 1, quoted });
    }
}

mod ipv4 {
    use super::{assert_writes, capture};
    use berkeley::wire::{Header, IpProtocol, Ipv4Packet, Ipv4Repr, PacketError};
    use std::net::Ipv4Addr;

    fn open(b: &mut [u8]) -> Ipv4Packet<&mut [u8]> {
        Ipv4Packet::new_checked(b).unwrap()
    }

    /// The IPv4 packet of the captured UDP frame.
    fn udp() -> &'static [u8] {
        &capture::UDP[14..]
    }

    /// A header with one option (Router Alert, RFC 2113: 0x94 0x04 0x0000; IHL 6) and a
    /// 2-byte payload, then 2 bytes of link-layer padding past the total length.
    const WITH_OPTION: [u8; 28] = [
        0x46, 0x00, 0x00, 0x1a, 0x00, 0x01, 0x00, 0x00, 1, 2, 0x00, 0x00, // IGMP, TTL 1
        10, 0, 0, 1, 224, 0, 0, 22, // 10.0.0.1 > 224.0.0.22
        0x94, 0x04, 0x00, 0x00, // Router Alert
        0xaa, 0xbb, // payload
        0xee, 0xee, // padding
    ];

    #[test]
    fn getters_of_the_captured_header() {
        let ip = Ipv4Packet::new_checked(udp()).unwrap();
        assert_eq!(ip.version(), 4);
        assert_eq!(ip.header_len(), 20);
        assert_eq!(ip.checksum(), 0xb054);
        assert!(ip.verify_checksum());
        assert_eq!(ip.options(), &[] as &[u8]);
        assert_eq!(ip.total_len(), 41);
        assert_eq!(ip.ident(), 0x066c);
        assert!(ip.dont_frag() && !ip.more_frags());
        assert_eq!(ip.protocol(), IpProtocol::UDP);
        let quoted = Ipv4Packet::new_checked(&capture::UNREACH[42..]).unwrap();
        assert_eq!(quoted.version(), 4);
        assert_eq!(quoted.checksum(), 0xa48b);
    }

    #[test]
    fn options_are_the_bytes_between_20_and_the_ihl() {
        let ip = Ipv4Packet::new_checked(&WITH_OPTION[..]).unwrap();
        assert_eq!(ip.version(), 4);
        assert_eq!(ip.header_len(), 24);
        assert_eq!(ip.options(), &[0x94, 0x04, 0x00, 0x00]);
        assert_eq!(ip.header(), &WITH_OPTION[..24]);
        assert_eq!(ip.payload(), &[0xaa, 0xbb]);
        // The longest: IHL 15, 40 bytes of options.
        let mut b = [0u8; 60];
        b[0] = 0x4f;
        b[3] = 60;
        for (i, x) in b[20..].iter_mut().enumerate() {
            *x = i as u8 + 1;
        }
        let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!(ip.options(), (1..=40).collect::<Vec<u8>>());
    }

    #[test]
    fn dscp_and_ecn_setters_keep_each_other() {
        let mut base = udp().to_vec();
        base[1] = 0x02; // ECT(0)
        let b = assert_writes(&base, 1, &[0xba], |b| open(b).set_dscp(46).unwrap()); // EF
        let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!((ip.dscp(), ip.ecn()), (46, 2));
        base[1] = 0xb8;
        let b = assert_writes(&base, 1, &[0xbb], |b| open(b).set_ecn(3).unwrap()); // CE
        let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!((ip.dscp(), ip.ecn()), (46, 3));
        // Out of range: an error, and nothing written.
        let mut b = base.clone();
        let err = open(&mut b).set_dscp(64).unwrap_err();
        assert_eq!(
            err,
            PacketError::Unsupported { header: Header::Ipv4, field: "DSCP", value: 64 }
        );
        let err = open(&mut b).set_ecn(4).unwrap_err();
        assert_eq!(err, PacketError::Unsupported { header: Header::Ipv4, field: "ECN", value: 4 });
        assert_eq!(b, base);
        // The largest values are in range.
        open(&mut b).set_dscp(63).unwrap();
        open(&mut b).set_ecn(3).unwrap();
        assert_eq!(b[1], 0xff);
    }

    #[test]
    fn flag_setters_change_their_bit_only() {
        // Every state of DF and MF, each flag set and cleared; the offset (0x102 * 8) stays.
        for flags in [0x00, 0x20, 0x40, 0x60] {
            for on in [false, true] {
                let mut base = udp().to_vec();
                base[6..8].copy_from_slice(&[flags | 0x01, 0x02]);
                let mut b = base.clone();
                open(&mut b).set_dont_frag(on);
                let want = (flags & !0x40) | if on { 0x40 } else { 0 };
                assert_eq!(b[6], want | 0x01, "DF {on} on {flags:#04x}");
                assert_eq!((&b[..6], &b[7..]), (&base[..6], &base[7..]));
                let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
                assert_eq!((ip.dont_frag(), ip.more_frags()), (on, flags & 0x20 != 0));
                assert_eq!(ip.frag_offset(), 0x102 * 8);

                let mut b = base.clone();
                open(&mut b).set_more_frags(on);
                let want = (flags & !0x20) | if on { 0x20 } else { 0 };
                assert_eq!(b[6], want | 0x01, "MF {on} on {flags:#04x}");
                assert_eq!((&b[..6], &b[7..]), (&base[..6], &base[7..]));
                let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
                assert_eq!((ip.dont_frag(), ip.more_frags()), (flags & 0x40 != 0, on));
                assert_eq!(ip.frag_offset(), 0x102 * 8);
            }
        }
    }

    #[test]
    fn set_frag_offset_keeps_the_flags() {
        let mut base = udp().to_vec();
        base[6..8].copy_from_slice(&[0x60, 0x00]); // DF and MF
        let b = assert_writes(&base, 6, &[0x60, 0xb9], |b| open(b).set_frag_offset(1480).unwrap());
        let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!(ip.frag_offset(), 1480);
        assert!(ip.dont_frag() && ip.more_frags());
        let b = assert_writes(&base, 6, &[0x7f, 0xff], |b| open(b).set_frag_offset(65528).unwrap());
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().frag_offset(), 65528);
        // The old offset is replaced, not merged; the reserved bit (RFC 3514's) is kept.
        let mut old = base.clone();
        old[6..8].copy_from_slice(&[0x80 | 0x1f, 0xff]);
        assert_writes(&old, 6, &[0x80, 0xb9], |b| open(b).set_frag_offset(1480).unwrap());
        let mut b = base.clone();
        let err = open(&mut b).set_frag_offset(1481).unwrap_err();
        assert_eq!(
            err,
            PacketError::Unsupported {
                header: Header::Ipv4,
                field: "fragment offset (not a multiple of 8)",
                value: 1481,
            }
        );
        assert_eq!(b, base);
    }

    #[test]
    fn plain_setters_write_their_bytes_only() {
        let b = assert_writes(udp(), 4, &[0xbe, 0xef], |b| open(b).set_ident(0xbeef));
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().ident(), 0xbeef);
        let b = assert_writes(udp(), 8, &[1], |b| open(b).set_ttl(1));
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().ttl(), 1);
        let b = assert_writes(udp(), 9, &[6], |b| open(b).set_protocol(IpProtocol::TCP));
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().protocol(), IpProtocol::TCP);
        let b = assert_writes(udp(), 10, &[0x12, 0x34], |b| open(b).set_checksum(0x1234));
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().checksum(), 0x1234);
        let a = Ipv4Addr::new(198, 51, 100, 7);
        let b = assert_writes(udp(), 12, &a.octets(), |b| open(b).set_src_addr(a));
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().src_addr(), a);
        let b = assert_writes(udp(), 16, &a.octets(), |b| open(b).set_dst_addr(a));
        assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap().dst_addr(), a);
    }

    #[test]
    fn fill_checksum_gives_the_kernels_checksum() {
        let mut b = udp().to_vec();
        b[10..12].copy_from_slice(&[0xff, 0xff]);
        let mut ip = Ipv4Packet::new_checked(&mut b[..]).unwrap();
        assert!(!ip.verify_checksum());
        ip.fill_checksum();
        assert_eq!(b, udp());
        // With options the sum covers them too.
        let mut b = WITH_OPTION;
        Ipv4Packet::new_checked(&mut b[..]).unwrap().fill_checksum();
        let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
        assert!(ip.verify_checksum());
        assert_eq!(ip.checksum(), 0x3ac6); // RFC 1071 over the 24 bytes, by hand
    }

    #[test]
    fn payload_mut_is_between_the_ihl_and_the_total_length() {
        let mut b = WITH_OPTION;
        let mut ip = Ipv4Packet::new_checked(&mut b[..]).unwrap();
        assert_eq!(ip.payload_mut().len(), 2);
        ip.payload_mut().copy_from_slice(&[1, 2]);
        assert_eq!(b[..24], WITH_OPTION[..24]);
        assert_eq!(b[24..], [1, 2, 0xee, 0xee]);

        let mut b = capture::UDP;
        let mut ip = Ipv4Packet::new_checked(&mut b[14..]).unwrap();
        assert_eq!(ip.payload_mut().len(), 21);
        ip.payload_mut()[20] = b'L';
        assert_eq!(b[..54], capture::UDP[..54]);
        assert_eq!(b[54], b'L');
    }

    #[test]
    fn another_version_is_named_in_the_error() {
        // An IPv6 packet handed to the IPv4 view (as a raw AF_PACKET socket may deliver it).
        let mut b = udp().to_vec();
        for (byte, found) in [(0x60, 6), (0x65, 6), (0x05, 0), (0xf5, 15)] {
            b[0] = byte;
            let want = PacketError::BadVersion { header: Header::Ipv4, expected: 4, found };
            assert_eq!(Ipv4Packet::new_checked(&b[..]).unwrap_err(), want);
        }
    }

    #[test]
    fn emit_refuses_out_of_range_dscp_and_ecn() {
        let repr = Ipv4Repr { ttl: 64, dscp: 63, ecn: 3, ..Ipv4Repr::default() };
        let mut buf = [0u8; 20];
        let ip = repr.emit(&mut buf).unwrap();
        assert_eq!((ip.dscp(), ip.ecn()), (63, 3));
        let err = |field, value| PacketError::Unsupported { header: Header::Ipv4, field, value };
        let dscp = Ipv4Repr { dscp: 64, ..repr };
        assert_eq!(dscp.emit(&mut [0u8; 20]).unwrap_err(), err("DSCP", 64));
        let ecn = Ipv4Repr { ecn: 4, ..repr };
        assert_eq!(ecn.emit(&mut [0u8; 20]).unwrap_err(), err("ECN", 4));
        let frag = Ipv4Repr { frag_offset: 12, ..repr };
        let want = err("fragment offset (not a multiple of 8)", 12);
        assert_eq!(frag.emit(&mut [0u8; 20]).unwrap_err(), want);
    }

    #[test]
    fn the_captured_header_emits_the_same_bytes() {
        let ip = Ipv4Packet::new_checked(udp()).unwrap();
        let repr = Ipv4Repr::parse(&ip).unwrap();
        let mut out = vec![0u8; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        assert_eq!(out[..20], udp()[..20]);
        let ip = Ipv4Packet::new_checked(&capture::UNREACH[14..]).unwrap();
        let repr = Ipv4Repr::parse(&ip).unwrap();
        assert_eq!((repr.dscp, repr.ecn, repr.dont_frag), (48, 0, false));
        let mut out = vec![0u8; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        assert_eq!(out[..20], capture::UNREACH[14..34]);
    }
}

mod tcp {
    use super::{assert_writes, capture};
    use berkeley::wire::{
        SackBlock, TcpFlags, TcpOption, TcpOptions, TcpPacket, TcpRepr, TcpTimestamps,
    };

    fn open(b: &mut [u8]) -> TcpPacket<&mut [u8]> {
        TcpPacket::new_checked(b).unwrap()
    }

    fn syn() -> &'static [u8] {
        &capture::SYN[34..]
    }

    fn rst() -> &'static [u8] {
        &capture::RST[34..]
    }

    #[test]
    fn getters_of_the_captured_syn() {
        let tcp = TcpPacket::new_checked(syn()).unwrap();
        assert_eq!((tcp.src_port(), tcp.dst_port()), (52064, 47002));
        assert_eq!((tcp.seq_number(), tcp.ack_number()), (0xc805_5228, 0));
        assert_eq!(tcp.header_len(), 40);
        assert_eq!(tcp.flags(), TcpFlags::SYN);
        assert_eq!(tcp.window_len(), 64240);
        assert_eq!(tcp.checksum(), 0x9f2a);
        assert_eq!(tcp.urgent_at(), 0);
        assert_eq!(tcp.options_bytes(), &syn()[20..]);
        let opts: Vec<_> = tcp.options().collect::<Result<_, _>>().unwrap();
        assert_eq!(
            opts,
            [
                TcpOption::MaxSegmentSize(1460),
                TcpOption::SackPermitted,
                TcpOption::Timestamps { tsval: 0x68ae_2406, tsecr: 0 },
                TcpOption::NoOperation,
                TcpOption::WindowScale(10),
            ]
        );
        assert_eq!(tcp.payload(), &[] as &[u8]);
        assert!(tcp.verify_checksum(&capture::kernel_ph()));
    }

    #[test]
    fn getters_of_the_captured_rst() {
        let tcp = TcpPacket::new_checked(rst()).unwrap();
        assert_eq!((tcp.src_port(), tcp.dst_port()), (47010, 40001));
        assert_eq!((tcp.seq_number(), tcp.ack_number()), (0, 1001));
        assert_eq!(tcp.header_len(), 20);
        assert_eq!(tcp.flags(), TcpFlags::RST | TcpFlags::ACK);
        assert_eq!((tcp.window_len(), tcp.checksum(), tcp.urgent_at()), (0, 0xd3ff, 0));
        assert_eq!(tcp.options_bytes(), &[] as &[u8]);
        assert_eq!(tcp.options().count(), 0);
        assert!(tcp.verify_checksum(&capture::kernel_ph()));
    }

    #[test]
    fn setters_write_their_bytes_only() {
        let b = assert_writes(syn(), 0, &[0x01, 0xbb], |b| open(b).set_src_port(443));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().src_port(), 443);
        let b = assert_writes(syn(), 2, &[0x00, 0x50], |b| open(b).set_dst_port(80));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().dst_port(), 80);
        let b = assert_writes(syn(), 4, &[1, 2, 3, 4], |b| open(b).set_seq_number(0x0102_0304));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().seq_number(), 0x0102_0304);
        let b = assert_writes(syn(), 8, &[5, 6, 7, 8], |b| open(b).set_ack_number(0x0506_0708));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().ack_number(), 0x0506_0708);
        let b = assert_writes(syn(), 14, &[0x01, 0x00], |b| open(b).set_window_len(256));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().window_len(), 256);
        let b = assert_writes(syn(), 16, &[0xab, 0xcd], |b| open(b).set_checksum(0xabcd));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().checksum(), 0xabcd);
        let b = assert_writes(syn(), 18, &[0x00, 0x07], |b| open(b).set_urgent_at(7));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().urgent_at(), 7);
    }

    #[test]
    fn set_flags_keeps_the_data_offset_and_the_reserved_bits() {
        let mut base = syn().to_vec();
        base[12] = 0xa0 | 0x0e; // data offset 10, the three reserved bits set
        let b = assert_writes(&base, 12, &[0xae, 0x18], |b| {
            open(b).set_flags(TcpFlags::ACK | TcpFlags::PSH)
        });
        let tcp = TcpPacket::new_checked(&b[..]).unwrap();
        assert_eq!(tcp.flags(), TcpFlags::ACK | TcpFlags::PSH);
        assert_eq!(tcp.header_len(), 40);
        let all = TcpFlags::NS | TcpFlags::CWR | TcpFlags::ECE | TcpFlags::FIN;
        let b = assert_writes(&base, 12, &[0xaf, 0xc1], |b| open(b).set_flags(all));
        assert_eq!(TcpPacket::new_checked(&b[..]).unwrap().flags(), all);
        // Clearing every flag clears NS too (it lives in byte 12).
        let mut b = base.clone();
        open(&mut b).set_flags(all);
        open(&mut b).set_flags(TcpFlags::empty());
        assert_eq!(b[12..14], [0xae, 0x00]);
    }

    #[test]
    fn fill_checksum_gives_the_kernels_checksum() {
        for seg in [syn(), rst()] {
            let mut b = seg.to_vec();
            b[16..18].copy_from_slice(&[0, 0]);
            open(&mut b).fill_checksum(&capture::kernel_ph());
            assert_eq!(b, seg);
        }
    }

    #[test]
    fn payload_mut_is_the_bytes_after_the_data_offset() {
        for (seg, hl) in [(syn(), 40), (rst(), 20)] {
            let mut b = seg.to_vec();
            b.extend_from_slice(b"data");
            let mut tcp = open(&mut b);
            assert_eq!(tcp.payload(), b"data");
            assert_eq!(tcp.payload_mut().len(), 4);
            tcp.payload_mut().copy_from_slice(b"DATA");
            assert_eq!(b[..hl], seg[..]);
            assert_eq!(&b[hl..], b"DATA");
        }
    }

    #[test]
    fn the_captured_rst_emits_the_same_bytes() {
        let ph = capture::kernel_ph();
        let tcp = TcpPacket::new_checked(rst()).unwrap();
        let repr = TcpRepr::parse(&tcp, &ph).unwrap();
        let mut out = vec![0xee; repr.buffer_len()];
        repr.emit(&mut out, &ph).unwrap();
        assert_eq!(out, rst());
    }

    #[test]
    fn emit_writes_every_option_in_order_then_pads_with_end_of_list() {
        let ph = capture::kernel_ph();
        let repr = TcpRepr {
            src_port: 1,
            dst_port: 2,
            seq_number: 3,
            ack_number: 4,
            flags: TcpFlags::ACK,
            window_len: 5,
            urgent_at: 0,
            max_seg_size: Some(1460),
            window_scale: Some(7),
            sack_permitted: true,
            sack_ranges: [Some(SackBlock { left: 10, right: 20 }), None, None, None],
            timestamps: Some(TcpTimestamps { tsval: 1, tsecr: 2 }),
            payload: b"x",
        };
        #[rustfmt::skip]
        let want: [u8; 53] = [
            0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0xd0, 0x10, 0, 5, 0xea, 0xd3, 0, 0, // offset 13
            2, 4, 0x05, 0xb4, // MSS 1460
            3, 3, 7, // window scale 7
            4, 2, // SACK permitted
            8, 10, 0, 0, 0, 1, 0, 0, 0, 2, // timestamps 1, 2
            5, 10, 0, 0, 0, 10, 0, 0, 0, 20, // SACK 10..20
            0, 0, 0, // end of list, padding to 32 bytes of options
            b'x',
        ];
        // (0xead3: RFC 1071 over the pseudo-header and these bytes, computed by hand.)
        assert_eq!(repr.header_len(), 52);
        let mut out = vec![0xee; 60];
        let tcp = repr.emit(&mut out, &ph).unwrap();
        assert!(tcp.verify_checksum(&ph));
        assert_eq!(out[..53], want);
        assert_eq!(out[53..], [0xee; 7]); // nothing past the segment
        let tcp = TcpPacket::new_checked(&out[..53]).unwrap();
        assert_eq!(TcpRepr::parse(&tcp, &ph).unwrap(), repr);
    }

    #[test]
    fn sack_blocks_are_read_in_order() {
        let opt = [5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff];
        let mut opts = TcpOptions::new(&opt);
        let Some(Ok(TcpOption::Sack(blocks))) = opts.next() else { panic!("a SACK option") };
        assert!(opts.next().is_none());
        assert_eq!(blocks.len(), 2);
        let got: Vec<SackBlock> = blocks.iter().collect();
        assert_eq!(
            got,
            [SackBlock { left: 1, right: 2 }, SackBlock { left: 0xffff_fffe, right: u32::MAX }]
        );
    }

    #[test]
    fn flags_set_algebra_and_names() {
        let syn_ack = TcpFlags::SYN | TcpFlags::ACK;
        assert_eq!(syn_ack.bits(), 0x012);
        assert!(syn_ack.contains(TcpFlags::SYN) && syn_ack.contains(TcpFlags::ACK));
        assert!(syn_ack.contains(syn_ack) && syn_ack.contains(TcpFlags::empty()));
        assert!(!syn_ack.contains(TcpFlags::FIN));
        assert!(!syn_ack.contains(TcpFlags::SYN | TcpFlags::FIN));
        assert_eq!(syn_ack & TcpFlags::ACK, TcpFlags::ACK);
        assert_eq!(syn_ack & TcpFlags::FIN, TcpFlags::empty());
        assert_eq!(TcpFlags::ACK | TcpFlags::ACK, TcpFlags::ACK);
        let mut f = TcpFlags::FIN;
        f |= TcpFlags::ACK;
        assert_eq!(f.bits(), 0x011);
        f |= TcpFlags::ACK;
        assert_eq!(f.bits(), 0x011);
        assert!(TcpFlags::empty().is_empty() && TcpFlags::default().is_empty());
        assert!(!TcpFlags::NS.is_empty());
        assert_eq!(TcpFlags::from_bits(0xffff).bits(), 0x1ff); // the data offset's bits dropped
        assert_eq!(TcpFlags::from_bits(0x0a12), syn_ack);
        assert_eq!(format!("{:?}", TcpFlags::empty()), "TcpFlags()");
        assert_eq!(format!("{syn_ack:?}"), "TcpFlags(SYN | ACK)");
        assert_eq!(
            format!("{:?}", TcpFlags::from_bits(0x1ff)),
            "TcpFlags(FIN | SYN | RST | PSH | ACK | URG | ECE | CWR | NS)"
        );
        assert_eq!(format!("{:?}", TcpFlags::NS), "TcpFlags(NS)");
    }
}

mod udp {
    use super::{assert_writes, capture};
    use berkeley::wire::{PseudoHeader, UdpPacket, UdpRepr};

    fn open(b: &mut [u8]) -> UdpPacket<&mut [u8]> {
        UdpPacket::new_checked(b).unwrap()
    }

    fn datagram() -> &'static [u8] {
        &capture::UDP[34..]
    }

    #[test]
    fn getters_of_the_captured_datagram() {
        let udp = UdpPacket::new_checked(datagram()).unwrap();
        assert_eq!((udp.src_port(), udp.dst_port()), (58144, 47001));
        assert_eq!(udp.len(), 21);
        assert_eq!(udp.checksum(), 0x3cc4);
        assert_eq!(udp.payload(), b"hello, kernel");
        assert!(udp.verify_checksum(&capture::kernel_ph()));
    }

    #[test]
    fn setters_write_their_bytes_only() {
        let b = assert_writes(datagram(), 0, &[0x00, 0x35], |b| open(b).set_src_port(53));
        assert_eq!(UdpPacket::new_checked(&b[..]).unwrap().src_port(), 53);
        let b = assert_writes(datagram(), 2, &[0x00, 0x44], |b| open(b).set_dst_port(68));
        assert_eq!(UdpPacket::new_checked(&b[..]).unwrap().dst_port(), 68);
        let b = assert_writes(datagram(), 6, &[0x00, 0x00], |b| open(b).set_checksum(0));
        assert_eq!(UdpPacket::new_checked(&b[..]).unwrap().checksum(), 0);
    }

    #[test]
    fn fill_checksum_gives_the_kernels_checksum() {
        let mut b = datagram().to_vec();
        b[6..8].copy_from_slice(&[0x12, 0x34]);
        open(&mut b).fill_checksum(&capture::kernel_ph());
        assert_eq!(b, datagram());
    }

    #[test]
    fn a_zero_checksum_means_none_over_ipv4_only() {
        let mut b = datagram().to_vec();
        open(&mut b).set_checksum(0);
        let udp = UdpPacket::new_checked(&b[..]).unwrap();
        assert!(udp.verify_checksum(&capture::kernel_ph()));
        let v6 = PseudoHeader::V6 {
            src: std::net::Ipv6Addr::LOCALHOST,
            dst: std::net::Ipv6Addr::LOCALHOST,
        };
        assert!(!udp.verify_checksum(&v6)); // RFC 8200: mandatory over IPv6
    }

    #[test]
    fn payload_mut_ends_at_the_length_field() {
        // Two bytes of trailing junk past the UDP length (as Ethernet padding leaves).
        let mut b = datagram().to_vec();
        b.extend_from_slice(&[0xee, 0xee]);
        let mut udp = open(&mut b);
        assert_eq!(udp.payload_mut().len(), 13);
        udp.payload_mut().copy_from_slice(b"HELLO, KERNEL");
        assert_eq!(b[..8], datagram()[..8]);
        assert_eq!(&b[8..21], b"HELLO, KERNEL");
        assert_eq!(b[21..], [0xee, 0xee]);
    }

    #[test]
    fn the_captured_datagram_emits_the_same_bytes() {
        let ph = capture::kernel_ph();
        let udp = UdpPacket::new_checked(datagram()).unwrap();
        let repr = UdpRepr::parse(&udp, &ph).unwrap();
        assert_eq!(repr, UdpRepr { src_port: 58144, dst_port: 47001, payload: b"hello, kernel" });
        let mut out = vec![0xee; repr.buffer_len() + 3];
        repr.emit(&mut out, &ph).unwrap();
        assert_eq!(out[..21], datagram()[..]);
        assert_eq!(out[21..], [0xee; 3]);
    }
}

mod errors {
    use berkeley::wire::{Header, PacketError};

    // Every header's name in messages is tests/wire_names.rs's (a test target of the mutants'
    // wire group too); here the checksum error's own wording.
    #[test]
    fn bad_checksum_message() {
        let err = PacketError::BadChecksum { header: Header::Udp, expected: 0x3cc4, found: 0x12 };
        assert_eq!(err.to_string(), "UDP: bad checksum: expected 0x3cc4, found 0x0012");
    }
}

mod bad_checksums {
    //! A `BadChecksum` error names the checksum the header should carry: the captured value.
    use super::capture;
    use berkeley::wire::{
        Header, Icmpv4Packet, Icmpv4Repr, Ipv4Packet, Ipv4Repr, PacketError, PseudoHeader,
        TcpPacket, TcpRepr, UdpPacket, UdpRepr,
    };
    use std::net::Ipv4Addr;

    /// `bytes` with the 16-bit field at `at` set to `found`.
    fn corrupt(bytes: &[u8], at: usize, found: u16) -> Vec<u8> {
        let mut b = bytes.to_vec();
        b[at..at + 2].copy_from_slice(&found.to_be_bytes());
        b
    }

    #[test]
    fn each_header_names_the_captured_checksum() {
        let ph = capture::kernel_ph();
        let bad = |header, expected| PacketError::BadChecksum { header, expected, found: 0x1234 };

        let b = corrupt(&capture::UDP[14..], 10, 0x1234);
        let ip = Ipv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!(Ipv4Repr::parse(&ip).unwrap_err(), bad(Header::Ipv4, 0xb054));

        let b = corrupt(&capture::UDP[34..], 6, 0x1234);
        let udp = UdpPacket::new_checked(&b[..]).unwrap();
        assert_eq!(UdpRepr::parse(&udp, &ph).unwrap_err(), bad(Header::Udp, 0x3cc4));

        for (seg, want) in [(&capture::SYN[34..], 0x9f2a), (&capture::RST[34..], 0xd3ff)] {
            let b = corrupt(seg, 16, 0x1234);
            let tcp = TcpPacket::new_checked(&b[..]).unwrap();
            assert_eq!(TcpRepr::parse(&tcp, &ph).unwrap_err(), bad(Header::Tcp, want));
        }

        let b = corrupt(&capture::ECHO[34..], 2, 0x1234);
        let icmp = Icmpv4Packet::new_checked(&b[..]).unwrap();
        assert_eq!(Icmpv4Repr::parse(&icmp).unwrap_err(), bad(Header::Icmpv4, 0x2642));
    }

    #[test]
    fn udp_names_all_ones_where_the_sum_computes_to_zero() {
        // RFC 768: a computed zero is sent as 0xffff, so that is the checksum to expect.
        let ph =
            PseudoHeader::V4 { src: Ipv4Addr::new(192, 0, 2, 1), dst: Ipv4Addr::new(192, 0, 2, 2) };
        let mut payload = [0x12u8, 0x34, 0, 0];
        let mut buf = [0u8; 12];
        let first = UdpRepr { src_port: 1234, dst_port: 53, payload: &payload };
        let sum = !first.emit(&mut buf, &ph).unwrap().checksum();
        payload[2..].copy_from_slice(&(!sum).to_be_bytes()); // now the sum is 0xffff
        let udp = UdpRepr { src_port: 1234, dst_port: 53, payload: &payload };
        assert_eq!(udp.emit(&mut buf, &ph).unwrap().checksum(), 0xffff);
        let b = corrupt(&buf, 6, 0x1234);
        let udp = UdpPacket::new_checked(&b[..]).unwrap();
        assert_eq!(
            UdpRepr::parse(&udp, &ph).unwrap_err(),
            PacketError::BadChecksum { header: Header::Udp, expected: 0xffff, found: 0x1234 }
        );
    }
}

mod limits {
    //! The edges of every length rule: the largest valid value is taken, one more is refused.
    use super::capture;
    use berkeley::wire::{
        Header, Ipv4Repr, PacketError, SackBlock, TcpOption, TcpOptions, TcpPacket, TcpRepr,
        UdpPacket, UdpRepr,
    };

    #[test]
    fn tcp_options_fill_exactly_40_bytes_and_no_more() {
        let ph = capture::kernel_ph();
        // MSS (4) + SACK-permitted (2) + four SACK blocks (34) = 40: the longest header, 60.
        let block = |n: u32| Some(SackBlock { left: n, right: n + 1 });
        let repr = TcpRepr {
            max_seg_size: Some(1460),
            sack_permitted: true,
            sack_ranges: [block(1), block(3), block(5), block(7)],
            ..TcpRepr::default()
        };
        assert_eq!(repr.header_len(), 60);
        let mut buf = [0u8; 60];
        let tcp = repr.emit(&mut buf, &ph).unwrap();
        assert_eq!(tcp.header_len(), 60);
        assert_eq!(buf[12] >> 4, 15);
        assert_eq!(buf[26..28], [5, 34]);
        let tcp = TcpPacket::new_checked(&buf[..]).unwrap();
        assert_eq!(TcpRepr::parse(&tcp, &ph).unwrap(), repr);
        // One window-scale option more (3 bytes) does not fit the 4-bit data offset.
        let long = TcpRepr { window_scale: Some(1), ..repr };
        assert_eq!(
            long.emit(&mut [0u8; 80], &ph).unwrap_err(),
            PacketError::BadLength { header: Header::Tcp, field: "options length", value: 43 }
        );
    }

    fn first(b: &[u8]) -> Result<TcpOption<'_>, PacketError> {
        TcpOptions::new(b).next().unwrap()
    }

    #[test]
    fn tcp_option_lengths_each_kind_must_have() {
        let bad =
            |len| PacketError::BadLength { header: Header::TcpOption, field: "length", value: len };
        // SACK: 2 + 8n bytes, 1 <= n <= 4.
        for n in 1..=4 {
            let mut b = vec![5, 2 + 8 * n as u8];
            b.extend((0..n * 8).map(|i| i as u8));
            let Ok(TcpOption::Sack(blocks)) = first(&b) else { panic!("SACK of {n}") };
            assert_eq!(blocks.len(), n);
        }
        for len in [2u8, 3, 9, 11, 12, 17, 42] {
            let mut b = vec![5, len];
            b.resize(usize::from(len).max(2), 0);
            assert_eq!(first(&b), Err(bad(usize::from(len))), "SACK length {len}");
        }
        // The fixed-length kinds refuse any other length.
        for (kind, len) in [(2u8, 3u8), (2, 6), (3, 2), (3, 4), (4, 3), (8, 8), (8, 12)] {
            let mut b = vec![kind, len];
            b.resize(usize::from(len), 0);
            assert_eq!(first(&b), Err(bad(usize::from(len))), "kind {kind} length {len}");
        }
        // An unknown kind takes any length from 2 (no data) to the end of the options.
        assert_eq!(first(&[30, 2]), Ok(TcpOption::Unknown { kind: 30, data: &[] }));
        assert_eq!(first(&[30, 3, 9]), Ok(TcpOption::Unknown { kind: 30, data: &[9] }));
        assert_eq!(
            first(&[30, 4, 9]),
            Err(PacketError::Truncated { header: Header::TcpOption, need: 4, got: 3 })
        );
        assert_eq!(first(&[30, 0]), Err(bad(0)));
        // A walk stops at the first error.
        let mut walk = TcpOptions::new(&[1, 3, 2, 0, 1, 1]);
        assert_eq!(walk.next(), Some(Ok(TcpOption::NoOperation)));
        assert_eq!(walk.next(), Some(Err(bad(2))));
        assert_eq!(walk.next(), None);
    }

    #[test]
    fn udp_length_from_8_to_65535() {
        let ph = capture::kernel_ph();
        // An empty datagram: length 8.
        let empty = UdpRepr { src_port: 1, dst_port: 2, payload: &[] };
        let mut buf = [0u8; 8];
        let udp = empty.emit(&mut buf, &ph).unwrap();
        assert_eq!((udp.len(), udp.payload()), (8, &[] as &[u8]));
        let udp = UdpPacket::new_checked(&buf[..]).unwrap();
        assert_eq!(UdpRepr::parse(&udp, &ph).unwrap(), empty);
        buf[5] = 7;
        assert_eq!(
            UdpPacket::new_checked(&buf[..]).unwrap_err(),
            PacketError::BadLength { header: Header::Udp, field: "length", value: 7 }
        );
        // The largest: 65535 bytes in all.
        let payload = vec![0x5a; 65535 - 8];
        let big = UdpRepr { src_port: 1, dst_port: 2, payload: &payload };
        let mut buf = vec![0u8; 65536];
        let udp = big.emit(&mut buf, &ph).unwrap();
        assert_eq!(udp.len(), 0xffff);
        assert!(udp.verify_checksum(&ph));
        let payload = vec![0x5a; 65536 - 8];
        let too_big = UdpRepr { payload: &payload, ..big };
        assert_eq!(
            too_big.emit(&mut buf, &ph).unwrap_err(),
            PacketError::BadLength { header: Header::Udp, field: "length", value: 65536 }
        );
    }

    #[test]
    fn ipv4_total_length_up_to_65535() {
        let repr = Ipv4Repr { payload_len: 65535 - 20, ttl: 64, ..Ipv4Repr::default() };
        let mut buf = vec![0u8; 65536];
        let ip = repr.emit(&mut buf).unwrap();
        assert_eq!(ip.total_len(), 0xffff);
        assert!(ip.verify_checksum());
        let too_big = Ipv4Repr { payload_len: 65536 - 20, ..repr };
        assert_eq!(
            too_big.emit(&mut buf).unwrap_err(),
            PacketError::BadLength { header: Header::Ipv4, field: "total length", value: 65536 }
        );
    }
}

//! `wire` edge cases of the IPv6, ICMPv6 and ARP views (src/wire/{ipv6,icmpv6,arp}.rs) that the
//! mutation run (`.ci/mutants.sh --all wire`) found untested: the setters change exactly their
//! bits, the boundaries of the length and flow-label checks, and which ICMPv6 messages parse as
//! which variant. The oracle is the RFC layout, byte by byte.

use std::net::Ipv6Addr;

use berkeley::wire::{
    Header, Icmpv6Packet, Icmpv6Repr, IpProtocol, Ipv6Packet, Ipv6Repr, PacketError, PseudoHeader,
};

const SRC: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
const DST: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);

mod ipv6 {
    use super::*;

    /// Version 6, traffic class 0xa5, flow label 0x5_4321, 4 payload bytes, UDP, hop limit 9.
    fn packet() -> Vec<u8> {
        let mut b = vec![0x6a, 0x55, 0x43, 0x21, 0, 4, 17, 9];
        b.extend_from_slice(&SRC.octets());
        b.extend_from_slice(&DST.octets());
        b.extend_from_slice(b"data");
        b
    }

    #[test]
    fn fields_read_from_their_bits() {
        let b = packet();
        let p = Ipv6Packet::new_checked(&b[..]).unwrap();
        assert_eq!(p.version(), 6);
        assert_eq!(p.traffic_class(), 0xa5);
        assert_eq!(p.flow_label(), 0x5_4321);
        assert_eq!(p.payload_len(), 4);
        assert_eq!(p.next_header(), IpProtocol::UDP);
        assert_eq!(p.hop_limit(), 9);
        assert_eq!((p.src_addr(), p.dst_addr()), (SRC, DST));
        assert_eq!(p.payload(), b"data");
        assert_eq!(p.pseudo_header(), PseudoHeader::V6 { src: SRC, dst: DST });
        assert_eq!(p.into_inner(), &b[..]);
    }

    #[test]
    fn setters_change_only_their_bits() {
        let orig = packet();
        let mut b = orig.clone();
        let mut p = Ipv6Packet::new_checked(&mut b[..]).unwrap();
        p.set_traffic_class(0x3c);
        assert_eq!((p.version(), p.traffic_class(), p.flow_label()), (6, 0x3c, 0x5_4321));
        p.set_flow_label(0xf_ffff).unwrap();
        assert_eq!((p.version(), p.traffic_class(), p.flow_label()), (6, 0x3c, 0xf_ffff));
        p.set_flow_label(0).unwrap();
        assert_eq!((p.version(), p.traffic_class(), p.flow_label()), (6, 0x3c, 0));
        // One past the 20 bits: refused, nothing written.
        let err = p.set_flow_label(0x10_0000).unwrap_err();
        assert_eq!(
            err,
            PacketError::Unsupported {
                header: Header::Ipv6,
                field: "flow label",
                value: 0x10_0000
            }
        );
        assert_eq!(p.flow_label(), 0);
        p.set_next_header(IpProtocol::TCP);
        p.set_hop_limit(255);
        p.set_src_addr(Ipv6Addr::LOCALHOST);
        p.set_dst_addr(Ipv6Addr::UNSPECIFIED);
        p.payload_mut().copy_from_slice(b"DATA");
        assert_eq!(p.payload_mut().len(), 4);
        assert_eq!(b[..4], [0x63, 0xc0, 0x00, 0x00]);
        assert_eq!(b[4..8], [0, 4, 6, 255]);
        assert_eq!(b[8..24], Ipv6Addr::LOCALHOST.octets());
        assert_eq!(b[24..40], [0; 16]);
        assert_eq!(&b[40..], b"DATA");
    }

    #[test]
    fn payload_stops_at_payload_len() {
        // Bytes after the payload (Ethernet padding) are not payload.
        let mut b = packet();
        b.extend_from_slice(&[0xee; 6]);
        let mut p = Ipv6Packet::new_checked(&mut b[..]).unwrap();
        assert_eq!(p.payload(), b"data");
        assert_eq!(p.payload_mut().len(), 4);
    }

    #[test]
    fn new_checked_boundaries() {
        let b = packet();
        // Exactly header + payload_len: fine; one byte less: truncated, saying how much it needs.
        assert!(Ipv6Packet::new_checked(&b[..]).is_ok());
        assert_eq!(
            Ipv6Packet::new_checked(&b[..43]).unwrap_err(),
            PacketError::Truncated { header: Header::Ipv6, need: 44, got: 43 }
        );
        assert_eq!(
            Ipv6Packet::new_checked(&b[..39]).unwrap_err(),
            PacketError::Truncated { header: Header::Ipv6, need: 40, got: 39 }
        );
        for v in [4u8, 5, 7, 0, 15] {
            let mut bad = b.clone();
            bad[0] = (v << 4) | (bad[0] & 0x0f);
            assert_eq!(
                Ipv6Packet::new_checked(&bad[..]).unwrap_err(),
                PacketError::BadVersion { header: Header::Ipv6, expected: 6, found: v }
            );
        }
    }

    fn repr(payload_len: usize, flow_label: u32) -> Ipv6Repr {
        Ipv6Repr {
            src_addr: SRC,
            dst_addr: DST,
            next_header: IpProtocol::UDP,
            payload_len,
            hop_limit: 64,
            traffic_class: 0xff,
            flow_label,
        }
    }

    #[test]
    fn emit_boundaries() {
        // The largest payload length the 16-bit field holds, and the largest flow label.
        let r = repr(usize::from(u16::MAX), 0xf_ffff);
        assert_eq!(r.buffer_len(), 40 + 65535);
        let mut buf = vec![0u8; r.buffer_len()];
        let p = r.emit(&mut buf).unwrap();
        assert_eq!(
            (p.payload_len(), p.flow_label(), p.traffic_class()),
            (u16::MAX, 0xf_ffff, 0xff)
        );
        assert_eq!(buf[..4], [0x6f, 0xff, 0xff, 0xff]);
        assert_eq!(Ipv6Repr::parse(&Ipv6Packet::new_checked(&buf[..]).unwrap()).unwrap(), r);
        // One more of either: refused, with the field and value.
        let mut big = vec![0u8; 40 + 65536];
        assert_eq!(
            repr(65536, 0).emit(&mut big).unwrap_err(),
            PacketError::BadLength { header: Header::Ipv6, field: "payload length", value: 65536 }
        );
        assert_eq!(
            repr(0, 0x10_0000).emit(&mut big).unwrap_err(),
            PacketError::Unsupported {
                header: Header::Ipv6,
                field: "flow label",
                value: 0x10_0000
            }
        );
        // A buffer one byte short.
        assert_eq!(
            repr(4, 0).emit(&mut [0u8; 43]).unwrap_err(),
            PacketError::Truncated { header: Header::Ipv6, need: 44, got: 43 }
        );
        // A longer buffer: the view covers exactly buffer_len() bytes.
        let mut long = [0xeeu8; 50];
        let p = repr(4, 1).emit(&mut long).unwrap();
        assert_eq!(p.into_inner().len(), 44);
        assert_eq!(long[44..], [0xee; 6]);
    }
}

mod icmpv6 {
    use super::*;

    const PH: PseudoHeader = PseudoHeader::V6 { src: SRC, dst: DST };

    /// Emits `repr` and parses it back through a fresh view.
    fn round_trip(repr: Icmpv6Repr<'_>) -> Vec<u8> {
        let mut buf = vec![0u8; repr.buffer_len()];
        repr.emit(&mut buf, &PH).unwrap();
        buf
    }

    /// A message of `t`/`code`/`rest` with a valid checksum.
    fn message(t: u8, code: u8, rest: u32, data: &[u8]) -> Vec<u8> {
        let mut b = vec![t, code, 0, 0];
        b.extend_from_slice(&rest.to_be_bytes());
        b.extend_from_slice(data);
        Icmpv6Packet::new_checked(&mut b[..]).unwrap().fill_checksum(&PH);
        b
    }

    /// Asserts that the message `b` parses as `want`.
    fn parses_as(b: &[u8], want: Icmpv6Repr<'_>) {
        let p = Icmpv6Packet::new_checked(b).unwrap();
        assert_eq!(Icmpv6Repr::parse(&p, &PH).unwrap(), want, "{b:?}");
    }

    #[test]
    fn each_type_and_code_parses_as_its_variant() {
        let q = &b"quoted"[..];
        let m = |t, code, rest| message(t, code, rest, q);
        parses_as(
            &m(128, 0, 0x0001_0002),
            Icmpv6Repr::EchoRequest { ident: 1, seq_no: 2, data: q },
        );
        parses_as(&m(129, 0, 0x0003_0004), Icmpv6Repr::EchoReply { ident: 3, seq_no: 4, data: q });
        parses_as(&m(1, 4, 0), Icmpv6Repr::DstUnreachable { code: 4, quoted: q });
        parses_as(&m(2, 0, 1280), Icmpv6Repr::PacketTooBig { mtu: 1280, quoted: q });
        parses_as(&m(3, 1, 0), Icmpv6Repr::TimeExceeded { code: 1, quoted: q });
        // What the variants cannot hold exactly is Other, with every field kept: an echo with a
        // code, an unreachable or time-exceeded with a non-zero unused word, a too-big with a
        // code, a type without a variant.
        for (t, code, rest) in [
            (128u8, 1u8, 5u32),
            (129, 7, 5),
            (1, 4, 1),
            (3, 0, 0x8000_0000),
            (2, 1, 1280),
            (135, 0, 0),
        ] {
            let want = Icmpv6Repr::Other { msg_type: t, code, rest_of_header: rest, data: q };
            parses_as(&m(t, code, rest), want);
        }
    }

    #[test]
    fn setters_write_their_bytes_and_the_checksum_covers_them() {
        let mut b = message(128, 0, 0, b"ping");
        let mut p = Icmpv6Packet::new_checked(&mut b[..]).unwrap();
        p.set_msg_type(129);
        p.set_code(7); // non-zero: the message was built with code 0
        assert_eq!((p.msg_type(), p.code()), (129, 7));
        p.set_echo_ident(0xbeef);
        p.set_echo_seq_no(0x0102);
        p.data_mut().copy_from_slice(b"pong");
        assert_eq!(p.data(), b"pong");
        assert!(!p.verify_checksum(&PH), "changed bytes, old checksum");
        p.fill_checksum(&PH);
        assert!(p.verify_checksum(&PH));
        assert_eq!(
            (p.echo_ident(), p.echo_seq_no(), p.rest_of_header()),
            (0xbeef, 0x0102, 0xbeef_0102)
        );
        p.set_rest_of_header(0x0a0b_0c0d);
        assert_eq!((p.echo_ident(), p.echo_seq_no()), (0x0a0b, 0x0c0d));
        p.fill_checksum(&PH);
        let sum = p.checksum();
        p.set_checksum(sum ^ 1);
        assert_eq!(p.checksum(), sum ^ 1);
        assert!(!p.verify_checksum(&PH));
        assert_eq!(
            Icmpv6Repr::parse(&p, &PH).unwrap_err(),
            PacketError::BadChecksum { header: Header::Icmpv6, expected: sum, found: sum ^ 1 }
        );
        p.set_checksum(sum);
        assert_eq!(b[..8], [129, 7, (sum >> 8) as u8, sum as u8, 0x0a, 0x0b, 0x0c, 0x0d]);
        assert_eq!(&b[8..], b"pong");
        // The same bytes under another pseudo-header do not verify.
        let other = PseudoHeader::V6 { src: DST, dst: Ipv6Addr::LOCALHOST };
        assert!(!Icmpv6Packet::new_checked(&b[..]).unwrap().verify_checksum(&other));
    }

    #[test]
    fn emit_writes_type_code_and_rest_of_header() {
        let q = b"q";
        let cases: [(Icmpv6Repr<'_>, [u8; 2], [u8; 4]); 5] = [
            (
                Icmpv6Repr::EchoRequest { ident: 0x1234, seq_no: 0x5678, data: q },
                [128, 0],
                [0x12, 0x34, 0x56, 0x78],
            ),
            (
                Icmpv6Repr::EchoReply { ident: 0xffff, seq_no: 1, data: q },
                [129, 0],
                [0xff, 0xff, 0, 1],
            ),
            (Icmpv6Repr::DstUnreachable { code: 3, quoted: q }, [1, 3], [0; 4]),
            (Icmpv6Repr::PacketTooBig { mtu: 0x0102_0304, quoted: q }, [2, 0], [1, 2, 3, 4]),
            (Icmpv6Repr::TimeExceeded { code: 1, quoted: q }, [3, 1], [0; 4]),
        ];
        for (repr, tc, rest) in cases {
            let b = round_trip(repr);
            assert_eq!(b.len(), 9);
            assert_eq!((&b[..2], &b[4..8], b[8]), (&tc[..], &rest[..], b'q'), "{repr:?}");
            assert!(Icmpv6Packet::new_checked(&b[..]).unwrap().verify_checksum(&PH));
        }
        // A buffer one byte short is refused; a longer one is used for buffer_len() bytes only.
        let r = Icmpv6Repr::EchoRequest { ident: 1, seq_no: 1, data: b"four" };
        assert_eq!(
            r.emit(&mut [0u8; 11], &PH).unwrap_err(),
            PacketError::Truncated { header: Header::Icmpv6, need: 12, got: 11 }
        );
        let mut long = [0xeeu8; 16];
        assert_eq!(r.emit(&mut long, &PH).unwrap().into_inner().len(), 12);
        assert_eq!(long[12..], [0xee; 4]);
    }
}

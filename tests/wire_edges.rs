//! `wire` edge cases the mutation run (`.ci/mutants.sh --all wire`) found untested: the protocol
//! number newtype's conversions and its `Debug` (the C name).

use berkeley::wire::IpProtocol;

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

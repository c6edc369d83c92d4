//! The names the `wire` layer prints: each header's name in error messages, and the Debug form
//! of `IpProtocol` (the C constant's name where there is one).

use berkeley::wire::{Header, IpProtocol, PacketError};

#[test]
fn every_header_has_its_printed_name() {
    let names = [
        (Header::Ethernet, "Ethernet"),
        (Header::Vlan, "802.1Q"),
        (Header::Arp, "ARP"),
        (Header::Ipv4, "IPv4"),
        (Header::Ipv6, "IPv6"),
        (Header::Icmpv4, "ICMPv4"),
        (Header::Icmpv6, "ICMPv6"),
        (Header::Udp, "UDP"),
        (Header::Tcp, "TCP"),
        (Header::TcpOption, "TCP option"),
    ];
    for (header, name) in names {
        assert_eq!(header.to_string(), name);
        // An error message starts with the header it is about.
        let e = PacketError::Truncated { header, need: 20, got: 3 };
        assert_eq!(e.to_string(), format!("{name}: truncated: need 20 bytes, got 3"));
    }
}

#[test]
fn ip_protocol_numbers_convert_and_debug_print_their_c_names() {
    for n in 0..=u8::MAX {
        let p = IpProtocol::from(n);
        assert_eq!(p.get(), n);
        assert_eq!(u8::from(p), n);
        let debug = format!("{p:?}");
        let want = match n {
            0 => "IPPROTO_HOPOPTS".to_owned(),
            1 => "IPPROTO_ICMP".to_owned(),
            6 => "IPPROTO_TCP".to_owned(),
            17 => "IPPROTO_UDP".to_owned(),
            58 => "IPPROTO_ICMPV6".to_owned(),
            _ => format!("IpProtocol({n})"),
        };
        assert_eq!(debug, want);
    }
    assert_eq!(IpProtocol::UDP, IpProtocol::from(17));
    assert_eq!(IpProtocol::TCP, IpProtocol::from(6));
}

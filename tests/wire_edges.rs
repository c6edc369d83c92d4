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

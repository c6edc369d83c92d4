//! EthernetFrame::new_checked + EthernetRepr::parse on any bytes (no panic), and
//! parse(emit(repr)) == repr.
#![no_main]

use berkeley::wire::*;
use libfuzzer_sys::fuzz_target;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A pseudo-header taken from the first bytes (IPv4 or IPv6 by the first bit), and the rest.
#[allow(dead_code)] // not every target needs it
fn pseudo(data: &[u8]) -> Option<(PseudoHeader, &[u8])> {
    let (&first, rest) = data.split_first()?;
    if first & 1 == 0 {
        let (a, rest) = (rest.get(..8)?, &rest[8..]);
        let src = Ipv4Addr::new(a[0], a[1], a[2], a[3]);
        let dst = Ipv4Addr::new(a[4], a[5], a[6], a[7]);
        Some((PseudoHeader::V4 { src, dst }, rest))
    } else {
        let (a, rest) = (rest.get(..32)?, &rest[32..]);
        let src = Ipv6Addr::from(<[u8; 16]>::try_from(&a[..16]).unwrap());
        let dst = Ipv6Addr::from(<[u8; 16]>::try_from(&a[16..]).unwrap());
        Some((PseudoHeader::V6 { src, dst }, rest))
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(f) = EthernetFrame::new_checked(data) {
        let _ = (f.dst_addr(), f.src_addr(), f.vlan(), f.payload());
        let repr = EthernetRepr::parse(&f).unwrap();
        let mut buf = vec![0u8; repr.buffer_len()];
        repr.emit(&mut buf).unwrap();
        assert_eq!(buf[..], data[..repr.buffer_len()]);
        assert_eq!(
            EthernetRepr::parse(&EthernetFrame::new_checked(&buf[..]).unwrap()).unwrap(),
            repr
        );
    }
});

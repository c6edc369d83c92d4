//! Icmpv6Packet::new_checked + Icmpv6Repr::parse on any bytes (no panic), and once the checksum
//! is filled, parse(emit(parse(bytes))) is the same repr.
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
    let Some((ph, rest)) = pseudo(data) else { return };
    let Ok(icmp) = Icmpv6Packet::new_checked(rest) else { return };
    let _ = Icmpv6Repr::parse(&icmp, &ph);
    let mut owned = Icmpv6Packet::new_checked(rest.to_vec()).unwrap();
    owned.fill_checksum(&ph);
    let filled = owned.into_inner();
    let owned = Icmpv6Packet::new_checked(&filled[..]).unwrap();
    let repr = Icmpv6Repr::parse(&owned, &ph).unwrap();
    let mut buf = vec![0u8; repr.buffer_len()];
    repr.emit(&mut buf, &ph).unwrap();
    assert_eq!(buf, filled);
    assert_eq!(
        Icmpv6Repr::parse(&Icmpv6Packet::new_checked(&buf[..]).unwrap(), &ph).unwrap(),
        repr
    );
});

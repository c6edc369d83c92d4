//! Address edge cases the mutation run (`.ci/mutants.sh --all addr`) found untested: hashing
//! that tells addresses apart (a map keyed by address), `Debug` output, and the exact error
//! (kind and byte position) of each malformed text form.
//!
//! Portable (no libc structs): the oracle is the documented behaviour and std's own types.
//! The `link` module (Linux) fills `struct sockaddr_ll` by hand as its oracle.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hash, RandomState};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV6};

use berkeley::{SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn};

/// Asserts that the values of `distinct` are pairwise unequal, that each equals (and hashes like)
/// its copy, and that they all hash differently: what a `HashMap` keyed by address needs to be
/// right, and to stay a map rather than a list.
fn hashes_tell_apart<T: Hash + Eq + Clone + std::fmt::Debug>(distinct: &[T]) {
    let s = RandomState::new();
    let mut seen = HashSet::new();
    for (i, a) in distinct.iter().enumerate() {
        assert_eq!(*a, a.clone());
        assert_eq!(s.hash_one(a), s.hash_one(a.clone()), "{a:?}");
        for b in &distinct[..i] {
            assert_ne!(a, b);
        }
        assert!(seen.insert(s.hash_one(a)), "{a:?} hashes like an earlier, different address");
    }
}

#[test]
fn hash_tells_inet_addresses_apart() {
    let ips = [Ipv4Addr::LOCALHOST, Ipv4Addr::new(127, 0, 0, 2), Ipv4Addr::UNSPECIFIED];
    let v4: Vec<SockAddrIn> =
        ips.iter().flat_map(|&ip| [0, 1, 80].map(|port| SockAddrIn::new(ip, port))).collect();
    hashes_tell_apart(&v4);
    hashes_tell_apart(&v4.iter().map(|&a| SockAddr::from(a)).collect::<Vec<_>>());

    let mut v6 = Vec::new();
    for ip in [Ipv6Addr::LOCALHOST, Ipv6Addr::UNSPECIFIED] {
        for (port, flowinfo, scope_id) in [(0, 0, 0), (80, 0, 0), (80, 1, 0), (80, 0, 2)] {
            v6.push(SockAddrIn6::new(ip, port, flowinfo, scope_id));
        }
    }
    hashes_tell_apart(&v6);
    hashes_tell_apart(&v6.iter().map(|&a| SockAddr::from(a)).collect::<Vec<_>>());
}

#[test]
fn hash_tells_unix_addresses_apart() -> berkeley::Result<()> {
    let mut un =
        vec![SockAddrUn::unnamed(), SockAddrUn::new("/tmp/a")?, SockAddrUn::new("/tmp/b")?];
    un.push(SockAddrUn::new("/tmp/ab")?);
    // The longest path fills sun_path but for its NUL: the hash covers exactly its bytes.
    un.push(SockAddrUn::new(format!("/{}", "x".repeat(SockAddrUn::MAX_PATH_LEN - 1)))?);
    un.push(SockAddrUn::new(format!("/{}y", "x".repeat(SockAddrUn::MAX_PATH_LEN - 2)))?);
    #[cfg(target_os = "linux")]
    {
        un.push(SockAddrUn::new_abstract(b"")?);
        un.push(SockAddrUn::new_abstract(b"a")?);
        un.push(SockAddrUn::new_abstract(b"/tmp/a")?);
    }
    hashes_tell_apart(&un);
    hashes_tell_apart(&un.iter().map(|a| SockAddr::from(*a)).collect::<Vec<_>>());
    Ok(())
}

#[test]
fn in6_equality_is_std_equality() {
    // flowinfo and scope id are part of the address, as in std's SocketAddrV6.
    let a = SockAddrIn6::new(Ipv6Addr::LOCALHOST, 80, 0, 0);
    for b in [
        SockAddrIn6::new(Ipv6Addr::LOCALHOST, 81, 0, 0),
        SockAddrIn6::new(Ipv6Addr::LOCALHOST, 80, 1, 0),
        SockAddrIn6::new(Ipv6Addr::LOCALHOST, 80, 0, 1),
        SockAddrIn6::new(Ipv6Addr::UNSPECIFIED, 80, 0, 0),
    ] {
        assert_ne!(a, b);
        assert_eq!(a == b, SocketAddrV6::from(a) == SocketAddrV6::from(b));
    }
    assert_eq!(a, SockAddrIn6::from(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 80, 0, 0)));
}

#[test]
fn debug_shows_every_field() -> berkeley::Result<()> {
    let sin = SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 1), 8080);
    assert_eq!(format!("{sin:?}"), "SockAddrIn { ip: 192.0.2.1, port: 8080 }");
    let sin6 = SockAddrIn6::new(Ipv6Addr::LOCALHOST, 53, 7, 2);
    assert_eq!(format!("{sin6:?}"), "SockAddrIn6 { ip: ::1, port: 53, flowinfo: 7, scope_id: 2 }");
    assert_eq!(format!("{:?}", SockAddrUn::unnamed()), "SockAddrUn(unnamed)");
    let path = SockAddrUn::new("/tmp/s")?;
    assert!(format!("{path:?}").starts_with("SockAddrUn { path: \"/tmp/s\", len: "), "{path:?}");
    #[cfg(target_os = "linux")]
    {
        let name = SockAddrUn::new_abstract(b"a\\\x01")?;
        // sun_family (2 bytes) + the NUL that marks an abstract name + 3 name bytes.
        assert_eq!(format!("{name:?}"), "SockAddrUn { abstract: \"a\\\\\\x01\", len: 6 }");
    }
    let any = SockAddr::from(sin);
    assert_eq!(format!("{any:?}"), "SockAddr { family: AF_INET, len: 16, addr: 192.0.2.1:8080 }");
    Ok(())
}

/// The kind and position of a parse error.
fn parse_err(s: &str) -> (berkeley::ParseErrorKind, usize) {
    match s.parse::<SockAddr>() {
        Err(berkeley::Error::Parse(e)) => (e.kind(), e.position()),
        other => panic!("{s:?}: {other:?}"),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn abstract_name_too_long_reports_its_decoded_length() {
    use berkeley::Error;
    let max = SockAddrUn::MAX_ABSTRACT_LEN;
    // Each escape is one byte of the name: the error gives the name's length, not the text's.
    for (tail, extra) in
        [("z", 1), ("\\x01", 1), ("\\x01\\\\ab", 4), ("\\\\\\\\", 2), ("z\\x01\\x7f", 3)]
    {
        let text = format!("@{}{tail}", "y".repeat(max));
        match text.parse::<SockAddr>() {
            Err(Error::PathTooLong { len, max: m }) => {
                assert_eq!((len, m), (max + extra, max), "{text:?}")
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    // Exactly the maximum, escapes included, fits.
    let fits = format!("@{}\\x00", "y".repeat(max - 1));
    let name = fits.parse::<SockAddrUn>().unwrap();
    assert_eq!(name.abstract_name().map(<[u8]>::len), Some(max));
}

#[cfg(target_os = "linux")]
#[test]
fn abstract_escapes_decode_every_byte() {
    // `\xNN` is the byte NN (high and low nibble, either case), `\\` a backslash.
    for b in 0..=255u8 {
        for text in [format!("@\\x{b:02x}"), format!("@\\x{b:02X}")] {
            let name = text.parse::<SockAddrUn>().unwrap();
            assert_eq!(name.abstract_name(), Some(&[b][..]), "{text}");
            // Display escapes it back, and the text parses to the same name.
            assert_eq!(name.to_string().parse::<SockAddrUn>().unwrap(), name);
        }
    }
    assert_eq!(parse_err("@ab\\x"), (berkeley::ParseErrorKind::UnexpectedEnd, 5));
    assert_eq!(parse_err("@ab\\xg0"), (berkeley::ParseErrorKind::InvalidChar, 5));
    assert_eq!(parse_err("@ab\\x0g"), (berkeley::ParseErrorKind::InvalidChar, 6));
    assert_eq!(parse_err("@ab\\x0"), (berkeley::ParseErrorKind::UnexpectedEnd, 6));
}

#[cfg(unix)]
#[test]
fn backslash_is_not_a_path_separator_on_unix() {
    // Only '/' makes a path here (on Windows '\' does too): `x\y:80` is an IPv4 form, and not
    // one, so it fails where the host does instead of naming a file.
    assert_eq!(parse_err("x\\y:80"), (berkeley::ParseErrorKind::InvalidChar, 0));
    assert!("x\\y".parse::<SockAddrUn>().is_err());
    assert!("./x\\y".parse::<SockAddrUn>().is_ok());
}

#[test]
fn scope_and_port_errors_point_into_the_text() {
    use berkeley::ParseErrorKind as K;
    assert_eq!(parse_err("[::1%12x]:80"), (K::InvalidChar, 7));
    assert_eq!(parse_err("[::1%99999999999]:80"), (K::ValueOutOfRange, 5));
    assert_eq!(parse_err("[::1%1]:8a"), (K::InvalidChar, 9));
    assert_eq!(parse_err("[::1%1]:99999"), (K::ValueOutOfRange, 8));
    assert_eq!(parse_err("[::g]:80"), (K::InvalidChar, 3));
    assert_eq!(parse_err("1.2.3.4:123456"), (K::ValueOutOfRange, 8));
    assert_eq!("[::1%007]:0080".parse::<SockAddrIn6>().unwrap().to_string(), "[::1%7]:80");
}

#[test]
fn width_and_precision_apply_to_the_whole_text() {
    let sin = SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 1), 80);
    assert_eq!(format!("{sin:.5}"), "192.0"); // precision truncates, as for a str
    assert_eq!(format!("{sin:>14.5}|"), "         192.0|");
    assert_eq!(format!("{sin:^16}|"), "  192.0.2.1:80  |");
    assert_eq!(format!("{:-<14}|", SockAddr::from(sin)), "192.0.2.1:80--|");
    // The longest text (58 bytes) still pads whole.
    let longest = SockAddrIn6::new(Ipv6Addr::from([0xffff; 8]), 65535, 0, u32::MAX);
    let text = longest.to_string();
    assert_eq!(text, "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%4294967295]:65535");
    assert_eq!(format!("{longest:>70}"), format!("{text:>70}"));
    assert_eq!(format!("{longest:.9}"), "[ffff:fff");
}

#[test]
fn setters_change_only_their_field() {
    let mut sin = SockAddrIn::new(Ipv4Addr::LOCALHOST, 80);
    sin.set_port(8080);
    assert_eq!((sin.ip(), sin.port()), (Ipv4Addr::LOCALHOST, 8080));
    assert_eq!(sin.as_raw().sin_port, berkeley::htons(8080));
    sin.set_ip(Ipv4Addr::new(192, 0, 2, 1));
    assert_eq!((sin.ip(), sin.port()), (Ipv4Addr::new(192, 0, 2, 1), 8080));
    assert_eq!(sin, SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 1), 8080));

    let mut sin6 = SockAddrIn6::new(Ipv6Addr::LOCALHOST, 80, 5, 6);
    sin6.set_port(53);
    assert_eq!(sin6, SockAddrIn6::new(Ipv6Addr::LOCALHOST, 53, 5, 6));
    assert_eq!(sin6.as_raw().sin6_port, berkeley::htons(53));
}

#[cfg(unix)]
#[test]
fn from_std_unix_addresses() -> berkeley::Result<()> {
    use std::os::unix::net::SocketAddr as UnixSocketAddr;
    let std_path = UnixSocketAddr::from_pathname("/tmp/berkeley-edges.sock").unwrap();
    let want = SockAddrUn::new("/tmp/berkeley-edges.sock")?;
    assert_eq!(SockAddrUn::from(&std_path), want);
    assert_eq!(SockAddr::from(&std_path), SockAddr::from(want));
    assert_eq!(SockAddr::from(std_path), SockAddr::from(want));
    #[cfg(target_os = "linux")]
    {
        use std::os::linux::net::SocketAddrExt;
        // Abstract names of every length std allows, up to the longest, come through whole.
        for len in [0, 1, 54, 55, SockAddrUn::MAX_ABSTRACT_LEN] {
            let name = vec![b'n'; len];
            let std_abstract = UnixSocketAddr::from_abstract_name(&name).unwrap();
            let un = SockAddrUn::from(&std_abstract);
            assert_eq!(un.abstract_name(), Some(&name[..]), "{len}");
            assert_eq!(SockAddr::from(&std_abstract), SockAddr::from(un));
        }
    }
    Ok(())
}

/// `SockAddrLl` (src/addr/link.rs): hashing and equality that tell link-layer addresses apart
/// field by field, the C values and names of the packet types, and the text of hardware
/// addresses of every length. The oracle is `struct sockaddr_ll` filled by hand.
#[cfg(any(target_os = "linux", target_os = "android"))]
mod link {
    use std::hash::{BuildHasher, RandomState};

    use berkeley::addr::PacketType;
    use berkeley::{Error, EtherType, MacAddr, SockAddr, SockAddrLl};

    use super::hashes_tell_apart;

    const MAC: MacAddr = MacAddr::new([0x02, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);

    /// A `sockaddr_ll` of `AF_PACKET` with `halen` address bytes `addr`.
    fn raw(halen: u8, addr: [u8; 8]) -> libc::sockaddr_ll {
        // SAFETY: sockaddr_ll is plain old data; all-zero is valid.
        let mut c: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
        c.sll_family = libc::AF_PACKET as u16;
        c.sll_protocol = 0x0800u16.to_be();
        c.sll_ifindex = 2;
        c.sll_halen = halen;
        c.sll_addr = addr;
        c
    }

    #[test]
    fn hash_and_eq_tell_every_field_apart() {
        let base = SockAddrLl::new(2, EtherType::IPV4, MAC);
        let other_mac = MacAddr::new([0x02, 0x1a, 0x2b, 0x3c, 0x4d, 0x5f]);
        let short = SockAddrLl::from_raw(&raw(4, [0x02, 0x1a, 0x2b, 0x3c, 0, 0, 0, 0])).unwrap();
        hashes_tell_apart(&[
            base,
            SockAddrLl::new(3, EtherType::IPV4, MAC),
            SockAddrLl::new(2, EtherType::IPV6, MAC),
            SockAddrLl::new(2, EtherType::IPV4, other_mac),
            base.with_hatype(SockAddrLl::ARPHRD_ETHER),
            base.with_pkttype(PacketType::BROADCAST),
            short,
        ]);
        // Bytes past halen are not part of the address: equal, and hashing alike.
        let a = SockAddrLl::from_raw(&raw(4, [1, 2, 3, 4, 0, 0, 0, 0])).unwrap();
        let b = SockAddrLl::from_raw(&raw(4, [1, 2, 3, 4, 9, 9, 9, 9])).unwrap();
        let s = RandomState::new();
        assert_eq!(a, b);
        assert_eq!(s.hash_one(a), s.hash_one(b));
    }

    #[test]
    fn packet_types_have_their_c_values_and_names() {
        let all = [
            (PacketType::HOST, libc::PACKET_HOST, "PACKET_HOST"),
            (PacketType::BROADCAST, libc::PACKET_BROADCAST, "PACKET_BROADCAST"),
            (PacketType::MULTICAST, libc::PACKET_MULTICAST, "PACKET_MULTICAST"),
            (PacketType::OTHERHOST, libc::PACKET_OTHERHOST, "PACKET_OTHERHOST"),
            (PacketType::OUTGOING, libc::PACKET_OUTGOING, "PACKET_OUTGOING"),
            (PacketType::LOOPBACK, libc::PACKET_LOOPBACK, "PACKET_LOOPBACK"),
        ];
        for (t, raw, name) in all {
            assert_eq!(t.as_raw(), raw);
            assert_eq!(PacketType::from_raw(raw), t);
            assert_eq!(format!("{t:?}"), name);
            let a = SockAddrLl::new(1, EtherType::IPV4, MAC).with_pkttype(t);
            assert_eq!(a.pkttype(), t);
            assert_eq!(a.as_raw().sll_pkttype, raw);
        }
        assert_eq!(PacketType::default(), PacketType::HOST);
        assert_eq!(PacketType::from_raw(200).as_raw(), 200);
        assert!(PacketType::HOST < PacketType::LOOPBACK);
        assert_eq!(SockAddrLl::ARPHRD_ETHER, libc::ARPHRD_ETHER);
    }

    #[test]
    fn hardware_addresses_of_every_length_print_colon_separated() {
        let bytes = [0x0a, 0xb1, 0x02, 0xc3, 0x04, 0xd5, 0x06, 0xe7];
        for halen in 0..=8u8 {
            let a = SockAddrLl::from_raw(&raw(halen, bytes)).unwrap();
            let hex: Vec<String> =
                bytes[..usize::from(halen)].iter().map(|b| format!("{b:02x}")).collect();
            let hw = hex.join(":");
            let shown = a.to_string();
            if halen == 0 {
                assert_eq!(shown, "ll(ifindex=2 ETH_P_IP)");
            } else {
                assert_eq!(shown, format!("ll(ifindex=2 ETH_P_IP {hw})"));
            }
            assert_eq!(SockAddr::from(a).to_string(), shown);
            assert!(format!("{a:?}").ends_with(&format!("addr: {hw} }}")), "{a:?}");
            assert_eq!(a.addr_bytes(), &bytes[..usize::from(halen)]);
        }
        // One past sll_addr's 8 bytes is refused, with the call that refused it.
        let err = SockAddrLl::from_raw(&raw(9, bytes)).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { call: "SockAddrLl::from_raw", .. }), "{err:?}");
    }

    #[test]
    fn ifindex_is_kept_bit_for_bit() {
        for ifindex in [0, 1, 0x7fff_ffff, 0x8000_0000, u32::MAX] {
            let a = SockAddrLl::new(ifindex, EtherType::IPV4, MAC);
            assert_eq!(a.ifindex(), ifindex);
            assert_eq!(a.as_raw().sll_ifindex as u32, ifindex);
            assert_eq!(SockAddr::from(a).as_ll().unwrap().ifindex(), ifindex);
        }
    }
}

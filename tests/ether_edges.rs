//! Edges of `src/ether.rs` that the glibc differential tests (tests/ether.rs) do not reach,
//! found by the mutation run (`.ci/mutants.sh --all ether`): `MacAddr`'s address-class
//! predicates against the IEEE 802 bit definitions, and the 17-byte inputs on which the scalar
//! canonical-form parser (`twins::ether_aton_scalar`'s word-at-a-time path) could go wrong
//! unseen by the random inputs there: every single-byte change of all-decimal and all-letter
//! addresses, every placement of colons, and the colon lanes all replaced at once. The oracle
//! is glibc's `ether_aton_r`, and both twins must give the public function's answer.

use berkeley::MacAddr;

/// IEEE 802: the I/G bit (bit 0 of the first octet) marks a group address, the U/L bit (bit 1)
/// a locally administered one, whatever the other octets hold; broadcast is all ones.
#[test]
fn class_predicates_follow_the_ig_and_ul_bits_for_every_first_octet() {
    for first in 0..=255u8 {
        for rest in [0x00, 0x5e, 0xff] {
            let mac = MacAddr::new([first, rest, rest, rest, rest, rest]);
            let group = first & 0x01 != 0;
            let local = first & 0x02 != 0;
            assert_eq!(mac.is_multicast(), group, "{mac}");
            assert_eq!(mac.is_unicast(), !group, "{mac}");
            assert_eq!(mac.is_local(), local, "{mac}");
            assert_eq!(mac.is_broadcast(), first == 0xff && rest == 0xff, "{mac}");
        }
    }
}

#[test]
fn class_predicates_of_well_known_addresses() {
    // IPv4 multicast (RFC 1112), IPv6 multicast (RFC 2464), STP (IEEE 802.1D), a globally
    // unique vendor address, a locally administered one, and broadcast.
    let ipv4_mcast = MacAddr::new([0x01, 0x00, 0x5e, 0x00, 0x00, 0x01]);
    let ipv6_mcast = MacAddr::new([0x33, 0x33, 0x00, 0x00, 0x00, 0x01]);
    let stp = MacAddr::new([0x01, 0x80, 0xc2, 0x00, 0x00, 0x00]);
    let vendor = MacAddr::new([0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);
    let local = MacAddr::new([0x02, 0x00, 0x00, 0x00, 0x00, 0x01]);
    for m in [ipv4_mcast, ipv6_mcast, stp] {
        assert!(m.is_multicast() && !m.is_unicast() && !m.is_broadcast(), "{m}");
    }
    assert!(!ipv4_mcast.is_local() && ipv6_mcast.is_local() && !stp.is_local());
    assert!(vendor.is_unicast() && !vendor.is_multicast() && !vendor.is_local());
    assert!(local.is_unicast() && local.is_local());
    assert!(MacAddr::BROADCAST.is_multicast() && !MacAddr::BROADCAST.is_unicast());
    assert!(MacAddr::BROADCAST.is_local() && !MacAddr::ZERO.is_local());
    // One bit short of broadcast, in each octet.
    for i in 0..6 {
        for bit in 0..8 {
            let mut o = [0xff; 6];
            o[i] ^= 1 << bit;
            assert!(!MacAddr::new(o).is_broadcast(), "{o:02x?}");
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::ffi::{c_char, CString};

    use berkeley::ether::{ether_aton_bytes, twins};
    use berkeley::{MacAddr, ParseErrorKind};

    #[repr(C)]
    struct EtherAddr {
        octet: [u8; 6],
    }

    extern "C" {
        fn ether_aton_r(asc: *const c_char, addr: *mut EtherAddr) -> *mut EtherAddr;
    }

    /// glibc's answer for bytes without NUL.
    fn glibc_aton(s: &[u8]) -> Option<[u8; 6]> {
        let c = CString::new(s).expect("no NUL here");
        let mut out = EtherAddr { octet: [0; 6] };
        // SAFETY: c is a valid NUL-terminated string, out a valid ether_addr.
        let r = unsafe { ether_aton_r(c.as_ptr(), &mut out) };
        (!r.is_null()).then_some(out.octet)
    }

    /// Both twins give the public function's answer, and that answer is glibc's: the same
    /// octets without NUL; with a NUL, an error no later than it, and exactly at it when glibc
    /// accepts the text before it.
    fn check(s: &[u8]) {
        let ours = ether_aton_bytes(s);
        assert_eq!(twins::ether_aton_scalar(s), ours, "scalar twin, input {s:?}");
        if let Some(simd) = twins::ether_aton_simd(s) {
            assert_eq!(simd, ours, "SIMD twin, input {s:?}");
        }
        match s.iter().position(|&b| b == 0) {
            None => assert_eq!(ours.ok().map(MacAddr::octets), glibc_aton(s), "input {s:?}"),
            Some(nul) => {
                let e = ours.expect_err("a NUL is an error");
                assert!(e.position() <= nul, "input {s:?}: {e:?}");
                if glibc_aton(&s[..nul]).is_some() {
                    assert_eq!((e.kind(), e.position()), (ParseErrorKind::InvalidChar, nul));
                }
            }
        }
    }

    /// Canonical addresses whose digits are all of one class (decimal, lowercase, uppercase)
    /// or mixed (a wrong digit-class test is hidden by any digit of the other class), and two
    /// with no hex digit at all (a test that accepts exactly the non-digits).
    const BASES: [&[u8; 17]; 10] = [
        b"00:00:00:00:00:00",
        b"99:99:99:99:99:99",
        b"09:90:19:28:37:46",
        b"aa:aa:aa:aa:aa:aa",
        b"ff:ff:ff:ff:ff:ff",
        b"AA:AA:AA:AA:AA:AA",
        b"FF:FF:FF:FF:FF:FF",
        b"0a:F9:fA:b0:C1:e9",
        b"gg:gg:gg:gg:gg:gg",
        b"//:@@:GG:``:\x7f\x7f:\x80\xff",
    ];

    #[test]
    fn canonical_bases_with_every_byte_in_every_position() {
        for base in BASES {
            check(base);
            for pos in 0..17 {
                for b in 0..=255u8 {
                    let mut t = *base;
                    t[pos] = b;
                    check(&t);
                }
            }
        }
    }

    #[test]
    fn canonical_bases_with_any_colons_replaced_by_one_byte() {
        for base in BASES {
            for lanes in 1..32u32 {
                for b in 0..=255u8 {
                    let mut t = *base;
                    for k in 0..5 {
                        if lanes >> k & 1 == 1 {
                            t[2 + 3 * k] = b;
                        }
                    }
                    check(&t);
                }
            }
        }
    }

    #[test]
    fn every_placement_of_colons_in_17_bytes() {
        for digits in [&b"0123456789"[..], b"abcdefABCDEF"] {
            for colons in 0..1u32 << 17 {
                let t: [u8; 17] = std::array::from_fn(|i| {
                    if colons >> i & 1 == 1 {
                        b':'
                    } else {
                        digits[(i + colons as usize) % digits.len()]
                    }
                });
                check(&t);
            }
        }
    }
}

/// An error at the first byte is an invalid character there, not "empty input": only `""` is
/// empty (the first digit is looked for at position 0 in both cases).
#[test]
fn error_at_the_first_byte_is_invalid_char_not_empty() {
    use berkeley::{ether_aton, ParseErrorKind};
    let e = |s: &str| ether_aton(s).map(|_| ()).map_err(|e| (e.kind(), e.position()));
    assert_eq!(e(""), Err((ParseErrorKind::Empty, 0)));
    for s in ["g", ":", " 0:1:2:3:4:5", "g0:11:22:33:44:55", "x:1:2:3:4:5", "-"] {
        assert_eq!(e(s), Err((ParseErrorKind::InvalidChar, 0)), "{s:?}");
    }
}

/// `EtherNtoa` compares with `str`, `&str` and another `EtherNtoa` by its text: equal to
/// glibc's form of its own address, unequal to the canonical form and to another address's.
#[test]
fn ether_ntoa_compares_by_text() {
    use berkeley::ether_ntoa;
    let a = ether_ntoa(MacAddr::new([0, 0x1a, 2, 0x3c, 4, 0x5e]));
    let b = ether_ntoa(MacAddr::new([0, 0x1a, 2, 0x3c, 4, 0x5f]));
    assert!(a == *"0:1a:2:3c:4:5e" && !(a != *"0:1a:2:3c:4:5e"));
    assert!(a != *"00:1a:02:3c:04:5e" && a != *"");
    assert!(a == "0:1a:2:3c:4:5e" && !(a != "0:1a:2:3c:4:5e"));
    assert!(a != "0:1a:2:3c:4:5f" && a != "0:1a:2:3c:4"); // a prefix is not equal
    assert!(a == ether_ntoa(MacAddr::new([0, 0x1a, 2, 0x3c, 4, 0x5e])) && a != b);
    let c = b;
    assert!(b == c && !(a == b));
}

//! `ether_aton`/`ether_ntoa` against glibc (`ether_aton_r`/`ether_ntoa_r` through FFI), and
//! `MacAddr`'s `Display`/`FromStr`.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::ffi::{c_char, CStr, CString};

use berkeley::ether::twins;
use berkeley::{ether_aton, ether_ntoa, MacAddr, ParseErrorKind};
use proptest::prelude::*;

mod util;

#[repr(C)]
struct EtherAddr {
    octet: [u8; 6],
}

extern "C" {
    fn ether_aton_r(asc: *const c_char, addr: *mut EtherAddr) -> *mut EtherAddr;
    fn ether_ntoa_r(addr: *const EtherAddr, buf: *mut c_char) -> *mut c_char;
}

/// glibc's answer for `s` (which must not contain NUL).
fn glibc_aton(s: &str) -> Option<[u8; 6]> {
    let c = CString::new(s).expect("no NUL in differential inputs");
    let mut out = EtherAddr { octet: [0; 6] };
    // SAFETY: c is a valid NUL-terminated string, out a valid ether_addr.
    let r = unsafe { ether_aton_r(c.as_ptr(), &mut out) };
    (!r.is_null()).then_some(out.octet)
}

fn glibc_ntoa(octets: [u8; 6]) -> String {
    let addr = EtherAddr { octet: octets };
    let mut buf = [0 as c_char; 32]; // glibc needs 18
                                     // SAFETY: addr is valid; buf has room for the 18 bytes glibc writes.
    let r = unsafe { ether_ntoa_r(&addr, buf.as_mut_ptr()) };
    assert!(!r.is_null());
    // SAFETY: glibc wrote a NUL-terminated string into buf.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_owned()
}

/// glibc's answer for arbitrary bytes (no NUL).
fn glibc_aton_bytes(s: &[u8]) -> Option<[u8; 6]> {
    let c = CString::new(s).expect("no NUL in differential inputs");
    let mut out = EtherAddr { octet: [0; 6] };
    // SAFETY: c is a valid NUL-terminated string, out a valid ether_addr.
    let r = unsafe { ether_aton_r(c.as_ptr(), &mut out) };
    (!r.is_null()).then_some(out.octet)
}

/// 17 bytes shaped like `xx:xx:xx:xx:xx:xx`, each position replaced now and then by any byte:
/// the inputs that reach the word-at-a-time fast path and its near misses.
fn canonical_shaped() -> impl Strategy<Value = Vec<u8>> {
    let pos = |i: usize| -> BoxedStrategy<u8> {
        let good: BoxedStrategy<u8> = if i % 3 == 2 {
            Just(b':').boxed()
        } else {
            prop::sample::select(b"0123456789abcdefABCDEF".to_vec()).boxed()
        };
        prop_oneof![12 => good, 1 => 1u8..=255].boxed()
    };
    ((0..17).map(pos).collect::<Vec<_>>(), prop::collection::vec(1u8..=255, 0..3)).prop_map(
        |(mut v, tail)| {
            v.extend(tail);
            v
        },
    )
}

/// Six parts of one or two hex digits joined by `:` (11 to 17 bytes: every shape the
/// branch-free fast path converts), each byte replaced now and then by any byte (NUL included),
/// sometimes cut short or followed by a byte or two: the fast path's inputs and near misses.
fn six_part_shaped() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec("[0-9a-fA-F]{1,2}", 6),
        prop::collection::vec(prop_oneof![14 => Just(None), 1 => any::<u8>().prop_map(Some)], 17),
        prop_oneof![6 => Just(0usize), 1 => 1usize..4],
        prop::collection::vec(any::<u8>(), 0..3),
    )
        .prop_map(|(parts, replace, cut, tail)| {
            let mut v = parts.join(":").into_bytes();
            for (b, r) in v.iter_mut().zip(replace) {
                if let Some(r) = r {
                    *b = r;
                }
            }
            v.truncate(v.len() - cut.min(v.len()));
            v.extend(tail);
            v
        })
}

/// berkeley against glibc on bytes that may contain NUL: without NUL the answers must be the
/// same; with one, berkeley must refuse, and if glibc accepts the text before the first NUL,
/// the error must name that NUL.
/// Both paths of `ether_aton_bytes` (`berkeley::ether::twins`): the scalar one, and the SIMD
/// one where this CPU has it, must give the public function's result, error included.
fn check_twins(s: &[u8]) -> Result<(), TestCaseError> {
    let ours = berkeley::ether::ether_aton_bytes(s);
    prop_assert_eq!(twins::ether_aton_scalar(s), ours, "scalar, input {:?}", s);
    if let Some(simd) = twins::ether_aton_simd(s) {
        prop_assert_eq!(simd, ours, "SIMD, input {:?}", s);
    }
    Ok(())
}

fn check_aton_bytes(s: &[u8]) -> Result<(), TestCaseError> {
    check_twins(s)?;
    let ours = berkeley::ether::ether_aton_bytes(s);
    match s.iter().position(|&b| b == 0) {
        None => {
            prop_assert_eq!(ours.ok().map(MacAddr::octets), glibc_aton_bytes(s), "input {:?}", s)
        }
        Some(nul) => {
            let e = ours.expect_err("NUL must be an error");
            prop_assert!(e.position() <= nul, "input {:?}: {:?}", s, e);
            if glibc_aton_bytes(&s[..nul]).is_some() {
                prop_assert_eq!((e.kind(), e.position()), (ParseErrorKind::InvalidChar, nul));
            }
        }
    }
    Ok(())
}

fn check_aton(s: &str) -> Result<(), TestCaseError> {
    check_twins(s.as_bytes())?;
    let ours = ether_aton(s).ok().map(MacAddr::octets);
    let theirs = glibc_aton(s);
    prop_assert_eq!(ours, theirs, "input {:?}", s);
    // FromStr is the same parser.
    prop_assert_eq!(s.parse::<MacAddr>().ok().map(MacAddr::octets), theirs);
    // Byte input agrees with str input.
    prop_assert_eq!(
        berkeley::ether::ether_aton_bytes(s.as_bytes()).ok().map(MacAddr::octets),
        theirs
    );
    Ok(())
}

/// Tokens glibc's parser distinguishes: digits of both cases, separators, whitespace of every
/// kind, near-misses (`g`, `G`, `-`, `.`), non-ASCII.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[0-9a-fA-F]{1,3}",
        4 => Just(":".to_owned()),
        1 => Just("::".to_owned()),
        1 => prop::sample::select(vec![" ", "\t", "\n", "\x0b", "\x0c", "\r", "\u{a0}", "\u{85}"])
            .prop_map(str::to_owned),
        1 => prop::sample::select(vec!["g", "G", "-", ".", "x", "0x", "+", "/", "@", "`", "é", "\u{7f}", "\x01"])
            .prop_map(str::to_owned),
    ]
}

/// Six parts of 0–3 hex digits, mostly separated by ':', with random trailing text.
fn near_valid() -> impl Strategy<Value = String> {
    (
        prop::collection::vec("[0-9a-fA-F]{0,3}", 4..=7),
        prop::collection::vec(
            prop_oneof![10 => Just(":"), 1 => Just("-"), 1 => Just(" "), 1 => Just("")],
            7,
        ),
        prop_oneof![
            4 => Just(String::new()),
            1 => "[ \t\n\x0b\x0c\r][ -~]{0,4}",
            1 => "[ -~]{1,4}",
            1 => "[0-9a-fA-F]{1,2}",
        ],
    )
        .prop_map(|(parts, seps, tail)| {
            let mut s = String::new();
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    s.push_str(seps[i]);
                }
                s.push_str(p);
            }
            s.push_str(&tail);
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn aton_matches_glibc_on_adversarial_strings(tokens in prop::collection::vec(token(), 0..16)) {
        check_aton(&tokens.concat())?;
    }

    #[test]
    fn aton_matches_glibc_on_near_valid_strings(s in near_valid()) {
        check_aton(&s)?;
    }

    #[test]
    fn aton_matches_glibc_on_random_text(s in "[^\0]{0,24}") {
        check_aton(&s)?;
    }

    #[test]
    fn aton_bytes_matches_glibc_on_canonical_shapes(s in canonical_shaped()) {
        check_twins(&s)?;
        let ours = berkeley::ether::ether_aton_bytes(&s).ok().map(MacAddr::octets);
        prop_assert_eq!(ours, glibc_aton_bytes(&s), "input {:?}", s);
    }

    #[test]
    fn aton_bytes_matches_glibc_on_six_part_shapes(s in six_part_shaped()) {
        check_aton_bytes(&s)?;
    }

    #[test]
    fn ntoa_matches_glibc(octets in any::<[u8; 6]>()) {
        let mac = MacAddr::new(octets);
        let ours = ether_ntoa(mac);
        let theirs = glibc_ntoa(octets);
        prop_assert_eq!(&*ours, theirs.as_str());
        check_ntoa_twins(octets);
        // glibc reads its own output back to the same address, and so do we.
        prop_assert_eq!(glibc_aton(&ours), Some(octets));
        prop_assert_eq!(ether_aton(&ours), Ok(mac));
    }

    #[test]
    fn display_from_str_round_trip(octets in any::<[u8; 6]>()) {
        let mac = MacAddr::new(octets);
        let text = mac.to_string();
        prop_assert_eq!(text.len(), 17);
        prop_assert_eq!(&text, &text.to_lowercase());
        prop_assert_eq!(text.parse::<MacAddr>(), Ok(mac));
        prop_assert_eq!(glibc_aton(&text), Some(octets));
        prop_assert_eq!(text.to_uppercase().parse::<MacAddr>(), Ok(mac));
    }
}

/// The SIMD path is really under test here: on x86_64 with SSSE3 (every x86_64 CI machine) the
/// twins must offer it, or the differential tests would check the scalar path twice.
#[test]
fn simd_twin_is_available_on_x86_64() {
    #[cfg(target_arch = "x86_64")]
    {
        if !std::is_x86_feature_detected!("ssse3") {
            util::skip("simd_twin_is_available_on_x86_64", "this CPU has no SSSE3");
            return;
        }
        let want = MacAddr::new([0, 0x1a, 0x2b, 3, 0x4d, 0x5e]);
        assert_eq!(twins::ether_aton_simd(b"0:1a:2b:3:4d:5e"), Some(Ok(want)));
        assert_eq!(twins::ether_aton_simd(b"00:1A:2b:03:4D:5e"), Some(Ok(want)));
    }
}

/// Both paths of `ether_ntoa` (`berkeley::ether::twins`): the scalar one, and the SSSE3 one
/// where this CPU has it, give glibc's text.
fn check_ntoa_twins(octets: [u8; 6]) {
    let mac = MacAddr::new(octets);
    let theirs = glibc_ntoa(octets);
    assert_eq!(twins::ether_ntoa_scalar(mac).as_str(), theirs, "scalar, {octets:02x?}");
    if let Some(simd) = twins::ether_ntoa_simd(mac) {
        assert_eq!(simd.as_str(), theirs, "SIMD, {octets:02x?}");
    }
}

#[test]
fn ntoa_every_octet_value_in_every_position() {
    for pos in 0..6 {
        for fill in [0x00, 0x0f, 0x10, 0x5a, 0xff] {
            for v in 0..=255u8 {
                let mut octets = [fill; 6];
                octets[pos] = v;
                assert_eq!(&*ether_ntoa(MacAddr::new(octets)), glibc_ntoa(octets), "{octets:?}");
                check_ntoa_twins(octets);
            }
        }
    }
}

/// Every one of the 64 shapes of glibc's form (which octets have one digit, which two), each
/// with the extreme digit values of its parts: 0 and 0xf for one digit, 0x10 and 0xff for two.
#[test]
fn ntoa_every_shape_with_extreme_digits() {
    for shape in 0..64u32 {
        for pick in 0..64u32 {
            let octets: [u8; 6] = std::array::from_fn(|i| {
                let (one, high) = (shape >> i & 1 == 1, pick >> i & 1 == 1);
                match (one, high) {
                    (true, false) => 0x00,
                    (true, true) => 0x0f,
                    (false, false) => 0x10,
                    (false, true) => 0xff,
                }
            });
            let text = ether_ntoa(MacAddr::new(octets));
            assert_eq!(text.len(), 17 - shape.count_ones() as usize, "{octets:02x?}");
            assert_eq!(&*text, glibc_ntoa(octets), "{octets:02x?}");
            check_ntoa_twins(octets);
        }
    }
}

/// The SSSE3 `ether_ntoa` is really under test on x86_64 (see `simd_twin_is_available_on_x86_64`).
#[test]
fn ntoa_simd_twin_is_available_on_x86_64() {
    #[cfg(target_arch = "x86_64")]
    {
        if !std::is_x86_feature_detected!("ssse3") {
            util::skip("ntoa_simd_twin_is_available_on_x86_64", "this CPU has no SSSE3");
            return;
        }
        let mac = MacAddr::new([0, 0x1a, 0x2b, 3, 0x4d, 0x5e]);
        assert_eq!(twins::ether_ntoa_simd(mac).as_deref(), Some("0:1a:2b:3:4d:5e"));
        assert_eq!(
            twins::ether_ntoa_simd(MacAddr::BROADCAST).as_deref(),
            Some("ff:ff:ff:ff:ff:ff")
        );
    }
}

#[test]
fn aton_every_one_and_two_char_part() {
    // Every 1- and 2-byte ASCII string (except NUL) in every position, against glibc.
    for pos in 0..6 {
        for a in 1..=127u8 {
            for b in std::iter::once(None).chain((1..=127u8).map(Some)) {
                let mut parts: Vec<String> = vec!["a".into(); 6];
                let mut p = String::from(a as char);
                if let Some(b) = b {
                    p.push(b as char);
                }
                parts[pos] = p;
                let s = parts.join(":");
                check_aton(&s).unwrap();
            }
        }
    }
}

#[test]
fn aton_every_part_length_shape_with_every_byte_in_every_position() {
    // All 64 shapes of six 1- or 2-digit parts (11 to 17 bytes), each byte position replaced
    // by every byte value; each shape also cut short at every length and followed by every
    // byte. Deterministic coverage of the branch-free fast path's edges, against glibc.
    let digits = b"0123456789abcdefABCDEF";
    for shape in 0u32..64 {
        let mut s = Vec::new();
        for part in 0..6 {
            if part > 0 {
                s.push(b':');
            }
            for k in 0..1 + (shape >> part & 1) as usize {
                s.push(digits[(shape as usize * 7 + part * 5 + k * 3) % digits.len()]);
            }
        }
        check_aton_bytes(&s).unwrap();
        for pos in 0..s.len() {
            for b in 0..=255u8 {
                let mut t = s.clone();
                t[pos] = b;
                check_aton_bytes(&t).unwrap();
            }
        }
        for cut in 0..s.len() {
            check_aton_bytes(&s[..cut]).unwrap();
        }
        for b in 0..=255u8 {
            let mut t = s.clone();
            t.push(b);
            check_aton_bytes(&t).unwrap();
        }
    }
}

#[test]
fn aton_glibc_quirks() {
    for (s, expect) in [
        ("0:1:2:3:4:5", Some([0, 1, 2, 3, 4, 5])),
        ("00:11:22:33:44:55", Some([0, 0x11, 0x22, 0x33, 0x44, 0x55])),
        ("AA:bb:Cc:dD:0e:F", Some([0xaa, 0xbb, 0xcc, 0xdd, 0x0e, 0x0f])),
        ("0:1:2:3:4:56xyz", Some([0, 1, 2, 3, 4, 0x56])), // after two digits: anything
        ("0:1:2:3:4:567", Some([0, 1, 2, 3, 4, 0x56])),
        ("0:1:2:3:4:5 xyz", Some([0, 1, 2, 3, 4, 5])), // after one digit: whitespace
        ("0:1:2:3:4:5\txyz", Some([0, 1, 2, 3, 4, 5])),
        ("0:1:2:3:4:5:", None), // ':' is not whitespace
        ("0:1:2:3:4:5x", None),
        (" 0:1:2:3:4:5", None),
        ("0:1:2:3:4", None),
        ("0:1:2:3:4:", None),
        ("000:1:2:3:4:5", None),
        ("0-1-2-3-4-5", None),
        ("0::2:3:4:5", None),
        ("", None),
    ] {
        check_aton(s).unwrap();
        assert_eq!(ether_aton(s).ok().map(MacAddr::octets), expect, "{s:?}");
    }
}

#[test]
fn aton_error_kinds_and_positions() {
    let e = |s: &str| {
        let e = ether_aton(s).unwrap_err();
        assert_eq!(e.what(), "MAC address");
        (e.kind(), e.position())
    };
    assert_eq!(e(""), (ParseErrorKind::Empty, 0));
    assert_eq!(e("0:1:2"), (ParseErrorKind::UnexpectedEnd, 5));
    assert_eq!(e("0:1:2:"), (ParseErrorKind::UnexpectedEnd, 6));
    assert_eq!(e("0:1:2:3:4:"), (ParseErrorKind::UnexpectedEnd, 10));
    assert_eq!(e("0:123:2:3:4:5"), (ParseErrorKind::TooManyDigits, 4));
    assert_eq!(e("0:1g:2:3:4:5"), (ParseErrorKind::InvalidChar, 3));
    assert_eq!(e("0:1:2:3:4:5x"), (ParseErrorKind::InvalidChar, 11));
    assert_eq!(e("0-1-2-3-4-5"), (ParseErrorKind::InvalidChar, 1));
    assert_eq!(e("00:11:22:33:44:55\0"), (ParseErrorKind::InvalidChar, 17));
    assert_eq!(e("0:1:2:3:4:5 \0"), (ParseErrorKind::InvalidChar, 12));
}

#[test]
fn interior_nul_is_an_error_where_glibc_would_stop() {
    // glibc reads "0:1:2:3:4:5" and stops at the NUL; a Rust string has more after it, so
    // berkeley refuses rather than silently ignoring the rest.
    assert_eq!(glibc_aton("0:1:2:3:4:5"), Some([0, 1, 2, 3, 4, 5]));
    for s in ["0:1:2:3:4:5\0", "0:1:2:3:4:5\0garbage", "0:1:2:3:4:56\0", "0\0:1:2:3:4:5"] {
        assert_eq!(ether_aton(s).unwrap_err().kind(), ParseErrorKind::InvalidChar, "{s:?}");
    }
}

#[test]
fn macaddr_basics() {
    let mac = MacAddr::from([0x02, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);
    assert_eq!(mac.to_string(), "02:1a:2b:3c:4d:5e");
    assert_eq!(format!("{mac:>20}"), "   02:1a:2b:3c:4d:5e");
    assert_eq!(format!("{mac:?}"), "MacAddr(02:1a:2b:3c:4d:5e)");
    assert_eq!(<[u8; 6]>::from(mac), mac.octets());
    assert!(mac.is_local() && mac.is_unicast() && !mac.is_multicast() && !mac.is_broadcast());
    assert!(MacAddr::BROADCAST.is_broadcast() && MacAddr::BROADCAST.is_multicast());
    assert!(!MacAddr::new([0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]).is_broadcast());
    assert_eq!(MacAddr::default(), MacAddr::ZERO);
    let text = ether_ntoa(mac);
    assert_eq!(text, "2:1a:2b:3c:4d:5e");
    assert_eq!(text.as_ref() as &str, "2:1a:2b:3c:4d:5e");
    assert_eq!(format!("{text}|{text:?}"), "2:1a:2b:3c:4d:5e|\"2:1a:2b:3c:4d:5e\"");
}

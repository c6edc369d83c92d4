//! inet: differential tests against glibc (through FFI) and unit tests for every quirk and error.
//!
//! Each differential proptest runs at least 100,000 cases (more if `PROPTEST_CASES` says so) and
//! checks several functions on the same input.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::ffi::{CStr, CString};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use berkeley::inet::{inet_pton4_bytes, inet_pton6_bytes, twins};
use berkeley::{
    inet_addr, inet_aton, inet_aton_bytes, inet_ntoa, inet_ntop, inet_pton, inet_pton4, inet_pton6,
    Domain, ParseErrorKind,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

mod util;

/// glibc, declared here because the libc crate does not bind these.
mod c {
    use libc::{c_char, c_int, c_void, in_addr, in_addr_t, socklen_t};

    extern "C" {
        pub fn inet_aton(cp: *const c_char, inp: *mut in_addr) -> c_int;
        pub fn inet_addr(cp: *const c_char) -> in_addr_t;
        pub fn inet_ntoa(inp: in_addr) -> *mut c_char;
        pub fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
        pub fn inet_ntop(
            af: c_int,
            src: *const c_void,
            dst: *mut c_char,
            size: socklen_t,
        ) -> *const c_char;
    }
}

// ------------------------------------------------------------------------------------------------
// The oracle
// ------------------------------------------------------------------------------------------------

/// The input as C sees it: up to the first NUL.
fn c_string(s: &[u8]) -> CString {
    let end = s.iter().position(|&b| b == 0).unwrap_or(s.len());
    CString::new(&s[..end]).unwrap()
}

fn glibc_aton(s: &[u8]) -> Option<[u8; 4]> {
    let cs = c_string(s);
    let mut a = libc::in_addr { s_addr: 0 };
    // SAFETY: cs is NUL-terminated; a is a valid in_addr.
    let r = unsafe { c::inet_aton(cs.as_ptr(), &mut a) };
    (r == 1).then(|| a.s_addr.to_ne_bytes())
}

fn glibc_inet_addr(s: &[u8]) -> u32 {
    let cs = c_string(s);
    // SAFETY: cs is NUL-terminated.
    unsafe { c::inet_addr(cs.as_ptr()) }
}

fn glibc_pton4(s: &[u8]) -> Option<[u8; 4]> {
    let cs = c_string(s);
    let mut a = [0u8; 4];
    // SAFETY: cs is NUL-terminated; a has room for an in_addr.
    let r = unsafe { c::inet_pton(libc::AF_INET, cs.as_ptr(), a.as_mut_ptr().cast()) };
    (r == 1).then_some(a)
}

fn glibc_pton6(s: &[u8]) -> Option<[u8; 16]> {
    let cs = c_string(s);
    let mut a = [0u8; 16];
    // SAFETY: cs is NUL-terminated; a has room for an in6_addr.
    let r = unsafe { c::inet_pton(libc::AF_INET6, cs.as_ptr(), a.as_mut_ptr().cast()) };
    (r == 1).then_some(a)
}

fn glibc_ntoa(ip: Ipv4Addr) -> String {
    let a = libc::in_addr { s_addr: u32::from_ne_bytes(ip.octets()) };
    // SAFETY: inet_ntoa returns a NUL-terminated string in a thread-local buffer, read at once.
    unsafe { CStr::from_ptr(c::inet_ntoa(a)) }.to_str().unwrap().to_owned()
}

fn glibc_ntop(ip: IpAddr) -> String {
    let mut out = [0 as libc::c_char; 64];
    let (af, bytes): (i32, Vec<u8>) = match ip {
        IpAddr::V4(v4) => (libc::AF_INET, v4.octets().to_vec()),
        IpAddr::V6(v6) => (libc::AF_INET6, v6.octets().to_vec()),
    };
    // SAFETY: bytes holds an in_addr/in6_addr; out has 64 bytes, more than INET6_ADDRSTRLEN.
    let p = unsafe { c::inet_ntop(af, bytes.as_ptr().cast(), out.as_mut_ptr(), 64) };
    assert!(!p.is_null());
    // SAFETY: inet_ntop succeeded and wrote a NUL-terminated string into out.
    unsafe { CStr::from_ptr(out.as_ptr()) }.to_str().unwrap().to_owned()
}

fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// What berkeley's inet_aton must return: glibc's answer, except that a NUL byte which C would
/// have read as the end of the string (no whitespace before it) is an error.
fn expected_aton(s: &[u8]) -> Option<[u8; 4]> {
    match s.iter().position(|&b| b == 0) {
        None => glibc_aton(s),
        Some(p) => {
            let t = &s[..p];
            glibc_aton(t).filter(|_| t.iter().any(|&b| is_c_space(b)))
        }
    }
}

/// What berkeley's inet_pton must return: glibc's answer; any NUL is an error (pton reads all).
fn expected_pton4(s: &[u8]) -> Option<[u8; 4]> {
    if s.contains(&0) {
        None
    } else {
        glibc_pton4(s)
    }
}

fn expected_pton6(s: &[u8]) -> Option<[u8; 16]> {
    if s.contains(&0) {
        None
    } else {
        glibc_pton6(s)
    }
}

/// Both paths of the parsers (`berkeley::inet::twins`): the scalar one, and the SIMD one where
/// this CPU has it, must give the public function's result, error included (and for
/// inet_pton6 also the full grammar without the fast path).
fn check_twins(s: &[u8]) -> Result<(), TestCaseError> {
    let lossy = String::from_utf8_lossy(s);
    let aton = inet_aton_bytes(s);
    prop_assert_eq!(twins::inet_aton_scalar(s), aton, "scalar inet_aton({:?})", lossy);
    if let Some(simd) = twins::inet_aton_simd(s) {
        prop_assert_eq!(simd, aton, "SIMD inet_aton({:?})", lossy);
    }
    let pton4 = inet_pton4_bytes(s);
    prop_assert_eq!(twins::inet_pton4_scalar(s), pton4, "scalar inet_pton4({:?})", lossy);
    if let Some(simd) = twins::inet_pton4_simd(s) {
        prop_assert_eq!(simd, pton4, "SIMD inet_pton4({:?})", lossy);
    }
    // inet_pton6: the full grammar alone, the scalar scan + fast path, and the SSE2 one.
    let pton6 = inet_pton6_bytes(s);
    prop_assert_eq!(twins::inet_pton6_general(s), pton6, "general inet_pton6({:?})", lossy);
    prop_assert_eq!(twins::inet_pton6_scalar(s), pton6, "scalar inet_pton6({:?})", lossy);
    if let Some(simd) = twins::inet_pton6_simd(s) {
        prop_assert_eq!(simd, pton6, "SIMD inet_pton6({:?})", lossy);
    }
    Ok(())
}

fn check_aton(s: &[u8]) -> Result<(), TestCaseError> {
    check_twins(s)?;
    let want = expected_aton(s);
    let got = inet_aton_bytes(s).ok().map(|ip| ip.octets());
    prop_assert_eq!(got, want, "inet_aton_bytes({:?})", String::from_utf8_lossy(s));
    if let Ok(text) = std::str::from_utf8(s) {
        prop_assert_eq!(inet_aton(text).ok().map(|ip| ip.octets()), want);
        let addr = inet_addr(text);
        prop_assert_eq!(addr, want.map(u32::from_ne_bytes), "inet_addr({:?})", text);
        if !s.contains(&0) {
            let c = glibc_inet_addr(s);
            match addr {
                Some(v) => prop_assert_eq!(v, c),
                None => prop_assert_eq!(c, libc::INADDR_NONE),
            }
        }
    }
    Ok(())
}

fn check_pton(s: &[u8]) -> Result<(), TestCaseError> {
    check_twins(s)?;
    let want4 = expected_pton4(s);
    let want6 = expected_pton6(s);
    let lossy = String::from_utf8_lossy(s);
    prop_assert_eq!(inet_pton4_bytes(s).ok().map(|ip| ip.octets()), want4, "pton4({:?})", lossy);
    prop_assert_eq!(inet_pton6_bytes(s).ok().map(|ip| ip.octets()), want6, "pton6({:?})", lossy);
    if let Ok(text) = std::str::from_utf8(s) {
        prop_assert_eq!(inet_pton4(text).ok().map(|ip| ip.octets()), want4);
        prop_assert_eq!(inet_pton6(text).ok().map(|ip| ip.octets()), want6);
        prop_assert_eq!(inet_pton(Domain::INET, text).ok(), want4.map(IpAddr::from));
        prop_assert_eq!(inet_pton(Domain::INET6, text).ok(), want6.map(IpAddr::from));
    }
    Ok(())
}

fn check_ntop6(ip: Ipv6Addr) -> Result<(), TestCaseError> {
    let want = glibc_ntop(IpAddr::V6(ip));
    let got = inet_ntop(IpAddr::V6(ip));
    prop_assert_eq!(&*got, want.as_str(), "inet_ntop({:?})", ip.segments());
    // The scalar twin (no SSE2 hex digits) prints the same.
    prop_assert_eq!(twins::inet_ntop_scalar(IpAddr::V6(ip)), got);
    // And it parses back (with ours and glibc's parser).
    prop_assert_eq!(inet_pton6(&got).ok(), Some(ip));
    prop_assert_eq!(glibc_pton6(got.as_bytes()), Some(ip.octets()));
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// Generators
// ------------------------------------------------------------------------------------------------

fn config() -> Config {
    let env = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok());
    Config {
        cases: env.map_or(100_000, |n| n.max(100_000)),
        failure_persistence: None,
        ..Config::default()
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "00",
    "07",
    "08",
    "09",
    "0377",
    "0400",
    "255",
    "256",
    "65535",
    "65536",
    "16777215",
    "16777216",
    "4294967295",
    "4294967296",
    "99999999999",
    "18446744073709551615",
    "18446744073709551616",
    "0xff",
    "0x100",
    "0xFFFF",
    "0x10000",
    "0xffffff",
    "0x1000000",
    "0xffffffff",
    "0x100000000",
    "0x0000000000000000001",
    "0x",
    "0X",
    "0x.",
    "037777777777",
    "040000000000",
    "0000000000000000000000000000377",
    "1e1",
];

const SPACES: &[&str] = &[" ", "\t", "\n", "\x0b", "\x0c", "\r", "\u{a0}", "\u{2003}"];

/// Bits of text biased toward the inet_aton / inet_pton grammars.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[0-9]{1,3}",
        5 => Just(".".to_owned()),
        2 => "0[xX][0-9a-fA-F]{0,9}",
        2 => "0[0-9]{0,12}",
        1 => "[0-9]{4,25}",
        3 => prop::sample::select(NUMBERS).prop_map(str::to_owned),
        2 => prop::sample::select(SPACES).prop_map(str::to_owned),
        2 => "[xXa-fA-Fg-z+\\-%/\\[\\]]",
        2 => "[0-9a-fA-F]{1,5}",
        3 => Just(":".to_owned()),
        2 => Just("::".to_owned()),
        1 => any::<char>().prop_map(String::from),
        1 => Just("\0".to_owned()),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..12).prop_map(|v| v.concat())
}

/// A part of inet_aton's grammar with a value near an edge, in decimal, octal or hex.
fn aton_part() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        4 => 0u64..=255,
        1 => 0u64..=0x1_0000,
        1 => 0u64..=0x100_0000,
        1 => any::<u32>().prop_map(u64::from),
        1 => 0u64..=0x2_0000_0000,
        1 => prop::sample::select(&[0xffu64, 0x100, 0xffff, 0x1_0000, 0xff_ffff, 0x100_0000,
            0xffff_ffff, 0x1_0000_0000][..]),
    ];
    (value, 0u8..6, 0usize..3).prop_map(|(v, style, zeros)| {
        let pad = "0".repeat(zeros);
        match style {
            0..=2 => format!("{v}"),
            3 => format!("0{pad}{v:o}"),
            4 => format!("0x{pad}{v:x}"),
            _ => format!("0X{pad}{v:X}"),
        }
    })
}

fn aton_like() -> impl Strategy<Value = String> {
    let tail = prop_oneof![
        6 => Just(String::new()),
        1 => Just(".".to_owned()),
        1 => soup(),
        1 => (prop::sample::select(SPACES), soup()).prop_map(|(sp, s)| format!("{sp}{s}")),
    ];
    (prop::collection::vec(aton_part(), 1..6), tail).prop_map(|(p, t)| p.join(".") + &t)
}

/// An IPv6 address biased toward zero runs, 0xffff groups and IPv4 prefixes.
fn v6_addr() -> impl Strategy<Value = Ipv6Addr> {
    let group = prop_oneof![
        5 => Just(0u16),
        1 => Just(0xffffu16),
        2 => 0u16..16,
        2 => any::<u16>(),
    ];
    prop_oneof![
        6 => prop::array::uniform8(group).prop_map(Ipv6Addr::from),
        1 => any::<u128>().prop_map(Ipv6Addr::from),
        1 => any::<u32>().prop_map(|v| Ipv4Addr::from(v).to_ipv6_mapped()),
        1 => any::<u32>().prop_map(|v| Ipv4Addr::from(v).to_ipv6_compatible()),
        1 => (any::<u16>(), any::<u32>()).prop_map(|(g, v)| {
            let [a, b, c, d] = Ipv4Addr::from(v).octets();
            Ipv6Addr::new(0, 0, 0, 0, 0, g, u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d]))
        }),
        1 => (0u16..=1, any::<u16>()).prop_map(|(g, v)| Ipv6Addr::new(0, 0, 0, 0, 0, 0, g, v)),
    ]
}

/// Text of an IPv6 address in many spellings (full, compressed at a random place, upper case,
/// leading zeros, IPv4 tail), then maybe mutated.
fn v6_text() -> impl Strategy<Value = String> {
    (v6_addr(), any::<u8>(), 0usize..8, 0usize..9, any::<bool>(), any::<bool>()).prop_map(
        |(ip, style, from, len, upper, v4)| {
            let seg = ip.segments();
            let fmt = |g: u16| {
                let s = match style % 3 {
                    0 => format!("{g:x}"),
                    1 => format!("{g:04x}"),
                    _ => format!("{g:03x}"),
                };
                if upper {
                    s.to_uppercase()
                } else {
                    s
                }
            };
            let ngroups = if v4 { 6 } else { 8 };
            let mut parts: Vec<String> = seg[..ngroups].iter().map(|&g| fmt(g)).collect();
            if v4 {
                let o = ip.octets();
                parts.push(format!("{}.{}.{}.{}", o[12], o[13], o[14], o[15]));
            }
            if style & 4 != 0 {
                // Replace parts[from..from+len] by "" to make a "::".
                let from = from.min(parts.len());
                let to = (from + len).min(parts.len());
                let head = parts[..from].join(":");
                let tail = parts[to..].join(":");
                format!("{head}::{tail}")
            } else {
                parts.join(":")
            }
        },
    )
}

fn mutate(s: String, edits: Vec<(usize, u8, String)>) -> String {
    let mut b: Vec<char> = s.chars().collect();
    for (at, op, tok) in edits {
        let at = if b.is_empty() { 0 } else { at % (b.len() + 1) };
        match op % 3 {
            0 => {
                if at < b.len() {
                    b.remove(at);
                }
            }
            1 => b.splice(at..at, tok.chars()).for_each(drop),
            _ => {
                if at < b.len() {
                    b.splice(at..=at, tok.chars()).for_each(drop);
                }
            }
        }
    }
    b.into_iter().collect()
}

fn mutated(base: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (base, prop::collection::vec((any::<usize>(), any::<u8>(), token()), 0..3))
        .prop_map(|(s, e)| mutate(s, e))
}

fn pton4_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        6 => (0u32..=255).prop_map(|v| v.to_string()),
        1 => (0u32..=999).prop_map(|v| v.to_string()),
        1 => "0[0-9]{1,3}",
        1 => "[0-9]{4,6}",
    ];
    prop::collection::vec(part, 1..6).prop_map(|p| p.join("."))
}

fn random_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        6 => prop::sample::select(&b"0123456789.:xXabcdefABCDEF"[..]),
        1 => prop::sample::select(&b" \t\n\x0b\x0c\r\0"[..]),
        2 => any::<u8>(),
    ];
    prop_oneof![
        3 => prop::collection::vec(byte, 0..48),
        1 => soup().prop_map(String::into_bytes),
        1 => (soup(), prop::collection::vec(any::<u8>(), 0..4))
            .prop_map(|(s, junk)| [s.into_bytes(), junk].concat()),
    ]
}

// ------------------------------------------------------------------------------------------------
// Differential proptests
// ------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// inet_aton, inet_aton_bytes and inet_addr on text biased toward the BSD grammar.
    #[test]
    fn aton_matches_glibc(s in prop_oneof![3 => aton_like(), 2 => mutated(aton_like()), 2 => soup()]) {
        check_aton(s.as_bytes())?;
    }

    /// inet_aton_bytes, inet_pton4_bytes and inet_pton6_bytes on random bytes (not UTF-8 too).
    #[test]
    fn bytes_parsers_match_glibc(s in random_bytes()) {
        check_aton(&s)?;
        check_pton(&s)?;
    }

    /// inet_pton4 (and inet_pton(INET), inet_pton6 on the same text).
    #[test]
    fn pton4_matches_glibc(s in prop_oneof![3 => pton4_like(), 2 => mutated(pton4_like()), 1 => aton_like(), 2 => soup()]) {
        check_pton(s.as_bytes())?;
    }

    /// inet_pton6 (and inet_pton(INET6), inet_pton4 on the same text).
    #[test]
    fn pton6_matches_glibc(s in prop_oneof![3 => v6_text(), 3 => mutated(v6_text()), 2 => soup()]) {
        check_pton(s.as_bytes())?;
    }

    /// inet_ntoa and inet_ntop(V4) against glibc's inet_ntoa and inet_ntop(AF_INET).
    #[test]
    fn ntoa_matches_glibc(v in prop_oneof![any::<u32>(), prop::array::uniform4(prop_oneof![Just(0u8), 1u8..10, 10u8..100, 100u8..=255]).prop_map(u32::from_be_bytes)]) {
        let ip = Ipv4Addr::from(v);
        let want = glibc_ntoa(ip);
        prop_assert_eq!(&*inet_ntoa(ip), want.as_str());
        let ntop = inet_ntop(IpAddr::V4(ip));
        prop_assert_eq!(twins::inet_ntop_scalar(IpAddr::V4(ip)), ntop);
        let want_ntop = glibc_ntop(IpAddr::V4(ip));
        prop_assert_eq!(&*ntop, want_ntop.as_str());
        prop_assert_eq!(inet_aton(&inet_ntoa(ip)).ok(), Some(ip));
    }

    /// inet_ntop(V6) against glibc's inet_ntop(AF_INET6).
    #[test]
    fn ntop6_matches_glibc(ip in v6_addr()) {
        check_ntop6(ip)?;
    }
}

/// Every dotted quad whose parts come from a set of edge spellings (one to four digits, leading
/// zeros, values around 255 and up to 999, octal, hex, empty, bytes whose low 7 bits are a digit
/// or a dot), each with no ending and with one of a list of endings (whitespace and more, NUL,
/// junk, a fifth part, non-ASCII): `inet_aton`, `inet_addr` and `inet_pton` must agree with glibc
/// on all of them. This walks every way out of the branch-free dotted-quad fast path.
#[test]
fn quad_edges_match_glibc() {
    const PARTS: &[&[u8]] = &[
        b"", b"0", b"00", b"01", b"1", b"9", b"10", b"99", b"100", b"199", b"200", b"249", b"250",
        b"255", b"256", b"260", b"300", b"625", b"999", b"0255", b"1000", b"0x1f", b"\xb1",
        b"1\xae2",
    ];
    const ENDS: &[&[u8]] = &[
        b" ",
        b"\t",
        b"\n1",
        b"\x0b",
        b"\x0c.",
        b"\r",
        b"\0",
        b" \0",
        b".",
        b".5",
        b"x",
        b":",
        b"1",
        b"0",
        b" 1.2.3.4",
        b"\xa0",
        b"\xae",
        b"\xb0",
        b"  junk junk junk",
    ];
    let mut i = 0usize;
    let mut buf = Vec::new();
    for a in PARTS {
        for b in PARTS {
            for c in PARTS {
                for d in PARTS {
                    buf.clear();
                    for (k, part) in [a, b, c, d].into_iter().enumerate() {
                        if k > 0 {
                            buf.push(b'.');
                        }
                        buf.extend_from_slice(part);
                    }
                    check_aton(&buf).unwrap();
                    check_pton(&buf).unwrap();
                    buf.extend_from_slice(ENDS[i % ENDS.len()]);
                    i += 1;
                    check_aton(&buf).unwrap();
                    check_pton(&buf).unwrap();
                }
            }
        }
    }
}

/// Every 16-bit group value in every position (the rest 0x1234, so no zero run unless the
/// value makes one), printed by both paths (SSE2 and scalar hex digits) exactly as glibc does.
#[test]
fn ntop6_every_group_value_in_every_position_both_paths() {
    for pos in 0..8 {
        for v in 0..=u16::MAX {
            let mut g = [0x1234u16; 8];
            g[pos] = v;
            let ip = IpAddr::V6(Ipv6Addr::from(g));
            let got = inet_ntop(ip);
            assert_eq!(&*got, glibc_ntop(ip), "{g:x?}");
            assert_eq!(twins::inet_ntop_scalar(ip), got, "{g:x?}");
        }
    }
}

/// Every zero pattern of the eight groups (all 256: every run of every length at every
/// position, several runs, none), the other groups with one to four hex digits: `inet_ntop` by
/// both paths is glibc's text, and that text — and its variants with uppercase letters, with
/// leading zeros, fully expanded, and with a dotted-quad tail — parses back to the address by
/// every `inet_pton6` path (the full grammar, the scalar fast path, the SIMD one) as glibc does.
#[test]
fn v6_every_zero_pattern_both_ways_all_paths() {
    let values = [0x1u16, 0xab, 0xf00, 0xbeef, 0xffff, 0x10];
    for zeros in 0u32..256 {
        for shift in 0..values.len() {
            let g: [u16; 8] = std::array::from_fn(|i| {
                if zeros >> i & 1 == 1 {
                    0
                } else {
                    values[(i + shift) % values.len()]
                }
            });
            let ip = Ipv6Addr::from(g);
            let text = inet_ntop(IpAddr::V6(ip));
            assert_eq!(&*text, glibc_ntop(IpAddr::V6(ip)), "{g:x?}");
            assert_eq!(twins::inet_ntop_scalar(IpAddr::V6(ip)), text, "{g:x?}");
            let expanded = g.map(|x| format!("{x:04x}")).join(":");
            let o = ip.octets();
            let quad = format!("{}.{}.{}.{}", o[12], o[13], o[14], o[15]);
            let dotted = format!("{}:{quad}", g[..6].iter().map(|x| format!("{x:x}")).join_colon());
            for variant in [text.to_string(), text.to_uppercase(), expanded, dotted] {
                let b = variant.as_bytes();
                let want = glibc_pton6(b);
                assert_eq!(want, Some(ip.octets()), "glibc({variant:?})");
                assert_eq!(inet_pton6_bytes(b).ok().map(|a| a.octets()), want, "{variant:?}");
                assert_eq!(twins::inet_pton6_general(b), inet_pton6_bytes(b), "{variant:?}");
                assert_eq!(twins::inet_pton6_scalar(b), inet_pton6_bytes(b), "{variant:?}");
                if let Some(simd) = twins::inet_pton6_simd(b) {
                    assert_eq!(simd, inet_pton6_bytes(b), "{variant:?}");
                }
            }
        }
    }
}

trait JoinColon {
    fn join_colon(self) -> String;
}

impl<I: Iterator<Item = String>> JoinColon for I {
    fn join_colon(self) -> String {
        self.collect::<Vec<_>>().join(":")
    }
}

/// The SIMD path is really under test here: on x86_64 with SSSE3 (every x86_64 CI machine) the
/// twins must offer it, or the differential tests above would check the scalar path twice.
#[test]
fn simd_twin_is_available_on_x86_64() {
    #[cfg(target_arch = "x86_64")]
    {
        if !std::is_x86_feature_detected!("ssse3") {
            util::skip("simd_twin_is_available_on_x86_64", "this CPU has no SSSE3");
            return;
        }
        assert_eq!(twins::inet_aton_simd(b"1.2.3.4"), Some(Ok(Ipv4Addr::new(1, 2, 3, 4))));
        assert_eq!(twins::inet_pton4_simd(b"255.0.10.1"), Some(Ok(Ipv4Addr::new(255, 0, 10, 1))));
        let loopback = Some(Ok(Ipv6Addr::LOCALHOST));
        assert_eq!(twins::inet_pton6_simd(b"0:0:0:0:0:0:0:1"), loopback);
    }
}

/// Every one of the 81 shapes of a dotted quad (parts of one to three digits), each part
/// spelled with edge values (0, 9, 10, 99, 100, 199, 200, 255, 256, 299, 999, leading zeros),
/// and each byte of one spelling per shape replaced by every byte value: both paths against
/// glibc. The SIMD kernel's shape table and range checks are covered exhaustively.
#[test]
fn every_quad_shape_both_paths_match_glibc() {
    const BY_LEN: [&[&str]; 3] = [
        &["0", "1", "9"],
        &["10", "01", "99", "00", "55"],
        &["100", "199", "200", "249", "250", "255", "256", "299", "300", "999", "010", "001"],
    ];
    for shape in 0..81usize {
        let lens = [shape / 27 % 3, shape / 9 % 3, shape / 3 % 3, shape % 3];
        for pick in 0..12usize {
            let parts: Vec<&str> = lens
                .iter()
                .enumerate()
                .map(|(k, &l)| BY_LEN[l][(pick + 5 * k) % BY_LEN[l].len()])
                .collect();
            let text = parts.join(".");
            check_aton(text.as_bytes()).unwrap();
            check_pton(text.as_bytes()).unwrap();
            if pick == 0 {
                for pos in 0..text.len() {
                    for b in 0..=255u8 {
                        let mut t = text.clone().into_bytes();
                        t[pos] = b;
                        check_aton(&t).unwrap();
                        check_pton(&t).unwrap();
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Named quirks (each also checked against glibc)
// ------------------------------------------------------------------------------------------------

#[track_caller]
fn aton_ok(s: &str, want: [u8; 4]) {
    assert_eq!(glibc_aton(s.as_bytes()), Some(want), "glibc inet_aton({s:?})");
    assert_eq!(inet_aton(s).map(|ip| ip.octets()), Ok(want), "inet_aton({s:?})");
}

#[track_caller]
fn aton_err(s: &str, kind: ParseErrorKind, pos: usize) {
    if !s.contains('\0') {
        assert_eq!(glibc_aton(s.as_bytes()), None, "glibc inet_aton({s:?})");
    }
    let e = inet_aton(s).unwrap_err();
    assert_eq!((e.kind(), e.position(), e.what()), (kind, pos, "IPv4 address"), "inet_aton({s:?})");
}

#[test]
fn aton_short_forms() {
    aton_ok("127.0.0.1", [127, 0, 0, 1]);
    aton_ok("127.1", [127, 0, 0, 1]);
    aton_ok("0x7f.1", [127, 0, 0, 1]);
    aton_ok("1", [0, 0, 0, 1]);
    aton_ok("4294967295", [255; 4]);
    aton_ok("0xffffffff", [255; 4]);
    aton_ok("037777777777", [255; 4]);
    aton_ok("1.2.65535", [1, 2, 255, 255]);
    aton_ok("1.16777215", [1, 255, 255, 255]);
    aton_ok("1.2.256", [1, 2, 1, 0]);
    aton_ok("010.0X0A.0xA.012", [8, 10, 10, 10]);
    aton_ok("0", [0; 4]);
    aton_ok("00000000000000000000000000000001.0x00000000000000002", [1, 0, 0, 2]);
}

#[test]
fn aton_whitespace_ends_the_address() {
    aton_ok("1.2.3.4 junk", [1, 2, 3, 4]);
    aton_ok("1.2.3.4\t", [1, 2, 3, 4]);
    aton_ok("1.2.3.4\n\0after", [1, 2, 3, 4]);
    aton_ok("1\x0b", [0, 0, 0, 1]);
    aton_ok("1\x0c.2", [0, 0, 0, 1]);
    aton_ok("1\r", [0, 0, 0, 1]);
    aton_err(" 1.2.3.4", ParseErrorKind::InvalidChar, 0);
    aton_err("1. 2", ParseErrorKind::InvalidChar, 2);
    aton_err("1.2.3.4\u{a0}", ParseErrorKind::InvalidChar, 7); // not C isspace
}

#[test]
fn aton_errors() {
    aton_err("", ParseErrorKind::Empty, 0);
    aton_err("1.2.x", ParseErrorKind::InvalidChar, 4);
    aton_err(".1", ParseErrorKind::InvalidChar, 0);
    aton_err("1..2", ParseErrorKind::InvalidChar, 2);
    aton_err("1.2.3.", ParseErrorKind::UnexpectedEnd, 6);
    aton_err("1.2.3.4.", ParseErrorKind::TooManyParts, 7);
    aton_err("1.2.3.4.5", ParseErrorKind::TooManyParts, 7);
    aton_err("0x", ParseErrorKind::InvalidChar, 1);
    aton_err("0x.1", ParseErrorKind::InvalidChar, 1);
    aton_err("0xg", ParseErrorKind::InvalidChar, 1);
    aton_err("08", ParseErrorKind::InvalidChar, 1);
    aton_err("1.09", ParseErrorKind::InvalidChar, 3);
    aton_err("1.2.3.256", ParseErrorKind::ValueOutOfRange, 6);
    aton_err("256.1", ParseErrorKind::ValueOutOfRange, 0);
    aton_err("1.0x100.1", ParseErrorKind::ValueOutOfRange, 2);
    aton_err("1.2.65536", ParseErrorKind::ValueOutOfRange, 4);
    aton_err("1.16777216", ParseErrorKind::ValueOutOfRange, 2);
    aton_err("4294967296", ParseErrorKind::ValueOutOfRange, 0);
    aton_err("0x100000000", ParseErrorKind::ValueOutOfRange, 0);
    aton_err("040000000000", ParseErrorKind::ValueOutOfRange, 0);
    aton_err("1.99999999999999999999999999", ParseErrorKind::ValueOutOfRange, 2);
    aton_err("+1", ParseErrorKind::InvalidChar, 0);
    aton_err("-1", ParseErrorKind::InvalidChar, 0);
    aton_err("1e1", ParseErrorKind::InvalidChar, 1);
    aton_err("١.٢.٣.٤", ParseErrorKind::InvalidChar, 0); // Arabic-Indic digits
    aton_err("1.2.3.4\u{2003}", ParseErrorKind::InvalidChar, 7);
}

#[test]
fn aton_interior_nul_is_an_error() {
    // C would read "1.2" and silently drop ".3"; we refuse.
    assert_eq!(glibc_aton(b"1.2"), Some([1, 0, 0, 2]));
    aton_err("1.2\0.3", ParseErrorKind::InvalidChar, 3);
    aton_err("\0", ParseErrorKind::InvalidChar, 0);
    aton_err("1.\0", ParseErrorKind::InvalidChar, 2);
    assert!(inet_aton_bytes(b"1.2.3.4\0").is_err());
    // After the whitespace that ends the address, everything (NUL included) is ignored.
    assert_eq!(inet_aton("1.2.3.4 \0").unwrap(), Ipv4Addr::new(1, 2, 3, 4));
}

#[test]
fn inet_addr_has_no_inaddr_none_ambiguity() {
    assert_eq!(glibc_inet_addr(b"255.255.255.255"), libc::INADDR_NONE);
    assert_eq!(glibc_inet_addr(b"nope"), libc::INADDR_NONE);
    assert_eq!(inet_addr("255.255.255.255"), Some(0xffff_ffff));
    assert_eq!(inet_addr("nope"), None);
    assert_eq!(inet_addr("127.1"), Some(glibc_inet_addr(b"127.1")));
    assert_eq!(inet_addr("1.2.3.4").map(u32::to_ne_bytes), Some([1, 2, 3, 4]));
}

#[track_caller]
fn pton4_err(s: &str, kind: ParseErrorKind, pos: usize) {
    if !s.contains('\0') {
        assert_eq!(glibc_pton4(s.as_bytes()), None, "glibc inet_pton4({s:?})");
    }
    let e = inet_pton4(s).unwrap_err();
    assert_eq!((e.kind(), e.position(), e.what()), (kind, pos, "IPv4 address"), "pton4({s:?})");
}

#[test]
fn pton4_strict_quad() {
    assert_eq!(inet_pton4("0.0.0.0").unwrap(), Ipv4Addr::UNSPECIFIED);
    assert_eq!(inet_pton4("255.255.255.255").unwrap(), Ipv4Addr::BROADCAST);
    assert_eq!(glibc_pton4(b"10.20.30.40"), Some([10, 20, 30, 40]));
    assert_eq!(inet_pton4("10.20.30.40").unwrap().octets(), [10, 20, 30, 40]);
    pton4_err("", ParseErrorKind::Empty, 0);
    pton4_err("1.2.3.256", ParseErrorKind::ValueOutOfRange, 6);
    pton4_err("1.2.3.1000", ParseErrorKind::ValueOutOfRange, 6);
    pton4_err("01.2.3.4", ParseErrorKind::InvalidChar, 1);
    pton4_err("1.2.3.00", ParseErrorKind::InvalidChar, 7);
    pton4_err("127.1", ParseErrorKind::TooFewParts, 5);
    pton4_err("1.2.3.4.5", ParseErrorKind::TooManyParts, 7);
    pton4_err("1.2.3.4.", ParseErrorKind::TooManyParts, 7);
    pton4_err("1.2.3.", ParseErrorKind::UnexpectedEnd, 6);
    pton4_err("1..3.4", ParseErrorKind::InvalidChar, 2);
    pton4_err("1.2.3.4 ", ParseErrorKind::InvalidChar, 7);
    pton4_err(" 1.2.3.4", ParseErrorKind::InvalidChar, 0);
    pton4_err("0x1.2.3.4", ParseErrorKind::InvalidChar, 1);
    pton4_err("1.2.3.4\0", ParseErrorKind::InvalidChar, 7);
}

#[track_caller]
fn pton6_ok(s: &str, want: [u16; 8]) {
    assert_eq!(glibc_pton6(s.as_bytes()), Some(Ipv6Addr::from(want).octets()), "glibc({s:?})");
    assert_eq!(inet_pton6(s).map(|ip| ip.segments()), Ok(want), "inet_pton6({s:?})");
}

#[track_caller]
fn pton6_err(s: &str, kind: ParseErrorKind, pos: usize) {
    if !s.contains('\0') {
        assert_eq!(glibc_pton6(s.as_bytes()), None, "glibc inet_pton6({s:?})");
    }
    let e = inet_pton6(s).unwrap_err();
    assert_eq!((e.kind(), e.position(), e.what()), (kind, pos, "IPv6 address"), "pton6({s:?})");
}

#[test]
fn pton6_forms() {
    pton6_ok("::", [0; 8]);
    pton6_ok("::1", [0, 0, 0, 0, 0, 0, 0, 1]);
    pton6_ok("1::", [1, 0, 0, 0, 0, 0, 0, 0]);
    pton6_ok("1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]);
    pton6_ok("::2:3:4:5:6:7:8", [0, 2, 3, 4, 5, 6, 7, 8]);
    pton6_ok("1:2:3:4:5:6:7::", [1, 2, 3, 4, 5, 6, 7, 0]);
    pton6_ok("1:2:3::5:6:7:8", [1, 2, 3, 0, 5, 6, 7, 8]);
    pton6_ok("ABCD:ef01::0000:000F", [0xabcd, 0xef01, 0, 0, 0, 0, 0, 0xf]);
    pton6_ok("::ffff:1.2.3.4", [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    pton6_ok("::1.2.3.4", [0, 0, 0, 0, 0, 0, 0x0102, 0x0304]);
    pton6_ok("1:2:3:4:5:6:1.2.3.4", [1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    pton6_ok("1::6:255.255.255.255", [1, 0, 0, 0, 0, 6, 0xffff, 0xffff]);
}

#[test]
fn pton6_errors() {
    pton6_err("", ParseErrorKind::Empty, 0);
    pton6_err(":", ParseErrorKind::InvalidChar, 0);
    pton6_err(":1::", ParseErrorKind::InvalidChar, 0);
    pton6_err(":::", ParseErrorKind::BadCompression, 1);
    pton6_err("1::2::3", ParseErrorKind::BadCompression, 4);
    pton6_err("1:2:3:4:5:6:7:8::", ParseErrorKind::BadCompression, 15);
    pton6_err("1:2:3:4::5:6:7:8", ParseErrorKind::BadCompression, 7);
    pton6_err("::1:2:3:4:5:6:7:8", ParseErrorKind::BadCompression, 0);
    pton6_err("1:", ParseErrorKind::UnexpectedEnd, 2);
    pton6_err("1::2:", ParseErrorKind::UnexpectedEnd, 5);
    pton6_err("12345::", ParseErrorKind::TooManyDigits, 4);
    pton6_err("1:2:3:4:5:6:7:8:9", ParseErrorKind::TooManyParts, 16);
    pton6_err("1:2:3:4:5:6:7", ParseErrorKind::TooFewParts, 13);
    pton6_err("1:2:3:4:5:6:7:8 ", ParseErrorKind::InvalidChar, 15);
    pton6_err("fe80::1%eth0", ParseErrorKind::InvalidChar, 7);
    pton6_err("[::1]", ParseErrorKind::InvalidChar, 0);
    pton6_err("g::", ParseErrorKind::InvalidChar, 0);
    pton6_err("1.2.3.4", ParseErrorKind::TooFewParts, 7);
    pton6_err("1:2:3:4:5:6:7:1.2.3.4", ParseErrorKind::TooManyParts, 14);
    pton6_err("::1.2.3.4:1", ParseErrorKind::InvalidChar, 9);
    pton6_err("::1.2.3", ParseErrorKind::TooFewParts, 7);
    pton6_err("::1.2.3.256", ParseErrorKind::ValueOutOfRange, 8);
    pton6_err("::01.2.3.4", ParseErrorKind::InvalidChar, 3);
    pton6_err("::a.2.3.4", ParseErrorKind::InvalidChar, 2);
    pton6_err("::.1.2.3", ParseErrorKind::InvalidChar, 2);
    pton6_err("::12345.1.2.3", ParseErrorKind::TooManyDigits, 6);
    pton6_err("::1\0", ParseErrorKind::InvalidChar, 3);
    pton6_err("1:2:3:4:5:6:7:8\0", ParseErrorKind::InvalidChar, 15);
}

#[test]
fn pton_domains() {
    assert_eq!(inet_pton(Domain::INET, "1.2.3.4").unwrap(), IpAddr::from([1, 2, 3, 4]));
    assert_eq!(inet_pton(Domain::INET6, "::2").unwrap(), "::2".parse::<IpAddr>().unwrap());
    assert!(inet_pton(Domain::INET, "::2").is_err());
    assert!(inet_pton(Domain::INET6, "1.2.3.4").is_err());
    for d in [Domain::UNIX, Domain::UNSPEC, Domain::from_raw(12345)] {
        let e = inet_pton(d, "1.2.3.4").unwrap_err();
        assert_eq!((e.kind(), e.position()), (ParseErrorKind::UnsupportedFamily, 0));
    }
}

#[test]
fn ntop6_forms() {
    let cases: &[([u16; 8], &str)] = &[
        ([0; 8], "::"),
        ([0, 0, 0, 0, 0, 0, 0, 1], "::1"),
        ([1, 0, 0, 0, 0, 0, 0, 0], "1::"),
        ([1, 0, 1, 0, 1, 0, 1, 0], "1:0:1:0:1:0:1:0"),
        ([1, 0, 0, 2, 0, 0, 0, 3], "1:0:0:2::3"),
        ([1, 0, 0, 2, 0, 0, 3, 4], "1::2:0:0:3:4"),
        ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], "2001:db8::1"),
        ([0xABCD, 0xf, 0xf0, 0xf00, 0, 0xffff, 0, 0], "abcd:f:f0:f00:0:ffff::"),
        ([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304], "::ffff:1.2.3.4"),
        ([0, 0, 0, 0, 0, 0xffff, 0, 0], "::ffff:0.0.0.0"),
        ([0, 0, 0, 0, 0, 0, 0x0102, 0x0304], "::1.2.3.4"),
        ([0, 0, 0, 0, 0, 0, 0x0100, 0], "::1.0.0.0"),
        ([0, 0, 0, 0, 0, 0, 0, 0x0102], "::102"),
        ([0, 0, 0, 0, 0, 0xfffe, 0x0102, 0x0304], "::fffe:102:304"),
        ([0, 0, 0, 0, 1, 0xffff, 0x0102, 0x0304], "::1:ffff:102:304"),
        ([0xffff; 8], "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    ];
    for &(seg, want) in cases {
        let ip = Ipv6Addr::from(seg);
        assert_eq!(glibc_ntop(IpAddr::V6(ip)), want, "glibc {seg:?}");
        assert_eq!(inet_ntop(IpAddr::V6(ip)), want, "inet_ntop {seg:?}");
    }
    // std prints IPv4-compatible addresses differently.
    let compat = Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0x0102, 0x0304);
    assert_eq!(compat.to_string(), "::102:304");
}

#[test]
fn text_buffers() {
    let a = inet_ntoa(Ipv4Addr::new(255, 255, 255, 255));
    assert_eq!(a, "255.255.255.255");
    assert_eq!(*"255.255.255.255", a);
    assert_eq!("255.255.255.255", a);
    assert_eq!(a.as_ref() as &str, "255.255.255.255");
    assert_eq!(
        format!("{a}|{a:>17}|{a:<16}|"),
        "255.255.255.255|  255.255.255.255|255.255.255.255 |"
    );
    assert_eq!(format!("{a:?}"), "\"255.255.255.255\"");
    let b = a; // Copy
    assert_eq!(a, b);
    let n = inet_ntop(IpAddr::V6(Ipv6Addr::from([0xffff; 8])));
    assert_eq!(n.len(), 39);
    assert_eq!(format!("{n:?}"), "\"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\"");
    assert!(std::mem::size_of_val(&n) <= 48);
    assert!(std::mem::size_of_val(&a) <= 17);
}

#[test]
fn huge_and_odd_input_never_panics() {
    let huge = "1".repeat(1 << 20);
    assert!(inet_aton(&huge).is_err());
    assert!(inet_pton4(&huge).is_err());
    assert!(inet_pton6(&huge).is_err());
    let zeros = "0".repeat(1 << 20);
    assert_eq!(inet_aton(&zeros).unwrap(), Ipv4Addr::UNSPECIFIED);
    assert_eq!(glibc_aton(zeros.as_bytes()), Some([0; 4]));
    let colons = ":".repeat(1 << 16);
    assert!(inet_pton6(&colons).is_err());
    let dots = ".".repeat(1 << 16);
    assert!(inet_aton(&dots).is_err());
    assert!(inet_pton6(&dots).is_err());
    for s in ["\u{ffff}", "€", "𝟙.𝟚", "1.2.3.4\u{301}"] {
        assert!(inet_aton(s).is_err());
        assert!(inet_pton4(s).is_err());
        assert!(inet_pton6(s).is_err());
    }
}

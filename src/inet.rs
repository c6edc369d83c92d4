//! IPv4 and IPv6 text conversions: `inet_aton`, `inet_addr`, `inet_ntoa`, `inet_pton`,
//! `inet_ntop` — bit-exact with glibc, with no heap allocation.
//!
//! Every parser here accepts exactly the inputs glibc accepts and returns the same address
//! (this is checked by differential tests against glibc through FFI, over millions of random and
//! adversarial inputs). The formatters return small `Copy` stack buffers ([`InetNtoa`],
//! [`InetNtop`]) that deref to `&str` and print exactly what glibc prints.
//!
//! # The two IPv4 grammars
//!
//! [`inet_aton`] (and [`inet_addr`]) take the old BSD grammar: one to four *parts* separated by
//! `.`; each part is a C integer — decimal, octal after a leading `0`, or hexadecimal after `0x`
//! or `0X` — and the last part fills all the bytes that are left. Parsing stops at the first
//! whitespace character (space, `\t`, `\n`, `\v`, `\f`, `\r`), and glibc ignores whatever follows
//! it. [`inet_pton4`] (and [`inet_pton`] with [`Domain::INET`]) take only the strict dotted quad:
//! four decimal parts, each 0–255, without leading zeros, and nothing else.
//!
//! | input               | `inet_aton`          | `inet_pton4`         |
//! |---------------------|----------------------|----------------------|
//! | `"127.0.0.1"`       | `127.0.0.1`          | `127.0.0.1`          |
//! | `"127.1"`           | `127.0.0.1`          | error (too few parts)|
//! | `"0x7f.1"`          | `127.0.0.1`          | error                |
//! | `"1"`               | `0.0.0.1`            | error                |
//! | `"4294967295"`      | `255.255.255.255`    | error                |
//! | `"1.2.65535"`       | `1.2.255.255`        | error                |
//! | `"010.0.0.1"`       | `8.0.0.1` (octal)    | error (leading zero) |
//! | `"1.2.3.4 junk"`    | `1.2.3.4`            | error                |
//! | `"08.0.0.1"`        | error (8 not octal)  | error                |
//! | `"0x.1"`            | error (no hex digit) | error                |
//! | `"1.2.3."`          | error (empty part)   | error                |
//! | `"1.2.3.256"`       | error (out of range) | error (out of range) |
//! | `"1.2.256"`         | `1.2.1.0`            | error                |
//!
//! # IPv6
//!
//! [`inet_pton6`] takes up to eight groups of one to four hex digits separated by `:`, at most one
//! `::` standing for one or more zero groups, and optionally a dotted quad (strict, as
//! [`inet_pton4`]) in place of the last two groups. [`inet_ntop`] prints the shortest form glibc
//! prints: lowercase hex without leading zeros, the longest run of two or more zero groups (the
//! first on ties) replaced by `::`, and a dotted-quad tail for IPv4-compatible (`::a.b.c.d`) and
//! IPv4-mapped (`::ffff:a.b.c.d`) addresses.
//!
//! | input                     | `inet_pton6`                  | `inet_ntop` prints        |
//! |---------------------------|-------------------------------|---------------------------|
//! | `"::1"`                   | loopback                      | `::1`                     |
//! | `"2001:DB8:0:0:0:0:0:1"`  | `2001:db8::1`                 | `2001:db8::1`             |
//! | `"1:0:0:2:0:0:0:3"`       | ok                            | `1:0:0:2::3`              |
//! | `"::ffff:1.2.3.4"`        | IPv4-mapped                   | `::ffff:1.2.3.4`          |
//! | `"::1.2.3.4"`             | IPv4-compatible               | `::1.2.3.4`               |
//! | `"1::2::3"`               | error (two `::`)              |                           |
//! | `"1:2:3:4:5:6:7:8::"`     | error (`::` stands for none)  |                           |
//! | `"12345::"`               | error (five digits)           |                           |
//! | `"1:"`, `":1"`            | error (lone colon)            |                           |
//!
//! # Platforms
//!
//! Everything here is pure Rust (no OS call, no `unsafe` in this file) and gives the same results
//! on every target — glibc's, also on Windows, whose Winsock versions of these calls accept
//! slightly different inputs. On x86_64 the strict dotted quad (the fast path of [`inet_pton4`]
//! and [`inet_aton`]) is parsed by an SSSE3 kernel when the CPU has it (checked once, cached);
//! [`inet_pton6`] classifies the text with SSE2 (hex digits, colons and dots as bit masks, from
//! which the groups are found with bit operations and converted all at once), and
//! [`inet_ntop`] lays out all eight IPv6 groups with SSE2 (digits, lengths, positions) and
//! writes them without a branch on the address; every other target (aarch64 included), CPUs
//! without SSSE3, and Miri take the scalar twins. The paths give identical results: the
//! differential tests run each against glibc (Linux x86_64; Windows under wine; macOS and
//! FreeBSD are compiled and linted only).
//!
//! # Errors
//!
//! Every parser returns an [`InetError`] (a [`ParseError`]) that says what was wrong and at which
//! byte offset. Input of any length or content — empty, huge, non-ASCII, with NUL bytes — gives a
//! result or an error, never a panic. The one deliberate difference from C: an interior NUL byte
//! where C would have read the end of the string is an error (C would silently drop the rest of
//! the caller's text).
//!
//! ```
//! use berkeley::{inet_aton, inet_ntoa, inet_ntop, inet_pton6};
//!
//! assert_eq!(&*inet_ntoa(inet_aton("10.1")?), "10.0.0.1");
//! let ip = inet_pton6("2001:db8:0:0:1:0:0:1")?;
//! assert_eq!(inet_ntop(ip.into()), "2001:db8::1:0:0:1");
//! # Ok::<(), berkeley::ParseError>(())
//! ```
#![forbid(unsafe_code)]

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Deref;

use crate::ascii::{HexScan, PaddedText, HEX_VALUE};
use crate::error::{ParseError, ParseErrorKind};
use crate::simd::text::AsciiBuf;
#[cfg(all(target_arch = "x86_64", not(miri)))]
use crate::simd::x86::Ssse3;
use crate::types::Domain;

/// The error of the `inet_*` parsers: a [`ParseError`] whose [`what`](ParseError::what) is
/// `"IPv4 address"` or `"IPv6 address"`, with the [kind](ParseErrorKind) and byte position of the
/// first problem.
///
/// ```
/// use berkeley::{inet_pton6, ParseErrorKind};
///
/// let err = inet_pton6("1::2::3").unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::BadCompression);
/// assert_eq!(err.position(), 4);
/// assert_eq!(err.what(), "IPv6 address");
/// ```
pub type InetError = ParseError;

const V4: &str = "IPv4 address";
const V6: &str = "IPv6 address";

#[cold]
fn err4(kind: ParseErrorKind, pos: usize) -> InetError {
    ParseError::new(V4, kind, pos)
}

#[cold]
fn err6(kind: ParseErrorKind, pos: usize) -> InetError {
    ParseError::new(V6, kind, pos)
}

/// `InvalidChar` at `pos`, or `UnexpectedEnd` if `pos` is the end of the input.
#[cold]
fn bad_char(what: &'static str, s: &[u8], pos: usize) -> InetError {
    let kind =
        if pos >= s.len() { ParseErrorKind::UnexpectedEnd } else { ParseErrorKind::InvalidChar };
    ParseError::new(what, kind, pos)
}

/// C `isspace` in the C locale: space, `\t`, `\n`, `\v`, `\f`, `\r`.
#[inline]
fn is_c_space(c: u8) -> bool {
    c == b' ' || c.wrapping_sub(b'\t') < 5
}

/// The fast path shared by `inet_aton` and `inet_pton4`: a strict dotted quad (four decimal
/// parts of one to three digits, no leading zero, each at most 255, nothing else), in one tight
/// pass with no overflow checks (three digits cannot overflow). Whether a part has a third
/// digit — the one unpredictable thing about random addresses — is decided by arithmetic, not
/// by a branch, and the last part is read as the (one to three) bytes before the end. `Some`
/// holds the four octets (network order); `None` means "not such a quad": the caller then
/// runs the full grammar, which also finds the error.
// Out of line where the SSSE3 kernel is the usual path, so its registers do not burden it.
#[cfg_attr(all(target_arch = "x86_64", not(miri)), inline(never))]
#[cfg_attr(not(all(target_arch = "x86_64", not(miri))), inline)]
fn quad_fast(s: &[u8]) -> Option<[u8; 4]> {
    let n = s.len();
    let mut i = 0;
    let mut addr = 0u32;
    for _ in 0..3 {
        let mut v = u32::from(s.get(i)?.wrapping_sub(b'0'));
        if v > 9 {
            return None;
        }
        let d = u32::from(s.get(i + 1)?.wrapping_sub(b'0'));
        i += 1;
        if d <= 9 {
            if v == 0 {
                return None; // a leading zero
            }
            v = v * 10 + d;
            let d = u32::from(s.get(i + 1)?.wrapping_sub(b'0'));
            let three = u32::from(d <= 9);
            v += three * (9 * v + d);
            i += 1 + three as usize;
            if v > 255 {
                return None;
            }
        }
        if s.get(i) != Some(&b'.') {
            return None;
        }
        addr = addr << 8 | v;
        i += 1;
    }
    // The last part: the rest of the input, one to three digits.
    let len = n.checked_sub(i)?;
    let tail = s.get(n.checked_sub(3)?..)?;
    let (h, t, o) = (
        u32::from(tail[0].wrapping_sub(b'0')),
        u32::from(tail[1].wrapping_sub(b'0')),
        u32::from(tail[2].wrapping_sub(b'0')),
    );
    let two = u32::from(len >= 2);
    let three = u32::from(len >= 3);
    let v = o + two * 10 * t + three * 100 * h;
    // Digits where they are used, 1 to 3 of them, no leading zero, at most 255.
    let ok = (o <= 9)
        & ((two == 0) | (t <= 9))
        & ((three == 0) | (h <= 9))
        & (len.wrapping_sub(1) < 3)
        & (v >= two * 10 + three * 90)
        & (v <= 255);
    if ok {
        Some((addr << 8 | v).to_be_bytes())
    } else {
        None
    }
}

/// The strict dotted quad: by the SSSE3 kernel (`simd::x86`) when the CPU has it, else by
/// [`quad_fast`], its scalar twin (every other target, CPUs without SSSE3, and Miri). `None`
/// means "not such a quad": the caller runs the full grammar.
#[inline(always)]
fn quad(s: &[u8]) -> Option<[u8; 4]> {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    if let Some(cpu) = Ssse3::detect() {
        return cpu.quad(s);
    }
    quad_fast(s)
}

/// Both paths of the IPv4 parsers, for the differential tests, proptests and fuzz targets
/// (which check each against glibc). Not part of the API: hidden, and may change.
#[doc(hidden)]
pub mod twins {
    use super::*;

    /// `inet_ntop` by the scalar path only (the hex digits of IPv6 groups without SSE2).
    pub fn inet_ntop_scalar(addr: IpAddr) -> InetNtop {
        let mut buf = AsciiBuf::zeroed();
        let len = match addr {
            IpAddr::V4(v4) => write_v4_end(&mut buf, b"", v4.octets()),
            IpAddr::V6(v6) => {
                write_v6(&mut buf, v6, zero_groups_scalar(&v6.segments()), v6_layout_scalar)
            }
        };
        buf.set_len(len);
        InetNtop { text: buf }
    }

    /// `inet_aton_bytes` by the scalar path only.
    pub fn inet_aton_scalar(cp: &[u8]) -> Result<Ipv4Addr, InetError> {
        quad_fast(cp).map(Ipv4Addr::from).map_or_else(|| aton_general(cp), Ok)
    }

    /// `inet_pton4_bytes` by the scalar path only.
    pub fn inet_pton4_scalar(src: &[u8]) -> Result<Ipv4Addr, InetError> {
        quad_fast(src).map(Ipv4Addr::from).map_or_else(|| pton4_general(src), Ok)
    }

    /// `inet_pton6_bytes` by the scalar path only: the scalar scan and word conversion, and
    /// for what the fast path does not decide, the full grammar.
    pub fn inet_pton6_scalar(src: &[u8]) -> Result<Ipv6Addr, InetError> {
        let mut text = [0u8; 68];
        let scan = hex_scan_scalar(src, &mut text);
        pton6_fast(src, scan, &text, hex_octets_scalar, quad_fast)
            .map_or_else(|| pton6_general(src), Ok)
    }

    /// `inet_pton6_bytes` by the full grammar alone (no fast path): what every fast path must
    /// agree with.
    pub fn inet_pton6_general(src: &[u8]) -> Result<Ipv6Addr, InetError> {
        pton6_general(src)
    }

    /// `inet_pton6_bytes` by the SIMD path (the SSE2 scan and conversion, the SSSE3 dotted
    /// quad where the CPU has it); `None` when this target has no SIMD kernel.
    pub fn inet_pton6_simd(src: &[u8]) -> Option<Result<Ipv6Addr, InetError>> {
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        {
            let mut text = [0u8; 68];
            let scan = crate::simd::x86::hex_scan(src, &mut text);
            Some(
                pton6_fast(src, scan, &text, crate::simd::x86::hex_octets, quad)
                    .map_or_else(|| pton6_general(src), Ok),
            )
        }
        #[cfg(not(all(target_arch = "x86_64", not(miri))))]
        {
            let _ = src;
            None
        }
    }

    /// `inet_aton_bytes` by the SIMD path; `None` when this target or CPU has no SIMD kernel.
    pub fn inet_aton_simd(cp: &[u8]) -> Option<Result<Ipv4Addr, InetError>> {
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        if let Some(cpu) = Ssse3::detect() {
            let r = cpu.quad(cp).map(Ipv4Addr::from).map_or_else(|| aton_general(cp), Ok);
            return Some(r);
        }
        let _ = cp;
        None
    }

    /// `inet_pton4_bytes` by the SIMD path; `None` when this target or CPU has no SIMD kernel.
    pub fn inet_pton4_simd(src: &[u8]) -> Option<Result<Ipv4Addr, InetError>> {
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        if let Some(cpu) = Ssse3::detect() {
            let r = cpu.quad(src).map(Ipv4Addr::from).map_or_else(|| pton4_general(src), Ok);
            return Some(r);
        }
        let _ = src;
        None
    }
}

// ---------------------------------------------------------------------------------------------
// inet_aton
// ---------------------------------------------------------------------------------------------

/// `inet_aton(3)` — parses an IPv4 address in the full BSD grammar (`"127.1"`, `"0x7f.0.0.1"`).
///
/// C: `int inet_aton(const char *cp, struct in_addr *inp);` — Python: `socket.inet_aton(s)`
/// (which returns the four bytes; here you get an [`Ipv4Addr`], whose `octets()` they are).
///
/// The input is one to four parts separated by `.`. Each part is a C integer: decimal, octal
/// after a leading `0` (`"010"` is 8), or hexadecimal after `0x`/`0X`. Every part but the last
/// is one byte (0–255); the last fills the bytes that are left, so `"1.2.3.4"`, `"1.2.772"`,
/// `"1.131844"` and `"16909060"` all mean `1.2.3.4`. Parsing stops at the first whitespace
/// character (space, `\t`, `\n`, `\v`, `\f`, `\r`) and, as in glibc, whatever follows it is
/// ignored. Acceptance and value are bit-exact with glibc's `inet_aton` (see the
/// [module docs](self) for a table of examples).
///
/// # Errors
///
/// An [`InetError`] with the position of the first problem:
/// [`Empty`](ParseErrorKind::Empty) for `""`;
/// [`InvalidChar`](ParseErrorKind::InvalidChar) for a character that cannot appear where it is
/// (a part not starting with a digit, `8`/`9` in an octal part, `0x` without a hex digit, any
/// other character after a number);
/// [`UnexpectedEnd`](ParseErrorKind::UnexpectedEnd) for a trailing `.`;
/// [`TooManyParts`](ParseErrorKind::TooManyParts) for a fifth part (position of its `.`);
/// [`ValueOutOfRange`](ParseErrorKind::ValueOutOfRange) for a part too big for its bytes
/// (position of the part).
///
/// **Difference from C:** a NUL byte where C would have read the end of the string
/// (`"1.2\0.3"`) is an `InvalidChar` error here, where C would silently parse only `"1.2"` and
/// lose the rest of the caller's text. A NUL after the whitespace that ends the address is
/// ignored, like everything there.
///
/// ```
/// use berkeley::inet_aton;
/// use std::net::Ipv4Addr;
///
/// assert_eq!(inet_aton("127.1")?, Ipv4Addr::new(127, 0, 0, 1));
/// assert_eq!(inet_aton("0x7f.1")?, Ipv4Addr::new(127, 0, 0, 1));
/// assert_eq!(inet_aton("4294967295")?, Ipv4Addr::BROADCAST);
/// assert_eq!(inet_aton("10.0.0.1 trailing words")?, Ipv4Addr::new(10, 0, 0, 1));
/// assert!(inet_aton("1.2.3.256").is_err());
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_aton.3.html>
#[inline]
pub fn inet_aton(cp: &str) -> Result<Ipv4Addr, InetError> {
    inet_aton_bytes(cp.as_bytes())
}

/// `inet_aton(3)` on bytes — [`inet_aton`] for input that is not (known to be) UTF-8.
///
/// C: `int inet_aton(const char *cp, struct in_addr *inp);` — Python: `socket.inet_aton(s)`.
///
/// Same grammar, result and errors as [`inet_aton`]; bytes that are not ASCII are simply
/// invalid characters (or ignored after the whitespace that ends the address).
///
/// ```
/// use std::net::Ipv4Addr;
///
/// assert_eq!(berkeley::inet::inet_aton_bytes(b"192.168.1")?, Ipv4Addr::new(192, 168, 0, 1));
/// assert!(berkeley::inet::inet_aton_bytes(b"1.2.\xff").is_err());
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_aton.3.html>
#[inline]
pub fn inet_aton_bytes(cp: &[u8]) -> Result<Ipv4Addr, InetError> {
    match quad(cp) {
        Some(addr) => Ok(Ipv4Addr::from(addr)),
        None => aton_general(cp),
    }
}

/// The whole `inet_aton` grammar, for what the fast path does not take.
#[inline(never)]
fn aton_general(cp: &[u8]) -> Result<Ipv4Addr, InetError> {
    if cp.is_empty() {
        return Err(err4(ParseErrorKind::Empty, 0));
    }
    let n = cp.len();
    let mut i = 0;
    let mut acc: u32 = 0; // the bytes of the parts before the last, big-endian
    let mut parts: u32 = 0; // how many parts are in acc
    loop {
        let start = i;
        let c = match cp.get(i) {
            Some(&c) if c.is_ascii_digit() => c,
            _ => return Err(bad_char(V4, cp, i)),
        };
        i += 1;
        let mut val: u64;
        if c != b'0' {
            // Decimal.
            val = u64::from(c - b'0');
            while let Some(&d) = cp.get(i) {
                let d = d.wrapping_sub(b'0');
                if d > 9 {
                    break;
                }
                val = val * 10 + u64::from(d);
                if val > 0xffff_ffff {
                    return Err(err4(ParseErrorKind::ValueOutOfRange, start));
                }
                i += 1;
            }
        } else if matches!(cp.get(i), Some(b'x' | b'X'))
            && cp.get(i + 1).is_some_and(|&h| HEX_VALUE[h as usize] < 16)
        {
            // Hexadecimal (strtoul only takes the 0x when a hex digit follows it).
            i += 1;
            val = 0;
            while let Some(&h) = cp.get(i) {
                let d = HEX_VALUE[h as usize];
                if d > 15 {
                    break;
                }
                val = (val << 4) | u64::from(d);
                if val > 0xffff_ffff {
                    return Err(err4(ParseErrorKind::ValueOutOfRange, start));
                }
                i += 1;
            }
        } else {
            // Octal (or the lone 0).
            val = 0;
            while let Some(&d) = cp.get(i) {
                let d = d.wrapping_sub(b'0');
                if d > 7 {
                    break;
                }
                val = (val << 3) | u64::from(d);
                if val > 0xffff_ffff {
                    return Err(err4(ParseErrorKind::ValueOutOfRange, start));
                }
                i += 1;
            }
        }
        if i < n && cp[i] == b'.' {
            if parts == 3 {
                return Err(err4(ParseErrorKind::TooManyParts, i));
            }
            if val > 0xff {
                return Err(err4(ParseErrorKind::ValueOutOfRange, start));
            }
            acc = (acc << 8) | val as u32;
            parts += 1;
            i += 1;
            continue;
        }
        if i < n && !is_c_space(cp[i]) {
            return Err(err4(ParseErrorKind::InvalidChar, i));
        }
        // The last part fills the remaining 4 - parts bytes.
        let bits = 32 - 8 * parts;
        if val >> bits != 0 {
            return Err(err4(ParseErrorKind::ValueOutOfRange, start));
        }
        let hi = (u64::from(acc) << bits) as u32;
        return Ok(Ipv4Addr::from(hi | val as u32));
    }
}

/// `inet_addr(3)` — parses an IPv4 address like [`inet_aton`] and returns it as a network-order
/// `u32`, the way C stores it in `struct in_addr`'s `s_addr`.
///
/// C: `in_addr_t inet_addr(const char *cp);` — Python: no direct equivalent
/// (`struct.unpack("=I", socket.inet_aton(s))[0]`).
///
/// The value is `u32::from_ne_bytes(ip.octets())`: its bytes in memory are the address bytes in
/// order. C returns `INADDR_NONE` (`0xffffffff`) for invalid input, which is also the value of
/// `"255.255.255.255"`; here invalid input is `None` and `"255.255.255.255"` is
/// `Some(0xffffffff)`, so there is no ambiguity.
///
/// # Errors
///
/// `None` exactly where [`inet_aton`] fails (call it to learn why).
///
/// ```
/// use berkeley::inet_addr;
///
/// assert_eq!(inet_addr("127.0.0.1").map(u32::to_ne_bytes), Some([127, 0, 0, 1]));
/// assert_eq!(inet_addr("255.255.255.255"), Some(0xffff_ffff));
/// assert_eq!(inet_addr("300.1.1.1"), None);
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_addr.3.html>
#[inline]
pub fn inet_addr(cp: &str) -> Option<u32> {
    inet_aton_bytes(cp.as_bytes()).ok().map(|ip| u32::from_ne_bytes(ip.octets()))
}

// ---------------------------------------------------------------------------------------------
// inet_pton
// ---------------------------------------------------------------------------------------------

/// `inet_pton(3)` — parses an IPv4 (`Domain::INET`) or IPv6 (`Domain::INET6`) address in its
/// standard text form.
///
/// C: `int inet_pton(int af, const char *src, void *dst);` — Python:
/// `socket.inet_pton(af, s)`.
///
/// `Domain::INET` takes the strict dotted quad of [`inet_pton4`]; `Domain::INET6` the IPv6
/// grammar of [`inet_pton6`]. Acceptance and value are bit-exact with glibc.
///
/// # Errors
///
/// [`UnsupportedFamily`](ParseErrorKind::UnsupportedFamily) (position 0) for any other domain
/// (C fails with `EAFNOSUPPORT`); otherwise the errors of [`inet_pton4`] / [`inet_pton6`].
///
/// ```
/// use berkeley::{inet_pton, Domain};
/// use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
///
/// assert_eq!(inet_pton(Domain::INET, "192.0.2.1")?, IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));
/// assert_eq!(inet_pton(Domain::INET6, "::1")?, IpAddr::V6(Ipv6Addr::LOCALHOST));
/// assert!(inet_pton(Domain::UNIX, "::1").is_err());
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_pton.3.html>
#[doc(alias = "InetPton", alias = "InetPtonW")] // Winsock's names for inet_pton
pub fn inet_pton(af: Domain, src: &str) -> Result<IpAddr, InetError> {
    if af == Domain::INET {
        inet_pton4_bytes(src.as_bytes()).map(IpAddr::V4)
    } else if af == Domain::INET6 {
        inet_pton6_bytes(src.as_bytes()).map(IpAddr::V6)
    } else {
        Err(ParseError::new("IP address", ParseErrorKind::UnsupportedFamily, 0))
    }
}

/// `inet_pton(3)` with `AF_INET` — parses a strict dotted-quad IPv4 address (`"192.0.2.1"`).
///
/// C: `inet_pton(AF_INET, src, &in_addr)` — Python: `socket.inet_pton(socket.AF_INET, s)`.
///
/// Exactly four decimal parts, each 0–255 with no leading zero (`"0"` is fine, `"01"` is not),
/// separated by `.`, and nothing else: no whitespace, no octal or hex, no short forms (use
/// [`inet_aton`] for those). Bit-exact with glibc.
///
/// # Errors
///
/// [`Empty`](ParseErrorKind::Empty) for `""`;
/// [`InvalidChar`](ParseErrorKind::InvalidChar) for any other character, and for a digit after a
/// leading `0`; [`UnexpectedEnd`](ParseErrorKind::UnexpectedEnd) for a trailing `.`;
/// [`ValueOutOfRange`](ParseErrorKind::ValueOutOfRange) for a part above 255 (position of the
/// part); [`TooManyParts`](ParseErrorKind::TooManyParts) / [`TooFewParts`](ParseErrorKind::TooFewParts)
/// for more or fewer than four parts.
///
/// ```
/// use berkeley::{inet_pton4, ParseErrorKind};
/// use std::net::Ipv4Addr;
///
/// assert_eq!(inet_pton4("192.0.2.1")?, Ipv4Addr::new(192, 0, 2, 1));
/// let err = inet_pton4("192.0.2.01").unwrap_err();
/// assert_eq!((err.kind(), err.position()), (ParseErrorKind::InvalidChar, 9));
/// assert_eq!(inet_pton4("127.1").unwrap_err().kind(), ParseErrorKind::TooFewParts);
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_pton.3.html>
#[inline]
pub fn inet_pton4(src: &str) -> Result<Ipv4Addr, InetError> {
    inet_pton4_bytes(src.as_bytes())
}

/// `inet_pton(3)` with `AF_INET` on bytes — [`inet_pton4`] for input that is not (known to be)
/// UTF-8.
///
/// C: `inet_pton(AF_INET, src, &in_addr)` — Python: `socket.inet_pton(socket.AF_INET, s)`.
///
/// ```
/// use std::net::Ipv4Addr;
///
/// assert_eq!(berkeley::inet::inet_pton4_bytes(b"10.0.0.1")?, Ipv4Addr::new(10, 0, 0, 1));
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_pton.3.html>
#[inline]
pub fn inet_pton4_bytes(src: &[u8]) -> Result<Ipv4Addr, InetError> {
    match quad(src) {
        Some(addr) => Ok(Ipv4Addr::from(addr)),
        None => pton4_general(src),
    }
}

/// `inet_pton4` for what the fast path does not take (and every error).
#[inline(never)]
fn pton4_general(src: &[u8]) -> Result<Ipv4Addr, InetError> {
    if src.is_empty() {
        return Err(err4(ParseErrorKind::Empty, 0));
    }
    pton4(src).map(Ipv4Addr::from).map_err(|(kind, pos)| err4(kind, pos))
}

/// The strict dotted quad; the error is (kind, position) so inet_pton6 can relabel it.
#[inline]
fn pton4(s: &[u8]) -> Result<u32, (ParseErrorKind, usize)> {
    let n = s.len();
    let mut i = 0;
    let mut acc: u32 = 0;
    let mut part = 0;
    loop {
        let start = i;
        let mut val = match s.get(i) {
            Some(&c) if c.is_ascii_digit() => u32::from(c - b'0'),
            _ => {
                let kind = if i >= n {
                    ParseErrorKind::UnexpectedEnd
                } else {
                    ParseErrorKind::InvalidChar
                };
                return Err((kind, i));
            }
        };
        i += 1;
        while let Some(&c) = s.get(i) {
            let d = c.wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            if val == 0 {
                // A leading zero.
                return Err((ParseErrorKind::InvalidChar, i));
            }
            val = val * 10 + u32::from(d);
            if val > 255 {
                return Err((ParseErrorKind::ValueOutOfRange, start));
            }
            i += 1;
        }
        acc = (acc << 8) | val;
        part += 1;
        match s.get(i) {
            None if part == 4 => return Ok(acc),
            None => return Err((ParseErrorKind::TooFewParts, i)),
            Some(b'.') if part == 4 => return Err((ParseErrorKind::TooManyParts, i)),
            Some(b'.') => i += 1,
            Some(_) => return Err((ParseErrorKind::InvalidChar, i)),
        }
    }
}

/// `inet_pton(3)` with `AF_INET6` — parses an IPv6 address (`"2001:db8::1"`,
/// `"::ffff:192.0.2.1"`).
///
/// C: `inet_pton(AF_INET6, src, &in6_addr)` — Python: `socket.inet_pton(socket.AF_INET6, s)`.
///
/// Up to eight groups of one to four hex digits (either case) separated by `:`; at most one `::`,
/// which stands for one or more zero groups (so `"1:2:3:4:5:6:7:8::"` is an error: there is no
/// group left for it); optionally a strict dotted quad (as [`inet_pton4`]) in place of the last
/// two groups. No zone (`%eth0`), no brackets, no whitespace. Bit-exact with glibc.
///
/// # Errors
///
/// [`Empty`](ParseErrorKind::Empty) for `""`;
/// [`InvalidChar`](ParseErrorKind::InvalidChar) for a character that cannot appear where it is
/// (including a lone leading `:`); [`UnexpectedEnd`](ParseErrorKind::UnexpectedEnd) for a lone
/// trailing `:`; [`TooManyDigits`](ParseErrorKind::TooManyDigits) for a fifth hex digit;
/// [`BadCompression`](ParseErrorKind::BadCompression) for a second `::` or a `::` standing for
/// no group; [`TooManyParts`](ParseErrorKind::TooManyParts) /
/// [`TooFewParts`](ParseErrorKind::TooFewParts) for more or fewer than eight groups; the errors
/// of [`inet_pton4`] inside an embedded dotted quad.
///
/// ```
/// use berkeley::{inet_pton6, ParseErrorKind};
/// use std::net::{Ipv4Addr, Ipv6Addr};
///
/// assert_eq!(inet_pton6("::1")?, Ipv6Addr::LOCALHOST);
/// assert_eq!(inet_pton6("::ffff:192.0.2.1")?, Ipv4Addr::new(192, 0, 2, 1).to_ipv6_mapped());
/// assert_eq!(inet_pton6("2001:db8::12345").unwrap_err().kind(), ParseErrorKind::TooManyDigits);
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_pton.3.html>
#[inline]
pub fn inet_pton6(src: &str) -> Result<Ipv6Addr, InetError> {
    inet_pton6_bytes(src.as_bytes())
}

/// `inet_pton(3)` with `AF_INET6` on bytes — [`inet_pton6`] for input that is not (known to be)
/// UTF-8.
///
/// C: `inet_pton(AF_INET6, src, &in6_addr)` — Python: `socket.inet_pton(socket.AF_INET6, s)`.
///
/// ```
/// use std::net::Ipv6Addr;
///
/// assert_eq!(berkeley::inet::inet_pton6_bytes(b"fe80::1")?, Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1));
/// # Ok::<(), berkeley::ParseError>(())
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_pton.3.html>
#[inline]
pub fn inet_pton6_bytes(src: &[u8]) -> Result<Ipv6Addr, InetError> {
    // The fast path needs the SSE2 scan: with the scalar scan it is slower than the grammar
    // (measured: about 2x), so other targets and Miri go straight to the grammar; the scalar
    // twin stays for the tests (`twins::inet_pton6_scalar`), which run it on every target.
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    {
        let mut text = [0u8; 68];
        let scan = crate::simd::x86::hex_scan(src, &mut text);
        if let Some(addr) = pton6_fast(src, scan, &text, crate::simd::x86::hex_octets, quad) {
            return Ok(addr);
        }
    }
    pton6_general(src)
}

/// The scalar twin of `simd::x86::hex_scan`: the same [`HexScan`] of `s` (4 to
/// [`HexScan::MAX`] bytes; `None` otherwise) and the same copy in `text`, one byte at a time.
fn hex_scan_scalar(s: &[u8], text: &mut PaddedText) -> Option<HexScan> {
    if !(4..=HexScan::MAX).contains(&s.len()) {
        return None;
    }
    text[4..4 + s.len()].copy_from_slice(s);
    let mut scan = HexScan { hex: 0, colon: 0, dot: 0 };
    for (p, &c) in s.iter().enumerate() {
        scan.hex |= u64::from(HEX_VALUE[usize::from(c)] < 16) << p;
        scan.colon |= u64::from(c == b':') << p;
        scan.dot |= u64::from(c == b'.') << p;
    }
    Some(scan)
}

/// The scalar twin of `simd::x86::hex_octets`: eight groups' text, each as the four bytes
/// ending at its last digit (a `u32`, first byte lowest) with the bytes before its first digit
/// zeroed, to the 16 octets of the groups (network order). Each byte is a hex digit or zero.
#[inline]
fn hex_octets_scalar(windows: [u32; 8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (pair, w) in out.chunks_exact_mut(2).zip(windows) {
        // '0'-'9' is 0x30-0x39, 'a'-'f'/'A'-'F' 0x61-0x66/0x41-0x46: the low nibble, plus 9
        // for letters (bit 6); a zero byte stays zero.
        let d = (w & 0x0f0f_0f0f) + (w >> 6 & 0x0101_0101) * 9;
        let b = d.to_le_bytes();
        pair[0] = b[0] << 4 | b[1];
        pair[1] = b[2] << 4 | b[3];
    }
    out
}

/// The fast path of [`inet_pton6_bytes`]: a valid IPv6 text of 4 to [`HexScan::MAX`] bytes,
/// decided from its [`HexScan`] with bit operations; each group is read as one word (the four
/// bytes ending at its last digit) and `octets` turns all eight into the address at once. The
/// dotted-quad tail goes to `quad` (the strict dotted quad, as [`inet_pton4`]). `None` means
/// "not decided here": anything invalid, and the valid forms this path does not take (a tail
/// `quad` refuses); the caller then runs the full grammar, which also finds the error.
#[inline(always)]
fn pton6_fast(
    s: &[u8],
    scan: Option<HexScan>,
    text: &PaddedText,
    octets: impl Fn([u32; 8]) -> [u8; 16],
    quad: impl Fn(&[u8]) -> Option<[u8; 4]>,
) -> Option<Ipv6Addr> {
    let HexScan { mut hex, colon, dot } = scan?;
    let n = s.len(); // 4..=48: the scan took it
                     // The groups part: all of it, or up to the last colon when a dotted quad ends the text.
    let (m, total, v4) = if dot == 0 {
        (n, 8, [0; 4])
    } else {
        let last = colon.checked_ilog2()? as usize; // the last colon
        (last + 1, 6, quad(s.get(last + 1..)?)?)
    };
    let all = (1u64 << m) - 1;
    hex &= all;
    // Only hex digits and colons (the tail's dots and digits are past m); a colon pair ("::")
    // at most once, and no ":::"; a colon at either end only as part of the "::".
    let pair = colon & colon >> 1;
    let lone_first = colon & !pair & 1;
    let lone_last = if dot == 0 { colon >> (m - 1) & !(pair >> (m - 2)) & 1 } else { 0 };
    // A run of five hex digits is a group too long.
    let five = hex & hex >> 1 & hex >> 2 & hex >> 3 & hex >> 4;
    if (hex | colon) & all != all
        || pair & pair.wrapping_sub(1) != 0
        || (lone_first | lone_last | five) != 0
    {
        return None;
    }
    // Each group is a run of hex digits, from its first to its last digit.
    let mut starts = hex & !(hex << 1);
    let mut ends = hex & !(hex >> 1);
    let pair_at = if pair == 0 { 64 } else { pair.trailing_zeros() };
    let mut windows = [0u32; 8];
    let mut g = 0; // groups read
    let mut before = 0; // groups before the "::"
    for slot in &mut windows {
        if ends == 0 {
            break;
        }
        let first = starts.trailing_zeros();
        let end = ends.trailing_zeros();
        starts &= starts - 1;
        ends &= ends - 1;
        // The four bytes up to the group's last digit (text[4 + p] is byte p; zeros before
        // the text), then only the group's (1 to 4) last ones.
        let word = u32::from_le_bytes(*text[(end as usize & 63) + 1..].first_chunk::<4>()?);
        let skip = 8 * (3 - (end - first)); // the bytes before the group's first digit
        *slot = word >> skip << skip;
        g += 1;
        before += usize::from(first < pair_at);
    }
    if ends != 0 {
        return None; // more than eight groups
    }
    // Without "::" there are exactly `total` groups; with it fewer (it stands for at least one
    // zero group), and the groups after it move to the end.
    let gap = if pair == 0 {
        if g != total {
            return None;
        }
        0
    } else {
        if g >= total {
            return None;
        }
        total - g
    };
    let x = u128::from_be_bytes(octets(windows));
    let keep = !u128::MAX.checked_shr(16 * before as u32).unwrap_or(0);
    let keep = if gap == 0 { u128::MAX } else { keep };
    let groups = (x & keep) | ((x & !keep) >> (16 * gap));
    Some(Ipv6Addr::from(groups | u128::from(u32::from_be_bytes(v4))))
}

/// The full `inet_pton6` grammar, byte by byte: every input [`pton6_fast`] does not decide,
/// and the error of every invalid one.
#[inline(never)]
fn pton6_general(src: &[u8]) -> Result<Ipv6Addr, InetError> {
    let s = src;
    let n = s.len();
    if n == 0 {
        return Err(err6(ParseErrorKind::Empty, 0));
    }
    let mut i = 0;
    if s[0] == b':' {
        // A leading colon must be the first of a "::"; its second colon is read below.
        if s.get(1) != Some(&b':') {
            return Err(err6(ParseErrorKind::InvalidChar, 0));
        }
        i = 1;
    }
    let mut groups = [0u16; 8];
    let mut g = 0usize; // groups stored
    let mut gap: Option<(usize, usize)> = None; // (group index, position) of the "::"
    loop {
        let tok = i;
        let mut val: u32 = 0;
        // Up to four hex digits.
        while let Some(&c) = s.get(i) {
            let d = HEX_VALUE[c as usize];
            if d > 15 {
                break;
            }
            if i - tok == 4 {
                return Err(err6(ParseErrorKind::TooManyDigits, i));
            }
            val = (val << 4) | u32::from(d);
            i += 1;
        }
        let digits = i - tok;
        match s.get(i) {
            None => {
                if digits > 0 {
                    if g == 8 {
                        return Err(err6(ParseErrorKind::TooManyParts, tok));
                    }
                    groups[g] = val as u16;
                    g += 1;
                }
                break;
            }
            Some(b':') => {
                i += 1;
                if digits == 0 {
                    // A "::" (the colon before this one ended a group or was the leading one).
                    if gap.is_some() {
                        return Err(err6(ParseErrorKind::BadCompression, i - 2));
                    }
                    gap = Some((g, i - 2));
                    continue;
                }
                if i == n {
                    return Err(err6(ParseErrorKind::UnexpectedEnd, n));
                }
                if g == 8 {
                    return Err(err6(ParseErrorKind::TooManyParts, tok));
                }
                groups[g] = val as u16;
                g += 1;
            }
            Some(b'.') => {
                if g > 6 {
                    return Err(err6(ParseErrorKind::TooManyParts, tok));
                }
                let v4 = match pton4(&s[tok..]) {
                    Ok(v4) => v4,
                    Err((kind, pos)) => return Err(err6(kind, tok + pos)),
                };
                groups[g] = (v4 >> 16) as u16;
                groups[g + 1] = v4 as u16;
                g += 2;
                break;
            }
            Some(_) => return Err(err6(ParseErrorKind::InvalidChar, i)),
        }
    }
    match gap {
        Some((at, pos)) => {
            if g == 8 {
                return Err(err6(ParseErrorKind::BadCompression, pos));
            }
            // Move the groups after the "::" to the end and zero the middle.
            let tail = g - at;
            groups.copy_within(at..g, 8 - tail);
            groups[at..8 - tail].fill(0);
        }
        None if g != 8 => return Err(err6(ParseErrorKind::TooFewParts, n)),
        None => {}
    }
    Ok(Ipv6Addr::from(groups))
}

// ---------------------------------------------------------------------------------------------
// inet_ntoa / inet_ntop
// ---------------------------------------------------------------------------------------------

/// For each byte value: its decimal digits followed by '.', little-endian in a u32.
static DEC: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut v = 0;
    while v < 256 {
        let (h, te, o) = ((v / 100) as u32, ((v / 10) % 10) as u32, (v % 10) as u32);
        t[v] = if v >= 100 {
            (b'0' as u32 + h)
                | (b'0' as u32 + te) << 8
                | (b'0' as u32 + o) << 16
                | (b'.' as u32) << 24
        } else if v >= 10 {
            (b'0' as u32 + te) | (b'0' as u32 + o) << 8 | (b'.' as u32) << 16
        } else {
            (b'0' as u32 + o) | (b'.' as u32) << 8
        };
        v += 1;
    }
    t
};

/// The length of `DEC[v]` (digits and the dot).
#[inline]
fn dec_len(v: u8) -> usize {
    2 + usize::from(v >= 10) + usize::from(v >= 100)
}

/// "a.b.c." packed little-endian in a u128, and its length including the last '.'.
#[inline]
fn v4_text(o: [u8; 4]) -> (u128, usize) {
    let mut acc = 0u128;
    let mut bits = 0;
    for b in o {
        acc |= u128::from(DEC[usize::from(b)]) << bits;
        bits += 8 * dec_len(b);
    }
    (acc, bits / 8)
}

/// Writes `prefix` (at most 7 bytes) and "a.b.c.d" so that they end at [`NTOP_END`], and
/// returns their length.
#[inline]
fn write_v4_end(buf: &mut AsciiBuf<NTOP_BUF>, prefix: &[u8], o: [u8; 4]) -> usize {
    let (text, len) = v4_text(o); // 8 to 16 bytes, with a last '.' that lands on NTOP_END
    let text = text << (8 * (16 - len)); // right-aligned in its 16 bytes
    let last16 = NTOP_END + 1 - 16;
    buf.put_word(last16, text as u64);
    buf.put_word(last16 + 8, (text >> 64) as u64);
    let quad = last16 + 16 - len; // where "a.b.c.d" starts
    let start = quad.saturating_sub(prefix.len());
    buf.put_bytes(start, prefix);
    NTOP_END - start
}

/// The text of an IPv4 address, as returned by [`inet_ntoa`]: a `Copy` stack buffer that derefs
/// to `&str` (at most 15 bytes, `"255.255.255.255"`).
///
/// ```
/// use std::net::Ipv4Addr;
///
/// let text = berkeley::inet_ntoa(Ipv4Addr::new(10, 0, 0, 1));
/// assert_eq!(text, "10.0.0.1");
/// assert_eq!(text.len(), 8);
/// assert_eq!(format!("[{text:>10}]"), "[  10.0.0.1]");
/// ```
#[derive(Clone, Copy)]
pub struct InetNtoa {
    text: AsciiBuf<16>,
}

/// The text of an IP address, as returned by [`inet_ntop`]: a `Copy` stack buffer that derefs to
/// `&str` (at most 39 bytes, `"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"`).
///
/// ```
/// use std::net::Ipv6Addr;
///
/// let text = berkeley::inet_ntop(Ipv6Addr::LOCALHOST.into());
/// assert_eq!(text, "::1");
/// assert_eq!(text.to_uppercase(), "::1");
/// ```
#[derive(Clone, Copy)]
pub struct InetNtop {
    text: AsciiBuf<NTOP_BUF>,
}

/// [`InetNtop`]'s buffer. Its text is right-aligned: it ends at [`NTOP_END`], and is at most 45
/// bytes (INET6_ADDRSTRLEN 46 with C's NUL). The IPv6 writer stores 8-byte words from the
/// right: the first ends at byte 47 (or 46), the last starts at byte 3 or later.
const NTOP_BUF: usize = 47;

/// Where [`InetNtop`]'s text ends.
const NTOP_END: usize = NTOP_BUF - 1;

macro_rules! text_buffer {
    ($t:ident, $text:ident => $get:expr) => {
        impl $t {
            /// The text as a `&str` — free: the buffer was checked to be ASCII once, when it
            /// was built, so no UTF-8 validation runs here.
            ///
            /// ```
            /// use std::net::Ipv4Addr;
            ///
            /// assert_eq!(berkeley::inet_ntoa(Ipv4Addr::LOCALHOST).as_str(), "127.0.0.1");
            /// assert_eq!(berkeley::inet_ntop(Ipv4Addr::LOCALHOST.into()).as_str(), "127.0.0.1");
            /// ```
            #[inline]
            pub fn as_str(&self) -> &str {
                let $text = &self.text;
                $get
            }
        }

        impl Deref for $t {
            type Target = str;
            #[inline]
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl AsRef<str> for $t {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl PartialEq for $t {
            #[inline]
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $t {}

        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl PartialEq<str> for $t {
            #[inline]
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            #[inline]
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<$t> for str {
            #[inline]
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$t> for &str {
            #[inline]
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }
    };
}

text_buffer!(InetNtoa, text => text.as_str());
text_buffer!(InetNtop, text => text.as_str_before(NTOP_END));

/// `inet_ntoa(3)` — formats an IPv4 address as a dotted quad (`"192.0.2.1"`).
///
/// C: `char *inet_ntoa(struct in_addr in);` — Python: `socket.inet_ntoa(packed)`.
///
/// Returns a stack buffer that derefs to `&str` — unlike C's static buffer, it is yours to keep
/// and thread-safe. The text is exactly glibc's (`"%u.%u.%u.%u"`). No heap allocation, no `fmt`.
///
/// ```
/// use std::net::Ipv4Addr;
///
/// let text = berkeley::inet_ntoa(Ipv4Addr::new(192, 0, 2, 1));
/// assert_eq!(&*text, "192.0.2.1");
/// println!("peer is {text}");
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_ntoa.3.html>
#[doc(alias = "inet_ntoa_r")] // BSD libcs' reentrant form: a caller-owned buffer, as here
#[inline]
#[must_use]
pub fn inet_ntoa(addr: Ipv4Addr) -> InetNtoa {
    let (text, len) = v4_text(addr.octets());
    let mut buf = AsciiBuf::zeroed();
    buf.put_word(0, text as u64);
    buf.put_word(8, (text >> 64) as u64);
    buf.set_len(len - 1);
    InetNtoa { text: buf }
}

/// For each 8-bit mask of zero groups: the longest run of at least two set bits, first on ties,
/// as `base << 4 | len`; 0 when there is none.
static ZERO_RUN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut m = 0;
    while m < 256 {
        let (mut best_base, mut best_len) = (0, 0);
        let mut i = 0;
        while i < 8 {
            if m & (1 << i) != 0 {
                let base = i;
                while i < 8 && m & (1 << i) != 0 {
                    i += 1;
                }
                if i - base > best_len {
                    best_len = i - base;
                    best_base = base;
                }
            } else {
                i += 1;
            }
        }
        t[m] = if best_len >= 2 { (best_base << 4 | best_len) as u8 } else { 0 };
        m += 1;
    }
    t
};

/// The four lowercase hex digits of a group, leading zeros included, first digit in the low
/// byte: the scalar twin of `simd::x86::hex_groups`.
#[inline]
fn group_hex(w: u16) -> u32 {
    let t = u32::from(w);
    // One nibble per byte, most significant first in memory (little-endian).
    let x = (t >> 12) | (t & 0x0f00) | ((t & 0x00f0) << 12) | ((t & 0x000f) << 24);
    // 0-9 -> '0'-'9', 10-15 -> 'a'-'f'.
    let letters = ((x + 0x0606_0606) >> 4) & 0x0101_0101;
    x + 0x3030_3030 + letters * 39
}

/// The mask of the zero groups (bit `i` for group `i`), by the scalar path.
#[inline]
fn zero_groups_scalar(w: &[u16; 8]) -> u8 {
    let mut zeros = 0u8;
    for (i, &g) in w.iter().enumerate() {
        zeros |= u8::from(g == 0) << i;
    }
    zeros
}

/// Where the `::` run of an IPv6 text is, for [`V6Layout`]: its groups and its first group
/// as bits (both 0 when there is none), and whether it starts the address (`::`, not `:`).
#[derive(Clone, Copy)]
pub(crate) struct ZeroRun {
    pub(crate) inside: u8,
    pub(crate) first: u8,
    pub(crate) lead: bool,
}

/// The IPv6 text as [`write_v6`] stores it, from the right, starting with the cursor at `cur`:
/// for each group its 8-byte word (its four hex digits and `:` in the last five bytes) and
/// where that word ends (the cursor before the group), and where the text starts (the cursor
/// after group 0). When the `::` run starts the address, group 0's word ends in `::` instead
/// of `0:` (its last digit, a `0`, plus 10). Built by SSE2 (`simd::x86::v6_layout`) or by the
/// scalar twin [`v6_layout_scalar`].
pub(crate) struct V6Layout {
    pub(crate) words: [u64; 8],
    pub(crate) ends: [u16; 8],
    pub(crate) start: u16,
}

/// The scalar twin of `simd::x86::v6_layout`.
#[inline]
fn v6_layout_scalar(addr: Ipv6Addr, run: ZeroRun, cur: u16) -> V6Layout {
    let w = addr.segments();
    let mut out = V6Layout { words: [0; 8], ends: [0; 8], start: 0 };
    let mut cur = cur;
    for i in (0..8).rev() {
        let digits = ((u32::from(w[i]) | 1).ilog2() / 4 + 1) as u16; // 1..=4
        out.words[i] = u64::from(group_hex(w[i])) << 24 | u64::from(b':') << 56;
        out.ends[i] = cur;
        let (inside, first) = (run.inside >> i & 1 != 0, run.first >> i & 1 != 0);
        // The group's digits and ':', none inside the run, and the run's ':' or "::".
        let len = if first {
            1 + u16::from(run.lead)
        } else if inside {
            0
        } else {
            digits + 1
        };
        cur -= len;
    }
    out.words[0] += u64::from(run.lead) * LEAD_COLON;
    out.start = cur;
    out
}

/// What turns group 0's word `0000:` (its digits in bytes 3..7) into `000::` when the `::` run
/// starts the address: byte 6 goes from `0` to `:`.
pub(crate) const LEAD_COLON: u64 = ((b':' - b'0') as u64) << 48;

/// `inet_ntop(3)` — formats an IPv4 or IPv6 address in its standard text form, exactly as glibc
/// does (`"192.0.2.1"`, `"2001:db8::1"`, `"::ffff:192.0.2.1"`).
///
/// C: `const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);` — Python:
/// `socket.inet_ntop(af, packed)`.
///
/// IPv4 is a dotted quad, as [`inet_ntoa`]. IPv6 groups are lowercase hex without leading zeros;
/// the longest run of two or more zero groups (the first of equally long runs) becomes `::`; and
/// addresses whose first 80 bits are zero and whose next 16 are `0` or `ffff` — that is
/// IPv4-compatible (`::a.b.c.d`, when the seventh group is not zero) and IPv4-mapped
/// (`::ffff:a.b.c.d`) addresses — end in a dotted quad. This is glibc's exact rule; std's
/// `Display` differs for IPv4-compatible addresses (it prints `::102:304`). Returns a stack
/// buffer that derefs to `&str`: no heap allocation, no `fmt`.
///
/// ```
/// use berkeley::inet_ntop;
/// use std::net::{Ipv4Addr, Ipv6Addr};
///
/// assert_eq!(inet_ntop(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1).into()), "2001:db8::1:0:0:1");
/// assert_eq!(inet_ntop(Ipv4Addr::new(1, 2, 3, 4).to_ipv6_mapped().into()), "::ffff:1.2.3.4");
/// assert_eq!(inet_ntop(Ipv4Addr::new(1, 2, 3, 4).to_ipv6_compatible().into()), "::1.2.3.4");
/// assert_eq!(inet_ntop(Ipv4Addr::new(1, 2, 3, 4).into()), "1.2.3.4");
/// ```
///
/// Man page: <https://man7.org/linux/man-pages/man3/inet_ntop.3.html>
#[doc(alias = "InetNtop", alias = "InetNtopW")] // Winsock's names for inet_ntop
#[must_use]
#[inline]
pub fn inet_ntop(addr: IpAddr) -> InetNtop {
    // Written in place in the value returned: a copy of a buffer just written by 8-byte
    // stores at unaligned offsets would wait for them to reach the cache (no forwarding).
    let mut out = InetNtop { text: AsciiBuf::zeroed() };
    let buf = &mut out.text;
    let len = match addr {
        IpAddr::V4(v4) => write_v4_end(buf, b"", v4.octets()),
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        IpAddr::V6(v6) => write_v6(
            buf,
            v6,
            crate::simd::x86::zero_groups(v6.octets()),
            crate::simd::x86::v6_layout,
        ),
        #[cfg(not(all(target_arch = "x86_64", not(miri))))]
        IpAddr::V6(v6) => write_v6(buf, v6, zero_groups_scalar(&v6.segments()), v6_layout_scalar),
    };
    buf.set_len(len);
    out
}

/// Writes an IPv6 address as glibc's inet_ntop does, ending at [`NTOP_END`]; returns the
/// length. `zeros` is the mask of its zero groups.
///
/// Branch-free but for the dotted-quad forms, and written from the right: every group, last
/// first, stores one 8-byte word ending at the cursor — its four hex digits and a `:`; the
/// first group of the `::` run only `:` (`::` when the run starts the address) — and moves the
/// cursor left by the length that counts (the digits without leading zeros and the `:`; 0 for
/// the run's other groups). What a word holds left of that length is overwritten by the
/// groups written after it, so no group needs a shift by its digit count, and no branch
/// depends on where the zeros are or how many digits a group has (on an unpredictable stream
/// of addresses those branches would miss). `layout` computes the words and the cursor
/// positions ([`V6Layout`]) for all eight groups at once.
#[inline]
fn write_v6(
    buf: &mut AsciiBuf<NTOP_BUF>,
    addr: Ipv6Addr,
    zeros: u8,
    layout: impl Fn(Ipv6Addr, ZeroRun, u16) -> V6Layout,
) -> usize {
    let run = ZERO_RUN[usize::from(zeros)];
    let (base, len) = (usize::from(run >> 4), usize::from(run & 15));
    if base == 0 && (len == 6 || (len == 5 && addr.segments()[5] == 0xffff)) {
        let prefix: &[u8] = if len == 5 { b"::ffff:" } else { b"::" };
        let o = addr.octets();
        return write_v4_end(buf, prefix, [o[12], o[13], o[14], o[15]]);
    }
    let inside = (((1u32 << len) - 1) << base) as u8; // 0 when there is no run
    let run =
        ZeroRun { inside, first: inside & inside.wrapping_neg(), lead: base == 0 && len != 0 };
    // The last group's ':' is not part of the text, unless the run ends the address: start one
    // byte further left then, so that the text always ends at NTOP_END.
    let cur = NTOP_BUF - usize::from((base + len == 8) & (len != 0));
    let l = layout(addr, run, cur as u16);
    // The run needs no word of its own: its groups after the first move the cursor by 0, so
    // the first one's word lands on theirs, and of that word only the last byte (`:`) survives
    // the word written left of it — or the last two (`::`) when the run starts the address.
    for (&word, &end) in l.words.iter().zip(&l.ends).rev() {
        // The layout keeps every word inside `buf` (its ends are 8..=NTOP_BUF); the clamp only
        // lets the compiler see that, so the store needs no bounds check.
        let at = usize::from(end).wrapping_sub(8).min(NTOP_BUF - 8);
        buf.put_word(at, word);
    }
    NTOP_END - usize::from(l.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every strict dotted quad: the 81 mixes of one-, two- and three-digit parts, each part
    /// at its smallest, its largest and a middle value for its length.
    fn strict_quads() -> Vec<(String, [u8; 4])> {
        let values = |len: u32| match len {
            1 => [0u8, 5, 9],
            2 => [10, 42, 99],
            _ => [100, 199, 255],
        };
        let mut out = Vec::new();
        for shape in 0..81u32 {
            let lens = [shape / 27 % 3 + 1, shape / 9 % 3 + 1, shape / 3 % 3 + 1, shape % 3 + 1];
            for pick in 0..3 {
                let o = lens.map(|l| values(l)[(pick + l as usize) % 3]);
                out.push((format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]), o));
            }
        }
        out
    }

    /// The strict dotted quad by every path this CPU has: the scalar `quad_fast`, and the
    /// SSSE3 kernel where there is one.
    fn quad_paths(s: &[u8]) -> Vec<Option<[u8; 4]>> {
        #[allow(unused_mut)]
        let mut out = vec![quad_fast(s)];
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        if let Some(cpu) = Ssse3::detect() {
            out.push(cpu.quad(s));
        }
        out
    }

    // The fast paths answer `None` for what they do not decide, and the full grammar then
    // gives the same answer, more slowly: only these tests tell a fast path that declines a
    // valid input from one that takes it.
    #[test]
    fn fast_quad_paths_take_every_strict_quad() {
        for (text, octets) in strict_quads() {
            for got in quad_paths(text.as_bytes()) {
                assert_eq!(got, Some(octets), "{text}");
            }
        }
    }

    #[test]
    fn fast_quad_paths_decline_everything_else() {
        let bad = [
            "01.2.3.4",
            "1.02.3.4",
            "1.2.3.04",
            "1.2.3.00",
            "256.1.1.1",
            "1.2.3.256",
            "1.2.3.999",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "1.2.3.",
            ".1.2.3",
            "1.2.3.4 ",
            " 1.2.3.4",
            "a.b.c.d",
            "1234.1.1.1",
            "1.2.3.1234",
            "1.2.3.4x",
            "1.2.3.x",
            "1.2.3.-1",
            "1.2.3.4.",
            "",
            "1.2.3.4444",
            "111.222.333.1",
        ];
        for text in bad {
            for got in quad_paths(text.as_bytes()) {
                assert_eq!(got, None, "{text:?}");
            }
        }
    }

    #[test]
    fn fast_ipv6_paths_take_every_form_they_are_for() {
        let mut texts: Vec<String> = vec![
            "::".into(),
            "::1".into(),
            "1::".into(),
            "fe80::1".into(),
            "2001:db8:0:1:2:3:4:5".into(),
            "2001:DB8:ABCD:ef01:2345:6789:aBcD:EF01".into(),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff".into(),
            "0:0:0:0:0:0:0:0".into(),
            "1:22:333:4444:0:a:bb:ccc".into(),
            "::ffff:1.2.3.4".into(),
            "::ffff:255.255.255.255".into(),
            "::1.2.3.4".into(),
            "1:2:3:4:5:6:10.20.30.40".into(),
            "1::6:100.0.0.1".into(),
        ];
        // The `::` run at every position and of every length.
        for start in 0..8 {
            for len in 1..=8 - start {
                let head: Vec<String> =
                    (0..start).map(|g| format!("{:x}", g * 0x111 + 1)).collect();
                let tail: Vec<String> =
                    (start + len..8).map(|g| format!("{:x}", g * 0x1001 + 2)).collect();
                texts.push(format!("{}::{}", head.join(":"), tail.join(":")));
            }
        }
        for text in &texts {
            // Texts of 4 to HexScan::MAX bytes: the shorter ones ("::", "::1", "1::") are the
            // grammar's.
            let want = Some(text.parse::<Ipv6Addr>().unwrap()).filter(|_| text.len() >= 4);
            let s = text.as_bytes();
            let mut padded = [0u8; 68];
            let scan = hex_scan_scalar(s, &mut padded);
            assert_eq!(pton6_fast(s, scan, &padded, hex_octets_scalar, quad_fast), want, "{text}");
            #[cfg(all(target_arch = "x86_64", not(miri)))]
            {
                let mut padded = [0u8; 68];
                let scan = crate::simd::x86::hex_scan(s, &mut padded);
                let got = pton6_fast(s, scan, &padded, crate::simd::x86::hex_octets, quad);
                assert_eq!(got, want, "{text}");
            }
        }
    }
}

//! Ethernet (MAC) addresses: [`MacAddr`], and `ether_aton`/`ether_ntoa` bit-exact with glibc.
//!
//! ```
//! use berkeley::{ether_aton, ether_ntoa, MacAddr};
//!
//! let mac = ether_aton("0:1A:2b:3:4d:5e")?;
//! assert_eq!(mac, MacAddr::new([0x00, 0x1a, 0x2b, 0x03, 0x4d, 0x5e]));
//! assert_eq!(&*ether_ntoa(mac), "0:1a:2b:3:4d:5e"); // glibc's form: no leading zeros
//! assert_eq!(mac.to_string(), "00:1a:2b:03:4d:5e"); // the canonical form
//! # Ok::<(), berkeley::EtherError>(())
//! ```
//!
//! Everything here is pure: no OS call, no allocation, no `unsafe` in this file. On x86_64,
//! [`ether_aton`] parses the canonical `xx:xx:xx:xx:xx:xx` form with SSE2 and the forms with
//! 1-digit parts with SSSE3 when the CPU has it (checked once, cached), and [`ether_ntoa`]
//! formats with SSSE3 (one shuffle, no branch on the digits); every other target (aarch64
//! included), CPUs without SSSE3, and Miri take the scalar paths, which give identical results
//! (the differential tests, proptests and fuzz targets run both against glibc on Linux x86_64).
#![forbid(unsafe_code)]

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use crate::ascii::{HEX_VALUE, NOT_HEX};
use crate::error::{ParseError, ParseErrorKind};
use crate::simd::text::AsciiBuf;
#[cfg(all(target_arch = "x86_64", not(miri)))]
use crate::simd::x86::Ssse3;

/// The error of [`ether_aton`]: a [`ParseError`] whose [`what`](ParseError::what) is
/// `"MAC address"`.
///
/// ```
/// let err: berkeley::EtherError = berkeley::ether_aton("00:11:22").unwrap_err();
/// assert_eq!(err.what(), "MAC address");
/// assert_eq!(err.to_string(), "invalid MAC address: unexpected end of input at byte 8");
/// ```
pub type EtherError = ParseError;

const WHAT: &str = "MAC address";

/// A 48-bit Ethernet (IEEE 802 MAC) address: C's `struct ether_addr`.
///
/// Its [`Display`](fmt::Display) is the canonical lowercase form with leading zeros
/// (`00:1a:2b:3c:4d:5e`); [`ether_ntoa`] gives glibc's form without them. It parses
/// ([`FromStr`]) exactly what [`ether_aton`] accepts.
///
/// ```
/// use berkeley::MacAddr;
///
/// let mac: MacAddr = "00:1a:2b:3c:4d:5e".parse()?;
/// assert_eq!(mac.octets(), [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);
/// assert!(mac.is_unicast() && !mac.is_local());
/// assert!(MacAddr::BROADCAST.is_broadcast());
/// assert_eq!(format!("{:?}", MacAddr::ZERO), "MacAddr(00:00:00:00:00:00)");
/// # Ok::<(), berkeley::EtherError>(())
/// ```
#[doc(alias = "ether_addr")] // C's `struct ether_addr` (<netinet/ether.h>)
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct MacAddr([u8; 6]);

impl MacAddr {
    /// `ff:ff:ff:ff:ff:ff`, the broadcast address.
    pub const BROADCAST: MacAddr = MacAddr([0xff; 6]);
    /// `00:00:00:00:00:00`.
    pub const ZERO: MacAddr = MacAddr([0; 6]);

    /// A MAC address from its six octets, in transmission order.
    ///
    /// ```
    /// let mac = berkeley::MacAddr::new([2, 0, 0, 0, 0, 1]);
    /// assert_eq!(mac.to_string(), "02:00:00:00:00:01");
    /// ```
    #[inline]
    pub const fn new(octets: [u8; 6]) -> MacAddr {
        MacAddr(octets)
    }

    /// The six octets.
    ///
    /// ```
    /// assert_eq!(berkeley::MacAddr::BROADCAST.octets(), [0xff; 6]);
    /// ```
    #[inline]
    pub const fn octets(self) -> [u8; 6] {
        self.0
    }

    /// Whether this is `ff:ff:ff:ff:ff:ff`.
    ///
    /// ```
    /// assert!(berkeley::MacAddr::new([0xff; 6]).is_broadcast());
    /// ```
    #[inline]
    pub const fn is_broadcast(self) -> bool {
        u64::from_le_bytes([self.0[0], self.0[1], self.0[2], self.0[3], self.0[4], self.0[5], 0, 0])
            == 0xffff_ffff_ffff
    }

    /// Whether this is a group (multicast, including broadcast) address: the I/G bit, the least
    /// significant bit of the first octet, is set.
    ///
    /// ```
    /// assert!(berkeley::MacAddr::new([0x01, 0x00, 0x5e, 0, 0, 1]).is_multicast());
    /// ```
    #[inline]
    pub const fn is_multicast(self) -> bool {
        self.0[0] & 0x01 != 0
    }

    /// Whether this is an individual (unicast) address: the I/G bit is clear.
    ///
    /// ```
    /// assert!(berkeley::MacAddr::new([0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]).is_unicast());
    /// ```
    #[inline]
    pub const fn is_unicast(self) -> bool {
        !self.is_multicast()
    }

    /// Whether this is a locally administered address: the U/L bit, the second least
    /// significant bit of the first octet, is set.
    ///
    /// ```
    /// assert!(berkeley::MacAddr::new([0x02, 0, 0, 0, 0, 1]).is_local());
    /// ```
    #[inline]
    pub const fn is_local(self) -> bool {
        self.0[0] & 0x02 != 0
    }

    /// The canonical text (`00:1a:2b:3c:4d:5e`) as 17 ASCII bytes.
    fn canonical(self) -> [u8; 17] {
        let mut out = [b':'; 17];
        for (i, &b) in self.0.iter().enumerate() {
            out[3 * i] = HEX_DIGITS[usize::from(b >> 4)];
            out[3 * i + 1] = HEX_DIGITS[usize::from(b & 0xf)];
        }
        out
    }
}

impl From<[u8; 6]> for MacAddr {
    #[inline]
    fn from(octets: [u8; 6]) -> MacAddr {
        MacAddr(octets)
    }
}

impl From<MacAddr> for [u8; 6] {
    #[inline]
    fn from(mac: MacAddr) -> [u8; 6] {
        mac.0
    }
}

impl fmt::Display for MacAddr {
    /// `00:1a:2b:3c:4d:5e`: lowercase, two digits per octet. Width and alignment flags apply.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.canonical();
        f.pad(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MacAddr({self})")
    }
}

impl FromStr for MacAddr {
    type Err = EtherError;

    /// Parses exactly what [`ether_aton`] accepts.
    fn from_str(s: &str) -> Result<MacAddr, EtherError> {
        ether_aton(s)
    }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// C's `isspace` in the "C" locale.
#[inline]
const fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `ether_aton(3)` — converts a MAC address from text (`"0:1a:2b:3c:4d:5e"`) to a [`MacAddr`].
///
/// C: `struct ether_addr *ether_aton(const char *asc);` (and the reentrant `ether_aton_r`) —
/// Python: no direct equivalent (`bytes.fromhex(s.replace(":", ""))` for the canonical form).
///
/// Accepts exactly what glibc's `ether_aton` accepts, and gives the same octets: six parts of
/// one or two hex digits (either case) separated by `:`. Like glibc it then stops reading: after
/// a two-digit last part anything may follow (`"0:1:2:3:4:56xyz"` is accepted), and after a
/// one-digit last part the input must end or continue with whitespace (`"0:1:2:3:4:5 x"` is
/// accepted, `"0:1:2:3:4:5x"` is not). No leading whitespace, no `-` separators.
///
/// # Errors
///
/// An [`EtherError`] naming the first byte glibc would reject. One deliberate difference from
/// C: a NUL byte anywhere in `s` is an error ([`ParseErrorKind::InvalidChar`] at its position),
/// where C would silently stop reading at it.
///
/// ```
/// use berkeley::{ether_aton, MacAddr, ParseErrorKind};
///
/// assert_eq!(ether_aton("ff:FF:0:1:a:B")?, MacAddr::new([0xff, 0xff, 0, 1, 0xa, 0xb]));
/// assert_eq!(ether_aton("0:1:2:3:4:56 trailing")?.octets()[5], 0x56);
/// assert_eq!(ether_aton("00:11:22:33:44").unwrap_err().kind(), ParseErrorKind::UnexpectedEnd);
/// assert_eq!(ether_aton("001:1:2:3:4:5").unwrap_err().kind(), ParseErrorKind::TooManyDigits);
/// assert_eq!(ether_aton("0:1:2:3:4:5\0").unwrap_err().position(), 11);
/// # Ok::<(), berkeley::EtherError>(())
/// ```
///
/// See [ether_aton(3)](https://man7.org/linux/man-pages/man3/ether_aton.3.html).
#[doc(alias = "ether_aton_r")]
#[inline]
pub fn ether_aton(s: &str) -> Result<MacAddr, EtherError> {
    ether_aton_bytes(s.as_bytes())
}

/// [`ether_aton`] for byte input (text that need not be UTF-8); same grammar, same errors.
///
/// ```
/// let mac = berkeley::ether::ether_aton_bytes(b"a:b:c:d:e:f")?;
/// assert_eq!(mac.octets(), [0xa, 0xb, 0xc, 0xd, 0xe, 0xf]);
/// assert!(berkeley::ether::ether_aton_bytes(b"a:b:c:d:e:\xff").is_err());
/// # Ok::<(), berkeley::EtherError>(())
/// ```
#[inline]
pub fn ether_aton_bytes(s: &[u8]) -> Result<MacAddr, EtherError> {
    // The canonical form, exactly 17 bytes: one SSE2 load pair and a few compares on x86_64
    // (no CPU check: SSE2 is the baseline), a few word operations elsewhere; inlined into
    // the caller. Everything else takes `ether_aton_rest`.
    if let Ok(head) = <&[u8; 17]>::try_from(s) {
        if let Some(mac) = canonical(head) {
            return Ok(mac);
        }
    }
    ether_aton_rest(s)
}

/// Everything but the canonical form: six parts of one or two digits (glibc's own
/// `ether_ntoa` form) by the SSSE3 kernel when the CPU has it (checked once, cached), then the
/// general grammar (the kernel's scalar twin, which also finds every error, and takes a
/// valid address followed by text glibc ignores).
#[inline(never)]
fn ether_aton_rest(s: &[u8]) -> Result<MacAddr, EtherError> {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    if let Some(cpu) = Ssse3::detect() {
        return cpu.mac_then(s, |mac| Ok(MacAddr(mac)), || ether_aton_general(s));
    }
    ether_aton_general(s)
}

/// The canonical form: the SSE2 kernel on x86_64 (not under Miri), else [`parse_canonical`],
/// its scalar twin.
#[inline]
fn canonical(head: &[u8; 17]) -> Option<MacAddr> {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    return crate::simd::mac::mac_canonical(head).map(MacAddr);
    #[cfg(not(all(target_arch = "x86_64", not(miri))))]
    return parse_canonical(head);
}

/// Both paths of [`ether_aton_bytes`] and of [`ether_ntoa`], for the differential tests, proptests and fuzz targets
/// (which check each against glibc). Not part of the API: hidden, and may change.
#[doc(hidden)]
pub mod twins {
    use super::*;

    /// `ether_aton_bytes` by the scalar path only (the canonical form's word operations, then
    /// the general grammar).
    pub fn ether_aton_scalar(s: &[u8]) -> Result<MacAddr, EtherError> {
        if let Ok(head) = <&[u8; 17]>::try_from(s) {
            if let Some(mac) = parse_canonical(head) {
                return Ok(mac);
            }
        }
        ether_aton_general(s)
    }

    /// `ether_ntoa` by the scalar path only.
    pub fn ether_ntoa_scalar(mac: MacAddr) -> EtherNtoa {
        let (text, len) = ntoa_scalar(mac.0);
        EtherNtoa { text: AsciiBuf::new(text, len) }
    }

    /// `ether_ntoa` by the SSSE3 kernel; `None` when this target or CPU has no SIMD kernel.
    pub fn ether_ntoa_simd(mac: MacAddr) -> Option<EtherNtoa> {
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        if let Some(cpu) = Ssse3::detect() {
            let (text, len) = cpu.ntoa(mac.0);
            return Some(EtherNtoa { text: AsciiBuf::new(text, len) });
        }
        let _ = mac;
        None
    }

    /// `ether_aton_bytes` by the SIMD path (the SSE2 canonical kernel, the SSSE3 short-form
    /// kernel); `None` when this target or CPU has no SIMD kernel.
    pub fn ether_aton_simd(s: &[u8]) -> Option<Result<MacAddr, EtherError>> {
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        if Ssse3::detect().is_some() {
            return Some(ether_aton_bytes(s));
        }
        let _ = s;
        None
    }
}

/// Each byte of a `u128` set to `b`.
const fn splat(b: u8) -> u128 {
    u128::from_ne_bytes([b; 16])
}

/// Byte lanes 2, 5, 8, 11 and 14: the colons of `xx:xx:xx:xx:xx:xx` among its first 16 bytes.
const COLON_LANES: u128 = {
    let mut m = [0u8; 16];
    let mut i = 2;
    while i < 16 {
        m[i] = 0xff;
        i += 3;
    }
    u128::from_le_bytes(m)
};

/// `xx:xx:xx:xx:xx:xx` with two hex digits in every part, or `None`: all 16 lanes of the first
/// 16 bytes checked and converted at once (SWAR, byte lanes that never carry into each other).
#[inline]
fn parse_canonical(h: &[u8; 17]) -> Option<MacAddr> {
    let mut first = [0u8; 16];
    first.copy_from_slice(&h[..16]);
    let x = u128::from_le_bytes(first);

    // Hex digit test per lane: bit 7 of `x + k` says whether a lane is >= (or >) a bound. A
    // lane below 0x80 plus k <= 0x80 never carries into its neighbour; a lane of 0x80 or more
    // may, but such a lane is itself rejected (its bit 7 is checked), so the corrupted
    // neighbour does not matter.
    let ge = |v: u128, lo: u8| v.wrapping_add(splat(0x80 - lo));
    let gt = |v: u128, hi: u8| v.wrapping_add(splat(0x7f - hi));
    let digit = ge(x, b'0') & !gt(x, b'9');
    let folded = x | splat(0x20); // 'A'..='F' -> 'a'..='f'; nothing else lands there
    let alpha = ge(folded, b'a') & !gt(folded, b'f');
    let hex = (digit | alpha) & !x & splat(0x80);

    let digit_lanes = !COLON_LANES & splat(0x80);
    let colons_ok = (x ^ splat(b':')) & COLON_LANES == 0;
    let last = HEX_VALUE[usize::from(h[16])];
    if hex & digit_lanes != digit_lanes || !colons_ok || last == NOT_HEX {
        return None;
    }

    // Digit values: the low nibble, plus 9 for letters (bit 6 set).
    let v = ((x & splat(0x0f)) + ((x >> 6) & splat(0x01)) * 9) & !COLON_LANES;
    // Lane i becomes v[i] << 4 | v[i + 1]; lanes 0, 3, ..., 15 are the octets.
    let t = ((v << 4) | (v >> 8)).to_le_bytes();
    Some(MacAddr([t[0], t[3], t[6], t[9], t[12], t[15] | last]))
}

/// Glibc stops reading at `end`; what follows is ignored, except NUL bytes (see `ether_aton`).
#[inline]
fn check_tail(s: &[u8], end: usize) -> Result<(), EtherError> {
    match s[end..].iter().position(|&b| b == 0) {
        None => Ok(()),
        Some(p) => Err(err(ParseErrorKind::InvalidChar, end + p)),
    }
}

#[cold]
fn err(kind: ParseErrorKind, pos: usize) -> EtherError {
    ParseError::new(WHAT, kind, pos)
}

/// The error for a byte (or the end) where a hex digit was needed.
#[cold]
fn need_digit(s: &[u8], pos: usize) -> EtherError {
    match pos {
        0 if s.is_empty() => err(ParseErrorKind::Empty, 0),
        _ if pos >= s.len() => err(ParseErrorKind::UnexpectedEnd, pos),
        _ => err(ParseErrorKind::InvalidChar, pos),
    }
}

/// glibc's `ether_aton_r`, step for step (inet/ether_aton_r.c).
#[inline(never)]
fn ether_aton_general(s: &[u8]) -> Result<MacAddr, EtherError> {
    // Reading past the end gives NUL, as in C.
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut out = [0u8; 6];
    let mut i = 0;
    for (cnt, octet) in out.iter_mut().enumerate() {
        let d = HEX_VALUE[usize::from(at(i))];
        if d == NOT_HEX {
            return Err(need_digit(s, i));
        }
        i += 1;
        let mut n = d;
        let ch = at(i);
        if cnt < 5 {
            if ch != b':' {
                let d2 = HEX_VALUE[usize::from(ch)];
                if d2 == NOT_HEX {
                    return Err(need_digit(s, i));
                }
                n = (n << 4) | d2;
                i += 1;
                let sep = at(i);
                if sep != b':' {
                    return Err(if i >= s.len() {
                        err(ParseErrorKind::UnexpectedEnd, i)
                    } else if HEX_VALUE[usize::from(sep)] != NOT_HEX {
                        err(ParseErrorKind::TooManyDigits, i)
                    } else {
                        err(ParseErrorKind::InvalidChar, i)
                    });
                }
            }
            i += 1; // the ':'
        } else if i < s.len() && !is_c_space(ch) {
            // A NUL here ends a C string; in a Rust string it is an error (see `ether_aton`).
            let d2 = HEX_VALUE[usize::from(ch)];
            if d2 == NOT_HEX {
                return Err(err(ParseErrorKind::InvalidChar, i));
            }
            n = (n << 4) | d2;
            i += 1;
        }
        *octet = n;
    }
    check_tail(s, i.min(s.len()))?;
    Ok(MacAddr(out))
}

/// The longest `ether_ntoa` text: `ff:ff:ff:ff:ff:ff`.
const NTOA_MAX: usize = 17;

/// The text of [`ether_ntoa`]: a small stack buffer that dereferences to `str`.
///
/// ```
/// let text = berkeley::ether_ntoa(berkeley::MacAddr::new([0, 0x1a, 2, 0x3c, 4, 0x5e]));
/// assert_eq!(text.len(), 14);
/// assert_eq!(text, *"0:1a:2:3c:4:5e");
/// println!("{text}");
/// ```
#[derive(Clone, Copy)]
pub struct EtherNtoa {
    text: AsciiBuf<NTOA_MAX>,
}

impl EtherNtoa {
    /// The text as a `&str` — free: the buffer was checked to be ASCII once, when it was built,
    /// so no UTF-8 validation runs here.
    ///
    /// ```
    /// assert_eq!(berkeley::ether_ntoa(berkeley::MacAddr::ZERO).as_str(), "0:0:0:0:0:0");
    /// ```
    #[inline]
    pub fn as_str(&self) -> &str {
        // Free: the buffer was checked to be ASCII once, when it was built.
        self.text.as_str()
    }
}

impl Deref for EtherNtoa {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for EtherNtoa {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for EtherNtoa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for EtherNtoa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for EtherNtoa {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for EtherNtoa {
    #[inline]
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq for EtherNtoa {
    #[inline]
    fn eq(&self, other: &EtherNtoa) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for EtherNtoa {}

/// `ether_ntoa(3)` — converts a [`MacAddr`] to glibc's text form, `0:1a:2b:3c:4d:5e`.
///
/// C: `char *ether_ntoa(const struct ether_addr *addr);` (and `ether_ntoa_r`) — Python: no
/// direct equivalent (`":".join(f"{b:x}" for b in mac)`).
///
/// Bit-exact with glibc: lowercase hex, **no leading zeros** (`printf("%x:%x:...")`). For the
/// canonical two-digit form use `MacAddr`'s `Display`. The result is a stack buffer
/// ([`EtherNtoa`]) — no allocation, and unlike C's `ether_ntoa` no shared static buffer.
///
/// ```
/// use berkeley::{ether_ntoa, MacAddr};
///
/// assert_eq!(&*ether_ntoa(MacAddr::new([0x00, 0x1a, 0x2b, 0x03, 0x4d, 0x5e])), "0:1a:2b:3:4d:5e");
/// assert_eq!(ether_ntoa(MacAddr::BROADCAST), "ff:ff:ff:ff:ff:ff");
/// ```
///
/// See [ether_ntoa(3)](https://man7.org/linux/man-pages/man3/ether_ntoa.3.html).
#[doc(alias = "ether_ntoa_r")]
#[inline]
pub fn ether_ntoa(mac: MacAddr) -> EtherNtoa {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    if let Some(cpu) = Ssse3::detect() {
        let (text, len) = cpu.ntoa(mac.0);
        return EtherNtoa { text: AsciiBuf::new(text, len) };
    }
    let (text, len) = ntoa_scalar(mac.0);
    EtherNtoa { text: AsciiBuf::new(text, len) }
}

/// glibc's `ether_ntoa` text of `octets` and its length: the scalar twin of the SSSE3 kernel
/// (`simd::mac`), and the path of every other target, of CPUs without SSSE3, and of Miri.
/// Branch-free: each octet writes three bytes (`hi lo :`, or `lo : :` for one digit, chosen
/// by masks, not branches) and advances by 3 or 2.
#[inline]
fn ntoa_scalar(octets: [u8; 6]) -> ([u8; NTOA_MAX], usize) {
    // Room for three bytes after the longest possible prefix, so every write is in bounds.
    let mut buf = [b':'; NTOA_MAX + 1];
    let mut pos = 0usize;
    for &b in &octets {
        let hi = HEX_DIGITS[usize::from(b >> 4)];
        let lo = HEX_DIGITS[usize::from(b & 0xf)];
        let two = u8::from(b >= 0x10);
        let keep = two.wrapping_neg(); // 0xff for two digits, 0 for one
        let p = pos & 15; // pos <= 15 here; the mask lets the compiler drop bounds checks
        buf[p] = (hi & keep) | (lo & !keep);
        buf[p + 1] = (lo & keep) | (b':' & !keep);
        buf[p + 2] = b':';
        pos = p + usize::from(two) + 2;
    }
    let mut out = [0u8; NTOA_MAX];
    out.copy_from_slice(&buf[..NTOA_MAX]);
    (out, pos - 1) // the last ':' is not part of the text
}

//! The Internet checksum (RFC 1071): one-shot, streaming, pseudo-headers, and the RFC 1624
//! incremental update.
//!
//! The checksum of IPv4, ICMP, UDP and TCP is the one's complement of the one's-complement sum
//! of the data taken as big-endian 16-bit words (an odd last byte is padded with a zero). This
//! module computes it at memory speed with no dispatch cost on short buffers: below 128 bytes
//! (headers, small datagrams, ICMP echoes) as straight-line chains of 64-bit add-with-carry
//! instructions on every target (no loop, no SIMD setup), and longer buffers through an AVX2
//! kernel (detected at run time; std caches the detection) or the SSE2 baseline on x86_64, a
//! NEON kernel on little-endian aarch64 (tested under qemu-aarch64 here, not on aarch64
//! hardware), the compiler-vectorised scalar loop elsewhere. Any length, any alignment;
//! results are host-order `u16`s, ready for the views' setters.
//!
//! ```
//! use berkeley::wire::checksum::{self, Checksum};
//!
//! // RFC 1071 §3: the sum of 00 01 f2 03 f4 f5 f6 f7 is 0xddf2.
//! let data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
//! assert_eq!(checksum::sum(&data), 0xddf2);
//! assert_eq!(checksum::checksum(&data), !0xddf2);
//!
//! // Streaming, with odd-length chunks: the odd byte is carried across update calls.
//! let mut c = Checksum::new();
//! c.update(&data[..3]);
//! c.update(&data[3..]);
//! assert_eq!(c.sum(), 0xddf2);
//! ```
//!
//! C has no standard function for this (every course writes `in_cksum` by hand); Python
//! neither. The scalar and SIMD paths give identical results: the tests compare them on every
//! length from 0 to 2048 bytes and every start offset from 0 to 7.
#![forbid(unsafe_code)]

use std::net::{Ipv4Addr, Ipv6Addr};

use super::IpProtocol;

/// Below this many bytes the scalar loop is faster than any SIMD setup.
const SIMD_MIN: usize = 128;

/// A running one's-complement sum over bytes fed in any number of pieces.
///
/// Pieces may have any length: an odd-length piece leaves the next one starting in the middle
/// of a 16-bit word, and `Checksum` accounts for that (RFC 1071 §2(B): summing byte-swapped
/// data gives the byte-swapped sum), so the result equals the sum over the concatenation.
///
/// ```
/// use berkeley::wire::Checksum;
///
/// let whole = berkeley::wire::checksum::checksum(b"hello, world!");
/// let mut c = Checksum::new();
/// for piece in [&b"hel"[..], b"lo, w", b"", b"orld!"] {
///     c.update(piece);
/// }
/// assert_eq!(c.finish(), whole);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checksum {
    /// One's-complement sum, on 64 bits, of native-endian 16-bit words (as if the data started
    /// at an even offset), not yet folded: every add carries out of bit 63 back into bit 0
    /// ([`add_carry`]), so it never overflows and stays congruent to the word sum mod 0xffff.
    acc: u64,
    /// Whether an odd number of bytes went in so far.
    odd: bool,
}

impl Checksum {
    /// An empty sum.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::Checksum::new().sum(), 0);
    /// ```
    #[inline]
    pub const fn new() -> Checksum {
        Checksum { acc: 0, odd: false }
    }

    /// Adds `data`, which follows what was added before.
    ///
    /// ```
    /// let mut c = berkeley::wire::Checksum::new();
    /// c.update(&[0x12]);
    /// c.update(&[0x34]);
    /// assert_eq!(c.sum(), 0x1234);
    /// ```
    // Always inlined: after a pseudo-header (or `new`) the compiler then knows the sum is at an
    // even offset and drops the byte-swap path.
    #[inline(always)]
    pub fn update(&mut self, data: &[u8]) {
        let s = acc_ne(data);
        // After an odd number of bytes the data's words straddle ours: add the sum byte-swapped
        // (RFC 1071 §2(B)), which needs it folded to 16 bits first.
        let s = if self.odd { u64::from(fold(s).swap_bytes()) } else { s };
        self.acc = add_carry(self.acc, s);
        self.odd ^= data.len() & 1 == 1;
    }

    /// Adds the two bytes of `value` in network order (as if `update(&value.to_be_bytes())`).
    ///
    /// ```
    /// let mut c = berkeley::wire::Checksum::new();
    /// c.add_u16(0x1234);
    /// assert_eq!(c.sum(), 0x1234);
    /// ```
    #[inline]
    pub fn add_u16(&mut self, value: u16) {
        let ne = value.to_be();
        self.acc = add_carry(self.acc, u64::from(if self.odd { ne.swap_bytes() } else { ne }));
    }

    /// Adds the four bytes of `value` in network order (as if `update(&value.to_be_bytes())`).
    ///
    /// ```
    /// let mut c = berkeley::wire::Checksum::new();
    /// c.add_u32(0x1234_0001);
    /// assert_eq!(c.sum(), 0x1235);
    /// ```
    #[inline]
    pub fn add_u32(&mut self, value: u32) {
        self.add_u16((value >> 16) as u16);
        self.add_u16(value as u16);
    }

    /// Appends another sum, computed separately over the data that follows this one's: the
    /// result is the sum over both pieces, in order, whatever their lengths.
    ///
    /// ```
    /// use berkeley::wire::Checksum;
    ///
    /// let (mut a, mut b) = (Checksum::new(), Checksum::new());
    /// a.update(b"abc");
    /// b.update(b"defg");
    /// a.combine(&b);
    /// assert_eq!(a.sum(), berkeley::wire::checksum::sum(b"abcdefg"));
    /// ```
    #[inline]
    pub fn combine(&mut self, other: &Checksum) {
        let s = fold(other.acc);
        self.acc = add_carry(self.acc, u64::from(if self.odd { s.swap_bytes() } else { s }));
        self.odd ^= other.odd;
    }

    /// The folded one's-complement sum so far, in host order (not complemented).
    ///
    /// ```
    /// let mut c = berkeley::wire::Checksum::new();
    /// c.update(&[0xff, 0xff, 0x00, 0x02]);
    /// assert_eq!(c.sum(), 0x0002); // 0xffff + 0x0002 with end-around carry
    /// ```
    #[inline(always)]
    pub fn sum(&self) -> u16 {
        u16::from_be(fold(self.acc))
    }

    /// Whether the sum so far is `0xffff`: what a buffer whose checksum is right sums to. The
    /// same as `self.sum() == 0xffff`, without the fold (for the views' `verify_checksum`).
    #[inline(always)]
    pub(crate) fn verifies(&self) -> bool {
        acc_is_ones(self.acc)
    }

    /// The checksum: the one's complement of [`sum`](Checksum::sum), the value a header's
    /// checksum field holds (in host order; the setters convert).
    ///
    /// ```
    /// let mut c = berkeley::wire::Checksum::new();
    /// c.update(&[0x12, 0x34]);
    /// assert_eq!(c.finish(), 0xedcb);
    /// ```
    #[inline]
    pub fn finish(&self) -> u16 {
        !self.sum()
    }
}

/// The RFC 1071 Internet checksum of `data`: the one's complement of its one's-complement sum,
/// in host order.
///
/// ```
/// // An IPv4 header with its checksum field zeroed, and the checksum that goes there.
/// let hdr = [0x45, 0, 0, 0x54, 0xa4, 0x64, 0x40, 0, 0x40, 1, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2];
/// assert_eq!(berkeley::wire::checksum::checksum(&hdr), 0x1241);
/// ```
#[doc(alias = "in_cksum")]
#[inline]
pub fn checksum(data: &[u8]) -> u16 {
    !sum(data)
}

/// The folded one's-complement sum of `data` taken as big-endian 16-bit words (not
/// complemented), in host order. A buffer whose checksum is right sums to `0xffff`.
///
/// ```
/// assert_eq!(berkeley::wire::checksum::sum(&[0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]), 0xddf2);
/// assert_eq!(berkeley::wire::checksum::sum(&[0xab]), 0xab00); // odd byte padded with zero
/// ```
#[inline(always)]
pub fn sum(data: &[u8]) -> u16 {
    u16::from_be(sum_ne(data))
}

/// The pseudo-header sum for TCP/UDP over IPv4 (RFC 768, RFC 793): source, destination, zero,
/// protocol and the upper-layer length. Continue it over the segment with
/// [`Checksum::update`].
///
/// ```
/// use berkeley::wire::{checksum, IpProtocol};
/// use std::net::Ipv4Addr;
///
/// let ph = checksum::pseudo_header_v4(Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2), IpProtocol::UDP, 8);
/// assert_eq!(ph.sum(), 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 17 + 8);
/// ```
#[inline]
pub fn pseudo_header_v4(
    src: Ipv4Addr,
    dst: Ipv4Addr,
    protocol: IpProtocol,
    len: usize,
) -> Checksum {
    let addrs =
        u64::from(u32::from_ne_bytes(src.octets())) + u64::from(u32::from_ne_bytes(dst.octets()));
    Checksum { acc: addrs + be_tail(protocol, len), odd: false }
}

/// The pseudo-header sum for TCP, UDP and ICMPv6 over IPv6 (RFC 8200 §8.1): source,
/// destination, the 32-bit upper-layer length and the next header.
///
/// ```
/// use berkeley::wire::{checksum, IpProtocol};
/// use std::net::Ipv6Addr;
///
/// let ph = checksum::pseudo_header_v6(Ipv6Addr::LOCALHOST, Ipv6Addr::LOCALHOST, IpProtocol::ICMPV6, 8);
/// assert_eq!(ph.sum(), 1 + 1 + 8 + 58);
/// ```
#[inline]
pub fn pseudo_header_v6(
    src: Ipv6Addr,
    dst: Ipv6Addr,
    protocol: IpProtocol,
    len: usize,
) -> Checksum {
    // Each address as two native-endian 64-bit words (four 16-bit words each), added with
    // end-around carry.
    let words = |a: Ipv6Addr| {
        let v = u128::from_ne_bytes(a.octets());
        add_carry(v as u64, (v >> 64) as u64)
    };
    let acc = add_carry(words(src), words(dst));
    Checksum { acc: add_carry(acc, be_tail(protocol, len)), odd: false }
}

/// The protocol and length words of a pseudo-header as an unfolded native-endian sum, to add to
/// a sum, with no branch: the protocol plus the length as a number, its high 32 bits added to
/// its low 32 (2^32 ≡ 1 mod 0xffff, so that is the sum of its 16-bit words: a 16-bit IPv4
/// length, IPv6's 32-bit one, even a longer `usize`, nothing truncated), turned into the
/// native-endian word order at the end.
#[inline(always)]
fn be_tail(protocol: IpProtocol, len: usize) -> u64 {
    let len = len as u64; // usize is at most 64 bits
    let be = u64::from(protocol.get()) + (len & 0xffff_ffff) + (len >> 32); // below 2^34
                                                                            // On a little-endian target each 16-bit word is read byte-swapped, and swapping a 16-bit
                                                                            // word's bytes is multiplying it by 2^8 mod 0xffff (a rotation by 8 bits): `be << 8` is
                                                                            // congruent to the swapped words' sum, and zero only when `be` is.
    if cfg!(target_endian = "little") {
        be << 8
    } else {
        be
    }
}

/// RFC 1624 incremental update: the new checksum after a 16-bit word of the covered data
/// changed from `old` to `new` (all host order), with equation 3 (`HC' = ~(~HC + ~m + m')`),
/// which gets the 0x0000/0xFFFF corner right where RFC 1141's equation did not.
///
/// ```
/// use berkeley::wire::checksum;
///
/// // RFC 1624 §4: m = 0x5555 becomes 0x3285, HC = 0xdd2f; recomputation gives 0x0000.
/// assert_eq!(checksum::update_u16(0xdd2f, 0x5555, 0x3285), 0x0000);
/// ```
#[inline]
pub fn update_u16(checksum: u16, old: u16, new: u16) -> u16 {
    let s = u32::from(!checksum) + u32::from(!old) + u32::from(new);
    !fold_be(u64::from(s))
}

/// RFC 1624 incremental update for a 32-bit field at an even offset (an IPv4 address, a TCP
/// sequence number): `old` and `new` in host order.
///
/// ```
/// use berkeley::wire::checksum;
///
/// let mut hdr = [0x45, 0, 0, 0x54, 0xa4, 0x64, 0x40, 0, 0x40, 1, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2];
/// let hc = checksum::checksum(&hdr);
/// hdr[16..20].copy_from_slice(&[10, 1, 2, 3]); // NAT rewrites the destination
/// let updated = checksum::update_u32(hc, 0xc000_0202, 0x0a01_0203);
/// assert_eq!(updated, checksum::checksum(&hdr));
/// ```
#[inline]
pub fn update_u32(checksum: u16, old: u32, new: u32) -> u16 {
    let s = u64::from(!checksum)
        + u64::from(!(old >> 16) as u16)
        + u64::from(!(old as u16))
        + u64::from(new >> 16)
        + u64::from(new as u16);
    !fold_be(s)
}

/// RFC 1624 incremental update for any field: `old` and `new` are the bytes at byte `offset`
/// (from the start of the checksummed data) before and after the change. Any length, any
/// offset, odd ones included (a TTL, a single flag byte).
///
/// ```
/// use berkeley::wire::checksum;
///
/// let mut hdr = [0x45, 0, 0, 0x54, 0xa4, 0x64, 0x40, 0, 0x40, 1, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2];
/// let hc = checksum::checksum(&hdr);
/// hdr[9] = 17; // the protocol byte, at an odd offset
/// assert_eq!(checksum::update_bytes(hc, 9, &[1], &[17]), checksum::checksum(&hdr));
/// ```
#[inline]
pub fn update_bytes(checksum: u16, offset: usize, old: &[u8], new: &[u8]) -> u16 {
    let (mut o, mut n) = (sum(old), sum(new));
    if offset & 1 == 1 {
        o = o.swap_bytes();
        n = n.swap_bytes();
    }
    update_u16(checksum, o, n)
}

// -- the sums --

/// Folds a sum of 16-bit words (any width) to 16 bits with end-around carries.
#[inline(always)]
fn fold(acc: u64) -> u16 {
    fold_be(acc)
}

/// Folds a sum of host-order 16-bit values (any width) to their one's-complement sum, in host
/// order (for the views that sum header fields from their values).
#[inline(always)]
pub(crate) fn fold_host(acc: u64) -> u16 {
    fold_be(acc)
}

#[inline(always)]
fn fold_be(acc: u64) -> u16 {
    // Two end-around-carry adds: 64 -> 32 -> 16 bits. After an add that overflowed, the sum is
    // at most MAX - 1, so adding the carry back cannot overflow again.
    let (s, c) = (acc as u32).overflowing_add((acc >> 32) as u32);
    let s = s + u32::from(c);
    let (t, c) = (s as u16).overflowing_add((s >> 16) as u16);
    t + u16::from(c)
}

/// `w0 + w1 + w2` with end-around carry, as one add-with-carry chain (a 20-byte header: two
/// 64-bit words and a 32-bit one).
#[inline(always)]
pub(crate) fn add3(w0: u64, w1: u64, w2: u32) -> u64 {
    let (a, c) = adc(w0, w1, false);
    let (a, c) = adc(a, u64::from(w2), c);
    add_carry(a, u64::from(c))
}

/// The folded sum, in host order, of an unfolded sum of native-endian words (what
/// [`Checksum::sum`] gives for it).
#[inline(always)]
pub(crate) fn acc_sum(acc: u64) -> u16 {
    u16::from_be(fold(acc))
}

/// Whether `data` sums to `0xffff` (its checksum is right): `sum(data) == 0xffff` without the
/// fold.
#[inline(always)]
pub(crate) fn verifies(data: &[u8]) -> bool {
    acc_is_ones(acc_ne(data))
}

/// Whether an unfolded sum folds to `0xffff`: `fold(acc) == 0xffff`, in a multiply and a
/// compare instead of the fold's eight steps. The fold keeps `acc`'s residue mod 0xffff and
/// gives 0 only for `acc == 0`, so it gives 0xffff exactly when `acc` is a non-zero multiple
/// of 0xffff; the compiler tests divisibility by a constant with a multiplication by its
/// inverse.
#[inline(always)]
pub(crate) fn acc_is_ones(acc: u64) -> bool {
    acc != 0 && acc % 0xffff == 0
}

/// The folded sum of `data` as native-endian 16-bit words (odd last byte padded with zero at
/// its end): the fastest path available for the length.
#[inline(always)]
pub(crate) fn sum_ne(data: &[u8]) -> u16 {
    fold(acc_ne(data))
}

/// [`sum_ne`] before the fold: a one's-complement sum on 64 bits of the native-endian words
/// (for [`Checksum`], which adds it to its own with [`add_carry`] and folds once at the end).
#[inline(always)]
pub(crate) fn acc_ne(data: &[u8]) -> u64 {
    if data.len() < SIMD_MIN {
        short_acc(data)
    } else {
        u64::from(long_sum_ne(data))
    }
}

/// [`sum_ne`] for buffers of [`SIMD_MIN`] bytes or more, out of line so that the short path
/// inlined into its callers saves no registers for the kernel call.
#[inline(never)]
fn long_sum_ne(data: &[u8]) -> u16 {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    {
        fold(super::simd::sum(data))
    }
    #[cfg(all(target_arch = "aarch64", target_endian = "little", not(miri)))]
    {
        fold(super::simd::sum_neon(data))
    }
    #[cfg(not(all(
        any(target_arch = "x86_64", all(target_arch = "aarch64", target_endian = "little")),
        not(miri)
    )))]
    {
        fold(scalar_acc(data))
    }
}

/// The native-endian word sum of a short buffer (below [`SIMD_MIN`]), to be folded, with no
/// loop and no SIMD setup: from 24 bytes on (small datagrams, ICMP echoes) blocks of 64, 32
/// and 16 bytes picked by the length's bits, each one chain of 64-bit add-with-carry
/// instructions (`adc` on x86_64, `adcs` on aarch64: one instruction per 8 bytes); then (and
/// for 8 to 23 bytes: an IPv4 or TCP header, a UDP header and a few bytes) up to two 64-bit
/// words and a 32-bit one, and the last 0..=3 bytes as one shifted load. Adding 64-bit words
/// with end-around carry is adding their four 16-bit words (2^16 ≡ 1 mod 0xffff, and 0xffff
/// divides 2^64 - 1), and a non-zero input never sums to zero, so the folded result equals the
/// word-by-word one.
#[inline(always)]
fn short_acc(data: &[u8]) -> u64 {
    let n = data.len();
    if n < 8 {
        // 0..=7 bytes: a 4-, 2- and 1-byte piece at most (no shifted load: nothing before them).
        return tail_acc(data);
    }
    if n < 24 {
        // 8..=23 bytes: a 64-bit word, perhaps a second one, perhaps a 32-bit one, the rest
        // shifted in.
        let word = |b: &[u8]| u64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        let mut a = word(&data[..8]);
        let mut rest = &data[8..];
        if rest.len() >= 8 {
            a = add_carry(a, word(&rest[0..8]));
            rest = &rest[8..];
        }
        return last_bytes(a, rest, data);
    }
    let (mut a, mut rest) = (0u64, data);
    if let Some((block, tail)) = rest.split_first_chunk::<64>() {
        a = add_words(a, block);
        if tail.is_empty() {
            // 64 bytes: a ping's ICMP message, a 64-byte datagram.
            return a;
        }
        rest = tail;
    }
    if let Some((block, tail)) = rest.split_first_chunk::<32>() {
        a = add_words(a, block);
        rest = tail;
    }
    if let Some((block, tail)) = rest.split_first_chunk::<16>() {
        a = add_words(a, block);
        rest = tail;
    }
    // At most 15 bytes left.
    if let Some((w, tail)) = rest.split_first_chunk::<8>() {
        a = add_carry(a, u64::from_ne_bytes(*w));
        rest = tail;
    }
    last_bytes(a, rest, data)
}

/// `a` plus the last 0..=7 bytes of `data` (at least 8 bytes long), which are `rest` and start
/// at an even offset: perhaps a 32-bit word, then the last 0..=3 bytes as the buffer's last 8
/// bytes loaded as one word with the bytes already added shifted out. Every byte keeps its
/// place in its 16-bit word; the bytes past the end are zeros, as the odd-length rule wants.
#[inline(always)]
fn last_bytes(mut a: u64, mut rest: &[u8], data: &[u8]) -> u64 {
    if let [x0, x1, x2, x3, tail @ ..] = rest {
        a = add_carry(a, u64::from(u32::from_ne_bytes([*x0, *x1, *x2, *x3])));
        rest = tail;
    }
    let r = rest.len();
    if r != 0 {
        if let Some((_, last)) = data.split_last_chunk::<8>() {
            let last = u64::from_ne_bytes(*last);
            let shift = 64 - 8 * r as u32; // 40..=56
            a = add_carry(
                a,
                if cfg!(target_endian = "little") { last >> shift } else { last << shift },
            );
        }
    }
    a
}

/// `a` plus the native-endian 64-bit words of `block` (a multiple of 8 bytes), with end-around
/// carry: one chain of add-with-carry instructions (`adc` on x86_64, `adcs` on aarch64), the
/// last carry added back once.
#[inline(always)]
fn add_words<const N: usize>(a: u64, block: &[u8; N]) -> u64 {
    let (mut a, mut c) = (a, false);
    for w in block.chunks_exact(8) {
        (a, c) = adc(a, u64::from_ne_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]), c);
    }
    add_carry(a, u64::from(c))
}

/// `a + b + carry` and the carry out: chained, the compiler keeps the carry in the flags and
/// emits one add-with-carry instruction per step.
#[inline(always)]
fn adc(a: u64, b: u64, carry: bool) -> (u64, bool) {
    let (s, c1) = a.overflowing_add(b);
    let (s, c2) = s.overflowing_add(u64::from(carry));
    (s, c1 | c2)
}

/// The one's-complement sum on 64 bits of the native-endian words of fewer than 16 bytes that
/// start at an even offset: one load per power-of-two piece, no loop.
#[inline(always)]
fn tail_acc(mut rest: &[u8]) -> u64 {
    let mut a = 0u64;
    if let [x0, x1, x2, x3, x4, x5, x6, x7, tail @ ..] = rest {
        a = u64::from_ne_bytes([*x0, *x1, *x2, *x3, *x4, *x5, *x6, *x7]);
        rest = tail;
    }
    if let [x0, x1, x2, x3, tail @ ..] = rest {
        a = add_carry(a, u64::from(u32::from_ne_bytes([*x0, *x1, *x2, *x3])));
        rest = tail;
    }
    if let [x0, x1, tail @ ..] = rest {
        a = add_carry(a, u64::from(u16::from_ne_bytes([*x0, *x1])));
        rest = tail;
    }
    if let [x0] = rest {
        a = add_carry(a, u64::from(u16::from_ne_bytes([*x0, 0])));
    }
    a
}

/// `a + b` with the carry out of bit 63 added back in (one's-complement addition on 64 bits).
#[inline(always)]
pub(crate) fn add_carry(a: u64, b: u64) -> u64 {
    let (s, c) = a.overflowing_add(b);
    s + u64::from(c)
}

/// The scalar twin of the SIMD kernel (always compiled; the tests compare the two, and under
/// Miri the checksum uses only this one): the folded native-endian word sum.
#[doc(hidden)]
pub fn scalar_sum_ne(data: &[u8]) -> u16 {
    fold(scalar_acc(data))
}

/// The fast path's folded native-endian word sum (SIMD on x86_64 for long buffers), exposed
/// for the differential tests.
#[doc(hidden)]
pub fn fast_sum_ne(data: &[u8]) -> u16 {
    sum_ne(data)
}

/// The native-endian word sum of `data`, not folded; slices of more than 1 GiB are summed a
/// gigabyte at a time so no accumulator can overflow.
#[inline(always)]
pub(crate) fn scalar_acc(data: &[u8]) -> u64 {
    if data.len() <= 1 << 30 {
        return scalar_block(data);
    }
    data.chunks(1 << 30).map(|block| u64::from(fold(scalar_block(block)))).sum()
}

/// The SIMD kernels' unfolded native-endian word sums, exposed for the differential tests.
#[cfg(target_arch = "x86_64")]
#[doc(hidden)]
pub use super::simd::{sum_avx2 as simd_avx2, sum_sse2 as simd_sse2};

/// The NEON kernel's unfolded native-endian word sum, exposed for the differential tests.
#[cfg(all(target_arch = "aarch64", target_endian = "little"))]
#[doc(hidden)]
pub use super::simd::sum_neon as simd_neon;

/// Sum of native-endian 32-bit words into a 64-bit accumulator, then the tail. Adding 32-bit
/// words is adding pairs of 16-bit words (2^16 ≡ 1 mod 0xffff). The loop is kept plain so the
/// compiler vectorises it (SSE2 on x86_64, NEON on aarch64) without any `unsafe` here.
#[inline(always)]
fn scalar_block(data: &[u8]) -> u64 {
    let mut acc = 0u64;
    let mut words = data.chunks_exact(4);
    for w in &mut words {
        acc += u64::from(u32::from_ne_bytes([w[0], w[1], w[2], w[3]]));
    }
    let rest = words.remainder();
    if rest.len() >= 2 {
        acc += u64::from(u16::from_ne_bytes([rest[0], rest[1]]));
    }
    if rest.len() & 1 == 1 {
        acc += u64::from(u16::from_ne_bytes([rest[rest.len() - 1], 0]));
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::fold;

    /// The slow, obviously right fold: end-around carries until 16 bits remain.
    fn fold_slow(mut acc: u128) -> u16 {
        while acc >> 16 != 0 {
            acc = (acc & 0xffff) + (acc >> 16);
        }
        acc as u16
    }

    #[test]
    fn acc_is_ones_is_fold_to_ffff() {
        // Fewer values under Miri, which runs this about a thousand times slower.
        let n: u64 = if cfg!(miri) { 2_000 } else { 200_000 };
        let mut values =
            vec![0, 1, 0xfffe, 0xffff, 0x1_0000, 0x1_fffe, 0x1_fffd, u64::MAX, u64::MAX - 1];
        values.extend((1..n).map(|k| k * 0xffff));
        values.extend((1..n).map(|k| k * 0xffff + 1));
        values.extend((1..n).map(|k| u64::MAX - k * 0xffff));
        values.extend((0..64).map(|i| u64::MAX - (0xffff << (i % 48))));
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..n / 2 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x);
            values.push(x - x % 0xffff);
        }
        for v in values {
            assert_eq!(super::acc_is_ones(v), fold(v) == 0xffff, "{v:#x}");
        }
    }

    #[test]
    fn fold_extremes() {
        let mut values =
            vec![0, 1, 0xffff, 0x1_0000, 0x1_fffe, 0x2_fffe, 0x2_ffff, (1 << 33) - 2, u64::MAX];
        values.extend((0..64).map(|i| 1u64 << i));
        values.extend((0..64).map(|i| u64::MAX >> i));
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x);
        }
        for v in values {
            let want = fold_slow(u128::from(v));
            let got = fold(v);
            // 0 and 0xffff are the same number in one's complement; the fold may give either
            // only for v == 0.
            assert_eq!(got, want, "fold({v:#x})");
        }
    }
}

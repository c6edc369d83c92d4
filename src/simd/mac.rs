//! The MAC address kernels (x86_64): for `ether_aton`, the SSSE3 kernel for six parts of one or
//! two hex digits with at least one one-digit part (glibc's own `ether_ntoa` form), behind the
//! cached run-time CPU check ([`Ssse3`]), and the SSE2 kernel for the canonical 17-byte
//! `xx:xx:xx:xx:xx:xx` form; for `ether_ntoa`, the SSSE3 formatter.
//!
//! Same rules as [`x86`](super::x86), whose helpers they share: the short-form kernel takes the
//! input's first and last eight bytes as integers, the canonical kernel reads exactly the 17
//! bytes of its array, the formatter only its six octets; each `unsafe` has its SAFETY line.
//! The parsers return `None` for anything that is not their one exact form, and the caller then
//! runs the scalar grammar (`ether::ether_aton_general`), which also finds the error. The
//! scalar twins (`ether::parse_canonical`, `ether::ether_aton_general`, `ether::ntoa_scalar`)
//! are in `ether.rs`.

use std::arch::x86_64::*;

use super::x86::{vector, Ssse3};

impl Ssse3 {
    /// `found(octets)` when `s` is a MAC address of six parts of one or two hex digits
    /// separated by `:` and nothing else, at least one part with one digit (11 to 16 bytes;
    /// the 17-byte canonical form has its own kernel, [`mac_canonical`]); else `other()`. One
    /// SSSE3 function with both continuations inlined, so the caller pays one call, with no
    /// `Option` in between.
    #[inline]
    pub(crate) fn mac_then<R>(
        self,
        s: &[u8],
        found: impl FnOnce([u8; 6]) -> R,
        other: impl FnOnce() -> R,
    ) -> R {
        // SAFETY: as in `quad`: the CPU has SSSE3; mac_then_ssse3 reads `s` through safe
        // slice methods and its own statics.
        unsafe { mac_then_ssse3(s, found, other) }
    }
}

/// The multiplier of the perfect hash of a MAC's shape: `key * MAC_MAGIC >> 24` maps the 64
/// keys (the colon lanes of the two 8-byte halves, `| n << 16`: one key per mix of 1- and
/// 2-digit parts) to distinct slots of [`MacShapes`] (found by search; the table's
/// construction asserts there is no collision).
const MAC_MAGIC: u32 = 0x22a6_08bf;

/// The 63 shapes of six parts of one or two hex digits with at least one one-digit part, by
/// hash slot (256 slots, so the hash
/// indexes the shape directly).
struct MacShapes {
    /// The key of the shape in each slot (0 where there is none: no input has key 0).
    key: [u32; 256],
    /// The `pshufb` pattern of the shape in each slot: the lane of the high digit of part k
    /// in byte 2k (0x80, a zero byte, for a one-digit part), the lane of its low digit in
    /// byte 2k + 1. Lanes 0..8 are input bytes 0..8, lanes 8..16 input bytes n - 8..n.
    shuffle: [[u8; 16]; 256],
}

static MAC: MacShapes = {
    let mut m = MacShapes { key: [0; 256], shuffle: [[0x80; 16]; 256] };
    let mut idx = 0;
    // idx 63 (all parts two digits) is the canonical form, 17 bytes: not this kernel's.
    while idx < 63 {
        // The shape's text: 1 or 2 digits per part (bit k of idx: part k has two), and the
        // byte just past each part (its ':', or the end).
        let mut ends = [0usize; 6];
        let mut start = 0;
        let mut k = 0;
        while k < 6 {
            ends[k] = start + 1 + (idx >> k & 1);
            start = ends[k] + 1;
            k += 1;
        }
        let n = ends[5];
        let mut colons = 0u32;
        let mut l = 0;
        while l < 16 {
            let p = if l < 8 { l } else { l + n - 16 };
            let mut k = 0;
            while k < 5 {
                if p == ends[k] {
                    colons |= 1 << l;
                }
                k += 1;
            }
            l += 1;
        }
        let key = colons | (n as u32) << 16;
        let slot = (key.wrapping_mul(MAC_MAGIC) >> 24) as usize;
        assert!(m.key[slot] == 0, "MAC_MAGIC is not a perfect hash");
        m.key[slot] = key;
        let mut k = 0;
        while k < 6 {
            let end = ends[k] - 1; // the part's last digit
            m.shuffle[slot][2 * k + 1] = mac_lane(end, n);
            if idx >> k & 1 == 1 {
                m.shuffle[slot][2 * k] = mac_lane(end - 1, n);
            }
            k += 1;
        }
        idx += 1;
    }
    m
};

/// The kernel's lane of input byte `p` of an `n`-byte MAC: lanes 0..8 hold bytes 0..8, lanes
/// 8..16 bytes n - 8..n.
const fn mac_lane(p: usize, n: usize) -> u8 {
    (if p < 8 { p } else { p + 16 - n }) as u8
}

/// Classes of the nibble tables: a decimal digit, a letter `a`..`f`/`A`..`F`, a `:`. A byte's
/// class is `CLASS_HI[byte >> 4] & CLASS_LO[byte & 15]`, so it is one of these bits or 0.
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const COLON: u8 = 4;
/// By high nibble: 3 is `0`..`9` and `:`, 4 and 6 are the letters; 8..16 (non-ASCII) none.
static CLASS_HI: [u8; 16] = [0, 0, 0, DIGIT | COLON, ALPHA, 0, ALPHA, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// By low nibble: 0..10 digits, 1..7 letters, 10 is `:`.
static CLASS_LO: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut i = 0;
    while i < 10 {
        t[i] = DIGIT;
        i += 1;
    }
    i = 1;
    while i < 7 {
        t[i] |= ALPHA;
        i += 1;
    }
    t[10] = COLON;
    t
};
/// By high nibble: what to add to the low nibble for a digit's value (9 for letters).
static VALUE_HI: [u8; 16] = [0, 0, 0, 0, 9, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// The `pmaddubsw` weights that make each (high, low) digit pair one octet.
static OCTET_WEIGHTS: [i8; 16] = [16, 1, 16, 1, 16, 1, 16, 1, 16, 1, 16, 1, 16, 1, 16, 1];

#[target_feature(enable = "ssse3")]
unsafe fn mac_then_ssse3<R>(
    s: &[u8],
    found: impl FnOnce([u8; 6]) -> R,
    other: impl FnOnce() -> R,
) -> R {
    let n = s.len();
    if (11..=16).contains(&n) {
        if let (Some(first), Some(last)) = (s.first_chunk::<8>(), s.last_chunk::<8>()) {
            let (first, last) = (u64::from_le_bytes(*first), u64::from_le_bytes(*last));
            // SAFETY: this function has SSSE3 enabled, all mac_ssse3 needs (see mac_then).
            if let Some(mac) = unsafe { mac_ssse3(first, last, n) } {
                return found(mac);
            }
        }
    }
    other()
}

/// The kernel of [`Ssse3::mac_then`]: `first` and `last` are the input's first and last eight
/// bytes (they overlap below 16 bytes), little-endian; `n` is its length, 11 to 16.
#[target_feature(enable = "ssse3")]
unsafe fn mac_ssse3(first: u64, last: u64, n: usize) -> Option<[u8; 6]> {
    let v = vector(u128::from(first) | u128::from(last) << 64);
    // SAFETY: SSE2/SSSE3 intrinsics on registers (the CPU has SSSE3: the caller's `Ssse3`
    // proves it); the loads read 16-byte statics through _mm_loadu_si128, which has no
    // alignment requirement.
    unsafe {
        let lo = _mm_and_si128(v, _mm_set1_epi8(0x0f));
        let hi = _mm_and_si128(_mm_srli_epi16::<4>(v), _mm_set1_epi8(0x0f));
        let class = _mm_and_si128(
            _mm_shuffle_epi8(_mm_loadu_si128(CLASS_HI.as_ptr().cast()), hi),
            _mm_shuffle_epi8(_mm_loadu_si128(CLASS_LO.as_ptr().cast()), lo),
        );
        // COLON is bit 2: five places up it is bit 7, which movemask reads (class < 8, so
        // the 16-bit shift moves nothing into the next byte's bit 7).
        let colons = _mm_movemask_epi8(_mm_slli_epi16::<5>(class)) as u32;
        let other = _mm_movemask_epi8(_mm_cmpeq_epi8(class, _mm_setzero_si128()));
        // The shape: where the colons are, and the length; only the 63 shapes are in the
        // table, and every byte must be a hex digit or a colon.
        let key = colons | (n as u32) << 16;
        let slot = (key.wrapping_mul(MAC_MAGIC) >> 24) as usize;
        let ok = (key == MAC.key[slot]) & (other == 0);
        if !ok {
            return None;
        }
        let value =
            _mm_add_epi8(lo, _mm_shuffle_epi8(_mm_loadu_si128(VALUE_HI.as_ptr().cast()), hi));
        let pairs = _mm_shuffle_epi8(value, _mm_loadu_si128(MAC.shuffle[slot].as_ptr().cast()));
        let octets = _mm_maddubs_epi16(pairs, _mm_loadu_si128(OCTET_WEIGHTS.as_ptr().cast()));
        let word = _mm_cvtsi128_si64(_mm_packus_epi16(octets, octets)) as u64;
        let b = word.to_le_bytes();
        Some([b[0], b[1], b[2], b[3], b[4], b[5]])
    }
}

/// The canonical MAC form `xx:xx:xx:xx:xx:xx` (either case), exactly 17 bytes, as two
/// overlapping 16-byte loads (bytes 0..16 and 1..17): octets 0, 2, 4 sit in the 16-bit lanes 0,
/// 3, 6 of the first, octets 1, 3, 5 in lanes 1, 4, 7 of the second, so one blend lines up all
/// twelve digits with no shuffle. SSE2 only (the x86_64 baseline), so no CPU check and it
/// inlines into `ether_aton`. Its scalar twin is `ether::parse_canonical`.
#[inline]
pub(crate) fn mac_canonical(h: &[u8; 17]) -> Option<[u8; 6]> {
    // SAFETY: SSE2 is part of the x86_64 baseline; the two loads read h[0..16] and h[1..17],
    // inside the 17-byte array, through _mm_loadu_si128, which has no alignment requirement.
    unsafe {
        let first = _mm_loadu_si128(h.as_ptr().cast());
        let second = _mm_loadu_si128(h.as_ptr().add(1).cast());
        // Lanes 1, 4, 7 (octets 1, 3, 5) from the second load, the others from the first.
        let odd = _mm_set_epi16(-1, 0, 0, -1, 0, 0, -1, 0);
        let v = _mm_or_si128(_mm_andnot_si128(odd, first), _mm_and_si128(odd, second));
        let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let is_dec = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
        let a = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8));
        let is_alpha = _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(5)), a);
        // Every byte lane must pass both tests: the blend's digit lanes (16-bit lanes 0, 1, 3,
        // 4, 6, 7) hold hex digits, and bytes 2, 5, 8, 11, 14 of the first load are colons.
        // (The blend's lanes 2 and 5, and the first load's other bytes, pass by the masks.)
        let not_digit = _mm_set_epi16(0, 0, -1, 0, 0, -1, 0, 0);
        let not_colon = _mm_set_epi8(-1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1);
        let hex = _mm_or_si128(_mm_or_si128(is_dec, is_alpha), not_digit);
        let colon = _mm_or_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8(b':' as i8)), not_colon);
        if _mm_movemask_epi8(_mm_and_si128(hex, colon)) != 0xffff {
            return None;
        }
        // Digit values (0..=15 in the digit lanes, garbage in lanes 2 and 5): a decimal digit
        // is t (0..=9, while its a + 10 wraps to 217 or more), a letter a + 10 (10..=15, while
        // its t is 17 or more), so the smaller of the two either way.
        let value = _mm_min_epu8(t, _mm_add_epi8(a, _mm_set1_epi8(10)));
        // Each 16-bit lane holds high + low << 8: << 4 plus >> 8 is high << 4 | low in the
        // low byte (no carry: the sum is below 2^16), masked to it.
        let octet = _mm_and_si128(
            _mm_add_epi16(_mm_slli_epi16::<4>(value), _mm_srli_epi16::<8>(value)),
            _mm_set1_epi16(0xff),
        );
        // Lanes 0, 1, 3, 4, 6, 7 to bytes; drop bytes 2 and 5.
        let w = _mm_cvtsi128_si64(_mm_packus_epi16(octet, octet)) as u64;
        let six = (w & 0xffff) | (w >> 8 & 0xffff_0000) | (w >> 16 & 0xffff_0000_0000);
        let b = six.to_le_bytes();
        Some([b[0], b[1], b[2], b[3], b[4], b[5]])
    }
}

/// glibc's `ether_ntoa` text (`%x:%x:%x:%x:%x:%x`: lowercase, no leading zeros), branch-free:
/// the shape is which of the six octets are below 0x10 (one digit), 64 shapes, and each shape
/// has a `pshufb` pattern that picks the output bytes from the twelve hex digits and a `:`.
struct NtoaShapes {
    /// For shape `k` (bit i set: octet i has one digit), output byte j is lane `shuffle[k][j]`
    /// of the source vector: lanes 0..12 are the high and low digit of each octet in text
    /// order, lane 12 is `:`; 0x80 (a zero byte) past the text. Output byte 16 exists only
    /// for shape 0 (all two-digit, 17 bytes) and is the last low digit, which the kernel
    /// writes itself.
    shuffle: [[u8; 16]; 64],
    /// The text's length for each shape: 17 minus the number of one-digit octets.
    len: [u8; 64],
}

static NTOA: NtoaShapes = {
    let mut t = NtoaShapes { shuffle: [[0x80; 16]; 64], len: [0; 64] };
    let mut k = 0;
    while k < 64 {
        let mut pos = 0;
        let mut i = 0;
        while i < 6 {
            let mut lanes = [2 * i as u8, 2 * i as u8 + 1, 12];
            let mut from = 0;
            if k >> i & 1 == 1 {
                from = 1; // no high digit
            }
            if i == 5 {
                lanes[2] = 0xff; // no ':' after the last octet
            }
            while from < 3 && lanes[from] != 0xff {
                if pos < 16 {
                    t.shuffle[k][pos] = lanes[from];
                }
                pos += 1;
                from += 1;
            }
            i += 1;
        }
        t.len[k] = pos as u8;
        k += 1;
    }
    t
};

/// The sixteen lowercase hex digits, the `pshufb` table of [`ntoa_ssse3`].
static HEX_ASCII: [u8; 16] = *b"0123456789abcdef";

impl Ssse3 {
    /// glibc's `ether_ntoa` text of `octets` and its length (11 to 17). Bytes past the length
    /// are zero or ASCII digits. The scalar twin is `ether::ntoa_scalar`.
    #[inline]
    pub(crate) fn ntoa(self, octets: [u8; 6]) -> ([u8; 17], usize) {
        // SAFETY: the CPU has SSSE3 (an `Ssse3` exists only then); ntoa_ssse3 reads only its
        // own statics and writes only its local buffer.
        unsafe { ntoa_ssse3(octets) }
    }
}

#[target_feature(enable = "ssse3")]
unsafe fn ntoa_ssse3(octets: [u8; 6]) -> ([u8; 17], usize) {
    let [a, b, c, d, e, f] = octets;
    let word = u64::from_le_bytes([a, b, c, d, e, f, 0, 0]);
    let mut out = [0u8; 17];
    // SAFETY: SSE2/SSSE3 intrinsics on registers (the CPU has SSSE3: the caller's `Ssse3`
    // proves it); the loads read 16-byte statics and the store writes out[0..16], all through
    // the unaligned _mm_loadu_si128/_mm_storeu_si128.
    let k = unsafe {
        let x = _mm_cvtsi64_si128(word as i64);
        let nib = _mm_set1_epi8(0x0f);
        let hi = _mm_and_si128(_mm_srli_epi16::<4>(x), nib);
        let lo = _mm_and_si128(x, nib);
        // Lanes 0..12: high, low digit of each octet; lanes 12..16 hold nibble 0, i.e. '0',
        // which OR ':' makes ':' ('0' | ':' == ':').
        let digits =
            _mm_shuffle_epi8(_mm_loadu_si128(HEX_ASCII.as_ptr().cast()), _mm_unpacklo_epi8(hi, lo));
        let source = _mm_or_si128(digits, _mm_set_epi32(0x3a3a_3a3a, 0, 0, 0));
        // Bit i: octet i is below 0x10 (its high nibble is 0); bits 6.. come from the zero
        // padding and are masked off.
        let k = (_mm_movemask_epi8(_mm_cmpeq_epi8(hi, _mm_setzero_si128())) & 0x3f) as usize;
        let pattern = _mm_loadu_si128(NTOA.shuffle[k].as_ptr().cast());
        _mm_storeu_si128(out.as_mut_ptr().cast(), _mm_shuffle_epi8(source, pattern));
        k
    };
    // Byte 16, used only by the 17-byte shape: the last octet's low digit.
    out[16] = HEX_ASCII[usize::from(f & 0x0f)];
    (out, usize::from(NTOA.len[k]))
}

//! The x86_64 kernels of the text conversions: the SSSE3 parser kernels behind a cached
//! run-time CPU check ([`Ssse3::detect`]), and SSE2 ones (the x86_64 baseline, no check).
//!
//! The SSSE3 dotted-quad kernel reads its input as two 8-byte loads, the first and the last
//! eight bytes, after testing the length (a 7-byte input as two 4-byte ones), and one `pshufb`
//! keyed by the length puts them in place with zeros after; the SSE2 ones load only 16-byte
//! chunks that bounds-checked slices or arrays prove to be inside their input, or take it
//! already loaded ([`ascii::load16`](crate::ascii::load16)), so nothing here touches memory
//! the caller did not hand over: the `unsafe` is only the `#[target_feature]` call, the
//! intrinsics and those loads and stores. Each parser kernel returns `None` for anything that
//! is not its exact form; the caller then runs the scalar grammar, which also finds the error.
//!
//! Method (after Muła and Lemire): compare masks find the digits and separators of all 16
//! bytes at once; the separator positions give the part lengths (for the dotted quad: a perfect
//! hash of the dot mask and the length picks one of the 81 shapes, and one compare of the
//! shape's key checks the dots, the digits and the length); the shape's `pshufb` pattern lines
//! the digits up by place value; `pmaddubsw` multiplies by the place values and adds, and two
//! compares check each part against 255 and against the shape's smallest value without a
//! leading zero (10 or 100). No branch depends on the digits.

use std::arch::x86_64::*;
use std::sync::atomic::{AtomicU8, Ordering};

use std::net::Ipv6Addr;

use crate::ascii::{load16, HexScan, PaddedText};
use crate::inet::{V6Layout, ZeroRun, LEAD_COLON};

/// Proof that the CPU has SSSE3 (`pshufb`, `pmaddubsw`): only [`Ssse3::detect`] makes one.
#[derive(Clone, Copy)]
pub(crate) struct Ssse3(());

/// [`Ssse3::detect`]'s answer, once known: 0 not asked yet, 1 yes, 2 no.
static SSSE3: AtomicU8 = AtomicU8::new(0);

impl Ssse3 {
    /// `Some` when the CPU has SSSE3 and `BERKELEY_BASELINE_CPU` is not set (see
    /// [`baseline_cpu`](super::baseline_cpu)). The answer is cached in an atomic: after the
    /// first call this is a load and a compare.
    #[inline]
    pub(crate) fn detect() -> Option<Ssse3> {
        match SSSE3.load(Ordering::Relaxed) {
            1 => Some(Ssse3(())),
            2 => None,
            _ => Ssse3::first_detect(),
        }
    }

    #[cold]
    #[inline(never)]
    fn first_detect() -> Option<Ssse3> {
        let yes = is_x86_feature_detected!("ssse3") && !super::baseline_cpu();
        SSSE3.store(if yes { 1 } else { 2 }, Ordering::Relaxed);
        yes.then_some(Ssse3(()))
    }

    /// The strict dotted quad (`inet_pton4`) of `s`: `Some(octets)` (network order) exactly
    /// when `s` is four decimal parts of one to three digits, no leading zero, each at most
    /// 255, separated by `.`, and nothing else. Its scalar twin is `inet::quad_fast`.
    #[inline]
    pub(crate) fn quad(self, s: &[u8]) -> Option<[u8; 4]> {
        // SAFETY: an `Ssse3` exists only if the CPU has SSSE3 (see `detect`), which is all
        // quad_ssse3's target_feature needs; it reads only `s` (inside its bounds) and its
        // own statics.
        unsafe { quad_ssse3(s) }.map(u32::to_le_bytes)
    }
}

#[inline(always)]
pub(crate) fn vector(text: u128) -> __m128i {
    // SAFETY: SSE2 is part of the x86_64 baseline; _mm_set_epi64x only builds a register.
    unsafe { _mm_set_epi64x((text >> 64) as i64, text as i64) }
}

/// The multiplier of the perfect hash of a dotted quad's shape: `(dots | 1 << len) *
/// QUAD_MAGIC >> 24` maps the 81 shapes (one per mix of part lengths: the dot positions and
/// the length) to distinct slots of [`QUAD`] (found by search; the table's construction
/// asserts there is no collision).
const QUAD_MAGIC: u32 = 0xe07b_db9f;

/// What the dotted-quad kernel needs of one shape, in the slot its hash picks.
#[repr(C, align(32))]
#[derive(Clone, Copy)]
struct QuadShape {
    /// The `pshufb` pattern: the tens and ones digits of part k go to bytes 2k and 2k + 1,
    /// the hundreds digit to byte 8 + 2k (0x80, a zero byte, where a part is shorter).
    shuffle: [u8; 16],
    /// The smallest value of each part (lanes 0..4) that has no leading zero: 0, 10 or 100
    /// for one, two or three digits; lanes 4..8 are 0.
    min: [i16; 8],
}

/// The dotted-quad shapes by hash slot: the key of each (the digit positions in bits 16..32,
/// the dot positions and the length `n` as bit `n` in bits 0..16; 0 in the slots no shape
/// hashes to, which no input matches: every input's key has its length bit) and its
/// [`QuadShape`].
struct QuadShapes {
    key: [u32; 256],
    shape: [QuadShape; 256],
}

static QUAD: QuadShapes = {
    let empty = QuadShape { shuffle: [0x80; 16], min: [0; 8] };
    let mut q = QuadShapes { key: [0; 256], shape: [empty; 256] };
    let mut idx = 0;
    while idx < 81 {
        let lens = [idx / 27 % 3 + 1, idx / 9 % 3 + 1, idx / 3 % 3 + 1, idx % 3 + 1];
        let mut shape = empty;
        let mut start = 0;
        let (mut dots, mut digits) = (0u32, 0u32);
        let mut k = 0;
        while k < 4 {
            let end = start + lens[k];
            shape.shuffle[2 * k + 1] = (end - 1) as u8;
            if lens[k] >= 2 {
                shape.shuffle[2 * k] = (end - 2) as u8;
                shape.min[k] = 10;
            }
            if lens[k] == 3 {
                shape.shuffle[8 + 2 * k] = (end - 3) as u8;
                shape.min[k] = 100;
            }
            digits |= ((1 << lens[k]) - 1) << start;
            dots |= 1 << end; // a dot after parts 0..3, the end of the input after part 3
            start = end + 1;
            k += 1;
        }
        let slot = (dots.wrapping_mul(QUAD_MAGIC) >> 24) as usize;
        assert!(q.key[slot] == 0, "QUAD_MAGIC is not a perfect hash");
        q.key[slot] = digits << 16 | dots;
        q.shape[slot] = shape;
        idx += 1;
    }
    q
};

/// The `pshufb` patterns that put `s` of `n` (8..16) bytes, given as its first 8 bytes then
/// its last 8, into byte order, zeros after (row `n`; rows 0..8 unused).
static QUAD_LOAD: [[u8; 16]; 16] = {
    let mut t = [[0x80; 16]; 16];
    let mut n = 8;
    while n < 16 {
        let mut i = 0;
        while i < n {
            t[n][i] = if i < 8 { i as u8 } else { (i + 16 - n) as u8 };
            i += 1;
        }
        n += 1;
    }
    t
};

/// The place values for `pmaddubsw` after a shape's shuffle: (10, 1) for the tens and ones
/// pairs, (100, 0) for the hundreds.
static QUAD_WEIGHTS: [i8; 16] = [10, 1, 10, 1, 10, 1, 10, 1, 100, 0, 100, 0, 100, 0, 100, 0];

#[target_feature(enable = "ssse3")]
unsafe fn quad_ssse3(s: &[u8]) -> Option<u32> {
    let (n, p) = (s.len(), s.as_ptr());
    // The loads below read 8 or 4 bytes starting at `p` or ending at `p + n`, each after a
    // test that `s` has at least that many bytes, so all inside `s`, and 16-byte rows of
    // statics, through unaligned loads (_mm_loadl_epi64, _mm_loadu_si128, read_unaligned),
    // but the two `_mm_load_si128` of a `QuadShape`, which is 32-byte aligned.
    // SAFETY: SSE2/SSSE3 intrinsics on registers (the CPU has SSSE3: the caller's `Ssse3`
    // proves it), and the in-bounds, suitably aligned loads described above.
    unsafe {
        // The text, zeros after: lengths 8..16 as the first and the last 8 bytes (the overlap
        // holds the same bytes twice) put in place by one shuffle; 7 (the shortest quad) as
        // two 4-byte words; anything else is not a dotted quad.
        let v = if n.wrapping_sub(8) < 8 {
            let pair =
                _mm_unpacklo_epi64(_mm_loadl_epi64(p.cast()), _mm_loadl_epi64(p.add(n - 8).cast()));
            _mm_shuffle_epi8(pair, _mm_loadu_si128(QUAD_LOAD[n & 15].as_ptr().cast()))
        } else if n == 7 {
            let lo = p.cast::<u32>().read_unaligned();
            let hi = p.add(3).cast::<u32>().read_unaligned();
            _mm_cvtsi64_si128((u64::from(lo) | u64::from(hi) << 24) as i64)
        } else {
            return None;
        };
        let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let digits = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
        let dots = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8))) as u32;
        // The shape: the dot positions and the length pick the slot; the slot's key checks
        // them and that every other byte is a digit (bytes past the end are zero: neither).
        let hash = dots | 1 << n;
        let slot = (hash.wrapping_mul(QUAD_MAGIC) >> 24) as usize;
        let key = (digits as u32) << 16 | hash;
        let shape = &QUAD.shape[slot];
        // Line the digits up by place value, multiply and add: part k's value in lane k.
        let x = _mm_shuffle_epi8(t, _mm_load_si128(shape.shuffle.as_ptr().cast()));
        let m = _mm_maddubs_epi16(x, _mm_loadu_si128(QUAD_WEIGHTS.as_ptr().cast()));
        let sum = _mm_add_epi16(m, _mm_srli_si128::<8>(m));
        // Each part at most 255 and at least its shape's minimum (no leading zero).
        let big = _mm_cmpgt_epi16(sum, _mm_set1_epi16(255));
        let small = _mm_cmpgt_epi16(_mm_load_si128(shape.min.as_ptr().cast()), sum);
        let bad = _mm_movemask_epi8(_mm_or_si128(big, small)) as u8;
        if (key != QUAD.key[slot]) | (bad != 0) {
            return None;
        }
        Some(_mm_cvtsi128_si32(_mm_packus_epi16(sum, sum)) as u32)
    }
}

/// The mask of the zero groups of an IPv6 address (`octets` in network order; bit `i` for
/// group `i`). SSE2 only (the x86_64 baseline), so no CPU check. Its scalar twin is
/// `inet::zero_groups_scalar`.
#[inline]
pub(crate) fn zero_groups(octets: [u8; 16]) -> u8 {
    // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes of `octets`
    // through _mm_loadu_si128, which has no alignment requirement.
    unsafe {
        let v = _mm_loadu_si128(octets.as_ptr().cast());
        // One byte per group: all ones where the 16-bit group is zero.
        let zero = _mm_cmpeq_epi16(v, _mm_setzero_si128());
        _mm_movemask_epi8(_mm_packs_epi16(zero, zero)) as u8
    }
}

/// The [`V6Layout`] of an IPv6 address for `inet_ntop` (see `inet::write_v6`), all eight groups
/// at once: the hex digits by nibble arithmetic, each group's length by three compares, the
/// cursor positions by a suffix sum over the lanes. SSE2 only (the x86_64 baseline). Its
/// scalar twin is `inet::v6_layout_scalar`.
#[inline]
pub(crate) fn v6_layout(addr: Ipv6Addr, run: ZeroRun, cur: u16) -> V6Layout {
    let octets = addr.octets();
    let mut out = V6Layout { words: [0; 8], ends: [0; 8], start: 0 };
    // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes of `octets`,
    // the stores write the 64 bytes of `out.words` and the 16 of `out.ends`, through the
    // unaligned _mm_loadu_si128/_mm_storeu_si128.
    unsafe {
        let v = _mm_loadu_si128(octets.as_ptr().cast());
        let nib = _mm_set1_epi8(0x0f);
        let hi = _mm_and_si128(_mm_srli_epi16::<4>(v), nib);
        let lo = _mm_and_si128(v, nib);
        // Digits in text order: high then low nibble of each byte.
        let ascii = |n: __m128i| {
            let letter = _mm_and_si128(_mm_cmpgt_epi8(n, _mm_set1_epi8(9)), _mm_set1_epi8(39));
            _mm_add_epi8(_mm_add_epi8(n, _mm_set1_epi8(b'0' as i8)), letter)
        };
        let first4 = ascii(_mm_unpacklo_epi8(hi, lo)); // groups 0..4, four digits each
        let last4 = ascii(_mm_unpackhi_epi8(hi, lo)); // groups 4..8

        // Each group's word: its digits in bytes 3..7 and ':' in byte 7.
        let zero = _mm_setzero_si128();
        let colon = _mm_set1_epi64x((u64::from(b':') << 56) as i64);
        let word = |d: __m128i| _mm_or_si128(_mm_srli_epi64::<8>(d), colon);
        let words = out.words.as_mut_ptr();
        // Group 0's word ends in "::" when the run starts the address (see `V6Layout`).
        let lead = _mm_set_epi64x(0, (u64::from(run.lead) * LEAD_COLON) as i64);
        _mm_storeu_si128(words.cast(), _mm_add_epi64(word(_mm_unpacklo_epi32(zero, first4)), lead));
        _mm_storeu_si128(words.add(2).cast(), word(_mm_unpackhi_epi32(zero, first4)));
        _mm_storeu_si128(words.add(4).cast(), word(_mm_unpacklo_epi32(zero, last4)));
        _mm_storeu_si128(words.add(6).cast(), word(_mm_unpackhi_epi32(zero, last4)));
        // Each group's length: its digits (1 + one per threshold passed) and ':'. Unsigned
        // 16-bit compares as signed ones after flipping the top bit.
        let g = _mm_or_si128(_mm_slli_epi16::<8>(v), _mm_srli_epi16::<8>(v)); // host order
        let flip = _mm_set1_epi16(i16::MIN);
        let x = _mm_xor_si128(g, flip);
        let above = |t: u16| _mm_cmpgt_epi16(x, _mm_xor_si128(_mm_set1_epi16(t as i16), flip));
        let len = _mm_sub_epi16(
            _mm_sub_epi16(_mm_sub_epi16(_mm_set1_epi16(2), above(0xf)), above(0xff)),
            above(0xfff),
        );
        // The run: its groups write nothing, its first group ':' or "::".
        let lane_bits = _mm_set_epi16(128, 64, 32, 16, 8, 4, 2, 1);
        let lanes = |bits: u8| {
            let b = _mm_and_si128(_mm_set1_epi16(i16::from(bits)), lane_bits);
            _mm_cmpeq_epi16(b, lane_bits)
        };
        let first_len = _mm_set1_epi16(1 + i16::from(run.lead));
        let len = _mm_or_si128(
            _mm_andnot_si128(lanes(run.inside), len),
            _mm_and_si128(lanes(run.first), first_len),
        );
        // Suffix sums: lane i gets the lengths of groups i..8.
        let mut s = _mm_add_epi16(len, _mm_srli_si128::<2>(len));
        s = _mm_add_epi16(s, _mm_srli_si128::<4>(s));
        s = _mm_add_epi16(s, _mm_srli_si128::<8>(s));
        // The cursor before group i: `cur` less the lengths of the groups after it.
        let ends = _mm_sub_epi16(_mm_set1_epi16(cur as i16), _mm_sub_epi16(s, len));
        _mm_storeu_si128(out.ends.as_mut_ptr().cast(), ends);
        out.start = cur.wrapping_sub(_mm_cvtsi128_si32(s) as u16);
    }
    out
}

/// The [`HexScan`] of an IPv6 text (`inet_pton6`'s fast path): `s` of 4 to [`HexScan::MAX`]
/// bytes, `None` otherwise. SSE2 only (the x86_64 baseline), so no CPU check and it inlines.
/// Texts of up to 16 bytes are one vector ([`load16`]); longer ones are read as 16-byte
/// chunks at 0, at 16 when there are 32 bytes, and ending at the end, all inside `s` (the
/// overlapping bytes get the same bits twice), and copied to `text` (zero-filled by the
/// caller). Its scalar twin is `inet::hex_scan_scalar`.
#[inline(always)]
pub(crate) fn hex_scan(s: &[u8], text: &mut PaddedText) -> Option<HexScan> {
    let n = s.len();
    let mut scan = HexScan { hex: 0, colon: 0, dot: 0 };
    if n <= 16 {
        classify(vector(load16(s)?), 0, &mut scan, text);
    } else if n <= HexScan::MAX {
        classify(chunk(s, 0), 0, &mut scan, text);
        if n >= 32 {
            classify(chunk(s, 16), 16, &mut scan, text);
        }
        classify(chunk(s, n - 16), n - 16, &mut scan, text);
    } else {
        return None;
    }
    Some(scan)
}

/// The 16 bytes of `s` from `at` (which the callers keep inside `s`).
#[inline(always)]
fn chunk(s: &[u8], at: usize) -> __m128i {
    let bytes: &[u8; 16] = s[at..at + 16].try_into().expect("16 bytes");
    // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes of `bytes`
    // through _mm_loadu_si128, which has no alignment requirement.
    unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
}

/// Adds the hex, colon and dot bits of the 16 bytes `v`, which start at byte `at` of the text
/// (at most 32), to `scan`, and copies them to `text[4 + at..]`.
#[inline(always)]
fn classify(v: __m128i, at: usize, scan: &mut HexScan, text: &mut PaddedText) {
    let dst: &mut [u8; 16] = (&mut text[4 + at..20 + at]).try_into().expect("16 bytes");
    // SAFETY: SSE2 is part of the x86_64 baseline; the store writes the 16 bytes of `dst`
    // through _mm_storeu_si128, which has no alignment requirement.
    let (hex, colon, dot) = unsafe {
        _mm_storeu_si128(dst.as_mut_ptr().cast(), v);
        let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let is_dec = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
        // 'a'..='f' and 'A'..='F': fold case, then the same unsigned range test.
        let a = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8));
        let is_alpha = _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(5)), a);
        (
            _mm_movemask_epi8(_mm_or_si128(is_dec, is_alpha)) as u32,
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b':' as i8))) as u32,
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8))) as u32,
        )
    };
    scan.hex |= u64::from(hex) << at;
    scan.colon |= u64::from(colon) << at;
    scan.dot |= u64::from(dot) << at;
}

/// The 16 octets (network order) of eight IPv6 groups given as text words: each `u32` holds
/// the four bytes ending at a group's last digit, first byte lowest, the bytes before the
/// group's first digit zero (so every byte is a hex digit or zero). SSE2 only. Its scalar twin
/// is `inet::hex_octets_scalar`.
#[inline(always)]
pub(crate) fn hex_octets(windows: [u32; 8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    // SAFETY: SSE2 is part of the x86_64 baseline; the loads read the 32 bytes of `windows`
    // and the store writes the 16 bytes of `out`, through the unaligned
    // _mm_loadu_si128/_mm_storeu_si128.
    unsafe {
        let digits = |w: __m128i| {
            // The low nibble, plus 9 for letters (bit 6 set); a zero byte stays zero.
            let letter = _mm_and_si128(_mm_srli_epi16::<6>(w), _mm_set1_epi8(1));
            let nibble = _mm_and_si128(w, _mm_set1_epi8(0x0f));
            let d = _mm_add_epi8(nibble, _mm_add_epi8(letter, _mm_slli_epi16::<3>(letter)));
            // Each 16-bit lane holds two digits, the first in its low byte: high << 4 | low.
            _mm_or_si128(
                _mm_and_si128(_mm_slli_epi16::<4>(d), _mm_set1_epi16(0xf0)),
                _mm_srli_epi16::<8>(d),
            )
        };
        let lo = digits(_mm_loadu_si128(windows.as_ptr().cast()));
        let hi = digits(_mm_loadu_si128(windows.as_ptr().add(4).cast()));
        _mm_storeu_si128(out.as_mut_ptr().cast(), _mm_packus_epi16(lo, hi));
    }
    out
}

//! The SSSE3 parser kernels (x86_64), behind a cached run-time CPU check ([`Ssse3::detect`]).
//!
//! Both take the input already loaded into a `u128` (bytes past the end are zero; the safe
//! [`ascii::load16`](crate::ascii::load16) does that), so nothing here touches memory the
//! caller did not hand over: the `unsafe` is only the `#[target_feature]` call and the
//! intrinsics. Each returns `None` for anything that is not its one exact form; the caller then
//! runs the scalar grammar, which also finds the error.
//!
//! Method (after Muła and Lemire): compare masks find the digits and separators of all 16
//! bytes at once; the separator positions give the part lengths (for the dotted quad: a perfect
//! hash of the dot mask and the length picks one of the 81 shapes, and one compare checks it);
//! the lengths pick a `pshufb` pattern from a table that lines the digits up by place value; `pmaddubsw` multiplies by the place values and adds, and a compare checks the
//! range. No branch depends on the digits.

use std::arch::x86_64::*;

/// Proof that the CPU has SSSE3 (`pshufb`, `pmaddubsw`): only [`Ssse3::detect`] makes one.
#[derive(Clone, Copy)]
pub(crate) struct Ssse3(());

impl Ssse3 {
    /// `Some` when the CPU has SSSE3. std caches the CPUID answer in an atomic, so this is a
    /// load and a bit test.
    #[inline]
    pub(crate) fn detect() -> Option<Ssse3> {
        if is_x86_feature_detected!("ssse3") {
            Some(Ssse3(()))
        } else {
            None
        }
    }

    /// The strict dotted quad (`inet_pton4`): `text` holds the `n` input bytes, zero after.
    /// `Some(address)` (host-order `u32`) exactly when the input is four decimal parts of one to
    /// three digits, no leading zero, each at most 255, separated by `.`, and nothing else.
    #[inline]
    pub(crate) fn quad(self, text: u128, n: usize) -> Option<u32> {
        // SAFETY: an `Ssse3` exists only if the CPU has SSSE3 (see `detect`), which is all
        // quad_ssse3's target_feature needs; it reads no memory but its own statics.
        unsafe { quad_ssse3(text, n) }
    }
}

#[inline(always)]
pub(crate) fn vector(text: u128) -> __m128i {
    // SAFETY: SSE2 is part of the x86_64 baseline; _mm_set_epi64x only builds a register.
    unsafe { _mm_set_epi64x((text >> 64) as i64, text as i64) }
}

/// The multiplier of the perfect hash of a dotted quad's shape: `key * QUAD_MAGIC >> 24` maps
/// the 81 keys (`dots | 1 << len`, one per mix of part lengths) to distinct slots of
/// [`QUAD_SLOT`] (found by search; the table's construction asserts there is no collision).
const QUAD_MAGIC: u32 = 0xe07b_db9f;

/// The shape of every mix of part lengths (1 to 3 each), indexed by
/// `(l0 - 1) * 27 + (l1 - 1) * 9 + (l2 - 1) * 3 + (l3 - 1)`; index 81 is "no such shape".
struct QuadShapes {
    /// For each hash slot, the index of the shape that hashes there, or 81.
    slot: [u8; 256],
    /// The key of each shape: its dot positions and its length, as bits (0 for index 81,
    /// which no input matches: every key has its length bit set).
    key: [u16; 82],
    /// The `pshufb` pattern of each shape: the tens and ones digits of part k go to bytes 2k
    /// and 2k + 1, the hundreds digit to byte 8 + 2k (0x80, a zero byte, where a part is
    /// shorter).
    shuffle: [[u8; 16]; 82],
}

static QUAD: QuadShapes = {
    let mut q = QuadShapes { slot: [81; 256], key: [0; 82], shuffle: [[0x80; 16]; 82] };
    let mut idx = 0;
    while idx < 81 {
        let lens = [idx / 27 % 3 + 1, idx / 9 % 3 + 1, idx / 3 % 3 + 1, idx % 3 + 1];
        let mut start = 0;
        let mut key = 0u32;
        let mut k = 0;
        while k < 4 {
            let end = start + lens[k];
            q.shuffle[idx][2 * k + 1] = (end - 1) as u8;
            if lens[k] >= 2 {
                q.shuffle[idx][2 * k] = (end - 2) as u8;
            }
            if lens[k] == 3 {
                q.shuffle[idx][8 + 2 * k] = (end - 3) as u8;
            }
            key |= 1 << end; // a dot after parts 0..3, the end of the input after part 3
            start = end + 1;
            k += 1;
        }
        q.key[idx] = key as u16;
        let slot = (key.wrapping_mul(QUAD_MAGIC) >> 24) as usize;
        assert!(q.slot[slot] == 81, "QUAD_MAGIC is not a perfect hash");
        q.slot[slot] = idx as u8;
        idx += 1;
    }
    q
};

/// The place values for `pmaddubsw` after a shape's shuffle: (10, 1) for the tens and ones
/// pairs, (100, 0) for the hundreds.
static QUAD_WEIGHTS: [i8; 16] = [10, 1, 10, 1, 10, 1, 10, 1, 100, 0, 100, 0, 100, 0, 100, 0];

#[target_feature(enable = "ssse3")]
unsafe fn quad_ssse3(text: u128, n: usize) -> Option<u32> {
    if !(7..=15).contains(&n) {
        return None;
    }
    let v = vector(text);
    // SAFETY: SSE2/SSSE3 intrinsics on registers (the CPU has SSSE3: the
    // caller's `Ssse3` proves it); the two loads read 16-byte statics through
    // _mm_loadu_si128, which has no alignment requirement.
    unsafe {
        let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let digit = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
        let digits = _mm_movemask_epi8(digit) as u32;
        let dots = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8))) as u32;
        let zeros = _mm_movemask_epi8(_mm_cmpeq_epi8(t, _mm_setzero_si128())) as u32;
        // The shape: which dot positions, and where the input ends. Only the 81 shapes of a
        // dotted quad (parts of 1 to 3 bytes) are in the table.
        let key = dots | 1 << n;
        let idx = usize::from(QUAD.slot[(key.wrapping_mul(QUAD_MAGIC) >> 24) as usize]);
        let (shape_key, pattern) = (*QUAD.key.get(idx)?, QUAD.shuffle.get(idx)?);
        // The shape, only digits and dots, and no part that starts with a 0 followed by a
        // digit.
        let only = (digits | dots) == (1u32 << n) - 1;
        let lead_zero = zeros & (dots << 1 | 1) & (digits >> 1);
        if !((key == u32::from(shape_key)) & only & (lead_zero == 0)) {
            return None;
        }
        let x = _mm_shuffle_epi8(t, _mm_loadu_si128(pattern.as_ptr().cast()));
        let m = _mm_maddubs_epi16(x, _mm_loadu_si128(QUAD_WEIGHTS.as_ptr().cast()));
        let sum = _mm_add_epi16(m, _mm_srli_si128::<8>(m));
        let big = _mm_movemask_epi8(_mm_cmpgt_epi16(sum, _mm_set1_epi16(255))) & 0xff;
        if big != 0 {
            return None;
        }
        let octets = _mm_cvtsi128_si32(_mm_packus_epi16(sum, sum)) as u32;
        Some(octets.swap_bytes())
    }
}

/// The four lowercase hex digits of each of the eight groups of an IPv6 address (`octets` in
/// network order), leading zeros included, the first digit in each `u32`'s low byte. SSE2 only
/// (the x86_64 baseline), so no CPU check. Its scalar twin is `inet::group_hex`.
#[inline]
pub(crate) fn hex_groups(octets: [u8; 16]) -> [u32; 8] {
    let mut out = [0u32; 8];
    // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes
    // of `octets` and the two stores write the 32 bytes of `out`, through the unaligned
    // _mm_loadu_si128/_mm_storeu_si128.
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
        let first = ascii(_mm_unpacklo_epi8(hi, lo));
        let second = ascii(_mm_unpackhi_epi8(hi, lo));
        _mm_storeu_si128(out.as_mut_ptr().cast(), first);
        _mm_storeu_si128(out.as_mut_ptr().add(4).cast(), second);
    }
    out.map(u32::from_le)
}

//! The audited SIMD kernels of the Internet checksum. x86_64: SSE2 (baseline on x86_64) and
//! AVX2 (detected at run time; std caches the answer in an atomic), for buffers of 128 bytes
//! or more. aarch64 (little-endian): a NEON kernel (NEON is part of every aarch64 target's
//! baseline, so it needs no detection) for the same lengths. Shorter buffers take the scalar
//! add-with-carry path in `checksum.rs` on every target.
//!
//! This is the one file of `wire/` allowed `unsafe` (see DESIGN.md): calling
//! `#[target_feature]` functions and unaligned loads. Its scalar twin is
//! `checksum::scalar_acc`; tests/wire.rs checks that both give the same sum for every length
//! 0..=2048 and every start offset 0..8 (and on buffers past the lane flushes). Under Miri the
//! checksum takes the scalar path only.
//!
//! Method: each 16-byte (SSE2) or 32-byte (AVX2) load is split into its low and high 16-bit
//! halves of every 32-bit lane (`and` with 0xffff, shift right by 16), added into 32-bit lane
//! accumulators. A lane grows by less than 2^16 per load, so at most 65 535 loads go into a lane
//! before the lanes are added into a `u64`.
// The audited exception to wire/'s forbid(unsafe_code); every block says why it is sound.
#![allow(unsafe_code)]
// Most intrinsics are safe to call from Rust 1.87 on (inside a matching target_feature) but are
// `unsafe fn`s on the 1.77 MSRV: the unsafe blocks around them are needed there and "unused"
// here.
#![allow(unused_unsafe)]

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use super::checksum::scalar_acc;

/// Loads per accumulator lane before the lanes are flushed into the `u64`.
#[cfg(target_arch = "x86_64")]
const BLOCK_LOADS: usize = 65_535;

/// The native-endian 16-bit word sum of `data`, not folded: AVX2 when the CPU has it, else
/// SSE2.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn sum(data: &[u8]) -> u64 {
    if avx2() {
        // SAFETY: the CPU supports AVX2 (checked by `avx2`), the only requirement of
        // sum_avx2's target_feature.
        unsafe { sum_avx2(data) }
    } else {
        sum_sse2(data)
    }
}

/// Whether the CPU has AVX2 and `BERKELEY_BASELINE_CPU` is not set (see `crate::simd`); the
/// answer is cached (0 not asked yet, 1 yes, 2 no).
#[cfg(target_arch = "x86_64")]
#[inline]
fn avx2() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static AVX2: AtomicU8 = AtomicU8::new(0);
    match AVX2.load(Ordering::Relaxed) {
        0 => {
            let yes = is_x86_feature_detected!("avx2") && !crate::simd::baseline_cpu();
            AVX2.store(if yes { 1 } else { 2 }, Ordering::Relaxed);
            yes
        }
        v => v == 1,
    }
}

/// The SSE2 kernel (SSE2 is part of the x86_64 baseline, so this needs no detection).
#[cfg(target_arch = "x86_64")]
#[doc(hidden)]
pub fn sum_sse2(data: &[u8]) -> u64 {
    let mut total = 0u64;
    let mut blocks = data.chunks_exact(64);
    for block in data.chunks(64 * (BLOCK_LOADS / 2)).map(|b| b.len()) {
        // Each outer block gives every lane at most BLOCK_LOADS - 1 loads.
        let n = block / 64;
        // SAFETY: SSE2 is part of the x86_64 baseline; `blocks` yields 64-byte chunks, so the
        // four unaligned 16-byte loads (offsets 0, 16, 32, 48) are in bounds, and
        // _mm_loadu_si128 has no alignment requirement.
        total += unsafe {
            let mask = _mm_set1_epi32(0xffff);
            let (mut lo0, mut hi0) = (_mm_setzero_si128(), _mm_setzero_si128());
            let (mut lo1, mut hi1) = (_mm_setzero_si128(), _mm_setzero_si128());
            for b in blocks.by_ref().take(n) {
                let p = b.as_ptr().cast::<__m128i>();
                let v0 = _mm_loadu_si128(p);
                let v1 = _mm_loadu_si128(p.add(1));
                let v2 = _mm_loadu_si128(p.add(2));
                let v3 = _mm_loadu_si128(p.add(3));
                lo0 = _mm_add_epi32(lo0, _mm_and_si128(v0, mask));
                hi0 = _mm_add_epi32(hi0, _mm_srli_epi32(v0, 16));
                lo1 = _mm_add_epi32(lo1, _mm_and_si128(v1, mask));
                hi1 = _mm_add_epi32(hi1, _mm_srli_epi32(v1, 16));
                lo0 = _mm_add_epi32(lo0, _mm_and_si128(v2, mask));
                hi0 = _mm_add_epi32(hi0, _mm_srli_epi32(v2, 16));
                lo1 = _mm_add_epi32(lo1, _mm_and_si128(v3, mask));
                hi1 = _mm_add_epi32(hi1, _mm_srli_epi32(v3, 16));
            }
            lanes128(lo0) + lanes128(hi0) + lanes128(lo1) + lanes128(hi1)
        };
    }
    total + scalar_acc(blocks.remainder())
}

/// The AVX2 kernel.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[doc(hidden)]
#[target_feature(enable = "avx2")]
pub unsafe fn sum_avx2(data: &[u8]) -> u64 {
    let mut total = 0u64;
    // Each piece gives every lane at most (BLOCK_LOADS - 3) loads in the 128-byte loop and 3 more
    // in the 32-byte tail loop (only the last piece has a tail).
    for piece in data.chunks(128 * (BLOCK_LOADS - 3)) {
        let mut blocks = piece.chunks_exact(128);
        // `blocks` yields 128-byte chunks: the four 32-byte loads (offsets 0..96) are in bounds;
        // the tail loop loads 32 bytes only while `rest` has at least 32.
        // SAFETY: AVX2 is enabled (the caller's promise); loads in bounds, loadu needs no alignment.
        let (sum, rest) = unsafe {
            let mask = _mm256_set1_epi32(0xffff);
            let (mut lo0, mut hi0) = (_mm256_setzero_si256(), _mm256_setzero_si256());
            let (mut lo1, mut hi1) = (_mm256_setzero_si256(), _mm256_setzero_si256());
            let (mut lo2, mut hi2) = (_mm256_setzero_si256(), _mm256_setzero_si256());
            let (mut lo3, mut hi3) = (_mm256_setzero_si256(), _mm256_setzero_si256());
            for b in &mut blocks {
                let p = b.as_ptr().cast::<__m256i>();
                let v0 = _mm256_loadu_si256(p);
                let v1 = _mm256_loadu_si256(p.add(1));
                let v2 = _mm256_loadu_si256(p.add(2));
                let v3 = _mm256_loadu_si256(p.add(3));
                lo0 = _mm256_add_epi32(lo0, _mm256_and_si256(v0, mask));
                hi0 = _mm256_add_epi32(hi0, _mm256_srli_epi32(v0, 16));
                lo1 = _mm256_add_epi32(lo1, _mm256_and_si256(v1, mask));
                hi1 = _mm256_add_epi32(hi1, _mm256_srli_epi32(v1, 16));
                lo2 = _mm256_add_epi32(lo2, _mm256_and_si256(v2, mask));
                hi2 = _mm256_add_epi32(hi2, _mm256_srli_epi32(v2, 16));
                lo3 = _mm256_add_epi32(lo3, _mm256_and_si256(v3, mask));
                hi3 = _mm256_add_epi32(hi3, _mm256_srli_epi32(v3, 16));
            }
            let mut rest = blocks.remainder();
            while rest.len() >= 32 {
                let v = _mm256_loadu_si256(rest.as_ptr().cast::<__m256i>());
                lo0 = _mm256_add_epi32(lo0, _mm256_and_si256(v, mask));
                hi0 = _mm256_add_epi32(hi0, _mm256_srli_epi32(v, 16));
                rest = &rest[32..];
            }
            // Add the lane accumulators pairwise as 64-bit lanes before the one horizontal sum.
            let wide = |v: __m256i| {
                let z = _mm256_setzero_si256();
                _mm256_add_epi64(_mm256_unpacklo_epi32(v, z), _mm256_unpackhi_epi32(v, z))
            };
            let s = _mm256_add_epi64(
                _mm256_add_epi64(
                    _mm256_add_epi64(wide(lo0), wide(hi0)),
                    _mm256_add_epi64(wide(lo1), wide(hi1)),
                ),
                _mm256_add_epi64(
                    _mm256_add_epi64(wide(lo2), wide(hi2)),
                    _mm256_add_epi64(wide(lo3), wide(hi3)),
                ),
            );
            (lanes256_64(s), rest)
        };
        total += sum + scalar_acc(rest);
    }
    total
}

/// The sum of the four 32-bit lanes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn lanes128(v: __m128i) -> u64 {
    let mut out = [0u32; 4];
    // SAFETY: `out` is 16 writable bytes; _mm_storeu_si128 has no alignment requirement.
    unsafe { _mm_storeu_si128(out.as_mut_ptr().cast::<__m128i>(), v) };
    out.iter().map(|&x| u64::from(x)).sum()
}

/// The sum of the four 64-bit lanes.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn lanes256_64(v: __m256i) -> u64 {
    let mut out = [0u64; 4];
    // SAFETY: `out` is 32 writable bytes; _mm256_storeu_si256 has no alignment requirement.
    unsafe { _mm256_storeu_si256(out.as_mut_ptr().cast::<__m256i>(), v) };
    out.iter().sum()
}

/// The NEON kernel (aarch64, little-endian): the native-endian 16-bit word sum of `data`, not
/// folded. Each 16-byte load is added into 32-bit lanes by `vpadalq_u16` (pairwise add and
/// accumulate long: each lane gains less than 2^17 per load), four accumulators for four
/// independent dependency chains; the lanes are widened to 64 bits and added once per piece.
/// The last 0..=15 bytes take the scalar loop.
#[cfg(all(target_arch = "aarch64", target_endian = "little"))]
#[doc(hidden)]
pub fn sum_neon(data: &[u8]) -> u64 {
    use std::arch::aarch64::*;
    // A piece gives each accumulator at most PIECE_BLOCKS + 3 loads (the last three from the
    // 16-byte tail loop, into the first accumulator): (2^32 - 1) / (2 * 0xffff) = 32768 loads fit
    // in a 32-bit lane.
    const PIECE_BLOCKS: usize = 32_000;
    let mut total = 0u64;
    for piece in data.chunks(64 * PIECE_BLOCKS) {
        let mut blocks = piece.chunks_exact(64);
        // SAFETY: NEON is aarch64 baseline; `blocks` yields 64-byte chunks, so the 16-byte loads
        // at 0, 16, 32, 48 are in bounds; the tail loads 16 only while `rest` holds 16 or more;
        // vld1q_u8 reads bytes (no alignment requirement).
        let (sum, rest) = unsafe {
            let (mut a0, mut a1) = (vdupq_n_u32(0), vdupq_n_u32(0));
            let (mut a2, mut a3) = (vdupq_n_u32(0), vdupq_n_u32(0));
            for b in &mut blocks {
                let p = b.as_ptr();
                a0 = vpadalq_u16(a0, vreinterpretq_u16_u8(vld1q_u8(p)));
                a1 = vpadalq_u16(a1, vreinterpretq_u16_u8(vld1q_u8(p.add(16))));
                a2 = vpadalq_u16(a2, vreinterpretq_u16_u8(vld1q_u8(p.add(32))));
                a3 = vpadalq_u16(a3, vreinterpretq_u16_u8(vld1q_u8(p.add(48))));
            }
            let mut rest = blocks.remainder();
            while rest.len() >= 16 {
                a0 = vpadalq_u16(a0, vreinterpretq_u16_u8(vld1q_u8(rest.as_ptr())));
                rest = &rest[16..];
            }
            // Widen each accumulator's lanes to 64 bits before adding them together.
            let s = vaddq_u64(
                vaddq_u64(vpaddlq_u32(a0), vpaddlq_u32(a1)),
                vaddq_u64(vpaddlq_u32(a2), vpaddlq_u32(a3)),
            );
            (vgetq_lane_u64::<0>(s) + vgetq_lane_u64::<1>(s), rest)
        };
        total += sum + scalar_acc(rest);
    }
    total
}

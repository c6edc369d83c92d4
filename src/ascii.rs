//! ASCII tables shared by the text parsers ([`inet`](crate::inet), [`ether`](crate::ether)).
#![forbid(unsafe_code)]

/// Not a hex digit, in [`HEX_VALUE`].
pub(crate) const NOT_HEX: u8 = 0xff;

/// Each byte's value as a hex digit (`[0-9a-fA-F]`), or [`NOT_HEX`].
pub(crate) static HEX_VALUE: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// `s` (4 to 16 bytes) as a little-endian `u128`, zero past its end, for the SIMD parsers: two
/// overlapping word loads (the overlap holds the same bytes in both) instead of a
/// variable-length copy. `None` for shorter or longer input.
// Only the x86_64 kernels use it (elsewhere and under Miri the parsers are scalar); its unit
// test runs everywhere.
#[cfg_attr(not(all(target_arch = "x86_64", not(miri))), allow(dead_code))]
#[inline]
pub(crate) fn load16(s: &[u8]) -> Option<u128> {
    let n = s.len();
    if let (Some(lo), Some(hi)) = (s.first_chunk::<8>(), s.last_chunk::<8>()) {
        if n > 16 {
            return None;
        }
        let (lo, hi) = (u64::from_le_bytes(*lo), u64::from_le_bytes(*hi));
        Some(u128::from(lo) | u128::from(hi) << (8 * (n - 8)))
    } else if let (Some(lo), Some(hi)) = (s.first_chunk::<4>(), s.last_chunk::<4>()) {
        let (lo, hi) = (u32::from_le_bytes(*lo), u32::from_le_bytes(*hi));
        Some(u128::from(u64::from(lo) | u64::from(hi) << (8 * (n - 4))))
    } else {
        None
    }
}

/// What the IPv6 fast path needs to know about a text of at most [`HexScan::MAX`] bytes: one bit
/// per byte (bit `p` for byte `p`) for the hex digits, the colons and the dots; the scan also
/// copies the text into a [`PaddedText`]. Built by the
/// SSE2 scan (`simd::x86::hex_scan`) or its scalar twin (`inet::hex_scan_scalar`).
#[derive(Clone, Copy)]
pub(crate) struct HexScan {
    pub(crate) hex: u64,
    pub(crate) colon: u64,
    pub(crate) dot: u64,
}

impl HexScan {
    /// The longest text the scan takes (every valid IPv6 text is at most 45 bytes).
    pub(crate) const MAX: usize = 48;
}

/// The text copy the scans fill: four zero bytes, the text, zeros (68 bytes, so that the four
/// bytes ending at any position `p & 63` can be read without a bounds check).
pub(crate) type PaddedText = [u8; 68];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load16_is_the_bytes_then_zeros() {
        let src: Vec<u8> = (1..=20).collect();
        for n in 0..=20 {
            let want = (4..=16).contains(&n).then(|| {
                let mut b = [0u8; 16];
                b[..n].copy_from_slice(&src[..n]);
                u128::from_le_bytes(b)
            });
            assert_eq!(load16(&src[..n]), want, "length {n}");
        }
    }

    #[test]
    fn hex_value_matches_to_digit() {
        for b in 0..=255u8 {
            let want = char::from(b).to_digit(16).map_or(NOT_HEX, |d| d as u8);
            assert_eq!(HEX_VALUE[usize::from(b)], want, "byte {b:#04x}");
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_value_matches_to_digit() {
        for b in 0..=255u8 {
            let want = char::from(b).to_digit(16).map_or(NOT_HEX, |d| d as u8);
            assert_eq!(HEX_VALUE[usize::from(b)], want, "byte {b:#04x}");
        }
    }
}

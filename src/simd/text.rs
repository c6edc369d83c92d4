//! [`AsciiBuf`]: a stack buffer of ASCII text whose `&str` view is free.

/// `N` bytes whose first `len` are the text. Every byte of `buf` is ASCII: [`AsciiBuf::new`]
/// checks it (an OR over the buffer's 8-byte words and one test), which is what makes
/// [`AsciiBuf::as_str`] sound without a UTF-8 validation per call.
#[derive(Clone, Copy)]
pub(crate) struct AsciiBuf<const N: usize> {
    buf: [u8; N],
    len: u8,
}

impl<const N: usize> AsciiBuf<N> {
    /// The text `buf[..len]`. The formatters only ever write ASCII (digits, hex letters, `.`,
    /// `:`), so the check cannot fail; if a bug ever made one write anything else, this panics
    /// rather than hand out an invalid `&str`.
    #[inline]
    pub(crate) fn new(buf: [u8; N], len: usize) -> AsciiBuf<N> {
        // Long buffers (InetNtop's) 16 bytes at a time on x86_64; for short ones the word loop
        // below is as quick.
        #[cfg(all(target_arch = "x86_64", not(miri)))]
        if let Some(ascii) = super::x86::is_ascii(&buf).filter(|_| N > 32) {
            assert!(ascii && len <= N && len <= usize::from(u8::MAX), "formatter bug: not ASCII");
            return AsciiBuf { buf, len: len as u8 };
        }
        // Eight bytes at a time: a handful of loads and ORs for these 16- to 46-byte buffers.
        let mut words = buf.chunks_exact(8);
        let mut all = 0u64;
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            all |= u64::from_ne_bytes(b);
        }
        for &b in words.remainder() {
            all |= u64::from(b);
        }
        let ascii = all & 0x8080_8080_8080_8080 == 0;
        assert!(ascii && len <= N && len <= usize::from(u8::MAX), "formatter bug: not ASCII");
        AsciiBuf { buf, len: len as u8 }
    }

    /// The text when the formatter wrote it right-aligned: the `len` bytes before `buf[end]`
    /// (empty if `end` is not in `0..=N` or `len` is more than `end`). Free: no validation.
    #[inline]
    pub(crate) fn as_str_before(&self, end: usize) -> &str {
        let bytes = end
            .checked_sub(usize::from(self.len))
            .and_then(|start| self.buf.get(start..end))
            .unwrap_or(&[]);
        // SAFETY: `new` checked that every byte of `buf` is ASCII (below 0x80), and `buf` is
        // never changed after; ASCII bytes are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The text, free: no validation.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        let bytes = &self.buf[..usize::from(self.len)];
        // SAFETY: `new` checked that every byte of `buf` is ASCII (below 0x80), and `buf` is
        // never changed after; ASCII bytes are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

#[cfg(test)]
mod tests {
    use super::AsciiBuf;

    #[test]
    fn as_str_is_the_prefix() {
        let b = AsciiBuf::new(*b"10.0.0.1\0\0\0\0\0\0\0\0", 8);
        assert_eq!(b.as_str(), "10.0.0.1");
        assert_eq!(AsciiBuf::new([b'x'; 4], 0).as_str(), "");
        assert_eq!(AsciiBuf::new([b'x'; 4], 4).as_str(), "xxxx");
    }

    #[test]
    #[should_panic(expected = "not ASCII")]
    fn non_ascii_is_refused() {
        // A UTF-8 lead byte anywhere in the buffer, even past `len`, is refused.
        let mut buf = [b'a'; 16];
        buf[15] = 0xc3;
        let _ = AsciiBuf::new(buf, 2);
    }

    #[test]
    fn as_str_before_is_the_right_aligned_text() {
        let b = AsciiBuf::new(*b"xx10.0.0.1yyyyyy", 8);
        assert_eq!(b.as_str_before(10), "10.0.0.1");
        assert_eq!(b.as_str_before(16), ".1yyyyyy");
        assert_eq!(b.as_str_before(7), "");
        assert_eq!(b.as_str_before(17), "");
    }

    #[test]
    fn non_ascii_anywhere_in_a_long_buffer_is_refused() {
        // 47 bytes (InetNtop's): the 16-byte path on x86_64, its last chunk overlapping.
        assert_eq!(AsciiBuf::new([b'a'; 47], 47).as_str().len(), 47);
        for at in 0..47 {
            let mut buf = [b'a'; 47];
            buf[at] = 0x80;
            let refused = std::panic::catch_unwind(|| AsciiBuf::new(buf, 1)).is_err();
            assert!(refused, "a non-ASCII byte at {at} was not refused");
        }
    }

    #[test]
    #[should_panic(expected = "not ASCII")]
    fn len_past_the_buffer_is_refused() {
        let _ = AsciiBuf::new([b'a'; 4], 5);
    }
}

//! [`AsciiBuf`]: a stack buffer of ASCII text whose `&str` view is free.

/// `N` bytes whose first `len` are the text. Every byte of `buf` is ASCII — [`AsciiBuf::new`]
/// checks it (an OR over the buffer's 8-byte words and one test); [`AsciiBuf::zeroed`] starts
/// from NULs and its writes clear every byte's top bit — which is what makes
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

    /// `N` NUL bytes and no text: the start of a text written in place with
    /// [`put_word`](Self::put_word) and [`put_bytes`](Self::put_bytes). NUL is ASCII, and
    /// those writes clear every byte's top bit, so the buffer is ASCII at every step and needs
    /// no check when the writer is done — nor a load of the bytes it just stored, which on x86
    /// cannot be forwarded from several narrower stores and waits for them to reach the cache.
    #[inline]
    pub(crate) fn zeroed() -> AsciiBuf<N> {
        AsciiBuf { buf: [0; N], len: 0 }
    }

    /// Stores `word`'s 8 bytes (little-endian) at `at..at + 8`, each with its top bit cleared
    /// (a formatter only ever computes ASCII there; the mask is what makes that not matter to
    /// soundness). Nothing is stored where 8 bytes do not fit.
    #[inline]
    pub(crate) fn put_word(&mut self, at: usize, word: u64) {
        if let Some(dst) = self.buf.get_mut(at..at.wrapping_add(8)) {
            dst.copy_from_slice(&(word & 0x7f7f_7f7f_7f7f_7f7f).to_le_bytes());
        }
    }

    /// Stores `bytes` at `at..`, each with its top bit cleared, as many as fit.
    #[inline]
    pub(crate) fn put_bytes(&mut self, at: usize, bytes: &[u8]) {
        let dst = self.buf.get_mut(at..).unwrap_or_default();
        for (d, &b) in dst.iter_mut().zip(bytes) {
            *d = b & 0x7f;
        }
    }

    /// Sets the text's length (at most `N` and 255).
    #[inline]
    pub(crate) fn set_len(&mut self, len: usize) {
        self.len = len.min(N).min(usize::from(u8::MAX)) as u8;
    }

    /// The text when the formatter wrote it right-aligned: the `len` bytes before `buf[end]`
    /// (empty if `end` is not in `0..=N` or `len` is more than `end`). Free: no validation.
    #[inline]
    pub(crate) fn as_str_before(&self, end: usize) -> &str {
        let bytes = end
            .checked_sub(usize::from(self.len))
            .and_then(|start| self.buf.get(start..end))
            .unwrap_or(&[]);
        // SAFETY: every byte of `buf` is ASCII (below 0x80): `new` checked it, or `zeroed`
        // made it NUL and `put_word`/`put_bytes`, the only writes after, clear each byte's
        // top bit; ASCII bytes are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The text, free: no validation.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        let bytes = &self.buf[..usize::from(self.len)];
        // SAFETY: every byte of `buf` is ASCII (below 0x80): `new` checked it, or `zeroed`
        // made it NUL and `put_word`/`put_bytes`, the only writes after, clear each byte's
        // top bit; ASCII bytes are valid UTF-8.
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
        // 47 bytes: six whole words and a remainder of five.
        assert_eq!(AsciiBuf::new([b'a'; 47], 47).as_str().len(), 47);
        for at in 0..47 {
            let mut buf = [b'a'; 47];
            buf[at] = 0x80;
            let refused = std::panic::catch_unwind(|| AsciiBuf::new(buf, 1)).is_err();
            assert!(refused, "a non-ASCII byte at {at} was not refused");
        }
    }

    #[test]
    fn in_place_writes_stay_ascii() {
        let mut b = AsciiBuf::<16>::zeroed();
        assert_eq!(b.as_str(), "");
        b.put_word(0, u64::from_le_bytes(*b"fe80::1:"));
        b.put_bytes(8, b"ab");
        b.set_len(10);
        assert_eq!(b.as_str(), "fe80::1:ab");
        // Top bits are cleared, not stored: 0xc3 0xa9 ("é") becomes 'C' ')'.
        b.put_word(8, u64::from_le_bytes([0xc3, 0xa9, b'x', b'y', 0x80, 0xff, b'z', b'!']));
        b.set_len(16);
        assert_eq!(b.as_str(), "fe80::1:C)xy\0\x7fz!");
        // Writes that do not fit store nothing (put_word) or what fits (put_bytes); the
        // length is clamped to the buffer.
        b.put_word(9, u64::MAX);
        b.put_word(usize::MAX - 3, u64::MAX);
        b.put_bytes(15, b"??");
        b.put_bytes(99, b"??");
        b.set_len(99);
        assert_eq!(b.as_str(), "fe80::1:C)xy\0\x7fz?");
    }

    #[test]
    #[should_panic(expected = "not ASCII")]
    fn len_past_the_buffer_is_refused() {
        let _ = AsciiBuf::new([b'a'; 4], 5);
    }
}

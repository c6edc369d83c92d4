//! The platform's `struct cmsghdr` layout and a bounds-checked walk over control bytes.
//!
//! Pure safe code over `&[u8]`: every read is a checked slice access, so arbitrary bytes (the
//! fuzz target feeds them) never panic and never read out of bounds.
#![forbid(unsafe_code)]

use crate::error::{Error, Result};

/// Bytes of `cmsg_len`: `size_t` on Linux (the kernel's own type, whatever the libc says) and
/// Windows (`SIZE_T`), `socklen_t` on the BSDs and Apple systems.
#[cfg(any(target_os = "linux", target_os = "android", windows))]
pub(crate) const LEN_SIZE: usize = std::mem::size_of::<usize>();
#[cfg(not(any(target_os = "linux", target_os = "android", windows)))]
pub(crate) const LEN_SIZE: usize = 4;

/// `CMSG_ALIGN`'s unit: 4 bytes on Apple systems (`__DARWIN_ALIGN32`), the pointer size
/// elsewhere (`sizeof(long)`; Windows: `TYPE_ALIGNMENT(WSACMSGHDR)`).
#[cfg(target_vendor = "apple")]
pub(crate) const ALIGN: usize = 4;
#[cfg(not(target_vendor = "apple"))]
pub(crate) const ALIGN: usize = std::mem::size_of::<usize>();

/// `CMSG_ALIGN(n)`: rounds up to the alignment unit.
#[inline]
pub(crate) const fn align(n: usize) -> usize {
    (n + ALIGN - 1) & !(ALIGN - 1)
}

/// `CMSG_LEN(0)`: where the data starts after a header (`cmsg_len`, `cmsg_level`, `cmsg_type`).
pub(crate) const HDR: usize = align(LEN_SIZE + 8);

// The header mirrors the platform's `struct cmsghdr`, and `CMSG_DATA` starts where ours does.
#[cfg(unix)]
const _: () = assert!(align(std::mem::size_of::<libc::cmsghdr>()) == HDR);
#[cfg(unix)]
const _: () = assert!(std::mem::align_of::<libc::cmsghdr>() <= 8);
#[cfg(windows)]
const _: () =
    assert!(align(std::mem::size_of::<windows_sys::Win32::Networking::WinSock::CMSGHDR>()) == HDR);

/// `CMSG_SPACE(n)`.
#[inline]
pub(crate) const fn space(n: usize) -> usize {
    HDR + align(n)
}

/// `CMSG_LEN(n)`.
#[inline]
pub(crate) const fn cmsg_len(n: usize) -> usize {
    HDR + n
}

/// Writes one control message header for `data_len` data bytes at the start of `out`, zeroing
/// the data and padding; returns `CMSG_SPACE(data_len)`. `out` must hold that many bytes (the
/// caller sized it).
pub(crate) fn put_header(out: &mut [u8], level: i32, ty: i32, data_len: usize) -> usize {
    let total = space(data_len);
    let out = &mut out[..total];
    out.fill(0);
    let len = cmsg_len(data_len);
    #[cfg(any(target_os = "linux", target_os = "android", windows))]
    out[..LEN_SIZE].copy_from_slice(&len.to_ne_bytes());
    #[cfg(not(any(target_os = "linux", target_os = "android", windows)))]
    out[..LEN_SIZE].copy_from_slice(&(len as u32).to_ne_bytes());
    out[LEN_SIZE..LEN_SIZE + 4].copy_from_slice(&level.to_ne_bytes());
    out[LEN_SIZE + 4..LEN_SIZE + 8].copy_from_slice(&ty.to_ne_bytes());
    total
}

/// [`put_header`] followed by the data.
pub(crate) fn put(out: &mut [u8], level: i32, ty: i32, data: &[u8]) -> usize {
    let total = put_header(out, level, ty, data.len());
    out[HDR..HDR + data.len()].copy_from_slice(data);
    total
}

/// One control message as the kernel laid it out: level, type and the data bytes
/// (`CMSG_DATA`, `cmsg_len - CMSG_LEN(0)` bytes long), borrowed from the control buffer.
///
/// ```
/// use berkeley::msg::{CmsgBuffer, RawCmsgs};
///
/// let cmsg = CmsgBuffer::new();
/// assert_eq!(RawCmsgs::new(cmsg.as_bytes()).count(), 0); // nothing received yet
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawCmsg<'a> {
    /// `cmsg_level`: `SOL_SOCKET`, `IPPROTO_IP`, `IPPROTO_IPV6`, ...
    pub level: i32,
    /// `cmsg_type`: `SCM_RIGHTS`, `IP_TTL`, ...
    pub type_: i32,
    /// The data bytes.
    pub data: &'a [u8],
}

/// A bounds-checked walk over control bytes (what `CMSG_FIRSTHDR`/`CMSG_NXTHDR` do in C),
/// yielding [`RawCmsg`]s.
///
/// Bytes too few to hold a header end the walk. A header whose `cmsg_len` is shorter than a
/// header, or runs past the end of the bytes, yields one
/// [`Error::InvalidInput`] and ends the walk. Never panics, whatever the bytes.
///
/// ```
/// use berkeley::msg::RawCmsgs;
///
/// // A header claiming 1000 bytes in a 16-byte buffer: an error, not a read past the end.
/// let mut bytes = [0u8; 16];
/// bytes[0] = 0xe8;
/// bytes[1] = 0x03;
/// let mut walk = RawCmsgs::new(&bytes);
/// assert!(walk.next().unwrap().is_err());
/// assert!(walk.next().is_none());
/// ```
#[derive(Debug, Clone)]
pub struct RawCmsgs<'a> {
    rest: &'a [u8],
}

impl<'a> RawCmsgs<'a> {
    /// Walks `bytes`, control data laid out as the platform's `recvmsg` writes it.
    ///
    /// ```
    /// use berkeley::msg::RawCmsgs;
    ///
    /// assert_eq!(RawCmsgs::new(&[]).count(), 0);
    /// ```
    pub fn new(bytes: &'a [u8]) -> RawCmsgs<'a> {
        RawCmsgs { rest: bytes }
    }
}

impl<'a> Iterator for RawCmsgs<'a> {
    type Item = Result<RawCmsg<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest;
        if rest.len() < HDR {
            self.rest = &[];
            return None;
        }
        let len = read_len(rest);
        let level = i32::from_ne_bytes(field(rest, LEN_SIZE));
        let type_ = i32::from_ne_bytes(field(rest, LEN_SIZE + 4));
        if len < HDR || len > rest.len() {
            self.rest = &[];
            return Some(Err(Error::InvalidInput {
                call: "recvmsg",
                what: "a control message's cmsg_len is shorter than its header or runs past \
                       the control data",
            }));
        }
        let data = &rest[HDR..len];
        self.rest = rest.get(align(len)..).unwrap_or(&[]);
        Some(Ok(RawCmsg { level, type_, data }))
    }
}

/// Four bytes at `at` (the caller checked `at + 4 <= bytes.len()`).
fn field(bytes: &[u8], at: usize) -> [u8; 4] {
    let mut f = [0u8; 4];
    f.copy_from_slice(&bytes[at..at + 4]);
    f
}

/// `cmsg_len` of the header at the start of `bytes` (at least `HDR` long).
fn read_len(bytes: &[u8]) -> usize {
    #[cfg(any(target_os = "linux", target_os = "android", windows))]
    {
        let mut f = [0u8; LEN_SIZE];
        f.copy_from_slice(&bytes[..LEN_SIZE]);
        usize::from_ne_bytes(f)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", windows)))]
    {
        u32::from_ne_bytes(field(bytes, 0)) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_then_walk() {
        let mut buf = vec![0xffu8; space(3) + space(4)];
        let a = put(&mut buf, 1, 2, b"abc");
        put(&mut buf[a..], 3, 4, &7i32.to_ne_bytes());
        let got: Vec<_> = RawCmsgs::new(&buf).map(|m| m.unwrap()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].level, got[0].type_, got[0].data), (1, 2, &b"abc"[..]));
        assert_eq!((got[1].level, got[1].type_, got[1].data), (3, 4, &7i32.to_ne_bytes()[..]));
    }

    #[test]
    fn short_len_is_an_error_not_a_loop() {
        let mut buf = vec![0u8; 64];
        put(&mut buf, 1, 1, &[]);
        buf[0] = 3; // cmsg_len 3 < header
        let mut w = RawCmsgs::new(&buf);
        assert!(w.next().unwrap().is_err());
        assert!(w.next().is_none());
    }

    #[test]
    fn last_message_without_padding_is_whole() {
        let mut buf = vec![0u8; space(1)];
        put(&mut buf, 0, 1, &[9]);
        let cut = &buf[..cmsg_len(1)];
        let got: Vec<_> = RawCmsgs::new(cut).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap().data, &[9]);
    }
}

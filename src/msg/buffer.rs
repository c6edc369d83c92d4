//! [`CmsgBuffer`]: the reusable control buffer of `recvmsg`, and the owner of received fds.

use std::fmt;
#[cfg(unix)]
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use super::layout::{space, RawCmsgs, ALIGN};
use super::recv::Cmsg;
use crate::error::Result;
#[cfg(unix)]
use crate::sys::c;

/// An owned, aligned control buffer for [`Socket::recvmsg`](crate::Socket::recvmsg)
/// (`msg_control`), reusable across calls: one allocation when it is made, none per call.
///
/// Size it with `CMSG_SPACE` semantics: [`space`](CmsgBuffer::space) of each message you
/// expect, summed, or [`for_fds`](CmsgBuffer::for_fds), or [`new`](CmsgBuffer::new) (one of
/// every fixed-size message). After a receive, [`messages`](CmsgBuffer::messages) decodes what
/// arrived; the next receive replaces it. A buffer too small for what arrived makes the kernel
/// drop what does not fit and set [`MsgFlags::CTRUNC`](crate::MsgFlags::CTRUNC).
///
/// The buffer owns the file descriptors received with `SCM_RIGHTS` until
/// [`messages`](CmsgBuffer::messages) hands them out; the ones never handed out are closed by
/// the next receive into it, [`clear`](CmsgBuffer::clear), or drop.
///
/// ```
/// use berkeley::msg::CmsgBuffer;
///
/// let mut cmsg = CmsgBuffer::with_capacity(CmsgBuffer::space(4) * 2); // two int messages
/// assert_eq!(cmsg.capacity(), CmsgBuffer::space(4) * 2);
/// assert!(cmsg.is_empty()); // nothing received yet
/// assert_eq!(cmsg.messages().count(), 0);
/// ```
#[doc(alias = "msg_control", alias = "cmsg_space")]
pub struct CmsgBuffer {
    /// `capacity + ALIGN` bytes; the control data starts at the first aligned one.
    buf: Vec<u8>,
    capacity: usize,
    /// How many control bytes the last receive wrote (`msg_controllen`).
    len: usize,
    /// The fds the last receive got, in message order, not yet handed out.
    #[cfg(unix)]
    fds: Vec<OwnedFd>,
}

impl CmsgBuffer {
    /// A buffer with room for one of every fixed-size message berkeley decodes at once (TTL,
    /// TOS, pktinfo, hop limit, IPv6 pktinfo, timestamp, an extended error with an IPv6
    /// offender, credentials, GRO size, packet auxdata): 336 bytes on 64-bit Linux, one
    /// allocation. For fds, use [`for_fds`](CmsgBuffer::for_fds) or add
    /// [`space`](CmsgBuffer::space) of them to a [`with_capacity`](CmsgBuffer::with_capacity).
    ///
    /// ```
    /// let cmsg = berkeley::msg::CmsgBuffer::new();
    /// assert!(cmsg.capacity() >= berkeley::msg::CmsgBuffer::space(16 + 28)); // IP_RECVERR
    /// # #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    /// assert_eq!(cmsg.capacity(), 336);
    /// ```
    pub fn new() -> CmsgBuffer {
        const FIXED: [usize; 10] = [4, 4, 12, 4, 20, 16, 16 + 28, 12, 4, 20];
        let mut total = 0;
        for n in FIXED {
            total += space(n);
        }
        CmsgBuffer::with_capacity(total)
    }

    /// A buffer of `bytes` control bytes (C: `char control[bytes]`, aligned for `struct
    /// cmsghdr`).
    ///
    /// ```
    /// let cmsg = berkeley::msg::CmsgBuffer::with_capacity(64);
    /// assert_eq!(cmsg.capacity(), 64);
    /// ```
    pub fn with_capacity(bytes: usize) -> CmsgBuffer {
        CmsgBuffer {
            buf: vec![0; bytes + ALIGN],
            capacity: bytes,
            len: 0,
            #[cfg(unix)]
            fds: Vec::new(),
        }
    }

    /// A buffer with room for one `SCM_RIGHTS` message of `n` fds:
    /// `CMSG_SPACE(n * sizeof(int))` bytes.
    ///
    /// ```
    /// use berkeley::msg::CmsgBuffer;
    ///
    /// assert_eq!(CmsgBuffer::for_fds(3).capacity(), CmsgBuffer::space(3 * 4));
    /// ```
    pub fn for_fds(n: usize) -> CmsgBuffer {
        CmsgBuffer::with_capacity(space(n.saturating_mul(4)))
    }

    /// `CMSG_SPACE(data_len)`: the control bytes one message of `data_len` data bytes takes,
    /// header and padding included. Sum it over the messages you expect.
    ///
    /// ```
    /// use berkeley::msg::CmsgBuffer;
    ///
    /// # #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    /// assert_eq!(CmsgBuffer::space(4), 24); // 16-byte header + int + 4 padding
    /// assert!(CmsgBuffer::space(4) >= 4);
    /// ```
    #[doc(alias = "CMSG_SPACE")]
    pub const fn space(data_len: usize) -> usize {
        space(data_len)
    }

    /// How many control bytes the buffer holds.
    ///
    /// ```
    /// assert_eq!(berkeley::msg::CmsgBuffer::with_capacity(100).capacity(), 100);
    /// ```
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many control bytes the last receive delivered (`msg_controllen`).
    ///
    /// ```
    /// assert_eq!(berkeley::msg::CmsgBuffer::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the last receive delivered no control data.
    ///
    /// ```
    /// assert!(berkeley::msg::CmsgBuffer::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The control bytes the last receive delivered, as the kernel wrote them.
    ///
    /// ```
    /// assert!(berkeley::msg::CmsgBuffer::new().as_bytes().is_empty());
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        let start = self.start();
        &self.buf[start..start + self.len]
    }

    /// Forgets the last receive's messages and closes the fds it received that were not
    /// handed out.
    ///
    /// ```
    /// let mut cmsg = berkeley::msg::CmsgBuffer::new();
    /// cmsg.clear();
    /// assert!(cmsg.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.len = 0;
        #[cfg(unix)]
        self.fds.clear();
    }

    /// The messages of the last receive, decoded: `Ok(Cmsg)` each, or one `Err` (and the end)
    /// at a malformed header — see [`RawCmsgs`].
    ///
    /// `Cmsg::ScmRights` carries the fds received with that message; they are handed out
    /// once (a second walk yields them empty), and the ones not taken when the iterator is
    /// dropped are closed.
    ///
    /// ```
    /// # #[cfg(not(any(target_os = "linux", target_os = "android")))] fn main() {}
    /// # #[cfg(any(target_os = "linux", target_os = "android"))]
    /// # fn main() -> berkeley::Result<()> {
    /// use berkeley::msg::{Cmsg, CmsgBuffer};
    /// use berkeley::sockopt::SoTimestampNs; // Linux
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::IoSliceMut;
    /// use std::time::{SystemTime, UNIX_EPOCH};
    ///
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.setsockopt(SoTimestampNs, true)?;
    /// s.sendto(b"t", s.getsockname()?)?;
    /// let (mut buf, mut cmsg) = ([0u8; 4], CmsgBuffer::new());
    /// s.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty())?;
    /// for m in cmsg.messages() {
    ///     if let Cmsg::Timestamp(since_epoch) = m? {
    ///         let when = UNIX_EPOCH + since_epoch;
    ///         assert!(when <= SystemTime::now());
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn messages(&mut self) -> Messages<'_> {
        let start = self.start();
        let bytes = &self.buf[start..start + self.len];
        Messages {
            raw: RawCmsgs::new(bytes),
            #[cfg(unix)]
            fds: self.fds.drain(..),
        }
    }

    /// The walk over the last receive's messages, undecoded.
    ///
    /// ```
    /// assert_eq!(berkeley::msg::CmsgBuffer::new().raw().count(), 0);
    /// ```
    pub fn raw(&self) -> RawCmsgs<'_> {
        RawCmsgs::new(self.as_bytes())
    }

    /// Offset of the first `ALIGN`-aligned byte (safe pointer arithmetic, no access).
    fn start(&self) -> usize {
        self.buf.as_ptr().align_offset(ALIGN).min(ALIGN)
    }

    /// The whole control area, for the kernel to fill. Forgets the previous receive and
    /// closes its unclaimed fds first.
    pub(crate) fn prepare(&mut self) -> &mut [u8] {
        self.clear();
        let start = self.start();
        let cap = self.capacity;
        &mut self.buf[start..start + cap]
    }

    /// Records that a receive wrote `len` control bytes, and takes ownership of every fd in
    /// them at once, so that none can leak whatever the caller does next.
    ///
    /// # Safety
    ///
    /// The control area must hold exactly what a successful `recvmsg` just wrote there (its
    /// `msg_controllen` being `len`): every `SCM_RIGHTS` fd in it is then a descriptor the
    /// kernel installed for this process that nothing else owns.
    /// `cloexec`: whether the kernel already made the fds close-on-exec; when not, each is
    /// marked here, so every received fd is close-on-exec like every fd berkeley creates.
    pub(crate) unsafe fn received(&mut self, len: usize, cloexec: bool) {
        self.len = len.min(self.capacity);
        #[cfg(not(unix))]
        let _ = cloexec; // Winsock passes no descriptors
        #[cfg(unix)]
        {
            let start = self.start();
            let bytes = &self.buf[start..start + self.len];
            for m in RawCmsgs::new(bytes).flatten() {
                if (m.level, m.type_) != (c::SOL_SOCKET, c::SCM_RIGHTS) {
                    continue;
                }
                for fd in m.data.chunks_exact(4) {
                    let fd = i32::from_ne_bytes([fd[0], fd[1], fd[2], fd[3]]);
                    if fd >= 0 {
                        // SAFETY: per this function's contract, the kernel just installed `fd`
                        // for us and nothing else owns it; it is taken exactly once (this walk
                        // runs once per receive).
                        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
                        if !cloexec {
                            // A failure leaves the fd as the kernel gave it: it is ours
                            // already, and there is nothing better to do with it.
                            let _ = crate::sys::set_cloexec(fd.as_raw_fd(), true);
                        }
                        self.fds.push(fd);
                    }
                }
            }
        }
    }
}

impl Default for CmsgBuffer {
    /// [`CmsgBuffer::new`].
    fn default() -> CmsgBuffer {
        CmsgBuffer::new()
    }
}

impl fmt::Debug for CmsgBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CmsgBuffer")
            .field("capacity", &self.capacity)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

/// The decoded messages of a [`CmsgBuffer`], from [`CmsgBuffer::messages`].
///
/// ```
/// let mut cmsg = berkeley::msg::CmsgBuffer::new();
/// let mut messages = cmsg.messages();
/// assert!(messages.next().is_none());
/// ```
#[derive(Debug)]
pub struct Messages<'a> {
    raw: RawCmsgs<'a>,
    #[cfg(unix)]
    fds: std::vec::Drain<'a, OwnedFd>,
}

impl Iterator for Messages<'_> {
    type Item = Result<Cmsg>;

    fn next(&mut self) -> Option<Result<Cmsg>> {
        let m = match self.raw.next()? {
            Ok(m) => m,
            Err(e) => return Some(Err(e)),
        };
        #[cfg(unix)]
        if (m.level, m.type_) == (c::SOL_SOCKET, c::SCM_RIGHTS) {
            let n = m.data.len() / 4;
            return Some(Ok(Cmsg::ScmRights(self.fds.by_ref().take(n).collect())));
        }
        Some(Ok(Cmsg::parse(m)))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::super::layout::cmsg_len;
    use super::*;

    #[test]
    fn sizes_match_libc_macros() {
        for n in [0usize, 1, 4, 7, 8, 12, 16, 20, 28, 44, 4096] {
            // SAFETY: CMSG_SPACE/CMSG_LEN are pure arithmetic on their argument.
            let (s, l) = unsafe { (libc::CMSG_SPACE(n as u32), libc::CMSG_LEN(n as u32)) };
            assert_eq!(CmsgBuffer::space(n), s as usize, "CMSG_SPACE({n})");
            assert_eq!(cmsg_len(n), l as usize, "CMSG_LEN({n})");
        }
    }

    #[test]
    fn control_area_is_aligned_and_sized() {
        let mut b = CmsgBuffer::with_capacity(40);
        let area = b.prepare();
        assert_eq!(area.len(), 40);
        assert_eq!(area.as_ptr() as usize % ALIGN, 0);
    }
}

//! Scatter/gather and peek calls: `sendmsg`/`recvmsg` over several buffers (with control
//! messages: [`Socket::sendmsg`], [`Socket::recvmsg`]), `MSG_PEEK`, and the uninitialised-buffer
//! receives with flags.

use std::io::{IoSlice, IoSliceMut};
use std::mem::MaybeUninit;

use super::{retry, Received, Socket};
use crate::addr::{SockAddr, ToSockAddr};
use crate::error::Result;
use crate::msg::{CmsgBuffer, ControlMessage};
use crate::sys;
use crate::types::MsgFlags;

/// What a scatter receive ([`recvmsg`](Socket::recvmsg),
/// [`recv_vectored_with_flags`](Socket::recv_vectored_with_flags),
/// [`recvfrom_vectored`](Socket::recvfrom_vectored)) delivered. `recvmsg`'s control messages
/// stay in the [`CmsgBuffer`](crate::msg::CmsgBuffer) it was given.
///
/// C: the result of `recvmsg(2)` and its `struct msghdr`'s `msg_flags` and `msg_name` —
/// Python: the `(nbytes, ancdata, msg_flags, address)` of `sock.recvmsg_into(buffers)`.
///
/// ```
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.bind("127.0.0.1:0")?;
/// s.sendto(b"0123456789", s.getsockname()?)?; // to itself
/// # #[cfg(unix)] { // Windows fails the cut receive with WSAEMSGSIZE instead
/// use berkeley::MsgFlags;
/// use std::io::IoSliceMut;
/// let (mut a, mut b) = ([0u8; 4], [0u8; 4]);
/// let got = s.recvfrom_vectored(&mut [IoSliceMut::new(&mut a), IoSliceMut::new(&mut b)])?;
/// assert_eq!((got.len, &a, &b), (8, b"0123", b"4567"));
/// assert!(got.flags.contains(MsgFlags::TRUNC)); // the last 2 bytes did not fit
/// assert_eq!(got.addr, s.getsockname()?);
/// # }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecvMsg {
    /// How many bytes were written into the buffers, in order (never more than they hold; 0
    /// for TCP under `MSG_TRUNC`, which discards instead).
    pub len: usize,
    /// The count the OS returned: the datagram's full length under `MSG_TRUNC` on Linux,
    /// otherwise `len`.
    pub full_len: usize,
    /// The output flags (`msg_flags`): [`MsgFlags::TRUNC`] when a datagram did not fit,
    /// [`MsgFlags::CTRUNC`] when control messages did not fit, [`MsgFlags::OOB`], `MSG_EOR`
    /// (Unix), ... Windows: `WSARecvFrom`'s flags
    /// (`MSG_PARTIAL`); a datagram too long fails with `WSAEMSGSIZE` there.
    pub flags: MsgFlags,
    /// The sender's address; the empty address on a connected stream, and for
    /// [`recv_vectored_with_flags`](Socket::recv_vectored_with_flags).
    pub addr: SockAddr,
}

impl Socket {
    /// `sendmsg(2)` — sends buffers (gathered into one send) with control messages, to `addr`
    /// or to the connected peer (`None`); returns how many bytes were sent.
    ///
    /// C: `ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);` with `msg_iov`,
    /// `msg_control` and (`Some`) `msg_name` set — Python: `sock.sendmsg(buffers, ancdata,
    /// flags, address)`.
    ///
    /// The control messages are encoded on the stack (on the heap only past 256 bytes, e.g.
    /// for more than 60 fds). Never raises `SIGPIPE`; retries `EINTR`; an expired
    /// [`settimeout`](Socket::settimeout) is [`Error::Timeout`](crate::Error::Timeout). A
    /// message the platform has no encoding for is an
    /// [`Error::InvalidInput`](crate::Error::InvalidInput); one the kernel refuses is its
    /// `EINVAL`. Windows: `WSASendMsg` (datagram and raw sockets only), with
    /// `IP_PKTINFO`/`IPV6_PKTINFO`/`IP_TTL`/`IP_TOS`/`IPV6_HOPLIMIT` as Winsock takes them;
    /// `SCM_RIGHTS`, `SCM_CREDENTIALS` and UDP GSO are Unix/Linux only.
    ///
    /// ```
    /// # #[cfg(windows)] fn main() {} // SCM_RIGHTS is Unix's
    /// # #[cfg(unix)]
    /// # fn main() -> berkeley::Result<()> {
    /// use berkeley::msg::{Cmsg, CmsgBuffer, ControlMessage};
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::{IoSlice, IoSliceMut};
    /// use std::os::fd::AsFd;
    /// let (a, b) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
    /// let (r, w) = std::io::pipe()?; // pass the write end of a pipe
    /// let n = a.sendmsg(&[IoSlice::new(b"take this")], &[ControlMessage::ScmRights(&[w.as_fd()])], None, MsgFlags::empty())?;
    /// assert_eq!(n, 9);
    /// drop(w);
    ///
    /// let (mut buf, mut cmsg) = ([0u8; 16], CmsgBuffer::for_fds(1));
    /// b.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty())?;
    /// if let Some(Ok(Cmsg::ScmRights(fds))) = cmsg.messages().next() {
    ///     use std::io::{Read, Write};
    ///     std::fs::File::from(fds.into_iter().next().unwrap()).write_all(b"via the passed fd")?;
    ///     let mut got = String::new();
    ///     (&r).read_to_string(&mut got)?;
    ///     assert_eq!(got, "via the passed fd");
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// See [sendmsg(2)](https://man7.org/linux/man-pages/man2/sendmsg.2.html),
    /// [cmsg(3)](https://man7.org/linux/man-pages/man3/cmsg.3.html).
    pub fn sendmsg(
        &self,
        bufs: &[IoSlice<'_>],
        cmsgs: &[ControlMessage<'_>],
        addr: Option<&SockAddr>,
        flags: MsgFlags,
    ) -> Result<usize> {
        let need = crate::msg::encoded_len(cmsgs);
        let mut stack = [0u8; 256 + 8];
        let mut heap = Vec::new();
        let area: &mut [u8] = if need + 8 <= stack.len() {
            let start = stack.as_ptr().align_offset(8).min(8);
            &mut stack[start..]
        } else {
            heap.resize(need, 0);
            &mut heap
        };
        let len = crate::msg::encode(cmsgs, area)?;
        let control = &area[..len];
        let f = flags.as_raw();
        self.timeouts(retry(|| sys::sendmsg(self.as_sys(), bufs, control, addr, f)), f)
    }

    /// `recvmsg(2)` — receives into buffers (scatter) and control messages into `cmsg`;
    /// returns the count, the output flags and the sender, while the control messages are
    /// read from `cmsg` ([`CmsgBuffer::messages`]).
    ///
    /// C: `ssize_t recvmsg(int fd, struct msghdr *msg, int flags);` with `msg_iov`,
    /// `msg_control` and `msg_name` set — Python: `sock.recvmsg_into(buffers, ancbufsize,
    /// flags)`.
    ///
    /// [`MsgFlags::TRUNC`] in the result's flags: the datagram did not fit the buffers;
    /// [`MsgFlags::CTRUNC`]: control messages did not fit `cmsg` (what fit is there — whole
    /// fds included, owned by `cmsg` — the rest is gone). File descriptors received with
    /// `SCM_RIGHTS` are owned by `cmsg` as soon as this returns, so none leaks even if they
    /// are never looked at. `flags` may include `MsgFlags::ERRQUEUE` (Linux) to read the
    /// error queue. Retries `EINTR`; an expired [`settimeout`](Socket::settimeout) is
    /// [`Error::Timeout`](crate::Error::Timeout). Windows: `WSARecvMsg` (an extension function
    /// looked up once with `WSAIoctl`), datagram and raw sockets only; the messages it
    /// delivers are `IP_PKTINFO`, `IPV6_PKTINFO`, `IP_TTL`, `IP_TOS`, `IPV6_HOPLIMIT`.
    ///
    /// ```
    /// use berkeley::msg::{Cmsg, CmsgBuffer};
    /// use berkeley::sockopt::IpRecvTtl;
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::IoSliceMut;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.setsockopt(IpRecvTtl, true)?;
    /// s.sendto(b"ping", s.getsockname()?)?;
    ///
    /// let (mut buf, mut cmsg) = ([0u8; 64], CmsgBuffer::new());
    /// let got = s.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty())?;
    /// assert_eq!((&buf[..got.len], got.addr), (&b"ping"[..], s.getsockname()?));
    /// assert!(!got.flags.contains(MsgFlags::CTRUNC));
    /// for m in cmsg.messages() {
    ///     if let Cmsg::IpTtl(ttl) = m? {
    ///         assert!(ttl > 0); // the default TTL, 64 on Linux
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvmsg(2)](https://man7.org/linux/man-pages/man2/recvmsg.2.html),
    /// [cmsg(3)](https://man7.org/linux/man-pages/man3/cmsg.3.html).
    #[doc(alias = "recvmsg_into", alias = "recv_msg", alias = "WSARecvMsg")]
    pub fn recvmsg(
        &self,
        bufs: &mut [IoSliceMut<'_>],
        cmsg: &mut CmsgBuffer,
        flags: MsgFlags,
    ) -> Result<RecvMsg> {
        let discarded = self.trunc_discards(flags);
        let cap = bufs.iter().map(|b| b.len()).fold(0usize, usize::saturating_add);
        let f = flags.as_raw();
        // The error queue never blocks: its EAGAIN means "empty", not an expired timeout.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let tf = if flags.contains(MsgFlags::ERRQUEUE) { f | sys::c::MSG_DONTWAIT } else { f };
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let tf = f;
        let control = cmsg.prepare();
        let (got, addr) =
            self.timeouts(retry(|| sys::recvmsg_control(self.as_sys(), bufs, control, f)), tf)?;
        // SAFETY: `recvmsg_control` succeeded and wrote `controllen` bytes of control data
        // into the area `prepare` returned; nothing touched it since.
        unsafe { cmsg.received(got.controllen, got.cloexec) };
        let len = if discarded { 0 } else { got.n.min(cap) };
        Ok(RecvMsg { len, full_len: got.n, flags: MsgFlags::from_raw(got.flags), addr })
    }
    /// `sendmsg(2)` of several buffers, in order, as one send (gather); returns how many bytes
    /// were sent.
    ///
    /// C: `ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);` with `msg_iov` set
    /// (`writev(2)` on a socket) — Python: `sock.sendmsg(buffers)`.
    ///
    /// Never raises `SIGPIPE`; retries `EINTR`; an expired [`settimeout`](Socket::settimeout)
    /// is [`Error::Timeout`](crate::Error::Timeout). At most `IOV_MAX` (1024 on Linux)
    /// buffers go in one call; the count tells how much was sent, as for a partial send.
    /// Windows: `WSASend`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::io::IoSlice;
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.connect(rx.getsockname()?)?;
    /// assert_eq!(tx.send_vectored(&[IoSlice::new(b"head"), IoSlice::new(b"+body")])?, 9);
    /// let mut buf = [0u8; 16];
    /// let n = rx.recv(&mut buf)?;
    /// assert_eq!(&buf[..n], b"head+body"); // one datagram
    /// # Ok(()) }
    /// ```
    ///
    /// See [sendmsg(2)](https://man7.org/linux/man-pages/man2/sendmsg.2.html).
    #[doc(alias = "writev", alias = "write_vectored")]
    pub fn send_vectored(&self, bufs: &[IoSlice<'_>]) -> Result<usize> {
        self.send_vectored_with_flags(bufs, MsgFlags::empty())
    }

    /// [`send_vectored`](Socket::send_vectored) with `MSG_*` flags.
    ///
    /// C: `sendmsg(fd, &msg, flags)` — Python: `sock.sendmsg(buffers, [], flags)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::IoSlice;
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.connect(rx.getsockname()?)?;
    /// let n = tx.send_vectored_with_flags(&[IoSlice::new(b"a"), IoSlice::new(b"b")], MsgFlags::DONTROUTE)?;
    /// assert_eq!(n, 2);
    /// # Ok(()) }
    /// ```
    pub fn send_vectored_with_flags(&self, bufs: &[IoSlice<'_>], flags: MsgFlags) -> Result<usize> {
        let f = flags.as_raw();
        self.timeouts(retry(|| sys::send_vectored(self.as_sys(), bufs, f)), f)
    }

    /// `sendmsg(2)` of several buffers as one datagram to `addr`; returns how many bytes were
    /// sent.
    ///
    /// C: `sendmsg` with `msg_name` and `msg_iov` set — Python: `sock.sendmsg(buffers, [], 0,
    /// address)`. Windows: `WSASendTo`. Errors name the destination, as
    /// [`sendto`](Socket::sendto)'s do.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::io::IoSlice;
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let n = tx.sendto_vectored(&[IoSlice::new(b"GET "), IoSlice::new(b"/")], rx.getsockname()?)?;
    /// assert_eq!(n, 5);
    /// # Ok(()) }
    /// ```
    ///
    /// See [sendmsg(2)](https://man7.org/linux/man-pages/man2/sendmsg.2.html).
    #[doc(alias = "send_to_vectored")]
    pub fn sendto_vectored(&self, bufs: &[IoSlice<'_>], addr: impl ToSockAddr) -> Result<usize> {
        self.sendto_vectored_with_flags(bufs, addr, MsgFlags::empty())
    }

    /// [`sendto_vectored`](Socket::sendto_vectored) with `MSG_*` flags.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::IoSlice;
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let to = rx.getsockname()?;
    /// assert_eq!(tx.sendto_vectored_with_flags(&[IoSlice::new(b"x")], &to, MsgFlags::DONTROUTE)?, 1);
    /// # Ok(()) }
    /// ```
    #[doc(alias = "send_to_vectored_with_flags")]
    pub fn sendto_vectored_with_flags(
        &self,
        bufs: &[IoSlice<'_>],
        addr: impl ToSockAddr,
        flags: MsgFlags,
    ) -> Result<usize> {
        let addr = addr.to_sock_addr()?;
        let f = flags.as_raw();
        self.timeouts(retry(|| sys::sendto_vectored(self.as_sys(), bufs, f, &addr)), f)
    }

    /// `recvmsg(2)` into several buffers, filled in order (scatter); returns how many bytes
    /// were received (0: end of file on a stream).
    ///
    /// C: `recvmsg` with `msg_iov` set (`readv(2)` on a socket) — Python:
    /// `sock.recvmsg_into(buffers)[0]`. Windows: `WSARecv`. A datagram longer than the buffers
    /// is cut silently (see [`recv_vectored_with_flags`](Socket::recv_vectored_with_flags)
    /// for the `MSG_TRUNC` flag that tells).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::io::IoSliceMut;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.connect(s.getsockname()?)?; // to itself
    /// s.send(b"headbody")?;
    /// let (mut head, mut body) = ([0u8; 4], [0u8; 16]);
    /// let n = s.recv_vectored(&mut [IoSliceMut::new(&mut head), IoSliceMut::new(&mut body)])?;
    /// assert_eq!((n, &head, &body[..n - 4]), (8, b"head", &b"body"[..]));
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvmsg(2)](https://man7.org/linux/man-pages/man2/recvmsg.2.html).
    #[doc(alias = "readv", alias = "read_vectored")]
    pub fn recv_vectored(&self, bufs: &mut [IoSliceMut<'_>]) -> Result<usize> {
        self.timeouts(retry(|| sys::recv_vectored(self.as_sys(), bufs, 0)), 0)
    }

    /// [`recv_vectored`](Socket::recv_vectored) with `MSG_*` flags, reporting the output
    /// flags (`MSG_TRUNC` when a datagram did not fit).
    ///
    /// C: `recvmsg(fd, &msg, flags)` — Python: `sock.recvmsg_into(buffers, 0, flags)`.
    /// Windows: `WSARecvFrom`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::IoSliceMut;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"abc", s.getsockname()?)?;
    /// let mut buf = [0u8; 8];
    /// let got = s.recv_vectored_with_flags(&mut [IoSliceMut::new(&mut buf)], MsgFlags::PEEK)?;
    /// assert_eq!((got.len, &buf[..3]), (3, &b"abc"[..]));
    /// assert_eq!(s.recv(&mut buf)?, 3); // peeked, so still there
    /// # Ok(()) }
    /// ```
    pub fn recv_vectored_with_flags(
        &self,
        bufs: &mut [IoSliceMut<'_>],
        flags: MsgFlags,
    ) -> Result<RecvMsg> {
        let mut got = self.recvfrom_vectored_with_flags(bufs, flags)?;
        got.addr = SockAddr::default();
        Ok(got)
    }

    /// `recvmsg(2)` of one datagram into several buffers, with the sender's address.
    ///
    /// C: `recvmsg` with `msg_name` and `msg_iov` set — Python: `sock.recvmsg_into(buffers)`.
    /// Windows: `WSARecvFrom` (a datagram too long fails with `WSAEMSGSIZE`).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::io::IoSliceMut;
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.bind("127.0.0.1:0")?;
    /// tx.sendto(b"hi", rx.getsockname()?)?;
    /// let mut buf = [0u8; 8];
    /// let got = rx.recvfrom_vectored(&mut [IoSliceMut::new(&mut buf)])?;
    /// assert_eq!((got.len, got.addr), (2, tx.getsockname()?));
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvmsg(2)](https://man7.org/linux/man-pages/man2/recvmsg.2.html).
    #[doc(alias = "recvmsg_into", alias = "recv_from_vectored")]
    pub fn recvfrom_vectored(&self, bufs: &mut [IoSliceMut<'_>]) -> Result<RecvMsg> {
        self.recvfrom_vectored_with_flags(bufs, MsgFlags::empty())
    }

    /// [`recvfrom_vectored`](Socket::recvfrom_vectored) with `MSG_*` flags.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::io::IoSliceMut;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"hi", s.getsockname()?)?;
    /// let mut buf = [0u8; 8];
    /// let got = s.recvfrom_vectored_with_flags(&mut [IoSliceMut::new(&mut buf)], MsgFlags::PEEK)?;
    /// assert_eq!((got.len, got.addr), (2, s.getsockname()?));
    /// # Ok(()) }
    /// ```
    #[doc(alias = "recv_from_vectored_with_flags")]
    pub fn recvfrom_vectored_with_flags(
        &self,
        bufs: &mut [IoSliceMut<'_>],
        flags: MsgFlags,
    ) -> Result<RecvMsg> {
        let discarded = self.trunc_discards(flags);
        let cap = bufs.iter().map(|b| b.len()).fold(0usize, usize::saturating_add);
        let f = flags.as_raw();
        let ((n, out), addr) = self.timeouts(retry(|| sys::recvmsg(self.as_sys(), bufs, f)), f)?;
        let len = if discarded { 0 } else { n.min(cap) };
        Ok(RecvMsg { len, full_len: n, flags: MsgFlags::from_raw(out), addr })
    }

    /// Reads data without removing it from the queue (`recv` with `MSG_PEEK`): the next
    /// receive returns the same bytes.
    ///
    /// C: `recv(fd, buf, len, MSG_PEEK)` — Python: `sock.recv(n, socket.MSG_PEEK)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"once", s.getsockname()?)?;
    /// let mut buf = [0u8; 8];
    /// assert_eq!(s.peek(&mut buf)?, 4);
    /// assert_eq!(s.recv(&mut buf)?, 4); // still there
    /// # Ok(()) }
    /// ```
    #[doc(alias = "MSG_PEEK")]
    pub fn peek(&self, buf: &mut [u8]) -> Result<usize> {
        Ok(self.recv_with_flags(buf, MsgFlags::PEEK)?.len)
    }

    /// Reads a datagram and its sender without removing it (`recvfrom` with `MSG_PEEK`).
    ///
    /// C: `recvfrom(fd, buf, len, MSG_PEEK, addr, &addrlen)` — Python:
    /// `sock.recvfrom(n, socket.MSG_PEEK)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"once", s.getsockname()?)?;
    /// let mut buf = [0u8; 8];
    /// let (n, from) = s.peekfrom(&mut buf)?;
    /// assert_eq!((n, from), (4, s.getsockname()?));
    /// assert_eq!(s.recvfrom(&mut buf)?.0, 4); // still there
    /// # Ok(()) }
    /// ```
    #[doc(alias = "peek_from", alias = "MSG_PEEK")]
    pub fn peekfrom(&self, buf: &mut [u8]) -> Result<(usize, SockAddr)> {
        let (got, from) = self.recvfrom_with_flags(buf, MsgFlags::PEEK)?;
        Ok((got.len, from))
    }

    /// [`recv_with_flags`](Socket::recv_with_flags) into a buffer that need not be
    /// initialised: `buf[..len]` is initialised afterwards.
    ///
    /// C: `recv(fd, buf, len, flags)` — Python: `sock.recv_into(buffer, 0, flags)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::mem::MaybeUninit;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"raw", s.getsockname()?)?;
    /// let mut buf = [MaybeUninit::<u8>::uninit(); 8];
    /// let got = s.recv_uninit_with_flags(&mut buf, MsgFlags::PEEK)?;
    /// assert_eq!(got.len, 3);
    /// # Ok(()) }
    /// ```
    #[doc(alias = "recv")]
    pub fn recv_uninit_with_flags(
        &self,
        buf: &mut [MaybeUninit<u8>],
        flags: MsgFlags,
    ) -> Result<Received> {
        let discarded = self.trunc_discards(flags);
        let cap = buf.len();
        let f = flags.as_raw();
        let n = self.timeouts(retry(|| sys::recv(self.as_sys(), buf, f)), f)?;
        Ok(Received { len: if discarded { 0 } else { n.min(cap) }, full_len: n })
    }

    /// [`recvfrom_with_flags`](Socket::recvfrom_with_flags) into a buffer that need not be
    /// initialised: `buf[..len]` is initialised afterwards.
    ///
    /// C: `recvfrom(fd, buf, len, flags, addr, &addrlen)` — Python:
    /// `sock.recvfrom_into(buffer, 0, flags)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// use std::mem::MaybeUninit;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"raw", s.getsockname()?)?;
    /// let mut buf = [MaybeUninit::<u8>::uninit(); 8];
    /// let (got, from) = s.recvfrom_uninit_with_flags(&mut buf, MsgFlags::empty())?;
    /// assert_eq!((got.len, from), (3, s.getsockname()?));
    /// # Ok(()) }
    /// ```
    #[doc(alias = "recvfrom", alias = "recv_from_uninit_with_flags")]
    pub fn recvfrom_uninit_with_flags(
        &self,
        buf: &mut [MaybeUninit<u8>],
        flags: MsgFlags,
    ) -> Result<(Received, SockAddr)> {
        let discarded = self.trunc_discards(flags);
        let cap = buf.len();
        let f = flags.as_raw();
        let (n, from) = self.timeouts(retry(|| sys::recvfrom(self.as_sys(), buf, f)), f)?;
        Ok((Received { len: if discarded { 0 } else { n.min(cap) }, full_len: n }, from))
    }
}

//! Sending and receiving: `send`/`recv` and friends, and the `Read`/`Write` impls.

use std::io::{self, IoSlice, IoSliceMut, Read, Write};
use std::mem::MaybeUninit;
use std::time::Instant;

use super::{as_uninit, retry, Socket};
use crate::addr::{SockAddr, ToSockAddr};
use crate::error::{Error, Result};
use crate::poll::{poll, PollFd, PollFlags};
use crate::sockopt::SndTimeo;
use crate::sys;
use crate::types::MsgFlags;

/// The OS code an expired send timeout reports: what `send` returns when `SO_SNDTIMEO`
/// expires (`EAGAIN` on Unix, `WSAETIMEDOUT` on Windows).
#[cfg(unix)]
const TIMEOUT_CODE: i32 = sys::c::EAGAIN;
#[cfg(windows)]
const TIMEOUT_CODE: i32 = sys::c::ETIMEDOUT;

/// What a receive with flags delivered: how many bytes are in the buffer, and how long the
/// OS said the message was. Returned by [`recv_with_flags`](Socket::recv_with_flags) and
/// [`recvfrom_with_flags`](Socket::recvfrom_with_flags).
///
/// `buf[..len]` is always valid to slice: `len` never exceeds the buffer. `full_len` differs
/// from `len` only under [`MsgFlags::TRUNC`]:
///
/// | socket | without `TRUNC` | with `TRUNC` (Linux) |
/// |---|---|---|
/// | datagram (UDP, UNIX `DGRAM`/`SEQPACKET`, raw) | `full_len == len`; a longer datagram is cut silently (Windows: fails with `WSAEMSGSIZE`) | `full_len` is the datagram's real length, `len` what fitted: [`is_truncated`](Received::is_truncated) tells |
/// | TCP | `full_len == len` | the kernel **discards** `full_len` bytes without writing any: `len == 0` |
/// | other streams (UNIX `STREAM`) | `full_len == len` | `TRUNC` is ignored: `full_len == len` |
///
/// ```
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.bind("127.0.0.1:0")?;
/// s.sendto(&[7u8; 100], s.getsockname()?)?; // to itself
/// #[cfg(unix)] // Windows fails the cut receive with WSAEMSGSIZE instead
/// {
///     let mut buf = [0u8; 10];
///     let got = s.recv_with_flags(&mut buf, berkeley::MsgFlags::TRUNC)?;
///     assert_eq!(&buf[..got.len], &[7u8; 10]);
///     #[cfg(target_os = "linux")]
///     assert_eq!((got.full_len, got.is_truncated()), (100, true));
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Received {
    /// The bytes written at the start of the buffer (`buf[..len]`); never more than its length.
    pub len: usize,
    /// The length the OS returned: the same as `len`, except under [`MsgFlags::TRUNC`] (see
    /// the table above).
    pub full_len: usize,
}

impl Received {
    /// Whether the OS reported more than the buffer got: a datagram cut to fit, or TCP bytes
    /// discarded under [`MsgFlags::TRUNC`].
    ///
    /// ```
    /// let got = berkeley::socket::Received { len: 8, full_len: 50 };
    /// assert!(got.is_truncated());
    /// ```
    pub const fn is_truncated(&self) -> bool {
        self.full_len > self.len
    }

    /// The result of a receive whose OS count is `n` into a buffer of `cap` bytes, where
    /// `discarded` says that the kernel wrote nothing (TCP under `MSG_TRUNC`).
    #[inline]
    fn new(n: usize, cap: usize, discarded: bool) -> Received {
        Received { len: if discarded { 0 } else { n.min(cap) }, full_len: n }
    }
}

/// The plain OS error std's own sockets return from `Read`/`Write` (raw code and kind, no call
/// name, no allocation); errors that are not OS failures keep their berkeley context.
#[inline]
fn plain(e: Error) -> io::Error {
    match e {
        Error::Os { code, .. } | Error::Timeout { code, .. } => io::Error::from_raw_os_error(code),
        other => other.into(),
    }
}

impl Socket {
    /// `send(2)` — sends data on a connected socket; returns how many bytes were sent, which
    /// may be fewer than `buf.len()` (use [`sendall`](Socket::sendall) to send everything).
    ///
    /// C: `ssize_t send(int fd, const void *buf, size_t len, int flags);` — Python:
    /// `sock.send(data)`.
    ///
    /// Never raises `SIGPIPE` (Linux: `MSG_NOSIGNAL` is added). Retries `EINTR`.
    ///
    /// Errors: `EPIPE` (kind `BrokenPipe`) after the peer closed, `ECONNRESET`, `ENOTCONN`,
    /// `EAGAIN` (kind `WouldBlock`) on a non-blocking socket whose buffer is full, `EMSGSIZE` for
    /// a datagram too big.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.connect(rx.getsockname()?)?; // UDP: sets the default destination
    /// assert_eq!(tx.send(b"datagram")?, 8);
    /// # Ok(()) }
    /// ```
    ///
    /// See [send(2)](https://man7.org/linux/man-pages/man2/send.2.html).
    #[inline]
    pub fn send(&self, buf: &[u8]) -> Result<usize> {
        self.send_with_flags(buf, MsgFlags::empty())
    }

    /// `send(2)` with `MSG_*` flags — as [`send`](Socket::send), with `flags` passed on.
    ///
    /// C: `send(fd, buf, len, flags)` — Python: `sock.send(data, flags)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.connect(rx.getsockname()?)?;
    /// tx.send_with_flags(b"x", MsgFlags::DONTROUTE)?; // loopback needs no gateway
    /// # Ok(()) }
    /// ```
    ///
    /// See [send(2)](https://man7.org/linux/man-pages/man2/send.2.html).
    #[inline]
    pub fn send_with_flags(&self, buf: &[u8], flags: MsgFlags) -> Result<usize> {
        self.timeouts(retry(|| sys::send(self.as_sys(), buf, flags.as_raw())), flags.as_raw())
    }

    /// Sends all of `buf`, calling `send(2)` until every byte is written.
    ///
    /// C: a loop around `send` — Python: `sock.sendall(data)`.
    ///
    /// Retries `EINTR`. On error, an unknown part of `buf` may have been sent (as in Python). On
    /// a non-blocking socket a full buffer stops it with kind `WouldBlock`.
    ///
    /// Under [`settimeout`](Socket::settimeout) (`SO_SNDTIMEO`) the time bounds the **whole**
    /// call, as in Python: when the first `send` does not take everything, the rest is sent
    /// with [`poll`] waiting for room until the deadline, then
    /// [`Error::Timeout`] (`send: timed out`, kind `TimedOut`). Windows has no
    /// `MSG_DONTWAIT`, so a `send` there can still wait its own `SO_SNDTIMEO` past the
    /// deadline. Tested on Linux and under wine.
    ///
    /// Errors: those of [`send`](Socket::send); [`Error::InvalidInput`] if the OS ever accepts
    /// 0 bytes of a non-empty buffer (no Unix kernel does for a socket), rather than loop
    /// forever.
    ///
    /// ```
    /// use berkeley::Socket;
    /// use std::io::Read;
    /// use std::net::{TcpListener, TcpStream};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let listener = TcpListener::bind("127.0.0.1:0")?; // a connected TCP pair on loopback
    /// let a = Socket::from(TcpStream::connect(listener.local_addr()?)?);
    /// let b = Socket::from(listener.accept()?.0);
    /// let data = vec![7u8; 1 << 20]; // more than the socket buffer holds
    /// let reader = std::thread::spawn(move || {
    ///     let mut got = Vec::new();
    ///     (&b).read_to_end(&mut got).map(|_| got.len())
    /// });
    /// a.sendall(&data)?;
    /// drop(a); // end-of-file for the reader
    /// assert_eq!(reader.join().unwrap().unwrap(), 1 << 20);
    /// # Ok(()) }
    /// ```
    ///
    /// See [send(2)](https://man7.org/linux/man-pages/man2/send.2.html).
    pub fn sendall(&self, mut buf: &[u8]) -> Result<()> {
        let start = Instant::now();
        let mut deadline = None;
        let mut first = true;
        while !buf.is_empty() {
            let n = if first {
                first = false;
                self.send(buf)?
            } else {
                // Not all of it went out at once: from now on the socket's send timeout, if
                // any, bounds the whole call, as in Python (read it once, only on this path).
                if deadline.is_none() {
                    // A non-blocking socket keeps failing with `EAGAIN`, timeout or not.
                    #[cfg(unix)]
                    let blocking = !sys::nonblocking(self.as_sys())?;
                    #[cfg(windows)]
                    let blocking = true;
                    let limit = if blocking { self.getsockopt(SndTimeo)? } else { None };
                    deadline = Some(limit.map(|t| start.checked_add(t)));
                }
                match deadline {
                    Some(Some(Some(at))) => match self.send_before(buf, at)? {
                        Some(n) => n,
                        None => continue,
                    },
                    _ => self.send(buf)?,
                }
            };
            if n == 0 {
                return Err(Error::InvalidInput {
                    call: "send",
                    what: "the OS accepted 0 bytes; the rest cannot be sent",
                });
            }
            buf = &buf[n.min(buf.len())..];
        }
        Ok(())
    }

    /// One `send` of `buf` that waits no later than `deadline`: `poll` for `POLLOUT` with the
    /// time left, then a `send` that does not block (Unix: `MSG_DONTWAIT`; Windows has no such
    /// flag, so its `send` is bounded by `SO_SNDTIMEO` alone). `Ok(None)`: nothing sent yet,
    /// ask again. A deadline that passes is [`Error::Timeout`] naming `send`.
    fn send_before(&self, buf: &[u8], deadline: Instant) -> Result<Option<usize>> {
        let left = deadline.saturating_duration_since(Instant::now());
        let timed_out = || Error::Timeout { call: "send", code: TIMEOUT_CODE, addr: None };
        if left.is_zero() {
            return Err(timed_out());
        }
        let mut fds = [PollFd::socket(self, PollFlags::OUT)];
        if poll(&mut fds, Some(left))? == 0 {
            return Err(timed_out());
        }
        #[cfg(unix)]
        let flags = MsgFlags::DONTWAIT;
        #[cfg(windows)]
        let flags = MsgFlags::empty();
        match self.send_with_flags(buf, flags) {
            Ok(n) => Ok(Some(n)),
            Err(e) if e.is_would_block() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `sendto(2)` — sends a datagram to `addr`; returns how many bytes were sent.
    ///
    /// C: `ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr
    /// *dest_addr, socklen_t addrlen);` — Python: `sock.sendto(data, address)`.
    ///
    /// Never raises `SIGPIPE`. Retries `EINTR`.
    ///
    /// Errors name the destination: `EMSGSIZE`, `EACCES` for a broadcast address without
    /// `SO_BROADCAST`, `EAFNOSUPPORT` for an address of the wrong family, and
    /// `sendto(127.0.0.1:9): Connection refused` — an ICMP error (port unreachable) that an
    /// *earlier* datagram provoked. Linux reports such errors only on a **connected** UDP
    /// socket (one [`connect`](Socket::connect) gave a default destination; the next `send`,
    /// `sendto` or `recv` fails once with it); an unconnected socket does not see them (unless
    /// `IP_RECVERR` is on, which queues them on the error queue; udp(7)'s text says otherwise,
    /// the kernel does this). Windows reports `WSAECONNRESET`
    /// on the next `recvfrom` instead, unless `SIO_UDP_CONNRESET` is turned off.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// assert_eq!(tx.sendto(b"hello", rx.getsockname()?)?, 5);
    /// # Ok(()) }
    /// ```
    ///
    /// See [sendto(2)](https://man7.org/linux/man-pages/man2/sendto.2.html).
    #[doc(alias = "send_to")]
    #[inline]
    pub fn sendto(&self, buf: &[u8], addr: impl ToSockAddr) -> Result<usize> {
        self.sendto_with_flags(buf, addr, MsgFlags::empty())
    }

    /// `sendto(2)` with `MSG_*` flags — as [`sendto`](Socket::sendto), with `flags` passed on.
    ///
    /// C: `sendto(fd, buf, len, flags, addr, addrlen)` — Python: `sock.sendto(data, flags,
    /// address)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.sendto_with_flags(b"hello", rx.getsockname()?, MsgFlags::DONTROUTE)?;
    /// # Ok(()) }
    /// ```
    ///
    /// See [sendto(2)](https://man7.org/linux/man-pages/man2/sendto.2.html).
    #[doc(alias = "send_to_with_flags")]
    #[inline]
    pub fn sendto_with_flags(
        &self,
        buf: &[u8],
        addr: impl ToSockAddr,
        flags: MsgFlags,
    ) -> Result<usize> {
        let addr = &*addr.to_sock_addr()?;
        self.timeouts(
            retry(|| sys::sendto(self.as_sys(), buf, flags.as_raw(), addr)),
            flags.as_raw(),
        )
    }

    /// `recv(2)` — receives data from a connected socket; returns how many bytes were written
    /// to the start of `buf` (0 at end-of-file on a stream).
    ///
    /// C: `ssize_t recv(int fd, void *buf, size_t len, int flags);` — Python:
    /// `data = sock.recv(bufsize)` (or `sock.recv_into(buf)`).
    ///
    /// A datagram longer than `buf` is truncated (the rest is lost; pass [`MsgFlags::TRUNC`]
    /// to [`recv_with_flags`](Socket::recv_with_flags) to learn its real length); on Windows the
    /// call then fails with `WSAEMSGSIZE` (`buf` holds the first `buf.len()` bytes). Retries
    /// `EINTR`.
    ///
    /// Errors: `EAGAIN` (kind `WouldBlock`) on a non-blocking socket with no data;
    /// [`Error::Timeout`] when a [`settimeout`](Socket::settimeout) (`SO_RCVTIMEO`) expires; `ECONNRESET` (kind `ConnectionReset`) when the peer
    /// aborted the connection; `ECONNREFUSED` on a connected UDP socket after an ICMP
    /// port-unreachable; `ENOTCONN`.
    ///
    /// ```
    /// use berkeley::Socket;
    /// use std::net::{TcpListener, TcpStream};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let listener = TcpListener::bind("127.0.0.1:0")?; // a connected TCP pair on loopback
    /// let a = Socket::from(TcpStream::connect(listener.local_addr()?)?);
    /// let b = Socket::from(listener.accept()?.0);
    /// a.sendall(b"hello")?;
    /// drop(a);
    /// let mut buf = [0u8; 64];
    /// assert_eq!(b.recv(&mut buf)?, 5);
    /// assert_eq!(b.recv(&mut buf)?, 0); // end-of-file
    /// # Ok(()) }
    /// ```
    ///
    /// See [recv(2)](https://man7.org/linux/man-pages/man2/recv.2.html).
    #[inline]
    pub fn recv(&self, buf: &mut [u8]) -> Result<usize> {
        // SAFETY: sys::recv only stores initialised bytes into the slice.
        let buf = unsafe { as_uninit(buf) };
        // Without MSG_TRUNC the kernel returns the bytes it wrote: at most `buf.len()`.
        self.timeouts(retry(|| sys::recv(self.as_sys(), buf, 0)), 0)
    }

    /// `recv(2)` with `MSG_*` flags — as [`recv`](Socket::recv), with `flags` passed on;
    /// returns how many bytes are in `buf` and how long the message was ([`Received`]).
    ///
    /// C: `recv(fd, buf, len, flags)` — Python: `sock.recv(bufsize, flags)`.
    ///
    /// [`Received::len`] never exceeds `buf.len()`, whatever the flags. With
    /// [`MsgFlags::TRUNC`] (Linux) the OS returns a datagram's real length, which can exceed
    /// the buffer, and on TCP it discards data without writing any: berkeley reports that
    /// length as [`Received::full_len`] (see the table there). To tell TCP from the rest,
    /// a `TRUNC` receive first reads `SO_TYPE` and `SO_PROTOCOL` (two `getsockopt` calls; only
    /// when `TRUNC` is given, only on Linux).
    ///
    /// ```
    /// use berkeley::{MsgFlags, Socket};
    /// use std::net::{TcpListener, TcpStream};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let listener = TcpListener::bind("127.0.0.1:0")?; // a connected TCP pair on loopback
    /// let a = Socket::from(TcpStream::connect(listener.local_addr()?)?);
    /// let b = Socket::from(listener.accept()?.0);
    /// a.sendall(b"peek")?;
    /// let mut buf = [0u8; 4];
    /// assert_eq!(b.recv_with_flags(&mut buf, MsgFlags::PEEK)?.len, 4); // still queued
    /// assert_eq!(b.recv(&mut buf)?, 4);
    /// # Ok(()) }
    /// ```
    ///
    /// See [recv(2)](https://man7.org/linux/man-pages/man2/recv.2.html).
    #[inline]
    pub fn recv_with_flags(&self, buf: &mut [u8], flags: MsgFlags) -> Result<Received> {
        let discarded = self.trunc_discards(flags);
        let cap = buf.len();
        // SAFETY: sys::recv only stores initialised bytes into the slice.
        let buf = unsafe { as_uninit(buf) };
        let n =
            self.timeouts(retry(|| sys::recv(self.as_sys(), buf, flags.as_raw())), flags.as_raw())?;
        Ok(Received::new(n, cap, discarded))
    }

    /// Whether a receive with `flags` makes the kernel discard data without writing it: Linux
    /// TCP under `MSG_TRUNC`. A socket whose type or protocol cannot be read is not TCP (and
    /// the receive itself then reports what is wrong with it).
    #[inline]
    pub(super) fn trunc_discards(&self, flags: MsgFlags) -> bool {
        if !flags.contains(MsgFlags::TRUNC) {
            return false;
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use crate::sockopt::{SoProtocol, SoType};
            use crate::types::{Protocol, Type};
            matches!(self.getsockopt(SoType), Ok(Type::STREAM))
                && matches!(self.getsockopt(SoProtocol), Ok(Protocol::TCP))
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        false
    }

    /// `recv(2)` into uninitialised memory — as [`recv`](Socket::recv), without zeroing the
    /// buffer first. The first `n` bytes of `buf` are initialised when it returns `Ok(n)`.
    ///
    /// C: `recv(fd, buf, len, 0)` — Python: `sock.recv_into(buf)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::mem::MaybeUninit;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"abc", s.getsockname()?)?; // to itself
    /// let mut buf = [MaybeUninit::<u8>::uninit(); 16];
    /// let n = s.recv_uninit(&mut buf)?;
    /// // SAFETY: recv_uninit initialised the first n bytes.
    /// let got: Vec<u8> = buf[..n].iter().map(|b| unsafe { b.assume_init() }).collect();
    /// assert_eq!(got, b"abc");
    /// # Ok(()) }
    /// ```
    ///
    /// See [recv(2)](https://man7.org/linux/man-pages/man2/recv.2.html).
    #[inline]
    pub fn recv_uninit(&self, buf: &mut [MaybeUninit<u8>]) -> Result<usize> {
        self.timeouts(retry(|| sys::recv(self.as_sys(), buf, 0)), 0)
    }

    /// `recvfrom(2)` — receives a datagram and the address it came from.
    ///
    /// C: `ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr
    /// *src_addr, socklen_t *addrlen);` — Python: `data, address = sock.recvfrom(bufsize)`.
    ///
    /// A datagram longer than `buf` is truncated (Windows: and the call fails with
    /// `WSAEMSGSIZE`); pass [`MsgFlags::TRUNC`] to
    /// [`recvfrom_with_flags`](Socket::recvfrom_with_flags) to learn its real length. On a
    /// connected stream socket the address is [empty](SockAddr::is_empty). A datagram from an
    /// unbound (unnamed) UNIX socket has no address either: on Linux it is empty too (family
    /// `AF_UNSPEC`, length 0, [`as_un`](SockAddr::as_un) is `None`; Python says `None`), not an
    /// `AF_UNIX` address. Retries `EINTR`.
    ///
    /// Errors: as [`recv`](Socket::recv).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.bind("127.0.0.1:0")?;
    /// tx.sendto(b"hello", rx.getsockname()?)?;
    ///
    /// let mut buf = [0u8; 64];
    /// let (n, from) = rx.recvfrom(&mut buf)?;
    /// assert_eq!(&buf[..n], b"hello");
    /// assert_eq!(from, tx.getsockname()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvfrom(2)](https://man7.org/linux/man-pages/man2/recvfrom.2.html).
    #[doc(alias = "recv_from")]
    #[inline]
    pub fn recvfrom(&self, buf: &mut [u8]) -> Result<(usize, SockAddr)> {
        // SAFETY: sys::recvfrom only stores initialised bytes into the slice.
        let buf = unsafe { as_uninit(buf) };
        // Without MSG_TRUNC the kernel returns the bytes it wrote: at most `buf.len()`.
        self.timeouts(retry(|| sys::recvfrom(self.as_sys(), buf, 0)), 0)
    }

    /// `recvfrom(2)` with `MSG_*` flags — as [`recvfrom`](Socket::recvfrom), with `flags` passed
    /// on; the count is a [`Received`], as for [`recv_with_flags`](Socket::recv_with_flags)
    /// (`len` never exceeds `buf.len()`; `full_len` is what the OS returned under
    /// [`MsgFlags::TRUNC`]).
    ///
    /// C: `recvfrom(fd, buf, len, flags, &addr, &addrlen)` — Python: `sock.recvfrom(bufsize,
    /// flags)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"peek", s.getsockname()?)?; // to itself
    /// let mut buf = [0u8; 64];
    /// let (got, from) = s.recvfrom_with_flags(&mut buf, MsgFlags::PEEK)?; // still queued
    /// assert_eq!((got.len, &from), (4, &s.getsockname()?));
    /// assert_eq!(s.recvfrom(&mut buf)?, (4, from));
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvfrom(2)](https://man7.org/linux/man-pages/man2/recvfrom.2.html).
    #[doc(alias = "recv_from_with_flags")]
    #[inline]
    pub fn recvfrom_with_flags(
        &self,
        buf: &mut [u8],
        flags: MsgFlags,
    ) -> Result<(Received, SockAddr)> {
        let discarded = self.trunc_discards(flags);
        let cap = buf.len();
        // SAFETY: sys::recvfrom only stores initialised bytes into the slice.
        let buf = unsafe { as_uninit(buf) };
        let (n, from) = self.timeouts(
            retry(|| sys::recvfrom(self.as_sys(), buf, flags.as_raw())),
            flags.as_raw(),
        )?;
        Ok((Received::new(n, cap, discarded), from))
    }

    /// `recvfrom(2)` into uninitialised memory — as [`recvfrom`](Socket::recvfrom), without
    /// zeroing the buffer first. The first `n` bytes of `buf` are initialised when it returns
    /// `Ok((n, addr))`.
    ///
    /// C: `recvfrom(fd, buf, len, 0, &addr, &addrlen)` — Python: `sock.recvfrom_into(buf)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::mem::MaybeUninit;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"me", s.getsockname()?)?;
    /// let mut buf = [MaybeUninit::<u8>::uninit(); 16];
    /// let (n, from) = s.recvfrom_uninit(&mut buf)?;
    /// assert_eq!((n, from), (2, s.getsockname()?));
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvfrom(2)](https://man7.org/linux/man-pages/man2/recvfrom.2.html).
    #[doc(alias = "recv_from_uninit")]
    #[inline]
    pub fn recvfrom_uninit(&self, buf: &mut [MaybeUninit<u8>]) -> Result<(usize, SockAddr)> {
        self.timeouts(retry(|| sys::recvfrom(self.as_sys(), buf, 0)), 0)
    }
}

// ---- std::io ----------------------------------------------------------------------------------

/// `read` is `recv(2)`; `read_vectored` is `recvmsg(2)` (Python: `sock.makefile('rb')`).
/// `EINTR` is retried. Errors are plain OS errors, as std's `TcpStream` returns them: the raw
/// code and kind, no call name, no allocation. So an expired
/// [`settimeout`](Socket::settimeout) is `EAGAIN` (kind `WouldBlock`) here, not
/// [`Error::Timeout`]; call [`recv`](Socket::recv) to tell the two apart.
///
/// Python's `sock.makefile('rb')` / `makefile('wb')` are std's buffered wrappers over `&Socket`:
/// [`BufReader`](std::io::BufReader) for line protocols (`read_line`, `lines()`), and
/// [`BufWriter`](std::io::BufWriter) to gather small writes into one `send`. Both borrow the
/// socket, so it stays usable (e.g. for [`shutdown`](Socket::shutdown)) while they exist; call
/// `flush` on the writer before waiting for a reply, as in Python.
///
/// ```
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::io::{BufRead, BufReader, BufWriter, Write};
/// # fn main() -> std::io::Result<()> {
/// let server = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// server.bind("127.0.0.1:0")?;
/// server.listen(1)?;
/// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// client.connect(server.getsockname()?)?;
/// let (conn, _) = server.accept()?;
///
/// // wfile = client.makefile('wb'): two writes, one send after flush.
/// let mut wfile = BufWriter::new(&client);
/// wfile.write_all(b"HELO berkeley\r\n")?;
/// wfile.write_all(b"QUIT\r\n")?;
/// wfile.flush()?;
///
/// // rfile = conn.makefile('rb'): read it back line by line.
/// let mut rfile = BufReader::new(&conn);
/// let mut line = String::new();
/// rfile.read_line(&mut line)?;
/// assert_eq!(line, "HELO berkeley\r\n");
/// line.clear();
/// rfile.read_line(&mut line)?;
/// assert_eq!(line, "QUIT\r\n");
/// # Ok(()) }
/// ```
impl Read for &Socket {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: sys::recv only stores initialised bytes into the slice.
        let buf = unsafe { as_uninit(buf) };
        retry(|| sys::recv(self.as_sys(), buf, 0)).map_err(plain)
    }

    fn read_vectored(&mut self, bufs: &mut [IoSliceMut<'_>]) -> io::Result<usize> {
        retry(|| sys::recv_vectored(self.as_sys(), bufs, 0)).map_err(plain)
    }
}

/// As for `&Socket`.
impl Read for Socket {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&*self).read(buf)
    }

    fn read_vectored(&mut self, bufs: &mut [IoSliceMut<'_>]) -> io::Result<usize> {
        (&*self).read_vectored(bufs)
    }
}

/// `write` is `send(2)` (no `SIGPIPE`); `write_vectored` is `sendmsg(2)`; `flush` does nothing
/// (a socket has no user-space buffer). Python: `sock.makefile('wb')`. Errors are plain OS
/// errors, as for [`Read`](#impl-Read-for-%26Socket).
impl Write for &Socket {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        retry(|| sys::send(self.as_sys(), buf, 0)).map_err(plain)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        retry(|| sys::send_vectored(self.as_sys(), bufs, 0)).map_err(plain)
    }

    #[inline]
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// As for `&Socket`.
impl Write for Socket {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (&*self).write(buf)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        (&*self).write_vectored(bufs)
    }

    #[inline]
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

//! [`Socket`]: a socket, its lifecycle and its I/O, under the Berkeley names.
//!
//! The methods live in four files: this one (creating, naming, connecting and closing a socket),
//! `io.rs` (sending and receiving, [`Read`](std::io::Read)/[`Write`](std::io::Write)), `mode.rs`
//! (blocking mode, Python's timeouts, close-on-exec and inheritance) and `fd.rs` (conversions to
//! and from descriptors, handles and std's socket types).
//!
//! # Raw and packet sockets
//!
//! `Socket::new(Domain::INET, Type::RAW, Protocol::ICMP)` (or `IPPROTO_RAW`, `IPPROTO_UDP`, ...)
//! opens a raw IP socket and `Socket::new(Domain::PACKET, Type::RAW,
//! Protocol::from(EtherType::ALL))` a Linux packet socket; both need `CAP_NET_RAW`.
//! [`icmp::access`](crate::icmp::access) tells which ICMP socket (raw or datagram) the process
//! may open, and why not. Build and parse the bytes with [`wire`](crate::wire); the options
//! are in [`sockopt`](crate::sockopt) (`IpHdrIncl`, `IcmpFilter`, `PacketAddMembership`, ...).
//!
//! Windows: raw sockets need Administrator rights (`WSAEACCES` otherwise); there is no
//! datagram ICMP socket, no `AF_PACKET`, and `IP_HDRINCL` does not apply to TCP (Winsock will
//! not send TCP through a raw socket). Raw and packet sockets are tested on Linux only.

use std::fmt;
use std::mem::MaybeUninit;

use crate::addr::{SockAddr, ToSockAddr};
use crate::error::Result;
use crate::sys::{self, c};
use crate::types::{Domain, Protocol, Shutdown, Type};

mod batch;
mod connect;
mod fd;
mod io;
mod mode;
mod server;
mod vectored;

pub use self::batch::{Message, Mmsg};
pub use self::io::Received;
pub use self::server::{create_server, ServerOptions};
pub use self::vectored::RecvMsg;

/// A socket: the Berkeley calls as methods (`bind`, `listen`, `accept`, `connect`, `send`,
/// `recv`, `sendto`, `recvfrom`, ...), closed when dropped.
///
/// Each method is one C call (see its docs for the C signature and the Python equivalent) and
/// reports failure as an [`Error`](crate::Error) that names the call and, where one is involved, the address:
/// `connect(127.0.0.1:9): Connection refused (os error 111)`.
///
/// What berkeley adds to the bare C calls, so programs behave like their Python versions:
///
/// - **Close-on-exec.** Every socket berkeley creates (`new`, `socketpair`, `accept`, `accept4`,
///   `dup`) is close-on-exec (Windows: not inheritable). On Linux and FreeBSD the flag is set by
///   the call that creates the socket, atomically. Apple systems have no `SOCK_CLOEXEC` or
///   `accept4`, so there `FD_CLOEXEC` is set with `fcntl` right after, and a `fork` + `exec` on
///   another thread in between can leak the descriptor into the child. Windows creates sockets
///   non-inheritable (`WSA_FLAG_NO_HANDLE_INHERIT`) but has no such flag for `accept`: berkeley
///   clears `HANDLE_FLAG_INHERIT` right after it, as Python does.
/// - **No `SIGPIPE`.** Writing to a connection the peer has closed returns an `EPIPE` error
///   instead of killing the process: on Linux and FreeBSD every `send`/`sendto` carries
///   `MSG_NOSIGNAL`; on Apple systems the sockets berkeley creates get `SO_NOSIGPIPE` (a socket
///   adopted with `From`/`FromRawFd` keeps its own setting there).
/// - **`EINTR` is retried.** A blocking call interrupted by a signal handler is restarted (as
///   Python does since PEP 475; [`poll`](crate::poll::poll) with the time that remains), so
///   I/O errors never have the kind `Interrupted`. An interrupted `connect` is issued again and
///   then waited for (see [`connect`](Socket::connect)); `close` is never retried (the
///   descriptor is gone either way).
/// - **Timeouts are errors of their own.** When a blocking call gives up because of
///   [`settimeout`](Socket::settimeout) (`SO_RCVTIMEO`/`SO_SNDTIMEO`), the error is
///   [`Error::Timeout`](crate::Error::Timeout) (`recv: timed out (os error 11)`), not "would block".
///
/// The socket is blocking unless it was created with [`Type::nonblocking`] or switched with
/// [`set_nonblocking`](Socket::set_nonblocking) / [`setblocking`](Socket::setblocking); a
/// non-blocking call that would wait fails with kind [`WouldBlock`](std::io::ErrorKind::WouldBlock).
///
/// Python's `sock.fileno()` is `as_raw_fd()` (the `AsRawFd` impl; Windows: `as_raw_socket()`),
/// and `sock.makefile()` is the [`Read`](std::io::Read) and
/// [`Write`](std::io::Write) impls (also on `&Socket`: `BufReader::new(&sock)`).
///
/// Its `Debug` is like Python's `repr`: `Socket { fd: 3, domain: AF_INET, type: SOCK_STREAM,
/// protocol: IPPROTO_TCP, laddr: 127.0.0.1:5000, raddr: 127.0.0.1:40000 }` (fields the OS cannot
/// report are left out).
///
/// ```
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // A TCP server and client on loopback, in C/Python order.
/// let server = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// server.bind("127.0.0.1:0")?;
/// server.listen(128)?;
///
/// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// client.connect(server.getsockname()?)?;
/// let (conn, peer) = server.accept()?;
/// assert_eq!(peer, client.getsockname()?);
///
/// client.sendall(b"hello")?;
/// let mut buf = [0u8; 16];
/// let n = conn.recv(&mut buf)?;
/// assert_eq!(&buf[..n], b"hello");
/// # Ok(()) }
/// ```
#[doc(alias = "fileno")]
#[doc(alias = "makefile")]
pub struct Socket {
    inner: sys::OwnedSocket,
}

/// Runs `f` again while it fails with `EINTR`.
#[inline]
fn retry<T>(mut f: impl FnMut() -> Result<T>) -> Result<T> {
    loop {
        match f() {
            Err(e) if e.is_interrupted() => {}
            other => return other,
        }
    }
}

/// Views an initialised buffer as uninitialised, for the sys calls that fill it.
///
/// # Safety
///
/// The caller must not let anything write `MaybeUninit::uninit()` into the returned slice (the
/// sys receive calls only ever store initialised bytes there): `buf` must still be initialised
/// when the borrow ends.
#[inline]
pub(crate) unsafe fn as_uninit(buf: &mut [u8]) -> &mut [MaybeUninit<u8>] {
    // SAFETY: `[u8]` and `[MaybeUninit<u8>]` have the same layout; the caller upholds that no
    // byte is de-initialised through the returned slice.
    unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) }
}

impl Socket {
    /// `socket(2)` — creates an endpoint for communication.
    ///
    /// C: `int socket(int domain, int type, int protocol);` — Python:
    /// `socket.socket(family, type, proto)`.
    ///
    /// The socket is close-on-exec (Windows: not inheritable). Add [`Type::nonblocking`] to
    /// create it in non-blocking mode: atomically on Linux and FreeBSD (`SOCK_NONBLOCK`);
    /// Apple systems and Windows have no such flag, so there berkeley sets the mode (and, on
    /// Apple, `FD_CLOEXEC`) right after creating the socket.
    ///
    /// Errors: `EAFNOSUPPORT`/`EPROTONOSUPPORT`/`EINVAL` for an unknown domain, type or
    /// protocol; `EACCES`/`EPERM` for a raw socket without privileges; `EMFILE`/`ENFILE` when out
    /// of descriptors.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let tcp = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// let udp6 = Socket::new(Domain::INET6, Type::DGRAM.nonblocking(), Protocol::DEFAULT)?;
    /// #[cfg(unix)] // Windows cannot read the mode back
    /// assert!(udp6.nonblocking()?);
    /// # drop((tcp, udp6)); Ok(()) }
    /// ```
    ///
    /// See [socket(2)](https://man7.org/linux/man-pages/man2/socket.2.html).
    pub fn new(domain: Domain, ty: Type, protocol: Protocol) -> Result<Socket> {
        sys::socket(domain.as_raw(), ty.as_raw(), protocol.as_raw()).map(Socket::from_owned)
    }

    /// `socketpair(2)` — creates a pair of connected sockets.
    ///
    /// C: `int socketpair(int domain, int type, int protocol, int sv[2]);` — Python:
    /// `socket.socketpair(family, type, proto)`.
    ///
    /// Both sockets are close-on-exec. Linux supports only `Domain::UNIX` (with `STREAM`,
    /// `DGRAM` or `SEQPACKET`); other domains fail with `EOPNOTSUPP` or `EAFNOSUPPORT`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let (a, b) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
    /// a.sendall(b"hi")?;
    /// let mut buf = [0u8; 2];
    /// assert_eq!(b.recv(&mut buf)?, 2);
    /// assert_eq!(&buf, b"hi");
    /// # Ok(()) }
    /// ```
    ///
    /// See [socketpair(2)](https://man7.org/linux/man-pages/man2/socketpair.2.html).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    #[doc(alias = "pair")]
    pub fn socketpair(domain: Domain, ty: Type, protocol: Protocol) -> Result<(Socket, Socket)> {
        let (a, b) = sys::socketpair(domain.as_raw(), ty.as_raw(), protocol.as_raw())?;
        Ok((Socket::from_owned(a), Socket::from_owned(b)))
    }

    /// Wraps an owned OS socket.
    #[inline]
    pub(crate) fn from_owned(inner: sys::OwnedSocket) -> Socket {
        Socket { inner }
    }

    /// The raw OS socket, for `sys` calls.
    #[inline]
    pub(crate) fn as_sys(&self) -> sys::RawSocket {
        #[cfg(unix)]
        use std::os::fd::AsRawFd as _;
        #[cfg(windows)]
        use std::os::windows::io::AsRawSocket as _;
        #[cfg(unix)]
        return self.inner.as_raw_fd();
        #[cfg(windows)]
        return self.inner.as_raw_socket();
    }

    /// `bind(2)` — binds the socket to a local address.
    ///
    /// C: `int bind(int fd, const struct sockaddr *addr, socklen_t addrlen);` — Python:
    /// `sock.bind(address)`.
    ///
    /// Port 0 lets the OS choose a free port; read it back with
    /// [`getsockname`](Socket::getsockname).
    ///
    /// Errors name the address: `bind(127.0.0.1:8080): Address already in use (os error 98)`
    /// (`EADDRINUSE`), `EACCES` for a privileged port, `EADDRNOTAVAIL` for an address that is
    /// not local, `EINVAL` if the socket is already bound.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("[::1]:0")?;
    /// assert_ne!(s.getsockname()?.as_in6().unwrap().port(), 0);
    /// # Ok(()) }
    /// ```
    ///
    /// See [bind(2)](https://man7.org/linux/man-pages/man2/bind.2.html).
    pub fn bind(&self, addr: impl ToSockAddr) -> Result<()> {
        sys::bind(self.as_sys(), &*addr.to_sock_addr()?)
    }

    /// `listen(2)` — marks the socket as passive: ready to [`accept`](Socket::accept)
    /// connections.
    ///
    /// C: `int listen(int fd, int backlog);` — Python: `sock.listen(backlog)`.
    ///
    /// `backlog` is the length of the queue of connections not yet accepted; the OS caps it
    /// (`/proc/sys/net/core/somaxconn` on Linux).
    ///
    /// Errors: `EADDRINUSE` if another socket listens on the same port, `EOPNOTSUPP` for a
    /// datagram socket.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.listen(128)?;
    /// # Ok(()) }
    /// ```
    ///
    /// See [listen(2)](https://man7.org/linux/man-pages/man2/listen.2.html).
    pub fn listen(&self, backlog: i32) -> Result<()> {
        sys::listen(self.as_sys(), backlog)
    }

    /// `accept(2)` — waits for a connection and returns a new socket for it, with the peer's
    /// address.
    ///
    /// C: `int accept(int fd, struct sockaddr *addr, socklen_t *addrlen);` — Python:
    /// `conn, address = sock.accept()`.
    ///
    /// The new socket is close-on-exec and **blocking**, whatever the listener's mode, on every
    /// OS (as on Linux; BSD, Apple and Windows `accept` would pass the listener's non-blocking
    /// mode on, so berkeley sets the mode explicitly there, see [`accept4`](Socket::accept4)).
    /// Retries `EINTR`.
    ///
    /// Errors: `EINVAL` if the socket is not listening, `EAGAIN` (kind `WouldBlock`) on a
    /// non-blocking listener with no connection waiting, [`Error::Timeout`](crate::Error::Timeout) when a
    /// [`settimeout`](Socket::settimeout) expires (Linux: other systems' `accept` ignores it),
    /// `EMFILE` when out of descriptors.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// listener.listen(1)?;
    /// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// client.connect(listener.getsockname()?)?;
    ///
    /// let (conn, addr) = listener.accept()?;
    /// assert_eq!(addr, client.getsockname()?);
    /// assert_eq!(conn.getpeername()?, addr);
    /// # Ok(()) }
    /// ```
    ///
    /// See [accept(2)](https://man7.org/linux/man-pages/man2/accept.2.html).
    pub fn accept(&self) -> Result<(Socket, SockAddr)> {
        self.accept4(AcceptFlags::empty())
    }

    /// `accept4(2)` — as [`accept`](Socket::accept), with flags for the new socket:
    /// [`AcceptFlags::NONBLOCK`] makes it non-blocking.
    ///
    /// C: `int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);` (Linux,
    /// FreeBSD) — Python: `conn, address = sock.accept(); conn.setblocking(False)`.
    ///
    /// The new socket is always close-on-exec ([`AcceptFlags::CLOEXEC`] is implied). Linux and
    /// FreeBSD apply the flags in the one `accept4` call; Apple systems and Windows have no
    /// `accept4`, so there berkeley calls `accept` and then sets the mode (`ioctl(FIONBIO)`,
    /// Windows `ioctlsocket`) and close-on-exec (Apple: `FD_CLOEXEC` and `SO_NOSIGPIPE`;
    /// Windows: `SetHandleInformation` clears `HANDLE_FLAG_INHERIT`) — a few calls instead of
    /// one, and not atomic with respect to a concurrent `fork` + `exec` (or `CreateProcess`).
    ///
    /// Errors: those of [`accept`](Socket::accept).
    ///
    /// ```
    /// use berkeley::socket::AcceptFlags;
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// listener.listen(1)?;
    /// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// client.connect(listener.getsockname()?)?;
    ///
    /// let (conn, _) = listener.accept4(AcceptFlags::NONBLOCK)?;
    /// assert!(conn.recv(&mut [0u8; 8]).unwrap_err().is_would_block()); // nothing sent yet
    /// # Ok(()) }
    /// ```
    ///
    /// See [accept4(2)](https://man7.org/linux/man-pages/man2/accept4.2.html).
    pub fn accept4(&self, flags: AcceptFlags) -> Result<(Socket, SockAddr)> {
        let (s, addr) = self.timeouts(retry(|| sys::accept(self.as_sys(), flags.0)), 0)?;
        Ok((Socket::from_owned(s), addr))
    }

    /// `shutdown(2)` — shuts down reading, writing or both on a connection, without closing the
    /// socket.
    ///
    /// C: `int shutdown(int fd, int how);` — Python: `sock.shutdown(socket.SHUT_WR)`.
    ///
    /// After `Shutdown::WRITE` the peer reads end-of-file once it has read everything sent.
    ///
    /// Errors: `ENOTCONN` if the socket is not connected.
    ///
    /// ```
    /// use berkeley::{Shutdown, Socket};
    /// use std::net::{TcpListener, TcpStream};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let listener = TcpListener::bind("127.0.0.1:0")?; // a connected TCP pair on loopback
    /// let a = Socket::from(TcpStream::connect(listener.local_addr()?)?);
    /// let b = Socket::from(listener.accept()?.0);
    /// a.shutdown(Shutdown::WRITE)?;
    /// assert_eq!(b.recv(&mut [0u8; 8])?, 0); // end-of-file
    /// # Ok(()) }
    /// ```
    ///
    /// See [shutdown(2)](https://man7.org/linux/man-pages/man2/shutdown.2.html).
    pub fn shutdown(&self, how: Shutdown) -> Result<()> {
        sys::shutdown(self.as_sys(), how.as_raw())
    }

    /// `getsockname(2)` — the socket's own address (after `bind`, or the one the OS chose).
    ///
    /// C: `int getsockname(int fd, struct sockaddr *addr, socklen_t *addrlen);` — Python:
    /// `sock.getsockname()`.
    ///
    /// An unbound IP socket reports the wildcard address with port 0 (Windows: fails with
    /// `WSAEINVAL`); an unbound UNIX socket an unnamed address.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.bind("127.0.0.1:0")?;
    /// let me = s.getsockname()?.as_socket().unwrap();
    /// assert!(me.ip().is_loopback() && me.port() != 0);
    /// # Ok(()) }
    /// ```
    ///
    /// See [getsockname(2)](https://man7.org/linux/man-pages/man2/getsockname.2.html).
    #[doc(alias = "local_addr")]
    pub fn getsockname(&self) -> Result<SockAddr> {
        sys::getsockname(self.as_sys())
    }

    /// `getpeername(2)` — the address of the connected peer.
    ///
    /// C: `int getpeername(int fd, struct sockaddr *addr, socklen_t *addrlen);` — Python:
    /// `sock.getpeername()`.
    ///
    /// Errors: `ENOTCONN` (kind `NotConnected`) if the socket is not connected.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// use std::io::ErrorKind;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// assert_eq!(s.getpeername().unwrap_err().kind(), ErrorKind::NotConnected);
    /// let to: SockAddr = "127.0.0.1:9".parse()?;
    /// s.connect(&to)?; // UDP: just sets the default destination
    /// assert_eq!(s.getpeername()?, to);
    /// # Ok(()) }
    /// ```
    ///
    /// See [getpeername(2)](https://man7.org/linux/man-pages/man2/getpeername.2.html).
    #[doc(alias = "peer_addr")]
    pub fn getpeername(&self) -> Result<SockAddr> {
        sys::getpeername(self.as_sys())
    }

    /// `fcntl(F_DUPFD_CLOEXEC)` — a second handle to the same socket (close-on-exec).
    ///
    /// C: `fcntl(fd, F_DUPFD_CLOEXEC, 3)` (`dup`; Windows: `WSADuplicateSocketW` +
    /// `WSASocketW`) — Python: `sock.dup()`.
    ///
    /// Both handles share the socket: its options, its mode, its data. The socket closes when the
    /// last handle does.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// let s2 = s.dup()?;
    /// drop(s);
    /// s2.sendto(b"still open", &s2.getsockname()?)?; // the same socket, to itself
    /// assert_eq!(s2.recv(&mut [0u8; 32])?, 10);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html).
    #[doc(alias = "try_clone")]
    pub fn dup(&self) -> Result<Socket> {
        sys::dup(self.as_sys()).map(Socket::from_owned)
    }

    /// `close(2)` — closes the socket and reports the error, if any (dropping it closes it
    /// silently).
    ///
    /// C: `int close(int fd);` — Python: `sock.close()`.
    ///
    /// Never retried: after `EINTR` the descriptor is already gone on Linux.
    ///
    /// Errors: `EBADF` if the descriptor was not open (for example after it was closed behind
    /// berkeley's back), `EIO`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.close()?;
    /// # Ok(()) }
    /// ```
    ///
    /// See [close(2)](https://man7.org/linux/man-pages/man2/close.2.html).
    #[doc(alias = "closesocket")]
    pub fn close(self) -> Result<()> {
        sys::close(self.inner)
    }

    /// `getsockopt(SO_TYPE)` — the socket's type (without creation flags).
    ///
    /// C: `getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len)` — Python: `sock.type`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP)?;
    /// assert_eq!(s.r#type()?, Type::DGRAM);
    /// # Ok(()) }
    /// ```
    ///
    /// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
    pub fn r#type(&self) -> Result<Type> {
        self.getsockopt(crate::sockopt::SoType)
    }

    /// `getsockopt(SO_DOMAIN)` — the socket's domain (address family). Linux only.
    ///
    /// C: `getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len)` — Python: `sock.family`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET6, Type::STREAM, Protocol::TCP)?;
    /// assert_eq!(s.domain()?, Domain::INET6);
    /// # Ok(()) }
    /// ```
    ///
    /// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    #[doc(alias = "family")]
    pub fn domain(&self) -> Result<Domain> {
        self.getsockopt(crate::sockopt::SoDomain)
    }

    /// `getsockopt(SO_PROTOCOL)` — the socket's protocol. Linux only.
    ///
    /// C: `getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len)` — Python: `sock.proto`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::DEFAULT)?;
    /// assert_eq!(s.protocol()?, Protocol::TCP); // the default, resolved
    /// # Ok(()) }
    /// ```
    ///
    /// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    #[doc(alias = "proto")]
    pub fn protocol(&self) -> Result<Protocol> {
        self.getsockopt(crate::sockopt::SoProtocol)
    }
}

/// The flags of [`accept4`](Socket::accept4): what the accepted socket starts with.
///
/// C: the `SOCK_NONBLOCK` / `SOCK_CLOEXEC` flags of `accept4(2)`. Combine with `|`.
///
/// ```
/// use berkeley::socket::AcceptFlags;
///
/// let flags = AcceptFlags::NONBLOCK | AcceptFlags::CLOEXEC;
/// assert!(flags.contains(AcceptFlags::NONBLOCK));
/// assert!(!AcceptFlags::empty().contains(AcceptFlags::NONBLOCK));
/// assert_eq!(format!("{flags:?}"), "SOCK_NONBLOCK | SOCK_CLOEXEC");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AcceptFlags(i32);

impl AcceptFlags {
    /// `SOCK_NONBLOCK`: the accepted socket is non-blocking.
    pub const NONBLOCK: AcceptFlags = AcceptFlags(c::SOCK_NONBLOCK);
    /// `SOCK_CLOEXEC`: the accepted socket is close-on-exec. berkeley always sets it; the
    /// constant is here so C code translates word for word.
    pub const CLOEXEC: AcceptFlags = AcceptFlags(c::SOCK_CLOEXEC);

    /// No flags: a blocking socket (close-on-exec all the same).
    ///
    /// ```
    /// assert_eq!(berkeley::socket::AcceptFlags::empty(), Default::default());
    /// ```
    pub const fn empty() -> AcceptFlags {
        AcceptFlags(0)
    }

    /// Whether every flag of `other` is set in `self`.
    ///
    /// ```
    /// use berkeley::socket::AcceptFlags;
    /// assert!(AcceptFlags::NONBLOCK.contains(AcceptFlags::empty()));
    /// ```
    pub const fn contains(self, other: AcceptFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for AcceptFlags {
    type Output = AcceptFlags;

    fn bitor(self, rhs: AcceptFlags) -> AcceptFlags {
        AcceptFlags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for AcceptFlags {
    fn bitor_assign(&mut self, rhs: AcceptFlags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for AcceptFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names =
            [(AcceptFlags::NONBLOCK, "SOCK_NONBLOCK"), (AcceptFlags::CLOEXEC, "SOCK_CLOEXEC")];
        let mut first = true;
        for (flag, name) in names {
            if self.contains(flag) {
                f.write_str(if first { "" } else { " | " })?;
                f.write_str(name)?;
                first = false;
            }
        }
        if first {
            f.write_str("0")?;
        }
        Ok(())
    }
}

/// Like Python's `repr`: the descriptor (Windows: the handle), domain, type, protocol, and the
/// local and peer addresses when the OS reports them. Each field costs one OS call
/// (`getsockopt`, `getsockname`, `getpeername`); a field the OS cannot report (no peer, an
/// option this OS lacks, a closed descriptor) is left out — `Debug` never fails or panics.
///
/// ```
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.bind("127.0.0.1:0")?;
/// let text = format!("{s:?}");
/// assert!(text.starts_with("Socket { fd: ") || text.starts_with("Socket { handle: "));
/// assert!(text.contains("type: SOCK_STREAM"));
/// assert!(text.contains(&format!("laddr: {}", s.getsockname()?)));
/// assert!(!text.contains("raddr")); // not connected
/// # Ok(()) }
/// ```
impl fmt::Debug for Socket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Socket");
        #[cfg(unix)]
        d.field("fd", &self.as_sys());
        #[cfg(windows)]
        d.field("handle", &self.as_sys());
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let domain = self.domain().ok();
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let domain = None;
        let laddr = self.getsockname().ok();
        // Elsewhere the family of the local address tells the domain.
        if let Some(domain) = domain.or_else(|| laddr.as_ref().map(|a| a.family())) {
            d.field("domain", &domain);
        }
        if let Ok(ty) = self.r#type() {
            d.field("type", &ty);
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let Ok(protocol) = self.protocol() {
            d.field("protocol", &protocol);
        }
        if let Some(laddr) = laddr.filter(|a| !a.is_empty()) {
            d.field("laddr", &format_args!("{laddr}"));
        }
        if let Ok(raddr) = self.getpeername() {
            if !raddr.is_empty() {
                d.field("raddr", &format_args!("{raddr}"));
            }
        }
        d.finish()
    }
}

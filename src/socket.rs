//! [`Socket`]: a socket, its lifecycle and its I/O, under the Berkeley names.

use std::io::{self, IoSlice, IoSliceMut, Read, Write};
use std::mem::MaybeUninit;
use std::time::Duration;

use crate::addr::{SockAddr, ToSockAddr};
use crate::error::{Error, Result};
use crate::poll::{PollFd, PollFlags};
use crate::sys::{self, c};
use crate::types::{Domain, MsgFlags, Protocol, Shutdown, Type};

/// A socket: the Berkeley calls as methods (`bind`, `listen`, `accept`, `connect`, `send`,
/// `recv`, `sendto`, `recvfrom`, ...), closed when dropped.
///
/// Each method is one C call (see its docs for the C signature and the Python equivalent) and
/// reports failure as an [`Error`] that names the call and, where one is involved, the address:
/// `connect(127.0.0.1:9): Connection refused (os error 111)`.
///
/// What berkeley adds to the bare C calls, so programs behave like their Python versions:
///
/// - **Close-on-exec.** Every socket berkeley creates (`new`, `pair`, `accept`, `try_clone`) is
///   close-on-exec, atomically.
/// - **No `SIGPIPE`.** Writing to a connection the peer has closed returns an `EPIPE` error
///   instead of killing the process: on Linux every `send`/`sendto` carries `MSG_NOSIGNAL`; on
///   Apple systems the sockets berkeley creates get `SO_NOSIGPIPE` (a socket adopted with
///   `From`/`FromRawFd` keeps its own setting there).
/// - **`EINTR` is retried.** A blocking call interrupted by a signal handler is restarted (as
///   Python does since PEP 475; [`poll`](crate::poll::poll) with the time that remains), so
///   I/O errors never have the kind `Interrupted`. `connect` is not restarted but waited for,
///   and `close` is never retried (the descriptor is gone either way).
///
/// The socket is blocking unless it was created with [`Type::nonblocking`] or switched with
/// [`set_nonblocking`](Socket::set_nonblocking); a non-blocking call that would wait fails with
/// kind [`WouldBlock`](std::io::ErrorKind::WouldBlock).
///
/// ```
/// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
/// use std::net::SocketAddr;
/// # fn main() -> berkeley::Result<()> {
/// // A TCP server and client on loopback, in C/Python order.
/// let server = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// server.bind(&SockAddr::from("127.0.0.1:0".parse::<SocketAddr>().unwrap()))?;
/// server.listen(128)?;
///
/// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// client.connect(&server.getsockname()?)?;
/// let (conn, peer) = server.accept()?;
/// assert_eq!(peer, client.getsockname()?);
///
/// client.sendall(b"hello")?;
/// let mut buf = [0u8; 16];
/// let n = conn.recv(&mut buf)?;
/// assert_eq!(&buf[..n], b"hello");
/// # Ok(()) }
/// ```
#[derive(Debug)]
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

/// Views an initialised buffer as uninitialised, for calls that fill it.
#[inline]
fn as_uninit(buf: &mut [u8]) -> &mut [MaybeUninit<u8>] {
    // SAFETY: `[u8]` and `[MaybeUninit<u8>]` have the same layout, and every callee that gets
    // this slice (the sys recv calls) only writes initialised bytes into it, never
    // de-initialises any, so `buf` is still initialised when the borrow ends.
    unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) }
}

/// Whether a `connect` error means "started, not finished" (`EINPROGRESS`; Winsock says
/// `EWOULDBLOCK`).
#[inline]
fn in_progress(e: &Error) -> bool {
    matches!(e.raw_os_error(), Some(code) if code == c::EINPROGRESS || code == c::EWOULDBLOCK)
}

impl Socket {
    /// `socket(2)` — creates an endpoint for communication.
    ///
    /// C: `int socket(int domain, int type, int protocol);` — Python:
    /// `socket.socket(family, type, proto)`.
    ///
    /// The socket is close-on-exec. Add [`Type::nonblocking`] to create it in non-blocking mode
    /// atomically (`SOCK_NONBLOCK`; Windows: set with `ioctlsocket(FIONBIO)` right after
    /// `WSASocketW`, and the socket is not inherited by child processes).
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
    /// let (a, b) = Socket::pair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
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
    #[doc(alias = "socketpair")]
    pub fn pair(domain: Domain, ty: Type, protocol: Protocol) -> Result<(Socket, Socket)> {
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
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
    /// s.bind(&SockAddr::from("[::1]:0".parse::<std::net::SocketAddr>().unwrap()))?;
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
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
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
    /// C: `int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, SOCK_CLOEXEC);` —
    /// Python: `conn, address = sock.accept()`.
    ///
    /// The new socket is close-on-exec. On Linux it is blocking whatever the listener's mode;
    /// BSD, Apple and Windows systems give it the listener's non-blocking mode. Retries `EINTR`.
    ///
    /// Errors: `EINVAL` if the socket is not listening, `EAGAIN` (kind `WouldBlock`) on a
    /// non-blocking listener with no connection waiting, `EMFILE` when out of descriptors.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// listener.listen(1)?;
    /// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// client.connect(&listener.getsockname()?)?;
    ///
    /// let (conn, addr) = listener.accept()?;
    /// assert_eq!(addr, client.getsockname()?);
    /// assert_eq!(conn.getpeername()?, addr);
    /// # Ok(()) }
    /// ```
    ///
    /// See [accept(2)](https://man7.org/linux/man-pages/man2/accept.2.html).
    #[doc(alias = "accept4")]
    pub fn accept(&self) -> Result<(Socket, SockAddr)> {
        let (s, addr) = self.timeouts(retry(|| sys::accept(self.as_sys())), 0)?;
        Ok((Socket::from_owned(s), addr))
    }

    /// `connect(2)` — connects the socket to a remote address (for a datagram socket: sets the
    /// default destination and the only source it accepts).
    ///
    /// C: `int connect(int fd, const struct sockaddr *addr, socklen_t addrlen);` — Python:
    /// `sock.connect(address)`.
    ///
    /// If a signal interrupts a blocking connect, the connection carries on in the kernel; like
    /// Python, berkeley then waits for it to finish (with `poll`) and reports its result.
    ///
    /// Errors name the address: `connect(127.0.0.1:9): Connection refused (os error 111)`
    /// (`ECONNREFUSED`, kind `ConnectionRefused`), `ETIMEDOUT`, `ENETUNREACH`, `EISCONN`; on a
    /// non-blocking socket `EINPROGRESS` (wait for [`PollFlags::OUT`], then read `SO_ERROR`).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// use std::io::ErrorKind;
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// let addr = listener.getsockname()?;
    ///
    /// // Bound but not listening: the connection is refused.
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// let err = s.connect(&addr).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
    /// assert!(err.to_string().starts_with(&format!("connect({addr}): ")));
    ///
    /// listener.listen(1)?;
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.connect(&addr)?;
    /// # Ok(()) }
    /// ```
    ///
    /// See [connect(2)](https://man7.org/linux/man-pages/man2/connect.2.html).
    pub fn connect(&self, addr: impl ToSockAddr) -> Result<()> {
        let addr = &*addr.to_sock_addr()?;
        match sys::connect(self.as_sys(), addr) {
            Err(e) if e.is_interrupted() => self.wait_connected(addr, None),
            other => other,
        }
    }

    /// `connect(2)` with a time limit — starts a non-blocking connect, waits for it with `poll`
    /// for at most `timeout`, and reads the result with `SO_ERROR`.
    ///
    /// C: `fcntl(O_NONBLOCK); connect(); poll(POLLOUT, timeout); getsockopt(SO_ERROR)` —
    /// Python: `sock.settimeout(t); sock.connect(address)`.
    ///
    /// The socket's blocking mode is restored afterwards, whether the connect succeeded or not
    /// (Windows cannot read the mode back: there the socket is left blocking).
    /// A signal during the wait is retried with the time that remains.
    ///
    /// Errors: [`Error::InvalidInput`] for a zero timeout; `connect(ADDR): Connection timed out
    /// (os error 110)` (kind `TimedOut`) when the time runs out; otherwise the error `connect`
    /// reports (`ECONNREFUSED`, `ENETUNREACH`, ...), naming the address.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// listener.listen(1)?;
    ///
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.connect_timeout(&listener.getsockname()?, Duration::from_secs(10))?;
    /// #[cfg(unix)] // Windows cannot read the mode back
    /// assert!(!s.nonblocking()?); // blocking again
    /// # Ok(()) }
    /// ```
    ///
    /// See [connect(2)](https://man7.org/linux/man-pages/man2/connect.2.html) (`EINPROGRESS`).
    pub fn connect_timeout(&self, addr: impl ToSockAddr, timeout: Duration) -> Result<()> {
        let addr = &*addr.to_sock_addr()?;
        if timeout.is_zero() {
            return Err(Error::InvalidInput { call: "connect", what: "the timeout is zero" });
        }
        // Windows cannot read the mode back; there, the socket is left blocking.
        #[cfg(unix)]
        let was_nonblocking = sys::nonblocking(self.as_sys())?;
        #[cfg(not(unix))]
        let was_nonblocking = false;
        if !was_nonblocking {
            sys::set_nonblocking(self.as_sys(), true)?;
        }
        let res = match sys::connect(self.as_sys(), addr) {
            Err(e) if in_progress(&e) || e.is_interrupted() => {
                self.wait_connected(addr, Some(timeout))
            }
            other => other,
        };
        let restored =
            if was_nonblocking { Ok(()) } else { sys::set_nonblocking(self.as_sys(), false) };
        res.and(restored)
    }

    /// Waits for a connect in progress to finish and returns its result (`SO_ERROR`).
    fn wait_connected(&self, addr: &SockAddr, timeout: Option<Duration>) -> Result<()> {
        let mut fds = [PollFd::socket(self, PollFlags::OUT)];
        if crate::poll::poll(&mut fds, timeout)? == 0 {
            return Err(Error::os_addr("connect", c::ETIMEDOUT, addr));
        }
        let code = self.sockopt_int(c::SOL_SOCKET, c::SO_ERROR)?;
        if code != 0 {
            return Err(Error::os_addr("connect", code, addr));
        }
        if fds[0].revents().contains(PollFlags::OUT) {
            Ok(())
        } else {
            // Hung up without a pending error: the connection is not there.
            Err(Error::os_addr("connect", c::ENOTCONN, addr))
        }
    }

    /// Reports an `EAGAIN` from a blocking socket (not asked to be non-blocking with
    /// `MSG_DONTWAIT`) as [`Error::Timeout`]: there it means `SO_RCVTIMEO`/`SO_SNDTIMEO` expired.
    /// Costs one `fcntl` on that error path only.
    #[inline]
    fn timeouts<T>(&self, res: Result<T>, flags: i32) -> Result<T> {
        match res {
            Err(e) if e.is_would_block() => Err(self.would_block_or_timeout(e, flags)),
            other => other,
        }
    }

    #[cold]
    fn would_block_or_timeout(&self, e: Error, flags: i32) -> Error {
        #[cfg(unix)]
        if flags & c::MSG_DONTWAIT == 0 && matches!(sys::nonblocking(self.as_sys()), Ok(false)) {
            return e.into_timeout();
        }
        let _ = flags;
        e
    }

    /// Reads an `int` socket option.
    fn sockopt_int(&self, level: i32, name: i32) -> Result<i32> {
        let mut buf = [MaybeUninit::<u8>::uninit(); 4];
        let n = sys::getsockopt(self.as_sys(), level, name, &mut buf)?;
        if n != buf.len() {
            return Err(Error::InvalidInput {
                call: "getsockopt",
                what: "the OS returned an option of unexpected size",
            });
        }
        // SAFETY: the kernel reported writing all 4 bytes.
        Ok(i32::from_ne_bytes(buf.map(|b| unsafe { b.assume_init() })))
    }

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
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.connect(&rx.getsockname()?)?; // UDP: sets the default destination
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
    /// use berkeley::{Domain, MsgFlags, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.connect(&rx.getsockname()?)?;
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
        while !buf.is_empty() {
            match self.send(buf)? {
                0 => {
                    return Err(Error::InvalidInput {
                        call: "send",
                        what: "the OS accepted 0 bytes; the rest cannot be sent",
                    })
                }
                n => buf = &buf[n.min(buf.len())..],
            }
        }
        Ok(())
    }

    /// `sendto(2)` — sends a datagram to `addr`; returns how many bytes were sent.
    ///
    /// C: `ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr
    /// *dest_addr, socklen_t addrlen);` — Python: `sock.sendto(data, address)`.
    ///
    /// Never raises `SIGPIPE`. Retries `EINTR`.
    ///
    /// Errors name the destination: `sendto(127.0.0.1:9): Connection refused` (an ICMP error
    /// from an earlier datagram), `EMSGSIZE`, `EACCES` for a broadcast address without
    /// `SO_BROADCAST`, `EAFNOSUPPORT` for an address of the wrong family.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// assert_eq!(tx.sendto(b"hello", &rx.getsockname()?)?, 5);
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
    /// use berkeley::{Domain, MsgFlags, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.sendto_with_flags(b"hello", &rx.getsockname()?, MsgFlags::DONTROUTE)?;
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
    /// A datagram longer than `buf` is truncated (the rest is lost); on Windows the call then
    /// fails with `WSAEMSGSIZE` (`buf` holds the first `buf.len()` bytes). Retries `EINTR`.
    ///
    /// Errors: `EAGAIN` (kind `WouldBlock`) on a non-blocking socket with no data, or when an
    /// `SO_RCVTIMEO` timeout expires; `ECONNRESET` (kind `ConnectionReset`) when the peer
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
        self.recv_with_flags(buf, MsgFlags::empty())
    }

    /// `recv(2)` with `MSG_*` flags — as [`recv`](Socket::recv), with `flags` passed on.
    ///
    /// C: `recv(fd, buf, len, flags)` — Python: `sock.recv(bufsize, flags)`.
    ///
    /// With [`MsgFlags::TRUNC`] on a datagram socket, Linux returns the datagram's real length,
    /// which can exceed `buf.len()`: only `buf[..n.min(buf.len())]` was written.
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
    /// assert_eq!(b.recv_with_flags(&mut buf, MsgFlags::PEEK)?, 4); // still queued
    /// assert_eq!(b.recv(&mut buf)?, 4);
    /// # Ok(()) }
    /// ```
    ///
    /// See [recv(2)](https://man7.org/linux/man-pages/man2/recv.2.html).
    #[inline]
    pub fn recv_with_flags(&self, buf: &mut [u8], flags: MsgFlags) -> Result<usize> {
        let buf = as_uninit(buf);
        self.timeouts(retry(|| sys::recv(self.as_sys(), buf, flags.as_raw())), flags.as_raw())
    }

    /// `recv(2)` into uninitialised memory — as [`recv`](Socket::recv), without zeroing the
    /// buffer first. The first `n` bytes of `buf` are initialised when it returns `Ok(n)`.
    ///
    /// C: `recv(fd, buf, len, 0)` — Python: `sock.recv_into(buf)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// use std::mem::MaybeUninit;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// s.sendto(b"abc", &s.getsockname()?)?; // to itself
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
    /// `WSAEMSGSIZE`). On a connected stream socket the address is
    /// [empty](SockAddr::is_empty); from an unnamed UNIX socket it has only a family. Retries
    /// `EINTR`.
    ///
    /// Errors: as [`recv`](Socket::recv).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let any = SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap());
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind(&any)?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// tx.bind(&any)?;
    /// tx.sendto(b"hello", &rx.getsockname()?)?;
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
        self.recvfrom_with_flags(buf, MsgFlags::empty())
    }

    /// `recvfrom(2)` with `MSG_*` flags — as [`recvfrom`](Socket::recvfrom), with `flags` passed
    /// on.
    ///
    /// C: `recvfrom(fd, buf, len, flags, &addr, &addrlen)` — Python: `sock.recvfrom(bufsize,
    /// flags)`.
    ///
    /// ```
    /// use berkeley::{Domain, MsgFlags, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// s.sendto(b"peek", &s.getsockname()?)?; // to itself
    /// let mut buf = [0u8; 64];
    /// let (n, from) = s.recvfrom_with_flags(&mut buf, MsgFlags::PEEK)?; // still queued
    /// assert_eq!((n, &from), (4, &s.getsockname()?));
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
    ) -> Result<(usize, SockAddr)> {
        let buf = as_uninit(buf);
        self.timeouts(retry(|| sys::recvfrom(self.as_sys(), buf, flags.as_raw())), flags.as_raw())
    }

    /// `recvfrom(2)` into uninitialised memory — as [`recvfrom`](Socket::recvfrom), without
    /// zeroing the buffer first. The first `n` bytes of `buf` are initialised when it returns
    /// `Ok((n, addr))`.
    ///
    /// C: `recvfrom(fd, buf, len, 0, &addr, &addrlen)` — Python: `sock.recvfrom_into(buf)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// use std::mem::MaybeUninit;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// s.sendto(b"me", &s.getsockname()?)?;
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
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
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
    /// let to = SockAddr::from("127.0.0.1:9".parse::<std::net::SocketAddr>().unwrap());
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

    /// `ioctl(FIONBIO)` — switches non-blocking mode on or off.
    ///
    /// C: `int on = 1; ioctl(fd, FIONBIO, &on);` (Windows: `ioctlsocket`) — Python:
    /// `sock.setblocking(not on)`.
    ///
    /// In non-blocking mode a call that would wait fails with kind `WouldBlock` instead.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// use std::io::ErrorKind;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// s.set_nonblocking(true)?;
    /// assert_eq!(s.recv(&mut [0u8; 8]).unwrap_err().kind(), ErrorKind::WouldBlock);
    /// # Ok(()) }
    /// ```
    ///
    /// See [ioctl_socket(2)](https://man7.org/linux/man-pages/man2/ioctl_socket.2.html)
    /// and [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html) (`O_NONBLOCK`).
    #[doc(alias = "setblocking")]
    pub fn set_nonblocking(&self, on: bool) -> Result<()> {
        sys::set_nonblocking(self.as_sys(), on)
    }

    /// `fcntl(F_GETFL)` — whether the socket is in non-blocking mode (`O_NONBLOCK`).
    ///
    /// C: `fcntl(fd, F_GETFL) & O_NONBLOCK` — Python: `not sock.getblocking()`.
    ///
    /// Unix only: Winsock has no call that reads the mode back (Python remembers it instead).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// assert!(!s.nonblocking()?);
    /// s.set_nonblocking(true)?;
    /// assert!(s.nonblocking()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    #[doc(alias = "getblocking")]
    pub fn nonblocking(&self) -> Result<bool> {
        sys::nonblocking(self.as_sys())
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
    /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind(&SockAddr::from("127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap()))?;
    /// let s2 = s.try_clone()?;
    /// drop(s);
    /// s2.sendto(b"still open", &s2.getsockname()?)?; // the same socket, to itself
    /// assert_eq!(s2.recv(&mut [0u8; 32])?, 10);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html).
    #[doc(alias = "dup")]
    pub fn try_clone(&self) -> Result<Socket> {
        sys::try_clone(self.as_sys()).map(Socket::from_owned)
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
        self.sockopt_int(c::SOL_SOCKET, c::SO_TYPE).map(Type::from_raw)
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
        self.sockopt_int(c::SOL_SOCKET, c::SO_DOMAIN).map(Domain::from_raw)
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
        self.sockopt_int(c::SOL_SOCKET, c::SO_PROTOCOL).map(Protocol::from_raw)
    }
}

// ---- std::io ----------------------------------------------------------------------------------

/// `read` is [`recv`](Socket::recv); `read_vectored` is `recvmsg(2)`. Errors keep their OS code
/// and kind (the call name is dropped: `io::Error` has no room for it).
impl Read for &Socket {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.recv(buf).map_err(io::Error::from)
    }

    fn read_vectored(&mut self, bufs: &mut [IoSliceMut<'_>]) -> io::Result<usize> {
        retry(|| sys::recv_vectored(self.as_sys(), bufs, 0)).map_err(io::Error::from)
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

/// `write` is [`send`](Socket::send) (no `SIGPIPE`); `write_vectored` is `sendmsg(2)`; `flush`
/// does nothing (a socket has no user-space buffer).
impl Write for &Socket {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.send(buf).map_err(io::Error::from)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        retry(|| sys::send_vectored(self.as_sys(), bufs, 0)).map_err(io::Error::from)
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

// ---- descriptors (Unix) -----------------------------------------------------------------------
// Mirrored by the handle impls (Windows) below.

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl std::os::fd::AsFd for Socket {
    #[inline]
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        std::os::fd::AsFd::as_fd(&self.inner)
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl std::os::fd::AsRawFd for Socket {
    #[inline]
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        std::os::fd::AsRawFd::as_raw_fd(&self.inner)
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl std::os::fd::IntoRawFd for Socket {
    #[inline]
    fn into_raw_fd(self) -> std::os::fd::RawFd {
        std::os::fd::IntoRawFd::into_raw_fd(self.inner)
    }
}

/// Takes ownership of a socket descriptor.
///
/// ```
/// use berkeley::Socket;
/// use std::os::fd::{FromRawFd, IntoRawFd};
///
/// let std_sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
/// // SAFETY: the descriptor is open and into_raw_fd gave up ownership of it.
/// let s = unsafe { Socket::from_raw_fd(std_sock.into_raw_fd()) };
/// assert!(s.getsockname().is_ok());
/// ```
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl std::os::fd::FromRawFd for Socket {
    /// # Safety
    ///
    /// `fd` must be an open descriptor that the caller owns and gives up (it will be closed
    /// when the `Socket` is dropped). It should be a socket: other descriptors make every call
    /// fail with `ENOTSOCK`.
    #[inline]
    unsafe fn from_raw_fd(fd: std::os::fd::RawFd) -> Socket {
        // SAFETY: the caller's guarantee is the one OwnedFd::from_raw_fd needs.
        Socket::from_owned(unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) })
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl From<std::os::fd::OwnedFd> for Socket {
    #[inline]
    fn from(fd: std::os::fd::OwnedFd) -> Socket {
        Socket::from_owned(fd)
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl From<Socket> for std::os::fd::OwnedFd {
    #[inline]
    fn from(s: Socket) -> std::os::fd::OwnedFd {
        s.inner
    }
}

// ---- handles (Windows) ------------------------------------------------------------------------
// Mirror the descriptor impls (Unix) above.

#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
impl std::os::windows::io::AsSocket for Socket {
    #[inline]
    fn as_socket(&self) -> std::os::windows::io::BorrowedSocket<'_> {
        std::os::windows::io::AsSocket::as_socket(&self.inner)
    }
}

#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
impl std::os::windows::io::AsRawSocket for Socket {
    #[inline]
    fn as_raw_socket(&self) -> std::os::windows::io::RawSocket {
        std::os::windows::io::AsRawSocket::as_raw_socket(&self.inner)
    }
}

#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
impl std::os::windows::io::IntoRawSocket for Socket {
    #[inline]
    fn into_raw_socket(self) -> std::os::windows::io::RawSocket {
        std::os::windows::io::IntoRawSocket::into_raw_socket(self.inner)
    }
}

/// Takes ownership of a socket handle.
///
/// ```
/// use berkeley::Socket;
/// use std::os::windows::io::{FromRawSocket, IntoRawSocket};
///
/// let std_sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
/// // SAFETY: the handle is open and into_raw_socket gave up ownership of it.
/// let s = unsafe { Socket::from_raw_socket(std_sock.into_raw_socket()) };
/// assert!(s.getsockname().is_ok());
/// ```
#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
impl std::os::windows::io::FromRawSocket for Socket {
    /// # Safety
    ///
    /// `sock` must be an open socket handle that the caller owns and gives up (it will be
    /// closed when the `Socket` is dropped).
    #[inline]
    unsafe fn from_raw_socket(sock: std::os::windows::io::RawSocket) -> Socket {
        // SAFETY: the caller's guarantee is the one OwnedSocket::from_raw_socket needs.
        Socket::from_owned(unsafe { std::os::windows::io::OwnedSocket::from_raw_socket(sock) })
    }
}

#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
impl From<std::os::windows::io::OwnedSocket> for Socket {
    #[inline]
    fn from(sock: std::os::windows::io::OwnedSocket) -> Socket {
        Socket::from_owned(sock)
    }
}

#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
impl From<Socket> for std::os::windows::io::OwnedSocket {
    /// The handle changes owner: no OS call.
    #[inline]
    fn from(s: Socket) -> std::os::windows::io::OwnedSocket {
        s.inner
    }
}

// ---- std's socket types -----------------------------------------------------------------------

/// `From` in both directions between `Socket` and a std socket type (no OS call: the descriptor
/// or handle changes owner).
macro_rules! std_conversions {
    ($($(#[$attr:meta])* $std:ty;)*) => {$(
        $(#[$attr])*
        impl From<$std> for Socket {
            #[inline]
            fn from(s: $std) -> Socket {
                Socket::from_owned(sys::OwnedSocket::from(s))
            }
        }

        $(#[$attr])*
        impl From<Socket> for $std {
            #[inline]
            fn from(s: Socket) -> $std {
                <$std>::from(s.inner)
            }
        }
    )*};
}

std_conversions! {
    std::net::TcpStream;
    std::net::TcpListener;
    std::net::UdpSocket;
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    std::os::unix::net::UnixStream;
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    std::os::unix::net::UnixListener;
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    std::os::unix::net::UnixDatagram;
}

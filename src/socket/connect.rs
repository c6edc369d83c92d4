//! Connecting: `connect` (with Python's timeout and the `EINTR` rule), `connect_timeout`,
//! `connect_ex`.

use std::time::Duration;

use super::Socket;
use crate::addr::{SockAddr, ToSockAddr};
use crate::error::{Error, Result};
use crate::poll::{PollFd, PollFlags};
use crate::sockopt::SoError;
use crate::sys::{self, c};

impl Socket {
    /// `connect(2)` — connects the socket to a remote address (for a datagram socket: sets the
    /// default destination and the only source it accepts).
    ///
    /// C: `int connect(int fd, const struct sockaddr *addr, socklen_t addrlen);` — Python:
    /// `sock.connect(address)`.
    ///
    /// **Timeouts, as in Python.** On a blocking socket with a send timeout (set by
    /// [`settimeout`](Socket::settimeout), or [`SndTimeo`](crate::sockopt::SndTimeo)), connect
    /// gives up after that time: it is then [`connect_timeout`](Socket::connect_timeout) with
    /// the timeout. (Reading the timeout costs one `getsockopt(SO_SNDTIMEO)` per connect, about
    /// 0.4 µs: 1% of a TCP connect on loopback.)
    ///
    /// **Signals.** If a signal interrupts a blocking connect, berkeley issues `connect` again
    /// (UNP §16.3): a connection the kernel carries on with (TCP) is then waited for with `poll`
    /// and its outcome read with `SO_ERROR`; one the signal cancelled (Linux: a UNIX-domain
    /// connect waiting on a full backlog) starts over; `EISCONN` means it completed meanwhile.
    /// `Ok` always means connected.
    ///
    /// Errors name the address: `connect(127.0.0.1:9): Connection refused (os error 111)`
    /// (`ECONNREFUSED`, kind `ConnectionRefused`), `ETIMEDOUT`, `ENETUNREACH`, `EISCONN`; on a
    /// non-blocking socket an error for which [`Error::is_in_progress`] is true (`EINPROGRESS`;
    /// Windows `WSAEWOULDBLOCK`): wait for [`PollFlags::OUT`], then read [`SoError`] — the
    /// whole pattern is shown below. On Unix a non-blocking connect to a UNIX-domain listener
    /// whose backlog is full fails at once with `EAGAIN` (kind `WouldBlock`): nothing is in
    /// progress, try again later.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::io::ErrorKind;
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// let addr = listener.getsockname()?;
    ///
    /// // Bound but not listening: the connection is refused.
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// let err = s.connect(addr).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
    /// assert!(err.to_string().starts_with(&format!("connect({addr}): ")));
    ///
    /// listener.listen(1)?;
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.connect(addr)?;
    /// # Ok(()) }
    /// ```
    ///
    /// A non-blocking connect, step by step (C: `connect` → `EINPROGRESS` → `poll(POLLOUT)` →
    /// `getsockopt(SO_ERROR)`):
    ///
    /// ```
    /// use berkeley::poll::{poll, PollFd, PollFlags};
    /// use berkeley::sockopt::SoError;
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// listener.listen(1)?;
    ///
    /// let s = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP)?;
    /// match s.connect(listener.getsockname()?) {
    ///     Ok(()) => {} // connected at once (can happen on loopback)
    ///     Err(e) if e.is_in_progress() => {
    ///         // Do other work; the socket becomes writable when the connect is done.
    ///         let mut fds = [PollFd::new(&s, PollFlags::OUT)];
    ///         let ready = poll(&mut fds, Some(Duration::from_secs(10)))?;
    ///         assert_eq!(ready, 1, "timed out");
    ///         if let Some(err) = s.getsockopt(SoError)? {
    ///             return Err(err); // the connect failed: ECONNREFUSED, ...
    ///         }
    ///     }
    ///     Err(e) => return Err(e),
    /// }
    /// assert_eq!(s.getpeername()?, listener.getsockname()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [connect(2)](https://man7.org/linux/man-pages/man2/connect.2.html).
    pub fn connect(&self, addr: impl ToSockAddr) -> Result<()> {
        let addr = &*addr.to_sock_addr()?;
        if let Some(timeout) = self.connect_time_limit() {
            return self.connect_timeout(addr, timeout);
        }
        self.finish_connect(addr, sys::connect(self.as_sys(), addr), None)
    }

    /// The time limit [`connect`](Socket::connect) honours: the send timeout of a blocking
    /// socket (what [`settimeout`](Socket::settimeout) sets). If the OS cannot say, there is
    /// none: `connect` itself then reports what is wrong with the socket.
    fn connect_time_limit(&self) -> Option<Duration> {
        let timeout = self.getsockopt(crate::sockopt::SndTimeo).ok()??;
        // Windows cannot read the mode back; a socket with a timeout is blocking there unless
        // the caller switched it after settimeout.
        #[cfg(unix)]
        if sys::nonblocking(self.as_sys()).ok()? {
            return None;
        }
        Some(timeout)
    }

    /// The rule for a `connect` that has been issued and returned `first` (UNP §16.3): after
    /// `EINTR` issue it again; then `EISCONN` means connected, "in progress" (`EINPROGRESS`,
    /// `EALREADY`) means wait for it, anything else is the outcome. A first "in progress" is
    /// waited for only when there is a time limit (`connect_timeout`); without one it is the
    /// non-blocking caller's to handle.
    fn finish_connect(
        &self,
        addr: &SockAddr,
        first: Result<()>,
        timeout: Option<Duration>,
    ) -> Result<()> {
        let mut res = first;
        let mut interrupted = false;
        loop {
            match res {
                Err(e) if e.is_interrupted() => {
                    interrupted = true;
                    res = sys::connect(self.as_sys(), addr);
                }
                Err(e) if interrupted && e.raw_os_error() == Some(c::EISCONN) => return Ok(()),
                Err(e) if e.is_in_progress() && (interrupted || timeout.is_some()) => {
                    return self.wait_connected(addr, timeout);
                }
                other => return other,
            }
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
    /// (os error 110)` (kind `TimedOut`, [`is_timeout`](Error::is_timeout)) when the time runs
    /// out — the kernel may still be trying, so close the socket or call
    /// `connect_timeout` again; otherwise the error `connect` reports (`ECONNREFUSED`,
    /// `ENETUNREACH`, ...), naming the address. On Unix a UNIX-domain listener whose backlog is
    /// full refuses a non-blocking connect at once with `EAGAIN` (kind `WouldBlock`, `connect:
    /// Resource temporarily unavailable`): the kernel queues nothing, so there is nothing to
    /// wait for. That error is returned as it is; a blocking [`connect`](Socket::connect) waits
    /// for room instead.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// listener.listen(1)?;
    ///
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.connect_timeout(listener.getsockname()?, Duration::from_secs(10))?;
    /// #[cfg(unix)] // Windows cannot read the mode back
    /// assert!(s.getblocking()?); // blocking again
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
        let res = self.finish_connect(addr, sys::connect(self.as_sys(), addr), Some(timeout));
        let restored =
            if was_nonblocking { Ok(()) } else { sys::set_nonblocking(self.as_sys(), false) };
        res.and(restored)
    }

    /// Waits for a connect in progress to finish and returns its outcome: `SO_ERROR` if the
    /// socket has one, otherwise `getpeername` decides (UNP §16.3), so `Ok` means connected.
    fn wait_connected(&self, addr: &SockAddr, timeout: Option<Duration>) -> Result<()> {
        let mut fds = [PollFd::socket(self, PollFlags::OUT)];
        if crate::poll::poll(&mut fds, timeout)? == 0 {
            return Err(Error::os_addr("connect", c::ETIMEDOUT, addr));
        }
        if let Some(err) = self.getsockopt(SoError)? {
            let code = err.raw_os_error().unwrap_or(c::ENOTCONN);
            return Err(Error::os_addr("connect", code, addr));
        }
        match sys::getpeername(self.as_sys()) {
            Ok(_) => Ok(()),
            // Writable (or hung up) with no pending error, yet not connected.
            Err(e) if e.raw_os_error() == Some(c::ENOTCONN) => {
                Err(Error::os_addr("connect", c::ENOTCONN, addr))
            }
            Err(e) => Err(e),
        }
    }

    /// Python's `connect_ex` — as [`connect`](Socket::connect), but an OS failure is returned
    /// as its error code instead of an error: `Ok(0)` when connected, `Ok(code)` otherwise
    /// (`errno`; Windows: the `WSAE*` code), for example `EINPROGRESS` from a non-blocking
    /// socket or `ECONNREFUSED`.
    ///
    /// C: `connect(fd, addr, len) == 0 ? 0 : errno` — Python: `err = sock.connect_ex(address)`.
    ///
    /// `Err` is kept for what is not an OS outcome: an address that does not convert
    /// ([`ToSockAddr`] errors such as [`Error::Parse`]) or a bad argument. Match codes with
    /// the `libc`/`windows-sys` constants, or turn one back into an error with
    /// [`Error::os`] to use [`Error::is_in_progress`] and friends.
    ///
    /// ```
    /// use berkeley::{Domain, Error, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// let addr = listener.getsockname()?;
    ///
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// let code = s.connect_ex(addr)?; // not listening yet: refused
    /// assert_ne!(code, 0);
    /// assert_eq!(Error::os("connect", code).kind(), std::io::ErrorKind::ConnectionRefused);
    ///
    /// listener.listen(1)?;
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// assert_eq!(s.connect_ex(addr)?, 0);
    /// assert!(s.connect_ex("not an address").is_err()); // bad input stays an error
    /// # Ok(()) }
    /// ```
    ///
    /// See [connect(2)](https://man7.org/linux/man-pages/man2/connect.2.html).
    pub fn connect_ex(&self, addr: impl ToSockAddr) -> Result<i32> {
        match self.connect(addr) {
            Ok(()) => Ok(0),
            Err(e) => match e.raw_os_error() {
                Some(code) if !matches!(e, Error::Io(_)) => Ok(code),
                _ => Err(e),
            },
        }
    }
}

//! Blocking mode, Python's timeouts, close-on-exec and inheritance.

use std::time::Duration;

use super::Socket;
use crate::error::{Error, Result};
use crate::sockopt::{RcvTimeo, SndTimeo};
use crate::sys;

impl Socket {
    /// `ioctl(FIONBIO)` — switches non-blocking mode on or off.
    ///
    /// C: `int on = 1; ioctl(fd, FIONBIO, &on);` (Windows: `ioctlsocket`) — Python:
    /// `sock.setblocking(not on)` (but see [`setblocking`](Socket::setblocking), which also
    /// clears the timeouts as Python does).
    ///
    /// In non-blocking mode a call that would wait fails with kind `WouldBlock` instead.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::io::ErrorKind;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.set_nonblocking(true)?;
    /// assert_eq!(s.recv(&mut [0u8; 8]).unwrap_err().kind(), ErrorKind::WouldBlock);
    /// # Ok(()) }
    /// ```
    ///
    /// See [ioctl_socket(2)](https://man7.org/linux/man-pages/man2/ioctl_socket.2.html)
    /// and [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html) (`O_NONBLOCK`).
    pub fn set_nonblocking(&self, on: bool) -> Result<()> {
        sys::set_nonblocking(self.as_sys(), on)
    }

    /// `fcntl(F_GETFL)` — whether the socket is in non-blocking mode (`O_NONBLOCK`).
    ///
    /// C: `fcntl(fd, F_GETFL) & O_NONBLOCK` — Python: `not sock.getblocking()`.
    ///
    /// Unix only: Winsock has no call that reads the mode back (Python remembers it in the
    /// socket object; a berkeley `Socket` is only the handle, so it cannot).
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
    pub fn nonblocking(&self) -> Result<bool> {
        sys::nonblocking(self.as_sys())
    }

    /// Python's `settimeout` — how long blocking calls may wait: `None` blocks for ever,
    /// `Some(Duration::ZERO)` makes the socket non-blocking, `Some(t)` blocks for at most `t`.
    ///
    /// C: `ioctl(FIONBIO)` + `setsockopt(SO_RCVTIMEO)` + `setsockopt(SO_SNDTIMEO)` — Python:
    /// `sock.settimeout(t)`.
    ///
    /// - `None`: blocking, no timeout (`SO_RCVTIMEO` and `SO_SNDTIMEO` cleared).
    /// - `Some(Duration::ZERO)`: non-blocking (the timeouts are cleared too, so a later
    ///   `setblocking(true)` blocks for ever, as in Python).
    /// - `Some(t)`: blocking, with `SO_RCVTIMEO` = `SO_SNDTIMEO` = `t` (rounded up to the OS's
    ///   unit: microseconds on Unix, milliseconds on Windows; Linux also rounds up to its clock
    ///   tick). A receiving call that waits longer fails with [`Error::Timeout`] (`recv: timed
    ///   out (os error 11)`, [`is_timeout`](Error::is_timeout); Windows: `WSAETIMEDOUT`, for
    ///   which `is_timeout` is true too), a sending call likewise, and
    ///   [`connect`](Socket::connect) becomes [`connect_timeout`](Socket::connect_timeout) with
    ///   `t` (kind `TimedOut`). [`accept`](Socket::accept) honours it on Linux only: BSD, Apple
    ///   and Windows `accept` ignore `SO_RCVTIMEO` (wait for [`poll`](crate::poll::poll) to
    ///   report the listener readable first).
    ///
    /// [`sendall`](Socket::sendall) honours it for the whole call, as Python does. Difference
    /// from Python: the [`Read`](std::io::Read) /
    /// [`Write`](std::io::Write) impls report an expired timeout as the plain OS error
    /// (`EAGAIN`, kind `WouldBlock`, as std's `TcpStream` does; Windows: `WSAETIMEDOUT`).
    ///
    /// Errors: [`Error::InvalidInput`] for a time too long for the OS's field; the OS errors of
    /// `ioctl`/`setsockopt`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.settimeout(Some(Duration::from_millis(20)))?;
    /// let err = s.recv(&mut [0u8; 16]).unwrap_err(); // nothing arrives
    /// assert!(err.is_timeout());
    /// #[cfg(unix)] // Windows says WSAETIMEDOUT, in its own words
    /// assert!(err.to_string().starts_with("recv: timed out"));
    /// # #[cfg(unix)]
    /// assert!(s.gettimeout()?.is_some()); // 20 ms, rounded up to the OS's clock tick
    /// # Ok(()) }
    /// ```
    ///
    /// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html) (`SO_RCVTIMEO`).
    pub fn settimeout(&self, timeout: Option<Duration>) -> Result<()> {
        let (nonblocking, limit) = match timeout {
            Some(t) if t.is_zero() => (true, None),
            other => (false, other),
        };
        // Set the times first: an over-long time fails before the mode changes.
        self.setsockopt(RcvTimeo, limit)?;
        self.setsockopt(SndTimeo, limit)?;
        sys::set_nonblocking(self.as_sys(), nonblocking)
    }

    /// Python's `gettimeout` — the timeout [`settimeout`](Socket::settimeout) set: `None` for a
    /// blocking socket without a receive timeout, `Some(Duration::ZERO)` for a non-blocking
    /// one, otherwise the receive timeout (`SO_RCVTIMEO`, as the OS rounded it: Linux rounds
    /// up to its clock tick, so 30 ms may read back as 32 ms).
    ///
    /// C: `fcntl(F_GETFL)` + `getsockopt(SO_RCVTIMEO)` — Python: `sock.gettimeout()`.
    ///
    /// Unix only: Winsock cannot read the blocking mode back. (On Windows read the receive
    /// timeout with `getsockopt(RcvTimeo)`.)
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// assert_eq!(s.gettimeout()?, None);
    /// s.settimeout(Some(Duration::from_secs(3)))?;
    /// assert_eq!(s.gettimeout()?, Some(Duration::from_secs(3)));
    /// s.settimeout(Some(Duration::ZERO))?;
    /// assert_eq!(s.gettimeout()?, Some(Duration::ZERO));
    /// # Ok(()) }
    /// ```
    ///
    /// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html) (`SO_RCVTIMEO`).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    pub fn gettimeout(&self) -> Result<Option<Duration>> {
        if sys::nonblocking(self.as_sys())? {
            return Ok(Some(Duration::ZERO));
        }
        self.getsockopt(RcvTimeo)
    }

    /// Python's `setblocking` — `true` is `settimeout(None)` (blocking, no timeout), `false` is
    /// `settimeout(Some(Duration::ZERO))` (non-blocking).
    ///
    /// C: `ioctl(FIONBIO)` (+ clearing `SO_RCVTIMEO`/`SO_SNDTIMEO`) — Python:
    /// `sock.setblocking(flag)`.
    ///
    /// To switch the mode alone, keeping the timeouts, use
    /// [`set_nonblocking`](Socket::set_nonblocking).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.setblocking(false)?;
    /// assert!(s.recv(&mut [0u8; 8]).unwrap_err().is_would_block());
    /// # Ok(()) }
    /// ```
    ///
    /// See [ioctl_socket(2)](https://man7.org/linux/man-pages/man2/ioctl_socket.2.html).
    pub fn setblocking(&self, flag: bool) -> Result<()> {
        self.settimeout(if flag { None } else { Some(Duration::ZERO) })
    }

    /// Python's `getblocking` — whether the socket is in blocking mode (with or without a
    /// timeout): `!`[`nonblocking()`](Socket::nonblocking).
    ///
    /// C: `!(fcntl(fd, F_GETFL) & O_NONBLOCK)` — Python: `sock.getblocking()`.
    ///
    /// Unix only: Winsock has no call that reads the mode back.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP)?;
    /// assert!(!s.getblocking()?);
    /// s.setblocking(true)?;
    /// assert!(s.getblocking()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    pub fn getblocking(&self) -> Result<bool> {
        sys::nonblocking(self.as_sys()).map(|nb| !nb)
    }

    /// `fcntl(F_SETFD, FD_CLOEXEC)` — sets or clears close-on-exec: whether the descriptor is
    /// closed in a program started with `exec`. berkeley's sockets start with it set.
    ///
    /// C: `fcntl(fd, F_SETFD, flags | FD_CLOEXEC)` — Python: `sock.set_inheritable(not on)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// assert!(s.cloexec()?);
    /// s.set_cloexec(false)?; // hand it to a child program
    /// assert!(!s.cloexec()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    #[doc(alias = "FD_CLOEXEC")]
    pub fn set_cloexec(&self, on: bool) -> Result<()> {
        sys::set_cloexec(self.as_sys(), on)
    }

    /// `fcntl(F_GETFD)` — whether close-on-exec (`FD_CLOEXEC`) is set.
    ///
    /// C: `fcntl(fd, F_GETFD) & FD_CLOEXEC` — Python: `not sock.get_inheritable()`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::UNIX, Type::DGRAM, Protocol::DEFAULT)?;
    /// assert!(s.cloexec()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    pub fn cloexec(&self) -> Result<bool> {
        sys::cloexec(self.as_sys())
    }

    /// Python's `set_inheritable` — whether child processes inherit the socket. Unix: clears
    /// (`true`) or sets (`false`) `FD_CLOEXEC`; Windows: sets or clears `HANDLE_FLAG_INHERIT`
    /// with `SetHandleInformation`. berkeley's sockets start non-inheritable.
    ///
    /// C: `fcntl(F_SETFD)` / `SetHandleInformation(h, HANDLE_FLAG_INHERIT, ..)` — Python:
    /// `sock.set_inheritable(flag)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// assert!(!s.get_inheritable()?);
    /// s.set_inheritable(true)?;
    /// assert!(s.get_inheritable()?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html) and
    /// [SetHandleInformation](https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-sethandleinformation).
    pub fn set_inheritable(&self, inheritable: bool) -> Result<()> {
        sys::set_inheritable(self.as_sys(), inheritable)
    }

    /// Python's `get_inheritable` — whether child processes inherit the socket (Unix:
    /// `FD_CLOEXEC` is clear; Windows: `HANDLE_FLAG_INHERIT` is set).
    ///
    /// C: `!(fcntl(fd, F_GETFD) & FD_CLOEXEC)` / `GetHandleInformation` — Python:
    /// `sock.get_inheritable()`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// assert!(!s.get_inheritable()?); // berkeley's sockets are not inherited
    /// # Ok(()) }
    /// ```
    ///
    /// See [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html) and
    /// [GetHandleInformation](https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-gethandleinformation).
    pub fn get_inheritable(&self) -> Result<bool> {
        sys::inheritable(self.as_sys())
    }

    /// Reports an `EAGAIN` from a blocking socket (not asked to be non-blocking with
    /// `MSG_DONTWAIT`) as [`Error::Timeout`]: there it means `SO_RCVTIMEO`/`SO_SNDTIMEO` expired.
    /// Costs one `fcntl` on that error path only.
    #[inline]
    pub(super) fn timeouts<T>(&self, res: Result<T>, flags: i32) -> Result<T> {
        match res {
            Err(e) if e.is_would_block() => Err(self.would_block_or_timeout(e, flags)),
            other => other,
        }
    }

    #[cold]
    fn would_block_or_timeout(&self, e: Error, flags: i32) -> Error {
        // Unix reports an expired SO_RCVTIMEO/SO_SNDTIMEO as EAGAIN, like a non-blocking call
        // that would wait: it is a timeout when neither the socket nor the call is non-blocking.
        #[cfg(unix)]
        if flags & sys::c::MSG_DONTWAIT == 0 && matches!(sys::nonblocking(self.as_sys()), Ok(false))
        {
            return e.into_timeout();
        }
        // Windows reports it as WSAETIMEDOUT, never as WSAEWOULDBLOCK.
        let _ = flags;
        e
    }
}

//! [`poll`]: wait until one of several sockets is ready.
//!
//! ```
//! use berkeley::poll::{poll, PollFd, PollFlags};
//! use berkeley::{Domain, Protocol, Socket, Type};
//! use std::time::Duration;
//! # fn main() -> berkeley::Result<()> {
//! let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
//! a.bind("127.0.0.1:0")?;
//! a.sendto(b"ping", &a.getsockname()?)?; // to itself
//!
//! let mut fds = [PollFd::new(&a, PollFlags::IN)];
//! assert_eq!(poll(&mut fds, Some(Duration::from_secs(10)))?, 1);
//! assert!(fds[0].revents().contains(PollFlags::IN));
//! # Ok(()) }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::macros::c_flags;
use crate::socket::Socket;
use crate::sys::{self, c};

/// Readiness events for [`poll`] (`POLL*`), combinable with `|`.
///
/// C: `struct pollfd.events` / `.revents` — Python: `select.POLLIN`, ...
///
/// ```
/// use berkeley::poll::PollFlags;
///
/// let f = PollFlags::IN | PollFlags::OUT;
/// assert!(f.contains(PollFlags::OUT));
/// assert_eq!(format!("{f:?}"), "POLLIN | POLLOUT");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct PollFlags(i16);

c_flags! {
    PollFlags(i16);
    consts {
        /// `POLLIN`: there is data to read (or a connection to accept, or end-of-file).
        ///
        /// Windows: `POLLRDNORM`. Winsock's own `POLLIN` is `POLLRDNORM | POLLRDBAND`, and
        /// `WSAPoll` reports only the part that happened, so `revents().contains(POLLIN)` would
        /// fail for ordinary data; with `POLLRDNORM` it holds on every platform.
        #[cfg(not(windows))]
        pub const IN: PollFlags = PollFlags(c::POLLIN);
        /// `POLLIN`: there is data to read (or a connection to accept, or end-of-file).
        ///
        /// Windows: `POLLRDNORM`. Winsock's own `POLLIN` is `POLLRDNORM | POLLRDBAND`, and
        /// `WSAPoll` reports only the part that happened, so `revents().contains(POLLIN)` would
        /// fail for ordinary data; with `POLLRDNORM` it holds on every platform.
        #[cfg(windows)]
        pub const IN: PollFlags = PollFlags(c::POLLRDNORM);
        /// `POLLPRI`: there is urgent (out-of-band) data to read. Windows: not supported by
        /// Microsoft's Winsock provider (`WSAPoll` may reject it with `WSAEINVAL`).
        pub const PRI: PollFlags = PollFlags(c::POLLPRI);
        /// `POLLOUT`: writing will not block (or a non-blocking `connect` has finished).
        pub const OUT: PollFlags = PollFlags(c::POLLOUT);
        /// `POLLERR` (output only): an error is pending on the socket (read it with `SO_ERROR`).
        pub const ERR: PollFlags = PollFlags(c::POLLERR);
        /// `POLLHUP` (output only): the peer hung up.
        pub const HUP: PollFlags = PollFlags(c::POLLHUP);
        /// `POLLNVAL` (output only): the descriptor is not open.
        pub const NVAL: PollFlags = PollFlags(c::POLLNVAL);
        /// `POLLRDNORM`: normal data can be read.
        pub const RDNORM: PollFlags = PollFlags(c::POLLRDNORM);
        /// `POLLWRNORM`: normal data can be written.
        pub const WRNORM: PollFlags = PollFlags(c::POLLWRNORM);
    }

    /// No events (`0`).
    ///
    /// ```
    /// assert!(berkeley::poll::PollFlags::empty().is_empty());
    /// ```
    fn empty;

    /// Whether no event is set.
    ///
    /// ```
    /// assert!(!berkeley::poll::PollFlags::IN.is_empty());
    /// ```
    fn is_empty;

    /// Whether every event of `other` is set in `self`.
    ///
    /// ```
    /// use berkeley::poll::PollFlags;
    /// assert!((PollFlags::IN | PollFlags::HUP).contains(PollFlags::HUP));
    /// assert!(!PollFlags::IN.contains(PollFlags::IN | PollFlags::OUT));
    /// ```
    fn contains;

    /// Whether any event of `other` is set in `self`.
    ///
    /// ```
    /// use berkeley::poll::PollFlags;
    /// assert!(PollFlags::IN.intersects(PollFlags::IN | PollFlags::OUT));
    /// ```
    fn intersects;

    /// Wraps raw `POLL*` bits.
    ///
    /// ```
    /// use berkeley::poll::PollFlags;
    /// let raw = PollFlags::IN.as_raw() | PollFlags::OUT.as_raw();
    /// assert_eq!(PollFlags::from_raw(raw), PollFlags::IN | PollFlags::OUT);
    /// #[cfg(unix)]
    /// assert_eq!(PollFlags::from_raw(libc::POLLIN), PollFlags::IN);
    /// #[cfg(windows)] // IN is POLLRDNORM there (see IN)
    /// assert_eq!(PollFlags::from_raw(windows_sys::Win32::Networking::WinSock::POLLRDNORM), PollFlags::IN);
    /// ```
    fn from_raw;

    /// The raw `POLL*` bits (Windows: the `WSAPoll` ones).
    ///
    /// ```
    /// use berkeley::poll::PollFlags;
    /// assert_eq!(PollFlags::OUT.as_raw() & PollFlags::IN.as_raw(), 0);
    /// #[cfg(unix)]
    /// assert_eq!(PollFlags::OUT.as_raw(), libc::POLLOUT);
    /// #[cfg(windows)]
    /// assert_eq!(PollFlags::OUT.as_raw(), windows_sys::Win32::Networking::WinSock::POLLOUT);
    /// ```
    fn as_raw;

    debug {
        IN => "POLLIN",
        PRI => "POLLPRI",
        OUT => "POLLOUT",
        ERR => "POLLERR",
        HUP => "POLLHUP",
        NVAL => "POLLNVAL",
        RDNORM => "POLLRDNORM",
        WRNORM => "POLLWRNORM",
    }
}

/// One entry of the [`poll`] array: a borrowed socket, the events to wait for, and (after the
/// call) the events that occurred.
///
/// C: `struct pollfd { int fd; short events; short revents; }` (Windows: `WSAPOLLFD`, whose `fd`
/// is a `SOCKET`). `PollFd` has exactly that layout (`#[repr(transparent)]`), so `poll` hands the caller's slice to the OS without copying. The
/// lifetime ties it to the socket, so the socket cannot be closed while it is being polled.
///
/// ```
/// use berkeley::poll::{PollFd, PollFlags};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// let fd = PollFd::new(&s, PollFlags::IN | PollFlags::OUT);
/// assert_eq!(fd.events(), PollFlags::IN | PollFlags::OUT);
/// assert!(fd.revents().is_empty()); // nothing yet: poll() fills it
/// # Ok(()) }
/// ```
#[repr(transparent)]
pub struct PollFd<'a> {
    raw: c::pollfd,
    _socket: PhantomData<sys::BorrowedSocket<'a>>,
}

const _: () = assert!(std::mem::size_of::<PollFd<'_>>() == std::mem::size_of::<c::pollfd>());
const _: () = assert!(std::mem::align_of::<PollFd<'_>>() == std::mem::align_of::<c::pollfd>());

impl<'a> PollFd<'a> {
    /// An entry that waits for `events` on `sock`: a [`Socket`], or anything else with a
    /// descriptor (`TcpStream`, `UnixListener`, a pipe, ...): on Unix, any `AsFd`.
    ///
    /// ```
    /// use berkeley::poll::{poll, PollFd, PollFlags};
    /// use std::net::UdpSocket;
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let std_sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut fds = [PollFd::new(&std_sock, PollFlags::OUT)];
    /// assert_eq!(poll(&mut fds, Some(Duration::from_secs(10)))?, 1); // UDP is writable at once
    /// # Ok(()) }
    /// ```
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    pub fn new<S: std::os::fd::AsFd + ?Sized>(sock: &'a S, events: PollFlags) -> PollFd<'a> {
        use std::os::fd::AsRawFd as _;
        PollFd::from_sys(sock.as_fd().as_raw_fd(), events)
    }

    /// An entry that waits for `events` on `sock`: a [`Socket`], or anything else with a
    /// handle (`TcpStream`, `UdpSocket`, ...): on Windows, any `AsSocket`.
    ///
    /// ```
    /// use berkeley::poll::{poll, PollFd, PollFlags};
    /// use std::net::UdpSocket;
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let std_sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut fds = [PollFd::new(&std_sock, PollFlags::OUT)];
    /// assert_eq!(poll(&mut fds, Some(Duration::from_secs(10)))?, 1); // UDP is writable at once
    /// # Ok(()) }
    /// ```
    #[cfg(windows)]
    #[cfg_attr(docsrs, doc(cfg(windows)))]
    pub fn new<S: std::os::windows::io::AsSocket + ?Sized>(
        sock: &'a S,
        events: PollFlags,
    ) -> PollFd<'a> {
        use std::os::windows::io::AsRawSocket as _;
        PollFd::from_sys(sock.as_socket().as_raw_socket(), events)
    }

    /// An entry for a berkeley [`Socket`] (the portable constructor used inside the crate).
    #[inline]
    pub(crate) fn socket(sock: &'a Socket, events: PollFlags) -> PollFd<'a> {
        PollFd::from_sys(sock.as_sys(), events)
    }

    #[inline]
    fn from_sys(fd: sys::RawSocket, events: PollFlags) -> PollFd<'a> {
        // WSAPOLLFD.fd is a SOCKET (usize), not the u64 RawSocket; every value fits.
        #[cfg(windows)]
        let fd = fd as c::SOCKET;
        PollFd { raw: c::pollfd { fd, events: events.0, revents: 0 }, _socket: PhantomData }
    }

    /// The events this entry waits for.
    ///
    /// ```
    /// # use berkeley::poll::{PollFd, PollFlags};
    /// # let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// assert_eq!(PollFd::new(&s, PollFlags::IN).events(), PollFlags::IN);
    /// ```
    #[inline]
    pub fn events(&self) -> PollFlags {
        PollFlags(self.raw.events)
    }

    /// Changes the events to wait for (for the next [`poll`] call).
    ///
    /// ```
    /// # use berkeley::poll::{PollFd, PollFlags};
    /// # let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut fd = PollFd::new(&s, PollFlags::IN);
    /// fd.set_events(PollFlags::OUT);
    /// assert_eq!(fd.events(), PollFlags::OUT);
    /// ```
    #[inline]
    pub fn set_events(&mut self, events: PollFlags) {
        self.raw.events = events.0;
    }

    /// The events the last [`poll`] call reported for this entry (empty before the first call).
    /// `ERR`, `HUP` and `NVAL` may appear even if not asked for.
    ///
    /// ```
    /// use berkeley::poll::{poll, PollFd, PollFlags};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut fds = [PollFd::new(&s, PollFlags::IN)];
    /// assert_eq!(poll(&mut fds, Some(Duration::ZERO))?, 0); // nothing to read
    /// assert!(fds[0].revents().is_empty());
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn revents(&self) -> PollFlags {
        PollFlags(self.raw.revents)
    }
}

impl fmt::Debug for PollFd<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollFd")
            .field("fd", &self.raw.fd)
            .field("events", &self.events())
            .field("revents", &self.revents())
            .finish()
    }
}

/// `poll(2)` — waits until one of the sockets is ready, or the timeout expires; returns how many
/// entries have events (0 on timeout).
///
/// C: `int poll(struct pollfd *fds, nfds_t nfds, int timeout);` — Python:
/// `select.poll()` with `.register(sock, select.POLLIN)` and `.poll(timeout_ms)`.
///
/// `timeout` is `None` to wait forever; otherwise it is rounded **up** to whole milliseconds (so
/// a 1 µs timeout waits 1 ms, never 0), and timeouts longer than `poll`'s `int` can express are
/// waited out in several calls. A signal that interrupts the wait (`EINTR`) is retried with the
/// time that remains, as Python does since PEP 475. Read each entry's result with
/// [`PollFd::revents`].
///
/// Errors: `poll: Invalid argument (os error 22)` (`EINVAL`) for more entries than
/// `RLIMIT_NOFILE`, `ENOMEM`. A closed descriptor is not an error: its entry reports `NVAL`.
///
/// Windows: `WSAPoll`. It rejects an empty `fds` with `WSAEINVAL` (Unix waits out the
/// timeout), and Microsoft's provider does not support the `PRI` event.
///
/// ```
/// use berkeley::poll::{poll, PollFd, PollFlags};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// listener.bind("127.0.0.1:0")?;
/// listener.listen(1)?;
///
/// let mut fds = [PollFd::new(&listener, PollFlags::IN)];
/// assert_eq!(poll(&mut fds, Some(Duration::from_millis(1)))?, 0); // no client yet
///
/// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// client.connect(&listener.getsockname()?)?;
/// assert_eq!(poll(&mut fds, None)?, 1); // a connection waits to be accepted
/// assert!(fds[0].revents().contains(PollFlags::IN));
/// # Ok(()) }
/// ```
///
/// See [poll(2)](https://man7.org/linux/man-pages/man2/poll.2.html).
pub fn poll(fds: &mut [PollFd<'_>], timeout: Option<Duration>) -> Result<usize> {
    // SAFETY: PollFd is #[repr(transparent)] over c::pollfd (its other field is a zero-sized
    // PhantomData), so the slice has the same layout as a slice of pollfd of the same length.
    let raw = unsafe { &mut *(fds as *mut [PollFd<'_>] as *mut [c::pollfd]) };
    let Some(timeout) = timeout else {
        return loop {
            match sys::poll(raw, -1) {
                Err(e) if e.is_interrupted() => continue,
                other => break other,
            }
        };
    };
    // A deadline too far away to represent is as good as forever.
    let deadline = Instant::now().checked_add(timeout);
    let mut remaining = timeout;
    loop {
        let (ms, clamped) = ceil_millis(remaining);
        match sys::poll(raw, ms) {
            Ok(0) if clamped || deadline.is_none() => {}
            Err(e) if e.is_interrupted() => {}
            other => return other,
        }
        if let Some(deadline) = deadline {
            remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                // The deadline passed while we were interrupted: one last look, no waiting.
                return loop {
                    match sys::poll(raw, 0) {
                        Err(e) if e.is_interrupted() => continue,
                        other => break other,
                    }
                };
            }
        }
    }
}

/// `d` in milliseconds, rounded up, and whether it had to be clamped to `i32::MAX`.
fn ceil_millis(d: Duration) -> (i32, bool) {
    let ms = d.as_nanos().div_ceil(1_000_000);
    match i32::try_from(ms) {
        Ok(ms) => (ms, false),
        Err(_) => (i32::MAX, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    #[cfg_attr(miri, ignore)] // socketpair(2), which Miri cannot run
    fn poll_fd_debug_shows_descriptor_and_flags() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let p = PollFd::new(&a, PollFlags::IN);
        let fd = std::os::fd::AsRawFd::as_raw_fd(&a);
        assert_eq!(format!("{p:?}"), format!("PollFd {{ fd: {fd}, events: POLLIN, revents: 0 }}"));
    }

    #[test]
    fn ceil_millis_rounds_up_and_clamps() {
        assert_eq!(ceil_millis(Duration::ZERO), (0, false));
        assert_eq!(ceil_millis(Duration::from_nanos(1)), (1, false));
        assert_eq!(ceil_millis(Duration::from_micros(1500)), (2, false));
        assert_eq!(ceil_millis(Duration::from_millis(7)), (7, false));
        assert_eq!(ceil_millis(Duration::from_millis(i32::MAX as u64)), (i32::MAX, false));
        assert_eq!(ceil_millis(Duration::from_millis(i32::MAX as u64 + 1)), (i32::MAX, true));
        assert_eq!(ceil_millis(Duration::MAX), (i32::MAX, true));
    }

    #[test]
    fn debug_prints_c_names() {
        assert_eq!(format!("{:?}", PollFlags::empty()), "0");
        assert_eq!(format!("{:?}", PollFlags::HUP | PollFlags::ERR), "POLLERR | POLLHUP");
        assert_eq!(format!("{:?}", PollFlags::from_raw(0x4000)), "0x4000");
    }
}

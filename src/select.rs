//! [`select`]: the classic readiness call, over [`FdSet`]s.
//!
//! [`poll`](crate::poll::poll) does the same job without `select`'s limits (below) and is the
//! better choice for new code; `select` is here because every C course and a lot of ported code
//! uses it, and because Windows programs have used it since Winsock 1.
//!
//! The limits of an [`FdSet`] differ by platform:
//!
//! - **Unix**: a bitmap indexed by descriptor number, so it holds only descriptors below
//!   `FD_SETSIZE` (1024), however few there are. C's `FD_SET` writes past the set for a larger
//!   descriptor; [`FdSet::insert`] returns an `InvalidInput` error instead.
//! - **Windows**: an array of up to `FD_SETSIZE` (64) socket handles, whatever their values;
//!   inserting a 65th is the error. Winsock ignores `nfds` and rejects a `select` whose three
//!   sets are all empty (`WSAEINVAL`), where Unix just waits out the timeout.
//!
//! ```
//! use berkeley::select::{select, FdSet};
//! use berkeley::{Domain, Protocol, Socket, Type};
//! use std::time::Duration;
//! # fn main() -> berkeley::Result<()> {
//! let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
//! a.bind("127.0.0.1:0")?;
//! a.sendto(b"ping", &a.getsockname()?)?; // to itself
//!
//! let mut readable = FdSet::new();
//! readable.insert(&a)?;
//! assert_eq!(select(Some(&mut readable), None, None, Some(Duration::from_secs(10)))?, 1);
//! assert!(readable.contains(&a));
//! # Ok(()) }
//! ```
//!
//! Tested on Linux and on Windows under wine; compiled and linted for macOS and FreeBSD.

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::sys;

#[cfg(unix)]
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
#[cfg(windows)]
use std::os::windows::io::{AsRawSocket, AsSocket, BorrowedSocket};

/// A set of sockets for [`select`] (C: `fd_set` with `FD_ZERO`/`FD_SET`/`FD_CLR`/`FD_ISSET`).
///
/// The lifetime ties the set to the sockets in it, so none can be closed while the set can
/// still hand it out. [`select`] leaves in each set only the sockets that are ready; test them
/// with [`contains`](FdSet::contains) or walk them with [`iter`](FdSet::iter). Refill the sets
/// before each call, as in C (or keep a copy: `FdSet` is `Clone`).
///
/// Capacity: on Unix, descriptors below `FD_SETSIZE` (1024); on Windows, 64 handles (see the
/// [module docs](self)).
///
/// ```
/// use berkeley::select::FdSet;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let b = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let mut set = FdSet::new();
/// set.insert(&a)?;
/// set.insert(&b)?;
/// assert_eq!(set.len(), 2);
/// set.remove(&a);
/// assert!(!set.contains(&a) && set.contains(&b));
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[doc(alias = "fd_set")]
pub struct FdSet<'a> {
    raw: sys::RawFdSet,
    #[cfg(unix)]
    _sockets: PhantomData<BorrowedFd<'a>>,
    #[cfg(windows)]
    _sockets: PhantomData<BorrowedSocket<'a>>,
}

impl Default for FdSet<'_> {
    fn default() -> Self {
        FdSet::new()
    }
}

impl<'a> FdSet<'a> {
    /// An empty set (C: `FD_ZERO`).
    ///
    /// ```
    /// assert!(berkeley::select::FdSet::new().is_empty());
    /// ```
    #[doc(alias = "FD_ZERO")]
    pub fn new() -> FdSet<'a> {
        FdSet { raw: sys::RawFdSet::new(), _sockets: PhantomData }
    }

    /// Adds a socket (C: `FD_SET`): a [`Socket`](crate::Socket), or anything else with a
    /// descriptor (on Unix any `AsFd`, on Windows any `AsSocket`). Adding a member again does
    /// nothing.
    ///
    /// Errors: `InvalidInput` (call `FD_SET`) for a descriptor ≥ `FD_SETSIZE` (1024) on Unix
    /// — C would write past the set — or a 65th socket on Windows. Use
    /// [`poll`](crate::poll::poll) for those.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// set.insert(&s)?;
    /// set.insert(&s)?; // already there
    /// assert_eq!(set.len(), 1);
    /// # Ok(()) }
    /// ```
    #[doc(alias = "FD_SET")]
    #[cfg(unix)]
    pub fn insert<S: AsFd + ?Sized>(&mut self, sock: &'a S) -> Result<()> {
        self.raw.insert(sock.as_fd().as_raw_fd())
    }

    /// Adds a socket (C: `FD_SET`): a [`Socket`](crate::Socket), or anything else with a
    /// handle (on Unix any `AsFd`, on Windows any `AsSocket`). Adding a member again does
    /// nothing.
    ///
    /// Errors: `InvalidInput` (call `FD_SET`) for a descriptor ≥ `FD_SETSIZE` (1024) on Unix
    /// — C would write past the set — or a 65th socket on Windows. Use
    /// [`poll`](crate::poll::poll) for those.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// set.insert(&s)?;
    /// set.insert(&s)?; // already there
    /// assert_eq!(set.len(), 1);
    /// # Ok(()) }
    /// ```
    #[doc(alias = "FD_SET")]
    #[cfg(windows)]
    pub fn insert<S: AsSocket + ?Sized>(&mut self, sock: &'a S) -> Result<()> {
        self.raw.insert(sock.as_socket().as_raw_socket())
    }

    /// Removes a socket (C: `FD_CLR`); returns whether it was a member.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// set.insert(&s)?;
    /// assert!(set.remove(&s));
    /// assert!(!set.remove(&s));
    /// # Ok(()) }
    /// ```
    #[doc(alias = "FD_CLR")]
    #[cfg(unix)]
    pub fn remove<S: AsFd + ?Sized>(&mut self, sock: &S) -> bool {
        self.remove_raw(sock.as_fd().as_raw_fd())
    }

    /// Removes a socket (C: `FD_CLR`); returns whether it was a member.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// set.insert(&s)?;
    /// assert!(set.remove(&s));
    /// assert!(!set.remove(&s));
    /// # Ok(()) }
    /// ```
    #[doc(alias = "FD_CLR")]
    #[cfg(windows)]
    pub fn remove<S: AsSocket + ?Sized>(&mut self, sock: &S) -> bool {
        self.remove_raw(sock.as_socket().as_raw_socket())
    }

    fn remove_raw(&mut self, s: sys::RawSocket) -> bool {
        let was = self.raw.contains(s);
        self.raw.remove(s);
        was
    }

    /// Whether a socket is in the set (C: `FD_ISSET`) — after [`select`], whether it is ready.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// assert!(!set.contains(&s));
    /// set.insert(&s)?;
    /// assert!(set.contains(&s));
    /// # Ok(()) }
    /// ```
    #[doc(alias = "FD_ISSET")]
    #[cfg(unix)]
    pub fn contains<S: AsFd + ?Sized>(&self, sock: &S) -> bool {
        self.raw.contains(sock.as_fd().as_raw_fd())
    }

    /// Whether a socket is in the set (C: `FD_ISSET`) — after [`select`], whether it is ready.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// assert!(!set.contains(&s));
    /// set.insert(&s)?;
    /// assert!(set.contains(&s));
    /// # Ok(()) }
    /// ```
    #[doc(alias = "FD_ISSET")]
    #[cfg(windows)]
    pub fn contains<S: AsSocket + ?Sized>(&self, sock: &S) -> bool {
        self.raw.contains(sock.as_socket().as_raw_socket())
    }

    /// Empties the set (C: `FD_ZERO`).
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// set.insert(&s)?;
    /// set.clear();
    /// assert!(set.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn clear(&mut self) {
        self.raw = sys::RawFdSet::new();
    }

    /// The sockets in the set, in ascending descriptor order on Unix and insertion order on
    /// Windows.
    ///
    /// ```
    /// use berkeley::select::FdSet;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = FdSet::new();
    /// set.insert(&s)?;
    /// # #[cfg(unix)] {
    /// use std::os::fd::{AsFd, AsRawFd};
    /// let members: Vec<_> = set.iter().map(|fd| fd.as_raw_fd()).collect();
    /// assert_eq!(members, [s.as_fd().as_raw_fd()]);
    /// # }
    /// # Ok(()) }
    /// ```
    pub fn iter(&self) -> Iter<'_, 'a> {
        Iter { set: self, pos: 0 }
    }

    /// How many sockets are in the set.
    ///
    /// ```
    /// assert_eq!(berkeley::select::FdSet::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(berkeley::select::FdSet::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl fmt::Debug for FdSet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut pos = 0;
        let mut list = f.debug_set();
        while let Some(s) = self.raw.next_from(&mut pos) {
            list.entry(&s);
        }
        list.finish()
    }
}

/// The sockets of an [`FdSet`], from [`FdSet::iter`]: borrowed descriptors (Unix) or handles
/// (Windows), valid as long as the set's sockets.
///
/// ```
/// use berkeley::select::FdSet;
/// let set = FdSet::new();
/// assert_eq!(set.iter().count(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct Iter<'s, 'a> {
    set: &'s FdSet<'a>,
    pos: usize,
}

impl<'a> Iterator for Iter<'_, 'a> {
    #[cfg(unix)]
    type Item = BorrowedFd<'a>;
    #[cfg(windows)]
    type Item = BorrowedSocket<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.set.raw.next_from(&mut self.pos)?;
        // SAFETY: every member was inserted from a `&'a` borrow of an open socket (`insert` is
        // the only way in; `select` only removes members), so it stays open for `'a`.
        #[cfg(unix)]
        let borrowed = unsafe { BorrowedFd::borrow_raw(s) };
        // SAFETY: as above.
        #[cfg(windows)]
        let borrowed = unsafe { BorrowedSocket::borrow_raw(s) };
        Some(borrowed)
    }
}

/// `select(2)` — waits until a socket of `readfds` is readable, one of `writefds` writable, or
/// one of `exceptfds` has an exceptional condition (out-of-band data), or the timeout expires;
/// returns how many (socket, set) pairs are ready (0 on timeout) and leaves in each set only
/// its ready sockets.
///
/// C: `int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct
/// timeval *timeout);` — Python: `select.select(rlist, wlist, xlist, timeout)`. berkeley
/// computes `nfds` from the sets.
///
/// `timeout` is `None` to wait forever; otherwise it is rounded **up** to whole microseconds,
/// and timeouts longer than a `timeval` can express are waited out in several calls. A signal
/// that interrupts the wait (`EINTR`) is retried with the sets as the caller filled them and the
/// time that remains, as Python does since PEP 475.
///
/// Errors: `select: Bad file descriptor (os error 9)` (`EBADF`) when a set holds a closed
/// descriptor; on Windows `WSAEINVAL` when all three sets are empty or `None`, and `WSAENOTSOCK`
/// for a handle that is not a socket. [`poll`](crate::poll::poll) has neither `select`'s
/// `FD_SETSIZE` limit nor its cost of scanning every descriptor below the highest.
///
/// ```
/// use berkeley::select::{select, FdSet};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// listener.bind("127.0.0.1:0")?;
/// listener.listen(1)?;
///
/// let mut r = FdSet::new();
/// r.insert(&listener)?;
/// assert_eq!(select(Some(&mut r.clone()), None, None, Some(Duration::from_millis(1)))?, 0);
///
/// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// client.connect(&listener.getsockname()?)?;
/// assert_eq!(select(Some(&mut r), None, None, None)?, 1); // a connection waits
/// assert!(r.contains(&listener));
/// # Ok(()) }
/// ```
///
/// See [select(2)](https://man7.org/linux/man-pages/man2/select.2.html).
pub fn select(
    readfds: Option<&mut FdSet<'_>>,
    writefds: Option<&mut FdSet<'_>>,
    exceptfds: Option<&mut FdSet<'_>>,
    timeout: Option<Duration>,
) -> Result<usize> {
    let mut r = readfds.map(|s| &mut s.raw);
    let mut w = writefds.map(|s| &mut s.raw);
    let mut x = exceptfds.map(|s| &mut s.raw);
    let nfds = [r.as_deref(), w.as_deref(), x.as_deref()]
        .into_iter()
        .flatten()
        .map(sys::RawFdSet::nfds)
        .max()
        .unwrap_or(0);
    // What the caller asked for, to ask again after EINTR (the OS may have changed the sets).
    let asked = [r.as_deref().copied(), w.as_deref().copied(), x.as_deref().copied()];
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    let mut remaining = timeout;
    loop {
        let (tv, clamped) = match remaining {
            Some(d) => {
                let (secs, micros, clamped) = ceil_timeval(d);
                (Some(sys::timeval(secs, micros)), clamped)
            }
            None => (None, false),
        };
        let rc = sys::select(nfds, r.as_deref_mut(), w.as_deref_mut(), x.as_deref_mut(), tv);
        match rc {
            Ok(0) if clamped || (timeout.is_some() && deadline.is_none()) => {}
            Err(e) if e.is_interrupted() => {}
            other => return other,
        }
        // Interrupted, or a clamped wait ran out: restore the sets and wait for what is left.
        for (set, raw) in [&mut r, &mut w, &mut x].into_iter().zip(asked) {
            if let (Some(set), Some(raw)) = (set.as_deref_mut(), raw) {
                *set = raw;
            }
        }
        if let Some(deadline) = deadline {
            remaining = Some(deadline.saturating_duration_since(Instant::now()));
        }
    }
}

/// `d` as whole seconds and microseconds rounded up, and whether it had to be clamped to
/// `i32::MAX` seconds (the most a Winsock `TIMEVAL` holds; a 68-year wait).
fn ceil_timeval(d: Duration) -> (i32, i32, bool) {
    let micros = d.as_nanos().div_ceil(1_000);
    let secs = micros / 1_000_000;
    match i32::try_from(secs) {
        Ok(secs) => (secs, (micros % 1_000_000) as i32, false),
        Err(_) => (i32::MAX, 0, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceil_timeval_rounds_up_and_clamps() {
        assert_eq!(ceil_timeval(Duration::ZERO), (0, 0, false));
        assert_eq!(ceil_timeval(Duration::from_nanos(1)), (0, 1, false));
        assert_eq!(ceil_timeval(Duration::from_nanos(1_000_001)), (0, 1001, false));
        assert_eq!(ceil_timeval(Duration::from_millis(2500)), (2, 500_000, false));
        assert_eq!(ceil_timeval(Duration::from_nanos(999_999_999)), (1, 0, false));
        assert_eq!(ceil_timeval(Duration::from_secs(i32::MAX as u64)), (i32::MAX, 0, false));
        assert_eq!(ceil_timeval(Duration::from_secs(i32::MAX as u64 + 1)), (i32::MAX, 0, true));
        assert_eq!(ceil_timeval(Duration::MAX), (i32::MAX, 0, true));
    }
}

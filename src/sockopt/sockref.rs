//! [`SockRef`]: a borrowed socket of any owner, for the option calls.

use std::fmt;
use std::marker::PhantomData;

use crate::sys;

#[cfg(unix)]
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
#[cfg(windows)]
use std::os::windows::io::{AsRawSocket, AsSocket, BorrowedSocket, RawSocket};

/// A borrowed socket: what [`setsockopt`](super::setsockopt) and
/// [`getsockopt`](super::getsockopt) (and the [`SetSockOpt`](super::SetSockOpt) and
/// [`GetSockOpt`](super::GetSockOpt) traits) take, so options work on any socket — berkeley's
/// [`Socket`](crate::Socket), `std::net`'s `TcpStream`, `TcpListener`, `UdpSocket` and
/// `UnixStream`, tokio's and socket2's sockets, a `BorrowedFd`.
///
/// Built with `From` from a reference to anything that implements `AsFd` (Unix) or `AsSocket`
/// (Windows), which the option functions do for you: pass `&stream`. The borrow keeps the
/// socket open for as long as the `SockRef` lives; nothing is closed when it is dropped.
/// Socket2's `SockRef` is the model.
///
/// ```
/// use berkeley::sockopt::{self, ReuseAddr, SockRef};
/// use std::net::TcpListener;
/// # fn main() -> berkeley::Result<()> {
/// let listener = TcpListener::bind("127.0.0.1:0")?;
/// let s = SockRef::from(&listener);
/// sockopt::setsockopt(s, ReuseAddr, true)?;
/// assert!(sockopt::getsockopt(s, ReuseAddr)?); // SockRef is Copy
/// # Ok(()) }
/// ```
///
/// An option on a socket that is not one (a pipe, a file) is an OS error (`ENOTSOCK`), never
/// undefined behaviour:
///
/// ```
/// # #[cfg(unix)] {
/// use berkeley::sockopt::{self, SoType};
/// let file = std::fs::File::open("/dev/null")?;
/// let err = sockopt::getsockopt(&file, SoType).unwrap_err();
/// assert_eq!(err.raw_os_error(), Some(libc::ENOTSOCK));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct SockRef<'s> {
    raw: sys::RawSocket,
    /// The borrow of the socket's owner.
    _owner: PhantomData<&'s ()>,
}

impl SockRef<'_> {
    /// The raw OS socket, for `sys` calls. Valid while `self` (and so the borrow) lives.
    #[inline]
    pub(crate) fn as_sys(self) -> sys::RawSocket {
        self.raw
    }
}

#[cfg(unix)]
impl<'s, S: AsFd + ?Sized> From<&'s S> for SockRef<'s> {
    /// Borrows the descriptor of `socket` (`AsFd`: berkeley's, std's, tokio's sockets, a
    /// `BorrowedFd`).
    #[inline]
    fn from(socket: &'s S) -> SockRef<'s> {
        SockRef::from(socket.as_fd())
    }
}

#[cfg(unix)]
impl<'s> From<BorrowedFd<'s>> for SockRef<'s> {
    /// Wraps a borrowed descriptor.
    #[inline]
    fn from(fd: BorrowedFd<'s>) -> SockRef<'s> {
        SockRef { raw: fd.as_raw_fd(), _owner: PhantomData }
    }
}

#[cfg(unix)]
impl AsFd for SockRef<'_> {
    #[inline]
    fn as_fd(&self) -> BorrowedFd<'_> {
        // SAFETY: `raw` came from a `BorrowedFd<'s>` whose borrow `self` carries, so it is an
        // open descriptor for at least as long as `self`.
        unsafe { BorrowedFd::borrow_raw(self.raw) }
    }
}

#[cfg(unix)]
impl AsRawFd for SockRef<'_> {
    #[inline]
    fn as_raw_fd(&self) -> RawFd {
        self.raw
    }
}

#[cfg(windows)]
impl<'s, S: AsSocket + ?Sized> From<&'s S> for SockRef<'s> {
    /// Borrows the handle of `socket` (`AsSocket`: berkeley's, std's, tokio's sockets, a
    /// `BorrowedSocket`).
    #[inline]
    fn from(socket: &'s S) -> SockRef<'s> {
        SockRef::from(socket.as_socket())
    }
}

#[cfg(windows)]
impl<'s> From<BorrowedSocket<'s>> for SockRef<'s> {
    /// Wraps a borrowed socket handle.
    #[inline]
    fn from(socket: BorrowedSocket<'s>) -> SockRef<'s> {
        SockRef { raw: socket.as_raw_socket(), _owner: PhantomData }
    }
}

#[cfg(windows)]
impl AsSocket for SockRef<'_> {
    #[inline]
    fn as_socket(&self) -> BorrowedSocket<'_> {
        // SAFETY: `raw` came from a `BorrowedSocket<'s>` whose borrow `self` carries, so it is
        // an open socket for at least as long as `self`.
        unsafe { BorrowedSocket::borrow_raw(self.raw) }
    }
}

#[cfg(windows)]
impl AsRawSocket for SockRef<'_> {
    #[inline]
    fn as_raw_socket(&self) -> RawSocket {
        self.raw
    }
}

impl fmt::Debug for SockRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SockRef").field(&self.raw).finish()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore)] // socketpair(2), which Miri cannot run
    fn sock_ref_lends_the_descriptor_it_was_made_from() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let r = SockRef::from(&a);
        assert_eq!(r.as_raw_fd(), a.as_raw_fd());
        assert_eq!(r.as_fd().as_raw_fd(), a.as_raw_fd());
        assert_eq!(SockRef::from(a.as_fd()).as_raw_fd(), a.as_raw_fd());
        assert_eq!(format!("{r:?}"), format!("SockRef({})", a.as_raw_fd()));
    }
}

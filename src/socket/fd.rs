//! Conversions: to and from descriptors (Unix), handles (Windows) and std's socket types.

use super::Socket;
use crate::sys;

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

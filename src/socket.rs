//! [`Socket`]: a socket, its lifecycle and its I/O, under the Berkeley names.

use crate::error::Result;
use crate::sys;
use crate::types::{Domain, Protocol, Type};

/// A socket: the Berkeley calls as methods (`bind`, `listen`, `accept`, `connect`, `send`,
/// `recv`, `sendto`, `recvfrom`, ...), closed when dropped.
#[derive(Debug)]
pub struct Socket {
    inner: sys::OwnedSocket,
}

impl Socket {
    /// `socket(2)` — creates an endpoint for communication.
    pub fn new(domain: Domain, ty: Type, protocol: Protocol) -> Result<Socket> {
        sys::socket(domain.as_raw(), ty.as_raw(), protocol.as_raw()).map(Socket::from_owned)
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

    /// `close(2)` — closes the socket and reports the error, if any (dropping it closes it
    /// silently).
    pub fn close(self) -> Result<()> {
        sys::close(self.inner)
    }
}

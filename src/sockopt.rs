//! Socket options: `setsockopt(2)` / `getsockopt(2)`.
//!
//! (The typed option markers are being written; this is the raw layer they build on.)

use std::mem::MaybeUninit;

use crate::error::Result;
use crate::socket::Socket;
use crate::sys;

impl Socket {
    /// `setsockopt(2)` with raw bytes — sets an option berkeley has no typed marker for.
    ///
    /// C: `int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen);`
    /// — Python: `sock.setsockopt(level, optname, value: bytes)`.
    ///
    /// `value` is the option's C representation in native byte order (for an `int` option,
    /// `1i32.to_ne_bytes()`).
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// s.setsockopt_raw(libc::SOL_SOCKET, libc::SO_REUSEADDR, &1i32.to_ne_bytes())?;
    /// let mut buf = [0u8; 4];
    /// assert_eq!(s.getsockopt_raw(libc::SOL_SOCKET, libc::SO_REUSEADDR, &mut buf)?, 4);
    /// assert_ne!(i32::from_ne_bytes(buf), 0);
    /// # Ok(()) }
    /// ```
    ///
    /// See [setsockopt(2)](https://man7.org/linux/man-pages/man2/setsockopt.2.html).
    pub fn setsockopt_raw(&self, level: i32, name: i32, value: &[u8]) -> Result<()> {
        sys::setsockopt(self.as_sys(), level, name, value)
    }

    /// `getsockopt(2)` with raw bytes — reads an option into `buf` and returns the number of
    /// bytes the OS wrote.
    ///
    /// C: `int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen);`
    /// — Python: `sock.getsockopt(level, optname, buflen)`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let mut buf = [0u8; 4];
    /// s.getsockopt_raw(libc::SOL_SOCKET, libc::SO_TYPE, &mut buf)?;
    /// assert_eq!(i32::from_ne_bytes(buf), libc::SOCK_DGRAM);
    /// # Ok(()) }
    /// ```
    ///
    /// See [getsockopt(2)](https://man7.org/linux/man-pages/man2/getsockopt.2.html).
    pub fn getsockopt_raw(&self, level: i32, name: i32, buf: &mut [u8]) -> Result<usize> {
        // SAFETY: `[u8]` and `[MaybeUninit<u8>]` have the same layout, and the callee only
        // writes initialised bytes (never de-initialises any), so `buf` stays initialised.
        let uninit = unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) };
        sys::getsockopt(self.as_sys(), level, name, uninit)
    }
}

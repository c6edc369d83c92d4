//! Socket options: `setsockopt(2)` / `getsockopt(2)` with typed markers.
//!
//! Every option is a zero-sized marker type that knows its level, its name and its value type,
//! so [`Socket::setsockopt`] and [`Socket::getsockopt`] take and return plain Rust values:
//!
//! ```
//! use berkeley::sockopt::{RcvTimeo, ReuseAddr, TcpNoDelay};
//! use berkeley::{Domain, Protocol, Socket, Type};
//! use std::time::Duration;
//! # fn main() -> berkeley::Result<()> {
//!
//! let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
//! s.setsockopt(ReuseAddr, true)?; // C: int one = 1; setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
//! s.setsockopt(TcpNoDelay, true)?;
//! s.setsockopt(RcvTimeo, Some(Duration::from_millis(1500)))?;
//! assert!(s.getsockopt(ReuseAddr)?);
//! assert_eq!(s.getsockopt(RcvTimeo)?, Some(Duration::from_millis(1500)));
//! # Ok(()) }
//! ```
//!
//! Options berkeley does not wrap are reachable through [`Socket::setsockopt_raw`] and
//! [`Socket::getsockopt_raw`] (the option's C bytes).
//!
//! # The traits
//!
//! A marker implements [`SockOpt`] (level, name, value type) and [`SetSockOpt`] and/or
//! [`GetSockOpt`]: get-only options (`SO_ERROR`, `SO_TYPE`, `SO_PEERCRED`, `IP_MTU`, ...) cannot
//! be passed to `setsockopt`, set-only ones (`IP_ADD_MEMBERSHIP`, ...) cannot be passed to
//! `getsockopt` — both are compile errors. The traits are **sealed**: the markers below are the
//! only implementations, which lets berkeley change how values are encoded per platform without
//! a breaking change. Use the raw calls for anything else.
//!
//! ```compile_fail
//! # use berkeley::{sockopt::SoType, Domain, Protocol, Socket, Type};
//! # fn main() -> berkeley::Result<()> {
//! let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
//! s.setsockopt(SoType, Type::DGRAM)?; // error: SoType is get-only (no SetSockOpt impl)
//! # Ok(()) }
//! ```
//!
//! ```compile_fail
//! # use berkeley::{sockopt::IpTtl, Domain, Protocol, Socket, Type};
//! # fn main() -> berkeley::Result<()> {
//! let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
//! s.setsockopt(IpTtl, 64u8)?; // error: IpTtl's value is a u32
//! # Ok(()) }
//! ```
//!
//! # Values and errors
//!
//! Values are checked before they reach the OS and nothing is silently truncated: a `usize` that
//! does not fit the C `int` the kernel takes, a zero timeout (which C would read as "no timeout"),
//! or an interface name longer than `IFNAMSIZ - 1` is an [`Error::InvalidInput`]. OS failures
//! are [`Error::Os`] whose call names the option: `setsockopt(IP_TTL): Invalid argument (os
//! error 22)`, `getsockopt(IP_MTU): Transport endpoint is not connected (os error 107)`.
//!
//! Windows: Winsock writes a single byte for some boolean options (`TCP_NODELAY`); the `bool`
//! markers read either size. Windows error codes are the `WSAE*` ones (`WSAENOPROTOOPT`, 10042,
//! for an option the system lacks).
//!
//! # Overview
//!
//! Platforms: *all* = Unix and Windows, *Unix* = every Unix, *Linux* = Linux and Android;
//! *keepalive* = Linux, Android, FreeBSD, NetBSD and Windows.
//!
//! | C option | marker | value | access | platforms |
//! |---|---|---|---|---|
//! | **`SOL_SOCKET`** — [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html) | | | | |
//! | `SO_REUSEADDR` | [`ReuseAddr`] | `bool` | get, set | all |
//! | `SO_REUSEPORT` | [`ReusePort`] | `bool` | get, set | Unix |
//! | `SO_BROADCAST` | [`Broadcast`] | `bool` | get, set | all |
//! | `SO_KEEPALIVE` | [`KeepAlive`] | `bool` | get, set | all |
//! | `SO_LINGER` | [`Linger`] | `Option<Duration>` (seconds) | get, set | all |
//! | `SO_RCVBUF` | [`RcvBuf`] | `usize` | get, set | all |
//! | `SO_SNDBUF` | [`SndBuf`] | `usize` | get, set | all |
//! | `SO_RCVLOWAT` | [`RcvLowat`] | `usize` | get, set | Unix |
//! | `SO_RCVTIMEO` | [`RcvTimeo`] | `Option<Duration>` | get, set | all |
//! | `SO_SNDTIMEO` | [`SndTimeo`] | `Option<Duration>` | get, set | all |
//! | `SO_ERROR` | [`SoError`] | `Option<Error>` | get | all |
//! | `SO_TYPE` | [`SoType`] | [`Type`] | get | all |
//! | `SO_ACCEPTCONN` | [`AcceptConn`] | `bool` | get | all |
//! | `SO_DOMAIN` | [`SoDomain`] | [`Domain`] | get | Linux |
//! | `SO_PROTOCOL` | [`SoProtocol`] | [`Protocol`] | get | Linux |
//! | `SO_PRIORITY` | [`Priority`] | `u32` | get, set | Linux |
//! | `SO_OOBINLINE` | [`OobInline`] | `bool` | get, set | all |
//! | `SO_DONTROUTE` | [`DontRoute`] | `bool` | get, set | all |
//! | `SO_BINDTODEVICE` | [`BindToDevice`] | `Option<OptName>` | get, set | Linux |
//! | `SO_MARK` | [`Mark`] | `u32` | get, set | Linux |
//! | `SO_PEERCRED` | [`PeerCred`] | [`UCred`] | get | Linux |
//! | **`IPPROTO_TCP`** — [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html) | | | | |
//! | `TCP_NODELAY` | [`TcpNoDelay`] | `bool` | get, set | all |
//! | `TCP_MAXSEG` | [`TcpMaxSeg`] | `u32` | get, set | Unix |
//! | `TCP_KEEPIDLE` | [`TcpKeepIdle`] | `u32` (seconds) | get, set | keepalive |
//! | `TCP_KEEPINTVL` | [`TcpKeepIntvl`] | `u32` (seconds) | get, set | keepalive |
//! | `TCP_KEEPCNT` | [`TcpKeepCnt`] | `u32` | get, set | keepalive |
//! | `TCP_CORK` | [`TcpCork`] | `bool` | get, set | Linux |
//! | `TCP_QUICKACK` | [`TcpQuickAck`] | `bool` | get, set | Linux |
//! | `TCP_USER_TIMEOUT` | [`TcpUserTimeout`] | `u32` (milliseconds) | get, set | Linux |
//! | `TCP_CONGESTION` | [`TcpCongestion`] | [`OptName`] | get, set | Linux |
//! | **`IPPROTO_IP`** — [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html) | | | | |
//! | `IP_TTL` | [`IpTtl`] | `u32` | get, set | all |
//! | `IP_TOS` | [`IpTos`] | `u8` | get, set | all |
//! | `IP_HDRINCL` | [`IpHdrIncl`] | `bool` | get, set | all |
//! | `IP_MTU_DISCOVER` | [`IpMtuDiscover`] | [`PmtuDisc`] | get, set | Linux |
//! | `IP_MTU` | [`IpMtu`] | `u32` | get | Linux |
//! | `IP_MULTICAST_TTL` | [`IpMulticastTtl`] | `u32` | get, set | all |
//! | `IP_MULTICAST_LOOP` | [`IpMulticastLoop`] | `bool` | get, set | all |
//! | `IP_MULTICAST_IF` | [`IpMulticastIf`] | `Ipv4Addr` | get, set | all |
//! | `IP_ADD_MEMBERSHIP` | [`IpAddMembership`] | `(Ipv4Addr, Ipv4Addr)` | set | all |
//! | `IP_DROP_MEMBERSHIP` | [`IpDropMembership`] | `(Ipv4Addr, Ipv4Addr)` | set | all |
//! | **`IPPROTO_IPV6`** — [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html) | | | | |
//! | `IPV6_V6ONLY` | [`Ipv6V6Only`] | `bool` | get, set | all |
//! | `IPV6_UNICAST_HOPS` | [`Ipv6UnicastHops`] | `u32` | get, set | all |
//! | `IPV6_MULTICAST_HOPS` | [`Ipv6MulticastHops`] | `u32` | get, set | all |
//! | `IPV6_MULTICAST_LOOP` | [`Ipv6MulticastLoop`] | `bool` | get, set | all |
//! | `IPV6_JOIN_GROUP` | [`Ipv6JoinGroup`] | `(Ipv6Addr, u32)` | set | all |
//! | `IPV6_LEAVE_GROUP` | [`Ipv6LeaveGroup`] | `(Ipv6Addr, u32)` | set | all |
//! | `IPV6_TCLASS` | [`Ipv6Tclass`] | `u8` | get, set | Unix |
//!
//! [`Domain`]: crate::Domain
//! [`Protocol`]: crate::Protocol
// Where a platform-only marker is not defined, its link goes to the Linux docs on docs.rs.
#![cfg_attr(
    not(unix),
    doc = "[`ReusePort`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.ReusePort.html"
)]
#![cfg_attr(
    not(unix),
    doc = "[`RcvLowat`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.RcvLowat.html"
)]
#![cfg_attr(
    not(unix),
    doc = "[`TcpMaxSeg`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.TcpMaxSeg.html"
)]
#![cfg_attr(
    not(unix),
    doc = "[`Ipv6Tclass`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.Ipv6Tclass.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`SoDomain`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.SoDomain.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`SoProtocol`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.SoProtocol.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`Priority`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.Priority.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`BindToDevice`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.BindToDevice.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`Mark`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.Mark.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`PeerCred`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.PeerCred.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`UCred`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.UCred.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`TcpCork`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.TcpCork.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`TcpQuickAck`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.TcpQuickAck.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`TcpUserTimeout`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.TcpUserTimeout.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`TcpCongestion`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.TcpCongestion.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`IpMtuDiscover`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.IpMtuDiscover.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`PmtuDisc`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.PmtuDisc.html"
)]
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`IpMtu`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.IpMtu.html"
)]

use std::fmt;
use std::mem::{self, MaybeUninit};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::socket::Socket;
use crate::sys;
use crate::types::Type;
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::types::{Domain, Protocol};

/// The C names (`crate::sys::c`), plus the few that libc spells differently per platform.
mod c {
    pub(super) use crate::sys::c::*;
    // glibc and musl have only the older names; they are the same numbers.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) use crate::sys::c::{
        IPV6_ADD_MEMBERSHIP as IPV6_JOIN_GROUP, IPV6_DROP_MEMBERSHIP as IPV6_LEAVE_GROUP,
    };
}

impl Socket {
    /// `setsockopt(2)` — sets a socket option.
    ///
    /// C: `int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen);`
    /// — Python: `sock.setsockopt(level, optname, value)`.
    ///
    /// `opt` is a marker from [`sockopt`](crate::sockopt) that fixes the level, the name and the
    /// type of `value`; berkeley encodes the value as the C type the OS expects.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] if `value` cannot be represented in the option's C type (out of
    /// range, a zero timeout, an over-long name) — the OS is not called; [`Error::Os`] with the
    /// call `"setsockopt(NAME)"` (for example `"setsockopt(IP_TTL)"`) if the OS refuses it.
    ///
    /// ```
    /// use berkeley::sockopt::{IpTtl, RcvBuf};
    /// use berkeley::{Domain, Error, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.setsockopt(IpTtl, 16)?;
    /// // Too big for the C int the kernel takes: rejected before the call, never truncated.
    /// assert!(matches!(s.setsockopt(RcvBuf, usize::MAX), Err(Error::InvalidInput { .. })));
    /// // The kernel refuses a TTL of 0.
    /// let err = s.setsockopt(IpTtl, 0).unwrap_err();
    /// assert_eq!(err.call(), Some("setsockopt(IP_TTL)"));
    /// # Ok(()) }
    /// ```
    ///
    /// See [setsockopt(2)](https://man7.org/linux/man-pages/man2/setsockopt.2.html).
    #[inline]
    pub fn setsockopt<O: SetSockOpt>(&self, opt: O, value: O::Value) -> Result<()> {
        opt.set(self, value)
    }

    /// `getsockopt(2)` — reads a socket option.
    ///
    /// C: `int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen);`
    /// — Python: `sock.getsockopt(level, optname)`.
    ///
    /// # Errors
    ///
    /// [`Error::Os`] with the call `"getsockopt(NAME)"` if the OS fails;
    /// [`Error::InvalidInput`] (call `"getsockopt(NAME)"`) if the OS returns a value that does
    /// not fit the marker's type (a negative size, a short struct).
    ///
    /// ```
    /// use berkeley::sockopt::{SoType, TcpNoDelay};
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// assert_eq!(s.getsockopt(SoType)?, Type::STREAM);
    /// assert!(!s.getsockopt(TcpNoDelay)?);
    /// # Ok(()) }
    /// ```
    ///
    /// See [getsockopt(2)](https://man7.org/linux/man-pages/man2/getsockopt.2.html).
    #[inline]
    pub fn getsockopt<O: GetSockOpt>(&self, opt: O) -> Result<O::Value> {
        opt.get(self)
    }

    /// `setsockopt(2)` with raw bytes — sets an option berkeley has no typed marker for.
    ///
    /// C: `int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen);`
    /// — Python: `sock.setsockopt(level, optname, value: bytes)`.
    ///
    /// `value` is the option's C representation in native byte order (for an `int` option,
    /// `1i32.to_ne_bytes()`). Errors name the call `"setsockopt"`.
    ///
    /// Level and option numbers differ between systems (`SOL_SOCKET` is 1 on Linux, `0xffff` on
    /// Windows); take them from `libc` or `windows-sys`, or from a marker's
    /// [`SockOpt::LEVEL`]/[`SockOpt::NAME`].
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// // IPPROTO_TCP = 6, TCP_NODELAY = 1 (the same numbers on Linux, BSD and Windows)
    /// s.setsockopt_raw(6, 1, &1i32.to_ne_bytes())?;
    /// let mut buf = [0u8; 4];
    /// let n = s.getsockopt_raw(6, 1, &mut buf)?; // 4 bytes (an int); Windows may write 1
    /// assert!(buf[..n].iter().any(|&b| b != 0));
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
    /// Windows writes a single byte for some boolean options (`TCP_NODELAY`): read only the
    /// first `n` bytes of `buf`.
    ///
    /// ```
    /// use berkeley::sockopt::{SockOpt, SoType};
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let mut buf = [0u8; 4];
    /// let n = s.getsockopt_raw(SoType::LEVEL, SoType::NAME, &mut buf)?; // SOL_SOCKET, SO_TYPE
    /// assert_eq!(n, 4);
    /// assert_eq!(i32::from_ne_bytes(buf), Type::DGRAM.as_raw());
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

// ---------------------------------------------------------------------------------------------
// The traits
// ---------------------------------------------------------------------------------------------

mod sealed {
    /// Keeps the option traits implementable only here (see the module docs).
    pub trait Sealed {}
}

/// A socket option: its level, its name and the Rust type of its value.
///
/// Implemented by every marker in this module (the trait is sealed). Generic code can read the
/// constants:
///
/// ```
/// use berkeley::sockopt::{SockOpt, TcpNoDelay};
///
/// assert_eq!(TcpNoDelay::LEVEL, 6); // IPPROTO_TCP
/// assert_eq!(TcpNoDelay::NAME, 1); // TCP_NODELAY
/// assert_eq!(TcpNoDelay::C_NAME, "TCP_NODELAY");
/// ```
pub trait SockOpt: Copy + fmt::Debug + sealed::Sealed {
    /// The value [`Socket::setsockopt`] takes and [`Socket::getsockopt`] returns.
    type Value;
    /// The `level` argument (`SOL_SOCKET`, `IPPROTO_IP`, `IPPROTO_IPV6`, `IPPROTO_TCP`).
    const LEVEL: i32;
    /// The `optname` argument (`SO_REUSEADDR`, ...).
    const NAME: i32;
    /// The C name of the option, as used in error messages (`"SO_REUSEADDR"`).
    const C_NAME: &'static str;
}

/// An option that can be set: `setsockopt(2)`.
///
/// Call it through [`Socket::setsockopt`]:
///
/// ```
/// use berkeley::sockopt::{Broadcast, SetSockOpt};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// fn enable<O: SetSockOpt<Value = bool>>(s: &Socket, opt: O) -> berkeley::Result<()> {
///     s.setsockopt(opt, true)
/// }
/// enable(&Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?, Broadcast)?;
/// # Ok(()) }
/// ```
pub trait SetSockOpt: SockOpt {
    /// Encodes `value` as the option's C type and calls `setsockopt(2)` on `socket`.
    fn set(self, socket: &Socket, value: Self::Value) -> Result<()>;
}

/// An option that can be read: `getsockopt(2)`.
///
/// Call it through [`Socket::getsockopt`]:
///
/// ```
/// use berkeley::sockopt::{GetSockOpt, KeepAlive};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// fn show<O: GetSockOpt>(s: &Socket, opt: O) -> berkeley::Result<String>
/// where
///     O::Value: std::fmt::Debug,
/// {
///     Ok(format!("{} = {:?}", O::C_NAME, s.getsockopt(opt)?))
/// }
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// assert_eq!(show(&s, KeepAlive)?, "SO_KEEPALIVE = false");
/// # Ok(()) }
/// ```
pub trait GetSockOpt: SockOpt {
    /// Calls `getsockopt(2)` on `socket` and decodes the option's C value.
    fn get(self, socket: &Socket) -> Result<Self::Value>;
}

// ---------------------------------------------------------------------------------------------
// Value types
// ---------------------------------------------------------------------------------------------

/// A short NUL-free name: the value of [`BindToDevice`] (an interface name, at most
/// `IFNAMSIZ - 1` bytes) and [`TcpCongestion`] (an algorithm name, at most
/// `TCP_CA_NAME_MAX - 1` bytes). Both limits are 15 bytes.
///
/// Stored inline (no allocation). Building one from a longer name, or one with a NUL byte, is an
/// [`Error::InvalidInput`] — C would silently cut it short.
///
/// ```
/// use berkeley::sockopt::OptName;
/// # fn main() -> berkeley::Result<()> {
/// let lo = OptName::new("lo")?;
/// assert_eq!(lo, "lo");
/// assert_eq!(lo.as_bytes(), b"lo");
/// assert!(OptName::new("a-very-long-name0").is_err()); // 17 bytes
/// # Ok(()) }
/// ```
#[cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`BindToDevice`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.BindToDevice.html"
)]
#[cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`TcpCongestion`]: https://docs.rs/berkeley/latest/berkeley/sockopt/struct.TcpCongestion.html"
)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OptName {
    len: u8,
    buf: [u8; OptName::MAX_LEN + 1],
}

impl OptName {
    /// The longest name, in bytes (15: `IFNAMSIZ - 1`, `TCP_CA_NAME_MAX - 1`).
    pub const MAX_LEN: usize = 15;

    /// A name from text.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] if `name` is longer than [`MAX_LEN`](Self::MAX_LEN) bytes or
    /// contains a NUL byte.
    ///
    /// ```
    /// let cc = berkeley::sockopt::OptName::new("cubic")?;
    /// assert_eq!(cc.to_string(), "cubic");
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn new(name: &str) -> Result<OptName> {
        OptName::from_bytes(name.as_bytes())
    }

    /// A name from bytes (Linux interface names need not be UTF-8).
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new).
    ///
    /// ```
    /// let name = berkeley::sockopt::OptName::from_bytes(b"eth0")?;
    /// assert_eq!(name.as_bytes(), b"eth0");
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn from_bytes(name: &[u8]) -> Result<OptName> {
        if name.len() > OptName::MAX_LEN {
            return Err(Error::InvalidInput {
                call: "setsockopt",
                what: "name longer than 15 bytes (IFNAMSIZ - 1, TCP_CA_NAME_MAX - 1)",
            });
        }
        if name.contains(&0) {
            return Err(Error::InvalidInput {
                call: "setsockopt",
                what: "name contains a NUL byte",
            });
        }
        let mut buf = [0u8; OptName::MAX_LEN + 1];
        buf[..name.len()].copy_from_slice(name);
        Ok(OptName { len: name.len() as u8, buf })
    }

    /// The name's bytes (no NUL).
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::OptName::new("reno")?.as_bytes(), b"reno");
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }

    /// The name as text, if it is UTF-8.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::OptName::new("lo")?.to_str(), Some("lo"));
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn to_str(&self) -> Option<&str> {
        std::str::from_utf8(self.as_bytes()).ok()
    }

    /// Whether the name is empty.
    ///
    /// ```
    /// assert!(berkeley::sockopt::OptName::new("")?.is_empty());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The name in a kernel-returned buffer: the bytes before the first NUL within `len`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn from_c(buf: &[u8; OptName::MAX_LEN + 1], len: usize) -> Result<OptName, &'static str> {
        let bytes = &buf[..len.min(buf.len())];
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        if end > OptName::MAX_LEN {
            return Err("the OS returned a name without a terminating NUL");
        }
        let mut out = [0u8; OptName::MAX_LEN + 1];
        out[..end].copy_from_slice(&bytes[..end]);
        Ok(OptName { len: end as u8, buf: out })
    }
}

impl TryFrom<&str> for OptName {
    type Error = Error;
    fn try_from(name: &str) -> Result<OptName> {
        OptName::new(name)
    }
}

impl PartialEq<str> for OptName {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for OptName {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl fmt::Display for OptName {
    /// The name, with invalid UTF-8 replaced by U+FFFD.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.as_bytes()))
    }
}

impl fmt::Debug for OptName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}

/// The credentials of the peer process: the value of [`PeerCred`] (`struct ucred`).
///
/// For a connected UNIX socket these are the credentials the peer had when it called `connect`
/// or `socketpair` (or `listen`, for the accepting side's view of the listener).
///
/// ```
/// let cred = berkeley::sockopt::UCred { pid: 1, uid: 0, gid: 0 };
/// assert_eq!(cred.pid, 1);
/// ```
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UCred {
    /// The process ID (`pid_t`).
    pub pid: i32,
    /// The user ID (`uid_t`).
    pub uid: u32,
    /// The group ID (`gid_t`).
    pub gid: u32,
}

/// A path-MTU-discovery mode (`IP_PMTUDISC_*`): the value of [`IpMtuDiscover`].
///
/// A transparent newtype over the C value, like the crate's other constants, so modes newer
/// than this crate still read back; its `Debug` prints the C name.
///
/// ```
/// use berkeley::sockopt::PmtuDisc;
///
/// assert_eq!(PmtuDisc::DO.as_raw(), libc::IP_PMTUDISC_DO);
/// assert_eq!(format!("{:?}", PmtuDisc::PROBE), "IP_PMTUDISC_PROBE");
/// ```
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct PmtuDisc(i32);

#[cfg(any(target_os = "linux", target_os = "android"))]
impl PmtuDisc {
    /// `IP_PMTUDISC_DONT`: never set the Don't-Fragment flag.
    pub const DONT: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_DONT);
    /// `IP_PMTUDISC_WANT`: use per-route settings (the default).
    pub const WANT: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_WANT);
    /// `IP_PMTUDISC_DO`: always set DF; sends larger than the path MTU fail with `EMSGSIZE`.
    pub const DO: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_DO);
    /// `IP_PMTUDISC_PROBE`: set DF but ignore the path MTU (for probing tools).
    pub const PROBE: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_PROBE);
    /// `IP_PMTUDISC_INTERFACE`: use the interface MTU, ignore the path MTU (Linux 3.13+).
    pub const INTERFACE: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_INTERFACE);
    /// `IP_PMTUDISC_OMIT`: like `INTERFACE`, but fragment packets larger than it (Linux 3.15+).
    pub const OMIT: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_OMIT);

    /// Wraps a raw `IP_PMTUDISC_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::PmtuDisc::from_raw(2), berkeley::sockopt::PmtuDisc::DO);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> PmtuDisc {
        PmtuDisc(raw)
    }

    /// The raw `IP_PMTUDISC_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::PmtuDisc::DONT.as_raw(), 0);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl fmt::Debug for PmtuDisc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PmtuDisc::DONT => f.write_str("IP_PMTUDISC_DONT"),
            PmtuDisc::WANT => f.write_str("IP_PMTUDISC_WANT"),
            PmtuDisc::DO => f.write_str("IP_PMTUDISC_DO"),
            PmtuDisc::PROBE => f.write_str("IP_PMTUDISC_PROBE"),
            PmtuDisc::INTERFACE => f.write_str("IP_PMTUDISC_INTERFACE"),
            PmtuDisc::OMIT => f.write_str("IP_PMTUDISC_OMIT"),
            other => write!(f, "PmtuDisc({})", other.0),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Value codecs: Rust value <-> the option's C type
// ---------------------------------------------------------------------------------------------

/// A C type that can be passed to the kernel as bytes and filled by it.
///
/// # Safety
///
/// Implementors have no padding (every byte of a value is initialised) and every bit pattern,
/// all-zero included, is a valid value.
unsafe trait Pod: Copy {}

// SAFETY: integers and byte arrays: no padding, every bit pattern valid.
unsafe impl Pod for i32 {}
// SAFETY: as above.
unsafe impl Pod for u32 {}
// SAFETY: as above.
unsafe impl Pod for [u8; OptName::MAX_LEN + 1] {}
// SAFETY: as above.
unsafe impl Pod for [u16; 2] {}
// SAFETY: C structs of integer fields whose sizes add up to the struct's (checked below).
unsafe impl Pod for c::in_addr {}
// SAFETY: as above.
unsafe impl Pod for c::ip_mreq {}
// SAFETY: as above.
unsafe impl Pod for c::ipv6_mreq {}
#[cfg(unix)]
// SAFETY: as above.
unsafe impl Pod for c::timeval {}
#[cfg(unix)]
// SAFETY: as above.
unsafe impl Pod for c::linger {}
#[cfg(any(target_os = "linux", target_os = "android"))]
// SAFETY: as above.
unsafe impl Pod for c::ucred {}

// No padding in the structs given to the kernel as bytes.
const _: () = assert!(mem::size_of::<c::in_addr>() == 4);
const _: () = assert!(mem::size_of::<c::ip_mreq>() == 8);
const _: () = assert!(mem::size_of::<c::ipv6_mreq>() == 16 + 4);
#[cfg(unix)]
const _: () = assert!(
    mem::size_of::<c::timeval>() == mem::size_of::<c::time_t>() + mem::size_of::<c::suseconds_t>()
);
#[cfg(unix)]
const _: () = assert!(mem::size_of::<c::linger>() == 2 * mem::size_of::<c::c_int>());
#[cfg(any(target_os = "linux", target_os = "android"))]
const _: () = assert!(mem::size_of::<c::ucred>() == 12);

/// Rust value -> C value. `Err` carries the reason for [`Error::InvalidInput`].
trait Encode {
    type Value;
    type Raw: Pod;
    fn encode(value: Self::Value) -> Result<Self::Raw, &'static str>;
}

/// C value (as filled by the kernel, `len` bytes of it) -> Rust value.
trait Decode {
    type Value;
    type Raw: Pod;
    fn decode(raw: Self::Raw, len: usize) -> Result<Self::Value, &'static str>;
}

/// An `int` option value: 4 bytes, or 1 byte where BSDs return `u_char` (`IP_MULTICAST_*`).
fn int_of(raw: i32, len: usize) -> Result<i32, &'static str> {
    match len {
        4 => Ok(raw),
        1 => Ok(i32::from(raw.to_ne_bytes()[0])),
        _ => Err("the OS returned an option value of an unexpected size"),
    }
}

/// Implements Encode/Decode for an `int`-valued codec with the given conversions.
macro_rules! int_codec {
    ($codec:ident: $value:ty, encode |$e:ident| $enc:expr, decode |$d:ident| $dec:expr) => {
        enum $codec {}
        impl Encode for $codec {
            type Value = $value;
            type Raw = i32;
            #[inline]
            fn encode($e: $value) -> Result<i32, &'static str> {
                $enc
            }
        }
        impl Decode for $codec {
            type Value = $value;
            type Raw = i32;
            #[inline]
            fn decode(raw: i32, len: usize) -> Result<$value, &'static str> {
                let $d = int_of(raw, len)?;
                $dec
            }
        }
    };
}

const TOO_BIG: &str = "value larger than the C int the OS takes (i32::MAX)";
const NEGATIVE: &str = "the OS returned a negative value";

int_codec!(BoolInt: bool, encode |v| Ok(i32::from(v)), decode |v| Ok(v != 0));
int_codec!(U32Int: u32, encode |v| i32::try_from(v).map_err(|_| TOO_BIG),
    decode |v| u32::try_from(v).map_err(|_| NEGATIVE));
int_codec!(UsizeInt: usize, encode |v| i32::try_from(v).map_err(|_| TOO_BIG),
    decode |v| usize::try_from(v).map_err(|_| NEGATIVE));
int_codec!(U8Int: u8, encode |v| Ok(i32::from(v)),
    decode |v| u8::try_from(v).map_err(|_| "the OS returned a value outside 0..=255"));
// The kernel reads SO_MARK as a u32: every bit pattern is a valid mark.
#[cfg(any(target_os = "linux", target_os = "android"))]
int_codec!(U32Bits: u32, encode |v| Ok(i32::from_ne_bytes(v.to_ne_bytes())),
    decode |v| Ok(u32::from_ne_bytes(v.to_ne_bytes())));
#[cfg(any(target_os = "linux", target_os = "android"))]
int_codec!(PmtuInt: PmtuDisc, encode |v| Ok(v.0), decode |v| Ok(PmtuDisc(v)));

/// Defines a get-only `int` codec.
macro_rules! int_decoder {
    ($codec:ident: $value:ty, |$d:ident| $dec:expr) => {
        enum $codec {}
        impl Decode for $codec {
            type Value = $value;
            type Raw = i32;
            #[inline]
            fn decode(raw: i32, len: usize) -> Result<$value, &'static str> {
                let $d = int_of(raw, len)?;
                $dec
            }
        }
    };
}

int_decoder!(ErrorInt: Option<Error>, |v| Ok((v != 0).then(|| Error::os("SO_ERROR", v))));
int_decoder!(TypeInt: Type, |v| Ok(Type::from_raw(v)));
#[cfg(any(target_os = "linux", target_os = "android"))]
int_decoder!(DomainInt: Domain, |v| Ok(Domain::from_raw(v)));
#[cfg(any(target_os = "linux", target_os = "android"))]
int_decoder!(ProtocolInt: Protocol, |v| Ok(Protocol::from_raw(v)));

const ZERO_TIMEOUT: &str =
    "a zero timeout would mean \"no timeout\" to the OS; pass None for that, or a positive Duration";

#[cfg(unix)]
const TIMEOUT_TOO_LONG: &str = "timeout too long for a timeval";

/// `SO_RCVTIMEO` / `SO_SNDTIMEO` on Unix: `struct timeval`, zero = no timeout.
#[cfg(unix)]
enum Timeval {}

#[cfg(unix)]
impl Encode for Timeval {
    type Value = Option<Duration>;
    type Raw = c::timeval;
    fn encode(value: Option<Duration>) -> Result<c::timeval, &'static str> {
        let Some(d) = value else { return Ok(c::timeval { tv_sec: 0, tv_usec: 0 }) };
        if d.is_zero() {
            return Err(ZERO_TIMEOUT);
        }
        // Round up to whole microseconds, so no positive timeout becomes zero.
        let mut secs = d.as_secs();
        let mut micros = d.subsec_nanos().div_ceil(1000);
        if micros == 1_000_000 {
            secs = secs.checked_add(1).ok_or(TIMEOUT_TOO_LONG)?;
            micros = 0;
        }
        let tv_sec = c::time_t::try_from(secs).map_err(|_| TIMEOUT_TOO_LONG)?;
        Ok(c::timeval { tv_sec, tv_usec: micros as c::suseconds_t })
    }
}

#[cfg(unix)]
impl Decode for Timeval {
    type Value = Option<Duration>;
    type Raw = c::timeval;
    fn decode(tv: c::timeval, len: usize) -> Result<Option<Duration>, &'static str> {
        if len != mem::size_of::<c::timeval>() {
            return Err("the OS returned a timeval of an unexpected size");
        }
        let secs = u64::try_from(tv.tv_sec).map_err(|_| NEGATIVE)?;
        let micros = u32::try_from(tv.tv_usec).map_err(|_| NEGATIVE)?;
        if micros >= 1_000_000 {
            return Err("the OS returned a timeval with tv_usec out of range");
        }
        Ok((secs != 0 || micros != 0).then(|| Duration::new(secs, micros * 1000)))
    }
}

/// `SO_RCVTIMEO` / `SO_SNDTIMEO` on Windows: a `DWORD` of milliseconds, zero = no timeout.
#[cfg(windows)]
enum Timeval {}

#[cfg(windows)]
impl Encode for Timeval {
    type Value = Option<Duration>;
    type Raw = u32;
    fn encode(value: Option<Duration>) -> Result<u32, &'static str> {
        let Some(d) = value else { return Ok(0) };
        if d.is_zero() {
            return Err(ZERO_TIMEOUT);
        }
        // Round up to whole milliseconds, so no positive timeout becomes zero.
        let ms = d.as_nanos().div_ceil(1_000_000);
        u32::try_from(ms).map_err(|_| "timeout too long for a DWORD of milliseconds")
    }
}

#[cfg(windows)]
impl Decode for Timeval {
    type Value = Option<Duration>;
    type Raw = u32;
    fn decode(ms: u32, len: usize) -> Result<Option<Duration>, &'static str> {
        if len != 4 {
            return Err("the OS returned a timeout of an unexpected size");
        }
        Ok((ms != 0).then(|| Duration::from_millis(u64::from(ms))))
    }
}

/// Whole seconds of `d`, rounded up (so a positive linger never becomes an abortive zero).
fn linger_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() != 0)
}

/// `SO_LINGER` on Unix: `struct linger { int l_onoff; int l_linger; }`.
#[cfg(unix)]
enum LingerCodec {}

#[cfg(unix)]
impl Encode for LingerCodec {
    type Value = Option<Duration>;
    type Raw = c::linger;
    fn encode(value: Option<Duration>) -> Result<c::linger, &'static str> {
        Ok(match value {
            None => c::linger { l_onoff: 0, l_linger: 0 },
            Some(d) => c::linger {
                l_onoff: 1,
                l_linger: c::c_int::try_from(linger_secs(d))
                    .map_err(|_| "linger time longer than i32::MAX seconds")?,
            },
        })
    }
}

#[cfg(unix)]
impl Decode for LingerCodec {
    type Value = Option<Duration>;
    type Raw = c::linger;
    fn decode(l: c::linger, len: usize) -> Result<Option<Duration>, &'static str> {
        if len != mem::size_of::<c::linger>() {
            return Err("the OS returned a linger struct of an unexpected size");
        }
        if l.l_onoff == 0 {
            return Ok(None);
        }
        Ok(Some(Duration::from_secs(u64::try_from(l.l_linger).map_err(|_| NEGATIVE)?)))
    }
}

/// `SO_LINGER` on Windows: `struct linger { u_short l_onoff; u_short l_linger; }`.
#[cfg(windows)]
enum LingerCodec {}

#[cfg(windows)]
impl Encode for LingerCodec {
    type Value = Option<Duration>;
    type Raw = [u16; 2];
    fn encode(value: Option<Duration>) -> Result<[u16; 2], &'static str> {
        Ok(match value {
            None => [0, 0],
            Some(d) => {
                [1, u16::try_from(linger_secs(d)).map_err(|_| "linger time longer than 65535 s")?]
            }
        })
    }
}

#[cfg(windows)]
impl Decode for LingerCodec {
    type Value = Option<Duration>;
    type Raw = [u16; 2];
    fn decode(l: [u16; 2], len: usize) -> Result<Option<Duration>, &'static str> {
        if len != 4 {
            return Err("the OS returned a linger struct of an unexpected size");
        }
        Ok((l[0] != 0).then(|| Duration::from_secs(u64::from(l[1]))))
    }
}

/// `IP_ADD/DROP_MEMBERSHIP`: `struct ip_mreq { imr_multiaddr; imr_interface; }`.
enum Mreq4 {}

impl Encode for Mreq4 {
    type Value = (Ipv4Addr, Ipv4Addr);
    type Raw = c::ip_mreq;
    fn encode((group, interface): (Ipv4Addr, Ipv4Addr)) -> Result<c::ip_mreq, &'static str> {
        Ok(c::ip_mreq {
            imr_multiaddr: sys::ipv4_to_in_addr(group),
            imr_interface: sys::ipv4_to_in_addr(interface),
        })
    }
}

/// `IPV6_JOIN/LEAVE_GROUP`: `struct ipv6_mreq { ipv6mr_multiaddr; ipv6mr_interface; }`.
enum Mreq6 {}

impl Encode for Mreq6 {
    type Value = (Ipv6Addr, u32);
    type Raw = c::ipv6_mreq;
    fn encode((group, ifindex): (Ipv6Addr, u32)) -> Result<c::ipv6_mreq, &'static str> {
        Ok(c::ipv6_mreq {
            ipv6mr_multiaddr: sys::ipv6_to_in6_addr(group),
            ipv6mr_interface: ifindex,
        })
    }
}

/// `IP_MULTICAST_IF`: `struct in_addr`.
enum InAddr {}

impl Encode for InAddr {
    type Value = Ipv4Addr;
    type Raw = c::in_addr;
    fn encode(ip: Ipv4Addr) -> Result<c::in_addr, &'static str> {
        Ok(sys::ipv4_to_in_addr(ip))
    }
}

impl Decode for InAddr {
    type Value = Ipv4Addr;
    type Raw = c::in_addr;
    fn decode(a: c::in_addr, len: usize) -> Result<Ipv4Addr, &'static str> {
        if len != 4 {
            return Err("the OS returned an in_addr of an unexpected size");
        }
        Ok(sys::in_addr_to_ipv4(&a))
    }
}

/// `SO_PEERCRED`: `struct ucred`.
#[cfg(any(target_os = "linux", target_os = "android"))]
enum UCredCodec {}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Decode for UCredCodec {
    type Value = UCred;
    type Raw = c::ucred;
    fn decode(u: c::ucred, len: usize) -> Result<UCred, &'static str> {
        if len != mem::size_of::<c::ucred>() {
            return Err("the OS returned a ucred of an unexpected size");
        }
        Ok(UCred { pid: u.pid, uid: u.uid, gid: u.gid })
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
type NameBuf = [u8; OptName::MAX_LEN + 1];

/// `TCP_CONGESTION`: a NUL-terminated name in a 16-byte buffer.
#[cfg(any(target_os = "linux", target_os = "android"))]
enum NameCodec {}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Encode for NameCodec {
    type Value = OptName;
    type Raw = NameBuf;
    fn encode(name: OptName) -> Result<NameBuf, &'static str> {
        Ok(name.buf) // NUL-padded: the kernel reads up to the first NUL
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Decode for NameCodec {
    type Value = OptName;
    type Raw = NameBuf;
    fn decode(buf: NameBuf, len: usize) -> Result<OptName, &'static str> {
        OptName::from_c(&buf, len)
    }
}

/// `SO_BINDTODEVICE`: like [`NameCodec`], with "no device" as `None` (the empty name).
#[cfg(any(target_os = "linux", target_os = "android"))]
enum DeviceCodec {}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Encode for DeviceCodec {
    type Value = Option<OptName>;
    type Raw = NameBuf;
    fn encode(name: Option<OptName>) -> Result<NameBuf, &'static str> {
        Ok(name.map_or([0; OptName::MAX_LEN + 1], |n| n.buf))
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Decode for DeviceCodec {
    type Value = Option<OptName>;
    type Raw = NameBuf;
    fn decode(buf: NameBuf, len: usize) -> Result<Option<OptName>, &'static str> {
        let name = OptName::from_c(&buf, len)?;
        Ok((!name.is_empty()).then_some(name))
    }
}

/// Replaces the bare call name of an OS error with the option-naming one.
#[cold]
fn rename(call: &'static str, err: Error) -> Error {
    match err {
        Error::Os { code, .. } => Error::os(call, code),
        other => other,
    }
}

/// Encodes `value` with `E` and sets it.
fn set_with<E: Encode>(
    s: &Socket,
    level: i32,
    name: i32,
    call: &'static str,
    value: E::Value,
) -> Result<()> {
    let raw = E::encode(value).map_err(|what| Error::InvalidInput { call, what })?;
    // SAFETY: `E::Raw: Pod` has no padding, so all `size_of` bytes of `raw` are initialised;
    // the slice borrows `raw`, which outlives it.
    let bytes = unsafe {
        std::slice::from_raw_parts((&raw as *const E::Raw).cast::<u8>(), mem::size_of::<E::Raw>())
    };
    sys::setsockopt(s.as_sys(), level, name, bytes).map_err(|e| rename(call, e))
}

/// Gets the option into a zeroed `D::Raw` and decodes it.
fn get_with<D: Decode>(s: &Socket, level: i32, name: i32, call: &'static str) -> Result<D::Value> {
    let mut raw = MaybeUninit::<D::Raw>::zeroed();
    // SAFETY: the pointer covers exactly the `size_of::<D::Raw>()` bytes of `raw`, which is
    // borrowed mutably for the slice's lifetime; `MaybeUninit<u8>` has no validity invariant.
    let buf = unsafe {
        std::slice::from_raw_parts_mut(
            raw.as_mut_ptr().cast::<MaybeUninit<u8>>(),
            mem::size_of::<D::Raw>(),
        )
    };
    let len = sys::getsockopt(s.as_sys(), level, name, buf).map_err(|e| rename(call, e))?;
    // SAFETY: `raw` was zeroed and all-zero is a valid `D::Raw` (`Pod`); the kernel only
    // overwrote a prefix of it with initialised bytes.
    let raw = unsafe { raw.assume_init() };
    D::decode(raw, len).map_err(|what| Error::InvalidInput { call, what })
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/// Declares the markers: one entry per option.
///
/// ```text
/// /// summary, notes
/// Name("C_NAME") [platforms] access: ValueType = LEVEL / C_NAME via Codec as "C type",
///     py "python call", man page { /// example }
/// ```
macro_rules! sockopt {
    ($(
        $(#[$doc:meta])*
        $name:ident($alias:literal) [$plat:ident] $access:ident: $value:ty
            = $level:ident / $opt:ident via $codec:ident as $ctype:literal,
            py $py:literal, man $man:ident { $(#[$example:meta])* }
    )*) => {$(
        sockopt!(@cfg $plat
            $(#[$doc])*
            #[doc = ""]
            #[doc = "| C option | level | value | C type | access | platforms |"]
            #[doc = "|---|---|---|---|---|---|"]
            #[doc = concat!("| `", stringify!($opt), "` | `", stringify!($level), "` | `",
                stringify!($value), "` | `", $ctype, "` | ", sockopt!(@access $access), " | ",
                sockopt!(@platdoc $plat), " |")]
            #[doc = ""]
            #[doc = concat!("Python: `", $py, "`")]
            #[doc = ""]
            #[doc = "# Example"]
            #[doc = ""]
            $(#[$example])*
            #[doc = ""]
            #[doc = concat!("See [", stringify!($man), "(7)](https://man7.org/linux/man-pages/man7/",
                stringify!($man), ".7.html).")]
            #[doc(alias = $alias)]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct $name;
        );
        sockopt!(@cfg $plat impl sealed::Sealed for $name {});
        sockopt!(@cfg $plat
            impl SockOpt for $name {
                type Value = $value;
                const LEVEL: i32 = c::$level as i32;
                const NAME: i32 = c::$opt as i32;
                const C_NAME: &'static str = stringify!($opt);
            }
        );
        sockopt!(@impl $access $plat $name [$value] $opt $codec);
    )*};

    (@impl get_set $plat:ident $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt!(@impl set $plat $name [$value] $opt $codec);
        sockopt!(@impl get $plat $name [$value] $opt $codec);
    };
    (@impl set $plat:ident $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt!(@cfg $plat
            impl SetSockOpt for $name {
                #[inline]
                fn set(self, socket: &Socket, value: $value) -> Result<()> {
                    set_with::<$codec>(socket, Self::LEVEL, Self::NAME,
                        concat!("setsockopt(", stringify!($opt), ")"), value)
                }
            }
        );
    };
    (@impl get $plat:ident $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt!(@cfg $plat
            impl GetSockOpt for $name {
                #[inline]
                fn get(self, socket: &Socket) -> Result<$value> {
                    get_with::<$codec>(socket, Self::LEVEL, Self::NAME,
                        concat!("getsockopt(", stringify!($opt), ")"))
                }
            }
        );
    };

    (@access get_set) => { "get, set" };
    (@access get) => { "get only" };
    (@access set) => { "set only" };

    (@platdoc all) => { "Unix, Windows" };
    (@platdoc unix) => { "Unix" };
    (@platdoc linux) => { "Linux, Android" };
    (@platdoc keepalive) => { "Linux, Android, FreeBSD, NetBSD, Windows" };

    (@cfg all $item:item) => { $item };
    (@cfg unix $item:item) => {
        #[cfg(unix)]
        #[cfg_attr(docsrs, doc(cfg(unix)))]
        $item
    };
    (@cfg linux $item:item) => {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
        $item
    };
    (@cfg keepalive $item:item) => {
        #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
            target_os = "netbsd", windows))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android",
            target_os = "freebsd", target_os = "netbsd", windows))))]
        $item
    };
}

// -- SOL_SOCKET: socket(7) --------------------------------------------------------------------

sockopt! {
    /// Lets `bind` reuse a local address, e.g. a listening port whose old connections are
    /// still in `TIME_WAIT`. Set it before `bind`.
    ReuseAddr("SO_REUSEADDR") [all] get_set: bool = SOL_SOCKET / SO_REUSEADDR via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)", man socket {
        /// ```
        /// use berkeley::sockopt::ReuseAddr;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(ReuseAddr, true)?;
        /// assert!(s.getsockopt(ReuseAddr)?);
        /// # Ok(()) }
        /// ```
    }

    /// Lets several sockets bind the same address and port; on Linux the kernel spreads
    /// incoming connections (TCP) or datagrams (UDP) across them. Every socket sharing the
    /// port must set it before `bind`, and (Linux) belong to the same effective user.
    ReusePort("SO_REUSEPORT") [unix] get_set: bool = SOL_SOCKET / SO_REUSEPORT via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)", man socket {
        /// ```
        /// use berkeley::sockopt::ReusePort;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(ReusePort, true)?;
        /// assert!(s.getsockopt(ReusePort)?);
        /// # Ok(()) }
        /// ```
    }

    /// Allows sending datagrams to a broadcast address (without it, `sendto` to one fails with
    /// `EACCES`).
    Broadcast("SO_BROADCAST") [all] get_set: bool = SOL_SOCKET / SO_BROADCAST via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)", man socket {
        /// ```
        /// use berkeley::sockopt::Broadcast;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(Broadcast, true)?;
        /// assert!(s.getsockopt(Broadcast)?);
        /// # Ok(()) }
        /// ```
    }

    /// Sends TCP keep-alive probes on an idle connection. When and how often is set by
    /// [`TcpKeepIdle`], [`TcpKeepIntvl`] and [`TcpKeepCnt`] (defaults on Linux: after 2 hours,
    /// every 75 s, 9 probes — see `/proc/sys/net/ipv4/tcp_keepalive_*`).
    KeepAlive("SO_KEEPALIVE") [all] get_set: bool = SOL_SOCKET / SO_KEEPALIVE via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)", man socket {
        /// ```
        /// use berkeley::sockopt::KeepAlive;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(KeepAlive, true)?;
        /// assert!(s.getsockopt(KeepAlive)?);
        /// # Ok(()) }
        /// ```
    }

    /// What `close` does with unsent data. `None` (the default): `close` returns at once and
    /// the kernel keeps sending in the background. `Some(t)`: `close` blocks up to `t` until the
    /// data is sent; `Some(Duration::ZERO)` discards it and resets the connection (`RST`).
    ///
    /// The C field is whole seconds: a fractional duration is **rounded up** (500 ms becomes
    /// 1 s, so a positive duration never turns into the abortive zero). More than `i32::MAX`
    /// seconds (Windows: 65535) is an [`Error::InvalidInput`].
    Linger("SO_LINGER") [all] get_set: Option<Duration> = SOL_SOCKET / SO_LINGER via LingerCodec
        as "struct linger",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 5))",
        man socket {
        /// ```
        /// use berkeley::sockopt::Linger;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::time::Duration;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(Linger, Some(Duration::from_millis(1500)))?;
        /// assert_eq!(s.getsockopt(Linger)?, Some(Duration::from_secs(2))); // rounded up
        /// s.setsockopt(Linger, None)?;
        /// assert_eq!(s.getsockopt(Linger)?, None);
        /// # Ok(()) }
        /// ```
    }

    /// The size of the receive buffer, in bytes.
    ///
    /// **Linux doubles the value you set** (to leave room for bookkeeping) and `getsockopt`
    /// returns the doubled value; it also clamps the request to `net.core.rmem_max` (unless
    /// the caller has `CAP_NET_ADMIN` and uses `SO_RCVBUFFORCE`) and raises it to a minimum.
    RcvBuf("SO_RCVBUF") [all] get_set: usize = SOL_SOCKET / SO_RCVBUF via UsizeInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)", man socket {
        /// ```
        /// use berkeley::sockopt::RcvBuf;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(RcvBuf, 32 * 1024)?;
        /// # #[cfg(target_os = "linux")]
        /// assert_eq!(s.getsockopt(RcvBuf)?, 64 * 1024); // Linux reports it doubled
        /// # Ok(()) }
        /// ```
    }

    /// The size of the send buffer, in bytes. As for [`RcvBuf`], Linux doubles the value and
    /// clamps it to `net.core.wmem_max`.
    SndBuf("SO_SNDBUF") [all] get_set: usize = SOL_SOCKET / SO_SNDBUF via UsizeInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)", man socket {
        /// ```
        /// use berkeley::sockopt::SndBuf;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(SndBuf, 32 * 1024)?;
        /// # #[cfg(target_os = "linux")]
        /// assert_eq!(s.getsockopt(SndBuf)?, 64 * 1024); // Linux reports it doubled
        /// # Ok(()) }
        /// ```
    }

    /// The minimum number of bytes a blocking `recv` waits for (default 1). On Linux it is
    /// honoured by stream sockets (TCP, UNIX) and by `poll`/`select` readiness; `SO_SNDLOWAT`
    /// is not changeable there. A receive timeout or a signal still returns less.
    RcvLowat("SO_RCVLOWAT") [unix] get_set: usize = SOL_SOCKET / SO_RCVLOWAT via UsizeInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, 16)", man socket {
        /// ```
        /// use berkeley::sockopt::RcvLowat;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(RcvLowat, 16)?;
        /// assert_eq!(s.getsockopt(RcvLowat)?, 16);
        /// # Ok(()) }
        /// ```
    }

    /// How long a blocking receive waits before failing with `EAGAIN`/`EWOULDBLOCK`
    /// (`ErrorKind::WouldBlock`; Windows: `WSAETIMEDOUT`). `None` waits forever (the default).
    ///
    /// `Some(Duration::ZERO)` is an [`Error::InvalidInput`] (as in `std::net`): the C value zero
    /// means "no timeout", the opposite of what it says. Durations are rounded **up** to whole
    /// microseconds (Windows: milliseconds); Linux then rounds up to its clock tick (`1/HZ`
    /// s), so a tiny timeout reads back as one tick.
    RcvTimeo("SO_RCVTIMEO") [all] get_set: Option<Duration> = SOL_SOCKET / SO_RCVTIMEO via Timeval
        as "struct timeval (Windows: DWORD ms)",
        py "sock.settimeout(1.5)  # or setsockopt(SOL_SOCKET, SO_RCVTIMEO, struct.pack('ll', 1, 500000))",
        man socket {
        /// ```
        /// use berkeley::sockopt::RcvTimeo;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::time::Duration;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(RcvTimeo, Some(Duration::from_millis(1500)))?;
        /// assert_eq!(s.getsockopt(RcvTimeo)?, Some(Duration::from_millis(1500)));
        /// assert!(s.setsockopt(RcvTimeo, Some(Duration::ZERO)).is_err());
        /// # Ok(()) }
        /// ```
    }

    /// How long a blocking send waits for buffer space before failing with
    /// `EAGAIN`/`EWOULDBLOCK`. `None` waits forever. Zero and rounding: as [`RcvTimeo`].
    SndTimeo("SO_SNDTIMEO") [all] get_set: Option<Duration> = SOL_SOCKET / SO_SNDTIMEO via Timeval
        as "struct timeval (Windows: DWORD ms)",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack('ll', 2, 0))",
        man socket {
        /// ```
        /// use berkeley::sockopt::SndTimeo;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::time::Duration;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(SndTimeo, Some(Duration::from_secs(2)))?;
        /// assert_eq!(s.getsockopt(SndTimeo)?, Some(Duration::from_secs(2)));
        /// # Ok(()) }
        /// ```
    }

    /// The socket's pending error, **cleared by reading it**: how a non-blocking `connect`
    /// reports its outcome once the socket polls writable. `None` means no error. The returned
    /// [`Error::Os`] names the call `"SO_ERROR"`.
    SoError("SO_ERROR") [all] get: Option<Error> = SOL_SOCKET / SO_ERROR via ErrorInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)", man socket {
        /// ```
        /// use berkeley::sockopt::SoError;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// assert!(s.getsockopt(SoError)?.is_none());
        /// # Ok(()) }
        /// ```
    }

    /// The socket type (`SOCK_STREAM`, `SOCK_DGRAM`, ...), without the creation flags.
    SoType("SO_TYPE") [all] get: Type = SOL_SOCKET / SO_TYPE via TypeInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)  # or sock.type", man socket {
        /// ```
        /// use berkeley::sockopt::SoType;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP)?;
        /// assert_eq!(s.getsockopt(SoType)?, Type::DGRAM);
        /// # Ok(()) }
        /// ```
    }

    /// Whether the socket is listening (`listen` was called).
    AcceptConn("SO_ACCEPTCONN") [all] get: bool = SOL_SOCKET / SO_ACCEPTCONN via BoolInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)", man socket {
        /// ```
        /// use berkeley::sockopt::AcceptConn;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// assert!(!s.getsockopt(AcceptConn)?);
        /// # Ok(()) }
        /// ```
    }

    /// The socket's domain (address family). Linux 2.6.32+.
    SoDomain("SO_DOMAIN") [linux] get: Domain = SOL_SOCKET / SO_DOMAIN via DomainInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_DOMAIN)  # or sock.family", man socket {
        /// ```
        /// use berkeley::sockopt::SoDomain;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// assert_eq!(s.getsockopt(SoDomain)?, Domain::INET6);
        /// # Ok(()) }
        /// ```
    }

    /// The socket's protocol (the one the kernel chose for `Protocol::DEFAULT`). Linux 2.6.32+.
    SoProtocol("SO_PROTOCOL") [linux] get: Protocol = SOL_SOCKET / SO_PROTOCOL via ProtocolInt
        as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL)  # or sock.proto", man socket {
        /// ```
        /// use berkeley::sockopt::SoProtocol;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::DEFAULT)?;
        /// assert_eq!(s.getsockopt(SoProtocol)?, Protocol::TCP);
        /// # Ok(()) }
        /// ```
    }

    /// The priority of the socket's packets in the queueing discipline (`skb->priority`).
    /// 0 to 6 need no privilege; higher values need `CAP_NET_ADMIN`.
    Priority("SO_PRIORITY") [linux] get_set: u32 = SOL_SOCKET / SO_PRIORITY via U32Int as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_PRIORITY, 3)", man socket {
        /// ```
        /// use berkeley::sockopt::Priority;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(Priority, 3)?;
        /// assert_eq!(s.getsockopt(Priority)?, 3);
        /// # Ok(()) }
        /// ```
    }

    /// Delivers TCP urgent (out-of-band) data inline with the normal data instead of through
    /// `recv(.., MSG_OOB)`.
    OobInline("SO_OOBINLINE") [all] get_set: bool = SOL_SOCKET / SO_OOBINLINE via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)", man socket {
        /// ```
        /// use berkeley::sockopt::OobInline;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(OobInline, true)?;
        /// assert!(s.getsockopt(OobInline)?);
        /// # Ok(()) }
        /// ```
    }

    /// Sends only to directly connected hosts, bypassing the routing table (like `send` with
    /// `MSG_DONTROUTE` on every call).
    DontRoute("SO_DONTROUTE") [all] get_set: bool = SOL_SOCKET / SO_DONTROUTE via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_DONTROUTE, 1)", man socket {
        /// ```
        /// use berkeley::sockopt::DontRoute;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(DontRoute, true)?;
        /// assert!(s.getsockopt(DontRoute)?);
        /// # Ok(()) }
        /// ```
    }

    /// Binds the socket to a network interface: it only receives packets that arrived on it
    /// and sends through it whatever the routing table says. `None` (or an empty name) unbinds.
    /// The name is at most 15 bytes ([`OptName`] rejects longer ones).
    ///
    /// Privilege: binding needs `CAP_NET_RAW` before Linux 5.7; since 5.7 an unprivileged
    /// process may bind a socket that is not yet bound to a device, but changing or removing
    /// the binding still needs `CAP_NET_RAW` (`EPERM` otherwise).
    BindToDevice("SO_BINDTODEVICE") [linux] get_set: Option<OptName> = SOL_SOCKET / SO_BINDTODEVICE
        via DeviceCodec as "char[IFNAMSIZ]",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'lo')", man socket {
        /// ```
        /// use berkeley::sockopt::{BindToDevice, OptName};
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// assert_eq!(s.getsockopt(BindToDevice)?, None);
        /// if s.setsockopt(BindToDevice, Some(OptName::new("lo")?)).is_ok() {
        ///     assert_eq!(s.getsockopt(BindToDevice)?.unwrap(), "lo");
        /// }
        /// # Ok(()) }
        /// ```
    }

    /// The firewall mark (`skb->mark`) of the socket's packets, matched by `ip rule fwmark`
    /// and netfilter. Setting needs `CAP_NET_ADMIN` (or `CAP_NET_RAW`, Linux 5.17+). Every
    /// `u32` is a valid mark.
    Mark("SO_MARK") [linux] get_set: u32 = SOL_SOCKET / SO_MARK via U32Bits as "unsigned int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 0x2a)", man socket {
        /// ```
        /// use berkeley::sockopt::Mark;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// assert_eq!(s.getsockopt(Mark)?, 0);
        /// if s.setsockopt(Mark, 0x2a).is_ok() { // needs CAP_NET_ADMIN
        ///     assert_eq!(s.getsockopt(Mark)?, 0x2a);
        /// }
        /// # Ok(()) }
        /// ```
    }

    /// The credentials of the process at the other end of a connected UNIX socket (or of a
    /// `socketpair`).
    PeerCred("SO_PEERCRED") [linux] get: UCred = SOL_SOCKET / SO_PEERCRED via UCredCodec
        as "struct ucred",
        py "struct.unpack('3i', sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))",
        man socket {
        /// ```
        /// use berkeley::sockopt::PeerCred;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let (a, _b) = Socket::pair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
        /// assert_eq!(a.getsockopt(PeerCred)?.pid, std::process::id() as i32);
        /// # Ok(()) }
        /// ```
    }
}

// -- IPPROTO_TCP: tcp(7) ----------------------------------------------------------------------

sockopt! {
    /// Disables Nagle's algorithm: small writes are sent at once instead of being coalesced
    /// while earlier data is unacknowledged. For request/response protocols.
    TcpNoDelay("TCP_NODELAY") [all] get_set: bool = IPPROTO_TCP / TCP_NODELAY via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpNoDelay;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(TcpNoDelay, true)?;
        /// assert!(s.getsockopt(TcpNoDelay)?);
        /// # Ok(()) }
        /// ```
    }

    /// The maximum segment size for outgoing TCP packets. Set before `connect`/`listen` to
    /// announce a smaller MSS; Linux accepts 88 to 32767 and reads back 536 before the
    /// connection is established (the negotiated MSS after).
    TcpMaxSeg("TCP_MAXSEG") [unix] get_set: u32 = IPPROTO_TCP / TCP_MAXSEG via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1200)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpMaxSeg;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(TcpMaxSeg, 1200)?;
        /// assert!(s.getsockopt(TcpMaxSeg)? > 0);
        /// # Ok(()) }
        /// ```
    }

    /// Seconds a connection must be idle before the first keep-alive probe (with
    /// [`KeepAlive`] on). Linux: 1 to 32767. Windows: 10 version 1709 and later; older versions
    /// fail with `WSAENOPROTOOPT`.
    TcpKeepIdle("TCP_KEEPIDLE") [keepalive] get_set: u32 = IPPROTO_TCP / TCP_KEEPIDLE via U32Int
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpKeepIdle;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// # // Windows before 10 version 1709 (and wine) lacks it: WSAENOPROTOOPT (10042).
        /// # #[cfg(windows)]
        /// # if s.setsockopt(TcpKeepIdle, 60).is_err_and(|e| e.raw_os_error() == Some(10042)) {
        /// #     return Ok(());
        /// # }
        /// s.setsockopt(TcpKeepIdle, 60)?;
        /// assert_eq!(s.getsockopt(TcpKeepIdle)?, 60);
        /// # Ok(()) }
        /// ```
    }

    /// Seconds between keep-alive probes. Linux: 1 to 32767. Windows: 10 version 1709 and later;
    /// older versions fail with `WSAENOPROTOOPT`.
    TcpKeepIntvl("TCP_KEEPINTVL") [keepalive] get_set: u32 = IPPROTO_TCP / TCP_KEEPINTVL via U32Int
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 10)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpKeepIntvl;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// # // Windows before 10 version 1709 (and wine) lacks it: WSAENOPROTOOPT (10042).
        /// # #[cfg(windows)]
        /// # if s.setsockopt(TcpKeepIntvl, 10).is_err_and(|e| e.raw_os_error() == Some(10042)) {
        /// #     return Ok(());
        /// # }
        /// s.setsockopt(TcpKeepIntvl, 10)?;
        /// assert_eq!(s.getsockopt(TcpKeepIntvl)?, 10);
        /// # Ok(()) }
        /// ```
    }

    /// Unanswered keep-alive probes before the connection is dropped. Linux: 1 to 127. Windows:
    /// 10 version 1703 and later (0 to 255); older versions fail with `WSAENOPROTOOPT`.
    TcpKeepCnt("TCP_KEEPCNT") [keepalive] get_set: u32 = IPPROTO_TCP / TCP_KEEPCNT via U32Int
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpKeepCnt;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// # // Windows before 10 version 1703 (and wine) lacks it: WSAENOPROTOOPT (10042).
        /// # #[cfg(windows)]
        /// # if s.setsockopt(TcpKeepCnt, 5).is_err_and(|e| e.raw_os_error() == Some(10042)) {
        /// #     return Ok(());
        /// # }
        /// s.setsockopt(TcpKeepCnt, 5)?;
        /// assert_eq!(s.getsockopt(TcpKeepCnt)?, 5);
        /// # Ok(()) }
        /// ```
    }

    /// Holds back partial frames until the cork is removed (or 200 ms pass), so a header and a
    /// `sendfile` body go out in full segments. Clearing it flushes.
    TcpCork("TCP_CORK") [linux] get_set: bool = IPPROTO_TCP / TCP_CORK via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpCork;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(TcpCork, true)?;
        /// assert!(s.getsockopt(TcpCork)?);
        /// # Ok(()) }
        /// ```
    }

    /// Sends ACKs immediately instead of delaying them. Not permanent: the kernel may leave
    /// quick-ack mode on its own later, so a read-back may differ from what was set.
    TcpQuickAck("TCP_QUICKACK") [linux] get_set: bool = IPPROTO_TCP / TCP_QUICKACK via BoolInt
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpQuickAck;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(TcpQuickAck, false)?;
        /// assert!(!s.getsockopt(TcpQuickAck)?);
        /// # Ok(()) }
        /// ```
    }

    /// Milliseconds transmitted data may stay unacknowledged before the connection is closed
    /// with `ETIMEDOUT`; 0 (the default) uses the system's retransmission limits.
    TcpUserTimeout("TCP_USER_TIMEOUT") [linux] get_set: u32 = IPPROTO_TCP / TCP_USER_TIMEOUT
        via U32Int as "unsigned int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 30000)", man tcp {
        /// ```
        /// use berkeley::sockopt::TcpUserTimeout;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(TcpUserTimeout, 30_000)?;
        /// assert_eq!(s.getsockopt(TcpUserTimeout)?, 30_000);
        /// # Ok(()) }
        /// ```
    }

    /// The congestion-control algorithm (`"cubic"`, `"reno"`, `"bbr"`, ...). The names the
    /// kernel has loaded are in `/proc/sys/net/ipv4/tcp_available_congestion_control`; an
    /// unknown one fails with `ENOENT`. Unprivileged processes may only pick those in
    /// `tcp_allowed_congestion_control` (`EPERM` otherwise).
    TcpCongestion("TCP_CONGESTION") [linux] get_set: OptName = IPPROTO_TCP / TCP_CONGESTION
        via NameCodec as "char[TCP_CA_NAME_MAX]",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b'reno')", man tcp {
        /// ```
        /// use berkeley::sockopt::{OptName, TcpCongestion};
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// println!("default: {}", s.getsockopt(TcpCongestion)?);
        /// s.setsockopt(TcpCongestion, OptName::new("reno")?)?;
        /// assert_eq!(s.getsockopt(TcpCongestion)?, "reno");
        /// # Ok(()) }
        /// ```
    }
}

// -- IPPROTO_IP: ip(7) ------------------------------------------------------------------------

sockopt! {
    /// The time-to-live of outgoing unicast IPv4 packets: 1 to 255 (0 fails with `EINVAL`).
    IpTtl("IP_TTL") [all] get_set: u32 = IPPROTO_IP / IP_TTL via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 16)", man ip {
        /// ```
        /// use berkeley::sockopt::IpTtl;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(IpTtl, 16)?;
        /// assert_eq!(s.getsockopt(IpTtl)?, 16);
        /// # Ok(()) }
        /// ```
    }

    /// The type-of-service byte (DSCP << 2 | ECN) of outgoing IPv4 packets. A `u8`, because the
    /// kernel silently keeps only the low 8 bits of a wider value. On TCP sockets Linux keeps
    /// the ECN bits under its own control.
    IpTos("IP_TOS") [all] get_set: u8 = IPPROTO_IP / IP_TOS via U8Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0x10)", man ip {
        /// ```
        /// use berkeley::sockopt::IpTos;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(IpTos, 0x10)?; // IPTOS_LOWDELAY
        /// assert_eq!(s.getsockopt(IpTos)?, 0x10);
        /// # Ok(()) }
        /// ```
    }

    /// On a raw IPv4 socket: the application supplies the IP header in each packet it sends
    /// (sockets of protocol `IPPROTO_RAW` have it on implicitly). Raw sockets need
    /// `CAP_NET_RAW` (Windows: Administrator).
    IpHdrIncl("IP_HDRINCL") [all] get_set: bool = IPPROTO_IP / IP_HDRINCL via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)", man ip {
        /// ```
        /// use berkeley::sockopt::IpHdrIncl;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// // Needs CAP_NET_RAW; without it, socket() fails with EPERM.
        /// if let Ok(s) = Socket::new(Domain::INET, Type::RAW, Protocol::ICMP) {
        ///     s.setsockopt(IpHdrIncl, true)?;
        ///     assert!(s.getsockopt(IpHdrIncl)?);
        /// }
        /// # Ok(()) }
        /// ```
    }

    /// Path-MTU discovery: whether outgoing IPv4 packets carry Don't-Fragment and how the
    /// path MTU is used. See [`PmtuDisc`].
    IpMtuDiscover("IP_MTU_DISCOVER") [linux] get_set: PmtuDisc = IPPROTO_IP / IP_MTU_DISCOVER
        via PmtuInt as "int",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MTU_DISCOVER, socket.IP_PMTUDISC_DO)",
        man ip {
        /// ```
        /// use berkeley::sockopt::{IpMtuDiscover, PmtuDisc};
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(IpMtuDiscover, PmtuDisc::DO)?;
        /// assert_eq!(s.getsockopt(IpMtuDiscover)?, PmtuDisc::DO);
        /// # Ok(()) }
        /// ```
    }

    /// The current path MTU known for a **connected** socket (`ENOTCONN` otherwise).
    IpMtu("IP_MTU") [linux] get: u32 = IPPROTO_IP / IP_MTU via U32Int as "int",
        py "sock.getsockopt(socket.IPPROTO_IP, 14)  # IP_MTU", man ip {
        /// ```
        /// use berkeley::sockopt::IpMtu;
        /// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
        /// use std::net::SocketAddr;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.connect(&SockAddr::from("127.0.0.1:9".parse::<SocketAddr>().unwrap()))?;
        /// assert!(s.getsockopt(IpMtu)? >= 576); // the loopback MTU, typically 65536
        /// # Ok(()) }
        /// ```
    }

    /// The time-to-live of outgoing multicast IPv4 packets (default 1: the local network
    /// only); 0 to 255. Datagram and raw sockets only (Linux: `EINVAL` on TCP).
    IpMulticastTtl("IP_MULTICAST_TTL") [all] get_set: u32 = IPPROTO_IP / IP_MULTICAST_TTL
        via U32Int as "int (BSD: u_char)",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 4)", man ip {
        /// ```
        /// use berkeley::sockopt::IpMulticastTtl;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(IpMulticastTtl, 4)?;
        /// assert_eq!(s.getsockopt(IpMulticastTtl)?, 4);
        /// # Ok(()) }
        /// ```
    }

    /// Whether multicast IPv4 packets this host sends are looped back to its own sockets
    /// that joined the group (default on).
    IpMulticastLoop("IP_MULTICAST_LOOP") [all] get_set: bool = IPPROTO_IP / IP_MULTICAST_LOOP
        via BoolInt as "int (BSD: u_char)",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)", man ip {
        /// ```
        /// use berkeley::sockopt::IpMulticastLoop;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(IpMulticastLoop, false)?;
        /// assert!(!s.getsockopt(IpMulticastLoop)?);
        /// # Ok(()) }
        /// ```
    }

    /// The local interface (by one of its IPv4 addresses) that multicast IPv4 packets are sent
    /// from; `0.0.0.0` lets the routing table choose.
    IpMulticastIf("IP_MULTICAST_IF") [all] get_set: Ipv4Addr = IPPROTO_IP / IP_MULTICAST_IF
        via InAddr as "struct in_addr",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('127.0.0.1'))",
        man ip {
        /// ```
        /// use berkeley::sockopt::IpMulticastIf;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::net::Ipv4Addr;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(IpMulticastIf, Ipv4Addr::LOCALHOST)?;
        /// assert_eq!(s.getsockopt(IpMulticastIf)?, Ipv4Addr::LOCALHOST);
        /// # Ok(()) }
        /// ```
    }

    /// Joins an IPv4 multicast group: the value is `(group, interface address)`; an
    /// interface of `0.0.0.0` lets the kernel choose. Joining twice fails with `EADDRINUSE`.
    IpAddMembership("IP_ADD_MEMBERSHIP") [all] set: (Ipv4Addr, Ipv4Addr) = IPPROTO_IP
        / IP_ADD_MEMBERSHIP via Mreq4 as "struct ip_mreq",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(iface))",
        man ip {
        /// ```
        /// use berkeley::sockopt::{IpAddMembership, IpDropMembership};
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::net::Ipv4Addr;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// let group = Ipv4Addr::new(224, 0, 0, 251);
        /// s.setsockopt(IpAddMembership, (group, Ipv4Addr::LOCALHOST))?;
        /// s.setsockopt(IpDropMembership, (group, Ipv4Addr::LOCALHOST))?;
        /// # Ok(()) }
        /// ```
    }

    /// Leaves an IPv4 multicast group joined with [`IpAddMembership`] (same value);
    /// `EADDRNOTAVAIL` if it was not joined.
    IpDropMembership("IP_DROP_MEMBERSHIP") [all] set: (Ipv4Addr, Ipv4Addr) = IPPROTO_IP
        / IP_DROP_MEMBERSHIP via Mreq4 as "struct ip_mreq",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(iface))",
        man ip {
        /// ```
        /// use berkeley::sockopt::IpDropMembership;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::net::Ipv4Addr;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
        /// let group = (Ipv4Addr::new(224, 0, 0, 251), Ipv4Addr::LOCALHOST);
        /// assert!(s.setsockopt(IpDropMembership, group).is_err()); // never joined
        /// # Ok(()) }
        /// ```
    }
}

// -- IPPROTO_IPV6: ipv6(7) --------------------------------------------------------------------

sockopt! {
    /// Restricts an `AF_INET6` socket to IPv6. Off (Linux default, see
    /// `net.ipv6.bindv6only`), a socket bound to `::` also accepts IPv4 as `::ffff:a.b.c.d`;
    /// Windows defaults to on. Set it before `bind`.
    Ipv6V6Only("IPV6_V6ONLY") [all] get_set: bool = IPPROTO_IPV6 / IPV6_V6ONLY via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)", man ipv6 {
        /// ```
        /// use berkeley::sockopt::Ipv6V6Only;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(Ipv6V6Only, true)?;
        /// assert!(s.getsockopt(Ipv6V6Only)?);
        /// # Ok(()) }
        /// ```
    }

    /// The hop limit of outgoing unicast IPv6 packets: 1 to 255 (the IPv6 [`IpTtl`]).
    Ipv6UnicastHops("IPV6_UNICAST_HOPS") [all] get_set: u32 = IPPROTO_IPV6 / IPV6_UNICAST_HOPS
        via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 16)", man ipv6 {
        /// ```
        /// use berkeley::sockopt::Ipv6UnicastHops;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(Ipv6UnicastHops, 16)?;
        /// assert_eq!(s.getsockopt(Ipv6UnicastHops)?, 16);
        /// # Ok(()) }
        /// ```
    }

    /// The hop limit of outgoing multicast IPv6 packets (default 1); 0 to 255. Datagram and
    /// raw sockets only (Linux: `ENOPROTOOPT` on TCP).
    Ipv6MulticastHops("IPV6_MULTICAST_HOPS") [all] get_set: u32 = IPPROTO_IPV6 / IPV6_MULTICAST_HOPS
        via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 4)", man ipv6 {
        /// ```
        /// use berkeley::sockopt::Ipv6MulticastHops;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(Ipv6MulticastHops, 4)?;
        /// assert_eq!(s.getsockopt(Ipv6MulticastHops)?, 4);
        /// # Ok(()) }
        /// ```
    }

    /// Whether multicast IPv6 packets this host sends are looped back to its own sockets
    /// (default on).
    Ipv6MulticastLoop("IPV6_MULTICAST_LOOP") [all] get_set: bool = IPPROTO_IPV6
        / IPV6_MULTICAST_LOOP via BoolInt as "unsigned int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, 0)", man ipv6 {
        /// ```
        /// use berkeley::sockopt::Ipv6MulticastLoop;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(Ipv6MulticastLoop, false)?;
        /// assert!(!s.getsockopt(Ipv6MulticastLoop)?);
        /// # Ok(()) }
        /// ```
    }

    /// Joins an IPv6 multicast group: the value is `(group, interface index)`; index 0 lets the
    /// kernel choose (interface indexes come from `if_nametoindex`). Called
    /// `IPV6_ADD_MEMBERSHIP` by glibc and Linux, the same number.
    #[doc(alias = "IPV6_ADD_MEMBERSHIP")]
    Ipv6JoinGroup("IPV6_JOIN_GROUP") [all] set: (Ipv6Addr, u32) = IPPROTO_IPV6 / IPV6_JOIN_GROUP
        via Mreq6 as "struct ipv6_mreq",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', ifindex))",
        man ipv6 {
        /// ```
        /// # #![cfg_attr(not(unix), allow(unused_imports))] // the example needs libc
        /// use berkeley::sockopt::{Ipv6JoinGroup, Ipv6LeaveGroup};
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::net::Ipv6Addr;
        /// # fn main() -> berkeley::Result<()> {
        /// # #[cfg(unix)] {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// // SAFETY: a NUL-terminated string that if_nametoindex only reads.
        /// let lo = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
        /// let group = "ff02::1:3".parse::<Ipv6Addr>().unwrap();
        /// # if lo == 0 { return Ok(()) }
        /// s.setsockopt(Ipv6JoinGroup, (group, lo))?;
        /// s.setsockopt(Ipv6LeaveGroup, (group, lo))?;
        /// # }
        /// # Ok(()) }
        /// ```
    }

    /// Leaves an IPv6 multicast group joined with [`Ipv6JoinGroup`] (same value). Called
    /// `IPV6_DROP_MEMBERSHIP` by glibc and Linux.
    #[doc(alias = "IPV6_DROP_MEMBERSHIP")]
    Ipv6LeaveGroup("IPV6_LEAVE_GROUP") [all] set: (Ipv6Addr, u32) = IPPROTO_IPV6 / IPV6_LEAVE_GROUP
        via Mreq6 as "struct ipv6_mreq",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_LEAVE_GROUP, socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', ifindex))",
        man ipv6 {
        /// ```
        /// use berkeley::sockopt::Ipv6LeaveGroup;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// use std::net::Ipv6Addr;
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// let group = "ff02::1:3".parse::<Ipv6Addr>().unwrap();
        /// assert!(s.setsockopt(Ipv6LeaveGroup, (group, 0)).is_err()); // never joined
        /// # Ok(()) }
        /// ```
    }

    /// The traffic class (DSCP << 2 | ECN) of outgoing IPv6 packets: the IPv6 [`IpTos`].
    Ipv6Tclass("IPV6_TCLASS") [unix] get_set: u8 = IPPROTO_IPV6 / IPV6_TCLASS via U8Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, 0x10)", man ipv6 {
        /// ```
        /// use berkeley::sockopt::Ipv6Tclass;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// s.setsockopt(Ipv6Tclass, 0x10)?;
        /// assert_eq!(s.getsockopt(Ipv6Tclass)?, 0x10);
        /// # Ok(()) }
        /// ```
    }
}

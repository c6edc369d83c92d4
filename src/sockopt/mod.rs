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
use std::mem::MaybeUninit;

use crate::error::Result;
use crate::socket::Socket;
use crate::sys;
#[cfg(doc)]
use crate::{error::Error, types::Type};

mod codec;
mod value;

// The markers, one file per level. Declared after `sockopt!`, which they use.
pub use self::ip::*;
pub use self::ipv6::*;
pub use self::socket::*;
pub use self::tcp::*;
pub use self::value::*;

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
// The table
// ---------------------------------------------------------------------------------------------

/// Declares the markers: one entry per option.
///
/// ```text
/// /// summary, notes
/// Name("C_NAME") [platforms] access: ValueType = LEVEL / C_NAME via Codec as "C type",
///     py "python call", man page, example { /// example }
/// ```
///
/// or, for the common example (open a socket, set a value, read it back),
/// `man page, round_trip(DOMAIN, TYPE, PROTOCOL, value)`.
macro_rules! sockopt {
    ($(
        $(#[$doc:meta])*
        $name:ident($alias:literal) [$plat:ident] $access:ident: $value:ty
            = $level:ident / $opt:ident via $codec:ident as $ctype:literal,
            py $py:literal, man $man:ident, $kind:ident $example:tt
    )*) => {$(
        sockopt!(@example $name $kind $example
            $(#[$doc])*
            $name($alias) [$plat] $access: $value = $level / $opt via $codec as $ctype,
            py $py, man $man);
    )*};

    // `round_trip(DOMAIN, TYPE, PROTOCOL, value)`: the common example, which opens a socket,
    // sets `value` and reads it back.
    (@example $name:ident round_trip ($d:ident, $t:ident, $p:ident, true) $($entry:tt)*) => {
        sockopt!(@round_trip $name ($d, $t, $p, true)
            ["assert!(s.getsockopt(", stringify!($name), ")?);"] $($entry)*);
    };
    (@example $name:ident round_trip ($d:ident, $t:ident, $p:ident, false) $($entry:tt)*) => {
        sockopt!(@round_trip $name ($d, $t, $p, false)
            ["assert!(!s.getsockopt(", stringify!($name), ")?);"] $($entry)*);
    };
    (@example $name:ident round_trip ($d:ident, $t:ident, $p:ident, $v:literal) $($entry:tt)*) => {
        sockopt!(@round_trip $name ($d, $t, $p, $v)
            ["assert_eq!(s.getsockopt(", stringify!($name), ")?, ", stringify!($v), ");"]
            $($entry)*);
    };
    (@round_trip $name:ident ($d:ident, $t:ident, $p:ident, $v:tt) [$($check:tt)*]
        $($entry:tt)*) => {
        sockopt!(@example $name example {
            #[doc = " ```"]
            #[doc = concat!(" use berkeley::sockopt::", stringify!($name), ";")]
            #[doc = " use berkeley::{Domain, Protocol, Socket, Type};"]
            #[doc = " # fn main() -> berkeley::Result<()> {"]
            #[doc = concat!(" let s = Socket::new(Domain::", stringify!($d), ", Type::",
                stringify!($t), ", Protocol::", stringify!($p), ")?;")]
            #[doc = concat!(" s.setsockopt(", stringify!($name), ", ", stringify!($v), ")?;")]
            #[doc = concat!(" ", $($check)*)]
            #[doc = " # Ok(()) }"]
            #[doc = " ```"]
        } $($entry)*);
    };

    // `example { /// ``` ... }`: an example written out.
    (@example $_name:ident example { $(#[$example:meta])* }
        $(#[$doc:meta])*
        $name:ident($alias:literal) [$plat:ident] $access:ident: $value:ty
            = $level:ident / $opt:ident via $codec:ident as $ctype:literal,
            py $py:literal, man $man:ident
    ) => {
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
        sockopt!(@cfg $plat impl $crate::sockopt::sealed::Sealed for $name {});
        sockopt!(@cfg $plat
            impl $crate::sockopt::SockOpt for $name {
                type Value = $value;
                const LEVEL: i32 = $crate::sockopt::c::$level as i32;
                const NAME: i32 = $crate::sockopt::c::$opt as i32;
                const C_NAME: &'static str = stringify!($opt);
            }
        );
        sockopt!(@impl $access $plat $name [$value] $opt $codec);
    };

    (@impl get_set $plat:ident $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt!(@impl set $plat $name [$value] $opt $codec);
        sockopt!(@impl get $plat $name [$value] $opt $codec);
    };
    (@impl set $plat:ident $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt!(@cfg $plat
            impl $crate::sockopt::SetSockOpt for $name {
                #[inline]
                fn set(self, socket: &$crate::Socket, value: $value) -> $crate::Result<()> {
                    use $crate::sockopt::{codec::{set_with, $codec}, SockOpt};
                    set_with::<$codec>(socket, Self::LEVEL, Self::NAME,
                        concat!("setsockopt(", stringify!($opt), ")"), value)
                }
            }
        );
    };
    (@impl get $plat:ident $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt!(@cfg $plat
            impl $crate::sockopt::GetSockOpt for $name {
                #[inline]
                fn get(self, socket: &$crate::Socket) -> $crate::Result<$value> {
                    use $crate::sockopt::{codec::{get_with, $codec}, SockOpt};
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

mod ip;
mod ipv6;
mod socket;
mod tcp;

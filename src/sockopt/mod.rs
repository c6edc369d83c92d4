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
//! # Sockets berkeley does not own
//!
//! The free functions [`setsockopt`], [`getsockopt`], [`setsockopt_raw`] and
//! [`getsockopt_raw`] take any socket that lends its descriptor — `AsFd` on Unix, `AsSocket` on
//! Windows: `std::net`'s and tokio's sockets, socket2's, a `BorrowedFd` — through [`SockRef`]
//! (socket2's `SockRef` is the model). [`Socket::setsockopt`] is the same call.
//!
//! ```
//! use berkeley::sockopt::{self, KeepAlive, TcpNoDelay};
//! use std::net::{TcpListener, TcpStream};
//! # fn main() -> berkeley::Result<()> {
//! let listener = TcpListener::bind("127.0.0.1:0")?;
//! let stream = TcpStream::connect(listener.local_addr()?)?;
//! sockopt::setsockopt(&stream, TcpNoDelay, true)?;
//! sockopt::setsockopt(&stream, KeepAlive, true)?;
//! assert!(stream.nodelay()?);
//! assert!(sockopt::getsockopt(&stream, KeepAlive)?);
//! # Ok(()) }
//! ```
//!
//! # The traits
//!
//! A marker implements [`SockOpt`] (level, name, value type) and [`SetSockOpt`] and/or
//! [`GetSockOpt`]: get-only options (`SO_ERROR`, `SO_TYPE`, `SO_PEERCRED`, `IP_MTU`, ...) cannot
//! be passed to `setsockopt`, set-only ones (`IP_ADD_MEMBERSHIP`, ...) cannot be passed to
//! `getsockopt`, and a value of the wrong type is refused — all compile errors. The traits are
//! **sealed**: the markers below are the
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
//! Every time is a [`Duration`](std::time::Duration) and every multi-field value a named
//! struct ([`IpMreq`], [`Ipv6Mreq`], [`IpMreqSource`]). Values are checked before they reach
//! the OS and nothing is silently truncated: a `usize` that does not fit the C `int` the kernel
//! takes, a zero timeout (which C would read as "no timeout"), a duration too long for the C
//! field, or an interface name longer than `IFNAMSIZ - 1` is an [`Error::InvalidInput`].
//! Durations are rounded **up** to the C unit (seconds, milliseconds, microseconds), so a
//! positive duration never becomes the C zero. OS failures
//! are [`Error::Os`] whose call names the option: `setsockopt(IP_TTL): Invalid argument (os
//! error 22)`, `getsockopt(IP_MTU): Transport endpoint is not connected (os error 107)`.
//!
//! Values are encoded as bytes at the offsets the platform's own C headers give (through the
//! libc and windows-sys struct definitions): Apple's padded `timeval`, the BSD field order of
//! `ip_mreq_source` and Winsock's `u_short` `linger` are each handled, never assumed.
//!
//! Windows: Winsock writes a single byte for some boolean options (`TCP_NODELAY`); the `bool`
//! markers read either size. Windows error codes are the `WSAE*` ones (`WSAENOPROTOOPT`, 10042,
//! for an option the system lacks).
//!
//! # Platforms and testing
//!
//! Each marker exists only where its option does (its docs list the systems; docs.rs shows a
//! badge). Linux is tested in full; Windows runs the portable tests under wine; macOS and
//! FreeBSD are compiled and linted only — the markers there follow libc's definitions but no
//! test has run on them.
//!
//! # Overview
//!
//! Platforms: *all* = Unix and Windows; *Linux* = Linux and Android; *BSD* = FreeBSD,
//! DragonFly, NetBSD, OpenBSD (not every option on each: see the marker); *Apple* = macOS, iOS.
//! Markers that do not exist on every platform are not linked from this table (a link cannot
//! point to an item that another platform's docs lack): find them in the item list below.
//!
//! | C option | marker | value | access | platforms |
//! |---|---|---|---|---|
//! | **`SOL_SOCKET`** — [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html) | | | | |
//! | `SO_REUSEADDR` | [`ReuseAddr`] | `bool` | get, set | all |
//! | `SO_REUSEPORT` | `ReusePort` | `bool` | get, set | Linux, BSD, Apple |
//! | `SO_BROADCAST` | [`Broadcast`] | `bool` | get, set | all |
//! | `SO_KEEPALIVE` | [`KeepAlive`] | `bool` | get, set | all |
//! | `SO_LINGER` | [`Linger`] | `Option<Duration>` (whole seconds) | get, set | all |
//! | `SO_RCVBUF` | [`RcvBuf`] | `usize` | get, set | all |
//! | `SO_SNDBUF` | [`SndBuf`] | `usize` | get, set | all |
//! | `SO_RCVLOWAT` | `RcvLowat` | `usize` | get, set | Unix |
//! | `SO_RCVTIMEO` | [`RcvTimeo`] | `Option<Duration>` | get, set | all |
//! | `SO_SNDTIMEO` | [`SndTimeo`] | `Option<Duration>` | get, set | all |
//! | `SO_ERROR` | [`SoError`] | `Option<Error>` | get | all |
//! | `SO_TYPE` | [`SoType`] | [`Type`] | get | all |
//! | `SO_ACCEPTCONN` | [`AcceptConn`] | `bool` | get | all |
//! | `SO_DOMAIN` | `SoDomain` | `Domain` | get | Linux |
//! | `SO_PROTOCOL` | `SoProtocol` | `Protocol` | get | Linux |
//! | `SO_PRIORITY` | `Priority` | `u32` | get, set | Linux |
//! | `SO_OOBINLINE` | [`OobInline`] | `bool` | get, set | all |
//! | `SO_DONTROUTE` | [`DontRoute`] | `bool` | get, set | all |
//! | `SO_BINDTODEVICE` | `BindToDevice` | `Option<OptName>` | get, set | Linux |
//! | `SO_MARK` | `Mark` | `u32` | get, set | Linux |
//! | `SO_PEERCRED` | `PeerCred` | `UCred` | get | Linux |
//! | `SO_NOSIGPIPE` | `NoSigPipe` | `bool` | get, set | Apple, FreeBSD, NetBSD |
//! | `SO_TIMESTAMP` | `SoTimestamp` | `bool` (receive times as `Cmsg::Timestamp`) | get, set | Unix |
//! | `SO_TIMESTAMPNS` | `SoTimestampNs` | `bool` (receive times as `Cmsg::Timestamp`) | get, set | Linux |
//! | `SO_PASSCRED` | `PassCred` | `bool` (credentials as `Cmsg::ScmCredentials`) | get, set | Linux |
//! | **`IPPROTO_TCP`** — [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html) | | | | |
//! | `TCP_NODELAY` | [`TcpNoDelay`] | `bool` | get, set | all |
//! | `TCP_MAXSEG` | `TcpMaxSeg` | `u32` | get, set | Unix |
//! | `TCP_KEEPIDLE` (Apple: `TCP_KEEPALIVE`) | `TcpKeepIdle` | `Duration` (whole seconds) | get, set | Linux, FreeBSD, NetBSD, Apple, Windows |
//! | `TCP_KEEPINTVL` | `TcpKeepIntvl` | `Duration` (whole seconds) | get, set | Linux, FreeBSD, NetBSD, Apple, Windows |
//! | `TCP_KEEPCNT` | `TcpKeepCnt` | `u32` | get, set | Linux, FreeBSD, NetBSD, Apple, Windows |
//! | `TCP_CORK` | `TcpCork` | `bool` | get, set | Linux |
//! | `TCP_QUICKACK` | `TcpQuickAck` | `bool` | get, set | Linux |
//! | `TCP_USER_TIMEOUT` | `TcpUserTimeout` | `Option<Duration>` (milliseconds) | get, set | Linux |
//! | `TCP_CONGESTION` | `TcpCongestion` | `OptName` | get, set | Linux |
//! | **`SOL_UDP`** — [udp(7)](https://man7.org/linux/man-pages/man7/udp.7.html) | | | | |
//! | `UDP_SEGMENT` | `UdpSegment` | `u32` | get, set | Linux |
//! | `UDP_GRO` | `UdpGro` | `bool` | get, set | Linux |
//! | **`IPPROTO_IP`** — [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html) | | | | |
//! | `IP_TTL` | [`IpTtl`] | `u32` | get, set | all |
//! | `IP_TOS` | [`IpTos`] | `u8` | get, set | all |
//! | `IP_HDRINCL` | [`IpHdrIncl`] | `bool` | get, set | all |
//! | `IP_MTU_DISCOVER` | `IpMtuDiscover` | `PmtuDisc` | get, set | Linux |
//! | `IP_MTU` | `IpMtu` | `u32` | get | Linux |
//! | `IP_MULTICAST_TTL` | [`IpMulticastTtl`] | `u32` | get, set | all |
//! | `IP_MULTICAST_LOOP` | [`IpMulticastLoop`] | `bool` | get, set | all |
//! | `IP_MULTICAST_IF` | [`IpMulticastIf`] | `Ipv4Addr` (Linux: set also takes `IpMreqn`) | get, set | all |
//! | `IP_MULTICAST_ALL` | `IpMulticastAll` | `bool` | get, set | Linux |
//! | `IP_ADD_MEMBERSHIP` | [`IpAddMembership`] | [`IpMreq`] (Linux: or `IpMreqn`) | set | all |
//! | `IP_DROP_MEMBERSHIP` | [`IpDropMembership`] | [`IpMreq`] (Linux: or `IpMreqn`) | set | all |
//! | `IP_ADD_SOURCE_MEMBERSHIP` | `IpAddSourceMembership` | [`IpMreqSource`] | set | Linux, FreeBSD, Apple, Windows |
//! | `IP_DROP_SOURCE_MEMBERSHIP` | `IpDropSourceMembership` | [`IpMreqSource`] | set | Linux, FreeBSD, Apple, Windows |
//! | `IP_BLOCK_SOURCE` | `IpBlockSource` | [`IpMreqSource`] | set | Linux, FreeBSD, Apple, Windows |
//! | `IP_UNBLOCK_SOURCE` | `IpUnblockSource` | [`IpMreqSource`] | set | Linux, FreeBSD, Apple, Windows |
//! | `IP_RECVTTL` | `IpRecvTtl` | `bool` (TTL as `Cmsg::IpTtl`) | get, set | Linux, FreeBSD, Apple, Windows |
//! | `IP_RECVTOS` | `IpRecvTos` | `bool` (TOS as `Cmsg::IpTos`) | get, set | Linux, FreeBSD, Apple, Windows |
//! | `IP_PKTINFO` | `IpPktInfo` | `bool` (`Cmsg::IpPktInfo`) | get, set | Linux, Apple, Windows |
//! | `IP_RECVERR` | `IpRecvErr` | `bool` (error queue, `Cmsg::IpRecvErr`) | get, set | Linux |
//! | **`IPPROTO_IPV6`** — [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html) | | | | |
//! | `IPV6_V6ONLY` | [`Ipv6V6Only`] | `bool` | get, set | all |
//! | `IPV6_UNICAST_HOPS` | [`Ipv6UnicastHops`] | `u32` | get, set | all |
//! | `IPV6_MULTICAST_HOPS` | [`Ipv6MulticastHops`] | `u32` | get, set | all |
//! | `IPV6_MULTICAST_LOOP` | [`Ipv6MulticastLoop`] | `bool` | get, set | all |
//! | `IPV6_MULTICAST_IF` | [`Ipv6MulticastIf`] | `u32` (interface index) | get, set | all |
//! | `IPV6_JOIN_GROUP` | [`Ipv6JoinGroup`] | [`Ipv6Mreq`] | set | all |
//! | `IPV6_LEAVE_GROUP` | [`Ipv6LeaveGroup`] | [`Ipv6Mreq`] | set | all |
//! | `IPV6_TCLASS` | `Ipv6Tclass` | `u8` | get, set | Linux, BSD, Apple |
//! | `IPV6_RECVHOPLIMIT` | `Ipv6RecvHopLimit` | `bool` (`Cmsg::Ipv6HopLimit`) | get, set | Linux, FreeBSD, Apple |
//! | `IPV6_RECVPKTINFO` | `Ipv6RecvPktInfo` | `bool` (`Cmsg::Ipv6PktInfo`) | get, set | Linux, FreeBSD, Apple |
//! | `IPV6_RECVERR` | `Ipv6RecvErr` | `bool` (error queue, `Cmsg::Ipv6RecvErr`) | get, set | Linux |
//! | `IPV6_CHECKSUM` | [`Ipv6Checksum`] | `Option<u32>` (byte offset; `None` = -1, off) | get, set | all |
//! | **`SOL_RAW`**, **`IPPROTO_ICMPV6`** — [raw(7)](https://man7.org/linux/man-pages/man7/raw.7.html) | | | | |
//! | `ICMP_FILTER` | `IcmpFilter` | [`IcmpTypeFilter`] | get, set | Linux |
//! | `ICMP6_FILTER` | `Icmpv6Filter` | [`Icmpv6TypeFilter`] | get, set | Linux |
//! | **`SOL_PACKET`** — [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html) | | | | |
//! | `PACKET_ADD_MEMBERSHIP` | `PacketAddMembership` | `PacketMreq` | set | Linux |
//! | `PACKET_DROP_MEMBERSHIP` | `PacketDropMembership` | `PacketMreq` | set | Linux |
//! | `PACKET_AUXDATA` | `PacketAuxData` | `bool` | get, set | Linux |
//! | `PACKET_IGNORE_OUTGOING` | `PacketIgnoreOutgoing` | `bool` | get, set | Linux ≥ 4.20 |
//! | `PACKET_FANOUT` | `PacketFanout` | `FanoutGroup` | set | Linux |

use std::fmt;

use crate::error::Result;
use crate::socket::Socket;
#[cfg(doc)]
use crate::{error::Error, types::Type};

mod codec;
mod mreq;
mod sockref;
mod value;

pub use self::ip::*;
pub use self::ipv6::*;
pub use self::mreq::*;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub use self::packet::*;
pub use self::raw::*;
pub use self::socket::*;
pub use self::sockref::SockRef;
pub use self::tcp::*;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub use self::udp::*;
pub use self::value::*;

/// The C names (`crate::sys::c`), plus the few that libc spells differently per platform.
mod c {
    pub(super) use crate::sys::c::*;
    // glibc and musl have only the older names; they are the same numbers.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) use crate::sys::c::{
        IPV6_ADD_MEMBERSHIP as IPV6_JOIN_GROUP, IPV6_DROP_MEMBERSHIP as IPV6_LEAVE_GROUP,
    };
    // windows-sys spells the C structs in capitals.
    #[cfg(windows)]
    pub(super) use windows_sys::Win32::Networking::WinSock::IP_MREQ_SOURCE as ip_mreq_source;
    // linux/udp.h: libc defines these for uClibc only.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const UDP_SEGMENT: i32 = 103;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const UDP_GRO: i32 = 104;
}

impl Socket {
    /// `setsockopt(2)` — sets a socket option.
    ///
    /// C: `int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen);`
    /// — Python: `sock.setsockopt(level, optname, value)`.
    ///
    /// `opt` is a marker from [`sockopt`](crate::sockopt) that fixes the level, the name and the
    /// type of `value`; berkeley encodes the value as the C type the OS expects. For sockets
    /// berkeley does not own (std's, tokio's), use [`sockopt::setsockopt`](setsockopt).
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
    pub fn setsockopt<O: SetSockOpt<V>, V>(&self, opt: O, value: V) -> Result<()> {
        opt.set(SockRef::from(self), value)
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
        opt.get(SockRef::from(self))
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
        setsockopt_raw(self, level, name, value)
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
        getsockopt_raw(self, level, name, buf)
    }
}

// ---------------------------------------------------------------------------------------------
// Any socket: free functions over `SockRef`
// ---------------------------------------------------------------------------------------------

/// `setsockopt(2)` on any socket — berkeley's [`Socket`], or std's, tokio's, socket2's: anything
/// that lends its descriptor (`AsFd` on Unix, `AsSocket` on Windows; see [`SockRef`]).
///
/// C: `int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen);`
/// — Python: `sock.setsockopt(level, optname, value)`.
///
/// The same call as [`Socket::setsockopt`], for sockets berkeley does not own. The socket is
/// only borrowed: nothing is closed or changed but the option.
///
/// # Errors
///
/// As [`Socket::setsockopt`]: [`Error::InvalidInput`] for a value the option's C type cannot
/// hold (the OS is not called), [`Error::Os`] naming the option if the OS refuses it.
///
/// ```
/// use berkeley::sockopt::{self, IpTtl, TcpNoDelay};
/// use std::net::{TcpListener, TcpStream, UdpSocket};
/// # fn main() -> berkeley::Result<()> {
/// let listener = TcpListener::bind("127.0.0.1:0")?;
/// let stream = TcpStream::connect(listener.local_addr()?)?;
/// sockopt::setsockopt(&stream, TcpNoDelay, true)?;
/// assert!(stream.nodelay()?); // std sees the same option
///
/// let udp = UdpSocket::bind("127.0.0.1:0")?;
/// sockopt::setsockopt(&udp, IpTtl, 16)?;
/// assert_eq!(udp.ttl()?, 16);
/// # Ok(()) }
/// ```
///
/// See [setsockopt(2)](https://man7.org/linux/man-pages/man2/setsockopt.2.html).
#[inline]
pub fn setsockopt<'s, O, V>(socket: impl Into<SockRef<'s>>, opt: O, value: V) -> Result<()>
where
    O: SetSockOpt<V>,
{
    opt.set(socket.into(), value)
}

/// `getsockopt(2)` on any socket — berkeley's [`Socket`], or std's, tokio's, socket2's: anything
/// that lends its descriptor (`AsFd` on Unix, `AsSocket` on Windows; see [`SockRef`]).
///
/// C: `int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen);`
/// — Python: `sock.getsockopt(level, optname)`.
///
/// # Errors
///
/// As [`Socket::getsockopt`].
///
/// ```
/// use berkeley::sockopt::{self, KeepAlive, SoType};
/// use berkeley::Type;
/// use std::net::{TcpListener, UdpSocket};
/// # fn main() -> berkeley::Result<()> {
/// let listener = TcpListener::bind("127.0.0.1:0")?;
/// assert_eq!(sockopt::getsockopt(&listener, SoType)?, Type::STREAM);
/// assert!(!sockopt::getsockopt(&listener, KeepAlive)?);
/// let udp = UdpSocket::bind("127.0.0.1:0")?;
/// assert_eq!(sockopt::getsockopt(&udp, SoType)?, Type::DGRAM);
/// # Ok(()) }
/// ```
///
/// See [getsockopt(2)](https://man7.org/linux/man-pages/man2/getsockopt.2.html).
#[inline]
pub fn getsockopt<'s, O: GetSockOpt>(socket: impl Into<SockRef<'s>>, opt: O) -> Result<O::Value> {
    opt.get(socket.into())
}

/// `setsockopt(2)` with raw bytes on any socket: [`Socket::setsockopt_raw`] for sockets
/// berkeley does not own.
///
/// C: `int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen);`
/// — Python: `sock.setsockopt(level, optname, value: bytes)`.
///
/// ```
/// use berkeley::sockopt::{self, SockOpt, TcpNoDelay};
/// use std::net::{TcpListener, TcpStream};
/// # fn main() -> berkeley::Result<()> {
/// let listener = TcpListener::bind("127.0.0.1:0")?;
/// let stream = TcpStream::connect(listener.local_addr()?)?;
/// sockopt::setsockopt_raw(&stream, TcpNoDelay::LEVEL, TcpNoDelay::NAME, &1i32.to_ne_bytes())?;
/// assert!(stream.nodelay()?);
/// # Ok(()) }
/// ```
///
/// See [setsockopt(2)](https://man7.org/linux/man-pages/man2/setsockopt.2.html).
pub fn setsockopt_raw<'s>(
    socket: impl Into<SockRef<'s>>,
    level: i32,
    name: i32,
    value: &[u8],
) -> Result<()> {
    codec::set_bytes(socket.into(), level, name, "setsockopt", value)
}

/// `getsockopt(2)` with raw bytes on any socket: [`Socket::getsockopt_raw`] for sockets
/// berkeley does not own. Returns the number of bytes the OS wrote into `buf`.
///
/// C: `int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen);`
/// — Python: `sock.getsockopt(level, optname, buflen)`.
///
/// ```
/// use berkeley::sockopt::{self, SockOpt, SoType};
/// use berkeley::Type;
/// use std::net::UdpSocket;
/// # fn main() -> berkeley::Result<()> {
/// let udp = UdpSocket::bind("127.0.0.1:0")?;
/// let mut buf = [0u8; 4];
/// let n = sockopt::getsockopt_raw(&udp, SoType::LEVEL, SoType::NAME, &mut buf)?;
/// assert_eq!(n, 4);
/// assert_eq!(i32::from_ne_bytes(buf), Type::DGRAM.as_raw());
/// # Ok(()) }
/// ```
///
/// See [getsockopt(2)](https://man7.org/linux/man-pages/man2/getsockopt.2.html).
pub fn getsockopt_raw<'s>(
    socket: impl Into<SockRef<'s>>,
    level: i32,
    name: i32,
    buf: &mut [u8],
) -> Result<usize> {
    codec::get_bytes(socket.into(), level, name, "getsockopt", buf)
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
    /// The value [`Socket::getsockopt`] returns, and the one [`Socket::setsockopt`] takes.
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
/// `V` is the value's type, by default the option's [`SockOpt::Value`]. A few options take
/// more than one C struct on some systems and so implement `SetSockOpt` for more than one `V`
/// (on Linux, [`IpAddMembership`] takes an [`IpMreq`] or an `IpMreqn`).
///
/// Call it through [`Socket::setsockopt`] or [`setsockopt`]:
///
/// ```
/// use berkeley::sockopt::{Broadcast, SetSockOpt};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// fn enable<O: SetSockOpt<bool>>(s: &Socket, opt: O) -> berkeley::Result<()> {
///     s.setsockopt(opt, true)
/// }
/// enable(&Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?, Broadcast)?;
/// # Ok(()) }
/// ```
pub trait SetSockOpt<V = <Self as SockOpt>::Value>: SockOpt {
    /// Encodes `value` as the option's C type and calls `setsockopt(2)` on `socket`.
    fn set(self, socket: SockRef<'_>, value: V) -> Result<()>;
}

/// An option that can be read: `getsockopt(2)`.
///
/// Call it through [`Socket::getsockopt`] or [`getsockopt`]:
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
    fn get(self, socket: SockRef<'_>) -> Result<Self::Value>;
}

// ---------------------------------------------------------------------------------------------
// The impl table
// ---------------------------------------------------------------------------------------------

/// Implements the option traits for markers declared (and documented) in plain Rust next to
/// it. One line per marker:
///
/// ```text
/// #[cfg(...)] Marker: Value = LEVEL / C_NAME, access Codec;
/// also #[cfg(...)] Marker(C_NAME): OtherValue => Codec;
/// ```
///
/// `access` is `get`, `set` or `get_set`; `Codec` (in `codec.rs`) converts the value to and
/// from the option's C bytes. `also` adds a `SetSockOpt<OtherValue>` impl: a second C encoding
/// the option takes on some systems. The `#[cfg]` must repeat the marker's own (or narrow it).
macro_rules! sockopt_impl {
    ($(
        $(#[cfg($cfg:meta)])?
        $name:ident: $value:ty = $level:ident / $opt:ident, $access:ident $codec:ident;
    )*) => {$(
        sockopt_impl!(@one [$(#[cfg($cfg)])?] $name [$value] $level $opt $access $codec);
    )*};

    (also $(#[cfg($cfg:meta)])? $name:ident($opt:ident): $value:ty => $codec:ident;) => {
        sockopt_impl!(@set [$(#[cfg($cfg)])?] $name [$value] $opt $codec);
    };

    (@one [$($cfg:tt)*] $name:ident [$value:ty] $level:ident $opt:ident $access:ident
        $codec:ident) => {
        $($cfg)*
        impl $crate::sockopt::sealed::Sealed for $name {}
        $($cfg)*
        impl $crate::sockopt::SockOpt for $name {
            type Value = $value;
            const LEVEL: i32 = $crate::sockopt::c::$level as i32;
            const NAME: i32 = $crate::sockopt::c::$opt as i32;
            const C_NAME: &'static str = stringify!($opt);
        }
        sockopt_impl!(@$access [$($cfg)*] $name [$value] $opt $codec);
    };

    (@get_set [$($cfg:tt)*] $name:ident [$value:ty] $opt:ident $codec:ident) => {
        sockopt_impl!(@set [$($cfg)*] $name [$value] $opt $codec);
        sockopt_impl!(@get [$($cfg)*] $name [$value] $opt $codec);
    };
    (@set [$($cfg:tt)*] $name:ident [$value:ty] $opt:ident $codec:ident) => {
        $($cfg)*
        impl $crate::sockopt::SetSockOpt<$value> for $name {
            #[inline]
            fn set(
                self,
                socket: $crate::sockopt::SockRef<'_>,
                value: $value,
            ) -> $crate::Result<()> {
                use $crate::sockopt::{codec::{set_with, $codec}, SockOpt};
                set_with::<$codec>(socket, Self::LEVEL, Self::NAME,
                    concat!("setsockopt(", stringify!($opt), ")"), value)
            }
        }
    };
    (@get [$($cfg:tt)*] $name:ident [$value:ty] $opt:ident $codec:ident) => {
        $($cfg)*
        impl $crate::sockopt::GetSockOpt for $name {
            #[inline]
            fn get(self, socket: $crate::sockopt::SockRef<'_>) -> $crate::Result<$value> {
                use $crate::sockopt::{codec::{get_with, $codec}, SockOpt};
                get_with::<$codec>(socket, Self::LEVEL, Self::NAME,
                    concat!("getsockopt(", stringify!($opt), ")"))
            }
        }
    };
}

mod ip;
mod ipv6;
#[cfg(any(target_os = "linux", target_os = "android"))]
mod packet;
mod raw;
mod socket;
mod tcp;
#[cfg(any(target_os = "linux", target_os = "android"))]
mod udp;

//! `IPPROTO_IPV6` options: ipv6(7).

use super::Ipv6Mreq;

#[cfg(doc)]
use super::{IpTos, IpTtl};

/// Restricts an `AF_INET6` socket to IPv6. Off (Linux default, see
/// `net.ipv6.bindv6only`), a socket bound to `::` also accepts IPv4 as `::ffff:a.b.c.d`;
/// Windows defaults to on. Set it before `bind`.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Ipv6V6Only;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(Ipv6V6Only, true)?;
/// assert!(s.getsockopt(Ipv6V6Only)?);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_V6ONLY")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6V6Only;

/// The hop limit of outgoing unicast IPv6 packets: 1 to 255 (the IPv6 [`IpTtl`]).
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, sizeof v)` with `v` of type `int` (get
/// and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 16)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Ipv6UnicastHops;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6UnicastHops, 16)?;
/// assert_eq!(s.getsockopt(Ipv6UnicastHops)?, 16);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_UNICAST_HOPS")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6UnicastHops;

/// The hop limit of outgoing multicast IPv6 packets (default 1); 0 to 255. Datagram and
/// raw sockets only (Linux: `ENOPROTOOPT` on TCP).
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &v, sizeof v)` with `v` of type `int` (get
/// and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 4)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Ipv6MulticastHops;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6MulticastHops, 4)?;
/// assert_eq!(s.getsockopt(Ipv6MulticastHops)?, 4);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_MULTICAST_HOPS")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6MulticastHops;

/// Whether multicast IPv6 packets this host sends are looped back to its own sockets
/// (default on).
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &v, sizeof v)` with `v` of type `unsigned
/// int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, 0)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Ipv6MulticastLoop;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6MulticastLoop, false)?;
/// assert!(!s.getsockopt(Ipv6MulticastLoop)?);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_MULTICAST_LOOP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6MulticastLoop;

/// Joins an IPv6 multicast group on an interface: the value is an [`Ipv6Mreq`]; interface
/// index 0 lets the kernel choose (interface indexes come from `if_nametoindex`). Called
/// `IPV6_ADD_MEMBERSHIP` by glibc and Linux, the same number. Joining twice fails with
/// `EADDRINUSE`.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mreq, sizeof mreq)` with `mreq` a
/// `struct ipv6_mreq` (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
/// socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', ifindex))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// # #![cfg_attr(not(unix), allow(unused_imports))] // the example needs libc
/// use berkeley::sockopt::{Ipv6JoinGroup, Ipv6LeaveGroup, Ipv6Mreq};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv6Addr;
/// # fn main() -> berkeley::Result<()> {
/// # #[cfg(unix)] {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// // SAFETY: a NUL-terminated string that if_nametoindex only reads.
/// let lo = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
/// let group = "ff02::1:3".parse::<Ipv6Addr>().unwrap();
/// # if lo == 0 { return Ok(()) }
/// s.setsockopt(Ipv6JoinGroup, Ipv6Mreq { group, ifindex: lo })?;
/// s.setsockopt(Ipv6LeaveGroup, Ipv6Mreq { group, ifindex: lo })?;
/// # }
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_JOIN_GROUP")]
#[doc(alias = "IPV6_ADD_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6JoinGroup;

/// Leaves an IPv6 multicast group joined with [`Ipv6JoinGroup`] (same value). Called
/// `IPV6_DROP_MEMBERSHIP` by glibc and Linux.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &mreq, sizeof mreq)` with `mreq` a
/// `struct ipv6_mreq` (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_LEAVE_GROUP,
/// socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', ifindex))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::{Ipv6LeaveGroup, Ipv6Mreq};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv6Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// let group = "ff02::1:3".parse::<Ipv6Addr>().unwrap();
/// assert!(s.setsockopt(Ipv6LeaveGroup, Ipv6Mreq { group, ifindex: 0 }).is_err()); // never joined
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_LEAVE_GROUP")]
#[doc(alias = "IPV6_DROP_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6LeaveGroup;

/// The interface that multicast IPv6 packets are sent from, by index (from
/// `if_nametoindex`); 0 lets the routing table choose. An index above `i32::MAX` is an
/// [`Error::InvalidInput`](crate::Error::InvalidInput); an index with no interface is the OS's
/// `ENXIO`/`EADDRNOTAVAIL`.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof ifindex)` with
/// `ifindex` an `unsigned int` (Windows: `DWORD`) (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF,
/// socket.if_nametoindex('lo'))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Ipv6MulticastIf;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// assert_eq!(s.getsockopt(Ipv6MulticastIf)?, 0); // the default: by route
/// # #[cfg(unix)] {
/// // SAFETY: a NUL-terminated string that if_nametoindex only reads.
/// let lo = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
/// # if lo == 0 { return Ok(()) }
/// s.setsockopt(Ipv6MulticastIf, lo)?;
/// assert_eq!(s.getsockopt(Ipv6MulticastIf)?, lo);
/// # }
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[doc(alias = "IPV6_MULTICAST_IF")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6MulticastIf;

/// The traffic class (DSCP << 2 | ECN) of outgoing IPv6 packets: the IPv6 [`IpTos`].
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &v, sizeof v)` with `v` of type `int` (get
/// and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, 0x10)`.
///
/// Platforms: Linux, Android, FreeBSD, NetBSD, OpenBSD and Apple.
///
/// ```
/// use berkeley::sockopt::Ipv6Tclass;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6Tclass, 0x10)?;
/// assert_eq!(s.getsockopt(Ipv6Tclass)?, 0x10);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_vendor = "apple"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_vendor = "apple"
    )))
)]
#[doc(alias = "IPV6_TCLASS")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6Tclass;

sockopt_impl! {
    Ipv6V6Only: bool = IPPROTO_IPV6 / IPV6_V6ONLY, get_set BoolInt;
    Ipv6UnicastHops: u32 = IPPROTO_IPV6 / IPV6_UNICAST_HOPS, get_set U32Int;
    Ipv6MulticastHops: u32 = IPPROTO_IPV6 / IPV6_MULTICAST_HOPS, get_set U32Int;
    Ipv6MulticastLoop: bool = IPPROTO_IPV6 / IPV6_MULTICAST_LOOP, get_set BoolInt;
    Ipv6JoinGroup: Ipv6Mreq = IPPROTO_IPV6 / IPV6_JOIN_GROUP, set Mreq6;
    Ipv6LeaveGroup: Ipv6Mreq = IPPROTO_IPV6 / IPV6_LEAVE_GROUP, set Mreq6;
    Ipv6MulticastIf: u32 = IPPROTO_IPV6 / IPV6_MULTICAST_IF, get_set U32Int;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_os = "netbsd", target_os = "openbsd", target_vendor = "apple"))]
    Ipv6Tclass: u8 = IPPROTO_IPV6 / IPV6_TCLASS, get_set U8Int;
}

/// Asks for the hop limit of each received IPv6 packet, delivered by [`Socket::recvmsg`](crate::Socket::recvmsg) as a
/// [`Cmsg::Ipv6HopLimit`](crate::msg::Cmsg::Ipv6HopLimit) control message.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)`.
///
/// Platforms: Linux, Android, FreeBSD and Apple.
///
/// ```
/// use berkeley::sockopt::Ipv6RecvHopLimit;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6RecvHopLimit, true)?;
/// assert!(s.getsockopt(Ipv6RecvHopLimit)?);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple"
    )))
)]
#[doc(alias = "IPV6_RECVHOPLIMIT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6RecvHopLimit;

/// Asks for the arrival interface and destination address of each received IPv6 packet, delivered
/// by [`Socket::recvmsg`](crate::Socket::recvmsg) as a [`Cmsg::Ipv6PktInfo`](crate::msg::Cmsg::Ipv6PktInfo) control message.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)`.
///
/// Platforms: Linux, Android, FreeBSD and Apple.
///
/// ```
/// use berkeley::sockopt::Ipv6RecvPktInfo;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6RecvPktInfo, true)?;
/// assert!(s.getsockopt(Ipv6RecvPktInfo)?);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple"
    )))
)]
#[doc(alias = "IPV6_RECVPKTINFO")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6RecvPktInfo;

/// Queues the errors of this IPv6 socket with their details, to be read by [`Socket::recvmsg`](crate::Socket::recvmsg)
/// with [`MsgFlags::ERRQUEUE`](crate::MsgFlags::ERRQUEUE) as [`Cmsg::Ipv6RecvErr`](crate::msg::Cmsg::Ipv6RecvErr) control messages.
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVERR, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::Ipv6RecvErr;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Ipv6RecvErr, true)?;
/// assert!(s.getsockopt(Ipv6RecvErr)?);
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "IPV6_RECVERR")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6RecvErr;

sockopt_impl! {
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_vendor = "apple"))]
    Ipv6RecvHopLimit: bool = IPPROTO_IPV6 / IPV6_RECVHOPLIMIT, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_vendor = "apple"))]
    Ipv6RecvPktInfo: bool = IPPROTO_IPV6 / IPV6_RECVPKTINFO, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    Ipv6RecvErr: bool = IPPROTO_IPV6 / IPV6_RECVERR, get_set BoolInt;
}

//! `IPPROTO_IP` options: ip(7).

use std::net::Ipv4Addr;

use super::{IpMreq, IpMreqSource};
#[cfg(any(target_os = "linux", target_os = "android"))]
use super::{IpMreqn, PmtuDisc};

/// The time-to-live of outgoing unicast IPv4 packets: 1 to 255 (0 fails with `EINVAL`).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_TTL, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 16)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::IpTtl;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpTtl, 16)?;
/// assert_eq!(s.getsockopt(IpTtl)?, 16);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_TTL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpTtl;

/// The type-of-service byte (DSCP << 2 | ECN) of outgoing IPv4 packets. A `u8`, because the
/// kernel silently keeps only the low 8 bits of a wider value. On TCP sockets Linux keeps
/// the ECN bits under its own control.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_TOS, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0x10)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::IpTos;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpTos, 0x10)?; // IPTOS_LOWDELAY
/// assert_eq!(s.getsockopt(IpTos)?, 0x10);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_TOS")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpTos;

/// On a raw IPv4 socket: the application supplies the IP header in each packet it sends
/// (sockets of protocol `IPPROTO_RAW` have it on implicitly). Raw sockets need
/// `CAP_NET_RAW` (Windows: Administrator).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)`.
///
/// Platforms: Unix and Windows.
///
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
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_HDRINCL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpHdrIncl;

/// Path-MTU discovery: whether outgoing IPv4 packets carry Don't-Fragment and how the
/// path MTU is used. See [`PmtuDisc`].
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_MTU_DISCOVER, socket.IP_PMTUDISC_DO)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::{IpMtuDiscover, PmtuDisc};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpMtuDiscover, PmtuDisc::DO)?;
/// assert_eq!(s.getsockopt(IpMtuDiscover)?, PmtuDisc::DO);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "IP_MTU_DISCOVER")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpMtuDiscover;

/// The current path MTU known for a **connected** socket (`ENOTCONN` otherwise).
///
/// C: `getsockopt(fd, IPPROTO_IP, IP_MTU, &v, &len)` with `v` of type `int` (get only).
/// Python: `sock.getsockopt(socket.IPPROTO_IP, 14)  # IP_MTU`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::IpMtu;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.connect("127.0.0.1:9")?;
/// assert!(s.getsockopt(IpMtu)? >= 576); // the loopback MTU, typically 65536
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "IP_MTU")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpMtu;

/// The time-to-live of outgoing multicast IPv4 packets (default 1: the local network
/// only); 0 to 255. Datagram and raw sockets only (Linux: `EINVAL` on TCP).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &v, sizeof v)` with `v` of type `int (BSD:
/// u_char)` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 4)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::IpMulticastTtl;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpMulticastTtl, 4)?;
/// assert_eq!(s.getsockopt(IpMulticastTtl)?, 4);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_MULTICAST_TTL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpMulticastTtl;

/// Whether multicast IPv4 packets this host sends are looped back to its own sockets
/// that joined the group (default on).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &v, sizeof v)` with `v` of type `int (BSD:
/// u_char)` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::IpMulticastLoop;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpMulticastLoop, false)?;
/// assert!(!s.getsockopt(IpMulticastLoop)?);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_MULTICAST_LOOP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpMulticastLoop;

/// The local interface that multicast IPv4 packets are sent from, by one of its IPv4
/// addresses; `0.0.0.0` lets the routing table choose.
///
/// On Linux it also takes an `IpMreqn`, which names the interface by index
/// (its `group` is ignored); reading it back still gives the address (`0.0.0.0` when it was
/// set by index).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &v, sizeof v)` with `v` of type `struct
/// in_addr` (Linux: or `struct ip_mreqn`) (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
/// socket.inet_aton('127.0.0.1'))`.
///
/// Platforms: Unix and Windows.
///
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
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_MULTICAST_IF")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpMulticastIf;

/// Whether a socket bound to a wildcard address receives the multicast datagrams of **every**
/// group some socket on the host joined (on, the Linux default) or only those of the groups it
/// joined itself (off). Servers that join groups should turn it off.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_MULTICAST_ALL, &v, sizeof v)` with `v` of type `int` (get
/// and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, 49, 0)  # IP_MULTICAST_ALL`.
///
/// Platforms: Linux and Android (Linux 2.6.31+).
///
/// ```
/// use berkeley::sockopt::IpMulticastAll;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// assert!(s.getsockopt(IpMulticastAll)?); // the default
/// s.setsockopt(IpMulticastAll, false)?;
/// assert!(!s.getsockopt(IpMulticastAll)?);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "IP_MULTICAST_ALL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpMulticastAll;

/// Joins an IPv4 multicast group on an interface: the value is an [`IpMreq`] (Linux: or an
/// `IpMreqn`, which names the interface by index). An interface of
/// `0.0.0.0` lets the kernel choose. Joining twice fails with `EADDRINUSE`.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq)` with `mreq` a `struct
/// ip_mreq` (Linux: or `struct ip_mreqn`) (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
/// socket.inet_aton(group) + socket.inet_aton(iface))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::{IpAddMembership, IpDropMembership, IpMreq};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let mreq = IpMreq { group: Ipv4Addr::new(224, 0, 0, 251), interface: Ipv4Addr::LOCALHOST };
/// s.setsockopt(IpAddMembership, mreq)?;
/// s.setsockopt(IpDropMembership, mreq)?;
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_ADD_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpAddMembership;

/// Leaves an IPv4 multicast group joined with [`IpAddMembership`] (same value);
/// `EADDRNOTAVAIL` if it was not joined.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mreq, sizeof mreq)` with `mreq` a
/// `struct ip_mreq` (Linux: or `struct ip_mreqn`) (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_MEMBERSHIP,
/// socket.inet_aton(group) + socket.inet_aton(iface))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::{IpDropMembership, IpMreq};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let mreq = IpMreq { group: Ipv4Addr::new(224, 0, 0, 251), interface: Ipv4Addr::LOCALHOST };
/// assert!(s.setsockopt(IpDropMembership, mreq).is_err()); // never joined
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[doc(alias = "IP_DROP_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpDropMembership;

/// Joins a source-specific IPv4 multicast channel (SSM, RFC 4607): receive the group's
/// datagrams only from `source`. Each further call adds a source. Leave with
/// [`IpDropSourceMembership`] (same value).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, &req, sizeof req)` with `req` a
/// `struct ip_mreq_source` (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_SOURCE_MEMBERSHIP, packed_req)`.
///
/// Platforms: Linux, Android, FreeBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::{IpAddSourceMembership, IpDropSourceMembership, IpMreqSource};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let req = IpMreqSource {
///     group: Ipv4Addr::new(232, 1, 2, 3),
///     interface: Ipv4Addr::LOCALHOST,
///     source: Ipv4Addr::new(127, 0, 0, 1),
/// };
/// s.setsockopt(IpAddSourceMembership, req)?;
/// s.setsockopt(IpDropSourceMembership, req)?;
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "IP_ADD_SOURCE_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpAddSourceMembership;

/// Stops receiving a source-specific channel joined with [`IpAddSourceMembership`] (same
/// value); dropping the last source leaves the group. An OS error (Linux: `EINVAL`) if it was
/// not joined.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, &req, sizeof req)` with `req` a
/// `struct ip_mreq_source` (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_SOURCE_MEMBERSHIP, packed_req)`.
///
/// Platforms: Linux, Android, FreeBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::{IpDropSourceMembership, IpMreqSource};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let req = IpMreqSource {
///     group: Ipv4Addr::new(232, 1, 2, 3),
///     interface: Ipv4Addr::LOCALHOST,
///     source: Ipv4Addr::new(127, 0, 0, 1),
/// };
/// assert!(s.setsockopt(IpDropSourceMembership, req).is_err()); // never joined
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "IP_DROP_SOURCE_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpDropSourceMembership;

/// In a group joined with [`IpAddMembership`] (any-source multicast): stop receiving the
/// datagrams of one `source`. Undo with [`IpUnblockSource`] (same value).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_BLOCK_SOURCE, &req, sizeof req)` with `req` a `struct
/// ip_mreq_source` (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_BLOCK_SOURCE, packed_req)`.
///
/// Platforms: Linux, Android, FreeBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::{IpAddMembership, IpBlockSource, IpMreq, IpMreqSource, IpUnblockSource};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let (group, interface) = (Ipv4Addr::new(224, 0, 0, 252), Ipv4Addr::LOCALHOST);
/// s.setsockopt(IpAddMembership, IpMreq { group, interface })?;
/// let req = IpMreqSource { group, interface, source: Ipv4Addr::new(127, 0, 0, 9) };
/// s.setsockopt(IpBlockSource, req)?;
/// s.setsockopt(IpUnblockSource, req)?;
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "IP_BLOCK_SOURCE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpBlockSource;

/// Receives again from a source blocked with [`IpBlockSource`] (same value);
/// `EADDRNOTAVAIL` if it was not blocked.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_UNBLOCK_SOURCE, &req, sizeof req)` with `req` a `struct
/// ip_mreq_source` (set only).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_UNBLOCK_SOURCE, packed_req)`.
///
/// Platforms: Linux, Android, FreeBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::{IpMreqSource, IpUnblockSource};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let req = IpMreqSource {
///     group: Ipv4Addr::new(224, 0, 0, 252),
///     interface: Ipv4Addr::LOCALHOST,
///     source: Ipv4Addr::new(127, 0, 0, 9),
/// };
/// assert!(s.setsockopt(IpUnblockSource, req).is_err()); // not a member, nothing blocked
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "IP_UNBLOCK_SOURCE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpUnblockSource;

sockopt_impl! {
    IpTtl: u32 = IPPROTO_IP / IP_TTL, get_set U32Int;
    IpTos: u8 = IPPROTO_IP / IP_TOS, get_set U8Int;
    IpHdrIncl: bool = IPPROTO_IP / IP_HDRINCL, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    IpMtuDiscover: PmtuDisc = IPPROTO_IP / IP_MTU_DISCOVER, get_set PmtuInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    IpMtu: u32 = IPPROTO_IP / IP_MTU, get U32Int;
    IpMulticastTtl: u32 = IPPROTO_IP / IP_MULTICAST_TTL, get_set U32Int;
    IpMulticastLoop: bool = IPPROTO_IP / IP_MULTICAST_LOOP, get_set BoolInt;
    IpMulticastIf: Ipv4Addr = IPPROTO_IP / IP_MULTICAST_IF, get_set InAddr;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    IpMulticastAll: bool = IPPROTO_IP / IP_MULTICAST_ALL, get_set BoolInt;
    IpAddMembership: IpMreq = IPPROTO_IP / IP_ADD_MEMBERSHIP, set Mreq;
    IpDropMembership: IpMreq = IPPROTO_IP / IP_DROP_MEMBERSHIP, set Mreq;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_vendor = "apple", windows))]
    IpAddSourceMembership: IpMreqSource = IPPROTO_IP / IP_ADD_SOURCE_MEMBERSHIP, set Mreq4Source;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_vendor = "apple", windows))]
    IpDropSourceMembership: IpMreqSource = IPPROTO_IP / IP_DROP_SOURCE_MEMBERSHIP,
        set Mreq4Source;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_vendor = "apple", windows))]
    IpBlockSource: IpMreqSource = IPPROTO_IP / IP_BLOCK_SOURCE, set Mreq4Source;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_vendor = "apple", windows))]
    IpUnblockSource: IpMreqSource = IPPROTO_IP / IP_UNBLOCK_SOURCE, set Mreq4Source;
}

// Linux also takes `struct ip_mreqn` (the interface by index) for these.
sockopt_impl!(also #[cfg(any(target_os = "linux", target_os = "android"))]
    IpMulticastIf(IP_MULTICAST_IF): IpMreqn => Mreqn;);
sockopt_impl!(also #[cfg(any(target_os = "linux", target_os = "android"))]
    IpAddMembership(IP_ADD_MEMBERSHIP): IpMreqn => Mreqn;);
sockopt_impl!(also #[cfg(any(target_os = "linux", target_os = "android"))]
    IpDropMembership(IP_DROP_MEMBERSHIP): IpMreqn => Mreqn;);

/// Asks for the TTL of each received IPv4 packet, delivered by [`Socket::recvmsg`](crate::Socket::recvmsg) as a
/// [`Cmsg::IpTtl`](crate::msg::Cmsg::IpTtl) control message (what `ping` prints as `ttl=`).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_RECVTTL, 1)`.
///
/// Platforms: Linux, Android, FreeBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::IpRecvTtl;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpRecvTtl, true)?;
/// assert!(s.getsockopt(IpRecvTtl)?);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "IP_RECVTTL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpRecvTtl;

/// Asks for the TOS byte of each received IPv4 packet, delivered by [`Socket::recvmsg`](crate::Socket::recvmsg) as a
/// [`Cmsg::IpTos`](crate::msg::Cmsg::IpTos) control message.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_RECVTOS, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_RECVTOS, 1)`.
///
/// Platforms: Linux, Android, FreeBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::IpRecvTos;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpRecvTos, true)?;
/// assert!(s.getsockopt(IpRecvTos)?);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "IP_RECVTOS")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpRecvTos;

/// Asks for the arrival interface and addresses of each received IPv4 packet, delivered by
/// [`Socket::recvmsg`](crate::Socket::recvmsg) as a [`Cmsg::IpPktInfo`](crate::msg::Cmsg::IpPktInfo) control message (which address of a multi-homed
/// host a datagram was sent to).
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_PKTINFO, 1)`.
///
/// Platforms: Linux, Android, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::IpPktInfo;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpPktInfo, true)?;
/// assert!(s.getsockopt(IpPktInfo)?);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple", windows))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple", windows)))
)]
#[doc(alias = "IP_PKTINFO")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpPktInfo;

/// Queues the errors of this socket (ICMP port unreachable, `EMSGSIZE`, ...) with their details,
/// to be read by [`Socket::recvmsg`](crate::Socket::recvmsg) with [`MsgFlags::ERRQUEUE`](crate::MsgFlags::ERRQUEUE) as [`Cmsg::IpRecvErr`](crate::msg::Cmsg::IpRecvErr) control
/// messages.
///
/// C: `setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_IP, socket.IP_RECVERR, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::IpRecvErr;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpRecvErr, true)?;
/// assert!(s.getsockopt(IpRecvErr)?);
/// # Ok(()) }
/// ```
///
/// See [ip(7)](https://man7.org/linux/man-pages/man7/ip.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "IP_RECVERR")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IpRecvErr;

sockopt_impl! {
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_vendor = "apple", windows))]
    IpRecvTtl: bool = IPPROTO_IP / IP_RECVTTL, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_vendor = "apple", windows))]
    IpRecvTos: bool = IPPROTO_IP / IP_RECVTOS, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple", windows))]
    IpPktInfo: bool = IPPROTO_IP / IP_PKTINFO, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    IpRecvErr: bool = IPPROTO_IP / IP_RECVERR, get_set BoolInt;
}

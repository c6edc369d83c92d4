//! The values of the multicast membership options: [`IpMreq`], [`IpMreqn`], [`IpMreqSource`],
//! [`Ipv6Mreq`]. Named fields, so a group and an interface cannot be swapped by accident.

use std::net::{Ipv4Addr, Ipv6Addr};

#[cfg(doc)]
use super::{IpAddMembership, IpDropMembership, Ipv6JoinGroup, Ipv6LeaveGroup};

/// An IPv4 multicast membership request: C's `struct ip_mreq`, the value of
/// [`IpAddMembership`] and [`IpDropMembership`].
///
/// C: `struct ip_mreq { struct in_addr imr_multiaddr; struct in_addr imr_interface; };` —
/// Python: `socket.inet_aton(group) + socket.inet_aton(interface)`.
///
/// ```
/// use berkeley::sockopt::{IpAddMembership, IpMreq};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// let mreq = IpMreq { group: Ipv4Addr::new(224, 0, 0, 251), interface: Ipv4Addr::LOCALHOST };
/// s.setsockopt(IpAddMembership, mreq)?;
/// # Ok(()) }
/// ```
///
/// A bare pair, whose order is easy to swap, is not accepted:
///
/// ```compile_fail
/// # use berkeley::sockopt::IpAddMembership;
/// # use berkeley::{Domain, Protocol, Socket, Type};
/// # use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(IpAddMembership, (Ipv4Addr::LOCALHOST, Ipv4Addr::new(224, 0, 0, 251)))?;
/// # Ok(()) }
/// ```
#[doc(alias = "ip_mreq")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpMreq {
    /// The multicast group (`imr_multiaddr`).
    pub group: Ipv4Addr,
    /// The local interface, by one of its IPv4 addresses (`imr_interface`); `0.0.0.0` lets the
    /// kernel choose by the routing table.
    pub interface: Ipv4Addr,
}

/// An IPv4 multicast membership request naming the interface by index: Linux's
/// `struct ip_mreqn`, taken by [`IpAddMembership`], [`IpDropMembership`] and
/// `IpMulticastIf` on Linux.
///
/// C: `struct ip_mreqn { struct in_addr imr_multiaddr; struct in_addr imr_address; int
/// imr_ifindex; };` — Python: `socket.inet_aton(group) + socket.inet_aton(address) +
/// struct.pack('@i', ifindex)`.
///
/// An `ifindex` above `i32::MAX` (the C field is an `int`) is an
/// [`Error::InvalidInput`](crate::Error::InvalidInput).
///
/// ```
/// use berkeley::sockopt::{IpAddMembership, IpMreqn};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// // SAFETY: a NUL-terminated string that if_nametoindex only reads.
/// let lo = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
/// let group = Ipv4Addr::new(224, 0, 0, 251);
/// s.setsockopt(IpAddMembership, IpMreqn { group, address: Ipv4Addr::UNSPECIFIED, ifindex: lo })?;
/// # Ok(()) }
/// ```
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "ip_mreqn")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpMreqn {
    /// The multicast group (`imr_multiaddr`); ignored by `IP_MULTICAST_IF`.
    pub group: Ipv4Addr,
    /// A local address of the interface (`imr_address`); `0.0.0.0` if `ifindex` names it.
    pub address: Ipv4Addr,
    /// The interface index (`imr_ifindex`, from `if_nametoindex`); 0 to go by `address`.
    pub ifindex: u32,
}

/// A source-specific IPv4 multicast request: C's `struct ip_mreq_source`, the value of
/// `IpAddSourceMembership`, `IpDropSourceMembership`, `IpBlockSource` and `IpUnblockSource`.
///
/// C: `struct ip_mreq_source { imr_multiaddr; imr_interface; imr_sourceaddr; }` — the field
/// **order differs between systems** (Linux puts the interface second, BSD, macOS and Windows
/// put the source second); berkeley places each field where the system's header does. Python:
/// the packed struct, in the system's order.
///
/// ```
/// use berkeley::sockopt::IpMreqSource;
/// use std::net::Ipv4Addr;
/// let req = IpMreqSource {
///     group: Ipv4Addr::new(232, 1, 1, 1),
///     interface: Ipv4Addr::LOCALHOST,
///     source: Ipv4Addr::new(127, 0, 0, 2),
/// };
/// assert_eq!(req.source, Ipv4Addr::new(127, 0, 0, 2));
/// ```
#[doc(alias = "ip_mreq_source")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpMreqSource {
    /// The multicast group (`imr_multiaddr`).
    pub group: Ipv4Addr,
    /// The local interface, by one of its IPv4 addresses (`imr_interface`).
    pub interface: Ipv4Addr,
    /// The sender to accept or block (`imr_sourceaddr`).
    pub source: Ipv4Addr,
}

/// An IPv6 multicast membership request: C's `struct ipv6_mreq`, the value of
/// [`Ipv6JoinGroup`] and [`Ipv6LeaveGroup`].
///
/// C: `struct ipv6_mreq { struct in6_addr ipv6mr_multiaddr; unsigned int ipv6mr_interface; };`
/// — Python: `socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', ifindex)`.
///
/// ```
/// use berkeley::sockopt::{Ipv6JoinGroup, Ipv6Mreq};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::net::Ipv6Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// let group: Ipv6Addr = "ff02::1:3".parse().unwrap();
/// // ifindex 0: the kernel picks the interface from the routing table (which may have no
/// // multicast route in a container, hence no `?` here).
/// let _ = s.setsockopt(Ipv6JoinGroup, Ipv6Mreq { group, ifindex: 0 });
/// # Ok(()) }
/// ```
#[doc(alias = "ipv6_mreq")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ipv6Mreq {
    /// The multicast group (`ipv6mr_multiaddr`).
    pub group: Ipv6Addr,
    /// The interface index (`ipv6mr_interface`, from `if_nametoindex`); 0 lets the kernel
    /// choose.
    pub ifindex: u32,
}

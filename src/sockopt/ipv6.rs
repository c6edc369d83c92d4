//! `IPPROTO_IPV6` options: ipv6(7).

use std::net::Ipv6Addr;

#[cfg(doc)]
use super::{IpTos, IpTtl};

sockopt! {
    /// Restricts an `AF_INET6` socket to IPv6. Off (Linux default, see
    /// `net.ipv6.bindv6only`), a socket bound to `::` also accepts IPv4 as `::ffff:a.b.c.d`;
    /// Windows defaults to on. Set it before `bind`.
    Ipv6V6Only("IPV6_V6ONLY") [all] get_set: bool = IPPROTO_IPV6 / IPV6_V6ONLY via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)", man ipv6,
        round_trip(INET6, STREAM, TCP, true)

    /// The hop limit of outgoing unicast IPv6 packets: 1 to 255 (the IPv6 [`IpTtl`]).
    Ipv6UnicastHops("IPV6_UNICAST_HOPS") [all] get_set: u32 = IPPROTO_IPV6 / IPV6_UNICAST_HOPS
        via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 16)", man ipv6,
        round_trip(INET6, DGRAM, UDP, 16)

    /// The hop limit of outgoing multicast IPv6 packets (default 1); 0 to 255. Datagram and
    /// raw sockets only (Linux: `ENOPROTOOPT` on TCP).
    Ipv6MulticastHops("IPV6_MULTICAST_HOPS") [all] get_set: u32 = IPPROTO_IPV6 / IPV6_MULTICAST_HOPS
        via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 4)", man ipv6,
        round_trip(INET6, DGRAM, UDP, 4)

    /// Whether multicast IPv6 packets this host sends are looped back to its own sockets
    /// (default on).
    Ipv6MulticastLoop("IPV6_MULTICAST_LOOP") [all] get_set: bool = IPPROTO_IPV6
        / IPV6_MULTICAST_LOOP via BoolInt as "unsigned int",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, 0)", man ipv6,
        round_trip(INET6, DGRAM, UDP, false)

    /// Joins an IPv6 multicast group: the value is `(group, interface index)`; index 0 lets the
    /// kernel choose (interface indexes come from `if_nametoindex`). Called
    /// `IPV6_ADD_MEMBERSHIP` by glibc and Linux, the same number.
    #[doc(alias = "IPV6_ADD_MEMBERSHIP")]
    Ipv6JoinGroup("IPV6_JOIN_GROUP") [all] set: (Ipv6Addr, u32) = IPPROTO_IPV6 / IPV6_JOIN_GROUP
        via Mreq6 as "struct ipv6_mreq",
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', ifindex))",
        man ipv6, example {
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
        man ipv6, example {
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
        py "sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, 0x10)", man ipv6,
        round_trip(INET6, DGRAM, UDP, 0x10)
}

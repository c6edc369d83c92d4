//! `IPPROTO_IP` options: ip(7).

use std::net::Ipv4Addr;

#[cfg(any(target_os = "linux", target_os = "android"))]
use super::PmtuDisc;

sockopt! {
    /// The time-to-live of outgoing unicast IPv4 packets: 1 to 255 (0 fails with `EINVAL`).
    IpTtl("IP_TTL") [all] get_set: u32 = IPPROTO_IP / IP_TTL via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 16)", man ip,
        round_trip(INET, DGRAM, UDP, 16)

    /// The type-of-service byte (DSCP << 2 | ECN) of outgoing IPv4 packets. A `u8`, because the
    /// kernel silently keeps only the low 8 bits of a wider value. On TCP sockets Linux keeps
    /// the ECN bits under its own control.
    IpTos("IP_TOS") [all] get_set: u8 = IPPROTO_IP / IP_TOS via U8Int as "int",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0x10)", man ip, example {
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
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)", man ip, example {
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
        man ip, example {
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
        py "sock.getsockopt(socket.IPPROTO_IP, 14)  # IP_MTU", man ip, example {
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
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 4)", man ip,
        round_trip(INET, DGRAM, UDP, 4)

    /// Whether multicast IPv4 packets this host sends are looped back to its own sockets
    /// that joined the group (default on).
    IpMulticastLoop("IP_MULTICAST_LOOP") [all] get_set: bool = IPPROTO_IP / IP_MULTICAST_LOOP
        via BoolInt as "int (BSD: u_char)",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)", man ip,
        round_trip(INET, DGRAM, UDP, false)

    /// The local interface (by one of its IPv4 addresses) that multicast IPv4 packets are sent
    /// from; `0.0.0.0` lets the routing table choose.
    IpMulticastIf("IP_MULTICAST_IF") [all] get_set: Ipv4Addr = IPPROTO_IP / IP_MULTICAST_IF
        via InAddr as "struct in_addr",
        py "sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('127.0.0.1'))",
        man ip, example {
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
        man ip, example {
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
        man ip, example {
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

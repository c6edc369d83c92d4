//! The constants of the socket calls as transparent newtypes: [`Domain`] (`AF_*`), [`Type`]
//! (`SOCK_*`), [`Protocol`] (`IPPROTO_*`), [`EtherType`] (`ETH_P_*`), [`MsgFlags`] (`MSG_*`) and
//! [`Shutdown`] (`SHUT_*`).
//!
//! Each wraps the C value unchanged (`Domain::INET.as_raw() == AF_INET`), so any value the OS
//! knows can be used through `from_raw`, and each `Debug` prints the C name:
//!
//! ```
//! use berkeley::{Domain, MsgFlags, Type};
//!
//! assert_eq!(format!("{:?}", Domain::INET6), "AF_INET6");
//! assert_eq!(format!("{:?}", Type::DGRAM), "SOCK_DGRAM");
//! assert_eq!(format!("{:?}", MsgFlags::PEEK | MsgFlags::WAITALL), "MSG_PEEK | MSG_WAITALL");
//! ```

use std::fmt;

use crate::sys::c;

// The macros live in `macros.rs`; they are re-exported here too, so that modules importing them
// as `crate::types::{c_flags, c_debug}` (sockopt/value.rs, netdb/) keep working.
pub(crate) use crate::macros::{c_debug, c_flags};

/// A communication domain (address family): the first argument of `socket(2)`.
///
/// C: `AF_INET`, `AF_INET6`, `AF_UNIX`, `AF_PACKET`, `AF_UNSPEC` — Python: `socket.AF_INET`, ...
///
/// ```
/// use berkeley::Domain;
///
/// assert_eq!(Domain::INET.as_raw(), 2); // AF_INET is 2 everywhere
///
/// // AF_INET6 is 10 on Linux, 23 on Windows: the constants always hold the platform's value.
/// #[cfg(unix)]
/// assert_eq!(Domain::from_raw(libc::AF_INET6), Domain::INET6);
/// #[cfg(windows)]
/// assert_eq!(Domain::from_raw(windows_sys::Win32::Networking::WinSock::AF_INET6.into()), Domain::INET6);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Domain(i32);

impl Domain {
    /// `AF_INET`: IPv4.
    pub const INET: Domain = Domain(c::AF_INET);
    /// `AF_INET6`: IPv6.
    pub const INET6: Domain = Domain(c::AF_INET6);
    /// `AF_UNIX` (also called `AF_LOCAL`): local inter-process communication.
    #[doc(alias = "AF_LOCAL")]
    pub const UNIX: Domain = Domain(c::AF_UNIX);
    /// `AF_PACKET`: link-layer (Ethernet) frames. Linux only.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub const PACKET: Domain = Domain(c::AF_PACKET);
    /// `AF_UNSPEC`: no particular family (as a `getaddrinfo` hint: any).
    pub const UNSPEC: Domain = Domain(c::AF_UNSPEC);

    /// Wraps a raw `AF_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::Domain::from_raw(2), berkeley::Domain::INET);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> Domain {
        Domain(raw)
    }

    /// The raw `AF_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::Domain::INET.as_raw(), 2);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }

    /// The domain of an IP socket address: `INET` for IPv4, `INET6` for IPv6.
    ///
    /// ```
    /// use berkeley::Domain;
    ///
    /// let addr: std::net::SocketAddr = "[::1]:80".parse().unwrap();
    /// assert_eq!(Domain::for_address(addr), Domain::INET6);
    /// ```
    pub const fn for_address(addr: std::net::SocketAddr) -> Domain {
        match addr {
            std::net::SocketAddr::V4(_) => Domain::INET,
            std::net::SocketAddr::V6(_) => Domain::INET6,
        }
    }
}

c_debug!(Domain: INET => "AF_INET", INET6 => "AF_INET6", UNIX => "AF_UNIX", UNSPEC => "AF_UNSPEC",
    #[cfg(any(target_os = "linux", target_os = "android"))] PACKET => "AF_PACKET");

/// A socket type: the second argument of `socket(2)`.
///
/// C: `SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_RAW`, `SOCK_SEQPACKET` — Python: `socket.SOCK_STREAM`, ...
///
/// [`nonblocking`](Type::nonblocking) and [`cloexec`](Type::cloexec) add the `SOCK_NONBLOCK` /
/// `SOCK_CLOEXEC` flags, so the socket is created with them atomically. berkeley makes every new
/// socket close-on-exec anyway.
///
/// On Windows and on Apple systems (macOS, iOS), which have neither flag, berkeley uses two bits
/// of its own (with Linux's values) that the OS never sees: they are stripped before the call,
/// and a non-blocking socket is switched to non-blocking mode right after creation, as
/// `set_nonblocking(true)` does (`ioctlsocket(FIONBIO)` on Windows, `O_NONBLOCK` on Apple).
/// Close-on-exec is set on every socket anyway: with `SOCK_CLOEXEC` where it exists,
/// `fcntl(F_SETFD, FD_CLOEXEC)` right after creation on Apple (not atomic there: a `fork` and
/// `exec` in another thread at that moment can leak the descriptor into the new program), and
/// `WSA_FLAG_NO_HANDLE_INHERIT` on Windows.
///
/// ```
/// use berkeley::Type;
///
/// assert_eq!(Type::STREAM.as_raw(), 1); // SOCK_STREAM
/// #[cfg(target_os = "linux")]
/// assert_eq!(Type::DGRAM.nonblocking().as_raw(), libc::SOCK_DGRAM | libc::SOCK_NONBLOCK);
/// assert_eq!(Type::DGRAM.nonblocking().base(), Type::DGRAM);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Type(i32);

impl Type {
    /// `SOCK_STREAM`: a reliable, ordered byte stream (TCP, UNIX stream).
    pub const STREAM: Type = Type(c::SOCK_STREAM);
    /// `SOCK_DGRAM`: datagrams (UDP, UNIX datagram, ICMP datagram sockets).
    pub const DGRAM: Type = Type(c::SOCK_DGRAM);
    /// `SOCK_RAW`: raw network protocol access (needs `CAP_NET_RAW` / Administrator).
    pub const RAW: Type = Type(c::SOCK_RAW);
    /// `SOCK_SEQPACKET`: reliable, ordered, record-preserving (UNIX seqpacket, SCTP).
    pub const SEQPACKET: Type = Type(c::SOCK_SEQPACKET);

    /// Adds `SOCK_NONBLOCK`: the socket is created in non-blocking mode, atomically.
    ///
    /// On Windows and Apple systems, which have no such flag, berkeley sets non-blocking mode
    /// right after creation instead.
    ///
    /// ```
    /// let t = berkeley::Type::STREAM.nonblocking();
    /// assert!(t.is_nonblocking());
    /// ```
    #[inline]
    #[must_use]
    pub const fn nonblocking(self) -> Type {
        Type(self.0 | c::SOCK_NONBLOCK)
    }

    /// Adds `SOCK_CLOEXEC`: the descriptor is closed across `exec`. berkeley sets it on every
    /// socket it creates, so this only matters for values passed on to other code.
    ///
    /// ```
    /// let t = berkeley::Type::STREAM.cloexec();
    /// assert_eq!(t.base(), berkeley::Type::STREAM);
    /// ```
    #[inline]
    #[must_use]
    pub const fn cloexec(self) -> Type {
        Type(self.0 | c::SOCK_CLOEXEC)
    }

    /// Whether `SOCK_NONBLOCK` is set.
    ///
    /// ```
    /// assert!(!berkeley::Type::DGRAM.is_nonblocking());
    /// ```
    #[inline]
    pub const fn is_nonblocking(self) -> bool {
        self.0 & c::SOCK_NONBLOCK != 0
    }

    /// The type without the `SOCK_NONBLOCK` / `SOCK_CLOEXEC` flags.
    ///
    /// ```
    /// use berkeley::Type;
    /// assert_eq!(Type::DGRAM.nonblocking().cloexec().base(), Type::DGRAM);
    /// ```
    #[inline]
    pub const fn base(self) -> Type {
        Type(self.0 & !(c::SOCK_NONBLOCK | c::SOCK_CLOEXEC))
    }

    /// Wraps a raw `SOCK_*` value (flags included).
    ///
    /// ```
    /// assert_eq!(berkeley::Type::from_raw(1), berkeley::Type::STREAM);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> Type {
        Type(raw)
    }

    /// The raw `SOCK_*` value, flags included.
    ///
    /// ```
    /// assert_eq!(berkeley::Type::DGRAM.as_raw(), 2);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

impl fmt::Debug for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.base() {
            Type::STREAM => f.write_str("SOCK_STREAM")?,
            Type::DGRAM => f.write_str("SOCK_DGRAM")?,
            Type::RAW => f.write_str("SOCK_RAW")?,
            Type::SEQPACKET => f.write_str("SOCK_SEQPACKET")?,
            other => write!(f, "Type({})", other.0)?,
        }
        if self.is_nonblocking() {
            f.write_str(" | SOCK_NONBLOCK")?;
        }
        if self.0 & c::SOCK_CLOEXEC != 0 {
            f.write_str(" | SOCK_CLOEXEC")?;
        }
        Ok(())
    }
}

/// A protocol: the third argument of `socket(2)`.
///
/// C: `IPPROTO_TCP`, `IPPROTO_UDP`, `IPPROTO_ICMP`, ... — Python: `socket.IPPROTO_TCP`, ...
/// For `AF_PACKET` sockets the protocol is an Ethernet type in network byte order; build it with
/// `Protocol::from(EtherType::ALL)`, which does the `htons` for you.
///
/// ```
/// use berkeley::{EtherType, Protocol};
///
/// assert_eq!(Protocol::TCP.as_raw(), 6); // IPPROTO_TCP
/// assert_eq!(Protocol::from(EtherType::ALL).as_raw(), i32::from(berkeley::htons(0x0003)));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Protocol(i32);

impl Protocol {
    /// `0`: the default protocol for the domain and type.
    pub const DEFAULT: Protocol = Protocol(0);
    /// `IPPROTO_TCP`.
    pub const TCP: Protocol = Protocol(c::IPPROTO_TCP);
    /// `IPPROTO_UDP`.
    pub const UDP: Protocol = Protocol(c::IPPROTO_UDP);
    /// `IPPROTO_ICMP`.
    pub const ICMP: Protocol = Protocol(c::IPPROTO_ICMP);
    /// `IPPROTO_ICMPV6`.
    pub const ICMPV6: Protocol = Protocol(c::IPPROTO_ICMPV6);
    /// `IPPROTO_RAW`: a raw IPv4 socket that sends complete IP headers (`IP_HDRINCL` implied).
    pub const RAW: Protocol = Protocol(c::IPPROTO_RAW);

    /// Wraps a raw protocol number.
    ///
    /// ```
    /// assert_eq!(berkeley::Protocol::from_raw(6), berkeley::Protocol::TCP);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> Protocol {
        Protocol(raw)
    }

    /// The raw protocol number.
    ///
    /// ```
    /// assert_eq!(berkeley::Protocol::UDP.as_raw(), 17);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

c_debug!(Protocol: DEFAULT => "0", TCP => "IPPROTO_TCP", UDP => "IPPROTO_UDP",
    ICMP => "IPPROTO_ICMP", ICMPV6 => "IPPROTO_ICMPV6", RAW => "IPPROTO_RAW");

impl From<EtherType> for Protocol {
    /// The `AF_PACKET` protocol for an Ethernet type: `htons(ethertype)`.
    #[inline]
    fn from(ty: EtherType) -> Protocol {
        Protocol(i32::from(ty.0.to_be()))
    }
}

/// An Ethernet type (`ETH_P_*`), in **host** byte order.
///
/// Used by the link-layer address `SockAddrLl` (Linux, in [`addr`](crate::addr)) and, through
/// `Protocol::from`, by `AF_PACKET` sockets; berkeley converts to network order exactly once,
/// where the C struct is filled.
///
/// ```
/// use berkeley::EtherType;
///
/// assert_eq!(EtherType::IPV4, EtherType::from(0x0800));
/// assert_eq!(u16::from(EtherType::ARP), 0x0806);
/// assert_eq!(format!("{:?}", EtherType::IPV6), "ETH_P_IPV6");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct EtherType(u16);

impl EtherType {
    /// `ETH_P_ALL` (0x0003): every protocol (for capture sockets).
    pub const ALL: EtherType = EtherType(0x0003);
    /// `ETH_P_IP` (0x0800): IPv4.
    pub const IPV4: EtherType = EtherType(0x0800);
    /// `ETH_P_ARP` (0x0806): ARP.
    pub const ARP: EtherType = EtherType(0x0806);
    /// `ETH_P_8021Q` (0x8100): an 802.1Q VLAN tag.
    pub const VLAN: EtherType = EtherType(0x8100);
    /// `ETH_P_IPV6` (0x86DD): IPv6.
    pub const IPV6: EtherType = EtherType(0x86dd);

    /// Wraps a raw `ETH_P_*` value, in host order as the C headers define it (`ETH_P_ARP` is
    /// `0x0806`).
    ///
    /// ```
    /// assert_eq!(berkeley::EtherType::from_raw(0x0806), berkeley::EtherType::ARP);
    /// ```
    #[inline]
    #[doc(alias = "new")]
    pub const fn from_raw(host_order: u16) -> EtherType {
        EtherType(host_order)
    }

    /// The raw `ETH_P_*` value, in host order. [`to_be`](EtherType::to_be) gives the network
    /// order a `sockaddr_ll` or a frame header holds.
    ///
    /// ```
    /// assert_eq!(berkeley::EtherType::IPV4.as_raw(), 0x0800);
    /// ```
    #[inline]
    #[doc(alias = "get")]
    pub const fn as_raw(self) -> u16 {
        self.0
    }

    /// Wraps a value in network byte order, as found in a `sockaddr_ll` or a frame header.
    ///
    /// ```
    /// let wire = u16::from_ne_bytes([0x08, 0x00]);
    /// assert_eq!(berkeley::EtherType::from_be(wire), berkeley::EtherType::IPV4);
    /// ```
    #[inline]
    pub const fn from_be(network_order: u16) -> EtherType {
        EtherType(u16::from_be(network_order))
    }

    /// The value in network byte order.
    ///
    /// ```
    /// assert_eq!(berkeley::EtherType::IPV4.to_be().to_ne_bytes(), [0x08, 0x00]);
    /// ```
    #[inline]
    pub const fn to_be(self) -> u16 {
        self.0.to_be()
    }
}

impl From<u16> for EtherType {
    #[inline]
    fn from(host_order: u16) -> EtherType {
        EtherType(host_order)
    }
}

impl From<EtherType> for u16 {
    #[inline]
    fn from(ty: EtherType) -> u16 {
        ty.0
    }
}

impl fmt::Debug for EtherType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0x0003 => f.write_str("ETH_P_ALL"),
            0x0800 => f.write_str("ETH_P_IP"),
            0x0806 => f.write_str("ETH_P_ARP"),
            0x8100 => f.write_str("ETH_P_8021Q"),
            0x86dd => f.write_str("ETH_P_IPV6"),
            other => write!(f, "EtherType({other:#06x})"),
        }
    }
}

impl fmt::Display for EtherType {
    /// Prints `0x0800` form, as `tcpdump -e` does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#06x}", self.0)
    }
}

/// Flags for `send`/`recv`/`sendto`/`recvfrom` (`MSG_*`), combinable with `|`.
///
/// C: `recv(fd, buf, len, MSG_PEEK | MSG_DONTWAIT)` — Python: `sock.recv(n, socket.MSG_PEEK)`.
///
/// ```
/// use berkeley::MsgFlags;
///
/// let flags = MsgFlags::PEEK | MsgFlags::WAITALL;
/// assert!(flags.contains(MsgFlags::PEEK));
/// assert!(!flags.contains(MsgFlags::OOB));
/// assert_eq!(MsgFlags::empty().as_raw(), 0);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct MsgFlags(i32);

c_flags! {
    MsgFlags(i32);
    consts {
        /// `MSG_OOB`: send or receive out-of-band (TCP urgent) data.
        pub const OOB: MsgFlags = MsgFlags(c::MSG_OOB);
        /// `MSG_PEEK`: return data without removing it from the receive queue.
        pub const PEEK: MsgFlags = MsgFlags(c::MSG_PEEK);
        /// `MSG_DONTROUTE`: send only to directly connected hosts.
        pub const DONTROUTE: MsgFlags = MsgFlags(c::MSG_DONTROUTE);
        /// `MSG_WAITALL`: block until the whole buffer is filled (stream sockets).
        pub const WAITALL: MsgFlags = MsgFlags(c::MSG_WAITALL);
        /// `MSG_TRUNC`: on `recv` of a datagram, return its real length even if it was longer than
        /// the buffer (Linux); as an output flag, the datagram was truncated. Windows knows it only
        /// as an output flag (of `WSARecvMsg`): there a datagram longer than the buffer makes
        /// `recv` fail with `WSAEMSGSIZE`.
        pub const TRUNC: MsgFlags = MsgFlags(c::MSG_TRUNC);
        /// `MSG_CTRUNC`: (output) control data was truncated.
        pub const CTRUNC: MsgFlags = MsgFlags(c::MSG_CTRUNC);
        /// `MSG_DONTWAIT`: this one call is non-blocking. Not on Windows.
        #[cfg(unix)]
        #[cfg_attr(docsrs, doc(cfg(unix)))]
        pub const DONTWAIT: MsgFlags = MsgFlags(c::MSG_DONTWAIT);
        /// `MSG_EOR`: end of record (seqpacket). Not on Windows.
        #[cfg(unix)]
        #[cfg_attr(docsrs, doc(cfg(unix)))]
        pub const EOR: MsgFlags = MsgFlags(c::MSG_EOR);
        /// `MSG_NOSIGNAL`: do not raise `SIGPIPE` when the peer has closed. berkeley adds it to
        /// every send anyway. Not on Apple systems (whose sockets berkeley creates with
        /// `SO_NOSIGPIPE` instead) nor on Windows (which has no `SIGPIPE`).
        #[cfg(any(
            target_os = "android",
            target_os = "dragonfly",
            target_os = "freebsd",
            target_os = "fuchsia",
            target_os = "illumos",
            target_os = "linux",
            target_os = "netbsd",
            target_os = "openbsd",
            target_os = "solaris"
        ))]
        #[cfg_attr(
            docsrs,
            doc(cfg(any(
            target_os = "android",
            target_os = "dragonfly",
            target_os = "freebsd",
            target_os = "fuchsia",
            target_os = "illumos",
            target_os = "linux",
            target_os = "netbsd",
            target_os = "openbsd",
            target_os = "solaris"
        )))
        )]
        pub const NOSIGNAL: MsgFlags = MsgFlags(c::MSG_NOSIGNAL);
        /// `MSG_MORE`: more data is coming; cork this send (TCP, UDP). Linux only.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
        pub const MORE: MsgFlags = MsgFlags(c::MSG_MORE);
        /// `MSG_CONFIRM`: tell the link layer the neighbour is reachable. Linux only.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
        pub const CONFIRM: MsgFlags = MsgFlags(c::MSG_CONFIRM);
        /// `MSG_ERRQUEUE`: receive from the socket's error queue. Linux only.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
        pub const ERRQUEUE: MsgFlags = MsgFlags(c::MSG_ERRQUEUE);
    }

    /// No flags (`0`).
    ///
    /// ```
    /// assert!(berkeley::MsgFlags::empty().is_empty());
    /// ```
    fn empty;

    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(!berkeley::MsgFlags::PEEK.is_empty());
    /// ```
    fn is_empty;

    /// Whether every flag of `other` is set in `self`.
    ///
    /// ```
    /// use berkeley::MsgFlags;
    /// assert!((MsgFlags::PEEK | MsgFlags::OOB).contains(MsgFlags::OOB));
    /// ```
    fn contains;

    /// Wraps raw `MSG_*` bits.
    ///
    /// ```
    /// assert_eq!(berkeley::MsgFlags::from_raw(2), berkeley::MsgFlags::PEEK); // MSG_PEEK
    /// ```
    fn from_raw;

    /// The raw `MSG_*` bits.
    ///
    /// ```
    /// assert_eq!(berkeley::MsgFlags::OOB.as_raw(), 1); // MSG_OOB
    /// ```
    fn as_raw;

    debug {
        OOB => "MSG_OOB",
        PEEK => "MSG_PEEK",
        DONTROUTE => "MSG_DONTROUTE",
        CTRUNC => "MSG_CTRUNC",
        TRUNC => "MSG_TRUNC",
        #[cfg(unix)]
        DONTWAIT => "MSG_DONTWAIT",
        #[cfg(unix)]
        EOR => "MSG_EOR",
        WAITALL => "MSG_WAITALL",
        #[cfg(any(target_os = "linux", target_os = "android"))]
        CONFIRM => "MSG_CONFIRM",
        #[cfg(any(target_os = "linux", target_os = "android"))]
        ERRQUEUE => "MSG_ERRQUEUE",
        #[cfg(any(
            target_os = "android",
            target_os = "dragonfly",
            target_os = "freebsd",
            target_os = "fuchsia",
            target_os = "illumos",
            target_os = "linux",
            target_os = "netbsd",
            target_os = "openbsd",
            target_os = "solaris"
        ))]
        NOSIGNAL => "MSG_NOSIGNAL",
        #[cfg(any(target_os = "linux", target_os = "android"))]
        MORE => "MSG_MORE",
    }
}

/// Which direction(s) `shutdown(2)` closes.
///
/// C: `SHUT_RD`, `SHUT_WR`, `SHUT_RDWR` (Windows: `SD_RECEIVE`, `SD_SEND`, `SD_BOTH`) — Python:
/// `socket.SHUT_RD`, ...
///
/// ```
/// use berkeley::Shutdown;
///
/// assert_eq!(Shutdown::WRITE.as_raw(), 1); // SHUT_WR, SD_SEND on Windows
/// assert_eq!(Shutdown::from(std::net::Shutdown::Both), Shutdown::BOTH);
/// assert_eq!(format!("{:?}", Shutdown::READ), "SHUT_RD");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Shutdown(i32);

impl Shutdown {
    /// `SHUT_RD`: no more receptions.
    #[doc(alias = "SHUT_RD")]
    pub const READ: Shutdown = Shutdown(c::SHUT_RD);
    /// `SHUT_WR`: no more transmissions; the peer reads end-of-file.
    #[doc(alias = "SHUT_WR")]
    pub const WRITE: Shutdown = Shutdown(c::SHUT_WR);
    /// `SHUT_RDWR`: both.
    #[doc(alias = "SHUT_RDWR")]
    pub const BOTH: Shutdown = Shutdown(c::SHUT_RDWR);

    /// Wraps a raw `SHUT_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::Shutdown::from_raw(1), berkeley::Shutdown::WRITE);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> Shutdown {
        Shutdown(raw)
    }

    /// The raw `SHUT_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::Shutdown::BOTH.as_raw(), 2);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

c_debug!(Shutdown: READ => "SHUT_RD", WRITE => "SHUT_WR", BOTH => "SHUT_RDWR");

impl From<std::net::Shutdown> for Shutdown {
    fn from(how: std::net::Shutdown) -> Shutdown {
        match how {
            std::net::Shutdown::Read => Shutdown::READ,
            std::net::Shutdown::Write => Shutdown::WRITE,
            std::net::Shutdown::Both => Shutdown::BOTH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_operators_are_the_bit_operators() {
        let (peek, wait) = (MsgFlags::PEEK, MsgFlags::WAITALL);
        let mut f = peek;
        f |= wait;
        assert_eq!(f, peek | wait);
        assert_eq!(f.as_raw(), peek.as_raw() | wait.as_raw());
        assert_eq!(f & peek, peek);
        assert_eq!(peek & wait, MsgFlags::empty());
        f &= wait;
        assert_eq!(f, wait);
        f &= peek;
        assert!(f.is_empty());
    }

    #[test]
    fn debug_prints_c_names() {
        assert_eq!(format!("{:?}", Domain::INET), "AF_INET");
        assert_eq!(format!("{:?}", Domain::from_raw(9999)), "Domain(9999)");
        assert_eq!(format!("{:?}", Type::STREAM.nonblocking()), "SOCK_STREAM | SOCK_NONBLOCK");
        assert_eq!(format!("{:?}", Protocol::from_raw(250)), "Protocol(250)");
        assert_eq!(format!("{:?}", EtherType::from(0x1234)), "EtherType(0x1234)");
        assert_eq!(format!("{:?}", MsgFlags::empty()), "0");
        assert_eq!(format!("{:?}", Shutdown::BOTH), "SHUT_RDWR");
    }

    #[test]
    fn type_flags_are_apart_from_the_base_type_on_every_target() {
        // Apple and Windows have no SOCK_NONBLOCK/SOCK_CLOEXEC: berkeley's own bits stand in.
        for base in [Type::STREAM, Type::DGRAM, Type::RAW, Type::SEQPACKET] {
            let t = base.nonblocking().cloexec();
            assert_ne!(t, base);
            assert!(t.is_nonblocking());
            assert!(!base.is_nonblocking());
            assert!(!base.cloexec().is_nonblocking());
            assert_eq!(t.base(), base);
            assert_eq!(base.cloexec().base(), base);
            assert_eq!(t.as_raw() & base.as_raw(), base.as_raw());
        }
        assert_ne!(Type::STREAM.nonblocking(), Type::STREAM.cloexec());
        assert_eq!(
            format!("{:?}", Type::DGRAM.nonblocking().cloexec()),
            "SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC"
        );
    }

    #[test]
    fn newtypes_round_trip_their_raw_values() {
        assert_eq!(Domain::from_raw(Domain::INET6.as_raw()), Domain::INET6);
        assert_eq!(Type::from_raw(Type::SEQPACKET.as_raw()), Type::SEQPACKET);
        assert_eq!(Protocol::from_raw(Protocol::ICMPV6.as_raw()), Protocol::ICMPV6);
        assert_eq!(EtherType::from_raw(0x86dd), EtherType::IPV6);
        assert_eq!(EtherType::IPV6.as_raw(), 0x86dd);
        assert_eq!(EtherType::from(0x0806), EtherType::from_raw(0x0806));
        assert_eq!(EtherType::from_be(EtherType::ARP.to_be()), EtherType::ARP);
        assert_eq!(MsgFlags::from_raw(MsgFlags::PEEK.as_raw()), MsgFlags::PEEK);
        assert_eq!(Shutdown::from_raw(Shutdown::READ.as_raw()), Shutdown::READ);
    }

    #[test]
    fn msg_flags_unknown_bits_are_kept() {
        let f = MsgFlags::PEEK | MsgFlags::from_raw(0x4000_0000);
        assert_eq!(format!("{f:?}"), "MSG_PEEK | 0x40000000");
    }
}

//! Received control messages: [`Cmsg`] and its value types, decoded from bytes.
//!
//! Pure safe code: the only `unsafe` of the receive path (turning the fd numbers of
//! `SCM_RIGHTS` into `OwnedFd`s) is in `buffer.rs`, and runs only on bytes the kernel wrote.
#![forbid(unsafe_code)]

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
#[cfg(unix)]
use std::os::fd::OwnedFd;
use std::time::Duration;

use super::layout::RawCmsg;
use crate::addr::SockAddr;
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::addr::{SockAddrIn, SockAddrIn6};
use crate::error::Error;
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::sockopt::UCred;
use crate::sys::c;
use crate::types::c_debug;

/// A received control message, decoded: what [`CmsgBuffer::messages`](super::CmsgBuffer::messages)
/// yields after [`Socket::recvmsg`](crate::Socket::recvmsg).
///
/// C: a `struct cmsghdr` and its `CMSG_DATA` — Python: one `(level, type, data)` tuple of
/// `sock.recvmsg()`'s `ancdata`. Each variant names the option that makes the kernel send it.
/// Values are owned; file descriptors are `OwnedFd`s.
///
/// ```
/// use berkeley::msg::{Cmsg, CmsgBuffer};
/// use berkeley::sockopt::IpRecvTos;
/// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
/// use std::io::IoSliceMut;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.bind("127.0.0.1:0")?;
/// s.setsockopt(IpRecvTos, true)?;
/// s.sendto(b"x", s.getsockname()?)?;
/// let (mut buf, mut cmsg) = ([0u8; 4], CmsgBuffer::new());
/// s.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty())?;
/// for m in cmsg.messages() {
///     match m? {
///         Cmsg::IpTos(tos) => assert_eq!(tos, 0),
///         other => panic!("unexpected {other:?}"),
///     }
/// }
/// # Ok(()) }
/// ```
#[doc(alias = "RecvControlMessage", alias = "ControlMessageOwned", alias = "cmsghdr")]
#[derive(Debug)]
#[non_exhaustive]
pub enum Cmsg {
    /// `SCM_RIGHTS`: file descriptors sent by the peer (UNIX sockets), already owned — drop
    /// them to close them. Under `MSG_CTRUNC`, the ones that fit.
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    ScmRights(Vec<OwnedFd>),
    /// `SCM_CREDENTIALS`: the sender's pid, uid and gid, checked by the kernel (UNIX sockets,
    /// with [`PassCred`](crate::sockopt::PassCred) set on the receiver). Linux.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    ScmCredentials(UCred),
    /// The TTL of the received IPv4 packet (`IP_TTL`; BSD and Apple: `IP_RECVTTL`), with
    /// [`IpRecvTtl`](crate::sockopt::IpRecvTtl).
    IpTtl(u8),
    /// The TOS byte of the received IPv4 packet (`IP_TOS`; BSD and Apple: `IP_RECVTOS`), with
    /// [`IpRecvTos`](crate::sockopt::IpRecvTos).
    IpTos(u8),
    /// `IP_PKTINFO`: the interface and addresses of the received IPv4 packet, with
    /// `IpPktInfo`. Linux, Apple and Windows (which has no `spec_dst`: `0.0.0.0`).
    IpPktInfo(InPktInfo),
    /// `IPV6_HOPLIMIT`: the hop limit of the received IPv6 packet, with
    /// `Ipv6RecvHopLimit`.
    Ipv6HopLimit(u8),
    /// `IPV6_PKTINFO`: the interface and destination address of the received IPv6 packet,
    /// with `Ipv6RecvPktInfo`.
    Ipv6PktInfo(In6PktInfo),
    /// When the packet was received, as time since the Unix epoch (add it to
    /// [`UNIX_EPOCH`](std::time::UNIX_EPOCH) for a `SystemTime`): `SCM_TIMESTAMP`
    /// (microseconds, with `SoTimestamp`) or Linux's
    /// `SCM_TIMESTAMPNS` (nanoseconds, with `SoTimestampNs`).
    Timestamp(Duration),
    /// `IP_RECVERR`: an error from the socket's error queue
    /// (`recvmsg(.., MsgFlags::ERRQUEUE)`), with `IpRecvErr`. Linux.
    IpRecvErr(ExtendedError),
    /// `IPV6_RECVERR`: as [`IpRecvErr`](Cmsg::IpRecvErr), for IPv6 (`Ipv6RecvErr`). Linux.
    Ipv6RecvErr(ExtendedError),
    /// `UDP_GRO`: the segment size of a coalesced UDP receive (the datagram is several
    /// datagrams of this size, the last one maybe shorter), with `UdpGro`. Linux.
    UdpGroSegment(u16),
    /// `PACKET_AUXDATA`: metadata of a frame received on a packet socket with the
    /// `PACKET_AUXDATA` option on. Linux.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    PacketAuxData(PacketAuxData),
    /// Any other message, or a known one whose data has an unexpected size: the raw bytes.
    Unknown {
        /// `cmsg_level`.
        level: i32,
        /// `cmsg_type`.
        type_: i32,
        /// `CMSG_DATA`, `cmsg_len - CMSG_LEN(0)` bytes.
        data: Vec<u8>,
    },
}

/// `struct in_pktinfo`: the interface a packet came in on (or goes out of) and its addresses.
///
/// Received ([`Cmsg::IpPktInfo`]): `ifindex` is the interface, `spec_dst` the local address
/// the route chose, `addr` the destination in the packet's header. Sent
/// ([`ControlMessage::IpPktInfo`](super::ControlMessage::IpPktInfo)): the interface (0: any)
/// and source address (`spec_dst`) to use; `addr` is ignored. Windows' `IN_PKTINFO` has no
/// `spec_dst`: received, it is `0.0.0.0`; sent, `addr` is the source address instead.
///
/// ```
/// use berkeley::msg::InPktInfo;
/// use std::net::Ipv4Addr;
///
/// let info = InPktInfo { ifindex: 1, spec_dst: Ipv4Addr::LOCALHOST, addr: Ipv4Addr::LOCALHOST };
/// assert_eq!(info.ifindex, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InPktInfo {
    /// `ipi_ifindex`.
    pub ifindex: u32,
    /// `ipi_spec_dst`.
    pub spec_dst: Ipv4Addr,
    /// `ipi_addr`.
    pub addr: Ipv4Addr,
}

/// `struct in6_pktinfo`: the interface and the destination (received) or source (sent)
/// address of an IPv6 packet.
///
/// ```
/// use berkeley::msg::In6PktInfo;
/// use std::net::Ipv6Addr;
///
/// let info = In6PktInfo { ifindex: 0, addr: Ipv6Addr::LOCALHOST };
/// assert!(info.addr.is_loopback());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct In6PktInfo {
    /// `ipi6_ifindex`.
    pub ifindex: u32,
    /// `ipi6_addr`.
    pub addr: Ipv6Addr,
}

/// `struct sock_extended_err` and its offender address (`SO_EE_OFFENDER`): one entry of a
/// socket's error queue (Linux `IP_RECVERR`/`IPV6_RECVERR`).
///
/// ```
/// use berkeley::msg::{ErrOrigin, ExtendedError};
///
/// let e = ExtendedError {
///     errno: 111, // ECONNREFUSED
///     origin: ErrOrigin::ICMP,
///     type_: 3, // destination unreachable
///     code: 3,  // port unreachable
///     info: 0,
///     data: 0,
///     offender: Some("127.0.0.1:0".parse()?),
/// };
/// assert_eq!(e.error().raw_os_error(), Some(111));
/// # Ok::<(), berkeley::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExtendedError {
    /// `ee_errno`: the error (`ECONNREFUSED`, `EMSGSIZE`, `EHOSTUNREACH`, ...).
    pub errno: i32,
    /// `ee_origin`: who reported it.
    pub origin: ErrOrigin,
    /// `ee_type`: the ICMP type, for ICMP origins.
    pub type_: u8,
    /// `ee_code`: the ICMP code, for ICMP origins.
    pub code: u8,
    /// `ee_info`: e.g. the path MTU for `EMSGSIZE`.
    pub info: u32,
    /// `ee_data`.
    pub data: u32,
    /// The address of the node that reported the error (the ICMP sender), when there is one.
    pub offender: Option<SockAddr>,
}

impl ExtendedError {
    /// The error as a berkeley [`Error`]: call `"recvmsg(MSG_ERRQUEUE)"`, the `errno`, and the
    /// offender as its address.
    ///
    /// ```
    /// use berkeley::msg::{ErrOrigin, ExtendedError};
    ///
    /// let e = ExtendedError {
    ///     errno: 90, // EMSGSIZE
    ///     origin: ErrOrigin::LOCAL,
    ///     type_: 0,
    ///     code: 0,
    ///     info: 1500,
    ///     data: 0,
    ///     offender: None,
    /// };
    /// assert!(e.error().to_string().starts_with("recvmsg(MSG_ERRQUEUE): "));
    /// ```
    pub fn error(&self) -> Error {
        Error::Os {
            call: "recvmsg(MSG_ERRQUEUE)",
            code: self.errno,
            addr: self.offender.map(Box::new),
        }
    }
}

/// Who reported an [`ExtendedError`] (`ee_origin`, `SO_EE_ORIGIN_*`): a transparent newtype
/// whose `Debug` prints the C name.
///
/// ```
/// use berkeley::msg::ErrOrigin;
///
/// assert_eq!(format!("{:?}", ErrOrigin::ICMP), "SO_EE_ORIGIN_ICMP");
/// assert_eq!(ErrOrigin::from_raw(2), ErrOrigin::ICMP);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct ErrOrigin(u8);

impl ErrOrigin {
    /// `SO_EE_ORIGIN_NONE`.
    pub const NONE: ErrOrigin = ErrOrigin(0);
    /// `SO_EE_ORIGIN_LOCAL`: the local stack (e.g. `EMSGSIZE` for a too-big datagram).
    pub const LOCAL: ErrOrigin = ErrOrigin(1);
    /// `SO_EE_ORIGIN_ICMP`: an ICMP message.
    pub const ICMP: ErrOrigin = ErrOrigin(2);
    /// `SO_EE_ORIGIN_ICMP6`: an ICMPv6 message.
    pub const ICMP6: ErrOrigin = ErrOrigin(3);
    /// `SO_EE_ORIGIN_TXSTATUS` (`SO_EE_ORIGIN_TIMESTAMPING`): a transmit timestamp.
    pub const TXSTATUS: ErrOrigin = ErrOrigin(4);
    /// `SO_EE_ORIGIN_ZEROCOPY`: a `MSG_ZEROCOPY` completion.
    pub const ZEROCOPY: ErrOrigin = ErrOrigin(5);
    /// `SO_EE_ORIGIN_TXTIME`: a `SO_TXTIME` drop.
    pub const TXTIME: ErrOrigin = ErrOrigin(6);

    /// The origin with this C value.
    ///
    /// ```
    /// assert_eq!(berkeley::msg::ErrOrigin::from_raw(1), berkeley::msg::ErrOrigin::LOCAL);
    /// ```
    pub const fn from_raw(raw: u8) -> ErrOrigin {
        ErrOrigin(raw)
    }

    /// The C value.
    ///
    /// ```
    /// assert_eq!(berkeley::msg::ErrOrigin::ICMP6.as_raw(), 3);
    /// ```
    pub const fn as_raw(self) -> u8 {
        self.0
    }
}

c_debug! {
    ErrOrigin:
    NONE => "SO_EE_ORIGIN_NONE",
    LOCAL => "SO_EE_ORIGIN_LOCAL",
    ICMP => "SO_EE_ORIGIN_ICMP",
    ICMP6 => "SO_EE_ORIGIN_ICMP6",
    TXSTATUS => "SO_EE_ORIGIN_TXSTATUS",
    ZEROCOPY => "SO_EE_ORIGIN_ZEROCOPY",
    TXTIME => "SO_EE_ORIGIN_TXTIME",
}

/// `struct tpacket_auxdata`: what a packet socket with `PACKET_AUXDATA` set learns about each
/// received frame. Linux.
///
/// ```
/// use berkeley::msg::PacketAuxData;
///
/// let aux = PacketAuxData { status: 0, len: 60, snaplen: 60, mac: 0, net: 14, vlan_tci: 0, vlan_tpid: 0 };
/// assert_eq!(aux.len, 60);
/// ```
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PacketAuxData {
    /// `tp_status` (`TP_STATUS_*`: `TP_STATUS_VLAN_VALID`, `TP_STATUS_CSUMNOTREADY`, ...).
    pub status: u32,
    /// `tp_len`: the frame's length on the wire.
    pub len: u32,
    /// `tp_snaplen`: how much of it was captured.
    pub snaplen: u32,
    /// `tp_mac`: offset of the link-layer header.
    pub mac: u16,
    /// `tp_net`: offset of the network-layer header.
    pub net: u16,
    /// `tp_vlan_tci`: the VLAN tag control information (valid with `TP_STATUS_VLAN_VALID`).
    pub vlan_tci: u16,
    /// `tp_vlan_tpid`: the VLAN protocol (valid with `TP_STATUS_VLAN_TPID_VALID`).
    pub vlan_tpid: u16,
}

impl Cmsg {
    /// Decodes one message from its level, type and data. `SCM_RIGHTS` is **not** decoded
    /// here (fd numbers in bytes are not owned by anyone): it comes back as
    /// [`Unknown`](Cmsg::Unknown) — [`CmsgBuffer::messages`](super::CmsgBuffer::messages)
    /// delivers the fds `recvmsg` received as `ScmRights`.
    ///
    /// A known message whose data has an unexpected size is `Unknown` too, with its bytes.
    ///
    /// ```
    /// use berkeley::msg::{Cmsg, RawCmsg};
    ///
    /// # #[cfg(any(target_os = "linux", target_os = "android"))] {
    /// let raw = RawCmsg { level: libc::IPPROTO_IP, type_: libc::IP_TTL, data: &64i32.to_ne_bytes() };
    /// assert!(matches!(Cmsg::parse(raw), Cmsg::IpTtl(64)));
    /// # }
    /// let raw = RawCmsg { level: 12345, type_: 1, data: b"?" };
    /// assert!(matches!(Cmsg::parse(raw), Cmsg::Unknown { level: 12345, .. }));
    /// ```
    pub fn parse(raw: RawCmsg<'_>) -> Cmsg {
        decode(raw.level, raw.type_, raw.data).unwrap_or_else(|| Cmsg::Unknown {
            level: raw.level,
            type_: raw.type_,
            data: raw.data.to_vec(),
        })
    }
}

/// `N` bytes at `at`, if there.
fn bytes<const N: usize>(d: &[u8], at: usize) -> Option<[u8; N]> {
    d.get(at..at.checked_add(N)?)?.try_into().ok()
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    bytes(d, at).map(u16::from_ne_bytes)
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    bytes(d, at).map(u32::from_ne_bytes)
}

fn exact(d: &[u8], n: usize) -> Option<()> {
    (d.len() == n).then_some(())
}

/// A one-byte value sent as a `u_char` or an `int` (0..=255), as the kernels do for TTL/TOS.
fn byte_or_int(d: &[u8]) -> Option<u8> {
    match d.len() {
        1 => Some(d[0]),
        4 => u8::try_from(i32::from_ne_bytes(bytes(d, 0)?)).ok(),
        _ => None,
    }
}

#[cfg(unix)]
fn in_pktinfo(d: &[u8]) -> Option<InPktInfo> {
    exact(d, 12)?;
    Some(InPktInfo {
        ifindex: u32_at(d, 0)?,
        spec_dst: Ipv4Addr::from(bytes::<4>(d, 4)?),
        addr: Ipv4Addr::from(bytes::<4>(d, 8)?),
    })
}

/// Winsock's `IN_PKTINFO` is `{ ipi_addr, ipi_ifindex }`, without `spec_dst`.
#[cfg(windows)]
fn in_pktinfo(d: &[u8]) -> Option<InPktInfo> {
    exact(d, 8)?;
    Some(InPktInfo {
        ifindex: u32_at(d, 4)?,
        spec_dst: Ipv4Addr::UNSPECIFIED,
        addr: Ipv4Addr::from(bytes::<4>(d, 0)?),
    })
}

fn in6_pktinfo(d: &[u8]) -> Option<In6PktInfo> {
    exact(d, 20)?;
    Some(In6PktInfo { addr: Ipv6Addr::from(bytes::<16>(d, 0)?), ifindex: u32_at(d, 16)? })
}

#[cfg(unix)]
/// `struct timeval` (`nanos == false`) or `struct timespec`: 8 bytes (32-bit `time_t` and
/// fraction) or 16 (64-bit `time_t`; the fraction a `long`, Apple's `suseconds_t` an `int`
/// followed by padding). Times before the epoch or fractions out of range are not decoded.
fn timestamp(d: &[u8], nanos: bool) -> Option<Duration> {
    let (secs, frac) = match d.len() {
        8 => (
            i64::from(i32::from_ne_bytes(bytes(d, 0)?)),
            i64::from(i32::from_ne_bytes(bytes(d, 4)?)),
        ),
        16 => {
            let secs = i64::from_ne_bytes(bytes(d, 0)?);
            #[cfg(target_vendor = "apple")]
            let frac = if nanos {
                i64::from_ne_bytes(bytes(d, 8)?)
            } else {
                i64::from(i32::from_ne_bytes(bytes(d, 8)?))
            };
            #[cfg(not(target_vendor = "apple"))]
            let frac = i64::from_ne_bytes(bytes(d, 8)?);
            (secs, frac)
        }
        _ => return None,
    };
    let (unit, max) = if nanos { (1, 1_000_000_000) } else { (1_000, 1_000_000) };
    if secs < 0 || !(0..max).contains(&frac) {
        return None;
    }
    Some(Duration::new(secs as u64, (frac * unit) as u32))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn extended_error(d: &[u8]) -> Option<ExtendedError> {
    if d.len() < 16 {
        return None;
    }
    let offender = match d.get(16..).and_then(|a| u16_at(a, 0).map(|f| (a, f))) {
        Some((a, f)) if i32::from(f) == c::AF_INET && a.len() >= 16 => {
            let port = u16::from_be_bytes(bytes(a, 2)?);
            Some(SockAddr::from(SockAddrIn::new(Ipv4Addr::from(bytes::<4>(a, 4)?), port)))
        }
        Some((a, f)) if i32::from(f) == c::AF_INET6 && a.len() >= 28 => {
            let port = u16::from_be_bytes(bytes(a, 2)?);
            let flowinfo = u32::from_be_bytes(bytes(a, 4)?);
            let ip = Ipv6Addr::from(bytes::<16>(a, 8)?);
            Some(SockAddr::from(SockAddrIn6::new(ip, port, flowinfo, u32_at(a, 24)?)))
        }
        _ => None,
    };
    Some(ExtendedError {
        errno: i32::try_from(u32_at(d, 0)?).ok()?,
        origin: ErrOrigin(d[4]),
        type_: d[5],
        code: d[6],
        info: u32_at(d, 8)?,
        data: u32_at(d, 12)?,
        offender,
    })
}

/// The (level, type) pairs the receiver decodes, per platform.
mod kind {
    use super::c;

    pub(super) const IP: i32 = c::IPPROTO_IP;
    pub(super) const IPV6: i32 = c::IPPROTO_IPV6;
    #[cfg(any(target_os = "linux", target_os = "android", windows))]
    pub(super) const IP_TTL: i32 = c::IP_TTL;
    #[cfg(not(any(target_os = "linux", target_os = "android", windows)))]
    pub(super) const IP_TTL: i32 = c::IP_RECVTTL;
    #[cfg(any(target_os = "linux", target_os = "android", windows))]
    pub(super) const IP_TOS: i32 = c::IP_TOS;
    #[cfg(not(any(target_os = "linux", target_os = "android", windows)))]
    pub(super) const IP_TOS: i32 = c::IP_RECVTOS;
    /// No IPv4 pktinfo on FreeBSD (it has `IP_RECVDSTADDR`): a value no message has.
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple", windows))]
    pub(super) const IP_PKTINFO: i32 = c::IP_PKTINFO;
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple", windows)))]
    pub(super) const IP_PKTINFO: i32 = -1;
    pub(super) const IPV6_HOPLIMIT: i32 = c::IPV6_HOPLIMIT;
    pub(super) const IPV6_PKTINFO: i32 = c::IPV6_PKTINFO;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const SCM_TIMESTAMP: i32 = c::SO_TIMESTAMP;
    #[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
    pub(super) const SCM_TIMESTAMP: i32 = c::SCM_TIMESTAMP;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const SCM_TIMESTAMPNS: i32 = c::SO_TIMESTAMPNS;
    /// `SOL_PACKET`/`PACKET_AUXDATA` (linux/if_packet.h).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const PACKET_AUXDATA: i32 = 8;
}

fn decode(level: i32, ty: i32, d: &[u8]) -> Option<Cmsg> {
    use kind::*;
    match (level, ty) {
        (IP, IP_TTL) => byte_or_int(d).map(Cmsg::IpTtl),
        (IP, IP_TOS) => byte_or_int(d).map(Cmsg::IpTos),
        (IP, IP_PKTINFO) => in_pktinfo(d).map(Cmsg::IpPktInfo),
        (IPV6, IPV6_HOPLIMIT) => byte_or_int(d).map(Cmsg::Ipv6HopLimit),
        (IPV6, IPV6_PKTINFO) => in6_pktinfo(d).map(Cmsg::Ipv6PktInfo),
        #[cfg(unix)]
        (c::SOL_SOCKET, SCM_TIMESTAMP) => timestamp(d, false).map(Cmsg::Timestamp),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        (c::SOL_SOCKET, SCM_TIMESTAMPNS) => timestamp(d, true).map(Cmsg::Timestamp),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        (c::SOL_SOCKET, c::SCM_CREDENTIALS) => {
            exact(d, 12)?;
            let pid = i32::from_ne_bytes(bytes(d, 0)?);
            Some(Cmsg::ScmCredentials(UCred { pid, uid: u32_at(d, 4)?, gid: u32_at(d, 8)? }))
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        (IP, c::IP_RECVERR) => extended_error(d).map(Cmsg::IpRecvErr),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        (IPV6, c::IPV6_RECVERR) => extended_error(d).map(Cmsg::Ipv6RecvErr),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        (c::SOL_UDP, c::UDP_GRO) => {
            exact(d, 4)?;
            u16::try_from(i32::from_ne_bytes(bytes(d, 0)?)).ok().map(Cmsg::UdpGroSegment)
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        (c::SOL_PACKET, PACKET_AUXDATA) => {
            exact(d, 20)?;
            Some(Cmsg::PacketAuxData(PacketAuxData {
                status: u32_at(d, 0)?,
                len: u32_at(d, 4)?,
                snaplen: u32_at(d, 8)?,
                mac: u16_at(d, 12)?,
                net: u16_at(d, 14)?,
                vlan_tci: u16_at(d, 16)?,
                vlan_tpid: u16_at(d, 18)?,
            }))
        }
        _ => None,
    }
}

impl fmt::Display for ExtendedError {
    /// The error as [`error`](ExtendedError::error) prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn timestamps_reject_bad_fractions() {
        let mut d = [0u8; 16];
        d[..8].copy_from_slice(&5i64.to_ne_bytes());
        d[8..].copy_from_slice(&999_999i64.to_ne_bytes());
        assert_eq!(timestamp(&d, false), Some(Duration::new(5, 999_999_000)));
        d[8..].copy_from_slice(&1_000_000i64.to_ne_bytes());
        assert_eq!(timestamp(&d, false), None);
        d[..8].copy_from_slice(&(-1i64).to_ne_bytes());
        assert_eq!(timestamp(&d, true), None);
    }

    #[test]
    fn ttl_out_of_range_is_unknown() {
        let raw = RawCmsg { level: kind::IP, type_: kind::IP_TTL, data: &300i32.to_ne_bytes() };
        assert!(matches!(Cmsg::parse(raw), Cmsg::Unknown { .. }));
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn extended_error_with_offender() {
        let mut d = vec![0u8; 16 + 16];
        d[..4].copy_from_slice(&111u32.to_ne_bytes());
        d[4] = 2;
        d[5] = 3;
        d[6] = 3;
        d[16..18].copy_from_slice(&(c::AF_INET as u16).to_ne_bytes());
        d[20..24].copy_from_slice(&[127, 0, 0, 1]);
        let e = extended_error(&d).unwrap();
        assert_eq!((e.errno, e.origin, e.type_, e.code), (111, ErrOrigin::ICMP, 3, 3));
        assert_eq!(e.offender, Some(SockAddr::from(SockAddrIn::new(Ipv4Addr::LOCALHOST, 0))));
        d.truncate(20); // a cut offender is left out, the error kept
        assert_eq!(extended_error(&d).unwrap().offender, None);
    }

    proptest::proptest! {
        /// Every decoder, on data of any length and content: a value or `Unknown`, never a
        /// panic.
        #[test]
        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        fn decoders_take_any_data(pick in 0usize..16, data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            #[cfg_attr(windows, allow(unused_mut, clippy::useless_vec))] // extended on Unix only
            let mut known = vec![
                (kind::IP, kind::IP_TTL),
                (kind::IP, kind::IP_TOS),
                (kind::IP, kind::IP_PKTINFO),
                (kind::IPV6, kind::IPV6_HOPLIMIT),
                (kind::IPV6, kind::IPV6_PKTINFO),
            ];
            #[cfg(unix)]
            known.extend([(c::SOL_SOCKET, kind::SCM_TIMESTAMP), (c::SOL_SOCKET, c::SCM_RIGHTS)]);
            #[cfg(any(target_os = "linux", target_os = "android"))]
            known.extend([
                (c::SOL_SOCKET, kind::SCM_TIMESTAMPNS),
                (c::SOL_SOCKET, c::SCM_CREDENTIALS),
                (kind::IP, c::IP_RECVERR),
                (kind::IPV6, c::IPV6_RECVERR),
                (c::SOL_UDP, c::UDP_GRO),
                (c::SOL_PACKET, kind::PACKET_AUXDATA),
            ]);
            let (level, type_) = known[pick % known.len()];
            let m = Cmsg::parse(RawCmsg { level, type_, data: &data });
            if let Cmsg::Unknown { data: d, .. } = &m {
                proptest::prop_assert_eq!(d, &data);
            }
        }
    }
}

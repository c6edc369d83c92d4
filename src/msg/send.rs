//! Control messages to send: [`ControlMessage`] and its encoding into control bytes.
#![forbid(unsafe_code)]

use std::os::fd::{AsRawFd, BorrowedFd};

use super::layout::{put, put_header, space, HDR};
use super::recv::{In6PktInfo, InPktInfo};
use crate::error::{Error, Result};
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::sockopt::UCred;
use crate::sys::c;

/// A control message to send with [`Socket::sendmsg`](crate::Socket::sendmsg).
///
/// C: a `struct cmsghdr` built with `CMSG_FIRSTHDR`/`CMSG_NXTHDR` — Python: one `(level, type,
/// data)` tuple of `sock.sendmsg(buffers, ancdata)`. Each variant is encoded in the layout the
/// kernel reads (an `int` for the TTL, a `u16` for the UDP segment size, ...); the kernel
/// decides what it accepts (`EINVAL` otherwise).
///
/// ```
/// use berkeley::msg::{Cmsg, CmsgBuffer, ControlMessage};
/// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
/// use std::io::{IoSlice, IoSliceMut};
/// use std::os::fd::AsFd;
/// # fn main() -> berkeley::Result<()> {
/// let (a, b) = Socket::socketpair(Domain::UNIX, Type::DGRAM, Protocol::DEFAULT)?;
/// let file = std::fs::File::open("Cargo.toml")?;
/// a.sendmsg(&[IoSlice::new(b"fd")], &[ControlMessage::ScmRights(&[file.as_fd()])], None, MsgFlags::empty())?;
///
/// let (mut buf, mut cmsg) = ([0u8; 8], CmsgBuffer::for_fds(1));
/// b.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty())?;
/// let Some(Ok(Cmsg::ScmRights(fds))) = cmsg.messages().next() else { panic!("no fd") };
/// let received = std::fs::File::from(fds.into_iter().next().unwrap());
/// assert_eq!(received.metadata()?.len(), file.metadata()?.len()); // the same file
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum ControlMessage<'a> {
    /// `SCM_RIGHTS`: file descriptors to pass (UNIX sockets). The receiver gets its own
    /// descriptors for the same open files; these stay open here.
    ScmRights(&'a [BorrowedFd<'a>]),
    /// `SCM_CREDENTIALS`: credentials to send (UNIX sockets). The kernel checks them: a
    /// process may send its own pid/uid/gid (root: any). Linux.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    ScmCredentials(UCred),
    /// `IP_TTL`: the TTL of this one IPv4 packet (1..=255; 0 is refused by the kernel). Linux.
    IpTtl(u8),
    /// `IP_TOS`: the TOS byte of this one IPv4 packet. Linux.
    IpTos(u8),
    /// `IP_PKTINFO`: the interface (`ifindex`, 0 for any) and source address (`spec_dst`) of
    /// this one IPv4 packet. Linux and Apple.
    IpPktInfo(InPktInfo),
    /// `IPV6_HOPLIMIT`: the hop limit of this one IPv6 packet.
    Ipv6HopLimit(u8),
    /// `IPV6_PKTINFO`: the interface and source address of this one IPv6 packet.
    Ipv6PktInfo(In6PktInfo),
    /// `UDP_SEGMENT` (UDP GSO): the kernel cuts this send into datagrams of this many
    /// payload bytes (the last one may be shorter). Linux ≥ 4.18.
    UdpGsoSegments(u16),
}

/// Scratch for one message's data (the largest fixed-size one is `in6_pktinfo`, 20 bytes).
struct Data {
    level: i32,
    ty: i32,
    buf: [u8; 20],
    len: usize,
}

impl Data {
    fn new(level: i32, ty: i32, bytes: &[u8]) -> Data {
        let mut buf = [0u8; 20];
        buf[..bytes.len()].copy_from_slice(bytes);
        Data { level, ty, buf, len: bytes.len() }
    }
}

impl ControlMessage<'_> {
    /// How many control bytes this message takes: `CMSG_SPACE` of its data.
    ///
    /// ```
    /// use berkeley::msg::{CmsgBuffer, ControlMessage};
    ///
    /// assert_eq!(ControlMessage::IpTtl(64).space(), CmsgBuffer::space(4)); // an int
    /// ```
    pub fn space(&self) -> usize {
        space(self.data_len())
    }

    fn data_len(&self) -> usize {
        match self {
            ControlMessage::ScmRights(fds) => fds.len().saturating_mul(4),
            other => other.fixed().map_or(0, |d| d.len),
        }
    }

    /// The level, type and data of every message but `SCM_RIGHTS`.
    fn fixed(&self) -> Option<Data> {
        Some(match *self {
            ControlMessage::ScmRights(_) => return None,
            #[cfg(any(target_os = "linux", target_os = "android"))]
            ControlMessage::ScmCredentials(UCred { pid, uid, gid }) => {
                let mut d = [0u8; 12];
                d[..4].copy_from_slice(&pid.to_ne_bytes());
                d[4..8].copy_from_slice(&uid.to_ne_bytes());
                d[8..].copy_from_slice(&gid.to_ne_bytes());
                Data::new(c::SOL_SOCKET, c::SCM_CREDENTIALS, &d)
            }
            ControlMessage::IpTtl(ttl) => {
                Data::new(c::IPPROTO_IP, c::IP_TTL, &i32::from(ttl).to_ne_bytes())
            }
            ControlMessage::IpTos(tos) => {
                Data::new(c::IPPROTO_IP, c::IP_TOS, &i32::from(tos).to_ne_bytes())
            }
            ControlMessage::IpPktInfo(info) => {
                let mut d = [0u8; 12];
                d[..4].copy_from_slice(&info.ifindex.to_ne_bytes());
                d[4..8].copy_from_slice(&info.spec_dst.octets());
                d[8..].copy_from_slice(&info.addr.octets());
                Data::new(c::IPPROTO_IP, ip_pktinfo()?, &d)
            }
            ControlMessage::Ipv6HopLimit(hops) => {
                Data::new(c::IPPROTO_IPV6, c::IPV6_HOPLIMIT, &i32::from(hops).to_ne_bytes())
            }
            ControlMessage::Ipv6PktInfo(info) => {
                let mut d = [0u8; 20];
                d[..16].copy_from_slice(&info.addr.octets());
                d[16..].copy_from_slice(&info.ifindex.to_ne_bytes());
                Data::new(c::IPPROTO_IPV6, c::IPV6_PKTINFO, &d)
            }
            ControlMessage::UdpGsoSegments(size) => udp_segment(size)?,
        })
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn ip_pktinfo() -> Option<i32> {
    Some(c::IP_PKTINFO)
}
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn ip_pktinfo() -> Option<i32> {
    None
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn udp_segment(size: u16) -> Option<Data> {
    Some(Data::new(c::SOL_UDP, c::UDP_SEGMENT, &size.to_ne_bytes()))
}
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn udp_segment(_size: u16) -> Option<Data> {
    None
}

/// The control bytes all of `msgs` take.
pub(crate) fn encoded_len(msgs: &[ControlMessage<'_>]) -> usize {
    msgs.iter().map(ControlMessage::space).fold(0, usize::saturating_add)
}

/// Encodes `msgs` at the start of `out` (at least [`encoded_len`] bytes); returns the length.
/// A message this platform has no C encoding for is an [`Error::InvalidInput`].
pub(crate) fn encode(msgs: &[ControlMessage<'_>], out: &mut [u8]) -> Result<usize> {
    let mut at = 0;
    for m in msgs {
        at += match m {
            ControlMessage::ScmRights(fds) => {
                let slot = &mut out[at..];
                let total = put_header(slot, c::SOL_SOCKET, c::SCM_RIGHTS, fds.len() * 4);
                for (i, fd) in fds.iter().enumerate() {
                    let at = HDR + 4 * i;
                    slot[at..at + 4].copy_from_slice(&fd.as_raw_fd().to_ne_bytes());
                }
                total
            }
            other => {
                let d = other.fixed().ok_or(Error::InvalidInput {
                    call: "sendmsg",
                    what: "this control message does not exist on this platform",
                })?;
                put(&mut out[at..], d.level, d.ty, &d.buf[..d.len])
            }
        };
    }
    Ok(at)
}

//! Control messages to send: [`ControlMessage`] and its encoding into control bytes.
#![forbid(unsafe_code)]

#[cfg(unix)]
use std::os::fd::{AsRawFd, BorrowedFd};

use super::layout::{put, space};
#[cfg(unix)]
use super::layout::{put_header, HDR};
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
/// # #[cfg(windows)] fn main() {} // SCM_RIGHTS is Unix's
/// # #[cfg(unix)]
/// # fn main() -> berkeley::Result<()> {
/// use berkeley::msg::{Cmsg, CmsgBuffer, ControlMessage};
/// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
/// use std::io::{IoSlice, IoSliceMut};
/// use std::os::fd::AsFd;
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
    /// descriptors for the same open files; these stay open here. Unix.
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    ScmRights(&'a [BorrowedFd<'a>]),
    /// `SCM_CREDENTIALS`: credentials to send (UNIX sockets). The kernel checks them: a
    /// process may send its own pid/uid/gid (root: any). Linux.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    ScmCredentials(UCred),
    /// `IP_TTL`: the TTL of this one IPv4 packet (1..=255; Linux refuses 0). Linux, Windows.
    IpTtl(u8),
    /// `IP_TOS`: the TOS byte of this one IPv4 packet. Linux, Windows.
    IpTos(u8),
    /// `IP_PKTINFO`: the interface (`ifindex`, 0 for any) and source address (`spec_dst`) of
    /// this one IPv4 packet. Linux, Apple and Windows (whose `IN_PKTINFO` takes the source in
    /// `addr`: set both).
    IpPktInfo(InPktInfo),
    /// `IPV6_HOPLIMIT`: the hop limit of this one IPv6 packet.
    Ipv6HopLimit(u8),
    /// `IPV6_PKTINFO`: the interface and source address of this one IPv6 packet.
    Ipv6PktInfo(In6PktInfo),
    /// `UDP_SEGMENT` (UDP GSO): the kernel cuts this send into datagrams of this many
    /// payload bytes (the last one may be shorter). Linux ≥ 4.18.
    UdpGsoSegments(u16),
    /// Not a message: keeps the lifetime where no variant borrows (Windows). Cannot be made.
    #[cfg(windows)]
    #[doc(hidden)]
    _Borrow(std::marker::PhantomData<&'a ()>, Never),
}

/// An uninhabited type: [`ControlMessage::_Borrow`] cannot be constructed.
#[cfg(windows)]
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Never {}

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
            #[cfg(unix)]
            ControlMessage::ScmRights(fds) => fds.len().saturating_mul(4),
            other => other.fixed().map_or(0, |d| d.len),
        }
    }

    /// The level, type and data of every message but `SCM_RIGHTS`.
    fn fixed(&self) -> Option<Data> {
        Some(match *self {
            #[cfg(unix)]
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
            #[cfg(unix)]
            ControlMessage::IpPktInfo(info) => {
                let mut d = [0u8; 12];
                d[..4].copy_from_slice(&info.ifindex.to_ne_bytes());
                d[4..8].copy_from_slice(&info.spec_dst.octets());
                d[8..].copy_from_slice(&info.addr.octets());
                Data::new(c::IPPROTO_IP, ip_pktinfo()?, &d)
            }
            // Winsock's `IN_PKTINFO`: `{ ipi_addr, ipi_ifindex }`.
            #[cfg(windows)]
            ControlMessage::IpPktInfo(info) => {
                let mut d = [0u8; 8];
                d[..4].copy_from_slice(&info.addr.octets());
                d[4..].copy_from_slice(&info.ifindex.to_ne_bytes());
                Data::new(c::IPPROTO_IP, c::IP_PKTINFO, &d)
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
            #[cfg(windows)]
            ControlMessage::_Borrow(_, never) => match never {},
        })
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn ip_pktinfo() -> Option<i32> {
    Some(c::IP_PKTINFO)
}
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android", target_vendor = "apple"))))]
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
            #[cfg(unix)]
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

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};
    #[cfg(unix)]
    use std::os::fd::AsFd;

    use proptest::prelude::*;

    use super::super::layout::{put_header, RawCmsgs};
    use super::super::recv::Cmsg;
    use super::*;

    /// Encodes `msgs` and decodes them back with the receive-side parser.
    fn round_trip(msgs: &[ControlMessage<'_>]) -> Vec<Cmsg> {
        let mut out = vec![0xa5u8; encoded_len(msgs)];
        let n = encode(msgs, &mut out).unwrap();
        assert_eq!(n, out.len());
        RawCmsgs::new(&out).map(|m| Cmsg::parse(m.unwrap())).collect()
    }

    fn unknown_data(m: &Cmsg) -> &[u8] {
        match m {
            Cmsg::Unknown { data, .. } => data,
            other => panic!("expected Unknown, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    #[cfg_attr(miri, ignore)] // opens files, which Miri's isolation forbids
    fn scm_rights_encodes_the_fd_numbers() {
        let f = std::fs::File::open("Cargo.toml").unwrap();
        let g = std::fs::File::open("Cargo.toml").unwrap();
        let fds = [f.as_fd(), g.as_fd()];
        let got = round_trip(&[ControlMessage::ScmRights(&fds), ControlMessage::IpTtl(5)]);
        // Bytes are never adopted as fds: SCM_RIGHTS parses as Unknown with the numbers.
        let mut want = f.as_raw_fd().to_ne_bytes().to_vec();
        want.extend_from_slice(&g.as_raw_fd().to_ne_bytes());
        assert_eq!(unknown_data(&got[0]), want);
        assert!(matches!(got[1], Cmsg::IpTtl(5)));
    }

    proptest! {
        #[test]
        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        fn arbitrary_control_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let mut errors = 0;
            for m in RawCmsgs::new(&bytes) {
                match m {
                    Ok(m) => {
                        prop_assert!(m.data.len() <= bytes.len());
                        let _ = format!("{:?}", Cmsg::parse(m));
                    }
                    Err(_) => errors += 1,
                }
            }
            prop_assert!(errors <= 1);
        }

        #[test]
        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        fn headers_with_any_length_field_never_panic(
            len in any::<u64>(), level in any::<i32>(), ty in any::<i32>(),
            tail in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let mut bytes = vec![0u8; super::super::layout::HDR];
            put_header(&mut bytes, level, ty, 0);
            let l = (len as usize).to_ne_bytes();
            let n = super::super::layout::LEN_SIZE;
            if n == l.len() {
                bytes[..n].copy_from_slice(&l);
            } else {
                bytes[..4].copy_from_slice(&(len as u32).to_ne_bytes());
            }
            bytes.extend_from_slice(&tail);
            for m in RawCmsgs::new(&bytes).flatten() {
                prop_assert!(m.data.len() <= tail.len());
                let _ = Cmsg::parse(m);
            }
        }

        #[test]
        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        fn every_sendable_kind_round_trips(
            ttl in any::<u8>(), tos in any::<u8>(), hops in any::<u8>(), seg in any::<u16>(),
            ifindex in any::<u32>(), a4 in any::<[u8; 4]>(), b4 in any::<[u8; 4]>(),
            a6 in any::<[u8; 16]>(), pid in any::<i32>(), uid in any::<u32>(), gid in any::<u32>(),
        ) {
            let info = InPktInfo { ifindex, spec_dst: Ipv4Addr::from(a4), addr: Ipv4Addr::from(b4) };
            let info6 = In6PktInfo { ifindex, addr: Ipv6Addr::from(a6) };
            #[cfg_attr(target_os = "freebsd", allow(unused_mut))] // nothing to add there
            let mut msgs = vec![
                ControlMessage::IpTtl(ttl),
                ControlMessage::IpTos(tos),
                ControlMessage::Ipv6HopLimit(hops),
                ControlMessage::Ipv6PktInfo(info6),
            ];
            #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
            msgs.push(ControlMessage::IpPktInfo(info));
            // Winsock's IN_PKTINFO has no spec_dst: it comes back unspecified.
            #[cfg(windows)]
            msgs.push(ControlMessage::IpPktInfo(InPktInfo { spec_dst: Ipv4Addr::UNSPECIFIED, ..info }));
            #[cfg(any(target_os = "linux", target_os = "android"))]
            {
                msgs.push(ControlMessage::ScmCredentials(UCred { pid, uid, gid }));
                msgs.push(ControlMessage::UdpGsoSegments(seg));
            }
            let _ = (info, pid, uid, gid, seg);
            let got = round_trip(&msgs);
            prop_assert_eq!(got.len(), msgs.len());
            for (sent, back) in msgs.iter().zip(&got) {
                match (sent, back) {
                    (ControlMessage::IpTtl(a), Cmsg::IpTtl(b)) => prop_assert_eq!(a, b),
                    (ControlMessage::IpTos(a), Cmsg::IpTos(b)) => prop_assert_eq!(a, b),
                    (ControlMessage::Ipv6HopLimit(a), Cmsg::Ipv6HopLimit(b)) => prop_assert_eq!(a, b),
                    (ControlMessage::Ipv6PktInfo(a), Cmsg::Ipv6PktInfo(b)) => prop_assert_eq!(a, b),
                    (ControlMessage::IpPktInfo(a), Cmsg::IpPktInfo(b)) => prop_assert_eq!(a, b),
                    #[cfg(any(target_os = "linux", target_os = "android"))]
                    (ControlMessage::ScmCredentials(a), Cmsg::ScmCredentials(b)) => prop_assert_eq!(a, b),
                    // A send-only message: the receive side has no decoder, the bytes are the u16.
                    (ControlMessage::UdpGsoSegments(a), m) => {
                        prop_assert_eq!(unknown_data(m), &a.to_ne_bytes()[..]);
                    }
                    (s, b) => prop_assert!(false, "{:?} came back as {:?}", s, b),
                }
            }
        }
    }
}

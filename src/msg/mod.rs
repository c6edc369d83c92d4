//! `sendmsg(2)` / `recvmsg(2)` with typed control messages (ancillary data, `cmsg(3)`).
//!
//! [`Socket::sendmsg`] sends buffers plus [`ControlMessage`]s (file descriptors, credentials,
//! a per-packet TTL, the source address, a UDP segment size, ...); [`Socket::recvmsg`] receives
//! into buffers plus a reusable [`CmsgBuffer`], whose [`messages`](CmsgBuffer::messages) are
//! typed [`Cmsg`] values — owned, no raw pointers:
//!
//! ```
//! use berkeley::msg::{Cmsg, CmsgBuffer};
//! use berkeley::sockopt::IpRecvTtl;
//! use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
//! use std::io::IoSliceMut;
//! # fn main() -> berkeley::Result<()> {
//! let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
//! rx.bind("127.0.0.1:0")?;
//! rx.setsockopt(IpRecvTtl, true)?; // C: setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &one, 4)
//! let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
//! let to = rx.getsockname()?;
//! # #[cfg(any(target_os = "linux", target_os = "android"))] { // the per-packet TTL is Linux's
//! use berkeley::msg::ControlMessage;
//! use std::io::IoSlice;
//! tx.sendmsg(&[IoSlice::new(b"hi")], &[ControlMessage::IpTtl(7)], Some(&to), MsgFlags::empty())?;
//! # }
//! # #[cfg(not(any(target_os = "linux", target_os = "android")))]
//! # { use berkeley::sockopt::IpTtl; tx.setsockopt(IpTtl, 7)?; tx.sendto(b"hi", &to)?; }
//!
//! let mut buf = [0u8; 16];
//! let mut cmsg = CmsgBuffer::new(); // room for one of every fixed-size message
//! let got = rx.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty())?;
//! assert_eq!(&buf[..got.len], b"hi");
//! let ttl = cmsg.messages().find_map(|m| match m {
//!     Ok(Cmsg::IpTtl(ttl)) => Some(ttl),
//!     _ => None,
//! });
//! assert_eq!(ttl, Some(7));
//! # Ok(()) }
//! ```
//!
//! # What berkeley guarantees
//!
//! - **No fd leaks.** File descriptors received with `SCM_RIGHTS` are wrapped in
//!   `OwnedFd` by `recvmsg` itself, before it returns — whether or not
//!   the caller ever looks at them, and also when the kernel cut the list (`MSG_CTRUNC`: the
//!   fds that fit are delivered, the kernel closes the rest). `Cmsg::ScmRights` hands them
//!   out; the ones nobody takes are closed by the next `recvmsg` on the same buffer, by
//!   [`CmsgBuffer::clear`] or when the buffer is dropped. They are close-on-exec
//!   (`MSG_CMSG_CLOEXEC`) where the OS has it (Linux, FreeBSD; not Apple systems).
//! - **No UB on bad lengths.** The control bytes are walked with bounds-checked reads only (no
//!   `CMSG_NXTHDR` pointer arithmetic): a header whose `cmsg_len` is shorter than a header or
//!   runs past the data is an [`Error::InvalidInput`](crate::Error::InvalidInput) item and ends
//!   the walk. A known message whose payload has an unexpected size is returned as
//!   [`Cmsg::Unknown`] with its bytes, not dropped. The parser is fuzzed
//!   (`fuzz/fuzz_targets/cmsg.rs`) and property-tested.
//! - **Sizes with `CMSG_SPACE` semantics.** [`CmsgBuffer::space`] is `CMSG_SPACE(len)` of the
//!   platform (checked against libc's macro in the tests); [`CmsgBuffer::for_fds`] and
//!   [`CmsgBuffer::new`] size buffers without guessing. A buffer that is too small makes the
//!   kernel set [`MsgFlags::CTRUNC`](crate::MsgFlags::CTRUNC), never UB.
//!
//! # Why the messages live in the buffer
//!
//! [`Socket::recvmsg`] returns the same [`RecvMsg`] as the other scatter receives (count,
//! flags, sender), and the control messages stay in the [`CmsgBuffer`] they were received
//! into. The result borrows nothing, so it stays `Clone + Eq`; iterating allocates nothing
//! (except for the fd list of `SCM_RIGHTS` and the bytes of `Unknown` messages); and the
//! received fds have an owner — the buffer — from the moment `recvmsg` returns.
//!
//! # Platforms
//!
//! Linux has every message. Apple systems and FreeBSD have `SCM_RIGHTS`, `SCM_TIMESTAMP`, the
//! TTL/TOS (received as `IP_RECVTTL`/`IP_RECVTOS`), `IPV6_HOPLIMIT`/`IPV6_PKTINFO` and (Apple)
//! `IP_PKTINFO`; `SCM_CREDENTIALS`, `SO_TIMESTAMPNS`, `IP_RECVERR`, UDP GSO/GRO and
//! `PACKET_AUXDATA` are Linux's. Windows has `WSASendMsg`/`WSARecvMsg` (datagram and raw sockets
//! only) with `IP_PKTINFO` (Winsock's `IN_PKTINFO`, no `spec_dst`), `IPV6_PKTINFO`, `IP_TTL`,
//! `IP_TOS` and `IPV6_HOPLIMIT`; no fd passing, credentials, timestamps or error queue.
//!
//! Tested: Linux in full; Windows under wine (`IP_PKTINFO` and the TTL, both directions);
//! Apple and FreeBSD are compiled and linted only.
//!
//! [`Socket::sendmsg`]: crate::Socket::sendmsg
//! [`Socket::recvmsg`]: crate::Socket::recvmsg
//! [`RecvMsg`]: crate::socket::RecvMsg

mod buffer;
mod layout;
mod recv;
mod send;

pub use self::buffer::{CmsgBuffer, Messages};
pub use self::layout::{RawCmsg, RawCmsgs};
#[cfg(any(target_os = "linux", target_os = "android"))]
pub use self::recv::PacketAuxData;
pub use self::recv::{Cmsg, ErrOrigin, ExtendedError, In6PktInfo, InPktInfo};
pub use self::send::ControlMessage;

pub(crate) use self::send::{encode, encoded_len};

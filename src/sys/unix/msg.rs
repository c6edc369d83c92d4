//! `sendmsg(2)` / `recvmsg(2)` with control data: one OS call per function.

use std::io::{IoSlice, IoSliceMut};
use std::mem;

use super::net::{MAX_IOV, SEND_FLAGS};
use super::{c, last_error, RawSocket};
use crate::addr::SockAddr;
use crate::error::{Error, Result};

/// Flags added to every `recvmsg` with control data: received fds are close-on-exec, like
/// every descriptor berkeley creates. Apple systems have no `MSG_CMSG_CLOEXEC`.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
const RECV_FLAGS: i32 = c::MSG_CMSG_CLOEXEC;
#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
const RECV_FLAGS: i32 = 0;

/// What `recvmsg` with control data returned: the kernel's count (as for `recv`), the output
/// `msg_flags` and the control bytes written (`msg_controllen`).
pub(crate) struct MsgRecv {
    pub(crate) n: usize,
    pub(crate) flags: i32,
    pub(crate) controllen: usize,
    /// Whether the kernel made received fds close-on-exec (`MSG_CMSG_CLOEXEC` was accepted);
    /// when not, the caller sets `FD_CLOEXEC` on them.
    pub(crate) cloexec: bool,
}

/// `sendmsg(2)` of a gather list, encoded control bytes and an optional destination, with
/// `MSG_NOSIGNAL` added; errors name the destination.
pub(crate) fn sendmsg(
    s: RawSocket,
    bufs: &[IoSlice<'_>],
    control: &[u8],
    addr: Option<&SockAddr>,
    flags: i32,
) -> Result<usize> {
    // SAFETY: an all-zero msghdr is valid (null pointers with zero lengths).
    let mut msg: c::msghdr = unsafe { mem::zeroed() };
    if let Some(addr) = addr {
        msg.msg_name = addr.as_ptr().cast_mut().cast();
        msg.msg_namelen = addr.raw_len();
    }
    // IoSlice is guaranteed ABI-compatible with iovec on Unix; the kernel only reads it.
    msg.msg_iov = bufs.as_ptr().cast_mut().cast::<c::iovec>();
    msg.msg_iovlen = bufs.len().min(MAX_IOV) as _;
    if !control.is_empty() {
        msg.msg_control = control.as_ptr().cast_mut().cast();
        msg.msg_controllen = control.len() as _;
    }
    // SAFETY: msg points to `msg_iovlen` live iovecs, each readable for its length, to
    // `control` (readable for `msg_controllen` bytes) and to `addr`'s storage (readable for
    // `msg_namelen` bytes); the kernel writes through none of them.
    let n = unsafe { c::sendmsg(s, &msg, flags | SEND_FLAGS) };
    if n < 0 {
        return Err(match addr {
            Some(addr) => Error::os_addr("sendmsg", last_error(), addr),
            None => Error::os("sendmsg", last_error()),
        });
    }
    Ok(n as usize)
}

/// `recvmsg(2)` into a scatter list and a control area, with the sender's address;
/// `MSG_CMSG_CLOEXEC` added where the OS has it.
pub(crate) fn recvmsg_control(
    s: RawSocket,
    bufs: &mut [IoSliceMut<'_>],
    control: &mut [u8],
    flags: i32,
) -> Result<(MsgRecv, SockAddr)> {
    // SAFETY: the address storage and its in/out length come from `try_init`; the kernel
    // writes at most `*alen` bytes there, at most `msg_controllen` bytes into `control`, and
    // initialised bytes only within the iovecs.
    unsafe {
        SockAddr::try_init(|addr, alen| {
            // An all-zero msghdr is valid (null pointers with zero lengths).
            let mut msg: c::msghdr = mem::zeroed();
            msg.msg_name = addr.cast();
            msg.msg_namelen = *alen;
            // IoSliceMut is guaranteed ABI-compatible with iovec on Unix.
            msg.msg_iov = bufs.as_mut_ptr().cast::<c::iovec>();
            msg.msg_iovlen = bufs.len().min(MAX_IOV) as _;
            if !control.is_empty() {
                msg.msg_control = control.as_mut_ptr().cast();
                msg.msg_controllen = control.len() as _;
            }
            let mut cloexec = RECV_FLAGS != 0;
            let mut n = c::recvmsg(s, &mut msg, flags | RECV_FLAGS);
            if n < 0 && cloexec && last_error() == c::EINVAL {
                // Some sockets refuse MSG_CMSG_CLOEXEC with EINVAL (Linux AF_PACKET's
                // packet_recvmsg accepts only PEEK, DONTWAIT, TRUNC and ERRQUEUE): ask again
                // without it; the caller then marks any received fd close-on-exec itself.
                // msghdr is in/out: restore what the kernel may have changed.
                msg.msg_namelen = *alen;
                msg.msg_controllen = control.len() as _;
                msg.msg_flags = 0;
                cloexec = false;
                n = c::recvmsg(s, &mut msg, flags);
            }
            if n < 0 {
                return Err(Error::os("recvmsg", last_error()));
            }
            *alen = msg.msg_namelen;
            let controllen = (msg.msg_controllen as usize).min(control.len());
            Ok(MsgRecv { n: n as usize, flags: msg.msg_flags, controllen, cloexec })
        })
    }
}

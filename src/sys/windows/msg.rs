//! `WSASendMsg` / `WSARecvMsg`: `sendmsg(2)` / `recvmsg(2)` with control data, one OS call per
//! function (the one-time `WSAIoctl` lookup of `WSARecvMsg` aside).

use std::io::{IoSlice, IoSliceMut};
use std::mem;
use std::ptr;
use std::sync::OnceLock;

use super::{c, last_error, RawSocket};
use crate::addr::SockAddr;
use crate::error::{Error, Result};

/// What `recvmsg` with control data returned: the count, the output flags (`dwFlags`) and the
/// control bytes written (`Control.len`).
pub(crate) struct MsgRecv {
    pub(crate) n: usize,
    pub(crate) flags: i32,
    pub(crate) controllen: usize,
    /// Unix's "fds already close-on-exec"; Winsock passes no handles, so always true.
    pub(crate) cloexec: bool,
}

/// The most buffers one call takes (as on Unix): longer lists are clamped, the count tells.
const MAX_IOV: usize = 1024;

type RecvMsgFn = unsafe extern "system" fn(
    c::SOCKET,
    *mut c::WSAMSG,
    *mut u32,
    *mut windows_sys::Win32::System::IO::OVERLAPPED,
    c::LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32;

/// `WSARecvMsg` is an extension function: its address comes from `WSAIoctl(
/// SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_WSARECVMSG)` on a socket. Every Winsock provider
/// gives the same one (the Microsoft provider's), so it is looked up once per process.
fn wsarecvmsg(s: RawSocket) -> Result<RecvMsgFn> {
    static FN: OnceLock<RecvMsgFn> = OnceLock::new();
    if let Some(f) = FN.get() {
        return Ok(*f);
    }
    let guid = c::WSAID_WSARECVMSG;
    let mut f: c::LPFN_WSARECVMSG = None;
    let mut bytes = 0u32;
    // SAFETY: `guid` is readable for its size and `f` writable for its size (an
    // `Option<fn>`, pointer-sized); Winsock writes the function's address there.
    let rc = unsafe {
        c::WSAIoctl(
            s as c::SOCKET,
            c::SIO_GET_EXTENSION_FUNCTION_POINTER,
            ptr::from_ref(&guid).cast(),
            mem::size_of_val(&guid) as u32,
            ptr::from_mut(&mut f).cast(),
            mem::size_of_val(&f) as u32,
            &mut bytes,
            ptr::null_mut(),
            None,
        )
    };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("WSAIoctl(WSAID_WSARECVMSG)", last_error()));
    }
    let f = f.ok_or(Error::os("WSAIoctl(WSAID_WSARECVMSG)", c::WSAEOPNOTSUPP))?;
    Ok(*FN.get_or_init(|| f))
}

/// `WSASendMsg` of a gather list, encoded control bytes and an optional destination; errors
/// name the destination.
pub(crate) fn sendmsg(
    s: RawSocket,
    bufs: &[IoSlice<'_>],
    control: &[u8],
    addr: Option<&SockAddr>,
    flags: i32,
) -> Result<usize> {
    let mut msg = c::WSAMSG {
        name: ptr::null_mut(),
        namelen: 0,
        // IoSlice is guaranteed ABI-compatible with WSABUF; Winsock only reads it.
        lpBuffers: bufs.as_ptr().cast_mut().cast::<c::WSABUF>(),
        dwBufferCount: bufs.len().min(MAX_IOV) as u32,
        Control: c::WSABUF { len: control.len() as u32, buf: control.as_ptr().cast_mut() },
        dwFlags: 0,
    };
    if control.is_empty() {
        msg.Control.buf = ptr::null_mut();
    }
    if let Some(addr) = addr {
        msg.name = addr.as_ptr().cast_mut().cast();
        msg.namelen = addr.raw_len();
    }
    let mut sent = 0u32;
    // SAFETY: msg points to `dwBufferCount` live WSABUFs, each readable for its length, to
    // `control` (readable for `Control.len` bytes) and to `addr`'s storage (readable for
    // `namelen` bytes); Winsock writes through none of them, only to `sent`.
    let rc = unsafe {
        c::WSASendMsg(s as c::SOCKET, &msg, flags as u32, &mut sent, ptr::null_mut(), None)
    };
    if rc == c::SOCKET_ERROR {
        return Err(match addr {
            Some(addr) => Error::os_addr("WSASendMsg", last_error(), addr),
            None => Error::os("WSASendMsg", last_error()),
        });
    }
    Ok(sent as usize)
}

/// `WSARecvMsg` into a scatter list and a control area, with the sender's address.
pub(crate) fn recvmsg_control(
    s: RawSocket,
    bufs: &mut [IoSliceMut<'_>],
    control: &mut [u8],
    flags: i32,
) -> Result<(MsgRecv, SockAddr)> {
    let recvmsg = wsarecvmsg(s)?;
    // SAFETY: the address storage and its in/out length come from `try_init`; Winsock writes at
    // most `*alen` bytes there, at most `Control.len` bytes into `control`, and initialised
    // bytes only within the WSABUFs (IoSliceMut is guaranteed ABI-compatible with WSABUF).
    unsafe {
        SockAddr::try_init(|addr, alen| {
            let mut msg = c::WSAMSG {
                name: addr.cast(),
                namelen: *alen,
                lpBuffers: bufs.as_mut_ptr().cast::<c::WSABUF>(),
                dwBufferCount: bufs.len().min(MAX_IOV) as u32,
                Control: c::WSABUF { len: control.len() as u32, buf: control.as_mut_ptr() },
                dwFlags: flags as u32,
            };
            if control.is_empty() {
                msg.Control.buf = ptr::null_mut();
            }
            let mut received = 0u32;
            if recvmsg(s as c::SOCKET, &mut msg, &mut received, ptr::null_mut(), None)
                == c::SOCKET_ERROR
            {
                return Err(Error::os("WSARecvMsg", last_error()));
            }
            *alen = msg.namelen;
            let controllen = (msg.Control.len as usize).min(control.len());
            Ok(MsgRecv {
                n: received as usize,
                flags: msg.dwFlags as i32,
                controllen,
                cloexec: true,
            })
        })
    }
}

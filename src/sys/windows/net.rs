//! Socket calls over Winsock: one OS call per function. See `sys/mod.rs` for the contract.
//!
//! The exceptions the contract allows: `socket` starts Winsock first (once per process) and
//! applies `SOCK_NONBLOCK` with `ioctlsocket(FIONBIO)`; `accept` sets the new socket's blocking
//! mode with `ioctlsocket(FIONBIO)` (Winsock has no `accept4`) and clears
//! `HANDLE_FLAG_INHERIT`; `dup` is `WSADuplicateSocketW` + `WSASocketW`, the documented way to
//! duplicate a socket. Errors name the Winsock call made
//! (`WSASocketW`, `closesocket`, `WSAPoll`, ...) and carry the `WSAGetLastError()` code.
//!
//! Every socket berkeley creates is overlapped (`WSA_FLAG_OVERLAPPED`, as std's are, so it can be
//! used with I/O completion ports) and not inheritable (`WSA_FLAG_NO_HANDLE_INHERIT`, Windows'
//! close-on-exec). A socket `accept` returns is overlapped like the listening socket; its
//! blocking mode and inheritance are set explicitly (Winsock would pass the listener's mode on,
//! and does not reliably pass the no-inherit flag on).

use std::io::{IoSlice, IoSliceMut};
use std::mem::MaybeUninit;
use std::os::windows::io::{FromRawSocket, IntoRawSocket};
use std::ptr;

use super::{c, last_error, startup, OwnedSocket, RawSocket};
use crate::addr::SockAddr;
use crate::error::{Error, Result};

/// The most bytes one `send`/`recv` is asked to move: Winsock takes an `int` length. Longer
/// buffers are clamped, like std does; the call then reports a short count. (No datagram is
/// silently cut by this: one longer than `i32::MAX` bytes cannot be sent whole or clamped, and
/// Winsock rejects it with `WSAEMSGSIZE`.)
const MAX_IO_LEN: usize = i32::MAX as usize;

/// The Winsock handle of a berkeley `RawSocket` (`SOCKET` is pointer-sized; every value std or
/// Winsock hands out fits).
#[inline]
const fn sock(s: RawSocket) -> c::SOCKET {
    s as c::SOCKET
}

/// Takes ownership of a socket a successful call just returned.
///
/// # Safety
///
/// `s` must be a fresh, open socket that nothing else owns.
#[inline]
unsafe fn owned(s: c::SOCKET) -> OwnedSocket {
    // SAFETY: guaranteed by the caller.
    unsafe { OwnedSocket::from_raw_socket(s as RawSocket) }
}

/// `WSASocketW` (`socket(2)`), overlapped and not inheritable; starts Winsock first.
///
/// `SOCK_NONBLOCK` in `ty` is applied with `ioctlsocket(FIONBIO)` right after creation;
/// `SOCK_CLOEXEC` is implied. Both flags are removed before Winsock sees `ty`.
pub(crate) fn socket(domain: i32, ty: i32, protocol: i32) -> Result<OwnedSocket> {
    startup()?;
    let nonblocking = ty & c::SOCK_NONBLOCK != 0;
    let ty = ty & !(c::SOCK_NONBLOCK | c::SOCK_CLOEXEC);
    let flags = c::WSA_FLAG_OVERLAPPED | c::WSA_FLAG_NO_HANDLE_INHERIT;
    // SAFETY: WSASocketW takes integers and a null protocol-info pointer (allowed: "use the
    // first matching provider"); on success it returns a new socket we own.
    let s = unsafe { c::WSASocketW(domain, ty, protocol, ptr::null(), 0, flags) };
    if s == c::INVALID_SOCKET {
        return Err(Error::os("WSASocketW", last_error()));
    }
    // SAFETY: `s` is a fresh socket that nothing else owns.
    let s = unsafe { owned(s) };
    if nonblocking {
        // On failure `s` is dropped, which closes it.
        set_nonblocking(raw(&s), true)?;
    }
    Ok(s)
}

/// The raw value of an owned socket.
#[inline]
fn raw(s: &OwnedSocket) -> RawSocket {
    use std::os::windows::io::AsRawSocket;
    s.as_raw_socket()
}

/// `bind(2)`.
pub(crate) fn bind(s: RawSocket, addr: &SockAddr) -> Result<()> {
    // SAFETY: `addr.as_ptr()` is readable for `addr.raw_len()` bytes (SockAddr's invariant).
    if unsafe { c::bind(sock(s), addr.as_ptr(), addr.raw_len()) } == c::SOCKET_ERROR {
        return Err(Error::os_addr("bind", last_error(), addr));
    }
    Ok(())
}

/// `listen(2)`.
pub(crate) fn listen(s: RawSocket, backlog: i32) -> Result<()> {
    // SAFETY: listen() takes only integers.
    if unsafe { c::listen(sock(s), backlog) } == c::SOCKET_ERROR {
        return Err(Error::os("listen", last_error()));
    }
    Ok(())
}

/// `accept(2)`, then `ioctlsocket(FIONBIO)` with the mode `flags` asks for (`SOCK_NONBLOCK`;
/// Winsock has no `accept4`, and its `accept` passes the listener's mode on) and
/// `SetHandleInformation` to make it not inheritable.
pub(crate) fn accept(s: RawSocket, flags: i32) -> Result<(OwnedSocket, SockAddr)> {
    // SAFETY: the closure passes the storage pointer and its in/out length straight to Winsock,
    // which writes at most `*len` bytes there and stores the written length back, as
    // `try_init` requires.
    unsafe {
        SockAddr::try_init(|addr, len| {
            let new = c::accept(sock(s), addr, len);
            if new == c::INVALID_SOCKET {
                return Err(Error::os("accept", last_error()));
            }
            let new = owned(new);
            // On failure `new` is dropped, which closes it.
            set_nonblocking(raw(&new), flags & c::SOCK_NONBLOCK != 0)?;
            // Not inheritable, as Python makes it: `accept` does not reliably pass the
            // listener's WSA_FLAG_NO_HANDLE_INHERIT on (wine does not).
            set_inheritable(raw(&new), false)?;
            Ok(new)
        })
    }
}

/// `connect(2)`. A non-blocking connect in progress fails with `WSAEWOULDBLOCK` (Unix:
/// `EINPROGRESS`).
pub(crate) fn connect(s: RawSocket, addr: &SockAddr) -> Result<()> {
    // SAFETY: `addr.as_ptr()` is readable for `addr.raw_len()` bytes (SockAddr's invariant).
    if unsafe { c::connect(sock(s), addr.as_ptr(), addr.raw_len()) } == c::SOCKET_ERROR {
        return Err(Error::os_addr("connect", last_error(), addr));
    }
    Ok(())
}

/// `send(2)`; the length is clamped to `i32::MAX`.
#[inline]
pub(crate) fn send(s: RawSocket, buf: &[u8], flags: i32) -> Result<usize> {
    let len = buf.len().min(MAX_IO_LEN) as i32;
    // SAFETY: `buf` is readable for `len <= buf.len()` bytes; Winsock only reads them.
    let n = unsafe { c::send(sock(s), buf.as_ptr(), len, flags) };
    if n == c::SOCKET_ERROR {
        return Err(Error::os("send", last_error()));
    }
    Ok(n as usize)
}

/// `sendto(2)`; the length is clamped to `i32::MAX`; errors name the destination.
#[inline]
pub(crate) fn sendto(s: RawSocket, buf: &[u8], flags: i32, addr: &SockAddr) -> Result<usize> {
    let len = buf.len().min(MAX_IO_LEN) as i32;
    // SAFETY: `buf` is readable for `len` bytes and `addr.as_ptr()` for `addr.raw_len()` bytes;
    // Winsock only reads both.
    let n = unsafe { c::sendto(sock(s), buf.as_ptr(), len, flags, addr.as_ptr(), addr.raw_len()) };
    if n == c::SOCKET_ERROR {
        return Err(Error::os_addr("sendto", last_error(), addr));
    }
    Ok(n as usize)
}

/// `recv(2)`: returns how many bytes Winsock wrote at the start of `buf`.
///
/// After `shutdown(SD_RECEIVE)` Winsock fails with `WSAESHUTDOWN` where Unix reports end of
/// file; that is returned as 0, as std does. A datagram longer than `buf` fails with
/// `WSAEMSGSIZE` (its first `buf.len()` bytes are in `buf`); Unix returns the cut length instead.
#[inline]
pub(crate) fn recv(s: RawSocket, buf: &mut [MaybeUninit<u8>], flags: i32) -> Result<usize> {
    let len = buf.len().min(MAX_IO_LEN) as i32;
    // SAFETY: `buf` is writable for `len <= buf.len()` bytes; Winsock writes at most that.
    let n = unsafe { c::recv(sock(s), buf.as_mut_ptr().cast::<u8>(), len, flags) };
    if n == c::SOCKET_ERROR {
        return match last_error() {
            c::WSAESHUTDOWN => Ok(0),
            code => Err(Error::os("recv", code)),
        };
    }
    Ok(n as usize)
}

/// `recvfrom(2)`: the byte count and the sender's address. On a connected stream socket Winsock
/// ignores the address arguments; the address is then empty, as on Unix.
#[inline]
pub(crate) fn recvfrom(
    s: RawSocket,
    buf: &mut [MaybeUninit<u8>],
    flags: i32,
) -> Result<(usize, SockAddr)> {
    let len = buf.len().min(MAX_IO_LEN) as i32;
    // SAFETY: `buf` is writable for `len` bytes; the address storage and its in/out length come
    // from `try_init` (zeroed storage: a connected stream that leaves it untouched gives the
    // empty address). Winsock writes at most `*alen` bytes of address.
    unsafe {
        SockAddr::try_init(|addr, alen| {
            let n = c::recvfrom(sock(s), buf.as_mut_ptr().cast::<u8>(), len, flags, addr, alen);
            if n == c::SOCKET_ERROR {
                return match last_error() {
                    c::WSAESHUTDOWN => {
                        *alen = 0;
                        Ok(0)
                    }
                    code => Err(Error::os("recvfrom", code)),
                };
            }
            Ok(n as usize)
        })
    }
}

/// `WSASend` of a gather list (`sendmsg(2)` without address or control data).
pub(crate) fn send_vectored(s: RawSocket, bufs: &[IoSlice<'_>], flags: i32) -> Result<usize> {
    let count = u32::try_from(bufs.len()).unwrap_or(u32::MAX);
    let mut sent = 0u32;
    // SAFETY: IoSlice is guaranteed ABI-compatible with WSABUF on Windows; `bufs` holds at least
    // `count` of them, each readable for its length. `sent` is a live u32. A null OVERLAPPED
    // makes the call synchronous, on overlapped sockets too.
    let rc = unsafe {
        c::WSASend(
            sock(s),
            bufs.as_ptr().cast::<c::WSABUF>(),
            count,
            &mut sent,
            flags as u32,
            ptr::null_mut(),
            None,
        )
    };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("WSASend", last_error()));
    }
    Ok(sent as usize)
}

/// `WSARecv` into a scatter list (`recvmsg(2)` without address or control data). As in `recv`,
/// `WSAESHUTDOWN` is end of file.
pub(crate) fn recv_vectored(
    s: RawSocket,
    bufs: &mut [IoSliceMut<'_>],
    flags: i32,
) -> Result<usize> {
    let count = u32::try_from(bufs.len()).unwrap_or(u32::MAX);
    let mut received = 0u32;
    let mut flags = flags as u32;
    // IoSliceMut is guaranteed ABI-compatible with WSABUF on Windows; a null OVERLAPPED makes
    // the call synchronous.
    // SAFETY: `bufs` holds at least `count` buffers, each writable for its length, and Winsock
    // writes only within them; `received` and `flags` are live u32s.
    let rc = unsafe {
        c::WSARecv(
            sock(s),
            bufs.as_mut_ptr().cast::<c::WSABUF>(),
            count,
            &mut received,
            &mut flags,
            ptr::null_mut(),
            None,
        )
    };
    if rc == c::SOCKET_ERROR {
        return match last_error() {
            c::WSAESHUTDOWN => Ok(0),
            code => Err(Error::os("WSARecv", code)),
        };
    }
    Ok(received as usize)
}

/// `WSASendTo` of a gather list to `addr` (`sendmsg(2)` with an address, no control data).
pub(crate) fn sendto_vectored(
    s: RawSocket,
    bufs: &[IoSlice<'_>],
    flags: i32,
    addr: &SockAddr,
) -> Result<usize> {
    let count = u32::try_from(bufs.len()).unwrap_or(u32::MAX);
    let mut sent = 0u32;
    // SAFETY: IoSlice is guaranteed ABI-compatible with WSABUF on Windows; `bufs` holds at least
    // `count` of them, each readable for its length; `addr` is readable for `addr.len()` bytes.
    // `sent` is a live u32. A null OVERLAPPED makes the call synchronous.
    let rc = unsafe {
        c::WSASendTo(
            sock(s),
            bufs.as_ptr().cast::<c::WSABUF>(),
            count,
            &mut sent,
            flags as u32,
            addr.as_ptr(),
            addr.len() as i32,
            ptr::null_mut(),
            None,
        )
    };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os_addr("WSASendTo", last_error(), addr));
    }
    Ok(sent as usize)
}

/// `WSARecvFrom` into a scatter list (`recvmsg(2)` with the sender's address, no control
/// data): the count, the output flags and the address. `WSAESHUTDOWN` is end of file.
pub(crate) fn recvmsg(
    s: RawSocket,
    bufs: &mut [IoSliceMut<'_>],
    flags: i32,
) -> Result<((usize, i32), SockAddr)> {
    let count = u32::try_from(bufs.len()).unwrap_or(u32::MAX);
    // SAFETY: IoSliceMut is guaranteed ABI-compatible with WSABUF; `bufs` holds at least `count`
    // buffers, each writable for its length, and Winsock writes only within them. The address
    // storage and its in/out length come from `try_init`; Winsock writes at most `*alen` bytes.
    unsafe {
        SockAddr::try_init(|addr, alen| {
            let mut received = 0u32;
            let mut out = flags as u32;
            let rc = c::WSARecvFrom(
                sock(s),
                bufs.as_mut_ptr().cast::<c::WSABUF>(),
                count,
                &mut received,
                &mut out,
                addr,
                alen,
                ptr::null_mut(),
                None,
            );
            if rc == c::SOCKET_ERROR {
                return match last_error() {
                    c::WSAESHUTDOWN => {
                        *alen = 0;
                        Ok((0, 0))
                    }
                    code => Err(Error::os("WSARecvFrom", code)),
                };
            }
            Ok((received as usize, out as i32))
        })
    }
}

/// `shutdown(2)`; `how` is `SD_RECEIVE`, `SD_SEND` or `SD_BOTH` (`c::SHUT_*`).
pub(crate) fn shutdown(s: RawSocket, how: i32) -> Result<()> {
    // SAFETY: shutdown() takes only integers.
    if unsafe { c::shutdown(sock(s), how) } == c::SOCKET_ERROR {
        return Err(Error::os("shutdown", last_error()));
    }
    Ok(())
}

/// `getsockname(2)`. An unbound socket fails with `WSAEINVAL` (Unix returns a zero address).
pub(crate) fn getsockname(s: RawSocket) -> Result<SockAddr> {
    // SAFETY: Winsock writes at most `*len` bytes at `addr` and stores the written length back.
    let ((), addr) = unsafe {
        SockAddr::try_init(|addr, len| {
            if c::getsockname(sock(s), addr, len) == c::SOCKET_ERROR {
                return Err(Error::os("getsockname", last_error()));
            }
            Ok(())
        })
    }?;
    Ok(addr)
}

/// `getpeername(2)`.
pub(crate) fn getpeername(s: RawSocket) -> Result<SockAddr> {
    // SAFETY: Winsock writes at most `*len` bytes at `addr` and stores the written length back.
    let ((), addr) = unsafe {
        SockAddr::try_init(|addr, len| {
            if c::getpeername(sock(s), addr, len) == c::SOCKET_ERROR {
                return Err(Error::os("getpeername", last_error()));
            }
            Ok(())
        })
    }?;
    Ok(addr)
}

/// `ioctlsocket(FIONBIO)`. (Winsock cannot report a socket's blocking mode, so there is no
/// `nonblocking()` on Windows.)
pub(crate) fn set_nonblocking(s: RawSocket, on: bool) -> Result<()> {
    let mut on = u32::from(on);
    // SAFETY: FIONBIO reads one u_long through the pointer, which points to a live u32.
    if unsafe { c::ioctlsocket(sock(s), c::FIONBIO, &mut on) } == c::SOCKET_ERROR {
        return Err(Error::os("ioctlsocket(FIONBIO)", last_error()));
    }
    Ok(())
}

/// `WSADuplicateSocketW` + `WSASocketW`: a new, non-inheritable socket for the same endpoint.
pub(crate) fn dup(s: RawSocket) -> Result<OwnedSocket> {
    let mut info = MaybeUninit::<c::WSAPROTOCOL_INFOW>::uninit();
    // SAFETY: `info` is writable for one WSAPROTOCOL_INFOW, which the call fills on success.
    let rc = unsafe { c::WSADuplicateSocketW(sock(s), std::process::id(), info.as_mut_ptr()) };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("WSADuplicateSocketW", last_error()));
    }
    // SAFETY: WSADuplicateSocketW succeeded, so `info` is initialised.
    let info = unsafe { info.assume_init() };
    let flags = c::WSA_FLAG_OVERLAPPED | c::WSA_FLAG_NO_HANDLE_INHERIT;
    // SAFETY: `info` is the live protocol info WSADuplicateSocketW just produced for this
    // process; WSASocketW only reads it and returns a new socket we own.
    let new = unsafe {
        c::WSASocketW(info.iAddressFamily, info.iSocketType, info.iProtocol, &info, 0, flags)
    };
    if new == c::INVALID_SOCKET {
        return Err(Error::os("WSASocketW", last_error()));
    }
    // SAFETY: `new` is a fresh socket that nothing else owns.
    Ok(unsafe { owned(new) })
}

/// `GetHandleInformation`: whether `HANDLE_FLAG_INHERIT` is set (child processes inherit the
/// socket).
pub(crate) fn inheritable(s: RawSocket) -> Result<bool> {
    use windows_sys::Win32::Foundation::{GetHandleInformation, HANDLE, HANDLE_FLAG_INHERIT};
    let mut flags = 0u32;
    // SAFETY: a SOCKET is a kernel handle (the documented way to change its inheritance);
    // `flags` is a live u32 the call writes.
    if unsafe { GetHandleInformation(sock(s) as HANDLE, &mut flags) } == 0 {
        return Err(Error::os(
            "GetHandleInformation",
            std::io::Error::last_os_error().raw_os_error().unwrap_or(0),
        ));
    }
    Ok(flags & HANDLE_FLAG_INHERIT != 0)
}

/// `SetHandleInformation(HANDLE_FLAG_INHERIT)`: whether child processes inherit the socket.
pub(crate) fn set_inheritable(s: RawSocket, on: bool) -> Result<()> {
    use windows_sys::Win32::Foundation::{SetHandleInformation, HANDLE, HANDLE_FLAG_INHERIT};
    let value = if on { HANDLE_FLAG_INHERIT } else { 0 };
    // SAFETY: a SOCKET is a kernel handle; the call only changes its inheritance flag.
    if unsafe { SetHandleInformation(sock(s) as HANDLE, HANDLE_FLAG_INHERIT, value) } == 0 {
        return Err(Error::os(
            "SetHandleInformation",
            std::io::Error::last_os_error().raw_os_error().unwrap_or(0),
        ));
    }
    Ok(())
}

/// `WSAPoll` (`poll(2)`): how many entries have non-zero `revents`.
///
/// Winsock rejects an empty set with `WSAEINVAL` (Unix sleeps), and `events` may hold only
/// `POLLRDNORM`, `POLLRDBAND`, `POLLPRI` and `POLLWRNORM` (and the sums `POLLIN`, `POLLOUT`).
pub(crate) fn poll(fds: &mut [c::pollfd], timeout_ms: i32) -> Result<usize> {
    let n = u32::try_from(fds.len()).map_err(|_| Error::InvalidInput {
        call: "WSAPoll",
        what: "more sockets than a ULONG can count",
    })?;
    // SAFETY: `fds` is a live, writable array of `n` WSAPOLLFD structs; Winsock writes only their
    // `revents` fields.
    let rc = unsafe { c::WSAPoll(fds.as_mut_ptr(), n, timeout_ms) };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("WSAPoll", last_error()));
    }
    Ok(rc as usize)
}

/// `closesocket` (`close(2)`), reporting its error (dropping an `OwnedSocket` ignores it).
pub(crate) fn close(s: OwnedSocket) -> Result<()> {
    let s = s.into_raw_socket();
    // SAFETY: we own `s` (taken out of the OwnedSocket, which will not close it again).
    if unsafe { c::close(sock(s)) } == c::SOCKET_ERROR {
        return Err(Error::os("closesocket", last_error()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::ErrorKind;
    use std::mem::MaybeUninit;
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
    use std::os::windows::io::AsRawSocket;

    use super::*;
    use crate::addr::{SockAddrIn, SockAddrIn6};

    fn loopback4() -> SockAddr {
        SockAddr::from(SockAddrIn::new(Ipv4Addr::LOCALHOST, 0))
    }

    fn uninit(n: usize) -> Vec<MaybeUninit<u8>> {
        vec![MaybeUninit::uninit(); n]
    }

    /// The first `n` bytes of a buffer the OS filled.
    fn filled(buf: &[MaybeUninit<u8>], n: usize) -> Vec<u8> {
        // SAFETY: the caller passes the count the OS reported writing at the start of `buf`.
        buf[..n].iter().map(|b| unsafe { b.assume_init() }).collect()
    }

    /// Receives exactly `n` bytes from a stream (which may deliver them in pieces).
    fn recv_exact(s: &OwnedSocket, n: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = uninit(n);
        while out.len() < n {
            let got = recv(s.as_raw_socket(), &mut buf[..n - out.len()], 0).unwrap();
            assert_ne!(got, 0, "early end of file after {out:?}");
            out.extend(filled(&buf, got));
        }
        out
    }

    fn listener(addr: &SockAddr, ty: i32) -> OwnedSocket {
        let l = socket(addr.family().as_raw(), ty, 0).unwrap();
        bind(l.as_raw_socket(), addr).unwrap();
        listen(l.as_raw_socket(), 8).unwrap();
        l
    }

    fn tcp_round_trip(addr: SockAddr) {
        let l = listener(&addr, c::SOCK_STREAM);
        let bound = getsockname(l.as_raw_socket()).unwrap();
        assert_eq!(bound.family(), addr.family());
        assert_ne!(bound.as_socket().unwrap().port(), 0);

        let client = socket(addr.family().as_raw(), c::SOCK_STREAM, c::IPPROTO_TCP).unwrap();
        connect(client.as_raw_socket(), &bound).unwrap();
        let (server, peer) = accept(l.as_raw_socket(), 0).unwrap();
        assert_eq!(peer, getsockname(client.as_raw_socket()).unwrap());
        assert_eq!(getpeername(client.as_raw_socket()).unwrap(), bound);

        assert_eq!(send(client.as_raw_socket(), b"hello", 0).unwrap(), 5);
        assert_eq!(recv_exact(&server, 5), b"hello");
        let mut buf = uninit(16);

        // A connected stream: recvfrom reports no address.
        assert_eq!(send(server.as_raw_socket(), b"b", 0).unwrap(), 1);
        let (n, from) = recvfrom(client.as_raw_socket(), &mut buf, 0).unwrap();
        assert_eq!(filled(&buf, n), b"b");
        assert!(from.is_empty() || from == bound, "{from:?}");

        // Orderly close: the peer reads end of file.
        shutdown(client.as_raw_socket(), c::SHUT_WR).unwrap();
        assert_eq!(recv(server.as_raw_socket(), &mut buf, 0).unwrap(), 0);
        close(client).unwrap();
        close(server).unwrap();
        close(l).unwrap();
    }

    #[test]
    fn tcp_ipv4_round_trip() {
        tcp_round_trip(loopback4());
    }

    #[test]
    fn tcp_ipv6_round_trip() {
        tcp_round_trip(SockAddr::from(SockAddrIn6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)));
    }

    #[test]
    fn udp_sendto_recvfrom() {
        let a = socket(c::AF_INET, c::SOCK_DGRAM, c::IPPROTO_UDP).unwrap();
        let b = socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        bind(a.as_raw_socket(), &loopback4()).unwrap();
        bind(b.as_raw_socket(), &loopback4()).unwrap();
        let a_addr = getsockname(a.as_raw_socket()).unwrap();
        let b_addr = getsockname(b.as_raw_socket()).unwrap();

        assert_eq!(sendto(a.as_raw_socket(), b"ping", 0, &b_addr).unwrap(), 4);
        let mut buf = uninit(64);
        let (n, from) = recvfrom(b.as_raw_socket(), &mut buf, 0).unwrap();
        assert_eq!(filled(&buf, n), b"ping");
        assert_eq!(from, a_addr);

        // MSG_PEEK leaves the datagram queued.
        sendto(b.as_raw_socket(), b"pong", 0, &a_addr).unwrap();
        let n = recv(a.as_raw_socket(), &mut buf, c::MSG_PEEK).unwrap();
        assert_eq!(filled(&buf, n), b"pong");
        let n = recv(a.as_raw_socket(), &mut buf, 0).unwrap();
        assert_eq!(filled(&buf, n), b"pong");
    }

    #[test]
    fn vectored_io() {
        let l = listener(&loopback4(), c::SOCK_STREAM);
        let bound = getsockname(l.as_raw_socket()).unwrap();
        let client = socket(c::AF_INET, c::SOCK_STREAM, 0).unwrap();
        connect(client.as_raw_socket(), &bound).unwrap();
        let (server, _) = accept(l.as_raw_socket(), 0).unwrap();

        let n = send_vectored(
            client.as_raw_socket(),
            &[IoSlice::new(b"abc"), IoSlice::new(b""), IoSlice::new(b"defg")],
            0,
        )
        .unwrap();
        assert_eq!(n, 7);
        let (mut x, mut y) = ([0u8; 2], [0u8; 5]);
        let mut got = 0;
        while got < 7 {
            let mut bufs = [IoSliceMut::new(&mut x[..]), IoSliceMut::new(&mut y[..])];
            IoSliceMut::advance_slices(&mut &mut bufs[..], got);
            let n = recv_vectored(server.as_raw_socket(), &mut bufs, 0).unwrap();
            assert_ne!(n, 0, "early end of file");
            got += n;
        }
        assert_eq!((&x, &y), (b"ab", b"cdefg"));
    }

    #[test]
    fn refused_connect_is_wsaeconnrefused() {
        // Bind a port, then free it without listening: nobody accepts there.
        let probe = socket(c::AF_INET, c::SOCK_STREAM, 0).unwrap();
        bind(probe.as_raw_socket(), &loopback4()).unwrap();
        let addr = getsockname(probe.as_raw_socket()).unwrap();
        close(probe).unwrap();

        let s = socket(c::AF_INET, c::SOCK_STREAM, 0).unwrap();
        let err = connect(s.as_raw_socket(), &addr).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(c::WSAECONNREFUSED));
        assert_eq!(err.raw_os_error(), Some(10061));
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
        assert_eq!(err.call(), Some("connect"));
        assert_eq!(err.addr(), Some(&addr));
    }

    #[test]
    fn nonblocking_flag_and_would_block() {
        let l = socket(c::AF_INET, c::SOCK_STREAM | c::SOCK_NONBLOCK | c::SOCK_CLOEXEC, 0).unwrap();
        bind(l.as_raw_socket(), &loopback4()).unwrap();
        listen(l.as_raw_socket(), 1).unwrap();
        let err = accept(l.as_raw_socket(), 0).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(c::WSAEWOULDBLOCK));
        assert_eq!(err.raw_os_error(), Some(10035));
        assert_eq!(err.kind(), ErrorKind::WouldBlock);

        let u = socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        bind(u.as_raw_socket(), &loopback4()).unwrap();
        set_nonblocking(u.as_raw_socket(), true).unwrap();
        let err = recv(u.as_raw_socket(), &mut uninit(8), 0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        assert_eq!(err.call(), Some("recv"));
        set_nonblocking(u.as_raw_socket(), false).unwrap();
    }

    #[test]
    fn poll_reports_readable() {
        let a = socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        bind(a.as_raw_socket(), &loopback4()).unwrap();
        let addr = getsockname(a.as_raw_socket()).unwrap();

        let mut fds =
            [c::pollfd { fd: sock(a.as_raw_socket()), events: c::POLLRDNORM, revents: 0 }];
        assert_eq!(poll(&mut fds, 0).unwrap(), 0);
        assert_eq!(fds[0].revents, 0);

        sendto(a.as_raw_socket(), b"x", 0, &addr).unwrap();
        assert_eq!(poll(&mut fds, 5_000).unwrap(), 1);
        assert_ne!(fds[0].revents & c::POLLRDNORM, 0);
    }

    #[test]
    fn dup_shares_the_endpoint() {
        let a = socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        bind(a.as_raw_socket(), &loopback4()).unwrap();
        let addr = getsockname(a.as_raw_socket()).unwrap();
        let b = dup(a.as_raw_socket()).unwrap();
        assert_ne!(a.as_raw_socket(), b.as_raw_socket());
        assert_eq!(getsockname(b.as_raw_socket()).unwrap(), addr);
        close(a).unwrap();
        sendto(b.as_raw_socket(), b"self", 0, &addr).unwrap();
        let mut buf = uninit(8);
        let n = recv(b.as_raw_socket(), &mut buf, 0).unwrap();
        assert_eq!(filled(&buf, n), b"self");
    }

    #[test]
    fn errors_name_the_call_and_code() {
        // WSAENOTSOCK from a handle value that is no socket.
        let err = listen(c::INVALID_SOCKET as RawSocket, 1).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(c::WSAENOTSOCK));
        assert_eq!(err.call(), Some("listen"));
        assert!(err.to_string().starts_with("listen: "), "{err}");
        assert!(err.to_string().ends_with("(os error 10038)"), "{err}");

        // An unknown address family is refused by WSASocketW.
        let err = socket(12345, c::SOCK_STREAM, 0).unwrap_err();
        assert_eq!(err.call(), Some("WSASocketW"));
        assert!(err.raw_os_error().is_some());

        // The address is part of the message.
        let s = socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        bind(s.as_raw_socket(), &loopback4()).unwrap();
        let addr = SockAddr::from("127.0.0.1:9".parse::<SocketAddr>().unwrap());
        let err = bind(s.as_raw_socket(), &addr).unwrap_err();
        assert!(err.to_string().starts_with("bind(127.0.0.1:9): "), "{err}");
    }
}

/// A Winsock `fd_set`: an array of up to `FD_SETSIZE` (64) socket handles and their count, not
/// a bitmap, so any handle value fits but only 64 of them.
#[derive(Clone, Copy)]
pub(crate) struct RawFdSet {
    set: c::FD_SET,
}

impl RawFdSet {
    /// An empty set (`FD_ZERO`).
    pub(crate) fn new() -> RawFdSet {
        RawFdSet { set: c::FD_SET { fd_count: 0, fd_array: [0; c::FD_SETSIZE as usize] } }
    }

    fn members(&self) -> &[c::SOCKET] {
        let n = (self.set.fd_count as usize).min(self.set.fd_array.len());
        &self.set.fd_array[..n]
    }

    /// `FD_SET`: appends the handle unless it is a member already; a full set is an error.
    pub(crate) fn insert(&mut self, s: RawSocket) -> Result<()> {
        if self.contains(s) {
            return Ok(());
        }
        let n = self.members().len();
        if n == self.set.fd_array.len() {
            return Err(Error::InvalidInput {
                call: "FD_SET",
                what: "the fd_set already holds FD_SETSIZE (64) sockets: use poll for more",
            });
        }
        self.set.fd_array[n] = sock(s);
        self.set.fd_count = n as u32 + 1;
        Ok(())
    }

    /// `FD_CLR`: removes the handle, keeping the others in order.
    pub(crate) fn remove(&mut self, s: RawSocket) {
        let n = self.members().len();
        if let Some(i) = self.members().iter().position(|&m| m == sock(s)) {
            self.set.fd_array.copy_within(i + 1..n, i);
            self.set.fd_count = n as u32 - 1;
        }
    }

    /// `FD_ISSET`.
    pub(crate) fn contains(&self, s: RawSocket) -> bool {
        self.members().contains(&sock(s))
    }

    /// The member at position `*pos`, advancing `*pos` past it.
    pub(crate) fn next_from(&self, pos: &mut usize) -> Option<RawSocket> {
        let s = *self.members().get(*pos)?;
        *pos += 1;
        Some(s as RawSocket)
    }

    /// `select`'s `nfds`: ignored by Winsock.
    pub(crate) fn nfds(&self) -> i32 {
        0
    }
}

/// The set's raw pointer, or null for no set.
fn fd_set_ptr(set: Option<&mut RawFdSet>) -> *mut c::FD_SET {
    set.map_or(std::ptr::null_mut(), |s| &mut s.set)
}

/// `select`: Winsock ignores `nfds`, and fails with `WSAEINVAL` when all three sets are empty.
pub(crate) fn select(
    nfds: i32,
    readfds: Option<&mut RawFdSet>,
    writefds: Option<&mut RawFdSet>,
    exceptfds: Option<&mut RawFdSet>,
    timeout: Option<c::TIMEVAL>,
) -> Result<usize> {
    let tv_ptr = timeout.as_ref().map_or(std::ptr::null(), |t| t as *const c::TIMEVAL);
    // SAFETY: each pointer is null or points to a live, writable FD_SET whose `fd_count` is at
    // most FD_SETSIZE (RawFdSet keeps it so); `tv_ptr` is null or a live TIMEVAL, only read.
    let rc = unsafe {
        c::select(nfds, fd_set_ptr(readfds), fd_set_ptr(writefds), fd_set_ptr(exceptfds), tv_ptr)
    };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("select", last_error()));
    }
    Ok(rc as usize)
}

/// A `TIMEVAL` of `secs` seconds and `micros` microseconds (`micros` < 1 000 000).
pub(crate) fn timeval(secs: i32, micros: i32) -> c::TIMEVAL {
    c::TIMEVAL { tv_sec: secs, tv_usec: micros }
}

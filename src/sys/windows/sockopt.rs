//! `setsockopt` / `getsockopt` over Winsock, and the `WSAIoctl` controls berkeley exposes. See
//! `sys/mod.rs` for the contract.

use std::mem::{self, MaybeUninit};
use std::ptr;

use super::{c, last_error, socklen_t, RawSocket};
use crate::error::{Error, Result};

/// `setsockopt`: one call, `value` passed as the option's bytes.
pub(crate) fn setsockopt(s: RawSocket, level: i32, name: i32, value: &[u8]) -> Result<()> {
    let len = socklen_t::try_from(value.len()).map_err(|_| Error::InvalidInput {
        call: "setsockopt",
        what: "option value longer than an int can express",
    })?;
    // SAFETY: `value` is readable for `len` bytes; Winsock only reads them.
    let rc = unsafe { c::setsockopt(s as c::SOCKET, level, name, value.as_ptr(), len) };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("setsockopt", last_error()));
    }
    Ok(())
}

/// `getsockopt`: one call; returns how many bytes Winsock wrote into `buf`.
///
/// Winsock may write fewer bytes than the option's documented type: some `BOOL` options
/// (`TCP_NODELAY`, `IPV6_V6ONLY`, ...) come back as a single byte. Callers read the returned
/// length, never the buffer's.
pub(crate) fn getsockopt(
    s: RawSocket,
    level: i32,
    name: i32,
    buf: &mut [MaybeUninit<u8>],
) -> Result<usize> {
    let mut len = socklen_t::try_from(buf.len()).unwrap_or(socklen_t::MAX);
    // SAFETY: `buf` is writable for `len` (<= buf.len()) bytes, and `len` is a valid in/out
    // length; Winsock writes at most `len` bytes and stores the written length back.
    let rc = unsafe {
        c::getsockopt(s as c::SOCKET, level, name, buf.as_mut_ptr().cast::<u8>(), &mut len)
    };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("getsockopt", last_error()));
    }
    // Winsock never reports more than it was given room for, nor a negative length; clamp
    // defensively anyway.
    Ok(usize::try_from(len).unwrap_or(0).min(buf.len()))
}

/// `WSAIoctl(SIO_UDP_CONNRESET)`: whether a UDP socket reports an ICMP "port unreachable" for a
/// datagram it sent as `WSAECONNRESET` on its next receive (Windows' default: on). Servers that
/// answer many peers on one socket usually turn it off.
pub(crate) fn set_udp_connreset(s: RawSocket, on: bool) -> Result<()> {
    let value: u32 = on.into(); // a Win32 BOOL
    let mut returned = 0u32;
    // SAFETY: the input buffer is the live 4-byte `value`; there is no output buffer (null with
    // length 0), `returned` is a live u32, and a null OVERLAPPED makes the call synchronous.
    let rc = unsafe {
        c::WSAIoctl(
            s as c::SOCKET,
            c::SIO_UDP_CONNRESET,
            (&value as *const u32).cast(),
            mem::size_of::<u32>() as u32,
            ptr::null_mut(),
            0,
            &mut returned,
            ptr::null_mut(),
            None,
        )
    };
    if rc == c::SOCKET_ERROR {
        return Err(Error::os("WSAIoctl(SIO_UDP_CONNRESET)", last_error()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::os::windows::io::AsRawSocket;

    use super::*;
    use crate::sys;

    fn int_opt(s: RawSocket, level: i32, name: i32) -> (usize, i32) {
        let mut buf = [MaybeUninit::new(0u8); 4];
        let n = getsockopt(s, level, name, &mut buf).unwrap();
        // SAFETY: every byte was initialised above (and getsockopt only writes bytes).
        let bytes = buf.map(|b| unsafe { b.assume_init() });
        (n, i32::from_ne_bytes(bytes))
    }

    #[test]
    fn int_options_round_trip() {
        let s = sys::socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        let raw = s.as_raw_socket();
        assert_eq!(int_opt(raw, c::SOL_SOCKET, c::SO_TYPE), (4, c::SOCK_DGRAM));

        setsockopt(raw, c::SOL_SOCKET, c::SO_RCVBUF, &65536i32.to_ne_bytes()).unwrap();
        let (n, v) = int_opt(raw, c::SOL_SOCKET, c::SO_RCVBUF);
        assert_eq!(n, 4);
        assert!(v >= 65536, "SO_RCVBUF = {v}");

        setsockopt(raw, c::SOL_SOCKET, c::SO_EXCLUSIVEADDRUSE, &1i32.to_ne_bytes()).unwrap();
        let (n, v) = int_opt(raw, c::SOL_SOCKET, c::SO_EXCLUSIVEADDRUSE);
        assert!(n == 1 || n == 4, "length {n}");
        assert_ne!(v, 0);
    }

    #[test]
    fn bad_options_are_errors() {
        let s = sys::socket(c::AF_INET, c::SOCK_STREAM, 0).unwrap();
        let raw = s.as_raw_socket();
        let err = setsockopt(raw, c::SOL_SOCKET, 0x7654, &1i32.to_ne_bytes()).unwrap_err();
        assert_eq!(err.call(), Some("setsockopt"));
        assert!(err.raw_os_error().is_some());
        let err = setsockopt(c::INVALID_SOCKET as RawSocket, c::SOL_SOCKET, c::SO_RCVBUF, &[0; 4])
            .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(c::WSAENOTSOCK));
    }

    #[test]
    fn udp_connreset_control() {
        let s = sys::socket(c::AF_INET, c::SOCK_DGRAM, 0).unwrap();
        set_udp_connreset(s.as_raw_socket(), false).unwrap();
        set_udp_connreset(s.as_raw_socket(), true).unwrap();
        let err = set_udp_connreset(c::INVALID_SOCKET as RawSocket, false).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(c::WSAENOTSOCK));
    }
}

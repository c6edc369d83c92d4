//! The Windows backend: Winsock 2 through windows-sys. See `sys/mod.rs` for the contract.
//!
//! The `c` module renames the Winsock items to their POSIX spellings (`SOCKADDR_IN` is
//! `c::sockaddr_in`, `closesocket` is `c::close`, `WSAEWOULDBLOCK` is `c::EWOULDBLOCK`) and gives
//! the constants libc's types (`c::AF_INET` is an `i32`, as in libc), so the portable files and
//! `windows/net.rs` read like their Unix counterparts.
//!
//! Winsock is started lazily, once per process, by [`startup`]: every call that creates a socket
//! from nothing (`socket`) makes it first. Sockets that already exist (accepted, cloned, or
//! handed over by std) prove that Winsock is running. berkeley never calls `WSACleanup` for that
//! start-up: it lasts until the process exits (the public `Winsock` guard makes its own,
//! balanced start-up).

use std::mem::MaybeUninit;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

use crate::error::{Error, Result};

mod icmp;
mod inspect;
mod msg;
mod net;
mod netdb;
mod sockopt;
pub(crate) use self::icmp::*;
pub(crate) use self::inspect::*;
pub(crate) use self::msg::*;
pub(crate) use self::net::*;
pub(crate) use self::netdb::*;
pub(crate) use self::sockopt::*;

/// The C names, spelled as POSIX and libc spell them.
// A table of names like libc: the portable files use a subset, which grows as they do.
#[allow(non_camel_case_types, dead_code, unused_imports)]
pub(crate) mod c {
    use windows_sys::Win32::Networking::WinSock as ws;

    // Everything Winsock has, under its own name (`SO_EXCLUSIVEADDRUSE`, `WSAPoll`, `IP_TTL`,
    // ...); the items below override the names POSIX spells differently.
    pub(crate) use windows_sys::Win32::Networking::WinSock::*;

    pub(crate) use windows_sys::Win32::Networking::WinSock::{
        closesocket as close, IN6_ADDR as in6_addr, IN_ADDR as in_addr, IPV6_MREQ as ipv6_mreq,
        IP_MREQ as ip_mreq, LINGER as linger, SOCKADDR as sockaddr, SOCKADDR_IN as sockaddr_in,
        SOCKADDR_IN6 as sockaddr_in6, SOCKADDR_STORAGE as sockaddr_storage,
        SOCKADDR_UN as sockaddr_un, WSAPOLLFD as pollfd,
    };

    // The C types, as Windows sizes them (`long` is 32 bits).
    pub(crate) use std::ffi::{c_char, c_int, c_long, c_short, c_uint, c_ulong, c_ushort, c_void};
    /// Winsock's `socklen_t` is a signed `int`.
    pub(crate) type socklen_t = i32;
    /// `ADDRESS_FAMILY`.
    pub(crate) type sa_family_t = u16;

    // Address families: `u16` (`ADDRESS_FAMILY`) in windows-sys, `int` in libc.
    pub(crate) const AF_UNSPEC: i32 = ws::AF_UNSPEC as i32;
    pub(crate) const AF_UNIX: i32 = ws::AF_UNIX as i32;
    pub(crate) const AF_INET: i32 = ws::AF_INET as i32;
    pub(crate) const AF_INET6: i32 = ws::AF_INET6 as i32;

    // `socket(2)` type flags. Winsock has neither, so these are berkeley's own bits, far above
    // every Winsock socket type (1..=5), with the values Linux gives them. `sys::socket` strips
    // them: `SOCK_NONBLOCK` becomes `ioctlsocket(FIONBIO)` right after creation, and
    // `SOCK_CLOEXEC` is what `WSA_FLAG_NO_HANDLE_INHERIT`, set on every socket, already does.
    pub(crate) const SOCK_NONBLOCK: i32 = 0o4000;
    pub(crate) const SOCK_CLOEXEC: i32 = 0o2000000;
    const _: () = assert!((SOCK_NONBLOCK | SOCK_CLOEXEC) & 0xff == 0);

    // `MSG_*`: the ones windows-sys types `u32` (output flags of `WSARecvMsg`).
    pub(crate) const MSG_TRUNC: i32 = ws::MSG_TRUNC as i32;
    pub(crate) const MSG_CTRUNC: i32 = ws::MSG_CTRUNC as i32;

    // `shutdown(2)`: Winsock's `SD_*` under the POSIX names (the same values).
    pub(crate) const SHUT_RD: i32 = ws::SD_RECEIVE;
    pub(crate) const SHUT_WR: i32 = ws::SD_SEND;
    pub(crate) const SHUT_RDWR: i32 = ws::SD_BOTH;

    // Error codes: Winsock's `WSAE*` under the POSIX names. A non-blocking `connect` in progress
    // fails with `EWOULDBLOCK` on Windows, not `EINPROGRESS`.
    pub(crate) const EWOULDBLOCK: i32 = ws::WSAEWOULDBLOCK;
    pub(crate) const EAGAIN: i32 = ws::WSAEWOULDBLOCK;
    pub(crate) const EINPROGRESS: i32 = ws::WSAEINPROGRESS;
    pub(crate) const EALREADY: i32 = ws::WSAEALREADY;
    pub(crate) const EINTR: i32 = ws::WSAEINTR;
    pub(crate) const EBADF: i32 = ws::WSAEBADF;
    pub(crate) const EACCES: i32 = ws::WSAEACCES;
    pub(crate) const EFAULT: i32 = ws::WSAEFAULT;
    pub(crate) const EINVAL: i32 = ws::WSAEINVAL;
    pub(crate) const EMFILE: i32 = ws::WSAEMFILE;
    pub(crate) const ENOTSOCK: i32 = ws::WSAENOTSOCK;
    pub(crate) const EDESTADDRREQ: i32 = ws::WSAEDESTADDRREQ;
    pub(crate) const EMSGSIZE: i32 = ws::WSAEMSGSIZE;
    pub(crate) const EPROTOTYPE: i32 = ws::WSAEPROTOTYPE;
    pub(crate) const ENOPROTOOPT: i32 = ws::WSAENOPROTOOPT;
    pub(crate) const EPROTONOSUPPORT: i32 = ws::WSAEPROTONOSUPPORT;
    pub(crate) const ESOCKTNOSUPPORT: i32 = ws::WSAESOCKTNOSUPPORT;
    pub(crate) const EOPNOTSUPP: i32 = ws::WSAEOPNOTSUPP;
    pub(crate) const EPFNOSUPPORT: i32 = ws::WSAEPFNOSUPPORT;
    pub(crate) const EAFNOSUPPORT: i32 = ws::WSAEAFNOSUPPORT;
    pub(crate) const EADDRINUSE: i32 = ws::WSAEADDRINUSE;
    pub(crate) const EADDRNOTAVAIL: i32 = ws::WSAEADDRNOTAVAIL;
    pub(crate) const ENETDOWN: i32 = ws::WSAENETDOWN;
    pub(crate) const ENETUNREACH: i32 = ws::WSAENETUNREACH;
    pub(crate) const ECONNABORTED: i32 = ws::WSAECONNABORTED;
    pub(crate) const ECONNRESET: i32 = ws::WSAECONNRESET;
    pub(crate) const ENOBUFS: i32 = ws::WSAENOBUFS;
    pub(crate) const EISCONN: i32 = ws::WSAEISCONN;
    pub(crate) const ENOTCONN: i32 = ws::WSAENOTCONN;
    pub(crate) const ESHUTDOWN: i32 = ws::WSAESHUTDOWN;
    pub(crate) const ETIMEDOUT: i32 = ws::WSAETIMEDOUT;
    pub(crate) const ECONNREFUSED: i32 = ws::WSAECONNREFUSED;
    pub(crate) const EHOSTUNREACH: i32 = ws::WSAEHOSTUNREACH;
}

/// `std::os::windows::io::RawSocket` (`u64`; Winsock's `SOCKET` is a pointer-sized `usize`).
pub(crate) type RawSocket = std::os::windows::io::RawSocket;
pub(crate) type OwnedSocket = std::os::windows::io::OwnedSocket;
#[allow(dead_code)] // part of the contract; the portable layer uses it for `AsSocket`
pub(crate) type BorrowedSocket<'a> = std::os::windows::io::BorrowedSocket<'a>;
#[allow(non_camel_case_types)] // the C name
pub(crate) type socklen_t = c::socklen_t;
#[allow(non_camel_case_types)] // the C name
pub(crate) type sa_family_t = c::sa_family_t;

/// The calling thread's `WSAGetLastError()`.
#[inline]
pub(crate) fn last_error() -> i32 {
    // SAFETY: WSAGetLastError takes no arguments and only reads thread-local state.
    unsafe { c::WSAGetLastError() }
}

/// The Winsock version berkeley asks for and requires: 2.2 (`MAKEWORD(2, 2)`).
pub(crate) const WINSOCK_VERSION: u16 = 0x0202;

/// `WSAStartup(MAKEWORD(2, 2))`: one start-up, which the caller must balance with
/// [`wsa_cleanup`] (or leave for the process exit). Fails with `WSAVERNOTSUPPORTED` (after
/// undoing the start-up) if the DLL cannot provide version 2.2.
pub(crate) fn wsa_startup() -> Result<c::WSADATA> {
    let mut data = MaybeUninit::<c::WSADATA>::uninit();
    // SAFETY: `data` is writable for one WSADATA, which WSAStartup fills on success.
    let rc = unsafe { c::WSAStartup(WINSOCK_VERSION, data.as_mut_ptr()) };
    if rc != 0 {
        // WSAStartup returns its error code; WSAGetLastError is not set up yet.
        return Err(Error::os("WSAStartup", rc));
    }
    // SAFETY: WSAStartup succeeded, so it initialised the whole WSADATA.
    let data = unsafe { data.assume_init() };
    if data.wVersion != WINSOCK_VERSION {
        // The documented protocol: a DLL that offers only an older version still counts the
        // start-up, which must be undone. The cleanup's own result adds nothing to the error.
        let _ = wsa_cleanup();
        return Err(Error::os("WSAStartup", c::WSAVERNOTSUPPORTED));
    }
    Ok(data)
}

/// `WSACleanup()`: undoes one successful [`wsa_startup`].
pub(crate) fn wsa_cleanup() -> Result<()> {
    // SAFETY: WSACleanup takes no arguments; it only decrements the process's start-up count.
    if unsafe { c::WSACleanup() } != 0 {
        return Err(Error::os("WSACleanup", last_error()));
    }
    Ok(())
}

/// Starts Winsock 2.2 for berkeley, once per process, on first use. The result (the
/// `WSAStartup` error code, or 0) is kept, so a failure is reported by every later call too,
/// never turned into a panic.
#[inline]
pub(crate) fn startup() -> Result<()> {
    static STARTUP: OnceLock<i32> = OnceLock::new();
    let code = *STARTUP.get_or_init(|| match wsa_startup() {
        Ok(_) => 0,
        Err(err) => err.raw_os_error().unwrap_or(c::WSASYSNOTREADY),
    });
    if code != 0 {
        return Err(Error::os("WSAStartup", code));
    }
    Ok(())
}

#[inline]
pub(crate) const fn in_addr_to_ipv4(a: &c::in_addr) -> Ipv4Addr {
    // SAFETY: every member of the IN_ADDR union is plain bytes, valid for any bit pattern.
    let s_addr = unsafe { a.S_un.S_addr };
    // S_addr is in network order: its in-memory bytes are the address octets.
    let o = s_addr.to_ne_bytes();
    Ipv4Addr::new(o[0], o[1], o[2], o[3])
}

#[inline]
pub(crate) const fn ipv4_to_in_addr(ip: Ipv4Addr) -> c::in_addr {
    c::in_addr { S_un: c::IN_ADDR_0 { S_addr: u32::from_ne_bytes(ip.octets()) } }
}

#[inline]
pub(crate) fn in6_addr_to_ipv6(a: &c::in6_addr) -> Ipv6Addr {
    // SAFETY: every member of the IN6_ADDR union is plain bytes, valid for any bit pattern.
    Ipv6Addr::from(unsafe { a.u.Byte })
}

#[inline]
pub(crate) const fn ipv6_to_in6_addr(ip: Ipv6Addr) -> c::in6_addr {
    c::in6_addr { u: c::IN6_ADDR_0 { Byte: ip.octets() } }
}

#[inline]
pub(crate) const fn sockaddr_in6_scope_id(a: &c::sockaddr_in6) -> u32 {
    // SAFETY: both members of the union (a u32 and SCOPE_ID, a u32 bit field) are plain 4-byte
    // integers, valid for any bit pattern.
    unsafe { a.Anonymous.sin6_scope_id }
}

#[inline]
pub(crate) fn set_sockaddr_in6_scope_id(a: &mut c::sockaddr_in6, scope_id: u32) {
    a.Anonymous.sin6_scope_id = scope_id;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_helpers_round_trip() {
        let v4 = Ipv4Addr::new(192, 0, 2, 1);
        let raw = ipv4_to_in_addr(v4);
        // SAFETY: the union was just written through S_addr.
        assert_eq!(unsafe { raw.S_un.S_addr }.to_ne_bytes(), [192, 0, 2, 1]);
        assert_eq!(in_addr_to_ipv4(&raw), v4);

        let v6: Ipv6Addr = "2001:db8::7".parse().unwrap();
        assert_eq!(in6_addr_to_ipv6(&ipv6_to_in6_addr(v6)), v6);

        // SAFETY: SOCKADDR_IN6 is plain old data; all-zero is valid.
        let mut sin6: c::sockaddr_in6 = unsafe { std::mem::zeroed() };
        set_sockaddr_in6_scope_id(&mut sin6, 7);
        assert_eq!(sockaddr_in6_scope_id(&sin6), 7);
    }

    #[test]
    fn constants_have_libc_types_and_winsock_values() {
        assert_eq!(c::AF_INET6, 23);
        assert_eq!(c::SHUT_WR, 1);
        assert_eq!(c::EWOULDBLOCK, 10035);
        assert_eq!(c::ECONNREFUSED, 10061);
        assert_eq!(c::MSG_TRUNC, 0x100);
        assert_eq!(std::mem::size_of::<c::sockaddr_storage>(), 128);
    }

    #[test]
    #[cfg_attr(miri, ignore)] // calls WSAStartup, which Miri cannot run
    fn startup_is_idempotent() {
        startup().unwrap();
        startup().unwrap();
        let data = wsa_startup().unwrap();
        assert_eq!(data.wVersion, WINSOCK_VERSION);
        wsa_cleanup().unwrap();
    }
}

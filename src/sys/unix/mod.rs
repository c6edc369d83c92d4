//! The Unix backend: libc. See `sys/mod.rs` for the contract.

use std::net::{Ipv4Addr, Ipv6Addr};

mod icmp;
#[cfg(any(target_os = "linux", target_os = "android"))]
mod inspect;
mod msg;
mod net;
mod netdb;
mod sockopt;
pub(crate) use self::icmp::*;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) use self::inspect::*;
pub(crate) use self::msg::*;
pub(crate) use self::net::*;
pub(crate) use self::netdb::*;
pub(crate) use self::sockopt::*;

/// The C names, exactly as libc spells them, plus the two `socket(2)` type flags Apple systems
/// lack.
pub(crate) mod c {
    pub(crate) use libc::*;

    // Apple systems (macOS, iOS, ...) have neither `SOCK_NONBLOCK` nor `SOCK_CLOEXEC`. As on
    // Windows, these are berkeley's own bits, with the values Linux gives them, far above every
    // socket type (1..=5), so that `Type::nonblocking()`/`Type::cloexec()` mean the same on every
    // target. The kernel never sees them: `sys::socket`/`socketpair` (and `accept4`) strip both
    // bits from `ty` and apply them after creation: non-blocking mode as `set_nonblocking` sets
    // it, and `fcntl(F_SETFD, FD_CLOEXEC)` (set on every socket anyway).
    #[cfg(target_vendor = "apple")]
    pub(crate) const SOCK_NONBLOCK: c_int = 0o4000;
    #[cfg(target_vendor = "apple")]
    pub(crate) const SOCK_CLOEXEC: c_int = 0o2000000;
    #[cfg(target_vendor = "apple")]
    const _: () = assert!((SOCK_NONBLOCK | SOCK_CLOEXEC) & 0xff == 0);
}

pub(crate) type RawSocket = std::os::fd::RawFd;
pub(crate) type OwnedSocket = std::os::fd::OwnedFd;
pub(crate) type BorrowedSocket<'a> = std::os::fd::BorrowedFd<'a>;
#[allow(non_camel_case_types)] // the C name
pub(crate) type socklen_t = libc::socklen_t;
#[allow(non_camel_case_types)] // the C name
pub(crate) type sa_family_t = libc::sa_family_t;

/// The calling thread's `errno`.
#[inline]
pub(crate) fn last_error() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

#[inline]
pub(crate) const fn in_addr_to_ipv4(a: &c::in_addr) -> Ipv4Addr {
    // s_addr is in network order: its in-memory bytes are the address octets.
    let o = a.s_addr.to_ne_bytes();
    Ipv4Addr::new(o[0], o[1], o[2], o[3])
}

#[inline]
pub(crate) const fn ipv4_to_in_addr(ip: Ipv4Addr) -> c::in_addr {
    c::in_addr { s_addr: u32::from_ne_bytes(ip.octets()) }
}

#[inline]
pub(crate) fn in6_addr_to_ipv6(a: &c::in6_addr) -> Ipv6Addr {
    Ipv6Addr::from(a.s6_addr)
}

#[inline]
pub(crate) const fn ipv6_to_in6_addr(ip: Ipv6Addr) -> c::in6_addr {
    c::in6_addr { s6_addr: ip.octets() }
}

#[inline]
pub(crate) const fn sockaddr_in6_scope_id(a: &c::sockaddr_in6) -> u32 {
    a.sin6_scope_id
}

#[inline]
pub(crate) fn set_sockaddr_in6_scope_id(a: &mut c::sockaddr_in6, scope_id: u32) {
    a.sin6_scope_id = scope_id;
}

//! `SockAddrIn` (`struct sockaddr_in`) and `SockAddrIn6` (`struct sockaddr_in6`).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use super::{assert_no_padding, if_not_sa_len, if_sa_len, SockAddr};
use crate::error::{Error, Result};
use crate::inet::{inet_ntoa, inet_ntop};
use crate::sys::{self, c, sa_family_t};
use crate::types::Domain;

const _: () = assert!(mem::size_of::<c::sockaddr_in>() == 16);
const _: () = assert!(mem::size_of::<c::sockaddr_in6>() == 28);
if_not_sa_len! {
    #[cfg(unix)]
    assert_no_padding!(c::sockaddr_in { sin_family, sin_port, sin_addr, sin_zero });
}
#[cfg(windows)]
assert_no_padding!(c::sockaddr_in { sin_family, sin_port, sin_addr, sin_zero });
if_sa_len! { assert_no_padding!(c::sockaddr_in { sin_len, sin_family, sin_port, sin_addr, sin_zero }); }
if_not_sa_len! {
    #[cfg(unix)]
    assert_no_padding!(c::sockaddr_in6 {
        sin6_family, sin6_port, sin6_flowinfo, sin6_addr, sin6_scope_id
    });
}
#[cfg(windows)]
assert_no_padding!(c::sockaddr_in6 { sin6_family, sin6_port, sin6_flowinfo, sin6_addr, Anonymous });
if_sa_len! {
    assert_no_padding!(c::sockaddr_in6 {
        sin6_len, sin6_family, sin6_port, sin6_flowinfo, sin6_addr, sin6_scope_id
    });
}
const _: () = assert!(mem::size_of::<SockAddrIn>() == 16);
const _: () = assert!(mem::size_of::<SockAddrIn6>() == 28);

/// An IPv4 socket address: C's `struct sockaddr_in`, Python's `(host, port)` tuple.
///
/// The port is host order in the API and network order inside, converted exactly once.
///
/// ```
/// use berkeley::SockAddrIn;
/// use std::net::{Ipv4Addr, SocketAddrV4};
///
/// let a = SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 7), 443);
/// assert_eq!((a.ip(), a.port()), (Ipv4Addr::new(192, 0, 2, 7), 443));
/// assert_eq!(a.to_string(), "192.0.2.7:443");
/// assert_eq!(SocketAddrV4::from(a), "192.0.2.7:443".parse().unwrap());
///
/// // The C struct, byte for byte: family, port (big-endian), address, zero padding.
/// let raw = a.as_raw();
/// assert_eq!(i32::from(raw.sin_family), berkeley::Domain::INET.as_raw()); // AF_INET
/// assert_eq!(raw.sin_port.to_ne_bytes(), [0x01, 0xbb]);
/// ```
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct SockAddrIn(c::sockaddr_in);

impl SockAddrIn {
    /// An IPv4 socket address for `ip` and the host-order `port`.
    ///
    /// ```
    /// let a = berkeley::SockAddrIn::new(std::net::Ipv4Addr::UNSPECIFIED, 0);
    /// assert_eq!(a.to_string(), "0.0.0.0:0");
    /// ```
    #[inline]
    pub fn new(ip: Ipv4Addr, port: u16) -> SockAddrIn {
        // SAFETY: sockaddr_in is plain old data; all-zero is a valid value (and the zero padding
        // C expects in sin_zero).
        let mut raw: c::sockaddr_in = unsafe { mem::zeroed() };
        if_sa_len!(do { raw.sin_len = mem::size_of::<c::sockaddr_in>() as u8; });
        raw.sin_family = c::AF_INET as sa_family_t;
        raw.sin_port = port.to_be();
        raw.sin_addr = sys::ipv4_to_in_addr(ip);
        SockAddrIn(raw)
    }

    /// Copies a C `sockaddr_in`. Fails with [`Error::WrongFamily`] unless `sin_family` is
    /// `AF_INET`. `sin_zero` is not copied: it is always zero in the result.
    ///
    /// ```
    /// use berkeley::{Domain, SockAddrIn};
    /// use std::net::Ipv4Addr;
    ///
    /// let mut raw = *SockAddrIn::new(Ipv4Addr::LOCALHOST, 0).as_raw(); // a C sockaddr_in
    /// raw.sin_port = berkeley::htons(80);
    /// assert_eq!(SockAddrIn::from_raw(&raw)?.to_string(), "127.0.0.1:80");
    ///
    /// raw.sin_family = Domain::INET6.as_raw() as _;
    /// assert!(SockAddrIn::from_raw(&raw).is_err());
    ///
    /// #[cfg(unix)] // the address field's C spelling differs on Windows (`sin_addr.S_un.S_addr`)
    /// {
    ///     // SAFETY: a C socket-address struct is plain old data; all-zero is a valid value.
    ///     let mut raw: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    ///     raw.sin_family = libc::AF_INET as libc::sa_family_t;
    ///     raw.sin_port = berkeley::htons(80);
    ///     raw.sin_addr.s_addr = berkeley::htonl(0x7f00_0001);
    ///     assert_eq!(SockAddrIn::from_raw(&raw)?.to_string(), "127.0.0.1:80");
    /// }
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn from_raw(raw: &c::sockaddr_in) -> Result<SockAddrIn> {
        if i32::from(raw.sin_family) != Domain::INET.as_raw() {
            return Err(Error::WrongFamily {
                expected: "AF_INET",
                found: Domain::from_raw(i32::from(raw.sin_family)),
            });
        }
        Ok(SockAddrIn::from_raw_unchecked(raw))
    }

    /// Copies a C `sockaddr_in` whose family the caller has checked.
    #[inline]
    pub(crate) fn from_raw_unchecked(raw: &c::sockaddr_in) -> SockAddrIn {
        SockAddrIn::new(sys::in_addr_to_ipv4(&raw.sin_addr), u16::from_be(raw.sin_port))
    }

    /// The C `sockaddr_in`.
    ///
    /// ```
    /// let a = berkeley::SockAddrIn::new(std::net::Ipv4Addr::LOCALHOST, 80);
    /// assert_eq!(a.as_raw().sin_port, berkeley::htons(80));
    /// ```
    #[inline]
    pub const fn as_raw(&self) -> &c::sockaddr_in {
        &self.0
    }

    /// The IPv4 address.
    ///
    /// ```
    /// let a = berkeley::SockAddrIn::new(std::net::Ipv4Addr::LOCALHOST, 80);
    /// assert!(a.ip().is_loopback());
    /// ```
    #[inline]
    pub fn ip(&self) -> Ipv4Addr {
        sys::in_addr_to_ipv4(&self.0.sin_addr)
    }

    /// The port, in host order.
    ///
    /// ```
    /// assert_eq!(berkeley::SockAddrIn::new(std::net::Ipv4Addr::LOCALHOST, 8080).port(), 8080);
    /// ```
    #[inline]
    pub const fn port(&self) -> u16 {
        u16::from_be(self.0.sin_port)
    }

    /// Changes the address.
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// let mut a = berkeley::SockAddrIn::new(Ipv4Addr::UNSPECIFIED, 80);
    /// a.set_ip(Ipv4Addr::LOCALHOST);
    /// assert_eq!(a.to_string(), "127.0.0.1:80");
    /// ```
    #[inline]
    pub fn set_ip(&mut self, ip: Ipv4Addr) {
        self.0.sin_addr = sys::ipv4_to_in_addr(ip);
    }

    /// Changes the port (host order).
    ///
    /// ```
    /// let mut a = berkeley::SockAddrIn::new(std::net::Ipv4Addr::LOCALHOST, 80);
    /// a.set_port(443);
    /// assert_eq!(a.port(), 443);
    /// ```
    #[inline]
    pub fn set_port(&mut self, port: u16) {
        self.0.sin_port = port.to_be();
    }
}

impl PartialEq for SockAddrIn {
    fn eq(&self, other: &SockAddrIn) -> bool {
        self.ip() == other.ip() && self.port() == other.port()
    }
}

impl Eq for SockAddrIn {}

impl Hash for SockAddrIn {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ip().hash(state);
        self.port().hash(state);
    }
}

impl fmt::Display for SockAddrIn {
    /// `a.b.c.d:port`, the address as [`inet_ntoa`](crate::inet_ntoa) prints it. Width and
    /// alignment (`{:>21}`) apply to the whole text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ip, port) = (inet_ntoa(self.ip()), self.port());
        super::pad(f, |w| write!(w, "{ip}:{port}"))
    }
}

impl fmt::Debug for SockAddrIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SockAddrIn").field("ip", &self.ip()).field("port", &self.port()).finish()
    }
}

impl From<SocketAddrV4> for SockAddrIn {
    #[inline]
    fn from(addr: SocketAddrV4) -> SockAddrIn {
        SockAddrIn::new(*addr.ip(), addr.port())
    }
}

impl From<SockAddrIn> for SocketAddrV4 {
    #[inline]
    fn from(addr: SockAddrIn) -> SocketAddrV4 {
        SocketAddrV4::new(addr.ip(), addr.port())
    }
}

impl TryFrom<SockAddr> for SockAddrIn {
    type Error = Error;

    /// Fails with [`Error::WrongFamily`] unless the address is a complete `AF_INET` address.
    fn try_from(addr: SockAddr) -> Result<SockAddrIn> {
        addr.as_in().ok_or(Error::WrongFamily { expected: "AF_INET", found: addr.family() })
    }
}

/// An IPv6 socket address: C's `struct sockaddr_in6`, Python's `(host, port, flowinfo,
/// scope_id)` tuple.
///
/// ```
/// use berkeley::SockAddrIn6;
/// use std::net::Ipv6Addr;
///
/// let a = SockAddrIn6::new(Ipv6Addr::LOCALHOST, 8080, 0, 0);
/// assert_eq!(a.to_string(), "[::1]:8080");
/// let scoped: SockAddrIn6 = "[fe80::1%3]:22".parse()?;
/// assert_eq!((scoped.ip(), scoped.scope_id()), ("fe80::1".parse::<Ipv6Addr>().unwrap(), 3));
/// assert_eq!(scoped.to_string(), "[fe80::1%3]:22");
/// # Ok::<(), berkeley::Error>(())
/// ```
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct SockAddrIn6(c::sockaddr_in6);

impl SockAddrIn6 {
    /// An IPv6 socket address — same arguments, same meaning as std's `SocketAddrV6::new`:
    /// `port` is host order, `flowinfo` is the raw `sin6_flowinfo` field (stored as given, not
    /// byte-swapped, as std and socket2 do), `scope_id` is the interface index.
    ///
    /// So `SockAddrIn6::new(*a.ip(), a.port(), a.flowinfo(), a.scope_id())` is the same address
    /// as the std `a`. (Python's address tuple is the exception: its `flowinfo` is host order,
    /// `ntohl(sin6_flowinfo)` — pass `python_flowinfo.to_be()` here.) The flow label is the low 20
    /// bits of `u32::from_be(flowinfo)`.
    ///
    /// ```
    /// use berkeley::SockAddrIn6;
    /// use std::net::{Ipv6Addr, SocketAddrV6};
    ///
    /// let a = SockAddrIn6::new(Ipv6Addr::LOCALHOST, 53, 0, 0);
    /// assert_eq!(a.port(), 53);
    ///
    /// let std = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 53, 1, 0);
    /// let b = SockAddrIn6::new(*std.ip(), std.port(), std.flowinfo(), std.scope_id());
    /// assert_eq!(b.flowinfo(), 1);
    /// assert_eq!(SocketAddrV6::from(b), std);
    /// ```
    #[inline]
    pub fn new(ip: Ipv6Addr, port: u16, flowinfo: u32, scope_id: u32) -> SockAddrIn6 {
        // SAFETY: sockaddr_in6 is plain old data; all-zero is a valid value.
        let mut raw: c::sockaddr_in6 = unsafe { mem::zeroed() };
        if_sa_len!(do { raw.sin6_len = mem::size_of::<c::sockaddr_in6>() as u8; });
        raw.sin6_family = c::AF_INET6 as sa_family_t;
        raw.sin6_port = port.to_be();
        raw.sin6_flowinfo = flowinfo;
        raw.sin6_addr = sys::ipv6_to_in6_addr(ip);
        sys::set_sockaddr_in6_scope_id(&mut raw, scope_id);
        SockAddrIn6(raw)
    }

    /// Copies a C `sockaddr_in6`. Fails with [`Error::WrongFamily`] unless `sin6_family` is
    /// `AF_INET6`.
    ///
    /// ```
    /// use berkeley::SockAddrIn6;
    /// use std::net::Ipv6Addr;
    ///
    /// let mut raw = *SockAddrIn6::new(Ipv6Addr::LOCALHOST, 0, 0, 0).as_raw(); // a C sockaddr_in6
    /// raw.sin6_port = berkeley::htons(443);
    /// assert_eq!(SockAddrIn6::from_raw(&raw)?.to_string(), "[::1]:443");
    ///
    /// #[cfg(unix)] // the address field's C spelling differs on Windows (`sin6_addr.u.Byte`)
    /// {
    ///     // SAFETY: a C socket-address struct is plain old data; all-zero is a valid value.
    ///     let mut raw: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
    ///     raw.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    ///     raw.sin6_port = berkeley::htons(443);
    ///     raw.sin6_addr.s6_addr[15] = 1;
    ///     assert_eq!(SockAddrIn6::from_raw(&raw)?.to_string(), "[::1]:443");
    /// }
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn from_raw(raw: &c::sockaddr_in6) -> Result<SockAddrIn6> {
        if i32::from(raw.sin6_family) != Domain::INET6.as_raw() {
            return Err(Error::WrongFamily {
                expected: "AF_INET6",
                found: Domain::from_raw(i32::from(raw.sin6_family)),
            });
        }
        Ok(SockAddrIn6::from_raw_unchecked(raw))
    }

    #[inline]
    pub(crate) fn from_raw_unchecked(raw: &c::sockaddr_in6) -> SockAddrIn6 {
        #[allow(unused_mut)] // written only where sin6_len exists
        let mut raw = *raw;
        // A kernel-returned sin6_len may be anything; the address is normalised to what `new`
        // builds.
        if_sa_len!(do { raw.sin6_len = mem::size_of::<c::sockaddr_in6>() as u8; });
        SockAddrIn6(raw)
    }

    /// The C `sockaddr_in6`.
    ///
    /// ```
    /// let a = berkeley::SockAddrIn6::new(std::net::Ipv6Addr::LOCALHOST, 80, 0, 0);
    /// assert_eq!(a.as_raw().sin6_port, berkeley::htons(80));
    /// ```
    #[inline]
    pub const fn as_raw(&self) -> &c::sockaddr_in6 {
        &self.0
    }

    /// The IPv6 address.
    ///
    /// ```
    /// let a = berkeley::SockAddrIn6::new(std::net::Ipv6Addr::LOCALHOST, 80, 0, 0);
    /// assert!(a.ip().is_loopback());
    /// ```
    #[inline]
    pub fn ip(&self) -> Ipv6Addr {
        sys::in6_addr_to_ipv6(&self.0.sin6_addr)
    }

    /// The port, in host order.
    ///
    /// ```
    /// assert_eq!(berkeley::SockAddrIn6::new(std::net::Ipv6Addr::LOCALHOST, 80, 0, 0).port(), 80);
    /// ```
    #[inline]
    pub const fn port(&self) -> u16 {
        u16::from_be(self.0.sin6_port)
    }

    /// The flow information: the raw `sin6_flowinfo` field, as std's `SocketAddrV6::flowinfo`
    /// and socket2 return it (not byte-swapped; `u32::from_be` of it is the host-order value
    /// Python reports).
    ///
    /// ```
    /// use std::net::{Ipv6Addr, SocketAddrV6};
    /// let a = berkeley::SockAddrIn6::new(Ipv6Addr::LOCALHOST, 80, 7, 0);
    /// assert_eq!(a.flowinfo(), 7);
    /// assert_eq!(SocketAddrV6::from(a).flowinfo(), 7);
    /// ```
    #[inline]
    pub const fn flowinfo(&self) -> u32 {
        self.0.sin6_flowinfo
    }

    /// The scope id (`sin6_scope_id`): the interface index of a link-local address.
    ///
    /// ```
    /// assert_eq!("[fe80::1%2]:80".parse::<berkeley::SockAddrIn6>()?.scope_id(), 2);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn scope_id(&self) -> u32 {
        sys::sockaddr_in6_scope_id(&self.0)
    }

    /// Changes the port (host order).
    ///
    /// ```
    /// let mut a = berkeley::SockAddrIn6::new(std::net::Ipv6Addr::LOCALHOST, 80, 0, 0);
    /// a.set_port(8443);
    /// assert_eq!(a.port(), 8443);
    /// ```
    #[inline]
    pub fn set_port(&mut self, port: u16) {
        self.0.sin6_port = port.to_be();
    }
}

impl PartialEq for SockAddrIn6 {
    fn eq(&self, other: &SockAddrIn6) -> bool {
        SocketAddrV6::from(*self) == SocketAddrV6::from(*other)
    }
}

impl Eq for SockAddrIn6 {}

impl Hash for SockAddrIn6 {
    fn hash<H: Hasher>(&self, state: &mut H) {
        SocketAddrV6::from(*self).hash(state);
    }
}

impl fmt::Display for SockAddrIn6 {
    /// `[ip]:port`, or `[ip%scope_id]:port` when the scope id is not zero, the address as
    /// [`inet_ntop`](crate::inet_ntop) (glibc) prints it: `[::1.2.3.4]:80` where std prints
    /// `[::102:304]:80`. The flow information is not shown. Width and alignment apply to the whole
    /// text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ip, port, scope) = (inet_ntop(IpAddr::V6(self.ip())), self.port(), self.scope_id());
        if scope == 0 {
            super::pad(f, |w| write!(w, "[{ip}]:{port}"))
        } else {
            super::pad(f, |w| write!(w, "[{ip}%{scope}]:{port}"))
        }
    }
}

impl fmt::Debug for SockAddrIn6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SockAddrIn6")
            .field("ip", &self.ip())
            .field("port", &self.port())
            .field("flowinfo", &self.flowinfo())
            .field("scope_id", &self.scope_id())
            .finish()
    }
}

impl From<SocketAddrV6> for SockAddrIn6 {
    /// Byte for byte the `sockaddr_in6` std itself passes to the OS; every getter returns what
    /// std's returns.
    #[inline]
    fn from(addr: SocketAddrV6) -> SockAddrIn6 {
        SockAddrIn6::new(*addr.ip(), addr.port(), addr.flowinfo(), addr.scope_id())
    }
}

impl From<SockAddrIn6> for SocketAddrV6 {
    /// The inverse of `From<SocketAddrV6>`.
    #[inline]
    fn from(addr: SockAddrIn6) -> SocketAddrV6 {
        SocketAddrV6::new(addr.ip(), addr.port(), addr.flowinfo(), addr.scope_id())
    }
}

impl TryFrom<SockAddr> for SockAddrIn6 {
    type Error = Error;

    /// Fails with [`Error::WrongFamily`] unless the address is a complete `AF_INET6` address.
    fn try_from(addr: SockAddr) -> Result<SockAddrIn6> {
        addr.as_in6().ok_or(Error::WrongFamily { expected: "AF_INET6", found: addr.family() })
    }
}

//! [`ToSockAddr`]: what the address-taking calls (`bind`, `connect`, `sendto`, ...) accept.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use super::{SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn};
use crate::error::Result;

/// Anything the address-taking calls ([`bind`](crate::Socket::bind),
/// [`connect`](crate::Socket::connect), [`sendto`](crate::Socket::sendto), ...) accept as an
/// address: a [`SockAddr`] (by reference: no copy), a family type, a std address, an
/// `(ip, port)` pair, a Python-style `(host, port)` pair with a numeric host text
/// (`("127.0.0.1", 80)`, `("::1", 80)`), or text in the forms
/// [`SockAddr`'s `FromStr`](SockAddr#impl-FromStr-for-SockAddr) parses (`"127.0.0.1:80"`,
/// `"[::1]:80"`, `"/tmp/sock"`, `"@name"`).
///
/// Text is parsed numerically — no name lookup — and a parse error is returned by the call,
/// before any OS call: `s.connect("localhost:80")` fails with [`Error::Parse`](crate::Error::Parse).
///
/// ```
/// use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.bind("127.0.0.1:0")?;                              // text, like Python's bind(("127.0.0.1", 0))
/// let me: SockAddr = s.getsockname()?;
/// s.sendto(b"1", &me)?;                                // a SockAddr, borrowed
/// s.sendto(b"2", me.as_socket().unwrap())?;            // a std SocketAddr
/// s.sendto(b"3", (Ipv4Addr::LOCALHOST, me.as_in().unwrap().port()))?; // an (ip, port) pair
/// s.sendto(b"4", ("127.0.0.1", me.as_in().unwrap().port()))?; // Python's (host, port)
/// s.sendto(b"5", me.to_string())?;                     // text again, owned
/// let mut buf = [0u8; 4];
/// for want in [b"1", b"2", b"3", b"4", b"5"] {
///     let n = s.recv(&mut buf)?;
///     assert_eq!(&buf[..n], want);
/// }
/// assert!(s.connect("localhost:80").is_err()); // no name lookup here
/// # Ok(()) }
/// ```
///
/// Implement it for your own address types to pass them directly.
pub trait ToSockAddr {
    /// The address as a [`SockAddr`]: borrowed when it already is one, built otherwise.
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>>;
}

impl ToSockAddr for SockAddr {
    #[inline]
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
        Ok(Cow::Borrowed(self))
    }
}

impl<T: ToSockAddr + ?Sized> ToSockAddr for &T {
    #[inline]
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
        (**self).to_sock_addr()
    }
}

impl ToSockAddr for str {
    /// Parses the text with [`SockAddr`'s `FromStr`](SockAddr#impl-FromStr-for-SockAddr).
    #[inline]
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
        self.parse::<SockAddr>().map(Cow::Owned)
    }
}

impl ToSockAddr for String {
    #[inline]
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
        self.as_str().to_sock_addr()
    }
}

/// Implements `ToSockAddr` for types that convert into a `SockAddr` with `From`.
macro_rules! via_from {
    ($($ty:ty),* $(,)?) => {$(
        impl ToSockAddr for $ty {
            #[inline]
            fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
                Ok(Cow::Owned(SockAddr::from(self.clone())))
            }
        }
    )*};
}

via_from!(SockAddrIn, SockAddrIn6, SockAddrUn, SocketAddr, SocketAddrV4, SocketAddrV6);

#[cfg(any(target_os = "linux", target_os = "android"))]
via_from!(super::SockAddrLl);

/// Implements `ToSockAddr` for `(ip, port)` pairs, Python's address tuples.
macro_rules! via_pair {
    ($($ip:ty),* $(,)?) => {$(
        impl ToSockAddr for ($ip, u16) {
            #[inline]
            fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
                Ok(Cow::Owned(SockAddr::from(SocketAddr::from(*self))))
            }
        }
    )*};
}

via_pair!(IpAddr, Ipv4Addr, Ipv6Addr);

impl ToSockAddr for (&str, u16) {
    /// Python's `(host, port)` tuple with a numeric host: `("127.0.0.1", 80)`, `("::1", 80)`,
    /// `("fe80::1%2", 80)` — IPv6 when the host contains a `:`, no brackets. The host grammars
    /// are those of [`SockAddr`'s `FromStr`](SockAddr#impl-FromStr-for-SockAddr); no name lookup.
    #[inline]
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
        super::parse::host_port(self.0, self.1).map(Cow::Owned)
    }
}

impl ToSockAddr for (String, u16) {
    /// As for `(&str, u16)`.
    #[inline]
    fn to_sock_addr(&self) -> Result<Cow<'_, SockAddr>> {
        super::parse::host_port(&self.0, self.1).map(Cow::Owned)
    }
}

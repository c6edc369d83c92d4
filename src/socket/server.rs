//! Python's `socket.create_server`: a listening TCP socket in one call.

use super::Socket;
use crate::addr::ToSockAddr;
use crate::error::{Error, Result};
use crate::sockopt;
use crate::types::{Domain, Protocol, Type};

/// The options of [`create_server`], named as in Python's `socket.create_server` (keyword
/// arguments there). `ServerOptions::default()` is Python's defaults.
///
/// ```
/// let opts = berkeley::ServerOptions { backlog: Some(64), ..Default::default() };
/// assert!(!opts.reuse_port && !opts.dualstack_ipv6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ServerOptions {
    /// The `listen` backlog; `None` lets berkeley choose (`SOMAXCONN`, capped at 128, as
    /// Python's `listen()` without an argument does).
    pub backlog: Option<i32>,
    /// Sets `SO_REUSEPORT` before binding, so several sockets can listen on the port (the
    /// kernel spreads connections among them). Not on Windows: there it is an
    /// `InvalidInput` error, as Python raises `ValueError`.
    pub reuse_port: bool,
    /// For an IPv6 address, accept IPv4 connections too (`IPV6_V6ONLY` off); they appear as
    /// IPv4-mapped addresses (`::ffff:1.2.3.4`). Without it, an IPv6 server is IPv6-only
    /// (`IPV6_V6ONLY` on), as in Python. An IPv4 address with this set is `InvalidInput`.
    pub dualstack_ipv6: bool,
}

/// Python's `create_server` — a TCP socket bound to `addr` and listening: `socket`, the
/// options, `bind`, `listen`.
///
/// C: `socket(family, SOCK_STREAM, 0)` + `setsockopt(SO_REUSEADDR)` (not on Windows, where it
/// would let another socket steal the port) + optional `setsockopt(SO_REUSEPORT)` +
/// `setsockopt(IPV6_V6ONLY)` for IPv6 + `bind` + `listen` — Python:
/// `socket.create_server(address, backlog=..., reuse_port=..., dualstack_ipv6=...)`.
///
/// The family is the address's (`AF_INET` or `AF_INET6`); `addr` is anything
/// [`ToSockAddr`] takes, such as `"127.0.0.1:0"`. The socket is blocking and close-on-exec.
///
/// Errors: `InvalidInput` (call `create_server`) for an address that is not IPv4/IPv6,
/// `dualstack_ipv6` with an IPv4 address, or `reuse_port` on Windows; the errors of
/// `socket`, `setsockopt`, `bind` (with the address: `bind(127.0.0.1:80): Permission
/// denied`) and `listen`. The socket is closed on error.
///
/// ```
/// use berkeley::{create_server, ServerOptions, Socket, Domain, Type, Protocol};
/// # fn main() -> berkeley::Result<()> {
/// let server = create_server("127.0.0.1:0", ServerOptions::default())?;
/// let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// client.connect(server.getsockname()?)?;
/// let (conn, peer) = server.accept()?;
/// assert_eq!(peer, client.getsockname()?);
/// # drop(conn);
/// # Ok(()) }
/// ```
///
/// Tested on Linux and on Windows under wine.
pub fn create_server(addr: impl ToSockAddr, options: ServerOptions) -> Result<Socket> {
    let addr = addr.to_sock_addr()?;
    let domain = addr.family();
    if domain != Domain::INET && domain != Domain::INET6 {
        return Err(Error::InvalidInput {
            call: "create_server",
            what: "the address is neither IPv4 nor IPv6",
        });
    }
    if options.dualstack_ipv6 && domain != Domain::INET6 {
        return Err(Error::InvalidInput {
            call: "create_server",
            what: "dualstack_ipv6 needs an IPv6 address",
        });
    }
    let s = Socket::new(domain, Type::STREAM, Protocol::TCP)?;
    // Python sets SO_REUSEADDR on POSIX only: on Windows it lets another socket bind the same
    // port while this one listens.
    #[cfg(unix)]
    s.setsockopt(sockopt::ReuseAddr, true)?;
    if options.reuse_port {
        reuse_port(&s)?;
    }
    if domain == Domain::INET6 {
        s.setsockopt(sockopt::Ipv6V6Only, !options.dualstack_ipv6)?;
    }
    s.bind(*addr)?;
    s.listen(options.backlog.unwrap_or(DEFAULT_BACKLOG))?;
    Ok(s)
}

/// Python's `listen()` default: `min(SOMAXCONN, 128)`. On Windows that is 128 (winsock2.h's
/// `SOMAXCONN` is `0x7fffffff`; windows-sys carries Winsock 1's 5).
#[cfg(unix)]
const DEFAULT_BACKLOG: i32 = if crate::sys::c::SOMAXCONN > 0 && crate::sys::c::SOMAXCONN < 128 {
    crate::sys::c::SOMAXCONN
} else {
    128
};
#[cfg(windows)]
const DEFAULT_BACKLOG: i32 = 128;

#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd",
    target_vendor = "apple"
))]
fn reuse_port(s: &Socket) -> Result<()> {
    s.setsockopt(sockopt::ReusePort, true)
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd",
    target_vendor = "apple"
)))]
fn reuse_port(_: &Socket) -> Result<()> {
    Err(Error::InvalidInput {
        call: "create_server",
        what: "SO_REUSEPORT is not supported on this platform",
    })
}

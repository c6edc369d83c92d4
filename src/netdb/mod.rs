//! Name services and interfaces: [`getaddrinfo`], [`getnameinfo`], the host, service and
//! protocol databases ([`gethostbyname`], [`gethostbyaddr`], [`getservbyname`],
//! [`getprotobyname`], ...), [`gethostname`], the host's interfaces ([`getifaddrs`],
//! [`if_nametoindex`], [`if_indextoname`]; `if_nameindex` on Unix), and on Unix an in-memory
//! copy of the services and protocols files (`NetdbCache`).
//!
//! Names follow C and Python (`socket.getaddrinfo`, `socket.gethostbyname_ex`,
//! `socket.getfqdn`, `socket.create_connection`). The legacy calls are thread-safe: they are
//! built on the reentrant `_r` functions (glibc, FreeBSD), never on the static-buffer ones.
//! Failures are an [`Error::Netdb`](crate::Error::Netdb) holding a [`NetdbError`]: the call,
//! the name looked up, the `EAI_*`/`h_errno` code and the system's message.
//!
//! ```
//! use berkeley::netdb::{getaddrinfo, getservbyname, gethostname, AddrInfoHints};
//! use berkeley::{Domain, Type};
//! # fn main() -> berkeley::Result<()> {
//! let hints = AddrInfoHints::new().family(Domain::INET).socktype(Type::STREAM);
//! let ai = getaddrinfo(Some("localhost"), Some("http"), &hints)?.next().unwrap();
//! assert_eq!(ai.addr().to_string(), "127.0.0.1:80");
//! assert_eq!(getservbyname("http", "tcp")?, 80);
//! assert!(!gethostname()?.is_empty());
//! # Ok(()) }
//! ```
//!
//! Where it is tested: on Linux (glibc) everything, against `getent` and Python's `socket`
//! module; on Windows (Winsock's `GetAddrInfoW`, `GetNameInfoW`, `GetHostNameW` and the
//! thread-local-buffer database calls) under wine; on macOS and FreeBSD compiled and linted
//! only. `getifaddrs` is built from `GetAdaptersAddresses` on Windows; `if_nameindex` and
//! `NetdbCache` are Unix-only.

mod addrinfo;
#[cfg(unix)]
mod cache;
mod error;
mod hostent;
mod ifaddrs;
mod services;

pub use self::addrinfo::{
    create_connection, getaddrinfo, getaddrinfo_timeout, getnameinfo, resolve, AddrInfo,
    AddrInfoFlags, AddrInfoHints, AddrInfoIter, NameInfo, NameInfoFlags,
};
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
pub use self::cache::NetdbCache;
pub use self::error::{Eai, HErrno, NetdbCode, NetdbError};
pub use self::hostent::{
    getfqdn, gethostbyaddr, gethostbyname, gethostbyname2, gethostbyname_ex, gethostname, HostEnt,
};
pub use self::ifaddrs::{
    getifaddrs, if_indextoname, if_nametoindex, IfAddr, IfFlags, Interface, Interfaces,
};
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
pub use self::ifaddrs::{if_nameindex, IfNameIndex};
pub use self::services::{getprotobyname, getprotobynumber, getservbyname, getservbyport};
pub(crate) use self::services::{ProtoEnt, ServEnt};

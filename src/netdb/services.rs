//! Services and protocols: `getservbyname`, `getservbyport`, `getprotobyname`,
//! `getprotobynumber` (`/etc/services`, `/etc/protocols`).

use super::{NetdbCode, NetdbError};
use crate::error::Result;
use crate::sys;
use crate::types::Protocol;

/// A service entry (`struct servent`), as the C library returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServEnt {
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    /// Host order.
    pub(crate) port: u16,
    pub(crate) proto: String,
}

/// A protocol entry (`struct protoent`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProtoEnt {
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) proto: Protocol,
}

/// `getservbyname(3)` — the port (host order) of a service name, for a protocol (`"tcp"`,
/// `"udp"`) or, with `None`, the first entry of any protocol.
///
/// C: `ntohs(getservbyname("http", "tcp")->s_port)` — Python: `socket.getservbyname("http",
/// "tcp")`. Aliases count (`www` is `http`). Thread-safe: built on `getservbyname_r` (glibc,
/// FreeBSD; declared by berkeley, as the libc crate lacks it); macOS serialises berkeley's
/// calls to the static version; Windows' Winsock call uses a thread-local buffer.
///
/// Errors: [`Error::Netdb`](crate::Error::Netdb) with [`NetdbCode::NotFound`] (kind
/// `NotFound`, message `service/proto not found` like Python's) when there is no such entry;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for a NUL byte.
///
/// ```
/// use berkeley::netdb::getservbyname;
/// # fn main() -> berkeley::Result<()> {
/// assert_eq!(getservbyname("http", "tcp")?, 80);
/// assert_eq!(getservbyname("domain", None)?, 53);
/// assert!(getservbyname("nosuch-service", "tcp").is_err());
/// # Ok(()) }
/// ```
///
/// See [getservbyname(3)](https://man7.org/linux/man-pages/man3/getservbyname.3.html).
pub fn getservbyname<'a>(name: &str, proto: impl Into<Option<&'a str>>) -> Result<u16> {
    let proto = proto.into();
    let query = || match proto {
        Some(p) => format!("{name}/{p}"),
        None => name.to_owned(),
    };
    match sys::getservbyname(name, proto, &query)? {
        Some(ent) => Ok(ent.port),
        None => Err(NetdbError::new("getservbyname", &query(), NetdbCode::NotFound).into()),
    }
}

/// `getservbyport(3)` — the service name of a port (host order), for a protocol or, with
/// `None`, any.
///
/// C: `getservbyport(htons(80), "tcp")->s_name` — Python: `socket.getservbyport(80, "tcp")`.
/// Thread-safe like [`getservbyname`].
///
/// ```
/// use berkeley::netdb::getservbyport;
/// # fn main() -> berkeley::Result<()> {
/// assert_eq!(getservbyport(22, "tcp")?, "ssh");
/// assert_eq!(getservbyport(53, None)?, "domain");
/// assert!(getservbyport(1, "nosuch").is_err());
/// # Ok(()) }
/// ```
///
/// See [getservbyport(3)](https://man7.org/linux/man-pages/man3/getservbyport.3.html).
pub fn getservbyport<'a>(port: u16, proto: impl Into<Option<&'a str>>) -> Result<String> {
    let proto = proto.into();
    let query = || match proto {
        Some(p) => format!("{port}/{p}"),
        None => port.to_string(),
    };
    match sys::getservbyport(port, proto, &query)? {
        Some(ent) => Ok(ent.name),
        None => Err(NetdbError::new("getservbyport", &query(), NetdbCode::NotFound).into()),
    }
}

/// `getprotobyname(3)` — the protocol number of a protocol name (or alias) from
/// `/etc/protocols`, as a [`Protocol`] ready for `socket`.
///
/// C: `getprotobyname("tcp")->p_proto` — Python: `socket.getprotobyname("tcp")`. Thread-safe
/// like [`getservbyname`].
///
/// ```
/// use berkeley::{netdb::getprotobyname, Protocol};
/// # fn main() -> berkeley::Result<()> {
/// assert_eq!(getprotobyname("tcp")?, Protocol::TCP);
/// assert_eq!(getprotobyname("UDP")?, Protocol::UDP); // an alias
/// assert!(getprotobyname("nosuch-proto").is_err());
/// # Ok(()) }
/// ```
///
/// See [getprotobyname(3)](https://man7.org/linux/man-pages/man3/getprotobyname.3.html).
pub fn getprotobyname(name: &str) -> Result<Protocol> {
    match sys::getprotobyname(name, &|| name.to_owned())? {
        Some(ent) => Ok(ent.proto),
        None => Err(NetdbError::new("getprotobyname", name, NetdbCode::NotFound).into()),
    }
}

/// `getprotobynumber(3)` — the official name of a protocol number.
///
/// C: `getprotobynumber(6)->p_name`; Python has no equivalent. Thread-safe like
/// [`getservbyname`].
///
/// ```
/// use berkeley::{netdb::getprotobynumber, Protocol};
/// # fn main() -> berkeley::Result<()> {
/// assert_eq!(getprotobynumber(Protocol::TCP)?, "tcp");
/// assert_eq!(getprotobynumber(Protocol::from_raw(17))?, "udp");
/// # Ok(()) }
/// ```
///
/// See [getprotobynumber(3)](https://man7.org/linux/man-pages/man3/getprotobynumber.3.html).
pub fn getprotobynumber(proto: Protocol) -> Result<String> {
    let n = proto.as_raw();
    match sys::getprotobynumber(n, &|| n.to_string())? {
        Some(ent) => Ok(ent.name),
        None => {
            Err(NetdbError::new("getprotobynumber", &n.to_string(), NetdbCode::NotFound).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore)] // calls getservbyname_r, which Miri cannot run
    fn entries_are_copied_whole() {
        let ent = sys::getservbyname("http", Some("tcp"), &String::new).unwrap().unwrap();
        assert_eq!((ent.name.as_str(), ent.port, ent.proto.as_str()), ("http", 80, "tcp"));
        let ent = sys::getservbyport(53, Some("udp"), &String::new).unwrap().unwrap();
        assert_eq!((ent.name.as_str(), ent.port, ent.proto.as_str()), ("domain", 53, "udp"));
        assert!(sys::getservbyname("nosuch-svc", None, &String::new).unwrap().is_none());
        let p = sys::getprotobynumber(17, &String::new).unwrap().unwrap();
        assert_eq!((p.name.as_str(), p.proto), ("udp", Protocol::UDP));
    }

    /// The aliases of glibc's /etc/services and /etc/protocols (Windows' files differ).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    #[cfg_attr(miri, ignore)] // calls getservbyname_r, which Miri cannot run
    fn entries_carry_aliases_and_protocols() {
        let ent = sys::getservbyname("www", Some("tcp"), &String::new).unwrap().unwrap();
        assert_eq!(ent.name, "http");
        assert_eq!(ent.port, 80);
        assert_eq!(ent.proto, "tcp");
        let p = sys::getprotobyname("tcp", &String::new).unwrap().unwrap();
        assert_eq!(p.name, "tcp");
        assert!(p.aliases.iter().any(|a| a == "TCP"));
    }
}

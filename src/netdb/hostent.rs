//! The host calls the courses teach: `gethostbyname`, `gethostbyname2`, `gethostbyaddr`, and
//! `gethostname` with Python's `getfqdn`.

use std::net::IpAddr;

use super::{getaddrinfo, AddrInfoHints};
use crate::error::{Error, Result};
use crate::sys;
use crate::types::{Domain, Type};

/// A host entry (`struct hostent`): the official name, the aliases and the addresses — Python's
/// `(hostname, aliaslist, ipaddrlist)`.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let h = berkeley::netdb::gethostbyname("localhost")?;
/// assert_eq!(h.addrtype, berkeley::Domain::INET);
/// assert!(h.addrs.contains(&"127.0.0.1".parse().unwrap()));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HostEnt {
    /// `h_name`: the official name of the host.
    pub name: String,
    /// `h_aliases`: other names of the host.
    pub aliases: Vec<String>,
    /// `h_addrtype`: the family of the addresses (`AF_INET` or `AF_INET6`).
    pub addrtype: Domain,
    /// `h_addr_list`: the addresses, in the C library's order.
    pub addrs: Vec<IpAddr>,
}

/// `gethostbyname(3)` — the IPv4 host entry of a name (or of a numeric IPv4 address), from
/// `/etc/hosts` and DNS as `nsswitch.conf` says.
///
/// Built on the reentrant `gethostbyname2_r` (retried with a bigger buffer on `ERANGE`), so it
/// is thread-safe, unlike C's static-buffer `gethostbyname`; on macOS, which has no `_r` calls,
/// berkeley serialises its calls to the static version. On Windows: Winsock's `gethostbyname`
/// (thread-local buffer).
///
/// C: `gethostbyname(name)` — Python: `socket.gethostbyname_ex(name)` (Python's
/// `gethostbyname` returns only the first address: `gethostbyname(name)?.addrs[0]`).
///
/// Errors: [`Error::Netdb`] with the `h_errno` code —
/// `gethostbyname2_r(nosuch.invalid): Unknown host` ([`HErrno::HOST_NOT_FOUND`](super::HErrno::HOST_NOT_FOUND),
/// kind `NotFound`); [`Error::InvalidInput`] for a NUL byte in `name`.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let h = berkeley::netdb::gethostbyname("127.0.0.1")?;
/// assert_eq!(h.name, "127.0.0.1");
/// assert_eq!(h.addrs, ["127.0.0.1".parse::<std::net::IpAddr>().unwrap()]);
/// assert!(berkeley::netdb::gethostbyname("nosuch.invalid").is_err());
/// # Ok(()) }
/// ```
///
/// See [gethostbyname(3)](https://man7.org/linux/man-pages/man3/gethostbyname.3.html).
pub fn gethostbyname(name: &str) -> Result<HostEnt> {
    sys::gethostbyname2(name, Domain::INET.as_raw())
}

/// Python's `socket.gethostbyname_ex(name)`: the same as [`gethostbyname`] — the official
/// name, the aliases and the IPv4 addresses.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let h = berkeley::netdb::gethostbyname_ex("localhost")?;
/// assert!(h.addrs.iter().all(|a| a.is_ipv4()));
/// # Ok(()) }
/// ```
pub fn gethostbyname_ex(name: &str) -> Result<HostEnt> {
    gethostbyname(name)
}

/// `gethostbyname2(3)` — the host entry of a name for one family (`Domain::INET` or
/// `Domain::INET6`); thread-safe like [`gethostbyname`].
///
/// On Windows only `Domain::INET` is available (Winsock has no `gethostbyname2`); other
/// families are an [`Error::InvalidInput`] there.
///
/// ```
/// use berkeley::Domain;
/// # fn main() -> berkeley::Result<()> {
/// let h = berkeley::netdb::gethostbyname2("127.0.0.1", Domain::INET)?;
/// assert_eq!(h.addrtype, Domain::INET);
/// # Ok(()) }
/// ```
///
/// See [gethostbyname2(3)](https://man7.org/linux/man-pages/man3/gethostbyname2.3.html).
pub fn gethostbyname2(name: &str, family: Domain) -> Result<HostEnt> {
    if family != Domain::INET && family != Domain::INET6 {
        return Err(Error::WrongFamily { expected: "AF_INET or AF_INET6", found: family });
    }
    sys::gethostbyname2(name, family.as_raw())
}

/// `gethostbyaddr(3)` — the host entry of an address (a reverse lookup: `/etc/hosts`, then
/// DNS `PTR` records as `nsswitch.conf` says); thread-safe like [`gethostbyname`].
///
/// C: `gethostbyaddr(&addr, sizeof addr, AF_INET)` — Python: `socket.gethostbyaddr(ip)`.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let h = berkeley::netdb::gethostbyaddr("127.0.0.1".parse().unwrap())?;
/// assert!(h.name == "localhost" || h.aliases.iter().any(|a| a == "localhost"));
/// # Ok(()) }
/// ```
///
/// See [gethostbyaddr(3)](https://man7.org/linux/man-pages/man3/gethostbyaddr.3.html).
pub fn gethostbyaddr(addr: IpAddr) -> Result<HostEnt> {
    sys::gethostbyaddr(&addr)
}

/// `gethostname(2)` — this machine's host name.
///
/// C: `gethostname(buf, sizeof buf)` — Python: `socket.gethostname()`.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let name = berkeley::netdb::gethostname()?;
/// assert!(!name.is_empty());
/// # Ok(()) }
/// ```
///
/// See [gethostname(2)](https://man7.org/linux/man-pages/man2/gethostname.2.html).
pub fn gethostname() -> Result<String> {
    sys::gethostname()
}

/// Python's `socket.getfqdn(name)`: a fully qualified name for `name` (this host when `name`
/// is empty, `0.0.0.0` or `::`).
///
/// Python's rule: look the name's address up with `gethostbyaddr` and return the first of the
/// official name and the aliases that contains a dot, else the official name; if the lookup
/// fails, `name` itself.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let fqdn = berkeley::netdb::getfqdn("")?;
/// assert!(!fqdn.is_empty());
/// assert_eq!(berkeley::netdb::getfqdn("nosuch.invalid")?, "nosuch.invalid");
/// # Ok(()) }
/// ```
pub fn getfqdn(name: &str) -> Result<String> {
    let mut name = name.trim().to_owned();
    if name.is_empty() || name == "0.0.0.0" || name == "::" {
        name = gethostname()?;
    }
    // Python resolves a name to its first address (getaddrinfo, any family), then asks for
    // that address's host entry.
    let hints = AddrInfoHints::new().socktype(Type::DGRAM);
    let ip = match getaddrinfo(Some(&name), None, &hints) {
        Ok(mut it) => it.next().and_then(|ai| ai.addr().as_socket()).map(|a| a.ip()),
        Err(_) => None,
    };
    let Some(ip) = ip else { return Ok(name) };
    let Ok(h) = gethostbyaddr(ip) else { return Ok(name) };
    let found = std::iter::once(&h.name).chain(&h.aliases).find(|n| n.contains('.'));
    Ok(found.unwrap_or(&h.name).clone())
}

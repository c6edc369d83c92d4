//! `getaddrinfo`, `getnameinfo` and the resolving conveniences built on them.

use std::fmt;
use std::sync::mpsc;
use std::time::Duration;

use super::{NetdbCode, NetdbError};
use crate::addr::SockAddr;
use crate::error::{Error, Result};
use crate::socket::Socket;
use crate::sys;
use crate::types::{c_flags, Domain, Protocol, Type};

/// The `AI_*` flags of [`AddrInfoHints`]: how `getaddrinfo` looks names up.
///
/// `Debug` prints the C names:
///
/// ```
/// use berkeley::netdb::AddrInfoFlags;
///
/// let f = AddrInfoFlags::CANONNAME | AddrInfoFlags::ADDRCONFIG;
/// assert!(f.contains(AddrInfoFlags::CANONNAME));
/// assert_eq!(format!("{f:?}"), "AI_CANONNAME | AI_ADDRCONFIG");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct AddrInfoFlags(i32);

c_flags! {
    AddrInfoFlags(i32);
    consts {
        /// `AI_PASSIVE`: with no host, return the wildcard address (for `bind`), not loopback.
        pub const PASSIVE: AddrInfoFlags = AddrInfoFlags(sys::AI_PASSIVE);
        /// `AI_CANONNAME`: fill in the canonical name of the host (in the first entry).
        pub const CANONNAME: AddrInfoFlags = AddrInfoFlags(sys::AI_CANONNAME);
        /// `AI_NUMERICHOST`: the host must be a numeric address; never look it up.
        pub const NUMERICHOST: AddrInfoFlags = AddrInfoFlags(sys::AI_NUMERICHOST);
        /// `AI_NUMERICSERV`: the service must be a port number; never look it up.
        pub const NUMERICSERV: AddrInfoFlags = AddrInfoFlags(sys::AI_NUMERICSERV);
        /// `AI_ADDRCONFIG`: only the families the host has a (non-loopback) address of.
        pub const ADDRCONFIG: AddrInfoFlags = AddrInfoFlags(sys::AI_ADDRCONFIG);
        /// `AI_V4MAPPED`: with `AF_INET6` and no IPv6 address, return IPv4-mapped ones.
        pub const V4MAPPED: AddrInfoFlags = AddrInfoFlags(sys::AI_V4MAPPED);
        /// `AI_ALL`: with `AI_V4MAPPED`, return IPv6 and IPv4-mapped addresses.
        pub const ALL: AddrInfoFlags = AddrInfoFlags(sys::AI_ALL);
    }
    /// No flag.
    ///
    /// ```
    /// assert!(berkeley::netdb::AddrInfoFlags::empty().is_empty());
    /// ```
    fn empty;
    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(!berkeley::netdb::AddrInfoFlags::PASSIVE.is_empty());
    /// ```
    fn is_empty;
    /// Whether every flag of `other` is set.
    ///
    /// ```
    /// use berkeley::netdb::AddrInfoFlags;
    /// assert!((AddrInfoFlags::ALL | AddrInfoFlags::V4MAPPED).contains(AddrInfoFlags::ALL));
    /// ```
    fn contains;
    /// The flags from their C value.
    ///
    /// ```
    /// use berkeley::netdb::AddrInfoFlags;
    /// assert_eq!(AddrInfoFlags::from_raw(AddrInfoFlags::PASSIVE.as_raw()), AddrInfoFlags::PASSIVE);
    /// ```
    fn from_raw;
    /// The C value.
    ///
    /// ```
    /// assert_eq!(berkeley::netdb::AddrInfoFlags::PASSIVE.as_raw(), 1); // AI_PASSIVE
    /// ```
    fn as_raw;
    debug {
        PASSIVE => "AI_PASSIVE",
        CANONNAME => "AI_CANONNAME",
        NUMERICHOST => "AI_NUMERICHOST",
        NUMERICSERV => "AI_NUMERICSERV",
        ADDRCONFIG => "AI_ADDRCONFIG",
        V4MAPPED => "AI_V4MAPPED",
        ALL => "AI_ALL",
    }
}

/// The `NI_*` flags of [`getnameinfo`].
///
/// ```
/// use berkeley::netdb::NameInfoFlags;
///
/// let f = NameInfoFlags::NUMERICHOST | NameInfoFlags::NUMERICSERV;
/// assert_eq!(format!("{f:?}"), "NI_NUMERICHOST | NI_NUMERICSERV");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct NameInfoFlags(i32);

c_flags! {
    NameInfoFlags(i32);
    consts {
        /// `NI_NUMERICHOST`: the numeric address, no reverse lookup.
        pub const NUMERICHOST: NameInfoFlags = NameInfoFlags(sys::NI_NUMERICHOST);
        /// `NI_NUMERICSERV`: the port number, no service lookup.
        pub const NUMERICSERV: NameInfoFlags = NameInfoFlags(sys::NI_NUMERICSERV);
        /// `NI_NOFQDN`: only the host part of a local name.
        pub const NOFQDN: NameInfoFlags = NameInfoFlags(sys::NI_NOFQDN);
        /// `NI_NAMEREQD`: fail (`EAI_NONAME`) rather than return a numeric host.
        pub const NAMEREQD: NameInfoFlags = NameInfoFlags(sys::NI_NAMEREQD);
        /// `NI_DGRAM`: look the port up as a UDP service.
        pub const DGRAM: NameInfoFlags = NameInfoFlags(sys::NI_DGRAM);
    }
    /// No flag.
    ///
    /// ```
    /// assert!(berkeley::netdb::NameInfoFlags::empty().is_empty());
    /// ```
    fn empty;
    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(!berkeley::netdb::NameInfoFlags::DGRAM.is_empty());
    /// ```
    fn is_empty;
    /// Whether every flag of `other` is set.
    ///
    /// ```
    /// use berkeley::netdb::NameInfoFlags;
    /// assert!(NameInfoFlags::DGRAM.contains(NameInfoFlags::DGRAM));
    /// ```
    fn contains;
    /// The flags from their C value.
    ///
    /// ```
    /// use berkeley::netdb::NameInfoFlags;
    /// assert_eq!(NameInfoFlags::from_raw(NameInfoFlags::DGRAM.as_raw()), NameInfoFlags::DGRAM);
    /// ```
    fn from_raw;
    /// The C value.
    ///
    /// ```
    /// assert_eq!(berkeley::netdb::NameInfoFlags::empty().as_raw(), 0);
    /// ```
    fn as_raw;
    debug {
        NUMERICHOST => "NI_NUMERICHOST",
        NUMERICSERV => "NI_NUMERICSERV",
        NOFQDN => "NI_NOFQDN",
        NAMEREQD => "NI_NAMEREQD",
        DGRAM => "NI_DGRAM",
    }
}

/// The `hints` of [`getaddrinfo`]: flags, family, socket type and protocol, each 0 (any) unless
/// set. A builder: `AddrInfoHints::new().family(Domain::INET).socktype(Type::STREAM)`.
///
/// C: `struct addrinfo hints = {0}; hints.ai_family = AF_INET; ...` — Python: the `family`,
/// `type`, `proto` and `flags` arguments of `socket.getaddrinfo`.
///
/// ```
/// use berkeley::netdb::{AddrInfoFlags, AddrInfoHints};
/// use berkeley::{Domain, Type};
///
/// let hints = AddrInfoHints::new()
///     .flags(AddrInfoFlags::PASSIVE)
///     .family(Domain::INET6)
///     .socktype(Type::STREAM);
/// assert_eq!(hints.get_family(), Domain::INET6);
/// assert_eq!(AddrInfoHints::default(), AddrInfoHints::new());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddrInfoHints {
    flags: AddrInfoFlags,
    family: Domain,
    socktype: Type,
    protocol: Protocol,
}

impl Default for AddrInfoHints {
    fn default() -> AddrInfoHints {
        AddrInfoHints::new()
    }
}

impl AddrInfoHints {
    /// No flags, any family (`AF_UNSPEC`), any socket type, any protocol — Python's defaults.
    ///
    /// ```
    /// let h = berkeley::netdb::AddrInfoHints::new();
    /// assert_eq!(h.get_family(), berkeley::Domain::UNSPEC);
    /// ```
    pub const fn new() -> AddrInfoHints {
        AddrInfoHints {
            flags: AddrInfoFlags::empty(),
            family: Domain::UNSPEC,
            socktype: Type::from_raw(0),
            protocol: Protocol::DEFAULT,
        }
    }

    /// Sets `ai_flags`.
    ///
    /// ```
    /// use berkeley::netdb::{AddrInfoFlags, AddrInfoHints};
    /// let h = AddrInfoHints::new().flags(AddrInfoFlags::CANONNAME);
    /// assert_eq!(h.get_flags(), AddrInfoFlags::CANONNAME);
    /// ```
    pub const fn flags(mut self, flags: AddrInfoFlags) -> AddrInfoHints {
        self.flags = flags;
        self
    }

    /// Sets `ai_family` (`Domain::INET`, `Domain::INET6`, or `Domain::UNSPEC` for both).
    ///
    /// ```
    /// let h = berkeley::netdb::AddrInfoHints::new().family(berkeley::Domain::INET);
    /// assert_eq!(h.get_family(), berkeley::Domain::INET);
    /// ```
    pub const fn family(mut self, family: Domain) -> AddrInfoHints {
        self.family = family;
        self
    }

    /// Sets `ai_socktype` (`Type::STREAM`, `Type::DGRAM`, ...; without it each address comes
    /// once per socket type).
    ///
    /// ```
    /// let h = berkeley::netdb::AddrInfoHints::new().socktype(berkeley::Type::DGRAM);
    /// assert_eq!(h.get_socktype(), berkeley::Type::DGRAM);
    /// ```
    pub const fn socktype(mut self, socktype: Type) -> AddrInfoHints {
        self.socktype = socktype;
        self
    }

    /// Sets `ai_protocol`.
    ///
    /// ```
    /// let h = berkeley::netdb::AddrInfoHints::new().protocol(berkeley::Protocol::UDP);
    /// assert_eq!(h.get_protocol(), berkeley::Protocol::UDP);
    /// ```
    pub const fn protocol(mut self, protocol: Protocol) -> AddrInfoHints {
        self.protocol = protocol;
        self
    }

    /// The flags set.
    ///
    /// ```
    /// assert!(berkeley::netdb::AddrInfoHints::new().get_flags().is_empty());
    /// ```
    pub const fn get_flags(&self) -> AddrInfoFlags {
        self.flags
    }

    /// The family set.
    ///
    /// ```
    /// assert_eq!(berkeley::netdb::AddrInfoHints::new().get_family(), berkeley::Domain::UNSPEC);
    /// ```
    pub const fn get_family(&self) -> Domain {
        self.family
    }

    /// The socket type set.
    ///
    /// ```
    /// assert_eq!(berkeley::netdb::AddrInfoHints::new().get_socktype().as_raw(), 0);
    /// ```
    pub const fn get_socktype(&self) -> Type {
        self.socktype
    }

    /// The protocol set.
    ///
    /// ```
    /// assert_eq!(berkeley::netdb::AddrInfoHints::new().get_protocol(), berkeley::Protocol::DEFAULT);
    /// ```
    pub const fn get_protocol(&self) -> Protocol {
        self.protocol
    }

    fn raw(&self) -> [i32; 4] {
        [self.flags.as_raw(), self.family.as_raw(), self.socktype.as_raw(), self.protocol.as_raw()]
    }
}

/// One answer of [`getaddrinfo`]: what to pass to `socket` and `connect`/`bind`.
///
/// ```
/// use berkeley::netdb::{getaddrinfo, AddrInfoHints};
/// use berkeley::{Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let hints = AddrInfoHints::new().socktype(Type::STREAM);
/// let ai = getaddrinfo(Some("127.0.0.1"), Some("7"), &hints)?.next().unwrap();
/// let s = Socket::new(ai.family(), ai.socktype(), ai.protocol())?;
/// # drop(s);
/// assert_eq!(ai.addr().to_string(), "127.0.0.1:7");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AddrInfo {
    flags: AddrInfoFlags,
    family: Domain,
    socktype: Type,
    protocol: Protocol,
    addr: SockAddr,
    canonname: Option<String>,
}

impl AddrInfo {
    /// `ai_flags`.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let hints = berkeley::netdb::AddrInfoHints::new();
    /// let ai = berkeley::netdb::getaddrinfo(Some("127.0.0.1"), None, &hints)?.next().unwrap();
    /// let _ = ai.flags();
    /// # Ok(()) }
    /// ```
    pub fn flags(&self) -> AddrInfoFlags {
        self.flags
    }

    /// `ai_family`: the first argument for `socket`.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let hints = berkeley::netdb::AddrInfoHints::new();
    /// let ai = berkeley::netdb::getaddrinfo(Some("::1"), None, &hints)?.next().unwrap();
    /// assert_eq!(ai.family(), berkeley::Domain::INET6);
    /// # Ok(()) }
    /// ```
    pub fn family(&self) -> Domain {
        self.family
    }

    /// `ai_socktype`: the second argument for `socket`.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let hints = berkeley::netdb::AddrInfoHints::new().socktype(berkeley::Type::DGRAM);
    /// let ai = berkeley::netdb::getaddrinfo(Some("127.0.0.1"), None, &hints)?.next().unwrap();
    /// assert_eq!(ai.socktype(), berkeley::Type::DGRAM);
    /// # Ok(()) }
    /// ```
    pub fn socktype(&self) -> Type {
        self.socktype
    }

    /// `ai_protocol`: the third argument for `socket`. glibc names it (`IPPROTO_TCP` for a
    /// stream socket); Windows may leave it 0, which `socket` reads as the type's default.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let hints = berkeley::netdb::AddrInfoHints::new().socktype(berkeley::Type::STREAM);
    /// let ai = berkeley::netdb::getaddrinfo(Some("127.0.0.1"), None, &hints)?.next().unwrap();
    /// assert!([berkeley::Protocol::TCP, berkeley::Protocol::DEFAULT].contains(&ai.protocol()));
    /// #[cfg(unix)]
    /// assert_eq!(ai.protocol(), berkeley::Protocol::TCP);
    /// # Ok(()) }
    /// ```
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// `ai_addr`: the address, with the port of the service.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let hints = berkeley::netdb::AddrInfoHints::new();
    /// let ai = berkeley::netdb::getaddrinfo(Some("127.0.0.1"), Some("80"), &hints)?.next().unwrap();
    /// assert_eq!(ai.addr().to_string(), "127.0.0.1:80");
    /// # Ok(()) }
    /// ```
    pub fn addr(&self) -> SockAddr {
        self.addr
    }

    /// `ai_canonname`: the host's canonical name, in the first entry when
    /// [`AddrInfoFlags::CANONNAME`] was asked for.
    ///
    /// ```
    /// use berkeley::netdb::{getaddrinfo, AddrInfoFlags, AddrInfoHints};
    /// # fn main() -> berkeley::Result<()> {
    /// let hints = AddrInfoHints::new().flags(AddrInfoFlags::CANONNAME);
    /// let ai = getaddrinfo(Some("127.0.0.1"), None, &hints)?.next().unwrap();
    /// assert_eq!(ai.canonname(), Some("127.0.0.1"));
    /// # Ok(()) }
    /// ```
    pub fn canonname(&self) -> Option<&str> {
        self.canonname.as_deref()
    }
}

/// The answers of [`getaddrinfo`], in the C library's order. It owns the C list and frees it
/// (`freeaddrinfo`) exactly once, when dropped; it is `Send`.
pub struct AddrInfoIter {
    list: sys::AddrInfoList,
}

impl Iterator for AddrInfoIter {
    type Item = AddrInfo;

    fn next(&mut self) -> Option<AddrInfo> {
        let raw = self.list.next_entry()?;
        Some(AddrInfo {
            flags: AddrInfoFlags::from_raw(raw.flags),
            family: Domain::from_raw(raw.family),
            socktype: Type::from_raw(raw.socktype),
            protocol: Protocol::from_raw(raw.protocol),
            addr: raw.addr,
            canonname: raw.canonname,
        })
    }
}

impl std::iter::FusedIterator for AddrInfoIter {}

impl fmt::Debug for AddrInfoIter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddrInfoIter").field("done", &self.list.is_done()).finish()
    }
}

/// The text naming a lookup in its error: `host`, `host, service` or `service`.
fn query_text(host: Option<&str>, service: Option<&str>) -> String {
    match (host, service) {
        (Some(h), Some(s)) => format!("{h}, {s}"),
        (Some(h), None) => h.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => String::new(),
    }
}

/// `getaddrinfo(3)` — looks up a host and a service: the addresses to `connect` to (or, with
/// [`AddrInfoFlags::PASSIVE`] and no host, to `bind`).
///
/// C: `getaddrinfo(host, service, &hints, &res)` — Python: `socket.getaddrinfo(host, port,
/// family, type, proto, flags)`.
///
/// `host` may be a name (`localhost`, looked up in `/etc/hosts` and DNS as `nsswitch.conf`
/// says) or a numeric address; `service` a name from `/etc/services` (`http`) or a port number.
/// At least one must be given. The answers come in the C library's order (RFC 6724 on glibc);
/// without a socket type in the hints each address comes once per type (stream, datagram, raw).
///
/// Errors: [`Error::Netdb`] with the `EAI_*` code and the system's message —
/// `getaddrinfo(nosuch.invalid): Name or service not known` ([`Eai::NONAME`](super::Eai::NONAME),
/// kind `NotFound`); [`Error::InvalidInput`] for a NUL byte in `host` or `service`, before any
/// C call. A lookup can block as long as the resolver's own timeouts (seconds, with DNS
/// retries); [`getaddrinfo_timeout`] bounds the wait.
///
/// Tested on Linux against glibc's `getent ahosts` and Python; on Windows under wine
/// (`GetAddrInfoW`).
///
/// ```
/// use berkeley::netdb::{getaddrinfo, AddrInfoHints};
/// use berkeley::{Domain, Type};
/// # fn main() -> berkeley::Result<()> {
/// let hints = AddrInfoHints::new().family(Domain::INET).socktype(Type::STREAM);
/// for ai in getaddrinfo(Some("localhost"), Some("http"), &hints)? {
///     assert_eq!(ai.addr().to_string(), "127.0.0.1:80");
/// }
/// assert!(getaddrinfo(Some("nosuch.invalid"), None, &hints).is_err());
/// # Ok(()) }
/// ```
///
/// See [getaddrinfo(3)](https://man7.org/linux/man-pages/man3/getaddrinfo.3.html).
#[doc(alias = "to_socket_addrs")]
pub fn getaddrinfo(
    host: Option<&str>,
    service: Option<&str>,
    hints: &AddrInfoHints,
) -> Result<AddrInfoIter> {
    let list = sys::getaddrinfo(host, service, hints.raw(), &|| query_text(host, service))?;
    Ok(AddrInfoIter { list })
}

/// [`getaddrinfo`] that gives up after `timeout`: the lookup runs on a helper thread, and if
/// it has not answered in time this returns [`NetdbCode::Timeout`] (kind `TimedOut`,
/// `is_timeout()` true) while the thread finishes (and frees its answer) in the background.
///
/// The C library has no way to bound a lookup (glibc's resolver retries for up to
/// `timeout × attempts` per server); this is the usual remedy. It costs one thread start per
/// call; answers from `/etc/hosts` arrive long before any sensible timeout.
///
/// ```
/// use berkeley::netdb::{getaddrinfo_timeout, AddrInfoHints};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let hints = AddrInfoHints::new();
/// let first = getaddrinfo_timeout("localhost", Some("22"), &hints, Duration::from_secs(5))?
///     .next()
///     .unwrap();
/// assert_eq!(first.addr().as_socket().unwrap().port(), 22);
/// # Ok(()) }
/// ```
pub fn getaddrinfo_timeout(
    host: &str,
    service: Option<&str>,
    hints: &AddrInfoHints,
    timeout: Duration,
) -> Result<AddrInfoIter> {
    let (tx, rx) = mpsc::sync_channel(1);
    let (h, s, hints) = (host.to_owned(), service.map(str::to_owned), *hints);
    std::thread::Builder::new()
        .name("getaddrinfo".into())
        .spawn(move || {
            // The receiver may have given up: then the answer is dropped (and freed) here.
            let _ = tx.send(getaddrinfo(Some(&h), s.as_deref(), &hints));
        })
        .map_err(Error::from)?;
    match rx.recv_timeout(timeout) {
        Ok(res) => res,
        Err(_) => Err(NetdbError::new(
            "getaddrinfo",
            &query_text(Some(host), service),
            NetdbCode::Timeout,
        )
        .into()),
    }
}

/// The answer of [`getnameinfo`]: a host and a service name (Python returns them as a
/// `(host, port)` tuple).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameInfo {
    /// The host name (or numeric address).
    pub host: String,
    /// The service name (or port number).
    pub service: String,
}

/// `getnameinfo(3)` — the host and service names of a socket address: the reverse of
/// [`getaddrinfo`].
///
/// C: `getnameinfo(sa, salen, host, NI_MAXHOST, serv, NI_MAXSERV, flags)` — Python:
/// `socket.getnameinfo((host, port), flags)`.
///
/// Errors: [`Error::Netdb`] with the `EAI_*` code (`EAI_NONAME` when [`NameInfoFlags::NAMEREQD`]
/// is set and the address has no name, `EAI_FAMILY` for a non-IP address).
///
/// ```
/// use berkeley::netdb::{getnameinfo, NameInfoFlags};
/// use berkeley::SockAddr;
/// # fn main() -> berkeley::Result<()> {
/// let addr: SockAddr = "127.0.0.1:22".parse()?;
/// let ni = getnameinfo(&addr, NameInfoFlags::NUMERICHOST)?;
/// assert_eq!(ni.host, "127.0.0.1");
/// assert_eq!(ni.service, "ssh"); // from /etc/services
/// let ni = getnameinfo(&addr, NameInfoFlags::NUMERICHOST | NameInfoFlags::NUMERICSERV)?;
/// assert_eq!(ni.service, "22");
/// # Ok(()) }
/// ```
///
/// See [getnameinfo(3)](https://man7.org/linux/man-pages/man3/getnameinfo.3.html).
pub fn getnameinfo(addr: &SockAddr, flags: NameInfoFlags) -> Result<NameInfo> {
    let (host, service) = sys::getnameinfo(addr, flags.as_raw())?;
    Ok(NameInfo { host, service })
}

/// Splits `HOST:PORT` (`[V6]:PORT` for IPv6) into host and port text.
fn split_host_port(text: &str) -> Result<(&str, &str)> {
    let bad = Error::InvalidInput { call: "getaddrinfo", what: "expected HOST:PORT or [V6]:PORT" };
    if let Some(rest) = text.strip_prefix('[') {
        let (host, port) = rest.split_once("]:").ok_or(bad)?;
        return Ok((host, port));
    }
    let (host, port) = text.rsplit_once(':').ok_or(bad)?;
    if host.contains(':') {
        return Err(Error::InvalidInput {
            call: "getaddrinfo",
            what: "an IPv6 address with a port must be written [V6]:PORT",
        });
    }
    Ok((host, port))
}

/// Resolves `HOST:PORT` (`localhost:7007`, `[::1]:80`, `127.1:80`, `example.org:http`) into the
/// socket addresses to try, in [`getaddrinfo`]'s order, once each (stream sockets).
///
/// The everyday front end to `getaddrinfo`, like std's `to_socket_addrs`; the port may be a
/// number or a service name.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let addrs = berkeley::netdb::resolve("localhost:7007")?;
/// assert!(addrs.iter().any(|a| a.to_string() == "127.0.0.1:7007"));
/// assert_eq!(berkeley::netdb::resolve("[::1]:80")?[0].to_string(), "[::1]:80");
/// # Ok(()) }
/// ```
#[doc(alias = "to_socket_addrs")]
pub fn resolve(host_port: &str) -> Result<Vec<SockAddr>> {
    let (host, port) = split_host_port(host_port)?;
    let hints = AddrInfoHints::new().socktype(Type::STREAM);
    Ok(getaddrinfo(Some(host), Some(port), &hints)?.map(|ai| ai.addr()).collect())
}

/// Python's `socket.create_connection(address, timeout)`: resolves `HOST:PORT` (see
/// [`resolve`]) and connects a TCP socket to each address in turn until one accepts; returns
/// the connected socket, or the last address's error.
///
/// With a `timeout`, each attempt uses [`Socket::connect_timeout`]; the socket is blocking in
/// any case.
///
/// ```
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// listener.bind("127.0.0.1:0")?;
/// listener.listen(1)?;
/// let port = listener.getsockname()?.as_socket().unwrap().port();
/// let s = berkeley::netdb::create_connection(&format!("localhost:{port}"), Some(Duration::from_secs(5)))?;
/// assert_eq!(s.getpeername()?.as_socket().unwrap().port(), port);
/// # Ok(()) }
/// ```
pub fn create_connection(address: &str, timeout: Option<Duration>) -> Result<Socket> {
    let mut last = None;
    for addr in resolve(address)? {
        let s = match Socket::new(addr.family(), Type::STREAM, Protocol::TCP) {
            Ok(s) => s,
            Err(e) => {
                last = Some(e);
                continue;
            }
        };
        let res = match timeout {
            Some(t) => s.connect_timeout(addr, t),
            None => s.connect(addr),
        };
        match res {
            Ok(()) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(Error::InvalidInput {
        call: "create_connection",
        what: "the address resolved to no usable address",
    }))
}

//! [`NetdbCache`]: `/etc/services` and `/etc/protocols` read once, looked up from memory.

use std::collections::HashMap;
use std::path::Path;

use super::{NetdbCode, NetdbError};
use crate::error::Result;
use crate::types::Protocol;

/// One `/etc/services` entry.
#[derive(Debug, Clone)]
struct Service {
    name: Box<str>,
    port: u16,
    proto: Box<str>,
}

/// One `/etc/protocols` entry.
#[derive(Debug, Clone)]
struct Proto {
    name: Box<str>,
    number: i32,
}

/// An opt-in, in-memory copy of `/etc/services` and `/etc/protocols`, for programs that look up
/// many services or protocols: glibc's `getservbyname` re-reads `/etc/services` on every call
/// (tens of µs), a lookup here is a hash-map probe.
///
/// The answers are glibc's "files" answers — the first entry in file order whose name or alias
/// (compared exactly, as glibc does) and protocol match — checked against glibc for every entry
/// of the files in the tests. What it does not see: NSS sources other than the files (`db`,
/// `sss`, NIS), and later edits of the files (load a new cache for those). The host database
/// is not cached: `/etc/hosts` falls through to DNS, which has no such shortcut.
///
/// ```
/// use berkeley::netdb::NetdbCache;
/// use berkeley::Protocol;
/// # fn main() -> berkeley::Result<()> {
/// let cache = NetdbCache::load()?;
/// assert_eq!(cache.getservbyname("http", "tcp")?, 80);
/// assert_eq!(cache.getservbyport(22, "tcp")?, "ssh");
/// assert_eq!(cache.getprotobyname("udp")?, Protocol::UDP);
/// assert_eq!(cache.getprotobynumber(Protocol::TCP)?, "tcp");
/// assert!(cache.getservbyname("nosuch-service", None).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct NetdbCache {
    services: Vec<Service>,
    /// Name or alias → indexes into `services`, in file order.
    by_name: HashMap<Box<str>, Vec<u32>>,
    /// Port → indexes into `services`, in file order.
    by_port: HashMap<u16, Vec<u32>>,
    protos: Vec<Proto>,
    /// Name or alias → index of the first entry.
    proto_by_name: HashMap<Box<str>, u32>,
    /// Number → index of the first entry.
    proto_by_number: HashMap<i32, u32>,
}

/// The fields of a database line, without its comment.
fn fields(line: &str) -> impl Iterator<Item = &str> {
    let line = line.split('#').next().unwrap_or("");
    line.split_ascii_whitespace()
}

impl NetdbCache {
    /// Reads `/etc/services` and `/etc/protocols`.
    ///
    /// Errors: [`Error::Io`](crate::Error::Io) if a file cannot be read.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let cache = berkeley::netdb::NetdbCache::load()?;
    /// assert_eq!(cache.getservbyname("domain", "udp")?, 53);
    /// # Ok(()) }
    /// ```
    pub fn load() -> Result<NetdbCache> {
        NetdbCache::from_files("/etc/services", "/etc/protocols")
    }

    /// Reads a services file and a protocols file in the formats of services(5) and
    /// protocols(5).
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let cache = berkeley::netdb::NetdbCache::from_files("/etc/services", "/etc/protocols")?;
    /// assert_eq!(cache.getservbyname("ssh", None)?, 22);
    /// # Ok(()) }
    /// ```
    pub fn from_files(
        services: impl AsRef<Path>,
        protocols: impl AsRef<Path>,
    ) -> Result<NetdbCache> {
        let services = std::fs::read(services)?;
        let protocols = std::fs::read(protocols)?;
        Ok(NetdbCache::parse(
            &String::from_utf8_lossy(&services),
            &String::from_utf8_lossy(&protocols),
        ))
    }

    /// Builds the cache from the text of the two files.
    fn parse(services: &str, protocols: &str) -> NetdbCache {
        let mut cache = NetdbCache {
            services: Vec::new(),
            by_name: HashMap::new(),
            by_port: HashMap::new(),
            protos: Vec::new(),
            proto_by_name: HashMap::new(),
            proto_by_number: HashMap::new(),
        };
        for line in services.lines() {
            let mut f = fields(line);
            let (Some(name), Some(port_proto)) = (f.next(), f.next()) else { continue };
            let Some((port, proto)) = port_proto.split_once('/') else { continue };
            // glibc reads the port with strtoul and keeps its low 16 bits; a port must be a
            // plain number here, or the line is skipped as malformed.
            let Ok(port) = port.parse::<u16>() else { continue };
            if proto.is_empty() {
                continue;
            }
            let index = cache.services.len() as u32;
            cache.services.push(Service { name: name.into(), port, proto: proto.into() });
            for n in std::iter::once(name).chain(f) {
                cache.by_name.entry(n.into()).or_default().push(index);
            }
            cache.by_port.entry(port).or_default().push(index);
        }
        for line in protocols.lines() {
            let mut f = fields(line);
            let (Some(name), Some(number)) = (f.next(), f.next()) else { continue };
            let Ok(number) = number.parse::<i32>() else { continue };
            let index = cache.protos.len() as u32;
            cache.protos.push(Proto { name: name.into(), number });
            for n in std::iter::once(name).chain(f) {
                cache.proto_by_name.entry(n.into()).or_insert(index);
            }
            cache.proto_by_number.entry(number).or_insert(index);
        }
        cache
    }

    /// [`getservbyname`](super::getservbyname) from memory: the port (host order) of the first
    /// entry named `name` (or with the alias `name`) for `proto` (any protocol with `None`).
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let cache = berkeley::netdb::NetdbCache::load()?;
    /// assert_eq!(cache.getservbyname("www", "tcp")?, 80); // an alias of http
    /// # Ok(()) }
    /// ```
    pub fn getservbyname<'a>(&self, name: &str, proto: impl Into<Option<&'a str>>) -> Result<u16> {
        let proto = proto.into();
        let found = self.by_name.get(name).and_then(|list| {
            list.iter()
                .map(|&i| &self.services[i as usize])
                .find(|s| proto.map_or(true, |p| *s.proto == *p))
        });
        match found {
            Some(s) => Ok(s.port),
            None => {
                let query = match proto {
                    Some(p) => format!("{name}/{p}"),
                    None => name.to_owned(),
                };
                Err(NetdbError::new("getservbyname", &query, NetdbCode::NotFound).into())
            }
        }
    }

    /// [`getservbyport`](super::getservbyport) from memory: the official name of the first
    /// entry for `port` (host order) and `proto` (any protocol with `None`).
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let cache = berkeley::netdb::NetdbCache::load()?;
    /// assert_eq!(cache.getservbyport(53, None)?, "domain");
    /// # Ok(()) }
    /// ```
    pub fn getservbyport<'a>(&self, port: u16, proto: impl Into<Option<&'a str>>) -> Result<&str> {
        let proto = proto.into();
        let found = self.by_port.get(&port).and_then(|list| {
            list.iter()
                .map(|&i| &self.services[i as usize])
                .find(|s| proto.map_or(true, |p| *s.proto == *p))
        });
        match found {
            Some(s) => Ok(&s.name),
            None => {
                let query = match proto {
                    Some(p) => format!("{port}/{p}"),
                    None => port.to_string(),
                };
                Err(NetdbError::new("getservbyport", &query, NetdbCode::NotFound).into())
            }
        }
    }

    /// [`getprotobyname`](super::getprotobyname) from memory.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let cache = berkeley::netdb::NetdbCache::load()?;
    /// assert_eq!(cache.getprotobyname("icmp")?, berkeley::Protocol::ICMP);
    /// # Ok(()) }
    /// ```
    pub fn getprotobyname(&self, name: &str) -> Result<Protocol> {
        match self.proto_by_name.get(name) {
            Some(&i) => Ok(Protocol::from_raw(self.protos[i as usize].number)),
            None => Err(NetdbError::new("getprotobyname", name, NetdbCode::NotFound).into()),
        }
    }

    /// [`getprotobynumber`](super::getprotobynumber) from memory.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let cache = berkeley::netdb::NetdbCache::load()?;
    /// assert_eq!(cache.getprotobynumber(berkeley::Protocol::UDP)?, "udp");
    /// # Ok(()) }
    /// ```
    pub fn getprotobynumber(&self, proto: Protocol) -> Result<&str> {
        match self.proto_by_number.get(&proto.as_raw()) {
            Some(&i) => Ok(&self.protos[i as usize].name),
            None => {
                let n = proto.as_raw().to_string();
                Err(NetdbError::new("getprotobynumber", &n, NetdbCode::NotFound).into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_glibc() {
        let services = "# comment\n\
                        http\t80/tcp www # WorldWideWeb\n\
                        http 80/udp\n\
                        bad\n\
                        bad2 x/tcp\n\
                        bad3 80\n\
                        alt 80/tcp http\n\
                        echo 7/tcp\n";
        let protocols = "ip 0 IP\ntcp 6 TCP\ntcp2 6\nbad x\n";
        let c = NetdbCache::parse(services, protocols);
        assert_eq!(c.getservbyname("www", "tcp").unwrap(), 80);
        assert_eq!(c.getservbyname("http", "udp").unwrap(), 80);
        assert_eq!(c.getservbyport(80, "tcp").unwrap(), "http"); // the first entry wins
        assert_eq!(c.getservbyport(80, None).unwrap(), "http");
        assert_eq!(c.getservbyport(7, None).unwrap(), "echo");
        assert!(c.getservbyname("bad", None).is_err());
        assert!(c.getservbyname("bad3", None).is_err());
        assert!(c.getservbyname("HTTP", None).is_err()); // exact, like glibc
        assert!(c.getservbyname("WorldWideWeb", None).is_err()); // a comment
        assert_eq!(c.getprotobyname("TCP").unwrap(), Protocol::TCP);
        assert_eq!(c.getprotobynumber(Protocol::TCP).unwrap(), "tcp");
        assert!(c.getprotobyname("bad").is_err());
    }

    /// The answer by a plain scan of the lines, the way glibc's files backend reads them.
    fn scan(text: &str, name: &str, proto: Option<&str>) -> Option<u16> {
        text.lines().find_map(|line| {
            let f: Vec<&str> = fields(line).collect();
            let (port, pr) = f.get(1)?.split_once('/')?;
            let port = port.parse::<u16>().ok()?;
            let named = f[0] == name || f[2..].contains(&name);
            (named && !pr.is_empty() && proto.map_or(true, |p| p == pr)).then_some(port)
        })
    }

    proptest::proptest! {
        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        #[test]
        fn lookups_match_a_linear_scan(
            text in "([a-c]{1,2}[ \t]+[0-9]{1,2}/(tcp|udp|)([ \t]+[a-c#]{1,2}){0,3}[ \t]*\n){0,12}",
            name in "[a-c]{1,2}",
        ) {
            let c = NetdbCache::parse(&text, "");
            for proto in [None, Some("tcp"), Some("udp")] {
                proptest::prop_assert_eq!(c.getservbyname(&name, proto).ok(), scan(&text, &name, proto));
            }
        }

        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        #[test]
        fn any_text_parses_without_panicking(services in "\\PC{0,400}", protocols in "\\PC{0,200}") {
            let c = NetdbCache::parse(&services, &protocols);
            for name in services.split_whitespace().chain(protocols.split_whitespace()) {
                let _ = c.getservbyname(name, None);
                let _ = c.getservbyname(name, "tcp");
                let _ = c.getprotobyname(name);
            }
        }
    }
}

//! The host's interfaces: `getifaddrs`, `if_nametoindex`, `if_indextoname`, `if_nameindex`.

use std::net::IpAddr;

use crate::addr::SockAddr;
use crate::error::Result;
use crate::ether::MacAddr;
use crate::sys;
use crate::types::c_flags;

/// The `IFF_*` flags of an interface (`ifa_flags`, `SIOCGIFFLAGS`). `Debug` prints the C
/// names; [`names`](IfFlags::names) gives them without the prefix, as `ifconfig` shows them.
///
/// ```
/// use berkeley::netdb::IfFlags;
///
/// let f = IfFlags::UP | IfFlags::LOOPBACK | IfFlags::RUNNING;
/// assert_eq!(format!("{f:?}"), "IFF_UP | IFF_LOOPBACK | IFF_RUNNING");
/// assert_eq!(f.names().collect::<Vec<_>>(), ["UP", "LOOPBACK", "RUNNING"]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct IfFlags(u32);

c_flags! {
    IfFlags(u32);
    consts {
        /// `IFF_UP`: the interface is administratively up.
        pub const UP: IfFlags = IfFlags(sys::IFF_UP);
        /// `IFF_BROADCAST`: the broadcast address is valid.
        pub const BROADCAST: IfFlags = IfFlags(sys::IFF_BROADCAST);
        /// `IFF_DEBUG`: debugging is on.
        pub const DEBUG: IfFlags = IfFlags(sys::IFF_DEBUG);
        /// `IFF_LOOPBACK`: a loopback interface.
        pub const LOOPBACK: IfFlags = IfFlags(sys::IFF_LOOPBACK);
        /// `IFF_POINTOPOINT`: a point-to-point link (the destination address is valid).
        pub const POINTOPOINT: IfFlags = IfFlags(sys::IFF_POINTOPOINT);
        /// `IFF_RUNNING`: resources allocated (operationally up on Linux).
        pub const RUNNING: IfFlags = IfFlags(sys::IFF_RUNNING);
        /// `IFF_NOARP`: no ARP.
        pub const NOARP: IfFlags = IfFlags(sys::IFF_NOARP);
        /// `IFF_PROMISC`: receives every packet.
        pub const PROMISC: IfFlags = IfFlags(sys::IFF_PROMISC);
        /// `IFF_ALLMULTI`: receives every multicast packet.
        pub const ALLMULTI: IfFlags = IfFlags(sys::IFF_ALLMULTI);
        /// `IFF_MULTICAST`: supports multicast.
        pub const MULTICAST: IfFlags = IfFlags(sys::IFF_MULTICAST);
        /// `IFF_LOWER_UP`: the link layer is up (Linux).
        #[cfg(any(target_os = "linux", target_os = "android"))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
        pub const LOWER_UP: IfFlags = IfFlags(sys::IFF_LOWER_UP);
        /// `IFF_DORMANT`: the link is dormant (Linux).
        #[cfg(any(target_os = "linux", target_os = "android"))]
        #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
        pub const DORMANT: IfFlags = IfFlags(sys::IFF_DORMANT);
    }
    /// No flag.
    ///
    /// ```
    /// assert!(berkeley::netdb::IfFlags::empty().is_empty());
    /// ```
    fn empty;
    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(!berkeley::netdb::IfFlags::UP.is_empty());
    /// ```
    fn is_empty;
    /// Whether every flag of `other` is set.
    ///
    /// ```
    /// use berkeley::netdb::IfFlags;
    /// assert!((IfFlags::UP | IfFlags::RUNNING).contains(IfFlags::UP));
    /// ```
    fn contains;
    /// The flags from their C value.
    ///
    /// ```
    /// use berkeley::netdb::IfFlags;
    /// assert_eq!(IfFlags::from_raw(1), IfFlags::UP); // IFF_UP
    /// ```
    fn from_raw;
    /// The C value.
    ///
    /// ```
    /// assert_eq!(berkeley::netdb::IfFlags::UP.as_raw(), 1);
    /// ```
    fn as_raw;
    debug {
        UP => "IFF_UP",
        BROADCAST => "IFF_BROADCAST",
        DEBUG => "IFF_DEBUG",
        LOOPBACK => "IFF_LOOPBACK",
        POINTOPOINT => "IFF_POINTOPOINT",
        RUNNING => "IFF_RUNNING",
        NOARP => "IFF_NOARP",
        PROMISC => "IFF_PROMISC",
        ALLMULTI => "IFF_ALLMULTI",
        MULTICAST => "IFF_MULTICAST",
        #[cfg(any(target_os = "linux", target_os = "android"))]
        LOWER_UP => "IFF_LOWER_UP",
        #[cfg(any(target_os = "linux", target_os = "android"))]
        DORMANT => "IFF_DORMANT",
    }
}

impl IfFlags {
    /// The names of the set flags without `IFF_` (`"UP"`, `"BROADCAST"`, ...), in the order
    /// `ifconfig` prints them; unknown bits are left out (see [`as_raw`](IfFlags::as_raw)).
    ///
    /// ```
    /// use berkeley::netdb::IfFlags;
    /// let f = IfFlags::MULTICAST | IfFlags::UP;
    /// assert_eq!(f.names().collect::<Vec<_>>().join(","), "UP,MULTICAST");
    /// ```
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        const ALL: &[(IfFlags, &str)] = &[
            (IfFlags::UP, "UP"),
            (IfFlags::BROADCAST, "BROADCAST"),
            (IfFlags::DEBUG, "DEBUG"),
            (IfFlags::LOOPBACK, "LOOPBACK"),
            (IfFlags::POINTOPOINT, "POINTOPOINT"),
            (IfFlags::RUNNING, "RUNNING"),
            (IfFlags::NOARP, "NOARP"),
            (IfFlags::PROMISC, "PROMISC"),
            (IfFlags::ALLMULTI, "ALLMULTI"),
            (IfFlags::MULTICAST, "MULTICAST"),
            #[cfg(any(target_os = "linux", target_os = "android"))]
            (IfFlags::LOWER_UP, "LOWER_UP"),
            #[cfg(any(target_os = "linux", target_os = "android"))]
            (IfFlags::DORMANT, "DORMANT"),
        ];
        ALL.iter().filter(move |(f, _)| self.contains(*f)).map(|&(_, n)| n)
    }
}

/// One entry of [`getifaddrs`] (`struct ifaddrs`): an interface and one of its addresses.
///
/// On Linux each interface also has one `AF_PACKET` entry (its link-layer address, see
/// [`mac`](IfAddr::mac)); on macOS and FreeBSD an `AF_LINK` one; on Windows none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IfAddr {
    /// `ifa_name`: the interface name (`lo`, `eth0`).
    pub name: String,
    /// The interface index (`if_nametoindex(ifa_name)`; 0 if the interface vanished meanwhile).
    pub index: u32,
    /// `ifa_flags`.
    pub flags: IfFlags,
    /// `ifa_addr`: the address (IPv4, IPv6 or link layer), if any.
    pub addr: Option<SockAddr>,
    /// `ifa_netmask`, for IP addresses.
    pub netmask: Option<SockAddr>,
    /// `ifa_broadaddr`, when the interface has [`IfFlags::BROADCAST`].
    pub broadaddr: Option<SockAddr>,
    /// `ifa_dstaddr`, when the interface has [`IfFlags::POINTOPOINT`].
    pub dstaddr: Option<SockAddr>,
}

impl IfAddr {
    /// The IP address, for an IPv4 or IPv6 entry.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let ifs = berkeley::netdb::getifaddrs()?;
    /// assert!(ifs.iter().any(|a| a.ip() == Some("127.0.0.1".parse().unwrap())));
    /// # Ok(()) }
    /// ```
    pub fn ip(&self) -> Option<IpAddr> {
        self.addr.and_then(|a| a.as_socket()).map(|a| a.ip())
    }

    /// The prefix length of the netmask (`24` for `255.255.255.0`), for an IP entry.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let ifs = berkeley::netdb::getifaddrs()?;
    /// let lo = ifs.iter().find(|a| a.ip() == Some("127.0.0.1".parse().unwrap())).unwrap();
    /// assert_eq!(lo.prefixlen(), Some(8));
    /// # Ok(()) }
    /// ```
    pub fn prefixlen(&self) -> Option<u32> {
        let mask = self.netmask?.as_socket()?.ip();
        Some(match mask {
            IpAddr::V4(m) => u32::from(m).leading_ones(),
            IpAddr::V6(m) => u128::from(m).leading_ones(),
        })
    }

    /// The hardware (MAC) address, for a link-layer entry with a 6-byte address.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let ifs = berkeley::netdb::getifaddrs()?;
    /// assert!(ifs.iter().filter(|a| a.mac().is_some()).all(|a| a.is_link()));
    /// # #[cfg(target_os = "linux")]
    /// assert!(ifs.iter().any(|a| a.name == "lo" && a.mac().is_some())); // 00:00:00:00:00:00
    /// # Ok(()) }
    /// ```
    pub fn mac(&self) -> Option<MacAddr> {
        self.addr.as_ref().and_then(sys::link_mac)
    }

    /// Whether this is the link-layer entry of its interface (`AF_PACKET`/`AF_LINK`).
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let ifs = berkeley::netdb::getifaddrs()?;
    /// assert!(ifs.iter().filter(|a| a.ip().is_some()).all(|a| !a.is_link()));
    /// # Ok(()) }
    /// ```
    pub fn is_link(&self) -> bool {
        self.addr.as_ref().is_some_and(sys::is_link)
    }
}

/// One interface with all its addresses: the grouped view of [`Interfaces`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Interface {
    /// The interface name.
    pub name: String,
    /// The interface index.
    pub index: u32,
    /// The interface flags.
    pub flags: IfFlags,
    /// The MTU (Linux: `SIOCGIFMTU`; macOS/FreeBSD: the link entry's `if_data`; Windows: the
    /// adapter's).
    pub mtu: Option<u32>,
    /// The hardware address, if the link layer has a 6-byte one.
    pub mac: Option<MacAddr>,
    /// The IP entries (IPv4 first, then IPv6, each in the C library's order).
    pub addrs: Vec<IfAddr>,
}

/// What [`getifaddrs`] returned: every entry (iterate over it, as over C's list) and the
/// interfaces they belong to ([`interfaces`](Interfaces::interfaces)). The C list is copied
/// and freed (`freeifaddrs`) inside `getifaddrs`, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interfaces {
    entries: Vec<IfAddr>,
    grouped: Vec<Interface>,
}

impl Interfaces {
    /// Every entry, in the C library's order.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// for a in berkeley::netdb::getifaddrs()?.iter() {
    ///     let _ = (&a.name, a.flags, a.addr);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, IfAddr> {
        self.entries.iter()
    }

    /// The number of entries.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// assert!(berkeley::netdb::getifaddrs()?.len() > 0);
    /// # Ok(()) }
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// assert!(!berkeley::netdb::getifaddrs()?.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One [`Interface`] per interface name, ordered by index, each with its addresses.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let ifs = berkeley::netdb::getifaddrs()?;
    /// let lo = ifs.interfaces().iter().find(|i| i.flags.contains(berkeley::netdb::IfFlags::LOOPBACK)).unwrap();
    /// assert!(lo.addrs.iter().any(|a| a.prefixlen() == Some(8)));
    /// # Ok(()) }
    /// ```
    pub fn interfaces(&self) -> &[Interface] {
        &self.grouped
    }

    /// The interface named `name`.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// # #[cfg(target_os = "linux")]
    /// assert_eq!(berkeley::netdb::getifaddrs()?.get("lo").unwrap().index, 1);
    /// # Ok(()) }
    /// ```
    pub fn get(&self, name: &str) -> Option<&Interface> {
        self.grouped.iter().find(|i| i.name == name)
    }
}

impl<'a> IntoIterator for &'a Interfaces {
    type Item = &'a IfAddr;
    type IntoIter = std::slice::Iter<'a, IfAddr>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

/// `getifaddrs(3)` — the host's interfaces and their addresses.
///
/// C: `getifaddrs(&ifap); for (ifa = ifap; ifa; ifa = ifa->ifa_next) ...; freeifaddrs(ifap)`.
/// Python has no equivalent (`psutil.net_if_addrs()`). The entries are copied out and the C
/// list freed before this returns.
///
/// Windows has no `getifaddrs`: there berkeley builds the same entries from
/// `GetAdaptersAddresses` — each adapter under its friendly name (`Ethernet`), one entry per
/// unicast address with the netmask of its on-link prefix and, for IPv4, the broadcast address
/// that prefix implies; no link-layer entries (the MAC and MTU are on the [`Interface`]); and
/// [`IfFlags`] derived from the adapter's status (`UP`, `RUNNING`), type (`LOOPBACK`,
/// `POINTOPOINT`, else `BROADCAST`) and `MULTICAST` unless the adapter has it off.
///
/// Tested on Linux against `ip -j addr`, on the host and in a network namespace with a veth
/// pair; on Windows under wine (the loopback interface); compiled for macOS and FreeBSD
/// (`AF_LINK`).
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// for i in berkeley::netdb::getifaddrs()?.interfaces() {
///     for a in &i.addrs {
///         println!("{} {}/{}", i.name, a.ip().unwrap(), a.prefixlen().unwrap_or(0));
///     }
/// }
/// # Ok(()) }
/// ```
///
/// See [getifaddrs(3)](https://man7.org/linux/man-pages/man3/getifaddrs.3.html).
pub fn getifaddrs() -> Result<Interfaces> {
    let raw = sys::getifaddrs()?;
    let mut grouped: Vec<Interface> = Vec::new();
    let mut entries = Vec::with_capacity(raw.len());
    for r in raw {
        let pos = match grouped.iter().position(|i| i.name == r.name) {
            Some(p) => p,
            None => {
                let index = match r.index {
                    Some(i) => i,
                    None => sys::if_nametoindex(&r.name).unwrap_or(0),
                };
                grouped.push(Interface {
                    index,
                    name: r.name.clone(),
                    flags: IfFlags::from_raw(r.flags),
                    mtu: None,
                    mac: None,
                    addrs: Vec::new(),
                });
                grouped.len() - 1
            }
        };
        let flags = IfFlags::from_raw(r.flags);
        let (broadaddr, dstaddr) =
            if flags.contains(IfFlags::POINTOPOINT) { (None, r.ifu) } else { (r.ifu, None) };
        let entry = IfAddr {
            index: grouped[pos].index,
            name: r.name,
            flags,
            addr: r.addr,
            netmask: r.netmask,
            broadaddr,
            dstaddr,
        };
        let iface = &mut grouped[pos];
        if r.mtu.is_some() {
            iface.mtu = r.mtu;
        }
        if r.mac.is_some() {
            iface.mac = r.mac;
        }
        if entry.is_link() {
            iface.flags = flags;
        } else if entry.ip().is_some() {
            iface.addrs.push(entry.clone());
        }
        entries.push(entry);
    }
    for iface in &mut grouped {
        iface.addrs.sort_by_key(|a| a.ip().is_some_and(|ip| ip.is_ipv6()));
    }
    grouped.sort_by_key(|i| i.index);
    Ok(Interfaces { entries, grouped })
}

/// `if_nametoindex(3)` — the index of an interface name.
///
/// Errors: `if_nametoindex: No such device (os error 19)` for an unknown name. On Windows
/// (iphlpapi's `if_nametoindex`) the names are NDIS interface names (`ethernet_32768`), not the
/// friendly names [`getifaddrs`] reports.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// # #[cfg(target_os = "linux")]
/// assert_eq!(berkeley::netdb::if_nametoindex("lo")?, 1);
/// assert!(berkeley::netdb::if_nametoindex("nosuch0").is_err());
/// # Ok(()) }
/// ```
///
/// See [if_nametoindex(3)](https://man7.org/linux/man-pages/man3/if_nametoindex.3.html).
pub fn if_nametoindex(name: &str) -> Result<u32> {
    sys::if_nametoindex(name)
}

/// `if_indextoname(3)` — the name of an interface index.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// # #[cfg(target_os = "linux")]
/// assert_eq!(berkeley::netdb::if_indextoname(1)?, "lo");
/// assert!(berkeley::netdb::if_indextoname(0).is_err());
/// # Ok(()) }
/// ```
///
/// See [if_indextoname(3)](https://man7.org/linux/man-pages/man3/if_indextoname.3.html).
pub fn if_indextoname(index: u32) -> Result<String> {
    sys::if_indextoname(index)
}

/// One entry of [`if_nameindex`].
#[cfg(unix)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IfNameIndex {
    /// `if_index`.
    pub index: u32,
    /// `if_name`.
    pub name: String,
}

/// `if_nameindex(3)` — every interface's index and name (Python:
/// `socket.if_nameindex()`).
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// let all = berkeley::netdb::if_nameindex()?;
/// for e in &all {
///     assert_eq!(berkeley::netdb::if_indextoname(e.index)?, e.name);
/// }
/// # Ok(()) }
/// ```
///
/// See [if_nameindex(3)](https://man7.org/linux/man-pages/man3/if_nameindex.3.html).
#[cfg(unix)]
pub fn if_nameindex() -> Result<Vec<IfNameIndex>> {
    Ok(sys::if_nameindex()?.into_iter().map(|(index, name)| IfNameIndex { index, name }).collect())
}

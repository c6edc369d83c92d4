//! ICMP sockets: which kind this process may open, and why not.
//!
//! There are two ways to send an ICMP echo request (what `ping` does), and which one works
//! depends on the system and on the process:
//!
//! | socket | C | who may open it | what it receives |
//! |---|---|---|---|
//! | raw | `socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)` | Linux: `CAP_NET_RAW` (root); Windows: Administrator; BSD/macOS: root | **every** ICMP message the host receives, IPv4 header included (IPv6: without it) |
//! | datagram ("ping socket") | `socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)` | Linux: a process with a group in `net.ipv4.ping_group_range`; macOS: everyone; FreeBSD, Windows: nobody | only the replies to its own requests, ICMP header first |
//!
//! [`access`] tries both, closes what it opened, and says which works and why the other does
//! not, so a program can pick without guessing:
//!
//! ```
//! use berkeley::icmp;
//! use berkeley::{Domain, Protocol, Socket};
//! # fn main() -> berkeley::Result<()> {
//! let access = icmp::access(Domain::INET)?;
//! match access.socket_type() {
//!     Some(ty) => {
//!         let s = Socket::new(Domain::INET, ty, Protocol::ICMP)?;
//!         // ... build an echo request with berkeley::wire::Icmpv4Repr and sendto it ...
//!         # drop(s);
//!     }
//!     None => {
//!         // Both refused; each reason says why, e.g.
//!         // "raw ICMP sockets need CAP_NET_RAW (socket(SOCK_RAW): Operation not permitted ...)"
//!         eprintln!("ping: {}", access.raw.unwrap_err());
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Datagram ICMP sockets on Linux
//!
//! - **Who may open one.** The sysctl `net.ipv4.ping_group_range` (two group ids, default
//!   `1 0`: an empty range, nobody) lists the groups allowed; the process's effective group or
//!   one of its supplementary groups must lie in it, else `socket` fails with `EACCES`. The
//!   same sysctl governs `IPPROTO_ICMPV6` datagram sockets. It is per network namespace;
//!   [`IcmpAccess::ping_group_range`] is the value in the caller's. Many distributions set it to
//!   `0 2147483647` (everyone).
//! - **The kernel rewrites the echo identifier.** Whatever identifier the request carries, the
//!   kernel sends the socket's local "port" instead, and delivers to the socket only replies that
//!   carry it. `bind` to `(addr, N)` chooses `N`; otherwise the kernel picks a free one at the
//!   first `sendto` (`getsockname` then shows it). Match replies by sequence number, or read the
//!   identifier with `getsockname`.
//! - **The kernel computes the checksum** of requests, and a received message starts at the
//!   ICMP header (no IP header, unlike a raw IPv4 socket). The TTL of a reply comes as an
//!   `IP_TTL` control message after `IP_RECVTTL`.
//!
//! # Raw ICMP sockets
//!
//! A raw `IPPROTO_ICMP` socket sees every ICMP message: other programs' replies, and on
//! loopback its own requests. Filter in the kernel with
//! `sockopt::IcmpFilter` (Linux) and match the identifier yourself; on
//! IPv4 each message read starts with the IP header (parse it with
//! [`wire::Ipv4Packet`](crate::wire::Ipv4Packet)).
//!
//! # Windows
//!
//! Winsock opens raw ICMP sockets for members of the Administrators group only (`WSAEACCES`
//! otherwise) and has no datagram ICMP sockets (Windows programs use `IcmpSendEcho` from the IP
//! helper API, which berkeley does not wrap). Winsock has no `AF_PACKET`, and its `IP_HDRINCL`
//! is refused for TCP.
//!
//! Tested on Linux (raw and datagram sockets, with and without `CAP_NET_RAW`, in network
//! namespaces). On Windows only the examples run, under wine in CI, and assert nothing about
//! which socket opens (wine's answer is not Windows'); macOS and FreeBSD are compiled only.
//!
//! See [icmp(7)](https://man7.org/linux/man-pages/man7/icmp.7.html) and
//! [raw(7)](https://man7.org/linux/man-pages/man7/raw.7.html).

use std::fmt;

use crate::error::{Error, Result};
use crate::sys::{self, c};
use crate::types::{Domain, Protocol, Type};

/// What [`access`] found: whether this process can open a raw and a datagram ICMP socket of
/// one address family, and why not.
///
/// ```
/// use berkeley::icmp;
/// use berkeley::Domain;
/// # fn main() -> berkeley::Result<()> {
/// let a = icmp::access(Domain::INET)?;
/// println!("raw: {}", if a.raw.is_ok() { "yes" } else { "no" });
/// if let Err(why) = &a.dgram {
///     println!("datagram: {why}");
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct IcmpAccess {
    /// The address family probed: [`Domain::INET`] (ICMP) or [`Domain::INET6`] (ICMPv6).
    pub family: Domain,
    /// Whether `socket(family, SOCK_RAW, IPPROTO_ICMP[V6])` succeeds.
    pub raw: std::result::Result<(), IcmpDenied>,
    /// Whether `socket(family, SOCK_DGRAM, IPPROTO_ICMP[V6])` succeeds.
    pub dgram: std::result::Result<(), IcmpDenied>,
    /// Linux: `net.ipv4.ping_group_range` of the caller's network namespace (`None` where the
    /// sysctl does not exist or cannot be read).
    pub ping_group_range: Option<PingGroupRange>,
}

impl IcmpAccess {
    /// The socket type to use: [`Type::RAW`] if raw ICMP is open to this process (it sees every
    /// ICMP message and allows `IP_HDRINCL`), else [`Type::DGRAM`] if datagram ICMP is, else
    /// `None`.
    ///
    /// ```
    /// use berkeley::{icmp, Domain, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let a = icmp::access(Domain::INET)?;
    /// assert_eq!(a.socket_type() == Some(Type::RAW), a.raw.is_ok());
    /// # Ok(()) }
    /// ```
    pub fn socket_type(&self) -> Option<Type> {
        if self.raw.is_ok() {
            Some(Type::RAW)
        } else if self.dgram.is_ok() {
            Some(Type::DGRAM)
        } else {
            None
        }
    }

    /// The protocol argument for this family: [`Protocol::ICMP`] or [`Protocol::ICMPV6`].
    ///
    /// ```
    /// use berkeley::{icmp, Domain, Protocol};
    /// # fn main() -> berkeley::Result<()> {
    /// assert_eq!(icmp::access(Domain::INET)?.protocol(), Protocol::ICMP);
    /// # Ok(()) }
    /// ```
    pub fn protocol(&self) -> Protocol {
        protocol_of(self.family)
    }
}

/// Why an ICMP socket cannot be opened. Each case keeps the OS error of the refused `socket`
/// call ([`error`](IcmpDenied::error)); `Display` explains it in one line.
///
/// ```
/// use berkeley::icmp::{self, IcmpDenied};
/// use berkeley::Domain;
/// # fn main() -> berkeley::Result<()> {
/// if let Err(IcmpDenied::NotInPingGroupRange { range, .. }) = &icmp::access(Domain::INET)?.dgram {
///     println!("ask the admin to widen net.ipv4.ping_group_range ({range:?})");
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum IcmpDenied {
    /// The process lacks the privilege: Linux `CAP_NET_RAW` (`EPERM`), Windows membership of
    /// Administrators (`WSAEACCES`), root on the BSDs and macOS.
    NeedsPrivilege {
        /// The refused `socket` call's error.
        error: Error,
    },
    /// Linux datagram ICMP: neither the effective group nor any supplementary group of the
    /// process is in `net.ipv4.ping_group_range` (`EACCES`).
    NotInPingGroupRange {
        /// The range in force, if it could be read.
        range: Option<PingGroupRange>,
        /// The refused `socket` call's error.
        error: Error,
    },
    /// The system has no such socket (`EPROTONOSUPPORT`, `ESOCKTNOSUPPORT`, or
    /// `EAFNOSUPPORT` when the family is disabled, like IPv6 with `ipv6.disable=1`).
    Unsupported {
        /// The refused `socket` call's error.
        error: Error,
    },
    /// Any other failure (`EMFILE`, `ENOBUFS`, ...): not a matter of permission.
    Failed {
        /// The `socket` call's error.
        error: Error,
    },
}

impl IcmpDenied {
    /// The OS error of the refused `socket` call (its call is `"socket(SOCK_RAW)"` or
    /// `"socket(SOCK_DGRAM)"`).
    ///
    /// ```
    /// use berkeley::{icmp, Domain};
    /// # fn main() -> berkeley::Result<()> {
    /// if let Err(why) = icmp::access(Domain::INET)?.raw {
    ///     assert_eq!(why.error().call(), Some("socket(SOCK_RAW)"));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn error(&self) -> &Error {
        match self {
            IcmpDenied::NeedsPrivilege { error }
            | IcmpDenied::NotInPingGroupRange { error, .. }
            | IcmpDenied::Unsupported { error }
            | IcmpDenied::Failed { error } => error,
        }
    }
}

impl fmt::Display for IcmpDenied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IcmpDenied::NeedsPrivilege { error } => {
                let who = if cfg!(windows) {
                    "Administrator rights"
                } else if cfg!(any(target_os = "linux", target_os = "android")) {
                    "CAP_NET_RAW (root)"
                } else {
                    "root"
                };
                let what = if error.call() == Some(RAW_CALL) { "raw" } else { "datagram" };
                write!(f, "{what} ICMP sockets need {who} ({error})")
            }
            IcmpDenied::NotInPingGroupRange { range, error } => {
                f.write_str("no group of this process is in net.ipv4.ping_group_range")?;
                if let Some(r) = range {
                    write!(f, " ({} {})", r.first, r.last)?;
                }
                write!(f, " ({error})")
            }
            IcmpDenied::Unsupported { error } => {
                write!(f, "the system has no such ICMP socket ({error})")
            }
            IcmpDenied::Failed { error } => fmt::Display::fmt(error, f),
        }
    }
}

impl std::error::Error for IcmpDenied {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.error())
    }
}

/// Linux `net.ipv4.ping_group_range`: the inclusive range of group ids allowed to open datagram
/// ICMP sockets. `first > last` (the kernel default `1 0`) is the empty range.
///
/// ```
/// use berkeley::icmp::PingGroupRange;
///
/// let r = PingGroupRange { first: 0, last: 2147483647 };
/// assert!(r.contains(1000));
/// assert!(PingGroupRange { first: 1, last: 0 }.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PingGroupRange {
    /// The first group id allowed.
    pub first: u32,
    /// The last group id allowed (inclusive).
    pub last: u32,
}

impl PingGroupRange {
    /// Whether group id `gid` is in the range.
    ///
    /// ```
    /// use berkeley::icmp::PingGroupRange;
    /// assert!(!PingGroupRange { first: 1, last: 0 }.contains(0));
    /// ```
    pub const fn contains(&self, gid: u32) -> bool {
        self.first <= gid && gid <= self.last
    }

    /// Whether no group is allowed (`first > last`).
    ///
    /// ```
    /// use berkeley::icmp::PingGroupRange;
    /// assert!(!PingGroupRange { first: 0, last: 0 }.is_empty());
    /// ```
    pub const fn is_empty(&self) -> bool {
        self.first > self.last
    }

    /// Parses the sysctl's text: two decimal group ids separated by white space (`"1\t0\n"`).
    fn parse(text: &str) -> Option<PingGroupRange> {
        let mut it = text.split_ascii_whitespace().map(str::parse::<u32>);
        match (it.next(), it.next(), it.next()) {
            (Some(Ok(first)), Some(Ok(last)), None) => Some(PingGroupRange { first, last }),
            _ => None,
        }
    }
}

const RAW_CALL: &str = "socket(SOCK_RAW)";
const DGRAM_CALL: &str = "socket(SOCK_DGRAM)";

fn protocol_of(family: Domain) -> Protocol {
    if family == Domain::INET6 {
        Protocol::ICMPV6
    } else {
        Protocol::ICMP
    }
}

/// Probes which ICMP sockets of `family` this process can open: tries
/// `socket(family, SOCK_RAW, IPPROTO_ICMP)` and `socket(family, SOCK_DGRAM, IPPROTO_ICMP)`
/// (`IPPROTO_ICMPV6` for [`Domain::INET6`]), closes both, and classifies each failure. On Linux
/// it also reads `net.ipv4.ping_group_range`.
///
/// C has no such call: programs like iputils' `ping` try `SOCK_DGRAM`, then `SOCK_RAW`, and
/// interpret `errno` themselves. See the [module docs](self) for the rules it reports on.
///
/// # Errors
///
/// [`Error::InvalidInput`] if `family` is neither [`Domain::INET`] nor [`Domain::INET6`]. A
/// refused socket is not an error of this call: it is the answer, in [`IcmpAccess`].
///
/// ```
/// use berkeley::{icmp, Domain};
/// # fn main() -> berkeley::Result<()> {
/// let a = icmp::access(Domain::INET)?;
/// if a.socket_type().is_none() {
///     eprintln!("no ICMP socket: {}; {}", a.raw.unwrap_err(), a.dgram.unwrap_err());
/// }
/// assert!(icmp::access(Domain::UNIX).is_err());
/// # Ok(()) }
/// ```
pub fn access(family: Domain) -> Result<IcmpAccess> {
    if family != Domain::INET && family != Domain::INET6 {
        return Err(Error::InvalidInput {
            call: "icmp::access",
            what: "ICMP sockets exist only for AF_INET and AF_INET6",
        });
    }
    let ping_group_range = sys::ping_group_range().as_deref().and_then(PingGroupRange::parse);
    let proto = protocol_of(family).as_raw();
    let raw = probe(family, Type::RAW, proto, RAW_CALL, ping_group_range);
    let dgram = probe(family, Type::DGRAM, proto, DGRAM_CALL, ping_group_range);
    Ok(IcmpAccess { family, raw, dgram, ping_group_range })
}

/// Opens and closes one socket; on failure, says why.
fn probe(
    family: Domain,
    ty: Type,
    proto: i32,
    call: &'static str,
    range: Option<PingGroupRange>,
) -> std::result::Result<(), IcmpDenied> {
    let code = match sys::socket(family.as_raw(), ty.cloexec().as_raw(), proto) {
        Ok(sock) => {
            drop(sock); // closes it
            return Ok(());
        }
        Err(e) => match e.raw_os_error() {
            Some(code) => code,
            None => return Err(IcmpDenied::Failed { error: e }),
        },
    };
    let error = Error::os(call, code);
    Err(classify(ty, code, range, error))
}

/// The codes of a refused privilege: `EPERM` (Linux raw sockets), `EACCES` (BSD, Winsock).
#[cfg(unix)]
const PRIVILEGE_CODES: [i32; 2] = [c::EPERM, c::EACCES];
#[cfg(windows)]
const PRIVILEGE_CODES: [i32; 1] = [c::EACCES];

fn classify(ty: Type, code: i32, range: Option<PingGroupRange>, error: Error) -> IcmpDenied {
    let linux = cfg!(any(target_os = "linux", target_os = "android"));
    if linux && ty == Type::DGRAM && code == c::EACCES {
        IcmpDenied::NotInPingGroupRange { range, error }
    } else if PRIVILEGE_CODES.contains(&code) {
        IcmpDenied::NeedsPrivilege { error }
    } else if code == c::EPROTONOSUPPORT || code == c::ESOCKTNOSUPPORT || code == c::EAFNOSUPPORT {
        IcmpDenied::Unsupported { error }
    } else {
        IcmpDenied::Failed { error }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_sysctl_text() {
        assert_eq!(PingGroupRange::parse("1\t0\n"), Some(PingGroupRange { first: 1, last: 0 }));
        assert_eq!(
            PingGroupRange::parse("0\t2147483647\n"),
            Some(PingGroupRange { first: 0, last: 2147483647 })
        );
        assert_eq!(PingGroupRange::parse("1"), None);
        assert_eq!(PingGroupRange::parse("1 2 3"), None);
        assert_eq!(PingGroupRange::parse("-1 2"), None);
    }

    #[test]
    fn classifies_errno() {
        let e = || Error::os(RAW_CALL, c::EACCES);
        assert!(matches!(
            classify(Type::RAW, c::EACCES, None, e()),
            IcmpDenied::NeedsPrivilege { .. }
        ));
        #[cfg(unix)]
        assert!(matches!(
            classify(Type::RAW, c::EPERM, None, e()),
            IcmpDenied::NeedsPrivilege { .. }
        ));
        assert!(matches!(
            classify(Type::RAW, c::EAFNOSUPPORT, None, e()),
            IcmpDenied::Unsupported { .. }
        ));
        assert!(matches!(classify(Type::RAW, c::EMFILE, None, e()), IcmpDenied::Failed { .. }));
        let d = classify(Type::DGRAM, c::EACCES, Some(PingGroupRange { first: 1, last: 0 }), e());
        if cfg!(target_os = "linux") {
            assert!(matches!(d, IcmpDenied::NotInPingGroupRange { .. }));
            assert!(d
                .to_string()
                .starts_with("no group of this process is in net.ipv4.ping_group_range (1 0) ("));
        } else {
            assert!(matches!(d, IcmpDenied::NeedsPrivilege { .. }));
        }
    }
}

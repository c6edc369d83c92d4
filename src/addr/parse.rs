//! `FromStr` for [`SockAddr`], [`SockAddrIn`], [`SockAddrIn6`] and [`SockAddrUn`]: the text
//! forms C and Python programs write for numeric addresses, no name lookup.
//!
//! | form | family | host grammar |
//! |---|---|---|
//! | `a.b.c.d:port` | `AF_INET` | [`inet_aton`](crate::inet_aton) without trailing text: what glibc's `getaddrinfo(AI_NUMERICHOST)` (and so Python) accepts — `127.1:80`, `0x7f.0.0.1:80` |
//! | `[v6]:port`, `[v6%scope]:port` | `AF_INET6` | [`inet_pton6`](crate::inet_pton6); decimal scope id (no interface names) |
//! | text containing `/` | `AF_UNIX` | a pathname, as is: `/tmp/s`, `./s`, `run/s` |
//! | `@name` | `AF_UNIX` (Linux) | an abstract name; `\\` and `\xNN` escapes, as `Display` prints them |
//!
//! The port is decimal, 0–65535 (leading zeros allowed; no sign, no spaces).

use std::str::FromStr;

use super::{SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn};
use crate::error::{Error, ParseError, ParseErrorKind, Result};
use crate::inet::{inet_aton_bytes, inet_pton6_bytes};
use crate::types::Domain;

const WHAT: &str = "socket address";

fn err(kind: ParseErrorKind, pos: usize) -> Error {
    Error::Parse(ParseError::new(WHAT, kind, pos))
}

/// Which form the text is in: `@` first is an abstract name (which may contain `/`, as X11's
/// `@/tmp/.X11-unix/X0`), then any `/` makes a path (IP forms never contain one), then `[` first
/// is IPv6, and anything else IPv4.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    In,
    In6,
    Path,
    Abstract,
}

impl Form {
    fn of(s: &str) -> Result<Form> {
        let b = s.as_bytes();
        match b.first() {
            None => Err(err(ParseErrorKind::Empty, 0)),
            Some(b'@') => Ok(Form::Abstract),
            _ if b.contains(&b'/') || (cfg!(windows) && b.contains(&b'\\')) => Ok(Form::Path),
            Some(b'[') => Ok(Form::In6),
            _ => Ok(Form::In),
        }
    }

    fn domain(self) -> Domain {
        match self {
            Form::In => Domain::INET,
            Form::In6 => Domain::INET6,
            Form::Path | Form::Abstract => Domain::UNIX,
        }
    }

    /// Parses `s`, which is in this form.
    fn parse(self, s: &str) -> Result<SockAddr> {
        match self {
            Form::In => parse_in(s).map(SockAddr::from),
            Form::In6 => parse_in6(s).map(SockAddr::from),
            Form::Path | Form::Abstract => parse_un(self, s).map(SockAddr::from),
        }
    }
}

/// A decimal port (digits only, leading zeros allowed, at most 65535) at byte `at` of the input.
fn port(s: &str, at: usize) -> Result<u16> {
    if s.is_empty() {
        return Err(err(ParseErrorKind::UnexpectedEnd, at));
    }
    let mut v: u32 = 0;
    for (i, b) in s.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return Err(err(ParseErrorKind::InvalidChar, at + i));
        }
        v = v * 10 + u32::from(b - b'0');
        if v > u32::from(u16::MAX) {
            return Err(err(ParseErrorKind::ValueOutOfRange, at));
        }
    }
    Ok(v as u16)
}

/// A numeric host and a port, as Python's `(host, port)` tuple: an IPv6 address (with an
/// optional `%scope`) if the host contains a `:`, else an IPv4 one; the host grammars of
/// `FromStr`, error positions within `host`.
pub(super) fn host_port(host: &str, port: u16) -> Result<SockAddr> {
    if host.contains(':') {
        let (ip_text, scope) = match host.find('%') {
            Some(p) => (&host[..p], Some((&host[p + 1..], p + 1))),
            None => (host, None),
        };
        let ip = inet_pton6_bytes(ip_text.as_bytes()).map_err(|e| err(e.kind(), e.position()))?;
        let scope_id = match scope {
            Some((text, at)) => scope_id(text, at)?,
            None => 0,
        };
        Ok(SockAddr::from(SockAddrIn6::new(ip, port, 0, scope_id)))
    } else {
        Ok(SockAddr::from(SockAddrIn::new(ipv4_host(host.as_bytes())?, port)))
    }
}

/// An IPv4 host for `host:port` and `(host, port)`.
fn ipv4_host(host: &[u8]) -> Result<std::net::Ipv4Addr> {
    // A ':' in the host is an IPv6 address without brackets; whitespace is where inet_aton
    // would stop and ignore the rest; a NUL is where C would see the end.
    if let Some(i) = host.iter().position(|&b| matches!(b, 0 | b':' | b' ' | b'\t'..=b'\r')) {
        return Err(err(ParseErrorKind::InvalidChar, i));
    }
    inet_aton_bytes(host).map_err(|e| err(e.kind(), e.position()))
}

/// `host:port` with an [`inet_aton`](crate::inet_aton) host that is the whole text before the
/// last `:`, as glibc's `__inet_aton_exact` (the numeric-host path of `getaddrinfo`) takes it: no
/// whitespace (where `inet_aton` would stop and ignore the rest), no NUL.
fn parse_in(s: &str) -> Result<SockAddrIn> {
    let colon = s.rfind(':').ok_or_else(|| err(ParseErrorKind::UnexpectedEnd, s.len()))?;
    let ip = ipv4_host(&s.as_bytes()[..colon])?;
    let port = port(&s[colon + 1..], colon + 1)?;
    Ok(SockAddrIn::new(ip, port))
}

/// `[v6]:port` or `[v6%scope]:port`.
fn parse_in6(s: &str) -> Result<SockAddrIn6> {
    debug_assert!(s.starts_with('['));
    let close = s.find(']').ok_or_else(|| err(ParseErrorKind::UnexpectedEnd, s.len()))?;
    let inside = &s[1..close];
    let (ip_text, scope) = match inside.find('%') {
        Some(p) => (&inside[..p], Some((&inside[p + 1..], 1 + p + 1))),
        None => (inside, None),
    };
    let ip = inet_pton6_bytes(ip_text.as_bytes()).map_err(|e| err(e.kind(), 1 + e.position()))?;
    let scope_id = match scope {
        Some((text, at)) => scope_id(text, at)?,
        None => 0,
    };
    let rest = &s[close + 1..];
    match rest.as_bytes().first() {
        Some(b':') => {}
        Some(_) => return Err(err(ParseErrorKind::InvalidChar, close + 1)),
        None => return Err(err(ParseErrorKind::UnexpectedEnd, close + 1)),
    }
    let port = port(&rest[1..], close + 2)?;
    Ok(SockAddrIn6::new(ip, port, 0, scope_id))
}

/// A decimal scope id (at most `u32::MAX`, leading zeros allowed), as glibc's
/// `__inet6_scopeid_pton` takes a numeric one.
fn scope_id(text: &str, at: usize) -> Result<u32> {
    if text.is_empty() {
        return Err(err(ParseErrorKind::UnexpectedEnd, at));
    }
    let mut v: u32 = 0;
    for (i, b) in text.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return Err(err(ParseErrorKind::InvalidChar, at + i));
        }
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u32::from(b - b'0')))
            .ok_or_else(|| err(ParseErrorKind::ValueOutOfRange, at))?;
    }
    Ok(v)
}

/// A UNIX pathname (the text as is) or, on Linux, an `@`abstract name.
fn parse_un(form: Form, s: &str) -> Result<SockAddrUn> {
    if form == Form::Path {
        return SockAddrUn::new(s);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let mut name = [0u8; SockAddrUn::MAX_ABSTRACT_LEN + 1];
        let mut n = 0;
        let b = s.as_bytes();
        let mut i = 1;
        while i < b.len() {
            let (byte, used) = match b[i] {
                b'\\' => match b.get(i + 1) {
                    Some(b'\\') => (b'\\', 2),
                    Some(b'x') => match (b.get(i + 2).and_then(hex), b.get(i + 3).and_then(hex)) {
                        (Some(hi), Some(lo)) => (hi << 4 | lo, 4),
                        _ => {
                            let bad =
                                if b.get(i + 2).and_then(hex).is_none() { i + 2 } else { i + 3 };
                            let kind = if bad >= b.len() {
                                ParseErrorKind::UnexpectedEnd
                            } else {
                                ParseErrorKind::InvalidChar
                            };
                            return Err(err(kind, bad));
                        }
                    },
                    Some(_) => return Err(err(ParseErrorKind::InvalidChar, i + 1)),
                    None => return Err(err(ParseErrorKind::UnexpectedEnd, i + 1)),
                },
                other => (other, 1),
            };
            if n == SockAddrUn::MAX_ABSTRACT_LEN {
                return Err(Error::PathTooLong {
                    len: n + 1 + count_unescaped(&b[i + used..]),
                    max: SockAddrUn::MAX_ABSTRACT_LEN,
                });
            }
            name[n] = byte;
            n += 1;
            i += used;
        }
        SockAddrUn::new_abstract(&name[..n])
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = s;
        Err(err(ParseErrorKind::UnsupportedFamily, 0))
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn hex(b: &u8) -> Option<u8> {
    char::from(*b).to_digit(16).map(|d| d as u8)
}

/// How many bytes an escaped abstract name's tail stands for (each escape is one byte; a broken
/// escape counts as its characters).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn count_unescaped(b: &[u8]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        i += match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'\\')) => 2,
            (b'\\', Some(b'x')) => 4,
            _ => 1,
        };
        n += 1;
    }
    n
}

impl FromStr for SockAddr {
    type Err = Error;

    /// Parses an address in one of the forms C and Python programs write, with no name lookup:
    ///
    /// - `a.b.c.d:port` — IPv4. The host takes the [`inet_aton`](crate::inet_aton) grammar as glibc's
    ///   `getaddrinfo(AI_NUMERICHOST)` does (and so Python's `connect(("127.1", 80))`): also the
    ///   short and hex/octal forms (`127.1`, `0x7f.1`; note that `010.0.0.1` is **octal**, 8.0.0.1),
    ///   but nothing after the host (no whitespace).
    /// - `[v6]:port` or `[v6%scope]:port` — IPv6, [`inet_pton6`](crate::inet_pton6) grammar (glibc-exact), with a
    ///   decimal scope id. Interface names (`%eth0`) are not resolved here: look the index up
    ///   with `if_nametoindex` and write it as a number.
    /// - text containing a `/` (on Windows also `\`) — a UNIX pathname, taken as is (`/tmp/s`,
    ///   `./s`). A name without a slash is not a path: write `./name` (and `./@name` for a
    ///   relative path starting with `@`).
    /// - `@name` (Linux) — an abstract UNIX name; `\\` stands for a backslash and `\xNN` for any
    ///   byte, as [`Display`](std::fmt::Display) prints them, so printing and parsing round-trip.
    ///
    /// The port is decimal, 0–65535.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with the kind of problem and its byte position (`Empty`,
    /// `InvalidChar`, `UnexpectedEnd`, `ValueOutOfRange`, and the host's own errors);
    /// [`Error::PathTooLong`] / [`Error::PathNul`] for a UNIX name that does not fit or
    /// contains a NUL; `UnsupportedFamily` for `@name` where there are no abstract names.
    ///
    /// ```
    /// use berkeley::{Domain, Error, ParseErrorKind, SockAddr};
    /// # fn main() -> berkeley::Result<()> {
    /// let a: SockAddr = "127.0.0.1:8080".parse()?;
    /// assert_eq!(a.as_in().unwrap().port(), 8080);
    /// assert_eq!("127.1:80".parse::<SockAddr>()?.to_string(), "127.0.0.1:80"); // like getaddrinfo
    /// let b: SockAddr = "[fe80::1%2]:53".parse()?;
    /// assert_eq!((b.family(), b.as_in6().unwrap().scope_id()), (Domain::INET6, 2));
    /// let c: SockAddr = "/tmp/app.sock".parse()?;
    /// assert_eq!(c.family(), Domain::UNIX);
    ///
    /// let Err(Error::Parse(e)) = "localhost:80".parse::<SockAddr>() else { panic!() };
    /// assert_eq!((e.kind(), e.position()), (ParseErrorKind::InvalidChar, 0));
    /// let Err(Error::Parse(e)) = "10.0.0.1:65536".parse::<SockAddr>() else { panic!() };
    /// assert_eq!((e.kind(), e.position()), (ParseErrorKind::ValueOutOfRange, 9));
    /// # Ok(()) }
    /// ```
    fn from_str(s: &str) -> Result<SockAddr> {
        Form::of(s)?.parse(s)
    }
}

/// Parses `s` as family type `T`: its own form, or [`Error::WrongFamily`] for text in another
/// family's form.
fn parse_as<T>(
    s: &str,
    want: Form,
    expected: &'static str,
    parse: fn(&str) -> Result<T>,
) -> Result<T> {
    let form = Form::of(s)?;
    if form != want {
        return Err(Error::WrongFamily { expected, found: form.domain() });
    }
    parse(s)
}

impl FromStr for SockAddrIn {
    type Err = Error;

    /// Parses `a.b.c.d:port` as [`SockAddr`'s `FromStr`](SockAddr#impl-FromStr-for-SockAddr)
    /// does; text in another family's form (`[::1]:80`, `/tmp/s`) is [`Error::WrongFamily`].
    ///
    /// ```
    /// use berkeley::SockAddrIn;
    /// # fn main() -> berkeley::Result<()> {
    /// let a: SockAddrIn = "192.0.2.1:443".parse()?;
    /// assert_eq!((a.ip(), a.port()), (std::net::Ipv4Addr::new(192, 0, 2, 1), 443));
    /// assert!(matches!("[::1]:443".parse::<SockAddrIn>(), Err(berkeley::Error::WrongFamily { .. })));
    /// # Ok(()) }
    /// ```
    fn from_str(s: &str) -> Result<SockAddrIn> {
        parse_as(s, Form::In, "AF_INET", parse_in)
    }
}

impl FromStr for SockAddrIn6 {
    type Err = Error;

    /// Parses `[v6]:port` or `[v6%scope]:port` as [`SockAddr`'s
    /// `FromStr`](SockAddr#impl-FromStr-for-SockAddr) does; text in another family's form is
    /// [`Error::WrongFamily`].
    ///
    /// ```
    /// use berkeley::SockAddrIn6;
    /// # fn main() -> berkeley::Result<()> {
    /// let a: SockAddrIn6 = "[::1.2.3.4%7]:80".parse()?;
    /// assert_eq!((a.port(), a.scope_id()), (80, 7));
    /// assert_eq!(a.to_string(), "[::1.2.3.4%7]:80");
    /// assert!("127.0.0.1:80".parse::<SockAddrIn6>().is_err());
    /// # Ok(()) }
    /// ```
    fn from_str(s: &str) -> Result<SockAddrIn6> {
        parse_as(s, Form::In6, "AF_INET6", parse_in6)
    }
}

impl FromStr for SockAddrUn {
    type Err = Error;

    /// Parses a pathname (text containing `/`) or, on Linux, an `@abstract` name, as
    /// [`SockAddr`'s `FromStr`](SockAddr#impl-FromStr-for-SockAddr) does; an IP form is
    /// [`Error::WrongFamily`]. [`SockAddrUn::new`] takes any path, also one without a slash.
    ///
    /// ```
    /// use berkeley::SockAddrUn;
    /// # fn main() -> berkeley::Result<()> {
    /// let a: SockAddrUn = "./app.sock".parse()?;
    /// assert_eq!(a.path(), Some(std::path::Path::new("./app.sock")));
    /// #[cfg(target_os = "linux")]
    /// assert_eq!("@svc\\x00a".parse::<SockAddrUn>()?.abstract_name(), Some(&b"svc\0a"[..]));
    /// assert!("127.0.0.1:80".parse::<SockAddrUn>().is_err());
    /// # Ok(()) }
    /// ```
    fn from_str(s: &str) -> Result<SockAddrUn> {
        let form = Form::of(s)?;
        match form {
            Form::Path | Form::Abstract => parse_un(form, s),
            _ => Err(Error::WrongFamily { expected: "AF_UNIX", found: form.domain() }),
        }
    }
}

//! `FromStr` for [`SockAddr`]: `a.b.c.d:port`, `[v6%scope]:port`, `/path`, `@abstract`.

use std::str::FromStr;

use super::{SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn};
use crate::error::{Error, ParseError, ParseErrorKind, Result};
use crate::inet::{inet_pton4, inet_pton6};

const WHAT: &str = "socket address";

fn err(kind: ParseErrorKind, pos: usize) -> Error {
    Error::Parse(ParseError::new(WHAT, kind, pos))
}

/// Parses a decimal port (1–5 digits, at most 65535) starting at byte `at` of the input.
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

impl FromStr for SockAddr {
    type Err = Error;

    /// Parses an address in one of the forms the C world writes: `a.b.c.d:port` (IPv4,
    /// [`inet_pton4`] grammar), `[v6]:port` or `[v6%scope]:port` (IPv6, [`inet_pton6`] grammar,
    /// numeric scope id), `/path` (a UNIX pathname: text starting with `/`) and, on Linux,
    /// `@name` (an abstract UNIX name). No name lookup is done.
    ///
    /// ```
    /// use berkeley::{Domain, SockAddr};
    /// # fn main() -> berkeley::Result<()> {
    /// let a: SockAddr = "127.0.0.1:8080".parse()?;
    /// assert_eq!(a.as_in().unwrap().port(), 8080);
    /// let b: SockAddr = "[::1]:53".parse()?;
    /// assert_eq!(b.family(), Domain::INET6);
    /// let c: SockAddr = "/tmp/app.sock".parse()?;
    /// assert_eq!(c.family(), Domain::UNIX);
    /// assert!("localhost:80".parse::<SockAddr>().is_err());
    /// # Ok(()) }
    /// ```
    fn from_str(s: &str) -> Result<SockAddr> {
        let bytes = s.as_bytes();
        match bytes.first() {
            None => Err(err(ParseErrorKind::Empty, 0)),
            Some(b'/') => SockAddrUn::new(s).map(SockAddr::from),
            #[cfg(any(target_os = "linux", target_os = "android"))]
            Some(b'@') => SockAddrUn::new_abstract(&bytes[1..]).map(SockAddr::from),
            Some(b'[') => {
                let close =
                    s.find(']').ok_or_else(|| err(ParseErrorKind::UnexpectedEnd, s.len()))?;
                let inside = &s[1..close];
                let (ip_text, scope) = match inside.find('%') {
                    Some(p) => (&inside[..p], Some((&inside[p + 1..], 1 + p + 1))),
                    None => (inside, None),
                };
                let ip = inet_pton6(ip_text).map_err(|e| err(e.kind(), 1 + e.position()))?;
                let scope_id = match scope {
                    Some((text, at)) => {
                        let mut v: u32 = 0;
                        if text.is_empty() {
                            return Err(err(ParseErrorKind::UnexpectedEnd, at));
                        }
                        for (i, b) in text.bytes().enumerate() {
                            if !b.is_ascii_digit() {
                                return Err(err(ParseErrorKind::InvalidChar, at + i));
                            }
                            v = v
                                .checked_mul(10)
                                .and_then(|v| v.checked_add(u32::from(b - b'0')))
                                .ok_or_else(|| err(ParseErrorKind::ValueOutOfRange, at))?;
                        }
                        v
                    }
                    None => 0,
                };
                let rest = &s[close + 1..];
                if !rest.starts_with(':') {
                    return Err(err(
                        if rest.is_empty() {
                            ParseErrorKind::UnexpectedEnd
                        } else {
                            ParseErrorKind::InvalidChar
                        },
                        close + 1,
                    ));
                }
                let port = port(&rest[1..], close + 2)?;
                Ok(SockAddr::from(SockAddrIn6::new(ip, port, 0, scope_id)))
            }
            Some(_) => {
                let colon =
                    s.rfind(':').ok_or_else(|| err(ParseErrorKind::UnexpectedEnd, s.len()))?;
                let ip = inet_pton4(&s[..colon]).map_err(|e| err(e.kind(), e.position()))?;
                let port = port(&s[colon + 1..], colon + 1)?;
                Ok(SockAddr::from(SockAddrIn::new(ip, port)))
            }
        }
    }
}

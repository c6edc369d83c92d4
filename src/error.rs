//! The crate's [`Error`] and [`Result`].
//!
//! Every OS failure carries the name of the call that failed, the raw OS code (`errno`, or
//! `WSAGetLastError()` on Windows) and, where there is one, the address involved:
//!
//! ```text
//! bind(0.0.0.0:80): Permission denied (os error 13)
//! connect(127.0.0.1:9): Connection refused (os error 111)
//! ```
//!
//! Bad input never reaches the OS: it becomes an [`Error`] variant that says what was wrong
//! (a UNIX path that does not fit, an interior NUL, a parse error with its byte position, ...).
//!
//! `Error` converts into [`std::io::Error`], so `?` works in functions returning `io::Result`.

use std::fmt;
use std::io;

use crate::addr::SockAddr;
use crate::types::Domain;

/// `Result<T, berkeley::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in berkeley.
///
/// ```
/// use berkeley::{Error, SockAddrUn};
///
/// let err = SockAddrUn::new("/tmp/a\0b").unwrap_err();
/// assert!(matches!(err, Error::PathNul { pos: 6 }));
/// assert_eq!(err.to_string(), "UNIX socket path contains a NUL byte at byte 6");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An OS call failed.
    #[error("{call}{}: {}", AddrSuffix(addr.as_deref()), io::Error::from_raw_os_error(*code))]
    Os {
        /// The name of the C call that failed (`"bind"`, `"connect"`, ...).
        call: &'static str,
        /// The raw OS error code: `errno` on Unix, `WSAGetLastError()` on Windows.
        code: i32,
        /// The address the call was given, if any.
        addr: Option<Box<SockAddr>>,
    },
    /// Text did not parse as an address.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A UNIX socket path (or abstract name) is longer than `sun_path` can hold.
    #[error("UNIX socket path is {len} bytes; at most {max} fit in sun_path")]
    PathTooLong {
        /// The length of the given path, in bytes.
        len: usize,
        /// The most that fits.
        max: usize,
    },
    /// A UNIX socket path contains a NUL byte, which C would read as its end.
    #[error("UNIX socket path contains a NUL byte at byte {pos}")]
    PathNul {
        /// The byte offset of the first NUL.
        pos: usize,
    },
    /// An address of one family was given where another was needed.
    #[error("wrong address family: expected {expected}, found {found:?}")]
    WrongFamily {
        /// What was needed (`"AF_INET or AF_INET6"`, ...).
        expected: &'static str,
        /// What was given.
        found: Domain,
    },
    /// An address buffer is shorter than its family's struct.
    #[error("socket address of family {family:?} is {len} bytes; at least {need} are needed")]
    ShortAddr {
        /// The family found in the buffer.
        family: Domain,
        /// The length given.
        len: usize,
        /// The length the family needs.
        need: usize,
    },
    /// An argument is out of the range the OS call can take.
    #[error("{call}: {what}")]
    InvalidInput {
        /// The call that was not made.
        call: &'static str,
        /// What was wrong.
        what: &'static str,
    },
}

impl Error {
    /// An OS failure of `call` with the raw code `code`.
    ///
    /// ```
    /// let err = berkeley::Error::os("listen", libc::EBADF);
    /// assert_eq!(err.raw_os_error(), Some(libc::EBADF));
    /// assert!(err.to_string().starts_with("listen: Bad file descriptor"));
    /// ```
    #[cold]
    pub fn os(call: &'static str, code: i32) -> Error {
        Error::Os { call, code, addr: None }
    }

    /// An OS failure of `call` on the address `addr`.
    ///
    /// ```
    /// use berkeley::{Error, SockAddr};
    /// use std::net::SocketAddr;
    ///
    /// let addr = SockAddr::from("0.0.0.0:80".parse::<SocketAddr>().unwrap());
    /// let err = Error::os_addr("bind", libc::EACCES, &addr);
    /// assert_eq!(err.to_string(), "bind(0.0.0.0:80): Permission denied (os error 13)");
    /// ```
    #[cold]
    pub fn os_addr(call: &'static str, code: i32, addr: &SockAddr) -> Error {
        Error::Os { call, code, addr: Some(Box::new(*addr)) }
    }

    /// The raw OS error code, for OS failures.
    ///
    /// ```
    /// let err = berkeley::Error::os("recv", libc::EAGAIN);
    /// assert_eq!(err.raw_os_error(), Some(libc::EAGAIN));
    /// ```
    pub fn raw_os_error(&self) -> Option<i32> {
        match self {
            Error::Os { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The name of the OS call that failed, for OS failures.
    ///
    /// ```
    /// assert_eq!(berkeley::Error::os("accept", libc::EINVAL).call(), Some("accept"));
    /// ```
    pub fn call(&self) -> Option<&'static str> {
        match self {
            Error::Os { call, .. } | Error::InvalidInput { call, .. } => Some(call),
            _ => None,
        }
    }

    /// The address the failed call was given, if any.
    ///
    /// ```
    /// assert!(berkeley::Error::os("listen", libc::EINVAL).addr().is_none());
    /// ```
    pub fn addr(&self) -> Option<&SockAddr> {
        match self {
            Error::Os { addr, .. } => addr.as_deref(),
            _ => None,
        }
    }

    /// The [`io::ErrorKind`] of this error: the OS's for OS failures, `InvalidInput` for bad
    /// arguments and addresses.
    ///
    /// ```
    /// use std::io::ErrorKind;
    ///
    /// assert_eq!(berkeley::Error::os("connect", libc::ECONNREFUSED).kind(), ErrorKind::ConnectionRefused);
    /// assert_eq!(berkeley::inet_aton("1.2.3.4.5").map_err(berkeley::Error::from).unwrap_err().kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> io::ErrorKind {
        match self {
            Error::Os { code, .. } => io::Error::from_raw_os_error(*code).kind(),
            _ => io::ErrorKind::InvalidInput,
        }
    }

    /// Whether this is `EINTR` (the call was interrupted by a signal and may be retried).
    #[inline]
    pub(crate) fn is_interrupted(&self) -> bool {
        matches!(self, Error::Os { code, .. } if io::Error::from_raw_os_error(*code).kind() == io::ErrorKind::Interrupted)
    }
}

impl From<Error> for io::Error {
    /// OS failures become `io::Error::from_raw_os_error(code)`, which keeps the raw code and the
    /// kind (the call name and address are dropped: `io::Error` has no room for both); every other
    /// error becomes an `InvalidInput` error that carries the berkeley error.
    ///
    /// ```
    /// use std::io;
    ///
    /// let err: io::Error = berkeley::Error::os("connect", libc::ECONNREFUSED).into();
    /// assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    /// assert_eq!(err.raw_os_error(), Some(libc::ECONNREFUSED));
    /// ```
    fn from(err: Error) -> io::Error {
        match err {
            Error::Os { code, .. } => io::Error::from_raw_os_error(code),
            other => io::Error::new(io::ErrorKind::InvalidInput, other),
        }
    }
}

/// Formats `(addr)` after a call name, or nothing.
struct AddrSuffix<'a>(Option<&'a SockAddr>);

impl fmt::Display for AddrSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(addr) => write!(f, "({addr})"),
            None => Ok(()),
        }
    }
}

/// What a text parser (`inet_aton`, `inet_pton`, `ether_aton`, ...) found wrong, and where.
///
/// ```
/// let err = berkeley::inet_pton4("1.2.3.256").unwrap_err();
/// assert_eq!(err.position(), 6);
/// println!("{err}"); // invalid IPv4 address: value out of range at byte 6
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("invalid {what}: {kind} at byte {pos}")]
pub struct ParseError {
    what: &'static str,
    kind: ParseErrorKind,
    pos: usize,
}

impl ParseError {
    /// A parse error: `what` names the expected form (`"IPv4 address"`), `pos` is the byte
    /// offset where parsing failed.
    ///
    /// ```
    /// use berkeley::{ParseError, ParseErrorKind};
    ///
    /// let e = ParseError::new("MAC address", ParseErrorKind::InvalidChar, 2);
    /// assert_eq!(e.to_string(), "invalid MAC address: invalid character at byte 2");
    /// ```
    pub const fn new(what: &'static str, kind: ParseErrorKind, pos: usize) -> ParseError {
        ParseError { what, kind, pos }
    }

    /// What kind of text was expected (`"IPv4 address"`, `"IPv6 address"`, `"MAC address"`).
    ///
    /// ```
    /// assert_eq!(berkeley::inet_aton("").unwrap_err().what(), "IPv4 address");
    /// ```
    pub const fn what(&self) -> &'static str {
        self.what
    }

    /// What was wrong.
    ///
    /// ```
    /// use berkeley::ParseErrorKind;
    /// assert_eq!(berkeley::inet_aton("").unwrap_err().kind(), ParseErrorKind::Empty);
    /// ```
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The byte offset in the input where parsing failed.
    ///
    /// ```
    /// assert_eq!(berkeley::inet_aton("1.2.x").unwrap_err().position(), 4);
    /// ```
    pub const fn position(&self) -> usize {
        self.pos
    }
}

/// The reason in a [`ParseError`].
///
/// ```
/// use berkeley::ParseErrorKind;
/// assert_eq!(ParseErrorKind::ValueOutOfRange.to_string(), "value out of range");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty.
    Empty,
    /// A character that cannot appear here.
    InvalidChar,
    /// The input ended where more was needed.
    UnexpectedEnd,
    /// More parts (groups, octets) than the form allows.
    TooManyParts,
    /// Fewer parts than the form needs.
    TooFewParts,
    /// A number does not fit its part.
    ValueOutOfRange,
    /// A part has more digits than the form allows.
    TooManyDigits,
    /// IPv6 `::` used more than once or where it is not allowed.
    BadCompression,
    /// Input continues after a complete address.
    TrailingInput,
    /// The address family is not one the call supports.
    UnsupportedFamily,
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseErrorKind::Empty => "empty input",
            ParseErrorKind::InvalidChar => "invalid character",
            ParseErrorKind::UnexpectedEnd => "unexpected end of input",
            ParseErrorKind::TooManyParts => "too many parts",
            ParseErrorKind::TooFewParts => "too few parts",
            ParseErrorKind::ValueOutOfRange => "value out of range",
            ParseErrorKind::TooManyDigits => "too many digits",
            ParseErrorKind::BadCompression => "misplaced '::'",
            ParseErrorKind::TrailingInput => "trailing characters",
            ParseErrorKind::UnsupportedFamily => "unsupported address family",
        })
    }
}

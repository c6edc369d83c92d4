//! The crate's [`Error`] and [`Result`].
//!
//! Every OS failure carries the name of the call that failed, the raw OS code (`errno`, or
//! `WSAGetLastError()` on Windows) and, where there is one, the address involved:
//!
//! ```text
//! bind(0.0.0.0:80): Permission denied (os error 13)
//! connect(127.0.0.1:9): Connection refused (os error 111)
//! connect(127.0.0.1:9): No connection could be made because the target machine actively refused it. (os error 10061)
//! ```
//!
//! The last line is Windows: the code is the Winsock one (`WSAECONNREFUSED`) and the message the
//! system's. [`Error::kind`] maps both platforms' codes to the same [`io::ErrorKind`].
//!
//! Bad input never reaches the OS: it becomes an [`Error`] variant that says what was wrong
//! (a UNIX path that does not fit, an interior NUL, a parse error with its byte position, ...).
//!
//! # `?` in both directions, and what it keeps
//!
//! - `berkeley::Error` → [`io::Error`] (`?` in a function returning `io::Result`): the
//!   `io::Error` has the same [`kind`](io::Error::kind) and **keeps the whole berkeley error**
//!   as its payload, so it still prints `connect(127.0.0.1:9): Connection refused (os error
//!   111)`. The price: [`io::Error::raw_os_error`] is `None` on it; get the code back with
//!   [`Error::downcast_ref`] (`berkeley::Error::downcast_ref(&e).and_then(|e| e.raw_os_error())`).
//!   The [`Read`](std::io::Read)/[`Write`](std::io::Write) impls of [`Socket`](crate::Socket)
//!   are the exception: like std's `TcpStream` they return plain OS errors (raw code kept, no
//!   call name, no allocation), because generic I/O code loops on `WouldBlock` there.
//! - [`io::Error`] → `berkeley::Error` (`?` on std I/O in a function returning
//!   [`berkeley::Result`](Result)): an `io::Error` that came from a berkeley error turns back into
//!   it unchanged; any other becomes [`Error::Io`].
//! - [`ParseError`] converts into both.
//!
//! `Display` is complete on its own (call, address, OS message, code), and
//! [`source`](std::error::Error::source) is `None` for OS errors: a reporter that walks the
//! chain (`anyhow`'s `{:#}`, `eyre`) prints your context and then this one line, with nothing
//! twice. `Debug` — what `fn main() -> berkeley::Result<()>` prints on failure — also carries the
//! OS message, as std's does:
//!
//! ```text
//! Error: Os { call: "connect", code: 111, kind: ConnectionRefused, message: "Connection refused", addr: Some(127.0.0.1:9) }
//! ```

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
#[derive(thiserror::Error)]
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
    /// A blocking call gave up because the socket's timeout expired: `SO_RCVTIMEO` for the
    /// receiving calls and `accept`, `SO_SNDTIMEO` for the sending calls (Python:
    /// `socket.timeout`/`TimeoutError: timed out`).
    ///
    /// The OS reports this as `EAGAIN`/`EWOULDBLOCK` — the same code as "would block" on a
    /// non-blocking socket — so berkeley tells the two apart and names it: `recv: timed out
    /// (os error 11)`, kind [`TimedOut`](io::ErrorKind::TimedOut),
    /// [`is_timeout`](Error::is_timeout) true. Windows reports `WSAETIMEDOUT` instead, which
    /// stays an [`Error::Os`] (and `is_timeout` is true for it too).
    #[error("{call}{}: timed out (os error {code})", AddrSuffix(addr.as_deref()))]
    Timeout {
        /// The name of the C call that timed out.
        call: &'static str,
        /// The raw OS code the call returned (`EAGAIN` on Linux).
        code: i32,
        /// The address the call was given, if any.
        addr: Option<Box<SockAddr>>,
    },
    /// An error from std I/O, brought into a berkeley function with `?`.
    #[error(transparent)]
    Io(io::Error),
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
    /// A name-service lookup failed (`getaddrinfo`, `gethostbyname`, `getservbyname`, ...): the
    /// call, the name, the `EAI_*`/`h_errno` code and the system's message.
    #[error(transparent)]
    Netdb(#[from] crate::netdb::NetdbError),
    /// Packet bytes did not hold a valid header (truncated, bad length field, bad version, bad
    /// checksum): see [`wire`](crate::wire).
    #[error(transparent)]
    Packet(#[from] crate::wire::PacketError),
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
    /// #[cfg(unix)]
    /// let code = libc::EBADF; // "Bad file descriptor"
    /// #[cfg(windows)]
    /// let code = windows_sys::Win32::Networking::WinSock::WSAENOTSOCK; // 10038
    /// let err = berkeley::Error::os("listen", code);
    /// assert_eq!(err.raw_os_error(), Some(code));
    /// assert!(err.to_string().starts_with("listen: "));
    /// assert!(err.to_string().ends_with(&format!("(os error {code})")));
    /// ```
    #[cold]
    pub fn os(call: &'static str, code: i32) -> Error {
        Error::Os { call, code, addr: None }
    }

    /// An OS failure of `call` on the address `addr`.
    ///
    /// ```
    /// use berkeley::{Error, SockAddr};
    ///
    /// let addr: SockAddr = "0.0.0.0:80".parse()?;
    /// #[cfg(unix)]
    /// let code = libc::EACCES;
    /// #[cfg(windows)]
    /// let code = windows_sys::Win32::Networking::WinSock::WSAEACCES;
    /// let err = Error::os_addr("bind", code, &addr);
    /// #[cfg(target_os = "linux")]
    /// assert_eq!(err.to_string(), "bind(0.0.0.0:80): Permission denied (os error 13)");
    /// assert!(err.to_string().starts_with("bind(0.0.0.0:80): "));
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[cold]
    pub fn os_addr(call: &'static str, code: i32, addr: &SockAddr) -> Error {
        Error::Os { call, code, addr: Some(Box::new(*addr)) }
    }

    /// The raw OS error code, for OS failures.
    ///
    /// ```
    /// let err = berkeley::Error::os("recv", 11);
    /// assert_eq!(err.raw_os_error(), Some(11));
    /// ```
    pub fn raw_os_error(&self) -> Option<i32> {
        match self {
            Error::Os { code, .. } | Error::Timeout { code, .. } => Some(*code),
            Error::Io(e) => e.raw_os_error(),
            Error::Netdb(e) => e.raw_os_error(),
            _ => None,
        }
    }

    /// The name of the OS call that failed, for OS failures.
    ///
    /// ```
    /// assert_eq!(berkeley::Error::os("accept", 22).call(), Some("accept"));
    /// ```
    pub fn call(&self) -> Option<&'static str> {
        match self {
            Error::Os { call, .. }
            | Error::Timeout { call, .. }
            | Error::InvalidInput { call, .. } => Some(call),
            Error::Netdb(e) => Some(e.call()),
            _ => None,
        }
    }

    /// The address the failed call was given, if any.
    ///
    /// ```
    /// assert!(berkeley::Error::os("listen", 22).addr().is_none());
    /// ```
    pub fn addr(&self) -> Option<&SockAddr> {
        match self {
            Error::Os { addr, .. } | Error::Timeout { addr, .. } => addr.as_deref(),
            _ => None,
        }
    }

    /// The [`io::ErrorKind`] of this error: the OS's for OS failures, `InvalidInput` for bad
    /// arguments and addresses.
    ///
    /// ```
    /// use std::io::ErrorKind;
    ///
    /// #[cfg(unix)]
    /// let refused = libc::ECONNREFUSED; // 111 on Linux
    /// #[cfg(windows)]
    /// let refused = windows_sys::Win32::Networking::WinSock::WSAECONNREFUSED; // 10061
    /// assert_eq!(berkeley::Error::os("connect", refused).kind(), ErrorKind::ConnectionRefused);
    /// assert_eq!(berkeley::inet_aton("1.2.3.4.5").map_err(berkeley::Error::from).unwrap_err().kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> io::ErrorKind {
        match self {
            Error::Os { code, .. } => io::Error::from_raw_os_error(*code).kind(),
            Error::Timeout { .. } => io::ErrorKind::TimedOut,
            Error::Io(e) => e.kind(),
            Error::Netdb(e) => e.kind(),
            Error::Packet(_) => io::ErrorKind::InvalidData,
            _ => io::ErrorKind::InvalidInput,
        }
    }

    /// Whether a timeout expired: [`Error::Timeout`] (a blocking call's `SO_RCVTIMEO` or
    /// `SO_SNDTIMEO`), or an OS error of kind `TimedOut` (`ETIMEDOUT`, Windows `WSAETIMEDOUT`,
    /// a [`connect_timeout`](crate::Socket::connect_timeout) that ran out).
    ///
    /// Python: `except socket.timeout` / `except TimeoutError`.
    ///
    /// ```
    /// use berkeley::sockopt::RcvTimeo;
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// use std::time::Duration;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.setsockopt(RcvTimeo, Some(Duration::from_millis(10)))?;
    /// let err = s.recv(&mut [0u8; 16]).unwrap_err(); // nothing arrives
    /// assert!(err.is_timeout());
    /// assert!(!err.is_would_block());
    /// # Ok(()) }
    /// ```
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. }) || self.kind() == io::ErrorKind::TimedOut
    }

    /// Whether a non-blocking call found nothing to do (`EAGAIN`/`EWOULDBLOCK`, kind
    /// [`WouldBlock`](io::ErrorKind::WouldBlock)): try again when [`poll`](crate::poll::poll)
    /// says the socket is ready. A blocking call whose timeout expired is
    /// [`is_timeout`](Error::is_timeout) instead.
    ///
    /// Python: `except BlockingIOError`.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// assert!(s.recv(&mut [0u8; 16]).unwrap_err().is_would_block());
    /// # Ok(()) }
    /// ```
    pub fn is_would_block(&self) -> bool {
        !matches!(self, Error::Timeout { .. }) && self.kind() == io::ErrorKind::WouldBlock
    }

    /// Whether a non-blocking `connect` has started and not finished yet: `EINPROGRESS` or
    /// `EALREADY` (Windows: `WSAEWOULDBLOCK` from `connect`, or `WSAEALREADY`). Wait until
    /// [`poll`](crate::poll::poll) reports the socket writable, then read the outcome with
    /// [`SoError`](crate::sockopt::SoError).
    ///
    /// `io::ErrorKind::InProgress` is not stable Rust yet; this predicate is the portable test.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    /// listener.bind("127.0.0.1:0")?;
    /// listener.listen(1)?;
    /// let s = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP)?;
    /// match s.connect(&listener.getsockname()?) {
    ///     Ok(()) => {}                          // loopback may connect at once
    ///     Err(e) if e.is_in_progress() => {}    // the usual case: wait for POLLOUT
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn is_in_progress(&self) -> bool {
        use crate::sys::c;
        match self {
            #[cfg(windows)]
            Error::Os { call: "connect", code, .. } if *code == c::EWOULDBLOCK => true,
            Error::Os { code, .. } => *code == c::EINPROGRESS || *code == c::EALREADY,
            _ => false,
        }
    }

    /// Whether a signal interrupted the call (`EINTR`, kind
    /// [`Interrupted`](io::ErrorKind::Interrupted)). berkeley's own blocking calls retry
    /// `EINTR` themselves (as Python does since PEP 475), so this is seldom seen outside code
    /// that calls the OS directly.
    ///
    /// ```
    /// #[cfg(unix)]
    /// assert!(berkeley::Error::os("recv", libc::EINTR).is_interrupted());
    /// assert!(!berkeley::Error::os("recv", 0).is_interrupted());
    /// ```
    #[inline]
    pub fn is_interrupted(&self) -> bool {
        self.kind() == io::ErrorKind::Interrupted
    }

    /// The same failure, reported as a timeout ([`Error::Timeout`]): for an `EAGAIN` that a
    /// blocking socket's `SO_RCVTIMEO`/`SO_SNDTIMEO` caused. Other errors are returned as they
    /// are.
    #[cold]
    #[cfg(unix)] // Winsock reports its own code, WSAETIMEDOUT, for an expired timeout
    pub(crate) fn into_timeout(self) -> Error {
        match self {
            Error::Os { call, code, addr } => Error::Timeout { call, code, addr },
            other => other,
        }
    }

    /// The berkeley error inside an [`io::Error`] made from one (by `?` or `.into()`), if any:
    /// the way back to [`raw_os_error`](Error::raw_os_error), [`call`](Error::call) and
    /// [`addr`](Error::addr) after the error went through `io::Result` code.
    ///
    /// ```
    /// use std::io;
    /// # fn main() -> berkeley::Result<()> {
    /// let s = berkeley::Socket::new(berkeley::Domain::INET, berkeley::Type::STREAM, berkeley::Protocol::TCP)?;
    /// fn listen_io(s: &berkeley::Socket) -> io::Result<()> {
    ///     s.getpeername()?; // not connected: fails
    ///     Ok(())
    /// }
    /// let err = listen_io(&s).unwrap_err();
    /// assert_eq!(err.kind(), io::ErrorKind::NotConnected);
    /// assert!(err.to_string().starts_with("getpeername: ")); // the context survived
    /// let inner = berkeley::Error::downcast_ref(&err).unwrap();
    /// assert_eq!(inner.call(), Some("getpeername"));
    /// assert!(inner.raw_os_error().is_some());
    /// # Ok(()) }
    /// ```
    pub fn downcast_ref(err: &io::Error) -> Option<&Error> {
        err.get_ref()?.downcast_ref::<Error>()
    }
}

impl fmt::Debug for Error {
    /// Like std's `io::Error` Debug: OS errors show their kind and the system's message, so a
    /// failing `fn main() -> berkeley::Result<()>` prints something a person can read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Os { call, code, addr } | Error::Timeout { call, code, addr } => {
                let os = io::Error::from_raw_os_error(*code);
                let (name, kind) = match self {
                    Error::Timeout { .. } => ("Timeout", io::ErrorKind::TimedOut),
                    _ => ("Os", os.kind()),
                };
                let mut d = f.debug_struct(name);
                d.field("call", call).field("code", code).field("kind", &kind);
                d.field("message", &OsMessage(*code));
                match addr {
                    Some(a) => d.field("addr", &format_args!("Some({a})")),
                    None => d.field("addr", &None::<SockAddr>),
                };
                d.finish()
            }
            Error::Io(e) => f.debug_tuple("Io").field(e).finish(),
            Error::Parse(e) => f.debug_tuple("Parse").field(e).finish(),
            Error::Netdb(e) => f.debug_tuple("Netdb").field(e).finish(),
            Error::Packet(e) => f.debug_tuple("Packet").field(e).finish(),
            Error::PathTooLong { len, max } => {
                f.debug_struct("PathTooLong").field("len", len).field("max", max).finish()
            }
            Error::PathNul { pos } => f.debug_struct("PathNul").field("pos", pos).finish(),
            Error::WrongFamily { expected, found } => f
                .debug_struct("WrongFamily")
                .field("expected", expected)
                .field("found", found)
                .finish(),
            Error::ShortAddr { family, len, need } => f
                .debug_struct("ShortAddr")
                .field("family", family)
                .field("len", len)
                .field("need", need)
                .finish(),
            Error::InvalidInput { call, what } => {
                f.debug_struct("InvalidInput").field("call", call).field("what", what).finish()
            }
        }
    }
}

/// The system's message for an OS code, without std's ` (os error N)` suffix, quoted as a
/// string in `Debug`.
struct OsMessage(i32);

impl fmt::Debug for OsMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full = io::Error::from_raw_os_error(self.0).to_string();
        let msg = full.strip_suffix(&format!(" (os error {})", self.0)).unwrap_or(&full);
        fmt::Debug::fmt(msg, f)
    }
}

impl From<Error> for io::Error {
    /// The `io::Error` has the berkeley error's [`kind`](Error::kind) and carries the berkeley
    /// error itself, so it prints the same line (call, address, message). Its
    /// `raw_os_error()` is `None`; [`Error::downcast_ref`] gets the berkeley error (and its
    /// code) back. An [`Error::Io`] gives back the `io::Error` it holds.
    ///
    /// ```
    /// use std::io;
    ///
    /// #[cfg(unix)]
    /// let refused = libc::ECONNREFUSED;
    /// #[cfg(windows)]
    /// let refused = windows_sys::Win32::Networking::WinSock::WSAECONNREFUSED;
    /// let err: io::Error = berkeley::Error::os("connect", refused).into();
    /// assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    /// assert!(err.to_string().starts_with("connect: "));
    /// assert_eq!(berkeley::Error::downcast_ref(&err).unwrap().raw_os_error(), Some(refused));
    /// ```
    fn from(err: Error) -> io::Error {
        match err {
            Error::Io(e) => e,
            other => io::Error::new(other.kind(), other),
        }
    }
}

impl From<io::Error> for Error {
    /// `?` on std I/O in a function that returns [`berkeley::Result`](Result). An `io::Error`
    /// made from a berkeley error becomes that error again; any other becomes [`Error::Io`].
    ///
    /// ```
    /// use std::io::Write;
    /// fn greet(out: &mut Vec<u8>) -> berkeley::Result<()> {
    ///     writeln!(out, "hello")?; // io::Error -> berkeley::Error
    ///     Ok(())
    /// }
    /// # greet(&mut Vec::new()).unwrap();
    /// ```
    fn from(err: io::Error) -> Error {
        if !err.get_ref().is_some_and(|e| e.is::<Error>()) {
            return Error::Io(err);
        }
        let kind = err.kind();
        match err.into_inner().map(|payload| payload.downcast::<Error>()) {
            Some(Ok(inner)) => *inner,
            Some(Err(payload)) => Error::Io(io::Error::new(kind, payload)),
            None => Error::Io(io::Error::from(kind)),
        }
    }
}

impl From<ParseError> for io::Error {
    /// An `InvalidInput` error carrying the parse error (its Display: what, why, where).
    ///
    /// ```
    /// fn parse(text: &str) -> std::io::Result<std::net::Ipv4Addr> {
    ///     Ok(berkeley::inet_aton(text)?)
    /// }
    /// let err = parse("1.2.3.x").unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    /// assert_eq!(err.to_string(), "invalid IPv4 address: invalid character at byte 6");
    /// ```
    fn from(err: ParseError) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, err)
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

//! [`NetdbError`]: a failed name-service lookup, with the code of the error space it came from.

use std::fmt;
use std::io;

use crate::sys;
use crate::types::c_debug;

/// An `EAI_*` code: the error `getaddrinfo(3)` and `getnameinfo(3)` return.
///
/// The constants hold the platform's values (negative on glibc; Winsock's `WSA*` codes on
/// Windows, where `EAI_NONAME` is `WSAHOST_NOT_FOUND`); `Debug` prints the C name.
///
/// ```
/// use berkeley::netdb::Eai;
///
/// assert_eq!(format!("{:?}", Eai::NONAME), "EAI_NONAME");
/// #[cfg(all(target_os = "linux", target_env = "gnu"))]
/// assert_eq!(Eai::NONAME.as_raw(), -2);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Eai(i32);

impl Eai {
    /// `EAI_AGAIN`: a temporary failure (a DNS server did not answer in time).
    pub const AGAIN: Eai = Eai(sys::EAI_AGAIN);
    /// `EAI_BADFLAGS`: invalid `ai_flags`/`NI_*` flags.
    pub const BADFLAGS: Eai = Eai(sys::EAI_BADFLAGS);
    /// `EAI_FAIL`: a non-recoverable failure in name resolution.
    pub const FAIL: Eai = Eai(sys::EAI_FAIL);
    /// `EAI_FAMILY`: the address family is not supported.
    pub const FAMILY: Eai = Eai(sys::EAI_FAMILY);
    /// `EAI_MEMORY`: out of memory.
    pub const MEMORY: Eai = Eai(sys::EAI_MEMORY);
    /// `EAI_NONAME`: the name (or service) is not known — Python's `socket.gaierror` with
    /// `errno == socket.EAI_NONAME`.
    pub const NONAME: Eai = Eai(sys::EAI_NONAME);
    /// `EAI_SERVICE`: the service is not available for the socket type.
    pub const SERVICE: Eai = Eai(sys::EAI_SERVICE);
    /// `EAI_SOCKTYPE`: the socket type is not supported.
    pub const SOCKTYPE: Eai = Eai(sys::EAI_SOCKTYPE);
    /// `EAI_NODATA`: the host exists but has no address of the requested family (glibc; on
    /// Windows the same code as `EAI_NONAME`).
    #[cfg(any(all(target_os = "linux", target_env = "gnu"), windows))]
    #[cfg_attr(docsrs, doc(cfg(any(all(target_os = "linux", target_env = "gnu"), windows))))]
    pub const NODATA: Eai = Eai(sys::EAI_NODATA);
    /// `EAI_SYSTEM`: a system error; the `errno` is in [`NetdbCode::System`] (not on Windows,
    /// which reports system errors as their own codes).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    pub const SYSTEM: Eai = Eai(sys::EAI_SYSTEM);
    /// `EAI_OVERFLOW`: an argument buffer overflowed (Unix).
    #[cfg(unix)]
    #[cfg_attr(docsrs, doc(cfg(unix)))]
    pub const OVERFLOW: Eai = Eai(sys::EAI_OVERFLOW);

    /// The code from its raw value.
    ///
    /// ```
    /// use berkeley::netdb::Eai;
    /// assert_eq!(Eai::from_raw(Eai::AGAIN.as_raw()), Eai::AGAIN);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> Eai {
        Eai(raw)
    }

    /// The raw value.
    ///
    /// ```
    /// assert_ne!(berkeley::netdb::Eai::NONAME.as_raw(), 0);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

c_debug! {
    Eai:
    AGAIN => "EAI_AGAIN",
    BADFLAGS => "EAI_BADFLAGS",
    FAIL => "EAI_FAIL",
    FAMILY => "EAI_FAMILY",
    MEMORY => "EAI_MEMORY",
    NONAME => "EAI_NONAME",
    SERVICE => "EAI_SERVICE",
    SOCKTYPE => "EAI_SOCKTYPE",
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    NODATA => "EAI_NODATA",
    #[cfg(unix)]
    SYSTEM => "EAI_SYSTEM",
    #[cfg(unix)]
    OVERFLOW => "EAI_OVERFLOW",
}

/// An `h_errno` code: the error of the legacy host calls (`gethostbyname`, `gethostbyaddr`).
/// On Windows the value is the `WSAGetLastError()` code (`WSAHOST_NOT_FOUND`, ...).
///
/// ```
/// use berkeley::netdb::HErrno;
/// assert_eq!(format!("{:?}", HErrno::HOST_NOT_FOUND), "HOST_NOT_FOUND");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct HErrno(i32);

impl HErrno {
    /// `HOST_NOT_FOUND`: no such host.
    pub const HOST_NOT_FOUND: HErrno = HErrno(sys::HOST_NOT_FOUND);
    /// `TRY_AGAIN`: a temporary failure (a DNS server did not answer).
    pub const TRY_AGAIN: HErrno = HErrno(sys::TRY_AGAIN);
    /// `NO_RECOVERY`: a non-recoverable failure.
    pub const NO_RECOVERY: HErrno = HErrno(sys::NO_RECOVERY);
    /// `NO_DATA` (also `NO_ADDRESS`): the name is valid but has no address of the family.
    #[doc(alias = "NO_ADDRESS")]
    pub const NO_DATA: HErrno = HErrno(sys::NO_DATA);

    /// The code from its raw value.
    ///
    /// ```
    /// use berkeley::netdb::HErrno;
    /// assert_eq!(HErrno::from_raw(HErrno::NO_DATA.as_raw()), HErrno::NO_DATA);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> HErrno {
        HErrno(raw)
    }

    /// The raw value.
    ///
    /// ```
    /// #[cfg(unix)]
    /// assert_eq!(berkeley::netdb::HErrno::HOST_NOT_FOUND.as_raw(), 1);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

c_debug! {
    HErrno:
    HOST_NOT_FOUND => "HOST_NOT_FOUND",
    TRY_AGAIN => "TRY_AGAIN",
    NO_RECOVERY => "NO_RECOVERY",
    NO_DATA => "NO_DATA",
}

/// What went wrong in a [`NetdbError`], in the error space of the call that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NetdbCode {
    /// `getaddrinfo`/`getnameinfo` returned this `EAI_*` code.
    Eai(Eai),
    /// `EAI_SYSTEM` (or a legacy call's `NETDB_INTERNAL`): the system error is this `errno`.
    System(i32),
    /// A legacy host call failed with this `h_errno`.
    Host(HErrno),
    /// A service or protocol lookup found no entry (the C calls return `NULL` without a code;
    /// Python raises `OSError: service/proto not found`).
    NotFound,
    /// [`getaddrinfo_timeout`](crate::netdb::getaddrinfo_timeout) gave up waiting.
    Timeout,
}

/// A name-service lookup failed: the call, the name looked up, the code, and the system's
/// message.
///
/// Its `Display` reads like the C library's: `getaddrinfo(nosuch.invalid): Name or service not
/// known`. It lives inside [`Error::Netdb`](crate::Error::Netdb), so `?` works as for every
/// other berkeley error, and converts to an [`io::Error`] of kind
/// [`NotFound`](io::ErrorKind::NotFound) for an unknown name.
///
/// ```
/// use berkeley::netdb::{getaddrinfo, AddrInfoHints, Eai, NetdbCode};
/// use berkeley::Error;
///
/// let err = getaddrinfo(Some("nosuch.invalid"), None, &AddrInfoHints::new()).unwrap_err();
/// let Error::Netdb(e) = &err else { panic!("{err}") };
/// assert_eq!(e.call(), "getaddrinfo");
/// assert_eq!(e.name(), "nosuch.invalid");
/// assert_eq!(e.code(), NetdbCode::Eai(Eai::NONAME));
/// assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
/// #[cfg(all(target_os = "linux", target_env = "gnu"))]
/// assert_eq!(err.to_string(), "getaddrinfo(nosuch.invalid): Name or service not known");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct NetdbError {
    call: &'static str,
    name: Box<str>,
    code: NetdbCode,
    message: Box<str>,
}

impl NetdbError {
    /// A failure of `call` on `name` with `code`; the message is the system's for that code.
    #[cold]
    pub(crate) fn new(call: &'static str, name: &str, code: NetdbCode) -> NetdbError {
        let message = match code {
            NetdbCode::Eai(e) => sys::gai_strerror(e.0),
            NetdbCode::System(errno) => io::Error::from_raw_os_error(errno).to_string(),
            NetdbCode::Host(h) => sys::hstrerror(h.0),
            NetdbCode::NotFound => match call {
                "getprotobyname" | "getprotobynumber" => "protocol not found".to_owned(),
                _ => "service/proto not found".to_owned(),
            },
            NetdbCode::Timeout => "timed out".to_owned(),
        };
        NetdbError { call, name: name.into(), code, message: message.into() }
    }

    /// The C call that failed (`"getaddrinfo"`, `"gethostbyname2_r"`, `"getservbyname"`, ...).
    ///
    /// ```
    /// let err = berkeley::netdb::getservbyname("nosuch-service", "tcp").unwrap_err();
    /// let berkeley::Error::Netdb(e) = err else { panic!() };
    /// assert_eq!(e.call(), "getservbyname");
    /// ```
    pub fn call(&self) -> &'static str {
        self.call
    }

    /// What was looked up, as text (`"nosuch.invalid"`, `"http/tcp"`, `"127.0.0.1"`).
    ///
    /// ```
    /// let err = berkeley::netdb::getservbyname("nosuch-service", "tcp").unwrap_err();
    /// let berkeley::Error::Netdb(e) = err else { panic!() };
    /// assert_eq!(e.name(), "nosuch-service/tcp");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The code, in the error space of the call.
    ///
    /// ```
    /// use berkeley::netdb::NetdbCode;
    /// let err = berkeley::netdb::getprotobyname("nosuch-proto").unwrap_err();
    /// let berkeley::Error::Netdb(e) = err else { panic!() };
    /// assert_eq!(e.code(), NetdbCode::NotFound);
    /// ```
    pub fn code(&self) -> NetdbCode {
        self.code
    }

    /// The system's message for the code (`gai_strerror`, `hstrerror`, `strerror`).
    ///
    /// ```
    /// let err = berkeley::netdb::getprotobyname("nosuch-proto").unwrap_err();
    /// let berkeley::Error::Netdb(e) = err else { panic!() };
    /// assert_eq!(e.message(), "protocol not found");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The OS error code, where there is one: the `errno` of `EAI_SYSTEM`; on Windows every
    /// lookup code (they are `WSA*` codes).
    ///
    /// ```
    /// let err = berkeley::netdb::getprotobyname("nosuch-proto").unwrap_err();
    /// assert_eq!(err.raw_os_error(), None);
    /// ```
    pub fn raw_os_error(&self) -> Option<i32> {
        match self.code {
            NetdbCode::System(errno) => Some(errno),
            #[cfg(windows)]
            NetdbCode::Eai(e) => Some(e.0),
            #[cfg(windows)]
            NetdbCode::Host(h) => Some(h.0),
            _ => None,
        }
    }

    /// The [`io::ErrorKind`]: `NotFound` for an unknown name, service or protocol
    /// (`EAI_NONAME`, `EAI_NODATA`, `EAI_SERVICE`, `HOST_NOT_FOUND`, `NO_DATA`), `InvalidInput`
    /// for bad flags, family or socket type, `OutOfMemory`, `TimedOut` for
    /// [`NetdbCode::Timeout`], the `errno`'s kind for `EAI_SYSTEM`, and `Other` for the rest
    /// (`EAI_AGAIN`, `EAI_FAIL`, `TRY_AGAIN`, `NO_RECOVERY`).
    ///
    /// ```
    /// let err = berkeley::netdb::getservbyport(1, "nosuch").unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    /// ```
    pub fn kind(&self) -> io::ErrorKind {
        match self.code {
            NetdbCode::Eai(e) => match e {
                Eai::NONAME | Eai::SERVICE => io::ErrorKind::NotFound,
                #[cfg(all(target_os = "linux", target_env = "gnu"))]
                Eai::NODATA => io::ErrorKind::NotFound,
                Eai::BADFLAGS | Eai::FAMILY | Eai::SOCKTYPE => io::ErrorKind::InvalidInput,
                Eai::MEMORY => io::ErrorKind::OutOfMemory,
                _ => io::ErrorKind::Other,
            },
            NetdbCode::System(errno) => io::Error::from_raw_os_error(errno).kind(),
            NetdbCode::Host(HErrno::HOST_NOT_FOUND | HErrno::NO_DATA) | NetdbCode::NotFound => {
                io::ErrorKind::NotFound
            }
            NetdbCode::Host(_) => io::ErrorKind::Other,
            NetdbCode::Timeout => io::ErrorKind::TimedOut,
        }
    }
}

impl fmt::Display for NetdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({}): {}", self.call, self.name, self.message)?;
        if let Some(code) = self.raw_os_error() {
            write!(f, " (os error {code})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for NetdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetdbError")
            .field("call", &self.call)
            .field("name", &self.name)
            .field("code", &self.code)
            .field("kind", &self.kind())
            .field("message", &self.message)
            .finish()
    }
}

impl std::error::Error for NetdbError {}

impl From<NetdbError> for io::Error {
    /// An `io::Error` of the lookup's [`kind`](NetdbError::kind) (`NotFound` for
    /// `EAI_NONAME`, ...) that carries the `NetdbError`, so it prints the same line.
    ///
    /// ```
    /// let Err(berkeley::Error::Netdb(e)) = berkeley::netdb::getservbyname("no-such-service", "tcp")
    /// else {
    ///     panic!("an unknown service is a NetdbError")
    /// };
    /// let kind = e.kind();
    /// let err = std::io::Error::from(e);
    /// assert_eq!(err.kind(), kind);
    /// assert!(err.to_string().contains("no-such-service"), "{err}");
    /// ```
    fn from(err: NetdbError) -> io::Error {
        io::Error::new(err.kind(), err)
    }
}

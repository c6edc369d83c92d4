//! `SockAddrUn` (`struct sockaddr_un` and its length): UNIX-domain socket addresses.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::{self, offset_of};
use std::path::Path;

use super::{assert_no_padding, if_not_sa_len, if_sa_len, SockAddr};
use crate::error::{Error, Result};
use crate::sys::{c, sa_family_t, socklen_t};
use crate::types::Domain;

/// Where `sun_path` starts: `sizeof(sa_family_t)` on Linux and Windows (2 on the BSDs too,
/// where it follows `sun_len` and a one-byte family).
const PATH_OFFSET: usize = offset_of!(c::sockaddr_un, sun_path);
/// The size of `sun_path` (108 on Linux and Windows, 104 on the BSDs and macOS).
const SUN_PATH_LEN: usize = mem::size_of::<c::sockaddr_un>() - PATH_OFFSET;
const STRUCT_LEN: usize = mem::size_of::<c::sockaddr_un>();

#[cfg(any(target_os = "linux", target_os = "android", windows))]
const _: () = assert!(PATH_OFFSET == 2 && SUN_PATH_LEN == 108);
const _: () = assert!(STRUCT_LEN <= mem::size_of::<c::sockaddr_storage>());
if_sa_len! {
    const _: () = assert!(PATH_OFFSET == 2 && SUN_PATH_LEN == 104);
    assert_no_padding!(c::sockaddr_un { sun_len, sun_family, sun_path });
}
if_not_sa_len! { assert_no_padding!(c::sockaddr_un { sun_family, sun_path }); }

/// A UNIX-domain socket address: C's `struct sockaddr_un` together with its length (the
/// `socklen_t` the calls pass next to it), Python's `AF_UNIX` address (a `str`/`bytes` path).
///
/// It is one of three kinds:
///
/// - a **pathname** ([`new`](SockAddrUn::new), [`path`](SockAddrUn::path)): a file-system path
///   of at most [`MAX_PATH_LEN`](SockAddrUn::MAX_PATH_LEN) bytes (107 on Linux), stored with its
///   NUL terminator;
/// - an **abstract** name (Linux only; [`new_abstract`],
///   [`abstract_name`]): arbitrary bytes after a leading NUL, not in
///   the file system;
/// - **unnamed** ([`unnamed`](SockAddrUn::unnamed)): no name at all, as `getpeername` reports
///   for the peer of a `socketpair` or an unbound client. (`recvfrom` on Linux reports a
///   datagram from an unbound sender differently: as the [empty](SockAddr#the-empty-address)
///   `SockAddr`, length 0 and no family, for which [`SockAddr::as_un`] is `None`.)
///
/// Addresses the kernel returns are accepted in every form it uses (with or without the
/// trailing NUL, with a length up to the whole struct) and normalised, so equal names compare
/// equal.
///
/// ```
/// use berkeley::{SockAddr, SockAddrUn};
/// use std::path::Path;
///
/// let a = SockAddrUn::new("/tmp/echo.sock")?;
/// assert_eq!(a.path(), Some(Path::new("/tmp/echo.sock")));
/// assert_eq!(a.to_string(), "/tmp/echo.sock");
/// let (raw, len) = a.as_raw();
/// assert_eq!(i32::from(raw.sun_family), berkeley::Domain::UNIX.as_raw()); // AF_UNIX
/// assert_eq!(len as usize, 2 + 14 + 1); // family, path, NUL
/// assert_eq!(SockAddr::from(a).to_string(), "/tmp/echo.sock");
/// # Ok::<(), berkeley::Error>(())
/// ```
///
#[cfg_attr(
    any(target_os = "linux", target_os = "android"),
    doc = "[`new_abstract`]: SockAddrUn::new_abstract\n[`abstract_name`]: SockAddrUn::abstract_name"
)]
#[cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`new_abstract`]: https://docs.rs/berkeley/latest/berkeley/addr/struct.SockAddrUn.html#method.new_abstract\n[`abstract_name`]: https://docs.rs/berkeley/latest/berkeley/addr/struct.SockAddrUn.html#method.abstract_name"
)]
#[derive(Clone, Copy)]
pub struct SockAddrUn {
    /// Invariants: `sun_family == AF_UNIX`; every byte of `sun_path` past the name (and its NUL
    /// terminator for a pathname) is zero; a pathname contains no NUL.
    raw: c::sockaddr_un,
    /// `PATH_OFFSET <= len <= STRUCT_LEN`.
    len: socklen_t,
}

/// What a [`SockAddrUn`] names.
enum Kind<'a> {
    Unnamed,
    Path(&'a [u8]),
    // Only Linux builds abstract names; elsewhere the variant is matched but never made.
    #[cfg_attr(not(any(target_os = "linux", target_os = "android")), allow(dead_code))]
    Abstract(&'a [u8]),
}

impl SockAddrUn {
    /// The longest pathname that fits, in bytes: `sizeof(sun_path) - 1` for the NUL terminator
    /// (107 on Linux and Windows, 103 on macOS and the BSDs).
    ///
    /// ```
    /// use berkeley::SockAddrUn;
    ///
    /// let max = "x".repeat(SockAddrUn::MAX_PATH_LEN);
    /// assert!(SockAddrUn::new(&max).is_ok());
    /// assert!(SockAddrUn::new(format!("{max}x")).is_err());
    /// ```
    pub const MAX_PATH_LEN: usize = SUN_PATH_LEN - 1;

    /// The longest abstract name, in bytes: `sizeof(sun_path) - 1` for the leading NUL (107).
    ///
    /// ```
    /// use berkeley::SockAddrUn;
    ///
    /// assert!(SockAddrUn::new_abstract(&[b'x'; SockAddrUn::MAX_ABSTRACT_LEN]).is_ok());
    /// assert!(SockAddrUn::new_abstract(&[b'x'; SockAddrUn::MAX_ABSTRACT_LEN + 1]).is_err());
    /// ```
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub const MAX_ABSTRACT_LEN: usize = SUN_PATH_LEN - 1;

    /// A pathname address: `path` in `sun_path`, NUL-terminated.
    ///
    /// C: `struct sockaddr_un sa = { AF_UNIX }; strcpy(sa.sun_path, path);` with length
    /// `offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1` — Python: the path string.
    ///
    /// The empty path gives the [unnamed](SockAddrUn::unnamed) address (as with std's
    /// `SocketAddr::from_pathname("")`); binding it on Linux autobinds to a fresh abstract name.
    ///
    /// # Errors
    ///
    /// - [`Error::PathTooLong`] if `path` is longer than
    ///   [`MAX_PATH_LEN`](SockAddrUn::MAX_PATH_LEN) bytes (107 on Linux): the path and its NUL
    ///   must fit in `sun_path`. Nothing is truncated.
    /// - [`Error::PathNul`] if `path` contains a NUL byte, which C would read as its end.
    /// - Windows: [`Error::InvalidInput`] if the path is not valid Unicode (Windows takes UTF-8).
    ///
    /// ```
    /// use berkeley::{Error, SockAddrUn};
    ///
    /// let a = SockAddrUn::new("/run/app.sock")?;
    /// assert_eq!(a.to_string(), "/run/app.sock");
    /// assert!(matches!(SockAddrUn::new("a\0b"), Err(Error::PathNul { pos: 1 })));
    /// let long = "/".repeat(108);
    /// assert!(matches!(SockAddrUn::new(&long), Err(Error::PathTooLong { len: 108, max: 107 })));
    /// assert!(SockAddrUn::new("")?.is_unnamed());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    ///
    /// See [unix(7)](https://man7.org/linux/man-pages/man7/unix.7.html).
    pub fn new(path: impl AsRef<Path>) -> Result<SockAddrUn> {
        let bytes = path_bytes(path.as_ref())?;
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::PathNul { pos });
        }
        if bytes.is_empty() {
            return Ok(SockAddrUn::unnamed());
        }
        if bytes.len() > SockAddrUn::MAX_PATH_LEN {
            return Err(Error::PathTooLong { len: bytes.len(), max: SockAddrUn::MAX_PATH_LEN });
        }
        Ok(SockAddrUn::from_path_bytes(bytes))
    }

    /// An abstract address (Linux): `sun_path` is a NUL followed by `name`, and the length is
    /// `offsetof(sun_path) + 1 + name.len()` — the name is exactly those bytes, NULs included,
    /// with no terminator. Abstract sockets live outside the file system and vanish with their
    /// last descriptor.
    ///
    /// C: `sa.sun_path[0] = 0; memcpy(sa.sun_path + 1, name, n);` — Python: a `str`/`bytes`
    /// address starting with `"\0"`.
    ///
    /// # Errors
    ///
    /// [`Error::PathTooLong`] if `name` is longer than
    /// [`MAX_ABSTRACT_LEN`](SockAddrUn::MAX_ABSTRACT_LEN) (107) bytes.
    ///
    /// ```
    /// use berkeley::SockAddrUn;
    ///
    /// let a = SockAddrUn::new_abstract(b"berkeley\0demo")?;
    /// assert_eq!(a.abstract_name(), Some(&b"berkeley\0demo"[..]));
    /// assert_eq!(a.to_string(), r"@berkeley\x00demo");
    /// assert_eq!(a.as_raw().1 as usize, 2 + 1 + 13);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    ///
    /// See [unix(7)](https://man7.org/linux/man-pages/man7/unix.7.html).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub fn new_abstract(name: &[u8]) -> Result<SockAddrUn> {
        if name.len() > SockAddrUn::MAX_ABSTRACT_LEN {
            return Err(Error::PathTooLong { len: name.len(), max: SockAddrUn::MAX_ABSTRACT_LEN });
        }
        Ok(SockAddrUn::from_abstract_bytes(name))
    }

    /// The unnamed address: family only, length `sizeof(sa_family_t)`.
    ///
    /// ```
    /// let a = berkeley::SockAddrUn::unnamed();
    /// assert!(a.is_unnamed() && a.path().is_none());
    /// assert_eq!(a.to_string(), "(unnamed)");
    /// assert_eq!(a.as_raw().1, 2);
    /// ```
    pub fn unnamed() -> SockAddrUn {
        SockAddrUn { raw: empty_raw(), len: PATH_OFFSET as socklen_t }
    }

    /// Copies a C `sockaddr_un` of which only the first `len` bytes are meaningful (as
    /// `accept`, `recvfrom`, `getsockname` and `getpeername` return it). Bytes past `len` are
    /// never read. The name is normalised: a pathname ends at its first NUL (if any: the kernel
    /// may return a full 108-byte path without one), a Linux abstract name is the `len - 3`
    /// bytes after the leading NUL, and an empty `sun_path` is unnamed.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidInput`] if `len` exceeds `sizeof(struct sockaddr_un)` — except by one
    ///   for a path that fills all of `sun_path`: Linux reports such a path (bound without a
    ///   NUL) with its appended NUL counted, which did not fit (unix(7), BUGS).
    /// - [`Error::ShortAddr`] if `len` is shorter than the family field.
    /// - [`Error::WrongFamily`] unless `sun_family` is `AF_UNIX`.
    ///
    /// ```
    /// use berkeley::SockAddrUn;
    ///
    /// let mut raw = *SockAddrUn::unnamed().as_raw().0; // a zeroed C sockaddr_un, AF_UNIX
    /// for (d, s) in raw.sun_path.iter_mut().zip(b"/tmp/s") {
    ///     *d = *s as _; // c_char
    /// }
    /// // With or without the NUL in the length, and with the whole struct: the same address.
    /// let a = SockAddrUn::from_raw(&raw, 2 + 6 + 1)?;
    /// assert_eq!(a, SockAddrUn::from_raw(&raw, 2 + 6)?);
    /// assert_eq!(a, SockAddrUn::from_raw(&raw, 110)?);
    /// assert_eq!(a.to_string(), "/tmp/s");
    /// assert!(SockAddrUn::from_raw(&raw, 111).is_err());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn from_raw(raw: &c::sockaddr_un, len: socklen_t) -> Result<SockAddrUn> {
        let mut n = usize::try_from(len).unwrap_or(usize::MAX);
        if n > STRUCT_LEN {
            // unix(7), BUGS: Linux appends a NUL to a path bound without one, so a 108-byte
            // path comes back with length 111 and only its NUL missing from the struct.
            let full_path = c_bytes(&raw.sun_path).iter().all(|&b| b != 0);
            if n != STRUCT_LEN + 1 || !full_path {
                return Err(Error::InvalidInput {
                    call: "SockAddrUn::from_raw",
                    what: "length exceeds sizeof(struct sockaddr_un)",
                });
            }
            n = STRUCT_LEN;
        }
        if n < PATH_OFFSET {
            return Err(Error::ShortAddr { family: Domain::UNSPEC, len: n, need: PATH_OFFSET });
        }
        if i32::from(raw.sun_family) != Domain::UNIX.as_raw() {
            return Err(Error::WrongFamily {
                expected: "AF_UNIX",
                found: Domain::from_raw(i32::from(raw.sun_family)),
            });
        }
        Ok(SockAddrUn::from_sun_path(&c_bytes(&raw.sun_path)[..n - PATH_OFFSET]))
    }

    /// The C `sockaddr_un` and its length, ready for `bind`/`connect`/`sendto`.
    ///
    /// ```
    /// let a = berkeley::SockAddrUn::new("/tmp/x")?;
    /// let (raw, len) = a.as_raw();
    /// assert_eq!(raw.sun_path[..7].iter().map(|&c| c as u8).collect::<Vec<_>>(), b"/tmp/x\0");
    /// assert_eq!(len, 9);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn as_raw(&self) -> (&c::sockaddr_un, socklen_t) {
        (&self.raw, self.len)
    }

    /// The pathname, if this is a pathname address.
    ///
    /// On Windows the path is returned only if it is valid UTF-8 (always so for addresses built
    /// with [`new`](SockAddrUn::new)).
    ///
    /// ```
    /// use std::path::Path;
    /// let a = berkeley::SockAddrUn::new("sock")?;
    /// assert_eq!(a.path(), Some(Path::new("sock")));
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn path(&self) -> Option<&Path> {
        match self.kind() {
            Kind::Path(bytes) => bytes_path(bytes),
            _ => None,
        }
    }

    /// The abstract name (without its leading NUL), if this is an abstract address.
    ///
    /// ```
    /// let a = berkeley::SockAddrUn::new_abstract(b"svc")?;
    /// assert_eq!(a.abstract_name(), Some(&b"svc"[..]));
    /// assert!(a.path().is_none());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub fn abstract_name(&self) -> Option<&[u8]> {
        match self.kind() {
            Kind::Abstract(name) => Some(name),
            _ => None,
        }
    }

    /// Whether this is the unnamed address.
    ///
    /// ```
    /// assert!(berkeley::SockAddrUn::unnamed().is_unnamed());
    /// assert!(!berkeley::SockAddrUn::new("/x")?.is_unnamed());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn is_unnamed(&self) -> bool {
        matches!(self.kind(), Kind::Unnamed)
    }

    fn kind(&self) -> Kind<'_> {
        let used = &self.sun_path()[..self.len as usize - PATH_OFFSET];
        match used {
            [] => Kind::Unnamed,
            [0, name @ ..] => Kind::Abstract(name),
            // A pathname is stored with its NUL unless it fills sun_path.
            [path @ .., 0] | path => Kind::Path(path),
        }
    }

    /// `sun_path` as bytes.
    #[inline]
    fn sun_path(&self) -> &[u8; SUN_PATH_LEN] {
        c_bytes(&self.raw.sun_path)
    }

    /// Builds from the meaningful part of a `sun_path` (any content; normalised as documented
    /// on `from_raw`).
    fn from_sun_path(used: &[u8]) -> SockAddrUn {
        match used {
            [] => SockAddrUn::unnamed(),
            #[cfg(any(target_os = "linux", target_os = "android"))]
            [0, name @ ..] => SockAddrUn::from_abstract_bytes(name),
            #[cfg(not(any(target_os = "linux", target_os = "android")))]
            [0, ..] => SockAddrUn::unnamed(),
            path => {
                let end = path.iter().position(|&b| b == 0).unwrap_or(path.len());
                SockAddrUn::from_path_bytes(&path[..end])
            }
        }
    }

    /// A pathname of `1..=SUN_PATH_LEN` bytes without NUL; NUL-terminated when it fits.
    fn from_path_bytes(path: &[u8]) -> SockAddrUn {
        debug_assert!(!path.is_empty() && path.len() <= SUN_PATH_LEN && !path.contains(&0));
        let mut raw = empty_raw();
        for (d, &s) in raw.sun_path.iter_mut().zip(path) {
            *d = s as _;
        }
        // The NUL is already there (the struct was zeroed) when the path leaves room for it.
        let len = PATH_OFFSET + path.len() + usize::from(path.len() < SUN_PATH_LEN);
        SockAddrUn::with_len(raw, len)
    }

    /// An abstract name of at most `SUN_PATH_LEN - 1` bytes.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn from_abstract_bytes(name: &[u8]) -> SockAddrUn {
        debug_assert!(name.len() < SUN_PATH_LEN);
        let mut raw = empty_raw();
        for (d, &s) in raw.sun_path[1..].iter_mut().zip(name) {
            *d = s as _;
        }
        SockAddrUn::with_len(raw, PATH_OFFSET + 1 + name.len())
    }

    #[inline]
    fn with_len(mut raw: c::sockaddr_un, len: usize) -> SockAddrUn {
        debug_assert!((PATH_OFFSET..=STRUCT_LEN).contains(&len));
        set_sun_len(&mut raw, len);
        SockAddrUn { raw, len: len as socklen_t }
    }
}

/// A zeroed `sockaddr_un` with `sun_family = AF_UNIX`.
#[inline]
fn empty_raw() -> c::sockaddr_un {
    // SAFETY: sockaddr_un is plain old data (integers and a char array); all-zero is valid.
    let mut raw: c::sockaddr_un = unsafe { mem::zeroed() };
    raw.sun_family = Domain::UNIX.as_raw() as sa_family_t;
    raw
}

if_sa_len! {
    /// The BSDs and Apple systems have a `sun_len` field holding the length.
    #[inline]
    fn set_sun_len(raw: &mut c::sockaddr_un, len: usize) {
        raw.sun_len = len as u8; // len <= STRUCT_LEN = 106
    }
}

if_not_sa_len! {
    /// No `sun_len` here.
    #[inline]
    fn set_sun_len(_raw: &mut c::sockaddr_un, _len: usize) {}
}

/// A `c_char` array as bytes.
#[inline]
fn c_bytes<const N: usize>(chars: &[c::c_char; N]) -> &[u8; N] {
    // SAFETY: c_char is i8 or u8: same size and alignment as u8, and every bit pattern is a valid
    // u8; the borrow keeps the source alive and unaliased-for-writes for the result's lifetime.
    unsafe { &*(chars as *const [c::c_char; N]).cast::<[u8; N]>() }
}

#[cfg(unix)]
#[inline]
fn path_bytes(path: &Path) -> Result<&[u8]> {
    use std::os::unix::ffi::OsStrExt;
    Ok(path.as_os_str().as_bytes())
}

#[cfg(windows)]
#[inline]
fn path_bytes(path: &Path) -> Result<&[u8]> {
    path.to_str().map(str::as_bytes).ok_or(Error::InvalidInput {
        call: "SockAddrUn::new",
        what: "AF_UNIX paths must be valid Unicode on Windows",
    })
}

#[cfg(unix)]
#[inline]
fn bytes_path(bytes: &[u8]) -> Option<&Path> {
    use std::os::unix::ffi::OsStrExt;
    Some(Path::new(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(windows)]
#[inline]
fn bytes_path(bytes: &[u8]) -> Option<&Path> {
    std::str::from_utf8(bytes).ok().map(Path::new)
}

/// Printable ASCII as is, `\\` for a backslash, `\xNN` for everything else.
struct Escaped<'a>(&'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        for &b in self.0 {
            match b {
                b'\\' => f.write_str("\\\\")?,
                0x20..=0x7e => f.write_char(char::from(b))?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        Ok(())
    }
}

impl PartialEq for SockAddrUn {
    fn eq(&self, other: &SockAddrUn) -> bool {
        // Normalised: equal names have equal lengths and equal (zero-padded) sun_path.
        self.len == other.len && self.sun_path() == other.sun_path()
    }
}

impl Eq for SockAddrUn {}

impl Hash for SockAddrUn {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.len.hash(state);
        self.sun_path()[..self.len as usize - PATH_OFFSET].hash(state);
    }
}

impl fmt::Display for SockAddrUn {
    /// The path (lossily, if it is not UTF-8), `@name` for an abstract name with every
    /// non-printable byte as `\xNN`, or `(unnamed)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            Kind::Unnamed => f.write_str("(unnamed)"),
            Kind::Path(bytes) => f.write_str(&String::from_utf8_lossy(bytes)),
            Kind::Abstract(name) => write!(f, "@{}", Escaped(name)),
        }
    }
}

impl fmt::Debug for SockAddrUn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            Kind::Unnamed => f.write_str("SockAddrUn(unnamed)"),
            Kind::Path(bytes) => f
                .debug_struct("SockAddrUn")
                .field("path", &String::from_utf8_lossy(bytes))
                .field("len", &self.len)
                .finish(),
            Kind::Abstract(name) => f
                .debug_struct("SockAddrUn")
                .field("abstract", &format_args!("\"{}\"", Escaped(name)))
                .field("len", &self.len)
                .finish(),
        }
    }
}

impl SockAddr {
    /// The UNIX-domain address, if this is an `AF_UNIX` address.
    ///
    /// ```
    /// use berkeley::{SockAddr, SockAddrUn};
    ///
    /// let a = SockAddr::from(SockAddrUn::new("/tmp/s")?);
    /// assert_eq!(a.as_un().unwrap().path(), Some(std::path::Path::new("/tmp/s")));
    /// assert!("1.2.3.4:5".parse::<SockAddr>()?.as_un().is_none());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn as_un(&self) -> Option<SockAddrUn> {
        if self.family() != Domain::UNIX {
            return None;
        }
        // Linux may count one byte past the struct: the NUL after a path filling sun_path
        // (unix(7), BUGS). from_storage accepts that one byte only if it is NUL; dropping it
        // loses nothing.
        let bytes = self.as_bytes();
        let bytes = &bytes[..bytes.len().min(STRUCT_LEN)];
        Some(SockAddrUn::from_sun_path(&bytes[PATH_OFFSET..]))
    }
}

impl From<SockAddrUn> for SockAddr {
    #[inline]
    fn from(addr: SockAddrUn) -> SockAddr {
        let (raw, len) = addr.as_raw();
        // SAFETY: `raw` is a live sockaddr_un, readable for `len <= sizeof(sockaddr_un) <= 128`
        // bytes.
        unsafe {
            SockAddr::from_raw_parts((raw as *const c::sockaddr_un).cast::<u8>(), len as usize)
        }
    }
}

impl TryFrom<SockAddr> for SockAddrUn {
    type Error = Error;

    /// Fails with [`Error::WrongFamily`] unless the address is `AF_UNIX`.
    fn try_from(addr: SockAddr) -> Result<SockAddrUn> {
        addr.as_un().ok_or(Error::WrongFamily { expected: "AF_UNIX", found: addr.family() })
    }
}

#[cfg(unix)]
mod std_conv {
    use std::os::unix::net::SocketAddr as UnixSocketAddr;

    use super::{SockAddrUn, SUN_PATH_LEN};
    use crate::addr::SockAddr;
    use crate::error::{Error, Result};

    impl From<&UnixSocketAddr> for SockAddrUn {
        /// std's UNIX address, any kind (std holds at most what a `sockaddr_un` holds).
        fn from(addr: &UnixSocketAddr) -> SockAddrUn {
            #[cfg(any(target_os = "linux", target_os = "android"))]
            {
                #[cfg(target_os = "android")]
                use std::os::android::net::SocketAddrExt;
                #[cfg(target_os = "linux")]
                use std::os::linux::net::SocketAddrExt;
                if let Some(name) = addr.as_abstract_name() {
                    return SockAddrUn::from_abstract_bytes(
                        &name[..name.len().min(SUN_PATH_LEN - 1)],
                    );
                }
            }
            match addr.as_pathname() {
                Some(path) => {
                    let bytes = super::path_bytes(path).unwrap_or_default();
                    SockAddrUn::from_sun_path(&bytes[..bytes.len().min(SUN_PATH_LEN)])
                }
                None => SockAddrUn::unnamed(),
            }
        }
    }

    impl From<UnixSocketAddr> for SockAddrUn {
        #[inline]
        fn from(addr: UnixSocketAddr) -> SockAddrUn {
            SockAddrUn::from(&addr)
        }
    }

    impl From<UnixSocketAddr> for SockAddr {
        #[inline]
        fn from(addr: UnixSocketAddr) -> SockAddr {
            SockAddr::from(SockAddrUn::from(&addr))
        }
    }

    impl From<&UnixSocketAddr> for SockAddr {
        #[inline]
        fn from(addr: &UnixSocketAddr) -> SockAddr {
            SockAddr::from(SockAddrUn::from(addr))
        }
    }

    impl TryFrom<SockAddrUn> for UnixSocketAddr {
        type Error = Error;

        /// Pathnames through `SocketAddr::from_pathname`, abstract names through
        /// `SocketAddrExt::from_abstract_name`.
        ///
        /// Fails with [`Error::InvalidInput`] for the unnamed address, which std cannot build,
        /// and with [`Error::PathTooLong`] for a kernel-returned path that fills all of
        /// `sun_path` (std needs room for the NUL).
        fn try_from(addr: SockAddrUn) -> Result<UnixSocketAddr> {
            match addr.kind() {
                super::Kind::Unnamed => Err(Error::InvalidInput {
                    call: "std::os::unix::net::SocketAddr::from",
                    what: "std cannot represent an unnamed UNIX address",
                }),
                super::Kind::Path(bytes) => {
                    if bytes.len() > SockAddrUn::MAX_PATH_LEN {
                        return Err(Error::PathTooLong {
                            len: bytes.len(),
                            max: SockAddrUn::MAX_PATH_LEN,
                        });
                    }
                    let path = super::bytes_path(bytes).ok_or(Error::InvalidInput {
                        call: "std::os::unix::net::SocketAddr::from_pathname",
                        what: "path is not representable",
                    })?;
                    UnixSocketAddr::from_pathname(path).map_err(|_| Error::InvalidInput {
                        call: "std::os::unix::net::SocketAddr::from_pathname",
                        what: "std rejected the path",
                    })
                }
                #[cfg(any(target_os = "linux", target_os = "android"))]
                super::Kind::Abstract(name) => {
                    #[cfg(target_os = "android")]
                    use std::os::android::net::SocketAddrExt;
                    #[cfg(target_os = "linux")]
                    use std::os::linux::net::SocketAddrExt;
                    UnixSocketAddr::from_abstract_name(name).map_err(|_| Error::InvalidInput {
                        call: "std::os::unix::net::SocketAddr::from_abstract_name",
                        what: "std rejected the abstract name",
                    })
                }
                #[cfg(not(any(target_os = "linux", target_os = "android")))]
                super::Kind::Abstract(_) => Err(Error::InvalidInput {
                    call: "std::os::unix::net::SocketAddr::from",
                    what: "abstract UNIX addresses exist only on Linux",
                }),
            }
        }
    }
}

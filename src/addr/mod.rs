//! Socket addresses: [`SockAddr`] (any family) and one type per family — [`SockAddrIn`] (IPv4),
//! [`SockAddrIn6`] (IPv6), [`SockAddrUn`] (UNIX domain) and, on Linux, [`SockAddrLl`] (link
//! layer).
//!
#![cfg_attr(
    not(any(target_os = "linux", target_os = "android")),
    doc = "[`SockAddrLl`]: https://docs.rs/berkeley/latest/berkeley/addr/struct.SockAddrLl.html"
)]
//! Ports and Ethernet types are host order in this API; the types convert to network order
//! exactly once, where the C struct is filled. Each family type converts to and from its C struct
//! (`from_raw`/`as_raw`) and to and from std's address types; every type parses from text
//! (`"127.0.0.1:80"`, `"[::1%2]:80"`, `"/tmp/s"`, `"@name"` — see
//! [`SockAddr`'s `FromStr`](SockAddr#impl-FromStr-for-SockAddr)) and prints back the same text,
//! IP addresses exactly as glibc's `inet_ntop` prints them.
//!
//! ```
//! use berkeley::{SockAddr, SockAddrIn};
//! use std::net::Ipv4Addr;
//!
//! let any: SockAddr = "127.0.0.1:8080".parse()?;
//! assert_eq!(any.to_string(), "127.0.0.1:8080");
//! let sin = SockAddrIn::new(Ipv4Addr::LOCALHOST, 8080);
//! assert_eq!(sin.as_raw().sin_port, berkeley::htons(8080)); // network order inside
//! assert_eq!(SockAddr::from(sin), any);
//! # Ok::<(), berkeley::Error>(())
//! ```
//!
//! # Platforms
//!
//! The C layouts differ: Linux, Android and Windows start every address with a two-byte family;
//! the BSDs and Apple's systems with a length byte (`sin_len`, `sin6_len`, `sun_len`, `ss_len`)
//! and a one-byte family, and their `sun_path` is 104 bytes, not 108. The types fill the length
//! byte when they build an address and read the family where the platform has it; every C struct
//! copied by bytes is proven padding-free at compile time on each target.
//!
//! Tested where: on Linux everything (against glibc's own structs, `inet_ntop` and
//! `getaddrinfo`, and under Miri); on Windows under wine (doc tests and Winsock round trips);
//! macOS (x86_64, aarch64) and FreeBSD are compiled and linted only. Abstract UNIX names and
//! [`SockAddrLl`] are Linux-only.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::{self, offset_of};
use std::net::{SocketAddr, SocketAddrV4, SocketAddrV6};

use crate::error::{Error, Result};
use crate::sys::{c, sa_family_t, socklen_t};
use crate::types::Domain;

mod inet;
#[cfg(any(target_os = "linux", target_os = "android"))]
mod link;
mod parse;
#[cfg(test)]
mod tests;
mod to_sock_addr;
mod unix;

pub use self::inet::{SockAddrIn, SockAddrIn6};
#[cfg(any(target_os = "linux", target_os = "android"))]
pub use self::link::{PacketType, SockAddrLl};
pub use self::to_sock_addr::ToSockAddr;
pub use self::unix::SockAddrUn;

/// Runs its items only on the systems whose socket addresses start with a length byte
/// (`sa_len`, `sin_len`, `sun_len`, `ss_len`) followed by a one-byte `sa_family_t`: the BSDs and
/// Apple's systems (4.3BSD-Reno layout). Elsewhere (Linux, Android, Windows, illumos, ...) the
/// family is two bytes at offset 0 and there is no length field.
macro_rules! if_sa_len {
    (@cfg $x:tt) => {
        #[cfg(any(
            target_os = "macos",
            target_os = "ios",
            target_os = "tvos",
            target_os = "watchos",
            target_os = "visionos",
            target_os = "freebsd",
            target_os = "openbsd",
            target_os = "netbsd",
            target_os = "dragonfly",
        ))]
        $x
    };
    (do $body:block) => { $crate::addr::if_sa_len!(@cfg $body); };
    ($($item:item)*) => { $( $crate::addr::if_sa_len!(@cfg $item); )* };
}

/// The complement of [`if_sa_len!`].
macro_rules! if_not_sa_len {
    (@cfg $x:tt) => {
        #[cfg(not(any(
            target_os = "macos",
            target_os = "ios",
            target_os = "tvos",
            target_os = "watchos",
            target_os = "visionos",
            target_os = "freebsd",
            target_os = "openbsd",
            target_os = "netbsd",
            target_os = "dragonfly",
        )))]
        $x
    };
    (do $body:block) => { $crate::addr::if_not_sa_len!(@cfg $body); };
    ($($item:item)*) => { $( $crate::addr::if_not_sa_len!(@cfg $item); )* };
}

pub(crate) use {if_not_sa_len, if_sa_len};

/// The size of a field of `T`, named by a projection closure that is never called. A building
/// block of [`assert_no_padding!`].
// Used only inside const assertions, which the dead-code pass of Rust 1.77 (the MSRV) misses.
#[allow(dead_code)]
pub(crate) const fn field_size<T, F>(_: fn(&T) -> &F) -> usize {
    mem::size_of::<F>()
}

/// Proves at compile time that a C struct has no padding: the sizes of the fields listed add up
/// to the size of the struct. The address types copy these structs by bytes (and compare and hash
/// those bytes), which is only sound when every byte belongs to a field.
macro_rules! assert_no_padding {
    ($t:ty { $($field:ident),+ $(,)? }) => {
        const _: () = assert!(
            0 $(+ $crate::addr::field_size(|s: &$t| &s.$field))+ == ::std::mem::size_of::<$t>(),
            concat!("padding in ", stringify!($t)),
        );
    };
}

pub(crate) use assert_no_padding;

const STORAGE_LEN: usize = mem::size_of::<c::sockaddr_storage>();
const _: () = assert!(STORAGE_LEN == 128);

/// Where `sa_family` starts (1 after `sa_len` on the BSDs and Apple systems, else 0) and its
/// size (1 or 2 bytes, native endian).
const FAMILY_OFFSET: usize = offset_of!(c::sockaddr, sa_family);
const FAMILY_LEN: usize = mem::size_of::<sa_family_t>();
if_sa_len! { const _: () = assert!(FAMILY_OFFSET == 1 && FAMILY_LEN == 1); }
if_not_sa_len! { const _: () = assert!(FAMILY_OFFSET == 0 && FAMILY_LEN == 2); }
const _: () = assert!(offset_of!(c::sockaddr_storage, ss_family) == FAMILY_OFFSET);

// sockaddr_storage: libc keeps all but ss_family (and ss_len) private on Unix, so there the
// no-padding proof is the layout itself — family (+ length byte), a byte-array pad, and the
// alignment field at the end — checked through the offsets that can be named. Windows names all.
#[cfg(windows)]
assert_no_padding!(c::sockaddr_storage { ss_family, __ss_pad1, __ss_align, __ss_pad2 });
#[cfg(unix)]
const _: () = assert!(FAMILY_OFFSET + FAMILY_LEN <= 2 && STORAGE_LEN % 8 == 0);
if_sa_len! { const _: () = assert!(offset_of!(c::sockaddr_storage, ss_len) == 0); }

/// A `sockaddr_storage`'s bytes, with its size and (at least) its alignment. A byte array has no
/// padding and no invalid values, so every byte stays initialised through copies and moves.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
struct Storage([u8; STORAGE_LEN]);

const _: () = assert!(
    mem::size_of::<Storage>() == STORAGE_LEN
        && mem::align_of::<Storage>() >= mem::align_of::<c::sockaddr_storage>()
);

/// A socket address of any family, as the socket calls take and return it: a
/// `sockaddr_storage` and the length of its meaningful part.
///
/// Build one by parsing text (`"127.0.0.1:80".parse::<SockAddr>()?`), from a family type or a
/// std address with `From`; look inside with [`family`](SockAddr::family) and
/// [`as_in`](SockAddr::as_in) / [`as_in6`](SockAddr::as_in6) / [`as_un`](SockAddr::as_un) /
/// `as_ll` (Linux) / [`as_socket`](SockAddr::as_socket). Only the first [`len`](SockAddr::len)
/// bytes are ever read: an address the kernel returned is trusted up to the length it returned,
/// and no further.
///
/// # The empty address
///
/// An address can be empty: length 0, family `AF_UNSPEC` ([`SockAddr::empty`]). The kernel
/// reports one where there is no name to report — on Linux, `recvfrom` on a UNIX datagram socket
/// gives it for a datagram from an **unbound** sender, and `recvfrom` on a connected stream
/// socket gives it too. It is not an `AF_UNIX` address, so [`as_un`](SockAddr::as_un) (like every
/// `as_*`) is `None` for it; check [`is_empty`](SockAddr::is_empty) first. It prints as
/// `(unnamed)`, as an unnamed [`SockAddrUn`] does.
///
/// ```
/// use berkeley::{Domain, SockAddr};
///
/// let addr = "[::1]:53".parse::<SockAddr>()?;
/// assert_eq!(addr.family(), Domain::INET6);
/// assert_eq!(addr.as_in6().unwrap().port(), 53);
/// assert!(addr.as_in().is_none());
/// assert_eq!(addr.to_string(), "[::1]:53");
/// # Ok::<(), berkeley::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct SockAddr {
    /// Every byte is initialised (zero past what was written); only the first `len` mean anything.
    storage: Storage,
    /// Invariant: `len <= STORAGE_LEN`.
    len: socklen_t,
}

impl SockAddr {
    /// Copies an address out of a `sockaddr_storage`, trusting only its first `len` bytes (the
    /// `from_raw` of this type; [`as_raw`](SockAddr::as_raw) is its inverse).
    ///
    /// Fails with [`Error::InvalidInput`] if `len` exceeds the storage (or, for `AF_UNIX`,
    /// `sizeof(struct sockaddr_un)`, but for the one NUL byte Linux counts after a path that fills
    /// `sun_path`), and with [`Error::ShortAddr`] if `len` is shorter than the
    /// struct of the family it names (an `AF_INET` address needs 16 bytes, `AF_INET6` 28,
    /// `AF_UNIX` at least 2, `AF_PACKET` 12) or than the family field itself. A `len` of 0 is
    /// the empty (unspecified) address, as `recvfrom` returns for a connected stream.
    ///
    /// ```
    /// use berkeley::{Domain, Error, SockAddr};
    ///
    /// #[cfg(unix)]
    /// // SAFETY: a C socket-address struct is plain old data; all-zero is a valid value.
    /// let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    /// #[cfg(windows)]
    /// let mut storage: windows_sys::Win32::Networking::WinSock::SOCKADDR_STORAGE =
    ///     // SAFETY: a C socket-address struct is plain old data; all-zero is a valid value.
    ///     unsafe { std::mem::zeroed() };
    /// storage.ss_family = Domain::INET.as_raw() as _; // AF_INET
    /// assert!(SockAddr::from_storage(&storage, 16).is_ok());
    /// assert!(matches!(SockAddr::from_storage(&storage, 8), Err(Error::ShortAddr { need: 16, .. })));
    /// ```
    #[doc(alias = "from_raw")]
    pub fn from_storage(storage: &c::sockaddr_storage, len: socklen_t) -> Result<SockAddr> {
        let n = usize::try_from(len).unwrap_or(usize::MAX);
        if n > STORAGE_LEN {
            return Err(Error::InvalidInput {
                call: "SockAddr::from_storage",
                what: "length exceeds sizeof(struct sockaddr_storage)",
            });
        }
        // SAFETY: `storage` is a live sockaddr_storage, readable for its size, and n <= its size.
        let addr = unsafe {
            SockAddr::from_raw_parts((storage as *const c::sockaddr_storage).cast::<u8>(), n)
        };
        addr.check_family_len()?;
        Ok(addr)
    }

    /// Builds an address from the first `len` bytes at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` must be valid for reads of `len` bytes, and `len <= size_of::<sockaddr_storage>()`.
    #[inline]
    pub(crate) unsafe fn from_raw_parts(ptr: *const u8, len: usize) -> SockAddr {
        debug_assert!(len <= STORAGE_LEN);
        let len = len.min(STORAGE_LEN);
        let mut storage = Storage([0; STORAGE_LEN]);
        // SAFETY: the caller guarantees `ptr` is readable for `len` bytes; `len <= STORAGE_LEN`
        // fits the destination, a fresh local that cannot overlap the source.
        unsafe { std::ptr::copy_nonoverlapping(ptr, storage.0.as_mut_ptr(), len) };
        SockAddr { storage, len: len as socklen_t }
    }

    /// Lets an OS call fill an address: `f` gets a pointer to **zeroed** storage of
    /// `sizeof(sockaddr_storage)` bytes and a pointer to its length (set to that size), and leaves
    /// the length as the kernel returned it. The length is then clamped to `0..=128`: a negative
    /// one (Winsock's `int`) becomes 0, a larger one (a truncated address) 128. Because the
    /// storage starts zeroed, a call that reports a length without writing the bytes (Winsock's
    /// `recvfrom` on a stream) yields zeros, never uninitialised memory — and since its family is
    /// then still `AF_UNSPEC`, the result is the empty address, on every platform.
    ///
    /// # Safety
    ///
    /// `f` may write at most `*len` (as passed in) bytes at the address pointer, as `accept`,
    /// `recvfrom`, `getsockname` and `getpeername` do.
    pub(crate) unsafe fn try_init<T, F>(f: F) -> Result<(T, SockAddr)>
    where
        F: FnOnce(*mut c::sockaddr, *mut socklen_t) -> Result<T>,
    {
        let mut storage = Storage([0; STORAGE_LEN]);
        let mut len = STORAGE_LEN as socklen_t;
        let t = f(storage.0.as_mut_ptr().cast::<c::sockaddr>(), &mut len)?;
        let mut addr = SockAddr { storage, len: clamp_len(len) };
        // A length with the family still AF_UNSPEC (the zeroed storage untouched: Winsock's
        // `recvfrom` on a connected stream) is no address at all: the empty address.
        if addr.family() == Domain::UNSPEC {
            addr.len = 0;
        }
        Ok((t, addr))
    }

    /// The empty address (length 0, family `AF_UNSPEC`): see [the empty
    /// address](SockAddr#the-empty-address).
    ///
    /// ```
    /// let a = berkeley::SockAddr::empty();
    /// assert!(a.is_empty());
    /// assert_eq!(a.family(), berkeley::Domain::UNSPEC);
    /// assert!(a.as_un().is_none());
    /// assert_eq!(a.to_string(), "(unnamed)");
    /// ```
    pub const fn empty() -> SockAddr {
        SockAddr { storage: Storage([0; STORAGE_LEN]), len: 0 }
    }

    /// The address family (`sa_family`), or `AF_UNSPEC` if the address is shorter than the family
    /// field.
    ///
    /// ```
    /// use berkeley::{Domain, SockAddr, SockAddrIn};
    /// let a = SockAddr::from(SockAddrIn::new(std::net::Ipv4Addr::LOCALHOST, 1));
    /// assert_eq!(a.family(), Domain::INET);
    /// ```
    #[inline]
    pub fn family(&self) -> Domain {
        if self.len() < FAMILY_OFFSET + FAMILY_LEN {
            return Domain::UNSPEC;
        }
        let mut raw = [0; FAMILY_LEN];
        raw.copy_from_slice(&self.storage.0[FAMILY_OFFSET..FAMILY_OFFSET + FAMILY_LEN]);
        Domain::from_raw(i32::from(sa_family_t::from_ne_bytes(raw)))
    }

    /// The length of the address in bytes (what the C calls pass as `socklen_t`).
    ///
    /// ```
    /// let a = "127.0.0.1:80".parse::<berkeley::SockAddr>()?;
    /// assert_eq!(a.len(), 16); // sizeof(struct sockaddr_in)
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the address is empty (length 0): for example the source `recvfrom` reports on a
    /// connected stream socket.
    ///
    /// ```
    /// assert!(berkeley::SockAddr::empty().is_empty());
    /// ```
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The meaningful bytes of the address, as the C struct lays them out.
    ///
    /// ```
    /// let a = "127.0.0.1:80".parse::<berkeley::SockAddr>()?;
    /// assert_eq!(&a.as_bytes()[2..8], &[0, 80, 127, 0, 0, 1]); // port and address, network order
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes()
    }

    /// The C `sockaddr_storage` and the length of its meaningful part, for passing to C code
    /// (the inverse of [`from_storage`](SockAddr::from_storage)). Bytes past the length are zero.
    ///
    /// ```
    /// use berkeley::{Domain, SockAddr};
    ///
    /// let a: SockAddr = "127.0.0.1:80".parse()?;
    /// let (storage, len) = a.as_raw();
    /// assert_eq!(i32::from(storage.ss_family), Domain::INET.as_raw());
    /// assert_eq!(SockAddr::from_storage(storage, len)?, a);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn as_raw(&self) -> (&c::sockaddr_storage, socklen_t) {
        // `Storage` has the size of sockaddr_storage and at least its alignment (asserted above).
        // SAFETY: all the bytes are initialised; sockaddr_storage (integers, byte arrays,
        // MaybeUninit padding) is valid for any of them; the borrow of `self` keeps them alive.
        let raw = unsafe { &*(&self.storage as *const Storage).cast::<c::sockaddr_storage>() };
        (raw, self.len)
    }

    /// A pointer to the C `sockaddr`, for passing to other C code together with
    /// [`raw_len`](SockAddr::raw_len). Only `raw_len()` bytes may be read through it.
    ///
    /// ```
    /// let a = "127.0.0.1:80".parse::<berkeley::SockAddr>()?;
    /// // SAFETY: the address is 16 bytes long, so sa_family (bytes 0..2) is readable.
    /// let family = unsafe { (*a.as_ptr()).sa_family };
    /// assert_eq!(i32::from(family), berkeley::Domain::INET.as_raw()); // AF_INET
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn as_ptr(&self) -> *const c::sockaddr {
        self.storage.0.as_ptr().cast::<c::sockaddr>()
    }

    /// The length as the C type `socklen_t`.
    ///
    /// ```
    /// let a = "[::1]:80".parse::<berkeley::SockAddr>()?;
    /// assert_eq!(a.raw_len(), 28); // sizeof(struct sockaddr_in6)
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[inline]
    pub fn raw_len(&self) -> socklen_t {
        self.len
    }

    /// The address as a std `SocketAddr`, if it is IPv4 or IPv6.
    ///
    /// ```
    /// let a = "10.0.0.1:22".parse::<berkeley::SockAddr>()?;
    /// assert_eq!(a.as_socket().unwrap().port(), 22);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    #[doc(alias = "as_std")]
    pub fn as_socket(&self) -> Option<SocketAddr> {
        if let Some(v4) = self.as_in() {
            Some(SocketAddr::V4(v4.into()))
        } else {
            self.as_in6().map(|v6| SocketAddr::V6(v6.into()))
        }
    }

    /// The IPv4 address, if this is a complete `AF_INET` address.
    ///
    /// ```
    /// use berkeley::SockAddr;
    /// let a = "127.0.0.1:7".parse::<SockAddr>()?;
    /// assert_eq!(a.as_in().unwrap().port(), 7);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn as_in(&self) -> Option<SockAddrIn> {
        if self.family() != Domain::INET || self.len() < mem::size_of::<c::sockaddr_in>() {
            return None;
        }
        // SAFETY: the storage is 128 initialised bytes (>= sizeof sockaddr_in), sockaddr_in is
        // plain old data valid for any bytes, and read_unaligned needs no alignment.
        let raw = unsafe { self.storage.0.as_ptr().cast::<c::sockaddr_in>().read_unaligned() };
        Some(SockAddrIn::from_raw_unchecked(&raw))
    }

    /// The IPv6 address, if this is a complete `AF_INET6` address.
    ///
    /// ```
    /// use berkeley::SockAddr;
    /// let a = "[::1]:7".parse::<SockAddr>()?;
    /// assert_eq!(a.as_in6().unwrap().ip(), std::net::Ipv6Addr::LOCALHOST);
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn as_in6(&self) -> Option<SockAddrIn6> {
        if self.family() != Domain::INET6 || self.len() < mem::size_of::<c::sockaddr_in6>() {
            return None;
        }
        // SAFETY: as in `as_in`, with sockaddr_in6.
        let raw = unsafe { self.storage.0.as_ptr().cast::<c::sockaddr_in6>().read_unaligned() };
        Some(SockAddrIn6::from_raw_unchecked(&raw))
    }

    /// The minimum length a family needs, for the families berkeley knows.
    fn min_len(family: Domain) -> usize {
        match family {
            Domain::INET => mem::size_of::<c::sockaddr_in>(),
            Domain::INET6 => mem::size_of::<c::sockaddr_in6>(),
            #[cfg(any(target_os = "linux", target_os = "android"))]
            Domain::PACKET => link::MIN_LEN,
            _ => FAMILY_OFFSET + FAMILY_LEN,
        }
    }

    fn check_family_len(&self) -> Result<()> {
        if self.len == 0 {
            return Ok(());
        }
        let family = self.family();
        let need = Self::min_len(family);
        if self.len() < need {
            return Err(Error::ShortAddr { family, len: self.len(), need });
        }
        // AF_UNIX: at most the struct, plus the NUL Linux counts after a path that fills
        // sun_path (unix(7), BUGS).
        let un_max = mem::size_of::<c::sockaddr_un>();
        if family == Domain::UNIX
            && self.len() > un_max
            && (self.len() > un_max + 1 || self.bytes()[un_max] != 0)
        {
            return Err(Error::InvalidInput {
                call: "SockAddr::from_storage",
                what: "AF_UNIX length exceeds sizeof(struct sockaddr_un)",
            });
        }
        Ok(())
    }

    #[inline]
    fn bytes(&self) -> &[u8] {
        &self.storage.0[..self.len()]
    }
}

/// A length an OS call returned, clamped to `0..=STORAGE_LEN`.
#[inline]
fn clamp_len(len: socklen_t) -> socklen_t {
    match usize::try_from(len) {
        Ok(n) if n > STORAGE_LEN => STORAGE_LEN as socklen_t,
        Ok(_) => len,
        Err(_) => 0, // negative (Winsock's signed int)
    }
}

/// Writes the text `write` produces to `f`, honouring the formatter's width, fill, alignment and
/// precision as `Formatter::pad` does for a `str` — without a heap allocation: when padding is
/// asked for, the text goes through a stack buffer first. Every address text the crate prints
/// fits in it (the longest, an IPv6 socket address with scope, is 64 bytes).
fn pad(
    f: &mut fmt::Formatter<'_>,
    write: impl Fn(&mut dyn fmt::Write) -> fmt::Result,
) -> fmt::Result {
    if f.width().is_none() && f.precision().is_none() {
        return write(f);
    }
    let mut buf = TextBuf { buf: [0; 64], len: 0 };
    write(&mut buf)?;
    f.pad(buf.as_str())
}

/// A fixed stack buffer that fails (rather than truncates) when the text does not fit.
struct TextBuf {
    buf: [u8; 64],
    len: usize,
}

impl TextBuf {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so the prefix is valid UTF-8.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for TextBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let dst = self.buf.get_mut(self.len..self.len + s.len()).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len += s.len();
        Ok(())
    }
}

impl Default for SockAddr {
    fn default() -> SockAddr {
        SockAddr::empty()
    }
}

impl PartialEq for SockAddr {
    fn eq(&self, other: &SockAddr) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for SockAddr {}

impl Hash for SockAddr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bytes().hash(state);
    }
}

impl fmt::Display for SockAddr {
    /// `1.2.3.4:80`, `[::1]:80`, `[fe80::1%2]:80` (IP addresses as glibc's `inet_ntop` prints
    /// them), a UNIX path, `@name` for a Linux abstract name, `(unnamed)` for an unnamed UNIX
    /// address and for the [empty](SockAddr::empty) address, `ll(ifindex=2 ETH_P_IP 00:1a:..)` for
    /// a link-layer address, and `(AF_PACKET, 32 bytes)` for anything else.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(a) = self.as_in() {
            return fmt::Display::fmt(&a, f);
        }
        if let Some(a) = self.as_in6() {
            return fmt::Display::fmt(&a, f);
        }
        if let Some(a) = self.as_un() {
            return fmt::Display::fmt(&a, f);
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let Some(a) = self.as_ll() {
            return fmt::Display::fmt(&a, f);
        }
        if self.is_empty() {
            return f.write_str("(unnamed)");
        }
        write!(f, "({:?}, {} bytes)", self.family(), self.len())
    }
}

impl fmt::Debug for SockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SockAddr")
            .field("family", &self.family())
            .field("len", &self.len)
            .field("addr", &format_args!("{self}"))
            .finish()
    }
}

impl From<SocketAddrV4> for SockAddr {
    #[inline]
    fn from(addr: SocketAddrV4) -> SockAddr {
        SockAddr::from(SockAddrIn::from(addr))
    }
}

impl From<SocketAddrV6> for SockAddr {
    #[inline]
    fn from(addr: SocketAddrV6) -> SockAddr {
        SockAddr::from(SockAddrIn6::from(addr))
    }
}

impl From<SocketAddr> for SockAddr {
    #[inline]
    fn from(addr: SocketAddr) -> SockAddr {
        match addr {
            SocketAddr::V4(a) => SockAddr::from(a),
            SocketAddr::V6(a) => SockAddr::from(a),
        }
    }
}

impl From<SockAddrIn> for SockAddr {
    #[inline]
    fn from(addr: SockAddrIn) -> SockAddr {
        let raw = addr.as_raw();
        // SAFETY: `raw` is a live sockaddr_in, readable for its whole size (16 <= 128).
        unsafe {
            SockAddr::from_raw_parts(
                (raw as *const c::sockaddr_in).cast::<u8>(),
                mem::size_of_val(raw),
            )
        }
    }
}

impl From<SockAddrIn6> for SockAddr {
    #[inline]
    fn from(addr: SockAddrIn6) -> SockAddr {
        let raw = addr.as_raw();
        // SAFETY: `raw` is a live sockaddr_in6, readable for its whole size (28 <= 128).
        unsafe {
            SockAddr::from_raw_parts(
                (raw as *const c::sockaddr_in6).cast::<u8>(),
                mem::size_of_val(raw),
            )
        }
    }
}

impl TryFrom<SockAddr> for SocketAddr {
    type Error = Error;

    /// Fails with [`Error::WrongFamily`] unless the address is IPv4 or IPv6.
    fn try_from(addr: SockAddr) -> Result<SocketAddr> {
        addr.as_socket()
            .ok_or(Error::WrongFamily { expected: "AF_INET or AF_INET6", found: addr.family() })
    }
}

impl TryFrom<&SockAddr> for SocketAddr {
    type Error = Error;

    fn try_from(addr: &SockAddr) -> Result<SocketAddr> {
        SocketAddr::try_from(*addr)
    }
}

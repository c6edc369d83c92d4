//! The value types of some options: [`OptName`], [`UCred`], [`PmtuDisc`].

use std::fmt;

#[cfg(any(target_os = "linux", target_os = "android"))]
use super::c;
#[cfg(all(doc, any(target_os = "linux", target_os = "android")))]
use super::{IpMtuDiscover, PeerCred};
use crate::error::{Error, Result};
use crate::types::c_debug;

/// A short NUL-free name: the value of `BindToDevice` (an interface name, at most
/// `IFNAMSIZ - 1` bytes) and `TcpCongestion` (an algorithm name, at most
/// `TCP_CA_NAME_MAX - 1` bytes), both Linux options. Both limits are 15 bytes.
///
/// Stored inline (no allocation). Building one from a longer name, or one with a NUL byte, is an
/// [`Error::InvalidInput`] — C would silently cut it short.
///
/// ```
/// use berkeley::sockopt::OptName;
/// # fn main() -> berkeley::Result<()> {
/// let lo = OptName::new("lo")?;
/// assert_eq!(lo, "lo");
/// assert_eq!(lo.as_bytes(), b"lo");
/// assert!(OptName::new("a-very-long-name0").is_err()); // 17 bytes
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OptName {
    len: u8,
    /// NUL-padded, as the kernel takes it.
    pub(super) buf: [u8; OptName::MAX_LEN + 1],
}

impl OptName {
    /// The longest name, in bytes (15: `IFNAMSIZ - 1`, `TCP_CA_NAME_MAX - 1`).
    pub const MAX_LEN: usize = 15;

    /// A name from text.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] if `name` is longer than [`MAX_LEN`](Self::MAX_LEN) bytes or
    /// contains a NUL byte.
    ///
    /// ```
    /// let cc = berkeley::sockopt::OptName::new("cubic")?;
    /// assert_eq!(cc.to_string(), "cubic");
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn new(name: &str) -> Result<OptName> {
        OptName::from_bytes(name.as_bytes())
    }

    /// A name from bytes (Linux interface names need not be UTF-8).
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new).
    ///
    /// ```
    /// let name = berkeley::sockopt::OptName::from_bytes(b"eth0")?;
    /// assert_eq!(name.as_bytes(), b"eth0");
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn from_bytes(name: &[u8]) -> Result<OptName> {
        if name.len() > OptName::MAX_LEN {
            return Err(Error::InvalidInput {
                call: "setsockopt",
                what: "name longer than 15 bytes (IFNAMSIZ - 1, TCP_CA_NAME_MAX - 1)",
            });
        }
        if name.contains(&0) {
            return Err(Error::InvalidInput {
                call: "setsockopt",
                what: "name contains a NUL byte",
            });
        }
        let mut buf = [0u8; OptName::MAX_LEN + 1];
        buf[..name.len()].copy_from_slice(name);
        Ok(OptName { len: name.len() as u8, buf })
    }

    /// The name's bytes (no NUL).
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::OptName::new("reno")?.as_bytes(), b"reno");
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }

    /// The name as text, if it is UTF-8.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::OptName::new("lo")?.to_str(), Some("lo"));
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn to_str(&self) -> Option<&str> {
        std::str::from_utf8(self.as_bytes()).ok()
    }

    /// Whether the name is empty.
    ///
    /// ```
    /// assert!(berkeley::sockopt::OptName::new("")?.is_empty());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The name in a kernel-returned buffer: the bytes before the first NUL within `len`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) fn from_c(bytes: &[u8]) -> Result<OptName, &'static str> {
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        if end > OptName::MAX_LEN {
            return Err("the OS returned a name without a terminating NUL");
        }
        let mut out = [0u8; OptName::MAX_LEN + 1];
        out[..end].copy_from_slice(&bytes[..end]);
        Ok(OptName { len: end as u8, buf: out })
    }
}

impl TryFrom<&str> for OptName {
    type Error = Error;
    fn try_from(name: &str) -> Result<OptName> {
        OptName::new(name)
    }
}

impl PartialEq<str> for OptName {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for OptName {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl fmt::Display for OptName {
    /// The name, with invalid UTF-8 replaced by U+FFFD.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.as_bytes()))
    }
}

impl fmt::Debug for OptName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}

/// The credentials of the peer process: the value of [`PeerCred`] (`struct ucred`).
///
/// For a connected UNIX socket these are the credentials the peer had when it called `connect`
/// or `socketpair` (or `listen`, for the accepting side's view of the listener).
///
/// ```
/// let cred = berkeley::sockopt::UCred { pid: 1, uid: 0, gid: 0 };
/// assert_eq!(cred.pid, 1);
/// ```
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UCred {
    /// The process ID (`pid_t`).
    pub pid: i32,
    /// The user ID (`uid_t`).
    pub uid: u32,
    /// The group ID (`gid_t`).
    pub gid: u32,
}

/// A path-MTU-discovery mode (`IP_PMTUDISC_*`): the value of [`IpMtuDiscover`].
///
/// A transparent newtype over the C value, like the crate's other constants, so modes newer
/// than this crate still read back; its `Debug` prints the C name.
///
/// ```
/// use berkeley::sockopt::PmtuDisc;
///
/// assert_eq!(PmtuDisc::DO.as_raw(), libc::IP_PMTUDISC_DO);
/// assert_eq!(format!("{:?}", PmtuDisc::PROBE), "IP_PMTUDISC_PROBE");
/// ```
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct PmtuDisc(i32);

#[cfg(any(target_os = "linux", target_os = "android"))]
impl PmtuDisc {
    /// `IP_PMTUDISC_DONT`: never set the Don't-Fragment flag.
    pub const DONT: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_DONT);
    /// `IP_PMTUDISC_WANT`: use per-route settings (the default).
    pub const WANT: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_WANT);
    /// `IP_PMTUDISC_DO`: always set DF; sends larger than the path MTU fail with `EMSGSIZE`.
    pub const DO: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_DO);
    /// `IP_PMTUDISC_PROBE`: set DF but ignore the path MTU (for probing tools).
    pub const PROBE: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_PROBE);
    /// `IP_PMTUDISC_INTERFACE`: use the interface MTU, ignore the path MTU (Linux 3.13+).
    pub const INTERFACE: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_INTERFACE);
    /// `IP_PMTUDISC_OMIT`: like `INTERFACE`, but fragment packets larger than it (Linux 3.15+).
    pub const OMIT: PmtuDisc = PmtuDisc(c::IP_PMTUDISC_OMIT);

    /// Wraps a raw `IP_PMTUDISC_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::PmtuDisc::from_raw(2), berkeley::sockopt::PmtuDisc::DO);
    /// ```
    #[inline]
    pub const fn from_raw(raw: i32) -> PmtuDisc {
        PmtuDisc(raw)
    }

    /// The raw `IP_PMTUDISC_*` value.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::PmtuDisc::DONT.as_raw(), 0);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

c_debug!(#[cfg(any(target_os = "linux", target_os = "android"))]
    PmtuDisc: DONT => "IP_PMTUDISC_DONT", WANT => "IP_PMTUDISC_WANT", DO => "IP_PMTUDISC_DO",
    PROBE => "IP_PMTUDISC_PROBE", INTERFACE => "IP_PMTUDISC_INTERFACE", OMIT => "IP_PMTUDISC_OMIT");

//! Options of raw IP sockets: `SOL_RAW` (raw(7)), `IPPROTO_ICMPV6` (icmp6 filter) and
//! `IPV6_CHECKSUM` (ipv6(7), RFC 3542).
//!
//! `IP_HDRINCL` lives with the other `IPPROTO_IP` options ([`IpHdrIncl`](super::IpHdrIncl)).

use std::fmt;

use super::codec::{get_with, set_with, Decode, Encode};
use super::{sealed, GetSockOpt, SetSockOpt, SockOpt, SockRef};
use crate::error::{Error, Result};

/// The C numbers berkeley needs that libc does not define.
mod c {
    pub(super) use crate::sys::c::*;
    /// `SOL_RAW` (`<linux/socket.h>`): the level of raw-socket options.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const SOL_RAW: i32 = 255;
    /// `ICMP_FILTER` (`<linux/icmp.h>`).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const ICMP_FILTER: i32 = 1;
    /// `ICMPV6_FILTER` (`<linux/icmpv6.h>`; glibc's `ICMP6_FILTER`).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(super) const ICMP6_FILTER: i32 = 1;
}

/// Implements the option traits for a marker whose codec lives in this file (the table macro
/// `sockopt_impl!` only reaches the codecs of `codec.rs`).
macro_rules! local_impl {
    ($name:ident: $value:ty = $level:expr, $opt:ident, $codec:ident) => {
        impl sealed::Sealed for $name {}
        impl SockOpt for $name {
            type Value = $value;
            const LEVEL: i32 = $level as i32;
            const NAME: i32 = c::$opt;
            const C_NAME: &'static str = stringify!($opt);
        }
        impl SetSockOpt<$value> for $name {
            #[inline]
            fn set(self, socket: SockRef<'_>, value: $value) -> Result<()> {
                let call = concat!("setsockopt(", stringify!($opt), ")");
                set_with::<$codec>(socket, Self::LEVEL, Self::NAME, call, value)
            }
        }
        impl GetSockOpt for $name {
            #[inline]
            fn get(self, socket: SockRef<'_>) -> Result<$value> {
                let call = concat!("getsockopt(", stringify!($opt), ")");
                get_with::<$codec>(socket, Self::LEVEL, Self::NAME, call)
            }
        }
    };
}

// ---- ICMP_FILTER -----------------------------------------------------------------------------

/// The C names of the ICMPv4 types 0..=18 (`<netinet/ip_icmp.h>`), for `Debug`.
const ICMP_NAMES: [Option<&str>; 19] = [
    Some("ICMP_ECHOREPLY"),
    None,
    None,
    Some("ICMP_DEST_UNREACH"),
    Some("ICMP_SOURCE_QUENCH"),
    Some("ICMP_REDIRECT"),
    None,
    None,
    Some("ICMP_ECHO"),
    None,
    None,
    Some("ICMP_TIME_EXCEEDED"),
    Some("ICMP_PARAMETERPROB"),
    Some("ICMP_TIMESTAMP"),
    Some("ICMP_TIMESTAMPREPLY"),
    Some("ICMP_INFO_REQUEST"),
    Some("ICMP_INFO_REPLY"),
    Some("ICMP_ADDRESS"),
    Some("ICMP_ADDRESSREPLY"),
];

/// Which ICMPv4 message types a raw `IPPROTO_ICMP` socket receives: the value of
/// `IcmpFilter` (Linux only), C's `struct icmp_filter { __u32 data; }`.
///
/// The kernel keeps one bit per ICMP type 0..=31; a set bit **blocks** that type (the message
/// is not queued to this socket). Types 32 and above cannot be filtered and always pass, so the
/// constructors refuse them rather than drop them silently. Type numbers are the `u8`s of
/// [`wire::icmpv4`](crate::wire::icmpv4) (`ICMP_ECHOREPLY`, ...).
///
/// ```
/// use berkeley::sockopt::IcmpTypeFilter;
/// use berkeley::wire::icmpv4::{ICMP_DEST_UNREACH, ICMP_ECHOREPLY, ICMP_ECHO, ICMP_TIME_EXCEEDED};
/// # fn main() -> berkeley::Result<()> {
/// // What `ping` wants: replies and errors, not the other echo requests on the host.
/// let f = IcmpTypeFilter::pass_only(&[ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED])?;
/// assert!(f.passes(ICMP_ECHOREPLY) && f.blocks(ICMP_ECHO));
/// assert!(f.passes(200)); // types >= 32 always pass
///
/// let f = IcmpTypeFilter::block(&[ICMP_ECHO])?;
/// assert_eq!(f.as_raw(), 1 << 8);
/// assert_eq!(format!("{f:?}"), "IcmpTypeFilter { blocked: [ICMP_ECHO] }");
/// assert!(IcmpTypeFilter::block(&[40]).is_err()); // cannot be filtered: refused, not ignored
/// # Ok(()) }
/// ```
///
/// See [raw(7)](https://man7.org/linux/man-pages/man7/raw.7.html).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IcmpTypeFilter {
    /// Bit `t` set: type `t` is blocked (the kernel's meaning).
    blocked: u32,
}

/// The error for an ICMP type the 32-bit filter cannot hold.
const TYPE_TOO_BIG: &str =
    "ICMP types >= 32 cannot be filtered (ICMP_FILTER has 32 bits; they always pass)";

impl IcmpTypeFilter {
    /// Blocks nothing: every ICMP message reaches the socket (the default of a new socket).
    pub const PASS_ALL: IcmpTypeFilter = IcmpTypeFilter { blocked: 0 };
    /// Blocks every type 0..=31 (types 32 and above still pass).
    pub const BLOCK_ALL: IcmpTypeFilter = IcmpTypeFilter { blocked: u32::MAX };

    /// A filter that blocks exactly the types in `types`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] if a type is 32 or more (the kernel cannot filter it).
    ///
    /// ```
    /// use berkeley::sockopt::IcmpTypeFilter;
    /// let f = IcmpTypeFilter::block(&[0, 8])?;
    /// assert!(f.blocks(0) && f.blocks(8) && f.passes(3));
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn block(types: &[u8]) -> Result<IcmpTypeFilter> {
        Ok(IcmpTypeFilter { blocked: Self::bits_of(types, "IcmpTypeFilter::block")? })
    }

    /// A filter that passes only the types in `types` and blocks every other type 0..=31.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] if a type is 32 or more (it would pass anyway, and the filter
    /// would not be what was asked for).
    ///
    /// ```
    /// use berkeley::sockopt::IcmpTypeFilter;
    /// let f = IcmpTypeFilter::pass_only(&[0])?;
    /// assert!(f.passes(0) && f.blocks(8));
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn pass_only(types: &[u8]) -> Result<IcmpTypeFilter> {
        Ok(IcmpTypeFilter { blocked: !Self::bits_of(types, "IcmpTypeFilter::pass_only")? })
    }

    fn bits_of(types: &[u8], call: &'static str) -> Result<u32> {
        types.iter().try_fold(0u32, |bits, &t| {
            if t < 32 {
                Ok(bits | 1 << t)
            } else {
                Err(Error::InvalidInput { call, what: TYPE_TOO_BIG })
            }
        })
    }

    /// Whether messages of type `ty` are blocked (never true for `ty >= 32`).
    ///
    /// ```
    /// use berkeley::sockopt::IcmpTypeFilter;
    /// assert!(IcmpTypeFilter::BLOCK_ALL.blocks(31) && !IcmpTypeFilter::BLOCK_ALL.blocks(32));
    /// ```
    #[inline]
    pub const fn blocks(&self, ty: u8) -> bool {
        ty < 32 && self.blocked & (1 << ty) != 0
    }

    /// Whether messages of type `ty` reach the socket: `!self.blocks(ty)`.
    ///
    /// ```
    /// use berkeley::sockopt::IcmpTypeFilter;
    /// assert!(IcmpTypeFilter::PASS_ALL.passes(8));
    /// ```
    #[inline]
    pub const fn passes(&self, ty: u8) -> bool {
        !self.blocks(ty)
    }

    /// The filter with C value `data` (`struct icmp_filter`'s one field: bit `t` set blocks
    /// type `t`).
    ///
    /// ```
    /// use berkeley::sockopt::IcmpTypeFilter;
    /// assert!(IcmpTypeFilter::from_raw(1).blocks(0));
    /// ```
    #[inline]
    pub const fn from_raw(data: u32) -> IcmpTypeFilter {
        IcmpTypeFilter { blocked: data }
    }

    /// The C value (`icmp_filter.data`).
    ///
    /// ```
    /// use berkeley::sockopt::IcmpTypeFilter;
    /// assert_eq!(IcmpTypeFilter::BLOCK_ALL.as_raw(), u32::MAX);
    /// ```
    #[inline]
    pub const fn as_raw(&self) -> u32 {
        self.blocked
    }
}

/// A type number with its C name where it has one.
struct TypeName(u8);

impl fmt::Debug for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match ICMP_NAMES.get(usize::from(self.0)).copied().flatten() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.0),
        }
    }
}

impl fmt::Debug for IcmpTypeFilter {
    /// `IcmpTypeFilter { blocked: [ICMP_ECHO, 7] }`: the blocked types, by C name where one exists.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let blocked: Vec<TypeName> = (0..32u8).filter(|&t| self.blocks(t)).map(TypeName).collect();
        f.debug_struct("IcmpTypeFilter").field("blocked", &blocked).finish()
    }
}

/// `ICMP_FILTER`: `struct icmp_filter`, one `__u32`.
#[cfg(any(target_os = "linux", target_os = "android"))]
enum IcmpFilterCodec {}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Encode for IcmpFilterCodec {
    type Value = IcmpTypeFilter;
    type Bytes = [u8; 4];
    fn encode(value: IcmpTypeFilter) -> Result<[u8; 4], &'static str> {
        Ok(value.blocked.to_ne_bytes())
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Decode for IcmpFilterCodec {
    type Value = IcmpTypeFilter;
    const LEN: usize = 4;
    fn decode(bytes: &[u8]) -> Result<IcmpTypeFilter, &'static str> {
        <[u8; 4]>::try_from(bytes)
            .map(|b| IcmpTypeFilter { blocked: u32::from_ne_bytes(b) })
            .map_err(|_| "the OS returned an icmp_filter of an unexpected size")
    }
}

/// Which ICMP types a raw `IPPROTO_ICMP` socket (IPv4) receives: see [`IcmpTypeFilter`]. A raw
/// ICMP socket otherwise sees **every** ICMP message the host receives — other programs' echo
/// replies, and on loopback its own echo requests.
///
/// C: `setsockopt(fd, SOL_RAW, ICMP_FILTER, &filt, sizeof filt)` with `filt` of type
/// `struct icmp_filter` (get and set). Python: `sock.setsockopt(255, 1, struct.pack("I",
/// mask))` (no named constants).
///
/// Only raw sockets of protocol `IPPROTO_ICMP` have it (others: `EOPNOTSUPP`); datagram ICMP
/// sockets only ever receive their own replies.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::{IcmpTypeFilter, IcmpFilter};
/// use berkeley::wire::icmpv4::ICMP_ECHOREPLY;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // Raw sockets need CAP_NET_RAW; without it, socket() fails with EPERM.
/// if let Ok(s) = Socket::new(Domain::INET, Type::RAW, Protocol::ICMP) {
///     s.setsockopt(IcmpFilter, IcmpTypeFilter::pass_only(&[ICMP_ECHOREPLY])?)?;
///     assert!(s.getsockopt(IcmpFilter)?.blocks(8));
/// }
/// # Ok(()) }
/// ```
///
/// See [raw(7)](https://man7.org/linux/man-pages/man7/raw.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "ICMP_FILTER")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IcmpFilter;

#[cfg(any(target_os = "linux", target_os = "android"))]
local_impl!(IcmpFilter: IcmpTypeFilter = c::SOL_RAW, ICMP_FILTER, IcmpFilterCodec);

// ---- ICMP6_FILTER ----------------------------------------------------------------------------

/// Which ICMPv6 message types a raw `IPPROTO_ICMPV6` socket receives: the value of
/// `Icmpv6Filter` (Linux), C's `struct icmp6_filter { uint32_t icmp6_filt[8]; }` (RFC 3542).
///
/// One bit per type 0..=255, so every type can be filtered. Linux stores a set bit as
/// "blocked" (the BSDs store it as "passed": berkeley has the option on Linux only). Build it
/// like the C macros `ICMP6_FILTER_SETPASSALL`/`SETBLOCKALL`/`SETPASS`/`SETBLOCK`:
///
/// ```
/// use berkeley::sockopt::Icmpv6TypeFilter;
/// use berkeley::wire::icmpv6::{ICMP6_ECHO_REPLY, ICMP6_ECHO_REQUEST};
///
/// let f = Icmpv6TypeFilter::BLOCK_ALL.pass(ICMP6_ECHO_REPLY);
/// assert!(f.passes(ICMP6_ECHO_REPLY) && f.blocks(ICMP6_ECHO_REQUEST));
/// assert_eq!(format!("{f:?}"), "Icmpv6TypeFilter { passed: [129] }");
/// ```
///
/// See [RFC 3542 §3.2](https://www.rfc-editor.org/rfc/rfc3542#section-3.2).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Icmpv6TypeFilter {
    /// Bit `t` of word `t / 32` set: type `t` is blocked (Linux's meaning).
    blocked: [u32; 8],
}

impl Icmpv6TypeFilter {
    /// Passes every type (`ICMP6_FILTER_SETPASSALL`; a new socket's filter).
    pub const PASS_ALL: Icmpv6TypeFilter = Icmpv6TypeFilter { blocked: [0; 8] };
    /// Blocks every type (`ICMP6_FILTER_SETBLOCKALL`).
    pub const BLOCK_ALL: Icmpv6TypeFilter = Icmpv6TypeFilter { blocked: [u32::MAX; 8] };

    /// This filter with type `ty` passed (`ICMP6_FILTER_SETPASS`).
    ///
    /// ```
    /// use berkeley::sockopt::Icmpv6TypeFilter;
    /// assert!(Icmpv6TypeFilter::BLOCK_ALL.pass(129).passes(129));
    /// ```
    #[must_use]
    pub const fn pass(mut self, ty: u8) -> Icmpv6TypeFilter {
        self.blocked[(ty >> 5) as usize] &= !(1 << (ty & 31));
        self
    }

    /// This filter with type `ty` blocked (`ICMP6_FILTER_SETBLOCK`).
    ///
    /// ```
    /// use berkeley::sockopt::Icmpv6TypeFilter;
    /// assert!(Icmpv6TypeFilter::PASS_ALL.block(128).blocks(128));
    /// ```
    #[must_use]
    pub const fn block(mut self, ty: u8) -> Icmpv6TypeFilter {
        self.blocked[(ty >> 5) as usize] |= 1 << (ty & 31);
        self
    }

    /// Whether type `ty` is blocked (`ICMP6_FILTER_WILLBLOCK`).
    ///
    /// ```
    /// assert!(berkeley::sockopt::Icmpv6TypeFilter::BLOCK_ALL.blocks(255));
    /// ```
    #[inline]
    pub const fn blocks(&self, ty: u8) -> bool {
        self.blocked[(ty >> 5) as usize] & (1 << (ty & 31)) != 0
    }

    /// Whether type `ty` passes (`ICMP6_FILTER_WILLPASS`).
    ///
    /// ```
    /// assert!(berkeley::sockopt::Icmpv6TypeFilter::PASS_ALL.passes(1));
    /// ```
    #[inline]
    pub const fn passes(&self, ty: u8) -> bool {
        !self.blocks(ty)
    }
}

impl fmt::Debug for Icmpv6TypeFilter {
    /// The shorter list: `Icmpv6TypeFilter { passed: [129] }` or `Icmpv6TypeFilter { blocked: [128] }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let blocked: Vec<u8> = (0..=255u8).filter(|&t| self.blocks(t)).collect();
        if blocked.len() > 128 {
            let passed: Vec<u8> = (0..=255u8).filter(|&t| self.passes(t)).collect();
            f.debug_struct("Icmpv6TypeFilter").field("passed", &passed).finish()
        } else {
            f.debug_struct("Icmpv6TypeFilter").field("blocked", &blocked).finish()
        }
    }
}

/// `ICMP6_FILTER`: `struct icmp6_filter`, eight `uint32_t`s.
#[cfg(any(target_os = "linux", target_os = "android"))]
enum Icmp6FilterCodec {}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Encode for Icmp6FilterCodec {
    type Value = Icmpv6TypeFilter;
    type Bytes = [u8; 32];
    fn encode(value: Icmpv6TypeFilter) -> Result<[u8; 32], &'static str> {
        let mut buf = [0u8; 32];
        for (chunk, word) in buf.chunks_exact_mut(4).zip(value.blocked) {
            chunk.copy_from_slice(&word.to_ne_bytes());
        }
        Ok(buf)
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl Decode for Icmp6FilterCodec {
    type Value = Icmpv6TypeFilter;
    const LEN: usize = 32;
    fn decode(bytes: &[u8]) -> Result<Icmpv6TypeFilter, &'static str> {
        if bytes.len() != 32 {
            return Err("the OS returned an icmp6_filter of an unexpected size");
        }
        let mut blocked = [0u32; 8];
        for (word, chunk) in blocked.iter_mut().zip(bytes.chunks_exact(4)) {
            *word = u32::from_ne_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Ok(Icmpv6TypeFilter { blocked })
    }
}

/// Which ICMPv6 types a raw `IPPROTO_ICMPV6` socket receives: see [`Icmpv6TypeFilter`].
///
/// C: `setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filt, sizeof filt)` with `filt` of type
/// `struct icmp6_filter` (get and set). Python: `sock.setsockopt(socket.IPPROTO_ICMPV6, 1,
/// filt_bytes)`.
///
/// Platforms: Linux and Android (the BSDs store the bits with the opposite meaning).
///
/// ```
/// use berkeley::sockopt::{Icmpv6TypeFilter, Icmpv6Filter};
/// use berkeley::wire::icmpv6::ICMP6_ECHO_REPLY;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // Raw sockets need CAP_NET_RAW; without it, socket() fails with EPERM.
/// if let Ok(s) = Socket::new(Domain::INET6, Type::RAW, Protocol::ICMPV6) {
///     s.setsockopt(Icmpv6Filter, Icmpv6TypeFilter::BLOCK_ALL.pass(ICMP6_ECHO_REPLY))?;
///     assert!(s.getsockopt(Icmpv6Filter)?.passes(ICMP6_ECHO_REPLY));
/// }
/// # Ok(()) }
/// ```
///
/// See [icmp6(4) (FreeBSD)](https://man.freebsd.org/cgi/man.cgi?query=icmp6&sektion=4) and
/// [RFC 3542](https://www.rfc-editor.org/rfc/rfc3542#section-3.2).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "ICMP6_FILTER")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Icmpv6Filter;

#[cfg(any(target_os = "linux", target_os = "android"))]
local_impl!(Icmpv6Filter: Icmpv6TypeFilter = c::IPPROTO_ICMPV6, ICMP6_FILTER, Icmp6FilterCodec);

// ---- IPV6_CHECKSUM ---------------------------------------------------------------------------

/// `IPV6_CHECKSUM`: an `int`, -1 = off.
enum ChecksumCodec {}

impl Encode for ChecksumCodec {
    type Value = Option<u32>;
    type Bytes = [u8; 4];
    fn encode(value: Option<u32>) -> Result<[u8; 4], &'static str> {
        let v = match value {
            None => -1,
            Some(off) if off % 2 != 0 => {
                return Err("the checksum offset must be even (the checksum is a 16-bit word)")
            }
            Some(off) => i32::try_from(off)
                .map_err(|_| "value larger than the C int the OS takes (i32::MAX)")?,
        };
        Ok(v.to_ne_bytes())
    }
}

impl Decode for ChecksumCodec {
    type Value = Option<u32>;
    const LEN: usize = 4;
    fn decode(bytes: &[u8]) -> Result<Option<u32>, &'static str> {
        let b = <[u8; 4]>::try_from(bytes)
            .map_err(|_| "the OS returned an option value of an unexpected size")?;
        match i32::from_ne_bytes(b) {
            -1 => Ok(None),
            v => u32::try_from(v).map(Some).map_err(|_| "the OS returned a negative offset"),
        }
    }
}

/// On a raw IPv6 socket of a protocol other than ICMPv6: where in the payload the kernel
/// computes (on send) and checks (on receive) the 16-bit Internet checksum over the IPv6
/// pseudo-header — `Some(byte offset)`, or `None` for no checksum (the C value -1).
///
/// C: `setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &v, sizeof v)` with `v` of type `int`, -1 = off
/// (get and set). Python: `sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_CHECKSUM, 2)`.
///
/// The offset must be even ([`Error::InvalidInput`] otherwise, before the call). Raw
/// `IPPROTO_ICMPV6` sockets always have the checksum at offset 2 and refuse the option
/// (Linux: `EINVAL`). Raw sockets need `CAP_NET_RAW` (Windows: Administrator).
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Ipv6Checksum;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // OSPFv3 (IP protocol 89) keeps its checksum at offset 12.
/// if let Ok(s) = Socket::new(Domain::INET6, Type::RAW, Protocol::from_raw(89)) {
///     s.setsockopt(Ipv6Checksum, Some(12))?;
///     assert_eq!(s.getsockopt(Ipv6Checksum)?, Some(12));
///     s.setsockopt(Ipv6Checksum, None)?;
///     assert_eq!(s.getsockopt(Ipv6Checksum)?, None);
///     assert!(s.setsockopt(Ipv6Checksum, Some(3)).is_err()); // odd: refused before the call
/// }
/// # Ok(()) }
/// ```
///
/// See [ipv6(7)](https://man7.org/linux/man-pages/man7/ipv6.7.html) and
/// [RFC 3542 §3.1](https://www.rfc-editor.org/rfc/rfc3542#section-3.1).
#[doc(alias = "IPV6_CHECKSUM")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ipv6Checksum;

local_impl!(Ipv6Checksum: Option<u32> = c::IPPROTO_IPV6, IPV6_CHECKSUM, ChecksumCodec);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icmp_filter_bits_are_the_kernels() {
        let f = IcmpTypeFilter::block(&[0, 8, 31]).unwrap();
        assert_eq!(f.as_raw(), 1 | 1 << 8 | 1 << 31);
        assert_eq!(IcmpTypeFilter::pass_only(&[0]).unwrap().as_raw(), !1);
        assert!(IcmpTypeFilter::pass_only(&[32]).is_err());
        assert_eq!(
            format!("{:?}", IcmpTypeFilter::from_raw(1 << 7 | 1)),
            "IcmpTypeFilter { blocked: [ICMP_ECHOREPLY, 7] }"
        );
    }

    #[test]
    fn icmpv6_filter_matches_the_glibc_macros() {
        // glibc: ICMP6_FILTER_SETBLOCK(type) sets bit (type & 31) of word (type >> 5).
        let f = Icmpv6TypeFilter::PASS_ALL.block(129);
        assert_eq!(f.blocked[4], 1 << 1);
        assert_eq!(Icmpv6TypeFilter::BLOCK_ALL.pass(0).blocked[0], !1);
        assert_eq!(
            format!("{:?}", Icmpv6TypeFilter::PASS_ALL.block(1)),
            "Icmpv6TypeFilter { blocked: [1] }"
        );
    }

    #[test]
    fn checksum_offset_codec() {
        assert_eq!(ChecksumCodec::encode(None).unwrap(), (-1i32).to_ne_bytes());
        assert_eq!(ChecksumCodec::encode(Some(12)).unwrap(), 12i32.to_ne_bytes());
        assert!(ChecksumCodec::encode(Some(3)).is_err());
        assert!(ChecksumCodec::encode(Some(u32::MAX - 1)).is_err());
        assert_eq!(ChecksumCodec::decode(&(-1i32).to_ne_bytes()).unwrap(), None);
        assert_eq!(ChecksumCodec::decode(&2i32.to_ne_bytes()).unwrap(), Some(2));
        assert!(ChecksumCodec::decode(&(-2i32).to_ne_bytes()).is_err());
    }
}

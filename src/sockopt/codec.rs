//! Value codecs: Rust value <-> the option's C bytes, and the `setsockopt`/`getsockopt` calls
//! that use them.
//!
//! Every C value is built and read **as bytes**: each field is written at the offset the
//! platform's own struct definition gives it (`offset_of!` on the libc / windows-sys type), in
//! native byte order. No Rust value of a C struct is ever handed to the kernel, so padding
//! (Apple's `timeval` has 4 bytes of it), field order (`ip_mreq_source` differs between
//! Linux and BSD) and field widths are never assumed.

use std::mem;
use std::net::Ipv4Addr;
use std::time::Duration;

use super::c;
#[cfg(any(target_os = "linux", target_os = "android"))]
use super::IpMreqn;
use super::{IpMreq, IpMreqSource, Ipv6Mreq, SockRef};
#[cfg(any(target_os = "linux", target_os = "android"))]
use super::{OptName, PmtuDisc, UCred};
use crate::error::{Error, Result};
use crate::sys;
use crate::types::Type;
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::types::{Domain, Protocol};

/// The largest C value any codec reads or writes, in bytes.
const MAX_LEN: usize = 32;

/// Rust value -> the option's C bytes. `Err` carries the reason for [`Error::InvalidInput`].
pub(super) trait Encode {
    type Value;
    /// `[u8; N]`: the C value's bytes.
    type Bytes: AsRef<[u8]>;
    fn encode(value: Self::Value) -> Result<Self::Bytes, &'static str>;
}

/// The option's C bytes (the prefix the OS filled) -> Rust value.
pub(super) trait Decode {
    type Value;
    /// The size of the C value: the buffer length passed to `getsockopt`.
    const LEN: usize;
    fn decode(bytes: &[u8]) -> Result<Self::Value, &'static str>;
}

// ---- bytes -----------------------------------------------------------------------------------

/// Integers that are C fields: native-endian bytes both ways.
pub(super) trait NeBytes: Copy {
    const SIZE: usize;
    fn write(self, out: &mut [u8]);
    fn read(bytes: &[u8]) -> Self;
}

macro_rules! ne_bytes {
    ($($t:ty)*) => {$(
        impl NeBytes for $t {
            const SIZE: usize = mem::size_of::<$t>();
            #[inline]
            fn write(self, out: &mut [u8]) {
                out[..Self::SIZE].copy_from_slice(&self.to_ne_bytes());
            }
            #[inline]
            fn read(bytes: &[u8]) -> $t {
                let mut b = [0u8; mem::size_of::<$t>()];
                b.copy_from_slice(&bytes[..Self::SIZE]);
                <$t>::from_ne_bytes(b)
            }
        }
    )*};
}
ne_bytes!(u16 i32 u32 i64 u64);

/// Ties a value's type to a struct field's type at compile time (the closure is never called).
#[inline(always)]
fn same_type<T>(_: &T, _: &T) {}

/// Writes integer `$v` into `$buf` where field `$field` of C struct `$ty` lives; `$v` must have
/// the field's exact type (checked at compile time), so the width is the platform's.
macro_rules! put {
    ($buf:expr, $ty:ty, $field:ident, $v:expr) => {{
        let v = $v;
        let _ = |s: &$ty| same_type(&s.$field, &v);
        NeBytes::write(v, &mut $buf[mem::offset_of!($ty, $field)..]);
    }};
}

/// Reads integer field `$field` of C struct `$ty` from `$bytes` (at least the struct's size).
macro_rules! get {
    ($bytes:expr, $ty:ty, $field:ident) => {{
        let v = NeBytes::read(&$bytes[mem::offset_of!($ty, $field)..]);
        let _ = |s: &$ty| same_type(&s.$field, &v);
        v
    }};
}

/// Writes address bytes (an `in_addr` or `in6_addr` field, network order) at `offset`.
fn put_addr(buf: &mut [u8], offset: usize, octets: &[u8]) {
    buf[offset..offset + octets.len()].copy_from_slice(octets);
}

// The address structs are their address bytes, on every platform.
const _: () = assert!(mem::size_of::<c::in_addr>() == 4);
const _: () = assert!(mem::size_of::<c::in6_addr>() == 16);

// ---- the codec! declarations -----------------------------------------------------------------

/// Declares a codec: an uninhabited type that implements [`Encode`] (Rust value -> C bytes)
/// and/or [`Decode`] (C bytes, as many as the OS filled -> Rust value).
///
/// ```text
/// codec! {
///     /// docs
///     #[cfg(...)]  (optional)
///     Name: RustValue as [u8; LEN],
///         encode |value| expr,        (optional)
///         decode |bytes| expr,        (optional)
/// }
/// ```
macro_rules! codec {
    (
        $(#[doc = $doc:expr])*
        $(#[cfg($cfg:meta)])?
        $codec:ident: $value:ty as [u8; $len:expr], $($impls:tt)*
    ) => {
        $(#[doc = $doc])*
        $(#[cfg($cfg)])?
        pub(super) enum $codec {}
        codec!(@impls ($(#[cfg($cfg)])?) $codec [$value] [$len]; $($impls)*);
    };

    (@impls ($($cfg:tt)*) $codec:ident [$value:ty] [$len:expr];
        encode |$e:pat_param| $enc:expr, $($impls:tt)*) => {
        $($cfg)*
        impl Encode for $codec {
            type Value = $value;
            type Bytes = [u8; $len];
            #[inline]
            fn encode($e: $value) -> Result<[u8; $len], &'static str> {
                $enc
            }
        }
        codec!(@impls ($($cfg)*) $codec [$value] [$len]; $($impls)*);
    };
    (@impls ($($cfg:tt)*) $codec:ident [$value:ty] [$len:expr];
        decode |$d:pat_param| $dec:expr,) => {
        $($cfg)*
        impl Decode for $codec {
            type Value = $value;
            const LEN: usize = $len;
            #[inline]
            fn decode($d: &[u8]) -> Result<$value, &'static str> {
                $dec
            }
        }
    };
    (@impls ($($cfg:tt)*) $codec:ident [$value:ty] [$len:expr];) => {};
}

/// An `int` option value: 4 bytes, or 1 byte where BSDs return `u_char` (`IP_MULTICAST_*`) and
/// Windows a `BOOLEAN` (`TCP_NODELAY`).
fn int_of(bytes: &[u8]) -> Result<i32, &'static str> {
    match bytes.len() {
        4 => Ok(i32::read(bytes)),
        1 => Ok(i32::from(bytes[0])),
        _ => Err("the OS returned an option value of an unexpected size"),
    }
}

/// A [`codec!`] for an `int`-valued option: `decode` gets the value through [`int_of`].
macro_rules! int_codec {
    ($(#[cfg($cfg:meta)])? $codec:ident: $value:ty,
        $(encode |$e:ident| $enc:expr,)? decode |$d:ident| $dec:expr) => {
        codec! {
            $(#[cfg($cfg)])?
            $codec: $value as [u8; 4],
                $(encode |$e| Ok(i32::to_ne_bytes($enc?)),)?
                decode |bytes| {
                    let $d = int_of(bytes)?;
                    $dec
                },
        }
    };
}

const TOO_BIG: &str = "value larger than the C int the OS takes (i32::MAX)";
const NEGATIVE: &str = "the OS returned a negative value";

int_codec!(BoolInt: bool, encode |v| Ok::<_, &str>(i32::from(v)), decode |v| Ok(v != 0));
int_codec!(U32Int: u32, encode |v| i32::try_from(v).map_err(|_| TOO_BIG),
    decode |v| u32::try_from(v).map_err(|_| NEGATIVE));
int_codec!(UsizeInt: usize, encode |v| i32::try_from(v).map_err(|_| TOO_BIG),
    decode |v| usize::try_from(v).map_err(|_| NEGATIVE));
int_codec!(U8Int: u8, encode |v| Ok::<_, &str>(i32::from(v)),
    decode |v| u8::try_from(v).map_err(|_| "the OS returned a value outside 0..=255"));
// The kernel reads SO_MARK as a u32: every bit pattern is a valid mark.
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    U32Bits: u32, encode |v| Ok::<_, &str>(i32::from_ne_bytes(v.to_ne_bytes())),
    decode |v| Ok(u32::from_ne_bytes(v.to_ne_bytes())));
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    PmtuInt: PmtuDisc, encode |v| Ok::<_, &str>(v.as_raw()), decode |v| Ok(PmtuDisc::from_raw(v)));

// Get-only `int` options.
int_codec!(ErrorInt: Option<Error>, decode |v| Ok((v != 0).then(|| Error::os("SO_ERROR", v))));
int_codec!(TypeInt: Type, decode |v| Ok(Type::from_raw(v)));
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    DomainInt: Domain, decode |v| Ok(Domain::from_raw(v)));
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    ProtocolInt: Protocol, decode |v| Ok(Protocol::from_raw(v)));

// ---- durations -------------------------------------------------------------------------------

const ZERO_TIMEOUT: &str =
    "a zero timeout would mean \"no timeout\" to the OS; pass None for that, or a positive Duration";

/// `d` in whole `unit`s (nanoseconds per unit), rounded **up** so that a positive duration never
/// becomes zero; `None` if that does not fit a C `int`.
fn whole_units(d: Duration, unit: u128) -> Option<i32> {
    i32::try_from(d.as_nanos().div_ceil(unit)).ok()
}

// Seconds-valued TCP keep-alive times. Zero is refused: Linux rejects it (EINVAL) and Apple
// reads it as "the system default", so it means nothing portable.
const ZERO_KEEPALIVE: &str =
    "a zero keep-alive time is invalid (Linux: EINVAL; Apple: \"default\")";
int_codec!(#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_os = "netbsd", target_vendor = "apple", windows))]
    Secs: Duration,
    encode |d| if d.is_zero() {
        Err(ZERO_KEEPALIVE)
    } else {
        whole_units(d, 1_000_000_000).ok_or("duration longer than i32::MAX seconds")
    },
    decode |v| u64::try_from(v).map(Duration::from_secs).map_err(|_| NEGATIVE));

// TCP_USER_TIMEOUT: milliseconds, 0 = the system's default (None).
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
OptMillis: Option<Duration>,
encode |v| match v {
    None => Ok(0),
    Some(d) if d.is_zero() => Err(ZERO_TIMEOUT),
    Some(d) => whole_units(d, 1_000_000).ok_or("duration longer than i32::MAX milliseconds"),
},
decode |v| {
    let ms = u64::try_from(v).map_err(|_| NEGATIVE)?;
    Ok((ms != 0).then(|| Duration::from_millis(ms)))
});

#[cfg(unix)]
const TIMEOUT_TOO_LONG: &str = "timeout too long for a timeval";
#[cfg(unix)]
const TIMEVAL_LEN: usize = mem::size_of::<c::timeval>();

codec! {
    /// `SO_RCVTIMEO` / `SO_SNDTIMEO` on Unix: `struct timeval`, zero = no timeout.
    #[cfg(unix)]
    Timeval: Option<Duration> as [u8; TIMEVAL_LEN],
        encode |value| {
            let mut buf = [0u8; TIMEVAL_LEN];
            let Some(d) = value else { return Ok(buf) };
            if d.is_zero() {
                return Err(ZERO_TIMEOUT);
            }
            // Round up to whole microseconds, so no positive timeout becomes zero.
            let mut secs = d.as_secs();
            let mut micros = d.subsec_nanos().div_ceil(1000);
            if micros == 1_000_000 {
                secs = secs.checked_add(1).ok_or(TIMEOUT_TOO_LONG)?;
                micros = 0;
            }
            let tv_sec = c::time_t::try_from(secs).map_err(|_| TIMEOUT_TOO_LONG)?;
            // micros < 1_000_000 fits every suseconds_t (i32 on Apple, i64 elsewhere).
            let tv_usec = micros as c::suseconds_t;
            put!(buf, c::timeval, tv_sec, tv_sec);
            put!(buf, c::timeval, tv_usec, tv_usec);
            Ok(buf)
        },
        decode |bytes| {
            if bytes.len() != TIMEVAL_LEN {
                return Err("the OS returned a timeval of an unexpected size");
            }
            let tv_sec: c::time_t = get!(bytes, c::timeval, tv_sec);
            let tv_usec: c::suseconds_t = get!(bytes, c::timeval, tv_usec);
            let secs = u64::try_from(tv_sec).map_err(|_| NEGATIVE)?;
            let micros = u32::try_from(tv_usec).map_err(|_| NEGATIVE)?;
            if micros >= 1_000_000 {
                return Err("the OS returned a timeval with tv_usec out of range");
            }
            Ok((secs != 0 || micros != 0).then(|| Duration::new(secs, micros * 1000)))
        },
}

codec! {
    /// `SO_RCVTIMEO` / `SO_SNDTIMEO` on Windows: a `DWORD` of milliseconds, zero = no timeout.
    #[cfg(windows)]
    Timeval: Option<Duration> as [u8; 4],
        encode |value| {
            let Some(d) = value else { return Ok([0; 4]) };
            if d.is_zero() {
                return Err(ZERO_TIMEOUT);
            }
            // Round up to whole milliseconds, so no positive timeout becomes zero.
            let ms = d.as_nanos().div_ceil(1_000_000);
            let ms = u32::try_from(ms).map_err(|_| "timeout too long for a DWORD of milliseconds")?;
            Ok(ms.to_ne_bytes())
        },
        decode |bytes| {
            if bytes.len() != 4 {
                return Err("the OS returned a timeout of an unexpected size");
            }
            let ms = u32::read(bytes);
            Ok((ms != 0).then(|| Duration::from_millis(u64::from(ms))))
        },
}

/// Whole seconds of `d`, rounded up (so a positive linger never becomes an abortive zero).
fn linger_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() != 0)
}

/// The type of `struct linger`'s fields: `int` on Unix, `u_short` on Windows.
#[cfg(unix)]
type LingerField = c::c_int;
#[cfg(windows)]
type LingerField = u16;
const LINGER_LEN: usize = mem::size_of::<c::linger>();

codec! {
    /// `SO_LINGER`: `struct linger { l_onoff; l_linger; }` (`int`s on Unix, `u_short`s on
    /// Windows).
    LingerCodec: Option<Duration> as [u8; LINGER_LEN],
        encode |value| {
            let mut buf = [0u8; LINGER_LEN];
            if let Some(d) = value {
                let secs = LingerField::try_from(linger_secs(d)).map_err(|_| {
                    if cfg!(windows) {
                        "linger time longer than 65535 seconds"
                    } else {
                        "linger time longer than i32::MAX seconds"
                    }
                })?;
                let on: LingerField = 1;
                put!(buf, c::linger, l_onoff, on);
                put!(buf, c::linger, l_linger, secs);
            }
            Ok(buf)
        },
        decode |bytes| {
            if bytes.len() != LINGER_LEN {
                return Err("the OS returned a linger struct of an unexpected size");
            }
            let onoff: LingerField = get!(bytes, c::linger, l_onoff);
            let secs: LingerField = get!(bytes, c::linger, l_linger);
            if onoff == 0 {
                return Ok(None);
            }
            // Through i64: the field is an `int` on Unix (may be negative), a `u_short` on Windows.
            let secs = u64::try_from(i64::from(secs)).map_err(|_| NEGATIVE)?;
            Ok(Some(Duration::from_secs(secs)))
        },
}

// ---- addresses and membership structs --------------------------------------------------------

const MREQ_LEN: usize = mem::size_of::<c::ip_mreq>();
const _: () = assert!(MREQ_LEN == 8);

codec! {
    /// `IP_ADD/DROP_MEMBERSHIP`: `struct ip_mreq { imr_multiaddr; imr_interface; }`.
    Mreq: IpMreq as [u8; MREQ_LEN],
        encode |m| {
            let mut buf = [0u8; MREQ_LEN];
            put_addr(&mut buf, mem::offset_of!(c::ip_mreq, imr_multiaddr), &m.group.octets());
            put_addr(&mut buf, mem::offset_of!(c::ip_mreq, imr_interface), &m.interface.octets());
            Ok(buf)
        },
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const MREQN_LEN: usize = mem::size_of::<c::ip_mreqn>();
#[cfg(any(target_os = "linux", target_os = "android"))]
const _: () = assert!(MREQN_LEN == 12);

codec! {
    /// Linux `IP_ADD/DROP_MEMBERSHIP`, `IP_MULTICAST_IF`: `struct ip_mreqn { imr_multiaddr;
    /// imr_address; int imr_ifindex; }`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    Mreqn: IpMreqn as [u8; MREQN_LEN],
        encode |m| {
            let mut buf = [0u8; MREQN_LEN];
            let ifindex = c::c_int::try_from(m.ifindex)
                .map_err(|_| "interface index larger than the C int the OS takes (i32::MAX)")?;
            put_addr(&mut buf, mem::offset_of!(c::ip_mreqn, imr_multiaddr), &m.group.octets());
            put_addr(&mut buf, mem::offset_of!(c::ip_mreqn, imr_address), &m.address.octets());
            put!(buf, c::ip_mreqn, imr_ifindex, ifindex);
            Ok(buf)
        },
}

const MREQ_SOURCE_LEN: usize = mem::size_of::<c::ip_mreq_source>();
const _: () = assert!(MREQ_SOURCE_LEN == 12);

codec! {
    /// `IP_{ADD,DROP}_SOURCE_MEMBERSHIP`, `IP_{BLOCK,UNBLOCK}_SOURCE`: `struct ip_mreq_source`,
    /// whose field order is the platform's (interface second on Linux, source second on BSD,
    /// Apple and Windows).
    Mreq4Source: IpMreqSource as [u8; MREQ_SOURCE_LEN],
        encode |m| {
            let mut buf = [0u8; MREQ_SOURCE_LEN];
            put_addr(&mut buf, mem::offset_of!(c::ip_mreq_source, imr_multiaddr),
                &m.group.octets());
            put_addr(&mut buf, mem::offset_of!(c::ip_mreq_source, imr_interface),
                &m.interface.octets());
            put_addr(&mut buf, mem::offset_of!(c::ip_mreq_source, imr_sourceaddr),
                &m.source.octets());
            Ok(buf)
        },
}

const MREQ6_LEN: usize = mem::size_of::<c::ipv6_mreq>();
const _: () = assert!(MREQ6_LEN == 20);

codec! {
    /// `IPV6_JOIN/LEAVE_GROUP`: `struct ipv6_mreq { ipv6mr_multiaddr; ipv6mr_interface; }`.
    Mreq6: Ipv6Mreq as [u8; MREQ6_LEN],
        encode |m| {
            let mut buf = [0u8; MREQ6_LEN];
            put_addr(&mut buf, mem::offset_of!(c::ipv6_mreq, ipv6mr_multiaddr),
                &m.group.octets());
            // `unsigned int` on Unix, `ULONG` (32 bits) on Windows: the field's own type.
            put!(buf, c::ipv6_mreq, ipv6mr_interface, m.ifindex);
            Ok(buf)
        },
}

codec! {
    /// `IP_MULTICAST_IF`: `struct in_addr`.
    InAddr: Ipv4Addr as [u8; 4],
        encode |ip| Ok(ip.octets()),
        decode |bytes| {
            <[u8; 4]>::try_from(bytes)
                .map(Ipv4Addr::from)
                .map_err(|_| "the OS returned an in_addr of an unexpected size")
        },
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const UCRED_LEN: usize = mem::size_of::<c::ucred>();

codec! {
    /// `SO_PEERCRED`: `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    UCredCodec: UCred as [u8; UCRED_LEN],
        decode |bytes| {
            if bytes.len() != UCRED_LEN {
                return Err("the OS returned a ucred of an unexpected size");
            }
            Ok(UCred {
                pid: get!(bytes, c::ucred, pid),
                uid: get!(bytes, c::ucred, uid),
                gid: get!(bytes, c::ucred, gid),
            })
        },
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const NAME_LEN: usize = OptName::MAX_LEN + 1;

codec! {
    /// `TCP_CONGESTION`: a NUL-terminated name in a 16-byte buffer.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    NameCodec: OptName as [u8; NAME_LEN],
        encode |name| Ok(name.buf), // NUL-padded: the kernel reads up to the first NUL
        decode |bytes| OptName::from_c(bytes),
}

codec! {
    /// `SO_BINDTODEVICE`: like [`NameCodec`], with "no device" as `None` (the empty name).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    DeviceCodec: Option<OptName> as [u8; NAME_LEN],
        encode |name| Ok(name.map_or([0; NAME_LEN], |n| n.buf)),
        decode |bytes| {
            let name = OptName::from_c(bytes)?;
            Ok((!name.is_empty()).then_some(name))
        },
}

// ---- the calls -------------------------------------------------------------------------------

/// Replaces the bare call name of an OS error with the option-naming one.
#[cold]
fn rename(call: &'static str, err: Error) -> Error {
    match err {
        Error::Os { code, .. } => Error::os(call, code),
        other => other,
    }
}

/// `setsockopt` with `value`'s bytes; OS errors name `call`.
pub(super) fn set_bytes(
    s: SockRef<'_>,
    level: i32,
    name: i32,
    call: &'static str,
    value: &[u8],
) -> Result<()> {
    sys::setsockopt(s.as_sys(), level, name, value).map_err(|e| rename(call, e))
}

/// `getsockopt` into `buf`; returns how many bytes the OS wrote. OS errors name `call`.
pub(super) fn get_bytes(
    s: SockRef<'_>,
    level: i32,
    name: i32,
    call: &'static str,
    buf: &mut [u8],
) -> Result<usize> {
    // SAFETY: `sys::getsockopt` only writes initialised bytes into the slice (it never
    // de-initialises any), so `buf` is still initialised when the borrow ends.
    let uninit = unsafe { crate::socket::as_uninit(buf) };
    sys::getsockopt(s.as_sys(), level, name, uninit).map_err(|e| rename(call, e))
}

/// Encodes `value` with `E` and sets it.
pub(super) fn set_with<E: Encode>(
    s: SockRef<'_>,
    level: i32,
    name: i32,
    call: &'static str,
    value: E::Value,
) -> Result<()> {
    let bytes = E::encode(value).map_err(|what| Error::InvalidInput { call, what })?;
    set_bytes(s, level, name, call, bytes.as_ref())
}

/// Gets the option into a zeroed buffer of `D::LEN` bytes and decodes the prefix the OS filled.
pub(super) fn get_with<D: Decode>(
    s: SockRef<'_>,
    level: i32,
    name: i32,
    call: &'static str,
) -> Result<D::Value> {
    let mut buf = [0u8; MAX_LEN];
    // D::LEN <= MAX_LEN for every codec (checked by `codec_sizes_fit` below).
    let buf = &mut buf[..D::LEN.min(MAX_LEN)];
    let len = get_bytes(s, level, name, call, buf)?;
    D::decode(&buf[..len]).map_err(|what| Error::InvalidInput { call, what })
}

#[cfg(test)]
mod tests {
    use std::net::Ipv6Addr;

    use super::*;

    #[test]
    fn codec_sizes_fit() {
        #[allow(unused_mut)] // reason: the list grows per platform
        let mut lens = vec![BoolInt::LEN, LingerCodec::LEN, Timeval::LEN, InAddr::LEN];
        #[cfg(any(target_os = "linux", target_os = "android"))]
        lens.extend([UCredCodec::LEN, NameCodec::LEN, DeviceCodec::LEN]);
        assert!(lens.iter().all(|&n| n <= MAX_LEN), "{lens:?}");
    }

    /// Decodes what was encoded, through the C struct the platform defines.
    #[test]
    fn timeval_and_linger_by_bytes() {
        // Rounds up to the C unit: 250001 µs in a timeval, 3251 ms in Windows' DWORD.
        let d = Some(Duration::new(3, 250_000_001));
        let bytes = Timeval::encode(d).unwrap();
        let want =
            if cfg!(windows) { Duration::from_millis(3251) } else { Duration::new(3, 250_001_000) };
        assert_eq!(Timeval::decode(&bytes).unwrap(), Some(want));
        assert_eq!(Timeval::decode(&Timeval::encode(None).unwrap()).unwrap(), None);
        assert_eq!(Timeval::encode(Some(Duration::ZERO)).unwrap_err(), ZERO_TIMEOUT);
        let l = LingerCodec::encode(Some(Duration::from_millis(1500))).unwrap();
        assert_eq!(LingerCodec::decode(&l).unwrap(), Some(Duration::from_secs(2)));
        assert_eq!(LingerCodec::decode(&LingerCodec::encode(None).unwrap()).unwrap(), None);
        #[cfg(unix)]
        {
            // The bytes are exactly the C struct's.
            let tv = c::timeval { tv_sec: 3, tv_usec: 250_001 };
            let bytes = Timeval::encode(d).unwrap();
            let off_s = mem::offset_of!(c::timeval, tv_sec);
            let off_u = mem::offset_of!(c::timeval, tv_usec);
            assert_eq!(bytes[off_s..off_s + mem::size_of::<c::time_t>()], tv.tv_sec.to_ne_bytes());
            assert_eq!(
                bytes[off_u..off_u + mem::size_of::<c::suseconds_t>()],
                tv.tv_usec.to_ne_bytes()
            );
        }
    }

    #[test]
    fn mreq_source_follows_the_platform_field_order() {
        let m = IpMreqSource {
            group: Ipv4Addr::new(232, 1, 1, 1),
            interface: Ipv4Addr::new(10, 0, 0, 1),
            source: Ipv4Addr::new(192, 0, 2, 7),
        };
        let b = Mreq4Source::encode(m).unwrap();
        assert_eq!(b[..4], [232, 1, 1, 1]);
        if cfg!(any(target_os = "linux", target_os = "android")) {
            assert_eq!(b[4..], [10, 0, 0, 1, 192, 0, 2, 7]);
        } else {
            assert_eq!(b[4..], [192, 0, 2, 7, 10, 0, 0, 1]);
        }
        let b = Mreq::encode(IpMreq { group: m.group, interface: m.interface }).unwrap();
        assert_eq!(b, [232, 1, 1, 1, 10, 0, 0, 1]);
        let b = Mreq6::encode(Ipv6Mreq { group: Ipv6Addr::LOCALHOST, ifindex: 7 }).unwrap();
        assert_eq!(b[..16], Ipv6Addr::LOCALHOST.octets());
        assert_eq!(b[16..], 7u32.to_ne_bytes());
    }

    #[test]
    fn durations_round_up_and_check_range() {
        assert_eq!(Secs::encode(Duration::from_millis(1)).unwrap(), 1i32.to_ne_bytes());
        assert_eq!(Secs::encode(Duration::from_millis(1500)).unwrap(), 2i32.to_ne_bytes());
        assert_eq!(Secs::encode(Duration::ZERO).unwrap_err(), ZERO_KEEPALIVE);
        assert!(Secs::encode(Duration::from_secs(1 << 31)).is_err());
        assert!(Secs::encode(Duration::MAX).is_err());
        assert_eq!(Secs::decode(&60i32.to_ne_bytes()).unwrap(), Duration::from_secs(60));
        assert_eq!(Secs::decode(&(-1i32).to_ne_bytes()).unwrap_err(), NEGATIVE);
    }
}

//! Value codecs: Rust value <-> the option's C type, and the `setsockopt`/`getsockopt` calls
//! that use them.

use std::mem::{self, MaybeUninit};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use super::c;
use super::OptName;
#[cfg(any(target_os = "linux", target_os = "android"))]
use super::{PmtuDisc, UCred};
use crate::error::{Error, Result};
use crate::socket::Socket;
use crate::sys;
use crate::types::Type;
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::types::{Domain, Protocol};

/// A C type that can be passed to the kernel as bytes and filled by it.
///
/// # Safety
///
/// Implementors have no padding (every byte of a value is initialised) and every bit pattern,
/// all-zero included, is a valid value.
pub(super) unsafe trait Pod: Copy {}

// SAFETY: integers and byte arrays: no padding, every bit pattern valid.
unsafe impl Pod for i32 {}
// SAFETY: as above.
unsafe impl Pod for u32 {}
// SAFETY: as above.
unsafe impl Pod for [u8; OptName::MAX_LEN + 1] {}
// SAFETY: as above.
unsafe impl Pod for [u16; 2] {}
// SAFETY: C structs of integer fields whose sizes add up to the struct's (checked below).
unsafe impl Pod for c::in_addr {}
// SAFETY: as above.
unsafe impl Pod for c::ip_mreq {}
// SAFETY: as above.
unsafe impl Pod for c::ipv6_mreq {}
#[cfg(unix)]
// SAFETY: as above.
unsafe impl Pod for c::timeval {}
#[cfg(unix)]
// SAFETY: as above.
unsafe impl Pod for c::linger {}
#[cfg(any(target_os = "linux", target_os = "android"))]
// SAFETY: as above.
unsafe impl Pod for c::ucred {}

// No padding in the structs given to the kernel as bytes.
const _: () = assert!(mem::size_of::<c::in_addr>() == 4);
const _: () = assert!(mem::size_of::<c::ip_mreq>() == 8);
const _: () = assert!(mem::size_of::<c::ipv6_mreq>() == 16 + 4);
#[cfg(unix)]
const _: () = assert!(
    mem::size_of::<c::timeval>() == mem::size_of::<c::time_t>() + mem::size_of::<c::suseconds_t>()
);
#[cfg(unix)]
const _: () = assert!(mem::size_of::<c::linger>() == 2 * mem::size_of::<c::c_int>());
#[cfg(any(target_os = "linux", target_os = "android"))]
const _: () = assert!(mem::size_of::<c::ucred>() == 12);

/// Rust value -> C value. `Err` carries the reason for [`Error::InvalidInput`].
pub(super) trait Encode {
    type Value;
    type Raw: Pod;
    fn encode(value: Self::Value) -> Result<Self::Raw, &'static str>;
}

/// C value (as filled by the kernel, `len` bytes of it) -> Rust value.
pub(super) trait Decode {
    type Value;
    type Raw: Pod;
    fn decode(raw: Self::Raw, len: usize) -> Result<Self::Value, &'static str>;
}

/// Declares a codec: an uninhabited type that implements [`Encode`] (Rust value -> C value)
/// and/or [`Decode`] (C value, `len` bytes of it filled by the OS -> Rust value).
///
/// ```text
/// codec! {
///     /// docs
///     #[cfg(...)]  (optional)
///     Name: RustValue as CType,
///         encode |value| expr,        (optional)
///         decode |raw, len| expr,     (optional)
/// }
/// ```
macro_rules! codec {
    (
        $(#[doc = $doc:expr])*
        $(#[cfg($cfg:meta)])?
        $codec:ident: $value:ty as $raw:ty, $($impls:tt)*
    ) => {
        $(#[doc = $doc])*
        $(#[cfg($cfg)])?
        pub(super) enum $codec {}
        codec!(@impls ($(#[cfg($cfg)])?) $codec [$value] [$raw]; $($impls)*);
    };

    (@impls ($($cfg:tt)*) $codec:ident [$value:ty] [$raw:ty];
        encode |$e:pat_param| $enc:expr, $($impls:tt)*) => {
        $($cfg)*
        impl Encode for $codec {
            type Value = $value;
            type Raw = $raw;
            #[inline]
            fn encode($e: $value) -> Result<$raw, &'static str> {
                $enc
            }
        }
        codec!(@impls ($($cfg)*) $codec [$value] [$raw]; $($impls)*);
    };
    (@impls ($($cfg:tt)*) $codec:ident [$value:ty] [$raw:ty];
        decode |$d:pat_param, $len:pat_param| $dec:expr,) => {
        $($cfg)*
        impl Decode for $codec {
            type Value = $value;
            type Raw = $raw;
            #[inline]
            fn decode($d: $raw, $len: usize) -> Result<$value, &'static str> {
                $dec
            }
        }
    };
    (@impls ($($cfg:tt)*) $codec:ident [$value:ty] [$raw:ty];) => {};
}

/// An `int` option value: 4 bytes, or 1 byte where BSDs return `u_char` (`IP_MULTICAST_*`).
fn int_of(raw: i32, len: usize) -> Result<i32, &'static str> {
    match len {
        4 => Ok(raw),
        1 => Ok(i32::from(raw.to_ne_bytes()[0])),
        _ => Err("the OS returned an option value of an unexpected size"),
    }
}

/// A [`codec!`] for an `int`-valued option: `decode` gets the value through [`int_of`].
macro_rules! int_codec {
    ($(#[cfg($cfg:meta)])? $codec:ident: $value:ty,
        $(encode |$e:ident| $enc:expr,)? decode |$d:ident| $dec:expr) => {
        codec! {
            $(#[cfg($cfg)])?
            $codec: $value as i32,
                $(encode |$e| $enc,)?
                decode |raw, len| {
                    let $d = int_of(raw, len)?;
                    $dec
                },
        }
    };
}

const TOO_BIG: &str = "value larger than the C int the OS takes (i32::MAX)";
const NEGATIVE: &str = "the OS returned a negative value";

int_codec!(BoolInt: bool, encode |v| Ok(i32::from(v)), decode |v| Ok(v != 0));
int_codec!(U32Int: u32, encode |v| i32::try_from(v).map_err(|_| TOO_BIG),
    decode |v| u32::try_from(v).map_err(|_| NEGATIVE));
int_codec!(UsizeInt: usize, encode |v| i32::try_from(v).map_err(|_| TOO_BIG),
    decode |v| usize::try_from(v).map_err(|_| NEGATIVE));
int_codec!(U8Int: u8, encode |v| Ok(i32::from(v)),
    decode |v| u8::try_from(v).map_err(|_| "the OS returned a value outside 0..=255"));
// The kernel reads SO_MARK as a u32: every bit pattern is a valid mark.
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    U32Bits: u32, encode |v| Ok(i32::from_ne_bytes(v.to_ne_bytes())),
    decode |v| Ok(u32::from_ne_bytes(v.to_ne_bytes())));
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    PmtuInt: PmtuDisc, encode |v| Ok(v.as_raw()), decode |v| Ok(PmtuDisc::from_raw(v)));

// Get-only `int` options.
int_codec!(ErrorInt: Option<Error>, decode |v| Ok((v != 0).then(|| Error::os("SO_ERROR", v))));
int_codec!(TypeInt: Type, decode |v| Ok(Type::from_raw(v)));
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    DomainInt: Domain, decode |v| Ok(Domain::from_raw(v)));
int_codec!(#[cfg(any(target_os = "linux", target_os = "android"))]
    ProtocolInt: Protocol, decode |v| Ok(Protocol::from_raw(v)));

const ZERO_TIMEOUT: &str =
    "a zero timeout would mean \"no timeout\" to the OS; pass None for that, or a positive Duration";

#[cfg(unix)]
const TIMEOUT_TOO_LONG: &str = "timeout too long for a timeval";

codec! {
    /// `SO_RCVTIMEO` / `SO_SNDTIMEO` on Unix: `struct timeval`, zero = no timeout.
    #[cfg(unix)]
    Timeval: Option<Duration> as c::timeval,
        encode |value| {
            let Some(d) = value else { return Ok(c::timeval { tv_sec: 0, tv_usec: 0 }) };
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
            Ok(c::timeval { tv_sec, tv_usec: micros as c::suseconds_t })
        },
        decode |tv, len| {
            if len != mem::size_of::<c::timeval>() {
                return Err("the OS returned a timeval of an unexpected size");
            }
            let secs = u64::try_from(tv.tv_sec).map_err(|_| NEGATIVE)?;
            let micros = u32::try_from(tv.tv_usec).map_err(|_| NEGATIVE)?;
            if micros >= 1_000_000 {
                return Err("the OS returned a timeval with tv_usec out of range");
            }
            Ok((secs != 0 || micros != 0).then(|| Duration::new(secs, micros * 1000)))
        },
}

codec! {
    /// `SO_RCVTIMEO` / `SO_SNDTIMEO` on Windows: a `DWORD` of milliseconds, zero = no timeout.
    #[cfg(windows)]
    Timeval: Option<Duration> as u32,
        encode |value| {
            let Some(d) = value else { return Ok(0) };
            if d.is_zero() {
                return Err(ZERO_TIMEOUT);
            }
            // Round up to whole milliseconds, so no positive timeout becomes zero.
            let ms = d.as_nanos().div_ceil(1_000_000);
            u32::try_from(ms).map_err(|_| "timeout too long for a DWORD of milliseconds")
        },
        decode |ms, len| {
            if len != 4 {
                return Err("the OS returned a timeout of an unexpected size");
            }
            Ok((ms != 0).then(|| Duration::from_millis(u64::from(ms))))
        },
}

/// Whole seconds of `d`, rounded up (so a positive linger never becomes an abortive zero).
fn linger_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() != 0)
}

codec! {
    /// `SO_LINGER` on Unix: `struct linger { int l_onoff; int l_linger; }`.
    #[cfg(unix)]
    LingerCodec: Option<Duration> as c::linger,
        encode |value| {
            Ok(match value {
                None => c::linger { l_onoff: 0, l_linger: 0 },
                Some(d) => c::linger {
                    l_onoff: 1,
                    l_linger: c::c_int::try_from(linger_secs(d))
                        .map_err(|_| "linger time longer than i32::MAX seconds")?,
                },
            })
        },
        decode |l, len| {
            if len != mem::size_of::<c::linger>() {
                return Err("the OS returned a linger struct of an unexpected size");
            }
            if l.l_onoff == 0 {
                return Ok(None);
            }
            Ok(Some(Duration::from_secs(u64::try_from(l.l_linger).map_err(|_| NEGATIVE)?)))
        },
}

codec! {
    /// `SO_LINGER` on Windows: `struct linger { u_short l_onoff; u_short l_linger; }`.
    #[cfg(windows)]
    LingerCodec: Option<Duration> as [u16; 2],
        encode |value| {
            Ok(match value {
                None => [0, 0],
                Some(d) => [
                    1,
                    u16::try_from(linger_secs(d)).map_err(|_| "linger time longer than 65535 s")?,
                ],
            })
        },
        decode |l, len| {
            if len != 4 {
                return Err("the OS returned a linger struct of an unexpected size");
            }
            Ok((l[0] != 0).then(|| Duration::from_secs(u64::from(l[1]))))
        },
}

codec! {
    /// `IP_ADD/DROP_MEMBERSHIP`: `struct ip_mreq { imr_multiaddr; imr_interface; }`.
    Mreq4: (Ipv4Addr, Ipv4Addr) as c::ip_mreq,
        encode |(group, interface)| {
            Ok(c::ip_mreq {
                imr_multiaddr: sys::ipv4_to_in_addr(group),
                imr_interface: sys::ipv4_to_in_addr(interface),
            })
        },
}

codec! {
    /// `IPV6_JOIN/LEAVE_GROUP`: `struct ipv6_mreq { ipv6mr_multiaddr; ipv6mr_interface; }`.
    Mreq6: (Ipv6Addr, u32) as c::ipv6_mreq,
        encode |(group, ifindex)| {
            Ok(c::ipv6_mreq {
                ipv6mr_multiaddr: sys::ipv6_to_in6_addr(group),
                ipv6mr_interface: ifindex,
            })
        },
}

codec! {
    /// `IP_MULTICAST_IF`: `struct in_addr`.
    InAddr: Ipv4Addr as c::in_addr,
        encode |ip| Ok(sys::ipv4_to_in_addr(ip)),
        decode |a, len| {
            if len != 4 {
                return Err("the OS returned an in_addr of an unexpected size");
            }
            Ok(sys::in_addr_to_ipv4(&a))
        },
}

codec! {
    /// `SO_PEERCRED`: `struct ucred`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    UCredCodec: UCred as c::ucred,
        decode |u, len| {
            if len != mem::size_of::<c::ucred>() {
                return Err("the OS returned a ucred of an unexpected size");
            }
            Ok(UCred { pid: u.pid, uid: u.uid, gid: u.gid })
        },
}

#[cfg(any(target_os = "linux", target_os = "android"))]
type NameBuf = [u8; OptName::MAX_LEN + 1];

codec! {
    /// `TCP_CONGESTION`: a NUL-terminated name in a 16-byte buffer.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    NameCodec: OptName as NameBuf,
        encode |name| Ok(name.buf), // NUL-padded: the kernel reads up to the first NUL
        decode |buf, len| OptName::from_c(&buf, len),
}

codec! {
    /// `SO_BINDTODEVICE`: like [`NameCodec`], with "no device" as `None` (the empty name).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    DeviceCodec: Option<OptName> as NameBuf,
        encode |name| Ok(name.map_or([0; OptName::MAX_LEN + 1], |n| n.buf)),
        decode |buf, len| {
            let name = OptName::from_c(&buf, len)?;
            Ok((!name.is_empty()).then_some(name))
        },
}

/// Replaces the bare call name of an OS error with the option-naming one.
#[cold]
fn rename(call: &'static str, err: Error) -> Error {
    match err {
        Error::Os { code, .. } => Error::os(call, code),
        other => other,
    }
}

/// Encodes `value` with `E` and sets it.
pub(super) fn set_with<E: Encode>(
    s: &Socket,
    level: i32,
    name: i32,
    call: &'static str,
    value: E::Value,
) -> Result<()> {
    let raw = E::encode(value).map_err(|what| Error::InvalidInput { call, what })?;
    // SAFETY: `E::Raw: Pod` has no padding, so all `size_of` bytes of `raw` are initialised;
    // the slice borrows `raw`, which outlives it.
    let bytes = unsafe {
        std::slice::from_raw_parts((&raw as *const E::Raw).cast::<u8>(), mem::size_of::<E::Raw>())
    };
    sys::setsockopt(s.as_sys(), level, name, bytes).map_err(|e| rename(call, e))
}

/// Gets the option into a zeroed `D::Raw` and decodes it.
pub(super) fn get_with<D: Decode>(
    s: &Socket,
    level: i32,
    name: i32,
    call: &'static str,
) -> Result<D::Value> {
    let mut raw = MaybeUninit::<D::Raw>::zeroed();
    // SAFETY: the pointer covers exactly the `size_of::<D::Raw>()` bytes of `raw`, which is
    // borrowed mutably for the slice's lifetime; `MaybeUninit<u8>` has no validity invariant.
    let buf = unsafe {
        std::slice::from_raw_parts_mut(
            raw.as_mut_ptr().cast::<MaybeUninit<u8>>(),
            mem::size_of::<D::Raw>(),
        )
    };
    let len = sys::getsockopt(s.as_sys(), level, name, buf).map_err(|e| rename(call, e))?;
    // SAFETY: `raw` was zeroed and all-zero is a valid `D::Raw` (`Pod`); the kernel only
    // overwrote a prefix of it with initialised bytes.
    let raw = unsafe { raw.assume_init() };
    D::decode(raw, len).map_err(|what| Error::InvalidInput { call, what })
}

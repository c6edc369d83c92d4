//! `IPPROTO_TCP` options: tcp(7).

#[cfg(doc)]
use super::KeepAlive;
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_vendor = "apple",
    windows
))]
use std::time::Duration;

#[cfg(any(target_os = "linux", target_os = "android"))]
use super::OptName;

/// Disables Nagle's algorithm: small writes are sent at once instead of being coalesced
/// while earlier data is unacknowledged. For request/response protocols.
///
/// C: `setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::TcpNoDelay;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(TcpNoDelay, true)?;
/// assert!(s.getsockopt(TcpNoDelay)?);
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[doc(alias = "TCP_NODELAY")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpNoDelay;

/// The maximum segment size for outgoing TCP packets. Set before `connect`/`listen` to
/// announce a smaller MSS; Linux accepts 88 to 32767 and reads back 536 before the
/// connection is established (the negotiated MSS after).
///
/// C: `setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1200)`.
///
/// Platforms: Unix.
///
/// ```
/// use berkeley::sockopt::TcpMaxSeg;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(TcpMaxSeg, 1200)?;
/// assert!(s.getsockopt(TcpMaxSeg)? > 0);
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
#[doc(alias = "TCP_MAXSEG")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpMaxSeg;

/// How long a connection must be idle before the first keep-alive probe (with
/// [`KeepAlive`] on). Linux: 1 s to 32767 s.
///
/// The C value is whole seconds: a fractional duration is **rounded up** (1.5 s becomes 2 s,
/// so a positive duration never becomes 0). `Duration::ZERO` (Linux refuses it, Apple reads it
/// as "the system default") and more than `i32::MAX` seconds are an
/// [`Error::InvalidInput`](crate::Error::InvalidInput).
///
/// Apple calls the option `TCP_KEEPALIVE` (same meaning; berkeley uses that name and number
/// there, in errors and [`SockOpt::C_NAME`](super::SockOpt::C_NAME) too). Windows: 10
/// version 1709 and later; older versions fail with `WSAENOPROTOOPT`.
///
/// C: `int secs = 60; setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &secs, sizeof secs)` (get and
/// set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60)`.
///
/// Platforms: Linux, Android, FreeBSD, NetBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::TcpKeepIdle;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// # // Windows before 10 version 1709 (and wine) lacks it: WSAENOPROTOOPT (10042).
/// # #[cfg(windows)]
/// # if s.setsockopt(TcpKeepIdle, Duration::from_secs(60))
/// #     .is_err_and(|e| e.raw_os_error() == Some(10042)) {
/// #     return Ok(());
/// # }
/// s.setsockopt(TcpKeepIdle, Duration::from_secs(60))?;
/// assert_eq!(s.getsockopt(TcpKeepIdle)?, Duration::from_secs(60));
/// s.setsockopt(TcpKeepIdle, Duration::from_millis(1500))?; // rounded up
/// assert_eq!(s.getsockopt(TcpKeepIdle)?, Duration::from_secs(2));
/// assert!(s.setsockopt(TcpKeepIdle, Duration::ZERO).is_err());
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "TCP_KEEPIDLE")]
#[doc(alias = "TCP_KEEPALIVE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpKeepIdle;

/// The time between keep-alive probes. Linux: 1 s to 32767 s. Rounding (up to whole
/// seconds), zero and range: as [`TcpKeepIdle`]. Windows: 10 version 1709 and later; older
/// versions fail with `WSAENOPROTOOPT`.
///
/// C: `int secs = 10; setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &secs, sizeof secs)` (get
/// and set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 10)`.
///
/// Platforms: Linux, Android, FreeBSD, NetBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::TcpKeepIntvl;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// # // Windows before 10 version 1709 (and wine) lacks it: WSAENOPROTOOPT (10042).
/// # #[cfg(windows)]
/// # if s.setsockopt(TcpKeepIntvl, Duration::from_secs(10))
/// #     .is_err_and(|e| e.raw_os_error() == Some(10042)) {
/// #     return Ok(());
/// # }
/// s.setsockopt(TcpKeepIntvl, Duration::from_secs(10))?;
/// assert_eq!(s.getsockopt(TcpKeepIntvl)?, Duration::from_secs(10));
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "TCP_KEEPINTVL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpKeepIntvl;

/// Unanswered keep-alive probes before the connection is dropped. Linux: 1 to 127. Windows:
/// 10 version 1703 and later (0 to 255); older versions fail with `WSAENOPROTOOPT`.
///
/// C: `setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5)`.
///
/// Platforms: Linux, Android, FreeBSD, NetBSD, Apple and Windows.
///
/// ```
/// use berkeley::sockopt::TcpKeepCnt;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// # // Windows before 10 version 1703 (and wine) lacks it: WSAENOPROTOOPT (10042).
/// # #[cfg(windows)]
/// # if s.setsockopt(TcpKeepCnt, 5).is_err_and(|e| e.raw_os_error() == Some(10042)) {
/// #     return Ok(());
/// # }
/// s.setsockopt(TcpKeepCnt, 5)?;
/// assert_eq!(s.getsockopt(TcpKeepCnt)?, 5);
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_vendor = "apple",
    windows
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_vendor = "apple",
        windows
    )))
)]
#[doc(alias = "TCP_KEEPCNT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpKeepCnt;

/// Holds back partial frames until the cork is removed (or 200 ms pass), so a header and a
/// `sendfile` body go out in full segments. Clearing it flushes.
///
/// C: `setsockopt(fd, IPPROTO_TCP, TCP_CORK, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::TcpCork;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(TcpCork, true)?;
/// assert!(s.getsockopt(TcpCork)?);
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "TCP_CORK")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpCork;

/// Sends ACKs immediately instead of delaying them. Not permanent: the kernel may leave
/// quick-ack mode on its own later, so a read-back may differ from what was set.
///
/// C: `setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::TcpQuickAck;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(TcpQuickAck, false)?;
/// assert!(!s.getsockopt(TcpQuickAck)?);
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "TCP_QUICKACK")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpQuickAck;

/// How long transmitted data may stay unacknowledged before the kernel gives up and closes
/// the connection with `ETIMEDOUT`. `None` (C's 0, the default) uses the system's
/// retransmission limits.
///
/// The C value is whole milliseconds: a fractional duration is **rounded up** (so a positive
/// duration never becomes the C 0 of "system default"). `Some(Duration::ZERO)` and more than
/// `i32::MAX` milliseconds (about 24.8 days) are an
/// [`Error::InvalidInput`](crate::Error::InvalidInput).
///
/// C: `unsigned int ms = 30000; setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof ms)`
/// (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 30000)`.
///
/// Platforms: Linux and Android (Linux 2.6.37+).
///
/// ```
/// use berkeley::sockopt::TcpUserTimeout;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// assert_eq!(s.getsockopt(TcpUserTimeout)?, None);
/// s.setsockopt(TcpUserTimeout, Some(Duration::from_secs(30)))?;
/// assert_eq!(s.getsockopt(TcpUserTimeout)?, Some(Duration::from_secs(30)));
/// s.setsockopt(TcpUserTimeout, None)?;
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "TCP_USER_TIMEOUT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpUserTimeout;

/// The congestion-control algorithm (`"cubic"`, `"reno"`, `"bbr"`, ...). The names the
/// kernel has loaded are in `/proc/sys/net/ipv4/tcp_available_congestion_control`; an
/// unknown one fails with `ENOENT`. Unprivileged processes may only pick those in
/// `tcp_allowed_congestion_control` (`EPERM` otherwise).
///
/// C: `setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, &v, sizeof v)` with `v` of type
/// `char[TCP_CA_NAME_MAX]` (get and set).
/// Python: `sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b'reno')`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::{OptName, TcpCongestion};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// println!("default: {}", s.getsockopt(TcpCongestion)?);
/// s.setsockopt(TcpCongestion, OptName::new("reno")?)?;
/// assert_eq!(s.getsockopt(TcpCongestion)?, "reno");
/// # Ok(()) }
/// ```
///
/// See [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "TCP_CONGESTION")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpCongestion;

sockopt_impl! {
    TcpNoDelay: bool = IPPROTO_TCP / TCP_NODELAY, get_set BoolInt;
    #[cfg(unix)]
    TcpMaxSeg: u32 = IPPROTO_TCP / TCP_MAXSEG, get_set U32Int;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_os = "netbsd", windows))]
    TcpKeepIdle: Duration = IPPROTO_TCP / TCP_KEEPIDLE, get_set Secs;
    // Apple's name for the same option.
    #[cfg(target_vendor = "apple")]
    TcpKeepIdle: Duration = IPPROTO_TCP / TCP_KEEPALIVE, get_set Secs;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_os = "netbsd", target_vendor = "apple", windows))]
    TcpKeepIntvl: Duration = IPPROTO_TCP / TCP_KEEPINTVL, get_set Secs;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_os = "netbsd", target_vendor = "apple", windows))]
    TcpKeepCnt: u32 = IPPROTO_TCP / TCP_KEEPCNT, get_set U32Int;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    TcpCork: bool = IPPROTO_TCP / TCP_CORK, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    TcpQuickAck: bool = IPPROTO_TCP / TCP_QUICKACK, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    TcpUserTimeout: Option<Duration> = IPPROTO_TCP / TCP_USER_TIMEOUT, get_set OptMillis;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    TcpCongestion: OptName = IPPROTO_TCP / TCP_CONGESTION, get_set NameCodec;
}

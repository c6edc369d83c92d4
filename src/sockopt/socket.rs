//! `SOL_SOCKET` options: socket(7).

use std::time::Duration;

use crate::error::Error;
use crate::types::Type;
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::types::{Domain, Protocol};

#[cfg(any(target_os = "linux", target_os = "android"))]
use super::{OptName, UCred};
#[cfg(doc)]
use super::{TcpKeepCnt, TcpKeepIdle, TcpKeepIntvl};

/// Lets `bind` reuse a local address, e.g. a listening port whose old connections are
/// still in `TIME_WAIT`. Set it before `bind`.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::ReuseAddr;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(ReuseAddr, true)?;
/// assert!(s.getsockopt(ReuseAddr)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_REUSEADDR")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReuseAddr;

/// Lets several sockets bind the same address and port; on Linux the kernel spreads
/// incoming connections (TCP) or datagrams (UDP) across them. Every socket sharing the
/// port must set it before `bind`, and (Linux) belong to the same effective user.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)`.
///
/// Platforms: Linux, Android, FreeBSD, DragonFly, NetBSD, OpenBSD and Apple.
///
/// ```
/// use berkeley::sockopt::ReusePort;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(ReusePort, true)?;
/// assert!(s.getsockopt(ReusePort)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd",
    target_vendor = "apple"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd",
        target_vendor = "apple"
    )))
)]
#[doc(alias = "SO_REUSEPORT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReusePort;

/// Allows sending datagrams to a broadcast address (without it, `sendto` to one fails with
/// `EACCES`).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Broadcast;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Broadcast, true)?;
/// assert!(s.getsockopt(Broadcast)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_BROADCAST")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Broadcast;

/// Sends TCP keep-alive probes on an idle connection. When and how often is set by
/// [`TcpKeepIdle`], [`TcpKeepIntvl`] and [`TcpKeepCnt`] (defaults on Linux: after 2 hours,
/// every 75 s, 9 probes — see `/proc/sys/net/ipv4/tcp_keepalive_*`).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::KeepAlive;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(KeepAlive, true)?;
/// assert!(s.getsockopt(KeepAlive)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_KEEPALIVE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeepAlive;

/// What `close` does with unsent data. `None` (the default): `close` returns at once and
/// the kernel keeps sending in the background. `Some(t)`: `close` blocks up to `t` until the
/// data is sent; `Some(Duration::ZERO)` discards it and resets the connection (`RST`).
///
/// The C field is whole seconds: a fractional duration is **rounded up** (500 ms becomes
/// 1 s, so a positive duration never turns into the abortive zero). More than `i32::MAX`
/// seconds (Windows: 65535) is an [`Error::InvalidInput`].
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_LINGER, &v, sizeof v)` with `v` of type `struct linger` (get
/// and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 5))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::Linger;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(Linger, Some(Duration::from_millis(1500)))?;
/// assert_eq!(s.getsockopt(Linger)?, Some(Duration::from_secs(2))); // rounded up
/// s.setsockopt(Linger, None)?;
/// assert_eq!(s.getsockopt(Linger)?, None);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_LINGER")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Linger;

/// The size of the receive buffer, in bytes.
///
/// **Linux doubles the value you set** (to leave room for bookkeeping) and `getsockopt`
/// returns the doubled value; it also clamps the request to `net.core.rmem_max` (unless
/// the caller has `CAP_NET_ADMIN` and uses `SO_RCVBUFFORCE`) and raises it to a minimum.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::RcvBuf;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(RcvBuf, 32 * 1024)?;
/// # #[cfg(target_os = "linux")]
/// assert_eq!(s.getsockopt(RcvBuf)?, 64 * 1024); // Linux reports it doubled
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_RCVBUF")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RcvBuf;

/// The size of the send buffer, in bytes. As for [`RcvBuf`], Linux doubles the value and
/// clamps it to `net.core.wmem_max`.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::SndBuf;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(SndBuf, 32 * 1024)?;
/// # #[cfg(target_os = "linux")]
/// assert_eq!(s.getsockopt(SndBuf)?, 64 * 1024); // Linux reports it doubled
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_SNDBUF")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SndBuf;

/// The minimum number of bytes a blocking `recv` waits for (default 1). On Linux it is
/// honoured by stream sockets (TCP, UNIX) and by `poll`/`select` readiness; `SO_SNDLOWAT`
/// is not changeable there. A receive timeout or a signal still returns less.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, 16)`.
///
/// Platforms: Unix.
///
/// ```
/// use berkeley::sockopt::RcvLowat;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(RcvLowat, 16)?;
/// assert_eq!(s.getsockopt(RcvLowat)?, 16);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
#[doc(alias = "SO_RCVLOWAT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RcvLowat;

/// How long a blocking receive waits before failing with `EAGAIN`/`EWOULDBLOCK`
/// (`ErrorKind::WouldBlock`; Windows: `WSAETIMEDOUT`). `None` waits forever (the default).
///
/// `Some(Duration::ZERO)` is an [`Error::InvalidInput`] (as in `std::net`): the C value zero
/// means "no timeout", the opposite of what it says. Durations are rounded **up** to whole
/// microseconds (Windows: milliseconds); Linux then rounds up to its clock tick (`1/HZ`
/// s), so a tiny timeout reads back as one tick.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &v, sizeof v)` with `v` of type `struct timeval
/// (Windows: DWORD ms)` (get and set).
/// Python: `sock.settimeout(1.5)  # or setsockopt(SOL_SOCKET, SO_RCVTIMEO, struct.pack('ll', 1,
/// 500000))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::RcvTimeo;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(RcvTimeo, Some(Duration::from_millis(1500)))?;
/// assert_eq!(s.getsockopt(RcvTimeo)?, Some(Duration::from_millis(1500)));
/// assert!(s.setsockopt(RcvTimeo, Some(Duration::ZERO)).is_err());
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_RCVTIMEO")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RcvTimeo;

/// How long a blocking send waits for buffer space before failing with
/// `EAGAIN`/`EWOULDBLOCK`. `None` waits forever. Zero and rounding: as [`RcvTimeo`].
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &v, sizeof v)` with `v` of type `struct timeval
/// (Windows: DWORD ms)` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack('ll', 2, 0))`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::SndTimeo;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// use std::time::Duration;
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(SndTimeo, Some(Duration::from_secs(2)))?;
/// assert_eq!(s.getsockopt(SndTimeo)?, Some(Duration::from_secs(2)));
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_SNDTIMEO")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SndTimeo;

/// The socket's pending error, **cleared by reading it**: how a non-blocking `connect`
/// reports its outcome once the socket polls writable. `None` means no error. The returned
/// [`Error::Os`] names the call `"SO_ERROR"`.
///
/// C: `getsockopt(fd, SOL_SOCKET, SO_ERROR, &v, &len)` with `v` of type `int` (get only).
/// Python: `sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::SoError;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// assert!(s.getsockopt(SoError)?.is_none());
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_ERROR")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SoError;

/// The socket type (`SOCK_STREAM`, `SOCK_DGRAM`, ...), without the creation flags.
///
/// C: `getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len)` with `v` of type `int` (get only).
/// Python: `sock.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)  # or sock.type`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::SoType;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP)?;
/// assert_eq!(s.getsockopt(SoType)?, Type::DGRAM);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_TYPE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SoType;

/// Whether the socket is listening (`listen` was called).
///
/// C: `getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len)` with `v` of type `int` (get only).
/// Python: `sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::AcceptConn;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// assert!(!s.getsockopt(AcceptConn)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_ACCEPTCONN")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AcceptConn;

/// The socket's domain (address family). Linux 2.6.32+.
///
/// C: `getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len)` with `v` of type `int` (get only).
/// Python: `sock.getsockopt(socket.SOL_SOCKET, socket.SO_DOMAIN)  # or sock.family`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::SoDomain;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
/// assert_eq!(s.getsockopt(SoDomain)?, Domain::INET6);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_DOMAIN")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SoDomain;

/// The socket's protocol (the one the kernel chose for `Protocol::DEFAULT`). Linux 2.6.32+.
///
/// C: `getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len)` with `v` of type `int` (get only).
/// Python: `sock.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL)  # or sock.proto`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::SoProtocol;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::DEFAULT)?;
/// assert_eq!(s.getsockopt(SoProtocol)?, Protocol::TCP);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_PROTOCOL")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SoProtocol;

/// The priority of the socket's packets in the queueing discipline (`skb->priority`).
/// 0 to 6 need no privilege; higher values need `CAP_NET_ADMIN`.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_PRIORITY, 3)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::Priority;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(Priority, 3)?;
/// assert_eq!(s.getsockopt(Priority)?, 3);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_PRIORITY")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Priority;

/// Delivers TCP urgent (out-of-band) data inline with the normal data instead of through
/// `recv(.., MSG_OOB)`.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_OOBINLINE, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::OobInline;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(OobInline, true)?;
/// assert!(s.getsockopt(OobInline)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_OOBINLINE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OobInline;

/// Sends only to directly connected hosts, bypassing the routing table (like `send` with
/// `MSG_DONTROUTE` on every call).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_DONTROUTE, &v, sizeof v)` with `v` of type `int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_DONTROUTE, 1)`.
///
/// Platforms: Unix and Windows.
///
/// ```
/// use berkeley::sockopt::DontRoute;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(DontRoute, true)?;
/// assert!(s.getsockopt(DontRoute)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[doc(alias = "SO_DONTROUTE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DontRoute;

/// Binds the socket to a network interface: it only receives packets that arrived on it
/// and sends through it whatever the routing table says. `None` (or an empty name) unbinds.
/// The name is at most 15 bytes ([`OptName`] rejects longer ones).
///
/// Privilege: binding needs `CAP_NET_RAW` before Linux 5.7; since 5.7 an unprivileged
/// process may bind a socket that is not yet bound to a device, but changing or removing
/// the binding still needs `CAP_NET_RAW` (`EPERM` otherwise).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, &v, sizeof v)` with `v` of type `char[IFNAMSIZ]`
/// (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'lo')`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::{BindToDevice, OptName};
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// assert_eq!(s.getsockopt(BindToDevice)?, None);
/// if s.setsockopt(BindToDevice, Some(OptName::new("lo")?)).is_ok() {
///     assert_eq!(s.getsockopt(BindToDevice)?.unwrap(), "lo");
/// }
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_BINDTODEVICE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct BindToDevice;

/// The firewall mark (`skb->mark`) of the socket's packets, matched by `ip rule fwmark`
/// and netfilter. Setting needs `CAP_NET_ADMIN` (or `CAP_NET_RAW`, Linux 5.17+). Every
/// `u32` is a valid mark.
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_MARK, &v, sizeof v)` with `v` of type `unsigned int` (get and
/// set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 0x2a)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::Mark;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// assert_eq!(s.getsockopt(Mark)?, 0);
/// if s.setsockopt(Mark, 0x2a).is_ok() { // needs CAP_NET_ADMIN
///     assert_eq!(s.getsockopt(Mark)?, 0x2a);
/// }
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_MARK")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Mark;

/// The credentials of the process at the other end of a connected UNIX socket (or of a
/// `socketpair`).
///
/// C: `getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &v, &len)` with `v` of type `struct ucred` (get
/// only).
/// Python: `struct.unpack('3i', sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::PeerCred;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let (a, _b) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
/// assert_eq!(a.getsockopt(PeerCred)?.pid, std::process::id() as i32);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_PEERCRED")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PeerCred;

/// Never raise `SIGPIPE` for this socket: a send on a connection the peer closed fails
/// with `EPIPE` instead of killing the process. The per-socket form of Linux's
/// `MSG_NOSIGNAL` flag, for systems whose `send` lacks it. Off by default.
///
/// C: `int one = 1; setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one)` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, 0x1022, 1)  # SO_NOSIGPIPE on macOS`.
///
/// Platforms: Apple, FreeBSD and NetBSD (compiled and linted only: no runner here).
///
/// ```
/// use berkeley::sockopt::NoSigPipe;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
/// s.setsockopt(NoSigPipe, true)?;
/// assert!(s.getsockopt(NoSigPipe)?);
/// # Ok(()) }
/// ```
///
/// See [setsockopt(2) on
/// macOS](https://developer.apple.com/library/archive/documentation/System/Conceptual/ManPages_iPhoneOS/man2/setsockopt.2.html).
#[cfg(any(target_vendor = "apple", target_os = "freebsd", target_os = "netbsd"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(target_vendor = "apple", target_os = "freebsd", target_os = "netbsd")))
)]
#[doc(alias = "SO_NOSIGPIPE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NoSigPipe;

sockopt_impl! {
    ReuseAddr: bool = SOL_SOCKET / SO_REUSEADDR, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd",
        target_os = "dragonfly", target_os = "netbsd", target_os = "openbsd",
        target_vendor = "apple"))]
    ReusePort: bool = SOL_SOCKET / SO_REUSEPORT, get_set BoolInt;
    Broadcast: bool = SOL_SOCKET / SO_BROADCAST, get_set BoolInt;
    KeepAlive: bool = SOL_SOCKET / SO_KEEPALIVE, get_set BoolInt;
    Linger: Option<Duration> = SOL_SOCKET / SO_LINGER, get_set LingerCodec;
    RcvBuf: usize = SOL_SOCKET / SO_RCVBUF, get_set UsizeInt;
    SndBuf: usize = SOL_SOCKET / SO_SNDBUF, get_set UsizeInt;
    #[cfg(unix)]
    RcvLowat: usize = SOL_SOCKET / SO_RCVLOWAT, get_set UsizeInt;
    RcvTimeo: Option<Duration> = SOL_SOCKET / SO_RCVTIMEO, get_set Timeval;
    SndTimeo: Option<Duration> = SOL_SOCKET / SO_SNDTIMEO, get_set Timeval;
    SoError: Option<Error> = SOL_SOCKET / SO_ERROR, get ErrorInt;
    SoType: Type = SOL_SOCKET / SO_TYPE, get TypeInt;
    AcceptConn: bool = SOL_SOCKET / SO_ACCEPTCONN, get BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    SoDomain: Domain = SOL_SOCKET / SO_DOMAIN, get DomainInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    SoProtocol: Protocol = SOL_SOCKET / SO_PROTOCOL, get ProtocolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    Priority: u32 = SOL_SOCKET / SO_PRIORITY, get_set U32Int;
    OobInline: bool = SOL_SOCKET / SO_OOBINLINE, get_set BoolInt;
    DontRoute: bool = SOL_SOCKET / SO_DONTROUTE, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    BindToDevice: Option<OptName> = SOL_SOCKET / SO_BINDTODEVICE, get_set DeviceCodec;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    Mark: u32 = SOL_SOCKET / SO_MARK, get_set U32Bits;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    PeerCred: UCred = SOL_SOCKET / SO_PEERCRED, get UCredCodec;
    #[cfg(any(target_vendor = "apple", target_os = "freebsd", target_os = "netbsd"))]
    NoSigPipe: bool = SOL_SOCKET / SO_NOSIGPIPE, get_set BoolInt;
}

/// Asks for the receive time of each packet (microseconds), delivered by [`Socket::recvmsg`](crate::Socket::recvmsg) as a
/// [`Cmsg::Timestamp`](crate::msg::Cmsg::Timestamp) control message (`SCM_TIMESTAMP`).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_TIMESTAMP, 1)`.
///
/// Platforms: Unix.
///
/// ```
/// use berkeley::sockopt::SoTimestamp;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(SoTimestamp, true)?;
/// assert!(s.getsockopt(SoTimestamp)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
#[doc(alias = "SO_TIMESTAMP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SoTimestamp;

/// Asks for the receive time of each packet (nanoseconds), delivered by [`Socket::recvmsg`](crate::Socket::recvmsg) as a
/// [`Cmsg::Timestamp`](crate::msg::Cmsg::Timestamp) control message (`SCM_TIMESTAMPNS`).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_TIMESTAMPNS, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::SoTimestampNs;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// s.setsockopt(SoTimestampNs, true)?;
/// assert!(s.getsockopt(SoTimestampNs)?);
/// # Ok(()) }
/// ```
///
/// See [socket(7)](https://man7.org/linux/man-pages/man7/socket.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_TIMESTAMPNS")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SoTimestampNs;

/// Asks for the sender's credentials with each message on a UNIX socket, delivered by
/// [`Socket::recvmsg`](crate::Socket::recvmsg) as a [`Cmsg::ScmCredentials`](crate::msg::Cmsg::ScmCredentials) control message (checked by the kernel; sent
/// even when the peer did not attach them).
///
/// C: `setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one)` with `one` an `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::PassCred;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let (a, _b) = Socket::socketpair(Domain::UNIX, Type::DGRAM, Protocol::DEFAULT)?;
/// a.setsockopt(PassCred, true)?;
/// assert!(a.getsockopt(PassCred)?);
/// # Ok(()) }
/// ```
///
/// See [unix(7)](https://man7.org/linux/man-pages/man7/unix.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "SO_PASSCRED")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PassCred;

sockopt_impl! {
    #[cfg(unix)]
    SoTimestamp: bool = SOL_SOCKET / SO_TIMESTAMP, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    SoTimestampNs: bool = SOL_SOCKET / SO_TIMESTAMPNS, get_set BoolInt;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    PassCred: bool = SOL_SOCKET / SO_PASSCRED, get_set BoolInt;
}

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

sockopt! {
    /// Lets `bind` reuse a local address, e.g. a listening port whose old connections are
    /// still in `TIME_WAIT`. Set it before `bind`.
    ReuseAddr("SO_REUSEADDR") [all] get_set: bool = SOL_SOCKET / SO_REUSEADDR via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)", man socket,
        round_trip(INET, STREAM, TCP, true)

    /// Lets several sockets bind the same address and port; on Linux the kernel spreads
    /// incoming connections (TCP) or datagrams (UDP) across them. Every socket sharing the
    /// port must set it before `bind`, and (Linux) belong to the same effective user.
    ReusePort("SO_REUSEPORT") [unix] get_set: bool = SOL_SOCKET / SO_REUSEPORT via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)", man socket,
        round_trip(INET, DGRAM, UDP, true)

    /// Allows sending datagrams to a broadcast address (without it, `sendto` to one fails with
    /// `EACCES`).
    Broadcast("SO_BROADCAST") [all] get_set: bool = SOL_SOCKET / SO_BROADCAST via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)", man socket,
        round_trip(INET, DGRAM, UDP, true)

    /// Sends TCP keep-alive probes on an idle connection. When and how often is set by
    /// [`TcpKeepIdle`], [`TcpKeepIntvl`] and [`TcpKeepCnt`] (defaults on Linux: after 2 hours,
    /// every 75 s, 9 probes — see `/proc/sys/net/ipv4/tcp_keepalive_*`).
    KeepAlive("SO_KEEPALIVE") [all] get_set: bool = SOL_SOCKET / SO_KEEPALIVE via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)", man socket,
        round_trip(INET, STREAM, TCP, true)

    /// What `close` does with unsent data. `None` (the default): `close` returns at once and
    /// the kernel keeps sending in the background. `Some(t)`: `close` blocks up to `t` until the
    /// data is sent; `Some(Duration::ZERO)` discards it and resets the connection (`RST`).
    ///
    /// The C field is whole seconds: a fractional duration is **rounded up** (500 ms becomes
    /// 1 s, so a positive duration never turns into the abortive zero). More than `i32::MAX`
    /// seconds (Windows: 65535) is an [`Error::InvalidInput`].
    Linger("SO_LINGER") [all] get_set: Option<Duration> = SOL_SOCKET / SO_LINGER via LingerCodec
        as "struct linger",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 5))",
        man socket, example {
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
    }

    /// The size of the receive buffer, in bytes.
    ///
    /// **Linux doubles the value you set** (to leave room for bookkeeping) and `getsockopt`
    /// returns the doubled value; it also clamps the request to `net.core.rmem_max` (unless
    /// the caller has `CAP_NET_ADMIN` and uses `SO_RCVBUFFORCE`) and raises it to a minimum.
    RcvBuf("SO_RCVBUF") [all] get_set: usize = SOL_SOCKET / SO_RCVBUF via UsizeInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)", man socket, example {
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
    }

    /// The size of the send buffer, in bytes. As for [`RcvBuf`], Linux doubles the value and
    /// clamps it to `net.core.wmem_max`.
    SndBuf("SO_SNDBUF") [all] get_set: usize = SOL_SOCKET / SO_SNDBUF via UsizeInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)", man socket, example {
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
    }

    /// The minimum number of bytes a blocking `recv` waits for (default 1). On Linux it is
    /// honoured by stream sockets (TCP, UNIX) and by `poll`/`select` readiness; `SO_SNDLOWAT`
    /// is not changeable there. A receive timeout or a signal still returns less.
    RcvLowat("SO_RCVLOWAT") [unix] get_set: usize = SOL_SOCKET / SO_RCVLOWAT via UsizeInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, 16)", man socket,
        round_trip(INET, STREAM, TCP, 16)

    /// How long a blocking receive waits before failing with `EAGAIN`/`EWOULDBLOCK`
    /// (`ErrorKind::WouldBlock`; Windows: `WSAETIMEDOUT`). `None` waits forever (the default).
    ///
    /// `Some(Duration::ZERO)` is an [`Error::InvalidInput`] (as in `std::net`): the C value zero
    /// means "no timeout", the opposite of what it says. Durations are rounded **up** to whole
    /// microseconds (Windows: milliseconds); Linux then rounds up to its clock tick (`1/HZ`
    /// s), so a tiny timeout reads back as one tick.
    RcvTimeo("SO_RCVTIMEO") [all] get_set: Option<Duration> = SOL_SOCKET / SO_RCVTIMEO via Timeval
        as "struct timeval (Windows: DWORD ms)",
        py "sock.settimeout(1.5)  # or setsockopt(SOL_SOCKET, SO_RCVTIMEO, struct.pack('ll', 1, 500000))",
        man socket, example {
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
    }

    /// How long a blocking send waits for buffer space before failing with
    /// `EAGAIN`/`EWOULDBLOCK`. `None` waits forever. Zero and rounding: as [`RcvTimeo`].
    SndTimeo("SO_SNDTIMEO") [all] get_set: Option<Duration> = SOL_SOCKET / SO_SNDTIMEO via Timeval
        as "struct timeval (Windows: DWORD ms)",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack('ll', 2, 0))",
        man socket, example {
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
    }

    /// The socket's pending error, **cleared by reading it**: how a non-blocking `connect`
    /// reports its outcome once the socket polls writable. `None` means no error. The returned
    /// [`Error::Os`] names the call `"SO_ERROR"`.
    SoError("SO_ERROR") [all] get: Option<Error> = SOL_SOCKET / SO_ERROR via ErrorInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)", man socket, example {
        /// ```
        /// use berkeley::sockopt::SoError;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// assert!(s.getsockopt(SoError)?.is_none());
        /// # Ok(()) }
        /// ```
    }

    /// The socket type (`SOCK_STREAM`, `SOCK_DGRAM`, ...), without the creation flags.
    SoType("SO_TYPE") [all] get: Type = SOL_SOCKET / SO_TYPE via TypeInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)  # or sock.type",
        man socket, example {
        /// ```
        /// use berkeley::sockopt::SoType;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP)?;
        /// assert_eq!(s.getsockopt(SoType)?, Type::DGRAM);
        /// # Ok(()) }
        /// ```
    }

    /// Whether the socket is listening (`listen` was called).
    AcceptConn("SO_ACCEPTCONN") [all] get: bool = SOL_SOCKET / SO_ACCEPTCONN via BoolInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)", man socket, example {
        /// ```
        /// use berkeley::sockopt::AcceptConn;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// assert!(!s.getsockopt(AcceptConn)?);
        /// # Ok(()) }
        /// ```
    }

    /// The socket's domain (address family). Linux 2.6.32+.
    SoDomain("SO_DOMAIN") [linux] get: Domain = SOL_SOCKET / SO_DOMAIN via DomainInt as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_DOMAIN)  # or sock.family",
        man socket, example {
        /// ```
        /// use berkeley::sockopt::SoDomain;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET6, Type::DGRAM, Protocol::UDP)?;
        /// assert_eq!(s.getsockopt(SoDomain)?, Domain::INET6);
        /// # Ok(()) }
        /// ```
    }

    /// The socket's protocol (the one the kernel chose for `Protocol::DEFAULT`). Linux 2.6.32+.
    SoProtocol("SO_PROTOCOL") [linux] get: Protocol = SOL_SOCKET / SO_PROTOCOL via ProtocolInt
        as "int",
        py "sock.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL)  # or sock.proto",
        man socket, example {
        /// ```
        /// use berkeley::sockopt::SoProtocol;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::DEFAULT)?;
        /// assert_eq!(s.getsockopt(SoProtocol)?, Protocol::TCP);
        /// # Ok(()) }
        /// ```
    }

    /// The priority of the socket's packets in the queueing discipline (`skb->priority`).
    /// 0 to 6 need no privilege; higher values need `CAP_NET_ADMIN`.
    Priority("SO_PRIORITY") [linux] get_set: u32 = SOL_SOCKET / SO_PRIORITY via U32Int as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_PRIORITY, 3)", man socket,
        round_trip(INET, DGRAM, UDP, 3)

    /// Delivers TCP urgent (out-of-band) data inline with the normal data instead of through
    /// `recv(.., MSG_OOB)`.
    OobInline("SO_OOBINLINE") [all] get_set: bool = SOL_SOCKET / SO_OOBINLINE via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)", man socket,
        round_trip(INET, STREAM, TCP, true)

    /// Sends only to directly connected hosts, bypassing the routing table (like `send` with
    /// `MSG_DONTROUTE` on every call).
    DontRoute("SO_DONTROUTE") [all] get_set: bool = SOL_SOCKET / SO_DONTROUTE via BoolInt as "int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_DONTROUTE, 1)", man socket,
        round_trip(INET, DGRAM, UDP, true)

    /// Binds the socket to a network interface: it only receives packets that arrived on it
    /// and sends through it whatever the routing table says. `None` (or an empty name) unbinds.
    /// The name is at most 15 bytes ([`OptName`] rejects longer ones).
    ///
    /// Privilege: binding needs `CAP_NET_RAW` before Linux 5.7; since 5.7 an unprivileged
    /// process may bind a socket that is not yet bound to a device, but changing or removing
    /// the binding still needs `CAP_NET_RAW` (`EPERM` otherwise).
    BindToDevice("SO_BINDTODEVICE") [linux] get_set: Option<OptName> = SOL_SOCKET / SO_BINDTODEVICE
        via DeviceCodec as "char[IFNAMSIZ]",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b'lo')",
        man socket, example {
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
    }

    /// The firewall mark (`skb->mark`) of the socket's packets, matched by `ip rule fwmark`
    /// and netfilter. Setting needs `CAP_NET_ADMIN` (or `CAP_NET_RAW`, Linux 5.17+). Every
    /// `u32` is a valid mark.
    Mark("SO_MARK") [linux] get_set: u32 = SOL_SOCKET / SO_MARK via U32Bits as "unsigned int",
        py "sock.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 0x2a)", man socket, example {
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
    }

    /// The credentials of the process at the other end of a connected UNIX socket (or of a
    /// `socketpair`).
    PeerCred("SO_PEERCRED") [linux] get: UCred = SOL_SOCKET / SO_PEERCRED via UCredCodec
        as "struct ucred",
        py "struct.unpack('3i', sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))",
        man socket, example {
        /// ```
        /// use berkeley::sockopt::PeerCred;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let (a, _b) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
        /// assert_eq!(a.getsockopt(PeerCred)?.pid, std::process::id() as i32);
        /// # Ok(()) }
        /// ```
    }
}

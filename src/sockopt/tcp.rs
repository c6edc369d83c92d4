//! `IPPROTO_TCP` options: tcp(7).

#[cfg(doc)]
use super::KeepAlive;
#[cfg(any(target_os = "linux", target_os = "android"))]
use super::OptName;

sockopt! {
    /// Disables Nagle's algorithm: small writes are sent at once instead of being coalesced
    /// while earlier data is unacknowledged. For request/response protocols.
    TcpNoDelay("TCP_NODELAY") [all] get_set: bool = IPPROTO_TCP / TCP_NODELAY via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)", man tcp,
        round_trip(INET, STREAM, TCP, true)

    /// The maximum segment size for outgoing TCP packets. Set before `connect`/`listen` to
    /// announce a smaller MSS; Linux accepts 88 to 32767 and reads back 536 before the
    /// connection is established (the negotiated MSS after).
    TcpMaxSeg("TCP_MAXSEG") [unix] get_set: u32 = IPPROTO_TCP / TCP_MAXSEG via U32Int as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1200)", man tcp, example {
        /// ```
        /// use berkeley::sockopt::TcpMaxSeg;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// s.setsockopt(TcpMaxSeg, 1200)?;
        /// assert!(s.getsockopt(TcpMaxSeg)? > 0);
        /// # Ok(()) }
        /// ```
    }

    /// Seconds a connection must be idle before the first keep-alive probe (with
    /// [`KeepAlive`] on). Linux: 1 to 32767. Windows: 10 version 1709 and later; older versions
    /// fail with `WSAENOPROTOOPT`.
    TcpKeepIdle("TCP_KEEPIDLE") [keepalive] get_set: u32 = IPPROTO_TCP / TCP_KEEPIDLE via U32Int
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60)", man tcp, example {
        /// ```
        /// use berkeley::sockopt::TcpKeepIdle;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// # // Windows before 10 version 1709 (and wine) lacks it: WSAENOPROTOOPT (10042).
        /// # #[cfg(windows)]
        /// # if s.setsockopt(TcpKeepIdle, 60).is_err_and(|e| e.raw_os_error() == Some(10042)) {
        /// #     return Ok(());
        /// # }
        /// s.setsockopt(TcpKeepIdle, 60)?;
        /// assert_eq!(s.getsockopt(TcpKeepIdle)?, 60);
        /// # Ok(()) }
        /// ```
    }

    /// Seconds between keep-alive probes. Linux: 1 to 32767. Windows: 10 version 1709 and later;
    /// older versions fail with `WSAENOPROTOOPT`.
    TcpKeepIntvl("TCP_KEEPINTVL") [keepalive] get_set: u32 = IPPROTO_TCP / TCP_KEEPINTVL via U32Int
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 10)", man tcp, example {
        /// ```
        /// use berkeley::sockopt::TcpKeepIntvl;
        /// use berkeley::{Domain, Protocol, Socket, Type};
        /// # fn main() -> berkeley::Result<()> {
        /// let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
        /// # // Windows before 10 version 1709 (and wine) lacks it: WSAENOPROTOOPT (10042).
        /// # #[cfg(windows)]
        /// # if s.setsockopt(TcpKeepIntvl, 10).is_err_and(|e| e.raw_os_error() == Some(10042)) {
        /// #     return Ok(());
        /// # }
        /// s.setsockopt(TcpKeepIntvl, 10)?;
        /// assert_eq!(s.getsockopt(TcpKeepIntvl)?, 10);
        /// # Ok(()) }
        /// ```
    }

    /// Unanswered keep-alive probes before the connection is dropped. Linux: 1 to 127. Windows:
    /// 10 version 1703 and later (0 to 255); older versions fail with `WSAENOPROTOOPT`.
    TcpKeepCnt("TCP_KEEPCNT") [keepalive] get_set: u32 = IPPROTO_TCP / TCP_KEEPCNT via U32Int
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5)", man tcp, example {
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
    }

    /// Holds back partial frames until the cork is removed (or 200 ms pass), so a header and a
    /// `sendfile` body go out in full segments. Clearing it flushes.
    TcpCork("TCP_CORK") [linux] get_set: bool = IPPROTO_TCP / TCP_CORK via BoolInt as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)", man tcp,
        round_trip(INET, STREAM, TCP, true)

    /// Sends ACKs immediately instead of delaying them. Not permanent: the kernel may leave
    /// quick-ack mode on its own later, so a read-back may differ from what was set.
    TcpQuickAck("TCP_QUICKACK") [linux] get_set: bool = IPPROTO_TCP / TCP_QUICKACK via BoolInt
        as "int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)", man tcp,
        round_trip(INET, STREAM, TCP, false)

    /// Milliseconds transmitted data may stay unacknowledged before the connection is closed
    /// with `ETIMEDOUT`; 0 (the default) uses the system's retransmission limits.
    TcpUserTimeout("TCP_USER_TIMEOUT") [linux] get_set: u32 = IPPROTO_TCP / TCP_USER_TIMEOUT
        via U32Int as "unsigned int",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 30000)", man tcp,
        round_trip(INET, STREAM, TCP, 30_000)

    /// The congestion-control algorithm (`"cubic"`, `"reno"`, `"bbr"`, ...). The names the
    /// kernel has loaded are in `/proc/sys/net/ipv4/tcp_available_congestion_control`; an
    /// unknown one fails with `ENOENT`. Unprivileged processes may only pick those in
    /// `tcp_allowed_congestion_control` (`EPERM` otherwise).
    TcpCongestion("TCP_CONGESTION") [linux] get_set: OptName = IPPROTO_TCP / TCP_CONGESTION
        via NameCodec as "char[TCP_CA_NAME_MAX]",
        py "sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b'reno')", man tcp, example {
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
    }
}

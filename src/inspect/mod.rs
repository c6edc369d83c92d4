//! The host's socket table — what `ss` and `netstat` show — as typed values (Linux, Windows).
//!
//! [`sockets`] lists every socket of the calling thread's network namespace that a [`Filter`]
//! selects: TCP, UDP and raw sockets over IPv4 and IPv6, UNIX sockets and packet sockets, each
//! a [`SocketEntry`] with its local and remote [`SockAddr`], its [`State`], its queues, uid and
//! inode, and — when the filter asks for them — the processes that hold it ([`Owner`]).
//!
//! On Linux the table comes from the kernel's `NETLINK_SOCK_DIAG` interface, the one `ss` uses:
//! one dump request per protocol and family, the replies read through bounds-checked views (a
//! malformed reply is an [`Error`], never a panic). When netlink is unavailable it comes from
//! the `/proc/net` text files `netstat` reads (see `Source`, Linux). Owners come from one pass over
//! the `/proc/PID/fd` entries: each is `fstatat`ed relative to its process's fd directory, which
//! gives the socket's inode as `st_ino` (the number `ss -p` reads from the `socket:[INODE]` link
//! text); processes that exit during the pass are skipped, and sockets of processes this user may not
//! inspect have no owner, as with `ss -p` run without root.
//!
//! On Windows the table is `GetExtendedTcpTable`/`GetExtendedUdpTable` (owner-PID classes) and
//! owners' names come from the toolhelp snapshot — what `netstat -ano` and `tasklist` show. TCP
//! and UDP only; Windows reports no queues (0), uids or inodes, nor a UDP socket's peer.
//!
//! Tested: on Linux against `ss -tuaxnp` in a fresh network namespace, netlink against
//! `/proc/net`, and with processes exiting during the owner pass (tests/inspect.rs); on Windows
//! under wine (own TCP/UDP sockets, pid and name). macOS and FreeBSD: not available.
//!
//! ```
//! # fn main() -> berkeley::Result<()> {
//! use berkeley::inspect::{self, Filter, State};
//! use berkeley::{Domain, Socket, Type};
//!
//! let s = Socket::new(Domain::INET, Type::STREAM, berkeley::Protocol::DEFAULT)?;
//! s.bind("127.0.0.1:0")?;
//! s.listen(16)?;
//! let me = s.getsockname()?;
//!
//! let table = inspect::sockets(&Filter::new().tcp().listening().owners())?;
//! let row = table.iter().find(|e| e.local == me).expect("our listener is in the table");
//! assert_eq!(row.state, State::LISTEN);
//! // Linux: a listener's Send-Q is its backlog, as ss shows it. (Windows reports no queues, and
//! // wine no owners.)
//! #[cfg(target_os = "linux")]
//! {
//!     assert_eq!(row.send_q, 16);
//!     assert!(row.owners.iter().any(|o| o.pid == std::process::id()));
//! }
//! # Ok(())
//! # }
//! ```
//!

#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) mod netlink; // pub(crate): src/fuzzing.rs
#[cfg(any(target_os = "linux", target_os = "android"))]
mod owners;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) mod procfs; // pub(crate): src/fuzzing.rs
mod state;
#[cfg(windows)]
mod windows;

#[cfg(any(target_os = "linux", target_os = "android"))]
use std::os::fd::OwnedFd;

pub use self::state::State;
use crate::addr::SockAddr;
// On Windows `Error` is named only by the docs' links.
#[cfg_attr(windows, allow(unused_imports))]
use crate::error::{Error, Result};
#[cfg(any(target_os = "linux", target_os = "android"))]
use crate::sys;
use crate::types::{Domain, Type};

/// The kind of socket a [`SocketEntry`] describes — the first column of `netstat`, the
/// `Netid` of `ss`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Proto {
    /// TCP over IPv4 or IPv6.
    Tcp,
    /// UDP over IPv4 or IPv6.
    Udp,
    /// A raw IP socket (`SOCK_RAW`), IPv4 or IPv6.
    Raw,
    /// A UNIX domain socket (stream, datagram or seqpacket: see [`SocketEntry::sock_type`]).
    Unix,
    /// A Linux packet socket (`AF_PACKET`).
    Packet,
}

impl Proto {
    /// The name `netstat` prints: `tcp`, `udp`, `raw`, `unix`, `packet` (`tcp6`, `udp6`,
    /// `raw6` are spelled by the caller from [`SocketEntry::family`]).
    ///
    /// ```
    /// assert_eq!(berkeley::inspect::Proto::Udp.name(), "udp");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Raw => "raw",
            Proto::Unix => "unix",
            Proto::Packet => "packet",
        }
    }

    const fn bit(self) -> u8 {
        match self {
            Proto::Tcp => 1,
            Proto::Udp => 2,
            Proto::Raw => 4,
            Proto::Unix => 8,
            Proto::Packet => 16,
        }
    }
}

/// A process holding a socket: its pid and its `comm` (program name, at most 15 bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    /// The process id.
    pub pid: u32,
    /// `/proc/PID/comm`: the program name as `ps` and `netstat -p` show it.
    pub comm: String,
}

/// One row of the socket table.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SocketEntry {
    /// TCP, UDP, raw, UNIX or packet.
    pub proto: Proto,
    /// `AF_INET`, `AF_INET6`, `AF_UNIX` or `AF_PACKET`.
    pub family: Domain,
    /// `SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_SEQPACKET` or `SOCK_RAW`.
    pub sock_type: Type,
    /// The local address: `IP:PORT` (port 0 and the unspecified address when unbound), the
    /// UNIX path or abstract name (unnamed when unbound), or for a packet socket its interface
    /// index and protocol.
    pub local: SockAddr,
    /// The remote address: `IP:PORT` of the peer, all zero when unconnected. For UNIX and packet
    /// sockets it is unnamed: see [`peer_inode`](SocketEntry::peer_inode).
    pub remote: SockAddr,
    /// The state (TCP states; `CLOSE` for an unconnected datagram socket).
    pub state: State,
    /// Recv-Q: bytes not yet read — for a listener, the connections waiting in the accept queue.
    pub recv_q: u32,
    /// Send-Q: bytes not yet acknowledged (TCP) or queued (others) — for a listener, its backlog.
    pub send_q: u32,
    /// The owner uid of the socket (`None` when the kernel does not report it).
    pub uid: Option<u32>,
    /// The socket's inode, the number in the `socket:[INODE]` links of `/proc/PID/fd`. 0 for
    /// TCP sockets no process holds any more (`TIME_WAIT`, request sockets).
    pub inode: u64,
    /// For a connected UNIX socket, the inode of its peer.
    pub peer_inode: Option<u64>,
    /// The processes holding the socket (filled only when the [`Filter`] asks for owners;
    /// several when a descriptor was inherited or passed).
    pub owners: Vec<Owner>,
}

/// Which sockets [`sockets`] lists, and whether it looks up their owners.
///
/// A new filter selects everything and no owners. Naming protocols (`.tcp().udp()`) or
/// families (`.ipv4()`) narrows the table to those; `.listening()`/`.connected()` to those
/// states.
///
/// ```
/// use berkeley::inspect::Filter;
///
/// // netstat -tlnp: listening TCP sockets with their programs.
/// let f = Filter::new().tcp().listening().owners();
/// // "who holds port 8080?"
/// let g = Filter::new().tcp().udp().port(8080).owners();
/// # let _ = (f, g);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Filter {
    protos: u8,
    v4: bool,
    v6: bool,
    listening: bool,
    connected: bool,
    owners: bool,
    owner_pids: Option<Vec<u32>>,
    port: Option<u16>,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    source: Source,
}

/// Where [`sockets`] reads the table from (Linux).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// `NETLINK_SOCK_DIAG`, or `/proc/net` when the netlink socket cannot be opened (a kernel
    /// without sock_diag, a sandbox that forbids netlink).
    #[default]
    Auto,
    /// `NETLINK_SOCK_DIAG` only: its failure is the error.
    Netlink,
    /// The `/proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix,packet}` text files of the calling
    /// thread's network namespace, as net-tools `netstat` reads them. They lack a TCP
    /// listener's backlog (Send-Q is 0, as `netstat` shows it), UNIX sockets' queues (0), peers
    /// (`None`) and uids (`None`), and UDP and UNIX datagram state is derived from the socket's
    /// connection flag.
    Procfs,
}

/// Every TCP state bit (`1 << TCP_ESTABLISHED` ... `1 << TCP_NEW_SYN_RECV`).
const ALL_STATES: u32 = 0x1ffe;
/// The states `ss -l`/`netstat -l` count as listening: `LISTEN`, and `CLOSE` (an unconnected
/// datagram socket, "UNCONN").
const LISTENING_STATES: u32 = (1 << 10) | (1 << 7);

macro_rules! proto_method {
    ($( $(#[$m:meta])* $name:ident => $p:expr; )*) => {
        $( $(#[$m])* #[must_use] pub fn $name(mut self) -> Filter { self.protos |= $p.bit(); self } )*
    };
}

impl Filter {
    /// Everything, no owners.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let all = berkeley::inspect::sockets(&berkeley::inspect::Filter::new())?;
    /// # let _ = all;
    /// # Ok(())
    /// # }
    /// ```
    pub fn new() -> Filter {
        Filter::default()
    }

    proto_method! {
        /// Adds TCP sockets (`netstat -t`).
        ///
        /// ```
        /// let f = berkeley::inspect::Filter::new().tcp();
        /// # let _ = f;
        /// ```
        tcp => Proto::Tcp;
        /// Adds UDP sockets (`netstat -u`).
        ///
        /// ```
        /// let f = berkeley::inspect::Filter::new().udp();
        /// # let _ = f;
        /// ```
        udp => Proto::Udp;
        /// Adds raw IP sockets (`netstat -w`).
        ///
        /// ```
        /// let f = berkeley::inspect::Filter::new().raw();
        /// # let _ = f;
        /// ```
        raw => Proto::Raw;
        /// Adds UNIX sockets (`netstat -x`).
        ///
        /// ```
        /// let f = berkeley::inspect::Filter::new().unix();
        /// # let _ = f;
        /// ```
        unix => Proto::Unix;
        /// Adds packet sockets (`ss -0`).
        ///
        /// ```
        /// let f = berkeley::inspect::Filter::new().packet();
        /// # let _ = f;
        /// ```
        packet => Proto::Packet;
    }

    /// Adds IPv4 TCP/UDP/raw sockets (`netstat -4`); with neither `ipv4` nor `ipv6`, both.
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().tcp().ipv4();
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn ipv4(mut self) -> Filter {
        self.v4 = true;
        self
    }

    /// Adds IPv6 TCP/UDP/raw sockets (`netstat -6`).
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().tcp().ipv6();
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn ipv6(mut self) -> Filter {
        self.v6 = true;
        self
    }

    /// Adds listening sockets: `LISTEN`, and unconnected datagram sockets (`CLOSE`, which `ss`
    /// prints `UNCONN`) — what `netstat -l` and `ss -l` show. With neither `listening` nor
    /// `connected`, every state.
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().listening();
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn listening(mut self) -> Filter {
        self.listening = true;
        self
    }

    /// Adds sockets in every other state (connected, connecting, closing).
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().connected();
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn connected(mut self) -> Filter {
        self.connected = true;
        self
    }

    /// Looks up the owners of every listed socket: one pass over every `/proc/PID/fd`.
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().owners();
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn owners(mut self) -> Filter {
        self.owners = true;
        self
    }

    /// Looks up owners among the processes `pids` only: the pass reads only their
    /// descriptors, so the cost does not grow with the rest of the host.
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().owners_among(&[std::process::id()]);
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn owners_among(mut self, pids: &[u32]) -> Filter {
        self.owners = true;
        self.owner_pids = Some(pids.to_vec());
        self
    }

    /// Keeps only TCP/UDP/raw sockets whose local or remote port is `port` (UNIX and packet
    /// sockets have no port and are dropped). The owner pass still reads every process's
    /// descriptors to find who holds them; [`owners_among`](Filter::owners_among) bounds that.
    ///
    /// ```
    /// let f = berkeley::inspect::Filter::new().tcp().port(8080);
    /// # let _ = f;
    /// ```
    #[must_use]
    pub fn port(mut self, port: u16) -> Filter {
        self.port = Some(port);
        self
    }

    /// Chooses where the table comes from (default [`Source::Auto`]). Linux.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// use berkeley::inspect::{self, Filter, Source};
    /// let from_proc = inspect::sockets(&Filter::new().tcp().source(Source::Procfs))?;
    /// # let _ = from_proc;
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn source(mut self, source: Source) -> Filter {
        self.source = source;
        self
    }

    fn wants(&self, p: Proto) -> bool {
        self.protos == 0 || self.protos & p.bit() != 0
    }

    fn states(&self) -> u32 {
        match (self.listening, self.connected) {
            (true, false) => LISTENING_STATES,
            (false, true) => ALL_STATES & !LISTENING_STATES,
            _ => ALL_STATES,
        }
    }

    fn keeps(&self, e: &SocketEntry) -> bool {
        match self.port {
            None => true,
            Some(p) => {
                [&e.local, &e.remote].iter().any(|a| a.as_socket().is_some_and(|s| s.port() == p))
            }
        }
    }
}

/// Lists the host's sockets that `filter` selects, with their owners when it asks for them.
///
/// `ss -tuaxnp`, `netstat -tuxanp` — the rows are in kernel order per protocol (TCP, UDP, raw,
/// UNIX, packet; IPv4 before IPv6).
///
/// # Errors
///
/// [`Error::Os`] when the sock_diag socket cannot be opened or a dump fails (on kernels without
/// the `raw_diag`/`packet_diag` modules, raw and packet sockets come from `/proc/net` instead;
/// an error reading those is reported), and an
/// `io::ErrorKind::InvalidData` [`Error::Io`] when a reply is malformed.
///
/// ```
/// # fn main() -> berkeley::Result<()> {
/// use berkeley::inspect::{self, Filter};
///
/// for e in inspect::sockets(&Filter::new().tcp().listening())? {
///     println!("{} {} {}", e.proto.name(), e.local, e.state.ss_name());
/// }
/// # Ok(())
/// # }
/// ```
#[doc(alias = "ss")]
#[doc(alias = "netstat")]
#[doc(alias = "sock_diag")]
pub fn sockets(filter: &Filter) -> Result<Vec<SocketEntry>> {
    #[cfg(windows)]
    let mut out = windows::sockets(filter)?;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let mut out = match filter.source {
        Source::Procfs => from_procfs(filter)?,
        Source::Netlink => from_netlink(sys::sock_diag_socket()?, filter)?,
        Source::Auto => match sys::sock_diag_socket() {
            Ok(fd) => from_netlink(fd, filter)?,
            Err(_) => from_procfs(filter)?,
        },
    };
    if filter.port.is_some() {
        out.retain(|e| filter.keeps(e));
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if filter.owners {
        owners::resolve(&mut out, filter.owner_pids.as_deref());
    }
    Ok(out)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn from_procfs(filter: &Filter) -> Result<Vec<SocketEntry>> {
    let mut out = Vec::new();
    let states = filter.states();
    let (v4, v6) = match (filter.v4, filter.v6) {
        (true, false) => (true, false),
        (false, true) => (false, true),
        _ => (true, true),
    };
    for proto in [Proto::Tcp, Proto::Udp, Proto::Raw] {
        if filter.wants(proto) {
            procfs::read_into(proto, v4, v6, states, &mut out)?;
        }
    }
    let inet_only = filter.v4 || filter.v6 || filter.port.is_some();
    if filter.wants(Proto::Unix) && !inet_only {
        procfs::read_into(Proto::Unix, v4, v6, states, &mut out)?;
    }
    if filter.wants(Proto::Packet) && !inet_only && !filter.connected {
        procfs::read_into(Proto::Packet, v4, v6, states, &mut out)?;
    }
    Ok(out)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn from_netlink(fd: OwnedFd, filter: &Filter) -> Result<Vec<SocketEntry>> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; RECV_BUF];
    let mut seq = 0u32;
    let states = filter.states();
    let families: &[u8] = match (filter.v4, filter.v6) {
        (true, false) => &[netlink::AF_INET],
        (false, true) => &[netlink::AF_INET6],
        _ => &[netlink::AF_INET, netlink::AF_INET6],
    };
    for (proto, ipproto) in [(Proto::Tcp, 6u8), (Proto::Udp, 17), (Proto::Raw, 255)] {
        if !filter.wants(proto) {
            continue;
        }
        // TCP of both families: one walk of the kernel's tables (see `tcp_both_request`); a
        // kernel that refuses the older request gets the per-family dumps below.
        if proto == Proto::Tcp && families.len() == 2 {
            seq += 1;
            let req = netlink::tcp_both_request(seq, states);
            let before = out.len();
            match dump(&fd, &req, seq, proto, &mut buf, &mut out) {
                Ok(()) => continue,
                Err(Error::Os { .. }) => out.truncate(before),
                Err(e) => return Err(e),
            }
        }
        for &family in families {
            seq += 1;
            let req = netlink::inet_request(seq, family, ipproto, states);
            let r = dump(&fd, &req, seq, proto, &mut buf, &mut out);
            if missing_module(proto, &r) {
                let v4 = family == netlink::AF_INET;
                procfs::read_into(proto, v4, !v4, states, &mut out)?;
            } else {
                r?;
            }
        }
    }
    let inet_only = filter.v4 || filter.v6 || filter.port.is_some();
    if filter.wants(Proto::Unix) && !inet_only {
        seq += 1;
        let req = netlink::unix_request(seq, states);
        dump(&fd, &req, seq, Proto::Unix, &mut buf, &mut out)?;
    }
    if filter.wants(Proto::Packet) && !inet_only && !filter.connected {
        seq += 1;
        let req = netlink::packet_request(seq);
        let r = dump(&fd, &req, seq, Proto::Packet, &mut buf, &mut out);
        if missing_module(Proto::Packet, &r) {
            procfs::read_into(Proto::Packet, true, true, states, &mut out)?;
        } else {
            r?;
        }
    }
    Ok(out)
}

/// The receive buffer: the kernel fills at most this much per datagram of a dump (it caps a
/// dump skb at 32 KiB of sockets, more with larger pages); larger would only waste memory.
#[cfg(any(target_os = "linux", target_os = "android"))]
const RECV_BUF: usize = 64 * 1024;

/// Raw and packet diagnostics are modules (`raw_diag`, `packet_diag`) a kernel may lack: the
/// dump then fails with `ENOENT` (or `EOPNOTSUPP`), and the table takes those sockets from
/// `/proc/net` instead, so that both sources list the same sockets.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn missing_module(proto: Proto, r: &Result<()>) -> bool {
    matches!(
        r,
        Err(Error::Os { code, .. })
            if matches!(proto, Proto::Raw | Proto::Packet)
                && (*code == libc::ENOENT || *code == libc::EOPNOTSUPP)
    )
}

/// Sends one dump request and parses every reply datagram until `NLMSG_DONE`.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn dump(
    fd: &OwnedFd,
    req: &[u8],
    seq: u32,
    proto: Proto,
    buf: &mut [u8],
    out: &mut Vec<SocketEntry>,
) -> Result<()> {
    let sent = sys::sock_diag_send(fd, req)?;
    if sent != req.len() {
        return Err(Error::InvalidInput { call: "sendto", what: "sock_diag request sent in part" });
    }
    loop {
        let n = sys::sock_diag_recv(fd, buf)?;
        let Some(data) = buf.get(..n) else {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "sock_diag: reply larger than the receive buffer",
            )));
        };
        if netlink::parse(data, seq, proto, out)? == netlink::Progress::Done {
            return Ok(());
        }
    }
}

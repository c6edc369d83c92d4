//! `netstat [-t] [-u] [-x] [-l] [-p] [-n]` — the host's socket table, like `netstat -tuxanp`.
//!
//! ```text
//! $ cargo run --example netstat -- -tlnp
//! Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
//! tcp        0      0 127.0.0.1:7007          0.0.0.0:*               LISTEN      4242/echo_server
//! tcp6       0      0 :::22                   :::*                    LISTEN      811/sshd
//! ```
//!
//! The C shape is `ss`'s: a `NETLINK_SOCK_DIAG` dump per protocol and family, then (with `-p`)
//! one pass over `/proc/PID/fd` mapping socket inodes to processes — all of it in
//! `berkeley::inspect::sockets`. Without `-n`, ports are shown as service names
//! (`getservbyport`) and addresses as host names (`getnameinfo`), as net-tools does. UNIX
//! sockets (`-x`) are listed in the same table: the path (`@NAME` for the abstract namespace,
//! `*` when unnamed) and, for a connected one, `*` and its peer's inode as the foreign end.
//! Recv-Q and Send-Q are the kernel's sock_diag numbers, as `ss` prints them: for a listener,
//! the accept queue and the backlog. On Windows the same table comes from
//! `GetExtendedTcpTable`/`GetExtendedUdpTable` and the toolhelp snapshot (`netstat -ano` +
//! `tasklist`), without queues (shown as 0) or UNIX sockets.

mod common;

use common::Prog;

const PROG: Prog = Prog {
    name: "netstat",
    usage: "\
usage: netstat [-t] [-u] [-x] [-l] [-p] [-n]

Lists the host's sockets like netstat -tuxanp / ss: protocol, Recv-Q, Send-Q, local and
foreign address, state, and with -p the owning PID/program. Letters may be combined (-tlnp).
  -t  TCP sockets        -u  UDP sockets        -x  UNIX sockets
  -l  listening sockets only (LISTEN, and unconnected datagram sockets)
  -p  the processes holding each socket (all of them only as root)
  -n  numeric addresses and ports (otherwise host and service names)
  -a  accepted for compatibility (all states are the default)
With none of -t -u -x: all three. Linux and Windows (TCP/UDP only, no queues).
",
};

fn main() {
    PROG.main(run)
}

#[cfg(any(target_os = "linux", target_os = "android", windows))]
fn run(args: Vec<String>) -> common::Result<()> {
    use berkeley::inspect::{self, Filter, Proto, State};
    use std::fmt::Write;

    let (mut tcp, mut udp, mut unix, mut listening, mut owners, mut numeric) =
        (false, false, false, false, false, false);
    for arg in &args {
        let Some(letters) = arg.strip_prefix('-').filter(|l| !l.is_empty()) else {
            PROG.usage_error(&format!("unexpected argument {arg:?}"));
        };
        for ch in letters.chars() {
            match ch {
                't' => tcp = true,
                'u' => udp = true,
                'x' => unix = true,
                'l' => listening = true,
                'p' => owners = true,
                'n' => numeric = true,
                'a' => {}
                _ => PROG.usage_error(&format!("unknown option -{ch}")),
            }
        }
    }
    if !(tcp || udp || unix) {
        (tcp, udp, unix) = (true, true, true);
    }
    let mut filter = Filter::new();
    if tcp {
        filter = filter.tcp();
    }
    if udp {
        filter = filter.udp();
    }
    if unix {
        filter = filter.unix();
    }
    if listening {
        filter = filter.listening();
    }
    if owners {
        filter = filter.owners();
    }
    let table = inspect::sockets(&filter)?;

    let mut names = Names::default();
    // Written out every 64 KiB: a large table never becomes one large string.
    const CHUNK: usize = 64 * 1024;
    let mut out = String::with_capacity(CHUNK + 4096);
    let _ = write!(
        out,
        "Proto Recv-Q Send-Q {:<23} {:<23} {:<11}",
        "Local Address", "Foreign Address", "State"
    );
    out.push_str(if owners { " PID/Program name\n" } else { "\n" });
    if !owners {
        let kept = out.trim_end().len();
        out.truncate(kept);
        out.push('\n');
    }
    // Columns are padded by hand into one buffer: the table may have tens of thousands of rows.
    let mut local = String::with_capacity(64);
    let mut foreign = String::with_capacity(64);
    for e in &table {
        let v6 = e.family == berkeley::Domain::INET6;
        let proto = match (e.proto, v6) {
            (Proto::Tcp, false) => "tcp",
            (Proto::Tcp, true) => "tcp6",
            (Proto::Udp, false) => "udp",
            (Proto::Udp, true) => "udp6",
            (p, _) => p.name(),
        };
        local.clear();
        foreign.clear();
        let state = if e.proto == Proto::Unix {
            let un = e.local.as_un();
            if let Some(p) = un.as_ref().and_then(|u| u.path()) {
                let _ = write!(local, "{}", p.display());
            } else if let Some(n) = un.as_ref().and_then(abstract_name) {
                let _ = write!(local, "@{}", String::from_utf8_lossy(n));
            } else {
                local.push('*');
            }
            foreign.push('*');
            if let Some(i) = e.peer_inode {
                let _ = write!(foreign, " {i}");
            }
            match e.state {
                State::LISTEN => "LISTENING",
                State::ESTABLISHED => "CONNECTED",
                State::CLOSE => "",
                s => s.netstat_name(),
            }
        } else {
            let kind = if e.proto == Proto::Udp { "udp" } else { "tcp" };
            names.addr(&mut local, &e.local, kind, numeric);
            names.addr(&mut foreign, &e.remote, kind, numeric);
            match (e.proto, e.state) {
                (Proto::Tcp, s) => s.netstat_name(),
                (_, State::ESTABLISHED) => "ESTABLISHED",
                _ => "",
            }
        };
        pad(&mut out, proto, 5);
        out.push(' ');
        pad_num(&mut out, e.recv_q, 6);
        out.push(' ');
        pad_num(&mut out, e.send_q, 6);
        out.push(' ');
        pad(&mut out, &local, 23);
        out.push(' ');
        pad(&mut out, &foreign, 23);
        out.push(' ');
        pad(&mut out, state, 11);
        if owners {
            out.push(' ');
            if e.owners.is_empty() {
                out.push('-');
            }
            for (i, o) in e.owners.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_num(&mut out, u64::from(o.pid));
                out.push('/');
                out.push_str(&o.comm);
            }
        }
        let kept = out.trim_end_matches(' ').len();
        out.truncate(kept);
        out.push('\n');
        if out.len() >= CHUNK {
            common::emit(out.as_bytes())?;
            out.clear();
        }
    }
    common::emit(out.as_bytes())
}

/// Host and service names, each looked up once.
#[cfg(any(target_os = "linux", target_os = "android", windows))]
#[derive(Default)]
struct Names {
    hosts: std::collections::HashMap<std::net::IpAddr, String>,
    services: std::collections::HashMap<(u16, &'static str), String>,
}

#[cfg(any(target_os = "linux", target_os = "android", windows))]
impl Names {
    /// Appends `HOST:PORT` as netstat prints it to `out`: `*` for port 0, IPv6 without
    /// brackets.
    fn addr(
        &mut self,
        out: &mut String,
        a: &berkeley::SockAddr,
        proto: &'static str,
        numeric: bool,
    ) {
        use berkeley::netdb::{getnameinfo, getservbyport, NameInfoFlags};
        use std::fmt::Write;
        let Some(s) = a.as_socket() else {
            let _ = write!(out, "{a}");
            return;
        };
        if numeric || s.ip().is_unspecified() {
            // berkeley's inet_ntop: the text glibc prints, several times faster than Display.
            out.push_str(berkeley::inet_ntop(s.ip()).as_str());
        } else {
            let host = self.hosts.entry(s.ip()).or_insert_with(|| {
                let flags = NameInfoFlags::NUMERICSERV | NameInfoFlags::NOFQDN;
                getnameinfo(a, flags).map_or_else(|_| s.ip().to_string(), |n| n.host)
            });
            out.push_str(host);
        }
        out.push(':');
        match s.port() {
            0 => out.push('*'),
            p if numeric => push_num(out, u64::from(p)),
            p => out.push_str(
                self.services
                    .entry((p, proto))
                    .or_insert_with(|| getservbyport(p, proto).unwrap_or_else(|_| p.to_string())),
            ),
        }
    }
}

/// The Linux abstract name of a UNIX address (Windows has none).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn abstract_name(u: &berkeley::SockAddrUn) -> Option<&[u8]> {
    u.abstract_name()
}

#[cfg(windows)]
fn abstract_name(_: &berkeley::SockAddrUn) -> Option<&[u8]> {
    None
}

/// Appends `text` padded with spaces to `width` (left-aligned).
#[cfg(any(target_os = "linux", target_os = "android", windows))]
fn pad(out: &mut String, text: &str, width: usize) {
    out.push_str(text);
    let shown = if text.is_ascii() { text.len() } else { text.chars().count() };
    for _ in shown..width {
        out.push(' ');
    }
}

/// Appends `n` in decimal (`write!` with `{}` costs several times more per number, and the table
/// may have tens of thousands of rows).
#[cfg(any(target_os = "linux", target_os = "android", windows))]
fn push_num(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Appends `n` right-aligned in `width` columns.
#[cfg(any(target_os = "linux", target_os = "android", windows))]
fn pad_num(out: &mut String, n: u32, width: usize) {
    let start = out.len();
    push_num(out, u64::from(n));
    let len = out.len() - start;
    for _ in len..width {
        out.insert(start, ' ');
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", windows)))]
fn run(_args: Vec<String>) -> common::Result<()> {
    Err(common::msg("the socket table is implemented for Linux and Windows only"))
}

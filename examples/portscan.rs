//! `portscan HOST PORTS [--timeout MS] [--max-inflight N]` — a TCP connect scan like
//! `nmap -sT`. **Scan only hosts you own or may test.**
//!
//! ```text
//! $ cargo run --release --example portscan -- 127.0.0.1 1-1024
//! 22/tcp open ssh
//! 631/tcp open ipp
//! 1022 closed ports
//! ```
//!
//! The C shape: for each port, `socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)` and
//! `connect`, which either finishes at once (open, or `ECONNREFUSED`: closed) or says
//! `EINPROGRESS`; the pending connects are watched with `poll(POLLOUT)` and their outcome read
//! with `getsockopt(SO_ERROR)`: 0 is open, `ECONNREFUSED` closed, and no answer within the
//! timeout (a firewall dropping the SYN) `filtered`. At most `--max-inflight` connects are
//! pending at once, always below the open-file limit (`RLIMIT_NOFILE`, raised to its hard
//! limit first), so the scan never fails with "too many open files". A connect to a loopback
//! port from the same port number (a TCP "self-connect", which succeeds without any listener)
//! is not reported as open. Open ports are named with `getservbyport(port, "tcp")`.
//!
//! Output: `PORT/tcp open SERVICE` per open port in port order, then `N closed ports` and, if
//! any, `N filtered ports`. Scans of more than 1,000 ports report progress on stderr.

mod common;

use std::net::IpAddr;
use std::time::{Duration, Instant};

use berkeley::netdb::{getaddrinfo, getservbyport, AddrInfoHints};
use berkeley::poll::{poll, PollFd, PollFlags};
use berkeley::sockopt::SoError;
use berkeley::{Protocol, SockAddr, Socket, Type};
use common::{msg, Prog, Result};

const PROG: Prog = Prog {
    name: "portscan",
    usage: "\
usage: portscan HOST PORTS [--timeout MS] [--max-inflight N]

TCP connect scan (like nmap -sT) of HOST. Only scan hosts you own or are allowed to test:
scanning other people's machines may be illegal and is always rude.

  HOST              a host name or address (127.0.0.1, localhost, ::1)
  PORTS             ports and ranges, comma-separated: 22,80,8000-8100 (1-65535)
  --timeout MS      how long a port may take to answer before it counts as filtered
                    (default 1000)
  --max-inflight N  the most connects pending at once (default 4096, always kept below the
                    open-file limit)

Prints `PORT/tcp open SERVICE` for each open port in port order, then `N closed ports` and,
if any, `N filtered ports` (no answer within the timeout).
",
};

/// Descriptors kept free for everything else (stdio, the resolver, ...).
const FD_RESERVE: usize = 64;

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let mut timeout = Duration::from_millis(1000);
    let mut max_inflight = 4096usize;
    let mut positional = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        match name.as_str() {
            "--timeout" | "--max-inflight" => {
                let Some(value) = inline.or_else(|| args.next()) else {
                    PROG.usage_error(&format!("{name} needs a value"))
                };
                let n = parse_number(&name, &value)?;
                if name == "--timeout" {
                    timeout = Duration::from_millis(n);
                } else {
                    max_inflight = usize::try_from(n).unwrap_or(usize::MAX);
                }
            }
            "--" => positional.extend(args.by_ref()),
            _ if arg.starts_with('-') && arg.len() > 1 => {
                PROG.usage_error(&format!("unknown option {arg:?}"))
            }
            _ => positional.push(arg),
        }
    }
    let [host, ports] = positional.as_slice() else {
        PROG.usage_error(if positional.len() < 2 {
            "missing HOST or PORTS"
        } else {
            "too many arguments"
        })
    };
    let ports = parse_ports(ports)?;
    let hints = AddrInfoHints::new().socktype(Type::STREAM);
    let target = getaddrinfo(Some(host), None, &hints)?
        .find_map(|ai| ai.addr().as_socket())
        .map(|a| a.ip())
        .ok_or_else(|| msg(format!("{host}: no IPv4 or IPv6 address")))?;

    let limit = open_file_limit().saturating_sub(FD_RESERVE).max(1);
    let report = Scanner::new(target, timeout, max_inflight.clamp(1, limit)).scan(&ports)?;

    let mut out = String::new();
    for port in &report.open {
        let service = getservbyport(*port, "tcp").unwrap_or_else(|_| "unknown".to_owned());
        out.push_str(&format!("{port}/tcp open {service}\n"));
    }
    out.push_str(&format!("{} closed ports\n", report.closed));
    if report.filtered > 0 {
        out.push_str(&format!("{} filtered ports\n", report.filtered));
    }
    common::emit(out.as_bytes())
}

fn parse_number(option: &str, text: &str) -> Result<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(msg(format!("{option}: {text:?} is not a number")));
    }
    text.parse().map_err(|_| msg(format!("{option}: {text} is too large")))
}

/// `22,80,8000-8100` → the ports, sorted, each once.
fn parse_ports(spec: &str) -> Result<Vec<u16>> {
    let bad = |part: &str| {
        msg(format!("bad port list {spec:?}: {part:?} is not PORT or LOW-HIGH (1-65535)"))
    };
    let mut seen = vec![false; 65_536];
    for part in spec.split(',') {
        let (lo, hi) = part.split_once('-').unwrap_or((part, part));
        let lo = common::parse_port(lo).map_err(|_| bad(part))?;
        let hi = common::parse_port(hi).map_err(|_| bad(part))?;
        if lo == 0 || hi < lo {
            return Err(bad(part));
        }
        for p in lo..=hi {
            seen[usize::from(p)] = true;
        }
    }
    Ok((1..=65_535u16).filter(|p| seen[usize::from(*p)]).collect())
}

/// The soft open-file limit, after raising it to the hard limit (as nmap does).
#[cfg(unix)]
fn open_file_limit() -> usize {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `lim` is a live rlimit that getrlimit fills.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return 256;
    }
    if lim.rlim_cur < lim.rlim_max {
        let raised = libc::rlimit { rlim_cur: lim.rlim_max, rlim_max: lim.rlim_max };
        // SAFETY: `raised` is a live rlimit that setrlimit only reads.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            lim = raised;
        }
    }
    usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX)
}

/// Windows has no per-process descriptor limit of this kind; stay modest.
#[cfg(not(unix))]
fn open_file_limit() -> usize {
    1024 + FD_RESERVE
}

#[derive(Debug, Default)]
struct Report {
    open: Vec<u16>,
    closed: usize,
    filtered: usize,
}

struct Scanner {
    target: IpAddr,
    timeout: Duration,
    max_inflight: usize,
    report: Report,
    /// Ports finished so far, and every how many of them progress is reported (0: never).
    done: usize,
    progress_step: usize,
    total: usize,
}

/// The outcome of one port.
enum Outcome {
    Open,
    Closed,
    Filtered,
}

impl Scanner {
    fn new(target: IpAddr, timeout: Duration, max_inflight: usize) -> Scanner {
        Scanner {
            target,
            timeout,
            max_inflight,
            report: Report::default(),
            done: 0,
            progress_step: 0,
            total: 0,
        }
    }

    fn addr(&self, port: u16) -> SockAddr {
        SockAddr::from(std::net::SocketAddr::new(self.target, port))
    }

    fn record(&mut self, port: u16, outcome: Outcome) {
        match outcome {
            Outcome::Open => self.report.open.push(port),
            Outcome::Closed => self.report.closed += 1,
            Outcome::Filtered => self.report.filtered += 1,
        }
        self.done += 1;
        if self.progress_step > 0 && self.done % self.progress_step == 0 {
            PROG.log(format_args!("scanned {}/{} ports", self.done, self.total));
        }
    }

    /// A connect that succeeded: open, unless the socket connected to itself (same address and
    /// port on both ends), which nothing listening would explain.
    fn connected(&self, s: &Socket, port: u16) -> Outcome {
        match s.getsockname() {
            Ok(local) if local == self.addr(port) => Outcome::Closed,
            _ => Outcome::Open,
        }
    }

    fn scan(mut self, ports: &[u16]) -> Result<Report> {
        let domain = self.addr(0).family();
        self.total = ports.len();
        if ports.len() > 1000 {
            self.progress_step = ports.len().div_ceil(10);
        }
        let mut next = 0;
        let mut pending: Vec<(Socket, u16, Instant)> = Vec::new();
        while next < ports.len() || !pending.is_empty() {
            // Start connects up to the limit.
            while pending.len() < self.max_inflight && next < ports.len() {
                let port = ports[next];
                let s = match Socket::new(domain, Type::STREAM.nonblocking(), Protocol::TCP) {
                    Ok(s) => s,
                    // Out of descriptors after all (another process's share of a system
                    // limit): wait for the pending ones to free some.
                    Err(e) if !pending.is_empty() && is_resource_limit(&e) => break,
                    Err(e) => return Err(e.into()),
                };
                let outcome = match s.connect(self.addr(port)) {
                    Ok(()) => self.connected(&s, port),
                    Err(e) if e.is_in_progress() => {
                        pending.push((s, port, Instant::now() + self.timeout));
                        next += 1;
                        continue;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Outcome::Closed,
                    // No local port left: let the pending connects finish first.
                    Err(e) if !pending.is_empty() && is_resource_limit(&e) => break,
                    Err(e) if is_resource_limit(&e) => return Err(e.into()),
                    // Unreachable and the like: no answer from the port itself.
                    Err(_) => Outcome::Filtered,
                };
                self.record(port, outcome);
                next += 1;
            }
            if pending.is_empty() {
                continue;
            }
            let now = Instant::now();
            let first_deadline = pending.iter().map(|p| p.2).min().unwrap_or(now);
            let wait = first_deadline.saturating_duration_since(now);
            let revents: Vec<PollFlags> = {
                let mut fds: Vec<PollFd<'_>> =
                    pending.iter().map(|(s, ..)| PollFd::new(s, PollFlags::OUT)).collect();
                poll(&mut fds, Some(wait))?;
                fds.iter().map(PollFd::revents).collect()
            };
            let now = Instant::now();
            // Back to front, so swap_remove only moves entries already looked at.
            for i in (0..pending.len()).rev() {
                let outcome = if !revents[i].is_empty() {
                    let (s, port, _) = &pending[i];
                    match s.getsockopt(SoError)? {
                        None => self.connected(s, *port),
                        Some(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                            Outcome::Closed
                        }
                        Some(_) => Outcome::Filtered,
                    }
                } else if now >= pending[i].2 {
                    Outcome::Filtered
                } else {
                    continue;
                };
                let (_, port, _) = pending.swap_remove(i);
                self.record(port, outcome);
            }
        }
        self.report.open.sort_unstable();
        Ok(self.report)
    }
}

/// `EMFILE`/`ENFILE`/`ENOBUFS`/`EADDRNOTAVAIL`: this host ran out of something, not the target.
fn is_resource_limit(e: &berkeley::Error) -> bool {
    #[cfg(unix)]
    const CODES: &[i32] = &[libc::EMFILE, libc::ENFILE, libc::ENOBUFS, libc::EADDRNOTAVAIL];
    #[cfg(windows)]
    const CODES: &[i32] = &[
        windows_sys::Win32::Networking::WinSock::WSAEMFILE,
        windows_sys::Win32::Networking::WinSock::WSAENOBUFS,
        windows_sys::Win32::Networking::WinSock::WSAEADDRNOTAVAIL,
    ];
    e.raw_os_error().is_some_and(|c| CODES.contains(&c))
}

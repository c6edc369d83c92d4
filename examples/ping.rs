//! `ping HOST [-c COUNT] [-t TTL] [-W SECS] [-i SECS]` — ICMP echo, like iputils' `ping -n`.
//!
//! ```text
//! $ cargo run --example ping -- -c 3 127.0.0.1
//! PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
//! 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.043 ms
//! 64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.040 ms
//! 64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.045 ms
//!
//! --- 127.0.0.1 ping statistics ---
//! 3 packets transmitted, 3 received, 0% packet loss, time 2003ms
//! rtt min/avg/max/mdev = 0.040/0.042/0.045/0.002 ms
//! ```
//!
//! The C shape is iputils': a raw `socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)` when the process may
//! open one (root or `CAP_NET_RAW`), otherwise an unprivileged ICMP datagram socket
//! (`SOCK_DGRAM`/`IPPROTO_ICMP`, Linux and macOS; on Linux only for the groups in
//! `net.ipv4.ping_group_range`), where the kernel sets the echo identifier and delivers only this
//! socket's replies. The echo request (56 data bytes: an 8-byte send time, then the bytes 8 to
//! 55) is built and checksummed with [`berkeley::wire`]'s `Icmpv4Packet` (RFC 1071) and sent
//! with `sendto`; replies are read with a non-blocking `recvmsg`, and only when none is there
//! does the program wait, in `poll`, until one comes or the next request is due:
//!
//! - which of the two this process may open is [`berkeley::icmp::access`]'s answer (and, when
//!   neither, the error says why each was refused);
//! - a raw socket sees every ICMP message for the host — other pings' replies and, on loopback,
//!   this program's own requests — so replies are matched by type and identifier, and an
//!   `ICMP_FILTER`/`ICMPV6_FILTER` (Linux) lets only echo replies and error messages through to
//!   begin with;
//! - the TTL of a reply comes from its IP header on a raw IPv4 socket; datagram sockets and
//!   IPv6 sockets get no IP header, so the kernel passes it as a control message
//!   (`IP_RECVTTL`/`IPV6_RECVHOPLIMIT`, read with `recvmsg` into a reusable
//!   [`CmsgBuffer`](berkeley::msg::CmsgBuffer));
//! - the round trip is measured as iputils does: the send time (`CLOCK_REALTIME`) travels in the
//!   request's data, and the receive time is the kernel's (`SO_TIMESTAMPNS`), taken when the
//!   reply arrived rather than when this program got to read it;
//! - ICMP errors quoting one of our requests (destination unreachable, time exceeded) are shown
//!   as `From ADDR icmp_seq=N ...` lines and counted as errors, as iputils does;
//! - for an IPv6 HOST the request is an ICMPv6 echo (`Icmpv6Packet`); on raw and datagram
//!   ICMPv6 sockets the kernel computes the checksum (RFC 3542 §3.1).
//!
//! Timing follows iputils: a request every `-i` seconds (default 1); after the last one, the
//! program waits for the outstanding replies — `-W` seconds (default 10) if no reply has come
//! at all, otherwise twice the longest round trip (at least one interval). `-i 0` (root only)
//! sends the next request as soon as the previous reply is in (or after 10 ms without one).
//! Ctrl-C (SIGINT) stops it and prints the statistics: a signal handler writes one byte to a
//! socket pair that the `poll` watches next to the ICMP socket (the "self-pipe trick"), so the
//! wait ends at once.
//!
//! Exit codes, as iputils: 0 when a reply came, 1 when none did, 2 for any error (bad
//! arguments, unknown host, no route, no permission to open an ICMP socket).
//!
//! Tested on Linux (raw and datagram sockets, IPv4 and IPv6, against iputils' own output);
//! macOS and FreeBSD compile; on Windows it compiles and would need an administrator for the raw
//! socket (Winsock has no datagram ICMP socket) and has no Ctrl-C statistics.

mod common;

use std::io::{self, Write};
use std::net::IpAddr;
use std::process;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use berkeley::icmp;
use berkeley::poll::{poll, PollFd, PollFlags};
use berkeley::sockopt::{IpTtl, Ipv6UnicastHops};
use berkeley::wire::icmpv4::{ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_TIME_EXCEEDED};
use berkeley::wire::icmpv6::ICMP6_ECHO_REPLY;
use berkeley::wire::PseudoHeader;
use berkeley::wire::{Icmpv4Packet, Icmpv4Repr, Icmpv6Packet, Icmpv6Repr, IpProtocol, Ipv4Packet};
use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
use common::{msg, Prog, Result};

const PROG: Prog = Prog {
    name: "ping",
    usage: "\
usage: ping HOST [-c COUNT] [-t TTL] [-W SECS] [-i SECS]

Sends ICMP echo requests to HOST (an IPv4 or IPv6 address, or a host name) and prints each
reply like iputils' ping -n, then the statistics (also on Ctrl-C).
  -c COUNT  stop after COUNT requests (default: until Ctrl-C)
  -t TTL    the time to live (IPv6: hop limit) of the requests, 1-255
  -W SECS   how long to wait for replies after the last request when none came (default 10)
  -i SECS   seconds between requests (default 1; below 0.002 only as root; 0: flood-like,
            the next request as soon as the reply is in)
Uses a raw ICMP socket as root (or with CAP_NET_RAW), otherwise an unprivileged ICMP
datagram socket (Linux: when your group is in net.ipv4.ping_group_range).
Exit status: 0 if a reply came, 1 if none did, 2 on errors.
",
};

/// ICMP data bytes per request (iputils' default `-s 56`): 64 bytes with the header.
const DATALEN: usize = 56;
/// The smallest interval for users other than root (iputils' `MINUSERINTERVAL`).
const MIN_USER_INTERVAL: Duration = Duration::from_millis(2);
/// With `-i 0`, the longest wait for a reply before the next request goes anyway (iputils'
/// `MININTERVAL`).
const FLOOD_WAIT: Duration = Duration::from_millis(10);

fn main() {
    let args = PROG.args();
    let code = match run(args) {
        Ok(code) => code,
        Err(err) => {
            PROG.warn(err);
            2
        }
    };
    process::exit(code)
}

/// The command line.
#[derive(Debug)]
struct Opts {
    host: String,
    count: Option<u64>,
    ttl: Option<u8>,
    linger: Duration,
    interval: Duration,
}

fn parse_args(args: Vec<String>) -> Result<Opts> {
    let mut opts = Opts {
        host: String::new(),
        count: None,
        ttl: None,
        linger: Duration::from_secs(10),
        interval: Duration::from_secs(1),
    };
    let mut hosts = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let flag = match arg.as_str() {
            "--" => {
                hosts.extend(args.by_ref());
                break;
            }
            a if a.len() >= 2 && a.starts_with('-') && !a.starts_with("--") => &a[..2],
            a if a.starts_with('-') && a.len() > 1 => {
                PROG.usage_error(&format!("unknown option {arg:?}"))
            }
            _ => {
                hosts.push(arg);
                continue;
            }
        };
        // `-c3` and `-c 3` both work, as with getopt.
        let value = match &arg[2..] {
            "" => args.next().unwrap_or_else(|| PROG.usage_error(&format!("{flag} needs a value"))),
            attached => attached.to_owned(),
        };
        match flag {
            "-c" => opts.count = Some(parse_count(&value)?),
            "-t" => opts.ttl = Some(parse_ttl(&value)?),
            "-W" => {
                opts.linger = parse_seconds("-W", &value)?;
                if opts.linger.is_zero() {
                    return Err(msg(format!("-W: bad linger time {value:?} (must be above 0)")));
                }
            }
            "-i" => opts.interval = parse_seconds("-i", &value)?,
            _ => PROG.usage_error(&format!("unknown option {flag:?}")),
        }
    }
    match hosts.len() {
        0 => PROG.usage_error("missing HOST"),
        1 => opts.host = hosts.remove(0),
        _ => PROG.usage_error("too many arguments"),
    }
    Ok(opts)
}

fn parse_count(text: &str) -> Result<u64> {
    match text.parse::<u64>() {
        Ok(n) if (1..=i64::MAX as u64).contains(&n) && text.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(n)
        }
        _ => Err(msg(format!("-c: invalid count {text:?} (expected 1 to {})", i64::MAX))),
    }
}

fn parse_ttl(text: &str) -> Result<u8> {
    match text.parse::<u8>() {
        Ok(n) if n >= 1 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(msg(format!("-t: invalid TTL {text:?} (expected 1 to 255)"))),
    }
}

/// Seconds as a decimal number (`1`, `0.2`, `.5`): at most a day, never negative or NaN.
fn parse_seconds(option: &str, text: &str) -> Result<Duration> {
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1
        && text != ".";
    match text.parse::<f64>() {
        Ok(secs) if plain && secs <= 86_400.0 => Ok(Duration::from_secs_f64(secs)),
        _ => Err(msg(format!("{option}: bad time {text:?} (expected seconds from 0 to 86400)"))),
    }
}

/// Whether this process runs as root (iputils lets only root go below 2 ms between requests).
#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid() takes no arguments, cannot fail and touches no memory of ours.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn is_root() -> bool {
    // Windows: the raw socket needs an administrator anyway; no further limit.
    true
}

fn run(args: Vec<String>) -> Result<i32> {
    let opts = parse_args(args)?;
    if opts.interval < MIN_USER_INTERVAL && !is_root() {
        return Err(msg(format!(
            "cannot flood; minimal interval allowed for user is {}ms",
            MIN_USER_INTERVAL.as_millis()
        )));
    }
    let target: IpAddr = match common::parse_host(&opts.host, 0)?.as_socket() {
        Some(sa) => sa.ip(),
        None => return Err(msg(format!("{}: not an IP address", opts.host))),
    };
    let v6 = target.is_ipv6();
    // Like iputils: a UDP socket connected to the target first, which fails at once (exit 2)
    // when there is no route, and tells the source address the requests will carry.
    let domain = if v6 { Domain::INET6 } else { Domain::INET };
    let probe = Socket::new(domain, Type::DGRAM, Protocol::UDP)?;
    probe.connect((target, 1025))?;
    let source = probe.getsockname()?.as_socket().map(|sa| sa.ip());
    drop(probe);

    let icmp = open_icmp(domain)?;
    if let Some(ttl) = opts.ttl {
        if v6 {
            icmp.sock.setsockopt(Ipv6UnicastHops, u32::from(ttl))?;
        } else {
            icmp.sock.setsockopt(IpTtl, u32::from(ttl))?;
        }
    }
    icmp.sock.set_nonblocking(true)?;
    receive::enable(&icmp.sock, v6, icmp.raw)?;
    if icmp.raw {
        install_icmp_filter(&icmp.sock, v6)?;
    }

    let wake = interrupt::install()?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(16 * 1024, stdout.lock());
    if v6 {
        writeln!(out, "PING {}({target}) {DATALEN} data bytes", opts.host)?;
    } else {
        writeln!(out, "PING {} ({target}) {DATALEN}({}) bytes of data.", opts.host, DATALEN + 28)?;
    }
    let mut pinger = Pinger::new(&opts, icmp, target, source);
    let stats = pinger.run(&mut out, wake.as_ref())?;
    stats.print(&mut out, &opts.host, opts.interval.is_zero())?;
    out.flush()?;
    Ok(if stats.received == 0 { 1 } else { 0 })
}

/// The ICMP socket and what kind it is.
struct Icmp {
    sock: Socket,
    /// `SOCK_RAW` (we choose the echo identifier; we see every ICMP message) rather than
    /// `SOCK_DGRAM` (the kernel sets the identifier and filters).
    raw: bool,
}

/// A raw ICMP socket when permitted, otherwise a datagram one, as [`icmp::access`] finds;
/// both refused is one error that says why each was.
fn open_icmp(domain: Domain) -> Result<Icmp> {
    let access = icmp::access(domain)?;
    match access.socket_type() {
        Some(ty) => {
            let sock = Socket::new(domain, ty, access.protocol())?;
            Ok(Icmp { sock, raw: ty == Type::RAW })
        }
        None => {
            let why = |r: &std::result::Result<(), icmp::IcmpDenied>| match r {
                Err(denied) => denied.to_string(),
                Ok(()) => "allowed".to_owned(),
            };
            Err(msg(format!("{}; {}", why(&access.raw), why(&access.dgram))))
        }
    }
}

/// Linux `ICMP_FILTER` / `ICMPV6_FILTER` on a raw socket: the kernel passes only echo replies
/// and the errors that quote a request; everything else (other traffic, our own requests seen
/// on loopback) never reaches us.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn install_icmp_filter(sock: &Socket, v6: bool) -> berkeley::Result<()> {
    use berkeley::sockopt::{IcmpFilter, IcmpTypeFilter, Icmpv6Filter, Icmpv6TypeFilter};
    use berkeley::wire::icmpv6::{ICMP6_DST_UNREACH, ICMP6_PACKET_TOO_BIG, ICMP6_TIME_EXCEEDED};
    if v6 {
        let filter = Icmpv6TypeFilter::BLOCK_ALL
            .pass(ICMP6_ECHO_REPLY)
            .pass(ICMP6_DST_UNREACH)
            .pass(ICMP6_PACKET_TOO_BIG)
            .pass(ICMP6_TIME_EXCEEDED);
        sock.setsockopt(Icmpv6Filter, filter)
    } else {
        let pass = [ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, 4, 12]; // + quench, parameter problem
        sock.setsockopt(IcmpFilter, IcmpTypeFilter::pass_only(&pass)?)
    }
}

/// Elsewhere the checks in `parse_v4`/`parse_v6` alone drop what is not ours.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn install_icmp_filter(_sock: &Socket, _v6: bool) -> berkeley::Result<()> {
    Ok(())
}

/// Per-run counters, as iputils keeps them (times in microseconds).
#[derive(Debug, Default)]
struct Stats {
    transmitted: u64,
    received: u64,
    duplicates: u64,
    corrupted: u64,
    errors: u64,
    tmin: u64,
    tmax: u64,
    tsum: u128,
    tsum2: u128,
    /// iputils' `rtt`: an exponentially weighted moving average, times 8.
    ewma8: u64,
    /// From the first request to the last one.
    elapsed: Duration,
}

impl Stats {
    fn add_rtt(&mut self, us: u64) {
        if self.received == 1 && self.duplicates == 0 {
            self.tmin = us;
        }
        self.tmin = self.tmin.min(us);
        self.tmax = self.tmax.max(us);
        self.tsum += u128::from(us);
        self.tsum2 += u128::from(us) * u128::from(us);
        self.ewma8 = if self.ewma8 == 0 { us * 8 } else { self.ewma8 + us - self.ewma8 / 8 };
    }

    /// The closing lines: a blank line, `--- HOST ping statistics ---`, the counts and, when a
    /// reply came, `rtt min/avg/max/mdev` (iputils' integer arithmetic, to the microsecond).
    fn print(&self, out: &mut impl Write, host: &str, flood: bool) -> io::Result<()> {
        write!(out, "\n--- {host} ping statistics ---\n")?;
        write!(out, "{} packets transmitted, {} received", self.transmitted, self.received)?;
        if self.duplicates > 0 {
            write!(out, ", +{} duplicates", self.duplicates)?;
        }
        if self.corrupted > 0 {
            write!(out, ", +{} corrupted", self.corrupted)?;
        }
        if self.errors > 0 {
            write!(out, ", +{} errors", self.errors)?;
        }
        let elapsed_us = self.elapsed.as_micros();
        if self.transmitted > 0 {
            let lost = self.transmitted.saturating_sub(self.received) as f64;
            let loss = lost * 100.0 / self.transmitted as f64;
            write!(out, ", {}% packet loss", format_g(loss))?;
            write!(out, ", time {}ms", (elapsed_us + 500) / 1000)?;
        }
        writeln!(out)?;
        if self.received > 0 {
            let total = u128::from(self.received + self.duplicates);
            let avg = self.tsum / total;
            let var = (self.tsum2 - self.tsum * self.tsum / total) / total;
            let mdev = isqrt(var);
            let ms = |us: u128| format!("{}.{:03}", us / 1000, us % 1000);
            write!(
                out,
                "rtt min/avg/max/mdev = {}/{}/{}/{} ms",
                ms(self.tmin.into()),
                ms(avg),
                ms(self.tmax.into()),
                ms(mdev)
            )?;
            if flood && self.transmitted > 1 {
                let ipg = elapsed_us / u128::from(self.transmitted - 1);
                write!(out, ", ipg/ewma {}/{} ms", ms(ipg), ms(u128::from(self.ewma8 / 8)))?;
            }
        }
        writeln!(out)
    }
}

/// C's `printf("%g", x)` for a percentage (0 to 100): six significant digits, trailing zeros
/// removed (`33.3333`, `0`, `100`).
fn format_g(x: f64) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let digits = 5 - x.abs().log10().floor() as i32;
    let mut s = format!("{:.*}", digits.max(0) as usize, x);
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    s
}

/// The integer square root (iputils' `llsqrt`).
fn isqrt(a: u128) -> u128 {
    if a == 0 {
        return 0;
    }
    let (mut x, mut prev) = (a, u128::MAX);
    while x < prev {
        prev = x;
        x = (x + a / x) / 2;
    }
    prev.min(x)
}

/// iputils' reply time: three decimals below 1 ms, then two, one, none.
fn format_rtt(us: u64) -> String {
    if us >= 100_000 - 50 {
        format!("{}", (us + 500) / 1000)
    } else if us >= 10_000 - 5 {
        format!("{}.{}", (us + 50) / 1000, ((us + 50) % 1000) / 100)
    } else if us >= 1000 {
        format!("{}.{:02}", (us + 5) / 1000, ((us + 5) % 1000) / 10)
    } else {
        format!("0.{us:03}")
    }
}

/// What one received datagram turned out to be.
enum Reply {
    /// An echo reply to one of our requests.
    Echo {
        seq: u16,
        len: usize,
        ttl: Option<u8>,
        /// The send time the request carried, and the reply's receive time (ns since the epoch).
        sent_ns: u64,
        recv_ns: u64,
        from: IpAddr,
        bad_sum: bool,
    },
    /// An ICMP error that quotes one of our requests.
    Error { seq: u16, from: IpAddr, what: String },
    /// Someone else's: another ping's reply, our own request seen on loopback, ...
    NotOurs,
}

/// The send/receive loop and its state.
struct Pinger {
    sock: Socket,
    raw: bool,
    v6: bool,
    dest: SockAddr,
    target: IpAddr,
    source: Option<IpAddr>,
    ident: u16,
    count: Option<u64>,
    interval: Duration,
    linger: Duration,
    start: Instant,
    stats: Stats,
    /// One bit per sequence number: which replies came (for `(DUP!)`).
    seen: Vec<u64>,
    /// The request being sent: built once, its sequence, timestamp and checksum updated per
    /// request.
    request: [u8; 8 + DATALEN],
    buf: Vec<u8>,
    receiver: receive::Receiver,
}

impl Pinger {
    fn new(opts: &Opts, icmp: Icmp, target: IpAddr, source: Option<IpAddr>) -> Pinger {
        // A raw socket's identifier is ours to choose; a datagram socket's is the kernel's
        // (it overwrites this one).
        let ident = (process::id() as u16) ^ (realtime_ns() >> 10) as u16;
        let mut request = [0u8; 8 + DATALEN];
        // The data: bytes 0..8 hold the send time (see `send`), then 8.. as iputils fills them.
        let mut data = [0u8; DATALEN];
        for (i, b) in data.iter_mut().enumerate() {
            *b = i as u8;
        }
        let v6 = target.is_ipv6();
        if v6 {
            let repr = Icmpv6Repr::EchoRequest { ident, seq_no: 0, data: &data };
            // The kernel computes the ICMPv6 checksum on raw and datagram sockets; this one
            // (over the addresses we know) is correct when the source is the probe's.
            let ph = match (source, target) {
                (Some(IpAddr::V6(src)), IpAddr::V6(dst)) => PseudoHeader::V6 { src, dst },
                (_, IpAddr::V6(dst)) => PseudoHeader::V6 { src: dst, dst },
                _ => unreachable!("v6 target"),
            };
            repr.emit(&mut request, &ph).expect("the buffer fits the request");
        } else {
            let repr = Icmpv4Repr::EchoRequest { ident, seq_no: 0, data: &data };
            repr.emit(&mut request).expect("the buffer fits the request");
        }
        Pinger {
            sock: icmp.sock,
            raw: icmp.raw,
            v6,
            dest: SockAddr::from(std::net::SocketAddr::new(target, 0)),
            target,
            source,
            ident,
            count: opts.count,
            interval: opts.interval,
            linger: opts.linger,
            start: Instant::now(),
            stats: Stats::default(),
            seen: vec![0u64; 65_536 / 64],
            request,
            buf: vec![0u8; 4096],
            receiver: receive::Receiver::new(),
        }
    }

    /// Sends request number `self.stats.transmitted + 1`.
    fn send(&mut self, out: &mut impl Write) -> Result<()> {
        let seq = (self.stats.transmitted + 1) as u16;
        self.seen[usize::from(seq / 64)] &= !(1u64 << (seq % 64));
        let now_ns = realtime_ns();
        if self.v6 {
            let mut pkt = Icmpv6Packet::new_checked(&mut self.request[..])?;
            pkt.set_echo_seq_no(seq);
            pkt.data_mut()[..8].copy_from_slice(&now_ns.to_ne_bytes());
            if let (Some(IpAddr::V6(src)), IpAddr::V6(dst)) = (self.source, self.target) {
                pkt.fill_checksum(&PseudoHeader::V6 { src, dst });
            }
        } else {
            let mut pkt = Icmpv4Packet::new_checked(&mut self.request[..])?;
            pkt.set_echo_seq_no(seq);
            pkt.data_mut()[..8].copy_from_slice(&now_ns.to_ne_bytes());
            pkt.fill_checksum();
        }
        self.stats.transmitted += 1;
        self.stats.elapsed = self.start.elapsed();
        if let Err(e) = self.sock.sendto(&self.request, self.dest) {
            // iputils: a local error counts the request as sent and is reported, not fatal.
            out.flush()?;
            PROG.warn(e);
            self.stats.errors += 1;
        }
        Ok(())
    }

    /// Receives one datagram if there is one (never waits).
    fn recv(&mut self) -> Result<Option<Reply>> {
        let (n, from, meta) = match self.receiver.recv(&self.sock, &mut self.buf) {
            Ok(got) => got,
            Err(e) if e.is_would_block() || e.is_interrupted() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let Some(from) = from.as_socket().map(|sa| sa.ip()) else {
            return Ok(Some(Reply::NotOurs));
        };
        // The kernel's receive time, or (without one) now.
        let recv_ns = meta.stamp.map_or_else(realtime_ns, |t| t.as_nanos() as u64);
        let bytes = &self.buf[..n];
        Ok(Some(if self.v6 {
            self.parse_v6(bytes, from, meta.ttl, recv_ns)
        } else {
            self.parse_v4(bytes, from, meta.ttl, recv_ns)
        }))
    }

    fn parse_v4(&self, bytes: &[u8], from: IpAddr, ttl: Option<u8>, recv_ns: u64) -> Reply {
        // A raw socket's datagrams start with the IP header; a datagram socket's with ICMP.
        let (icmp_bytes, ttl) = if self.raw {
            let Ok(ip) = Ipv4Packet::new_checked(bytes) else { return Reply::NotOurs };
            if ip.protocol() != IpProtocol::ICMP {
                return Reply::NotOurs;
            }
            (&bytes[ip.header_len()..bytes.len().min(usize::from(ip.total_len()))], Some(ip.ttl()))
        } else {
            (bytes, ttl)
        };
        let Ok(icmp) = Icmpv4Packet::new_checked(icmp_bytes) else { return Reply::NotOurs };
        match icmp.msg_type() {
            ICMP_ECHOREPLY => {
                if self.raw && icmp.echo_ident() != self.ident {
                    return Reply::NotOurs;
                }
                Reply::Echo {
                    seq: icmp.echo_seq_no(),
                    len: icmp_bytes.len(),
                    ttl,
                    sent_ns: sent_time(icmp.data()),
                    recv_ns,
                    from,
                    bad_sum: !icmp.verify_checksum(),
                }
            }
            ICMP_DEST_UNREACH if self.raw => {
                self.quoted_v4(&icmp, from, unreachable_text(icmp.code(), icmp.next_hop_mtu()))
            }
            ICMP_TIME_EXCEEDED if self.raw => {
                let what = match icmp.code() {
                    0 => "Time to live exceeded",
                    _ => "Frag reassembly time exceeded",
                };
                self.quoted_v4(&icmp, from, what.to_owned())
            }
            _ => Reply::NotOurs,
        }
    }

    /// An ICMP error is ours when the IPv4 packet it quotes is one of our echo requests: to
    /// our target, with our identifier.
    fn quoted_v4(&self, icmp: &Icmpv4Packet<&[u8]>, from: IpAddr, what: String) -> Reply {
        let Ok(ip) = icmp.quoted_packet() else { return Reply::NotOurs };
        if ip.protocol() != IpProtocol::ICMP || IpAddr::V4(ip.dst_addr()) != self.target {
            return Reply::NotOurs;
        }
        // The quote holds at least the 8 bytes of the request's ICMP header.
        match Icmpv4Packet::new_checked(ip.payload()) {
            Ok(req) if req.msg_type() == ICMP_ECHO && req.echo_ident() == self.ident => {
                Reply::Error { seq: req.echo_seq_no(), from, what }
            }
            _ => Reply::NotOurs,
        }
    }

    fn parse_v6(&self, bytes: &[u8], from: IpAddr, ttl: Option<u8>, recv_ns: u64) -> Reply {
        let Ok(icmp) = Icmpv6Packet::new_checked(bytes) else { return Reply::NotOurs };
        if icmp.msg_type() != ICMP6_ECHO_REPLY || (self.raw && icmp.echo_ident() != self.ident) {
            return Reply::NotOurs;
        }
        // The kernel verified the checksum (raw and datagram ICMPv6 sockets drop bad ones).
        Reply::Echo {
            seq: icmp.echo_seq_no(),
            len: bytes.len(),
            ttl,
            sent_ns: sent_time(icmp.data()),
            recv_ns,
            from,
            bad_sum: false,
        }
    }

    /// Handles one received datagram: prints the reply line and updates the counters.
    fn handle(&mut self, reply: Reply, out: &mut impl Write) -> io::Result<()> {
        match reply {
            Reply::NotOurs => Ok(()),
            Reply::Error { seq, from, what } => {
                self.stats.errors += 1;
                writeln!(out, "From {from} icmp_seq={seq} {what}")
            }
            Reply::Echo { seq, len, ttl, sent_ns, recv_ns, from, bad_sum } => {
                // A timestamp from the future is no time at all (a corrupted reply).
                let rtt_us = recv_ns.saturating_sub(sent_ns) / 1000;
                let (word, bit) = (usize::from(seq / 64), 1u64 << (seq % 64));
                let dup = self.seen[word] & bit != 0;
                if bad_sum {
                    self.stats.corrupted += 1;
                } else {
                    if dup {
                        self.stats.duplicates += 1;
                    } else {
                        self.stats.received += 1;
                        self.seen[word] |= bit;
                    }
                    self.stats.add_rtt(rtt_us);
                }
                write!(out, "{len} bytes from {from}: icmp_seq={seq}")?;
                if let Some(ttl) = ttl {
                    write!(out, " ttl={ttl}")?;
                }
                write!(out, " time={} ms", format_rtt(rtt_us))?;
                if dup && !bad_sum {
                    write!(out, " (DUP!)")?;
                }
                if bad_sum {
                    write!(out, " (BAD CHECKSUM!)")?;
                }
                if from != self.target {
                    write!(out, " (DIFFERENT ADDRESS!)")?;
                }
                writeln!(out)
            }
        }
    }

    /// Requests not yet answered (or failed).
    fn in_flight(&self) -> u64 {
        self.stats.transmitted.saturating_sub(self.stats.received + self.stats.errors)
    }

    fn all_sent(&self) -> bool {
        self.count.is_some_and(|c| self.stats.transmitted >= c)
    }

    fn done(&self) -> bool {
        self.count.is_some_and(|c| self.stats.received + self.stats.errors >= c)
    }

    /// Sends, receives and waits until the count is reached, the wait after the last request
    /// is over, or Ctrl-C.
    fn run(&mut self, out: &mut impl Write, wake: Option<&Socket>) -> Result<Stats> {
        self.start = Instant::now();
        let mut next_send = self.start;
        let mut last_send = self.start;
        // Set when the last request has gone: the end of the wait for its reply.
        let mut deadline: Option<Instant> = None;
        loop {
            let now = Instant::now();
            // (The deadline is checked here too: a stream of other programs' ICMP must not
            // keep us past it.)
            if interrupt::hit() || self.done() || deadline.is_some_and(|d| now >= d) {
                break;
            }
            if !self.all_sent() {
                let due = if self.interval.is_zero() {
                    self.in_flight() == 0 || now >= last_send + FLOOD_WAIT
                } else {
                    now >= next_send
                };
                if due {
                    self.send(out)?;
                    last_send = now;
                    next_send = now + self.interval;
                    if self.all_sent() {
                        deadline = Some(now + self.final_wait());
                    }
                }
            }
            // Whatever has arrived, without waiting.
            if self.in_flight() > 0 || self.count.is_none() {
                if let Some(reply) = self.recv()? {
                    self.handle(reply, out)?;
                    // Each line at once, except in flood mode (there: when we next wait).
                    if !self.interval.is_zero() {
                        out.flush()?;
                    }
                    continue;
                }
            }
            let now = Instant::now();
            let until = match deadline {
                Some(d) if now >= d => break,
                Some(d) => d,
                None if self.interval.is_zero() => {
                    if self.in_flight() == 0 {
                        continue;
                    }
                    last_send + FLOOD_WAIT
                }
                None => next_send,
            };
            // Nothing to do until a reply comes or the next request is due: show what we have
            // and sleep in poll.
            out.flush()?;
            self.wait(wake, until.saturating_duration_since(now))?;
        }
        out.flush()?;
        Ok(std::mem::take(&mut self.stats))
    }

    /// How long to wait after the last request (iputils: twice the longest round trip, at
    /// least an interval, once a reply has come; `-W` otherwise).
    fn final_wait(&self) -> Duration {
        if self.stats.received > 0 {
            Duration::from_micros(2 * self.stats.tmax).max(self.interval)
        } else {
            self.linger
        }
    }

    /// Waits up to `timeout` for a datagram (or Ctrl-C).
    fn wait(&self, wake: Option<&Socket>, timeout: Duration) -> Result<()> {
        match wake {
            Some(wake) => {
                let mut fds =
                    [PollFd::new(&self.sock, PollFlags::IN), PollFd::new(wake, PollFlags::IN)];
                poll(&mut fds, Some(timeout))?;
            }
            None => {
                let mut fds = [PollFd::new(&self.sock, PollFlags::IN)];
                poll(&mut fds, Some(timeout))?;
            }
        }
        Ok(())
    }
}

/// Now, in nanoseconds since the Unix epoch (`CLOCK_REALTIME`, the clock of the kernel's
/// receive timestamps).
fn realtime_ns() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
}

/// The send time a request carried in its first 8 data bytes (0 if the reply is too short).
fn sent_time(data: &[u8]) -> u64 {
    match data.get(..8) {
        Some(b) => u64::from_ne_bytes(b.try_into().expect("8 bytes")),
        None => 0,
    }
}

/// iputils' words for ICMP destination unreachable codes.
fn unreachable_text(code: u8, mtu: u16) -> String {
    match code {
        0 => "Destination Net Unreachable".to_owned(),
        1 => "Destination Host Unreachable".to_owned(),
        2 => "Destination Protocol Unreachable".to_owned(),
        3 => "Destination Port Unreachable".to_owned(),
        4 => format!("Frag needed and DF set (mtu = {mtu})"),
        5 => "Source Route Failed".to_owned(),
        6 => "Destination Net Unknown".to_owned(),
        7 => "Destination Host Unknown".to_owned(),
        8 => "Source Host Isolated".to_owned(),
        9 => "Destination Net Prohibited".to_owned(),
        10 => "Destination Host Prohibited".to_owned(),
        11 => "Destination Net Unreachable for Type of Service".to_owned(),
        12 => "Destination Host Unreachable for Type of Service".to_owned(),
        13 => "Packet filtered".to_owned(),
        14 => "Precedence Violation".to_owned(),
        15 => "Precedence Cutoff".to_owned(),
        _ => format!("Dest Unreachable, Bad Code: {code}"),
    }
}

/// Receiving a datagram with what the kernel knows about it: the TTL (IPv6: hop limit) of a
/// reply that comes without its IP header, and the time it arrived.
mod receive {
    use std::time::Duration;

    use berkeley::{SockAddr, Socket};

    /// What came with a datagram.
    #[derive(Debug, Default)]
    pub struct Meta {
        /// `IP_TTL` / `IPV6_HOPLIMIT`.
        pub ttl: Option<u8>,
        /// When the kernel received it, since the Unix epoch (`SO_TIMESTAMPNS`).
        pub stamp: Option<Duration>,
    }

    /// Turns the control messages on: the TTL where no IP header comes with the replies
    /// (datagram sockets, and IPv6 where raw sockets get none either), and receive times.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub fn enable(sock: &Socket, v6: bool, raw: bool) -> berkeley::Result<()> {
        use berkeley::sockopt::{IpRecvTtl, Ipv6RecvHopLimit, SoTimestampNs};
        if v6 {
            sock.setsockopt(Ipv6RecvHopLimit, true)?;
        } else if !raw {
            sock.setsockopt(IpRecvTtl, true)?;
        }
        sock.setsockopt(SoTimestampNs, true)
    }

    /// FreeBSD and Apple systems: the same, with microsecond `SO_TIMESTAMP`.
    #[cfg(any(target_os = "freebsd", target_vendor = "apple"))]
    pub fn enable(sock: &Socket, v6: bool, raw: bool) -> berkeley::Result<()> {
        use berkeley::sockopt::{IpRecvTtl, Ipv6RecvHopLimit, SoTimestamp};
        if v6 {
            sock.setsockopt(Ipv6RecvHopLimit, true)?;
        } else if !raw {
            sock.setsockopt(IpRecvTtl, true)?;
        }
        sock.setsockopt(SoTimestamp, true)
    }

    /// Elsewhere: no control messages (no TTL without an IP header; the time is read after
    /// the receive).
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_vendor = "apple"
    )))]
    pub fn enable(_sock: &Socket, _v6: bool, _raw: bool) -> berkeley::Result<()> {
        Ok(())
    }

    /// Receives with `recvmsg` into a control buffer made once (no allocation per reply).
    #[cfg(unix)]
    #[derive(Debug)]
    pub struct Receiver {
        cmsg: berkeley::CmsgBuffer,
    }

    #[cfg(unix)]
    impl Receiver {
        /// Room for one of every fixed-size control message.
        pub fn new() -> Receiver {
            Receiver { cmsg: berkeley::CmsgBuffer::new() }
        }

        /// One datagram into `buf` (never waits: `MSG_DONTWAIT`): its length, sender and
        /// control messages.
        pub fn recv(
            &mut self,
            sock: &Socket,
            buf: &mut [u8],
        ) -> berkeley::Result<(usize, SockAddr, Meta)> {
            use berkeley::Cmsg;
            use std::io::IoSliceMut;
            let got = sock.recvmsg(
                &mut [IoSliceMut::new(buf)],
                &mut self.cmsg,
                berkeley::MsgFlags::DONTWAIT,
            )?;
            let mut meta = Meta::default();
            for m in self.cmsg.messages() {
                match m {
                    Ok(Cmsg::IpTtl(ttl) | Cmsg::Ipv6HopLimit(ttl)) => meta.ttl = Some(ttl),
                    Ok(Cmsg::Timestamp(t)) => meta.stamp = Some(t),
                    _ => {}
                }
            }
            Ok((got.len, got.addr, meta))
        }
    }

    /// Windows: `recvfrom` on the non-blocking socket; no control messages.
    #[cfg(not(unix))]
    #[derive(Debug)]
    pub struct Receiver;

    #[cfg(not(unix))]
    impl Receiver {
        pub fn new() -> Receiver {
            Receiver
        }

        pub fn recv(
            &mut self,
            sock: &Socket,
            buf: &mut [u8],
        ) -> berkeley::Result<(usize, SockAddr, Meta)> {
            let (n, from) = sock.recvfrom(buf)?;
            Ok((n, from, Meta::default()))
        }
    }
}

/// Ctrl-C: a SIGINT handler that sets a flag and wakes the `poll` through a socket pair.
#[cfg(unix)]
mod interrupt {
    use std::os::fd::IntoRawFd;
    use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

    use berkeley::{Domain, Protocol, Socket, Type};

    static HIT: AtomicBool = AtomicBool::new(false);
    static WAKE_FD: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_sigint(_signo: libc::c_int) {
        // Only async-signal-safe work here: an atomic store and write(2).
        HIT.store(true, Ordering::SeqCst);
        let fd = WAKE_FD.load(Ordering::SeqCst);
        if fd >= 0 {
            let byte = 1u8;
            // SAFETY: `fd` is the write end of the socket pair, open for the whole process
            // (never closed); the buffer is one valid byte on this stack frame.
            unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
        }
    }

    /// Whether Ctrl-C was pressed.
    pub fn hit() -> bool {
        HIT.load(Ordering::SeqCst)
    }

    /// Installs the handler; returns the socket to `poll` for the wake-up byte.
    pub fn install() -> berkeley::Result<Option<Socket>> {
        let (read_end, write_end) =
            Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
        write_end.set_nonblocking(true)?;
        // The write end stays open until the process exits: the handler may run at any time.
        WAKE_FD.store(write_end.into_raw_fd(), Ordering::SeqCst);
        // SAFETY: a zeroed sigaction is a valid "no flags, empty mask" value to fill in.
        let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
        action.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: `action.sa_mask` is a valid sigset_t owned by this frame.
        unsafe { libc::sigemptyset(&mut action.sa_mask) };
        // No SA_RESTART: nothing here relies on it (poll is never restarted anyway).
        // SAFETY: `action` is fully initialised and the handler only does async-signal-safe
        // work; the old action is not asked for (null).
        if unsafe { libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut()) } != 0 {
            return Err(std::io::Error::last_os_error().into());
        }
        Ok(Some(read_end))
    }
}

/// Windows: no Ctrl-C statistics (the console handler would need a new windows-sys feature).
#[cfg(not(unix))]
mod interrupt {
    use berkeley::Socket;

    pub fn hit() -> bool {
        false
    }

    pub fn install() -> berkeley::Result<Option<Socket>> {
        Ok(None)
    }
}

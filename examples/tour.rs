//! `tour` — the Berkeley socket API in one run: conversions, socket addresses byte by byte, and
//! real sockets over loopback. Each line shows the C expression and what berkeley returns.
//!
//! ```text
//! $ cargo run --example tour
//! ```
//!
//! No arguments, no privileges, no network beyond loopback; it finishes in well under a second.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use berkeley::sockopt::RcvTimeo;
use berkeley::{ether_aton, ether_ntoa, htonl, htons, ntohl, ntohs};
use berkeley::{inet_addr, inet_aton, inet_ntoa, inet_ntop, inet_pton, inet_pton6};
use berkeley::{Domain, Protocol, Shutdown, SockAddr, SockAddrIn, SockAddrIn6, Socket, Type};
use common::{Prog, Result};

const PROG: Prog = Prog {
    name: "tour",
    usage: "\
usage: tour

A guided run through the Berkeley socket API: byte order, inet_aton/inet_ntoa,
inet_pton/inet_ntop, ether_aton/ether_ntoa, socket addresses byte by byte, then a TCP echo,
a UDP round trip and a UNIX socketpair over loopback, then getaddrinfo, getservbyname and
gethostname (from the local files: no DNS). Needs no privileges and no network beyond loopback.
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    if !args.is_empty() {
        PROG.usage_error("tour takes no arguments");
    }
    let mut out = String::new();
    out.push_str(
        "berkeley tour: the socket API, call by call (C on the left, result on the right)\n",
    );
    byte_order(&mut out);
    ipv4_text(&mut out);
    pton_ntop(&mut out)?;
    ethernet(&mut out)?;
    sockaddrs(&mut out)?;
    common::emit(out.as_bytes())?;
    // The socket sections print as they go, so a failure shows how far the tour got.
    tcp_echo()?;
    udp_round_trip()?;
    #[cfg(unix)]
    unix_pair()?;
    name_services()?;
    common::emit_line("\ndone.")
}

/// `7f 00 00 01`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

fn heading(out: &mut String, title: &str) {
    out.push_str(&format!("\n== {title} ==\n"));
}

/// One `C expression  ->  result` line, aligned.
fn row(out: &mut String, c: &str, result: impl std::fmt::Display) {
    out.push_str(&format!("  {c:<44} {result}\n"));
}

fn byte_order(out: &mut String) {
    heading(out, "byte order: htons, htonl, ntohs, ntohl");
    let host = if cfg!(target_endian = "little") { "little-endian" } else { "big-endian" };
    out.push_str(&format!(
        "  this host is {host}; network byte order is big-endian (most significant byte first)\n"
    ));
    let s = htons(0x1234);
    row(
        out,
        "htons(0x1234)",
        format_args!("= {s:#06x}      bytes in memory: {}", hex(&s.to_ne_bytes())),
    );
    let l = htonl(0x7f00_0001);
    row(
        out,
        "htonl(0x7f000001)",
        format_args!("= {l:#010x}  bytes in memory: {}", hex(&l.to_ne_bytes())),
    );
    row(out, "ntohs(htons(8080))", format_args!("= {}", ntohs(htons(8080))));
    row(
        out,
        "ntohl(htonl(INADDR_LOOPBACK))",
        format_args!("= {:#010x}", ntohl(htonl(0x7f00_0001))),
    );
}

fn ipv4_text(out: &mut String) {
    heading(out, "inet_aton / inet_ntoa: IPv4 text <-> struct in_addr");
    out.push_str(
        "  inet_aton takes the old BSD forms too: 1 to 4 parts, octal (0) and hex (0x) parts;\n",
    );
    out.push_str("  the last part fills the bytes that are left.\n");
    let cases: &[(&str, &str)] = &[
        ("127.0.0.1", "a.b.c.d: one byte each"),
        ("127.1", "a.b: b fills the last three bytes"),
        ("0x7f.1", "a hex part"),
        ("0177.0.0.01", "leading 0 means octal"),
        ("3232235777", "one part: all 32 bits"),
        ("256.1.1.1", "a part does not fit its byte"),
        ("1.2.3.4.5", "too many parts"),
    ];
    for (text, note) in cases {
        let c = format!("inet_aton(\"{text}\", &in)");
        match inet_aton(text) {
            Ok(ip) => {
                row(out, &c, format_args!("= 1, s_addr bytes {} ({ip})  {note}", hex(&ip.octets())))
            }
            Err(e) => row(out, &c, format_args!("= 0 (error: {e})  {note}")),
        }
    }
    let net = inet_addr("10.1").map_or_else(|| "none".to_string(), |v| format!("{v:#010x}"));
    row(out, "inet_addr(\"10.1\")", format_args!("= {net} (network order: bytes 0a 00 00 01)"));
    let ip = Ipv4Addr::from(0xc0a8_0001);
    row(
        out,
        "inet_ntoa((struct in_addr){ htonl(0xc0a80001) })",
        format_args!("= \"{}\"", inet_ntoa(ip)),
    );
}

fn pton_ntop(out: &mut String) -> Result<()> {
    heading(out, "inet_pton / inet_ntop: IPv4 and IPv6, strict");
    match inet_pton(Domain::INET, "127.1") {
        Ok(ip) => row(out, "inet_pton(AF_INET, \"127.1\", &a)", format_args!("= 1 ({ip})")),
        Err(e) => row(
            out,
            "inet_pton(AF_INET, \"127.1\", &a)",
            format_args!("= 0 (error: {e}): only a.b.c.d, unlike inet_aton"),
        ),
    }
    let mapped = inet_pton6("::ffff:1.2.3.4")?;
    row(
        out,
        "inet_pton(AF_INET6, \"::ffff:1.2.3.4\", &a6)",
        format_args!("= 1, bytes {}", hex(&mapped.octets())),
    );
    row(
        out,
        "inet_ntop(AF_INET6, &a6, buf, sizeof buf)",
        format_args!("= \"{}\"  (IPv4-mapped: last 32 bits dotted)", inet_ntop(IpAddr::V6(mapped))),
    );
    let long = "2001:0db8:0000:0000:0000:0000:0000:0001";
    let ip = inet_pton6(long)?;
    row(out, &format!("inet_pton(AF_INET6, \"{long}\")"), "= 1");
    row(
        out,
        "inet_ntop(AF_INET6, ...)",
        format_args!(
            "= \"{}\"  (leading zeros dropped, longest zero run as ::)",
            inet_ntop(IpAddr::V6(ip))
        ),
    );
    let two_runs = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1);
    row(
        out,
        "inet_ntop(AF_INET6, 2001:db8:0:0:1:0:0:1)",
        format_args!(
            "= \"{}\"  (equal runs: the first one is compressed)",
            inet_ntop(IpAddr::V6(two_runs))
        ),
    );
    let v4 = inet_ntop(IpAddr::V4(Ipv4Addr::LOCALHOST));
    row(out, "inet_ntop(AF_INET, &loopback, ...)", format_args!("= \"{v4}\""));
    Ok(())
}

fn ethernet(out: &mut String) -> Result<()> {
    heading(out, "ether_aton / ether_ntoa: MAC addresses");
    let mac = ether_aton("00:1A:2b:3c:4d:5e")?;
    row(out, "ether_aton(\"00:1A:2b:3c:4d:5e\")", format_args!("-> bytes {}", hex(&mac.octets())));
    row(
        out,
        "ether_ntoa(mac)",
        format_args!("= \"{}\"  (glibc: no leading zeros)", ether_ntoa(mac)),
    );
    row(
        out,
        "MacAddr Display (format!(\"{mac}\"))",
        format_args!("= \"{mac}\"  (canonical: two digits)"),
    );
    let short = ether_aton("0:1a:2b:3c:4d:5e")?;
    row(
        out,
        "ether_aton(\"0:1a:2b:3c:4d:5e\")",
        format_args!("-> same address: {}", if short == mac { "yes" } else { "no" }),
    );
    match ether_aton("00:1a:2b:3c:4d") {
        Ok(m) => row(out, "ether_aton(\"00:1a:2b:3c:4d\")", m),
        Err(e) => row(out, "ether_aton(\"00:1a:2b:3c:4d\")", format_args!("= NULL (error: {e})")),
    }
    Ok(())
}

/// A hex dump of a sockaddr with one line per field: `offset  bytes  field`.
fn dump(out: &mut String, bytes: &[u8], fields: &[(usize, usize, String)]) {
    out.push_str(&format!("    {} bytes: {}\n", bytes.len(), hex(bytes)));
    for (off, len, what) in fields {
        let end = (off + len).min(bytes.len());
        let part = bytes.get(*off..end).unwrap_or(&[]);
        out.push_str(&format!("    {off:>3}  {:<48} {what}\n", hex(part)));
    }
}

/// How the first two bytes of a sockaddr are laid out on this OS.
fn family_field(prefix: &str, family: &str, bytes: &[u8]) -> (usize, usize, String) {
    if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        let len = bytes.first().copied().unwrap_or(0);
        (0, 2, format!("{prefix}_len = {len}, {prefix}_family = {family} (one byte each on BSD)"))
    } else {
        let value = bytes.get(..2).map_or(0, |b| u16::from_ne_bytes([b[0], b[1]]));
        (0, 2, format!("{prefix}_family = {family} ({value}, host byte order)"))
    }
}

fn sockaddrs(out: &mut String) -> Result<()> {
    heading(out, "socket addresses, byte by byte (SockAddr::as_bytes)");
    out.push_str("  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(8080),\n");
    out.push_str("                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };\n");
    out.push_str("  berkeley: SockAddrIn::new(Ipv4Addr::LOCALHOST, 8080)\n");
    let sin = SockAddr::from(SockAddrIn::new(Ipv4Addr::LOCALHOST, 8080));
    let b = sin.as_bytes();
    dump(
        out,
        b,
        &[
            family_field("sin", "AF_INET", b),
            (2, 2, "sin_port = htons(8080): network byte order".to_string()),
            (4, 4, "sin_addr = 127.0.0.1".to_string()),
            (8, 8, "sin_zero: padding, always zero".to_string()),
        ],
    );
    let std_addr = sin.as_socket().map(|a| a.to_string()).unwrap_or_default();
    let back = sin.as_socket().map(SockAddr::from);
    row(
        out,
        "SockAddr -> std::net::SocketAddr -> SockAddr",
        format_args!("{std_addr}, same bytes: {}", if back == Some(sin) { "yes" } else { "no" }),
    );

    out.push_str("\n  struct sockaddr_in6 for [::1]:8080 (SockAddrIn6::new(Ipv6Addr::LOCALHOST, 8080, 0, 0))\n");
    let sin6 = SockAddr::from(SockAddrIn6::new(Ipv6Addr::LOCALHOST, 8080, 0, 0));
    let b = sin6.as_bytes();
    dump(
        out,
        b,
        &[
            family_field("sin6", "AF_INET6", b),
            (2, 2, "sin6_port = htons(8080)".to_string()),
            (4, 4, "sin6_flowinfo".to_string()),
            (8, 16, "sin6_addr = ::1".to_string()),
            (24, 4, "sin6_scope_id".to_string()),
        ],
    );
    row(out, "Display", sin6);

    #[cfg(unix)]
    {
        use berkeley::SockAddrUn;

        out.push_str(
            "\n  struct sockaddr_un for \"/tmp/tour.sock\" (SockAddrUn::new(\"/tmp/tour.sock\"))\n",
        );
        let sun = SockAddr::from(SockAddrUn::new("/tmp/tour.sock")?);
        let b = sun.as_bytes();
        dump(
            out,
            b,
            &[
                family_field("sun", "AF_UNIX", b),
                (
                    2,
                    b.len().saturating_sub(2),
                    "sun_path = \"/tmp/tour.sock\" (the length says where it ends)".to_string(),
                ),
            ],
        );
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            out.push_str("\n  Linux abstract name \"@tour\" (SockAddrUn::new_abstract(b\"tour\")): sun_path starts with NUL\n");
            let abs = SockAddr::from(SockAddrUn::new_abstract(b"tour")?);
            let b = abs.as_bytes();
            dump(
                out,
                b,
                &[
                    family_field("sun", "AF_UNIX", b),
                    (
                        2,
                        b.len().saturating_sub(2),
                        "sun_path = \"\\0tour\" (no file in the filesystem)".to_string(),
                    ),
                ],
            );
            row(out, "Display", abs);
        }
        let too_long = "/tmp/".to_string() + &"x".repeat(200);
        match SockAddrUn::new(&too_long) {
            Ok(_) => row(out, "SockAddrUn::new(<205-byte path>)", "accepted"),
            Err(e) => row(out, "SockAddrUn::new(<205-byte path>)", format_args!("error: {e}")),
        }
    }
    Ok(())
}

fn tcp_echo() -> Result<()> {
    let mut out = String::new();
    heading(&mut out, "TCP echo over loopback");
    let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    row(
        &mut out,
        "l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)",
        format_args!("-> {}", handle(&listener)),
    );
    listener.bind("127.0.0.1:0")?; // text, a SockAddr, a std SocketAddr, (ip, port): all work
    listener.listen(8)?;
    let server_addr = listener.getsockname()?;
    row(&mut out, "bind(l, 127.0.0.1:0); listen(l, 8)", "-> ok (port 0: the kernel picks one)");
    row(&mut out, "getsockname(l)", server_addr);

    let client = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    client.setsockopt(RcvTimeo, Some(Duration::from_secs(5)))?;
    client.connect(server_addr)?;
    row(
        &mut out,
        &format!("c = socket(...); connect(c, {server_addr})"),
        "-> ok (the kernel finishes the handshake)",
    );
    row(&mut out, "getsockname(c)", client.getsockname()?);

    let (conn, peer) = listener.accept()?;
    conn.setsockopt(RcvTimeo, Some(Duration::from_secs(5)))?;
    row(&mut out, "s = accept(l, &peer, &len)", format_args!("-> peer {peer}"));

    let msg = b"hello, TCP";
    let n = client.send(msg)?;
    row(&mut out, "send(c, \"hello, TCP\", 10, 0)", format_args!("= {n}"));
    let mut buf = [0u8; 64];
    let n = conn.recv(&mut buf)?;
    row(
        &mut out,
        "recv(s, buf, sizeof buf, 0)",
        format_args!("= {n}: {:?}", String::from_utf8_lossy(&buf[..n])),
    );
    conn.sendall(&buf[..n])?;
    row(&mut out, "send(s, buf, n, 0)", "(echo it back)");
    let mut echo = Vec::new();
    while echo.len() < msg.len() {
        let k = client.recv(&mut buf)?;
        if k == 0 {
            break;
        }
        echo.extend_from_slice(&buf[..k]);
    }
    row(
        &mut out,
        "recv(c, buf, sizeof buf, 0)",
        format_args!("= {}: {:?}", echo.len(), String::from_utf8_lossy(&echo)),
    );
    client.shutdown(Shutdown::WRITE)?;
    let eof = conn.recv(&mut buf)?;
    row(
        &mut out,
        "shutdown(c, SHUT_WR); recv(s, ...)",
        format_args!("= {eof} (end of file: the client is done)"),
    );
    conn.close()?;
    client.close()?;
    listener.close()?;
    row(&mut out, "close(s); close(c); close(l)", "-> ok");
    common::emit(out.as_bytes())
}

fn udp_round_trip() -> Result<()> {
    let mut out = String::new();
    heading(&mut out, "UDP round trip over loopback");
    let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    let b = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    for s in [&a, &b] {
        s.bind((Ipv4Addr::LOCALHOST, 0))?; // an (ip, port) pair, like Python's ("127.0.0.1", 0)
        s.setsockopt(RcvTimeo, Some(Duration::from_secs(5)))?;
    }
    let (a_addr, b_addr) = (a.getsockname()?, b.getsockname()?);
    row(&mut out, "a, b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)", "-> two sockets");
    row(
        &mut out,
        "bind(a, 127.0.0.1:0); bind(b, 127.0.0.1:0)",
        format_args!("-> a is {a_addr}, b is {b_addr}"),
    );
    let n = a.sendto(b"ping", b_addr)?;
    row(&mut out, &format!("sendto(a, \"ping\", 4, 0, {b_addr})"), format_args!("= {n}"));
    let mut buf = [0u8; 64];
    let (n, from) = b.recvfrom(&mut buf)?;
    row(
        &mut out,
        "recvfrom(b, buf, sizeof buf, 0, &from, &len)",
        format_args!("= {n}: {:?} from {from}", String::from_utf8_lossy(&buf[..n])),
    );
    b.sendto(b"pong", from)?;
    let (n, from) = a.recvfrom(&mut buf)?;
    row(
        &mut out,
        "sendto(b, \"pong\", from); recvfrom(a, ...)",
        format_args!("= {n}: {:?} from {from}", String::from_utf8_lossy(&buf[..n])),
    );
    common::emit(out.as_bytes())
}

/// `fd 3` (Unix) or `SOCKET 356` (Windows): the OS handle inside a `Socket`.
fn handle(sock: &Socket) -> String {
    #[cfg(unix)]
    return format!("fd {}", std::os::fd::AsRawFd::as_raw_fd(sock));
    #[cfg(windows)]
    return format!("SOCKET {}", std::os::windows::io::AsRawSocket::as_raw_socket(sock));
}

#[cfg(unix)]
fn unix_pair() -> Result<()> {
    let mut out = String::new();
    heading(&mut out, "UNIX socketpair");
    let (a, b) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
    row(
        &mut out,
        "socketpair(AF_UNIX, SOCK_STREAM, 0, sv)",
        format_args!("-> {} and {}: connected, no address needed", handle(&a), handle(&b)),
    );
    b.setsockopt(RcvTimeo, Some(Duration::from_secs(5)))?;
    a.sendall(b"through the pair")?;
    let mut buf = [0u8; 64];
    let n = b.recv(&mut buf)?;
    row(
        &mut out,
        "send(sv[0], \"through the pair\"); recv(sv[1], ...)",
        format_args!("= {n}: {:?}", String::from_utf8_lossy(&buf[..n])),
    );
    row(&mut out, "getsockname(sv[0])", a.getsockname()?);
    common::emit(out.as_bytes())
}

/// `getaddrinfo`, `getservbyname`, `gethostname`: names from /etc/hosts and /etc/services.
fn name_services() -> Result<()> {
    use berkeley::netdb::{getaddrinfo, gethostname, getservbyname, AddrInfoHints};
    let mut out = String::new();
    heading(&mut out, "name services");
    let hints = AddrInfoHints::new().family(Domain::INET).socktype(Type::STREAM);
    let first = getaddrinfo(Some("localhost"), Some("http"), &hints)?
        .next()
        .map(|ai| ai.addr().to_string())
        .unwrap_or_else(|| "(no address)".to_owned());
    row(
        &mut out,
        "getaddrinfo(\"localhost\", \"http\", {AF_INET, SOCK_STREAM})",
        format_args!("-> {first}"),
    );
    row(
        &mut out,
        "getservbyname(\"http\", \"tcp\")",
        format_args!("-> port {}", getservbyname("http", "tcp")?),
    );
    row(&mut out, "gethostname()", format_args!("-> {:?}", gethostname()?));
    common::emit(out.as_bytes())
}

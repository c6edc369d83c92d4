//! `chat [--udp] PORT` (server) / `chat [--udp] HOST PORT` (client) — a two-person line chat.
//!
//! ```text
//! $ cargo run --example chat -- 7000                 # one terminal
//! listening on 0.0.0.0:7000
//! $ cargo run --example chat -- 127.0.0.1 7000       # another
//! ```
//!
//! Both sides send the lines they read from stdin and print the other side's lines as
//! `peer: LINE`. A chat waits on two things at once — the keyboard and the socket — so a
//! thread reads stdin and sends, while the main thread receives and prints (a thread works
//! everywhere, also where stdin cannot be `poll`ed, as on Windows).
//!
//! - TCP: the server `bind`s `0.0.0.0:PORT` (or the `HOST:PORT` it is given), `listen`s and `accept`s one peer, then closes its
//!   listening socket. When stdin ends, a side `shutdown(SHUT_WR)`s: the peer reads end-of-file,
//!   says so and exits, which closes the connection, and the first side exits in turn.
//! - UDP (`--udp`): there is no connection. The server learns its peer from the first datagram
//!   (`recvfrom` returns the sender); lines typed before that are held back and sent then. The
//!   client `connect`s its UDP socket, which only fixes the peer address. One datagram carries
//!   one line; an empty datagram means "I am done", standing in for TCP's end-of-file.
//!
//! Hosts are numeric (`127.0.0.1`, `127.1`, `::1`) or names (`localhost`, looked up with `getaddrinfo`).

mod common;

use std::io::{self, BufRead, ErrorKind};
use std::net::Ipv4Addr;
use std::process;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use berkeley::sockopt::ReuseAddr;
use berkeley::{Protocol, Shutdown, SockAddr, SockAddrIn, Socket, Type};
use common::{msg, Prog, Result};

const PROG: Prog = Prog {
    name: "chat",
    usage: "\
usage: chat [--udp] PORT          (server: waits for one peer on 0.0.0.0:PORT)
       chat [--udp] HOST:PORT     (server on one address only, e.g. 127.0.0.1:7000)
       chat [--udp] HOST PORT     (client: talks to the server at HOST:PORT)

A line chat over TCP (default) or UDP. Both sides send their stdin lines and print the
peer's lines as `peer: LINE`. The server prints `listening on ADDR` once ready. A side exits
when the peer has left; when stdin ends, it tells the peer, which then leaves.

  --udp   use UDP datagrams instead of a TCP connection
  PORT    port number (0 lets the OS choose)
  HOST    IPv4 or IPv6 address or host name (IPv6 in brackets in HOST:PORT: [::1]:7000)
",
};

/// A line longer than this is printed in pieces rather than buffered without bound.
const MAX_LINE: usize = 64 * 1024;

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let mut udp = false;
    let mut positional = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--udp" => udp = true,
            a if a.starts_with('-') && a.len() > 1 && a.parse::<i64>().is_err() => {
                PROG.usage_error(&format!("unknown option {a:?}"))
            }
            _ => positional.push(arg),
        }
    }
    let ty = if udp { Type::DGRAM } else { Type::STREAM };
    let proto = if udp { Protocol::UDP } else { Protocol::TCP };
    match positional.as_slice() {
        [port] => {
            // `PORT` binds every interface, like the classic course server; `HOST:PORT` binds one
            // address (`127.0.0.1:0` keeps a test on loopback).
            let addr = if port.contains(':') {
                common::parse_addr(port)?
            } else {
                SockAddr::from(SockAddrIn::new(Ipv4Addr::UNSPECIFIED, common::parse_port(port)?))
            };
            let sock = Socket::new(addr.family(), ty, proto)?;
            if udp {
                sock.bind(addr)?;
                common::announce(&sock.getsockname()?)?;
                chat_udp(sock, None)
            } else {
                sock.setsockopt(ReuseAddr, true)?;
                sock.bind(addr)?;
                sock.listen(1)?;
                common::announce(&sock.getsockname()?)?;
                let (conn, peer) = sock.accept()?;
                // One peer only: later callers are refused.
                drop(sock);
                PROG.log(format_args!("connected {peer}"));
                chat_tcp(conn)
            }
        }
        [host, port] => {
            let port = common::parse_port(port)?;
            let addr = common::parse_host(host, port)
                .map_err(|e| msg(format!("bad host {host:?}: {e}")))?;
            let sock = Socket::new(addr.family(), ty, proto)?;
            sock.connect(addr)?;
            if udp {
                chat_udp(sock, Some(addr))
            } else {
                PROG.log(format_args!("connected to {addr}"));
                chat_tcp(sock)
            }
        }
        [] => PROG.usage_error("missing PORT"),
        _ => PROG.usage_error("too many arguments"),
    }
}

/// Calls `each` with every line of stdin (without its `\n`), then returns at end of input.
fn read_stdin_lines(mut each: impl FnMut(&[u8])) {
    let mut stdin = io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        match stdin.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => each(common::chomp(&line)),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => {
                PROG.warn(format_args!("stdin: {e}"));
                return;
            }
        }
    }
}

/// Prints `peer: LINE`.
fn print_peer_line(line: &[u8]) -> Result<()> {
    let mut out = Vec::with_capacity(line.len() + 7);
    out.extend_from_slice(b"peer: ");
    out.extend_from_slice(line);
    out.push(b'\n');
    common::emit(&out)
}

/// The peer has gone: say so on stderr and exit with 0. (`process::exit`, because the stdin
/// thread may be blocked reading a terminal.)
fn peer_left(how: &str) -> ! {
    PROG.log(format_args!("peer {how}"));
    process::exit(0)
}

fn chat_tcp(sock: Socket) -> Result<()> {
    let sock = Arc::new(sock);
    let sender = Arc::clone(&sock);
    thread::spawn(move || {
        let mut failed = false;
        read_stdin_lines(|line| {
            if failed {
                return;
            }
            let mut out = Vec::with_capacity(line.len() + 1);
            out.extend_from_slice(line);
            out.push(b'\n');
            if let Err(e) = sender.sendall(&out) {
                // The receiving side will see the connection end and exit.
                PROG.warn(&e);
                failed = true;
            }
        });
        // End of stdin: half-close, so the peer reads end-of-file (and leaves).
        if !failed {
            if let Err(e) = sender.shutdown(Shutdown::WRITE) {
                PROG.warn(&e);
            }
        }
    });

    // TCP is a byte stream: a recv may hold part of a line or several lines.
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = sock.recv(&mut buf)?;
        if n == 0 {
            if !pending.is_empty() {
                print_peer_line(&pending)?;
            }
            peer_left("closed the connection");
        }
        pending.extend_from_slice(&buf[..n]);
        while let Some(end) = pending.iter().position(|&b| b == b'\n') {
            print_peer_line(common::chomp(&pending[..=end]))?;
            pending.drain(..=end);
        }
        if pending.len() > MAX_LINE {
            print_peer_line(&pending)?;
            pending.clear();
        }
    }
}

/// What the two UDP threads share.
struct UdpState {
    /// Whom we talk to: known from the start for a client, from the first datagram for a server.
    peer: Option<SockAddr>,
    /// The socket is connected to `peer` (client): use `send`, not `sendto`.
    connected: bool,
    /// Lines typed before the peer was known.
    held: Vec<Vec<u8>>,
    /// stdin has ended.
    stdin_done: bool,
    /// The empty "I am done" datagram has been sent.
    bye_sent: bool,
}

impl UdpState {
    fn send(&self, sock: &Socket, data: &[u8]) {
        let result = match (&self.peer, self.connected) {
            (_, true) => sock.send(data),
            (Some(peer), false) => sock.sendto(data, peer),
            (None, false) => return,
        };
        if let Err(e) = result {
            PROG.warn(&e);
        }
    }

    fn send_line(&self, sock: &Socket, line: &[u8]) {
        let mut out = Vec::with_capacity(line.len() + 1);
        out.extend_from_slice(line);
        out.push(b'\n');
        self.send(sock, &out);
    }

    fn send_bye(&mut self, sock: &Socket) {
        if !self.bye_sent && self.peer.is_some() {
            self.send(sock, b"");
            self.bye_sent = true;
        }
    }
}

fn lock(state: &Mutex<UdpState>) -> MutexGuard<'_, UdpState> {
    // A poisoned lock means the other thread panicked, which it does not; carry on regardless.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

fn chat_udp(sock: Socket, peer: Option<SockAddr>) -> Result<()> {
    let sock = Arc::new(sock);
    let connected = peer.is_some();
    let state = Arc::new(Mutex::new(UdpState {
        peer,
        connected,
        held: Vec::new(),
        stdin_done: false,
        bye_sent: false,
    }));

    let (sender, shared) = (Arc::clone(&sock), Arc::clone(&state));
    thread::spawn(move || {
        let mut told = false;
        read_stdin_lines(|line| {
            let mut st = lock(&shared);
            if st.peer.is_some() {
                st.send_line(&sender, line);
            } else {
                if !told {
                    PROG.log("no peer yet: lines are sent when its first datagram arrives");
                    told = true;
                }
                st.held.push(line.to_vec());
            }
        });
        let mut st = lock(&shared);
        st.stdin_done = true;
        st.send_bye(&sender);
    });

    let mut buf = vec![0u8; 65_536];
    loop {
        let (n, from) = sock.recvfrom(&mut buf)?;
        let mut st = lock(&state);
        match st.peer {
            None => {
                st.peer = Some(from);
                PROG.log(format_args!("peer is {from}"));
                for line in std::mem::take(&mut st.held) {
                    st.send_line(&sock, &line);
                }
                if st.stdin_done {
                    st.send_bye(&sock);
                }
            }
            // A connected socket only receives from its peer; an unconnected one from anyone.
            Some(peer) if !st.connected && peer != from => {
                PROG.log(format_args!("ignoring a datagram from {from}"));
                continue;
            }
            Some(_) => {}
        }
        if n == 0 {
            st.send_bye(&sock);
            peer_left("is done");
        }
        drop(st);
        for line in common::chomp(&buf[..n]).split(|&b| b == b'\n') {
            print_peer_line(line)?;
        }
    }
}

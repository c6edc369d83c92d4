//! berkeley against an independent implementation of the socket API: `tests/peer.py`, a Python 3
//! program using Python's `socket` module, over TCP (IPv4 and IPv6), UDP and UNIX sockets on
//! loopback. Each test skips through `util::skip` when `python3` (or `::1`) is missing here, which
//! fails it in strict mode (`BERKELEY_TEST_STRICT=1`, set by `.ci/run`).
#![cfg(unix)]

mod util;

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use berkeley::{Domain, Protocol, Shutdown, SockAddr, SockAddrUn, Socket, Type};
use util::{fd_leak_check, have_ipv6_loopback, lo4};

/// A running `python3 tests/peer.py MODE ...`, killed if still alive when dropped.
struct Peer {
    child: Child,
    out: BufReader<ChildStdout>,
}

impl Peer {
    /// Starts the peer, or returns `None` after `util::skip` (which panics in strict mode) if
    /// python3 is missing.
    fn start(test: &str, args: &[&str]) -> Option<Peer> {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/peer.py");
        let child = Command::new("python3")
            .arg(script)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn();
        match child {
            Ok(mut child) => {
                let out = BufReader::new(child.stdout.take().unwrap());
                Some(Peer { child, out })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                util::skip(test, "python3 is not installed");
                None
            }
            Err(e) => panic!("{test}: cannot start python3: {e}"),
        }
    }

    /// The next line the peer printed, split into words; the first must be `tag`.
    fn line(&mut self, tag: &str) -> Vec<String> {
        let mut line = String::new();
        self.out.read_line(&mut line).unwrap();
        let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        assert_eq!(words.first().map(String::as_str), Some(tag), "peer printed {line:?}");
        words
    }

    /// Waits for the peer to exit and asserts it succeeded.
    fn finish(mut self) {
        let status = self.child.wait().unwrap();
        assert!(status.success(), "peer.py failed: {status}");
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A receive timeout so a misbehaving peer fails the test instead of hanging it.
fn set_rcvtimeo(s: &Socket) {
    let tv = libc::timeval { tv_sec: 60, tv_usec: 0 };
    // SAFETY: timeval is plain old data; viewing it as bytes reads only initialised memory.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            (&tv as *const libc::timeval).cast::<u8>(),
            std::mem::size_of::<libc::timeval>(),
        )
    };
    s.setsockopt_raw(libc::SOL_SOCKET, libc::SO_RCVTIMEO, bytes).unwrap();
}

fn read_to_end(s: &Socket) -> Vec<u8> {
    let mut v = Vec::new();
    let mut r = s;
    r.read_to_end(&mut v).unwrap();
    v
}

fn tcp_to_python_server(test: &str, mode: &str, domain: Domain, ip: &str) {
    let Some(mut peer) = Peer::start(test, &[mode]) else { return };
    let port: u16 = peer.line("PORT")[1].parse().unwrap();
    let server = SockAddr::from(format!("{ip}:{port}").parse::<SocketAddr>().unwrap());

    let s = Socket::new(domain, Type::STREAM, Protocol::TCP).unwrap();
    set_rcvtimeo(&s);
    s.connect_timeout(server, Duration::from_secs(60)).unwrap();
    assert_eq!(s.getpeername().unwrap(), server);

    // Python's view of us must match ours.
    let me = s.getsockname().unwrap().as_socket().unwrap();
    let seen = peer.line("PEER");
    assert_eq!(seen[1].parse::<std::net::IpAddr>().unwrap(), me.ip());
    assert_eq!(seen[2].parse::<u16>().unwrap(), me.port());

    // More than the socket buffers hold, so both sendall loops really loop.
    let data: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 256) as u8).collect();
    s.sendall(&data).unwrap();
    s.shutdown(Shutdown::WRITE).unwrap();
    let reply = read_to_end(&s);
    let header = format!("LEN {}\n", data.len());
    assert!(reply.starts_with(header.as_bytes()), "reply starts {:?}", &reply[..20]);
    let body = &reply[header.len()..];
    assert_eq!(body.len(), data.len());
    assert!(body.iter().rev().eq(data.iter()), "Python reversed the data");
    drop(s);
    peer.finish();
}

#[test]
fn tcp_v4_to_python_server() {
    fd_leak_check("tcp_v4_to_python_server", || {
        tcp_to_python_server("tcp_v4_to_python_server", "tcp-server", Domain::INET, "127.0.0.1")
    });
}

#[test]
fn tcp_v6_to_python_server() {
    fd_leak_check("tcp_v6_to_python_server", || {
        if !have_ipv6_loopback() {
            util::skip("tcp_v6_to_python_server", "::1 is not available");
            return;
        }
        tcp_to_python_server("tcp_v6_to_python_server", "tcp6-server", Domain::INET6, "[::1]")
    });
}

#[test]
fn python_client_to_tcp_server() {
    fd_leak_check("python_client_to_tcp_server", || {
        let l = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
        l.bind(lo4()).unwrap();
        l.listen(1).unwrap();
        let port = l.getsockname().unwrap().as_in().unwrap().port().to_string();
        let Some(mut peer) = Peer::start("python_client_to_tcp_server", &["tcp-client", &port])
        else {
            return;
        };
        let (conn, from) = l.accept().unwrap();
        set_rcvtimeo(&conn);
        let seen = peer.line("SOCKNAME");
        let theirs =
            SockAddr::from(format!("{}:{}", seen[1], seen[2]).parse::<SocketAddr>().unwrap());
        assert_eq!(from, theirs, "accept returns the address Python's getsockname reports");
        assert_eq!(read_to_end(&conn), b"hello from python");
        conn.sendall(b"hello from berkeley").unwrap();
        conn.close().unwrap();
        assert_eq!(peer.line("GOT")[1..].join(" "), "hello from berkeley");
        peer.finish();
    });
}

#[test]
fn udp_with_python() {
    fd_leak_check("udp_with_python", || {
        let Some(mut peer) = Peer::start("udp_with_python", &["udp-server"]) else { return };
        let port: u16 = peer.line("PORT")[1].parse().unwrap();
        let server = SockAddr::from(SocketAddr::from(([127, 0, 0, 1], port)));
        let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
        s.bind(lo4()).unwrap();
        set_rcvtimeo(&s);
        let me = s.getsockname().unwrap().as_in().unwrap();
        assert_eq!(s.sendto(b"datagram", server).unwrap(), 8);
        let mut buf = [0u8; 256];
        let (n, from) = s.recvfrom(&mut buf).unwrap();
        assert_eq!(from, server, "the reply comes from Python's socket");
        let expect = format!("127.0.0.1 {} datagram", me.port());
        assert_eq!(std::str::from_utf8(&buf[..n]).unwrap(), expect);
        peer.finish();
    });
}

/// A temp dir for socket files, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("berkeley-py-{tag}-{}", std::process::id()));
        std::fs::create_dir(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).unwrap();
    }
}

#[test]
fn unix_stream_with_python() {
    fd_leak_check("unix_stream_with_python", || {
        let dir = TempDir::new("stream");
        let path = dir.0.join("py.sock");
        let Some(mut peer) =
            Peer::start("unix_stream_with_python", &["unix-server", path.to_str().unwrap()])
        else {
            return;
        };
        peer.line("READY");
        let s = Socket::new(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
        set_rcvtimeo(&s);
        s.connect(SockAddr::from(SockAddrUn::new(&path).unwrap())).unwrap();
        let peer_addr = s.getpeername().unwrap().as_un().unwrap();
        assert_eq!(peer_addr.path(), Some(path.as_path()));
        // We never bound: Python's accept saw an unnamed peer ('' in Python).
        assert_eq!(peer.line("PEER")[1], "''");
        s.sendall(b"shout this").unwrap();
        s.shutdown(Shutdown::WRITE).unwrap();
        assert_eq!(read_to_end(&s), b"SHOUT THIS");
        drop(s);
        peer.finish();
    });
}

#[test]
fn unix_dgram_with_python() {
    fd_leak_check("unix_dgram_with_python", || {
        let dir = TempDir::new("dgram");
        let py = dir.0.join("py.sock");
        let me = dir.0.join("rust.sock");
        let Some(mut peer) =
            Peer::start("unix_dgram_with_python", &["unix-dgram", py.to_str().unwrap()])
        else {
            return;
        };
        peer.line("READY");
        let s = Socket::new(Domain::UNIX, Type::DGRAM, Protocol::DEFAULT).unwrap();
        s.bind(SockAddr::from(SockAddrUn::new(&me).unwrap())).unwrap();
        set_rcvtimeo(&s);
        s.sendto(b"quiet", SockAddr::from(SockAddrUn::new(&py).unwrap())).unwrap();
        assert_eq!(peer.line("FROM")[1], me.to_str().unwrap(), "Python saw our bound path");
        let mut buf = [0u8; 16];
        let (n, from) = s.recvfrom(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"QUIET");
        assert_eq!(from.as_un().unwrap().path(), Some(py.as_path()));
        drop(s);
        peer.finish();
    });
}

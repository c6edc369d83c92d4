//! Windows-only behaviour: Winsock start-up, WSA error codes, Windows-only options and controls.
//!
//! Run on Linux under wine with `.ci/windows.sh`. Wine maps Winsock onto Linux sockets, so these
//! tests check only what real Windows does too (no reuse-rule or timing checks).
#![cfg(windows)]

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::windows::io::{AsRawSocket, AsSocket, FromRawSocket, IntoRawSocket, OwnedSocket};
use std::time::Duration;

use berkeley::{
    Domain, Error, MsgFlags, Protocol, Shutdown, SockAddr, SockAddrIn, SockAddrIn6, Socket, Type,
    Winsock,
};
use windows_sys::Win32::Networking::WinSock as ws;

fn int_opt(s: &Socket, level: i32, name: i32) -> (usize, i32) {
    let mut buf = [0u8; 4];
    let n = s.getsockopt_raw(level, name, &mut buf).unwrap();
    (n, i32::from_ne_bytes(buf))
}

#[test]
fn winsock_guard_reports_version_2_2() {
    let wsa = Winsock::startup().unwrap();
    assert_eq!(wsa.version(), (2, 2));
    assert!(wsa.high_version() >= (2, 2), "{wsa:?}");
    assert!(!wsa.description().is_empty(), "{wsa:?}");
    assert!(!wsa.description().contains('\0'));
    assert!(!wsa.system_status().contains('\0'));
    // Legacy fields: only their presence is defined.
    let _ = (wsa.max_sockets(), wsa.max_udp_dg());
    let debug = format!("{wsa:?}");
    assert!(debug.contains("version: 2.2"), "{debug}");
}

#[test]
fn guards_nest_and_do_not_stop_berkeleys_own_startup() {
    let outer = Winsock::startup().unwrap();
    let inner = Winsock::startup().unwrap();
    drop(inner);
    drop(outer);
    // Every guard is balanced now; sockets still work, because constructors start Winsock
    // themselves and keep it up.
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    assert_eq!(int_opt(&s, ws::SOL_SOCKET, ws::SO_TYPE), (4, ws::SOCK_DGRAM));
    s.close().unwrap();
}

#[test]
fn wsa_codes_map_to_io_error_kinds() {
    let cases = [
        (ws::WSAECONNREFUSED, 10061, io::ErrorKind::ConnectionRefused),
        (ws::WSAEWOULDBLOCK, 10035, io::ErrorKind::WouldBlock),
        (ws::WSAECONNRESET, 10054, io::ErrorKind::ConnectionReset),
        (ws::WSAEADDRINUSE, 10048, io::ErrorKind::AddrInUse),
        (ws::WSAETIMEDOUT, 10060, io::ErrorKind::TimedOut),
        (ws::WSAENOTCONN, 10057, io::ErrorKind::NotConnected),
    ];
    for (code, raw, kind) in cases {
        assert_eq!(code, raw);
        let err = Error::os("connect", code);
        assert_eq!(err.raw_os_error(), Some(raw));
        assert_eq!(err.kind(), kind, "{err}");
        let text = err.to_string();
        assert!(text.starts_with("connect: "), "{text}");
        assert!(text.ends_with(&format!("(os error {raw})")), "{text}");
        // Into io::Error: same kind, and the berkeley error (with its code) inside.
        let io: io::Error = err.into();
        assert_eq!(io.kind(), kind);
        assert_eq!(io.to_string(), text); // the call and the message are kept
        assert_eq!(Error::downcast_ref(&io).and_then(Error::raw_os_error), Some(raw));
    }
}

#[test]
fn refused_message_is_the_systems_not_errnos() {
    let text = Error::os("connect", ws::WSAECONNREFUSED).to_string();
    // Windows words it "No connection could be made because the target machine actively
    // refused it."; whatever the wording, it is not a Unix errno message.
    assert!(!text.contains("Connection refused (os error 111)"), "{text}");
    assert!(text.len() > "connect: (os error 10061)".len() + 1, "no message: {text}");
}

#[test]
fn type_flags_never_reach_winsock() {
    // SOCK_NONBLOCK and SOCK_CLOEXEC are berkeley's own bits on Windows: the socket is created
    // with the base type.
    for ty in
        [Type::DGRAM.nonblocking(), Type::DGRAM.cloexec(), Type::DGRAM.nonblocking().cloexec()]
    {
        let s = Socket::new(Domain::INET, ty, Protocol::UDP).unwrap();
        assert_eq!(int_opt(&s, ws::SOL_SOCKET, ws::SO_TYPE), (4, ws::SOCK_DGRAM), "{ty:?}");
    }
    let s = Socket::new(Domain::INET6, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
    assert_eq!(int_opt(&s, ws::SOL_SOCKET, ws::SO_TYPE).1, ws::SOCK_STREAM);
}

#[test]
fn bad_socket_arguments_are_wsa_errors() {
    let err = Socket::new(Domain::from_raw(12345), Type::STREAM, Protocol::DEFAULT).unwrap_err();
    assert_eq!(err.call(), Some("WSASocketW"));
    let code = err.raw_os_error().unwrap();
    assert!((10000..11100).contains(&code), "not a Winsock code: {code}");
}

#[test]
fn exclusiveaddruse_round_trip() {
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    let (_, before) = int_opt(&s, ws::SOL_SOCKET, ws::SO_EXCLUSIVEADDRUSE);
    assert_eq!(before, 0);
    s.setsockopt_raw(ws::SOL_SOCKET, ws::SO_EXCLUSIVEADDRUSE, &1i32.to_ne_bytes()).unwrap();
    // Winsock writes a BOOL option as 4 bytes, or as 1 for some options: accept either.
    let (n, after) = int_opt(&s, ws::SOL_SOCKET, ws::SO_EXCLUSIVEADDRUSE);
    assert!(n == 4 || n == 1, "length {n}");
    assert_ne!(after, 0);
}

#[test]
fn udp_connreset_control() {
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    s.set_udp_connreset(false).unwrap();
    s.set_udp_connreset(true).unwrap();
}

#[test]
fn close_reports_success() {
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    s.close().unwrap();
}

fn loopback(domain: Domain) -> SockAddr {
    if domain == Domain::INET6 {
        SockAddr::from(SockAddrIn6::new(Ipv6Addr::LOCALHOST, 0, 0, 0))
    } else {
        SockAddr::from(SockAddrIn::new(Ipv4Addr::LOCALHOST, 0))
    }
}

/// A listening TCP socket on loopback and its address.
fn listener(domain: Domain) -> (Socket, SockAddr) {
    let l = Socket::new(domain, Type::STREAM, Protocol::TCP).unwrap();
    l.bind(loopback(domain)).unwrap();
    l.listen(8).unwrap();
    let addr = l.getsockname().unwrap();
    (l, addr)
}

fn recv_exact(s: &Socket, n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    let mut got = 0;
    while got < n {
        let k = s.recv(&mut out[got..]).unwrap();
        assert_ne!(k, 0, "early end of file after {got} bytes");
        got += k;
    }
    out
}

fn tcp_round_trip(domain: Domain) {
    let (l, addr) = listener(domain);
    assert_eq!(addr.family(), domain);
    let client = Socket::new(domain, Type::STREAM, Protocol::TCP).unwrap();
    client.connect(addr).unwrap();
    let (server, peer) = l.accept().unwrap();
    assert_eq!(peer, client.getsockname().unwrap());
    assert_eq!(client.getpeername().unwrap(), addr);

    client.sendall(b"hello, winsock").unwrap();
    assert_eq!(recv_exact(&server, 14), b"hello, winsock");
    (&server).write_all(b"pong").unwrap();
    let mut buf = [0u8; 4];
    (&client).read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"pong");

    // Orderly close: the peer reads end of file, and shut-down reads report it too.
    client.shutdown(Shutdown::WRITE).unwrap();
    assert_eq!(server.recv(&mut buf).unwrap(), 0);
    server.shutdown(Shutdown::READ).unwrap();
    assert_eq!(server.recv(&mut buf).unwrap(), 0);
    client.close().unwrap();
    server.close().unwrap();
    l.close().unwrap();
}

#[test]
fn tcp_ipv4_round_trip() {
    tcp_round_trip(Domain::INET);
}

#[test]
fn tcp_ipv6_round_trip() {
    tcp_round_trip(Domain::INET6);
}

#[test]
fn udp_round_trip_with_peek() {
    let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    let b = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    a.bind(loopback(Domain::INET)).unwrap();
    b.bind(loopback(Domain::INET)).unwrap();
    let (a_addr, b_addr) = (a.getsockname().unwrap(), b.getsockname().unwrap());

    assert_eq!(a.sendto(b"datagram", b_addr).unwrap(), 8);
    let mut buf = [0u8; 64];
    let n = b.recv_with_flags(&mut buf, MsgFlags::PEEK).unwrap().len;
    assert_eq!(&buf[..n], b"datagram");
    let (n, from) = b.recvfrom(&mut buf).unwrap();
    assert_eq!((&buf[..n], from), (&b"datagram"[..], a_addr));
    assert_eq!(
        from.as_socket(),
        Some(SocketAddr::from((Ipv4Addr::LOCALHOST, a_addr.as_in().unwrap().port())))
    );
}

#[test]
fn udp_datagram_longer_than_the_buffer_is_wsaemsgsize() {
    // Windows' rule (Unix returns the cut datagram instead): the error, with the first bytes
    // in the buffer.
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    s.bind(loopback(Domain::INET)).unwrap();
    let me = s.getsockname().unwrap();
    s.sendto(b"0123456789", me).unwrap();
    let mut small = [0u8; 4];
    let err = s.recv(&mut small).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(ws::WSAEMSGSIZE));
    assert_eq!(&small, b"0123");
}

#[test]
fn refused_connect_is_10061() {
    // A port that was bound and released, with nobody listening.
    let probe = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    probe.bind(loopback(Domain::INET)).unwrap();
    let addr = probe.getsockname().unwrap();
    probe.close().unwrap();

    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    let err = s.connect(addr).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(10061));
    assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    assert_eq!(err.call(), Some("connect"));
    assert_eq!(err.addr(), Some(&addr));
    assert!(err.to_string().starts_with(&format!("connect({addr}): ")), "{err}");

    // The same through connect_timeout (non-blocking connect + WSAPoll + SO_ERROR).
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    let err = s.connect_timeout(addr, Duration::from_secs(10)).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(10061), "{err}");
}

#[test]
fn connect_timeout_connects() {
    let (l, addr) = listener(Domain::INET);
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    s.connect_timeout(addr, Duration::from_secs(10)).unwrap();
    let (server, _) = l.accept().unwrap();
    // Blocking again: a send and a blocking receive work.
    s.sendall(b"x").unwrap();
    assert_eq!(recv_exact(&server, 1), b"x");
}

#[test]
fn nonblocking_calls_would_block_with_10035() {
    let (l, _) = listener(Domain::INET);
    l.set_nonblocking(true).unwrap();
    let err = l.accept().unwrap_err();
    assert_eq!(err.raw_os_error(), Some(10035));
    assert_eq!(err.kind(), io::ErrorKind::WouldBlock);

    let u = Socket::new(Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP).unwrap();
    u.bind(loopback(Domain::INET)).unwrap();
    let err = u.recv(&mut [0u8; 8]).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(ws::WSAEWOULDBLOCK));
    assert_eq!(err.call(), Some("recv"));
    let err = u.recvfrom(&mut [0u8; 8]).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::WouldBlock);

    // Back to blocking: data that is there is read.
    u.set_nonblocking(false).unwrap();
    let me = u.getsockname().unwrap();
    u.sendto(b"now", me).unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(u.recv(&mut buf).unwrap(), 3);
}

#[test]
fn dup_shares_the_socket() {
    let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    a.bind(loopback(Domain::INET)).unwrap();
    let addr = a.getsockname().unwrap();
    let b = a.dup().unwrap();
    assert_ne!(a.as_raw_socket(), b.as_raw_socket());
    a.close().unwrap();
    b.sendto(b"clone", addr).unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(b.recv(&mut buf).unwrap(), 5);
    assert_eq!(b.r#type().unwrap(), Type::DGRAM);
}

#[test]
fn handles_move_between_berkeley_and_std() {
    let std_sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = std_sock.local_addr().unwrap().port();
    let s = Socket::from(OwnedSocket::from(std_sock));
    assert_eq!(s.getsockname().unwrap().as_in().unwrap().port(), port);
    let raw = s.as_raw_socket();
    assert_eq!(s.as_socket().as_raw_socket(), raw);

    let raw = s.into_raw_socket();
    // SAFETY: `raw` is open and into_raw_socket gave up ownership of it.
    let s = unsafe { Socket::from_raw_socket(raw) };
    let back = std::net::UdpSocket::from(s);
    assert_eq!(back.local_addr().unwrap().port(), port);
    let owned: OwnedSocket = Socket::from(back).into();
    assert_eq!(owned.as_raw_socket(), raw);
}

#[test]
fn udp_connreset_off_keeps_recvfrom_working() {
    // With SIO_UDP_CONNRESET off, a datagram sent to a closed port does not poison the next
    // receive. (With it on, Windows would fail that receive with WSAECONNRESET; wine does not
    // reproduce that, so only the "off" behaviour is checked.)
    let gone = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    gone.bind(loopback(Domain::INET)).unwrap();
    let gone_addr = gone.getsockname().unwrap();
    gone.close().unwrap();

    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    s.set_udp_connreset(false).unwrap();
    s.bind(loopback(Domain::INET)).unwrap();
    let me = s.getsockname().unwrap();
    s.sendto(b"lost", gone_addr).unwrap();
    s.sendto(b"kept", me).unwrap();
    let mut buf = [0u8; 8];
    let (n, from) = s.recvfrom(&mut buf).unwrap();
    assert_eq!((&buf[..n], from), (&b"kept"[..], me));
}

/// Python's timeouts on Winsock: an expired `SO_RCVTIMEO` is `WSAETIMEDOUT` (10060), which
/// `is_timeout` recognises; `setblocking(false)` gives `WSAEWOULDBLOCK`.
#[test]
fn settimeout_on_winsock() {
    let u = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    u.bind(loopback(Domain::INET)).unwrap();
    u.settimeout(Some(Duration::from_millis(50))).unwrap();
    let err = u.recv(&mut [0u8; 8]).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(ws::WSAETIMEDOUT), "{err:?}");
    assert!(err.is_timeout() && !err.is_would_block());
    u.setblocking(false).unwrap();
    let err = u.recv(&mut [0u8; 8]).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(ws::WSAEWOULDBLOCK));
    u.setblocking(true).unwrap();
    assert_eq!(u.getsockopt(berkeley::sockopt::RcvTimeo).unwrap(), None);
}

/// `accept4` sets the mode it is asked for (Winsock's `accept` would copy the listener's), and
/// the accepted socket is not inheritable.
#[test]
fn accept4_mode_and_inheritance_on_winsock() {
    use berkeley::socket::AcceptFlags;
    let (l, addr) = listener(Domain::INET);
    l.set_nonblocking(true).unwrap();
    let c = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    c.connect(addr).unwrap();
    let accepted = loop {
        match l.accept4(AcceptFlags::empty()) {
            Err(e) if e.is_would_block() => std::thread::sleep(Duration::from_millis(5)),
            other => break other.unwrap().0,
        }
    };
    assert!(!accepted.get_inheritable().unwrap());
    c.sendall(b"x").unwrap();
    assert_eq!(recv_exact(&accepted, 1), b"x"); // blocking: waits for the byte
    accepted.settimeout(Some(Duration::from_millis(50))).unwrap();
    assert!(accepted.recv(&mut [0u8; 1]).unwrap_err().is_timeout(), "blocking, not 10035");
}

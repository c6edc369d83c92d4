//! `Socket` over loopback (IPv4 and IPv6, port 0): every call, and every error a user meets.
//!
//! Every test runs inside `util::fd_leak_check`, which also serialises them (the bad-fd and
//! signal tests rely on no other test opening descriptors or signalling meanwhile).
//!
//! On Windows (run under wine by `.ci/windows.sh`) the portable tests run too; what is Unix-only
//! (`socketpair`, UNIX sockets, errno values and texts, signals, descriptors, reading the
//! blocking mode back) is `#[cfg(unix)]`, per test or per check. Windows-only behaviour is in
//! tests/windows.rs.

mod util;

use std::io::{ErrorKind, IoSlice, IoSliceMut, Read, Write};
use std::mem::MaybeUninit;
#[cfg(unix)]
use std::os::fd::{AsFd, AsRawFd, FromRawFd, IntoRawFd, OwnedFd};
use std::time::Duration;

use berkeley::poll::{poll, PollFd, PollFlags};
use berkeley::socket::Received;
use berkeley::sockopt::{Linger, RcvTimeo};
use berkeley::{Domain, Error, MsgFlags, Protocol, Shutdown, SockAddr, Socket, Type};
#[cfg(unix)]
use util::is_cloexec;
use util::{fd_leak_check, have_ipv6_loopback, lo4, lo6};

/// Generous: the machine is small and busy.
const LONG: Duration = Duration::from_secs(30);

fn tcp(domain: Domain) -> Socket {
    Socket::new(domain, Type::STREAM, Protocol::TCP).unwrap()
}

fn udp(domain: Domain) -> Socket {
    Socket::new(domain, Type::DGRAM, Protocol::UDP).unwrap()
}

/// A listener on `bind` (port 0).
fn listener(domain: Domain, bind: &SockAddr) -> Socket {
    let l = tcp(domain);
    l.bind(bind).unwrap();
    l.listen(16).unwrap();
    l
}

/// A connected TCP pair `(client, server side)` over loopback.
fn tcp_pair(domain: Domain, bind: &SockAddr) -> (Socket, Socket) {
    let l = listener(domain, bind);
    let c = tcp(domain);
    c.connect(l.getsockname().unwrap()).unwrap();
    let (s, _) = l.accept().unwrap();
    (c, s)
}

fn set_rcvtimeo(s: &Socket, d: Duration) {
    s.setsockopt(RcvTimeo, Some(d)).unwrap();
}

fn set_linger_zero(s: &Socket) {
    s.setsockopt(Linger, Some(Duration::ZERO)).unwrap();
}

// ---- the happy paths ---------------------------------------------------------------------------

fn tcp_lifecycle(domain: Domain, bind: SockAddr) {
    let l = listener(domain, &bind);
    let laddr = l.getsockname().unwrap();
    assert_eq!(laddr.family(), domain);
    let port = laddr.as_socket().unwrap().port();
    assert_ne!(port, 0, "the OS chose a port");
    assert_eq!(laddr.as_socket().unwrap().ip(), bind.as_socket().unwrap().ip());

    let c = tcp(domain);
    c.connect(laddr).unwrap();
    let (s, peer) = l.accept().unwrap();
    assert_eq!(peer, c.getsockname().unwrap(), "accept returns the client's address");
    assert_eq!(s.getpeername().unwrap(), peer);
    assert_eq!(c.getpeername().unwrap(), laddr);
    assert_eq!(s.getsockname().unwrap(), laddr);

    assert_eq!(c.send(b"hello").unwrap(), 5);
    let mut buf = [0u8; 16];
    let n = s.recv(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"hello");

    // A stream recvfrom reports no address.
    s.sendall(b"back").unwrap();
    let (n, from) = c.recvfrom(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"back");
    assert!(from.is_empty(), "{from:?}");

    // sendall of more than the socket buffers hold, against a reader thread.
    let big: Vec<u8> = (0..4 << 20).map(|i| (i % 251) as u8).collect();
    let expect = big.clone();
    let reader = std::thread::spawn(move || {
        let mut got = Vec::new();
        (&s).read_to_end(&mut got).unwrap();
        (s, got)
    });
    c.sendall(&big).unwrap();
    c.shutdown(Shutdown::WRITE).unwrap();
    let (s, got) = reader.join().unwrap();
    assert!(got == expect, "sendall delivered {} of {} bytes intact", got.len(), expect.len());

    // After the peer's close, recv reads end-of-file.
    s.close().unwrap();
    assert_eq!(c.recv(&mut buf).unwrap(), 0);
    c.close().unwrap();
    l.close().unwrap();
}

#[test]
fn tcp_v4_lifecycle() {
    fd_leak_check("tcp_v4_lifecycle", || tcp_lifecycle(Domain::INET, lo4()));
}

#[test]
fn tcp_v6_lifecycle() {
    fd_leak_check("tcp_v6_lifecycle", || {
        if !have_ipv6_loopback() {
            eprintln!("skipping tcp_v6_lifecycle: ::1 is not available");
            return;
        }
        tcp_lifecycle(Domain::INET6, lo6());
    });
}

fn udp_roundtrip(domain: Domain, bind: SockAddr) {
    let a = udp(domain);
    let b = udp(domain);
    a.bind(bind).unwrap();
    b.bind(bind).unwrap();
    let (aa, ba) = (a.getsockname().unwrap(), b.getsockname().unwrap());

    assert_eq!(a.sendto(b"one", ba).unwrap(), 3);
    let mut buf = [0u8; 64];
    let (n, from) = b.recvfrom(&mut buf).unwrap();
    assert_eq!((&buf[..n], from), (&b"one"[..], aa));

    // PEEK leaves the datagram queued; the uninit variant then reads it.
    a.sendto_with_flags(b"two", ba, MsgFlags::DONTROUTE).unwrap();
    let (got, from) = b.recvfrom_with_flags(&mut buf, MsgFlags::PEEK).unwrap();
    assert_eq!(got, Received { len: 3, full_len: 3 });
    assert_eq!((&buf[..got.len], from), (&b"two"[..], aa));
    let mut ubuf = [MaybeUninit::<u8>::uninit(); 64];
    let (n, from) = b.recvfrom_uninit(&mut ubuf).unwrap();
    assert_eq!((n, from), (3, aa));
    // SAFETY: recvfrom_uninit initialised the first n bytes.
    let got: Vec<u8> = ubuf[..n].iter().map(|b| unsafe { b.assume_init() }).collect();
    assert_eq!(got, b"two");

    // A datagram longer than the buffer is truncated; MSG_TRUNC reports its real length.
    // (Windows has no MSG_TRUNC and fails the cut recv with WSAEMSGSIZE: tests/windows.rs.)
    #[cfg(unix)]
    truncation(&a, &b, &ba);

    // Connected UDP: send/recv/getpeername.
    a.connect(ba).unwrap();
    b.connect(aa).unwrap();
    assert_eq!(a.getpeername().unwrap(), ba);
    a.send(b"three").unwrap();
    let n = b.recv_uninit(&mut ubuf).unwrap();
    assert_eq!(n, 5);
    b.send_with_flags(b"four", MsgFlags::empty()).unwrap();
    assert_eq!(a.recv(&mut buf).unwrap(), 4);
    assert_eq!(&buf[..4], b"four");
}

/// A datagram longer than the buffer: `len` never exceeds the buffer; MSG_TRUNC reports the
/// real length in `full_len` (Linux); without it the rest is lost, as in C.
#[cfg(unix)]
fn truncation(a: &Socket, b: &Socket, ba: &SockAddr) {
    a.sendto(&[9u8; 100], ba).unwrap();
    let mut small = [0u8; 10];
    let got = b.recv_with_flags(&mut small, MsgFlags::TRUNC).unwrap();
    assert_eq!(got.len, 10, "never more than the buffer");
    #[cfg(target_os = "linux")]
    assert_eq!(got, Received { len: 10, full_len: 100 });
    #[cfg(target_os = "linux")]
    assert!(got.is_truncated());
    assert_eq!(small, [9u8; 10]);

    // recvfrom_with_flags: the same, with the sender.
    a.sendto(&[7u8; 100], ba).unwrap();
    let (got, from) = b.recvfrom_with_flags(&mut small, MsgFlags::TRUNC).unwrap();
    assert_eq!(got.len, 10);
    #[cfg(target_os = "linux")]
    assert_eq!(got.full_len, 100);
    assert_eq!(from, a.getsockname().unwrap());
    assert_eq!(small, [7u8; 10]);

    // PEEK | TRUNC: the size of the next datagram, which stays queued.
    a.sendto(&[6u8; 40], ba).unwrap();
    let got = b.recv_with_flags(&mut [], MsgFlags::PEEK | MsgFlags::TRUNC).unwrap();
    assert_eq!(got.len, 0);
    #[cfg(target_os = "linux")]
    assert_eq!(got.full_len, 40);
    let mut big = [0u8; 64];
    assert_eq!(b.recv(&mut big).unwrap(), 40);

    // Without TRUNC: the count is what fitted, and the rest of that datagram is gone.
    a.sendto(&[8u8; 100], ba).unwrap();
    assert_eq!(b.recv(&mut small).unwrap(), 10);
    let err = b.recv_with_flags(&mut small, MsgFlags::DONTWAIT).unwrap_err();
    assert!(err.is_would_block(), "{err:?}");
    a.sendto(&[5u8; 100], ba).unwrap();
    let got = b.recv_with_flags(&mut small, MsgFlags::empty()).unwrap();
    assert_eq!(got, Received { len: 10, full_len: 10 }, "without TRUNC the OS cannot tell");
}

#[test]
fn udp_v4_roundtrip() {
    fd_leak_check("udp_v4_roundtrip", || udp_roundtrip(Domain::INET, lo4()));
}

#[test]
fn udp_v6_roundtrip() {
    fd_leak_check("udp_v6_roundtrip", || {
        if !have_ipv6_loopback() {
            eprintln!("skipping udp_v6_roundtrip: ::1 is not available");
            return;
        }
        udp_roundtrip(Domain::INET6, lo6());
    });
}

#[cfg(unix)]
#[test]
fn close_on_exec_everywhere() {
    fd_leak_check("close_on_exec_everywhere", || {
        let l = listener(Domain::INET, &lo4());
        assert!(is_cloexec(l.as_raw_fd()), "socket");
        let c = tcp(Domain::INET);
        c.connect(l.getsockname().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        assert!(is_cloexec(s.as_raw_fd()), "accept");
        let d = s.dup().unwrap();
        assert!(is_cloexec(d.as_raw_fd()), "dup");
        assert!(d.as_raw_fd() >= 3 && d.as_raw_fd() != s.as_raw_fd());
        let (p, q) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
        assert!(is_cloexec(p.as_raw_fd()) && is_cloexec(q.as_raw_fd()), "socketpair");
    });
}

#[test]
fn dup_shares_the_socket() {
    fd_leak_check("dup_shares_the_socket", || {
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        let c2 = c.dup().unwrap();
        drop(c);
        c2.sendall(b"via clone").unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(s.recv(&mut buf).unwrap(), 9);
        // The mode is shared too.
        c2.set_nonblocking(true).unwrap();
        let c3 = c2.dup().unwrap();
        #[cfg(unix)]
        assert!(c3.nonblocking().unwrap());
        let err = c3.recv(&mut buf).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock, "{err}");
    });
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn getters_type_domain_protocol() {
    fd_leak_check("getters_type_domain_protocol", || {
        let s = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::DEFAULT).unwrap();
        assert_eq!(s.r#type().unwrap(), Type::STREAM);
        assert_eq!(s.domain().unwrap(), Domain::INET);
        assert_eq!(s.protocol().unwrap(), Protocol::TCP);
        let u = Socket::new(Domain::UNIX, Type::SEQPACKET, Protocol::DEFAULT).unwrap();
        assert_eq!(u.r#type().unwrap(), Type::SEQPACKET);
        assert_eq!(u.domain().unwrap(), Domain::UNIX);
        let d = udp(Domain::INET);
        assert_eq!(d.protocol().unwrap(), Protocol::UDP);
    });
}

/// The portable part of `nonblocking_mode_and_would_block`: no mode getter, no errno.
#[test]
fn would_block_everywhere() {
    fd_leak_check("would_block_everywhere", || {
        let l = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
        l.bind(lo4()).unwrap();
        l.listen(4).unwrap();
        let err = l.accept().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        assert_eq!(err.call(), Some("accept"));

        let c = tcp(Domain::INET);
        c.connect(l.getsockname().unwrap()).unwrap();
        let mut fds = [PollFd::new(&l, PollFlags::IN)];
        assert_eq!(poll(&mut fds, Some(LONG)).unwrap(), 1);
        let (s, _) = l.accept().unwrap();

        c.set_nonblocking(true).unwrap();
        let mut buf = [0u8; 8];
        let err = c.recv(&mut buf).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        assert!(err.to_string().starts_with("recv: "), "{err}");
        c.set_nonblocking(false).unwrap();
        s.sendall(b"x").unwrap();
        assert_eq!(c.recv(&mut buf).unwrap(), 1, "blocking again: waits for the byte");

        // A non-blocking send fills the buffers and then would block.
        s.set_nonblocking(true).unwrap();
        let chunk = [0u8; 65536];
        let err = loop {
            match s.send(&chunk) {
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        let err = s.sendall(&chunk).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
    });
}

#[cfg(unix)]
#[test]
fn nonblocking_mode_and_would_block() {
    fd_leak_check("nonblocking_mode_and_would_block", || {
        // Created non-blocking, atomically.
        let l = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
        assert!(l.nonblocking().unwrap());
        l.bind(lo4()).unwrap();
        l.listen(4).unwrap();
        let err = l.accept().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        assert_eq!(err.call(), Some("accept"));

        let c = tcp(Domain::INET);
        assert!(!c.nonblocking().unwrap());
        c.connect(l.getsockname().unwrap()).unwrap();
        let mut fds = [PollFd::new(&l, PollFlags::IN)];
        assert_eq!(poll(&mut fds, Some(LONG)).unwrap(), 1);
        let (s, _) = l.accept().unwrap();
        #[cfg(target_os = "linux")]
        assert!(!s.nonblocking().unwrap(), "Linux: accepted sockets are blocking");

        c.set_nonblocking(true).unwrap();
        assert!(c.nonblocking().unwrap());
        let mut buf = [0u8; 8];
        let err = c.recv(&mut buf).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        assert_eq!(err.raw_os_error(), Some(libc::EAGAIN));
        assert!(err.to_string().starts_with("recv: "), "{err}");
        let io: std::io::Error = err.into();
        assert_eq!(io.kind(), ErrorKind::WouldBlock);
        c.set_nonblocking(false).unwrap();
        assert!(!c.nonblocking().unwrap());

        // MSG_DONTWAIT on a blocking socket.
        let err = s.recv_with_flags(&mut buf, MsgFlags::DONTWAIT).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);

        // A non-blocking send fills the buffer and then would block.
        s.set_nonblocking(true).unwrap();
        let chunk = [0u8; 65536];
        let err = loop {
            match s.send(&chunk) {
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
        let err = s.sendall(&chunk).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WouldBlock);
    });
}

// ---- errors ------------------------------------------------------------------------------------

#[test]
fn connect_refused_names_call_and_address() {
    fd_leak_check("connect_refused_names_call_and_address", || {
        // A port that is bound but not listening refuses connections, and nobody else can take
        // it while we hold it.
        let holder = tcp(Domain::INET);
        holder.bind(lo4()).unwrap();
        let addr = holder.getsockname().unwrap();
        let port = addr.as_in().unwrap().port();

        let c = tcp(Domain::INET);
        let err = c.connect(addr).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
        assert_eq!(err.call(), Some("connect"));
        assert_eq!(err.addr(), Some(&addr));
        assert!(err.to_string().starts_with(&format!("connect(127.0.0.1:{port}): ")), "{err}");
        #[cfg(unix)]
        assert_eq!(err.raw_os_error(), Some(libc::ECONNREFUSED));
        #[cfg(target_os = "linux")]
        assert_eq!(
            err.to_string(),
            format!("connect(127.0.0.1:{port}): Connection refused (os error 111)")
        );

        // The exact text of the issue, on the discard port (unless something serves it here).
        #[cfg(target_os = "linux")]
        let nine = SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 9)));
        #[cfg(target_os = "linux")]
        match tcp(Domain::INET).connect(nine) {
            Err(e) => {
                assert_eq!(e.to_string(), "connect(127.0.0.1:9): Connection refused (os error 111)")
            }
            Ok(()) => eprintln!("note: something listens on 127.0.0.1:9; exact-text check skipped"),
        }
    });
}

#[test]
fn connect_refused_v6() {
    fd_leak_check("connect_refused_v6", || {
        if !have_ipv6_loopback() {
            eprintln!("skipping connect_refused_v6: ::1 is not available");
            return;
        }
        let holder = tcp(Domain::INET6);
        holder.bind(lo6()).unwrap();
        let addr = holder.getsockname().unwrap();
        let port = addr.as_in6().unwrap().port();
        let err = tcp(Domain::INET6).connect(addr).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
        assert!(err.to_string().starts_with(&format!("connect([::1]:{port}): ")), "{err}");
        #[cfg(target_os = "linux")]
        assert_eq!(
            err.to_string(),
            format!("connect([::1]:{port}): Connection refused (os error 111)")
        );
    });
}

#[test]
fn bind_address_in_use() {
    fd_leak_check("bind_address_in_use", || {
        let l = listener(Domain::INET, &lo4());
        let addr = l.getsockname().unwrap();
        let port = addr.as_in().unwrap().port();
        let err = tcp(Domain::INET).bind(addr).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AddrInUse);
        assert_eq!(err.call(), Some("bind"));
        assert!(err.to_string().starts_with(&format!("bind(127.0.0.1:{port}): ")), "{err}");
        #[cfg(target_os = "linux")]
        assert_eq!(
            err.to_string(),
            format!("bind(127.0.0.1:{port}): Address already in use (os error 98)")
        );
        // UDP too.
        let u = udp(Domain::INET);
        u.bind(lo4()).unwrap();
        let err = udp(Domain::INET).bind(u.getsockname().unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AddrInUse);
        #[cfg(unix)]
        assert_eq!(err.raw_os_error(), Some(libc::EADDRINUSE));
    });
}

#[test]
fn sendto_error_names_destination() {
    fd_leak_check("sendto_error_names_destination", || {
        let s = udp(Domain::INET);
        let v6 = SockAddr::from("[::1]:9".parse::<std::net::SocketAddr>().unwrap());
        let err = s.sendto(b"x", v6).unwrap_err();
        assert_eq!(err.call(), Some("sendto"));
        assert_eq!(err.addr(), Some(&v6));
        assert!(err.to_string().starts_with("sendto([::1]:9): "), "{err}");
        #[cfg(target_os = "linux")]
        assert_eq!(
            err.to_string(),
            "sendto([::1]:9): Address family not supported by protocol (os error 97)"
        );
    });
}

// Windows reports the ICMP port-unreachable as WSAECONNRESET instead (ConnectionReset).
#[cfg(unix)]
#[test]
fn connected_udp_reports_refused() {
    fd_leak_check("connected_udp_reports_refused", || {
        // A UDP port nobody reads: bind one, note it, close it.
        let gone = udp(Domain::INET);
        gone.bind(lo4()).unwrap();
        let dead = gone.getsockname().unwrap();
        drop(gone);
        let s = udp(Domain::INET);
        s.connect(dead).unwrap();
        set_rcvtimeo(&s, LONG);
        s.send(b"anyone?").unwrap();
        // The ICMP port-unreachable comes back as ECONNREFUSED on the next call.
        let err = s.recv(&mut [0u8; 8]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused, "{err}");
    });
}

// Windows sends the RST too, but wine closes gracefully despite SO_LINGER 0 (recv reads
// end-of-file), so this runs on Unix only.
#[cfg(unix)]
#[test]
fn reset_by_peer() {
    fd_leak_check("reset_by_peer", || {
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        set_linger_zero(&s);
        s.close().unwrap(); // SO_LINGER 0: the close sends RST
        set_rcvtimeo(&c, LONG);
        let err = c.recv(&mut [0u8; 8]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionReset, "{err}");
        #[cfg(target_os = "linux")]
        assert_eq!(err.to_string(), "recv: Connection reset by peer (os error 104)");
    });
}

/// Whether SIGPIPE is pending for this thread (or the process); consumes it if so.
#[cfg(unix)]
fn take_pending_sigpipe() -> bool {
    // SAFETY: sigset_t is plain data that sigemptyset/sigpending initialise; the calls get valid
    // pointers to it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        assert_eq!(libc::sigpending(&mut set), 0);
        if libc::sigismember(&set, libc::SIGPIPE) != 1 {
            return false;
        }
        let mut only: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut only);
        libc::sigaddset(&mut only, libc::SIGPIPE);
        // SIGPIPE is pending (checked above), so sigwait takes it without waiting; it exists on
        // every Unix (sigtimedwait does not on Apple).
        let mut sig: libc::c_int = 0;
        assert_eq!(libc::sigwait(&only, &mut sig), 0);
        assert_eq!(sig, libc::SIGPIPE);
        true
    }
}

/// A connection whose peer has closed and reset it: the next write fails with `EPIPE`.
#[cfg(unix)]
fn broken_connection() -> Socket {
    let (c, s) = tcp_pair(Domain::INET, &lo4());
    drop(s);
    // The first write reaches a closed socket, which answers with RST; writes fail after it.
    for _ in 0..3000 {
        match c.send(b"x") {
            Ok(_) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                assert_eq!(e.raw_os_error(), Some(libc::EPIPE), "{e}");
                return c;
            }
        }
    }
    panic!("send to a closed peer never failed");
}

#[cfg(unix)]
#[test]
fn write_after_peer_closed_is_epipe_without_sigpipe() {
    fd_leak_check("write_after_peer_closed_is_epipe_without_sigpipe", || {
        // Block SIGPIPE in this thread so a raised one stays pending where we can see it (Rust
        // programs ignore SIGPIPE, which would hide it; blocked signals are never discarded).
        // SAFETY: the sigsets are initialised by sigemptyset before use.
        let old = unsafe {
            let mut block: libc::sigset_t = std::mem::zeroed();
            let mut old: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut block);
            libc::sigaddset(&mut block, libc::SIGPIPE);
            assert_eq!(libc::pthread_sigmask(libc::SIG_BLOCK, &block, &mut old), 0);
            old
        };
        assert!(!take_pending_sigpipe());

        let c = broken_connection();
        let err = c.send(b"more").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
        assert_eq!(err.to_string(), "send: Broken pipe (os error 32)");
        assert_eq!(c.sendall(b"more").unwrap_err().raw_os_error(), Some(libc::EPIPE));
        assert_eq!((&c).write(b"more").unwrap_err().kind(), ErrorKind::BrokenPipe);
        assert_eq!(
            (&c).write_vectored(&[IoSlice::new(b"a")]).unwrap_err().kind(),
            ErrorKind::BrokenPipe
        );
        let to = c.getpeername().unwrap_or_else(|_| lo4());
        assert!(c.sendto(b"more", to).is_err());
        assert!(!take_pending_sigpipe(), "berkeley raised SIGPIPE");

        // Control: the bare C call does raise it, so the check above can fail.
        // SAFETY: c is an open socket and the buffer is a live 1-byte array.
        let rc = unsafe { libc::send(c.as_raw_fd(), b"x".as_ptr().cast(), 1, 0) };
        assert_eq!(rc, -1);
        assert!(take_pending_sigpipe(), "the control send raised no SIGPIPE");

        // SAFETY: restores the mask saved above.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut()) };
    });
}

#[test]
fn recv_timeout() {
    fd_leak_check("recv_timeout", || {
        let (c, _s) = tcp_pair(Domain::INET, &lo4());
        set_rcvtimeo(&c, Duration::from_millis(50));
        let err = c.recv(&mut [0u8; 8]).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            "unexpected {err}"
        );
        let u = udp(Domain::INET);
        u.bind(lo4()).unwrap();
        set_rcvtimeo(&u, Duration::from_millis(50));
        let err = u.recvfrom(&mut [0u8; 8]).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut), "{err}");
        assert_eq!(err.call(), Some("recvfrom"));
    });
}

#[cfg(unix)]
#[test]
fn bad_fd_is_ebadf() {
    fd_leak_check("bad_fd_is_ebadf", || {
        let fd = tcp(Domain::INET).into_raw_fd();
        // SAFETY: fd was just given up by into_raw_fd; we close it so it is no longer open
        // (the tests are serialised, so nothing reuses the number meanwhile).
        assert_eq!(unsafe { libc::close(fd) }, 0);
        // SAFETY: deliberately wrapping a closed descriptor: every call on it is a plain
        // syscall that fails with EBADF, which is what this test checks.
        let bad = unsafe { Socket::from_raw_fd(fd) };
        let err = bad.getsockname().unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EBADF));
        assert_eq!(err.to_string(), "getsockname: Bad file descriptor (os error 9)");
        assert_eq!(bad.send(b"x").unwrap_err().raw_os_error(), Some(libc::EBADF));
        assert_eq!(bad.recv(&mut [0u8; 1]).unwrap_err().raw_os_error(), Some(libc::EBADF));
        assert_eq!(
            bad.listen(1).unwrap_err().to_string(),
            "listen: Bad file descriptor (os error 9)"
        );
        let err = bad.bind(lo4()).unwrap_err();
        assert_eq!(err.to_string(), "bind(127.0.0.1:0): Bad file descriptor (os error 9)");
        assert_eq!(bad.dup().unwrap_err().raw_os_error(), Some(libc::EBADF));
        // connect first asks for a send timeout; that failing leaves connect to report it.
        let err = bad.connect(lo4()).unwrap_err();
        assert_eq!((err.call(), err.raw_os_error()), (Some("connect"), Some(libc::EBADF)));
        assert_eq!(bad.connect_ex(lo4()).unwrap(), libc::EBADF);
        // Debug leaves out every field the OS cannot report, and does not panic.
        assert_eq!(format!("{bad:?}"), format!("Socket {{ fd: {fd} }}"));
        assert_eq!(bad.set_nonblocking(true).unwrap_err().raw_os_error(), Some(libc::EBADF));
        // close(self) reports the error that Drop would swallow.
        let err = bad.close().unwrap_err();
        assert_eq!(err.call(), Some("close"));
        assert_eq!(err.raw_os_error(), Some(libc::EBADF));

        // A descriptor that is open but not a socket.
        let file = std::fs::File::open("/dev/null").unwrap();
        let not_sock = Socket::from(OwnedFd::from(file));
        assert_eq!(not_sock.getsockname().unwrap_err().raw_os_error(), Some(libc::ENOTSOCK));
    });
}

#[cfg(unix)]
#[test]
fn socket_creation_errors() {
    fd_leak_check("socket_creation_errors", || {
        let err =
            Socket::new(Domain::from_raw(12345), Type::STREAM, Protocol::DEFAULT).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EAFNOSUPPORT));
        assert!(err.to_string().starts_with("socket: "), "{err}");
        let err = Socket::new(Domain::INET, Type::STREAM, Protocol::UDP).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EPROTONOSUPPORT));
        let err = Socket::socketpair(Domain::INET, Type::STREAM, Protocol::DEFAULT).unwrap_err();
        assert_eq!(err.call(), Some("socketpair"));
        // Not connected / not listening.
        let s = tcp(Domain::INET);
        assert_eq!(s.getpeername().unwrap_err().kind(), ErrorKind::NotConnected);
        assert_eq!(s.shutdown(Shutdown::BOTH).unwrap_err().raw_os_error(), Some(libc::ENOTCONN));
        assert_eq!(s.accept().unwrap_err().raw_os_error(), Some(libc::EINVAL));
        assert_eq!(udp(Domain::INET).listen(1).unwrap_err().raw_os_error(), Some(libc::EOPNOTSUPP));
    });
}

// ---- connect_timeout ---------------------------------------------------------------------------

#[test]
fn connect_timeout_paths() {
    fd_leak_check("connect_timeout_paths", || {
        let l = listener(Domain::INET, &lo4());
        let addr = l.getsockname().unwrap();

        let c = tcp(Domain::INET);
        c.connect_timeout(addr, LONG).unwrap();
        #[cfg(unix)]
        assert!(!c.nonblocking().unwrap(), "blocking mode restored");
        let (s, peer) = l.accept().unwrap();
        assert_eq!(peer, c.getsockname().unwrap());
        c.sendall(b"ok").unwrap();
        assert_eq!(s.recv(&mut [0u8; 4]).unwrap(), 2);

        // A socket that was non-blocking stays non-blocking. (Windows cannot read the mode
        // back, so there connect_timeout leaves every socket blocking: not tested.)
        #[cfg(unix)]
        {
            let nb = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
            nb.connect_timeout(addr, LONG).unwrap();
            assert!(nb.nonblocking().unwrap());
            assert_eq!(nb.getpeername().unwrap(), addr);
        }

        // Refused: the same error as connect, and the mode is restored.
        let holder = tcp(Domain::INET);
        holder.bind(lo4()).unwrap();
        let closed = holder.getsockname().unwrap();
        let c = tcp(Domain::INET);
        let err = c.connect_timeout(closed, LONG).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused, "{err}");
        assert!(err.to_string().starts_with(&format!("connect({closed}): ")), "{err}");
        #[cfg(target_os = "linux")]
        assert_eq!(
            err.to_string(),
            format!("connect({closed}): Connection refused (os error 111)")
        );
        #[cfg(unix)]
        assert!(!c.nonblocking().unwrap());

        // A zero timeout is bad input, not an OS call.
        let err = tcp(Domain::INET).connect_timeout(addr, Duration::ZERO).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { call: "connect", .. }), "{err:?}");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);

        // Already connected: EISCONN from connect itself. (Linux reports success once more
        // after a non-blocking connect completes, then EISCONN.)
        let c = tcp(Domain::INET);
        c.connect(addr).unwrap();
        let err = c.connect_timeout(addr, LONG).unwrap_err();
        #[cfg(unix)]
        assert_eq!(err.raw_os_error(), Some(libc::EISCONN));
        #[cfg(windows)]
        assert_eq!(err.raw_os_error(), Some(10056)); // WSAEISCONN
    });
}

// ---- EINTR -------------------------------------------------------------------------------------

#[cfg(unix)]
extern "C" fn on_sigusr1(_: libc::c_int) {}

/// Interrupts `target` with SIGUSR1 (installed without `SA_RESTART`, so blocking calls fail with
/// `EINTR` unless retried) `times` times, then runs `then`.
#[cfg(unix)]
fn interrupt_then(
    target: libc::pthread_t,
    times: u32,
    then: impl FnOnce() + Send + 'static,
) -> std::thread::JoinHandle<()> {
    // SAFETY: a zeroed sigaction is valid; the handler is an async-signal-safe no-op.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigusr1 as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = 0; // no SA_RESTART
        libc::sigemptyset(&mut sa.sa_mask);
        assert_eq!(libc::sigaction(libc::SIGUSR1, &sa, std::ptr::null_mut()), 0);
    }
    #[allow(clippy::unnecessary_cast)] // pthread_t is usize on Apple, another type elsewhere
    let target = target as usize;
    std::thread::spawn(move || {
        for _ in 0..times {
            std::thread::sleep(Duration::from_millis(30));
            // SAFETY: target is the test thread, which is alive until it joins this thread.
            unsafe { libc::pthread_kill(target as libc::pthread_t, libc::SIGUSR1) };
        }
        then();
    })
}

#[cfg(unix)]
#[test]
fn blocking_calls_retry_eintr() {
    fd_leak_check("blocking_calls_retry_eintr", || {
        // SAFETY: pthread_self has no preconditions.
        let me = unsafe { libc::pthread_self() };

        // recv
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        let s2 = s.dup().unwrap();
        let t = interrupt_then(me, 5, move || s2.sendall(b"late").unwrap());
        let mut buf = [0u8; 8];
        assert_eq!(c.recv(&mut buf).unwrap(), 4);
        t.join().unwrap();

        // recvfrom
        let u = udp(Domain::INET);
        u.bind(lo4()).unwrap();
        let to = u.getsockname().unwrap();
        let t = interrupt_then(me, 5, move || {
            udp(Domain::INET).sendto(b"late", to).unwrap();
        });
        assert_eq!(u.recvfrom(&mut buf).unwrap().0, 4);
        t.join().unwrap();

        // accept
        let l = listener(Domain::INET, &lo4());
        let laddr = l.getsockname().unwrap();
        let t = interrupt_then(me, 5, move || {
            let c = tcp(Domain::INET);
            c.connect(laddr).unwrap();
            c.sendall(b"x").unwrap();
        });
        let (a, _) = l.accept().unwrap();
        t.join().unwrap();
        drop(a);

        // poll (forever and with a timeout)
        let (p, q) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
        let t = interrupt_then(me, 5, move || q.sendall(b"x").unwrap());
        let mut fds = [PollFd::new(&p, PollFlags::IN)];
        assert_eq!(poll(&mut fds, None).unwrap(), 1);
        t.join().unwrap();
        let (p, q) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
        let t = interrupt_then(me, 5, move || q.sendall(b"x").unwrap());
        let mut fds = [PollFd::new(&p, PollFlags::IN)];
        assert_eq!(poll(&mut fds, Some(LONG)).unwrap(), 1);
        t.join().unwrap();
    });
}

// ---- std::io, descriptors, std types ----------------------------------------------------------

#[test]
fn read_write_traits() {
    fd_leak_check("read_write_traits", || {
        let (mut c, mut s) = tcp_pair(Domain::INET, &lo4());
        c.write_all(b"owned ").unwrap();
        (&c).write_all(b"and borrowed").unwrap();
        c.flush().unwrap();
        let mut buf = [0u8; 18];
        s.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"owned and borrowed");

        let n = (&c).write_vectored(&[IoSlice::new(b"gat"), IoSlice::new(b"her")]).unwrap();
        assert_eq!(n, 6);
        let (mut x, mut y) = ([0u8; 2], [0u8; 4]);
        let n =
            (&s).read_vectored(&mut [IoSliceMut::new(&mut x), IoSliceMut::new(&mut y)]).unwrap();
        assert!(n > 0);
        let mut all = [x.as_slice(), y.as_slice()].concat();
        all.truncate(n);
        let mut rest = vec![0u8; 6 - n];
        (&s).read_exact(&mut rest).unwrap();
        all.extend(rest);
        assert_eq!(all, b"gather");
        assert_eq!(s.write_vectored(&[IoSlice::new(b"o")]).unwrap(), 1);
        let mut one = [0u8; 1];
        assert_eq!(c.read_vectored(&mut [IoSliceMut::new(&mut one)]).unwrap(), 1);

        drop(c);
        let mut rest = Vec::new();
        assert_eq!(s.read_to_end(&mut rest).unwrap(), 0);
    });
}

#[cfg(unix)]
#[test]
fn descriptor_traits() {
    fd_leak_check("descriptor_traits", || {
        let s = tcp(Domain::INET);
        let raw = s.as_raw_fd();
        assert_eq!(s.as_fd().as_raw_fd(), raw);
        let owned = OwnedFd::from(s);
        assert_eq!(owned.as_raw_fd(), raw);
        let s = Socket::from(owned);
        let raw2 = s.into_raw_fd();
        assert_eq!(raw2, raw);
        // SAFETY: raw2 was given up by into_raw_fd and is still open.
        let s = unsafe { Socket::from_raw_fd(raw2) };
        s.bind(lo4()).unwrap();
        s.close().unwrap();
    });
}

#[test]
fn std_conversions_both_ways() {
    fd_leak_check("std_conversions_both_ways", || {
        use std::net::{TcpListener, TcpStream, UdpSocket};

        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let want = SockAddr::from(l.local_addr().unwrap());
        let l = Socket::from(l);
        assert_eq!(l.getsockname().unwrap(), want);
        let c = TcpStream::connect(l.getsockname().unwrap().as_socket().unwrap()).unwrap();
        let c = Socket::from(c);
        let (s, _) = l.accept().unwrap();
        let mut s = TcpStream::from(s);
        c.sendall(b"to std").unwrap();
        let mut buf = [0u8; 6];
        s.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"to std");
        let l = TcpListener::from(l);
        assert_eq!(SockAddr::from(l.local_addr().unwrap()), want);

        let u = UdpSocket::bind("127.0.0.1:0").unwrap();
        let u = Socket::from(u);
        u.sendto(b"u", u.getsockname().unwrap()).unwrap();
        let u = UdpSocket::from(u);
        assert_eq!(u.recv(&mut buf).unwrap(), 1);
    });
}

#[cfg(unix)]
#[test]
fn std_unix_conversions_both_ways() {
    fd_leak_check("std_unix_conversions_both_ways", || {
        use std::os::unix::net::{UnixDatagram, UnixListener, UnixStream};

        let (a, b) = UnixStream::pair().unwrap();
        let a = Socket::from(a);
        a.sendall(b"unix").unwrap();
        let mut b = Socket::from(b);
        let mut four = [0u8; 4];
        b.read_exact(&mut four).unwrap();
        let _back: UnixStream = Socket::from(UnixStream::from(a)).into();

        let (p, q) = Socket::socketpair(Domain::UNIX, Type::DGRAM, Protocol::DEFAULT).unwrap();
        let p = UnixDatagram::from(p);
        p.send(b"dg").unwrap();
        assert_eq!(q.recv(&mut four).unwrap(), 2);
        let _q = UnixDatagram::from(Socket::from(p));

        let dir = std::env::temp_dir().join(format!("berkeley-conv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ul = UnixListener::bind(dir.join("s")).unwrap();
        let ul = UnixListener::from(Socket::from(ul));
        drop(ul);
        std::fs::remove_dir_all(&dir).unwrap();
    });
}

// ---- poll ----------------------------------------------------------------------------------------

#[test]
fn poll_reports_readiness() {
    fd_leak_check("poll_reports_readiness", || {
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        let mut fds = [PollFd::new(&c, PollFlags::IN), PollFd::new(&s, PollFlags::OUT)];
        assert_eq!(poll(&mut fds, Some(Duration::ZERO)).unwrap(), 1);
        assert!(fds[0].revents().is_empty());
        assert_eq!(fds[1].revents(), PollFlags::OUT);

        s.sendall(b"data").unwrap();
        fds[1].set_events(PollFlags::empty());
        assert_eq!(poll(&mut fds, Some(LONG)).unwrap(), 1);
        assert!(fds[0].revents().contains(PollFlags::IN));

        c.recv(&mut [0u8; 4]).unwrap();
        s.shutdown(Shutdown::BOTH).unwrap();
        let mut fds = [PollFd::new(&c, PollFlags::IN | PollFlags::RDNORM)];
        assert_eq!(poll(&mut fds, None).unwrap(), 1);
        // End-of-file reads as readable (Windows may report it as HUP alone).
        #[cfg(unix)]
        assert!(fds[0].revents().contains(PollFlags::IN), "{:?}", fds[0]);
        #[cfg(windows)]
        assert!(fds[0].revents().intersects(PollFlags::IN | PollFlags::HUP), "{:?}", fds[0]);

        // A short timeout on an idle socket returns 0 (no timing assertion).
        let u = udp(Domain::INET);
        u.bind(lo4()).unwrap();
        let mut fds = [PollFd::new(&u, PollFlags::IN)];
        assert_eq!(poll(&mut fds, Some(Duration::from_micros(1))).unwrap(), 0);
        #[cfg(unix)] // WSAPoll rejects an empty set
        assert_eq!(poll(&mut [], Some(Duration::from_millis(1))).unwrap(), 0);

        // Peer reset: ERR/HUP reported without being asked for.
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        set_linger_zero(&s);
        drop(s);
        let mut fds = [PollFd::new(&c, PollFlags::empty())];
        assert_eq!(poll(&mut fds, Some(LONG)).unwrap(), 1);
        assert!(fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP), "{:?}", fds[0]);
    });
}

// ---- recv contract under MSG_TRUNC ---------------------------------------------------------

/// On Linux TCP, MSG_TRUNC discards data without writing it: berkeley says so (`len` 0), where
/// the bare count would claim bytes the buffer never got.
#[cfg(target_os = "linux")]
#[test]
fn tcp_trunc_discards_without_writing() {
    fd_leak_check("tcp_trunc_discards_without_writing", || {
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        c.sendall(b"hello world").unwrap();
        let mut buf = [0xaau8; 4];
        let got = s.recv_with_flags(&mut buf, MsgFlags::TRUNC).unwrap();
        assert_eq!(got, Received { len: 0, full_len: 4 });
        assert!(got.is_truncated());
        assert_eq!(buf, [0xaa; 4], "the kernel wrote nothing");
        let mut rest = [0u8; 16];
        let n = s.recv(&mut rest).unwrap();
        assert_eq!(&rest[..n], b"o world", "the first 4 bytes were discarded");
        // recvfrom_with_flags follows the same rule.
        c.sendall(b"abcdef").unwrap();
        let (got, _) = s.recvfrom_with_flags(&mut buf, MsgFlags::TRUNC).unwrap();
        assert_eq!(got, Received { len: 0, full_len: 4 });
        // Without TRUNC nothing changes: the count is what was written.
        let got = s.recv_with_flags(&mut buf, MsgFlags::PEEK).unwrap();
        assert_eq!(got, Received { len: 2, full_len: 2 });
        assert_eq!(&buf[..2], b"ef");
    });
}

// ---- connect: time limits, connect_ex --------------------------------------------------------

/// A TCP listener on loopback whose accept queue is full, so the kernel drops further SYNs
/// (Linux: `listen(0)` queues one connection); returns it with the connections that filled it.
#[cfg(target_os = "linux")]
fn syn_dropping_listener() -> (Socket, Vec<Socket>) {
    let l = tcp(Domain::INET);
    l.bind(lo4()).unwrap();
    l.listen(0).unwrap();
    let addr = l.getsockname().unwrap();
    let mut queued = Vec::new();
    for _ in 0..8 {
        let c = tcp(Domain::INET);
        match c.connect_timeout(addr, Duration::from_millis(300)) {
            Ok(()) => queued.push(c),
            Err(e) if e.is_timeout() => return (l, queued),
            Err(e) => panic!("filling the accept queue: {e}"),
        }
    }
    panic!("the accept queue never filled");
}

#[cfg(target_os = "linux")]
#[test]
fn connect_timeout_expires_with_timed_out() {
    fd_leak_check("connect_timeout_expires_with_timed_out", || {
        let (l, _queued) = syn_dropping_listener();
        let addr = l.getsockname().unwrap();
        let c = tcp(Domain::INET);
        let err = c.connect_timeout(addr, Duration::from_millis(100)).unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert_eq!(err.kind(), ErrorKind::TimedOut);
        assert_eq!(err.call(), Some("connect"));
        assert_eq!(err.addr(), Some(&addr));
        assert_eq!(
            err.to_string(),
            format!("connect({addr}): Connection timed out (os error 110)")
        );
        assert!(c.getblocking().unwrap(), "blocking mode restored");

        // settimeout: a plain connect honours it, as in Python.
        let c = tcp(Domain::INET);
        c.settimeout(Some(Duration::from_millis(100))).unwrap();
        let err = c.connect(addr).unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert!(c.getblocking().unwrap());
        // connect_ex reports the same outcome as a code.
        let c = tcp(Domain::INET);
        c.settimeout(Some(Duration::from_millis(100))).unwrap();
        assert_eq!(c.connect_ex(addr).unwrap(), libc::ETIMEDOUT);
    });
}

#[test]
fn connect_ex_returns_codes() {
    fd_leak_check("connect_ex_returns_codes", || {
        let holder = tcp(Domain::INET);
        holder.bind(lo4()).unwrap();
        let closed = holder.getsockname().unwrap();
        let code = tcp(Domain::INET).connect_ex(closed).unwrap();
        assert_eq!(Error::os("connect", code).kind(), ErrorKind::ConnectionRefused, "{code}");

        let l = listener(Domain::INET, &lo4());
        let addr = l.getsockname().unwrap();
        let c = tcp(Domain::INET);
        assert_eq!(c.connect_ex(addr).unwrap(), 0);
        assert_eq!(c.getpeername().unwrap(), addr);

        // Non-blocking: 0 or "in progress", never an Err.
        let nb = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
        let code = nb.connect_ex(addr).unwrap();
        assert!(code == 0 || Error::os("connect", code).is_in_progress(), "{code}");

        // A send timeout on a non-blocking socket does not make connect wait.
        let nb = Socket::new(Domain::INET, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
        nb.setsockopt(berkeley::sockopt::SndTimeo, Some(LONG)).unwrap();
        match nb.connect(addr) {
            Ok(()) => {}
            Err(e) => assert!(e.is_in_progress(), "{e:?}"),
        }

        // Bad input is still an error, not a code.
        let err = tcp(Domain::INET).connect_ex("999.1.1.1:80").unwrap_err();
        assert!(err.raw_os_error().is_none(), "{err:?}");
    });
}

// ---- accept4, close-on-exec, inheritance -----------------------------------------------------

#[test]
fn accept4_sets_the_mode_it_is_asked_for() {
    use berkeley::socket::AcceptFlags;
    fd_leak_check("accept4_sets_the_mode_it_is_asked_for", || {
        let l = listener(Domain::INET, &lo4());
        let addr = l.getsockname().unwrap();
        let _c1 = tcp(Domain::INET);
        _c1.connect(addr).unwrap();
        let (a, peer) = l.accept4(AcceptFlags::NONBLOCK).unwrap();
        assert_eq!(peer, _c1.getsockname().unwrap());
        assert!(a.recv(&mut [0u8; 4]).unwrap_err().is_would_block());
        #[cfg(unix)]
        assert!(!a.getblocking().unwrap());
        #[cfg(unix)]
        assert!(a.cloexec().unwrap());

        // A non-blocking listener: accept() and accept4(empty) still give blocking sockets
        // (BSD, Apple and Windows would pass the listener's mode on; berkeley sets it).
        l.set_nonblocking(true).unwrap();
        assert!(l.accept().unwrap_err().is_would_block());
        let _c2 = tcp(Domain::INET);
        _c2.connect(addr).unwrap();
        let got = loop {
            match l.accept4(AcceptFlags::empty() | AcceptFlags::CLOEXEC) {
                Err(e) if e.is_would_block() => std::thread::sleep(Duration::from_millis(5)),
                other => break other.unwrap().0,
            }
        };
        #[cfg(unix)]
        assert!(got.getblocking().unwrap());
        got.settimeout(Some(Duration::from_millis(20))).unwrap();
        assert!(got.recv(&mut [0u8; 4]).unwrap_err().is_timeout(), "blocking, so it timed out");
    });
}

#[test]
fn inheritable_round_trip() {
    fd_leak_check("inheritable_round_trip", || {
        let s = udp(Domain::INET);
        assert!(!s.get_inheritable().unwrap());
        s.set_inheritable(true).unwrap();
        assert!(s.get_inheritable().unwrap());
        #[cfg(unix)]
        {
            assert!(!is_cloexec(s.as_raw_fd()));
            assert!(!s.cloexec().unwrap());
            s.set_cloexec(true).unwrap();
            assert!(is_cloexec(s.as_raw_fd()));
            assert!(!s.get_inheritable().unwrap());
            s.set_cloexec(true).unwrap(); // idempotent
            assert!(s.cloexec().unwrap());
        }
        s.set_inheritable(false).unwrap();
        assert!(!s.get_inheritable().unwrap());
    });
}

// ---- Python's timeouts -------------------------------------------------------------------------

#[test]
fn settimeout_like_python() {
    fd_leak_check("settimeout_like_python", || {
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        let t = Duration::from_millis(30);

        // Some(t): blocking with SO_RCVTIMEO = SO_SNDTIMEO = t; a recv gives up with Timeout.
        c.settimeout(Some(t)).unwrap();
        // The OS may round the time up to its clock tick (Linux: a jiffy).
        let rcv = c.getsockopt(RcvTimeo).unwrap().unwrap();
        assert!(rcv >= t && rcv < t + Duration::from_millis(20), "{rcv:?}");
        assert_eq!(c.getsockopt(berkeley::sockopt::SndTimeo).unwrap(), Some(rcv));
        #[cfg(unix)]
        {
            assert_eq!(c.gettimeout().unwrap(), Some(rcv));
            assert!(c.getblocking().unwrap());
        }
        let err = c.recv(&mut [0u8; 8]).unwrap_err();
        // Unix says EAGAIN, which berkeley names a timeout; Windows says WSAETIMEDOUT.
        #[cfg(unix)]
        assert!(matches!(err, Error::Timeout { call: "recv", .. }), "{err:?}");
        assert!(err.is_timeout() && !err.is_would_block(), "{err:?}");
        #[cfg(target_os = "linux")]
        assert_eq!(err.to_string(), "recv: timed out (os error 11)");
        // The Read impl keeps the plain OS error, as std's TcpStream does.
        #[cfg(unix)]
        {
            let io = (&c).read(&mut [0u8; 8]).unwrap_err();
            assert_eq!(io.raw_os_error(), Some(libc::EAGAIN));
            assert_eq!(io.kind(), ErrorKind::WouldBlock);
            assert!(Error::downcast_ref(&io).is_none());
        }

        // Some(ZERO): non-blocking, timeouts cleared.
        c.settimeout(Some(Duration::ZERO)).unwrap();
        assert!(c.recv(&mut [0u8; 8]).unwrap_err().is_would_block());
        assert_eq!(c.getsockopt(RcvTimeo).unwrap(), None);
        #[cfg(unix)]
        {
            assert_eq!(c.gettimeout().unwrap(), Some(Duration::ZERO));
            assert!(!c.getblocking().unwrap());
        }

        // setblocking(true) == settimeout(None): blocking, no timeout.
        c.settimeout(Some(t)).unwrap();
        c.setblocking(true).unwrap();
        assert_eq!(c.getsockopt(RcvTimeo).unwrap(), None);
        assert_eq!(c.getsockopt(berkeley::sockopt::SndTimeo).unwrap(), None);
        #[cfg(unix)]
        assert_eq!(c.gettimeout().unwrap(), None);
        s.sendall(b"x").unwrap();
        assert_eq!(c.recv(&mut [0u8; 8]).unwrap(), 1);

        // setblocking(false) == settimeout(Some(ZERO)).
        c.setblocking(false).unwrap();
        assert!(c.recv(&mut [0u8; 8]).unwrap_err().is_would_block());
        c.settimeout(None).unwrap();
        #[cfg(unix)]
        assert!(c.getblocking().unwrap());

        // accept honours the timeout too (Linux only: BSD, Apple and Windows accept ignore
        // SO_RCVTIMEO).
        #[cfg(target_os = "linux")]
        {
            let l = listener(Domain::INET, &lo4());
            l.settimeout(Some(t)).unwrap();
            assert!(l.accept().unwrap_err().is_timeout());
        }
        // A timeout too long for the OS is bad input, and changes nothing.
        let err = c.settimeout(Some(Duration::MAX)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err:?}");
    });
}

// ---- Debug like Python's repr ------------------------------------------------------------------

#[test]
fn debug_is_like_pythons_repr() {
    fd_leak_check("debug_is_like_pythons_repr", || {
        let (c, s) = tcp_pair(Domain::INET, &lo4());
        let (ca, sa) = (c.getsockname().unwrap(), s.getsockname().unwrap());
        let text = format!("{c:?}");
        #[cfg(target_os = "linux")]
        assert_eq!(
            text,
            format!(
                "Socket {{ fd: {}, domain: AF_INET, type: SOCK_STREAM, protocol: IPPROTO_TCP, \
                 laddr: {ca}, raddr: {sa} }}",
                c.as_raw_fd()
            )
        );
        assert!(text.contains(&format!("laddr: {ca}")) && text.contains(&format!("raddr: {sa}")));

        // Not connected: no raddr. Alternate form works too.
        let u = udp(Domain::INET);
        let text = format!("{u:?}");
        assert!(text.contains("type: SOCK_DGRAM") && !text.contains("raddr"), "{text}");
        assert!(format!("{u:#?}").contains("type: SOCK_DGRAM"));
    });
}

// ---- ICMP errors on UDP ----------------------------------------------------------------------

/// What `sendto`'s docs say: Linux reports an earlier datagram's ICMP port-unreachable only on
/// a connected UDP socket.
#[cfg(target_os = "linux")]
#[test]
fn icmp_errors_only_on_connected_udp() {
    fd_leak_check("icmp_errors_only_on_connected_udp", || {
        let gone = udp(Domain::INET);
        gone.bind(lo4()).unwrap();
        let dead = gone.getsockname().unwrap();
        drop(gone);

        // Unconnected: every sendto succeeds.
        let s = udp(Domain::INET);
        s.bind(lo4()).unwrap();
        for _ in 0..3 {
            assert_eq!(s.sendto(b"anyone?", dead).unwrap(), 7);
        }

        // Connected: the ICMP error is queued on the socket (poll reports POLLERR) ...
        let k = udp(Domain::INET);
        k.connect(dead).unwrap();
        k.send(b"anyone?").unwrap();
        let mut fds = [PollFd::new(&k, PollFlags::IN)];
        assert_eq!(poll(&mut fds, Some(LONG)).unwrap(), 1);
        assert!(fds[0].revents().contains(PollFlags::ERR), "{:?}", fds[0].revents());
        // ... by which time the unconnected socket's ICMP errors (sent earlier, on the same
        // loopback path) have arrived too: it has none queued.
        let mut fds = [PollFd::new(&s, PollFlags::IN)];
        assert_eq!(poll(&mut fds, Some(Duration::ZERO)).unwrap(), 0);
        let err = s.recv_with_flags(&mut [0u8; 8], MsgFlags::DONTWAIT).unwrap_err();
        assert!(err.is_would_block(), "{err}");

        // The connected socket's next call fails once with ECONNREFUSED.
        let err = k.sendto(b"again", dead).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused, "{err}");
        assert_eq!(err.to_string(), format!("sendto({dead}): Connection refused (os error 111)"));
        assert_eq!(k.send(b"and again").unwrap(), 9, "reported once");
    });
}

//! `select` and `FdSet`: readiness agrees with `poll` on the same sockets, the FD_SETSIZE bound
//! is an error, EINTR is retried.

mod util;

use std::time::Duration;

use berkeley::poll::{poll, PollFd, PollFlags};
use berkeley::select::{select, FdSet};
use berkeley::{Domain, Protocol, Type};
use berkeley::{Error, MsgFlags, Socket};

const LONG: Option<Duration> = Some(Duration::from_secs(10));

/// A connected TCP pair on IPv4 loopback: (client, server side).
fn tcp_pair() -> (Socket, Socket) {
    let l = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    l.bind("127.0.0.1:0").unwrap();
    l.listen(1).unwrap();
    let c = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    c.connect(l.getsockname().unwrap()).unwrap();
    let (s, _) = l.accept().unwrap();
    (c, s)
}

/// What `poll` reports for `sock` and `events`, without waiting.
fn poll_now(sock: &Socket, events: PollFlags) -> PollFlags {
    let mut fds = [PollFd::new(sock, events)];
    poll(&mut fds, Some(Duration::ZERO)).unwrap();
    fds[0].revents()
}

#[test]
fn readable_after_the_peer_writes_agrees_with_poll() {
    let (c, s) = tcp_pair();
    let mut r = FdSet::new();
    r.insert(&c).unwrap();
    r.insert(&s).unwrap();
    // Nothing written yet: a zero timeout returns at once with empty sets, as poll says.
    let mut ready = r.clone();
    assert_eq!(select(Some(&mut ready), None, None, Some(Duration::ZERO)).unwrap(), 0);
    assert!(ready.is_empty());
    assert!(!poll_now(&c, PollFlags::IN).contains(PollFlags::IN));

    s.sendall(b"hello").unwrap();
    let mut ready = r.clone();
    assert_eq!(select(Some(&mut ready), None, None, LONG).unwrap(), 1);
    assert!(ready.contains(&c));
    assert!(!ready.contains(&s));
    assert_eq!(ready.len(), 1);
    assert!(poll_now(&c, PollFlags::IN).contains(PollFlags::IN));
    assert!(!poll_now(&s, PollFlags::IN).contains(PollFlags::IN));

    // Both readable: both stay in the set, and iteration yields exactly them.
    c.sendall(b"back").unwrap();
    let mut ready = r.clone();
    let mut buf = [0u8; 8];
    // Wait until s sees the data too (c's is already there).
    assert_eq!(s.recv_with_flags(&mut buf, MsgFlags::PEEK).unwrap().len, 4);
    assert_eq!(select(Some(&mut ready), None, None, LONG).unwrap(), 2);
    assert_eq!(ready.iter().count(), 2);
    assert!(ready.contains(&c) && ready.contains(&s));
}

#[test]
fn writable_after_connect_agrees_with_poll() {
    let (c, s) = tcp_pair();
    let mut w = FdSet::new();
    w.insert(&c).unwrap();
    w.insert(&s).unwrap();
    let mut r = FdSet::new();
    r.insert(&c).unwrap();
    let n = select(Some(&mut r), Some(&mut w), None, LONG).unwrap();
    assert_eq!(n, 2, "two writable, none readable");
    assert!(w.contains(&c) && w.contains(&s));
    assert!(r.is_empty());
    assert!(poll_now(&c, PollFlags::OUT).contains(PollFlags::OUT));
    assert!(poll_now(&s, PollFlags::OUT).contains(PollFlags::OUT));
}

#[test]
fn nonblocking_connect_becomes_writable() {
    let l = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    l.bind("127.0.0.1:0").unwrap();
    l.listen(1).unwrap();
    let c = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    c.set_nonblocking(true).unwrap();
    match c.connect(l.getsockname().unwrap()) {
        Ok(()) => {}
        Err(e) => assert!(e.is_in_progress() || e.is_would_block(), "{e}"),
    }
    let mut w = FdSet::new();
    w.insert(&c).unwrap();
    assert_eq!(select(None, Some(&mut w), None, LONG).unwrap(), 1);
    assert!(w.contains(&c));
    assert!(c.getpeername().is_ok(), "connected once writable");
}

#[test]
fn exceptional_for_out_of_band_data() {
    let (c, s) = tcp_pair();
    let mut x = FdSet::new();
    x.insert(&c).unwrap();
    assert_eq!(select(None, None, Some(&mut x.clone()), Some(Duration::ZERO)).unwrap(), 0);

    s.send_with_flags(b"!", MsgFlags::OOB).unwrap();
    assert_eq!(select(None, None, Some(&mut x), LONG).unwrap(), 1);
    assert!(x.contains(&c));
    #[cfg(unix)] // Microsoft's WSAPoll does not support POLLPRI
    assert!(poll_now(&c, PollFlags::PRI).contains(PollFlags::PRI));
    let mut buf = [0u8; 1];
    assert_eq!(c.recv_with_flags(&mut buf, MsgFlags::OOB).unwrap().len, 1);
    assert_eq!(&buf, b"!");
}

#[test]
fn timeout_returns_zero_and_empties_the_sets() {
    let u = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    u.bind("127.0.0.1:0").unwrap();
    let mut r = FdSet::new();
    r.insert(&u).unwrap();
    assert_eq!(select(Some(&mut r), None, None, Some(Duration::from_millis(20))).unwrap(), 0);
    assert!(r.is_empty());
    assert!(!r.contains(&u));
}

#[test]
fn set_operations() {
    let a = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    let b = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    let mut set = FdSet::new();
    assert!(set.is_empty());
    set.insert(&a).unwrap();
    set.insert(&a).unwrap();
    set.insert(&b).unwrap();
    assert_eq!(set.len(), 2);
    assert!(set.remove(&a));
    assert!(!set.remove(&a));
    assert!(!set.contains(&a) && set.contains(&b));
    assert_eq!(set.len(), 1);
    let copy = set.clone();
    set.clear();
    assert!(set.is_empty() && copy.contains(&b));
    assert_eq!(format!("{:?}", FdSet::new()), "{}");
}

/// Unix: a descriptor ≥ FD_SETSIZE (1024) is a typed error, never a write past the set.
#[cfg(unix)]
#[test]
fn descriptor_at_or_above_fd_setsize_is_an_error() {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    // SAFETY: F_DUPFD_CLOEXEC duplicates a descriptor we own; the new one is owned below.
    let high = unsafe { libc::fcntl(s.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 1030) };
    if high < 0 {
        util::skip(
            "descriptor_at_or_above_fd_setsize_is_an_error",
            "RLIMIT_NOFILE does not allow a descriptor above 1024",
        );
        return;
    }
    // SAFETY: `high` was just returned by fcntl and nothing else owns it.
    let high = unsafe { OwnedFd::from_raw_fd(high) };
    let mut set = FdSet::new();
    let err = set.insert(&high).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { call: "FD_SET", .. }), "{err:?}");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(set.is_empty());
    assert!(!set.contains(&high));
    assert!(!set.remove(&high));
    // The set still works for ordinary descriptors.
    set.insert(&s).unwrap();
    assert_eq!(set.len(), 1);
}

/// Windows: an `fd_set` holds 64 handles; the 65th is a typed error.
#[cfg(windows)]
#[test]
fn sixty_fifth_socket_is_an_error() {
    let socks: Vec<Socket> =
        (0..65).map(|_| Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap()).collect();
    let mut set = FdSet::new();
    for s in &socks[..64] {
        set.insert(s).unwrap();
    }
    let err = set.insert(&socks[64]).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { call: "FD_SET", .. }), "{err:?}");
    assert_eq!(set.len(), 64);
    // Removing one makes room, and the order of the others is kept.
    assert!(set.remove(&socks[0]));
    set.insert(&socks[64]).unwrap();
    assert!(set.contains(&socks[64]) && !set.contains(&socks[0]) && set.contains(&socks[1]));
}

/// Unix waits out the timeout when no set is given (Winsock rejects that).
#[cfg(unix)]
#[test]
fn empty_sets_wait_out_the_timeout() {
    assert_eq!(select(None, None, None, Some(Duration::from_millis(1))).unwrap(), 0);
}

#[cfg(unix)]
extern "C" fn on_sigusr1(_: libc::c_int) {}

/// `select` interrupted by signals (no `SA_RESTART`) keeps waiting with the sets the caller
/// filled, and reports the socket once the peer writes.
#[cfg(unix)]
#[test]
fn eintr_is_retried_with_the_original_sets() {
    // SAFETY: a zeroed sigaction is valid; the handler is an async-signal-safe no-op.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigusr1 as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = 0; // no SA_RESTART
        libc::sigemptyset(&mut sa.sa_mask);
        assert_eq!(libc::sigaction(libc::SIGUSR1, &sa, std::ptr::null_mut()), 0);
    }
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() };
    #[allow(clippy::unnecessary_cast)] // pthread_t is usize on Apple, another type elsewhere
    let me = me as usize;
    let (c, s) = tcp_pair();
    let t = std::thread::spawn(move || {
        for _ in 0..5 {
            std::thread::sleep(Duration::from_millis(30));
            // SAFETY: `me` is the test thread, which is alive until it joins this thread.
            unsafe { libc::pthread_kill(me as libc::pthread_t, libc::SIGUSR1) };
        }
        s.sendall(b"late").unwrap();
        s
    });
    let mut r = FdSet::new();
    r.insert(&c).unwrap();
    // Timed and untimed: both retry.
    assert_eq!(select(Some(&mut r), None, None, Some(Duration::from_secs(60))).unwrap(), 1);
    assert!(r.contains(&c));
    let s = t.join().unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(c.recv(&mut buf).unwrap(), 4);

    let t = std::thread::spawn(move || {
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(30));
            // SAFETY: as above.
            unsafe { libc::pthread_kill(me as libc::pthread_t, libc::SIGUSR1) };
        }
        s.sendall(b"again").unwrap();
    });
    let mut r = FdSet::new();
    r.insert(&c).unwrap();
    assert_eq!(select(Some(&mut r), None, None, None).unwrap(), 1);
    t.join().unwrap();
}

#[test]
fn std_sockets_can_be_selected() {
    let u = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    u.send_to(b"x", u.local_addr().unwrap()).unwrap();
    let mut r = FdSet::new();
    r.insert(&u).unwrap();
    assert_eq!(select(Some(&mut r), None, None, LONG).unwrap(), 1);
    assert!(r.contains(&u));
}

// ---- sendall under settimeout ------------------------------------------------------------------

/// Python's `sendall` with a timeout: the time bounds the whole call, not each `send`. A reader
/// that drains slowly lets every single `send` make progress within the timeout, yet the whole
/// buffer takes far longer: `sendall` must fail with a timeout, not succeed late.
#[test]
fn sendall_timeout_bounds_the_whole_call() {
    use berkeley::sockopt::{RcvBuf, SndBuf};
    let (c, s) = tcp_pair();
    c.setsockopt(SndBuf, 16 * 1024).unwrap();
    s.setsockopt(RcvBuf, 16 * 1024).unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut total = 0usize;
        // About 400 KB/s: 8 MiB would take 20 s.
        loop {
            match s.recv(&mut buf) {
                Ok(0) | Err(_) => return total,
                Ok(n) => total += n,
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    });
    let t = Duration::from_millis(300);
    c.settimeout(Some(t)).unwrap();
    let data = vec![1u8; 8 << 20];
    let start = std::time::Instant::now();
    let err = c.sendall(&data).unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
    assert_eq!(err.call(), Some("send"));
    assert!(start.elapsed() >= t, "returned before the timeout: {:?}", start.elapsed());
    c.shutdown(berkeley::Shutdown::BOTH).unwrap();
    let got = reader.join().unwrap();
    assert!(got < data.len(), "the reader got everything ({got} bytes)");
}

/// Without a timeout `sendall` still delivers everything to a slow reader.
#[test]
fn sendall_without_timeout_sends_everything() {
    let (c, s) = tcp_pair();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        let mut total = 0usize;
        loop {
            match s.recv(&mut buf).unwrap() {
                0 => return total,
                n => total += n,
            }
        }
    });
    let data = vec![2u8; 4 << 20];
    c.sendall(&data).unwrap();
    c.shutdown(berkeley::Shutdown::WRITE).unwrap();
    assert_eq!(reader.join().unwrap(), data.len());
}

// ---- create_server -----------------------------------------------------------------------------

#[test]
fn create_server_listens_and_accepts() {
    use berkeley::{create_server, ServerOptions};
    let server = create_server("127.0.0.1:0", ServerOptions::default()).unwrap();
    assert_eq!(server.r#type().unwrap(), Type::STREAM);
    #[cfg(unix)]
    assert!(server.getsockopt(berkeley::sockopt::ReuseAddr).unwrap());
    let c = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    c.connect(server.getsockname().unwrap()).unwrap();
    let (conn, peer) = server.accept().unwrap();
    assert_eq!(peer, c.getsockname().unwrap());
    conn.sendall(b"hi").unwrap();
    let mut buf = [0u8; 2];
    assert_eq!(c.recv(&mut buf).unwrap(), 2);

    // dualstack with an IPv4 address is a typed error, not a silent IPv4 server.
    let opts = ServerOptions { dualstack_ipv6: true, ..Default::default() };
    let err = create_server("127.0.0.1:0", opts).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { call: "create_server", .. }), "{err:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn create_server_reuse_port_lets_two_listen() {
    use berkeley::{create_server, ServerOptions};
    let opts = ServerOptions { reuse_port: true, backlog: Some(4), ..Default::default() };
    let a = create_server("127.0.0.1:0", opts).unwrap();
    let b = create_server(a.getsockname().unwrap(), opts).unwrap();
    assert_eq!(a.getsockname().unwrap(), b.getsockname().unwrap());
    // Without it the port is taken.
    let err = create_server(a.getsockname().unwrap(), ServerOptions::default()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AddrInUse, "{err:?}");
}

#[test]
fn create_server_ipv6_only_or_dualstack() {
    use berkeley::sockopt::Ipv6V6Only;
    use berkeley::{create_server, ServerOptions};
    if !util::have_ipv6_loopback() {
        util::skip("create_server_ipv6_only_or_dualstack", "::1 is not available");
        return;
    }
    let v6only = create_server("[::]:0", ServerOptions::default()).unwrap();
    assert!(v6only.getsockopt(Ipv6V6Only).unwrap());
    let opts = ServerOptions { dualstack_ipv6: true, ..Default::default() };
    let dual = create_server("[::]:0", opts).unwrap();
    assert!(!dual.getsockopt(Ipv6V6Only).unwrap());
    // An IPv4 client reaches the dual-stack server through 127.0.0.1.
    let port = dual.getsockname().unwrap().as_socket().unwrap().port();
    let c = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    c.connect(("127.0.0.1", port)).unwrap();
    let (_conn, peer) = dual.accept().unwrap();
    assert_eq!(
        peer.to_string(),
        format!("[::ffff:127.0.0.1]:{}", c.getsockname().unwrap().as_socket().unwrap().port())
    );
}

/// A non-blocking socket stops `sendall` with `WouldBlock` even when `SO_SNDTIMEO` is set
/// (`set_nonblocking` keeps the timeouts): the whole-call timeout is for blocking sockets.
#[cfg(unix)]
#[test]
fn sendall_on_a_nonblocking_socket_still_would_block() {
    let (c, _s) = tcp_pair();
    c.setsockopt(berkeley::sockopt::SndTimeo, Some(Duration::from_secs(30))).unwrap();
    c.set_nonblocking(true).unwrap();
    let err = c.sendall(&vec![0u8; 32 << 20]).unwrap_err();
    assert!(err.is_would_block(), "{err:?}");
    assert!(!err.is_timeout());
}

//! UNIX-domain sockets: stream, datagram and seqpacket; pathname, abstract (Linux) and unnamed
//! addresses as `getsockname`, `getpeername`, `recvfrom` and `accept` report them; socketpair.
#![cfg(unix)]

mod util;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use berkeley::{Domain, MsgFlags, Protocol, Shutdown, SockAddr, SockAddrUn, Socket, Type};
use util::{fd_leak_check, is_cloexec};

/// A fresh directory under the system temp dir, removed (with its sockets) when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("berkeley-unix-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir(&dir).unwrap();
        TempDir(dir)
    }

    fn sock(&self, name: &str) -> (PathBuf, SockAddr) {
        let path = self.0.join(name);
        let addr = SockAddr::from(SockAddrUn::new(&path).unwrap());
        (path, addr)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).unwrap();
    }
}

fn unix(ty: Type) -> Socket {
    Socket::new(Domain::UNIX, ty, Protocol::DEFAULT).unwrap()
}

/// The UNIX address inside `a`, which must be one.
fn un(a: &SockAddr) -> SockAddrUn {
    a.as_un().unwrap_or_else(|| panic!("not an AF_UNIX address: {a:?}"))
}

fn path_of(a: &SockAddr) -> PathBuf {
    un(a).path().unwrap_or_else(|| panic!("not a pathname address: {a:?}")).to_path_buf()
}

/// A unique abstract name for this process.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn abstract_name(tag: &str) -> Vec<u8> {
    format!("berkeley-test-{tag}-{}", std::process::id()).into_bytes()
}

/// Listener, connected client, accepted server side for a stream or seqpacket type.
fn connected(ty: Type, addr: &SockAddr) -> (Socket, Socket, Socket, SockAddr) {
    let l = unix(ty);
    l.bind(addr).unwrap();
    l.listen(8).unwrap();
    let c = unix(ty);
    c.connect(addr).unwrap();
    let (s, peer) = l.accept().unwrap();
    (l, c, s, peer)
}

#[test]
fn stream_pathname() {
    fd_leak_check("stream_pathname", || {
        let dir = TempDir::new("stream");
        let (path, addr) = dir.sock("server.sock");
        let (l, c, s, peer) = connected(Type::STREAM, &addr);

        assert_eq!(l.getsockname().unwrap().family(), Domain::UNIX);
        assert_eq!(path_of(&l.getsockname().unwrap()), path);
        assert_eq!(path_of(&c.getpeername().unwrap()), path);
        assert_eq!(path_of(&s.getsockname().unwrap()), path);
        // The client never bound: accept and getpeername report it unnamed.
        assert!(un(&peer).is_unnamed(), "{peer:?}");
        assert!(un(&s.getpeername().unwrap()).is_unnamed());
        assert!(un(&c.getsockname().unwrap()).is_unnamed());
        assert_eq!(peer.to_string(), "(unnamed)");
        assert_eq!(l.getsockname().unwrap().to_string(), path.to_str().unwrap());

        c.sendall(b"over a path").unwrap();
        c.shutdown(Shutdown::WRITE).unwrap();
        let mut buf = [0u8; 32];
        let n = s.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"over a path");
        assert_eq!(s.recv(&mut buf).unwrap(), 0);
        // On a connected stream, recvfrom reports no address.
        s.sendall(b"x").unwrap();
        let (n, from) = c.recvfrom(&mut buf).unwrap();
        assert_eq!(n, 1);
        // Linux reports the sending socket's address: the accepted socket has the listener's.
        assert_eq!(path_of(&from), path);

        // A bound client is reported by its path.
        let (cpath, caddr) = dir.sock("client.sock");
        let c2 = unix(Type::STREAM);
        c2.bind(caddr).unwrap();
        c2.connect(addr).unwrap();
        let (s2, peer2) = l.accept().unwrap();
        assert_eq!(path_of(&peer2), cpath);
        assert_eq!(path_of(&s2.getpeername().unwrap()), cpath);

        // Binding an existing path: EADDRINUSE, naming the path.
        let err = unix(Type::STREAM).bind(addr).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AddrInUse);
        assert_eq!(
            err.to_string(),
            format!("bind({}): Address already in use (os error 98)", path.display())
        );
        // Connecting to a path nobody listens on.
        let (_, nobody) = dir.sock("nobody.sock");
        let err = unix(Type::STREAM).connect(nobody).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.to_string().starts_with("connect("), "{err}");
    });
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn stream_abstract() {
    fd_leak_check("stream_abstract", || {
        let name = abstract_name("stream");
        let addr = SockAddr::from(SockAddrUn::new_abstract(&name).unwrap());
        let (l, c, s, peer) = connected(Type::STREAM, &addr);

        let me = un(&l.getsockname().unwrap());
        assert_eq!(me.abstract_name(), Some(&name[..]));
        assert!(me.path().is_none());
        assert_eq!(un(&c.getpeername().unwrap()).abstract_name(), Some(&name[..]));
        assert_eq!(
            l.getsockname().unwrap().to_string(),
            format!("@{}", String::from_utf8(name.clone()).unwrap())
        );
        assert!(un(&peer).is_unnamed());

        c.sendall(b"abstract").unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(s.recv(&mut buf).unwrap(), 8);

        // The name is taken until the listener closes; no file is involved.
        let err = unix(Type::STREAM).bind(addr).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AddrInUse);
        drop(l);
        unix(Type::STREAM).bind(addr).unwrap();
    });
}

#[test]
fn datagram_addresses() {
    fd_leak_check("datagram_addresses", || {
        let dir = TempDir::new("dgram");
        let (apath, aaddr) = dir.sock("a.sock");
        let (bpath, baddr) = dir.sock("b.sock");
        let a = unix(Type::DGRAM);
        let b = unix(Type::DGRAM);
        a.bind(aaddr).unwrap();
        b.bind(baddr).unwrap();
        assert_eq!(path_of(&a.getsockname().unwrap()), apath);

        assert_eq!(a.sendto(b"from a", baddr).unwrap(), 6);
        let mut buf = [0u8; 32];
        let (n, from) = b.recvfrom(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"from a");
        assert_eq!(path_of(&from), apath, "recvfrom reports the sender's path");

        // An unbound sender has no address: recvfrom reports an empty one (length 0), where
        // Python says None.
        let anon = unix(Type::DGRAM);
        assert!(un(&anon.getsockname().unwrap()).is_unnamed());
        anon.sendto(b"anon", baddr).unwrap();
        let (n, from) = b.recvfrom(&mut buf).unwrap();
        assert_eq!(n, 4);
        assert!(from.is_empty(), "{from:?}");
        assert!(from.as_un().is_none());
        #[cfg(any(target_os = "linux", target_os = "android"))]
        assert_eq!(from.family(), Domain::UNSPEC, "Linux: no family either");

        // Message boundaries and truncation.
        a.sendto(&[1u8; 50], baddr).unwrap();
        let mut small = [0u8; 8];
        let got = b.recv_with_flags(&mut small, MsgFlags::TRUNC).unwrap();
        assert_eq!(got.len, 8);
        #[cfg(any(target_os = "linux", target_os = "android"))]
        assert_eq!(got.full_len, 50);

        // Connected datagram sockets: send/recv, getpeername.
        a.connect(baddr).unwrap();
        assert_eq!(path_of(&a.getpeername().unwrap()), bpath);
        a.send(b"connected").unwrap();
        assert_eq!(b.recv(&mut buf).unwrap(), 9);

        // A path that does not exist.
        let (_, nowhere) = dir.sock("nowhere.sock");
        let err = anon.sendto(b"x", nowhere).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert_eq!(err.call(), Some("sendto"));
        assert!(err.to_string().contains("nowhere.sock"), "{err}");
    });
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn datagram_abstract() {
    fd_leak_check("datagram_abstract", || {
        let name = abstract_name("dgram");
        let addr = SockAddr::from(SockAddrUn::new_abstract(&name).unwrap());
        let rx = unix(Type::DGRAM);
        rx.bind(addr).unwrap();
        let tx_name = abstract_name("dgram-tx");
        let tx = unix(Type::DGRAM);
        tx.bind(SockAddr::from(SockAddrUn::new_abstract(&tx_name).unwrap())).unwrap();
        tx.sendto(b"hi", addr).unwrap();
        let mut buf = [0u8; 8];
        let (n, from) = rx.recvfrom(&mut buf).unwrap();
        assert_eq!(n, 2);
        assert_eq!(un(&from).abstract_name(), Some(&tx_name[..]));
    });
}

#[test]
fn seqpacket_keeps_boundaries() {
    fd_leak_check("seqpacket_keeps_boundaries", || {
        let dir = TempDir::new("seqpacket");
        let (path, addr) = dir.sock("seq.sock");
        let (_l, c, s, peer) = connected(Type::SEQPACKET, &addr);
        assert!(un(&peer).is_unnamed());
        assert_eq!(path_of(&c.getpeername().unwrap()), path);
        assert_eq!(c.r#type().unwrap(), Type::SEQPACKET);

        c.send(b"a").unwrap();
        c.send(b"bc").unwrap();
        c.send(b"defghijk").unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(s.recv(&mut buf).unwrap(), 1);
        assert_eq!(s.recv(&mut buf).unwrap(), 2);
        let mut small = [0u8; 3];
        assert_eq!(s.recv(&mut small).unwrap(), 3, "truncated record");
        assert_eq!(&small, b"def");
        drop(c);
        assert_eq!(s.recv(&mut buf).unwrap(), 0, "end-of-file, not the rest of the record");
    });
}

#[test]
fn socketpair_all_types() {
    fd_leak_check("socketpair_all_types", || {
        for ty in [Type::STREAM, Type::DGRAM, Type::SEQPACKET] {
            let (a, b) = Socket::socketpair(Domain::UNIX, ty, Protocol::DEFAULT).unwrap();
            assert!(is_cloexec(std::os::fd::AsRawFd::as_raw_fd(&a)));
            assert_eq!(a.r#type().unwrap(), ty);
            assert!(un(&a.getsockname().unwrap()).is_unnamed(), "{ty:?}");
            assert!(un(&a.getpeername().unwrap()).is_unnamed(), "{ty:?}");
            a.send(b"ping").unwrap();
            let mut buf = [0u8; 8];
            assert_eq!(b.recv(&mut buf).unwrap(), 4);
            b.send(b"pong!").unwrap();
            assert_eq!(a.recv(&mut buf).unwrap(), 5);
            assert_eq!(&buf[..5], b"pong!");
        }
        // Created non-blocking, atomically.
        let (a, _b) =
            Socket::socketpair(Domain::UNIX, Type::STREAM.nonblocking(), Protocol::DEFAULT)
                .unwrap();
        assert!(a.nonblocking().unwrap());
        assert_eq!(a.recv(&mut [0u8; 1]).unwrap_err().kind(), ErrorKind::WouldBlock);
    });
}

#[test]
fn std_unix_interop() {
    fd_leak_check("std_unix_interop", || {
        use std::io::{Read, Write};
        use std::os::unix::net::{UnixListener, UnixStream};

        let dir = TempDir::new("std");
        let (path, addr) = dir.sock("std.sock");
        // A std listener, a berkeley client.
        let l = UnixListener::bind(&path).unwrap();
        let c = unix(Type::STREAM);
        c.connect(addr).unwrap();
        let (mut s, _) = l.accept().unwrap();
        c.sendall(b"to std").unwrap();
        let mut buf = [0u8; 6];
        s.read_exact(&mut buf).unwrap();
        // The listener as a berkeley socket.
        let l = Socket::from(l);
        assert_eq!(path_of(&l.getsockname().unwrap()), path);
        let mut c2 = UnixStream::connect(&path).unwrap();
        let (s2, _) = l.accept().unwrap();
        c2.write_all(b"from std").unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(s2.recv(&mut buf).unwrap(), 8);
        assert!(Path::new(&path).exists());
    });
}

// ---- connect against a full backlog ----------------------------------------------------------

/// A listening UNIX stream socket with `listen(0)` whose backlog has been filled with
/// connections nobody accepted yet; returns the listener and the queued clients.
fn full_backlog(addr: &SockAddr) -> (Socket, Vec<Socket>) {
    let l = unix(Type::STREAM);
    l.bind(addr).unwrap();
    l.listen(0).unwrap();
    let mut queued = Vec::new();
    loop {
        let c = unix(Type::STREAM.nonblocking());
        match c.connect(addr) {
            Ok(()) => queued.push(c),
            // A full backlog refuses a non-blocking connect with EAGAIN.
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => break,
            Err(e) => panic!("filling the backlog: {e}"),
        }
        assert!(queued.len() < 1000, "the backlog never filled");
    }
    (l, queued)
}

extern "C" fn on_sigusr2(_: libc::c_int) {}

/// Installs a no-op SIGUSR2 handler without `SA_RESTART`: a blocking call it interrupts fails
/// with `EINTR` unless the caller retries.
fn install_sigusr2() {
    // SAFETY: a zeroed sigaction is valid; the handler is an async-signal-safe no-op.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigusr2 as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = 0; // no SA_RESTART
        libc::sigemptyset(&mut sa.sa_mask);
        assert_eq!(libc::sigaction(libc::SIGUSR2, &sa, std::ptr::null_mut()), 0);
    }
}

/// Bug: a blocking AF_UNIX connect waiting on a full backlog is *cancelled* by a signal (the
/// kernel does not go on connecting, unlike TCP); berkeley used to wait for POLLOUT, which such
/// a socket reports at once with SO_ERROR 0, and returned Ok on a socket that never connected.
/// `Ok` must mean connected.
#[test]
fn connect_interrupted_on_full_backlog_is_really_connected() {
    fd_leak_check("connect_interrupted_on_full_backlog_is_really_connected", || {
        install_sigusr2();
        let dir = TempDir::new("eintr");
        let (_, addr) = dir.sock("l.sock");
        let (l, queued) = full_backlog(&addr);
        // If connect wrongly returns, the acceptor must not wait for ever.
        l.settimeout(Some(std::time::Duration::from_secs(10))).unwrap();
        // SAFETY: pthread_self has no preconditions.
        let me = unsafe { libc::pthread_self() } as usize;
        let c = unix(Type::STREAM);
        std::thread::scope(|scope| {
            let acceptor = scope.spawn(|| {
                for _ in 0..5 {
                    std::thread::sleep(std::time::Duration::from_millis(40));
                    // SAFETY: the connecting thread lives until this scope ends.
                    unsafe { libc::pthread_kill(me as libc::pthread_t, libc::SIGUSR2) };
                }
                // Now make room: accept the queued connections and the one being made.
                (0..=queued.len()).map(|_| l.accept().unwrap().0).collect::<Vec<_>>()
            });
            c.connect(addr).unwrap();
            assert_eq!(c.getpeername().unwrap(), addr, "connect returned Ok unconnected");
            let accepted = acceptor.join().unwrap();
            // The last connection accepted is this one: data flows.
            c.sendall(b"hi").unwrap();
            let mut buf = [0u8; 2];
            assert_eq!(accepted.last().unwrap().recv(&mut buf).unwrap(), 2);
            assert_eq!(&buf, b"hi");
        });
    });
}

/// Bug: `connect_timeout` returned Ok at once against a full backlog (a non-blocking connect's
/// EAGAIN means "backlog full" on Unix, not "in progress"). It is an error, reported as the OS
/// gave it, and the socket's blocking mode is restored.
#[test]
fn connect_timeout_on_full_backlog_is_an_error() {
    fd_leak_check("connect_timeout_on_full_backlog_is_an_error", || {
        let dir = TempDir::new("ctfull");
        let (_, addr) = dir.sock("l.sock");
        let (_l, _queued) = full_backlog(&addr);
        let c = unix(Type::STREAM);
        let err = c.connect_timeout(addr, std::time::Duration::from_secs(5)).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EAGAIN), "{err}");
        assert!(err.is_would_block() && !err.is_in_progress(), "{err:?}");
        assert_eq!(err.call(), Some("connect"));
        assert_eq!(err.addr(), Some(&addr));
        assert_eq!(c.getpeername().unwrap_err().kind(), ErrorKind::NotConnected);
        assert!(!c.nonblocking().unwrap(), "blocking mode restored");
    });
}

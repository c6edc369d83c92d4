//! `berkeley::inspect`: the socket table, checked against sockets this test opens itself and
//! against `ss -tuaxnp` (iproute2), which reads the same kernel interface independently.
//!
//! The exact comparison (every row equal, counts equal) runs in a fresh network namespace the
//! test creates on its own thread (`unshare(CLONE_NEWNET)`, root only; skipped otherwise), so no
//! other process's sockets come and go between the two listings. The other tests run in the
//! host namespace and look only for their own sockets.
#![cfg(any(target_os = "linux", target_os = "android", windows))]

mod util;

#[cfg(any(target_os = "linux", target_os = "android"))]
#[path = "inspect/linux.rs"]
mod linux;

/// Windows: the IP Helper tables (under wine in CI). TCP listener, established pair and UDP
/// socket of this process, with its pid and program name.
#[cfg(windows)]
#[test]
fn windows_finds_its_own_sockets() {
    use berkeley::inspect::{self, Filter, Proto, State};
    use berkeley::SockAddr;
    use std::net::{TcpListener, TcpStream, UdpSocket};

    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
    let (a, _) = l.accept().unwrap();
    let u = UdpSocket::bind("127.0.0.1:0").unwrap();
    let t = inspect::sockets(&Filter::new().tcp().udp().owners()).unwrap();
    let me = std::process::id();
    let row = |local: std::net::SocketAddr, proto: Proto, state: State| {
        t.iter()
            .find(|e| e.proto == proto && e.local == SockAddr::from(local) && e.state == state)
            .unwrap_or_else(|| panic!("{proto:?} {local} {state:?} not in {t:#?}"))
    };
    let listener = row(l.local_addr().unwrap(), Proto::Tcp, State::LISTEN);
    let e = row(a.local_addr().unwrap(), Proto::Tcp, State::ESTABLISHED);
    assert_eq!(e.remote, SockAddr::from(c.local_addr().unwrap()));
    let udp = row(u.local_addr().unwrap(), Proto::Udp, State::CLOSE);
    // Windows gives every socket its owning pid (system sockets belong to svchost/System), so a
    // table without any owner is wine's, whose IP Helper reports pid 0 for every row: the owner
    // check then cannot be made here (it is made on Windows).
    if t.iter().all(|e| e.owners.is_empty()) {
        eprintln!(
            "NOTE windows_finds_its_own_sockets: this IP Helper reports no owning pids (wine)"
        );
        return;
    }
    for e in [listener, udp] {
        assert!(e.owners.iter().any(|o| o.pid == me && o.comm.starts_with("inspect")), "{e:?}");
    }
}

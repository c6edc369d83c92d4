//! The Linux tests of `inspect` (see tests/inspect.rs).

use super::util;

use std::collections::BTreeSet;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::unix::net::{UnixListener, UnixStream};
use std::process::Command;
use std::time::{Duration, Instant};

use berkeley::inspect::{self, Filter, Proto, SocketEntry, State};
use berkeley::{Domain, Protocol, SockAddr, SockAddrUn, Socket, Type};

/// Held by every test of this file: a test that forks (the churn test's children, `ip`, `ss`)
/// lends all of this process's descriptors to the child until it execs, so a concurrent
/// listing would see that child as a second owner of the other tests' sockets.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The sockets of the test: every kind `inspect` must find, kept open while it lists them.
struct Set {
    listener: TcpListener,
    client: TcpStream,
    server: TcpStream,
    udp: UdpSocket,
    unix_listener: UnixListener,
    unix_path: std::path::PathBuf,
    pair: (UnixStream, UnixStream),
    abstract_listener: Socket,
    abstract_name: Vec<u8>,
    v6: Option<(TcpListener, UdpSocket)>,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Bytes written by the client and left unread at the server: the server's Recv-Q.
const UNREAD: &[u8] = b"twelve bytes";

fn open_set(tag: &str) -> Set {
    let dir = std::env::temp_dir().join(format!("berkeley-inspect-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    client.write_all(UNREAD).unwrap();
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let unix_path = dir.join("listener.sock");
    let unix_listener = UnixListener::bind(&unix_path).unwrap();
    let pair = UnixStream::pair().unwrap();
    let abstract_name = format!("berkeley-inspect-{tag}-{}", std::process::id()).into_bytes();
    let abstract_listener = Socket::new(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
    abstract_listener.bind(SockAddrUn::new_abstract(&abstract_name).unwrap()).unwrap();
    abstract_listener.listen(5).unwrap();
    let v6 = if util::have_ipv6_loopback() {
        Some((TcpListener::bind("[::1]:0").unwrap(), UdpSocket::bind("[::1]:0").unwrap()))
    } else {
        None
    };
    // The bytes are in flight over loopback; wait until the kernel queued them (not a timing
    // assertion: it only bounds a hang).
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut peek = [0u8; 64];
    server.set_nonblocking(true).unwrap();
    while server.peek(&mut peek).map_or(true, |n| n < UNREAD.len()) {
        assert!(Instant::now() < deadline, "the unread bytes never arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.set_nonblocking(false).unwrap();
    Set {
        listener,
        client,
        server,
        udp,
        unix_listener,
        unix_path,
        pair,
        abstract_listener,
        abstract_name,
        v6,
        _dir: TempDir(dir),
    }
}

fn sa(a: SocketAddr) -> SockAddr {
    SockAddr::from(a)
}

fn inode_of(fd: &impl std::os::fd::AsRawFd) -> u64 {
    let link = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap();
    let s = link.to_str().unwrap();
    s.strip_prefix("socket:[").and_then(|s| s.strip_suffix(']')).unwrap().parse().unwrap()
}

fn find(t: &[SocketEntry], inode: u64) -> &SocketEntry {
    t.iter().find(|e| e.inode == inode).unwrap_or_else(|| panic!("inode {inode} not in the table"))
}

/// Checks every socket of `set` in `t`, owners included.
fn check_set(set: &Set, t: &[SocketEntry]) {
    let me = std::process::id();
    let owned = |e: &SocketEntry| assert!(e.owners.iter().any(|o| o.pid == me), "{e:?} not ours");

    let l = find(t, inode_of(&set.listener));
    assert_eq!((l.proto, l.family, l.state), (Proto::Tcp, Domain::INET, State::LISTEN));
    assert_eq!(l.local, sa(set.listener.local_addr().unwrap()));
    assert_eq!(l.recv_q, 0, "nothing waits in the accept queue");
    assert_eq!(l.send_q, 128, "std listens with a backlog of 128");
    owned(l);

    let s = find(t, inode_of(&set.server));
    assert_eq!((s.proto, s.state), (Proto::Tcp, State::ESTABLISHED));
    assert_eq!(s.local, sa(set.server.local_addr().unwrap()));
    assert_eq!(s.remote, sa(set.client.local_addr().unwrap()));
    assert_eq!(s.recv_q as usize, UNREAD.len());
    owned(s);

    let c = find(t, inode_of(&set.client));
    assert_eq!(c.state, State::ESTABLISHED);
    assert_eq!(c.remote, sa(set.listener.local_addr().unwrap()));
    assert_eq!(c.recv_q, 0);

    let u = find(t, inode_of(&set.udp));
    assert_eq!((u.proto, u.state, u.sock_type), (Proto::Udp, State::CLOSE, Type::DGRAM));
    assert_eq!(u.local, sa(set.udp.local_addr().unwrap()));
    assert_eq!(u.remote.as_socket().unwrap().port(), 0);
    owned(u);

    let ul = find(t, inode_of(&set.unix_listener));
    assert_eq!((ul.proto, ul.state, ul.sock_type), (Proto::Unix, State::LISTEN, Type::STREAM));
    assert_eq!(ul.local, SockAddr::from(SockAddrUn::new(&set.unix_path).unwrap()));
    owned(ul);

    let (a, b) = (inode_of(&set.pair.0), inode_of(&set.pair.1));
    let pa = find(t, a);
    assert_eq!((pa.state, pa.peer_inode), (State::ESTABLISHED, Some(b)));
    assert_eq!(find(t, b).peer_inode, Some(a));

    let ab = find(t, inode_of(&set.abstract_listener));
    let name = SockAddrUn::new_abstract(&set.abstract_name).unwrap();
    assert_eq!((ab.state, &ab.local), (State::LISTEN, &SockAddr::from(name)));
    assert_eq!(ab.send_q, 5, "a UNIX listener's Send-Q is its backlog");
    assert_eq!(ab.uid, Some(unsafe_free_uid()));

    if let Some((l6, u6)) = &set.v6 {
        let e = find(t, inode_of(l6));
        assert_eq!((e.family, e.state), (Domain::INET6, State::LISTEN));
        assert_eq!(e.local, sa(l6.local_addr().unwrap()));
        let e = find(t, inode_of(u6));
        assert_eq!((e.family, e.proto), (Domain::INET6, Proto::Udp));
        assert_eq!(e.local, sa(u6.local_addr().unwrap()));
    }
}

/// This process's uid, read from /proc (no unsafe in the tests).
fn unsafe_free_uid() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn finds_its_own_sockets() {
    let _serial = serial();
    let set = open_set("own");
    let t = inspect::sockets(&Filter::new().owners_among(&[std::process::id()])).unwrap();
    check_set(&set, &t);
    // The full owner pass finds the same.
    let t = inspect::sockets(&Filter::new().owners()).unwrap();
    check_set(&set, &t);
}

#[test]
fn filters_narrow_the_table() {
    let _serial = serial();
    let set = open_set("filter");
    let listener = inode_of(&set.listener);
    let server = inode_of(&set.server);
    let udp = inode_of(&set.udp);
    let unix = inode_of(&set.unix_listener);
    let has = |t: &[SocketEntry], i: u64| t.iter().any(|e| e.inode == i);

    let t = inspect::sockets(&Filter::new().tcp()).unwrap();
    assert!(t.iter().all(|e| e.proto == Proto::Tcp));
    assert!(has(&t, listener) && has(&t, server) && !has(&t, udp));
    assert!(t.iter().all(|e| e.owners.is_empty()), "no owners unless asked");

    let t = inspect::sockets(&Filter::new().tcp().udp().unix().listening()).unwrap();
    assert!(t.iter().all(|e| matches!(e.state, State::LISTEN | State::CLOSE)));
    assert!(has(&t, listener) && has(&t, udp) && has(&t, unix) && !has(&t, server));

    let t = inspect::sockets(&Filter::new().connected()).unwrap();
    assert!(has(&t, server) && !has(&t, listener) && !has(&t, udp));

    let t = inspect::sockets(&Filter::new().ipv6()).unwrap();
    assert!(t.iter().all(|e| e.family == Domain::INET6));
    assert!(!has(&t, listener));

    // The listener and both ends of its connection, and only sockets with that port (another
    // process on a shared host may hold one too: a UDP socket or a connection to that number).
    let port = set.listener.local_addr().unwrap().port();
    let t = inspect::sockets(&Filter::new().port(port).owners()).unwrap();
    let inodes: BTreeSet<u64> = t.iter().map(|e| e.inode).collect();
    for want in [listener, server, inode_of(&set.client)] {
        assert!(inodes.contains(&want), "{want} missing from {t:#?}");
        assert!(find(&t, want).owners.iter().any(|o| o.pid == std::process::id()));
    }
    let has_port = |a: &SockAddr| a.as_socket().is_some_and(|s| s.port() == port);
    assert!(t.iter().all(|e| has_port(&e.local) || has_port(&e.remote)), "{t:#?}");
    assert!(!has(&t, unix), "UNIX sockets have no port");
}

#[test]
fn owner_scan_survives_exiting_processes() {
    let _serial = serial();
    let set = open_set("churn");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let kids: Vec<_> = (0..8)
                    .filter_map(|_| Command::new("sleep").arg("0.001").spawn().ok())
                    .collect();
                for mut k in kids {
                    let _ = k.wait();
                    n += 1;
                }
            }
            n
        })
    };
    for _ in 0..20 {
        let t = inspect::sockets(&Filter::new().owners()).unwrap();
        check_set(&set, &t);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let spawned = churn.join().unwrap();
    assert!(spawned > 0, "children were started and exited during the scans");
}

/// A socket held through several descriptors of one process lists that process once; a socket
/// a child process inherited lists both processes, each once, with the child's program name.
#[test]
fn shared_sockets_list_every_owner_once() {
    let _serial = serial();
    let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::DEFAULT).unwrap();
    listener.bind("127.0.0.1:0").unwrap();
    listener.listen(1).unwrap();
    let copies: Vec<Socket> = (0..3).map(|_| listener.dup().unwrap()).collect();
    let inherited = listener.dup().unwrap();
    inherited.set_inheritable(true).unwrap();
    let mut child = Command::new("sleep").arg("30").spawn().unwrap();
    drop(inherited);
    let me = std::process::id();
    let port = listener.getsockname().unwrap().as_socket().unwrap().port();
    let t = inspect::sockets(&Filter::new().tcp().port(port).owners()).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let e = find(&t, inode_of(&listener));
    let mut pids: Vec<u32> = e.owners.iter().map(|o| o.pid).collect();
    pids.sort_unstable();
    let mut want = vec![me, child.id()];
    want.sort_unstable();
    assert_eq!(pids, want, "{e:#?}");
    let sleeper = e.owners.iter().find(|o| o.pid == child.id()).unwrap();
    assert_eq!(sleeper.comm, "sleep");
    drop(copies);
}

/// A socket whose only descriptor sits far above the others (a sparse descriptor table) still
/// lists its owner: the owner scan looks descriptors 0, 1, 2, ... up directly while the table is
/// dense, and must fall back to listing the directory for the rest.
#[test]
fn owner_found_at_a_high_descriptor_number() {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let _serial = serial();
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::DEFAULT).unwrap();
    s.bind("127.0.0.1:0").unwrap();
    let port = s.getsockname().unwrap().as_socket().unwrap().port();
    let inode = inode_of(&s);
    // Far above this process's other descriptors, and within the usual 1024 soft limit.
    // SAFETY: s is an open descriptor; F_DUPFD_CLOEXEC returns a new one or -1.
    let high = unsafe { libc::fcntl(s.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 1000) };
    assert!(high >= 1000, "{}", std::io::Error::last_os_error());
    // SAFETY: high was just returned by fcntl and nothing else owns it.
    let high = unsafe { OwnedFd::from_raw_fd(high) };
    drop(s);
    let t = inspect::sockets(&Filter::new().udp().port(port).owners()).unwrap();
    let e = find(&t, inode);
    let pids: Vec<u32> = e.owners.iter().map(|o| o.pid).collect();
    assert_eq!(pids, [std::process::id()], "{e:#?}");
    drop(high);
}

// ---------------------------------------------------------------------------------------------
// Against ss, in a fresh network namespace
// ---------------------------------------------------------------------------------------------

/// A row as `ss -tuaxnp` prints it, fields normalised: netid, state, Recv-Q, Send-Q, local,
/// peer, owning pids.
type Row = (String, String, u32, u32, String, String, BTreeSet<u32>);

fn ss_rows() -> Option<Vec<Row>> {
    let out = Command::new("ss").arg("-tuaxnp").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let unix = f[0].starts_with("u_");
        // UNIX rows: local is "NAME INODE", peer is "NAME INODE"; inet rows: one token each.
        let (local, peer, rest) = if unix {
            (format!("{} {}", f[4], f[5]), format!("{} {}", f[6], f[7]), &f[8..])
        } else {
            (f[4].to_string(), f[5].to_string(), &f[6..])
        };
        let pids = rest
            .join(" ")
            .split("pid=")
            .skip(1)
            .map(|s| s.split(',').next().unwrap().parse().unwrap())
            .collect();
        rows.push((
            f[0].to_string(),
            f[1].to_string(),
            f[2].parse().unwrap(),
            f[3].parse().unwrap(),
            local,
            peer,
            pids,
        ));
    }
    Some(rows)
}

/// An inet address as ss prints it: `IP:PORT`, `[IP6]:PORT`, port 0 as `*`.
fn ss_inet(a: &SockAddr) -> String {
    let s = a.as_socket().unwrap();
    let port = if s.port() == 0 { "*".to_string() } else { s.port().to_string() };
    match s {
        SocketAddr::V4(v4) => format!("{}:{port}", v4.ip()),
        SocketAddr::V6(v6) => format!("[{}]:{port}", v6.ip()),
    }
}

fn our_rows(t: &[SocketEntry]) -> Vec<Row> {
    t.iter()
        .map(|e| {
            let (netid, local, peer) = match e.proto {
                Proto::Unix => {
                    let un = e.local.as_un().unwrap();
                    let name = if let Some(p) = un.path() {
                        p.display().to_string()
                    } else if let Some(n) = un.abstract_name() {
                        format!("@{}", String::from_utf8_lossy(n))
                    } else {
                        "*".to_string()
                    };
                    let netid = match e.sock_type {
                        Type::STREAM => "u_str",
                        Type::DGRAM => "u_dgr",
                        _ => "u_seq",
                    };
                    (
                        netid.to_string(),
                        format!("{name} {}", e.inode),
                        format!("* {}", e.peer_inode.unwrap_or(0)),
                    )
                }
                p => (p.name().to_string(), ss_inet(&e.local), ss_inet(&e.remote)),
            };
            let pids = e.owners.iter().map(|o| o.pid).collect();
            (netid, e.state.ss_name().to_string(), e.recv_q, e.send_q, local, peer, pids)
        })
        .collect()
}

/// Runs `f` on a thread of its own in a fresh network namespace with `lo` up; `None` (after
/// `util::skip`) when this process may not create one. `CLONE_NEWNET` moves only the calling
/// thread, and the children it spawns (ip, ss) inherit its namespace.
fn in_fresh_netns(test: &str, f: impl FnOnce() + Send + 'static) {
    if !util::have_cap_net_raw() {
        util::skip(test, "needs root to create a network namespace");
        return;
    }
    if Command::new("ip").arg("-V").output().is_err() {
        util::skip(test, "ip (iproute2) is not installed");
        return;
    }
    std::thread::spawn(move || {
        // SAFETY: unshare takes a flag only; it changes this thread's network namespace.
        let r = unsafe { libc::unshare(libc::CLONE_NEWNET) };
        assert_eq!(r, 0, "unshare(CLONE_NEWNET): {}", std::io::Error::last_os_error());
        let up = Command::new("ip").args(["link", "set", "lo", "up"]).status().unwrap();
        assert!(up.success(), "ip link set lo up");
        f();
    })
    .join()
    .unwrap();
}

#[test]
fn same_table_as_ss_in_a_fresh_namespace() {
    let _serial = serial();
    if Command::new("ss").arg("-V").output().is_err() {
        util::skip("same_table_as_ss_in_a_fresh_namespace", "ss (iproute2) is not installed");
        return;
    }
    in_fresh_netns("same_table_as_ss_in_a_fresh_namespace", || {
        let set = open_set("ss");
        let ours = inspect::sockets(&Filter::new().tcp().udp().unix().owners()).unwrap();
        check_set(&set, &ours);
        let mut ss = ss_rows().expect("ss -tuaxnp runs");
        let mut ours = our_rows(&ours);
        ours.sort();
        ss.sort();
        assert_eq!(ours.len(), ss.len(), "row count\nours: {ours:#?}\nss: {ss:#?}");
        assert_eq!(ours, ss);
        drop(set);
    });
}

/// What both sources report: everything except what /proc/net lacks (a listener's backlog,
/// UNIX queues, peers and uids).
fn comparable(e: &SocketEntry) -> String {
    let send_q = if e.state == State::LISTEN { 0 } else { e.send_q };
    if e.proto == Proto::Unix {
        format!("{:?} {:?} {:?} {} {:?}", e.proto, e.sock_type, e.state, e.inode, e.local)
    } else {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {} {} {:?} {}",
            e.proto, e.family, e.local, e.remote, e.state, e.recv_q, send_q, e.uid, e.inode
        )
    }
}

#[test]
fn netlink_and_procfs_agree_in_a_fresh_namespace() {
    let _serial = serial();
    in_fresh_netns("netlink_and_procfs_agree_in_a_fresh_namespace", || {
        let set = open_set("procfs");
        // A connected UDP pair and a UNIX datagram socket too: states the two derive differently.
        let u1 = UdpSocket::bind("127.0.0.1:0").unwrap();
        let u2 = UdpSocket::bind("127.0.0.1:0").unwrap();
        u1.connect(u2.local_addr().unwrap()).unwrap();
        let dgram = std::os::unix::net::UnixDatagram::unbound().unwrap();
        let f = Filter::new().tcp().udp().raw().unix().packet();
        let nl = inspect::sockets(&f.clone().source(inspect::Source::Netlink)).unwrap();
        let pr = inspect::sockets(&f.source(inspect::Source::Procfs)).unwrap();
        let mut a: Vec<String> = nl.iter().map(comparable).collect();
        let mut b: Vec<String> = pr.iter().map(comparable).collect();
        a.sort();
        b.sort();
        assert!(a.len() >= 10, "the test's own sockets are listed: {a:#?}");
        assert_eq!(a, b);
        // The /proc path finds the test's sockets as well (queues, addresses, states).
        let l = find(&pr, inode_of(&set.server));
        assert_eq!(l.recv_q as usize, UNREAD.len());
        assert_eq!(find(&pr, inode_of(&u1)).state, State::ESTABLISHED);
        let _ = inode_of(&dgram);
        drop(set);
    });
}

/// Raw sockets of any protocol (the dump asks for `IPPROTO_RAW`, "every raw protocol") and
/// packet sockets (with their interface and EtherType) are listed, by netlink as by /proc. A
/// kernel without `raw_diag` (the dump answers `ENOENT`) lists no raw socket through netlink:
/// that part is checked through /proc only there (this machine's kernel is one).
#[test]
fn raw_and_packet_sockets_are_listed() {
    let test = "raw_and_packet_sockets_are_listed";
    if !util::have_cap_net_raw() {
        return util::skip(test, "needs CAP_NET_RAW for raw and packet sockets");
    }
    let _serial = serial();
    let icmp = Socket::new(Domain::INET, Type::RAW, Protocol::ICMP).unwrap();
    icmp.bind("127.0.0.1:0").unwrap();
    let udp_raw = Socket::new(Domain::INET, Type::RAW, Protocol::UDP).unwrap();
    let lo = berkeley::netdb::if_nametoindex("lo").unwrap();
    let arp = berkeley::EtherType::ARP;
    let packet = Socket::new(Domain::PACKET, Type::DGRAM, Protocol::from(arp)).unwrap();
    packet.bind(berkeley::SockAddrLl::new(lo, arp, berkeley::MacAddr::ZERO)).unwrap();
    let f = Filter::new().raw().packet();
    // Netlink lists raw sockets even on a kernel without the raw_diag module (as this one):
    // the table then takes them from /proc/net/raw{,6}, so both sources give the same rows.
    for source in [inspect::Source::Procfs, inspect::Source::Netlink] {
        let t = inspect::sockets(&f.clone().source(source)).unwrap();
        assert!(t.iter().all(|e| matches!(e.proto, Proto::Raw | Proto::Packet)), "{source:?}");
        let e = find(&t, inode_of(&packet));
        let want = (Proto::Packet, Domain::PACKET, Type::DGRAM);
        assert_eq!((e.proto, e.family, e.sock_type), want, "{source:?}");
        let ll = e.local.as_ll().unwrap();
        assert_eq!((ll.ifindex(), ll.protocol()), (lo, arp), "{source:?}");
        assert_eq!(e.uid, Some(unsafe_free_uid()), "{source:?}");
        let e = find(&t, inode_of(&icmp));
        let want = (Proto::Raw, Domain::INET, Type::RAW);
        assert_eq!((e.proto, e.family, e.sock_type), want, "{source:?}");
        // A raw socket's "port" is its protocol, as ss shows it.
        assert_eq!(e.local, sa("127.0.0.1:1".parse().unwrap()), "{source:?}");
        let e = find(&t, inode_of(&udp_raw));
        assert_eq!(
            (e.proto, e.local),
            (Proto::Raw, sa("0.0.0.0:17".parse().unwrap())),
            "{source:?}"
        );
    }
}

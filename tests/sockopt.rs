//! Typed socket options on real sockets: every marker's round trip, the value the kernel actually
//! holds (read back with `getsockopt_raw`), the kernel's quirks, and the error paths.
//!
//! Every test runs inside `util::fd_leak_check`, which also serialises them (descriptor counts
//! are per process).
//!
//! Most tests check Linux's values and quirks and are Linux-only. `portable_*` run everywhere,
//! Windows (under wine, `.ci/windows.sh`) included; tests/windows.rs has the Winsock-only ones.
// The Linux-only tests use the helpers the portable ones do not.
#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

mod util;

use std::fmt::Debug;
use std::net::SocketAddr;
#[cfg(target_os = "linux")]
use std::net::{Ipv4Addr, Ipv6Addr};
#[cfg(target_os = "linux")]
use std::os::fd::AsRawFd;
use std::time::Duration;

use berkeley::sockopt::*;
use berkeley::{Domain, Error, Protocol, SockAddr, Socket, Type};

use util::fd_leak_check;

// ---- helpers ---------------------------------------------------------------------------------

fn sock(domain: Domain, ty: Type, protocol: Protocol) -> Socket {
    Socket::new(domain, ty, protocol).expect("socket")
}
fn tcp4() -> Socket {
    sock(Domain::INET, Type::STREAM, Protocol::TCP)
}
fn udp4() -> Socket {
    sock(Domain::INET, Type::DGRAM, Protocol::UDP)
}
fn tcp6() -> Socket {
    sock(Domain::INET6, Type::STREAM, Protocol::TCP)
}
fn udp6() -> Socket {
    sock(Domain::INET6, Type::DGRAM, Protocol::UDP)
}
fn addr(s: &str) -> SockAddr {
    SockAddr::from(s.parse::<SocketAddr>().unwrap())
}

/// The option's `int` as the kernel holds it (Windows writes one byte for some booleans).
fn raw_int(s: &Socket, level: i32, name: i32) -> i32 {
    let mut buf = [0u8; 4];
    match s.getsockopt_raw(level, name, &mut buf).unwrap() {
        4 => i32::from_ne_bytes(buf),
        #[cfg(windows)]
        1 => i32::from(buf[0]),
        n => panic!("getsockopt wrote {n} bytes"),
    }
}

/// The option's bytes as the kernel holds them.
fn raw_bytes(s: &Socket, level: i32, name: i32, cap: usize) -> Vec<u8> {
    let mut buf = vec![0u8; cap];
    let n = s.getsockopt_raw(level, name, &mut buf).unwrap();
    buf.truncate(n);
    buf
}

fn bool_round_trip<O>(s: &Socket, opt: O)
where
    O: SetSockOpt + GetSockOpt + SockOpt<Value = bool>,
{
    for v in [true, false, true, false] {
        s.setsockopt(opt, v).unwrap_or_else(|e| panic!("set {} = {v}: {e}", O::C_NAME));
        assert_eq!(s.getsockopt(opt).unwrap(), v, "{}", O::C_NAME);
        assert_eq!(raw_int(s, O::LEVEL, O::NAME) != 0, v, "{} (raw)", O::C_NAME);
    }
}

fn int_round_trip<O, V>(s: &Socket, opt: O, values: &[V])
where
    O: SetSockOpt + GetSockOpt + SockOpt<Value = V>,
    V: Copy + Debug + PartialEq + TryInto<i64>,
{
    for &v in values {
        s.setsockopt(opt, v).unwrap_or_else(|e| panic!("set {} = {v:?}: {e}", O::C_NAME));
        assert_eq!(s.getsockopt(opt).unwrap(), v, "{}", O::C_NAME);
        let want: i64 = v.try_into().unwrap_or_else(|_| panic!("test value"));
        assert_eq!(i64::from(raw_int(s, O::LEVEL, O::NAME)), want, "{} (raw)", O::C_NAME);
    }
}

fn is_invalid_input(r: berkeley::Result<()>) -> bool {
    matches!(r, Err(Error::InvalidInput { .. }))
}

fn errno_of<T: Debug>(r: berkeley::Result<T>) -> i32 {
    r.unwrap_err().raw_os_error().expect("an OS error")
}

// ---- every platform --------------------------------------------------------------------------

#[test]
fn portable_round_trips() {
    fd_leak_check("portable_round_trips", || {
        for s in [tcp4(), udp4(), tcp6()] {
            bool_round_trip(&s, ReuseAddr);
            bool_round_trip(&s, KeepAlive);
            bool_round_trip(&s, OobInline);
        }
        bool_round_trip(&udp4(), Broadcast);
        bool_round_trip(&tcp4(), TcpNoDelay);
        bool_round_trip(&tcp6(), TcpNoDelay);
        bool_round_trip(&udp4(), IpMulticastLoop);
        bool_round_trip(&udp6(), Ipv6MulticastLoop);
        for s in [udp6(), tcp6()] {
            bool_round_trip(&s, Ipv6V6Only);
        }
        int_round_trip(&udp4(), IpTtl, &[1u32, 64, 255]);
        int_round_trip(&udp4(), IpMulticastTtl, &[0u32, 4, 255]);
        int_round_trip(&udp6(), Ipv6UnicastHops, &[1u32, 64, 255]);
        int_round_trip(&udp6(), Ipv6MulticastHops, &[0u32, 4, 255]);
    });
}

#[test]
fn portable_timeouts_linger_and_getters() {
    fd_leak_check("portable_timeouts_linger_and_getters", || {
        let s = tcp4();
        for opt_is_rcv in [true, false] {
            for v in [Some(Duration::from_millis(1500)), Some(Duration::from_secs(7)), None] {
                if opt_is_rcv {
                    s.setsockopt(RcvTimeo, v).unwrap();
                    assert_eq!(s.getsockopt(RcvTimeo).unwrap(), v);
                } else {
                    s.setsockopt(SndTimeo, v).unwrap();
                    assert_eq!(s.getsockopt(SndTimeo).unwrap(), v);
                }
            }
        }
        assert!(is_invalid_input(s.setsockopt(RcvTimeo, Some(Duration::ZERO))));
        for v in [Some(Duration::from_secs(5)), Some(Duration::ZERO), None] {
            s.setsockopt(Linger, v).unwrap();
            assert_eq!(s.getsockopt(Linger).unwrap(), v);
        }

        assert_eq!(s.getsockopt(SoType).unwrap(), Type::STREAM);
        assert_eq!(udp4().getsockopt(SoType).unwrap(), Type::DGRAM);
        assert!(s.getsockopt(SoError).unwrap().is_none());
        assert!(!s.getsockopt(AcceptConn).unwrap());
        s.bind(addr("127.0.0.1:0")).unwrap();
        s.listen(1).unwrap();
        assert!(s.getsockopt(AcceptConn).unwrap());
    });
}

// ---- SOL_SOCKET ------------------------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn socket_level_bools() {
    fd_leak_check("socket_level_bools", || {
        for s in [tcp4(), udp4(), tcp6()] {
            bool_round_trip(&s, ReuseAddr);
            bool_round_trip(&s, ReusePort);
            bool_round_trip(&s, Broadcast);
            bool_round_trip(&s, KeepAlive);
            bool_round_trip(&s, OobInline);
            bool_round_trip(&s, DontRoute);
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn reuseaddr_lets_a_second_socket_bind_a_time_wait_port() {
    fd_leak_check("reuseaddr_effect", || {
        // Kernel-observed effect: two sockets with SO_REUSEADDR bind the same (non-listening)
        // address; without it the second bind fails with EADDRINUSE.
        let a = udp4();
        a.bind(addr("127.0.0.1:0")).unwrap();
        let bound = a.getsockname().unwrap();
        let b = udp4();
        assert_eq!(errno_of(b.bind(bound)), libc::EADDRINUSE);
        drop((a, b));
        let a = udp4();
        a.setsockopt(ReuseAddr, true).unwrap();
        a.bind(addr("127.0.0.1:0")).unwrap();
        let bound = a.getsockname().unwrap();
        let b = udp4();
        b.setsockopt(ReuseAddr, true).unwrap();
        b.bind(bound).unwrap();
    });
}

#[cfg(target_os = "linux")]
#[test]
fn buffers_are_doubled_by_linux() {
    /// Sets `opt` to `want` bytes and checks that the kernel holds (and reports) twice that.
    fn doubled<O>(s: &Socket, opt: O, want: usize)
    where
        O: SetSockOpt + GetSockOpt + SockOpt<Value = usize>,
    {
        s.setsockopt(opt, want).unwrap();
        assert_eq!(s.getsockopt(opt).unwrap(), 2 * want, "{}", O::C_NAME);
        assert_eq!(raw_int(s, O::LEVEL, O::NAME) as usize, 2 * want, "{} (raw)", O::C_NAME);
    }
    fd_leak_check("buffers", || {
        for s in [tcp4(), udp4(), udp6()] {
            doubled(&s, RcvBuf, 48 * 1024);
            doubled(&s, SndBuf, 40 * 1024);
            // Out of the C int's range: refused before the call, the kernel value is unchanged.
            assert!(is_invalid_input(s.setsockopt(RcvBuf, usize::MAX)));
            assert!(is_invalid_input(s.setsockopt(SndBuf, i32::MAX as usize + 1)));
            assert_eq!(s.getsockopt(RcvBuf).unwrap(), 96 * 1024);
            assert_eq!(s.getsockopt(SndBuf).unwrap(), 80 * 1024);
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn rcvlowat_round_trip() {
    fd_leak_check("rcvlowat", || {
        for s in [tcp4(), udp4()] {
            int_round_trip(&s, RcvLowat, &[16usize, 1, 1000]);
        }
        assert!(is_invalid_input(tcp4().setsockopt(RcvLowat, usize::MAX)));
    });
}

/// The timeval the kernel holds for a timeout option.
#[cfg(target_os = "linux")]
fn raw_timeval(s: &Socket, name: i32) -> (i64, i64) {
    let b = raw_bytes(s, libc::SOL_SOCKET, name, 16);
    assert_eq!(b.len(), 16);
    (i64::from_ne_bytes(b[..8].try_into().unwrap()), i64::from_ne_bytes(b[8..].try_into().unwrap()))
}

#[cfg(target_os = "linux")]
#[test]
fn timeouts_round_trip() {
    fd_leak_check("timeouts", || {
        let s = udp4();
        for (set, name) in [(true, libc::SO_RCVTIMEO), (false, libc::SO_SNDTIMEO)] {
            let put = |v: Option<Duration>| {
                if set {
                    s.setsockopt(RcvTimeo, v)
                } else {
                    s.setsockopt(SndTimeo, v)
                }
            };
            let get = || if set { s.getsockopt(RcvTimeo) } else { s.getsockopt(SndTimeo) }.unwrap();

            assert_eq!(get(), None, "default: no timeout");
            put(Some(Duration::from_millis(1500))).unwrap();
            assert_eq!(get(), Some(Duration::from_millis(1500)));
            assert_eq!(raw_timeval(&s, name), (1, 500_000));
            put(Some(Duration::from_secs(7))).unwrap();
            assert_eq!(raw_timeval(&s, name), (7, 0));
            put(None).unwrap();
            assert_eq!(get(), None);
            assert_eq!(raw_timeval(&s, name), (0, 0));

            // Zero would mean "forever" to C: an error, and the kernel value is unchanged.
            put(Some(Duration::from_secs(3))).unwrap();
            let err = put(Some(Duration::ZERO)).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
            assert_eq!(get(), Some(Duration::from_secs(3)));

            // Sub-microsecond rounds up: one nanosecond is a (tiny) timeout, not "forever".
            put(Some(Duration::from_nanos(1))).unwrap();
            let tiny = get().expect("a 1 ns timeout must not read back as no timeout");
            assert!(tiny > Duration::ZERO && tiny <= Duration::from_millis(10), "{tiny:?}");

            // Too long for time_t; rounding up at the very top must not overflow either.
            assert!(matches!(put(Some(Duration::MAX)), Err(Error::InvalidInput { .. })));
            let top = Duration::new(u64::MAX, 999_999_999);
            assert!(matches!(put(Some(top)), Err(Error::InvalidInput { .. })));
            let big = Duration::new(i64::MAX as u64, 999_999_001); // rounds up past time_t
            assert!(matches!(put(Some(big)), Err(Error::InvalidInput { .. })));
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn rcvtimeo_is_honoured_by_recv() {
    fd_leak_check("rcvtimeo_effect", || {
        let s = udp4();
        s.bind(addr("127.0.0.1:0")).unwrap();
        s.setsockopt(RcvTimeo, Some(Duration::from_millis(30))).unwrap();
        let start = std::time::Instant::now();
        let err = s.recv(&mut [0u8; 16]).unwrap_err();
        // A blocking socket's expired SO_RCVTIMEO is a timeout, not "would block".
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut, "{err}");
        assert!(err.is_timeout() && !err.is_would_block(), "{err}");
        assert_eq!(err.raw_os_error(), Some(libc::EAGAIN));
        assert_eq!(err.to_string(), "recv: timed out (os error 11)");
        assert!(start.elapsed() >= Duration::from_millis(20));
    });
}

#[cfg(target_os = "linux")]
#[test]
fn linger_round_trip_and_rounding() {
    fd_leak_check("linger", || {
        let s = tcp4();
        let raw = |s: &Socket| {
            let b = raw_bytes(s, libc::SOL_SOCKET, libc::SO_LINGER, 8);
            assert_eq!(b.len(), 8);
            (
                i32::from_ne_bytes(b[..4].try_into().unwrap()),
                i32::from_ne_bytes(b[4..].try_into().unwrap()),
            )
        };
        assert_eq!(s.getsockopt(Linger).unwrap(), None);
        s.setsockopt(Linger, Some(Duration::from_secs(5))).unwrap();
        assert_eq!(s.getsockopt(Linger).unwrap(), Some(Duration::from_secs(5)));
        assert_eq!(raw(&s), (1, 5));
        // Fractions round up to whole seconds, so a positive linger never becomes the abortive 0.
        s.setsockopt(Linger, Some(Duration::from_millis(1))).unwrap();
        assert_eq!(raw(&s), (1, 1));
        s.setsockopt(Linger, Some(Duration::from_millis(2500))).unwrap();
        assert_eq!(s.getsockopt(Linger).unwrap(), Some(Duration::from_secs(3)));
        // Zero is meaningful: reset on close.
        s.setsockopt(Linger, Some(Duration::ZERO)).unwrap();
        assert_eq!(s.getsockopt(Linger).unwrap(), Some(Duration::ZERO));
        assert_eq!(raw(&s), (1, 0));
        s.setsockopt(Linger, None).unwrap();
        assert_eq!(s.getsockopt(Linger).unwrap(), None);
        assert_eq!(raw(&s).0, 0);
        assert!(is_invalid_input(s.setsockopt(Linger, Some(Duration::from_secs(1 << 31)))));
        s.setsockopt(Linger, Some(Duration::from_secs(i32::MAX as u64))).unwrap();
        assert_eq!(raw(&s), (1, i32::MAX));
    });
}

/// A loopback TCP port with nothing listening on it.
#[cfg(target_os = "linux")]
fn closed_port() -> SockAddr {
    let s = tcp4();
    s.bind(addr("127.0.0.1:0")).unwrap();
    s.getsockname().unwrap() // bound but not listening: connections are refused
}

#[cfg(target_os = "linux")]
#[test]
fn so_error_after_refused_nonblocking_connect() {
    fd_leak_check("so_error", || {
        let s = tcp4();
        assert!(s.getsockopt(SoError).unwrap().is_none());
        let target = closed_port();
        s.set_nonblocking(true).unwrap();
        match s.connect(target) {
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {
                let mut pfd = libc::pollfd { fd: s.as_raw_fd(), events: libc::POLLOUT, revents: 0 };
                // SAFETY: one valid pollfd, count 1.
                let n = unsafe { libc::poll(&mut pfd, 1, 5000) };
                assert_eq!(n, 1, "connect did not complete");
                let err = s.getsockopt(SoError).unwrap().expect("a pending error");
                assert_eq!(err.raw_os_error(), Some(libc::ECONNREFUSED));
                assert_eq!(err.call(), Some("SO_ERROR"));
                assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
                // Reading SO_ERROR clears it.
                assert!(s.getsockopt(SoError).unwrap().is_none());
            }
            other => panic!("expected EINPROGRESS from a non-blocking connect, got {other:?}"),
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn peercred_on_socketpair() {
    fd_leak_check("peercred", || {
        for ty in [Type::STREAM, Type::SEQPACKET, Type::DGRAM] {
            let (a, b) = Socket::socketpair(Domain::UNIX, ty, Protocol::DEFAULT).unwrap();
            for s in [&a, &b] {
                let cred = s.getsockopt(PeerCred).unwrap();
                assert_eq!(cred.pid, std::process::id() as i32);
                // SAFETY: getuid/getgid cannot fail and take no arguments.
                let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
                assert_eq!((cred.uid, cred.gid), (uid, gid));
            }
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn acceptconn_after_listen() {
    fd_leak_check("acceptconn", || {
        for (s, a) in [(tcp4(), "127.0.0.1:0"), (tcp6(), "[::1]:0")] {
            assert!(!s.getsockopt(AcceptConn).unwrap());
            s.bind(addr(a)).unwrap();
            assert!(!s.getsockopt(AcceptConn).unwrap());
            s.listen(8).unwrap();
            assert!(s.getsockopt(AcceptConn).unwrap());
            assert_eq!(raw_int(&s, libc::SOL_SOCKET, libc::SO_ACCEPTCONN), 1);
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn type_domain_protocol() {
    fd_leak_check("type_domain_protocol", || {
        let cases = [
            (Domain::INET, Type::STREAM, Protocol::DEFAULT, Protocol::TCP),
            (Domain::INET, Type::DGRAM.nonblocking(), Protocol::UDP, Protocol::UDP),
            (Domain::INET6, Type::STREAM, Protocol::TCP, Protocol::TCP),
            (Domain::INET6, Type::DGRAM, Protocol::DEFAULT, Protocol::UDP),
            (Domain::UNIX, Type::SEQPACKET, Protocol::DEFAULT, Protocol::DEFAULT),
            (Domain::UNIX, Type::DGRAM, Protocol::DEFAULT, Protocol::DEFAULT),
        ];
        for (d, t, p, resolved) in cases {
            let s = sock(d, t, p);
            assert_eq!(s.getsockopt(SoType).unwrap(), t.base());
            assert_eq!(s.getsockopt(SoDomain).unwrap(), d);
            assert_eq!(s.getsockopt(SoProtocol).unwrap(), resolved);
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn priority_and_mark() {
    fd_leak_check("priority_mark", || {
        let s = udp4();
        int_round_trip(&s, Priority, &[0u32, 3, 6]);
        assert!(is_invalid_input(s.setsockopt(Priority, u32::MAX)));

        assert_eq!(s.getsockopt(Mark).unwrap(), 0);
        match s.setsockopt(Mark, 0x2a) {
            Err(e) if e.raw_os_error() == Some(libc::EPERM) => {
                eprintln!("skipping SO_MARK round trip: needs CAP_NET_ADMIN");
            }
            r => {
                r.unwrap();
                // Every u32 is a valid mark, including ones above i32::MAX.
                for v in [0x2au32, 0xdead_beef, u32::MAX, 0] {
                    s.setsockopt(Mark, v).unwrap();
                    assert_eq!(s.getsockopt(Mark).unwrap(), v);
                    assert_eq!(raw_int(&s, libc::SOL_SOCKET, libc::SO_MARK) as u32, v);
                }
            }
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn bindtodevice_lo() {
    fd_leak_check("bindtodevice", || {
        let s = udp4();
        assert_eq!(s.getsockopt(BindToDevice).unwrap(), None);
        // An unknown device: the kernel refuses it (checked before the capability).
        let err =
            s.setsockopt(BindToDevice, Some(OptName::new("nosuchdev0").unwrap())).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENODEV), "{err}");
        assert_eq!(err.call(), Some("setsockopt(SO_BINDTODEVICE)"));

        if !util::have_cap_net_raw() {
            eprintln!("skipping SO_BINDTODEVICE round trip: needs CAP_NET_RAW");
            return;
        }
        s.setsockopt(BindToDevice, Some(OptName::new("lo").unwrap())).unwrap();
        assert_eq!(s.getsockopt(BindToDevice).unwrap().unwrap(), "lo");
        assert_eq!(raw_bytes(&s, libc::SOL_SOCKET, libc::SO_BINDTODEVICE, 16), b"lo\0");
        // Still usable on loopback.
        s.bind(addr("127.0.0.1:0")).unwrap();
        let me = s.getsockname().unwrap();
        s.sendto(b"hi", me).unwrap();
        let mut buf = [0u8; 4];
        assert_eq!(s.recv(&mut buf).unwrap(), 2);
        // None unbinds.
        s.setsockopt(BindToDevice, None).unwrap();
        assert_eq!(s.getsockopt(BindToDevice).unwrap(), None);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn optname_limits() {
    fd_leak_check("optname_limits", || {
        let fifteen = "abcdefghijklmno";
        assert_eq!(OptName::new(fifteen).unwrap().as_bytes().len(), OptName::MAX_LEN);
        let err = OptName::new("abcdefghijklmnop").unwrap_err(); // 16 bytes: would be cut by C
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert!(matches!(OptName::new("l\0o"), Err(Error::InvalidInput { .. })));
        assert!(matches!(
            OptName::try_from("x".repeat(100).as_str()),
            Err(Error::InvalidInput { .. })
        ));
        assert_eq!(format!("{:?}", OptName::new("lo").unwrap()), "\"lo\"");
        assert_eq!(OptName::from_bytes(&[0xff, b'x']).unwrap().to_str(), None);
    });
}

// ---- IPPROTO_TCP -----------------------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn tcp_bools() {
    fd_leak_check("tcp_bools", || {
        for s in [tcp4(), tcp6()] {
            bool_round_trip(&s, TcpNoDelay);
            bool_round_trip(&s, TcpCork);
            bool_round_trip(&s, TcpQuickAck);
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn tcp_ints() {
    fd_leak_check("tcp_ints", || {
        for s in [tcp4(), tcp6()] {
            int_round_trip(&s, TcpKeepIdle, &[60u32, 1, 32767]);
            int_round_trip(&s, TcpKeepIntvl, &[10u32, 1, 32767]);
            int_round_trip(&s, TcpKeepCnt, &[5u32, 1, 127]);
            int_round_trip(&s, TcpUserTimeout, &[30_000u32, 0, 1]);
            // Before the connection exists Linux reports the MSS the user asked for.
            int_round_trip(&s, TcpMaxSeg, &[1200u32, 536]);
            // Kernel range checks surface as OS errors naming the option.
            let err = s.setsockopt(TcpKeepCnt, 128).unwrap_err();
            assert_eq!(err.raw_os_error(), Some(libc::EINVAL));
            assert_eq!(err.call(), Some("setsockopt(TCP_KEEPCNT)"));
            assert!(is_invalid_input(s.setsockopt(TcpKeepIdle, u32::MAX)));
            assert!(is_invalid_input(s.setsockopt(TcpUserTimeout, 1 << 31)));
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn tcp_congestion() {
    fd_leak_check("tcp_congestion", || {
        let available =
            std::fs::read_to_string("/proc/sys/net/ipv4/tcp_available_congestion_control")
                .unwrap_or_default();
        let s = tcp4();
        let default = s.getsockopt(TcpCongestion).unwrap();
        assert!(!default.is_empty());
        assert!(available.split_whitespace().any(|n| default == n), "{default} in {available}");
        let mut tried = 0;
        for name in ["cubic", "reno"] {
            if !available.split_whitespace().any(|n| n == name) {
                eprintln!("congestion control {name} not available; skipped");
                continue;
            }
            s.setsockopt(TcpCongestion, OptName::new(name).unwrap()).unwrap();
            assert_eq!(s.getsockopt(TcpCongestion).unwrap(), name);
            let raw = raw_bytes(&s, libc::IPPROTO_TCP, libc::TCP_CONGESTION, 16);
            assert_eq!(&raw[..name.len() + 1], format!("{name}\0").as_bytes());
            tried += 1;
        }
        assert!(tried > 0, "neither cubic nor reno is available: {available}");
        let err = s.setsockopt(TcpCongestion, OptName::new("nosuchcc").unwrap()).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOENT), "{err}");
    });
}

// ---- IPPROTO_IP / IPPROTO_IPV6 ---------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn ttl_and_hops_v4_v6() {
    fd_leak_check("ttl_hops", || {
        int_round_trip(&udp4(), IpMulticastTtl, &[4u32, 0, 255, 1]);
        // Linux refuses multicast TTLs on stream sockets.
        assert_eq!(errno_of(tcp4().setsockopt(IpMulticastTtl, 4)), libc::EINVAL);
        for s in [udp4(), tcp4()] {
            int_round_trip(&s, IpTtl, &[16u32, 1, 255, 64]);
            let err = s.setsockopt(IpTtl, 0).unwrap_err();
            assert_eq!(err.raw_os_error(), Some(libc::EINVAL));
            assert_eq!(err.call(), Some("setsockopt(IP_TTL)"));
            assert!(err.to_string().starts_with("setsockopt(IP_TTL): Invalid argument"), "{err}");
            assert_eq!(errno_of(s.setsockopt(IpTtl, 256)), libc::EINVAL);
            assert!(is_invalid_input(s.setsockopt(IpTtl, u32::MAX)));
            assert_eq!(s.getsockopt(IpTtl).unwrap(), 64, "refused values leave it unchanged");
        }
        int_round_trip(&udp6(), Ipv6MulticastHops, &[4u32, 0, 255, 1]);
        assert_eq!(errno_of(tcp6().setsockopt(Ipv6MulticastHops, 4)), libc::ENOPROTOOPT);
        for s in [udp6(), tcp6()] {
            int_round_trip(&s, Ipv6UnicastHops, &[16u32, 1, 255, 64]);
            assert_eq!(errno_of(s.setsockopt(Ipv6UnicastHops, 256)), libc::EINVAL);
            assert!(is_invalid_input(s.setsockopt(Ipv6UnicastHops, 1 << 31)));
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn tos_and_tclass() {
    fd_leak_check("tos_tclass", || {
        int_round_trip(&udp4(), IpTos, &[0x10u8, 0xb8, 0xff, 0]);
        int_round_trip(&udp6(), Ipv6Tclass, &[0x10u8, 0xb8, 0xff, 0]);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn ip_bools() {
    fd_leak_check("ip_bools", || {
        bool_round_trip(&udp4(), IpMulticastLoop);
        for s in [udp6(), tcp6()] {
            bool_round_trip(&s, Ipv6V6Only);
            bool_round_trip(&s, Ipv6MulticastLoop);
        }
        if util::have_cap_net_raw() {
            bool_round_trip(&sock(Domain::INET, Type::RAW, Protocol::ICMP), IpHdrIncl);
            // IPPROTO_RAW sockets have it implied.
            assert!(sock(Domain::INET, Type::RAW, Protocol::RAW).getsockopt(IpHdrIncl).unwrap());
        } else {
            eprintln!("skipping IP_HDRINCL: raw sockets need CAP_NET_RAW");
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn v6only_is_observed_by_bind() {
    fd_leak_check("v6only_effect", || {
        // With IPV6_V6ONLY a socket on [::]:p leaves 0.0.0.0:p free; without it, it takes both.
        let v6 = udp6();
        v6.setsockopt(Ipv6V6Only, true).unwrap();
        v6.bind(addr("[::]:0")).unwrap();
        let port = v6.getsockname().unwrap().as_socket().unwrap().port();
        udp4().bind(addr(&format!("0.0.0.0:{port}"))).unwrap();

        let v6 = udp6();
        v6.setsockopt(Ipv6V6Only, false).unwrap();
        v6.bind(addr("[::]:0")).unwrap();
        let port = v6.getsockname().unwrap().as_socket().unwrap().port();
        assert_eq!(errno_of(udp4().bind(addr(&format!("0.0.0.0:{port}")))), libc::EADDRINUSE);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn mtu_discover_and_mtu() {
    fd_leak_check("mtu", || {
        let s = udp4();
        for mode in [PmtuDisc::DONT, PmtuDisc::WANT, PmtuDisc::DO, PmtuDisc::PROBE] {
            s.setsockopt(IpMtuDiscover, mode).unwrap();
            assert_eq!(s.getsockopt(IpMtuDiscover).unwrap(), mode);
            assert_eq!(raw_int(&s, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER), mode.as_raw());
        }
        assert_eq!(errno_of(s.setsockopt(IpMtuDiscover, PmtuDisc::from_raw(99))), libc::EINVAL);

        let err = s.getsockopt(IpMtu).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOTCONN));
        assert_eq!(err.call(), Some("getsockopt(IP_MTU)"));
        s.connect(addr("127.0.0.1:9")).unwrap();
        let lo_mtu: u32 =
            std::fs::read_to_string("/sys/class/net/lo/mtu").unwrap().trim().parse().unwrap();
        // IP_MTU is capped at IP_MAX_MTU (65535); lo's MTU is 65536 by default.
        assert_eq!(s.getsockopt(IpMtu).unwrap(), lo_mtu.min(65535));
    });
}

/// The interface index of `lo`.
#[cfg(target_os = "linux")]
fn lo_index() -> u32 {
    // SAFETY: a valid NUL-terminated string; if_nametoindex only reads it.
    let i = unsafe { libc::if_nametoindex(c"lo".as_ptr()) };
    assert_ne!(i, 0, "no loopback interface");
    i
}

/// The multicast groups the kernel lists for `lo` in `/proc/net/igmp` (IPv4) or
/// `/proc/net/igmp6` (IPv6), as the hex strings those files use.
#[cfg(target_os = "linux")]
fn lo_groups(v6: bool) -> Vec<String> {
    let text = std::fs::read_to_string(if v6 { "/proc/net/igmp6" } else { "/proc/net/igmp" })
        .unwrap_or_default();
    let mut out = Vec::new();
    if v6 {
        // "1    lo              ff020000000000000000000000000001     1 0000000C 0"
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() >= 3 && f[1] == "lo" {
                out.push(f[2].to_ascii_lowercase());
            }
        }
    } else {
        // A device line "1\tlo        :     1      V3" then one "\t\t\t\tE00000FB ..." per group.
        let mut in_lo = false;
        for line in text.lines().skip(1) {
            if !line.starts_with('\t') {
                in_lo = line.split_whitespace().nth(1) == Some("lo");
            } else if in_lo {
                if let Some(g) = line.split_whitespace().next() {
                    out.push(g.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

#[cfg(target_os = "linux")]
#[test]
fn multicast_v4_join_leave_on_lo() {
    fd_leak_check("mcast4", || {
        let s = udp4();
        let group = Ipv4Addr::new(224, 0, 0, 123);
        let lo = Ipv4Addr::LOCALHOST;
        // /proc/net/igmp prints the __be32 as a host-order %08X.
        let hex = format!("{:08x}", u32::from_ne_bytes(group.octets()));

        s.setsockopt(IpMulticastIf, lo).unwrap();
        assert_eq!(s.getsockopt(IpMulticastIf).unwrap(), lo);
        assert_eq!(raw_bytes(&s, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, 4), [127, 0, 0, 1]);
        s.setsockopt(IpMulticastIf, Ipv4Addr::UNSPECIFIED).unwrap();
        assert_eq!(s.getsockopt(IpMulticastIf).unwrap(), Ipv4Addr::UNSPECIFIED);

        assert!(!lo_groups(false).contains(&hex));
        s.setsockopt(IpAddMembership, (group, lo)).unwrap();
        assert!(lo_groups(false).contains(&hex), "{hex} not in {:?}", lo_groups(false));
        assert_eq!(errno_of(s.setsockopt(IpAddMembership, (group, lo))), libc::EADDRINUSE);
        s.setsockopt(IpDropMembership, (group, lo)).unwrap();
        assert!(!lo_groups(false).contains(&hex));
        assert_eq!(errno_of(s.setsockopt(IpDropMembership, (group, lo))), libc::EADDRNOTAVAIL);
        // Not a multicast address.
        assert_eq!(errno_of(s.setsockopt(IpAddMembership, (lo, lo))), libc::EINVAL);

        // Dropping the socket leaves the group too.
        s.setsockopt(IpAddMembership, (group, lo)).unwrap();
        drop(s);
        assert!(!lo_groups(false).contains(&hex));
    });
}

#[cfg(target_os = "linux")]
#[test]
fn multicast_v6_join_leave_on_lo() {
    fd_leak_check("mcast6", || {
        let s = udp6();
        let group: Ipv6Addr = "ff02::7e57:1".parse().unwrap();
        let hex: String = group.octets().iter().map(|b| format!("{b:02x}")).collect();
        let lo = lo_index();

        assert!(!lo_groups(true).contains(&hex));
        s.setsockopt(Ipv6JoinGroup, (group, lo)).unwrap();
        assert!(lo_groups(true).contains(&hex), "{hex} not in {:?}", lo_groups(true));
        assert_eq!(errno_of(s.setsockopt(Ipv6JoinGroup, (group, lo))), libc::EADDRINUSE);
        s.setsockopt(Ipv6LeaveGroup, (group, lo)).unwrap();
        assert!(!lo_groups(true).contains(&hex));
        assert!(s.setsockopt(Ipv6LeaveGroup, (group, lo)).is_err());
        assert_eq!(errno_of(s.setsockopt(Ipv6JoinGroup, (group, 999_999))), libc::ENODEV);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn multicast_v4_datagram_loops_back_on_lo() {
    fd_leak_check("mcast4_traffic", || {
        let group = Ipv4Addr::new(224, 0, 0, 124);
        let rx = udp4();
        rx.setsockopt(ReuseAddr, true).unwrap();
        rx.bind(addr("0.0.0.0:0")).unwrap();
        let port = rx.getsockname().unwrap().as_socket().unwrap().port();
        rx.setsockopt(IpAddMembership, (group, Ipv4Addr::LOCALHOST)).unwrap();
        rx.setsockopt(RcvTimeo, Some(Duration::from_secs(2))).unwrap();

        let tx = udp4();
        tx.setsockopt(IpMulticastIf, Ipv4Addr::LOCALHOST).unwrap();
        tx.setsockopt(IpMulticastLoop, true).unwrap();
        tx.sendto(b"mcast", SockAddr::from(SocketAddr::from((group, port)))).unwrap();
        let mut buf = [0u8; 16];
        let n = rx.recv(&mut buf).expect("the looped-back multicast datagram");
        assert_eq!(&buf[..n], b"mcast");
    });
}

// ---- raw escape hatch, traits ----------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn raw_unknown_option_is_enoprotoopt() {
    fd_leak_check("raw_unknown", || {
        let s = udp4();
        let err = s.setsockopt_raw(libc::SOL_SOCKET, 9999, &1i32.to_ne_bytes()).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOPROTOOPT));
        assert_eq!(err.call(), Some("setsockopt"));
        assert!(err.to_string().starts_with("setsockopt: "), "{err}");
        let err = s.getsockopt_raw(libc::SOL_SOCKET, 9999, &mut [0u8; 4]).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOPROTOOPT));
        assert_eq!(err.call(), Some("getsockopt"));
        // A TCP option on a UDP socket.
        let err = s.setsockopt(TcpNoDelay, true).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOPROTOOPT));
        assert_eq!(err.call(), Some("setsockopt(TCP_NODELAY)"));
    });
}

#[cfg(target_os = "linux")]
#[test]
fn closed_or_wrong_socket_errors_name_the_option() {
    fd_leak_check("wrong_socket", || {
        let (a, _b) = Socket::socketpair(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
        let err = a.getsockopt(IpTtl).unwrap_err();
        assert_eq!(err.call(), Some("getsockopt(IP_TTL)"));
        assert!(err.raw_os_error().is_some());
        // SO_PEERCRED of an unconnected INET socket: no peer credentials.
        let cred = tcp4().getsockopt(PeerCred).unwrap();
        assert_eq!(cred.pid, 0);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn marker_constants_match_libc() {
    fd_leak_check("constants", || {
        assert_eq!((ReuseAddr::LEVEL, ReuseAddr::NAME), (libc::SOL_SOCKET, libc::SO_REUSEADDR));
        assert_eq!((IpTtl::LEVEL, IpTtl::NAME), (libc::IPPROTO_IP, libc::IP_TTL));
        assert_eq!((TcpNoDelay::LEVEL, TcpNoDelay::NAME), (libc::IPPROTO_TCP, libc::TCP_NODELAY));
        assert_eq!(
            (Ipv6JoinGroup::LEVEL, Ipv6JoinGroup::NAME),
            (libc::IPPROTO_IPV6, libc::IPV6_ADD_MEMBERSHIP)
        );
        assert_eq!(Ipv6LeaveGroup::NAME, libc::IPV6_DROP_MEMBERSHIP);
        assert_eq!(Ipv6JoinGroup::C_NAME, "IPV6_JOIN_GROUP");
        assert_eq!(SoError::C_NAME, "SO_ERROR");
        assert_eq!(format!("{:?}", PmtuDisc::DO), "IP_PMTUDISC_DO");
        assert_eq!(format!("{:?}", PmtuDisc::from_raw(42)), "PmtuDisc(42)");
    });
}

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

/// Round trips of a seconds-valued `Duration` option, checked against the kernel's `int`.
#[cfg(target_os = "linux")]
fn secs_round_trip<O>(s: &Socket, opt: O, secs: &[u64])
where
    O: SetSockOpt + GetSockOpt + SockOpt<Value = Duration>,
{
    for &v in secs {
        let d = Duration::from_secs(v);
        s.setsockopt(opt, d).unwrap_or_else(|e| panic!("set {} = {d:?}: {e}", O::C_NAME));
        assert_eq!(s.getsockopt(opt).unwrap(), d, "{}", O::C_NAME);
        assert_eq!(i64::from(raw_int(s, O::LEVEL, O::NAME)), v as i64, "{} (raw)", O::C_NAME);
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
                util::skip("priority_and_mark (SO_MARK round trip)", "needs CAP_NET_ADMIN");
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
            util::skip("bindtodevice_lo (round trip)", "needs CAP_NET_RAW");
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
            secs_round_trip(&s, TcpKeepIdle, &[60, 1, 32767]);
            secs_round_trip(&s, TcpKeepIntvl, &[10, 1, 32767]);
            int_round_trip(&s, TcpKeepCnt, &[5u32, 1, 127]);
            // Before the connection exists Linux reports the MSS the user asked for.
            int_round_trip(&s, TcpMaxSeg, &[1200u32, 536]);
            // Kernel range checks surface as OS errors naming the option.
            let err = s.setsockopt(TcpKeepCnt, 128).unwrap_err();
            assert_eq!(err.raw_os_error(), Some(libc::EINVAL));
            assert_eq!(err.call(), Some("setsockopt(TCP_KEEPCNT)"));
            let err = s.setsockopt(TcpKeepIdle, Duration::from_secs(32768)).unwrap_err();
            assert_eq!(err.raw_os_error(), Some(libc::EINVAL));
            assert_eq!(err.call(), Some("setsockopt(TCP_KEEPIDLE)"));
            assert!(is_invalid_input(
                s.setsockopt(TcpKeepIdle, Duration::from_secs(u32::MAX.into()))
            ));
            assert!(is_invalid_input(s.setsockopt(TcpKeepIdle, Duration::from_secs(1 << 31))));
            assert!(is_invalid_input(s.setsockopt(TcpKeepIntvl, Duration::MAX)));
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
            util::skip("ip_bools (IP_HDRINCL)", "raw sockets need CAP_NET_RAW");
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
        s.setsockopt(IpAddMembership, IpMreq { group, interface: lo }).unwrap();
        assert!(lo_groups(false).contains(&hex), "{hex} not in {:?}", lo_groups(false));
        assert_eq!(
            errno_of(s.setsockopt(IpAddMembership, IpMreq { group, interface: lo })),
            libc::EADDRINUSE
        );
        s.setsockopt(IpDropMembership, IpMreq { group, interface: lo }).unwrap();
        assert!(!lo_groups(false).contains(&hex));
        assert_eq!(
            errno_of(s.setsockopt(IpDropMembership, IpMreq { group, interface: lo })),
            libc::EADDRNOTAVAIL
        );
        // Not a multicast address.
        assert_eq!(
            errno_of(s.setsockopt(IpAddMembership, IpMreq { group: lo, interface: lo })),
            libc::EINVAL
        );

        // Dropping the socket leaves the group too.
        s.setsockopt(IpAddMembership, IpMreq { group, interface: lo }).unwrap();
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
        s.setsockopt(Ipv6JoinGroup, Ipv6Mreq { group, ifindex: lo }).unwrap();
        assert!(lo_groups(true).contains(&hex), "{hex} not in {:?}", lo_groups(true));
        assert_eq!(
            errno_of(s.setsockopt(Ipv6JoinGroup, Ipv6Mreq { group, ifindex: lo })),
            libc::EADDRINUSE
        );
        s.setsockopt(Ipv6LeaveGroup, Ipv6Mreq { group, ifindex: lo }).unwrap();
        assert!(!lo_groups(true).contains(&hex));
        assert!(s.setsockopt(Ipv6LeaveGroup, Ipv6Mreq { group, ifindex: lo }).is_err());
        assert_eq!(
            errno_of(s.setsockopt(Ipv6JoinGroup, Ipv6Mreq { group, ifindex: 999_999 })),
            libc::ENODEV
        );
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
        rx.setsockopt(IpAddMembership, IpMreq { group, interface: Ipv4Addr::LOCALHOST }).unwrap();
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

// ---- Durations -------------------------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn tcp_user_timeout_is_an_optional_duration() {
    fd_leak_check("tcp_user_timeout", || {
        let raw = |s: &Socket| raw_int(s, libc::IPPROTO_TCP, libc::TCP_USER_TIMEOUT);
        for s in [tcp4(), tcp6()] {
            assert_eq!(s.getsockopt(TcpUserTimeout).unwrap(), None, "default: system limits");
            assert_eq!(raw(&s), 0);
            s.setsockopt(TcpUserTimeout, Some(Duration::from_secs(30))).unwrap();
            assert_eq!(s.getsockopt(TcpUserTimeout).unwrap(), Some(Duration::from_secs(30)));
            assert_eq!(raw(&s), 30_000);
            s.setsockopt(TcpUserTimeout, Some(Duration::from_millis(1))).unwrap();
            assert_eq!(raw(&s), 1);
            // Sub-millisecond values round up: a positive timeout never becomes "default" (0).
            s.setsockopt(TcpUserTimeout, Some(Duration::from_nanos(1))).unwrap();
            assert_eq!(raw(&s), 1);
            s.setsockopt(TcpUserTimeout, Some(Duration::from_micros(1500))).unwrap();
            assert_eq!(s.getsockopt(TcpUserTimeout).unwrap(), Some(Duration::from_millis(2)));
            // Zero would silently mean "system default": refused, the kernel value unchanged.
            let err = s.setsockopt(TcpUserTimeout, Some(Duration::ZERO)).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
            assert_eq!(err.call(), Some("setsockopt(TCP_USER_TIMEOUT)"));
            assert_eq!(raw(&s), 2);
            // The largest value the kernel's int takes, and one past it.
            let max = Duration::from_millis(i32::MAX as u64);
            s.setsockopt(TcpUserTimeout, Some(max)).unwrap();
            assert_eq!(raw(&s), i32::MAX);
            assert!(is_invalid_input(
                s.setsockopt(TcpUserTimeout, Some(max + Duration::from_millis(1)))
            ));
            assert!(is_invalid_input(s.setsockopt(TcpUserTimeout, Some(Duration::MAX))));
            assert_eq!(raw(&s), i32::MAX);
            s.setsockopt(TcpUserTimeout, None).unwrap();
            assert_eq!(raw(&s), 0);
            assert_eq!(s.getsockopt(TcpUserTimeout).unwrap(), None);
        }
    });
}

#[cfg(target_os = "linux")]
#[test]
fn keepalive_times_round_up_and_refuse_zero() {
    fd_leak_check("keepalive_durations", || {
        let s = tcp4();
        for (name, set) in [(libc::TCP_KEEPIDLE, true), (libc::TCP_KEEPINTVL, false)] {
            let put = |d: Duration| {
                if set {
                    s.setsockopt(TcpKeepIdle, d)
                } else {
                    s.setsockopt(TcpKeepIntvl, d)
                }
            };
            let raw = || raw_int(&s, libc::IPPROTO_TCP, name);
            put(Duration::from_millis(1500)).unwrap();
            assert_eq!(raw(), 2, "1.5 s rounds up to 2 s");
            put(Duration::from_nanos(1)).unwrap();
            assert_eq!(raw(), 1, "1 ns rounds up to 1 s, never 0");
            put(Duration::from_secs(45)).unwrap();
            assert_eq!(raw(), 45);
            let err = put(Duration::ZERO).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
            assert_eq!(raw(), 45, "a refused value leaves the kernel's unchanged");
            // One nanosecond past i32::MAX seconds rounds up out of range.
            assert!(is_invalid_input(put(Duration::new(i32::MAX as u64, 1))));
            assert_eq!(raw(), 45);
        }
        assert_eq!(s.getsockopt(TcpKeepIdle).unwrap(), Duration::from_secs(45));
        assert_eq!(s.getsockopt(TcpKeepIntvl).unwrap(), Duration::from_secs(45));
    });
}

// ---- any AsFd / AsSocket: std's sockets ------------------------------------------------------

#[test]
fn portable_options_on_std_sockets() {
    use berkeley::sockopt::{getsockopt, getsockopt_raw, setsockopt, setsockopt_raw};
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream, UdpSocket};

    fd_leak_check("std_sockets", || {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let stream = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut peer, _) = listener.accept().unwrap();

        // What berkeley sets, std reads, and the other way round.
        for v in [true, false, true] {
            setsockopt(&stream, TcpNoDelay, v).unwrap();
            assert_eq!(stream.nodelay().unwrap(), v);
            assert_eq!(getsockopt(&stream, TcpNoDelay).unwrap(), v);
        }
        stream.set_nodelay(false).unwrap();
        assert!(!getsockopt(&stream, TcpNoDelay).unwrap());
        setsockopt(&stream, RcvTimeo, Some(Duration::from_millis(1500))).unwrap();
        assert_eq!(stream.read_timeout().unwrap(), Some(Duration::from_millis(1500)));
        stream.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        assert_eq!(getsockopt(&stream, RcvTimeo).unwrap(), Some(Duration::from_secs(3)));
        assert_eq!(getsockopt(&stream, SoType).unwrap(), Type::STREAM);
        assert_eq!(getsockopt(&listener, SoType).unwrap(), Type::STREAM);
        assert!(getsockopt(&listener, AcceptConn).unwrap());
        assert!(!getsockopt(&stream, AcceptConn).unwrap());
        assert!(getsockopt(&stream, SoError).unwrap().is_none());
        setsockopt(&stream, IpTtl, 17).unwrap();
        assert_eq!(stream.ttl().unwrap(), 17);
        // Errors name the option, as on berkeley's own sockets.
        let err = setsockopt(&stream, IpTtl, u32::MAX).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert_eq!(err.call(), Some("setsockopt(IP_TTL)"));

        // The raw calls.
        setsockopt_raw(&stream, TcpNoDelay::LEVEL, TcpNoDelay::NAME, &1i32.to_ne_bytes()).unwrap();
        assert!(stream.nodelay().unwrap());
        let mut buf = [0u8; 4];
        let n = getsockopt_raw(&stream, SoType::LEVEL, SoType::NAME, &mut buf).unwrap();
        assert_eq!((n, i32::from_ne_bytes(buf)), (4, Type::STREAM.as_raw()));

        // A SockRef is Copy and borrows: the stream is still the caller's and still works.
        let r = SockRef::from(&stream);
        setsockopt(r, KeepAlive, true).unwrap();
        assert!(getsockopt(r, KeepAlive).unwrap());
        (&stream).write_all(b"ping").unwrap();
        let mut got = [0u8; 4];
        peer.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"ping");

        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        assert_eq!(getsockopt(&udp, SoType).unwrap(), Type::DGRAM);
        setsockopt(&udp, Broadcast, true).unwrap();
        assert!(udp.broadcast().unwrap());
        setsockopt(&udp, IpMulticastTtl, 5).unwrap();
        assert_eq!(udp.multicast_ttl_v4().unwrap(), 5);
        udp.set_ttl(33).unwrap();
        assert_eq!(getsockopt(&udp, IpTtl).unwrap(), 33);
        setsockopt(&udp, IpMulticastIf, std::net::Ipv4Addr::LOCALHOST).unwrap();
        assert_eq!(getsockopt(&udp, IpMulticastIf).unwrap(), std::net::Ipv4Addr::LOCALHOST);

        // Borrowed handles work too (BorrowedFd / BorrowedSocket).
        #[cfg(unix)]
        let borrowed = std::os::fd::AsFd::as_fd(&udp);
        #[cfg(windows)]
        let borrowed = std::os::windows::io::AsSocket::as_socket(&udp);
        assert_eq!(getsockopt(borrowed, IpTtl).unwrap(), 33);
        assert_eq!(getsockopt(SockRef::from(borrowed), SoType).unwrap(), Type::DGRAM);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn options_on_std_unix_sockets_and_non_sockets() {
    use berkeley::sockopt::{getsockopt, setsockopt};
    use std::os::unix::net::{UnixDatagram, UnixStream};

    fd_leak_check("std_unix_and_files", || {
        let (a, _b) = UnixStream::pair().unwrap();
        assert_eq!(getsockopt(&a, SoType).unwrap(), Type::STREAM);
        assert_eq!(getsockopt(&a, SoDomain).unwrap(), Domain::UNIX);
        assert_eq!(getsockopt(&a, PeerCred).unwrap().pid, std::process::id() as i32);
        setsockopt(&a, SndBuf, 32 * 1024).unwrap();
        assert_eq!(getsockopt(&a, SndBuf).unwrap(), 64 * 1024);
        let d = UnixDatagram::unbound().unwrap();
        assert_eq!(getsockopt(&d, SoType).unwrap(), Type::DGRAM);

        // Not a socket: the OS says so (ENOTSOCK), naming the option; nothing undefined.
        let file = std::fs::File::open("/dev/null").unwrap();
        let err = getsockopt(&file, SoType).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOTSOCK));
        assert_eq!(err.call(), Some("getsockopt(SO_TYPE)"));
        let err = setsockopt(&file, ReuseAddr, true).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOTSOCK));
        assert_eq!(err.call(), Some("setsockopt(SO_REUSEADDR)"));
    });
}

// ---- new multicast options -------------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn ip_multicast_all_round_trip() {
    fd_leak_check("ip_multicast_all", || {
        let s = udp4();
        assert!(s.getsockopt(IpMulticastAll).unwrap(), "Linux's default is on");
        bool_round_trip(&s, IpMulticastAll);
        assert_eq!(
            (IpMulticastAll::LEVEL, IpMulticastAll::NAME),
            (libc::IPPROTO_IP, libc::IP_MULTICAST_ALL)
        );
    });
}

#[cfg(target_os = "linux")]
#[test]
fn ipv6_multicast_if_round_trip() {
    fd_leak_check("ipv6_multicast_if", || {
        let s = udp6();
        assert_eq!(s.getsockopt(Ipv6MulticastIf).unwrap(), 0);
        let lo = lo_index();
        s.setsockopt(Ipv6MulticastIf, lo).unwrap();
        assert_eq!(s.getsockopt(Ipv6MulticastIf).unwrap(), lo);
        assert_eq!(raw_int(&s, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF) as u32, lo);
        s.setsockopt(Ipv6MulticastIf, 0).unwrap();
        assert_eq!(s.getsockopt(Ipv6MulticastIf).unwrap(), 0);
        // No such interface: the kernel refuses it, naming the option.
        let err = s.setsockopt(Ipv6MulticastIf, 999_999).unwrap_err();
        assert!(err.raw_os_error().is_some(), "{err:?}");
        assert_eq!(err.call(), Some("setsockopt(IPV6_MULTICAST_IF)"));
        // Past the C int: refused before the call.
        assert!(is_invalid_input(s.setsockopt(Ipv6MulticastIf, u32::MAX)));
        assert_eq!(s.getsockopt(Ipv6MulticastIf).unwrap(), 0);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn mreqn_joins_by_interface_index() {
    fd_leak_check("mreqn", || {
        let s = udp4();
        let group = Ipv4Addr::new(224, 0, 0, 125);
        let hex = format!("{:08x}", u32::from_ne_bytes(group.octets()));
        let by_index = IpMreqn { group, address: Ipv4Addr::UNSPECIFIED, ifindex: lo_index() };

        assert!(!lo_groups(false).contains(&hex));
        s.setsockopt(IpAddMembership, by_index).unwrap();
        assert!(lo_groups(false).contains(&hex), "{hex} not in {:?}", lo_groups(false));
        // The same membership named by address: already joined.
        let by_addr = IpMreq { group, interface: Ipv4Addr::LOCALHOST };
        assert_eq!(errno_of(s.setsockopt(IpAddMembership, by_addr)), libc::EADDRINUSE);
        s.setsockopt(IpDropMembership, by_index).unwrap();
        assert!(!lo_groups(false).contains(&hex));
        assert_eq!(errno_of(s.setsockopt(IpDropMembership, by_addr)), libc::EADDRNOTAVAIL);

        let bad = IpMreqn { ifindex: 999_999, ..by_index };
        assert_eq!(errno_of(s.setsockopt(IpAddMembership, bad)), libc::ENODEV);
        let huge = IpMreqn { ifindex: i32::MAX as u32 + 1, ..by_index };
        let err = s.setsockopt(IpAddMembership, huge).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert_eq!(err.call(), Some("setsockopt(IP_ADD_MEMBERSHIP)"));
    });
}

/// A UDP socket bound to `0.0.0.0:port` (any port if 0), with a receive timeout so a missing
/// datagram fails the test instead of hanging it.
#[cfg(target_os = "linux")]
fn mcast_receiver() -> (Socket, u16) {
    let rx = udp4();
    rx.setsockopt(ReuseAddr, true).unwrap();
    rx.bind(addr("0.0.0.0:0")).unwrap();
    rx.setsockopt(RcvTimeo, Some(Duration::from_secs(2))).unwrap();
    let port = rx.getsockname().unwrap().as_socket().unwrap().port();
    (rx, port)
}

/// Sends `msg` to `group:port` from a socket bound to `from` (a loopback address), out of `lo`.
#[cfg(target_os = "linux")]
fn mcast_send(from: Ipv4Addr, group: Ipv4Addr, port: u16, msg: &[u8]) {
    let tx = udp4();
    tx.bind(SockAddr::from(SocketAddr::from((from, 0)))).unwrap();
    tx.setsockopt(IpMulticastIf, Ipv4Addr::LOCALHOST).unwrap();
    tx.sendto(msg, SockAddr::from(SocketAddr::from((group, port)))).unwrap();
}

#[cfg(target_os = "linux")]
fn recv_msg(rx: &Socket) -> Vec<u8> {
    let mut buf = [0u8; 64];
    let n = rx.recv(&mut buf).expect("a multicast datagram");
    buf[..n].to_vec()
}

#[cfg(target_os = "linux")]
#[test]
fn ip_multicast_if_by_index_sends_out_of_lo() {
    fd_leak_check("mcast_if_mreqn", || {
        let group = Ipv4Addr::new(224, 0, 0, 126);
        let (rx, port) = mcast_receiver();
        rx.setsockopt(IpAddMembership, IpMreq { group, interface: Ipv4Addr::LOCALHOST }).unwrap();

        let tx = udp4();
        let by_index = IpMreqn { group, address: Ipv4Addr::UNSPECIFIED, ifindex: lo_index() };
        tx.setsockopt(IpMulticastIf, by_index).unwrap();
        // Read back, the option is the interface address: unset when chosen by index.
        assert_eq!(tx.getsockopt(IpMulticastIf).unwrap(), Ipv4Addr::UNSPECIFIED);
        tx.sendto(b"by-index", SockAddr::from(SocketAddr::from((group, port)))).unwrap();
        assert_eq!(recv_msg(&rx), b"by-index");
    });
}

/// The (group, source) filters `/proc/net/mcfilter` lists for `lo`, as hex strings.
#[cfg(target_os = "linux")]
fn lo_source_filters() -> Vec<(String, String)> {
    // "Idx Device        MCA        SRC    INC    EXC" then "  1     lo 0xe8010203 0x7f000001 ..."
    std::fs::read_to_string("/proc/net/mcfilter")
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 4 && f[1] == "lo").then(|| (f[2].to_string(), f[3].to_string()))
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn source_specific_multicast_on_lo() {
    fd_leak_check("ssm", || {
        let group = Ipv4Addr::new(232, 1, 2, 3);
        let wanted = Ipv4Addr::new(127, 0, 0, 1);
        let other = Ipv4Addr::new(127, 0, 0, 2);
        let filter = ("0xe8010203".to_string(), "0x7f000001".to_string());
        let (rx, port) = mcast_receiver();
        rx.setsockopt(IpMulticastAll, false).unwrap();
        let req = IpMreqSource { group, interface: Ipv4Addr::LOCALHOST, source: wanted };

        assert!(!lo_source_filters().contains(&filter));
        rx.setsockopt(IpAddSourceMembership, req).unwrap();
        assert!(lo_source_filters().contains(&filter), "{:?}", lo_source_filters());
        // Adding the same source twice is refused by the kernel (Linux: EINVAL).
        let err = rx.setsockopt(IpAddSourceMembership, req).unwrap_err();
        assert!(err.raw_os_error().is_some(), "{err:?}");
        assert_eq!(err.call(), Some("setsockopt(IP_ADD_SOURCE_MEMBERSHIP)"));

        // Only the joined source gets through: the other one's datagram, sent first, is dropped.
        mcast_send(other, group, port, b"from .2");
        mcast_send(wanted, group, port, b"from .1");
        assert_eq!(recv_msg(&rx), b"from .1");

        rx.setsockopt(IpDropSourceMembership, req).unwrap();
        assert!(!lo_source_filters().contains(&filter));
        // Dropping the last source left the group: a second drop is refused (Linux: EINVAL).
        let err = rx.setsockopt(IpDropSourceMembership, req).unwrap_err();
        assert!(err.raw_os_error().is_some(), "{err:?}");
        assert_eq!(err.call(), Some("setsockopt(IP_DROP_SOURCE_MEMBERSHIP)"));
        assert_eq!(IpAddSourceMembership::C_NAME, "IP_ADD_SOURCE_MEMBERSHIP");
        assert_eq!(IpAddSourceMembership::NAME, libc::IP_ADD_SOURCE_MEMBERSHIP);
    });
}

#[cfg(target_os = "linux")]
#[test]
fn block_and_unblock_a_source_on_lo() {
    fd_leak_check("block_source", || {
        let group = Ipv4Addr::new(224, 0, 0, 127);
        let blocked = Ipv4Addr::new(127, 0, 0, 2);
        let (rx, port) = mcast_receiver();
        rx.setsockopt(IpMulticastAll, false).unwrap();
        let interface = Ipv4Addr::LOCALHOST;
        rx.setsockopt(IpAddMembership, IpMreq { group, interface }).unwrap();
        let req = IpMreqSource { group, interface, source: blocked };

        rx.setsockopt(IpBlockSource, req).unwrap();
        let filter = ("0xe000007f".to_string(), "0x7f000002".to_string());
        assert!(lo_source_filters().contains(&filter), "{:?}", lo_source_filters());
        mcast_send(blocked, group, port, b"blocked");
        mcast_send(interface, group, port, b"allowed");
        assert_eq!(recv_msg(&rx), b"allowed");

        rx.setsockopt(IpUnblockSource, req).unwrap();
        assert!(!lo_source_filters().contains(&filter));
        assert_eq!(errno_of(rx.setsockopt(IpUnblockSource, req)), libc::EADDRNOTAVAIL);
        mcast_send(blocked, group, port, b"unblocked");
        assert_eq!(recv_msg(&rx), b"unblocked");
    });
}

/// The membership structs and the new multicast options on every platform (Windows: under wine).
#[test]
fn portable_membership_structs_and_multicast_if() {
    use std::net::Ipv4Addr as V4;
    fd_leak_check("portable_membership", || {
        let s = udp4();
        let mreq = IpMreq { group: V4::new(224, 0, 0, 251), interface: V4::LOCALHOST };
        s.setsockopt(IpAddMembership, mreq).unwrap();
        // Joining twice is refused (EADDRINUSE; Winsock: WSAEADDRINUSE), naming the option.
        let err = s.setsockopt(IpAddMembership, mreq).unwrap_err();
        assert!(err.raw_os_error().is_some(), "{err:?}");
        assert_eq!(err.call(), Some("setsockopt(IP_ADD_MEMBERSHIP)"));
        s.setsockopt(IpDropMembership, mreq).unwrap();
        assert!(s.setsockopt(IpDropMembership, mreq).is_err(), "left twice");

        let req = IpMreqSource {
            group: V4::new(232, 1, 2, 4),
            interface: V4::LOCALHOST,
            source: V4::LOCALHOST,
        };
        s.setsockopt(IpAddSourceMembership, req).unwrap();
        s.setsockopt(IpDropSourceMembership, req).unwrap();

        let s6 = udp6();
        assert_eq!(s6.getsockopt(Ipv6MulticastIf).unwrap(), 0);
        assert!(is_invalid_input(s6.setsockopt(Ipv6MulticastIf, u32::MAX)));
        assert_eq!(Ipv6MulticastIf::C_NAME, "IPV6_MULTICAST_IF");
    });
}

/// berkeley and socket2 (an independent implementation, a dev-dependency) on the same socket:
/// what one sets, the other reads — the encodings agree, including the new Duration and
/// membership ones.
#[cfg(target_os = "linux")]
#[test]
fn differential_against_socket2() {
    use berkeley::sockopt::{getsockopt, setsockopt};
    use socket2::{Domain as D2, Socket as S2, TcpKeepalive, Type as T2};

    fd_leak_check("socket2_differential", || {
        let tcp = S2::new(D2::IPV4, T2::STREAM, None).unwrap();
        setsockopt(&tcp, TcpKeepIdle, Duration::from_secs(77)).unwrap();
        assert_eq!(tcp.tcp_keepalive_time().unwrap(), Duration::from_secs(77));
        setsockopt(&tcp, TcpKeepIntvl, Duration::from_millis(8500)).unwrap();
        assert_eq!(tcp.tcp_keepalive_interval().unwrap(), Duration::from_secs(9));
        let ka = TcpKeepalive::new()
            .with_time(Duration::from_secs(31))
            .with_interval(Duration::from_secs(4));
        tcp.set_tcp_keepalive(&ka).unwrap();
        assert_eq!(getsockopt(&tcp, TcpKeepIdle).unwrap(), Duration::from_secs(31));
        assert_eq!(getsockopt(&tcp, TcpKeepIntvl).unwrap(), Duration::from_secs(4));

        setsockopt(&tcp, TcpUserTimeout, Some(Duration::from_millis(1234))).unwrap();
        assert_eq!(tcp.tcp_user_timeout().unwrap(), Some(Duration::from_millis(1234)));
        tcp.set_tcp_user_timeout(Some(Duration::from_secs(5))).unwrap();
        assert_eq!(getsockopt(&tcp, TcpUserTimeout).unwrap(), Some(Duration::from_secs(5)));
        tcp.set_tcp_user_timeout(None).unwrap();
        assert_eq!(getsockopt(&tcp, TcpUserTimeout).unwrap(), None);

        setsockopt(&tcp, Linger, Some(Duration::from_secs(6))).unwrap();
        assert_eq!(tcp.linger().unwrap(), Some(Duration::from_secs(6)));
        tcp.set_linger(None).unwrap();
        assert_eq!(getsockopt(&tcp, Linger).unwrap(), None);
        setsockopt(&tcp, RcvTimeo, Some(Duration::from_millis(2500))).unwrap(); // whole ticks: Linux rounds to 1/HZ
        assert_eq!(tcp.read_timeout().unwrap(), Some(Duration::from_millis(2500)));
        tcp.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
        assert_eq!(getsockopt(&tcp, SndTimeo).unwrap(), Some(Duration::from_secs(2)));

        let udp = S2::new(D2::IPV4, T2::DGRAM, None).unwrap();
        setsockopt(&udp, IpMulticastAll, false).unwrap();
        assert!(!udp.multicast_all_v4().unwrap());
        udp.set_multicast_all_v4(true).unwrap();
        assert!(getsockopt(&udp, IpMulticastAll).unwrap());
        setsockopt(&udp, IpMulticastIf, Ipv4Addr::LOCALHOST).unwrap();
        assert_eq!(udp.multicast_if_v4().unwrap(), Ipv4Addr::LOCALHOST);

        // A membership joined by socket2 is the one berkeley's struct names (EADDRINUSE), and
        // berkeley's drop leaves it (socket2's second leave fails).
        let group = Ipv4Addr::new(224, 0, 0, 128);
        udp.join_multicast_v4(&group, &Ipv4Addr::LOCALHOST).unwrap();
        let mreq = IpMreq { group, interface: Ipv4Addr::LOCALHOST };
        assert_eq!(errno_of(setsockopt(&udp, IpAddMembership, mreq)), libc::EADDRINUSE);
        setsockopt(&udp, IpDropMembership, mreq).unwrap();
        assert!(udp.leave_multicast_v4(&group, &Ipv4Addr::LOCALHOST).is_err());
        // The same for source-specific joins (field order of ip_mreq_source).
        let ssm = Ipv4Addr::new(232, 1, 2, 5);
        udp.join_ssm_v4(&Ipv4Addr::LOCALHOST, &ssm, &Ipv4Addr::LOCALHOST).unwrap();
        let req = IpMreqSource {
            group: ssm,
            interface: Ipv4Addr::LOCALHOST,
            source: Ipv4Addr::LOCALHOST,
        };
        setsockopt(&udp, IpDropSourceMembership, req).unwrap();
        assert!(udp.leave_ssm_v4(&Ipv4Addr::LOCALHOST, &ssm, &Ipv4Addr::LOCALHOST).is_err());

        let udp6 = S2::new(D2::IPV6, T2::DGRAM, None).unwrap();
        setsockopt(&udp6, Ipv6MulticastIf, lo_index()).unwrap();
        assert_eq!(udp6.multicast_if_v6().unwrap(), lo_index());
        udp6.set_multicast_if_v6(0).unwrap();
        assert_eq!(getsockopt(&udp6, Ipv6MulticastIf).unwrap(), 0);
        let group6: Ipv6Addr = "ff02::7e57:2".parse().unwrap();
        udp6.join_multicast_v6(&group6, lo_index()).unwrap();
        let mreq6 = Ipv6Mreq { group: group6, ifindex: lo_index() };
        assert_eq!(errno_of(setsockopt(&udp6, Ipv6JoinGroup, mreq6)), libc::EADDRINUSE);
        setsockopt(&udp6, Ipv6LeaveGroup, mreq6).unwrap();
        assert!(udp6.leave_multicast_v6(&group6, lo_index()).is_err());
    });
}

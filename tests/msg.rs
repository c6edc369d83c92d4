//! `sendmsg`/`recvmsg` with typed control messages (src/msg, src/socket/vectored.rs): fds,
//! credentials, TTL/TOS/pktinfo, hop limit, timestamps, the error queue, UDP GSO/GRO, and
//! Python's `socket.sendmsg`/`recvmsg` as the peer. The `portable` tests also run on Windows
//! (under wine in CI): `WSASendMsg`/`WSARecvMsg` with `IP_PKTINFO` and the TTL.

mod util;

#[cfg(any(target_os = "linux", target_os = "android", windows))]
mod portable {
    use std::io::{IoSlice, IoSliceMut};
    use std::net::Ipv4Addr;
    use std::time::Duration;

    use berkeley::msg::{Cmsg, CmsgBuffer, ControlMessage, InPktInfo};
    use berkeley::sockopt::{IpPktInfo, IpRecvTtl, IpTtl, RcvTimeo};
    use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};

    use super::util;

    fn udp4() -> Socket {
        let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
        s.bind(util::lo4()).unwrap();
        s.setsockopt(RcvTimeo, Some(Duration::from_secs(10))).unwrap();
        s
    }

    #[test]
    fn recvmsg_reports_pktinfo_and_ttl_on_127_0_0_1() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        let rx = udp4();
        rx.setsockopt(IpPktInfo, true).unwrap();
        rx.setsockopt(IpRecvTtl, true).unwrap();
        let tx = udp4();
        tx.setsockopt(IpTtl, 9).unwrap();
        tx.sendto(b"where to?", rx.getsockname().unwrap()).unwrap();

        let (mut head, mut tail, mut cmsg) = ([0u8; 5], [0u8; 16], CmsgBuffer::new());
        let got = rx
            .recvmsg(
                &mut [IoSliceMut::new(&mut head), IoSliceMut::new(&mut tail)],
                &mut cmsg,
                MsgFlags::empty(),
            )
            .unwrap();
        assert_eq!((got.len, &head, &tail[..4]), (9, b"where", &b" to?"[..]));
        assert_eq!(got.addr, tx.getsockname().unwrap());
        assert!(!got.flags.contains(MsgFlags::CTRUNC), "{:?}", got.flags);
        let (mut info, mut ttl) = (None, None);
        for m in cmsg.messages() {
            match m.unwrap() {
                Cmsg::IpPktInfo(i) => info = Some(i),
                Cmsg::IpTtl(t) => ttl = Some(t),
                _ => {}
            }
        }
        let info = info.expect("no IP_PKTINFO");
        assert_eq!(info.addr, Ipv4Addr::LOCALHOST);
        assert_ne!(info.ifindex, 0);
        assert_eq!(ttl, Some(9));
    }

    #[test]
    fn sendmsg_with_pktinfo_source() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        let rx = udp4();
        let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
        tx.bind("0.0.0.0:0").unwrap();
        let port = tx.getsockname().unwrap().as_socket().unwrap().port();
        // The source address chosen per packet (C: IP_PKTINFO's ipi_spec_dst; Windows: ipi_addr).
        let src =
            InPktInfo { ifindex: 0, spec_dst: Ipv4Addr::LOCALHOST, addr: Ipv4Addr::LOCALHOST };
        let to = rx.getsockname().unwrap();
        let n = tx
            .sendmsg(
                &[IoSlice::new(b"from lo")],
                &[ControlMessage::IpPktInfo(src)],
                Some(&to),
                MsgFlags::empty(),
            )
            .unwrap();
        assert_eq!(n, 7);
        let (mut buf, mut cmsg) = ([0u8; 16], CmsgBuffer::new());
        let got =
            rx.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty()).unwrap();
        assert_eq!(&buf[..got.len], b"from lo");
        let from = got.addr.as_socket().unwrap();
        assert_eq!((from.ip(), from.port()), (Ipv4Addr::LOCALHOST.into(), port));
        assert!(cmsg.is_empty()); // nothing asked for
    }
}

#[cfg(unix)]
mod unix {
    use super::util;

    use std::fs::File;
    use std::io::{IoSlice, IoSliceMut, Read, Write};
    use std::net::Ipv6Addr;
    use std::os::fd::{AsFd, AsRawFd, OwnedFd};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use berkeley::msg::{Cmsg, CmsgBuffer, ControlMessage, RawCmsgs};
    use berkeley::sockopt::{RcvTimeo, SoTimestamp};
    use berkeley::{Domain, MsgFlags, Protocol, SockAddr, Socket, Type};

    fn pair(ty: Type) -> (Socket, Socket) {
        Socket::socketpair(Domain::UNIX, ty, Protocol::DEFAULT).unwrap()
    }

    /// A UDP socket bound to `addr` with a receive timeout, so a lost datagram fails the test
    /// instead of hanging it.
    fn udp(domain: Domain, addr: &SockAddr) -> Socket {
        let s = Socket::new(domain, Type::DGRAM, Protocol::UDP).unwrap();
        s.bind(addr).unwrap();
        s.setsockopt(RcvTimeo, Some(Duration::from_secs(10))).unwrap();
        s
    }

    /// Receives one message into `buf` with `cmsg`; returns the byte count and the flags.
    fn recv(
        s: &Socket,
        buf: &mut [u8],
        cmsg: &mut CmsgBuffer,
        flags: MsgFlags,
    ) -> (usize, MsgFlags) {
        let got = s.recvmsg(&mut [IoSliceMut::new(buf)], cmsg, flags).unwrap();
        (got.len, got.flags)
    }

    /// The fds of the first `SCM_RIGHTS` message.
    fn fds_of(cmsg: &mut CmsgBuffer) -> Vec<OwnedFd> {
        cmsg.messages()
            .find_map(|m| match m.unwrap() {
                Cmsg::ScmRights(fds) => Some(fds),
                _ => None,
            })
            .expect("no SCM_RIGHTS message")
    }

    /// Whether two descriptors refer to the same open file (same device and inode).
    fn same_file(a: &impl AsFd, b: &impl AsFd) -> bool {
        let ma = File::from(a.as_fd().try_clone_to_owned().unwrap()).metadata().unwrap();
        let mb = File::from(b.as_fd().try_clone_to_owned().unwrap()).metadata().unwrap();
        use std::os::unix::fs::MetadataExt;
        (ma.dev(), ma.ino()) == (mb.dev(), mb.ino())
    }

    #[test]
    fn scm_rights_passes_a_pipe_the_receiver_uses() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        let (a, b) = pair(Type::STREAM);
        let (mut r, w) = std::io::pipe().unwrap();
        let n = a
            .sendmsg(
                &[IoSlice::new(b"fd!")],
                &[ControlMessage::ScmRights(&[w.as_fd()])],
                None,
                MsgFlags::empty(),
            )
            .unwrap();
        assert_eq!(n, 3);
        drop(w); // only the received copy keeps the pipe's write end open now

        let (mut buf, mut cmsg) = ([0u8; 8], CmsgBuffer::for_fds(1));
        let (len, flags) = recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
        assert_eq!((&buf[..len], flags.contains(MsgFlags::CTRUNC)), (&b"fd!"[..], false));
        let mut fds = fds_of(&mut cmsg);
        assert_eq!(fds.len(), 1);
        let fd = fds.pop().unwrap();
        assert!(util::is_cloexec(fd.as_raw_fd()), "received fds are close-on-exec");
        let mut w = File::from(fd);
        w.write_all(b"through the passed end").unwrap();
        drop(w);
        let mut got = String::new();
        r.read_to_string(&mut got).unwrap(); // EOF: the received fd was the last writer
        assert_eq!(got, "through the passed end");
    }

    #[test]
    fn scm_rights_several_fds_in_order() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        let (a, b) = pair(Type::DGRAM);
        let f1 = File::open("Cargo.toml").unwrap();
        let f2 = File::open("src/lib.rs").unwrap();
        let (_r, w) = std::io::pipe().unwrap();
        let fds = [f1.as_fd(), f2.as_fd(), w.as_fd()];
        a.sendmsg(
            &[IoSlice::new(b"3")],
            &[ControlMessage::ScmRights(&fds)],
            None,
            MsgFlags::empty(),
        )
        .unwrap();

        let (mut buf, mut cmsg) = ([0u8; 4], CmsgBuffer::for_fds(3));
        recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
        let got = fds_of(&mut cmsg);
        assert_eq!(got.len(), 3);
        assert!(same_file(&got[0], &f1));
        assert!(same_file(&got[1], &f2));
        assert!(same_file(&got[2], &w));
        assert!(!same_file(&got[0], &f2));
        // A second walk hands out no fd twice.
        assert!(fds_of(&mut cmsg).is_empty());
    }

    #[test]
    fn too_small_buffer_sets_ctrunc_and_leaks_nothing() {
        util::fd_leak_check("too_small_buffer_sets_ctrunc_and_leaks_nothing", || {
            let (a, b) = pair(Type::DGRAM);
            let files: Vec<File> = (0..4).map(|_| File::open("Cargo.toml").unwrap()).collect();
            let fds: Vec<_> = files.iter().map(|f| f.as_fd()).collect();
            a.sendmsg(
                &[IoSlice::new(b"x")],
                &[ControlMessage::ScmRights(&fds)],
                None,
                MsgFlags::empty(),
            )
            .unwrap();
            let (mut buf, mut cmsg) = ([0u8; 4], CmsgBuffer::for_fds(1));
            let (_, flags) = recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
            assert!(flags.contains(MsgFlags::CTRUNC), "flags {flags:?}");
            // What fit arrives whole and owned (CMSG_SPACE(4) has room for two ints on 64-bit
            // Linux: the padding), in order; the kernel closed the rest.
            let room = (CmsgBuffer::space(4) - CmsgBuffer::space(0)) / 4;
            let got = fds_of(&mut cmsg);
            assert_eq!(got.len(), room);
            assert!(room < files.len());
            for (fd, file) in got.iter().zip(&files) {
                assert!(same_file(fd, file));
            }

            // No control room at all: CTRUNC, nothing installed.
            a.sendmsg(
                &[IoSlice::new(b"y")],
                &[ControlMessage::ScmRights(&fds)],
                None,
                MsgFlags::empty(),
            )
            .unwrap();
            let mut none = CmsgBuffer::with_capacity(0);
            let (_, flags) = recv(&b, &mut buf, &mut none, MsgFlags::empty());
            assert!(flags.contains(MsgFlags::CTRUNC));
            assert_eq!(none.messages().count(), 0);
        });
    }

    #[test]
    fn ignored_fds_are_closed() {
        util::fd_leak_check("ignored_fds_are_closed", || {
            let (a, b) = pair(Type::DGRAM);
            let f = File::open("Cargo.toml").unwrap();
            let fds = [f.as_fd(), f.as_fd()];
            let mut cmsg = CmsgBuffer::for_fds(2);
            let mut buf = [0u8; 4];
            // One byte carrying both descriptors.
            let send_fds = || {
                let rights = [ControlMessage::ScmRights(&fds)];
                a.sendmsg(&[IoSlice::new(b"z")], &rights, None, MsgFlags::empty()).unwrap();
            };
            for _ in 0..3 {
                send_fds();
                // Never looked at: the next receive into the same buffer closes them.
                recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
                assert_eq!(cmsg.raw().count(), 1);
            }
            // Looked at, but the iterator dropped before reaching them.
            send_fds();
            recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
            drop(cmsg.messages());
            // Received and never looked at before the buffer is dropped.
            send_fds();
            recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
            drop(cmsg);
        });
    }

    #[test]
    fn peek_delivers_fds_too_and_they_are_owned() {
        util::fd_leak_check("peek_delivers_fds_too_and_they_are_owned", || {
            let (a, b) = pair(Type::DGRAM);
            let f = File::open("Cargo.toml").unwrap();
            a.sendmsg(
                &[IoSlice::new(b"p")],
                &[ControlMessage::ScmRights(&[f.as_fd()])],
                None,
                MsgFlags::empty(),
            )
            .unwrap();
            let (mut buf, mut cmsg) = ([0u8; 4], CmsgBuffer::for_fds(1));
            recv(&b, &mut buf, &mut cmsg, MsgFlags::PEEK);
            recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
            assert!(same_file(&fds_of(&mut cmsg)[0], &f));
        });
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn scm_credentials_carry_this_process() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::sockopt::{PassCred, UCred};
        let (a, b) = pair(Type::DGRAM);
        b.setsockopt(PassCred, true).unwrap();
        // SAFETY: getpid/getuid/getgid take no arguments and cannot fail.
        let me = unsafe { UCred { pid: libc::getpid(), uid: libc::getuid(), gid: libc::getgid() } };
        let mut cmsg = CmsgBuffer::new();
        let mut buf = [0u8; 4];
        // Attached by the kernel without the sender asking, and explicitly.
        a.send(b"1").unwrap();
        a.sendmsg(
            &[IoSlice::new(b"2")],
            &[ControlMessage::ScmCredentials(me)],
            None,
            MsgFlags::empty(),
        )
        .unwrap();
        for _ in 0..2 {
            recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
            let creds: Vec<UCred> = cmsg
                .messages()
                .filter_map(|m| match m.unwrap() {
                    Cmsg::ScmCredentials(c) => Some(c),
                    _ => None,
                })
                .collect();
            assert_eq!(creds, [me]);
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn udp_ttl_tos_pktinfo_on_127_0_0_1() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::netdb::if_nametoindex;
        use berkeley::sockopt::{IpPktInfo, IpRecvTos, IpRecvTtl, IpTos, IpTtl};
        use std::net::Ipv4Addr;
        let rx = udp(Domain::INET, &util::lo4());
        for opt_on in [
            rx.setsockopt(IpRecvTtl, true),
            rx.setsockopt(IpRecvTos, true),
            rx.setsockopt(IpPktInfo, true),
        ] {
            opt_on.unwrap();
        }
        assert!(rx.getsockopt(IpRecvTtl).unwrap() && rx.getsockopt(IpPktInfo).unwrap());
        let tx = udp(Domain::INET, &util::lo4());
        tx.setsockopt(IpTtl, 7).unwrap();
        tx.setsockopt(IpTos, 0x10).unwrap();
        tx.sendto(b"hello", rx.getsockname().unwrap()).unwrap();

        let (mut buf, mut cmsg) = ([0u8; 16], CmsgBuffer::new());
        let got =
            rx.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty()).unwrap();
        assert_eq!((&buf[..got.len], got.addr), (&b"hello"[..], tx.getsockname().unwrap()));
        let (mut ttl, mut tos, mut info) = (None, None, None);
        for m in cmsg.messages() {
            match m.unwrap() {
                Cmsg::IpTtl(t) => ttl = Some(t),
                Cmsg::IpTos(t) => tos = Some(t),
                Cmsg::IpPktInfo(i) => info = Some(i),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!((ttl, tos), (Some(7), Some(0x10)));
        let info = info.expect("no IP_PKTINFO");
        assert_eq!(info.ifindex, if_nametoindex("lo").unwrap());
        assert_eq!((info.addr, info.spec_dst), (Ipv4Addr::LOCALHOST, Ipv4Addr::LOCALHOST));
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn sendmsg_ttl_and_tos_per_packet() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::sockopt::{IpRecvTos, IpRecvTtl};
        let rx = udp(Domain::INET, &util::lo4());
        rx.setsockopt(IpRecvTtl, true).unwrap();
        rx.setsockopt(IpRecvTos, true).unwrap();
        let tx = udp(Domain::INET, &util::lo4());
        let to = rx.getsockname().unwrap();
        let (mut buf, mut cmsg) = ([0u8; 16], CmsgBuffer::new());
        for (ttl, tos) in [(3u8, 0x08u8), (200, 0x20)] {
            let cm = [ControlMessage::IpTtl(ttl), ControlMessage::IpTos(tos)];
            let n = tx
                .sendmsg(
                    &[IoSlice::new(b"per-"), IoSlice::new(b"packet")],
                    &cm,
                    Some(&to),
                    MsgFlags::empty(),
                )
                .unwrap();
            assert_eq!(n, 10);
            let (len, _) = recv(&rx, &mut buf, &mut cmsg, MsgFlags::empty());
            assert_eq!(&buf[..len], b"per-packet");
            let mut seen = (None, None);
            for m in cmsg.messages() {
                match m.unwrap() {
                    Cmsg::IpTtl(t) => seen.0 = Some(t),
                    Cmsg::IpTos(t) => seen.1 = Some(t),
                    _ => {}
                }
            }
            assert_eq!(seen, (Some(ttl), Some(tos)));
        }
        // The socket's own TTL is untouched by the per-packet one.
        tx.sendto(b"plain", to).unwrap();
        recv(&rx, &mut buf, &mut cmsg, MsgFlags::empty());
        assert!(cmsg.messages().any(|m| matches!(m, Ok(Cmsg::IpTtl(64)))));
        // A TTL of 0 is the kernel's to refuse: an OS error naming sendmsg and the destination.
        let err = tx.sendmsg(
            &[IoSlice::new(b"x")],
            &[ControlMessage::IpTtl(0)],
            Some(&to),
            MsgFlags::empty(),
        );
        let err = err.unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EINVAL));
        assert!(err.to_string().starts_with(&format!("sendmsg({to})")), "{err}");
    }

    #[test]
    fn ipv6_hop_limit_and_pktinfo_on_loopback() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::sockopt::{Ipv6RecvHopLimit, Ipv6RecvPktInfo, Ipv6UnicastHops};
        if !util::have_ipv6_loopback() {
            return util::skip("ipv6_hop_limit_and_pktinfo_on_loopback", "::1 is not available");
        }
        let rx = udp(Domain::INET6, &util::lo6());
        rx.setsockopt(Ipv6RecvHopLimit, true).unwrap();
        rx.setsockopt(Ipv6RecvPktInfo, true).unwrap();
        let tx = udp(Domain::INET6, &util::lo6());
        tx.setsockopt(Ipv6UnicastHops, 9).unwrap();
        let to = rx.getsockname().unwrap();
        tx.sendto(b"six", to).unwrap();
        // Per packet, with the hop limit cmsg.
        tx.sendmsg(
            &[IoSlice::new(b"six")],
            &[ControlMessage::Ipv6HopLimit(33)],
            Some(&to),
            MsgFlags::empty(),
        )
        .unwrap();

        let (mut buf, mut cmsg) = ([0u8; 8], CmsgBuffer::new());
        for want in [9u8, 33] {
            let (len, _) = recv(&rx, &mut buf, &mut cmsg, MsgFlags::empty());
            assert_eq!(&buf[..len], b"six");
            let (mut hops, mut info) = (None, None);
            for m in cmsg.messages() {
                match m.unwrap() {
                    Cmsg::Ipv6HopLimit(h) => hops = Some(h),
                    Cmsg::Ipv6PktInfo(i) => info = Some(i),
                    other => panic!("unexpected {other:?}"),
                }
            }
            assert_eq!(hops, Some(want));
            let info = info.expect("no IPV6_PKTINFO");
            assert_eq!(info.addr, Ipv6Addr::LOCALHOST);
            #[cfg(target_os = "linux")]
            assert_eq!(info.ifindex, berkeley::netdb::if_nametoindex("lo").unwrap());
        }
    }

    /// Receives one datagram sent to itself with the timestamp option `on` set and returns the
    /// `Cmsg::Timestamp` value.
    fn timestamp_with(set: impl FnOnce(&Socket)) -> Duration {
        let s = udp(Domain::INET, &util::lo4());
        set(&s);
        s.sendto(b"t", s.getsockname().unwrap()).unwrap();
        let (mut buf, mut cmsg) = ([0u8; 4], CmsgBuffer::new());
        recv(&s, &mut buf, &mut cmsg, MsgFlags::empty());
        let stamps: Vec<Duration> = cmsg
            .messages()
            .filter_map(|m| match m.unwrap() {
                Cmsg::Timestamp(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(stamps.len(), 1, "{stamps:?}");
        stamps[0]
    }

    #[test]
    fn so_timestamp_is_now() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let micros = timestamp_with(|s| s.setsockopt(SoTimestamp, true).unwrap());
        // A sanity bound on the value (this clock versus the kernel's), not a timing assertion.
        assert!(micros.abs_diff(now) < Duration::from_secs(30), "{micros:?} vs {now:?}");
        assert_eq!(micros.subsec_nanos() % 1000, 0, "SCM_TIMESTAMP has microseconds");
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn so_timestampns_is_now() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::sockopt::SoTimestampNs;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let nanos = timestamp_with(|s| s.setsockopt(SoTimestampNs, true).unwrap());
        assert!(nanos.abs_diff(now) < Duration::from_secs(30), "{nanos:?} vs {now:?}");
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn ip_recverr_reports_port_unreachable() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::msg::ErrOrigin;
        use berkeley::sockopt::IpRecvErr;
        use berkeley::{poll, PollFd, PollFlags};
        use std::net::Ipv4Addr;
        // A port nothing listens on: bind one, then close it.
        let closed = {
            let s = udp(Domain::INET, &util::lo4());
            s.getsockname().unwrap()
        };
        let s = udp(Domain::INET, &util::lo4());
        s.setsockopt(IpRecvErr, true).unwrap();
        assert!(s.getsockopt(IpRecvErr).unwrap());
        s.sendto(b"anyone?", closed).unwrap();
        // The ICMP error arrives on the error queue: POLLERR (always reported) says when.
        let mut fds = [PollFd::new(&s, PollFlags::empty())];
        let ready = poll(&mut fds, Some(Duration::from_secs(10))).unwrap();
        assert_eq!(ready, 1, "no error queued");
        assert!(fds[0].revents().contains(PollFlags::ERR));

        let (mut buf, mut cmsg) = ([0u8; 64], CmsgBuffer::new());
        let got =
            s.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::ERRQUEUE).unwrap();
        assert!(got.flags.contains(MsgFlags::ERRQUEUE), "flags {:?}", got.flags);
        assert_eq!(&buf[..got.len], b"anyone?"); // the offending datagram comes back
        assert_eq!(got.addr, closed);
        let errs: Vec<_> = cmsg
            .messages()
            .filter_map(|m| match m.unwrap() {
                Cmsg::IpRecvErr(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(errs.len(), 1);
        let e = &errs[0];
        assert_eq!(
            (e.errno, e.origin, e.type_, e.code),
            (libc::ECONNREFUSED, ErrOrigin::ICMP, 3, 3)
        );
        assert_eq!(e.offender.unwrap().as_socket().unwrap().ip(), Ipv4Addr::LOCALHOST);
        assert_eq!(e.error().kind(), std::io::ErrorKind::ConnectionRefused);
        // The queue is empty now: the error-queue read never blocks; it would block, which is not
        // a timeout even on this blocking socket.
        let again = s.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::ERRQUEUE);
        let again = again.unwrap_err();
        assert!(again.is_would_block() && !again.is_timeout(), "{again:?}");
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn udp_gso_send_and_gro_receive() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use berkeley::sockopt::UdpGro;
        let test = "udp_gso_send_and_gro_receive";
        let to_plain = udp(Domain::INET, &util::lo4());
        let to_gro = udp(Domain::INET, &util::lo4());
        if let Err(e) = to_gro.setsockopt(UdpGro, true) {
            return util::skip(test, &format!("UDP_GRO not supported: {e}"));
        }
        let tx = udp(Domain::INET, &util::lo4());
        let payload: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
        let plain = to_plain.getsockname().unwrap();
        match tx.sendmsg(
            &[IoSlice::new(&payload)],
            &[ControlMessage::UdpGsoSegments(100)],
            Some(&plain),
            MsgFlags::empty(),
        ) {
            Ok(n) => assert_eq!(n, 1000),
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EINVAL | libc::ENOPROTOOPT | libc::EIO)
                ) =>
            {
                return util::skip(test, &format!("UDP_SEGMENT not supported: {e}"));
            }
            Err(e) => panic!("{e}"),
        }
        // Without GRO the kernel cut it: ten datagrams of 100 bytes.
        let (mut buf, mut cmsg) = (vec![0u8; 2000], CmsgBuffer::new());
        for i in 0..10 {
            let (len, _) = recv(&to_plain, &mut buf, &mut cmsg, MsgFlags::empty());
            assert_eq!(&buf[..len], &payload[i * 100..(i + 1) * 100]);
            assert_eq!(cmsg.messages().count(), 0);
        }
        // With GRO the receiver gets the super-datagram and the segment size.
        tx.sendmsg(
            &[IoSlice::new(&payload)],
            &[ControlMessage::UdpGsoSegments(100)],
            Some(&to_gro.getsockname().unwrap()),
            MsgFlags::empty(),
        )
        .unwrap();
        let mut total = Vec::new();
        let mut sizes = Vec::new();
        while total.len() < payload.len() {
            let (len, _) = recv(&to_gro, &mut buf, &mut cmsg, MsgFlags::empty());
            total.extend_from_slice(&buf[..len]);
            for m in cmsg.messages() {
                if let Cmsg::UdpGroSegment(s) = m.unwrap() {
                    sizes.push(s);
                }
            }
        }
        assert_eq!(total, payload);
        assert!(!sizes.is_empty(), "no UDP_GRO control message");
        assert!(sizes.iter().all(|&s| s == 100), "{sizes:?}");
    }

    #[test]
    fn empty_control_and_unknown_messages() {
        let _serial = util::serial(); // fd_leak_check tests count fds
                                      // No control messages: sendmsg is a plain gather send.
        let (a, b) = pair(Type::DGRAM);
        assert_eq!(
            a.sendmsg(&[IoSlice::new(b"ab"), IoSlice::new(b"c")], &[], None, MsgFlags::empty())
                .unwrap(),
            3
        );
        let (mut buf, mut cmsg) = ([0u8; 1], CmsgBuffer::new());
        let (len, flags) = recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
        assert_eq!(len, 1);
        assert!(flags.contains(MsgFlags::TRUNC));
        assert!(cmsg.is_empty());
        // Arbitrary bytes: walked without panicking, unknown kinds kept with their bytes.
        let junk = [0xffu8; 40];
        for m in RawCmsgs::new(&junk) {
            let _ = m.map(Cmsg::parse);
        }
    }

    /// The buffer's accessors after a receive: `len`/`as_bytes` are exactly the control bytes
    /// the kernel wrote (`msg_controllen`: one `SCM_RIGHTS` of two fds takes `CMSG_SPACE(8)`),
    /// `capacity` stays what was asked for, and `clear` forgets the message and closes its fds.
    #[test]
    fn buffer_len_capacity_clear_after_a_receive() {
        util::fd_leak_check("buffer_len_capacity_clear_after_a_receive", || {
            let (a, b) = pair(Type::DGRAM);
            let f = File::open("Cargo.toml").unwrap();
            let mut cmsg = CmsgBuffer::with_capacity(100);
            assert_eq!((cmsg.capacity(), cmsg.len(), cmsg.is_empty()), (100, 0, true));
            assert_eq!(CmsgBuffer::for_fds(3).capacity(), CmsgBuffer::space(12));
            assert_eq!(format!("{cmsg:?}"), "CmsgBuffer { capacity: 100, len: 0, .. }");
            let mut buf = [0u8; 4];
            for round in 0..2 {
                a.sendmsg(
                    &[IoSlice::new(b"c")],
                    &[ControlMessage::ScmRights(&[f.as_fd(), f.as_fd()])],
                    None,
                    MsgFlags::empty(),
                )
                .unwrap();
                recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
                let want = CmsgBuffer::space(8);
                assert_eq!((cmsg.capacity(), cmsg.len(), cmsg.is_empty()), (100, want, false));
                assert_eq!(cmsg.as_bytes().len(), want);
                assert_eq!(
                    format!("{cmsg:?}"),
                    format!("CmsgBuffer {{ capacity: 100, len: {want}, .. }}")
                );
                let raw: Vec<_> = cmsg.raw().map(|m| m.unwrap()).collect();
                assert_eq!(raw.len(), 1);
                assert_eq!((raw[0].level, raw[0].type_), (libc::SOL_SOCKET, libc::SCM_RIGHTS));
                assert_eq!(raw[0].data.len(), 8);
                if round == 0 {
                    // Forgotten and closed by clear (the leak check counts them).
                    cmsg.clear();
                    assert_eq!((cmsg.len(), cmsg.is_empty()), (0, true));
                    assert!(cmsg.as_bytes().is_empty());
                    assert_eq!(cmsg.messages().count(), 0);
                } else {
                    let fds = fds_of(&mut cmsg);
                    assert_eq!(fds.len(), 2);
                    assert!(fds.iter().all(|fd| same_file(fd, &f)));
                }
            }
            // A receive without control data leaves the buffer empty.
            a.sendmsg(&[IoSlice::new(b"d")], &[], None, MsgFlags::empty()).unwrap();
            recv(&b, &mut buf, &mut cmsg, MsgFlags::empty());
            assert_eq!((cmsg.len(), cmsg.is_empty()), (0, true));
        });
    }

    /// Runs `python3 tests/cmsg_peer.py PATH`, which connects to the UNIX stream socket at PATH,
    /// receives one fd with `socket.recvmsg` and writes into it, then sends one fd of its own
    /// with `socket.sendmsg`.
    #[test]
    fn python_sendmsg_recvmsg_interoperate() {
        let _serial = util::serial(); // fd_leak_check tests count fds
        use std::process::{Command, Stdio};
        let test = "python_sendmsg_recvmsg_interoperate";
        let dir = std::env::temp_dir().join(format!("berkeley-msg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("peer.sock");
        let _ = std::fs::remove_file(&path);
        let listener = Socket::new(Domain::UNIX, Type::STREAM, Protocol::DEFAULT).unwrap();
        listener.bind(SockAddr::from(berkeley::SockAddrUn::new(&path).unwrap())).unwrap();
        listener.listen(1).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmsg_peer.py");
        let child = Command::new("python3").arg(script).arg(&path).stdout(Stdio::piped()).spawn();
        let Ok(child) = child else {
            let _ = std::fs::remove_dir_all(&dir);
            return util::skip(test, "python3 is not available");
        };
        let result = std::panic::catch_unwind(|| {
            let (conn, _) = listener.accept().unwrap();
            conn.setsockopt(RcvTimeo, Some(Duration::from_secs(30))).unwrap();
            // Ours to Python: a pipe's write end.
            let (mut r, w) = std::io::pipe().unwrap();
            conn.sendmsg(
                &[IoSlice::new(b"write here")],
                &[ControlMessage::ScmRights(&[w.as_fd()])],
                None,
                MsgFlags::empty(),
            )
            .unwrap();
            drop(w);
            let mut got = String::new();
            r.read_to_string(&mut got).unwrap();
            assert_eq!(got, "python wrote this");
            // Python's to us: a pipe's read end with data in it.
            let (mut buf, mut cmsg) = ([0u8; 32], CmsgBuffer::for_fds(1));
            let (len, _) = recv(&conn, &mut buf, &mut cmsg, MsgFlags::empty());
            assert_eq!(&buf[..len], b"read this");
            let mut fds = fds_of(&mut cmsg);
            assert_eq!(fds.len(), 1);
            let mut text = String::new();
            File::from(fds.pop().unwrap()).read_to_string(&mut text).unwrap();
            assert_eq!(text, "from python's pipe");
        });
        let out = child.wait_with_output().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(p) = result {
            std::panic::resume_unwind(p);
        }
        assert!(
            out.status.success(),
            "cmsg_peer.py failed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The receive-side decoders and the control-byte walk on hand-made bytes (the public
/// `RawCmsgs` and `Cmsg::parse`): edge lengths and values a kernel can send, which the socket
/// tests above do not produce on this machine (32-bit `timeval`s, an empty message, a time of
/// exactly the epoch, known kinds with a wrong size).
#[cfg(any(target_os = "linux", target_os = "android"))]
mod parse_edges {
    use std::net::Ipv4Addr;
    use std::time::Duration;

    use berkeley::msg::{Cmsg, CmsgBuffer, ErrOrigin, RawCmsg, RawCmsgs};

    fn parse(level: i32, type_: i32, data: &[u8]) -> Cmsg {
        Cmsg::parse(RawCmsg { level, type_, data })
    }

    /// A known kind whose data has the wrong size is `Unknown` with exactly its bytes.
    fn assert_unknown(level: i32, type_: i32, data: &[u8]) {
        match parse(level, type_, data) {
            Cmsg::Unknown { level: l, type_: t, data: d } => {
                assert_eq!((l, t, &d[..]), (level, type_, data))
            }
            other => panic!("({level}, {type_}) with {} bytes: {other:?}", data.len()),
        }
    }

    /// One header (`cmsg_len`, level, type) for `data_len` data bytes, then the data.
    fn header(cmsg_len: usize, level: i32, type_: i32) -> Vec<u8> {
        let mut v = cmsg_len.to_ne_bytes().to_vec();
        v.extend_from_slice(&level.to_ne_bytes());
        v.extend_from_slice(&type_.to_ne_bytes());
        v
    }

    #[test]
    fn a_message_without_data_is_a_message() {
        // cmsg_len == CMSG_LEN(0) and nothing after it: one message with empty data, not the
        // end of the walk and not an error.
        let hdr = CmsgBuffer::space(0);
        let bytes = header(hdr, 7, 9);
        assert_eq!(bytes.len(), hdr);
        let got: Vec<_> = RawCmsgs::new(&bytes).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap(), &RawCmsg { level: 7, type_: 9, data: &[] });
        // Followed by a second message: both, in order.
        let mut two = bytes.clone();
        two.extend(header(hdr + 4, 1, 2));
        two.extend_from_slice(&[1, 2, 3, 4]);
        let got: Vec<_> = RawCmsgs::new(&two).map(|m| m.unwrap()).collect();
        assert_eq!(
            got,
            [
                RawCmsg { level: 7, type_: 9, data: &[] },
                RawCmsg { level: 1, type_: 2, data: &[1, 2, 3, 4] }
            ]
        );
        // One byte short of a header: nothing.
        assert_eq!(RawCmsgs::new(&bytes[..hdr - 1]).count(), 0);
        // cmsg_len one short of a header: one error.
        let short = header(hdr - 1, 7, 9);
        let got: Vec<_> = RawCmsgs::new(&short).collect();
        assert_eq!(got.len(), 1);
        assert!(matches!(got[0], Err(berkeley::Error::InvalidInput { .. })), "{got:?}");
    }

    #[test]
    fn err_origin_raw_values() {
        for raw in 0..=7u8 {
            assert_eq!(ErrOrigin::from_raw(raw).as_raw(), raw);
        }
        assert_eq!(ErrOrigin::ICMP6.as_raw(), 3);
        assert_eq!(ErrOrigin::TXTIME.as_raw(), 6);
    }

    #[test]
    fn timestamps_32_bit_and_at_the_epoch() {
        let ts = |secs: i64, frac: i64| {
            let mut d = secs.to_ne_bytes().to_vec();
            d.extend_from_slice(&frac.to_ne_bytes());
            d
        };
        let ts32 = |secs: i32, frac: i32| {
            let mut d = secs.to_ne_bytes().to_vec();
            d.extend_from_slice(&frac.to_ne_bytes());
            d
        };
        let (sol, us, ns) = (libc::SOL_SOCKET, libc::SO_TIMESTAMP, libc::SO_TIMESTAMPNS);
        let at = |m: Cmsg| match m {
            Cmsg::Timestamp(d) => d,
            other => panic!("not a timestamp: {other:?}"),
        };
        // A 32-bit time_t's timeval/timespec (8 bytes).
        assert_eq!(
            at(parse(sol, us, &ts32(1_700_000_000, 250_000))),
            Duration::new(1_700_000_000, 250_000_000)
        );
        assert_eq!(at(parse(sol, ns, &ts32(7, 999_999_999))), Duration::new(7, 999_999_999));
        assert_unknown(sol, us, &ts32(-1, 0));
        assert_unknown(sol, us, &ts32(1, 1_000_000));
        // Exactly the epoch, and the first microsecond after it.
        assert_eq!(at(parse(sol, us, &ts(0, 0))), Duration::ZERO);
        assert_eq!(at(parse(sol, us, &ts(0, 1))), Duration::from_micros(1));
        assert_eq!(at(parse(sol, ns, &ts32(0, 1))), Duration::from_nanos(1));
        // Neither 8 nor 16 bytes.
        assert_unknown(sol, us, &[0; 12]);
    }

    #[test]
    fn extended_error_without_an_offender() {
        // sock_extended_err alone (16 bytes, no SO_EE_OFFENDER after it): the error, no
        // offender; 15 bytes are not one.
        let mut d = (libc::EMSGSIZE as u32).to_ne_bytes().to_vec();
        d.extend_from_slice(&[1, 0, 0, 0]); // SO_EE_ORIGIN_LOCAL, type, code, pad
        d.extend_from_slice(&1500u32.to_ne_bytes());
        d.extend_from_slice(&0u32.to_ne_bytes());
        for (level, ty) in
            [(libc::IPPROTO_IP, libc::IP_RECVERR), (libc::IPPROTO_IPV6, libc::IPV6_RECVERR)]
        {
            let e = match parse(level, ty, &d) {
                Cmsg::IpRecvErr(e) | Cmsg::Ipv6RecvErr(e) => e,
                other => panic!("{other:?}"),
            };
            assert_eq!(
                (e.errno, e.origin, e.info, e.offender),
                (libc::EMSGSIZE, ErrOrigin::LOCAL, 1500, None)
            );
            assert_unknown(level, ty, &d[..15]);
        }
    }

    #[test]
    fn extended_error_with_an_ipv6_offender() {
        // ICMPv6 port unreachable from [fe80::1%7]:53 (flowinfo 0x12345), the sockaddr_in6
        // after the error exactly 28 bytes long; a 27-byte one is cut and left out.
        let mut d = (libc::ECONNREFUSED as u32).to_ne_bytes().to_vec();
        d.extend_from_slice(&[3, 1, 4, 0]); // SO_EE_ORIGIN_ICMP6, type 1, code 4
        d.extend_from_slice(&[0; 8]);
        d.extend_from_slice(&(libc::AF_INET6 as u16).to_ne_bytes());
        d.extend_from_slice(&53u16.to_be_bytes());
        d.extend_from_slice(&0x12345u32.to_be_bytes());
        d.extend_from_slice(&"fe80::1".parse::<std::net::Ipv6Addr>().unwrap().octets());
        d.extend_from_slice(&7u32.to_ne_bytes());
        assert_eq!(d.len(), 16 + 28);
        let e = match parse(libc::IPPROTO_IPV6, libc::IPV6_RECVERR, &d) {
            Cmsg::Ipv6RecvErr(e) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            (e.errno, e.origin, e.type_, e.code),
            (libc::ECONNREFUSED, ErrOrigin::ICMP6, 1, 4)
        );
        let want = berkeley::SockAddrIn6::new("fe80::1".parse().unwrap(), 53, 0x12345, 7);
        assert_eq!(e.offender, Some(berkeley::SockAddr::from(want)));
        match parse(libc::IPPROTO_IPV6, libc::IPV6_RECVERR, &d[..d.len() - 1]) {
            Cmsg::Ipv6RecvErr(e) => assert_eq!((e.errno, e.offender), (libc::ECONNREFUSED, None)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn packet_auxdata_fields() {
        // struct tpacket_auxdata: status, len, snaplen (u32), mac, net, vlan_tci, vlan_tpid (u16).
        let mut d = Vec::new();
        for v in [0x10u32, 1514, 96] {
            d.extend_from_slice(&v.to_ne_bytes());
        }
        for v in [2u16, 16, 0x0123, 0x8100] {
            d.extend_from_slice(&v.to_ne_bytes());
        }
        match parse(libc::SOL_PACKET, libc::PACKET_AUXDATA, &d) {
            Cmsg::PacketAuxData(a) => assert_eq!(
                a,
                berkeley::msg::PacketAuxData {
                    status: 0x10,
                    len: 1514,
                    snaplen: 96,
                    mac: 2,
                    net: 16,
                    vlan_tci: 0x0123,
                    vlan_tpid: 0x8100
                }
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extended_error_displays_as_its_error() {
        let e = berkeley::msg::ExtendedError {
            errno: libc::ECONNREFUSED,
            origin: ErrOrigin::ICMP,
            type_: 3,
            code: 3,
            info: 0,
            data: 0,
            offender: Some("127.0.0.1:9".parse().unwrap()),
        };
        let shown = e.to_string();
        assert_eq!(shown, e.error().to_string());
        assert!(shown.starts_with("recvmsg(MSG_ERRQUEUE)"), "{shown}");
        assert!(shown.contains("127.0.0.1:9"), "{shown}");
        assert!(
            shown.contains(&std::io::Error::from_raw_os_error(libc::ECONNREFUSED).to_string()),
            "{shown}"
        );
    }

    #[test]
    fn known_kinds_with_a_wrong_size_are_unknown() {
        let (ip, ip6, sol) = (libc::IPPROTO_IP, libc::IPPROTO_IPV6, libc::SOL_SOCKET);
        // in_pktinfo is 12 bytes: 8 or 16 are not one.
        let mut info = 3u32.to_ne_bytes().to_vec();
        info.extend_from_slice(&[127, 0, 0, 1, 127, 0, 0, 2]);
        match parse(ip, libc::IP_PKTINFO, &info) {
            Cmsg::IpPktInfo(i) => {
                assert_eq!(
                    (i.ifindex, i.spec_dst, i.addr),
                    (3, Ipv4Addr::LOCALHOST, Ipv4Addr::new(127, 0, 0, 2))
                )
            }
            other => panic!("{other:?}"),
        }
        assert_unknown(ip, libc::IP_PKTINFO, &info[..8]);
        assert_unknown(ip, libc::IP_PKTINFO, &[info.clone(), vec![0; 4]].concat());
        // in6_pktinfo is 20 bytes.
        assert_unknown(ip6, libc::IPV6_PKTINFO, &[0; 24]);
        assert_unknown(ip6, libc::IPV6_PKTINFO, &[0; 16]);
        // ucred is 12 bytes.
        assert_unknown(sol, libc::SCM_CREDENTIALS, &[0; 16]);
        assert_unknown(sol, libc::SCM_CREDENTIALS, &[0; 8]);
        // UDP_GRO is an int.
        assert_unknown(libc::SOL_UDP, libc::UDP_GRO, &[0; 8]);
        assert_unknown(libc::SOL_UDP, libc::UDP_GRO, &[0; 2]);
        // tpacket_auxdata is 20 bytes.
        assert_unknown(libc::SOL_PACKET, libc::PACKET_AUXDATA, &[0; 24]);
        assert_unknown(libc::SOL_PACKET, libc::PACKET_AUXDATA, &[0; 16]);
    }
}

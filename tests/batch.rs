//! Batch datagram I/O: `recvmmsg`/`sendmmsg` over a reusable `Mmsg` batch.

mod util;

use berkeley::socket::Mmsg;
use berkeley::{Domain, Error, MsgFlags, Protocol, SockAddr, Socket, Type};

fn udp() -> Socket {
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    s.bind("127.0.0.1:0").unwrap();
    s
}

/// Python sends 10 datagrams of lengths 1..=10 (bytes `i`) from one socket, prints its port and
/// exits; one `recvmmsg` takes them all, with the right lengths, contents and sender.
#[cfg(target_os = "linux")]
#[test]
fn recvmmsg_takes_many_datagrams_from_a_python_peer_in_one_call() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let rx = udp();
    let port = rx.getsockname().unwrap().as_socket().unwrap().port();
    let script = "import socket,sys\n\
        s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n\
        s.bind(('127.0.0.1',0))\n\
        [s.sendto(bytes([i])*i,('127.0.0.1',int(sys.argv[1]))) for i in range(1,11)]\n\
        print(s.getsockname()[1],flush=True)\n";
    let child = Command::new("python3")
        .args(["-c", script, &port.to_string()])
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            util::skip("recvmmsg_takes_many_datagrams_from_a_python_peer", "no python3");
            return;
        }
        Err(e) => panic!("python3: {e}"),
    };
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert!(child.wait().unwrap().success());
    let py_port: u16 = line.trim().parse().unwrap();
    // All 10 are queued (Python printed after sending): one call takes them.
    let mut batch = Mmsg::new(32, 64);
    assert_eq!(rx.recvmmsg(&mut batch, MsgFlags::empty()).unwrap(), 10);
    assert_eq!(batch.len(), 10);
    for (i, m) in batch.iter().enumerate() {
        let n = i + 1;
        assert_eq!(m.data, vec![n as u8; n].as_slice());
        assert_eq!(m.full_len, n);
        assert!(!m.is_truncated());
        assert_eq!(m.addr.as_socket().unwrap(), ([127, 0, 0, 1], py_port).into());
    }
}

/// One `sendmmsg` of 10 datagrams (lengths 1..=10, bytes `i`) to a Python receiver, which prints
/// what it got, in order: the batch reaches a peer that knows nothing of batches, unchanged.
#[cfg(target_os = "linux")]
#[test]
fn sendmmsg_reaches_a_python_peer_datagram_by_datagram() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let script = "import socket\n\
        s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n\
        s.bind(('127.0.0.1',0))\n\
        s.settimeout(10)\n\
        print(s.getsockname()[1],flush=True)\n\
        for _ in range(10):\n    d,a=s.recvfrom(100)\n    print(len(d),d[0],a[1],flush=True)\n";
    let child = Command::new("python3").args(["-c", script]).stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            util::skip("sendmmsg_reaches_a_python_peer_datagram_by_datagram", "no python3");
            return;
        }
        Err(e) => panic!("python3: {e}"),
    };
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let py_port: u16 = line.trim().parse().unwrap();
    let tx = udp();
    let my_port = tx.getsockname().unwrap().as_socket().unwrap().port();
    let mut batch = Mmsg::new(16, 16);
    for i in 1..=10u8 {
        batch.push(&vec![i; usize::from(i)], ("127.0.0.1", py_port)).unwrap();
    }
    assert_eq!(tx.sendmmsg(&batch, MsgFlags::empty()).unwrap(), 10);
    let got: Vec<String> = out.lines().map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success());
    let want: Vec<String> = (1..=10).map(|i| format!("{i} {i} {my_port}")).collect();
    assert_eq!(got, want);
}

#[test]
fn sendmmsg_then_recvmmsg_round_trip_with_addresses() {
    let (rx, tx) = (udp(), udp());
    let mut out = Mmsg::new(32, 64);
    for i in 0..32u8 {
        out.push(&[i; 64], rx.getsockname().unwrap()).unwrap();
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 32);
    let mut inb = Mmsg::new(32, 64);
    let mut got = Vec::new();
    while got.len() < 32 {
        let n = rx.recvmmsg(&mut inb, MsgFlags::empty()).unwrap();
        assert!(n >= 1);
        for m in inb.iter() {
            assert_eq!(*m.addr, tx.getsockname().unwrap());
            assert_eq!(m.data.len(), 64);
            got.push(m.data[0]);
        }
    }
    assert_eq!(got, (0..32u8).collect::<Vec<_>>());
}

#[cfg(unix)] // Windows fails a cut datagram with WSAEMSGSIZE
#[test]
fn truncation_is_flagged_per_message() {
    let (rx, tx) = (udp(), udp());
    tx.sendto(&[1u8; 100], rx.getsockname().unwrap()).unwrap();
    let mut batch = Mmsg::new(4, 10);
    assert_eq!(rx.recvmmsg(&mut batch, MsgFlags::empty()).unwrap(), 1);
    let m = batch.get(0).unwrap();
    assert_eq!(m.data, &[1u8; 10]);
    assert!(m.is_truncated());
    assert!(m.flags.contains(MsgFlags::TRUNC));
}

#[test]
fn push_refuses_what_does_not_fit() {
    let mut b = Mmsg::new(1, 4);
    let err = b.push(b"12345", "127.0.0.1:9").unwrap_err();
    assert!(matches!(err, Error::InvalidInput { call: "sendmmsg", .. }), "{err:?}");
    b.push(b"1234", "127.0.0.1:9").unwrap();
    assert!(b.push(b"x", "127.0.0.1:9").is_err());
    assert_eq!(b.len(), 1);
    b.clear();
    assert!(b.is_empty());
    // An overflowing size is an empty batch, not a panic.
    assert_eq!(Mmsg::new(usize::MAX, 2).capacity(), 0);
}

/// A partial send is reported as a count: the second destination has the wrong family, so
/// only the first datagram goes out and `sendmmsg` says 1.
#[test]
fn sendmmsg_reports_a_partial_send() {
    let (rx, tx) = (udp(), udp());
    let mut out = Mmsg::new(3, 8);
    out.push(b"ok", rx.getsockname().unwrap()).unwrap();
    let v6: SockAddr = "[::1]:9".parse().unwrap();
    out.push(b"bad", v6).unwrap();
    out.push(b"never", rx.getsockname().unwrap()).unwrap();
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 1);
    let mut buf = [0u8; 8];
    let n = rx.recv(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"ok");
    // Only the failing one first: an error, nothing sent.
    let mut bad = Mmsg::new(1, 8);
    bad.push(b"bad", v6).unwrap();
    assert!(tx.sendmmsg(&bad, MsgFlags::empty()).is_err());
}

#[test]
fn connected_socket_sends_to_the_empty_address() {
    let (rx, tx) = (udp(), udp());
    tx.connect(rx.getsockname().unwrap()).unwrap();
    let mut out = Mmsg::new(2, 8);
    out.push(b"a", SockAddr::empty()).unwrap();
    out.push(b"b", SockAddr::empty()).unwrap();
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 2);
    let mut buf = [0u8; 8];
    assert_eq!(rx.recv(&mut buf).unwrap(), 1);
    assert_eq!(rx.recv(&mut buf).unwrap(), 1);
}

/// UDP GSO: one `sendto` of 10 × 1200 bytes with `UDP_SEGMENT` = 1200 arrives as 10 datagrams
/// of 1200 bytes; with `UDP_GRO` on the receiver, the bytes arrive in receives that are whole
/// multiples of 1200 and add up to the same total.
#[cfg(target_os = "linux")]
#[test]
fn gso_round_trip_and_gro() {
    use berkeley::sockopt::{UdpGro, UdpSegment};
    let (rx, tx) = (udp(), udp());
    if let Err(e) = tx.setsockopt(UdpSegment, 1200) {
        util::skip("gso_round_trip_and_gro", &format!("the kernel lacks UDP_SEGMENT: {e}"));
        return;
    }
    assert_eq!(tx.getsockopt(UdpSegment).unwrap(), 1200);
    let data: Vec<u8> = (0..12_000u32).map(|i| (i / 1200) as u8).collect();
    assert_eq!(tx.sendto(&data, rx.getsockname().unwrap()).unwrap(), 12_000);
    let mut batch = Mmsg::new(16, 2048);
    let mut seen = Vec::new();
    while seen.len() < 10 {
        rx.recvmmsg(&mut batch, MsgFlags::empty()).unwrap();
        for m in batch.iter() {
            assert_eq!(m.data.len(), 1200, "segment {}", seen.len());
            assert!(m.data.iter().all(|&b| b == m.data[0]));
            seen.push(m.data[0]);
        }
    }
    assert_eq!(seen, (0..10u8).collect::<Vec<_>>());

    let grx = udp();
    if let Err(e) = grx.setsockopt(UdpGro, true) {
        util::skip("gso_round_trip_and_gro", &format!("the kernel lacks UDP_GRO: {e}"));
        return;
    }
    assert!(grx.getsockopt(UdpGro).unwrap());
    assert_eq!(tx.sendto(&data, grx.getsockname().unwrap()).unwrap(), 12_000);
    let mut buf = vec![0u8; 65_536];
    let mut total = 0;
    while total < 12_000 {
        let n = grx.recv(&mut buf).unwrap();
        assert!(n > 0 && n % 1200 == 0, "a receive of {n} bytes");
        assert_eq!(&buf[..n], &data[total..total + n]);
        total += n;
    }
    assert_eq!(total, 12_000);
}

/// Receives datagrams with `recvmmsg` until `n` arrived; returns each one's bytes and sender.
#[cfg(target_os = "linux")]
fn recv_n(rx: &Socket, n: usize) -> Vec<(Vec<u8>, SockAddr)> {
    // A datagram that never comes fails the test instead of hanging it.
    rx.settimeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut inb = Mmsg::new(32, 2048);
    let mut got = Vec::new();
    while got.len() < n {
        rx.recvmmsg(&mut inb, MsgFlags::empty()).unwrap();
        for m in inb.iter() {
            assert!(!m.is_truncated());
            got.push((m.data.to_vec(), *m.addr));
        }
    }
    got
}

/// Whether this kernel has UDP GSO (the `UDP_SEGMENT` option is the probe).
#[cfg(target_os = "linux")]
fn have_gso(test: &str) -> bool {
    let s = udp();
    match s.setsockopt(berkeley::sockopt::UdpSegment, 64) {
        Ok(()) => true,
        Err(e) => {
            util::skip(test, &format!("the kernel lacks UDP_SEGMENT: {e}"));
            false
        }
    }
}

/// `set_gso(true)`: 32 distinct 64-byte datagrams in one `sendmmsg` reach a plain `recvmmsg`
/// receiver as 32 datagrams, byte-exact, in order, from the sender's address.
#[cfg(target_os = "linux")]
#[test]
fn gso_sendmmsg_round_trip_is_byte_exact_and_in_order() {
    if !have_gso("gso_sendmmsg_round_trip_is_byte_exact_and_in_order") {
        return;
    }
    let (rx, tx) = (udp(), udp());
    let mut out = Mmsg::new(32, 64);
    out.set_gso(true);
    let msgs: Vec<Vec<u8>> =
        (0..32u8).map(|i| (0..64u8).map(|j| i.wrapping_mul(31) ^ j).collect()).collect();
    for m in &msgs {
        out.push(m, rx.getsockname().unwrap()).unwrap();
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 32);
    let got = recv_n(&rx, 32);
    let from = tx.getsockname().unwrap();
    assert_eq!(got, msgs.into_iter().map(|m| (m, from)).collect::<Vec<_>>());
    // The same batch again: reusable, same result.
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 32);
    assert_eq!(recv_n(&rx, 32).len(), 32);
}

/// The GSO path really coalesces: a receiver with `UDP_GRO` on gets the 32 datagrams of one
/// GSO `sendmmsg` in fewer receives than 32 (one on loopback), each a multiple of 64 bytes,
/// with the segment size 64 reported; the plain path (GSO off) gives it 32 receives.
#[cfg(target_os = "linux")]
#[test]
fn gso_sendmmsg_coalesces_a_run_into_one_send() {
    use berkeley::msg::{Cmsg, CmsgBuffer};
    use std::io::IoSliceMut;
    if !have_gso("gso_sendmmsg_coalesces_a_run_into_one_send") {
        return;
    }
    let (rx, tx) = (udp(), udp());
    if let Err(e) = rx.setsockopt(berkeley::sockopt::UdpGro, true) {
        util::skip("gso_sendmmsg_coalesces_a_run_into_one_send", &format!("no UDP_GRO: {e}"));
        return;
    }
    let receives = |gso: bool| {
        let mut out = Mmsg::new(32, 64);
        out.set_gso(gso);
        for i in 0..32u8 {
            out.push(&[i; 64], rx.getsockname().unwrap()).unwrap();
        }
        assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 32);
        let (mut buf, mut cmsg) = (vec![0u8; 65_536], CmsgBuffer::new());
        let (mut total, mut calls) = (0, 0);
        while total < 32 * 64 {
            let got =
                rx.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty()).unwrap();
            assert_eq!(got.len % 64, 0);
            for (k, seg) in buf[..got.len].chunks(64).enumerate() {
                assert_eq!(seg, &[(total / 64 + k) as u8; 64][..]);
            }
            let seg = cmsg.messages().find_map(|m| match m.unwrap() {
                Cmsg::UdpGroSegment(s) => Some(s),
                _ => None,
            });
            if got.len > 64 {
                assert_eq!(seg, Some(64));
            }
            total += got.len;
            calls += 1;
        }
        calls
    };
    assert!(receives(true) < 32, "a GSO sendmmsg was not coalesced");
    assert_eq!(receives(false), 32);
}

/// One GSO batch with runs broken by size and destination: to A 10 × 100 bytes, 1 × 37 (a
/// shorter last segment), 2 × 100 (a new run after the shorter one), to B 5 × 50, to A a
/// zero-length datagram, 3 × 20 and 1 × 30 (longer: its own run). Each receiver gets exactly
/// its datagrams, each as sent, in order.
#[cfg(target_os = "linux")]
#[test]
fn gso_sendmmsg_mixed_sizes_and_destinations() {
    if !have_gso("gso_sendmmsg_mixed_sizes_and_destinations") {
        return;
    }
    let (a, b, tx) = (udp(), udp(), udp());
    let (aa, ba) = (a.getsockname().unwrap(), b.getsockname().unwrap());
    let plan: Vec<(usize, usize, SockAddr)> = vec![
        (10, 100, aa),
        (1, 37, aa),
        (2, 100, aa),
        (5, 50, ba),
        (1, 0, aa),
        (3, 20, aa),
        (1, 30, aa),
    ];
    let mut out = Mmsg::new(64, 128);
    out.set_gso(true);
    let (mut to_a, mut to_b) = (Vec::new(), Vec::new());
    let mut k = 0u8;
    for (count, len, to) in plan {
        for _ in 0..count {
            let m: Vec<u8> = (0..len).map(|j| k ^ j as u8).collect();
            k += 1;
            out.push(&m, to).unwrap();
            if to == aa { &mut to_a } else { &mut to_b }.push(m);
        }
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), out.len());
    let strip = |v: Vec<(Vec<u8>, SockAddr)>| v.into_iter().map(|(d, _)| d).collect::<Vec<_>>();
    assert_eq!(strip(recv_n(&a, to_a.len())), to_a);
    assert_eq!(strip(recv_n(&b, to_b.len())), to_b);
}

/// GSO on a connected socket (the empty address) works as without it.
#[cfg(target_os = "linux")]
#[test]
fn gso_sendmmsg_on_a_connected_socket() {
    if !have_gso("gso_sendmmsg_on_a_connected_socket") {
        return;
    }
    let (rx, tx) = (udp(), udp());
    tx.connect(rx.getsockname().unwrap()).unwrap();
    let mut out = Mmsg::new(8, 8);
    out.set_gso(true);
    for i in 0..8u8 {
        out.push(&[i; 8], SockAddr::empty()).unwrap();
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 8);
    let got: Vec<Vec<u8>> = recv_n(&rx, 8).into_iter().map(|(d, _)| d).collect();
    assert_eq!(got, (0..8u8).map(|i| vec![i; 8]).collect::<Vec<_>>());
}

/// The fallback: with `SO_NO_CHECK` set the kernel refuses every GSO send (`EINVAL`), so
/// `sendmmsg` sends the same messages plainly — all delivered, in order — and keeps doing so
/// for later calls on the batch.
#[cfg(target_os = "linux")]
#[test]
fn gso_sendmmsg_falls_back_when_the_kernel_refuses_gso() {
    use std::os::fd::AsRawFd;
    let (rx, tx) = (udp(), udp());
    let one: libc::c_int = 1;
    // SAFETY: tx is an open socket; `one` is a live c_int of the given size.
    let rc = unsafe {
        libc::setsockopt(
            tx.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_NO_CHECK,
            (&one as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    assert_eq!(rc, 0, "SO_NO_CHECK: {}", std::io::Error::last_os_error());
    let mut out = Mmsg::new(16, 32);
    out.set_gso(true);
    for i in 0..16u8 {
        out.push(&[i; 32], rx.getsockname().unwrap()).unwrap();
    }
    for _ in 0..2 {
        assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 16);
        let got: Vec<Vec<u8>> = recv_n(&rx, 16).into_iter().map(|(d, _)| d).collect();
        assert_eq!(got, (0..16u8).map(|i| vec![i; 32]).collect::<Vec<_>>());
    }
}

/// A GSO batch still reports a plain error: a run to an address of the wrong family fails
/// as without GSO.
#[cfg(target_os = "linux")]
#[test]
fn gso_sendmmsg_reports_errors_and_partial_sends() {
    let (rx, tx) = (udp(), udp());
    let v6: SockAddr = "[::1]:9".parse().unwrap();
    let mut out = Mmsg::new(8, 8);
    out.set_gso(true);
    for _ in 0..3 {
        out.push(b"ok", rx.getsockname().unwrap()).unwrap();
    }
    out.push(b"bad", v6).unwrap();
    out.push(b"bad", v6).unwrap();
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 3);
    assert_eq!(recv_n(&rx, 3).len(), 3);
    let mut bad = Mmsg::new(2, 8);
    bad.set_gso(true);
    bad.push(b"bad", v6).unwrap();
    bad.push(b"bad", v6).unwrap();
    assert!(tx.sendmmsg(&bad, MsgFlags::empty()).is_err());
}

/// A receiving socket with `UDP_GRO` on, or `None` (skipped) when the kernel lacks GRO/GSO.
#[cfg(target_os = "linux")]
fn gro_socket(test: &str) -> Option<Socket> {
    if !have_gso(test) {
        return None;
    }
    let rx = udp();
    match rx.setsockopt(berkeley::sockopt::UdpGro, true) {
        Ok(()) => Some(rx),
        Err(e) => {
            util::skip(test, &format!("the kernel lacks UDP_GRO: {e}"));
            None
        }
    }
}

/// Receives with a GRO batch until `n` datagrams arrived; each one's bytes, full length,
/// truncation and sender.
#[cfg(target_os = "linux")]
fn recv_gro(rx: &Socket, inb: &mut Mmsg, n: usize) -> Vec<(Vec<u8>, usize, bool, SockAddr)> {
    // A datagram that never comes fails the test instead of hanging it.
    rx.settimeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut got = Vec::new();
    while got.len() < n {
        let k = rx.recvmmsg(inb, MsgFlags::empty()).unwrap();
        assert_eq!(k, inb.len());
        assert!(k <= inb.capacity());
        for m in inb.iter() {
            got.push((m.data.to_vec(), m.full_len, m.is_truncated(), *m.addr));
        }
    }
    assert_eq!(got.len(), n, "more datagrams than sent");
    got
}

/// GRO split: GSO runs (20 × 100 bytes, a shorter 37, 5 × 50) and plain `sendto`s from a
/// second sender, all coalesced where the kernel can, come out of a GRO batch as the original
/// datagrams: same bytes, lengths, senders, order per sender.
#[cfg(target_os = "linux")]
#[test]
fn gro_recvmmsg_gives_back_the_original_datagrams() {
    let Some(rx) = gro_socket("gro_recvmmsg_gives_back_the_original_datagrams") else {
        return;
    };
    let (tx, tx2) = (udp(), udp());
    let to = rx.getsockname().unwrap();
    let mut out = Mmsg::new(32, 128);
    out.set_gso(true);
    let mut sent = Vec::new();
    let mut k = 0u8;
    for (count, len) in [(20, 100), (1, 37), (5, 50)] {
        for _ in 0..count {
            let m: Vec<u8> = (0..len).map(|j| k.wrapping_mul(7) ^ j as u8).collect();
            k += 1;
            out.push(&m, to).unwrap();
            sent.push(m);
        }
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 26);
    let plain: Vec<Vec<u8>> = (0..3u8).map(|i| vec![0xf0 | i; 10 + i as usize]).collect();
    for p in &plain {
        tx2.sendto(p, to).unwrap();
    }
    let mut inb = Mmsg::new(64, 128);
    inb.set_gro(true);
    let got = recv_gro(&rx, &mut inb, 29);
    let (from1, from2) = (tx.getsockname().unwrap(), tx2.getsockname().unwrap());
    let of = |from| {
        got.iter()
            .filter(|g| g.3 == from)
            .map(|(d, full, trunc, _)| {
                assert_eq!((*full, *trunc), (d.len(), false));
                d.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(of(from1), sent);
    assert_eq!(of(from2), plain);
}

/// More coalesced datagrams than the batch holds: each call hands out at most `capacity`,
/// the rest come with the next calls, in order; `clear` drops what is left.
#[cfg(target_os = "linux")]
#[test]
fn gro_recvmmsg_carries_the_rest_over_to_the_next_call() {
    let Some(rx) = gro_socket("gro_recvmmsg_carries_the_rest_over_to_the_next_call") else {
        return;
    };
    let tx = udp();
    let mut out = Mmsg::new(32, 16);
    out.set_gso(true);
    for i in 0..32u8 {
        out.push(&[i; 16], rx.getsockname().unwrap()).unwrap();
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 32);
    let mut inb = Mmsg::new(5, 16);
    inb.set_gro(true);
    let got: Vec<Vec<u8>> = recv_gro(&rx, &mut inb, 32).into_iter().map(|g| g.0).collect();
    assert_eq!(got, (0..32u8).map(|i| vec![i; 16]).collect::<Vec<_>>());

    // Again, but clear after the first call: the rest is gone, nothing more to receive.
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 32);
    assert_eq!(rx.recvmmsg(&mut inb, MsgFlags::empty()).unwrap(), 5);
    inb.clear();
    rx.setblocking(false).unwrap();
    let e = rx.recvmmsg(&mut inb, MsgFlags::empty()).unwrap_err();
    assert!(e.is_would_block(), "{e}");
}

/// Datagrams longer than the GRO batch's slots are cut and flagged, each on its own: none is
/// lost or merged.
#[cfg(target_os = "linux")]
#[test]
fn gro_recvmmsg_flags_truncation_per_datagram() {
    let Some(rx) = gro_socket("gro_recvmmsg_flags_truncation_per_datagram") else {
        return;
    };
    let tx = udp();
    let mut out = Mmsg::new(8, 64);
    out.set_gso(true);
    for i in 0..8u8 {
        out.push(&[i; 64], rx.getsockname().unwrap()).unwrap();
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 8);
    let mut inb = Mmsg::new(16, 40);
    inb.set_gro(true);
    let got = recv_gro(&rx, &mut inb, 8);
    for (i, (data, full, trunc, _)) in got.into_iter().enumerate() {
        assert_eq!((data, full, trunc), (vec![i as u8; 40], 64, true));
    }
}

/// A GRO batch on a socket without `UDP_GRO` receives as a plain batch does.
#[cfg(target_os = "linux")]
#[test]
fn gro_batch_on_a_socket_without_udp_gro() {
    let (rx, tx) = (udp(), udp());
    let mut out = Mmsg::new(4, 8);
    out.set_gso(true);
    for i in 0..4u8 {
        out.push(&[i; 8], rx.getsockname().unwrap()).unwrap();
    }
    assert_eq!(tx.sendmmsg(&out, MsgFlags::empty()).unwrap(), 4);
    let mut inb = Mmsg::new(4, 8);
    inb.set_gro(true);
    assert!(inb.gro());
    let got: Vec<Vec<u8>> = recv_gro(&rx, &mut inb, 4).into_iter().map(|g| g.0).collect();
    assert_eq!(got, (0..4u8).map(|i| vec![i; 8]).collect::<Vec<_>>());
    inb.set_gro(false);
    assert!(!inb.gro());
}

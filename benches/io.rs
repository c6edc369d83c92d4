//! Socket I/O benchmarks over loopback: berkeley against the same calls made directly through
//! libc, against std (`UdpSocket`/`TcpStream`) and against socket2, in one group per scenario so
//! the ratios are visible side by side:
//!
//! - `udp_64b_self`: one 64-byte `sendto` to the socket's own address, then one `recv`;
//! - `tcp_64b_pingpong`: two connected sockets (`TCP_NODELAY`) in one thread, a sends 64 bytes,
//!   b receives them and sends them back, a receives them;
//! - `tcp_bulk_64k`: 64 KiB `sendall`s to a reader thread that discards them (throughput);
//! - `udp_64b_batch32` (Linux): 32 datagrams of 64 bytes to itself per iteration, berkeley's
//!   `sendmmsg`/`recvmmsg` against a libc `sendto`/`recv` loop and raw libc `sendmmsg`/`recvmmsg`;
//! - `udp_64b_batch32_gso` (Linux): the same with `Mmsg::set_gso(true)` on the sending batch
//!   (one `UDP_SEGMENT` send per batch), received one by one with `recvmmsg`, or coalesced
//!   (`UDP_GRO`) and split back by `Mmsg::set_gro(true)`, against the libc loop and plain
//!   `sendmmsg`/`recvmmsg`;
//! - `udp_gso_1200` (Linux): 54 × 1200 bytes per iteration, one GSO `sendto` (`UDP_SEGMENT`)
//!   against 54 plain `sendto`s;
//! - `udp_64b_recvmsg_ttl` (Linux): one 64-byte datagram to itself (libc `sendto` on both
//!   sides), received with `recvmsg` and its `IP_TTL` control message read (`IP_RECVTTL` on):
//!   berkeley's `recvmsg` + `CmsgBuffer::messages` against libc `recvmsg` + `CMSG_FIRSTHDR`.
//!
//! Each scenario is measured twice: in wall time, and in the benchmark thread's CPU time (groups
//! `*_cpu`; for the bulk scenario that is the writer's cost), which a busy machine disturbs much
//! less.
//!
//! Run: `cargo bench --bench io` (about a minute; times are set below).
//!
//! Unix only: the `libc` competitor and the thread CPU clock are Unix APIs.

#[cfg(unix)]
criterion::criterion_main!(bench::wall_benches, bench::cpu_benches);

#[cfg(not(unix))]
fn main() {
    eprintln!("the io benchmarks are Unix only (they compare with libc)");
}

#[cfg(unix)]
mod bench {
    use std::hint::black_box;
    use std::io::{Read, Write};
    use std::mem::MaybeUninit;
    use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
    use std::os::fd::AsRawFd;
    use std::thread::JoinHandle;
    use std::time::Duration;

    use criterion::measurement::{Measurement, ValueFormatter, WallTime};
    use criterion::{criterion_group, Criterion, Throughput};

    const SMALL: usize = 64;
    const BULK: usize = 64 * 1024;

    fn udp_self() -> (UdpSocket, SocketAddr) {
        let s = UdpSocket::bind("127.0.0.1:0").unwrap();
        let a = s.local_addr().unwrap();
        (s, a)
    }

    /// A connected loopback TCP pair with `TCP_NODELAY` on both ends.
    fn tcp_pair() -> (TcpStream, TcpStream) {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let a = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (b, _) = l.accept().unwrap();
        a.set_nodelay(true).unwrap();
        b.set_nodelay(true).unwrap();
        (a, b)
    }

    /// Fills `buf` with `recv` calls, however the stream splits the bytes.
    #[inline]
    fn recv_exact(buf: &mut [u8], mut recv: impl FnMut(&mut [u8]) -> usize) {
        let mut got = 0;
        while got < buf.len() {
            let n = recv(&mut buf[got..]);
            assert!(n > 0, "peer closed");
            got += n;
        }
    }

    fn as_uninit(buf: &mut [u8]) -> &mut [MaybeUninit<u8>] {
        // SAFETY: same layout; socket2's recv only writes initialised bytes.
        unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) }
    }

    // ---- UDP ----------------------------------------------------------------------------------------

    fn udp_64b_self<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(1));
        let msg = [0x5au8; SMALL];
        let mut buf = [0u8; 2048];

        {
            let (s, a) = udp_self();
            let s = berkeley::Socket::from(s);
            let a = berkeley::SockAddr::from(a);
            g.bench_function("berkeley", |b| {
                b.iter(|| {
                    s.sendto(black_box(&msg), a).unwrap();
                    black_box(s.recv(&mut buf).unwrap())
                })
            });
        }
        {
            let (s, a) = udp_self();
            let fd = s.as_raw_fd();
            let sa = berkeley::SockAddr::from(a); // a sockaddr_in and its length, built once
            let (ptr, len) = (sa.as_ptr(), sa.raw_len());
            g.bench_function("libc", |b| {
                b.iter(|| {
                    // SAFETY: fd is open; msg/buf are live buffers of the lengths given; ptr/len
                    // describe a live sockaddr_in.
                    unsafe {
                        let n = libc::sendto(
                            fd,
                            black_box(msg.as_ptr()).cast(),
                            SMALL,
                            libc::MSG_NOSIGNAL,
                            ptr,
                            len,
                        );
                        assert_eq!(n, SMALL as isize);
                        let n = libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0);
                        assert!(n >= 0);
                        black_box(n)
                    }
                })
            });
            drop(s);
        }
        {
            let (s, a) = udp_self();
            g.bench_function("std", |b| {
                b.iter(|| {
                    s.send_to(black_box(&msg), a).unwrap();
                    black_box(s.recv(&mut buf).unwrap())
                })
            });
        }
        {
            let (s, a) = udp_self();
            let s = socket2::Socket::from(s);
            let a = socket2::SockAddr::from(a);
            g.bench_function("socket2", |b| {
                b.iter(|| {
                    s.send_to(black_box(&msg), &a).unwrap();
                    black_box(s.recv(as_uninit(&mut buf)).unwrap())
                })
            });
        }
        g.finish();
    }

    // ---- TCP ping-pong ------------------------------------------------------------------------------

    fn tcp_64b_pingpong<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(1));
        let msg = [0xa5u8; SMALL];
        let mut buf = [0u8; SMALL];

        {
            let (x, y) = tcp_pair();
            let (x, y) = (berkeley::Socket::from(x), berkeley::Socket::from(y));
            g.bench_function("berkeley", |b| {
                b.iter(|| {
                    x.sendall(black_box(&msg)).unwrap();
                    recv_exact(&mut buf, |b| y.recv(b).unwrap());
                    y.sendall(&buf).unwrap();
                    recv_exact(&mut buf, |b| x.recv(b).unwrap());
                })
            });
        }
        {
            let (x, y) = tcp_pair();
            let (xf, yf) = (x.as_raw_fd(), y.as_raw_fd());
            let send = |fd: i32, data: &[u8]| {
                // SAFETY: fd is open and data is a live buffer of data.len() bytes.
                let n =
                    unsafe { libc::send(fd, data.as_ptr().cast(), data.len(), libc::MSG_NOSIGNAL) };
                assert_eq!(n, data.len() as isize);
            };
            let recv = |fd: i32, buf: &mut [u8]| -> usize {
                // SAFETY: fd is open and buf is a live, writable buffer of buf.len() bytes.
                let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) };
                assert!(n >= 0);
                n as usize
            };
            g.bench_function("libc", |b| {
                b.iter(|| {
                    send(xf, black_box(&msg));
                    recv_exact(&mut buf, |b| recv(yf, b));
                    send(yf, &buf);
                    recv_exact(&mut buf, |b| recv(xf, b));
                })
            });
            drop((x, y));
        }
        {
            let (mut x, mut y) = tcp_pair();
            g.bench_function("std", |b| {
                b.iter(|| {
                    x.write_all(black_box(&msg)).unwrap();
                    y.read_exact(&mut buf).unwrap();
                    y.write_all(&buf).unwrap();
                    x.read_exact(&mut buf).unwrap();
                })
            });
        }
        {
            let (x, y) = tcp_pair();
            let (x, y) = (socket2::Socket::from(x), socket2::Socket::from(y));
            g.bench_function("socket2", |b| {
                b.iter(|| {
                    (&x).write_all(black_box(&msg)).unwrap();
                    recv_exact(&mut buf, |b| y.recv(as_uninit(b)).unwrap());
                    (&y).write_all(&buf).unwrap();
                    recv_exact(&mut buf, |b| x.recv(as_uninit(b)).unwrap());
                })
            });
        }
        g.finish();
    }

    // ---- TCP bulk -----------------------------------------------------------------------------------

    /// A reader thread that discards everything until end-of-file.
    fn sink(mut s: TcpStream) -> JoinHandle<u64> {
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 256 * 1024];
            let mut total = 0u64;
            loop {
                match s.read(&mut buf) {
                    Ok(0) => return total,
                    Ok(n) => total += n as u64,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => panic!("sink: {e}"),
                }
            }
        })
    }

    fn tcp_bulk_64k<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(BULK as u64));
        let data = vec![0x3cu8; BULK];

        {
            let (x, y) = tcp_pair();
            let reader = sink(y);
            let x = berkeley::Socket::from(x);
            g.bench_function("berkeley", |b| b.iter(|| x.sendall(black_box(&data)).unwrap()));
            drop(x);
            reader.join().unwrap();
        }
        {
            let (x, y) = tcp_pair();
            let reader = sink(y);
            let fd = x.as_raw_fd();
            g.bench_function("libc", |b| {
                b.iter(|| {
                    let mut rest = black_box(&data[..]);
                    while !rest.is_empty() {
                        // SAFETY: fd is open and rest is a live buffer of rest.len() bytes.
                        let n = unsafe {
                            libc::send(fd, rest.as_ptr().cast(), rest.len(), libc::MSG_NOSIGNAL)
                        };
                        assert!(n > 0);
                        rest = &rest[n as usize..];
                    }
                })
            });
            drop(x);
            reader.join().unwrap();
        }
        {
            let (mut x, y) = tcp_pair();
            let reader = sink(y);
            g.bench_function("std", |b| b.iter(|| x.write_all(black_box(&data)).unwrap()));
            drop(x);
            reader.join().unwrap();
        }
        {
            let (x, y) = tcp_pair();
            let reader = sink(y);
            let x = socket2::Socket::from(x);
            g.bench_function("socket2", |b| b.iter(|| (&x).write_all(black_box(&data)).unwrap()));
            drop(x);
            reader.join().unwrap();
        }
        g.finish();
    }

    /// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`: user + system, including the
    /// loopback delivery the kernel does on the sender's behalf). On a busy machine wall time
    /// includes waiting for a CPU; this does not, so ratios stay comparable between runs. Used for the
    /// single-threaded scenarios, and for the writer's side of `tcp_bulk_64k` (the CPU cost of
    /// sending; the reader thread is not counted).
    struct ThreadCpuTime(WallTime);

    fn thread_cpu_ns() -> u64 {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: ts is a live timespec for clock_gettime to fill.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        assert_eq!(rc, 0);
        ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
    }

    impl Measurement for ThreadCpuTime {
        type Intermediate = u64;
        type Value = u64;

        fn start(&self) -> u64 {
            thread_cpu_ns()
        }
        fn end(&self, start: u64) -> u64 {
            thread_cpu_ns() - start
        }
        fn add(&self, a: &u64, b: &u64) -> u64 {
            a + b
        }
        fn zero(&self) -> u64 {
            0
        }
        fn to_f64(&self, v: &u64) -> f64 {
            *v as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            self.0.formatter() // nanoseconds, like wall time
        }
    }

    #[cfg(target_os = "linux")]
    const BATCH: usize = 32;

    /// 32 datagrams of 64 bytes sent to the socket's own address and received back, per
    /// iteration: berkeley's `sendmmsg`/`recvmmsg` against a libc `sendto`/`recv` loop and a raw
    /// libc `sendmmsg`/`recvmmsg` (Linux only: the calls are Linux's).
    #[cfg(target_os = "linux")]
    fn udp_64b_batch32<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(BATCH as u64));
        let msg = [0x5au8; SMALL];

        {
            let (s, a) = udp_self();
            let s = berkeley::Socket::from(s);
            let mut out = berkeley::socket::Mmsg::new(BATCH, SMALL);
            for _ in 0..BATCH {
                out.push(&msg, a).unwrap();
            }
            let mut inb = berkeley::socket::Mmsg::new(BATCH, 2048);
            let none = berkeley::MsgFlags::empty();
            g.bench_function("berkeley_mmsg", |b| {
                b.iter(|| {
                    assert_eq!(s.sendmmsg(black_box(&out), none).unwrap(), BATCH);
                    let mut got = 0;
                    while got < BATCH {
                        got += s.recvmmsg(&mut inb, none).unwrap();
                    }
                    black_box(got)
                })
            });
        }
        {
            let (s, a) = udp_self();
            let fd = s.as_raw_fd();
            let sa = berkeley::SockAddr::from(a);
            let (ptr, len) = (sa.as_ptr(), sa.raw_len());
            let mut buf = [0u8; 2048];
            g.bench_function("libc_loop", |b| {
                b.iter(|| {
                    for _ in 0..BATCH {
                        // SAFETY: fd is open; msg is a live buffer; ptr/len a live sockaddr_in.
                        let n = unsafe {
                            libc::sendto(
                                fd,
                                black_box(msg.as_ptr()).cast(),
                                SMALL,
                                libc::MSG_NOSIGNAL,
                                ptr,
                                len,
                            )
                        };
                        assert_eq!(n, SMALL as isize);
                    }
                    for _ in 0..BATCH {
                        // SAFETY: fd is open; buf is writable for its length.
                        let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) };
                        assert!(n >= 0);
                    }
                })
            });
            drop(s);
        }
        {
            let (s, a) = udp_self();
            let fd = s.as_raw_fd();
            let sa = berkeley::SockAddr::from(a);
            let mut rbufs = vec![0u8; BATCH * 2048];
            g.bench_function("libc_mmsg", |b| {
                b.iter(|| {
                    // SAFETY: all-zero mmsghdr/iovec/sockaddr_storage values are valid.
                    let mut hdrs: [libc::mmsghdr; BATCH] = unsafe { std::mem::zeroed() };
                    // SAFETY: as above.
                    let mut iovs: [libc::iovec; BATCH] = unsafe { std::mem::zeroed() };
                    for i in 0..BATCH {
                        iovs[i].iov_base = msg.as_ptr().cast_mut().cast();
                        iovs[i].iov_len = SMALL;
                        hdrs[i].msg_hdr.msg_iov = &mut iovs[i];
                        hdrs[i].msg_hdr.msg_iovlen = 1;
                        hdrs[i].msg_hdr.msg_name = sa.as_ptr().cast_mut().cast();
                        hdrs[i].msg_hdr.msg_namelen = sa.raw_len();
                    }
                    // SAFETY: the headers point to live iovecs and a live address.
                    let n = unsafe {
                        libc::sendmmsg(fd, hdrs.as_mut_ptr(), BATCH as _, libc::MSG_NOSIGNAL as _)
                    };
                    assert_eq!(n, BATCH as i32);
                    let mut got = 0;
                    while got < BATCH {
                        // SAFETY: as above.
                        let mut names: [libc::sockaddr_storage; BATCH] =
                            unsafe { std::mem::zeroed() };
                        for i in 0..BATCH {
                            iovs[i].iov_base = rbufs[i * 2048..].as_mut_ptr().cast();
                            iovs[i].iov_len = 2048;
                            hdrs[i].msg_hdr.msg_iov = &mut iovs[i];
                            hdrs[i].msg_hdr.msg_name =
                                (&mut names[i] as *mut libc::sockaddr_storage).cast();
                            hdrs[i].msg_hdr.msg_namelen =
                                std::mem::size_of::<libc::sockaddr_storage>() as u32;
                        }
                        // SAFETY: the headers point to live, writable iovecs and address buffers.
                        let n = unsafe {
                            libc::recvmmsg(
                                fd,
                                hdrs.as_mut_ptr(),
                                BATCH as _,
                                libc::MSG_WAITFORONE as _,
                                std::ptr::null_mut(),
                            )
                        };
                        assert!(n > 0);
                        got += n as usize;
                    }
                    black_box(got)
                })
            });
            drop(s);
        }
        g.finish();
    }

    /// `udp_64b_batch32_gso`: the `udp_64b_batch32` scenario (32 × 64 bytes to the socket's own
    /// address and back, per iteration) with berkeley's `sendmmsg` under `Mmsg::set_gso(true)`
    /// (the 32 datagrams go out as one `UDP_SEGMENT` send), received with `recvmmsg` either
    /// one by one (`berkeley_mmsg_gso`: the socket without `UDP_GRO`) or as one coalesced
    /// receive split back into 32 messages (`berkeley_mmsg_gso_gro`: `UdpGro` on the socket,
    /// `Mmsg::set_gro(true)`), against the libc `sendto`/`recv` loop and berkeley's plain
    /// `sendmmsg`/`recvmmsg`. Each iteration checks that 32 datagrams of 64 bytes came back.
    /// Linux only; skipped without GSO.
    #[cfg(target_os = "linux")]
    fn udp_64b_batch32_gso<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        if berkeley::Socket::from(UdpSocket::bind("127.0.0.1:0").unwrap())
            .setsockopt(berkeley::sockopt::UdpSegment, SMALL as u32)
            .is_err()
        {
            eprintln!("{name}: no UDP GSO in this kernel; skipped");
            return;
        }
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(BATCH as u64));
        let msg = [0x5au8; SMALL];
        for (gso, gro, id) in [
            (true, true, "berkeley_mmsg_gso_gro"),
            (true, false, "berkeley_mmsg_gso"),
            (false, false, "berkeley_mmsg"),
        ] {
            let (s, a) = udp_self();
            let s = berkeley::Socket::from(s);
            let mut out = berkeley::socket::Mmsg::new(BATCH, SMALL);
            out.set_gso(gso);
            for _ in 0..BATCH {
                out.push(&msg, a).unwrap();
            }
            let mut inb = berkeley::socket::Mmsg::new(BATCH, 2048);
            if gro {
                s.setsockopt(berkeley::sockopt::UdpGro, true).unwrap();
                inb.set_gro(true);
            }
            let none = berkeley::MsgFlags::empty();
            g.bench_function(id, |b| {
                b.iter(|| {
                    assert_eq!(s.sendmmsg(black_box(&out), none).unwrap(), BATCH);
                    let mut got = 0;
                    while got < BATCH {
                        got += s.recvmmsg(&mut inb, none).unwrap();
                        assert!(inb.iter().all(|m| m.data.len() == SMALL));
                    }
                    black_box(got)
                })
            });
        }
        {
            let (s, a) = udp_self();
            let fd = s.as_raw_fd();
            let sa = berkeley::SockAddr::from(a);
            let (ptr, len) = (sa.as_ptr(), sa.raw_len());
            let mut buf = [0u8; 2048];
            g.bench_function("libc_loop", |b| {
                b.iter(|| {
                    for _ in 0..BATCH {
                        // SAFETY: fd is open; msg is a live buffer; ptr/len a live sockaddr_in.
                        let n = unsafe {
                            libc::sendto(
                                fd,
                                black_box(msg.as_ptr()).cast(),
                                SMALL,
                                libc::MSG_NOSIGNAL,
                                ptr,
                                len,
                            )
                        };
                        assert_eq!(n, SMALL as isize);
                    }
                    for _ in 0..BATCH {
                        // SAFETY: fd is open; buf is writable for its length.
                        let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) };
                        assert_eq!(n, SMALL as isize);
                    }
                })
            });
            drop(s);
        }
        g.finish();
    }

    /// 54 segments of 1200 bytes (64 800 bytes) per iteration to a socket nobody reads (the
    /// kernel drops what does not fit): one `sendto` with `UDP_SEGMENT` (GSO) against 54 plain
    /// `sendto`s (berkeley and libc). Linux only; skipped when the kernel lacks GSO.
    #[cfg(target_os = "linux")]
    fn udp_gso_1200<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        use berkeley::sockopt::UdpSegment;
        const SEG: usize = 1200;
        const SEGS: usize = 54;
        let data = vec![0x5au8; SEG * SEGS];
        let (sink, to) = udp_self();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes((SEG * SEGS) as u64));
        {
            let tx = berkeley::Socket::from(UdpSocket::bind("127.0.0.1:0").unwrap());
            if tx.setsockopt(UdpSegment, SEG as u32).is_err() {
                eprintln!("{name}: no UDP GSO in this kernel; skipped");
                return;
            }
            g.bench_function("berkeley_gso", |b| {
                b.iter(|| black_box(tx.sendto(black_box(&data), to).unwrap()))
            });
        }
        {
            let tx = berkeley::Socket::from(UdpSocket::bind("127.0.0.1:0").unwrap());
            g.bench_function("berkeley_sendto", |b| {
                b.iter(|| {
                    for seg in data.chunks(SEG) {
                        black_box(tx.sendto(black_box(seg), to).unwrap());
                    }
                })
            });
        }
        {
            let tx = UdpSocket::bind("127.0.0.1:0").unwrap();
            let fd = tx.as_raw_fd();
            let sa = berkeley::SockAddr::from(to);
            let (ptr, len) = (sa.as_ptr(), sa.raw_len());
            g.bench_function("libc_sendto", |b| {
                b.iter(|| {
                    for seg in data.chunks(SEG) {
                        // SAFETY: fd is open; seg is a live buffer; ptr/len a live sockaddr_in.
                        let n = unsafe {
                            libc::sendto(fd, seg.as_ptr().cast(), SEG, libc::MSG_NOSIGNAL, ptr, len)
                        };
                        assert_eq!(n, SEG as isize);
                    }
                })
            });
        }
        g.finish();
        drop(sink);
    }

    // ---- recvmsg with a control message -------------------------------------------------------------

    #[cfg(target_os = "linux")]
    fn udp_64b_recvmsg_ttl<M: Measurement>(c: &mut Criterion<M>, name: &str) {
        use berkeley::msg::{Cmsg, CmsgBuffer};
        use berkeley::sockopt::IpRecvTtl;
        use std::io::IoSliceMut;

        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(1));
        let msg = [0x5au8; SMALL];
        let mut buf = [0u8; 2048];

        /// A UDP socket with `IP_RECVTTL` on, and its address as raw `sockaddr` parts.
        fn setup() -> (berkeley::Socket, berkeley::SockAddr) {
            let (s, a) = udp_self();
            let s = berkeley::Socket::from(s);
            s.setsockopt(IpRecvTtl, true).unwrap();
            (s, berkeley::SockAddr::from(a))
        }
        /// `sendto` through libc, the same for both contenders.
        fn send(fd: i32, msg: &[u8], sa: &berkeley::SockAddr) {
            // SAFETY: fd is open; msg is live; sa describes a live sockaddr_in.
            let n = unsafe {
                libc::sendto(fd, msg.as_ptr().cast(), msg.len(), 0, sa.as_ptr(), sa.raw_len())
            };
            assert_eq!(n, msg.len() as isize);
        }

        {
            let (s, sa) = setup();
            let fd = s.as_raw_fd();
            let mut cmsg = CmsgBuffer::new();
            g.bench_function("berkeley", |b| {
                b.iter(|| {
                    send(fd, black_box(&msg), &sa);
                    let got = s
                        .recvmsg(
                            &mut [IoSliceMut::new(&mut buf)],
                            &mut cmsg,
                            berkeley::MsgFlags::empty(),
                        )
                        .unwrap();
                    let ttl = cmsg.messages().find_map(|m| match m {
                        Ok(Cmsg::IpTtl(t)) => Some(t),
                        _ => None,
                    });
                    assert!(ttl.is_some());
                    black_box((got.len, ttl))
                })
            });
        }
        {
            let (s, sa) = setup();
            let fd = s.as_raw_fd();
            let mut name = MaybeUninit::<libc::sockaddr_storage>::uninit();
            let mut control = [0u64; 32]; // 256 bytes, aligned for cmsghdr
            g.bench_function("libc", |b| {
                b.iter(|| {
                    send(fd, black_box(&msg), &sa);
                    let mut iov =
                        libc::iovec { iov_base: buf.as_mut_ptr().cast(), iov_len: buf.len() };
                    // SAFETY: an all-zero msghdr is valid; every pointer set below is live for
                    // the call with the length given; the cmsg walk uses libc's macros on the
                    // control length the kernel returned.
                    unsafe {
                        let mut m: libc::msghdr = std::mem::zeroed();
                        m.msg_name = name.as_mut_ptr().cast();
                        m.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as u32;
                        m.msg_iov = &mut iov;
                        m.msg_iovlen = 1;
                        m.msg_control = control.as_mut_ptr().cast();
                        m.msg_controllen = std::mem::size_of_val(&control);
                        let n = libc::recvmsg(fd, &mut m, libc::MSG_CMSG_CLOEXEC);
                        assert!(n >= 0);
                        let mut ttl = None;
                        let mut h = libc::CMSG_FIRSTHDR(&m);
                        while !h.is_null() {
                            if (*h).cmsg_level == libc::IPPROTO_IP && (*h).cmsg_type == libc::IP_TTL
                            {
                                ttl = Some(libc::CMSG_DATA(h).cast::<i32>().read_unaligned() as u8);
                            }
                            h = libc::CMSG_NXTHDR(&m, h);
                        }
                        assert!(ttl.is_some());
                        black_box((n, ttl))
                    }
                })
            });
        }
        g.finish();
    }

    fn wall_config() -> Criterion {
        Criterion::default()
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .sample_size(40)
    }

    fn cpu_config() -> Criterion<ThreadCpuTime> {
        wall_config().with_measurement(ThreadCpuTime(WallTime))
    }

    fn wall(c: &mut Criterion) {
        udp_64b_self(c, "udp_64b_self");
        tcp_64b_pingpong(c, "tcp_64b_pingpong");
        tcp_bulk_64k(c, "tcp_bulk_64k");
        #[cfg(target_os = "linux")]
        udp_64b_batch32(c, "udp_64b_batch32");
        #[cfg(target_os = "linux")]
        udp_64b_batch32_gso(c, "udp_64b_batch32_gso");
        #[cfg(target_os = "linux")]
        udp_gso_1200(c, "udp_gso_1200");
        #[cfg(target_os = "linux")]
        udp_64b_recvmsg_ttl(c, "udp_64b_recvmsg_ttl");
    }

    fn cpu(c: &mut Criterion<ThreadCpuTime>) {
        udp_64b_self(c, "udp_64b_self_cpu");
        tcp_64b_pingpong(c, "tcp_64b_pingpong_cpu");
        tcp_bulk_64k(c, "tcp_bulk_64k_cpu");
        #[cfg(target_os = "linux")]
        udp_64b_batch32(c, "udp_64b_batch32_cpu");
        #[cfg(target_os = "linux")]
        udp_64b_batch32_gso(c, "udp_64b_batch32_gso_cpu");
        #[cfg(target_os = "linux")]
        udp_gso_1200(c, "udp_gso_1200_cpu");
        #[cfg(target_os = "linux")]
        udp_64b_recvmsg_ttl(c, "udp_64b_recvmsg_ttl_cpu");
    }

    criterion_group! {
        name = wall_benches;
        config = wall_config();
        targets = wall
    }
    criterion_group! {
        name = cpu_benches;
        config = cpu_config();
        targets = cpu
    }
}

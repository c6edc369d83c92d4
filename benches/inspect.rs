//! `berkeley::inspect::sockets` — the library call behind the `netstat` example — on a table of
//! ~2,000 sockets the benchmark opens itself (500 TCP listeners with one established connection
//! each, 500 bound UDP sockets), in one group:
//!
//! - `netlink`: TCP + UDP, IPv4 + IPv6, no owners (`ss -tuan`'s work);
//! - `procfs`: the same from `/proc/net` text (`netstat -tuan`'s work);
//! - `owners_self`: netlink + owners among this process only (`Filter::owners_among`);
//! - `owners_all`: netlink + one pass over every `/proc/PID/fd` on the host (`ss -tuanp`'s
//!   work; depends on how many descriptors the host has open);
//! - `netstat2 (no pids)` / `netstat2 (pids)`: the netstat2 crate (netlink too) on the same
//!   table, without and with its pid scan; it gives no program names, no UDP peers and no
//!   queue lengths, so its rows carry less than berkeley's.
//!
//! Run: `cargo bench --bench inspect`. Linux only. The whole-process comparison with `ss` and
//! net-tools `netstat` (the example binary against the tools, CPU time of each process, in a
//! fresh network namespace with 18,000 sockets) is `tests/inspect/speed.py`.

#[cfg(any(target_os = "linux", target_os = "android"))]
criterion::criterion_main!(bench::benches);

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn main() {
    eprintln!("the inspect benchmarks need Linux");
}

#[cfg(any(target_os = "linux", target_os = "android"))]
mod bench {
    use std::hint::black_box;
    use std::net::{TcpListener, TcpStream, UdpSocket};

    use berkeley::inspect::{self, Filter, Source};
    use criterion::{criterion_group, Criterion};
    use netstat2::{AddressFamilyFlags, ProtocolFlags};

    fn sockets(c: &mut Criterion) {
        let mut keep = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..500 {
            let l = TcpListener::bind("127.0.0.1:0").expect("bind");
            let s = TcpStream::connect(l.local_addr().expect("addr")).expect("connect");
            let a = l.accept().expect("accept").0;
            keep.0.push(l);
            keep.1.push((s, a));
            keep.2.push(UdpSocket::bind("127.0.0.1:0").expect("udp"));
        }
        let base = Filter::new().tcp().udp();
        let n = inspect::sockets(&base).expect("sockets").len();
        assert!(n >= 2000, "the table holds the benchmark's sockets ({n} rows)");
        let mut g = c.benchmark_group("inspect_sockets");
        g.bench_function("netlink", |b| {
            let f = base.clone().source(Source::Netlink);
            b.iter(|| black_box(inspect::sockets(&f).expect("sockets")))
        });
        g.bench_function("procfs", |b| {
            let f = base.clone().source(Source::Procfs);
            b.iter(|| black_box(inspect::sockets(&f).expect("sockets")))
        });
        g.bench_function("owners_self", |b| {
            let f = base.clone().owners_among(&[std::process::id()]);
            b.iter(|| black_box(inspect::sockets(&f).expect("sockets")))
        });
        g.bench_function("owners_all", |b| {
            let f = base.clone().owners();
            b.iter(|| black_box(inspect::sockets(&f).expect("sockets")))
        });
        let af = AddressFamilyFlags::IPV4 | AddressFamilyFlags::IPV6;
        let proto = ProtocolFlags::TCP | ProtocolFlags::UDP;
        let theirs = netstat2::iterate_sockets_info_without_pids(af, proto).expect("netstat2");
        let theirs = theirs.collect::<Result<Vec<_>, _>>().expect("netstat2").len();
        println!("rows: berkeley {n}, netstat2 {theirs} (the host's table moves between the two)");
        g.bench_function("netstat2 (no pids)", |b| {
            b.iter(|| {
                let it = netstat2::iterate_sockets_info_without_pids(af, proto).expect("netstat2");
                black_box(it.collect::<Result<Vec<_>, _>>().expect("netstat2"))
            })
        });
        g.bench_function("netstat2 (pids)", |b| {
            b.iter(|| {
                let it = netstat2::iterate_sockets_info(af, proto).expect("netstat2");
                black_box(it.collect::<Result<Vec<_>, _>>().expect("netstat2"))
            })
        });
        g.finish();
        drop(keep);
    }

    criterion_group!(benches, sockets);
}

//! `ether_aton`/`ether_ntoa` against glibc, one entry per iteration over the 1,024- and the
//! 1,048,576-entry corpora of `corpus.rs`; and socket-address construction against a
//! hand-filled `libc::sockaddr_in` and socket2, over a 1,024-entry corpus.

use std::ffi::{c_char, CString};
use std::hint::black_box;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use berkeley::{ether_aton, ether_ntoa, MacAddr, SockAddr, SockAddrIn};
use criterion::{BenchmarkGroup, Criterion, Throughput};

use crate::corpus::{self, Rng};

const N: usize = 1024;

#[repr(C)]
struct EtherAddr {
    octet: [u8; 6],
}

extern "C" {
    fn ether_aton_r(asc: *const c_char, addr: *mut EtherAddr) -> *mut EtherAddr;
    fn ether_ntoa_r(addr: *const EtherAddr, buf: *mut c_char) -> *mut c_char;
}

/// berkeley's `ether_aton` and glibc's `ether_aton_r` over `texts`, in one group, one entry per
/// iteration. Both loops have the same shape (see `cycle!`): glibc gets prebuilt `CString`s,
/// and both results go out as an `Option<[u8; 6]>`. The `loop only` row is that loop with a
/// body that returns the input's length: what every row pays before any parsing, so a target
/// ratio T is out of reach when glibc's time / T is below it.
fn aton_group(c: &mut Criterion, name: &str, texts: &[String]) {
    let ctexts: Vec<CString> = texts.iter().map(|s| CString::new(s.as_str()).unwrap()).collect();
    for (s, cs) in texts.iter().zip(&ctexts).take(4096) {
        let mut out = EtherAddr { octet: [0; 6] };
        // SAFETY: cs is NUL-terminated, out is valid.
        assert!(!unsafe { ether_aton_r(cs.as_ptr(), &mut out) }.is_null());
        assert_eq!(ether_aton(s).unwrap().octets(), out.octet, "corpus disagrees: {s}");
    }
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(1));
    // The bench loop alone (masked index, `black_box` in and out): the floor every row pays.
    cycle!(g, "loop only", texts, |s| s.len());
    cycle!(g, "berkeley", texts, |s| ether_aton(s).ok().map(MacAddr::octets));
    cycle!(g, "glibc", ctexts, |cs| {
        let mut out = EtherAddr { octet: [0; 6] };
        // SAFETY: cs is NUL-terminated, out is valid.
        let r = unsafe { ether_aton_r(cs.as_ptr(), &mut out) };
        (!r.is_null()).then_some(out.octet)
    });
    g.finish();
}

/// Per-group settings: the throughput only (each iteration converts the whole corpus). Timing
/// comes from the `Criterion` configuration (see `main.rs`), so command-line flags win.
fn per_entry(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group.throughput(Throughput::Elements(N as u64));
}

pub fn benches(c: &mut Criterion) {
    for (label, n) in [("1024-addrs", corpus::SMALL), ("1M-addrs", corpus::LARGE)] {
        // ---- ether_aton: the mixed corpus, and the canonical form alone ----
        aton_group(c, &format!("ether_aton/{label}"), &corpus::mac_mixed_text(n, 0x9e37_79b9));
        let canonical = corpus::mac_canonical_text(n, 0x7f4a_7c15);
        aton_group(c, &format!("ether_aton_canonical/{label}"), &canonical);

        // ---- ether_ntoa ----
        let macs = corpus::macs(n, 0x5eed);
        let mut g = c.benchmark_group(format!("ether_ntoa/{label}"));
        g.throughput(Throughput::Elements(1));
        // The loop alone, returning one input byte: a register-sized result like the `&str`
        // and glibc rows (a whole 6-byte `MacAddr` through `black_box` costs a store-forwarding
        // stall, which is the bench's, not any competitor's).
        cycle!(g, "loop only", macs, |m| m.octets()[5]);
        cycle!(g, "berkeley", macs, |m| ether_ntoa(*m));
        cycle!(g, "berkeley as &str", macs, |m| {
            let text = ether_ntoa(*m);
            std::hint::black_box(text.as_str()).len()
        });
        let mut buf = [0 as c_char; 18];
        cycle!(g, "glibc", macs, |m| {
            let a = EtherAddr { octet: m.octets() };
            // SAFETY: a is valid; buf has the 18 bytes glibc writes.
            unsafe { ether_ntoa_r(&a, buf.as_mut_ptr()) };
            buf[0]
        });
        g.finish();
    }

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // ---- SockAddrIn from SocketAddrV4 ----
    let v4: Vec<SocketAddrV4> = (0..N)
        .map(|_| {
            let r = rng.next();
            SocketAddrV4::new(Ipv4Addr::from(r as u32), (r >> 32) as u16)
        })
        .collect();
    let mut g = c.benchmark_group("sockaddr_in");
    per_entry(&mut g);
    g.bench_function("SockAddrIn::from(SocketAddrV4)", |b| {
        b.iter(|| {
            for &a in &v4 {
                black_box(SockAddrIn::from(black_box(a)));
            }
        })
    });
    g.bench_function("hand-filled libc::sockaddr_in", |b| {
        b.iter(|| {
            for &a in &v4 {
                let a = black_box(a);
                // SAFETY: all-zero is a valid sockaddr_in.
                let mut raw: libc::sockaddr_in = unsafe { std::mem::zeroed() };
                raw.sin_family = libc::AF_INET as libc::sa_family_t;
                raw.sin_port = a.port().to_be();
                raw.sin_addr.s_addr = u32::from_ne_bytes(a.ip().octets());
                black_box(raw);
            }
        })
    });
    g.finish();

    // ---- SockAddr from SocketAddr (mixed v4/v6) ----
    let mixed: Vec<SocketAddr> = (0..N)
        .map(|i| {
            let r = rng.next();
            if i % 2 == 0 {
                SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::from(r as u32), (r >> 32) as u16))
            } else {
                let ip = Ipv6Addr::from(u128::from(r) << 64 | u128::from(rng.next()));
                SocketAddr::V6(SocketAddrV6::new(ip, (r >> 48) as u16, 0, (r >> 40) as u32 & 7))
            }
        })
        .collect();
    let mut g = c.benchmark_group("sockaddr");
    per_entry(&mut g);
    g.bench_function("berkeley::SockAddr::from(SocketAddr)", |b| {
        b.iter(|| {
            for &a in &mixed {
                black_box(SockAddr::from(black_box(a)));
            }
        })
    });
    g.bench_function("socket2::SockAddr::from(SocketAddr)", |b| {
        b.iter(|| {
            for &a in &mixed {
                black_box(socket2::SockAddr::from(black_box(a)));
            }
        })
    });
    g.finish();
}

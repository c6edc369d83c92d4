//! `ether_aton`/`ether_ntoa` against glibc, and socket-address construction against a
//! hand-filled `libc::sockaddr_in` and socket2. Every group runs over a 1,024-entry corpus, so
//! branch predictors cannot learn one input.

use std::ffi::{c_char, CString};
use std::hint::black_box;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use berkeley::{ether_aton, ether_ntoa, MacAddr, SockAddr, SockAddrIn};
use criterion::{BenchmarkGroup, Criterion, Throughput};

const N: usize = 1024;

#[repr(C)]
struct EtherAddr {
    octet: [u8; 6],
}

extern "C" {
    fn ether_aton_r(asc: *const c_char, addr: *mut EtherAddr) -> *mut EtherAddr;
    fn ether_ntoa_r(addr: *const EtherAddr, buf: *mut c_char) -> *mut c_char;
}

/// A small deterministic generator (xorshift64*), so every run measures the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn mac(&mut self) -> [u8; 6] {
        let b = self.next().to_le_bytes();
        // One octet in four below 0x10, so glibc's form has a realistic mix of 1- and 2-digit
        // parts.
        let mut m = [b[0], b[1], b[2], b[3], b[4], b[5]];
        for (i, o) in m.iter_mut().enumerate() {
            if (b[6] >> i) & 3 == 0 {
                *o &= 0x0f;
            }
        }
        m
    }
}

/// MAC texts in the forms people feed `ether_aton`: canonical lowercase, canonical uppercase,
/// and glibc's own `ether_ntoa` output (no leading zeros).
fn mac_texts(rng: &mut Rng) -> Vec<String> {
    (0..N)
        .map(|i| {
            let m = MacAddr::new(rng.mac());
            match i % 4 {
                0 | 1 => m.to_string(),
                2 => m.to_string().to_uppercase(),
                _ => ether_ntoa(m).to_string(),
            }
        })
        .collect()
}

/// Only the canonical two-digit form, as people type it: lowercase, one in four uppercase.
fn canonical_texts(rng: &mut Rng) -> Vec<String> {
    (0..N)
        .map(|i| {
            let m = MacAddr::new(rng.mac());
            match i % 4 {
                3 => m.to_string().to_uppercase(),
                _ => m.to_string(),
            }
        })
        .collect()
}

/// berkeley's `ether_aton` and glibc's `ether_aton_r` over `texts`, in one group. Both loops
/// have the same shape: the input goes through `black_box`, glibc gets prebuilt `CString`s,
/// and both results go out through `black_box` as an `Option<[u8; 6]>`.
fn aton_group(c: &mut Criterion, name: &str, texts: &[String]) {
    let ctexts: Vec<CString> = texts.iter().map(|s| CString::new(s.as_str()).unwrap()).collect();
    for (s, cs) in texts.iter().zip(&ctexts) {
        let mut out = EtherAddr { octet: [0; 6] };
        // SAFETY: cs is NUL-terminated, out is valid.
        assert!(!unsafe { ether_aton_r(cs.as_ptr(), &mut out) }.is_null());
        assert_eq!(ether_aton(s).unwrap().octets(), out.octet, "corpus disagrees: {s}");
    }
    let mut g = c.benchmark_group(name);
    per_entry(&mut g);
    g.bench_function("berkeley::ether_aton", |b| {
        b.iter(|| {
            for s in texts {
                black_box(ether_aton(black_box(s.as_str())).ok().map(MacAddr::octets));
            }
        })
    });
    g.bench_function("glibc ether_aton_r", |b| {
        b.iter(|| {
            for cs in &ctexts {
                let mut out = EtherAddr { octet: [0; 6] };
                // SAFETY: cs is NUL-terminated, out is valid.
                let r = unsafe { ether_aton_r(black_box(cs.as_ptr()), &mut out) };
                black_box((!r.is_null()).then_some(out.octet));
            }
        })
    });
    g.finish();
}

/// Per-group settings: the throughput only (each iteration converts the whole corpus). Timing
/// comes from the `Criterion` configuration (see `main.rs`), so command-line flags win.
fn per_entry(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group.throughput(Throughput::Elements(N as u64));
}

pub fn benches(c: &mut Criterion) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);

    // ---- ether_aton: the mixed corpus, and the canonical form alone ----
    let texts = mac_texts(&mut rng);
    aton_group(c, "ether_aton", &texts);
    let canonical = canonical_texts(&mut rng);
    aton_group(c, "ether_aton_canonical", &canonical);

    // ---- ether_ntoa ----
    let macs: Vec<MacAddr> = (0..N).map(|_| MacAddr::new(rng.mac())).collect();
    let mut g = c.benchmark_group("ether_ntoa");
    per_entry(&mut g);
    g.bench_function("berkeley::ether_ntoa", |b| {
        b.iter(|| {
            for &m in &macs {
                black_box(ether_ntoa(black_box(m)));
            }
        })
    });
    g.bench_function("glibc ether_ntoa_r", |b| {
        b.iter(|| {
            let mut buf = [0 as c_char; 18];
            for m in &macs {
                let a = EtherAddr { octet: m.octets() };
                // SAFETY: a is valid; buf has the 18 bytes glibc writes.
                black_box(unsafe { ether_ntoa_r(black_box(&a), buf.as_mut_ptr()) });
                black_box(&buf);
            }
        })
    });
    g.finish();

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

//! inet: berkeley against glibc (FFI, inputs pre-built as NUL-terminated `CString`s) and std
//! (`FromStr`, and `Display` into a reused `String`), in the same groups.
//!
//! Parsers run over a 1,024-entry and a 1,048,576-entry corpus (groups `NAME/1024-addrs` and
//! `NAME/1M-addrs`); each iteration parses the next entry (so branch predictors cannot learn one
//! input, and the large corpus does not fit in cache).
//! The IPv4 corpus (`inet_aton`, `inet_pton4`) is uniformly random addresses in dotted decimal
//! (`Ipv4Addr`'s `Display`), so octets of one, two and three digits are mixed about 4/35/61%; the
//! IPv6 corpus is described at `v6_corpus`.

use std::ffi::{c_char, c_int, c_void, CString};
use std::fmt::Write as _;
use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use berkeley::{inet_aton, inet_ntoa, inet_ntop, inet_pton4, inet_pton6};
use criterion::{BenchmarkGroup, Criterion, Throughput};

mod c {
    use super::*;

    extern "C" {
        pub fn inet_aton(cp: *const c_char, inp: *mut libc::in_addr) -> c_int;
        pub fn inet_ntoa(inp: libc::in_addr) -> *mut c_char;
        pub fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
        pub fn inet_ntop(
            af: c_int,
            src: *const c_void,
            dst: *mut c_char,
            size: libc::socklen_t,
        ) -> *const c_char;
    }
}

/// xorshift64*: deterministic inputs without a rand dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn v4_corpus(n: usize, seed: u64) -> Vec<Ipv4Addr> {
    let mut rng = Rng(seed);
    (0..n).map(|_| Ipv4Addr::from(rng.next() as u32)).collect()
}

/// IPv6 addresses as they are seen in practice: global unicast with zero runs, link-local,
/// loopback, v4-mapped, and fully random ones.
fn v6_corpus(n: usize, seed: u64) -> Vec<Ipv6Addr> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let r = rng.next();
            let mut g: [u16; 8] = std::array::from_fn(|_| rng.next() as u16);
            match r % 8 {
                0 => g = [0xfe80, 0, 0, 0, g[4], g[5], g[6], g[7]],
                1 => g = [0x2001, 0xdb8, g[2], 0, 0, 0, 0, g[7] & 0xff],
                2 => g = [0, 0, 0, 0, 0, 0xffff, g[6], g[7]],
                3 => g = [g[0], g[1], g[2], g[3], 0, 0, g[6], g[7]],
                4 => g = [0x2a00, g[1] & 0xfff, g[2], g[3], g[4], g[5], g[6], g[7]],
                5 => {
                    for (i, x) in g.iter_mut().enumerate() {
                        if r >> (8 + i) & 1 == 0 {
                            *x = 0;
                        }
                    }
                }
                _ => {}
            }
            Ipv6Addr::from(g)
        })
        .collect()
}

struct TextCorpus {
    text: Vec<String>,
    c: Vec<CString>,
}

impl TextCorpus {
    fn new(text: Vec<String>) -> TextCorpus {
        let c = text.iter().map(|s| CString::new(s.as_str()).unwrap()).collect();
        TextCorpus { text, c }
    }
}

/// Per-group settings: the throughput only (one address per iteration). Timing comes from the
/// `Criterion` configuration (see `main.rs`), so command-line flags win.
fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group.throughput(Throughput::Elements(1));
}

/// Benches `f` over the corpus entries in turn (the corpus length is a power of two). Every
/// competitor pays the same loop: one masked index, `black_box` on the input and on the output,
/// and nothing allocated per iteration.
macro_rules! cycle {
    ($group:expr, $name:expr, $corpus:expr, |$x:ident| $body:expr) => {{
        let corpus = &$corpus;
        let mask = corpus.len() - 1;
        let mut i = 0usize;
        $group.bench_function($name, |b| {
            b.iter(|| {
                let $x = black_box(&corpus[i & mask]);
                i = i.wrapping_add(1);
                black_box($body)
            })
        });
    }};
}

fn parsers(c: &mut Criterion, label: &str, n: usize) {
    // inet_aton and inet_pton4 on dotted quads.
    let quads =
        TextCorpus::new(v4_corpus(n, 0x1234_5678).iter().map(|ip| ip.to_string()).collect());
    let mut g = c.benchmark_group(format!("inet_aton/{label}"));
    configure(&mut g);
    cycle!(g, "berkeley", quads.text, |s| inet_aton(s));
    cycle!(g, "glibc", quads.c, |s| {
        let mut a = libc::in_addr { s_addr: 0 };
        // SAFETY: s is NUL-terminated; a is a valid in_addr.
        let r = unsafe { c::inet_aton(s.as_ptr(), &mut a) };
        (r, a.s_addr)
    });
    // std's parser takes dotted decimal only: a stricter grammar than inet_aton's.
    cycle!(g, "std (stricter grammar)", quads.text, |s| s.parse::<Ipv4Addr>());
    g.finish();

    let mut g = c.benchmark_group(format!("inet_pton4/{label}"));
    configure(&mut g);
    cycle!(g, "berkeley", quads.text, |s| inet_pton4(s));
    cycle!(g, "glibc", quads.c, |s| {
        let mut a = [0u8; 4];
        // SAFETY: s is NUL-terminated; a has room for an in_addr.
        let r = unsafe { c::inet_pton(libc::AF_INET, s.as_ptr(), a.as_mut_ptr().cast()) };
        (r, a)
    });
    cycle!(g, "std", quads.text, |s| s.parse::<Ipv4Addr>());
    g.finish();
    drop(quads);

    let v6 = TextCorpus::new(
        v6_corpus(n, 0x9abc_def0)
            .into_iter()
            .map(|ip| inet_ntop(IpAddr::V6(ip)).to_string())
            .collect(),
    );
    let mut g = c.benchmark_group(format!("inet_pton6/{label}"));
    configure(&mut g);
    cycle!(g, "berkeley", v6.text, |s| inet_pton6(s));
    cycle!(g, "glibc", v6.c, |s| {
        let mut a = [0u8; 16];
        // SAFETY: s is NUL-terminated; a has room for an in6_addr.
        let r = unsafe { c::inet_pton(libc::AF_INET6, s.as_ptr(), a.as_mut_ptr().cast()) };
        (r, a)
    });
    cycle!(g, "std", v6.text, |s| s.parse::<Ipv6Addr>());
    g.finish();
}

fn formatters(c: &mut Criterion) {
    let v4 = v4_corpus(1024, 0x0bad_cafe);
    let mut g = c.benchmark_group("inet_ntoa");
    configure(&mut g);
    cycle!(g, "berkeley", v4, |ip| inet_ntoa(*ip));
    cycle!(g, "berkeley as &str", v4, |ip| inet_ntoa(*ip).as_str().len());
    cycle!(g, "glibc", v4, |ip| {
        let a = libc::in_addr { s_addr: u32::from_ne_bytes(ip.octets()) };
        // SAFETY: inet_ntoa only reads its argument; the returned buffer is not kept.
        unsafe { c::inet_ntoa(a) }
    });
    let mut out = String::with_capacity(64);
    cycle!(g, "std Display", v4, |ip| {
        out.clear();
        write!(out, "{ip}").unwrap();
        out.len()
    });
    g.finish();

    let v6 = v6_corpus(1024, 0x5eed);
    let mut g = c.benchmark_group("inet_ntop6");
    configure(&mut g);
    cycle!(g, "berkeley", v6, |ip| inet_ntop(IpAddr::V6(*ip)));
    cycle!(g, "berkeley as &str", v6, |ip| inet_ntop(IpAddr::V6(*ip)).as_str().len());
    let mut buf = [0 as c_char; 46];
    cycle!(g, "glibc", v6, |ip| {
        let o = ip.octets();
        // SAFETY: o is an in6_addr; buf has INET6_ADDRSTRLEN bytes.
        unsafe { c::inet_ntop(libc::AF_INET6, o.as_ptr().cast(), buf.as_mut_ptr(), 46) }
    });
    let mut out = String::with_capacity(64);
    cycle!(g, "std Display", v6, |ip| {
        out.clear();
        write!(out, "{ip}").unwrap();
        out.len()
    });
    g.finish();
}

pub fn benches(c: &mut Criterion) {
    formatters(c);
    // The corpus size is in the group name: `inet_aton/1024-addrs`, `inet_aton/1M-addrs`.
    parsers(c, "1024-addrs", 1 << 10);
    parsers(c, "1M-addrs", 1 << 20);
}

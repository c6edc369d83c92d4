//! inet: berkeley against glibc (FFI, inputs pre-built as NUL-terminated `CString`s) and std
//! (`FromStr`, and `Display` into a reused `String`), in the same groups.
//!
//! Every operation runs over a 1,024-entry and a 1,048,576-entry corpus (groups `NAME/1024-addrs`
//! and `NAME/1M-addrs`, corpora in `corpus.rs`); each iteration takes the next entry (so branch
//! predictors cannot learn one input, and the large corpus does not fit in cache).
//!
//! Each group starts with a `loop only` row: the same loop whose body hands the input back
//! (the text's length, or the address itself). It is the floor under every other row of the
//! group: a competitor time of C ns and a loop time of L ns cap the ratio any parser can reach
//! at C / L.

use std::ffi::{c_char, c_int, c_void, CString};
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use berkeley::{inet_aton, inet_ntoa, inet_ntop, inet_pton4, inet_pton6};
use criterion::{BenchmarkGroup, Criterion, Throughput};

use crate::corpus;

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

fn parsers(c: &mut Criterion, label: &str, n: usize) {
    // inet_aton and inet_pton4 on dotted quads.
    let quads = TextCorpus::new(corpus::v4_text(n, 0x1234_5678));
    let mut g = c.benchmark_group(format!("inet_aton/{label}"));
    configure(&mut g);
    cycle!(g, "loop only", quads.text, |s| s.len());
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
    cycle!(g, "loop only", quads.text, |s| s.len());
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

    let v6 = TextCorpus::new(corpus::v6_text(n, 0x9abc_def0));
    let mut g = c.benchmark_group(format!("inet_pton6/{label}"));
    configure(&mut g);
    cycle!(g, "loop only", v6.text, |s| s.len());
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

fn formatters(c: &mut Criterion, label: &str, n: usize) {
    let v4 = corpus::v4(n, 0x0bad_cafe);
    let mut g = c.benchmark_group(format!("inet_ntoa/{label}"));
    configure(&mut g);
    cycle!(g, "loop only", v4, |ip| *ip);
    cycle!(g, "berkeley", v4, |ip| inet_ntoa(*ip));
    cycle!(g, "berkeley as &str", v4, |ip| {
        let text = inet_ntoa(*ip);
        std::hint::black_box(text.as_str()).len()
    });
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

    let v6 = corpus::v6(n, 0x5eed);
    let mut g = c.benchmark_group(format!("inet_ntop6/{label}"));
    configure(&mut g);
    cycle!(g, "loop only", v6, |ip| *ip);
    cycle!(g, "berkeley", v6, |ip| inet_ntop(IpAddr::V6(*ip)));
    cycle!(g, "berkeley as &str", v6, |ip| {
        let text = inet_ntop(IpAddr::V6(*ip));
        std::hint::black_box(text.as_str()).len()
    });
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
    // The corpus size is in the group name: `inet_aton/1024-addrs`, `inet_aton/1M-addrs`.
    for (label, n) in [("1024-addrs", corpus::SMALL), ("1M-addrs", corpus::LARGE)] {
        formatters(c, label, n);
        parsers(c, label, n);
    }
}

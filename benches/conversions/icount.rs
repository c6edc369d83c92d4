//! Instruction counts of the conversions, berkeley next to glibc and std, for callgrind:
//! deterministic where wall-clock times swing (a shared machine). Each `icount_*` function runs
//! one operation over the 1,024-entry corpus of `corpus.rs` (the criterion benches' corpora);
//! `benches/conversions/icount.sh` runs this binary under
//! `valgrind --tool=callgrind --toggle-collect='*icount_*'` and prints each function's
//! inclusive instruction count divided by 1,024: instructions per call, including the loop's
//! few (the same for every competitor).
//!
//! Run outside valgrind it does the same work once and prints nothing (so `cargo bench` stays
//! quick). Unix (glibc) only, like the criterion benches.

#[cfg(unix)]
mod corpus;

#[cfg(unix)]
mod run {
    use std::ffi::{c_char, CString};
    use std::fmt::Write as _;
    use std::hint::black_box;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    use berkeley::{
        ether_aton, ether_ntoa, inet_aton, inet_ntoa, inet_ntop, inet_pton4, inet_pton6, MacAddr,
    };

    use super::corpus;

    #[repr(C)]
    struct EtherAddr {
        octet: [u8; 6],
    }

    mod c {
        use super::EtherAddr;
        use std::ffi::{c_char, c_int, c_void};
        extern "C" {
            pub fn inet_aton(cp: *const c_char, inp: *mut libc::in_addr) -> c_int;
            pub fn inet_ntoa(inp: libc::in_addr) -> *mut c_char;
            pub fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
            pub fn inet_ntop(
                af: c_int,
                src: *const c_void,
                dst: *mut c_char,
                size: u32,
            ) -> *const c_char;
            pub fn ether_aton_r(asc: *const c_char, addr: *mut EtherAddr) -> *mut EtherAddr;
            pub fn ether_ntoa_r(addr: *const EtherAddr, buf: *mut c_char) -> *mut c_char;
        }
    }

    fn cstrings(text: &[String]) -> Vec<CString> {
        text.iter().map(|s| CString::new(s.as_str()).unwrap()).collect()
    }

    /// One `#[inline(never)]` function per (operation, competitor), named `icount_OP_WHO`.
    macro_rules! icount {
        ($name:ident, $t:ty, |$x:ident| $body:expr) => {
            #[inline(never)]
            fn $name(corpus: &[$t]) {
                // A constant of its own, so the compiler cannot merge two identical bodies.
                black_box(stringify!($name));
                for $x in corpus {
                    black_box($body);
                }
            }
        };
    }

    // The loop alone (the input through black_box, its length out): what every row includes.
    icount!(icount_baseline_loop, String, |s| black_box(s).len());
    icount!(icount_inet_aton_berkeley, String, |s| inet_aton(black_box(s)).ok());
    icount!(icount_inet_aton_glibc, CString, |s| {
        let mut a = libc::in_addr { s_addr: 0 };
        // SAFETY: s is NUL-terminated; a is a valid in_addr.
        (unsafe { c::inet_aton(black_box(s).as_ptr(), &mut a) }, a.s_addr)
    });
    icount!(icount_inet_aton_std, String, |s| black_box(s).parse::<Ipv4Addr>().ok());
    icount!(icount_inet_pton4_berkeley, String, |s| inet_pton4(black_box(s)).ok());
    icount!(icount_inet_pton4_glibc, CString, |s| {
        let mut a = [0u8; 4];
        // SAFETY: s is NUL-terminated; a has room for an in_addr.
        (unsafe { c::inet_pton(libc::AF_INET, black_box(s).as_ptr(), a.as_mut_ptr().cast()) }, a)
    });
    icount!(icount_inet_pton6_berkeley, String, |s| inet_pton6(black_box(s)).ok());
    icount!(icount_inet_pton6_glibc, CString, |s| {
        let mut a = [0u8; 16];
        // SAFETY: s is NUL-terminated; a has room for an in6_addr.
        (unsafe { c::inet_pton(libc::AF_INET6, black_box(s).as_ptr(), a.as_mut_ptr().cast()) }, a)
    });
    icount!(icount_inet_pton6_std, String, |s| black_box(s).parse::<Ipv6Addr>().ok());
    icount!(icount_inet_ntoa_berkeley_as_str, Ipv4Addr, |ip| {
        let t = inet_ntoa(*black_box(ip));
        let s: &str = black_box(&t).as_str();
        s.len()
    });
    icount!(icount_inet_ntoa_glibc, Ipv4Addr, |ip| {
        let a = libc::in_addr { s_addr: u32::from_ne_bytes(black_box(ip).octets()) };
        // SAFETY: inet_ntoa only reads its argument.
        unsafe { c::inet_ntoa(a) }
    });
    icount!(icount_inet_ntop6_berkeley_as_str, Ipv6Addr, |ip| {
        let t = inet_ntop(IpAddr::V6(*black_box(ip)));
        let s: &str = black_box(&t).as_str();
        s.len()
    });
    icount!(icount_inet_ntop6_glibc, Ipv6Addr, |ip| {
        let mut buf = [0 as c_char; 46];
        let o = black_box(ip).octets();
        // SAFETY: o is an in6_addr; buf has INET6_ADDRSTRLEN bytes.
        unsafe { c::inet_ntop(libc::AF_INET6, o.as_ptr().cast(), buf.as_mut_ptr(), 46) };
        buf[0]
    });
    icount!(icount_ether_aton_berkeley, String, |s| ether_aton(black_box(s)).ok());
    icount!(icount_ether_aton_glibc, CString, |s| {
        let mut out = EtherAddr { octet: [0; 6] };
        // SAFETY: s is NUL-terminated, out is valid.
        let r = unsafe { c::ether_aton_r(black_box(s).as_ptr(), &mut out) };
        (!r.is_null()).then_some(out.octet)
    });
    icount!(icount_ether_ntoa_berkeley_as_str, MacAddr, |m| {
        let t = ether_ntoa(*black_box(m));
        let s: &str = black_box(&t);
        s.len()
    });
    icount!(icount_ether_ntoa_glibc, MacAddr, |m| {
        let mut buf = [0 as c_char; 18];
        let a = EtherAddr { octet: black_box(m).octets() };
        // SAFETY: a is valid; buf has the 18 bytes glibc writes.
        unsafe { c::ether_ntoa_r(&a, buf.as_mut_ptr()) };
        buf[0]
    });

    /// std's `Display` into a reused `String`, as the criterion bench does.
    #[inline(never)]
    fn icount_inet_ntoa_std(corpus: &[Ipv4Addr], out: &mut String) {
        for ip in corpus {
            out.clear();
            write!(out, "{}", black_box(ip)).unwrap();
            black_box(out.len());
        }
    }

    #[inline(never)]
    fn icount_inet_ntop6_std(corpus: &[Ipv6Addr], out: &mut String) {
        for ip in corpus {
            out.clear();
            write!(out, "{}", black_box(ip)).unwrap();
            black_box(out.len());
        }
    }

    pub fn main() {
        let n = corpus::SMALL;
        let v4 = corpus::v4(n, 0x1234_5678);
        let v4t = corpus::v4_text(n, 0x1234_5678);
        let v4c = cstrings(&v4t);
        let v6 = corpus::v6(n, 0x9abc_def0);
        let v6t = corpus::v6_text(n, 0x9abc_def0);
        let v6c = cstrings(&v6t);
        let mixed = corpus::mac_mixed_text(n, 0x9e37_79b9);
        let mixedc = cstrings(&mixed);
        let canon = corpus::mac_canonical_text(n, 0x7f4a_7c15);
        let canonc = cstrings(&canon);
        let macs = corpus::macs(n, 0x5eed);
        let mut out = String::with_capacity(64);

        // Warm-up outside the counted functions: lazy symbol binding, CPU feature detection.
        let (w4, w6, wm) = (&v4t[..1], &v6t[..1], &canon[..1]);
        icount_inet_aton_berkeley(w4);
        icount_inet_pton4_berkeley(w4);
        icount_inet_pton6_berkeley(w6);
        icount_ether_aton_berkeley(wm);
        icount_inet_aton_glibc(&v4c[..1]);
        icount_inet_pton4_glibc(&v4c[..1]);
        icount_inet_pton6_glibc(&v6c[..1]);
        icount_inet_ntoa_glibc(&v4[..1]);
        icount_inet_ntop6_glibc(&v6[..1]);
        icount_ether_aton_glibc(&canonc[..1]);
        icount_ether_ntoa_glibc(&macs[..1]);
        icount_inet_ntoa_std(&v4[..1], &mut out);
        icount_inet_ntop6_std(&v6[..1], &mut out);

        icount_baseline_loop(&v4t);
        icount_inet_aton_berkeley(&v4t);
        icount_inet_aton_glibc(&v4c);
        icount_inet_aton_std(&v4t);
        icount_inet_pton4_berkeley(&v4t);
        icount_inet_pton4_glibc(&v4c);
        icount_inet_pton6_berkeley(&v6t);
        icount_inet_pton6_glibc(&v6c);
        icount_inet_pton6_std(&v6t);
        icount_inet_ntoa_berkeley_as_str(&v4);
        icount_inet_ntoa_glibc(&v4);
        icount_inet_ntoa_std(&v4, &mut out);
        icount_inet_ntop6_berkeley_as_str(&v6);
        icount_inet_ntop6_glibc(&v6);
        icount_inet_ntop6_std(&v6, &mut out);
        icount_ether_aton_berkeley(&mixed);
        icount_ether_aton_glibc(&mixedc);
        icount_ether_ntoa_berkeley_as_str(&macs);
        icount_ether_ntoa_glibc(&macs);
        // The canonical-only MAC corpus, under its own names.
        canonical_pair(&canon, &canonc);
    }

    #[inline(never)]
    fn canonical_pair(text: &[String], c: &[CString]) {
        icount_ether_aton_canonical_berkeley(text);
        icount_ether_aton_canonical_glibc(c);
    }
    icount!(icount_ether_aton_canonical_berkeley, String, |s| ether_aton(black_box(s)).ok());
    icount!(icount_ether_aton_canonical_glibc, CString, |s| {
        let mut out = EtherAddr { octet: [0; 6] };
        // SAFETY: s is NUL-terminated, out is valid.
        let r = unsafe { c::ether_aton_r(black_box(s).as_ptr(), &mut out) };
        (!r.is_null()).then_some(out.octet)
    });
}

#[cfg(unix)]
fn main() {
    run::main();
}

#[cfg(not(unix))]
fn main() {}

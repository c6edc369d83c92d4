//! Name-service benchmarks: each berkeley call against the same glibc call made directly (the
//! floor: a wrapper can only add cost) and, where one exists, another Rust wrapper — in one group
//! per call, so the ratios are side by side:
//!
//! - `getaddrinfo_localhost_http`: berkeley, glibc `getaddrinfo` + walk + `freeaddrinfo`,
//!   `dns-lookup`'s `getaddrinfo`, std's `("localhost", 80).to_socket_addrs()` (a number, not
//!   the service name: std takes no service);
//! - `getservbyname_http_tcp`, `getservbyport_80_tcp`, `getprotobyname_udp`: berkeley, glibc's
//!   reentrant `_r` call, glibc's static-buffer call (no Rust crate wraps these), and
//!   berkeley's opt-in [`NetdbCache`](berkeley::netdb::NetdbCache) (plus what loading it costs);
//! - `gethostbyname_localhost`: berkeley, glibc `gethostbyname2_r`.
//!
//! Each answer is copied into owned Rust values in every competitor, so all do the same work.
//! Every group runs twice: in wall time, and in the benchmark thread's CPU time (`*_cpu`), which
//! a busy machine disturbs much less.
//!
//! Run: `cargo bench --bench netdb`. glibc Linux only (the `_r` declarations are glibc's).

#[cfg(all(target_os = "linux", target_env = "gnu"))]
criterion::criterion_main!(bench::wall_benches, bench::cpu_benches);

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() {
    eprintln!("the netdb benchmarks compare with glibc: Linux (glibc) only");
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod bench {
    use std::ffi::{CStr, CString};
    use std::hint::black_box;
    use std::mem::{self, MaybeUninit};
    use std::net::{SocketAddr, ToSocketAddrs};
    use std::ptr;
    use std::time::Duration;

    use berkeley::netdb::{self, AddrInfoHints};
    use berkeley::Type;
    use criterion::measurement::{Measurement, ValueFormatter, WallTime};
    use criterion::{criterion_group, Criterion};

    extern "C" {
        fn getservbyname_r(
            name: *const libc::c_char,
            proto: *const libc::c_char,
            result_buf: *mut libc::servent,
            buf: *mut libc::c_char,
            buflen: libc::size_t,
            result: *mut *mut libc::servent,
        ) -> libc::c_int;
        fn getservbyport_r(
            port: libc::c_int,
            proto: *const libc::c_char,
            result_buf: *mut libc::servent,
            buf: *mut libc::c_char,
            buflen: libc::size_t,
            result: *mut *mut libc::servent,
        ) -> libc::c_int;
        fn getprotobyname_r(
            name: *const libc::c_char,
            result_buf: *mut libc::protoent,
            buf: *mut libc::c_char,
            buflen: libc::size_t,
            result: *mut *mut libc::protoent,
        ) -> libc::c_int;
        fn gethostbyname2_r(
            name: *const libc::c_char,
            af: libc::c_int,
            result_buf: *mut libc::hostent,
            buf: *mut libc::c_char,
            buflen: libc::size_t,
            result: *mut *mut libc::hostent,
            h_errnop: *mut libc::c_int,
        ) -> libc::c_int;
    }

    /// glibc's getaddrinfo, the list walked into `SocketAddr`s and freed.
    fn glibc_getaddrinfo(host: &CStr, serv: &CStr) -> Vec<SocketAddr> {
        // SAFETY: addrinfo is plain old data; all-zero is the documented hints start.
        let mut hints: libc::addrinfo = unsafe { mem::zeroed() };
        hints.ai_socktype = libc::SOCK_STREAM;
        let mut res = ptr::null_mut();
        // SAFETY: NUL-terminated strings, initialised hints, writable `res`.
        let rc = unsafe { libc::getaddrinfo(host.as_ptr(), serv.as_ptr(), &hints, &mut res) };
        assert_eq!(rc, 0);
        let mut out = Vec::new();
        let mut cur = res;
        while !cur.is_null() {
            // SAFETY: a node of the live list.
            let ai = unsafe { &*cur };
            if ai.ai_family == libc::AF_INET {
                // SAFETY: an AF_INET entry's ai_addr is a sockaddr_in.
                let sin = unsafe { &*ai.ai_addr.cast::<libc::sockaddr_in>() };
                let ip = u32::from_be(sin.sin_addr.s_addr);
                out.push(SocketAddr::from((ip.to_be_bytes(), u16::from_be(sin.sin_port))));
            }
            cur = ai.ai_next;
        }
        // SAFETY: the list getaddrinfo returned, freed once.
        unsafe { libc::freeaddrinfo(res) };
        out
    }

    fn getaddrinfo_group<M: Measurement>(c: &mut Criterion<M>, sfx: &str) {
        let mut g = c.benchmark_group(format!("getaddrinfo_localhost_http{sfx}"));
        let hints = AddrInfoHints::new().socktype(Type::STREAM);
        g.bench_function("berkeley", |b| {
            b.iter(|| {
                netdb::getaddrinfo(black_box(Some("localhost")), Some("http"), &hints)
                    .unwrap()
                    .map(|ai| ai.addr())
                    .collect::<Vec<_>>()
            })
        });
        let (host, serv) = (CString::new("localhost").unwrap(), CString::new("http").unwrap());
        g.bench_function("glibc", |b| b.iter(|| glibc_getaddrinfo(black_box(&host), &serv)));
        let dl_hints = dns_lookup::AddrInfoHints {
            socktype: libc::SOCK_STREAM,
            ..dns_lookup::AddrInfoHints::default()
        };
        g.bench_function("dns-lookup", |b| {
            b.iter(|| {
                dns_lookup::getaddrinfo(black_box(Some("localhost")), Some("http"), Some(dl_hints))
                    .unwrap()
                    .map(|ai| ai.unwrap().sockaddr)
                    .collect::<Vec<_>>()
            })
        });
        g.bench_function("std_to_socket_addrs_port80", |b| {
            b.iter(|| black_box(("localhost", 80)).to_socket_addrs().unwrap().collect::<Vec<_>>())
        });
        g.finish();
    }

    /// A servent's name and host-order port, copied out.
    ///
    /// # Safety
    ///
    /// `s` must point to a valid servent.
    unsafe fn servent(s: *const libc::servent) -> (String, u16) {
        // SAFETY: guaranteed by the caller.
        let s = unsafe { &*s };
        // SAFETY: s_name is a valid C string of the entry.
        let name = unsafe { CStr::from_ptr(s.s_name) }.to_string_lossy().into_owned();
        (name, u16::from_be(s.s_port as u16))
    }

    fn glibc_getservbyname_r(name: &CStr, proto: &CStr) -> (String, u16) {
        let mut buf = vec![0u8; 1024];
        let mut ent = MaybeUninit::<libc::servent>::uninit();
        let mut res = ptr::null_mut();
        // SAFETY: valid strings and writable buffers of the lengths passed.
        let rc = unsafe {
            getservbyname_r(
                name.as_ptr(),
                proto.as_ptr(),
                ent.as_mut_ptr(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut res,
            )
        };
        assert!(rc == 0 && !res.is_null());
        // SAFETY: a non-null result is a valid servent.
        unsafe { servent(res) }
    }

    fn glibc_getservbyport_r(port: u16, proto: &CStr) -> (String, u16) {
        let mut buf = vec![0u8; 1024];
        let mut ent = MaybeUninit::<libc::servent>::uninit();
        let mut res = ptr::null_mut();
        // SAFETY: as above.
        let rc = unsafe {
            getservbyport_r(
                libc::c_int::from(port.to_be()),
                proto.as_ptr(),
                ent.as_mut_ptr(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut res,
            )
        };
        assert!(rc == 0 && !res.is_null());
        // SAFETY: a non-null result is a valid servent.
        unsafe { servent(res) }
    }

    fn services_group<M: Measurement>(c: &mut Criterion<M>, sfx: &str) {
        let (http, tcp, udp) = (
            CString::new("http").unwrap(),
            CString::new("tcp").unwrap(),
            CString::new("udp").unwrap(),
        );
        let mut g = c.benchmark_group(format!("getservbyname_http_tcp{sfx}"));
        g.bench_function("berkeley", |b| {
            b.iter(|| netdb::getservbyname(black_box("http"), "tcp").unwrap())
        });
        g.bench_function("glibc_r", |b| b.iter(|| glibc_getservbyname_r(black_box(&http), &tcp)));
        let cache = netdb::NetdbCache::load().unwrap();
        g.bench_function("berkeley_cache", |b| {
            b.iter(|| cache.getservbyname(black_box("http"), "tcp").unwrap())
        });
        // The cache's whole cost for one lookup: loading it (parsing both files) included.
        g.bench_function("berkeley_cache_load", |b| b.iter(netdb::NetdbCache::load));
        g.bench_function("glibc_static", |b| {
            b.iter(|| {
                // SAFETY: valid strings; the static result is copied at once, on this thread
                // only (criterion runs one benchmark at a time).
                let p = unsafe { libc::getservbyname(black_box(&http).as_ptr(), tcp.as_ptr()) };
                // SAFETY: non-null for this known entry.
                unsafe { servent(p) }
            })
        });
        g.finish();

        let mut g = c.benchmark_group(format!("getservbyport_80_tcp{sfx}"));
        g.bench_function("berkeley", |b| {
            b.iter(|| netdb::getservbyport(black_box(80), "tcp").unwrap())
        });
        g.bench_function("glibc_r", |b| b.iter(|| glibc_getservbyport_r(black_box(80), &tcp)));
        g.bench_function("berkeley_cache", |b| {
            b.iter(|| cache.getservbyport(black_box(80), "tcp").unwrap().to_owned())
        });
        g.bench_function("glibc_static", |b| {
            b.iter(|| {
                // SAFETY: as for getservbyname.
                let p = unsafe {
                    libc::getservbyport(i32::from(black_box(80u16).to_be()), tcp.as_ptr())
                };
                // SAFETY: non-null for this known entry.
                unsafe { servent(p) }
            })
        });
        g.finish();

        let mut g = c.benchmark_group(format!("getprotobyname_udp{sfx}"));
        g.bench_function("berkeley", |b| {
            b.iter(|| netdb::getprotobyname(black_box("udp")).unwrap())
        });
        g.bench_function("glibc_r", |b| {
            b.iter(|| {
                let mut buf = vec![0u8; 1024];
                let mut ent = MaybeUninit::<libc::protoent>::uninit();
                let mut res = ptr::null_mut();
                // SAFETY: as for getservbyname_r.
                let rc = unsafe {
                    getprotobyname_r(
                        black_box(&udp).as_ptr(),
                        ent.as_mut_ptr(),
                        buf.as_mut_ptr().cast(),
                        buf.len(),
                        &mut res,
                    )
                };
                assert!(rc == 0 && !res.is_null());
                // SAFETY: a non-null result is a valid protoent.
                unsafe { (*res).p_proto }
            })
        });
        g.finish();
    }

    fn hosts_group<M: Measurement>(c: &mut Criterion<M>, sfx: &str) {
        let localhost = CString::new("localhost").unwrap();
        let mut g = c.benchmark_group(format!("gethostbyname_localhost{sfx}"));
        g.bench_function("berkeley", |b| {
            b.iter(|| netdb::gethostbyname(black_box("localhost")).unwrap())
        });
        g.bench_function("glibc_r", |b| {
            b.iter(|| {
                let mut buf = vec![0u8; 1024];
                let mut ent = MaybeUninit::<libc::hostent>::uninit();
                let mut res = ptr::null_mut();
                let mut herr = 0;
                // SAFETY: as for getservbyname_r.
                let rc = unsafe {
                    gethostbyname2_r(
                        black_box(&localhost).as_ptr(),
                        libc::AF_INET,
                        ent.as_mut_ptr(),
                        buf.as_mut_ptr().cast(),
                        buf.len(),
                        &mut res,
                        &mut herr,
                    )
                };
                assert!(rc == 0 && !res.is_null());
                // SAFETY: a valid hostent with at least one AF_INET address.
                let h = unsafe { &*res };
                // SAFETY: h_name is a valid C string; h_addr_list[0] points to 4 bytes.
                let name = unsafe { CStr::from_ptr(h.h_name) }.to_string_lossy().into_owned();
                let a = unsafe { *(*h.h_addr_list).cast::<[u8; 4]>() };
                (name, std::net::Ipv4Addr::from(a))
            })
        });
        g.finish();
    }

    /// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`, user + system): what a lookup
    /// costs, much less disturbed by a busy machine than wall time.
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

    fn wall_config() -> Criterion {
        Criterion::default()
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
    }

    fn wall(c: &mut Criterion) {
        getaddrinfo_group(c, "");
        services_group(c, "");
        hosts_group(c, "");
    }

    fn cpu(c: &mut Criterion<ThreadCpuTime>) {
        getaddrinfo_group(c, "_cpu");
        services_group(c, "_cpu");
        hosts_group(c, "_cpu");
    }

    criterion_group! {
        name = wall_benches;
        config = wall_config();
        targets = wall
    }

    criterion_group! {
        name = cpu_benches;
        config = wall_config().with_measurement(ThreadCpuTime(WallTime));
        targets = cpu
    }
}

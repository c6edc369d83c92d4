//! `inet_pton` (both families) against glibc on arbitrary bytes, and `inet_ntop` of every
//! accepted address against glibc's text; both paths of the IPv4 and IPv6 parsers and of the
//! formatter (scalar, and SIMD where the CPU has it: `berkeley::inet::twins`; for IPv6 also the
//! full grammar without the fast path) give the same result.
#![no_main]

use std::ffi::{c_void, CStr, CString};
use std::net::IpAddr;

use libfuzzer_sys::fuzz_target;

extern "C" {
    fn inet_pton(af: libc::c_int, src: *const libc::c_char, dst: *mut c_void) -> libc::c_int;
    fn inet_ntop(
        af: libc::c_int,
        src: *const c_void,
        dst: *mut libc::c_char,
        size: libc::socklen_t,
    ) -> *const libc::c_char;
}

fuzz_target!(|data: &[u8]| {
    use berkeley::inet::twins;
    let pton4 = berkeley::inet::inet_pton4_bytes(data);
    assert_eq!(twins::inet_pton4_scalar(data), pton4, "scalar path differs for {data:?}");
    if let Some(simd) = twins::inet_pton4_simd(data) {
        assert_eq!(simd, pton4, "SIMD path differs for {data:?}");
    }
    // inet_pton6: the full grammar alone, the scalar scan + fast path, and the SSE2 one.
    let pton6 = berkeley::inet::inet_pton6_bytes(data);
    assert_eq!(twins::inet_pton6_general(data), pton6, "general pton6 differs for {data:?}");
    assert_eq!(twins::inet_pton6_scalar(data), pton6, "scalar pton6 differs for {data:?}");
    if let Some(simd) = twins::inet_pton6_simd(data) {
        assert_eq!(simd, pton6, "SIMD pton6 differs for {data:?}");
    }
    if data.contains(&0) {
        let _ = berkeley::inet::inet_pton4_bytes(data);
        let _ = berkeley::inet::inet_pton6_bytes(data);
        return;
    }
    let c = CString::new(data).expect("no NUL");
    let mut buf = [0u8; 16];
    for (af, ours) in [
        (libc::AF_INET, berkeley::inet::inet_pton4_bytes(data).map(IpAddr::V4)),
        (libc::AF_INET6, berkeley::inet::inet_pton6_bytes(data).map(IpAddr::V6)),
    ] {
        // SAFETY: `c` is NUL-terminated; `buf` has room for an in6_addr (16 bytes).
        let rc = unsafe { inet_pton(af, c.as_ptr(), buf.as_mut_ptr().cast::<c_void>()) };
        match ours {
            Ok(ip) => {
                assert_eq!(rc, 1, "berkeley accepted {data:?} (af {af}), glibc did not");
                let octets: Vec<u8> = match ip {
                    IpAddr::V4(v4) => v4.octets().to_vec(),
                    IpAddr::V6(v6) => v6.octets().to_vec(),
                };
                assert_eq!(octets[..], buf[..octets.len()], "value differs for {data:?}");
                let mut text = [0 as libc::c_char; 64];
                // SAFETY: `buf` holds the address glibc just wrote; `text` has 64 bytes.
                let p = unsafe {
                    inet_ntop(af, buf.as_ptr().cast(), text.as_mut_ptr(), text.len() as u32)
                };
                assert!(!p.is_null());
                // SAFETY: inet_ntop wrote a NUL-terminated string into `text`.
                let glibc = unsafe { CStr::from_ptr(text.as_ptr()) }.to_str().expect("ASCII");
                assert_eq!(&*berkeley::inet_ntop(ip), glibc, "inet_ntop differs for {ip:?}");
                assert_eq!(&*twins::inet_ntop_scalar(ip), glibc, "scalar ntop for {ip:?}");
            }
            Err(_) => assert_ne!(rc, 1, "glibc accepted {data:?} (af {af}), berkeley did not"),
        }
    }
});

//! `inet_aton` and `inet_addr` against glibc on arbitrary bytes: same acceptance, same value;
//! and both paths of the parser (the scalar one and the SIMD one where the CPU has it, see
//! `berkeley::inet::twins`) give the public function's result, error included.
//! Inputs with a NUL byte are the one documented difference (berkeley rejects them), so they are
//! compared only where glibc would not have reached the NUL.
#![no_main]

use std::ffi::CString;

use libfuzzer_sys::fuzz_target;

extern "C" {
    fn inet_aton(cp: *const libc::c_char, inp: *mut libc::in_addr) -> libc::c_int;
}

fuzz_target!(|data: &[u8]| {
    let ours = berkeley::inet::inet_aton_bytes(data);
    let twins = berkeley::inet::twins::inet_aton_scalar(data);
    assert_eq!(twins, ours, "scalar path differs for {data:?}");
    if let Some(simd) = berkeley::inet::twins::inet_aton_simd(data) {
        assert_eq!(simd, ours, "SIMD path differs for {data:?}");
    }
    if data.contains(&0) {
        // Never a panic; an address before the NUL may be accepted only if whitespace ended it.
        return;
    }
    let c = CString::new(data).expect("no NUL");
    let mut addr = libc::in_addr { s_addr: 0 };
    // SAFETY: `c` is a NUL-terminated string and `addr` a live in_addr.
    let ok = unsafe { inet_aton(c.as_ptr(), &mut addr) } != 0;
    match ours {
        Ok(ip) => {
            assert!(ok, "berkeley accepted {data:?}, glibc did not");
            assert_eq!(ip.octets(), addr.s_addr.to_ne_bytes(), "value differs for {data:?}");
        }
        Err(_) => assert!(!ok, "glibc accepted {data:?}, berkeley did not"),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(berkeley::inet_addr(text), ours.ok().map(|ip| u32::from_ne_bytes(ip.octets())));
    }
});

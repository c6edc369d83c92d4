//! `ether_aton` against glibc's `ether_aton_r` on arbitrary bytes, and `ether_ntoa` of every
//! accepted address against `ether_ntoa_r`; both paths of the parser (scalar, and SIMD where the
//! CPU has it: `berkeley::ether::twins`) give the public function's result, error included.
#![no_main]

use std::ffi::{c_char, CStr, CString};

use libfuzzer_sys::fuzz_target;

#[repr(C)]
struct EtherAddr {
    octet: [u8; 6],
}

extern "C" {
    fn ether_aton_r(asc: *const c_char, addr: *mut EtherAddr) -> *mut EtherAddr;
    fn ether_ntoa_r(addr: *const EtherAddr, buf: *mut c_char) -> *mut c_char;
}

fuzz_target!(|data: &[u8]| {
    let ours = berkeley::ether::ether_aton_bytes(data);
    let scalar = berkeley::ether::twins::ether_aton_scalar(data);
    assert_eq!(scalar, ours, "scalar path differs for {data:?}");
    if let Some(simd) = berkeley::ether::twins::ether_aton_simd(data) {
        assert_eq!(simd, ours, "SIMD path differs for {data:?}");
    }
    if data.contains(&0) {
        return;
    }
    let c = CString::new(data).expect("no NUL");
    let mut addr = EtherAddr { octet: [0; 6] };
    // SAFETY: `c` is NUL-terminated and `addr` is a live ether_addr.
    let ok = !unsafe { ether_aton_r(c.as_ptr(), &mut addr) }.is_null();
    match ours {
        Ok(mac) => {
            assert!(ok, "berkeley accepted {data:?}, glibc did not");
            assert_eq!(mac.octets(), addr.octet, "value differs for {data:?}");
            let mut text = [0 as c_char; 32];
            // SAFETY: `addr` is initialised and `text` has room for the 18 bytes glibc writes.
            unsafe { ether_ntoa_r(&addr, text.as_mut_ptr()) };
            // SAFETY: ether_ntoa_r wrote a NUL-terminated string.
            let glibc = unsafe { CStr::from_ptr(text.as_ptr()) }.to_str().expect("ASCII");
            assert_eq!(&*berkeley::ether_ntoa(mac), glibc);
        }
        Err(_) => assert!(!ok, "glibc accepted {data:?}, berkeley did not"),
    }
});

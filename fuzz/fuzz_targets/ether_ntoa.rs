//! `ether_ntoa` against glibc's `ether_ntoa_r`: every 6-byte chunk of the input is a MAC
//! address, and its text must equal glibc's by the public function, the scalar path and the
//! SSSE3 path where the CPU has it (`berkeley::ether::twins`).
#![no_main]

use std::ffi::{c_char, CStr};

use berkeley::ether::twins;
use berkeley::{ether_ntoa, MacAddr};
use libfuzzer_sys::fuzz_target;

#[repr(C)]
struct EtherAddr {
    octet: [u8; 6],
}

extern "C" {
    fn ether_ntoa_r(addr: *const EtherAddr, buf: *mut c_char) -> *mut c_char;
}

fuzz_target!(|data: &[u8]| {
    for chunk in data.chunks_exact(6) {
        let octets: [u8; 6] = chunk.try_into().expect("6 bytes");
        let addr = EtherAddr { octet: octets };
        let mut text = [0 as c_char; 32];
        // SAFETY: `addr` is initialised and `text` has room for the 18 bytes glibc writes.
        unsafe { ether_ntoa_r(&addr, text.as_mut_ptr()) };
        // SAFETY: ether_ntoa_r wrote a NUL-terminated string.
        let glibc = unsafe { CStr::from_ptr(text.as_ptr()) }.to_str().expect("ASCII");
        let mac = MacAddr::new(octets);
        assert_eq!(&*ether_ntoa(mac), glibc, "public path, {octets:02x?}");
        assert_eq!(twins::ether_ntoa_scalar(mac).as_str(), glibc, "scalar path, {octets:02x?}");
        if let Some(simd) = twins::ether_ntoa_simd(mac) {
            assert_eq!(simd.as_str(), glibc, "SIMD path, {octets:02x?}");
        }
    }
});

//! `SockAddr::from_storage` on arbitrary bytes and lengths: never a panic, never a read past the
//! given length, and every accepted address formats and converts consistently.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&len, bytes)) = data.split_first() else { return };
    // SAFETY: sockaddr_storage is plain old data; all-zero is a valid value.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let n = bytes.len().min(std::mem::size_of::<libc::sockaddr_storage>());
    // SAFETY: `storage` is 128 bytes and `n <= 128`; the regions do not overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            (&mut storage as *mut libc::sockaddr_storage).cast::<u8>(),
            n,
        )
    };
    let Ok(addr) = berkeley::SockAddr::from_storage(&storage, libc::socklen_t::from(len)) else {
        return;
    };
    assert_eq!(addr.len(), usize::from(len));
    assert_eq!(addr.as_bytes(), &storage_bytes(&storage)[..addr.len()]);
    let _ = addr.to_string();
    let _ = format!("{addr:?}");
    if let Some(sa) = addr.as_socket() {
        assert_eq!(berkeley::SockAddr::from(sa).as_socket(), Some(sa));
    }
    if let Some(un) = addr.as_un() {
        let _ = un.to_string();
        assert_eq!(berkeley::SockAddr::from(un).as_un(), Some(un));
    }
    if let Some(ll) = addr.as_ll() {
        assert_eq!(berkeley::SockAddr::from(ll).as_ll(), Some(ll));
    }
});

fn storage_bytes(storage: &libc::sockaddr_storage) -> &[u8] {
    // SAFETY: a sockaddr_storage is 128 initialised bytes.
    unsafe {
        std::slice::from_raw_parts(
            (storage as *const libc::sockaddr_storage).cast::<u8>(),
            std::mem::size_of::<libc::sockaddr_storage>(),
        )
    }
}

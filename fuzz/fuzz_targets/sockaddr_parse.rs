//! `FromStr` for `SockAddr` (and the family types) on arbitrary text: never a panic, every
//! rejection a typed error with a position inside the text, every accepted address prints back
//! to text that parses to the same address, and IPv4/IPv6 hosts are accepted exactly when glibc's
//! `getaddrinfo(AI_NUMERICHOST)` accepts them, with the same address.
#![no_main]

use std::net::SocketAddr;

use berkeley::{Error, SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let any = text.parse::<SockAddr>();
    for err in [
        any.as_ref().err(),
        text.parse::<SockAddrIn>().as_ref().err(),
        text.parse::<SockAddrIn6>().as_ref().err(),
        text.parse::<SockAddrUn>().as_ref().err(),
    ]
    .into_iter()
    .flatten()
    {
        match err {
            Error::Parse(e) => assert!(e.position() <= text.len(), "{text:?}: {e:?}"),
            Error::PathTooLong { .. } | Error::PathNul { .. } | Error::WrongFamily { .. } => {}
            other => panic!("{text:?}: untyped rejection {other:?}"),
        }
    }
    if let Ok(a) = any {
        // Paths print lossily only when they are not UTF-8, which parsed text always is.
        let again = a.to_string().parse::<SockAddr>();
        assert_eq!(again.as_ref().ok(), Some(&a), "{text:?} -> {a} -> {again:?}");
    }
    // The numeric-host forms, against glibc.
    let split = if let Some(inner) = text.strip_prefix('[') {
        inner.rsplit_once("]:").map(|(h, p)| (h, p, libc::AF_INET6))
    } else if !text.contains('/') && !text.starts_with('@') {
        // An unbracketed host with a ':' is no IPv4 host: berkeley refuses it, while glibc's
        // getaddrinfo(AF_INET) maps a v4-mapped IPv6 literal to IPv4 ("::ffff:f:102" is
        // 0.15.1.2) — a glibc extension, not the grammar compared here.
        text.rsplit_once(':').filter(|(h, _)| !h.contains(':')).map(|(h, p)| (h, p, libc::AF_INET))
    } else {
        None
    };
    let Some((host, port, family)) = split else { return };
    // The port is what follows the host's "]:" or ":" (not the text's last ':': "[::0]:53:53"
    // has the port "53:53", which is no port — the target once compared that with glibc).
    let port_ok =
        port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u32>().is_ok_and(|v| v <= 65535);
    // "*" is getaddrinfo's NULL host; a scope that is not all digits may be an interface name,
    // which glibc resolves and berkeley does not.
    let scope_not_numeric =
        host.split_once('%').is_some_and(|(_, scope)| !scope.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok || host == "*" || host.contains(']') || scope_not_numeric {
        return;
    }
    let glibc = glibc_numeric_host(host, family);
    let ours = text.parse::<SockAddr>().ok().and_then(|a| a.as_socket());
    assert_eq!(ours.map(|a| a.ip()), glibc.map(|a| a.ip()), "{text:?}");
});

fn glibc_numeric_host(host: &str, family: i32) -> Option<SocketAddr> {
    let host = std::ffi::CString::new(host).ok()?;
    // SAFETY: addrinfo is plain old data; all-zero is a valid value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_flags = libc::AI_NUMERICHOST | libc::AI_NUMERICSERV;
    hints.ai_family = family;
    hints.ai_socktype = libc::SOCK_DGRAM;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: host and service are NUL-terminated, hints is initialised, res is an out pointer.
    if unsafe { libc::getaddrinfo(host.as_ptr(), c"80".as_ptr(), &hints, &mut res) } != 0 {
        return None;
    }
    // SAFETY: getaddrinfo succeeded: res is a valid list whose first entry's ai_addr holds
    // ai_addrlen (<= 128) bytes; the list is freed once.
    unsafe {
        let ai = &*res;
        let mut st: libc::sockaddr_storage = std::mem::zeroed();
        std::ptr::copy_nonoverlapping(
            ai.ai_addr.cast::<u8>(),
            (&mut st as *mut libc::sockaddr_storage).cast::<u8>(),
            (ai.ai_addrlen as usize).min(128),
        );
        let a = SockAddr::from_storage(&st, ai.ai_addrlen).ok().and_then(|a| a.as_socket());
        libc::freeaddrinfo(res);
        a
    }
}

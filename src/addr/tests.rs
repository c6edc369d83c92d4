//! Miri-checkable unit tests (no OS call): every family × every length 0..=130, with the bytes
//! past the length either garbage or — on Linux, where libc types them as `MaybeUninit`
//! padding — uninitialised, so that `cargo +nightly miri test --lib addr` fails on any read past
//! the length.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::mem::{self, MaybeUninit};
use std::net::{Ipv4Addr, Ipv6Addr};

use super::*;

/// One address family's full-length template: what the first `len` bytes of a `len`-byte
/// address hold.
struct Case {
    name: &'static str,
    bytes: [u8; 130],
}

fn family_bytes(family: i32) -> [u8; 2] {
    let mut b = [0u8; 2];
    b[FAMILY_OFFSET..FAMILY_OFFSET + FAMILY_LEN]
        .copy_from_slice(&(family as sa_family_t).to_ne_bytes()[..FAMILY_LEN]);
    b
}

fn case(name: &'static str, prefix: &[u8]) -> Case {
    // Bytes the prefix does not set are a recognisable pattern, never zero, so that a path or
    // name runs on until the length ends it.
    let mut bytes = [0u8; 130];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = b'a' + (i % 26) as u8;
    }
    bytes[..prefix.len()].copy_from_slice(prefix);
    Case { name, bytes }
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    let inet = SockAddr::from(SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 1), 8080));
    v.push(case("inet", inet.as_bytes()));
    let inet6 = SockAddr::from(SockAddrIn6::new(Ipv6Addr::LOCALHOST, 53, 7, 3));
    v.push(case("inet6", inet6.as_bytes()));
    let un = family_bytes(c::AF_UNIX);
    v.push(case("unix-path", &[&un[..], b"/tmp/x"].concat()));
    v.push(case("unix-abstract", &[&un[..], b"\0name"].concat()));
    v.push(case("unix-unnamed", &[&un[..], &[0; 128]].concat()));
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let ll = SockAddr::from(SockAddrLl::new(
            2,
            crate::types::EtherType::IPV4,
            crate::ether::MacAddr::BROADCAST,
        ));
        v.push(case("packet", ll.as_bytes()));
        let mut short_halen = ll.as_bytes().to_vec();
        short_halen[11] = 2; // sll_halen
        v.push(case("packet-halen-2", &short_halen));
    }
    v.push(case("unknown", &family_bytes(77)));
    v.push(case("unspec", &family_bytes(0)));
    v
}

/// A `sockaddr_storage` whose first `len` bytes are `bytes[..len]`. Past them: `fill`, or, with
/// `None`, uninitialised where libc types the storage as padding (Linux: up to the alignment
/// field at byte 120); the alignment field itself is `0xee`.
fn storage(bytes: &[u8], fill: Option<u8>) -> Box<c::sockaddr_storage> {
    let mut st = Box::new(MaybeUninit::<c::sockaddr_storage>::uninit());
    let p = st.as_mut_ptr().cast::<u8>();
    let n = bytes.len().min(STORAGE_LEN);
    // SAFETY: `p` points to STORAGE_LEN writable bytes and n <= STORAGE_LEN.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, n) };
    let init_from = match fill {
        Some(_) => n,
        // glibc's sockaddr_storage: ss_family (2), __ss_padding (118, MaybeUninit in libc),
        // __ss_align (8).
        None if cfg!(target_os = "linux") => n.max(STORAGE_LEN - 8),
        None => n,
    };
    for i in init_from..STORAGE_LEN {
        // SAFETY: i < STORAGE_LEN, inside the allocation.
        unsafe { p.add(i).write(fill.unwrap_or(0xee)) };
    }
    if fill.is_none() && cfg!(target_os = "linux") && n < FAMILY_OFFSET + FAMILY_LEN {
        // ss_family is a plain integer field: it must be initialised for the value to be valid.
        for i in n..FAMILY_OFFSET + FAMILY_LEN {
            // SAFETY: i < 2, inside the allocation.
            unsafe { p.add(i).write(0xee) };
        }
    }
    // SAFETY: every field that is not MaybeUninit padding (ss_family, __ss_align) is initialised
    // above, and libc's sockaddr_storage is plain old data.
    unsafe { Box::from_raw(Box::into_raw(st).cast::<c::sockaddr_storage>()) }
}

fn hash(a: &SockAddr) -> u64 {
    let mut h = DefaultHasher::new();
    a.hash(&mut h);
    h.finish()
}

/// Everything a `SockAddr` lets one look at: it differs if any view reads a byte that differs.
#[derive(Debug, PartialEq)]
struct Views {
    family: Domain,
    len: usize,
    bytes: Vec<u8>,
    in4: Option<SockAddrIn>,
    in6: Option<SockAddrIn6>,
    un: Option<SockAddrUn>,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ll: Option<SockAddrLl>,
    text: String,
}

fn views(a: &SockAddr) -> Views {
    Views {
        family: a.family(),
        len: a.len(),
        bytes: a.as_bytes().to_vec(),
        in4: a.as_in(),
        in6: a.as_in6(),
        un: a.as_un(),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        ll: a.as_ll(),
        text: a.to_string(),
    }
}

/// The fills past the length: under Miri, uninitialised memory (any read of it is an error, and
/// Miri reports it); natively, where such a read goes unnoticed, also two garbage patterns, which
/// must not change any view.
fn fills() -> &'static [Option<u8>] {
    if cfg!(miri) {
        &[None]
    } else {
        &[None, Some(0x00), Some(0xff)]
    }
}

#[test]
fn every_family_every_length_reads_only_len() {
    for case in cases() {
        for len in 0..=130usize {
            let src = &case.bytes[..len.min(STORAGE_LEN)];
            let results: Vec<_> = fills()
                .iter()
                .map(|&fill| SockAddr::from_storage(&storage(src, fill), len as socklen_t))
                .collect();
            let what = format!("{} len {len}", case.name);
            if len > STORAGE_LEN {
                for r in &results {
                    assert!(matches!(r, Err(Error::InvalidInput { .. })), "{what}: {r:?}");
                }
                continue;
            }
            // from_raw_parts from a buffer of exactly `len` bytes: a read past it is out of
            // bounds (Miri reports it).
            let exact: Box<[u8]> = src.into();
            // SAFETY: `exact` is readable for its `len <= STORAGE_LEN` bytes.
            let raw = unsafe { SockAddr::from_raw_parts(exact.as_ptr(), exact.len()) };
            assert_eq!(raw.as_bytes(), src, "{what}");
            match &results[0] {
                Ok(first) => {
                    let first_views = views(first);
                    assert_eq!(first, &raw, "{what}");
                    assert_eq!(hash(first), hash(&raw), "{what}");
                    for r in &results[1..] {
                        let a = r.as_ref().unwrap_or_else(|e| panic!("{what}: {e:?}"));
                        assert_eq!(a, &raw, "{what}");
                        assert_eq!(hash(a), hash(&raw), "{what}");
                        assert_eq!(views(a), first_views, "{what}");
                    }
                    check_views(first, &case, len);
                }
                Err(e) => {
                    for r in &results {
                        assert_eq!(
                            r.as_ref().map(|_| ()).unwrap_err().to_string(),
                            e.to_string(),
                            "{what}"
                        );
                    }
                    assert!(
                        matches!(e, Error::ShortAddr { len: l, .. } if *l == len)
                            || (case.name.starts_with("unix")
                                && matches!(e, Error::InvalidInput { .. })),
                        "{what}: {e:?}"
                    );
                }
            }
        }
    }
}

/// What each family's views must say for a `len`-byte prefix of the case.
fn check_views(a: &SockAddr, case: &Case, len: usize) {
    let what = format!("{} len {len}", case.name);
    assert_eq!(a.len(), len, "{what}");
    assert!(format!("{a:?}").starts_with("SockAddr { family: "), "{what}");
    if len == 0 {
        assert!(a.is_empty());
        assert_eq!(a.family(), Domain::UNSPEC);
        assert_eq!(a.to_string(), "(unnamed)");
        assert!(a.as_un().is_none() && a.as_in().is_none() && a.as_socket().is_none());
        return;
    }
    match case.name {
        "inet" => {
            let sin = a.as_in().unwrap();
            assert_eq!((sin.ip(), sin.port()), (Ipv4Addr::new(192, 0, 2, 1), 8080), "{what}");
            assert_eq!(a.to_string(), "192.0.2.1:8080");
        }
        "inet6" => {
            let sin6 = a.as_in6().unwrap();
            assert_eq!((sin6.port(), sin6.flowinfo(), sin6.scope_id()), (53, 7, 3), "{what}");
            assert_eq!(a.to_string(), "[::1%3]:53");
        }
        "unix-path" => {
            let un = a.as_un().unwrap();
            let path = &case.bytes[2..len.min(mem::size_of::<c::sockaddr_un>())];
            if path.is_empty() {
                assert!(un.is_unnamed(), "{what}");
            } else {
                assert_eq!(un.to_string().as_bytes(), path, "{what}");
            }
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        "unix-abstract" => {
            let un = a.as_un().unwrap();
            if len == 2 {
                assert!(un.is_unnamed(), "{what}");
            } else {
                let end = len.min(mem::size_of::<c::sockaddr_un>());
                assert_eq!(un.abstract_name(), Some(&case.bytes[3..end]), "{what}");
            }
        }
        "unix-unnamed" if len == 2 => assert!(a.as_un().unwrap().is_unnamed(), "{what}"),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        "packet" => {
            let ll = a.as_ll();
            // Complete once the 6 bytes sll_halen announces are there.
            assert_eq!(ll.is_some(), len >= 12 + 6, "{what}");
            if let Some(ll) = ll {
                assert_eq!(ll.ifindex(), 2);
                assert_eq!(ll.addr(), Some(crate::ether::MacAddr::BROADCAST));
            }
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        "packet-halen-2" => {
            let ll = a.as_ll();
            assert_eq!(ll.is_some(), len >= 12 + 2, "{what}");
            if let Some(ll) = ll {
                assert_eq!(ll.addr_bytes(), &[0xff, 0xff]);
            }
        }
        "unknown" => {
            assert_eq!(a.family(), Domain::from_raw(77));
            assert!(a.as_in().is_none() && a.as_in6().is_none() && a.as_un().is_none());
            assert_eq!(a.to_string(), format!("(Domain(77), {len} bytes)"), "{what}");
        }
        _ => {}
    }
}

#[test]
fn try_init_zeroes_and_clamps() {
    let sin = SockAddr::from(SockAddrIn::new(Ipv4Addr::LOCALHOST, 9));
    for reported in [0, 2, 16, 128, 129, 1000, socklen_t::MAX] {
        // SAFETY: the closure writes nothing: a call that only reports a length.
        let ((), a) = unsafe {
            SockAddr::try_init(|_, len| {
                *len = reported;
                Ok(())
            })
        }
        .unwrap();
        // The storage started zeroed, so its family is AF_UNSPEC: no address at all.
        assert!(a.is_empty(), "reported {reported}: {a:?}");
        let _ = views(&a);
        if usize::try_from(reported).is_ok_and(|n| n >= 16) {
            // SAFETY: the closure writes 16 bytes into the 128-byte storage.
            let ((), a) = unsafe {
                SockAddr::try_init(|p, len| {
                    std::ptr::copy_nonoverlapping(sin.as_bytes().as_ptr(), p.cast::<u8>(), 16);
                    *len = reported;
                    Ok(())
                })
            }
            .unwrap();
            let want = usize::try_from(reported).map_or(STORAGE_LEN, |n| n.min(STORAGE_LEN));
            assert_eq!(a.len(), want, "clamped to the storage");
            assert!(a.as_bytes()[16..].iter().all(|&b| b == 0), "unwritten bytes read as zero");
            let _ = views(&a);
        }
    }
    #[cfg(windows)]
    {
        // SAFETY: as above.
        let ((), a) = unsafe {
            SockAddr::try_init(|_, len| {
                *len = -5;
                Ok(())
            })
        }
        .unwrap();
        assert!(a.is_empty());
    }
    // A filled address is kept up to the reported length.
    // SAFETY: the closure writes 16 bytes into the 128-byte storage.
    let ((), a) = unsafe {
        SockAddr::try_init(|p, len| {
            std::ptr::copy_nonoverlapping(sin.as_bytes().as_ptr(), p.cast::<u8>(), 16);
            *len = 16;
            Ok(())
        })
    }
    .unwrap();
    assert_eq!(a, sin);
    assert_eq!(a.to_string(), "127.0.0.1:9");
}

#[test]
fn copies_keep_every_byte() {
    // A copy of a SockAddr (a typed copy of its storage) still compares, hashes and prints the
    // same: no byte of the storage is padding that a copy could leave uninitialised.
    for case in cases() {
        for len in [0, 2, 16, 28, 110, 128] {
            if let Ok(a) = SockAddr::from_storage(&storage(&case.bytes[..len], None), len as _) {
                let b = a;
                let c = std::hint::black_box([b; 2])[1];
                assert_eq!(views(&a), views(&c));
                assert_eq!(hash(&a), hash(&c));
            }
        }
    }
}

/// `offsetof(sockaddr_un, sun_path)`, `sizeof(sun_path)` and `sizeof(sockaddr_un)`.
const UN_PATH_OFFSET: usize = std::mem::offset_of!(c::sockaddr_un, sun_path);
const UN_STRUCT_LEN: usize = mem::size_of::<c::sockaddr_un>();
const UN_SUN_PATH_LEN: usize = UN_STRUCT_LEN - UN_PATH_OFFSET;

/// `sun_path` of a `SockAddrUn` as bytes (the whole array: the invariant is that every byte past
/// the name is zero).
fn sun_path(a: &SockAddrUn) -> Vec<u8> {
    a.as_raw().0.sun_path.iter().map(|&c| c as u8).collect()
}

/// Every way back from a `SockAddrUn`: its C struct, `SockAddr` and its storage.
fn un_round_trips(a: &SockAddrUn, what: &str) {
    let (raw, len) = a.as_raw();
    assert_eq!(SockAddrUn::from_raw(raw, len).as_ref().ok(), Some(a), "{what}: from_raw(as_raw)");
    let any = SockAddr::from(*a);
    assert_eq!(any.len(), len as usize, "{what}");
    assert_eq!(any.family(), Domain::UNIX, "{what}");
    assert_eq!(any.as_un().as_ref(), Some(a), "{what}: SockAddr::as_un");
    let (st, st_len) = any.as_raw();
    assert_eq!(st_len, len, "{what}");
    assert_eq!(SockAddr::from_storage(st, st_len).as_ref().ok(), Some(&any), "{what}");
    assert_eq!(any.to_string(), a.to_string(), "{what}");
}

#[test]
fn sockaddr_un_path_length_rules() {
    assert_eq!(SockAddrUn::MAX_PATH_LEN, UN_SUN_PATH_LEN - 1);
    for n in 0..=UN_SUN_PATH_LEN + 1 {
        let path = "p".repeat(n);
        let what = format!("path of {n} bytes");
        match SockAddrUn::new(&path) {
            Ok(a) if n == 0 => {
                assert!(a.is_unnamed(), "{what}");
                assert_eq!(a.as_raw().1 as usize, UN_PATH_OFFSET, "{what}: family only");
                assert_eq!(sun_path(&a), vec![0; UN_SUN_PATH_LEN], "{what}");
                un_round_trips(&a, &what);
            }
            Ok(a) => {
                assert!(n <= SockAddrUn::MAX_PATH_LEN, "{what}: accepted");
                // The path, its NUL, and zeros to the end of sun_path; the NUL is counted.
                assert_eq!(a.as_raw().1 as usize, UN_PATH_OFFSET + n + 1, "{what}");
                let mut want = vec![b'p'; n];
                want.resize(UN_SUN_PATH_LEN, 0);
                assert_eq!(sun_path(&a), want, "{what}");
                assert_eq!(a.path(), Some(std::path::Path::new(&path)), "{what}");
                assert!(!a.is_unnamed(), "{what}");
                un_round_trips(&a, &what);
            }
            Err(e) => {
                assert!(n > SockAddrUn::MAX_PATH_LEN, "{what}: rejected: {e:?}");
                assert!(
                    matches!(e, Error::PathTooLong { len, max } if len == n && max == SockAddrUn::MAX_PATH_LEN),
                    "{what}: {e:?}"
                );
            }
        }
    }
    for (path, pos) in [("\0", 0), ("/tmp/a\0b", 6), ("ab\0", 2)] {
        assert!(
            matches!(SockAddrUn::new(path), Err(Error::PathNul { pos: p }) if p == pos),
            "{path:?}"
        );
    }
    // A NUL past the length limit: the NUL is what is reported (nothing is silently cut).
    let long_with_nul = format!("{}\0", "p".repeat(UN_SUN_PATH_LEN));
    assert!(matches!(SockAddrUn::new(long_with_nul), Err(Error::PathNul { .. })));
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn sockaddr_un_abstract_length_rules() {
    assert_eq!(SockAddrUn::MAX_ABSTRACT_LEN, UN_SUN_PATH_LEN - 1);
    for n in 0..=UN_SUN_PATH_LEN {
        // NULs and high bytes inside the name are part of it.
        let name: Vec<u8> = (0..n).map(|i| [b'n', 0, 0xff][i % 3]).collect();
        let what = format!("abstract name of {n} bytes");
        match SockAddrUn::new_abstract(&name) {
            Ok(a) => {
                assert!(n <= SockAddrUn::MAX_ABSTRACT_LEN, "{what}: accepted");
                // Leading NUL, the name, no terminator counted.
                assert_eq!(a.as_raw().1 as usize, UN_PATH_OFFSET + 1 + n, "{what}");
                let mut want = vec![0];
                want.extend_from_slice(&name);
                want.resize(UN_SUN_PATH_LEN, 0);
                assert_eq!(sun_path(&a), want, "{what}");
                assert_eq!(a.abstract_name(), Some(&name[..]), "{what}");
                assert!(a.path().is_none() && !a.is_unnamed(), "{what}");
                un_round_trips(&a, &what);
            }
            Err(e) => {
                assert!(n > SockAddrUn::MAX_ABSTRACT_LEN, "{what}: rejected: {e:?}");
                assert!(matches!(e, Error::PathTooLong { len, .. } if len == n), "{what}: {e:?}");
            }
        }
    }
}

#[test]
fn sockaddr_un_from_raw_lengths() {
    // A path filling all of sun_path, no NUL anywhere: what Linux returns for a socket bound
    // with such a path, with a length one past the struct (unix(7), BUGS).
    let mut full = *SockAddrUn::unnamed().as_raw().0;
    for c in full.sun_path.iter_mut() {
        *c = b'f' as _;
    }
    for len in 0..=UN_STRUCT_LEN + 2 {
        let what = format!("full sun_path, len {len}");
        let r = SockAddrUn::from_raw(&full, len as socklen_t);
        match len {
            l if l < UN_PATH_OFFSET => {
                assert!(matches!(r, Err(Error::ShortAddr { .. })), "{what}: {r:?}")
            }
            l if l == UN_PATH_OFFSET => assert!(r.unwrap().is_unnamed(), "{what}"),
            l if l <= UN_STRUCT_LEN + 1 => {
                let a = r.unwrap_or_else(|e| panic!("{what}: {e:?}"));
                let n = (l - UN_PATH_OFFSET).min(UN_SUN_PATH_LEN);
                assert_eq!(a.to_string(), "f".repeat(n), "{what}");
                // Only a full path is stored without its NUL.
                let counted = if n == UN_SUN_PATH_LEN { n } else { n + 1 };
                assert_eq!(a.as_raw().1 as usize, UN_PATH_OFFSET + counted, "{what}");
                un_round_trips(&a, &what);
            }
            _ => assert!(matches!(r, Err(Error::InvalidInput { .. })), "{what}: {r:?}"),
        }
    }
    // One past the struct is accepted only for a full path: a shorter one is a bad length.
    let short = *SockAddrUn::new("/tmp/s").unwrap().as_raw().0;
    assert!(matches!(
        SockAddrUn::from_raw(&short, (UN_STRUCT_LEN + 1) as socklen_t),
        Err(Error::InvalidInput { .. })
    ));
    assert!(SockAddrUn::from_raw(&short, socklen_t::MAX).is_err());
    // The path ends at its first NUL, whatever the length says.
    for len in UN_PATH_OFFSET + 6..=UN_STRUCT_LEN {
        let a = SockAddrUn::from_raw(&short, len as socklen_t).unwrap();
        assert_eq!(a.to_string(), "/tmp/s", "len {len}");
        assert_eq!(a.as_raw().1 as usize, UN_PATH_OFFSET + 7, "len {len}");
    }
    // Another family is refused, whatever the length.
    let mut other = short;
    other.sun_family = c::AF_INET as sa_family_t;
    assert!(matches!(
        SockAddrUn::from_raw(&other, UN_STRUCT_LEN as socklen_t),
        Err(Error::WrongFamily { expected: "AF_UNIX", .. })
    ));
}

#[test]
fn inet_from_raw_as_raw_round_trip() {
    for (ip, port) in [(Ipv4Addr::UNSPECIFIED, 0), (Ipv4Addr::new(192, 0, 2, 1), 65535)] {
        let a = SockAddrIn::new(ip, port);
        assert_eq!(SockAddrIn::from_raw(a.as_raw()).ok(), Some(a));
        assert_eq!(a.as_raw().sin_port, crate::byteorder::htons(port), "network order");
        let any = SockAddr::from(a);
        assert_eq!(any.len(), mem::size_of::<c::sockaddr_in>());
        assert_eq!(any.as_in(), Some(a));
        let (st, len) = any.as_raw();
        assert_eq!(SockAddr::from_storage(st, len).ok(), Some(any));
        assert_eq!(any.raw_len(), len);
        // SAFETY: as_ptr points at the address's storage, which starts with a sockaddr.
        assert_eq!(i32::from(unsafe { (*any.as_ptr()).sa_family }), c::AF_INET);
        let mut wrong = *a.as_raw();
        wrong.sin_family = c::AF_INET6 as sa_family_t;
        assert!(matches!(SockAddrIn::from_raw(&wrong), Err(Error::WrongFamily { .. })));
    }
    for (ip, port, flow, scope) in
        [(Ipv6Addr::UNSPECIFIED, 0, 0, 0), (Ipv6Addr::LOCALHOST, 1, u32::MAX, 9)]
    {
        let a = SockAddrIn6::new(ip, port, flow, scope);
        assert_eq!(SockAddrIn6::from_raw(a.as_raw()).ok(), Some(a));
        let any = SockAddr::from(a);
        assert_eq!(any.len(), mem::size_of::<c::sockaddr_in6>());
        assert_eq!(any.as_in6(), Some(a));
        assert_eq!((a.flowinfo(), a.scope_id()), (flow, scope));
        let (st, len) = any.as_raw();
        assert_eq!(SockAddr::from_storage(st, len).ok(), Some(any));
        let mut wrong = *a.as_raw();
        wrong.sin6_family = c::AF_INET as sa_family_t;
        assert!(matches!(SockAddrIn6::from_raw(&wrong), Err(Error::WrongFamily { .. })));
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn link_from_raw_as_raw_round_trip() {
    use crate::ether::MacAddr;
    use crate::types::EtherType;
    let a = SockAddrLl::new(7, EtherType::ARP, MacAddr::new([1, 2, 3, 4, 5, 6]))
        .with_pkttype(crate::addr::PacketType::OTHERHOST)
        .with_hatype(1);
    assert_eq!(SockAddrLl::from_raw(a.as_raw()).ok(), Some(a));
    let any = SockAddr::from(a);
    assert_eq!(any.as_ll(), Some(a));
    let (st, len) = any.as_raw();
    assert_eq!(SockAddr::from_storage(st, len).ok(), Some(any));
    // sll_halen: every value up to the 8 bytes of sll_addr; the bytes past it are dropped.
    for halen in 0..=8u8 {
        let mut raw = *a.as_raw();
        raw.sll_halen = halen;
        raw.sll_addr = [0xaa; 8];
        let b = SockAddrLl::from_raw(&raw).unwrap();
        assert_eq!(b.addr_bytes(), &[0xaa; 8][..usize::from(halen)]);
        assert_eq!(b.as_raw().sll_addr[usize::from(halen)..], [0; 8][usize::from(halen)..]);
        assert_eq!(SockAddr::from(b).as_ll(), Some(b));
    }
    let mut raw = *a.as_raw();
    raw.sll_halen = 9;
    assert!(matches!(SockAddrLl::from_raw(&raw), Err(Error::InvalidInput { .. })));
    raw.sll_halen = 6;
    raw.sll_family = c::AF_INET as sa_family_t;
    assert!(matches!(SockAddrLl::from_raw(&raw), Err(Error::WrongFamily { .. })));
}

#[test]
fn inet_types_hash_as_they_compare_and_debug_print_every_field() {
    let a = SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 1), 80);
    let b = SockAddrIn::from_raw(a.as_raw()).unwrap();
    let h = |x: &dyn Fn(&mut DefaultHasher)| {
        let mut s = DefaultHasher::new();
        x(&mut s);
        s.finish()
    };
    assert_eq!(h(&|s| a.hash(s)), h(&|s| b.hash(s)));
    assert_ne!(a, SockAddrIn::new(Ipv4Addr::new(192, 0, 2, 1), 81));
    let c = SockAddrIn6::new(Ipv6Addr::LOCALHOST, 443, 5, 2);
    let d = SockAddrIn6::from_raw(c.as_raw()).unwrap();
    assert_eq!(h(&|s| c.hash(s)), h(&|s| d.hash(s)));
    // Equality covers every field: flow information and scope included.
    assert_ne!(c, SockAddrIn6::new(Ipv6Addr::LOCALHOST, 443, 6, 2));
    assert_ne!(c, SockAddrIn6::new(Ipv6Addr::LOCALHOST, 443, 5, 3));
    assert_eq!(format!("{c:?}"), "SockAddrIn6 { ip: ::1, port: 443, flowinfo: 5, scope_id: 2 }");
    assert_eq!(c.to_string(), "[::1%2]:443");
}

//! Socket addresses: every family type against hand-filled libc structs, std and socket2
//! conversions, `SockAddr::from_storage` trusting only the length, and every error path.
//!
//! Linux only: the oracle is glibc's own structs, filled by hand through `libc` (and the
//! kernel's `getsockname` for UNIX names). On Windows the address types are covered by their doc
//! tests and by tests/socket.rs and tests/windows.rs (real Winsock round trips).
#![cfg(target_os = "linux")]

use std::mem;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::unix::net::{SocketAddr as UnixSocketAddr, UnixDatagram, UnixListener};
use std::path::{Path, PathBuf};

use berkeley::addr::PacketType;
use berkeley::{
    Domain, Error, EtherType, MacAddr, SockAddr, SockAddrIn, SockAddrIn6, SockAddrLl, SockAddrUn,
};
use proptest::prelude::*;

/// The bytes of a plain-old-data C struct.
fn bytes_of<T>(t: &T) -> &[u8] {
    // SAFETY: only used on libc sockaddr structs, which have no padding bytes (checked by the
    // size assertions in each test) and are readable for their size.
    unsafe { std::slice::from_raw_parts((t as *const T).cast::<u8>(), mem::size_of::<T>()) }
}

fn zeroed<T>() -> T {
    // SAFETY: only used on libc sockaddr structs, for which all-zero is valid.
    unsafe { mem::zeroed() }
}

/// A `sockaddr_storage` whose first bytes are `bytes` and the rest `fill`.
fn storage(bytes: &[u8], fill: u8) -> libc::sockaddr_storage {
    let mut s: libc::sockaddr_storage = zeroed();
    // SAFETY: storage is 128 bytes of plain old data; bytes.len() <= 128 is asserted.
    let dst = unsafe {
        std::slice::from_raw_parts_mut((&mut s as *mut libc::sockaddr_storage).cast::<u8>(), 128)
    };
    assert!(bytes.len() <= 128);
    dst.fill(fill);
    dst[..bytes.len()].copy_from_slice(bytes);
    s
}

fn tmp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("berkeley-addr-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sun(path: &[u8], len: usize) -> libc::sockaddr_un {
    let mut raw: libc::sockaddr_un = zeroed();
    raw.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, &s) in raw.sun_path.iter_mut().zip(path) {
        *d = s as libc::c_char;
    }
    assert!(len <= mem::size_of::<libc::sockaddr_un>());
    raw
}

// ---- AF_INET ----

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sockaddr_in_matches_hand_filled_struct(ip in any::<u32>(), port in any::<u16>()) {
        let ip = Ipv4Addr::from(ip);
        let mut c: libc::sockaddr_in = zeroed();
        c.sin_family = libc::AF_INET as libc::sa_family_t;
        c.sin_port = port.to_be();
        c.sin_addr.s_addr = u32::from(ip).to_be();

        let ours = SockAddrIn::new(ip, port);
        prop_assert_eq!(bytes_of(ours.as_raw()), bytes_of(&c));
        let any = SockAddr::from(ours);
        prop_assert_eq!(any.as_bytes(), bytes_of(&c));
        prop_assert_eq!(any.family(), Domain::INET);
        prop_assert_eq!(SockAddrIn::from_raw(&c).unwrap(), ours);
        prop_assert_eq!(SockAddrIn::try_from(any).unwrap(), ours);
        prop_assert_eq!((ours.ip(), ours.port()), (ip, port));

        // std both ways, and socket2 byte for byte.
        let std = SocketAddrV4::new(ip, port);
        prop_assert_eq!(SockAddrIn::from(std), ours);
        prop_assert_eq!(SocketAddrV4::from(ours), std);
        prop_assert_eq!(SockAddr::from(SocketAddr::V4(std)), any);
        prop_assert_eq!(any.as_socket(), Some(SocketAddr::V4(std)));
        prop_assert_eq!(SocketAddr::try_from(any).unwrap(), SocketAddr::V4(std));
        let s2 = socket2::SockAddr::from(std);
        prop_assert_eq!(any.as_bytes(), s2.as_storage_bytes());
        prop_assert_eq!(any.to_string(), std.to_string());
        prop_assert_eq!(ours.to_string(), std.to_string());

        // From storage, with garbage past the length.
        let st = storage(bytes_of(&c), 0xa5);
        let back = SockAddr::from_storage(&st, 16).unwrap();
        prop_assert_eq!(back, any);
        prop_assert_eq!(back.as_in(), Some(ours));
    }

    #[test]
    fn sockaddr_in6_matches_hand_filled_struct(
        ip in any::<u128>(), port in any::<u16>(), flowinfo in any::<u32>(), scope_id in any::<u32>(),
    ) {
        let ip = Ipv6Addr::from(ip);
        let mut c: libc::sockaddr_in6 = zeroed();
        c.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        c.sin6_port = port.to_be();
        // flowinfo is the raw sin6_flowinfo field, as in std and socket2: stored unswapped.
        c.sin6_flowinfo = flowinfo;
        c.sin6_addr.s6_addr = ip.octets();
        c.sin6_scope_id = scope_id;

        let ours = SockAddrIn6::new(ip, port, flowinfo, scope_id);
        prop_assert_eq!(bytes_of(ours.as_raw()), bytes_of(&c));
        let any = SockAddr::from(ours);
        prop_assert_eq!(any.as_bytes(), bytes_of(&c));
        prop_assert_eq!(SockAddrIn6::from_raw(&c).unwrap(), ours);
        prop_assert_eq!(SockAddrIn6::try_from(any).unwrap(), ours);
        prop_assert_eq!((ours.ip(), ours.port(), ours.flowinfo(), ours.scope_id()), (ip, port, flowinfo, scope_id));

        let st = storage(bytes_of(&c), 0x5a);
        prop_assert_eq!(SockAddr::from_storage(&st, 28).unwrap().as_in6(), Some(ours));
    }

    /// `SockAddrIn6::new` has std's signature and std's meaning: the same four arguments give
    /// the same bytes as std and socket2, and every getter agrees, in both directions.
    #[test]
    fn sockaddr_in6_agrees_with_std_and_socket2(
        ip in any::<u128>(), port in any::<u16>(), flowinfo in any::<u32>(), scope_id in any::<u32>(),
    ) {
        let ip = Ipv6Addr::from(ip);
        let std = SocketAddrV6::new(ip, port, flowinfo, scope_id);
        let ours = SockAddrIn6::new(ip, port, flowinfo, scope_id);
        let s2 = socket2::SockAddr::from(std);
        let (any_ours, any_std) = (SockAddr::from(ours), SockAddr::from(std));
        prop_assert_eq!(any_ours.as_bytes(), s2.as_storage_bytes());
        prop_assert_eq!(any_std.as_bytes(), s2.as_storage_bytes());
        prop_assert_eq!(ours.flowinfo(), std.flowinfo());
        prop_assert_eq!(ours.flowinfo(), s2.as_socket_ipv6().unwrap().flowinfo());
        prop_assert_eq!(SockAddrIn6::from(std), ours);
        prop_assert_eq!(SockAddrIn6::from(std).flowinfo(), flowinfo);
        prop_assert_eq!(SocketAddrV6::from(ours), std);
        prop_assert_eq!(SockAddr::from(ours).as_socket(), Some(SocketAddr::V6(std)));
        // Rebuilding from the getters is the identity, whichever type the getters came from.
        let again = SockAddrIn6::new(std.ip().to_owned(), std.port(), std.flowinfo(), std.scope_id());
        prop_assert_eq!(again, ours);
        let back = SocketAddrV6::new(ours.ip(), ours.port(), ours.flowinfo(), ours.scope_id());
        prop_assert_eq!(back, std);
    }
}

/// The reported bug: `std_addr.flowinfo()` of 1 must stay 1, not become 16777216.
#[test]
fn sockaddr_in6_flowinfo_is_std_flowinfo() {
    for flowinfo in [0, 1, 0x12345, 0x000f_ffff, 0x0100_0000, u32::MAX] {
        let std = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 80, flowinfo, 0);
        let ours = SockAddrIn6::new(*std.ip(), std.port(), std.flowinfo(), std.scope_id());
        assert_eq!(ours.flowinfo(), flowinfo);
        assert_eq!(SocketAddrV6::from(ours).flowinfo(), flowinfo);
        assert_eq!(SockAddrIn6::from(std).flowinfo(), flowinfo);
        assert_eq!(ours.as_raw().sin6_flowinfo, flowinfo);
        assert_eq!(SockAddr::from(ours), SockAddr::from(std));
    }
}

mod glibc {
    use libc::{c_char, c_int, c_void, socklen_t};
    extern "C" {
        pub fn inet_ntop(
            af: c_int,
            src: *const c_void,
            dst: *mut c_char,
            size: socklen_t,
        ) -> *const c_char;
    }
}

/// glibc's `inet_ntop`, the oracle for every address text.
fn glibc_ntop(family: i32, bytes: &[u8]) -> String {
    let mut buf = [0 as libc::c_char; 64];
    // SAFETY: `bytes` holds an in_addr (4 bytes) or in6_addr (16 bytes) as `family` says, and
    // `buf` is writable for its 64 bytes (more than INET6_ADDRSTRLEN).
    let p = unsafe {
        glibc::inet_ntop(
            family,
            bytes.as_ptr().cast(),
            buf.as_mut_ptr(),
            buf.len() as libc::socklen_t,
        )
    };
    assert!(!p.is_null());
    // SAFETY: inet_ntop succeeded and wrote a NUL-terminated string into buf.
    unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_owned()
}

/// IPv6 addresses with the shapes the formatter treats specially: runs of zero groups,
/// IPv4-compatible (`::a.b.c.d`) and IPv4-mapped (`::ffff:a.b.c.d`) forms, and random ones.
fn ipv6_shapes() -> impl Strategy<Value = Ipv6Addr> {
    prop_oneof![
        any::<u128>().prop_map(Ipv6Addr::from),
        any::<u32>().prop_map(|v| Ipv6Addr::from(u128::from(v))),
        any::<u32>().prop_map(|v| Ipv6Addr::from(0xffff_0000_0000 | u128::from(v))),
        any::<[u16; 8]>().prop_map(|g| Ipv6Addr::from(g.map(|x| if x % 3 == 0 {
            0
        } else {
            x % 5
        }))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Socket addresses print their IP exactly as glibc's inet_ntop does.
    #[test]
    fn display_matches_glibc_inet_ntop(
        ip6 in ipv6_shapes(), ip4 in any::<u32>(), port in any::<u16>(),
        scope_id in prop_oneof![Just(0u32), any::<u32>()],
    ) {
        let want6 = glibc_ntop(libc::AF_INET6, &ip6.octets());
        let a6 = SockAddrIn6::new(ip6, port, 0, scope_id);
        let expect = if scope_id == 0 {
            format!("[{want6}]:{port}")
        } else {
            format!("[{want6}%{scope_id}]:{port}")
        };
        prop_assert_eq!(a6.to_string(), expect.clone());
        prop_assert_eq!(SockAddr::from(a6).to_string(), expect.clone());
        prop_assert_eq!(format!("{:>70}", a6), format!("{:>70}", expect));

        let ip4 = Ipv4Addr::from(ip4);
        let want4 = glibc_ntop(libc::AF_INET, &ip4.octets());
        let a4 = SockAddrIn::new(ip4, port);
        prop_assert_eq!(a4.to_string(), format!("{want4}:{port}"));
        prop_assert_eq!(SockAddr::from(a4).to_string(), format!("{want4}:{port}"));
        prop_assert_eq!(format!("{:<25}|", a4), format!("{:<25}|", format!("{want4}:{port}")));
    }
}

/// The reported case: std prints `[::102:304]:80`; glibc and berkeley print `[::1.2.3.4]:80`.
#[test]
fn display_ipv4_compatible_like_glibc() {
    let ip: Ipv6Addr = "::1.2.3.4".parse().unwrap();
    assert_eq!(SockAddrIn6::new(ip, 80, 0, 0).to_string(), "[::1.2.3.4]:80");
    assert_eq!(SockAddr::from(SocketAddrV6::new(ip, 80, 0, 0)).to_string(), "[::1.2.3.4]:80");
    assert_eq!(glibc_ntop(libc::AF_INET6, &ip.octets()), "::1.2.3.4");
    let mapped: Ipv6Addr = "::ffff:10.0.0.1".parse().unwrap();
    assert_eq!(SockAddrIn6::new(mapped, 1, 0, 5).to_string(), "[::ffff:10.0.0.1%5]:1");
}

trait StorageBytes {
    fn as_storage_bytes(&self) -> &[u8];
}

impl StorageBytes for socket2::SockAddr {
    fn as_storage_bytes(&self) -> &[u8] {
        // SAFETY: socket2 keeps a full sockaddr_storage; len() <= 128 bytes of it are the address.
        unsafe { std::slice::from_raw_parts(self.as_ptr().cast::<u8>(), self.len() as usize) }
    }
}

#[test]
fn inet_display_strings() {
    let a = SockAddr::from("192.0.2.1:443".parse::<SocketAddr>().unwrap());
    assert_eq!(a.to_string(), "192.0.2.1:443");
    let b = SockAddr::from(SockAddrIn6::new("fe80::1".parse().unwrap(), 22, 0, 3));
    assert_eq!(b.to_string(), "[fe80::1%3]:22");
    assert_eq!(SockAddr::empty().to_string(), "(unnamed)");
    assert_eq!(
        format!("{:?}", SockAddrIn::new(Ipv4Addr::LOCALHOST, 1)),
        "SockAddrIn { ip: 127.0.0.1, port: 1 }"
    );
}

// ---- AF_UNIX ----

/// A path of `n` bytes under /tmp, none of them NUL.
fn tmp_path_of_len(n: usize) -> Vec<u8> {
    let mut p = b"/tmp/".to_vec();
    p.resize(n.max(5), b'p');
    p.truncate(n);
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sockaddr_un_pathname_matches_hand_filled_struct(
        path in prop::collection::vec(1u8..=255, 1..=SockAddrUn::MAX_PATH_LEN),
    ) {
        use std::os::unix::ffi::OsStrExt;
        let len = 2 + path.len() + 1;
        let c = sun(&path, len);
        let ours = SockAddrUn::new(std::ffi::OsStr::from_bytes(&path)).unwrap();
        let (raw, rlen) = ours.as_raw();
        prop_assert_eq!(bytes_of(raw), bytes_of(&c));
        prop_assert_eq!(rlen as usize, len);
        prop_assert_eq!(ours.path().unwrap().as_os_str().as_bytes(), &path[..]);
        let any = SockAddr::from(ours);
        prop_assert_eq!(any.as_bytes(), &bytes_of(&c)[..len]);
        prop_assert_eq!(any.family(), Domain::UNIX);
        prop_assert_eq!(any.as_un(), Some(ours));
        prop_assert_eq!(SockAddrUn::try_from(any).unwrap(), ours);

        // The kernel's forms: with the NUL, without it, the whole struct.
        prop_assert_eq!(SockAddrUn::from_raw(&c, len as u32).unwrap(), ours);
        prop_assert_eq!(SockAddrUn::from_raw(&c, len as u32 - 1).unwrap(), ours);
        prop_assert_eq!(SockAddrUn::from_raw(&c, 110).unwrap(), ours);
        // Bytes past the length are never read.
        let mut dirty = c;
        for b in dirty.sun_path[path.len()..].iter_mut() {
            *b = 0x41;
        }
        prop_assert_eq!(SockAddrUn::from_raw(&dirty, len as u32 - 1).unwrap(), ours);
        prop_assert_eq!(SockAddr::from_storage(&storage(&bytes_of(&dirty)[..len - 1], 0x41), len as u32 - 1).unwrap().as_un(), Some(ours));

        // std both ways.
        let std = UnixSocketAddr::from_pathname(std::ffi::OsStr::from_bytes(&path)).unwrap();
        prop_assert_eq!(SockAddrUn::from(&std), ours);
        let back = UnixSocketAddr::try_from(ours).unwrap();
        prop_assert_eq!(back.as_pathname(), std.as_pathname());
        prop_assert_eq!(SockAddr::from(std), any);
    }

    #[test]
    fn sockaddr_un_abstract_matches_hand_filled_struct(
        name in prop::collection::vec(any::<u8>(), 0..=SockAddrUn::MAX_ABSTRACT_LEN),
    ) {
        use std::os::linux::net::SocketAddrExt;
        let len = 2 + 1 + name.len();
        let mut path = vec![0u8];
        path.extend_from_slice(&name);
        let c = sun(&path, len);
        let ours = SockAddrUn::new_abstract(&name).unwrap();
        let (raw, rlen) = ours.as_raw();
        prop_assert_eq!(bytes_of(raw), bytes_of(&c));
        prop_assert_eq!(rlen as usize, len);
        prop_assert_eq!(ours.abstract_name(), Some(&name[..]));
        prop_assert!(ours.path().is_none() && !ours.is_unnamed());
        prop_assert_eq!(SockAddrUn::from_raw(&c, len as u32).unwrap(), ours);
        let any = SockAddr::from(ours);
        prop_assert_eq!(any.as_bytes(), &bytes_of(&c)[..len]);
        prop_assert_eq!(any.as_un(), Some(ours));
        prop_assert!(any.to_string().starts_with('@'));

        let std = UnixSocketAddr::from_abstract_name(&name).unwrap();
        prop_assert_eq!(SockAddrUn::from(&std), ours);
        let back = UnixSocketAddr::try_from(ours).unwrap();
        prop_assert_eq!(back.as_abstract_name(), Some(&name[..]));
    }
}

#[test]
fn unix_path_length_boundary() {
    assert_eq!(SockAddrUn::MAX_PATH_LEN, 107);
    let max = String::from_utf8(tmp_path_of_len(107)).unwrap();
    let a = SockAddrUn::new(&max).unwrap();
    assert_eq!(a.as_raw().1, 110);
    assert_eq!(a.path(), Some(Path::new(&max)));
    let over = format!("{max}x");
    let err = SockAddrUn::new(&over).unwrap_err();
    assert!(matches!(err, Error::PathTooLong { len: 108, max: 107 }), "{err:?}");
    assert_eq!(err.to_string(), "UNIX socket path is 108 bytes; at most 107 fit in sun_path");

    assert_eq!(SockAddrUn::MAX_ABSTRACT_LEN, 107);
    assert_eq!(SockAddrUn::new_abstract(&[7; 107]).unwrap().as_raw().1, 110);
    assert!(matches!(
        SockAddrUn::new_abstract(&[7; 108]),
        Err(Error::PathTooLong { len: 108, max: 107 })
    ));
}

#[test]
fn unix_interior_nul() {
    for (p, pos) in [("\0", 0), ("/tmp/a\0b", 6), ("abc\0", 3)] {
        let err = SockAddrUn::new(p).unwrap_err();
        assert!(matches!(err, Error::PathNul { pos: q } if q == pos), "{p:?}: {err:?}");
    }
    // The NUL check comes first: a long path with a NUL reports the NUL.
    let long = format!("{}\0", "x".repeat(200));
    assert!(matches!(SockAddrUn::new(long), Err(Error::PathNul { pos: 200 })));
}

#[test]
fn unix_unnamed_and_empty_path() {
    let u = SockAddrUn::unnamed();
    assert_eq!(SockAddrUn::new("").unwrap(), u);
    assert_eq!(u.as_raw().1, 2);
    assert!(u.is_unnamed() && u.path().is_none() && u.abstract_name().is_none());
    assert_eq!(SockAddr::from(u).to_string(), "(unnamed)");
    assert_eq!(format!("{u:?}"), "SockAddrUn(unnamed)");
    assert_eq!(SockAddrUn::from_raw(&sun(b"", 2), 2).unwrap(), u);
    assert!(matches!(
        UnixSocketAddr::try_from(u),
        Err(Error::InvalidInput { what: "std cannot represent an unnamed UNIX address", .. })
    ));
    // A socketpair peer is unnamed, as std and the kernel report it.
    let (a, _b) = UnixDatagram::pair().unwrap();
    assert_eq!(SockAddrUn::from(a.peer_addr().unwrap()), u);
}

#[test]
fn unix_display_and_debug() {
    let a = SockAddrUn::new_abstract(b"a\\b\x01\xff ok").unwrap();
    assert_eq!(SockAddr::from(a).to_string(), r"@a\\b\x01\xff ok");
    assert_eq!(format!("{a:?}"), r#"SockAddrUn { abstract: "a\\b\x01\xff ok", len: 11 }"#);
    let p = SockAddrUn::new("/tmp/x").unwrap();
    assert_eq!(SockAddr::from(p).to_string(), "/tmp/x");
    assert_eq!(format!("{p:?}"), r#"SockAddrUn { path: "/tmp/x", len: 9 }"#);
    assert_eq!(SockAddr::from(SockAddrUn::new_abstract(b"").unwrap()).to_string(), "@");
}

#[test]
fn unix_from_raw_errors() {
    let c = sun(b"/tmp/x", 9);
    assert!(matches!(
        SockAddrUn::from_raw(&c, 111),
        Err(Error::InvalidInput { what: "length exceeds sizeof(struct sockaddr_un)", .. })
    ));
    assert!(matches!(SockAddrUn::from_raw(&c, u32::MAX), Err(Error::InvalidInput { .. })));
    assert!(matches!(SockAddrUn::from_raw(&c, 1), Err(Error::ShortAddr { len: 1, need: 2, .. })));
    assert!(matches!(SockAddrUn::from_raw(&c, 0), Err(Error::ShortAddr { len: 0, need: 2, .. })));
    let mut wrong = c;
    wrong.sun_family = libc::AF_INET as libc::sa_family_t;
    let err = SockAddrUn::from_raw(&wrong, 9).unwrap_err();
    assert!(
        matches!(err, Error::WrongFamily { expected: "AF_UNIX", found: Domain::INET }),
        "{err:?}"
    );
    let inet = SockAddr::from("1.2.3.4:5".parse::<SocketAddr>().unwrap());
    assert!(matches!(
        SockAddrUn::try_from(inet),
        Err(Error::WrongFamily { expected: "AF_UNIX", found: Domain::INET })
    ));
    assert!(matches!(SockAddrUn::try_from(SockAddr::empty()), Err(Error::WrongFamily { .. })));
}

#[test]
fn unix_kernel_returned_addresses() {
    let dir = tmp_dir("kernel");
    // A pathname, through std: getsockname gives the path back.
    let path = dir.join("s.sock");
    let l = UnixListener::bind(&path).unwrap();
    let got = SockAddrUn::from(l.local_addr().unwrap());
    assert_eq!(got, SockAddrUn::new(&path).unwrap());
    assert_eq!(SockAddr::from(got).to_string(), path.display().to_string());

    // Abstract, through std.
    {
        use std::os::linux::net::SocketAddrExt;
        let name = format!("berkeley-test-{}", std::process::id());
        let std_addr = UnixSocketAddr::from_abstract_name(name.as_bytes()).unwrap();
        let s = UnixDatagram::bind_addr(&std_addr).unwrap();
        let got = SockAddrUn::from(s.local_addr().unwrap());
        assert_eq!(got, SockAddrUn::new_abstract(name.as_bytes()).unwrap());
        assert_eq!(got.to_string(), format!("@{name}"));
    }

    // A 108-byte path, bound with the whole struct as its length: no NUL fits, and getsockname
    // returns it without one. std cannot bind this; berkeley must still read it back.
    let full = tmp_path_of_len(108);
    let c = sun(&full, 110);
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: plain socket calls on a descriptor this test owns; c and out are valid structs.
    unsafe {
        let fd = libc::socket(libc::AF_UNIX, libc::SOCK_DGRAM, 0);
        assert!(fd >= 0);
        let _ = std::fs::remove_file(std::ffi::OsStr::from_bytes(&full));
        let r = libc::bind(fd, (&c as *const libc::sockaddr_un).cast(), 110);
        assert_eq!(r, 0, "bind 108-byte path: {}", std::io::Error::last_os_error());
        let mut out: libc::sockaddr_un = zeroed();
        let mut len = mem::size_of::<libc::sockaddr_un>() as libc::socklen_t;
        assert_eq!(libc::getsockname(fd, (&mut out as *mut libc::sockaddr_un).cast(), &mut len), 0);
        // Linux counts the NUL it appended, which did not fit (unix(7), BUGS).
        assert_eq!(len, 111);
        // Into a sockaddr_storage, the NUL fits.
        let mut st: libc::sockaddr_storage = zeroed();
        let mut st_len = 128 as libc::socklen_t;
        assert_eq!(
            libc::getsockname(fd, (&mut st as *mut libc::sockaddr_storage).cast(), &mut st_len),
            0
        );
        assert_eq!(st_len, 111);
        libc::close(fd);
        let got = SockAddrUn::from_raw(&out, len).unwrap();
        let any = SockAddr::from_storage(&st, st_len).unwrap();
        assert_eq!(any.len(), 111);
        assert_eq!(any.as_un(), Some(got));
        assert_eq!(any.to_string(), String::from_utf8(full.clone()).unwrap());
        // The one-byte allowance is only for that NUL.
        let mut bad = st;
        // SAFETY: byte 110 of a 128-byte storage.
        *(&mut bad as *mut libc::sockaddr_storage).cast::<u8>().add(110) = b'x';
        assert!(matches!(SockAddr::from_storage(&bad, 111), Err(Error::InvalidInput { .. })));
        assert!(matches!(SockAddr::from_storage(&st, 112), Err(Error::InvalidInput { .. })));
        assert!(matches!(SockAddrUn::from_raw(&out, 112), Err(Error::InvalidInput { .. })));
        assert!(matches!(
            SockAddrUn::from_raw(&sun(b"/tmp/x", 9), 111),
            Err(Error::InvalidInput { .. })
        ));
        assert_eq!(got.path().unwrap().as_os_str().as_bytes(), &full[..]);
        assert_eq!(got.as_raw().1, 110);
        assert_eq!(SockAddr::from(got).as_un(), Some(got));
        // std needs room for the NUL.
        assert!(matches!(
            UnixSocketAddr::try_from(got),
            Err(Error::PathTooLong { len: 108, max: 107 })
        ));
        // ...but our own `new` refuses to build it: the NUL must fit.
        assert!(SockAddrUn::new(std::ffi::OsStr::from_bytes(&full)).is_err());
        std::fs::remove_file(std::ffi::OsStr::from_bytes(&full)).unwrap();
    }
    std::fs::remove_dir_all(dir).unwrap();
}

// ---- AF_PACKET ----

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sockaddr_ll_matches_hand_filled_struct(
        ifindex in any::<u32>(), proto in any::<u16>(), mac in any::<[u8; 6]>(),
        hatype in any::<u16>(), pkttype in any::<u8>(),
    ) {
        let mut c: libc::sockaddr_ll = zeroed();
        c.sll_family = libc::AF_PACKET as u16;
        c.sll_protocol = proto.to_be();
        c.sll_ifindex = ifindex as i32;
        c.sll_hatype = hatype;
        c.sll_pkttype = pkttype;
        c.sll_halen = 6;
        c.sll_addr[..6].copy_from_slice(&mac);

        let ours = SockAddrLl::new(ifindex, EtherType::from(proto), MacAddr::new(mac))
            .with_hatype(hatype)
            .with_pkttype(PacketType::from_raw(pkttype));
        prop_assert_eq!(bytes_of(ours.as_raw()), bytes_of(&c));
        prop_assert_eq!(
            (ours.ifindex(), ours.protocol(), ours.hatype(), ours.pkttype(), ours.addr()),
            (ifindex, EtherType::from(proto), hatype, PacketType::from_raw(pkttype), Some(MacAddr::new(mac)))
        );
        prop_assert_eq!(ours.addr_bytes(), &mac[..]);
        prop_assert_eq!(SockAddrLl::from_raw(&c).unwrap(), ours);
        let any = SockAddr::from(ours);
        prop_assert_eq!(any.as_bytes(), bytes_of(&c));
        prop_assert_eq!(any.family(), Domain::PACKET);
        prop_assert_eq!(any.as_ll(), Some(ours));
        prop_assert_eq!(SockAddrLl::try_from(any).unwrap(), ours);
        // The kernel's short form: offsetof(sll_addr) + halen.
        let st = storage(&bytes_of(&c)[..18], 0xee);
        prop_assert_eq!(SockAddr::from_storage(&st, 18).unwrap().as_ll(), Some(ours));
    }

    #[test]
    fn sockaddr_ll_any_halen(halen in 0u8..=8, addr in any::<[u8; 8]>()) {
        let mut c: libc::sockaddr_ll = zeroed();
        c.sll_family = libc::AF_PACKET as u16;
        c.sll_halen = halen;
        c.sll_addr = addr;
        let a = SockAddrLl::from_raw(&c).unwrap();
        prop_assert_eq!(a.addr_bytes(), &addr[..usize::from(halen)]);
        prop_assert_eq!(a.addr().is_some(), halen == 6);
        // Bytes past halen are not part of the address.
        let mut other = c;
        other.sll_addr[usize::from(halen)..].fill(0x77);
        prop_assert_eq!(SockAddrLl::from_raw(&other).unwrap(), a);
        // Through storage, trusting only 12 + halen bytes.
        let n = 12 + usize::from(halen);
        let st = storage(&bytes_of(&c)[..n], 0x99);
        prop_assert_eq!(SockAddr::from_storage(&st, n as u32).unwrap().as_ll(), Some(a));
        if halen > 0 {
            // One byte short of the address: not a complete sockaddr_ll.
            prop_assert_eq!(SockAddr::from_storage(&st, n as u32 - 1).unwrap().as_ll(), None);
        }
    }
}

#[test]
fn packet_errors_and_display() {
    let mut c: libc::sockaddr_ll = zeroed();
    c.sll_family = libc::AF_INET as u16;
    assert!(matches!(
        SockAddrLl::from_raw(&c),
        Err(Error::WrongFamily { expected: "AF_PACKET", found: Domain::INET })
    ));
    c.sll_family = libc::AF_PACKET as u16;
    c.sll_halen = 9;
    assert!(matches!(SockAddrLl::from_raw(&c), Err(Error::InvalidInput { .. })));
    let inet = SockAddr::from("1.2.3.4:5".parse::<SocketAddr>().unwrap());
    assert!(matches!(
        SockAddrLl::try_from(inet),
        Err(Error::WrongFamily { expected: "AF_PACKET", .. })
    ));

    let a = SockAddrLl::new(3, EtherType::IPV6, MacAddr::new([0, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]));
    assert_eq!(SockAddr::from(a).to_string(), "ll(ifindex=3 ETH_P_IPV6 00:1a:2b:3c:4d:5e)");
    c.sll_halen = 0;
    c.sll_protocol = 0x0003u16.to_be();
    c.sll_ifindex = 1;
    assert_eq!(SockAddrLl::from_raw(&c).unwrap().to_string(), "ll(ifindex=1 ETH_P_ALL)");
    assert_eq!(
        format!("{a:?}"),
        "SockAddrLl { ifindex: 3, protocol: ETH_P_IPV6, hatype: 0, pkttype: PACKET_HOST, addr: 00:1a:2b:3c:4d:5e }"
    );
    // halen > 8 (InfiniBand): SockAddr keeps the bytes, as_ll cannot represent it.
    let mut bytes = bytes_of(&c)[..12].to_vec();
    bytes[11] = 20;
    bytes.extend_from_slice(&[0xab; 20]);
    let ib = SockAddr::from_storage(&storage(&bytes, 0), 32).unwrap();
    assert_eq!(ib.as_ll(), None);
    assert_eq!(ib.to_string(), "(AF_PACKET, 32 bytes)");
}

// ---- SockAddr::from_storage ----

#[test]
fn from_storage_short_lengths_per_family() {
    for (family, need) in [
        (libc::AF_INET, 16),
        (libc::AF_INET6, 28),
        (libc::AF_UNIX, 2),
        (libc::AF_PACKET, 12),
        (12345, 2),
    ] {
        let st = storage(&(family as u16).to_ne_bytes(), 0);
        for len in 2..need {
            let err = SockAddr::from_storage(&st, len as u32).unwrap_err();
            assert!(
                matches!(err, Error::ShortAddr { len: l, need: n, .. } if l == len && n == need),
                "family {family} len {len}: {err:?}"
            );
        }
        let ok = SockAddr::from_storage(&st, need as u32).unwrap();
        assert_eq!(ok.family(), Domain::from_raw(family));
        assert_eq!(ok.len(), need);
    }
    let err =
        SockAddr::from_storage(&storage(&(libc::AF_INET as u16).to_ne_bytes(), 0), 8).unwrap_err();
    assert_eq!(
        err.to_string(),
        "socket address of family AF_INET is 8 bytes; at least 16 are needed"
    );
    // One byte cannot even hold the family.
    assert!(matches!(
        SockAddr::from_storage(&storage(&[], 0), 1),
        Err(Error::ShortAddr { family: Domain::UNSPEC, len: 1, need: 2 })
    ));
}

#[test]
fn from_storage_length_beyond_storage() {
    let st = storage(&(libc::AF_INET as u16).to_ne_bytes(), 0);
    assert!(SockAddr::from_storage(&st, 128).is_ok());
    for len in [129, 1000, u32::MAX] {
        assert!(matches!(
            SockAddr::from_storage(&st, len),
            Err(Error::InvalidInput { call: "SockAddr::from_storage", .. })
        ));
    }
    // AF_UNIX: not longer than sockaddr_un.
    let un = storage(&(libc::AF_UNIX as u16).to_ne_bytes(), 0);
    assert!(SockAddr::from_storage(&un, 110).is_ok());
    // ...plus one byte, if it is the NUL Linux counts after a path filling sun_path.
    assert!(SockAddr::from_storage(&un, 111).is_ok());
    assert!(matches!(SockAddr::from_storage(&un, 112), Err(Error::InvalidInput { .. })));
    let un_dirty = storage(&(libc::AF_UNIX as u16).to_ne_bytes(), b'z');
    assert!(SockAddr::from_storage(&un_dirty, 110).is_ok());
    assert!(matches!(SockAddr::from_storage(&un_dirty, 111), Err(Error::InvalidInput { .. })));
    // Length 0: the empty address.
    let empty = SockAddr::from_storage(&st, 0).unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.family(), Domain::UNSPEC);
    assert_eq!(empty.to_string(), "(unnamed)");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever lies past `len` in the storage, the address (bytes, equality, hash, Display,
    /// family views) is the same.
    #[test]
    fn from_storage_trusts_only_len(
        family in prop::sample::select(vec![libc::AF_INET, libc::AF_INET6, libc::AF_UNIX, libc::AF_PACKET, 0, 77]),
        body in prop::collection::vec(any::<u8>(), 126),
        len in 0u32..=128,
        fill_a in any::<u8>(), fill_b in any::<u8>(),
    ) {
        use std::hash::{BuildHasher, RandomState};
        let mut bytes = (family as u16).to_ne_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let n = len as usize;
        let a = SockAddr::from_storage(&storage(&bytes[..n], fill_a), len);
        let b = SockAddr::from_storage(&storage(&bytes[..n], fill_b), len);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(a.as_bytes(), &bytes[..n]);
                prop_assert_eq!(a.len(), n);
                let h = RandomState::new();
                prop_assert_eq!(h.hash_one(a), h.hash_one(b));
                prop_assert_eq!(a.to_string(), b.to_string());
                prop_assert_eq!(a.as_in(), b.as_in());
                prop_assert_eq!(a.as_in6(), b.as_in6());
                prop_assert_eq!(a.as_un(), b.as_un());
                prop_assert_eq!(a.as_ll(), b.as_ll());
            }
            (Err(ea), Err(eb)) => prop_assert_eq!(ea.to_string(), eb.to_string()),
            (a, b) => prop_assert!(false, "differ: {:?} vs {:?}", a, b),
        }
    }
}

// ---- FromStr ----

/// glibc's `getaddrinfo(host, "80", AI_NUMERICHOST | AI_NUMERICSERV)` for one family: what a C
/// or Python program gets for a numeric host. `None` if glibc rejects it.
fn glibc_numeric_host(host: &str, family: i32) -> Option<SocketAddr> {
    let host = std::ffi::CString::new(host).ok()?;
    let mut hints: libc::addrinfo = zeroed();
    hints.ai_flags = libc::AI_NUMERICHOST | libc::AI_NUMERICSERV;
    hints.ai_family = family;
    hints.ai_socktype = libc::SOCK_DGRAM;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: host and service are NUL-terminated, hints is initialised, res is an out pointer.
    let rc = unsafe { libc::getaddrinfo(host.as_ptr(), c"80".as_ptr(), &hints, &mut res) };
    if rc != 0 {
        return None;
    }
    // SAFETY: getaddrinfo succeeded: res is a valid list whose first entry's ai_addr holds
    // ai_addrlen (<= 128) bytes.
    let addr = unsafe {
        let ai = &*res;
        let st =
            storage(std::slice::from_raw_parts(ai.ai_addr.cast::<u8>(), ai.ai_addrlen as usize), 0);
        let a = SockAddr::from_storage(&st, ai.ai_addrlen).unwrap().as_socket();
        libc::freeaddrinfo(res);
        a
    };
    addr
}

fn ipv4_host_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(|o| Ipv4Addr::from(o).to_string()),
        (any::<u32>(), 0..4usize).prop_map(|(v, style)| match style {
            0 => v.to_string(),
            1 => format!("{:#x}", v),
            2 => format!("0{:o}", v),
            _ => format!("{}.{}", v >> 24, v & 0xff_ffff),
        }),
        "[0-9xXa-fA-F.]{0,18}",
        "[0-9. \t\x0b]{0,16}",
        // Not text of another form, and not getaddrinfo's "*" (a NULL host: the loopback or
        // wildcard address), which is no numeric address.
        "[ -~]{0,12}".prop_filter("not another form", |s| {
            !s.contains('/') && !s.starts_with('[') && !s.starts_with('@') && s != "*"
        }),
    ]
}

fn ipv6_host_text() -> impl Strategy<Value = String> {
    let ip = prop_oneof![
        ipv6_shapes().prop_map(|ip| ip.to_string()),
        ipv6_shapes().prop_map(|ip| glibc_ntop(libc::AF_INET6, &ip.octets())),
        "[0-9a-fA-F:.]{0,42}",
    ];
    let scope = prop_oneof![
        3 => Just(String::new()),
        1 => any::<u32>().prop_map(|v| format!("%{v}")),
        1 => "%[0-9+ -]{0,12}",
    ];
    (ip, scope).prop_map(|(ip, scope)| ip + &scope)
}

/// Every rejection is a typed error with a position inside (or at the end of) the text.
fn check_rejection(text: &str, e: &Error) -> Result<(), TestCaseError> {
    match e {
        Error::Parse(p) => prop_assert!(p.position() <= text.len(), "{text:?}: {p:?}"),
        Error::PathTooLong { .. } | Error::PathNul { .. } | Error::WrongFamily { .. } => {}
        other => prop_assert!(false, "{text:?}: unexpected error {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// `host:port` accepts exactly the IPv4 hosts glibc's getaddrinfo(AI_NUMERICHOST) accepts,
    /// with the same address.
    #[test]
    fn parse_ipv4_host_agrees_with_getaddrinfo(host in ipv4_host_text()) {
        let text = format!("{host}:80");
        let ours = text.parse::<SockAddr>();
        let glibc = glibc_numeric_host(&host, libc::AF_INET);
        match (&ours, glibc) {
            (Ok(a), Some(g)) => prop_assert_eq!(a.as_socket(), Some(g), "{:?}", text),
            (Err(e), None) => check_rejection(&text, e)?,
            _ => prop_assert!(false, "{:?}: ours {:?}, glibc {:?}", text, ours, glibc),
        }
        let typed = text.parse::<SockAddrIn>();
        prop_assert_eq!(typed.ok().map(SockAddr::from), ours.ok());
    }

    /// `[host]:port` accepts exactly the IPv6 hosts (with numeric scope) glibc's
    /// getaddrinfo(AI_NUMERICHOST) accepts, with the same address and scope id.
    #[test]
    fn parse_ipv6_host_agrees_with_getaddrinfo(host in ipv6_host_text()) {
        let text = format!("[{host}]:80");
        let ours = text.parse::<SockAddr>();
        let glibc = glibc_numeric_host(&host, libc::AF_INET6);
        match (&ours, glibc) {
            (Ok(a), Some(g)) => prop_assert_eq!(a.as_socket(), Some(g), "{:?}", text),
            (Err(e), None) => check_rejection(&text, e)?,
            _ => prop_assert!(false, "{:?}: ours {:?}, glibc {:?}", text, ours, glibc),
        }
        let typed = text.parse::<SockAddrIn6>();
        prop_assert_eq!(typed.ok().map(SockAddr::from), ours.ok());
    }

    /// Display, then parse, gives the same address back: IPv4, IPv6 (with scope), UNIX paths
    /// and abstract names (any bytes, through the escapes Display prints).
    #[test]
    fn display_parse_round_trip(
        ip4 in any::<u32>(), ip6 in ipv6_shapes(), port in any::<u16>(), scope_id in any::<u32>(),
        path in "/[ -~]{0,100}", name in prop::collection::vec(any::<u8>(), 0..=107),
    ) {
        let a4 = SockAddrIn::new(Ipv4Addr::from(ip4), port);
        prop_assert_eq!(a4.to_string().parse::<SockAddrIn>().unwrap(), a4);
        prop_assert_eq!(a4.to_string().parse::<SockAddr>().unwrap(), SockAddr::from(a4));
        let a6 = SockAddrIn6::new(ip6, port, 0, scope_id);
        prop_assert_eq!(a6.to_string().parse::<SockAddrIn6>().unwrap(), a6);
        prop_assert_eq!(a6.to_string().parse::<SockAddr>().unwrap(), SockAddr::from(a6));
        let un = SockAddrUn::new(&path).unwrap();
        prop_assert_eq!(un.to_string().parse::<SockAddrUn>().unwrap(), un);
        prop_assert_eq!(un.to_string().parse::<SockAddr>().unwrap(), SockAddr::from(un));
        let ab = SockAddrUn::new_abstract(&name).unwrap();
        prop_assert_eq!(ab.to_string().parse::<SockAddrUn>().unwrap(), ab);
        prop_assert_eq!(ab.to_string().parse::<SockAddr>().unwrap(), SockAddr::from(ab));
    }

    /// Any text at all: a typed error or an address, never a panic.
    #[test]
    fn parse_never_panics(text in prop_oneof!["\\PC{0,40}", "[\\[\\]@/:%.0-9a-fx\\\\]{0,40}", ".{0,200}"]) {
        for r in [
            text.parse::<SockAddr>().map(|_| ()),
            text.parse::<SockAddrIn>().map(|_| ()),
            text.parse::<SockAddrIn6>().map(|_| ()),
            text.parse::<SockAddrUn>().map(|_| ()),
        ] {
            if let Err(e) = r {
                check_rejection(&text, &e)?;
            }
        }
    }
}

#[test]
fn parse_forms_and_errors() {
    use berkeley::ParseErrorKind as K;
    let ok = |s: &str| s.parse::<SockAddr>().unwrap_or_else(|e| panic!("{s:?}: {e}"));
    assert_eq!(ok("127.0.0.1:80").to_string(), "127.0.0.1:80");
    assert_eq!(ok("127.1:80").to_string(), "127.0.0.1:80");
    assert_eq!(ok("0x7f.1:0").to_string(), "127.0.0.1:0");
    assert_eq!(ok("010.0.0.1:1").to_string(), "8.0.0.1:1"); // octal, as getaddrinfo
    assert_eq!(ok("1.2.3.4:00080").to_string(), "1.2.3.4:80");
    assert_eq!(ok("1.2.3.4:65535").to_string(), "1.2.3.4:65535");
    assert_eq!(ok("[::1]:53").to_string(), "[::1]:53");
    assert_eq!(ok("[::ffff:1.2.3.4%0]:1").to_string(), "[::ffff:1.2.3.4]:1");
    assert_eq!(ok("[FE80::1%4294967295]:1").to_string(), "[fe80::1%4294967295]:1");
    assert_eq!(ok("/tmp/s").as_un().unwrap().path(), Some(Path::new("/tmp/s")));
    assert_eq!(ok("./s").as_un().unwrap().path(), Some(Path::new("./s")));
    assert_eq!(ok("run/s").as_un().unwrap().path(), Some(Path::new("run/s")));
    assert_eq!(ok("@").as_un().unwrap().abstract_name(), Some(&b""[..]));
    assert_eq!(ok("@a\\\\b\\x00\\xFF").as_un().unwrap().abstract_name(), Some(&b"a\\b\0\xff"[..]));

    let parse_err = |s: &str| match s.parse::<SockAddr>() {
        Err(Error::Parse(e)) => (e.kind(), e.position()),
        other => panic!("{s:?}: {other:?}"),
    };
    assert_eq!(parse_err(""), (K::Empty, 0));
    assert_eq!(parse_err("1.2.3.4"), (K::UnexpectedEnd, 7));
    assert_eq!(parse_err("1.2.3.4:"), (K::UnexpectedEnd, 8));
    assert_eq!(parse_err("1.2.3.4:65536"), (K::ValueOutOfRange, 8));
    assert_eq!(parse_err("1.2.3.4:8x"), (K::InvalidChar, 9));
    assert_eq!(parse_err("1.2.3.4:+80"), (K::InvalidChar, 8));
    assert_eq!(parse_err("1.2.3.4 :80"), (K::InvalidChar, 7)); // inet_aton would stop there
    assert_eq!(parse_err("1.2.3.256:80"), (K::ValueOutOfRange, 6));
    assert_eq!(parse_err("localhost:80"), (K::InvalidChar, 0));
    assert_eq!(parse_err("::1:80"), (K::InvalidChar, 0)); // IPv6 needs brackets
    assert_eq!(parse_err("[::1"), (K::UnexpectedEnd, 4));
    assert_eq!(parse_err("[::1]"), (K::UnexpectedEnd, 5));
    assert_eq!(parse_err("[::1]80"), (K::InvalidChar, 5));
    assert_eq!(parse_err("[::1]:"), (K::UnexpectedEnd, 6));
    assert_eq!(parse_err("[::1%]:80"), (K::UnexpectedEnd, 5));
    assert_eq!(parse_err("[::1%eth0]:80"), (K::InvalidChar, 5)); // numeric scope only
    assert_eq!(parse_err("[::1%4294967296]:80"), (K::ValueOutOfRange, 5));
    assert_eq!(parse_err("[1::2::3]:80").0, K::BadCompression);
    assert_eq!(parse_err("[1.2.3.4]:80").0, K::TooFewParts); // inet_pton6 has no bare IPv4
    assert_eq!(parse_err("@\\q"), (K::InvalidChar, 2));
    assert_eq!(parse_err("@\\x4"), (K::UnexpectedEnd, 4));
    assert_eq!(parse_err("@\\x4g"), (K::InvalidChar, 4));
    assert_eq!(parse_err("@\\"), (K::UnexpectedEnd, 2));

    let long = format!("/{}", "x".repeat(SockAddrUn::MAX_PATH_LEN));
    assert!(matches!(long.parse::<SockAddr>(), Err(Error::PathTooLong { len: 108, max: 107 })));
    assert!(matches!("/a\0b".parse::<SockAddr>(), Err(Error::PathNul { pos: 2 })));
    let long_abstract = format!("@{}\\x00", "y".repeat(SockAddrUn::MAX_ABSTRACT_LEN));
    assert!(matches!(
        long_abstract.parse::<SockAddr>(),
        Err(Error::PathTooLong { len: 108, max: 107 })
    ));

    // Family types: their own form, or WrongFamily naming what the text was.
    assert!(matches!(
        "[::1]:1".parse::<SockAddrIn>(),
        Err(Error::WrongFamily { expected: "AF_INET", found: Domain::INET6 })
    ));
    assert!(matches!(
        "/tmp/s".parse::<SockAddrIn6>(),
        Err(Error::WrongFamily { expected: "AF_INET6", found: Domain::UNIX })
    ));
    assert!(matches!(
        "1.2.3.4:5".parse::<SockAddrUn>(),
        Err(Error::WrongFamily { expected: "AF_UNIX", found: Domain::INET })
    ));
    assert_eq!("1.2.3.4:5".parse::<SockAddrIn>().unwrap().port(), 5);
}

// ---- ToSockAddr ----

#[test]
fn to_sock_addr_every_impl() {
    use berkeley::addr::ToSockAddr;
    use std::borrow::Cow;
    use std::net::IpAddr;

    let want: SockAddr = "127.0.0.1:80".parse().unwrap();
    fn get_cow<T: ToSockAddr>(a: &T) -> Cow<'_, SockAddr> {
        a.to_sock_addr().unwrap()
    }
    fn get(a: impl ToSockAddr) -> SockAddr {
        a.to_sock_addr().unwrap().into_owned()
    }
    assert!(matches!(want.to_sock_addr().unwrap(), Cow::Borrowed(b) if std::ptr::eq(b, &want)));
    assert!(matches!(get_cow(&&want), Cow::Borrowed(_))); // &&SockAddr: still borrowed
    let sin = SockAddrIn::new(Ipv4Addr::LOCALHOST, 80);
    let std4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80);
    for got in [
        get("127.0.0.1:80"),
        get(String::from("127.0.0.1:80")),
        get(sin),
        get(&sin as &SockAddrIn),
        get(std4),
        get(SocketAddr::V4(std4)),
        get((Ipv4Addr::LOCALHOST, 80)),
        get((IpAddr::from(Ipv4Addr::LOCALHOST), 80)),
        get(("127.0.0.1", 80)),
        get(("127.1".to_string(), 80)),
    ] {
        assert_eq!(got, want);
    }
    let v6: SockAddr = "[fe80::1%3]:80".parse().unwrap();
    assert_eq!(("fe80::1%3", 80).to_sock_addr().unwrap().into_owned(), v6);
    assert_eq!(
        (Ipv6Addr::LOCALHOST, 80).to_sock_addr().unwrap().into_owned(),
        "[::1]:80".parse().unwrap()
    );
    assert_eq!(
        SockAddrUn::new("/tmp/s").unwrap().to_sock_addr().unwrap().into_owned(),
        "/tmp/s".parse().unwrap()
    );
    // Errors are typed, with positions within the host.
    let kind_pos = |r: berkeley::Result<Cow<'_, SockAddr>>| match r {
        Err(Error::Parse(e)) => (e.kind(), e.position()),
        other => panic!("{other:?}"),
    };
    use berkeley::ParseErrorKind as K;
    assert_eq!(kind_pos(("localhost", 80).to_sock_addr()), (K::InvalidChar, 0));
    assert_eq!(kind_pos(("[::1]", 80).to_sock_addr()), (K::InvalidChar, 0));
    assert_eq!(kind_pos(("::1%x", 80).to_sock_addr()), (K::InvalidChar, 4));
    assert_eq!(kind_pos(("1.2.3.4 ", 80).to_sock_addr()), (K::InvalidChar, 7));
    assert_eq!(kind_pos("1.2.3.4".to_sock_addr()), (K::UnexpectedEnd, 7));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Python's `(host, port)` is the same address as the text `host:port` / `[host]:port`.
    #[test]
    fn host_port_pairs_agree_with_text(v4 in ipv4_host_text(), v6 in ipv6_host_text(), port in any::<u16>()) {
        use berkeley::addr::ToSockAddr;
        if !v4.contains(':') {
            let pair = (v4.as_str(), port).to_sock_addr().map(|c| c.into_owned());
            let text = format!("{v4}:{port}").parse::<SockAddr>();
            prop_assert_eq!(pair.ok(), text.ok());
        }
        if v6.contains(':') {
            let pair = (v6.as_str(), port).to_sock_addr().map(|c| c.into_owned());
            let text = format!("[{v6}]:{port}").parse::<SockAddr>();
            prop_assert_eq!(pair.ok(), text.ok());
        }
    }
}

#[test]
fn parse_form_precedence() {
    // '@' first: abstract, even with slashes (X11's names look like this).
    let x11 = "@/tmp/.X11-unix/X0".parse::<SockAddr>().unwrap();
    assert_eq!(x11.as_un().unwrap().abstract_name(), Some(&b"/tmp/.X11-unix/X0"[..]));
    // Any '/' otherwise: a path, even starting with '[' (IP forms never contain '/').
    let p = "[odd/name".parse::<SockAddr>().unwrap();
    assert_eq!(p.as_un().unwrap().path(), Some(Path::new("[odd/name")));
    assert_eq!(p.to_string().parse::<SockAddr>().unwrap(), p);
    let rel = "./@name".parse::<SockAddr>().unwrap();
    assert_eq!(rel.as_un().unwrap().path(), Some(Path::new("./@name")));
}

/// On Linux, a datagram from an unbound UNIX sender comes with the empty address: length 0, no
/// family — not an unnamed `AF_UNIX` address — as the SockAddr docs say.
#[test]
fn recvfrom_unbound_unix_sender_is_empty() {
    use berkeley::{Protocol, Socket, Type};
    let dir = tmp_dir("unbound-sender");
    let path = dir.join("rx.sock");
    let rx = Socket::new(Domain::UNIX, Type::DGRAM, Protocol::DEFAULT).unwrap();
    rx.bind(SockAddrUn::new(&path).unwrap()).unwrap();
    UnixDatagram::unbound().unwrap().send_to(b"hi", &path).unwrap();
    let mut buf = [0u8; 8];
    let (n, from) = rx.recvfrom(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"hi");
    assert!(from.is_empty());
    assert_eq!(from.family(), Domain::UNSPEC);
    assert!(from.as_un().is_none());
    assert_eq!(from.to_string(), "(unnamed)");
    let _ = std::fs::remove_dir_all(dir);
}

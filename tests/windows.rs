//! Windows-only behaviour: Winsock start-up, WSA error codes, Windows-only options and controls.
//!
//! Run on Linux under wine with `.ci/windows.sh`. Wine maps Winsock onto Linux sockets, so these
//! tests check only what real Windows does too (no reuse-rule or timing checks).
#![cfg(windows)]

use std::io;

use berkeley::{Domain, Error, Protocol, Socket, Type, Winsock};
use windows_sys::Win32::Networking::WinSock as ws;

fn int_opt(s: &Socket, level: i32, name: i32) -> (usize, i32) {
    let mut buf = [0u8; 4];
    let n = s.getsockopt_raw(level, name, &mut buf).unwrap();
    (n, i32::from_ne_bytes(buf))
}

#[test]
fn winsock_guard_reports_version_2_2() {
    let wsa = Winsock::startup().unwrap();
    assert_eq!(wsa.version(), (2, 2));
    assert!(wsa.high_version() >= (2, 2), "{wsa:?}");
    assert!(!wsa.description().is_empty(), "{wsa:?}");
    assert!(!wsa.description().contains('\0'));
    assert!(!wsa.system_status().contains('\0'));
    // Legacy fields: only their presence is defined.
    let _ = (wsa.max_sockets(), wsa.max_udp_dg());
    let debug = format!("{wsa:?}");
    assert!(debug.contains("version: 2.2"), "{debug}");
}

#[test]
fn guards_nest_and_do_not_stop_berkeleys_own_startup() {
    let outer = Winsock::startup().unwrap();
    let inner = Winsock::startup().unwrap();
    drop(inner);
    drop(outer);
    // Every guard is balanced now; sockets still work, because constructors start Winsock
    // themselves and keep it up.
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    assert_eq!(int_opt(&s, ws::SOL_SOCKET, ws::SO_TYPE), (4, ws::SOCK_DGRAM));
    s.close().unwrap();
}

#[test]
fn wsa_codes_map_to_io_error_kinds() {
    let cases = [
        (ws::WSAECONNREFUSED, 10061, io::ErrorKind::ConnectionRefused),
        (ws::WSAEWOULDBLOCK, 10035, io::ErrorKind::WouldBlock),
        (ws::WSAECONNRESET, 10054, io::ErrorKind::ConnectionReset),
        (ws::WSAEADDRINUSE, 10048, io::ErrorKind::AddrInUse),
        (ws::WSAETIMEDOUT, 10060, io::ErrorKind::TimedOut),
        (ws::WSAENOTCONN, 10057, io::ErrorKind::NotConnected),
    ];
    for (code, raw, kind) in cases {
        assert_eq!(code, raw);
        let err = Error::os("connect", code);
        assert_eq!(err.raw_os_error(), Some(raw));
        assert_eq!(err.kind(), kind, "{err}");
        let text = err.to_string();
        assert!(text.starts_with("connect: "), "{text}");
        assert!(text.ends_with(&format!("(os error {raw})")), "{text}");
        let io: io::Error = err.into();
        assert_eq!((io.raw_os_error(), io.kind()), (Some(raw), kind));
    }
}

#[test]
fn refused_message_is_the_systems_not_errnos() {
    let text = Error::os("connect", ws::WSAECONNREFUSED).to_string();
    // Windows words it "No connection could be made because the target machine actively
    // refused it."; whatever the wording, it is not a Unix errno message.
    assert!(!text.contains("Connection refused (os error 111)"), "{text}");
    assert!(text.len() > "connect: (os error 10061)".len() + 1, "no message: {text}");
}

#[test]
fn type_flags_never_reach_winsock() {
    // SOCK_NONBLOCK and SOCK_CLOEXEC are berkeley's own bits on Windows: the socket is created
    // with the base type.
    for ty in
        [Type::DGRAM.nonblocking(), Type::DGRAM.cloexec(), Type::DGRAM.nonblocking().cloexec()]
    {
        let s = Socket::new(Domain::INET, ty, Protocol::UDP).unwrap();
        assert_eq!(int_opt(&s, ws::SOL_SOCKET, ws::SO_TYPE), (4, ws::SOCK_DGRAM), "{ty:?}");
    }
    let s = Socket::new(Domain::INET6, Type::STREAM.nonblocking(), Protocol::TCP).unwrap();
    assert_eq!(int_opt(&s, ws::SOL_SOCKET, ws::SO_TYPE).1, ws::SOCK_STREAM);
}

#[test]
fn bad_socket_arguments_are_wsa_errors() {
    let err = Socket::new(Domain::from_raw(12345), Type::STREAM, Protocol::DEFAULT).unwrap_err();
    assert_eq!(err.call(), Some("WSASocketW"));
    let code = err.raw_os_error().unwrap();
    assert!((10000..11100).contains(&code), "not a Winsock code: {code}");
}

#[test]
fn exclusiveaddruse_round_trip() {
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    let (_, before) = int_opt(&s, ws::SOL_SOCKET, ws::SO_EXCLUSIVEADDRUSE);
    assert_eq!(before, 0);
    s.setsockopt_raw(ws::SOL_SOCKET, ws::SO_EXCLUSIVEADDRUSE, &1i32.to_ne_bytes()).unwrap();
    // Winsock writes a BOOL option as 4 bytes, or as 1 for some options: accept either.
    let (n, after) = int_opt(&s, ws::SOL_SOCKET, ws::SO_EXCLUSIVEADDRUSE);
    assert!(n == 4 || n == 1, "length {n}");
    assert_ne!(after, 0);
}

#[test]
fn udp_connreset_control() {
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    s.set_udp_connreset(false).unwrap();
    s.set_udp_connreset(true).unwrap();
}

#[test]
fn close_reports_success() {
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    s.close().unwrap();
}

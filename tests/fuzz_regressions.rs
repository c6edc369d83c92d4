//! Inputs that once failed a fuzz target, replayed as ordinary tests.
//!
//! Each input is also committed as `fuzz/corpus/<target>/regression-<what>` (so the fuzzer starts
//! from it on every CI run, see .ci/fuzz.sh); here it is spelt out byte for byte, because fuzz/
//! is not part of the published crate, and checked against what the target asserts.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

use berkeley::wire::{Header, Icmpv6Packet, Icmpv6Repr, PacketError, PseudoHeader};
use berkeley::{Error, SockAddr, SockAddrIn6};

/// fuzz/corpus/wire_icmpv6/regression-unknown-type-unfilled-checksum (was
/// fuzz/crash-6af453d85765f4271bbdb4ac7a60265ebec17860): an ICMPv6 message of a type berkeley
/// does not model (15), with a zero checksum, behind an IPv4 pseudo-header. The target compared
/// the re-emitted message with its input *before* the checksum was filled in (a bug in the
/// target, fixed in 4c8d36f); berkeley's side of the round trip must hold on it: the unfilled
/// checksum is rejected as a typed error, and once filled, parse then emit gives the same bytes.
#[test]
fn wire_icmpv6_unknown_type_round_trips_once_checksum_is_filled() {
    let input: [u8; 17] = [
        0x0a, // even: IPv4 pseudo-header, then src and dst
        0x88, 0xc1, 0xc1, 0x49, 0xc1, 0xc1, 0xc1, 0xc1, //
        0x0f, 0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0xc1, // type 15, code 0, checksum 0, rest
    ];
    let ph = PseudoHeader::V4 {
        src: Ipv4Addr::new(0x88, 0xc1, 0xc1, 0x49),
        dst: Ipv4Addr::new(0xc1, 0xc1, 0xc1, 0xc1),
    };
    let msg = &input[9..];

    let unfilled = Icmpv6Packet::new_checked(msg).unwrap();
    assert!(!unfilled.verify_checksum(&ph));
    let expected = match Icmpv6Repr::parse(&unfilled, &ph) {
        Err(PacketError::BadChecksum { header: Header::Icmpv6, expected, found: 0 }) => expected,
        other => panic!("an unfilled checksum must be a typed error, got {other:?}"),
    };

    let mut owned = Icmpv6Packet::new_checked(msg.to_vec()).unwrap();
    owned.fill_checksum(&ph);
    let filled = owned.into_inner();
    assert_eq!(filled[2..4], expected.to_be_bytes(), "the checksum the error asked for");
    assert_eq!(filled[..2], msg[..2]);
    assert_eq!(filled[4..], msg[4..]);

    let packet = Icmpv6Packet::new_checked(&filled[..]).unwrap();
    let repr = Icmpv6Repr::parse(&packet, &ph).unwrap();
    assert_eq!(
        repr,
        Icmpv6Repr::Other { msg_type: 15, code: 0, rest_of_header: 0x0f00_00c1, data: &[] }
    );
    let mut buf = vec![0u8; repr.buffer_len()];
    repr.emit(&mut buf, &ph).unwrap();
    assert_eq!(buf, filled);
}

/// fuzz/corpus/sockaddr_parse/regression-bracket-port-with-colon: `[::0]:53:53`. The target took
/// the port from the text's last `:` ("53") where berkeley reads everything after `]:`
/// ("53:53"), so it expected the address glibc gives for the host and berkeley rightly refused
/// it (a bug in the target, fixed with this test). What berkeley must do: refuse the text with
/// a typed parse error pointing inside it, and accept the same host with a plain port.
#[test]
fn sockaddr_parse_bracketed_host_with_two_ports_is_a_parse_error() {
    let text = "[::0]:53:53";
    for err in [text.parse::<SockAddr>().unwrap_err(), text.parse::<SockAddrIn6>().unwrap_err()] {
        match err {
            Error::Parse(e) => assert!(e.position() <= text.len(), "{e:?}"),
            other => panic!("{text:?}: untyped rejection {other:?}"),
        }
    }
    let ok: SockAddr = "[::0]:53".parse().unwrap();
    assert_eq!(ok.as_socket(), Some(SocketAddr::from((Ipv6Addr::UNSPECIFIED, 53))));
    assert_eq!(ok.to_string(), "[::]:53");
}

/// fuzz/corpus/sockaddr_parse/regression-unbracketed-v4-mapped-host: `::ffff:f:102:304`. The
/// target split it at the last `:` and asked glibc's `getaddrinfo(AF_INET)` about the host
/// `::ffff:f:102`, which glibc maps to 0.15.1.2 (its v4-mapped extension); berkeley refuses an
/// unbracketed IPv6 host with a port (a bug in the target, fixed with this test). What berkeley
/// must do: refuse it with a typed error, and read the bracketed form as IPv6.
#[test]
fn sockaddr_parse_unbracketed_ipv6_host_with_port_is_refused() {
    let text = "::ffff:f:102:304";
    match text.parse::<SockAddr>() {
        Err(Error::Parse(e)) => assert!(e.position() <= text.len(), "{e:?}"),
        other => panic!("{text:?}: want a typed parse error, got {other:?}"),
    }
    let ok: SockAddr = "[::ffff:f:102]:304".parse().unwrap();
    let want: Ipv6Addr = "::ffff:0.15.1.2".parse().unwrap();
    assert_eq!(ok.as_socket(), Some(SocketAddr::from((want, 304))));
}

/// fuzz/corpus/inspect_procfs/regression-unix-path-fills-sun-path: a `/proc/net/unix` line whose
/// path is longer than `SockAddrUn::MAX_PATH_LEN`. The one such path the kernel really reports
/// is a path of exactly 108 bytes (all of `sun_path`, bound without a NUL, which Linux allows):
/// it made `inspect::sockets` fail as a whole with `PathTooLong`, over netlink and procfs alike,
/// where the socket table must list that socket under its path.
#[cfg(target_os = "linux")]
#[test]
fn inspect_lists_a_unix_socket_whose_path_fills_sun_path() {
    use berkeley::inspect::{sockets, Filter, Source};
    use berkeley::{Socket, Type};
    use std::os::unix::ffi::OsStrExt;

    // A relative path of 108 bytes, in a fresh directory made the working directory's child:
    // bound through a raw sockaddr_un without a NUL (SockAddrUn::new stops at 107).
    let dir = std::env::temp_dir().join(format!("berkeley-fullpath-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = dir.join("s".repeat(108usize.saturating_sub(dir.as_os_str().len() + 1)));
    let path = name.as_os_str().as_bytes().to_vec();
    assert_eq!(path.len(), 108, "{}", name.display());
    let mut raw = *berkeley::SockAddrUn::unnamed().as_raw().0;
    for (d, s) in raw.sun_path.iter_mut().zip(&path) {
        *d = *s as _;
    }
    let addr = berkeley::SockAddrUn::from_raw(&raw, 110).unwrap();
    let s = Socket::new(berkeley::Domain::UNIX, Type::STREAM, berkeley::Protocol::DEFAULT).unwrap();
    let bound = s.bind(addr);
    struct Cleanup(std::path::PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(dir);
    bound.unwrap();
    s.listen(1).unwrap();

    for source in [Source::Netlink, Source::Procfs] {
        let table = sockets(&Filter::new().unix().source(source))
            .unwrap_or_else(|e| panic!("{source:?}: the whole table failed: {e}"));
        let found = table.iter().find(|e| {
            e.local.as_un().and_then(|u| u.path().map(|p| p.as_os_str().as_bytes() == path))
                == Some(true)
        });
        assert!(found.is_some(), "{source:?}: the socket bound to a 108-byte path is not listed");
    }
}

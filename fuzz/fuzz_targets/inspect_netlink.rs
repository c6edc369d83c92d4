//! The `sock_diag` reply parser of `inspect::sockets` (netlink) on arbitrary datagrams: never a
//! panic, every rejection a typed error (`InvalidData` for a malformed reply, `Error::Os` for a
//! reported errno, `PathTooLong` for a UNIX name longer than `sun_path`), and every entry it
//! returns is of the family and protocol asked for.
//!
//! Input: one byte choosing the dump (TCP, UDP, raw, UNIX, packet; even: IPv4, odd: IPv6 for
//! the IP ones), then the datagram. The dump's sequence number is taken from the first message,
//! so that most inputs get past the sequence check.
#![no_main]

use berkeley::fuzzing::inspect_netlink;
use berkeley::inspect::Proto;
use berkeley::{Domain, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, buf)) = data.split_first() else { return };
    let proto =
        [Proto::Tcp, Proto::Udp, Proto::Raw, Proto::Unix, Proto::Packet][usize::from(sel >> 1) % 5];
    let seq = buf.get(8..12).map_or(0, |b| u32::from_ne_bytes(b.try_into().unwrap()));
    let mut out = Vec::new();
    match inspect_netlink(buf, seq, proto, &mut out) {
        Ok(_) => {}
        Err(Error::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}"),
        Err(Error::Os { call, code, .. }) => {
            assert!(call == "sock_diag" && code > 0, "{call} {code}")
        }
        // A UNIX path (at most 108 bytes) or abstract name (107) longer than sun_path holds.
        Err(Error::PathTooLong { len, max }) => assert!(len > max && (max == 107 || max == 108)),
        Err(other) => panic!("untyped rejection {other:?}"),
    }
    // A message is at least a 16-byte header: no more entries than that.
    assert!(out.len() <= buf.len() / 16);
    for e in &out {
        assert_eq!(e.proto, proto);
        let families: &[Domain] = match proto {
            Proto::Unix => &[Domain::UNIX],
            Proto::Packet => &[Domain::PACKET],
            _ => &[Domain::INET, Domain::INET6],
        };
        assert!(families.contains(&e.family), "{e:?}");
        let _ = (e.local.to_string(), e.remote.to_string(), format!("{e:?}"), e.state.ss_name());
    }
});

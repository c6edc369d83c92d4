//! The `/proc/net/*` table parsers of `inspect::sockets` (its fallback when netlink is not
//! available) on arbitrary text: never a panic, every rejection a typed error (`InvalidData`, or
//! `PathTooLong` for a UNIX name longer than `sun_path`), and every entry of the family and
//! protocol of its table.
//!
//! Input: one byte choosing the table (tcp, tcp6, udp, udp6, raw, raw6, unix, packet) and the
//! states kept (its top bit: all states, or only LISTEN and ESTABLISHED), then the file's text.
#![no_main]

use berkeley::fuzzing::{inspect_procfs_inet, inspect_procfs_packet, inspect_procfs_unix};
use berkeley::inspect::Proto;
use berkeley::{Domain, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, text)) = data.split_first() else { return };
    // TCP_ESTABLISHED is state 1, TCP_LISTEN 10.
    let states = if sel & 0x80 == 0 { u32::MAX } else { 1 << 1 | 1 << 10 };
    let mut out = Vec::new();
    let (r, proto, families): (_, _, &[Domain]) = match sel & 7 {
        n @ 0..=5 => {
            let proto = [Proto::Tcp, Proto::Udp, Proto::Raw][usize::from(n / 2)];
            let v6 = n % 2 == 1;
            let family = if v6 { &[Domain::INET6] } else { &[Domain::INET] };
            (inspect_procfs_inet(text, proto, v6, states, &mut out), proto, family)
        }
        6 => (inspect_procfs_unix(text, states, &mut out), Proto::Unix, &[Domain::UNIX]),
        _ => (inspect_procfs_packet(text, &mut out), Proto::Packet, &[Domain::PACKET]),
    };
    match r {
        Ok(()) => {}
        Err(Error::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}"),
        // A UNIX path (at most 108 bytes) or abstract name (107) longer than sun_path holds.
        Err(Error::PathTooLong { len, max }) => assert!(len > max && (max == 107 || max == 108)),
        Err(other) => panic!("untyped rejection {other:?}"),
    }
    // One entry per line at most (the first line is the header).
    assert!(out.len() <= text.split(|&b| b == b'\n').count().saturating_sub(1));
    for e in &out {
        assert_eq!(e.proto, proto);
        assert!(families.contains(&e.family), "{e:?}");
        let _ = (e.local.to_string(), e.remote.to_string(), format!("{e:?}"), e.state.ss_name());
    }
});

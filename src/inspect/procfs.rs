//! The `/proc/net` fallback: the same table from the text files `netstat` reads —
//! `/proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix,packet}` of the calling thread's network
//! namespace (`/proc/thread-self/net`).
//!
//! What the text lacks stays at its "unknown" value: a TCP listener's backlog (Send-Q is 0, as
//! net-tools shows it), a UNIX socket's queues (0) and peer (`None`), a packet socket's queues.
//! A line that does not parse is an error (`io::ErrorKind::InvalidData`), never a panic.
#![forbid(unsafe_code)]

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use super::{netlink::unix_name, Proto, SocketEntry, State};
use crate::addr::{SockAddr, SockAddrLl, SockAddrUn};
use crate::error::{Error, Result};
use crate::ether::MacAddr;
use crate::types::{Domain, EtherType, Type};

#[cold]
fn bad(what: &'static str) -> Error {
    Error::Io(io::Error::new(io::ErrorKind::InvalidData, what))
}

/// Reads `/proc/thread-self/net/NAME` (`/proc/net/NAME` on kernels before 3.17). A missing
/// file (IPv6 disabled, no raw/packet support) is an empty table.
fn read(name: &str) -> Result<Vec<u8>> {
    let r = std::fs::read(format!("/proc/thread-self/net/{name}"))
        .or_else(|_| std::fs::read(format!("/proc/net/{name}")));
    match r {
        Ok(v) => Ok(v),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::Io(e)),
    }
}

fn hex_u32(s: &[u8]) -> Option<u32> {
    u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()
}

fn dec_u64(s: &[u8]) -> Option<u64> {
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// `HEXADDR:HEXPORT`, the address printed as the native-endian `u32`s of its network-order
/// bytes (one for IPv4, four for IPv6).
fn inet_addr(field: &[u8], v6: bool) -> Option<SockAddr> {
    let colon = field.iter().position(|&b| b == b':')?;
    let (addr, port) = (&field[..colon], &field[colon + 1..]);
    let port = u16::try_from(hex_u32(port)?).ok()?;
    if v6 {
        if addr.len() != 32 {
            return None;
        }
        let mut octets = [0u8; 16];
        for (i, chunk) in addr.chunks(8).enumerate() {
            octets[i * 4..i * 4 + 4].copy_from_slice(&hex_u32(chunk)?.to_ne_bytes());
        }
        Some(SockAddr::from(SocketAddrV6::new(Ipv6Addr::from(octets), port, 0, 0)))
    } else {
        if addr.len() != 8 {
            return None;
        }
        let ip = Ipv4Addr::from(hex_u32(addr)?.to_ne_bytes());
        Some(SockAddr::from(SocketAddrV4::new(ip, port)))
    }
}

fn fields(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|b| b.is_ascii_whitespace()).filter(|f| !f.is_empty())
}

/// Parses `/proc/net/{tcp,udp,raw}[6]` text into `out`, keeping the states of `states`.
pub(crate) fn parse_inet(
    text: &[u8],
    proto: Proto,
    v6: bool,
    states: u32,
    out: &mut Vec<SocketEntry>,
) -> Result<()> {
    for line in text.split(|&b| b == b'\n').skip(1) {
        let f: [&[u8]; 10] = {
            let mut it = fields(line);
            let mut f: [&[u8]; 10] = [&[]; 10];
            let mut n = 0;
            for slot in f.iter_mut() {
                match it.next() {
                    Some(x) => {
                        *slot = x;
                        n += 1;
                    }
                    None => break,
                }
            }
            if n == 0 {
                continue;
            }
            if n < 10 {
                return Err(bad("/proc/net: short socket line"));
            }
            f
        };
        let err = || bad("/proc/net: malformed socket line");
        let local = inet_addr(f[1], v6).ok_or_else(err)?;
        let remote = inet_addr(f[2], v6).ok_or_else(err)?;
        let state = u8::try_from(hex_u32(f[3]).ok_or_else(err)?).map_err(|_| err())?;
        if states & (1u32 << (state & 31)) == 0 {
            continue;
        }
        let colon = f[4].iter().position(|&b| b == b':').ok_or_else(err)?;
        let send_q = hex_u32(&f[4][..colon]).ok_or_else(err)?;
        let recv_q = hex_u32(&f[4][colon + 1..]).ok_or_else(err)?;
        let uid = u32::try_from(dec_u64(f[7]).ok_or_else(err)?).map_err(|_| err())?;
        let inode = dec_u64(f[9]).ok_or_else(err)?;
        out.push(SocketEntry {
            proto,
            family: if v6 { Domain::INET6 } else { Domain::INET },
            sock_type: match proto {
                Proto::Tcp => Type::STREAM,
                Proto::Udp => Type::DGRAM,
                _ => Type::RAW,
            },
            local,
            remote,
            state: State(state),
            recv_q,
            send_q,
            uid: Some(uid),
            inode,
            peer_inode: None,
            owners: Vec::new(),
        });
    }
    Ok(())
}

/// `__SO_ACCEPTCON`: the flag of a listening UNIX socket in `/proc/net/unix`.
const SO_ACCEPTCON: u32 = 1 << 16;

/// Parses `/proc/net/unix`: `Num RefCount Protocol Flags Type St Inode [Path]`.
pub(crate) fn parse_unix(text: &[u8], states: u32, out: &mut Vec<SocketEntry>) -> Result<()> {
    for line in text.split(|&b| b == b'\n').skip(1) {
        let mut it = fields(line);
        let Some(_num) = it.next() else { continue };
        let err = || bad("/proc/net/unix: malformed line");
        let mut next = || it.next().ok_or_else(err);
        let (_refs, _proto, flags, ty, st, inode) =
            (next()?, next()?, next()?, next()?, next()?, next()?);
        let flags = hex_u32(flags).ok_or_else(err)?;
        let ty = hex_u32(ty).ok_or_else(err)?;
        let st = hex_u32(st).ok_or_else(err)?;
        let inode = dec_u64(inode).ok_or_else(err)?;
        // The path is the rest of the line after the inode (it may contain spaces).
        let path = rest_after_fields(line, 7);
        // SS_CONNECTING = 2, SS_CONNECTED = 3 (socket state), mapped to the TCP states
        // sock_diag reports.
        let state = if flags & SO_ACCEPTCON != 0 {
            State::LISTEN
        } else {
            match st {
                3 => State::ESTABLISHED,
                2 => State::SYN_SENT,
                _ => State::CLOSE,
            }
        };
        if states & (1u32 << state.0) == 0 {
            continue;
        }
        let local = match path.split_first() {
            None => SockAddrUn::unnamed(),
            Some((b'@', name)) => {
                let mut raw = Vec::with_capacity(name.len() + 1);
                raw.push(0);
                raw.extend_from_slice(name);
                unix_name(&raw)?
            }
            Some(_) => unix_name(path)?,
        };
        out.push(SocketEntry {
            proto: Proto::Unix,
            family: Domain::UNIX,
            sock_type: Type::from_raw(i32::try_from(ty).map_err(|_| err())?),
            local: SockAddr::from(local),
            remote: SockAddr::from(SockAddrUn::unnamed()),
            state,
            recv_q: 0,
            send_q: 0,
            uid: None,
            inode,
            peer_inode: None,
            owners: Vec::new(),
        });
    }
    Ok(())
}

/// The bytes of `line` after its first `n` whitespace-separated fields and the blank after
/// them (empty when there is no more).
fn rest_after_fields(line: &[u8], n: usize) -> &[u8] {
    let mut i = 0;
    for _ in 0..n {
        while i < line.len() && line[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < line.len() && !line[i].is_ascii_whitespace() {
            i += 1;
        }
    }
    // One separating space; the rest is the path verbatim.
    if i < line.len() {
        i += 1;
    }
    let rest = &line[i.min(line.len())..];
    rest.strip_suffix(b"\r").unwrap_or(rest)
}

/// Parses `/proc/net/packet`: `sk RefCnt Type Proto Iface R Rmem User Inode`.
pub(crate) fn parse_packet(text: &[u8], out: &mut Vec<SocketEntry>) -> Result<()> {
    for line in text.split(|&b| b == b'\n').skip(1) {
        let f: Vec<&[u8]> = fields(line).collect();
        if f.is_empty() {
            continue;
        }
        let err = || bad("/proc/net/packet: malformed line");
        if f.len() < 9 {
            return Err(err());
        }
        let ty = dec_u64(f[2]).and_then(|t| i32::try_from(t).ok()).ok_or_else(err)?;
        let proto = u16::try_from(hex_u32(f[3]).ok_or_else(err)?).map_err(|_| err())?;
        let ifindex = dec_u64(f[4]).and_then(|i| u32::try_from(i).ok()).ok_or_else(err)?;
        let uid = dec_u64(f[7]).and_then(|u| u32::try_from(u).ok()).ok_or_else(err)?;
        let inode = dec_u64(f[8]).ok_or_else(err)?;
        out.push(SocketEntry {
            proto: Proto::Packet,
            family: Domain::PACKET,
            sock_type: Type::from_raw(ty),
            local: SockAddr::from(SockAddrLl::new(
                ifindex,
                EtherType::from_raw(proto),
                MacAddr::new([0; 6]),
            )),
            remote: SockAddr::from(SockAddrUn::unnamed()),
            state: State(0),
            recv_q: 0,
            send_q: 0,
            uid: Some(uid),
            inode,
            peer_inode: None,
            owners: Vec::new(),
        });
    }
    Ok(())
}

/// Reads and parses the files of `proto`.
pub(crate) fn read_into(
    proto: Proto,
    v4: bool,
    v6: bool,
    states: u32,
    out: &mut Vec<SocketEntry>,
) -> Result<()> {
    let base = match proto {
        Proto::Tcp => "tcp",
        Proto::Udp => "udp",
        Proto::Raw => "raw",
        Proto::Unix => return parse_unix(&read("unix")?, states, out),
        Proto::Packet => return parse_packet(&read("packet")?, out),
    };
    if v4 {
        parse_inet(&read(base)?, proto, false, states, out)?;
    }
    if v6 {
        parse_inet(&read(&format!("{base}6"))?, proto, true, states, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TCP: &[u8] = b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000  1000        0 4242 1 0000000051c2ae6c 100 0 0 10 0
";
    const TCP6: &[u8] = b"  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 811 1 0000000000000000 100 0 0 10 0
";
    const UNIX: &[u8] = b"Num       RefCount Protocol Flags    Type St Inode Path
0000000098d29c3f: 00000002 00000000 00010000 0001 01 77 /run/a b.sock
00000000fb23ca9a: 00000003 00000000 00000000 0001 03 78 @abstract
00000000fb23ca9b: 00000002 00000000 00000000 0002 01 79
";

    #[test]
    fn sample_files() {
        let mut out = Vec::new();
        parse_inet(TCP, Proto::Tcp, false, u32::MAX, &mut out).unwrap();
        parse_inet(TCP6, Proto::Tcp, true, u32::MAX, &mut out).unwrap();
        parse_unix(UNIX, u32::MAX, &mut out).unwrap();
        assert_eq!(out[0].local.to_string(), "127.0.0.1:8080");
        assert_eq!(
            (out[0].state, out[0].recv_q, out[0].uid, out[0].inode),
            (State::LISTEN, 3, Some(1000), 4242)
        );
        assert_eq!(out[1].local.to_string(), "[::1]:22");
        assert_eq!(
            out[2].local.as_un().unwrap().path(),
            Some(std::path::Path::new("/run/a b.sock"))
        );
        assert_eq!(out[2].state, State::LISTEN);
        assert_eq!(out[3].local.as_un().unwrap().abstract_name(), Some(&b"abstract"[..]));
        assert_eq!(out[3].state, State::ESTABLISHED);
        assert!(out[4].local.as_un().unwrap().is_unnamed());
        assert_eq!((out[4].sock_type, out[4].state), (Type::DGRAM, State::CLOSE));
        // The state filter applies.
        out.clear();
        parse_inet(TCP, Proto::Tcp, false, 1 << 1, &mut out).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn malformed_lines_are_errors() {
        let mut out = Vec::new();
        let header = "h\n";
        for line in [
            "0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000 1000 0",
            "0: 0100007:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000 1000 0 1",
            "0: 0100007F:1F9000 00000000:0000 0A 00000000:00000003 00:00000000 00000000 1000 0 1",
            "0: 0100007F:1F90 00000000:0000 0A 00000000-00000003 00:00000000 00000000 1000 0 1",
            "0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000 x 0 1",
        ] {
            let text = format!("{header}{line}\n");
            assert!(
                parse_inet(text.as_bytes(), Proto::Tcp, false, u32::MAX, &mut out).is_err(),
                "{line}"
            );
        }
        assert!(parse_unix(b"h\n0: 2 0 zz 1 1 5\n", u32::MAX, &mut out).is_err());
        assert!(parse_unix(b"h\n0: 2 0 0\n", u32::MAX, &mut out).is_err());
        assert!(parse_packet(b"h\n0 1 3 88cc 1 1 0 0\n", &mut out).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[cfg_attr(miri, ignore)] // proptest persists failures through the file system
        #[test]
        fn arbitrary_text_never_panics(text in "[0-9A-Fa-f: @/\\n]{0,300}") {
            let mut out = Vec::new();
            let _ = parse_inet(text.as_bytes(), Proto::Tcp, false, u32::MAX, &mut out);
            let _ = parse_inet(text.as_bytes(), Proto::Udp, true, u32::MAX, &mut out);
            let _ = parse_unix(text.as_bytes(), u32::MAX, &mut out);
            let _ = parse_packet(text.as_bytes(), &mut out);
        }
    }
}

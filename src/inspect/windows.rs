//! The Windows table: `GetExtendedTcpTable`/`GetExtendedUdpTable` owner-PID rows (IPv4 and
//! IPv6), read word by word with every count checked against the buffer, and process names from
//! the toolhelp snapshot. Windows reports no queues, uids or inodes: those fields are 0/`None`,
//! and a UDP socket's remote address is unknown (unspecified) and its state `CLOSE`.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use super::{Filter, Owner, Proto, SocketEntry, State};
use crate::addr::SockAddr;
use crate::error::{Error, Result};
use crate::sys;
use crate::types::{Domain, Type};

const AF_INET: u32 = 2;
const AF_INET6: u32 = 23;

/// `MIB_TCP_STATE` (1 = CLOSED ... 12 = DELETE_TCB) as the kernel-neutral [`State`].
fn state(mib: u32) -> State {
    match mib {
        2 => State::LISTEN,
        3 => State::SYN_SENT,
        4 => State::SYN_RECV,
        5 => State::ESTABLISHED,
        6 => State::FIN_WAIT1,
        7 => State::FIN_WAIT2,
        8 => State::CLOSE_WAIT,
        9 => State::CLOSING,
        10 => State::LAST_ACK,
        11 => State::TIME_WAIT,
        _ => State::CLOSE,
    }
}

fn port(w: u32) -> u16 {
    u16::from_be((w & 0xffff) as u16)
}

fn v4(addr: u32, p: u32) -> SockAddr {
    SockAddr::from(SocketAddrV4::new(Ipv4Addr::from(addr.to_ne_bytes()), port(p)))
}

fn v6(w: &[u32], scope: u32, p: u32) -> SockAddr {
    let mut o = [0u8; 16];
    for (i, x) in w.iter().take(4).enumerate() {
        o[i * 4..i * 4 + 4].copy_from_slice(&x.to_ne_bytes());
    }
    SockAddr::from(SocketAddrV6::new(Ipv6Addr::from(o), port(p), 0, scope))
}

/// The rows of a table: `dwNumEntries`, then that many rows of `width` words.
fn rows(words: &[u32], width: usize) -> Result<std::slice::ChunksExact<'_, u32>> {
    let Some((&n, rest)) = words.split_first() else { return Ok([].chunks_exact(width)) };
    let need = (n as usize).checked_mul(width);
    match need.and_then(|need| rest.get(..need)) {
        Some(rows) => Ok(rows.chunks_exact(width)),
        None => Err(Error::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            "IP Helper table shorter than its row count",
        ))),
    }
}

fn entry(
    proto: Proto,
    family: Domain,
    local: SockAddr,
    remote: SockAddr,
    st: State,
) -> SocketEntry {
    SocketEntry {
        proto,
        family,
        sock_type: if proto == Proto::Tcp { Type::STREAM } else { Type::DGRAM },
        local,
        remote,
        state: st,
        recv_q: 0,
        send_q: 0,
        uid: None,
        inode: 0,
        peer_inode: None,
        owners: Vec::new(),
    }
}

pub(super) fn sockets(filter: &Filter) -> Result<Vec<SocketEntry>> {
    let states = filter.states();
    let (want4, want6) = match (filter.v4, filter.v6) {
        (true, false) => (true, false),
        (false, true) => (false, true),
        _ => (true, true),
    };
    let mut out = Vec::new();
    let mut pids = Vec::new();
    let mut push = |e: SocketEntry, pid: u32, out: &mut Vec<SocketEntry>| {
        if states & (1u32 << e.state.as_raw()) != 0 {
            out.push(e);
            pids.push(pid);
        }
    };
    if filter.wants(Proto::Tcp) {
        if want4 {
            for r in rows(&sys::tcp_table(AF_INET)?, 6)? {
                let e =
                    entry(Proto::Tcp, Domain::INET, v4(r[1], r[2]), v4(r[3], r[4]), state(r[0]));
                push(e, r[5], &mut out);
            }
        }
        if want6 {
            for r in rows(&sys::tcp_table(AF_INET6)?, 14)? {
                let (l, rm) = (v6(&r[0..4], r[4], r[5]), v6(&r[6..10], r[10], r[11]));
                push(entry(Proto::Tcp, Domain::INET6, l, rm, state(r[12])), r[13], &mut out);
            }
        }
    }
    if filter.wants(Proto::Udp) {
        if want4 {
            for r in rows(&sys::udp_table(AF_INET)?, 3)? {
                let e = entry(Proto::Udp, Domain::INET, v4(r[0], r[1]), v4(0, 0), State::CLOSE);
                push(e, r[2], &mut out);
            }
        }
        if want6 {
            for r in rows(&sys::udp_table(AF_INET6)?, 7)? {
                let e = entry(
                    Proto::Udp,
                    Domain::INET6,
                    v6(&r[0..4], r[4], r[5]),
                    v6(&[0; 4], 0, 0),
                    State::CLOSE,
                );
                push(e, r[6], &mut out);
            }
        }
    }
    if filter.owners {
        let names: HashMap<u32, String> = sys::process_names()?.into_iter().collect();
        for (e, &pid) in out.iter_mut().zip(&pids) {
            // Pid 0 is the "System Idle Process" placeholder of sockets no process holds.
            let wanted = filter.owner_pids.as_ref().map_or(true, |p| p.contains(&pid));
            if pid != 0 && wanted {
                let comm = names.get(&pid).cloned().unwrap_or_default();
                e.owners.push(Owner { pid, comm });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    /// The toolhelp snapshot names this process by its executable's file name: the name half of
    /// the owners (wine's IP Helper reports pid 0 for every row, so the test of the whole owner
    /// path, tests/inspect.rs, cannot check owners under wine).
    #[test]
    fn process_names_include_this_process() {
        let me = std::process::id();
        let exe = std::env::current_exe().unwrap();
        let exe = exe.file_name().unwrap().to_string_lossy().to_lowercase();
        let names = crate::sys::process_names().unwrap();
        let mine: Vec<_> = names.iter().filter(|(pid, _)| *pid == me).collect();
        assert_eq!(mine.len(), 1, "{names:?}");
        assert_eq!(mine[0].1.to_lowercase(), exe, "{names:?}");
        assert!(names.len() > 1, "other processes are listed too: {names:?}");
    }
}

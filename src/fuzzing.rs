//! Entry points for the fuzz targets of fuzz/ into parsers that are not public: built only when
//! cargo-fuzz builds the crate (it passes `--cfg fuzzing`), never part of the API or its docs.

use crate::error::Result;
use crate::inspect::{netlink, procfs, Proto, SocketEntry};

/// One `sock_diag` reply datagram for the dump with sequence number `seq` (`inspect::sockets`
/// over netlink): the entries go to `out`; `Ok(true)` once `NLMSG_DONE` is reached.
pub fn inspect_netlink(
    buf: &[u8],
    seq: u32,
    proto: Proto,
    out: &mut Vec<SocketEntry>,
) -> Result<bool> {
    netlink::parse(buf, seq, proto, out).map(|p| p == netlink::Progress::Done)
}

/// `/proc/net/{tcp,udp,raw}[6]` text (`inspect::sockets` without netlink).
pub fn inspect_procfs_inet(
    text: &[u8],
    proto: Proto,
    v6: bool,
    states: u32,
    out: &mut Vec<SocketEntry>,
) -> Result<()> {
    procfs::parse_inet(text, proto, v6, states, out)
}

/// `/proc/net/unix` text.
pub fn inspect_procfs_unix(text: &[u8], states: u32, out: &mut Vec<SocketEntry>) -> Result<()> {
    procfs::parse_unix(text, states, out)
}

/// `/proc/net/packet` text.
pub fn inspect_procfs_packet(text: &[u8], out: &mut Vec<SocketEntry>) -> Result<()> {
    procfs::parse_packet(text, out)
}

//! Owners: one pass over the `/proc/PID/fd` links, mapping `socket:[INODE]` to the processes
//! that hold it.
//!
//! Processes and descriptors come and go during the scan: a `/proc/PID` or a link that has
//! vanished (`ENOENT`, `ESRCH`) or that this user may not read (`EACCES`, `EPERM`) is skipped,
//! never an error — like `ss -p` run as an ordinary user, such sockets simply have no owner.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::ffi::{CStr, OsStr};
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;

use super::{Owner, SocketEntry};
use crate::sys;

/// The inode of a `socket:[INODE]` link target.
fn socket_inode(target: &[u8]) -> Option<u64> {
    let digits = target.strip_prefix(b"socket:[")?.strip_suffix(b"]")?;
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    Some(n)
}

/// The process id of a `/proc` entry name (all digits).
fn pid_of(name: &[u8]) -> Option<u32> {
    if name.is_empty() || !name.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(name).ok()?.parse().ok()
}

/// `/proc/PID/comm` without its newline; empty when the process is gone.
fn comm(pid: u32) -> String {
    let mut s = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if s.ends_with('\n') {
        s.pop();
    }
    s
}

/// Fills `owners` of every entry in `entries` whose inode some process holds. With `pids`, only
/// those processes are scanned. Each owning process is listed once per socket, in pid order of
/// the scan.
pub(crate) fn resolve(entries: &mut [SocketEntry], pids: Option<&[u32]>) {
    let mut by_inode: HashMap<u64, usize> = HashMap::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if e.inode != 0 {
            by_inode.insert(e.inode, i);
        }
    }
    if by_inode.is_empty() {
        return;
    }
    let mut path = Vec::with_capacity(32);
    let mut name = Vec::with_capacity(16);
    let mut scan = |pid: u32| {
        // /proc/PID/fd, opened once: each link is then read relative to it (readlinkat), so the
        // kernel does not walk /proc/PID/fd again for every descriptor.
        path.clear();
        let _ = write!(path, "/proc/{pid}/fd\0");
        let Ok(cpath) = CStr::from_bytes_with_nul(&path) else { return };
        let Ok(dirfd) = sys::open_dir(cpath) else { return };
        let Ok(dir) = fs::read_dir(OsStr::from_bytes(&path[..path.len() - 1])) else { return };
        let mut comm_of: Option<String> = None;
        let mut target = [0u8; 64];
        for fd in dir.flatten() {
            name.clear();
            name.extend_from_slice(fd.file_name().as_bytes());
            name.push(0);
            let Ok(cname) = CStr::from_bytes_with_nul(&name) else { continue };
            let Ok(n) = sys::readlinkat(&dirfd, cname, &mut target) else { continue };
            let Some(inode) = target.get(..n).and_then(socket_inode) else { continue };
            let Some(&i) = by_inode.get(&inode) else { continue };
            let owners = &mut entries[i].owners;
            // A process holding one socket through several descriptors is one owner.
            if owners.last().is_some_and(|o| o.pid == pid) {
                continue;
            }
            let comm = comm_of.get_or_insert_with(|| comm(pid)).clone();
            owners.push(Owner { pid, comm });
        }
    };
    match pids {
        Some(pids) => pids.iter().copied().for_each(&mut scan),
        None => {
            let Ok(proc) = fs::read_dir("/proc") else { return };
            for ent in proc.flatten() {
                if let Some(pid) = pid_of(ent.file_name().as_bytes()) {
                    scan(pid);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_links() {
        assert_eq!(socket_inode(b"socket:[12345]"), Some(12345));
        assert_eq!(socket_inode(b"socket:[18446744073709551615]"), Some(u64::MAX));
        assert_eq!(socket_inode(b"socket:[18446744073709551616]"), None);
        assert_eq!(socket_inode(b"socket:[]"), None);
        assert_eq!(socket_inode(b"socket:[1x]"), None);
        assert_eq!(socket_inode(b"pipe:[12345]"), None);
        assert_eq!(socket_inode(b"/dev/null"), None);
        assert_eq!(pid_of(b"123"), Some(123));
        assert_eq!(pid_of(b"self"), None);
        assert_eq!(pid_of(b""), None);
        assert_eq!(pid_of(b"99999999999"), None);
    }
}

//! Owners: one pass over the `/proc/PID/fd` entries, mapping each socket's inode to the
//! processes that hold it.
//!
//! Processes and descriptors come and go during the scan: a `/proc/PID` or an entry that has
//! vanished (`ENOENT`, `ESRCH`) or that this user may not read (`EACCES`, `EPERM`) is skipped,
//! never an error — like `ss -p` run as an ordinary user, such sockets simply have no owner.
//!
//! Per process: one `open` of `/proc/PID/fd`, and per descriptor one `fstatat` relative to that
//! directory, which follows the link and gives the socket's inode as `st_ino` (type
//! `S_IFSOCK`). That is what `ss -p` gets from `readlink` + parsing `socket:[INODE]`, without
//! the kernel formatting the text (`d_path`) or updating the link's access time: measured here
//! it is the cheaper call (see `tests/inspect/speed.py`).
//!
//! Which descriptors: since Linux 6.2 the directory's `st_size` is the number of open
//! descriptors, and most tables are dense from 0, so the scan looks the numbers 0, 1, 2, ...
//! up directly until it has found that many, skipping the `getdents64` listing and the kernel
//! work behind it (and a size of 0, a kernel thread's, means nothing to look at) (measured here with a C program making only these calls: 18,500 descriptors
//! scanned in 41.6 ms of CPU instead of 47 with the listing). A sparse table (more misses than a small budget)
//! or an older kernel (size 0) gets the listing, for the numbers not probed yet, into one
//! reused buffer.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::ffi::CStr;
use std::fs;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;

use super::{Owner, SocketEntry};
use crate::error::Error;
use crate::sys;

/// The process id of a `/proc` entry name (all digits).
fn pid_of(name: &[u8]) -> Option<u32> {
    if name.is_empty() || !name.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(name).ok()?.parse().ok()
}

/// The name of descriptor `n`'s `/proc/PID/fd` entry (its decimal digits), as a C string.
struct FdName([u8; 11]);

impl FdName {
    fn of(&mut self, n: u32) -> &CStr {
        // u32::MAX has 10 digits; the 11th byte stays the NUL.
        let mut at = 10;
        let mut n = n;
        self.0[10] = 0;
        loop {
            at -= 1;
            self.0[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        CStr::from_bytes_with_nul(&self.0[at..]).unwrap_or_default()
    }
}

/// `/proc/PID/comm` without its newline; empty when the process is gone.
fn comm(pid: u32) -> String {
    let mut s = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if s.ends_with('\n') {
        s.pop();
    }
    s
}

/// The names in a `getdents64` result: each `struct linux_dirent64` record is `d_ino: u64,
/// d_off: i64, d_reclen: u16, d_type: u8`, then the NUL-terminated name, `d_reclen` bytes in
/// all. A record the bytes do not hold whole ends the walk (the kernel never writes one).
fn dirent_names(mut buf: &[u8]) -> impl Iterator<Item = &CStr> {
    std::iter::from_fn(move || {
        let reclen = usize::from(u16::from_ne_bytes([*buf.get(16)?, *buf.get(17)?]));
        let rec = buf.get(..reclen).filter(|_| reclen > 19)?;
        buf = &buf[reclen..];
        CStr::from_bytes_until_nul(&rec[19..]).ok()
    })
}

/// The hash of the inode map. Socket inodes are a kernel counter, and a process's descriptors
/// were mostly opened in inode order: keeping the inode's low bits as the bucket index makes
/// consecutive lookups touch neighbouring buckets (measured: with a mixing hash the map's cache
/// misses were a third of the scan's user time), while the top 7 bits, which hashbrown keeps as
/// the slot's tag, get mixed bits so that neighbours still have different tags.
#[derive(Default)]
struct InodeHasher(u64);

impl Hasher for InodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n ^ (n.wrapping_mul(0x9e37_79b9_7f4a_7c15) & (0x7f << 57));
    }
}

/// One socket found in one process's descriptors.
struct Hit {
    /// The index of the socket in the entries.
    entry: u32,
    /// The index of its process in the scan's list of `(pid, comm)`.
    process: u32,
}

/// Fills `owners` of every entry in `entries` whose inode some process holds. With `pids`, only
/// those processes are scanned. Each owning process is listed once per socket, in pid order of
/// the scan.
pub(crate) fn resolve(entries: &mut [SocketEntry], pids: Option<&[u32]>) {
    let mut by_inode: HashMap<u64, u32, BuildHasherDefault<InodeHasher>> =
        HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    for (i, e) in entries.iter().enumerate() {
        if e.inode != 0 {
            // More than 2^32 sockets cannot be open; a longer table would only lose owners.
            let Ok(i) = u32::try_from(i) else { break };
            by_inode.insert(e.inode, i);
        }
    }
    if by_inode.is_empty() {
        return;
    }
    // The scan only collects hits; they are applied in entry order afterwards, so the large
    // entries are walked once, in order, instead of being touched at random for every hit.
    let mut hits: Vec<Hit> = Vec::with_capacity(by_inode.len());
    let mut processes: Vec<(u32, String)> = Vec::new();
    let mut path = Vec::with_capacity(32);
    let mut buf = Box::new(sys::DirentBuf([0; 16384]));
    let mut fd_name = FdName([0; 11]);
    let mut inodes: Vec<u64> = Vec::new();
    // Whether this kernel reports descriptor counts as the fd directory's size: then a size of
    // 0 means no descriptors (kernel threads, most of a host's processes), with nothing to
    // list. Our own table always has some, so its size tells.
    let counts =
        sys::open_dir(c"/proc/self/fd").is_ok_and(|d| sys::dir_size(&d).is_ok_and(|n| n > 0));
    let mut scan = |pid: u32| {
        path.clear();
        let _ = write!(path, "/proc/{pid}/fd\0");
        let Ok(cpath) = CStr::from_bytes_with_nul(&path) else { return };
        let Ok(dir) = sys::open_dir(cpath) else { return };
        let Ok(process) = u32::try_from(processes.len()) else { return };
        // The process's socket inodes are looked up in the map after its scan, all at once:
        // between two `fstatat`s the kernel's work has evicted the map from the caches.
        inodes.clear();
        let mut visit = |st: sys::FdStat| {
            if st.kind == sys::c::S_IFSOCK {
                inodes.push(st.ino);
            }
        };
        let owns = |inodes: &[u64], hits: &mut Vec<Hit>| {
            let first = hits.len();
            for ino in inodes {
                if let Some(&entry) = by_inode.get(ino) {
                    hits.push(Hit { entry, process });
                }
            }
            hits.len() > first
        };
        // Probe 0, 1, 2, ... while the table looks dense (see the module docs). A process
        // that exits meanwhile makes every lookup miss: the budget ends the probing.
        let mut probed = 0u32;
        let size = sys::dir_size(&dir);
        if counts && matches!(size, Ok(0)) {
            return;
        }
        if let Ok(count @ 1..) = size {
            let budget = 8 + count / 16;
            let (mut found, mut missed) = (0u64, 0u64);
            while found < count && missed <= budget {
                match sys::fstatat(&dir, fd_name.of(probed)) {
                    Ok(st) => {
                        found += 1;
                        visit(st);
                    }
                    Err(Error::Os { code: sys::c::ENOENT, .. }) => missed += 1,
                    // There, but not ours to follow (EACCES): no owner to find, as below.
                    Err(_) => found += 1,
                }
                let Some(next) = probed.checked_add(1) else { return };
                probed = next;
            }
            if found >= count {
                if owns(&inodes, &mut hits) {
                    processes.push((pid, comm(pid)));
                }
                return;
            }
        }
        // The listing, for the numbers not probed. A process that exits mid-scan ends it
        // early (ENOENT): skipped, not an error.
        while let Ok(n @ 1..) = sys::getdents64(&dir, &mut buf) {
            for name in dirent_names(buf.0.get(..n).unwrap_or_default()) {
                // "." and ".." are no numbers; numbers below `probed` were looked up already.
                if !pid_of(name.to_bytes()).is_some_and(|fd| fd >= probed) {
                    continue;
                }
                let Ok(st) = sys::fstatat(&dir, name) else { continue };
                visit(st);
            }
        }
        if owns(&inodes, &mut hits) {
            processes.push((pid, comm(pid)));
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
    // Stable: each socket's owners stay in scan order.
    hits.sort_by_key(|h| h.entry);
    for run in hits.chunk_by(|a, b| a.entry == b.entry) {
        let Some(e) = run.first().and_then(|h| entries.get_mut(h.entry as usize)) else {
            continue;
        };
        // Room for exactly this socket's hits (one, mostly), not a growing vector's first
        // four: 12,000 sockets' owner lists are then 1.5 MB smaller.
        e.owners.reserve_exact(run.len());
        for h in run {
            let Some((pid, comm)) = processes.get(h.process as usize) else { continue };
            // A process holding one socket through several descriptors is one owner.
            if e.owners.last().is_some_and(|o| o.pid == *pid) {
                continue;
            }
            e.owners.push(Owner { pid: *pid, comm: comm.clone() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fd_names() {
        let mut n = FdName([0; 11]);
        for (fd, text) in [(0, "0"), (7, "7"), (10, "10"), (4095, "4095"), (u32::MAX, "4294967295")]
        {
            assert_eq!(n.of(fd).to_str(), Ok(text));
        }
    }

    #[test]
    fn pids() {
        assert_eq!(pid_of(b"123"), Some(123));
        assert_eq!(pid_of(b"self"), None);
        assert_eq!(pid_of(b""), None);
        assert_eq!(pid_of(b"99999999999"), None);
    }

    /// One `linux_dirent64` record as the kernel lays it out, padded to 8 bytes.
    fn record(name: &[u8]) -> Vec<u8> {
        let len = (19 + name.len() + 1).div_ceil(8) * 8;
        let mut r = vec![0u8; len];
        r[..8].copy_from_slice(&7u64.to_ne_bytes());
        r[16..18].copy_from_slice(&(len as u16).to_ne_bytes());
        r[18] = 10; // DT_LNK
        r[19..19 + name.len()].copy_from_slice(name);
        r
    }

    #[test]
    fn dirent_records() {
        let mut buf = [record(b"."), record(b".."), record(b"0"), record(b"12345")].concat();
        let names: Vec<_> = dirent_names(&buf).map(|n| n.to_bytes().to_vec()).collect();
        assert_eq!(names, [&b"."[..], b"..", b"0", b"12345"]);
        // A record cut short, a zero or too-small length, and a name without its NUL end the
        // walk instead of reading past the bytes (or looping forever).
        let whole = buf.len();
        assert_eq!(dirent_names(&buf[..whole - 1]).count(), 3);
        assert_eq!(dirent_names(&buf[..10]).count(), 0);
        buf[16..18].copy_from_slice(&0u16.to_ne_bytes());
        assert_eq!(dirent_names(&buf).count(), 0);
        buf[16..18].copy_from_slice(&19u16.to_ne_bytes());
        assert_eq!(dirent_names(&buf).count(), 0);
        let mut unterminated = record(b"abcd");
        let end = unterminated.len();
        unterminated[19..end].fill(b'x');
        assert_eq!(dirent_names(&unterminated).count(), 0);
    }
}

//! The OS calls of `inspect` on Linux: a `NETLINK_SOCK_DIAG` socket, one request sent to the
//! kernel, and the replies received. One OS call per function; `inspect/netlink.rs` builds the
//! requests and parses the replies.

use std::mem;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use super::{c, last_error};
use crate::error::{Error, Result};

/// `NETLINK_SOCK_DIAG` (4): the sock_diag netlink family (`linux/sock_diag.h`).
const NETLINK_SOCK_DIAG: c::c_int = 4;

/// `socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)`.
pub(crate) fn sock_diag_socket() -> Result<OwnedFd> {
    // SAFETY: socket() takes integers only.
    let fd =
        unsafe { c::socket(c::AF_NETLINK, c::SOCK_DGRAM | c::SOCK_CLOEXEC, NETLINK_SOCK_DIAG) };
    if fd < 0 {
        return Err(Error::os("socket", last_error()));
    }
    // SAFETY: fd was just returned by socket() and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `sendto(fd, req, len, 0, {AF_NETLINK, pid 0 (the kernel)})`; returns the bytes sent.
pub(crate) fn sock_diag_send(fd: &OwnedFd, req: &[u8]) -> Result<usize> {
    // SAFETY: sockaddr_nl is plain integers; all-zero is valid.
    let mut kernel: c::sockaddr_nl = unsafe { mem::zeroed() };
    kernel.nl_family = c::AF_NETLINK as c::sa_family_t;
    // SAFETY: req is a live slice of req.len() bytes; kernel is a live sockaddr_nl and the length
    // passed is its size.
    let n = unsafe {
        c::sendto(
            fd.as_raw_fd(),
            req.as_ptr().cast(),
            req.len(),
            0,
            (&kernel as *const c::sockaddr_nl).cast(),
            mem::size_of::<c::sockaddr_nl>() as c::socklen_t,
        )
    };
    if n < 0 {
        return Err(Error::os("sendto", last_error()));
    }
    Ok(n as usize)
}

/// `recv(fd, buf, len, 0)`; returns the length of the datagram, which is larger than
/// `buf.len()` when it was truncated (`MSG_TRUNC` asks the kernel for the real length).
pub(crate) fn sock_diag_recv(fd: &OwnedFd, buf: &mut [u8]) -> Result<usize> {
    // SAFETY: buf is a live, writable buffer of buf.len() bytes; the kernel writes at most that.
    let n = unsafe { c::recv(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), c::MSG_TRUNC) };
    if n < 0 {
        return Err(Error::os("recv", last_error()));
    }
    Ok(n as usize)
}

/// `open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)`: a directory to list and to look names up
/// relative to.
pub(crate) fn open_dir(path: &std::ffi::CStr) -> Result<OwnedFd> {
    // SAFETY: path is a valid NUL-terminated string for the duration of the call.
    let fd = unsafe { c::open(path.as_ptr(), c::O_RDONLY | c::O_DIRECTORY | c::O_CLOEXEC) };
    if fd < 0 {
        return Err(Error::os("open", last_error()));
    }
    // SAFETY: fd was just returned by open() and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `fstat(dir)`'s `st_size`: for a `/proc/PID/fd` directory, Linux 6.2 and later report the
/// number of open descriptors there (earlier kernels report 0).
pub(crate) fn dir_size(dir: &OwnedFd) -> Result<u64> {
    // SAFETY: libc::stat is plain integers; all-zero is valid.
    let mut st: c::stat = unsafe { mem::zeroed() };
    // SAFETY: dir is an open descriptor; st is a live, writable stat the kernel fills.
    let r = unsafe { c::fstat(dir.as_raw_fd(), &mut st) };
    if r < 0 {
        return Err(Error::os("fstat", last_error()));
    }
    Ok(u64::try_from(st.st_size).unwrap_or(0))
}

/// What `fstatat` says about one `/proc/PID/fd/N` entry, the link followed: the open file's
/// type bits (`st_mode & S_IFMT`) and inode number.
pub(crate) struct FdStat {
    /// `st_mode & S_IFMT`; `S_IFSOCK` for a socket.
    pub(crate) kind: u32,
    /// `st_ino`; for a socket, the inode `sock_diag` and `/proc/net` report.
    pub(crate) ino: u64,
}

/// `fstatat(dir, name, &st, 0)`, following the link: the type and inode of the file a
/// `/proc/PID/fd/N` entry stands for. Unlike `readlinkat` it formats no `socket:[INODE]` text
/// and updates no access time.
pub(crate) fn fstatat(dir: &OwnedFd, name: &std::ffi::CStr) -> Result<FdStat> {
    // SAFETY: libc::stat is plain integers; all-zero is valid.
    let mut st: c::stat = unsafe { mem::zeroed() };
    // SAFETY: name is NUL-terminated; st is a live, writable stat the kernel fills.
    let r = unsafe { c::fstatat(dir.as_raw_fd(), name.as_ptr(), &mut st, 0) };
    if r < 0 {
        return Err(Error::os("fstatat", last_error()));
    }
    // st_mode and st_ino are narrower than u32/u64 on some 32-bit targets.
    #[allow(clippy::useless_conversion)]
    Ok(FdStat { kind: u32::from(st.st_mode & c::S_IFMT), ino: u64::from(st.st_ino) })
}

/// A buffer for [`getdents64`]: the kernel writes `struct linux_dirent64` records, which are
/// 8-byte aligned relative to its start.
#[repr(C, align(8))]
pub(crate) struct DirentBuf(pub(crate) [u8; 16384]);

/// `getdents64(dir, buf, len)`: the next directory records of `dir` written into `buf`; returns
/// the bytes written (0 at the end of the directory). Each record is `d_ino: u64, d_off: i64,
/// d_reclen: u16, d_type: u8, d_name: [u8]` (NUL-terminated), `d_reclen` bytes long.
pub(crate) fn getdents64(dir: &OwnedFd, buf: &mut DirentBuf) -> Result<usize> {
    // SAFETY: buf is a live, writable, 8-aligned buffer of buf.0.len() bytes; the kernel writes
    // at most that many.
    let n =
        unsafe { c::syscall(c::SYS_getdents64, dir.as_raw_fd(), buf.0.as_mut_ptr(), buf.0.len()) };
    if n < 0 {
        return Err(Error::os("getdents64", last_error()));
    }
    Ok(n as usize)
}

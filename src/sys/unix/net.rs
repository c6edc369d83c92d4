//! Socket calls over libc: one OS call per function. See `sys/mod.rs` for the contract.
//!
//! None of these functions retries `EINTR`: the portable layer (`socket.rs`, `poll.rs`) does.

use std::io::{IoSlice, IoSliceMut};
use std::mem::{self, MaybeUninit};
use std::os::fd::{FromRawFd, IntoRawFd};

use super::{c, last_error, OwnedSocket, RawSocket};
use crate::addr::SockAddr;
use crate::error::{Error, Result};

/// The most bytes one `send`/`recv` is asked to move. Slices never exceed `isize::MAX` bytes, so
/// this only matters where the OS takes a smaller integer (macOS rejects lengths above
/// `INT_MAX`); larger buffers are clamped, like std does, and the call reports a short count.
#[cfg(target_vendor = "apple")]
const MAX_IO_LEN: usize = c::c_int::MAX as usize - 1;
#[cfg(not(target_vendor = "apple"))]
const MAX_IO_LEN: usize = isize::MAX as usize;

/// Flags added to every `send`/`sendto`/`sendmsg`: no `SIGPIPE` when the peer has gone. Apple
/// systems have no `MSG_NOSIGNAL`; their sockets get `SO_NOSIGPIPE` when created instead.
#[cfg(not(target_vendor = "apple"))]
pub(super) const SEND_FLAGS: i32 = c::MSG_NOSIGNAL;
#[cfg(target_vendor = "apple")]
pub(super) const SEND_FLAGS: i32 = 0;

/// The `iovcnt`/`msg_iovlen` limit (`IOV_MAX`, 1024 on Linux); longer slices are clamped, and the
/// call reports a short count, as std's `read_vectored`/`write_vectored` do.
pub(super) const MAX_IOV: usize = 1024;

/// Takes ownership of a descriptor a successful call just returned.
///
/// # Safety
///
/// `fd` must be a fresh, open descriptor that nothing else owns.
#[inline]
unsafe fn owned(fd: RawSocket) -> OwnedSocket {
    // SAFETY: guaranteed by the caller.
    unsafe { OwnedSocket::from_raw_fd(fd) }
}

/// `SOCK_CLOEXEC` where `socket`/`socketpair`/`accept4` take it; Apple systems get
/// `FD_CLOEXEC` right after creation instead (see `apple_flags`).
#[cfg(not(target_vendor = "apple"))]
const SOCK_CLOEXEC: i32 = c::SOCK_CLOEXEC;

/// The `socket(2)` type flags, which Apple's kernel does not know (berkeley's own bits there,
/// see `sys/unix/mod.rs`): stripped before the call and applied after it by `apple_flags`.
#[cfg(target_vendor = "apple")]
const TYPE_FLAGS: i32 = c::SOCK_NONBLOCK | c::SOCK_CLOEXEC;

/// On a new socket of a system without `SOCK_CLOEXEC`, `SOCK_NONBLOCK` and `MSG_NOSIGNAL`:
/// `FD_CLOEXEC` (always), `SO_NOSIGPIPE` (always) and the blocking mode `flags` asks for — set
/// whenever `SOCK_NONBLOCK` is given, and always for an `accepted` socket, which would keep the
/// listener's mode otherwise (a fresh socket is blocking already). On failure the socket is
/// dropped, which closes it.
#[cfg(target_vendor = "apple")]
fn apple_flags(
    s: OwnedSocket,
    flags: i32,
    accepted: bool,
    call: &'static str,
) -> Result<OwnedSocket> {
    use std::os::fd::AsRawFd;
    // SAFETY: F_SETFD takes an int argument and only changes the descriptor's flags.
    if unsafe { c::fcntl(s.as_raw_fd(), c::F_SETFD, c::FD_CLOEXEC) } < 0 {
        return Err(Error::os(call, last_error()));
    }
    let one: c::c_int = 1;
    // SAFETY: `one` is a live c_int and the length passed is its size; the kernel only reads it.
    let rc = unsafe {
        c::setsockopt(
            s.as_raw_fd(),
            c::SOL_SOCKET,
            c::SO_NOSIGPIPE,
            (&one as *const c::c_int).cast(),
            mem::size_of::<c::c_int>() as c::socklen_t,
        )
    };
    if rc < 0 {
        return Err(Error::os(call, last_error()));
    }
    let nonblocking = flags & c::SOCK_NONBLOCK != 0;
    if nonblocking || accepted {
        set_nonblocking(s.as_raw_fd(), nonblocking)?;
    }
    Ok(s)
}

/// `socket(2)` with `SOCK_CLOEXEC` added (Apple: the flags applied after creation).
pub(crate) fn socket(domain: i32, ty: i32, protocol: i32) -> Result<OwnedSocket> {
    #[cfg(not(target_vendor = "apple"))]
    let os_ty = ty | SOCK_CLOEXEC;
    #[cfg(target_vendor = "apple")]
    let os_ty = ty & !TYPE_FLAGS;
    // SAFETY: socket() takes only integers; on success it returns a new descriptor we own.
    let fd = unsafe { c::socket(domain, os_ty, protocol) };
    if fd < 0 {
        return Err(Error::os("socket", last_error()));
    }
    // SAFETY: fd is a freshly created descriptor that nothing else owns.
    let s = unsafe { owned(fd) };
    #[cfg(target_vendor = "apple")]
    let s = apple_flags(s, ty, false, "socket")?;
    Ok(s)
}

/// `socketpair(2)` with `SOCK_CLOEXEC` added (Apple: the flags applied after creation).
pub(crate) fn socketpair(
    domain: i32,
    ty: i32,
    protocol: i32,
) -> Result<(OwnedSocket, OwnedSocket)> {
    #[cfg(not(target_vendor = "apple"))]
    let os_ty = ty | SOCK_CLOEXEC;
    #[cfg(target_vendor = "apple")]
    let os_ty = ty & !TYPE_FLAGS;
    let mut fds = [-1 as c::c_int; 2];
    // SAFETY: `fds` is a live array of two ints, as socketpair() requires.
    let rc = unsafe { c::socketpair(domain, os_ty, protocol, fds.as_mut_ptr()) };
    if rc < 0 {
        return Err(Error::os("socketpair", last_error()));
    }
    // SAFETY: on success both descriptors are fresh and owned by us alone.
    let pair = unsafe { (owned(fds[0]), owned(fds[1])) };
    #[cfg(target_vendor = "apple")]
    let pair = (
        apple_flags(pair.0, ty, false, "socketpair")?,
        apple_flags(pair.1, ty, false, "socketpair")?,
    );
    Ok(pair)
}

/// `bind(2)`.
pub(crate) fn bind(s: RawSocket, addr: &SockAddr) -> Result<()> {
    // SAFETY: `addr.as_ptr()` is readable for `addr.raw_len()` bytes (SockAddr's invariant).
    if unsafe { c::bind(s, addr.as_ptr(), addr.raw_len()) } < 0 {
        return Err(Error::os_addr("bind", last_error(), addr));
    }
    Ok(())
}

/// `listen(2)`.
pub(crate) fn listen(s: RawSocket, backlog: i32) -> Result<()> {
    // SAFETY: listen() takes only integers.
    if unsafe { c::listen(s, backlog) } < 0 {
        return Err(Error::os("listen", last_error()));
    }
    Ok(())
}

/// `accept4(2)` with `flags` (`SOCK_NONBLOCK`) and `SOCK_CLOEXEC`. Apple systems have no
/// `accept4`: plain `accept`, then `apple_flags` sets close-on-exec, `SO_NOSIGPIPE` and exactly
/// the blocking mode `flags` asks for (BSD `accept` passes the listener's mode on).
pub(crate) fn accept(s: RawSocket, flags: i32) -> Result<(OwnedSocket, SockAddr)> {
    // SAFETY: the closure passes the storage pointer and its in/out length straight to the
    // kernel, which writes at most `*len` bytes there and stores the full length back, as
    // `try_init` requires.
    unsafe {
        SockAddr::try_init(|addr, len| {
            #[cfg(not(target_vendor = "apple"))]
            let fd = c::accept4(s, addr, len, flags | SOCK_CLOEXEC);
            #[cfg(target_vendor = "apple")]
            let fd = c::accept(s, addr, len);
            if fd < 0 {
                return Err(Error::os("accept", last_error()));
            }
            let fd = owned(fd);
            #[cfg(target_vendor = "apple")]
            let fd = apple_flags(fd, flags, true, "accept")?;
            Ok(fd)
        })
    }
}

/// `connect(2)`.
pub(crate) fn connect(s: RawSocket, addr: &SockAddr) -> Result<()> {
    // SAFETY: `addr.as_ptr()` is readable for `addr.raw_len()` bytes (SockAddr's invariant).
    if unsafe { c::connect(s, addr.as_ptr(), addr.raw_len()) } < 0 {
        return Err(Error::os_addr("connect", last_error(), addr));
    }
    Ok(())
}

/// `send(2)` with `MSG_NOSIGNAL` added.
#[inline]
pub(crate) fn send(s: RawSocket, buf: &[u8], flags: i32) -> Result<usize> {
    let len = buf.len().min(MAX_IO_LEN);
    // SAFETY: `buf` is readable for `len <= buf.len()` bytes; the kernel only reads them.
    let n = unsafe { c::send(s, buf.as_ptr().cast(), len, flags | SEND_FLAGS) };
    if n < 0 {
        return Err(Error::os("send", last_error()));
    }
    Ok(n as usize)
}

/// `sendto(2)` with `MSG_NOSIGNAL` added; errors name the destination.
#[inline]
pub(crate) fn sendto(s: RawSocket, buf: &[u8], flags: i32, addr: &SockAddr) -> Result<usize> {
    let len = buf.len().min(MAX_IO_LEN);
    // SAFETY: `buf` is readable for `len` bytes and `addr.as_ptr()` for `addr.raw_len()` bytes;
    // the kernel only reads both.
    let n = unsafe {
        c::sendto(s, buf.as_ptr().cast(), len, flags | SEND_FLAGS, addr.as_ptr(), addr.raw_len())
    };
    if n < 0 {
        return Err(Error::os_addr("sendto", last_error(), addr));
    }
    Ok(n as usize)
}

/// `recv(2)`: returns what the kernel returned — the bytes it wrote at the start of `buf`,
/// except under `MSG_TRUNC` (see the contract in `sys/mod.rs`).
#[inline]
pub(crate) fn recv(s: RawSocket, buf: &mut [MaybeUninit<u8>], flags: i32) -> Result<usize> {
    let len = buf.len().min(MAX_IO_LEN);
    // SAFETY: `buf` is writable for `len <= buf.len()` bytes; the kernel writes at most that.
    let n = unsafe { c::recv(s, buf.as_mut_ptr().cast(), len, flags) };
    if n < 0 {
        return Err(Error::os("recv", last_error()));
    }
    Ok(n as usize)
}

/// `recvfrom(2)`: the count the kernel returned (as for `recv`) and the sender's address.
#[inline]
pub(crate) fn recvfrom(
    s: RawSocket,
    buf: &mut [MaybeUninit<u8>],
    flags: i32,
) -> Result<(usize, SockAddr)> {
    let len = buf.len().min(MAX_IO_LEN);
    // SAFETY: `buf` is writable for `len` bytes; the address storage and its in/out length come
    // from `try_init`, and the kernel writes at most `*alen` bytes there and stores the full
    // length back (0 when there is no address, as for a connected stream).
    unsafe {
        SockAddr::try_init(|addr, alen| {
            let n = c::recvfrom(s, buf.as_mut_ptr().cast(), len, flags, addr, alen);
            if n < 0 {
                return Err(Error::os("recvfrom", last_error()));
            }
            Ok(n as usize)
        })
    }
}

/// `sendmsg(2)` of a gather list, with `MSG_NOSIGNAL` added (no address, no control data).
pub(crate) fn send_vectored(s: RawSocket, bufs: &[IoSlice<'_>], flags: i32) -> Result<usize> {
    // SAFETY: an all-zero msghdr is valid (null pointers with zero lengths).
    let mut msg: c::msghdr = unsafe { mem::zeroed() };
    // IoSlice is guaranteed ABI-compatible with iovec on Unix; the kernel only reads it.
    msg.msg_iov = bufs.as_ptr().cast_mut().cast::<c::iovec>();
    msg.msg_iovlen = bufs.len().min(MAX_IOV) as _;
    // SAFETY: msg points to `msg_iovlen` live iovecs, each readable for its length.
    let n = unsafe { c::sendmsg(s, &msg, flags | SEND_FLAGS) };
    if n < 0 {
        return Err(Error::os("sendmsg", last_error()));
    }
    Ok(n as usize)
}

/// `recvmsg(2)` into a scatter list (no address, no control data).
pub(crate) fn recv_vectored(
    s: RawSocket,
    bufs: &mut [IoSliceMut<'_>],
    flags: i32,
) -> Result<usize> {
    // SAFETY: an all-zero msghdr is valid (null pointers with zero lengths).
    let mut msg: c::msghdr = unsafe { mem::zeroed() };
    // IoSliceMut is guaranteed ABI-compatible with iovec on Unix.
    msg.msg_iov = bufs.as_mut_ptr().cast::<c::iovec>();
    msg.msg_iovlen = bufs.len().min(MAX_IOV) as _;
    // SAFETY: msg points to `msg_iovlen` live iovecs, each writable for its length; the kernel
    // writes initialised bytes only within them.
    let n = unsafe { c::recvmsg(s, &mut msg, flags) };
    if n < 0 {
        return Err(Error::os("recvmsg", last_error()));
    }
    Ok(n as usize)
}

/// `sendmsg(2)` of a gather list to `addr`, with `MSG_NOSIGNAL` added (no control data).
pub(crate) fn sendto_vectored(
    s: RawSocket,
    bufs: &[IoSlice<'_>],
    flags: i32,
    addr: &SockAddr,
) -> Result<usize> {
    // SAFETY: an all-zero msghdr is valid (null pointers with zero lengths).
    let mut msg: c::msghdr = unsafe { mem::zeroed() };
    msg.msg_name = addr.as_ptr().cast_mut().cast();
    msg.msg_namelen = addr.len() as c::socklen_t;
    // IoSlice is guaranteed ABI-compatible with iovec on Unix; the kernel only reads it.
    msg.msg_iov = bufs.as_ptr().cast_mut().cast::<c::iovec>();
    msg.msg_iovlen = bufs.len().min(MAX_IOV) as _;
    // SAFETY: msg points to `msg_iovlen` live iovecs, each readable for its length, and to
    // `addr`'s storage, readable for `msg_namelen` bytes; the kernel writes through neither.
    let n = unsafe { c::sendmsg(s, &msg, flags | SEND_FLAGS) };
    if n < 0 {
        return Err(Error::os_addr("sendmsg", last_error(), addr));
    }
    Ok(n as usize)
}

/// `recvmsg(2)` into a scatter list with the sender's address (no control data): the kernel's
/// count (as for `recv`), the output `msg_flags` (`MSG_TRUNC`, ...) and the address.
pub(crate) fn recvmsg(
    s: RawSocket,
    bufs: &mut [IoSliceMut<'_>],
    flags: i32,
) -> Result<((usize, i32), SockAddr)> {
    // SAFETY: the address storage and its in/out length come from `try_init`; the kernel
    // writes at most `*alen` bytes there, and initialised bytes only within the iovecs.
    unsafe {
        SockAddr::try_init(|addr, alen| {
            // An all-zero msghdr is valid (null pointers with zero lengths).
            let mut msg: c::msghdr = mem::zeroed();
            msg.msg_name = addr.cast();
            msg.msg_namelen = *alen;
            // IoSliceMut is guaranteed ABI-compatible with iovec on Unix.
            msg.msg_iov = bufs.as_mut_ptr().cast::<c::iovec>();
            msg.msg_iovlen = bufs.len().min(MAX_IOV) as _;
            let n = c::recvmsg(s, &mut msg, flags);
            if n < 0 {
                return Err(Error::os("recvmsg", last_error()));
            }
            *alen = msg.msg_namelen;
            Ok((n as usize, msg.msg_flags))
        })
    }
}

/// `shutdown(2)`.
pub(crate) fn shutdown(s: RawSocket, how: i32) -> Result<()> {
    // SAFETY: shutdown() takes only integers.
    if unsafe { c::shutdown(s, how) } < 0 {
        return Err(Error::os("shutdown", last_error()));
    }
    Ok(())
}

/// `getsockname(2)`.
pub(crate) fn getsockname(s: RawSocket) -> Result<SockAddr> {
    // SAFETY: the kernel writes at most `*len` bytes at `addr` and stores the full length back.
    let ((), addr) = unsafe {
        SockAddr::try_init(|addr, len| {
            if c::getsockname(s, addr, len) < 0 {
                return Err(Error::os("getsockname", last_error()));
            }
            Ok(())
        })
    }?;
    Ok(addr)
}

/// `getpeername(2)`.
pub(crate) fn getpeername(s: RawSocket) -> Result<SockAddr> {
    // SAFETY: the kernel writes at most `*len` bytes at `addr` and stores the full length back.
    let ((), addr) = unsafe {
        SockAddr::try_init(|addr, len| {
            if c::getpeername(s, addr, len) < 0 {
                return Err(Error::os("getpeername", last_error()));
            }
            Ok(())
        })
    }?;
    Ok(addr)
}

/// `ioctl(FIONBIO)`: one call, no read-modify-write of the file flags.
pub(crate) fn set_nonblocking(s: RawSocket, on: bool) -> Result<()> {
    let mut on = c::c_int::from(on);
    // SAFETY: FIONBIO reads one int through the pointer, which points to a live c_int.
    if unsafe { c::ioctl(s, c::FIONBIO, &mut on) } < 0 {
        return Err(Error::os("ioctl(FIONBIO)", last_error()));
    }
    Ok(())
}

/// `fcntl(F_GETFL)`: whether `O_NONBLOCK` is set.
pub(crate) fn nonblocking(s: RawSocket) -> Result<bool> {
    // SAFETY: F_GETFL takes no argument and only reads the descriptor's flags.
    let flags = unsafe { c::fcntl(s, c::F_GETFL) };
    if flags < 0 {
        return Err(Error::os("fcntl(F_GETFL)", last_error()));
    }
    Ok(flags & c::O_NONBLOCK != 0)
}

/// `fcntl(F_DUPFD_CLOEXEC, 3)`: a new close-on-exec descriptor for the same socket (numbered 3 or
/// above, so it never lands on stdin/stdout/stderr).
pub(crate) fn dup(s: RawSocket) -> Result<OwnedSocket> {
    // SAFETY: F_DUPFD_CLOEXEC takes an int argument and returns a new descriptor we own.
    let fd = unsafe { c::fcntl(s, c::F_DUPFD_CLOEXEC, 3) };
    if fd < 0 {
        return Err(Error::os("fcntl(F_DUPFD_CLOEXEC)", last_error()));
    }
    // SAFETY: fd is a fresh descriptor that nothing else owns.
    Ok(unsafe { owned(fd) })
}

/// `fcntl(F_GETFD)`: whether `FD_CLOEXEC` is set.
pub(crate) fn cloexec(s: RawSocket) -> Result<bool> {
    // SAFETY: F_GETFD takes no argument and only reads the descriptor's flags.
    let flags = unsafe { c::fcntl(s, c::F_GETFD) };
    if flags < 0 {
        return Err(Error::os("fcntl(F_GETFD)", last_error()));
    }
    Ok(flags & c::FD_CLOEXEC != 0)
}

/// `fcntl(F_GETFD)` + `fcntl(F_SETFD)`: sets or clears `FD_CLOEXEC`, keeping the other
/// descriptor flags (two calls; the second is skipped when nothing changes).
pub(crate) fn set_cloexec(s: RawSocket, on: bool) -> Result<()> {
    // SAFETY: F_GETFD takes no argument and only reads the descriptor's flags.
    let flags = unsafe { c::fcntl(s, c::F_GETFD) };
    if flags < 0 {
        return Err(Error::os("fcntl(F_GETFD)", last_error()));
    }
    let new = if on { flags | c::FD_CLOEXEC } else { flags & !c::FD_CLOEXEC };
    // SAFETY: F_SETFD takes an int argument and only changes the descriptor's flags.
    if new != flags && unsafe { c::fcntl(s, c::F_SETFD, new) } < 0 {
        return Err(Error::os("fcntl(F_SETFD)", last_error()));
    }
    Ok(())
}

/// Whether child processes inherit the descriptor: `FD_CLOEXEC` is clear.
pub(crate) fn inheritable(s: RawSocket) -> Result<bool> {
    cloexec(s).map(|on| !on)
}

/// Makes child processes inherit the descriptor (clears `FD_CLOEXEC`) or not (sets it).
pub(crate) fn set_inheritable(s: RawSocket, on: bool) -> Result<()> {
    set_cloexec(s, !on)
}

/// `poll(2)`: how many entries have non-zero `revents`.
pub(crate) fn poll(fds: &mut [c::pollfd], timeout_ms: i32) -> Result<usize> {
    let n = c::nfds_t::try_from(fds.len()).map_err(|_| Error::InvalidInput {
        call: "poll",
        what: "more descriptors than nfds_t can count",
    })?;
    // SAFETY: `fds` is a live, writable array of `n` pollfd structs; the kernel writes only
    // their `revents` fields.
    let rc = unsafe { c::poll(fds.as_mut_ptr(), n, timeout_ms) };
    if rc < 0 {
        return Err(Error::os("poll", last_error()));
    }
    Ok(rc as usize)
}

/// `close(2)`, reporting its error (dropping an `OwnedFd` ignores it). Never retried: on Linux
/// the descriptor is gone even when `close` fails with `EINTR`.
pub(crate) fn close(s: OwnedSocket) -> Result<()> {
    let fd = s.into_raw_fd();
    // SAFETY: we own fd (taken out of the OwnedFd, which will not close it again).
    if unsafe { c::close(fd) } < 0 {
        return Err(Error::os("close", last_error()));
    }
    Ok(())
}

/// A `fd_set` with the highest descriptor ever inserted (`select`'s `nfds` is that plus one).
///
/// The libc `FD_*` macros do no bounds check (glibc's `FD_SET` on a descriptor ≥ `FD_SETSIZE`
/// writes past the set), so `insert` checks first and every other method only looks at
/// descriptors below `FD_SETSIZE`.
#[derive(Clone, Copy)]
pub(crate) struct RawFdSet {
    set: c::fd_set,
    /// An upper bound of the members (-1: none was ever inserted since the last `clear`).
    max: i32,
}

/// `FD_SETSIZE` as an `i32` (1024 on Linux, macOS and FreeBSD).
#[allow(clippy::unnecessary_cast)] // usize on Linux, another integer type elsewhere
const FD_SETSIZE: i32 = c::FD_SETSIZE as i32;

impl RawFdSet {
    /// An empty set (`FD_ZERO`).
    pub(crate) fn new() -> RawFdSet {
        let mut set = MaybeUninit::<c::fd_set>::uninit();
        // SAFETY: FD_ZERO writes every byte of the set it is given, which is live and writable.
        unsafe { c::FD_ZERO(set.as_mut_ptr()) };
        // SAFETY: FD_ZERO initialised the whole struct just above.
        RawFdSet { set: unsafe { set.assume_init() }, max: -1 }
    }

    /// `FD_SET`, after checking `0 <= fd < FD_SETSIZE`.
    pub(crate) fn insert(&mut self, fd: RawSocket) -> Result<()> {
        if !(0..FD_SETSIZE).contains(&fd) {
            return Err(Error::InvalidInput {
                call: "FD_SET",
                what: "descriptor not below FD_SETSIZE (1024): use poll for it",
            });
        }
        // SAFETY: 0 <= fd < FD_SETSIZE, so the bit lies inside the set.
        unsafe { c::FD_SET(fd, &mut self.set) };
        self.max = self.max.max(fd);
        Ok(())
    }

    /// `FD_CLR`; a descriptor outside the set's range is not a member, so nothing happens.
    pub(crate) fn remove(&mut self, fd: RawSocket) {
        if (0..FD_SETSIZE).contains(&fd) {
            // SAFETY: 0 <= fd < FD_SETSIZE, so the bit lies inside the set.
            unsafe { c::FD_CLR(fd, &mut self.set) };
        }
    }

    /// `FD_ISSET`; false for a descriptor outside the set's range.
    pub(crate) fn contains(&self, fd: RawSocket) -> bool {
        // SAFETY: 0 <= fd < FD_SETSIZE, so the bit lies inside the set, which is only read.
        (0..FD_SETSIZE).contains(&fd) && unsafe { c::FD_ISSET(fd, &self.set) }
    }

    /// The first member at or after position `*pos`, advancing `*pos` past it.
    pub(crate) fn next_from(&self, pos: &mut usize) -> Option<RawSocket> {
        while let Ok(fd) = i32::try_from(*pos) {
            if fd > self.max {
                return None;
            }
            *pos += 1;
            if self.contains(fd) {
                return Some(fd);
            }
        }
        None
    }

    /// `select`'s `nfds` for this set: its highest member plus one.
    pub(crate) fn nfds(&self) -> i32 {
        self.max + 1
    }
}

/// The set's raw pointer, or null for no set.
fn fd_set_ptr(set: Option<&mut RawFdSet>) -> *mut c::fd_set {
    set.map_or(std::ptr::null_mut(), |s| &mut s.set)
}

/// `select(2)`: `nfds` is one more than the highest descriptor in the three sets; a `None`
/// timeout waits forever. The kernel rewrites the sets to hold only the ready descriptors.
pub(crate) fn select(
    nfds: i32,
    readfds: Option<&mut RawFdSet>,
    writefds: Option<&mut RawFdSet>,
    exceptfds: Option<&mut RawFdSet>,
    timeout: Option<c::timeval>,
) -> Result<usize> {
    let mut tv = timeout;
    let tv_ptr = tv.as_mut().map_or(std::ptr::null_mut(), |t| t as *mut c::timeval);
    // SAFETY: each pointer is null or points to a live, writable fd_set; descriptors below
    // `nfds` <= FD_SETSIZE are the only bits the kernel reads or writes (RawFdSet keeps its
    // members below FD_SETSIZE); `tv_ptr` is null or a live timeval the kernel may update.
    let rc = unsafe {
        c::select(nfds, fd_set_ptr(readfds), fd_set_ptr(writefds), fd_set_ptr(exceptfds), tv_ptr)
    };
    if rc < 0 {
        return Err(Error::os("select", last_error()));
    }
    Ok(rc as usize)
}

/// A `timeval` of `secs` seconds and `micros` microseconds (`micros` < 1 000 000).
#[allow(clippy::useless_conversion)] // `suseconds_t` is i64 on Linux, i32 on macOS
pub(crate) fn timeval(secs: i32, micros: i32) -> c::timeval {
    c::timeval { tv_sec: secs.into(), tv_usec: micros.into() }
}

/// How many messages one `sendmmsg`/`recvmmsg` call takes at most: the headers, iovecs and
/// address buffers live on the stack (about 26 KiB), so a batch needs no allocation per call.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) const MMSG_MAX: usize = 128;

/// `recvmmsg(2)` of up to `min(lens.len(), MMSG_MAX)` datagrams into the consecutive
/// `msg_size`-byte slots of `data`; for each message received, its kernel count (as for
/// `recv`), output flags and sender are stored in `lens`, `oflags` and `addrs`. Returns how
/// many messages were received. No timeout (`NULL`).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn recvmmsg(
    s: RawSocket,
    data: &mut [u8],
    msg_size: usize,
    lens: &mut [usize],
    oflags: &mut [i32],
    addrs: &mut [SockAddr],
    flags: i32,
) -> Result<usize> {
    let n = lens.len().min(oflags.len()).min(addrs.len()).min(MMSG_MAX);
    let n = data.len().checked_div(msg_size).map_or(n, |fit| n.min(fit));
    // SAFETY: all-zero mmsghdr, iovec and sockaddr_storage values are valid (null pointers,
    // zero lengths).
    let mut hdrs: [c::mmsghdr; MMSG_MAX] = unsafe { mem::zeroed() };
    // SAFETY: as above.
    let mut iovs: [c::iovec; MMSG_MAX] = unsafe { mem::zeroed() };
    // SAFETY: as above.
    let mut names: [c::sockaddr_storage; MMSG_MAX] = unsafe { mem::zeroed() };
    let base = data.as_mut_ptr();
    for i in 0..n {
        // In bounds: i * msg_size + msg_size <= data.len() by the choice of n.
        iovs[i].iov_base = base.wrapping_add(i * msg_size).cast();
        iovs[i].iov_len = msg_size;
        hdrs[i].msg_hdr.msg_iov = &mut iovs[i];
        hdrs[i].msg_hdr.msg_iovlen = 1;
        hdrs[i].msg_hdr.msg_name = (&mut names[i] as *mut c::sockaddr_storage).cast();
        hdrs[i].msg_hdr.msg_namelen = mem::size_of::<c::sockaddr_storage>() as c::socklen_t;
    }
    // A null timeout waits as the socket does.
    // SAFETY: the first `n` headers point to live iovecs writable for `msg_size` bytes each inside
    // `data` (n * msg_size <= data.len()) and to live sockaddr_storage of `msg_namelen` bytes.
    let rc = unsafe { c::recvmmsg(s, hdrs.as_mut_ptr(), n as _, flags as _, std::ptr::null_mut()) };
    if rc < 0 {
        return Err(Error::os("recvmmsg", last_error()));
    }
    let got = (rc as usize).min(n);
    for i in 0..got {
        lens[i] = hdrs[i].msg_len as usize;
        oflags[i] = hdrs[i].msg_hdr.msg_flags;
        let alen =
            (hdrs[i].msg_hdr.msg_namelen as usize).min(mem::size_of::<c::sockaddr_storage>());
        // SAFETY: names[i] is a live sockaddr_storage, readable for its whole size >= alen.
        addrs[i] = unsafe {
            SockAddr::from_raw_parts((&names[i] as *const c::sockaddr_storage).cast(), alen)
        };
    }
    Ok(got)
}

/// `sendmmsg(2)` of up to `MMSG_MAX` datagrams: message `i` is `data[i * msg_size..][..lens[i]]`
/// sent to `addrs[i]` (the empty address: the connected peer), with `MSG_NOSIGNAL` added.
/// Returns how many messages were sent (fewer than asked: the rest were not).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn sendmmsg(
    s: RawSocket,
    data: &[u8],
    msg_size: usize,
    lens: &[usize],
    addrs: &[SockAddr],
    flags: i32,
) -> Result<usize> {
    let n = lens.len().min(addrs.len()).min(MMSG_MAX);
    // SAFETY: all-zero mmsghdr and iovec values are valid (null pointers, zero lengths).
    let mut hdrs: [c::mmsghdr; MMSG_MAX] = unsafe { mem::zeroed() };
    // SAFETY: as above.
    let mut iovs: [c::iovec; MMSG_MAX] = unsafe { mem::zeroed() };
    let mut n_ok = 0;
    for i in 0..n {
        let start = i.saturating_mul(msg_size);
        let Some(msg) = data.get(start..).and_then(|d| d.get(..lens[i])) else {
            break; // a length beyond the buffer is never sent (the batch type prevents it)
        };
        iovs[i].iov_base = msg.as_ptr().cast_mut().cast();
        iovs[i].iov_len = msg.len();
        hdrs[i].msg_hdr.msg_iov = &mut iovs[i];
        hdrs[i].msg_hdr.msg_iovlen = 1;
        if !addrs[i].is_empty() {
            hdrs[i].msg_hdr.msg_name = addrs[i].as_ptr().cast_mut().cast();
            hdrs[i].msg_hdr.msg_namelen = addrs[i].raw_len() as c::socklen_t;
        }
        n_ok = i + 1;
    }
    // SAFETY: the first `n_ok` headers point to live iovecs, each readable for its length
    // inside `data`, and to addresses readable for `msg_namelen` bytes; the kernel only reads
    // them (and writes `msg_len`).
    let rc = unsafe { c::sendmmsg(s, hdrs.as_mut_ptr(), n_ok as _, (flags | SEND_FLAGS) as _) };
    if rc < 0 {
        return Err(Error::os("sendmmsg", last_error()));
    }
    Ok(rc as usize)
}

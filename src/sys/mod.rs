//! The only place that calls the OS.
//!
//! `sys::unix` (libc) and `sys::windows` (windows-sys, Winsock) expose the **same** `pub(crate)`
//! items, so the portable files (`socket.rs`, `sockopt.rs`, `addr/`) never mention a platform
//! except for platform-only API. This file only selects the backend; the contract both backends
//! keep is written here.
//!
//! # The backend contract
//!
//! Types and constants:
//!
//! | item | Unix | Windows |
//! |---|---|---|
//! | `c` | `libc` re-exported | windows-sys items renamed to POSIX spellings (`SOCKADDR_IN as sockaddr_in`, `WSAEWOULDBLOCK as EWOULDBLOCK`, ...) |
//! | `RawSocket` | `RawFd` (`i32`) | `std::os::windows::io::RawSocket` (`u64`) |
//! | `OwnedSocket` | `OwnedFd` | `std::os::windows::io::OwnedSocket` |
//! | `BorrowedSocket<'a>` | `BorrowedFd<'a>` | `std::os::windows::io::BorrowedSocket<'a>` |
//! | `socklen_t` | `libc::socklen_t` (`u32`) | `i32` |
//! | `sa_family_t` | `libc::sa_family_t` (`u16`) | `u16` (`ADDRESS_FAMILY`) |
//!
//! Address helpers (no OS call; they hide field-name differences of the C structs):
//! `in_addr_to_ipv4(&in_addr) -> Ipv4Addr`, `ipv4_to_in_addr(Ipv4Addr) -> in_addr`,
//! `in6_addr_to_ipv6(&in6_addr) -> Ipv6Addr`, `ipv6_to_in6_addr(Ipv6Addr) -> in6_addr`,
//! `sockaddr_in6_scope_id(&sockaddr_in6) -> u32`, `set_sockaddr_in6_scope_id(&mut sockaddr_in6, u32)`.
//!
//! Functions: each makes **exactly one** OS call, with these exceptions:
//!
//! - Windows' `socket` starts Winsock first (once per process, `startup`) and applies
//!   `SOCK_NONBLOCK` with `ioctlsocket(FIONBIO)`.
//! - Windows' `accept` (Winsock has no `accept4`) sets the new socket's mode with
//!   `ioctlsocket(FIONBIO)` and clears `HANDLE_FLAG_INHERIT` with `SetHandleInformation`. It
//!   needs no Winsock start-up: the listening socket proves that Winsock runs.
//! - On Apple systems, which lack `SOCK_NONBLOCK`, `SOCK_CLOEXEC`, `MSG_NOSIGNAL` and `accept4`,
//!   `socket`/`socketpair`/`accept` strip the two type flags and then set `FD_CLOEXEC`,
//!   `SO_NOSIGPIPE` and the blocking mode.
//! - `set_cloexec` reads the descriptor flags before it writes them; Windows' `dup` is
//!   `WSADuplicateSocketW` + `WSASocketW`.
//!
//! Each returns `crate::Result` and names the C call in its error (`Error::os("bind", code)`,
//! with the address where there is one). None retries `EINTR`; the portable layer does.
//! Lengths that do not fit the OS's integer type are clamped (for `send`/`recv`, like std) or
//! rejected with `Error::InvalidInput`.
//!
//! Buffers the kernel fills are `&mut [MaybeUninit<u8>]`, and the kernel stores only
//! initialised bytes there. What a receive returns is the **kernel's count**, which is the
//! number of bytes written at the start of the buffer *unless* the caller passed `MSG_TRUNC`:
//! then Linux returns a datagram's full length, which can exceed the buffer, and on TCP
//! discards that many bytes without writing any. So a caller that passes flags must not trust
//! the count as "bytes written": `Socket::recv_with_flags`/`recvfrom_with_flags` turn it into a
//! `Received { len, full_len }` whose `len` never exceeds the buffer and is 0 for TCP under
//! `MSG_TRUNC`; the calls that pass no flags (`recv`, `recv_uninit`, `Read`) may use it as is.
//!
//! ```text
//! socket(domain: i32, ty: i32, protocol: i32) -> Result<OwnedSocket>        // close-on-exec
//! socketpair(domain, ty, protocol) -> Result<(OwnedSocket, OwnedSocket)>    // Unix only
//! bind(s: RawSocket, addr: &SockAddr) -> Result<()>
//! listen(s, backlog: i32) -> Result<()>
//! accept(s, flags: i32) -> Result<(OwnedSocket, SockAddr)>                  // accept4: flags = SOCK_NONBLOCK or 0; close-on-exec
//! connect(s, addr: &SockAddr) -> Result<()>
//! send(s, buf: &[u8], flags: i32) -> Result<usize>                          // + MSG_NOSIGNAL where it exists
//! sendto(s, buf: &[u8], flags: i32, addr: &SockAddr) -> Result<usize>
//! recv(s, buf: &mut [MaybeUninit<u8>], flags: i32) -> Result<usize>          // the kernel's count (see above)
//! recvfrom(s, buf: &mut [MaybeUninit<u8>], flags: i32) -> Result<(usize, SockAddr)>
//! send_vectored(s, bufs: &[IoSlice<'_>], flags: i32) -> Result<usize>          // sendmsg (WSASend); + MSG_NOSIGNAL where it exists
//! recv_vectored(s, bufs: &mut [IoSliceMut<'_>], flags: i32) -> Result<usize>   // recvmsg (WSARecv)
//! sendto_vectored(s, bufs: &[IoSlice<'_>], flags, addr: &SockAddr) -> Result<usize> // sendmsg with msg_name (WSASendTo)
//! recvmsg(s, bufs: &mut [IoSliceMut<'_>], flags) -> Result<((usize, i32), SockAddr)> // count, msg_flags, sender (WSARecvFrom)
//! sendmmsg(s, data, msg_size, lens, addrs, flags) -> Result<usize>        // Linux only; <= MMSG_MAX messages, headers on the stack
//! recvmmsg(s, data, msg_size, lens, oflags, addrs, flags) -> Result<usize> // Linux only; <= MMSG_MAX messages
//! RawFdSet::{new, insert, remove, contains, next_from, nfds}               // fd_set, no OS call; insert checks FD_SETSIZE (Unix) / 64 handles (Windows)
//! select(nfds, r, w, x: Option<&mut RawFdSet>, timeout: Option<timeval>) -> Result<usize> // nfds ignored on Windows
//! timeval(secs: i32, micros: i32) -> timeval                               // no OS call (Windows: TIMEVAL)
//! shutdown(s, how: i32) -> Result<()>
//! getsockname(s) -> Result<SockAddr>
//! getpeername(s) -> Result<SockAddr>
//! setsockopt(s, level: i32, name: i32, value: &[u8]) -> Result<()>
//! getsockopt(s, level: i32, name: i32, buf: &mut [MaybeUninit<u8>]) -> Result<usize>
//! set_nonblocking(s, on: bool) -> Result<()>                                // ioctl(FIONBIO)
//! nonblocking(s) -> Result<bool>                                            // Unix only (fcntl)
//! set_cloexec(s, on: bool) -> Result<()>, cloexec(s) -> Result<bool>        // Unix only (fcntl F_SETFD/F_GETFD)
//! set_inheritable(s, on: bool) -> Result<()>, inheritable(s) -> Result<bool> // Unix: !FD_CLOEXEC; Windows: HANDLE_FLAG_INHERIT
//! dup(s) -> Result<OwnedSocket>                                             // close-on-exec
//! poll(fds: &mut [pollfd], timeout_ms: i32) -> Result<usize>                // WSAPoll on Windows
//! close(s: OwnedSocket) -> Result<()>                                       // reports the error
//! ping_group_range() -> Option<String>                                      // Linux: reads the sysctl file; None elsewhere
//! ```

cfg_if::cfg_if! {
    if #[cfg(unix)] {
        mod unix;
        pub(crate) use self::unix::*;
    } else if #[cfg(windows)] {
        mod windows;
        pub(crate) use self::windows::*;
    } else {
        compile_error!("berkeley supports Unix and Windows targets");
    }
}

//! Socket calls over libc: one OS call per function. See `sys/mod.rs` for the contract.

use std::os::fd::{FromRawFd, IntoRawFd};

use super::{c, last_error, OwnedSocket};
use crate::error::{Error, Result};

/// `socket(2)` with `SOCK_CLOEXEC` added.
pub(crate) fn socket(domain: i32, ty: i32, protocol: i32) -> Result<OwnedSocket> {
    // SAFETY: socket() takes only integers; on success it returns a new descriptor we own.
    let fd = unsafe { c::socket(domain, ty | c::SOCK_CLOEXEC, protocol) };
    if fd < 0 {
        return Err(Error::os("socket", last_error()));
    }
    // SAFETY: fd is a freshly created descriptor that nothing else owns.
    Ok(unsafe { OwnedSocket::from_raw_fd(fd) })
}

/// `close(2)`, reporting its error (dropping an `OwnedFd` ignores it).
pub(crate) fn close(s: OwnedSocket) -> Result<()> {
    let fd = s.into_raw_fd();
    // SAFETY: we own fd (taken out of the OwnedFd, which will not close it again).
    if unsafe { c::close(fd) } < 0 {
        return Err(Error::os("close", last_error()));
    }
    Ok(())
}

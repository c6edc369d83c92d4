//! `setsockopt(2)` / `getsockopt(2)` over libc. See `sys/mod.rs` for the contract.

use std::mem::MaybeUninit;

use super::{c, last_error, socklen_t, RawSocket};
use crate::error::{Error, Result};

/// `setsockopt(2)`: one call, `value` passed as the option's bytes.
pub(crate) fn setsockopt(s: RawSocket, level: i32, name: i32, value: &[u8]) -> Result<()> {
    let len = socklen_t::try_from(value.len()).map_err(|_| Error::InvalidInput {
        call: "setsockopt",
        what: "option value longer than socklen_t can express",
    })?;
    // SAFETY: `value` is readable for `len` bytes; the kernel only reads them.
    let rc = unsafe { c::setsockopt(s, level, name, value.as_ptr().cast(), len) };
    if rc < 0 {
        return Err(Error::os("setsockopt", last_error()));
    }
    Ok(())
}

/// `getsockopt(2)`: one call; returns how many bytes the kernel wrote into `buf`.
pub(crate) fn getsockopt(
    s: RawSocket,
    level: i32,
    name: i32,
    buf: &mut [MaybeUninit<u8>],
) -> Result<usize> {
    let mut len = socklen_t::try_from(buf.len()).unwrap_or(socklen_t::MAX);
    // SAFETY: `buf` is writable for `len` (<= buf.len()) bytes, and `len` is a valid in/out
    // length; the kernel writes at most `len` bytes and stores the written length back.
    let rc = unsafe { c::getsockopt(s, level, name, buf.as_mut_ptr().cast(), &mut len) };
    if rc < 0 {
        return Err(Error::os("getsockopt", last_error()));
    }
    // The kernel never reports more than it was given room for; clamp defensively anyway.
    Ok((len as usize).min(buf.len()))
}

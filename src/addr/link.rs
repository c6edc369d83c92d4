//! SKELETON — replaced by the addr helper: `SockAddrLl` (`struct sockaddr_ll`).

use std::fmt;

use super::SockAddr;

/// The least length of an `AF_PACKET` address the kernel returns: `offsetof(sockaddr_ll, sll_addr)`.
pub(super) const MIN_LEN: usize = 12;

/// A link-layer socket address (skeleton).
#[derive(Clone, Copy)]
pub struct SockAddrLl(());

impl SockAddr {
    /// The link-layer address (skeleton).
    pub fn as_ll(&self) -> Option<SockAddrLl> {
        None
    }
}

impl fmt::Display for SockAddrLl {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl fmt::Debug for SockAddrLl {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

//! SKELETON — replaced by the addr helper: `SockAddrUn` (`struct sockaddr_un`).

use std::fmt;

use super::SockAddr;

/// A UNIX-domain socket address (skeleton).
#[derive(Clone, Copy)]
pub struct SockAddrUn(());

impl SockAddr {
    /// The UNIX-domain address (skeleton).
    pub fn as_un(&self) -> Option<SockAddrUn> {
        None
    }
}

impl fmt::Display for SockAddrUn {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl fmt::Debug for SockAddrUn {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

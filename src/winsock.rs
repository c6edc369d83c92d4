//! Windows only: Winsock start-up ([`Winsock`]) and the Windows-only socket controls
//! ([`Socket::set_udp_connreset`]). `Socket`'s handle traits (`AsSocket`, `AsRawSocket`,
//! `IntoRawSocket`, `FromRawSocket`, `From<OwnedSocket>`) are implemented with [`Socket`], beside
//! the Unix descriptor traits.
//!
//! Every berkeley call that opens a socket from nothing ([`Socket::new`]) starts Winsock 2.2 by
//! itself, once per process, so most programs never need this module: `Socket::new` just works.
//! Sockets made from an existing one (`accept`, `dup`) or taken over from std need no start-up
//! of their own: that socket exists, so Winsock is running. The explicit [`Winsock`] guard is for
//! programs that want to
//!
//! - **check what they got** before opening any socket (the version, the implementation's
//!   description and status: [`Winsock::version`], [`Winsock::description`], ...);
//! - **control when `WSACleanup` runs**, for example in a DLL that must balance its own
//!   `WSAStartup` before it is unloaded, or in code that mixes berkeley with other Winsock users.
//!
//! `WSAStartup` and `WSACleanup` are counted per process: Winsock stays up while any start-up is
//! unbalanced. A guard balances exactly its own; the start-up berkeley makes on first use lasts
//! until the process exits (like std's).
//!
//! ```
//! use berkeley::Winsock;
//! # fn main() -> berkeley::Result<()> {
//! let wsa = Winsock::startup()?;
//! assert_eq!(wsa.version(), (2, 2));
//! println!("{} ({})", wsa.description(), wsa.system_status());
//! drop(wsa); // WSACleanup()
//! # Ok(()) }
//! ```
//!
//! See [Initializing Winsock](https://learn.microsoft.com/en-us/windows/win32/winsock/initializing-winsock).

use std::fmt;

use crate::error::Result;
use crate::socket::Socket;
use crate::sys;

/// A Winsock start-up: `WSAStartup(MAKEWORD(2, 2))` when made, `WSACleanup()` when dropped.
///
/// C: `WSADATA wsa; WSAStartup(MAKEWORD(2, 2), &wsa); ... WSACleanup();` — Python: none (the
/// `socket` module starts Winsock when it is imported).
///
/// The guard keeps the facts `WSAStartup` reported in its `WSADATA`. You rarely need one (see
/// the [module docs](crate::winsock)): berkeley starts Winsock by itself on first use.
///
/// ```
/// use berkeley::Winsock;
/// # fn main() -> berkeley::Result<()> {
/// let wsa = Winsock::startup()?;
/// assert_eq!(wsa.version(), (2, 2));
/// assert!(wsa.high_version() >= (2, 2));
/// # Ok(()) }
/// ```
#[must_use = "dropping the guard calls WSACleanup at once"]
pub struct Winsock {
    version: u16,
    high_version: u16,
    max_sockets: u16,
    max_udp_dg: u16,
    description: String,
    system_status: String,
}

/// A `WORD` version as `(major, minor)`: `LOBYTE` is the major version.
#[inline]
const fn split_version(word: u16) -> (u8, u8) {
    let [lo, hi] = word.to_le_bytes();
    (lo, hi)
}

/// A NUL-terminated `char` array as text: the bytes before the first NUL, or before the first
/// byte that is not UTF-8 (the strings are ASCII in practice).
fn c_text(chars: &[i8]) -> String {
    let bytes: Vec<u8> = chars.iter().map(|&c| c as u8).take_while(|&b| b != 0).collect();
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(valid);
            // The prefix up to `valid_up_to` is valid UTF-8 by definition.
            String::from_utf8(bytes).unwrap_or_default()
        }
    }
}

impl Winsock {
    /// `WSAStartup(MAKEWORD(2, 2), &wsadata)` — starts Winsock 2.2 and returns the guard.
    ///
    /// C: `int WSAStartup(WORD wVersionRequired, LPWSADATA lpWSAData);`
    ///
    /// # Errors
    ///
    /// The `WSAStartup` error code (`WSASYSNOTREADY`, `WSAEPROCLIM`, ...), or
    /// `WSAVERNOTSUPPORTED` (10092) if the system offers no version 2.2 (the start-up is undone
    /// then). Each successful call must be, and by this guard is, balanced by one `WSACleanup`;
    /// calling it several times is fine.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let a = berkeley::Winsock::startup()?;
    /// let b = berkeley::Winsock::startup()?; // counted: two start-ups, two cleanups
    /// assert_eq!(a.version(), b.version());
    /// # Ok(()) }
    /// ```
    ///
    /// See [WSAStartup](https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsastartup).
    #[doc(alias = "WSAStartup")]
    pub fn startup() -> Result<Winsock> {
        let data = sys::wsa_startup()?;
        Ok(Winsock {
            version: data.wVersion,
            high_version: data.wHighVersion,
            max_sockets: data.iMaxSockets,
            max_udp_dg: data.iMaxUdpDg,
            description: c_text(&data.szDescription),
            system_status: c_text(&data.szSystemStatus),
        })
    }

    /// The version in use (`wVersion`) as `(major, minor)`: always `(2, 2)`, since
    /// [`startup`](Winsock::startup) fails otherwise.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// assert_eq!(berkeley::Winsock::startup()?.version(), (2, 2));
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn version(&self) -> (u8, u8) {
        split_version(self.version)
    }

    /// The highest version the system's Winsock supports (`wHighVersion`), as `(major, minor)`.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let (major, _minor) = berkeley::Winsock::startup()?.high_version();
    /// assert!(major >= 2);
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn high_version(&self) -> (u8, u8) {
        split_version(self.high_version)
    }

    /// The implementation's description (`szDescription`), for example `"WinSock 2.0"`.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let wsa = berkeley::Winsock::startup()?;
    /// println!("Winsock: {}", wsa.description());
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The implementation's status or configuration text (`szSystemStatus`), for example
    /// `"Running"`; often empty.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let wsa = berkeley::Winsock::startup()?;
    /// println!("status: {:?}", wsa.system_status());
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn system_status(&self) -> &str {
        &self.system_status
    }

    /// `iMaxSockets`: the most sockets a process could open, as Winsock 1 reported it. Ignored
    /// since Winsock 2 (which reports 0 or a meaningless value); there is no such limit to query
    /// any more.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let _legacy = berkeley::Winsock::startup()?.max_sockets();
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn max_sockets(&self) -> u16 {
        self.max_sockets
    }

    /// `iMaxUdpDg`: the largest UDP datagram, as Winsock 1 reported it. Ignored since Winsock 2;
    /// read `SO_MAX_MSG_SIZE` on a socket instead.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let _legacy = berkeley::Winsock::startup()?.max_udp_dg();
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn max_udp_dg(&self) -> u16 {
        self.max_udp_dg
    }
}

impl Drop for Winsock {
    /// `WSACleanup()`. Its error cannot be reported from `drop`; it fails only when there is no
    /// start-up to balance, which the guard rules out.
    fn drop(&mut self) {
        let _ = sys::wsa_cleanup();
    }
}

impl fmt::Debug for Winsock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (major, minor) = self.version();
        let (high_major, high_minor) = self.high_version();
        f.debug_struct("Winsock")
            .field("version", &format_args!("{major}.{minor}"))
            .field("high_version", &format_args!("{high_major}.{high_minor}"))
            .field("description", &self.description)
            .field("system_status", &self.system_status)
            .field("max_sockets", &self.max_sockets)
            .field("max_udp_dg", &self.max_udp_dg)
            .finish()
    }
}

impl Socket {
    /// `WSAIoctl(SIO_UDP_CONNRESET)` — whether an ICMP "port unreachable" for a datagram this
    /// UDP socket sent makes its next `recv`/`recvfrom` fail with `WSAECONNRESET` (10054).
    /// Windows only.
    ///
    /// C: `BOOL on = FALSE; WSAIoctl(s, SIO_UDP_CONNRESET, &on, sizeof on, NULL, 0, &bytes, NULL,
    /// NULL);` — Python: none (`sock.ioctl` knows only `SIO_RCVALL`, `SIO_KEEPALIVE_VALS` and
    /// `SIO_LOOPBACK_FAST_PATH`).
    ///
    /// Windows' default is on, which differs from Unix: there an unconnected UDP socket never
    /// sees such errors. A server answering many peers on one socket usually turns it off, so a
    /// single vanished client cannot make its `recvfrom` loop fail.
    ///
    /// # Errors
    ///
    /// `WSAEINVAL` and similar if the socket is not a UDP socket.
    ///
    /// ```
    /// use berkeley::{Domain, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.set_udp_connreset(false)?; // behave like a Unix UDP server socket
    /// # Ok(()) }
    /// ```
    ///
    /// See [Winsock IOCTLs](https://learn.microsoft.com/en-us/windows/win32/winsock/winsock-ioctls).
    #[doc(alias = "SIO_UDP_CONNRESET")]
    pub fn set_udp_connreset(&self, on: bool) -> Result<()> {
        sys::set_udp_connreset(self.as_sys(), on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_split_major_minor() {
        assert_eq!(split_version(0x0202), (2, 2));
        assert_eq!(split_version(0x0102), (2, 1));
    }

    #[test]
    fn c_text_stops_at_nul_and_bad_utf8() {
        let chars: Vec<i8> = b"WinSock 2.0\0junk".iter().map(|&b| b as i8).collect();
        assert_eq!(c_text(&chars), "WinSock 2.0");
        let chars: Vec<i8> = b"ok\xffno".iter().map(|&b| b as i8).collect();
        assert_eq!(c_text(&chars), "ok");
        assert_eq!(c_text(&[]), "");
    }
}

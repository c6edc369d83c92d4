//! Host ↔ network byte order: `htons`, `htonl`, `ntohs`, `ntohl` (and the 64-bit `htonll`,
//! `ntohll`).
//!
//! Network byte order is big-endian. On a big-endian host these functions return their argument;
//! on a little-endian host (x86, most ARM) they swap the bytes. They are `const fn`, so they work
//! in constants, and compile to a single `bswap` (or nothing).
//!
//! Most of berkeley never needs them: the address types ([`SockAddrIn`](crate::SockAddrIn),
//! [`EtherType`](crate::EtherType), ...) take host-order values and convert exactly once inside.
//! They are here for code that fills C structs or packet headers by hand.
//!
//! ```
//! use berkeley::{htons, ntohs};
//!
//! const HTTP: u16 = htons(80);
//! assert_eq!(HTTP.to_ne_bytes(), [0, 80]);
//! assert_eq!(ntohs(HTTP), 80);
//! ```
#![forbid(unsafe_code)]

/// `htons(3)` — converts a 16-bit value from host to network (big-endian) byte order.
///
/// C: `uint16_t htons(uint16_t hostshort);` — Python: `socket.htons(x)`.
///
/// ```
/// assert_eq!(berkeley::htons(0x1234).to_ne_bytes(), [0x12, 0x34]);
/// ```
#[doc(alias = "to_be")]
#[inline]
#[must_use]
pub const fn htons(hostshort: u16) -> u16 {
    hostshort.to_be()
}

/// `htonl(3)` — converts a 32-bit value from host to network (big-endian) byte order.
///
/// C: `uint32_t htonl(uint32_t hostlong);` — Python: `socket.htonl(x)`.
///
/// ```
/// // INADDR_LOOPBACK (127.0.0.1) as it is stored in a sockaddr_in:
/// assert_eq!(berkeley::htonl(0x7f00_0001).to_ne_bytes(), [127, 0, 0, 1]);
/// ```
#[inline]
#[must_use]
pub const fn htonl(hostlong: u32) -> u32 {
    hostlong.to_be()
}

/// `ntohs(3)` — converts a 16-bit value from network (big-endian) to host byte order.
///
/// C: `uint16_t ntohs(uint16_t netshort);` — Python: `socket.ntohs(x)`.
///
/// ```
/// let wire = u16::from_ne_bytes([0x1f, 0x90]); // as read from a TCP header
/// assert_eq!(berkeley::ntohs(wire), 8080);
/// ```
#[doc(alias = "from_be")]
#[inline]
#[must_use]
pub const fn ntohs(netshort: u16) -> u16 {
    u16::from_be(netshort)
}

/// `ntohl(3)` — converts a 32-bit value from network (big-endian) to host byte order.
///
/// C: `uint32_t ntohl(uint32_t netlong);` — Python: `socket.ntohl(x)`.
///
/// ```
/// let wire = u32::from_ne_bytes([192, 0, 2, 1]);
/// assert_eq!(berkeley::ntohl(wire), 0xc000_0201);
/// ```
#[inline]
#[must_use]
pub const fn ntohl(netlong: u32) -> u32 {
    u32::from_be(netlong)
}

/// `htonll` — converts a 64-bit value from host to network (big-endian) byte order.
///
/// Not in POSIX; Windows has `htonll`, glibc has `htobe64`.
///
/// ```
/// assert_eq!(berkeley::byteorder::htonll(1).to_ne_bytes(), [0, 0, 0, 0, 0, 0, 0, 1]);
/// ```
#[doc(alias = "htobe64")]
#[inline]
#[must_use]
pub const fn htonll(hostlonglong: u64) -> u64 {
    hostlonglong.to_be()
}

/// `ntohll` — converts a 64-bit value from network (big-endian) to host byte order.
///
/// Not in POSIX; Windows has `ntohll`, glibc has `be64toh`.
///
/// ```
/// let wire = u64::from_ne_bytes([0, 0, 0, 0, 0, 0, 1, 0]);
/// assert_eq!(berkeley::byteorder::ntohll(wire), 256);
/// ```
#[doc(alias = "be64toh")]
#[inline]
#[must_use]
pub const fn ntohll(netlonglong: u64) -> u64 {
    u64::from_be(netlonglong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_wire_bytes() {
        for v in [0u16, 1, 0x00ff, 0xff00, 0x1234, u16::MAX] {
            assert_eq!(ntohs(htons(v)), v);
            assert_eq!(htons(v).to_ne_bytes(), v.to_be_bytes());
        }
        for v in [0u32, 1, 0x7f00_0001, 0xdead_beef, u32::MAX] {
            assert_eq!(ntohl(htonl(v)), v);
            assert_eq!(htonl(v).to_ne_bytes(), v.to_be_bytes());
        }
        for v in [0u64, 1, 0x0102_0304_0506_0708, u64::MAX] {
            assert_eq!(ntohll(htonll(v)), v);
            assert_eq!(htonll(v).to_ne_bytes(), v.to_be_bytes());
        }
    }
}

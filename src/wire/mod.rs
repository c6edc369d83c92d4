//! Typed, zero-copy views over packet bytes, and the Internet checksum (RFC 1071).
//!
//! Raw and packet sockets hand you bytes; this module gives them types — C's
//! `struct ether_header`, `struct ether_arp`, `struct iphdr`, `struct ip6_hdr`,
//! `struct icmphdr`, `struct icmp6_hdr`, `struct udphdr` and `struct tcphdr` — without copying
//! and without `unsafe`:
//!
//! | header | view | plain struct |
//! |---|---|---|
//! | Ethernet II (+ one 802.1Q tag) | [`EthernetFrame`] | [`EthernetRepr`] |
//! | ARP (Ethernet/IPv4) | [`ArpPacket`] | [`ArpRepr`] |
//! | IPv4 (options, DSCP/ECN, fragments) | [`Ipv4Packet`] | [`Ipv4Repr`] |
//! | IPv6 (fixed header) | [`Ipv6Packet`] | [`Ipv6Repr`] |
//! | ICMPv4 | [`Icmpv4Packet`] | [`Icmpv4Repr`] |
//! | ICMPv6 | [`Icmpv6Packet`] | [`Icmpv6Repr`] |
//! | UDP | [`UdpPacket`] | [`UdpRepr`] |
//! | TCP (flags, options) | [`TcpPacket`] | [`TcpRepr`] |
//!
//! - A **view** (`XxxPacket<T: AsRef<[u8]>>`) wraps a buffer — `&[u8]`, `&mut [u8]`, `Vec<u8>`,
//!   anything `AsRef<[u8]>`. `new_checked` checks every length the header claims, once; after
//!   that no getter can panic or read out of bounds, whatever the bytes. Getters return host-order
//!   numbers and typed values ([`Ipv4Addr`], [`MacAddr`](crate::ether::MacAddr),
//!   [`EtherType`](crate::EtherType), [`IpProtocol`]); setters exist when `T: AsMut<[u8]>`.
//! - A **repr** (`XxxRepr`) is a plain struct of the header's meaning: `parse(&view)` reads one
//!   (checking checksums and invariants), `emit(buf)` writes one into a buffer of at least
//!   `buffer_len()` bytes and returns the checked view of what it wrote.
//! - [`checksum`]: RFC 1071 one's-complement sums at memory speed (AVX2/SSE2 on x86_64,
//!   detected at run time; NEON on aarch64), streaming with odd-length chunks, pseudo-headers, and the RFC 1624
//!   incremental update.
//!
//! Every failure is a [`PacketError`] (inside [`Error::Packet`](crate::Error::Packet) when it
//! goes through `?`): what was wrong and in which header.
//!
//! ```
//! use berkeley::wire::{EthernetFrame, Ipv4Packet, IpProtocol, UdpPacket};
//! use berkeley::EtherType;
//! # fn main() -> berkeley::Result<()> {
//! // An Ethernet/IPv4/UDP frame as a packet socket delivers it (captured on loopback).
//! let bytes: [u8; 45] = [
//!     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, // Ethernet: zero MACs, IPv4
//!     0x45, 0, 0, 31, 0x08, 0x76, 0x40, 0, 64, 17, 0x34, 0x56, // IPv4 ...
//!     127, 0, 0, 1, 127, 0, 0, 1, //                       ... 127.0.0.1 > 127.0.0.1
//!     0x85, 0x9d, 0xb7, 0x99, 0, 11, 0xfe, 0x1e, // UDP 34205 > 47001
//!     b'o', b'd', b'd',
//! ];
//! let eth = EthernetFrame::new_checked(&bytes[..])?;
//! assert_eq!(eth.ethertype(), EtherType::IPV4);
//! let ip = Ipv4Packet::new_checked(eth.payload())?;
//! assert!(ip.verify_checksum());
//! assert_eq!(ip.protocol(), IpProtocol::UDP);
//! let udp = UdpPacket::new_checked(ip.payload())?;
//! assert_eq!(udp.dst_port(), 47001);
//! assert_eq!(udp.payload(), b"odd");
//! // On loopback Linux leaves the UDP checksum partial (only the pseudo-header sum): the
//! // datagram never leaves the host, so nobody computes the rest.
//! assert!(!udp.verify_checksum(&ip.pseudo_header()));
//! # Ok(()) }
//! ```
//!
//! Tested on Linux (byte vectors captured on loopback and on a tap device, proptests, fuzzing);
//! it is pure code, so Windows under wine runs the same tests; macOS and FreeBSD are compiled
//! and linted only.
#![deny(unsafe_code)] // forbidden in every file but the audited SIMD kernel (simd.rs)

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

pub mod arp;
pub mod checksum;
pub mod ethernet;
pub mod icmpv4;
pub mod icmpv6;
pub mod ipv4;
pub mod ipv6;
#[cfg(any(target_arch = "x86_64", all(target_arch = "aarch64", target_endian = "little")))]
mod simd;
pub mod tcp;
pub mod udp;

pub use self::arp::{ArpOperation, ArpPacket, ArpRepr};
pub use self::checksum::Checksum;
pub use self::ethernet::{EthernetFrame, EthernetRepr, VlanTag};
pub use self::icmpv4::{Icmpv4Packet, Icmpv4Repr};
pub use self::icmpv6::{Icmpv6Packet, Icmpv6Repr};
pub use self::ipv4::{Ipv4Packet, Ipv4Repr};
pub use self::ipv6::{Ipv6Packet, Ipv6Repr};
pub use self::tcp::{
    SackBlock, SackBlocks, TcpFlags, TcpOption, TcpOptions, TcpPacket, TcpRepr, TcpTimestamps,
};
pub use self::udp::{UdpPacket, UdpRepr};

/// Which header a [`PacketError`] is about.
///
/// ```
/// assert_eq!(berkeley::wire::Header::Ipv4.to_string(), "IPv4");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Header {
    /// Ethernet II.
    Ethernet,
    /// An 802.1Q VLAN tag.
    Vlan,
    /// ARP.
    Arp,
    /// IPv4.
    Ipv4,
    /// IPv6.
    Ipv6,
    /// ICMPv4.
    Icmpv4,
    /// ICMPv6.
    Icmpv6,
    /// UDP.
    Udp,
    /// TCP.
    Tcp,
    /// A TCP option.
    TcpOption,
}

impl fmt::Display for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Header::Ethernet => "Ethernet",
            Header::Vlan => "802.1Q",
            Header::Arp => "ARP",
            Header::Ipv4 => "IPv4",
            Header::Ipv6 => "IPv6",
            Header::Icmpv4 => "ICMPv4",
            Header::Icmpv6 => "ICMPv6",
            Header::Udp => "UDP",
            Header::Tcp => "TCP",
            Header::TcpOption => "TCP option",
        })
    }
}

/// What was wrong with a packet, and in which header.
///
/// ```
/// use berkeley::wire::{Header, Ipv4Packet, PacketError};
///
/// let err = Ipv4Packet::new_checked(&[0x45u8, 0, 0][..]).unwrap_err();
/// assert_eq!(err, PacketError::Truncated { header: Header::Ipv4, need: 20, got: 3 });
/// assert_eq!(err.to_string(), "IPv4: truncated: need 20 bytes, got 3");
/// let err: berkeley::Error = err.into();
/// assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PacketError {
    /// The buffer is shorter than the header (or than what a length field claims), or too
    /// short to emit into.
    #[error("{header}: truncated: need {need} bytes, got {got}")]
    Truncated {
        /// The header.
        header: Header,
        /// The bytes needed.
        need: usize,
        /// The bytes there are.
        got: usize,
    },
    /// A length field holds a value that cannot be right (an IPv4 IHL below 5, a UDP length
    /// below 8, a TCP data offset below 5, a payload too long for its length field, ...).
    #[error("{header}: bad {field} field: {value}")]
    BadLength {
        /// The header.
        header: Header,
        /// The field (`"IHL"`, `"total length"`, `"data offset"`, ...).
        field: &'static str,
        /// The value found (or asked for).
        value: usize,
    },
    /// The version field is not the header's version.
    #[error("{header}: bad version {found} (expected {expected})")]
    BadVersion {
        /// The header.
        header: Header,
        /// The version this header has.
        expected: u8,
        /// The version found.
        found: u8,
    },
    /// A checksum does not match the bytes.
    #[error("{header}: bad checksum: expected {expected:#06x}, found {found:#06x}")]
    BadChecksum {
        /// The header.
        header: Header,
        /// The checksum the bytes call for.
        expected: u16,
        /// The checksum in the packet.
        found: u16,
    },
    /// A field holds a value the plain struct cannot represent (an ARP hardware type other
    /// than Ethernet, ...); the view still reads it.
    #[error("{header}: unsupported {field} {value}")]
    Unsupported {
        /// The header.
        header: Header,
        /// The field.
        field: &'static str,
        /// The value found.
        value: u32,
    },
}

/// An IP protocol number (`IPPROTO_*`): IPv4's protocol field, IPv6's next header.
///
/// ```
/// use berkeley::wire::IpProtocol;
/// assert_eq!(IpProtocol::TCP.get(), 6);
/// assert_eq!(IpProtocol::from(17), IpProtocol::UDP);
/// assert_eq!(format!("{:?}", IpProtocol::ICMPV6), "IPPROTO_ICMPV6");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct IpProtocol(u8);

impl IpProtocol {
    /// `IPPROTO_HOPOPTS` (0): the IPv6 hop-by-hop options header.
    pub const HOPOPTS: IpProtocol = IpProtocol(0);
    /// `IPPROTO_ICMP` (1).
    pub const ICMP: IpProtocol = IpProtocol(1);
    /// `IPPROTO_TCP` (6).
    pub const TCP: IpProtocol = IpProtocol(6);
    /// `IPPROTO_UDP` (17).
    pub const UDP: IpProtocol = IpProtocol(17);
    /// `IPPROTO_ICMPV6` (58).
    pub const ICMPV6: IpProtocol = IpProtocol(58);

    /// Wraps a protocol number.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::IpProtocol::new(1), berkeley::wire::IpProtocol::ICMP);
    /// ```
    #[inline]
    pub const fn new(number: u8) -> IpProtocol {
        IpProtocol(number)
    }

    /// The protocol number.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::IpProtocol::UDP.get(), 17);
    /// ```
    #[inline]
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl From<u8> for IpProtocol {
    #[inline]
    fn from(number: u8) -> IpProtocol {
        IpProtocol(number)
    }
}

impl From<IpProtocol> for u8 {
    #[inline]
    fn from(p: IpProtocol) -> u8 {
        p.0
    }
}

impl fmt::Debug for IpProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("IPPROTO_HOPOPTS"),
            1 => f.write_str("IPPROTO_ICMP"),
            6 => f.write_str("IPPROTO_TCP"),
            17 => f.write_str("IPPROTO_UDP"),
            58 => f.write_str("IPPROTO_ICMPV6"),
            n => write!(f, "IpProtocol({n})"),
        }
    }
}

/// The addresses of the IP header a TCP, UDP or ICMPv6 checksum covers (the "pseudo-header";
/// the protocol and length come from the packet being checked).
///
/// Get it from the IP view ([`Ipv4Packet::pseudo_header`], [`Ipv6Packet::pseudo_header`]) or
/// build it.
///
/// ```
/// use berkeley::wire::PseudoHeader;
/// use std::net::Ipv4Addr;
///
/// let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
/// assert!(matches!(ph, PseudoHeader::V4 { .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PseudoHeader {
    /// IPv4 source and destination (RFC 768, RFC 793).
    V4 {
        /// Source address.
        src: Ipv4Addr,
        /// Destination address.
        dst: Ipv4Addr,
    },
    /// IPv6 source and destination (RFC 8200 §8.1).
    V6 {
        /// Source address.
        src: Ipv6Addr,
        /// Destination address.
        dst: Ipv6Addr,
    },
}

impl PseudoHeader {
    /// The one's-complement sum of this pseudo-header for `protocol` and an upper-layer length
    /// of `len` bytes, as a [`Checksum`] to continue over the segment.
    ///
    /// ```
    /// use berkeley::wire::{IpProtocol, PseudoHeader};
    /// use std::net::Ipv4Addr;
    ///
    /// let ph = PseudoHeader::V4 { src: Ipv4Addr::new(10, 0, 0, 1), dst: Ipv4Addr::new(10, 0, 0, 2) };
    /// // 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 17 + 8
    /// assert_eq!(ph.sum(IpProtocol::UDP, 8).sum(), 0x141c);
    /// ```
    #[inline(always)]
    pub fn sum(&self, protocol: IpProtocol, len: usize) -> Checksum {
        match *self {
            PseudoHeader::V4 { src, dst } => checksum::pseudo_header_v4(src, dst, protocol, len),
            PseudoHeader::V6 { src, dst } => checksum::pseudo_header_v6(src, dst, protocol, len),
        }
    }
}

// -- byte access shared by the views (every offset is checked by the callers' new_checked) --

// Each reads its bytes as one sub-slice of known length: one bounds check, not one per byte.

#[inline(always)]
fn get_u16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes(array_at(b, at))
}

#[inline(always)]
fn get_u32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(array_at(b, at))
}

/// The `N` bytes at `at`, copied out with a single bounds check.
#[inline(always)]
fn array_at<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&b[at..at + N]);
    out
}

#[inline(always)]
fn set_u16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_be_bytes());
}

#[inline(always)]
fn set_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

#[inline(always)]
fn ipv4_at(b: &[u8], at: usize) -> Ipv4Addr {
    Ipv4Addr::from(array_at::<4>(b, at))
}

#[inline(always)]
fn ipv6_at(b: &[u8], at: usize) -> Ipv6Addr {
    Ipv6Addr::from(array_at::<16>(b, at))
}

/// `Err(Truncated)` unless `len >= need`.
#[inline(always)]
fn need(header: Header, len: usize, need: usize) -> Result<(), PacketError> {
    if len < need {
        Err(truncated(header, need, len))
    } else {
        Ok(())
    }
}

// The errors of `new_checked` go through `cold_path`: the compiler then lays out and weighs the
// success path as the likely one, so a caller's code after a chain of `new_checked`s is not
// taken for a rarely run block (which LLVM declines to inline into). The errors themselves are
// built inline: built by an out-of-line function, they would come back through memory, and
// the caller could no longer see that the result is an `Err`.

/// Marks the path that calls it as rarely taken (what `core::hint::cold_path` does from Rust
/// 1.90 on; the MSRV is older).
#[cold]
#[inline(never)]
fn cold_path() {
    // An opaque no-op: an empty body would let the compiler prove the call does nothing,
    // delete it, and forget that the path is cold.
    std::hint::black_box(());
}

/// [`PacketError::Truncated`], on the cold path.
#[inline(always)]
fn truncated(header: Header, need: usize, got: usize) -> PacketError {
    cold_path();
    PacketError::Truncated { header, need, got }
}

/// [`PacketError::BadLength`], on the cold path.
#[inline(always)]
fn bad_length(header: Header, field: &'static str, value: usize) -> PacketError {
    cold_path();
    PacketError::BadLength { header, field, value }
}

/// [`PacketError::BadVersion`], on the cold path.
#[inline(always)]
fn bad_version(header: Header, expected: u8, found: u8) -> PacketError {
    cold_path();
    PacketError::BadVersion { header, expected, found }
}

/// The checksum a buffer calls for, given the sum over all of it (field included) and the value
/// found in the field: for [`PacketError::BadChecksum`]'s `expected`. (The field sits at an even
/// offset, so it is removed as a plain 16-bit word whatever the buffer's length.)
#[cold]
fn expected_checksum(total: Checksum, found: u16) -> u16 {
    checksum::update_u16(!total.sum(), found, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The error constructors are `#[inline(always)]` and the views' `new_checked` are inlined
    // into their callers; these run them inside the library too (the integration tests and doc
    // examples check the same errors from other crates).
    #[test]
    fn length_and_version_errors_name_the_header_and_field() {
        let mut b = [0u8; 20];
        b[0] = 0x65; // version 6
        assert_eq!(
            Ipv4Packet::new_checked(&b[..]).unwrap_err(),
            PacketError::BadVersion { header: Header::Ipv4, expected: 4, found: 6 }
        );
        b[0] = 0x44; // IHL 4: a 16-byte header
        assert_eq!(
            Ipv4Packet::new_checked(&b[..]).unwrap_err(),
            PacketError::BadLength { header: Header::Ipv4, field: "IHL", value: 4 }
        );
        b[0] = 0x45;
        b[2..4].copy_from_slice(&19u16.to_be_bytes()); // total length below the header's 20
        assert_eq!(
            Ipv4Packet::new_checked(&b[..]).unwrap_err(),
            PacketError::BadLength { header: Header::Ipv4, field: "total length", value: 19 }
        );
        b[2..4].copy_from_slice(&21u16.to_be_bytes()); // one byte more than the buffer
        assert_eq!(
            Ipv4Packet::new_checked(&b[..]).unwrap_err(),
            PacketError::Truncated { header: Header::Ipv4, need: 21, got: 20 }
        );
    }

    #[test]
    fn protocol_numbers_convert_both_ways() {
        for n in 0..=u8::MAX {
            assert_eq!(u8::from(IpProtocol::from(n)), n);
        }
        assert_eq!(u8::from(IpProtocol::TCP), 6);
        assert_eq!(IpProtocol::from(17), IpProtocol::UDP);
    }
}

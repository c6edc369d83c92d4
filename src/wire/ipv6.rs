//! IPv6 fixed headers (RFC 8200; C's `struct ip6_hdr`).
//!
//! Extension headers are not parsed: [`next_header`](Ipv6Packet::next_header) names the first
//! one and [`payload`](Ipv6Packet::payload) starts with it.
//!
//! ```
//! use berkeley::wire::{IpProtocol, Ipv6Packet, Ipv6Repr};
//! use std::net::Ipv6Addr;
//! # fn main() -> berkeley::Result<()> {
//! let repr = Ipv6Repr {
//!     src_addr: Ipv6Addr::LOCALHOST,
//!     dst_addr: Ipv6Addr::LOCALHOST,
//!     next_header: IpProtocol::UDP,
//!     payload_len: 8,
//!     hop_limit: 64,
//!     traffic_class: 0,
//!     flow_label: 0x12345,
//! };
//! let mut buf = [0u8; 48];
//! repr.emit(&mut buf)?;
//! assert_eq!(Ipv6Repr::parse(&Ipv6Packet::new_checked(&buf[..])?)?, repr);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use std::net::Ipv6Addr;

use super::{
    get_u16, get_u32, ipv6_at, need, set_u16, set_u32, Header, IpProtocol, PacketError,
    PseudoHeader,
};

/// The length of the fixed IPv6 header.
pub const HEADER_LEN: usize = 40;

/// A zero-copy view of an IPv6 packet.
///
/// ```
/// use berkeley::wire::{IpProtocol, Ipv6Packet};
/// # fn main() -> berkeley::Result<()> {
/// let mut b = [0u8; 48];
/// b[0] = 0x60; b[5] = 8; b[6] = 17; b[7] = 64; b[23] = 1; b[39] = 1; // ::1 > ::1, UDP
/// let ip = Ipv6Packet::new_checked(&b[..])?;
/// assert_eq!(ip.next_header(), IpProtocol::UDP);
/// assert_eq!(ip.src_addr(), std::net::Ipv6Addr::LOCALHOST);
/// assert_eq!(ip.payload().len(), 8);
/// # Ok(()) }
/// ```
#[doc(alias = "ip6_hdr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6Packet<T: AsRef<[u8]>> {
    buf: T,
}

impl<T: AsRef<[u8]>> Ipv6Packet<T> {
    /// Checks the version (6) and that the payload length fits the buffer.
    ///
    /// ```
    /// use berkeley::wire::{Header, Ipv6Packet, PacketError};
    /// let mut b = [0u8; 40];
    /// b[0] = 0x60; b[5] = 1;
    /// assert_eq!(
    ///     Ipv6Packet::new_checked(&b[..]).unwrap_err(),
    ///     PacketError::Truncated { header: Header::Ipv6, need: 41, got: 40 },
    /// );
    /// ```
    #[inline]
    pub fn new_checked(buf: T) -> Result<Ipv6Packet<T>, PacketError> {
        let b = buf.as_ref();
        need(Header::Ipv6, b.len(), HEADER_LEN)?;
        if b[0] >> 4 != 6 {
            return Err(PacketError::BadVersion {
                header: Header::Ipv6,
                expected: 6,
                found: b[0] >> 4,
            });
        }
        need(Header::Ipv6, b.len(), HEADER_LEN + usize::from(get_u16(b, 4)))?;
        Ok(Ipv6Packet { buf })
    }

    /// The buffer back.
    ///
    /// ```
    /// # let mut b = vec![0u8; 40]; b[0] = 0x60;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(b)?.into_inner().len(), 40);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The version field: 6.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.version(), 6);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn version(&self) -> u8 {
        self.buf.as_ref()[0] >> 4
    }

    /// The traffic class (DSCP << 2 | ECN).
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x6b; b[1] = 0x80;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.traffic_class(), 0xb8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn traffic_class(&self) -> u8 {
        (get_u16(self.buf.as_ref(), 0) >> 4) as u8
    }

    /// The 20-bit flow label.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60; b[1] = 0x01; b[2] = 0x23; b[3] = 0x45;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.flow_label(), 0x12345);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn flow_label(&self) -> u32 {
        get_u32(self.buf.as_ref(), 0) & 0x000f_ffff
    }

    /// The payload length (`ip6_plen`): the bytes after the fixed header.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.payload_len(), 0);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload_len(&self) -> u16 {
        get_u16(self.buf.as_ref(), 4)
    }

    /// The next header (`ip6_nxt`): the payload's protocol or the first extension header.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60; b[6] = 58;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.next_header(), berkeley::wire::IpProtocol::ICMPV6);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn next_header(&self) -> IpProtocol {
        IpProtocol(self.buf.as_ref()[6])
    }

    /// The hop limit (`ip6_hlim`).
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60; b[7] = 255;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.hop_limit(), 255);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn hop_limit(&self) -> u8 {
        self.buf.as_ref()[7]
    }

    /// The source address.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// assert!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.src_addr().is_unspecified());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn src_addr(&self) -> Ipv6Addr {
        ipv6_at(self.buf.as_ref(), 8)
    }

    /// The destination address.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60; b[39] = 1;
    /// assert!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.dst_addr().is_loopback());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn dst_addr(&self) -> Ipv6Addr {
        ipv6_at(self.buf.as_ref(), 24)
    }

    /// The payload: `payload_len()` bytes after the fixed header.
    ///
    /// ```
    /// # let mut b = [0u8; 50]; b[0] = 0x60; b[5] = 2;
    /// assert_eq!(berkeley::wire::Ipv6Packet::new_checked(&b[..])?.payload().len(), 2);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn payload(&self) -> &[u8] {
        &self.buf.as_ref()[HEADER_LEN..HEADER_LEN + usize::from(self.payload_len())]
    }

    /// The addresses for the pseudo-header of the payload's checksum (TCP, UDP, ICMPv6).
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let ip = berkeley::wire::Ipv6Packet::new_checked(&b[..])?;
    /// assert!(matches!(ip.pseudo_header(), berkeley::wire::PseudoHeader::V6 { .. }));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn pseudo_header(&self) -> PseudoHeader {
        PseudoHeader::V6 { src: self.src_addr(), dst: self.dst_addr() }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Ipv6Packet<T> {
    /// Sets the traffic class.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.set_traffic_class(0xb8);
    /// assert_eq!((ip.traffic_class(), ip.version()), (0xb8, 6));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_traffic_class(&mut self, tc: u8) {
        let b = self.buf.as_mut();
        let w = (get_u16(b, 0) & 0xf00f) | (u16::from(tc) << 4);
        set_u16(b, 0, w);
    }

    /// Sets the flow label; values above 20 bits are [`PacketError::Unsupported`].
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.set_flow_label(0xfffff)?;
    /// assert_eq!(ip.flow_label(), 0xfffff);
    /// assert!(ip.set_flow_label(0x100000).is_err());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_flow_label(&mut self, label: u32) -> Result<(), PacketError> {
        check_flow(label)?;
        let b = self.buf.as_mut();
        let w = (get_u32(b, 0) & 0xfff0_0000) | label;
        set_u32(b, 0, w);
        Ok(())
    }

    /// Sets the next header.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.set_next_header(berkeley::wire::IpProtocol::TCP);
    /// assert_eq!(ip.next_header().get(), 6);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_next_header(&mut self, nh: IpProtocol) {
        self.buf.as_mut()[6] = nh.0;
    }

    /// Sets the hop limit.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.set_hop_limit(1);
    /// assert_eq!(ip.hop_limit(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_hop_limit(&mut self, hops: u8) {
        self.buf.as_mut()[7] = hops;
    }

    /// Sets the source address.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.set_src_addr(std::net::Ipv6Addr::LOCALHOST);
    /// assert!(ip.src_addr().is_loopback());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_src_addr(&mut self, addr: Ipv6Addr) {
        self.buf.as_mut()[8..24].copy_from_slice(&addr.octets());
    }

    /// Sets the destination address.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.set_dst_addr(std::net::Ipv6Addr::LOCALHOST);
    /// assert!(ip.dst_addr().is_loopback());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dst_addr(&mut self, addr: Ipv6Addr) {
        self.buf.as_mut()[24..40].copy_from_slice(&addr.octets());
    }

    /// The payload, writable.
    ///
    /// ```
    /// # let mut b = [0u8; 41]; b[0] = 0x60; b[5] = 1;
    /// let mut ip = berkeley::wire::Ipv6Packet::new_checked(b)?;
    /// ip.payload_mut()[0] = 7;
    /// assert_eq!(ip.payload(), &[7]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let end = HEADER_LEN + usize::from(self.payload_len());
        &mut self.buf.as_mut()[HEADER_LEN..end]
    }
}

fn check_flow(label: u32) -> Result<(), PacketError> {
    if label > 0x000f_ffff {
        Err(PacketError::Unsupported { header: Header::Ipv6, field: "flow label", value: label })
    } else {
        Ok(())
    }
}

/// The meaning of an IPv6 fixed header, as a plain struct.
///
/// ```
/// use berkeley::wire::{IpProtocol, Ipv6Repr};
/// use std::net::Ipv6Addr;
/// let repr = Ipv6Repr {
///     src_addr: Ipv6Addr::LOCALHOST,
///     dst_addr: Ipv6Addr::LOCALHOST,
///     next_header: IpProtocol::ICMPV6,
///     payload_len: 16,
///     hop_limit: 64,
///     traffic_class: 0,
///     flow_label: 0,
/// };
/// assert_eq!(repr.buffer_len(), 56);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ipv6Repr {
    /// Source address.
    pub src_addr: Ipv6Addr,
    /// Destination address.
    pub dst_addr: Ipv6Addr,
    /// The payload's protocol (or first extension header).
    pub next_header: IpProtocol,
    /// The payload's length in bytes.
    pub payload_len: usize,
    /// Hop limit.
    pub hop_limit: u8,
    /// Traffic class.
    pub traffic_class: u8,
    /// Flow label, 20 bits.
    pub flow_label: u32,
}

impl Ipv6Repr {
    /// Reads a checked packet's fixed header.
    ///
    /// ```
    /// # let mut b = [0u8; 40]; b[0] = 0x60; b[7] = 64;
    /// let ip = berkeley::wire::Ipv6Packet::new_checked(&b[..])?;
    /// assert_eq!(berkeley::wire::Ipv6Repr::parse(&ip)?.hop_limit, 64);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(ip: &Ipv6Packet<T>) -> Result<Ipv6Repr, PacketError> {
        Ok(Ipv6Repr {
            src_addr: ip.src_addr(),
            dst_addr: ip.dst_addr(),
            next_header: ip.next_header(),
            payload_len: usize::from(ip.payload_len()),
            hop_limit: ip.hop_limit(),
            traffic_class: ip.traffic_class(),
            flow_label: ip.flow_label(),
        })
    }

    /// The bytes the packet takes: 40 + `payload_len`.
    ///
    /// ```
    /// # let repr = berkeley::wire::Ipv6Repr { src_addr: std::net::Ipv6Addr::LOCALHOST, dst_addr: std::net::Ipv6Addr::LOCALHOST, next_header: berkeley::wire::IpProtocol::UDP, payload_len: 8, hop_limit: 64, traffic_class: 0, flow_label: 0 };
    /// assert_eq!(repr.buffer_len(), 48);
    /// ```
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.payload_len
    }

    /// Writes the fixed header at the start of `buf` and returns the view of the packet, whose
    /// payload the caller then fills. `buf` must hold [`buffer_len`](Self::buffer_len) bytes;
    /// the payload length must fit 16 bits (no jumbograms) and the flow label 20.
    ///
    /// ```
    /// # let repr = berkeley::wire::Ipv6Repr { src_addr: std::net::Ipv6Addr::LOCALHOST, dst_addr: std::net::Ipv6Addr::LOCALHOST, next_header: berkeley::wire::IpProtocol::UDP, payload_len: 8, hop_limit: 64, traffic_class: 0, flow_label: 0 };
    /// assert!(repr.emit(&mut [0u8; 47]).is_err());
    /// assert_eq!(repr.emit(&mut [0u8; 48])?.payload().len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn emit<'b>(&self, buf: &'b mut [u8]) -> Result<Ipv6Packet<&'b mut [u8]>, PacketError> {
        if self.payload_len > usize::from(u16::MAX) {
            return Err(PacketError::BadLength {
                header: Header::Ipv6,
                field: "payload length",
                value: self.payload_len,
            });
        }
        check_flow(self.flow_label)?;
        let total = self.buffer_len();
        need(Header::Ipv6, buf.len(), total)?;
        let buf = &mut buf[..total];
        set_u32(buf, 0, (6 << 28) | (u32::from(self.traffic_class) << 20) | self.flow_label);
        set_u16(buf, 4, self.payload_len as u16);
        buf[6] = self.next_header.0;
        buf[7] = self.hop_limit;
        buf[8..24].copy_from_slice(&self.src_addr.octets());
        buf[24..40].copy_from_slice(&self.dst_addr.octets());
        Ok(Ipv6Packet { buf })
    }
}

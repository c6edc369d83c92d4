//! UDP headers (RFC 768; C's `struct udphdr`) and their pseudo-header checksum.
//!
//! ```
//! use berkeley::wire::{PseudoHeader, UdpPacket, UdpRepr};
//! use std::net::Ipv4Addr;
//! # fn main() -> berkeley::Result<()> {
//! let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
//! let repr = UdpRepr { src_port: 40000, dst_port: 53, payload: b"query" };
//! let mut buf = [0u8; 13];
//! let udp = repr.emit(&mut buf, &ph)?; // fills the checksum
//! assert!(udp.verify_checksum(&ph));
//! assert_eq!(UdpRepr::parse(&UdpPacket::new_checked(&buf[..])?, &ph)?, repr);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use super::{
    bad_length, expected_checksum, get_u16, need, set_u16, Checksum, Header, IpProtocol,
    PacketError, PseudoHeader,
};

/// The length of a UDP header.
pub const HEADER_LEN: usize = 8;

/// A zero-copy view of a UDP datagram.
///
/// ```
/// use berkeley::wire::UdpPacket;
/// # fn main() -> berkeley::Result<()> {
/// let bytes = [0x9c, 0x40, 0, 53, 0, 13, 0, 0, b'q', b'u', b'e', b'r', b'y'];
/// let udp = UdpPacket::new_checked(&bytes[..])?;
/// assert_eq!((udp.src_port(), udp.dst_port(), udp.len()), (40000, 53, 13));
/// assert_eq!(udp.payload(), b"query");
/// # Ok(()) }
/// ```
#[doc(alias = "udphdr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdpPacket<T: AsRef<[u8]>> {
    buf: T,
}

impl<T: AsRef<[u8]>> UdpPacket<T> {
    /// Checks the header and the length field (at least 8, at most the buffer).
    ///
    /// ```
    /// use berkeley::wire::{Header, PacketError, UdpPacket};
    /// let err = UdpPacket::new_checked(&[0, 1, 0, 2, 0, 7, 0, 0][..]).unwrap_err();
    /// assert_eq!(err, PacketError::BadLength { header: Header::Udp, field: "length", value: 7 });
    /// ```
    #[inline(always)]
    pub fn new_checked(buf: T) -> Result<UdpPacket<T>, PacketError> {
        let b = buf.as_ref();
        need(Header::Udp, b.len(), HEADER_LEN)?;
        let len = usize::from(get_u16(b, 4));
        if len < HEADER_LEN {
            return Err(bad_length(Header::Udp, "length", len));
        }
        need(Header::Udp, b.len(), len)?;
        Ok(UdpPacket { buf })
    }

    /// The buffer back.
    ///
    /// ```
    /// let udp = berkeley::wire::UdpPacket::new_checked(vec![0, 1, 0, 2, 0, 8, 0, 0])?;
    /// assert_eq!(udp.into_inner().len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The source port.
    ///
    /// ```
    /// let udp = berkeley::wire::UdpPacket::new_checked(&[0, 1, 0, 2, 0, 8, 0, 0][..])?;
    /// assert_eq!(udp.src_port(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn src_port(&self) -> u16 {
        get_u16(self.buf.as_ref(), 0)
    }

    /// The destination port.
    ///
    /// ```
    /// let udp = berkeley::wire::UdpPacket::new_checked(&[0, 1, 0, 2, 0, 8, 0, 0][..])?;
    /// assert_eq!(udp.dst_port(), 2);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn dst_port(&self) -> u16 {
        get_u16(self.buf.as_ref(), 2)
    }

    /// The length field: header plus payload.
    ///
    /// ```
    /// let udp = berkeley::wire::UdpPacket::new_checked(&[0, 1, 0, 2, 0, 8, 0, 0][..])?;
    /// assert_eq!(udp.len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[allow(clippy::len_without_is_empty)] // a header field, never empty
    #[inline]
    pub fn len(&self) -> u16 {
        get_u16(self.buf.as_ref(), 4)
    }

    /// The checksum field (0: none was computed, allowed over IPv4 only).
    ///
    /// ```
    /// let udp = berkeley::wire::UdpPacket::new_checked(&[0, 1, 0, 2, 0, 8, 0xab, 0xcd][..])?;
    /// assert_eq!(udp.checksum(), 0xabcd);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn checksum(&self) -> u16 {
        get_u16(self.buf.as_ref(), 6)
    }

    /// The payload: `len() - 8` bytes.
    ///
    /// ```
    /// let udp = berkeley::wire::UdpPacket::new_checked(&[0, 1, 0, 2, 0, 9, 0, 0, 42, 99][..])?;
    /// assert_eq!(udp.payload(), &[42]); // the length field says 9
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn payload(&self) -> &[u8] {
        &self.datagram()[HEADER_LEN..]
    }

    /// Header and payload, `len()` bytes.
    #[inline(always)]
    fn datagram(&self) -> &[u8] {
        &self.buf.as_ref()[..usize::from(self.len())]
    }

    /// The sum over pseudo-header and datagram.
    #[inline(always)]
    fn total(&self, ph: &PseudoHeader) -> Checksum {
        let d = self.datagram();
        let mut c = ph.sum(IpProtocol::UDP, d.len());
        c.update(d);
        c
    }

    /// Whether the checksum is right for the pseudo-header `ph`. A zero checksum over IPv4
    /// means "none" (RFC 768) and verifies; over IPv6 it is wrong (RFC 8200).
    ///
    /// ```
    /// use berkeley::wire::{PseudoHeader, UdpPacket};
    /// use std::net::{Ipv4Addr, Ipv6Addr};
    /// let udp = UdpPacket::new_checked(&[0, 1, 0, 2, 0, 8, 0, 0][..])?;
    /// assert!(udp.verify_checksum(&PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST }));
    /// assert!(!udp.verify_checksum(&PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST }));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn verify_checksum(&self, ph: &PseudoHeader) -> bool {
        if self.checksum() == 0 {
            return matches!(ph, PseudoHeader::V4 { .. });
        }
        self.total(ph).verifies()
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> UdpPacket<T> {
    /// Sets the source port.
    ///
    /// ```
    /// let mut udp = berkeley::wire::UdpPacket::new_checked([0, 1, 0, 2, 0, 8, 0, 0])?;
    /// udp.set_src_port(9);
    /// assert_eq!(udp.src_port(), 9);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_src_port(&mut self, port: u16) {
        set_u16(self.buf.as_mut(), 0, port);
    }

    /// Sets the destination port.
    ///
    /// ```
    /// let mut udp = berkeley::wire::UdpPacket::new_checked([0, 1, 0, 2, 0, 8, 0, 0])?;
    /// udp.set_dst_port(9);
    /// assert_eq!(udp.dst_port(), 9);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dst_port(&mut self, port: u16) {
        set_u16(self.buf.as_mut(), 2, port);
    }

    /// Sets the checksum field.
    ///
    /// ```
    /// let mut udp = berkeley::wire::UdpPacket::new_checked([0, 1, 0, 2, 0, 8, 0, 0])?;
    /// udp.set_checksum(0xffff);
    /// assert_eq!(udp.checksum(), 0xffff);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_checksum(&mut self, checksum: u16) {
        set_u16(self.buf.as_mut(), 6, checksum);
    }

    /// Computes the checksum for the pseudo-header `ph` and writes it (a computed 0 is sent
    /// as 0xffff, RFC 768).
    ///
    /// ```
    /// use berkeley::wire::{PseudoHeader, UdpPacket};
    /// use std::net::Ipv6Addr;
    /// let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    /// let mut udp = UdpPacket::new_checked([0, 1, 0, 2, 0, 9, 0, 0, b'x'])?;
    /// udp.fill_checksum(&ph);
    /// assert!(udp.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn fill_checksum(&mut self, ph: &PseudoHeader) {
        self.set_checksum(0);
        let c = self.total(ph).finish();
        self.set_checksum(if c == 0 { 0xffff } else { c });
    }

    /// The payload, writable.
    ///
    /// ```
    /// let mut udp = berkeley::wire::UdpPacket::new_checked([0, 1, 0, 2, 0, 9, 0, 0, 0])?;
    /// udp.payload_mut()[0] = b'x';
    /// assert_eq!(udp.payload(), b"x");
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let len = usize::from(self.len());
        &mut self.buf.as_mut()[HEADER_LEN..len]
    }
}

/// A UDP datagram as a plain struct, its payload borrowed.
///
/// ```
/// let repr = berkeley::wire::UdpRepr { src_port: 1, dst_port: 2, payload: b"abc" };
/// assert_eq!(repr.buffer_len(), 11);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UdpRepr<'a> {
    /// Source port.
    pub src_port: u16,
    /// Destination port.
    pub dst_port: u16,
    /// The payload.
    pub payload: &'a [u8],
}

impl<'a> UdpRepr<'a> {
    /// Reads a checked datagram, verifying its checksum against `ph`
    /// ([`PacketError::BadChecksum`] if wrong).
    ///
    /// ```
    /// use berkeley::wire::{PacketError, PseudoHeader, UdpPacket, UdpRepr};
    /// use std::net::Ipv4Addr;
    /// let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
    /// let bytes = [0, 1, 0, 2, 0, 8, 0, 1];
    /// let err = UdpRepr::parse(&UdpPacket::new_checked(&bytes[..])?, &ph).unwrap_err();
    /// assert!(matches!(err, PacketError::BadChecksum { found: 1, .. }));
    /// # Ok::<(), PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(
        udp: &'a UdpPacket<T>,
        ph: &PseudoHeader,
    ) -> Result<UdpRepr<'a>, PacketError> {
        if !udp.verify_checksum(ph) {
            return Err(PacketError::BadChecksum {
                header: Header::Udp,
                expected: udp_expected(udp.total(ph), udp.checksum()),
                found: udp.checksum(),
            });
        }
        let b: &'a [u8] = udp.buf.as_ref();
        let len = usize::from(udp.len());
        Ok(UdpRepr {
            src_port: udp.src_port(),
            dst_port: udp.dst_port(),
            payload: &b[HEADER_LEN..len],
        })
    }

    /// 8 + the payload's length.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::UdpRepr { src_port: 1, dst_port: 2, payload: &[] }.buffer_len(), 8);
    /// ```
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.payload.len()
    }

    /// Writes the datagram (header, payload, checksum for `ph`) at the start of `buf` and
    /// returns its view. The datagram must fit the 16-bit length field.
    ///
    /// ```
    /// use berkeley::wire::{PseudoHeader, UdpRepr};
    /// use std::net::Ipv4Addr;
    /// let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
    /// let repr = UdpRepr { src_port: 1, dst_port: 2, payload: b"hi" };
    /// assert!(repr.emit(&mut [0u8; 9], &ph).is_err());
    /// assert!(repr.emit(&mut [0u8; 10], &ph)?.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn emit<'b>(
        &self,
        buf: &'b mut [u8],
        ph: &PseudoHeader,
    ) -> Result<UdpPacket<&'b mut [u8]>, PacketError> {
        let len = self.buffer_len();
        if len > usize::from(u16::MAX) {
            return Err(PacketError::BadLength {
                header: Header::Udp,
                field: "length",
                value: len,
            });
        }
        need(Header::Udp, buf.len(), len)?;
        let buf = &mut buf[..len];
        // The checksum from the values and the caller's payload, not by reading back what was
        // just written (small stores then a wide load stall the store-to-load forwarding).
        let mut c = ph.sum(IpProtocol::UDP, len);
        c.add_u32((u32::from(self.src_port) << 16) | u32::from(self.dst_port));
        c.add_u16(len as u16);
        c.update(self.payload);
        let sum = match c.finish() {
            0 => 0xffff, // RFC 768: a computed zero is sent as all ones
            sum => sum,
        };
        let mut header = [0u8; HEADER_LEN];
        set_u16(&mut header, 0, self.src_port);
        set_u16(&mut header, 2, self.dst_port);
        set_u16(&mut header, 4, len as u16);
        set_u16(&mut header, 6, sum);
        buf[..HEADER_LEN].copy_from_slice(&header);
        buf[HEADER_LEN..].copy_from_slice(self.payload);
        Ok(UdpPacket { buf })
    }
}

#[cold]
fn udp_expected(total: Checksum, found: u16) -> u16 {
    match expected_checksum(total, found) {
        0 => 0xffff,
        c => c,
    }
}

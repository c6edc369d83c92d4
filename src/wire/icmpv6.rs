//! ICMPv6 messages (RFC 4443; C's `struct icmp6_hdr`), with the pseudo-header checksum.
//!
//! ```
//! use berkeley::wire::{Icmpv6Packet, Icmpv6Repr, PseudoHeader};
//! use std::net::Ipv6Addr;
//! # fn main() -> berkeley::Result<()> {
//! let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
//! let ping = Icmpv6Repr::EchoRequest { ident: 7, seq_no: 1, data: b"ping6" };
//! let mut buf = [0u8; 13];
//! let icmp = ping.emit(&mut buf, &ph)?;
//! assert!(icmp.verify_checksum(&ph));
//! assert_eq!(Icmpv6Repr::parse(&Icmpv6Packet::new_checked(&buf[..])?, &ph)?, ping);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use super::{
    expected_checksum, get_u16, get_u32, need, set_u16, set_u32, Checksum, Header, IpProtocol,
    PacketError, PseudoHeader,
};

/// The length of the fixed ICMPv6 header.
pub const HEADER_LEN: usize = 8;

/// `ICMP6_DST_UNREACH` (1).
pub const ICMP6_DST_UNREACH: u8 = 1;
/// `ICMP6_PACKET_TOO_BIG` (2).
pub const ICMP6_PACKET_TOO_BIG: u8 = 2;
/// `ICMP6_TIME_EXCEEDED` (3).
pub const ICMP6_TIME_EXCEEDED: u8 = 3;
/// `ICMP6_ECHO_REQUEST` (128).
pub const ICMP6_ECHO_REQUEST: u8 = 128;
/// `ICMP6_ECHO_REPLY` (129).
pub const ICMP6_ECHO_REPLY: u8 = 129;

/// A zero-copy view of an ICMPv6 message (the whole upper-layer payload).
///
/// ```
/// use berkeley::wire::icmpv6::{Icmpv6Packet, ICMP6_ECHO_REPLY};
/// # fn main() -> berkeley::Result<()> {
/// let icmp = Icmpv6Packet::new_checked(&[129u8, 0, 0, 0, 0, 7, 0, 1, b'x'][..])?;
/// assert_eq!(icmp.msg_type(), ICMP6_ECHO_REPLY);
/// assert_eq!((icmp.echo_ident(), icmp.echo_seq_no()), (7, 1));
/// assert_eq!(icmp.data(), b"x");
/// # Ok(()) }
/// ```
#[doc(alias = "icmp6_hdr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icmpv6Packet<T: AsRef<[u8]>> {
    buf: T,
}

impl<T: AsRef<[u8]>> Icmpv6Packet<T> {
    /// Checks that `buf` holds the 8-byte header.
    ///
    /// ```
    /// assert!(berkeley::wire::Icmpv6Packet::new_checked(&[128u8, 0][..]).is_err());
    /// ```
    pub fn new_checked(buf: T) -> Result<Icmpv6Packet<T>, PacketError> {
        need(Header::Icmpv6, buf.as_ref().len(), HEADER_LEN)?;
        Ok(Icmpv6Packet { buf })
    }

    /// The buffer back.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::Icmpv6Packet::new_checked(vec![0u8; 8])?.into_inner().len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The message type.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[128u8, 0, 0, 0, 0, 0, 0, 0][..])?;
    /// assert_eq!(icmp.msg_type(), berkeley::wire::icmpv6::ICMP6_ECHO_REQUEST);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn msg_type(&self) -> u8 {
        self.buf.as_ref()[0]
    }

    /// The code.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[1u8, 4, 0, 0, 0, 0, 0, 0][..])?;
    /// assert_eq!(icmp.code(), 4); // port unreachable
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn code(&self) -> u8 {
        self.buf.as_ref()[1]
    }

    /// The checksum field.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[128u8, 0, 1, 2, 0, 0, 0, 0][..])?;
    /// assert_eq!(icmp.checksum(), 0x0102);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn checksum(&self) -> u16 {
        get_u16(self.buf.as_ref(), 2)
    }

    /// The echo identifier (bytes 4–5).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[128u8, 0, 0, 0, 0, 9, 0, 0][..])?;
    /// assert_eq!(icmp.echo_ident(), 9);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn echo_ident(&self) -> u16 {
        get_u16(self.buf.as_ref(), 4)
    }

    /// The echo sequence number (bytes 6–7).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[128u8, 0, 0, 0, 0, 0, 0, 9][..])?;
    /// assert_eq!(icmp.echo_seq_no(), 9);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn echo_seq_no(&self) -> u16 {
        get_u16(self.buf.as_ref(), 6)
    }

    /// Bytes 4–7 as one number (a Packet Too Big's MTU, ...).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[2u8, 0, 0, 0, 0, 0, 5, 0][..])?;
    /// assert_eq!(icmp.rest_of_header(), 1280);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn rest_of_header(&self) -> u32 {
        get_u32(self.buf.as_ref(), 4)
    }

    /// The bytes after the 8-byte header.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv6Packet::new_checked(&[128u8, 0, 0, 0, 0, 0, 0, 0, 1][..])?;
    /// assert_eq!(icmp.data(), &[1]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn data(&self) -> &[u8] {
        &self.buf.as_ref()[HEADER_LEN..]
    }

    fn total(&self, ph: &PseudoHeader) -> Checksum {
        let b = self.buf.as_ref();
        let mut c = ph.sum(IpProtocol::ICMPV6, b.len());
        c.update(b);
        c
    }

    /// Whether the checksum (over the pseudo-header `ph` and the message) is right.
    ///
    /// ```
    /// use berkeley::wire::{Icmpv6Packet, PseudoHeader};
    /// use std::net::Ipv6Addr;
    /// let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    /// let mut icmp = Icmpv6Packet::new_checked([128u8, 0, 0, 0, 0, 0, 0, 0])?;
    /// assert!(!icmp.verify_checksum(&ph));
    /// icmp.fill_checksum(&ph);
    /// assert!(icmp.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn verify_checksum(&self, ph: &PseudoHeader) -> bool {
        self.total(ph).sum() == 0xffff
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Icmpv6Packet<T> {
    /// Sets the message type.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 8])?;
    /// icmp.set_msg_type(129);
    /// assert_eq!(icmp.msg_type(), 129);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_msg_type(&mut self, t: u8) {
        self.buf.as_mut()[0] = t;
    }

    /// Sets the code.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 8])?;
    /// icmp.set_code(4);
    /// assert_eq!(icmp.code(), 4);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_code(&mut self, code: u8) {
        self.buf.as_mut()[1] = code;
    }

    /// Sets the checksum field.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 8])?;
    /// icmp.set_checksum(5);
    /// assert_eq!(icmp.checksum(), 5);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_checksum(&mut self, c: u16) {
        set_u16(self.buf.as_mut(), 2, c);
    }

    /// Sets the echo identifier.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 8])?;
    /// icmp.set_echo_ident(5);
    /// assert_eq!(icmp.echo_ident(), 5);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_echo_ident(&mut self, ident: u16) {
        set_u16(self.buf.as_mut(), 4, ident);
    }

    /// Sets the echo sequence number.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 8])?;
    /// icmp.set_echo_seq_no(5);
    /// assert_eq!(icmp.echo_seq_no(), 5);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_echo_seq_no(&mut self, seq: u16) {
        set_u16(self.buf.as_mut(), 6, seq);
    }

    /// Sets bytes 4–7.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 8])?;
    /// icmp.set_rest_of_header(1280);
    /// assert_eq!(icmp.rest_of_header(), 1280);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_rest_of_header(&mut self, rest: u32) {
        set_u32(self.buf.as_mut(), 4, rest);
    }

    /// The data, writable.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv6Packet::new_checked([0u8; 9])?;
    /// icmp.data_mut()[0] = 3;
    /// assert_eq!(icmp.data(), &[3]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.buf.as_mut()[HEADER_LEN..]
    }

    /// Computes the checksum for the pseudo-header `ph` and writes it.
    ///
    /// ```
    /// use berkeley::wire::{Icmpv6Packet, PseudoHeader};
    /// use std::net::Ipv6Addr;
    /// let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    /// let mut icmp = Icmpv6Packet::new_checked([129u8, 0, 0, 0, 0, 1, 0, 1, 0x61])?;
    /// icmp.fill_checksum(&ph);
    /// assert!(icmp.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn fill_checksum(&mut self, ph: &PseudoHeader) {
        self.set_checksum(0);
        let c = self.total(ph).finish();
        self.set_checksum(c);
    }
}

/// An ICMPv6 message as a plain value, its data borrowed.
///
/// ```
/// let too_big = berkeley::wire::Icmpv6Repr::PacketTooBig { mtu: 1280, quoted: &[0x60; 48] };
/// assert_eq!(too_big.buffer_len(), 56);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Icmpv6Repr<'a> {
    /// Echo request (type 128).
    EchoRequest {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq_no: u16,
        /// Data.
        data: &'a [u8],
    },
    /// Echo reply (type 129).
    EchoReply {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq_no: u16,
        /// Data.
        data: &'a [u8],
    },
    /// Destination unreachable (type 1).
    DstUnreachable {
        /// The reason (0 no route, 1 prohibited, 3 address, 4 port, ...).
        code: u8,
        /// As much of the offending packet as fits.
        quoted: &'a [u8],
    },
    /// Packet too big (type 2).
    PacketTooBig {
        /// The next hop's MTU.
        mtu: u32,
        /// As much of the offending packet as fits.
        quoted: &'a [u8],
    },
    /// Time exceeded (type 3).
    TimeExceeded {
        /// 0: hop limit exceeded; 1: reassembly time exceeded.
        code: u8,
        /// As much of the offending packet as fits.
        quoted: &'a [u8],
    },
    /// Any other message (neighbour discovery, MLD, ...), kept as it is.
    Other {
        /// Message type (not one of the types above with their usual layout).
        msg_type: u8,
        /// Code.
        code: u8,
        /// Bytes 4–7.
        rest_of_header: u32,
        /// The bytes after the header.
        data: &'a [u8],
    },
}

impl<'a> Icmpv6Repr<'a> {
    /// Reads a checked message, verifying its checksum against `ph`.
    ///
    /// ```
    /// use berkeley::wire::{Icmpv6Packet, Icmpv6Repr, PacketError, PseudoHeader};
    /// use std::net::Ipv6Addr;
    /// let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    /// let icmp = Icmpv6Packet::new_checked(&[128u8, 0, 0, 0, 0, 0, 0, 0][..])?;
    /// assert!(matches!(Icmpv6Repr::parse(&icmp, &ph), Err(PacketError::BadChecksum { .. })));
    /// # Ok::<(), PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(
        icmp: &'a Icmpv6Packet<T>,
        ph: &PseudoHeader,
    ) -> Result<Icmpv6Repr<'a>, PacketError> {
        if !icmp.verify_checksum(ph) {
            return Err(PacketError::BadChecksum {
                header: Header::Icmpv6,
                expected: expected_checksum(icmp.total(ph), icmp.checksum()),
                found: icmp.checksum(),
            });
        }
        let data: &'a [u8] = &icmp.buf.as_ref()[HEADER_LEN..];
        let (ident, seq_no, rest) = (icmp.echo_ident(), icmp.echo_seq_no(), icmp.rest_of_header());
        Ok(match (icmp.msg_type(), icmp.code()) {
            (ICMP6_ECHO_REQUEST, 0) => Icmpv6Repr::EchoRequest { ident, seq_no, data },
            (ICMP6_ECHO_REPLY, 0) => Icmpv6Repr::EchoReply { ident, seq_no, data },
            (ICMP6_DST_UNREACH, code) if rest == 0 => {
                Icmpv6Repr::DstUnreachable { code, quoted: data }
            }
            (ICMP6_PACKET_TOO_BIG, 0) => Icmpv6Repr::PacketTooBig { mtu: rest, quoted: data },
            (ICMP6_TIME_EXCEEDED, code) if rest == 0 => {
                Icmpv6Repr::TimeExceeded { code, quoted: data }
            }
            (msg_type, code) => Icmpv6Repr::Other { msg_type, code, rest_of_header: rest, data },
        })
    }

    /// 8 + the data's length.
    ///
    /// ```
    /// let r = berkeley::wire::Icmpv6Repr::EchoReply { ident: 0, seq_no: 0, data: &[0; 56] };
    /// assert_eq!(r.buffer_len(), 64);
    /// ```
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.data().len()
    }

    fn data(&self) -> &'a [u8] {
        match *self {
            Icmpv6Repr::EchoRequest { data, .. }
            | Icmpv6Repr::EchoReply { data, .. }
            | Icmpv6Repr::Other { data, .. } => data,
            Icmpv6Repr::DstUnreachable { quoted, .. }
            | Icmpv6Repr::PacketTooBig { quoted, .. }
            | Icmpv6Repr::TimeExceeded { quoted, .. } => quoted,
        }
    }

    /// Writes the message (with its checksum for `ph`) at the start of `buf` and returns its
    /// view.
    ///
    /// ```
    /// use berkeley::wire::{Icmpv6Repr, PseudoHeader};
    /// use std::net::Ipv6Addr;
    /// let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    /// let r = Icmpv6Repr::EchoRequest { ident: 1, seq_no: 1, data: b"" };
    /// assert!(r.emit(&mut [0u8; 8], &ph)?.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn emit<'b>(
        &self,
        buf: &'b mut [u8],
        ph: &PseudoHeader,
    ) -> Result<Icmpv6Packet<&'b mut [u8]>, PacketError> {
        let len = self.buffer_len();
        need(Header::Icmpv6, buf.len(), len)?;
        let buf = &mut buf[..len];
        let echo = |ident: u16, seq: u16| (u32::from(ident) << 16) | u32::from(seq);
        let (t, code, rest) = match *self {
            Icmpv6Repr::EchoRequest { ident, seq_no, .. } => {
                (ICMP6_ECHO_REQUEST, 0, echo(ident, seq_no))
            }
            Icmpv6Repr::EchoReply { ident, seq_no, .. } => {
                (ICMP6_ECHO_REPLY, 0, echo(ident, seq_no))
            }
            Icmpv6Repr::DstUnreachable { code, .. } => (ICMP6_DST_UNREACH, code, 0),
            Icmpv6Repr::PacketTooBig { mtu, .. } => (ICMP6_PACKET_TOO_BIG, 0, mtu),
            Icmpv6Repr::TimeExceeded { code, .. } => (ICMP6_TIME_EXCEEDED, code, 0),
            Icmpv6Repr::Other { msg_type, code, rest_of_header, .. } => {
                (msg_type, code, rest_of_header)
            }
        };
        buf[0] = t;
        buf[1] = code;
        set_u32(buf, 4, rest);
        buf[HEADER_LEN..].copy_from_slice(self.data());
        let mut icmp = Icmpv6Packet { buf };
        icmp.fill_checksum(ph);
        Ok(icmp)
    }
}

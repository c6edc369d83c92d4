//! ICMPv4 messages (RFC 792; C's `struct icmphdr`): echo request/reply, destination
//! unreachable and time exceeded with the quoted IP header reachable as a view.
//!
//! ```
//! use berkeley::wire::{Icmpv4Packet, Icmpv4Repr};
//! # fn main() -> berkeley::Result<()> {
//! let ping = Icmpv4Repr::EchoRequest { ident: 0x4242, seq_no: 1, data: b"hello" };
//! let mut buf = [0u8; 13];
//! let icmp = ping.emit(&mut buf)?; // fills the checksum
//! assert!(icmp.verify_checksum());
//! assert_eq!(Icmpv4Repr::parse(&Icmpv4Packet::new_checked(&buf[..])?)?, ping);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use super::checksum;
use super::{
    expected_checksum, get_u16, get_u32, need, set_u16, set_u32, Checksum, Header, Ipv4Packet,
    PacketError,
};

/// The length of the fixed ICMP header (type, code, checksum, 4 more bytes).
pub const HEADER_LEN: usize = 8;

/// `ICMP_ECHOREPLY` (0).
pub const ICMP_ECHOREPLY: u8 = 0;
/// `ICMP_DEST_UNREACH` (3).
pub const ICMP_DEST_UNREACH: u8 = 3;
/// `ICMP_ECHO` (8): echo request.
pub const ICMP_ECHO: u8 = 8;
/// `ICMP_TIME_EXCEEDED` (11).
pub const ICMP_TIME_EXCEEDED: u8 = 11;

/// A zero-copy view of an ICMPv4 message (the whole IP payload: the checksum covers all of it).
///
/// ```
/// use berkeley::wire::icmpv4::{Icmpv4Packet, ICMP_ECHO};
/// # fn main() -> berkeley::Result<()> {
/// // An echo request as the kernel's ping sent it (captured on loopback; 24 data bytes).
/// let mut bytes = vec![8, 0, 0, 0, 0x6a, 0x4a, 0, 1];
/// bytes.extend_from_slice(&[0u8; 24]);
/// let mut icmp = Icmpv4Packet::new_checked(&mut bytes[..])?;
/// icmp.fill_checksum();
/// assert_eq!((icmp.msg_type(), icmp.code()), (ICMP_ECHO, 0));
/// assert_eq!((icmp.echo_ident(), icmp.echo_seq_no()), (0x6a4a, 1));
/// assert_eq!(icmp.data().len(), 24);
/// # Ok(()) }
/// ```
#[doc(alias = "icmphdr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icmpv4Packet<T: AsRef<[u8]>> {
    buf: T,
}

impl<T: AsRef<[u8]>> Icmpv4Packet<T> {
    /// Checks that `buf` holds the 8-byte header.
    ///
    /// ```
    /// use berkeley::wire::{Header, Icmpv4Packet, PacketError};
    /// let err = Icmpv4Packet::new_checked(&[8u8, 0, 0, 0][..]).unwrap_err();
    /// assert_eq!(err, PacketError::Truncated { header: Header::Icmpv4, need: 8, got: 4 });
    /// ```
    #[inline(always)]
    pub fn new_checked(buf: T) -> Result<Icmpv4Packet<T>, PacketError> {
        need(Header::Icmpv4, buf.as_ref().len(), HEADER_LEN)?;
        Ok(Icmpv4Packet { buf })
    }

    /// The buffer back.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::Icmpv4Packet::new_checked(vec![0u8; 8])?.into_inner().len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The message type (`ICMP_ECHO`, ...).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[3u8, 3, 0, 0, 0, 0, 0, 0][..])?;
    /// assert_eq!(icmp.msg_type(), berkeley::wire::icmpv4::ICMP_DEST_UNREACH);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn msg_type(&self) -> u8 {
        self.buf.as_ref()[0]
    }

    /// The code (for destination unreachable: 3 = port unreachable, ...).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[3u8, 3, 0, 0, 0, 0, 0, 0][..])?;
    /// assert_eq!(icmp.code(), 3);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn code(&self) -> u8 {
        self.buf.as_ref()[1]
    }

    /// The checksum field.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[8u8, 0, 0xf7, 0xff, 0, 0, 0, 0][..])?;
    /// assert_eq!(icmp.checksum(), 0xf7ff);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn checksum(&self) -> u16 {
        get_u16(self.buf.as_ref(), 2)
    }

    /// The echo identifier (bytes 4–5; meaningful in echo messages).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[8u8, 0, 0, 0, 1, 2, 0, 3][..])?;
    /// assert_eq!(icmp.echo_ident(), 0x0102);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn echo_ident(&self) -> u16 {
        get_u16(self.buf.as_ref(), 4)
    }

    /// The echo sequence number (bytes 6–7; meaningful in echo messages).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[8u8, 0, 0, 0, 1, 2, 0, 3][..])?;
    /// assert_eq!(icmp.echo_seq_no(), 3);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn echo_seq_no(&self) -> u16 {
        get_u16(self.buf.as_ref(), 6)
    }

    /// The next-hop MTU of a "fragmentation needed" destination unreachable (RFC 1191;
    /// bytes 6–7).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[3u8, 4, 0, 0, 0, 0, 0x05, 0xdc][..])?;
    /// assert_eq!(icmp.next_hop_mtu(), 1500);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn next_hop_mtu(&self) -> u16 {
        get_u16(self.buf.as_ref(), 6)
    }

    /// Bytes 4–7 as one number (the "rest of header", whatever the type puts there).
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[8u8, 0, 0, 0, 1, 2, 3, 4][..])?;
    /// assert_eq!(icmp.rest_of_header(), 0x01020304);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn rest_of_header(&self) -> u32 {
        get_u32(self.buf.as_ref(), 4)
    }

    /// The bytes after the 8-byte header: an echo's data, or an error's quoted packet.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[8u8, 0, 0, 0, 0, 0, 0, 0, 42][..])?;
    /// assert_eq!(icmp.data(), &[42]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn data(&self) -> &[u8] {
        &self.buf.as_ref()[HEADER_LEN..]
    }

    /// The IP header (and first bytes) of the packet an error message (destination
    /// unreachable, time exceeded, ...) is about, as an [`Ipv4Packet`] view. The quoted packet
    /// is usually cut short, so its [`payload`](Ipv4Packet::payload) is what was quoted (up to
    /// its total length); only the version and IHL are checked.
    ///
    /// ```
    /// use berkeley::wire::Icmpv4Packet;
    /// # fn main() -> berkeley::Result<()> {
    /// let mut msg = vec![3u8, 3, 0, 0, 0, 0, 0, 0]; // port unreachable
    /// msg.extend_from_slice(&[0x45, 0, 0, 42, 0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 2, 192, 0, 2, 1]);
    /// msg.extend_from_slice(&[0x9c, 0x40, 0xb7, 0xa1, 0, 22, 0, 0]); // the UDP header
    /// let icmp = Icmpv4Packet::new_checked(&msg[..])?;
    /// let quoted = icmp.quoted_packet()?;
    /// assert_eq!(quoted.total_len(), 42);
    /// assert_eq!(quoted.payload().len(), 8);
    /// # Ok(()) }
    /// ```
    pub fn quoted_packet(&self) -> Result<Ipv4Packet<&[u8]>, PacketError> {
        Ipv4Packet::new_quoted(self.data())
    }

    /// Whether the checksum over the whole message is right.
    ///
    /// ```
    /// let icmp = berkeley::wire::Icmpv4Packet::new_checked(&[8u8, 0, 0xf7, 0xff, 0, 0, 0, 0][..])?;
    /// assert!(icmp.verify_checksum());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn verify_checksum(&self) -> bool {
        checksum::verifies(self.buf.as_ref())
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Icmpv4Packet<T> {
    /// Sets the message type.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 8])?;
    /// icmp.set_msg_type(berkeley::wire::icmpv4::ICMP_ECHO);
    /// assert_eq!(icmp.msg_type(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_msg_type(&mut self, t: u8) {
        self.buf.as_mut()[0] = t;
    }

    /// Sets the code.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 8])?;
    /// icmp.set_code(3);
    /// assert_eq!(icmp.code(), 3);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_code(&mut self, code: u8) {
        self.buf.as_mut()[1] = code;
    }

    /// Sets the checksum field.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 8])?;
    /// icmp.set_checksum(1);
    /// assert_eq!(icmp.checksum(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_checksum(&mut self, c: u16) {
        set_u16(self.buf.as_mut(), 2, c);
    }

    /// Sets the echo identifier.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 8])?;
    /// icmp.set_echo_ident(7);
    /// assert_eq!(icmp.echo_ident(), 7);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_echo_ident(&mut self, ident: u16) {
        set_u16(self.buf.as_mut(), 4, ident);
    }

    /// Sets the echo sequence number.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 8])?;
    /// icmp.set_echo_seq_no(7);
    /// assert_eq!(icmp.echo_seq_no(), 7);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_echo_seq_no(&mut self, seq: u16) {
        set_u16(self.buf.as_mut(), 6, seq);
    }

    /// Sets bytes 4–7.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 8])?;
    /// icmp.set_rest_of_header(0x01020304);
    /// assert_eq!(icmp.echo_seq_no(), 0x0304);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_rest_of_header(&mut self, rest: u32) {
        set_u32(self.buf.as_mut(), 4, rest);
    }

    /// The data, writable.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([0u8; 9])?;
    /// icmp.data_mut()[0] = 1;
    /// assert_eq!(icmp.data(), &[1]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.buf.as_mut()[HEADER_LEN..]
    }

    /// Computes the checksum over the whole message and writes it.
    ///
    /// ```
    /// let mut icmp = berkeley::wire::Icmpv4Packet::new_checked([8u8, 0, 0, 0, 0, 1, 0, 1, 0x61])?;
    /// icmp.fill_checksum();
    /// assert!(icmp.verify_checksum());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn fill_checksum(&mut self) {
        self.set_checksum(0);
        let c = checksum::checksum(self.buf.as_ref());
        self.set_checksum(c);
    }
}

/// An ICMPv4 message as a plain value, its data borrowed.
///
/// ```
/// use berkeley::wire::Icmpv4Repr;
/// let unreachable = Icmpv4Repr::DstUnreachable { code: 3, next_hop_mtu: 0, quoted: &[0x45; 28] };
/// assert_eq!(unreachable.buffer_len(), 36);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Icmpv4Repr<'a> {
    /// Echo request (type 8; `ping`).
    EchoRequest {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq_no: u16,
        /// Data.
        data: &'a [u8],
    },
    /// Echo reply (type 0).
    EchoReply {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq_no: u16,
        /// Data.
        data: &'a [u8],
    },
    /// Destination unreachable (type 3).
    DstUnreachable {
        /// The reason (0 net, 1 host, 2 protocol, 3 port, 4 fragmentation needed, ...).
        code: u8,
        /// The next-hop MTU (code 4, RFC 1191), else 0.
        next_hop_mtu: u16,
        /// The quoted IP header and first bytes of the packet (see
        /// [`Icmpv4Packet::quoted_packet`]).
        quoted: &'a [u8],
    },
    /// Time exceeded (type 11).
    TimeExceeded {
        /// 0: TTL exceeded in transit; 1: fragment reassembly time exceeded.
        code: u8,
        /// The quoted IP header and first bytes of the packet.
        quoted: &'a [u8],
    },
    /// Any other message, kept as it is: type, code, bytes 4–7 and the data.
    Other {
        /// Message type (not 0, 3, 8 or 11: those parse as the variants above).
        msg_type: u8,
        /// Code.
        code: u8,
        /// Bytes 4–7.
        rest_of_header: u32,
        /// The bytes after the header.
        data: &'a [u8],
    },
}

impl<'a> Icmpv4Repr<'a> {
    /// Reads a checked message, verifying its checksum ([`PacketError::BadChecksum`]).
    ///
    /// ```
    /// use berkeley::wire::{Icmpv4Packet, Icmpv4Repr};
    /// let bytes = [0u8, 0, 0xff, 0xfe, 0, 1, 0, 0];
    /// let icmp = Icmpv4Packet::new_checked(&bytes[..])?;
    /// let repr = Icmpv4Repr::parse(&icmp)?;
    /// assert_eq!(repr, Icmpv4Repr::EchoReply { ident: 1, seq_no: 0, data: &[] });
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(icmp: &'a Icmpv4Packet<T>) -> Result<Icmpv4Repr<'a>, PacketError> {
        if !icmp.verify_checksum() {
            let mut total = Checksum::new();
            total.update(icmp.buf.as_ref());
            return Err(PacketError::BadChecksum {
                header: Header::Icmpv4,
                expected: expected_checksum(total, icmp.checksum()),
                found: icmp.checksum(),
            });
        }
        let data: &'a [u8] = &icmp.buf.as_ref()[HEADER_LEN..];
        let (ident, seq_no) = (icmp.echo_ident(), icmp.echo_seq_no());
        Ok(match (icmp.msg_type(), icmp.code()) {
            (ICMP_ECHO, 0) => Icmpv4Repr::EchoRequest { ident, seq_no, data },
            (ICMP_ECHOREPLY, 0) => Icmpv4Repr::EchoReply { ident, seq_no, data },
            (ICMP_DEST_UNREACH, code) if icmp.echo_ident() == 0 => {
                Icmpv4Repr::DstUnreachable { code, next_hop_mtu: icmp.next_hop_mtu(), quoted: data }
            }
            (ICMP_TIME_EXCEEDED, code) if icmp.rest_of_header() == 0 => {
                Icmpv4Repr::TimeExceeded { code, quoted: data }
            }
            (msg_type, code) => {
                Icmpv4Repr::Other { msg_type, code, rest_of_header: icmp.rest_of_header(), data }
            }
        })
    }

    /// 8 + the data's length.
    ///
    /// ```
    /// let r = berkeley::wire::Icmpv4Repr::EchoRequest { ident: 0, seq_no: 0, data: &[0; 56] };
    /// assert_eq!(r.buffer_len(), 64);
    /// ```
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.data().len()
    }

    fn data(&self) -> &'a [u8] {
        match *self {
            Icmpv4Repr::EchoRequest { data, .. }
            | Icmpv4Repr::EchoReply { data, .. }
            | Icmpv4Repr::Other { data, .. } => data,
            Icmpv4Repr::DstUnreachable { quoted, .. } | Icmpv4Repr::TimeExceeded { quoted, .. } => {
                quoted
            }
        }
    }

    /// Writes the message (with its checksum) at the start of `buf` and returns its view.
    ///
    /// ```
    /// let r = berkeley::wire::Icmpv4Repr::EchoReply { ident: 1, seq_no: 2, data: b"x" };
    /// assert!(r.emit(&mut [0u8; 8]).is_err());
    /// assert!(r.emit(&mut [0u8; 9])?.verify_checksum());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn emit<'b>(&self, buf: &'b mut [u8]) -> Result<Icmpv4Packet<&'b mut [u8]>, PacketError> {
        let len = self.buffer_len();
        need(Header::Icmpv4, buf.len(), len)?;
        let buf = &mut buf[..len];
        let (t, code, rest) = match *self {
            Icmpv4Repr::EchoRequest { ident, seq_no, .. } => {
                (ICMP_ECHO, 0, (u32::from(ident) << 16) | u32::from(seq_no))
            }
            Icmpv4Repr::EchoReply { ident, seq_no, .. } => {
                (ICMP_ECHOREPLY, 0, (u32::from(ident) << 16) | u32::from(seq_no))
            }
            Icmpv4Repr::DstUnreachable { code, next_hop_mtu, .. } => {
                (ICMP_DEST_UNREACH, code, u32::from(next_hop_mtu))
            }
            Icmpv4Repr::TimeExceeded { code, .. } => (ICMP_TIME_EXCEEDED, code, 0),
            Icmpv4Repr::Other { msg_type, code, rest_of_header, .. } => {
                (msg_type, code, rest_of_header)
            }
        };
        buf[0] = t;
        buf[1] = code;
        set_u32(buf, 4, rest);
        buf[HEADER_LEN..].copy_from_slice(self.data());
        let mut icmp = Icmpv4Packet { buf };
        icmp.fill_checksum();
        Ok(icmp)
    }
}

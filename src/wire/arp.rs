//! ARP packets (RFC 826; C's `struct arphdr` and `struct ether_arp`).
//!
//! ```
//! use berkeley::wire::{ArpOperation, ArpPacket, ArpRepr};
//! use std::net::Ipv4Addr;
//! # fn main() -> berkeley::Result<()> {
//! // "who has 192.0.2.3? tell 192.0.2.1", as the kernel sent it (captured on a tap device).
//! let bytes = [
//!     0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 192, 0, 2, 3,
//! ];
//! let repr = ArpRepr::parse(&ArpPacket::new_checked(&bytes[..])?)?;
//! assert_eq!(repr.operation, ArpOperation::REQUEST);
//! assert_eq!(repr.target_protocol_addr, Ipv4Addr::new(192, 0, 2, 3));
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use std::fmt;
use std::net::Ipv4Addr;

use super::{get_u16, ipv4_at, need, set_u16, Header, PacketError};
use crate::ether::MacAddr;
use crate::types::EtherType;

/// The fixed part of an ARP header (`struct arphdr`): 8 bytes.
pub const HEADER_LEN: usize = 8;
/// An Ethernet/IPv4 ARP packet (`struct ether_arp`): 28 bytes.
pub const ETHER_ARP_LEN: usize = 28;
/// `ARPHRD_ETHER`: the hardware type of Ethernet.
pub const ARPHRD_ETHER: u16 = 1;

/// An ARP operation (`ar_op`, host order).
///
/// ```
/// use berkeley::wire::ArpOperation;
/// assert_eq!(ArpOperation::REPLY.get(), 2);
/// assert_eq!(format!("{:?}", ArpOperation::REQUEST), "ARPOP_REQUEST");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArpOperation(u16);

impl ArpOperation {
    /// `ARPOP_REQUEST` (1).
    pub const REQUEST: ArpOperation = ArpOperation(1);
    /// `ARPOP_REPLY` (2).
    pub const REPLY: ArpOperation = ArpOperation(2);

    /// Wraps an operation code.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::ArpOperation::new(1), berkeley::wire::ArpOperation::REQUEST);
    /// ```
    pub const fn new(op: u16) -> ArpOperation {
        ArpOperation(op)
    }

    /// The operation code.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::ArpOperation::REQUEST.get(), 1);
    /// ```
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Debug for ArpOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("ARPOP_REQUEST"),
            2 => f.write_str("ARPOP_REPLY"),
            n => write!(f, "ArpOperation({n})"),
        }
    }
}

/// A zero-copy view of an ARP packet of any hardware and protocol address lengths.
///
/// ```
/// use berkeley::wire::ArpPacket;
/// # fn main() -> berkeley::Result<()> {
/// let bytes = [0, 1, 8, 0, 6, 4, 0, 2, 2, 0, 0, 0, 0, 2, 10, 0, 0, 2, 2, 0, 0, 0, 0, 1, 10, 0, 0, 1];
/// let arp = ArpPacket::new_checked(&bytes[..])?;
/// assert_eq!((arp.hardware_len(), arp.protocol_len()), (6, 4));
/// assert_eq!(arp.sender_protocol_addr(), &[10, 0, 0, 2]);
/// # Ok(()) }
/// ```
#[doc(alias = "arphdr")]
#[doc(alias = "ether_arp")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArpPacket<T: AsRef<[u8]>> {
    buf: T,
}

impl<T: AsRef<[u8]>> ArpPacket<T> {
    /// Checks that `buf` holds the 8-byte header and the four addresses its length fields
    /// announce.
    ///
    /// ```
    /// use berkeley::wire::{ArpPacket, Header, PacketError};
    /// let err = ArpPacket::new_checked(&[0, 1, 8, 0, 6, 4, 0, 1][..]).unwrap_err();
    /// assert_eq!(err, PacketError::Truncated { header: Header::Arp, need: 28, got: 8 });
    /// ```
    pub fn new_checked(buf: T) -> Result<ArpPacket<T>, PacketError> {
        let b = buf.as_ref();
        need(Header::Arp, b.len(), HEADER_LEN)?;
        need(Header::Arp, b.len(), HEADER_LEN + 2 * (usize::from(b[4]) + usize::from(b[5])))?;
        Ok(ArpPacket { buf })
    }

    /// The buffer back.
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(vec![0u8; 8])?;
    /// assert_eq!(arp.into_inner().len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The hardware type (`ar_hrd`; 1 = Ethernet).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 0, 0, 0, 1][..])?;
    /// assert_eq!(arp.hardware_type(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn hardware_type(&self) -> u16 {
        get_u16(self.buf.as_ref(), 0)
    }

    /// The protocol type (`ar_pro`).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 0, 0, 0, 1][..])?;
    /// assert_eq!(arp.protocol_type(), berkeley::EtherType::IPV4);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn protocol_type(&self) -> EtherType {
        EtherType::from_raw(get_u16(self.buf.as_ref(), 2))
    }

    /// The hardware address length (`ar_hln`).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 0, 0, 0, 1][..])?;
    /// assert_eq!(arp.hardware_len(), 0);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn hardware_len(&self) -> u8 {
        self.buf.as_ref()[4]
    }

    /// The protocol address length (`ar_pln`).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 0, 0, 0, 1][..])?;
    /// assert_eq!(arp.protocol_len(), 0);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn protocol_len(&self) -> u8 {
        self.buf.as_ref()[5]
    }

    /// The operation (`ar_op`).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 0, 0, 0, 1][..])?;
    /// assert_eq!(arp.operation(), berkeley::wire::ArpOperation::REQUEST);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn operation(&self) -> ArpOperation {
        ArpOperation(get_u16(self.buf.as_ref(), 6))
    }

    fn field(&self, n: usize) -> &[u8] {
        let b = self.buf.as_ref();
        let (h, p) = (usize::from(b[4]), usize::from(b[5]));
        let lens = [h, p, h, p];
        let start = HEADER_LEN + lens[..n].iter().sum::<usize>();
        &b[start..start + lens[n]]
    }

    /// The sender hardware address (`arp_sha`), `hardware_len()` bytes.
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 1, 1, 0, 1, 7, 8, 9, 10][..])?;
    /// assert_eq!(arp.sender_hardware_addr(), &[7]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn sender_hardware_addr(&self) -> &[u8] {
        self.field(0)
    }

    /// The sender protocol address (`arp_spa`), `protocol_len()` bytes.
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 1, 1, 0, 1, 7, 8, 9, 10][..])?;
    /// assert_eq!(arp.sender_protocol_addr(), &[8]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn sender_protocol_addr(&self) -> &[u8] {
        self.field(1)
    }

    /// The target hardware address (`arp_tha`).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 1, 1, 0, 1, 7, 8, 9, 10][..])?;
    /// assert_eq!(arp.target_hardware_addr(), &[9]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn target_hardware_addr(&self) -> &[u8] {
        self.field(2)
    }

    /// The target protocol address (`arp_tpa`).
    ///
    /// ```
    /// let arp = berkeley::wire::ArpPacket::new_checked(&[0, 1, 8, 0, 1, 1, 0, 1, 7, 8, 9, 10][..])?;
    /// assert_eq!(arp.target_protocol_addr(), &[10]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn target_protocol_addr(&self) -> &[u8] {
        self.field(3)
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> ArpPacket<T> {
    /// Sets the operation.
    ///
    /// ```
    /// let mut arp = berkeley::wire::ArpPacket::new_checked([0, 1, 8, 0, 0, 0, 0, 1])?;
    /// arp.set_operation(berkeley::wire::ArpOperation::REPLY);
    /// assert_eq!(arp.operation(), berkeley::wire::ArpOperation::REPLY);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_operation(&mut self, op: ArpOperation) {
        set_u16(self.buf.as_mut(), 6, op.0);
    }
}

/// An Ethernet/IPv4 ARP packet (`struct ether_arp`) as a plain struct.
///
/// ```
/// use berkeley::wire::{ArpOperation, ArpPacket, ArpRepr};
/// use berkeley::MacAddr;
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// let reply = ArpRepr {
///     operation: ArpOperation::REPLY,
///     sender_hardware_addr: MacAddr::new([2, 0, 0, 0, 0, 2]),
///     sender_protocol_addr: Ipv4Addr::new(192, 0, 2, 2),
///     target_hardware_addr: MacAddr::new([2, 0, 0, 0, 0, 1]),
///     target_protocol_addr: Ipv4Addr::new(192, 0, 2, 1),
/// };
/// let mut buf = [0u8; 28];
/// reply.emit(&mut buf)?;
/// assert_eq!(ArpRepr::parse(&ArpPacket::new_checked(&buf[..])?)?, reply);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArpRepr {
    /// Request or reply.
    pub operation: ArpOperation,
    /// The sender's MAC address.
    pub sender_hardware_addr: MacAddr,
    /// The sender's IPv4 address.
    pub sender_protocol_addr: Ipv4Addr,
    /// The target's MAC address (zero in a request).
    pub target_hardware_addr: MacAddr,
    /// The target's IPv4 address.
    pub target_protocol_addr: Ipv4Addr,
}

impl ArpRepr {
    /// Reads an Ethernet/IPv4 ARP packet; other hardware or protocol types are
    /// [`PacketError::Unsupported`] (read them through the view).
    ///
    /// ```
    /// use berkeley::wire::{ArpPacket, ArpRepr};
    /// let arp = ArpPacket::new_checked(&[0, 6, 8, 0, 0, 0, 0, 1][..])?; // IEEE 802 hardware
    /// assert!(ArpRepr::parse(&arp).is_err());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(arp: &ArpPacket<T>) -> Result<ArpRepr, PacketError> {
        let unsupported =
            |field, value| Err(PacketError::Unsupported { header: Header::Arp, field, value });
        if arp.hardware_type() != ARPHRD_ETHER {
            return unsupported("hardware type", u32::from(arp.hardware_type()));
        }
        if arp.protocol_type() != EtherType::IPV4 {
            return unsupported("protocol type", u32::from(arp.protocol_type().as_raw()));
        }
        if arp.hardware_len() != 6 {
            return unsupported("hardware address length", u32::from(arp.hardware_len()));
        }
        if arp.protocol_len() != 4 {
            return unsupported("protocol address length", u32::from(arp.protocol_len()));
        }
        let b = arp.buf.as_ref();
        let mac = |at: usize| {
            MacAddr::new([b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5]])
        };
        Ok(ArpRepr {
            operation: arp.operation(),
            sender_hardware_addr: mac(8),
            sender_protocol_addr: ipv4_at(b, 14),
            target_hardware_addr: mac(18),
            target_protocol_addr: ipv4_at(b, 24),
        })
    }

    /// 28 bytes.
    ///
    /// ```
    /// # let repr = berkeley::wire::ArpRepr {
    /// #     operation: berkeley::wire::ArpOperation::REQUEST,
    /// #     sender_hardware_addr: berkeley::MacAddr::ZERO,
    /// #     sender_protocol_addr: std::net::Ipv4Addr::UNSPECIFIED,
    /// #     target_hardware_addr: berkeley::MacAddr::ZERO,
    /// #     target_protocol_addr: std::net::Ipv4Addr::UNSPECIFIED,
    /// # };
    /// assert_eq!(repr.buffer_len(), 28);
    /// ```
    pub fn buffer_len(&self) -> usize {
        ETHER_ARP_LEN
    }

    /// Writes the packet into the first 28 bytes of `buf` and returns its view.
    ///
    /// ```
    /// # let repr = berkeley::wire::ArpRepr {
    /// #     operation: berkeley::wire::ArpOperation::REQUEST,
    /// #     sender_hardware_addr: berkeley::MacAddr::ZERO,
    /// #     sender_protocol_addr: std::net::Ipv4Addr::UNSPECIFIED,
    /// #     target_hardware_addr: berkeley::MacAddr::ZERO,
    /// #     target_protocol_addr: std::net::Ipv4Addr::UNSPECIFIED,
    /// # };
    /// assert!(repr.emit(&mut [0u8; 27]).is_err());
    /// assert_eq!(repr.emit(&mut [0u8; 28])?.hardware_len(), 6);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn emit<'b>(&self, buf: &'b mut [u8]) -> Result<ArpPacket<&'b mut [u8]>, PacketError> {
        need(Header::Arp, buf.len(), ETHER_ARP_LEN)?;
        let buf = &mut buf[..ETHER_ARP_LEN];
        set_u16(buf, 0, ARPHRD_ETHER);
        set_u16(buf, 2, EtherType::IPV4.as_raw());
        buf[4] = 6;
        buf[5] = 4;
        set_u16(buf, 6, self.operation.0);
        buf[8..14].copy_from_slice(&self.sender_hardware_addr.octets());
        buf[14..18].copy_from_slice(&self.sender_protocol_addr.octets());
        buf[18..24].copy_from_slice(&self.target_hardware_addr.octets());
        buf[24..28].copy_from_slice(&self.target_protocol_addr.octets());
        Ok(ArpPacket { buf })
    }
}

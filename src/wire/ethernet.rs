//! Ethernet II frames (C's `struct ether_header`), with one optional 802.1Q VLAN tag.
//!
//! ```
//! use berkeley::wire::EthernetFrame;
//! use berkeley::{EtherType, MacAddr};
//! # fn main() -> berkeley::Result<()> {
//! let bytes = [
//!     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x06, // dst, src, ARP
//!     0, 1, 8, 0, 6, 4, 0, 1, // the ARP packet begins
//! ];
//! let frame = EthernetFrame::new_checked(&bytes[..])?;
//! assert_eq!(frame.dst_addr(), MacAddr::BROADCAST);
//! assert_eq!(frame.src_addr(), MacAddr::new([2, 0, 0, 0, 0, 1]));
//! assert_eq!(frame.ethertype(), EtherType::ARP);
//! assert_eq!(frame.payload(), &[0, 1, 8, 0, 6, 4, 0, 1]);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use super::{get_u16, need, set_u16, truncated, Header, PacketError};
use crate::ether::MacAddr;
use crate::types::EtherType;

/// The length of an untagged Ethernet II header (`ETH_HLEN`).
pub const HEADER_LEN: usize = 14;
/// The length of a header with one 802.1Q tag.
pub const VLAN_HEADER_LEN: usize = 18;

/// A zero-copy view of an Ethernet II frame (without the FCS, as sockets deliver it).
///
/// If the frame carries an 802.1Q tag (type 0x8100), [`vlan`](EthernetFrame::vlan) returns it
/// and [`ethertype`](EthernetFrame::ethertype) and [`payload`](EthernetFrame::payload) are
/// those behind the tag.
///
/// ```
/// use berkeley::wire::{EthernetFrame, VlanTag};
/// use berkeley::EtherType;
/// # fn main() -> berkeley::Result<()> {
/// let bytes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x81, 0x00, 0x20, 0x64, 0x08, 0x00, 0x45];
/// let frame = EthernetFrame::new_checked(&bytes[..])?;
/// assert_eq!(frame.vlan(), Some(VlanTag { pcp: 1, dei: false, vid: 100 }));
/// assert_eq!(frame.ethertype(), EtherType::IPV4);
/// assert_eq!(frame.payload(), &[0x45]);
/// # Ok(()) }
/// ```
#[doc(alias = "ether_header")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthernetFrame<T: AsRef<[u8]>> {
    buf: T,
    tagged: bool,
    /// The type behind the tag (if any), read once by `new_checked` and kept in step by
    /// `set_ethertype`: the getter then costs no load and no bounds check.
    ethertype: EtherType,
}

impl<T: AsRef<[u8]>> EthernetFrame<T> {
    /// Checks that `buf` holds a whole Ethernet header (18 bytes if it is 802.1Q-tagged).
    ///
    /// ```
    /// use berkeley::wire::{EthernetFrame, Header, PacketError};
    ///
    /// let err = EthernetFrame::new_checked(&[0u8; 13][..]).unwrap_err();
    /// assert_eq!(err, PacketError::Truncated { header: Header::Ethernet, need: 14, got: 13 });
    /// ```
    #[inline(always)]
    pub fn new_checked(buf: T) -> Result<EthernetFrame<T>, PacketError> {
        let b = buf.as_ref();
        let Some(h) = b.first_chunk::<HEADER_LEN>() else {
            return Err(truncated(Header::Ethernet, HEADER_LEN, b.len()));
        };
        let outer = u16::from_be_bytes([h[12], h[13]]);
        if outer != EtherType::VLAN.as_raw() {
            return Ok(EthernetFrame { buf, tagged: false, ethertype: EtherType::from_raw(outer) });
        }
        let Some(h) = b.first_chunk::<VLAN_HEADER_LEN>() else {
            return Err(truncated(Header::Vlan, VLAN_HEADER_LEN, b.len()));
        };
        let inner = EtherType::from_raw(u16::from_be_bytes([h[16], h[17]]));
        Ok(EthernetFrame { buf, tagged: true, ethertype: inner })
    }

    /// The buffer back.
    ///
    /// ```
    /// let frame = berkeley::wire::EthernetFrame::new_checked(vec![0u8; 14])?;
    /// assert_eq!(frame.into_inner().len(), 14);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The header length: 14, or 18 with a VLAN tag.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::EthernetFrame::new_checked(&[0u8; 14][..])?.header_len(), 14);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn header_len(&self) -> usize {
        if self.tagged {
            VLAN_HEADER_LEN
        } else {
            HEADER_LEN
        }
    }

    /// The destination address (`ether_dhost`).
    ///
    /// ```
    /// let frame = berkeley::wire::EthernetFrame::new_checked(&[0xffu8; 14][..])?;
    /// assert!(frame.dst_addr().is_broadcast());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn dst_addr(&self) -> MacAddr {
        mac_at(self.buf.as_ref(), 0)
    }

    /// The source address (`ether_shost`).
    ///
    /// ```
    /// let mut b = [0u8; 14];
    /// b[11] = 1;
    /// let frame = berkeley::wire::EthernetFrame::new_checked(&b[..])?;
    /// assert_eq!(frame.src_addr(), berkeley::MacAddr::new([0, 0, 0, 0, 0, 1]));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn src_addr(&self) -> MacAddr {
        mac_at(self.buf.as_ref(), 6)
    }

    /// The type of the payload (`ether_type`; behind the VLAN tag if there is one).
    ///
    /// ```
    /// let b = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x86, 0xdd];
    /// let frame = berkeley::wire::EthernetFrame::new_checked(&b[..])?;
    /// assert_eq!(frame.ethertype(), berkeley::EtherType::IPV6);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn ethertype(&self) -> EtherType {
        self.ethertype
    }

    /// The 802.1Q tag, if the frame has one.
    ///
    /// ```
    /// let frame = berkeley::wire::EthernetFrame::new_checked(&[0u8; 14][..])?;
    /// assert_eq!(frame.vlan(), None);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn vlan(&self) -> Option<VlanTag> {
        self.tagged.then(|| VlanTag::from_tci(get_u16(self.buf.as_ref(), 14)))
    }

    /// The bytes after the header.
    ///
    /// ```
    /// let frame = berkeley::wire::EthernetFrame::new_checked(&[0u8; 20][..])?;
    /// assert_eq!(frame.payload().len(), 6);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn payload(&self) -> &[u8] {
        &self.buf.as_ref()[self.header_len()..]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> EthernetFrame<T> {
    /// Sets the destination address.
    ///
    /// ```
    /// let mut frame = berkeley::wire::EthernetFrame::new_checked([0u8; 14])?;
    /// frame.set_dst_addr(berkeley::MacAddr::BROADCAST);
    /// assert!(frame.dst_addr().is_broadcast());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dst_addr(&mut self, addr: MacAddr) {
        self.buf.as_mut()[0..6].copy_from_slice(&addr.octets());
    }

    /// Sets the source address.
    ///
    /// ```
    /// let mut frame = berkeley::wire::EthernetFrame::new_checked([0u8; 14])?;
    /// frame.set_src_addr(berkeley::MacAddr::new([2, 0, 0, 0, 0, 1]));
    /// assert_eq!(frame.src_addr().octets()[0], 2);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_src_addr(&mut self, addr: MacAddr) {
        self.buf.as_mut()[6..12].copy_from_slice(&addr.octets());
    }

    /// Sets the payload's type (behind the VLAN tag if there is one). Setting
    /// [`EtherType::VLAN`] on an untagged frame does not make it tagged: the view keeps the
    /// layout it checked.
    ///
    /// ```
    /// let mut frame = berkeley::wire::EthernetFrame::new_checked([0u8; 14])?;
    /// frame.set_ethertype(berkeley::EtherType::ARP);
    /// assert_eq!(frame.ethertype(), berkeley::EtherType::ARP);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_ethertype(&mut self, ethertype: EtherType) {
        let at = self.header_len() - 2;
        set_u16(self.buf.as_mut(), at, ethertype.as_raw());
        self.ethertype = ethertype;
    }

    /// The payload, writable.
    ///
    /// ```
    /// let mut frame = berkeley::wire::EthernetFrame::new_checked([0u8; 15])?;
    /// frame.payload_mut()[0] = 0x45;
    /// assert_eq!(frame.payload(), &[0x45]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let at = self.header_len();
        &mut self.buf.as_mut()[at..]
    }
}

fn mac_at(b: &[u8], at: usize) -> MacAddr {
    MacAddr::new([b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5]])
}

/// An 802.1Q VLAN tag's control information (TCI).
///
/// ```
/// use berkeley::wire::VlanTag;
///
/// let tag = VlanTag { pcp: 5, dei: false, vid: 42 };
/// assert_eq!(tag.tci(), (5 << 13) | 42);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VlanTag {
    /// Priority code point, 0..=7.
    pub pcp: u8,
    /// Drop eligible indicator.
    pub dei: bool,
    /// VLAN identifier, 0..=4095.
    pub vid: u16,
}

impl VlanTag {
    /// The tag of a TCI field (host order).
    ///
    /// ```
    /// let tag = berkeley::wire::VlanTag::from_tci(0x3064);
    /// assert_eq!((tag.pcp, tag.dei, tag.vid), (1, true, 100));
    /// ```
    pub const fn from_tci(tci: u16) -> VlanTag {
        VlanTag { pcp: (tci >> 13) as u8, dei: tci & 0x1000 != 0, vid: tci & 0x0fff }
    }

    /// The TCI field (host order). Out-of-range `pcp` and `vid` bits are cut off here;
    /// [`EthernetRepr::emit`] refuses them instead.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::VlanTag { pcp: 1, dei: true, vid: 100 }.tci(), 0x3064);
    /// ```
    pub const fn tci(self) -> u16 {
        ((self.pcp as u16 & 7) << 13) | ((self.dei as u16) << 12) | (self.vid & 0x0fff)
    }
}

/// The meaning of an Ethernet header, as a plain struct.
///
/// ```
/// use berkeley::wire::{EthernetFrame, EthernetRepr};
/// use berkeley::{EtherType, MacAddr};
/// # fn main() -> berkeley::Result<()> {
/// let repr = EthernetRepr {
///     src_addr: MacAddr::new([2, 0, 0, 0, 0, 1]),
///     dst_addr: MacAddr::BROADCAST,
///     vlan: None,
///     ethertype: EtherType::ARP,
/// };
/// let mut buf = [0u8; 42];
/// let frame = repr.emit(&mut buf)?;
/// assert_eq!(frame.payload().len(), 28);
/// assert_eq!(EthernetRepr::parse(&EthernetFrame::new_checked(&buf[..])?)?, repr);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EthernetRepr {
    /// Source address.
    pub src_addr: MacAddr,
    /// Destination address.
    pub dst_addr: MacAddr,
    /// The 802.1Q tag, if any.
    pub vlan: Option<VlanTag>,
    /// The payload's type.
    pub ethertype: EtherType,
}

impl EthernetRepr {
    /// Reads a checked frame's header.
    ///
    /// ```
    /// let frame = berkeley::wire::EthernetFrame::new_checked(&[0u8; 14][..])?;
    /// let repr = berkeley::wire::EthernetRepr::parse(&frame)?;
    /// assert_eq!(repr.ethertype.as_raw(), 0);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(frame: &EthernetFrame<T>) -> Result<EthernetRepr, PacketError> {
        Ok(EthernetRepr {
            src_addr: frame.src_addr(),
            dst_addr: frame.dst_addr(),
            vlan: frame.vlan(),
            ethertype: frame.ethertype(),
        })
    }

    /// The header length this repr emits: 14, or 18 with a VLAN tag.
    ///
    /// ```
    /// use berkeley::wire::{EthernetRepr, VlanTag};
    /// let repr = EthernetRepr {
    ///     src_addr: berkeley::MacAddr::ZERO,
    ///     dst_addr: berkeley::MacAddr::ZERO,
    ///     vlan: Some(VlanTag::default()),
    ///     ethertype: berkeley::EtherType::IPV4,
    /// };
    /// assert_eq!(repr.buffer_len(), 18);
    /// ```
    pub fn buffer_len(&self) -> usize {
        if self.vlan.is_some() {
            VLAN_HEADER_LEN
        } else {
            HEADER_LEN
        }
    }

    /// Writes the header at the start of `buf` and returns the view of the frame (the rest of
    /// `buf` is its payload). Fails if `buf` is shorter than [`buffer_len`](Self::buffer_len)
    /// or the VLAN tag's `pcp`/`vid` are out of range.
    ///
    /// ```
    /// use berkeley::wire::{EthernetRepr, VlanTag};
    /// let repr = EthernetRepr {
    ///     src_addr: berkeley::MacAddr::ZERO,
    ///     dst_addr: berkeley::MacAddr::ZERO,
    ///     vlan: Some(VlanTag { pcp: 0, dei: false, vid: 5000 }),
    ///     ethertype: berkeley::EtherType::IPV4,
    /// };
    /// assert!(repr.emit(&mut [0u8; 18]).is_err()); // VID is 12 bits
    /// ```
    pub fn emit<'b>(&self, buf: &'b mut [u8]) -> Result<EthernetFrame<&'b mut [u8]>, PacketError> {
        need(Header::Ethernet, buf.len(), self.buffer_len())?;
        buf[0..6].copy_from_slice(&self.dst_addr.octets());
        buf[6..12].copy_from_slice(&self.src_addr.octets());
        match self.vlan {
            Some(tag) => {
                if tag.pcp > 7 {
                    return Err(PacketError::Unsupported {
                        header: Header::Vlan,
                        field: "PCP",
                        value: u32::from(tag.pcp),
                    });
                }
                if tag.vid > 0x0fff {
                    return Err(PacketError::Unsupported {
                        header: Header::Vlan,
                        field: "VID",
                        value: u32::from(tag.vid),
                    });
                }
                set_u16(buf, 12, EtherType::VLAN.as_raw());
                set_u16(buf, 14, tag.tci());
                set_u16(buf, 16, self.ethertype.as_raw());
            }
            None if self.ethertype == EtherType::VLAN => {
                // It would read back as a tagged frame: the tag goes in `vlan`.
                return Err(PacketError::Unsupported {
                    header: Header::Ethernet,
                    field: "EtherType without a VLAN tag",
                    value: u32::from(EtherType::VLAN.as_raw()),
                });
            }
            None => set_u16(buf, 12, self.ethertype.as_raw()),
        }
        EthernetFrame::new_checked(buf)
    }
}

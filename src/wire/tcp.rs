//! TCP headers (RFC 9293; C's `struct tcphdr`): all flags including CWR/ECE, the data offset,
//! and the options (MSS, window scale, SACK-permitted, SACK, timestamps).
//!
//! A TCP segment has no length field: the view's buffer must be exactly the segment (the IP
//! payload), because the checksum covers all of it.
//!
//! ```
//! use berkeley::wire::{PseudoHeader, TcpFlags, TcpPacket, TcpRepr};
//! use std::net::Ipv4Addr;
//! # fn main() -> berkeley::Result<()> {
//! let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
//! let syn = TcpRepr {
//!     src_port: 41630,
//!     dst_port: 80,
//!     seq_number: 4279179346,
//!     flags: TcpFlags::SYN,
//!     window_len: 65495,
//!     max_seg_size: Some(65495),
//!     sack_permitted: true,
//!     window_scale: Some(10),
//!     ..TcpRepr::default()
//! };
//! let mut buf = vec![0u8; syn.buffer_len()];
//! let tcp = syn.emit(&mut buf, &ph)?;
//! assert!(tcp.verify_checksum(&ph));
//! assert_eq!(TcpRepr::parse(&TcpPacket::new_checked(&buf[..])?, &ph)?, syn);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use std::fmt;
use std::ops;

use super::{
    bad_length, expected_checksum, get_u16, get_u32, need, set_u16, set_u32, Checksum, Header,
    IpProtocol, PacketError, PseudoHeader,
};

/// The length of a TCP header without options.
pub const HEADER_LEN: usize = 20;
/// The most option bytes a header can carry (data offset 15).
pub const MAX_OPTIONS_LEN: usize = 40;

/// TCP flags (the low 9 bits of bytes 12–13: NS, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN).
///
/// ```
/// use berkeley::wire::TcpFlags;
/// let synack = TcpFlags::SYN | TcpFlags::ACK;
/// assert!(synack.contains(TcpFlags::ACK));
/// assert_eq!(format!("{synack:?}"), "TcpFlags(SYN | ACK)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpFlags(u16);

impl TcpFlags {
    /// `TH_FIN`: no more data from the sender.
    pub const FIN: TcpFlags = TcpFlags(0x001);
    /// `TH_SYN`: synchronise sequence numbers.
    pub const SYN: TcpFlags = TcpFlags(0x002);
    /// `TH_RST`: reset the connection.
    pub const RST: TcpFlags = TcpFlags(0x004);
    /// `TH_PUSH`: push the data to the application.
    pub const PSH: TcpFlags = TcpFlags(0x008);
    /// `TH_ACK`: the acknowledgment number is valid.
    pub const ACK: TcpFlags = TcpFlags(0x010);
    /// `TH_URG`: the urgent pointer is valid.
    pub const URG: TcpFlags = TcpFlags(0x020);
    /// ECN-Echo (RFC 3168).
    pub const ECE: TcpFlags = TcpFlags(0x040);
    /// Congestion Window Reduced (RFC 3168).
    pub const CWR: TcpFlags = TcpFlags(0x080);
    /// ECN nonce (RFC 3540, historic).
    pub const NS: TcpFlags = TcpFlags(0x100);

    /// No flags.
    ///
    /// ```
    /// assert!(berkeley::wire::TcpFlags::empty().is_empty());
    /// ```
    pub const fn empty() -> TcpFlags {
        TcpFlags(0)
    }

    /// Flags from their bits; bits above the nine flags are dropped.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::TcpFlags::from_bits(0x12), berkeley::wire::TcpFlags::SYN | berkeley::wire::TcpFlags::ACK);
    /// ```
    pub const fn from_bits(bits: u16) -> TcpFlags {
        TcpFlags(bits & 0x1ff)
    }

    /// The bits.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::TcpFlags::FIN.bits(), 1);
    /// ```
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Whether no flag is set.
    ///
    /// ```
    /// assert!(!berkeley::wire::TcpFlags::RST.is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every flag of `other` is set.
    ///
    /// ```
    /// use berkeley::wire::TcpFlags;
    /// assert!(!(TcpFlags::SYN).contains(TcpFlags::SYN | TcpFlags::ACK));
    /// ```
    pub const fn contains(self, other: TcpFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl ops::BitOr for TcpFlags {
    type Output = TcpFlags;
    fn bitor(self, rhs: TcpFlags) -> TcpFlags {
        TcpFlags(self.0 | rhs.0)
    }
}

impl ops::BitOrAssign for TcpFlags {
    fn bitor_assign(&mut self, rhs: TcpFlags) {
        self.0 |= rhs.0;
    }
}

impl ops::BitAnd for TcpFlags {
    type Output = TcpFlags;
    fn bitand(self, rhs: TcpFlags) -> TcpFlags {
        TcpFlags(self.0 & rhs.0)
    }
}

impl fmt::Debug for TcpFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [&str; 9] = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"];
        f.write_str("TcpFlags(")?;
        let mut first = true;
        for (i, name) in NAMES.iter().enumerate() {
            if self.0 & (1 << i) != 0 {
                if !first {
                    f.write_str(" | ")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        f.write_str(")")
    }
}

/// One SACK block (RFC 2018): the sequence numbers `left..right` were received.
///
/// ```
/// let b = berkeley::wire::SackBlock { left: 100, right: 200 };
/// assert_eq!(b.right - b.left, 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SackBlock {
    /// The first sequence number of the block.
    pub left: u32,
    /// The sequence number just after the block.
    pub right: u32,
}

/// The blocks of a SACK option (1 to 4), read from the header bytes.
///
/// ```
/// use berkeley::wire::{SackBlock, TcpOption, TcpOptions};
/// let opts = [5u8, 10, 0, 0, 0, 1, 0, 0, 0, 2];
/// let Some(Ok(TcpOption::Sack(blocks))) = TcpOptions::new(&opts).next() else { panic!() };
/// assert_eq!(blocks.iter().collect::<Vec<_>>(), [SackBlock { left: 1, right: 2 }]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SackBlocks<'a>(&'a [u8]);

impl<'a> SackBlocks<'a> {
    /// The number of blocks.
    ///
    /// ```
    /// # use berkeley::wire::{TcpOption, TcpOptions};
    /// let Some(Ok(TcpOption::Sack(blocks))) = TcpOptions::new(&[5u8, 10, 0, 0, 0, 1, 0, 0, 0, 2]).next() else { panic!() };
    /// assert_eq!(blocks.len(), 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // a SACK option has at least one block
    pub fn len(&self) -> usize {
        self.0.len() / 8
    }

    /// The blocks, in order.
    ///
    /// ```
    /// # use berkeley::wire::{TcpOption, TcpOptions};
    /// let Some(Ok(TcpOption::Sack(blocks))) = TcpOptions::new(&[5u8, 10, 0, 0, 0, 1, 0, 0, 0, 2]).next() else { panic!() };
    /// assert_eq!(blocks.iter().next().unwrap().right, 2);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = SackBlock> + 'a {
        self.0.chunks_exact(8).map(|c| SackBlock { left: get_u32(c, 0), right: get_u32(c, 4) })
    }
}

/// One TCP option.
///
/// ```
/// use berkeley::wire::{TcpOption, TcpOptions};
/// let opts: Vec<_> = TcpOptions::new(&[2, 4, 0x05, 0xb4, 1, 3, 3, 7]).collect::<Result<_, _>>()?;
/// assert_eq!(opts, [TcpOption::MaxSegmentSize(1460), TcpOption::NoOperation, TcpOption::WindowScale(7)]);
/// # Ok::<(), berkeley::wire::PacketError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TcpOption<'a> {
    /// Kind 0: end of the option list (`TCPOPT_EOL`).
    EndOfList,
    /// Kind 1: padding (`TCPOPT_NOP`).
    NoOperation,
    /// Kind 2: maximum segment size (`TCPOPT_MAXSEG`).
    MaxSegmentSize(u16),
    /// Kind 3: window scale shift count (`TCPOPT_WINDOW`, RFC 7323).
    WindowScale(u8),
    /// Kind 4: SACK permitted (`TCPOPT_SACK_PERMITTED`, RFC 2018).
    SackPermitted,
    /// Kind 5: selective acknowledgment blocks (`TCPOPT_SACK`).
    Sack(SackBlocks<'a>),
    /// Kind 8: timestamps (`TCPOPT_TIMESTAMP`, RFC 7323).
    Timestamps {
        /// The sender's timestamp value.
        tsval: u32,
        /// The echoed timestamp.
        tsecr: u32,
    },
    /// Any other kind, with its data (the bytes after kind and length).
    Unknown {
        /// The option kind.
        kind: u8,
        /// Its data.
        data: &'a [u8],
    },
}

/// An iterator over the options of a TCP header: each item is an option or the error that
/// stopped the walk (an option whose length is missing, too short, longer than what is left,
/// or wrong for its kind). It ends after [`TcpOption::EndOfList`] or at the end of the bytes.
///
/// ```
/// use berkeley::wire::{Header, PacketError, TcpOptions};
/// let mut it = TcpOptions::new(&[2, 4, 0x05]); // MSS cut short
/// assert_eq!(it.next(), Some(Err(PacketError::Truncated { header: Header::TcpOption, need: 4, got: 3 })));
/// assert_eq!(it.next(), None);
/// ```
#[derive(Debug, Clone)]
pub struct TcpOptions<'a> {
    rest: &'a [u8],
}

impl<'a> TcpOptions<'a> {
    /// Walks the option bytes `options` (a header's bytes 20 to its data offset).
    ///
    /// ```
    /// assert_eq!(berkeley::wire::TcpOptions::new(&[]).count(), 0);
    /// ```
    pub fn new(options: &'a [u8]) -> TcpOptions<'a> {
        TcpOptions { rest: options }
    }
}

impl<'a> Iterator for TcpOptions<'a> {
    type Item = Result<TcpOption<'a>, PacketError>;

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.rest;
        let kind = *b.first()?;
        match kind {
            0 => {
                self.rest = &[];
                return Some(Ok(TcpOption::EndOfList));
            }
            1 => {
                self.rest = &b[1..];
                return Some(Ok(TcpOption::NoOperation));
            }
            _ => {}
        }
        self.rest = &[]; // stop after an error; replaced below on success
        let Some(&len) = b.get(1) else {
            return Some(Err(PacketError::Truncated {
                header: Header::TcpOption,
                need: 2,
                got: 1,
            }));
        };
        let len = usize::from(len);
        let bad = |len| {
            Err(PacketError::BadLength { header: Header::TcpOption, field: "length", value: len })
        };
        if len < 2 {
            return Some(bad(len));
        }
        if len > b.len() {
            return Some(Err(PacketError::Truncated {
                header: Header::TcpOption,
                need: len,
                got: b.len(),
            }));
        }
        let data = &b[2..len];
        let opt = match (kind, len) {
            (2, 4) => TcpOption::MaxSegmentSize(get_u16(data, 0)),
            (3, 3) => TcpOption::WindowScale(data[0]),
            (4, 2) => TcpOption::SackPermitted,
            (5, l) if (10..=34).contains(&l) && (l - 2) % 8 == 0 => {
                TcpOption::Sack(SackBlocks(data))
            }
            (8, 10) => TcpOption::Timestamps { tsval: get_u32(data, 0), tsecr: get_u32(data, 4) },
            (2..=5 | 8, _) => return Some(bad(len)),
            _ => TcpOption::Unknown { kind, data },
        };
        self.rest = &b[len..];
        Some(Ok(opt))
    }
}

/// A zero-copy view of a TCP segment.
///
/// ```
/// use berkeley::wire::{TcpFlags, TcpOption, TcpPacket};
/// # fn main() -> berkeley::Result<()> {
/// // A SYN with MSS, SACK-permitted, timestamps and window scale (captured on a tap device).
/// let bytes = [
///     0xcb, 0x60, 0xb7, 0x9a, 0xc8, 0x05, 0x29, 0x28, 0, 0, 0, 0, 0xa0, 0x02, 0xfa, 0xf0,
///     0x9f, 0x2a, 0, 0, 2, 4, 5, 0xb4, 4, 2, 8, 10, 0x68, 0xae, 0x8f, 0x06, 0, 0, 0, 0, 1, 3,
///     3, 10,
/// ];
/// let tcp = TcpPacket::new_checked(&bytes[..])?;
/// assert_eq!((tcp.src_port(), tcp.dst_port()), (52064, 47002));
/// assert_eq!(tcp.flags(), TcpFlags::SYN);
/// assert_eq!(tcp.header_len(), 40);
/// let opts: Vec<_> = tcp.options().collect::<Result<_, _>>()?;
/// assert_eq!(opts[0], TcpOption::MaxSegmentSize(1460));
/// assert_eq!(opts[4], TcpOption::WindowScale(10));
/// # Ok(()) }
/// ```
#[doc(alias = "tcphdr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TcpPacket<T: AsRef<[u8]>> {
    buf: T,
}

impl<T: AsRef<[u8]>> TcpPacket<T> {
    /// Checks the header and the data offset (at least 5, within the buffer).
    ///
    /// ```
    /// use berkeley::wire::{Header, PacketError, TcpPacket};
    /// let mut b = [0u8; 20];
    /// b[12] = 0x60; // data offset 6: 24 bytes
    /// assert_eq!(
    ///     TcpPacket::new_checked(&b[..]).unwrap_err(),
    ///     PacketError::Truncated { header: Header::Tcp, need: 24, got: 20 },
    /// );
    /// ```
    #[inline(always)]
    pub fn new_checked(buf: T) -> Result<TcpPacket<T>, PacketError> {
        let b = buf.as_ref();
        need(Header::Tcp, b.len(), HEADER_LEN)?;
        let off = usize::from(b[12] >> 4) * 4;
        if off < HEADER_LEN {
            return Err(bad_length(Header::Tcp, "data offset", off / 4));
        }
        need(Header::Tcp, b.len(), off)?;
        Ok(TcpPacket { buf })
    }

    /// The buffer back.
    ///
    /// ```
    /// # let mut b = vec![0u8; 20]; b[12] = 0x50;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(b)?.into_inner().len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The source port.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[1] = 80;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.src_port(), 80);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn src_port(&self) -> u16 {
        get_u16(self.buf.as_ref(), 0)
    }

    /// The destination port.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[3] = 80;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.dst_port(), 80);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn dst_port(&self) -> u16 {
        get_u16(self.buf.as_ref(), 2)
    }

    /// The sequence number.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[7] = 1;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.seq_number(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn seq_number(&self) -> u32 {
        get_u32(self.buf.as_ref(), 4)
    }

    /// The acknowledgment number.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[11] = 2;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.ack_number(), 2);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn ack_number(&self) -> u32 {
        get_u32(self.buf.as_ref(), 8)
    }

    /// The header length in bytes (data offset × 4): 20 to 60.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.header_len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn header_len(&self) -> usize {
        usize::from(self.buf.as_ref()[12] >> 4) * 4
    }

    /// The flags.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[13] = 0x12;
    /// use berkeley::wire::TcpFlags;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.flags(), TcpFlags::SYN | TcpFlags::ACK);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn flags(&self) -> TcpFlags {
        TcpFlags::from_bits(get_u16(self.buf.as_ref(), 12))
    }

    /// The receive window (unscaled).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[14] = 0xff; b[15] = 0xff;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.window_len(), 65535);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn window_len(&self) -> u16 {
        get_u16(self.buf.as_ref(), 14)
    }

    /// The checksum field.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[17] = 9;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.checksum(), 9);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn checksum(&self) -> u16 {
        get_u16(self.buf.as_ref(), 16)
    }

    /// The urgent pointer.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50; b[19] = 3;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.urgent_at(), 3);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn urgent_at(&self) -> u16 {
        get_u16(self.buf.as_ref(), 18)
    }

    /// The option bytes (the header after its first 20 bytes).
    ///
    /// ```
    /// # let mut b = [0u8; 24]; b[12] = 0x60; b[20] = 1;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.options_bytes(), &[1, 0, 0, 0]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn options_bytes(&self) -> &[u8] {
        &self.buf.as_ref()[HEADER_LEN..self.header_len()]
    }

    /// The options, parsed one by one.
    ///
    /// ```
    /// # let mut b = [0u8; 24]; b[12] = 0x60; b[20] = 1;
    /// use berkeley::wire::TcpOption;
    /// let tcp = berkeley::wire::TcpPacket::new_checked(&b[..])?;
    /// let opts: Vec<_> = tcp.options().collect::<Result<_, _>>()?;
    /// assert_eq!(opts, [TcpOption::NoOperation, TcpOption::EndOfList]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn options(&self) -> TcpOptions<'_> {
        TcpOptions::new(self.options_bytes())
    }

    /// The payload: everything after the header.
    ///
    /// ```
    /// # let mut b = [0u8; 23]; b[12] = 0x50;
    /// assert_eq!(berkeley::wire::TcpPacket::new_checked(&b[..])?.payload().len(), 3);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload(&self) -> &[u8] {
        &self.buf.as_ref()[self.header_len()..]
    }

    #[inline(always)]
    fn total(&self, ph: &PseudoHeader) -> Checksum {
        let b = self.buf.as_ref();
        let mut c = ph.sum(IpProtocol::TCP, b.len());
        c.update(b);
        c
    }

    /// Whether the checksum (over the pseudo-header `ph` and the whole segment) is right.
    ///
    /// ```
    /// use berkeley::wire::{PseudoHeader, TcpPacket};
    /// use std::net::Ipv4Addr;
    /// let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = TcpPacket::new_checked(b)?;
    /// tcp.fill_checksum(&ph);
    /// assert!(tcp.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn verify_checksum(&self, ph: &PseudoHeader) -> bool {
        self.total(ph).verifies()
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> TcpPacket<T> {
    /// Sets the source port.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_src_port(22);
    /// assert_eq!(tcp.src_port(), 22);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_src_port(&mut self, port: u16) {
        set_u16(self.buf.as_mut(), 0, port);
    }

    /// Sets the destination port.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_dst_port(22);
    /// assert_eq!(tcp.dst_port(), 22);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dst_port(&mut self, port: u16) {
        set_u16(self.buf.as_mut(), 2, port);
    }

    /// Sets the sequence number.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_seq_number(7);
    /// assert_eq!(tcp.seq_number(), 7);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_seq_number(&mut self, seq: u32) {
        set_u32(self.buf.as_mut(), 4, seq);
    }

    /// Sets the acknowledgment number.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_ack_number(7);
    /// assert_eq!(tcp.ack_number(), 7);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_ack_number(&mut self, ack: u32) {
        set_u32(self.buf.as_mut(), 8, ack);
    }

    /// Sets the flags (the data offset is kept).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// use berkeley::wire::TcpFlags;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_flags(TcpFlags::CWR | TcpFlags::ECE | TcpFlags::SYN);
    /// assert_eq!(tcp.flags(), TcpFlags::CWR | TcpFlags::ECE | TcpFlags::SYN);
    /// assert_eq!(tcp.header_len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_flags(&mut self, flags: TcpFlags) {
        let b = self.buf.as_mut();
        let w = (get_u16(b, 12) & 0xfe00) | flags.0;
        set_u16(b, 12, w);
    }

    /// Sets the window.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_window_len(1024);
    /// assert_eq!(tcp.window_len(), 1024);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_window_len(&mut self, window: u16) {
        set_u16(self.buf.as_mut(), 14, window);
    }

    /// Sets the checksum field.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_checksum(1);
    /// assert_eq!(tcp.checksum(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_checksum(&mut self, c: u16) {
        set_u16(self.buf.as_mut(), 16, c);
    }

    /// Sets the urgent pointer.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.set_urgent_at(1);
    /// assert_eq!(tcp.urgent_at(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_urgent_at(&mut self, at: u16) {
        set_u16(self.buf.as_mut(), 18, at);
    }

    /// Computes the checksum for the pseudo-header `ph` and writes it.
    ///
    /// ```
    /// use berkeley::wire::{PseudoHeader, TcpPacket};
    /// use std::net::Ipv6Addr;
    /// let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    /// # let mut b = [0u8; 21]; b[12] = 0x50;
    /// let mut tcp = TcpPacket::new_checked(b)?;
    /// tcp.fill_checksum(&ph);
    /// assert!(tcp.verify_checksum(&ph));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn fill_checksum(&mut self, ph: &PseudoHeader) {
        self.set_checksum(0);
        let c = self.total(ph).finish();
        self.set_checksum(c);
    }

    /// The payload, writable.
    ///
    /// ```
    /// # let mut b = [0u8; 21]; b[12] = 0x50;
    /// let mut tcp = berkeley::wire::TcpPacket::new_checked(b)?;
    /// tcp.payload_mut()[0] = b'x';
    /// assert_eq!(tcp.payload(), b"x");
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let at = self.header_len();
        &mut self.buf.as_mut()[at..]
    }
}

/// A TCP segment as a plain struct, its payload borrowed. The options it knows are fields;
/// [`parse`](TcpRepr::parse) skips options of other kinds (read them with
/// [`TcpPacket::options`]).
///
/// `Default` is all zeros, no options and no payload, for `..TcpRepr::default()`.
///
/// ```
/// use berkeley::wire::{TcpFlags, TcpRepr};
/// let rst = TcpRepr { src_port: 80, dst_port: 40000, flags: TcpFlags::RST, ..TcpRepr::default() };
/// assert_eq!(rst.buffer_len(), 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpRepr<'a> {
    /// Source port.
    pub src_port: u16,
    /// Destination port.
    pub dst_port: u16,
    /// Sequence number.
    pub seq_number: u32,
    /// Acknowledgment number.
    pub ack_number: u32,
    /// Flags.
    pub flags: TcpFlags,
    /// Window (unscaled).
    pub window_len: u16,
    /// Urgent pointer.
    pub urgent_at: u16,
    /// The MSS option.
    pub max_seg_size: Option<u16>,
    /// The window scale option.
    pub window_scale: Option<u8>,
    /// The SACK-permitted option.
    pub sack_permitted: bool,
    /// The SACK option's blocks, in order, `Some` first (up to 4; all `None`: no SACK option).
    pub sack_ranges: [Option<SackBlock>; 4],
    /// The timestamps option: (TSval, TSecr).
    pub timestamps: Option<TcpTimestamps>,
    /// The payload.
    pub payload: &'a [u8],
}

/// The values of a timestamps option (RFC 7323).
///
/// ```
/// let ts = berkeley::wire::TcpTimestamps { tsval: 2, tsecr: 1 };
/// assert!(ts.tsval > ts.tsecr);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TcpTimestamps {
    /// The sender's timestamp value.
    pub tsval: u32,
    /// The timestamp echoed back.
    pub tsecr: u32,
}

impl<'a> TcpRepr<'a> {
    /// Reads a checked segment, verifying its checksum against `ph`
    /// ([`PacketError::BadChecksum`]) and its options (a malformed option is an error).
    ///
    /// ```
    /// use berkeley::wire::{PacketError, PseudoHeader, TcpPacket, TcpRepr};
    /// use std::net::Ipv4Addr;
    /// let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
    /// # let mut b = [0u8; 20]; b[12] = 0x50;
    /// let tcp = TcpPacket::new_checked(&b[..])?;
    /// assert!(matches!(TcpRepr::parse(&tcp, &ph), Err(PacketError::BadChecksum { .. })));
    /// # Ok::<(), PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(
        tcp: &'a TcpPacket<T>,
        ph: &PseudoHeader,
    ) -> Result<TcpRepr<'a>, PacketError> {
        if !tcp.verify_checksum(ph) {
            return Err(PacketError::BadChecksum {
                header: Header::Tcp,
                expected: expected_checksum(tcp.total(ph), tcp.checksum()),
                found: tcp.checksum(),
            });
        }
        let b: &'a [u8] = tcp.buf.as_ref();
        let mut repr = TcpRepr {
            src_port: tcp.src_port(),
            dst_port: tcp.dst_port(),
            seq_number: tcp.seq_number(),
            ack_number: tcp.ack_number(),
            flags: tcp.flags(),
            window_len: tcp.window_len(),
            urgent_at: tcp.urgent_at(),
            payload: &b[tcp.header_len()..],
            ..TcpRepr::default()
        };
        for opt in TcpOptions::new(&b[HEADER_LEN..tcp.header_len()]) {
            match opt? {
                TcpOption::MaxSegmentSize(mss) => repr.max_seg_size = Some(mss),
                TcpOption::WindowScale(ws) => repr.window_scale = Some(ws),
                TcpOption::SackPermitted => repr.sack_permitted = true,
                TcpOption::Sack(blocks) => {
                    repr.sack_ranges = [None; 4];
                    for (slot, block) in repr.sack_ranges.iter_mut().zip(blocks.iter()) {
                        *slot = Some(block);
                    }
                }
                TcpOption::Timestamps { tsval, tsecr } => {
                    repr.timestamps = Some(TcpTimestamps { tsval, tsecr })
                }
                TcpOption::EndOfList | TcpOption::NoOperation | TcpOption::Unknown { .. } => {}
            }
        }
        Ok(repr)
    }

    fn sack_count(&self) -> usize {
        self.sack_ranges.iter().flatten().count()
    }

    /// The option bytes this repr emits, before padding to a multiple of 4.
    fn options_len(&self) -> usize {
        let sacks = self.sack_count();
        4 * usize::from(self.max_seg_size.is_some())
            + 3 * usize::from(self.window_scale.is_some())
            + 2 * usize::from(self.sack_permitted)
            + 10 * usize::from(self.timestamps.is_some())
            + if sacks > 0 { 2 + 8 * sacks } else { 0 }
    }

    /// The header length this repr emits: 20 plus its options, padded to a multiple of 4.
    ///
    /// ```
    /// let syn = berkeley::wire::TcpRepr { max_seg_size: Some(1460), window_scale: Some(7), ..Default::default() };
    /// assert_eq!(syn.header_len(), 28);
    /// ```
    pub fn header_len(&self) -> usize {
        HEADER_LEN + self.options_len().div_ceil(4) * 4
    }

    /// The header length plus the payload's.
    ///
    /// ```
    /// let r = berkeley::wire::TcpRepr { payload: b"abc", ..Default::default() };
    /// assert_eq!(r.buffer_len(), 23);
    /// ```
    pub fn buffer_len(&self) -> usize {
        self.header_len() + self.payload.len()
    }

    /// Writes the segment (header, options padded with end-of-list bytes, payload, checksum
    /// for `ph`) into exactly the first [`buffer_len`](Self::buffer_len) bytes of `buf` and
    /// returns its view. Options that need more than 40 bytes are
    /// [`PacketError::BadLength`].
    ///
    /// ```
    /// use berkeley::wire::{PacketError, PseudoHeader, SackBlock, TcpRepr, TcpTimestamps};
    /// use std::net::Ipv4Addr;
    /// let ph = PseudoHeader::V4 { src: Ipv4Addr::LOCALHOST, dst: Ipv4Addr::LOCALHOST };
    /// let b = Some(SackBlock { left: 1, right: 2 });
    /// let r = TcpRepr { timestamps: Some(TcpTimestamps::default()), sack_ranges: [b; 4], ..Default::default() };
    /// assert!(matches!(r.emit(&mut [0u8; 80], &ph), Err(PacketError::BadLength { .. })));
    /// ```
    pub fn emit<'b>(
        &self,
        buf: &'b mut [u8],
        ph: &PseudoHeader,
    ) -> Result<TcpPacket<&'b mut [u8]>, PacketError> {
        let opt_len = self.options_len();
        if opt_len > MAX_OPTIONS_LEN {
            return Err(PacketError::BadLength {
                header: Header::Tcp,
                field: "options length",
                value: opt_len,
            });
        }
        let hl = self.header_len();
        let len = hl + self.payload.len();
        need(Header::Tcp, buf.len(), len)?;
        let buf = &mut buf[..len];
        set_u16(buf, 0, self.src_port);
        set_u16(buf, 2, self.dst_port);
        set_u32(buf, 4, self.seq_number);
        set_u32(buf, 8, self.ack_number);
        set_u16(buf, 12, ((hl as u16 / 4) << 12) | self.flags.0);
        set_u16(buf, 14, self.window_len);
        set_u16(buf, 16, 0);
        set_u16(buf, 18, self.urgent_at);
        let mut at = HEADER_LEN;
        if let Some(mss) = self.max_seg_size {
            buf[at..at + 2].copy_from_slice(&[2, 4]);
            set_u16(buf, at + 2, mss);
            at += 4;
        }
        if let Some(ws) = self.window_scale {
            buf[at..at + 3].copy_from_slice(&[3, 3, ws]);
            at += 3;
        }
        if self.sack_permitted {
            buf[at..at + 2].copy_from_slice(&[4, 2]);
            at += 2;
        }
        if let Some(ts) = self.timestamps {
            buf[at..at + 2].copy_from_slice(&[8, 10]);
            set_u32(buf, at + 2, ts.tsval);
            set_u32(buf, at + 6, ts.tsecr);
            at += 10;
        }
        let sacks = self.sack_count();
        if sacks > 0 {
            buf[at..at + 2].copy_from_slice(&[5, (2 + 8 * sacks) as u8]);
            at += 2;
            for block in self.sack_ranges.iter().flatten() {
                set_u32(buf, at, block.left);
                set_u32(buf, at + 4, block.right);
                at += 8;
            }
        }
        buf[at..hl].fill(0); // end of list, then padding
        buf[hl..].copy_from_slice(self.payload);
        let mut tcp = TcpPacket { buf };
        tcp.fill_checksum(ph);
        Ok(tcp)
    }
}

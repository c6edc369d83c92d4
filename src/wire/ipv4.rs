//! IPv4 headers (RFC 791; C's `struct iphdr` / `struct ip`): IHL and options, DSCP/ECN, DF/MF,
//! fragment offset, TTL, protocol and the header checksum.
//!
//! ```
//! use berkeley::wire::{IpProtocol, Ipv4Packet, Ipv4Repr};
//! use std::net::Ipv4Addr;
//! # fn main() -> berkeley::Result<()> {
//! let repr = Ipv4Repr {
//!     src_addr: Ipv4Addr::new(192, 0, 2, 1),
//!     dst_addr: Ipv4Addr::new(192, 0, 2, 2),
//!     protocol: IpProtocol::UDP,
//!     payload_len: 8,
//!     ttl: 64,
//!     ..Ipv4Repr::default()
//! };
//! let mut buf = [0u8; 28];
//! let ip = repr.emit(&mut buf)?; // fills the header checksum
//! assert!(ip.verify_checksum());
//! assert_eq!(Ipv4Repr::parse(&Ipv4Packet::new_checked(&buf[..])?)?, repr);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

use std::net::Ipv4Addr;

use super::checksum;
use super::{
    array_at, bad_length, bad_version, expected_checksum, get_u16, need, set_u16, Checksum, Header,
    IpProtocol, PacketError, PseudoHeader,
};

/// The length of an IPv4 header without options.
pub const HEADER_LEN: usize = 20;

/// A zero-copy view of an IPv4 packet.
///
/// The buffer may be longer than the packet (Ethernet pads short frames):
/// [`payload`](Ipv4Packet::payload) ends where the total length says.
///
/// ```
/// use berkeley::wire::{IpProtocol, Ipv4Packet};
/// use std::net::Ipv4Addr;
/// # fn main() -> berkeley::Result<()> {
/// // An ICMP echo request's IP header, as the kernel sent it (captured on a tap device).
/// let bytes = [
///     0x45, 0x00, 0x00, 0x54, 0xa4, 0x64, 0x40, 0x00, 0x40, 0x01, 0x12, 0x41,
///     192, 0, 2, 1, 192, 0, 2, 2,
/// ];
/// let mut packet = bytes.to_vec();
/// packet.resize(84, 0); // the 64-byte ICMP message
/// let ip = Ipv4Packet::new_checked(&packet[..])?;
/// assert!(ip.verify_checksum());
/// assert_eq!((ip.header_len(), ip.total_len(), ip.ttl()), (20, 84, 64));
/// assert!(ip.dont_frag() && !ip.more_frags());
/// assert_eq!(ip.protocol(), IpProtocol::ICMP);
/// assert_eq!(ip.dst_addr(), Ipv4Addr::new(192, 0, 2, 2));
/// assert_eq!(ip.payload().len(), 64);
/// # Ok(()) }
/// ```
#[doc(alias = "iphdr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4Packet<T: AsRef<[u8]>> {
    buf: T,
    /// The IHL in bytes and the payload's end (the total length, cut to the buffer for a
    /// quoted header), checked once by the constructor. No setter changes the IHL or the total
    /// length, so they hold for the view's life, and the payload getters re-derive nothing.
    header_len: usize,
    payload_end: usize,
}

impl<T: AsRef<[u8]>> Ipv4Packet<T> {
    /// Checks the version (4), the IHL (at least 5, within the buffer) and the total length
    /// (at least the header, at most the buffer).
    ///
    /// ```
    /// use berkeley::wire::{Header, Ipv4Packet, PacketError};
    /// let mut b = [0u8; 20];
    /// b[0] = 0x65;
    /// assert_eq!(
    ///     Ipv4Packet::new_checked(&b[..]).unwrap_err(),
    ///     PacketError::BadVersion { header: Header::Ipv4, expected: 4, found: 6 },
    /// );
    /// ```
    #[inline(always)]
    pub fn new_checked(buf: T) -> Result<Ipv4Packet<T>, PacketError> {
        let len = check_header(buf.as_ref())?;
        let total = usize::from(get_u16(buf.as_ref(), 2));
        if total < len {
            return Err(bad_length(Header::Ipv4, "total length", total));
        }
        need(Header::Ipv4, buf.as_ref().len(), total)?;
        Ok(Ipv4Packet { buf, header_len: len, payload_end: total })
    }

    /// A view of an IPv4 header whose packet may be cut short, as quoted in ICMP errors:
    /// checks the version and the IHL only; the payload is what the buffer holds, up to the
    /// total length.
    pub(crate) fn new_quoted(buf: T) -> Result<Ipv4Packet<T>, PacketError> {
        let len = check_header(buf.as_ref())?;
        let b = buf.as_ref();
        let end = usize::from(get_u16(b, 2)).min(b.len()).max(len);
        Ok(Ipv4Packet { buf, header_len: len, payload_end: end })
    }

    /// The buffer back.
    ///
    /// ```
    /// # let mut b = vec![0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// assert_eq!(ip.into_inner().len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.buf
    }

    /// The version field: 4.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.version(), 4);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn version(&self) -> u8 {
        self.buf.as_ref()[0] >> 4
    }

    /// The header length in bytes (IHL × 4): 20 to 60.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.header_len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn header_len(&self) -> usize {
        self.header_len
    }

    /// The Differentiated Services code point (the high 6 bits of the old TOS byte).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[1] = 0xb8; // EF
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.dscp(), 46);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn dscp(&self) -> u8 {
        self.buf.as_ref()[1] >> 2
    }

    /// The Explicit Congestion Notification bits (the low 2 bits of the old TOS byte).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[1] = 0x03; // CE
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.ecn(), 3);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn ecn(&self) -> u8 {
        self.buf.as_ref()[1] & 0x03
    }

    /// The total length of the packet, header included (`tot_len`).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.total_len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn total_len(&self) -> u16 {
        get_u16(self.buf.as_ref(), 2)
    }

    /// The identification field (`id`).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[4] = 0x12; b[5] = 0x34;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.ident(), 0x1234);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn ident(&self) -> u16 {
        get_u16(self.buf.as_ref(), 4)
    }

    /// The Don't Fragment flag (`IP_DF`).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[6] = 0x40;
    /// assert!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.dont_frag());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn dont_frag(&self) -> bool {
        self.buf.as_ref()[6] & 0x40 != 0
    }

    /// The More Fragments flag (`IP_MF`).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[6] = 0x20;
    /// assert!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.more_frags());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn more_frags(&self) -> bool {
        self.buf.as_ref()[6] & 0x20 != 0
    }

    /// The fragment offset **in bytes** (the field counts 8-byte units).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[7] = 3;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.frag_offset(), 24);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn frag_offset(&self) -> u16 {
        (get_u16(self.buf.as_ref(), 6) & 0x1fff) << 3
    }

    /// The time to live.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[8] = 64;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.ttl(), 64);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn ttl(&self) -> u8 {
        self.buf.as_ref()[8]
    }

    /// The protocol of the payload.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[9] = 6;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.protocol(), berkeley::wire::IpProtocol::TCP);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn protocol(&self) -> IpProtocol {
        IpProtocol(self.buf.as_ref()[9])
    }

    /// The header checksum field, host order.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[10] = 0xab; b[11] = 0xcd;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.checksum(), 0xabcd);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn checksum(&self) -> u16 {
        get_u16(self.buf.as_ref(), 10)
    }

    /// The source address.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// b[12..16].copy_from_slice(&[127, 0, 0, 1]);
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.src_addr(), std::net::Ipv4Addr::LOCALHOST);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn src_addr(&self) -> Ipv4Addr {
        let [a, b, c, d, ..] = self.addrs();
        Ipv4Addr::new(a, b, c, d)
    }

    /// The destination address.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.dst_addr(), std::net::Ipv4Addr::UNSPECIFIED);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn dst_addr(&self) -> Ipv4Addr {
        let [.., a, b, c, d] = self.addrs();
        Ipv4Addr::new(a, b, c, d)
    }

    /// The source and destination addresses' 8 bytes, read with one bounds check.
    #[inline(always)]
    fn addrs(&self) -> [u8; 8] {
        array_at(self.buf.as_ref(), 12)
    }

    /// The options: the header bytes after the first 20 (empty when IHL is 5).
    ///
    /// ```
    /// let mut b = [0u8; 24];
    /// b[0] = 0x46; b[3] = 24; b[20] = 1; // IHL 6: one NOP and padding
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.options(), &[1, 0, 0, 0]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn options(&self) -> &[u8] {
        &self.buf.as_ref()[HEADER_LEN..self.header_len]
    }

    /// The header (options included).
    ///
    /// ```
    /// # let mut b = [0u8; 28]; b[0] = 0x45; b[3] = 28;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.header().len(), 20);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline]
    pub fn header(&self) -> &[u8] {
        &self.buf.as_ref()[..self.header_len]
    }

    /// The payload: from the end of the header to the total length (bytes beyond it, such as
    /// Ethernet padding, are not part of it).
    ///
    /// ```
    /// # let mut b = [0u8; 60]; b[0] = 0x45; b[3] = 28;
    /// assert_eq!(berkeley::wire::Ipv4Packet::new_checked(&b[..])?.payload().len(), 8);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn payload(&self) -> &[u8] {
        &self.buf.as_ref()[self.header_len..self.payload_end]
    }

    /// Whether the header checksum is right.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// assert!(!ip.verify_checksum());
    /// ip.fill_checksum();
    /// assert!(ip.verify_checksum());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn verify_checksum(&self) -> bool {
        checksum::acc_is_ones(header_acc(self.header()))
    }

    /// The addresses for the pseudo-header of the payload's checksum (TCP, UDP).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let ip = berkeley::wire::Ipv4Packet::new_checked(&b[..])?;
    /// assert!(matches!(ip.pseudo_header(), berkeley::wire::PseudoHeader::V4 { .. }));
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    #[inline(always)]
    pub fn pseudo_header(&self) -> PseudoHeader {
        PseudoHeader::V4 { src: self.src_addr(), dst: self.dst_addr() }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Ipv4Packet<T> {
    /// Sets the DSCP; values above 63 are [`PacketError::Unsupported`].
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_dscp(46)?;
    /// assert_eq!(ip.dscp(), 46);
    /// assert!(ip.set_dscp(64).is_err());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dscp(&mut self, dscp: u8) -> Result<(), PacketError> {
        range("DSCP", dscp, 63)?;
        let b = self.buf.as_mut();
        b[1] = (dscp << 2) | (b[1] & 3);
        Ok(())
    }

    /// Sets the ECN bits; values above 3 are [`PacketError::Unsupported`].
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_ecn(2)?;
    /// assert_eq!(ip.ecn(), 2);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_ecn(&mut self, ecn: u8) -> Result<(), PacketError> {
        range("ECN", ecn, 3)?;
        let b = self.buf.as_mut();
        b[1] = (b[1] & 0xfc) | ecn;
        Ok(())
    }

    /// Sets the identification.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_ident(7);
    /// assert_eq!(ip.ident(), 7);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_ident(&mut self, ident: u16) {
        set_u16(self.buf.as_mut(), 4, ident);
    }

    /// Sets the Don't Fragment flag.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_dont_frag(true);
    /// assert!(ip.dont_frag());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dont_frag(&mut self, on: bool) {
        let b = self.buf.as_mut();
        b[6] = if on { b[6] | 0x40 } else { b[6] & !0x40 };
    }

    /// Sets the More Fragments flag.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_more_frags(true);
    /// assert!(ip.more_frags());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_more_frags(&mut self, on: bool) {
        let b = self.buf.as_mut();
        b[6] = if on { b[6] | 0x20 } else { b[6] & !0x20 };
    }

    /// Sets the fragment offset, in bytes: a multiple of 8 up to 65528, else
    /// [`PacketError::Unsupported`].
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_frag_offset(1480)?;
    /// assert_eq!(ip.frag_offset(), 1480);
    /// assert!(ip.set_frag_offset(1481).is_err());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_frag_offset(&mut self, bytes: u16) -> Result<(), PacketError> {
        if bytes % 8 != 0 {
            return Err(PacketError::Unsupported {
                header: Header::Ipv4,
                field: "fragment offset (not a multiple of 8)",
                value: u32::from(bytes),
            });
        }
        let b = self.buf.as_mut();
        let flags = get_u16(b, 6) & 0xe000;
        set_u16(b, 6, flags | (bytes >> 3));
        Ok(())
    }

    /// Sets the time to live.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_ttl(1);
    /// assert_eq!(ip.ttl(), 1);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_ttl(&mut self, ttl: u8) {
        self.buf.as_mut()[8] = ttl;
    }

    /// Sets the protocol.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_protocol(berkeley::wire::IpProtocol::UDP);
    /// assert_eq!(ip.protocol().get(), 17);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_protocol(&mut self, protocol: IpProtocol) {
        self.buf.as_mut()[9] = protocol.0;
    }

    /// Sets the checksum field (host order).
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_checksum(0xbeef);
    /// assert_eq!(ip.checksum(), 0xbeef);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_checksum(&mut self, checksum: u16) {
        set_u16(self.buf.as_mut(), 10, checksum);
    }

    /// Sets the source address.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_src_addr(std::net::Ipv4Addr::LOCALHOST);
    /// assert_eq!(ip.src_addr(), std::net::Ipv4Addr::LOCALHOST);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_src_addr(&mut self, addr: Ipv4Addr) {
        self.buf.as_mut()[12..16].copy_from_slice(&addr.octets());
    }

    /// Sets the destination address.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.set_dst_addr(std::net::Ipv4Addr::BROADCAST);
    /// assert_eq!(ip.dst_addr(), std::net::Ipv4Addr::BROADCAST);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn set_dst_addr(&mut self, addr: Ipv4Addr) {
        self.buf.as_mut()[16..20].copy_from_slice(&addr.octets());
    }

    /// Computes the header checksum and writes it.
    ///
    /// ```
    /// # let mut b = [0u8; 20]; b[0] = 0x45; b[3] = 20;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.fill_checksum();
    /// assert!(ip.verify_checksum());
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn fill_checksum(&mut self) {
        self.set_checksum(0);
        let c = !checksum::acc_sum(header_acc(self.header()));
        self.set_checksum(c);
    }

    /// The payload, writable.
    ///
    /// ```
    /// # let mut b = [0u8; 21]; b[0] = 0x45; b[3] = 21;
    /// let mut ip = berkeley::wire::Ipv4Packet::new_checked(b)?;
    /// ip.payload_mut()[0] = 9;
    /// assert_eq!(ip.payload(), &[9]);
    /// # Ok::<(), berkeley::wire::PacketError>(())
    /// ```
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let (start, end) = (self.header_len, self.payload_end);
        &mut self.buf.as_mut()[start..end]
    }
}

/// The unfolded one's-complement sum of a header: the common 20-byte header as two fixed
/// 64-bit words and a 32-bit one (one add-with-carry chain, no loop), anything longer through
/// the general sum.
#[inline(always)]
fn header_acc(h: &[u8]) -> u64 {
    match <&[u8; HEADER_LEN]>::try_from(h) {
        Ok(h) => {
            let w = |i: usize| {
                u64::from_ne_bytes([
                    h[i],
                    h[i + 1],
                    h[i + 2],
                    h[i + 3],
                    h[i + 4],
                    h[i + 5],
                    h[i + 6],
                    h[i + 7],
                ])
            };
            let tail = u32::from_ne_bytes([h[16], h[17], h[18], h[19]]);
            checksum::add3(w(0), w(8), tail)
        }
        Err(_) => checksum::acc_ne(h),
    }
}

/// Version and IHL checks; returns the header length.
#[inline(always)]
fn check_header(b: &[u8]) -> Result<usize, PacketError> {
    need(Header::Ipv4, b.len(), HEADER_LEN)?;
    if b[0] >> 4 != 4 {
        return Err(bad_version(Header::Ipv4, 4, b[0] >> 4));
    }
    let len = usize::from(b[0] & 0x0f) * 4;
    if len < HEADER_LEN {
        return Err(bad_length(Header::Ipv4, "IHL", len / 4));
    }
    need(Header::Ipv4, b.len(), len)?;
    Ok(len)
}

fn range(field: &'static str, value: u8, max: u8) -> Result<(), PacketError> {
    if value > max {
        Err(PacketError::Unsupported { header: Header::Ipv4, field, value: u32::from(value) })
    } else {
        Ok(())
    }
}

/// The meaning of an IPv4 header, as a plain struct (without options: read those with
/// [`Ipv4Packet::options`]).
///
/// `Default` is all zeros and unspecified addresses, for `..Ipv4Repr::default()`.
///
/// ```
/// use berkeley::wire::{IpProtocol, Ipv4Repr};
/// let repr = Ipv4Repr { protocol: IpProtocol::TCP, payload_len: 20, ttl: 64, ..Ipv4Repr::default() };
/// assert_eq!(repr.buffer_len(), 40);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ipv4Repr {
    /// Source address.
    pub src_addr: Ipv4Addr,
    /// Destination address.
    pub dst_addr: Ipv4Addr,
    /// The payload's protocol.
    pub protocol: IpProtocol,
    /// The payload's length in bytes (total length minus the header).
    pub payload_len: usize,
    /// Time to live.
    pub ttl: u8,
    /// DSCP, 0..=63.
    pub dscp: u8,
    /// ECN, 0..=3.
    pub ecn: u8,
    /// Identification.
    pub ident: u16,
    /// Don't Fragment.
    pub dont_frag: bool,
    /// More Fragments.
    pub more_frags: bool,
    /// Fragment offset in bytes (a multiple of 8).
    pub frag_offset: u16,
}

impl Default for Ipv4Repr {
    fn default() -> Ipv4Repr {
        Ipv4Repr {
            src_addr: Ipv4Addr::UNSPECIFIED,
            dst_addr: Ipv4Addr::UNSPECIFIED,
            protocol: IpProtocol(0),
            payload_len: 0,
            ttl: 0,
            dscp: 0,
            ecn: 0,
            ident: 0,
            dont_frag: false,
            more_frags: false,
            frag_offset: 0,
        }
    }
}

impl Ipv4Repr {
    /// Reads a checked packet's header; a wrong header checksum is
    /// [`PacketError::BadChecksum`].
    ///
    /// ```
    /// use berkeley::wire::{Ipv4Packet, Ipv4Repr, PacketError};
    /// let mut b = [0u8; 20];
    /// b[0] = 0x45; b[3] = 20;
    /// let err = Ipv4Repr::parse(&Ipv4Packet::new_checked(&b[..])?).unwrap_err();
    /// assert!(matches!(err, PacketError::BadChecksum { expected: 0xbaeb, found: 0, .. }));
    /// # Ok::<(), PacketError>(())
    /// ```
    pub fn parse<T: AsRef<[u8]>>(ip: &Ipv4Packet<T>) -> Result<Ipv4Repr, PacketError> {
        if !ip.verify_checksum() {
            let mut total = Checksum::new();
            total.update(ip.header());
            return Err(PacketError::BadChecksum {
                header: Header::Ipv4,
                expected: expected_checksum(total, ip.checksum()),
                found: ip.checksum(),
            });
        }
        Ok(Ipv4Repr {
            src_addr: ip.src_addr(),
            dst_addr: ip.dst_addr(),
            protocol: ip.protocol(),
            payload_len: ip.payload().len(),
            ttl: ip.ttl(),
            dscp: ip.dscp(),
            ecn: ip.ecn(),
            ident: ip.ident(),
            dont_frag: ip.dont_frag(),
            more_frags: ip.more_frags(),
            frag_offset: ip.frag_offset(),
        })
    }

    /// The bytes the packet takes: 20 + `payload_len`.
    ///
    /// ```
    /// assert_eq!(berkeley::wire::Ipv4Repr { payload_len: 8, ..Default::default() }.buffer_len(), 28);
    /// ```
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.payload_len
    }

    /// Writes the 20-byte header (with its checksum) at the start of `buf` and returns the
    /// view of the packet, whose payload the caller then fills. `buf` must hold
    /// [`buffer_len`](Self::buffer_len) bytes; the packet must fit the 16-bit total length.
    ///
    /// ```
    /// let repr = berkeley::wire::Ipv4Repr { payload_len: 65_516, ..Default::default() };
    /// assert!(repr.emit(&mut vec![0u8; 65_536]).is_err()); // 65536 > 65535
    /// ```
    pub fn emit<'b>(&self, buf: &'b mut [u8]) -> Result<Ipv4Packet<&'b mut [u8]>, PacketError> {
        let total = self.buffer_len();
        if total > usize::from(u16::MAX) {
            return Err(PacketError::BadLength {
                header: Header::Ipv4,
                field: "total length",
                value: total,
            });
        }
        range("DSCP", self.dscp, 63)?;
        range("ECN", self.ecn, 3)?;
        if self.frag_offset % 8 != 0 {
            return Err(PacketError::Unsupported {
                header: Header::Ipv4,
                field: "fragment offset (not a multiple of 8)",
                value: u32::from(self.frag_offset),
            });
        }
        need(Header::Ipv4, buf.len(), total)?;
        let buf = &mut buf[..total];
        // The header is built in a local array and summed from the field values, then copied
        // once: no reading back of bytes just stored (which stalls store-to-load forwarding).
        let tos = (self.dscp << 2) | self.ecn;
        let flags = (u16::from(self.dont_frag) << 14) | (u16::from(self.more_frags) << 13);
        let frag = flags | (self.frag_offset >> 3);
        let (src, dst) = (u32::from(self.src_addr), u32::from(self.dst_addr));
        let words = u64::from(0x4500 | u16::from(tos))
            + total as u64
            + u64::from(self.ident)
            + u64::from(frag)
            + u64::from((u16::from(self.ttl) << 8) | u16::from(self.protocol.0))
            + u64::from(src >> 16)
            + u64::from(src & 0xffff)
            + u64::from(dst >> 16)
            + u64::from(dst & 0xffff);
        let mut h = [0u8; HEADER_LEN];
        h[0] = 0x45;
        h[1] = tos;
        set_u16(&mut h, 2, total as u16);
        set_u16(&mut h, 4, self.ident);
        set_u16(&mut h, 6, frag);
        h[8] = self.ttl;
        h[9] = self.protocol.0;
        set_u16(&mut h, 10, !checksum::fold_host(words));
        h[12..16].copy_from_slice(&self.src_addr.octets());
        h[16..20].copy_from_slice(&self.dst_addr.octets());
        buf[..HEADER_LEN].copy_from_slice(&h);
        Ok(Ipv4Packet { buf, header_len: HEADER_LEN, payload_end: total })
    }
}

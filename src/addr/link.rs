//! `SockAddrLl` (`struct sockaddr_ll`): link-layer addresses of `AF_PACKET` sockets. Linux only.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::{self, offset_of};

use super::{assert_no_padding, SockAddr};
use crate::error::{Error, Result};
use crate::ether::MacAddr;
use crate::macros::c_debug;
use crate::sys::{c, sa_family_t};
use crate::types::{Domain, EtherType};

/// The least length of an `AF_PACKET` address the kernel returns: `offsetof(sockaddr_ll, sll_addr)`.
pub(super) const MIN_LEN: usize = offset_of!(c::sockaddr_ll, sll_addr);
const STRUCT_LEN: usize = mem::size_of::<c::sockaddr_ll>();
/// The size of `sll_addr`.
const ADDR_CAP: usize = 8;

const _: () = assert!(MIN_LEN == 12 && STRUCT_LEN == 20 && MIN_LEN + ADDR_CAP == STRUCT_LEN);
const _: () = assert!(mem::size_of::<SockAddrLl>() == 20);
assert_no_padding!(c::sockaddr_ll {
    sll_family,
    sll_protocol,
    sll_ifindex,
    sll_hatype,
    sll_pkttype,
    sll_halen,
    sll_addr
});

/// A link-layer socket address: C's `struct sockaddr_ll`, Python's `AF_PACKET` tuple
/// `(ifname, proto, pkttype, hatype, addr)`. Linux only.
///
/// It names an interface (by index), an Ethernet protocol, and a hardware address. The
/// protocol is a host-order [`EtherType`] in this API and network order inside
/// (`sll_protocol`), converted exactly once.
///
/// ```
/// use berkeley::{EtherType, MacAddr, SockAddr, SockAddrLl};
///
/// let a = SockAddrLl::new(2, EtherType::IPV4, MacAddr::BROADCAST);
/// assert_eq!((a.ifindex(), a.protocol(), a.addr()), (2, EtherType::IPV4, Some(MacAddr::BROADCAST)));
/// assert_eq!(a.as_raw().sll_protocol.to_ne_bytes(), [0x08, 0x00]); // network order inside
/// assert_eq!(SockAddr::from(a).to_string(), "ll(ifindex=2 ETH_P_IP ff:ff:ff:ff:ff:ff)");
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct SockAddrLl(
    /// Invariants: `sll_family == AF_PACKET`, `sll_halen <= 8`, and the bytes of `sll_addr` past
    /// `sll_halen` are zero.
    c::sockaddr_ll,
);

impl SockAddrLl {
    /// `ARPHRD_ETHER` (1): the `sll_hatype` of Ethernet devices.
    pub const ARPHRD_ETHER: u16 = 1;

    /// An address for interface `ifindex`, protocol `protocol` (host order) and hardware
    /// address `addr` (`sll_halen` = 6). `sll_hatype` and `sll_pkttype` are 0, as in C code that
    /// zeroes the struct: the kernel ignores them for `bind` and `sendto`.
    ///
    /// C: `struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(proto),
    /// .sll_ifindex = ifindex, .sll_halen = 6 }; memcpy(sll.sll_addr, mac, 6);` — Python:
    /// `(ifname, proto, 0, 0, mac)`.
    ///
    /// `ifindex` is the index `if_nametoindex` returns (0 means any interface for `bind`); it is
    /// stored bit for bit in the C `int`, and [`ifindex`](SockAddrLl::ifindex) returns it
    /// unchanged.
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    ///
    /// let a = SockAddrLl::new(1, EtherType::ARP, MacAddr::new([2, 0, 0, 0, 0, 1]));
    /// assert_eq!(a.to_string(), "ll(ifindex=1 ETH_P_ARP 02:00:00:00:00:01)");
    /// ```
    #[inline]
    pub fn new(ifindex: u32, protocol: EtherType, addr: MacAddr) -> SockAddrLl {
        // SAFETY: sockaddr_ll is plain old data (integers and a byte array); all-zero is valid.
        let mut raw: c::sockaddr_ll = unsafe { mem::zeroed() };
        raw.sll_family = Domain::PACKET.as_raw() as sa_family_t;
        raw.sll_protocol = protocol.to_be();
        raw.sll_ifindex = ifindex as c::c_int; // bit for bit; see the docs
        raw.sll_halen = 6;
        raw.sll_addr[..6].copy_from_slice(&addr.octets());
        SockAddrLl(raw)
    }

    /// Sets `sll_pkttype`. The kernel fills it in for received frames and ignores it for `bind`
    /// and `sendto`; this is for building addresses in tests and for comparing.
    ///
    /// ```
    /// use berkeley::addr::PacketType;
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// let a = SockAddrLl::new(1, EtherType::ALL, MacAddr::ZERO).with_pkttype(PacketType::BROADCAST);
    /// assert_eq!(a.pkttype(), PacketType::BROADCAST);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_pkttype(mut self, pkttype: PacketType) -> SockAddrLl {
        self.0.sll_pkttype = pkttype.0;
        self
    }

    /// Sets `sll_hatype` (an `ARPHRD_*` value).
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// let a = SockAddrLl::new(1, EtherType::ALL, MacAddr::ZERO).with_hatype(SockAddrLl::ARPHRD_ETHER);
    /// assert_eq!(a.hatype(), 1);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_hatype(mut self, hatype: u16) -> SockAddrLl {
        self.0.sll_hatype = hatype;
        self
    }

    /// Copies a C `sockaddr_ll`. The bytes of `sll_addr` past `sll_halen` are not copied (they
    /// are zero in the result).
    ///
    /// # Errors
    ///
    /// - [`Error::WrongFamily`] unless `sll_family` is `AF_PACKET`.
    /// - [`Error::InvalidInput`] if `sll_halen` exceeds the 8 bytes of `sll_addr`.
    ///
    /// ```
    /// use berkeley::{EtherType, SockAddrLl};
    ///
    /// // SAFETY: a C socket-address struct is plain old data; all-zero is a valid value.
    /// let mut raw: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    /// raw.sll_family = libc::AF_PACKET as u16;
    /// raw.sll_protocol = berkeley::htons(0x0806);
    /// raw.sll_ifindex = 3;
    /// raw.sll_halen = 6;
    /// raw.sll_addr = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0];
    /// let a = SockAddrLl::from_raw(&raw)?;
    /// assert_eq!((a.ifindex(), a.protocol()), (3, EtherType::ARP));
    ///
    /// raw.sll_family = libc::AF_INET as u16;
    /// assert!(SockAddrLl::from_raw(&raw).is_err());
    /// # Ok::<(), berkeley::Error>(())
    /// ```
    pub fn from_raw(raw: &c::sockaddr_ll) -> Result<SockAddrLl> {
        if i32::from(raw.sll_family) != Domain::PACKET.as_raw() {
            return Err(Error::WrongFamily {
                expected: "AF_PACKET",
                found: Domain::from_raw(i32::from(raw.sll_family)),
            });
        }
        let halen = usize::from(raw.sll_halen);
        if halen > ADDR_CAP {
            return Err(Error::InvalidInput {
                call: "SockAddrLl::from_raw",
                what: "sll_halen exceeds the 8 bytes of sll_addr",
            });
        }
        let mut copy = *raw;
        copy.sll_addr[halen..].fill(0);
        Ok(SockAddrLl(copy))
    }

    /// The C `sockaddr_ll`.
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// let a = SockAddrLl::new(4, EtherType::IPV6, MacAddr::ZERO);
    /// assert_eq!(a.as_raw().sll_ifindex, 4);
    /// assert_eq!(a.as_raw().sll_halen, 6);
    /// ```
    #[inline]
    pub const fn as_raw(&self) -> &c::sockaddr_ll {
        &self.0
    }

    /// The Ethernet protocol (`sll_protocol`), in host order.
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// assert_eq!(SockAddrLl::new(1, EtherType::IPV6, MacAddr::ZERO).protocol(), EtherType::IPV6);
    /// ```
    #[inline]
    pub const fn protocol(&self) -> EtherType {
        EtherType::from_be(self.0.sll_protocol)
    }

    /// The interface index (`sll_ifindex`).
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// assert_eq!(SockAddrLl::new(7, EtherType::ALL, MacAddr::ZERO).ifindex(), 7);
    /// ```
    #[inline]
    pub const fn ifindex(&self) -> u32 {
        self.0.sll_ifindex as u32 // bit for bit, as stored by `new`
    }

    /// The hardware type (`sll_hatype`, an `ARPHRD_*` value).
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// assert_eq!(SockAddrLl::new(1, EtherType::ALL, MacAddr::ZERO).hatype(), 0);
    /// ```
    #[inline]
    pub const fn hatype(&self) -> u16 {
        self.0.sll_hatype
    }

    /// The packet type (`sll_pkttype`) of a received frame, as `recvfrom` reports it: addressed
    /// to this host, broadcast, multicast, to another host (seen in promiscuous mode), or sent by
    /// this host. See [`PacketType`].
    ///
    /// ```
    /// use berkeley::addr::PacketType;
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// assert_eq!(SockAddrLl::new(1, EtherType::ALL, MacAddr::ZERO).pkttype(), PacketType::HOST);
    /// ```
    #[inline]
    pub const fn pkttype(&self) -> PacketType {
        PacketType(self.0.sll_pkttype)
    }

    /// The hardware address as a [`MacAddr`], if it is 6 bytes long (`sll_halen == 6`).
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// let mac = MacAddr::new([0, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);
    /// assert_eq!(SockAddrLl::new(1, EtherType::ALL, mac).addr(), Some(mac));
    /// ```
    #[inline]
    pub fn addr(&self) -> Option<MacAddr> {
        let a = &self.0.sll_addr;
        (self.0.sll_halen == 6).then(|| MacAddr::new([a[0], a[1], a[2], a[3], a[4], a[5]]))
    }

    /// The hardware address bytes: the first `sll_halen` (at most 8) bytes of `sll_addr`.
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddrLl};
    /// let a = SockAddrLl::new(1, EtherType::ALL, MacAddr::BROADCAST);
    /// assert_eq!(a.addr_bytes(), &[0xff; 6]);
    /// ```
    #[inline]
    pub fn addr_bytes(&self) -> &[u8] {
        &self.0.sll_addr[..usize::from(self.0.sll_halen).min(ADDR_CAP)]
    }

    fn key(&self) -> (u16, i32, u16, u8, &[u8]) {
        (
            self.0.sll_protocol,
            self.0.sll_ifindex,
            self.0.sll_hatype,
            self.0.sll_pkttype,
            self.addr_bytes(),
        )
    }
}

impl PartialEq for SockAddrLl {
    fn eq(&self, other: &SockAddrLl) -> bool {
        self.key() == other.key()
    }
}

impl Eq for SockAddrLl {}

impl Hash for SockAddrLl {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// The packet type of a frame a packet socket received: `sll_pkttype` of [`SockAddrLl`], one of
/// C's `PACKET_*` constants (`<linux/if_packet.h>`). Linux only.
///
/// C: `sll.sll_pkttype == PACKET_OTHERHOST` — Python: the third field of the `AF_PACKET` address
/// tuple, compared with `socket.PACKET_OTHERHOST`.
///
/// A transparent newtype over the C `unsigned char`: values the kernel adds later survive
/// [`from_raw`](PacketType::from_raw)/[`as_raw`](PacketType::as_raw) unchanged, and `Debug`
/// prints the C name.
///
/// ```
/// use berkeley::addr::PacketType;
///
/// assert_eq!(format!("{:?}", PacketType::OTHERHOST), "PACKET_OTHERHOST");
/// assert_eq!(PacketType::from_raw(4), PacketType::OUTGOING);
/// assert_eq!(format!("{:?}", PacketType::from_raw(42)), "PacketType(42)");
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct PacketType(u8);

impl PacketType {
    /// `PACKET_HOST` (0): addressed to this host (the frame's destination MAC is the
    /// interface's).
    pub const HOST: PacketType = PacketType(c::PACKET_HOST);
    /// `PACKET_BROADCAST` (1): a link-layer broadcast (`ff:ff:ff:ff:ff:ff`).
    pub const BROADCAST: PacketType = PacketType(c::PACKET_BROADCAST);
    /// `PACKET_MULTICAST` (2): a link-layer multicast (the group bit of the destination set).
    pub const MULTICAST: PacketType = PacketType(c::PACKET_MULTICAST);
    /// `PACKET_OTHERHOST` (3): addressed to another host; delivered only while the interface
    /// is promiscuous (see `sockopt::PacketMreq::promisc`).
    pub const OTHERHOST: PacketType = PacketType(c::PACKET_OTHERHOST);
    /// `PACKET_OUTGOING` (4): sent by this host, looped back to the packet socket.
    pub const OUTGOING: PacketType = PacketType(c::PACKET_OUTGOING);
    /// `PACKET_LOOPBACK` (5): kernel-internal (loopback delivery); packet sockets on `lo`
    /// see `HOST` and `OUTGOING` instead.
    pub const LOOPBACK: PacketType = PacketType(c::PACKET_LOOPBACK);

    /// The type with C value `raw` (`sll_pkttype`).
    ///
    /// ```
    /// assert_eq!(berkeley::addr::PacketType::from_raw(1), berkeley::addr::PacketType::BROADCAST);
    /// ```
    #[inline]
    pub const fn from_raw(raw: u8) -> PacketType {
        PacketType(raw)
    }

    /// The C value (`PACKET_HOST` = 0, ...).
    ///
    /// ```
    /// assert_eq!(berkeley::addr::PacketType::OTHERHOST.as_raw(), 3);
    /// ```
    #[inline]
    pub const fn as_raw(self) -> u8 {
        self.0
    }
}

c_debug!(PacketType: HOST => "PACKET_HOST", BROADCAST => "PACKET_BROADCAST",
    MULTICAST => "PACKET_MULTICAST", OTHERHOST => "PACKET_OTHERHOST",
    OUTGOING => "PACKET_OUTGOING", LOOPBACK => "PACKET_LOOPBACK");

/// Hardware address bytes as `00:1a:2b`.
struct HwAddr<'a>(&'a [u8]);

impl fmt::Display for HwAddr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Display for SockAddrLl {
    /// `ll(ifindex=2 ETH_P_IP 00:1a:2b:3c:4d:5e)`; the hardware address is left out when
    /// `sll_halen` is 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ll(ifindex={} {:?}", self.ifindex(), self.protocol())?;
        if !self.addr_bytes().is_empty() {
            write!(f, " {}", HwAddr(self.addr_bytes()))?;
        }
        f.write_str(")")
    }
}

impl fmt::Debug for SockAddrLl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SockAddrLl")
            .field("ifindex", &self.ifindex())
            .field("protocol", &self.protocol())
            .field("hatype", &self.hatype())
            .field("pkttype", &self.pkttype())
            .field("addr", &format_args!("{}", HwAddr(self.addr_bytes())))
            .finish()
    }
}

impl SockAddr {
    /// The link-layer address, if this is a complete `AF_PACKET` address: at least
    /// `offsetof(sockaddr_ll, sll_addr) + sll_halen` bytes long, with `sll_halen <= 8`.
    ///
    /// (Hardware addresses longer than 8 bytes, such as InfiniBand's 20, do not fit a
    /// `sockaddr_ll`; for those this is `None` and the bytes are in
    /// [`as_bytes`](SockAddr::as_bytes).)
    ///
    /// ```
    /// use berkeley::{EtherType, MacAddr, SockAddr, SockAddrLl};
    ///
    /// let a = SockAddr::from(SockAddrLl::new(2, EtherType::ARP, MacAddr::BROADCAST));
    /// assert_eq!(a.as_ll().unwrap().ifindex(), 2);
    /// assert!(a.as_in().is_none());
    /// ```
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub fn as_ll(&self) -> Option<SockAddrLl> {
        if self.family() != Domain::PACKET {
            return None;
        }
        let bytes = self.as_bytes();
        let halen = usize::from(*bytes.get(offset_of!(c::sockaddr_ll, sll_halen))?);
        if halen > ADDR_CAP || bytes.len() < MIN_LEN + halen {
            return None;
        }
        // SAFETY: sockaddr_ll is plain old data; all-zero is valid.
        let mut raw: c::sockaddr_ll = unsafe { mem::zeroed() };
        raw.sll_protocol = u16::from_ne_bytes([bytes[2], bytes[3]]);
        raw.sll_ifindex = c::c_int::from_ne_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
        raw.sll_hatype = u16::from_ne_bytes([bytes[8], bytes[9]]);
        raw.sll_pkttype = bytes[10];
        raw.sll_halen = bytes[11];
        raw.sll_addr[..halen].copy_from_slice(&bytes[MIN_LEN..MIN_LEN + halen]);
        raw.sll_family = Domain::PACKET.as_raw() as sa_family_t;
        Some(SockAddrLl(raw))
    }
}

const _: () = assert!(
    offset_of!(c::sockaddr_ll, sll_protocol) == 2
        && offset_of!(c::sockaddr_ll, sll_ifindex) == 4
        && offset_of!(c::sockaddr_ll, sll_hatype) == 8
        && offset_of!(c::sockaddr_ll, sll_pkttype) == 10
        && offset_of!(c::sockaddr_ll, sll_halen) == 11
);

impl From<SockAddrLl> for SockAddr {
    /// The whole 20-byte `sockaddr_ll`, as C code passes it to `bind` and `sendto`.
    #[inline]
    fn from(addr: SockAddrLl) -> SockAddr {
        // SAFETY: `addr.0` is a live sockaddr_ll, readable for its whole size (20 <= 128).
        unsafe {
            SockAddr::from_raw_parts((&addr.0 as *const c::sockaddr_ll).cast::<u8>(), STRUCT_LEN)
        }
    }
}

impl TryFrom<SockAddr> for SockAddrLl {
    type Error = Error;

    /// Fails with [`Error::WrongFamily`] unless the address is a complete `AF_PACKET` address.
    fn try_from(addr: SockAddr) -> Result<SockAddrLl> {
        addr.as_ll().ok_or(Error::WrongFamily { expected: "AF_PACKET", found: addr.family() })
    }
}

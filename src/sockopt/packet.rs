//! `SOL_PACKET` options of `AF_PACKET` sockets: packet(7). Linux only.

use std::mem::{self, offset_of};

use super::codec::{set_with, Encode};
use super::{sealed, SetSockOpt, SockOpt, SockRef};
use crate::error::Result;
use crate::ether::MacAddr;

use super::c;

/// What a [`PacketMreq`] asks of an interface: the `mr_type` of C's `struct packet_mreq`
/// (`PACKET_MR_*`), with the hardware address where the type has one.
///
/// ```
/// use berkeley::sockopt::PacketMembership;
/// use berkeley::MacAddr;
///
/// let m = PacketMembership::Multicast(MacAddr::new([0x01, 0x00, 0x5e, 0, 0, 0xfb]));
/// assert_eq!(m.addr(), Some(MacAddr::new([0x01, 0x00, 0x5e, 0, 0, 0xfb])));
/// assert_eq!(PacketMembership::Promisc.addr(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PacketMembership {
    /// `PACKET_MR_PROMISC`: put the interface in promiscuous mode — it delivers frames for
    /// every destination MAC, which a packet socket reports as
    /// [`PacketType::OTHERHOST`](crate::addr::PacketType::OTHERHOST). The kernel counts the
    /// requests; the last socket to drop (or close) ends the mode.
    Promisc,
    /// `PACKET_MR_ALLMULTI`: receive every link-layer multicast frame.
    AllMulti,
    /// `PACKET_MR_MULTICAST`: receive the frames sent to this link-layer multicast group.
    Multicast(MacAddr),
    /// `PACKET_MR_UNICAST`: add this unicast address to the interface's receive filter.
    Unicast(MacAddr),
}

impl PacketMembership {
    /// The hardware address the request carries (`mr_address`), if any.
    ///
    /// ```
    /// use berkeley::sockopt::PacketMembership;
    /// assert_eq!(PacketMembership::AllMulti.addr(), None);
    /// ```
    pub const fn addr(&self) -> Option<MacAddr> {
        match *self {
            PacketMembership::Multicast(a) | PacketMembership::Unicast(a) => Some(a),
            PacketMembership::Promisc | PacketMembership::AllMulti => None,
        }
    }

    /// The C `mr_type` (`PACKET_MR_PROMISC`, ...).
    fn mr_type(&self) -> c::c_int {
        match self {
            PacketMembership::Promisc => c::PACKET_MR_PROMISC,
            PacketMembership::AllMulti => c::PACKET_MR_ALLMULTI,
            PacketMembership::Multicast(_) => c::PACKET_MR_MULTICAST,
            PacketMembership::Unicast(_) => c::PACKET_MR_UNICAST,
        }
    }
}

/// The value of [`PacketAddMembership`] and [`PacketDropMembership`]: C's `struct packet_mreq
/// { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }`.
///
/// ```
/// use berkeley::sockopt::{PacketMembership, PacketMreq};
///
/// let m = PacketMreq::promisc(2);
/// assert_eq!(m, PacketMreq { ifindex: 2, kind: PacketMembership::Promisc });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PacketMreq {
    /// The interface (`mr_ifindex`), as `if_nametoindex` returns it. Must fit a C `int`.
    pub ifindex: u32,
    /// What to ask of it (`mr_type`, `mr_alen`, `mr_address`).
    pub kind: PacketMembership,
}

impl PacketMreq {
    /// Promiscuous mode on interface `ifindex`.
    ///
    /// ```
    /// use berkeley::sockopt::{PacketMembership, PacketMreq};
    /// assert_eq!(PacketMreq::promisc(3).kind, PacketMembership::Promisc);
    /// ```
    pub const fn promisc(ifindex: u32) -> PacketMreq {
        PacketMreq { ifindex, kind: PacketMembership::Promisc }
    }

    /// All-multicast mode on interface `ifindex`.
    ///
    /// ```
    /// use berkeley::sockopt::{PacketMembership, PacketMreq};
    /// assert_eq!(PacketMreq::allmulti(3).kind, PacketMembership::AllMulti);
    /// ```
    pub const fn allmulti(ifindex: u32) -> PacketMreq {
        PacketMreq { ifindex, kind: PacketMembership::AllMulti }
    }

    /// Membership of the link-layer multicast group `group` on interface `ifindex`.
    ///
    /// ```
    /// use berkeley::sockopt::PacketMreq;
    /// use berkeley::MacAddr;
    /// let group = MacAddr::new([0x33, 0x33, 0, 0, 0, 1]); // IPv6 all-nodes
    /// assert_eq!(PacketMreq::multicast(3, group).kind.addr(), Some(group));
    /// ```
    pub const fn multicast(ifindex: u32, group: MacAddr) -> PacketMreq {
        PacketMreq { ifindex, kind: PacketMembership::Multicast(group) }
    }
}

const MREQ_LEN: usize = mem::size_of::<c::packet_mreq>();
const _: () = assert!(
    MREQ_LEN == 16
        && offset_of!(c::packet_mreq, mr_ifindex) == 0
        && offset_of!(c::packet_mreq, mr_type) == 4
        && offset_of!(c::packet_mreq, mr_alen) == 6
        && offset_of!(c::packet_mreq, mr_address) == 8
);

/// `PACKET_ADD/DROP_MEMBERSHIP`: `struct packet_mreq`, written field by field.
enum PacketMreqCodec {}

impl Encode for PacketMreqCodec {
    type Value = PacketMreq;
    type Bytes = [u8; MREQ_LEN];
    fn encode(m: PacketMreq) -> Result<[u8; MREQ_LEN], &'static str> {
        let mut buf = [0u8; MREQ_LEN];
        let ifindex = c::c_int::try_from(m.ifindex)
            .map_err(|_| "interface index larger than the C int the OS takes (i32::MAX)")?;
        // PACKET_MR_* are 0..=3: they fit the unsigned short.
        let mr_type = m.kind.mr_type() as c::c_ushort;
        let off = offset_of!(c::packet_mreq, mr_ifindex);
        buf[off..off + 4].copy_from_slice(&ifindex.to_ne_bytes());
        let off = offset_of!(c::packet_mreq, mr_type);
        buf[off..off + 2].copy_from_slice(&mr_type.to_ne_bytes());
        if let Some(addr) = m.kind.addr() {
            let alen: c::c_ushort = 6;
            let off = offset_of!(c::packet_mreq, mr_alen);
            buf[off..off + 2].copy_from_slice(&alen.to_ne_bytes());
            let off = offset_of!(c::packet_mreq, mr_address);
            buf[off..off + 6].copy_from_slice(&addr.octets());
        }
        Ok(buf)
    }
}

/// Implements the option traits for a set-only marker whose codec is in this file.
macro_rules! set_only {
    ($name:ident: $value:ty = $opt:ident, $codec:ident) => {
        impl sealed::Sealed for $name {}
        impl SockOpt for $name {
            type Value = $value;
            const LEVEL: i32 = c::SOL_PACKET;
            const NAME: i32 = c::$opt;
            const C_NAME: &'static str = stringify!($opt);
        }
        impl SetSockOpt<$value> for $name {
            #[inline]
            fn set(self, socket: SockRef<'_>, value: $value) -> Result<()> {
                let call = concat!("setsockopt(", stringify!($opt), ")");
                set_with::<$codec>(socket, Self::LEVEL, Self::NAME, call, value)
            }
        }
    };
}

/// Adds a membership to an interface for as long as the packet socket lives (or until
/// [`PacketDropMembership`]): promiscuous mode, all-multicast, a multicast group or a unicast
/// address. See [`PacketMreq`].
///
/// C: `setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof mreq)` with `mreq` of
/// type `struct packet_mreq` (set only).
/// Python: `sock.setsockopt(socket.SOL_PACKET, socket.PACKET_ADD_MEMBERSHIP, mreq_bytes)`.
///
/// Unlike `ioctl(SIOCSIFFLAGS, IFF_PROMISC)` the kernel counts memberships, so two sniffers do
/// not turn each other's promiscuous mode off, and closing the socket undoes it. Packet
/// sockets need `CAP_NET_RAW`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::netdb::if_nametoindex;
/// use berkeley::sockopt::{PacketAddMembership, PacketDropMembership, PacketMreq};
/// use berkeley::{Domain, EtherType, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // Needs CAP_NET_RAW; without it, socket() fails with EPERM.
/// if let Ok(s) = Socket::new(Domain::PACKET, Type::RAW, Protocol::from(EtherType::ALL)) {
///     let lo = if_nametoindex("lo")?;
///     s.setsockopt(PacketAddMembership, PacketMreq::allmulti(lo))?;
///     s.setsockopt(PacketDropMembership, PacketMreq::allmulti(lo))?;
/// }
/// # Ok(()) }
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "PACKET_ADD_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PacketAddMembership;

/// Drops a membership added with [`PacketAddMembership`] (the same [`PacketMreq`]).
///
/// C: `setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mreq, sizeof mreq)` with `mreq` of
/// type `struct packet_mreq` (set only).
/// Python: `sock.setsockopt(socket.SOL_PACKET, socket.PACKET_DROP_MEMBERSHIP, mreq_bytes)`.
///
/// Dropping a membership the socket does not hold is not an error: Linux returns 0 and
/// changes nothing.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::netdb::if_nametoindex;
/// use berkeley::sockopt::{PacketAddMembership, PacketDropMembership, PacketMreq};
/// use berkeley::{Domain, EtherType, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// if let Ok(s) = Socket::new(Domain::PACKET, Type::RAW, Protocol::from(EtherType::ALL)) {
///     let lo = if_nametoindex("lo")?;
///     s.setsockopt(PacketAddMembership, PacketMreq::promisc(lo))?; // lo goes promiscuous ...
///     s.setsockopt(PacketDropMembership, PacketMreq::promisc(lo))?; // ... and back
/// }
/// # Ok(()) }
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "PACKET_DROP_MEMBERSHIP")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PacketDropMembership;

set_only!(PacketAddMembership: PacketMreq = PACKET_ADD_MEMBERSHIP, PacketMreqCodec);
set_only!(PacketDropMembership: PacketMreq = PACKET_DROP_MEMBERSHIP, PacketMreqCodec);

/// Asks for a `PACKET_AUXDATA` control message (`struct tpacket_auxdata`: the frame's original
/// length, its VLAN tag stripped by the NIC, checksum status) with every frame `recvmsg`
/// returns. The message itself is decoded by the control-message API.
///
/// C: `setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &v, sizeof v)` with `v` of type `int` (get and
/// set). Python: `sock.setsockopt(socket.SOL_PACKET, socket.PACKET_AUXDATA, 1)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::sockopt::PacketAuxData;
/// use berkeley::{Domain, EtherType, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // Needs CAP_NET_RAW; without it, socket() fails with EPERM.
/// if let Ok(s) = Socket::new(Domain::PACKET, Type::RAW, Protocol::from(EtherType::ALL)) {
///     s.setsockopt(PacketAuxData, true)?;
///     assert!(s.getsockopt(PacketAuxData)?);
/// }
/// # Ok(()) }
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "PACKET_AUXDATA")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PacketAuxData;

/// Stops the socket from seeing the frames this host sends
/// ([`PacketType::OUTGOING`](crate::addr::PacketType::OUTGOING)): a capture of received traffic
/// only, without the cost of copying every transmitted frame.
///
/// C: `setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &v, sizeof v)` with `v` of type `int`
/// (get and set). Python: `sock.setsockopt(socket.SOL_PACKET, 23, 1)`.
///
/// Platforms: Linux ≥ 4.20 (`ENOPROTOOPT` before) and Android.
///
/// ```
/// use berkeley::sockopt::PacketIgnoreOutgoing;
/// use berkeley::{Domain, EtherType, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// if let Ok(s) = Socket::new(Domain::PACKET, Type::RAW, Protocol::from(EtherType::ALL)) {
///     if s.setsockopt(PacketIgnoreOutgoing, true).is_ok() {
///         assert!(s.getsockopt(PacketIgnoreOutgoing)?);
///     }
/// }
/// # Ok(()) }
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "PACKET_IGNORE_OUTGOING")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PacketIgnoreOutgoing;

sockopt_impl! {
    PacketAuxData: bool = SOL_PACKET / PACKET_AUXDATA, get_set BoolInt;
    PacketIgnoreOutgoing: bool = SOL_PACKET / PACKET_IGNORE_OUTGOING, get_set BoolInt;
}

/// How a fanout group spreads frames over its sockets: the mode of C's `PACKET_FANOUT` argument
/// (`PACKET_FANOUT_*`). A transparent newtype; `Debug` prints the C name.
///
/// ```
/// use berkeley::sockopt::FanoutMode;
/// assert_eq!(format!("{:?}", FanoutMode::LB), "PACKET_FANOUT_LB");
/// assert_eq!(FanoutMode::from_raw(0), FanoutMode::HASH);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FanoutMode(u16);

impl FanoutMode {
    /// `PACKET_FANOUT_HASH`: by flow hash (the frames of one flow go to one socket).
    pub const HASH: FanoutMode = FanoutMode(c::PACKET_FANOUT_HASH as u16);
    /// `PACKET_FANOUT_LB`: round robin.
    pub const LB: FanoutMode = FanoutMode(c::PACKET_FANOUT_LB as u16);
    /// `PACKET_FANOUT_CPU`: by the CPU the frame arrived on.
    pub const CPU: FanoutMode = FanoutMode(c::PACKET_FANOUT_CPU as u16);
    /// `PACKET_FANOUT_ROLLOVER`: fill one socket, then the next.
    pub const ROLLOVER: FanoutMode = FanoutMode(c::PACKET_FANOUT_ROLLOVER as u16);
    /// `PACKET_FANOUT_RND`: at random.
    pub const RND: FanoutMode = FanoutMode(c::PACKET_FANOUT_RND as u16);
    /// `PACKET_FANOUT_QM`: by the NIC's receive queue.
    pub const QM: FanoutMode = FanoutMode(c::PACKET_FANOUT_QM as u16);

    /// The mode with C value `raw` (`PACKET_FANOUT_HASH` = 0, ...).
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::FanoutMode::from_raw(1), berkeley::sockopt::FanoutMode::LB);
    /// ```
    pub const fn from_raw(raw: u16) -> FanoutMode {
        FanoutMode(raw)
    }

    /// The C value.
    ///
    /// ```
    /// assert_eq!(berkeley::sockopt::FanoutMode::RND.as_raw(), 4);
    /// ```
    pub const fn as_raw(self) -> u16 {
        self.0
    }
}

crate::macros::c_debug!(FanoutMode: HASH => "PACKET_FANOUT_HASH", LB => "PACKET_FANOUT_LB",
    CPU => "PACKET_FANOUT_CPU", ROLLOVER => "PACKET_FANOUT_ROLLOVER", RND => "PACKET_FANOUT_RND",
    QM => "PACKET_FANOUT_QM");

/// The value of [`PacketFanout`]: which fanout group to join and how it spreads frames. C packs
/// it into one `int`: `id | (mode | flags) << 16`.
///
/// ```
/// use berkeley::sockopt::{FanoutGroup, FanoutMode};
/// let g = FanoutGroup { id: 7, mode: FanoutMode::LB, rollover: false, defrag: true };
/// assert_eq!(g, FanoutGroup { defrag: true, ..FanoutGroup::new(7, FanoutMode::LB) });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FanoutGroup {
    /// The group id, shared by the sockets of the group (per network namespace).
    pub id: u16,
    /// How frames are spread.
    pub mode: FanoutMode,
    /// `PACKET_FANOUT_FLAG_ROLLOVER`: when the chosen socket's queue is full, try the next.
    pub rollover: bool,
    /// `PACKET_FANOUT_FLAG_DEFRAG`: reassemble IP fragments before choosing a socket.
    pub defrag: bool,
}

impl FanoutGroup {
    /// Group `id` with `mode` and no flags.
    ///
    /// ```
    /// use berkeley::sockopt::{FanoutGroup, FanoutMode};
    /// assert!(!FanoutGroup::new(1, FanoutMode::HASH).rollover);
    /// ```
    pub const fn new(id: u16, mode: FanoutMode) -> FanoutGroup {
        FanoutGroup { id, mode, rollover: false, defrag: false }
    }
}

/// `PACKET_FANOUT`: the packed `int`.
enum FanoutCodec {}

impl Encode for FanoutCodec {
    type Value = FanoutGroup;
    type Bytes = [u8; 4];
    fn encode(g: FanoutGroup) -> Result<[u8; 4], &'static str> {
        if g.mode.0 > 0xff {
            return Err("a fanout mode is one byte (PACKET_FANOUT_HASH ... PACKET_FANOUT_EBPF)");
        }
        let mut type_flags = u32::from(g.mode.0);
        if g.rollover {
            type_flags |= c::PACKET_FANOUT_FLAG_ROLLOVER;
        }
        if g.defrag {
            type_flags |= c::PACKET_FANOUT_FLAG_DEFRAG;
        }
        Ok((u32::from(g.id) | type_flags << 16).to_ne_bytes())
    }
}

/// Joins the socket to a fanout group: the bound packet sockets of one group share the frames
/// between them instead of each receiving all, so several threads or processes can capture one
/// busy interface. The first socket creates the group; the others must ask for the same mode
/// and flags (`EINVAL` otherwise). The socket must be bound first (`EINVAL`). A socket leaves
/// its group when it is closed.
///
/// C: `setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &v, sizeof v)` with `v` of type `int`: `id |
/// (mode | flags) << 16` (set only here: the value read back cannot tell "no group" from group
/// 0 in hash mode). Python: `sock.setsockopt(socket.SOL_PACKET, 18, id | mode << 16)`.
///
/// Platforms: Linux and Android.
///
/// ```
/// use berkeley::netdb::if_nametoindex;
/// use berkeley::sockopt::{FanoutGroup, FanoutMode, PacketFanout};
/// use berkeley::{Domain, EtherType, MacAddr, Protocol, SockAddrLl, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// // Needs CAP_NET_RAW; without it, socket() fails with EPERM.
/// if let Ok(s) = Socket::new(Domain::PACKET, Type::RAW, Protocol::from(EtherType::ALL)) {
///     s.bind(SockAddrLl::new(if_nametoindex("lo")?, EtherType::ALL, MacAddr::ZERO))?;
///     s.setsockopt(PacketFanout, FanoutGroup::new(0x4b2d, FanoutMode::HASH))?;
/// }
/// # Ok(()) }
/// ```
///
/// See [packet(7)](https://man7.org/linux/man-pages/man7/packet.7.html).
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "PACKET_FANOUT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PacketFanout;

set_only!(PacketFanout: FanoutGroup = PACKET_FANOUT, FanoutCodec);

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes are the C struct glibc code fills by hand.
    #[test]
    fn packet_mreq_bytes() {
        let mac = MacAddr::new([0x01, 0, 0x5e, 0, 0, 1]);
        let b = PacketMreqCodec::encode(PacketMreq::multicast(7, mac)).unwrap();
        let mut want = [0u8; 16];
        want[..4].copy_from_slice(&7i32.to_ne_bytes());
        want[4..6].copy_from_slice(&(c::PACKET_MR_MULTICAST as u16).to_ne_bytes());
        want[6..8].copy_from_slice(&6u16.to_ne_bytes());
        want[8..14].copy_from_slice(&mac.octets());
        assert_eq!(b, want);
        let b = PacketMreqCodec::encode(PacketMreq::promisc(1)).unwrap();
        assert_eq!(b[4..6], (c::PACKET_MR_PROMISC as u16).to_ne_bytes());
        assert_eq!(b[6..], [0; 10]);
        assert!(PacketMreqCodec::encode(PacketMreq::promisc(u32::MAX)).is_err());
    }

    #[test]
    fn fanout_argument_packing() {
        let g = FanoutGroup { id: 0x1234, mode: FanoutMode::LB, rollover: true, defrag: true };
        let want: u32 = 0x1234 | (1 | 0x1000 | 0x8000) << 16;
        assert_eq!(FanoutCodec::encode(g).unwrap(), want.to_ne_bytes());
        let g = FanoutGroup::new(9, FanoutMode::from_raw(0x100));
        assert!(FanoutCodec::encode(g).is_err());
    }
}

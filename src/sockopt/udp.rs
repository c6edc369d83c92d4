//! `SOL_UDP` options: udp(7) — UDP segmentation (GSO) and receive coalescing (GRO), Linux only.

/// UDP generic segmentation offload (GSO): every send of more than this many bytes is split
/// by the kernel (or the NIC) into datagrams of this size, the last one shorter — one
/// `sendto` of 64 KiB sends ~54 datagrams of 1200 bytes. `0` turns it off.
///
/// C: `setsockopt(fd, SOL_UDP, UDP_SEGMENT, &v, sizeof v)` with `v` of type `int` (get and
/// set). Python: `sock.setsockopt(socket.SOL_UDP, socket.UDP_SEGMENT, 1200)`.
///
/// Platforms: Linux ≥ 4.18. An older kernel refuses it (`ENOPROTOOPT`): that failure is the
/// capability probe. The per-send form (a `UDP_SEGMENT` control message) is not offered yet.
///
/// ```
/// use berkeley::sockopt::UdpSegment;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// match s.setsockopt(UdpSegment, 1200) {
///     Ok(()) => assert_eq!(s.getsockopt(UdpSegment)?, 1200),
///     Err(e) => eprintln!("no UDP GSO here: {e}"), // a kernel older than 4.18
/// }
/// # Ok(()) }
/// ```
///
/// See [udp(7)](https://man7.org/linux/man-pages/man7/udp.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "UDP_SEGMENT")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UdpSegment;

/// UDP generic receive offload (GRO): the kernel may coalesce consecutive datagrams of one
/// flow into one larger receive (the segment size comes in a `UDP_GRO` control message,
/// which berkeley does not parse yet: until it does, only turn this on where the
/// datagram boundaries do not matter or are known).
///
/// C: `setsockopt(fd, SOL_UDP, UDP_GRO, &v, sizeof v)` with `v` of type `int` (get and set).
/// Python: `sock.setsockopt(socket.SOL_UDP, socket.UDP_GRO, 1)`.
///
/// Platforms: Linux ≥ 5.0 (`ENOPROTOOPT` before: the capability probe).
///
/// ```
/// use berkeley::sockopt::UdpGro;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// if s.setsockopt(UdpGro, true).is_ok() {
///     assert!(s.getsockopt(UdpGro)?);
/// }
/// # Ok(()) }
/// ```
///
/// See [udp(7)](https://man7.org/linux/man-pages/man7/udp.7.html).
#[cfg(any(target_os = "linux", target_os = "android"))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
#[doc(alias = "UDP_GRO")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UdpGro;

sockopt_impl! {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    UdpSegment: u32 = SOL_UDP / UDP_SEGMENT, get_set U32Int;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    UdpGro: bool = SOL_UDP / UDP_GRO, get_set BoolInt;
}

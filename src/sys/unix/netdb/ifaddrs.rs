//! The interface calls over libc: `getifaddrs` (which also reads each interface's MTU:
//! `SIOCGIFMTU` on Linux, `if_data` on the BSDs), `if_nametoindex`, `if_indextoname`,
//! `if_nameindex`.

use std::ffi::CStr;
use std::{mem, ptr};

use super::super::{c, last_error};
use super::{cstring, text};
use crate::addr::SockAddr;
use crate::error::{Error, Result};
use crate::ether::MacAddr;

pub(crate) const IFF_UP: u32 = c::IFF_UP as u32;
pub(crate) const IFF_BROADCAST: u32 = c::IFF_BROADCAST as u32;
pub(crate) const IFF_DEBUG: u32 = c::IFF_DEBUG as u32;
pub(crate) const IFF_LOOPBACK: u32 = c::IFF_LOOPBACK as u32;
pub(crate) const IFF_POINTOPOINT: u32 = c::IFF_POINTOPOINT as u32;
pub(crate) const IFF_RUNNING: u32 = c::IFF_RUNNING as u32;
pub(crate) const IFF_NOARP: u32 = c::IFF_NOARP as u32;
pub(crate) const IFF_PROMISC: u32 = c::IFF_PROMISC as u32;
pub(crate) const IFF_ALLMULTI: u32 = c::IFF_ALLMULTI as u32;
pub(crate) const IFF_MULTICAST: u32 = c::IFF_MULTICAST as u32;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) const IFF_LOWER_UP: u32 = c::IFF_LOWER_UP as u32;
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) const IFF_DORMANT: u32 = c::IFF_DORMANT as u32;

/// One `struct ifaddrs` entry, copied out.
pub(crate) struct RawIfAddr {
    pub(crate) name: String,
    pub(crate) flags: u32,
    pub(crate) addr: Option<SockAddr>,
    pub(crate) netmask: Option<SockAddr>,
    /// `ifa_broadaddr` or `ifa_dstaddr` (one union in C; `flags` says which).
    pub(crate) ifu: Option<SockAddr>,
    /// The interface's MTU, read from the link-layer entry.
    pub(crate) mtu: Option<u32>,
    /// The interface index, where the entry carries it (`None`: ask `if_nametoindex`).
    pub(crate) index: Option<u32>,
    /// The interface's hardware address, on its link-layer entry.
    pub(crate) mac: Option<MacAddr>,
}

/// A socket address the C library handed out without a length, copied by its family.
/// `family_hint` is used when the address has no family of its own (a BSD netmask).
///
/// # Safety
///
/// `p` must be null or point to a valid socket address of its family's full size (on the
/// BSDs, of `sa_len` bytes).
unsafe fn sockaddr_at(p: *const c::sockaddr, family_hint: i32) -> Option<SockAddr> {
    if p.is_null() {
        return None;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // SAFETY: the caller guarantees a valid sockaddr, so sa_family is readable.
        let family = i32::from(unsafe { (*p).sa_family });
        let len = match family {
            c::AF_INET => mem::size_of::<c::sockaddr_in>(),
            c::AF_INET6 => mem::size_of::<c::sockaddr_in6>(),
            c::AF_PACKET => mem::size_of::<c::sockaddr_ll>(),
            _ => return None,
        };
        let _ = family_hint;
        // SAFETY: an address of this family is `len` bytes long (caller's guarantee).
        Some(unsafe { SockAddr::from_raw_parts(p.cast::<u8>(), len) })
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        // SAFETY: the caller guarantees a valid sockaddr, so its header is readable.
        let (sa_len, sa_family) = unsafe { ((*p).sa_len, (*p).sa_family) };
        // SAFETY: sockaddr_storage is plain old data; all-zero is valid.
        let mut storage: c::sockaddr_storage = unsafe { mem::zeroed() };
        let n = usize::from(sa_len).min(mem::size_of::<c::sockaddr_storage>());
        // SAFETY: `p` is readable for sa_len bytes (caller's guarantee) and we copy at most
        // that many into the local storage.
        unsafe { ptr::copy_nonoverlapping(p.cast::<u8>(), ptr::addr_of_mut!(storage).cast(), n) };
        let family = if sa_family == 0 { family_hint } else { i32::from(sa_family) };
        let full = match family {
            c::AF_INET => mem::size_of::<c::sockaddr_in>(),
            c::AF_INET6 => mem::size_of::<c::sockaddr_in6>(),
            _ => n,
        };
        // A short netmask (sa_len cut after its last non-zero byte) is zero-filled to the
        // family's full size.
        storage.ss_family = family as c::sa_family_t;
        storage.ss_len = full.max(n) as u8;
        SockAddr::from_storage(&storage, full.max(n) as c::socklen_t).ok()
    }
}

/// The hardware address of a link-layer interface address (`AF_PACKET`'s `sockaddr_ll` on
/// Linux, `AF_LINK`'s `sockaddr_dl` on the BSDs), if it is 6 bytes long.
pub(crate) fn link_mac(addr: &SockAddr) -> Option<MacAddr> {
    let b = addr.as_bytes();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let (family, halen, start) = (c::AF_PACKET, *b.get(11)?, 12usize);
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let (family, halen, start) = (c::AF_LINK, *b.get(6)?, 8 + usize::from(*b.get(5)?));
    if addr.family().as_raw() != family || halen != 6 {
        return None;
    }
    let mac: [u8; 6] = b.get(start..start + 6)?.try_into().ok()?;
    Some(MacAddr::new(mac))
}

/// Whether an address is the link-layer entry of its interface.
pub(crate) fn is_link(addr: &SockAddr) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    return addr.family().as_raw() == c::AF_PACKET;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    return addr.family().as_raw() == c::AF_LINK;
}

/// `SIOCGIFMTU` on a throw-away socket.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn if_mtu(name: &CStr) -> Option<u32> {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    // SAFETY: ifreq is plain old data; all-zero is valid.
    let mut req: c::ifreq = unsafe { mem::zeroed() };
    let bytes = name.to_bytes();
    if bytes.len() >= req.ifr_name.len() {
        return None;
    }
    for (d, s) in req.ifr_name.iter_mut().zip(bytes) {
        *d = *s as c::c_char;
    }
    // SAFETY: socket() takes only integers.
    let fd = unsafe { c::socket(c::AF_INET, c::SOCK_DGRAM | c::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return None;
    }
    // SAFETY: fd is a fresh descriptor that nothing else owns.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // SAFETY: SIOCGIFMTU reads ifr_name and writes ifr_mtu in the live `req`.
    let rc = unsafe { c::ioctl(fd.as_raw_fd(), c::SIOCGIFMTU as _, &mut req) };
    if rc != 0 {
        return None;
    }
    // SAFETY: on success the kernel wrote ifr_mtu, an int member of the union.
    Some(unsafe { req.ifr_ifru.ifru_mtu } as u32)
}

/// `getifaddrs(3)`: every entry, copied out; the list is freed before returning.
pub(crate) fn getifaddrs() -> Result<Vec<RawIfAddr>> {
    struct List(*mut c::ifaddrs);
    impl Drop for List {
        fn drop(&mut self) {
            // SAFETY: the list getifaddrs returned, freed exactly once, here.
            unsafe { c::freeifaddrs(self.0) };
        }
    }
    let mut head: *mut c::ifaddrs = ptr::null_mut();
    // SAFETY: `head` is writable; on success getifaddrs stores a list we free in List's Drop.
    if unsafe { c::getifaddrs(&mut head) } < 0 {
        return Err(Error::os("getifaddrs", last_error()));
    }
    let list = List(head);
    let mut out = Vec::new();
    let mut cur = list.0.cast_const();
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the live list; nodes are only read.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        // SAFETY: ifa_name is a NUL-terminated string of the live list.
        let cname = unsafe { CStr::from_ptr(ifa.ifa_name) };
        // SAFETY: the address pointers are null or valid addresses of the live list.
        let addr = unsafe { sockaddr_at(ifa.ifa_addr, 0) };
        let family = addr.map_or(0, |a| a.family().as_raw());
        // SAFETY: as above.
        let netmask = unsafe { sockaddr_at(ifa.ifa_netmask, family) };
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let ifu_ptr = ifa.ifa_ifu;
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let ifu_ptr = ifa.ifa_dstaddr;
        let ifu = if ifa.ifa_flags & (IFF_BROADCAST | IFF_POINTOPOINT) != 0 {
            // SAFETY: as above.
            unsafe { sockaddr_at(ifu_ptr, family) }
        } else {
            None
        };
        let link = addr.as_ref().is_some_and(is_link);
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let mtu = if link { if_mtu(cname) } else { None };
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let mtu = if link && !ifa.ifa_data.is_null() {
            // SAFETY: an AF_LINK entry's ifa_data points to the interface's struct if_data.
            Some(unsafe { (*ifa.ifa_data.cast::<c::if_data>()).ifi_mtu } as u32)
        } else {
            None
        };
        out.push(RawIfAddr {
            name: cname.to_string_lossy().into_owned(),
            flags: ifa.ifa_flags,
            addr,
            netmask,
            ifu,
            mtu,
            index: None,
            mac: addr.as_ref().and_then(link_mac),
        });
    }
    Ok(out)
}

/// `if_nametoindex(3)`.
pub(crate) fn if_nametoindex(name: &str) -> Result<u32> {
    let cname = cstring("if_nametoindex", "interface name contains a NUL byte", name)?;
    // SAFETY: the name is NUL-terminated.
    let index = unsafe { c::if_nametoindex(cname.as_ptr()) };
    if index == 0 {
        let code = last_error();
        return Err(Error::os("if_nametoindex", if code == 0 { c::ENODEV } else { code }));
    }
    Ok(index)
}

/// `if_indextoname(3)`.
pub(crate) fn if_indextoname(index: u32) -> Result<String> {
    let mut buf = [0 as c::c_char; c::IF_NAMESIZE];
    // SAFETY: `buf` is writable for IF_NAMESIZE bytes, as if_indextoname requires.
    let p = unsafe { c::if_indextoname(index, buf.as_mut_ptr()) };
    if p.is_null() {
        return Err(Error::os("if_indextoname", last_error()));
    }
    // SAFETY: on success `buf` holds a NUL-terminated name.
    Ok(unsafe { text(buf.as_ptr()) })
}

/// `if_nameindex(3)`: every interface's index and name; the array is freed before returning.
pub(crate) fn if_nameindex() -> Result<Vec<(u32, String)>> {
    // SAFETY: if_nameindex takes no arguments and returns an array we free below.
    let head = unsafe { c::if_nameindex() };
    if head.is_null() {
        return Err(Error::os("if_nameindex", last_error()));
    }
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // SAFETY: the array ends with an entry whose index is 0 and name NULL; we stop there.
        let e = unsafe { &*head.add(i) };
        if e.if_index == 0 && e.if_name.is_null() {
            break;
        }
        // SAFETY: each entry's name is a NUL-terminated string of the live array.
        out.push((e.if_index, unsafe { text(e.if_name) }));
        i += 1;
    }
    // SAFETY: head is the array if_nameindex returned, freed exactly once.
    unsafe { c::if_freenameindex(head) };
    Ok(out)
}

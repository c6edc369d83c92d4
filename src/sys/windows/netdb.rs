//! Name services over Winsock: `GetAddrInfoW`, `GetNameInfoW`, `GetHostNameW` (the Unicode
//! variants, so names are not limited to the ANSI code page) and the database calls
//! `getservbyname`, `getservbyport`, `getprotobyname`, `getprotobynumber`, `gethostbyname`,
//! `gethostbyaddr`, whose results Winsock keeps in a thread-local buffer (so they are
//! thread-safe; each answer is copied out at once). Every function starts Winsock first.

use std::ffi::CStr;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::{mem, ptr};

use super::{c, last_error, startup};
use crate::addr::SockAddr;
use crate::error::{Error, Result};
use crate::netdb::{Eai, HErrno, HostEnt, NetdbCode, NetdbError, ProtoEnt, ServEnt};
use crate::types::{Domain, Protocol};

// `EAI_*` as ws2def.h defines them: Winsock error codes.
pub(crate) const EAI_AGAIN: i32 = c::WSATRY_AGAIN;
pub(crate) const EAI_BADFLAGS: i32 = c::WSAEINVAL;
pub(crate) const EAI_FAIL: i32 = c::WSANO_RECOVERY;
pub(crate) const EAI_FAMILY: i32 = c::WSAEAFNOSUPPORT;
pub(crate) const EAI_MEMORY: i32 = c::WSA_NOT_ENOUGH_MEMORY;
pub(crate) const EAI_NONAME: i32 = c::WSAHOST_NOT_FOUND;
pub(crate) const EAI_NODATA: i32 = EAI_NONAME;
pub(crate) const EAI_SERVICE: i32 = c::WSATYPE_NOT_FOUND;
pub(crate) const EAI_SOCKTYPE: i32 = c::WSAESOCKTNOSUPPORT;

// `h_errno` is `WSAGetLastError()` on Windows; winsock2.h maps the names to these codes.
pub(crate) const HOST_NOT_FOUND: i32 = c::WSAHOST_NOT_FOUND;
pub(crate) const TRY_AGAIN: i32 = c::WSATRY_AGAIN;
pub(crate) const NO_RECOVERY: i32 = c::WSANO_RECOVERY;
pub(crate) const NO_DATA: i32 = c::WSANO_DATA;

pub(crate) const AI_PASSIVE: i32 = c::AI_PASSIVE as i32;
pub(crate) const AI_CANONNAME: i32 = c::AI_CANONNAME as i32;
pub(crate) const AI_NUMERICHOST: i32 = c::AI_NUMERICHOST as i32;
pub(crate) const AI_NUMERICSERV: i32 = c::AI_NUMERICSERV as i32;
pub(crate) const AI_ADDRCONFIG: i32 = c::AI_ADDRCONFIG as i32;
pub(crate) const AI_V4MAPPED: i32 = c::AI_V4MAPPED as i32;
pub(crate) const AI_ALL: i32 = c::AI_ALL as i32;

pub(crate) const NI_NUMERICHOST: i32 = c::NI_NUMERICHOST as i32;
pub(crate) const NI_NUMERICSERV: i32 = c::NI_NUMERICSERV as i32;
pub(crate) const NI_NOFQDN: i32 = c::NI_NOFQDN as i32;
pub(crate) const NI_NAMEREQD: i32 = c::NI_NAMEREQD as i32;
pub(crate) const NI_DGRAM: i32 = c::NI_DGRAM as i32;

const NI_MAXHOST: usize = c::NI_MAXHOST as usize;
const NI_MAXSERV: usize = c::NI_MAXSERV as usize;
/// `GetHostNameW` needs at most 256 characters.
const HOST_NAME_CAP: usize = 256;

/// The system's message for a Winsock code, without std's ` (os error N)` suffix.
fn os_message(code: i32) -> String {
    let full = std::io::Error::from_raw_os_error(code).to_string();
    match full.strip_suffix(&format!(" (os error {code})")) {
        Some(m) => m.to_owned(),
        None => full,
    }
}

/// The message for an `EAI_*` code (a Winsock code; `gai_strerror` is a header inline there).
pub(crate) fn gai_strerror(code: i32) -> String {
    os_message(code)
}

/// The message for an `h_errno` code (a Winsock code).
pub(crate) fn hstrerror(code: i32) -> String {
    os_message(code)
}

/// `text` as a NUL-terminated UTF-16 string; an interior NUL is an error before any call.
fn wide(call: &'static str, what: &'static str, text: &str) -> Result<Vec<u16>> {
    if text.contains('\0') {
        return Err(Error::InvalidInput { call, what });
    }
    Ok(text.encode_utf16().chain(Some(0)).collect())
}

/// A NUL-terminated UTF-16 buffer as text.
fn from_wide(buf: &[u16]) -> String {
    let end = buf.iter().position(|&u| u == 0).unwrap_or(buf.len());
    String::from_utf16_lossy(&buf[..end])
}

/// `text` as a NUL-terminated ANSI string for the database calls.
fn ansi(call: &'static str, what: &'static str, text: &str) -> Result<Vec<u8>> {
    if text.contains('\0') {
        return Err(Error::InvalidInput { call, what });
    }
    Ok(text.bytes().chain(Some(0)).collect())
}

/// A C string from Winsock, as text.
///
/// # Safety
///
/// `p` must be null or point to a NUL-terminated string that stays valid meanwhile.
unsafe fn text<T>(p: *const T) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: guaranteed by the caller.
    unsafe { CStr::from_ptr(p.cast()) }.to_string_lossy().into_owned()
}

/// The strings of a NULL-terminated `char **` list.
///
/// # Safety
///
/// `list` must be null or a NULL-terminated array of valid C strings.
unsafe fn text_list<T>(list: *const *mut T) -> Vec<String> {
    let mut out = Vec::new();
    if list.is_null() {
        return out;
    }
    let mut i = 0;
    loop {
        // SAFETY: the array is NULL-terminated and we stop at the NULL.
        let p = unsafe { *list.add(i) };
        if p.is_null() {
            return out;
        }
        // SAFETY: each entry before the NULL is a valid C string.
        out.push(unsafe { text(p) });
        i += 1;
    }
}

/// The list `GetAddrInfoW` returned, owned: `FreeAddrInfoW` runs once, in `Drop`.
pub(crate) struct AddrInfoList {
    head: *mut c::ADDRINFOW,
    cur: *const c::ADDRINFOW,
}

// SAFETY: the list is heap memory owned by this value alone; reading it and freeing it are
// valid from any thread.
unsafe impl Send for AddrInfoList {}
// SAFETY: a shared reference gives no access to the list (every method takes `&mut`).
unsafe impl Sync for AddrInfoList {}

/// One `ADDRINFOW`, copied out.
pub(crate) struct RawAddrInfo {
    pub(crate) flags: i32,
    pub(crate) family: i32,
    pub(crate) socktype: i32,
    pub(crate) protocol: i32,
    pub(crate) addr: SockAddr,
    pub(crate) canonname: Option<String>,
}

impl AddrInfoList {
    /// The next entry of the list, copied out.
    pub(crate) fn next_entry(&mut self) -> Option<RawAddrInfo> {
        if self.cur.is_null() {
            return None;
        }
        // SAFETY: `cur` is a node of the live list, only read.
        let ai = unsafe { &*self.cur };
        self.cur = ai.ai_next;
        let len = ai.ai_addrlen.min(mem::size_of::<c::sockaddr_storage>());
        let addr = if ai.ai_addr.is_null() {
            SockAddr::empty()
        } else {
            // SAFETY: ai_addr points to ai_addrlen readable bytes; we read at most that many.
            unsafe { SockAddr::from_raw_parts(ai.ai_addr.cast::<u8>(), len) }
        };
        let canonname = if ai.ai_canonname.is_null() {
            None
        } else {
            let mut n = 0;
            // SAFETY: a non-null ai_canonname is a NUL-terminated wide string of the list; we
            // stop at the NUL.
            while unsafe { *ai.ai_canonname.add(n) } != 0 {
                n += 1;
            }
            // SAFETY: the first `n` units were just read.
            let units = unsafe { std::slice::from_raw_parts(ai.ai_canonname, n) };
            Some(String::from_utf16_lossy(units))
        };
        Some(RawAddrInfo {
            flags: ai.ai_flags,
            family: ai.ai_family,
            socktype: ai.ai_socktype,
            protocol: ai.ai_protocol,
            addr,
            canonname,
        })
    }

    /// Whether the list has no entry left.
    pub(crate) fn is_done(&self) -> bool {
        self.cur.is_null()
    }
}

impl Drop for AddrInfoList {
    fn drop(&mut self) {
        if !self.head.is_null() {
            // SAFETY: head is the list GetAddrInfoW returned, freed exactly once, here.
            unsafe { c::FreeAddrInfoW(self.head) };
        }
    }
}

/// `GetAddrInfoW`.
pub(crate) fn getaddrinfo(
    host: Option<&str>,
    service: Option<&str>,
    hints: [i32; 4],
    query: &dyn Fn() -> String,
) -> Result<AddrInfoList> {
    let host = host.map(|h| wide("getaddrinfo", "host name contains a NUL byte", h));
    let host = host.transpose()?;
    let service = service.map(|s| wide("getaddrinfo", "service name contains a NUL byte", s));
    let service = service.transpose()?;
    startup()?;
    let h = c::ADDRINFOW {
        ai_flags: hints[0],
        ai_family: hints[1],
        ai_socktype: hints[2],
        ai_protocol: hints[3],
        ai_addrlen: 0,
        ai_canonname: ptr::null_mut(),
        ai_addr: ptr::null_mut(),
        ai_next: ptr::null_mut(),
    };
    let mut res: *mut c::ADDRINFOW = ptr::null_mut();
    // SAFETY: the strings are NUL-terminated (or null), the hints are initialised and `res` is
    // writable; on success the list is ours to free in Drop.
    let rc = unsafe {
        c::GetAddrInfoW(
            host.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            service.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            &h,
            &mut res,
        )
    };
    if rc != 0 {
        return Err(
            NetdbError::new("getaddrinfo", &query(), NetdbCode::Eai(Eai::from_raw(rc))).into()
        );
    }
    Ok(AddrInfoList { head: res, cur: res })
}

/// `GetNameInfoW`.
pub(crate) fn getnameinfo(addr: &SockAddr, flags: i32) -> Result<(String, String)> {
    startup()?;
    let mut host = [0u16; NI_MAXHOST];
    let mut serv = [0u16; NI_MAXSERV];
    // SAFETY: `addr` is readable for raw_len() bytes; the buffers are writable for the lengths
    // passed (in characters).
    let rc = unsafe {
        c::GetNameInfoW(
            addr.as_ptr(),
            addr.raw_len(),
            host.as_mut_ptr(),
            NI_MAXHOST as u32,
            serv.as_mut_ptr(),
            NI_MAXSERV as u32,
            flags,
        )
    };
    if rc != 0 {
        let code = NetdbCode::Eai(Eai::from_raw(last_error()));
        return Err(NetdbError::new("getnameinfo", &addr.to_string(), code).into());
    }
    Ok((from_wide(&host), from_wide(&serv)))
}

/// `GetHostNameW`.
pub(crate) fn gethostname() -> Result<String> {
    startup()?;
    let mut buf = [0u16; HOST_NAME_CAP];
    // SAFETY: `buf` is writable for its length (in characters).
    if unsafe { c::GetHostNameW(buf.as_mut_ptr(), buf.len() as i32) } != 0 {
        return Err(Error::os("gethostname", last_error()));
    }
    Ok(from_wide(&buf))
}

/// The answer of a database call: `None` for "no such entry" (`WSANO_DATA`), an error for
/// anything else.
fn db_miss<T>(call: &'static str, query: &dyn Fn() -> String) -> Result<Option<T>> {
    match last_error() {
        0 | c::WSANO_DATA | c::WSAHOST_NOT_FOUND => Ok(None),
        code => Err(NetdbError::new(call, &query(), NetdbCode::System(code)).into()),
    }
}

/// A `SERVENT`, copied out.
///
/// # Safety
///
/// `s` must point to a valid `SERVENT`.
unsafe fn servent(s: *const c::SERVENT) -> ServEnt {
    // SAFETY: guaranteed by the caller.
    let s = unsafe { &*s };
    ServEnt {
        // SAFETY: the strings belong to the valid SERVENT.
        name: unsafe { text(s.s_name) },
        // SAFETY: as above.
        aliases: unsafe { text_list(s.s_aliases) },
        port: u16::from_be(s.s_port as u16),
        // SAFETY: as above.
        proto: unsafe { text(s.s_proto) },
    }
}

/// A `PROTOENT`, copied out.
///
/// # Safety
///
/// `p` must point to a valid `PROTOENT`.
unsafe fn protoent(p: *const c::PROTOENT) -> ProtoEnt {
    // SAFETY: guaranteed by the caller.
    let p = unsafe { &*p };
    ProtoEnt {
        // SAFETY: the strings belong to the valid PROTOENT.
        name: unsafe { text(p.p_name) },
        // SAFETY: as above.
        aliases: unsafe { text_list(p.p_aliases) },
        proto: Protocol::from_raw(i32::from(p.p_proto)),
    }
}

/// A `HOSTENT`, copied out.
///
/// # Safety
///
/// `h` must point to a valid `HOSTENT`.
unsafe fn hostent(h: *const c::HOSTENT) -> HostEnt {
    // SAFETY: guaranteed by the caller.
    let h = unsafe { &*h };
    let family = i32::from(h.h_addrtype);
    let mut addrs = Vec::new();
    let mut i = 0;
    while !h.h_addr_list.is_null() {
        // SAFETY: h_addr_list is NULL-terminated; we stop at the NULL.
        let p = unsafe { *h.h_addr_list.add(i) }.cast::<u8>().cast_const();
        if p.is_null() {
            break;
        }
        match (family, h.h_length) {
            (c::AF_INET, 4) => {
                let mut o = [0u8; 4];
                // SAFETY: each entry points to h_length (4) bytes.
                unsafe { ptr::copy_nonoverlapping(p, o.as_mut_ptr(), 4) };
                addrs.push(IpAddr::V4(Ipv4Addr::from(o)));
            }
            (c::AF_INET6, 16) => {
                let mut o = [0u8; 16];
                // SAFETY: each entry points to h_length (16) bytes.
                unsafe { ptr::copy_nonoverlapping(p, o.as_mut_ptr(), 16) };
                addrs.push(IpAddr::V6(Ipv6Addr::from(o)));
            }
            _ => {}
        }
        i += 1;
    }
    HostEnt {
        // SAFETY: the strings belong to the valid HOSTENT.
        name: unsafe { text(h.h_name) },
        // SAFETY: as above.
        aliases: unsafe { text_list(h.h_aliases) },
        addrtype: Domain::from_raw(family),
        addrs,
    }
}

/// `getservbyname` (thread-local result buffer).
pub(crate) fn getservbyname(
    name: &str,
    proto: Option<&str>,
    query: &dyn Fn() -> String,
) -> Result<Option<ServEnt>> {
    let cname = ansi("getservbyname", "service name contains a NUL byte", name)?;
    let cproto = proto.map(|p| ansi("getservbyname", "protocol contains a NUL byte", p));
    let cproto = cproto.transpose()?;
    startup()?;
    // SAFETY: the strings are NUL-terminated; the result lives in this thread's buffer until
    // the thread's next database call, and is copied at once.
    let p = unsafe {
        c::getservbyname(cname.as_ptr(), cproto.as_ref().map_or(ptr::null(), |p| p.as_ptr()))
    };
    if p.is_null() {
        return db_miss("getservbyname", query);
    }
    // SAFETY: a non-null result is a valid SERVENT.
    Ok(Some(unsafe { servent(p) }))
}

/// `getservbyport` (thread-local result buffer).
pub(crate) fn getservbyport(
    port: u16,
    proto: Option<&str>,
    query: &dyn Fn() -> String,
) -> Result<Option<ServEnt>> {
    let cproto = proto.map(|p| ansi("getservbyport", "protocol contains a NUL byte", p));
    let cproto = cproto.transpose()?;
    startup()?;
    // SAFETY: as in getservbyname.
    let p = unsafe {
        c::getservbyport(
            i32::from(port.to_be()),
            cproto.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
        )
    };
    if p.is_null() {
        return db_miss("getservbyport", query);
    }
    // SAFETY: a non-null result is a valid SERVENT.
    Ok(Some(unsafe { servent(p) }))
}

/// `getprotobyname` (thread-local result buffer).
pub(crate) fn getprotobyname(name: &str, query: &dyn Fn() -> String) -> Result<Option<ProtoEnt>> {
    let cname = ansi("getprotobyname", "protocol name contains a NUL byte", name)?;
    startup()?;
    // SAFETY: as in getservbyname.
    let p = unsafe { c::getprotobyname(cname.as_ptr()) };
    if p.is_null() {
        return db_miss("getprotobyname", query);
    }
    // SAFETY: a non-null result is a valid PROTOENT.
    Ok(Some(unsafe { protoent(p) }))
}

/// `getprotobynumber` (thread-local result buffer).
pub(crate) fn getprotobynumber(proto: i32, query: &dyn Fn() -> String) -> Result<Option<ProtoEnt>> {
    startup()?;
    // SAFETY: as in getservbyname.
    let p = unsafe { c::getprotobynumber(proto) };
    if p.is_null() {
        return db_miss("getprotobynumber", query);
    }
    // SAFETY: a non-null result is a valid PROTOENT.
    Ok(Some(unsafe { protoent(p) }))
}

/// `gethostbyname` (IPv4 only on Windows; thread-local result buffer).
pub(crate) fn gethostbyname2(name: &str, family: i32) -> Result<HostEnt> {
    if family != c::AF_INET {
        return Err(Error::InvalidInput {
            call: "gethostbyname2",
            what: "Winsock's gethostbyname has IPv4 only; use getaddrinfo for IPv6",
        });
    }
    let cname = ansi("gethostbyname", "host name contains a NUL byte", name)?;
    startup()?;
    // SAFETY: as in getservbyname.
    let p = unsafe { c::gethostbyname(cname.as_ptr()) };
    if p.is_null() {
        let code = NetdbCode::Host(HErrno::from_raw(last_error()));
        return Err(NetdbError::new("gethostbyname", name, code).into());
    }
    // SAFETY: a non-null result is a valid HOSTENT.
    Ok(unsafe { hostent(p) })
}

/// `gethostbyaddr` (thread-local result buffer).
pub(crate) fn gethostbyaddr(ip: &IpAddr) -> Result<HostEnt> {
    let (bytes, len, af) = match ip {
        IpAddr::V4(v4) => {
            let mut b = [0u8; 16];
            b[..4].copy_from_slice(&v4.octets());
            (b, 4, c::AF_INET)
        }
        IpAddr::V6(v6) => (v6.octets(), 16, c::AF_INET6),
    };
    startup()?;
    // SAFETY: `bytes` is readable for `len` bytes; the result as in getservbyname.
    let p = unsafe { c::gethostbyaddr(bytes.as_ptr(), len, af) };
    if p.is_null() {
        let code = NetdbCode::Host(HErrno::from_raw(last_error()));
        return Err(NetdbError::new("gethostbyaddr", &ip.to_string(), code).into());
    }
    // SAFETY: a non-null result is a valid HOSTENT.
    Ok(unsafe { hostent(p) })
}

// `IFF_*`: Windows has no interface flag word, so these are berkeley's own bits (with Linux's
// values), derived from `GetAdaptersAddresses`' status, type and flags.
pub(crate) const IFF_UP: u32 = 0x1;
pub(crate) const IFF_BROADCAST: u32 = 0x2;
pub(crate) const IFF_DEBUG: u32 = 0x4;
pub(crate) const IFF_LOOPBACK: u32 = 0x8;
pub(crate) const IFF_POINTOPOINT: u32 = 0x10;
pub(crate) const IFF_RUNNING: u32 = 0x40;
pub(crate) const IFF_NOARP: u32 = 0x80;
pub(crate) const IFF_PROMISC: u32 = 0x100;
pub(crate) const IFF_ALLMULTI: u32 = 0x200;
pub(crate) const IFF_MULTICAST: u32 = 0x1000;

/// One interface address, copied out of the adapter list.
pub(crate) struct RawIfAddr {
    pub(crate) name: String,
    pub(crate) flags: u32,
    pub(crate) addr: Option<SockAddr>,
    pub(crate) netmask: Option<SockAddr>,
    /// The IPv4 broadcast address (computed from the prefix; Windows has no field for it).
    pub(crate) ifu: Option<SockAddr>,
    pub(crate) mtu: Option<u32>,
    pub(crate) index: Option<u32>,
    pub(crate) mac: Option<crate::ether::MacAddr>,
}

/// The netmask of a prefix length, as an address of `ip`'s family.
fn mask_of(ip: IpAddr, prefix: u8) -> IpAddr {
    let p = u32::from(prefix);
    match ip {
        IpAddr::V4(_) => {
            IpAddr::V4(Ipv4Addr::from(u32::MAX.checked_shl(32 - p.min(32)).unwrap_or(0)))
        }
        IpAddr::V6(_) => {
            IpAddr::V6(Ipv6Addr::from(u128::MAX.checked_shl(128 - p.min(128)).unwrap_or(0)))
        }
    }
}

/// `GetAdaptersAddresses(AF_UNSPEC)`: one entry per unicast address, plus one without an
/// address for an adapter that has none; the buffer is grown while Windows asks for more.
pub(crate) fn getifaddrs() -> Result<Vec<RawIfAddr>> {
    use windows_sys::Win32::NetworkManagement::IpHelper as ip;
    const FLAGS: u32 =
        ip::GAA_FLAG_SKIP_ANYCAST | ip::GAA_FLAG_SKIP_MULTICAST | ip::GAA_FLAG_SKIP_DNS_SERVER;
    // u64 elements: the adapter structs need 8-byte alignment.
    let mut buf: Vec<u64> = vec![0; 16 * 1024 / 8];
    let mut size = (buf.len() * 8) as u32;
    let mut tries = 0;
    loop {
        // SAFETY: `buf` is writable for `size` bytes and 8-byte aligned; Windows writes the
        // adapter list there (or the size it needs into `size`).
        let rc = unsafe {
            ip::GetAdaptersAddresses(
                c::AF_UNSPEC as u32,
                FLAGS,
                ptr::null(),
                buf.as_mut_ptr().cast(),
                &mut size,
            )
        };
        match rc {
            0 => break,
            windows_sys::Win32::Foundation::ERROR_NO_DATA => return Ok(Vec::new()),
            windows_sys::Win32::Foundation::ERROR_BUFFER_OVERFLOW if tries < 4 => {
                buf = vec![0; (size as usize).div_ceil(8)];
                size = (buf.len() * 8) as u32;
                tries += 1;
            }
            code => return Err(Error::os("GetAdaptersAddresses", code as i32)),
        }
    }
    let mut out = Vec::new();
    let mut cur = buf.as_ptr().cast::<ip::IP_ADAPTER_ADDRESSES_LH>();
    while !cur.is_null() {
        // SAFETY: `cur` is the first adapter in `buf` or a `Next` link inside it; `buf` lives
        // and is not written meanwhile.
        let a = unsafe { &*cur };
        cur = a.Next;
        let name = if a.FriendlyName.is_null() {
            String::new()
        } else {
            let mut n = 0;
            // SAFETY: FriendlyName is a NUL-terminated wide string inside `buf`.
            while unsafe { *a.FriendlyName.add(n) } != 0 {
                n += 1;
            }
            // SAFETY: the first `n` units were just read.
            String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(a.FriendlyName, n) })
        };
        // SAFETY: both members of the union are plain integers.
        let (index, aflags) = unsafe { (a.Anonymous1.Anonymous.IfIndex, a.Anonymous2.Flags) };
        let index = if index != 0 { index } else { a.Ipv6IfIndex };
        let mut flags = 0;
        if a.OperStatus == windows_sys::Win32::NetworkManagement::Ndis::IfOperStatusUp {
            flags |= IFF_UP | IFF_RUNNING;
        }
        match a.IfType {
            ip::IF_TYPE_SOFTWARE_LOOPBACK => flags |= IFF_LOOPBACK,
            ip::IF_TYPE_PPP | ip::IF_TYPE_TUNNEL => flags |= IFF_POINTOPOINT,
            _ => flags |= IFF_BROADCAST,
        }
        if aflags & ip::IP_ADAPTER_NO_MULTICAST == 0 {
            flags |= IFF_MULTICAST;
        }
        let mac = (a.PhysicalAddressLength == 6).then(|| {
            let mut m = [0u8; 6];
            m.copy_from_slice(&a.PhysicalAddress[..6]);
            crate::ether::MacAddr::new(m)
        });
        let entry = |addr, netmask, ifu| RawIfAddr {
            name: name.clone(),
            flags,
            addr,
            netmask,
            ifu,
            mtu: Some(a.Mtu),
            index: Some(index),
            mac,
        };
        let mut uni = a.FirstUnicastAddress;
        if uni.is_null() {
            out.push(entry(None, None, None));
        }
        while !uni.is_null() {
            // SAFETY: a unicast-address node inside `buf`.
            let u = unsafe { &*uni };
            uni = u.Next;
            let sa = u.Address;
            let len = usize::try_from(sa.iSockaddrLength).unwrap_or(0);
            if sa.lpSockaddr.is_null() || len == 0 {
                continue;
            }
            let len = len.min(mem::size_of::<c::sockaddr_storage>());
            // SAFETY: lpSockaddr points to iSockaddrLength bytes inside `buf`.
            let addr = unsafe { SockAddr::from_raw_parts(sa.lpSockaddr.cast::<u8>(), len) };
            let Some(sock) = addr.as_socket() else { continue };
            let ip = sock.ip();
            let mask = mask_of(ip, u.OnLinkPrefixLength);
            let brd = match (ip, mask) {
                (IpAddr::V4(v4), IpAddr::V4(m)) if flags & IFF_BROADCAST != 0 => {
                    let b = Ipv4Addr::from(u32::from(v4) | !u32::from(m));
                    Some(SockAddr::from(std::net::SocketAddr::new(IpAddr::V4(b), 0)))
                }
                _ => None,
            };
            let netmask = SockAddr::from(std::net::SocketAddr::new(mask, 0));
            out.push(entry(Some(addr), Some(netmask), brd));
        }
    }
    Ok(out)
}

/// The hardware address of a link-layer entry: Windows lists none (the adapter carries it).
pub(crate) fn link_mac(_addr: &SockAddr) -> Option<crate::ether::MacAddr> {
    None
}

/// Whether an address is a link-layer entry: never on Windows.
pub(crate) fn is_link(_addr: &SockAddr) -> bool {
    false
}

/// `if_nametoindex` (iphlpapi; the name is the NDIS interface name, like `ethernet_32768`).
pub(crate) fn if_nametoindex(name: &str) -> Result<u32> {
    let cname = ansi("if_nametoindex", "interface name contains a NUL byte", name)?;
    // SAFETY: the name is NUL-terminated.
    let index =
        unsafe { windows_sys::Win32::NetworkManagement::IpHelper::if_nametoindex(cname.as_ptr()) };
    if index == 0 {
        return Err(Error::os("if_nametoindex", c::WSAEINVAL));
    }
    Ok(index)
}

/// `if_indextoname` (iphlpapi).
pub(crate) fn if_indextoname(index: u32) -> Result<String> {
    // IF_NAMESIZE (IF_MAX_STRING_SIZE + 1 = 257) bytes.
    let mut buf = [0u8; 257];
    // SAFETY: `buf` is writable for IF_NAMESIZE bytes.
    let p = unsafe {
        windows_sys::Win32::NetworkManagement::IpHelper::if_indextoname(index, buf.as_mut_ptr())
    };
    if p.is_null() {
        return Err(Error::os("if_indextoname", c::WSAEINVAL));
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}

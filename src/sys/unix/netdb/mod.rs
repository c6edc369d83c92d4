//! Name services and interfaces over libc: `getaddrinfo`, `getnameinfo`, `gethostname`, the
//! reentrant `_r` service/protocol/host calls, `getifaddrs` and the `if_*` index calls.
//!
//! Each function makes one kind of OS call: the `_r` calls are repeated with a bigger buffer
//! while they report `ERANGE`. The interface calls are in `ifaddrs.rs`.
//!
//! glibc and FreeBSD have the reentrant `getservbyname_r`, `getservbyport_r`,
//! `getprotobyname_r`, `getprotobynumber_r`, `gethostbyname2_r` and `gethostbyaddr_r` (with the
//! same signatures); the libc crate does not declare them, so they are declared here. Other Unix
//! systems (macOS) have only the static-buffer versions: there berkeley serialises its own calls
//! with one lock and copies the answer out before releasing it.

use std::ffi::{CStr, CString};
use std::mem;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ptr;

use super::{c, last_error};
use crate::addr::SockAddr;
use crate::error::{Error, Result};
use crate::netdb::{Eai, HErrno, HostEnt, NetdbCode, NetdbError, ProtoEnt, ServEnt};
use crate::types::{Domain, Protocol};

pub(crate) const EAI_AGAIN: i32 = c::EAI_AGAIN;
pub(crate) const EAI_BADFLAGS: i32 = c::EAI_BADFLAGS;
pub(crate) const EAI_FAIL: i32 = c::EAI_FAIL;
pub(crate) const EAI_FAMILY: i32 = c::EAI_FAMILY;
pub(crate) const EAI_MEMORY: i32 = c::EAI_MEMORY;
pub(crate) const EAI_NONAME: i32 = c::EAI_NONAME;
pub(crate) const EAI_SERVICE: i32 = c::EAI_SERVICE;
pub(crate) const EAI_SOCKTYPE: i32 = c::EAI_SOCKTYPE;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) const EAI_NODATA: i32 = c::EAI_NODATA;
pub(crate) const EAI_SYSTEM: i32 = c::EAI_SYSTEM;
pub(crate) const EAI_OVERFLOW: i32 = c::EAI_OVERFLOW;

// `<netdb.h>`'s h_errno values: the same on glibc, the BSDs and macOS; libc does not declare
// them.
pub(crate) const HOST_NOT_FOUND: i32 = 1;
pub(crate) const TRY_AGAIN: i32 = 2;
pub(crate) const NO_RECOVERY: i32 = 3;
pub(crate) const NO_DATA: i32 = 4;
/// `NETDB_INTERNAL`: see `errno`.
const NETDB_INTERNAL: i32 = -1;

pub(crate) const AI_PASSIVE: i32 = c::AI_PASSIVE;
pub(crate) const AI_CANONNAME: i32 = c::AI_CANONNAME;
pub(crate) const AI_NUMERICHOST: i32 = c::AI_NUMERICHOST;
pub(crate) const AI_NUMERICSERV: i32 = c::AI_NUMERICSERV;
pub(crate) const AI_ADDRCONFIG: i32 = c::AI_ADDRCONFIG;
pub(crate) const AI_V4MAPPED: i32 = c::AI_V4MAPPED;
pub(crate) const AI_ALL: i32 = c::AI_ALL;

pub(crate) const NI_NUMERICHOST: i32 = c::NI_NUMERICHOST;
pub(crate) const NI_NUMERICSERV: i32 = c::NI_NUMERICSERV;
pub(crate) const NI_NOFQDN: i32 = c::NI_NOFQDN;
pub(crate) const NI_NAMEREQD: i32 = c::NI_NAMEREQD;
pub(crate) const NI_DGRAM: i32 = c::NI_DGRAM;

/// The longest host name `gethostname` can return, plus its NUL (`HOST_NAME_MAX` is 64 on
/// Linux, 255 on the BSDs and macOS).
const HOST_NAME_CAP: usize = 256;
/// `NI_MAXHOST` and `NI_MAXSERV`.
const NI_MAXHOST: usize = 1025;
const NI_MAXSERV: usize = 32;

/// `text` as a C string; an interior NUL is an error before any C call.
fn cstring(call: &'static str, what: &'static str, text: &str) -> Result<CString> {
    CString::new(text).map_err(|_| Error::InvalidInput { call, what })
}

/// A C string from the C library, as Rust text (bytes that are not UTF-8 become U+FFFD).
///
/// # Safety
///
/// `p` must be null or point to a NUL-terminated string that stays valid meanwhile.
unsafe fn text(p: *const c::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: guaranteed by the caller.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// The strings of a NULL-terminated `char **` list (`h_aliases`, `s_aliases`, `p_aliases`).
///
/// # Safety
///
/// `list` must be null or a NULL-terminated array of valid C strings.
unsafe fn text_list(list: *const *mut c::c_char) -> Vec<String> {
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

/// `gai_strerror(3)`: the C library's message for an `EAI_*` code.
pub(crate) fn gai_strerror(code: i32) -> String {
    // SAFETY: gai_strerror returns a pointer to a static, NUL-terminated message for any code.
    unsafe { text(c::gai_strerror(code)) }
}

/// `hstrerror(3)`: the C library's message for an `h_errno` code.
pub(crate) fn hstrerror(code: i32) -> String {
    // SAFETY: hstrerror returns a pointer to a static, NUL-terminated message for any code.
    unsafe { text(c::hstrerror(code)) }
}

/// The list `getaddrinfo` returned, owned: `freeaddrinfo` runs once, in `Drop`.
pub(crate) struct AddrInfoList {
    head: *mut c::addrinfo,
    cur: *const c::addrinfo,
}

// SAFETY: the list is heap memory owned by this value alone (nothing else has its pointers);
// reading it and freeing it with freeaddrinfo are valid from any thread.
unsafe impl Send for AddrInfoList {}
// SAFETY: a shared reference gives no access to the list at all (every method takes `&mut`).
unsafe impl Sync for AddrInfoList {}

/// One `struct addrinfo`, copied out.
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
        // SAFETY: `cur` is null or a node of the list getaddrinfo returned, which lives until
        // Drop; the nodes are only read.
        let ai = unsafe { &*self.cur };
        self.cur = ai.ai_next;
        let len = (ai.ai_addrlen as usize).min(mem::size_of::<c::sockaddr_storage>());
        let addr = if ai.ai_addr.is_null() {
            SockAddr::empty()
        } else {
            // SAFETY: ai_addr points to ai_addrlen readable bytes; we read at most that many,
            // and at most a sockaddr_storage.
            unsafe { SockAddr::from_raw_parts(ai.ai_addr.cast::<u8>(), len) }
        };
        let canonname = if ai.ai_canonname.is_null() {
            None
        } else {
            // SAFETY: a non-null ai_canonname is a NUL-terminated string owned by the list.
            Some(unsafe { text(ai.ai_canonname) })
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
            // SAFETY: head is the list getaddrinfo returned, freed exactly once, here.
            unsafe { c::freeaddrinfo(self.head) };
        }
    }
}

/// `getaddrinfo(3)`. `query` names the lookup in the error.
pub(crate) fn getaddrinfo(
    host: Option<&str>,
    service: Option<&str>,
    hints: [i32; 4],
    query: &dyn Fn() -> String,
) -> Result<AddrInfoList> {
    let host = host.map(|h| cstring("getaddrinfo", "host name contains a NUL byte", h));
    let host = host.transpose()?;
    let service = service.map(|s| cstring("getaddrinfo", "service name contains a NUL byte", s));
    let service = service.transpose()?;
    // SAFETY: addrinfo is plain old data; all-zero (null pointers) is the documented start
    // for hints.
    let mut h: c::addrinfo = unsafe { mem::zeroed() };
    [h.ai_flags, h.ai_family, h.ai_socktype, h.ai_protocol] = hints;
    let mut res: *mut c::addrinfo = ptr::null_mut();
    // SAFETY: the strings are NUL-terminated (or null), the hints are initialised and `res` is
    // a writable pointer; on success getaddrinfo stores a list we own and free in Drop.
    let rc = unsafe {
        c::getaddrinfo(
            host.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            service.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            &h,
            &mut res,
        )
    };
    if rc != 0 {
        let code = if rc == c::EAI_SYSTEM {
            NetdbCode::System(last_error())
        } else {
            NetdbCode::Eai(Eai::from_raw(rc))
        };
        return Err(NetdbError::new("getaddrinfo", &query(), code).into());
    }
    Ok(AddrInfoList { head: res, cur: res })
}

/// `getnameinfo(3)`: the host and service names of `addr`.
pub(crate) fn getnameinfo(addr: &SockAddr, flags: i32) -> Result<(String, String)> {
    let mut host = [0 as c::c_char; NI_MAXHOST];
    let mut serv = [0 as c::c_char; NI_MAXSERV];
    // SAFETY: `addr` is readable for raw_len() bytes; both buffers are writable for the
    // lengths passed, and getnameinfo NUL-terminates what it writes there.
    let rc = unsafe {
        c::getnameinfo(
            addr.as_ptr(),
            addr.raw_len(),
            host.as_mut_ptr(),
            NI_MAXHOST as _,
            serv.as_mut_ptr(),
            NI_MAXSERV as _,
            flags,
        )
    };
    if rc != 0 {
        let code = if rc == c::EAI_SYSTEM {
            NetdbCode::System(last_error())
        } else {
            NetdbCode::Eai(Eai::from_raw(rc))
        };
        return Err(NetdbError::new("getnameinfo", &addr.to_string(), code).into());
    }
    // SAFETY: on success both buffers hold NUL-terminated strings (zeroed beforehand, so a NUL
    // is there in any case).
    Ok(unsafe { (text(host.as_ptr()), text(serv.as_ptr())) })
}

/// `gethostname(2)`.
pub(crate) fn gethostname() -> Result<String> {
    let mut buf = [0u8; HOST_NAME_CAP];
    // SAFETY: `buf` is writable for its length minus one (the last byte stays NUL, so the
    // result is terminated even if the name was truncated).
    let rc = unsafe { c::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if rc < 0 {
        return Err(Error::os("gethostname", last_error()));
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}

/// A `struct servent`, copied out.
///
/// # Safety
///
/// `s` must point to a valid `servent` whose strings are alive.
unsafe fn servent(s: *const c::servent) -> ServEnt {
    // SAFETY: guaranteed by the caller.
    let s = unsafe { &*s };
    ServEnt {
        // SAFETY: the strings and the alias list belong to the valid servent.
        name: unsafe { text(s.s_name) },
        // SAFETY: as above.
        aliases: unsafe { text_list(s.s_aliases) },
        // s_port holds the port in network order in the low 16 bits of an int.
        port: u16::from_be(s.s_port as u16),
        // SAFETY: as above.
        proto: unsafe { text(s.s_proto) },
    }
}

/// A `struct protoent`, copied out.
///
/// # Safety
///
/// `p` must point to a valid `protoent` whose strings are alive.
unsafe fn protoent(p: *const c::protoent) -> ProtoEnt {
    // SAFETY: guaranteed by the caller.
    let p = unsafe { &*p };
    ProtoEnt {
        // SAFETY: the strings and the alias list belong to the valid protoent.
        name: unsafe { text(p.p_name) },
        // SAFETY: as above.
        aliases: unsafe { text_list(p.p_aliases) },
        proto: Protocol::from_raw(p.p_proto),
    }
}

/// A `struct hostent`, copied out.
///
/// # Safety
///
/// `h` must point to a valid `hostent` whose strings and addresses are alive.
unsafe fn hostent(h: *const c::hostent) -> HostEnt {
    // SAFETY: guaranteed by the caller.
    let h = unsafe { &*h };
    let mut addrs = Vec::new();
    let list = h.h_addr_list;
    let mut i = 0;
    while !list.is_null() {
        // SAFETY: h_addr_list is a NULL-terminated array; we stop at the NULL.
        let p = unsafe { *list.add(i) }.cast::<u8>().cast_const();
        if p.is_null() {
            break;
        }
        match (h.h_addrtype, h.h_length) {
            (c::AF_INET, 4) => {
                let mut o = [0u8; 4];
                // SAFETY: each entry points to h_length (4) bytes of address.
                unsafe { ptr::copy_nonoverlapping(p, o.as_mut_ptr(), 4) };
                addrs.push(IpAddr::V4(Ipv4Addr::from(o)));
            }
            (c::AF_INET6, 16) => {
                let mut o = [0u8; 16];
                // SAFETY: each entry points to h_length (16) bytes of address.
                unsafe { ptr::copy_nonoverlapping(p, o.as_mut_ptr(), 16) };
                addrs.push(IpAddr::V6(Ipv6Addr::from(o)));
            }
            _ => {}
        }
        i += 1;
    }
    HostEnt {
        // SAFETY: the strings and the alias list belong to the valid hostent.
        name: unsafe { text(h.h_name) },
        // SAFETY: as above.
        aliases: unsafe { text_list(h.h_aliases) },
        addrtype: Domain::from_raw(h.h_addrtype),
        addrs,
    }
}

/// The error of a failed host lookup, from the call's `h_errno` and `errno`.
fn host_error(call: &'static str, name: &str, herr: c::c_int, errno: c::c_int) -> Error {
    let code = if herr == NETDB_INTERNAL && errno != 0 {
        NetdbCode::System(errno)
    } else if herr == NETDB_INTERNAL || herr == 0 {
        NetdbCode::Host(HErrno::from_raw(HOST_NOT_FOUND))
    } else {
        NetdbCode::Host(HErrno::from_raw(herr))
    };
    NetdbError::new(call, name, code).into()
}

/// The raw bytes of an IP address and its family, as `gethostbyaddr` takes them.
fn ip_bytes(ip: &IpAddr) -> ([u8; 16], usize, c::c_int) {
    let mut b = [0u8; 16];
    match ip {
        IpAddr::V4(v4) => {
            b[..4].copy_from_slice(&v4.octets());
            (b, 4, c::AF_INET)
        }
        IpAddr::V6(v6) => (v6.octets(), 16, c::AF_INET6),
    }
}

#[cfg(any(target_env = "gnu", target_os = "freebsd"))]
mod reentrant {
    use super::*;
    use std::mem::MaybeUninit;

    /// The first buffer of the `_r` calls, and the most any of them is given (a hosts entry with
    /// thousands of aliases still fits; beyond that the call reports `ERANGE`).
    const FIRST_BUF: usize = 1024;
    const MAX_BUF: usize = 1 << 24;

    /// Runs a reentrant `_r` call with a growing buffer while it reports `ERANGE`. `attempt` gets
    /// the buffer and returns the call's result code and what it made of the answer.
    fn with_buffer<T>(
        call: &'static str,
        query: &dyn Fn() -> String,
        mut attempt: impl FnMut(&mut [u8]) -> (c::c_int, Option<Result<T>>),
    ) -> Result<T> {
        let mut len = FIRST_BUF;
        loop {
            let mut buf = vec![0u8; len];
            let (rc, out) = attempt(&mut buf);
            if rc != c::ERANGE || len >= MAX_BUF {
                if let Some(out) = out {
                    return out;
                }
                return Err(NetdbError::new(call, &query(), NetdbCode::System(rc)).into());
            }
            len *= 2;
        }
    }

    // The reentrant calls glibc and FreeBSD have and the libc crate does not declare, with
    // the signatures of glibc's <netdb.h> (FreeBSD's are identical).
    extern "C" {
        fn getservbyname_r(
            name: *const c::c_char,
            proto: *const c::c_char,
            result_buf: *mut c::servent,
            buf: *mut c::c_char,
            buflen: c::size_t,
            result: *mut *mut c::servent,
        ) -> c::c_int;
        fn getservbyport_r(
            port: c::c_int,
            proto: *const c::c_char,
            result_buf: *mut c::servent,
            buf: *mut c::c_char,
            buflen: c::size_t,
            result: *mut *mut c::servent,
        ) -> c::c_int;
        fn getprotobyname_r(
            name: *const c::c_char,
            result_buf: *mut c::protoent,
            buf: *mut c::c_char,
            buflen: c::size_t,
            result: *mut *mut c::protoent,
        ) -> c::c_int;
        fn getprotobynumber_r(
            proto: c::c_int,
            result_buf: *mut c::protoent,
            buf: *mut c::c_char,
            buflen: c::size_t,
            result: *mut *mut c::protoent,
        ) -> c::c_int;
        fn gethostbyname2_r(
            name: *const c::c_char,
            af: c::c_int,
            result_buf: *mut c::hostent,
            buf: *mut c::c_char,
            buflen: c::size_t,
            result: *mut *mut c::hostent,
            h_errnop: *mut c::c_int,
        ) -> c::c_int;
        fn gethostbyaddr_r(
            addr: *const c::c_void,
            len: c::socklen_t,
            af: c::c_int,
            result_buf: *mut c::hostent,
            buf: *mut c::c_char,
            buflen: c::size_t,
            result: *mut *mut c::hostent,
            h_errnop: *mut c::c_int,
        ) -> c::c_int;
    }

    /// `getservbyname_r(3)`: `None` when there is no such service.
    pub(crate) fn getservbyname(
        name: &str,
        proto: Option<&str>,
        query: &dyn Fn() -> String,
    ) -> Result<Option<ServEnt>> {
        let cname = cstring("getservbyname", "service name contains a NUL byte", name)?;
        let cproto = proto.map(|p| cstring("getservbyname", "protocol contains a NUL byte", p));
        let cproto = cproto.transpose()?;
        with_buffer("getservbyname_r", query, |buf| {
            let mut ent = MaybeUninit::<c::servent>::uninit();
            let mut res: *mut c::servent = ptr::null_mut();
            // SAFETY: the strings are NUL-terminated, `ent` and `res` are writable, and `buf`
            // is writable for its length; the result points into `ent` and `buf`, which
            // outlive its use below.
            let rc = unsafe {
                getservbyname_r(
                    cname.as_ptr(),
                    cproto.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
                    ent.as_mut_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut res,
                )
            };
            // SAFETY: a non-null result is a valid servent (in `ent`, strings in `buf`).
            let out = (rc == 0).then(|| Ok((!res.is_null()).then(|| unsafe { servent(res) })));
            (rc, out)
        })
    }

    /// `getservbyport_r(3)`: `None` when there is no such service.
    pub(crate) fn getservbyport(
        port: u16,
        proto: Option<&str>,
        query: &dyn Fn() -> String,
    ) -> Result<Option<ServEnt>> {
        let cproto = proto.map(|p| cstring("getservbyport", "protocol contains a NUL byte", p));
        let cproto = cproto.transpose()?;
        let nport = c::c_int::from(port.to_be());
        with_buffer("getservbyport_r", query, |buf| {
            let mut ent = MaybeUninit::<c::servent>::uninit();
            let mut res: *mut c::servent = ptr::null_mut();
            // SAFETY: as in getservbyname.
            let rc = unsafe {
                getservbyport_r(
                    nport,
                    cproto.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
                    ent.as_mut_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut res,
                )
            };
            // SAFETY: a non-null result is a valid servent (in `ent`, strings in `buf`).
            let out = (rc == 0).then(|| Ok((!res.is_null()).then(|| unsafe { servent(res) })));
            (rc, out)
        })
    }

    /// `getprotobyname_r(3)`: `None` when there is no such protocol.
    pub(crate) fn getprotobyname(
        name: &str,
        query: &dyn Fn() -> String,
    ) -> Result<Option<ProtoEnt>> {
        let cname = cstring("getprotobyname", "protocol name contains a NUL byte", name)?;
        with_buffer("getprotobyname_r", query, |buf| {
            let mut ent = MaybeUninit::<c::protoent>::uninit();
            let mut res: *mut c::protoent = ptr::null_mut();
            // SAFETY: as in getservbyname, with a protoent.
            let rc = unsafe {
                getprotobyname_r(
                    cname.as_ptr(),
                    ent.as_mut_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut res,
                )
            };
            // SAFETY: a non-null result is a valid protoent (in `ent`, strings in `buf`).
            let out = (rc == 0).then(|| Ok((!res.is_null()).then(|| unsafe { protoent(res) })));
            (rc, out)
        })
    }

    /// `getprotobynumber_r(3)`: `None` when there is no such protocol.
    pub(crate) fn getprotobynumber(
        proto: i32,
        query: &dyn Fn() -> String,
    ) -> Result<Option<ProtoEnt>> {
        with_buffer("getprotobynumber_r", query, |buf| {
            let mut ent = MaybeUninit::<c::protoent>::uninit();
            let mut res: *mut c::protoent = ptr::null_mut();
            // SAFETY: as in getprotobyname.
            let rc = unsafe {
                getprotobynumber_r(
                    proto,
                    ent.as_mut_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut res,
                )
            };
            // SAFETY: a non-null result is a valid protoent (in `ent`, strings in `buf`).
            let out = (rc == 0).then(|| Ok((!res.is_null()).then(|| unsafe { protoent(res) })));
            (rc, out)
        })
    }

    /// `gethostbyname2_r(3)`.
    pub(crate) fn gethostbyname2(name: &str, family: i32) -> Result<HostEnt> {
        let cname = cstring("gethostbyname2_r", "host name contains a NUL byte", name)?;
        with_buffer("gethostbyname2_r", &|| name.to_owned(), |buf| {
            let mut ent = MaybeUninit::<c::hostent>::uninit();
            let mut res: *mut c::hostent = ptr::null_mut();
            let mut herr: c::c_int = 0;
            // SAFETY: the name is NUL-terminated; `ent`, `res`, `herr` are writable and `buf`
            // is writable for its length; the result points into `ent` and `buf`.
            let rc = unsafe {
                gethostbyname2_r(
                    cname.as_ptr(),
                    family,
                    ent.as_mut_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut res,
                    &mut herr,
                )
            };
            if rc == c::ERANGE {
                return (rc, None);
            }
            if res.is_null() {
                return (rc, Some(Err(host_error("gethostbyname2_r", name, herr, rc))));
            }
            // SAFETY: a non-null result is a valid hostent (in `ent`, data in `buf`).
            (0, Some(Ok(unsafe { hostent(res) })))
        })
    }

    /// `gethostbyaddr_r(3)`.
    pub(crate) fn gethostbyaddr(ip: &IpAddr) -> Result<HostEnt> {
        let (bytes, len, af) = ip_bytes(ip);
        with_buffer("gethostbyaddr_r", &|| ip.to_string(), |buf| {
            let mut ent = MaybeUninit::<c::hostent>::uninit();
            let mut res: *mut c::hostent = ptr::null_mut();
            let mut herr: c::c_int = 0;
            // SAFETY: `bytes` is readable for `len` bytes; the rest as in gethostbyname2.
            let rc = unsafe {
                gethostbyaddr_r(
                    bytes.as_ptr().cast(),
                    len as c::socklen_t,
                    af,
                    ent.as_mut_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut res,
                    &mut herr,
                )
            };
            if rc == c::ERANGE {
                return (rc, None);
            }
            if res.is_null() {
                let err = host_error("gethostbyaddr_r", &ip.to_string(), herr, rc);
                return (rc, Some(Err(err)));
            }
            // SAFETY: a non-null result is a valid hostent (in `ent`, data in `buf`).
            (0, Some(Ok(unsafe { hostent(res) })))
        })
    }
}

#[cfg(not(any(target_env = "gnu", target_os = "freebsd")))]
mod reentrant {
    //! Systems without the `_r` calls (macOS): the static-buffer calls, serialised by one lock
    //! and copied out before it is released. Other code in the process that calls them
    //! directly is not serialised with berkeley's calls.
    use super::*;
    use std::sync::Mutex;

    static LOCK: Mutex<()> = Mutex::new(());

    extern "C" {
        #[link_name = "gethostbyname2"]
        fn c_gethostbyname2(name: *const c::c_char, af: c::c_int) -> *mut c::hostent;
        #[link_name = "gethostbyaddr"]
        fn c_gethostbyaddr(
            addr: *const c::c_void,
            len: c::socklen_t,
            af: c::c_int,
        ) -> *mut c::hostent;
        static h_errno: c::c_int;
    }

    fn lock() -> std::sync::MutexGuard<'static, ()> {
        LOCK.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `getservbyname(3)` under the lock.
    pub(crate) fn getservbyname(
        name: &str,
        proto: Option<&str>,
        _query: &dyn Fn() -> String,
    ) -> Result<Option<ServEnt>> {
        let cname = cstring("getservbyname", "service name contains a NUL byte", name)?;
        let cproto = proto.map(|p| cstring("getservbyname", "protocol contains a NUL byte", p));
        let cproto = cproto.transpose()?;
        let _guard = lock();
        // SAFETY: the strings are NUL-terminated; the lock keeps berkeley's other calls from
        // overwriting the static result before it is copied.
        let p = unsafe {
            c::getservbyname(cname.as_ptr(), cproto.as_ref().map_or(ptr::null(), |p| p.as_ptr()))
        };
        // SAFETY: a non-null result is a valid servent until the next call, which the lock
        // holds off.
        Ok((!p.is_null()).then(|| unsafe { servent(p) }))
    }

    /// `getservbyport(3)` under the lock.
    pub(crate) fn getservbyport(
        port: u16,
        proto: Option<&str>,
        _query: &dyn Fn() -> String,
    ) -> Result<Option<ServEnt>> {
        let cproto = proto.map(|p| cstring("getservbyport", "protocol contains a NUL byte", p));
        let cproto = cproto.transpose()?;
        let _guard = lock();
        // SAFETY: as in getservbyname.
        let p = unsafe {
            c::getservbyport(
                c::c_int::from(port.to_be()),
                cproto.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
            )
        };
        // SAFETY: as in getservbyname.
        Ok((!p.is_null()).then(|| unsafe { servent(p) }))
    }

    /// `getprotobyname(3)` under the lock.
    pub(crate) fn getprotobyname(
        name: &str,
        _query: &dyn Fn() -> String,
    ) -> Result<Option<ProtoEnt>> {
        let cname = cstring("getprotobyname", "protocol name contains a NUL byte", name)?;
        let _guard = lock();
        // SAFETY: as in getservbyname.
        let p = unsafe { c::getprotobyname(cname.as_ptr()) };
        // SAFETY: as in getservbyname, with a protoent.
        Ok((!p.is_null()).then(|| unsafe { protoent(p) }))
    }

    /// `getprotobynumber(3)` under the lock.
    pub(crate) fn getprotobynumber(
        proto: i32,
        _query: &dyn Fn() -> String,
    ) -> Result<Option<ProtoEnt>> {
        let _guard = lock();
        // SAFETY: as in getservbyname.
        let p = unsafe { c::getprotobynumber(proto) };
        // SAFETY: as in getservbyname, with a protoent.
        Ok((!p.is_null()).then(|| unsafe { protoent(p) }))
    }

    /// `gethostbyname2(3)` under the lock.
    pub(crate) fn gethostbyname2(name: &str, family: i32) -> Result<HostEnt> {
        let cname = cstring("gethostbyname2", "host name contains a NUL byte", name)?;
        let _guard = lock();
        // SAFETY: as in getservbyname.
        let p = unsafe { c_gethostbyname2(cname.as_ptr(), family) };
        if p.is_null() {
            // SAFETY: h_errno is a plain int the call just set; the lock orders the read.
            let herr = unsafe { h_errno };
            return Err(host_error("gethostbyname2", name, herr, last_error()));
        }
        // SAFETY: as in getservbyname, with a hostent.
        Ok(unsafe { hostent(p) })
    }

    /// `gethostbyaddr(3)` under the lock.
    pub(crate) fn gethostbyaddr(ip: &IpAddr) -> Result<HostEnt> {
        let (bytes, len, af) = ip_bytes(ip);
        let _guard = lock();
        // SAFETY: `bytes` is readable for `len` bytes; as in getservbyname otherwise.
        let p = unsafe { c_gethostbyaddr(bytes.as_ptr().cast(), len as c::socklen_t, af) };
        if p.is_null() {
            // SAFETY: as in gethostbyname2.
            let herr = unsafe { h_errno };
            return Err(host_error("gethostbyaddr", &ip.to_string(), herr, last_error()));
        }
        // SAFETY: as in getservbyname, with a hostent.
        Ok(unsafe { hostent(p) })
    }
}

pub(crate) use self::reentrant::*;

mod ifaddrs;
pub(crate) use self::ifaddrs::*;

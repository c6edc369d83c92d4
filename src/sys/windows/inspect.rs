//! The OS calls of `inspect` on Windows: the IP Helper owner-PID tables (`GetExtendedTcpTable`,
//! `GetExtendedUdpTable`) — what `netstat -ano` shows — and the toolhelp process snapshot —
//! what `tasklist` shows. One OS call per function (plus the size query the API requires);
//! `inspect/windows.rs` parses the tables.

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_INSUFFICIENT_BUFFER, INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::NetworkManagement::IpHelper::{
    GetExtendedTcpTable, GetExtendedUdpTable, TCP_TABLE_OWNER_PID_ALL, UDP_TABLE_OWNER_PID,
};
use windows_sys::Win32::System::Diagnostics::ToolHelp::{
    CreateToolhelp32Snapshot, Process32FirstW, Process32NextW, PROCESSENTRY32W, TH32CS_SNAPPROCESS,
};

use crate::error::{Error, Result};

/// Calls `get(buf, &mut size)` until the table fits (it may grow between the size query and the
/// call); returns the table as 32-bit words (every field of the owner-PID rows is a `DWORD` or
/// 16 bytes of address).
fn table(
    call: &'static str,
    mut get: impl FnMut(*mut core::ffi::c_void, &mut u32) -> u32,
) -> Result<Vec<u32>> {
    let mut size: u32 = 0;
    let mut buf: Vec<u32> = Vec::new();
    for _ in 0..8 {
        let r = get(buf.as_mut_ptr().cast(), &mut size);
        if r == 0 {
            buf.truncate((size as usize).div_ceil(4).min(buf.len()));
            return Ok(buf);
        }
        if r != ERROR_INSUFFICIENT_BUFFER {
            return Err(Error::os(call, r as i32));
        }
        buf = vec![0u32; (size as usize).div_ceil(4) + 64];
        size = u32::try_from(buf.len() * 4).unwrap_or(u32::MAX);
    }
    Err(Error::os(call, ERROR_INSUFFICIENT_BUFFER as i32))
}

/// `GetExtendedTcpTable(buf, &size, FALSE, af, TCP_TABLE_OWNER_PID_ALL, 0)`.
pub(crate) fn tcp_table(af: u32) -> Result<Vec<u32>> {
    table("GetExtendedTcpTable", |buf, size| {
        // SAFETY: buf is null (size 0) or a live, writable, 4-aligned buffer of *size bytes.
        unsafe { GetExtendedTcpTable(buf, size, 0, af, TCP_TABLE_OWNER_PID_ALL, 0) }
    })
}

/// `GetExtendedUdpTable(buf, &size, FALSE, af, UDP_TABLE_OWNER_PID, 0)`.
pub(crate) fn udp_table(af: u32) -> Result<Vec<u32>> {
    table("GetExtendedUdpTable", |buf, size| {
        // SAFETY: buf is null (size 0) or a live, writable, 4-aligned buffer of *size bytes.
        unsafe { GetExtendedUdpTable(buf, size, 0, af, UDP_TABLE_OWNER_PID, 0) }
    })
}

/// Every process's id and executable name, from one `CreateToolhelp32Snapshot`.
pub(crate) fn process_names() -> Result<Vec<(u32, String)>> {
    // SAFETY: takes flags and a pid only.
    let snap = unsafe { CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0) };
    if snap == INVALID_HANDLE_VALUE {
        return Err(Error::os("CreateToolhelp32Snapshot", super::last_error()));
    }
    let mut out = Vec::new();
    let mut e = PROCESSENTRY32W {
        dwSize: std::mem::size_of::<PROCESSENTRY32W>() as u32,
        ..Default::default()
    };
    // SAFETY: snap is a live snapshot handle; e is a live PROCESSENTRY32W with dwSize set.
    let mut ok = unsafe { Process32FirstW(snap, &mut e) };
    while ok != 0 {
        let len = e.szExeFile.iter().position(|&c| c == 0).unwrap_or(e.szExeFile.len());
        out.push((e.th32ProcessID, String::from_utf16_lossy(&e.szExeFile[..len])));
        // SAFETY: as above.
        ok = unsafe { Process32NextW(snap, &mut e) };
    }
    // SAFETY: snap is a live handle owned here, closed once.
    unsafe { CloseHandle(snap) };
    Ok(out)
}

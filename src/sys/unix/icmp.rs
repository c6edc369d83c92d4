//! The ICMP access probe's system facts (`crate::icmp`).

/// The text of `/proc/sys/net/ipv4/ping_group_range` in the caller's network namespace
/// (`"1\t0\n"`), or `None` where it cannot be read. One OS call: the file read.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn ping_group_range() -> Option<String> {
    std::fs::read_to_string("/proc/sys/net/ipv4/ping_group_range").ok()
}

/// Only Linux has `net.ipv4.ping_group_range`.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn ping_group_range() -> Option<String> {
    None
}

//! The ICMP access probe's system facts (`crate::icmp`).

/// Windows has no `net.ipv4.ping_group_range` (and no datagram ICMP sockets).
pub(crate) fn ping_group_range() -> Option<String> {
    None
}

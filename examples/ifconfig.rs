//! `ifconfig [IFACE]` — the host's interfaces and their addresses, via `getifaddrs`.
//!
//! ```text
//! $ cargo run --example ifconfig
//! lo: flags=73<UP,LOOPBACK,RUNNING> mtu 65536
//!         inet 127.0.0.1 netmask 255.0.0.0
//!         inet6 ::1 prefixlen 128 scopeid 0x10<host>
//! eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST> mtu 1500
//!         ether 52:54:00:12:34:56
//!         inet 10.0.2.15 netmask 255.255.255.0 broadcast 10.0.2.255
//!         inet6 fe80::5054:ff:fe12:3456 prefixlen 64 scopeid 0x20<link>
//! ```
//!
//! The C shape: `getifaddrs(&ifap)`, a walk over the list grouped by `ifa_name` (the
//! link-layer entry — `AF_PACKET` on Linux, `AF_LINK` on macOS/FreeBSD — carries the MAC), then
//! `freeifaddrs`. The flags are the classic `SIOCGIFFLAGS` ones, printed like net-tools'
//! `ifconfig` (`flags=N<NAMES>`, the low 16 bits), and `scopeid` is the IPv6 address scope as it
//! prints it. On Windows the same output comes from `GetAdaptersAddresses` (interfaces by
//! their friendly names; flags derived from the adapter's status and type).

mod common;

use common::Prog;

const PROG: Prog = Prog {
    name: "ifconfig",
    usage: "\
usage: ifconfig [IFACE]

Lists the host's network interfaces (or only IFACE) like ifconfig(8): flags, MTU, MAC
address, and each IPv4 address with its netmask and broadcast address and each IPv6 address
with its prefix length and scope. Read-only: nothing is changed.
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> common::Result<()> {
    use berkeley::netdb::{getifaddrs, IfFlags};
    use std::fmt::Write;
    use std::net::IpAddr;

    let only = match args.as_slice() {
        [] => None,
        [name] => Some(name.as_str()),
        _ => PROG.usage_error("too many arguments"),
    };
    let ifs = getifaddrs()?;
    if let Some(name) = only {
        if ifs.get(name).is_none() {
            return Err(common::msg(format!("{name}: no such interface")));
        }
    }
    let mut out = String::new();
    for iface in ifs.interfaces() {
        if only.is_some_and(|n| n != iface.name) {
            continue;
        }
        // net-tools shows the 16 bits of SIOCGIFFLAGS (LOWER_UP and DORMANT lie above).
        let flags = IfFlags::from_raw(iface.flags.as_raw() & 0xffff);
        let names: Vec<&str> = flags.names().collect();
        let _ = write!(out, "{}: flags={}<{}>", iface.name, flags.as_raw(), names.join(","));
        match iface.mtu {
            Some(mtu) => {
                let _ = writeln!(out, " mtu {mtu}");
            }
            None => out.push('\n'),
        }
        if let Some(mac) = iface.mac.filter(|_| !iface.flags.contains(IfFlags::LOOPBACK)) {
            let _ = writeln!(out, "        ether {mac}");
        }
        for a in &iface.addrs {
            match a.ip() {
                Some(IpAddr::V4(ip)) => {
                    let _ = write!(out, "        inet {ip}");
                    if let Some(mask) = a.netmask.and_then(|m| m.as_socket()) {
                        let _ = write!(out, " netmask {}", mask.ip());
                    }
                    if let Some(b) = a.broadaddr.and_then(|b| b.as_socket()) {
                        if b.ip() != IpAddr::V4(ip) {
                            let _ = write!(out, " broadcast {}", b.ip());
                        }
                    }
                    if let Some(d) = a.dstaddr.and_then(|d| d.as_socket()) {
                        let _ = write!(out, " destination {}", d.ip());
                    }
                    out.push('\n');
                }
                Some(IpAddr::V6(ip)) => {
                    let prefix = a.prefixlen().unwrap_or(128);
                    // net-tools' scope values (IPV6_ADDR_* >> 12 ... as ifconfig prints them).
                    let seg = ip.segments()[0];
                    let scope = if ip.is_loopback() {
                        "0x10<host>"
                    } else if seg & 0xffc0 == 0xfe80 {
                        "0x20<link>"
                    } else if seg & 0xffc0 == 0xfec0 {
                        "0x40<site>"
                    } else {
                        "0x0<global>"
                    };
                    let _ = writeln!(out, "        inet6 {ip} prefixlen {prefix} scopeid {scope}");
                }
                None => {}
            }
        }
    }
    common::emit(out.as_bytes())
}

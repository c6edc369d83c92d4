//! `getifaddrs` and the `if_*` index calls against iproute2's `ip -j addr` (JSON): names,
//! indexes, flags, MTUs, MACs, addresses, prefixes and broadcasts — on the host, and in a network
//! namespace the test creates with a veth pair carrying two IPv4 addresses and one IPv6 address.
//!
//! The `portable` tests run on every platform (Windows: `GetAdaptersAddresses`, under wine).

mod util;

mod portable {
    use berkeley::netdb::{getifaddrs, if_indextoname, if_nametoindex, IfFlags};

    #[test]
    fn the_loopback_interface_is_listed() {
        let ifs = getifaddrs().unwrap();
        let lo = ifs
            .interfaces()
            .iter()
            .find(|i| i.flags.contains(IfFlags::LOOPBACK))
            .unwrap_or_else(|| panic!("no loopback interface in {ifs:#?}"));
        assert!(lo.index > 0);
        assert!(if_indextoname(lo.index).is_ok());
        let v4 = lo
            .addrs
            .iter()
            .find(|a| a.ip() == Some("127.0.0.1".parse().unwrap()))
            .unwrap_or_else(|| panic!("no 127.0.0.1 on {lo:#?}"));
        assert_eq!(v4.prefixlen(), Some(8));
        assert_eq!(v4.netmask.unwrap().as_socket().unwrap().ip().to_string(), "255.0.0.0");
        assert_eq!((v4.name.as_str(), v4.index), (lo.name.as_str(), lo.index));
        // Every IP entry of the flat list is in its interface's group.
        for a in ifs.iter().filter(|a| a.ip().is_some()) {
            assert!(ifs.get(&a.name).unwrap().addrs.contains(a));
        }
        assert!(if_nametoindex("nosuch0").is_err());
        assert!(if_nametoindex("lo\0x").is_err());
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::util;

    use std::collections::BTreeSet;
    use std::net::IpAddr;
    use std::process::Command;

    use berkeley::netdb::{getifaddrs, if_indextoname, if_nameindex, if_nametoindex, IfFlags};
    use serde_json::Value;

    /// `ip -j addr`, parsed; `None` when iproute2 is missing.
    fn ip_addr_json() -> Option<Vec<Value>> {
        let out = Command::new("ip").args(["-j", "addr"]).output().ok()?;
        assert!(out.status.success(), "ip -j addr: {}", String::from_utf8_lossy(&out.stderr));
        Some(serde_json::from_slice(&out.stdout).expect("ip -j addr prints JSON"))
    }

    /// The flags iproute2 prints from `ifi_flags` that berkeley names too (ip never prints RUNNING).
    const COMPARED: &[(&str, IfFlags)] = &[
        ("UP", IfFlags::UP),
        ("BROADCAST", IfFlags::BROADCAST),
        ("DEBUG", IfFlags::DEBUG),
        ("LOOPBACK", IfFlags::LOOPBACK),
        ("POINTOPOINT", IfFlags::POINTOPOINT),
        ("NOARP", IfFlags::NOARP),
        ("PROMISC", IfFlags::PROMISC),
        ("ALLMULTI", IfFlags::ALLMULTI),
        ("MULTICAST", IfFlags::MULTICAST),
        ("LOWER_UP", IfFlags::LOWER_UP),
        ("DORMANT", IfFlags::DORMANT),
    ];

    /// Compares `getifaddrs` with `ip -j addr` in the calling process's namespace. Returns the
    /// number of IP addresses compared.
    fn compare_with_ip(json: &[Value]) -> usize {
        let ifs = getifaddrs().unwrap();
        let names: BTreeSet<&str> = json.iter().map(|l| l["ifname"].as_str().unwrap()).collect();
        let ours: BTreeSet<&str> = ifs.interfaces().iter().map(|i| i.name.as_str()).collect();
        assert_eq!(ours, names, "interface names");
        let mut compared = 0;
        for link in json {
            let name = link["ifname"].as_str().unwrap();
            let iface = ifs.get(name).unwrap();
            assert_eq!(u64::from(iface.index), link["ifindex"].as_u64().unwrap(), "{name}: index");
            assert_eq!(if_nametoindex(name).unwrap(), iface.index);
            assert_eq!(if_indextoname(iface.index).unwrap(), name);
            assert_eq!(iface.mtu.map(u64::from), link["mtu"].as_u64(), "{name}: mtu");
            let mac = iface.mac.map(|m| m.to_string());
            let ip_mac = link["address"].as_str().filter(|a| a.len() == 17).map(str::to_owned);
            assert_eq!(mac, ip_mac, "{name}: MAC");
            let ip_flags: BTreeSet<&str> =
                link["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
            for &(n, flag) in COMPARED {
                assert_eq!(iface.flags.contains(flag), ip_flags.contains(n), "{name}: IFF_{n}");
            }
            // (family, address, prefix, broadcast) of every address, both ways.
            let mut want = BTreeSet::new();
            for a in link["addr_info"].as_array().unwrap() {
                let ip: IpAddr = a["local"].as_str().unwrap().parse().unwrap();
                let brd = a["broadcast"].as_str().map(|b| b.parse::<IpAddr>().unwrap());
                want.insert((ip, a["prefixlen"].as_u64().unwrap() as u32, brd));
            }
            let mut got = BTreeSet::new();
            for a in &iface.addrs {
                assert_eq!(a.name, name);
                assert_eq!(a.index, iface.index);
                let brd = a.broadaddr.and_then(|b| b.as_socket()).map(|b| b.ip());
                // glibc reports the address itself as ifa_broadaddr when there is no broadcast
                // address (IFA_BROADCAST absent); iproute2 prints none then.
                let brd =
                    brd.filter(|b| Some(*b) != a.ip() && a.ip().is_some_and(|ip| ip.is_ipv4()));
                got.insert((a.ip().unwrap(), a.prefixlen().unwrap(), brd));
            }
            assert_eq!(got, want, "{name}: addresses");
            compared += want.len();
        }
        // Every entry of the flat list belongs to a listed interface; IP entries have netmasks.
        for a in &ifs {
            assert!(names.contains(a.name.as_str()));
            if a.ip().is_some() {
                assert!(a.netmask.is_some(), "{}: netmask", a.name);
            }
        }
        let by_index: BTreeSet<(u32, String)> =
            if_nameindex().unwrap().into_iter().map(|e| (e.index, e.name)).collect();
        let ours: BTreeSet<(u32, String)> =
            ifs.interfaces().iter().map(|i| (i.index, i.name.clone())).collect();
        assert_eq!(by_index, ours, "if_nameindex");
        compared
    }

    #[test]
    fn getifaddrs_matches_ip_here() {
        let Some(json) = ip_addr_json() else {
            return util::skip("getifaddrs_matches_ip_here", "iproute2 (ip) is not installed");
        };
        compare_with_ip(&json);
        let ifs = getifaddrs().unwrap();
        let lo = ifs.interfaces().iter().find(|i| i.flags.contains(IfFlags::LOOPBACK)).unwrap();
        assert_eq!(lo.mac.map(|m| m.octets()), Some([0; 6]));
    }

    /// The setup the namespace test runs before re-running this binary inside the namespace.
    const NETNS_SETUP: &str = "set -e
ip link set lo up
ip link add bk0 type veth peer name bk1
ip link set bk0 up
ip link set bk1 up
ip addr add 10.9.0.1/24 brd + dev bk0
ip addr add 10.9.1.1/16 brd + dev bk0
ip addr add fd00:9::1/64 dev bk0 nodad
ip link set bk1 mtu 1400
exec \"$0\" --exact linux::netns_inner --ignored --nocapture --test-threads=1";

    #[test]
    fn getifaddrs_matches_ip_in_a_namespace() {
        let probe = Command::new("unshare")
            .args(["-n", "ip", "link", "add", "bkp", "type", "veth", "peer", "name", "bkq"])
            .output();
        let ok = probe.is_ok_and(|o| o.status.success());
        if !ok {
            return util::skip(
                "getifaddrs_matches_ip_in_a_namespace",
                "cannot create a network namespace with a veth pair (needs root and iproute2)",
            );
        }
        let exe = std::env::current_exe().unwrap();
        let out = Command::new("unshare")
            .args(["-n", "sh", "-c", NETNS_SETUP])
            .arg(exe)
            .env("BERKELEY_NETNS_INNER", "1")
            .env("BERKELEY_IFCONFIG", example("ifconfig"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "inner test failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // lo's 127.0.0.1/8 and ::1/128, bk0's three, and whatever link-local addresses the kernel
        // added: at least five addresses were compared inside.
        let compared = stdout.lines().find_map(|l| {
            l.split_once("NETNS_COMPARED ").map(|(_, n)| n.trim().parse::<usize>().unwrap())
        });
        assert!(compared.is_some_and(|n| n >= 5), "the inner test ran: {stdout}");
    }

    /// Runs inside the namespace made by `getifaddrs_matches_ip_in_a_namespace`.
    #[test]
    #[ignore = "run by getifaddrs_matches_ip_in_a_namespace inside the namespace it creates"]
    fn netns_inner() {
        assert!(
            std::env::var_os("BERKELEY_NETNS_INNER").is_some(),
            "run through getifaddrs_matches_ip_in_a_namespace"
        );
        let json = ip_addr_json().unwrap();
        let compared = compare_with_ip(&json);
        let ifs = getifaddrs().unwrap();
        let bk0 = ifs.get("bk0").unwrap();
        let v4: Vec<String> = bk0
            .addrs
            .iter()
            .filter(|a| a.ip().is_some_and(|ip| ip.is_ipv4()))
            .map(|a| format!("{}/{}", a.ip().unwrap(), a.prefixlen().unwrap()))
            .collect();
        assert_eq!(v4, ["10.9.0.1/24", "10.9.1.1/16"]);
        let brd: Vec<String> = bk0
            .addrs
            .iter()
            .filter_map(|a| a.broadaddr)
            .map(|b| b.as_socket().unwrap().ip().to_string())
            .collect();
        assert!(brd.starts_with(&["10.9.0.255".to_owned(), "10.9.255.255".to_owned()]));
        assert!(bk0
            .addrs
            .iter()
            .any(|a| a.ip() == Some("fd00:9::1".parse().unwrap()) && a.prefixlen() == Some(64)));
        assert!(bk0.flags.contains(IfFlags::UP | IfFlags::BROADCAST | IfFlags::MULTICAST));
        assert_eq!(ifs.get("bk1").unwrap().mtu, Some(1400));
        assert!(bk0.mac.is_some_and(|m| m.octets() != [0; 6]));
        let ifconfig = std::env::var_os("BERKELEY_IFCONFIG").unwrap();
        let out = Command::new(ifconfig).output().unwrap();
        assert!(out.status.success());
        compare_ifconfig_with_ip(&String::from_utf8(out.stdout).unwrap(), &json);
        println!("NETNS_COMPARED {compared}");
    }

    /// The classic `SIOCGIFFLAGS` names `ifconfig` prints that iproute2 prints too.
    const CLASSIC: &[&str] = &[
        "UP",
        "BROADCAST",
        "DEBUG",
        "LOOPBACK",
        "POINTOPOINT",
        "NOARP",
        "PROMISC",
        "ALLMULTI",
        "MULTICAST",
    ];

    /// Checks the `ifconfig` example's output against `ip -j addr`: one block per interface, in
    /// index order, with the flags, MTU, MAC and every address line.
    fn compare_ifconfig_with_ip(text: &str, json: &[Value]) {
        let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
        for line in text.lines() {
            match line.strip_prefix("        ") {
                Some(detail) => blocks.last_mut().unwrap().1.push(detail.to_owned()),
                None => blocks.push((line.to_owned(), Vec::new())),
            }
        }
        assert_eq!(blocks.len(), json.len(), "one block per interface:\n{text}");
        for ((header, details), link) in blocks.iter().zip(json) {
            let name = link["ifname"].as_str().unwrap();
            // `NAME: flags=N<A,B> mtu M`
            let (hname, rest) = header.split_once(": flags=").unwrap();
            assert_eq!(hname, name);
            let (num, rest) = rest.split_once('<').unwrap();
            let (names, mtu) = rest.split_once("> mtu ").unwrap();
            assert_eq!(mtu, link["mtu"].to_string(), "{name}: mtu");
            let names: BTreeSet<&str> = names.split(',').filter(|n| !n.is_empty()).collect();
            let flags = IfFlags::from_raw(num.parse().unwrap());
            assert_eq!(flags.names().collect::<BTreeSet<_>>(), names, "{name}: flags={num}");
            let ip_flags: BTreeSet<&str> = link["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .filter(|f| CLASSIC.contains(f))
                .collect();
            let ours: BTreeSet<&str> = names.iter().copied().filter(|n| *n != "RUNNING").collect();
            assert_eq!(ours, ip_flags, "{name}: flags");

            let mut want = BTreeSet::new();
            if link["link_type"] == "ether" {
                want.insert(format!("ether {}", link["address"].as_str().unwrap()));
            }
            for a in link["addr_info"].as_array().unwrap() {
                let local = a["local"].as_str().unwrap();
                let prefix = a["prefixlen"].as_u64().unwrap() as u32;
                if a["family"] == "inet" {
                    let mask =
                        std::net::Ipv4Addr::from(u32::MAX.checked_shl(32 - prefix).unwrap_or(0));
                    let mut l = format!("inet {local} netmask {mask}");
                    if let Some(b) = a["broadcast"].as_str() {
                        l.push_str(&format!(" broadcast {b}"));
                    }
                    want.insert(l);
                } else {
                    let scope = match a["scope"].as_str().unwrap() {
                        "host" => "0x10<host>",
                        "link" => "0x20<link>",
                        _ => "0x0<global>",
                    };
                    want.insert(format!("inet6 {local} prefixlen {prefix} scopeid {scope}"));
                }
            }
            let got: BTreeSet<String> = details.iter().cloned().collect();
            assert_eq!(got, want, "{name}: ifconfig lines");
            assert_eq!(got.len(), details.len(), "{name}: no line twice");
        }
    }

    #[test]
    fn ifconfig_example_matches_ip_here() {
        let Some(json) = ip_addr_json() else {
            return util::skip(
                "ifconfig_example_matches_ip_here",
                "iproute2 (ip) is not installed",
            );
        };
        let out = Command::new(example("ifconfig")).output().unwrap();
        assert!(out.status.success());
        compare_ifconfig_with_ip(&String::from_utf8(out.stdout).unwrap(), &json);

        let lo = Command::new(example("ifconfig")).arg("lo").output().unwrap();
        assert!(lo.status.success());
        let text = String::from_utf8(lo.stdout).unwrap();
        assert!(text.starts_with("lo: flags="), "{text}");
        assert_eq!(text.lines().filter(|l| !l.starts_with(' ')).count(), 1);

        let bad = Command::new(example("ifconfig")).arg("nosuch0").output().unwrap();
        assert_eq!(bad.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&bad.stderr), "ifconfig: nosuch0: no such interface\n");
        let usage = Command::new(example("ifconfig")).args(["lo", "eth0"]).output().unwrap();
        assert_eq!(usage.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&usage.stderr).contains("usage: ifconfig [IFACE]"));
        let help = Command::new(example("ifconfig")).arg("--help").output().unwrap();
        assert_eq!(help.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&help.stdout).starts_with("usage: ifconfig"));
    }

    #[test]
    fn index_calls_reject_bad_input() {
        assert!(if_nametoindex("nosuch0").is_err());
        assert!(if_nametoindex("lo\0x").is_err());
        assert!(if_indextoname(0).is_err());
        assert!(if_indextoname(u32::MAX).is_err());
    }

    /// The name-service examples, built on first use (see `util::example_bin`).
    fn example(name: &str) -> std::path::PathBuf {
        util::example_bin(name, &["hostinfo", "portscan", "ifconfig"])
    }
}

//! Raw IP and ICMP sockets: `IP_HDRINCL`, raw `IPPROTO_UDP`, ICMP echo through raw and datagram
//! sockets, `ICMP_FILTER`, and the `icmp::access` probe.
//!
//! Linux only, on loopback or in network namespaces the tests create (`tests/util/netns.rs`).
//! Raw sockets need `CAP_NET_RAW`: without it each test skips with a message (a failure under
//! `BERKELEY_TEST_STRICT=1`). The packets are built and parsed with `berkeley::wire`.
#![cfg(target_os = "linux")]

#[path = "util/netns.rs"]
mod netns;
mod util;

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4};
use std::time::Duration;

use berkeley::icmp::{self, IcmpDenied, PingGroupRange};
use berkeley::sockopt::{
    IcmpFilter, IcmpTypeFilter, Icmpv6Filter, Icmpv6TypeFilter, IpHdrIncl, Ipv6Checksum,
};
use berkeley::wire::icmpv4::{ICMP_ECHO, ICMP_ECHOREPLY};
use berkeley::wire::icmpv6::ICMP6_ECHO_REPLY;
use berkeley::wire::{
    Icmpv4Packet, Icmpv4Repr, Icmpv6Packet, Icmpv6Repr, IpProtocol, Ipv4Packet, Ipv4Repr,
    PseudoHeader, UdpPacket, UdpRepr,
};
use berkeley::{Domain, Protocol, SockAddrIn, SockAddrIn6, Socket, Type};
use netns::Netns;

/// A guard against a hang, not a timing assertion: every wait here ends long before it.
const GUARD: Duration = Duration::from_secs(20);

/// Skips (or, strict, fails) unless this process may open raw sockets.
fn need_raw(test: &str) -> bool {
    if util::have_cap_net_raw() {
        true
    } else {
        util::skip(test, "raw sockets need CAP_NET_RAW (run as root)");
        false
    }
}

/// An echo identifier unlikely to collide with another process's pings on the host's loopback.
fn ident(tag: u16) -> u16 {
    (std::process::id() as u16).wrapping_mul(7).wrapping_add(tag.wrapping_mul(0x1111))
}

/// An ICMP echo request, checksum filled.
fn echo_request(ident: u16, seq_no: u16, data: &[u8]) -> Vec<u8> {
    let repr = Icmpv4Repr::EchoRequest { ident, seq_no, data };
    let mut buf = vec![0u8; repr.buffer_len()];
    repr.emit(&mut buf).unwrap();
    buf
}

/// One ICMP message as a raw IPv4 socket delivers it (IP header first), checked and parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Icmp {
    from: Ipv4Addr,
    msg_type: u8,
    ident: u16,
    seq_no: u16,
    data: Vec<u8>,
}

/// Reads the next ICMP message from a raw `IPPROTO_ICMP` socket; asserts the IP and ICMP
/// checksums the kernel delivered.
fn next_raw_icmp(s: &Socket) -> Icmp {
    let mut buf = [0u8; 2048];
    let (n, addr) = s.recvfrom(&mut buf).expect("recvfrom on the raw ICMP socket");
    let ip = Ipv4Packet::new_checked(&buf[..n]).expect("an IPv4 header first");
    assert!(ip.verify_checksum(), "IPv4 header checksum");
    assert_eq!(ip.protocol(), IpProtocol::ICMP);
    assert_eq!(addr.as_in().map(|a| a.ip()), Some(ip.src_addr()), "recvfrom names the sender");
    let icmp = Icmpv4Packet::new_checked(ip.payload()).expect("an ICMP header");
    assert!(icmp.verify_checksum(), "ICMP checksum");
    Icmp {
        from: ip.src_addr(),
        msg_type: icmp.msg_type(),
        ident: icmp.echo_ident(),
        seq_no: icmp.echo_seq_no(),
        data: icmp.data().to_vec(),
    }
}

fn raw_icmp_socket() -> Socket {
    let s = Socket::new(Domain::INET, Type::RAW, Protocol::ICMP).unwrap();
    s.settimeout(Some(GUARD)).unwrap();
    s
}

/// Waits on `s` for the echo reply `ident`/`seq_no`, skipping everything else.
fn wait_reply(s: &Socket, ident: u16, seq_no: u16) -> Icmp {
    loop {
        let m = next_raw_icmp(s);
        if m.msg_type == ICMP_ECHOREPLY && m.ident == ident && m.seq_no == seq_no {
            return m;
        }
    }
}

// ---- IP_HDRINCL and raw IPPROTO_UDP ----------------------------------------------------------

#[test]
fn hdrincl_udp_packet_arrives_at_a_udp_socket() {
    if !need_raw("hdrincl_udp_packet_arrives_at_a_udp_socket") {
        return;
    }
    let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    rx.bind("127.0.0.1:0").unwrap();
    rx.settimeout(Some(GUARD)).unwrap();
    let port = rx.getsockname().unwrap().as_in().unwrap().port();

    let raw = Socket::new(Domain::INET, Type::RAW, Protocol::UDP).unwrap();
    raw.setsockopt(IpHdrIncl, true).unwrap();
    assert!(raw.getsockopt(IpHdrIncl).unwrap());

    // A source the kernel would never choose itself: proof that our header went out as built.
    let (src, dst) = (Ipv4Addr::new(127, 0, 0, 2), Ipv4Addr::LOCALHOST);
    let payload = b"built by hand with berkeley::wire";
    let udp = UdpRepr { src_port: 40_123, dst_port: port, payload };
    let ip = Ipv4Repr {
        src_addr: src,
        dst_addr: dst,
        protocol: IpProtocol::UDP,
        payload_len: udp.buffer_len(),
        ttl: 64,
        ident: 0x5a5a,
        ..Ipv4Repr::default()
    };
    let mut packet = vec![0u8; ip.buffer_len()];
    let mut view = ip.emit(&mut packet).unwrap();
    udp.emit(view.payload_mut(), &PseudoHeader::V4 { src, dst }).unwrap();
    assert_eq!(raw.sendto(&packet, SockAddrIn::new(dst, 0)).unwrap(), packet.len());

    let mut buf = [0u8; 256];
    let (n, from) = rx.recvfrom(&mut buf).unwrap();
    assert_eq!(&buf[..n], payload);
    assert_eq!(from.as_in().unwrap(), SockAddrIn::new(src, 40_123));
}

#[test]
fn raw_udp_socket_sees_a_datagram_with_a_valid_checksum() {
    const TEST: &str = "raw_udp_socket_sees_a_datagram_with_a_valid_checksum";
    if !need_raw(TEST) {
        return;
    }
    // On loopback Linux leaves UDP checksums partial (nobody computes the rest: the datagram
    // never leaves the host). So the datagram crosses a veth pair between two namespaces, with
    // checksum offload off on the sender's end: the kernel computes the whole checksum.
    let (a, b) = match (Netns::new("rawa"), Netns::new("rawb")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(why), _) | (_, Err(why)) => return util::skip(TEST, &why),
    };
    a.ip(&["link", "add", "bk0", "type", "veth", "peer", "name", "bk1", "netns", b.name()]);
    a.ip(&["addr", "add", "10.77.0.1/24", "dev", "bk0"]);
    b.ip(&["addr", "add", "10.77.0.2/24", "dev", "bk1"]);
    a.ip(&["link", "set", "bk0", "up"]);
    b.ip(&["link", "set", "bk1", "up"]);
    let off = b.sh("ethtool -K bk1 tx off");
    if !off.status.success() {
        return util::skip(TEST, "ethtool cannot turn off checksum offload on a veth");
    }

    let (raw, rx) = a.run(|| {
        let raw = Socket::new(Domain::INET, Type::RAW, Protocol::UDP).unwrap();
        let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
        rx.bind("10.77.0.1:0").unwrap();
        (raw, rx)
    });
    raw.settimeout(Some(GUARD)).unwrap();
    let port = rx.getsockname().unwrap().as_in().unwrap().port();
    let tx = b.run(|| Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap());
    tx.bind("10.77.0.2:0").unwrap();
    let src_port = tx.getsockname().unwrap().as_in().unwrap().port();
    let payload = b"an ordinary datagram";
    tx.sendto(payload, SocketAddrV4::new(Ipv4Addr::new(10, 77, 0, 1), port)).unwrap();

    let mut buf = [0u8; 2048];
    loop {
        let n = raw.recv(&mut buf).unwrap();
        let ip = Ipv4Packet::new_checked(&buf[..n]).unwrap();
        assert_eq!(ip.protocol(), IpProtocol::UDP);
        let udp = UdpPacket::new_checked(ip.payload()).unwrap();
        if udp.dst_port() != port {
            continue;
        }
        assert!(ip.verify_checksum());
        assert_eq!(ip.src_addr(), Ipv4Addr::new(10, 77, 0, 2));
        assert_eq!(ip.dst_addr(), Ipv4Addr::new(10, 77, 0, 1));
        assert_eq!(udp.src_port(), src_port);
        assert_eq!(udp.payload(), payload);
        assert_ne!(udp.checksum(), 0, "the sender computed a checksum");
        assert!(udp.verify_checksum(&ip.pseudo_header()), "the UDP checksum verifies");
        let repr = UdpRepr::parse(&udp, &ip.pseudo_header()).unwrap();
        assert_eq!((repr.src_port, repr.dst_port, repr.payload), (src_port, port, &payload[..]));
        break;
    }
    // The ordinary socket got it too: a raw socket receives a copy.
    let mut got = [0u8; 64];
    let n = rx.recv(&mut got).unwrap();
    assert_eq!(&got[..n], payload);
}

// ---- ICMP echo -------------------------------------------------------------------------------

#[test]
fn icmp_echo_through_a_raw_socket() {
    if !need_raw("icmp_echo_through_a_raw_socket") {
        return;
    }
    let s = raw_icmp_socket();
    // Replies only: on loopback a raw ICMP socket would also read its own requests.
    s.setsockopt(IcmpFilter, IcmpTypeFilter::pass_only(&[ICMP_ECHOREPLY]).unwrap()).unwrap();
    assert_eq!(
        s.getsockopt(IcmpFilter).unwrap(),
        IcmpTypeFilter::pass_only(&[ICMP_ECHOREPLY]).unwrap()
    );
    let id = ident(1);
    let data = b"berkeley raw ping payload 0123456789";
    for seq in 1..=3u16 {
        s.sendto(&echo_request(id, seq, data), "127.0.0.1:0").unwrap();
        let reply = wait_reply(&s, id, seq);
        assert_eq!(reply.from, Ipv4Addr::LOCALHOST);
        assert_eq!(reply.data, data);
    }
}

/// What a raw ICMP socket with `filter` receives of one exchange of echoes with identifier
/// `id` (sequence 1, then the marker 2) made by another raw socket: the (type, seq) pairs.
fn seen_through_filter(filter: IcmpTypeFilter, id: u16) -> BTreeSet<(u8, u16)> {
    let watcher = raw_icmp_socket();
    watcher.setsockopt(IcmpFilter, filter).unwrap();
    let pinger = raw_icmp_socket();
    pinger.setsockopt(IcmpFilter, IcmpTypeFilter::pass_only(&[ICMP_ECHOREPLY]).unwrap()).unwrap();
    // Sequence 1, then 2: once the pinger has reply 1, the kernel has offered request 1 and
    // reply 1 to the watcher; everything of sequence 2 comes after them.
    for seq in 1..=2 {
        pinger.sendto(&echo_request(id, seq, b"filter"), "127.0.0.1:0").unwrap();
        wait_reply(&pinger, id, seq);
    }
    let mut seen = BTreeSet::new();
    loop {
        let m = next_raw_icmp(&watcher);
        if m.ident != id || (m.msg_type != ICMP_ECHO && m.msg_type != ICMP_ECHOREPLY) {
            continue;
        }
        seen.insert((m.msg_type, m.seq_no));
        if m.seq_no == 2 {
            return seen;
        }
    }
}

#[test]
fn icmp_filter_blocks_what_it_is_told_to() {
    if !need_raw("icmp_filter_blocks_what_it_is_told_to") {
        return;
    }
    // No filter: the watcher sees request and reply.
    let all = seen_through_filter(IcmpTypeFilter::PASS_ALL, ident(2));
    assert!(all.contains(&(ICMP_ECHO, 1)) && all.contains(&(ICMP_ECHOREPLY, 1)), "{all:?}");
    // Echo replies blocked: requests only.
    let f = IcmpTypeFilter::block(&[ICMP_ECHOREPLY]).unwrap();
    let no_replies = seen_through_filter(f, ident(3));
    assert!(no_replies.contains(&(ICMP_ECHO, 1)), "{no_replies:?}");
    assert!(no_replies.iter().all(|&(t, _)| t == ICMP_ECHO), "{no_replies:?}");
    // The other way: only replies pass.
    let f = IcmpTypeFilter::pass_only(&[ICMP_ECHOREPLY]).unwrap();
    let only_replies = seen_through_filter(f, ident(4));
    assert!(only_replies.contains(&(ICMP_ECHOREPLY, 1)), "{only_replies:?}");
    assert!(only_replies.iter().all(|&(t, _)| t == ICMP_ECHOREPLY), "{only_replies:?}");
}

#[test]
fn icmp_filter_is_refused_where_it_does_not_apply() {
    if !need_raw("icmp_filter_is_refused_where_it_does_not_apply") {
        return;
    }
    let udp = Socket::new(Domain::INET, Type::RAW, Protocol::UDP).unwrap();
    let err = udp.setsockopt(IcmpFilter, IcmpTypeFilter::BLOCK_ALL).unwrap_err();
    assert_eq!(err.call(), Some("setsockopt(ICMP_FILTER)"));
    assert_eq!(err.raw_os_error(), Some(libc::EOPNOTSUPP));
    assert!(IcmpTypeFilter::block(&[32]).is_err());
}

/// Sends echo `(sent_ident, seq)` on a datagram ICMP socket and returns the reply: (ident,
/// seq, data). The message read starts at the ICMP header.
fn dgram_echo(s: &Socket, to: Ipv4Addr, sent_ident: u16, seq: u16, data: &[u8]) -> Icmp {
    s.sendto(&echo_request(sent_ident, seq, data), SockAddrIn::new(to, 0)).unwrap();
    let mut buf = [0u8; 2048];
    loop {
        let (n, from) = s.recvfrom(&mut buf).unwrap();
        let icmp = Icmpv4Packet::new_checked(&buf[..n]).expect("an ICMP header first");
        assert!(icmp.verify_checksum());
        if let Icmpv4Repr::EchoReply { ident, seq_no, data } = Icmpv4Repr::parse(&icmp).unwrap() {
            if seq_no == seq {
                let from = from.as_in().unwrap().ip();
                return Icmp { from, msg_type: ICMP_ECHOREPLY, ident, seq_no, data: data.to_vec() };
            }
        }
    }
}

/// The identifier the kernel gives a datagram ICMP socket's requests: its local "port".
fn local_port(s: &Socket) -> u16 {
    s.getsockname().unwrap().as_in().unwrap().port()
}

#[test]
fn icmp_echo_through_a_datagram_socket_in_a_namespace() {
    const TEST: &str = "icmp_echo_through_a_datagram_socket_in_a_namespace";
    let ns = match Netns::new("ping") {
        Ok(ns) => ns,
        Err(why) => return util::skip(TEST, &why),
    };
    // The namespace's own sysctl (the host's is untouched): group 0 may open ping sockets.
    ns.sysctl("net/ipv4/ping_group_range", "0 0");
    let (s, bound) = ns.run(|| {
        let a = icmp::access(Domain::INET).unwrap();
        assert_eq!(a.ping_group_range, Some(PingGroupRange { first: 0, last: 0 }));
        assert!(a.dgram.is_ok(), "{:?}", a.dgram);
        let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::ICMP).unwrap();
        let bound = Socket::new(Domain::INET, Type::DGRAM, Protocol::ICMP).unwrap();
        bound.bind("127.0.0.1:4242").unwrap();
        (s, bound)
    });
    s.settimeout(Some(GUARD)).unwrap();
    bound.settimeout(Some(GUARD)).unwrap();

    // The kernel replaces the identifier we wrote with the socket's port (chosen at the first
    // send here), and delivers the reply with it.
    let data = b"datagram ping";
    let reply = dgram_echo(&s, Ipv4Addr::LOCALHOST, 0x0bad, 7, data);
    assert_eq!(reply.from, Ipv4Addr::LOCALHOST);
    assert_eq!((reply.seq_no, &reply.data[..]), (7, &data[..]));
    assert_eq!(reply.ident, local_port(&s));
    // Bound to "port" 4242: that is the identifier on the wire.
    let reply = dgram_echo(&bound, Ipv4Addr::LOCALHOST, 0x0bad, 8, data);
    assert_eq!((reply.ident, reply.seq_no), (4242, 8));
}

// ---- the access probe ------------------------------------------------------------------------

#[test]
fn access_probe_as_root_on_the_host() {
    if !need_raw("access_probe_as_root_on_the_host") {
        return;
    }
    let a = icmp::access(Domain::INET).unwrap();
    assert!(a.raw.is_ok(), "{:?}", a.raw);
    assert_eq!(a.socket_type(), Some(Type::RAW));
    assert_eq!(a.protocol(), Protocol::ICMP);
    let text = std::fs::read_to_string("/proc/sys/net/ipv4/ping_group_range").unwrap();
    let nums: Vec<u32> = text.split_whitespace().map(|n| n.parse().unwrap()).collect();
    assert_eq!(a.ping_group_range, Some(PingGroupRange { first: nums[0], last: nums[1] }));
    // The datagram verdict agrees with the rule for this process (root: group 0 and its
    // supplementary groups).
    // SAFETY: getegid has no preconditions.
    let egid = unsafe { libc::getegid() };
    let range = a.ping_group_range.unwrap();
    if range.contains(egid) {
        assert!(a.dgram.is_ok(), "{:?}", a.dgram);
    } else if let Err(e) = &a.dgram {
        assert!(matches!(e, IcmpDenied::NotInPingGroupRange { .. }), "{e:?}");
    }
    assert!(icmp::access(Domain::UNIX).is_err());
}

/// Runs `access_inner` in `ns` without `CAP_NET_RAW` (setpriv drops it from the bounding set,
/// so the exec'd test binary never has it), expecting `expect`.
fn run_unprivileged(ns: &Netns, expect: &str) -> Result<(), String> {
    let exe = std::env::current_exe().unwrap();
    let out = ns
        .command("setpriv")
        .args(["--bounding-set", "-net_raw", "--inh-caps", "-net_raw", "--"])
        .arg(exe)
        .args(["--exact", "access_inner", "--ignored", "--nocapture", "--test-threads=1"])
        .env("BERKELEY_ICMP_EXPECT", expect)
        .output()
        .map_err(|e| format!("cannot run setpriv: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("setpriv: ") && !stdout.contains("access_inner") {
        return Err(format!("setpriv failed: {stderr}"));
    }
    assert!(out.status.success(), "access_inner ({expect}) failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "access_inner did not run:\n{stdout}");
    Ok(())
}

#[test]
fn access_probe_without_cap_net_raw_in_a_namespace() {
    const TEST: &str = "access_probe_without_cap_net_raw_in_a_namespace";
    let ns = match Netns::new("access") {
        Ok(ns) => ns,
        Err(why) => return util::skip(TEST, &why),
    };
    // Nobody may open datagram ICMP sockets (the kernel's default), and no CAP_NET_RAW: both
    // refused, each with its reason.
    ns.sysctl("net/ipv4/ping_group_range", "1 0");
    if let Err(why) = run_unprivileged(&ns, "none") {
        return util::skip(TEST, &why);
    }
    // Group 0 allowed: the unprivileged process pings through a datagram socket.
    ns.sysctl("net/ipv4/ping_group_range", "0 0");
    run_unprivileged(&ns, "dgram").unwrap();
}

/// Runs inside the namespace made by `access_probe_without_cap_net_raw_in_a_namespace`.
#[test]
#[ignore = "run by access_probe_without_cap_net_raw_in_a_namespace, without CAP_NET_RAW"]
fn access_inner() {
    let expect = std::env::var("BERKELEY_ICMP_EXPECT").expect("run through the outer test");
    assert!(!util::have_cap_net_raw(), "setpriv should have dropped CAP_NET_RAW");
    let a = icmp::access(Domain::INET).unwrap();
    match &a.raw {
        Err(e @ IcmpDenied::NeedsPrivilege { error }) => {
            assert_eq!(error.raw_os_error(), Some(libc::EPERM));
            assert_eq!(error.call(), Some("socket(SOCK_RAW)"));
            assert!(e.to_string().starts_with("raw ICMP sockets need CAP_NET_RAW"), "{e}");
        }
        other => panic!("raw: {other:?}"),
    }
    match expect.as_str() {
        "none" => {
            match &a.dgram {
                Err(e @ IcmpDenied::NotInPingGroupRange { range, error }) => {
                    assert_eq!(*range, Some(PingGroupRange { first: 1, last: 0 }));
                    assert_eq!(error.raw_os_error(), Some(libc::EACCES));
                    assert!(e.to_string().contains("ping_group_range (1 0)"), "{e}");
                }
                other => panic!("dgram: {other:?}"),
            }
            assert_eq!(a.socket_type(), None);
        }
        "dgram" => {
            assert!(a.dgram.is_ok(), "{:?}", a.dgram);
            assert_eq!(a.socket_type(), Some(Type::DGRAM));
            let s = Socket::new(Domain::INET, a.socket_type().unwrap(), a.protocol()).unwrap();
            s.settimeout(Some(GUARD)).unwrap();
            let reply = dgram_echo(&s, Ipv4Addr::LOCALHOST, 1, 1, b"unprivileged");
            assert_eq!(reply.ident, local_port(&s));
            assert_eq!(reply.data, b"unprivileged");
        }
        other => panic!("unknown expectation {other}"),
    }
}

// ---- IPv6: ICMP6_FILTER and IPV6_CHECKSUM -----------------------------------------------------

/// Skips unless raw sockets and `::1` are both available.
fn need_raw6(test: &str) -> bool {
    if !need_raw(test) {
        return false;
    }
    if !util::have_ipv6_loopback() {
        util::skip(test, "::1 is not available (IPv6 disabled)");
        return false;
    }
    true
}

#[test]
fn icmpv6_echo_through_a_filtered_raw_socket() {
    if !need_raw6("icmpv6_echo_through_a_filtered_raw_socket") {
        return;
    }
    let s = Socket::new(Domain::INET6, Type::RAW, Protocol::ICMPV6).unwrap();
    s.settimeout(Some(GUARD)).unwrap();
    let only_replies = Icmpv6TypeFilter::BLOCK_ALL.pass(ICMP6_ECHO_REPLY);
    s.setsockopt(Icmpv6Filter, only_replies).unwrap();
    assert_eq!(s.getsockopt(Icmpv6Filter).unwrap(), only_replies);

    // The kernel computes the ICMPv6 checksum of raw ICMPv6 sockets (always at offset 2).
    let id = ident(5);
    let repr = Icmpv6Repr::EchoRequest { ident: id, seq_no: 1, data: b"v6 ping" };
    let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    let mut req = vec![0u8; repr.buffer_len()];
    repr.emit(&mut req, &ph).unwrap();
    s.sendto(&req, SockAddrIn6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)).unwrap();
    let mut buf = [0u8; 2048];
    loop {
        // IPv6 raw sockets deliver no IP header: the ICMPv6 header comes first.
        let n = s.recv(&mut buf).unwrap();
        let icmp = Icmpv6Packet::new_checked(&buf[..n]).unwrap();
        // The filter let nothing else through: not even our own request on loopback.
        assert_eq!(icmp.msg_type(), ICMP6_ECHO_REPLY);
        assert!(icmp.verify_checksum(&ph));
        if icmp.echo_ident() == id {
            assert_eq!((icmp.echo_seq_no(), icmp.data()), (1, &b"v6 ping"[..]));
            break;
        }
    }
    // A raw ICMPv6 socket's checksum is not negotiable.
    assert_eq!(s.setsockopt(Ipv6Checksum, Some(2)).unwrap_err().raw_os_error(), Some(libc::EINVAL));
}

#[test]
fn ipv6_checksum_makes_the_kernel_fill_the_checksum() {
    if !need_raw6("ipv6_checksum_makes_the_kernel_fill_the_checksum") {
        return;
    }
    // IP protocol 253: "use for experimentation and testing" (RFC 3692).
    let proto = Protocol::from_raw(253);
    let tx = Socket::new(Domain::INET6, Type::RAW, proto).unwrap();
    let rx = Socket::new(Domain::INET6, Type::RAW, proto).unwrap();
    rx.settimeout(Some(GUARD)).unwrap();
    assert_eq!(tx.getsockopt(Ipv6Checksum).unwrap(), None, "off by default");
    tx.setsockopt(Ipv6Checksum, Some(4)).unwrap();
    assert_eq!(tx.getsockopt(Ipv6Checksum).unwrap(), Some(4));
    let odd = tx.setsockopt(Ipv6Checksum, Some(3)).unwrap_err();
    assert!(matches!(odd, berkeley::Error::InvalidInput { .. }), "{odd:?}");
    assert_eq!(tx.getsockopt(Ipv6Checksum).unwrap(), Some(4), "unchanged by the refused value");

    // The sender leaves bytes 4..6 zero; the kernel writes the checksum there.
    let tag = ident(6).to_be_bytes();
    let msg = [tag[0], tag[1], 0xab, 0xcd, 0, 0, 1, 2, 3, 4, 5];
    tx.sendto(&msg, SockAddrIn6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)).unwrap();
    let mut buf = [0u8; 256];
    let got = loop {
        let n = rx.recv(&mut buf).unwrap();
        if buf[..2] == tag {
            break &buf[..n];
        }
    };
    assert_eq!(got.len(), msg.len());
    assert_ne!(got[4..6], [0, 0], "the kernel filled the checksum");
    let ph = PseudoHeader::V6 { src: Ipv6Addr::LOCALHOST, dst: Ipv6Addr::LOCALHOST };
    let mut c = ph.sum(IpProtocol::new(253), got.len());
    c.update(got);
    assert_eq!(c.finish(), 0, "the checksum over pseudo-header and message verifies");

    // Off again: the bytes go out as written.
    tx.setsockopt(Ipv6Checksum, None).unwrap();
    assert_eq!(tx.getsockopt(Ipv6Checksum).unwrap(), None);
    let tag = ident(7).to_be_bytes();
    let msg = [tag[0], tag[1], 0, 0, 0, 0];
    tx.sendto(&msg, SockAddrIn6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)).unwrap();
    loop {
        let n = rx.recv(&mut buf).unwrap();
        if buf[..2] == tag {
            assert_eq!(&buf[..n], &msg);
            break;
        }
    }
}

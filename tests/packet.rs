//! Packet sockets (`AF_PACKET`): frames built with `berkeley::wire` written on one end of a veth
//! pair and read on the other, the `sockaddr_ll` the kernel reports (ifindex, protocol,
//! pkttype, hatype, source MAC), `PACKET_ADD_MEMBERSHIP` promiscuous mode, `PACKET_AUXDATA`
//! and `PACKET_IGNORE_OUTGOING`.
//!
//! Linux only, root only: each test makes its own network namespace with a veth pair
//! (`tests/util/netns.rs`), and skips with a message (a failure under
//! `BERKELEY_TEST_STRICT=1`) where it cannot.
#![cfg(target_os = "linux")]

#[path = "util/netns.rs"]
mod netns;
mod util;

use std::time::Duration;

use berkeley::addr::PacketType;
use berkeley::netdb::if_nametoindex;
use berkeley::sockopt::{
    FanoutGroup, FanoutMode, PacketAddMembership, PacketAuxData, PacketDropMembership,
    PacketFanout, PacketIgnoreOutgoing, PacketMreq,
};
use berkeley::wire::{EthernetFrame, EthernetRepr};
use berkeley::{Domain, EtherType, MacAddr, Protocol, SockAddrLl, Socket, Type};
use netns::Netns;

/// A guard against a hang, not a timing assertion.
const GUARD: Duration = Duration::from_secs(20);
/// IEEE 802 "local experimental" EtherType: no other traffic uses it.
const PROTO: EtherType = EtherType::from_raw(0x88b5);
const MAC0: MacAddr = MacAddr::new([0x02, 0xbe, 0, 0, 0, 0x10]);
const MAC1: MacAddr = MacAddr::new([0x02, 0xbe, 0, 0, 0, 0x11]);
const FOREIGN: MacAddr = MacAddr::new([0x02, 0xbe, 0, 0, 0, 0x99]);
const MULTICAST: MacAddr = MacAddr::new([0x01, 0x00, 0x5e, 0x7f, 0x00, 0x01]);

/// A namespace with the veth pair bk0 (MAC0) <-> bk1 (MAC1), both up, and their indexes.
struct Link {
    ns: Netns,
    bk0: u32,
    bk1: u32,
}

fn link(test: &str) -> Option<Link> {
    if !util::have_cap_net_raw() {
        util::skip(test, "packet sockets need CAP_NET_RAW (run as root)");
        return None;
    }
    let ns = match Netns::new("pkt") {
        Ok(ns) => ns,
        Err(why) => {
            util::skip(test, &why);
            return None;
        }
    };
    let (m0, m1) = (MAC0.to_string(), MAC1.to_string());
    ns.ip(&[
        "link", "add", "bk0", "address", &m0, "type", "veth", "peer", "name", "bk1", "address", &m1,
    ]);
    ns.ip(&["link", "set", "bk0", "up"]);
    ns.ip(&["link", "set", "bk1", "up"]);
    let (bk0, bk1) = ns.run(|| (if_nametoindex("bk0").unwrap(), if_nametoindex("bk1").unwrap()));
    Some(Link { ns, bk0, bk1 })
}

/// A packet socket in the link's namespace for `protocol`, bound to interface `ifindex`.
fn packet_socket(l: &Link, protocol: EtherType, ifindex: u32) -> Socket {
    let s = l.ns.run(|| Socket::new(Domain::PACKET, Type::RAW, Protocol::from(protocol)).unwrap());
    s.bind(SockAddrLl::new(ifindex, protocol, MacAddr::ZERO)).unwrap();
    s.settimeout(Some(GUARD)).unwrap();
    s
}

/// An Ethernet frame of type `PROTO` from `src` to `dst` carrying `tag` (padded to the 60-byte
/// minimum).
fn frame(src: MacAddr, dst: MacAddr, tag: &[u8]) -> Vec<u8> {
    let eth = EthernetRepr { src_addr: src, dst_addr: dst, vlan: None, ethertype: PROTO };
    let mut buf = vec![0u8; 60];
    let mut view = eth.emit(&mut buf).unwrap();
    view.payload_mut()[..tag.len()].copy_from_slice(tag);
    buf
}

/// Writes a frame on `tx` (bound to bk0) to `dst`, addressed with a `SockAddrLl` as C does.
fn send(l: &Link, tx: &Socket, dst: MacAddr, tag: &[u8]) {
    let f = frame(MAC0, dst, tag);
    assert_eq!(tx.sendto(&f, SockAddrLl::new(l.bk0, PROTO, dst)).unwrap(), f.len());
}

/// Reads frames from `rx` until one carries `tag`; returns it and the sender's address.
fn recv_tagged(rx: &Socket, tag: &[u8]) -> (Vec<u8>, SockAddrLl) {
    let mut buf = [0u8; 2048];
    loop {
        let (n, addr) = rx.recvfrom(&mut buf).unwrap();
        let eth = EthernetFrame::new_checked(&buf[..n]).unwrap();
        if eth.ethertype() == PROTO && eth.payload().starts_with(tag) {
            return (buf[..n].to_vec(), addr.as_ll().expect("an AF_PACKET address"));
        }
    }
}

#[test]
fn frames_cross_a_veth_pair_with_their_sockaddr_ll() {
    let Some(l) = link("frames_cross_a_veth_pair_with_their_sockaddr_ll") else { return };
    let tx = packet_socket(&l, PROTO, l.bk0);
    let rx = packet_socket(&l, PROTO, l.bk1);
    // A tap on bk0 for every protocol (ETH_P_ALL, htons'd by Protocol::from) sees what bk0
    // sends, as PACKET_OUTGOING.
    let tap = packet_socket(&l, EtherType::ALL, l.bk0);

    for (dst, tag, want) in [
        (MAC1, &b"to-host"[..], PacketType::HOST),
        (MacAddr::BROADCAST, b"to-all", PacketType::BROADCAST),
        (MULTICAST, b"to-group", PacketType::MULTICAST),
    ] {
        send(&l, &tx, dst, tag);
        let (bytes, from) = recv_tagged(&rx, tag);
        assert_eq!(bytes, frame(MAC0, dst, tag), "the frame arrives unchanged");
        let eth = EthernetFrame::new_checked(&bytes[..]).unwrap();
        assert_eq!((eth.src_addr(), eth.dst_addr()), (MAC0, dst));
        assert_eq!(from.pkttype(), want, "{tag:?}");
        assert_eq!(from.ifindex(), l.bk1);
        assert_eq!(from.protocol(), PROTO);
        assert_eq!(from.hatype(), SockAddrLl::ARPHRD_ETHER);
        assert_eq!(from.addr(), Some(MAC0), "the source MAC");

        let (_, out) = recv_tagged(&tap, tag);
        assert_eq!(out.pkttype(), PacketType::OUTGOING);
        assert_eq!(out.ifindex(), l.bk0);
        assert_eq!(out.protocol(), PROTO);
    }
    assert_eq!(format!("{:?}", PacketType::OUTGOING), "PACKET_OUTGOING");
}

/// bk1's promiscuity counter, as `ip -d link` shows it.
fn promiscuity(l: &Link) -> u32 {
    let out = l.ns.sh("ip -d link show bk1");
    let text = String::from_utf8_lossy(&out.stdout);
    let at = text.find("promiscuity ").expect("ip -d link shows promiscuity");
    text[at + 12..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn promiscuous_membership_shows_frames_for_other_hosts() {
    let Some(l) = link("promiscuous_membership_shows_frames_for_other_hosts") else { return };
    let tx = packet_socket(&l, PROTO, l.bk0);
    let rx = packet_socket(&l, PROTO, l.bk1);
    assert_eq!(promiscuity(&l), 0);

    rx.setsockopt(PacketAddMembership, PacketMreq::promisc(l.bk1)).unwrap();
    assert_eq!(promiscuity(&l), 1, "PACKET_MR_PROMISC made bk1 promiscuous");
    send(&l, &tx, FOREIGN, b"for-someone-else");
    let (bytes, from) = recv_tagged(&rx, b"for-someone-else");
    assert_eq!(from.pkttype(), PacketType::OTHERHOST);
    assert_eq!(EthernetFrame::new_checked(&bytes[..]).unwrap().dst_addr(), FOREIGN);

    rx.setsockopt(PacketDropMembership, PacketMreq::promisc(l.bk1)).unwrap();
    assert_eq!(promiscuity(&l), 0, "dropped");
    // The kernel counts memberships, and closing the socket releases its own.
    rx.setsockopt(PacketAddMembership, PacketMreq::promisc(l.bk1)).unwrap();
    rx.setsockopt(PacketAddMembership, PacketMreq::allmulti(l.bk1)).unwrap();
    assert_eq!(promiscuity(&l), 1);
    drop(rx);
    assert_eq!(promiscuity(&l), 0, "closing the socket ends its promiscuous mode");
}

#[test]
fn membership_of_a_missing_interface_is_an_os_error() {
    let Some(l) = link("membership_of_a_missing_interface_is_an_os_error") else { return };
    let rx = packet_socket(&l, PROTO, l.bk1);
    let err = rx.setsockopt(PacketAddMembership, PacketMreq::promisc(999_999)).unwrap_err();
    assert_eq!(err.call(), Some("setsockopt(PACKET_ADD_MEMBERSHIP)"));
    assert_eq!(err.raw_os_error(), Some(libc::ENODEV));
    // Too large for the C int: refused before the call.
    let err = rx.setsockopt(PacketAddMembership, PacketMreq::promisc(u32::MAX)).unwrap_err();
    assert!(matches!(err, berkeley::Error::InvalidInput { .. }), "{err:?}");
}

#[test]
fn ignore_outgoing_hides_what_the_host_sends() {
    let Some(l) = link("ignore_outgoing_hides_what_the_host_sends") else { return };
    let tx = packet_socket(&l, PROTO, l.bk0);
    let back = packet_socket(&l, PROTO, l.bk1);
    let tap = packet_socket(&l, EtherType::ALL, l.bk0);
    if tap.setsockopt(PacketIgnoreOutgoing, true).is_err() {
        return util::skip("ignore_outgoing_hides_what_the_host_sends", "kernel < 4.20");
    }
    assert!(tap.getsockopt(PacketIgnoreOutgoing).unwrap());
    tap.setsockopt(PacketAuxData, true).unwrap();
    assert!(tap.getsockopt(PacketAuxData).unwrap());

    // The outgoing copy would be queued to the tap during this sendto, before the frame even
    // reaches bk1; the marker from bk1 comes after it.
    send(&l, &tx, MAC1, b"outgoing");
    let marker = frame(MAC1, MAC0, b"marker");
    back.sendto(&marker, SockAddrLl::new(l.bk1, PROTO, MAC0)).unwrap();
    let mut buf = [0u8; 2048];
    loop {
        let (n, addr) = tap.recvfrom(&mut buf).unwrap();
        let eth = EthernetFrame::new_checked(&buf[..n]).unwrap();
        assert!(!eth.payload().starts_with(b"outgoing"), "an outgoing frame reached the tap");
        assert_ne!(addr.as_ll().unwrap().pkttype(), PacketType::OUTGOING);
        if eth.payload().starts_with(b"marker") {
            assert_eq!(addr.as_ll().unwrap().pkttype(), PacketType::HOST);
            break;
        }
    }
}

#[test]
fn fanout_group_shares_the_frames() {
    let Some(l) = link("fanout_group_shares_the_frames") else { return };
    let tx = packet_socket(&l, PROTO, l.bk0);
    let members = [packet_socket(&l, PROTO, l.bk1), packet_socket(&l, PROTO, l.bk1)];
    let outsider = packet_socket(&l, PROTO, l.bk1);
    let group = FanoutGroup::new(0x0b0b, FanoutMode::LB);
    for m in &members {
        m.setsockopt(PacketFanout, group).unwrap();
    }
    // The group's mode is fixed by its first member.
    let other = packet_socket(&l, PROTO, l.bk1);
    let err = other.setsockopt(PacketFanout, FanoutGroup::new(0x0b0b, FanoutMode::HASH));
    assert_eq!(err.unwrap_err().raw_os_error(), Some(libc::EINVAL));
    drop(other);

    // Round robin: each member gets every other frame; a socket outside the group gets all.
    let tags: Vec<String> = (0..6).map(|i| format!("fanout-{i}")).collect();
    for t in &tags {
        send(&l, &tx, MAC1, t.as_bytes());
    }
    for t in &tags {
        recv_tagged(&outsider, t.as_bytes());
    }
    // Three frames each (blocking reads: the test does not race the kernel's delivery); with
    // six sent, the tags then show that every frame reached exactly one member.
    let mut got = Vec::new();
    for m in &members {
        let mut buf = [0u8; 2048];
        for _ in 0..3 {
            let n = m.recv(&mut buf).unwrap();
            let eth = EthernetFrame::new_checked(&buf[..n]).unwrap();
            got.push(String::from_utf8_lossy(eth.payload()).trim_end_matches('\0').to_owned());
        }
    }
    got.sort();
    assert_eq!(got, tags, "each member got every other frame");
}

/// With `PACKET_AUXDATA` on, `recvmsg` on a packet socket delivers the frame and a
/// `Cmsg::PacketAuxData` with its length and the network header's offset. (Packet sockets
/// refuse `MSG_CMSG_CLOEXEC` with EINVAL: recvmsg must not send it to them.)
#[test]
fn recvmsg_delivers_packet_auxdata() {
    use berkeley::msg::{self, Cmsg, CmsgBuffer};
    use berkeley::MsgFlags;
    use std::io::IoSliceMut;

    let Some(l) = link("recvmsg_delivers_packet_auxdata") else { return };
    let tx = packet_socket(&l, PROTO, l.bk0);
    let rx = packet_socket(&l, PROTO, l.bk1);
    rx.setsockopt(PacketAuxData, true).unwrap();
    send(&l, &tx, MAC1, b"aux");
    let want = frame(MAC0, MAC1, b"aux");
    let (mut buf, mut cmsg) = ([0u8; 2048], CmsgBuffer::new());
    let got = rx.recvmsg(&mut [IoSliceMut::new(&mut buf)], &mut cmsg, MsgFlags::empty()).unwrap();
    assert_eq!(&buf[..got.len], &want[..]);
    assert_eq!(got.addr.as_ll().unwrap().pkttype(), PacketType::HOST);
    let aux: Vec<msg::PacketAuxData> = cmsg
        .messages()
        .filter_map(|m| match m.unwrap() {
            Cmsg::PacketAuxData(a) => Some(a),
            _ => None,
        })
        .collect();
    assert_eq!(aux.len(), 1, "one PACKET_AUXDATA message");
    assert_eq!((aux[0].len, aux[0].snaplen), (want.len() as u32, want.len() as u32));
    assert_eq!(aux[0].net, 14, "the network header follows the 14-byte Ethernet header");
}

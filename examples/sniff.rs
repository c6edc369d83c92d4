//! `sniff [IFACE] [-c COUNT]` — an `AF_PACKET` frame sniffer, one line per frame (Linux).
//!
//! ```text
//! $ sudo cargo run --example sniff -- lo -c 4
//! 74 lo 0:0:0:0:0:0 > 0:0:0:0:0:0 IPv4 127.0.0.1.37736 > 127.0.0.1.7007 TCP [S] length 0
//! 74 lo 0:0:0:0:0:0 > 0:0:0:0:0:0 IPv4 127.0.0.1.7007 > 127.0.0.1.37736 TCP [S.] length 0
//! 47 lo 0:0:0:0:0:0 > 0:0:0:0:0:0 IPv4 127.0.0.1.49537 > 127.0.0.1.9999 UDP length 5
//! 98 lo 0:0:0:0:0:0 > 0:0:0:0:0:0 IPv4 127.0.0.1 > 127.0.0.1 ICMP type 8 code 0 id 4242 seq 1
//! ```
//!
//! Each line: the frame's length on the wire, the interface (`if_indextoname` of the
//! `sockaddr_ll` that `recvfrom` returns), the source and destination MAC addresses in
//! `ether_ntoa` form, then the EtherType — `IPv4`, `IPv6`, `ARP`, or the number (`0x88cc`) —
//! and what the frame carries: the IP addresses and the protocol; for TCP and UDP the ports
//! (`ADDR.PORT`, as tcpdump writes them), TCP's flags in tcpdump's letters (`[S.]` is SYN+ACK)
//! and the payload length; for ICMP and ICMPv6 the type and code, and for echo messages the
//! identifier and sequence number. A frame sent by this host is marked `out`, a broadcast or
//! multicast one `broadcast`/`multicast`.
//!
//! The C shape: `socket(AF_PACKET, SOCK_RAW, 0)`, then `bind` to a `sockaddr_ll` with
//! `sll_protocol = htons(ETH_P_ALL)` and the interface's index (0: every interface) — the
//! socket receives nothing before the bind, so no frame from another interface slips in —
//! then `recvfrom(.., MSG_TRUNC)` per frame, which returns the frame's full length even when the
//! buffer was shorter. The bytes are decoded with [`berkeley::wire`]'s checked views: a frame
//! that is cut short or malformed prints what could be decoded and `[truncated]` (or the
//! problem), and a wrong IPv4 header or ICMP checksum prints `[bad checksum]` — never a panic.
//! TCP and UDP checksums are not checked: frames the host sends (and everything on loopback)
//! carry them unfinished, for the network card to complete.
//!
//! On the loopback interface every frame passes the packet socket twice, once leaving and once
//! arriving; like libpcap, the leaving copy is skipped there, so each frame shows once.
//!
//! Capturing needs root or `CAP_NET_RAW`; without it the program says so on one line and exits
//! with 1. Linux only (other systems capture through BPF devices, not `AF_PACKET`): elsewhere it
//! says that and exits with 1. Tested on Linux against `tcpdump -nn -e`.

mod common;

use common::{Prog, Result};

const PROG: Prog = Prog {
    name: "sniff",
    usage: "\
usage: sniff [IFACE] [-c COUNT]

Captures frames with an AF_PACKET socket and prints one line per frame: length, interface,
source > destination MAC, EtherType, and the IPv4/IPv6 addresses and protocol, TCP/UDP ports
(+ TCP flags), ICMP type/code/id/seq. Needs root or CAP_NET_RAW. Linux only.
  IFACE     the interface to capture on (default: all of them)
  -c COUNT  stop after COUNT frames (default: until interrupted)
",
};

fn main() {
    PROG.main(run)
}

/// The command line: `[IFACE] [-c COUNT]`, in any order.
fn parse_args(args: Vec<String>) -> Result<(Option<String>, Option<u64>)> {
    let (mut iface, mut count) = (None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if let Some(attached) = arg.strip_prefix("-c") {
            let value = if attached.is_empty() {
                args.next().unwrap_or_else(|| PROG.usage_error("-c needs a value"))
            } else {
                attached.to_owned()
            };
            count = Some(match value.parse::<u64>() {
                Ok(n) if n > 0 && value.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => return Err(common::msg(format!("-c: invalid count {value:?}"))),
            });
        } else if arg.starts_with('-') {
            PROG.usage_error(&format!("unknown option {arg:?}"));
        } else if iface.is_some() {
            PROG.usage_error("too many arguments");
        } else {
            iface = Some(arg);
        }
    }
    Ok((iface, count))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn run(args: Vec<String>) -> Result<()> {
    parse_args(args)?;
    Err(common::msg("AF_PACKET capture exists only on Linux"))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn run(args: Vec<String>) -> Result<()> {
    use std::io::{self, Write};

    use berkeley::addr::PacketType;
    use berkeley::netdb::{if_indextoname, if_nametoindex};
    use berkeley::{Domain, EtherType, MacAddr, MsgFlags, Protocol, SockAddrLl, Socket, Type};

    let (iface, count) = parse_args(args)?;
    let ifindex = match &iface {
        Some(name) => if_nametoindex(name).map_err(|e| common::msg(format!("{name}: {e}")))?,
        None => 0,
    };
    let sock = match Socket::new(Domain::PACKET, Type::RAW, Protocol::DEFAULT) {
        Ok(sock) => sock,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Err(common::msg(format!(
                "{e}: capturing frames needs root or CAP_NET_RAW (try sudo)"
            )))
        }
        Err(e) => return Err(e.into()),
    };
    sock.bind(SockAddrLl::new(ifindex, EtherType::ALL, MacAddr::new([0; 6])))?;

    // Big enough for a loopback GSO frame (64 KiB of IP plus the link header).
    let mut buf = vec![0u8; 128 * 1024];
    let mut names: Vec<(u32, String)> = Vec::new();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut line = String::with_capacity(256);
    let mut shown = 0u64;
    while count.map_or(true, |c| shown < c) {
        let (got, from) = sock.recvfrom_with_flags(&mut buf, MsgFlags::TRUNC)?;
        let Some(ll) = from.as_ll() else { continue };
        if ll.pkttype() == PacketType::OUTGOING && ll.hatype() == ARPHRD_LOOPBACK {
            continue; // the arriving copy follows
        }
        let name = match names.iter().find(|(i, _)| *i == ll.ifindex()) {
            Some((_, n)) => n.clone(),
            None => {
                let n = if_indextoname(ll.ifindex()).unwrap_or_else(|_| ll.ifindex().to_string());
                names.push((ll.ifindex(), n.clone()));
                n
            }
        };
        line.clear();
        decode::frame(&mut line, &buf[..got.len], got.full_len, &name, &ll);
        line.push('\n');
        out.write_all(line.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| common::msg(format!("stdout: {e}")))?;
        shown += 1;
    }
    Ok(())
}

/// `ARPHRD_LOOPBACK`: the `sll_hatype` of `lo`.
#[cfg(any(target_os = "linux", target_os = "android"))]
const ARPHRD_LOOPBACK: u16 = 772;

/// Frame decoding into one text line (pure: bytes in, text out).
#[cfg(any(target_os = "linux", target_os = "android"))]
mod decode {
    use std::fmt::Write;
    use std::net::{IpAddr, Ipv4Addr};

    use berkeley::addr::PacketType;
    use berkeley::wire::{
        icmpv4, icmpv6, ArpOperation, ArpPacket, EthernetFrame, Icmpv4Packet, Icmpv6Packet,
        IpProtocol, Ipv4Packet, Ipv6Packet, PacketError, TcpFlags, TcpPacket, UdpPacket,
    };
    use berkeley::{ether_ntoa, EtherType, MacAddr, SockAddrLl};

    /// `ARPHRD_NONE` and `ARPHRD_RAWIP`: devices without a link header (tun, WireGuard).
    const ARPHRD_NONE: u16 = 0xfffe;
    const ARPHRD_RAWIP: u16 = 519;

    /// Appends the line for one frame: `bytes` is what was captured, `wire_len` the frame's
    /// full length.
    pub fn frame(line: &mut String, bytes: &[u8], wire_len: usize, iface: &str, ll: &SockAddrLl) {
        let _ = write!(line, "{wire_len} {iface}");
        match ll.pkttype() {
            PacketType::OUTGOING => line.push_str(" out"),
            PacketType::BROADCAST => line.push_str(" broadcast"),
            PacketType::MULTICAST => line.push_str(" multicast"),
            PacketType::OTHERHOST => line.push_str(" otherhost"),
            _ => {}
        }
        let cut = bytes.len() < wire_len;
        match ll.hatype() {
            SockAddrLl::ARPHRD_ETHER | super::ARPHRD_LOOPBACK => ethernet(line, bytes),
            ARPHRD_NONE | ARPHRD_RAWIP => {
                line.push_str(" (no link header)");
                network(line, ll.protocol(), bytes);
            }
            other => {
                let _ = write!(line, " link type {other}");
            }
        }
        if cut && !line.ends_with("[truncated]") {
            line.push_str(" [truncated]");
        }
    }

    fn mac(m: MacAddr) -> impl std::fmt::Display {
        ether_ntoa(m)
    }

    fn ethernet(line: &mut String, bytes: &[u8]) {
        let eth = match EthernetFrame::new_checked(bytes) {
            Ok(eth) => eth,
            Err(e) => return problem(line, e),
        };
        let _ = write!(line, " {} > {}", mac(eth.src_addr()), mac(eth.dst_addr()));
        if let Some(tag) = eth.vlan() {
            let _ = write!(line, " vlan {}", tag.vid);
        }
        network(line, eth.ethertype(), eth.payload());
    }

    fn network(line: &mut String, ethertype: EtherType, bytes: &[u8]) {
        match ethertype {
            EtherType::IPV4 => ipv4(line, bytes),
            EtherType::IPV6 => ipv6(line, bytes),
            EtherType::ARP => arp(line, bytes),
            other => {
                let _ = write!(line, " {other}");
            }
        }
    }

    /// Notes a decoding failure: `[truncated]` for a short buffer, the problem otherwise.
    fn problem(line: &mut String, e: PacketError) {
        match e {
            PacketError::Truncated { .. } => line.push_str(" [truncated]"),
            PacketError::BadChecksum { .. } => line.push_str(" [bad checksum]"),
            other => {
                let _ = write!(line, " [{other}]");
            }
        }
    }

    /// `bytes` with the big-endian length field at `at` set to their own length: a view over
    /// a packet that was cut short, to decode the part that is there.
    fn shortened(bytes: &[u8], at: usize) -> Vec<u8> {
        let mut v = bytes.to_vec();
        let len = u16::try_from(v.len()).unwrap_or(u16::MAX);
        if v.len() >= at + 2 {
            v[at..at + 2].copy_from_slice(&len.to_be_bytes());
        }
        v
    }

    fn ipv4(line: &mut String, bytes: &[u8]) {
        line.push_str(" IPv4");
        let (owned, cut);
        let ip = match Ipv4Packet::new_checked(bytes) {
            Ok(ip) => {
                cut = false;
                ip
            }
            Err(PacketError::Truncated { .. }) if bytes.len() >= 20 => {
                // The header is there, the rest of the packet is not.
                owned = shortened(bytes, 2);
                match Ipv4Packet::new_checked(&owned[..]) {
                    Ok(ip) => {
                        cut = true;
                        ip
                    }
                    Err(e) => return problem(line, e),
                }
            }
            Err(e) => return problem(line, e),
        };
        let (src, dst) = (IpAddr::V4(ip.src_addr()), IpAddr::V4(ip.dst_addr()));
        let bad_header = !cut && !ip.verify_checksum();
        if ip.frag_offset() != 0 {
            // A later fragment: no transport header in it.
            let _ = write!(line, " {src} > {dst} fragment proto {}", ip.protocol().get());
        } else {
            transport(line, ip.protocol(), src, dst, ip.payload());
        }
        if bad_header {
            line.push_str(" [bad checksum]");
        }
        if cut && !line.ends_with("[truncated]") {
            line.push_str(" [truncated]");
        }
    }

    fn ipv6(line: &mut String, bytes: &[u8]) {
        line.push_str(" IPv6");
        let (owned, cut);
        let ip = match Ipv6Packet::new_checked(bytes) {
            Ok(ip) => {
                cut = false;
                ip
            }
            Err(PacketError::Truncated { .. }) if bytes.len() >= 40 => {
                // Payload length (bytes 4-5) to what is there.
                owned = {
                    let mut v = bytes.to_vec();
                    let len = u16::try_from(v.len() - 40).unwrap_or(u16::MAX);
                    v[4..6].copy_from_slice(&len.to_be_bytes());
                    v
                };
                match Ipv6Packet::new_checked(&owned[..]) {
                    Ok(ip) => {
                        cut = true;
                        ip
                    }
                    Err(e) => return problem(line, e),
                }
            }
            Err(e) => return problem(line, e),
        };
        let (src, dst) = (IpAddr::V6(ip.src_addr()), IpAddr::V6(ip.dst_addr()));
        transport(line, ip.next_header(), src, dst, ip.payload());
        if cut && !line.ends_with("[truncated]") {
            line.push_str(" [truncated]");
        }
    }

    fn transport(line: &mut String, proto: IpProtocol, src: IpAddr, dst: IpAddr, bytes: &[u8]) {
        match proto {
            IpProtocol::TCP => match TcpPacket::new_checked(bytes) {
                Ok(tcp) => {
                    let _ = write!(
                        line,
                        " {src}.{} > {dst}.{} TCP [{}] length {}",
                        tcp.src_port(),
                        tcp.dst_port(),
                        tcp_flags(tcp.flags()),
                        tcp.payload().len()
                    );
                }
                Err(e) => {
                    let _ = write!(line, " {src} > {dst} TCP");
                    problem(line, e);
                }
            },
            IpProtocol::UDP => {
                let owned;
                let (udp, cut) = match UdpPacket::new_checked(bytes) {
                    Ok(udp) => (udp, false),
                    Err(PacketError::Truncated { .. }) if bytes.len() >= 8 => {
                        owned = shortened(bytes, 4);
                        match UdpPacket::new_checked(&owned[..]) {
                            Ok(udp) => (udp, true),
                            Err(e) => {
                                let _ = write!(line, " {src} > {dst} UDP");
                                return problem(line, e);
                            }
                        }
                    }
                    Err(e) => {
                        let _ = write!(line, " {src} > {dst} UDP");
                        return problem(line, e);
                    }
                };
                let _ = write!(line, " {src}.{} > {dst}.{} UDP", udp.src_port(), udp.dst_port());
                if cut {
                    line.push_str(" [truncated]");
                } else {
                    let _ = write!(line, " length {}", udp.payload().len());
                }
            }
            IpProtocol::ICMP => {
                let _ = write!(line, " {src} > {dst} ICMP");
                match Icmpv4Packet::new_checked(bytes) {
                    Ok(icmp) => {
                        let (t, code) = (icmp.msg_type(), icmp.code());
                        let _ = write!(line, " type {t} code {code}");
                        if t == icmpv4::ICMP_ECHO || t == icmpv4::ICMP_ECHOREPLY {
                            let _ = write!(
                                line,
                                " id {} seq {}",
                                icmp.echo_ident(),
                                icmp.echo_seq_no()
                            );
                        }
                        if !icmp.verify_checksum() {
                            line.push_str(" [bad checksum]");
                        }
                    }
                    Err(e) => problem(line, e),
                }
            }
            IpProtocol::ICMPV6 => {
                let _ = write!(line, " {src} > {dst} ICMPv6");
                match Icmpv6Packet::new_checked(bytes) {
                    Ok(icmp) => {
                        let (t, code) = (icmp.msg_type(), icmp.code());
                        let _ = write!(line, " type {t} code {code}");
                        if t == icmpv6::ICMP6_ECHO_REQUEST || t == icmpv6::ICMP6_ECHO_REPLY {
                            let _ = write!(
                                line,
                                " id {} seq {}",
                                icmp.echo_ident(),
                                icmp.echo_seq_no()
                            );
                        }
                    }
                    Err(e) => problem(line, e),
                }
            }
            other => {
                let _ = write!(line, " {src} > {dst} proto {}", other.get());
            }
        }
    }

    /// tcpdump's letters, in its order: F S R P, `.` for ACK, U E W.
    fn tcp_flags(flags: TcpFlags) -> String {
        let mut s = String::new();
        for (flag, letter) in [
            (TcpFlags::FIN, 'F'),
            (TcpFlags::SYN, 'S'),
            (TcpFlags::RST, 'R'),
            (TcpFlags::PSH, 'P'),
            (TcpFlags::ACK, '.'),
            (TcpFlags::URG, 'U'),
            (TcpFlags::ECE, 'E'),
            (TcpFlags::CWR, 'W'),
        ] {
            if flags.contains(flag) {
                s.push(letter);
            }
        }
        if s.is_empty() {
            s.push_str("none");
        }
        s
    }

    fn arp(line: &mut String, bytes: &[u8]) {
        line.push_str(" ARP");
        let arp = match ArpPacket::new_checked(bytes) {
            Ok(arp) => arp,
            Err(e) => return problem(line, e),
        };
        let ip = |b: &[u8]| match <[u8; 4]>::try_from(b) {
            Ok(a) => Ipv4Addr::from(a).to_string(),
            Err(_) => format!("{b:02x?}"),
        };
        match arp.operation() {
            ArpOperation::REQUEST => {
                let _ = write!(
                    line,
                    " who-has {} tell {}",
                    ip(arp.target_protocol_addr()),
                    ip(arp.sender_protocol_addr())
                );
            }
            ArpOperation::REPLY => {
                let who = match <[u8; 6]>::try_from(arp.sender_hardware_addr()) {
                    Ok(m) => ether_ntoa(MacAddr::new(m)).to_string(),
                    Err(_) => format!("{:02x?}", arp.sender_hardware_addr()),
                };
                let _ = write!(line, " reply {} is-at {who}", ip(arp.sender_protocol_addr()));
            }
            op => {
                let _ = write!(line, " operation {}", op.get());
            }
        }
    }
}

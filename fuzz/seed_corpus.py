#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from real inputs (run from the repository root, then minimise
with `bash .ci/fuzz.sh --cmin` and commit the result):

- the wire_* targets: every frame of the packet captures in tests/data/*.pcap, cut at the layer
  each target parses (the TCP, UDP and ICMPv6 targets take a pseudo-header prefix: one byte, even
  for IPv4 then 8 address bytes, odd for IPv6 then 32);
- the text targets (inet_aton, inet_pton, ether_aton, sockaddr_parse): every string literal of
  the address tests and parsers (tests/{inet,ether,addr}.rs, src/{inet,ether}.rs, src/addr/);
- sockaddr: one length byte then the sockaddr bytes, for the socket addresses of the captures
  plus Unix (path, abstract, unnamed) and packet addresses built here.

- netdb_cache: this machine's /etc/services and /etc/protocols;
- inspect_procfs, inspect_netlink: this machine's /proc/net tables and sock_diag replies.

Seed files are named `seed-<sha1>` (cmin renames what it keeps to `<sha1>`); inputs that once
crashed a target are `regression-<what>` and are kept by --cmin. Existing files are left alone:
re-running only adds, so run --cmin after it.
"""
import glob
import hashlib
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def put(target, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)


def pcap_frames(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    assert linktype == 1, f"{path}: linktype {linktype}, expected Ethernet"
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[off : off + 16])
        off += 16
        yield data[off : off + incl]
        off += incl


def pseudo_prefix(src, dst):
    return (b"\x00" if len(src) == 4 else b"\x01") + src + dst


def wire_seeds():
    for cap in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "*.pcap"))):
        for frame in pcap_frames(cap):
            put("wire_ethernet", frame)
            ethertype = struct.unpack("!H", frame[12:14])[0]
            payload = frame[14:]
            if ethertype == 0x8100 and len(frame) >= 18:  # one VLAN tag
                ethertype = struct.unpack("!H", frame[16:18])[0]
                payload = frame[18:]
            if ethertype == 0x0806:
                put("wire_arp", payload)
            elif ethertype == 0x0800 and len(payload) >= 20:
                put("wire_ipv4", payload)
                ihl = (payload[0] & 0x0F) * 4
                total = struct.unpack("!H", payload[2:4])[0]
                src, dst, proto = payload[12:16], payload[16:20], payload[9]
                l4 = payload[ihl:total]
                sockaddr_in(src, l4)
                if proto == 1:
                    put("wire_icmpv4", l4)
                elif proto == 6:
                    put("wire_tcp", pseudo_prefix(src, dst) + l4)
                elif proto == 17:
                    put("wire_udp", pseudo_prefix(src, dst) + l4)
            elif ethertype == 0x86DD and len(payload) >= 40:
                put("wire_ipv6", payload)
                plen = struct.unpack("!H", payload[4:6])[0]
                nxt, src, dst = payload[6], payload[8:24], payload[24:40]
                l4 = payload[40 : 40 + plen]
                sockaddr_in6(src, l4)
                if nxt == 58:
                    put("wire_icmpv6", pseudo_prefix(src, dst) + l4)
                elif nxt == 6:
                    put("wire_tcp", pseudo_prefix(src, dst) + l4)
                elif nxt == 17:
                    put("wire_udp", pseudo_prefix(src, dst) + l4)


AF_UNIX, AF_INET, AF_INET6, AF_PACKET = 1, 2, 10, 17


def sockaddr(raw):
    put("sockaddr", bytes([len(raw)]) + raw)


def sockaddr_in(ip, l4):
    port = l4[0:2] if len(l4) >= 2 else b"\x00\x50"
    sockaddr(struct.pack("=H", AF_INET) + port + ip + bytes(8))


def sockaddr_in6(ip, l4):
    port = l4[0:2] if len(l4) >= 2 else b"\x00\x50"
    sockaddr(struct.pack("=H", AF_INET6) + port + bytes(4) + ip + struct.pack("=I", 2))


def other_sockaddrs():
    fam = lambda f: struct.pack("=H", f)
    sockaddr(fam(AF_UNIX))  # unnamed
    sockaddr(fam(AF_UNIX) + b"/tmp/app.sock\x00")
    sockaddr(fam(AF_UNIX) + b"/tmp/app.sock")  # no NUL counted
    sockaddr(fam(AF_UNIX) + b"\x00svc\x00name")  # abstract, NUL inside
    sockaddr(fam(AF_UNIX) + b"/" * 108)  # sun_path full
    # sockaddr_ll: family, protocol (be), ifindex, hatype, pkttype, halen, addr[8]
    sockaddr(fam(AF_PACKET) + b"\x08\x00" + struct.pack("=iHBB", 1, 1, 0, 6) + bytes(range(8)))
    sockaddr(fam(AF_INET) + b"\x1f\x90" + bytes([127, 0, 0, 1]) + bytes(8))
    sockaddr(fam(AF_INET6) + b"\x1f\x90" + bytes(4) + bytes(15) + b"\x01" + bytes(4))
    sockaddr(fam(12345) + b"junk")


RUST_STR = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        n = s[i + 1]
        if n == "x":
            out.append(int(s[i + 2 : i + 4], 16))
            i += 4
        elif n == "u":
            end = s.index("}", i)
            out += chr(int(s[i + 3 : end], 16)).encode()
            i = end + 1
        else:
            out += {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0", "\\": b"\\", '"': b'"', "'": b"'"}.get(
                n, b"\\" + n.encode()
            )
            i += 2
    return bytes(out)


def text_seeds():
    files = [os.path.join(ROOT, p) for p in ("tests/inet.rs", "tests/ether.rs", "tests/addr.rs", "src/inet.rs", "src/ether.rs")]
    files += glob.glob(os.path.join(ROOT, "src", "addr", "*.rs"))
    lits = set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            for m in RUST_STR.finditer(f.read()):
                try:
                    lit = unescape(m.group(1))
                except (ValueError, IndexError):
                    continue
                # Address-like literals only: prose and format strings add nothing.
                if 0 < len(lit) <= 64 and not re.search(rb"[{}]| [a-z]+ [a-z]+", lit):
                    lits.add(lit)
    for lit in sorted(lits):
        for target in ("inet_aton", "inet_pton", "ether_aton", "sockaddr_parse"):
            put(target, lit)


def netdb_seeds():
    """netdb_cache: this machine's /etc/services and /etc/protocols (their start), and both."""
    def head(path, n):
        try:
            with open(path, "rb") as f:
                return f.read(n)
        except OSError:
            return b""
    put("netdb_cache", head("/etc/services", 3000))
    put("netdb_cache", head("/etc/services", 1500) + b"\0" + head("/etc/protocols", 1500))
    put("netdb_cache", b"http 80/tcp www # web\nhttp 80/udp\nwww 8080/tcp\n\0ip 0 IP\ntcp 6 TCP\n")


def inspect_seeds():
    """inspect_procfs: this machine's /proc/net tables; inspect_netlink: its sock_diag replies
    (a few sockets of every kind are opened first so that the tables are not empty)."""
    import socket

    keep = []
    try:
        l4 = socket.socket(); l4.bind(("127.0.0.1", 0)); l4.listen(); keep.append(l4)
        c4 = socket.create_connection(l4.getsockname()); keep.append(c4)
        u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u4.bind(("127.0.0.1", 0)); keep.append(u4)
        un = socket.socket(socket.AF_UNIX); un.bind("\0berkeley-fuzz-seed"); un.listen(); keep.append(un)
        a, b = socket.socketpair(); keep += [a, b]
        l6 = socket.socket(socket.AF_INET6); l6.bind(("::1", 0)); l6.listen(); keep.append(l6)
    except OSError:
        pass
    tables = ["tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "packet"]
    for sel, name in enumerate(tables):
        try:
            with open(f"/proc/net/{name}", "rb") as f:
                text = f.read()
        except OSError:
            continue
        # Header plus a few lines: enough for every field's form, small enough to mutate.
        put("inspect_procfs", bytes([sel]) + b"\n".join(text.split(b"\n")[:6]))
        put("inspect_procfs", bytes([sel | 0x80]) + b"\n".join(text.split(b"\n")[:6]))

    NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, FLAGS = 4, 20, 0x1 | 0x300
    def dump(sel, body):
        try:
            nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
        except OSError:
            return
        with nl:
            seq = 4242 + sel
            nl.send(struct.pack("=IHHII", 16 + len(body), SOCK_DIAG_BY_FAMILY, FLAGS, seq, 0) + body)
            for _ in range(8):
                dgram = nl.recv(65536)
                # Cut at a message boundary so that seeds stay small.
                out, off = b"", 0
                while off + 16 <= len(dgram) and len(out) < 2048:
                    n = struct.unpack("=I", dgram[off:off + 4])[0]
                    if n < 16:
                        break
                    out += dgram[off:off + ((n + 3) & ~3)]
                    off += (n + 3) & ~3
                put("inspect_netlink", bytes([sel]) + out)
                if struct.unpack("=H", dgram[4:6])[0] in (2, 3):  # NLMSG_ERROR, NLMSG_DONE
                    break

    # inet_diag_req_v2: family, protocol, ext, pad, states, then a zeroed inet_diag_sockid.
    for sel, (fam, proto) in enumerate([(2, 6), (10, 6), (2, 17), (10, 17)]):
        dump([0, 1, 2, 3][sel], struct.pack("=BBBBI", fam, proto, 0, 0, 0xFFFFFFFF) + bytes(48))
    # unix_diag_req: family, protocol, pad, states, ino, show (name|peer|rqlen|uid), cookie.
    dump(6, struct.pack("=BBHIII", 1, 0, 0, 0xFFFFFFFF, 0, 0x01 | 0x04 | 0x10 | 0x40) + bytes(8))
    # packet_diag_req: family, protocol, pad, ino, show (info), cookie.
    dump(8, struct.pack("=BBHII", 17, 0, 0, 0, 0x01) + bytes(8))
    for s in keep:
        s.close()


if __name__ == "__main__":
    wire_seeds()
    other_sockaddrs()
    text_seeds()
    netdb_seeds()
    inspect_seeds()
    for t in sorted(os.listdir(CORPUS)):
        print(f"{t}: {len(os.listdir(os.path.join(CORPUS, t)))} inputs", file=sys.stderr)

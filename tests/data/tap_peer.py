"""Holds a tap device open and drives the kernel to send packets through it (see
make_wire_captures.sh). Runs inside a fresh network namespace, as root."""
import fcntl, os, socket, struct, subprocess, sys, time

out = sys.argv[1]
TUNSETIFF, IFF_TAP, IFF_NO_PI = 0x400454CA, 0x0002, 0x1000
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", b"wtap0", IFF_TAP | IFF_NO_PI))
def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)
PEER_MAC = bytes.fromhex("020000000002")
sh("ip link set wtap0 address 02:00:00:00:00:01 up")
sh("ip addr add 192.0.2.1/24 dev wtap0")
sh("ip addr add 2001:db8::1/64 dev wtap0 nodad")
sh("ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev wtap0")
sh("ip neigh add 2001:db8::2 lladdr 02:00:00:00:00:02 dev wtap0")
td = subprocess.Popen(["tcpdump", "-i", "wtap0", "-w", out, "-U", "not (icmp6 and ip6[40] == 143)"],
                      stderr=subprocess.DEVNULL)
time.sleep(1.5)

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
def ipv4(proto, payload, src="192.0.2.2", dst="192.0.2.1"):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0x1234, 0x4000, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload
def frame(ip):
    return bytes.fromhex("020000000001") + PEER_MAC + b"\x08\x00" + ip

# Kernel: ARP requests (no neighbour entry for .3), then IPv4/IPv6 traffic to the static peer.
subprocess.run("ping -c 1 -W 1 192.0.2.3", shell=True, stdout=subprocess.DEVNULL)
subprocess.run("ping -c 1 -W 1 -s 56 192.0.2.2", shell=True, stdout=subprocess.DEVNULL)
subprocess.run("ping -6 -c 1 -W 1 -s 57 2001:db8::2", shell=True, stdout=subprocess.DEVNULL)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b"hello, kernel", ("192.0.2.2", 47001))
u.sendto(b"u" * 1471, ("192.0.2.2", 47001))
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u6.sendto(b"six" * 11, ("2001:db8::2", 47001))
t = socket.socket(); t.setblocking(False)
try: t.connect(("192.0.2.2", 47002))
except BlockingIOError: pass
time.sleep(0.3)
# Injected (our checksums); the kernel answers each.
icmp = struct.pack("!BBHHH", 8, 0, 0, 0x4242, 1) + b"injected echo"
icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
os.write(fd, frame(ipv4(1, icmp)))
udp = struct.pack("!HHHH", 40000, 47009, 8 + 14, 0) + b"nobody listens"
os.write(fd, frame(ipv4(17, udp)))
syn = struct.pack("!HHIIBBHHH", 40001, 47010, 1000, 0, 0x50, 0x02, 1024, 0, 0)
pseudo = socket.inet_aton("192.0.2.2") + socket.inet_aton("192.0.2.1") + struct.pack("!BBH", 0, 6, len(syn))
syn = syn[:16] + struct.pack("!H", csum(pseudo + syn)) + syn[18:]
os.write(fd, frame(ipv4(6, syn)))
time.sleep(1)
td.terminate(); td.wait()

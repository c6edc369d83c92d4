#!/usr/bin/env python3
"""Traffic for make_veth_captures.sh.

serve:          UDP echo on port 47011 and TCP echo on 47012, every address (dual stack);
                runs until killed. Port 47019 stays closed.
client ADDR...: to each address: two UDP datagrams (even and odd length) echoed back, a TCP
                connection that sends 20 bytes and reads them back, and one UDP datagram to
                the closed port 47019 (the kernel answers with ICMP port unreachable).
"""

import select
import socket
import sys


def serve():
    u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    u.bind(("::", 47011))
    t = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    t.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("::", 47012))
    t.listen(8)
    while True:
        ready, _, _ = select.select([u, t], [], [])
        if u in ready:
            data, peer = u.recvfrom(2048)
            u.sendto(data, peer)
        if t in ready:
            c, _ = t.accept()
            with c:
                got = b""
                while len(got) < 20:
                    chunk = c.recv(64)
                    if not chunk:
                        break
                    got += chunk
                c.sendall(got)


def client(addrs):
    for a in addrs:
        fam = socket.AF_INET6 if ":" in a else socket.AF_INET
        u = socket.socket(fam, socket.SOCK_DGRAM)
        u.settimeout(5)
        for msg in (b"hello, veth!", b"odd"):
            u.sendto(msg, (a, 47011))
            assert u.recv(64) == msg
        u.sendto(b"nobody here", (a, 47019))
        t = socket.create_connection((a, 47012), timeout=5)
        t.sendall(b"twenty bytes of TCP!")
        got = b""
        while len(got) < 20:
            got += t.recv(64)
        assert got == b"twenty bytes of TCP!"
        t.close()
        u.close()


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    else:
        client(sys.argv[2:])

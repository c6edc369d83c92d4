#!/usr/bin/env python3
"""An independent peer for tests/python_peer.rs, written with Python's own `socket` module.

Each mode serves exactly one exchange and exits. Lines on stdout tell the Rust side what
Python saw, so addresses are checked by a second implementation of the socket API:

  tcp-server           bind 127.0.0.1:0, print "PORT n"; accept one connection, print
                       "PEER host port"; read to EOF; reply "LEN n\n" + the data reversed.
  tcp6-server          the same on [::1]:0.
  tcp-client PORT      connect to 127.0.0.1:PORT, print "SOCKNAME host port"; sendall a greeting,
                       shut down writing; read to EOF and print "GOT <text>".
  udp-server           bind 127.0.0.1:0, print "PORT n"; one recvfrom; send "host port " + the
                       data back to the sender.
  unix-server PATH     AF_UNIX stream at PATH, print "READY"; accept, print "PEER <repr>";
                       read to EOF; reply with the data upper-cased.
  unix-dgram PATH      AF_UNIX datagram at PATH, print "READY"; one recvfrom, print
                       "FROM <path>"; send the data upper-cased back to the sender.
"""

import socket
import sys

TIMEOUT = 60  # seconds; the Rust side kills us long before a test could hang on it


def out(*words):
    print(*words, flush=True)


def read_to_eof(conn):
    chunks = []
    while True:
        b = conn.recv(65536)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def tcp_server(family, host):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        s.listen(1)
        out("PORT", s.getsockname()[1])
        conn, peer = s.accept()
        with conn:
            conn.settimeout(TIMEOUT)
            out("PEER", peer[0], peer[1])
            data = read_to_eof(conn)
            conn.sendall(b"LEN %d\n" % len(data) + data[::-1])


def tcp_client(port):
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
        host, p = s.getsockname()
        out("SOCKNAME", host, p)
        s.sendall(b"hello from python")
        s.shutdown(socket.SHUT_WR)
        out("GOT", read_to_eof(s).decode())


def udp_server():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(TIMEOUT)
        s.bind(("127.0.0.1", 0))
        out("PORT", s.getsockname()[1])
        data, (host, port) = s.recvfrom(65536)
        s.sendto(("%s %d " % (host, port)).encode() + data, (host, port))


def unix_server(path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(path)
        s.listen(1)
        out("READY")
        conn, peer = s.accept()
        with conn:
            conn.settimeout(TIMEOUT)
            out("PEER", repr(peer))
            conn.sendall(read_to_eof(conn).upper())


def unix_dgram(path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.settimeout(TIMEOUT)
        s.bind(path)
        out("READY")
        data, sender = s.recvfrom(65536)
        out("FROM", sender)
        s.sendto(data.upper(), sender)


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "tcp-server":
        tcp_server(socket.AF_INET, "127.0.0.1")
    elif mode == "tcp6-server":
        tcp_server(socket.AF_INET6, "::1")
    elif mode == "tcp-client":
        tcp_client(int(argv[2]))
    elif mode == "udp-server":
        udp_server()
    elif mode == "unix-server":
        unix_server(argv[2])
    elif mode == "unix-dgram":
        unix_dgram(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

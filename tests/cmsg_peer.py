#!/usr/bin/env python3
"""A peer for tests/msg.rs, passing file descriptors with Python's own socket.sendmsg/recvmsg.

Usage: cmsg_peer.py PATH. Connects to the AF_UNIX stream socket at PATH; receives one message
with one SCM_RIGHTS fd (a pipe's write end) and writes "python wrote this" into it; then makes
a pipe, writes "from python's pipe" into it and sends the read end with SCM_RIGHTS, the data
"read this".
"""

import array
import os
import socket
import sys

TIMEOUT = 60  # seconds; the Rust side fails long before a test could hang on it

with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
    s.settimeout(TIMEOUT)
    s.connect(sys.argv[1])

    fds = array.array("i")
    msg, ancdata, flags, _ = s.recvmsg(64, socket.CMSG_SPACE(fds.itemsize))
    assert msg == b"write here", msg
    for level, kind, data in ancdata:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
    assert len(fds) == 1, (ancdata, flags)
    with os.fdopen(fds[0], "wb") as w:
        w.write(b"python wrote this")

    r, w = os.pipe()
    os.write(w, b"from python's pipe")
    os.close(w)
    s.sendmsg([b"read this"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r]))])
    os.close(r)
    print("OK", flush=True)

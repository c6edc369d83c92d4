#!/usr/bin/env python3
"""Loads two tc (SCHED_CLS) eBPF programs and pins them in a bpffs directory, for
make_veth_captures.sh: `push` tags every frame with 802.1Q VLAN VID (bpf_skb_vlan_push),
`pop` removes the tag (bpf_skb_vlan_pop). This kernel has no 8021q driver and no tc vlan
action; these stand in for them, so the frames on the wire are tagged by the kernel itself.

Usage: vlan_bpf.py BPFFS_DIR VID
"""

import ctypes
import struct
import sys

SYS_BPF = 321  # x86_64
BPF_PROG_LOAD, BPF_OBJ_PIN = 5, 6
BPF_PROG_TYPE_SCHED_CLS = 3
FUNC_SKB_VLAN_PUSH, FUNC_SKB_VLAN_POP = 18, 19
libc = ctypes.CDLL(None, use_errno=True)


def insn(code, dst=0, src=0, off=0, imm=0):
    """One struct bpf_insn."""
    return struct.pack("<BBhi", code, (src << 4) | dst, off, imm)


MOV64_IMM, CALL, EXIT = 0xB7, 0x85, 0x95


def load(prog, name):
    lic = ctypes.create_string_buffer(b"GPL")
    code = ctypes.create_string_buffer(prog, len(prog))
    log = ctypes.create_string_buffer(65536)
    attr = struct.pack("<IIQQIIQII16s", BPF_PROG_TYPE_SCHED_CLS, len(prog) // 8,
                       ctypes.addressof(code), ctypes.addressof(lic), 1, len(log),
                       ctypes.addressof(log), 0, 0, name)
    a = ctypes.create_string_buffer(attr, 128)
    fd = libc.syscall(SYS_BPF, BPF_PROG_LOAD, a, 128)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "BPF_PROG_LOAD: " + log.value.decode())
    return fd


def pin(fd, path):
    p = ctypes.create_string_buffer(path.encode())
    a = ctypes.create_string_buffer(struct.pack("<QII", ctypes.addressof(p), fd, 0), 128)
    if libc.syscall(SYS_BPF, BPF_OBJ_PIN, a, 128) < 0:
        raise OSError(ctypes.get_errno(), "BPF_OBJ_PIN " + path)


def main():
    directory, vid = sys.argv[1], int(sys.argv[2])
    # r1 = skb (on entry); r2 = htons(ETH_P_8021Q); r3 = VID; call skb_vlan_push; return TC_ACT_OK
    push = (insn(MOV64_IMM, dst=2, imm=socket_htons(0x8100)) + insn(MOV64_IMM, dst=3, imm=vid)
            + insn(CALL, imm=FUNC_SKB_VLAN_PUSH) + insn(MOV64_IMM, dst=0, imm=0) + insn(EXIT))
    # call skb_vlan_pop(skb); return TC_ACT_OK
    pop = insn(CALL, imm=FUNC_SKB_VLAN_POP) + insn(MOV64_IMM, dst=0, imm=0) + insn(EXIT)
    pin(load(push, b"vlan_push"), directory + "/push")
    pin(load(pop, b"vlan_pop"), directory + "/pop")


def socket_htons(x):
    return struct.unpack("<H", struct.pack(">H", x))[0]


if __name__ == "__main__":
    main()

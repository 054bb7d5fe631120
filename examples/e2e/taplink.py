#!/usr/bin/env python3
"""A jittery Ethernet link between two network namespaces (this kernel has no sch_netem).

Creates TAP device <ifA> in namespace <nsA> and <ifB> in <nsB>, and forwards every frame from one
to the other after a uniformly random delay in [minMs, maxMs], each frame independently (so frames
may be reordered, as with netem's jitter). The devices live as long as this process: killing it
removes them. Prints "ready" once both exist.

usage: taplink.py <nsA> <ifA> <nsB> <ifB> <minMs> <maxMs>
"""
import ctypes
import fcntl
import heapq
import os
import random
import select
import signal
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
libc = ctypes.CDLL(None, use_errno=True)


def enter(ns):
    fd = os.open("/var/run/netns/" + ns, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns(%s): %s" % (ns, os.strerror(err)))
    finally:
        os.close(fd)


def tap(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    ns_a, if_a, ns_b, if_b = sys.argv[1:5]
    lo, hi = float(sys.argv[5]) / 1000.0, float(sys.argv[6]) / 1000.0
    enter(ns_a)
    a = tap(if_a)
    enter(ns_b)
    b = tap(if_b)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("ready: %s/%s <-> %s/%s, delay %g..%g ms" % (ns_a, if_a, ns_b, if_b, lo * 1000, hi * 1000), flush=True)
    pending = []
    seq = 0
    while True:
        timeout = max(0.0, pending[0][0] - time.monotonic()) if pending else 1.0
        readable, _, _ = select.select([a, b], [], [], timeout)
        now = time.monotonic()
        for fd in readable:
            try:
                frame = os.read(fd, 65536)
            except OSError:
                continue
            heapq.heappush(pending, (now + random.uniform(lo, hi), seq, b if fd == a else a, frame))
            seq += 1
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, out, frame = heapq.heappop(pending)
            try:
                os.write(out, frame)
            except OSError:
                pass  # the other side is down (link down): the frame is lost, as on a wire


if __name__ == "__main__":
    main()

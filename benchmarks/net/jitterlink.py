#!/usr/bin/env python3
"""An impaired Ethernet link between two network namespaces (this kernel has no sch_netem).

Creates TAP device <ifA> in namespace <nsA> and <ifB> in <nsB> and forwards every frame from one
to the other: dropped with probability <lossPercent>/100, otherwise after a delay drawn uniformly
from [meanMs - jitterMs, meanMs + jitterMs], each frame independently (so frames may be reordered,
as with netem's jitter). The devices live as long as this process. Prints "ready" once both exist;
on SIGTERM prints "stats forwarded=<n> dropped=<n>" and exits.

usage: jitterlink.py <nsA> <ifA> <nsB> <ifB> <meanMs> <jitterMs> <lossPercent> <seed>
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


def tap_in(ns, name):
    fd = os.open("/var/run/netns/" + ns, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns(%s): %s" % (ns, os.strerror(err)))
    finally:
        os.close(fd)
    dev = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(dev, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    return dev


def main():
    if len(sys.argv) != 9:
        sys.exit(__doc__)
    ns_a, if_a, ns_b, if_b = sys.argv[1:5]
    mean, jitter, loss = float(sys.argv[5]) / 1000, float(sys.argv[6]) / 1000, float(sys.argv[7]) / 100
    if not (0 <= jitter <= mean) or not (0 <= loss < 1):
        sys.exit("need 0 <= jitterMs <= meanMs and 0 <= lossPercent < 100, got %s" % sys.argv[5:8])
    rng = random.Random(int(sys.argv[8]))
    a = tap_in(ns_a, if_a)
    b = tap_in(ns_b, if_b)
    counts = {"forwarded": 0, "dropped": 0}

    def stop(*_):
        print("stats forwarded=%d dropped=%d" % (counts["forwarded"], counts["dropped"]), flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    print("ready: %s/%s <-> %s/%s, delay %g +- %g ms, loss %g %%"
          % (ns_a, if_a, ns_b, if_b, mean * 1000, jitter * 1000, loss * 100), flush=True)
    pending = []  # (due, seq, out fd, frame)
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
            if rng.random() < loss:
                counts["dropped"] += 1
                continue
            heapq.heappush(pending, (now + rng.uniform(mean - jitter, mean + jitter), seq, b if fd == a else a, frame))
            seq += 1
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, out, frame = heapq.heappop(pending)
            try:
                os.write(out, frame)
                counts["forwarded"] += 1
            except OSError:
                pass  # the other side is down: the frame is lost, as on a wire


if __name__ == "__main__":
    main()

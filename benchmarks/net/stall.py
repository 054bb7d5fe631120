#!/usr/bin/env python3
"""Stalls a set of processes: SIGSTOP to all, wait, SIGCONT to all, as close together as a process can.

Prints "stall stopped=<epoch us> resumed=<epoch us>" with the moments the two signals were sent, so
the caller knows the stall's real length (a JVM cannot send SIGSTOP itself, and running kill twice
from it would add a process start to each edge).

usage: stall.py <stallMs> <pid>...
"""
import os
import signal
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    seconds = float(sys.argv[1]) / 1000
    pids = [int(p) for p in sys.argv[2:]]
    stopped = time.time_ns() // 1000
    for p in pids:
        os.kill(p, signal.SIGSTOP)
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        time.sleep(left)
    resumed = time.time_ns() // 1000
    for p in pids:
        os.kill(p, signal.SIGCONT)
    print("stall stopped=%d resumed=%d" % (stopped, resumed), flush=True)


if __name__ == "__main__":
    main()

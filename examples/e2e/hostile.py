#!/usr/bin/env python3
"""The e2e stage's attacker on the VPC subnet (examples/e2e/README.md, hostile-network cases).

Runs inside a namespace of the stage, as root (raw sockets), and only ever sends to the stage's
own addresses (10.99.0.0/24), which exist nowhere else.

  hostile.py capture IFACE SRC_IP DST_PORT COUNT FILE
      Writes the payloads of COUNT UDP datagrams from SRC_IP to DST_PORT seen on IFACE (AF_PACKET),
      one hex line each. Prints "captured N".
  hostile.py flood MODE DST_IP DST_PORT SECONDS RATE SRC_IPS [FILE]
      Sends RATE datagrams per second for SECONDS to DST_IP:DST_PORT, each from a random source
      port and one of the comma-separated SRC_IPS (spoofed, raw IP), MODE:
        garbage   random bytes, 1 to 200 of them
        mutated   a datagram of FILE with 1 to 4 random bytes changed, or truncated, or extended
        replay    the datagrams of FILE, unchanged, in turn
      Prints "sent N" at the end.
"""
import os
import random
import socket
import struct
import sys
import time


def capture(iface, src_ip, dst_port, count, path):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(0x0003))
    s.bind((iface, 0))
    s.settimeout(30)
    src = socket.inet_aton(src_ip)
    got = []
    while len(got) < count:
        frame = s.recv(65535)
        if len(frame) < 14 + 20 + 8 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        ihl = (ip[0] & 0x0F) * 4
        if ip[9] != 17 or ip[12:16] != src:
            continue
        udp = ip[ihl:]
        if struct.unpack("!H", udp[2:4])[0] != dst_port:
            continue
        length = struct.unpack("!H", udp[4:6])[0]
        got.append(udp[8:length])
    with open(path, "w") as f:
        for p in got:
            f.write(p.hex() + "\n")
    print("captured", len(got), flush=True)


def checksum(data):
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def packet(src_ip, dst_ip, src_port, dst_port, payload):
    udp_len = 8 + len(payload)
    src, dst = socket.inet_aton(src_ip), socket.inet_aton(dst_ip)
    pseudo = src + dst + struct.pack("!BBH", 0, 17, udp_len)
    header = struct.pack("!HHHH", src_port, dst_port, udp_len, 0)
    csum = checksum(pseudo + header + payload) or 0xFFFF
    udp = struct.pack("!HHHH", src_port, dst_port, udp_len, csum) + payload
    # version/IHL, TOS, total length, id, flags/fragment, TTL, protocol, checksum (kernel fills), src, dst
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, random.getrandbits(16), 0, 64, 17, 0, src, dst)
    return ip + udp


def payloads(mode, path):
    if mode == "garbage":
        while True:
            yield os.urandom(random.randint(1, 200))
    captured = [bytes.fromhex(line.strip()) for line in open(path) if line.strip()]
    if not captured:
        raise SystemExit("no datagrams in " + path)
    i = 0
    while True:
        p = captured[i % len(captured)]
        i += 1
        if mode == "replay":
            yield p
            continue
        b = bytearray(p)
        what = random.random()
        if what < 0.6:
            for _ in range(random.randint(1, 4)):
                b[random.randrange(len(b))] ^= random.randint(1, 255)
        elif what < 0.8:
            b = b[:random.randrange(1, len(b))]
        else:
            b += os.urandom(random.randint(1, 40))
        yield bytes(b)


def flood(mode, dst_ip, dst_port, seconds, rate, src_ips, path):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    sources = src_ips.split(",")
    gen = payloads(mode, path)
    sent = 0
    start = time.monotonic()
    end = start + seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        due = int((now - start) * rate)
        while sent < due:
            src_port = random.randint(1024, 65535)
            s.sendto(packet(random.choice(sources), dst_ip, src_port, dst_port, next(gen)), (dst_ip, 0))
            sent += 1
        time.sleep(0.001)
    print("sent", sent, flush=True)


def main(argv):
    if len(argv) >= 7 and argv[1] == "capture":
        capture(argv[2], argv[3], int(argv[4]), int(argv[5]), argv[6])
    elif len(argv) >= 8 and argv[1] == "flood":
        flood(argv[2], argv[3], int(argv[4]), float(argv[5]), int(argv[6]), argv[7], argv[8] if len(argv) > 8 else None)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

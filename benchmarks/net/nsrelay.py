#!/usr/bin/env python3
"""TCP relay from inside a network namespace to a server in the namespace this process started in.

The benchmark's agents and keepalived's notify scripts live in namespaces with no route out; the
EC2 fake runs in the harness JVM on the host's loopback. This relay is the one door: it binds its
listening socket inside <ns> (a socket keeps the namespace it was created in), switches back to its
own namespace, and connects every accepted connection to <targetHost>:<targetPort> there. One
process, one hop, no Unix sockets. Prints "ready" once listening; exits on SIGTERM.

usage: nsrelay.py <ns> <listenIp> <listenPort> <targetHost> <targetPort>
"""
import ctypes
import os
import select
import signal
import socket
import sys

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "setns: " + os.strerror(err))


def listener_in(ns, ip, port):
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open("/var/run/netns/" + ns, os.O_RDONLY)
    try:
        setns(target)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((ip, port))
        s.listen(64)
        s.setblocking(False)
        return s
    finally:
        setns(home)
        os.close(home)
        os.close(target)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    ns, ip, port, host, target_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    server = listener_in(ns, ip, port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("ready: %s %s:%d -> %s:%d" % (ns, ip, port, host, target_port), flush=True)
    peer = {}  # socket -> the socket its bytes go to
    while True:
        readable, _, _ = select.select([server] + list(peer), [], [])
        for s in readable:
            if s is server:
                try:
                    client, _ = server.accept()
                except BlockingIOError:
                    continue
                try:
                    upstream = socket.create_connection((host, target_port), timeout=2)
                except OSError:
                    client.close()  # the server is down: the client sees its connection closed
                    continue
                for c in (client, upstream):
                    c.setblocking(True)
                    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                peer[client], peer[upstream] = upstream, client
                continue
            if s not in peer:
                continue  # closed earlier in this round
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if data:
                try:
                    peer[s].sendall(data)
                    continue
                except OSError:
                    pass
            other = peer.pop(s)
            peer.pop(other, None)
            s.close()
            other.close()


if __name__ == "__main__":
    main()

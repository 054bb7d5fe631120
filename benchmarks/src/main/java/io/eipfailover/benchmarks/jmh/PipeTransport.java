package io.eipfailover.benchmarks.jmh;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One end of an in-memory, single-threaded datagram pipe between two memberships, for the
 * heartbeat benchmarks: {@link #send} copies the datagram into the other end's preallocated inbox,
 * and the benchmark thread delivers it with {@link #deliver()} and drives time with {@link #tick()}.
 * Nothing allocates per datagram, so whatever a benchmark measures is the membership's own
 * allocation. Not thread-safe: one thread drives both ends.
 */
final class PipeTransport implements DatagramTransport {
  private final SocketAddress source;
  private final ByteBuffer inbox = ByteBuffer.allocate(256);
  private PipeTransport other;
  private Handler handler;
  private boolean pending;
  private long sent;

  PipeTransport(int port) {
    this.source = new InetSocketAddress("127.0.0.1", port);
  }

  /** Connects two ends. */
  static void connect(PipeTransport a, PipeTransport b) {
    a.other = b;
    b.other = a;
  }

  @Override
  public void start(Handler handler) {
    this.handler = handler;
  }

  @Override
  public boolean send(NodeId peer, ByteBuffer datagram) {
    other.inbox.clear();
    other.inbox.put(datagram);
    other.inbox.flip();
    other.pending = true;
    sent++;
    return true;
  }

  /** Runs one tick of this end's membership (it sends whatever heartbeats are due). */
  long tick() {
    return handler.onTick();
  }

  /** Hands the datagram waiting in this end's inbox (if any) to its membership. */
  boolean deliver() {
    if (!pending) {
      return false;
    }
    pending = false;
    handler.onDatagram(inbox, source);
    return true;
  }

  /** Datagrams sent from this end. */
  long sent() {
    return sent;
  }

  @Override
  public void wakeup() {}

  @Override
  public void close() {
    handler = null;
  }
}

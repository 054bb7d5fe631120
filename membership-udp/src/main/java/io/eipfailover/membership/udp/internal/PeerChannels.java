package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport.Handler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real transport's sending side: one channel per peer, bound to an ephemeral port on the bind
 * address and <em>connected</em> to the peer, so the kernel hands the ICMP port-unreachable a
 * crashed peer's host answers with to this channel, and its next read or write throws {@link
 * PortUnreachableException}: the crash fast path's signal, reported by {@link #deliverUnreachable}.
 * Confined to the transport's loop thread, except {@link #close()} after the loop has stopped.
 */
final class PeerChannels {
  private static final Logger LOG = LoggerFactory.getLogger(PeerChannels.class);
  private static final int MAX_READS_PER_WAKEUP = 256;

  private final NodeId self;
  private final Map<NodeId, PeerChannel> byId = new HashMap<>();
  private final List<PeerChannel> inOrder = new ArrayList<>();

  private static final class PeerChannel {
    final NodeId id;
    final DatagramChannel channel;
    boolean unreachable;

    PeerChannel(NodeId id, DatagramChannel channel) {
      this.id = id;
      this.channel = channel;
    }
  }

  PeerChannels(NodeId self) {
    this.self = self;
  }

  /** Opens and registers one connected channel per peer, in configuration order. */
  void open(Selector selector, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers) throws IOException {
    for (Map.Entry<NodeId, InetSocketAddress> e : peers.entrySet()) {
      DatagramChannel ch = DatagramChannel.open();
      PeerChannel pc = new PeerChannel(e.getKey(), ch);
      inOrder.add(pc);
      ch.bind(new InetSocketAddress(bindAddress.getAddress(), 0));
      ch.connect(e.getValue());
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_READ, pc);
      byId.put(e.getKey(), pc);
    }
  }

  /** Sends to {@code peer}; a port-unreachable answer is kept for {@link #deliverUnreachable}. */
  boolean send(NodeId peer, ByteBuffer datagram) {
    PeerChannel pc = byId.get(peer);
    if (pc == null) {
      return false;
    }
    try {
      return pc.channel.write(datagram) > 0;
    } catch (PortUnreachableException e) {
      pc.unreachable = true;
      return false;
    } catch (IOException e) {
      LOG.debug("[id={}] send to {} failed: {}", self, peer, e.toString());
      return false;
    }
  }

  /** Whether {@code key} is a peer channel's. */
  boolean owns(SelectionKey key) {
    return key.attachment() instanceof PeerChannel;
  }

  /** Reads what a peer channel received (datagrams from that peer, or its ICMP error). */
  void read(SelectionKey key, ByteBuffer buffer, Handler handler) {
    PeerChannel pc = (PeerChannel) key.attachment();
    try {
      for (int i = 0; i < MAX_READS_PER_WAKEUP; i++) {
        buffer.clear();
        int n = pc.channel.read(buffer);
        if (n <= 0) {
          return;
        }
        buffer.flip();
        handler.onDatagram(buffer, pc.channel.getRemoteAddress());
      }
    } catch (PortUnreachableException e) {
      pc.unreachable = true;
    } catch (IOException e) {
      LOG.debug("[id={}] read from the channel to {} failed: {}", self, pc.id, e.toString());
    }
  }

  /** Reports the port-unreachable signals gathered since the last call, in peer order; whether any. */
  boolean deliverUnreachable(Handler handler) {
    boolean any = false;
    for (PeerChannel pc : inOrder) {
      if (pc.unreachable) {
        pc.unreachable = false;
        any = true;
        handler.onPortUnreachable(pc.id);
      }
    }
    return any;
  }

  /** Closes every channel. */
  void close() {
    inOrder.forEach(pc -> CrashLinkListener.closeQuietly(pc.channel, self));
  }
}

package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-detection TCP links (as JGroups {@code FD_SOCK}), run by the transport's selector loop.
 * We listen on TCP at the heartbeat address and keep one outbound connection to each peer's TCP
 * listener. Nothing is sent on them. When a peer's process dies its kernel closes the accepted
 * socket, so our read sees end-of-stream or a reset: a crash signal for that peer, reported like
 * an ICMP port-unreachable. The links carry no authority: a signal only makes the protocol probe,
 * and only ICMP answers (or the deadline) convict. A connect, failed or successful, is no signal:
 * the peer may just not be up yet, and a listening socket proves nothing about heartbeats.
 *
 * <p>The accepting side is the {@link CrashLinkListener}.
 *
 * <p>Thread-safety: confined to the transport's loop thread, except {@link #close()} after the
 * loop has stopped.
 */
final class CrashLinks {
  private static final Logger LOG = LoggerFactory.getLogger(CrashLinks.class);
  private static final int MAX_READS_PER_WAKEUP = 16;

  private final NodeId self;
  private final InetSocketAddress bindAddress;
  private final long retryNanos;
  private final long maxRetryNanos;
  private final long connectTimeoutNanos;
  private final CounterSet counters;
  private final List<Link> links = new ArrayList<>();
  private final CrashLinkListener listener;
  private final ByteBuffer drain = ByteBuffer.allocateDirect(256);
  /** Lost links and refused strangers are network-driven: logged within a budget per reason. */
  private final LastReading time = new LastReading();
  private final RateLimitedLog budgeted = RateLimitedLog.create(LOG, time);
  private Selector selector;
  private Consumer<NodeId> onLost;

  /** One outbound link: idle (no channel, waiting for {@code retryAt}), connecting, or connected. */
  private static final class Link {
    final NodeId id;
    final InetSocketAddress address;
    SocketChannel channel;
    boolean connected;
    boolean lost;
    long startedAt;
    long retryAt;
    long backoff;

    Link(NodeId id, InetSocketAddress address) {
      this.id = id;
      this.address = address;
    }
  }

  /**
   * @param retryNanos first reconnect delay (the keepalive); it doubles on each failure
   * @param maxRetryNanos the largest reconnect delay, also the connect timeout (the deadtime)
   */
  CrashLinks(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers, long retryNanos,
      long maxRetryNanos, CounterSet counters) {
    this.self = self;
    this.bindAddress = bindAddress;
    this.retryNanos = retryNanos;
    this.maxRetryNanos = Math.max(retryNanos, maxRetryNanos);
    this.connectTimeoutNanos = this.maxRetryNanos;
    this.counters = counters;
    peers.forEach((id, address) -> links.add(new Link(id, address)));
    this.listener = new CrashLinkListener(self, bindAddress, Math.max(16, 4 * peers.size()), budgeted);
  }

  /**
   * Binds the TCP listener and registers it; {@code onLost} receives crash signals (called from
   * the loop, later).
   *
   * @throws EipFailoverException naming {@code bindAddress} when the TCP port is taken
   */
  void open(Selector selector, Consumer<NodeId> onLost, long now) throws IOException {
    this.selector = selector;
    this.onLost = onLost;
    listener.open(selector);
    for (Link l : links) {
      l.retryAt = now;
      l.backoff = retryNanos;
    }
  }

  /** Whether {@code key} belongs to the links. */
  boolean owns(SelectionKey key) {
    Object a = key.attachment();
    return a instanceof Link || listener.owns(key);
  }

  /** On every tick: starts due connects, gives up on connects that take too long. */
  void maintain(long now) {
    for (Link l : links) {
      if (l.channel == null && now - l.retryAt >= 0) {
        connect(l, now);
      } else if (l.channel != null && !l.connected && now - l.startedAt > connectTimeoutNanos) {
        failed(l, now, "connect timed out");
      }
    }
  }

  /** Reports crash signals collected since the last call, in peer order; whether there were any. */
  boolean deliverLost() {
    boolean any = false;
    for (Link l : links) {
      if (l.lost) {
        l.lost = false;
        any = true;
        onLost.accept(l.id);
      }
    }
    return any;
  }

  /** Handles a selected key that {@link #owns} returned true for. */
  void onReady(SelectionKey key, long now) {
    if (!key.isValid()) {
      return;
    }
    Object a = key.attachment();
    time.at(now);
    if (listener.owns(key)) {
      listener.onReady(key);
    } else if (a instanceof Link l && l.channel == key.channel()) {
      if (!l.connected) {
        finishConnect(l, key, now);
      } else {
        readLink(l, now);
      }
    }
  }

  private void connect(Link l, long now) {
    try {
      SocketChannel ch = SocketChannel.open();
      l.channel = ch;
      l.connected = false;
      l.startedAt = now;
      ch.configureBlocking(false);
      CrashLinkListener.keepalive(ch, self);
      ch.bind(new InetSocketAddress(bindAddress.getAddress(), 0));
      SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT, l);
      if (ch.connect(l.address)) {
        established(l, key);
      }
    } catch (IOException e) {
      failed(l, now, e.toString());
    }
  }

  private void finishConnect(Link l, SelectionKey key, long now) {
    try {
      if (key.isConnectable() && l.channel.finishConnect()) {
        if (l.channel.getLocalAddress().equals(l.channel.getRemoteAddress())) {
          failed(l, now, "connected to itself (TCP simultaneous open)");
          return;
        }
        established(l, key);
      }
    } catch (IOException e) {
      failed(l, now, e.toString());
    }
  }

  private void established(Link l, SelectionKey key) {
    l.connected = true;
    l.backoff = retryNanos;
    key.interestOps(SelectionKey.OP_READ);
    counters.crashSocketConnects.incrementAndGet();
    LOG.debug("[id={}] crash-detection link to {} at {} connected", self, l.id, l.address);
  }

  /** A connect that did not succeed: no signal, retry later with a longer delay. */
  private void failed(Link l, long now, String why) {
    LOG.debug("[id={}] crash-detection link to {} at {}: {}; retry in {} ms", self, l.id, l.address, why,
        l.backoff / 1_000_000);
    CrashLinkListener.closeQuietly(l.channel, self);
    l.channel = null;
    l.connected = false;
    l.retryAt = now + l.backoff;
    l.backoff = Math.min(maxRetryNanos, l.backoff * 2);
  }

  private void readLink(Link l, long now) {
    String why = null;
    try {
      for (int i = 0; i < MAX_READS_PER_WAKEUP && why == null; i++) {
        drain.clear();
        int n = l.channel.read(drain);
        if (n == 0) {
          return;
        }
        if (n < 0) {
          why = "closed by the peer's host";
        }
      }
      if (why == null) {
        return; // the peer sends bytes (it need not): read the rest on the next wakeup
      }
    } catch (IOException e) {
      why = e.toString();
    }
    budgeted.info("link lost", "[id={}] crash-detection link to {} lost ({}): probing the peer", self, l.id, why);
    CrashLinkListener.closeQuietly(l.channel, self);
    l.channel = null;
    l.connected = false;
    l.lost = true;
    l.backoff = retryNanos;
    l.retryAt = now + retryNanos;
  }

  /** Closes the listener and every link. Call after the loop has stopped. */
  void close() {
    for (Link l : links) {
      CrashLinkListener.closeQuietly(l.channel, self);
      l.channel = null;
    }
    listener.close();
  }
}

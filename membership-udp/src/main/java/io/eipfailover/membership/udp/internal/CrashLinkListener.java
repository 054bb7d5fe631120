package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the {@link CrashLinks}: the TCP listener on the heartbeat address and the
 * connections peers opened to it. It only accepts and drains: their information is not needed,
 * but accepting keeps the backlog empty and lets it close sockets its peer abandoned. Accepted
 * connections are capped, so a stranger cannot exhaust our descriptors (at worst it denies peers
 * the fast signal). Confined to the transport's loop thread, except {@link #close()} after the loop
 * has stopped.
 */
final class CrashLinkListener {
  private static final Logger LOG = LoggerFactory.getLogger(CrashLinkListener.class);
  /** Half-open links (peer host rebooted) are found by TCP keepalive after this much idleness. */
  private static final int KEEPALIVE_IDLE_SECONDS = 10;
  private static final int KEEPALIVE_INTERVAL_SECONDS = 2;
  private static final int KEEPALIVE_COUNT = 3;
  private static final int MAX_READS_PER_WAKEUP = 16;
  /**
   * Room for the connections queued while this process is paused: each peer's verification adds
   * one per {@code verifyAfter} of silence, and a full queue drops the next probe, which would read
   * as a dead host. The kernel caps it at {@code net.core.somaxconn} (4096 on current kernels).
   */
  private static final int BACKLOG = 1024;
  /** Marks the keys of accepted connections (the listener's key carries this object itself). */
  private static final Object INBOUND = new Object();

  private final NodeId self;
  private final InetSocketAddress bindAddress;
  private final int maxInbound;
  private final Set<SocketChannel> inbound = new HashSet<>();
  private final ByteBuffer drain = ByteBuffer.allocateDirect(256);
  private Selector selector;
  private ServerSocketChannel server;
  /** Whether we are at the cap and have warned about it (once per episode, not per connection). */
  private boolean refusing;
  private final RateLimitedLog budgeted;

  /** @param budgeted the links' log, whose budget the refusal warning shares (strangers can repeat it) */
  CrashLinkListener(NodeId self, InetSocketAddress bindAddress, int maxInbound, RateLimitedLog budgeted) {
    this.self = self;
    this.budgeted = budgeted;
    this.bindAddress = bindAddress;
    this.maxInbound = maxInbound;
  }

  /**
   * Binds the TCP listener and registers it with {@code selector}.
   *
   * @throws EipFailoverException naming {@code bindAddress} when the TCP port is taken
   */
  void open(Selector selector) throws IOException {
    this.selector = selector;
    server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    try {
      server.bind(bindAddress, BACKLOG);
    } catch (IOException e) {
      throw new EipFailoverException("bindAddress " + bindAddress + " cannot be bound for TCP (the crash-detection"
          + " socket listens on the heartbeat port; free it or set the detector's crashDetectionSocket(false)): "
          + e.getMessage(), e);
    }
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT, this);
  }

  /** Whether {@code key} is the listener's or an accepted connection's. */
  boolean owns(SelectionKey key) {
    Object a = key.attachment();
    return a == this || a == INBOUND;
  }

  /** Handles a selected key that {@link #owns} returned true for. */
  void onReady(SelectionKey key) {
    if (key.attachment() == this) {
      accept();
    } else {
      drainInbound((SocketChannel) key.channel());
    }
  }

  private void accept() {
    try {
      for (SocketChannel c = server.accept(); c != null; c = server.accept()) {
        if (endedAlready(c)) {
          continue; // a peer's verification probe: connected, closed, done
        }
        if (inbound.size() >= maxInbound) {
          if (!refusing) {
            refusing = true;
            budgeted.warn("refusing", "[id={}] refusing crash-detection connections (first from {}): {} already open; strangers?"
                + " Peers lose only the TCP crash signal", self, c.getRemoteAddress(), inbound.size());
          }
          closeQuietly(c, self);
          continue;
        }
        refusing = false;
        keepalive(c, self); // reaps connections left half-open by a peer host that died
        c.register(selector, SelectionKey.OP_READ, INBOUND);
        inbound.add(c);
      }
    } catch (IOException e) {
      LOG.debug("[id={}] accepting a crash-detection connection failed: {}", self, e.toString());
    }
  }

  /**
   * Whether {@code c} was closed by its peer before we accepted it (then it is closed here): what a
   * peer's verification probe looks like, many of them at once after this node was paused.
   */
  private boolean endedAlready(SocketChannel c) throws IOException {
    c.configureBlocking(false);
    drain.clear();
    int n;
    try {
      n = c.read(drain);
    } catch (IOException e) {
      n = -1; // reset by the prober: as good as closed
    }
    if (n < 0) {
      closeQuietly(c, self);
      return true;
    }
    return false;
  }

  private void drainInbound(SocketChannel c) {
    try {
      for (int i = 0; i < MAX_READS_PER_WAKEUP; i++) {
        drain.clear();
        int n = c.read(drain);
        if (n == 0) {
          return;
        }
        if (n < 0) {
          break;
        }
      }
      if (drain.position() > 0) {
        return; // a chatty stranger: keep draining on the next wakeup
      }
    } catch (IOException e) {
      LOG.debug("[id={}] crash-detection connection from a peer failed: {}", self, e.toString());
    }
    inbound.remove(c);
    closeQuietly(c, self);
  }

  /** TCP keepalive, so a half-open connection (the other host died or rebooted) ends in a reset. */
  static void keepalive(SocketChannel ch, NodeId self) {
    setIfSupported(self, ch, StandardSocketOptions.SO_KEEPALIVE, true);
    setIfSupported(self, ch, ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
    setIfSupported(self, ch, ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
    setIfSupported(self, ch, ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_COUNT);
  }

  private static <T> void setIfSupported(NodeId self, SocketChannel ch, SocketOption<T> option, T value) {
    if (ch.supportedOptions().contains(option)) {
      try {
        ch.setOption(option, value);
      } catch (IOException | UnsupportedOperationException e) {
        LOG.debug("[id={}] cannot set {} on a crash-detection link: {}", self, option, e.toString());
      }
    }
  }

  /** Closes the listener and every accepted connection. Call after the loop has stopped. */
  void close() {
    inbound.forEach(c -> closeQuietly(c, self));
    inbound.clear();
    closeQuietly(server, self);
  }

  static void closeQuietly(AutoCloseable c, NodeId self) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("[id={}] closing {} failed: {}", self, c, e.toString());
    }
  }
}

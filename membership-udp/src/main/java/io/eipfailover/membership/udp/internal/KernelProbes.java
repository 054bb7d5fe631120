package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DatagramTransport.ProbeAnswer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real transport's verification probes ({@code DatagramTransport.probe}): non-blocking TCP
 * connection attempts to a peer's crash-detection port, run by the transport's selector loop (no
 * thread of their own, nothing blocks). A completed handshake proves the peer's host is up even if
 * its process is stopped, since the kernel answers for a listening socket; a refusal says nothing
 * listens; anything else (no answer, an unreachable network) is no answer at all, which the
 * protocol times. A handshake closes the connection at once (the peer's listener sees it end
 * before it is ever read) and every other attempt to that peer, so a paused peer's accept queue
 * holds one connection per verification, not four. Attempts are capped in number and closed after
 * their time-out. Confined to the transport's loop thread, except {@link #close()} after the loop.
 */
final class KernelProbes {
  private static final Logger LOG = LoggerFactory.getLogger(KernelProbes.class);
  /** More attempts in flight than this (4 per verification and peer) means something is wrong. */
  private static final int MAX_ATTEMPTS = 256;

  private final NodeId self;
  private final InetSocketAddress source;
  private final Map<NodeId, InetSocketAddress> peers;
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<NodeId> answeredPeers = new ArrayList<>();
  private final List<ProbeAnswer> answers = new ArrayList<>();
  private Selector selector;

  private record Attempt(NodeId peer, SocketChannel channel, long deadline) {}

  /** Probes from {@code bindAddress}'s IP (an ephemeral port) to each peer's address, over TCP. */
  KernelProbes(NodeId self, InetSocketAddress bindAddress, Map<NodeId, InetSocketAddress> peers) {
    this.self = self;
    this.source = new InetSocketAddress(bindAddress.getAddress(), 0);
    this.peers = Map.copyOf(peers);
  }

  void open(Selector selector) {
    this.selector = selector;
  }

  /** Starts one attempt to {@code peer}; whether it is under way (false: a local failure). */
  boolean start(NodeId peer, long timeoutNanos, long now) {
    InetSocketAddress target = peers.get(peer);
    if (target == null || attempts.size() >= MAX_ATTEMPTS) {
      return false;
    }
    SocketChannel ch = null;
    Attempt a;
    try {
      ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.bind(source);
      a = new Attempt(peer, ch, now + timeoutNanos);
      ch.register(selector, SelectionKey.OP_CONNECT, a);
      attempts.add(a);
    } catch (IOException e) {
      LOG.debug("[id={}] probe of {} at {} not sent: {}", self, peer, target, e.toString());
      CrashLinkListener.closeQuietly(ch, self);
      return false;
    }
    try {
      if (ch.connect(target)) {
        finish(a);
      }
      return true;
    } catch (IOException e) {
      if (refusal(e)) {
        failed(a, e); // refused within the call (loopback)
        return true;
      }
      LOG.debug("[id={}] probe of {} at {} not sent: {}", self, peer, target, e.toString());
      close(a); // a local failure (no route, no port): no probe, no information
      return false;
    }
  }

  /** Whether {@code key} is a probe's. */
  boolean owns(SelectionKey key) {
    return key.attachment() instanceof Attempt;
  }

  /** A probe's connect finished (or failed). */
  void onReady(SelectionKey key) {
    if (key.isValid() && key.attachment() instanceof Attempt a) {
      finish(a);
    }
  }

  private void finish(Attempt a) {
    try {
      if (!a.channel().finishConnect()) {
        return;
      }
      answer(a.peer(), ProbeAnswer.HANDSHAKE);
      closeAll(a.peer());
    } catch (IOException e) {
      failed(a, e);
    }
  }

  /** A refusal is an answer; anything else (unreachable, timed out) is none: the protocol times it. */
  private void failed(Attempt a, IOException e) {
    if (refusal(e)) {
      answer(a.peer(), ProbeAnswer.REFUSED);
    } else {
      LOG.debug("[id={}] probe of {}: {}", self, a.peer(), e.toString());
    }
    close(a);
  }

  /** Closes the attempts whose time is up (their silence is the protocol's to judge). */
  void expire(long now) {
    for (Iterator<Attempt> it = attempts.iterator(); it.hasNext(); ) {
      Attempt a = it.next();
      if (now - a.deadline() >= 0) {
        CrashLinkListener.closeQuietly(a.channel(), self);
        it.remove();
      }
    }
  }

  /** Hands the answers gathered since the last call to {@code to}, in arrival order; whether any. */
  boolean deliver(BiConsumer<NodeId, ProbeAnswer> to) {
    if (answers.isEmpty()) {
      return false;
    }
    for (int i = 0; i < answers.size(); i++) {
      to.accept(answeredPeers.get(i), answers.get(i));
    }
    answers.clear();
    answeredPeers.clear();
    return true;
  }

  /** Attempts in flight (for tests). */
  int inFlight() {
    return attempts.size();
  }

  /** Closes every attempt. Call after the loop has stopped. */
  void close() {
    attempts.forEach(a -> CrashLinkListener.closeQuietly(a.channel(), self));
    attempts.clear();
  }

  private static boolean refusal(IOException e) {
    return e instanceof ConnectException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused");
  }

  private void answer(NodeId peer, ProbeAnswer answer) {
    answeredPeers.add(peer);
    answers.add(answer);
  }

  private void closeAll(NodeId peer) {
    for (Iterator<Attempt> it = attempts.iterator(); it.hasNext(); ) {
      Attempt a = it.next();
      if (a.peer().equals(peer)) {
        CrashLinkListener.closeQuietly(a.channel(), self);
        it.remove();
      }
    }
  }

  private void close(Attempt a) {
    CrashLinkListener.closeQuietly(a.channel(), self);
    attempts.remove(a);
  }
}

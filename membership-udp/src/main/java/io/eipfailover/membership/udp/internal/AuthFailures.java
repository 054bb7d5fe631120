package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.RateLimitedLog;
import io.eipfailover.membership.udp.DropReason;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats that come from a configured peer's address but fail authentication: the peer's host is
 * alive and speaks our protocol, yet this node cannot accept what it says (another secret under
 * the same key id, a key id it lacks, another cluster name, node id or wire version). While that
 * lasts and nothing authentic arrives, the peer is <em>reachable but unauthenticated</em>: the
 * protocol keeps it out of DEAD, flags it in the view, and this class says so in one ERROR per
 * {@link #REPORT_INTERVAL} naming the peer, the key id and the likely cause. Design and reasoning:
 * {@code docs/authentication-failures.md}.
 *
 * <p>Attribution: a dropped datagram counts for peer P when its source host (the address without
 * the port: peers send from ephemeral ports) is P's configured host and, when several peers share
 * that host (loopback tests), when it claims to come from P. Only {@link #REASONS} count: a
 * replayed capture of a dead peer's heartbeats ({@code REPLAYED}) or line noise ({@code GARBAGE},
 * {@code TRUNCATED}) never keeps a peer alive. A peer is failing from its first such datagram
 * until an authentic one arrives, or none came for the window (the deadtime).
 *
 * <p>Not thread-safe: protocol thread only (counts are published through {@link CounterSet}).
 */
final class AuthFailures {
  /** Drop reasons that mean "a speaker of our protocol we cannot accept" ({@link DropReason#isAuthenticationFailure}). */
  static final Set<DropReason> REASONS = EnumSet.copyOf(
      Arrays.stream(DropReason.values()).filter(DropReason::isAuthenticationFailure).toList());
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

  private final Logger log;
  private final NodeId self;
  private final List<NodeId> peers;
  private final Map<Object, int[]> byHost = new HashMap<>();
  private final long windowNanos;
  private final CounterSet counters;
  private final boolean[] failing;
  private final long[] firstAt;
  private final long[] lastAt;
  private final long[] sinceReport;
  /** Whether the current episode was reported (only then is its end worth a line). */
  private final boolean[] reported;
  private final DropReason[] lastReason;
  private final int[] lastKeyId;
  private final int[] lastVersion;
  private final LastReading time = new LastReading();
  private final RateLimitedLog errors;

  /**
   * @param addresses the peers' configured addresses (peers without one are never attributed)
   * @param windowNanos how long one failing datagram keeps its peer failing (the deadtime)
   */
  AuthFailures(NodeId self, List<NodeId> peers, Map<NodeId, ? extends SocketAddress> addresses, long windowNanos,
      CounterSet counters) {
    this(self, peers, addresses, windowNanos, counters, LoggerFactory.getLogger(AuthFailures.class));
  }

  /** As above, logging to {@code log} (tests). */
  AuthFailures(NodeId self, List<NodeId> peers, Map<NodeId, ? extends SocketAddress> addresses, long windowNanos,
      CounterSet counters, Logger log) {
    this.log = log;
    this.self = self;
    this.peers = List.copyOf(peers);
    this.windowNanos = windowNanos;
    this.counters = counters;
    int n = peers.size();
    this.failing = new boolean[n];
    this.firstAt = new long[n];
    this.lastAt = new long[n];
    this.sinceReport = new long[n];
    this.reported = new boolean[n];
    this.lastReason = new DropReason[n];
    this.lastKeyId = new int[n];
    this.lastVersion = new int[n];
    Map<Object, List<Integer>> hosts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      SocketAddress a = addresses.get(peers.get(i));
      if (a != null) {
        hosts.computeIfAbsent(hostOf(a), h -> new ArrayList<>()).add(i);
      }
    }
    hosts.forEach((h, list) -> byHost.put(h, list.stream().mapToInt(Integer::intValue).toArray()));
    this.errors = RateLimitedLog.create(log, time, 1, REPORT_INTERVAL);
  }

  /**
   * A datagram from {@code source} was dropped for {@code reason} ({@code codec} still holds it):
   * counts it against the peer whose address sent it, if any.
   *
   * @return that peer's index, or -1
   */
  int failed(SocketAddress source, DropReason reason, HeartbeatCodec codec, long now) {
    if (!REASONS.contains(reason) || source == null) {
      return -1;
    }
    int[] candidates = byHost.get(hostOf(source));
    if (candidates == null) {
      return -1;
    }
    int claimed = codec.lastClaimedSender();
    int peer = claimed >= 0 ? (contains(candidates, claimed) ? claimed : -1) : (candidates.length == 1 ? candidates[0] : -1);
    if (peer < 0) {
      return -1;
    }
    if (!failing[peer] || now - lastAt[peer] >= windowNanos) {
      failing[peer] = true;
      firstAt[peer] = now;
      sinceReport[peer] = 0;
      reported[peer] = false;
    }
    lastAt[peer] = now;
    sinceReport[peer]++;
    lastReason[peer] = reason;
    lastKeyId[peer] = codec.lastKeyId();
    lastVersion[peer] = codec.lastVersion();
    counters.authFailure(peers.get(peer), reason);
    return peer;
  }

  /** An authentic heartbeat from peer {@code index}: its failures are over. */
  void authenticated(int index) {
    if (failing[index]) {
      failing[index] = false;
    }
    if (reported[index]) {
      reported[index] = false;
      log.info("[id={}] peer {} authenticates again", self, peers.get(index));
    }
  }

  /** When peer {@code index}'s failures began, or -1 if it has none within the window. */
  long failingSince(int index, long now) {
    return failing[index] && now - lastAt[index] < windowNanos ? firstAt[index] : -1;
  }

  /**
   * Peer {@code index} is reachable but unauthenticated at {@code now}: says so, at most once per
   * {@link #REPORT_INTERVAL}, with the failures since the last report and their likely cause.
   */
  void report(int index, long now) {
    time.at(now);
    if (errors.admit(peers.get(index)) < 0) {
      return;
    }
    NodeId peer = peers.get(index);
    log.error("[id={}] peer {} is reachable but unauthenticated: {} heartbeat(s) from its address failed"
        + " authentication ({}, key id {}) in the last {} s and none passed; likely cause: {}. This node cannot tell"
        + " which side is wrong: no EIP moves to or from {} while this lasts; fix the node whose configuration"
        + " differs", self, peer, sinceReport[index], lastReason[index], lastKeyId[index],
        Math.max(1, (now - Math.max(firstAt[index], now - REPORT_INTERVAL.toNanos())) / 1_000_000_000L),
        cause(index), peer);
    sinceReport[index] = 0;
    reported[index] = true;
  }

  private String cause(int i) {
    return switch (lastReason[i]) {
      case BAD_MAC -> "the two nodes hold different secrets under key id " + lastKeyId[i]
          + " (a mistyped or stale key file on one of them)";
      case UNKNOWN_KEY -> "it signs with key id " + lastKeyId[i] + ", which this node's keyring does not hold"
          + " (a key rotation step done on one node only?)";
      case WRONG_CLUSTER -> "its cluster.name differs from this node's";
      case UNKNOWN_SENDER -> "it sends under a node id that is not in this node's topology (node ids or topology differ)";
      case WRONG_VERSION -> "it speaks wire-format version " + lastVersion[i] + ", this node "
          + HeartbeatCodec.VERSION_1 + " to " + HeartbeatCodec.VERSION + " (another agent version)";
      default -> "unknown (" + lastReason[i] + ")";
    };
  }

  /** The address a datagram's source and a configured peer are compared by: the host, without the port. */
  private static Object hostOf(SocketAddress a) {
    if (a instanceof InetSocketAddress isa) {
      return isa.getAddress() != null ? isa.getAddress() : isa.getHostString();
    }
    return a;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}

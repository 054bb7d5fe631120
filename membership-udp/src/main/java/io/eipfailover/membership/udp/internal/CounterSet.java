package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The live counters: written by the protocol thread, read by anyone through {@link #snapshot()}.
 * Thread-safe; incrementing allocates nothing.
 */
final class CounterSet {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong sendErrors = new AtomicLong();
  final AtomicLong received = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong suspicions = new AtomicLong();
  final AtomicLong lateHeartbeats = new AtomicLong();
  final AtomicLong portUnreachable = new AtomicLong();
  final AtomicLong tcpCrashSignals = new AtomicLong();
  final AtomicLong crashSocketConnects = new AtomicLong();
  final AtomicLong fastPathConvictions = new AtomicLong();
  final AtomicLong pauseGuards = new AtomicLong();
  final AtomicLong probesSent = new AtomicLong();
  final AtomicLong probeHandshakes = new AtomicLong();
  final AtomicLong probeRefusals = new AtomicLong();
  final AtomicLong stallHolds = new AtomicLong();
  final AtomicLong hostGoneConvictions = new AtomicLong();
  final AtomicLong stallLimitConvictions = new AtomicLong();
  private final AtomicLong[] dropped = new AtomicLong[DropReason.values().length];
  /** Per configured peer, by reason: at most one entry per peer, made at its first failure. */
  private final Map<NodeId, AtomicLongArray> authFailures = new ConcurrentHashMap<>();

  CounterSet() {
    for (int i = 0; i < dropped.length; i++) {
      dropped[i] = new AtomicLong();
    }
  }

  void dropped(DropReason reason) {
    dropped[reason.ordinal()].incrementAndGet();
  }

  /** A datagram from {@code peer}'s address failed authentication for {@code reason}. */
  void authFailure(NodeId peer, DropReason reason) {
    authFailures.computeIfAbsent(peer, p -> new AtomicLongArray(DropReason.values().length))
        .incrementAndGet(reason.ordinal());
  }

  UdpMembershipCounters snapshot() {
    Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      drops.put(r, dropped[r.ordinal()].get());
    }
    return new UdpMembershipCounters(sent.get(), sendErrors.get(), received.get(), accepted.get(), drops,
        suspicions.get(), lateHeartbeats.get(), portUnreachable.get(), tcpCrashSignals.get(), crashSocketConnects.get(),
        fastPathConvictions.get(), pauseGuards.get(), new UdpMembershipCounters.Verification(probesSent.get(),
            probeHandshakes.get(), probeRefusals.get(), stallHolds.get(), hostGoneConvictions.get(),
            stallLimitConvictions.get()),
        authFailures());
  }

  private Map<NodeId, Map<DropReason, Long>> authFailures() {
    Map<NodeId, Map<DropReason, Long>> out = new TreeMap<>();
    authFailures.forEach((peer, counts) -> {
      Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
      for (DropReason r : DropReason.values()) {
        if (counts.get(r.ordinal()) > 0) {
          byReason.put(r, counts.get(r.ordinal()));
        }
      }
      out.put(peer, byReason);
    });
    return out;
  }
}

package io.eipfailover.membership.udp;

import io.eipfailover.core.NodeId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a {@link UdpMembership}'s counters, all counted since {@code start()}. They add
 * up: {@code received == accepted + droppedTotal()}.
 *
 * @param sent datagrams handed to the transport (heartbeats, announcements and probes)
 * @param sendErrors sends the transport refused (other than port-unreachable signals)
 * @param received datagrams received, valid or not
 * @param accepted datagrams that passed every check and were processed
 * @param dropped datagrams dropped, by reason (every reason present, zero included)
 * @param suspicions times a peer became SUSPECT
 * @param lateHeartbeats heartbeats that arrived later than the warning time after the previous one
 * @param portUnreachableSignals ICMP port-unreachable signals the transport reported
 * @param tcpCrashSignals crash-detection TCP connections to peers found closed or reset (the
 *     second crash signal, see {@code DetectorSettingsBuilder.crashDetectionSocket})
 * @param crashSocketConnects crash-detection TCP connections to peers established (first ones and
 *     reconnects; a connect is no evidence of life, only of a listening port)
 * @param fastPathConvictions peers declared dead by the crash fast path (confirmed ICMP
 *     port-unreachable or TCP connection-loss signals) rather than by the detector
 * @param pauseGuards times this node noticed its own loop had stalled and reset detector baselines
 * @param verification what the stall-immune verification did (all zero when it is off)
 * @param authFailures datagrams from each configured peer's address that failed authentication, by
 *     reason (also counted in {@code dropped}): a peer in this map whose heartbeats keep failing is
 *     <em>reachable but unauthenticated</em> (see {@code MemberEntry.unauthenticatedSince}); only
 *     peers with failures appear, with their non-zero reasons
 */
public record UdpMembershipCounters(
    long sent,
    long sendErrors,
    long received,
    long accepted,
    Map<DropReason, Long> dropped,
    long suspicions,
    long lateHeartbeats,
    long portUnreachableSignals,
    long tcpCrashSignals,
    long crashSocketConnects,
    long fastPathConvictions,
    long pauseGuards,
    Verification verification,
    Map<NodeId, Map<DropReason, Long>> authFailures) {
  /**
   * The stall-immune verification's counters ({@code DetectorSettingsBuilder.verifyAfter}).
   *
   * @param probesSent TCP connection attempts made to peers' kernels (verifications and path checks)
   * @param handshakes attempts a peer's kernel completed (its host was up)
   * @param refusals attempts a peer's kernel refused (nothing listened)
   * @param stallHolds silences the detector would have convicted but the peer's host answered
   *     (counted once per silence)
   * @param hostGoneConvictions peers convicted because their host, which answered before, stopped
   *     answering
   * @param stallLimitConvictions peers convicted at the stall limit although their host answered
   */
  public record Verification(long probesSent, long handshakes, long refusals, long stallHolds,
      long hostGoneConvictions, long stallLimitConvictions) {}

  public UdpMembershipCounters {
    EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      copy.put(r, dropped.getOrDefault(r, 0L));
    }
    dropped = Collections.unmodifiableMap(copy);
    Map<NodeId, Map<DropReason, Long>> byPeer = new TreeMap<>();
    authFailures.forEach((peer, reasons) -> {
      EnumMap<DropReason, Long> r = new EnumMap<>(DropReason.class);
      r.putAll(reasons);
      byPeer.put(peer, Collections.unmodifiableMap(r));
    });
    authFailures = Collections.unmodifiableMap(byPeer);
  }

  /** Datagrams dropped for {@code reason}. */
  public long dropped(DropReason reason) {
    return dropped.get(reason);
  }

  /** Datagrams dropped for any reason. */
  public long droppedTotal() {
    long total = 0;
    for (long n : dropped.values()) {
      total += n;
    }
    return total;
  }
}

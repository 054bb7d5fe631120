package io.eipfailover.membership.udp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

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
    long pauseGuards) {
  public UdpMembershipCounters {
    EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      copy.put(r, dropped.getOrDefault(r, 0L));
    }
    dropped = Collections.unmodifiableMap(copy);
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

package io.eipfailover.membership.udp.internal;

import io.eipfailover.membership.udp.DetectorSettings;

/**
 * Decides, for one peer, whether its silence means death. The small contract both detectors
 * share; times are readings of the membership's ticker in nanoseconds. Not thread-safe: used by
 * the protocol loop only.
 */
interface FailureDetector {
  /** A fresh detector of the kind {@code settings} name, for one peer. */
  static FailureDetector of(DetectorSettings settings) {
    return switch (settings.kind()) {
      case DEADLINE -> new DeadlineDetector(settings.deadtime().toNanos());
      case PHI_ACCRUAL -> new PhiAccrualDetector(settings.phiThreshold(), settings.phiMinStdDeviation().toNanos(),
          settings.phiAcceptablePause().toNanos(), settings.keepalive().toNanos(), settings.deadtime().toNanos());
    };
  }

  /** A valid heartbeat from the peer was processed at {@code now}. */
  void heartbeat(long now);

  /** Whether the peer should be declared dead at {@code now} (false before its first heartbeat). */
  boolean isDead(long now);

  /**
   * This node itself was paused and woke at {@code now}: count the peer's silence from now, and do
   * not learn the pause as a heartbeat interval.
   */
  void restartClock(long now);

  /** A human-readable suspicion level for logs (silence, or phi). */
  String describe(long now);
}

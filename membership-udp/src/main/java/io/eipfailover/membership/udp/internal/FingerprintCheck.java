package io.eipfailover.membership.udp.internal;

import io.eipfailover.core.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each peer's configuration fingerprint with ours and decides when a mismatch is reported:
 * at once, then again only when the peer's fingerprint changes or {@link #REPORT_INTERVAL_NANOS}
 * passed, so a persisting mismatch cannot flood logs and listeners. Protocol thread only.
 */
final class FingerprintCheck {
  private static final Logger LOG = LoggerFactory.getLogger(FingerprintCheck.class);
  static final long REPORT_INTERVAL_NANOS = 10_000_000_000L;

  private final NodeId self;
  private final long ours;
  private final boolean[] reported;
  private final long[] reportedAt;
  private final long[] theirsReported;

  FingerprintCheck(NodeId self, long ours, int peers) {
    this.self = self;
    this.ours = ours;
    this.reported = new boolean[peers];
    this.reportedAt = new long[peers];
    this.theirsReported = new long[peers];
  }

  /** Whether peer {@code p}'s fingerprint {@code theirs}, seen at {@code now}, is to be reported now. */
  boolean shouldReport(PeerRecord p, long theirs, long now) {
    int i = p.index;
    if (theirs == ours) {
      reported[i] = false;
      return false;
    }
    if (reported[i] && theirsReported[i] == theirs && now - reportedAt[i] < REPORT_INTERVAL_NANOS) {
      return false;
    }
    reported[i] = true;
    reportedAt[i] = now;
    theirsReported[i] = theirs;
    LOG.warn("[id={}] peer {} has a different cluster configuration (fingerprint {} vs ours {}): the two nodes"
        + " may compute different placements; give every node the same topology", self, p.id,
        Long.toHexString(theirs), Long.toHexString(ours));
    return true;
  }
}

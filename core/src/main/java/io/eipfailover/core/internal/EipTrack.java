package io.eipfailover.core.internal;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.FailoverTimeline;
import java.util.Collection;

/** The reconciler's memory about one EIP. Mutable; touched on the reconciler's loop only. */
final class EipTrack {
  /** Consecutive failed calls (or guard denials) for this EIP. */
  int failures;
  /** No action before this ticker reading. */
  long backoffUntil = Long.MIN_VALUE;
  /** When a reachable peer pulled this EIP away from this node (flap damping), if it did. */
  long lostAt = Long.MIN_VALUE;
  boolean lost;
  /** Who pulled it, and the start of that node's state episode (in our view) when it did. */
  NodeId lostTo;
  long lostToSince;
  /** The last associate this node made for the EIP and not yet seen by a describe. */
  AttachmentPoint inFlightPoint;
  long inFlightSince;
  FailoverTimeline inFlightTimeline;
  /** The last guard denial reason, so a standing denial is reported once, not every pass. */
  String lastDenial;
  /** The last dry-run intent reported, so it is reported once. */
  AttachmentPoint lastDryRun;

  boolean inFlightTo(AttachmentPoint point, long now, long timeoutNanos) {
    return inFlightPoint != null && inFlightPoint.equals(point) && now - inFlightSince < timeoutNanos;
  }

  void clearInFlight() {
    inFlightPoint = null;
    inFlightTimeline = null;
  }

  /** Whether some back-off ended in {@code (after, now]}: an intent it held back may act now. */
  static boolean anyBackoffEnded(Collection<EipTrack> tracks, long after, long now) {
    for (EipTrack t : tracks) {
      if (t.backoffUntil > after && t.backoffUntil <= now) {
        return true;
      }
    }
    return false;
  }

  /** Whether some associate, sent at least {@code delayNanos} ago, is not yet seen by a describe. */
  static boolean anyAwaitingConfirmation(Collection<EipTrack> tracks, long now, long delayNanos) {
    for (EipTrack t : tracks) {
      if (t.inFlightPoint != null && now - t.inFlightSince >= delayNanos) {
        return true;
      }
    }
    return false;
  }
}

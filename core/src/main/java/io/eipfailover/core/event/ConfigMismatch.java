package io.eipfailover.core.event;

import io.eipfailover.core.NodeId;
import java.time.Instant;

/** A peer announced a different topology fingerprint: the two nodes may compute different plans. */
public record ConfigMismatch(NodeId self, Instant at, NodeId peer, long ourFingerprint, long theirFingerprint)
    implements FailoverEvent {
  @Override
  public String toString() {
    return "ConfigMismatch[self=" + self + ", at=" + at + ", peer=" + peer + ", ours=" + Long.toHexString(ourFingerprint)
        + ", theirs=" + Long.toHexString(theirFingerprint) + "]";
  }
}

package io.eipfailover.core.testing;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.FailoverEvent;
import java.time.Duration;

/**
 * A failover event as a {@link SimulatedCluster} recorded it: virtual time, position among
 * everything recorded (shared with {@link GuardRecord#sequence()}), node incarnation, event.
 */
public record SimEvent(long atNanos, long sequence, NodeId node, int incarnation, FailoverEvent event) {
  @Override
  public String toString() {
    return "t=" + Duration.ofNanos(atNanos).toMillis() + "ms " + node + "#" + incarnation + " " + event;
  }
}

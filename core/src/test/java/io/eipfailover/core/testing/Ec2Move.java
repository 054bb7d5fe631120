package io.eipfailover.core.testing;

import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.Optional;

/**
 * An association change that took effect in {@link SimulatedEc2}.
 *
 * @param atNanos when it took effect (virtual nanoseconds)
 * @param requestedAtNanos when the associate call that caused it was made
 * @param allocationId the EIP
 * @param from the private IP it left, if it was associated
 * @param to the private IP it is now on; empty when it was displaced by another EIP
 * @param caller the node whose call caused the change
 */
public record Ec2Move(long atNanos, long requestedAtNanos, String allocationId, Optional<String> from,
    Optional<String> to, NodeId caller) {
  @Override
  public String toString() {
    return "t=" + Duration.ofNanos(atNanos).toMillis() + "ms " + allocationId + " " + from.orElse("none") + " -> "
        + to.orElse("none") + " (by " + caller + ", asked at " + Duration.ofNanos(requestedAtNanos).toMillis() + "ms)";
  }
}

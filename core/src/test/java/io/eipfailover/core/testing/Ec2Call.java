package io.eipfailover.core.testing;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One call made to {@link SimulatedEc2}, as logged: when (virtual nanoseconds), by which node, what
 * it asked and how it ended.
 *
 * @param atNanos virtual time of the call
 * @param caller the calling node ({@link SimulatedEc2#OPERATOR} for a hand-made change)
 * @param op the action
 * @param allocationIds the EIPs named in the call
 * @param target for an associate, where the EIP was to go
 * @param outcome how the call ended
 */
public record Ec2Call(long atNanos, NodeId caller, Op op, List<String> allocationIds, Optional<AttachmentPoint> target,
    Outcome outcome) {
  /** The API action ({@code DISASSOCIATE} only by the operator: the nodes never disassociate). */
  public enum Op { DESCRIBE, ASSOCIATE, DISASSOCIATE }

  /** How a call ended. */
  public enum Outcome {
    OK,
    THROTTLED,
    SERVER_ERROR,
    AUTH_ERROR,
    /** The association took effect but the caller saw a time-out. */
    LOST_RESPONSE,
    INVALID
  }

  public Ec2Call {
    allocationIds = List.copyOf(allocationIds);
  }

  @Override
  public String toString() {
    return "t=" + Duration.ofNanos(atNanos).toMillis() + "ms " + caller + " " + op + " " + allocationIds
        + target.map(t -> " -> " + t).orElse("") + " " + outcome;
  }
}

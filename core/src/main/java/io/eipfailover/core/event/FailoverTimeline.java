package io.eipfailover.core.event;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The measured steps of one takeover, as ticker readings (nanoseconds; only differences mean
 * anything). Steps that did not happen or are unknown are empty: a fail-back has no "declared
 * dead", an EIP that was unassociated has no last heartbeat.
 *
 * @param elasticIp the EIP moved
 * @param from the node that held it, if any
 * @param to the node that took it (the reporting node)
 * @param lastHeartbeatSeen last heartbeat processed from {@code from}
 * @param suspected when {@code from} was suspected
 * @param declaredDead when {@code from} left the reachable states (dead, standby, unhealthy)
 * @param guardVerdict when the guard answered (empty when no guard was asked)
 * @param requestSent when the associate call was sent
 * @param answered when it returned
 * @param confirmed when a describe first showed the new association
 */
public record FailoverTimeline(
    ElasticIp elasticIp,
    Optional<NodeId> from,
    NodeId to,
    OptionalLong lastHeartbeatSeen,
    OptionalLong suspected,
    OptionalLong declaredDead,
    OptionalLong guardVerdict,
    long requestSent,
    OptionalLong answered,
    OptionalLong confirmed) {

  public FailoverTimeline {
    Objects.requireNonNull(elasticIp, "elasticIp");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** A copy with the answer time set. */
  public FailoverTimeline withAnswered(long when) {
    return new FailoverTimeline(elasticIp, from, to, lastHeartbeatSeen, suspected, declaredDead, guardVerdict,
        requestSent, OptionalLong.of(when), confirmed);
  }

  /** A copy with the confirmation time set. */
  public FailoverTimeline withConfirmed(long when) {
    return new FailoverTimeline(elasticIp, from, to, lastHeartbeatSeen, suspected, declaredDead, guardVerdict,
        requestSent, answered, OptionalLong.of(when));
  }

  /** Last heartbeat (or, without one, declared dead, else request sent) to the associate answer. */
  public Optional<Duration> failoverTime() {
    if (answered.isEmpty()) {
      return Optional.empty();
    }
    long start = lastHeartbeatSeen.orElse(declaredDead.orElse(requestSent));
    return Optional.of(Duration.ofNanos(answered.getAsLong() - start));
  }

  /** Declared dead to the associate answer, if both are known. */
  public Optional<Duration> reactionTime() {
    if (answered.isEmpty() || declaredDead.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(answered.getAsLong() - declaredDead.getAsLong()));
  }

  /** Time from the last heartbeat to when the peer was declared dead, if both are known. */
  public Optional<Duration> detectionTime() {
    if (lastHeartbeatSeen.isEmpty() || declaredDead.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(declaredDead.getAsLong() - lastHeartbeatSeen.getAsLong()));
  }

  @Override
  public String toString() {
    long base = lastHeartbeatSeen.orElse(suspected.orElse(declaredDead.orElse(requestSent)));
    StringBuilder sb = new StringBuilder("timeline ").append(elasticIp.publicIp()).append(' ')
        .append(from.map(NodeId::toString).orElse("-")).append("->").append(to).append(':');
    step(sb, "last-heartbeat", lastHeartbeatSeen, base);
    step(sb, "suspected", suspected, base);
    step(sb, "dead", declaredDead, base);
    step(sb, "guard", guardVerdict, base);
    step(sb, "sent", OptionalLong.of(requestSent), base);
    step(sb, "answered", answered, base);
    step(sb, "confirmed", confirmed, base);
    return sb.toString();
  }

  private static void step(StringBuilder sb, String name, OptionalLong at, long base) {
    if (at.isPresent()) {
      sb.append(' ').append(name).append("=+").append((at.getAsLong() - base) / 1_000_000).append("ms");
    }
  }
}

package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ObservedAssociation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where EC2 last said the EIPs are, and when: what the plan works from between describes.
 *
 * @param byAllocationId the describe's answer (an EIP missing is unassociated), updated
 *     optimistically after this node's own associates
 * @param sentAt when the describe was sent ({@link Times#NEVER}: no describe yet)
 * @param answeredAt when its answer was processed
 */
public record Observation(Map<String, ObservedAssociation> byAllocationId, long sentAt, long answeredAt) {
  static final Observation NONE = new Observation(Map.of(), Times.NEVER, Times.NEVER);

  public Observation {
    byAllocationId = Map.copyOf(byAllocationId);
  }

  /** Whether a describe ever answered. */
  boolean made() {
    return sentAt != Times.NEVER;
  }

  /** The observation of one EIP, if the describe returned it. */
  Optional<ObservedAssociation> of(String allocationId) {
    return Optional.ofNullable(byAllocationId.get(allocationId));
  }

  /** The same observation with one EIP's entry replaced (this node's own move, before a describe shows it). */
  Observation with(ObservedAssociation association) {
    Map<String, ObservedAssociation> m = new HashMap<>(byAllocationId);
    m.put(association.allocationId(), association);
    return new Observation(m, sentAt, answeredAt);
  }
}

package io.eipfailover.core;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One node's entry in a {@link MembershipView}. Timestamps are readings of the ticker shared by
 * the membership and the reconciler (nanoseconds, only differences are meaningful).
 *
 * @param state the node's current state
 * @param since when the node entered {@code state}
 * @param lastHeard when the last valid heartbeat from the node was processed; empty if never
 * @param suspectedAt when the node was last suspected, if it went through SUSPECT on its way to
 *     DEAD (for failover timelines); empty otherwise
 */
public record PeerState(NodeState state, long since, OptionalLong lastHeard, OptionalLong suspectedAt) {
  public PeerState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastHeard, "lastHeard");
    Objects.requireNonNull(suspectedAt, "suspectedAt");
  }

  /** A state with no heartbeat history. */
  public static PeerState of(NodeState state, long since) {
    return new PeerState(state, since, OptionalLong.empty(), OptionalLong.empty());
  }
}

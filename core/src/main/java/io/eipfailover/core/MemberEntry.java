package io.eipfailover.core;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One member's entry in a {@link MembershipView}: its {@link MemberState} and since when. Timestamps are readings of the ticker shared by
 * the membership and the reconciler (nanoseconds, only differences are meaningful).
 *
 * @param state the node's current state
 * @param since when the node entered {@code state}
 * @param lastHeard when the last valid heartbeat from the node was processed; empty if never
 * @param suspectedAt when the node was last suspected, if it went through SUSPECT on its way to
 *     DEAD (for failover timelines); empty otherwise
 * @param unauthenticatedSince set while the node is <em>reachable but unauthenticated</em>: its
 *     address keeps sending us heartbeats that fail authentication (another key, cluster name or
 *     node id) and none that pass. Its host is alive, so the membership never declares it dead
 *     meanwhile (it stays {@link MemberState#SUSPECT}) and the reconciler moves no EIP to or from it
 *     (see {@code docs/authentication-failures.md}). The value is when the failures began; empty
 *     otherwise, and always empty for memberships that cannot tell (JGroups)
 */
public record MemberEntry(MemberState state, long since, OptionalLong lastHeard, OptionalLong suspectedAt,
    OptionalLong unauthenticatedSince) {
  public MemberEntry {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastHeard, "lastHeard");
    Objects.requireNonNull(suspectedAt, "suspectedAt");
    Objects.requireNonNull(unauthenticatedSince, "unauthenticatedSince");
  }

  /** An entry of a node that is not unauthenticated. */
  public MemberEntry(MemberState state, long since, OptionalLong lastHeard, OptionalLong suspectedAt) {
    this(state, since, lastHeard, suspectedAt, OptionalLong.empty());
  }

  /** A state with no heartbeat history. */
  public static MemberEntry of(MemberState state, long since) {
    return new MemberEntry(state, since, OptionalLong.empty(), OptionalLong.empty());
  }

  /** Whether the node is reachable but unauthenticated ({@link #unauthenticatedSince} is set). */
  public boolean isUnauthenticated() {
    return unauthenticatedSince.isPresent();
  }
}

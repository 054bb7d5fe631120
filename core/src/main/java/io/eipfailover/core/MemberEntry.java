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
 * @param hearsSelf whether the node hears the local node, as its last heartbeat said; {@link
 *     Hearing#UNKNOWN} for memberships that cannot tell (JGroups). {@link Hearing#NO} while we hear
 *     the node is a one-way partition: the reconciler leaves our EIPs on such a node until it hears
 *     us again (see {@code docs/reconciler-damping.md})
 */
public record MemberEntry(MemberState state, long since, OptionalLong lastHeard, OptionalLong suspectedAt,
    OptionalLong unauthenticatedSince, Hearing hearsSelf) {
  public MemberEntry {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastHeard, "lastHeard");
    Objects.requireNonNull(suspectedAt, "suspectedAt");
    Objects.requireNonNull(unauthenticatedSince, "unauthenticatedSince");
    Objects.requireNonNull(hearsSelf, "hearsSelf");
  }

  /** An entry whose node's hearing of the local node is not known. */
  public MemberEntry(MemberState state, long since, OptionalLong lastHeard, OptionalLong suspectedAt,
      OptionalLong unauthenticatedSince) {
    this(state, since, lastHeard, suspectedAt, unauthenticatedSince, Hearing.UNKNOWN);
  }

  /** An entry of a node that is not unauthenticated, whose hearing of the local node is not known. */
  public MemberEntry(MemberState state, long since, OptionalLong lastHeard, OptionalLong suspectedAt) {
    this(state, since, lastHeard, suspectedAt, OptionalLong.empty());
  }

  /** A state with no heartbeat history. */
  public static MemberEntry of(MemberState state, long since) {
    return new MemberEntry(state, since, OptionalLong.empty(), OptionalLong.empty());
  }

  /** This entry with {@code hearsSelf} replaced. */
  public MemberEntry withHearsSelf(Hearing hearing) {
    return new MemberEntry(state, since, lastHeard, suspectedAt, unauthenticatedSince, hearing);
  }

  /** Whether the node is reachable but unauthenticated ({@link #unauthenticatedSince} is set). */
  public boolean isUnauthenticated() {
    return unauthenticatedSince.isPresent();
  }
}

package io.eipfailover.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of what a node's membership believes. Views are totally ordered by
 * {@link #epoch()} on one node (a larger epoch is newer); epochs of different nodes are not
 * comparable.
 *
 * @param epoch increases by at least one with every change
 * @param self the node this view belongs to
 * @param members every node of the topology (self included) and its state; a node never heard
 *     of is {@link MemberState#SUSPECT} during the membership's initial dead time (so its EIPs stay
 *     put while the cluster boots) and {@link MemberState#DEAD} after it
 * @param merged whether this view ends a partition (the membership merged two sides); the
 *     reconciler re-asserts placement after it
 */
public record MembershipView(long epoch, NodeId self, Map<NodeId, MemberEntry> members, boolean merged) {
  public MembershipView {
    Objects.requireNonNull(self, "self");
    members = Collections.unmodifiableMap(new TreeMap<>(members));
    if (!members.containsKey(self)) {
      throw new IllegalArgumentException("view of " + self + " must contain self, had " + members.keySet());
    }
  }

  /** A view that is not a merge. */
  public MembershipView(long epoch, NodeId self, Map<NodeId, MemberEntry> members) {
    this(epoch, self, members, false);
  }

  /** The state of {@code node}; DEAD for a node the view does not know. */
  public MemberState stateOf(NodeId node) {
    MemberEntry p = members.get(node);
    return p == null ? MemberState.DEAD : p.state();
  }

  /** The full entry for {@code node}, or a DEAD entry with no history. */
  public MemberEntry peer(NodeId node) {
    MemberEntry p = members.get(node);
    return p == null ? MemberEntry.of(MemberState.DEAD, 0) : p;
  }

  /** Number of nodes in the given state. */
  public long count(MemberState state) {
    return members.values().stream().filter(p -> p.state() == state).count();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("View{").append(self).append(" #").append(epoch);
    if (merged) {
      sb.append(" merged");
    }
    members.forEach((n, p) -> sb.append(' ').append(n).append('=').append(p.state())
        .append(p.isUnauthenticated() ? "(unauthenticated)" : "")
        .append(p.hearsSelf() == Hearing.NO ? "(does not hear us)" : ""));
    return sb.append('}').toString();
  }
}

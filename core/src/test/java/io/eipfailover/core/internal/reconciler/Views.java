package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Topologies;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Views of a pair for table tests: n1 (self) alive since 0, n2 as given. */
final class Views {
  static final NodeId A = Topologies.node(1);
  static final NodeId B = Topologies.node(2);

  private Views() {}

  /** n2 in {@code state} since {@code since}, last heard at {@code heard} (null: never). */
  static MembershipView pair(MemberState state, long since, Long heard) {
    Map<NodeId, MemberEntry> m = new TreeMap<>();
    m.put(A, MemberEntry.of(MemberState.ALIVE, 0));
    m.put(B, new MemberEntry(state, since, heard == null ? OptionalLong.empty() : OptionalLong.of(heard),
        OptionalLong.empty()));
    return new MembershipView(1, A, m);
  }
}

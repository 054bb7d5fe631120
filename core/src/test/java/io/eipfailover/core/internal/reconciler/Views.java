package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.PeerState;
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
  static MembershipView pair(NodeState state, long since, Long heard) {
    Map<NodeId, PeerState> m = new TreeMap<>();
    m.put(A, PeerState.of(NodeState.ALIVE, 0));
    m.put(B, new PeerState(state, since, heard == null ? OptionalLong.empty() : OptionalLong.of(heard),
        OptionalLong.empty()));
    return new MembershipView(1, A, m);
  }
}

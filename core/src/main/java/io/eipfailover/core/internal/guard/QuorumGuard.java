package io.eipfailover.core.internal.guard;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;

/**
 * Majority of the topology: counts the topology nodes the view shows as reachable (alive, standby
 * or unhealthy), plus the asking node itself, which is up by definition; allows when that is more
 * than half of the topology. Of two sides of a partition at most one can have a majority, so at
 * most one side takes EIPs. Stateless and thread-safe.
 */
public final class QuorumGuard implements SplitBrainGuard {

  @Override
  public GuardVerdict evaluate(TakeoverRequest request) {
    ClusterTopology topology = request.topology();
    int nodes = topology.nodes().size();
    int reachable = 0;
    for (NodeId id : topology.nodeIds()) {
      if (id.equals(request.self()) || request.view().stateOf(id).isReachable()) {
        reachable++;
      }
    }
    String reason = "quorum: " + reachable + " of " + nodes + " nodes reachable (need " + (nodes / 2 + 1) + ")";
    return reachable * 2 > nodes ? GuardVerdict.allow(reason) : GuardVerdict.deny(reason);
  }

  @Override
  public String toString() {
    return "quorum()";
  }
}

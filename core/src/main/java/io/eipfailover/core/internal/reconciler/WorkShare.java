package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import java.util.HashMap;
import java.util.Map;

/**
 * How much of a mass move is this node's: its moves left against the mean of the nodes that have
 * some, from the plan every node computes alike. The weight of this node's associate budget
 * ({@link TokenBudget#weighted}): under throttling, shares converge in proportion to the weights,
 * so the nodes with most to move get most of the account's refill and all finish together. Pure.
 */
final class WorkShare {
  /** Weights are kept within [1/{@value}, {@value}], so a share never starves nor hogs. */
  static final double LIMIT = 8;

  private WorkShare() {}

  /** This node's weight: its moves left over the mean of the nodes that have moves left (1 if none). */
  static double weight(NodeId self, PlacementInput input, Placement plan) {
    Map<NodeId, Integer> moves = new HashMap<>();
    int total = 0;
    for (Map.Entry<String, Placement.Target> e : plan.targets().entrySet()) {
      ObservedAssociation seen = input.observed().get(e.getKey());
      if (seen == null || !seen.isAt(e.getValue().point())) {
        moves.merge(e.getValue().node(), 1, Integer::sum);
        total++;
      }
    }
    Integer mine = moves.get(self);
    if (mine == null) {
      return 1.0;
    }
    double mean = (double) total / moves.size();
    return Math.max(1 / LIMIT, Math.min(LIMIT, mine / mean));
  }
}

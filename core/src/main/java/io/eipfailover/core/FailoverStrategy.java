package io.eipfailover.core;

/**
 * Decides where every EIP should be: a pure, deterministic function of its {@link PlacementInput}
 * (no clock, no I/O, no randomness), so every node given the same view and observations computes
 * the same plan. Built-ins: {@link FailoverStrategies}.
 *
 * <p>Rules every strategy must keep (the simulation checks them): only nodes that are {@link
 * MemberState#ALIVE} in the view receive an EIP they do not already hold; a target point belongs to
 * the target node; two EIPs never share a target point; a reserved point already holding another
 * EIP (observed) is not free.
 */
public interface FailoverStrategy {
  /** Computes the desired placement. */
  Placement place(PlacementInput input);

  /**
   * How many reserved private IPs {@code node} needs so the cluster survives {@code
   * toleratedFailures} simultaneous node failures. The default is the worst case of a strategy that
   * may put every orphaned EIP on one survivor: the sum of the {@code toleratedFailures} largest
   * home-EIP counts among the other nodes.
   */
  default int reservedIpsNeeded(ClusterTopology topology, NodeId node, int toleratedFailures) {
    return topology.nodeIds().stream()
        .filter(n -> !n.equals(node))
        .map(n -> topology.homedOn(n).size())
        .sorted(java.util.Comparator.reverseOrder())
        .limit(toleratedFailures)
        .mapToInt(Integer::intValue)
        .sum();
  }
}

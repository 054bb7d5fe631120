package io.eipfailover.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link FailoverStrategy} may look at. Two nodes with equal inputs must compute equal
 * placements.
 *
 * @param topology the cluster
 * @param view the membership view (its {@code self} is not used by built-in strategies)
 * @param observed where each EIP is associated now, by allocation id (an EIP missing from the map
 *     is treated as unassociated)
 * @param now the current ticker reading in nanoseconds, comparable with the view's timestamps
 */
public record PlacementInput(
    ClusterTopology topology, MembershipView view, Map<String, ObservedAssociation> observed, long now) {
  public PlacementInput {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(view, "view");
    observed = Map.copyOf(observed);
  }

  /** The node whose attachment point holds {@code eip} now, if any node of the topology does. */
  public Optional<NodeId> holderOf(ElasticIp eip) {
    ObservedAssociation a = observed.get(eip.allocationId());
    if (a == null || !a.isAssociated()) {
      return Optional.empty();
    }
    Optional<NodeId> owner = topology.ownerOf(a.privateIp().get());
    if (owner.isPresent() && topology.node(owner.get()).owns(a.networkInterfaceId().get(), a.privateIp().get())) {
      return owner;
    }
    return Optional.empty();
  }
}

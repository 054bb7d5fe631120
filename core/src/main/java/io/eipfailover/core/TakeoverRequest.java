package io.eipfailover.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SplitBrainGuard} is asked: may {@code self} take {@code elasticIp}, now associated
 * with {@code currentHolder} (empty when unassociated or held outside the cluster), given {@code
 * view}?
 */
public record TakeoverRequest(
    NodeId self, ElasticIp elasticIp, Optional<NodeId> currentHolder, MembershipView view, ClusterTopology topology) {
  public TakeoverRequest {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(elasticIp, "elasticIp");
    Objects.requireNonNull(currentHolder, "currentHolder");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(topology, "topology");
  }
}

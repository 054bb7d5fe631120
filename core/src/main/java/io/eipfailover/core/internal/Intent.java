package io.eipfailover.core.internal;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.Placement;
import java.util.Optional;

/**
 * One association this node wants to make in this pass, and why.
 *
 * @param elasticIp the EIP
 * @param target where the plan puts it (always on this node)
 * @param holder the node holding it now, if any
 * @param needsGuard whether taking it needs the split-brain guard's consent
 * @param kind why it moves, for events and logs
 */
record Intent(ElasticIp elasticIp, Placement.Target target, Optional<NodeId> holder, boolean needsGuard, Kind kind) {
  /** Why an EIP moves. */
  enum Kind {
    /** The holder is gone (dead or unreachable). */
    FAILOVER,
    /** The holder is reachable but handing off (standby, unhealthy). */
    HANDOFF,
    /** This node is the home and pulls its EIP back from a live peer. */
    FAILBACK,
    /** Nobody holds it. */
    UNASSOCIATED,
    /** It is associated outside the cluster, or on the wrong point of this node. */
    DRIFT,
    /** The strategy moves it between live nodes (e.g. priority or rebalancing). */
    REBALANCE
  }
}

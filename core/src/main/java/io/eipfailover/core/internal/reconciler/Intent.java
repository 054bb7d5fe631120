package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.Placement;
import io.eipfailover.core.event.FailoverTimeline;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One association this node wants to make in this pass, and why.
 *
 * @param elasticIp the EIP
 * @param target where the plan puts it (always on this node)
 * @param holder the node holding it now, if any
 * @param needsGuard whether taking it needs the split-brain guard's consent
 * @param kind why it moves, for events and logs
 */
public record Intent(ElasticIp elasticIp, Placement.Target target, Optional<NodeId> holder, boolean needsGuard, Kind kind) {
  /** Why it moves, for logs and events. */
  public String reason() {
    String from = holder.map(NodeId::toString).orElse("nobody");
    return switch (kind) {
      case FAILOVER -> "failover from " + from;
      case HANDOFF -> "hand-off from " + from;
      case FAILBACK -> "fail-back from " + from;
      case UNASSOCIATED -> "unassociated";
      case DRIFT -> "drift repair";
      case REBALANCE -> "rebalance from " + from;
    };
  }

  /** The timeline of this move as far as known when the request is sent. */
  FailoverTimeline timeline(NodeId self, MembershipView view, OptionalLong guardAt, long sent) {
    OptionalLong lastHeard = OptionalLong.empty();
    OptionalLong suspected = OptionalLong.empty();
    OptionalLong dead = OptionalLong.empty();
    if (holder.isPresent() && !holder.get().equals(self)) {
      MemberEntry p = view.peer(holder.get());
      lastHeard = p.lastHeard();
      suspected = p.suspectedAt();
      if (p.state() != MemberState.ALIVE && p.state() != MemberState.SUSPECT) {
        dead = OptionalLong.of(p.since());
      }
    }
    return new FailoverTimeline(elasticIp, holder, self, lastHeard, suspected, dead, guardAt, sent,
        OptionalLong.empty(), OptionalLong.empty());
  }

  /** Why an EIP moves. */
  public enum Kind {
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

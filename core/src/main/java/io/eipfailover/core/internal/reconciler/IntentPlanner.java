package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a placement into the associations this node must make: a pure function of the plan, the
 * observations and this node's id. Enforces the pull-only rule: an intent always targets one of
 * this node's own attachment points.
 */
final class IntentPlanner {
  private IntentPlanner() {}

  /**
   * The moves this node wants, and the targets it refused because they are not its own.
   *
   * @param intents every EIP the plan puts on one of this node's points, where it is not already
   * @param refused human-readable descriptions of plan targets that broke the pull-only rule
   */
  record Planned(List<Intent> intents, List<String> refused) {}

  static Planned intents(NodeId self, PlacementInput input, Placement plan) {
    List<Intent> result = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (ElasticIp eip : input.topology().elasticIps()) {
      Optional<Placement.Target> target = plan.targetOf(eip);
      if (target.isEmpty() || !target.get().node().equals(self)) {
        continue;
      }
      Placement.Target t = target.get();
      if (!input.topology().node(self).owns(t.point().networkInterfaceId(), t.point().privateIp())) {
        refused.add("strategy placed " + eip + " on " + t.point()
            + ", which is not an attachment point of this node; ignored (pull-only rule)");
        continue;
      }
      ObservedAssociation observed = input.observed().get(eip.allocationId());
      if (observed != null && observed.isAt(t.point())) {
        continue;
      }
      Optional<NodeId> holder = input.holderOf(eip);
      result.add(new Intent(eip, t, holder, needsGuard(self, eip, holder, input), kind(self, eip, holder, observed, input)));
    }
    return new Planned(result, refused);
  }

  /**
   * The guard is asked when this node takes an EIP from a holder it cannot hear, or an EIP that is
   * not its own and that nobody in the cluster holds. Hand-offs between nodes that hear each other
   * (fail-back, standby, unhealthy) need no consent: the holder itself announced it.
   */
  private static boolean needsGuard(NodeId self, ElasticIp eip, Optional<NodeId> holder, PlacementInput input) {
    if (holder.isPresent()) {
      return !holder.get().equals(self) && !input.view().stateOf(holder.get()).isReachable();
    }
    return !eip.home().equals(self);
  }

  private static Intent.Kind kind(
      NodeId self, ElasticIp eip, Optional<NodeId> holder, ObservedAssociation observed, PlacementInput input) {
    if (holder.isEmpty()) {
      return observed != null && observed.isAssociated() ? Intent.Kind.DRIFT : Intent.Kind.UNASSOCIATED;
    }
    if (holder.get().equals(self)) {
      return Intent.Kind.DRIFT;
    }
    MemberState state = input.view().stateOf(holder.get());
    if (!state.isReachable()) {
      return Intent.Kind.FAILOVER;
    }
    if (state != MemberState.ALIVE) {
      return Intent.Kind.HANDOFF;
    }
    return eip.home().equals(self) ? Intent.Kind.FAILBACK : Intent.Kind.REBALANCE;
  }
}

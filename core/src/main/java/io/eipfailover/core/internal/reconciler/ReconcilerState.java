package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.event.FailoverTimeline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the reconciler knows, as one immutable value; {@link Reconciler#step} maps it and an
 * input to the next one.
 *
 * @param view the latest membership view
 * @param self this node's own status
 * @param observation where EC2 last said the EIPs are
 * @param describe the describe in flight, its back-off, and how fresh the next one must be
 * @param eips the record of each EIP that has one other than {@link EipRecord#IDLE}, by allocation
 *     id (sparse, so that changing one EIP copies little on a node with many)
 * @param suppression when takeovers from unreachable peers are held back
 * @param budgets this node's EC2 call budgets (one per action)
 * @param lastPlan the last placement computed
 * @param lastPlanAt when it was computed
 * @param lastTakeover the timeline of this node's last takeover
 * @param counters running totals
 * @param deferredUntil when the budget will allow a call a pass had to defer ({@link Times#NEVER}: none)
 * @param unplaced the allocation ids of the EIPs last reported as left out of the plan
 * @param workAt the earliest future reading at which something is due
 * @param wakeAt when the runner is to wake the step: {@code workAt} or the watchdog, if earlier
 */
public record ReconcilerState(
    MembershipView view,
    SelfStatus self,
    Observation observation,
    DescribeProgress describe,
    Map<String, EipRecord> eips,
    Suppression suppression,
    CallBudgets budgets,
    Placement lastPlan,
    long lastPlanAt,
    Optional<FailoverTimeline> lastTakeover,
    Counters counters,
    long deferredUntil,
    List<String> unplaced,
    long workAt,
    long wakeAt) {

  public ReconcilerState {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(describe, "describe");
    eips = Map.copyOf(eips);
    Objects.requireNonNull(suppression, "suppression");
    Objects.requireNonNull(budgets, "budgets");
    Objects.requireNonNull(lastPlan, "lastPlan");
    Objects.requireNonNull(lastTakeover, "lastTakeover");
    Objects.requireNonNull(counters, "counters");
    unplaced = List.copyOf(unplaced);
  }

  /**
   * The state of a node not started yet, at ticker reading {@code now}: every peer dead (never
   * heard), nothing observed, nothing planned, a full budget, no wake-up asked for.
   */
  public static ReconcilerState initial(ReconcilerSettings settings, long now) {
    Map<NodeId, MemberEntry> members = new TreeMap<>();
    for (NodeId n : settings.topology().nodeIds()) {
      members.put(n, MemberEntry.of(n.equals(settings.self()) ? MemberState.ALIVE : MemberState.DEAD, now));
    }
    return new ReconcilerState(new MembershipView(0, settings.self(), members), SelfStatus.INITIAL,
        Observation.NONE, DescribeProgress.INITIAL, Map.of(), Suppression.NONE,
        CallBudgets.full(settings.config()),
        new Placement(Map.of()), Times.NEVER, Optional.empty(), Counters.ZERO, Times.NEVER, List.of(), Times.NONE,
        Times.NONE);
  }

  /** A snapshot for {@code EipFailover.status()}. */
  public FailoverStatus status(boolean running, boolean dryRun) {
    return new FailoverStatus(view.self(), running, dryRun, self.announced(), view, observation.byAllocationId(),
        lastPlan, lastTakeover, counters.snapshot());
  }

  /** What the strategy sees: the view with this node as it announces itself, alive since its last return. */
  PlacementInput placementInput(ReconcilerSettings settings, long now) {
    MembershipView v = ViewDiffs.withSelf(view, self.announced().asState(), suppression.lastReturn());
    return new PlacementInput(settings.topology(), v, observation.byAllocationId(), now);
  }

  /** The record of {@code eip} ({@link EipRecord#IDLE} if it has none). */
  EipRecord eip(ElasticIp eip) {
    return eips.getOrDefault(eip.allocationId(), EipRecord.IDLE);
  }

  ReconcilerState withEip(ElasticIp eip, EipRecord record) {
    Map<String, EipRecord> m = new HashMap<>(eips);
    if (record.equals(EipRecord.IDLE)) {
      m.remove(eip.allocationId());
    } else {
      m.put(eip.allocationId(), record);
    }
    return withEips(m);
  }

  ReconcilerState withEips(Map<String, EipRecord> eips) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withView(MembershipView view) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withSelf(SelfStatus self) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withObservation(Observation observation) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withDescribe(DescribeProgress describe) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withSuppression(Suppression suppression) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withBudgets(CallBudgets budgets) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withPlan(Placement plan, long at) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, plan, at,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withLastTakeover(FailoverTimeline timeline) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        Optional.of(timeline), counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withCounters(Counters counters) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  ReconcilerState withDeferredUntil(long at) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, at, unplaced, workAt, wakeAt);
  }

  ReconcilerState withUnplaced(List<String> unplaced) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }

  /** The deadlines a step ends with; also how the runner re-arms its watchdog after a failed step. */
  public ReconcilerState withDeadlines(long workAt, long wakeAt) {
    return new ReconcilerState(view, self, observation, describe, eips, suppression, budgets, lastPlan, lastPlanAt,
        lastTakeover, counters, deferredUntil, unplaced, workAt, wakeAt);
  }
}

package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.TakeoverRequest;
import io.eipfailover.core.event.DryRunTakeover;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.internal.reconciler.Effect.Log.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One reconciliation pass, the end of most steps: describe if the facts are stale, else plan, pick
 * the moves that may go ahead, and ask the guard or act for each. Pure; see {@code
 * docs/reconciler.md} ("A pass").
 */
final class Pass {
  private final ReconcilerSettings settings;

  Pass(ReconcilerSettings settings) {
    this.settings = settings;
  }

  Step run(ReconcilerState s, Stamp at) {
    Suppression after = s.suppression().expire(at.nanos());
    Step expired = after == s.suppression() ? Step.of(s)
        : Step.of(s.withSuppression(after), Reconciler.lifted(s.suppression(), "its time passed"));
    return expired.then(x -> describeOrAct(x, at));
  }

  private Step describeOrAct(ReconcilerState s, Stamp at) {
    long now = at.nanos();
    if (s.describe().inFlight()) {
      return Step.of(s); // its answer starts the next pass
    }
    if (describeWanted(s, now)) {
      return describe(s, now, false);
    }
    PlacementInput input = s.placementInput(settings, now);
    Placement plan;
    try {
      plan = settings.strategy().place(input);
    } catch (RuntimeException e) {
      return Step.of(s.withPlan(s.lastPlan(), now), new Effect.Log(Level.ERROR,
          "strategy " + settings.strategy() + " failed (" + e + "); nothing moves until it answers"));
    }
    IntentPlanner.Planned planned = IntentPlanner.intents(settings.self(), input, plan);
    List<Effect> refusals = new ArrayList<>();
    planned.refused().forEach(r -> refusals.add(new Effect.Log(Level.ERROR, r)));
    ReconcilerState next = weighted(s.withPlan(plan, now), WorkShare.weight(settings.self(), input, plan), now);
    List<Intent> moves = actionable(next, planned.intents(), now);
    Step step = new Step(next, refusals).then(x -> Shortfall.report(settings, x, plan, at));
    if (moves.isEmpty()) {
      return step;
    }
    if (now - next.observation().answeredAt() >= settings.confirmDelay()) {
      // Act on fresh facts only, and only describe when a token waits for the act it is made for.
      return step.then(x -> describe(x, now, true));
    }
    for (Intent move : moves) {
      step = step.then(x -> move.needsGuard() ? ask(x, at, move) : act(x, at, move, OptionalLong.empty()));
    }
    return step;
  }

  /** The associate budget climbs back from throttling in proportion to this node's share of the moves. */
  private static ReconcilerState weighted(ReconcilerState s, double weight, long now) {
    CallBudgets b = s.budgets();
    return b.associate().weight() == weight ? s : s.withBudgets(b.withAssociate(b.associate().weighted(now, weight)));
  }

  /** The observation is stale, the resync is due, or this node's move awaits confirmation. */
  private boolean describeWanted(ReconcilerState s, long now) {
    Observation o = s.observation();
    if (s.describe().stale(o) || now >= s.describe().resyncAt()) {
      return true;
    }
    long delay = settings.confirmDelay();
    if (now - o.sentAt() < delay) {
      return false;
    }
    for (EipRecord r : s.eips().values()) {
      if (r.unconfirmed().isPresent() && now - r.unconfirmed().get().answeredAt() >= delay) {
        return true;
      }
    }
    return false;
  }

  private Step describe(ReconcilerState s, long now, boolean toAct) {
    if (now < s.describe().retryAt()) {
      return Step.of(s); // backing off; the wake-up comes at retryAt
    }
    CallBudgets b = s.budgets();
    if (!b.describe().has(now, 1) || (toAct && !b.associate().has(now, 1))) {
      long ready = Math.max(b.describe().whenHas(now, 1), toAct ? b.associate().whenHas(now, 1) : now);
      return defer(s, ready);
    }
    return Step.of(s.withBudgets(b.withDescribe(b.describe().take(now))).withDescribe(s.describe().sent(now))
        .withCounters(s.counters().describeCall()), new Effect.Describe(settings.topology().elasticIps()));
  }

  /** No associate token now: wake when there is one. */
  private static Step deferAct(ReconcilerState s, long now) {
    return defer(s, s.budgets().associate().whenHas(now, 1));
  }

  private static Step defer(ReconcilerState s, long until) {
    return Step.of(s.withCounters(s.counters().budgetDeferral()).withDeferredUntil(until));
  }

  /** The moves that may go ahead now: see {@code docs/reconciler.md}, "A pass", step 4. */
  List<Intent> actionable(ReconcilerState s, List<Intent> intents, long now) {
    List<Intent> result = new ArrayList<>();
    for (Intent i : intents) {
      EipRecord r = s.eip(i.elasticIp());
      boolean held = r.inBackoff(now) || r.pending().isPresent()
          || r.awaiting(i.target().point(), now, settings.inFlightTimeout())
          || r.damps(i, s.view(), now)
          || (i.needsGuard() && s.suppression().isActive())
          || heldByUnauthenticated(i, s)
          || heldByPeerDeafToUs(i, s);
      if (!held) {
        result.add(i);
      }
    }
    return result;
  }

  /**
   * Whether {@code move} would pull an EIP from a peer this node's view flags "reachable but
   * unauthenticated": nothing moves to or from such a peer, not even this node's own EIP home,
   * since this node cannot know which side is misconfigured (docs/authentication-failures.md).
   */
  private boolean heldByUnauthenticated(Intent move, ReconcilerState s) {
    return move.holder().filter(h -> !h.equals(settings.self()) && s.view().peer(h).isUnauthenticated()).isPresent();
  }

  /**
   * Whether {@code move} would pull an EIP from a peer that we hear but that, by its own
   * heartbeats, does not hear us (a one-way partition): it believes this node dead and would take
   * the EIP straight back. The EIP stays where it serves until that peer hears us again or dies
   * (docs/reconciler-damping.md, rule 4).
   */
  private boolean heldByPeerDeafToUs(Intent move, ReconcilerState s) {
    return move.holder().filter(h -> !h.equals(settings.self()) && s.view().peer(h).state().isReachable()
        && s.view().peer(h).hearsSelf() == Hearing.NO).isPresent();
  }

  /** The move this node would make for {@code eip} now, on the last plan, if it may go ahead. */
  Optional<Intent> current(ReconcilerState s, ElasticIp eip, long now) {
    List<Intent> all = IntentPlanner.intents(settings.self(), s.placementInput(settings, now), s.lastPlan()).intents();
    return actionable(s, all, now).stream().filter(i -> i.elasticIp().equals(eip)).findFirst();
  }

  private Step ask(ReconcilerState s, Stamp at, Intent move) {
    long now = at.nanos();
    if (!settings.config().dryRun() && !s.budgets().associate().has(now, 1)) {
      return deferAct(s, now); // an allowance could not be used
    }
    TakeoverRequest request = new TakeoverRequest(settings.self(), move.elasticIp(), move.holder(),
        s.placementInput(settings, now).view(), settings.topology());
    EipRecord r = s.eip(move.elasticIp()).asking(new EipRecord.GuardAsked(move, s.view().epoch(), now));
    return Step.of(s.withEip(move.elasticIp(), r), new Effect.AskGuard(request));
  }

  /** Sends the associate (or, in a dry run, reports it once); {@code guardAt} is when the guard allowed it. */
  Step act(ReconcilerState s, Stamp at, Intent move, OptionalLong guardAt) {
    long now = at.nanos();
    ElasticIp eip = move.elasticIp();
    EipRecord r = s.eip(eip);
    if (settings.config().dryRun()) {
      if (r.lastDryRun().equals(Optional.of(move.target().point()))) {
        return Step.of(s);
      }
      return Step.of(s.withEip(eip, r.reportedDryRun(move.target().point())),
          new Effect.Log(Level.INFO, "dry run: would associate " + eip + " with " + move.target().point()
              + " (" + move.reason() + ")"),
          new Effect.Emit(new DryRunTakeover(settings.self(), at.wallClock(), eip, move.holder(),
              move.target().point(), move.reason())));
    }
    CallBudgets b = s.budgets();
    if (!b.associate().has(now, 1)) {
      return deferAct(s, now);
    }
    FailoverTimeline timeline = move.timeline(settings.self(), s.view(), guardAt, now);
    ObservedAssociation found = s.observation().of(eip.allocationId())
        .orElse(ObservedAssociation.unassociated(eip.allocationId()));
    ReconcilerState next = s.withBudgets(b.withAssociate(b.associate().take(now)))
        .withEip(eip, r.sending(new EipRecord.AssociateSent(move, found, timeline)));
    return Step.of(next,
        new Effect.Log(Level.INFO, "associating " + eip + " with " + move.target().point() + " (" + move.reason() + ")"),
        new Effect.Emit(new TakeoverStarted(settings.self(), at.wallClock(), eip, move.holder(), move.target().point(),
            move.reason())),
        new Effect.Associate(eip, move.target().point()));
  }
}

package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.internal.reconciler.Effect.Log.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The level-triggered control loop of one node as a pure step function: {@link #step} maps a
 * {@link ReconcilerState} and an {@link Input} to the next state and the {@link Effect}s to
 * perform. It compares the strategy's desired placement with the observed one and pulls onto this
 * node what belongs here; see {@code docs/reconciler.md}.
 *
 * <p>No I/O, no clock, no randomness (time and jitter come in each input's {@link Stamp}), no
 * mutable field: the same state and input always give the same step. Thread-safe (immutable).
 */
public final class Reconciler {
  private final ReconcilerSettings settings;
  private final Pass pass;
  private final Outcomes outcomes;
  private final Observations observations;

  public Reconciler(ReconcilerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.pass = new Pass(settings);
    this.outcomes = new Outcomes(settings, pass);
    this.observations = new Observations(settings);
  }

  /** The state before {@link Input.Started}, at ticker reading {@code now}. */
  public ReconcilerState initial(long now) {
    return ReconcilerState.initial(settings, now);
  }

  /** One step: the next state and what to do, for {@code input} arriving in {@code state}. */
  public Step step(ReconcilerState state, Input input) {
    Stamp at = input.at();
    Step step = pauseCheck(state, at).then(s -> handle(s, input));
    ReconcilerState end = step.state();
    long workAt = Deadlines.workAt(settings, end, at.nanos());
    long wakeAt = Deadlines.wakeAt(settings, end, workAt, at.nanos());
    return new Step(end.withDeadlines(workAt, wakeAt), step.effects());
  }

  private Step handle(ReconcilerState s, Input input) {
    Stamp at = input.at();
    if (input instanceof Input.Started) {
      long grace = settings.config().startupGrace().toNanos();
      return pass.run(s.withSuppression(s.suppression().startupGrace(at.nanos(), grace))
          .withDescribe(s.describe().freshFrom(at.nanos())), at);
    } else if (input instanceof Input.ViewChanged v) {
      return onView(s, v.view(), at);
    } else if (input instanceof Input.HealthReported h) {
      return onHealth(s, h.result(), at);
    } else if (input instanceof Input.StandbyRequested r) {
      return announce(s.withSelf(s.self().withStandby(r.standby())), r.standby() ? "standby requested" : "resumed", at);
    } else if (input instanceof Input.ReconcileNow) {
      return pass.run(s.withDescribe(s.describe().freshFrom(at.nanos())), at);
    } else if (input instanceof Input.WakeUp) {
      boolean due = at.nanos() >= s.workAt() || at.nanos() - s.lastPlanAt() >= ReconcilerSettings.IDLE_PLAN_NANOS;
      return due ? pass.run(s, at) : Step.of(s);
    } else if (input instanceof Input.DescribeSucceeded d) {
      return observations.described(s, d, at).then(x -> pass.run(x, at));
    } else if (input instanceof Input.DescribeFailed f) {
      return observations.describeFailed(s, f, at);
    } else if (input instanceof Input.GuardAnswered g) {
      return outcomes.guardAnswered(s, g, at);
    } else if (input instanceof Input.AssociateSucceeded a) {
      return outcomes.associated(s, a, at);
    } else if (input instanceof Input.AssociateFailed f) {
      return outcomes.associateFailed(s, f, at);
    }
    throw new IllegalArgumentException("unknown input " + input);
  }

  /**
   * The loop never sleeps longer than half a detection deadline, so an input processed more than
   * that after the wake-up asked for means this node itself was stopped (GC, steal, SIGSTOP): what
   * it learnt meanwhile is old, and so are its observations.
   */
  private Step pauseCheck(ReconcilerState s, Stamp at) {
    long late = at.nanos() - s.wakeAt();
    if (s.wakeAt() == Times.NONE || late <= settings.watchdog()) {
      return Step.of(s);
    }
    long now = at.nanos();
    ReconcilerState paused = s.withCounters(s.counters().localPause())
        .withSelf(s.self().awayAt(now))
        .withDescribe(s.describe().freshFrom(now))
        .withSuppression(s.suppression().localPause(now, settings.deadline()));
    return Step.of(paused, new Effect.Log(Level.WARN, "this node was paused: its loop ran " + late / 1_000_000
        + " ms late; no takeover from unreachable peers until a fresh view or " + settings.config().detectionDeadline()));
  }

  private Step onView(ReconcilerState s, MembershipView view, Stamp at) {
    MembershipView before = s.view();
    List<Effect> effects = new ArrayList<>();
    effects.add(new Effect.Log(Level.INFO, view.toString()));
    for (FailoverEvent e : PeerChanges.events(settings.self(), at.wallClock(), before, view)) {
      effects.add(new Effect.Emit(e));
    }
    Suppression after = s.suppression().onView(settings.self(), before, view, at.nanos());
    if (s.suppression().isActive() && !after.isActive()) {
      effects.add(lifted(s.suppression(), "fresh view #" + view.epoch()));
    }
    ReconcilerState next = s.withView(view).withSuppression(after);
    if (view.merged() || ViewDiffs.placementRelevantChange(before, view)) {
      next = next.withDescribe(next.describe().freshFrom(at.nanos()));
    }
    return new Step(next, effects).then(x -> pass.run(x, at));
  }

  static Effect lifted(Suppression before, String why) {
    return new Effect.Log(Level.INFO, "takeovers from unreachable peers allowed again after "
        + before.hold().map(Suppression.Hold::reason).orElse("?") + ": " + why);
  }

  private Step onHealth(ReconcilerState s, HealthResult result, Stamp at) {
    if (result.healthy() == s.self().healthy()) {
      return Step.of(s);
    }
    Effect log = new Effect.Log(Level.WARN, "local service is now " + (result.healthy() ? "healthy" : "UNHEALTHY")
        + ": " + result.detail());
    return Step.of(s.withSelf(s.self().withHealthy(result.healthy())), log)
        .then(x -> announce(x, result.detail(), at));
  }

  /** Announces the status the inputs now ask for, if it changed, and reconciles on a fresh describe. */
  private Step announce(ReconcilerState s, String reason, Stamp at) {
    AnnouncedStatus wanted = s.self().wanted();
    if (wanted == s.self().announced()) {
      return Step.of(s);
    }
    long now = at.nanos();
    ReconcilerState next = s.withSelf(s.self().announcing(wanted, now)).withDescribe(s.describe().freshFrom(now));
    return Step.of(next, new Effect.Announce(wanted),
        new Effect.Emit(new LocalStatusChanged(settings.self(), at.wallClock(), wanted, reason)))
        .then(x -> pass.run(x, at));
  }
}

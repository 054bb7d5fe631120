package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.internal.reconciler.Effect.Log.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the step makes of the guard's answers and the associate calls' results. Pure. */
final class Outcomes {
  private final ReconcilerSettings settings;
  private final Pass pass;

  Outcomes(ReconcilerSettings settings, Pass pass) {
    this.settings = settings;
    this.pass = pass;
  }

  /**
   * A denial backs the EIP off and is reported once per reason. An allowance is used now or never:
   * if the view changed while the guard thought, it is asked again; if the move is no longer
   * wanted, or wanted from another holder or to another point, the answer is dropped.
   */
  Step guardAnswered(ReconcilerState s, Input.GuardAnswered answer, Stamp at) {
    ElasticIp eip = answer.elasticIp();
    EipRecord r = s.eip(eip);
    if (!(r.pending().orElse(null) instanceof EipRecord.GuardAsked asked)) {
      return Step.of(s, new Effect.Log(Level.DEBUG, "ignored a guard answer nobody asked for about " + eip));
    }
    long now = at.nanos();
    GuardVerdict verdict = answer.verdict();
    if (!verdict.allowed()) {
      EipRecord backedOff = r.settled().failed(now + settings.backoff(r.failures() + 1, at.jitter()));
      ReconcilerState next = s.withCounters(s.counters().guardDenial());
      if (r.lastDenial().equals(Optional.of(verdict.reason()))) {
        return Step.of(next.withEip(eip, backedOff));
      }
      Optional<String> from = asked.intent().holder().map(Object::toString);
      return Step.of(next.withEip(eip, backedOff.denied(verdict.reason())),
          new Effect.Log(Level.WARN, "guard denied taking " + eip + " from " + from.orElse("nobody") + ": "
              + verdict.reason()),
          new Effect.Emit(new GuardDenied(settings.self(), at.wallClock(), eip, asked.intent().holder(),
              verdict.reason())));
    }
    ReconcilerState next = s.withEip(eip, r.settled().allowed());
    if (asked.viewEpoch() != s.view().epoch()) {
      return Step.of(next, new Effect.Log(Level.DEBUG, "the view changed while the guard was asked about " + eip
          + "; asking again")).then(x -> pass.run(x, at));
    }
    Optional<Intent> move = pass.current(next, eip, now);
    if (move.isEmpty() || !move.get().target().equals(asked.intent().target())
        || !move.get().holder().equals(asked.intent().holder())) {
      return Step.of(next, new Effect.Log(Level.DEBUG, "guard allowed taking " + eip
          + ", but the move it was asked about is no longer wanted as it was"));
    }
    return pass.act(next, at, move.get(), OptionalLong.of(now));
  }

  /** The move awaits a describe; planned as if visible meanwhile (describe may lag behind). */
  Step associated(ReconcilerState s, Input.AssociateSucceeded result, Stamp at) {
    ElasticIp eip = result.elasticIp();
    EipRecord r = s.eip(eip);
    Optional<EipRecord.AssociateSent> asked = sent(r, result.target());
    if (asked.isEmpty()) {
      return Step.of(s, new Effect.Log(Level.DEBUG, "ignored an associate result nobody asked for about " + eip));
    }
    EipRecord.AssociateSent sent = asked.get();
    long now = at.nanos();
    Intent move = sent.intent();
    FailoverTimeline timeline = sent.timeline().withAnswered(now);
    ObservedAssociation there = ObservedAssociation.associated(eip.allocationId(),
        result.associationId().orElse(null), result.target().networkInterfaceId(), result.target().privateIp());
    ReconcilerState next = s.withEip(eip,
            r.moved(new EipRecord.Unconfirmed(result.target(), result.associationId(), now, timeline)))
        .withLastTakeover(timeline)
        .withCounters(s.counters().takeover())
        .withObservation(s.observation().with(there));
    List<Effect> effects = new ArrayList<>();
    effects.add(new Effect.Log(Level.INFO, "took " + eip + ": " + timeline));
    effects.add(new Effect.Emit(new TakeoverCompleted(settings.self(), at.wallClock(), eip, move.holder(),
        result.target(), timeline)));
    if (move.kind() == Intent.Kind.FAILBACK) {
      effects.add(new Effect.Emit(new FailBack(settings.self(), at.wallClock(), eip, move.holder())));
    } else if (move.kind() == Intent.Kind.DRIFT) {
      effects.add(new Effect.Emit(new DriftRepaired(settings.self(), at.wallClock(), eip, sent.found(),
          result.target())));
    }
    return new Step(next, effects);
  }

  /**
   * Backs the EIP off: retryable errors by the jittered schedule, throttling by its first step (and
   * the node's associates slow down), permission and configuration errors by the maximum at once.
   */
  Step associateFailed(ReconcilerState s, Input.AssociateFailed result, Stamp at) {
    ElasticIp eip = result.elasticIp();
    EipRecord r = s.eip(eip);
    if (sent(r, result.target()).isEmpty()) {
      return Step.of(s, new Effect.Log(Level.DEBUG, "ignored an associate failure nobody asked for about " + eip));
    }
    ElasticIpManagerException.Kind kind = result.kind();
    // Throttling slows the node's associates (its budget: the account's bucket is shared) instead of
    // growing this EIP's back-off, which would leave the refill unused at the end of a crowded failover.
    long delay = switch (kind) {
      case RETRYABLE -> settings.backoff(r.failures() + 1, at.jitter());
      case THROTTLED -> settings.backoff(1, at.jitter());
      case PERMISSION, CONFIGURATION -> settings.config().maxBackoff().toNanos();
    };
    ReconcilerState next = s.withEip(eip, r.settled().failed(at.nanos() + delay))
        .withCounters(s.counters().takeoverFailure());
    if (kind == ElasticIpManagerException.Kind.THROTTLED) {
      next = next.withBudgets(next.budgets().withAssociate(next.budgets().associate().throttled(at.nanos(), at.jitter())));
    }
    return Step.of(next,
        Effect.Log.budgeted(Level.WARN, "associate failed", "associating " + eip + " failed (" + result.kind() + "): "
            + result.message() + "; retry in " + delay / 1_000_000 + " ms"),
        new Effect.Emit(new TakeoverFailed(settings.self(), at.wallClock(), eip, result.target(), result.kind(),
            result.message(), Duration.ofNanos(delay))));
  }

  /** The associate outstanding for the EIP of {@code r} to {@code target}, if that is what is outstanding. */
  private static Optional<EipRecord.AssociateSent> sent(EipRecord r, AttachmentPoint target) {
    return r.pending().filter(EipRecord.AssociateSent.class::isInstance).map(EipRecord.AssociateSent.class::cast)
        .filter(a -> a.intent().target().point().equals(target));
  }
}

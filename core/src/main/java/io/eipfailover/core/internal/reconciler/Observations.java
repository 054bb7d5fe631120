package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.internal.reconciler.Effect.Log.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a describe's answer teaches: this node's moves confirmed (or given up), EIPs pulled away by
 * live peers (flap damping), and EC2 reachable again after failures. Pure.
 */
final class Observations {
  private final ReconcilerSettings settings;

  Observations(ReconcilerSettings settings) {
    this.settings = settings;
  }

  Step described(ReconcilerState s, Input.DescribeSucceeded answer, Stamp at) {
    if (!s.describe().inFlight()) {
      return Step.of(s, new Effect.Log(Level.DEBUG, "ignored a describe answer nobody asked for"));
    }
    long now = at.nanos();
    long sentAt = s.describe().inFlightSince();
    List<Effect> effects = new ArrayList<>();
    Suppression suppression = s.suppression();
    if (s.describe().failureStreak() > 0) {
      suppression = suppression.reconnected(now, settings.deadline());
      effects.add(new Effect.Log(Level.INFO, "EC2 answers again after " + s.describe().failureStreak()
          + " failed describe(s); no takeover from unreachable peers until a fresh view or "
          + settings.config().detectionDeadline()));
    }
    ReconcilerState next = noteChanges(s, answer.observed(), now, effects)
        .withSuppression(suppression)
        .withDescribe(s.describe().answered(sentAt + settings.resyncAfter(at.jitter())))
        .withObservation(new Observation(answer.observed(), sentAt, now));
    return new Step(next, effects);
  }

  Step describeFailed(ReconcilerState s, Input.DescribeFailed failure, Stamp at) {
    if (!s.describe().inFlight()) {
      return Step.of(s, new Effect.Log(Level.DEBUG, "ignored a describe failure nobody asked for"));
    }
    boolean throttled = failure.kind() == ElasticIpManagerException.Kind.THROTTLED;
    // Throttling slows the node's describes (their budget) rather than growing this back-off, which would
    // leave the account's refill unused at the end of a crowded failover.
    long delay = settings.backoff(throttled ? 1 : s.describe().failureStreak() + 1, at.jitter());
    ReconcilerState next = s.withDescribe(s.describe().failed(at.nanos() + delay))
        .withCounters(s.counters().describeFailure());
    if (throttled) {
      next = next.withBudgets(next.budgets().withDescribe(next.budgets().describe().throttled(at.nanos(), at.jitter())));
    }
    return Step.of(next, Effect.Log.budgeted(Level.WARN, "describe failed",
        "describe failed (" + failure.error() + "); retrying in " + delay / 1_000_000 + " ms"));
  }

  /**
   * Confirms this node's own moves the answer shows (by their association id: see {@link
   * EipRecord.Unconfirmed#shownBy}), gives up on those older than {@code inFlightTimeout}, and
   * remembers EIPs pulled away from this node by live peers.
   */
  private ReconcilerState noteChanges(ReconcilerState s, Map<String, ObservedAssociation> fresh, long now,
      List<Effect> effects) {
    long previousLook = s.observation().sentAt();
    boolean calm = s.self().calmSince(previousLook);
    Map<String, EipRecord> eips = new HashMap<>();
    ReconcilerState next = s;
    for (ElasticIp eip : settings.topology().elasticIps()) {
      EipRecord r = s.eip(eip);
      ObservedAssociation after = fresh.get(eip.allocationId());
      if (r.unconfirmed().isPresent()) {
        EipRecord.Unconfirmed u = r.unconfirmed().get();
        if (u.shownBy(after)) {
          next = next.withLastTakeover(u.timeline().withConfirmed(now));
          effects.add(new Effect.Log(Level.INFO, "confirmed " + next.lastTakeover().get()));
          eips.put(eip.allocationId(), r.confirmed());
        } else if (now - u.answeredAt() >= settings.inFlightTimeout()) {
          effects.add(new Effect.Log(Level.WARN, "associate of " + eip + " to " + u.point() + " not visible after "
              + settings.config().inFlightTimeout() + "; will retry"));
          eips.put(eip.allocationId(), r.confirmed());
        }
        continue;
      }
      Optional<NodeId> was = holder(s.observation().of(eip.allocationId()).orElse(null));
      Optional<NodeId> is = holder(after);
      if (calm && was.equals(Optional.of(settings.self())) && is.isPresent() && !is.get().equals(settings.self())
          && s.view().peer(is.get()).since() <= previousLook) {
        // Pulled away while this node was alive, awake and willing, by a node whose state (in this
        // node's view) has not changed since the previous look: the puller disagrees (it is alive:
        // it just made an API call, even if the view says otherwise). Damp it while the puller stays
        // in that state. If its state changed in between, the pull may belong to the earlier
        // episode: no damping. Found at a resync or seen sooner, the same hold applies.
        eips.put(eip.allocationId(), r.pulledAway(damping(s, is.get(), now)));
      }
    }
    if (eips.isEmpty()) {
      return next; // the usual describe: nothing to remember, no copy of the records
    }
    Map<String, EipRecord> all = new HashMap<>(s.eips());
    eips.forEach((id, r) -> {
      if (r.equals(EipRecord.IDLE)) {
        all.remove(id);
      } else {
        all.put(id, r);
      }
    });
    return next.withEips(all);
  }

  /**
   * The damping of a pull by {@code puller} seen at {@code now}: the hold time, or, when this node's
   * view has the puller unreachable, as long as it stays so (bounded by {@link
   * ReconcilerSettings#UNREACHABLE_PULLER_HOLDS} hold times): a peer we believe dead that pulls an
   * EIP back is alive and cannot hear us (a one-way partition); taking the EIP again would start a
   * ping-pong that lasts as long as the partition (docs/reconciler-damping.md, rule 2).
   */
  private EipRecord.Damping damping(ReconcilerState s, NodeId puller, long now) {
    MemberEntry p = s.view().peer(puller);
    long hold = settings.holdTime() * (p.state().isReachable() ? 1 : ReconcilerSettings.UNREACHABLE_PULLER_HOLDS);
    return new EipRecord.Damping(puller, now, p.since(), now + hold);
  }

  private Optional<NodeId> holder(ObservedAssociation a) {
    if (a == null || !a.isAssociated()) {
      return Optional.empty();
    }
    return settings.topology().ownerOf(a.privateIp().get());
  }
}

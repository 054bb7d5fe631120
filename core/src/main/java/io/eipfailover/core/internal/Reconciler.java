package io.eipfailover.core.internal;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.FailoverStatus;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.TakeoverRequest;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.FailoverTimeline;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.event.TakeoverStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-triggered control loop: compares the strategy's desired placement with the observed
 * one and pulls onto this node what belongs here. Not thread-safe: every method runs on the
 * failover's single logical thread.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final FailoverSettings s;
  private final NodeId self;
  private final Consumer<FailoverEvent> events;
  private final TokenBucket budget;
  private final Map<String, EipTrack> tracks = new HashMap<>();
  private final ReconcilerCounters counters = new ReconcilerCounters();
  private final TakeoverSuppression suppression;

  private MembershipView view;
  private Map<String, ObservedAssociation> observed = Map.of();
  private boolean observedOnce;
  private long nextResyncAt;
  private long lastDescribeAt = Long.MIN_VALUE;
  private long describeBackoffUntil = Long.MIN_VALUE;
  private NodeStatus localStatus = NodeStatus.ALIVE;
  private Placement lastPlan = new Placement(Map.of());
  private FailoverTimeline lastTakeover;
  /**
   * With nothing new (no view, health, timer or retry), a tick re-plans only this often: plans
   * change with time only through delays of seconds (fail-back, hold time), and an idle pair
   * should cost next to no CPU. Events plan at once.
   */
  private static final long IDLE_PLAN_INTERVAL = 1_000_000_000L;
  private long lastPlanAt = Long.MIN_VALUE / 2;
  /** Something was deferred (budget) or failed: plan again on the next tick. */
  private boolean retryDue;
  /**
   * Whether this node stayed ALIVE and was not paused since the last describe. Only then is an EIP
   * that left it a disagreement to damp; otherwise its own absence explains the move.
   */
  private boolean calmSinceLastDescribe = true;
  /** The cached observations predate something (a pause) that may have changed EC2: describe. */
  private boolean cacheStale;

  Reconciler(FailoverSettings s, MembershipView initialView, Consumer<FailoverEvent> events) {
    this.s = s;
    this.self = s.self();
    this.events = events;
    this.view = initialView;
    this.suppression = new TakeoverSuppression(s.self());
    this.budget = new TokenBucket(s.apiBurst(), s.apiCallsPerSecond());
    for (ElasticIp eip : s.topology().elasticIps()) {
      tracks.put(eip.allocationId(), new EipTrack());
    }
    this.nextResyncAt = s.ticker().read();
  }

  void onView(MembershipView newView) {
    MembershipView old = this.view;
    this.view = newView;
    suppression.onView(old, newView, now());
    pass(newView.merged() || ViewDiffs.placementRelevantChange(old, newView));
  }

  void onLocalStatus(NodeStatus status) {
    this.localStatus = status;
    if (status != NodeStatus.ALIVE) {
      calmSinceLastDescribe = false;
    }
    pass(true);
  }

  /** Starts the start-up grace (see {@link TakeoverSuppression#startupGrace}). */
  void onStart() {
    suppression.startupGrace(now(), s.startupGrace().toNanos());
  }

  /** This node's loop was paused (its tick came {@code lateNanos} late): do not convict on old data. */
  void onLocalPause(long lateNanos) {
    counters.localPauses++;
    calmSinceLastDescribe = false;
    cacheStale = true; // EC2 may have changed while we slept
    suppression.localPause(now(), s.detectionDeadline().toNanos());
    LOG.warn("[id={}] this node was paused for {} ms; no takeover from unreachable peers until a fresh view or {}",
        self, lateNanos / 1_000_000, s.detectionDeadline());
  }

  /** A periodic tick: resync when due, then plan with what is known. */
  void tick() {
    long now = now();
    boolean planAgain = suppression.expire(now);
    long confirmDelay = s.confirmDelay().toNanos();
    boolean confirmDue = now - lastDescribeAt >= confirmDelay
        && EipTrack.anyAwaitingConfirmation(tracks.values(), now, confirmDelay);
    boolean describeDue = now >= nextResyncAt || confirmDue || cacheStale;
    boolean retryReady = retryDue || EipTrack.anyBackoffEnded(tracks.values(), lastPlanAt, now);
    if (describeDue || planAgain || retryReady || now - lastPlanAt >= IDLE_PLAN_INTERVAL) {
      retryDue = false;
      pass(describeDue);
    }
  }

  /** One reconciliation pass; {@code describe} forces a fresh describe first. */
  void pass(boolean describe) {
    long now = now();
    boolean fresh = false;
    if (describe || !observedOnce) {
      if (!describe(now)) {
        return;
      }
      fresh = true;
    }
    Placement plan = plan(now);
    List<Intent> intents = actionable(plan, now);
    if (!intents.isEmpty() && !fresh && now - lastDescribeAt >= s.confirmDelay().toNanos()) {
      // Act on fresh facts only: describe (keeping a token for the call it is made for), plan again.
      int needed = Math.min(2, s.apiBurst());
      if (!budget.hasAtLeast(now, needed)) {
        counters.budgetDeferrals++;
        retryDue = true;
        return;
      }
      if (!describe(now)) {
        return;
      }
      plan = plan(now);
      intents = actionable(plan, now);
    }
    for (Intent intent : intents) {
      execute(intent, now);
    }
  }

  private Placement plan(long now) {
    lastPlanAt = now;
    PlacementInput input = input(now);
    Placement plan = s.strategy().place(input);
    lastPlan = plan;
    return plan;
  }

  private List<Intent> actionable(Placement plan, long now) {
    List<Intent> all = IntentPlanner.intents(self, input(now), plan);
    all.removeIf(i -> {
      EipTrack t = track(i.elasticIp());
      return now < t.backoffUntil || t.inFlightTo(i.target().point(), now, s.inFlightTimeout().toNanos())
          || damped(i, t, now) || (i.needsGuard() && suppression.isActive());
    });
    return all;
  }

  /** Flap damping: a live peer pulled this EIP from us recently; do not pull it straight back. */
  private boolean damped(Intent intent, EipTrack t, long now) {
    return t.lost && now - t.lostAt < s.holdTime().toNanos() && intent.holder().equals(Optional.of(t.lostTo))
        && view.peer(t.lostTo).since() == t.lostToSince;
  }

  PlacementInput input(long now) {
    NodeState selfState = localStatus.asState();
    // After a pause or a heal, peers saw this node die and come back: it is alive again only since
    // then, so its fail-back delay counts from then, as it does in the peers' views.
    MembershipView v = ViewDiffs.withSelf(view, selfState, suppression.lastReturn());
    return new PlacementInput(s.topology(), v, observed, now);
  }

  /**
   * Describes all EIPs; false when it could not (back-off after a failure, or no budget left), in
   * which case a later tick tries again.
   */
  private boolean describe(long now) {
    if (now < describeBackoffUntil) {
      return false;
    }
    if (!budget.tryAcquire(now)) {
      counters.budgetDeferrals++;
      retryDue = true;
      return false;
    }
    long previousDescribe = lastDescribeAt;
    lastDescribeAt = now;
    counters.describeCalls++;
    Map<String, ObservedAssociation> fresh;
    try {
      fresh = s.elasticIpManager().describe(s.topology().elasticIps());
    } catch (RuntimeException e) {
      counters.describeFailures++;
      counters.describeFailureStreak++;
      long delay = Backoff.delayNanos(counters.describeFailureStreak, s.initialBackoff(), s.maxBackoff(), s.random());
      describeBackoffUntil = now + delay;
      retryDue = true;
      LOG.warn("[id={}] describe failed ({}); retrying in {} ms", self, e.toString(), delay / 1_000_000);
      return false;
    }
    if (counters.describeFailureStreak > 0) {
      // EC2 was out of reach: if we were cut off, our view's verdicts on peers were made blind.
      suppression.reconnected(now, s.detectionDeadline().toNanos());
    }
    counters.describeFailureStreak = 0;
    long at = now();
    noteChanges(fresh, at, previousDescribe);
    calmSinceLastDescribe = localStatus == NodeStatus.ALIVE;
    cacheStale = false;
    observed = Map.copyOf(fresh);
    observedOnce = true;
    nextResyncAt = at + s.resyncInterval().toNanos();
    return true;
  }

  /** Remembers EIPs pulled away from us by live peers, and confirms our own in-flight moves. */
  private void noteChanges(Map<String, ObservedAssociation> fresh, long at, long previousDescribe) {
    for (ElasticIp eip : s.topology().elasticIps()) {
      EipTrack t = track(eip);
      ObservedAssociation before = observed.get(eip.allocationId());
      ObservedAssociation after = fresh.get(eip.allocationId());
      Optional<NodeId> was = holder(before);
      Optional<NodeId> now = holder(after);
      boolean awaitingOwnMove = t.inFlightPoint != null;
      if (awaitingOwnMove && after != null && after.isAt(t.inFlightPoint)) {
        lastTakeover = t.inFlightTimeline.withConfirmed(at);
        LOG.info("[id={}] confirmed {}", self, lastTakeover);
        t.clearInFlight();
      } else if (awaitingOwnMove && at - t.inFlightSince >= s.inFlightTimeout().toNanos()) {
        LOG.warn("[id={}] associate of {} to {} not visible after {}; will retry", self, eip, t.inFlightPoint,
            s.inFlightTimeout());
        t.clearInFlight();
      } else if (!awaitingOwnMove && calmSinceLastDescribe && was.equals(Optional.of(self)) && now.isPresent()
          && !now.get().equals(self) && view.peer(now.get()).since() <= previousDescribe) {
        // Pulled away while we were alive, awake and willing, by a node whose state (in our view)
        // has not changed since our previous look: the puller disagrees with us (it is alive: it
        // just made an API call, even if our view says otherwise). Damp it while the puller stays
        // in that state; a view change about it (a heal, a death) lifts the damping. If its state
        // changed in between, the pull may belong to the earlier episode: no damping.
        t.lost = true;
        t.lostAt = at;
        t.lostTo = now.get();
        t.lostToSince = view.peer(now.get()).since();
      }
    }
  }

  private Optional<NodeId> holder(ObservedAssociation a) {
    if (a == null || !a.isAssociated()) {
      return Optional.empty();
    }
    return s.topology().ownerOf(a.privateIp().get());
  }

  private void execute(Intent intent, long now) {
    ElasticIp eip = intent.elasticIp();
    EipTrack t = track(eip);
    OptionalLong guardAt = OptionalLong.empty();
    if (intent.needsGuard()) {
      GuardVerdict verdict = evaluateGuard(intent);
      guardAt = OptionalLong.of(now());
      if (!verdict.allowed()) {
        counters.guardDenials++;
        t.failures++;
        t.backoffUntil = now + Backoff.delayNanos(t.failures, s.initialBackoff(), s.maxBackoff(), s.random());
        if (!verdict.reason().equals(t.lastDenial)) {
          t.lastDenial = verdict.reason();
          LOG.warn("[id={}] guard denied taking {} from {}: {}", self, eip, intent.holder().orElse(null), verdict.reason());
          events.accept(new GuardDenied(self, instant(), eip, intent.holder(), verdict.reason()));
        }
        return;
      }
      t.lastDenial = null;
    }
    if (s.dryRun()) {
      if (!intent.target().point().equals(t.lastDryRun)) {
        t.lastDryRun = intent.target().point();
        LOG.info("[id={}] dry run: would associate {} with {} ({})", self, eip, intent.target().point(), intent.kind());
        events.accept(new TakeoverStarted(self, instant(), eip, intent.holder(), intent.target().point(),
            "dry run, not sent: " + intent.reason()));
      }
      return;
    }
    if (!budget.tryAcquire(now())) {
      counters.budgetDeferrals++;
      retryDue = true;
      return;
    }
    FailoverTimeline timeline = intent.timeline(self, view, guardAt, now());
    LOG.info("[id={}] associating {} with {} ({})", self, eip, intent.target().point(), intent.reason());
    events.accept(new TakeoverStarted(self, instant(), eip, intent.holder(), intent.target().point(), intent.reason()));
    try {
      s.elasticIpManager().associate(eip, intent.target().point());
    } catch (RuntimeException e) {
      onFailure(intent, t, e);
      return;
    }
    long answered = now();
    t.failures = 0;
    t.lost = false;
    t.inFlightPoint = intent.target().point();
    t.inFlightSince = answered;
    t.inFlightTimeline = timeline.withAnswered(answered);
    lastTakeover = t.inFlightTimeline;
    counters.takeovers++;
    ObservedAssociation found = observed.getOrDefault(eip.allocationId(), ObservedAssociation.unassociated(eip.allocationId()));
    // Optimistic: plan the next passes as if the move were visible (describe may lag behind).
    Map<String, ObservedAssociation> updated = new HashMap<>(observed);
    updated.put(eip.allocationId(), ObservedAssociation.associated(eip.allocationId(), null,
        intent.target().point().networkInterfaceId(), intent.target().point().privateIp()));
    observed = Map.copyOf(updated);
    LOG.info("[id={}] took {}: {}", self, eip, t.inFlightTimeline);
    events.accept(new TakeoverCompleted(self, instant(), eip, intent.holder(), intent.target().point(), t.inFlightTimeline));
    if (intent.kind() == Intent.Kind.FAILBACK) {
      events.accept(new FailBack(self, instant(), eip, intent.holder()));
    } else if (intent.kind() == Intent.Kind.DRIFT) {
      events.accept(new DriftRepaired(self, instant(), eip, found, intent.target().point()));
    }
  }

  private void onFailure(Intent intent, EipTrack t, RuntimeException e) {
    ElasticIpManagerException.Kind kind = e instanceof ElasticIpManagerException m ? m.kind() : ElasticIpManagerException.Kind.RETRYABLE;
    t.failures++;
    long delay = kind == ElasticIpManagerException.Kind.RETRYABLE
        ? Backoff.delayNanos(t.failures, s.initialBackoff(), s.maxBackoff(), s.random())
        : s.maxBackoff().toNanos();
    t.backoffUntil = now() + delay;
    counters.takeoverFailures++;
    LOG.warn("[id={}] associating {} failed ({}): {}; retry in {} ms", self, intent.elasticIp(), kind, e.getMessage(),
        delay / 1_000_000);
    events.accept(new TakeoverFailed(self, instant(), intent.elasticIp(), intent.target().point(), kind,
        String.valueOf(e.getMessage()), Duration.ofNanos(delay)));
  }

  private GuardVerdict evaluateGuard(Intent intent) {
    TakeoverRequest request = new TakeoverRequest(self, intent.elasticIp(), intent.holder(), input(now()).view(), s.topology());
    try {
      GuardVerdict verdict = s.guard().evaluate(request);
      return verdict != null ? verdict : GuardVerdict.deny("guard returned no verdict");
    } catch (RuntimeException e) {
      return GuardVerdict.deny("guard failed: " + e);
    }
  }

  private EipTrack track(ElasticIp eip) {
    return tracks.get(eip.allocationId());
  }

  private long now() {
    return s.ticker().read();
  }

  private Instant instant() {
    return s.clock().instant();
  }

  MembershipView view() {
    return view;
  }

  FailoverStatus status(boolean running) {
    return new FailoverStatus(self, running, s.dryRun(), localStatus, view, observed, lastPlan,
        Optional.ofNullable(lastTakeover), counters.snapshot());
  }
}

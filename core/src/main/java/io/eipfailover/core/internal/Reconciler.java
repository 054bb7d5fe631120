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
import io.eipfailover.core.PeerState;
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
import java.util.LinkedHashMap;
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

  private MembershipView view;
  private Map<String, ObservedAssociation> observed = Map.of();
  private boolean observedOnce;
  private long nextResyncAt;
  private long lastDescribeAt = Long.MIN_VALUE;
  private long describeBackoffUntil = Long.MIN_VALUE;
  private NodeStatus localStatus = NodeStatus.ALIVE;
  private Placement lastPlan = new Placement(Map.of());
  private FailoverTimeline lastTakeover;
  private boolean suppressed;
  private boolean heardFromMembership;
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
  /** When this node last woke from a detected pause or heard again from a peer it had lost. */
  private long lastWokeAt = Long.MIN_VALUE;
  private String suppressedFor = "";
  private long wokeAt = Long.MAX_VALUE;
  private long suppressUntil;

  Reconciler(FailoverSettings s, MembershipView initialView, Consumer<FailoverEvent> events) {
    this.s = s;
    this.self = s.self();
    this.events = events;
    this.view = initialView;
    this.budget = new TokenBucket(s.apiBurst(), s.apiCallsPerSecond());
    for (ElasticIp eip : s.topology().elasticIps()) {
      tracks.put(eip.allocationId(), new EipTrack());
    }
    this.nextResyncAt = s.ticker().read();
  }

  void onView(MembershipView newView) {
    MembershipView old = this.view;
    this.view = newView;
    heardFromMembership = true;
    if (suppressed && madeAfter(newView, wokeAt)) {
      resumeAfterPause("fresh view #" + newView.epoch());
    }
    if (rejoined(old, newView)) {
      // A peer we had lost is back. A partition is symmetric as far as we know: it lost us too, and
      // counts our fail-back delay from now. Pulling our EIPs home at once races its own view.
      lastWokeAt = now();
    }
    pass(newView.merged() || placementRelevantChange(old, newView));
  }

  private boolean rejoined(MembershipView before, MembershipView after) {
    for (Map.Entry<NodeId, PeerState> e : after.members().entrySet()) {
      if (!e.getKey().equals(self) && before.stateOf(e.getKey()) == NodeState.DEAD && e.getValue().state().isReachable()
          && before.peer(e.getKey()).lastHeard().isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some node entered or left the states that hold EIPs. Cached observations may be stale
   * (a peer pulled an EIP home since the last describe), so such a change is planned on a fresh
   * describe. Suspicion alone moves nothing, so going to or from SUSPECT costs no call: a failover
   * is one describe on the view that declares the peer dead, plus the confirming one.
   */
  static boolean placementRelevantChange(MembershipView before, MembershipView after) {
    for (Map.Entry<NodeId, PeerState> e : after.members().entrySet()) {
      if (collapseSuspect(before.stateOf(e.getKey())) != collapseSuspect(e.getValue().state())) {
        return true;
      }
    }
    return false;
  }

  private static NodeState collapseSuspect(NodeState state) {
    return state == NodeState.SUSPECT ? NodeState.ALIVE : state;
  }

  void onLocalStatus(NodeStatus status) {
    this.localStatus = status;
    if (status != NodeStatus.ALIVE) {
      calmSinceLastDescribe = false;
    }
    pass(true);
  }

  /**
   * Start-up grace (Heartbeat's {@code initdead}): peers not heard yet are not convicted until the
   * membership had time to hear them. It ends when its time has passed and the membership has
   * delivered at least one view (a membership that is slow to join keeps it on).
   */
  void onStart() {
    if (!s.startupGrace().isZero()) {
      suppressed = true;
      suppressedFor = "start-up grace";
      wokeAt = Long.MAX_VALUE;
      suppressUntil = now() + s.startupGrace().toNanos();
    }
  }

  /** This node's loop was paused (its tick came {@code lateNanos} late): do not convict on old data. */
  void onLocalPause(long lateNanos) {
    counters.localPauses++;
    lastWokeAt = now();
    calmSinceLastDescribe = false;
    cacheStale = true; // EC2 may have changed while we slept
    suppressed = true;
    suppressedFor = "local pause";
    wokeAt = now();
    suppressUntil = wokeAt + s.detectionDeadline().toNanos();
    LOG.warn("[id={}] this node was paused for {} ms; no takeover from unreachable peers until a fresh view or {}",
        self, lateNanos / 1_000_000, s.detectionDeadline());
  }

  /** A periodic tick: resync when due, then plan with what is known. */
  void tick() {
    long now = now();
    boolean planAgain = false;
    if (suppressed && now >= suppressUntil && heardFromMembership) {
      resumeAfterPause("its time passed");
      planAgain = true;
    }
    boolean describeDue = now >= nextResyncAt || confirmDue(now) || cacheStale;
    if (describeDue || planAgain || retryDue || retryWindowEnded(now) || now - lastPlanAt >= IDLE_PLAN_INTERVAL) {
      retryDue = false;
      pass(describeDue);
    }
  }

  /** A back-off ended since the last plan: the intent it held back may be actionable now. */
  private boolean retryWindowEnded(long now) {
    for (EipTrack t : tracks.values()) {
      if (t.backoffUntil > lastPlanAt && t.backoffUntil <= now) {
        return true;
      }
    }
    return false;
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
          || damped(i, t, now) || (i.needsGuard() && suppressed);
    });
    return all;
  }

  /** Flap damping: a live peer pulled this EIP from us recently; do not pull it straight back. */
  private boolean damped(Intent intent, EipTrack t, long now) {
    return t.lost && now - t.lostAt < s.holdTime().toNanos() && intent.holder().equals(Optional.of(t.lostTo))
        && view.peer(t.lostTo).since() == t.lostToSince;
  }

  PlacementInput input(long now) {
    MembershipView v = view;
    NodeState selfState = localStatus.asState();
    PeerState old = v.peer(self);
    // After a pause, peers saw this node die and come back: it is alive again only since waking, so
    // its fail-back delay counts from then, as it does in the peers' views.
    long since = selfState == NodeState.ALIVE ? Math.max(old.since(), lastWokeAt) : old.since();
    if (old.state() != selfState || old.since() != since) {
      Map<NodeId, PeerState> members = new LinkedHashMap<>(v.members());
      members.put(self, new PeerState(selfState, since, old.lastHeard(), old.suspectedAt()));
      v = new MembershipView(v.epoch(), self, members, v.merged());
    }
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

  private boolean confirmDue(long now) {
    long sinceDescribe = now - lastDescribeAt;
    for (EipTrack t : tracks.values()) {
      if (t.inFlightPoint != null && now - t.inFlightSince >= s.confirmDelay().toNanos()
          && sinceDescribe >= s.confirmDelay().toNanos()) {
        return true;
      }
    }
    return false;
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
            "dry run, not sent: " + reason(intent)));
      }
      return;
    }
    if (!budget.tryAcquire(now())) {
      counters.budgetDeferrals++;
      retryDue = true;
      return;
    }
    FailoverTimeline timeline = timeline(intent, guardAt, now());
    LOG.info("[id={}] associating {} with {} ({})", self, eip, intent.target().point(), reason(intent));
    events.accept(new TakeoverStarted(self, instant(), eip, intent.holder(), intent.target().point(), reason(intent)));
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
      ObservedAssociation found = observed.getOrDefault(eip.allocationId(), ObservedAssociation.unassociated(eip.allocationId()));
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

  private FailoverTimeline timeline(Intent intent, OptionalLong guardAt, long sent) {
    OptionalLong lastHeard = OptionalLong.empty();
    OptionalLong suspected = OptionalLong.empty();
    OptionalLong dead = OptionalLong.empty();
    if (intent.holder().isPresent() && !intent.holder().get().equals(self)) {
      PeerState p = view.peer(intent.holder().get());
      lastHeard = p.lastHeard();
      suspected = p.suspectedAt();
      if (p.state() != NodeState.ALIVE && p.state() != NodeState.SUSPECT) {
        dead = OptionalLong.of(p.since());
      }
    }
    return new FailoverTimeline(intent.elasticIp(), intent.holder(), self, lastHeard, suspected, dead, guardAt, sent,
        OptionalLong.empty(), OptionalLong.empty());
  }

  private static String reason(Intent intent) {
    String from = intent.holder().map(NodeId::toString).orElse("nobody");
    return switch (intent.kind()) {
      case FAILOVER -> "failover from " + from;
      case HANDOFF -> "hand-off from " + from;
      case FAILBACK -> "fail-back from " + from;
      case UNASSOCIATED -> "unassociated";
      case DRIFT -> "drift repair";
      case REBALANCE -> "rebalance from " + from;
    };
  }

  /**
   * Whether the view was computed after {@code instant}: some non-self entry changed state or was
   * heard from since then. A view queued while this node was paused reflects pre-pause knowledge.
   */
  private boolean madeAfter(MembershipView v, long instant) {
    for (Map.Entry<NodeId, PeerState> e : v.members().entrySet()) {
      PeerState p = e.getValue();
      if (!e.getKey().equals(self) && (p.since() > instant || p.lastHeard().orElse(Long.MIN_VALUE) > instant)) {
        return true;
      }
    }
    return false;
  }

  private void resumeAfterPause(String why) {
    suppressed = false;
    LOG.info("[id={}] takeovers from unreachable peers allowed again after {}: {}", self, suppressedFor, why);
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

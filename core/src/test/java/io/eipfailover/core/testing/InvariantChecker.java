package io.eipfailover.core.testing;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.event.LocalStatusChanged;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.event.ViewChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks a {@link SimulatedCluster} against the safety invariants after every step ({@link
 * #checkSafety()}) and the liveness invariants once faults heal ({@link #checkLiveness}). Every
 * violation is an {@link InvariantViolation} naming the invariant:
 *
 * <ul>
 *   <li>{@code task-failure}: a scheduled task threw;
 *   <li>{@code pull-only}: an AssociateAddress targeted a point that is not the caller's own;
 *   <li>{@code one-associate-per-move}: a node (one incarnation) sent a second successful
 *       AssociateAddress of an EIP to the same point while the first still stood (the EIP had not
 *       left that point since), e.g. because a describe within EC2's eventual-consistency window
 *       still showed the old holder; a repeat after a lost answer is allowed (the node cannot know);
 *   <li>{@code guard}: a takeover from a holder the taker could not reach (or of a foreign
 *       unassociated EIP) without an allowing verdict of its guard at that instant;
 *   <li>{@code no-ping-pong}: an EIP moved twice within the hold time with no membership change,
 *       status change, restart or injected fault to explain it, or moved at all while stable;
 *   <li>{@code same-view-same-plan}: nodes whose views have equal member states, given the same
 *       input, computed different placements (or one strategy answered differently twice);
 *   <li>{@code api-budget}: a node made more calls of one EC2 action in some window than its token
 *       bucket for that action allows;
 *   <li>{@code liveness} / {@code fail-back} / {@code unassociated}: after healing, an EIP was not on
 *       a healthy eligible node (or not home) within the bound, or stayed unassociated too long.
 * </ul>
 *
 * <p>Incremental: each check looks only at what was logged since the previous one. Not thread-safe.
 */
public final class InvariantChecker {
  private final SimulatedCluster cluster;
  private final ClusterTopology topology;
  private final List<Long> faultTimes = new ArrayList<>();
  private final Map<String, MembershipView> lastViews = new TreeMap<>();
  private final Map<String, List<Long>> statusChanges = new TreeMap<>();
  private final Map<String, Ec2Move> lastMove = new TreeMap<>();
  private final Map<String, List<Long>> callTimes = new TreeMap<>();
  private final Map<String, Ec2Call> lastAssociate = new TreeMap<>();
  private int calls;
  private int events;
  private int moves;
  private long checks;

  public InvariantChecker(SimulatedCluster cluster) {
    this.cluster = cluster;
    this.topology = cluster.topology();
  }

  /** Tells the checker a fault was injected now: moves soon after it are explained. */
  public void noteFault() {
    faultTimes.add(cluster.time().nanos());
  }

  /** Number of safety checks run. */
  public long checks() {
    return checks;
  }

  /** Runs every safety check on what happened since the last call. */
  public void checkSafety() {
    checks++;
    if (!cluster.time().failures().isEmpty()) {
      throw violation("task-failure", "a scheduled task threw: " + cluster.time().failures());
    }
    checkCalls();
    checkEvents();
    checkMoves();
    checkSamePlan();
  }

  private void checkCalls() {
    List<Ec2Call> log = cluster.ec2().calls();
    for (; calls < log.size(); calls++) {
      Ec2Call c = log.get(calls);
      if (c.caller().equals(SimulatedEc2.OPERATOR)) {
        continue;
      }
      if (c.op() == Ec2Call.Op.ASSOCIATE) {
        AttachmentPoint t = c.target().orElseThrow();
        if (!topology.node(c.caller()).owns(t.networkInterfaceId(), t.privateIp())) {
          throw violation("pull-only", c.caller() + " associated " + c.allocationIds() + " with " + t + ", which belongs to "
              + topology.ownerOf(t.privateIp()).map(NodeId::toString).orElse("no node") + ": " + c);
        }
        checkOneAssociatePerMove(c);
      }
      checkBudget(c);
    }
  }

  private void checkOneAssociatePerMove(Ec2Call c) {
    if (c.outcome() != Ec2Call.Outcome.OK && c.outcome() != Ec2Call.Outcome.LOST_RESPONSE) {
      return;
    }
    String eip = c.allocationIds().get(0);
    Ec2Call previous = lastAssociate.put(c.caller() + "#" + incarnationStart(c) + " " + eip, c);
    if (previous == null || previous.outcome() == Ec2Call.Outcome.LOST_RESPONSE
        || !previous.target().equals(c.target())) {
      return;
    }
    String point = c.target().orElseThrow().privateIp();
    for (Ec2Move m : cluster.ec2().moves()) {
      if (m.allocationId().equals(eip) && m.from().equals(Optional.of(point)) && m.atNanos() >= previous.atNanos()
          && m.atNanos() <= c.atNanos()) {
        return; // it had left the point: a new move
      }
    }
    throw violation("one-associate-per-move", c.caller() + " associated " + eip + " with " + c.target().get()
        + " twice for one move: " + previous + " then " + c);
  }

  /** When the caller's incarnation that made {@code c} started. */
  private long incarnationStart(Ec2Call c) {
    long start = Long.MIN_VALUE;
    for (long s : cluster.node(c.caller()).startTimes) {
      if (s <= c.atNanos()) {
        start = s;
      }
    }
    return start;
  }

  private void checkBudget(Ec2Call c) {
    long start = incarnationStart(c);
    List<Long> times = callTimes.computeIfAbsent(c.caller() + " " + c.op(), k -> new ArrayList<>());
    times.removeIf(t -> t < start);
    times.add(c.atNanos());
    int j = times.size() - 1;
    for (int i = j; i >= 0; i--) {
      double window = (times.get(j) - times.get(i)) / 1e9;
      double allowed = cluster.apiBurst() + cluster.apiCallsPerSecond() * window + 1e-6;
      if (j - i + 1 > allowed) {
        throw violation("api-budget", c.caller() + " made " + (j - i + 1) + " " + c.op() + " calls in " + window
            + " s; its budget allows " + cluster.apiBurst() + " + " + cluster.apiCallsPerSecond() + "/s");
      }
    }
  }

  private void checkEvents() {
    List<SimEvent> log = cluster.events();
    List<GuardRecord> guardLog = cluster.guardLog();
    for (; events < log.size(); events++) {
      SimEvent e = log.get(events);
      String key = e.node() + "#" + e.incarnation();
      if (e.event() instanceof ViewChanged v) {
        lastViews.put(key, v.view());
        statusChanges.computeIfAbsent(e.node().value(), k -> new ArrayList<>()).add(e.atNanos());
      } else if (e.event() instanceof LocalStatusChanged) {
        statusChanges.computeIfAbsent(e.node().value(), k -> new ArrayList<>()).add(e.atNanos());
      } else if (e.event() instanceof TakeoverStarted t) {
        MembershipView view = lastViews.get(key);
        Optional<NodeId> holder = t.from();
        boolean needsGuard = holder.isPresent()
            ? !holder.get().equals(e.node()) && (view == null || !view.stateOf(holder.get()).isReachable())
            : !t.elasticIp().home().equals(e.node());
        if (needsGuard) {
          GuardRecord verdict = null;
          for (GuardRecord g : guardLog) {
            if (g.sequence() > e.sequence()) {
              break;
            }
            if (g.node().equals(e.node()) && g.request().elasticIp().equals(t.elasticIp())) {
              verdict = g;
            }
          }
          if (verdict == null || verdict.atNanos() != e.atNanos() || !verdict.verdict().allowed()) {
            throw violation("guard", e.node() + " took " + t.elasticIp() + " from "
                + holder.map(NodeId::toString).orElse("nobody") + " (not reachable in its view " + view
                + ") without its guard's consent; last verdict: " + verdict);
          }
        }
      }
    }
  }

  private void checkMoves() {
    List<Ec2Move> log = cluster.ec2().moves();
    long hold = cluster.timings().holdTime().toNanos();
    for (; moves < log.size(); moves++) {
      Ec2Move m = log.get(moves);
      if (m.to().isEmpty() || m.caller().equals(SimulatedEc2.OPERATOR)) {
        continue;
      }
      Ec2Move prev = lastMove.put(m.allocationId(), m);
      if (prev == null || m.requestedAtNanos() - prev.atNanos() >= hold) {
        continue;
      }
      long from = prev.requestedAtNanos() - cluster.timings().detection().toNanos() - hold;
      if (!explained(m.caller(), from, m.requestedAtNanos())) {
        throw violation("no-ping-pong", m.allocationId() + " moved twice within the hold time "
            + cluster.timings().holdTime() + " with no membership change, restart or fault to explain it: " + prev
            + " then " + m);
      }
    }
  }

  private boolean explained(NodeId mover, long from, long to) {
    for (long t : faultTimes) {
      if (t >= from && t <= to) {
        return true;
      }
    }
    for (long t : statusChanges.getOrDefault(mover.value(), List.of())) {
      if (t >= from && t <= to) {
        return true;
      }
    }
    return false;
  }

  private void checkSamePlan() {
    Map<String, ObservedAssociation> truth = truth();
    Map<Map<NodeId, MemberState>, List<SimNode>> groups = new LinkedHashMap<>();
    for (SimNode n : cluster.nodes()) {
      if (!n.crashed() && n.membership() != null) {
        groups.computeIfAbsent(states(n.membership().view()), k -> new ArrayList<>()).add(n);
      }
    }
    long now = cluster.time().nanos();
    for (List<SimNode> group : groups.values()) {
      PlacementInput input = new PlacementInput(topology, group.get(0).membership().view(), truth, now);
      Placement reference = group.get(0).strategy().place(input);
      for (SimNode n : group) {
        for (int i = 0; i < 2; i++) {
          Placement p = n.strategy().place(input);
          if (!p.equals(reference)) {
            throw violation("same-view-same-plan", "nodes " + group.get(0).id() + " and " + n.id()
                + " (call " + (i + 1) + ") with view " + input.view() + " computed different plans: " + reference.targets()
                + " vs " + p.targets());
          }
        }
      }
    }
  }

  private static Map<NodeId, MemberState> states(MembershipView v) {
    Map<NodeId, MemberState> m = new TreeMap<>();
    v.members().forEach((k, p) -> m.put(k, p.state()));
    return m;
  }

  /** What EC2 really holds now, as observations. */
  public Map<String, ObservedAssociation> truth() {
    Map<String, ObservedAssociation> m = new TreeMap<>();
    for (ElasticIp eip : topology.elasticIps()) {
      m.put(eip.allocationId(), cluster.ec2().association(eip.allocationId())
          .map(a -> ObservedAssociation.associated(eip.allocationId(), a.associationId(), a.networkInterfaceId(),
              a.privateIp()))
          .orElse(ObservedAssociation.unassociated(eip.allocationId())));
    }
    return m;
  }

  /**
   * After {@link SimulatedCluster#healAll()}: runs until every EIP is on a healthy eligible node
   * (and, with {@code expectHome}, on its home point) or the bound passes, checking safety on the
   * way, then runs {@code stableTail} more and requires no EIP to move in it. The bound is {@link
   * SimTimings#livenessBound()} (plus the fail-back delay with {@code expectHome}); while the account's
   * buckets throttle (they stay after healing) it adds the throttle recovery and one resync: a node
   * whose act EC2 refused climbs back to its full rate over {@code throttleRecovery}, and may act
   * only after its next describe (seen: a third fail-back of one node refused by a burst of 2, done
   * 15.75 s after the heal against a bound of 15.55 s).
   *
   * @return how long convergence took
   */
  public Duration checkLiveness(boolean expectHome, Duration stableTail) {
    long healedAt = cluster.time().nanos();
    boolean throttling = !cluster.ec2().accountThrottling().equals(AccountThrottling.OFF);
    Duration bound = cluster.timings().livenessBound().plus(expectHome ? cluster.timings().failbackDelay() : Duration.ZERO)
        .plus(throttling ? cluster.throttleRecovery().plus(cluster.timings().resyncInterval()) : Duration.ZERO);
    Duration step = cluster.timings().tickInterval();
    // Suspicions raised by the faults expire within one detection deadline after the heal.
    long settleViews = healedAt + cluster.timings().detection().plus(cluster.timings().heartbeatInterval()).toNanos();
    String problem;
    while ((problem = misplaced(expectHome, settleViews)) != null) {
      long waited = cluster.time().nanos() - healedAt;
      for (ElasticIp eip : topology.elasticIps()) {
        Optional<Long> since = cluster.ec2().unassociatedSince(eip.allocationId());
        if (since.isPresent() && cluster.time().nanos() - Math.max(since.get(), healedAt) > bound.toNanos()) {
          throw violation("unassociated", eip + " unassociated for longer than " + bound + " while healthy nodes exist");
        }
      }
      if (waited > bound.toNanos()) {
        throw violation(expectHome ? "fail-back" : "liveness", problem + " still " + Duration.ofNanos(waited).toMillis()
            + " ms after every fault healed (bound " + bound + "); nodes " + cluster.nodes());
      }
      cluster.advance(step);
      checkSafety();
    }
    Duration took = Duration.ofNanos(cluster.time().nanos() - healedAt);
    int movesBefore = cluster.ec2().moves().size();
    long tailStart = cluster.time().nanos();
    long end = tailStart + stableTail.toNanos();
    while (cluster.time().nanos() < end) {
      cluster.advance(step);
      checkSafety();
    }
    List<Ec2Move> tail = cluster.ec2().moves().subList(movesBefore, cluster.ec2().moves().size());
    if (!tail.isEmpty()) {
      throw violation("no-ping-pong", "EIPs moved while every node was healthy and the views stable: " + tail);
    }
    return took;
  }

  private String misplaced(boolean expectHome, long settleViews) {
    if (cluster.time().nanos() < settleViews) {
      return "views not settled yet";
    }
    if (cluster.ec2().pendingAssociations() > 0) {
      return cluster.ec2().pendingAssociations() + " association(s) still taking effect";
    }
    for (SimNode n : cluster.nodes()) {
      MembershipView v = n.membership().view();
      for (SimNode m : cluster.nodes()) {
        if (v.stateOf(m.id()) != MemberState.ALIVE) {
          return n.id() + " sees " + m.id() + " as " + v.stateOf(m.id());
        }
      }
    }
    for (ElasticIp eip : topology.elasticIps()) {
      Optional<NodeId> holder = cluster.ec2().holder(eip);
      if (holder.isEmpty()) {
        return eip + " is not associated with any node";
      }
      if (!cluster.node(holder.get()).eligible()) {
        return eip + " is on " + cluster.node(holder.get()) + ", which is not eligible";
      }
      if (expectHome && !cluster.ec2().isAt(eip, topology.homePoint(eip))) {
        return eip + " is on " + holder.get() + ", not home";
      }
    }
    SimNode first = cluster.nodes().iterator().next();
    Placement plan = first.strategy().place(
        new PlacementInput(topology, first.membership().view(), truth(), cluster.time().nanos()));
    for (ElasticIp eip : topology.elasticIps()) {
      Optional<Placement.Target> target = plan.targetOf(eip);
      if (target.isPresent() && !cluster.ec2().isAt(eip, target.get().point())) {
        return eip + " is on " + cluster.ec2().association(eip.allocationId()).map(a -> a.privateIp()).orElse("none")
            + " but the plan puts it on " + target.get();
      }
    }
    return null;
  }

  private InvariantViolation violation(String invariant, String message) {
    return new InvariantViolation(invariant, cluster.time().nanos(), message);
  }
}

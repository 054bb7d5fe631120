package io.eipfailover.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.event.DryRunTakeover;
import io.eipfailover.core.event.FailBack;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.testing.Ec2Call;
import io.eipfailover.core.testing.FakeElasticIpManager;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.SimulatedEc2;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualScheduler;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One node's reconciler against a hand-driven membership and the simulated EC2, in virtual time. */
class ReconcilerScenarioTest {
  private static final NodeId A = Topologies.node(1);
  private static final NodeId B = Topologies.node(2);

  private final ClusterTopology topology = Topologies.ring(2);
  private final ElasticIp eipA = topology.homedOn(A).get(0);
  private final ElasticIp eipB = topology.homedOn(B).get(0);
  private final VirtualTime time = new VirtualTime();
  private final VirtualScheduler aws = time.scheduler("aws");
  private final SimulatedEc2 ec2 = new SimulatedEc2(topology, aws, new Random(1));
  private final List<FailoverEvent> events = new ArrayList<>();
  private final AtomicInteger guardCalls = new AtomicInteger();
  private volatile HealthResult health = HealthResult.healthy("test");
  private VirtualScheduler lane;
  private ManualMembership membership;
  private EipFailover failover;

  private EipFailover.Builder nodeA(SplitBrainGuard guard) {
    lane = time.scheduler("n1");
    membership = new ManualMembership(A, topology.nodeIds(), time.ticker());
    SplitBrainGuard counting = request -> {
      guardCalls.incrementAndGet();
      return guard.evaluate(request);
    };
    return EipFailover.builder()
        .topology(topology)
        .self(A)
        .membership(membership)
        .elasticIpManager(new FakeElasticIpManager(ec2, A))
        .guard(counting)
        .strategy(FailoverStrategies.homeWithFailback(Duration.ofSeconds(5)))
        .ticker(time.ticker())
        .clock(time.clock())
        .scheduler(lane)
        .ioExecutor(lane)
        .random(new Random(7))
        .healthCheck(() -> health)
        .listener(events::add, Runnable::run);
  }

  private void startWithPeerAlive(EipFailover.Builder builder) {
    ec2.placeAllAtHome();
    failover = builder.build();
    failover.start();
    membership.set(B, MemberState.ALIVE);
    time.advance(Duration.ofSeconds(3));
  }

  @AfterEach
  void close() {
    if (failover != null) {
      failover.close();
    }
    assertEquals(List.of(), time.failures(), "tasks must not throw");
  }

  @Test
  void takesOverADeadPeersEipWithOneAssociateAndAtMostTwoDescribes() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));
    int callsBefore = ec2.calls().size();

    membership.set(B, MemberState.SUSPECT);
    time.advance(Duration.ofMillis(500));
    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(2));

    assertEquals(Optional.of(A), ec2.holder(eipB));
    assertTrue(topology.node(A).reservedPoints().stream().anyMatch(p -> ec2.isAt(eipB, p)));
    List<Ec2Call> failoverCalls = ec2.calls().subList(callsBefore, ec2.calls().size());
    assertEquals(1, failoverCalls.stream().filter(c -> c.op() == Ec2Call.Op.ASSOCIATE).count());
    assertTrue(failoverCalls.stream().filter(c -> c.op() == Ec2Call.Op.DESCRIBE).count() <= 2,
        "describes during the failover: " + failoverCalls);
    TakeoverCompleted done = only(TakeoverCompleted.class);
    assertEquals(Optional.of(B), done.from());
    assertTrue(done.timeline().suspected().isPresent() && done.timeline().declaredDead().isPresent()
        && done.timeline().guardVerdict().isPresent(), done.timeline().toString());
    assertTrue(failover.status().lastTakeover().orElseThrow().confirmed().isPresent(),
        "a later describe confirms the move");
    assertEquals(1, guardCalls.get());
  }

  @Test
  void doesNotTakeOverWhileGuardDeniesAndReportsTheDenialOnce() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.deny("gateway unreachable")));

    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(20));

    assertEquals(Optional.of(B), ec2.holder(eipB));
    assertEquals(0, ec2.calls().stream().filter(c -> c.op() == Ec2Call.Op.ASSOCIATE).count());
    assertEquals(1, events.stream().filter(GuardDenied.class::isInstance).count());
    assertTrue(guardCalls.get() > 1, "the guard is asked again after back-off");
    assertTrue(guardCalls.get() < 40, "but not on every tick: " + guardCalls.get());
  }

  @Test
  void suspicionAloneMovesNothing() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));

    membership.set(B, MemberState.SUSPECT);
    time.advance(Duration.ofSeconds(60));

    assertEquals(Optional.of(B), ec2.holder(eipB));
    assertEquals(0, guardCalls.get());
  }

  @Test
  void steadyStateCostsOneDescribePerResyncInterval() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));
    int before = ec2.calls().size();

    time.advance(Duration.ofMinutes(5));

    long describes = ec2.calls().subList(before, ec2.calls().size()).stream()
        .filter(c -> c.op() == Ec2Call.Op.DESCRIBE).count();
    assertTrue(describes >= 9 && describes <= 11, "describes in 5 minutes: " + describes);
  }

  @Test
  void startupGraceKeepsANewNodeFromStealingPeersItHasNotHeardYet() {
    ec2.placeAllAtHome();
    failover = nodeA(r -> GuardVerdict.allow("test")).config(FailoverConfig.builder().startupGrace(Duration.ofSeconds(2)).build()).build();
    failover.start();
    time.advance(Duration.ofMillis(1500));
    assertEquals(Optional.of(B), ec2.holder(eipB), "peer never heard, but still in grace");
    assertEquals(0, guardCalls.get());

    time.advance(Duration.ofSeconds(2));
    assertEquals(Optional.of(B), ec2.holder(eipB), "grace over, but the membership has reported nothing yet");

    membership.merge(); // the membership's first view: n2 still never heard, so DEAD
    time.advance(Duration.ofMillis(500));
    assertEquals(Optional.of(A), ec2.holder(eipB), "after the grace and a first view a never-heard peer is dead");
  }

  @Test
  void failsBackOnlyAfterTheFailbackDelay() {
    ec2.placeAllAtHome();
    ec2.operatorAssociate(eipA, topology.node(B).reservedPoints().get(0));
    failover = nodeA(r -> GuardVerdict.allow("test")).build();
    failover.start();
    membership.set(B, MemberState.ALIVE);

    time.advance(Duration.ofSeconds(4));
    assertEquals(Optional.of(B), ec2.holder(eipA), "home alive for 4 s < 5 s delay");

    time.advance(Duration.ofSeconds(2));
    assertEquals(Optional.of(A), ec2.holder(eipA));
    assertTrue(ec2.isAt(eipA, topology.homePoint(eipA)));
    assertEquals(1, events.stream().filter(FailBack.class::isInstance).count());
    assertEquals(0, guardCalls.get(), "fail-back from a live peer needs no guard");
  }

  @Test
  void standbyIsAnnouncedAndTheNodeTakesNothingWhileInStandby() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));

    failover.standby();
    time.advance(Duration.ofMillis(200));
    assertEquals(AnnouncedStatus.STANDBY, membership.announced());
    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(5));
    assertEquals(Optional.of(B), ec2.holder(eipB), "a standby node takes nothing");

    failover.resume();
    time.advance(Duration.ofSeconds(2));
    assertEquals(AnnouncedStatus.ALIVE, membership.announced());
    assertEquals(Optional.of(A), ec2.holder(eipB));
  }

  @Test
  void aPeerDyingSoonAfterPullingItsEipHomeIsTakenOverAtOnceNotAtTheNextResync() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));
    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(1));
    assertEquals(Optional.of(A), ec2.holder(eipB));

    membership.set(B, MemberState.ALIVE);
    time.advance(Duration.ofSeconds(6));
    ec2.operatorAssociate(eipB, topology.homePoint(eipB)); // B pulls its EIP home; A does not see it
    time.advance(Duration.ofSeconds(2));
    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(1));

    assertEquals(Optional.of(A), ec2.holder(eipB), "planned on a fresh describe, not on the stale cache");
  }

  @Test
  void resumingFromStandbyPullsTheHomeEipBackAfterTheFailbackDelayWithoutFlapDamping() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")).config(FailoverConfig.builder().holdTime(Duration.ofSeconds(60)).build()));
    failover.standby();
    time.advance(Duration.ofMillis(200));
    ec2.operatorAssociate(eipA, topology.node(B).reservedPoints().get(0)); // B pulls A's EIP
    time.advance(Duration.ofSeconds(2));

    failover.resume();
    membership.set(A, MemberState.ALIVE);
    time.advance(Duration.ofSeconds(7));

    assertEquals(Optional.of(A), ec2.holder(eipA), "a hand-off we asked for is not a flap to damp");
  }

  @Test
  void anEipPulledAwayByALivePeerWhileWeWereAliveIsNotPulledBackWithinTheHoldTime() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")).config(FailoverConfig.builder().holdTime(Duration.ofSeconds(60)).build()));
    ec2.operatorAssociate(eipA, topology.node(B).reservedPoints().get(0)); // a confused live peer
    failover.reconcileNow();
    time.advance(Duration.ofSeconds(30));

    assertEquals(Optional.of(B), ec2.holder(eipA), "damped: no ping-pong with a live peer");
    time.advance(Duration.ofSeconds(35));
    assertEquals(Optional.of(A), ec2.holder(eipA), "after the hold time the home node pulls it back");
  }

  @Test
  void whenOnlyHeartbeatsAreLostAPeerPullingItsEipBackIsNotFoughtOver() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("reachability only")).config(FailoverConfig.builder().holdTime(Duration.ofSeconds(60)).build()));
    membership.set(B, MemberState.DEAD); // B is alive; only heartbeats are lost
    time.advance(Duration.ofSeconds(2));
    assertEquals(Optional.of(A), ec2.holder(eipB));

    ec2.operatorAssociate(eipB, topology.homePoint(eipB)); // B, seeing A dead, pulls its EIP home
    time.advance(Duration.ofSeconds(40));                 // resync sees it; B is still DEAD to A

    assertEquals(Optional.of(B), ec2.holder(eipB), "one move and back, then damped: no ping-pong");
    assertEquals(1, ec2.calls().stream().filter(c -> c.op() == Ec2Call.Op.ASSOCIATE && c.caller().equals(A)).count());

    membership.set(B, MemberState.ALIVE); // heartbeats heal: the damping's reason is gone
    membership.set(B, MemberState.DEAD);  // and B really dies
    time.advance(Duration.ofSeconds(2));
    assertEquals(Optional.of(A), ec2.holder(eipB), "a later death of the puller is taken over at once");
  }

  @Test
  void aNodeWhoseEipMovedWhileItWasPausedFailsBackAfterTheDelayNotTheHoldTime() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")).config(FailoverConfig.builder().holdTime(Duration.ofSeconds(60)).build()));
    lane.pause();
    time.advance(Duration.ofSeconds(3));
    ec2.operatorAssociate(eipA, topology.node(B).reservedPoints().get(0)); // B thought A dead
    lane.resume();
    time.advance(Duration.ofSeconds(4));
    assertEquals(Optional.of(B), ec2.holder(eipA), "no grab right after waking: the fail-back delay counts from the wake");

    time.advance(Duration.ofSeconds(3));
    assertEquals(Optional.of(A), ec2.holder(eipA));
  }

  @Test
  void afterAPartitionHealsTheFailbackDelayCountsFromTheHeal() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.deny("cut off")));
    membership.set(B, MemberState.DEAD); // partition: each side sees the other dead
    time.advance(Duration.ofSeconds(1));
    ec2.operatorAssociate(eipA, topology.node(B).reservedPoints().get(0)); // B took A's EIP
    time.advance(Duration.ofSeconds(5));

    membership.set(B, MemberState.ALIVE); // heal
    time.advance(Duration.ofSeconds(3));
    assertEquals(Optional.of(B), ec2.holder(eipA), "B may not have heard A yet: A waits its fail-back delay");
    time.advance(Duration.ofSeconds(3));
    assertEquals(Optional.of(A), ec2.holder(eipA));
  }

  @Test
  void anUnhealthyNodeAnnouncesItAndTakesNothing() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));

    health = HealthResult.unhealthy("HTTP 503");
    time.advance(Duration.ofSeconds(2));
    assertEquals(AnnouncedStatus.UNHEALTHY, membership.announced());
    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(5));
    assertEquals(Optional.of(B), ec2.holder(eipB));

    health = HealthResult.healthy("HTTP 200");
    time.advance(Duration.ofSeconds(2));
    assertEquals(AnnouncedStatus.ALIVE, membership.announced());
    assertEquals(Optional.of(A), ec2.holder(eipB));
  }

  @Test
  void dryRunPlansAndReportsButNeverAssociates() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")).config(FailoverConfig.builder().dryRun(true).build()));

    membership.set(B, MemberState.DEAD);
    time.advance(Duration.ofSeconds(10));

    assertEquals(0, ec2.calls().stream().filter(c -> c.op() == Ec2Call.Op.ASSOCIATE).count());
    assertEquals(Optional.of(B), ec2.holder(eipB));
    DryRunTakeover planned = only(DryRunTakeover.class);
    assertEquals(Optional.of(B), planned.from());
    assertTrue(planned.reason().startsWith("failover from n2"), planned.reason());
    assertEquals(List.of(), events.stream().filter(TakeoverStarted.class::isInstance).toList(),
        "a dry run starts no takeover");
  }

  @Test
  void aPausedNodeDoesNotActOnViewsQueuedDuringItsPause() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));

    lane.pause();
    time.advance(Duration.ofSeconds(3));
    membership.set(B, MemberState.DEAD); // queued on the paused lane: pre-pause knowledge
    lane.resume();
    time.advance(Duration.ofMillis(500));
    assertEquals(Optional.of(B), ec2.holder(eipB), "no takeover right after waking");
    assertEquals(1, failover.status().counters().localPauses());

    time.advance(Duration.ofSeconds(2));
    assertEquals(Optional.of(A), ec2.holder(eipB), "after one detection deadline the view is trusted");
  }

  @Test
  void statusShowsObservedPlacementAndCounters() {
    startWithPeerAlive(nodeA(r -> GuardVerdict.allow("test")));

    var status = failover.status();
    assertTrue(status.running());
    assertEquals(2, status.observed().size());
    assertTrue(status.observed().get(eipA.allocationId()).isAt(topology.homePoint(eipA)));
    assertTrue(status.counters().describeCalls() >= 1);
    failover.close();
    assertFalse(failover.status().running());
    assertTrue(membership.isClosed());
  }

  private <T extends FailoverEvent> T only(Class<T> type) {
    List<T> found = events.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), "expected one " + type.getSimpleName() + " in " + events);
    return found.get(0);
  }
}

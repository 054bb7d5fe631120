package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.testing.Ec2Call;
import io.eipfailover.core.testing.Ec2Move;
import io.eipfailover.core.testing.InvariantChecker;
import io.eipfailover.core.testing.SimEvent;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EC2 is eventually consistent: for a while after an association changes, {@code
 * DescribeAddresses} still shows the previous one. Inside that window the reconciler sends no
 * second associate for the same move, repairs no drift that is not there, and does not flap;
 * checked with the invariants after every half second and with the call and move logs.
 */
class EventualConsistencyScenarioTest {
  private static final Duration LAG = Duration.ofSeconds(3);
  private static final Duration STEP = Duration.ofMillis(250);

  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final NodeId n3 = Topologies.node(3);

  private static void run(SimulatedCluster c, InvariantChecker checker, Duration d) {
    for (long t = 0; t < d.toNanos(); t += STEP.toNanos()) {
      c.advance(STEP);
      checker.checkSafety();
    }
  }

  private static List<Ec2Call> associates(SimulatedCluster c, long since, ElasticIp eip) {
    return c.ec2().calls().stream().filter(x -> x.op() == Ec2Call.Op.ASSOCIATE && x.atNanos() >= since
        && x.allocationIds().equals(List.of(eip.allocationId()))).toList();
  }

  private static List<Ec2Move> moves(SimulatedCluster c, long since, ElasticIp eip) {
    return c.ec2().moves().stream().filter(m -> m.atNanos() >= since && m.allocationId().equals(eip.allocationId()))
        .toList();
  }

  private static <E extends FailoverEvent> long count(SimulatedCluster c, long since, Class<E> type) {
    return c.events().stream().filter(e -> e.atNanos() >= since).map(SimEvent::event).filter(type::isInstance).count();
  }

  @Test
  void aTakeoverInsideTheLagIsSentOnceAndConfirmedWhenTheDescribeCatchesUp() {
    ClusterTopology t = Topologies.ring(3);
    SimulatedCluster c = SimulatedCluster.builder(t).seed(5).build().start();
    InvariantChecker checker = new InvariantChecker(c);
    run(c, checker, Duration.ofSeconds(3));
    c.ec2().setDescribeLag(LAG);
    long crash = c.time().nanos();
    c.crash(n2);
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(12));
    ElasticIp orphan = t.homedOn(n2).get(0);
    List<Ec2Call> sent = associates(c, crash, orphan);
    assertEquals(1, sent.size(), "one associate, though describes showed n2 for 3 s after it: " + sent);
    assertTrue(c.ec2().holder(orphan).isPresent() && !c.ec2().holder(orphan).get().equals(n2));
    NodeId taker = sent.get(0).caller();
    assertTrue(c.node(taker).failover().status().lastTakeover().orElseThrow().confirmed().isPresent(),
        "confirmed once a describe showed it: " + c.node(taker).failover().status().lastTakeover());
    assertEquals(0, count(c, crash, DriftRepaired.class));
    assertEquals(0, count(c, crash, TakeoverFailed.class));
  }

  @Test
  void aFailBackInsideTheLagDoesNotFlap() {
    ClusterTopology t = Topologies.ring(2);
    SimulatedCluster c = SimulatedCluster.builder(t).seed(6).build().start();
    InvariantChecker checker = new InvariantChecker(c);
    run(c, checker, Duration.ofSeconds(3));
    c.crash(n2);
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(5));
    ElasticIp eip2 = t.homedOn(n2).get(0);
    assertEquals(n1, c.ec2().holder(eip2).orElseThrow());
    c.ec2().setDescribeLag(LAG);
    long back = c.time().nanos();
    c.restart(n2);
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(20));
    assertTrue(c.ec2().isAt(eip2, t.homePoint(eip2)), "failed back home");
    assertEquals(1, moves(c, back, eip2).size(), "home once, never pulled back by n1: " + moves(c, back, eip2));
    assertEquals(1, associates(c, back, eip2).size(), "n2 did not send its fail-back twice");
  }

  @Test
  void manyEipsWithDrawnWindowsAreEachMovedOnce() {
    ClusterTopology t = Topologies.shaped(4, 3, 2, 6);
    SimulatedCluster c = SimulatedCluster.builder(t).seed(7).build().start();
    InvariantChecker checker = new InvariantChecker(c);
    run(c, checker, Duration.ofSeconds(3));
    c.ec2().setDescribeLag(Duration.ZERO, LAG);
    long crash = c.time().nanos();
    c.crash(n3);
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(15));
    for (ElasticIp orphan : t.homedOn(n3)) {
      assertEquals(1, associates(c, crash, orphan).stream().filter(x -> x.outcome() == Ec2Call.Outcome.OK).count(),
          () -> orphan + ": " + associates(c, crash, orphan));
      assertEquals(1, moves(c, crash, orphan).size(), () -> orphan + ": " + moves(c, crash, orphan));
    }
    c.healAll();
    checker.noteFault();
    checker.checkLiveness(true, Duration.ofSeconds(3));
  }

  @Test
  void driftIsRepairedOnceAndOnlyWhenADescribeShowsIt() {
    ClusterTopology t = Topologies.ring(3);
    SimulatedCluster c = SimulatedCluster.builder(t).seed(8).build().start();
    InvariantChecker checker = new InvariantChecker(c);
    run(c, checker, Duration.ofSeconds(3));
    c.ec2().setDescribeLag(LAG);
    ElasticIp eip1 = t.homedOn(n1).get(0);
    long moved = c.time().nanos();
    c.ec2().operatorAssociate(eip1, AttachmentPoint.reserved("eni-0ff", "10.0.250.9"));
    checker.noteFault();
    run(c, checker, Duration.ofSeconds(15));
    List<Ec2Call> repairs = associates(c, moved, eip1).stream().filter(x -> !x.caller().equals(
        io.eipfailover.core.testing.SimulatedEc2.OPERATOR)).toList();
    assertEquals(1, repairs.size(), "one repair: " + repairs);
    assertTrue(repairs.get(0).atNanos() >= moved + LAG.toNanos(), "not before a describe could show the drift");
    assertEquals(1, count(c, moved, DriftRepaired.class));
    assertTrue(c.ec2().isAt(eip1, t.homePoint(eip1)));
    assertEquals(List.of(n1), List.of(repairs.get(0).caller()), "by its home node");
  }
}

package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.ConfigMismatch;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.event.PeerDead;
import io.eipfailover.core.event.PeerRecovered;
import io.eipfailover.core.event.TakeoverCompleted;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.testing.SimEvent;
import io.eipfailover.core.testing.SimHeartbeatMembership;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The events a user's listener gets for peer deaths and recoveries, failed takeovers, repaired
 * drift and a peer with another configuration, observed through the public listener API on the
 * simulated cluster: which node reports them, about what, with which fields, in which order.
 */
class EventScenarioTest {
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final ClusterTopology topology = Topologies.ring(3);
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final NodeId n3 = Topologies.node(3);
  private final ElasticIp eip1 = topology.homedOn(n1).get(0);
  private final ElasticIp eip3 = topology.homedOn(n3).get(0);

  private static <E extends FailoverEvent> List<E> events(SimulatedCluster c, NodeId node, Class<E> type) {
    return c.eventsOf(node).stream().map(SimEvent::event).filter(type::isInstance).map(type::cast).toList();
  }

  private static <E extends FailoverEvent> List<SimEvent> recorded(SimulatedCluster c, NodeId node, Class<E> type) {
    return c.eventsOf(node).stream().filter(e -> type.isInstance(e.event())).toList();
  }

  /** {@code node}'s events of {@code type} among those recorded after the first {@code skip}. */
  private static <E extends FailoverEvent> List<SimEvent> since(SimulatedCluster c, long skip, NodeId node, Class<E> type) {
    return c.events().stream().skip(skip).filter(e -> e.node().equals(node) && type.isInstance(e.event())).toList();
  }

  @Test
  void everySurvivorReportsACrashedPeerDeadOnceAndRecoveredAfterItsRestart() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(31).build().start();
    c.advance(SETTLE);
    assertEquals(List.of(), c.events().stream().filter(e -> e.event() instanceof PeerDead).toList(), "nobody died yet");

    // (peers first heard at start-up, DEAD until then, are reported recovered: only count from here)
    long settled = c.events().size();
    c.crash(n3);
    long crashedAt = c.time().nanos();
    c.advance(c.timings().detection().multipliedBy(3));
    for (NodeId survivor : List.of(n1, n2)) {
      List<PeerDead> dead = events(c, survivor, PeerDead.class);
      assertEquals(1, dead.size(), () -> survivor + ": " + c.eventsOf(survivor));
      assertEquals(new PeerDead(survivor, dead.get(0).at(), n3), dead.get(0));
      assertTrue(dead.get(0).at().isAfter(VirtualTime.EPOCH.plusNanos(crashedAt)), () -> dead.get(0).toString());
      assertEquals(List.of(), since(c, settled, survivor, PeerRecovered.class), "not back yet");
    }

    c.restart(n3);
    c.advance(SETTLE);
    for (NodeId survivor : List.of(n1, n2)) {
      List<SimEvent> back = since(c, settled, survivor, PeerRecovered.class);
      assertEquals(1, back.size(), () -> survivor + ": " + c.eventsOf(survivor));
      PeerRecovered recovered = (PeerRecovered) back.get(0).event();
      assertEquals(new PeerRecovered(survivor, recovered.at(), n3, MemberState.ALIVE), recovered);
      assertTrue(recorded(c, survivor, PeerDead.class).get(0).sequence() < back.get(0).sequence(), "dead, then recovered");
    }
    assertEquals(List.of(), events(c, n3, PeerDead.class), "the restarted node convicts nobody");
  }

  @Test
  void aRefusedAssociateIsReportedWithItsKindAndRetryAndTheTakeoverCompletesOnceAllowed() {
    AtomicReference<ElasticIpManagerException> refusal = new AtomicReference<>();
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(32)
        .elasticIpManager((ctx, real) -> refusing(real, refusal)).build().start();
    c.advance(SETTLE);
    refusal.set(new ElasticIpManagerException(ElasticIpManagerException.Kind.PERMISSION,
        "not authorized to perform ec2:AssociateAddress"));
    c.crash(n3);
    c.advance(c.timings().detection().multipliedBy(3));

    List<NodeId> failing = List.of(n1, n2).stream().filter(n -> !events(c, n, TakeoverFailed.class).isEmpty()).toList();
    assertEquals(1, failing.size(), () -> "one node is planned to take n3's EIP: " + c.events());
    NodeId taker = failing.get(0);
    TakeoverFailed failed = events(c, taker, TakeoverFailed.class).get(0);
    assertEquals(eip3, failed.elasticIp());
    assertTrue(topology.node(taker).owns(failed.target().networkInterfaceId(), failed.target().privateIp()),
        () -> "pull only: the target is the taker's own point: " + failed);
    assertEquals(ElasticIpManagerException.Kind.PERMISSION, failed.kind());
    assertEquals("not authorized to perform ec2:AssociateAddress", failed.error());
    assertEquals(c.timings().maxBackoff(), failed.retryIn(), "a permission error waits the longest back-off");
    assertEquals(Optional.of(n3), c.ec2().holder(eip3), "nothing moved");

    refusal.set(new ElasticIpManagerException(ElasticIpManagerException.Kind.RETRYABLE, "throttled"));
    c.advance(c.timings().maxBackoff().multipliedBy(2));
    List<TakeoverFailed> retryable = events(c, taker, TakeoverFailed.class).stream()
        .filter(f -> f.kind() == ElasticIpManagerException.Kind.RETRYABLE).toList();
    assertTrue(!retryable.isEmpty(), () -> c.eventsOf(taker).toString());
    for (TakeoverFailed f : retryable) {
      assertEquals("throttled", f.error());
      assertTrue(!f.retryIn().isNegative() && !f.retryIn().isZero() && f.retryIn().compareTo(c.timings().maxBackoff()) <= 0,
          () -> "jittered back-off within (0, max]: " + f);
    }

    refusal.set(null);
    c.advance(c.timings().maxBackoff().multipliedBy(3));
    assertEquals(Optional.of(taker), c.ec2().holder(eip3), () -> c.eventsOf(taker).toString());
    List<SimEvent> completed = recorded(c, taker, TakeoverCompleted.class);
    assertEquals(1, completed.size(), () -> c.eventsOf(taker).toString());
    assertTrue(recorded(c, taker, TakeoverFailed.class).stream().allMatch(f -> f.sequence() < completed.get(0).sequence()),
        "every failure came before the completed takeover");
  }

  @Test
  void anEipMovedByHandToAnotherOfItsNodesPointsIsPulledBackAndTheRepairNamesWhereItWasFound() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(33).build().start();
    c.advance(SETTLE);
    AttachmentPoint home = topology.homePoint(eip1);
    AttachmentPoint byHand = topology.node(n1).reservedPoints().get(0);
    c.ec2().operatorAssociate(eip1, byHand);
    c.advance(c.timings().resyncInterval().multipliedBy(2));

    assertTrue(c.ec2().isAt(eip1, home), () -> "back home: " + c.ec2().association(eip1.allocationId()));
    List<DriftRepaired> repairs = events(c, n1, DriftRepaired.class);
    assertEquals(1, repairs.size(), () -> c.eventsOf(n1).toString());
    DriftRepaired repair = repairs.get(0);
    assertEquals(eip1, repair.elasticIp());
    assertEquals(home, repair.target());
    ObservedAssociation found = repair.found();
    assertEquals(eip1.allocationId(), found.allocationId());
    assertTrue(found.isAt(byHand), () -> "found where the operator put it, not at the target: " + repair);
    for (NodeId other : List.of(n2, n3)) {
      assertEquals(List.of(), events(c, other, DriftRepaired.class), "only the planned holder repairs");
    }
  }

  @Test
  void aPeerWithAnotherTopologyIsReportedWithBothFingerprints() {
    ClusterTopology other = Topologies.of(3, 1, 3); // same nodes, another reserve: another fingerprint
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(34).membership(ctx -> new SimHeartbeatMembership(
        ctx.self(), ctx.self().equals(n3) ? other : ctx.topology(), ctx.network(), ctx.scheduler(),
        ctx.timings().heartbeatInterval(), ctx.timings().deadAfterIntervals())).build().start();
    c.advance(SETTLE);

    for (NodeId n : List.of(n1, n2)) {
      List<ConfigMismatch> reports = events(c, n, ConfigMismatch.class);
      assertEquals(1, reports.size(), () -> n + ": " + c.eventsOf(n));
      ConfigMismatch m = reports.get(0);
      assertEquals(new ConfigMismatch(n, m.at(), n3, topology.fingerprint(), other.fingerprint()), m);
      assertTrue(m.toString().contains("theirs=" + Long.toHexString(other.fingerprint())), m::toString);
    }
    assertTrue(topology.fingerprint() != other.fingerprint());
    List<ConfigMismatch> fromN3 = events(c, n3, ConfigMismatch.class);
    assertEquals(List.of(n1, n2), fromN3.stream().map(ConfigMismatch::peer).sorted().toList(),
        "the odd one out hears about both peers");
    assertTrue(fromN3.stream().allMatch(m -> m.theirFingerprint() == topology.fingerprint()));
  }

  /** The real manager, except that associate throws what {@code refusal} holds while it holds something. */
  private static ElasticIpManager refusing(ElasticIpManager real, AtomicReference<ElasticIpManagerException> refusal) {
    return new ElasticIpManager() {
      @Override
      public Map<String, ObservedAssociation> describe(Collection<ElasticIp> elasticIps) {
        return real.describe(elasticIps);
      }

      @Override
      public String associate(ElasticIp elasticIp, AttachmentPoint target) {
        ElasticIpManagerException e = refusal.get();
        if (e != null) {
          throw e;
        }
        return real.associate(elasticIp, target);
      }
    };
  }
}

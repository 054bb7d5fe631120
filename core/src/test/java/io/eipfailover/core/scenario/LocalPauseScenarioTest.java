package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.TakeoverStarted;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.SimEvent;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A paused node's tasks run late when it wakes: that is how the reconciler's local-pause guard is
 * exercised. Here the membership is naive (a test sets its view by hand): while n1 sleeps it comes
 * to believe n3 (whose EIP it backs up) is dead, as a detector that counted n1's own pause as n3's
 * silence would. On waking, n1 must not take n3's EIP before one detection deadline has passed.
 */
class LocalPauseScenarioTest {
  private final ClusterTopology topology = Topologies.ring(3);
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n3 = Topologies.node(3);
  private final Map<NodeId, ManualMembership> memberships = new TreeMap<>();

  @Test
  void aNodeWakingFromAPauseDoesNotConvictPeersOnItsFirstTick() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(11).membership(ctx -> {
      ManualMembership m = new ManualMembership(ctx.self(), ctx.topology().nodeIds(), ctx.scheduler().ticker());
      memberships.put(ctx.self(), m);
      return m;
    }).build().start();
    for (ManualMembership m : memberships.values()) {
      topology.nodeIds().forEach(n -> m.set(n, MemberState.ALIVE));
    }
    c.advance(Duration.ofSeconds(3));
    c.pause(n1);
    c.advance(Duration.ofSeconds(5));
    memberships.get(n1).set(n3, MemberState.DEAD); // delivered to the reconciler when n1 wakes
    long wokeAt = c.time().nanos();
    c.resume(n1);
    c.advance(Duration.ofSeconds(3));

    ElasticIp eip3 = topology.elasticIps().get(2);
    List<SimEvent> takes = c.eventsOf(n1).stream()
        .filter(e -> e.event() instanceof TakeoverStarted t && t.elasticIp().equals(eip3)).toList();
    long deadline = c.timings().detection().toNanos();
    assertTrue(!takes.isEmpty(), "n1 should take n3's EIP once the pause guard lifts: " + c.eventsOf(n1));
    assertTrue(takes.get(0).atNanos() - wokeAt >= deadline - c.timings().tickInterval().toNanos(),
        "n1 took n3's EIP " + (takes.get(0).atNanos() - wokeAt) / 1_000_000 + " ms after waking, before one deadline");
    assertTrue(c.node(n1).failover().status().counters().localPauses() >= 1);
    assertEquals(Optional.of(n1), c.ec2().holder(eip3));
  }
}

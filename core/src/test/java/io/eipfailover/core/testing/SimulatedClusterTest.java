package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.TakeoverCompleted;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);

  @Test
  void crashedNodesEipMovesToASurvivorAndGoesHomeAfterRestart() {
    ClusterTopology t = Topologies.ring(3);
    SimulatedCluster c = SimulatedCluster.builder(t).seed(1).build().start();
    ElasticIp eip1 = t.elasticIps().get(0);
    c.advance(Duration.ofSeconds(3));
    assertTrue(c.ec2().isAt(eip1, t.homePoint(eip1)));
    c.crash(n1);
    c.advance(Duration.ofSeconds(4));
    assertEquals(Optional.of(n2), c.ec2().holder(eip1), c.ec2().moves().toString());
    assertTrue(c.events().stream().anyMatch(e -> e.event() instanceof TakeoverCompleted && e.node().equals(n2)));
    c.restart(n1);
    c.advance(Duration.ofSeconds(8));
    assertTrue(c.ec2().isAt(eip1, t.homePoint(eip1)), c.ec2().moves().toString());
    assertEquals(2, c.node(n1).incarnation());
    assertEquals(java.util.List.of(), c.time().failures());
  }

  @Test
  void isolatedPairNodeDoesNotStealButItsPeerTakesOver() {
    ClusterTopology t = Topologies.ring(2);
    SimulatedCluster c = SimulatedCluster.builder(t).seed(2).build().start();
    c.advance(Duration.ofSeconds(3));
    c.network().isolate(n1.value());
    c.advance(Duration.ofSeconds(5));
    ElasticIp eip2 = t.elasticIps().get(1);
    assertEquals(Optional.of(n2), c.ec2().holder(eip2));
    assertTrue(c.events().stream().anyMatch(e -> e.event() instanceof GuardDenied && e.node().equals(n1)));
    assertTrue(c.guardLog().stream().anyMatch(g -> g.node().equals(n1) && !g.verdict().allowed()));
  }

  @Test
  void sameSeedSameRun() {
    assertEquals(run(5), run(5));
  }

  private static String run(long seed) {
    SimulatedCluster c = SimulatedCluster.builder(Topologies.ring(3)).seed(seed).build().start();
    c.network().setDefaults(new LinkSettings(Duration.ofMillis(1), Duration.ofMillis(50), 0.2, 0.1, 0.1));
    c.advance(Duration.ofSeconds(2));
    c.crash(Topologies.node(3));
    c.pause(Topologies.node(1));
    c.advance(Duration.ofSeconds(3));
    c.resume(Topologies.node(1));
    c.advance(Duration.ofSeconds(3));
    return c.ec2().calls() + "\n" + c.events();
  }
}

package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Ec2Move;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's "a one-way partition of several minutes moves an EIP at most once", on the simulated
 * heartbeat membership (whose heartbeats name the nodes their sender hears, as the UDP ones do):
 * n1's heartbeats stop reaching n2 for five minutes while n2's still reach n1. n2 takes n1's EIP
 * once; n1 hears from n2's heartbeats that n2 does not hear it and leaves the EIP there; after the
 * heal it comes home within fail-back delay + hold time (docs/reconciler-damping.md, rule 4).
 */
class OneWayPartitionScenarioTest {
  private final ClusterTopology topology = Topologies.ring(2);
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final ElasticIp eip1 = topology.elasticIps().get(0);

  @Test
  void aOneWayPartitionOfFiveMinutesMovesTheEipOnceAndItComesHomeAfterTheHeal() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(13).build().start();
    c.advance(Duration.ofSeconds(10));
    assertEquals(Optional.of(n1), c.ec2().holder(eip1), "at home before the partition");

    c.network().block(n1.value(), n2.value());
    c.advance(Duration.ofMinutes(5));
    List<Ec2Move> during = movesOfEip1(c);
    assertEquals(1, during.size(), "one move in five minutes of one-way partition: " + during);
    assertEquals(Optional.of(n2), c.ec2().holder(eip1), "n2, which hears nothing from n1, took it");
    assertEquals(Hearing.NO, c.node(n1).failover().status().view().peer(n2).hearsSelf(),
        "n1 knows from n2's heartbeats that n2 does not hear it");

    long healedAt = c.time().nanos();
    c.network().heal();
    Duration bound = c.timings().failbackDelay().plus(c.timings().holdTime());
    c.advance(bound.plus(Duration.ofSeconds(30)));
    List<Ec2Move> all = movesOfEip1(c);
    assertEquals(2, all.size(), "away once, home once: " + all);
    assertEquals(Optional.of(n1), c.ec2().holder(eip1));
    long home = all.get(1).atNanos() - healedAt;
    assertTrue(home <= bound.toNanos(), "home " + home / 1_000_000 + " ms after the heal; bound fail-back delay + hold time "
        + bound.toMillis() + " ms");
  }

  private List<Ec2Move> movesOfEip1(SimulatedCluster c) {
    return c.ec2().moves().stream().filter(m -> m.allocationId().equals(eip1.allocationId())).toList();
  }
}

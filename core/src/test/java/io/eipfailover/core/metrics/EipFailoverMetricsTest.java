package io.eipfailover.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.DryRunTakeover;
import io.eipfailover.core.event.PlacementShortfall;
import io.eipfailover.core.event.TakeoverFailed;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binder on real failovers in the deterministic simulation. */
class EipFailoverMetricsTest {
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final ClusterTopology topology = Topologies.ring(2);
  private final ElasticIp eip1 = topology.elasticIps().get(0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aTakeoverIsCountedTimedAndShowsTheEipAway() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(1).build().start();
    new EipFailoverMetrics(c.node(n2).failover(), topology).bindTo(registry);
    assertTrue(Double.isNaN(eipGauge("eipfailover.eip.at.home", eip1)), "unknown before the first describe");
    c.advance(Duration.ofSeconds(3));
    assertEquals(1, eipGauge("eipfailover.eip.at.home", eip1));
    assertEquals(0, eipGauge("eipfailover.eip.held", eip1));

    c.crash(n1);
    c.advance(Duration.ofSeconds(4));

    assertEquals(1, registry.get("eipfailover.takeovers").counter().count());
    assertEquals(1, registry.get("eipfailover.peers.dead").counter().count());
    assertEquals(1, eipGauge("eipfailover.eip.held", eip1));
    assertEquals(0, eipGauge("eipfailover.eip.at.home", eip1));
    for (String phase : new String[] {"detection", "associate", "reaction", "failover"}) {
      assertEquals(1, registry.get("eipfailover.failover").tag("phase", phase).timer().count(), phase);
    }
    assertTrue(registry.get("eipfailover.failover").tag("phase", "failover").timer().totalTime(
        java.util.concurrent.TimeUnit.MILLISECONDS) > 0);
    assertTrue(registry.get("eipfailover.describe.calls").functionCounter().count() > 0);
    assertEquals(1, registry.get("eipfailover.running").gauge().value());
    assertEquals(1, registry.get("eipfailover.local.status").tag("status", "alive").gauge().value());
  }

  @Test
  void anIsolatedNodesGuardDenialsAreCountedByGuard() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(2).build().start();
    new EipFailoverMetrics(c.node(n1).failover(), topology).bindTo(registry);
    c.advance(Duration.ofSeconds(3));
    c.network().isolate(n1.value());
    c.advance(Duration.ofSeconds(5));

    assertTrue(registry.get("eipfailover.guard.denials").tag("guard", "quorum").counter().count() >= 1,
        registry.getMeters().stream().map(m -> m.getId().toString()).toList().toString());
    assertEquals(0, registry.get("eipfailover.takeovers").counter().count());
  }

  @Test
  void failedTakeoversAreCountedByKindAndEveryKindReadsZeroFirst() {
    FailoverEventMeters meters = new FailoverEventMeters(registry, Tags.of("cluster", "web"));
    assertEquals(4, registry.find("eipfailover.takeover.failures").counters().size());

    meters.onEvent(new TakeoverFailed(n2, Instant.EPOCH, eip1, AttachmentPoint.reserved("eni-0123abcd", "10.0.0.9"),
        ElasticIpManagerException.Kind.PERMISSION, "missing ec2:AssociateAddress", Duration.ofSeconds(1)));

    assertEquals(1, registry.get("eipfailover.takeover.failures").tags("kind", "permission", "cluster", "web")
        .counter().count());
    assertEquals(0, registry.get("eipfailover.takeover.failures").tag("kind", "retryable").counter().count());
  }

  @Test
  void theUnplacedGaugeFollowsTheLastShortfall() {
    FailoverEventMeters meters = new FailoverEventMeters(registry, Tags.empty());
    assertEquals(0, registry.get("eipfailover.eips.unplaced").gauge().value());
    meters.onEvent(new PlacementShortfall(n2, Instant.EPOCH, List.of(eip1)));
    assertEquals(1, registry.get("eipfailover.eips.unplaced").gauge().value());
    meters.onEvent(new PlacementShortfall(n2, Instant.EPOCH, List.of()));
    assertEquals(0, registry.get("eipfailover.eips.unplaced").gauge().value());
  }

  @Test
  void dryRunTakeoversAreCountedApart() {
    FailoverEventMeters meters = new FailoverEventMeters(registry, Tags.empty());

    meters.onEvent(new DryRunTakeover(n2, Instant.EPOCH, eip1, java.util.Optional.of(n1),
        AttachmentPoint.reserved("eni-0123abcd", "10.0.0.9"), "failover from n1"));

    assertEquals(1, registry.get("eipfailover.dry.run.takeovers").counter().count());
    assertEquals(0, registry.get("eipfailover.takeovers").counter().count());
  }

  @Test
  void denialsAreTaggedWithTheGuardTheirReasonStartsWith() {
    assertEquals("quorum", FailoverEventMeters.guardOf("quorum 1 of 2 reachable"));
    assertEquals("reachability", FailoverEventMeters.guardOf("reachability: no target answered: a; b"));
    assertEquals("peer_probe", FailoverEventMeters.guardOf("peerProbe: peer n1 still serves on 10.0.0.1:80"));
    assertEquals("ec2_instance_state", FailoverEventMeters.guardOf("EC2 witness: i-1 running, checks ok"));
    assertEquals("other", FailoverEventMeters.guardOf("KillSwitchGuard: switch on"));
  }

  @Test
  void rejectsNullArgumentsNamingThem() {
    SimulatedCluster c = SimulatedCluster.builder(topology).seed(3).build();
    assertEquals("failover must not be null",
        assertThrows(NullPointerException.class, () -> new EipFailoverMetrics(null, topology)).getMessage());
    assertEquals("topology must not be null", assertThrows(NullPointerException.class,
        () -> new EipFailoverMetrics(c.start().node(n1).failover(), null)).getMessage());
  }

  private double eipGauge(String name, ElasticIp eip) {
    return registry.get(name).tags("allocation_id", eip.allocationId(), "home", eip.home().value()).gauge().value();
  }
}

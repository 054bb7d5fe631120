package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.testing.FakeElasticIpManager;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.SimulatedEc2;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EipFailoverBuilderTest {
  private final ClusterTopology topology = Topologies.ring(2);
  private final VirtualTime time = new VirtualTime();
  private final NodeId self = Topologies.node(1);

  private EipFailover.Builder complete() {
    return EipFailover.builder()
        .topology(topology)
        .self(self)
        .membership(new ManualMembership(self, topology.nodeIds(), time.ticker()))
        .elasticIpManager(new FakeElasticIpManager(new SimulatedEc2(topology, time.scheduler("aws"), new Random(1)), self))
        .guard(r -> GuardVerdict.allow("test"))
        .healthCheck(() -> HealthResult.healthy("test"))
        .ticker(time.ticker())
        .clock(time.clock())
        .scheduler(time.scheduler("n1"));
  }

  private static void rejects(String expectedFragment, Executable call) {
    Exception e = assertThrows(RuntimeException.class, call);
    assertTrue(e.getMessage() != null && e.getMessage().contains(expectedFragment),
        "message '" + e.getMessage() + "' should contain '" + expectedFragment + "'");
  }

  private void rejectsSetting(String expectedFragment, Consumer<EipFailover.Builder> setting) {
    rejects(expectedFragment, () -> setting.accept(complete()));
  }

  @Test
  void buildsWhenComplete() {
    assertNotNull(complete().build());
  }

  @Test
  void requiresEachMandatoryPart() {
    rejects("topology must be set", () -> EipFailover.builder().build());
    rejects("self must be set", () -> EipFailover.builder().topology(topology).build());
    rejects("membership must be set", () -> EipFailover.builder().topology(topology).self(self).build());
    rejects("elasticIpManager must be set", () -> EipFailover.builder().topology(topology).self(self)
        .membership(new ManualMembership(self, topology.nodeIds(), time.ticker())).build());
    rejects("guard must be set", () -> EipFailover.builder().topology(topology).self(self)
        .membership(new ManualMembership(self, topology.nodeIds(), time.ticker()))
        .elasticIpManager(new FakeElasticIpManager(new SimulatedEc2(topology, time.scheduler("aws"), new Random(1)), self))
        .build());
  }

  @Test
  void rejectsNulls() {
    rejectsSetting("topology must not be null", b -> b.topology(null));
    rejectsSetting("self must not be null", b -> b.self(null));
    rejectsSetting("membership must not be null", b -> b.membership(null));
    rejectsSetting("elasticIpManager must not be null", b -> b.elasticIpManager(null));
    rejectsSetting("guard must not be null", b -> b.guard(null));
    rejectsSetting("strategy must not be null", b -> b.strategy(null));
    rejectsSetting("healthCheck must not be null", b -> b.healthCheck(null));
    rejectsSetting("listener must not be null", b -> b.listener(null, Runnable::run));
    rejectsSetting("listener executor must not be null", b -> b.listener(e -> { }, null));
    rejectsSetting("ticker must not be null", b -> b.ticker(null));
    rejectsSetting("clock must not be null", b -> b.clock(null));
    rejectsSetting("scheduler must not be null", b -> b.scheduler(null));
    rejectsSetting("random must not be null", b -> b.random(null));
    rejectsSetting("config must not be null", b -> b.config(null));
  }

  @Test
  void rejectsMoreToleratedFailuresThanTheTopologyCanHave() {
    rejects("toleratedFailures must be between 0 and 1 for 2 nodes, was 2",
        () -> complete().config(FailoverConfig.builder().toleratedFailures(2).build()).build());
  }

  @Test
  void listsThePlanRelevantSettingsWithTheResolvedToleratedFailures() {
    EipFailover f = complete().strategy(FailoverStrategies.homeWithFailback(Duration.ofSeconds(7)))
        .guard(SplitBrainGuards.quorum())
        .config(FailoverConfig.builder().holdTime(Duration.ofSeconds(9)).build()).build();
    var settings = f.planSettings();
    assertEquals("homeWithFailback(PT7S)", settings.get("strategy"));
    assertEquals("PT9S", settings.get("holdTime"));
    assertEquals("1", settings.get("toleratedFailures"));
    assertEquals("false", settings.get("dryRun"));
    assertEquals("quorum()", settings.get("guard"));
    assertEquals(java.util.Set.of("strategy", "guard", "holdTime", "toleratedFailures", "dryRun"), settings.keySet());
  }

  @Test
  void rejectsSelfNotInTopology() {
    rejects("self 'n9' is not a node of the topology [n1, n2]", () -> complete().self(NodeId.of("n9")).build());
  }

  @Test
  void rejectsANodeWithTooFewReservedIpsNamingIt() {
    ClusterTopology short3 = Topologies.of(3, 1, 0);
    rejects("node 'n1' has 0 reserved private IP(s)", () -> complete().topology(short3)
        .membership(new ManualMembership(self, short3.nodeIds(), time.ticker())).build());
  }
}

package io.eipfailover.core;

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
        .healthCheck(() -> HealthResult.healthy("test"), Duration.ofSeconds(1))
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
    rejectsSetting("healthCheck must not be null", b -> b.healthCheck(null, Duration.ofSeconds(1)));
    rejectsSetting("listener must not be null", b -> b.listener(null, Runnable::run));
    rejectsSetting("listener executor must not be null", b -> b.listener(e -> { }, null));
    rejectsSetting("ticker must not be null", b -> b.ticker(null));
    rejectsSetting("clock must not be null", b -> b.clock(null));
    rejectsSetting("scheduler must not be null", b -> b.scheduler(null));
    rejectsSetting("random must not be null", b -> b.random(null));
    rejectsSetting("startupGrace must not be null", b -> b.startupGrace(null));
  }

  @Test
  void rejectsNonPositiveDurationsNamingTheSettingAndValue() {
    rejectsSetting("healthCheckInterval must be > 0, was PT0S",
        b -> b.healthCheck(() -> HealthResult.healthy("x"), Duration.ZERO));
    rejectsSetting("resyncInterval must be > 0, was PT-1S", b -> b.resyncInterval(Duration.ofSeconds(-1)));
    rejectsSetting("tickInterval must be > 0, was PT0S", b -> b.tickInterval(Duration.ZERO));
    rejectsSetting("detectionDeadline must be > 0, was PT0S", b -> b.detectionDeadline(Duration.ZERO));
    rejectsSetting("confirmDelay must be > 0, was PT0S", b -> b.confirmDelay(Duration.ZERO));
    rejectsSetting("holdTime must be > 0, was PT0S", b -> b.holdTime(Duration.ZERO));
    rejectsSetting("backoff initial must be > 0, was PT0S", b -> b.backoff(Duration.ZERO, Duration.ofSeconds(1)));
    rejectsSetting("backoff max must be >= initial (PT2S), was PT1S",
        b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    rejectsSetting("startupGrace must be >= 0, was PT-1S", b -> b.startupGrace(Duration.ofSeconds(-1)));
  }

  @Test
  void rejectsBadBudgetAndToleratedFailures() {
    rejectsSetting("apiBudget burst must be >= 1, was 0", b -> b.apiBudget(0, 1));
    rejectsSetting("apiBudget callsPerSecond must be > 0, was 0.0", b -> b.apiBudget(5, 0));
    rejectsSetting("apiBudget callsPerSecond must be > 0, was NaN", b -> b.apiBudget(5, Double.NaN));
    rejectsSetting("toleratedFailures must be >= 0, was -1", b -> b.toleratedFailures(-1));
    rejects("toleratedFailures must be between 0 and 1 for 2 nodes, was 2",
        () -> complete().toleratedFailures(2).build());
  }

  @Test
  void rejectsSelfNotInTopology() {
    rejects("self 'n9' is not a node of the topology [n1, n2]", () -> complete().self(NodeId.of("n9")).build());
  }

  @Test
  void rejectsTickNotShorterThanDetectionDeadline() {
    rejects("tickInterval must be shorter than detectionDeadline (PT1S), was PT1S",
        () -> complete().tickInterval(Duration.ofSeconds(1)).build());
  }

  @Test
  void rejectsANodeWithTooFewReservedIpsNamingIt() {
    ClusterTopology short3 = Topologies.of(3, 1, 0);
    rejects("node 'n1' has 0 reserved private IP(s)", () -> complete().topology(short3)
        .membership(new ManualMembership(self, short3.nodeIds(), time.ticker())).build());
  }
}

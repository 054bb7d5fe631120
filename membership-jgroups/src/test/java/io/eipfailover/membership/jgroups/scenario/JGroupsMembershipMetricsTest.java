package io.eipfailover.membership.jgroups.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.jgroups.JGroupsMembershipCounters;
import io.eipfailover.membership.jgroups.metrics.JGroupsMembershipMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The binder over a real pair on loopback: what the meters say is what the membership counted. */
class JGroupsMembershipMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void heartbeatsViewsSuspicionsAndNodeStatesReachTheRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LoopbackCluster cluster = new LoopbackCluster(2)) {
      LoopbackCluster.Member n1 = cluster.start("n1");
      cluster.start("n2");
      new JGroupsMembershipMetrics(n1.membership).bindTo(registry);
      cluster.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.ALIVE, WAIT, "n2 alive");
      cluster.await("n1", v -> n1.membership.counters().heartbeatsReceived() > 0, WAIT, "a heartbeat from n2");
      assertEquals(1, registry.get("eipfailover.peer.state").tags("node", "n2", "state", "alive").gauge()
          .value());

      cluster.hang("n2");
      cluster.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.DEAD, WAIT, "n2 dead");

      JGroupsMembershipCounters c = n1.membership.counters();
      assertTrue(c.suspicions() >= 1, c.toString());
      assertTrue(c.groupViews() >= 2, c.toString());
      assertTrue(c.heartbeatsSent() > 0, c.toString());
      assertTrue(count(registry, "eipfailover.heartbeat.suspicions") >= 1);
      assertTrue(count(registry, "eipfailover.heartbeats.sent") > 0);
      assertTrue(count(registry, "eipfailover.heartbeats.received") > 0);
      assertTrue(registry.get("eipfailover.jgroups.views").tag("merge", "false").functionCounter().count() >= 2);
      assertEquals(1, registry.get("eipfailover.peer.state").tags("node", "n2", "state", "dead").gauge()
          .value());
      assertTrue(registry.get("eipfailover.membership.view.changes").tag("merged", "false").counter().count() >= 1);
    }
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    return registry.get(name).functionCounter().count();
  }
}

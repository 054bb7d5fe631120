package io.eipfailover.membership.udp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.TestKeys;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpMembershipMetricsTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  private final VirtualTime time = new VirtualTime();
  private final InMemoryNetwork net = new InMemoryNetwork(time);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final UdpMembership a = node(A, B);
  private final UdpMembership b = node(B, A);

  private UdpMembership node(NodeId self, NodeId peer) {
    return UdpMembership.builder().self(self).clusterName("test").configFingerprint(42).keyring(TestKeys.k1())
        .ticker(time.ticker()).clock(time.clock()).transport(net.transport(self)).peer(peer).build();
  }

  @AfterEach
  void closeBoth() {
    a.close();
    b.close();
  }

  @Test
  void countersMatchTheMembershipsOwnSnapshot() {
    new UdpMembershipMetrics(a).bindTo(registry);
    a.start();
    b.start();
    net.run(Duration.ofMillis(300));
    net.inject(B, A, new byte[] {1, 2, 3});
    net.run(Duration.ofMillis(10));

    assertTrue(a.counters().sent() >= 3, a.counters().toString());
    assertEquals(a.counters().sent(), count("eipfailover.heartbeats.sent", Tags.empty()));
    assertEquals(a.counters().received(), count("eipfailover.heartbeats.received", Tags.empty()));
    assertEquals(a.counters().accepted(), count("eipfailover.heartbeats.accepted", Tags.empty()));
    assertEquals(1, a.counters().droppedTotal(), a.counters().toString());
    DropReason reason = a.counters().dropped().entrySet().stream().filter(e -> e.getValue() == 1).findFirst()
        .orElseThrow().getKey();
    assertEquals(1, count("eipfailover.heartbeats.dropped", Tags.of("reason", reason.name().toLowerCase())));
    assertEquals(DropReason.values().length, registry.find("eipfailover.heartbeats.dropped").functionCounters().size());
  }

  @Test
  void aSilentPeerShowsAsASuspicionAndInTheNodeStateGauges() {
    new UdpMembershipMetrics(a).bindTo(registry);
    a.start();
    b.start();
    net.run(Duration.ofMillis(300));
    net.hostDown(B, true);
    net.run(Duration.ofMillis(700));

    assertEquals(MemberState.SUSPECT, a.view().stateOf(B));
    assertEquals(1, count("eipfailover.heartbeat.suspicions", Tags.empty()));
    assertEquals(1, registry.get("eipfailover.peer.state").tags("node", "b", "state", "suspect").gauge()
        .value());
    assertTrue(registry.get("eipfailover.membership.view.changes").tag("merged", "false").counter().count() >= 2);
  }

  @Test
  void theHearsSelfGaugeFollowsWhatThePeerSaysAboutHearingUs() {
    new UdpMembershipMetrics(a).bindTo(registry);
    assertEquals(-1, hearsSelf(B), "unknown before the peer's first heartbeat");
    a.start();
    b.start();
    net.run(Duration.ofMillis(300));
    assertEquals(1, hearsSelf(B));
    net.dropWhen(p -> p.from().equals(A));
    net.run(Duration.ofMillis(1_500));
    assertEquals(0, hearsSelf(B), "b convicted a, and says so in the heartbeats a still receives");
    assertEquals(-1, hearsSelf(A), "our own entry");
  }

  private double hearsSelf(NodeId node) {
    return registry.get("eipfailover.peer.hears_self").tag("node", node.value()).gauge().value();
  }

  @Test
  void everyMeterCarriesTheExtraTags() {
    new UdpMembershipMetrics(a, Tags.of("cluster", "web")).bindTo(registry);

    assertTrue(registry.getMeters().size() > 20, registry.getMeters().toString());
    registry.getMeters().forEach(m -> assertEquals("web", m.getId().getTag("cluster"), m.getId().toString()));
  }

  private double count(String name, Tags tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }
}

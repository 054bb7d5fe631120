package io.eipfailover.membership.udp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters of a reachable but unauthenticated peer: a gauge per node and failures by peer and reason. */
class AuthFailureMetersTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private final VirtualTime time = new VirtualTime();
  private final InMemoryNetwork net = new InMemoryNetwork(time);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private UdpMembership a;
  private UdpMembership b;

  private UdpMembership start(NodeId self, NodeId peer, UdpKeyring keys) {
    UdpMembership m = UdpMembership.builder().self(self).clusterName("test").configFingerprint(42).keyring(keys)
        .ticker(time.ticker()).clock(time.clock()).transport(net.transport(self))
        .peer(peer, InMemoryNetwork.addressOf(peer)).build();
    m.start();
    return m;
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Test
  void aPeerWithAnotherSecretIsFlaggedAndItsFailuresCountedByReason() {
    a = start(A, B, TestKeys.k1());
    b = start(B, A, UdpKeyring.builder().primary(1, "a-mistyped-secret-0123456789").build());
    new UdpMembershipMetrics(a).bindTo(registry);
    net.run(Duration.ofMillis(500));
    assertEquals(1.0, registry.get("eipfailover.peer.unauthenticated").tag("node", "b").gauge().value());
    assertEquals(0.0, registry.get("eipfailover.peer.unauthenticated").tag("node", "a").gauge().value());
    double badMacs = registry.get("eipfailover.heartbeat.auth.failures").tag("peer", "b").tag("reason", "bad_mac")
        .functionCounter().count();
    assertTrue(badMacs >= 4, "about one per keepalive: " + badMacs);
    assertEquals(0.0, registry.get("eipfailover.heartbeat.auth.failures").tag("peer", "b").tag("reason", "unknown_key")
        .functionCounter().count(), "every authentication-failure reason is there, zero included");
    assertEquals(5, registry.find("eipfailover.heartbeat.auth.failures").functionCounters().size(),
        "one peer, the five reasons that are authentication failures; none for self");
    b.updateKeyring(TestKeys.k1());
    net.run(Duration.ofMillis(300));
    assertEquals(0.0, registry.get("eipfailover.peer.unauthenticated").tag("node", "b").gauge().value());
  }
}

package io.eipfailover.core.internal.guard;

import static io.eipfailover.core.internal.guard.ReachabilityGuardTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerProbeGuardTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void deniesWhileTheHolderStillServes() throws Exception {
    try (ServerSocket peer = Requests.listening()) {
      SplitBrainGuard g = SplitBrainGuards.peerProbe(Map.of(NodeId.of("b"), Requests.addressOf(peer)), TIMEOUT);
      GuardVerdict v = g.evaluate(Requests.request("b", MemberState.ALIVE, MemberState.DEAD));
      assertEquals(GuardVerdict.deny("peerProbe: peer b still serves on 127.0.0.1:" + peer.getLocalPort()), v);
    }
  }

  @Test
  void allowsWhenTheHolderRefuses() {
    InetSocketAddress closed = Requests.closedPort();
    GuardVerdict v = SplitBrainGuards.peerProbe(Map.of(NodeId.of("b"), closed), TIMEOUT)
        .evaluate(Requests.request("b", MemberState.ALIVE, MemberState.DEAD));
    assertTrue(v.allowed(), v.toString());
    assertTrue(v.reason().startsWith("peerProbe: peer b does not serve: 127.0.0.1:" + closed.getPort()), v.reason());
  }

  @Test
  void allowsWithoutAHolderOrWithoutItsAddress() {
    SplitBrainGuard g = SplitBrainGuards.peerProbe(Map.of(NodeId.of("c"), Requests.closedPort()), TIMEOUT);
    assertEquals(GuardVerdict.allow("peerProbe: 52.0.0.1 has no holder to probe"),
        g.evaluate(Requests.request(null, MemberState.ALIVE, MemberState.DEAD, MemberState.DEAD)));
    assertEquals(GuardVerdict.allow("peerProbe: no service address known for peer b"),
        g.evaluate(Requests.request("b", MemberState.ALIVE, MemberState.DEAD, MemberState.DEAD)));
  }

  @Test
  void namesItselfWithAddressesInNodeOrder() {
    Map<NodeId, InetSocketAddress> m = new HashMap<>();
    m.put(NodeId.of("c"), InetSocketAddress.createUnresolved("10.0.3.10", 80));
    m.put(NodeId.of("b"), InetSocketAddress.createUnresolved("10.0.2.10", 80));
    assertEquals("peerProbe({b=10.0.2.10:80, c=10.0.3.10:80}, PT2S)", SplitBrainGuards.peerProbe(m, TIMEOUT).toString());
  }

  @Test
  void rejectsBadAddressesAndTimeouts() {
    assertMessage(NullPointerException.class, "serviceAddresses must not be null", () -> SplitBrainGuards.peerProbe(null, TIMEOUT));
    assertMessage(IllegalArgumentException.class, "serviceAddresses must name at least one node, was {}",
        () -> SplitBrainGuards.peerProbe(Map.of(), TIMEOUT));
    Map<NodeId, InetSocketAddress> nullValue = new HashMap<>();
    nullValue.put(NodeId.of("b"), null);
    assertMessage(IllegalArgumentException.class, "serviceAddresses must not contain a null node or address, was {b=null}",
        () -> SplitBrainGuards.peerProbe(nullValue, TIMEOUT));
    Map<NodeId, InetSocketAddress> ok = Map.of(NodeId.of("b"), Requests.closedPort());
    assertMessage(IllegalArgumentException.class, "timeout must be between PT0.001S and PT1M, was PT0S",
        () -> SplitBrainGuards.peerProbe(ok, Duration.ZERO));
  }
}

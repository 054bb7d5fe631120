package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A peer whose process is paused (its socket stays open, so the kernel sends no ICMP) must be left
 * to the deadline: never convicted by the fast path, never before the deadtime. The "peer" here is
 * a bare socket that sends a few authentic heartbeats and then falls silent without closing.
 */
class PausedPeerLoopbackTest {
  @Test
  void pausedPeerIsConvictedByTheDeadlineNotTheFastPath() throws Exception {
    NodeId a = NodeId.of("a");
    NodeId b = NodeId.of("b");
    int portA = LoopbackPorts.reserve();
    try (DatagramChannel paused = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        UdpMembership m = UdpMembership.builder().self(a).clusterName("loop").keyring(TestKeys.k1())
            .bindAddress("127.0.0.1", portA)
            .peer(b, (InetSocketAddress) paused.getLocalAddress()).build()) {
      m.start();
      HeartbeatCodec codec = new HeartbeatCodec("loop", b, List.of(a), TestKeys.k1());
      InetSocketAddress target = new InetSocketAddress("127.0.0.1", portA);
      for (int seq = 1; seq <= 3; seq++) {
        paused.send(codec.encode(99, seq, AnnouncedStatus.ALIVE, 0), target);
      }
      Await.value("b ALIVE after its heartbeats", Duration.ofSeconds(5), m::view, v -> v.stateOf(b) == MemberState.ALIVE);
      Await.value("silent b DEAD", Duration.ofSeconds(8), m::view, v -> v.stateOf(b) == MemberState.DEAD);
      MemberEntry dead = m.view().peer(b);
      assertTrue(dead.since() - dead.lastHeard().getAsLong() >= Duration.ofSeconds(1).toNanos(),
          () -> "convicted after " + (dead.since() - dead.lastHeard().getAsLong()) + " ns of silence");
      assertTrue(dead.suspectedAt().isPresent());
      assertEquals(0, m.counters().fastPathConvictions());
      assertEquals(0, m.counters().portUnreachableSignals(), "an open socket answers no ICMP");
    }
  }
}

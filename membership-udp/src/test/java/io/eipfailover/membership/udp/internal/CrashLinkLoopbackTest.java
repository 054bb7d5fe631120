package io.eipfailover.membership.udp.internal;

import static io.eipfailover.membership.udp.testing.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.NodeStatus;
import io.eipfailover.core.PeerState;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import io.eipfailover.membership.udp.testing.Loopback;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-detection TCP link on real loopback sockets: a closed peer is convicted through it
 * quickly, a paused peer (sockets open, silent) is left to the deadline, and the link can be
 * turned off. Only generous bounds are asserted.
 */
class CrashLinkLoopbackTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrashLinkLoopbackTest.class);
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  /** The deadline cannot convict within the test's waits: only the crash fast path can. */
  private static final DetectorSettings SLOW_DEADLINE = DetectorSettings.builder().warntime(Duration.ofSeconds(5))
      .deadtime(Duration.ofSeconds(10)).initdead(Duration.ofSeconds(10)).build();

  private static UdpMembershipBuilder node(NodeId self, int port, NodeId peer, InetSocketAddress peerAddress) {
    return UdpMembership.builder().self(self).clusterName("loop").keyring(TestKeys.k1())
        .bindAddress("127.0.0.1", port).peer(peer, peerAddress);
  }

  private static InetSocketAddress local(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Test
  void abruptlyClosedPeerIsDeclaredDeadWithinASecondThroughTheTcpLink() {
    int portA = Loopback.freePort();
    int portB = Loopback.freePort();
    try (UdpMembership b = node(B, portB, A, local(portA)).detector(SLOW_DEADLINE).build();
        UdpMembership a = node(A, portA, B, local(portB)).detector(SLOW_DEADLINE).build()) {
      b.start();
      a.start();
      await(Duration.ofSeconds(8), () -> a.view() + " " + a.counters(),
          () -> a.view().stateOf(B) == NodeState.ALIVE && a.counters().crashSocketConnects() >= 1);
      long closedAt = System.nanoTime();
      b.close(); // no announcement: the sockets just go away
      await(Duration.ofSeconds(5), () -> a.view() + " " + a.counters(), () -> a.view().stateOf(B) == NodeState.DEAD);
      long took = a.view().peer(B).since() - closedAt;
      LOG.info("[id=a] closed peer declared dead {} µs after close() began; {}", took / 1_000, a.counters());
      assertTrue(took < Duration.ofSeconds(1).toNanos(), "took " + took + " ns");
      // counted even if ICMP raced it to the conviction; it may be read just after
      await(Duration.ofSeconds(2), a.counters()::toString, () -> a.counters().tcpCrashSignals() >= 1);
      assertEquals(1, a.counters().fastPathConvictions());
    }
  }

  @Test
  void pausedPeerWithAnOpenTcpConnectionIsLeftToTheDeadline() throws Exception {
    int portA = Loopback.freePort();
    int portB = Loopback.freePort();
    try (DatagramChannel pausedUdp = DatagramChannel.open().bind(local(portB));
        ServerSocketChannel pausedTcp = ServerSocketChannel.open().bind(local(portB));
        UdpMembership a = node(A, portA, B, local(portB)).build()) {
      a.start();
      await(Duration.ofSeconds(5), a.counters()::toString, () -> a.counters().crashSocketConnects() >= 1);
      try (SocketChannel accepted = pausedTcp.accept()) { // accepted, then never read: a stopped process
        HeartbeatCodec codec = new HeartbeatCodec("loop", B, List.of(A), TestKeys.k1());
        for (int seq = 1; seq <= 3; seq++) {
          pausedUdp.send(codec.encode(99, seq, NodeStatus.ALIVE, 0), local(portA));
        }
        await(Duration.ofSeconds(5), a.view()::toString, () -> a.view().stateOf(B) == NodeState.ALIVE);
        await(Duration.ofSeconds(8), a.view()::toString, () -> a.view().stateOf(B) == NodeState.DEAD);
        PeerState dead = a.view().peer(B);
        assertTrue(dead.since() - dead.lastHeard().getAsLong() >= Duration.ofSeconds(1).toNanos(),
            "convicted after " + (dead.since() - dead.lastHeard().getAsLong()) + " ns of silence");
        assertEquals(0, a.counters().tcpCrashSignals(), a.counters().toString());
        assertEquals(0, a.counters().fastPathConvictions(), a.counters().toString());
        assertTrue(accepted.isOpen());
      }
    }
  }

  @Test
  void optingOutOpensNoTcpListenerAndDefaultDoes() throws Exception {
    int portOff = Loopback.freePort();
    int portOn = Loopback.freePort();
    int portPeer = Loopback.freePort();
    try (UdpMembership off = node(A, portOff, B, local(portPeer))
        .detector(DetectorSettings.builder().crashDetectionSocket(false).build()).build();
        UdpMembership on = node(A, portOn, B, local(portPeer)).build()) {
      off.start();
      on.start();
      assertThrows(IOException.class, () -> SocketChannel.open(local(portOff)).close());
      SocketChannel.open(local(portOn)).close();
      assertEquals(0, off.counters().crashSocketConnects());
    }
  }

  @Test
  void aTcpPortInUseFailsStartNamingBindAddressAndTheOptOut() throws Exception {
    int port = Loopback.freePort();
    try (ServerSocketChannel squatter = ServerSocketChannel.open().bind(local(port));
        UdpMembership m = node(A, port, B, local(Loopback.freePort())).build()) {
      EipFailoverException e = assertThrows(EipFailoverException.class, m::start);
      assertTrue(e.getMessage().contains("bindAddress") && e.getMessage().contains("crashDetectionSocket(false)"),
          e.getMessage());
    }
    try (DatagramChannel udp = DatagramChannel.open().bind(local(port))) {
      assertTrue(udp.isOpen(), "the UDP socket opened before the failure was released");
    }
  }
}

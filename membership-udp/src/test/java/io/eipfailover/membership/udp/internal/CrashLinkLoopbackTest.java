package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash-detection TCP link on real loopback sockets: a closed peer is convicted through it
 * (the counters say which path convicted; how fast is measured by the benchmarks' crash-detection
 * scenario), a paused peer (sockets open, silent) is left to the deadline, and the link can be
 * turned off.
 */
class CrashLinkLoopbackTest {
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
  void abruptlyClosedPeerIsDeclaredDeadThroughTheTcpLinkNotTheDeadline() {
    int portA = LoopbackPorts.reserve();
    int portB = LoopbackPorts.reserve();
    try (UdpMembership b = node(B, portB, A, local(portA)).detector(SLOW_DEADLINE).build();
        UdpMembership a = node(A, portA, B, local(portB)).detector(SLOW_DEADLINE).build()) {
      b.start();
      a.start();
      Await.until("b ALIVE and the TCP link up", Duration.ofSeconds(8),
          () -> a.view().stateOf(B) == MemberState.ALIVE && a.counters().crashSocketConnects() >= 1,
          () -> a.view() + " " + a.counters());
      b.close(); // no announcement: the sockets just go away
      Await.until("closed b DEAD", Duration.ofSeconds(8), () -> a.view().stateOf(B) == MemberState.DEAD,
          () -> a.view() + " " + a.counters());
      // counted even if ICMP raced it to the conviction; it may be read just after
      Await.until("the TCP link's crash signal counted", Duration.ofSeconds(5), () -> a.counters().tcpCrashSignals() >= 1,
          a::counters);
      assertEquals(1, a.counters().fastPathConvictions(), "the crash path convicted, not the 10 s deadline");
    }
  }

  @Test
  void pausedPeerWithAnOpenTcpConnectionIsLeftToTheDeadline() throws Exception {
    int portA = LoopbackPorts.reserve();
    int portB = LoopbackPorts.reserve();
    try (DatagramChannel pausedUdp = DatagramChannel.open().bind(local(portB));
        ServerSocketChannel pausedTcp = ServerSocketChannel.open().bind(local(portB));
        UdpMembership a = node(A, portA, B, local(portB)).build()) {
      a.start();
      Await.until("the TCP link up", Duration.ofSeconds(5), () -> a.counters().crashSocketConnects() >= 1, a::counters);
      try (SocketChannel accepted = pausedTcp.accept()) { // accepted, then never read: a stopped process
        HeartbeatCodec codec = new HeartbeatCodec("loop", B, List.of(A), TestKeys.k1());
        for (int seq = 1; seq <= 3; seq++) {
          pausedUdp.send(codec.encode(99, seq, AnnouncedStatus.ALIVE, 0), local(portA));
        }
        Await.value("b ALIVE after its heartbeats", Duration.ofSeconds(5), a::view, v -> v.stateOf(B) == MemberState.ALIVE);
        Await.value("silent b DEAD", Duration.ofSeconds(8), a::view, v -> v.stateOf(B) == MemberState.DEAD);
        MemberEntry dead = a.view().peer(B);
        assertTrue(dead.since() - dead.lastHeard().getAsLong() >= Duration.ofSeconds(1).toNanos(),
            () -> "convicted after " + (dead.since() - dead.lastHeard().getAsLong()) + " ns of silence");
        assertEquals(0, a.counters().tcpCrashSignals(), () -> a.counters().toString());
        assertEquals(0, a.counters().fastPathConvictions(), () -> a.counters().toString());
        assertTrue(accepted.isOpen());
      }
    }
  }

  @Test
  void optingOutOpensNoTcpListenerAndDefaultDoes() throws Exception {
    int portOff = LoopbackPorts.reserve();
    int portOn = LoopbackPorts.reserve();
    int portPeer = LoopbackPorts.reserve();
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
    int port = LoopbackPorts.reserve();
    try (ServerSocketChannel squatter = ServerSocketChannel.open().bind(local(port));
        UdpMembership m = node(A, port, B, local(LoopbackPorts.reserve())).build()) {
      EipFailoverException e = assertThrows(EipFailoverException.class, m::start);
      assertTrue(e.getMessage().contains("bindAddress") && e.getMessage().contains("crashDetectionSocket(false)"),
          e.getMessage());
    }
    try (DatagramChannel udp = DatagramChannel.open().bind(local(port))) {
      assertTrue(udp.isOpen(), "the UDP socket opened before the failure was released");
    }
  }
}

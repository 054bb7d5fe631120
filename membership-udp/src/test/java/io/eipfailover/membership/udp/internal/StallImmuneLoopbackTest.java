package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipCounters;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verification on real loopback sockets. The peer is a stand-in: a UDP socket that sends a few
 * authentic heartbeats and falls silent, and a TCP listener on the same port that never accepts,
 * like a stopped process whose kernel still answers. A listener whose accept queue is full drops
 * connection attempts unanswered, as a gone host does. Only generous bounds are asserted.
 */
class StallImmuneLoopbackTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  /** The peer stand-in: heartbeats on UDP, a listener on TCP, both on one port. */
  private static final class StandIn implements AutoCloseable {
    final DatagramChannel udp;
    final ServerSocketChannel tcp;
    final List<SocketChannel> fillers = new ArrayList<>();
    final InetSocketAddress address;

    StandIn(int backlog) throws IOException {
      int port = LoopbackPorts.reserve();
      address = new InetSocketAddress("127.0.0.1", port);
      udp = DatagramChannel.open().bind(address);
      tcp = ServerSocketChannel.open().bind(address, backlog);
    }

    void beat(int portA, int beats) throws IOException {
      HeartbeatCodec codec = new HeartbeatCodec("loop", B, List.of(A), TestKeys.k1());
      for (int seq = 1; seq <= beats; seq++) {
        udp.send(codec.encode(99, seq, AnnouncedStatus.ALIVE, 0), new InetSocketAddress("127.0.0.1", portA));
      }
    }

    /** Connects until the accept queue is full: the next attempt gets no answer. */
    void fillAcceptQueue() throws IOException {
      for (int i = 0; i < 64; i++) {
        SocketChannel c = SocketChannel.open();
        fillers.add(c);
        try {
          c.socket().connect(address, 300);
        } catch (SocketTimeoutException e) {
          return;
        }
      }
      throw new AssertionError("the accept queue never filled");
    }

    @Override
    public void close() throws IOException {
      for (SocketChannel c : fillers) {
        c.close();
      }
      tcp.close();
      udp.close();
    }
  }

  private static UdpMembership member(int portA, StandIn b, DetectorSettings detector) {
    return UdpMembership.builder().self(A).clusterName("loop").keyring(TestKeys.k1()).bindAddress("127.0.0.1", portA)
        .peer(B, b.address).detector(detector).build();
  }

  private static UdpMembershipCounters.Verification verification(UdpMembership m) {
    return m.counters().verification();
  }

  @Test
  void aSilentPeerWhoseKernelAnswersIsHeldPastTheDeadlineUntilTheStallLimit() throws Exception {
    DetectorSettings d = DetectorSettings.stallImmune().toBuilder().stallLimit(Duration.ofSeconds(2)).build();
    int portA = LoopbackPorts.reserve();
    try (StandIn b = new StandIn(50); UdpMembership m = member(portA, b, d)) {
      m.start();
      b.beat(portA, 3);
      Await.until("b ALIVE", Duration.ofSeconds(5), () -> m.view().stateOf(B) == MemberState.ALIVE,
          () -> m.view());
      Await.until("one stall hold", Duration.ofSeconds(5), () -> verification(m).stallHolds() == 1,
          () -> m.view() + " " + m.counters());
      assertEquals(MemberState.SUSPECT, m.view().stateOf(B), "past the 1 s deadline, not convicted");
      Await.until("b DEAD", Duration.ofSeconds(8), () -> m.view().stateOf(B) == MemberState.DEAD,
          () -> m.view());
      MemberEntry dead = m.view().peer(B);
      long silence = dead.since() - dead.lastHeard().getAsLong();
      assertTrue(silence >= Duration.ofSeconds(2).toNanos(), "convicted after " + silence + " ns of silence");
      assertEquals(1, verification(m).stallLimitConvictions());
      assertEquals(0, verification(m).hostGoneConvictions());
      assertTrue(verification(m).handshakes() >= 3, "asked every 200 ms: " + verification(m));
    }
  }

  @Test
  void aPeerWhoseKernelStopsAnsweringIsConvictedAsAGoneHostLongBeforeTheDeadline() throws Exception {
    DetectorSettings d = DetectorSettings.builder().warntime(Duration.ofSeconds(5)).deadtime(Duration.ofSeconds(10))
        .initdead(Duration.ofSeconds(10)).verifyAfter(Duration.ofMillis(300)).verifyTimeout(Duration.ofMillis(200))
        .stallLimit(Duration.ofSeconds(10)).build();
    int portA = LoopbackPorts.reserve();
    try (StandIn b = new StandIn(1); UdpMembership m = member(portA, b, d)) {
      m.start();
      b.beat(portA, 3);
      Await.until("b ALIVE and probed", Duration.ofSeconds(5),
          () -> m.view().stateOf(B) == MemberState.ALIVE && verification(m).handshakes() >= 1,
          () -> m.view() + " " + m.counters());
      b.fillAcceptQueue();
      Await.until("b DEAD", Duration.ofSeconds(5), () -> m.view().stateOf(B) == MemberState.DEAD,
          () -> m.view() + " " + m.counters());
      assertEquals(1, verification(m).hostGoneConvictions(), "only verification can convict within 10 s");
      assertEquals(0, m.counters().fastPathConvictions());
    }
  }

  @Test
  void probesAnswerHandshakeForAListenerThatNeverAcceptsRefusedForAClosedPortAndNothingForAFullQueue()
      throws Exception {
    List<String> answers = new ArrayList<>();
    int closedPort = LoopbackPorts.reserve();
    try (StandIn listening = new StandIn(50); StandIn full = new StandIn(1);
        java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
      full.fillAcceptQueue();
      KernelProbes probes = new KernelProbes(A, new InetSocketAddress("127.0.0.1", 0),
          java.util.Map.of(NodeId.of("listening"), listening.address, NodeId.of("closed"),
              new InetSocketAddress("127.0.0.1", closedPort), NodeId.of("full"), full.address));
      probes.open(selector);
      long now = 0;
      for (String peer : List.of("listening", "closed", "full")) {
        assertTrue(probes.start(NodeId.of(peer), 200_000_000L, now), peer);
      }
      assertEquals(false, probes.start(NodeId.of("stranger"), 200_000_000L, now), "no address: no probe");
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (answers.size() < 2 && System.nanoTime() < deadline) {
        selector.select(50);
        selector.selectedKeys().forEach(probes::onReady);
        selector.selectedKeys().clear();
        probes.deliver((peer, answer) -> answers.add(peer + "=" + answer));
      }
      assertEquals(List.of("closed=REFUSED", "listening=HANDSHAKE"), answers.stream().sorted().toList());
      assertEquals(1, probes.inFlight(), "the full queue's attempt is still waiting");
      probes.expire(now + 200_000_000L);
      assertEquals(0, probes.inFlight(), "closed at its time-out, unanswered");
      probes.close();
    }
  }
}

package io.eipfailover.membership.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class UdpMembershipBuilderTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  private static UdpMembershipBuilder valid() {
    return UdpMembership.builder().self(A).clusterName("test").keyring(TestKeys.k1())
        .bindAddress("127.0.0.1", 15405).peer(B, "127.0.0.1", 15406);
  }

  private static void rejects(String message, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }

  @Test
  void buildsAnUnstartedMembershipWhoseViewHasEveryPeerDead() {
    UdpMembership m = valid().build();
    assertEquals(0, m.view().epoch());
    assertEquals(MemberState.DEAD, m.view().stateOf(B));
    assertEquals(0, m.incarnation());
    assertEquals(0, m.counters().sent());
    m.close();
    m.close();
  }

  @Test
  void rejectsMissingRequiredSettings() {
    rejects("self must be set", () -> UdpMembership.builder().clusterName("t").keyring(TestKeys.k1()).peer(B).build());
    rejects("clusterName (or topology) must be set", () -> UdpMembership.builder().self(A).keyring(TestKeys.k1()).peer(B).build());
    rejects("keyring must be set", () -> UdpMembership.builder().self(A).clusterName("t").peer(B).build());
    rejects("bindAddress must be set", () -> UdpMembership.builder().self(A).clusterName("t").keyring(TestKeys.k1())
        .peer(B, "127.0.0.1", 1).build());
    assertThrows(NullPointerException.class, () -> valid().bindAddress((InetSocketAddress) null));
  }

  @Test
  void rejectsNoPeersAndSelfAsPeer() {
    rejects("peers must not be empty: add at least one peer for a",
        () -> UdpMembership.builder().self(A).clusterName("t").keyring(TestKeys.k1()).bindAddress("127.0.0.1", 1).build());
    rejects("peers must not contain self 'a', was [b, a]", () -> valid().peer(A, "127.0.0.1", 15407).build());
    rejects("duplicate peer 'b'", () -> valid().peer(B, "127.0.0.1", 15407));
  }

  @Test
  void rejectsMorePeersThanTheHearsBitmapHolds() {
    UdpMembershipBuilder b = UdpMembership.builder().self(A).clusterName("t").keyring(TestKeys.k1())
        .bindAddress("127.0.0.1", 1);
    for (int i = 0; i < UdpMembership.MAX_NODES - 1; i++) {
      b.peer(NodeId.of("p" + i), "127.0.0.1", 20_000 + i);
    }
    UdpMembership largest = b.build();
    assertEquals(UdpMembership.MAX_NODES, largest.view().members().size(), "the largest legal cluster builds");
    largest.close();
    b.peer(NodeId.of("one-too-many"), "127.0.0.1", 19_999);
    rejects("peers must be at most 255 (256 nodes with self), was 256", b::build);
  }

  @Test
  void rejectsUnresolvableAddressesAndBadPorts() {
    rejects("peer 'c' address must resolve to an IP address, was unresolvable 'no-such-host.invalid:5405'",
        () -> valid().peer(NodeId.of("c"), "no-such-host.invalid", 5405));
    rejects("bindAddress must resolve to an IP address, was unresolvable 'no-such-host.invalid:5405'",
        () -> valid().bindAddress(InetSocketAddress.createUnresolved("no-such-host.invalid", 5405)));
    rejects("bindAddress port must be between 1 and 65535, was 0", () -> valid().bindAddress("127.0.0.1", 0));
    rejects("peer 'c' address port must be between 1 and 65535, was 70000",
        () -> valid().peer(NodeId.of("c"), "127.0.0.1", 70000));
    rejects("bindAddress host must not be blank, was ''", () -> valid().bindAddress("", 1));
  }

  @Test
  void rejectsBadClusterNameAndPeersWithoutAddressOnTheRealTransport() {
    rejects("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was 'no spaces'",
        () -> valid().clusterName("no spaces"));
    rejects("peer 'c' has no address; give one, or a custom transport that routes by id",
        () -> valid().peer(NodeId.of("c")).build());
  }

  @Test
  void checksPeersAgainstTheTopology() {
    ClusterTopology t = ClusterTopology.builder().clusterName("prod")
        .node(A, AttachmentPoint.primary("eni-a", "10.0.0.1"))
        .node(B, AttachmentPoint.primary("eni-b", "10.0.0.2"))
        .node(NodeId.of("c"), AttachmentPoint.primary("eni-c", "10.0.0.3")).build();
    rejects("peers must be the topology's other nodes [b, c], was [b]", () -> valid().topology(t).build());
    rejects("self 'z' is not a node of the topology [a, b, c]", () -> valid().topology(t).self(NodeId.of("z")).build());
    UdpMembership ok = valid().topology(t).peer(NodeId.of("c"), "127.0.0.1", 15407).build();
    assertEquals(A, ok.self());
  }

  @Test
  void startFailsNamingTheBindAddressWhenThePortIsInUse() throws Exception {
    try (DatagramChannel squatter = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
      int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
      UdpMembership m = valid().bindAddress("127.0.0.1", port).build();
      EipFailoverException e = assertThrows(EipFailoverException.class, m::start);
      assertTrue(e.getMessage().startsWith("bindAddress /127.0.0.1:" + port + " cannot be bound"), e.getMessage());
      assertThrows(IllegalStateException.class, m::start, "a failed start closes it");
      m.close();
    }
  }

  @Test
  void startTwiceThrows() {
    UdpMembership m = UdpMembership.builder().self(A).clusterName("t").keyring(TestKeys.k1()).peer(B)
        .transport(new io.eipfailover.membership.udp.testing.InMemoryNetwork(
            new io.eipfailover.core.testing.VirtualTime()).transport(A)).build();
    m.start();
    assertEquals("UdpMembership of a can be started once; it is already started",
        assertThrows(IllegalStateException.class, m::start).getMessage());
    m.close();
    assertEquals("UdpMembership of a can be started once; it is closed",
        assertThrows(IllegalStateException.class, m::start).getMessage());
  }

  /** A transport of the test's, recording what the membership does to it. */
  private static final class RecordingTransport implements DatagramTransport {
    final List<String> calls = new ArrayList<>();
    private final DatagramTransport inner;

    RecordingTransport(DatagramTransport inner) {
      this.inner = inner;
    }

    @Override
    public void start(Handler handler) {
      calls.add("start");
      inner.start(handler);
    }

    @Override
    public boolean send(NodeId peer, ByteBuffer datagram) {
      return inner.send(peer, datagram);
    }

    @Override
    public void wakeup() {
      inner.wakeup();
    }

    @Override
    public void close() {
      calls.add("close");
      inner.close();
    }
  }

  @Test
  void anInjectedTransportIsStoppedOnlyIfTheMembershipStartedIt() {
    InMemoryNetwork net = new InMemoryNetwork(new VirtualTime());
    RecordingTransport neverStarted = new RecordingTransport(net.transport(A));
    UdpMembership.builder().self(A).clusterName("t").keyring(TestKeys.k1()).peer(B).transport(neverStarted).build()
        .close();
    assertEquals(List.of(), neverStarted.calls, "closed before start: the transport was never touched");

    RecordingTransport used = new RecordingTransport(new InMemoryNetwork(new VirtualTime()).transport(A));
    UdpMembership m = UdpMembership.builder().self(A).clusterName("t").keyring(TestKeys.k1()).peer(B)
        .transport(used).build();
    m.start();
    m.close();
    m.close();
    assertEquals(List.of("start", "close"), used.calls, "started by start(), stopped once by close()");
  }

  @Test
  void theOwnTransportReleasesItsPortOnCloseAndListenerExecutorsStayUp() throws Exception {
    ExecutorService listenerThread = Executors.newSingleThreadExecutor();
    try {
      int port = LoopbackPorts.reserve();
      UdpMembership m = valid().bindAddress("127.0.0.1", port)
          .detector(DetectorSettings.builder().crashDetectionSocket(false).build()).build();
      m.addListener(view -> { }, listenerThread);
      m.start();
      m.close();
      try (DatagramChannel again = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port))) {
        assertTrue(again.isOpen(), "the membership closed the socket it created");
      }
      assertTrue(!listenerThread.isShutdown(), "a listener executor is the caller's");
    } finally {
      listenerThread.shutdownNow();
    }
  }
}

package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import io.eipfailover.membership.udp.testing.RecordingListener;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real UDP on 127.0.0.1, 2 to 5 nodes in one JVM, each with its own socket loop thread. Outcomes
 * and counters are asserted, never latencies; the detection deadline is 10 s so that a conviction
 * counted as fast-path can only come from the crash signals (ICMP port unreachable, TCP link).
 */
class LoopbackClusterTest {
  private static final Duration GENEROUS = Duration.ofSeconds(8);
  private static final DetectorSettings SLOW_DEADLINE = DetectorSettings.builder().warntime(Duration.ofSeconds(5))
      .deadtime(Duration.ofSeconds(10)).initdead(Duration.ofSeconds(10)).build();

  private final List<UdpMembership> started = new ArrayList<>();

  @AfterEach
  void closeAll() {
    started.forEach(UdpMembership::close);
  }

  private static Map<NodeId, Integer> ports(int n) {
    Map<NodeId, Integer> ports = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      ports.put(NodeId.of("n" + i), LoopbackPorts.reserve());
    }
    return ports;
  }

  private static UdpMembershipBuilder node(NodeId self, Map<NodeId, Integer> ports) {
    UdpMembershipBuilder b = UdpMembership.builder().self(self).clusterName("loop").configFingerprint(7)
        .keyring(TestKeys.k1()).bindAddress("127.0.0.1", ports.get(self)).detector(SLOW_DEADLINE);
    ports.forEach((id, port) -> {
      if (!id.equals(self)) {
        b.peer(id, "127.0.0.1", port);
      }
    });
    return b;
  }

  private UdpMembership start(UdpMembershipBuilder b, RecordingListener listener) {
    UdpMembership m = b.build();
    m.addListener(listener, MoreExecutors.directExecutor());
    m.start();
    started.add(m);
    return m;
  }

  private Map<NodeId, UdpMembership> startAll(Map<NodeId, Integer> ports, Function<NodeId, UdpMembershipBuilder> f) {
    Map<NodeId, UdpMembership> nodes = new LinkedHashMap<>();
    ports.keySet().forEach(id -> nodes.put(id, start(f.apply(id), new RecordingListener())));
    return nodes;
  }

  private static void awaitState(UdpMembership observer, NodeId peer, MemberState state) {
    Await.value(observer.self() + " sees " + peer + " " + state, GENEROUS, observer::view, v -> v.stateOf(peer) == state);
  }

  @Test
  void fiveNodesSeeEachOtherAlive() {
    Map<NodeId, Integer> ports = ports(5);
    Map<NodeId, UdpMembership> nodes = startAll(ports, id -> node(id, ports));
    for (UdpMembership m : nodes.values()) {
      Await.value(m.self() + " sees five ALIVE", GENEROUS, m::view, v -> v.count(MemberState.ALIVE) == 5);
      assertEquals(0, m.counters().droppedTotal(), () -> m.counters().toString());
    }
  }

  @Test
  void closedNodeIsDeclaredDeadByTheCrashFastPathAndComesBackWithANewIncarnation() {
    Map<NodeId, Integer> ports = ports(3);
    Map<NodeId, UdpMembership> nodes = startAll(ports, id -> node(id, ports));
    NodeId victim = NodeId.of("n2");
    for (UdpMembership m : nodes.values()) {
      Await.value(m.self() + " sees three ALIVE", GENEROUS, m::view, v -> v.count(MemberState.ALIVE) == 3);
    }
    UdpMembership old = nodes.get(victim);
    old.close();
    for (NodeId survivor : List.of(NodeId.of("n0"), NodeId.of("n1"))) {
      awaitState(nodes.get(survivor), victim, MemberState.DEAD);
      assertEquals(1, nodes.get(survivor).counters().fastPathConvictions(), "convicted by a crash signal, not the deadline");
    }

    UdpMembership restarted = start(node(victim, ports), new RecordingListener());
    assertTrue(restarted.incarnation() > old.incarnation());
    awaitState(nodes.get(NodeId.of("n0")), victim, MemberState.ALIVE);
    awaitState(restarted, NodeId.of("n0"), MemberState.ALIVE);
  }

  @Test
  void standbyAndUnhealthyReachPeers() {
    Map<NodeId, Integer> ports = ports(2);
    Map<NodeId, UdpMembership> nodes = startAll(ports, id -> node(id, ports));
    UdpMembership a = nodes.get(NodeId.of("n0"));
    UdpMembership b = nodes.get(NodeId.of("n1"));
    awaitState(a, b.self(), MemberState.ALIVE);
    b.announce(AnnouncedStatus.STANDBY);
    awaitState(a, b.self(), MemberState.STANDBY);
    b.announce(AnnouncedStatus.UNHEALTHY);
    awaitState(a, b.self(), MemberState.UNHEALTHY);
    b.announce(AnnouncedStatus.ALIVE);
    awaitState(a, b.self(), MemberState.ALIVE);
  }

  @Test
  void keyRotationWithOverlappingKeysKeepsTheClusterTogether() {
    Map<NodeId, Integer> ports = ports(2);
    NodeId n0 = NodeId.of("n0");
    UdpKeyring old = UdpKeyring.builder().primary(1, TestKeys.K1).accept(2, TestKeys.K2).build();
    UdpKeyring next = UdpKeyring.builder().primary(2, TestKeys.K2).accept(1, TestKeys.K1).build();
    Map<NodeId, UdpMembership> nodes = startAll(ports, id -> node(id, ports).keyring(id.equals(n0) ? old : next));
    UdpMembership a = nodes.get(n0);
    UdpMembership b = nodes.get(NodeId.of("n1"));
    awaitState(a, b.self(), MemberState.ALIVE);
    awaitState(b, a.self(), MemberState.ALIVE);
    UdpKeyring only2 = UdpKeyring.of(2, TestKeys.K2.getBytes());
    a.updateKeyring(only2);
    b.updateKeyring(only2);
    long acceptedBefore = a.counters().accepted();
    Await.until("n0 accepts heartbeats under the new key", GENEROUS, () -> a.counters().accepted() > acceptedBefore + 5,
        a::counters);
    assertEquals(MemberState.ALIVE, a.view().stateOf(b.self()));
    assertEquals(0, a.counters().dropped(DropReason.BAD_MAC) + a.counters().dropped(DropReason.UNKNOWN_KEY));
  }

  @Test
  void configMismatchIsReportedToListeners() {
    Map<NodeId, Integer> ports = ports(2);
    RecordingListener listener = new RecordingListener();
    UdpMembership a = start(node(NodeId.of("n0"), ports), listener);
    start(node(NodeId.of("n1"), ports).configFingerprint(8), new RecordingListener());
    Await.until("a config mismatch report", GENEROUS, () -> !listener.mismatches.isEmpty(), () -> listener.mismatches);
    assertEquals(new RecordingListener.Mismatch(NodeId.of("n1"), 7, 8), listener.mismatches.get(0));
    awaitState(a, NodeId.of("n1"), MemberState.ALIVE);
  }

  @Test
  void garbageFromAStrangerIsCountedAndChangesNothing() throws Exception {
    Map<NodeId, Integer> ports = ports(2);
    Map<NodeId, UdpMembership> nodes = startAll(ports, id -> node(id, ports));
    UdpMembership a = nodes.get(NodeId.of("n0"));
    awaitState(a, NodeId.of("n1"), MemberState.ALIVE);
    long epoch = a.view().epoch();
    try (DatagramChannel stranger = DatagramChannel.open()) {
      InetSocketAddress target = new InetSocketAddress("127.0.0.1", ports.get(NodeId.of("n0")));
      stranger.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), target);
      stranger.send(ByteBuffer.wrap(new byte[500]), target);
      stranger.send(ByteBuffer.wrap(new byte[] {9, 9, 9, 9}), target);
    }
    Await.until("three datagrams dropped", GENEROUS, () -> a.counters().droppedTotal() == 3, a::counters);
    assertEquals(1, a.counters().dropped(DropReason.TRUNCATED));
    assertEquals(1, a.counters().dropped(DropReason.OVERSIZED));
    assertEquals(1, a.counters().dropped(DropReason.WRONG_VERSION));
    assertEquals(epoch, a.view().epoch());
  }

  @Test
  void closeStopsTheLoopThreadReleasesThePortAndLeavesTheListenerExecutorAlone() throws Exception {
    Map<NodeId, Integer> ports = ports(2);
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      UdpMembership a = node(NodeId.of("n0"), ports).build();
      RecordingListener listener = new RecordingListener();
      a.addListener(listener, executor);
      a.start();
      Await.until("a view delivered", GENEROUS, () -> !listener.views.isEmpty());
      assertTrue(loopThreadAlive("eip-udp-n0"));
      a.close();
      a.close();
      assertFalse(loopThreadAlive("eip-udp-n0"), "the loop thread is gone after close()");
      assertFalse(executor.isShutdown(), "an injected executor is never shut down by the membership");
      try (DatagramChannel rebind = DatagramChannel.open()) {
        rebind.bind(new InetSocketAddress("127.0.0.1", ports.get(NodeId.of("n0"))));
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static boolean loopThreadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }
}

package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.RecordingListener;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats lost in one direction only (issue 13): a's heartbeats do not reach b, b's reach a. b
 * convicts a; a keeps b ALIVE, and learns from b's heartbeats that b does not hear it ({@code
 * hearsSelf} NO) and, after the heal, that it does again. The real membership over the in-memory
 * network on virtual time.
 */
class OneWayLossScenarioTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  private final VirtualTime time = new VirtualTime();
  private final InMemoryNetwork net = new InMemoryNetwork(time);

  private UdpMembership start(NodeId self, NodeId peer, RecordingListener listener) {
    UdpMembership m = UdpMembership.builder().self(self).clusterName("test").configFingerprint(42)
        .keyring(TestKeys.k1()).ticker(time.ticker()).clock(time.clock()).transport(net.transport(self)).peer(peer)
        .build();
    m.addListener(listener, MoreExecutors.directExecutor());
    m.start();
    return m;
  }

  /** The distinct successive hearsSelf values of {@code peer} in {@code views}. */
  private static List<Hearing> hearingsOf(List<MembershipView> views, NodeId peer) {
    List<Hearing> changes = new ArrayList<>();
    for (MembershipView v : List.copyOf(views)) {
      Hearing h = v.peer(peer).hearsSelf();
      if (changes.isEmpty() || changes.get(changes.size() - 1) != h) {
        changes.add(h);
      }
    }
    return changes;
  }

  @Test
  void theSideThatStillHearsLearnsItIsNotHeardAndWhenThatEnds() {
    RecordingListener atA = new RecordingListener();
    RecordingListener atB = new RecordingListener();
    UdpMembership a = start(A, B, atA);
    UdpMembership b = start(B, A, atB);
    net.run(Duration.ofMillis(300));
    assertEquals(Hearing.YES, a.view().peer(B).hearsSelf());
    assertEquals(Hearing.YES, b.view().peer(A).hearsSelf());

    net.dropWhen(p -> p.from().equals(A) && p.to().equals(B));
    net.run(Duration.ofMillis(1_500));
    assertEquals(MemberState.DEAD, b.view().stateOf(A), "b hears nothing from a");
    assertEquals(Hearing.UNKNOWN, b.view().peer(A).hearsSelf(), "a dead peer's word about us is forgotten");
    assertEquals(MemberState.ALIVE, a.view().stateOf(B), "a hears b all along");
    assertEquals(Hearing.NO, a.view().peer(B).hearsSelf());

    long epoch = a.view().epoch();
    int views = atA.views.size();
    net.run(Duration.ofSeconds(3));
    assertEquals(epoch, a.view().epoch(), "an unchanged NO publishes no view per heartbeat");
    assertEquals(views, atA.views.size());

    net.dropWhen(p -> false);
    net.run(Duration.ofMillis(300));
    assertEquals(MemberState.ALIVE, b.view().stateOf(A));
    assertEquals(Hearing.YES, b.view().peer(A).hearsSelf());
    assertEquals(Hearing.YES, a.view().peer(B).hearsSelf(), "the heal reaches a within a heartbeat or two");
    assertEquals(List.of(Hearing.UNKNOWN, Hearing.YES, Hearing.NO, Hearing.YES), hearingsOf(atA.views, B));
    assertEquals(List.of(Hearing.UNKNOWN, Hearing.YES, Hearing.UNKNOWN, Hearing.YES), hearingsOf(atB.views, A));
  }

  @Test
  void theNoReachesTheHolderWithinOneHeartbeatOfTheConviction() {
    RecordingListener atA = new RecordingListener();
    UdpMembership a = start(A, B, atA);
    UdpMembership b = start(B, A, new RecordingListener());
    net.run(Duration.ofMillis(300));
    net.dropWhen(p -> p.from().equals(A) && p.to().equals(B));
    runUntil(() -> b.view().stateOf(A) == MemberState.DEAD, "b convicts a");
    long convictedAt = b.view().peer(A).since();
    runUntil(() -> a.view().peer(B).hearsSelf() == Hearing.NO, "a learns that b does not hear it");
    MembershipView told = atA.views.get(atA.views.size() - 1);
    assertEquals(Hearing.NO, told.peer(B).hearsSelf(), "a view was published for the change");
    long delay = time.nanos() - convictedAt;
    long keepalive = b.detector().keepalive().toNanos();
    assertTrue(delay <= keepalive + 2_000_000L, "told " + delay / 1_000_000 + " ms after the conviction");
  }

  /** Runs the network in 1 ms steps until {@code done}, for at most 5 virtual seconds. */
  private void runUntil(BooleanSupplier done, String what) {
    for (int step = 0; step < 5_000 && !done.getAsBoolean(); step++) {
      net.run(Duration.ofMillis(1));
    }
    assertTrue(done.getAsBoolean(), what + " within 5 s");
  }
}

package io.eipfailover.membership.udp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.DropReason;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.UdpMembershipBuilder;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.RecordingListener;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real membership (facade + protocol) over the in-memory network on virtual time: every
 * scenario is deterministic, so exact virtual-time bounds can be asserted.
 */
class InMemoryClusterTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");

  private final VirtualTime time = new VirtualTime();
  private final InMemoryNetwork net = new InMemoryNetwork(time);

  private UdpMembershipBuilder node(NodeId self, UdpKeyring keyring, NodeId... peers) {
    UdpMembershipBuilder b = UdpMembership.builder().self(self).clusterName("test").configFingerprint(42)
        .keyring(keyring).ticker(time.ticker()).clock(time.clock()).transport(net.transport(self));
    for (NodeId p : peers) {
      b.peer(p);
    }
    return b;
  }

  private UdpMembership start(UdpMembershipBuilder b, RecordingListener listener) {
    UdpMembership m = b.build();
    m.addListener(listener, MoreExecutors.directExecutor());
    m.start();
    return m;
  }

  private UdpMembership start(NodeId self, NodeId... peers) {
    return start(node(self, TestKeys.k1(), peers), new RecordingListener());
  }

  @Test
  void twoNodesSeeEachOtherAliveWithoutDrops() {
    UdpMembership a = start(A, B);
    UdpMembership b = start(B, A);
    net.run(Duration.ofMillis(300));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertEquals(MemberState.ALIVE, b.view().stateOf(A));
    assertEquals(MemberState.ALIVE, a.view().stateOf(A));
    assertTrue(a.counters().sent() >= 3, a.counters().toString());
    assertTrue(a.counters().accepted() >= 2, a.counters().toString());
    assertEquals(0, a.counters().droppedTotal());
    assertTrue(a.view().peer(B).lastHeard().isPresent());
  }

  @Test
  void neverHeardPeerIsSuspectDuringInitdeadThenDead() {
    UdpMembership a = start(A, B);
    net.run(Duration.ofMillis(1_900));
    assertEquals(MemberState.SUSPECT, a.view().stateOf(B));
    net.run(Duration.ofMillis(200));
    assertEquals(MemberState.DEAD, a.view().stateOf(B));
    assertEquals(0, a.counters().suspicions(), "never-heard peers are not counted as suspicions");
  }

  @Test
  void silentHostIsSuspectAfterWarntimeAndDeadAfterDeadtime() {
    RecordingListener listener = new RecordingListener();
    UdpMembership a = start(node(A, TestKeys.k1(), B), listener);
    start(B, A);
    net.run(Duration.ofMillis(500));
    long lastHeard = a.view().peer(B).lastHeard().getAsLong();
    net.hostDown(B, true);
    net.run(Duration.ofMillis(400));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    net.run(Duration.ofMillis(200));
    assertEquals(MemberState.SUSPECT, a.view().stateOf(B));
    net.run(Duration.ofMillis(520));
    MembershipView v = a.view();
    assertEquals(MemberState.DEAD, v.stateOf(B));
    long detected = v.peer(B).since() - lastHeard;
    assertTrue(detected >= 1_000_000_000L && detected <= 1_110_000_000L, "detected after " + detected + " ns");
    assertTrue(v.peer(B).suspectedAt().isPresent());
    assertEquals(List.of(MemberState.ALIVE, MemberState.SUSPECT, MemberState.DEAD),
        listener.statesOf(B).subList(listener.statesOf(B).size() - 3, listener.statesOf(B).size()));
    assertEquals(0, a.counters().fastPathConvictions());
    assertEquals(1, a.counters().suspicions());
  }

  @Test
  void crashedProcessOnLiveHostIsDeclaredDeadWithinMillisecondsByTheFastPath() {
    UdpMembership a = start(A, B);
    UdpMembership b = start(B, A);
    net.run(Duration.ofMillis(300));
    b.close();
    long closedAt = time.nanos();
    net.run(Duration.ofMillis(120));
    MembershipView v = a.view();
    assertEquals(MemberState.DEAD, v.stateOf(B));
    assertTrue(v.peer(B).since() - closedAt <= 120_000_000L, "fast path took " + (v.peer(B).since() - closedAt));
    assertEquals(1, a.counters().fastPathConvictions());
    assertTrue(a.counters().portUnreachableSignals() >= 3);
  }

  @Test
  void pausedPeerIsNeverConvictedBeforeTheDeadlineAndMergesBackWhenResumed() {
    RecordingListener listener = new RecordingListener();
    UdpMembership a = start(node(A, TestKeys.k1(), B), listener);
    start(B, A);
    net.run(Duration.ofMillis(300));
    net.pause(B, false);
    net.run(Duration.ofMillis(900));
    assertEquals(MemberState.SUSPECT, a.view().stateOf(B), "paused, not dead: no ICMP for a paused process");
    net.run(Duration.ofMillis(300));
    assertEquals(MemberState.DEAD, a.view().stateOf(B));
    net.resume(B);
    net.run(Duration.ofMillis(50));
    MembershipView v = a.view();
    assertEquals(MemberState.ALIVE, v.stateOf(B));
    assertTrue(listener.views.stream().anyMatch(MembershipView::merged), "a return from DEAD is a merge");
    assertEquals(0, a.counters().fastPathConvictions());
    assertFalse(listener.lates.isEmpty(), "the first heartbeat after the pause is reported late");
  }

  @Test
  void restartedPeerIsAcceptedWithItsNewIncarnationAndItsOldDatagramsAreReplays() {
    UdpMembership a = start(A, B);
    UdpMembership b1 = start(B, A);
    net.run(Duration.ofMillis(300));
    List<InMemoryNetwork.Packet> old = net.captured().stream().filter(p -> p.from().equals(B)).toList();
    b1.close();
    net.run(Duration.ofMillis(100));
    assertEquals(MemberState.DEAD, a.view().stateOf(B));
    UdpMembership b2 = start(B, A);
    assertTrue(b2.incarnation() > b1.incarnation());
    net.run(Duration.ofMillis(100));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    long epoch = a.view().epoch();
    old.forEach(p -> net.inject(B, A, p.bytes()));
    net.run(Duration.ofMillis(5));
    assertEquals(old.size(), a.counters().dropped(DropReason.REPLAYED));
    assertEquals(epoch, a.view().epoch(), "replays change nothing");
  }

  @Test
  void standbyAndUnhealthyAreSentAtOnceNotAtTheNextHeartbeat() {
    UdpMembership a = start(A, B);
    UdpMembership b = start(B, A);
    net.run(Duration.ofMillis(305));
    b.announce(AnnouncedStatus.STANDBY);
    net.run(Duration.ofMillis(3));
    assertEquals(MemberState.STANDBY, a.view().stateOf(B));
    assertEquals(MemberState.STANDBY, b.view().stateOf(B));
    b.announce(AnnouncedStatus.UNHEALTHY);
    net.run(Duration.ofMillis(3));
    assertEquals(MemberState.UNHEALTHY, a.view().stateOf(B));
    b.announce(AnnouncedStatus.ALIVE);
    net.run(Duration.ofMillis(300));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
  }

  @Test
  void announcedBeforeStartIsTheInitialStatus() {
    UdpMembership a = start(A, B);
    UdpMembership b = node(B, TestKeys.k1(), A).build();
    b.announce(AnnouncedStatus.STANDBY);
    b.start();
    net.run(Duration.ofMillis(50));
    assertEquals(MemberState.STANDBY, a.view().stateOf(B));
  }

  @Test
  void keyRotationWithOverlappingKeysNeverLosesAHeartbeat() {
    UdpKeyring aRing = UdpKeyring.builder().primary(1, TestKeys.K1).accept(2, TestKeys.K2).build();
    UdpKeyring bRing = UdpKeyring.builder().primary(2, TestKeys.K2).accept(1, TestKeys.K1).build();
    RecordingListener la = new RecordingListener();
    UdpMembership a = start(node(A, aRing, B, C), la);
    UdpMembership b = start(node(B, bRing, A, C), new RecordingListener());
    UdpMembership c = start(node(C, UdpKeyring.of(3, TestKeys.K3.getBytes()), A, B), new RecordingListener());
    net.run(Duration.ofMillis(500));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertEquals(MemberState.ALIVE, b.view().stateOf(A));
    assertEquals(MemberState.SUSPECT, a.view().stateOf(C), "c's key is unknown to a");
    assertTrue(a.counters().dropped(DropReason.UNKNOWN_KEY) > 0);
    assertTrue(c.counters().dropped(DropReason.UNKNOWN_KEY) > 0);
    // Final step of the rotation, at runtime: everyone on key 2 only.
    a.updateKeyring(UdpKeyring.of(2, TestKeys.K2.getBytes()));
    b.updateKeyring(UdpKeyring.of(2, TestKeys.K2.getBytes()));
    net.run(Duration.ofMillis(1_000));
    assertEquals(List.of(MemberState.SUSPECT, MemberState.ALIVE), la.statesOf(B), "b never went missing");
    assertEquals(0, a.counters().dropped(DropReason.BAD_MAC));
  }

  @Test
  void configMismatchIsReportedRateLimitedAndDoesNotSplitTheCluster() {
    RecordingListener la = new RecordingListener();
    UdpMembership a = start(node(A, TestKeys.k1(), B), la);
    start(node(B, TestKeys.k1(), A).configFingerprint(43), new RecordingListener());
    net.run(Duration.ofSeconds(5));
    assertEquals(List.of(new RecordingListener.Mismatch(B, 42, 43)), la.mismatches);
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    net.run(Duration.ofSeconds(6));
    assertEquals(2, la.mismatches.size(), "reported again after 10 s");
  }

  @Test
  void ownPauseDoesNotConvictPeersWhoseHeartbeatsWereLostMeanwhile() {
    RecordingListener la = new RecordingListener();
    UdpMembership a = start(node(A, TestKeys.k1(), B), la);
    start(B, A);
    net.run(Duration.ofMillis(300));
    net.pause(A, true);
    net.run(Duration.ofSeconds(3));
    net.resume(A);
    net.run(Duration.ofMillis(200));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertFalse(la.statesOf(B).contains(MemberState.DEAD), "states were " + la.statesOf(B));
    assertEquals(1, a.counters().pauseGuards());
  }

  @Test
  void briefBlackoutIsReportedLateAndSuspectButNotDead() {
    RecordingListener la = new RecordingListener();
    UdpMembership a = start(node(A, TestKeys.k1(), B), la);
    start(B, A);
    net.run(Duration.ofMillis(300));
    net.dropWhen(p -> p.from().equals(B));
    net.run(Duration.ofMillis(700));
    net.dropWhen(p -> false);
    net.run(Duration.ofMillis(200));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertEquals(List.of(MemberState.SUSPECT, MemberState.ALIVE, MemberState.SUSPECT, MemberState.ALIVE), la.statesOf(B));
    assertEquals(1, la.lates.size());
    assertTrue(la.lates.get(0).gap().toMillis() >= 700, la.lates.toString());
    assertEquals(1, a.counters().lateHeartbeats());
  }

  @Test
  void phiAccrualConvictsASteadyPeerAboutOneSecondAfterItFallsSilent() {
    UdpMembership a = start(node(A, TestKeys.k1(), B).detector(DetectorSettings.phiAccrual()), new RecordingListener());
    start(node(B, TestKeys.k1(), A).detector(DetectorSettings.phiAccrual()), new RecordingListener());
    net.run(Duration.ofSeconds(5));
    long lastHeard = a.view().peer(B).lastHeard().getAsLong();
    net.hostDown(B, true);
    net.run(Duration.ofMillis(800));
    assertEquals(MemberState.SUSPECT, a.view().stateOf(B));
    net.run(Duration.ofMillis(600));
    assertEquals(MemberState.DEAD, a.view().stateOf(B));
    long detected = a.view().peer(B).since() - lastHeard;
    assertTrue(detected > 800_000_000L && detected < 1_400_000_000L, "phi convicted after " + detected);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    RecordingListener good = new RecordingListener();
    UdpMembership a = node(A, TestKeys.k1(), B).build();
    a.addListener(new io.eipfailover.core.MembershipListener() {
      @Override
      public void viewChanged(MembershipView view) {
        throw new IllegalStateException("listener bug");
      }
    }, MoreExecutors.directExecutor());
    a.addListener(good, MoreExecutors.directExecutor());
    a.start();
    start(B, A);
    net.run(Duration.ofMillis(100));
    assertEquals(MemberState.ALIVE, a.view().stateOf(B));
    assertTrue(good.views.size() >= 2);
    for (int i = 1; i < good.views.size(); i++) {
      assertTrue(good.views.get(i).epoch() > good.views.get(i - 1).epoch(), "in order");
    }
  }
}

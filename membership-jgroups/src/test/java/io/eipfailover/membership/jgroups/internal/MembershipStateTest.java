package io.eipfailover.membership.jgroups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.runtime.ListenerBus;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.membership.jgroups.JGroupsMembershipConfig;
import io.eipfailover.membership.jgroups.JGroupsSecurity;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jgroups.Address;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** The state rules, driven by hand-made JGroups views and messages on virtual time. */
class MembershipStateTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final NodeId N3 = NodeId.of("n3");

  private final ClusterTopology topology = io.eipfailover.core.testing.Topologies.ring(3);
  private final VirtualTime time = new VirtualTime();
  private final List<MembershipView> views = new ArrayList<>();
  private final List<NodeId> mismatches = new ArrayList<>();
  private final List<Announcement> sent = new ArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Address a1 = named("n1");
  private final Address a2 = named("n2");
  private final Address a3 = named("n3");
  private final MembershipState state;

  MembershipStateTest() {
    JGroupsParts parts = new JGroupsParts(N1, topology, "sim", null, null, InetAddress.getLoopbackAddress(), 7800,
        List.of(), JGroupsSecurity.none(), UnaryOperator.identity(), null, time.ticker(), JGroupsMembershipConfig.defaults());
    ListenerBus<MembershipListener> bus = new ListenerBus<>(N1, "membership");
    bus.add(new MembershipListener() {
      @Override
      public void viewChanged(MembershipView view) {
        views.add(view);
      }

      @Override
      public void configMismatch(NodeId peer, long ours, long theirs) {
        mismatches.add(peer);
      }
    }, MoreExecutors.directExecutor());
    state = new MembershipState(parts, new ConcurrentHashMap<>(), bus, dropped,
        bytes -> sent.add(Announcement.decode(bytes, 0, bytes.length)));
  }

  private static Address named(String name) {
    Address a = UUID.randomUUID();
    NameCache.add(a, name);
    return a;
  }

  private byte[] announcement(NodeId node, AnnouncedStatus status, long seq) {
    return new Announcement(node, status, topology.fingerprint(), seq).encode();
  }

  private MemberState stateOf(NodeId n) {
    return state.current().stateOf(n);
  }

  @Test
  void aJoinerIsSuspectUntilItAnnouncesAndWeAnnounceOnEveryView() {
    state.onStarted(a1, View.create(a1, 1, a1));
    assertEquals(1, sent.size(), "announced once connected");
    state.onView(View.create(a1, 2, a1, a2));
    assertEquals(2, sent.size(), "announced again on the view change");
    assertEquals(MemberState.SUSPECT, stateOf(N2));
    assertEquals(MemberState.DEAD, stateOf(N3));
    state.onMessage(a2, announcement(N2, AnnouncedStatus.ALIVE, 1));
    assertEquals(MemberState.ALIVE, stateOf(N2));
    assertTrue(sent.get(1).sequence() > sent.get(0).sequence(), "our sequence grows");
  }

  @Test
  void aLateCopyOfAnOlderAnnouncementIsIgnored() {
    state.onStarted(a1, View.create(a1, 2, a1, a2));
    state.onMessage(a2, announcement(N2, AnnouncedStatus.STANDBY, 5));
    state.onMessage(a2, announcement(N2, AnnouncedStatus.ALIVE, 4));
    assertEquals(MemberState.STANDBY, stateOf(N2));
    state.onMessage(a2, announcement(N2, AnnouncedStatus.UNHEALTHY, 6));
    assertEquals(MemberState.UNHEALTHY, stateOf(N2));
  }

  @Test
  void anAnnouncementUnderAnotherNameOrFromANonMemberIsDroppedAndCounted() {
    state.onStarted(a1, View.create(a1, 2, a1, a2));
    state.onMessage(a2, announcement(N3, AnnouncedStatus.ALIVE, 1));
    state.onMessage(a3, announcement(N3, AnnouncedStatus.ALIVE, 1));
    state.onMessage(a2, new byte[] {1, 2, 3});
    assertEquals(3, dropped.get());
    assertEquals(MemberState.DEAD, stateOf(N3));
  }

  @Test
  void suspicionMakesAMemberSuspectAndAnAnswerClearsIt() {
    state.onStarted(a1, View.create(a1, 2, a1, a2));
    state.onMessage(a2, announcement(N2, AnnouncedStatus.ALIVE, 1));
    state.onSuspected(List.of(a2), 1_500);
    assertEquals(MemberState.SUSPECT, stateOf(N2));
    assertEquals(1_500, state.current().peer(N2).suspectedAt().orElseThrow());
    state.onUnsuspected(a2);
    assertEquals(MemberState.ALIVE, stateOf(N2));
    state.onSuspected(List.of(a2), 2_000);
    state.onView(View.create(a1, 3, a1));
    assertEquals(MemberState.DEAD, stateOf(N2));
    assertEquals(2_000, state.current().peer(N2).suspectedAt().orElseThrow(), "kept for the failover timeline");
    long epoch = state.current().epoch();
    assertTrue(views.stream().mapToLong(MembershipView::epoch).max().orElseThrow() == epoch);
  }

  @Test
  void aMergeStaysFlaggedUntilEveryMemberAnnounced() {
    View left = View.create(a1, 3, a1, a2);
    state.onStarted(a1, left);
    state.onMessage(a2, announcement(N2, AnnouncedStatus.ALIVE, 1));
    View right = View.create(a3, 3, a3);
    state.onView(new MergeView(new ViewId(a1, 4), List.of(a1, a2, a3), List.of(left, right)));
    assertTrue(state.current().merged());
    assertEquals(MemberState.SUSPECT, stateOf(N3), "not announced yet");
    state.onMessage(a3, announcement(N3, AnnouncedStatus.STANDBY, 9));
    assertTrue(state.current().merged(), "the view with full knowledge is still flagged");
    assertEquals(MemberState.STANDBY, stateOf(N3));
    state.onMessage(a3, announcement(N3, AnnouncedStatus.ALIVE, 10));
    assertFalse(state.current().merged());
  }

  @Test
  void aFingerprintMismatchIsReportedOncePerInterval() {
    state.onStarted(a1, View.create(a1, 2, a1, a2));
    byte[] odd = new Announcement(N2, AnnouncedStatus.ALIVE, topology.fingerprint() + 1, 1).encode();
    state.onMessage(a2, odd);
    state.onMessage(a2, new Announcement(N2, AnnouncedStatus.ALIVE, topology.fingerprint() + 1, 2).encode());
    assertEquals(List.of(N2), mismatches);
    time.advance(Duration.ofMinutes(1));
    state.onMessage(a2, new Announcement(N2, AnnouncedStatus.ALIVE, topology.fingerprint() + 1, 3).encode());
    assertEquals(List.of(N2, N2), mismatches);
    assertEquals(MemberState.ALIVE, stateOf(N2), "a mismatching peer still counts in the view");
  }

  @Test
  void selfFollowsAnnounceBeforeAndAfterStart() {
    state.setSelfStatus(AnnouncedStatus.STANDBY);
    state.onSelfStatusChanged();
    assertEquals(MemberState.STANDBY, stateOf(N1));
    assertTrue(sent.isEmpty(), "nothing is sent before we are connected");
    state.onStarted(a1, View.create(a1, 1, a1));
    assertEquals(AnnouncedStatus.STANDBY, sent.get(0).status());
  }
}

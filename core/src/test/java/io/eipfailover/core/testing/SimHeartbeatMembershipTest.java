package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimHeartbeatMembershipTest {
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private final ClusterTopology topology = Topologies.ring(3);
  private final VirtualTime time = new VirtualTime();
  private final SimNetwork net = new SimNetwork(new Random(3));
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final NodeId n3 = Topologies.node(3);
  private final VirtualScheduler[] lanes = {time.scheduler("n1"), time.scheduler("n2"), time.scheduler("n3")};
  private final SimHeartbeatMembership[] m = new SimHeartbeatMembership[3];
  private final List<MembershipView> views1 = new ArrayList<>();

  SimHeartbeatMembershipTest() {
    for (int i = 0; i < 3; i++) {
      m[i] = new SimHeartbeatMembership(Topologies.node(i + 1), topology, net, lanes[i], INTERVAL, 5);
    }
    m[0].addListener(views1::add, lanes[0]);
  }

  private void startAll() {
    for (SimHeartbeatMembership x : m) {
      x.start();
    }
  }

  @Test
  void neverHeardIsDeadThenPeersBecomeAlive() {
    assertEquals(MemberState.DEAD, m[0].view().stateOf(n2));
    startAll();
    time.advance(Duration.ofMillis(50));
    assertEquals(MemberState.ALIVE, m[0].view().stateOf(n2));
    assertEquals(MemberState.ALIVE, m[0].view().stateOf(n3));
    assertTrue(m[0].view().peer(n2).lastHeard().isPresent());
  }

  @Test
  void silentPeerIsSuspectedThenDeclaredDeadWithinTheBound() {
    startAll();
    time.advance(Duration.ofSeconds(1));
    lanes[1].kill();
    net.unbind(n2.value());
    long killedAt = time.nanos();
    time.advance(Duration.ofMillis(700));
    assertEquals(MemberState.SUSPECT, m[0].view().stateOf(n2));
    time.advance(Duration.ofMillis(700));
    MembershipView v = m[0].view();
    assertEquals(MemberState.DEAD, v.stateOf(n2));
    assertTrue(v.peer(n2).suspectedAt().isPresent());
    assertTrue(v.peer(n2).since() - killedAt <= m[0].deadAfter().plus(INTERVAL).toNanos());
    assertEquals(MemberState.ALIVE, v.stateOf(n3));
  }

  @Test
  void ordinaryLossAndJitterDoNotFlapTheView() {
    net.setDefaults(new LinkSettings(Duration.ofMillis(1), Duration.ofMillis(40), 0.1, 0.05, 0.05));
    startAll();
    time.advance(Duration.ofSeconds(1));
    views1.clear();
    time.advance(Duration.ofSeconds(60));
    assertEquals(List.of(), views1.stream().filter(v -> v.stateOf(n2) == MemberState.DEAD).toList());
  }

  @Test
  void statusTravelsAndRestartedPeerIsRecognised() {
    startAll();
    m[1].announce(AnnouncedStatus.STANDBY);
    time.advance(Duration.ofMillis(10));
    assertEquals(MemberState.STANDBY, m[0].view().stateOf(n2));
    assertEquals(MemberState.STANDBY, m[1].view().stateOf(n2));
    lanes[2].kill();
    m[2].close();
    time.advance(Duration.ofSeconds(3));
    assertEquals(MemberState.DEAD, m[0].view().stateOf(n3));
    VirtualScheduler again = time.scheduler("n3-2");
    new SimHeartbeatMembership(n3, topology, net, again, INTERVAL, 5).start();
    time.advance(Duration.ofMillis(10));
    assertEquals(MemberState.ALIVE, m[0].view().stateOf(n3));
  }

  @Test
  void pausedReceiverDoesNotConvictOnWaking() {
    startAll();
    time.advance(Duration.ofSeconds(1));
    lanes[0].pause();
    time.advance(Duration.ofSeconds(5));
    views1.clear();
    lanes[0].resume();
    time.advance(Duration.ofMillis(450));
    assertEquals(List.of(), views1.stream().filter(v -> v.stateOf(n2) == MemberState.DEAD).toList());
    assertEquals(MemberState.ALIVE, m[0].view().stateOf(n2));
  }

  @Test
  void replayedAndDuplicatedHeartbeatsAreDropped() {
    net.setDefaults(LinkSettings.CLEAN.withDuplicate(1).withReplay(1));
    startAll();
    time.advance(Duration.ofSeconds(2));
    assertTrue(m[0].dropped() > 10, "dropped " + m[0].dropped());
    lanes[1].kill();
    m[1].close();
    time.advance(Duration.ofSeconds(3));
    assertEquals(MemberState.DEAD, m[0].view().stateOf(n2));
  }

  @Test
  void partitionedPeersSeeEachOtherDead() {
    startAll();
    time.advance(Duration.ofSeconds(1));
    net.block(n1.value(), n2.value());
    time.advance(Duration.ofSeconds(3));
    assertEquals(MemberState.DEAD, m[1].view().stateOf(n1));
    assertEquals(MemberState.ALIVE, m[0].view().stateOf(n2));
    net.heal();
    time.advance(Duration.ofMillis(300));
    assertEquals(MemberState.ALIVE, m[1].view().stateOf(n1));
  }

  @Test
  void rejectsBadSettings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SimHeartbeatMembership(n1, topology, net, lanes[0], Duration.ZERO, 5));
    assertEquals("interval must be > 0, was PT0S", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SimHeartbeatMembership(n1, topology, net, lanes[0], INTERVAL, 1));
  }
}

package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipListener;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualMembershipTest {
  private final VirtualTime time = new VirtualTime();
  private final VirtualScheduler lane = time.scheduler("n1");
  private final NodeId n1 = Topologies.node(1);
  private final NodeId n2 = Topologies.node(2);
  private final NodeId n3 = Topologies.node(3);
  private final ManualMembership m = new ManualMembership(n1, List.of(n1, n2, n3), time.ticker());
  private final List<String> seen = new ArrayList<>();

  @Test
  void startsWithSelfAliveAndPeersDead() {
    assertEquals(MemberState.ALIVE, m.view().stateOf(n1));
    assertEquals(MemberState.DEAD, m.view().stateOf(n2));
    m.start();
    assertThrows(IllegalStateException.class, m::start);
  }

  @Test
  void deliversViewsInOrderOnTheListenersExecutor() {
    m.addListener(v -> seen.add("a" + v.epoch()), lane);
    m.addListener(v -> seen.add("b" + v.epoch()), lane);
    m.set(n2, MemberState.ALIVE);
    m.set(n2, MemberState.ALIVE);
    m.set(n3, MemberState.SUSPECT);
    assertEquals(List.of(), seen);
    time.runPending();
    assertEquals(List.of("a1", "b1", "a2", "b2"), seen);
  }

  @Test
  void keepsTimelineTimestampsFromTheTicker() {
    m.set(n2, MemberState.ALIVE);
    time.advance(Duration.ofSeconds(1));
    m.set(n2, MemberState.SUSPECT);
    time.advance(Duration.ofSeconds(1));
    m.set(n2, MemberState.DEAD);
    var p = m.view().peer(n2);
    assertEquals(2_000_000_000L, p.since());
    assertEquals(0L, p.lastHeard().getAsLong());
    assertEquals(1_000_000_000L, p.suspectedAt().getAsLong());
  }

  @Test
  void announceSetsSelfStateAndMergeFlagsTheView() {
    m.addListener(new MembershipListener() {
      @Override
      public void viewChanged(MembershipView view) {
        seen.add(view.stateOf(n1) + (view.merged() ? " merged" : ""));
      }

      @Override
      public void configMismatch(NodeId peer, long ours, long theirs) {
        seen.add("mismatch " + peer);
      }
    }, Runnable::run);
    m.announce(AnnouncedStatus.STANDBY);
    m.merge();
    m.reportConfigMismatch(n3, 1, 2);
    assertEquals(List.of("STANDBY", "STANDBY merged", "mismatch n3"), seen);
    assertEquals(AnnouncedStatus.STANDBY, m.announced());
  }

  @Test
  void setAllChangesSeveralNodesInOneView() {
    m.setAll(Map.of(n2, MemberState.ALIVE, n3, MemberState.UNHEALTHY));
    assertEquals(1, m.view().epoch());
    assertEquals(MemberState.UNHEALTHY, m.view().stateOf(n3));
  }

  @Test
  void listenerExceptionsDoNotStopOtherListeners() {
    m.addListener(v -> {
      throw new IllegalStateException("listener bug");
    }, Runnable::run);
    m.addListener(v -> seen.add("ok"), Runnable::run);
    m.set(n2, MemberState.ALIVE);
    assertEquals(List.of("ok"), seen);
  }

  @Test
  void rejectsUnknownNodes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.set(NodeId.of("zz"), MemberState.ALIVE));
    assertTrue(e.getMessage().contains("'zz'"));
    assertThrows(IllegalArgumentException.class, () -> new ManualMembership(n1, List.of(n2), time.ticker()));
  }
}

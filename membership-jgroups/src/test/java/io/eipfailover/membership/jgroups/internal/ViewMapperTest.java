package io.eipfailover.membership.jgroups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ViewMapperTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final NodeId N3 = NodeId.of("n3");
  private static final NodeId N4 = NodeId.of("n4");
  private static final List<NodeId> NODES = List.of(N1, N2, N3, N4);

  private static MembershipView allDead() {
    Map<NodeId, MemberEntry> m = new TreeMap<>();
    NODES.forEach(n -> m.put(n, MemberEntry.of(n.equals(N1) ? MemberState.ALIVE : MemberState.DEAD, 0)));
    return new MembershipView(0, N1, m);
  }

  private static MembershipView map(MembershipView previous, Map<NodeId, AnnouncedStatus> inView,
      Map<NodeId, Long> suspected, long now, boolean merged) {
    return ViewMapper.map(new ViewMapper.Input(previous.epoch() + 1, N1, AnnouncedStatus.ALIVE, NODES, inView, suspected,
        Map.of(), previous, now, merged));
  }

  @Test
  void mapsAnnouncedUnannouncedSuspectedAndAbsentNodes() {
    Map<NodeId, AnnouncedStatus> inView = new HashMap<>();
    inView.put(N2, AnnouncedStatus.STANDBY);
    inView.put(N3, null);
    MembershipView v = map(allDead(), inView, Map.of(), 10, false);
    assertEquals(MemberState.ALIVE, v.stateOf(N1));
    assertEquals(MemberState.STANDBY, v.stateOf(N2));
    assertEquals(MemberState.SUSPECT, v.stateOf(N3), "joined but not announced yet");
    assertEquals(MemberState.DEAD, v.stateOf(N4));
    assertEquals(1, v.epoch());
    assertEquals(10, v.peer(N2).since());
    assertEquals(OptionalLong.empty(), v.peer(N3).suspectedAt(), "not announced is not suspected");
    assertTrue(v.members().values().stream().allMatch(m -> m.hearsSelf() == Hearing.UNKNOWN),
        "JGroups cannot tell who hears whom: " + v);
  }

  @Test
  void suspicionOverridesAnnouncedStatusAndIsKeptOnTheWayToDead() {
    MembershipView alive = map(allDead(), Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), 10, false);
    MembershipView suspect = map(alive, Map.of(N2, AnnouncedStatus.ALIVE), Map.of(N2, 42L), 50, false);
    assertEquals(MemberState.SUSPECT, suspect.stateOf(N2));
    assertEquals(OptionalLong.of(42), suspect.peer(N2).suspectedAt());
    MembershipView dead = map(suspect, Map.of(), Map.of(), 90, false);
    assertEquals(MemberState.DEAD, dead.stateOf(N2));
    assertEquals(90, dead.peer(N2).since());
    assertEquals(OptionalLong.of(42), dead.peer(N2).suspectedAt(), "timeline keeps when it was suspected");
    MembershipView back = map(dead, Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), 200, false);
    assertEquals(OptionalLong.empty(), back.peer(N2).suspectedAt());
  }

  @Test
  void keepsSinceWhileTheStateIsUnchangedAndCarriesLastHeard() {
    MembershipView first = ViewMapper.map(new ViewMapper.Input(1, N1, AnnouncedStatus.ALIVE, NODES,
        Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), Map.of(N2, 7L), allDead(), 10, false));
    MembershipView second = ViewMapper.map(new ViewMapper.Input(2, N1, AnnouncedStatus.ALIVE, NODES,
        Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), Map.of(), first, 99, false));
    assertEquals(10, second.peer(N2).since());
    assertEquals(OptionalLong.of(7), second.peer(N2).lastHeard());
  }

  @Test
  void selfFollowsItsAnnouncedStatusAndTheMergeFlagIsCarried() {
    MembershipView v = ViewMapper.map(new ViewMapper.Input(1, N1, AnnouncedStatus.UNHEALTHY, NODES, Map.of(), Map.of(),
        Map.of(), allDead(), 10, true));
    assertEquals(MemberState.UNHEALTHY, v.stateOf(N1));
    assertTrue(v.merged());
  }

  @Test
  void sameStatesIgnoresTimestampsButNotStatesOrTheMergeFlag() {
    MembershipView a = map(allDead(), Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), 10, false);
    MembershipView sameLater = map(a, Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), 99, false);
    assertTrue(ViewMapper.sameStates(a, sameLater));
    assertFalse(ViewMapper.sameStates(a, map(a, Map.of(N2, AnnouncedStatus.STANDBY), Map.of(), 99, false)));
    assertFalse(ViewMapper.sameStates(a, map(a, Map.of(N2, AnnouncedStatus.ALIVE), Map.of(), 99, true)));
  }
}

package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MembershipViewTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");

  private static MembershipView view() {
    Map<NodeId, MemberEntry> m = new HashMap<>();
    m.put(C, MemberEntry.of(MemberState.SUSPECT, 5));
    m.put(A, MemberEntry.of(MemberState.ALIVE, 1));
    m.put(B, new MemberEntry(MemberState.DEAD, 9, OptionalLong.of(3), OptionalLong.of(5)));
    return new MembershipView(42, A, m);
  }

  @Test
  void answersStatesAndTreatsUnknownNodesAsDead() {
    MembershipView v = view();
    assertEquals(MemberState.SUSPECT, v.stateOf(C));
    assertEquals(MemberState.DEAD, v.stateOf(NodeId.of("zz")));
    assertEquals(MemberEntry.of(MemberState.DEAD, 0), v.peer(NodeId.of("zz")));
    assertEquals(OptionalLong.of(5), v.peer(B).suspectedAt());
    assertEquals(1, v.count(MemberState.ALIVE));
    assertEquals(0, v.count(MemberState.STANDBY));
    assertFalse(v.merged());
  }

  @Test
  void membersAreSortedImmutableAndPrinted() {
    MembershipView v = view();
    assertEquals(List.of(A, B, C), List.copyOf(v.members().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> v.members().put(A, MemberEntry.of(MemberState.DEAD, 0)));
    assertEquals("View{a #42 a=ALIVE b=DEAD c=SUSPECT}", v.toString());
    assertEquals("View{a #42 merged a=ALIVE}", new MembershipView(42, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0)), true).toString());
  }

  @Test
  void anUnauthenticatedPeerIsFlaggedAndPrintedAsSuch() {
    MemberEntry unauthenticated = new MemberEntry(MemberState.SUSPECT, 5, OptionalLong.empty(), OptionalLong.of(5),
        OptionalLong.of(3));
    MembershipView v = new MembershipView(7, A, Map.of(A, MemberEntry.of(MemberState.ALIVE, 0), B, unauthenticated));
    assertTrue(v.peer(B).isUnauthenticated());
    assertEquals(3, v.peer(B).unauthenticatedSince().getAsLong());
    assertFalse(v.peer(A).isUnauthenticated());
    assertFalse(new MemberEntry(MemberState.DEAD, 1, OptionalLong.of(1), OptionalLong.empty()).isUnauthenticated(),
        "the four-argument form is an authenticated entry");
    assertEquals("View{a #7 a=ALIVE b=SUSPECT(unauthenticated)}", v.toString());
  }

  @Test
  void mustContainSelf() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MembershipView(1, A, Map.of(B, MemberEntry.of(MemberState.ALIVE, 0))));
    assertEquals("view of a must contain self, had [b]", e.getMessage());
  }

  @Test
  void reachabilityAndStatusMappingFollowTheEnums() {
    assertTrue(MemberState.ALIVE.isReachable());
    assertTrue(MemberState.STANDBY.isReachable());
    assertTrue(MemberState.UNHEALTHY.isReachable());
    assertFalse(MemberState.SUSPECT.isReachable());
    assertFalse(MemberState.DEAD.isReachable());
    for (AnnouncedStatus s : AnnouncedStatus.values()) {
      assertEquals(s.name(), s.asState().name());
    }
  }
}

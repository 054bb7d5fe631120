package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.core.PeerState;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link ViewDiffs} as tables: which view changes matter to the reconciler. */
class ViewDiffsTest {
  private static final NodeId A = Views.A;
  private static final NodeId B = Views.B;

  private static MembershipView view(NodeState b, long since, Long heard) {
    return Views.pair(b, since, heard);
  }

  @ParameterizedTest(name = "{0} -> {1}: relevant {2}")
  @CsvSource({
      "ALIVE, ALIVE, false", "ALIVE, SUSPECT, false", "SUSPECT, ALIVE, false", "SUSPECT, DEAD, true",
      "ALIVE, DEAD, true", "DEAD, ALIVE, true", "ALIVE, STANDBY, true", "STANDBY, ALIVE, true",
      "UNHEALTHY, STANDBY, true", "DEAD, DEAD, false", "DEAD, SUSPECT, true"})
  void aChangeMattersWhenANodeEntersOrLeavesTheStatesThatHoldEips(NodeState before, NodeState after,
      boolean relevant) {
    assertEquals(relevant, ViewDiffs.placementRelevantChange(view(before, 0, 0L), view(after, 5, 5L)));
  }

  @ParameterizedTest(name = "{0} (heard {1}) -> {2}: rejoined {3}")
  @CsvSource({
      "DEAD, 3, ALIVE, true", "DEAD, 3, STANDBY, true", "DEAD, 3, UNHEALTHY, true", "DEAD, , ALIVE, false",
      "SUSPECT, 3, ALIVE, false", "DEAD, 3, SUSPECT, false", "DEAD, 3, DEAD, false"})
  void aPeerHeardBeforeAndDeclaredDeadRejoinsWhenReachableAgain(NodeState before, Long heard, NodeState after,
      boolean rejoined) {
    assertEquals(rejoined, ViewDiffs.rejoined(A, view(before, 0, heard), view(after, 10, 10L)));
  }

  @Test
  void selfNeverCountsAsRejoining() {
    Map<NodeId, PeerState> before = new TreeMap<>(Map.of(A, new PeerState(NodeState.DEAD, 0, OptionalLong.of(0),
        OptionalLong.empty()), B, PeerState.of(NodeState.ALIVE, 0)));
    Map<NodeId, PeerState> after = new TreeMap<>(Map.of(A, PeerState.of(NodeState.ALIVE, 5), B,
        PeerState.of(NodeState.ALIVE, 0)));
    assertEquals(false, ViewDiffs.rejoined(A, new MembershipView(1, A, before), new MembershipView(2, A, after)));
  }

  @ParameterizedTest(name = "peer since {0}, heard {1}; made after 100: {2}")
  @CsvSource({"101, , true", "100, , false", "50, 101, true", "50, 100, false", "50, , false"})
  void aViewIsMadeAfterAnInstantWhenSomePeerChangedOrWasHeardLater(long since, Long heard, boolean after) {
    assertEquals(after, ViewDiffs.madeAfter(A, view(NodeState.ALIVE, since, heard), 100));
  }

  @Test
  void selfEntriesDoNotMakeAViewFresh() {
    Map<NodeId, PeerState> m = new TreeMap<>(Map.of(A, new PeerState(NodeState.ALIVE, 500, OptionalLong.of(500),
        OptionalLong.empty()), B, PeerState.of(NodeState.DEAD, 0)));
    assertEquals(false, ViewDiffs.madeAfter(A, new MembershipView(1, A, m), 100));
  }

  @Test
  void withSelfSetsTheLocalStatusAndAliveSinceTheLastReturn() {
    MembershipView v = view(NodeState.ALIVE, 0, 0L);
    assertSame(v, ViewDiffs.withSelf(v, NodeState.ALIVE, Long.MIN_VALUE), "nothing to change: the same view");
    assertEquals(NodeState.STANDBY, ViewDiffs.withSelf(v, NodeState.STANDBY, 70).stateOf(A));
    assertEquals(0, ViewDiffs.withSelf(v, NodeState.STANDBY, 70).peer(A).since(), "since moves only when alive");
    assertEquals(70, ViewDiffs.withSelf(v, NodeState.ALIVE, 70).peer(A).since(), "alive again since the return");
    assertEquals(1, ViewDiffs.withSelf(v, NodeState.ALIVE, 70).epoch());
  }
}

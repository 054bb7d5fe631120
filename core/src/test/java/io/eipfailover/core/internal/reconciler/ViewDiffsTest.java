package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ViewDiffs} as tables: which view changes matter to the reconciler. */
class ViewDiffsTest {
  private static final NodeId A = Views.A;
  private static final NodeId B = Views.B;

  private static MembershipView view(MemberState b, long since, Long heard) {
    return Views.pair(b, since, heard);
  }

  @ParameterizedTest(name = "{0} -> {1}: relevant {2}")
  @CsvSource({
      "ALIVE, ALIVE, false", "ALIVE, SUSPECT, false", "SUSPECT, ALIVE, false", "SUSPECT, DEAD, true",
      "ALIVE, DEAD, true", "DEAD, ALIVE, true", "ALIVE, STANDBY, true", "STANDBY, ALIVE, true",
      "UNHEALTHY, STANDBY, true", "DEAD, DEAD, false", "DEAD, SUSPECT, true"})
  void aChangeMattersWhenANodeEntersOrLeavesTheStatesThatHoldEips(MemberState before, MemberState after,
      boolean relevant) {
    assertEquals(relevant, ViewDiffs.placementRelevantChange(view(before, 0, 0L), view(after, 5, 5L)));
  }

  @ParameterizedTest(name = "{0} (heard {1}) -> {2}: rejoined {3}")
  @CsvSource({
      "DEAD, 3, ALIVE, true", "DEAD, 3, STANDBY, true", "DEAD, 3, UNHEALTHY, true", "DEAD, , ALIVE, false",
      "SUSPECT, 3, ALIVE, false", "DEAD, 3, SUSPECT, false", "DEAD, 3, DEAD, false"})
  void aPeerHeardBeforeAndDeclaredDeadRejoinsWhenReachableAgain(MemberState before, Long heard, MemberState after,
      boolean rejoined) {
    assertEquals(rejoined, ViewDiffs.rejoined(A, view(before, 0, heard), view(after, 10, 10L)));
  }

  @Test
  void selfNeverCountsAsRejoining() {
    Map<NodeId, MemberEntry> before = new TreeMap<>(Map.of(A, new MemberEntry(MemberState.DEAD, 0, OptionalLong.of(0),
        OptionalLong.empty()), B, MemberEntry.of(MemberState.ALIVE, 0)));
    Map<NodeId, MemberEntry> after = new TreeMap<>(Map.of(A, MemberEntry.of(MemberState.ALIVE, 5), B,
        MemberEntry.of(MemberState.ALIVE, 0)));
    assertEquals(false, ViewDiffs.rejoined(A, new MembershipView(1, A, before), new MembershipView(2, A, after)));
  }

  @ParameterizedTest(name = "peer since {0}, heard {1}; made after 100: {2}")
  @CsvSource({"101, , true", "100, , false", "50, 101, true", "50, 100, false", "50, , false"})
  void aViewIsMadeAfterAnInstantWhenSomePeerChangedOrWasHeardLater(long since, Long heard, boolean after) {
    assertEquals(after, ViewDiffs.madeAfter(A, view(MemberState.ALIVE, since, heard), 100));
  }

  @Test
  void selfEntriesDoNotMakeAViewFresh() {
    Map<NodeId, MemberEntry> m = new TreeMap<>(Map.of(A, new MemberEntry(MemberState.ALIVE, 500, OptionalLong.of(500),
        OptionalLong.empty()), B, MemberEntry.of(MemberState.DEAD, 0)));
    assertEquals(false, ViewDiffs.madeAfter(A, new MembershipView(1, A, m), 100));
  }

  @Test
  void withSelfSetsTheLocalStatusAndAliveSinceTheLastReturn() {
    MembershipView v = view(MemberState.ALIVE, 0, 0L);
    assertSame(v, ViewDiffs.withSelf(v, MemberState.ALIVE, Long.MIN_VALUE), "nothing to change: the same view");
    assertEquals(MemberState.STANDBY, ViewDiffs.withSelf(v, MemberState.STANDBY, 70).stateOf(A));
    assertEquals(0, ViewDiffs.withSelf(v, MemberState.STANDBY, 70).peer(A).since(), "since moves only when alive");
    assertEquals(70, ViewDiffs.withSelf(v, MemberState.ALIVE, 70).peer(A).since(), "alive again since the return");
    assertEquals(1, ViewDiffs.withSelf(v, MemberState.ALIVE, 70).epoch());
  }
}

package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.event.FailoverEvent;
import io.eipfailover.core.testing.Topologies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PeerChanges} as a table: which peer transitions are reported, and as what. */
class PeerChangesTest {
  private static final NodeId A = Topologies.node(1);
  private static final NodeId B = Topologies.node(2);

  private static MembershipView view(MemberState self, MemberState b) {
    Map<NodeId, MemberEntry> m = new TreeMap<>();
    m.put(A, MemberEntry.of(self, 0));
    m.put(B, MemberEntry.of(b, 0));
    return new MembershipView(1, A, m);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
      "ALIVE, SUSPECT, ViewChanged PeerSuspected", "SUSPECT, DEAD, ViewChanged PeerDead",
      "ALIVE, DEAD, ViewChanged PeerDead", "DEAD, ALIVE, ViewChanged PeerRecovered",
      "DEAD, STANDBY, ViewChanged PeerRecovered", "SUSPECT, ALIVE, ViewChanged PeerRecovered",
      "ALIVE, STANDBY, ViewChanged", "ALIVE, ALIVE, ViewChanged", "DEAD, SUSPECT, ViewChanged PeerSuspected"})
  void peerTransitionsBecomeEvents(MemberState before, MemberState after, String expected) {
    List<FailoverEvent> events = PeerChanges.events(A, Instant.EPOCH, view(MemberState.ALIVE, before),
        view(MemberState.ALIVE, after));
    assertEquals(expected, String.join(" ", events.stream().map(e -> e.getClass().getSimpleName()).toList()));
    events.forEach(e -> assertEquals(A, e.self()));
  }

  @ParameterizedTest(name = "self {0} -> {1}: only the view")
  @CsvSource({"ALIVE, DEAD", "DEAD, ALIVE", "ALIVE, SUSPECT"})
  void thisNodesOwnTransitionsAreNotPeerEvents(MemberState before, MemberState after) {
    assertEquals(1, PeerChanges.events(A, Instant.EPOCH, view(before, MemberState.ALIVE), view(after, MemberState.ALIVE))
        .size());
  }
}

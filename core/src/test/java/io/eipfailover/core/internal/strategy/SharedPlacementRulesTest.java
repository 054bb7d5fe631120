package io.eipfailover.core.internal.strategy;

import static io.eipfailover.core.internal.strategy.Targets.assertAbsent;
import static io.eipfailover.core.internal.strategy.Targets.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.Placement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every built-in strategy shares (see FailoverStrategies), checked on each of them. */
class SharedPlacementRulesTest {
  private static final Duration DELAY = Duration.ofSeconds(10);

  /** Every built-in; the priority lists follow the ring from each EIP's home, over three nodes. */
  static Stream<FailoverStrategy> strategies() {
    List<NodeId> fromA = List.of(NodeId.of("a"), NodeId.of("b"), NodeId.of("c"));
    List<NodeId> fromB = List.of(NodeId.of("b"), NodeId.of("c"), NodeId.of("a"));
    List<NodeId> fromC = List.of(NodeId.of("c"), NodeId.of("a"), NodeId.of("b"));
    Map<String, List<NodeId>> lists = Map.of("eipalloc-1", fromA, "eipalloc-2", fromB, "eipalloc-3", fromC);
    return Stream.of(FailoverStrategies.homeWithFailback(DELAY), FailoverStrategies.sticky(),
        FailoverStrategies.priority(lists, DELAY), FailoverStrategies.balanced(DELAY));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void suspicionDoesNotMoveAnEip(FailoverStrategy strategy) {
    Scenario s = Scenario.of(3, 1, "a", "b", "c").state("a", MemberState.SUSPECT);
    assertAt(strategy.place(s.input()), 1, "a", s.home(1));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void anEipThatStaysKeepsItsPointBeforeAnyOrphanIsAssigned(FailoverStrategy strategy) {
    // Only b is alive. eipalloc-3 (home c) already sits on b's single reserved point and stays;
    // eipalloc-1, although earlier in topology order, finds no point left.
    Scenario s = Scenario.of(3, 1, "a", "b", "c").state("a", MemberState.DEAD).state("c", MemberState.DEAD)
        .atReserved(3, "b", 0);
    Placement p = strategy.place(s.input());
    assertAt(p, 3, "b", s.reserved("b", 0));
    assertAbsent(p, 1);
    assertAt(p, 2, "b", s.home(2));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void whenSlotsRunOutTheRemainingOrphansAreAbsent(FailoverStrategy strategy) {
    Scenario s = Scenario.of(3, 1, "a", "b", "c").state("a", MemberState.DEAD).state("b", MemberState.DEAD);
    Placement p = strategy.place(s.input());
    assertAt(p, 3, "c", s.home(3));
    // c has one reserved point for two orphans: exactly one of them gets it.
    assertEquals(2, p.targets().size(), p.toString());
    Set<Object> points = new HashSet<>();
    p.targets().values().forEach(t -> points.add(t.point()));
    assertEquals(2, points.size(), p.toString());
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void aForeignEipFoundOnAnotherEipsHomePointIsMovedToAReservedPoint(FailoverStrategy strategy) {
    // Someone associated eipalloc-1 with b's primary IP by hand; b's own EIP needs that point.
    Scenario s = Scenario.of(3, 1, "a", "b", "c").state("a", MemberState.DEAD).unassociated(2);
    s.at("eipalloc-1", s.home(2));
    Placement p = strategy.place(s.input());
    assertAt(p, 2, "b", s.home(2));
    assertEquals(NodeId.of("b"), p.targets().get("eipalloc-1").node(), p.toString());
    assertEquals(s.reserved("b", 0), p.targets().get("eipalloc-1").point(), p.toString());
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void anEipAssociatedOutsideTheClusterCountsAsOrphaned(FailoverStrategy strategy) {
    Scenario s = Scenario.of(3, 1, "a", "b", "c");
    s.at("eipalloc-1", io.eipfailover.core.AttachmentPoint.reserved("eni-9999", "192.168.0.9"));
    assertAt(strategy.place(s.input()), 1, "a", s.home(1));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void aReservedPointHoldingAnUnmanagedEipIsNotFree(FailoverStrategy strategy) {
    Scenario s = Scenario.of(3, 2, "a", "b", "c").state("a", MemberState.DEAD).state("c", MemberState.DEAD);
    var r0 = s.reserved("b", 0);
    s.at("eipalloc-99", r0);
    Placement p = strategy.place(s.input());
    for (Placement.Target t : p.targets().values()) {
      assertNotEquals(r0, t.point(), "nothing may be planned onto b's first reserved point: " + p);
    }
    assertEquals(s.reserved("b", 1), p.targets().get("eipalloc-1").point(), p.toString());
  }
}

package io.eipfailover.core.internal.strategy;

import static io.eipfailover.core.internal.strategy.Scenario.n;
import static io.eipfailover.core.internal.strategy.Targets.assertAbsent;
import static io.eipfailover.core.internal.strategy.Targets.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.Placement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityStrategyTest {
  private static final Duration DELAY = Duration.ofSeconds(10);

  private static FailoverStrategy strategy(Object... idAndNodes) {
    Map<String, List<NodeId>> lists = new HashMap<>();
    for (int i = 0; i < idAndNodes.length; i += 2) {
      lists.put((String) idAndNodes[i],
          Arrays.stream(((String) idAndNodes[i + 1]).split(",")).map(NodeId::of).toList());
    }
    return FailoverStrategies.priority(lists, DELAY);
  }

  private final FailoverStrategy abc = strategy("eipalloc-1", "a,b,c", "eipalloc-2", "b,c");

  @Test
  void everyEipIsHomeWhenAllAreAlive() {
    Scenario s = Scenario.of(3, 2, "a", "b");
    Placement p = abc.place(s.input());
    assertAt(p, 1, "a", s.home(1));
    assertAt(p, 2, "b", s.home(2));
  }

  @ParameterizedTest(name = "dead {0} -> eipalloc-1 on {1}")
  @CsvSource({"a, b", "'a,b', c"})
  void anOrphanGoesToTheFirstAliveNodeOfItsList(String dead, String expected) {
    Scenario s = Scenario.of(3, 2, "a", "b");
    for (String d : dead.split(",")) {
      s.state(d, MemberState.DEAD);
    }
    assertAt(abc.place(s.input()), 1, expected, s.reserved(expected, 0));
  }

  @Test
  void aNodeOutsideTheListNeverTakesTheEip() {
    Scenario s = Scenario.of(3, 2, "a", "b").state("b", MemberState.DEAD).state("c", MemberState.DEAD);
    assertAbsent(abc.place(s.input()), 2);
  }

  @ParameterizedTest(name = "b alive for {0}s -> {1}")
  @CsvSource({"5, c", "10, b", "60, b"})
  void aBetterRankedNodePullsOnlyAfterTheDelay(long seconds, String expected) {
    Scenario s = Scenario.of(3, 2, "a", "b").state("a", MemberState.DEAD).atReserved(1, "c", 0)
        .aliveFor("b", Duration.ofSeconds(seconds));
    Placement p = abc.place(s.input());
    assertEquals(expected, p.targets().get("eipalloc-1").node().value(), p.toString());
  }

  @Test
  void theHomePullsItsEipHomeAfterTheDelay() {
    Scenario s = Scenario.of(3, 2, "a", "b").atReserved(1, "c", 0).aliveFor("a", Duration.ofSeconds(30));
    assertAt(abc.place(s.input()), 1, "a", s.home(1));
  }

  @Test
  void aSuspectHolderThatRanksBetterThanTheBestAliveNodeKeepsTheEip() {
    Scenario s = Scenario.of(3, 2, "a", "b").state("a", MemberState.DEAD).atReserved(1, "b", 0)
        .state("b", MemberState.SUSPECT);
    assertAt(abc.place(s.input()), 1, "b", s.reserved("b", 0));
  }

  @Test
  void skipsANodeWithoutAFreeReservedPoint() {
    // b's only reserved point keeps a's second EIP (b is next in its list), so eipalloc-1 goes to c.
    FailoverStrategy s3 = strategy("eipalloc-1", "a,b,c", "eipalloc-2", "a,b", "eipalloc-3", "b,c");
    Scenario s = Scenario.of(3, 1, "a", "a", "b").state("a", MemberState.DEAD).atReserved(2, "b", 0);
    Placement p = s3.place(s.input());
    assertAt(p, 1, "c", s.reserved("c", 0));
    assertAt(p, 2, "b", s.reserved("b", 0));
  }

  @Test
  void namesItselfWithItsListsAndDelay() {
    assertEquals("priority({eipalloc-1=[a, b, c], eipalloc-2=[b, c]}, PT10S)", abc.toString());
  }

  @Test
  void rejectsBadMapsAtOnce() {
    assertMessage(NullPointerException.class, "nodesByAllocationId must not be null",
        () -> FailoverStrategies.priority(null, DELAY));
    assertMessage(IllegalArgumentException.class, "nodesByAllocationId must not be empty, was {}",
        () -> FailoverStrategies.priority(Map.of(), DELAY));
    assertMessage(IllegalArgumentException.class, "nodesByAllocationId[eipalloc-1] must name at least one node, was []",
        () -> FailoverStrategies.priority(Map.of("eipalloc-1", List.of()), DELAY));
    Map<String, List<NodeId>> nullKey = new HashMap<>();
    nullKey.put(null, List.of(n("a")));
    assertMessage(IllegalArgumentException.class, "null allocation id", () -> FailoverStrategies.priority(nullKey, DELAY));
    assertMessage(IllegalArgumentException.class, "nodesByAllocationId[eipalloc-1] must not contain null, was [a, null]",
        () -> FailoverStrategies.priority(Map.of("eipalloc-1", Arrays.asList(n("a"), null)), DELAY));
    assertMessage(IllegalArgumentException.class, "nodesByAllocationId[eipalloc-1] names node 'a' twice, was [a, b, a]",
        () -> FailoverStrategies.priority(Map.of("eipalloc-1", List.of(n("a"), n("b"), n("a"))), DELAY));
    assertMessage(IllegalArgumentException.class, "failbackDelay must be >= 0, was PT-0.001S",
        () -> FailoverStrategies.priority(Map.of("eipalloc-1", List.of(n("a"))), Duration.ofMillis(-1)));
  }

  @Test
  void rejectsListsThatDoNotFitTheTopologyOnFirstUse() {
    Scenario s = Scenario.of(2, 1, "a", "b");
    assertMessage(IllegalArgumentException.class,
        "the priority({eipalloc-1=[a, b]}, PT10S) strategy has no node list for elastic IP eipalloc-2",
        () -> strategy("eipalloc-1", "a,b").place(s.input()));
    assertMessage(IllegalArgumentException.class, "nodesByAllocationId[eipalloc-2] names 'x', which is not a node of [a, b]",
        () -> strategy("eipalloc-1", "a,b", "eipalloc-2", "b,x").place(s.input()));
    assertMessage(IllegalArgumentException.class,
        "nodesByAllocationId[eipalloc-2] must start with the EIP's home node 'b', was [a, b]",
        () -> strategy("eipalloc-1", "a,b", "eipalloc-2", "a,b").place(s.input()));
    assertMessage(IllegalArgumentException.class, "has a list for eipalloc-9, which is not an elastic IP of the topology",
        () -> strategy("eipalloc-1", "a", "eipalloc-2", "b", "eipalloc-9", "a").place(s.input()));
  }

  static <T extends Throwable> void assertMessage(Class<T> type, String expected, org.junit.jupiter.api.function.Executable call) {
    T e = assertThrows(type, call);
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }
}

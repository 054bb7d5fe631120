package io.eipfailover.core.internal.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReservedCapacityTest {
  private static final FailoverStrategy HOME = FailoverStrategies.homeWithFailback(Duration.ofSeconds(10));
  private static final FailoverStrategy BALANCED = FailoverStrategies.balanced(Duration.ofSeconds(10));

  /** Five nodes; a homes 3 EIPs, b 2, c 1, d 1, e none. */
  private static final ClusterTopology FIVE = Scenario.topology(5, 0, "a", "a", "a", "b", "b", "c", "d");

  @ParameterizedTest(name = "node {0}, f={1}: default {2}, balanced {3}")
  @CsvSource({
    "a, 0, 0, 0",
    "a, 1, 2, 1", // others b2 c1 d1 e0: worst 2; balanced ceil(2/4)=1
    "a, 2, 3, 1", // worst 2+1=3; ceil(3/3)=1
    "e, 1, 3, 1", // others a3 b2 c1 d1: worst 3; ceil(3/4)=1
    "e, 2, 5, 2", // worst 5; ceil(5/3)=2
    "e, 3, 6, 3", // worst 6; ceil(6/2)=3
    "e, 4, 7, 7", // worst 7; one survivor takes all
  })
  void reservedIpsNeededIsTheWorstCaseOrItsShareOverSurvivors(String node, int f, int home, int balanced) {
    assertEquals(home, HOME.reservedIpsNeeded(FIVE, NodeId.of(node), f));
    assertEquals(balanced, BALANCED.reservedIpsNeeded(FIVE, NodeId.of(node), f));
  }

  @Test
  void balancedRejectsAnImpossibleFailureCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BALANCED.reservedIpsNeeded(FIVE, NodeId.of("a"), 5));
    assertEquals("toleratedFailures must be between 0 and 4 for 5 nodes, was 5", e.getMessage());
  }

  @Test
  void requireReservedCapacityNamesTheShortNodeTheStrategyAndTheCount() {
    ClusterTopology pair = Scenario.topology(2, 0, "a", "b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pair.requireReservedCapacity(HOME, 1));
    assertEquals("node 'a' has 0 reserved private IP(s) but the homeWithFailback(PT10S) strategy needs 1 to"
        + " survive 1 node failure(s); add reserved IPs to a", e.getMessage());
  }

  @Test
  void requireReservedCapacityAcceptsEnoughAndRejectsABadFailureCount() {
    Scenario.topology(2, 1, "a", "b").requireReservedCapacity(HOME, 1);
    Scenario.topology(2, 0, "a", "b").requireReservedCapacity(HOME, 0);
    // balanced over 5 nodes needs fewer reserved IPs than the worst-case default.
    Scenario.topology(5, 1, "a", "b", "c", "d", "e").requireReservedCapacity(BALANCED, 2);
    IllegalArgumentException home = assertThrows(IllegalArgumentException.class,
        () -> Scenario.topology(5, 1, "a", "b", "c", "d", "e").requireReservedCapacity(HOME, 2));
    assertEquals("node 'a' has 1 reserved private IP(s) but the homeWithFailback(PT10S) strategy needs 2 to"
        + " survive 2 node failure(s); add reserved IPs to a", home.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scenario.topology(2, 1, "a", "b").requireReservedCapacity(HOME, 2));
    assertEquals("toleratedFailures must be between 0 and 1 for 2 nodes, was 2", e.getMessage());
  }
}

package io.eipfailover.core.internal.strategy;

import static io.eipfailover.core.internal.strategy.Targets.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.Placement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancedStrategyTest {
  private final FailoverStrategy strategy = FailoverStrategies.balanced(Duration.ofSeconds(10));

  private static String[] homes(String node, int count) {
    String[] h = new String[count];
    java.util.Arrays.fill(h, node);
    return h;
  }

  @Test
  void spreadsADeadNodesEipsOverSeveralSurvivorsByRendezvousRank() {
    Scenario s = Scenario.of(5, 12, homes("a", 12)).state("a", MemberState.DEAD);
    Placement p = strategy.place(s.input());
    Set<NodeId> takers = new HashSet<>();
    List<NodeId> survivors = List.of(NodeId.of("b"), NodeId.of("c"), NodeId.of("d"), NodeId.of("e"));
    for (ElasticIp eip : s.topology.elasticIps()) {
      Placement.Target t = p.targetOf(eip).orElseThrow();
      assertEquals(Rendezvous.rank(eip.allocationId(), survivors).get(0), t.node(), "plenty of room: first choice");
      takers.add(t.node());
    }
    assertTrue(takers.size() >= 3, "12 EIPs should spread over at least 3 of 4 survivors, took " + takers);
  }

  @Test
  void spillsToTheNextRankedSurvivorWhenTheFavouriteIsFull() {
    // 4 orphans, 4 survivors with one reserved point each: every survivor takes exactly one.
    Scenario s = Scenario.of(5, 1, homes("a", 4)).state("a", MemberState.DEAD);
    Placement p = strategy.place(s.input());
    assertEquals(4, p.targets().size(), p.toString());
    Set<NodeId> takers = new HashSet<>();
    p.targets().values().forEach(t -> takers.add(t.node()));
    assertEquals(4, takers.size(), p.toString());
  }

  @Test
  void aReturningNodeMovesOnlyItsOwnEips() {
    Scenario before = Scenario.of(4, 4, "a", "a", "a", "b", "b", "b", "c", "d")
        .state("a", MemberState.DEAD).state("b", MemberState.DEAD);
    Placement failed = strategy.place(before.input());
    assertEquals(8, failed.targets().size(), failed.toString());

    Scenario after = Scenario.of(4, 4, "a", "a", "a", "b", "b", "b", "c", "d")
        .state("b", MemberState.DEAD).aliveFor("a", Duration.ofMinutes(1));
    failed.targets().forEach((id, t) -> after.at(id, t.point()));
    Placement back = strategy.place(after.input());
    for (ElasticIp eip : after.topology.elasticIps()) {
      Placement.Target was = failed.targetOf(eip).orElseThrow();
      Placement.Target now = back.targetOf(eip).orElseThrow();
      if (eip.home().value().equals("a")) {
        assertEquals(after.topology.homePoint(eip), now.point(), eip + " goes home");
        assertNotEquals(was, now, eip + " moved home");
      } else {
        assertEquals(was, now, eip + " must not move when a returns");
      }
    }
  }

  @Test
  void failsBackAfterTheDelayLikeHomeWithFailback() {
    Scenario early = Scenario.of(3, 1, "a").atReserved(1, "b", 0).aliveFor("a", Duration.ofSeconds(9));
    assertAt(strategy.place(early.input()), 1, "b", early.reserved("b", 0));
    Scenario late = Scenario.of(3, 1, "a").atReserved(1, "b", 0).aliveFor("a", Duration.ofSeconds(10));
    assertAt(strategy.place(late.input()), 1, "a", late.home(1));
  }

  @Test
  void theRendezvousWeightIsAFixedFunctionOfBothIds() {
    // Pinned: a different value here means nodes of different releases would disagree.
    assertEquals(Rendezvous.weight("eipalloc-1", NodeId.of("a")), Rendezvous.weight("eipalloc-1", NodeId.of("a")));
    assertEquals(GOLDEN_WEIGHT, Rendezvous.weight("eipalloc-0123abcd", NodeId.of("lb-1")));
    Map<Long, String> seen = new HashMap<>();
    for (String id : List.of("eipalloc-1", "eipalloc-2")) {
      for (String node : List.of("a", "b", "c")) {
        String previous = seen.put(Rendezvous.weight(id, NodeId.of(node)), id + "/" + node);
        assertEquals(null, previous, "weights should differ for different pairs");
      }
    }
  }

  /**
   * MurmurHash3 x64-128 (seed 0x45495046) of "eipalloc-0123abcd\0lb-1", first 64 bits little-endian,
   * as computed by an independent Python implementation of the published algorithm.
   */
  private static final long GOLDEN_WEIGHT = -3380579306650511339L;

  @Test
  void namesItselfWithItsDelay() {
    assertEquals("balanced(PT10S)", strategy.toString());
  }
}

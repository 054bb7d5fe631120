package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.testing.Topologies;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link IntentPlanner} as a table: for an EIP the plan puts on n1's reserved (or home) point, where
 * it is now and what n2 is in the view decide the kind of move and whether the guard is asked.
 */
class IntentPlannerTest {
  private static final NodeId A = Topologies.node(1);
  private static final NodeId B = Topologies.node(2);
  private static final NodeId C = Topologies.node(3);
  private final ClusterTopology topology = Topologies.ring(3);

  private PlacementInput input(MemberState b, Map<ElasticIp, AttachmentPoint> where) {
    Map<NodeId, MemberEntry> m = new TreeMap<>();
    m.put(A, MemberEntry.of(MemberState.ALIVE, 0));
    m.put(B, MemberEntry.of(b, 0));
    m.put(C, MemberEntry.of(MemberState.ALIVE, 0));
    Map<String, ObservedAssociation> observed = new TreeMap<>();
    for (ElasticIp e : topology.elasticIps()) {
      AttachmentPoint p = where.containsKey(e) ? where.get(e) : topology.homePoint(e);
      observed.put(e.allocationId(), p == null ? ObservedAssociation.unassociated(e.allocationId())
          : ObservedAssociation.associated(e.allocationId(), null, p.networkInterfaceId(), p.privateIp()));
    }
    return new PlacementInput(topology, new MembershipView(1, A, m), observed, 0);
  }

  private ElasticIp eip(String home) {
    return topology.homedOn(NodeId.of(home)).get(0);
  }

  private AttachmentPoint point(String where) {
    return switch (where) {
      case "none" -> null;
      case "outside" -> AttachmentPoint.reserved("eni-99", "10.9.9.9");
      case "n1-home" -> topology.homePoint(eip("n1"));
      case "n1-spare" -> topology.node(A).reservedPoints().get(0);
      case "n2-spare" -> topology.node(B).reservedPoints().get(0);
      default -> topology.homePoint(eip(where));
    };
  }

  @ParameterizedTest(name = "{0}''s EIP at {1}, n2 {2}, to {3}: {4}, guard {5}")
  @CsvSource({
      "n2, n2, DEAD, n1-spare, FAILOVER, true",
      "n2, n2, SUSPECT, n1-spare, FAILOVER, true",
      "n2, n2, STANDBY, n1-spare, HANDOFF, false",
      "n2, n2, UNHEALTHY, n1-spare, HANDOFF, false",
      "n1, n2-spare, ALIVE, n1-home, FAILBACK, false",
      "n3, n2-spare, ALIVE, n1-spare, REBALANCE, false",
      "n1, none, ALIVE, n1-home, UNASSOCIATED, false",
      "n2, none, DEAD, n1-spare, UNASSOCIATED, true",
      "n1, outside, ALIVE, n1-home, DRIFT, false",
      "n3, outside, ALIVE, n1-spare, DRIFT, true",
      "n1, n1-spare, ALIVE, n1-home, DRIFT, false"})
  void theHolderAndItsStateDecideKindAndGuard(String home, String at, MemberState b, String to, Intent.Kind kind,
      boolean guard) {
    ElasticIp e = eip(home);
    Placement plan = new Placement(Map.of(e.allocationId(), new Placement.Target(A, point(to))));
    Map<ElasticIp, AttachmentPoint> where = new HashMap<>();
    where.put(e, point(at));
    IntentPlanner.Planned planned = IntentPlanner.intents(A, input(b, where), plan);
    assertEquals(1, planned.intents().size(), planned.toString());
    Intent i = planned.intents().get(0);
    assertEquals(kind, i.kind());
    assertEquals(guard, i.needsGuard());
    assertEquals(point(to), i.target().point());
    assertTrue(planned.refused().isEmpty());
  }

  @Test
  void noIntentWhereTheEipAlreadyIsOrWhereThePlanPutsItElsewhere() {
    Placement plan = new Placement(Map.of(
        eip("n1").allocationId(), new Placement.Target(A, topology.homePoint(eip("n1"))),
        eip("n2").allocationId(), new Placement.Target(B, topology.homePoint(eip("n2")))));
    assertEquals(List.of(), IntentPlanner.intents(A, input(MemberState.ALIVE, Map.of()), plan).intents());
  }

  @Test
  void aTargetOnAnotherNodesPointIsRefused() {
    Placement plan = new Placement(Map.of(eip("n2").allocationId(), new Placement.Target(A, point("n2-spare"))));
    IntentPlanner.Planned planned = IntentPlanner.intents(A, input(MemberState.DEAD, Map.of()), plan);
    assertEquals(List.of(), planned.intents());
    assertEquals(1, planned.refused().size());
    assertTrue(planned.refused().get(0).contains("eipalloc-0200") && planned.refused().get(0).contains("pull-only"),
        planned.refused().toString());
  }

  @Test
  void reasonsNameTheHolder() {
    ElasticIp e = eip("n2");
    Placement.Target t = new Placement.Target(A, point("n1-spare"));
    assertEquals("failover from n2", new Intent(e, t, Optional.of(B), true, Intent.Kind.FAILOVER).reason());
    assertEquals("hand-off from n2", new Intent(e, t, Optional.of(B), false, Intent.Kind.HANDOFF).reason());
    assertEquals("fail-back from n2", new Intent(e, t, Optional.of(B), false, Intent.Kind.FAILBACK).reason());
    assertEquals("rebalance from n2", new Intent(e, t, Optional.of(B), false, Intent.Kind.REBALANCE).reason());
    assertEquals("unassociated", new Intent(e, t, Optional.empty(), true, Intent.Kind.UNASSOCIATED).reason());
    assertEquals("drift repair", new Intent(e, t, Optional.empty(), false, Intent.Kind.DRIFT).reason());
  }
}

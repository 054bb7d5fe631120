package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How guard verdicts and placements read in logs and events, and how a placement is looked up. */
class VerdictAndPlacementTest {
  @Test
  void verdictsReadAsAllowOrDenyWithTheirReason() {
    assertEquals("ALLOW: quorum 2 of 3 reachable", GuardVerdict.allow("quorum 2 of 3 reachable").toString());
    assertEquals("DENY: gateway unreachable", GuardVerdict.deny("gateway unreachable").toString());
  }

  @Test
  void aPlacementKeepsItsOrderAndAnswersPerEip() {
    ElasticIp placed = ElasticIp.of("eipalloc-0a", "198.51.100.1", "a");
    ElasticIp absent = ElasticIp.of("eipalloc-0b", "198.51.100.2", "b");
    Placement.Target target = new Placement.Target(NodeId.of("a"), AttachmentPoint.primary("eni-0a", "10.0.1.10"));
    Map<String, Placement.Target> targets = new LinkedHashMap<>();
    targets.put("eipalloc-0a", target);
    Placement p = new Placement(targets);
    targets.clear();
    assertEquals(Optional.of(target), p.targetOf(placed), "a copy: later changes to the map do not leak in");
    assertEquals(Optional.empty(), p.targetOf(absent));
    assertEquals("a:" + target.point(), target.toString());
  }
}

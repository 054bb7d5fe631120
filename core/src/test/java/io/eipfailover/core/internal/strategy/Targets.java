package io.eipfailover.core.internal.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.Placement;

/** Assertions on placements, with messages that show the whole placement on failure. */
final class Targets {
  private Targets() {}

  static void assertAt(Placement placement, int k, String node, AttachmentPoint point) {
    Placement.Target t = placement.targets().get(Scenario.eip(k));
    assertNotNull(t, "eipalloc-" + k + " should be placed, placement was " + placement);
    assertEquals(node, t.node().value(), "node of eipalloc-" + k + " in " + placement);
    assertEquals(point, t.point(), "point of eipalloc-" + k + " in " + placement);
  }

  static void assertAbsent(Placement placement, int k) {
    assertFalse(placement.targets().containsKey(Scenario.eip(k)),
        "eipalloc-" + k + " should be absent, placement was " + placement);
  }
}

package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSpecTest {
  private static final AttachmentPoint HOME = AttachmentPoint.primary("eni-1", "10.0.1.10");
  private static final AttachmentPoint SPARE = AttachmentPoint.reserved("eni-1", "10.0.1.20");

  @Test
  void ownsItsPointsOfEitherRoleOnlyWithTheMatchingEni() {
    NodeSpec n = new NodeSpec(NodeId.of("a"), List.of(HOME), List.of(SPARE));
    assertTrue(n.owns("eni-1", "10.0.1.10"));
    assertTrue(n.owns("eni-1", "10.0.1.20"));
    assertFalse(n.owns("eni-2", "10.0.1.10"), "same IP on another ENI is not ours");
    assertFalse(n.owns("eni-1", "10.0.1.30"));
  }

  @Test
  void copiesItsLists() {
    List<AttachmentPoint> reserved = new ArrayList<>(List.of(SPARE));
    NodeSpec n = new NodeSpec(NodeId.of("a"), List.of(HOME), reserved);
    reserved.clear();
    assertEquals(List.of(SPARE), n.reservedPoints());
    assertThrows(UnsupportedOperationException.class, () -> n.homePoints().add(SPARE));
  }

  @Test
  void rejectsPointsWithTheWrongRoleNamingNodeAndPoint() {
    IllegalArgumentException home = assertThrows(IllegalArgumentException.class,
        () -> new NodeSpec(NodeId.of("a"), List.of(SPARE), List.of()));
    assertEquals("node a: home point eni-1/10.0.1.20(reserved) must have role PRIMARY, was RESERVED", home.getMessage());
    IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
        () -> new NodeSpec(NodeId.of("a"), List.of(HOME), List.of(HOME)));
    assertEquals("node a: reserved point eni-1/10.0.1.10 must have role RESERVED, was PRIMARY", reserved.getMessage());
    assertEquals("node id must not be null",
        assertThrows(NullPointerException.class, () -> new NodeSpec(null, List.of(HOME), List.of())).getMessage());
  }
}

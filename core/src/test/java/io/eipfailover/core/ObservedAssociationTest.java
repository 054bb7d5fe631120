package io.eipfailover.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservedAssociationTest {

  @Test
  void anAssociatedEipIsAtExactlyItsEniAndIp() {
    ObservedAssociation a = ObservedAssociation.associated("eipalloc-1", "eipassoc-9", "eni-1", "10.0.1.10");
    assertTrue(a.isAssociated());
    assertEquals(Optional.of("eipassoc-9"), a.associationId());
    assertTrue(a.isAt(AttachmentPoint.primary("eni-1", "10.0.1.10")));
    assertTrue(a.isAt(AttachmentPoint.reserved("eni-1", "10.0.1.10")), "the role is ours, EC2 does not know it");
    assertFalse(a.isAt(AttachmentPoint.primary("eni-2", "10.0.1.10")));
    assertFalse(a.isAt(AttachmentPoint.primary("eni-1", "10.0.1.11")));
    assertEquals("eipalloc-1->eni-1/10.0.1.10", a.toString());
  }

  @Test
  void anUnassociatedEipIsNowhere() {
    ObservedAssociation u = ObservedAssociation.unassociated("eipalloc-1");
    assertFalse(u.isAssociated());
    assertFalse(u.isAt(AttachmentPoint.primary("eni-1", "10.0.1.10")));
    assertEquals("eipalloc-1->none", u.toString());
  }

  @Test
  void rejectsHalfAnAssociation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ObservedAssociation("eipalloc-1", Optional.empty(), Optional.of("eni-1"), Optional.empty()));
    assertEquals("networkInterfaceId and privateIp must both be present or both absent for eipalloc-1", e.getMessage());
  }

  @Test
  void holderOfFindsTheOwningNodeOnlyForPointsOfTheTopology() {
    ClusterTopology t = ClusterTopology.builder().clusterName("x")
        .node(NodeId.of("a"), AttachmentPoint.primary("eni-1", "10.0.1.10"), AttachmentPoint.reserved("eni-1", "10.0.1.20"))
        .node(NodeId.of("b"), AttachmentPoint.primary("eni-2", "10.0.2.10"))
        .elasticIp(ElasticIp.of("eipalloc-1", "52.0.0.1", "b")).build();
    ElasticIp eip = t.elasticIps().get(0);
    MembershipView v = new MembershipView(1, NodeId.of("a"), java.util.Map.of(NodeId.of("a"), MemberEntry.of(MemberState.ALIVE, 0)));
    java.util.function.Function<ObservedAssociation, Optional<NodeId>> holder =
        o -> new PlacementInput(t, v, java.util.Map.of("eipalloc-1", o), 0).holderOf(eip);
    assertEquals(Optional.of(NodeId.of("a")), holder.apply(ObservedAssociation.associated("eipalloc-1", null, "eni-1", "10.0.1.20")));
    assertEquals(Optional.empty(), holder.apply(ObservedAssociation.associated("eipalloc-1", null, "eni-9", "10.0.1.20")),
        "a known IP on an unknown ENI is not ours");
    assertEquals(Optional.empty(), holder.apply(ObservedAssociation.unassociated("eipalloc-1")));
    assertEquals(Optional.empty(), new PlacementInput(t, v, java.util.Map.of(), 0).holderOf(eip));
  }
}

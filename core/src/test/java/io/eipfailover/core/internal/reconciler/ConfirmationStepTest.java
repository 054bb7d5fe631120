package io.eipfailover.core.internal.reconciler;

import static io.eipfailover.core.internal.reconciler.StepDriver.A;
import static io.eipfailover.core.internal.reconciler.StepDriver.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ObservedAssociation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which describe confirms this node's move: one that shows the EIP at the move's point by the
 * association id the associate returned. EC2 makes a new id for every {@code AssociateAddress},
 * even to the point the EIP was on before, so a lagging describe that shows an earlier association
 * at the same point shows the past (the ABA of {@code SimulationFindingsTest}). Node n1 of a pair
 * takes n2's EIP {@code eipalloc-0200} to its reserved point 10.0.1.11.
 */
class ConfirmationStepTest {
  private final StepDriver d = StepDriver.pair();
  private final ElasticIp eipB = d.eip(B);
  private final AttachmentPoint spareA = d.reserved(A);

  private ObservedAssociation at(AttachmentPoint point, String associationId) {
    return ObservedAssociation.associated(eipB.allocationId(), associationId, point.networkInterfaceId(),
        point.privateIp());
  }

  private boolean confirmed() {
    return d.state.eip(eipB).unconfirmed().isEmpty() && d.state.lastTakeover().orElseThrow().confirmed().isPresent();
  }

  @Test
  void aDescribeShowingAnEarlierAssociationAtTheTargetNeitherConfirmsNorLeadsToASecondAssociate() {
    d.takeoverSent();
    assertEquals(List.of("Emit TakeoverCompleted eipalloc-0200"),
        d.associated(eipB, spareA, Optional.of("eipassoc-new")));
    assertEquals(List.of("Describe"), d.idle(3_500));
    assertEquals(List.of(), d.described(eipB, at(spareA, "eipassoc-old")), "the EIP is at the target: nothing to do");
    assertFalse(confirmed(), "an earlier association at the same point is not this move");

    assertEquals(List.of("Describe"), d.idle(4_000), "still unconfirmed: described again after confirmDelay");
    assertEquals(List.of(), d.described(eipB, ObservedAssociation.unassociated(eipB.allocationId())),
        "the lagging describe shows the moment before the move: the move is awaited, not sent again");
    assertFalse(confirmed());

    assertEquals(List.of("Describe"), d.idle(4_500));
    assertEquals(List.of(), d.described(eipB, at(spareA, "eipassoc-new")));
    assertTrue(confirmed(), "the describe showing the returned association id confirms");
    assertEquals(d.nanos(), d.state.lastTakeover().orElseThrow().confirmed().getAsLong());
  }

  @ParameterizedTest(name = "associate returned {0}, describe shows {2} at {1}: confirmed {3}")
  @CsvSource(nullValues = "none", value = {
      "eipassoc-new, target, eipassoc-new, true",
      "eipassoc-new, target, eipassoc-old, false",
      "eipassoc-new, other,  eipassoc-new, false",
      "eipassoc-new, target, none,         true", // a describe without ids: the point decides
      "none,         target, eipassoc-old, true", // an EIP manager without ids: the point decides
      "none,         other,  eipassoc-old, false"})
  void aMoveIsConfirmedByItsOwnAssociation(String returned, String where, String shown, boolean confirms) {
    d.takeoverSent();
    d.associated(eipB, spareA, Optional.ofNullable(returned));
    assertEquals(List.of("Describe"), d.idle(3_500));
    AttachmentPoint point = where.equals("target") ? spareA : d.topology.homePoint(eipB);
    d.described(eipB, at(point, shown));
    assertEquals(confirms, confirmed());
  }
}

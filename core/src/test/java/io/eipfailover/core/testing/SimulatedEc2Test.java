package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ObservedAssociation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulatedEc2Test {
  private final ClusterTopology topology = Topologies.ring(3);
  private final VirtualTime time = new VirtualTime();
  private final SimulatedEc2 ec2 = new SimulatedEc2(topology, time.scheduler("ec2"), new Random(1));
  private final FakeElasticIpManager n1 = new FakeElasticIpManager(ec2, Topologies.node(1));
  private final FakeElasticIpManager n2 = new FakeElasticIpManager(ec2, Topologies.node(2));
  private final ElasticIp eip1 = topology.elasticIps().get(0);
  private final ElasticIp eip2 = topology.elasticIps().get(1);
  private final AttachmentPoint n2Reserved = topology.node(Topologies.node(2)).reservedPoints().get(0);

  @Test
  void startsUnassociatedAndAssociateMovesInOneCall() {
    assertFalse(n1.describe(List.of(eip1)).get(eip1.allocationId()).isAssociated());
    ec2.placeAllAtHome();
    assertEquals(Optional.of(Topologies.node(1)), ec2.holder(eip1));
    String id = n2.associate(eip1, n2Reserved);
    assertTrue(id.startsWith("eipassoc-"));
    ObservedAssociation seen = n1.describe(List.of(eip1)).get(eip1.allocationId());
    assertTrue(seen.isAt(n2Reserved));
    assertEquals(Optional.of(id), seen.associationId());
    assertEquals(Optional.of(Topologies.node(2)), ec2.holder(eip1));
    assertEquals(1, ec2.moves().size());
    assertEquals(Optional.of("10.0.1.10"), ec2.moves().get(0).from());
  }

  /**
   * As EC2 does: the reconciler confirms its move by this id, and a lagging describe can show the
   * EIP back at a point by the association it had there before (an ABA).
   */
  @Test
  void everyAssociateMakesANewAssociationIdEvenToTheSamePoint() {
    String first = n2.associate(eip1, n2Reserved);
    ec2.setDescribeLag(Duration.ofSeconds(1));
    n2.associate(eip1, topology.homePoint(eip1));
    String back = n2.associate(eip1, n2Reserved);
    assertFalse(first.equals(back), "a new association, though to the same point: " + first);
    ObservedAssociation lagging = n1.describe(List.of(eip1)).get(eip1.allocationId());
    assertTrue(lagging.isAt(n2Reserved));
    assertEquals(Optional.of(first), lagging.associationId(), "the same point, by the earlier association");
    time.advance(Duration.ofSeconds(1));
    assertEquals(Optional.of(back), n1.describe(List.of(eip1)).get(eip1.allocationId()).associationId());
  }

  @Test
  void associatingToAnOccupiedPointDisplacesTheEipThere() {
    ec2.placeAllAtHome();
    n2.associate(eip1, topology.homePoint(eip2));
    assertTrue(ec2.association(eip2.allocationId()).isEmpty());
    assertTrue(ec2.unassociatedSince(eip2.allocationId()).isPresent());
    assertTrue(ec2.isAt(eip1, topology.homePoint(eip2)));
  }

  @Test
  void associationTakesEffectAfterTheLatency() {
    ec2.placeAllAtHome();
    ec2.setAssociateLatency(Duration.ofMillis(300));
    n2.associate(eip1, n2Reserved);
    assertTrue(ec2.isAt(eip1, topology.homePoint(eip1)));
    time.advance(Duration.ofMillis(300));
    assertTrue(ec2.isAt(eip1, n2Reserved));
    assertEquals(300_000_000L, ec2.moves().get(0).atNanos());
    assertEquals(0L, ec2.moves().get(0).requestedAtNanos());
  }

  @Test
  void describeIsEventuallyConsistent() {
    ec2.placeAllAtHome();
    time.advance(Duration.ofSeconds(1));
    ec2.setDescribeLag(Duration.ofMillis(500));
    n2.associate(eip1, n2Reserved);
    time.advance(Duration.ofMillis(499));
    assertTrue(n1.describe(List.of(eip1)).get(eip1.allocationId()).isAt(topology.homePoint(eip1)));
    time.advance(Duration.ofMillis(1));
    assertTrue(n1.describe(List.of(eip1)).get(eip1.allocationId()).isAt(n2Reserved));
  }

  @Test
  void outagesFailEveryCallWithTheRightKindAndAreLogged() {
    ec2.setOutage(Ec2Call.Outcome.THROTTLED);
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, () -> n1.describe(List.of(eip1)));
    assertEquals(ElasticIpManagerException.Kind.THROTTLED, e.kind());
    assertTrue(e.getMessage().contains("RequestLimitExceeded"));
    ec2.setOutage(Ec2Call.Outcome.AUTH_ERROR);
    e = assertThrows(ElasticIpManagerException.class, () -> n2.associate(eip1, n2Reserved));
    assertEquals(ElasticIpManagerException.Kind.PERMISSION, e.kind());
    assertTrue(e.getMessage().contains("ec2:AssociateAddress"));
    assertTrue(ec2.association(eip1.allocationId()).isEmpty());
    ec2.healFaults();
    n2.associate(eip1, n2Reserved);
    List<Ec2Call> calls = ec2.calls();
    assertEquals(3, calls.size());
    assertEquals(Ec2Call.Outcome.THROTTLED, calls.get(0).outcome());
    assertEquals(Ec2Call.Outcome.AUTH_ERROR, calls.get(1).outcome());
    assertEquals(Ec2Call.Outcome.OK, calls.get(2).outcome());
    assertEquals(Topologies.node(2), calls.get(2).caller());
    assertEquals(Optional.of(n2Reserved), calls.get(2).target());
  }

  @Test
  void lostResponsesTakeEffectButThrowRetryable() {
    ec2.setFaults(new Ec2Faults(0, 0, 0, 1));
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, () -> n2.associate(eip1, n2Reserved));
    assertEquals(ElasticIpManagerException.Kind.RETRYABLE, e.kind());
    assertTrue(ec2.isAt(eip1, n2Reserved));
  }

  @Test
  void injectedErrorRatesFollowTheirProbabilities() {
    ec2.setFaults(new Ec2Faults(0.2, 0.1, 0.05, 0));
    int failed = 0;
    for (int i = 0; i < 2000; i++) {
      try {
        n1.describe(List.of(eip1));
      } catch (ElasticIpManagerException e) {
        failed++;
      }
    }
    assertTrue(failed > 600 && failed < 800, "failed " + failed);
  }

  @Test
  void rejectsUnknownTargetsAsConfigurationErrors() {
    AttachmentPoint bogus = AttachmentPoint.reserved("eni-ff", "10.9.9.9");
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, () -> n1.associate(eip1, bogus));
    assertEquals(ElasticIpManagerException.Kind.CONFIGURATION, e.kind());
    AttachmentPoint wrongEni = AttachmentPoint.reserved("eni-ff", n2Reserved.privateIp());
    assertThrows(ElasticIpManagerException.class, () -> n1.associate(eip1, wrongEni));
    ElasticIp unknown = ElasticIp.of("eipalloc-ffff", "192.0.2.1", "n1");
    e = assertThrows(ElasticIpManagerException.class, () -> n1.describe(List.of(unknown)));
    assertEquals(ElasticIpManagerException.Kind.CONFIGURATION, e.kind());
  }

  @Test
  void describeAnswersEveryRequestedEipInOneCall() {
    Map<String, ObservedAssociation> all = n1.describe(topology.elasticIps());
    assertEquals(3, all.size());
    assertEquals(1, ec2.calls().size());
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> ec2.setAssociateLatency(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> ec2.setOutage(Ec2Call.Outcome.OK));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ec2Faults(0, 2, 0, 0));
    assertEquals("serverError must be a probability in [0, 1], was 2.0", e.getMessage());
  }
}

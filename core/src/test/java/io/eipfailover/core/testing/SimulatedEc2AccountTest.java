package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ObservedAssociation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated EC2's account-wide throttling, per-EIP eventual consistency and hand-made changes. */
class SimulatedEc2AccountTest {
  private final ClusterTopology topology = Topologies.of(3, 4, 8);
  private final VirtualTime time = new VirtualTime();
  private final SimulatedEc2 ec2 = new SimulatedEc2(topology, time.scheduler("ec2"), new Random(7));
  private final FakeElasticIpManager n1 = new FakeElasticIpManager(ec2, Topologies.node(1));
  private final FakeElasticIpManager n2 = new FakeElasticIpManager(ec2, Topologies.node(2));
  private final ElasticIp eip = topology.elasticIps().get(0);

  private AttachmentPoint spare(int node, int i) {
    return topology.node(Topologies.node(node)).reservedPoints().get(i);
  }

  @Test
  void theAccountsAssociateBucketIsSharedByEveryNodeAndRefillsAtItsRate() {
    ec2.setAccountThrottling(AccountThrottling.documented().withAssociate(new AccountThrottling.Bucket(4, 2)));
    n1.associate(eip, spare(1, 0));
    n2.associate(eip, spare(2, 0));
    n1.associate(eip, spare(1, 1));
    n2.associate(eip, spare(2, 1));
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, () -> n1.associate(eip, spare(1, 2)));
    assertEquals(ElasticIpManagerException.Kind.THROTTLED, e.kind());
    assertTrue(e.getMessage().startsWith("RequestLimitExceeded"), e.getMessage());
    assertTrue(ec2.isAt(eip, spare(2, 1)), "a refused call changes nothing");
    n1.describe(List.of(eip)); // the describe bucket is another one
    time.advance(Duration.ofMillis(499));
    assertThrows(ElasticIpManagerException.class, () -> n2.associate(eip, spare(2, 2)), "refused calls take no token");
    time.advance(Duration.ofMillis(1));
    n2.associate(eip, spare(2, 2));
    assertEquals(List.of(Ec2Call.Outcome.OK, Ec2Call.Outcome.OK, Ec2Call.Outcome.OK, Ec2Call.Outcome.OK,
        Ec2Call.Outcome.THROTTLED, Ec2Call.Outcome.OK, Ec2Call.Outcome.THROTTLED, Ec2Call.Outcome.OK),
        ec2.calls().stream().map(Ec2Call::outcome).toList());
  }

  @Test
  void theDocumentedBucketsAre50At5And100At20() {
    ec2.setAccountThrottling(AccountThrottling.documented());
    int associates = 0;
    int describes = 0;
    for (int i = 0; i < 120; i++) {
      try {
        n1.associate(eip, spare(1, i % 2));
        associates++;
      } catch (ElasticIpManagerException refused) {
        // counted below
      }
      try {
        n2.describe(topology.elasticIps());
        describes++;
      } catch (ElasticIpManagerException refused) {
        // counted below
      }
    }
    assertEquals(50, associates);
    assertEquals(100, describes);
    time.advance(Duration.ofSeconds(2));
    assertEquals(10.0, ec2.accountTokens(Ec2Call.Op.ASSOCIATE), 1e-9);
    assertEquals(40.0, ec2.accountTokens(Ec2Call.Op.DESCRIBE), 1e-9);
    ec2.healFaults();
    assertEquals(AccountThrottling.documented(), ec2.accountThrottling(), "throttling is no fault: healing keeps it");
  }

  @Test
  void eachChangeReachesDescribesAfterItsOwnWindowAndNeverBeforeAnEarlierOne() {
    ec2.placeAllAtHome();
    ec2.setDescribeLag(Duration.ZERO, Duration.ofSeconds(2));
    List<Long> shownAfter = new ArrayList<>();
    for (ElasticIp e : topology.homedOn(Topologies.node(1))) {
      n2.associate(e, spare(2, shownAfter.size()));
      shownAfter.add(firstShown(e, spare(2, shownAfter.size())));
      time.advance(Duration.ofMillis(1));
    }
    assertTrue(shownAfter.stream().allMatch(t -> t <= 2_000), "within the window: " + shownAfter);
    assertTrue(shownAfter.stream().distinct().count() > 1, "drawn per change: " + shownAfter);
    ec2.setDescribeLag(Duration.ofSeconds(1), Duration.ofSeconds(1));
    n1.associate(eip, spare(1, 0));
    ec2.setDescribeLag(Duration.ZERO);
    n2.associate(eip, spare(2, 7));
    time.advance(Duration.ofMillis(999));
    assertTrue(seen(eip).isAt(spare(2, 0)), "the later change waits for the earlier one: " + seen(eip));
    time.advance(Duration.ofMillis(1));
    assertTrue(seen(eip).isAt(spare(2, 7)));
  }

  /** Advances until a describe shows {@code e} at {@code p}; returns the milliseconds that took. */
  private long firstShown(ElasticIp e, AttachmentPoint p) {
    long start = time.nanos();
    while (!seen(e).isAt(p)) {
      time.advance(Duration.ofMillis(10));
    }
    long took = (time.nanos() - start) / 1_000_000;
    time.advance(Duration.ofSeconds(2));
    return took;
  }

  private ObservedAssociation seen(ElasticIp e) {
    return n1.describe(List.of(e)).get(e.allocationId());
  }

  @Test
  void anOperatorMayMoveAnEipOutsideTheClusterOrDisassociateIt() {
    ec2.placeAllAtHome();
    AttachmentPoint outside = AttachmentPoint.reserved("eni-0ff", "10.0.250.5");
    ec2.operatorAssociate(eip, outside);
    assertEquals(Optional.empty(), ec2.holder(eip));
    assertTrue(ec2.isAt(eip, outside));
    ec2.operatorDisassociate(eip);
    assertTrue(ec2.unassociatedSince(eip.allocationId()).isPresent());
    assertEquals(Optional.empty(), ec2.moves().get(1).to());
    assertEquals(Ec2Call.Op.DISASSOCIATE, ec2.calls().get(1).op());
    ec2.operatorDisassociate(eip);
    assertEquals(2, ec2.moves().size(), "disassociating an unassociated EIP moves nothing");
  }

  @Test
  void rejectsBadLagsAndBuckets() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ec2.setDescribeLag(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertEquals("describeLag min must be <= max (PT1S), was PT2S", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AccountThrottling.Bucket(0, 5));
    assertEquals("capacity must be >= 1, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AccountThrottling.Bucket(5, 0));
    assertEquals("refillPerSecond must be > 0 and finite, was 0.0", e.getMessage());
  }
}

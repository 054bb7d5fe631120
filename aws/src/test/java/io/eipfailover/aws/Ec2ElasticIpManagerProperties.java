package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.FakeAssociation;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ObservedAssociation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Any sequence of moves through the real SDK leaves describe equal to the fake's truth, the last
 * associate where it said, and at most one EIP on each private IP.
 */
class Ec2ElasticIpManagerProperties {
  private static final List<ElasticIp> EIPS = List.of(ElasticIp.of("eipalloc-01", "198.51.100.1", "a"),
      ElasticIp.of("eipalloc-02", "198.51.100.2", "b"), ElasticIp.of("eipalloc-03", "198.51.100.3", "c"));
  private static final List<AttachmentPoint> POINTS = List.of(
      AttachmentPoint.primary("eni-0a", "10.0.1.10"), AttachmentPoint.reserved("eni-0a", "10.0.1.11"),
      AttachmentPoint.primary("eni-0b", "10.0.2.10"), AttachmentPoint.reserved("eni-0b", "10.0.2.11"),
      AttachmentPoint.primary("eni-0c", "10.0.3.10"), AttachmentPoint.reserved("eni-0c", "10.0.3.11"));

  private static Ec2Fake fake;
  private static Ec2Client ec2;
  private static Ec2ElasticIpManager manager;

  @BeforeContainer
  static void start() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("p", "a", "i-0a", "eni-0a", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("p", "b", "i-0b", "eni-0b", "10.0.2.10", "10.0.2.11");
    fake.addTaggedNode("p", "c", "i-0c", "eni-0c", "10.0.3.10", "10.0.3.11");
    EIPS.forEach(e -> fake.addTaggedAddress("p", e.home().value(), e.allocationId(), e.publicIp()));
    ec2 = TestClients.ec2(fake);
    manager = Ec2ElasticIpManager.builder().ec2Client(ec2).build();
  }

  @AfterContainer
  static void stop() {
    ec2.close();
    fake.close();
  }

  @Property(tries = 25)
  void describeAlwaysMatchesTheTruth(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 17) Integer> moves) {
    for (int move : moves) {
      ElasticIp eip = EIPS.get(move % 3);
      AttachmentPoint target = POINTS.get(move / 3);
      String id = manager.associate(eip, target);
      assertEquals(Optional.of(new FakeAssociation(id, target.networkInterfaceId(), target.privateIp())),
          fake.association(eip.allocationId()));
      Map<String, ObservedAssociation> seen = manager.describe(EIPS);
      Set<String> ips = new HashSet<>();
      for (ElasticIp e : EIPS) {
        ObservedAssociation o = seen.get(e.allocationId());
        Optional<FakeAssociation> truth = fake.association(e.allocationId());
        assertEquals(truth.map(FakeAssociation::privateIp), o.privateIp());
        assertEquals(truth.map(FakeAssociation::networkInterfaceId), o.networkInterfaceId());
        o.privateIp().ifPresent(ip -> assertTrue(ips.add(ip), "two EIPs on " + ip));
      }
      assertTrue(seen.get(eip.allocationId()).isAt(target));
    }
  }
}

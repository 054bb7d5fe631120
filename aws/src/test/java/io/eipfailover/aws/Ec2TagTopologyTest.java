package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailoverException;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.NodeId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Tags → topology: mapping, determinism, filtered calls, and errors naming the tag at fault. */
class Ec2TagTopologyTest {
  private static ClusterTopology load(Ec2Fake fake) {
    try (Ec2Client ec2 = TestClients.ec2(fake)) {
      return Ec2TagTopology.builder().ec2Client(ec2).clusterName("prod").build().load();
    }
  }

  private static void seed(Ec2Fake fake, boolean reversed) {
    if (reversed) {
      fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
      fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
      fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.12", "10.0.2.11");
      fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    } else {
      fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
      fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11", "10.0.2.12");
      fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
      fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    }
    fake.addTaggedNode("other", "x", "i-0ccc", "eni-0ccc", "10.0.3.10", "10.0.3.11");
    fake.addTaggedAddress("other", "x", "eipalloc-0c", "198.51.100.3");
  }

  @Test
  void walksEveryPageOfTaggedInterfacesWhenEc2AnswersFiveAtATime() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      for (int i = 1; i <= 12; i++) {
        String n = String.format("n%02d", i);
        fake.addTaggedNode("prod", n, String.format("i-%04x", i), String.format("eni-%04x", i), "10.0." + i + ".10",
            "10.0." + i + ".11");
        fake.addTaggedAddress("prod", n, String.format("eipalloc-%04x", i), "198.51.100." + i);
      }
      fake.addTaggedNode("other", "x", "i-0ccc", "eni-0ccc", "10.0.99.10");
      fake.maxPageSize(5);
      ClusterTopology t = load(fake);
      assertEquals(12, t.nodeIds().size());
      assertEquals(12, t.elasticIps().size());
      List<Ec2Call> pages = fake.calls("DescribeNetworkInterfaces");
      assertEquals(3, pages.size(), "12 tagged interfaces in pages of 5");
      assertEquals(List.of("1000", "1000", "1000"), pages.stream().map(c -> c.param("MaxResults")).toList());
      assertEquals(null, pages.get(0).param("NextToken"));
      assertTrue(pages.get(1).param("NextToken") != null && pages.get(2).param("NextToken") != null);
      assertTrue(pages.stream().allMatch(Ec2Call::succeeded));
    }
  }

  @Test
  void mapsPrimaryIpsToHomesAndSecondariesToReserves() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      seed(fake, false);
      ClusterTopology t = load(fake);
      assertEquals("prod", t.clusterName());
      assertEquals(List.of(NodeId.of("a"), NodeId.of("b")), t.nodeIds());
      assertEquals(List.of(AttachmentPoint.primary("eni-0bbb", "10.0.2.10")), t.node(NodeId.of("b")).homePoints());
      assertEquals(List.of(AttachmentPoint.reserved("eni-0bbb", "10.0.2.11"), AttachmentPoint.reserved("eni-0bbb", "10.0.2.12")),
          t.node(NodeId.of("b")).reservedPoints());
      assertEquals(List.of(ElasticIp.of("eipalloc-0a", "198.51.100.1", "a"), ElasticIp.of("eipalloc-0b", "198.51.100.2", "b")),
          t.elasticIps());
      assertEquals(AttachmentPoint.primary("eni-0aaa", "10.0.1.10"), t.homePoint(t.elasticIps().get(0)));
    }
  }

  @Test
  void reservedPointsAreInNumericAddressOrderNotTextOrder() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.100", "10.0.1.20", "10.0.1.9");
      fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
      assertEquals(List.of(AttachmentPoint.reserved("eni-0aaa", "10.0.1.9"), AttachmentPoint.reserved("eni-0aaa", "10.0.1.20"),
          AttachmentPoint.reserved("eni-0aaa", "10.0.1.100")), load(fake).node(NodeId.of("a")).reservedPoints(),
          "every node derives the same order, and a strategy takes the lowest free point first");
    }
  }

  @Test
  void isDeterministicWhateverOrderEc2AnswersIn() {
    long first;
    try (Ec2Fake fake = Ec2Fake.start()) {
      seed(fake, false);
      first = load(fake).fingerprint();
    }
    try (Ec2Fake fake = Ec2Fake.start()) {
      seed(fake, true);
      assertEquals(first, load(fake).fingerprint());
    }
  }

  @Test
  void usesTwoFilteredDescribeCalls() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      seed(fake, false);
      load(fake);
      List<Ec2Call> calls = fake.calls();
      assertEquals(List.of("DescribeNetworkInterfaces", "DescribeAddresses"), calls.stream().map(Ec2Call::action).toList());
      for (Ec2Call c : calls) {
        assertEquals("tag:eipfailover:cluster", c.param("Filter.1.Name"));
        assertEquals("prod", c.param("Filter.1.Value.1"));
        assertEquals("tag-key", c.param("Filter.2.Name"));
      }
      assertEquals("eipfailover:node", calls.get(0).param("Filter.2.Value.1"));
      assertEquals("eipfailover:home", calls.get(1).param("Filter.2.Value.1"));
    }
  }

  @Test
  void namesTheTagAtFault() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
      fake.addTaggedAddress("prod", "ghost", "eipalloc-0a", "198.51.100.1");
      EipFailoverException e = assertThrows(EipFailoverException.class, () -> load(fake));
      assertTrue(e.getMessage().contains("ghost") && e.getMessage().contains("eipalloc-0a"), e.getMessage());
    }
    try (Ec2Fake fake = Ec2Fake.start()) {
      fake.addInstance("i-0aaa", "us-east-1a");
      fake.addNetworkInterface("eni-0aaa", "i-0aaa", "10.0.1.10", List.of(),
          Map.of("eipfailover:cluster", "prod", "eipfailover:node", "bad name!"));
      EipFailoverException e = assertThrows(EipFailoverException.class, () -> load(fake));
      assertTrue(e.getMessage().contains("eni-0aaa") && e.getMessage().contains("eipfailover:node"), e.getMessage());
    }
    try (Ec2Fake fake = Ec2Fake.start()) {
      EipFailoverException e = assertThrows(EipFailoverException.class, () -> load(fake));
      assertTrue(e.getMessage().contains("no network interface is tagged eipfailover:cluster=prod"), e.getMessage());
    }
  }

  @Test
  void missingDescribePermissionIsReported() {
    try (Ec2Fake fake = Ec2Fake.start()) {
      seed(fake, false);
      fake.faults().deny("DescribeNetworkInterfaces");
      ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, () -> load(fake));
      assertEquals(ElasticIpManagerException.Kind.PERMISSION, e.kind());
      assertTrue(e.getMessage().contains("ec2:DescribeNetworkInterfaces"), e.getMessage());
    }
  }

  @Test
  void builderRejectsBadSettings() {
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> Ec2TagTopology.builder().clusterName("no spaces"));
    assertEquals("clusterName must be 1 to 32 characters of [A-Za-z0-9._-], was 'no spaces'", name.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Ec2TagTopology.builder().build());
    assertEquals("ec2Client must be set", missing.getMessage());
  }
}

package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;

/** Describes filter by every documented filter, page as documented, and show associations as EC2 does. */
class Ec2FakeDescribeTest {
  private final VirtualTime clock = new VirtualTime();
  private Ec2Fake fake;
  private Ec2Client ec2;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.builder().clock(clock.clock()).random(new Random(3)).start();
    for (int i = 1; i <= 12; i++) {
      fake.addTaggedNode(i <= 6 ? "prod" : "staging", "n" + i, String.format("i-%04x", i), String.format("eni-%04x", i),
          "10.0." + i + ".10", "10.0." + i + ".11");
      fake.addTaggedAddress("prod", "n" + i, String.format("eipalloc-%04x", i), "198.51.100." + i);
    }
    ec2 = fake.newClient("AKIDDESC");
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  private String code(Runnable call) {
    return assertThrows(Ec2Exception.class, call::run).awsErrorDetails().errorCode();
  }

  @Test
  void everyDocumentedFilterIsAcceptedAndNarrows() {
    fake.associate("eipalloc-0001", "eni-0001", "10.0.1.10");
    for (String name : ActionSpecs.DESCRIBE_NETWORK_INTERFACES.filters()) {
      String n = name.equals("tag:<key>") ? "tag:eipfailover:node" : name;
      int none = ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name(n).values("no-such-value").build())).networkInterfaces()
          .size();
      assertEquals(0, none, n + " matched a value no ENI has");
      assertTrue(ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name(n).values("*").build())).networkInterfaces().size() <= 12);
    }
    for (String name : ActionSpecs.DESCRIBE_ADDRESSES.filters()) {
      String n = name.equals("tag:<key>") ? "tag:eipfailover:home" : name;
      assertEquals(0, ec2.describeAddresses(r -> r.filters(Filter.builder().name(n).values("no-such-value").build())).addresses().size(), n);
    }
    for (String name : ActionSpecs.DESCRIBE_INSTANCE_STATUS.filters()) {
      assertEquals(0, ec2.describeInstanceStatus(r -> r.filters(Filter.builder().name(name).values("no-such-value").build()))
          .instanceStatuses().size(), name);
    }
  }

  @Test
  void filtersMatchWhatTheResourceShows() {
    fake.associate("eipalloc-0002", "eni-0002", "10.0.2.11");
    assertEquals(List.of("eni-0002"), eniIds(Filter.builder().name("addresses.association.public-ip")
        .values("198.51.100.2").build()));
    assertEquals(List.of(), eniIds(Filter.builder().name("association.public-ip").values("198.51.100.2").build()),
        "the top-level association is the primary IP's");
    assertEquals(List.of("eni-0003"), eniIds(Filter.builder().name("private-ip-address").values("10.0.3.11").build()));
    assertEquals(6, eniIds(Filter.builder().name("tag:eipfailover:cluster").values("staging").build()).size());
    assertEquals(List.of("eni-0001", "eni-000a", "eni-000b", "eni-000c"), eniIds(Filter.builder().name("attachment.instance-id")
        .values("i-000?").build(), Filter.builder().name("tag:eipfailover:node").values("n1*").build()));
    assertEquals(List.of("eipalloc-0002"), ec2.describeAddresses(r -> r.filters(f -> f.name("instance-id")
        .values("i-0002"))).addresses().stream().map(a -> a.allocationId()).toList());
    fake.setInstanceState("i-0004", "stopped");
    assertEquals(List.of("i-0004"), ec2.describeInstanceStatus(r -> r.includeAllInstances(true).filters(
        f -> f.name("instance-state-code").values("80"))).instanceStatuses().stream().map(s -> s.instanceId()).toList());
    fake.setStatusChecks("i-0005", "ok", "impaired");
    assertEquals(List.of("i-0005"), ec2.describeInstanceStatus(r -> r.filters(f -> f.name("instance-status.reachability")
        .values("failed"))).instanceStatuses().stream().map(s -> s.instanceId()).toList());
  }

  private List<String> eniIds(Filter... filters) {
    return ec2.describeNetworkInterfaces(r -> r.filters(filters)).networkInterfaces().stream()
        .map(NetworkInterface::networkInterfaceId).toList();
  }

  @Test
  void pagesWithMaxResultsAndRejectsWhatEc2Rejects() {
    DescribeNetworkInterfacesResponse first = ec2.describeNetworkInterfaces(r -> r.maxResults(5));
    assertEquals(5, first.networkInterfaces().size());
    assertNotNull(first.nextToken());
    List<String> all = new ArrayList<>(first.networkInterfaces().stream().map(NetworkInterface::networkInterfaceId).toList());
    String token = first.nextToken();
    while (token != null) {
      String t = token;
      DescribeNetworkInterfacesResponse page = ec2.describeNetworkInterfaces(r -> r.maxResults(5).nextToken(t));
      page.networkInterfaces().forEach(n -> all.add(n.networkInterfaceId()));
      token = page.nextToken();
    }
    assertEquals(12, all.size());
    assertEquals(12, all.stream().distinct().count());
    assertNull(ec2.describeNetworkInterfaces().nextToken(), "no MaxResults: everything at once");
    assertEquals("InvalidParameterCombination", code(() -> ec2.describeNetworkInterfaces(r -> r.maxResults(5)
        .networkInterfaceIds("eni-0001"))));
    assertEquals("InvalidParameterCombination", code(() -> ec2.describeInstanceStatus(r -> r.maxResults(5)
        .instanceIds("i-0001"))));
    assertEquals("InvalidPaginationToken", code(() -> ec2.describeNetworkInterfaces(r -> r.maxResults(5)
        .nextToken("garbage"))));
    assertEquals("InvalidPaginationToken", code(() -> ec2.describeNetworkInterfaces(r -> r.maxResults(5)
        .nextToken(first.nextToken()).filters(Filter.builder().name("status").values("in-use").build()))), "a token belongs to its query");
    fake.maxPageSize(5);
    fake.clearCalls();
    assertEquals(12, ec2.describeInstanceStatusPaginator(r -> r.includeAllInstances(true)).instanceStatuses().stream()
        .count());
    assertEquals(3, fake.calls("DescribeInstanceStatus").size(), "the page cap holds even without MaxResults");
  }

  @Test
  void theEnisAssociationViewLagsWithDescribeAddresses() {
    fake.associate("eipalloc-0001", "eni-0001", "10.0.1.10");
    NetworkInterface eni = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0001")).networkInterfaces().get(0);
    assertEquals("198.51.100.1", eni.association().publicIp());
    assertEquals(fake.accountId(), eni.association().ipOwnerId());
    assertEquals("eipalloc-0001", eni.association().allocationId());
    assertEquals("ec2-198-51-100-1.compute-1.amazonaws.com", eni.association().publicDnsName());
    assertEquals("198.51.100.1", eni.privateIpAddresses().get(0).association().publicIp());
    assertNull(eni.privateIpAddresses().get(1).association());
    assertEquals("ip-10-0-1-10.ec2.internal", eni.privateDnsName());
    fake.faults().describeLag(Duration.ofSeconds(3));
    ec2.associateAddress(r -> r.allocationId("eipalloc-0001").networkInterfaceId("eni-0002").privateIpAddress("10.0.2.11"));
    assertEquals("eni-0002", fake.association("eipalloc-0001").get().networkInterfaceId());
    assertEquals("198.51.100.1", associationOf("eni-0001", 0), "the old holder still shows it");
    assertNull(associationOf("eni-0002", 1));
    assertEquals("eni-0001", ec2.describeAddresses(r -> r.allocationIds("eipalloc-0001")).addresses().get(0)
        .networkInterfaceId());
    clock.advance(Duration.ofSeconds(3));
    assertNull(associationOf("eni-0001", 0));
    assertEquals("198.51.100.1", associationOf("eni-0002", 1));
  }

  private String associationOf(String eniId, int index) {
    NetworkInterfacePrivateIpAddress ip = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId))
        .networkInterfaces().get(0).privateIpAddresses().get(index);
    return ip.association() == null ? null : ip.association().publicIp();
  }

  @Test
  void describesByPublicIpAndRejectsUnknownOnes() {
    assertEquals("eipalloc-0003", ec2.describeAddresses(r -> r.publicIps("198.51.100.3")).addresses().get(0)
        .allocationId());
    assertEquals("InvalidAddress.NotFound", code(() -> ec2.describeAddresses(r -> r.publicIps("192.0.2.99"))));
    assertEquals(12, ec2.describeAddresses(r -> r.filters(Filter.builder().name("network-border-group").values("us-east-1").build()))
        .addresses().size());
  }
}

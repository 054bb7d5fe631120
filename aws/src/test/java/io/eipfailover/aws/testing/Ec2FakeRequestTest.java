package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Requests are checked as EC2 checks them, and {@code DryRun} answers {@code DryRunOperation} only
 * when the real call would have succeeded.
 */
class Ec2FakeRequestTest {
  private Ec2Fake fake;
  private Ec2Client ec2;
  private RawEc2 raw;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addNetworkInterface("eni-0b2", "i-0bbb", "10.0.3.10", List.of(), Map.of());
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    ec2 = fake.newClient("AKIDREQ");
    raw = new RawEc2(fake.endpoint());
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  private String code(String action, String... params) {
    return raw.signed(RawEc2.params(action, params), "us-east-1", "AKIDRAW", Ec2Fake.TEST_SECRET).code();
  }

  private String sdkCode(Runnable call) {
    return assertThrows(Ec2Exception.class, call::run).awsErrorDetails().errorCode();
  }

  @Test
  void rejectsParametersTheActionDoesNotHave() {
    assertEquals("UnknownParameter", code("DescribeAddresses", "Bogus", "1"));
    assertEquals("UnknownParameter", code("AssociateAddress", "AllocationId.1", "eipalloc-0a"));
    assertEquals("UnknownParameter", code("DescribeNetworkInterfaces", "Filter.1.Values.1", "x"));
    assertEquals("UnknownParameter", code("DescribeAddresses", "MaxResults", "5"));
    assertEquals("UnknownParameter", code("AssignPrivateIpAddresses", "NetworkInterfaceId", "eni-0aaa",
        "SecondaryPrivateIpAddressCount", "1", "DryRun", "true"));
    assertEquals(List.of("10.0.1.10", "10.0.1.11"), fake.privateIps("eni-0aaa"));
  }

  @Test
  void rejectsMissingAndMalformedValues() {
    assertEquals("MissingParameter", code("AssignPrivateIpAddresses", "SecondaryPrivateIpAddressCount", "1"));
    assertEquals("MissingParameter", code("AssociateAddress", "NetworkInterfaceId", "eni-0aaa"));
    assertEquals("MissingParameter", code("DescribeAddresses", "Filter.1.Value.1", "x"));
    assertEquals("InvalidParameterValue", code("DescribeAddresses", "DryRun", "yes"));
    assertEquals("InvalidParameterValue", code("DescribeNetworkInterfaces", "MaxResults", "4"));
    assertEquals("InvalidParameterValue", code("DescribeInstanceStatus", "MaxResults", "1001"));
    assertEquals("InvalidParameterValue", code("DescribeAddresses", "Filter.1.Name", "tag-value",
        "Filter.1.Value.1", "x"));
    assertEquals("InvalidAction", code("DescribeInstances"));
    RawEc2.Answer envelope = raw.signed(RawEc2.params("DescribeAddresses", "Bogus", "1"), "us-east-1", "K",
        Ec2Fake.TEST_SECRET);
    assertTrue(envelope.body().replaceAll("\\s*\n\\s*", "").matches(".*<Response><Errors><Error><Code>UnknownParameter"
        + "</Code><Message>The parameter Bogus is not recognized</Message></Error></Errors><RequestID>[0-9a-f-]{36}"
        + "</RequestID></Response>"), envelope.body());
  }

  @Test
  void dryRunAnswersOnlyWhenTheRealCallWouldSucceed() {
    assertEquals("InvalidAllocationID.NotFound", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0f").networkInterfaceId("eni-0aaa"))));
    assertEquals("InvalidNetworkInterfaceID.NotFound", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0fff"))));
    assertEquals("InvalidParameterValue", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa").privateIpAddress("10.0.9.9"))));
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    assertEquals("Resource.AlreadyAssociated", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0bbb").allowReassociation(false))));
    assertEquals("InvalidInstanceID.NotFound", sdkCode(() -> ec2.describeInstanceStatus(r -> r.dryRun(true)
        .instanceIds("i-0fff"))));
    assertEquals("InvalidParameterValue", sdkCode(() -> ec2.describeAddresses(r -> r.dryRun(true)
        .filters(Filter.builder().name("no-such-filter").values("x").build()))));
    assertEquals("DryRunOperation", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0bbb").privateIpAddress("10.0.2.11"))));
    assertEquals("eni-0aaa", fake.association("eipalloc-0a").get().networkInterfaceId());
    fake.faults().deny("AssociateAddress");
    assertEquals("UnauthorizedOperation", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0bbb"))));
    assertEquals("InvalidAllocationID.NotFound", sdkCode(() -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0f").networkInterfaceId("eni-0bbb"))), "ids are checked before permissions");
    assertEquals("DryRunOperation", sdkCode(() -> ec2.disassociateAddress(r -> r.dryRun(true)
        .associationId(fake.association("eipalloc-0a").get().associationId()))));
    assertTrue(fake.association("eipalloc-0a").isPresent());
  }

  @Test
  void rejectsContradictoryOrAmbiguousAssociateTargets() {
    assertEquals("InvalidParameterCombination", sdkCode(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0a")
        .instanceId("i-0aaa").networkInterfaceId("eni-0bbb"))));
    assertEquals("InvalidParameterCombination", sdkCode(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0a")
        .publicIp("198.51.100.1").networkInterfaceId("eni-0aaa"))));
    assertEquals("InvalidInstanceID", sdkCode(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0a")
        .instanceId("i-0bbb"))));
    assertTrue(fake.association("eipalloc-0a").isEmpty());
    ec2.associateAddress(r -> r.allocationId("eipalloc-0a").instanceId("i-0aaa"));
    assertEquals(new FakeAssociation(fake.association("eipalloc-0a").get().associationId(), "eni-0aaa", "10.0.1.10"),
        fake.association("eipalloc-0a").get());
    ec2.associateAddress(r -> r.publicIp("198.51.100.2").networkInterfaceId("eni-0bbb").privateIpAddress("10.0.2.11"));
    assertEquals("10.0.2.11", fake.association("eipalloc-0b").get().privateIp());
  }

  @Test
  void omittedAllowReassociationMovesTheAddressAsInAVpcOnlyAccount() {
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0bbb").privateIpAddress("10.0.2.11"));
    assertEquals("eni-0bbb", fake.association("eipalloc-0a").get().networkInterfaceId());
  }

  @Test
  void assignsExplicitAddressesAndMovesThemOnlyWhenAllowed() {
    assertEquals(List.of("10.0.1.30"), ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0aaa")
        .privateIpAddresses("10.0.1.30")).assignedPrivateIpAddresses().stream().map(p -> p.privateIpAddress()).toList());
    assertEquals("InvalidParameterValue", sdkCode(() -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0bbb").privateIpAddresses("10.0.1.31"))), "outside eni-0bbb's subnet");
    assertEquals("InvalidParameterValue", sdkCode(() -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0aaa").privateIpAddresses("10.0.1.255"))));
    assertEquals("InvalidParameterCombination", sdkCode(() -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0aaa").privateIpAddresses("10.0.1.31").secondaryPrivateIpAddressCount(1))));
    assertEquals("UnsupportedOperation", sdkCode(() -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0aaa").ipv4PrefixCount(1))));
    fake.addInstance("i-0ccc", "us-east-1a");
    fake.addNetworkInterface("eni-0ccc", "i-0ccc", "10.0.1.40", List.of(), Map.of());
    fake.associate("eipalloc-0b", "eni-0aaa", "10.0.1.30");
    assertEquals("InvalidIPAddress.InUse", sdkCode(() -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0ccc").privateIpAddresses("10.0.1.30"))));
    assertEquals("InvalidIPAddress.InUse", sdkCode(() -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0ccc").privateIpAddresses("10.0.1.10").allowReassignment(true))), "a primary never moves");
    ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0ccc").privateIpAddresses("10.0.1.30")
        .allowReassignment(true));
    assertEquals(List.of("10.0.1.10", "10.0.1.11"), fake.privateIps("eni-0aaa"));
    assertEquals(List.of("10.0.1.40", "10.0.1.30"), fake.privateIps("eni-0ccc"));
    assertEquals("eni-0ccc", fake.association("eipalloc-0b").get().networkInterfaceId(), "the EIP follows its address");
  }
}

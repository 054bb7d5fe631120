package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.TestClients;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/** The fake speaks EC2 well enough for the real SDK client: answers, errors and faults. */
class Ec2FakeTest {
  private final VirtualTime time = new VirtualTime();
  private Ec2Fake fake;
  private Ec2Client ec2;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start(time.clock(), new Random(1));
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    ec2 = TestClients.unrecorded(fake);
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  @Test
  void associatesAndDescribesThroughTheRealSdk() {
    String id = ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa")
        .privateIpAddress("10.0.1.10").allowReassociation(true)).associationId();
    Address a = ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().get(0);
    assertEquals(id, a.associationId());
    assertEquals("eni-0aaa", a.networkInterfaceId());
    assertEquals("10.0.1.10", a.privateIpAddress());
    assertEquals("198.51.100.1", a.publicIp());
    assertEquals("vpc", a.domainAsString());
    assertEquals("a", a.tags().stream().filter(t -> t.key().equals("eipfailover:home")).findFirst().get().value());
    Ec2Call call = fake.calls("AssociateAddress").get(0);
    assertEquals("eipalloc-0a", call.param("AllocationId"));
    assertEquals("true", call.param("AllowReassociation"));
    assertEquals("AKIDRAW", call.caller());
    assertEquals(time.clock().instant(), call.time());
  }

  @Test
  void refusesReassociationWhenNotAllowed() {
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId("eipalloc-0a")
        .networkInterfaceId("eni-0bbb").privateIpAddress("10.0.2.11").allowReassociation(false)));
    assertEquals("Resource.AlreadyAssociated", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
    assertEquals("eni-0aaa", fake.association("eipalloc-0a").get().networkInterfaceId());
  }

  @Test
  void rejectsPrivateIpNotOnTheEniAndUnknownIds() {
    Ec2Exception badIp = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa").privateIpAddress("10.0.2.11")));
    assertEquals("InvalidParameterValue", badIp.awsErrorDetails().errorCode());
    Ec2Exception noEni = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0fff").privateIpAddress("10.0.1.10")));
    assertEquals("InvalidNetworkInterfaceID.NotFound", noEni.awsErrorDetails().errorCode());
    Ec2Exception noEip = assertThrows(Ec2Exception.class, () -> ec2.describeAddresses(r -> r.allocationIds("eipalloc-0f")));
    assertEquals("InvalidAllocationID.NotFound", noEip.awsErrorDetails().errorCode());
    assertTrue(noEip.getMessage().contains("eipalloc-0f"), noEip.getMessage());
  }

  @Test
  void disassociates() {
    String id = fake.associate("eipalloc-0b", "eni-0bbb", "10.0.2.10");
    ec2.disassociateAddress(r -> r.associationId(id));
    assertTrue(fake.association("eipalloc-0b").isEmpty());
    Ec2Exception again = assertThrows(Ec2Exception.class, () -> ec2.disassociateAddress(r -> r.associationId(id)));
    assertEquals("InvalidAssociationID.NotFound", again.awsErrorDetails().errorCode());
  }

  @Test
  void filtersNetworkInterfacesAndAddressesByTag() {
    fake.addTaggedNode("other", "x", "i-0ccc", "eni-0ccc", "10.0.3.10");
    List<NetworkInterface> enis = ec2.describeNetworkInterfaces(r -> r.filters(
        Filter.builder().name("tag:eipfailover:cluster").values("prod").build(),
        Filter.builder().name("tag-key").values("eipfailover:node").build())).networkInterfaces();
    assertEquals(List.of("eni-0aaa", "eni-0bbb"), enis.stream().map(NetworkInterface::networkInterfaceId).toList());
    NetworkInterface a = enis.get(0);
    assertEquals("i-0aaa", a.attachment().instanceId());
    assertEquals(List.of("10.0.1.10", "10.0.1.11"), a.privateIpAddresses().stream().map(p -> p.privateIpAddress()).toList());
    assertTrue(a.privateIpAddresses().get(0).primary());
    assertFalse(a.privateIpAddresses().get(1).primary());
    List<Address> addrs = ec2.describeAddresses(r -> r.filters(
        Filter.builder().name("tag:eipfailover:home").values("b").build())).addresses();
    assertEquals(List.of("eipalloc-0b"), addrs.stream().map(Address::allocationId).toList());
    Ec2Exception bad = assertThrows(Ec2Exception.class, () -> ec2.describeNetworkInterfaces(r -> r.filters(
        Filter.builder().name("no-such-filter").values("x").build())));
    assertEquals("InvalidParameterValue", bad.awsErrorDetails().errorCode());
    Ec2Call call = fake.calls("DescribeNetworkInterfaces").get(0);
    assertEquals("tag:eipfailover:cluster", call.param("Filter.1.Name"));
    assertEquals("prod", call.param("Filter.1.Value.1"));
  }

  @Test
  void assignsSecondaryIpsByCount() {
    List<String> assigned = ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId("eni-0aaa")
        .secondaryPrivateIpAddressCount(2)).assignedPrivateIpAddresses().stream().map(p -> p.privateIpAddress()).toList();
    assertEquals(List.of("10.0.1.4", "10.0.1.5"), assigned);
    assertEquals(List.of("10.0.1.10", "10.0.1.11", "10.0.1.4", "10.0.1.5"), fake.privateIps("eni-0aaa"));
    assertEquals("2", fake.calls("AssignPrivateIpAddresses").get(0).param("SecondaryPrivateIpAddressCount"));
  }

  @Test
  void describesInstanceStatusIncludingStoppedOnes() {
    fake.setInstanceState("i-0bbb", "stopped");
    fake.setStatusChecks("i-0aaa", "ok", "impaired");
    DescribeInstanceStatusResponse running = ec2.describeInstanceStatus(r -> r.instanceIds("i-0aaa", "i-0bbb"));
    assertEquals(1, running.instanceStatuses().size());
    assertEquals("impaired", running.instanceStatuses().get(0).instanceStatus().statusAsString());
    DescribeInstanceStatusResponse all = ec2.describeInstanceStatus(r -> r.instanceIds("i-0bbb").includeAllInstances(true));
    assertEquals("stopped", all.instanceStatuses().get(0).instanceState().nameAsString());
    assertEquals(80, all.instanceStatuses().get(0).instanceState().code());
    DescribeInstanceStatusResponse stopped = ec2.describeInstanceStatus(r -> r.includeAllInstances(true)
        .filters(Filter.builder().name("instance-state-name").values("stopped", "terminated").build()));
    assertEquals(List.of("i-0bbb"), stopped.instanceStatuses().stream().map(s -> s.instanceId()).toList());
    Ec2Exception bad = assertThrows(Ec2Exception.class, () -> ec2.describeInstanceStatus(r -> r.filters(
        Filter.builder().name("bogus").values("x").build())));
    assertEquals("InvalidParameterValue", bad.awsErrorDetails().errorCode());
  }

  @Test
  void answersDryRunsByPermission() {
    Ec2Exception ok = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa").privateIpAddress("10.0.1.10")));
    assertEquals("DryRunOperation", ok.awsErrorDetails().errorCode());
    assertEquals(412, ok.statusCode());
    fake.faults().deny("AssociateAddress");
    Ec2Exception denied = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa").privateIpAddress("10.0.1.10")));
    assertEquals("UnauthorizedOperation", denied.awsErrorDetails().errorCode());
    assertEquals(403, denied.statusCode());
    assertTrue(fake.association("eipalloc-0a").isEmpty());
  }

  @Test
  void enforcesTheClusterTagConditionLikeTheShippedPolicy() {
    fake.faults().requireClusterTag("prod");
    ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa").privateIpAddress("10.0.1.10"));
    fake.addAddress("eipalloc-0c", "198.51.100.3", Map.of());
    Ec2Exception untagged = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.dryRun(true)
        .allocationId("eipalloc-0c").networkInterfaceId("eni-0aaa").privateIpAddress("10.0.1.11")));
    assertEquals("UnauthorizedOperation", untagged.awsErrorDetails().errorCode());
    assertTrue(untagged.getMessage().contains("elastic-ip/eipalloc-0c"), untagged.getMessage());
    fake.faults().requireClusterTag("staging");
    Ec2Exception other = assertThrows(Ec2Exception.class, () -> ec2.assignPrivateIpAddresses(r -> r
        .networkInterfaceId("eni-0aaa").secondaryPrivateIpAddressCount(1)));
    assertTrue(other.getMessage().contains("network-interface/eni-0aaa"), other.getMessage());
    assertEquals(List.of("10.0.1.10", "10.0.1.11"), fake.privateIps("eni-0aaa"));
  }

  @Test
  void throttlingAndInternalErrorsAreRetriedByTheSdk() {
    fake.faults().throttleNext(1).internalErrorNext(1);
    ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a"));
    List<Ec2Call> calls = fake.calls("DescribeAddresses");
    assertEquals(List.of("RequestLimitExceeded", "InternalError", ""), calls.stream().map(Ec2Call::errorCode).toList());
    assertEquals(List.of(503, 500, 200), calls.stream().map(Ec2Call::status).toList());
  }

  @Test
  void authFailureAndOutage() {
    fake.faults().authFailure(true);
    Ec2Exception auth = assertThrows(Ec2Exception.class, () -> ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")));
    // HttpURLConnection drops the body of a 401 to a streamed POST, so only the status survives;
    // the EIP manager therefore classifies 401 by status as well as by code.
    assertEquals(401, auth.statusCode());
    assertEquals("AuthFailure", fake.calls().get(0).errorCode());
    fake.faults().authFailure(false).outage(true);
    assertThrows(SdkClientException.class, () -> ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")));
    fake.faults().outage(false);
    assertEquals(1, ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().size());
  }

  @Test
  void describeLagsBehindAnAssociateForTheConfiguredTime() {
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    fake.faults().describeLag(Duration.ofSeconds(2));
    ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0bbb")
        .privateIpAddress("10.0.2.11").allowReassociation(true));
    assertEquals("eni-0bbb", fake.association("eipalloc-0a").get().networkInterfaceId());
    assertEquals("eni-0aaa", ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().get(0).networkInterfaceId());
    time.advance(Duration.ofSeconds(2));
    assertEquals("eni-0bbb", ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().get(0).networkInterfaceId());
  }

  /** As EC2 does: the reconciler confirms its move by this id, not by the point (an ABA otherwise). */
  @Test
  void everyAssociateMakesANewAssociationIdEvenToTheSamePointAndALaggingDescribeShowsTheEarlierOne() {
    String first = ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa")
        .privateIpAddress("10.0.1.11").allowReassociation(true)).associationId();
    fake.faults().describeLag(Duration.ofSeconds(2));
    String second = ec2.associateAddress(r -> r.allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa")
        .privateIpAddress("10.0.1.11").allowReassociation(true)).associationId();
    assertTrue(first.startsWith("eipassoc-") && second.startsWith("eipassoc-"), first + ", " + second);
    assertFalse(first.equals(second), "a new association, though to the same point: " + first);
    Address lagging = ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().get(0);
    assertEquals("10.0.1.11", lagging.privateIpAddress());
    assertEquals(first, lagging.associationId(), "the same point, by the earlier association");
    time.advance(Duration.ofSeconds(2));
    assertEquals(second, ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().get(0).associationId());
  }

  @Test
  void aPrivateIpCarriesOneEip() {
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.11");
    fake.associate("eipalloc-0b", "eni-0aaa", "10.0.1.11");
    assertTrue(fake.association("eipalloc-0a").isEmpty());
    assertEquals("10.0.1.11", fake.association("eipalloc-0b").get().privateIp());
  }
}

package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.ObservedAssociation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Ec2ElasticIpManager against the fake with the real SDK client: requests, answers, each error class. */
class Ec2ElasticIpManagerTest {
  private static final ElasticIp EIP_A = ElasticIp.of("eipalloc-0a", "198.51.100.1", "a");
  private static final ElasticIp EIP_B = ElasticIp.of("eipalloc-0b", "198.51.100.2", "b");
  private static final AttachmentPoint A_HOME = AttachmentPoint.primary("eni-0aaa", "10.0.1.10");
  private static final AttachmentPoint B_RESERVED = AttachmentPoint.reserved("eni-0bbb", "10.0.2.11");

  private Ec2Fake fake;
  private Ec2Client ec2;
  private Ec2ElasticIpManager manager;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    ec2 = TestClients.ec2(fake);
    manager = Ec2ElasticIpManager.builder().ec2Client(ec2).build();
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  @Test
  void describesAllEipsInOneFilteredCall() {
    String assoc = fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    Map<String, ObservedAssociation> seen = manager.describe(List.of(EIP_A, EIP_B));
    assertEquals(ObservedAssociation.associated("eipalloc-0a", assoc, "eni-0aaa", "10.0.1.10"), seen.get("eipalloc-0a"));
    assertEquals(ObservedAssociation.unassociated("eipalloc-0b"), seen.get("eipalloc-0b"));
    List<Ec2Call> calls = fake.calls();
    assertEquals(1, calls.size());
    assertEquals("DescribeAddresses", calls.get(0).action());
    assertEquals("eipalloc-0a", calls.get(0).param("AllocationId.1"));
    assertEquals("eipalloc-0b", calls.get(0).param("AllocationId.2"));
  }

  @Test
  void describingNothingCallsNothing() {
    assertTrue(manager.describe(List.of()).isEmpty());
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void associatesByAllocationEniAndPrivateIpWithReassociation() {
    fake.associate("eipalloc-0b", "eni-0bbb", "10.0.2.10");
    String id = manager.associate(EIP_B, B_RESERVED);
    assertEquals(Optional.of(id), fake.association("eipalloc-0b").map(a -> a.associationId()));
    assertEquals("10.0.2.11", fake.association("eipalloc-0b").get().privateIp());
    List<Ec2Call> calls = fake.calls();
    assertEquals(1, calls.size(), "one call, no disassociate first: " + calls);
    Ec2Call c = calls.get(0);
    assertEquals("AssociateAddress", c.action());
    assertEquals("eipalloc-0b", c.param("AllocationId"));
    assertEquals("eni-0bbb", c.param("NetworkInterfaceId"));
    assertEquals("10.0.2.11", c.param("PrivateIpAddress"));
    assertEquals("true", c.param("AllowReassociation"));
    assertEquals(null, c.param("InstanceId"));
  }

  @Test
  void throttlingIsRetriedByTheSdkThenClassifiedAsThrottled() {
    fake.faults().throttleNext(2);
    assertTrue(fake.association(EIP_A.allocationId()).isEmpty());
    manager.associate(EIP_A, A_HOME);
    assertEquals(3, fake.calls("AssociateAddress").size());
    fake.faults().throttleNext(3);
    ElasticIpManagerException e = expect(Kind.THROTTLED, () -> manager.describe(List.of(EIP_A)));
    assertTrue(e.getMessage().contains("throttled"), e.getMessage());
    assertTrue(e.getMessage().contains("RequestLimitExceeded"), e.getMessage());
  }

  @Test
  void serverErrorsAreRetryable() {
    fake.faults().internalErrorNext(3);
    ElasticIpManagerException e = expect(Kind.RETRYABLE, () -> manager.associate(EIP_A, A_HOME));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  @Test
  void outagesAndTimeoutsAreRetryable() {
    fake.faults().outage(true);
    expect(Kind.RETRYABLE, () -> manager.describe(List.of(EIP_A)));
    fake.faults().outage(false).latency(Duration.ofSeconds(3));
    try (Ec2Client slow = TestClients.builder(fake, "AKIDSLOW").addExecutionInterceptor(TestClients.RECORDER)
        .apiCallAttemptTimeout(Duration.ofMillis(200)).apiCallTimeout(Duration.ofMillis(500)).build()) {
      Ec2ElasticIpManager m = Ec2ElasticIpManager.builder().ec2Client(slow).build();
      // the answer would come after 3 s and succeed: a timeout error shows the deadline cut it short
      ElasticIpManagerException e = expect(Kind.RETRYABLE, () -> m.associate(EIP_A, A_HOME));
      assertTrue(e.getMessage().contains("in time"), e.getMessage());
    }
  }

  @Test
  void missingPermissionNamesTheIamAction() {
    fake.faults().deny("AssociateAddress");
    ElasticIpManagerException e = expect(Kind.PERMISSION, () -> manager.associate(EIP_A, A_HOME));
    assertTrue(e.getMessage().contains("ec2:AssociateAddress"), e.getMessage());
    assertFalse(fake.association("eipalloc-0a").isPresent());
    fake.faults().deny("DescribeAddresses");
    ElasticIpManagerException d = expect(Kind.PERMISSION, () -> manager.describe(List.of(EIP_A)));
    assertTrue(d.getMessage().contains("ec2:DescribeAddresses"), d.getMessage());
  }

  @Test
  void rejectedCredentialsArePermissionErrors() {
    fake.faults().authFailure(true);
    ElasticIpManagerException e = expect(Kind.PERMISSION, () -> manager.describe(List.of(EIP_A)));
    assertTrue(e.getMessage().contains("AuthFailure"), e.getMessage());
  }

  @Test
  void unknownResourcesAreConfigurationErrorsNamingThem() {
    ElasticIp ghost = ElasticIp.of("eipalloc-0dead", "198.51.100.9", "a");
    ElasticIpManagerException e1 = expect(Kind.CONFIGURATION, () -> manager.describe(List.of(EIP_A, ghost)));
    assertTrue(e1.getMessage().contains("eipalloc-0dead"), e1.getMessage());
    ElasticIpManagerException e2 = expect(Kind.CONFIGURATION, () -> manager.associate(ghost, A_HOME));
    assertTrue(e2.getMessage().contains("eipalloc-0dead"), e2.getMessage());
    ElasticIpManagerException e3 = expect(Kind.CONFIGURATION,
        () -> manager.associate(EIP_A, AttachmentPoint.reserved("eni-0fff", "10.0.1.11")));
    assertTrue(e3.getMessage().contains("eni-0fff"), e3.getMessage());
    ElasticIpManagerException e4 = expect(Kind.CONFIGURATION,
        () -> manager.associate(EIP_A, AttachmentPoint.reserved("eni-0aaa", "10.0.1.99")));
    assertTrue(e4.getMessage().contains("10.0.1.99") && e4.getMessage().contains("InvalidParameterValue"),
        e4.getMessage());
    assertEquals(1, fake.calls("AssociateAddress").stream().filter(c -> c.param("PrivateIpAddress").equals("10.0.1.99"))
        .count(), "configuration errors are not retried by the SDK");
  }

  @Test
  void addressNotFoundIsConfiguration() {
    fake.faults().failNext("AssociateAddress", 1, 400, "InvalidAddress.NotFound", "Address 'x' not found.");
    expect(Kind.CONFIGURATION, () -> manager.associate(EIP_A, A_HOME));
  }

  @Test
  void neverClosesTheInjectedClient() {
    manager.describe(List.of(EIP_A));
    assertEquals(1, ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")).addresses().size());
  }

  private static ElasticIpManagerException expect(Kind kind, Executable call) {
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, call);
    assertEquals(kind, e.kind(), e.getMessage());
    return e;
  }
}

package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.ElasticIpManagerException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2SecondaryIpProvisionerTest {
  private Ec2Fake fake;
  private Ec2Client ec2;
  private Ec2SecondaryIpProvisioner provisioner;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    ec2 = TestClients.ec2(fake);
    provisioner = Ec2SecondaryIpProvisioner.builder().ec2Client(ec2).networkInterfaceId("eni-0aaa").build();
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  @Test
  void assignsOnlyTheShortfallInOneCall() {
    Ec2SecondaryIpProvisioner.Result r = provisioner.ensureReserved(3);
    assertEquals(List.of("10.0.1.4", "10.0.1.5"), r.assigned());
    assertEquals(List.of("10.0.1.11", "10.0.1.4", "10.0.1.5"), r.secondaryIps());
    assertEquals("10.0.1.10", r.primaryIp());
    assertEquals(List.of("10.0.1.10", "10.0.1.11", "10.0.1.4", "10.0.1.5"), fake.privateIps("eni-0aaa"));
    assertEquals(1, fake.calls("AssignPrivateIpAddresses").size());
    assertEquals("2", fake.calls("AssignPrivateIpAddresses").get(0).param("SecondaryPrivateIpAddressCount"));
    assertEquals("eni-0aaa", fake.calls("AssignPrivateIpAddresses").get(0).param("NetworkInterfaceId"));
    assertEquals("eni-0aaa", fake.calls("DescribeNetworkInterfaces").get(0).param("NetworkInterfaceId.1"));
  }

  @Test
  void doesNothingWhenEnoughAreHeld() {
    Ec2SecondaryIpProvisioner.Result r = provisioner.ensureReserved(1);
    assertEquals(List.of(), r.assigned());
    assertEquals(List.of("10.0.1.11"), r.secondaryIps());
    assertTrue(fake.calls("AssignPrivateIpAddresses").isEmpty());
    assertEquals(r, provisioner.current());
  }

  @Test
  void reportsPermissionAndLimitErrors() {
    fake.faults().deny("AssignPrivateIpAddresses");
    ElasticIpManagerException denied = assertThrows(ElasticIpManagerException.class, () -> provisioner.ensureReserved(2));
    assertEquals(ElasticIpManagerException.Kind.PERMISSION, denied.kind());
    assertTrue(denied.getMessage().contains("ec2:AssignPrivateIpAddresses"), denied.getMessage());
    fake.faults().allow("AssignPrivateIpAddresses");
    ElasticIpManagerException limit = assertThrows(ElasticIpManagerException.class, () -> provisioner.ensureReserved(20));
    assertEquals(ElasticIpManagerException.Kind.CONFIGURATION, limit.kind());
    assertTrue(limit.getMessage().contains("PrivateIpAddressLimitExceeded"), limit.getMessage());
  }

  @Test
  void unknownEniIsAConfigurationError() {
    Ec2SecondaryIpProvisioner p = Ec2SecondaryIpProvisioner.builder().ec2Client(ec2).networkInterfaceId("eni-0fff").build();
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, () -> p.ensureReserved(1));
    assertEquals(ElasticIpManagerException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains("eni-0fff"), e.getMessage());
  }

  @Test
  void builderRejectsBadSettings() {
    IllegalArgumentException eni = assertThrows(IllegalArgumentException.class,
        () -> Ec2SecondaryIpProvisioner.builder().networkInterfaceId("i-0aaa"));
    assertEquals("networkInterfaceId must look like eni-0123abcd, was 'i-0aaa'", eni.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Ec2SecondaryIpProvisioner.builder().ec2Client(ec2).build());
    assertEquals("networkInterfaceId must be set", missing.getMessage());
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> provisioner.ensureReserved(-1));
    assertEquals("count must be between 0 and 49, was -1", count.getMessage());
  }
}

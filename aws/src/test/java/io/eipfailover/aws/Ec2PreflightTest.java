package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.PreflightReport.Finding;
import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Preflight reports every failure class with a fix, and passes on a well-set-up node. */
class Ec2PreflightTest {
  private static final NodeId A = NodeId.of("a");
  private static final Set<String> OS_OK = Set.of("127.0.0.1", "10.0.1.10", "10.0.1.11");

  private Ec2Fake fake;
  private Ec2Client ec2;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
    ec2 = TestClients.ec2(fake);
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  private static ClusterTopology topology(String publicIpOfA, String reservedOfA) {
    return ClusterTopology.builder().clusterName("prod")
        .node(A, AttachmentPoint.primary("eni-0aaa", "10.0.1.10"), AttachmentPoint.reserved("eni-0aaa", reservedOfA))
        .node(NodeId.of("b"), AttachmentPoint.primary("eni-0bbb", "10.0.2.10"), AttachmentPoint.reserved("eni-0bbb", "10.0.2.11"))
        .elasticIp(ElasticIp.of("eipalloc-0a", publicIpOfA, "a"))
        .elasticIp(ElasticIp.of("eipalloc-0b", "198.51.100.2", "b")).build();
  }

  private PreflightReport run(ClusterTopology topology, Set<String> os) {
    return Ec2Preflight.builder().ec2Client(ec2).topology(topology).self(A).imdsEndpoint(fake.imds("i-0aaa").endpoint())
        .osAddresses(() -> os).build().run();
  }

  @Test
  void passesOnAWellSetUpNode() {
    PreflightReport report = run(topology("198.51.100.1", "10.0.1.11"), OS_OK);
    assertTrue(report.ok(), report.toString());
    assertEquals(List.of("iam:AssociateAddress", "iam:AssignPrivateIpAddresses", "iam:DescribeInstanceStatus", "imds",
        "elastic-ips", "reserved-ips-on-eni", "reserved-ips-in-os"), report.findings().stream().map(Finding::check).toList());
    Ec2Call dry = fake.calls("AssociateAddress").get(0);
    assertTrue(dry.dryRun());
    assertEquals("eipalloc-0a", dry.param("AllocationId"));
    assertEquals("eni-0aaa", dry.param("NetworkInterfaceId"));
    assertTrue(fake.association("eipalloc-0a").isEmpty(), "a dry run changes nothing");
    assertTrue(fake.calls("AssignPrivateIpAddresses").isEmpty(), "never assigns for real");
  }

  @Test
  void reportsAMissingIamPermissionWithTheFix() {
    fake.faults().deny("AssociateAddress").deny("DescribeInstanceStatus");
    PreflightReport report = run(topology("198.51.100.1", "10.0.1.11"), OS_OK);
    Finding f = report.finding("iam:AssociateAddress");
    assertFalse(f.ok());
    assertTrue(f.detail().contains("ec2:AssociateAddress"), f.detail());
    assertTrue(f.fix().contains("iam-policy.json") && f.fix().contains("eipfailover:cluster=prod"), f.fix());
    assertFalse(report.finding("iam:DescribeInstanceStatus").ok());
    assertEquals(2, report.problems().size(), report.toString());
  }

  @Test
  void reportsResourcesOutsideTheTagScopedPolicy() {
    fake.faults().requireClusterTag("staging");
    PreflightReport report = run(topology("198.51.100.1", "10.0.1.11"), OS_OK);
    Finding f = report.finding("iam:AssociateAddress");
    assertFalse(f.ok());
    assertTrue(f.detail().contains("eipalloc-0a"), f.detail());
    assertTrue(f.fix().contains("eipfailover:cluster=prod"), f.fix());
    assertTrue(report.finding("iam:DescribeInstanceStatus").ok(), "Describe is not tag-scoped");
  }

  @Test
  void reportsImdsUnreachableWithTheHopLimitFix() {
    fake.imds("i-0aaa").hopLimitExceeded(Duration.ofSeconds(3));
    PreflightReport report = Ec2Preflight.builder().ec2Client(ec2).topology(topology("198.51.100.1", "10.0.1.11")).self(A)
        .instanceIdentity(() -> Ec2InstanceIdentity.builder().endpoint(fake.imds("i-0aaa").endpoint())
            .timeout(Duration.ofMillis(200)).retries(0).load())
        .osAddresses(() -> OS_OK).build().run();
    Finding f = report.finding("imds");
    assertFalse(f.ok());
    assertTrue(f.detail().contains("--http-put-response-hop-limit 2"), f.detail());
    assertEquals(1, report.problems().size(), report.toString());
  }

  @Test
  void reportsAnEniThatIsNotOnThisInstance() {
    PreflightReport report = Ec2Preflight.builder().ec2Client(ec2).topology(topology("198.51.100.1", "10.0.1.11")).self(A)
        .imdsEndpoint(fake.imds("i-0bbb").endpoint()).osAddresses(() -> OS_OK).build().run();
    Finding f = report.finding("imds");
    assertFalse(f.ok());
    assertTrue(f.detail().contains("eni-0aaa") && f.detail().contains("i-0bbb"), f.detail());
  }

  @Test
  void reportsReservedIpsMissingOnTheEniAndInTheOs() {
    PreflightReport report = run(topology("198.51.100.1", "10.0.1.12"), Set.of("10.0.1.10"));
    Finding eni = report.finding("reserved-ips-on-eni");
    assertFalse(eni.ok());
    assertTrue(eni.detail().contains("10.0.1.12"), eni.detail());
    assertTrue(eni.fix().contains("aws ec2 assign-private-ip-addresses --network-interface-id eni-0aaa"
        + " --private-ip-addresses 10.0.1.12"), eni.fix());
    Finding os = report.finding("reserved-ips-in-os");
    assertFalse(os.ok());
    assertTrue(os.fix().contains("ip addr add 10.0.1.12/24"), os.fix());
    assertEquals(2, report.problems().size(), report.toString());
  }

  @Test
  void reportsElasticIpsThatDoNotExistOrDoNotMatch() {
    PreflightReport mismatch = run(topology("198.51.100.9", "10.0.1.11"), OS_OK);
    Finding f = mismatch.finding("elastic-ips");
    assertFalse(f.ok());
    assertTrue(f.detail().contains("198.51.100.1") && f.detail().contains("198.51.100.9"), f.detail());
    ClusterTopology ghost = ClusterTopology.builder().clusterName("prod")
        .node(A, AttachmentPoint.primary("eni-0aaa", "10.0.1.10"), AttachmentPoint.reserved("eni-0aaa", "10.0.1.11"))
        .elasticIp(ElasticIp.of("eipalloc-0dead", "198.51.100.7", "a")).build();
    PreflightReport missing = Ec2Preflight.builder().ec2Client(ec2).topology(ghost).self(A)
        .imdsEndpoint(fake.imds("i-0aaa").endpoint()).osAddresses(() -> OS_OK).build().run();
    Finding m = missing.finding("elastic-ips");
    assertFalse(m.ok());
    assertTrue(m.detail().contains("eipalloc-0dead"), m.detail());
    assertTrue(m.fix().contains("allocate-address"), m.fix());
  }

  @Test
  void builderRejectsASelfOutsideTheTopology() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ec2Preflight.builder().ec2Client(ec2)
        .topology(topology("198.51.100.1", "10.0.1.11")).self(NodeId.of("z")).build());
    assertEquals("self 'z' is not a node of the topology [a, b]", e.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Ec2Preflight.builder().ec2Client(ec2).build());
    assertEquals("topology must be set", t.getMessage());
  }
}

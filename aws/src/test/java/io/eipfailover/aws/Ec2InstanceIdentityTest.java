package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.ImdsFake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ec2InstanceIdentity reads IMDSv2 of a simulated instance, and explains each way IMDS fails. */
class Ec2InstanceIdentityTest {
  private Ec2Fake fake;
  private ImdsFake imds;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.builder().region("eu-west-1").start();
    fake.addInstance("i-0aaa", "eu-west-1b");
    fake.addNetworkInterface("eni-0aaa", "i-0aaa", "10.0.1.10", List.of("10.0.1.11", "10.0.1.12"), Map.of());
    fake.addNetworkInterface("eni-0a2", "i-0aaa", "10.0.7.20", List.of(), Map.of());
    imds = fake.imds("i-0aaa");
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void readsInstanceRegionZoneAndEveryInterface() {
    Ec2InstanceIdentity id = Ec2InstanceIdentity.builder().endpoint(imds.endpoint()).load();
    assertEquals("i-0aaa", id.instanceId());
    assertEquals("eu-west-1", id.region());
    assertEquals("eu-west-1b", id.availabilityZone());
    assertEquals(2, id.interfaces().size());
    Ec2InstanceIdentity.Interface primary = id.primaryInterface();
    assertEquals("eni-0aaa", primary.networkInterfaceId());
    assertEquals("10.0.1.10", primary.primaryPrivateIp());
    assertEquals(List.of("10.0.1.11", "10.0.1.12"), primary.secondaryPrivateIps());
    assertEquals("10.0.0.0/16", primary.vpcCidr());
    assertEquals("10.0.1.0/24", primary.subnetCidr());
    assertEquals("10.0.1.1", primary.gateway());
    assertEquals("eni-0a2", id.interfaces().get(1).networkInterfaceId());
    assertEquals("10.0.7.1", id.interfaces().get(1).gateway());
    assertEquals(new NodeSpec(NodeId.of("a"), List.of(AttachmentPoint.primary("eni-0aaa", "10.0.1.10")),
        List.of(AttachmentPoint.reserved("eni-0aaa", "10.0.1.11"), AttachmentPoint.reserved("eni-0aaa", "10.0.1.12"))),
        id.nodeSpec(NodeId.of("a")));
  }

  @Test
  void usesOneSessionTokenForTheWholeRead() {
    Ec2InstanceIdentity.builder().endpoint(imds.endpoint()).load();
    assertEquals(1, imds.tokensIssued());
    List<String> requests = imds.requests();
    assertEquals("PUT /latest/api/token -> 200", requests.get(0));
    assertTrue(requests.stream().skip(1).allMatch(r -> r.startsWith("GET ") && r.endsWith("-> 200")), requests.toString());
  }

  @Test
  void explainsTheHopLimitWhenTheTokenNeverArrives() {
    imds.hopLimitExceeded(Duration.ofSeconds(2));
    InstanceMetadataException e = assertThrows(InstanceMetadataException.class, () -> Ec2InstanceIdentity.builder()
        .endpoint(imds.endpoint()).timeout(Duration.ofMillis(200)).retries(0).load());
    assertTrue(e.getMessage().contains("did not answer") && e.getMessage().contains("hop limit"), e.getMessage());
    assertTrue(e.getMessage().contains("--http-put-response-hop-limit 2"), e.getMessage());
  }

  @Test
  void explainsAnUnreachableEndpoint() {
    InstanceMetadataException e = assertThrows(InstanceMetadataException.class, () -> Ec2InstanceIdentity.builder()
        .endpoint(URI.create("http://127.0.0.1:1")).timeout(Duration.ofMillis(200)).retries(0).load());
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains("--http-put-response-hop-limit 2"), e.getMessage());
    imds.unreachable(true);
    InstanceMetadataException reset = assertThrows(InstanceMetadataException.class, () -> Ec2InstanceIdentity.builder()
        .endpoint(imds.endpoint()).timeout(Duration.ofMillis(200)).retries(1).load());
    assertTrue(reset.getMessage().contains(imds.endpoint().toString()), reset.getMessage());
  }

  @Test
  void builderRejectsBadSettings() {
    IllegalArgumentException ttl = assertThrows(IllegalArgumentException.class,
        () -> Ec2InstanceIdentity.builder().tokenTtl(Duration.ofHours(7)));
    assertEquals("tokenTtl seconds must be between 1 and 21600, was 25200", ttl.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> Ec2InstanceIdentity.builder().timeout(Duration.ZERO));
    assertEquals("timeout must be > 0, was PT0S", t.getMessage());
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
        () -> Ec2InstanceIdentity.builder().retries(6));
    assertEquals("retries must be between 0 and 5, was 6", r.getMessage());
  }
}

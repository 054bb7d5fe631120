package io.eipfailover.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.Ec2Clients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Every request must carry a SigV4 signature for the fake's Region by a key the account knows. */
class Ec2FakeSignatureTest {
  private Ec2Fake fake;
  private RawEc2 raw;
  private final Map<String, String> describe = RawEc2.params("DescribeAddresses");

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.builder().region("eu-west-1").credentials("AKIDNODEA", "right-secret").start();
    fake.addInstance("i-0aaa", "eu-west-1a");
    fake.addNetworkInterface("eni-0aaa", "i-0aaa", "10.0.1.10", List.of(), Map.of());
    fake.addAddress("eipalloc-0a", "198.51.100.1", Map.of());
    raw = new RawEc2(fake.endpoint());
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private Ec2Client client(String region, String key, String secret) {
    return Ec2Clients.builder().region(Region.of(region)).endpointOverride(fake.endpoint()).maxAttempts(1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
  }

  @Test
  void acceptsTheSdkSigningWithAKnownKeyForTheRegion() {
    try (Ec2Client ec2 = client("eu-west-1", "AKIDNODEA", "right-secret")) {
      assertEquals("eu-west-1", ec2.describeAddresses().addresses().get(0).networkBorderGroup());
    }
    assertEquals(200, raw.signed(describe, "eu-west-1", "AKIDNODEA", "right-secret").status());
    try (Ec2Client ec2 = fake.newClient("AKIDNODEA")) {
      assertEquals(1, ec2.describeAddresses().addresses().size());
    }
  }

  @Test
  void refusesAWrongSecretAnUnknownKeyAndAnotherRegionAsAuthFailure() {
    for (Ec2Client ec2 : List.of(client("eu-west-1", "AKIDNODEA", "wrong-secret"),
        client("eu-west-1", "AKIDOTHER", "right-secret"), client("us-east-1", "AKIDNODEA", "right-secret"))) {
      try (ec2) {
        Ec2Exception e = assertThrows(Ec2Exception.class, ec2::describeAddresses);
        assertEquals(401, e.statusCode());
      }
    }
    assertEquals(List.of("AuthFailure", "AuthFailure", "AuthFailure"),
        fake.calls().stream().map(Ec2Call::errorCode).toList());
    RawEc2.Answer region = raw.signed(describe, "us-east-1", "AKIDNODEA", "right-secret");
    assertEquals("AuthFailure", region.code());
    assertTrue(region.body().contains("not 'us-east-1'"), region.body());
    assertEquals("AuthFailure", raw.signed(describe, "eu-west-1", "AKIDNODEA", "wrong").code());
  }

  @Test
  void refusesUnsignedAndMalformedSignatures() {
    RawEc2.Answer unsigned = raw.unsigned(describe);
    assertEquals(401, unsigned.status());
    assertEquals("MissingAuthenticationToken", unsigned.code());
    assertTrue(unsigned.body().contains("<RequestID>"), unsigned.body());
    String scope = "Credential=AKIDNODEA/20260101/eu-west-1/ec2/aws4_request";
    assertEquals("IncompleteSignature", raw.withAuthorization(describe, "AWS4-HMAC-SHA256 " + scope,
        "20260101T000000Z").code());
    assertEquals("IncompleteSignature", raw.withAuthorization(describe, "AWS AKIDNODEA:abc", "20260101T000000Z").code());
    assertEquals("IncompleteSignature", raw.withAuthorization(describe, "AWS4-HMAC-SHA256 " + scope
        + ", SignedHeaders=x-amz-date, Signature=00", "20260101T000000Z").code());
    assertEquals("AuthFailure", raw.withAuthorization(describe, "AWS4-HMAC-SHA256 " + scope
        + ", SignedHeaders=host;x-amz-date, Signature=00", "20260102T000000Z").code());
    assertEquals("AuthFailure", raw.withAuthorization(describe, "AWS4-HMAC-SHA256 " + scope
        + ", SignedHeaders=host;x-amz-date, Signature=0123", "20260101T000000Z").code());
  }

  @Test
  void accessKeysCanBeAddedWhileRunningAndAnyKeyModeChecksTheSecret() {
    assertEquals("AuthFailure", raw.signed(describe, "eu-west-1", "AKIDLATE", "late-secret").code());
    fake.allowCredentials("AKIDLATE", "late-secret");
    assertEquals(200, raw.signed(describe, "eu-west-1", "AKIDLATE", "late-secret").status());
    try (Ec2Fake open = Ec2Fake.start()) {
      RawEc2 r = new RawEc2(open.endpoint());
      assertEquals(200, r.signed(describe, "us-east-1", "ANYTHING", Ec2Fake.TEST_SECRET).status());
      assertEquals("AuthFailure", r.signed(describe, "us-east-1", "ANYTHING", "not-the-test-secret").code());
    }
  }

  @Test
  void rendersRegionCorrectZonesAndArnsAndRejectsForeignZones() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> fake.addInstance("i-0bbb", "us-east-1a"));
    assertTrue(bad.getMessage().contains("'us-east-1a'"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ec2Fake.builder().region("mars-1"));
    fake.faults().requireClusterTag("prod");
    try (Ec2Client ec2 = fake.newClient("AKIDNODEA")) {
      Ec2Exception denied = assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r
          .allocationId("eipalloc-0a").networkInterfaceId("eni-0aaa")));
      assertTrue(denied.getMessage().contains("arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-0a"),
          denied.getMessage());
      assertEquals("eu-west-1a", ec2.describeNetworkInterfaces().networkInterfaces().get(0).availabilityZone());
    }
  }
}

package io.eipfailover.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.ImdsFake;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/** The IMDSv2 token life cycle: cached, refreshed on expiry, replaced after a 401. */
class ImdsReaderTest {
  private final VirtualTime time = new VirtualTime();
  private Ec2Fake fake;
  private ImdsFake imds;
  private SdkHttpClient http;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start(time.clock(), new Random(3));
    fake.addInstance("i-0aaa", "us-east-1a");
    fake.addNetworkInterface("eni-0aaa", "i-0aaa", "10.0.1.10", List.of(), Map.of());
    imds = fake.imds("i-0aaa");
    http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(1)).build();
  }

  @AfterEach
  void tearDown() {
    http.close();
    fake.close();
  }

  private ImdsReader reader(Duration ttl) {
    return new ImdsReader(() -> Ec2MetadataClient.builder().httpClient(http).endpoint(imds.endpoint()).tokenTtl(ttl)
        .build(), imds.endpoint(), "a");
  }

  @Test
  void cachesTheTokenAcrossReads() {
    try (ImdsReader r = reader(Duration.ofHours(6))) {
      assertEquals("i-0aaa", r.get("/latest/meta-data/instance-id"));
      assertEquals("us-east-1a", r.get("/latest/meta-data/placement/availability-zone"));
      assertEquals(1, imds.tokensIssued());
    }
  }

  @Test
  void fetchesANewTokenWhenTheOldOneExpires() {
    // The SDK caches the token against the system clock, so this one test reads until the SDK,
    // after the 1 s TTL of real time, asks for a second token by itself. The fake's clock stays
    // put, so the fake never rejects the first token: no 401 can be what triggered the refresh.
    try (ImdsReader r = reader(Duration.ofSeconds(1))) {
      r.get("/latest/meta-data/instance-id");
      Await.until("a second token after the first one's 1 s TTL", Duration.ofSeconds(20), () -> {
        assertEquals("i-0aaa", r.get("/latest/meta-data/instance-id"));
        return imds.tokensIssued() >= 2;
      }, imds::requests);
      assertEquals(2, imds.tokensIssued());
      assertEquals(0, r.tokenRefreshes(), "expiry is handled by the SDK's cache, without a 401");
      assertTrue(imds.requests().stream().noneMatch(s -> s.endsWith("401")), imds.requests().toString());
    }
  }

  @Test
  void replacesATokenImdsRejects() {
    try (ImdsReader r = reader(Duration.ofHours(6))) {
      r.get("/latest/meta-data/instance-id");
      imds.expireTokens();
      assertEquals("10.0.1.10", r.get("/latest/meta-data/local-ipv4"));
      assertEquals(1, r.tokenRefreshes());
      assertEquals(2, imds.tokensIssued());
      assertTrue(imds.requests().contains("GET /latest/meta-data/local-ipv4 -> 401"), imds.requests().toString());
    }
  }

  @Test
  void replacesATokenThatExpiredByImdsClock() {
    try (ImdsReader r = reader(Duration.ofSeconds(60))) {
      r.get("/latest/meta-data/instance-id");
      time.advance(Duration.ofSeconds(61));
      assertEquals("i-0aaa", r.get("/latest/meta-data/instance-id"));
      assertEquals(1, r.tokenRefreshes());
    }
  }
}

package io.eipfailover.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.ImdsFake;
import io.eipfailover.aws.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
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
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Ec2Fake fake;
  private ImdsFake imds;
  private SdkHttpClient http;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start(clock, new Random(3));
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
  void fetchesANewTokenWhenTheOldOneExpires() throws InterruptedException {
    // The SDK caches the token against the system clock, so this one test waits out a 1 s TTL.
    try (ImdsReader r = reader(Duration.ofSeconds(1))) {
      r.get("/latest/meta-data/instance-id");
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(1_100);
      assertEquals("i-0aaa", r.get("/latest/meta-data/instance-id"));
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
      clock.advance(Duration.ofSeconds(61));
      assertEquals("i-0aaa", r.get("/latest/meta-data/instance-id"));
      assertEquals(1, r.tokenRefreshes());
    }
  }
}

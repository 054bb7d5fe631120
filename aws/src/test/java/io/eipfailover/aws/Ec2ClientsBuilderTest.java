package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2ClientsBuilderTest {
  @Test
  void rejectsBadTimeoutsAttemptsAndBackoff() {
    reject("apiCallTimeout must be > 0, was PT0S", () -> Ec2Clients.builder().apiCallTimeout(Duration.ZERO));
    reject("apiCallAttemptTimeout must be > 0, was PT-1S", () -> Ec2Clients.builder().apiCallAttemptTimeout(Duration.ofSeconds(-1)));
    reject("connectTimeout must be > 0, was PT0S", () -> Ec2Clients.builder().connectTimeout(Duration.ZERO));
    reject("maxAttempts must be between 1 and 10, was 0", () -> Ec2Clients.builder().maxAttempts(0));
    reject("maxAttempts must be between 1 and 10, was 11", () -> Ec2Clients.builder().maxAttempts(11));
    reject("backoff base must be > 0, was PT0S",
        () -> Ec2Clients.builder().backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    reject("backoff max must be >= base (PT0.1S) and throttlingBase (PT1S), was PT0.5S",
        () -> Ec2Clients.builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(500)));
    reject("endpointOverride must be an absolute http(s) URI, was localhost",
        () -> Ec2Clients.builder().endpointOverride(URI.create("localhost")));
  }

  @Test
  void rejectsAnAttemptTimeoutLongerThanTheCallTimeout() {
    reject("apiCallAttemptTimeout must be <= apiCallTimeout (PT1S), was PT2S", () -> Ec2Clients.builder()
        .apiCallTimeout(Duration.ofSeconds(1)).apiCallAttemptTimeout(Duration.ofSeconds(2)).build());
  }

  @Test
  void configuresTimeoutsAndBoundedRetries() {
    Ec2Clients.Builder b = Ec2Clients.builder().maxAttempts(4);
    assertEquals(4, b.retryStrategy().maxAttempts());
    assertTrue(b.retryStrategy() instanceof StandardRetryStrategy);
    assertTrue(b.adaptiveRetry(true).retryStrategy() instanceof AdaptiveRetryStrategy);
    assertEquals(4, b.retryStrategy().maxAttempts());
    try (Ec2Fake fake = Ec2Fake.start(); Ec2Client ec2 = TestClients.builder(fake, "AKIDX").maxAttempts(2).build()) {
      fake.faults().throttleNext(5);
      assertThrows(RuntimeException.class, () -> ec2.describeAddresses());
      assertEquals(2, fake.calls().size(), "maxAttempts bounds the SDK's retries");
    }
  }

  private static void reject(String message, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }
}

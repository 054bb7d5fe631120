package io.eipfailover.examples.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.Malformed;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The agent's EC2 error counter says what happened, not "client" for everything without an EC2 code. */
class Ec2CallMetricsTest {
  @Test
  void failedAndMisshapenCallsAreCountedByWhatHappened() {
    Ec2CallMetrics metrics = new Ec2CallMetrics();
    try (Ec2Fake fake = Ec2Fake.start();
        Ec2Client ec2 = Ec2Clients.builder().region(Region.US_EAST_1).endpointOverride(fake.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDM", Ec2Fake.TEST_SECRET)))
            .backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50))
            .addExecutionInterceptor(metrics).build()) {
      fake.addTaggedNode("c", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
      fake.addTaggedAddress("c", "a", "eipalloc-0a", "198.51.100.1");
      for (Malformed kind : Malformed.values()) {
        fake.faults().malformed(kind);
        try {
          ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a"));
        } catch (RuntimeException expectedForSome) {
          // HTML_5XX and GARBAGE_200 throw; the 200s parse into (wrong) responses
        }
      }
      fake.faults().malformed(null).internalErrorNext(3);
      assertThrows(RuntimeException.class, () -> ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a")));
      ec2.describeAddresses(r -> r.allocationIds("eipalloc-0a"));
    }
    assertEquals(Map.of("DescribeAddresses\u0000http_502", 1L, "DescribeAddresses\u0000unparseable_answer", 1L,
        "DescribeAddresses\u0000wrong_shape", 2L, "DescribeAddresses\u0000InternalError", 1L), metrics.errors());
    assertEquals(Map.of("DescribeAddresses", 6L), metrics.calls());
  }
}

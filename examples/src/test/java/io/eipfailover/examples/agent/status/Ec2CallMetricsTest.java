package io.eipfailover.examples.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.Malformed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The agent's EC2 error counter and recent-error feed say what happened, not "client" for every
 * answer without an EC2 error code, and count a 200 that is not EC2's answer as an error.
 */
class Ec2CallMetricsTest {
  @Test
  void failedAndMisshapenCallsAreCountedAndReportedByWhatHappened() {
    Ec2CallMetrics metrics = new Ec2CallMetrics();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.meters().bindTo(registry);
    List<String> reported = new ArrayList<>();
    metrics.onError((operation, code) -> reported.add(operation + " " + code));
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
    Map<String, Double> errors = new TreeMap<>();
    for (Meter m : registry.find("eipfailover.ec2.errors").meters()) {
      errors.put(m.getId().getTag("operation") + " " + m.getId().getTag("code"), ((Counter) m).count());
    }
    assertEquals(Map.of("DescribeAddresses http_502", 1.0, "DescribeAddresses unparseable_answer", 1.0,
        "DescribeAddresses wrong_shape", 2.0, "DescribeAddresses InternalError", 1.0), errors);
    assertEquals(List.of("DescribeAddresses http_502", "DescribeAddresses unparseable_answer",
        "DescribeAddresses wrong_shape", "DescribeAddresses wrong_shape", "DescribeAddresses InternalError"), reported);
    assertEquals(5, registry.find("eipfailover.ec2.calls").tag("outcome", "error").timer().count());
    assertEquals(1, registry.find("eipfailover.ec2.calls").tag("outcome", "success").timer().count());
  }
}

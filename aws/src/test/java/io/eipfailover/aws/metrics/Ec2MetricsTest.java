package io.eipfailover.aws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.Ec2ElasticIpManager;
import io.eipfailover.aws.TestClients;
import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The interceptor on a real SDK client against the EC2 fake. */
class Ec2MetricsTest {
  private static final ElasticIp EIP = ElasticIp.of("eipalloc-0b", "198.51.100.2", "b");

  private final Ec2Fake fake = Ec2Fake.start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Ec2Metrics metrics = new Ec2Metrics(Tags.of("cluster", "prod"));
  // One attempt, so each fault is one error; generous time-outs for a cold JVM on a busy machine.
  private final Ec2Client ec2 = TestClients.builder(fake, "AKIDTEST").addExecutionInterceptor(metrics)
      .maxAttempts(1).apiCallTimeout(Duration.ofSeconds(60)).apiCallAttemptTimeout(Duration.ofSeconds(60)).build();
  private final Ec2ElasticIpManager manager = Ec2ElasticIpManager.builder().ec2Client(ec2).build();

  Ec2MetricsTest() {
    fake.addTaggedNode("prod", "b", "i-0bbb", "eni-0bbb", "10.0.2.10", "10.0.2.11");
    fake.addTaggedAddress("prod", "b", "eipalloc-0b", "198.51.100.2");
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  @Test
  void timesEachCallByOperationAndOutcome() {
    metrics.bindTo(registry);
    fake.faults().latency("AssociateAddress", Duration.ofMillis(100));

    manager.describe(List.of(EIP));
    manager.associate(EIP, AttachmentPoint.reserved("eni-0bbb", "10.0.2.11"));

    Timer describe = registry.get("eipfailover.ec2.calls").tags("operation", "DescribeAddresses", "outcome", "success")
        .timer();
    Timer associate = registry.get("eipfailover.ec2.calls").tags("operation", "AssociateAddress", "outcome", "success")
        .timer();
    assertEquals(1, describe.count());
    assertEquals(1, associate.count());
    assertTrue(associate.totalTime(TimeUnit.MILLISECONDS) >= 100, associate.totalTime(TimeUnit.MILLISECONDS) + " ms");
    assertEquals("prod", associate.getId().getTag("cluster"));
    assertNull(registry.find("eipfailover.ec2.errors").counter());
  }

  @Test
  void countsErrorsByEc2ErrorCode() {
    metrics.bindTo(registry);
    fake.faults().throttleNext(1);

    assertThrows(ElasticIpManagerException.class, () -> manager.describe(List.of(EIP)));

    assertEquals(1, registry.get("eipfailover.ec2.errors")
        .tags("operation", "DescribeAddresses", "code", "RequestLimitExceeded").counter().count());
    assertEquals(1, registry.get("eipfailover.ec2.calls").tags("operation", "DescribeAddresses", "outcome", "error")
        .timer().count());
  }

  @Test
  void failuresWithoutAnEc2AnswerAreTimeoutOrClient() {
    assertEquals("timeout", Ec2Metrics.errorCode(ApiCallTimeoutException.create(10)));
    assertEquals("client", Ec2Metrics.errorCode(SdkClientException.create("connection refused")));
  }

  @Test
  void recordsNothingBeforeBindingAndIntoEveryBoundRegistry() {
    manager.describe(List.of(EIP));
    assertTrue(registry.getMeters().isEmpty());

    SimpleMeterRegistry second = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    metrics.bindTo(second);
    manager.describe(List.of(EIP));

    for (SimpleMeterRegistry r : List.of(registry, second)) {
      assertEquals(1, r.get("eipfailover.ec2.calls").tag("operation", "DescribeAddresses").timer().count());
    }
  }
}

package io.eipfailover.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Fake;
import io.eipfailover.aws.testing.Malformed;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Answers EC2 does not give (a proxy's HTML 502, a body that is not XML, another service's XML, items
 * missing their members), a refused connection and a time-out, through the real SDK client: each is
 * retryable, is never read as "associated with nothing" or "done", and gets a label saying what it
 * was.
 */
class Ec2AnswerFaultsTest {
  private static final ElasticIp EIP_A = ElasticIp.of("eipalloc-0a", "198.51.100.1", "a");
  private static final AttachmentPoint A_RESERVED = AttachmentPoint.reserved("eni-0aaa", "10.0.1.11");

  /** The label of every call's outcome, as a metrics interceptor would compute it, by operation. */
  private final Map<String, String> outcomes = new ConcurrentHashMap<>();
  private final ExecutionInterceptor labels = new ExecutionInterceptor() {
    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      outcomes.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
          Ec2Outcomes.ofAnswer(context.request(), context.response()).orElse("ok"));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
      outcomes.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
          context.exception() instanceof software.amazon.awssdk.core.exception.SdkException e ? Ec2Outcomes.of(e) : "?");
    }
  };
  private Ec2Fake fake;
  private Ec2Client ec2;
  private Ec2ElasticIpManager manager;

  @BeforeEach
  void setUp() {
    fake = Ec2Fake.start();
    fake.addTaggedNode("prod", "a", "i-0aaa", "eni-0aaa", "10.0.1.10", "10.0.1.11");
    fake.addTaggedAddress("prod", "a", "eipalloc-0a", "198.51.100.1");
    fake.associate("eipalloc-0a", "eni-0aaa", "10.0.1.10");
    ec2 = TestClients.builder(fake, "AKIDTEST").addExecutionInterceptor(TestClients.RECORDER)
        .addExecutionInterceptor(labels).build();
    manager = Ec2ElasticIpManager.builder().ec2Client(ec2).build();
  }

  @AfterEach
  void tearDown() {
    ec2.close();
    fake.close();
  }

  private static ElasticIpManagerException retryable(Executable call) {
    ElasticIpManagerException e = assertThrows(ElasticIpManagerException.class, call);
    assertEquals(Kind.RETRYABLE, e.kind(), e.getMessage());
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "HTML_5XX, http_502, HTTP 502 and no EC2 error",
      "GARBAGE_200, unparseable_answer, could not be parsed",
      "WRONG_ROOT_200, wrong_shape, no entry for requested eipalloc-0a",
      "MISSING_FIELDS_200, wrong_shape, an address without allocationId or publicIp",
  })
  void aDescribeThatIsNotEc2sAnswerIsRetryableAndNamed(Malformed kind, String label, String mentioned) {
    fake.faults().malformed(kind);
    ElasticIpManagerException e = retryable(() -> manager.describe(List.of(EIP_A)));
    assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    assertEquals(label, outcomes.get("DescribeAddresses"));
    fake.faults().malformed(null);
    assertEquals("eni-0aaa", manager.describe(List.of(EIP_A)).get("eipalloc-0a").networkInterfaceId().orElseThrow(),
        "the real answer afterwards");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "HTML_5XX, http_502",
      "GARBAGE_200, unparseable_answer",
      "WRONG_ROOT_200, wrong_shape",
      "MISSING_FIELDS_200, wrong_shape",
  })
  void anAssociateThatIsNotEc2sAnswerIsNotTakenForDone(Malformed kind, String label) {
    fake.faults().malformed(kind);
    retryable(() -> manager.associate(EIP_A, A_RESERVED));
    assertEquals(label, outcomes.get("AssociateAddress"));
    assertEquals(Optional.of("10.0.1.10"), fake.association("eipalloc-0a").map(a -> a.privateIp()),
        "nothing moved");
  }

  @Test
  void aRefusedConnectionAndATimeOutAreNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Ec2Client refused = TestClients.builder(fake, "AKIDREFUSED").addExecutionInterceptor(labels)
        .endpointOverride(URI.create("http://127.0.0.1:" + port)).build()) {
      ElasticIpManagerException e = retryable(() -> Ec2ElasticIpManager.builder().ec2Client(refused).build()
          .describe(List.of(EIP_A)));
      assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
      assertEquals("connection_refused", outcomes.get("DescribeAddresses"));
    }
    fake.faults().outage(true);
    retryable(() -> manager.describe(List.of(EIP_A)));
    assertEquals("connection_failed", outcomes.get("DescribeAddresses"));
    fake.faults().outage(false).latency(Duration.ofSeconds(3));
    try (Ec2Client slow = TestClients.builder(fake, "AKIDSLOW").addExecutionInterceptor(labels)
        .apiCallAttemptTimeout(Duration.ofMillis(200)).apiCallTimeout(Duration.ofMillis(500)).build()) {
      ElasticIpManagerException e = retryable(() -> Ec2ElasticIpManager.builder().ec2Client(slow).build()
          .describe(List.of(EIP_A)));
      assertTrue(e.getMessage().contains("in time"), e.getMessage());
      assertEquals("timeout", outcomes.get("DescribeAddresses"));
    }
  }
}

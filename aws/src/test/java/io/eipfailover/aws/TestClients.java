package io.eipfailover.aws;

import io.eipfailover.aws.testing.Ec2Fake;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Builds the real SDK clients the tests use, all through {@link Ec2Clients}, pointed at an {@link
 * Ec2Fake} with static credentials in us-east-1. Every client built here carries the suite-wide
 * {@link #RECORDER}, which collects the EC2 operations production code performs (checked against
 * the IAM policy by {@code IamPolicyTest}).
 */
public final class TestClients {
  private static final Set<String> OPERATIONS = ConcurrentHashMap.newKeySet();

  /** Records the name of every EC2 operation executed by a client built here. */
  public static final ExecutionInterceptor RECORDER = new ExecutionInterceptor() {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      OPERATIONS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  };

  private TestClients() {}

  /** The operations recorded so far across the test run, sorted. */
  public static Set<String> recordedOperations() {
    return new TreeSet<>(OPERATIONS);
  }

  /** A recorded client with short back-off so fault tests stay fast. */
  public static Ec2Client ec2(Ec2Fake fake) {
    return ec2(fake, "AKIDTEST");
  }

  /** A recorded client whose calls the fake logs as coming from {@code accessKeyId}. */
  public static Ec2Client ec2(Ec2Fake fake, String accessKeyId) {
    return builder(fake, accessKeyId).addExecutionInterceptor(RECORDER).build();
  }

  /**
   * A client that is NOT recorded, for tests that poke the fake with calls production code never
   * makes (e.g. {@code DisassociateAddress}).
   */
  public static Ec2Client unrecorded(Ec2Fake fake) {
    return builder(fake, "AKIDRAW").build();
  }

  /** The builder behind the clients above, for tests that tune it further. */
  public static Ec2Clients.Builder builder(Ec2Fake fake, String accessKeyId) {
    return Ec2Clients.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
        .endpointOverride(fake.endpoint())
        .apiCallTimeout(Duration.ofSeconds(5))
        .apiCallAttemptTimeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50));
  }
}

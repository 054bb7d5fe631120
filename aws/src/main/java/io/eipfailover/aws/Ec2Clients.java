package io.eipfailover.aws;

import static io.eipfailover.aws.internal.Checks.notNull;
import static io.eipfailover.aws.internal.Checks.positive;
import static io.eipfailover.aws.internal.Checks.range;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Builds an {@link Ec2Client} suited to failover. The SDK's defaults set no time-out on a call, so
 * a takeover could hang on one slow connection; this factory sets both:
 *
 * <ul>
 *   <li>{@link Builder#apiCallAttemptTimeout} (default 3 s) bounds one HTTP attempt, and {@link
 *       Builder#apiCallTimeout} (default 10 s) bounds the whole call with its retries, so every
 *       {@code AssociateAddress} has a deadline;
 *   <li>the SDK's standard retry strategy (or {@linkplain Builder#adaptiveRetry adaptive}), at most {@link Builder#maxAttempts} attempts (default 3),
 *       exponential back-off with jitter, and a longer back-off for throttling ({@code
 *       RequestLimitExceeded}), because EC2's request budget is shared by the whole account and
 *       Region; the reconciler adds its own per-EIP back-off on top;
 *   <li>the lightweight {@code url-connection-client} (no Netty, no Apache client);
 *   <li>Region and credentials from the SDK's default chains (environment, profile, IMDS instance
 *       role) unless given.
 * </ul>
 *
 * <p>The caller owns the returned client and closes it; the library's classes never close an
 * injected client. Example: {@code Ec2Client ec2 = Ec2Clients.builder().region(Region.EU_WEST_1).build();}
 */
public final class Ec2Clients {
  private Ec2Clients() {}

  /** A client with every default: default Region and credential chains, 3 s / 10 s time-outs. */
  public static Ec2Client defaults() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a failover-ready {@link Ec2Client}. Every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private Region region;
    private AwsCredentialsProvider credentials;
    private URI endpointOverride;
    private Duration apiCallTimeout = Duration.ofSeconds(10);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(3);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration throttlingBaseDelay = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private boolean adaptive;
    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

    private Builder() {}

    /** The Region; default: the SDK's Region chain ({@code AWS_REGION}, profile, IMDS). */
    public Builder region(Region region) {
      this.region = notNull("region", region);
      return this;
    }

    /** The credentials; default: {@link DefaultCredentialsProvider} (on EC2, the instance role). */
    public Builder credentialsProvider(AwsCredentialsProvider credentials) {
      this.credentials = notNull("credentialsProvider", credentials);
      return this;
    }

    /** Talks to {@code endpoint} instead of EC2 (a VPC endpoint, or the test fake). */
    public Builder endpointOverride(URI endpoint) {
      notNull("endpointOverride", endpoint);
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpointOverride must be an absolute http(s) URI, was " + endpoint);
      }
      this.endpointOverride = endpoint;
      return this;
    }

    /**
     * Deadline for a whole call including retries; default 10 s. Shorter fails a takeover sooner
     * (the reconciler retries it); longer rides out more throttling inside one call.
     */
    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = positive("apiCallTimeout", timeout);
      return this;
    }

    /** Deadline for one HTTP attempt; default 3 s (EC2 answers in well under a second). */
    public Builder apiCallAttemptTimeout(Duration timeout) {
      this.apiCallAttemptTimeout = positive("apiCallAttemptTimeout", timeout);
      return this;
    }

    /** TCP connect time-out; default 2 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** Attempts per call, first included, 1 to 10; default 3. 1 disables SDK retries. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = range("maxAttempts", attempts, 1, 10);
      return this;
    }

    /**
     * Exponential back-off between attempts: {@code base} for errors, {@code throttlingBase} for
     * throttling, both capped at {@code max}, with full jitter. Defaults 100 ms, 500 ms, 5 s.
     */
    public Builder backoff(Duration base, Duration throttlingBase, Duration max) {
      positive("backoff base", base);
      positive("backoff throttlingBase", throttlingBase);
      positive("backoff max", max);
      if (max.compareTo(base) < 0 || max.compareTo(throttlingBase) < 0) {
        throw new IllegalArgumentException(
            "backoff max must be >= base (" + base + ") and throttlingBase (" + throttlingBase + "), was " + max);
      }
      this.baseDelay = base;
      this.throttlingBaseDelay = throttlingBase;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Use the SDK's adaptive retry strategy instead of the standard one; default false. Adaptive
     * also rate-limits this client after throttling (a client-side token bucket), which spares the
     * account's shared EC2 budget when many agents share it, at the cost of delaying this node's
     * own calls, a takeover included, while the limiter recovers.
     */
    public Builder adaptiveRetry(boolean adaptive) {
      this.adaptive = adaptive;
      return this;
    }

    /** Adds an SDK interceptor (metrics, request recording). */
    public Builder addExecutionInterceptor(ExecutionInterceptor interceptor) {
      interceptors.add(notNull("executionInterceptor", interceptor));
      return this;
    }

    /** The retry strategy this builder configures (exposed for tests and for custom clients). */
    public RetryStrategy retryStrategy() {
      RetryStrategy.Builder<?, ?> b = adaptive ? AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
          : AwsRetryStrategy.standardRetryStrategy().toBuilder();
      return b.maxAttempts(maxAttempts)
          .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxBackoff))
          .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxBackoff))
          .build();
    }

    /** Checks across fields and builds; the caller closes the client. */
    public Ec2Client build() {
      if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
        throw new IllegalArgumentException("apiCallAttemptTimeout must be <= apiCallTimeout (" + apiCallTimeout
            + "), was " + apiCallAttemptTimeout);
      }
      ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
          .apiCallTimeout(apiCallTimeout)
          .apiCallAttemptTimeout(apiCallAttemptTimeout)
          .retryStrategy(retryStrategy());
      interceptors.forEach(override::addExecutionInterceptor);
      Ec2ClientBuilder b = Ec2Client.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder()
              .connectionTimeout(connectTimeout)
              .socketTimeout(apiCallAttemptTimeout))
          .overrideConfiguration(override.build());
      if (region != null) {
        b.region(region);
      }
      if (credentials != null) {
        b.credentialsProvider(credentials);
      }
      if (endpointOverride != null) {
        b.endpointOverride(endpointOverride);
      }
      return b.build();
    }
  }
}

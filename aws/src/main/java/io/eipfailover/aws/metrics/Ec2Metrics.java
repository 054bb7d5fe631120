package io.eipfailover.aws.metrics;

import io.eipfailover.aws.Ec2Outcomes;
import io.eipfailover.core.runtime.Checks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times and counts every call of an {@code Ec2Client}, whoever makes it (the reconciler,
 * preflight, provisioning, the EC2 guard): add it to the client with {@code
 * Ec2Clients.Builder.addExecutionInterceptor} and bind it to a registry.
 *
 * <pre>{@code
 * Ec2Metrics ec2Metrics = new Ec2Metrics();
 * Ec2Client ec2 = Ec2Clients.builder().addExecutionInterceptor(ec2Metrics).build();
 * ec2Metrics.bindTo(registry);
 * }</pre>
 *
 * <ul>
 *   <li>{@code eipfailover.ec2.calls} (timer, tags {@code operation}, e.g. {@code
 *       AssociateAddress}, and {@code outcome}: {@code success} or {@code error}): a whole call,
 *       the SDK's retries included, with a percentile histogram from 1 ms to 30 s;
 *   <li>{@code eipfailover.ec2.errors} (counter, tags {@code operation} and {@code code}: EC2's error
 *       code such as {@code RequestLimitExceeded} or {@code UnauthorizedOperation}, or what happened
 *       instead of an EC2 answer, as {@link Ec2Outcomes} names it: {@code http_502}, {@code
 *       timeout}, {@code unparseable_answer}, {@code wrong_shape} (a 200 not shaped like EC2's
 *       answer, timed as an {@code error}), {@code connection_refused}, {@code client}, ...).
 * </ul>
 *
 * <p>Time comes from each registry's clock. Calls made before {@link #bindTo} are not recorded;
 * binding to several registries records into each. Thread-safe.
 */
public final class Ec2Metrics implements ExecutionInterceptor, MeterBinder {
  private static final ExecutionAttribute<List<Started>> STARTED = new ExecutionAttribute<>("eipfailover.ec2.started");

  private record Started(MeterRegistry registry, Timer.Sample sample) {}

  private final Iterable<Tag> tags;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /** An interceptor whose meters carry no extra tags. */
  public Ec2Metrics() {
    this(Tags.empty());
  }

  /** An interceptor whose meters carry {@code tags} too. */
  public Ec2Metrics(Iterable<Tag> tags) {
    this.tags = Tags.of(Checks.notNull("tags", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(Checks.notNull("registry", registry));
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!registries.isEmpty()) {
      attributes.putAttribute(STARTED, registries.stream().map(r -> new Started(r, Timer.start(r))).toList());
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    // A 200 not shaped like EC2's answer is a success to the SDK, an error to the EIP manager.
    Optional<String> wrong = Ec2Outcomes.ofAnswer(context.request(), context.response());
    finish(attributes, wrong.isPresent() ? "error" : "success", wrong.orElse(null));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    finish(attributes, "error", errorCode(context.exception()));
  }

  private void finish(ExecutionAttributes attributes, String outcome, String errorCode) {
    List<Started> started = attributes.getAttribute(STARTED);
    if (started == null) {
      return;
    }
    String operation = operation(attributes);
    for (Started s : started) {
      s.sample().stop(Timer.builder("eipfailover.ec2.calls")
          .description("EC2 API calls, the SDK's retries included")
          .tags(tags).tag("operation", operation).tag("outcome", outcome)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .register(s.registry()));
      if (errorCode != null) {
        Counter.builder("eipfailover.ec2.errors")
            .description("failed EC2 API calls by EC2 error code, or what happened instead of an EC2 answer")
            .tags(tags).tag("operation", operation).tag("code", errorCode)
            .register(s.registry()).increment();
      }
    }
  }

  /**
   * The {@code code} tag of a failed call, as {@link Ec2Outcomes#of} names it: EC2's error code
   * ({@code RequestLimitExceeded}, ...) or, in lower case, what happened before or instead of an EC2
   * answer ({@code http_502}, {@code timeout}, {@code unparseable_answer}, {@code
   * connection_refused}, {@code connection_failed}, {@code client}, ...). Public so that other
   * reports of the same errors use the same words.
   */
  public static String errorCode(Throwable e) {
    return e instanceof SdkException s ? Ec2Outcomes.of(s) : "client";
  }

  private static String operation(ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return op == null ? "unknown" : op;
  }
}

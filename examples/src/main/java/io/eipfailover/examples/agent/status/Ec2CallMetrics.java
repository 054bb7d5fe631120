package io.eipfailover.examples.agent.status;

import io.eipfailover.aws.Ec2Outcomes;
import io.eipfailover.aws.metrics.Ec2Metrics;
import java.util.Optional;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The agent's interceptor on its EC2 client (reconciler, preflight, provisioning, guards): the
 * library's {@link Ec2Metrics} for {@code /metrics}, and every failed call (operation, {@link
 * Ec2Metrics#errorCode code}), and every 200 not shaped like EC2's answer ({@code wrong_shape}),
 * told to one listener for {@code /status}'s recent events. Add it with
 * {@code Ec2Clients.Builder.addExecutionInterceptor}. Thread-safe.
 */
public final class Ec2CallMetrics implements ExecutionInterceptor {
  private final Ec2Metrics meters = new Ec2Metrics();
  private volatile BiConsumer<String, String> errorListener = (operation, code) -> { };

  /** The meters, to bind to the agent's registry. */
  public Ec2Metrics meters() {
    return meters;
  }

  /** Also tells {@code listener} (operation, code) of every failed call, on the calling thread; replaces any earlier one. */
  public void onError(BiConsumer<String, String> listener) {
    this.errorListener = listener;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    meters.beforeExecution(context, attributes);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    meters.afterExecution(context, attributes);
    Ec2Outcomes.ofAnswer(context.request(), context.response()).ifPresent(code -> errorListener.accept(
        Optional.ofNullable(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).orElse("unknown"), code));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    meters.onExecutionFailure(context, attributes);
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    errorListener.accept(op == null ? "unknown" : op, Ec2Metrics.errorCode(context.exception()));
  }
}

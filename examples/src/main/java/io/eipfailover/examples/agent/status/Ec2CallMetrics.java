package io.eipfailover.examples.agent.status;

import io.eipfailover.aws.Ec2Outcomes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every EC2 call the agent makes (reconciler, preflight, provisioning, guards), by
 * operation, and every failed call by operation and what happened, as {@link Ec2Outcomes} labels
 * it: EC2's error code ({@code RequestLimitExceeded}, {@code UnauthorizedOperation}, ...), {@code
 * http_502} for an HTTP error without an EC2 error, {@code timeout}, {@code unparseable_answer},
 * {@code connection_refused}, {@code connection_failed}, ... and {@code wrong_shape} for a 200 that is
 * not shaped like EC2's answer (the SDK counts it a success; the EIP manager refuses it). Add it to
 * the client with {@code Ec2Clients.Builder.addExecutionInterceptor}. Thread-safe.
 */
public final class Ec2CallMetrics implements ExecutionInterceptor {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, String> errorListener = (operation, code) -> { };

  /** Also tells {@code listener} (operation, code) of every failed call, on the calling thread; replaces any earlier one. */
  public void onError(BiConsumer<String, String> listener) {
    this.errorListener = listener;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    calls.computeIfAbsent(operation(attributes), k -> new LongAdder()).increment();
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    String code = context.exception() instanceof SdkException e ? Ec2Outcomes.of(e) : "client";
    errors.computeIfAbsent(operation(attributes) + "\u0000" + code, k -> new LongAdder()).increment();
    errorListener.accept(operation(attributes), code);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Ec2Outcomes.ofAnswer(context.request(), context.response()).ifPresent(code -> {
      errors.computeIfAbsent(operation(attributes) + "\u0000" + code, k -> new LongAdder()).increment();
      errorListener.accept(operation(attributes), code);
    });
  }

  /** Calls by operation, sorted. */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Failed calls by {@code operation} and {@code code}, keyed {@code operation + '\0' + code}, sorted. */
  public Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static String operation(ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return op == null ? "unknown" : op;
  }
}

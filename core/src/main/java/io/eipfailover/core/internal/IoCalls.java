package io.eipfailover.core.internal;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.TakeoverRequest;
import io.eipfailover.core.internal.reconciler.Input;
import io.eipfailover.core.internal.reconciler.Stamp;
import io.eipfailover.core.runtime.LoopExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the reconciler's blocking effects (EC2 calls, guard evaluations) on the I/O executor, each
 * under a deadline timed on the loop's scheduler, and hands exactly one result input per call to
 * {@code results}: the first of the answer and the time-out wins, a late answer is dropped, and a
 * call still running at its deadline is cancelled (interrupted). So a hanging guard or EC2 call
 * never blocks the loop and never leaves the step waiting. Thread-safe.
 */
final class IoCalls {
  /** Makes the result input once the runner has stamped it. */
  interface Result extends Function<Stamp, Input> {}

  private final ElasticIpManager manager;
  private final SplitBrainGuard guard;
  private final Executor io;
  private final LoopExecutor loop;
  private final Duration guardTimeout;
  private final Duration callTimeout;
  private final Consumer<Result> results;

  IoCalls(ElasticIpManager manager, SplitBrainGuard guard, Executor io, LoopExecutor loop, Duration guardTimeout,
      Duration callTimeout, Consumer<Result> results) {
    this.manager = manager;
    this.guard = guard;
    this.io = io;
    this.loop = loop;
    this.guardTimeout = guardTimeout;
    this.callTimeout = callTimeout;
    this.results = results;
  }

  void describe(List<ElasticIp> elasticIps) {
    call(callTimeout, () -> manager.describe(elasticIps), IoCalls::described,
        e -> at -> new Input.DescribeFailed(at, kindOf(e), e.toString()),
        at -> new Input.DescribeFailed(at, ElasticIpManagerException.Kind.RETRYABLE, "no answer within " + callTimeout));
  }

  private static Result described(Map<String, ObservedAssociation> observed) {
    if (observed == null) {
      return at -> new Input.DescribeFailed(at, ElasticIpManagerException.Kind.RETRYABLE,
          "the EIP manager returned no observations");
    }
    return at -> new Input.DescribeSucceeded(at, observed);
  }

  void askGuard(TakeoverRequest request) {
    ElasticIp eip = request.elasticIp();
    call(guardTimeout, () -> guard.evaluate(request),
        v -> at -> new Input.GuardAnswered(at, eip, v != null ? v : GuardVerdict.deny("guard returned no verdict")),
        e -> at -> new Input.GuardAnswered(at, eip, GuardVerdict.deny("guard failed: " + e)),
        at -> new Input.GuardAnswered(at, eip, GuardVerdict.deny("guard gave no answer within " + guardTimeout)));
  }

  void associate(ElasticIp eip, AttachmentPoint target) {
    call(callTimeout, () -> manager.associate(eip, target),
        id -> at -> new Input.AssociateSucceeded(at, eip, target, Optional.ofNullable(id).filter(i -> !i.isBlank())),
        e -> at -> new Input.AssociateFailed(at, eip, target, kindOf(e), String.valueOf(e.getMessage())),
        at -> new Input.AssociateFailed(at, eip, target, ElasticIpManagerException.Kind.RETRYABLE,
            "no answer within " + callTimeout));
  }

  private static ElasticIpManagerException.Kind kindOf(RuntimeException e) {
    return e instanceof ElasticIpManagerException m ? m.kind() : ElasticIpManagerException.Kind.RETRYABLE;
  }

  private <T> void call(Duration timeout, Supplier<T> work, Function<T, Result> answered,
      Function<RuntimeException, Result> failed, Result timedOut) {
    AtomicBoolean settled = new AtomicBoolean();
    FutureTask<Void> task = new FutureTask<>(() -> {
      Result r;
      try {
        r = answered.apply(work.get());
      } catch (RuntimeException e) {
        r = failed.apply(e);
      }
      if (settled.compareAndSet(false, true)) {
        results.accept(r);
      }
      return null;
    });
    Future<?> deadline = loop.schedule(() -> {
      if (settled.compareAndSet(false, true)) {
        task.cancel(true);
        results.accept(timedOut);
      }
    }, timeout);
    try {
      io.execute(() -> {
        task.run();
        deadline.cancel(false);
      });
    } catch (RuntimeException rejected) {
      if (settled.compareAndSet(false, true)) {
        deadline.cancel(false);
        results.accept(failed.apply(rejected));
      }
    }
  }
}

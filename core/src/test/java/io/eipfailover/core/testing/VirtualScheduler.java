package io.eipfailover.core.testing;

import com.google.common.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on a {@link VirtualTime}: one "lane" of the shared virtual
 * queue, typically one per simulated node. Tasks run on the thread that drives the virtual time,
 * ordered by (due time, insertion sequence) across all lanes.
 *
 * <p>Besides the executor contract, a lane can be {@linkplain #pause() paused}: due tasks are held
 * back and run, in their original order, when it is {@linkplain #resume() resumed} — late, the way
 * a process stopped by a GC pause or SIGSTOP wakes up. {@link #kill()} models a crashed process:
 * pending tasks vanish and new ones are silently dropped.
 *
 * <p>Semantics follow {@code ScheduledThreadPoolExecutor}: fixed-rate tasks catch up after a
 * delay; a periodic task that throws is not run again; after {@link #shutdown()} delayed one-shot
 * tasks still run and periodic ones are cancelled; submissions after shutdown are rejected. A
 * task's exception is also recorded in {@link VirtualTime#failures()}. {@code Future.get()} on an
 * unfinished task runs the tasks due now (outside a task) and throws {@link IllegalStateException}
 * if that does not finish it, since waiting for virtual time would block forever.
 *
 * <p>Not thread-safe: use from the thread that drives the virtual time.
 */
public final class VirtualScheduler implements ScheduledExecutorService {
  private enum State { RUNNING, SHUTDOWN, KILLED }

  private final VirtualTime time;
  private final String name;
  /** Tasks scheduled and neither finished nor cancelled, in scheduling order. */
  private final Set<VirtualTask<?>> live = new LinkedHashSet<>();
  private final List<VirtualTask<?>> deferred = new ArrayList<>();
  private State state = State.RUNNING;
  private boolean paused;

  VirtualScheduler(VirtualTime time, String name) {
    this.time = Objects.requireNonNull(time, "time");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** This lane's name (appears in recorded failures). */
  public String name() {
    return name;
  }

  /** The virtual time this lane runs on. */
  public VirtualTime time() {
    return time;
  }

  /** Shorthand for {@code time().ticker()}. */
  public Ticker ticker() {
    return time.ticker();
  }

  /** Shorthand for {@code time().clock()}. */
  public Clock clock() {
    return time.clock();
  }

  /** Shorthand for {@code time().advance(d)}: runs every lane's tasks due within {@code d}. */
  public void advance(Duration d) {
    time.advance(d);
  }

  /** Shorthand for {@code time().runUntil(nanos)}. */
  public void runUntil(long nanos) {
    time.runUntil(nanos);
  }

  /** Shorthand for {@code time().runPending()}. */
  public void runPending() {
    time.runPending();
  }

  /** Shorthand for {@code time().failures()}: every task exception so far, on any lane. */
  public List<VirtualTime.TaskFailure> failures() {
    return time.failures();
  }

  /** Holds back this lane's due tasks until {@link #resume()}. Idempotent. */
  public void pause() {
    paused = true;
  }

  /** Runs the held-back tasks (now, in their original order) and lets new ones run on time. */
  public void resume() {
    paused = false;
    List<VirtualTask<?>> held = new ArrayList<>(deferred);
    deferred.clear();
    for (VirtualTask<?> t : held) {
      long nominal = t.nominalNanos;
      time.enqueue(t, time.nanos());
      t.nominalNanos = nominal;
    }
  }

  /** Whether the lane is paused. */
  public boolean isPaused() {
    return paused;
  }

  /** Crash: drops every pending task; later submissions are accepted and silently dropped. */
  public void kill() {
    state = State.KILLED;
    for (VirtualTask<?> t : new ArrayList<>(live)) {
      t.cancel(false);
    }
    deferred.clear();
  }

  /** Whether {@link #kill()} was called. */
  public boolean isKilled() {
    return state == State.KILLED;
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    Objects.requireNonNull(task, "task");
    return schedule(Executors.callable(task, result), 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    return add(new VirtualTask<>(this, Executors.callable(command), command, 0), unit.toNanos(delay));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable");
    return add(new VirtualTask<>(this, callable, callable, 0), unit.toNanos(delay));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return periodic(command, initialDelay, unit.toNanos(period), unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return periodic(command, initialDelay, -unit.toNanos(delay), unit);
  }

  private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long signedPeriod, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    if (signedPeriod == 0 || signedPeriod == Long.MIN_VALUE) {
      throw new IllegalArgumentException("period must be > 0, was " + Math.abs(signedPeriod) + " " + unit);
    }
    return add(new VirtualTask<>(this, Executors.callable(command), command, signedPeriod), unit.toNanos(initialDelay));
  }

  private <V> VirtualTask<V> add(VirtualTask<V> task, long delayNanos) {
    if (state == State.SHUTDOWN) {
      throw new RejectedExecutionException("scheduler " + name + " is shut down");
    }
    if (state == State.KILLED) {
      task.cancelled = true;
      return task;
    }
    live.add(task);
    long delay = Math.max(0, delayNanos);
    long due = time.nanos() + delay;
    time.enqueue(task, due < 0 ? Long.MAX_VALUE : due); // saturate: "never" stays never
    return task;
  }

  /** Called by {@link VirtualTime} when {@code task} is due. */
  void dispatch(VirtualTask<?> task) {
    if (task.isDone()) {
      return;
    }
    if (paused) {
      deferred.add(task);
      return;
    }
    if (task.isPeriodic() && state == State.SHUTDOWN) {
      task.cancel(false);
      return;
    }
    task.runOnce();
    if (task.isPeriodic() && !task.isDone()) {
      long next = task.period > 0 ? task.nominalNanos + task.period : time.nanos() - task.period;
      time.enqueue(task, next);
    } else {
      live.remove(task);
    }
  }

  /** Called by a task of this lane when it is cancelled or fails for good. */
  void taskDone(VirtualTask<?> task) {
    live.remove(task);
    deferred.remove(task);
  }

  void recordFailure(Throwable error) {
    time.recordFailure(name, error);
  }

  @Override
  public void shutdown() {
    if (state == State.RUNNING) {
      state = State.SHUTDOWN;
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    List<Runnable> dropped = new ArrayList<>();
    for (VirtualTask<?> t : new ArrayList<>(live)) {
      dropped.add(t.asRunnable());
      t.cancel(false);
    }
    return dropped;
  }

  @Override
  public boolean isShutdown() {
    return state == State.SHUTDOWN || state == State.KILLED;
  }

  @Override
  public boolean isTerminated() {
    return isShutdown() && live.isEmpty();
  }

  /** Never blocks: there is nothing to wait for in virtual time. Returns {@link #isTerminated()}. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) {
      futures.add(submit(t));
    }
    if (!time.isRunning()) {
      time.runPending();
    }
    return futures;
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    return invokeAll(tasks);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
    throw new UnsupportedOperationException("invokeAny would block; not supported in virtual time");
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException("invokeAny would block; not supported in virtual time");
  }

  @Override
  public String toString() {
    return "VirtualScheduler{" + name + ", " + state + ", t=" + Duration.ofNanos(time.nanos()) + "}";
  }
}

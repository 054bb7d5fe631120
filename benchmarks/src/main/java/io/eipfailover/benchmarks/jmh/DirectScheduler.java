package io.eipfailover.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler for benchmarks of one reconciler pass: {@link #execute} runs the task at once on the
 * calling thread, and delayed tasks (ticks, health checks, confirmations) are counted and dropped,
 * so a measured {@code reconcileNow()} does exactly one pass and nothing else runs in the
 * background. Not for production use.
 */
final class DirectScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private volatile boolean shutdown;
  private long dropped;

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  /** Delayed tasks dropped so far. */
  long dropped() {
    return dropped;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    dropped++;
    return DroppedFuture.INSTANCE;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    dropped++;
    @SuppressWarnings("unchecked")
    ScheduledFuture<V> f = (ScheduledFuture<V>) DroppedFuture.INSTANCE;
    return f;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    dropped++;
    return DroppedFuture.INSTANCE;
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    dropped++;
    return DroppedFuture.INSTANCE;
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  /** The future of a task that will never run. */
  private static final class DroppedFuture implements ScheduledFuture<Object> {
    static final DroppedFuture INSTANCE = new DroppedFuture();

    @Override
    public long getDelay(TimeUnit unit) {
      return Long.MAX_VALUE;
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return true;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      throw new java.util.concurrent.CancellationException("dropped by DirectScheduler");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return get();
    }
  }
}

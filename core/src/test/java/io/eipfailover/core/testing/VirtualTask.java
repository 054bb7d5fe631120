package io.eipfailover.core.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One task of a {@link VirtualScheduler}: its future, its place in the {@link VirtualTime} queue
 * (due time, then insertion sequence) and, when periodic, its period (positive: fixed rate,
 * negative: fixed delay). Not thread-safe, like the rest of the virtual time.
 */
final class VirtualTask<V> implements RunnableScheduledFuture<V> {
  final VirtualScheduler owner;
  final long period;
  private final Callable<V> callable;
  private final Object source;
  /** When the task is queued to run (never before the time it was queued at). */
  long dueNanos;
  /** When the task was meant to run; fixed-rate periods count from here, as in the JDK. */
  long nominalNanos;
  long sequence;
  boolean cancelled;
  private boolean done;
  private V result;
  private Throwable failure;

  VirtualTask(VirtualScheduler owner, Callable<V> callable, Object source, long period) {
    this.owner = owner;
    this.callable = callable;
    this.source = source;
    this.period = period;
  }

  /** Runs the callable once, recording a thrown exception with the owner and the virtual time. */
  void runOnce() {
    try {
      V value = callable.call();
      if (!isPeriodic()) {
        result = value;
        done = true;
      }
    } catch (Throwable t) {
      failure = t;
      done = true;
      owner.recordFailure(t);
      owner.taskDone(this);
    }
  }

  Runnable asRunnable() {
    return source instanceof Runnable r ? r : this;
  }

  @Override
  public void run() {
    runOnce();
  }

  @Override
  public boolean isPeriodic() {
    return period != 0;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    cancelled = true;
    owner.taskDone(this);
    return true;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public boolean isDone() {
    return done || cancelled;
  }

  @Override
  public V get() throws ExecutionException {
    if (!isDone() && !owner.time().isRunning()) {
      owner.time().runPending();
    }
    if (cancelled) {
      throw new CancellationException("task was cancelled");
    }
    if (!done) {
      throw new IllegalStateException("task due at t=" + dueNanos + "ns is not done at t=" + owner.time().nanos()
          + "ns; waiting would block forever in virtual time (advance the clock first)");
    }
    if (failure != null) {
      throw new ExecutionException(failure);
    }
    return result;
  }

  @Override
  public V get(long timeout, TimeUnit unit) throws ExecutionException {
    return get();
  }

  @Override
  public long getDelay(TimeUnit unit) {
    return unit.convert(dueNanos - owner.time().nanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public int compareTo(Delayed other) {
    if (other instanceof VirtualTask<?> t) {
      int c = Long.compare(dueNanos, t.dueNanos);
      return c != 0 ? c : Long.compare(sequence, t.sequence);
    }
    return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
  }

  @Override
  public String toString() {
    return "VirtualTask{" + owner.name() + " due=" + dueNanos + "ns seq=" + sequence + " " + source + "}";
  }
}

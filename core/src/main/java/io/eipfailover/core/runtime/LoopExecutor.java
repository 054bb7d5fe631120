package io.eipfailover.core.runtime;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single logical thread a component's state lives on: a sequential executor over a scheduler,
 * so tasks run one at a time, in submission order, each seeing the writes of the ones before, even
 * when the scheduler has several threads. Code that runs only here needs no locks.
 *
 * <ul>
 *   <li><b>Error containment</b>: a task that throws is logged at ERROR with the node id and
 *       counted in {@link #failedTasks()}; the loop runs the next task.
 *   <li><b>After {@link #close()}</b> new and queued work is dropped quietly (logged at DEBUG):
 *       callbacks that race with shutdown are normal, not errors. A rejection by a scheduler that
 *       is still supposed to run is logged at WARN. Neither ever throws to the submitter.
 *   <li><b>Timers</b> ({@link #schedule}, {@link #scheduleAtFixedRate}) wait on the scheduler and
 *       then run their task on the loop; periodic timers are cancelled by {@code close()}.
 * </ul>
 *
 * <p>Ownership: a scheduler given to {@link #create} is never shut down by the loop (its owner
 * does that); one the loop made for itself ({@code scheduler} null) is shut down by {@code
 * close()}. Time comes only from the scheduler, so a virtual-time scheduler runs the loop at
 * virtual speed. Thread-safe.
 */
public final class LoopExecutor implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoopExecutor.class);

  private final NodeId self;
  private final String name;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Executor sequential;
  private final List<Future<?>> periodic = new CopyOnWriteArrayList<>();
  private final AtomicLong failedTasks = new AtomicLong();
  private volatile boolean closed;

  private LoopExecutor(NodeId self, String name, ScheduledExecutorService scheduler, boolean ownsScheduler) {
    this.self = self;
    this.name = name;
    this.scheduler = scheduler;
    this.ownsScheduler = ownsScheduler;
    this.sequential = MoreExecutors.newSequentialExecutor(scheduler);
  }

  /**
   * A loop on {@code scheduler}, or, when it is null, on one daemon thread of its own named {@code
   * eipfailover-<name>-<self>}.
   *
   * @param name what runs on the loop, for thread names and logs, e.g. {@code "jgroups"}
   */
  public static LoopExecutor create(NodeId self, String name, ScheduledExecutorService scheduler) {
    return create(self, name, scheduler, 1);
  }

  /**
   * As {@link #create(NodeId, String, ScheduledExecutorService)}, with {@code ownThreads} threads
   * when it makes its own scheduler (more than one when {@link #scheduler()} also runs blocking
   * work off the loop, such as health probes).
   */
  public static LoopExecutor create(NodeId self, String name, ScheduledExecutorService scheduler, int ownThreads) {
    Checks.notNull("self", self);
    Checks.notNull("name", name);
    Checks.positive("ownThreads", ownThreads);
    if (scheduler != null) {
      return new LoopExecutor(self, name, scheduler, false);
    }
    String threadName = "eipfailover-" + name + "-" + self;
    ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(ownThreads, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    own.setRemoveOnCancelPolicy(true);
    return new LoopExecutor(self, name, own, true);
  }

  /** Runs {@code task} on the loop, after every task submitted before it. */
  @Override
  public void execute(Runnable task) {
    Checks.notNull("task", task);
    if (closed) {
      LOG.debug("[id={}] {} loop is closed; task dropped", self, name);
      return;
    }
    try {
      sequential.execute(() -> runContained(task));
    } catch (RuntimeException rejected) {
      logRejected(rejected);
    }
  }

  private void runContained(Runnable task) {
    if (closed) {
      LOG.debug("[id={}] {} loop closed while a task was queued; task dropped", self, name);
      return;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      failedTasks.incrementAndGet();
      LOG.error("[id={}] {} loop task failed; the loop goes on", self, name, e);
    }
  }

  /** Runs {@code task} on the loop after {@code delay}; the future cancels it while it waits. */
  public Future<?> schedule(Runnable task, Duration delay) {
    Checks.notNull("task", task);
    Checks.nonNegative("delay", delay);
    if (closed) {
      LOG.debug("[id={}] {} loop is closed; timer dropped", self, name);
      return cancelled();
    }
    try {
      return scheduler.schedule(() -> execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException rejected) {
      logRejected(rejected);
      return cancelled();
    }
  }

  /** Runs {@code task} on the loop every {@code period}, first after one period, until cancelled or closed. */
  public Future<?> scheduleAtFixedRate(Runnable task, Duration period) {
    Checks.notNull("task", task);
    Checks.positive("period", period);
    if (closed) {
      LOG.debug("[id={}] {} loop is closed; periodic timer dropped", self, name);
      return cancelled();
    }
    try {
      long nanos = period.toNanos();
      ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> execute(task), nanos, nanos, TimeUnit.NANOSECONDS);
      periodic.add(f);
      if (closed) {
        f.cancel(false); // close() raced with this call and may have missed f
      }
      return f;
    } catch (RuntimeException rejected) {
      logRejected(rejected);
      return cancelled();
    }
  }

  private void logRejected(RuntimeException rejected) {
    if (closed) {
      LOG.debug("[id={}] {} loop closed; task dropped", self, name);
    } else {
      LOG.warn("[id={}] the scheduler of the {} loop rejected a task (shut down by its owner?): {}", self, name,
          rejected.toString());
    }
  }

  private static Future<?> cancelled() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    f.cancel(false);
    return f;
  }

  /** The scheduler under the loop, for work that must run off the loop (it may block). */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Tasks that threw so far. */
  public long failedTasks() {
    return failedTasks.get();
  }

  /**
   * Stops the loop: drops queued and later work, cancels periodic timers, and shuts down the
   * scheduler if the loop made it (without waiting for a running task). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    periodic.forEach(f -> f.cancel(false));
    periodic.clear();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return name + " loop of " + self + (closed ? " (closed)" : "");
  }
}

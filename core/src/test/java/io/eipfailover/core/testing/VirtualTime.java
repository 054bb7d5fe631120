package io.eipfailover.core.testing;

import com.google.common.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A deterministic virtual clock and the single task queue behind every {@link VirtualScheduler}
 * created from it. Nothing here uses real threads or real time: time only moves when a test calls
 * {@link #advance}, {@link #runUntil} or {@link #runPending}, and tasks run on the caller's thread
 * in (due time, insertion sequence) order, so the same calls always give the same run.
 *
 * <p>An exception thrown by a task is recorded in {@link #failures()} (with the virtual time and
 * the scheduler's name), never swallowed: simulations fail on a non-empty list.
 *
 * <p>The one virtual clock of every module's tests (the UDP module's in-memory network, the EC2
 * fake's token expiry and describe lag, the JGroups state rules all read it).
 *
 * <p>Drive it from one thread (the test's). Its {@link #ticker()}, {@link #clock()} and {@link
 * #nanos()} may be read from any thread (e.g. the EC2 fake's HTTP threads) and see the latest time.
 */
public final class VirtualTime {
  /** Wall-clock time at virtual nanosecond zero. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /** Guards against a task that reschedules itself at the same instant forever. */
  private static final long MAX_TASKS_PER_RUN = 50_000_000L;

  private final PriorityQueue<VirtualTask<?>> queue = new PriorityQueue<>();
  private final List<TaskFailure> failures = new ArrayList<>();
  private final Ticker ticker = new Ticker() {
    @Override
    public long read() {
      return now;
    }
  };
  private volatile long now;
  private long sequence;
  private boolean running;
  private long tasksRun;

  /** A task that threw, at virtual time {@code atNanos}, on scheduler {@code scheduler}. */
  public record TaskFailure(long atNanos, String scheduler, Throwable error) {
    @Override
    public String toString() {
      return "t=" + Duration.ofNanos(atNanos) + " on " + scheduler + ": " + error;
    }
  }

  /** A new virtual clock reading zero. */
  public VirtualTime() {}

  /** A new scheduler (a "lane" of this clock's queue) that can be paused and shut down on its own. */
  public VirtualScheduler scheduler(String name) {
    return new VirtualScheduler(this, name);
  }

  /** Virtual nanoseconds since creation. */
  public long nanos() {
    return now;
  }

  /** Virtual time since creation. */
  public Duration elapsed() {
    return Duration.ofNanos(now);
  }

  /** A Guava ticker reading virtual nanoseconds. */
  public Ticker ticker() {
    return ticker;
  }

  /** A UTC clock reading {@link #EPOCH} plus the virtual time. */
  public Clock clock() {
    return new VirtualClock(ZoneOffset.UTC);
  }

  /** Runs every task due at or before {@code now + duration}, then sets the clock there. */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0, was " + duration);
    }
    runUntil(now + duration.toNanos());
  }

  /** Runs every task due at or before {@code nanos}, in order, then sets the clock to {@code nanos}. */
  public void runUntil(long nanos) {
    if (nanos < now) {
      throw new IllegalArgumentException("runUntil(" + nanos + ") is in the past; now is " + now);
    }
    if (running) {
      throw new IllegalStateException("runUntil called from inside a virtual task (re-entrant run)");
    }
    running = true;
    try {
      long ran = 0;
      VirtualTask<?> next;
      while ((next = queue.peek()) != null && next.dueNanos <= nanos) {
        queue.poll();
        now = Math.max(now, next.dueNanos);
        if (++ran > MAX_TASKS_PER_RUN) {
          throw new IllegalStateException("more than " + MAX_TASKS_PER_RUN + " tasks at t=" + elapsed()
              + "; a task probably reschedules itself with no delay");
        }
        next.owner.dispatch(next);
      }
      tasksRun += ran;
      now = nanos;
    } finally {
      running = false;
    }
  }

  /** Runs every task due now (including those they schedule for now), without moving the clock. */
  public void runPending() {
    runUntil(now);
  }

  /**
   * Entries in the queue, including cancelled tasks not yet due (they are dropped lazily); tasks
   * held back by paused schedulers are not counted.
   */
  public int queued() {
    return queue.size();
  }

  /** Tasks run so far, for measurements. */
  public long tasksRun() {
    return tasksRun;
  }

  /** Every exception a task threw so far, oldest first. */
  public List<TaskFailure> failures() {
    return Collections.unmodifiableList(failures);
  }

  void enqueue(VirtualTask<?> task, long nominalNanos) {
    task.nominalNanos = nominalNanos;
    task.dueNanos = Math.max(nominalNanos, now);
    task.sequence = sequence++;
    queue.add(task);
  }

  void remove(VirtualTask<?> task) {
    queue.remove(task);
  }

  void recordFailure(String scheduler, Throwable error) {
    failures.add(new TaskFailure(now, scheduler, error));
  }

  boolean isRunning() {
    return running;
  }

  private final class VirtualClock extends Clock {
    private final ZoneId zone;

    VirtualClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new VirtualClock(zone);
    }

    @Override
    public Instant instant() {
      return EPOCH.plusNanos(now);
    }
  }
}

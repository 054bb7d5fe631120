package io.eipfailover.core.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way a test waits in real time, for every module: poll until a condition holds ({@link
 * #until}) or a probed value satisfies one ({@link #value}), or fail after a timeout. Use it only where a real thread, socket or process must be watched; anything
 * that runs on {@link VirtualTime} is advanced, never waited for.
 *
 * <p>Every timeout is multiplied by the system property {@value #TIME_SCALE_PROPERTY} (default 1;
 * e.g. {@code ./mvnw -B verify -Deip.test.timeScale=3} on a slow or loaded machine). Timeouts are
 * meant to be generous already (10× what the code needs), so the scale is for machines that are
 * far slower than usual, not a fix for a tight bound.
 *
 * <p>On failure the {@link AssertionError} names what was awaited, the timeout and the last
 * observed value. That value is rendered only then, once, and a rendering that throws (a list
 * another thread is appending to) is reported instead of hiding the timeout.
 *
 * <p>Waiting for "nothing happens" is not what this is for: wait for a bounded event that shows
 * the code had its chance to act (a counter passing a value, a later message), then assert.
 *
 * <p>Thread-safe (stateless).
 */
public final class Await {
  /** The system property every timeout is multiplied by. */
  public static final String TIME_SCALE_PROPERTY = "eip.test.timeScale";

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private Await() {}

  /**
   * The factor from {@value #TIME_SCALE_PROPERTY}, 1 when unset.
   *
   * @throws IllegalArgumentException naming the property and the bad value unless it is a finite
   *     number &gt; 0
   */
  public static double timeScale() {
    String raw = System.getProperty(TIME_SCALE_PROPERTY);
    if (raw == null || raw.isBlank()) {
      return 1.0;
    }
    double scale;
    try {
      scale = Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TIME_SCALE_PROPERTY + " must be a number > 0, was '" + raw + "'", e);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(TIME_SCALE_PROPERTY + " must be a number > 0, was '" + raw + "'");
    }
    return scale;
  }

  /** {@code base} multiplied by {@link #timeScale()}. */
  public static Duration scaled(Duration base) {
    Objects.requireNonNull(base, "base");
    return Duration.ofNanos((long) Math.ceil(base.toNanos() * timeScale()));
  }

  /**
   * Polls {@code probe} until its value satisfies {@code done} and returns that value; fails after
   * the scaled {@code timeout} showing the last value.
   */
  public static <T> T value(String what, Duration timeout, Supplier<? extends T> probe, Predicate<? super T> done) {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(done, "done");
    Object[] last = new Object[1];
    poll(what, timeout, () -> {
      T value = probe.get();
      last[0] = value;
      return done.test(value);
    }, () -> last[0]);
    @SuppressWarnings("unchecked")
    T value = (T) last[0];
    return value;
  }

  /**
   * Polls {@code done} until it is true; fails after the scaled {@code timeout} showing {@code
   * observed} (called only then).
   */
  public static void until(String what, Duration timeout, BooleanSupplier done, Supplier<?> observed) {
    Objects.requireNonNull(done, "done");
    Objects.requireNonNull(observed, "observed");
    poll(what, timeout, done, observed);
  }

  /** Polls {@code done} until it is true; fails after the scaled {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier done) {
    until(what, timeout, done, () -> "(not recorded)");
  }

  private static void poll(String what, Duration timeout, BooleanSupplier done, Supplier<?> observed) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
    }
    Duration limit = scaled(timeout);
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - start > limit.toNanos()) {
        throw new AssertionError(failure(what, timeout, limit, observed));
      }
      try {
        TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  static String failure(String what, Duration timeout, Duration limit, Supplier<?> observed) {
    String scale = limit.equals(timeout) ? "" : " (" + timeout + " × " + TIME_SCALE_PROPERTY + ")";
    return what + ": not within " + limit + scale + "; last observed: " + render(observed);
  }

  private static String render(Supplier<?> observed) {
    try {
      return String.valueOf(observed.get());
    } catch (RuntimeException e) {
      return "(could not be shown: " + e + ")";
    }
  }
}

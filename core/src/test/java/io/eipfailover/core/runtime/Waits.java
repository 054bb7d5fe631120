package io.eipfailover.core.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for an event of a real-thread test, with a generous bound (never to show that nothing happens). */
final class Waits {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private Waits() {}

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out after " + BOUND + " waiting until " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  /** Until {@code thread} blocks (waits on a monitor or a lock), i.e. is parked by the code under test. */
  static void blocked(Thread thread) {
    until(thread.getName() + " waits", () -> thread.getState() == Thread.State.WAITING
        || thread.getState() == Thread.State.TIMED_WAITING || thread.getState() == Thread.State.BLOCKED);
  }
}

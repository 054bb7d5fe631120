package io.eipfailover.benchmarks.harness;

import java.time.Clock;
import java.time.Duration;

/**
 * The harness's only access to real time: epoch microseconds from a {@link Clock} (comparable with
 * the node processes' event lines) and waiting. The harness measures wall-clock behaviour of real
 * processes, so unlike library code it must wait for real; this one class does it, created in the
 * mains.
 */
public final class WallClock {
  private final Clock clock;

  public WallClock(Clock clock) {
    this.clock = clock;
  }

  /** The system UTC clock. */
  public static WallClock system() {
    return new WallClock(Clock.systemUTC());
  }

  /** Microseconds since the epoch. */
  public long micros() {
    return EventLine.micros(clock.instant());
  }

  /** The clock itself (for the EC2 fake, which timestamps calls with it). */
  public Clock clock() {
    return clock;
  }

  /** Waits {@code d}; restores the interrupt flag and throws if interrupted. */
  public void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting " + d, e);
    }
  }
}

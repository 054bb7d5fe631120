package io.eipfailover.core.internal;

import java.time.Duration;
import java.util.Random;

/** Exponential back-off with jitter: pure apart from the injected {@link Random}. */
final class Backoff {
  private Backoff() {}

  /**
   * The wait after the {@code failures}-th consecutive failure (1-based): {@code initial} doubled
   * per failure, capped at {@code max}, then shortened by a random fraction of up to half so nodes
   * that failed together do not retry together.
   */
  static long delayNanos(int failures, Duration initial, Duration max, Random random) {
    int exponent = Math.max(0, Math.min(failures - 1, 30));
    double base = Math.min((double) max.toNanos(), initial.toNanos() * Math.pow(2, exponent));
    return (long) (base * (1.0 - 0.5 * random.nextDouble()));
  }
}

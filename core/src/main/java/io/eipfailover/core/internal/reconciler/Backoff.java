package io.eipfailover.core.internal.reconciler;

import java.time.Duration;

/** Exponential back-off with jitter: a pure function; the jitter is drawn by the runner. */
final class Backoff {
  private Backoff() {}

  /**
   * The wait after the {@code failures}-th consecutive failure (1-based): {@code initial} doubled
   * per failure, capped at {@code max}, then shortened by {@code jitter} × half (jitter in [0, 1))
   * so nodes that failed together do not retry together.
   */
  static long delayNanos(int failures, Duration initial, Duration max, double jitter) {
    int exponent = Math.max(0, Math.min(failures - 1, 30));
    double base = Math.min((double) max.toNanos(), initial.toNanos() * Math.pow(2, exponent));
    return (long) (base * (1.0 - 0.5 * jitter));
  }
}

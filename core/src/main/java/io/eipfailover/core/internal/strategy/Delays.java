package io.eipfailover.core.internal.strategy;

import java.time.Duration;
import java.util.Objects;

/** Validation and conversion of the strategies' fail-back delays. */
final class Delays {
  private Delays() {}

  /** Checks {@code value} is non-null and not negative; the message names {@code name}. */
  static Duration requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name + " must not be null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
    return value;
  }

  /** The delay in nanoseconds, saturating at {@link Long#MAX_VALUE} for absurdly long delays. */
  static long toNanos(Duration value) {
    try {
      return value.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}

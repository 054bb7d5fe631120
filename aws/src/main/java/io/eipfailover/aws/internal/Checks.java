package io.eipfailover.aws.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the parameter and show the bad value. Not API. */
public final class Checks {
  private Checks() {}

  /** {@code d} if strictly positive, else an exception naming {@code name}. */
  public static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name + " must not be null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
    return d;
  }

  /** {@code value} if within [min, max], else an exception naming {@code name}. */
  public static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** {@code value} if non-null, else an exception naming {@code name}. */
  public static <T> T notNull(String name, T value) {
    return Objects.requireNonNull(value, name + " must not be null");
  }

  /** {@code value} if non-null, non-blank and matching {@code regex}, else an exception. */
  public static String matches(String name, String value, String regex, String example) {
    if (value == null || !value.matches(regex)) {
      throw new IllegalArgumentException(name + " must look like " + example + ", was '" + value + "'");
    }
    return value;
  }

  /** Throws naming {@code name} when a required builder field was not set. */
  public static <T> T required(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be set");
    }
    return value;
  }
}

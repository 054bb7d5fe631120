package io.eipfailover.core.runtime;

import com.google.common.base.Strings;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Argument checks for builders and constructors. Every message names the parameter and shows the
 * bad value ({@code "keepalive must be > 0, was PT0S"}); every check returns its argument, so a
 * setter reads {@code this.keepalive = Checks.positive("keepalive", keepalive)}. A null where a
 * value is needed is a {@link NullPointerException}; any other bad value an {@link
 * IllegalArgumentException}; a required builder field left unset ({@link #required}) also an
 * {@code IllegalArgumentException}, since the builder, not a caller's argument, is incomplete.
 */
public final class Checks {
  /** The rule every cluster name follows, as messages and Javadoc spell it. */
  public static final String CLUSTER_NAME_RULE = "1 to 32 characters of [A-Za-z0-9._-]";

  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private Checks() {}

  /**
   * Throws {@link IllegalArgumentException} with the message {@code template} (its {@code %s}
   * filled from {@code args}, as Guava's {@code checkArgument}) unless {@code condition} holds.
   */
  public static void require(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(Strings.lenientFormat(template, args));
    }
  }

  /** {@code value}, or a {@link NullPointerException} saying {@code "<name> must not be null"}. */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /** {@code value}, or an {@link IllegalArgumentException} saying {@code "<name> must be set"}. */
  public static <T> T required(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be set");
    }
    return value;
  }

  /** {@code value} if longer than zero. */
  public static Duration positive(String name, Duration value) {
    notNull(name, value);
    require(!value.isNegative() && !value.isZero(), "%s must be > 0, was %s", name, value);
    return value;
  }

  /** {@code value} if not negative. */
  public static Duration nonNegative(String name, Duration value) {
    notNull(name, value);
    require(!value.isNegative(), "%s must be >= 0, was %s", name, value);
    return value;
  }

  /** {@code value} if above zero. */
  public static long positive(String name, long value) {
    require(value > 0, "%s must be > 0, was %s", name, value);
    return value;
  }

  /** {@code value} if above zero. */
  public static int positive(String name, int value) {
    require(value > 0, "%s must be > 0, was %s", name, value);
    return value;
  }

  /** {@code value} if not negative. */
  public static long nonNegative(String name, long value) {
    require(value >= 0, "%s must be >= 0, was %s", name, value);
    return value;
  }

  /** {@code value} if not negative. */
  public static int nonNegative(String name, int value) {
    require(value >= 0, "%s must be >= 0, was %s", name, value);
    return value;
  }

  /** {@code value} if not negative and finite (not NaN). */
  public static double nonNegative(String name, double value) {
    require(value >= 0 && Double.isFinite(value), "%s must be >= 0 and finite, was %s", name, value);
    return value;
  }

  /** {@code value} if within {@code [min, max]}. */
  public static int range(String name, int value, int min, int max) {
    require(value >= min && value <= max, "%s must be between %s and %s, was %s", name, min, max, value);
    return value;
  }

  /**
   * {@code value} if it matches {@code pattern} whole; otherwise the message says {@code "<name>
   * must be <rule>, was '<value>'"} (also for null).
   */
  public static String matches(String name, String value, Pattern pattern, String rule) {
    require(value != null && pattern.matcher(value).matches(), "%s must be %s, was '%s'", name, rule, value);
    return value;
  }

  /** {@code value} if it follows the cluster-name rule, {@value #CLUSTER_NAME_RULE}. */
  public static String clusterName(String name, String value) {
    return matches(name, value, CLUSTER_NAME, CLUSTER_NAME_RULE);
  }
}

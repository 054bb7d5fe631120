package io.eipfailover.core.testing;

import java.time.Duration;

/**
 * Thrown by {@link InvariantChecker} when a simulation breaks an invariant. {@link #invariant()}
 * names it (e.g. {@code pull-only}), the message says what broke and when, in virtual time.
 */
public final class InvariantViolation extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String invariant;
  private final long atNanos;

  public InvariantViolation(String invariant, long atNanos, String message) {
    super("[" + invariant + "] at t=" + Duration.ofNanos(atNanos).toMillis() + "ms: " + message);
    this.invariant = invariant;
    this.atNanos = atNanos;
  }

  /** Copies {@code cause} with more context appended (the schedule, recent history). */
  public InvariantViolation(InvariantViolation cause, String context) {
    super(cause.getMessage() + "\n" + context, cause);
    this.invariant = cause.invariant;
    this.atNanos = cause.atNanos;
  }

  /** The invariant's name. */
  public String invariant() {
    return invariant;
  }

  /** Virtual time of the violation. */
  public long atNanos() {
    return atNanos;
  }
}

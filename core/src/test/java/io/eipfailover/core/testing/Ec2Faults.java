package io.eipfailover.core.testing;

/**
 * Error injection for {@link SimulatedEc2}, by seeded probability per call: {@code throttle}
 * (RequestLimitExceeded, retryable), {@code serverError} (HTTP 5xx, retryable), {@code authError}
 * (UnauthorizedOperation, permission), and {@code lostResponse} (an associate that takes effect but
 * whose answer is lost: the caller sees a retryable time-out — the half-failed call that resync
 * must repair).
 */
public record Ec2Faults(double throttle, double serverError, double authError, double lostResponse) {
  /** No injected errors. */
  public static final Ec2Faults NONE = new Ec2Faults(0, 0, 0, 0);

  public Ec2Faults {
    check("throttle", throttle);
    check("serverError", serverError);
    check("authError", authError);
    check("lostResponse", lostResponse);
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], was " + p);
    }
  }

  /** Whether every probability is zero. */
  public boolean isNone() {
    return throttle == 0 && serverError == 0 && authError == 0 && lostResponse == 0;
  }
}

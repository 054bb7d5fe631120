package io.eipfailover.core.internal.strategy;

import java.time.Duration;

/**
 * Home with fail-back (Heartbeat {@code auto_failback on}): an EIP belongs on its home node; an
 * orphan goes to the home's ring successor; the home node pulls it back once it has been ALIVE for
 * the fail-back delay. Immutable and thread-safe.
 */
public final class HomeWithFailbackStrategy extends AbstractPlacementStrategy {
  private final Duration failbackDelay;
  private final long failbackNanos;

  public HomeWithFailbackStrategy(Duration failbackDelay) {
    this.failbackDelay = Delays.requireNonNegative("failbackDelay", failbackDelay);
    this.failbackNanos = Delays.toNanos(failbackDelay);
  }

  public Duration failbackDelay() {
    return failbackDelay;
  }

  @Override
  Decision decide(EipContext eip) {
    if (goesHome(eip, failbackNanos)) {
      return Decision.HOME;
    }
    if (eip.holderKeepable()) {
      return Decision.STAY;
    }
    return Decision.seek(eip.eligibleRingAfterHome());
  }

  /**
   * The fail-back rule shared with the balanced strategy: an ALIVE home takes its EIP when it
   * already holds it, when the holder cannot keep it, or once it has been ALIVE for the delay (so a
   * flapping home node does not drag its EIP back and forth).
   */
  static boolean goesHome(EipContext eip, long failbackNanos) {
    if (!eip.isEligible(eip.home())) {
      return false;
    }
    boolean homeHolds = eip.holder().map(eip.home()::equals).orElse(false);
    return homeHolds || !eip.holderKeepable() || eip.nanosInState(eip.home()) >= failbackNanos;
  }

  @Override
  public String toString() {
    return "homeWithFailback(" + failbackDelay + ")";
  }
}

package io.eipfailover.core.internal.strategy;

/**
 * Sticky (Heartbeat {@code auto_failback off}, keepalived {@code nopreempt}): an EIP stays on any
 * holder that can keep it; an orphan goes home if home is ALIVE, else to the home's ring successor.
 * One move per failure, none on recovery. Immutable and thread-safe.
 */
public final class StickyStrategy extends AbstractPlacementStrategy {

  @Override
  Decision decide(EipContext eip) {
    if (eip.holderKeepable()) {
      return Decision.STAY;
    }
    if (eip.isEligible(eip.home())) {
      return Decision.HOME;
    }
    return Decision.seek(eip.eligibleRingAfterHome());
  }

  @Override
  public String toString() {
    return "sticky()";
  }
}

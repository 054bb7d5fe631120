package io.eipfailover.membership.udp.internal;

/**
 * Heartbeat's fixed deadline: the peer is dead once silent for {@code deadtime}. Predictable and
 * easy to reason about; it does not adapt to the network.
 */
final class DeadlineDetector implements FailureDetector {
  private final long deadtimeNanos;
  private long lastArrival;
  private boolean started;

  DeadlineDetector(long deadtimeNanos) {
    this.deadtimeNanos = deadtimeNanos;
  }

  @Override
  public void heartbeat(long now) {
    lastArrival = now;
    started = true;
  }

  @Override
  public boolean isDead(long now) {
    return started && now - lastArrival >= deadtimeNanos;
  }

  @Override
  public void restartClock(long now) {
    if (started) {
      lastArrival = now;
    }
  }

  @Override
  public String describe(long now) {
    return started ? "silent " + (now - lastArrival) / 1_000_000 + " ms" : "never heard";
  }
}

package io.eipfailover.core.internal;

/**
 * A token bucket over ticker readings: {@code burst} tokens, refilled continuously at {@code
 * perSecond}. Pure arithmetic; the caller supplies the time. Not thread-safe (used on the
 * reconciler's loop only).
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;
  private boolean started;

  TokenBucket(int burst, double perSecond) {
    this.capacity = burst;
    this.perNano = perSecond / 1e9;
    this.tokens = burst;
  }

  /** Takes one token if there is one at {@code now}. */
  boolean tryAcquire(long now) {
    refill(now);
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }

  /**
   * Whether {@code n} tokens are available at {@code now} (none taken): a describe made to act is
   * only worth its token if the action after it will find one too.
   */
  boolean hasAtLeast(long now, int n) {
    refill(now);
    return tokens >= n;
  }

  private void refill(long now) {
    if (!started) {
      started = true;
      last = now;
      return;
    }
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
    }
  }
}

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

  /** Nanoseconds until a token will be available (0 if one is). */
  long nanosUntilAvailable(long now) {
    refill(now);
    return tokens >= 1.0 ? 0 : (long) Math.ceil((1.0 - tokens) / perNano);
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

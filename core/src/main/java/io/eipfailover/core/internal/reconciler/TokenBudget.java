package io.eipfailover.core.internal.reconciler;

/**
 * A token bucket over ticker readings: {@code burst} tokens, refilled continuously at {@code
 * perSecond}. Immutable arithmetic; the caller supplies the time.
 *
 * @param burst the bucket's size
 * @param perSecond refill rate
 * @param tokens tokens left at {@code updatedAt}
 * @param updatedAt the reading {@code tokens} refers to ({@link Times#NEVER}: full, never used)
 */
public record TokenBudget(int burst, double perSecond, double tokens, long updatedAt) {
  static TokenBudget full(int burst, double perSecond) {
    return new TokenBudget(burst, perSecond, burst, Times.NEVER);
  }

  /** The bucket as it is at {@code now}. */
  TokenBudget at(long now) {
    if (updatedAt == Times.NEVER || now <= updatedAt) {
      return updatedAt == Times.NEVER ? new TokenBudget(burst, perSecond, tokens, now) : this;
    }
    return new TokenBudget(burst, perSecond, Math.min(burst, tokens + (now - updatedAt) * perSecond / 1e9), now);
  }

  /** Whether {@code n} tokens are there at {@code now}. */
  boolean has(long now, int n) {
    return at(now).tokens >= n;
  }

  /** The bucket after taking one token at {@code now} (the caller checked {@link #has}). */
  TokenBudget take(long now) {
    TokenBudget b = at(now);
    return new TokenBudget(burst, perSecond, b.tokens - 1, b.updatedAt);
  }

  /** The first reading at which {@code n} tokens will be there (at least {@code now}). */
  long whenHas(long now, int n) {
    double missing = n - at(now).tokens;
    return missing <= 0 ? now : now + (long) Math.ceil(missing * 1e9 / perSecond) + 1;
  }
}

package io.eipfailover.core.internal.reconciler;

/**
 * This node's share of the account's EC2 request budget for one action: a token bucket over ticker
 * readings, {@code burst} tokens refilled continuously at a rate that adapts to throttling
 * (additive increase, multiplicative decrease). EC2's token buckets are per action, account and
 * Region, shared by every node and every other tool, so when EC2 answers {@code
 * RequestLimitExceeded} this node {@linkplain #throttled halves its rate} (never below {@code
 * ceiling / }{@value #FLOOR_DIVISOR}) and empties its bucket plus a jittered fraction of a token,
 * so nodes throttled together do not come back together; the rate then climbs back linearly, at
 * {@code ceiling × weight} per {@code recoveryNanos}. Refusals less than one token interval after a
 * halving belong to the same congestion (calls sent together) and halve nothing more. Halving once
 * per congestion and climbing back linearly is what lets many nodes converge on shares of a budget
 * none of them can see (AIMD); the shares follow the {@linkplain #weighted weights}, which the step
 * sets from how much work each node has left, so that the nodes of a mass failover finish
 * together rather than the busiest last.
 *
 * <p>Immutable arithmetic; the caller supplies the time. The refill is the integral of the climbing
 * rate, so how often the bucket is read does not change it ({@code b.at(t1).at(t2)} is {@code
 * b.at(t2)}, up to rounding).
 *
 * @param burst the bucket's size
 * @param ceiling the configured refill rate per second, which the rate climbs back to
 * @param rate the refill rate per second at {@code updatedAt}
 * @param recoveryNanos how long the rate takes to climb from zero to {@code ceiling} at weight 1
 * @param weight how fast the rate climbs, relative to the others (1: as fast as the average node)
 * @param tokens tokens left at {@code updatedAt} (negative after throttling: a pause)
 * @param updatedAt the reading {@code tokens} and {@code rate} refer to ({@link Times#NEVER}: full, never used)
 * @param halvedAt when the rate was last halved ({@link Times#NEVER}: never)
 */
public record TokenBudget(int burst, double ceiling, double rate, long recoveryNanos, double weight, double tokens,
    long updatedAt, long halvedAt) {
  /** The rate never drops below {@code ceiling} divided by this. */
  static final int FLOOR_DIVISOR = 32;

  /** A full bucket at the full rate, weight 1. */
  static TokenBudget full(int burst, double perSecond, long recoveryNanos) {
    return new TokenBudget(burst, perSecond, perSecond, recoveryNanos, 1.0, burst, Times.NEVER, Times.NEVER);
  }

  /** The rate's climb, in tokens per second per second. */
  private double slope() {
    return ceiling * weight * 1e9 / recoveryNanos;
  }

  /** Seconds from {@code updatedAt} until the rate is back at the ceiling. */
  private double secondsToCeiling() {
    return Math.max(0, (ceiling - rate) / slope());
  }

  /** Tokens earned in {@code seconds} after {@code updatedAt}. */
  private double refill(double seconds) {
    double climb = Math.min(seconds, secondsToCeiling());
    return rate * climb + slope() * climb * climb / 2 + ceiling * (seconds - climb);
  }

  private TokenBudget with(double newRate, double newWeight, double newTokens, long newUpdatedAt, long newHalvedAt) {
    return new TokenBudget(burst, ceiling, newRate, recoveryNanos, newWeight, newTokens, newUpdatedAt, newHalvedAt);
  }

  /** The bucket as it is at {@code now}. */
  TokenBudget at(long now) {
    if (updatedAt == Times.NEVER) {
      return with(rate, weight, tokens, now, halvedAt);
    }
    if (now <= updatedAt) {
      return this;
    }
    double seconds = (now - updatedAt) / 1e9;
    double newRate = Math.min(ceiling, rate + slope() * seconds);
    return with(newRate, weight, Math.min(burst, tokens + refill(seconds)), now, halvedAt);
  }

  /** Whether {@code n} tokens are there at {@code now}. */
  boolean has(long now, int n) {
    return at(now).tokens >= n;
  }

  /** The bucket after taking one token at {@code now} (the caller checked {@link #has}). */
  TokenBudget take(long now) {
    TokenBudget b = at(now);
    return with(b.rate, weight, b.tokens - 1, b.updatedAt, halvedAt);
  }

  /**
   * EC2 throttled a call answered at {@code now}: nothing left in the bucket; and, unless the rate
   * was halved less than one token interval ago (the same congestion), half the rate (not below the
   * floor) and a debt of {@code jitter} (in [0, 1)) of a token.
   */
  TokenBudget throttled(long now, double jitter) {
    TokenBudget b = at(now);
    if (halvedAt != Times.NEVER && now - halvedAt < 1e9 / b.rate) {
      return with(b.rate, weight, Math.min(b.tokens, 0), b.updatedAt, halvedAt);
    }
    double halved = Math.max(ceiling / FLOOR_DIVISOR, b.rate / 2);
    return with(halved, weight, Math.min(b.tokens, 0) - jitter, b.updatedAt, now);
  }

  /** From {@code now} on, the rate climbs at {@code newWeight} times the base slope (must be > 0). */
  TokenBudget weighted(long now, double newWeight) {
    if (!(newWeight > 0) || Double.isInfinite(newWeight)) {
      throw new IllegalArgumentException("weight must be > 0 and finite, was " + newWeight);
    }
    TokenBudget b = at(now);
    return with(b.rate, newWeight, b.tokens, b.updatedAt, halvedAt);
  }

  /** The first reading at which {@code n} tokens will be there (at least {@code now}). */
  long whenHas(long now, int n) {
    TokenBudget b = at(now);
    double missing = n - b.tokens;
    if (missing <= 0) {
      return now;
    }
    double climb = b.secondsToCeiling();
    double duringClimb = b.refill(climb);
    double seconds;
    if (missing <= duringClimb) {
      // rate * t + slope * t^2 / 2 = missing, in the form that stays accurate for a tiny slope
      seconds = 2 * missing / (b.rate + Math.sqrt(b.rate * b.rate + 2 * b.slope() * missing));
    } else {
      seconds = climb + (missing - duringClimb) / ceiling;
    }
    return now + (long) Math.ceil(seconds * 1e9) + 1;
  }
}

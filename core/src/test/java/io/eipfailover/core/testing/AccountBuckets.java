package io.eipfailover.core.testing;

import java.util.EnumMap;
import java.util.Map;

/**
 * The state of an {@link AccountThrottling}: tokens left per action at a virtual time. Changing the
 * throttling refills every bucket. Not thread-safe (the simulation's thread only).
 */
final class AccountBuckets {
  private AccountThrottling throttling = AccountThrottling.OFF;
  private final Map<Ec2Call.Op, Double> tokens = new EnumMap<>(Ec2Call.Op.class);
  private final Map<Ec2Call.Op, Long> updatedAt = new EnumMap<>(Ec2Call.Op.class);

  void set(AccountThrottling throttling) {
    this.throttling = throttling;
    tokens.clear();
    updatedAt.clear();
  }

  AccountThrottling throttling() {
    return throttling;
  }

  /** Takes a token for {@code op} at {@code now}; false (and nothing taken) when its bucket is empty. */
  boolean take(Ec2Call.Op op, long now) {
    AccountThrottling.Bucket b = throttling.bucket(op);
    if (b == null) {
      return true;
    }
    double left = tokensAt(op, b, now);
    updatedAt.put(op, now);
    if (left < 1) {
      tokens.put(op, left);
      return false;
    }
    tokens.put(op, left - 1);
    return true;
  }

  /** Tokens in the bucket of {@code op} at {@code now} (infinite when not throttled). */
  double tokens(Ec2Call.Op op, long now) {
    AccountThrottling.Bucket b = throttling.bucket(op);
    return b == null ? Double.POSITIVE_INFINITY : tokensAt(op, b, now);
  }

  private double tokensAt(Ec2Call.Op op, AccountThrottling.Bucket b, long now) {
    Long since = updatedAt.get(op);
    if (since == null) {
      return b.capacity();
    }
    return Math.min(b.capacity(), tokens.get(op) + Math.max(0, now - since) * b.refillPerSecond() / 1e9);
  }
}

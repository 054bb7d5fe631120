package io.eipfailover.aws.testing;

import io.eipfailover.aws.testing.Ec2Throttling.Bucket;
import io.eipfailover.aws.testing.Ec2Throttling.Limit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The account's live token buckets: one per (action, class), created full on first use, refilled
 * continuously by the fake's clock (a clock that goes back adds nothing). Reconfiguring empties
 * the table, so every bucket starts full again. Thread-safe.
 */
final class TokenBuckets {
  private final Clock clock;
  private final Map<String, Level> levels = new HashMap<>();
  private Ec2Throttling config = Ec2Throttling.off();

  private static final class Level {
    double tokens;
    Instant at;

    Level(double tokens, Instant at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  TokenBuckets(Clock clock) {
    this.clock = clock;
  }

  synchronized void configure(Ec2Throttling throttling) {
    this.config = throttling;
    levels.clear();
  }

  synchronized Ec2Throttling config() {
    return config;
  }

  /** Takes a token for one request; false (and nothing taken) when the bucket is empty. */
  synchronized boolean tryTake(String action, Limit limit) {
    Level level = refilled(action, limit);
    if (level == null) {
      return true;
    }
    if (level.tokens < 1) {
      return false;
    }
    level.tokens -= 1;
    return true;
  }

  /** Tokens now in the bucket of (action, class); capacity if untouched; +infinity when off. */
  synchronized double tokens(String action, Limit limit) {
    Level level = refilled(action, limit);
    return level == null ? Double.POSITIVE_INFINITY : level.tokens;
  }

  private Level refilled(String action, Limit limit) {
    Bucket b = config.bucket(limit);
    if (b == null) {
      return null;
    }
    Instant now = clock.instant();
    Level level = levels.computeIfAbsent(action + "/" + limit, k -> new Level(b.capacity(), now));
    if (now.isAfter(level.at)) {
      double seconds = Duration.between(level.at, now).toNanos() / 1e9;
      level.tokens = Math.min(b.capacity(), level.tokens + seconds * b.refillPerSecond());
      level.at = now;
    }
    return level;
  }
}

package io.eipfailover.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TokenBucketAndBackoffTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void bucketAllowsItsBurstThenRefillsAtItsRate() {
    TokenBucket bucket = new TokenBucket(3, 2.0);
    assertTrue(bucket.tryAcquire(0));
    assertTrue(bucket.tryAcquire(0));
    assertTrue(bucket.tryAcquire(0));
    assertFalse(bucket.tryAcquire(0));
    assertFalse(bucket.tryAcquire(SECOND / 4), "half a token after 250 ms at 2/s");
    assertTrue(bucket.tryAcquire(SECOND / 2));
    assertFalse(bucket.tryAcquire(SECOND / 2));
  }

  @Property(tries = 200)
  void bucketNeverGrantsMoreThanBurstPlusRateTimesElapsed(
      @ForAll @IntRange(min = 1, max = 30) int burst,
      @ForAll @IntRange(min = 1, max = 20) int perSecond,
      @ForAll @LongRange(min = 1, max = 50_000_000) long stepNanos) {
    TokenBucket bucket = new TokenBucket(burst, perSecond);
    long granted = 0;
    long now = 0;
    for (int i = 0; i < 2_000; i++) {
      if (bucket.tryAcquire(now)) {
        granted++;
      }
      now += stepNanos;
    }
    double allowed = burst + perSecond * (now / 1e9);
    assertTrue(granted <= allowed + 1e-9, granted + " > " + allowed);
  }

  @Test
  void backoffDoublesUpToTheCapWithJitterOfAtMostHalf() {
    Random random = new Random(3);
    Duration initial = Duration.ofMillis(100);
    Duration max = Duration.ofSeconds(1);
    for (int failures = 1; failures <= 10; failures++) {
      long base = Math.min(max.toNanos(), initial.toNanos() << (failures - 1));
      long d = Backoff.delayNanos(failures, initial, max, random);
      assertTrue(d <= base && d >= base / 2, "failure " + failures + ": " + d + " vs base " + base);
    }
    assertEquals(Backoff.delayNanos(40, initial, max, new Random(5)), Backoff.delayNanos(40, initial, max, new Random(5)),
        "same seed, same delay");
  }
}

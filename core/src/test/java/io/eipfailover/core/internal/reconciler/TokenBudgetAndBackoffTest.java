package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TokenBudgetAndBackoffTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long RECOVERY = 20 * SECOND;

  @Test
  void budgetAllowsItsBurstThenRefillsAtItsRate() {
    TokenBudget b = TokenBudget.full(3, 2.0, RECOVERY);
    for (int i = 0; i < 3; i++) {
      assertTrue(b.has(0, 1));
      b = b.take(0);
    }
    assertFalse(b.has(0, 1));
    assertFalse(b.has(SECOND / 4, 1), "half a token after 250 ms at 2/s");
    assertTrue(b.has(SECOND / 2, 1));
    assertFalse(b.has(SECOND / 2, 2));
    assertEquals(SECOND / 2, b.whenHas(0, 1), 2, "one token at 2/s takes 500 ms");
    assertEquals(SECOND, b.whenHas(0, 2), 2);
    assertEquals(7, b.whenHas(7, 0), "already there: now");
  }

  @Test
  void refillStopsAtTheBurstAndTimeNeverRunsBackwards() {
    TokenBudget b = TokenBudget.full(2, 1.0, RECOVERY).take(10 * SECOND).take(10 * SECOND);
    assertEquals(0.0, b.tokens(), 1e-9);
    assertEquals(2.0, b.at(100 * SECOND).tokens(), 1e-9, "capped at the burst");
    TokenBudget later = b.at(11 * SECOND);
    assertEquals(later, later.at(10 * SECOND), "an older reading changes nothing");
    assertTrue(TokenBudget.full(1, 1.0, RECOVERY).has(Long.MIN_VALUE / 8, 1), "a fresh budget is full whatever the reading");
  }

  @Property(tries = 200)
  void budgetNeverGrantsMoreThanBurstPlusRateTimesElapsed(
      @ForAll @IntRange(min = 1, max = 30) int burst,
      @ForAll @IntRange(min = 1, max = 20) int perSecond,
      @ForAll @LongRange(min = 1, max = 50_000_000) long stepNanos) {
    TokenBudget b = TokenBudget.full(burst, perSecond, RECOVERY);
    long granted = 0;
    long now = 0;
    for (int i = 0; i < 2_000; i++) {
      if (b.has(now, 1)) {
        b = b.take(now);
        granted++;
      }
      now += stepNanos;
    }
    double allowed = burst + perSecond * (now / 1e9);
    assertTrue(granted <= allowed + 1e-9, granted + " > " + allowed);
  }

  @Property(tries = 200)
  void whenHasIsTheFirstReadingWithEnoughTokens(
      @ForAll @IntRange(min = 1, max = 5) int burst, @ForAll @IntRange(min = 1, max = 5) int need,
      @ForAll @DoubleRange(min = 0.1, max = 50) double perSecond) {
    TokenBudget empty = TokenBudget.full(burst, perSecond, RECOVERY);
    for (int i = 0; i < burst; i++) {
      empty = empty.take(0);
    }
    int n = Math.min(need, burst);
    long at = empty.whenHas(0, n);
    assertTrue(empty.has(at, n), "has " + n + " at " + at);
    assertFalse(empty.has(at - 2_000, n), "not 2 µs earlier");
  }

  @Test
  void throttlingHalvesTheRateEmptiesTheBucketAndTheRateClimbsBackLinearly() {
    TokenBudget b = TokenBudget.full(10, 2.0, RECOVERY).throttled(0, 0.5);
    assertEquals(1.0, b.rate(), 1e-9, "halved");
    assertEquals(-0.5, b.tokens(), 1e-9, "empty, and half a token owed (the jitter)");
    // The rate climbs by 2/s per 20 s = 0.1/s per s: back at 2/s after 10 s.
    assertEquals(1.5, b.at(5 * SECOND).rate(), 1e-9);
    assertEquals(2.0, b.at(10 * SECOND).rate(), 1e-9);
    assertEquals(2.0, b.at(60 * SECOND).rate(), 1e-9, "never above the configured rate");
    // Tokens are the integral: 1 * 5 + 0.1 * 25 / 2 = 6.25 earned in 5 s, minus the debt.
    assertEquals(5.75, b.at(5 * SECOND).tokens(), 1e-9);
    assertEquals(b.at(7 * SECOND).tokens(), b.at(3 * SECOND).at(7 * SECOND).tokens(), 1e-9,
        "reading in between changes nothing");
    // One token (1.5 missing) at rate 1 climbing 0.1/s²: t + t²/20 = 1.5, t ≈ 1.4018 s.
    assertEquals(1.4018 * SECOND, b.whenHas(0, 1), 0.001 * SECOND);
  }

  @Test
  void repeatedThrottlingStopsAtAFloor() {
    TokenBudget b = TokenBudget.full(10, 3.2, 1_000 * SECOND);
    long now = 0;
    for (int i = 0; i < 20; i++) {
      b = b.throttled(now, 0.0);
      now += (long) (1e9 / b.rate()) + 1;
    }
    assertEquals(3.2 / TokenBudget.FLOOR_DIVISOR, b.rate(), 1e-12);
  }

  @Test
  void refusalsOfCallsSentTogetherHalveTheRateOnce() {
    TokenBudget b = TokenBudget.full(10, 2.0, RECOVERY);
    for (int i = 0; i < 8; i++) {
      b = b.take(0);
    }
    for (int i = 0; i < 8; i++) {
      b = b.throttled(SECOND / 10, 0.5);
    }
    assertEquals(1.0, b.rate(), 1e-9, "one congestion, one halving");
    assertEquals(-0.5, b.tokens(), 1e-9, "one debt");
    TokenBudget later = b.throttled(SECOND / 10 + SECOND, 0.5);
    assertEquals(0.55, later.rate(), 1e-9, "one token interval later it is a new congestion (from 1.1/s)");
  }

  @Test
  void aHeavierWeightClimbsBackFasterAndChangesNothingElse() {
    TokenBudget b = TokenBudget.full(10, 2.0, RECOVERY).throttled(0, 0.0);
    TokenBudget heavy = b.weighted(0, 2.0);
    assertEquals(b.tokens(), heavy.tokens());
    assertEquals(b.rate(), heavy.rate());
    assertEquals(1.5, b.at(5 * SECOND).rate(), 1e-9, "weight 1: 0.1/s per s");
    assertEquals(2.0, heavy.at(5 * SECOND).rate(), 1e-9, "weight 2: 0.2/s per s, at the ceiling after 5 s");
    TokenBudget changed = b.at(2 * SECOND).weighted(2 * SECOND, 0.5);
    assertEquals(1.2, changed.rate(), 1e-9, "the climb so far is kept");
    assertEquals(1.25, changed.at(3 * SECOND).rate(), 1e-9, "then 0.05/s per s");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.weighted(0, 0.0));
    assertEquals("weight must be > 0 and finite, was 0.0", e.getMessage());
  }

  @Property(tries = 200)
  void anAdaptiveBudgetNeverGrantsMoreThanTheConfiguredBudget(
      @ForAll @IntRange(min = 1, max = 30) int burst,
      @ForAll @IntRange(min = 1, max = 20) int perSecond,
      @ForAll @LongRange(min = 1, max = 50_000_000) long stepNanos,
      @ForAll @IntRange(min = 2, max = 50) int throttleEvery) {
    TokenBudget b = TokenBudget.full(burst, perSecond, RECOVERY);
    long granted = 0;
    long now = 0;
    for (int i = 0; i < 2_000; i++) {
      if (b.has(now, 1)) {
        b = b.take(now);
        granted++;
        if (granted % throttleEvery == 0) {
          b = b.throttled(now, 0.3);
        }
      }
      now += stepNanos;
    }
    double allowed = burst + perSecond * (now / 1e9);
    assertTrue(granted <= allowed + 1e-9, granted + " > " + allowed);
  }

  @Property(tries = 200)
  void whenHasIsTheFirstReadingWithEnoughTokensWhileTheRateClimbs(
      @ForAll @IntRange(min = 1, max = 5) int need, @ForAll @IntRange(min = 0, max = 6) int throttles,
      @ForAll @DoubleRange(min = 0.1, max = 50) double perSecond, @ForAll @DoubleRange(min = 0, max = 0.99) double jitter) {
    TokenBudget b = TokenBudget.full(5, perSecond, RECOVERY);
    for (int i = 0; i < 5; i++) {
      b = b.take(0);
    }
    for (int i = 0; i < throttles; i++) {
      b = b.throttled(0, jitter);
    }
    long at = b.whenHas(0, need);
    assertTrue(b.has(at, need), "has " + need + " at " + at);
    assertFalse(b.has(at - 2_000, need), "not 2 µs earlier");
  }

  @Test
  void backoffDoublesUpToTheCapShortenedByTheJitter() {
    Duration initial = Duration.ofMillis(100);
    Duration max = Duration.ofSeconds(1);
    long ms = 1_000_000L;
    assertEquals(100 * ms, Backoff.delayNanos(1, initial, max, 0.0));
    assertEquals(200 * ms, Backoff.delayNanos(2, initial, max, 0.0));
    assertEquals(800 * ms, Backoff.delayNanos(4, initial, max, 0.0));
    assertEquals(1_000 * ms, Backoff.delayNanos(5, initial, max, 0.0), "capped");
    assertEquals(1_000 * ms, Backoff.delayNanos(40, initial, max, 0.0), "no overflow far out");
    assertEquals(75 * ms, Backoff.delayNanos(1, initial, max, 0.5), "jitter 0.5 takes a quarter off");
    assertEquals(100 * ms, Backoff.delayNanos(0, initial, max, 0.0), "a zeroth failure waits the initial delay");
    assertTrue(Backoff.delayNanos(3, initial, max, 0.999_999) > 200 * ms, "never below half");
  }
}

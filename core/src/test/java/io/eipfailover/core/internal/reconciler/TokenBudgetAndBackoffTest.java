package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  void budgetAllowsItsBurstThenRefillsAtItsRate() {
    TokenBudget b = TokenBudget.full(3, 2.0);
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
    TokenBudget b = TokenBudget.full(2, 1.0).take(10 * SECOND).take(10 * SECOND);
    assertEquals(0.0, b.tokens(), 1e-9);
    assertEquals(2.0, b.at(100 * SECOND).tokens(), 1e-9, "capped at the burst");
    TokenBudget later = b.at(11 * SECOND);
    assertEquals(later, later.at(10 * SECOND), "an older reading changes nothing");
    assertTrue(TokenBudget.full(1, 1.0).has(Long.MIN_VALUE / 8, 1), "a fresh budget is full whatever the reading");
  }

  @Property(tries = 200)
  void budgetNeverGrantsMoreThanBurstPlusRateTimesElapsed(
      @ForAll @IntRange(min = 1, max = 30) int burst,
      @ForAll @IntRange(min = 1, max = 20) int perSecond,
      @ForAll @LongRange(min = 1, max = 50_000_000) long stepNanos) {
    TokenBudget b = TokenBudget.full(burst, perSecond);
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
    TokenBudget empty = TokenBudget.full(burst, perSecond);
    for (int i = 0; i < burst; i++) {
      empty = empty.take(0);
    }
    int n = Math.min(need, burst);
    long at = empty.whenHas(0, n);
    assertTrue(empty.has(at, n), "has " + n + " at " + at);
    assertFalse(empty.has(at - 2_000, n), "not 2 µs earlier");
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

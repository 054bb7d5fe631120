package io.eipfailover.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.testing.RecordingLogger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RateLimitedLogTest {
  private long now = 1_000;
  private final Ticker ticker = new Ticker() {
    @Override
    public long read() {
      return now;
    }
  };
  private final RecordingLogger logger = new RecordingLogger("test");

  private void advance(Duration d) {
    now += d.toNanos();
  }

  @Test
  void aReasonWritesItsBurstThenNothingUntilItsBudgetRefills() {
    RateLimitedLog log = RateLimitedLog.create(logger, ticker, 3, Duration.ofSeconds(9));
    for (int i = 0; i < 10; i++) {
      log.warn("garbage", "dropped datagram {}", i);
    }
    assertEquals(List.of("dropped datagram 0", "dropped datagram 1", "dropped datagram 2"), logger.messages());
    assertEquals(7, log.suppressed("garbage"));
    advance(Duration.ofMillis(2_999));
    log.warn("garbage", "dropped datagram {}", 10);
    assertEquals(3, logger.messages().size(), "one line costs period / burst = 3 s of refill");
    advance(Duration.ofMillis(1));
    log.warn("garbage", "dropped datagram {}", 11);
    assertEquals("dropped datagram 11 (+8 suppressed in 3 s)", logger.messages().get(3));
    assertEquals(Level.WARN, logger.lines().get(3).level());
    assertEquals(8, log.suppressed("garbage"), "totals are kept after the count was reported");
  }

  @Test
  void aFloodUnderOneReasonStaysWithinTheBudgetWhateverItsRate() {
    RateLimitedLog log = RateLimitedLog.create(logger, ticker);
    // 100,000 lines spread over 60 s: 3 at once, then 3 per 10 s.
    for (int i = 0; i < 100_000; i++) {
      log.warn("BAD_MAC", "dropped from source {}", i);
      advance(Duration.ofNanos(600_000));
    }
    int lines = logger.messages().size();
    assertTrue(lines >= 18 && lines <= 3 + 18, "60 s of flood wrote " + lines + " lines");
    assertEquals(100_000 - lines, log.suppressed("BAD_MAC"));
    assertEquals(log.suppressed("BAD_MAC"), log.suppressedTotal());
  }

  @Test
  void reasonsHaveBudgetsOfTheirOwn() {
    RateLimitedLog log = RateLimitedLog.create(logger, ticker, 1, Duration.ofSeconds(10));
    log.warn("a", "a1");
    log.warn("a", "a2");
    log.warn("b", "b1");
    assertEquals(List.of("a1", "b1"), logger.messages());
    assertEquals(1, log.suppressed("a"));
    assertEquals(0, log.suppressed("b"));
    assertEquals(0, log.suppressed("never used"));
  }

  @Test
  void reasonsBeyondTheTableShareOneBudget() {
    RateLimitedLog log = RateLimitedLog.create(logger, ticker, 1, Duration.ofSeconds(10));
    for (int i = 0; i < 10_000; i++) {
      log.warn("reason-" + i, "line {}", i);
    }
    assertEquals(RateLimitedLog.MAX_REASONS + 1, logger.messages().size(),
        "a caller that keys by input gets one shared budget beyond the table, not one per key");
    assertEquals(10_000 - RateLimitedLog.MAX_REASONS - 1, log.suppressedTotal());
  }

  @Test
  void aTrailingThrowableStaysTheLinesException() {
    RateLimitedLog log = RateLimitedLog.create(logger, ticker, 1, Duration.ofSeconds(10));
    IllegalStateException boom = new IllegalStateException("boom");
    log.error("loop", "iteration {} failed", 1, boom);
    log.error("loop", "iteration {} failed", 2, boom);
    advance(Duration.ofSeconds(10));
    log.error("loop", "iteration {} failed", 3, boom);
    assertEquals("iteration 1 failed", logger.lines().get(0).message());
    assertSame(boom, logger.lines().get(0).thrown());
    assertEquals("iteration 3 failed (+1 suppressed in 10 s)", logger.lines().get(1).message());
    assertSame(boom, logger.lines().get(1).thrown());
    assertEquals(Level.ERROR, logger.lines().get(1).level());
  }

  @Test
  void aDisabledLevelCostsNoBudget() {
    RecordingLogger warnOnly = new RecordingLogger("warn-only", Level.WARN);
    RateLimitedLog log = RateLimitedLog.create(warnOnly, ticker, 1, Duration.ofSeconds(10));
    log.info("x", "not written");
    log.warn("x", "written");
    assertEquals(List.of("written"), warnOnly.messages());
    assertEquals(0, log.suppressed("x"));
  }

  @Test
  void admitReportsTheCountSuppressedSinceTheLastAdmittedLine() {
    RateLimitedLog log = RateLimitedLog.create(logger, ticker, 1, Duration.ofSeconds(1));
    assertEquals(0, log.admit("r"));
    assertEquals(-1, log.admit("r"));
    assertEquals(-1, log.admit("r"));
    advance(Duration.ofSeconds(1));
    assertEquals(2, log.admit("r"));
    advance(Duration.ofSeconds(1));
    assertEquals(0, log.admit("r"));
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertEquals("burst must be > 0, was 0", assertThrows(IllegalArgumentException.class,
        () -> RateLimitedLog.create(logger, ticker, 0, Duration.ofSeconds(1))).getMessage());
    assertEquals("period must be > 0, was PT0S", assertThrows(IllegalArgumentException.class,
        () -> RateLimitedLog.create(logger, ticker, 1, Duration.ZERO)).getMessage());
    assertEquals("reason must not be null", assertThrows(NullPointerException.class,
        () -> RateLimitedLog.create(logger, ticker).admit(null)).getMessage());
  }
}

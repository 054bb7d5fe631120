package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlineDetectorTest {
  private static final long MS = 1_000_000L;

  @ParameterizedTest(name = "last beat at {0} ms, paused-wake at {1} ms, asked at {2} ms: dead={3}")
  @CsvSource({
    // lastBeat, wake (-1 none), now, dead
    "0,    -1,  999,  false",
    "0,    -1,  1000, true",
    "500,  -1,  1400, false",
    "500,  -1,  1500, true",
    "0,    900, 1800, false",
    "0,    900, 1900, true",
  })
  void convictsExactlyAtTheDeadtime(long lastBeat, long wake, long now, boolean dead) {
    DeadlineDetector d = new DeadlineDetector(1000 * MS);
    d.heartbeat(lastBeat * MS);
    if (wake >= 0) {
      d.restartClock(wake * MS);
    }
    assertEquals(dead, d.isDead(now * MS));
  }

  @org.junit.jupiter.api.Test
  void neverConvictsAPeerNeverHeard() {
    DeadlineDetector d = new DeadlineDetector(1000 * MS);
    d.restartClock(0);
    assertEquals(false, d.isDead(1_000_000 * MS));
  }

  @org.junit.jupiter.api.Test
  void describesTheSilenceInMilliseconds() {
    DeadlineDetector d = new DeadlineDetector(1000 * MS);
    assertEquals("never heard", d.describe(5 * MS));
    d.heartbeat(2_000 * MS);
    assertEquals("silent 250 ms", d.describe(2_250 * MS + MS / 2));
  }
}

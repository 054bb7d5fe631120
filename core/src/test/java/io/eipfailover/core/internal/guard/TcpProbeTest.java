package io.eipfailover.core.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time-out bounds every probe shares: both ends included, the message names the setting. */
class TcpProbeTest {
  @Test
  void theBoundsThemselvesAreAccepted() {
    assertEquals(TcpProbe.MIN_TIMEOUT, TcpProbe.requireTimeout("timeout", Duration.ofMillis(1)));
    assertEquals(TcpProbe.MAX_TIMEOUT, TcpProbe.requireTimeout("timeout", Duration.ofMinutes(1)));
  }

  @Test
  void justOutsideTheBoundsIsRejectedNamingTheSetting() {
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
        () -> TcpProbe.requireTimeout("probeTimeout", Duration.ofNanos(999_999)));
    assertEquals("probeTimeout must be between PT0.001S and PT1M, was PT0.000999999S", low.getMessage());
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
        () -> TcpProbe.requireTimeout("probeTimeout", Duration.ofMinutes(1).plusNanos(1)));
    assertEquals("probeTimeout must be between PT0.001S and PT1M, was PT1M0.000000001S", high.getMessage());
  }
}

package io.eipfailover.core.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.HealthChecks;
import io.eipfailover.core.HealthResult;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiseFallHealthCheckTest {

  /** A check answering H (healthy), F (failure) or X (throws), one letter per probe. */
  private static HealthCheck scripted(String probes) {
    Iterator<Character> it = probes.chars().mapToObj(c -> (char) c).iterator();
    return () -> switch (it.next()) {
      case 'H' -> HealthResult.healthy("up");
      case 'F' -> HealthResult.unhealthy("down");
      default -> throw new IllegalStateException("probe broke");
    };
  }

  @ParameterizedTest(name = "rise {0} fall {1}: {2} -> {3}")
  @CsvSource({
    "2, 3, HFFHFFFHHH, HHHHHHUUHH",
    "2, 1, FHHF,       UUHU",
    "1, 1, HFHF,       HUHU",
    "2, 2, HFHFHFHF,   HHHHHHHH",
    "3, 2, FHHFHHH,    UUUUUUH",
    "1, 2, HXXH,       HHUH",
    "2, 2, XHH,        UUH",
  })
  void debouncesLikeHaproxy(int rise, int fall, String probes, String expected) {
    HealthCheck check = HealthChecks.riseFall(scripted(probes), rise, fall);
    StringBuilder states = new StringBuilder();
    for (int i = 0; i < probes.length(); i++) {
      states.append(check.check().healthy() ? 'H' : 'U');
    }
    assertEquals(expected, states.toString());
  }

  @Test
  void theDetailSaysHowFarAPendingChangeHasGot() {
    HealthCheck check = HealthChecks.riseFall(scripted("HFFX"), 2, 3);
    assertEquals(HealthResult.healthy("up"), check.check());
    assertEquals(HealthResult.healthy("down (1 of 3 failures, still healthy)"), check.check());
    assertEquals(HealthResult.healthy("down (2 of 3 failures, still healthy)"), check.check());
    HealthResult third = check.check();
    assertEquals(false, third.healthy());
    assertEquals(true, third.detail().endsWith("failed: IllegalStateException: probe broke (now unhealthy after 3 failure(s))"),
        third.detail());
  }

  @Test
  void rejectsBadCounts() {
    HealthCheck ok = HealthChecks.alwaysHealthy();
    assertEquals("rise must be >= 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> HealthChecks.riseFall(ok, 0, 1)).getMessage());
    assertEquals("fall must be >= 1, was -2",
        assertThrows(IllegalArgumentException.class, () -> HealthChecks.riseFall(ok, 1, -2)).getMessage());
    assertEquals("check must not be null",
        assertThrows(NullPointerException.class, () -> HealthChecks.riseFall(null, 1, 1)).getMessage());
    assertEquals("riseFall(alwaysHealthy(), rise 2, fall 3)", HealthChecks.riseFall(ok, 2, 3).toString());
  }
}

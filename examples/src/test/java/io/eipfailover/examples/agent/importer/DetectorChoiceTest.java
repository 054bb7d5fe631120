package io.eipfailover.examples.agent.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The closest profile to the old detection time, on a log scale of worst cases (0.35 s, 1.1 s, 2.1 s). */
class DetectorChoiceTest {
  private static String profile(long millis) {
    return DetectorChoice.closest(Duration.ofMillis(millis), "old").profile();
  }

  @Test
  void picksTheProfileWhoseWorstCaseIsNearest() {
    assertEquals("aggressive", profile(200));
    assertEquals("aggressive", profile(600));
    assertEquals("default", profile(700));
    assertEquals("default", profile(1100));
    assertEquals("default", profile(1500));
    assertEquals("phi-accrual", profile(1600));
    assertEquals("phi-accrual", profile(3_610));
    assertEquals("phi-accrual", profile(17_000));
  }

  @Test
  void explanationGivesBothDetectionTimes() {
    DetectorChoice c = DetectorChoice.closest(Duration.ofSeconds(17), "Heartbeat (deadtime 15 s + keepalive 2 s)");
    assertEquals(Duration.ofMillis(2100), c.worstCase());
    assertTrue(c.explanation().contains("within 17 s") && c.explanation().contains("at most 2.1 s")
        && c.explanation().contains("8x faster"), c.explanation());
    DetectorChoice slower = DetectorChoice.closest(Duration.ofMillis(150), "fast");
    assertTrue(slower.explanation().contains("2.3x slower"), slower.explanation());
  }
}

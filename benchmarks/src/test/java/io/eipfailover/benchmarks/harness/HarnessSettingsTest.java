package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HarnessSettingsTest {
  @Test
  void theShortRunComparesOursWithKeepalivedOnEveryScenario() {
    HarnessSettings s = HarnessSettings.parse(new String[] {"short", "out"});
    assertEquals(HarnessSettings.DEFAULT_SETTINGS, s.settings());
    assertEquals(Set.copyOf(HarnessSettings.ALL_SCENARIOS), s.scenarios());
    assertEquals(5, s.repetitions());
    assertEquals(6, s.stalls500());
    assertEquals(4, s.stalls2s());
  }

  @Test
  void settingsAndScenariosCanBeChosen() {
    HarnessSettings s = HarnessSettings.parse(new String[] {"full", "out", "udp-default, keepalived-10ms",
        "idle,host-gone"});
    assertEquals(List.of("udp-default", "keepalived-10ms"), s.settings());
    assertTrue(s.runs("idle") && s.runs("host-gone") && !s.runs("kill9-hostup"));
    assertEquals(100, s.repetitions());
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
        () -> HarnessSettings.parse(new String[] {"long", "out"}));
    assertTrue(mode.getMessage().contains("mode must be short, full or smoke, was 'long'"), mode.getMessage());
    IllegalArgumentException scenario = assertThrows(IllegalArgumentException.class,
        () -> HarnessSettings.parse(new String[] {"short", "out", "udp-default", "kill9"}));
    assertTrue(scenario.getMessage().contains("was 'kill9'"), scenario.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HarnessSettings.parse(new String[] {"short"}));
  }
}

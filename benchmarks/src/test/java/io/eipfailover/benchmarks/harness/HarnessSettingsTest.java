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
    assertEquals(java.time.Duration.ofSeconds(5), s.stall500Spacing());
    assertEquals(4, s.stalls2s());
  }

  @Test
  void aSettingsShortScenariosLimitTheShortRunOnly() {
    Setting aggressive = Setting.parse("a", java.util.Map.of("daemon", "agent", "short.scenarios",
        "host-gone, stall-ladder"), "a.properties");
    Setting plain = Setting.parse("d", java.util.Map.of("daemon", "agent"), "d.properties");
    HarnessSettings shortRun = HarnessSettings.parse(new String[] {"short", "out"});
    HarnessSettings fullRun = HarnessSettings.parse(new String[] {"full", "out"});
    assertTrue(shortRun.runs(aggressive, "host-gone") && shortRun.runs(aggressive, "stall-ladder"));
    assertTrue(!shortRun.runs(aggressive, "idle") && !shortRun.runs(aggressive, "jitter-loss"));
    assertTrue(fullRun.runs(aggressive, "idle") && fullRun.runs(aggressive, "jitter-loss"));
    assertTrue(shortRun.runs(plain, "idle"));
    HarnessSettings onlyIdle = HarnessSettings.parse(new String[] {"short", "out", "a", "idle"});
    assertTrue(!onlyIdle.runs(aggressive, "idle") && !onlyIdle.runs(aggressive, "host-gone"));
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

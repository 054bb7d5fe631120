package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingTest {
  @Test
  void anAgentSettingCarriesItsPropertiesAndJvmFlags(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("fast.properties"), String.join("\n", "daemon = agent", "title = fast one",
        "jvm = -Xmx96m -XX:+UseSerialGC", "agent.membership.udp.profile = aggressive",
        "agent.failover.hold-time = 5s"));
    Setting s = Setting.load(dir, "fast");

    assertEquals("fast", s.label());
    assertTrue(s.agent());
    assertEquals("fast one", s.title());
    assertEquals(List.of("-Xmx96m", "-XX:+UseSerialGC"), s.jvm());
    assertEquals(Map.of("membership.udp.profile", "aggressive", "failover.hold-time", "5s"), s.agentProperties());
  }

  @Test
  void anAgentWithoutJvmFlagsGetsThePackageLaunchersFlags() throws Exception {
    Setting s = Setting.parse("x", Map.of("daemon", "agent"), "x.properties");
    assertEquals(List.of(Setting.UNIT_JVM_FLAGS.split(" ")), s.jvm());
    String launcher = Files.readString(Path.of("../examples/deploy/debian/eipfailover-agent"));
    assertTrue(launcher.contains("${EIPFAILOVER_JAVA_OPTS:-" + Setting.UNIT_JVM_FLAGS + "}"),
        "the harness measures the flags the package runs with: " + Setting.UNIT_JVM_FLAGS);
  }

  @Test
  void aKeepalivedSettingNeedsItsAdvertInterval() {
    Setting s = Setting.parse("k", Map.of("daemon", "keepalived", "keepalived.advert_int", "0.01"), "k.properties");
    assertEquals(Daemon.Kind.KEEPALIVED, s.daemon());
    assertEquals(0.01, s.advertSeconds());
    assertEquals(List.of(), s.jvm());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Setting.parse("k", Map.of("daemon", "keepalived"), "k.properties"));
    assertTrue(missing.getMessage().contains("keepalived.advert_int is required"), missing.getMessage());
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> Setting.parse("k", Map.of("daemon", "keepalived", "keepalived.advert_int", "0.001"), "k.properties"));
    assertTrue(small.getMessage().contains("keepalived.advert_int must be 0.01 to 40 seconds, was 0.001"),
        small.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> Setting.parse("k", Map.of("daemon", "keepalived", "keepalived.advert_int", "fast"), "k.properties"));
    assertTrue(text.getMessage().contains("was 'fast'"), text.getMessage());
  }

  @Test
  void keysOfTheOtherDaemonAndUnknownDaemonsAreRejectedByName() {
    IllegalArgumentException wrongKey = assertThrows(IllegalArgumentException.class, () -> Setting.parse("k",
        Map.of("daemon", "keepalived", "keepalived.advert_int", "1", "agent.membership.udp.profile", "default"),
        "k.properties"));
    assertTrue(wrongKey.getMessage().contains("agent.membership.udp.profile=default"), wrongKey.getMessage());
    IllegalArgumentException jvm = assertThrows(IllegalArgumentException.class, () -> Setting.parse("k",
        Map.of("daemon", "keepalived", "keepalived.advert_int", "1", "jvm", "-Xmx1g"), "k.properties"));
    assertTrue(jvm.getMessage().contains("jvm=-Xmx1g"), jvm.getMessage());
    IllegalArgumentException daemon = assertThrows(IllegalArgumentException.class,
        () -> Setting.parse("h", Map.of("daemon", "heartbeat"), "h.properties"));
    assertTrue(daemon.getMessage().contains("daemon must be agent or keepalived, was 'heartbeat'"),
        daemon.getMessage());
  }

  @Test
  void shortScenariosMustNameKnownScenarios() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setting.parse("a",
        Map.of("daemon", "agent", "short.scenarios", "host-gone,kill9"), "a.properties"));
    assertTrue(e.getMessage().contains("a.properties: short.scenarios must list scenarios of"), e.getMessage());
    assertTrue(e.getMessage().contains("was 'host-gone,kill9' ('kill9')"), e.getMessage());
  }

  @Test
  void anUnknownSettingNameListsTheKnownOnes(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("one.properties"), "daemon = agent\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setting.load(dir, "two"));
    assertTrue(e.getMessage().contains("setting 'two' not found") && e.getMessage().contains("known: [one]"),
        e.getMessage());
  }

  @Test
  void theShippedSettingsAllParse() throws Exception {
    Path dir = BenchHome.dir().resolve("settings");
    for (String name : HarnessSettings.DEFAULT_SETTINGS) {
      Setting s = Setting.load(dir, name);
      assertEquals(name.startsWith("keepalived"), !s.agent(), name);
    }
    assertEquals(0.1, Setting.load(dir, "keepalived-100ms").advertSeconds());
    assertEquals(Map.of("membership.udp.profile", "aggressive"), Setting.load(dir, "udp-aggressive").agentProperties());
  }
}

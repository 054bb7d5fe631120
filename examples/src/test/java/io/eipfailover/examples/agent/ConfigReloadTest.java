package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {
  @TempDir Path dir;

  @BeforeEach
  void key() throws IOException {
    ConfigFixtures.keyFile(dir);
  }

  private AgentConfig with(String key, String value) {
    Map<String, String> m = ConfigFixtures.validPair();
    if (key != null) {
      m.put(key, value);
    }
    return AgentConfigParser.parse(ConfigFixtures.text(m), dir);
  }

  @Test
  void logLevelAndHealthProbeNeedNoRestart() {
    AgentConfig base = with(null, null);
    assertEquals(List.of(), ConfigReload.needsRestart(base, with(null, null)), "an identical re-read changes nothing");
    assertEquals(List.of(), ConfigReload.needsRestart(base, with("log.level", "DEBUG")));
    assertEquals(List.of(), ConfigReload.needsRestart(base, with("health.http.uri", "http://127.0.0.1:9000/up")));
    assertEquals(List.of(), ConfigReload.needsRestart(base, with("health.fall", "5")));
    assertEquals(List.of(), ConfigReload.needsRestart(base, with("hooks.peer-dead", "logger dead")));
  }

  @Test
  void everythingElseIsNamedAsNeedingARestart() {
    AgentConfig base = with(null, null);
    assertEquals(List.of("health.interval"), ConfigReload.needsRestart(base, with("health.interval", "2s")));
    assertEquals(List.of("membership.*"), ConfigReload.needsRestart(base, with("membership.port", "7000")));
    assertEquals(List.of("strategy*"), ConfigReload.needsRestart(base, with("strategy", "sticky")));
    assertEquals(List.of("guard*"), ConfigReload.needsRestart(base, with("guard.reachability.timeout", "1s")));
    assertEquals(List.of("status.*"), ConfigReload.needsRestart(base, with("status.port", "9000")));
    assertEquals(List.of("failover.*"), ConfigReload.needsRestart(base, with("failover.hold-time", "10s")));
    assertEquals(List.of("dry-run"), ConfigReload.needsRestart(base, with("dry-run", "true")));
    assertEquals(List.of("topology.*"), ConfigReload.needsRestart(base, with("topology.node.lb-b.reserved-ips", "10.0.2.12")));
  }

  @Test
  void heartbeatKeysReloadWithUdpAndNeedARestartWithJgroups() throws IOException {
    AgentConfig base = with(null, null);
    java.nio.file.Files.writeString(dir.resolve("rotated"), "2 fedcba9876543210fedcba\n1 0123456789abcdef0123456789abcdef\n");
    java.nio.file.Files.setPosixFilePermissions(dir.resolve("rotated"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    AgentConfig rotated = with("membership.key-file", "rotated");
    assertEquals(true, ConfigReload.keysChanged(base, rotated));
    assertEquals(false, ConfigReload.keysChanged(base, with(null, null)), "same content, other byte arrays");
    assertEquals(List.of(), ConfigReload.needsRestart(base, rotated), "udp: applied by SIGHUP");
    AgentConfig jgroups = with("membership.type", "jgroups");
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.type", "jgroups");
    m.put("membership.key-file", "rotated");
    AgentConfig jgroupsRotated = AgentConfigParser.parse(ConfigFixtures.text(m), dir);
    assertEquals(List.of("membership.key-file (jgroups: the encryption key and join secret are fixed when the channel"
        + " starts)"), ConfigReload.needsRestart(jgroups, jgroupsRotated));
  }
}

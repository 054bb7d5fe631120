package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ansible role (examples/deploy/ansible/roles/eipfailover_agent) reloads the agent when every
 * changed key is in its eipfailover_agent_reloadable_keys and restarts it otherwise; a new key
 * file reloads it for the membership types in eipfailover_agent_key_reload_transports. Both must agree with what the agent itself
 * applies on SIGHUP ({@link ConfigReload}): a reload the agent cannot apply would leave the old
 * setting running, a restart it does not need moves EIPs for nothing.
 */
class RoleReloadKeysTest {
  private static final Path DEFAULTS = Path.of("deploy/ansible/roles/eipfailover_agent/defaults/main.yml");

  /** One edit of the base configuration: keys to set (null removes). */
  private static Map<String, String> change(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static final List<Map<String, String>> CHANGES = List.of(
      change("log.level", "DEBUG"),
      change("health.http.uri", "http://127.0.0.1:9000/up"),
      change("health.timeout", "300ms"),
      change("health.rise", "3"),
      change("health.fall", "5"),
      change("health.check", "tcp", "health.http.uri", null, "health.tcp.address", "127.0.0.1:80"),
      change("health.check", "haproxy-socket", "health.http.uri", null, "health.haproxy-socket.path", "/run/haproxy/admin.sock"),
      change("health.interval", "2s"),
      change("cluster.name", "other-lb"),
      change("node.id", "lb-b"),
      change("topology.node.lb-a.reserved-ips", "10.0.1.12"),
      change("membership.port", "7000"),
      change("membership.udp.profile", "phi-accrual"),
      change("strategy", "balanced"),
      change("strategy.failback-delay", "20s"),
      change("guard.reachability.timeout", "1s"),
      change("status.port", "9000"),
      change("ec2.region", "eu-west-1"),
      change("provision.os-device", "ens6"),
      change("failover.hold-time", "10s"),
      change("failover.resync-interval", "60s"),
      change("shutdown.handoff-timeout", "30s"),
      change("dry-run", "true"));

  @Test
  void roleRestartsExactlyWhenTheAgentCannotApplyAChangeOnSighup(@TempDir Path dir) throws IOException {
    JsonNode defaults = new YAMLMapper().readTree(DEFAULTS.toFile());
    Set<String> reloadable = new HashSet<>();
    defaults.path("eipfailover_agent_reloadable_keys").forEach(k -> reloadable.add(k.asText()));
    assertTrue(reloadable.contains("log.level"), "read the role's list: " + reloadable);

    ConfigFixtures.keyFile(dir);
    Map<String, String> base = ConfigFixtures.validPair();
    AgentConfig old = AgentConfigParser.parse(ConfigFixtures.text(base), dir);
    Set<String> covered = new HashSet<>();
    for (Map<String, String> c : CHANGES) {
      Map<String, String> edited = new LinkedHashMap<>(base);
      c.forEach((k, v) -> {
        if (v == null) {
          edited.remove(k);
        } else {
          edited.put(k, v);
        }
      });
      covered.addAll(c.keySet());
      List<String> agentSays = ConfigReload.needsRestart(old, AgentConfigParser.parse(ConfigFixtures.text(edited), dir));
      boolean roleRestarts = c.keySet().stream().anyMatch(k -> !reloadable.contains(k));
      assertEquals(!agentSays.isEmpty(), roleRestarts, "change " + c + ": the agent needs a restart for " + agentSays
          + " but the role would " + (roleRestarts ? "restart" : "only reload"));
    }
    for (String key : reloadable) {
      assertTrue(covered.contains(key), "the role lists " + key + " as reloadable: add a change of it to CHANGES");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "jgroups"})
  void roleAppliesANewKeyFileTheWayTheAgentCan(String transport, @TempDir Path dir) throws IOException {
    Set<String> reloading = new HashSet<>();
    new YAMLMapper().readTree(DEFAULTS.toFile()).path("eipfailover_agent_key_reload_transports")
        .forEach(t -> reloading.add(t.asText()));
    Path keys = ConfigFixtures.keyFile(dir);
    Map<String, String> config = ConfigFixtures.validPair();
    config.put("membership.type", transport);
    String text = ConfigFixtures.text(config);
    AgentConfig old = AgentConfigParser.parse(text, dir);
    Files.writeString(keys, "2 fedcba9876543210fedcba9876543210\n1 0123456789abcdef0123456789abcdef\n");
    List<String> agentSays = ConfigReload.needsRestart(old, AgentConfigParser.parse(text, dir));
    assertEquals(agentSays.isEmpty(), reloading.contains(transport), "a new key file with membership.type=" + transport
        + ": the agent needs a restart for " + agentSays + ", eipfailover_agent_key_reload_transports is " + reloading);
  }
}

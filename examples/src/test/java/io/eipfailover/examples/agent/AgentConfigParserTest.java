package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.AgentConfig.GuardKind;
import io.eipfailover.examples.agent.AgentConfig.HealthKind;
import io.eipfailover.examples.agent.AgentConfig.MembershipType;
import io.eipfailover.examples.agent.AgentConfig.StrategyKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigParserTest {
  @TempDir Path dir;

  @BeforeEach
  void writeKey() throws IOException {
    ConfigFixtures.keyFile(dir);
  }

  private AgentConfig parse(Map<String, String> m) {
    return AgentConfigParser.parse(ConfigFixtures.text(m), dir);
  }

  @Test
  void readsAValidPairWithDefaults() {
    AgentConfig c = parse(ConfigFixtures.validPair());
    assertEquals("web-lb", c.clusterName());
    assertEquals(NodeId.of("lb-a"), c.nodeId().orElseThrow());
    assertEquals(2, c.topology().orElseThrow().nodes().size());
    assertEquals(2, c.topology().orElseThrow().elasticIps().size());
    assertEquals(MembershipType.UDP, c.membership().type());
    assertEquals(694, c.membership().port());
    assertEquals(1, c.membership().keys().orElseThrow().primaryKeyId());
    assertEquals(new InetSocketAddress("10.0.2.10", 694),
        c.membership().addressOf(NodeId.of("lb-b"), c.topology().orElseThrow()));
    assertEquals(StrategyKind.HOME_WITH_FAILBACK, c.strategy().kind());
    assertEquals(Duration.ofSeconds(10), c.strategy().failbackDelay());
    assertEquals(java.util.List.of(GuardKind.REACHABILITY), c.guards().kinds());
    assertFalse(c.guards().anyOf());
    assertEquals(HealthKind.HTTP, c.health().kind());
    assertEquals(9777, c.status().port());
    assertFalse(c.dryRun());
    assertEquals("INFO", c.logLevel());
  }

  @Test
  void acceptsTheStallImmuneProfile() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.udp.profile", "stall-immune");
    assertEquals("stall-immune", parse(m).membership().udpProfile());
  }

  @Test
  void readsEveryOptionalKey() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.port", "7001");
    m.put("membership.address.lb-a", "127.0.0.1:7101");
    m.put("membership.udp.profile", "aggressive");
    m.put("strategy", "balanced");
    m.put("strategy.failback-delay", "2s");
    m.put("guard", "reachability,peer-probe,ec2-instance-state");
    m.put("guard.combine", "any");
    m.put("guard.reachability.timeout", "250ms");
    m.put("guard.peer-probe.port", "8080");
    m.put("guard.peer-probe.timeout", "PT0.3S");
    m.put("health.timeout", "300ms");
    m.put("health.interval", "500ms");
    m.put("health.rise", "3");
    m.put("health.fall", "1");
    m.put("status.port", "0");
    m.put("status.enabled", "false");
    m.put("ec2.region", "eu-west-1");
    m.put("ec2.endpoint", "http://127.0.0.1:8999");
    m.put("ec2.imds-endpoint", "http://127.0.0.1:8999");
    m.put("ec2.call-timeout", "2s");
    m.put("provision.os-addresses", "true");
    m.put("provision.os-device", "ens5");
    m.put("provision.os-prefix-length", "20");
    m.put("failover.tolerated-failures", "1");
    m.put("failover.resync-interval", "1m");
    m.put("failover.hold-time", "45s");
    m.put("failover.startup-grace", "0s");
    m.put("shutdown.handoff-timeout", "5s");
    m.put("log.level", "debug");
    m.put("dry-run", "true");
    AgentConfig c = parse(m);
    assertEquals(new InetSocketAddress("127.0.0.1", 7101),
        c.membership().addressOf(NodeId.of("lb-a"), c.topology().orElseThrow()));
    assertEquals(new InetSocketAddress("10.0.2.10", 7001),
        c.membership().addressOf(NodeId.of("lb-b"), c.topology().orElseThrow()));
    assertEquals("aggressive", c.membership().udpProfile());
    assertEquals(StrategyKind.BALANCED, c.strategy().kind());
    assertEquals(Duration.ofSeconds(2), c.strategy().failbackDelay());
    assertEquals(3, c.guards().kinds().size());
    assertTrue(c.guards().anyOf());
    assertEquals(Duration.ofMillis(300), c.guards().peerProbeTimeout());
    assertEquals(8080, c.guards().peerProbePort());
    assertEquals(3, c.health().rise());
    assertFalse(c.status().enabled());
    assertEquals("eu-west-1", c.ec2().region().orElseThrow());
    assertTrue(c.provision().osAddresses());
    assertEquals(20, c.provision().prefixLength());
    assertEquals(1, c.failover().toleratedFailures().getAsInt());
    assertEquals(Duration.ofMinutes(1), c.failover().resyncInterval());
    assertEquals(Duration.ZERO, c.failover().startupGrace());
    assertEquals("DEBUG", c.logLevel());
    assertTrue(c.dryRun());
  }

  @Test
  void discoverLeavesTheNodeIdEmpty() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("node.id", "discover");
    assertTrue(parse(m).nodeId().isEmpty());
  }

  @Test
  void tagTopologyNeedsNoTopologyKeys() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.keySet().removeIf(k -> k.startsWith("topology."));
    m.put("topology.source", "tags");
    m.put("node.id", "discover");
    m.put("provision.reserved-ips", "2");
    AgentConfig c = parse(m);
    assertEquals(2, c.provision().reservedIps());
    assertTrue(c.topology().isEmpty());
    assertTrue(c.nodeId().isEmpty());
  }

  @Test
  void priorityStrategyReadsOneListPerElasticIp() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("strategy", "priority");
    m.put("strategy.priority.eipalloc-0a", "lb-a,lb-b");
    m.put("strategy.priority.eipalloc-0b", "lb-b,lb-a");
    AgentConfig c = parse(m);
    assertEquals(java.util.List.of(NodeId.of("lb-b"), NodeId.of("lb-a")), c.strategy().priorities().get("eipalloc-0b"));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("status.port", "http");
    m.put("strategy", "random");
    m.put("healthcheck", "http");
    AgentConfigException e = assertThrows(AgentConfigException.class, () -> parse(m));
    assertEquals(3, e.problems().size(), e.getMessage());
  }
}

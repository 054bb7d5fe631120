package io.eipfailover.examples.agent.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.AgentConfig;
import io.eipfailover.examples.agent.AgentConfigParser;
import io.eipfailover.examples.agent.importer.ImportFixtures.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import heartbeat} on the classic two-node EIP recipe, and on broken copies of it. */
class HeartbeatImportTest {
  @TempDir Path dir;

  private Path classic() throws Exception {
    return ImportFixtures.copy("heartbeat/classic", dir.resolve("in"));
  }

  private Run importPair(Path in, String... extra) {
    List<String> args = new ArrayList<>(List.of("heartbeat", "--out", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    args.add("lb1=" + in.resolve("lb1"));
    args.add("lb2=" + in.resolve("lb2"));
    return ImportFixtures.run("ignored", args.toArray(String[]::new));
  }

  @Test
  void classicPairBecomesAConfigurationTheAgentAccepts() throws Exception {
    Run run = importPair(classic(), "--cluster", "web-lb", "--node", "lb1");
    assertEquals(0, run.exit(), run.out() + run.err());
    AgentConfig c = AgentConfigParser.parse(dir.resolve("out/agent.properties"));
    assertEquals("web-lb", c.clusterName());
    assertEquals(Optional.of(NodeId.of("lb1")), c.nodeId());
    var t = c.topology().orElseThrow();
    assertEquals(List.of(NodeId.of("lb1"), NodeId.of("lb2")), t.nodeIds());
    var lb1 = t.node(NodeId.of("lb1"));
    assertEquals("eni-0a1b2c3d4e5f60001", lb1.homePoints().get(0).networkInterfaceId());
    assertEquals("10.0.1.10", lb1.homePoints().get(0).privateIp());
    assertEquals("10.0.1.11", lb1.reservedPoints().get(0).privateIp());
    var lb2 = t.node(NodeId.of("lb2"));
    assertEquals("eni-0a1b2c3d4e5f60002", lb2.homePoints().get(0).networkInterfaceId());
    assertEquals("10.0.2.10", lb2.homePoints().get(0).privateIp());
    assertEquals("10.0.2.11", lb2.reservedPoints().get(0).privateIp());
    assertEquals(List.of(new ElasticIp("eipalloc-0123456789abcdef0", "203.0.113.10", NodeId.of("lb1")),
        new ElasticIp("eipalloc-0123456789abcdef1", "203.0.113.20", NodeId.of("lb2"))), t.elasticIps());
    assertEquals(AgentConfig.StrategyKind.HOME_WITH_FAILBACK, c.strategy().kind());
    assertEquals(List.of(AgentConfig.GuardKind.REACHABILITY, AgentConfig.GuardKind.PEER_PROBE), c.guards().kinds());
    assertFalse(c.guards().anyOf());
    assertEquals("10.0.0.2", c.guards().reachabilityTargets().get(0).getAddress().getHostAddress());
    assertEquals(53, c.guards().reachabilityTargets().get(0).getPort());
    assertEquals(694, c.membership().port());
    assertEquals("phi-accrual", c.membership().udpProfile(), "deadtime 15 s is closest to the slowest profile");
    assertEquals(Duration.ofSeconds(60), c.failover().startupGrace(), "initdead 60");
    assertEquals(Optional.of("eu-west-1"), c.ec2().region());
    assertTrue(c.provision().osAddresses());
    assertEquals("eth0", c.provision().osDevice());
    assertEquals(24, c.provision().prefixLength());
    assertEquals(AgentConfig.HealthKind.NONE, c.health().kind());
    assertTrue(run.out().contains("within 17 s") && run.out().contains("phi-accrual"), run.out());
    assertTrue(run.out().contains("the agent accepts it"), run.out());
  }

  @Test
  void everyInputLineIsMappedOrListedWithAReason() throws Exception {
    Path in = classic();
    ImportResult r = HeartbeatImporter.run(new ImportOptions(List.of(ImportOptions.Input.parse("lb1=" + in.resolve("lb1")),
        ImportOptions.Input.parse("lb2=" + in.resolve("lb2"))), "c", Optional.empty(), 53, 80, Map.of(), "x"));
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(in)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        missing.addAll(ImportFixtures.unaccounted(r.report(), f, "#"));
      }
    }
    assertEquals(List.of(), missing, r.report().render());
    assertTrue(r.report().unmapped().stream().anyMatch(l -> l.text().equals("logfacility local0")
        && l.outcome().contains("log.level")), r.report().render());
  }

  @Test
  void heartbeatSecretsAreNeitherPrintedNorWritten() throws Exception {
    Run run = importPair(classic());
    assertEquals(0, run.exit(), run.out() + run.err());
    String written = Files.readString(dir.resolve("out/agent.properties"));
    assertFalse(run.out().contains("correct-horse") || written.contains("correct-horse"), run.out());
    assertTrue(run.out().contains("1 sha1 <secret>"), run.out());
  }

  @Test
  void newKeyFileIsPrivateAndKeptOnTheNextRun() throws Exception {
    Path in = classic();
    assertEquals(0, importPair(in).exit());
    Path key = dir.resolve("out/keys/cluster.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
    assertTrue(Files.readString(key).lines().anyMatch(l -> l.matches("1 [0-9a-f]{64}")), Files.readString(key));
    String first = Files.readString(key);
    Run again = importPair(in);
    assertEquals(2, again.exit(), "agent.properties exists");
    assertTrue(again.err().contains("agent.properties exists"), again.err());
    Files.delete(dir.resolve("out/agent.properties"));
    Run third = importPair(in);
    assertEquals(0, third.exit(), third.out());
    assertEquals(first, Files.readString(key), "an existing key is never replaced");
    assertTrue(third.out().contains("keeping the key"), third.out());
  }

  @Test
  void oneNodesDirectoryAloneLeavesThePeersKeysToFillIn() throws Exception {
    Path in = classic();
    Run run = ImportFixtures.run("lb1", "heartbeat", "--out", dir.resolve("out").toString(), in.resolve("lb1")
        .toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("topology.node.lb2.eni"), run.out());
    String written = Files.readString(dir.resolve("out/agent.properties"));
    assertTrue(written.contains("node.id = lb1"), written);
    assertTrue(written.contains("#topology.node.lb2.eni = "), written);
  }

  @Test
  void anUnlabelledDirectoryOfAnotherHostIsRefused() throws Exception {
    Run run = ImportFixtures.run("web7", "heartbeat", "--out", dir.resolve("out").toString(),
        classic().resolve("lb1").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("'web7'") && run.err().contains("NODE="), run.err());
    assertFalse(Files.exists(dir.resolve("out/agent.properties")));
  }

  @Test
  void missingFileIsNamed() throws Exception {
    Path in = classic();
    Files.delete(in.resolve("lb2/authkeys"));
    Run run = importPair(in);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains(in.resolve("lb2/authkeys") + ": missing"), run.err());
    assertFalse(Files.exists(dir.resolve("out/agent.properties")), "nothing is written");
  }

  @Test
  void unknownDirectiveIsNamedWithFileAndLine() throws Exception {
    Path in = classic();
    ImportFixtures.edit(in.resolve("lb1/ha.cf"), "udpport 694", "udpport 694\nheartbeat_speed fast");
    Run run = importPair(in);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains(in.resolve("lb1/ha.cf") + ":8: unknown directive 'heartbeat_speed'"), run.err());
  }

  @Test
  void haresourcesNamingAnUndeclaredNodeIsNamedWithFileAndLine() throws Exception {
    Path in = classic();
    ImportFixtures.edit(in.resolve("lb2/haresources"), "lb2 updateEIP2", "lb3 updateEIP2");
    Run run = importPair(in);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains(in.resolve("lb2/haresources") + ":3: names node 'lb3'")
        && run.err().contains("[lb1, lb2]"), run.err());
  }

  @Test
  void settingsThatDifferBetweenNodesAreRefused() throws Exception {
    Path in = classic();
    ImportFixtures.edit(in.resolve("lb2/ha.cf"), "deadtime 15", "deadtime 30");
    Run run = importPair(in);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains(in.resolve("lb2/ha.cf") + ":5: deadtime differs from " + in.resolve("lb1/ha.cf")
        + ":5"), run.err());
  }

  @Test
  void badTimeAndPacemakerClustersAreRefused() throws Exception {
    Path in = classic();
    ImportFixtures.edit(in.resolve("lb1/ha.cf"), "keepalive 2", "keepalive 2 minutes");
    ImportFixtures.edit(in.resolve("lb1/ha.cf"), "deadtime 15", "deadtime soon");
    Run run = importPair(in);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("ha.cf:5: deadtime must be a time such as 2, 1.5 or 1500ms, was 'soon'"), run.err());
    Path in2 = ImportFixtures.copy("heartbeat/classic", dir.resolve("in2"));
    ImportFixtures.edit(in2.resolve("lb1/ha.cf"), "node lb1", "crm respawn\nnode lb1");
    Run crm = ImportFixtures.run("x", "heartbeat", "--out", dir.resolve("o2").toString(), "lb1=" + in2.resolve("lb1"));
    assertEquals(2, crm.exit());
    assertTrue(crm.err().contains("ha.cf:13: crm respawn: a Pacemaker (CRM) cluster"), crm.err());
  }

  @Test
  void aScriptAddressingTheInstanceLeavesTheEniToFillIn() throws Exception {
    Path in = classic();
    ImportFixtures.edit(in.resolve("lb2/resource.d/updateEIP2"), "--network-interface-id \"$ENI\" --private-ip-address"
        + " \"$PRIVATE_IP\"", "--instance-id \"$(curl -s http://169.254.169.254/latest/meta-data/instance-id)\"");
    Run run = importPair(in);
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("addresses the instance (--instance-id)"), run.out());
    assertTrue(run.out().contains("is computed when the script runs"), run.out());
    assertTrue(run.out().contains("topology.node.lb2.home-ips"), run.out());
  }
}

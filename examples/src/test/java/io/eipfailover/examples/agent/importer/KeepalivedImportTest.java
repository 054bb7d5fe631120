package io.eipfailover.examples.agent.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.NodeId;
import io.eipfailover.examples.agent.AgentConfig;
import io.eipfailover.examples.agent.AgentConfigParser;
import io.eipfailover.examples.agent.importer.ImportFixtures.Run;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import keepalived} on one- and two-instance pairs, and on broken copies. */
class KeepalivedImportTest {
  private static final String EIPS = "eipalloc-0c0c0c0c0c0c0c0c1=203.0.113.31";
  @TempDir Path dir;

  private Run importPair(Path in, String... extra) {
    List<String> args = new ArrayList<>(List.of("keepalived", "--out", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    args.add("lb1=" + in.resolve("lb1/keepalived.conf"));
    args.add("lb2=" + in.resolve("lb2/keepalived.conf"));
    return ImportFixtures.run("ignored", args.toArray(String[]::new));
  }

  @Test
  void oneInstanceActivePassivePairIsAcceptedByTheAgent() throws Exception {
    Path in = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in"));
    Run run = importPair(in);
    assertEquals(0, run.exit(), run.out() + run.err());
    AgentConfig c = AgentConfigParser.parse(dir.resolve("out/agent.properties"));
    var t = c.topology().orElseThrow();
    assertEquals(List.of(new ElasticIp("eipalloc-0a0a0a0a0a0a0a0a0", "198.51.100.7", NodeId.of("lb1"))),
        t.elasticIps(), "the MASTER with priority 150 is the home; the public IP comes from master.sh");
    assertEquals("10.0.16.10", t.node(NodeId.of("lb1")).homePoints().get(0).privateIp());
    assertEquals(List.of(), t.node(NodeId.of("lb1")).reservedPoints());
    assertEquals("10.0.32.10", t.node(NodeId.of("lb2")).homePoints().get(0).privateIp(),
        "the passive node's primary IP is its unicast_src_ip");
    assertEquals("10.0.32.11", t.node(NodeId.of("lb2")).reservedPoints().get(0).privateIp());
    assertEquals("eni-0b1b2b3b4b5b6b7b2", t.node(NodeId.of("lb2")).reservedPoints().get(0).networkInterfaceId());
    assertEquals(AgentConfig.HealthKind.HTTP, c.health().kind());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:8080/haproxy-health")), c.health().httpUri());
    assertEquals(Duration.ofSeconds(2), c.health().interval());
    assertEquals(Duration.ofSeconds(1), c.health().timeout());
    assertEquals(3, c.health().rise());
    assertEquals(2, c.health().fall());
    assertEquals(List.of(AgentConfig.GuardKind.PEER_PROBE), c.guards().kinds());
    assertEquals(AgentConfig.StrategyKind.HOME_WITH_FAILBACK, c.strategy().kind());
    assertEquals("phi-accrual", c.membership().udpProfile());
    assertEquals(Optional.of("us-east-1"), c.ec2().region());
    assertEquals("ens5", c.provision().osDevice());
    assertEquals(20, c.provision().prefixLength());
    assertTrue(run.out().contains("within 3.61 s"), "3 adverts of 1 s + skew (256-100)/256 s: " + run.out());
    assertFalse(run.out().contains("s3cr3tpw") || Files.readString(dir.resolve("out/agent.properties"))
        .contains("s3cr3tpw"), run.out());
  }

  @Test
  void twoInstancesActiveActivePairIsAcceptedByTheAgent() throws Exception {
    Path in = ImportFixtures.copy("keepalived/two-instances", dir.resolve("in"));
    Run run = importPair(in, "--eip", EIPS, "--eip", "eipalloc-0c0c0c0c0c0c0c0c2=203.0.113.32", "--ping-port", "443");
    assertEquals(0, run.exit(), run.out() + run.err());
    AgentConfig c = AgentConfigParser.parse(dir.resolve("out/agent.properties"));
    var t = c.topology().orElseThrow();
    assertEquals(List.of(new ElasticIp("eipalloc-0c0c0c0c0c0c0c0c1", "203.0.113.31", NodeId.of("lb1")),
        new ElasticIp("eipalloc-0c0c0c0c0c0c0c0c2", "203.0.113.32", NodeId.of("lb2"))), t.elasticIps());
    assertEquals("10.0.1.11", t.node(NodeId.of("lb1")).reservedPoints().get(0).privateIp());
    assertEquals("10.0.2.11", t.node(NodeId.of("lb2")).reservedPoints().get(0).privateIp());
    assertEquals(List.of(AgentConfig.GuardKind.REACHABILITY, AgentConfig.GuardKind.PEER_PROBE), c.guards().kinds());
    assertEquals(1, c.guards().reachabilityTargets().size(), "the gateway once, though both instances track it");
    assertEquals(443, c.guards().reachabilityTargets().get(0).getPort());
    assertEquals(AgentConfig.HealthKind.NONE, c.health().kind(), "killall -0 checks a process, not the service");
    assertEquals(Optional.of("ap-southeast-2"), c.ec2().region());
    assertTrue(run.out().contains("a process check"), run.out());
  }

  @Test
  void everyInputLineIsMappedOrListedWithAReason() throws Exception {
    for (String kind : List.of("one-instance", "two-instances")) {
      Path in = ImportFixtures.copy("keepalived/" + kind, dir.resolve(kind));
      ImportResult r = KeepalivedImporter.run(new ImportOptions(List.of(
          ImportOptions.Input.parse("lb1=" + in.resolve("lb1/keepalived.conf")),
          ImportOptions.Input.parse("lb2=" + in.resolve("lb2/keepalived.conf"))), "c", Optional.empty(), 53, 80,
          Map.of(), "x"));
      List<String> missing = new ArrayList<>();
      try (Stream<Path> files = Files.walk(in)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
          missing.addAll(ImportFixtures.unaccounted(r.report(), f, "#!"));
        }
      }
      try (Stream<Path> files = Files.walk(in)) {
        for (Path f : files.filter(p -> p.toString().matches(".*/(master|take-eip)\\.sh")).toList()) {
          missing.addAll(ImportFixtures.unaccounted(r.report(), f, "#"));
        }
      }
      assertEquals(List.of(), missing, kind + ":\n" + r.report().render());
    }
  }

  @Test
  void withoutPublicIpsTheImportIsIncompleteAndSaysWhatToFill() throws Exception {
    Path in = ImportFixtures.copy("keepalived/two-instances", dir.resolve("in"));
    Run run = importPair(in, "--eip", EIPS);
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("topology.eip.eipalloc-0c0c0c0c0c0c0c0c2.public-ip"), run.out());
    assertTrue(run.out().contains("--eip eipalloc-0c0c0c0c0c0c0c0c2=IP"), run.out());
  }

  @Test
  void oneNodesFileAloneSaysWhichPeerIsMissing() throws Exception {
    Path in = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in"));
    Run run = ImportFixtures.run("ignored", "keepalived", "--out", dir.resolve("out").toString(),
        in.resolve("lb1/keepalived.conf").toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("topology.nodes: the node at 10.0.32.10 (unicast_peer, " + in.resolve(
        "lb1/keepalived.conf") + ":25) is not among the inputs"), run.out());
    assertTrue(Files.readString(dir.resolve("out/agent.properties")).contains("node.id = lb1"),
        "the node is the file's router_id");
  }

  @Test
  void nopreemptBecomesSticky() throws Exception {
    Path in = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in"));
    for (String n : List.of("lb1", "lb2")) {
      ImportFixtures.edit(in.resolve(n + "/keepalived.conf"), "advert_int 1", "advert_int 1\n    nopreempt");
    }
    Run run = importPair(in);
    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals(AgentConfig.StrategyKind.STICKY,
        AgentConfigParser.parse(dir.resolve("out/agent.properties")).strategy().kind());
  }

  @Test
  void unknownKeywordIsNamedWithFileAndLine() throws Exception {
    Path in = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in"));
    ImportFixtures.edit(in.resolve("lb2/keepalived.conf"), "advert_int 1", "advert_int 1\n    failover_fast yes");
    Run run = importPair(in);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains(in.resolve("lb2/keepalived.conf") + ":23: unknown keyword 'failover_fast' in"
        + " vrrp_instance VI_1"), run.err());
    assertFalse(Files.exists(dir.resolve("out/agent.properties")));
  }

  @Test
  void brokenFilesAreNamed() throws Exception {
    Path in = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in"));
    Files.delete(in.resolve("lb2/keepalived.conf"));
    Run missing = importPair(in);
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains(in.resolve("lb2/keepalived.conf") + ": missing"), missing.err());

    Path in2 = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in2"));
    ImportFixtures.edit(in2.resolve("lb1/keepalived.conf"), "        chk_haproxy\n    }", "        chk_haproxy\n");
    Run unclosed = importPair(in2);
    assertEquals(2, unclosed.exit());
    assertTrue(unclosed.err().contains("keepalived.conf:17: vrrp_instance { is never closed"), unclosed.err());

    Path in3 = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in3"));
    ImportFixtures.edit(in3.resolve("lb1/keepalived.conf"), "        chk_haproxy\n", "        chk_nginx\n");
    Run undefined = importPair(in3);
    assertEquals(2, undefined.exit());
    assertTrue(undefined.err().contains("keepalived.conf:32: track_script names 'chk_nginx', which no vrrp_script"),
        undefined.err());

    Path in4 = ImportFixtures.copy("keepalived/one-instance", dir.resolve("in4"));
    ImportFixtures.edit(in4.resolve("lb1/keepalived.conf"), "global_defs {", "include /etc/keepalived/conf.d/*.conf\n"
        + "global_defs {");
    Run include = importPair(in4);
    assertEquals(2, include.exit());
    assertTrue(include.err().contains("keepalived.conf:2: include: the importer reads one file per node"),
        include.err());
  }
}

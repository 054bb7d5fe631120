package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.examples.agent.PortTable.Rule;
import io.eipfailover.examples.agent.PortTable.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PortTable} and the {@code ports} / {@code check-config} verbs. */
class PortTableTest {
  @TempDir Path dir;

  private AgentConfig parse(Map<String, String> m) throws IOException {
    ConfigFixtures.keyFile(dir);
    return AgentConfigParser.parse(ConfigFixtures.text(m), dir);
  }

  @Test
  void udpMembershipListensOnUdpAndTcpOfItsPortAndStatusOnLoopback() throws IOException {
    assertEquals(List.of(
        new Rule("udp", 694, 694, Scope.CLUSTER, "heartbeats (membership.type=udp)"),
        new Rule("tcp", 694, 694, Scope.CLUSTER, "crash-detection link of the heartbeat membership (same port, TCP)"),
        new Rule("tcp", 9777, 9777, Scope.LOCAL, "status endpoint on 127.0.0.1 (/status, /metrics, /healthz)")),
        PortTable.of(parse(ConfigFixtures.validPair())));
  }

  @Test
  void explicitAddressesWithOtherPortsAddTheirPorts() throws IOException {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.port", "5405");
    m.put("membership.address.lb-b", "10.0.2.10:5406");
    m.put("status.enabled", "false");
    List<Rule> rules = PortTable.of(parse(m));
    assertEquals(List.of("udp 5405", "tcp 5405", "udp 5406", "tcp 5406"),
        rules.stream().map(r -> r.protocol() + " " + r.ports()).toList());
  }

  @Test
  void jgroupsListsItsTransportAndFailureDetectionRangeAndPeerProbeItsPort() throws IOException {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.type", "jgroups");
    m.put("guard", "reachability,peer-probe");
    m.put("guard.peer-probe.port", "8443");
    List<Rule> rules = PortTable.of(parse(m));
    assertEquals(List.of("tcp 7800 cluster", "tcp 7900-7902 cluster", "tcp 8443 cluster", "tcp 9777 local"),
        rules.stream().map(r -> r.protocol() + " " + r.ports() + " " + r.scope().name().toLowerCase()).toList());
  }

  @Test
  void aUserStackFileIsAnErrorNotAGuess() throws IOException {
    Path stack = Files.writeString(dir.resolve("stack.xml"), "<config/>");
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("membership.type", "jgroups");
    m.put("membership.jgroups.stack-file", stack.toString());
    m.remove("membership.key-file");
    AgentConfig cfg = parse(m);
    AgentConfigException e = org.junit.jupiter.api.Assertions.assertThrows(AgentConfigException.class,
        () -> PortTable.of(cfg));
    assertTrue(e.getMessage().contains("membership.jgroups.stack-file: the ports are those of your stack file"),
        e.getMessage());
  }

  @Test
  void portsVerbPrintsTheTableOrJsonAndCheckConfigValidates() throws IOException {
    ConfigFixtures.keyFile(dir);
    Path cfg = Files.writeString(dir.resolve("agent.properties"), ConfigFixtures.text(ConfigFixtures.validPair()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(0, AgentMain.run(new String[] {"ports", "--config", cfg.toString(), "--json"}, o, e, null));
    assertEquals("{\"rules\":[{\"protocol\":\"udp\",\"port\":694,\"to_port\":694,\"scope\":\"cluster\","
        + "\"purpose\":\"heartbeats (membership.type=udp)\"},{\"protocol\":\"tcp\",\"port\":694,\"to_port\":694,"
        + "\"scope\":\"cluster\",\"purpose\":\"crash-detection link of the heartbeat membership (same port, TCP)\"},"
        + "{\"protocol\":\"tcp\",\"port\":9777,\"to_port\":9777,\"scope\":\"local\",\"purpose\":\"status endpoint on"
        + " 127.0.0.1 (/status, /metrics, /healthz)\"}]}\n", out.toString(StandardCharsets.UTF_8));
    out.reset();
    assertEquals(0, AgentMain.run(new String[] {"ports", "--config", cfg.toString()}, o, e, null));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("udp   694         cluster  heartbeats"), out.toString());
    assertEquals(0, AgentMain.run(new String[] {"check-config", "--config", cfg.toString()}, o, e, null));
    assertEquals(2, AgentMain.run(new String[] {"check-config"}, o, e, null));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--config FILE is required"), err.toString());
    Files.writeString(cfg, "cluster.name = web lb\nstrategy = fastest\n");
    err.reset();
    assertEquals(2, AgentMain.run(new String[] {"check-config", "--config", cfg.toString()}, o, e, null));
    String problems = err.toString(StandardCharsets.UTF_8);
    assertTrue(problems.contains("cluster.name") && problems.contains("'web lb'") && problems.contains("strategy")
        && problems.contains("'fastest'"), problems);
  }
}

package io.eipfailover.examples.agent;

import static io.eipfailover.examples.agent.AgentConfig.GuardKind.EC2_INSTANCE_STATE;
import static io.eipfailover.examples.agent.AgentConfig.GuardKind.PEER_PROBE;
import static io.eipfailover.examples.agent.AgentConfig.GuardKind.QUORUM;
import static io.eipfailover.examples.agent.AgentConfig.GuardKind.REACHABILITY;
import static io.eipfailover.examples.agent.AgentConfig.GuardKind.UNGUARDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which guard combinations the agent warns about (heartbeat-only loss lets both sides take). */
class GuardAdviceTest {
  private static AgentConfig.Guards guards(boolean anyOf, AgentConfig.GuardKind... kinds) {
    return new AgentConfig.Guards(List.of(kinds), anyOf, List.of(), Duration.ofMillis(500), 80, Duration.ofMillis(500));
  }

  private static boolean risky(AgentConfig.Guards g, int nodes) {
    return GuardAdvice.pingPongRisk(g, nodes).isPresent();
  }

  @Test
  void warnsWhenBothSidesCanBeAllowed() {
    assertTrue(risky(guards(true, REACHABILITY, EC2_INSTANCE_STATE), 2), "case 4b's guard");
    assertTrue(risky(guards(false, REACHABILITY), 2));
    assertTrue(risky(guards(false, UNGUARDED), 2));
    assertTrue(risky(guards(false, QUORUM), 3), "with three nodes, each side of a lost link still has a majority");
    assertTrue(risky(guards(true, PEER_PROBE, REACHABILITY), 2), "any: reachability alone suffices");
  }

  @Test
  void staysQuietWhenAGuardDeniesWhileTheHolderServes() {
    assertEquals(List.of(), List.of(
            guards(false, REACHABILITY, PEER_PROBE), guards(false, PEER_PROBE), guards(false, EC2_INSTANCE_STATE),
            guards(false, REACHABILITY, EC2_INSTANCE_STATE), guards(true, PEER_PROBE, EC2_INSTANCE_STATE),
            guards(false, REACHABILITY, QUORUM, PEER_PROBE)).stream()
        .filter(g -> risky(g, 2)).toList());
  }

  @Test
  void theMessageNamesTheGuardTheEvidenceAndTheFix() {
    String w = GuardAdvice.pingPongRisk(guards(true, REACHABILITY, EC2_INSTANCE_STATE), 2).orElseThrow();
    assertTrue(w.startsWith("guard 'reachability,ec2-instance-state' (guard.combine=any) can allow both nodes"), w);
    assertTrue(w.contains("case 4b") && w.contains("Add peer-probe with guard.combine=all"), w);
  }

  @Test
  void theShippedSampleIsNotWarnedAbout(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("cluster.key");
    Files.writeString(key, "1 0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    String sample = Files.readString(Path.of("deploy/agent.properties"))
        .replace("/etc/eipfailover/keys/cluster.key", key.toString());
    AgentConfig cfg = AgentConfigParser.parse(sample, dir);
    assertEquals(List.of(REACHABILITY, PEER_PROBE), cfg.guards().kinds());
    assertEquals(java.util.Optional.empty(), GuardAdvice.pingPongRisk(cfg.guards(), 2));
  }
}

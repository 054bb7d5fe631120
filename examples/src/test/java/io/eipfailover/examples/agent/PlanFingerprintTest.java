package io.eipfailover.examples.agent;

import io.eipfailover.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.event.ConfigMismatch;
import io.eipfailover.core.event.FailoverEvent;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link PlanFingerprint}: which plan-relevant setting differs between two nodes. */
@Timeout(60)
class PlanFingerprintTest {
  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  private long fingerprint(String key, String value) throws IOException {
    Map<String, String> m = ConfigFixtures.validPair();
    if (key != null) {
      m.put(key, value);
    }
    ConfigFixtures.keyFile(dir);
    AgentConfig c = AgentConfigParser.parse(ConfigFixtures.text(m), dir);
    return PlanFingerprint.of(c, c.topology().orElseThrow());
  }

  @Test
  void eachPlanRelevantSettingIsNamedAndNodeLocalOnesAreNotCompared() throws IOException {
    long base = fingerprint(null, null);
    assertEquals(base, fingerprint("node.id", "lb-b"), "every node has the same plan fingerprint");
    assertEquals(base, fingerprint("guard.reachability.targets", "10.0.2.1:443"), "guard targets may differ per AZ");
    assertEquals(base, fingerprint("health.fall", "5"), "the local health check may differ");
    for (String[] c : List.of(
        new String[] {"strategy.failback-delay", "30s", "strategy.failback-delay"},
        new String[] {"strategy", "balanced", "strategy"},
        new String[] {"failover.hold-time", "5s", "failover.hold-time"},
        new String[] {"failover.tolerated-failures", "0", "failover.tolerated-failures"},
        new String[] {"guard", "reachability,peer-probe", "guard, guard.combine"},
        new String[] {"membership.udp.profile", "aggressive", "membership.udp.profile"},
        new String[] {"topology.node.lb-b.reserved-ips", "10.0.2.12", "topology.*"})) {
      long other = fingerprint(c[0], c[1]);
      assertNotEquals(base, other, c[0]);
      assertEquals(List.of(c[2]), PlanFingerprint.differing(base, other), c[0] + "=" + c[1]);
    }
    assertEquals(List.of(), PlanFingerprint.differing(base, base));
    assertTrue(PlanFingerprint.differing(0L, -1L).containsAll(PlanFingerprint.GROUPS));
  }

  /** Two running agents whose fail-back delays differ: each is told, naming the setting. */
  @Test
  void twoAgentsWithDifferentFailbackDelaysReportTheSetting() throws Exception {
    List<FailoverEvent> events = new CopyOnWriteArrayList<>();
    try (TwoNodeWorld world = new TwoNodeWorld(dir);
        AgentNode a = AgentNode.fromConfig(world.config("lb-a", Map.of("strategy.failback-delay", "1s")),
            Ticker.systemTicker(), List.of(events::add));
        AgentNode b = AgentNode.fromConfig(world.config("lb-b", Map.of("strategy.failback-delay", "30s")),
            Ticker.systemTicker(), List.of())) {
      a.start();
      b.start();
      Await.until("a ConfigMismatch event", Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e instanceof ConfigMismatch));
      ConfigMismatch m = (ConfigMismatch) events.stream().filter(e -> e instanceof ConfigMismatch).findFirst().orElseThrow();
      assertEquals("lb-b", m.peer().value());
      assertEquals(List.of("strategy.failback-delay"), PlanFingerprint.differing(m.ourFingerprint(), m.theirFingerprint()));
    }
  }
}

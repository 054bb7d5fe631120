package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.testing.Await;
import io.eipfailover.examples.agent.hooks.HookEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks on a real pair (two agent nodes in this JVM, UDP heartbeats on loopback, the EC2 fake):
 * lb-a's takeover-started hook does not finish until the test says so, yet lb-a takes lb-b's EIP;
 * the completed hook of that EIP runs after the started one, in event order.
 */
@Timeout(90)
class HookedTakeoverTest {
  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  @Test
  void aHookThatOutlivesTheTakeoverDelaysNothing() throws Exception {
    Path log = dir.resolve("hooks.log");
    Path go = dir.resolve("go");
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Path configA = world.config("lb-a", Map.of(
          "hooks.takeover-started", "echo \"started $EIPFAILOVER_PUBLIC_IP\" >> '" + log + "'; while [ ! -e '" + go
              + "' ]; do sleep 0.05; done; echo \"started done\" >> '" + log + "'",
          "hooks.takeover-completed", "echo \"completed $EIPFAILOVER_PUBLIC_IP $EIPFAILOVER_FROM->$EIPFAILOVER_TO"
              + " failover=$EIPFAILOVER_FAILOVER_MS\" >> '" + log + "'",
          "hooks.peer-dead", "echo \"peer-dead $EIPFAILOVER_PEER\" >> '" + log + "'",
          "hooks.timeout", "60s"));
      try (AgentNode a = AgentNode.fromConfig(configA, Ticker.systemTicker(), List.of());
          AgentNode b = AgentNode.fromConfig(world.config("lb-b", Map.of()), Ticker.systemTicker(), List.of())) {
        a.start();
        b.start();
        waitFor(() -> a.statusJson().contains("\"lb-b\":{\"state\":\"ALIVE\""));
        b.close();
        waitFor(() -> world.fake.association(TwoNodeWorld.ALLOC_B)
            .map(x -> x.networkInterfaceId().equals(TwoNodeWorld.ENI_A)).orElse(false));
        waitFor(() -> a.statusJson().contains("\"lastTakeover\":{"));
        waitFor(() -> lines(log).contains("started 203.0.113.20"));
        assertFalse(lines(log).contains("started done"), "the hook still runs: " + lines(log));
        assertTrue(lines(log).stream().noneMatch(l -> l.startsWith("completed")),
            "the completed hook of the same EIP waits for the started one: " + lines(log));

        Files.createFile(go);
        waitFor(() -> lines(log).stream().anyMatch(l -> l.startsWith("completed")));
        List<String> eipRuns = lines(log).stream().filter(l -> !l.startsWith("peer-dead")).toList();
        assertEquals("started 203.0.113.20", eipRuns.get(0));
        assertEquals("started done", eipRuns.get(1));
        assertTrue(eipRuns.get(2).matches("completed 203\\.0\\.113\\.20 lb-b->lb-a failover=\\d+"), eipRuns.toString());
        waitFor(() -> lines(log).contains("peer-dead lb-b"));
        waitFor(() -> PrometheusSamples.valueOrZero(a.metricsText(), "eipfailover_hook_runs_total", "event",
            "takeover-completed", "result", "ok") == 1);
      }
    }
  }

  @Test
  void hookKeysAreCheckedLikeEveryOtherKey() {
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("hooks.on-fire", "true");
    m.put("hooks.timeout", "20m");
    AgentConfigException e = org.junit.jupiter.api.Assertions.assertThrows(AgentConfigException.class,
        () -> AgentConfigParser.parse(ConfigFixtures.text(m), dir));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("hooks.on-fire: unknown hook event, must be one of"
        + " [takeover-started, takeover-completed, takeover-failed, fail-back, eip-released, peer-dead,"
        + " peer-recovered, local-status-changed], was 'on-fire'")), e.problems().toString());
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("hooks.timeout: must be at most 10m")),
        e.problems().toString());
  }

  @Test
  void hookCommandsAreRead() throws Exception {
    ConfigFixtures.keyFile(dir);
    Map<String, String> m = ConfigFixtures.validPair();
    m.put("hooks.fail-back", "systemctl reload haproxy");
    m.put("hooks.timeout", "3s");
    AgentConfig c = AgentConfigParser.parse(ConfigFixtures.text(m), dir);
    assertEquals(Map.of(HookEvent.FAIL_BACK, "systemctl reload haproxy"), c.hooks().commands());
    assertEquals(Duration.ofSeconds(3), c.hooks().timeout());
  }

  private static List<String> lines(Path f) {
    try {
      return Files.exists(f) ? Files.readAllLines(f) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void waitFor(BooleanSupplier condition) {
    Await.until("the hook or agent state the test waits for", Duration.ofSeconds(60), condition);
  }
}

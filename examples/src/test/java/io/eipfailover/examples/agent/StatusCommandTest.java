package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * {@code eipfailover-agent status} against two real agent nodes in this JVM (UDP heartbeats on
 * loopback, the EC2 fake): exit 0 while both are alive and home, 1 once lb-b is gone and lb-a holds
 * its EIP, 2 once no agent answers.
 */
@Timeout(90)
class StatusCommandTest {
  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  private record Run(int exit, String out, String err) {}

  private static Run status(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = AgentMain.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), argv -> new CommandRunner.Result(0, ""));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void exitCodesFollowThePairsHealth() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Path configA = world.config("lb-a", Map.of());
      Path configB = world.config("lb-b", Map.of());
      try (AgentNode a = AgentNode.fromConfig(configA, Ticker.systemTicker(), List.of())) {
        AgentNode b = AgentNode.fromConfig(configB, Ticker.systemTicker(), List.of());
        a.start();
        b.start();
        java.util.concurrent.atomic.AtomicReference<Run> last = new java.util.concurrent.atomic.AtomicReference<>();
        waitFor(() -> {
          last.set(status("--config", configA.toString()));
          return last.get().exit() == 0;
        }, () -> last.get().toString());
        Run healthy = status("--config", configA.toString());
        assertTrue(healthy.out().contains("lb-b           ALIVE") && healthy.out().contains("on lb-b 10.0.2.10  home"),
            healthy.out());
        assertTrue(healthy.out().endsWith("OK: every node alive, every EIP at home\n"), healthy.out());

        b.close();
        waitFor(() -> world.fake.association(TwoNodeWorld.ALLOC_B)
            .map(x -> x.networkInterfaceId().equals(TwoNodeWorld.ENI_A)).orElse(false));
        waitFor(() -> status("--config", configA.toString()).out().contains("AWAY from lb-b, since"));
        Run degraded = status("--config", configA.toString());
        assertEquals(1, degraded.exit(), degraded.out());
        assertTrue(degraded.out().contains("on lb-a 10.0.1.20  AWAY from lb-b"), degraded.out());
        assertTrue(degraded.out().contains("LAST TAKEOVER by this node: 203.0.113.20 from lb-b to lb-a"), degraded.out());
        assertTrue(degraded.out().matches("(?s).*\\n +\\S+( \\S+)? ago +takeover +203\\.0\\.113\\.20 +now on 10\\.0\\.1\\.20.*"),
            degraded.out());
        assertTrue(degraded.out().contains("DEGRADED: lb-b is"), degraded.out());

        Run json = status("--port", String.valueOf(world.statusA), "--json");
        assertEquals(1, json.exit());
        assertTrue(json.out().contains("\"now\":\"") && json.out().contains("\"holderSince\":\"")
            && json.out().contains("\"recent\":[{"), json.out());

        List<Duration> slept = new java.util.ArrayList<>();
        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        int watchExit = io.eipfailover.examples.agent.statusclient.StatusCommandRounds.run(
            new String[] {"--port", String.valueOf(world.statusA), "--watch", "--interval", "5"},
            new PrintStream(watched, true, StandardCharsets.UTF_8), slept::add, 3);
        assertEquals(1, watchExit);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), slept);
        assertEquals(3, watched.toString(StandardCharsets.UTF_8).split("every 5 s; Ctrl-C stops", -1).length - 1);
      }
      Run down = status("--config", configA.toString());
      assertEquals(2, down.exit(), down.out());
      assertTrue(down.err().contains("the agent is not running here: nothing listens on 127.0.0.1:" + world.statusA),
          down.err());
    }
  }

  @Test
  void endpointDisabledOrMissingConfigIsExitTwoWithTheReason() throws Exception {
    Path f = dir.resolve("agent.properties");
    Files.writeString(f, "status.enabled = false\n");
    Run disabled = status("--config", f.toString());
    assertEquals(2, disabled.exit());
    assertTrue(disabled.err().contains("status endpoint is disabled (status.enabled = false in " + f), disabled.err());
    Run missing = status("--config", dir.resolve("nope.properties").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no such file"), missing.err());
    Run bad = status("--port", "70000");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--port must be a port from 1 to 65535, was '70000'"), bad.err());
  }

  private static void waitFor(BooleanSupplier condition) {
    waitFor(condition, () -> "");
  }

  private static void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> state) {
    Await.until("the status the test waits for", Duration.ofSeconds(60), condition, state);
  }
}

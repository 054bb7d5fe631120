package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.core.testing.Await;
import io.eipfailover.examples.demo.NodeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real agent processes against the EC2 fake; SIGTERM to lb-b (what {@code systemctl stop}
 * sends) must hand its EIP to lb-a before lb-b exits: no moment without a holder, no waiting for a
 * failure detector.
 */
class SigtermHandoffTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  @Timeout(120)
  void sigtermHandsTheEipToThePeerBeforeExiting() throws Exception {
    List<String> creds = List.of("aws.accessKeyId=AKIDTEST", "aws.secretAccessKey=secret");
    try (TwoNodeWorld world = new TwoNodeWorld(dir);
        NodeProcess a = NodeProcess.start("lb-a", world.config("lb-a", Map.of("log.level", "INFO")), creds, null);
        NodeProcess b = NodeProcess.start("lb-b", world.config("lb-b",
            Map.of("log.level", "INFO", "shutdown.handoff-timeout", "20s")), creds, null)) {
      // On a loaded machine lb-b's JVM may come up after lb-a's initdead: lb-a then takes lb-b's EIP
      // and lb-b pulls it home after the fail-back delay. Either way, start from the steady state.
      waitFor("both nodes see each other ALIVE and lb-b's EIP at home", Duration.ofSeconds(60),
          () -> status(world.statusA).contains("\"lb-b\":{\"state\":\"ALIVE\"")
              && status(world.statusB).contains("\"lb-a\":{\"state\":\"ALIVE\"")
              && world.fake.association(TwoNodeWorld.ALLOC_B).map(x -> x.networkInterfaceId().equals(TwoNodeWorld.ENI_B))
                  .orElse(false), a, b);

      // SIGHUP: the log level is applied, a changed strategy is reported as needing a restart
      Map<String, String> changed = new java.util.HashMap<>();
      changed.put("log.level", "DEBUG");
      changed.put("shutdown.handoff-timeout", "20s");
      changed.put("strategy", "sticky");
      changed.put("strategy.failback-delay", null);
      world.config("lb-b", changed);
      new ProcessBuilder("kill", "-HUP", Long.toString(b.pid())).start().waitFor();
      waitFor("lb-b reloads on SIGHUP", Duration.ofSeconds(20), () -> b.tail().contains("SIGHUP: configuration reloaded"), a, b);
      assertTrue(b.tail().contains("SIGHUP: log level INFO -> DEBUG"), b.tail());
      assertTrue(b.tail().contains("need a restart (not applied): [strategy*]"), b.tail());
      assertTrue(b.isAlive());

      int callsBeforeTerm = world.fake.calls().size();
      AtomicReference<Instant> exitedAt = new AtomicReference<>();
      b.onExit().thenRun(() -> exitedAt.set(Instant.now()));
      b.terminate();
      int code = b.waitFor(40_000);
      assertEquals(143, code, "SIGTERM exit status; lb-b said:\n" + b.tail());
      waitFor("lb-b's exit noticed", Duration.ofSeconds(10), () -> exitedAt.get() != null, a, b);

      assertEquals(TwoNodeWorld.ENI_A, world.fake.association(TwoNodeWorld.ALLOC_B).orElseThrow().networkInterfaceId(),
          "lb-a holds lb-b's EIP; lb-b said:\n" + b.tail());
      List<Ec2Call> moves = world.fake.calls().stream().skip(callsBeforeTerm)
          .filter(c -> c.action().equals("AssociateAddress") && !c.dryRun() && c.succeeded()
              && TwoNodeWorld.ALLOC_B.equals(c.param("AllocationId"))).toList();
      assertEquals(1, moves.size(), () -> "one move of lb-b's EIP after SIGTERM: " + moves);
      assertEquals(TwoNodeWorld.ENI_A, moves.get(0).param("NetworkInterfaceId"));
      assertTrue(moves.get(0).time().isBefore(exitedAt.get()),
          "associated at " + moves.get(0).time() + ", lb-b exited at " + exitedAt.get());
      // the shutdown hook ran: standby announced, EC2 showed the EIP moved, then the process exited
      assertTrue(b.tail().contains("SIGTERM: handing EIPs to peers"), b.tail());
      assertTrue(b.tail().contains("hand-off complete: peers hold every EIP this node had"), b.tail());
      String aStatus = status(world.statusA);
      assertTrue(aStatus.contains("\"lb-b\":{\"state\":\"STANDBY\"") || aStatus.contains("\"lb-b\":{\"state\":\"DEAD\""),
          aStatus);
      assertTrue(aStatus.contains("\"lastTakeover\":{\"publicIp\":\"203.0.113.20\",\"allocationId\":\"eipalloc-0b0\",\"from\":\"lb-b\""),
          aStatus);
    }
  }

  private String status(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  private static void waitFor(String what, Duration timeout, java.util.function.BooleanSupplier c, NodeProcess... ps) {
    Await.until(what, timeout, c, () -> {
      StringBuilder sb = new StringBuilder("the nodes' output:");
      for (NodeProcess p : ps) {
        sb.append("\n--- ").append(p).append(":\n").append(p.tail());
      }
      return sb;
    });
  }
}

package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.aws.testing.Ec2Call;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent node (lb-a) in this JVM against the EC2 fake, its peer lb-b never started: lb-b is
 * declared dead after initdead and lb-a takes its EIP, unless in dry-run mode.
 */
@Timeout(120)
class AgentNodeStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  @Test
  void statusEndpointServesJsonAndPrometheusMetricsOnLoopback() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir);
        AgentNode node = AgentNode.fromConfig(world.config("lb-a", Map.of()), Ticker.systemTicker(), List.of())) {
      node.start();
      assertEquals(world.statusA, node.statusPort().orElseThrow());
      Await.until("lb-a holds lb-b's EIP", WAIT, () -> world.fake.association(TwoNodeWorld.ALLOC_B)
          .map(a -> a.networkInterfaceId().equals(TwoNodeWorld.ENI_A)).orElse(false), world.fake::calls);
      Await.until("a takeover timeline", WAIT, () -> node.statusJson().contains("\"lastTakeover\":{"), node::statusJson);

      HttpResponse<String> status = get(world.statusA, "/status");
      assertEquals(200, status.statusCode());
      assertTrue(status.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      String json = status.body();
      assertTrue(json.startsWith("{\"cluster\":\"t\",\"self\":\"lb-a\",\"running\":true,\"dryRun\":false,"), json);
      assertTrue(json.contains("\"lb-b\":{\"state\":\"DEAD\""), json);
      assertTrue(json.contains("{\"allocationId\":\"eipalloc-0b0\",\"publicIp\":\"203.0.113.20\",\"home\":\"lb-b\","), json);
      assertTrue(json.contains("\"holder\":\"lb-a\""), json);
      assertTrue(json.contains("\"lastTakeover\":{\"publicIp\":\"203.0.113.20\""), json);
      assertTrue(json.contains("\"takeovers\":1"), json);

      HttpResponse<String> metrics = get(world.statusA, "/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      String text = metrics.body();
      assertEquals(1, PrometheusSamples.value(text, "eipfailover_takeovers_total", "cluster", "t", "self", "lb-a"), text);
      assertEquals(1, PrometheusSamples.value(text, "eipfailover_eip_held", "allocation_id", "eipalloc-0b0",
          "public_ip", "203.0.113.20", "home", "lb-b"), text);
      assertEquals(0, PrometheusSamples.value(text, "eipfailover_eip_at_home", "allocation_id", "eipalloc-0b0"), text);
      assertEquals(1, PrometheusSamples.value(text, "eipfailover_peer_state", "node", "lb-b", "state", "dead"), text);
      assertEquals(1, PrometheusSamples.value(text, "eipfailover_failover_seconds_count", "phase", "failover"), text);
      assertEquals(1, PrometheusSamples.value(text, "eipfailover_ec2_calls_seconds_count", "operation",
          "AssociateAddress", "outcome", "success"), text);
      assertTrue(PrometheusSamples.value(text, "eipfailover_ec2_calls_seconds_count", "operation",
          "DescribeAddresses", "outcome", "success") >= 1, text);
      assertTrue(PrometheusSamples.value(text, "eipfailover_heartbeats_sent_total") >= 1, text);
      assertEquals(0, PrometheusSamples.value(text, "eipfailover_heartbeats_dropped_total", "reason", "bad_mac"), text);
      assertEquals(404, get(world.statusA, "/nope").statusCode());
      assertEquals(405, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.statusA + "/status"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void ec2ErrorsAreCountedByOperationAndCode() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      world.fake.faults().deny("AssociateAddress");
      try (AgentNode node = AgentNode.fromConfig(world.config("lb-a", Map.of()), Ticker.systemTicker(), List.of())) {
        node.start();
        Await.until("the denied AssociateAddress counted by code", WAIT, () -> PrometheusSamples.valueOrZero(
            node.metricsText(), "eipfailover_ec2_errors_total", "operation", "AssociateAddress", "code",
            "UnauthorizedOperation") >= 1, node::metricsText);
        // the reconciler counts the failure after the SDK call returned
        Await.until("the takeover failure counted", WAIT, () -> PrometheusSamples.value(node.metricsText(),
            "eipfailover_takeover_failures_total", "kind", "permission") >= 1, node::metricsText);
      }
    }
  }

  @Test
  void dryRunPlansTheTakeoverButMakesNoWriteCall() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      Map<String, String> dry = new HashMap<>();
      dry.put("dry-run", "true");
      dry.put("failover.resync-interval", "1s"); // a describe every second: passes to watch for
      try (AgentNode node = AgentNode.fromConfig(world.config("lb-a", dry), Ticker.systemTicker(), List.of())) {
        node.start();
        // lb-b is never heard: dead after initdead, and the plan puts its EIP on lb-a ...
        Await.until("lb-b DEAD and its EIP observed at home", WAIT,
            () -> node.failover().status().view().stateOf(io.eipfailover.core.NodeId.of("lb-b")) == MemberState.DEAD
                && node.failover().status().plan() != null && node.statusJson().contains(
                "\"allocationId\":\"eipalloc-0b0\",\"publicIp\":\"203.0.113.20\",\"home\":\"lb-b\",\"observed\":{\"networkInterfaceId\":\"eni-0b0000000000000b\""),
            node::statusJson);
        Await.until("lb-b's EIP planned on lb-a", WAIT, () -> node.statusJson().contains(
            "\"planned\":{\"node\":\"lb-a\",\"networkInterfaceId\":\"eni-0a0000000000000a\",\"privateIp\":\"10.0.1.20\"}"),
            node::statusJson);
        // ... and two more answered describes: reconcile passes that would have acted by then
        long describes = answeredDescribes(world);
        Await.until("two more reconcile passes (answered describes)", WAIT,
            () -> answeredDescribes(world) >= describes + 2, world.fake::calls);
        assertTrue(node.statusJson().contains("\"dryRun\":true"));
      }
      List<Ec2Call> writes = world.fake.calls().stream()
          .filter(c -> !c.dryRun() && !c.action().startsWith("Describe")).toList();
      assertEquals(List.of(), writes);
      assertEquals(TwoNodeWorld.ENI_B, world.fake.association(TwoNodeWorld.ALLOC_B).orElseThrow().networkInterfaceId());
      assertTrue(world.fake.calls("DescribeAddresses").size() > 0, "the dry run still describes");
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long answeredDescribes(TwoNodeWorld world) {
    return world.fake.calls("DescribeAddresses").stream().filter(c -> c.succeeded() && !c.dryRun()).count();
  }
}

package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code /metrics} as Prometheus reads it: Prometheus's own {@code promtool check
 * metrics} accepts it, and an agent with UDP membership and one with JGroups membership together
 * expose every meter of {@code docs/metrics.md}'s table and every metric the Grafana dashboard
 * queries. The UDP agent meets an EC2 error and makes a
 * takeover first, so the series that appear with their first event are there too.
 */
@Timeout(120)
class MetricsEndpointTest {
  /** The table of meters, a row per meter; its fourth column is the Prometheus name. */
  static final Path TABLE = Path.of("../docs/metrics.md");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern ROW = Pattern.compile("^\\| `eipfailover\\.[^`]+` \\|[^|]*\\|[^|]*\\| `([a-z0-9_]+)` \\|");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  @Test
  void theUdpAndJGroupsAgentsTogetherExposeEveryMeterOfTheTableInAFormatPromtoolAccepts() throws Exception {
    String udp = udpAgentAfterAnErrorAndATakeover();
    String jgroups = jgroupsAgent();

    Set<String> exposed = new TreeSet<>(names(udp));
    exposed.addAll(names(jgroups));
    Set<String> missing = documentedMeters().stream().filter(m -> !exposed.contains(m) && !exposed.contains(m + "_count"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), missing, "documented in docs/metrics.md but not exposed; exposed: " + exposed);
    assertTrue(names(jgroups).contains("eipfailover_jgroups_views_total"), jgroups);
    Set<String> notExported = GrafanaDashboardTest.queriedMetrics().stream().filter(m -> !exposed.contains(m))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), notExported, "queried by the Grafana dashboard but not exported by the agent");
    assertFalse(names(udp).contains("eipfailover_jgroups_views_total"), udp);

    promtoolAccepts(udp);
    promtoolAccepts(jgroups);
  }

  @Test
  void theTableListsEveryMeterTheAgentExposes() throws Exception {
    Set<String> documented = documentedMeters();
    String udp;
    try (TwoNodeWorld world = new TwoNodeWorld(dir);
        AgentNode node = AgentNode.fromConfig(world.config("lb-a", Map.of()), Ticker.systemTicker(), List.of())) {
      node.start();
      udp = scrape(world.statusA);
    }
    Set<String> undocumented = names(udp).stream()
        .filter(n -> n.startsWith("eipfailover_"))
        .map(n -> n.replaceAll("_(bucket|count|sum|max)$", ""))
        .filter(n -> !documented.contains(n))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), undocumented, "exposed by the agent but not in docs/metrics.md");
  }

  /** The Prometheus names of docs/metrics.md's table. */
  static Set<String> documentedMeters() throws IOException {
    Set<String> out = new TreeSet<>();
    for (String line : Files.readAllLines(TABLE)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    assertTrue(out.size() > 30, "too few rows parsed from " + TABLE + ": " + out);
    return out;
  }

  private String udpAgentAfterAnErrorAndATakeover() throws Exception {
    try (TwoNodeWorld world = new TwoNodeWorld(dir)) {
      world.fake.faults().deny("AssociateAddress");
      // A hook that runs with the takeover, so the agent's hook-run counter has a series too.
      try (AgentNode node = AgentNode.fromConfig(world.config("lb-a", Map.of("hooks.takeover-completed", "true")),
          Ticker.systemTicker(), List.of())) {
        node.start();
        Await.until("an EC2 error counted", WAIT, () -> PrometheusSamples.valueOrZero(node.metricsText(),
            "eipfailover_ec2_errors_total", "operation", "AssociateAddress", "code", "UnauthorizedOperation") >= 1,
            node::metricsText);
        world.fake.faults().allow("AssociateAddress");
        Await.until("a takeover and its hook counted", WAIT,
            () -> PrometheusSamples.value(node.metricsText(), "eipfailover_takeovers_total") >= 1
                && PrometheusSamples.valueOrZero(node.metricsText(), "eipfailover_hook_runs_total") >= 1,
            node::metricsText);
        return scrape(world.statusA);
      }
    }
  }

  private String jgroupsAgent() throws Exception {
    Path jgroupsDir = Files.createDirectories(dir.resolve("jgroups"));
    try (TwoNodeWorld world = new TwoNodeWorld(jgroupsDir);
        AgentNode node = AgentNode.fromConfig(world.config("lb-a", Map.of(
            "membership.type", "jgroups",
            "membership.address.lb-a", "127.0.0.1:" + LoopbackPorts.reserve(),
            "membership.address.lb-b", "127.0.0.1:" + LoopbackPorts.reserve())), Ticker.systemTicker(), List.of())) {
      node.start();
      return scrape(world.statusA);
    }
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  private static Set<String> names(String text) {
    return PrometheusSamples.parse(text).stream().map(PrometheusSamples.Sample::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code promtool check metrics} (Debian's prometheus package) must exit 0 with nothing to say. */
  private void promtoolAccepts(String exposition) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      System.err.println("SKIPPED: promtool is not installed (apt-get install prometheus): the Prometheus format"
          + " check of /metrics did not run");
    }
    Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool missing: apt-get install prometheus");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    assertEquals(0, p.exitValue(), "promtool check metrics: " + out + "\n" + exposition);
    assertEquals("", out.trim(), "promtool lint findings");
  }
}

package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard (deploy/grafana): valid JSON whose every query is valid PromQL (checked by
 * {@code promtool check rules}) and covers what operators look at. That every metric it queries is
 * one the agent exports is checked against live agents by {@link MetricsEndpointTest}.
 */
class GrafanaDashboardTest {
  static final Path DASHBOARD = Path.of("deploy/grafana/eipfailover-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\beipfailover_[a-z0-9_]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Every PromQL expression of the dashboard: panel targets and annotations. */
  static List<String> queries() throws IOException {
    List<String> out = new ArrayList<>();
    collect(JSON.readTree(DASHBOARD.toFile()), out);
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("expr") && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          collect(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    }
  }

  /** The metric names the dashboard queries: in its expressions and its variables' queries. */
  static Set<String> queriedMetrics() throws IOException {
    List<String> texts = new ArrayList<>(queries());
    for (JsonNode variable : JSON.readTree(DASHBOARD.toFile()).path("templating").path("list")) {
      texts.add(variable.path("definition").asText());
      texts.add(variable.path("query").path("query").asText());
    }
    Set<String> out = new TreeSet<>();
    for (String text : texts) {
      Matcher m = METRIC.matcher(text);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  @Test
  void coversNodesEipsTakeoversGuardsEc2AndHeartbeatDrops() throws IOException {
    assertTrue(queriedMetrics().containsAll(Set.of("eipfailover_peer_state", "eipfailover_eip_at_home",
        "eipfailover_eip_held", "eipfailover_takeovers_total", "eipfailover_failover_seconds_bucket",
        "eipfailover_guard_denials_total", "eipfailover_ec2_errors_total", "eipfailover_ec2_calls_seconds_bucket",
        "eipfailover_heartbeats_dropped_total")), queriedMetrics().toString());
    JsonNode d = JSON.readTree(DASHBOARD.toFile());
    assertEquals("eipfailover", d.path("uid").asText());
    for (JsonNode panel : d.path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        assertTrue(panel.path("targets").size() > 0, "panel without a query: " + panel.path("title"));
      }
    }
  }

  @Test
  void everyQueryIsValidPromQl() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      System.err.println("SKIPPED: promtool is not installed (apt-get install prometheus): the dashboard's PromQL"
          + " was not checked");
    }
    Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool missing: apt-get install prometheus");
    // Each query as a recording rule, Grafana's variables replaced by values; JSON is valid YAML.
    ObjectNode file = JSON.createObjectNode();
    ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
    List<String> queries = queries();
    for (int i = 0; i < queries.size(); i++) {
      rules.addObject().put("record", "dashboard:query" + i)
          .put("expr", queries.get(i).replace("$__rate_interval", "5m").replace("$cluster", ".+"));
    }
    Path rulesFile = dir.resolve("dashboard-rules.yml");
    Files.writeString(rulesFile, JSON.writeValueAsString(file));
    Process p = new ProcessBuilder(promtool.toString(), "check", "rules", rulesFile.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    assertEquals(0, p.exitValue(), "promtool check rules: " + out);
    assertTrue(out.contains("SUCCESS: " + queries.size() + " rules found"), out);
  }
}

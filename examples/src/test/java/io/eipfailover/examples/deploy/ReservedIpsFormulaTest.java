package io.eipfailover.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Terraform module's default reserved-IP count (modules/reserved-ips) is the library's: for a
 * table of (nodes, EIPs per node, strategy, tolerated failures) Terraform evaluates the module (a
 * provider-less apply, local state under target/) and the core library must accept a topology
 * with that many reserved IPs per node and refuse one with a single IP fewer. So the formula is
 * neither short (the agent would refuse to start) nor wasteful.
 */
@Tag("deploy")
class ReservedIpsFormulaTest {
  private static final List<String> STRATEGIES = List.of("home-with-failback", "sticky", "priority", "balanced");

  record Row(int nodes, int eipsPerNode, String strategy, int tolerated) {
    String key() {
      return nodes + "-" + eipsPerNode + "-" + strategy + "-" + tolerated;
    }
  }

  @Test
  void terraformsDefaultIsTheLeastTheLibraryAccepts() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int nodes : new int[] {1, 2, 3, 4, 5, 7}) {
      for (int eips = 1; eips <= 3; eips++) {
        for (String strategy : STRATEGIES) {
          for (int f = 0; f < nodes; f++) {
            rows.add(new Row(nodes, eips, strategy, f));
          }
        }
      }
    }
    Map<String, Integer> terraform = evaluate(rows);
    assertEquals(rows.size(), terraform.size(), "one answer per row");
    int strictlyLower = 0;
    for (Row row : rows) {
      int reserved = terraform.get(row.key());
      assertDoesNotThrow(() -> topology(row, reserved).requireReservedCapacity(strategy(row), row.tolerated()),
          () -> row + ": the library refuses Terraform's " + reserved + " reserved IPs per node");
      if (reserved > 0) {
        assertThrows(IllegalArgumentException.class,
            () -> topology(row, reserved - 1).requireReservedCapacity(strategy(row), row.tolerated()),
            () -> row + ": the library accepts " + (reserved - 1) + ", so Terraform's " + reserved + " wastes IPs");
      }
      if (row.strategy().equals("balanced") && reserved < row.eipsPerNode() * row.tolerated()) {
        strictlyLower++;
      }
    }
    assertTrue(strictlyLower > 0, "the table must reach rows where balanced needs less than the worst case");
  }

  /** Evaluates modules/reserved-ips once per row in one provider-less Terraform configuration. */
  private static Map<String, Integer> evaluate(List<Row> rows) throws IOException {
    Path dir = Path.of("target", "deploy-tests", "reserved-ips-table").toAbsolutePath();
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("terraform.tfstate"));
    StringBuilder tf = new StringBuilder("module \"row\" {\n  source   = \"")
        .append(Terraform.RESERVED_IPS_MODULE).append("\"\n  for_each = {\n");
    for (Row r : rows) {
      tf.append("    \"").append(r.key()).append("\" = { nodes = ").append(r.nodes()).append(", eips = ")
          .append(r.eipsPerNode()).append(", strategy = \"").append(r.strategy()).append("\", f = ")
          .append(r.tolerated()).append(" }\n");
    }
    tf.append("  }\n  node_count         = each.value.nodes\n  eips_per_node      = each.value.eips\n")
        .append("  strategy           = each.value.strategy\n  tolerated_failures = each.value.f\n}\n\n")
        .append("output \"per_node\" {\n  value = { for k, m in module.row : k => m.per_node }\n}\n");
    Files.writeString(dir.resolve("main.tf"), tf);
    Terraform.run(dir, "init", "-input=false", "-no-color");
    Terraform.run(dir, "apply", "-auto-approve", "-input=false", "-no-color");
    JsonNode out = Terraform.parse(Terraform.run(dir, "output", "-json", "per_node"));
    Map<String, Integer> answers = new LinkedHashMap<>();
    out.fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asInt()));
    return answers;
  }

  /** {@code row.nodes()} nodes n0..., each homing {@code eipsPerNode} EIPs and holding {@code reserved} reserved IPs. */
  private static ClusterTopology topology(Row row, int reserved) {
    ClusterTopology.Builder b = ClusterTopology.builder().clusterName("table");
    int eip = 0;
    for (int n = 0; n < row.nodes(); n++) {
      List<AttachmentPoint> homes = new ArrayList<>();
      List<AttachmentPoint> spare = new ArrayList<>();
      for (int i = 0; i < row.eipsPerNode(); i++) {
        homes.add(AttachmentPoint.primary(eni(n, i), "10.0." + n + "." + (10 + i)));
      }
      for (int i = 0; i < reserved; i++) {
        spare.add(AttachmentPoint.reserved(eni(n, 0), "10.0." + n + "." + (100 + i)));
      }
      b.node(new NodeSpec(NodeId.of("n" + n), homes, spare));
      for (int i = 0; i < row.eipsPerNode(); i++, eip++) {
        b.elasticIp(new ElasticIp(String.format("eipalloc-%08x", eip), "203.0.113." + (eip + 1), NodeId.of("n" + n)));
      }
    }
    return b.build();
  }

  private static String eni(int node, int index) {
    return String.format("eni-%04x%04x", node, index);
  }

  private static FailoverStrategy strategy(Row row) {
    Duration delay = FailoverStrategies.DEFAULT_FAILBACK_DELAY;
    return switch (row.strategy()) {
      case "home-with-failback" -> FailoverStrategies.homeWithFailback(delay);
      case "sticky" -> FailoverStrategies.sticky();
      case "balanced" -> FailoverStrategies.balanced(delay);
      case "priority" -> {
        // Every EIP's list: its home, then the other nodes in order (keepalived-style priorities).
        Map<String, List<NodeId>> lists = new LinkedHashMap<>();
        int eip = 0;
        for (int n = 0; n < row.nodes(); n++) {
          for (int i = 0; i < row.eipsPerNode(); i++, eip++) {
            List<NodeId> order = new ArrayList<>();
            for (int k = 0; k < row.nodes(); k++) {
              order.add(NodeId.of("n" + ((n + k) % row.nodes())));
            }
            lists.put(String.format("eipalloc-%08x", eip), order);
          }
        }
        yield FailoverStrategies.priority(lists, delay);
      }
      default -> throw new IllegalArgumentException("unknown strategy " + row.strategy());
    };
  }
}

package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hostile-network cases' table (examples/e2e/RESULTS.md): per case the EIP moves, what the
 * agents cost while under attack (log lines, the busiest second, CPU), the client's failures, the
 * case's duration and notes. Printed at the end and written to {@code e2e-hostile-summary.md}.
 * Thread-safe.
 */
final class HostileSummary {
  /** One case's row. */
  record Row(CaseRun.Result result, Map<String, AgentWatch.Cost> costs, long caseMillis) {}

  private static final List<Row> ROWS = new ArrayList<>();

  private HostileSummary() {}

  static synchronized void add(CaseRun.Result result, Map<String, AgentWatch.Cost> costs, long caseMillis) {
    ROWS.add(new Row(result, costs, caseMillis));
    System.out.println("[e2e] hostile case " + result.name() + ": " + costs.values().stream()
        .map(AgentWatch.Cost::describe).toList() + ", " + caseMillis / 1000 + " s");
  }

  static synchronized String markdown() {
    StringBuilder sb = new StringBuilder("| case | moves EIP1 | moves EIP2 | log lines lb1 / lb2 (busiest second) |"
        + " CPU lb1 / lb2 (share of a core) | failed / requests | time (s) | notes |\n|---|---|---|---|---|---|---|---|\n");
    for (Row row : ROWS) {
      CaseRun.Result r = row.result();
      AgentWatch.Cost a = row.costs().get("lb1");
      AgentWatch.Cost b = row.costs().get("lb2");
      sb.append("| ").append(r.name()).append(" | ").append(r.movesEip1()).append(" | ").append(r.movesEip2())
          .append(" | ").append(a.lines()).append(" (").append(a.busiestSecond()).append(") / ").append(b.lines())
          .append(" (").append(b.busiestSecond()).append(") | ").append(share(a)).append(" / ").append(share(b))
          .append(" | ").append(r.failed()).append(" / ").append(r.total()).append(" | ").append(row.caseMillis() / 1000)
          .append(" | ").append(r.notes()).append(" |\n");
    }
    return sb.toString();
  }

  private static String share(AgentWatch.Cost c) {
    return Double.isNaN(c.cpuSeconds()) ? "n/a (restarted)" : String.format("%.0f %%", 100 * c.cpuShare());
  }

  /** Prints the table and writes it to {@code file}; nothing when no case ran. */
  static synchronized void write(Path file) throws IOException {
    if (ROWS.isEmpty()) {
      return;
    }
    String md = markdown();
    System.out.println(md);
    Files.writeString(file, md);
    System.out.println("[e2e] hostile summary written to " + file.toAbsolutePath());
  }
}

package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the {@link CaseRun.Result}s of a run and renders the summary table (Markdown), printed
 * at the end of the suite and written to {@code <build dir>/e2e-summary.md}. Thread-safe.
 */
final class Summary {
  private static final List<CaseRun.Result> RESULTS = new ArrayList<>();

  private Summary() {}

  static synchronized void add(CaseRun.Result r) {
    RESULTS.add(r);
  }

  static synchronized String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# eip-failover end-to-end results\n\n");
    sb.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" on ")
        .append(Sh.tryRun("uname -srm").output().strip()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
        .append(Sh.tryRun("haproxy -v").output().lines().findFirst().orElse("haproxy ?")).append(".\n\n");
    sb.append("Outage = client-visible: from the first failed request of a run of failures to the next success,")
        .append(" per EIP (client: one request every 25 ms to each EIP, 1 s time-out, a new connection each).")
        .append(" Moves = changes of the EIP's private IP seen by the data plane.\n\n");
    sb.append("| case | moves EIP1 | moves EIP2 | outage EIP1 (ms) | outage EIP2 (ms) | failed / requests |")
        .append(" EC2 calls by action | notes |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (CaseRun.Result r : RESULTS) {
      sb.append("| ").append(r.name()).append(" | ").append(r.movesEip1()).append(" | ").append(r.movesEip2())
          .append(" | ").append(r.eip1().outageMillis()).append(" | ").append(r.eip2().outageMillis())
          .append(" | ").append(r.failed()).append(" / ").append(r.total())
          .append(" | ").append(r.ec2Calls().toString().replace("{", "").replace("}", "").replace("=", " "))
          .append(" | ").append(r.notes()).append(" |\n");
    }
    return sb.toString();
  }

  /** Prints the table and writes it to {@code file}; nothing when no case ran. */
  static synchronized void write(Path file) throws IOException {
    if (RESULTS.isEmpty()) {
      return;
    }
    String md = markdown();
    System.out.println(md);
    Files.writeString(file, md);
    System.out.println("[e2e] summary written to " + file.toAbsolutePath());
  }
}

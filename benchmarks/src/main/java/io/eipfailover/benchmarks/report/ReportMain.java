package io.eipfailover.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code summary.md} and {@code failover-times.png} from the CSVs in a results folder.
 *
 * <p>Usage: {@code ReportMain <results-dir> <short|full> [note]}; the note (e.g. what else ran on
 * the machine) is printed under the header.
 */
public final class ReportMain {
  private ReportMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ReportMain <results-dir> <short|full> [note]; got " + args.length
          + " argument(s)");
    }
    Path dir = Path.of(args[0]);
    boolean full = args[1].equals("full");
    String note = args.length > 2 ? args[2] : "";
    Results results = Results.read(dir);
    String md = render(results, full, note, Machine.describe(), Clock.systemUTC());
    Files.writeString(dir.resolve("summary.md"), md, StandardCharsets.UTF_8);
    if (results.hasRuns()) {
      ChartWriter.write(chartSamples(results), dir.resolve("failover-times.png"),
          (full ? "full" : "short") + " run, " + Machine.describe());
    }
    System.out.println("report: wrote " + dir.resolve("summary.md") + (results.hasRuns() ? " and failover-times.png" : ""));
  }

  static Map<String, List<List<Double>>> chartSamples(Results r) {
    Map<String, List<List<Double>>> samples = new LinkedHashMap<>();
    for (List<String> g : r.groups()) {
      List<Map<String, String>> runs = r.runs(g.get(0), g.get(1));
      samples.put(g.get(0) + " / " + g.get(1), List.of(finite(Results.column(runs, "detection_ms")),
          finite(Results.column(runs, "associate_ms"))));
    }
    return samples;
  }

  private static List<Double> finite(List<Double> values) {
    List<Double> out = new ArrayList<>();
    values.stream().filter(v -> !v.isNaN()).forEach(out::add);
    return out;
  }

  static String render(Results r, boolean full, String note, String machine, Clock clock) {
    StringBuilder md = new StringBuilder();
    md.append("# eip-failover benchmark results (").append(full ? "full" : "short").append(" run)\n\n");
    md.append("Produced by `benchmarks/run.sh ").append(full ? "full" : "short").append("` on ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(clock.instant().atZone(ZoneOffset.UTC)))
        .append(".  \nMachine: ").append(machine).append(".\n");
    if (!note.isBlank()) {
      md.append("\n> ").append(note).append("\n");
    }
    md.append("\nFiles: `runs.csv` (every repetition), `measures.csv` (CPU, EC2 calls, soaks), `jmh.csv` / `jmh.json`"
        + " (micro-benchmarks), `failover-times.png` (distributions).\n");
    md.append("\n## Targets (issue 7)\n\n| what | target | measured | verdict |\n|---|---|---|---|\n");
    for (Targets.Row row : new Targets(r, full).rows()) {
      md.append("| ").append(row.what()).append(" | ").append(row.target()).append(" | ").append(row.measured())
          .append(" | ").append(row.verdict()).append(" |\n");
    }
    md.append("\n## Failover times (ms after the fault: min / p50 / p99 / max)\n\n");
    md.append("| profile | scenario | ok / runs | detection | fault → AssociateAddress | Describe / Associate /"
        + " Disassociate calls per failover (min–max) |\n|---|---|---|---|---|---|\n");
    for (List<String> g : r.groups()) {
      List<Map<String, String>> runs = r.runs(g.get(0), g.get(1));
      long ok = runs.stream().filter(x -> x.get("ok").equals("true")).count();
      md.append("| ").append(g.get(0)).append(" | ").append(g.get(1)).append(" | ").append(ok).append(" / ")
          .append(runs.size()).append(" | ").append(Stats.of(Results.column(runs, "detection_ms")).render())
          .append(" | ").append(Stats.of(Results.column(runs, "associate_ms")).render()).append(" | ")
          .append(range(runs, "describe_calls")).append(" / ").append(range(runs, "associate_calls")).append(" / ")
          .append(range(runs, "disassociate_calls")).append(" |\n");
    }
    md.append("\n## CPU, steady-state EC2 calls, soaks\n\n| kind | profile | name | value | unit | how |\n"
        + "|---|---|---|---|---|---|\n");
    for (Map<String, String> m : r.measures()) {
      md.append("| ").append(m.get("kind")).append(" | ").append(m.get("profile")).append(" | ").append(m.get("name"))
          .append(" | ").append(m.get("value")).append(" | ").append(m.get("unit")).append(" | ")
          .append(m.get("detail")).append(" |\n");
    }
    md.append("\n## JMH micro-benchmarks (average time per operation, allocation from `-prof gc`)\n\n"
        + "| benchmark | params | score | ± error | unit | allocated B/op |\n|---|---|---|---|---|---|\n");
    for (Map<String, String> j : r.jmh()) {
      md.append("| ").append(j.get("benchmark")).append(" | ").append(j.get("params")).append(" | ")
          .append(j.get("score")).append(" | ").append(j.get("error")).append(" | ").append(j.get("unit"))
          .append(" | ").append(j.get("alloc_bytes_per_op")).append(" |\n");
    }
    md.append(Notes.render(r, full));
    return md.toString();
  }

  private static String range(List<Map<String, String>> runs, String column) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (Map<String, String> x : runs) {
      if (!x.get("ok").equals("true")) {
        continue;
      }
      int v = Integer.parseInt(x.get(column));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min == Integer.MAX_VALUE) {
      return "–";
    }
    return min == max ? Integer.toString(min) : String.format(Locale.ROOT, "%d–%d", min, max);
  }
}

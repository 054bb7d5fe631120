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
 * Writes {@code summary.md}, {@code frontier.png} and {@code failover-times.png} from the CSVs in a
 * results folder.
 *
 * <p>Usage: {@code ReportMain <results-dir> <short|full> [note] [shared|quiet]}; the note (what
 * else ran on the machine) is printed under the header; {@code shared} (the default) marks every
 * number as a development number from a machine others were using.
 */
public final class ReportMain {
  private ReportMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 4) {
      throw new IllegalArgumentException("usage: ReportMain <results-dir> <short|full> [note] [shared|quiet]; got "
          + args.length + " argument(s)");
    }
    Path dir = Path.of(args[0]);
    boolean full = args[1].equals("full");
    String note = args.length > 2 ? args[2] : "";
    String machineKind = args.length > 3 ? args[3] : "shared";
    if (!machineKind.equals("shared") && !machineKind.equals("quiet")) {
      throw new IllegalArgumentException("machine must be shared or quiet, was '" + machineKind + "'");
    }
    Results results = Results.read(dir);
    String machine = Machine.describe();
    String md = render(results, full, note, machineKind.equals("shared"), machine, Clock.systemUTC());
    Files.writeString(dir.resolve("summary.md"), md, StandardCharsets.UTF_8);
    String subtitle = (full ? "full" : "short") + " run, " + machine;
    if (results.hasRuns()) {
      ChartWriter.write(chartSamples(results), dir.resolve("failover-times.png"), subtitle);
      FrontierChart.write(FrontierChart.points(results), dir.resolve("frontier.png"), subtitle);
    }
    System.out.println("report: wrote " + dir.resolve("summary.md") + (results.hasRuns() ? " and the charts" : ""));
  }

  static Map<String, List<List<Double>>> chartSamples(Results r) {
    Map<String, List<List<Double>>> samples = new LinkedHashMap<>();
    for (List<String> g : r.groups()) {
      if (g.get(1).equals("restart")) {
        continue;
      }
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

  static String render(Results r, boolean full, String note, boolean sharedMachine, String machine, Clock clock) {
    String mode = full ? "full" : "short";
    StringBuilder md = new StringBuilder();
    md.append("# eip-failover benchmark results (").append(mode).append(" run)\n\n");
    md.append("Produced by `benchmarks/run.sh ").append(mode).append("` on ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(clock.instant().atZone(ZoneOffset.UTC)))
        .append(".  \nMachine: ").append(machine).append(".\n");
    if (sharedMachine) {
      md.append("\n> **Development numbers.** Measured on a machine that other people were building and testing on"
          + " at the same time: scheduling delays land in the tails and in the CPU figures. The reference numbers"
          + " come from a re-run on a quiet machine (`BENCH_MACHINE=quiet benchmarks/run.sh`).\n");
    }
    if (!note.isBlank()) {
      md.append("\n> ").append(note).append("\n");
    }
    md.append("\nFiles: `settings.csv` (the compared settings), `runs.csv` (every repetition), `measures.csv` (CPU,"
        + " memory, stalls, soaks), `jmh.csv` / `jmh.json` (micro-benchmarks), `frontier.png`, `failover-times.png`"
        + " (distributions).\n");
    md.append(SideBySide.render(r));
    md.append("\n### Frontier\n\n![frontier](frontier.png)\n\n| setting | longest stall survived, ms | host gone →"
        + " takeover, p50 ms |\n|---|---|---|\n");
    for (FrontierChart.Point p : FrontierChart.points(r)) {
      md.append("| ").append(p.label()).append(" | ").append(p.stallMs() <= FrontierChart.NONE_SURVIVED_MS
          ? "< 10 (none of the ladder)" : String.format(Locale.ROOT, "%.0f", p.stallMs())).append(" | ")
          .append(Stats.ms(p.hostGoneMs())).append(" |\n");
    }
    md.append("\n## Targets (issue 18)\n\n| what | target | measured | verdict |\n|---|---|---|---|\n");
    new Issue18Targets(r, full).rows().forEach(row -> md.append(row.markdown()));
    md.append("\n## Targets (issue 7)\n\n| what | target | measured | verdict |\n|---|---|---|---|\n");
    new Issue7Targets(r, full).rows().forEach(row -> md.append(row.markdown()));
    md.append("\n## Targets (issue 17, fleet scale)\n\n| what | target | measured | verdict |\n|---|---|---|---|\n");
    new Issue17Targets(r).rows().forEach(row -> md.append(row.markdown()));
    md.append(FleetTables.render(r));
    md.append(Tables.failoverTimes(r)).append(Tables.restarts(r)).append(Tables.measures(r)).append(Tables.jmh(r));
    md.append(Notes.render(r, full));
    return md.toString();
  }
}

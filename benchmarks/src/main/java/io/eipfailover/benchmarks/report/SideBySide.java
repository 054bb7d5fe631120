package io.eipfailover.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * The summary's comparison: every setting's value of every {@link Metric} (one row per daemon
 * setting, the same faults for all), and each of our settings as a ratio to each keepalived
 * setting. Pure: a function of {@link Results}.
 */
final class SideBySide {
  private SideBySide() {}

  /** A column header without what only the value table shows (units, the second value in brackets). */
  static String ratioHeader(String header) {
    return header.replaceFirst(", p50 \\(p99\\) ms", "").replaceFirst(", p50 ms \\(→ running\\)", "")
        .replaceFirst(", lb-a / lb-b", "").replaceFirst(", MB \\(threads\\)", "").replaceFirst(", ms$", "");
  }

  static String render(Results r) {
    List<Metric> metrics = Metric.all();
    StringBuilder md = new StringBuilder("\n## Side by side with keepalived (same network, same faults)\n\n");
    md.append("| daemon, setting |");
    metrics.forEach(m -> md.append(' ').append(m.header()).append(" |"));
    md.append("\n|---|");
    metrics.forEach(m -> md.append("---|"));
    md.append('\n');
    for (Map<String, String> s : r.settings()) {
      md.append("| ").append(s.get("title")).append(" |");
      metrics.forEach(m -> md.append(' ').append(m.cell().apply(r, s.get("setting"))).append(" |"));
      md.append('\n');
    }
    List<String> ours = r.labels("agent");
    List<String> theirs = r.labels("keepalived");
    if (ours.isEmpty() || theirs.isEmpty()) {
      return md.append("\n(No ratios: the run did not include both daemons.)\n").toString();
    }
    List<Metric> ratios = metrics.stream().filter(Metric::ratio).toList();
    md.append("\n### Ours ÷ keepalived\n\nEach cell is our value divided by keepalived's (p50 for times, the mean"
        + " of the two nodes for CPU, the larger node for memory). Below 1 ours is faster or smaller, except for"
        + " the stall column, where above 1 ours survives longer stalls. Counts (takeovers under stalls, jitter) are"
        + " compared in the table above, not divided.\n\n| ours ÷ keepalived |");
    ratios.forEach(m -> md.append(' ').append(ratioHeader(m.header())).append(" |"));
    md.append("\n|---|");
    ratios.forEach(m -> md.append("---|"));
    md.append('\n');
    for (String o : ours) {
      for (String t : theirs) {
        md.append("| ").append(o).append(" ÷ ").append(t).append(" |");
        ratios.forEach(m -> md.append(' ').append(Metric.ratio(m.value().apply(r, o), m.value().apply(r, t)))
            .append(" |"));
        md.append('\n');
      }
    }
    return md.toString();
  }
}

package io.eipfailover.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

/**
 * One compared quantity of a setting (a column of the side-by-side table): how to read it from the
 * {@link Results}, how to print it, and whether a ratio of two settings means anything (times,
 * CPU, memory, stall tolerance: yes; counts of takeovers: no, they are shown as "a vs b").
 * Immutable.
 *
 * @param header the column header
 * @param value the number for a setting, if measured
 * @param cell the cell text for a setting (may add detail to the number)
 * @param ratio whether ours ÷ keepalived is printed for this quantity
 * @param higherIsBetter for the ratio's reading: true for stall tolerance
 */
record Metric(String header, BiFunction<Results, String, OptionalDouble> value,
    BiFunction<Results, String, String> cell, boolean ratio, boolean higherIsBetter) {

  /** The columns of the side-by-side table, in order. */
  static List<Metric> all() {
    return List.of(
        time("`kill -9`, host up: fault → takeover, p50 (p99) ms", "kill9-hostup", "associate_ms"),
        time("host gone (link down + kill): fault → takeover, p50 (p99) ms", "host-gone", "associate_ms"),
        time("graceful stop: → takeover, p50 (p99) ms", "graceful", "associate_ms"),
        stalls("0.5 s stalls: stalls followed by a takeover", "stalls-500ms"),
        stalls("2 s stalls: stalls followed by a takeover", "stalls-2s"),
        new Metric("longest stall survived without a takeover, ms",
            (r, s) -> r.value("stall-ladder", s, "longest_survived_ms"),
            (r, s) -> num(r.value("stall-ladder", s, "longest_survived_ms"), "%.0f"), true, true),
        new Metric("20 ± 10 ms jitter + 1 % loss: takeovers", (r, s) -> r.value("jitter-loss", s, "takeovers"),
            (r, s) -> num(r.value("jitter-loss", s, "takeovers"), "%.0f"), false, false),
        new Metric("idle CPU, % of a core, lb-a / lb-b", (r, s) -> mean(r, s, "cpu_percent_of_core"),
            (r, s) -> num(r.value("idle", s, "lb-a.cpu_percent_of_core"), "%.2f") + " / "
                + num(r.value("idle", s, "lb-b.cpu_percent_of_core"), "%.2f"), true, false),
        new Metric("resident memory per node, MB (threads)", (r, s) -> r.perNodeMax("idle", s, "rss_mb"),
            (r, s) -> num(r.perNodeMax("idle", s, "rss_mb"), "%.1f") + " (" + num(r.perNodeMax("idle", s, "threads"),
                "%.0f") + ")", true, false),
        new Metric("start → able to take over, p50 ms (→ running)", (r, s) -> p50(r, s, "restart", "ready_ms"),
            (r, s) -> ms(r.stats(s, "restart", "ready_ms").p50()) + " (" + ms(r.stats(s, "restart", "detection_ms")
                .p50()) + ")", true, false));
  }

  private static Metric time(String header, String scenario, String column) {
    return new Metric(header, (r, s) -> p50(r, s, scenario, column), (r, s) -> {
      Stats st = r.stats(s, scenario, column);
      long missing = r.runs(s, scenario).stream().filter(x -> !x.get("ok").equals("true")).count();
      return st.n() == 0 ? "–" : ms(st.p50()) + " (" + ms(st.p99()) + ")" + (missing > 0 ? ", " + missing
          + " failed" : "");
    }, true, false);
  }

  private static Metric stalls(String header, String kind) {
    return new Metric(header, (r, s) -> r.value(kind, s, "stalls_with_takeover"), (r, s) -> {
      OptionalDouble n = r.value(kind, s, "stalls_with_takeover");
      return n.isEmpty() ? "–" : num(n, "%.0f") + " of " + num(r.value(kind, s, "stalls"), "%.0f");
    }, false, false);
  }

  private static OptionalDouble p50(Results r, String setting, String scenario, String column) {
    Stats st = r.stats(setting, scenario, column);
    return st.n() == 0 ? OptionalDouble.empty() : OptionalDouble.of(st.p50());
  }

  private static OptionalDouble mean(Results r, String setting, String suffix) {
    OptionalDouble a = r.value("idle", setting, "lb-a." + suffix);
    OptionalDouble b = r.value("idle", setting, "lb-b." + suffix);
    return a.isPresent() && b.isPresent() ? OptionalDouble.of((a.getAsDouble() + b.getAsDouble()) / 2)
        : OptionalDouble.empty();
  }

  static String num(OptionalDouble v, String format) {
    return v.isPresent() ? String.format(Locale.ROOT, format, v.getAsDouble()) : "–";
  }

  static String ms(double v) {
    return Stats.ms(v);
  }

  /**
   * {@code ours ÷ theirs} as text, or why not: "–" when either is missing, "∞" or "0" at a zero.
   */
  static String ratio(OptionalDouble ours, OptionalDouble theirs) {
    if (ours.isEmpty() || theirs.isEmpty()) {
      return "–";
    }
    double a = ours.getAsDouble();
    double b = theirs.getAsDouble();
    if (b == 0) {
      return a == 0 ? "1" : "∞";
    }
    double q = a / b;
    return q >= 10 ? String.format(Locale.ROOT, "%.0f", q) : String.format(Locale.ROOT, "%.2f", q);
  }
}

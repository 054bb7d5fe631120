package io.eipfailover.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Order statistics of a sample: min, p50, p99, max by the nearest-rank method (the p-th
 * percentile is the smallest value with at least p % of the sample at or below it, so with fewer
 * than 100 values p99 is the maximum). Immutable.
 */
record Stats(int n, double min, double p50, double p99, double max) {
  static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  static Stats of(List<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) {
      if (d != null && !d.isNaN()) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return EMPTY;
    }
    Collections.sort(v);
    return new Stats(v.size(), v.get(0), rank(v, 50), rank(v, 99), v.get(v.size() - 1));
  }

  private static double rank(List<Double> sorted, int percent) {
    int r = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, r - 1));
  }

  /** "min / p50 / p99 / max" in milliseconds, or "–". */
  String render() {
    if (n == 0) {
      return "–";
    }
    return ms(min) + " / " + ms(p50) + " / " + ms(p99) + " / " + ms(max);
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}

package io.eipfailover.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * One measured quantity that is not a failover time (CPU, false takeovers, steady-state EC2 calls),
 * a row of {@code measures.csv}.
 *
 * @param kind {@code cpu}, {@code soak-sigstop}, {@code soak-jitter}, {@code steady-ec2}
 * @param profile membership profile label
 * @param name what was measured, e.g. {@code lb-a.cpu_percent_of_core} or {@code false_takeovers}
 * @param value the number
 * @param unit its unit
 * @param detail how it was measured
 */
public record Measure(String kind, String profile, String name, double value, String unit, String detail) {
  public static final List<String> HEADER = List.of("kind", "profile", "name", "value", "unit", "detail");

  public String toCsv() {
    return String.join(",", kind, profile, name, String.format(Locale.ROOT, "%.4f", value), unit,
        '"' + detail.replace('"', '\'') + '"');
  }
}

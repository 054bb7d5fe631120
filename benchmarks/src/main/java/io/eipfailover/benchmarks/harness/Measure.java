package io.eipfailover.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * One measured quantity that is not a failover time (CPU, memory, false takeovers, steady-state EC2
 * calls, the stall ladder), a row of {@code measures.csv}.
 *
 * @param kind {@code idle}, {@code stalls-500ms}, {@code stalls-2s}, {@code jitter-loss}, {@code
 *     stall-ladder}, {@code steady-ec2}, {@code idle-jvm}
 * @param setting the daemon setting's label
 * @param name what was measured, e.g. {@code lb-a.cpu_percent_of_core} or {@code takeovers}
 * @param value the number
 * @param unit its unit
 * @param detail how it was measured
 */
public record Measure(String kind, String setting, String name, double value, String unit, String detail) {
  public static final List<String> HEADER = List.of("kind", "setting", "name", "value", "unit", "detail");

  public String toCsv() {
    return String.join(",", kind, setting, name, String.format(Locale.ROOT, "%.4f", value), unit,
        '"' + detail.replace('"', '\'') + '"');
  }
}

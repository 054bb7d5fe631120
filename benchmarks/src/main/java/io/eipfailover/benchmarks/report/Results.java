package io.eipfailover.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run of the suite wrote: the harness's {@code runs.csv} and {@code measures.csv}
 * and the JMH runner's {@code jmh.csv}, with the look-ups the summary needs. Immutable.
 */
final class Results {
  private final CsvTable runs;
  private final CsvTable measures;
  private final CsvTable jmh;

  private Results(CsvTable runs, CsvTable measures, CsvTable jmh) {
    this.runs = runs;
    this.measures = measures;
    this.jmh = jmh;
  }

  static Results read(Path dir) throws IOException {
    return new Results(CsvTable.read(dir.resolve("runs.csv")), CsvTable.read(dir.resolve("measures.csv")),
        CsvTable.read(dir.resolve("jmh.csv")));
  }

  /** The repetitions of one profile and scenario. */
  List<Map<String, String>> runs(String profile, String scenario) {
    return runs.rows().stream()
        .filter(r -> r.get("profile").equals(profile) && r.get("scenario").equals(scenario))
        .toList();
  }

  /** (profile, scenario) pairs in the order they ran. */
  List<List<String>> groups() {
    Map<String, List<String>> seen = new LinkedHashMap<>();
    for (Map<String, String> r : runs.rows()) {
      seen.putIfAbsent(r.get("profile") + "|" + r.get("scenario"), List.of(r.get("profile"), r.get("scenario")));
    }
    return new ArrayList<>(seen.values());
  }

  /** A numeric column of some rows ({@code NaN} where empty). */
  static List<Double> column(List<Map<String, String>> rows, String column) {
    List<Double> out = new ArrayList<>();
    for (Map<String, String> r : rows) {
      String v = r.getOrDefault(column, "");
      out.add(v.isEmpty() ? Double.NaN : Double.parseDouble(v));
    }
    return out;
  }

  List<Map<String, String>> measures() {
    return measures.rows();
  }

  /** A measure by kind and name. */
  Optional<Map<String, String>> measure(String kind, String name) {
    return measures.rows().stream().filter(m -> m.get("kind").equals(kind) && m.get("name").equals(name)).findFirst();
  }

  List<Map<String, String>> jmh() {
    return jmh.rows();
  }

  /** A JMH row by benchmark name ({@code Class.method}) and params ({@code k=v;...}, or empty). */
  Optional<Map<String, String>> jmh(String benchmark, String params) {
    return jmh.rows().stream()
        .filter(r -> r.get("benchmark").equals(benchmark) && r.get("params").equals(params))
        .findFirst();
  }

  boolean hasRuns() {
    return !runs.rows().isEmpty();
  }
}

package io.eipfailover.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one run of the suite wrote: the harness's {@code settings.csv}, {@code runs.csv} and
 * {@code measures.csv}, the JMH runner's {@code jmh.csv}, and the fleet-scale files ({@code
 * fleet.csv}, {@code fleet-nodes.csv}, {@code fleet-steady.csv} from {@code FleetScale}, {@code
 * fleet-real.csv} from the 16-agent run), with the look-ups the summary needs. Immutable.
 */
final class Results {
  private final CsvTable settings;
  private final CsvTable runs;
  private final CsvTable measures;
  private final CsvTable jmh;
  private final Fleet fleet;

  /** The fleet-scale files: the simulated mass failovers, their survivors, steady windows, the real run. */
  record Fleet(List<Map<String, String>> failovers, List<Map<String, String>> nodes,
      List<Map<String, String>> steady, List<Map<String, String>> real) {
    /** The mass failovers of one cluster size. */
    List<Map<String, String>> failovers(int nodes) {
      return failovers.stream().filter(r -> Integer.parseInt(r.get("nodes")) == nodes).toList();
    }
  }

  private Results(CsvTable settings, CsvTable runs, CsvTable measures, CsvTable jmh, Fleet fleet) {
    this.settings = settings;
    this.runs = runs;
    this.measures = measures;
    this.jmh = jmh;
    this.fleet = fleet;
  }

  static Results read(Path dir) throws IOException {
    Fleet fleet = new Fleet(CsvTable.read(dir.resolve("fleet.csv")).rows(),
        CsvTable.read(dir.resolve("fleet-nodes.csv")).rows(), CsvTable.read(dir.resolve("fleet-steady.csv")).rows(),
        CsvTable.read(dir.resolve("fleet-real.csv")).rows());
    return new Results(CsvTable.read(dir.resolve("settings.csv")), CsvTable.read(dir.resolve("runs.csv")),
        CsvTable.read(dir.resolve("measures.csv")), CsvTable.read(dir.resolve("jmh.csv")), fleet);
  }

  Fleet fleet() {
    return fleet;
  }

  /** The compared settings in run order: {@code setting}, {@code daemon} (agent, keepalived), {@code title}, ... */
  List<Map<String, String>> settings() {
    return settings.rows();
  }

  /** The labels of the settings of {@code daemon} ({@code agent} or {@code keepalived}). */
  List<String> labels(String daemon) {
    return settings.rows().stream().filter(s -> s.get("daemon").equals(daemon)).map(s -> s.get("setting")).toList();
  }

  /** A setting's title, or its label. */
  String title(String label) {
    return settings.rows().stream().filter(s -> s.get("setting").equals(label)).map(s -> s.get("title")).findFirst()
        .orElse(label);
  }

  /** The repetitions of one setting and scenario. */
  List<Map<String, String>> runs(String setting, String scenario) {
    return runs.rows().stream()
        .filter(r -> r.get("setting").equals(setting) && r.get("scenario").equals(scenario))
        .toList();
  }

  /** The order statistics of a column of one setting's scenario. */
  Stats stats(String setting, String scenario, String column) {
    return Stats.of(column(runs(setting, scenario), column));
  }

  /** (setting, scenario) pairs in the order they ran. */
  List<List<String>> groups() {
    Map<String, List<String>> seen = new LinkedHashMap<>();
    for (Map<String, String> r : runs.rows()) {
      seen.putIfAbsent(r.get("setting") + "|" + r.get("scenario"), List.of(r.get("setting"), r.get("scenario")));
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

  /** A measure by kind, setting and name. */
  Optional<Map<String, String>> measure(String kind, String setting, String name) {
    return measures.rows().stream().filter(m -> m.get("kind").equals(kind) && m.get("setting").equals(setting)
        && m.get("name").equals(name)).findFirst();
  }

  /** A measure's value. */
  OptionalDouble value(String kind, String setting, String name) {
    return measure(kind, setting, name).map(m -> OptionalDouble.of(Double.parseDouble(m.get("value"))))
        .orElse(OptionalDouble.empty());
  }

  /** The largest value of {@code <node>.<suffix>} over both nodes of a setting's idle window. */
  OptionalDouble perNodeMax(String kind, String setting, String suffix) {
    return measures.rows().stream().filter(m -> m.get("kind").equals(kind) && m.get("setting").equals(setting)
        && m.get("name").endsWith("." + suffix)).mapToDouble(m -> Double.parseDouble(m.get("value"))).max();
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

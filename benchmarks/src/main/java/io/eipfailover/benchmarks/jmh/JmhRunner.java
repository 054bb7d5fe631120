package io.eipfailover.benchmarks.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH suite programmatically, with the GC profiler on (allocation per operation is a
 * target), and writes JMH's JSON results.
 *
 * <p>Usage: {@code JmhRunner <short|full> <output.json> [include-regex]}. {@code full} keeps the
 * fork, warm-up and measurement settings written on each benchmark class; {@code short} overrides
 * them with one fork, 2 × 1 s warm-up and 3 × 1 s measurement, for a run of a few minutes on a
 * small machine (noisier numbers; the summary says so).
 */
public final class JmhRunner {
  private JmhRunner() {}

  public static void main(String[] args) throws RunnerException, java.io.IOException {
    if (args.length < 2 || !(args[0].equals("short") || args[0].equals("full"))) {
      throw new IllegalArgumentException(
          "usage: JmhRunner <short|full> <output.json> [include-regex]; mode was "
              + (args.length == 0 ? "missing" : "'" + args[0] + "'"));
    }
    Path out = Path.of(args[1]);
    String include = args.length > 2 ? args[2] : "io\\.eipfailover\\..*Benchmark\\..*";
    Collection<RunResult> results = run(args[0].equals("short"), include, out);
    Path csv = out.resolveSibling(out.getFileName().toString().replaceAll("\\.json$", "") + ".csv");
    writeCsv(results, csv);
    System.out.println("JMH: " + results.size() + " results written to " + out.toAbsolutePath() + " and " + csv);
  }

  /**
   * Writes one row per benchmark: {@code benchmark,params,score,error,unit,alloc_bytes_per_op}
   * (allocation from the GC profiler's {@code gc.alloc.rate.norm}; empty if absent).
   */
  static void writeCsv(Collection<RunResult> results, Path csv) throws java.io.IOException {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("benchmark,params,score,error,unit,alloc_bytes_per_op");
    for (RunResult r : results) {
      org.openjdk.jmh.infra.BenchmarkParams p = r.getParams();
      String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      for (String k : p.getParamsKeys()) {
        params.append(params.length() == 0 ? "" : ";").append(k).append('=').append(p.getParam(k));
      }
      String alloc = r.getSecondaryResults().entrySet().stream()
          .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
          .map(e -> fmt(e.getValue().getScore()))
          .findFirst().orElse("");
      org.openjdk.jmh.results.Result<?> primary = r.getPrimaryResult();
      lines.add(String.join(",", name, params.toString(), fmt(primary.getScore()), fmt(primary.getScoreError()),
          primary.getScoreUnit(), alloc));
    }
    Files.write(csv, lines);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  /** Runs the benchmarks matching {@code include} and writes JSON to {@code out}. */
  public static Collection<RunResult> run(boolean shortRun, String include, Path out)
      throws RunnerException, java.io.IOException {
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .result(out.toString())
        .resultFormat(ResultFormatType.JSON);
    if (shortRun) {
      options.forks(1)
          .warmupIterations(2).warmupTime(TimeValue.seconds(1))
          .measurementIterations(3).measurementTime(TimeValue.seconds(1));
    }
    return new Runner(options.build()).run();
  }
}

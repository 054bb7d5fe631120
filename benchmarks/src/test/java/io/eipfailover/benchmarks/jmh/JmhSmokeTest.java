package io.eipfailover.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Makes sure every JMH benchmark method still runs: the whole suite in this JVM (no fork), no
 * warm-up, one 20 ms measurement each; fails on any benchmark error. Then checks the CSV the
 * runner writes has a row per result.
 */
class JmhSmokeTest {
  private static final Set<String> EXPECTED = Set.of(
      "PlacementBenchmark.placeAfterEightDeaths", "PlacementBenchmark.placeSteadyState",
      "PlacementBenchmark.baselineInputCopy", "ReconcilerPassBenchmark.passAfterEightDeaths",
      "ReconcilerPassBenchmark.passSteadyState", "ReconcilerPassBenchmark.baselineDescribe",
      "ReconcilerPassBenchmark.placementOnly", "HeartbeatExchangeBenchmark.exchange",
      "HeartbeatExchangeBenchmark.baselinePipeCopy", "CodecBenchmark.encodeAndVerify", "CodecBenchmark.encodeOnly",
      "CodecBenchmark.baselineTwoHmacs", "DetectorBenchmark.deadlineHeartbeatAndCheck",
      "DetectorBenchmark.phiHeartbeatAndCheck", "DetectorBenchmark.baselineClockStep");

  @Test
  @Timeout(120)
  void everyBenchmarkMethodRunsOnce(@TempDir Path dir) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("io\\.eipfailover\\..*Benchmark\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(20))
        .shouldFailOnError(true)
        .build()).run();

    Set<String> ran = new TreeSet<>();
    for (RunResult r : results) {
      String b = r.getParams().getBenchmark();
      ran.add(b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1));
      assertTrue(r.getPrimaryResult().getScore() > 0, b + " scored " + r.getPrimaryResult().getScore());
    }
    assertEquals(new TreeSet<>(EXPECTED), ran);
    assertEquals(EXPECTED.size() + 3, results.size(), "the 3 placement methods run once per strategy (2 params)");

    Path csv = dir.resolve("jmh.csv");
    JmhRunner.writeCsv(results, csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(results.size() + 1, lines.size());
    assertFalse(lines.stream().skip(1).anyMatch(l -> l.split(",", -1)[2].isEmpty()), "every row has a score");
  }
}

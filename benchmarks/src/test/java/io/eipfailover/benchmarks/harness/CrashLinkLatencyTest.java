package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-JVM crash-detection measurement still runs and reports both paths (values not judged). */
class CrashLinkLatencyTest {
  @Test
  void measuresBothCrashPathsAndReportsFourStatisticsEach() {
    List<Measure> rows = CrashLinkLatency.measure("udp-default", 2);
    assertEquals(List.of("tcp-link.min_ms", "tcp-link.p50_ms", "tcp-link.p99_ms", "tcp-link.max_ms",
        "icmp-only.min_ms", "icmp-only.p50_ms", "icmp-only.p99_ms", "icmp-only.max_ms"),
        rows.stream().map(Measure::name).toList());
    for (Measure m : rows) {
      assertEquals("crash-in-jvm", m.kind());
      // The deadline is 10 s: only a crash path can convict before it, which is all this checks.
      assertTrue(m.value() > 0 && m.value() < 10_000, () -> m.toCsv());
    }
    assertTrue(rows.get(0).value() <= rows.get(3).value(), "min <= max");
  }
}

package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinkImpairmentTest {
  @Test
  void describesTheIssuesLink() {
    String d = new BenchNetwork.LinkImpairment(20, 10, 1.0, 7).describe();
    assertTrue(d.startsWith("20 ± 10 ms uniform delay and 1.0 % loss"), d);
  }

  @Test
  void badImpairmentsAreNamed() {
    IllegalArgumentException jitter = assertThrows(IllegalArgumentException.class,
        () -> new BenchNetwork.LinkImpairment(10, 20, 1.0, 7));
    assertTrue(jitter.getMessage().contains("jitterMs") && jitter.getMessage().contains("20"), jitter.getMessage());
    IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
        () -> new BenchNetwork.LinkImpairment(20, 10, 100, 7));
    assertTrue(loss.getMessage().contains("lossPercent must be in [0, 100), was 100.0"), loss.getMessage());
  }
}

package io.eipfailover.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The smallest fleet of the benchmark, once: the outcomes the summary reports, and the CSV rows' shape. */
class FleetScaleTest {
  @Test
  void aMassFailoverOfSixteenNodesReHomesEveryOrphanOnce() {
    MassFailover.Result r = MassFailover.run(16, 1);
    assertTrue(r.complete(), "every orphan on a survivor within " + MassFailover.LIMIT);
    assertEquals(128, r.orphans());
    assertEquals(50.0, r.associateTokensAtCrash(), 1e-9, "the account's bucket is full at the crash");
    assertEquals(128, r.orphansWithExactlyOne());
    assertEquals(0, r.unassociatedAtEnd());
    assertEquals(0, r.otherEipsMoved());
    assertEquals(0, r.survivorsOverShare());
    assertTrue(r.throttledAssociates() > 0, "the account's bucket (50) cannot take 128 at once");
    assertTrue(r.allOnSurvivorsSeconds() >= r.floorSeconds(), "nothing beats the floor: " + r);
    assertEquals(8, r.perNode().size());
    assertEquals(columns(FleetCsv.FAILOVER_HEADER), columns(FleetCsv.failover(r)));
    assertEquals(columns(FleetCsv.NODE_HEADER), columns(FleetCsv.node(r, r.perNode().get(0))));
  }

  @Test
  void aHealthyFleetDescribesAboutOncePerNodePerResync() {
    SteadyDescribes.Result r = SteadyDescribes.run(16, 1, Duration.ofSeconds(90), 0);
    // 16 nodes, one describe per 30 to 33 s each: 43 to 48 in 90 s, give or take a window edge.
    assertTrue(r.describes() >= 40 && r.describes() <= 52, "describes in 90 s: " + r.describes());
    assertEquals(0, r.associates());
    assertEquals(columns(FleetCsv.STEADY_HEADER), columns(FleetCsv.steady(r)));
  }

  private static int columns(String row) {
    return row.split(",", -1).length;
  }
}

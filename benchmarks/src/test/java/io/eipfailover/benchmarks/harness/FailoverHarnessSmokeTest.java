package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes sure the harness still starts and measures: one pair of real agent JVMs on loopback, one
 * {@code kill -9} of lb-b, generous bounds only (this box may be busy).
 */
class FailoverHarnessSmokeTest {
  @Test
  @Timeout(120)
  void oneKillNineRepetitionDetectsTheDeathAndTakesTheEipOver(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("smoke");
    HarnessSettings settings = HarnessSettings.parse(new String[] {"smoke", out.toString(), "udp-default",
        "kill9-hostup"});
    List<RunRecord> runs = new FailoverHarness(settings, WallClock.system()).run();

    assertEquals(1, runs.size(), "one repetition of one scenario");
    RunRecord r = runs.get(0);
    assertTrue(r.ok(), "repetition failed: " + r);
    assertTrue(r.detectionMillis() > 0 && r.detectionMillis() < 10_000, "detection " + r.detectionMillis());
    assertTrue(r.associateMillis() >= r.detectionMillis() - 50 && r.associateMillis() < 10_000,
        "associate " + r.associateMillis() + " vs detection " + r.detectionMillis());
    assertEquals(1, r.associateCalls(), "one AssociateAddress for the one orphaned EIP: " + r);
    assertEquals(0, r.disassociateCalls(), "never disassociate: " + r);
    List<String> csv = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(2, csv.size(), "header and one row: " + csv);
    assertTrue(csv.get(1).startsWith("udp-default,kill9-hostup,1,"), csv.get(1));
  }
}

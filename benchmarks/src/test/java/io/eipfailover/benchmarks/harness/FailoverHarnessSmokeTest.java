package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes sure the harness still builds its network, starts each daemon and measures: one {@code kill
 * -9} of lb-b with the host up, for our agent and for keepalived; generous bounds only (this box may
 * be busy). Needs root and the tools the harness needs; without them the reason is reported as a
 * skip.
 */
class FailoverHarnessSmokeTest {
  @Test
  @Timeout(180)
  void ourAgentDetectsAKilledPeerAndTakesItsEipOver(@TempDir Path dir) throws Exception {
    assumeHarnessCanRun();
    assumeTrue(agentJarBuilt(), "the agent jar is not built (./mvnw -pl examples -am package); skipped");
    RunRecord r = runOnce(dir, "udp-default");

    assertTrue(r.detectionMillis() > 0 && r.detectionMillis() < 5_000, "detection " + r.detectionMillis());
    assertTrue(r.associateMillis() >= r.detectionMillis() && r.associateMillis() < 5_000,
        "associate " + r.associateMillis() + " vs detection " + r.detectionMillis());
    assertEquals(1, r.associateCalls(), "one AssociateAddress for the one orphaned EIP: " + r);
    assertEquals(0, r.disassociateCalls(), "never disassociate: " + r);
  }

  @Test
  @Timeout(120)
  void keepalivedConvictsAKilledPeerAndItsScriptTakesTheEipOver(@TempDir Path dir) throws Exception {
    assumeHarnessCanRun();
    assumeTrue(Sh.available("keepalived --version"), "keepalived is not installed; skipped");
    RunRecord r = runOnce(dir, "keepalived-100ms");

    assertTrue(r.detectionMillis() > 0 && r.detectionMillis() < 5_000, "detection " + r.detectionMillis());
    assertTrue(r.associateMillis() >= r.detectionMillis() && r.associateMillis() < 5_000,
        "associate " + r.associateMillis() + " vs detection " + r.detectionMillis());
    assertEquals(1, r.associateCalls(), "the notify script's one AssociateAddress: " + r);
  }

  /** Runs one kill9-hostup repetition of {@code setting}; checks the restart record and the CSVs. */
  private static RunRecord runOnce(Path dir, String setting) throws Exception {
    Path out = dir.resolve("smoke");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<RunRecord> runs = new FailoverHarness(HarnessSettings.parse(new String[] {"smoke", out.toString(), setting,
        "kill9-hostup"}), WallClock.system(), quiet).run();

    assertEquals(2, runs.size(), "the kill and the victim's restart: " + runs);
    RunRecord kill = runs.get(0);
    assertEquals("kill9-hostup", kill.scenario());
    assertTrue(kill.ok(), "repetition failed: " + kill);
    RunRecord restart = runs.get(1);
    assertEquals("restart", restart.scenario());
    assertTrue(restart.ok() && restart.readyMillis() >= restart.detectionMillis(), "restart: " + restart);
    List<String> csv = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(3, csv.size(), "header and two rows: " + csv);
    assertTrue(csv.get(1).startsWith(setting + ",kill9-hostup,1,"), csv.get(1));
    assertTrue(Files.readString(out.resolve("settings.csv")).contains(setting + ","));
    return kill;
  }

  private static void assumeHarnessCanRun() {
    assumeTrue(Sh.tryRun("id -u").output().strip().equals("0"),
        "the harness needs root (network namespaces); skipped");
    assumeTrue(Sh.available("ip netns list"), "'ip netns' is unavailable (iproute2); skipped");
    assumeTrue(Sh.available("python3 --version"), "python3 is not installed (link, relay and stall scripts); skipped");
    assumeTrue(Files.exists(Path.of("/dev/net/tun")), "/dev/net/tun is missing; skipped");
  }

  private static boolean agentJarBuilt() {
    try {
      BenchHome.agentJar();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}

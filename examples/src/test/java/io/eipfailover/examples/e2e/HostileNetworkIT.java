package io.eipfailover.examples.e2e;

import static io.eipfailover.examples.e2e.Stage.EIP1;
import static io.eipfailover.examples.e2e.Stage.EIP2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.aws.testing.Malformed;
import io.eipfailover.examples.packaging.Packages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hostile-network cases of issue 13 on the end-to-end stage (installed agents, firewalls,
 * HAProxy, the EC2 fake; see {@code examples/e2e/README.md}): garbage and mutated heartbeats
 * flooded from many source ports, a killed peer's captured heartbeats replayed, a wrong key on one
 * node, heartbeats lost one way in each direction for several resync intervals, a flapping link,
 * EC2 answering what it never answers. Each case asserts no takeover from a healthy node, bounded
 * log volume (lines counted in the agents' logs), bounded CPU, the end state after healing and the
 * number of EIP moves; the table goes to {@code e2e-hostile-summary.md} and RESULTS.md.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileNetworkIT {
  /** The shipped sample's guard (examples/deploy/agent.properties). */
  private static final String RECOMMENDED = "reachability,peer-probe";
  private static final String LB1 = StageNetwork.HOSTS.get("lb1");
  private static final String LB2 = StageNetwork.HOSTS.get("lb2");
  /** Cluster addresses the firewalls open the heartbeat port to, that no heartbeat comes from. */
  private static final List<String> RESERVED = List.of(StageNetwork.RESERVED.get("lb1"), StageNetwork.RESERVED.get("lb2"));

  @BeforeAll
  static void requireToolsAndInstallThePackage() throws Exception {
    E2eRequirements.assumeMetAndInstallThePackage();
  }

  @AfterAll
  static void writeSummaryCheckTeardownAndPurge() throws Exception {
    Packages.purge();
    HostileSummary.write(Stage.buildDir().resolve("e2e-hostile-summary.md"));
    synchronized (Stage.RUN_IDS) {
      for (String runId : Stage.RUN_IDS) {
        assertEquals(List.of(), StageNetwork.leftovers(runId), "namespaces left behind by run " + runId);
      }
    }
  }

  /** A few lines per second per reason at most: whatever the attack, the log grows slowly. */
  private static void assertBoundedLogsAndCpu(Map<String, AgentWatch.Cost> costs) {
    for (AgentWatch.Cost c : costs.values()) {
      assertTrue(c.lines() <= 60 + 2 * c.wallSeconds(), "log volume: " + c.describe());
      assertTrue(c.busiestSecond() <= 30, "lines in the busiest second: " + c.describe());
      assertTrue(Double.isNaN(c.cpuSeconds()) || c.cpuShare() < 1.0, "CPU: " + c.describe());
    }
  }

  private static String costs(Map<String, AgentWatch.Cost> costs) {
    return String.join("; ", costs.values().stream().map(AgentWatch.Cost::describe).toList());
  }

  @Test
  @Order(1)
  void floodsOfGarbageAndMutatedHeartbeatsFromManyPortsMoveNothingAndWriteAFewLines() throws Exception {
    long started = System.currentTimeMillis();
    try (Stage s = Stage.up(Stage.Options.defaults().guard(RECOMMENDED))) {
      Path captured = Attacker.capture(s, "lb2", LB1, 40);
      CaseRun run = CaseRun.begin(s, "H1 garbage, then mutated heartbeats, 5,000/s to each node from random ports, 10 s each", 90);
      AgentWatch watch = AgentWatch.start(s);
      List<Long> garbage = Attacker.flood(s, List.of(new Attacker.Flood("garbage", "lb1", 10, 5000, RESERVED, null),
          new Attacker.Flood("garbage", "lb2", 10, 5000, RESERVED, null)));
      List<Long> mutated = Attacker.flood(s, List.of(
          new Attacker.Flood("mutated", "lb2", 10, 5000, List.of(LB1, StageNetwork.RESERVED.get("lb1")), captured),
          new Attacker.Flood("mutated", "lb1", 10, 5000, RESERVED, captured)));
      Map<String, AgentWatch.Cost> cost = watch.costs();
      String lb2Metrics = HostileFaults.metrics(s, "lb2");
      long dropped = HostileFaults.sum(lb2Metrics, "eipfailover_heartbeats_dropped_total", "");
      long lb1Flagged = HostileFaults.sum(lb2Metrics, "eipfailover_peer_unauthenticated", "node=\"lb1\"");
      s.awaitSteady(Duration.ofSeconds(20));
      CaseRun.Result r = run.finish("sent " + (garbage.get(0) + garbage.get(1)) + " garbage and " + (mutated.get(0)
          + mutated.get(1)) + " mutated datagrams; lb2 dropped " + dropped + "; " + costs(cost));
      HostileSummary.add(r, cost, System.currentTimeMillis() - started);
      assertEquals(0, r.movesEip1() + r.movesEip2(), "no EIP moves: " + r.moves());
      assertTrue(dropped >= (garbage.get(1) + mutated.get(0)) / 2, "the flood reached lb2's agent: " + dropped);
      assertEquals(0, lb1Flagged, "mutated datagrams claiming lb1 beside its real heartbeats flag nothing");
      assertBoundedLogsAndCpu(cost);
      assertTrue(s.atHome());
    }
  }

  @Test
  @Order(2)
  void replayedHeartbeatsOfAKilledPeerDoNotBringItBack() throws Exception {
    long started = System.currentTimeMillis();
    try (Stage s = Stage.up(Stage.Options.defaults().guard(RECOMMENDED))) {
      Path captured = Attacker.capture(s, "lb2", LB1, 50);
      CaseRun run = CaseRun.begin(s, "H2 lb1 killed (agent and HAProxy), its captured heartbeats replayed to lb2"
          + " from lb1's own address, 2,000/s for 10 s; restart", 90);
      s.agent("lb1").signal("KILL");
      s.haproxy("lb1").signal("KILL");
      long moved = s.awaitHolder(EIP1, "lb2", Duration.ofSeconds(20));
      AgentWatch watch = AgentWatch.start(s);
      List<Long> sent = Attacker.flood(s, List.of(new Attacker.Flood("replay", "lb2", 10, 2000, List.of(LB1), captured)));
      Map<String, AgentWatch.Cost> cost = watch.costs();
      boolean lb1StillDead = s.sees("lb2", "lb1", "DEAD");
      long replayed = HostileFaults.sum(HostileFaults.metrics(s, "lb2"), "eipfailover_heartbeats_dropped_total",
          "reason=\"replayed\"");
      Optional<String> holderAfterReplay = s.holder(EIP1);
      long restarted = System.currentTimeMillis();
      s.startHaproxy("lb1");
      s.startAgent("lb1");
      long home = s.awaitHolder(EIP1, "lb1", Duration.ofSeconds(40));
      s.awaitSteady(Duration.ofSeconds(20));
      CaseRun.Result r = run.finish("replayed " + sent.get(0) + " captured datagrams, lb2 dropped " + replayed
          + " as replays; lb1 stayed DEAD: " + lb1StillDead + "; home " + (home - restarted) + " ms after the restart; "
          + costs(Map.of("lb2", cost.get("lb2"))));
      HostileSummary.add(r, cost, System.currentTimeMillis() - started);
      assertTrue(lb1StillDead, "a replay must not make the killed peer look alive");
      assertEquals(Optional.of("lb2"), holderAfterReplay, "EIP1 stays with the survivor during the replay");
      assertTrue(replayed >= sent.get(0) / 2, "the replays reached lb2 and were recognised: " + replayed);
      assertEquals(2, r.movesEip1(), "EIP1 away once (the peer is dead) and home once: " + r.moves());
      assertEquals(0, r.movesEip2(), r.moves().toString());
      assertBoundedLogsAndCpu(Map.of("lb2", cost.get("lb2")));
      assertTrue(moved > 0);
    }
  }

  @Test
  @Order(3)
  void aWrongKeyOnOneNodeMovesNothingSaysSoOnceAnIntervalAndADeadPeerIsStillTakenOver() throws Exception {
    long started = System.currentTimeMillis();
    // The guard of the recipe (reachability alone): the membership, not the guard, must hold.
    try (Stage s = Stage.up(Stage.Options.defaults().guard("reachability"))) {
      CaseRun run = CaseRun.begin(s, "H3 lb2's key mistyped (same key id) and reloaded, 12 s; lb2's agent killed and"
          + " restarted still mistyped, 12 s; the key fixed (guard reachability)", 120);
      AgentWatch watch = AgentWatch.start(s);
      HostileFaults.rekey(s, "lb2", "a-mistyped-secret-" + s.net.runId + "-012345");
      s.awaitOk("both sides flag the other as unauthenticated", Duration.ofSeconds(10), () ->
          unauthenticated(s, "lb1", "lb2") && unauthenticated(s, "lb2", "lb1"));
      Sh.sleep(12_000);
      Map<String, AgentWatch.Cost> cost = watch.costs();
      boolean stillFlagged = unauthenticated(s, "lb1", "lb2") && unauthenticated(s, "lb2", "lb1");
      boolean home = s.atHome();
      long errors1 = HostileFaults.logLines(s, "lb1", "peer lb2 is reachable but unauthenticated");
      long errors2 = HostileFaults.logLines(s, "lb2", "peer lb1 is reachable but unauthenticated");
      String error = s.agent("lb1").output().lines().filter(l -> l.contains("reachable but unauthenticated"))
          .findFirst().orElse("");
      long killed = System.currentTimeMillis();
      s.agent("lb2").signal("KILL");
      long taken = s.awaitHolder(EIP2, "lb1", Duration.ofSeconds(20));
      s.startAgent("lb2"); // still mistyped: its EIP is on lb1, which it hears only with bad MACs
      s.awaitOk("both sides flag the other again", Duration.ofSeconds(20), () ->
          unauthenticated(s, "lb1", "lb2") && unauthenticated(s, "lb2", "lb1"));
      Sh.sleep(12_000); // past lb2's fail-back delay (3 s) and hold time (5 s)
      Optional<String> eip2WhileMistyped = s.holder(EIP2);
      HostileFaults.rekey(s, "lb2", HostileFaults.stageSecret(s));
      long fixed = System.currentTimeMillis();
      s.awaitSteady(Duration.ofSeconds(40));
      long steady = System.currentTimeMillis();
      CaseRun.Result r = run.finish("both flagged the other for 12 s, EIPs home: " + home + "; ERROR lines lb1 "
          + errors1 + ", lb2 " + errors2 + "; lb2 killed: EIP2 on lb1 " + (taken - killed) + " ms later; restarted"
          + " mistyped, lb2 left EIP2 on lb1: " + eip2WhileMistyped.equals(Optional.of("lb1")) + "; key fixed: home "
          + (steady - fixed) + " ms later; " + costs(cost));
      HostileSummary.add(r, cost, System.currentTimeMillis() - started);
      assertTrue(stillFlagged && home, "a wrong key moves nothing and both sides keep saying so");
      assertTrue(errors1 >= 1 && errors1 <= 3 && errors2 >= 1 && errors2 <= 3,
          "one ERROR per 10 s per side: " + errors1 + ", " + errors2);
      assertTrue(error.contains("key id 1") && error.contains("likely cause"), error);
      assertEquals(Optional.of("lb1"), eip2WhileMistyped,
          "the restarted, still misconfigured lb2 does not pull its EIP from lb1, which it cannot authenticate");
      assertEquals(0, r.movesEip1(), r.moves().toString());
      assertEquals(2, r.movesEip2(), "EIP2 only after lb2's agent died, and home after the fix: " + r.moves());
      assertBoundedLogsAndCpu(cost);
    }
  }

  private static boolean unauthenticated(Stage s, String lb, String peer) {
    return s.status(lb).matches("(?s).*\"" + peer + "\":\\{\"state\":\"SUSPECT\"[^}]*\"unauthenticatedMs\":\\d+.*");
  }

  @Test
  @Order(4)
  void heartbeatsLostOneWayInEitherDirectionMoveNothingWithTheRecommendedGuard() throws Exception {
    try (Stage s = Stage.up(Stage.Options.defaults().guard(RECOMMENDED).resync(Duration.ofSeconds(2)))) {
      for (String[] way : List.of(new String[] {"lb1", "lb2"}, new String[] {"lb2", "lb1"})) {
        long started = System.currentTimeMillis();
        CaseRun run = CaseRun.begin(s, "H4 heartbeats " + way[0] + " -> " + way[1] + " lost for 6 resync intervals"
            + " (12 s; guard reachability + peer-probe)", 60);
        AgentWatch watch = AgentWatch.start(s);
        HostileFaults.loseHeartbeats(s, way[0], way[1], true);
        s.awaitOk(way[1] + " declaring " + way[0] + " DEAD", Duration.ofSeconds(5), () -> s.sees(way[1], way[0], "DEAD"));
        Sh.sleep(12_000);
        HostileFaults.loseHeartbeats(s, way[0], way[1], false);
        long healed = System.currentTimeMillis();
        s.awaitSteady(Duration.ofSeconds(30));
        long steady = System.currentTimeMillis();
        Map<String, AgentWatch.Cost> cost = watch.costs();
        long denials = HostileFaults.logLines(s, way[1], "GuardDenied");
        CaseRun.Result r = run.finish(denials + " takeovers denied by " + way[1] + "'s guard; steady " + (steady - healed)
            + " ms after the heal; " + costs(cost));
        HostileSummary.add(r, cost, System.currentTimeMillis() - started);
        assertEquals(0, r.movesEip1() + r.movesEip2(), "no takeover from a node that serves: " + r.moves());
        assertTrue(denials > 0, "the guard was asked and said no");
        assertBoundedLogsAndCpu(cost);
      }
    }
  }

  @Test
  @Order(5)
  void aFlappingLinkMovesAnEipAtMostAwayAndBack() throws Exception {
    long started = System.currentTimeMillis();
    try (Stage s = Stage.up(Stage.Options.defaults().guard(RECOMMENDED))) {
      CaseRun run = CaseRun.begin(s, "H5 lb1's link flapping (every packet lost): 400 ms down / 400 ms up for 12 s,"
          + " then 2 s / 2 s for 16 s (guard reachability + peer-probe)", 90);
      AgentWatch watch = AgentWatch.start(s);
      HostileFaults.flap(s, "lb1", 400, 400, 15);
      List<DataPlane.Move> fastFlapMoves = s.dataPlane().moves().stream().filter(m -> m.atMillis() >= run.start()).toList();
      HostileFaults.flap(s, "lb1", 2000, 2000, 4);
      long healed = System.currentTimeMillis();
      long home = s.awaitHolder(EIP1, "lb1", Duration.ofSeconds(40));
      s.awaitSteady(Duration.ofSeconds(30));
      Map<String, AgentWatch.Cost> cost = watch.costs();
      CaseRun.Result r = run.finish("fast flapping moved " + fastFlapMoves.size() + " EIPs; EIP1 home " + (home - healed)
          + " ms after the last flap; " + costs(cost));
      HostileSummary.add(r, cost, System.currentTimeMillis() - started);
      assertEquals(List.of(), fastFlapMoves, "flaps shorter than the deadtime move nothing");
      assertTrue(r.movesEip1() <= 2, "EIP1 at most away and back, no ping-pong: " + r.moves());
      assertEquals(0, r.movesEip2(), "lb1 never takes EIP2: " + r.moves());
      assertBoundedLogsAndCpu(cost);
    }
  }

  @Test
  @Order(6)
  void aOneWayLossOfAMinuteWithAGuardThatAllowsBothSidesMovesAnEipOnceAndItComesHomeAfterTheHeal() throws Exception {
    long started = System.currentTimeMillis();
    try (Stage s = Stage.up(Stage.Options.defaults().guard("reachability").resync(Duration.ofSeconds(2)))) {
      CaseRun run = CaseRun.begin(s, "H6 heartbeats lb1 -> lb2 lost for 30 resync intervals (60 s; guard"
          + " reachability, which lets both sides take)", 150);
      AgentWatch watch = AgentWatch.start(s);
      HostileFaults.loseHeartbeats(s, "lb1", "lb2", true);
      s.awaitOk("lb1 reading in lb2's heartbeats that lb2 does not hear it", Duration.ofSeconds(10),
          () -> s.status("lb1").matches("(?s).*\"lb2\":\\{[^}]*\"hearsSelf\":\"NO\".*"));
      Sh.sleep(60_000);
      long movesDuring = s.dataPlane().moves().stream().filter(m -> m.atMillis() >= run.start()).count();
      HostileFaults.loseHeartbeats(s, "lb1", "lb2", false);
      long healed = System.currentTimeMillis();
      Duration bound = Duration.ofSeconds(3 + 5); // fail-back delay + hold time (Stage's settings)
      long home = s.awaitHolder(EIP1, "lb1", bound.plusSeconds(2));
      s.awaitSteady(Duration.ofSeconds(40));
      Map<String, AgentWatch.Cost> cost = watch.costs();
      CaseRun.Result r = run.finish(movesDuring + " move(s) during the loss; EIP1 home " + (home - healed)
          + " ms after the heal (bound: fail-back delay 3 s + hold 5 s); " + costs(cost));
      HostileSummary.add(r, cost, System.currentTimeMillis() - started);
      assertTrue(movesDuring <= 1, "EIP1 moves at most once while the partition lasts: " + r.moves());
      assertTrue(home - healed <= bound.toMillis(), "home within fail-back delay + hold time after the heal: "
          + (home - healed) + " ms");
      assertTrue(r.movesEip1() <= 2, "away once and home once: " + r.moves());
      assertEquals(0, r.movesEip2(), "lb2's own EIP stays: " + r.moves());
      assertTrue(s.atHome(), "every EIP home after the heal");
      assertBoundedLogsAndCpu(cost);
    }
  }

  @Test
  @Order(7)
  void ec2AnsweringWhatItNeverAnswersMovesNothingUntilItAnswersAgain() throws Exception {
    long started = System.currentTimeMillis();
    try (Stage s = Stage.up(Stage.Options.defaults().guard(RECOMMENDED).resync(Duration.ofSeconds(2)))) {
      CaseRun run = CaseRun.begin(s, "H7 EC2 answers a proxy's HTML 502, a non-XML 200, another service's XML,"
          + " items without members, 4 s each, healthy pair; again with lb1 killed; then EC2 answers", 120);
      AgentWatch watch = AgentWatch.start(s);
      for (Malformed kind : Malformed.values()) {
        s.fake.faults().malformed(kind);
        Sh.sleep(4000);
      }
      s.fake.faults().malformed(null);
      long associatesWhileHealthy = s.fake.calls("AssociateAddress").size();
      s.agent("lb1").signal("KILL");
      s.haproxy("lb1").signal("KILL");
      for (Malformed kind : Malformed.values()) {
        s.fake.faults().malformed(kind);
        Sh.sleep(4000);
      }
      Optional<String> holderDuring = s.holder(EIP1);
      long back = System.currentTimeMillis();
      s.fake.faults().malformed(null);
      long moved = s.awaitHolder(EIP1, "lb2", Duration.ofSeconds(40));
      Map<String, AgentWatch.Cost> cost = watch.costs();
      String metrics = HostileFaults.metrics(s, "lb2");
      s.startHaproxy("lb1");
      s.startAgent("lb1");
      s.awaitHolder(EIP1, "lb1", Duration.ofSeconds(40));
      s.awaitSteady(Duration.ofSeconds(30));
      String codes = List.of("http_502", "unparseable_answer", "wrong_shape").stream()
          .map(c -> c + " " + HostileFaults.sum(metrics, "eipfailover_ec2_errors_total", "code=\"" + c + "\"")).toList()
          .toString();
      CaseRun.Result r = run.finish("lb2's ec2 errors by code " + codes + "; EIP1 on lb2 " + (moved - back)
          + " ms after EC2 answered again; " + costs(cost));
      HostileSummary.add(r, cost, System.currentTimeMillis() - started);
      assertEquals(0, associatesWhileHealthy, "a healthy pair reading nonsense from EC2 tries no move");
      assertEquals(Optional.of("lb1"), holderDuring, "nothing moved while EC2's answers were not EC2's");
      for (String c : List.of("http_502", "unparseable_answer", "wrong_shape")) {
        assertTrue(HostileFaults.sum(metrics, "eipfailover_ec2_errors_total", "code=\"" + c + "\"") > 0,
            "the error metric names " + c + ": " + codes);
      }
      assertEquals(2, r.movesEip1(), "EIP1 away once EC2 answers, home after the restart: " + r.moves());
      assertEquals(r.movesEip1(), r.associateOkEip1(), "no duplicate AssociateAddress");
      assertEquals(0, r.movesEip2(), r.moves().toString());
      assertBoundedLogsAndCpu(Map.of("lb2", cost.get("lb2")));
    }
  }
}

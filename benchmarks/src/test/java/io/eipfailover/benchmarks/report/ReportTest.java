package io.eipfailover.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's statistics, ratios, frontier and verdicts, from small hand-written CSVs. */
class ReportTest {
  private static final String RUN = "setting,scenario,rep,fault_epoch_us,detection_ms,associate_ms,ready_ms,"
      + "describe_calls,associate_calls,disassociate_calls,other_calls,ok,note";

  @Test
  void nearestRankPercentilesIgnoreMissingValues() {
    Stats s = Stats.of(List.of(5.0, 1.0, Double.NaN, 3.0, 2.0, 4.0));
    assertEquals(5, s.n());
    assertEquals(1.0, s.min());
    assertEquals(3.0, s.p50());
    assertEquals(5.0, s.p99(), "with fewer than 100 values p99 is the maximum");
    assertEquals(5.0, s.max());
    assertEquals(0, Stats.of(List.of(Double.NaN)).n());
  }

  @Test
  void ratiosDivideOursByTheirsAndSayWhenTheyCannot() {
    assertEquals("0.25", Metric.ratio(OptionalDouble.of(1), OptionalDouble.of(4)));
    assertEquals("12", Metric.ratio(OptionalDouble.of(120), OptionalDouble.of(10)));
    assertEquals("∞", Metric.ratio(OptionalDouble.of(3), OptionalDouble.of(0)));
    assertEquals("1", Metric.ratio(OptionalDouble.of(0), OptionalDouble.of(0)));
    assertEquals("–", Metric.ratio(OptionalDouble.empty(), OptionalDouble.of(4)));
  }

  @Test
  void theSideBySideRunGivesRatiosFrontierAndVerdicts(@TempDir Path dir) throws Exception {
    write(dir);
    Results r = Results.read(dir);
    String md = ReportMain.render(r, false, "a note", true, "test machine",
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    assertTrue(md.contains("| ours ÷ keepalived | `kill -9`, host up: fault → takeover | host gone (link down + kill): fault → takeover |"), md);
    assertTrue(md.contains("| udp-default ÷ keepalived-100ms | 0.20 | 3.00 |"), "kill9 40/200, host gone 900/300: "
        + md);
    assertTrue(md.contains("| this project, UDP default | 40.0 (40.0) | 900 (900) |"), md);
    assertTrue(md.contains("| 2 of 6 |"), "stalls followed by a takeover, of all: " + md);
    assertTrue(md.contains("Development numbers"), md);
    assertTrue(md.contains("> a note"), md);
    assertTrue(md.contains("| udp-default | 750 | 900 |") && md.contains("| keepalived-100ms | 200 | 300 |"),
        "frontier points: " + md);

    List<TargetRow> t18 = new Issue18Targets(r, false).rows();
    assertEquals("met", verdict(t18, "process crash, host up → `AssociateAddress`, udp-default"), "p99 40 <= 50");
    assertEquals("**missed**", verdict(t18, "host gone → `AssociateAddress`, default profile"), "900 > 750");
    assertEquals("**missed**", verdict(t18, "takeovers under 0.5 s stalls, default profile"), "2 stalls took over");
    assertTrue(verdict(t18, "host gone → `AssociateAddress`, stall-immune").startsWith("not measured"));
    assertEquals("not measured: no `udp-stall-immune` setting in this run",
        verdict(t18, "takeovers under 2 s stalls, stall-immune profile"));
    assertEquals("met", verdict(t18, "resident memory per agent"), "60 MB <= 64");
    assertEquals("**missed**", verdict(t18, "idle CPU per agent"), "0.5 % > 0.2");
    assertTrue(row(t18, "frontier").measured().equals("–") && row(t18, "frontier").verdict().contains(
        "the default profile does not dominate them"), "900 ms is slower than 300: " + row(t18, "frontier"));

    List<TargetRow> t7 = new Issue7Targets(r, false).rows();
    assertEquals("met", verdict(t7, "detection of a `kill -9`ed peer, UDP default, host gone"), "p99 850 <= 1100");
    assertEquals("**missed**", verdict(t7, "graceful stop"), "a repetition without a takeover is a miss");
    assertTrue(verdict(t7, "the same, UDP aggressive (host gone): detection").startsWith("not measured"));
  }

  @Test
  void fleetScaleTargetsAreRatiosToTheFloorAndMissesAreReported(@TempDir Path dir) throws Exception {
    String head = "nodes,seed,orphans,reserved_per_node,floor_s,associate_tokens_at_crash,first_associate_s,"
        + "all_on_survivors_s,ok_associates,orphans_with_exactly_one,max_associates_per_orphan,unassociated_at_end,"
        + "other_eips_moved,throttled_associates,describes,throttled_describes,max_foreign_per_survivor,"
        + "survivors_over_share,cpu_ms";
    Files.write(dir.resolve("fleet.csv"), List.of(head,
        "16,1,128,16,15.6,50.0,1.100,17.000,128,128,1,0,0,99,105,0,16,0,900",
        "16,2,128,16,15.6,50.0,1.100,17.500,128,128,1,0,0,99,105,0,16,0,900",
        "64,1,128,3,15.6,50.0,1.100,18.000,129,127,2,0,0,99,105,0,3,0,900",
        "64,2,128,3,15.6,50.0,1.100,,128,128,1,1,0,99,105,0,3,0,900"));
    Files.write(dir.resolve("fleet-nodes.csv"), List.of(
        "nodes,seed,node,orphans_held,ok_associates,throttled_associates,first_ok_s,last_ok_s",
        "16,1,n9,16,16,12,1.1,16.5", "16,1,n10,16,15,9,1.1,17.0"));
    Files.write(dir.resolve("fleet-steady.csv"), List.of("nodes,seed,resync_nodes_per_interval,window_s,describes,"
        + "throttled,associates,describes_per_s,share_of_refill,cpu_ms", "64,1,default,300,320,0,0,1.0667,0.0533,1",
        "64,1,unlimited,300,640,0,0,2.1333,0.1067,1"));
    Results r = Results.read(dir);
    List<TargetRow> t17 = new Issue17Targets(r).rows();
    TargetRow sixteen = row(t17, "16 nodes × 16 EIPs");
    assertEquals("met", sixteen.verdict(), "17.5 <= 15.6 + 2: " + sixteen);
    assertTrue(sixteen.measured().contains("floor × 1.09 (max × 1.12)"), sixteen.measured());
    assertTrue(verdict(t17, "32 nodes × 16 EIPs").startsWith("not measured"));
    assertTrue(row(t17, "64 nodes × 16 EIPs").measured().contains("1 runs never completed"));
    assertEquals("**missed**", verdict(t17, "64 nodes × 16 EIPs"));
    assertEquals("met", verdict(t17, "16 nodes: one successful"));
    assertEquals("**missed**", verdict(t17, "64 nodes: one successful"), "a second associate, an unassociated EIP");
    assertEquals("**missed**", verdict(t17, "16 nodes: no survivor starved"), "n10 got 15 of its 16");
    TargetRow steady = row(t17, "steady-state");
    assertEquals("met", steady.verdict());
    assertTrue(steady.measured().contains("1.07/s = 5.3 %") && steady.measured().contains("2.13/s = 10.7 %"),
        steady.measured());
    assertTrue(verdict(t17, "real run").startsWith("not measured"));
    String md = ReportMain.render(r, false, "", false, "m", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    assertTrue(md.contains("| 16 | 2 | 15.6 | 1.10 | 17.00 / 17.00 / 17.50 | 1.09, 1.12 |"), md);
  }

  @Test
  void dominanceNeedsBothFasterAndMoreTolerant() {
    FrontierChart.Point ours = new FrontierChart.Point("o", true, 750, 300);
    assertTrue(Issue18Targets.dominatesAll(ours, List.of(ours, new FrontierChart.Point("k", false, 200, 310))));
    assertFalse(Issue18Targets.dominatesAll(ours, List.of(new FrontierChart.Point("k", false, 200, 290))));
    assertFalse(Issue18Targets.dominatesAll(ours, List.of(new FrontierChart.Point("k", false, 750, 310))));
  }

  @Test
  void theFrontierIsMetWhenAnyStallImmuneSettingDominatesEveryKeepalivedPoint() {
    FrontierChart.Point slow = new FrontierChart.Point("udp-stall-immune", true, 3000, 307);
    FrontierChart.Point fast = new FrontierChart.Point("udp-stall-immune-fast", true, 3000, 40);
    FrontierChart.Point other = new FrontierChart.Point("udp-aggressive", true, 300, 30);
    FrontierChart.Point k100 = new FrontierChart.Point("keepalived-100ms", false, 200, 357);
    FrontierChart.Point k10 = new FrontierChart.Point("keepalived-10ms", false, 20, 46);

    TargetRow withFast = Issue18Targets.frontier(List.of(slow, fast, other, k100, k10));
    assertEquals("met", withFast.verdict());
    assertEquals("udp-stall-immune survives 3000 ms, host gone p50 307 ms (does not dominate); udp-stall-immune-fast"
        + " survives 3000 ms, host gone p50 40.0 ms (dominates)", withFast.measured());
    assertEquals("**missed**", Issue18Targets.frontier(List.of(slow, other, k100, k10)).verdict(),
        "udp-aggressive is faster but not a stall-immune profile");
  }

  private static void write(Path dir) throws Exception {
    Files.write(dir.resolve("settings.csv"), List.of("setting,daemon,title,configuration",
        "udp-default,agent,\"this project, UDP default\",\"-Xmx128m; {}\"",
        "keepalived-100ms,keepalived,\"keepalived, advert 0.1 s\",\"advert_int 0.1 s\""));
    Files.write(dir.resolve("runs.csv"), List.of(RUN,
        "udp-default,kill9-hostup,1,1,20.0,40.0,,2,1,0,0,true,\"\"",
        "udp-default,restart,1,2,2500.0,4000.0,4500.0,0,0,0,0,true,\"\"",
        "udp-default,host-gone,1,3,850.0,900.0,,2,1,0,0,true,\"\"",
        "udp-default,graceful,1,4,8.0,,,0,0,0,0,false,\"no AssociateAddress within 10 s;\"",
        "keepalived-100ms,kill9-hostup,1,5,190.0,200.0,,0,1,0,0,true,\"\"",
        "keepalived-100ms,host-gone,1,6,290.0,300.0,,0,1,0,0,true,\"\""));
    Files.write(dir.resolve("measures.csv"), List.of("kind,setting,name,value,unit,detail",
        "stalls-500ms,udp-default,stalls_with_takeover,2,stalls,\"x\"",
        "stalls-500ms,udp-default,stalls,6,stalls,\"x\"",
        "stalls-500ms,udp-default,takeovers,2,AssociateAddress calls,\"x\"",
        "stall-ladder,udp-default,longest_survived_ms,750,ms,\"x\"",
        "stall-ladder,keepalived-100ms,longest_survived_ms,200,ms,\"x\"",
        "idle,udp-default,lb-a.cpu_percent_of_core,0.5,%,\"x\"",
        "idle,udp-default,lb-b.cpu_percent_of_core,0.3,%,\"x\"",
        "idle,udp-default,lb-a.rss_mb,60,MB,\"x\"",
        "idle,udp-default,lb-b.rss_mb,58,MB,\"x\""));
  }

  private static String verdict(List<TargetRow> rows, String prefix) {
    return row(rows, prefix).verdict();
  }

  private static TargetRow row(List<TargetRow> rows, String prefix) {
    return rows.stream().filter(r -> r.what().startsWith(prefix)).findFirst().orElseThrow(() ->
        new AssertionError("no row starting with " + prefix + " in " + rows));
  }
}

package io.eipfailover.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's statistics and verdicts, from small hand-written CSVs. */
class ReportTest {
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
  void targetsAreMetMissedOrNotMeasuredFromTheData(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("runs.csv"), List.of(
        "profile,scenario,rep,fault_epoch_us,detection_ms,associate_ms,describe_calls,associate_calls,"
            + "disassociate_calls,other_calls,ok,note",
        "udp-default,kill9-hostdown,1,1,1000.0,1200.0,2,1,0,0,true,\"\"",
        "udp-default,kill9-hostdown,2,2,1050.0,1600.0,2,1,0,0,true,\"\"",
        "udp-default,standby,1,3,3.0,,0,0,0,0,false,\"no AssociateAddress within 10 s;\""));
    Files.write(dir.resolve("jmh.csv"), List.of("benchmark,params,score,error,unit,alloc_bytes_per_op",
        "CodecBenchmark.encodeAndVerify,,700.0,10.0,ns/op,96.0",
        "HeartbeatExchangeBenchmark.exchange,,1200.0,50.0,ns/op,192.0"));
    Results r = Results.read(dir);
    List<Targets.Row> rows = new Targets(r, false).rows();

    assertEquals("met", verdict(rows, "detection of a `kill -9`ed peer, UDP default"), "p99 1050 <= 1100");
    assertEquals("**missed**", verdict(rows, "`kill -9` → survivor's `AssociateAddress` at the EC2 fake, UDP default"),
        "p99 1600 > 1500");
    assertEquals("**missed**", verdict(rows, "graceful standby"), "a repetition without a takeover is a miss");
    assertTrue(verdict(rows, "the same, UDP aggressive (host gone): detection").startsWith("not measured"));
    assertEquals("met", verdict(rows, "codec encode + HMAC verify"));
    assertEquals("**missed**", verdict(rows, "allocation per heartbeat"), "192 B per 2 heartbeats = 96 > 64");

    String md = ReportMain.render(r, false, "a note", "test machine",
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    assertTrue(md.contains("| udp-default | kill9-hostdown | 2 / 2 | 1000 / 1000 / 1050 / 1050 |"), md);
    assertTrue(md.contains("> a note"), md);
  }

  private static String verdict(List<Targets.Row> rows, String prefix) {
    return rows.stream().filter(r -> r.what().startsWith(prefix)).findFirst().orElseThrow().verdict();
  }
}

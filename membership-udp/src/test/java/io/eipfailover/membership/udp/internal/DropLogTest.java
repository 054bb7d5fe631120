package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.RecordingLogger;
import io.eipfailover.membership.udp.DropReason;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drop log's budget is per reason, whatever the number of sources (issue 13's log storm). */
class DropLogTest {
  private static final long MS = 1_000_000L;

  @Test
  void aFloodFromEverChangingSourcePortsWritesAFewLinesPerReason() {
    RecordingLogger logger = new RecordingLogger("drops");
    DropLog log = new DropLog(NodeId.of("a"), logger);
    List<DropReason> reasons = List.of(DropReason.GARBAGE, DropReason.BAD_MAC, DropReason.TRUNCATED);
    // 300,000 drops in 60 s of protocol time: 5,000 per second, each from a new source port.
    for (int i = 0; i < 300_000; i++) {
      InetSocketAddress source = new InetSocketAddress("10.0.0.66", 1024 + i % 60_000);
      log.dropped(reasons.get(i % 3), source, 40, i * 200_000L);
    }
    int lines = logger.lines().size();
    // Per reason: 3 at once, then 3 per 10 s: at most 3 + 18 in 60 s.
    assertTrue(lines <= 3 * 21, lines + " lines for 300,000 drops");
    assertTrue(lines >= 3 * 18, "each reason still reports regularly: " + lines);
    for (DropReason r : reasons) {
      long written = logger.messages().stream().filter(m -> m.contains(" " + r + " ")).count();
      assertEquals(100_000 - written, log.suppressed(r), r.toString());
    }
    String tenth = logger.messages().get(9);
    assertTrue(tenth.matches("\\[id=a\\] dropped \\w+ datagram of 40 bytes from /10.0.0.66:\\d+"
        + " \\(\\+\\d+ suppressed in \\d+ s\\)"), "after the bursts, each line counts the rest: " + tenth);
  }

  @Test
  void aSingleDropIsLoggedAtOnce() {
    RecordingLogger logger = new RecordingLogger("drops");
    new DropLog(NodeId.of("a"), logger).dropped(DropReason.WRONG_CLUSTER, new InetSocketAddress("10.0.0.2", 694), 70,
        5 * MS);
    assertEquals(List.of("[id=a] dropped WRONG_CLUSTER datagram of 70 bytes from /10.0.0.2:694"), logger.messages());
  }
}

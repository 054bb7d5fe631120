package io.eipfailover.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outage arithmetic of the e2e suite (a plain unit test: runs in every build, no root needed). */
class ClientLogTest {
  private static final String LOG = String.join("\n",
      "R 1000 203.0.113.10 ok 3 lb1/web1",
      "R 1025 203.0.113.10 fail 1000 timeout",
      "R 1050 203.0.113.10 fail 2 ECONNREFUSED",
      "R 1075 203.0.113.10 ok 4 lb2/web2",
      "R 1030 203.0.113.20 ok 2 lb2/web3",
      "some other line the client printed",
      "R 1100 203.0.113.10 fail 1 ECONNRESET",
      "R 1200 203.0.113.10 ok 2 lb2/web1",
      "R 1300 203.0.113.10 fail 1000 timeout",
      "DONE");

  @Test
  void anOutageRunsFromTheFirstFailureToTheNextSuccessAndRunsAddUp() {
    ClientLog.Outage o = ClientLog.parse(LOG).outage("203.0.113.10", 0, 1250);
    assertEquals(6, o.total());
    assertEquals(3, o.failed());
    assertEquals((1075 - 1025) + (1200 - 1100), o.outageMillis());
    assertEquals(100, o.longestMillis());
    assertTrue(o.recovered());
    assertEquals(Map.of("lb1", 1, "lb2", 2), o.servedBy());
  }

  @Test
  void aRunStillFailingAtTheEndOfTheWindowCountsUntilTheEnd() {
    ClientLog.Outage o = ClientLog.parse(LOG).outage("203.0.113.10", 1250, 2000);
    assertEquals(1, o.failed());
    assertEquals(700, o.outageMillis());
    assertFalse(o.recovered());
  }

  @Test
  void otherTargetsAndRequestsOutsideTheWindowAreIgnored() {
    ClientLog log = ClientLog.parse(LOG);
    ClientLog.Outage other = log.outage("203.0.113.20", 0, 2000);
    assertEquals(1, other.total());
    assertEquals(0, other.outageMillis());
    assertEquals(0, log.outage("203.0.113.10", 1076, 1100).total());
    assertEquals(2, log.failuresSince("203.0.113.10", 1100));
  }
}

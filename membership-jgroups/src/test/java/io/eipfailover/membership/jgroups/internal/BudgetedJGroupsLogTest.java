package io.eipfailover.membership.jgroups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.eipfailover.core.testing.RecordingLogger;
import java.util.Locale;
import org.jgroups.logging.Slf4jLogImpl;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** JGroups' per-packet lines go through a budget per category, level and format. */
class BudgetedJGroupsLogTest {
  private long now;
  private final Ticker ticker = new Ticker() {
    @Override
    public long read() {
      return now;
    }
  };
  private final RecordingLogger lines = new RecordingLogger("org.jgroups.protocols.TP");
  private final BudgetedJGroupsLog log = new BudgetedJGroupsLog(new Slf4jLogImpl(Locale.ROOT, lines),
      "org.jgroups.protocols.TP", ticker);

  @Test
  void aFloodOfPerPacketWarningsWritesAFewLinesAndCountsTheRest() {
    for (int i = 0; i < 60_000; i++) {
      log.warn("JGRP000032: %s: no physical address for %s, dropping message", "n1", "stranger-" + i);
      now += 1_000_000L; // one per ms: 60 s
    }
    int written = lines.lines().size();
    assertTrue(written >= 18 && written <= 21, written + " lines for 60,000 warnings");
    assertEquals(60_000 - written, log.suppressed());
    assertEquals("JGRP000032: n1: no physical address for stranger-0, dropping message", lines.messages().get(0));
    assertTrue(lines.messages().get(3).endsWith("similar lines suppressed)"), lines.messages().get(3));
  }

  @Test
  void formatsAndLevelsHaveBudgetsOfTheirOwnAndDebugIsNotLimited() {
    for (int i = 0; i < 10; i++) {
      log.warn("first %s", i);
      log.warn("second %s", i);
      log.error("first %s", i);
      log.debug("debug %s", i);
    }
    assertEquals(3, lines.lines().stream().filter(l -> l.level() == Level.WARN && l.message().startsWith("first")).count());
    assertEquals(3, lines.lines().stream().filter(l -> l.level() == Level.ERROR).count());
    assertEquals(3, lines.messages().stream().filter(m -> m.startsWith("second")).count());
    assertEquals(10, lines.lines().stream().filter(l -> l.level() == Level.DEBUG).count());
  }
}

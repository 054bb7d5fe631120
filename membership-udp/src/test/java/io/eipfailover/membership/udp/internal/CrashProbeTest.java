package io.eipfailover.membership.udp.internal;

import static io.eipfailover.membership.udp.internal.CrashProbe.Action.CONVICT;
import static io.eipfailover.membership.udp.internal.CrashProbe.Action.IGNORE;
import static io.eipfailover.membership.udp.internal.CrashProbe.Action.PROBE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrashProbeTest {
  private static final long MS = 1_000_000L;
  private final CrashProbe probe = new CrashProbe(3, 10 * MS, 1_000 * MS);

  @Test
  void convictsOnTheThirdSignalAndProbesOnTheFirstTwo() {
    assertEquals(PROBE, probe.signal(true, 0));
    assertEquals(PROBE, probe.signal(true, 1 * MS));
    assertEquals(CONVICT, probe.signal(true, 2 * MS));
    assertEquals(3, probe.signals());
    assertEquals(0, probe.firstSignalAt());
  }

  @Test
  void aValidDatagramInBetweenStartsTheCountAgain() {
    probe.signal(true, 0);
    probe.signal(true, 1 * MS);
    probe.reset();
    assertEquals(PROBE, probe.signal(true, 2 * MS));
    assertEquals(PROBE, probe.signal(true, 3 * MS));
    assertEquals(CONVICT, probe.signal(true, 4 * MS));
  }

  @Test
  void signalsSpreadBeyondTheWindowDoNotAddUp() {
    probe.signal(true, 0);
    probe.signal(true, 500 * MS);
    assertEquals(PROBE, probe.signal(true, 1_001 * MS), "a new confirmation started");
    assertEquals(PROBE, probe.signal(true, 1_002 * MS));
    assertEquals(CONVICT, probe.signal(true, 1_003 * MS));
  }

  @Test
  void ignoresIneligiblePeersAndADisabledFastPath() {
    assertEquals(IGNORE, probe.signal(false, 0));
    CrashProbe off = new CrashProbe(0, 10 * MS, 1_000 * MS);
    assertEquals(IGNORE, off.signal(true, 0));
    assertFalse(off.probeDue(100 * MS));
  }

  @Test
  void repeatsProbesEveryIntervalUntilTheWindowEnds() {
    probe.signal(true, 0);
    assertFalse(probe.probeDue(5 * MS));
    assertEquals(10 * MS, probe.nextTick(100 * MS));
    assertTrue(probe.probeDue(10 * MS));
    assertFalse(probe.probeDue(15 * MS));
    assertTrue(probe.probeDue(20 * MS));
    assertFalse(probe.probeDue(1_001 * MS), "gave up after the window");
    assertEquals(100 * MS, probe.nextTick(100 * MS), "no more probe ticks");
  }
}

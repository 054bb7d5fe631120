package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhiAccrualDetectorTest {
  private static final long MS = 1_000_000L;

  /** Defaults of the phi profile: threshold 8, min std 100 ms, pause 400 ms, beat 100 ms, deadtime 2 s. */
  private static PhiAccrualDetector steady(long intervalMs, int beats) {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 100 * MS, 400 * MS, 100 * MS, 2_000 * MS);
    for (int i = 0; i < beats; i++) {
      d.heartbeat(i * intervalMs * MS);
    }
    return d;
  }

  @ParameterizedTest(name = "steady 100 ms beats, silent {0} ms: dead={1}")
  @CsvSource({"100, false", "500, false", "900, false", "1100, true", "1500, true"})
  void steadyPeerIsConvictedAboutOneSecondAfterItsLastBeat(long silentMs, boolean dead) {
    PhiAccrualDetector d = steady(100, 50);
    long last = 49 * 100 * MS;
    assertEquals(dead, d.isDead(last + silentMs * MS), "phi " + d.phi(last + silentMs * MS));
  }

  @Test
  void phiGrowsWithSilence() {
    PhiAccrualDetector d = steady(100, 50);
    long last = 49 * 100 * MS;
    double previous = -1;
    for (long ms = 0; ms <= 2_000; ms += 50) {
      double phi = d.phi(last + ms * MS);
      assertTrue(phi >= previous, "phi fell at " + ms + " ms");
      previous = phi;
    }
  }

  @Test
  void jitteryPeerIsGivenMoreTimeThanASteadyOne() {
    PhiAccrualDetector jittery = new PhiAccrualDetector(8, 100 * MS, 400 * MS, 100 * MS, 10_000 * MS);
    long t = 0;
    for (int i = 0; i < 100; i++) {
      t += (i % 2 == 0 ? 20 : 580) * MS;
      jittery.heartbeat(t);
    }
    PhiAccrualDetector steady = new PhiAccrualDetector(8, 100 * MS, 400 * MS, 100 * MS, 10_000 * MS);
    long s = 0;
    for (int i = 0; i < 100; i++) {
      s += 300 * MS;
      steady.heartbeat(s);
    }
    assertTrue(steady.isDead(s + 1_600 * MS));
    assertFalse(jittery.isDead(t + 1_600 * MS), "phi " + jittery.phi(t + 1_600 * MS));
  }

  @Test
  void minimumDeviationKeepsAPerfectlyRegularPeerFromBeingConvictedOnATinyDelay() {
    PhiAccrualDetector d = steady(100, 200);
    long last = 199 * 100 * MS;
    assertFalse(d.isDead(last + 600 * MS), "phi " + d.phi(last + 600 * MS));
  }

  @Test
  void deadtimeBoundsTheDetectorWhateverTheHistory() {
    PhiAccrualDetector d = new PhiAccrualDetector(1_000, 100 * MS, 400 * MS, 100 * MS, 2_000 * MS);
    d.heartbeat(0);
    assertFalse(d.isDead(1_999 * MS));
    assertTrue(d.isDead(2_000 * MS));
  }

  @Test
  void ownPauseIsNotLearnedAsAnIntervalAndRestartsTheSilence() {
    PhiAccrualDetector d = steady(100, 50);
    long last = 49 * 100 * MS;
    long wake = last + 5_000 * MS;
    d.restartClock(wake);
    assertFalse(d.isDead(wake + 500 * MS));
    d.heartbeat(wake + 100 * MS);
    assertTrue(d.isDead(wake + 100 * MS + 1_200 * MS), "the 5 s pause did not widen the distribution");
  }

  @Test
  void neverConvictsBeforeTheFirstHeartbeat() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 100 * MS, 400 * MS, 100 * MS, 2_000 * MS);
    assertFalse(d.isDead(1_000_000 * MS));
    assertEquals(0.0, d.phi(5 * MS));
  }
}

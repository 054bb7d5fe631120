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
  void phiFollowsTheLogisticApproximationOfTheNormalTail() {
    assertEquals(0.30103, PhiAccrualDetector.phi(100, 100, 25), 1e-5, "at the mean: -log10(1/2)");
    assertEquals(0.79951, PhiAccrualDetector.phi(125, 100, 25), 1e-5, "one deviation late");
    assertEquals(4.73669, PhiAccrualDetector.phi(200, 100, 25), 1e-5, "four deviations late");
    assertEquals(0.00999876, PhiAccrualDetector.phi(50, 100, 25), 1e-8, "two deviations early");
  }

  @Test
  void oneHeartbeatIsEnoughForASanePhiFromTheSeededEstimate() {
    // seeded with 100 ms +- a quarter: 75 and 125 ms, so mean 100 ms and deviation 25 ms
    PhiAccrualDetector d = new PhiAccrualDetector(8, 10 * MS, 0, 100 * MS, 10_000 * MS);
    assertEquals("never heard", d.describe(0));
    d.heartbeat(1_000 * MS);
    assertEquals(0.30103, d.phi(1_100 * MS), 1e-5);
    assertEquals(0.79951, d.phi(1_125 * MS), 1e-5);
    assertEquals("phi 0.80 after 125 ms", d.describe(1_125 * MS));
    d.heartbeat(1_100 * MS); // a third interval of 100 ms: mean 100, deviation sqrt(1250 / 3) ms
    assertEquals(PhiAccrualDetector.phi(125, 100, Math.sqrt(1250.0 / 3)), d.phi(1_225 * MS), 1e-9);
  }

  @Test
  void theAcceptablePauseShiftsTheMean() {
    PhiAccrualDetector d = new PhiAccrualDetector(8, 10 * MS, 400 * MS, 100 * MS, 10_000 * MS);
    d.heartbeat(0);
    assertEquals(0.30103, d.phi(500 * MS), 1e-5, "100 ms interval + 400 ms pause allowance");
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

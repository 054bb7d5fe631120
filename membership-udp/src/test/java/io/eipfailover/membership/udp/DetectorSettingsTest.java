package io.eipfailover.membership.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DetectorSettingsTest {
  private static void rejects(String message, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }

  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }

  @Test
  void defaultsAreHundredMillisecondBeatsAndOneSecondDeadline() {
    DetectorSettings d = DetectorSettings.defaults();
    assertEquals(DetectorSettings.Kind.DEADLINE, d.kind());
    assertEquals(ms(100), d.keepalive());
    assertEquals(ms(500), d.warntime());
    assertEquals(ms(1000), d.deadtime());
    assertEquals(ms(2000), d.initdead());
    assertEquals(3, d.crashConfirmations());
    assertEquals(ms(500), d.pauseGuardThreshold());
  }

  @Test
  void aggressiveIsFiftyMillisecondBeatsAndThreeHundredMillisecondDeadline() {
    DetectorSettings d = DetectorSettings.aggressive();
    assertEquals(ms(50), d.keepalive());
    assertEquals(ms(300), d.deadtime());
    assertEquals(ms(150), d.pauseGuardThreshold());
  }

  @Test
  void phiProfileUsesThePhiDetectorBoundedByTwoSeconds() {
    DetectorSettings d = DetectorSettings.phiAccrual();
    assertEquals(DetectorSettings.Kind.PHI_ACCRUAL, d.kind());
    assertEquals(8.0, d.phiThreshold());
    assertEquals(ms(2000), d.deadtime());
    assertEquals(d, d.toBuilder().build());
    assertEquals(d.toString(), d.toBuilder().build().toString());
  }

  @Test
  void rejectsNonPositiveDurationsNamingTheSetting() {
    rejects("keepalive must be > 0, was PT0S", () -> DetectorSettings.builder().keepalive(Duration.ZERO));
    rejects("warntime must be > 0, was PT-0.001S", () -> DetectorSettings.builder().warntime(ms(-1)));
    rejects("deadtime must be > 0, was PT0S", () -> DetectorSettings.builder().deadtime(Duration.ZERO));
    rejects("initdead must be > 0, was PT0S", () -> DetectorSettings.builder().initdead(Duration.ZERO));
    rejects("phiMinStdDeviation must be > 0, was PT0S", () -> DetectorSettings.builder().phiMinStdDeviation(Duration.ZERO));
    rejects("probeInterval must be > 0, was PT0S", () -> DetectorSettings.builder().probeInterval(Duration.ZERO));
    rejects("phiAcceptablePause must be >= 0, was PT-0.001S", () -> DetectorSettings.builder().phiAcceptablePause(ms(-1)));
    assertThrows(NullPointerException.class, () -> DetectorSettings.builder().keepalive(null));
  }

  @Test
  void rejectsBadNumbers() {
    rejects("phiThreshold must be a finite number > 0, was 0.0", () -> DetectorSettings.builder().phiThreshold(0));
    rejects("phiThreshold must be a finite number > 0, was NaN", () -> DetectorSettings.builder().phiThreshold(Double.NaN));
    rejects("phiThreshold must be a finite number > 0, was Infinity",
        () -> DetectorSettings.builder().phiThreshold(Double.POSITIVE_INFINITY));
    rejects("crashConfirmations must be between 0 and 10, was 11", () -> DetectorSettings.builder().crashConfirmations(11));
    rejects("crashConfirmations must be between 0 and 10, was -1", () -> DetectorSettings.builder().crashConfirmations(-1));
  }

  @Test
  void rejectsDeadtimeNotMoreThanTwiceKeepaliveLikeHeartbeat() {
    rejects("deadtime must be more than twice keepalive (PT0.1S), was PT0.2S",
        () -> DetectorSettings.builder().deadtime(ms(200)).warntime(ms(150)).build());
  }

  @Test
  void rejectsWarntimeOutsideKeepaliveAndDeadtime() {
    rejects("warntime must be more than keepalive (PT0.1S) and less than deadtime (PT1S), was PT0.1S",
        () -> DetectorSettings.builder().warntime(ms(100)).build());
    rejects("warntime must be more than keepalive (PT0.1S) and less than deadtime (PT1S), was PT1S",
        () -> DetectorSettings.builder().warntime(ms(1000)).build());
  }

  @Test
  void rejectsInitdeadShorterThanDeadtime() {
    rejects("initdead must be at least deadtime (PT1S), was PT0.999S",
        () -> DetectorSettings.builder().initdead(ms(999)).build());
  }

  @Test
  void rejectsProbeIntervalLongerThanKeepalive() {
    rejects("probeInterval must be at most keepalive (PT0.1S), was PT0.101S",
        () -> DetectorSettings.builder().probeInterval(ms(101)).build());
  }

  @Test
  void isOneValueWithEqualityAndToBuilderIncludingTheCrashDetectionSocket() {
    DetectorSettings d = DetectorSettings.defaults();
    assertEquals(true, d.crashDetectionSocket());
    DetectorSettings icmpOnly = d.toBuilder().verifyAfter(Duration.ZERO).crashDetectionSocket(false).build();
    assertEquals(false, icmpOnly.crashDetectionSocket());
    org.junit.jupiter.api.Assertions.assertNotEquals(d, icmpOnly);
    DetectorSettings back = icmpOnly.toBuilder().crashDetectionSocket(true).verifyAfter(ms(500)).build();
    assertEquals(d, back);
    assertEquals(d.hashCode(), back.hashCode());
    assertEquals(DetectorSettings.aggressive(), DetectorSettings.aggressive().toBuilder().build());
  }

  @Test
  void theDefaultProfileAsksAGoneHostsKernelButNeverHoldsAPausedProcessPastTheDeadline() {
    DetectorSettings d = DetectorSettings.defaults();
    assertEquals(true, d.verifies());
    assertEquals(d.warntime(), d.verifyAfter(), "asked when the peer turns suspect");
    assertEquals(ms(100), d.verifyTimeout());
    assertEquals(d.deadtime(), d.stallLimit(), "a handshake never delays the 1 s conviction");
    assertEquals(false, DetectorSettings.builder().build().verifies(), "the builder starts with verification off");
    rejects("verifyAfter PT0.5S probes the peers' crash-detection listener: it needs crashDetectionSocket(true)"
        + " (was false) and crashConfirmations > 0 (was 3), or verifyAfter(0)",
        () -> d.toBuilder().crashDetectionSocket(false).build());
  }

  @Test
  void stallImmuneIsTheDefaultDeadlineWithVerificationAfterTwoHundredMilliseconds() {
    DetectorSettings d = DetectorSettings.stallImmune();
    assertEquals(true, d.verifies());
    assertEquals(ms(200), d.verifyAfter());
    assertEquals(ms(100), d.verifyTimeout());
    assertEquals(ms(5000), d.stallLimit());
    assertEquals(ms(100), d.keepalive());
    assertEquals(ms(1000), d.deadtime());
    assertEquals(d, d.toBuilder().build());
    assertEquals(d.toString(), d.toBuilder().build().toString());
    org.junit.jupiter.api.Assertions.assertTrue(d.toString().contains("verifyAfter=PT0.2S"), d.toString());
    assertEquals(false, DetectorSettings.aggressive().verifies());
    assertEquals(d, DetectorSettings.builder().verifyAfter(ms(200)).build());
    org.junit.jupiter.api.Assertions.assertNotEquals(d, d.toBuilder().stallLimit(ms(6000)).build());
    org.junit.jupiter.api.Assertions.assertNotEquals(d, d.toBuilder().verifyTimeout(ms(50)).build());
  }

  @Test
  void stallImmuneFastBeatsAtOneHundredHertzAndAsksAfterTwentyMilliseconds() {
    DetectorSettings d = DetectorSettings.stallImmuneFast();
    assertEquals(ms(10), d.keepalive());
    assertEquals(ms(20), d.verifyAfter());
    assertEquals(ms(6), d.verifyTimeout());
    assertEquals(ms(5000), d.stallLimit(), "a paused process is held as long as with stallImmune()");
    assertEquals(ms(1000), d.deadtime(), "a filtered probe leaves the default's deadline");
    assertEquals(ms(500), d.pauseGuardThreshold(), "its own pauses are judged as the default's");
    assertEquals(d, d.toBuilder().build());
    org.junit.jupiter.api.Assertions.assertNotEquals(DetectorSettings.stallImmune(), d);
  }

  @Test
  void rejectsVerificationSettingsNamingTheSettingAndValue() {
    rejects("verifyAfter must be >= 0, was PT-0.001S", () -> DetectorSettings.builder().verifyAfter(ms(-1)));
    rejects("verifyTimeout must be > 0, was PT0S", () -> DetectorSettings.builder().verifyTimeout(Duration.ZERO));
    rejects("stallLimit must be > 0, was PT0S", () -> DetectorSettings.builder().stallLimit(Duration.ZERO));
    rejects("verifyAfter must be 0 (off) or more than keepalive (PT0.1S), was PT0.1S",
        () -> DetectorSettings.builder().verifyAfter(ms(100)).build());
    rejects("verifyAfter + verifyTimeout (PT0.1S) must be less than deadtime (PT1S), was verifyAfter PT0.9S",
        () -> DetectorSettings.builder().verifyAfter(ms(900)).build());
    rejects("stallLimit must be at least deadtime (PT1S), was PT0.999S",
        () -> DetectorSettings.stallImmune().toBuilder().stallLimit(ms(999)).build());
    rejects("verifyAfter PT0.2S probes the peers' crash-detection listener: it needs crashDetectionSocket(true) (was"
        + " false) and crashConfirmations > 0 (was 3), or verifyAfter(0)",
        () -> DetectorSettings.stallImmune().toBuilder().crashDetectionSocket(false).build());
    rejects("verifyAfter PT0.2S probes the peers' crash-detection listener: it needs crashDetectionSocket(true) (was"
        + " true) and crashConfirmations > 0 (was 0), or verifyAfter(0)",
        () -> DetectorSettings.stallImmune().toBuilder().crashConfirmations(0).build());
  }

  @Test
  void verificationOffIgnoresItsOtherKnobs() {
    DetectorSettings off = DetectorSettings.builder().stallLimit(ms(1)).verifyTimeout(ms(5000)).build();
    assertEquals(false, off.verifies());
    assertEquals(false, off.toString().contains("stallLimit"), off.toString());
  }
}

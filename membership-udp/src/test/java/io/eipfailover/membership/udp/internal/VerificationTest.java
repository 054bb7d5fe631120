package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.membership.udp.internal.Verification.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verify-before-convict decision alone, with explicit times: verifyAfter 200 ms, time-out
 * 100 ms (attempts every 25 ms), the peer heard at 0.
 */
class VerificationTest {
  private static final long MS = 1_000_000L;
  private static final long FAR = Long.MAX_VALUE / 2;

  private final Verification v = new Verification(200 * MS, 100 * MS, 0);

  /** Ticks every millisecond over [from, to) and returns the times an attempt was due. */
  private List<Long> tickFromTo(long fromMs, long toMs, boolean eligible) {
    List<Long> due = new ArrayList<>();
    for (long t = fromMs; t < toMs; t++) {
      if (v.attemptDue(t * MS, eligible)) {
        due.add(t);
      }
    }
    return due;
  }

  /** Proves the path: the check at the first eligible tick is answered by a handshake. */
  private void provePath() {
    assertTrue(v.attemptDue(0, true), "the path is checked as soon as the peer is heard");
    v.answered(true, MS);
    assertTrue(v.pathProven());
    v.heard(50 * MS);
  }

  @Test
  void aHeardPeerIsProbedAfterVerifyAfterOfSilenceFourTimesWithinTheTimeOut() {
    provePath();
    assertEquals(List.of(250L, 275L, 300L, 325L), tickFromTo(51, 350, true));
  }

  @Test
  void noAnswerFromAProvenPathMeansTheHostIsGone() {
    provePath();
    tickFromTo(51, 350, true);
    assertEquals(Verdict.NONE, v.verdict(), "undecided until the time-out");
    assertFalse(v.attemptDue(350 * MS, true));
    assertEquals(Verdict.HOST_GONE, v.verdict());
    assertFalse(v.pathProven(), "an unanswered probe disproves the path");
  }

  @Test
  void aHandshakeMeansTheHostIsAliveUntilTheNextVerificationSaysOtherwise() {
    provePath();
    tickFromTo(51, 260, true);
    v.answered(true, 260 * MS);
    assertEquals(Verdict.HOST_ALIVE, v.verdict());
    assertEquals(List.of(460L, 485L, 510L, 535L), tickFromTo(261, 560, true), "asked again verifyAfter later");
    assertEquals(Verdict.HOST_ALIVE, v.verdict(), "still alive while the next question is open");
    v.attemptDue(560 * MS, true);
    assertEquals(Verdict.HOST_GONE, v.verdict(), "the host died during the stall");
  }

  @Test
  void oneAnsweredAttemptOfFourIsEnoughSoALostPacketIsNoDeadHost() {
    provePath();
    tickFromTo(51, 330, true);
    v.answered(true, 330 * MS);
    tickFromTo(330, 460, true);
    assertEquals(Verdict.HOST_ALIVE, v.verdict());
  }

  @Test
  void noAnswerOnAPathNeverProvenIsNoInformation() {
    assertTrue(v.attemptDue(0, true));
    v.attemptDue(100 * MS, true);
    assertFalse(v.pathProven(), "a firewall that drops the probe");
    v.heard(150 * MS);
    tickFromTo(151, 500, true);
    assertEquals(Verdict.NONE, v.verdict(), "the detector's deadline decides");
  }

  @Test
  void aRefusalIsNoVerdictAndTheNextQuestionWaitsVerifyAfter() {
    provePath();
    tickFromTo(51, 251, true);
    v.answered(false, 252 * MS);
    assertEquals(Verdict.NONE, v.verdict());
    assertEquals(List.of(452L, 477L, 502L, 527L), tickFromTo(253, 540, true));
  }

  @Test
  void aProbeTheTransportCannotMakeIsNoVerdict() {
    provePath();
    assertEquals(List.of(250L), tickFromTo(51, 251, true));
    v.unavailable(250 * MS);
    assertEquals(Verdict.NONE, v.verdict());
    assertEquals(List.of(450L), tickFromTo(251, 451, true));
  }

  @Test
  void aHeartbeatEndsTheQuestionAndItsVerdict() {
    provePath();
    tickFromTo(51, 260, true);
    v.answered(true, 260 * MS);
    v.heard(300 * MS);
    assertEquals(Verdict.NONE, v.verdict());
    assertEquals(List.of(500L), tickFromTo(301, 501, true));
    v.heard(510 * MS);
    assertEquals(List.of(), tickFromTo(511, 700, true), "the open question was dropped with the heartbeat");
    assertEquals(Verdict.NONE, v.verdict());
  }

  @Test
  void ownPauseDropsTheOpenQuestionAndItsClock() {
    provePath();
    tickFromTo(51, 300, true);
    v.restart(900 * MS);
    assertFalse(v.attemptDue(901 * MS, true));
    assertEquals(Verdict.NONE, v.verdict(), "no time-out measured across our own pause");
    assertEquals(List.of(1100L), tickFromTo(901, 1101, true));
  }

  @Test
  void aConvictedOrNeverHeardPeerIsNotProbed() {
    assertEquals(List.of(), tickFromTo(0, 5_000, false));
    assertEquals(FAR, v.nextTick(FAR, false));
  }

  @Test
  void anUnprovenPathIsCheckedAgainWithABackOffAndAProvenOneEveryTenSeconds() {
    List<Long> checks = new ArrayList<>();
    for (long t = 0; t < 19_000; t += 10) {
      v.heard(t * MS); // heartbeats flow: only path checks are due
      boolean firstOfACheck = checks.isEmpty() || t - checks.get(checks.size() - 1) >= 100;
      if (v.attemptDue(t * MS, true) && firstOfACheck) {
        checks.add(t);
      }
      if (t == 8_000) {
        v.answered(true, t * MS); // the port answers from now on
      }
    }
    assertEquals(List.of(0L, 1_100L, 3_200L, 7_300L, 18_000L), checks,
        "unanswered: again 1 s, 2 s, 4 s later; answered: 10 s later");
  }

  @Test
  void aLateHandshakeProvesThePathButDecidesNothing() {
    assertTrue(v.attemptDue(0, true));
    v.attemptDue(100 * MS, true);
    assertFalse(v.pathProven());
    v.answered(true, 120 * MS);
    assertTrue(v.pathProven());
    assertEquals(Verdict.NONE, v.verdict());
  }

  @Test
  void aPathCheckUnderWayWhenSilenceMakesTheQuestionDueAnswersIt() {
    provePath(); // answered at 1 ms: the next check at 10.001 s
    v.heard(9_900 * MS);
    assertEquals(List.of(10_001L, 10_026L, 10_051L, 10_076L), tickFromTo(9_901, 10_101, true),
        "no second probe when the question falls due at 10.1 s");
    v.attemptDue(10_101 * MS, true);
    assertEquals(Verdict.HOST_GONE, v.verdict(), "the unanswered path check became the verification");
  }

  @Test
  void nextTickIsTheNextAttemptOrTimeOutWhileProbingAndTheQuestionTimeOtherwise() {
    provePath();
    assertEquals(250 * MS, v.nextTick(FAR, true));
    assertEquals(100 * MS, v.nextTick(100 * MS, true), "never later than the caller's own next tick");
    v.attemptDue(250 * MS, true);
    assertEquals(275 * MS, v.nextTick(FAR, true));
    tickFromTo(251, 326, true);
    assertEquals(350 * MS, v.nextTick(FAR, true), "all four sent: the time-out");
  }
}

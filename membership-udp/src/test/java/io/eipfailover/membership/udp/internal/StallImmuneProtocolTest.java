package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The protocol with the stall-immune profile (verify after 200 ms, 100 ms to answer, stall limit
 * 5 s, deadline 1 s), and at the end with the default profile (verify after 500 ms, stall limit
 * equal to the 1 s deadline) and the fast one (10 ms heartbeats, verify after 20 ms, 6 ms to answer),
 * over virtual time: peer B beats every 100 ms (10 ms for the fast profile) until it falls silent,
 * and its kernel answers (or not) each verification probe 1 ms later as the case says. Times are
 * checked against the profile's arithmetic, from B's last heartbeat.
 */
class StallImmuneProtocolTest {
  private static final long MS = 1_000_000L;
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final SocketAddress FROM_B = new InetSocketAddress("127.0.0.1", 5405);

  /** What B's kernel does with a probe sent at a given time (ms), the n-th probe overall. */
  private interface Kernel {
    Answer answer(long atMs, int n);
  }

  private enum Answer { HANDSHAKE, REFUSED, NOTHING }

  private final RecordingOutput out = new RecordingOutput();
  private final CounterSet counters = new CounterSet();
  private final HeartbeatCodec codecB = new HeartbeatCodec("test", B, List.of(A), TestKeys.k1());
  private UdpProtocol p;
  private long firstDeadAt = -1;
  private long beatMs;

  private record Event(long at, int kind, boolean handshake) implements Comparable<Event> {
    static final int ANSWER = 0;
    static final int BEAT = 1;
    static final int TICK = 2;

    @Override
    public int compareTo(Event o) {
      return at != o.at ? Long.compare(at, o.at) : Integer.compare(kind, o.kind);
    }
  }

  /**
   * Runs until {@code untilMs}: B beats every 100 ms except within the {@code silences} (pairs of
   * from, until in ms), A ticks when it asks, B's kernel answers probes as {@code kernel} says.
   * Records when B was first seen DEAD.
   */
  private void run(long untilMs, Kernel kernel, long... silences) {
    run(DetectorSettings.stallImmune(), untilMs, kernel, silences);
  }

  /** As above; B beats every {@code detector}'s keepalive. */
  private void run(DetectorSettings detector, long untilMs, Kernel kernel, long... silences) {
    beatMs = detector.keepalive().toMillis();
    p = new UdpProtocol(new ProtocolConfig(A, "test", 42, List.of(B), TestKeys.k1(), detector, 1_000),
        AnnouncedStatus.ALIVE, out, counters, 0);
    PriorityQueue<Event> events = new PriorityQueue<>();
    for (long t = 0; t < untilMs; t += beatMs) {
      boolean silent = false;
      for (int i = 0; i < silences.length; i += 2) {
        silent |= t >= silences[i] && t < silences[i + 1];
      }
      if (!silent) {
        events.add(new Event(t * MS, Event.BEAT, false));
      }
    }
    events.add(new Event(0, Event.TICK, false));
    long seq = 0;
    int probesSeen = 0;
    while (!events.isEmpty() && events.peek().at() < untilMs * MS) {
      Event e = events.poll();
      switch (e.kind()) {
        case Event.BEAT -> p.onDatagram(codecB.encode(7, ++seq, AnnouncedStatus.ALIVE, 42), FROM_B, e.at());
        case Event.ANSWER -> p.onProbeAnswer(B, e.handshake(), e.at());
        default -> events.add(new Event(e.at() + p.onTick(e.at()), Event.TICK, false));
      }
      for (; probesSeen < out.probes.size(); probesSeen++) {
        Answer a = kernel.answer(e.at() / MS, probesSeen);
        if (a != Answer.NOTHING) {
          events.add(new Event(e.at() + MS, Event.ANSWER, a == Answer.HANDSHAKE));
        }
      }
      if (firstDeadAt < 0 && p.view().stateOf(B) == MemberState.DEAD) {
        firstDeadAt = p.view().peer(B).since();
      }
    }
  }

  /** Milliseconds from B's last heartbeat before {@code silentFromMs} to its conviction. */
  private long convictedAfterMs(long silentFromMs) {
    assertTrue(firstDeadAt >= 0, "B was never convicted: " + p.view());
    return (firstDeadAt - (silentFromMs - beatMs) * MS) / MS;
  }

  @Test
  void aHostThatStopsAnsweringIsConvictedAboutThreeHundredMillisecondsAfterItsLastHeartbeat() {
    run(3_000, (t, n) -> t < 1_000 ? Answer.HANDSHAKE : Answer.NOTHING, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 300 && after <= 310, "verify after 200 ms, 100 ms without an answer: " + after + " ms");
    assertEquals(1, counters.hostGoneConvictions.get());
    assertEquals(MemberState.DEAD, p.view().stateOf(B));
  }

  @Test
  void aPausedProcessWhoseHostAnswersIsHeldUntilTheStallLimit() {
    run(8_000, (t, n) -> Answer.HANDSHAKE, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 5_000 && after <= 5_010, "convicted at the 5 s stall limit, after " + after + " ms");
    assertEquals(1, counters.stallHolds.get(), "the deadline's conviction was held once");
    assertEquals(1, counters.stallLimitConvictions.get());
    assertEquals(0, counters.hostGoneConvictions.get());
    assertTrue(counters.probeHandshakes.get() >= 20, "asked every 200 ms: " + counters.probeHandshakes.get());
  }

  @Test
  void halfSecondAndTwoSecondStallsConvictNobody() {
    run(8_000, (t, n) -> Answer.HANDSHAKE, 1_000, 1_500, 4_000, 6_000);
    assertEquals(-1, firstDeadAt, "a 0.5 s and a 2 s stall");
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    assertEquals(1, counters.stallHolds.get(), "only the 2 s stall outlasted the 1 s deadline");
  }

  @Test
  void losingThreeProbesOfEveryFourIsNoDeadHost() {
    run(4_000, (t, n) -> n % 4 == 3 || t < 1_000 ? Answer.HANDSHAKE : Answer.NOTHING, 1_000, 3_000);
    assertEquals(-1, firstDeadAt, "each verification's fourth attempt got through");
    assertTrue(counters.probesSent.get() >= 4 * 6, "four attempts per verification: " + counters.probesSent.get());
  }

  @Test
  void aFirewallThatDropsEveryProbeLeavesTheDecisionToTheDeadline() {
    run(3_000, (t, n) -> Answer.NOTHING, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 1_000 && after <= 1_010, "never sooner than the 1 s deadline: " + after + " ms");
    assertEquals(0, counters.hostGoneConvictions.get());
  }

  @Test
  void aHostThatDiesDuringAStallIsConvictedAtTheNextUnansweredVerification() {
    run(5_000, (t, n) -> t < 2_400 ? Answer.HANDSHAKE : Answer.NOTHING, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 1_500 && after <= 1_810, "alive until 2.4 s, then one verification: " + after + " ms");
    assertEquals(1, counters.stallHolds.get());
    assertEquals(1, counters.hostGoneConvictions.get());
  }

  @Test
  void aRefusingPortIsNoVerdictSoTheDeadlineDecides() {
    run(3_000, (t, n) -> t < 1_000 ? Answer.HANDSHAKE : Answer.REFUSED, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 1_000 && after <= 1_010, "the process died, ICMP filtered: the deadline, " + after + " ms");
    assertTrue(counters.probeRefusals.get() >= 1);
  }

  @Test
  void aTransportThatCannotProbeLeavesTheDecisionToTheDeadline() {
    out.canProbe = false;
    run(3_000, (t, n) -> Answer.HANDSHAKE, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 1_000 && after <= 1_010, "deadline: " + after + " ms");
    assertEquals(0, counters.probesSent.get());
  }

  @Test
  void aPeerBackFromAStallIsAliveAgainAndItsNextSilenceStartsAfresh() {
    run(6_000, (t, n) -> t < 4_000 ? Answer.HANDSHAKE : Answer.NOTHING, 1_000, 3_000);
    assertEquals(-1, firstDeadAt, "the stall ended by heartbeats; later heartbeats need no probe");
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
    assertEquals(1, counters.stallHolds.get());
  }

  @Test
  void theDefaultProfileConvictsAGoneHostAboutSixHundredMillisecondsAfterItsLastHeartbeat() {
    run(DetectorSettings.defaults(), 3_000, (t, n) -> t < 1_000 ? Answer.HANDSHAKE : Answer.NOTHING, 1_000,
        Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 600 && after <= 610, "verify after 500 ms, 100 ms without an answer: " + after + " ms");
    assertEquals(1, counters.hostGoneConvictions.get());
  }

  @Test
  void theDefaultProfileConvictsAPausedProcessAtTheDeadlineAsWithoutTheProbe() {
    run(DetectorSettings.defaults(), 3_000, (t, n) -> Answer.HANDSHAKE, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 1_000 && after <= 1_010, "the stall limit is the 1 s deadline: " + after + " ms");
    assertEquals(0, counters.hostGoneConvictions.get());
    assertTrue(counters.probeHandshakes.get() >= 1, "it was asked: " + counters.probeHandshakes.get());
  }

  @Test
  void theDefaultProfileSurvivesAHalfSecondStall() {
    run(DetectorSettings.defaults(), 4_000, (t, n) -> Answer.HANDSHAKE, 1_000, 1_500);
    assertEquals(-1, firstDeadAt, "a 0.5 s stall: 600 ms of silence");
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
  }

  @Test
  void theFastProfileConvictsAGoneHostAboutTwentySixMillisecondsAfterItsLastHeartbeat() {
    run(DetectorSettings.stallImmuneFast(), 3_000, (t, n) -> t < 1_000 ? Answer.HANDSHAKE : Answer.NOTHING, 1_000,
        Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 26 && after <= 28, "verify after 20 ms, 6 ms without an answer: " + after + " ms");
    assertEquals(1, counters.hostGoneConvictions.get());
  }

  @Test
  void theFastProfileSurvivesATwoSecondStallWhoseHostAnswers() {
    run(DetectorSettings.stallImmuneFast(), 5_000, (t, n) -> Answer.HANDSHAKE, 1_000, 3_000);
    assertEquals(-1, firstDeadAt, "a 2 s stall, every probe answered");
    assertEquals(MemberState.ALIVE, p.view().stateOf(B));
  }

  @Test
  void theFastProfileHoldsAPausedProcessWhoseHostAnswersUntilTheStallLimit() {
    run(DetectorSettings.stallImmuneFast(), 8_000, (t, n) -> Answer.HANDSHAKE, 1_000, Long.MAX_VALUE);
    long after = convictedAfterMs(1_000);
    assertTrue(after >= 5_000 && after <= 5_010, "convicted at the 5 s stall limit, after " + after + " ms");
  }
}

package io.eipfailover.core.internal.reconciler;

import static io.eipfailover.core.internal.reconciler.StepDriver.A;
import static io.eipfailover.core.internal.reconciler.StepDriver.B;
import static io.eipfailover.core.internal.reconciler.StepDriver.C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.event.LocalStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the step asks to run again ({@code workAt}, {@code wakeAt}), and the exact edges of its time
 * rules: back-off schedules, freshness, the in-flight time-out, the watchdog.
 */
class DeadlinesStepTest {
  private static final long MS = 1_000_000L;

  @Test
  void withALongDeadlineTheStepStillReplansEverySecond() {
    StepDriver d = StepDriver.pair(c -> c.detectionDeadline(Duration.ofSeconds(10))).steady();
    d.wake();
    assertEquals(d.state.lastPlanAt() + 1_000 * MS, d.state.workAt());
    assertEquals(d.state.workAt(), d.state.wakeAt(), "the plan comes before the 5 s watchdog");
  }

  @Test
  void aShortResyncIsTheNextDeadline() {
    StepDriver d = StepDriver.pair(c -> c.resyncInterval(Duration.ofMillis(600)));
    d.at(0).start();
    d.describedAtHome();
    d.at(100).peer(B, MemberState.ALIVE);
    d.describedAtHome();
    assertEquals(700 * MS, d.state.workAt(), "before the idle plan (1.1 s) and the grace's end (2 s)");
  }

  @Test
  void theEndOfAShortHoldIsADeadline() {
    StepDriver d = StepDriver.pair(c -> c.holdTime(Duration.ofMillis(300))).steady();
    d.idle(6_000);
    d.feed(Input.ReconcileNow::new);
    d.described(Map.of(d.eip(A), d.reserved(B)));
    assertEquals(d.nanos() + 300 * MS, d.state.workAt());
  }

  @Test
  void theInFlightTimeoutIsADeadlineWhileADescribeIsOut() {
    StepDriver d = StepDriver.pair(c -> c.confirmDelay(Duration.ofMillis(100)).inFlightTimeout(Duration.ofMillis(400)))
        .takeoverSent();
    d.associated(d.eip(B), d.reserved(A));
    long answered = d.nanos();
    assertEquals(answered + 100 * MS, d.state.workAt(), "confirm first");
    d.at(answered / MS + 100).wake();
    assertEquals(answered + 400 * MS, d.state.workAt(), "describe out: the in-flight time-out is next");
  }

  @Test
  void theWatchdogStaysPutWhileItIsAhead() {
    StepDriver d = StepDriver.pair().steady();
    long wake = d.state.wakeAt();
    d.at(d.nanos() / MS + 10).feed(at -> new Input.HealthReported(at, HealthResult.healthy("fine")));
    assertEquals(wake, d.state.wakeAt());
    assertEquals(wake, d.last.wakeAt());
  }

  @Test
  void backOffsDoubleForDenialsAssociatesAndDescribes() {
    StepDriver d = StepDriver.pair().takeoverSent();
    d.associateFailed(d.eip(B), d.reserved(A), Kind.RETRYABLE);
    assertEquals(d.nanos() + 250 * MS, d.state.eip(d.eip(B)).retryAt());
    d.idle(3_250);
    d.describedAtHome();
    d.guard(d.eip(B), true, "quorum");
    d.associateFailed(d.eip(B), d.reserved(A), Kind.RETRYABLE);
    assertEquals(d.nanos() + 500 * MS, d.state.eip(d.eip(B)).retryAt(), "second failure: twice as long");

    StepDriver g = StepDriver.pair().steady();
    g.peer(B, MemberState.DEAD);
    g.describedAtHome();
    g.guard(g.eip(B), false, "no");
    assertEquals(g.nanos() + 250 * MS, g.state.eip(g.eip(B)).retryAt());
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), g.idle(3_250));
    g.guard(g.eip(B), false, "no");
    assertEquals(g.nanos() + 500 * MS, g.state.eip(g.eip(B)).retryAt(), "second denial: twice as long");

    StepDriver e = StepDriver.pair().steady();
    e.feed(Input.ReconcileNow::new);
    e.feed(at -> new Input.DescribeFailed(at, Kind.RETRYABLE, "one"));
    e.idle(3_250);
    e.feed(at -> new Input.DescribeFailed(at, Kind.RETRYABLE, "two"));
    assertEquals(e.nanos() + 500 * MS, e.state.describe().retryAt());
  }

  @Test
  void factsExactlyConfirmDelayOldAreDescribedAgain() {
    StepDriver d = StepDriver.pair().steady();
    d.feed(Input.ReconcileNow::new);
    d.describedAtHome();
    long answered = d.nanos();
    d.membership.set(B, MemberState.DEAD);
    assertEquals(List.of("Emit ViewChanged", "Emit PeerDead n2", "Describe"),
        d.at(answered / MS + 499).feed(at -> new Input.ViewChanged(at, d.membership.view())),
        "a relevant change describes whatever the age");
    StepDriver s = StepDriver.pair(c -> c.dryRun(true)).steady();
    s.peer(B, MemberState.DEAD);
    s.describedAtHome();
    s.guard(s.eip(B), true, "ok");
    long seen = s.nanos();
    assertEquals(List.of(), s.at(seen / MS + 499).feed(Input.WakeUp::new));
    assertEquals(List.of("Describe"), s.at(seen / MS + 1_000).feed(Input.WakeUp::new),
        "the idle plan finds the facts old and describes before asking again");
  }

  @Test
  void aWakeUpExactlyAtTheDeadlineRunsThePass() {
    StepDriver d = StepDriver.pair().steady();
    d.peer(B, MemberState.DEAD);
    d.describedAtHome();
    d.guard(d.eip(B), false, "no");
    long retry = d.state.eip(d.eip(B)).retryAt();
    assertEquals(retry, d.state.workAt());
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"),
        d.feed(at -> new Input.WakeUp(new Stamp(retry, at.wallClock(), 0))));
  }

  @Test
  void theGuardsAnswerIsAppliedToTheEipItIsAbout() {
    StepDriver d = StepDriver.trio(c -> c);
    d.membership.setAll(Map.of(B, MemberState.DEAD, C, MemberState.DEAD));
    d.feed(at -> new Input.ViewChanged(at, d.membership.view()));
    List<String> asked = d.describedAtHome();
    assertEquals(2, asked.size(), asked.toString());
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0300", "Associate eipalloc-0300 -> 10.0.1.12"),
        d.guard(d.eip(C), true, "ok"));
  }

  @Test
  void anAllowanceForAnotherHolderIsDropped() {
    StepDriver d = StepDriver.pair().steady();
    d.peer(B, MemberState.DEAD);
    d.describedAtHome();
    assertEquals(List.of("Describe"), d.at(3_010).feed(Input.ReconcileNow::new));
    d.described(Collections.singletonMap(d.eip(B), null)); // it left n2 while the guard thought
    assertEquals(List.of(), d.guard(d.eip(B), true, "ok"), "asked about taking it from n2, not from nobody");
    assertTrue(d.logs().get(0).contains("no longer wanted"), d.logs().toString());
  }

  @Test
  void statusChangesCarryTheirReasons() {
    StepDriver d = StepDriver.pair().steady();
    d.feed(at -> new Input.StandbyRequested(at, true));
    assertEquals("standby requested", ((LocalStatusChanged) d.events().get(0)).reason());
    d.describedAtHome();
    d.feed(at -> new Input.StandbyRequested(at, false));
    assertEquals("resumed", ((LocalStatusChanged) d.events().get(0)).reason());
    d.describedAtHome();
    d.feed(at -> new Input.HealthReported(at, HealthResult.unhealthy("HTTP 503")));
    assertEquals("WARN local service is now UNHEALTHY: HTTP 503", d.logs().get(0));
    assertEquals("HTTP 503", ((LocalStatusChanged) d.events().get(0)).reason());
    d.describedAtHome();
    d.feed(at -> new Input.HealthReported(at, HealthResult.healthy("HTTP 200")));
    assertEquals("WARN local service is now healthy: HTTP 200", d.logs().get(0));
  }

  @Test
  void aMoveAnsweredLateIsConfirmedConfirmDelayAfterItsAnswer() {
    StepDriver d = StepDriver.pair().takeoverSent();
    assertEquals(List.of("Emit TakeoverCompleted eipalloc-0200"), d.at(3_400).associated(d.eip(B), d.reserved(A)),
        "answered 400 ms after the describe");
    assertEquals(List.of(), d.at(3_600).wake(), "facts 600 ms old, but the answer only 200 ms");
    assertEquals(List.of("Describe"), d.at(3_900).wake());
  }

  @Test
  void aWakeUpExactlyOneSecondAfterThePlanPlansAgain() {
    StepDriver d = StepDriver.pair(c -> c.detectionDeadline(Duration.ofSeconds(4))).steady();
    long planned = d.state.lastPlanAt();
    d.feed(at -> new Input.WakeUp(new Stamp(planned + 999 * MS, at.wallClock(), 0)));
    assertEquals(planned, d.state.lastPlanAt());
    d.feed(at -> new Input.WakeUp(new Stamp(planned + 1_000 * MS, at.wallClock(), 0)));
    assertEquals(planned + 1_000 * MS, d.state.lastPlanAt());
  }

  @Test
  void anAllowanceThatFindsTheBudgetSpentIsDeferred() {
    StepDriver d = StepDriver.trio(c -> c);
    d.membership.setAll(Map.of(B, MemberState.DEAD, C, MemberState.DEAD));
    d.feed(at -> new Input.ViewChanged(at, d.membership.view()));
    assertEquals(2, d.describedAtHome().size(), "both asked");
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0200", "Associate eipalloc-0200 -> 10.0.1.11"),
        d.guard(d.eip(B), true, "ok"));
    d.associateFailed(d.eip(B), d.reserved(A), Kind.THROTTLED);
    assertEquals(List.of(), d.guard(d.eip(C), true, "ok"), "the throttled call emptied the associate budget");
    assertEquals(1, d.state.counters().budgetDeferrals());
    assertEquals(d.state.budgets().associate().whenHas(d.nanos(), 1), d.state.deferredUntil());
  }

  @Test
  void aStampRejectsJitterOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class, () -> new Stamp(0, Instant.EPOCH, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new Stamp(0, Instant.EPOCH, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new Stamp(0, Instant.EPOCH, Double.NaN));
    assertEquals(0.0, new Stamp(0, Instant.EPOCH, 0.0).jitter());
  }
}

package io.eipfailover.core.internal.reconciler;

import static io.eipfailover.core.internal.reconciler.StepDriver.A;
import static io.eipfailover.core.internal.reconciler.StepDriver.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The safety nets of the step as tables: flap damping, eventual consistency, describe failures and
 * the "EC2 reachable again" hold, the budget, the start-up grace, dry runs, results nobody asked
 * for, and a strategy that misbehaves.
 */
class SafetyNetStepTest {
  @Test
  void anEipPulledAwayByALivePeerIsNotPulledBackWithinTheHoldTime() {
    StepDriver d = StepDriver.pair(c -> c.holdTime(Duration.ofSeconds(10))).steady();
    ElasticIp eipA = d.eip(A);
    AttachmentPoint spareB = d.reserved(B);
    assertEquals(List.of(), d.idle(6_000), "alive for more than the fail-back delay");
    assertEquals(List.of("Describe"), d.feed(Input.ReconcileNow::new));
    assertEquals(List.of(), d.described(Map.of(eipA, spareB)), "n2 pulled n1's EIP while n1 was alive: damped");
    assertTrue(d.state.eip(eipA).damping().isPresent());
    assertEquals(List.of(), d.idle(15_900), "still within the hold time");
    assertEquals(List.of("Describe"), d.idle(16_100), "hold over: fresh facts first");
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0100", "Associate eipalloc-0100 -> 10.0.1.10"),
        d.described(Map.of(eipA, spareB)));
  }

  @Test
  void aViewChangeAboutThePullerLiftsTheDamping() {
    StepDriver d = StepDriver.pair(c -> c.holdTime(Duration.ofSeconds(60))).steady();
    ElasticIp eipA = d.eip(A);
    d.idle(6_000);
    d.feed(Input.ReconcileNow::new);
    d.described(Map.of(eipA, d.reserved(B)));
    assertEquals(List.of("Describe"), d.at(6_050).feed(Input.ReconcileNow::new));
    assertEquals(List.of(), d.described(Map.of(eipA, d.reserved(B))), "still damped");
    assertEquals(List.of("Emit ViewChanged", "Emit PeerSuspected n2", "AskGuard eipalloc-0100 from n2"),
        d.at(6_100).peer(B, MemberState.SUSPECT), "n2 in a new state episode: no longer damped");
  }

  @Test
  void anEipThatLeftWhileThisNodeWasInStandbyIsNotDamped() {
    StepDriver d = StepDriver.pair(c -> c.holdTime(Duration.ofSeconds(60))).steady();
    ElasticIp eipA = d.eip(A);
    d.feed(at -> new Input.StandbyRequested(at, true));
    d.describedAtHome();
    d.at(3_100).feed(at -> new Input.StandbyRequested(at, false));
    assertEquals(List.of(), d.described(Map.of(eipA, d.reserved(B))), "n2 took it during the standby");
    assertFalse(d.state.eip(eipA).damping().isPresent(), "our own absence explains the move");
  }

  @Test
  void aMoveNotYetVisibleIsNotSentTwiceUntilTheInFlightTimeout() {
    StepDriver d = StepDriver.pair().takeoverSent();
    d.associated(d.eip(B), d.reserved(A));
    List<String> seen = new ArrayList<>();
    while (d.state.wakeAt() < 12_900_000_000L) { // describes every 500 ms still show n2 holding it
      List<String> woke = d.idle(d.state.wakeAt() / 1_000_000);
      seen.addAll(woke);
      if (woke.contains("Describe")) {
        seen.addAll(d.describedAtHome());
      }
    }
    assertTrue(seen.stream().allMatch("Describe"::equals), "only confirming describes: " + seen);
    assertTrue(seen.size() >= 15, "a describe per confirmDelay: " + seen.size());
    List<String> after = new ArrayList<>(d.idle(13_400));
    after.addAll(d.describedAtHome());
    assertEquals(List.of("Describe", "Log WARN", "AskGuard eipalloc-0200 from n2"), after,
        "10 s after the answer the move is given up and tried again");
  }

  @Test
  void aFailedDescribeBacksOffAndTheFirstSuccessHoldsTakeoversForADeadline() {
    StepDriver d = StepDriver.pair().steady();
    assertEquals(List.of("Emit ViewChanged", "Emit PeerDead n2", "Describe"), d.peer(B, MemberState.DEAD));
    assertEquals(List.of("Log WARN"), d.feed(at -> new Input.DescribeFailed(at, Kind.RETRYABLE, "connect timed out")));
    assertEquals(d.nanos() + 250_000_000L, d.state.workAt());
    assertEquals(List.of(), d.feed(Input.ReconcileNow::new), "no describe within its back-off");
    assertEquals(List.of("Describe"), d.idle(3_300));
    assertEquals(List.of(), d.describedAtHome(), "n2 was declared dead while EC2 was out of reach: hold");
    assertTrue(d.logs().stream().anyMatch(l -> l.startsWith("INFO EC2 answers again after 1 failed describe")));
    assertEquals("EC2 out of reach", d.state.suppression().hold().orElseThrow().reason());
    assertEquals(List.of("Describe"), d.idle(4_400), "hold over after one deadline: fresh facts");
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(1, d.state.counters().describeFailures());
  }

  @Test
  void aThrottledDescribeSlowsTheNodeAndRetriesAfterTheFirstBackOffStep() {
    StepDriver d = StepDriver.pair(c -> c.apiCallsPerSecond(2.0)).steady();
    d.peer(B, MemberState.DEAD);
    assertEquals(List.of("Log WARN"), d.feed(at -> new Input.DescribeFailed(at, Kind.THROTTLED, "RequestLimitExceeded")));
    assertEquals(1.0, d.state.budgets().describe().rate(), 1e-9);
    assertEquals(d.nanos() + 250_000_000L, d.state.describe().retryAt());
    assertEquals(List.of("Describe"), d.idle(4_100), "one token at 1/s (climbing): after about a second");
    d.feed(at -> new Input.DescribeFailed(at, Kind.THROTTLED, "RequestLimitExceeded"));
    assertEquals(d.nanos() + 250_000_000L, d.state.describe().retryAt(), "not doubled: the budget slows instead");
    assertTrue(d.state.budgets().describe().rate() < 0.6, "halved again: " + d.state.budgets().describe().rate());
  }

  @Test
  void aDescribeMadeToActWaitsForTheTokenOfTheAct() {
    StepDriver d = StepDriver.pair(c -> c.apiBurst(4).apiCallsPerSecond(0.5)).takeoverSent();
    d.associateFailed(d.eip(B), d.reserved(A), Kind.THROTTLED);
    assertEquals(List.of(), d.idle(3_300), "the retry is due, but no associate token is there");
    assertEquals(1, d.state.counters().budgetDeferrals());
    long ready = d.state.budgets().associate().whenHas(d.nanos(), 1);
    assertEquals(ready, d.state.deferredUntil(), "woken when the act's token is there");
    assertTrue(d.state.budgets().describe().has(d.nanos(), 1), "the describe budget alone would have allowed it");
    assertEquals(List.of("Describe"), d.idle(ready / 1_000_000 + 1));
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0200", "Associate eipalloc-0200 -> 10.0.1.11"),
        d.guard(d.eip(B), true, "quorum"));
  }

  @Test
  void theStartupGraceEndsOnlyOnceItsTimePassedAndTheMembershipSpoke() {
    StepDriver d = StepDriver.pair();
    assertEquals(List.of("Describe"), d.at(0).start());
    assertEquals(List.of(), d.describedAtHome(), "n2 never heard: in grace");
    assertEquals(List.of(), d.idle(2_500), "grace over but the membership has said nothing");
    assertTrue(d.state.suppression().isActive());
    d.membership.merge();
    List<String> onView = d.feed(at -> new Input.ViewChanged(at, d.membership.view()));
    assertEquals(List.of("Emit ViewChanged", "Describe"), onView, "a merge view: re-assert on fresh facts");
    assertFalse(d.state.suppression().isActive());
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
  }

  @Test
  void aDryRunReportsEachTargetOnceAndSendsNothing() {
    StepDriver d = StepDriver.pair(c -> c.dryRun(true)).steady();
    d.peer(B, MemberState.DEAD);
    d.describedAtHome();
    assertEquals(List.of("Emit DryRunTakeover eipalloc-0200"), d.guard(d.eip(B), true, "quorum"));
    assertEquals(List.of(), d.idle(3_900), "nothing outstanding, nothing due before the next plan");
    assertEquals(List.of("Describe"), d.idle(4_100), "the plan a second later wants fresh facts");
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of(), d.guard(d.eip(B), true, "quorum"), "reported once");
    assertEquals(0, d.state.counters().takeovers());
  }

  @Test
  void resultsNobodyAskedForChangeNothing() {
    StepDriver d = StepDriver.pair().steady();
    ReconcilerState before = d.state;
    assertEquals(List.of(), d.guard(d.eip(B), true, "stray"));
    assertEquals(List.of(), d.associated(d.eip(B), d.reserved(A)));
    assertEquals(List.of(), d.associateFailed(d.eip(B), d.reserved(A),
        io.eipfailover.core.ElasticIpManagerException.Kind.RETRYABLE));
    assertEquals(List.of(), d.describedAtHome());
    assertEquals(List.of(), d.feed(at -> new Input.DescribeFailed(at, Kind.RETRYABLE, "stray")));
    assertEquals(before.eips(), d.state.eips());
    assertEquals(before.observation(), d.state.observation());
    assertEquals(before.counters(), d.state.counters());
    assertEquals(List.of("DEBUG ignored a describe failure nobody asked for"), d.logs());
  }

  @Test
  void aWakeUpWithNothingDueDoesNotPlan() {
    StepDriver d = StepDriver.pair().steady();
    long plannedAt = d.state.lastPlanAt();
    assertEquals(List.of(), d.at(3_100).wake());
    assertEquals(plannedAt, d.state.lastPlanAt());
    assertTrue(d.state.wakeAt() <= d.nanos() + 500_000_000L, "the watchdog stays within half a deadline");
  }

  @Test
  void aStrategyThatThrowsMovesNothingAndIsReported() {
    StepDriver d = new StepDriver(2, input -> {
      throw new IllegalStateException("boom");
    }, c -> c);
    d.at(0).start();
    assertEquals(List.of("Log ERROR"), d.describedAtHome());
    assertTrue(d.logs().get(0).contains("boom"), d.logs().toString());
  }

  @Test
  void aTargetOnAnotherNodesPointIsRefusedByThePullOnlyRule() {
    StepDriver probe = StepDriver.pair();
    ElasticIp eipB = probe.eip(B);
    AttachmentPoint peerPoint = probe.reserved(B);
    StepDriver d = new StepDriver(2, input -> new Placement(Map.of(eipB.allocationId(),
        new Placement.Target(A, peerPoint))), c -> c.startupGrace(Duration.ZERO));
    d.at(0).start();
    assertEquals(List.of("Log ERROR"), d.describedAtHome());
    assertTrue(d.logs().get(0).contains("pull-only"), d.logs().toString());
  }

  @Test
  void failBackFromALivePeerNeedsNoGuard() {
    StepDriver d = StepDriver.pair();
    ElasticIp eipA = d.eip(A);
    d.at(0).start();
    d.described(Map.of(eipA, d.reserved(B)));
    d.at(100).peer(B, MemberState.ALIVE);
    assertEquals(List.of(), d.described(Map.of(eipA, d.reserved(B))), "home alive for less than 5 s");
    assertEquals(List.of("Describe"), d.idle(5_100), "fail-back delay over: fresh facts first");
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0100", "Associate eipalloc-0100 -> 10.0.1.10"),
        d.described(Map.of(eipA, d.reserved(B))), "no guard for a hand-back from a live peer");
    assertEquals(List.of("Emit TakeoverCompleted eipalloc-0100", "Emit FailBack eipalloc-0100"),
        d.associated(eipA, d.topology.homePoint(eipA)));
  }
}

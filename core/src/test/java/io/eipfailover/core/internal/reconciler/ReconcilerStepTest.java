package io.eipfailover.core.internal.reconciler;

import static io.eipfailover.core.internal.reconciler.StepDriver.A;
import static io.eipfailover.core.internal.reconciler.StepDriver.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.event.DriftRepaired;
import io.eipfailover.core.event.GuardDenied;
import io.eipfailover.core.event.TakeoverFailed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The step function as tables: at a time, given an input, these effects. Node n1 of a pair; n2's
 * EIP is {@code eipalloc-0200} (home 10.0.2.10), n1's reserved point is 10.0.1.11.
 */
class ReconcilerStepTest {
  private final StepDriver d = StepDriver.pair();
  private final ElasticIp eipA = d.eip(A);
  private final ElasticIp eipB = d.eip(B);
  private final AttachmentPoint spareA = d.reserved(A);

  private List<String> idle(long millis) {
    return d.idle(millis);
  }

  private void steady() {
    d.steady();
  }

  @Test
  void aDeadPeersEipIsDescribedThenGuardedThenAssociatedThenConfirmed() {
    steady();
    assertEquals(List.of("Emit ViewChanged", "Emit PeerDead n2", "Describe"), d.peer(B, MemberState.DEAD));
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0200", "Associate eipalloc-0200 -> 10.0.1.11"),
        d.guard(eipB, true, "quorum"));
    assertEquals(List.of("Emit TakeoverCompleted eipalloc-0200"), d.associated(eipB, spareA));
    assertEquals(List.of("Describe"), idle(3_600), "the confirming describe after confirmDelay");
    assertEquals(List.of(), d.described(Map.of(eipB, spareA)));
    var timeline = d.state.lastTakeover().orElseThrow();
    assertEquals(3_000_000_000L, timeline.requestSent());
    assertEquals(3_000_000_000L, timeline.guardVerdict().getAsLong());
    assertTrue(timeline.confirmed().isPresent(), timeline.toString());
    assertEquals(1, d.state.counters().takeovers());
  }

  @Test
  void aDenialIsReportedOnceAndAskedAgainAfterBackOff() {
    steady();
    d.peer(B, MemberState.DEAD);
    d.describedAtHome();
    assertEquals(List.of("Log WARN", "Emit GuardDenied eipalloc-0200"), d.guard(eipB, false, "gateway unreachable"));
    assertEquals(List.of(), d.at(3_100).wake(), "backing off (250 ms)");
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), idle(3_300));
    assertEquals(List.of(), d.guard(eipB, false, "gateway unreachable"), "the same denial is not reported again");
    assertEquals(List.of("Describe"), idle(3_900), "after 500 ms more the facts are described again before asking");
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Log WARN", "Emit GuardDenied eipalloc-0200"), d.guard(eipB, false, "quorum lost"),
        "a new reason is reported");
    assertEquals(3, d.state.counters().guardDenials());
    GuardDenied denied = (GuardDenied) d.events().get(0);
    assertEquals("quorum lost", denied.reason());
  }

  @Test
  void anAllowanceForAnOlderViewIsNotUsedButAskedAgain() {
    steady();
    d.peer(B, MemberState.DEAD);
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Emit ViewChanged"), d.at(3_010).feed(at -> new Input.ViewChanged(at,
        new io.eipfailover.core.MembershipView(d.state.view().epoch() + 1, A, d.state.view().members()))),
        "a new view while the guard thinks: nothing is asked twice");
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.guard(eipB, true, "quorum"),
        "the allowance was for the older view: ask again");
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0200", "Associate eipalloc-0200 -> 10.0.1.11"),
        d.guard(eipB, true, "quorum"));
  }

  @Test
  void anAllowanceForAMoveNoLongerWantedIsDropped() {
    steady();
    d.peer(B, MemberState.DEAD);
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Emit ViewChanged", "Emit PeerRecovered n2", "Describe"), d.at(3_020).peer(B, MemberState.ALIVE));
    assertEquals(List.of(), d.guard(eipB, true, "quorum"), "n2 is back: no takeover on an old allowance");
    assertEquals(List.of(), d.describedAtHome());
  }

  @Test
  void atMostOneDescribeIsInFlightAndNoEipIsAskedAboutTwice() {
    steady();
    assertEquals(List.of("Describe"), d.feed(Input.ReconcileNow::new));
    assertEquals(List.of(), d.at(3_010).feed(Input.ReconcileNow::new), "one describe in flight");
    assertEquals(List.of("Describe"), d.describedAtHome(), "the second reconcileNow still gets a describe sent after it");
    d.peer(B, MemberState.DEAD);
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Describe"), d.at(3_020).feed(Input.ReconcileNow::new));
    assertEquals(List.of(), d.describedAtHome(), "the question about eipalloc-0200 is still open");
  }

  private void takeoverSent() {
    d.takeoverSent();
  }

  @Test
  void aRetryableFailureBacksOffByTheSchedule() {
    takeoverSent();
    assertEquals(List.of("Log WARN", "Emit TakeoverFailed eipalloc-0200"), d.associateFailed(eipB, spareA, Kind.RETRYABLE));
    assertEquals(Duration.ofMillis(250), ((TakeoverFailed) d.events().get(0)).retryIn());
    assertEquals(d.nanos() + 250_000_000L, d.state.workAt(), "woken when the back-off ends");
    assertEquals(1, d.state.counters().takeoverFailures());
  }

  @Test
  void aThrottledCallSlowsTheNodesAssociatesAndRetriesWithoutGrowingItsBackOff() {
    StepDriver d = StepDriver.pair(c -> c.apiCallsPerSecond(2.0)).takeoverSent();
    assertEquals(List.of("Log WARN", "Emit TakeoverFailed eipalloc-0200"), d.associateFailed(eipB, spareA, Kind.THROTTLED));
    assertEquals(Duration.ofMillis(250), ((TakeoverFailed) d.events().get(0)).retryIn());
    TokenBudget associates = d.state.budgets().associate().at(d.nanos());
    assertEquals(1.0, associates.rate(), 1e-9, "the rate is halved");
    assertEquals(0.0, associates.tokens(), 1e-9, "and the bucket emptied");
    assertEquals(2.0, d.state.budgets().describe().rate(), 1e-9, "describes have their own bucket at EC2, and here");
    // One token at 1/s climbing 0.1/s per s: t + t²/20 = 1, t = 0.954 s.
    assertEquals(List.of(), d.idle(3_950), "no describe to act before the act's token is there");
    assertEquals(List.of("Describe"), d.idle(3_960));
    assertEquals(List.of("AskGuard eipalloc-0200 from n2"), d.describedAtHome());
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0200", "Associate eipalloc-0200 -> 10.0.1.11"),
        d.guard(eipB, true, "quorum"));
    d.associateFailed(eipB, spareA, Kind.THROTTLED);
    assertEquals(Duration.ofMillis(250), ((TakeoverFailed) d.events().get(0)).retryIn(), "the first step again");
    assertEquals(0.548, d.state.budgets().associate().rate(), 0.001, "halved again (from the 1.096/s it had climbed to)");
  }

  @Test
  void aPermissionFailureWaitsTheMaximumAtOnce() {
    takeoverSent();
    d.associateFailed(eipB, spareA, Kind.PERMISSION);
    assertEquals(Duration.ofSeconds(10), ((TakeoverFailed) d.events().get(0)).retryIn());
  }

  @Test
  void driftRepairedReportsWhereTheEipWasFoundNotWhereItWent() {
    AttachmentPoint outside = AttachmentPoint.reserved("eni-99", "10.9.9.9");
    steady();
    assertEquals(List.of(), idle(6_000));
    assertEquals(List.of("Describe"), d.feed(Input.ReconcileNow::new));
    assertEquals(List.of("Emit TakeoverStarted eipalloc-0100", "Associate eipalloc-0100 -> 10.0.1.10"),
        d.described(Map.of(eipA, outside)), "its own EIP, moved outside the cluster by hand: no guard needed");
    assertEquals(List.of("Emit TakeoverCompleted eipalloc-0100", "Emit DriftRepaired eipalloc-0100"),
        d.associated(eipA, d.topology.homePoint(eipA)));
    DriftRepaired drift = (DriftRepaired) d.events().get(1);
    assertEquals(ObservedAssociation.associated(eipA.allocationId(), "eipassoc-1", "eni-99", "10.9.9.9"), drift.found());
    assertEquals(d.topology.homePoint(eipA), drift.target());
  }

  @Test
  void aPauseLongerThanHalfTheDeadlineHoldsTakeoversUntilAFreshView() {
    steady();
    long wake = d.state.wakeAt();
    d.membership.set(B, MemberState.DEAD);
    List<String> late = d.feed(at -> new Input.ViewChanged(new Stamp(wake + 600_000_000L, at.wallClock(), 0),
        d.membership.view()));
    assertEquals(List.of("Log WARN", "Emit ViewChanged", "Emit PeerDead n2", "Describe"), late);
    assertTrue(d.logs().get(0).startsWith("WARN this node was paused: its loop ran 600 ms late"), d.logs().toString());
    d.at((wake + 600_000_000L) / 1_000_000);
    assertEquals(List.of(), d.describedAtHome(), "the view was made before the wake: no conviction yet");
    assertEquals(1, d.state.counters().localPauses());
    assertEquals(List.of("Emit ViewChanged", "Emit PeerRecovered n2", "Describe"),
        d.at(d.nanos() / 1_000_000 + 100).peer(B, MemberState.ALIVE));
    assertTrue(d.logs().stream().anyMatch(l -> l.contains("allowed again after local pause: fresh view")), d.logs().toString());
  }

  @Test
  void anInputLessThanHalfADeadlineLateIsNoPause() {
    steady();
    long wake = d.state.wakeAt();
    d.feed(at -> new Input.WakeUp(new Stamp(wake + 500_000_000L, at.wallClock(), 0)));
    assertEquals(0, d.state.counters().localPauses());
  }

  @Test
  void healthAndStandbyDecideTheAnnouncedStatus() {
    steady();
    assertEquals(List.of("Log WARN", "Announce UNHEALTHY", "Emit LocalStatusChanged UNHEALTHY", "Describe"),
        d.feed(at -> new Input.HealthReported(at, HealthResult.unhealthy("HTTP 503"))));
    assertEquals(List.of(), d.feed(at -> new Input.HealthReported(at, HealthResult.unhealthy("HTTP 503 again"))));
    assertEquals(List.of("Announce STANDBY", "Emit LocalStatusChanged STANDBY"),
        d.feed(at -> new Input.StandbyRequested(at, true)), "standby beats unhealthy; a describe is in flight");
    assertEquals(List.of("Log WARN"), d.feed(at -> new Input.HealthReported(at, HealthResult.healthy("HTTP 200"))),
        "healthy again, but still in standby: nothing to announce");
    assertEquals(List.of("Announce ALIVE", "Emit LocalStatusChanged ALIVE"),
        d.feed(at -> new Input.StandbyRequested(at, false)));
    assertEquals(List.of(), d.feed(at -> new Input.StandbyRequested(at, false)), "resume twice: nothing new");
  }

  @Test
  void aNodeInStandbyTakesNothing() {
    steady();
    d.feed(at -> new Input.StandbyRequested(at, true));
    d.describedAtHome();
    d.peer(B, MemberState.DEAD);
    assertEquals(List.of(), d.describedAtHome());
  }
}

package io.eipfailover.core.internal.reconciler;

import static io.eipfailover.core.internal.reconciler.StepDriver.A;
import static io.eipfailover.core.internal.reconciler.StepDriver.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.Hearing;
import io.eipfailover.core.MemberState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's reconciler rules as tables (docs/reconciler-damping.md): a pull-back by a peer this
 * node believes dead is proof that it lives, so the EIP is not taken again while that stays so
 * (a one-way partition moves an EIP away and back at most); and nothing is pulled from a holder
 * that is reachable but unauthenticated. Hold time 5 s, resync 4 s.
 */
class PartitionDampingStepTest {
  private static StepDriver pair() {
    return StepDriver.pair(c -> c.holdTime(Duration.ofSeconds(5)).resyncInterval(Duration.ofSeconds(4)));
  }

  /** Wakes the step until {@code millis}, answering every describe with {@code observed}; every effect on the way. */
  private static List<String> run(StepDriver d, long millis, Map<ElasticIp, AttachmentPoint> observed) {
    List<String> seen = new ArrayList<>();
    while (d.state.wakeAt() <= millis * 1_000_000L) {
      List<String> woke = d.idle(d.state.wakeAt() / 1_000_000);
      seen.addAll(woke);
      if (woke.contains("Describe")) {
        seen.addAll(d.described(observed));
      }
    }
    d.idle(millis);
    return seen;
  }

  /** n1 took dead n2's EIP and saw it confirmed; then a describe shows n2 pulled it back. */
  private static StepDriver pulledBackByAPeerBelievedDead() {
    StepDriver d = pair().takeoverSent(); // n2 dead at 3 s, n1's associate of n2's EIP out
    ElasticIp eipB = d.eip(B);
    d.associated(eipB, d.reserved(A));
    run(d, 3_600, Map.of(eipB, d.reserved(A))); // confirmed on n1
    assertTrue(d.state.eip(eipB).damping().isEmpty());
    run(d, 10_000, Map.of()); // n2 cannot be heard but is alive (a one-way partition): its EIP is home again
    return d;
  }

  @Test
  void aPeerBelievedDeadThatPullsItsEipBackIsNotTakenFromAgainWhileItStaysSo() {
    StepDriver d = pulledBackByAPeerBelievedDead();
    EipRecord.Damping damping = d.state.eip(d.eip(B)).damping().orElseThrow();
    assertEquals(damping.pulledAt() + 50_000_000_000L, damping.until(), "10 hold times, n2 being believed dead");
    long until = damping.until() / 1_000_000;
    List<String> damped = run(d, until - 100, Map.of());
    assertTrue(damped.stream().allMatch("Describe"::equals),
        "well past the 5 s hold time, n1 does not take n2's EIP again while n2 stays dead: " + damped);
    List<String> atLast = run(d, until + 5_000, Map.of());
    assertTrue(atLast.contains("AskGuard eipalloc-0200 from n2"),
        "a peer that really died meanwhile is taken over after 10 hold times: " + atLast);
  }

  @Test
  void aHealLiftsTheDampingOfAPeerBelievedDead() {
    StepDriver d = pulledBackByAPeerBelievedDead();
    ElasticIp eipB = d.eip(B);
    Intent retake = new Intent(eipB, null, java.util.Optional.of(B), true, Intent.Kind.FAILOVER);
    assertTrue(d.state.eip(eipB).damps(retake, d.state.view(), d.nanos()));
    d.at(10_100).peer(B, MemberState.ALIVE);
    assertFalse(d.state.eip(eipB).damps(retake, d.state.view(), d.nanos()),
        "n2 in a new state episode: the damping no longer applies");
  }

  @Test
  void aPullByAPeerThatIsHeardIsDampedForTheHoldTimeOnly() {
    StepDriver d = pair().steady();
    ElasticIp eipA = d.eip(A);
    AttachmentPoint spareB = d.reserved(B);
    run(d, 6_000, Map.of()); // n1 alive longer than the fail-back delay
    List<String> found = run(d, 9_000, Map.of(eipA, spareB)); // n2 took n1's EIP: found at a resync
    assertTrue(found.stream().allMatch("Describe"::equals), "found late, damped like a move seen: " + found);
    EipRecord.Damping damping = d.state.eip(eipA).damping().orElseThrow();
    assertEquals(damping.pulledAt() + 5_000_000_000L, damping.until(), "the hold time, n2 being heard");
    List<String> afterHold = run(d, 16_000, Map.of(eipA, spareB));
    assertTrue(afterHold.contains("Associate eipalloc-0100 -> 10.0.1.10"), "fail-back after the hold: " + afterHold);
  }

  @Test
  void nothingIsPulledFromAnUnauthenticatedHolderNotEvenThisNodesOwnEip() {
    StepDriver d = pair().steady();
    ElasticIp eipA = d.eip(A);
    AttachmentPoint spareB = d.reserved(B);
    run(d, 6_000, Map.of());
    d.membership.setUnauthenticated(B);
    d.feed(at -> new Input.ViewChanged(at, d.membership.view()));
    // n2 holds n1's EIP (it took it while n1 was away) and its heartbeats now fail authentication.
    List<String> seen = run(d, 40_000, Map.of(eipA, spareB));
    assertTrue(seen.stream().allMatch(e -> e.equals("Describe") || e.startsWith("Emit ViewChanged")),
        "no guard question, no associate while n2 is reachable but unauthenticated: " + seen);
    List<String> healed = new ArrayList<>(d.at(40_100).peer(B, MemberState.ALIVE)); // it authenticates again
    if (healed.contains("Describe")) {
      healed.addAll(d.described(Map.of(eipA, spareB)));
    }
    healed.addAll(run(d, 60_000, Map.of(eipA, spareB)));
    assertTrue(healed.contains("Associate eipalloc-0100 -> 10.0.1.10"), "fail-back once it authenticates: " + healed);
  }

  /**
   * A one-way partition from 6 s: n1 hears n2, whose heartbeats say it no longer hears n1, and n2
   * has taken n1's EIP to its reserved point; every describe from then on shows it there.
   */
  private static StepDriver oneWayPartitioned() {
    StepDriver d = pair().steady();
    run(d, 6_000, Map.of());
    d.membership.setHearsSelf(B, Hearing.NO);
    d.feed(at -> new Input.ViewChanged(at, d.membership.view()));
    return d;
  }

  /** Feeds the view after {@code change}, answers the describe it may ask for, and runs on until {@code millis}. */
  private static List<String> afterChange(StepDriver d, Runnable change, long millis, Map<ElasticIp, AttachmentPoint> observed) {
    change.run();
    List<String> seen = new ArrayList<>(d.feed(at -> new Input.ViewChanged(at, d.membership.view())));
    if (seen.contains("Describe")) {
      seen.addAll(d.described(observed));
    }
    seen.addAll(run(d, millis, observed));
    return seen;
  }

  @Test
  void aHolderThatDoesNotHearUsKeepsOurEipUntilItDoesThenItComesHomeWithinTheHoldTime() {
    StepDriver d = oneWayPartitioned();
    Map<ElasticIp, AttachmentPoint> onB = Map.of(d.eip(A), d.reserved(B));
    List<String> partitioned = run(d, 300_000, onB);
    assertTrue(partitioned.stream().allMatch(e -> e.equals("Describe") || e.startsWith("Emit ViewChanged")),
        "five minutes, 60 hold times: n1 does not pull its EIP from n2, which would take it straight back: "
            + partitioned);
    List<String> healed = afterChange(d.at(300_100), () -> d.membership.setHearsSelf(B, Hearing.YES), 305_100, onB);
    assertTrue(healed.contains("Associate eipalloc-0100 -> 10.0.1.10"),
        "home within the hold time after the heal (n2 hears n1 again): " + healed);
  }

  @Test
  void aHolderThatDoesNotHearUsAndDiesIsTakenOverAsUsual() {
    StepDriver d = oneWayPartitioned();
    Map<ElasticIp, AttachmentPoint> onB = Map.of(d.eip(A), d.reserved(B));
    run(d, 30_000, onB);
    List<String> died = afterChange(d.at(30_100), () -> d.membership.set(B, MemberState.DEAD), 40_000, onB);
    assertTrue(died.stream().anyMatch(e -> e.startsWith("AskGuard eipalloc-0100 from n2") || e.startsWith("Associate eipalloc-0100")),
        "n2 dead: its not hearing us no longer holds n1's EIP there: " + died);
  }
}

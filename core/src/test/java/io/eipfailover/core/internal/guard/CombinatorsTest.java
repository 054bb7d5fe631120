package io.eipfailover.core.internal.guard;

import static io.eipfailover.core.internal.guard.ReachabilityGuardTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.TakeoverRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinatorsTest {
  private final TakeoverRequest request = Requests.request("b", MemberState.ALIVE, MemberState.DEAD);
  private final List<String> asked = new ArrayList<>();

  /** A guard that records being asked and answers {@code allowed} with reason {@code name}. */
  private SplitBrainGuard fixed(String name, boolean allowed) {
    return new SplitBrainGuard() {
      @Override
      public GuardVerdict evaluate(TakeoverRequest r) {
        asked.add(name);
        return new GuardVerdict(allowed, name);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private SplitBrainGuard throwing() {
    return new SplitBrainGuard() {
      @Override
      public GuardVerdict evaluate(TakeoverRequest r) {
        asked.add("boom");
        throw new IllegalStateException("probe exploded");
      }

      @Override
      public String toString() {
        return "boom";
      }
    };
  }

  @Test
  void allOfAllowsWhenAllAllowAndReportsEveryReason() {
    GuardVerdict v = SplitBrainGuards.allOf(fixed("x", true), fixed("y", true)).evaluate(request);
    assertEquals(GuardVerdict.allow("x; y"), v);
    assertEquals(List.of("x", "y"), asked);
  }

  @Test
  void allOfStopsAtTheFirstDenialAndReportsIt() {
    GuardVerdict v = SplitBrainGuards.allOf(fixed("x", true), fixed("no", false), fixed("z", true)).evaluate(request);
    assertEquals(GuardVerdict.deny("no"), v);
    assertEquals(List.of("x", "no"), asked);
  }

  @Test
  void anyOfStopsAtTheFirstAllowingGuard() {
    GuardVerdict v = SplitBrainGuards.anyOf(fixed("no", false), fixed("yes", true), fixed("z", true)).evaluate(request);
    assertEquals(GuardVerdict.allow("yes"), v);
    assertEquals(List.of("no", "yes"), asked);
  }

  @Test
  void anyOfDeniesWithEveryReasonWhenAllDeny() {
    GuardVerdict v = SplitBrainGuards.anyOf(fixed("n1", false), fixed("n2", false)).evaluate(request);
    assertEquals(GuardVerdict.deny("n1; n2"), v);
  }

  @Test
  void aThrowingGuardCountsAsADenialWithTheExceptionText() {
    assertEquals(GuardVerdict.deny("boom failed: IllegalStateException: probe exploded"),
        SplitBrainGuards.allOf(throwing(), fixed("x", true)).evaluate(request));
    assertEquals(GuardVerdict.allow("x"), SplitBrainGuards.anyOf(throwing(), fixed("x", true)).evaluate(request));
    assertEquals(GuardVerdict.deny("boom failed: IllegalStateException: probe exploded"),
        SplitBrainGuards.anyOf(throwing()).evaluate(request));
  }

  @Test
  void aGuardReturningNullCountsAsADenial() {
    SplitBrainGuard silent = r -> null;
    GuardVerdict v = SplitBrainGuards.allOf(silent).evaluate(request);
    assertEquals(false, v.allowed());
    assertEquals(silent + " returned no verdict", v.reason());
  }

  @Test
  void combinatorsNestAndNameTheirParts() {
    SplitBrainGuard g = SplitBrainGuards.anyOf(SplitBrainGuards.quorum(),
        SplitBrainGuards.allOf(fixed("gw", true), fixed("peer", false)));
    assertEquals("anyOf(quorum(), allOf(gw, peer))", g.toString());
    assertEquals(GuardVerdict.deny("quorum: 1 of 2 nodes reachable (need 2); peer"), g.evaluate(request));
  }

  @Test
  void rejectsMissingOrNullGuards() {
    assertMessage(IllegalArgumentException.class, "allOf needs at least one guard, was none", SplitBrainGuards::allOf);
    assertMessage(IllegalArgumentException.class, "anyOf needs at least one guard, was none", SplitBrainGuards::anyOf);
    assertMessage(NullPointerException.class, "allOf guards must not be null",
        () -> SplitBrainGuards.allOf((SplitBrainGuard[]) null));
    assertMessage(IllegalArgumentException.class, "anyOf guard #1 must not be null",
        () -> SplitBrainGuards.anyOf(SplitBrainGuards.quorum(), null));
  }
}

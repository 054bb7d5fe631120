package io.eipfailover.core.internal.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import org.junit.jupiter.api.Test;

/** {@link Suppression}: when takeovers from unreachable peers are held, and what ends a hold. */
class SuppressionTest {
  private static final NodeId A = Views.A;
  private static final NodeId B = Views.B;

  private static MembershipView view(MemberState b, long since, Long heard) {
    return Views.pair(b, since, heard);
  }

  @Test
  void theStartupGraceEndsAfterItsTimeAndAFirstViewNotBefore() {
    Suppression s = Suppression.NONE.startupGrace(0, 2_000);
    assertTrue(s.isActive());
    assertTrue(s.expire(5_000).isActive(), "time over, but the membership said nothing");
    Suppression heard = s.onView(A, view(MemberState.DEAD, 0, null), view(MemberState.DEAD, 1_000, null), 1_000);
    assertTrue(heard.isActive(), "a view never ends the start-up grace by itself");
    assertTrue(heard.expire(1_999).isActive());
    assertFalse(heard.expire(2_000).isActive());
    assertSame(Suppression.NONE, Suppression.NONE.startupGrace(0, 0), "a zero grace holds nothing");
  }

  @Test
  void aPauseHoldsUntilAViewMadeAfterTheWakeOrOneDeadline() {
    Suppression s = Suppression.NONE.onView(A, view(MemberState.ALIVE, 0, 0L), view(MemberState.ALIVE, 0, 0L), 0)
        .localPause(100, 1_000);
    assertEquals(100, s.lastReturn(), "the fail-back delay counts from the wake");
    assertEquals("local pause", s.hold().orElseThrow().reason());
    assertTrue(s.onView(A, view(MemberState.ALIVE, 0, 0L), view(MemberState.DEAD, 90, 50L), 120).isActive(),
        "a view queued during the pause proves nothing");
    assertFalse(s.onView(A, view(MemberState.ALIVE, 0, 0L), view(MemberState.ALIVE, 0, 101L), 120).isActive(),
        "a peer heard after the wake: fresh");
    assertTrue(s.expire(1_099).isActive());
    assertFalse(s.expire(1_100).isActive());
  }

  @Test
  void reachingEc2AgainHoldsLikeAPause() {
    Suppression s = Suppression.NONE.onView(A, view(MemberState.ALIVE, 0, 0L), view(MemberState.ALIVE, 0, 0L), 0)
        .reconnected(300, 1_000);
    assertEquals("EC2 out of reach", s.hold().orElseThrow().reason());
    assertEquals(300, s.lastReturn());
    assertEquals(1_300, s.hold().orElseThrow().until());
  }

  @Test
  void aHealedPeerCountsAsThisNodesReturn() {
    Suppression s = Suppression.NONE.onView(A, view(MemberState.DEAD, 0, 10L), view(MemberState.ALIVE, 500, 500L), 500);
    assertEquals(500, s.lastReturn());
    assertFalse(s.isActive());
    assertEquals(Times.NEVER, Suppression.NONE.onView(A, view(MemberState.SUSPECT, 0, 10L),
        view(MemberState.ALIVE, 500, 500L), 500).lastReturn(), "from suspect: no partition healed");
  }

  @Test
  void expiringWithoutAHoldChangesNothing() {
    assertSame(Suppression.NONE, Suppression.NONE.expire(Long.MAX_VALUE));
  }
}

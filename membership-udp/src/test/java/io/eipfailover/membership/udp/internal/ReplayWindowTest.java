package io.eipfailover.membership.udp.internal;

import static io.eipfailover.membership.udp.internal.ReplayWindow.Verdict.NEWEST;
import static io.eipfailover.membership.udp.internal.ReplayWindow.Verdict.NEW_INCARNATION;
import static io.eipfailover.membership.udp.internal.ReplayWindow.Verdict.REJECT;
import static io.eipfailover.membership.udp.internal.ReplayWindow.Verdict.REORDERED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  private final ReplayWindow w = new ReplayWindow();

  @Test
  void acceptsIncreasingSequencesAndRejectsDuplicates() {
    assertEquals(NEWEST, w.check(10, 1));
    assertEquals(NEWEST, w.check(10, 2));
    assertEquals(REJECT, w.check(10, 2));
    assertEquals(REJECT, w.check(10, 1));
  }

  @Test
  void acceptsReorderedDatagramsOnceInsideTheWindow() {
    assertEquals(NEWEST, w.check(10, 1));
    assertEquals(NEWEST, w.check(10, 5));
    assertEquals(REORDERED, w.check(10, 3));
    assertEquals(REJECT, w.check(10, 3));
    assertEquals(REORDERED, w.check(10, 4));
  }

  @Test
  void aJumpOfExactlyTheWindowForgetsEveryEarlierSequence() {
    for (long seq = 1; seq <= ReplayWindow.WIDTH; seq++) {
      assertEquals(NEWEST, w.check(10, seq));
    }
    long newest = 2 * ReplayWindow.WIDTH;
    assertEquals(NEWEST, w.check(10, newest));
    assertEquals(REORDERED, w.check(10, newest - 1), "never seen: the jump cleared the window");
    assertEquals(REORDERED, w.check(10, newest - ReplayWindow.WIDTH + 1), "the oldest sequence still inside");
  }

  @Test
  void rejectsDatagramsOlderThanTheWindow() {
    assertEquals(NEWEST, w.check(10, 1));
    assertEquals(NEWEST, w.check(10, 1 + ReplayWindow.WIDTH));
    assertEquals(REJECT, w.check(10, 1));
    assertEquals(REORDERED, w.check(10, 2));
    assertEquals(NEWEST, w.check(10, 1_000));
    assertEquals(REJECT, w.check(10, 1_000 - ReplayWindow.WIDTH));
  }

  @Test
  void newIncarnationResetsTheWindowAndOlderIncarnationsAreReplays() {
    assertEquals(NEWEST, w.check(10, 100));
    assertEquals(NEW_INCARNATION, w.check(11, 1));
    assertEquals(NEWEST, w.check(11, 2));
    assertEquals(REJECT, w.check(10, 101));
    assertEquals(11, w.incarnation());
  }
}

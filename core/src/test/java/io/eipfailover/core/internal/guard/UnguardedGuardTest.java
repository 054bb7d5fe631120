package io.eipfailover.core.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnguardedGuardTest {

  @Test
  void allowsEveryTakeoverAndWarnsOnCreationAndOnEachOne() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    GuardVerdict v;
    SplitBrainGuard g;
    try {
      g = SplitBrainGuards.unguarded();
      v = g.evaluate(Requests.request("b", MemberState.ALIVE, MemberState.ALIVE));
    } finally {
      System.setErr(original);
    }
    assertEquals(GuardVerdict.allow("unguarded: takeovers are never checked"), v);
    assertEquals("unguarded()", g.toString());
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN") && log.contains("unguarded() split-brain guard created"), log);
    assertTrue(log.contains("[id=a] unguarded: allowing takeover of 52.0.0.1(eipalloc-1, home b) from b"), log);
  }
}

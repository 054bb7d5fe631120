package io.eipfailover.core.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.SplitBrainGuards;
import io.eipfailover.core.TakeoverRequest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReachabilityGuardTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final TakeoverRequest request = Requests.request("b", MemberState.ALIVE, MemberState.DEAD);

  @Test
  void allowsWhenATargetAcceptsAConnection() throws Exception {
    try (ServerSocket server = Requests.listening()) {
      InetSocketAddress target = Requests.addressOf(server);
      GuardVerdict v = SplitBrainGuards.reachability(target, TIMEOUT).evaluate(request);
      assertEquals(GuardVerdict.allow("reachability: 127.0.0.1:" + server.getLocalPort() + " answered"), v);
    }
  }

  @Test
  void deniesWhenNoTargetAnswersAndListsEveryFailure() {
    InetSocketAddress first = Requests.closedPort();
    InetSocketAddress second = Requests.closedPort();
    GuardVerdict v = SplitBrainGuards.reachability(List.of(first, second), TIMEOUT).evaluate(request);
    assertFalse(v.allowed(), v.toString());
    assertTrue(v.reason().startsWith("reachability: no target answered: 127.0.0.1:" + first.getPort()), v.reason());
    assertTrue(v.reason().contains("127.0.0.1:" + second.getPort() + ": ConnectException"), v.reason());
  }

  @Test
  void triesTargetsInOrderUntilOneAnswers() throws Exception {
    try (ServerSocket server = Requests.listening()) {
      GuardVerdict v = SplitBrainGuards.reachability(List.of(Requests.closedPort(), Requests.addressOf(server)), TIMEOUT)
          .evaluate(request);
      assertEquals(GuardVerdict.allow("reachability: 127.0.0.1:" + server.getLocalPort() + " answered"), v);
    }
  }

  @Test
  void deniesAfterTheTimeoutWhenATargetNeverAnswers() throws Exception {
    // A listener that never accepts: once its backlog is full, Linux drops further SYNs, so a
    // connect neither succeeds nor is refused; it can only time out.
    try (ServerSocket server = new ServerSocket(0, 1, Requests.LOOPBACK)) {
      InetSocketAddress target = Requests.addressOf(server);
      List<java.net.Socket> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8 && TcpProbe.connect(target, Duration.ofMillis(200)).connected(); i++) {
          java.net.Socket s = new java.net.Socket();
          s.connect(target, 1000);
          held.add(s);
        }
        long start = System.nanoTime();
        GuardVerdict v = SplitBrainGuards.reachability(target, Duration.ofMillis(300)).evaluate(request);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(GuardVerdict.deny("reachability: no target answered: no answer from 127.0.0.1:"
            + server.getLocalPort() + " within PT0.3S"), v);
        assertTrue(tookMillis >= 250 && tookMillis < 5_000, "the time-out bounds the wait, took " + tookMillis + " ms");
      } finally {
        for (java.net.Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void deniesForAnUnresolvableName() {
    InetSocketAddress nowhere = InetSocketAddress.createUnresolved("gateway.invalid", 443);
    GuardVerdict v = SplitBrainGuards.reachability(nowhere, TIMEOUT).evaluate(request);
    assertEquals(GuardVerdict.deny("reachability: no target answered: gateway.invalid:443: UnknownHostException: gateway.invalid"), v);
  }

  @Test
  void namesItselfWithTargetsAndTimeout() {
    SplitBrainGuard g = SplitBrainGuards.reachability(
        List.of(InetSocketAddress.createUnresolved("10.0.0.1", 443), InetSocketAddress.createUnresolved("ec2.local", 80)),
        Duration.ofMillis(500));
    assertEquals("reachability([10.0.0.1:443, ec2.local:80], PT0.5S)", g.toString());
  }

  @Test
  void rejectsBadTargetsAndTimeouts() {
    InetSocketAddress t = InetSocketAddress.createUnresolved("10.0.0.1", 443);
    assertMessage(NullPointerException.class, "targets must not be null",
        () -> SplitBrainGuards.reachability((List<InetSocketAddress>) null, TIMEOUT));
    assertMessage(IllegalArgumentException.class, "targets must name at least one address, was []",
        () -> SplitBrainGuards.reachability(List.of(), TIMEOUT));
    assertMessage(IllegalArgumentException.class, "targets must not contain null, was [10.0.0.1/<unresolved>:443, null]",
        () -> SplitBrainGuards.reachability(Arrays.asList(t, null), TIMEOUT));
    assertMessage(NullPointerException.class, "target must not be null",
        () -> SplitBrainGuards.reachability((InetSocketAddress) null, TIMEOUT));
    assertMessage(NullPointerException.class, "timeout must not be null", () -> SplitBrainGuards.reachability(t, null));
    assertMessage(IllegalArgumentException.class, "timeout must be between PT0.001S and PT1M, was PT0S",
        () -> SplitBrainGuards.reachability(t, Duration.ZERO));
    assertMessage(IllegalArgumentException.class, "timeout must be between PT0.001S and PT1M, was PT-1S",
        () -> SplitBrainGuards.reachability(t, Duration.ofSeconds(-1)));
    assertMessage(IllegalArgumentException.class, "timeout must be between PT0.001S and PT1M, was PT0.0000001S",
        () -> SplitBrainGuards.reachability(t, Duration.ofNanos(100)));
    assertMessage(IllegalArgumentException.class, "timeout must be between PT0.001S and PT1M, was PT2M",
        () -> SplitBrainGuards.reachability(t, Duration.ofMinutes(2)));
  }

  static <T extends Throwable> void assertMessage(Class<T> type, String expected, org.junit.jupiter.api.function.Executable call) {
    T e = assertThrows(type, call);
    assertEquals(expected, e.getMessage());
  }
}

package io.eipfailover.benchmarks.harness;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.LoopbackPorts;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpKeyring;
import io.eipfailover.membership.udp.UdpMembership;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Crash detection of the UDP membership inside one JVM on loopback (moved here from the UDP
 * module's tests, issue 11): {@code runs} times, a peer's membership is closed without
 * announcement and we time how long the survivor takes to declare it dead, with the TCP crash link
 * and, for comparison, with ICMP port-unreachable alone. 100 ms heartbeats, deadtime 10 s, so only
 * the fast path can convict. The time runs from just before {@code close()} starts (which first
 * joins the peer's loop thread), so it slightly overstates detection. Rows of {@code
 * measures.csv}: kind {@code crash-in-jvm}, min / p50 / p99 / max in ms per path.
 */
final class CrashLinkLatency {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final UdpKeyring KEYS = UdpKeyring.of(1, "crash-link-latency-key".getBytes(StandardCharsets.UTF_8));
  private static final DetectorSettings SLOW_DEADLINE = DetectorSettings.builder().warntime(Duration.ofSeconds(5))
      .deadtime(Duration.ofSeconds(10)).initdead(Duration.ofSeconds(10)).build();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private CrashLinkLatency() {}

  /** Measures both paths {@code runs} times each; the profile label goes into the rows. */
  static List<Measure> measure(String profile, int runs) {
    List<Measure> out = new ArrayList<>();
    out.addAll(rows(profile, "tcp-link", measure(true, runs), "TCP crash link + ICMP"));
    out.addAll(rows(profile, "icmp-only", measure(false, runs), "ICMP port unreachable alone"));
    return out;
  }

  private static long[] measure(boolean link, int runs) {
    long[] took = new long[runs];
    for (int i = 0; i < runs; i++) {
      int portA = LoopbackPorts.reserve();
      int portB = LoopbackPorts.reserve();
      try (UdpMembership b = node(B, portB, A, portA, link); UdpMembership a = node(A, portA, B, portB, link)) {
        b.start();
        a.start();
        Await.until("a sees b ALIVE" + (link ? " with the TCP link up" : ""), WAIT,
            () -> a.view().stateOf(B) == MemberState.ALIVE && (!link || a.counters().crashSocketConnects() >= 1),
            () -> a.view() + " " + a.counters());
        long closedAt = System.nanoTime();
        b.close();
        Await.value("a sees closed b DEAD", WAIT, a::view, v -> v.stateOf(B) == MemberState.DEAD);
        took[i] = a.view().peer(B).since() - closedAt;
      }
    }
    Arrays.sort(took);
    return took;
  }

  private static UdpMembership node(NodeId self, int port, NodeId peer, int peerPort, boolean link) {
    return UdpMembership.builder().self(self).clusterName("lat").keyring(KEYS).bindAddress("127.0.0.1", port)
        .peer(peer, "127.0.0.1", peerPort).detector(SLOW_DEADLINE.toBuilder().crashDetectionSocket(link).build()).build();
  }

  private static List<Measure> rows(String profile, String path, long[] sorted, String how) {
    String detail = sorted.length + " abrupt close() of the peer's membership in one JVM, " + how
        + "; from just before close() to the DEAD view";
    return List.of(
        new Measure("crash-in-jvm", profile, path + ".min_ms", sorted[0] / 1e6, "ms", detail),
        new Measure("crash-in-jvm", profile, path + ".p50_ms", sorted[(sorted.length - 1) / 2] / 1e6, "ms", detail),
        new Measure("crash-in-jvm", profile, path + ".p99_ms",
            sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6, "ms", detail),
        new Measure("crash-in-jvm", profile, path + ".max_ms", sorted[sorted.length - 1] / 1e6, "ms", detail));
  }
}

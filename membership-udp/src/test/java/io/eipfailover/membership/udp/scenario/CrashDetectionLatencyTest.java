package io.eipfailover.membership.udp.scenario;

import static io.eipfailover.membership.udp.testing.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.NodeId;
import io.eipfailover.core.NodeState;
import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.Loopback;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures crash detection on loopback: 20 times, a peer's membership is closed without
 * announcement and we time how long the survivor takes to declare it dead, with the TCP link and,
 * for comparison, with ICMP alone. Default 100 ms heartbeats, deadtime 10 s so only the fast path
 * can convict. The distributions are logged; only a generous bound is asserted (every detection
 * with the link under 1 s). The time runs from just before {@code close()} starts (which first
 * joins the peer's loop thread), so it slightly overstates detection.
 */
class CrashDetectionLatencyTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrashDetectionLatencyTest.class);
  private static final int RUNS = 20;
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final DetectorSettings SLOW_DEADLINE = DetectorSettings.builder().warntime(Duration.ofSeconds(5))
      .deadtime(Duration.ofSeconds(10)).initdead(Duration.ofSeconds(10)).build();

  @Test
  void abruptClosesAreDetectedWithinASecondAndTheDistributionIsLogged() {
    long[] withLink = measure(true);
    long[] icmpOnly = measure(false);
    LOG.info("[id=a] crash detection over {} abrupt closes, TCP link + ICMP: {}", RUNS, summary(withLink));
    LOG.info("[id=a] crash detection over {} abrupt closes, ICMP only:       {}", RUNS, summary(icmpOnly));
    LOG.info("[id=a] samples (µs), with the link: {}; ICMP only: {}", Arrays.toString(micros(withLink)),
        Arrays.toString(micros(icmpOnly)));
    assertTrue(withLink[RUNS - 1] < Duration.ofSeconds(1).toNanos(), summary(withLink));
  }

  private static long[] measure(boolean link) {
    long[] took = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      int portA = Loopback.freePort();
      int portB = Loopback.freePort();
      try (UdpMembership b = UdpMembership.builder().self(B).clusterName("lat").keyring(TestKeys.k1())
              .bindAddress("127.0.0.1", portB).peer(A, "127.0.0.1", portA).detector(SLOW_DEADLINE.toBuilder().crashDetectionSocket(link).build()).build();
          UdpMembership a = UdpMembership.builder().self(A).clusterName("lat").keyring(TestKeys.k1())
              .bindAddress("127.0.0.1", portA).peer(B, "127.0.0.1", portB).detector(SLOW_DEADLINE.toBuilder().crashDetectionSocket(link).build()).build()) {
        b.start();
        a.start();
        await(Duration.ofSeconds(8), () -> a.view() + " " + a.counters(),
            () -> a.view().stateOf(B) == NodeState.ALIVE && (!link || a.counters().crashSocketConnects() >= 1));
        long closedAt = System.nanoTime();
        b.close();
        await(Duration.ofSeconds(5), a.view()::toString, () -> a.view().stateOf(B) == NodeState.DEAD);
        took[i] = a.view().peer(B).since() - closedAt;
        if (link) {
          await(Duration.ofSeconds(2), a.counters()::toString, () -> a.counters().tcpCrashSignals() >= 1);
        }
      }
    }
    Arrays.sort(took);
    return took;
  }

  private static long[] micros(long[] nanos) {
    return Arrays.stream(nanos).map(n -> n / 1_000).toArray();
  }

  /** min / p50 / p99 / max in milliseconds (p99 of 20 samples is the largest). */
  private static String summary(long[] sorted) {
    return String.format("min %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[0] / 1e6,
        sorted[(sorted.length - 1) / 2] / 1e6, sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}

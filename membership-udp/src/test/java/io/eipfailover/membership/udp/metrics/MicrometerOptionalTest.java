package io.eipfailover.membership.udp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.VirtualTime;
import io.eipfailover.core.testing.WithoutMicrometer;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.testing.InMemoryNetwork;
import io.eipfailover.membership.udp.testing.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: the membership runs without it, and only the binder refers to it. */
class MicrometerOptionalTest {
  @Test
  void aPairRunsOnAClassPathWithoutMicrometer() throws Exception {
    assertEquals("ALIVE ALIVE", WithoutMicrometer.run(Pair.class));
  }

  @Test
  void onlyTheMetricsPackageRefersToMicrometer() {
    assertEquals(List.of("io.eipfailover.membership.udp.metrics.UdpMembershipMetrics"),
        WithoutMicrometer.classesReferringToMicrometer(Path.of("target/classes")));
  }

  /** Two memberships over the in-memory network; answers how each sees the other. */
  public static final class Pair implements Callable<String> {
    @Override
    public String call() {
      VirtualTime time = new VirtualTime();
      InMemoryNetwork net = new InMemoryNetwork(time);
      NodeId a = NodeId.of("a");
      NodeId b = NodeId.of("b");
      try (UdpMembership ma = node(net, time, a, b); UdpMembership mb = node(net, time, b, a)) {
        ma.start();
        mb.start();
        net.run(Duration.ofMillis(300));
        MemberState ab = ma.view().stateOf(b);
        MemberState ba = mb.view().stateOf(a);
        return ab + " " + ba;
      }
    }

    private static UdpMembership node(InMemoryNetwork net, VirtualTime time, NodeId self, NodeId peer) {
      return UdpMembership.builder().self(self).clusterName("test").configFingerprint(42).keyring(TestKeys.k1())
          .ticker(time.ticker()).clock(time.clock()).transport(net.transport(self)).peer(peer).build();
    }
  }
}

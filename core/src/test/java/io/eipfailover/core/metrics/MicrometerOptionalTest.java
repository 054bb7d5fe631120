package io.eipfailover.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.testing.SimulatedCluster;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.WithoutMicrometer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: the failover runs without it, and only the binders refer to it. */
class MicrometerOptionalTest {
  @Test
  void aFailoverRunsOnAClassPathWithoutMicrometer() throws Exception {
    assertEquals("Optional[n2]", WithoutMicrometer.run(CrashAndTakeover.class));
  }

  @Test
  void onlyTheMetricsPackageRefersToMicrometer() {
    assertEquals(List.of("io.eipfailover.core.metrics.EipFailoverMetrics", "io.eipfailover.core.metrics.FailoverEventMeters",
        "io.eipfailover.core.metrics.MembershipMetrics", "io.eipfailover.core.metrics.MembershipMetrics$1"),
        WithoutMicrometer.classesReferringToMicrometer(Path.of("target/classes")));
  }

  /** Three simulated nodes; n1 crashes; answers who holds its EIP afterwards. */
  public static final class CrashAndTakeover implements Callable<String> {
    @Override
    public String call() {
      ClusterTopology t = Topologies.ring(3);
      SimulatedCluster c = SimulatedCluster.builder(t).seed(1).build().start();
      ElasticIp eip1 = t.elasticIps().get(0);
      c.advance(Duration.ofSeconds(3));
      c.crash(Topologies.node(1));
      c.advance(Duration.ofSeconds(4));
      return c.ec2().holder(eip1).toString();
    }
  }
}

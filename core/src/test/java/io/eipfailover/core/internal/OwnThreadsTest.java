package io.eipfailover.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import io.eipfailover.core.testing.FakeElasticIpManager;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.SimulatedEc2;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The threads a failover makes for itself when none are injected: the loop on one, health probes
 * on another (so an idle loop wakes one thread per timer, and a slow probe never holds up a step).
 */
class OwnThreadsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final NodeId A = Topologies.node(1);
  private static final NodeId B = Topologies.node(2);

  @Test
  void aBlockedHealthProbeRunsOnItsOwnThreadAndTheLoopGoesOn() throws Exception {
    ClusterTopology topology = Topologies.ring(2);
    SimulatedEc2 ec2 = new SimulatedEc2(topology, new VirtualTime().scheduler("ec2"), new Random(1));
    ec2.placeAllAtHome();
    ManualMembership membership = new ManualMembership(A, topology.nodeIds(), Ticker.systemTicker());
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> probeThread = new AtomicReference<>();
    EipFailover f = EipFailover.builder().topology(topology).self(A).membership(membership)
        .elasticIpManager(new FakeElasticIpManager(ec2, A)).guard(req -> GuardVerdict.allow("test"))
        .healthCheck(() -> {
          probeThread.compareAndSet(null, Thread.currentThread().getName());
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return HealthResult.healthy("test");
        }).build();
    try {
      f.start();
      Await.until("the first probe started", WAIT, () -> probeThread.get() != null);
      membership.set(B, MemberState.ALIVE);
      Await.until("the loop took the view while the probe is blocked", WAIT,
          () -> f.status().view().stateOf(B) == MemberState.ALIVE);
      assertEquals("eipfailover-health-" + A, probeThread.get());
    } finally {
      release.countDown();
      f.close();
    }
  }
}

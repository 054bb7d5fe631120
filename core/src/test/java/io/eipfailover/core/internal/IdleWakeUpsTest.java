package io.eipfailover.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.internal.reconciler.Effect;
import io.eipfailover.core.internal.reconciler.Input;
import io.eipfailover.core.internal.reconciler.Reconciler;
import io.eipfailover.core.internal.reconciler.ReconcilerSettings;
import io.eipfailover.core.internal.reconciler.ReconcilerState;
import io.eipfailover.core.internal.reconciler.Stamp;
import io.eipfailover.core.internal.reconciler.Step;
import io.eipfailover.core.testing.FakeElasticIpManager;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.SimulatedEc2;
import io.eipfailover.core.testing.Topologies;
import io.eipfailover.core.testing.VirtualScheduler;
import io.eipfailover.core.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What an idle node costs, counted on virtual time: the step asks to be woken twice per detection
 * deadline (the watchdog) and plans once a second; the whole node (runner, timers, health probe)
 * runs a handful of tasks a second. The numbers are in {@code docs/reconciler.md}.
 */
class IdleWakeUpsTest {
  private static final NodeId A = Topologies.node(1);
  private static final NodeId B = Topologies.node(2);
  private static final long SECOND = 1_000_000_000L;

  private final ClusterTopology topology = Topologies.ring(2);

  @Test
  void anIdleStepAsksForTwoWakeUpsPerSecondAndPlansOncePerSecond() {
    Reconciler r = new Reconciler(new ReconcilerSettings(A, topology,
        FailoverStrategies.homeWithFailback(Duration.ofSeconds(2)), FailoverConfig.defaults()));
    SimulatedEc2 ec2 = new SimulatedEc2(topology, new VirtualTime().scheduler("ec2"), new Random(1));
    ec2.placeAllAtHome();
    ManualMembership m = new ManualMembership(A, topology.nodeIds(), new VirtualTime().ticker());
    m.set(B, MemberState.ALIVE);
    long[] now = {0};
    ReconcilerState[] state = {r.initial(0)};
    Function<Function<Stamp, Input>, Step> feed = input -> {
      Step step = r.step(state[0], input.apply(new Stamp(now[0], Instant.EPOCH.plusNanos(now[0]), 0.5)));
      state[0] = step.state();
      for (Effect e : step.effects()) {
        if (e instanceof Effect.Describe) { // EC2 answers in the same instant
          Step answer = r.step(state[0], new Input.DescribeSucceeded(new Stamp(now[0], Instant.EPOCH, 0.5),
              new FakeElasticIpManager(ec2, A).describe(topology.elasticIps())));
          state[0] = answer.state();
        }
      }
      return step;
    };
    feed.apply(Input.Started::new);
    feed.apply(at -> new Input.ViewChanged(at, m.view()));
    while (state[0].wakeAt() < 10 * SECOND) { // past the start-up grace, woken when asked
      now[0] = state[0].wakeAt();
      feed.apply(Input.WakeUp::new);
    }

    int wakeUps = 0;
    int plans = 0;
    long end = now[0] + 60 * SECOND;
    while (state[0].wakeAt() <= end) {
      now[0] = state[0].wakeAt();
      long plannedBefore = state[0].lastPlanAt();
      feed.apply(Input.WakeUp::new);
      wakeUps++;
      plans += state[0].lastPlanAt() != plannedBefore ? 1 : 0;
    }
    assertEquals(120, wakeUps, "two wake-ups a second for 60 s");
    assertTrue(plans >= 58 && plans <= 61, "about one plan a second: " + plans);
    assertEquals(0L, state[0].status(true, false).counters().localPauses(), "an on-time wake-up is no pause");
  }

  @Test
  void anIdleNodeRunsFewTasksPerSecondOnItsLane() {
    VirtualTime time = new VirtualTime();
    SimulatedEc2 ec2 = new SimulatedEc2(topology, time.scheduler("ec2"), new Random(1));
    ec2.placeAllAtHome();
    VirtualScheduler lane = time.scheduler("n1");
    ManualMembership membership = new ManualMembership(A, topology.nodeIds(), time.ticker());
    EipFailover f = EipFailover.builder().topology(topology).self(A).membership(membership)
        .elasticIpManager(new FakeElasticIpManager(ec2, A)).guard(req -> GuardVerdict.allow("test"))
        .healthCheck(() -> HealthResult.healthy("test")).ticker(time.ticker()).clock(time.clock())
        .scheduler(lane).ioExecutor(lane).random(new Random(3)).build();
    f.start();
    membership.set(B, MemberState.ALIVE);
    time.advance(Duration.ofSeconds(10));

    long before = time.tasksRun();
    int describesBefore = ec2.calls().size();
    time.advance(Duration.ofSeconds(60));
    double perSecond = (time.tasksRun() - before) / 60.0;
    f.close();

    // Two watchdog wake-ups (timer + loop task each), one health probe (probe + loop task), and a
    // describe every 30 s; the previous loop ticked four times a second (about 10 tasks a second).
    assertTrue(perSecond <= 6.5, "tasks per second on an idle node: " + perSecond);
    assertEquals(2, ec2.calls().size() - describesBefore, "one describe per 30 s resync");
  }
}

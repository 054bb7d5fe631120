package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.FaultStep;
import io.eipfailover.core.testing.InvariantViolation;
import io.eipfailover.core.testing.ScheduleRunner;
import io.eipfailover.core.testing.SimHeartbeatMembership;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The checker has teeth: each deliberately broken part is caught, by the invariant that names what
 * it breaks, with the schedule in the message. (The real reconciler refuses to associate a point
 * that is not its own, so the push is shown with a broken EIP manager under it.)
 */
class CheckerTeethTest {
  private static final FaultSchedule CRASH_N3 = new FaultSchedule(3, FaultSchedule.StrategyKind.HOME_WITH_FAILBACK, true,
      42, List.of(new FaultSchedule.Step(new FaultStep.Crash(3), Duration.ofSeconds(4)),
          new FaultSchedule.Step(new FaultStep.Wait(), Duration.ofSeconds(2))));
  private static final FaultSchedule QUIET = new FaultSchedule(3, FaultSchedule.StrategyKind.STICKY, true, 7,
      List.of(new FaultSchedule.Step(new FaultStep.Wait(), Duration.ofSeconds(2))));

  private static InvariantViolation violation(ScheduleRunner runner, FaultSchedule schedule) {
    InvariantViolation v = assertThrows(InvariantViolation.class, () -> runner.run(schedule));
    assertTrue(v.getMessage().contains("schedule: FaultSchedule{nodes=" + schedule.nodes()), v.getMessage());
    return v;
  }

  @Test
  void theRealPartsPassTheseSchedules() {
    new ScheduleRunner().run(CRASH_N3);
    new ScheduleRunner().run(QUIET);
  }

  @Test
  void aNonDeterministicStrategyBreaksSameViewSamePlan() {
    ScheduleRunner runner = new ScheduleRunner(b -> b.strategy(ctx -> BrokenParts.randomStrategy(ctx.random())));
    assertEquals("same-view-same-plan", violation(runner, CRASH_N3).invariant());
  }

  @Test
  void pushingAnEipToAPeersPointBreaksPullOnly() {
    ScheduleRunner runner = new ScheduleRunner(b -> b.elasticIpManager(
        (ctx, m) -> BrokenParts.pushingToPeer(m, ctx.topology(), ctx.self())));
    InvariantViolation v = violation(runner, CRASH_N3);
    assertEquals("pull-only", v.invariant());
    assertTrue(v.getMessage().contains("which belongs to"), v.getMessage());
  }

  @Test
  void aTakeoverWithoutTheGuardsConsentBreaksGuard() {
    // The hook runs after the cluster installed the recording guard, so it swaps in a guard that is
    // neither the configured one nor recorded: as if the node skipped its guard.
    ScheduleRunner runner = new ScheduleRunner(b -> b.configure(f -> f.guard(r -> GuardVerdict.allow("bypassed"))));
    InvariantViolation v = violation(runner, CRASH_N3);
    assertEquals("guard", v.invariant());
    assertTrue(v.getMessage().contains("without its guard's consent"), v.getMessage());
  }

  @Test
  void movingEipsWhileViewsAreStableBreaksNoPingPong() {
    ScheduleRunner runner = new ScheduleRunner(b -> b.strategy(ctx -> BrokenParts.flipFlop(Duration.ofSeconds(4))));
    assertEquals("no-ping-pong", violation(runner, QUIET).invariant());
  }

  @Test
  void aStrategyThatNeverFailsBackBreaksFailBack() {
    ScheduleRunner runner = new ScheduleRunner(b -> b.strategy(ctx -> BrokenParts.neverFailsBackToNode2()));
    assertEquals("fail-back", violation(runner, CRASH_N3).invariant());
  }

  @Test
  void eipsLeftUnassociatedBreakLiveness() {
    FaultSchedule unplaced = new FaultSchedule(2, FaultSchedule.StrategyKind.STICKY, false, 3,
        List.of(new FaultSchedule.Step(new FaultStep.Wait(), Duration.ofSeconds(1))));
    ScheduleRunner runner = new ScheduleRunner(b -> b.strategy(ctx -> BrokenParts.placesNothing()));
    assertEquals("unassociated", violation(runner, unplaced).invariant());
  }

  @Test
  void anExceptionEscapingAScheduledTaskIsCaught() {
    ScheduleRunner runner = new ScheduleRunner(b -> b.membership(ctx -> {
      ctx.scheduler().schedule(() -> {
        throw new IllegalStateException("bug in a timer of " + ctx.self());
      }, 1, TimeUnit.SECONDS);
      return new SimHeartbeatMembership(ctx.self(), ctx.topology(), ctx.network(), ctx.scheduler(),
          ctx.timings().heartbeatInterval(), ctx.timings().deadAfterIntervals());
    }));
    InvariantViolation v = violation(runner, QUIET);
    assertEquals("task-failure", v.invariant());
    assertTrue(v.getMessage().contains("bug in a timer of n1"), v.getMessage());
  }

  @Test
  void forgettingAnAssociateBeforeEc2ShowsItBreaksOneAssociatePerMove() {
    // Describes lag 2 s behind; a node that gives up on its move after 400 ms sends it again.
    FaultSchedule lagThenCrash = new FaultSchedule(3, FaultSchedule.StrategyKind.HOME_WITH_FAILBACK, true, 42,
        List.of(new FaultSchedule.Step(new FaultStep.Ec2Lag(Duration.ofSeconds(2)), Duration.ofMillis(200)),
            new FaultSchedule.Step(new FaultStep.Crash(3), Duration.ofSeconds(6))));
    new ScheduleRunner().run(lagThenCrash);
    ScheduleRunner forgetful = new ScheduleRunner(b -> b.config(c -> c.inFlightTimeout(Duration.ofMillis(400))));
    assertEquals("one-associate-per-move", violation(forgetful, lagThenCrash).invariant());
  }

  @Test
  void exceedingTheEc2CallBudgetIsCaught() {
    // The checker is told each node may make 1 call plus one per 100 s; the nodes really run with
    // the default budget and describe on start and on every 5 s resync.
    ScheduleRunner runner = new ScheduleRunner(b -> b.apiBudget(1, 0.01).config(c -> c.apiBurst(20).apiCallsPerSecond(2.0)));
    assertEquals("api-budget", violation(runner, QUIET).invariant());
  }
}

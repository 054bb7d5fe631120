package io.eipfailover.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.ScheduleRunner;
import io.eipfailover.core.testing.SimulatedCluster;
import java.util.List;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/** Same schedule, same seed ⇒ the same run, call for call and event for event. */
class ReplayTest {
  @Test
  void aScheduleReplaysExactly() {
    Arbitrary<FaultSchedule> schedules = FaultSchedules.schedules(net.jqwik.api.Arbitraries.just(5), 10, 12);
    List<FaultSchedule> sample = schedules.sampleStream().limit(5).toList();
    for (FaultSchedule s : sample) {
      assertEquals(trace(s), trace(s), "schedule " + s);
    }
  }

  @Test
  void aDifferentSeedGivesADifferentRun() {
    FaultSchedule s = FaultSchedules.schedules(net.jqwik.api.Arbitraries.just(4), 8, 8).sample();
    FaultSchedule other = new FaultSchedule(s.nodes(), s.strategy(), s.placeAtHome(), s.seed() + 1,
        List.of(new FaultSchedule.Step(new io.eipfailover.core.testing.FaultStep.Links(
            new io.eipfailover.core.testing.LinkSettings(java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(100), 0.2, 0.1, 0.1)), java.time.Duration.ofSeconds(5))));
    FaultSchedule same = new FaultSchedule(s.nodes(), s.strategy(), s.placeAtHome(), s.seed(), other.steps());
    assertNotEquals(trace(same), trace(other));
  }

  private static String trace(FaultSchedule s) {
    ScheduleRunner runner = new ScheduleRunner();
    SimulatedCluster c = runner.cluster(s);
    c.start();
    c.advance(ScheduleRunner.WARM_UP);
    for (FaultSchedule.Step step : s.steps()) {
      step.fault().apply(c);
      c.advance(step.after());
    }
    c.healAll();
    c.advance(java.time.Duration.ofSeconds(10));
    return c.ec2().calls() + "\n" + c.ec2().moves() + "\n" + c.events() + "\n" + c.network().counters()
        + "\n" + c.time().tasksRun();
  }
}

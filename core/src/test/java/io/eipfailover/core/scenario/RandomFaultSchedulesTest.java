package io.eipfailover.core.scenario;

import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.ScheduleRunner;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The deterministic simulation: random fault schedules over 2 to 7 nodes running the real
 * reconciler, strategies and guards on simulated membership, network and EC2; safety invariants
 * after every step, liveness once everything heals. A failure prints jqwik's seed and the schedule;
 * the same seed replays the same run.
 */
class RandomFaultSchedulesTest {
  private final ScheduleRunner runner = new ScheduleRunner();

  @Property(tries = RandomFaultSchedulesTest.TRIES, shrinking = ShrinkingMode.BOUNDED)
  void everyScheduleKeepsSafetyAndConvergesAfterHealing(@ForAll("schedules") FaultSchedule schedule) {
    runner.run(schedule);
  }

  static final int TRIES = 10_000;

  @Provide
  Arbitrary<FaultSchedule> schedules() {
    return FaultSchedules.schedules();
  }
}

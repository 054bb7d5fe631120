package io.eipfailover.core.scenario;

import io.eipfailover.core.testing.FaultSchedule;
import io.eipfailover.core.testing.ScheduleRunner;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The random schedules again, with every EC2 call and guard evaluation taking up to 500 ms of
 * virtual time (longer than the simulation's confirm delay): results come back steps later, views
 * change while the guard thinks, describes overlap pauses. Same invariants, fewer schedules than
 * {@link RandomFaultSchedulesTest} (about 15 s). Explored by hand: 500 schedules also pass at up to
 * 600 ms; at up to 1.5 s (more than the detection deadline) one in a few hundred moves an EIP twice
 * after healing, when an associate decided before the heal reaches EC2 after it.
 */
class CallLatencySchedulesTest {
  private final ScheduleRunner runner = new ScheduleRunner(b -> b.ioLatency(Duration.ofMillis(500)));

  @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
  void everyScheduleKeepsSafetyAndConvergesWithSlowCalls(@ForAll("schedules") FaultSchedule schedule) {
    runner.run(schedule);
  }

  @Provide
  Arbitrary<FaultSchedule> schedules() {
    return FaultSchedules.schedules();
  }
}

package io.eipfailover.benchmarks.jmh;

import io.eipfailover.membership.udp.DetectorSettings;
import io.eipfailover.membership.udp.internal.InternalProbes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two failure detectors of the UDP membership, per heartbeat: record an arrival (100 ms after
 * the previous one, ±5 ms of deterministic jitter) and evaluate whether the peer is dead, as the
 * protocol does on each tick. Module-internal classes, reached through {@link InternalProbes} (see
 * {@link CodecBenchmark}).
 *
 * <p>Baseline: {@link #baselineClockStep()}, the time arithmetic alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DetectorBenchmark {
  private static final long INTERVAL = 100_000_000L;

  private InternalProbes.Detector deadline;
  private InternalProbes.Detector phi;
  private long now;
  private int step;

  @Setup
  public void setUp() {
    deadline = InternalProbes.detector(DetectorSettings.defaults());
    phi = InternalProbes.detector(DetectorSettings.phiAccrual());
    now = 1_000_000_000L;
  }

  private long next() {
    step = (step + 1) & 15;
    now += INTERVAL + (step - 8) * 625_000L;
    return now;
  }

  /** Deadline detector: one heartbeat and one evaluation half an interval later. */
  @Benchmark
  public boolean deadlineHeartbeatAndCheck() {
    long t = next();
    deadline.heartbeat(t);
    return deadline.isDead(t + INTERVAL / 2);
  }

  /** Phi-accrual detector (200-sample window): one heartbeat and one evaluation. */
  @Benchmark
  public boolean phiHeartbeatAndCheck() {
    long t = next();
    phi.heartbeat(t);
    return phi.isDead(t + INTERVAL / 2);
  }

  /** Baseline: the clock arithmetic of the two benchmarks above. */
  @Benchmark
  public long baselineClockStep() {
    return next() + INTERVAL / 2;
  }
}

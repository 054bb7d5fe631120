package io.eipfailover.benchmarks.jmh;

import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placement at scale (target: 64 nodes × 1,024 EIPs with 8 nodes dead in ≤ 1 ms): the public
 * {@link FailoverStrategy#place} of the balanced and home-with-fail-back strategies, right after
 * the deaths (128 EIPs to move) and in steady state (nothing to move).
 *
 * <p>Baseline: {@link #baselineInputCopy()} builds the {@link PlacementInput} the reconciler builds
 * before each placement (its constructor copies the observed map), so the strategy's own cost is
 * the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlacementBenchmark {
  /** Which strategy is measured. */
  @Param({"balanced", "homeWithFailback"})
  public String strategy;

  private ScaleCluster cluster;
  private FailoverStrategy subject;
  private PlacementInput afterDeaths;
  private PlacementInput steadyState;

  @Setup
  public void setUp() {
    cluster = ScaleCluster.issueTarget();
    subject = switch (strategy) {
      case "balanced" -> FailoverStrategies.balanced(Duration.ofSeconds(10));
      case "homeWithFailback" -> FailoverStrategies.homeWithFailback(Duration.ofSeconds(10));
      default -> throw new IllegalArgumentException("strategy must be balanced or homeWithFailback, was " + strategy);
    };
    afterDeaths = cluster.afterDeaths();
    steadyState = cluster.steadyState();
  }

  /** 64 nodes, 1,024 EIPs, 8 nodes just declared dead: 128 EIPs to place on survivors. */
  @Benchmark
  public Placement placeAfterEightDeaths() {
    return subject.place(afterDeaths);
  }

  /** The same cluster with every node alive: every EIP stays home. */
  @Benchmark
  public Placement placeSteadyState() {
    return subject.place(steadyState);
  }

  /** Baseline: building the placement input (copying 1,024 observations), without placing. */
  @Benchmark
  public PlacementInput baselineInputCopy() {
    return new PlacementInput(cluster.topology(), cluster.view(), cluster.observed(), ScaleCluster.NOW);
  }
}

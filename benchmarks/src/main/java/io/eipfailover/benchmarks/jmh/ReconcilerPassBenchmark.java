package io.eipfailover.benchmarks.jmh;

import com.google.common.util.concurrent.MoreExecutors;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.HealthResult;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One reconciler planning step on the 64-node × 1,024-EIP cluster with 8 nodes dead, through the
 * only public path into the reconciler: {@link EipFailover#reconcileNow()} on a failover built with
 * a direct scheduler and a direct I/O executor (the steps run on the calling thread), an in-memory
 * EC2 and dry-run mode, so a pass is: the step that asks for a describe, the describe (a map copy),
 * the step on its answer with placement by the strategy and the intent planner (package-private in
 * core, reachable only this way), a guard question and the step on each answer, and the status
 * snapshot after each step.
 *
 * <p>Baselines: {@link #baselineDescribe()} is the in-memory describe alone and {@link
 * #placementOnly()} the strategy alone; the pass minus both is the planner and bookkeeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReconcilerPassBenchmark {
  private ScaleCluster cluster;
  private FailoverStrategy strategy;
  private MapElasticIpManager ec2;
  private EipFailover afterDeaths;
  private EipFailover steady;

  @Setup(Level.Trial)
  public void setUp() {
    cluster = ScaleCluster.issueTarget();
    strategy = FailoverStrategies.balanced(Duration.ofSeconds(10));
    ec2 = new MapElasticIpManager(cluster.observed());
    afterDeaths = failover(cluster.view(), ec2);
    steady = failover(cluster.allAliveView(), new MapElasticIpManager(cluster.observed()));
  }

  private EipFailover failover(MembershipView view, MapElasticIpManager manager) {
    EipFailover f = EipFailover.builder()
        .topology(cluster.topology())
        .self(view.self())
        .membership(new StaticMembership(view))
        .elasticIpManager(manager)
        .guard(request -> GuardVerdict.allow("benchmark: always allow"))
        .healthCheck(() -> HealthResult.healthy("benchmark"))
        .strategy(strategy)
        .scheduler(new DirectScheduler())
        .ioExecutor(MoreExecutors.directExecutor())
        .ticker(new AdvancingTicker(ScaleCluster.NOW, 1_000))
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .config(FailoverConfig.builder().startupGrace(Duration.ZERO).apiBurst(1_000).apiCallsPerSecond(1_000_000.0)
            .dryRun(true).build())
        .build();
    f.start();
    return f;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    afterDeaths.close();
    steady.close();
  }

  /** A full pass right after 8 of 64 nodes died: this node plans its share of 128 orphans. */
  @Benchmark
  public Placement passAfterEightDeaths() {
    afterDeaths.reconcileNow();
    return afterDeaths.status().plan();
  }

  /** A full pass in steady state: all 1,024 EIPs home, nothing to do. */
  @Benchmark
  public Placement passSteadyState() {
    steady.reconcileNow();
    return steady.status().plan();
  }

  /** Baseline: the in-memory describe of 1,024 EIPs that starts each pass. */
  @Benchmark
  public Map<String, ObservedAssociation> baselineDescribe() {
    return ec2.describe(cluster.topology().elasticIps());
  }

  /** Baseline: the placement alone on the same input. */
  @Benchmark
  public Placement placementOnly() {
    return strategy.place(cluster.afterDeaths());
  }
}

package io.eipfailover.core.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.event.FailoverListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** The validated settings of an {@code EipFailover}, as built by its builder. */
public record FailoverSettings(
    ClusterTopology topology,
    NodeId self,
    Membership membership,
    ElasticIpManager elasticIpManager,
    SplitBrainGuard guard,
    FailoverStrategy strategy,
    int toleratedFailures,
    HealthCheck healthCheck,
    Duration healthCheckInterval,
    List<Registration> listeners,
    Ticker ticker,
    Clock clock,
    ScheduledExecutorService scheduler,
    Random random,
    boolean dryRun,
    Duration resyncInterval,
    Duration tickInterval,
    Duration detectionDeadline,
    Duration confirmDelay,
    Duration inFlightTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration holdTime,
    Duration startupGrace,
    int apiBurst,
    double apiCallsPerSecond) {

  /** A listener and the executor it is called on. */
  public record Registration(FailoverListener listener, Executor executor) {}
}

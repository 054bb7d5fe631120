package io.eipfailover.core.internal;

import com.google.common.base.Ticker;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIpManager;
import io.eipfailover.core.FailoverConfig;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.HealthCheck;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.SplitBrainGuard;
import io.eipfailover.core.event.FailoverListener;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What {@code EipFailover.Builder} hands to the implementation: the validated collaborators and the
 * configuration (with {@code toleratedFailures} resolved).
 *
 * @param scheduler the injected scheduler, or null for one the failover creates and closes
 * @param ioExecutor the injected executor for EC2 calls and guards, or null for one the failover
 *     creates and closes
 */
public record FailoverParts(
    ClusterTopology topology,
    NodeId self,
    Membership membership,
    ElasticIpManager elasticIpManager,
    SplitBrainGuard guard,
    FailoverStrategy strategy,
    HealthCheck healthCheck,
    List<Registration> listeners,
    Ticker ticker,
    Clock clock,
    ScheduledExecutorService scheduler,
    Executor ioExecutor,
    Random random,
    FailoverConfig config) {

  /** A listener and the executor it is called on. */
  public record Registration(FailoverListener listener, Executor executor) {}
}

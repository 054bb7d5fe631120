package io.eipfailover.examples.agent.status;

import io.eipfailover.aws.metrics.Ec2Metrics;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.Membership;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.metrics.EipFailoverMetrics;
import io.eipfailover.core.metrics.MembershipMetrics;
import io.eipfailover.membership.jgroups.JGroupsMembership;
import io.eipfailover.membership.jgroups.metrics.JGroupsMembershipMetrics;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.metrics.UdpMembershipMetrics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's {@code /metrics}: one Micrometer {@link PrometheusMeterRegistry} with the library's
 * binders (the failover's, the membership's, EC2's) bound to it, rendered by Micrometer in the
 * Prometheus text format. Every series carries the common tags {@code cluster} and {@code self}
 * (the reporting node). The agent's own meter, {@code eipfailover.hook.runs} (tags {@code event},
 * {@code result}), gets a series for each event and result once it has happened. Thread-safe.
 */
public final class AgentMetrics {
  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private volatile Supplier<Map<String, Long>> hookRuns = Map::of;

  private AgentMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * A registry for {@code self} of {@code topology}'s cluster. Bind {@link #ec2()} before the
   * client makes calls and {@link #bind} before the failover starts so no event is missed.
   */
  public static AgentMetrics create(ClusterTopology topology, NodeId self, Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
        new PrometheusRegistry(), clock);
    registry.config().commonTags("cluster", topology.clusterName(), "self", self.value());
    return new AgentMetrics(registry);
  }

  /** Binds the EC2 interceptor installed on the agent's client. */
  public AgentMetrics bind(Ec2Metrics ec2) {
    ec2.bindTo(registry);
    return this;
  }

  /** Binds the failover and its membership (the UDP or JGroups binder, or the generic one). */
  public AgentMetrics bind(EipFailover failover, ClusterTopology topology, Membership membership) {
    new EipFailoverMetrics(failover, topology).bindTo(registry);
    if (membership instanceof UdpMembership udp) {
      new UdpMembershipMetrics(udp).bindTo(registry);
    } else if (membership instanceof JGroupsMembership jgroups) {
      new JGroupsMembershipMetrics(jgroups).bindTo(registry);
    } else {
      new MembershipMetrics(membership).bindTo(registry);
    }
    return this;
  }

  /** Hook runs by {@code event/result} (the hooks' own counters), as {@code eipfailover.hook.runs}. */
  public AgentMetrics bindHookRuns(Supplier<Map<String, Long>> runs) {
    this.hookRuns = runs;
    return this;
  }

  /** Everything, in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    // A hook run's (event, result) pair is known once it happened: register its series then.
    hookRuns.get().keySet().forEach(this::registerHookRun);
    return registry.scrape();
  }

  private void registerHookRun(String key) {
    int slash = key.lastIndexOf('/');
    FunctionCounter.builder("eipfailover.hook.runs", this, m -> m.hookRuns.get().getOrDefault(key, 0L))
        .description("hook runs by event and result (ok, failed, timeout, error, dropped)")
        .tag("event", key.substring(0, slash)).tag("result", key.substring(slash + 1))
        .register(registry);
  }

  /** The registry, for tests and for adding meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }
}

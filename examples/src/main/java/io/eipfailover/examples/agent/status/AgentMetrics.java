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
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The agent's {@code /metrics}: one Micrometer {@link PrometheusMeterRegistry} with the library's
 * binders (the failover's, the membership's, EC2's) bound to it, rendered by Micrometer in the
 * Prometheus text format. Every series carries the common tags {@code cluster} and {@code self}
 * (the reporting node). Thread-safe.
 */
public final class AgentMetrics {
  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

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

  /** Everything, in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** The registry, for tests and for adding meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }
}

package io.eipfailover.consumer;

import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.metrics.Ec2Metrics;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.metrics.EipFailoverMetrics;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.metrics.UdpMembershipMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Everything of the consumer that touches Micrometer, so that {@code PairMain --no-metrics} runs
 * without it: each module's binder on one registry, every meter tagged {@code self} with its node (not {@code node}: {@code eipfailover.peer.state} has a tag of that name).
 */
final class Meters {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private Meters() {}

  static Meters create() {
    return new Meters();
  }

  void instrument(Ec2Clients.Builder clients, String node) {
    Ec2Metrics ec2 = new Ec2Metrics(Tags.of("self", node));
    clients.addExecutionInterceptor(ec2);
    ec2.bindTo(registry);
  }

  void bind(EipFailover failover, ClusterTopology topology, UdpMembership membership, String node) {
    new EipFailoverMetrics(failover, topology, Tags.of("self", node)).bindTo(registry);
    new UdpMembershipMetrics(membership, Tags.of("self", node)).bindTo(registry);
  }

  /**
   * Whether lb-b's takeover shows in the meters: one takeover, lb-a sent heartbeats, lb-b called
   * AssociateAddress. The EC2 fake applies an association before the SDK's interceptor times the
   * call, and the takeover counter follows the confirmation, so callers wait for this to become
   * true; a meter not registered yet reads as absent, never as an error.
   */
  boolean showTakeover() {
    return takeovers() == 1 && heartbeatsSentByA() > 0 && associatesByB() >= 1;
  }

  String summary() {
    return "lb-b takeovers " + takeovers() + ", lb-b holds lb-a's EIP " + heldByB() + ", lb-a heartbeats sent "
        + heartbeatsSentByA() + ", lb-b AssociateAddress calls " + associatesByB() + ", "
        + registry.getMeters().size() + " meters";
  }

  private double takeovers() {
    Counter c = registry.find("eipfailover.takeovers").tag("self", "lb-b").counter();
    return c == null ? 0 : c.count();
  }

  private double heldByB() {
    Gauge g = registry.find("eipfailover.eip.held").tags("self", "lb-b", "allocation_id", PairMain.ALLOC_A).gauge();
    return g == null ? Double.NaN : g.value();
  }

  private double heartbeatsSentByA() {
    FunctionCounter c = registry.find("eipfailover.heartbeats.sent").tag("self", "lb-a").functionCounter();
    return c == null ? 0 : c.count();
  }

  private long associatesByB() {
    Timer t = registry.find("eipfailover.ec2.calls").tags("self", "lb-b", "operation", "AssociateAddress").timer();
    return t == null ? 0 : t.count();
  }
}

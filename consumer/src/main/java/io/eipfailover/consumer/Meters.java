package io.eipfailover.consumer;

import io.eipfailover.aws.Ec2Clients;
import io.eipfailover.aws.metrics.Ec2Metrics;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.EipFailover;
import io.eipfailover.core.metrics.EipFailoverMetrics;
import io.eipfailover.membership.udp.UdpMembership;
import io.eipfailover.membership.udp.metrics.UdpMembershipMetrics;
import io.micrometer.core.instrument.Tags;
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

  /** lb-b's takeover shows in its meters; both nodes sent heartbeats and called EC2. */
  boolean check() {
    double takeovers = registry.get("eipfailover.takeovers").tag("self", "lb-b").counter().count();
    double heldByB = registry.get("eipfailover.eip.held").tags("self", "lb-b", "allocation_id", PairMain.ALLOC_A)
        .gauge().value();
    double sentByA = registry.get("eipfailover.heartbeats.sent").tag("self", "lb-a").functionCounter().count();
    long associates = registry.get("eipfailover.ec2.calls").tags("self", "lb-b", "operation", "AssociateAddress")
        .timer().count();
    System.out.println("consumer: meters: lb-b takeovers " + takeovers + ", lb-b holds lb-a's EIP " + heldByB
        + ", lb-a heartbeats sent " + sentByA + ", lb-b AssociateAddress calls " + associates
        + ", " + registry.getMeters().size() + " meters");
    boolean ok = takeovers == 1 && sentByA > 0 && associates >= 1;
    if (!ok) {
      System.out.println("FAILED: the meters do not show the takeover");
    }
    return ok;
  }
}

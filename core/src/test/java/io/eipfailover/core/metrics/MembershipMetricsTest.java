package io.eipfailover.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eipfailover.core.MemberState;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.ManualMembership;
import io.eipfailover.core.testing.VirtualTime;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipMetricsTest {
  private static final NodeId A = NodeId.of("lb-a");
  private static final NodeId B = NodeId.of("lb-b");

  private final ManualMembership membership = new ManualMembership(A, List.of(A, B), new VirtualTime().ticker());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void nodeStateGaugesFollowTheViewOneSeriesPerNodeAndState() {
    new MembershipMetrics(membership).bindTo(registry);

    assertEquals(1, state(B, "dead"));
    assertEquals(0, state(B, "alive"));
    membership.set(B, MemberState.ALIVE);
    assertEquals(1, state(B, "alive"));
    assertEquals(0, state(B, "dead"));
    assertEquals(1, state(A, "alive"));
    assertEquals(10, registry.find("eipfailover.peer.state").gauges().size());
  }

  @Test
  void hearsSelfIsMinusOneWhileTheMembershipCannotTell() {
    new MembershipMetrics(membership).bindTo(registry);
    membership.set(B, MemberState.ALIVE);
    assertEquals(-1, registry.get("eipfailover.peer.hears_self").tag("node", B.value()).gauge().value());
    assertEquals(2, registry.find("eipfailover.peer.hears_self").gauges().size());
  }

  @Test
  void countsViewChangesMergesAndConfigMismatches() {
    new MembershipMetrics(membership).bindTo(registry);

    membership.set(B, MemberState.ALIVE);
    membership.set(B, MemberState.SUSPECT);
    membership.merge();
    membership.reportConfigMismatch(B, 1, 2);

    assertEquals(2, registry.get("eipfailover.membership.view.changes").tag("merged", "false").counter().count());
    assertEquals(1, registry.get("eipfailover.membership.view.changes").tag("merged", "true").counter().count());
    assertEquals(1, registry.get("eipfailover.membership.config.mismatches").counter().count());
  }

  @Test
  void extraTagsReachEveryMeter() {
    new MembershipMetrics(membership, Tags.of("cluster", "web")).bindTo(registry);

    registry.getMeters().forEach(m -> assertEquals("web", m.getId().getTag("cluster"), m.getId().toString()));
    assertEquals(17, registry.getMeters().size(),
        "2 nodes x (5 states + the unauthenticated flag + hears_self) + 3 counters");
  }

  @Test
  void rejectsNullArgumentsNamingThem() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> new MembershipMetrics(null));
    assertEquals("membership must not be null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> new MembershipMetrics(membership).bindTo(null));
    assertEquals("registry must not be null", e.getMessage());
  }

  private double state(NodeId node, String state) {
    return registry.get("eipfailover.peer.state").tag("node", node.value()).tag("state", state).gauge()
        .value();
  }
}

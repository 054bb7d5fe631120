package io.eipfailover.examples.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.ElasticIp;
import io.eipfailover.core.GuardVerdict;
import io.eipfailover.core.MemberEntry;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.ObservedAssociation;
import io.eipfailover.core.Placement;
import io.eipfailover.core.PlacementInput;
import io.eipfailover.core.TakeoverRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LeastLoadedStrategyTest {
  private static final NodeId A = NodeId.of("lb-a");
  private static final NodeId B = NodeId.of("lb-b");
  private static final NodeId C = NodeId.of("lb-c");

  /** a is home of two EIPs, b of one, c of none: orphans go to the least loaded survivor. */
  private static final ClusterTopology TOPOLOGY = ClusterTopology.builder().clusterName("t")
      .node(new io.eipfailover.core.NodeSpec(A,
          java.util.List.of(AttachmentPoint.primary("eni-0a", "10.0.1.10"), AttachmentPoint.primary("eni-0a", "10.0.1.11")),
          java.util.List.of(AttachmentPoint.reserved("eni-0a", "10.0.1.20"))))
      .node(B, AttachmentPoint.primary("eni-0b", "10.0.2.10"), AttachmentPoint.reserved("eni-0b", "10.0.2.20"),
          AttachmentPoint.reserved("eni-0b", "10.0.2.21"))
      .node(C, AttachmentPoint.primary("eni-0c", "10.0.3.10"), AttachmentPoint.reserved("eni-0c", "10.0.3.20"),
          AttachmentPoint.reserved("eni-0c", "10.0.3.21"))
      .elasticIp(ElasticIp.of("eipalloc-01", "203.0.113.1", "lb-a"))
      .elasticIp(ElasticIp.of("eipalloc-02", "203.0.113.2", "lb-a"))
      .elasticIp(ElasticIp.of("eipalloc-03", "203.0.113.3", "lb-b"))
      .build();

  private static MembershipView view(MemberState a, MemberState b, MemberState c) {
    Map<NodeId, MemberEntry> m = new LinkedHashMap<>();
    m.put(A, MemberEntry.of(a, 0));
    m.put(B, MemberEntry.of(b, 0));
    m.put(C, MemberEntry.of(c, 0));
    return new MembershipView(1, B, m);
  }

  private static Map<String, ObservedAssociation> atHome() {
    Map<String, ObservedAssociation> o = new LinkedHashMap<>();
    o.put("eipalloc-01", ObservedAssociation.associated("eipalloc-01", "x1", "eni-0a", "10.0.1.10"));
    o.put("eipalloc-02", ObservedAssociation.associated("eipalloc-02", "x2", "eni-0a", "10.0.1.11"));
    o.put("eipalloc-03", ObservedAssociation.associated("eipalloc-03", "x3", "eni-0b", "10.0.2.10"));
    return o;
  }

  @Test
  void everythingStaysHomeWhileHomesAreAlive() {
    Placement p = new LeastLoadedStrategy().place(new PlacementInput(TOPOLOGY,
        view(MemberState.ALIVE, MemberState.ALIVE, MemberState.ALIVE), atHome(), 0));
    assertEquals("10.0.1.10", p.targets().get("eipalloc-01").point().privateIp());
    assertEquals("10.0.1.11", p.targets().get("eipalloc-02").point().privateIp());
    assertEquals(B, p.targets().get("eipalloc-03").node());
  }

  @Test
  void orphansGoToTheLeastLoadedAliveNodeOnFreeReservedIps() {
    Placement p = new LeastLoadedStrategy().place(new PlacementInput(TOPOLOGY,
        view(MemberState.DEAD, MemberState.ALIVE, MemberState.ALIVE), atHome(), 0));
    // b already carries its own EIP, c carries none: the first orphan goes to c, then a tie -> lb-b
    assertEquals(new Placement.Target(C, AttachmentPoint.reserved("eni-0c", "10.0.3.20")), p.targets().get("eipalloc-01"));
    assertEquals(new Placement.Target(B, AttachmentPoint.reserved("eni-0b", "10.0.2.20")), p.targets().get("eipalloc-02"));
  }

  @Test
  void suspectHoldersKeepTheirEipsAndNobodyElseReceivesOne() {
    Placement p = new LeastLoadedStrategy().place(new PlacementInput(TOPOLOGY,
        view(MemberState.SUSPECT, MemberState.ALIVE, MemberState.UNHEALTHY), atHome(), 0));
    assertEquals(A, p.targets().get("eipalloc-01").node(), "suspicion alone never moves an EIP");
    Placement dead = new LeastLoadedStrategy().place(new PlacementInput(TOPOLOGY,
        view(MemberState.DEAD, MemberState.UNHEALTHY, MemberState.STANDBY), atHome(), 0));
    assertEquals(Map.of(), dead.targets(), "no ALIVE node: every EIP stays where it is");
  }

  @Test
  void killSwitchDeniesWhileTheFlagExistsThenDelegates(@TempDir Path dir) throws Exception {
    Path flag = dir.resolve("no-takeover");
    KillSwitchGuard guard = new KillSwitchGuard(flag, r -> GuardVerdict.allow("next allows"));
    TakeoverRequest req = new TakeoverRequest(B, TOPOLOGY.elasticIps().get(0), Optional.of(A),
        view(MemberState.DEAD, MemberState.ALIVE, MemberState.ALIVE), TOPOLOGY);
    assertEquals(GuardVerdict.allow("next allows"), guard.evaluate(req));
    Files.createFile(flag);
    GuardVerdict v = guard.evaluate(req);
    assertTrue(!v.allowed() && v.reason().contains(flag.toString()), v.toString());
  }

  @Test
  @Timeout(60)
  void theExampleHoldsWhileTheSwitchIsSetAndMovesAfter() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    boolean ok = CustomStrategyExample.run(new PrintStream(buf, true, StandardCharsets.UTF_8), d -> Thread.sleep(d.toMillis()));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(ok, out);
    assertTrue(out.contains("guard denied taking 203.0.113.1: kill switch"), out);
    assertTrue(out.contains("[lb-b] took 203.0.113.1 from lb-a"), out);
  }
}

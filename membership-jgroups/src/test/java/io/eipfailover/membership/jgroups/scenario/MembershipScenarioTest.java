package io.eipfailover.membership.jgroups.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.MembershipView;
import io.eipfailover.core.NodeId;
import io.eipfailover.core.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several real JGroups members on loopback: views, status, partitions, merges, deaths. Only
 * outcomes and their order are asserted; how long detection and merges take is the benchmarks'
 * business.
 */
class MembershipScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static boolean all(MembershipView v, MemberState state, String... nodes) {
    for (String n : nodes) {
      if (v.stateOf(NodeId.of(n)) != state) {
        return false;
      }
    }
    return true;
  }

  @Test
  void membersSeeEachOtherAndEveryStatusChange() {
    try (LoopbackCluster c = new LoopbackCluster(3)) {
      c.start("n1");
      c.start("n2");
      c.start("n3");
      for (String n : List.of("n1", "n2", "n3")) {
        c.await(n, v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "everyone ALIVE");
      }
      c.member("n2").membership.announce(AnnouncedStatus.STANDBY);
      c.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.STANDBY, WAIT, "n2 STANDBY");
      c.await("n3", v -> v.stateOf(NodeId.of("n2")) == MemberState.STANDBY, WAIT, "n2 STANDBY");
      c.await("n2", v -> v.stateOf(NodeId.of("n2")) == MemberState.STANDBY, WAIT, "self follows announce (on its loop)");
      c.member("n3").membership.announce(AnnouncedStatus.UNHEALTHY);
      c.await("n1", v -> v.stateOf(NodeId.of("n3")) == MemberState.UNHEALTHY, WAIT, "n3 UNHEALTHY");
      c.member("n2").membership.announce(AnnouncedStatus.ALIVE);
      c.member("n3").membership.announce(AnnouncedStatus.ALIVE);
      c.await("n1", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "everyone ALIVE again");

      List<MembershipView> seen = List.copyOf(c.member("n1").recorder.views);
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i).epoch() > seen.get(i - 1).epoch(), () -> "epochs increase in delivery order: " + seen);
      }
      assertTrue(c.member("n1").view().peer(NodeId.of("n2")).lastHeard().isPresent(), "lastHeard is filled");
      var diagnostics = c.member("n1").discard.getProtocolStack().getTransport().getDiagnosticsHandler();
      assertTrue(diagnostics == null || !diagnostics.isEnabled(), "the default stack runs no probe endpoint");
    }
  }

  @Test
  void aPartitionSplitsTheViewAndHealingDeliversAMergedView() {
    try (LoopbackCluster c = new LoopbackCluster(5)) {
      for (String n : List.of("n1", "n2", "n3", "n4", "n5")) {
        c.start(n);
      }
      c.await("n1", v -> v.count(MemberState.ALIVE) == 5, WAIT, "everyone ALIVE");
      c.await("n5", v -> v.count(MemberState.ALIVE) == 5, WAIT, "everyone ALIVE");

      c.partition(Set.of("n1", "n2"), Set.of("n3", "n4", "n5"));
      c.await("n1", v -> all(v, MemberState.DEAD, "n3", "n4", "n5") && all(v, MemberState.ALIVE, "n1", "n2"), WAIT,
          "n3, n4, n5 DEAD after the cut");
      c.await("n3", v -> all(v, MemberState.DEAD, "n1", "n2") && all(v, MemberState.ALIVE, "n3", "n4", "n5"), WAIT,
          "n1, n2 DEAD after the cut");

      c.member("n4").membership.announce(AnnouncedStatus.STANDBY);
      c.await("n3", v -> v.stateOf(NodeId.of("n4")) == MemberState.STANDBY, WAIT, "n4 STANDBY on its side");
      assertEquals(MemberState.DEAD, c.member("n1").view().stateOf(NodeId.of("n4")), "the other side cannot know");

      int before = c.member("n1").recorder.views.size();
      c.heal();
      MembershipView merged = c.await("n1", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3", "n5")
          && v.stateOf(NodeId.of("n4")) == MemberState.STANDBY, WAIT, "the merged group with n4 STANDBY");
      // a copy: JGroups threads may still append to the recorder while the message is built
      List<MembershipView> all = List.copyOf(c.member("n1").recorder.views);
      List<MembershipView> after = all.subList(before, all.size());
      assertTrue(after.stream().anyMatch(MembershipView::merged), () -> "a merged view was delivered: " + after);
      assertTrue(merged.epoch() > 0);
    }
  }

  @Test
  void aHungMemberIsSuspectedThenDeclaredDead() {
    try (LoopbackCluster c = new LoopbackCluster(3)) {
      for (String n : List.of("n1", "n2", "n3")) {
        c.start(n);
      }
      c.await("n1", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "everyone ALIVE");
      c.hang("n3");
      MembershipView v = c.await("n1", x -> x.stateOf(NodeId.of("n3")) == MemberState.DEAD, WAIT, "n3 DEAD");
      assertTrue(v.peer(NodeId.of("n3")).suspectedAt().isPresent(), () -> "it went through SUSPECT: " + v.peer(NodeId.of("n3")));
      assertTrue(v.peer(NodeId.of("n3")).lastHeard().isPresent());
      assertTrue(c.member("n1").recorder.views.stream().anyMatch(x -> x.stateOf(NodeId.of("n3")) == MemberState.SUSPECT),
          "a SUSPECT view was delivered before DEAD");
      c.await("n2", x -> x.stateOf(NodeId.of("n3")) == MemberState.DEAD && x.stateOf(NodeId.of("n1")) == MemberState.ALIVE,
          WAIT, "n3 DEAD, n1 ALIVE");
    }
  }

  @Test
  void anAbruptlyKilledMemberIsDeclaredDeadAndARestartedOneComesBack() {
    try (LoopbackCluster c = new LoopbackCluster(3)) {
      for (String n : List.of("n1", "n2", "n3")) {
        c.start(n);
      }
      c.await("n3", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "everyone ALIVE");
      c.kill("n2");
      c.await("n1", v -> v.stateOf(NodeId.of("n2")) == MemberState.DEAD, WAIT, "n2 DEAD");
      c.await("n3", v -> v.stateOf(NodeId.of("n2")) == MemberState.DEAD && v.stateOf(NodeId.of("n1")) == MemberState.ALIVE,
          WAIT, "n2 DEAD");

      c.start("n2");
      c.await("n1", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "restarted n2 ALIVE");
      c.await("n2", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "the restarted node sees everyone");
    }
  }

  @Test
  void aPeerWithADifferentTopologyIsReportedAtMostOncePerInterval() {
    try (LoopbackCluster c = new LoopbackCluster(3)) {
      c.start("n1");
      c.start("n2");
      c.start("n3", LoopbackCluster.topology("jgtest", 3, 100));
      c.await("n1", v -> all(v, MemberState.ALIVE, "n1", "n2", "n3"), WAIT, "everyone ALIVE");
      // Two more announcements from n3, each carrying its fingerprint, reach n1 (their status
      // changes show it) well within the one-minute report interval: no second report.
      c.member("n3").membership.announce(AnnouncedStatus.STANDBY);
      c.await("n1", v -> v.stateOf(NodeId.of("n3")) == MemberState.STANDBY, WAIT, "n3 STANDBY");
      c.member("n3").membership.announce(AnnouncedStatus.ALIVE);
      c.await("n1", v -> v.stateOf(NodeId.of("n3")) == MemberState.ALIVE, WAIT, "n3 ALIVE again");
      LoopbackCluster.Recorder r = c.member("n1").recorder;
      assertEquals(List.of(NodeId.of("n3")), List.copyOf(r.mismatchPeers), "one report for n3, none for n2");
      assertEquals(c.topology.fingerprint(), r.mismatches.get(0)[0]);
      assertEquals(LoopbackCluster.topology("jgtest", 3, 100).fingerprint(), r.mismatches.get(0)[1]);
      List<NodeId> both = List.of(NodeId.of("n1"), NodeId.of("n2"));
      Await.value("n3 (the odd one out) hears about n1 and n2", WAIT, () -> List.copyOf(c.member("n3").recorder.mismatchPeers),
          peers -> peers.containsAll(both));
    }
  }
}

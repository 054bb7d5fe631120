package io.eipfailover.core.internal.strategy;

import static io.eipfailover.core.internal.strategy.Scenario.n;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Placement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two corners of the shared placement rules: an EIP found on a holder's primary IP (not one of its
 * reserved points) is repaired onto a reserved point of that same holder even while the holder is
 * only SUSPECT; and a home node with no reserved points at all still receives its own EIP.
 */
class RepairAndHomeOnlyTest {
  private static final Duration FAILBACK = Duration.ofSeconds(10);

  @Test
  void anEipOnASuspectHoldersPrimaryIpIsRepairedOntoThatHoldersReservedPoint() {
    // only a has an EIP; a is dead; the EIP sits on b's primary IP (moved there by hand); b is SUSPECT
    Scenario s = Scenario.of(3, 1, "a").state("a", MemberState.DEAD).state("b", MemberState.SUSPECT);
    AttachmentPoint bPrimary = s.topology.node(n("b")).homePoints().get(0);
    s.at(Scenario.eip(1), bPrimary);
    for (FailoverStrategy strategy : List.of(FailoverStrategies.homeWithFailback(FAILBACK),
        FailoverStrategies.balanced(FAILBACK), FailoverStrategies.sticky())) {
      Placement p = strategy.place(s.input());
      Targets.assertAt(p, 1, "b", s.reserved("b", 0));
    }
  }

  @Test
  void aHomeNodeWithoutReservedPointsStillTakesItsOwnEip() {
    Scenario s = Scenario.of(2, 0, "a").unassociated(1);
    FailoverStrategy priority = FailoverStrategies.priority(Map.of(Scenario.eip(1), List.of(n("a"), n("b"))), FAILBACK);
    Targets.assertAt(priority.place(s.input()), 1, "a", s.home(1));
  }
}

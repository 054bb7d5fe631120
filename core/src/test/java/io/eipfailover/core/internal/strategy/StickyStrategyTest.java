package io.eipfailover.core.internal.strategy;

import static io.eipfailover.core.internal.strategy.Targets.assertAbsent;
import static io.eipfailover.core.internal.strategy.Targets.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Placement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StickyStrategyTest {
  private final FailoverStrategy strategy = FailoverStrategies.sticky();

  @Test
  void failsOverLikeTheOthers() {
    Scenario s = Scenario.of(2, 1, "a", "b").state("a", MemberState.DEAD);
    assertAt(strategy.place(s.input()), 1, "b", s.reserved("b", 0));
  }

  @ParameterizedTest
  @EnumSource(value = MemberState.class, names = {"ALIVE", "SUSPECT"})
  void neverFailsBackWhileTheHolderCanKeepIt(MemberState holderState) {
    Scenario s = Scenario.of(2, 1, "a", "b").atReserved(1, "b", 0).aliveFor("a", Duration.ofDays(1))
        .state("b", holderState);
    assertAt(strategy.place(s.input()), 1, "b", s.reserved("b", 0));
  }

  @ParameterizedTest
  @EnumSource(value = MemberState.class, names = {"DEAD", "STANDBY", "UNHEALTHY"})
  void anOrphanGoesHomeWhenHomeIsAlive(MemberState holderState) {
    Scenario s = Scenario.of(3, 1, "a").atReserved(1, "b", 0).state("b", holderState)
        .aliveFor("a", Duration.ZERO);
    assertAt(strategy.place(s.input()), 1, "a", s.home(1));
  }

  @Test
  void anOrphanWhoseHomeIsDownGoesToTheRingSuccessor() {
    Scenario s = Scenario.of(3, 1, "a").atReserved(1, "b", 0).state("b", MemberState.DEAD)
        .state("a", MemberState.DEAD);
    assertAt(strategy.place(s.input()), 1, "c", s.reserved("c", 0));
  }

  @Test
  void isAbsentWithNobodyToTakeIt() {
    Scenario s = Scenario.of(2, 1, "a").state("a", MemberState.DEAD).state("b", MemberState.SUSPECT);
    Placement p = strategy.place(s.input());
    assertAbsent(p, 1);
  }

  @Test
  void namesItself() {
    assertEquals("sticky()", strategy.toString());
  }
}

package io.eipfailover.core.internal.strategy;

import static io.eipfailover.core.internal.strategy.Targets.assertAbsent;
import static io.eipfailover.core.internal.strategy.Targets.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;
import io.eipfailover.core.MemberState;
import io.eipfailover.core.Placement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HomeWithFailbackStrategyTest {
  private final FailoverStrategy strategy = FailoverStrategies.homeWithFailback(Duration.ofSeconds(10));

  @Test
  void everyEipStaysHomeWhenAllNodesAreAlive() {
    Scenario s = Scenario.of(2, 1, "a", "b");
    Placement p = strategy.place(s.input());
    assertAt(p, 1, "a", s.home(1));
    assertAt(p, 2, "b", s.home(2));
  }

  @ParameterizedTest
  @EnumSource(value = MemberState.class, names = {"DEAD", "STANDBY", "UNHEALTHY"})
  void anOrphanedEipMovesToThePeersFirstReservedPoint(MemberState state) {
    Scenario s = Scenario.of(2, 2, "a", "b").state("a", state);
    Placement p = strategy.place(s.input());
    assertAt(p, 1, "b", s.reserved("b", 0));
    assertAt(p, 2, "b", s.home(2));
  }

  @Test
  void suspicionAloneDoesNotMoveAnEip() {
    Scenario s = Scenario.of(2, 1, "a", "b").state("a", MemberState.SUSPECT);
    assertAt(strategy.place(s.input()), 1, "a", s.home(1));
  }

  @ParameterizedTest(name = "home alive for {0}s -> {1}")
  @CsvSource({"0, b", "5, b", "9, b", "10, a", "11, a", "3600, a"})
  void failsBackOnlyAfterTheHomeHasBeenAliveForTheDelay(long aliveSeconds, String expected) {
    Scenario s = Scenario.of(2, 1, "a", "b").atReserved(1, "b", 0).aliveFor("a", Duration.ofSeconds(aliveSeconds));
    Placement p = strategy.place(s.input());
    assertEquals(expected, p.targets().get("eipalloc-1").node().value());
    assertAt(p, 2, "b", s.home(2));
  }

  @Test
  void aZeroDelayFailsBackAtOnce() {
    Scenario s = Scenario.of(2, 1, "a", "b").atReserved(1, "b", 0).aliveFor("a", Duration.ZERO);
    assertAt(FailoverStrategies.homeWithFailback(Duration.ZERO).place(s.input()), 1, "a", s.home(1));
  }

  @Test
  void anOrphanGoesHomeAtOnceWhenHomeIsAliveEvenBeforeTheDelay() {
    Scenario s = Scenario.of(2, 1, "a", "b").atReserved(1, "b", 0).state("b", MemberState.DEAD)
        .aliveFor("a", Duration.ofSeconds(1));
    assertAt(strategy.place(s.input()), 1, "a", s.home(1));
  }

  @Test
  void anUnassociatedEipGoesHome() {
    Scenario s = Scenario.of(2, 1, "a", "b").unassociated(1);
    assertAt(strategy.place(s.input()), 1, "a", s.home(1));
  }

  @ParameterizedTest(name = "home {0} dead -> {1}")
  @CsvSource({"a, b", "b, c", "c, a"})
  void anOrphanGoesToTheRingSuccessorOfItsHome(String home, String successor) {
    Scenario s = Scenario.of(3, 1, home).state(home, MemberState.DEAD);
    assertAt(strategy.place(s.input()), 1, successor, s.reserved(successor, 0));
  }

  @Test
  void theRingSkipsDeadNodesAndNodesWithoutAFreePoint() {
    // b dead; c's only reserved point holds a stranger EIP; so a's EIP goes on to d.
    Scenario s = Scenario.of(4, 1, "a", "b").state("a", MemberState.DEAD).state("b", MemberState.DEAD)
        .atReserved(2, "c", 0);
    Placement p = strategy.place(s.input());
    assertAt(p, 2, "c", s.reserved("c", 0));
    assertAt(p, 1, "d", s.reserved("d", 0));
  }

  @Test
  void anEipWithNoEligibleNodeIsAbsent() {
    Scenario s = Scenario.of(2, 1, "a", "b").state("a", MemberState.DEAD).state("b", MemberState.STANDBY);
    Placement p = strategy.place(s.input());
    assertAbsent(p, 1);
    assertAbsent(p, 2);
  }

  @Test
  void anEipIsAbsentWhenTheSurvivorHasNoReservedPoints() {
    Scenario s = Scenario.of(2, 0, "a", "b").state("a", MemberState.DEAD);
    assertAbsent(strategy.place(s.input()), 1);
  }

  @Test
  void namesItselfWithItsDelay() {
    assertEquals("homeWithFailback(PT10S)", strategy.toString());
    assertEquals("homeWithFailback(PT10S)", FailoverStrategies.defaults().toString());
  }

  @Test
  void rejectsANullOrNegativeDelayNamingIt() {
    NullPointerException npe = assertThrows(NullPointerException.class, () -> FailoverStrategies.homeWithFailback(null));
    assertTrue(npe.getMessage().contains("failbackDelay"), npe.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FailoverStrategies.homeWithFailback(Duration.ofSeconds(-1)));
    assertEquals("failbackDelay must be >= 0, was PT-1S", e.getMessage());
  }
}

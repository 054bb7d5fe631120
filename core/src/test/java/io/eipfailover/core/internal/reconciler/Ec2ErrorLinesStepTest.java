package io.eipfailover.core.internal.reconciler;

import static io.eipfailover.core.internal.reconciler.StepDriver.A;
import static io.eipfailover.core.internal.reconciler.StepDriver.B;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eipfailover.core.ElasticIpManagerException.Kind;
import io.eipfailover.core.MemberState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lines EC2 can make the step repeat carry a budget, which the runner writes through a {@code
 * RateLimitedLog} (issue 13: no input makes a node log more than a few lines per second per reason).
 */
class Ec2ErrorLinesStepTest {
  private static List<Optional<String>> budgets(StepDriver d) {
    return d.last.effects().stream().filter(Effect.Log.class::isInstance).map(e -> ((Effect.Log) e).budget()).toList();
  }

  @Test
  void aFailedDescribeIsLoggedWithinTheDescribeBudget() {
    StepDriver d = StepDriver.pair().steady();
    d.peer(B, MemberState.DEAD);
    d.feed(at -> new Input.DescribeFailed(at, Kind.RETRYABLE, "connect timed out"));
    assertEquals(List.of(Optional.of("describe failed")), budgets(d));
  }

  @Test
  void aFailedAssociateIsLoggedWithinTheAssociateBudget() {
    StepDriver d = StepDriver.pair().takeoverSent();
    d.associateFailed(d.eip(B), d.reserved(A), Kind.RETRYABLE);
    assertEquals(List.of(Optional.of("associate failed")), budgets(d));
  }

  @Test
  void otherLinesAreWrittenWhenTheStepAsks() {
    StepDriver d = StepDriver.pair().steady();
    d.peer(B, MemberState.DEAD);
    d.describedAtHome();
    d.guard(d.eip(B), false, "gateway unreachable");
    assertEquals(List.of(Optional.empty()), budgets(d), "a guard denial is reported once by the step itself");
  }
}

package io.eipfailover.core.internal.reconciler;

import io.eipfailover.core.FailoverConfig;
import java.util.Objects;

/**
 * This node's EC2 call budgets, one per action as EC2 keeps its buckets: throttled associates
 * slow associates, throttled describes slow describes, and a describe never spends the token an
 * associate needs. Immutable.
 *
 * @param describe the {@code DescribeAddresses} budget
 * @param associate the {@code AssociateAddress} budget
 */
public record CallBudgets(TokenBudget describe, TokenBudget associate) {
  public CallBudgets {
    Objects.requireNonNull(describe, "describe");
    Objects.requireNonNull(associate, "associate");
  }

  /** Both budgets full at the configured size and rate. */
  static CallBudgets full(FailoverConfig config) {
    long recovery = config.throttleRecovery().toNanos();
    return new CallBudgets(TokenBudget.full(config.apiBurst(), config.apiCallsPerSecond(), recovery),
        TokenBudget.full(config.apiBurst(), config.apiCallsPerSecond(), recovery));
  }

  CallBudgets withDescribe(TokenBudget budget) {
    return new CallBudgets(budget, associate);
  }

  CallBudgets withAssociate(TokenBudget budget) {
    return new CallBudgets(describe, budget);
  }
}

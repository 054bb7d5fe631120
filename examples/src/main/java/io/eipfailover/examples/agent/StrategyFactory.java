package io.eipfailover.examples.agent;

import io.eipfailover.core.FailoverStrategies;
import io.eipfailover.core.FailoverStrategy;

/** Turns the {@code strategy*} keys into a built-in {@link FailoverStrategy}. */
final class StrategyFactory {
  private StrategyFactory() {}

  static FailoverStrategy create(AgentConfig.Strategy s) {
    return switch (s.kind()) {
      case HOME_WITH_FAILBACK -> FailoverStrategies.homeWithFailback(s.failbackDelay());
      case STICKY -> FailoverStrategies.sticky();
      case PRIORITY -> FailoverStrategies.priority(s.priorities(), s.failbackDelay());
      case BALANCED -> FailoverStrategies.balanced(s.failbackDelay());
    };
  }
}

package io.eipfailover.examples.agent;

import io.eipfailover.core.EipFailoverException;
import java.util.List;

/**
 * The agent's configuration is unusable. Carries every problem found (not just the first), each
 * naming the key and showing the bad value, so one edit fixes them all.
 */
public final class AgentConfigException extends EipFailoverException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public AgentConfigException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** One message per bad key, in file order where the order is known. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder sb = new StringBuilder("invalid configuration (").append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}

package io.eipfailover.examples.agent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Warns about guard combinations known to move EIPs back and forth when only heartbeats are lost
 * (both nodes up and serving). In that fault a guard that allows <em>both</em> sides lets each take
 * the other's EIP: they move away and back, and a one-way loss makes them ping-pong. The end-to-end
 * suite measured it (examples/e2e/RESULTS.md, case 4b: {@code anyOf(reachability,
 * ec2-instance-state)}) and measured {@code allOf(reachability, peer-probe)} moving nothing (case 4).
 *
 * <p>Per guard, in that fault: {@code reachability} allows both (both reach the gateway), {@code
 * unguarded} allows both, {@code quorum} allows both in a cluster of three or more (each side still
 * hears a third node), {@code peer-probe} denies (the holder still serves), {@code
 * ec2-instance-state} denies (the holder's instance runs). {@code all} is risky when every guard
 * allows both; {@code any} when one does. Stateless.
 */
final class GuardAdvice {
  private GuardAdvice() {}

  /** The warning for {@code guards} in a cluster of {@code nodes}, or empty when the combination denies such moves. */
  static Optional<String> pingPongRisk(AgentConfig.Guards guards, int nodes) {
    List<AgentConfig.GuardKind> kinds = guards.kinds();
    boolean risky = guards.anyOf() ? kinds.stream().anyMatch(k -> allowsBoth(k, nodes))
        : kinds.stream().allMatch(k -> allowsBoth(k, nodes));
    if (!risky) {
      return Optional.empty();
    }
    String names = String.join(",", kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    return Optional.of("guard '" + names + "'" + (kinds.size() > 1 ? " (guard.combine=" + (guards.anyOf() ? "any" : "all")
        + ")" : "") + " can allow both nodes to take each other's EIPs when only heartbeats are lost (both up and"
        + " serving): the EIPs move away and back, and a one-way loss makes them ping-pong (measured: examples/e2e/"
        + "RESULTS.md, case 4b). Add peer-probe with guard.combine=all, as the shipped sample does: it denies a takeover"
        + " while the holder still serves");
  }

  private static boolean allowsBoth(AgentConfig.GuardKind kind, int nodes) {
    return switch (kind) {
      case REACHABILITY, UNGUARDED -> true;
      case QUORUM -> nodes >= 3;
      case PEER_PROBE, EC2_INSTANCE_STATE -> false;
    };
  }
}

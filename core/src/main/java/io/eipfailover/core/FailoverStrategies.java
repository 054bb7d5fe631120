package io.eipfailover.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@link FailoverStrategy}s. All are pure and deterministic and share these rules:
 *
 * <ul>
 *   <li>an EIP whose holder is {@link NodeState#ALIVE} or {@link NodeState#SUSPECT} stays where it
 *       is unless the strategy prefers another alive node (suspicion alone never moves an EIP);
 *   <li>an EIP held by a dead, standby or unhealthy node, or by nobody, is <em>orphaned</em> and
 *       goes to an eligible ({@code ALIVE}) node with a free attachment point;
 *   <li>a node receives a foreign EIP only on one of its free reserved points, lowest index first.
 * </ul>
 */
public final class FailoverStrategies {
  /** Default fail-back delay: how long a returning home node must stay alive before it pulls. */
  public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(10);

  private FailoverStrategies() {}

  /** {@link #homeWithFailback(Duration)} with {@link #DEFAULT_FAILBACK_DELAY}. */
  public static FailoverStrategy defaults() {
    return homeWithFailback(DEFAULT_FAILBACK_DELAY);
  }

  /**
   * Every EIP lives on its home node; an orphaned EIP goes to the first alive node after its home
   * in sorted node order (ring order) that has a free reserved point; the home node pulls it back
   * once it has been alive for {@code failbackDelay} (Heartbeat's {@code auto_failback on}).
   *
   * <p>Trade-off: a longer delay rides out a flapping node (one bad minute costs one move, not
   * many) at the price of the EIP staying on the survivor longer; zero fails back at once.
   */
  public static FailoverStrategy homeWithFailback(Duration failbackDelay) {
    throw new UnsupportedOperationException("homeWithFailback: being written");
  }

  /**
   * Like {@link #homeWithFailback} but an EIP stays where it is for as long as its holder is alive:
   * no fail-back, one move per failure (Heartbeat {@code auto_failback off}, keepalived {@code
   * nopreempt}). Orphaned EIPs go home first if home is alive, else to the ring successor.
   */
  public static FailoverStrategy sticky() {
    throw new UnsupportedOperationException("sticky: being written");
  }

  /**
   * Each EIP has an ordered list of nodes (keepalived priorities): it belongs to the first alive
   * node of its list that has a free point; a better-ranked node pulls it once alive for {@code
   * failbackDelay}. Nodes not in an EIP's list never take it. Every EIP of the topology must have a
   * list, each list non-empty, naming only topology nodes, with the home first (checked when the
   * strategy is first used with a topology).
   */
  public static FailoverStrategy priority(Map<String, List<NodeId>> nodesByAllocationId, Duration failbackDelay) {
    throw new UnsupportedOperationException("priority: being written");
  }

  /**
   * For N nodes: orphaned EIPs are spread over the alive nodes by rendezvous (highest-random-weight)
   * hashing of (allocation id, node id), skipping nodes without a free reserved point; home nodes
   * pull their EIPs back after {@code failbackDelay}. Losing one node of N moves its EIPs to several
   * survivors instead of one, and a node's return moves only its own EIPs.
   */
  public static FailoverStrategy balanced(Duration failbackDelay) {
    throw new UnsupportedOperationException("balanced: being written");
  }
}
